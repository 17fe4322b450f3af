//! End to end: a term's records assessed into verdicts (tally,
//! availability, compensation, claim windows) for one account.

use std::hint::black_box;
use std::time::Duration;

use chrono::{NaiveDate, TimeDelta};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rust_decimal::Decimal;
use sms_sla::assess::{Assessor, MonthlyFees};
use sms_sla::calendar::ChinaMainland;
use sms_sla::traffic::{
    AccountKind, Announcements, FailureCause, MessageRecord, Outcome, Recipient,
};
use sms_sla::{Money, MonthlyServiceFee, SlaPolicy, Term};

const RECORDS: u64 = 1_000_000;

fn assess(c: &mut Criterion) {
    let policy = SlaPolicy::tencent_sms();
    let term = Term::from_months(NaiveDate::from_ymd_opt(2025, 1, 15).unwrap(), 12).unwrap();
    let start = term.first_day().and_hms_opt(1, 0, 0).unwrap().and_utc();
    let records: Vec<MessageRecord<'_>> = (0..RECORDS)
        .map(|i| {
            let at = start + TimeDelta::seconds(i64::try_from(i * 31 % (380 * 86_400)).unwrap());
            let outcome = if i % 25 == 0 {
                Outcome::Failed(FailureCause::ProviderSide)
            } else {
                Outcome::Delivered
            };
            MessageRecord::new(at, Recipient::Valid, outcome)
        })
        .collect();
    let fee = MonthlyServiceFee::new(Money::new(Decimal::new(100_000, 2), "CNY").unwrap());
    let fees = term
        .service_months()
        .fold(MonthlyFees::new(), |fees, month| {
            fees.with(month, fee.clone()).unwrap()
        });
    let price = Money::new(Decimal::new(45, 3), "CNY").unwrap();
    let calendar = ChinaMainland::new();
    let as_of = NaiveDate::from_ymd_opt(2026, 1, 20).unwrap();

    let mut group = c.benchmark_group("assess");
    group.throughput(Throughput::Elements(RECORDS));
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("1M_records_13_months", |b| {
        b.iter(|| {
            let mut assessor =
                Assessor::new(&policy, term, AccountKind::Ordinary, Announcements::new()).unwrap();
            assessor.ledger_mut().add_all(black_box(&records));
            let assessment = assessor.finish(&fees, &price, &calendar, as_of).unwrap();
            assert_eq!(assessment.entries(), RECORDS);
            assessment
        });
    });
    group.finish();
}

criterion_group!(benches, assess);
criterion_main!(benches);
