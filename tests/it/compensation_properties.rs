//! Property tests of money and compensation (SPEC D7-D10, §5.2).

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use rust_decimal::Decimal;
use sms_sla::Currency;
use sms_sla::{Availability, DeductionKind, Money, MonthlyServiceFee, SlaPolicy, Threshold};
use sms_sla::{CompensationSchedule, CompensationTotal, Tier};

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/compensation_properties.txt",
        ))),
        ..ProptestConfig::default()
    }
}

fn cny(amount: Decimal) -> Money {
    Money::new(amount, "CNY").unwrap()
}

/// A non-negative amount with 0 to 4 decimal places, up to a billion.
fn amount() -> impl Strategy<Value = Decimal> {
    (0_i64..10_000_000_000_000, 0_u32..=4)
        .prop_map(|(mantissa, scale)| Decimal::new(mantissa, 4).round_dp(scale))
}

/// A positive unit price with 2 to 5 decimal places.
fn unit_price() -> impl Strategy<Value = Decimal> {
    (1_i64..10_000_000, 2_u32..=5).prop_map(|(mantissa, scale)| Decimal::new(mantissa, scale))
}

/// A fee with up to three deductions that never exceed it.
fn fee() -> impl Strategy<Value = MonthlyServiceFee> {
    (amount(), proptest::collection::vec(0_u32..=100, 0..3)).prop_map(|(consumed, shares)| {
        let mut fee = MonthlyServiceFee::new(cny(consumed));
        for share in shares {
            let room = fee.net_paid().amount();
            let deduction = (room * Decimal::new(i64::from(share), 2))
                .round_dp(4)
                .min(room);
            fee = fee
                .with_deduction(DeductionKind::Coupon, cny(deduction))
                .unwrap();
        }
        fee
    })
}

fn availability() -> impl Strategy<Value = (u64, u64)> {
    prop_oneof![
        (0_u64..10_000).prop_flat_map(|e| (Just(e), 0..=e)),
        any::<u64>().prop_flat_map(|e| (Just(e), 0..=e)),
    ]
}

/// A random valid schedule: a standard, descending bounds, rising rates.
fn schedule() -> impl Strategy<Value = CompensationSchedule> {
    (
        1_u32..=100,
        proptest::collection::vec((1_u32..100, 0_u32..=100), 0..4),
    )
        .prop_map(|(standard, raw)| {
            let mut bounds: Vec<u32> = raw
                .iter()
                .map(|&(b, _)| b % standard)
                .filter(|&b| b > 0)
                .collect();
            bounds.sort_unstable_by(|a, b| b.cmp(a));
            bounds.dedup();
            bounds.push(0);
            let mut rates: Vec<u32> = raw.iter().map(|&(_, r)| r).collect();
            rates.resize(bounds.len(), 100);
            rates.sort_unstable();
            let pct = |p: u32| Threshold::from_percent(Decimal::from(p)).unwrap();
            let tiers = bounds
                .iter()
                .zip(&rates)
                .map(|(&b, &r)| Tier::new(pct(b), Decimal::new(i64::from(r), 2)).unwrap());
            CompensationSchedule::new(pct(standard), tiers).unwrap()
        })
}

proptest! {
    #![proptest_config(config(5_000))]

    // Source: SPEC D7 (monotone): more apparent failures never give less compensation.
    #[test]
    fn more_failures_never_compensate_less(
        schedule in schedule(), (e, f) in availability(), extra in any::<u64>(), fee in fee(), price in unit_price(),
    ) {
        let more = f.saturating_add(extra % (e - f + 1));
        let policy = SlaPolicy::new(schedule);
        let price = cny(price);
        let fewer = policy.compensate(&Availability::new(e, f).unwrap(), &fee, &price).unwrap();
        let worse = policy.compensate(&Availability::new(e, more).unwrap(), &fee, &price).unwrap();
        prop_assert!(worse.rate() >= fewer.rate());
        prop_assert!(worse.amount() >= fewer.amount());
        prop_assert!(worse.messages() >= fewer.messages());
    }

    // Source: SLA §3.1(2), SPEC D8, D9: amount <= net paid; credits bracket the amount.
    #[test]
    fn amount_is_capped_and_credits_bracket_it((e, f) in availability(), fee in fee(), price in unit_price()) {
        let price = cny(price);
        let c = SlaPolicy::tencent_sms().compensate(&Availability::new(e, f).unwrap(), &fee, &price).unwrap();
        prop_assert!(c.amount() <= *fee.net_paid());
        prop_assert!(c.amount() <= c.uncapped());
        prop_assert_eq!(c.cap_applied(), c.uncapped() > *fee.net_paid());
        let messages = Decimal::from(c.messages());
        prop_assert!(messages * price.amount() <= c.amount().amount());
        prop_assert!(c.amount().amount() < (messages + Decimal::ONE) * price.amount());
        prop_assert_eq!(messages * price.amount() + c.remainder().amount(), c.amount().amount());
        prop_assert!(c.remainder() < price);
        prop_assert!([Decimal::ZERO, Decimal::new(1, 1), Decimal::new(3, 1)].contains(&c.rate()));
    }

    // Results do not depend on the Decimal scale of equal inputs (1.0 vs 1.00).
    #[test]
    fn results_are_independent_of_input_scale(
        (e, f) in availability(), consumed in amount(), deducted in 0_u32..=100, price in unit_price(), pad in 1_u32..=6,
    ) {
        let rescaled = |d: Decimal| {
            let mut d = d;
            d.rescale(d.scale() + pad);
            d
        };
        let deduction = (consumed * Decimal::new(i64::from(deducted), 2)).round_dp(4);
        let plain = MonthlyServiceFee::new(cny(consumed)).with_deduction(DeductionKind::Discount, cny(deduction)).unwrap();
        let padded = MonthlyServiceFee::new(cny(rescaled(consumed)))
            .with_deduction(DeductionKind::Discount, cny(rescaled(deduction)))
            .unwrap();
        let av = Availability::new(e, f).unwrap();
        let a = SlaPolicy::tencent_sms().compensate(&av, &plain, &cny(price)).unwrap();
        let b = SlaPolicy::tencent_sms().compensate(&av, &padded, &cny(rescaled(price))).unwrap();
        prop_assert_eq!(a, b);
        prop_assert_eq!(a.amount().to_string(), b.amount().to_string());
    }

    // Source: SLA §5.2: a term's compensation never exceeds its net paid fees.
    #[test]
    fn term_total_never_exceeds_net_paid(
        months in proptest::collection::vec((availability(), fee()), 1..14), price in unit_price(),
    ) {
        let policy = SlaPolicy::tencent_sms();
        let price = cny(price);
        let mut total = CompensationTotal::new(Currency::new("CNY").unwrap());
        let mut messages = 0_u64;
        for ((e, f), fee) in &months {
            let c = policy.compensate(&Availability::new(*e, *f).unwrap(), fee, &price).unwrap();
            messages += c.messages();
            total.add(&c).unwrap();
        }
        prop_assert!(total.amount() <= total.net_paid());
        prop_assert_eq!(total.messages(), messages);
        prop_assert_eq!(total.months() as usize, months.len());
    }

    // Exact money arithmetic: add then subtract gives back the start.
    #[test]
    fn money_add_and_sub_are_exact(a in amount(), b in amount()) {
        let (a, b) = (cny(a), cny(b));
        let sum = a.checked_add(&b).unwrap();
        prop_assert_eq!(sum.checked_sub(&b).unwrap(), a);
        prop_assert_eq!(sum.amount(), a.amount() + b.amount());
        prop_assert_eq!(a.checked_sub(&b).is_ok(), a >= b);
    }
}
