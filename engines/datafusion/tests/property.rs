//! On random entries (repeats, ties, conflicts, refusals with and without
//! serial numbers, contradictions, rejected rows, any order) the engine's
//! `sla_message` and `sla_tally`, split over partitions, agree with
//! `MessageLog` (D19-D22): the same assessment, rejection samples aside
//! (the engine words a rejected row by its table, not by its document).

mod common;

use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use datafusion::arrow::array::{
    ArrayRef, RecordBatch, StringArray, TimestampNanosecondArray, UInt64Array,
};
use proptest::prelude::*;
use sms_sla::calendar::ChinaMainland;
use sms_sla::tencent::CodeTable;
use sms_sla_datafusion::pipeline::{self, Pricing};
use sms_sla_datafusion::sample::{Receipt, Row, Send, Spec};

const SEND_CODES: [&str; 4] = [
    "Ok",
    "InternalError.Timeout",
    "FailedOperation.PhoneNumberInBlacklist",
    "DELIVRD",
];
const RECEIPT_CODES: [Option<&str>; 7] = [
    Some("DELIVRD"),
    Some("MK:0001"),
    Some("UNDELIV"),
    Some("MX:0009"),
    Some("-106"),
    Some("Ok"),
    None,
];

fn base() -> DateTime<Utc> {
    DateTime::from_timestamp(1_738_368_000, 0).unwrap() // 2025-02-01 00:00 UTC
}

fn row() -> impl Strategy<Value = Row> {
    // D19, D23: `""` is no serial number, as null is.
    let serial = prop_oneof![
        8 => (0..5_u8).prop_map(|n| Some(format!("s{n}"))),
        1 => Just(Some(String::new())),
        1 => Just(None)
    ];
    (
        any::<bool>(),
        serial,
        0..4_i64,
        0..4_usize,
        0..7_usize,
        0..3_u8,
        0..3_u8,
    )
        .prop_map(
            |(is_send, serial, second, send_code, receipt_code, status, request)| {
                let at = base() + Duration::seconds(second);
                if is_send {
                    // A few requests: the same one twice is a response read
                    // twice.
                    Row::Send(Send {
                        account: "a0000".into(),
                        serial,
                        requested_at: at + Duration::milliseconds(250),
                        phone: format!("+86138000000{second}"),
                        code: SEND_CODES[send_code].into(),
                        request_id: format!("r{request}"),
                        position: 0,
                    })
                } else {
                    Row::Receipt(Receipt {
                        account: "a0000".into(),
                        serial,
                        received_at: at,
                        status: ["SUCCESS", "FAIL", "LOST"][usize::from(status)].into(),
                        code: RECEIPT_CODES[receipt_code].map(Into::into),
                    })
                }
            },
        )
}

fn batches(rows: &[Row]) -> (RecordBatch, RecordBatch) {
    let nanos = |at: DateTime<Utc>| at.timestamp_nanos_opt().unwrap();
    let sends: Vec<&Send> = rows
        .iter()
        .filter_map(|r| if let Row::Send(s) = r { Some(s) } else { None })
        .collect();
    let receipts: Vec<&Receipt> = rows
        .iter()
        .filter_map(|r| {
            if let Row::Receipt(r) = r {
                Some(r)
            } else {
                None
            }
        })
        .collect();
    let text = |values: Vec<Option<&str>>| Arc::new(StringArray::from(values)) as ArrayRef;
    let times = |values: Vec<i64>| {
        Arc::new(TimestampNanosecondArray::from(values).with_timezone("UTC")) as ArrayRef
    };
    let sends = RecordBatch::try_new(
        pipeline::sends_schema(),
        vec![
            text(sends.iter().map(|s| Some(s.account.as_str())).collect()),
            text(sends.iter().map(|s| s.serial.as_deref()).collect()),
            times(sends.iter().map(|s| nanos(s.requested_at)).collect()),
            text(sends.iter().map(|s| Some(s.phone.as_str())).collect()),
            text(sends.iter().map(|s| Some(s.code.as_str())).collect()),
            text(sends.iter().map(|s| Some(s.request_id.as_str())).collect()),
            Arc::new(UInt64Array::from(
                sends.iter().map(|s| s.position).collect::<Vec<_>>(),
            )),
            text(sends.iter().map(|_| None).collect()),
        ],
    )
    .unwrap();
    let receipts = RecordBatch::try_new(
        pipeline::receipts_schema(),
        vec![
            text(receipts.iter().map(|r| Some(r.account.as_str())).collect()),
            text(receipts.iter().map(|r| r.serial.as_deref()).collect()),
            times(receipts.iter().map(|r| nanos(r.received_at)).collect()),
            text(receipts.iter().map(|r| Some(r.status.as_str())).collect()),
            text(receipts.iter().map(|r| r.code.as_deref()).collect()),
            text(receipts.iter().map(|_| None).collect()),
        ],
    )
    .unwrap();
    (sends, receipts)
}

fn without_samples(json: &str) -> serde_json::Value {
    let mut value: serde_json::Value = serde_json::from_str(json).unwrap();
    value.as_object_mut().unwrap().remove("rejection_samples");
    value
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn d20_engine_agrees_with_message_log_on_random_entries(rows in prop::collection::vec(row(), 1..40), partitions in 1..4_usize) {
        let spec = Spec { start: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(), months: 3, ..Spec::new(1, 0) };
        let accounts = spec.accounts().unwrap();
        let expected = common::in_process_rows(&rows, &accounts);
        let (sends, receipts) = batches(&rows);
        let got = tokio::runtime::Runtime::new().unwrap().block_on(async {
            let table = CodeTable::tencent_default();
            let ctx = sms_sla_datafusion::session(64 << 20, None, partitions, &table).unwrap();
            // Small batches: the partial states of one message meet in the
            // final aggregate.
            ctx.register_batch("sends_all", sends).unwrap();
            ctx.register_batch("receipts_all", receipts).unwrap();
            ctx.sql("CREATE VIEW sends AS SELECT * FROM sends_all").await.unwrap();
            ctx.sql("CREATE VIEW receipts AS SELECT * FROM receipts_all").await.unwrap();
            let pricing = Pricing { unit_price: &common::price(), calendar: &ChinaMainland::new(), as_of: common::as_of() };
            pipeline::assess(&ctx, &accounts, pricing).await.unwrap()
        });
        let got = serde_json::to_string(&got["a0000"]).unwrap();
        prop_assert_eq!(without_samples(&got), without_samples(&expected["a0000"]));
    }
}
