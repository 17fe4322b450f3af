//! The crate's side of `benches/peers/peers.py`: the same data as the peers,
//! timed the same way (best of R runs, wall clock), printed as
//! `name seconds`.

use std::io::{BufReader, Read};
use std::sync::Arc;
use std::time::Instant;

use arrow_array::{ArrayRef, Int64Array, RecordBatch, StringArray};
use arrow_array::types::UInt8Type;
use arrow_array::DictionaryArray;
use chrono::NaiveDate;
use sms_sla::tencent::{CodeTable, Codes, Evidence, FileKind, MessageLog, read_entries};
use sms_sla::traffic::{
    AccountKind, Announcements, Exemption, FailureCause, InvalidReason, LedgerBuilder,
    MessageClass, MessageRecord, Outcome, Recipient, UnclassifiedCode,
};
use sms_sla::{SlaPolicy, Term};

fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(f());
        best = best.min(t.elapsed().as_secs_f64());
    }
    best
}

fn read(path: &str) -> Vec<u8> {
    let mut v = Vec::new();
    std::fs::File::open(path).unwrap().read_to_end(&mut v).unwrap();
    v
}

fn builder() -> LedgerBuilder {
    let term = Term::from_months(NaiveDate::from_ymd_opt(2024, 3, 17).unwrap(), 3).unwrap();
    LedgerBuilder::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new())
        .unwrap()
}

const CLASSES: [&str; 8] = [
    "delivered", "unconfirmed", "provider_side", "exempt:4.6", "exempt:4.13",
    "invalid:powered_off", "invalid:non_existent", "unclassified:MK:0001",
];

fn class(cls: u8) -> MessageClass<'static> {
    let (r, o) = match cls {
        0 => (Recipient::Valid, Outcome::Delivered),
        1 => (Recipient::Valid, Outcome::Unconfirmed),
        2 => (Recipient::Valid, Outcome::Failed(FailureCause::ProviderSide)),
        3 => (Recipient::Valid, Outcome::Failed(FailureCause::Exempt(Exemption::PlatformControl))),
        4 => (Recipient::Valid, Outcome::Failed(FailureCause::Exempt(Exemption::AnnouncedMaintenance))),
        5 => (Recipient::Invalid(InvalidReason::PoweredOff), Outcome::Unconfirmed),
        6 => (Recipient::Invalid(InvalidReason::NonExistent), Outcome::Unconfirmed),
        _ => (Recipient::Valid, Outcome::Failed(FailureCause::Unclassified(UnclassifiedCode::new("MK:0001").unwrap()))),
    };
    MessageClass::new(r, o)
}

fn record(ts: i64, cls: u8) -> MessageRecord<'static> {
    let class = class(cls);
    MessageRecord::from_unix(ts, 0, class.recipient(), class.outcome()).unwrap()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args[1].as_str() {
        "tally" => {
            let ts: Vec<i64> = read(&args[2]).chunks_exact(8).map(|c| i64::from_le_bytes(c.try_into().unwrap())).collect();
            let cls = read(&args[3]);
            let records: Vec<MessageRecord> = ts.iter().zip(&cls).map(|(&t, &c)| record(t, c)).collect();
            let n = records.len() as u64;
            let one = best(7, || {
                let mut b = builder();
                b.add_all(&records);
                let l = b.finish();
                assert_eq!(l.total(), n);
                l
            });
            println!("sms-sla-records-1core {one:.6}");
            let all = best(7, || {
                let mut b = builder();
                b.par_add_all(&records);
                let l = b.finish();
                assert_eq!(l.total(), n);
                l
            });
            println!("sms-sla-records-allcores {all:.6}");
            let build = best(3, || ts.iter().zip(&cls).map(|(&t, &c)| record(t, c)).collect::<Vec<_>>());
            println!("sms-sla-build-records {build:.6}");
            // Raw columns: Unix seconds and a class code, no record built.
            let classes: Vec<MessageClass> = (0..8).map(class).collect();
            let columns = best(7, || {
                let mut b = builder();
                b.add_unix_columns(&ts, &cls, &classes).unwrap();
                let l = b.finish();
                assert_eq!(l.total(), n);
                l
            });
            println!("sms-sla-raw-columns-1core {columns:.6}");
            let sent: ArrayRef = Arc::new(Int64Array::from(ts.clone()));
            let names: ArrayRef = Arc::new(StringArray::from_iter_values(cls.iter().map(|&c| CLASSES[c as usize])));
            let dictionary: ArrayRef = Arc::new(cls.iter().map(|&c| CLASSES[c as usize]).collect::<DictionaryArray<UInt8Type>>());
            let kernel = |class: &ArrayRef, runs| {
                let batch = RecordBatch::try_from_iter([("sent_at", sent.clone()), ("class", class.clone())]).unwrap();
                best(runs, || {
                    let mut b = builder();
                    sms_sla::arrow::tally_batch(&mut b, &batch, "sent_at", "class").unwrap();
                    let l = b.finish();
                    assert_eq!(l.total(), n);
                    l
                })
            };
            let utf8 = kernel(&names, 3);
            println!("sms-sla-arrow-utf8-1core {utf8:.6}");
            let arrow = kernel(&dictionary, 7);
            println!("sms-sla-arrow-dictionary-1core {arrow:.6}");
        }
        "ingest" => {
            let path = &args[2];
            let table = CodeTable::tencent_default();
            // Receipts counted one by one, as the peers count rows: each
            // through the one normalisation and classified, not reconciled.
            let secs = best(3, || {
                let f = BufReader::with_capacity(1 << 20, std::fs::File::open(path).unwrap());
                let mut b = builder();
                let mut codes = Codes::new(table.clone());
                let mut rejected = 0u64;
                read_entries(FileKind::Callbacks, f, &table, |_, e| match e {
                    Ok(entry) => {
                        let entry = codes.entry(&entry);
                        b.add(&Evidence::new(entry).record(&codes));
                    }
                    Err(_) => rejected += 1,
                })
                .unwrap();
                assert_eq!(rejected, 0);
                b.finish()
            });
            println!("sms-sla-ingest-ndjson-1core {secs:.6}");
            // Messages: every receipt reconciled by serial number first (the
            // path the crate recommends), then tallied.
            let secs = best(3, || {
                let f = BufReader::with_capacity(1 << 20, std::fs::File::open(path).unwrap());
                let mut log = MessageLog::new(CodeTable::tencent_default());
                let read = log.read_callback_lines(f).unwrap();
                assert_eq!(read.rejected(), 0);
                let mut b = builder();
                for record in log.records() {
                    b.add(&record);
                }
                b.finish()
            });
            println!("sms-sla-reconcile-ndjson-1core {secs:.6}");
            // The same on every core: the file read in pieces cut at line
            // ends, each read into a log on a pool thread while the next is
            // read, and the pieces added in order.
            let secs = best(3, || {
                let file = std::fs::File::open(path).unwrap();
                let mut log = MessageLog::new(CodeTable::tencent_default());
                let read = log.par_read_callback_lines(file).unwrap();
                assert_eq!(read.rejected(), 0);
                let records: Vec<_> = log.records().collect();
                let mut b = builder();
                b.par_add_all(&records);
                b.finish()
            });
            println!("sms-sla-reconcile-ndjson-allcores {secs:.6}");
        }
        _ => panic!("tally TS CLS | ingest FILE"),
    }
}
