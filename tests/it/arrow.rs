//! The Arrow kernel tallies like the library's own records.

#![cfg(feature = "arrow")]

use crate::util::assert_rule;
use std::sync::Arc;

use crate::util::{Setup, d};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    ArrowDictionaryKeyType, Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type,
    UInt32Type, UInt64Type,
};
use arrow_array::{
    ArrayRef, DictionaryArray, Int64Array, LargeStringArray, RecordBatch, StringArray,
    StringViewArray, TimestampMillisecondArray, TimestampNanosecondArray,
};
use chrono::DateTime;
use sms_sla::Term;
use sms_sla::arrow::tally_batch;
use sms_sla::traffic::{
    Exemption, FailureCause, InvalidReason, Ledger, LedgerBuilder, MessageRecord, Outcome,
    Recipient, UnclassifiedCode,
};

fn term() -> Term {
    Term::from_months(d(2025, 3, 17), 3).unwrap()
}

/// (Unix seconds, class name, the record the name stands for).
fn rows() -> Vec<(i64, &'static str, Recipient, Outcome<'static>)> {
    let failed = |cause| Outcome::Failed(cause);
    let code = UnclassifiedCode::new("MK:0000").unwrap();
    let invalid_outcome = failed(FailureCause::Exempt(Exemption::NotAttributable));
    let base = 1_742_200_000; // 2025-03-17T08:26:40Z
    (0..600)
        .map(|i| {
            let (name, recipient, outcome) = match i % 7 {
                0 => (
                    "provider_side",
                    Recipient::Valid,
                    failed(FailureCause::ProviderSide),
                ),
                1 => (
                    "exempt:4.13",
                    Recipient::Valid,
                    failed(FailureCause::Exempt(Exemption::AnnouncedMaintenance)),
                ),
                2 => (
                    "invalid:powered_off",
                    Recipient::Invalid(InvalidReason::PoweredOff),
                    invalid_outcome,
                ),
                3 => ("unconfirmed", Recipient::Valid, Outcome::Unconfirmed),
                4 => (
                    "unclassified:MK:0000",
                    Recipient::Valid,
                    failed(FailureCause::Unclassified(code)),
                ),
                _ => ("delivered", Recipient::Valid, Outcome::Delivered),
            };
            (base + i * 14_400, name, recipient, outcome)
        })
        .collect()
}

fn expected() -> LedgerBuilder {
    let mut builder = Setup::new().builder(term());
    for (seconds, _, recipient, outcome) in rows() {
        builder.add(&MessageRecord::new(
            DateTime::from_timestamp(seconds, 0).unwrap(),
            recipient,
            outcome,
        ));
    }
    builder
}

fn tally(time: ArrayRef, class: ArrayRef) -> (LedgerBuilder, sms_sla::arrow::BatchSummary) {
    let batch = RecordBatch::try_from_iter([("sent_at", time), ("class", class)]).unwrap();
    let mut builder = Setup::new().builder(term());
    let outcome = tally_batch(&mut builder, &batch, "sent_at", "class").unwrap();
    (builder, outcome)
}

/// The names as a dictionary column with keys of type `K`.
fn dictionary<K: ArrowDictionaryKeyType>(names: &[&str]) -> ArrayRef {
    Arc::new(names.iter().copied().collect::<DictionaryArray<K>>())
}

/// The names as a dictionary column whose values are the array `values`
/// makes of the distinct names.
fn dictionary_with_values(names: &[&str], values: impl Fn(Vec<&str>) -> ArrayRef) -> ArrayRef {
    let utf8: DictionaryArray<Int32Type> = names.iter().copied().collect();
    let distinct: Vec<&str> = utf8
        .values()
        .as_string::<i32>()
        .iter()
        .map(Option::unwrap)
        .collect();
    Arc::new(DictionaryArray::try_new(utf8.keys().clone(), values(distinct)).unwrap())
}

#[test]
fn every_time_type_and_class_tallies_as_records_do() {
    let rows = rows();
    let names: Vec<&str> = rows.iter().map(|r| r.1).collect();
    let seconds: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let times: [ArrayRef; 3] = [
        Arc::new(Int64Array::from(seconds.clone())),
        Arc::new(TimestampMillisecondArray::from(
            seconds.iter().map(|s| s * 1_000).collect::<Vec<_>>(),
        )),
        Arc::new(TimestampNanosecondArray::from(
            seconds
                .iter()
                .map(|s| s * 1_000_000_000)
                .collect::<Vec<_>>(),
        )),
    ];
    for time in times {
        let classes: [ArrayRef; 13] = [
            Arc::new(StringArray::from(names.clone())),
            Arc::new(LargeStringArray::from(names.clone())),
            Arc::new(StringViewArray::from(names.clone())),
            // A dictionary of every integer key type.
            dictionary::<Int8Type>(&names),
            dictionary::<Int16Type>(&names),
            dictionary::<Int32Type>(&names),
            dictionary::<Int64Type>(&names),
            dictionary::<UInt8Type>(&names),
            dictionary::<UInt16Type>(&names),
            dictionary::<UInt32Type>(&names),
            dictionary::<UInt64Type>(&names),
            // Dictionaries of the other string types.
            dictionary_with_values(&names, |values| Arc::new(LargeStringArray::from(values))),
            dictionary_with_values(&names, |values| Arc::new(StringViewArray::from(values))),
        ];
        for class in classes {
            let (builder, outcome) = tally(time.clone(), class);
            assert_eq!((outcome.rows(), outcome.rejected()), (600, 0));
            assert_eq!(builder.finish(), expected().finish());
        }
    }
}

// Source: SPEC D18 (bad rows are counted, never dropped).
#[test]
fn d18_null_and_unknown_values_are_rejected_rows() {
    let time: ArrayRef = Arc::new(Int64Array::from(vec![
        Some(1_742_200_000),
        None,
        Some(1_742_200_000),
        Some(1_742_200_000),
    ]));
    let class: ArrayRef = Arc::new(StringArray::from(vec![
        Some("delivered"),
        Some("delivered"),
        None,
        Some("lost"),
    ]));
    let (builder, outcome) = tally(time, class);
    assert_eq!((outcome.rows(), outcome.rejected()), (4, 3));
    assert_eq!(
        outcome.first_rejection(),
        Some("row 1: the send time is null")
    );
    assert_eq!(builder.finish().total(), 1);
}

#[test]
fn missing_or_mistyped_columns_are_errors() {
    let time: ArrayRef = Arc::new(Int64Array::from(vec![1_742_200_000]));
    let class: ArrayRef = Arc::new(Int64Array::from(vec![1]));
    let batch = RecordBatch::try_from_iter([("sent_at", time), ("class", class)]).unwrap();
    let mut builder = Setup::new().builder(term());
    assert_rule!(
        tally_batch(&mut builder, &batch, "sent", "class").unwrap_err(),
        Error::Columns(ColumnError::NoSuchColumn {
            column: "sent".to_owned()
        })
    );
    assert_eq!(
        tally_batch(&mut builder, &batch, "sent_at", "class")
            .unwrap_err()
            .to_string(),
        "arrow column `class` cannot be read: Int64 is not Utf8, LargeUtf8, Utf8View or a dictionary of them"
    );
}

// Source: SPEC D18: a dictionary's unknown or null values reject only the
// rows that use them.
#[test]
fn d18_dictionary_nulls_and_unknown_values_are_rejected_rows() {
    let time: ArrayRef = Arc::new(Int64Array::from(vec![1_742_200_000; 5]));
    let values = StringArray::from(vec![Some("delivered"), Some("lost"), None]);
    let keys = arrow_array::Int8Array::from(vec![Some(0), Some(1), None, Some(2), Some(0)]);
    let class: ArrayRef = Arc::new(DictionaryArray::new(keys, Arc::new(values)));
    let (builder, outcome) = tally(time, class);
    assert_eq!((outcome.rows(), outcome.rejected()), (5, 3));
    assert_eq!(
        outcome.first_rejection(),
        Some("row 1: the class is not a known bucket name")
    );
    assert_eq!(builder.finish().total(), 2);
}

// Source: SPEC D18: any Int64 is an instant, before or after the term.
#[test]
fn d18_times_far_outside_the_term_are_counted_there() {
    let time: ArrayRef = Arc::new(Int64Array::from(vec![i64::MIN, i64::MAX, 1_742_200_000]));
    let class: ArrayRef = Arc::new(StringArray::from(vec!["delivered"; 3]));
    let (builder, outcome) = tally(time, class);
    assert_eq!(outcome.rejected(), 0);
    let ledger = builder.finish();
    assert_eq!(
        (ledger.before_term(), ledger.after_term(), ledger.total()),
        (1, 1, 3)
    );
}

#[test]
fn a_dictionary_of_numbers_is_an_error() {
    let time: ArrayRef = Arc::new(Int64Array::from(vec![1_742_200_000]));
    let class: ArrayRef = Arc::new(DictionaryArray::new(
        arrow_array::Int8Array::from(vec![0]),
        Arc::new(Int64Array::from(vec![7])),
    ));
    let batch = RecordBatch::try_from_iter([("sent_at", time), ("class", class)]).unwrap();
    let mut builder = Setup::new().builder(term());
    assert_eq!(
        tally_batch(&mut builder, &batch, "sent_at", "class")
            .unwrap_err()
            .to_string(),
        "arrow column `class` cannot be read: Dictionary(Int8, Int64) is not Utf8, LargeUtf8, Utf8View or a dictionary of them"
    );
    assert_eq!(builder.total(), 0);
}

/// The bucket name of a record's class, as the kernel reads it.
fn class_name(record: &MessageRecord<'_>) -> String {
    match (record.recipient(), record.outcome()) {
        (Recipient::Invalid(reason), _) => format!("invalid:{}", reason.name()),
        (Recipient::Valid, Outcome::Delivered) => "delivered".to_owned(),
        (Recipient::Valid, Outcome::Unconfirmed) => "unconfirmed".to_owned(),
        (Recipient::Valid, Outcome::Failed(FailureCause::ProviderSide)) => {
            "provider_side".to_owned()
        }
        (Recipient::Valid, Outcome::Failed(FailureCause::Exempt(exemption))) => {
            format!("exempt:{}", exemption.clause())
        }
        (Recipient::Valid, Outcome::Failed(FailureCause::Unclassified(code))) => {
            format!("unclassified:{}", code.as_str())
        }
        other => panic!("no bucket name for {other:?}"),
    }
}

/// The property behind `d18_every_input_path_gives_the_ledger_of_the_records`:
/// `records` as a nanosecond time column with each class column type give
/// `expected`.
pub(crate) fn every_class_column_type_tallies_as_records(
    setup: &Setup,
    term: Term,
    records: &[MessageRecord<'_>],
    expected: &Ledger,
) {
    let names: Vec<String> = records.iter().map(class_name).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let time: ArrayRef = Arc::new(TimestampNanosecondArray::from(
        records
            .iter()
            .map(|r| r.sent_at().timestamp_nanos_opt().unwrap())
            .collect::<Vec<_>>(),
    ));
    let classes: [ArrayRef; 3] = [
        Arc::new(StringArray::from(names.clone())),
        Arc::new(StringViewArray::from(names.clone())),
        Arc::new(
            names
                .iter()
                .copied()
                .collect::<DictionaryArray<Int16Type>>(),
        ),
    ];
    for class in classes {
        let batch =
            RecordBatch::try_from_iter([("sent_at", time.clone()), ("class", class)]).unwrap();
        let mut builder = setup.builder(term);
        let summary = tally_batch(&mut builder, &batch, "sent_at", "class").unwrap();
        assert_eq!(summary.rejected(), 0);
        assert_eq!(&builder.finish(), expected);
    }
}
