//! Columns of any values into a ledger, through `add_unix_columns` and the
//! Arrow kernel: never a panic; every row counted or rejected (D18); a
//! refused table adds nothing; rows the records path can carry give the
//! records' ledger.
#![no_main]

use std::sync::Arc;

use arrow_array::types::Int8Type;
use arrow_array::{ArrayRef, DictionaryArray, Int8Array, Int64Array, RecordBatch, StringArray};
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use sms_sla::arrow::tally_batch;
use sms_sla::traffic::{
    AccountKind, Announcements, FailureCause, LedgerBuilder, MessageClass, MessageRecord, Outcome,
    Recipient,
};
use sms_sla::{SlaPolicy, Term};

fn builder() -> LedgerBuilder {
    let term = Term::from_months(NaiveDate::from_ymd_opt(2025, 3, 17).unwrap(), 2).unwrap();
    LedgerBuilder::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new())
        .unwrap()
}

fuzz_target!(|data: &[u8]| {
    // The first bytes name the classes (text between `;`), the rest are
    // rows of nine bytes: a key and Unix seconds.
    let (names, rows) = data.split_at(data.iter().position(|&b| b == 0).unwrap_or(data.len()));
    let names: Vec<&str> = std::str::from_utf8(names)
        .unwrap_or("")
        .split(';')
        .take(100)
        .collect();
    let rows = rows.get(1..).unwrap_or_default();
    let keys: Vec<i8> = rows.chunks_exact(9).map(|row| row[0] as i8).collect();
    let seconds: Vec<i64> = rows
        .chunks_exact(9)
        .map(|row| i64::from_le_bytes(row[1..9].try_into().unwrap()) >> (row[0] & 31))
        .collect();

    // Raw columns, with two classes.
    let classes = [
        MessageClass::new(Recipient::Valid, Outcome::Delivered),
        MessageClass::new(Recipient::Valid, Outcome::Failed(FailureCause::ProviderSide)),
    ];
    let mut columns = builder();
    match columns.add_unix_columns(&seconds, &keys, &classes) {
        Ok(()) => {
            assert_eq!(columns.total(), seconds.len() as u64);
            let records: Option<Vec<MessageRecord>> = seconds
                .iter()
                .zip(&keys)
                .map(|(&s, &k)| {
                    let class = classes[usize::try_from(k).ok()?];
                    MessageRecord::from_unix(s, 0, class.recipient(), class.outcome()).ok()
                })
                .collect();
            if let Some(records) = records {
                let mut expected = builder();
                expected.add_all(&records);
                assert_eq!(columns.finish(), expected.finish());
            }
        }
        Err(err) => {
            assert!(!err.to_string().is_empty());
            assert_eq!(columns.total(), 0);
        }
    }

    // The Arrow kernel: any names, as Utf8 and as a dictionary; null times
    // where the key is negative.
    if names.is_empty() {
        return;
    }
    let times: ArrayRef = Arc::new(Int64Array::from(
        seconds
            .iter()
            .zip(&keys)
            .map(|(&s, &k)| (k >= 0).then_some(s))
            .collect::<Vec<_>>(),
    ));
    let width = names.len() as i8;
    let picks: Vec<i8> = keys.iter().map(|&k| k.rem_euclid(width.max(1))).collect();
    let utf8: ArrayRef = Arc::new(StringArray::from(
        picks.iter().map(|&k| names[k as usize]).collect::<Vec<_>>(),
    ));
    let dictionary: ArrayRef = Arc::new(DictionaryArray::<Int8Type>::new(
        Int8Array::from(picks.clone()),
        Arc::new(StringArray::from(names.clone())),
    ));
    let mut ledgers = Vec::new();
    for class in [utf8, dictionary] {
        let batch = RecordBatch::try_from_iter([("t", times.clone()), ("c", class)]).unwrap();
        let mut kernel = builder();
        let summary = tally_batch(&mut kernel, &batch, "t", "c").unwrap();
        assert_eq!(summary.rows(), seconds.len() as u64);
        assert_eq!(kernel.total() + summary.rejected(), summary.rows());
        ledgers.push((kernel.finish(), summary));
    }
    assert_eq!(ledgers[0], ledgers[1]);
});
