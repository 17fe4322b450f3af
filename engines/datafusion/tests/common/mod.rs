//! What the engine tests share: the in-process path and the data.
#![allow(dead_code, unreachable_pub)]

use std::collections::BTreeMap;

use chrono::{FixedOffset, NaiveDate};
use rust_decimal::Decimal;
use sms_sla::Money;
use sms_sla::assess::{Assessment, Assessor};
use sms_sla::calendar::ChinaMainland;
use sms_sla::tencent::{CodeTable, MessageLog};
use sms_sla_datafusion::pipeline::Account;
use sms_sla_datafusion::sample::{self, Rates, Row, Spec};

pub fn price() -> Money {
    Money::new(Decimal::new(45, 3), "CNY").unwrap()
}

pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 5, 20).unwrap()
}

/// The in-process path: each account's documents read into its own log.
pub fn in_process(spec: &Spec) -> BTreeMap<String, String> {
    let mut rows = Vec::new();
    sample::generate(spec, |row| {
        rows.push(row);
        Ok(())
    })
    .unwrap();
    in_process_rows(&rows, &spec.accounts().unwrap())
}

/// The in-process path over `rows`: each account's documents read into its
/// own log, one document per row; rejected entries are counted.
pub fn in_process_rows(rows: &[Row], accounts: &[Account]) -> BTreeMap<String, String> {
    let table = CodeTable::tencent_default();
    let mut logs: BTreeMap<String, MessageLog> = BTreeMap::new();
    let beijing = FixedOffset::east_opt(8 * 3600).unwrap();
    for row in rows.iter().cloned() {
        match row {
            Row::Send(send) => {
                let mut entry = serde_json::json!({"PhoneNumber": send.phone, "Code": send.code});
                if let Some(serial) = &send.serial {
                    entry["SerialNo"] = serial.as_str().into();
                }
                // Each send its own response, the entry at its place in it.
                assert_eq!(send.position, 0, "one entry per response");
                let doc = serde_json::json!({"Response": {"SendStatusSet": [entry], "RequestId": send.request_id}});
                let log = logs
                    .entry(send.account)
                    .or_insert_with(|| MessageLog::new(table.clone()));
                log.read_send_sms(&doc.to_string(), send.requested_at)
                    .unwrap();
            }
            Row::Receipt(receipt) => {
                let mut entry = serde_json::json!({
                    "user_receive_time": receipt.received_at.with_timezone(&beijing).format("%Y-%m-%d %H:%M:%S").to_string(),
                    "report_status": receipt.status,
                });
                if let Some(code) = &receipt.code {
                    entry["errmsg"] = code.as_str().into();
                }
                if let Some(serial) = &receipt.serial {
                    entry["sid"] = serial.as_str().into();
                }
                let log = logs
                    .entry(receipt.account)
                    .or_insert_with(|| MessageLog::new(table.clone()));
                log.read_callback(&serde_json::json!([entry]).to_string())
                    .unwrap();
            }
        }
    }
    accounts
        .iter()
        .map(|account| {
            let mut assessor = Assessor::new(
                &account.policy,
                account.term,
                account.kind,
                account.announcements.clone(),
            )
            .unwrap();
            // An account without data reads as an empty log.
            let empty = MessageLog::new(table.clone());
            assessor
                .add_log(logs.get(&account.id).unwrap_or(&empty))
                .unwrap();
            let assessment: Assessment = assessor
                .finish(&account.fees, &price(), &ChinaMainland::new(), as_of())
                .unwrap();
            (
                account.id.clone(),
                serde_json::to_string(&assessment).unwrap(),
            )
        })
        .collect()
}

pub fn tempdir() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "sms-sla-datafusion-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn clean(accounts: u32, messages: u64, seed: u64) -> Spec {
    Spec {
        rates: Rates {
            malformed: 0,
            ..Rates::default()
        },
        seed,
        ..Spec::new(accounts, messages)
    }
}
