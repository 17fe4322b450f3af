//! Splitting a term into Service Months (SPEC D1-D2).
//!
//! Goal: at most 20 ns per Service Month.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sms_sla::Term;

fn split_and_walk(c: &mut Criterion) {
    let start = NaiveDate::from_ymd_opt(2024, 1, 31).unwrap();
    let mut group = c.benchmark_group("term");

    // A 12-month term from the 31st: 13 Service Months.
    let months_per_term = Term::from_months(start, 12).unwrap().service_months().len();
    assert_eq!(months_per_term, 13);
    group.throughput(Throughput::Elements(
        u64::try_from(months_per_term).unwrap(),
    ));
    group.bench_function("from_months_12_and_walk", |b| {
        b.iter(|| {
            let term = Term::from_months(black_box(start), black_box(12)).unwrap();
            let days: u32 = term.service_months().map(|m| m.days()).sum();
            assert_eq!(days, 366);
            days
        });
    });

    let term = Term::from_months(start, 12).unwrap();
    group.bench_function("service_month_of", |b| {
        let date = NaiveDate::from_ymd_opt(2024, 7, 14).unwrap();
        b.iter(|| {
            let month = black_box(&term).service_month_of(black_box(date)).unwrap();
            assert_eq!(month.days(), 31);
            month
        });
    });
    group.finish();
}

criterion_group!(benches, split_and_walk);
criterion_main!(benches);
