//! Reading Tencent delivery-status callbacks into messages (parsing,
//! normalising, reconciling by serial number, classifying) and tallying
//! them: one callback body of a million receipts, one core. And the day by
//! day state of those million messages (D27): stored as JSON, restored
//! with every part checked, and its months sealed.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use chrono::{NaiveDate, TimeDelta};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sms_sla::tencent::{CodeTable, MessageLog};
use sms_sla::traffic::{AccountKind, Announcements, LedgerBuilder};
use sms_sla::{SlaPolicy, Term};

const RECEIPTS: u64 = 1_000_000;

/// One callback body of `count` receipts over a 13-month term: mostly
/// delivered, some invalid numbers, exempt and unmapped codes.
fn body(count: u64) -> String {
    let start = NaiveDate::from_ymd_opt(2025, 1, 15)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let codes = [
        ("SUCCESS", "DELIVRD", "用户短信送达成功"),
        ("FAIL", "MK:0001", "空号"),
        ("FAIL", "-106", "运营商关键字拦截"),
        ("FAIL", "REJECTD", "运营商拒绝"),
    ];
    let mut body = String::with_capacity(usize::try_from(count).unwrap() * 200);
    body.push('[');
    for i in 0..count {
        let at = start + TimeDelta::seconds(i64::try_from(i * 37 % (390 * 86_400)).unwrap());
        let (status, errmsg, description) = codes[if i % 20 == 0 {
            usize::try_from(i / 20 % 3).unwrap() + 1
        } else {
            0
        }];
        if i > 0 {
            body.push(',');
        }
        let _ = write!(
            body,
            r#"{{"user_receive_time":"{}","nationcode":"86","mobile":"138{:08}","report_status":"{status}","errmsg":"{errmsg}","description":"{description}","sid":"2025:{i:09}"}}"#,
            at.format("%Y-%m-%d %H:%M:%S"),
            i % 100_000_000,
        );
    }
    body.push(']');
    body
}

fn tencent(c: &mut Criterion) {
    let term = Term::from_months(NaiveDate::from_ymd_opt(2025, 1, 15).unwrap(), 12).unwrap();
    let body = body(RECEIPTS);
    let table = CodeTable::tencent_default();
    let mut group = c.benchmark_group("tencent");
    group.throughput(Throughput::Bytes(u64::try_from(body.len()).unwrap()));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("callback_1M_reconcile_tally", |b| {
        b.iter(|| {
            let mut ledger = LedgerBuilder::new(
                &SlaPolicy::tencent_sms(),
                term,
                AccountKind::Ordinary,
                Announcements::new(),
            )
            .unwrap();
            let mut log = MessageLog::new(table.clone());
            let read = log.read_callback(black_box(&body)).unwrap();
            assert_eq!((read.entries(), read.rejected()), (RECEIPTS, 0));
            for record in log.records() {
                ledger.add(&record);
            }
            let ledger = ledger.finish();
            assert_eq!(ledger.total(), RECEIPTS);
            ledger
        });
    });
    group.finish();

    // The state of a million messages between two batches.
    let mut log = MessageLog::new(table);
    log.read_callback(&body).unwrap();
    let stored = serde_json::to_vec(&log).unwrap();
    let messages = log.stats().messages();
    eprintln!(
        "tencent/state_1M: {} bytes stored, {} a message; {} bytes held, {} a message",
        stored.len(),
        stored.len() as u64 / messages,
        log.heap_bytes(),
        log.heap_bytes() as u64 / messages,
    );
    let mut state = c.benchmark_group("tencent");
    state.throughput(Throughput::Elements(messages));
    state.sample_size(10);
    state.measurement_time(Duration::from_secs(8));
    state.bench_function("state_1M_store", |b| {
        b.iter(|| {
            let mut bytes = Vec::with_capacity(stored.len());
            serde_json::to_writer(&mut bytes, black_box(&log)).unwrap();
            assert_eq!(bytes.len(), stored.len());
            bytes
        });
    });
    state.bench_function("state_1M_restore", |b| {
        b.iter(|| {
            let restored: MessageLog = serde_json::from_slice(black_box(&stored)).unwrap();
            assert_eq!(restored.stats().messages(), messages);
            restored
        });
    });
    let months: Vec<_> = term.service_months().collect();
    let mut sealed = log.clone();
    for &month in &months {
        sealed.seal(month, SlaPolicy::tencent_sms().zone()).unwrap();
    }
    let sealed_bytes = serde_json::to_vec(&sealed).unwrap().len();
    eprintln!(
        "tencent/state_1M sealed: {sealed_bytes} bytes stored; {} bytes held",
        sealed.heap_bytes()
    );
    state.bench_function("state_1M_seal_every_month", |b| {
        b.iter_batched(
            || log.clone(),
            |mut log| {
                for &month in &months {
                    log.seal(month, SlaPolicy::tencent_sms().zone()).unwrap();
                }
                assert_eq!(log.records().len() as u64, messages);
                log
            },
            criterion::BatchSize::LargeInput,
        );
    });
    state.finish();
}

criterion_group!(benches, tencent);
criterion_main!(benches);
