//! Tallying in-memory records into the Service Months of a 13-month term.
//!
//! Goal: at least 300 million records per second on one core.

use std::hint::black_box;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sms_sla::traffic::{
    AccountKind, Announcements, Exemption, FailureCause, InvalidReason, LedgerBuilder,
    MessageClass, MessageRecord, Outcome, Recipient, Window,
};
use sms_sla::{SlaPolicy, Term};

const RECORDS: usize = 10_000_000;

/// A 64-bit linear congruential generator: deterministic, no dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 17
    }
}

/// `count` records spread over the term and a week either side: 90%
/// delivered, 4% unconfirmed, 3% provider-side, 1% exempt, 2% invalid.
fn records(term: Term, count: usize) -> Vec<MessageRecord<'static>> {
    let start = term.first_day().and_hms_opt(0, 0, 0).unwrap().and_utc() - TimeDelta::days(7);
    let span =
        u64::try_from((term.last_day() - term.first_day()).num_seconds() + 14 * 86_400).unwrap();
    let mut rng = Lcg(42);
    (0..count)
        .map(|_| {
            let at: DateTime<Utc> =
                start + TimeDelta::seconds(i64::try_from(rng.next() % span).unwrap());
            let (recipient, outcome) = match rng.next() % 100 {
                0..90 => (Recipient::Valid, Outcome::Delivered),
                90..94 => (Recipient::Valid, Outcome::Unconfirmed),
                94..97 => (
                    Recipient::Valid,
                    Outcome::Failed(FailureCause::ProviderSide),
                ),
                97 => (
                    Recipient::Valid,
                    Outcome::Failed(FailureCause::Exempt(Exemption::PlatformControl)),
                ),
                _ => (
                    Recipient::Invalid(InvalidReason::PoweredOff),
                    Outcome::Unconfirmed,
                ),
            };
            MessageRecord::new(at, recipient, outcome)
        })
        .collect()
}

fn tally(c: &mut Criterion) {
    let term = Term::from_months(NaiveDate::from_ymd_opt(2025, 1, 15).unwrap(), 12).unwrap();
    assert_eq!(term.service_months().len(), 13);
    let shuffled = records(term, RECORDS);
    let mut sorted = shuffled.clone();
    sorted.sort_unstable_by_key(MessageRecord::sent_at);
    let window_start =
        term.first_day().and_hms_opt(2, 0, 0).unwrap().and_utc() + TimeDelta::days(40);
    let policy = SlaPolicy::tencent_sms();
    let notices = Announcements::new()
        .with_maintenance(Window::new(window_start, window_start + TimeDelta::hours(3)).unwrap());
    let builder =
        || LedgerBuilder::new(&policy, term, AccountKind::Ordinary, notices.clone()).unwrap();

    let mut group = c.benchmark_group("tally");
    group.throughput(Throughput::Elements(u64::try_from(RECORDS).unwrap()));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(4));
    for (name, records) in [
        ("10M_records_shuffled", &shuffled),
        ("10M_records_in_time_order", &sorted),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut builder = builder();
                builder.add_all(black_box(records));
                let ledger = builder.finish();
                assert_eq!(ledger.total(), u64::try_from(RECORDS).unwrap());
                ledger
            });
        });
    }
    // The same messages as Unix time and class-key columns: no record
    // built, each distinct class found once.
    let mut classes: Vec<MessageClass> = Vec::new();
    let keys: Vec<u8> = shuffled
        .iter()
        .map(|record| {
            let position = classes.iter().position(|c| *c == record.class());
            u8::try_from(position.unwrap_or_else(|| {
                classes.push(record.class());
                classes.len() - 1
            }))
            .unwrap()
        })
        .collect();
    let seconds: Vec<i64> = shuffled.iter().map(|r| r.sent_at().timestamp()).collect();
    let expected = {
        let mut builder = builder();
        builder.add_all(&shuffled);
        builder.finish()
    };
    group.bench_function("10M_unix_columns_shuffled", |b| {
        b.iter(|| {
            let mut builder = builder();
            builder
                .add_unix_columns(black_box(&seconds), black_box(&keys), &classes)
                .unwrap();
            let ledger = builder.finish();
            assert_eq!(ledger.total(), u64::try_from(RECORDS).unwrap());
            ledger
        });
    });
    let mut columns = builder();
    columns.add_unix_columns(&seconds, &keys, &classes).unwrap();
    assert_eq!(columns.finish(), expected);
    #[cfg(feature = "rayon")]
    group.bench_function("10M_records_shuffled_all_cores", |b| {
        b.iter(|| {
            let mut builder = builder();
            builder.par_add_all(black_box(&shuffled));
            let ledger = builder.finish();
            assert_eq!(ledger.total(), u64::try_from(RECORDS).unwrap());
            ledger
        });
    });
    group.finish();
}

criterion_group!(benches, tally);
criterion_main!(benches);
