//! The scalar functions, row by row: `sla_entry` is the library's one
//! normalisation (D26): the message key it gives (D19: `""` is no serial
//! number, a refusal is known by its request and place, or by its row) and
//! the library's reason in the library's words, in the order it checks
//! (D22, D23); `sla_code_class` gives the code table's class (D15).

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

/// Each row's `sla_entry` key and reason, as `key | reason`.
async fn entries(rows: &str) -> Vec<String> {
    let sql = format!(
        "SELECT concat(coalesce(e['key'], '(row)'), ' | ', coalesce(e['reason'], 'read')) FROM (
           SELECT sla_entry(kind, CAST(at AS TIMESTAMP), serial, phone, status, code, request_id,
                            CAST(position AS BIGINT UNSIGNED), rejected) AS e
           FROM (VALUES {rows}) AS t(kind, at, serial, phone, status, code, request_id, position, rejected))"
    );
    column(&sql).await.into_iter().map(Option::unwrap).collect()
}

#[tokio::test]
async fn d26_sla_entry_keys_and_words_each_row_as_the_library_does() {
    let got = entries(
        "('send',    '2025-02-01T00:00:00Z', 's1', '+86', NULL,      'Ok',                    'r1', 0,    NULL),
         ('send',    '2025-02-01T00:00:00Z', '',   '+86', NULL,      'InternalError.Timeout', 'r1', 1,    NULL),
         ('send',    '2025-02-01T00:00:00Z', NULL, '+86', NULL,      'InternalError.Timeout', NULL, 1,    NULL),
         ('send',    '2025-02-01T00:00:00Z', NULL, '+86', NULL,      'InternalError.Timeout', NULL, NULL, NULL),
         ('send',    '2025-02-01T00:00:00Z', '',   NULL,  NULL,      'Ok',                    'r1', 2,    NULL),
         ('send',    '2025-02-01T00:00:00Z', 's1', NULL,  NULL,      ' ',                     'r1', 3,    NULL),
         ('receipt', '2025-02-01T00:00:00Z', 's1', NULL,  'SUCCESS', 'DELIVRD',               NULL, NULL, NULL),
         ('receipt', NULL,                   's1', NULL,  'SUCCESS', 'DELIVRD',               NULL, NULL, NULL),
         ('receipt', '2025-02-01T00:00:00Z', 's1', NULL,  'LOST',    NULL,                    NULL, NULL, NULL),
         ('receipt', '2025-02-01T00:00:00Z', NULL, NULL,  'LOST',    NULL,                    NULL, NULL, NULL),
         ('receipt', '2025-02-01T00:00:00Z', 's1', NULL,  'FAIL',    NULL,                    NULL, NULL, NULL),
         ('receipt', '2025-02-01T00:00:00Z', '',   NULL,  'SUCCESS', 'DELIVRD',               NULL, NULL, NULL),
         ('receipt', '2025-02-01T00:00:00Z', 's1', NULL,  'FAIL',    repeat('x', 70),         NULL, NULL, NULL),
         ('receipt', '2025-02-01T00:00:00Z', 's2', NULL,  NULL,      NULL,                    NULL, NULL, 'line 3 is not JSON')",
    )
    .await;
    assert_eq!(
        got,
        [
            "s:s1 | read",
            // D19: refused without a serial number ("" is none): a message
            // of its own, by its request and place; without a request id,
            // by its instant; without a place, by its row.
            "r:r1#1 | read",
            "t:2025-02-01T00:00:00.000000000Z#1 | read",
            "(row) | read",
            "(row) | field `SerialNo` is missing",
            "s:s1 | field `Code` is missing",
            "s:s1 | read",
            "s:s1 | field `user_receive_time` is missing",
            "s:s1 | report_status `LOST` is neither SUCCESS nor FAIL",
            "(row) | report_status `LOST` is neither SUCCESS nor FAIL",
            // D23: a FAIL without a code is a failure with no code, and an
            // odd code is kept, marked: neither is rejected.
            "s:s1 | read",
            "(row) | field `sid` is missing",
            "s:s1 | read",
            // A row rejected where it was read stays rejected, by its
            // message (D22).
            "s:s2 | line 3 is not JSON",
        ]
    );
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

/// An argument of another kind than the function reads is refused when
/// the query is planned, with the function, the argument and both types
/// named; text of any encoding and timestamps of any unit are read.
#[tokio::test]
async fn arguments_of_another_kind_are_refused_at_planning() {
    let ctx = SessionContext::new();
    sms_sla_datafusion::register(&ctx, &CodeTable::tencent_default());
    let err = ctx
        .sql("SELECT sla_code_class(200)")
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("sla_code_class argument 1 is Int64, which does not cast to Utf8"),
        "{err}"
    );
    let err = ctx
        .sql("SELECT sla_entry('send', 5, 's1', NULL, NULL, 'Ok', 'r1', 0, NULL)")
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("sla_entry argument 2 is Int64"), "{err}");
    let classes = column(
        "SELECT sla_code_class(arrow_cast(code, 'Utf8View')) FROM (VALUES ('DELIVRD')) AS t(code)",
    )
    .await;
    assert_eq!(classes, [Some("delivered".to_owned())]);
}
