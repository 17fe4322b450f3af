//! The scalar functions, row by row: `sla_reject` gives the library's
//! reason in the library's words, in the order `MessageLog` checks (D19,
//! D22); `sla_code_class` gives the code table's class (D15).

use datafusion::arrow::array::{Array, AsArray};
use datafusion::prelude::SessionContext;
use sms_sla::tencent::CodeTable;

async fn column(sql: &str) -> Vec<Option<String>> {
    let ctx = SessionContext::new();
    sms_sla_datafusion::register(&ctx, &CodeTable::tencent_default());
    let batches = ctx.sql(sql).await.unwrap().collect().await.unwrap();
    batches
        .iter()
        .flat_map(|batch| {
            let column = batch.column(0).as_string::<i32>();
            (0..batch.num_rows())
                .map(|row| column.is_valid(row).then(|| column.value(row).to_owned()))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[tokio::test]
async fn d22_sla_reject_words_each_reason_as_the_library_does() {
    let reasons = column(
        "SELECT sla_reject(kind, CAST(at AS TIMESTAMP), serial, status, code) FROM (VALUES
            ('send',    '2025-02-01T00:00:00Z', 's1', NULL,      'Ok'),
            ('send',    '2025-02-01T00:00:00Z', NULL, NULL,      'InternalError.Timeout'),
            ('send',    '2025-02-01T00:00:00Z', NULL, NULL,      'Ok'),
            ('send',    '2025-02-01T00:00:00Z', 's1', NULL,      NULL),
            ('receipt', '2025-02-01T00:00:00Z', 's1', 'SUCCESS', 'DELIVRD'),
            ('receipt', NULL,                   's1', 'SUCCESS', 'DELIVRD'),
            ('receipt', '2025-02-01T00:00:00Z', 's1', 'LOST',    NULL),
            ('receipt', '2025-02-01T00:00:00Z', NULL, 'LOST',    NULL),
            ('receipt', '2025-02-01T00:00:00Z', 's1', 'FAIL',    NULL),
            ('receipt', '2025-02-01T00:00:00Z', NULL, 'SUCCESS', 'DELIVRD'),
            ('receipt', '2025-02-01T00:00:00Z', NULL, 'FAIL',    repeat('x', 70)),
            ('receipt', '2025-02-01T00:00:00Z', 's1', 'FAIL',    repeat('x', 70))
        ) AS t(kind, at, serial, status, code)",
    )
    .await;
    let expected = [
        None,
        None, // D19: refused without a serial number, a message of its own
        Some("field `SerialNo` is missing"),
        Some("field `Code` is missing"),
        None,
        Some("field `received_at` is missing"),
        Some("report_status `LOST` is neither SUCCESS nor FAIL"),
        Some("report_status `LOST` is neither SUCCESS nor FAIL"),
        Some("a failed receipt has neither a code nor a description"),
        Some("field `sid or SerialNo` is missing"),
        // The serial number is checked before the code is classified.
        Some("field `sid or SerialNo` is missing"),
        None,
    ];
    let mut expected: Vec<Option<String>> = expected.iter().map(|e| e.map(str::to_owned)).collect();
    expected[11] = Some(format!(
        "failure code `{}…` cannot be recorded",
        "x".repeat(64)
    ));
    assert_eq!(reasons, expected);
}

#[tokio::test]
async fn d15_sla_code_class_is_the_code_table() {
    let classes = column(
        "SELECT sla_code_class(code) FROM (VALUES ('DELIVRD'), ('Ok'), ('MK:0001'), ('-106'),
            ('LimitExceeded.AppDailyLimit'), ('InternalError.Timeout'), ('MX:9999'), (NULL)) AS t(code)",
    )
    .await;
    let classes: Vec<Option<&str>> = classes.iter().map(Option::as_deref).collect();
    assert_eq!(
        classes,
        [
            Some("delivered"),
            Some("submitted"),
            Some("invalid_number:non_existent"),
            Some("exempt:4.8"),
            Some("exempt:4.6"),
            Some("provider_side"),
            None,
            None
        ]
    );
}
