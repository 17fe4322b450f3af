//! The library calls behind `sms-sla assess --sample`: Tencent's documents
//! into one `MessageLog` (one entry per serial number), the log into an
//! `Assessor`, and one verdict per Service Month out.
//!
//! ```sh
//! cargo run --release --example report
//! ```
//!
//! The data is `cli/sample/`, written by the `sample_data` example:
//! SendSms results and delivery callbacks (one redelivered) over the
//! agreement's example term, 17 March 2024 plus three months, with a
//! maintenance window on 5 June 2024. The `sms-sla` command does the same
//! for your own files, with fees, formats and exit statuses.

use std::process::ExitCode;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use sms_sla::assess::{Assessor, MonthlyFees};
use sms_sla::calendar::ChinaMainland;
use sms_sla::tencent::{CodeTable, MessageLog};
use sms_sla::traffic::{AccountKind, Announcements, Window};
use sms_sla::{DeductionKind, Error, Money, MonthlyServiceFee, SlaPolicy, Term};

fn main() -> ExitCode {
    match run() {
        Ok(table) => {
            print!("{table}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<String, String> {
    let policy = SlaPolicy::tencent_sms();
    let term: Term = "2024-03-17+3".parse().map_err(|e: Error| e.to_string())?;
    let maintenance = Window::new(
        instant("2024-06-05T02:00:00Z")?,
        instant("2024-06-05T04:00:00Z")?,
    )
    .map_err(|e| e.to_string())?;
    let notices = Announcements::new().with_maintenance(maintenance);
    let mut assessor =
        Assessor::new(&policy, term, AccountKind::Ordinary, notices).map_err(|e| e.to_string())?;

    // Every document into one log, in any order: a redelivered receipt is a
    // duplicate, not a second message.
    let mut log = MessageLog::new(CodeTable::tencent_default());
    for line in data("send_sms.ndjson")?
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        // One SendSms call per line: `{"sent_at": ..., "response": {...}}`.
        let call: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
        let sent_at = instant(call["sent_at"].as_str().ok_or("a call without `sent_at`")?)?;
        log.read_send_sms(&call["response"].to_string(), sent_at)
            .map_err(|e| e.to_string())?;
    }
    log.read_callback(&data("callbacks.json")?)
        .map_err(|e| e.to_string())?;
    log.read_callback_lines(data("callbacks_redelivered.ndjson")?.as_bytes())
        .map_err(|e| e.to_string())?;
    assessor.add_log(&log).map_err(|e| e.to_string())?;

    let cny = |cents: i64| Money::new(Decimal::new(cents, 2), "CNY");
    let fee = |cents| cny(cents).map(MonthlyServiceFee::new);
    let fees: MonthlyFees = term
        .service_months()
        .zip([
            fee(5000),
            fee(12000).and_then(|f| f.with_deduction(DeductionKind::Coupon, cny(2000)?)),
            fee(13000).and_then(|f| f.with_deduction(DeductionKind::Voucher, cny(10000)?)),
            fee(6000),
        ])
        .map(|(month, fee)| fee.map(|fee| (month, fee)))
        .collect::<Result<_, Error>>()
        .map_err(|e| e.to_string())?;
    let price = Money::new(Decimal::new(45, 3), "CNY").map_err(|e| e.to_string())?;
    let as_of = NaiveDate::from_ymd_opt(2024, 7, 10).ok_or("bad date")?;
    let assessment = assessor
        .finish(&fees, &price, &ChinaMainland::new(), as_of)
        .map_err(|e| e.to_string())?;
    Ok(assessment.to_table())
}

/// A sample file, found from the crate's directory so the example runs from
/// anywhere.
fn data(name: &str) -> Result<String, String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../cli/sample/").to_owned() + name;
    std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))
}

fn instant(text: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(text)
        .map(|at| at.to_utc())
        .map_err(|e| format!("{text}: {e}"))
}
