//! The engine's answers are the library's: the DataFusion pipeline and the
//! in-process `MessageLog` path give the same assessments, byte for byte
//! in JSON, on generated data with repeats, conflicts, refusals, missing
//! and unmatched receipts (D18-D23).

mod common;

use std::collections::BTreeMap;

use common::{as_of, clean, in_process, price, tempdir};
use sms_sla::assess::Assessment;
use sms_sla::calendar::ChinaMainland;
use sms_sla::tencent::{CodeTable, LogStats};
use sms_sla_datafusion::Error;
use sms_sla_datafusion::pipeline::{self, Pricing, TableFormat};
use sms_sla_datafusion::sample::{self, Spec};
use sms_sla_datafusion::tables::{Written, extension};

async fn engine(spec: &Spec, format: TableFormat, partitions: usize) -> BTreeMap<String, String> {
    engine_within(spec, format, partitions, 256 << 20).await
}

async fn engine_within(
    spec: &Spec,
    format: TableFormat,
    partitions: usize,
    memory: usize,
) -> BTreeMap<String, String> {
    let (got, _) = run(spec, format, partitions, memory).await;
    got.unwrap()
        .into_iter()
        .map(|(id, assessment)| (id, serde_json::to_string(&assessment).unwrap()))
        .collect()
}

/// Writes `spec` as `format` tables, assesses them on `partitions` within
/// `memory` bytes, and removes them: the assessments (or the engine's
/// error) and the rows written.
async fn run(
    spec: &Spec,
    format: TableFormat,
    partitions: usize,
    memory: usize,
) -> (Result<BTreeMap<String, Assessment>, Error>, Written) {
    let dir = tempdir();
    let written = sample::write(spec, &dir, format).unwrap();
    let ext = extension(format);
    let table = CodeTable::tencent_default();
    let ctx = sms_sla_datafusion::session(memory, None, partitions, &table).unwrap();
    pipeline::register_inputs(
        &ctx,
        dir.join(format!("sends.{ext}")).to_str().unwrap(),
        dir.join(format!("receipts.{ext}")).to_str().unwrap(),
        format,
    )
    .await
    .unwrap();
    let accounts = spec.accounts().unwrap();
    let pricing = Pricing {
        unit_price: &price(),
        calendar: &ChinaMainland::new(),
        as_of: as_of(),
    };
    let got = pipeline::assess(&ctx, &accounts, pricing).await;
    std::fs::remove_dir_all(&dir).unwrap();
    (got, written)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn d20_pipeline_on_parquet_equals_message_log_byte_for_byte() {
    let spec = clean(7, 20_000, 3);
    let expected = in_process(&spec);
    let got = engine(&spec, TableFormat::Parquet, 2).await;
    assert_eq!(got.len(), 7);
    // The data has every kind of trouble the rule resolves.
    let first: serde_json::Value = serde_json::from_str(&expected["a0000"]).unwrap();
    let stats = &first["reconciliation"];
    for count in ["duplicates", "conflicts", "unreceipted", "unmatched"] {
        assert!(stats[count].as_u64().unwrap() > 0, "{count} in {stats}");
    }
    // a0003 is a troubled account: compensation is owed.
    let troubled: serde_json::Value = serde_json::from_str(&expected["a0003"]).unwrap();
    let owed: rust_decimal::Decimal = troubled["total"]["amount"]["amount"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(owed > rust_decimal::Decimal::ZERO, "{}", troubled["total"]);
    for (id, json) in &expected {
        assert_eq!(got.get(id), Some(json), "account {id}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn d20_pipeline_on_ndjson_equals_message_log_byte_for_byte() {
    let spec = clean(3, 3_000, 11);
    assert_eq!(
        engine(&spec, TableFormat::NdJson, 1).await,
        in_process(&spec)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn d20_pipeline_spills_past_its_memory_limit_and_still_equals_message_log() {
    // 150,000 messages grouped by serial number need tens of megabytes of
    // state; the engine has 32, so its aggregates spill to disk.
    let spec = clean(4, 150_000, 5);
    let got = engine_within(&spec, TableFormat::Parquet, 2, 32 << 20).await;
    assert_eq!(got, in_process(&spec));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn d22_rejected_rows_are_placed_within_the_memory_limit() {
    // Rejected rows name messages (0.1% of rows): placing them joins the
    // few keys they name with every entry. Built the other way round, the
    // join's table held every entry, past the 32 MiB the pool allows.
    let spec = Spec {
        seed: 17,
        ..Spec::new(4, 150_000)
    };
    let (got, _) = run(&spec, TableFormat::Parquet, 2, 32 << 20).await;
    let got = got.unwrap();
    assert_eq!(got.len(), 4);
    let rejected: u64 = got
        .values()
        .map(|assessment| assessment.reconciliation().map_or(0, LogStats::rejected))
        .sum();
    assert!(rejected > 0, "the data has rejected rows");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn d22_malformed_rows_are_counted_in_their_month_and_every_row_is_accounted_for() {
    // The default rates: 0.1% of rows malformed (an unknown status, no
    // serial number), besides every other kind of trouble.
    let spec = Spec {
        seed: 13,
        ..Spec::new(3, 30_000)
    };
    let (got, written) = run(&spec, TableFormat::Parquet, 2, 256 << 20).await;
    let got = got.unwrap();

    // D18: every row is a send, a receipt or a rejected entry.
    let (mut rows, mut rejected) = (0, 0);
    for assessment in got.values() {
        let stats = assessment.reconciliation().unwrap();
        rows += stats.sends() + stats.receipts() + stats.rejected();
        rejected += stats.rejected();
        assert_eq!(stats.rejected(), assessment.rejected());
    }
    assert_eq!(rows, written.sends + written.receipts);
    assert!(rejected > 0);

    // The same counts and months as MessageLog; only the samples' wording
    // differs (by table in the engine, by document in the log).
    let expected = in_process(&spec);
    for (id, assessment) in &got {
        let mut mine = serde_json::to_value(assessment).unwrap();
        let mut theirs: serde_json::Value = serde_json::from_str(&expected[id]).unwrap();
        for value in [&mut mine, &mut theirs] {
            value.as_object_mut().unwrap().remove("rejection_samples");
        }
        assert_eq!(mine, theirs, "account {id}");
    }
    assert!(got["a0000"].rejection_samples()[0].starts_with("receipt entry: "));
}

// Source: SPEC D19, D23 (revised): in a table, `""` is no serial number; a
// refusal is known by its request and place, and one without a place by
// its row, so two equal rows are two messages; the same response written
// twice adds only a duplicate.
/// The tables of `d19_refusals_in_a_table_...`: refusals with and without
/// a place, the same response twice, accepted sends, a receipt with
/// `sid: ""`.
fn refusal_tables() -> (
    datafusion::arrow::array::RecordBatch,
    datafusion::arrow::array::RecordBatch,
) {
    use std::sync::Arc;

    use datafusion::arrow::array::{
        ArrayRef, RecordBatch, StringArray, TimestampNanosecondArray, UInt64Array,
    };

    let at = chrono::DateTime::parse_from_rfc3339("2025-01-10T02:00:00Z")
        .unwrap()
        .timestamp_nanos_opt()
        .unwrap();
    let text = |values: &[Option<&str>]| Arc::new(StringArray::from(values.to_vec())) as ArrayRef;
    let rows = 7;
    let sends = RecordBatch::try_new(
        pipeline::sends_schema(),
        vec![
            text(&[Some("a0000"); 7]),
            // Two refusals with no place (null and ""), the same response
            // twice (r1, place 0), a second refusal of r1, an accepted send.
            text(&[
                Some(""),
                None,
                Some(""),
                Some(""),
                None,
                Some("s1"),
                Some("s2"),
            ]),
            Arc::new(TimestampNanosecondArray::from(vec![at; rows]).with_timezone("UTC")),
            text(&[Some("+86138"); 7]),
            text(&[
                Some("InternalError.Timeout"),
                Some("InternalError.Timeout"),
                Some("InternalError.Timeout"),
                Some("InternalError.Timeout"),
                Some("InternalError.Timeout"),
                Some("Ok"),
                Some(" Ok "),
            ]),
            text(&[
                None,
                None,
                Some("r1"),
                Some("r1"),
                Some("r1"),
                Some("r1"),
                Some(""),
            ]),
            Arc::new(UInt64Array::from(vec![
                None,
                None,
                Some(0),
                Some(0),
                Some(1),
                Some(2),
                Some(3),
            ])),
            text(&[None; 7]),
        ],
    )
    .unwrap();
    let receipts = RecordBatch::try_new(
        pipeline::receipts_schema(),
        vec![
            text(&[Some("a0000"); 2]),
            // A receipt with `sid: ""` is malformed, never a message.
            text(&[Some("s1"), Some("")]),
            Arc::new(TimestampNanosecondArray::from(vec![at; 2]).with_timezone("UTC")),
            text(&[Some("SUCCESS"); 2]),
            text(&[Some("DELIVRD"); 2]),
            text(&[None; 2]),
        ],
    )
    .unwrap();
    (sends, receipts)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn d19_refusals_in_a_table_are_known_by_request_and_place_or_by_their_row() {
    let (sends, receipts) = refusal_tables();
    let spec = Spec {
        start: chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        ..Spec::new(1, 0)
    };
    let ctx =
        sms_sla_datafusion::session(64 << 20, None, 2, &CodeTable::tencent_default()).unwrap();
    ctx.register_batch("sends", sends).unwrap();
    ctx.register_batch("receipts", receipts).unwrap();
    let pricing = Pricing {
        unit_price: &price(),
        calendar: &ChinaMainland::new(),
        as_of: as_of(),
    };
    let got = pipeline::assess(&ctx, &spec.accounts().unwrap(), pricing)
        .await
        .unwrap();
    let stats = got["a0000"].reconciliation().unwrap();
    assert_eq!(
        (
            stats.messages(),
            stats.sends(),
            stats.receipts(),
            stats.duplicates(),
            stats.unreceipted(),
            stats.rejected()
        ),
        (6, 7, 1, 1, 1, 1),
        "{stats}"
    );
    let january = got["a0000"].months()[0].tally();
    assert_eq!(
        (
            january.provider_side(),
            january.delivered(),
            january.unconfirmed()
        ),
        (4, 1, 1)
    );
}
