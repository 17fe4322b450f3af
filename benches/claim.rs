//! Business days and claim windows (SLA §3.2).
//!
//! Goal: at most 50 ns per claim window.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use sms_sla::calendar::{BusinessCalendar, ChinaMainland, Weekdays};
use sms_sla::{ServiceMonth, SlaPolicy};

fn claim(c: &mut Criterion) {
    let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let china = ChinaMainland::new();
    let policy = SlaPolicy::tencent_sms();
    let september = ServiceMonth::new(d(2024, 9, 1), d(2024, 9, 30)).unwrap();
    let mut group = c.benchmark_group("claim");
    group.bench_function("is_business_day_china", |b| {
        b.iter(|| {
            let business = black_box(&china)
                .is_business_day(black_box(d(2024, 10, 12)))
                .unwrap();
            assert!(business);
            business
        });
    });
    group.bench_function("claim_window_china", |b| {
        b.iter(|| {
            let window = black_box(&policy)
                .claim_window(black_box(&september), black_box(&china))
                .unwrap();
            assert_eq!(window.opens_on(), d(2024, 10, 13));
            window
        });
    });
    group.bench_function("claim_window_weekdays", |b| {
        b.iter(|| {
            let window = black_box(&policy)
                .claim_window(black_box(&september), black_box(&Weekdays))
                .unwrap();
            assert_eq!(window.opens_on(), d(2024, 10, 8));
            window
        });
    });
    group.finish();
}

criterion_group!(benches, claim);
criterion_main!(benches);
