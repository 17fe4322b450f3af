//! Compensation for one Service Month (SLA §3.1).
//!
//! Goal: `compensate` in at most 200 ns.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use rust_decimal::dec;
use sms_sla::{Availability, DeductionKind, Money, MonthlyServiceFee, SlaPolicy};

fn compensation(c: &mut Criterion) {
    let policy = SlaPolicy::tencent_sms();
    let fee = MonthlyServiceFee::new(Money::new(dec!(1000.00), "CNY").unwrap())
        .with_deduction(
            DeductionKind::Coupon,
            Money::new(dec!(800.00), "CNY").unwrap(),
        )
        .unwrap();
    let price = Money::new(dec!(0.045), "CNY").unwrap();
    let below_ninety = Availability::new(100, 11).unwrap();
    let mut group = c.benchmark_group("compensation");
    group.bench_function("compensate_capped", |b| {
        b.iter(|| {
            let c = black_box(&policy)
                .compensate(black_box(&below_ninety), black_box(&fee), black_box(&price))
                .unwrap();
            assert_eq!(c.messages(), 4444);
            c
        });
    });
    let met = Availability::new(20, 1).unwrap();
    group.bench_function("compensate_standard_met", |b| {
        b.iter(|| {
            let c = black_box(&policy)
                .compensate(black_box(&met), black_box(&fee), black_box(&price))
                .unwrap();
            assert_eq!(c.messages(), 0);
            c
        });
    });
    group.bench_function("rate_for", |b| {
        b.iter(|| {
            let rate = black_box(&policy).rate_for(black_box(&below_ninety));
            assert_eq!(rate, dec!(0.3));
            rate
        });
    });
    group.finish();
}

criterion_group!(benches, compensation);
criterion_main!(benches);
