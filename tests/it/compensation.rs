//! Money, fees and compensation: golden cases from §3.1, the cap, credits,
//! a second schedule, rounding for display, and serde.

use rust_decimal::{Decimal, dec};
use sms_sla::Currency;
use sms_sla::{Availability, DeductionKind, Money, MonthlyServiceFee, SlaPolicy, Threshold};
use sms_sla::{CompensationSchedule, CompensationTotal, Tier};

fn cny(amount: Decimal) -> Money {
    Money::new(amount, "CNY").unwrap()
}

fn av(effective: u64, failures: u64) -> Availability {
    Availability::new(effective, failures).unwrap()
}

// Source: SLA §3.1 (95% > Av >= 90% -> 10%; 90% > Av -> 30%), SPEC D7.
#[test]
fn sla_3_1_rates_at_and_around_the_bounds() {
    let policy = SlaPolicy::tencent_sms();
    let cases: &[(u64, u64, Decimal, &str)] = &[
        (1000, 51, dec!(0.1), "94.9%"),
        (100, 10, dec!(0.1), "exactly 90%"),
        (10_000, 1_001, dec!(0.3), "89.99%"),
        (100, 5, dec!(0), "exactly 95%"),
        (1000, 49, dec!(0), "95.1%"),
        (100, 100, dec!(0.3), "0%"),
        (0, 0, dec!(0), "no traffic (D6)"),
        (
            u64::MAX,
            u64::MAX / 20,
            dec!(0),
            "95% of u64::MAX, rounded down failures",
        ),
        (
            u64::MAX,
            u64::MAX / 20 + 1,
            dec!(0.1),
            "just below 95% of u64::MAX",
        ),
    ];
    for &(effective, failures, rate, what) in cases {
        assert_eq!(policy.rate_for(&av(effective, failures)), rate, "{what}");
    }
}

// Source: SLA §3.1(2) (cap at the net paid fee), SPEC D8, D9.
#[test]
fn sla_3_1_cap_at_the_net_paid_fee_and_credits_at_the_unit_price() {
    let fee = MonthlyServiceFee::new(cny(dec!(1000.00)))
        .with_deduction(DeductionKind::Coupon, cny(dec!(800.00)))
        .unwrap();
    assert_eq!(fee.net_paid().to_string(), "200.00 CNY");
    let c = SlaPolicy::tencent_sms()
        .compensate(&av(100, 11), &fee, &cny(dec!(0.045)))
        .unwrap();
    assert_eq!(c.rate(), dec!(0.3));
    assert_eq!(c.uncapped(), cny(dec!(300.00)));
    assert_eq!(c.cap(), cny(dec!(200.00)));
    assert_eq!(c.amount(), cny(dec!(200.00)));
    assert!(c.cap_applied());
    assert_eq!(c.messages(), 4444);
    assert_eq!(c.remainder(), cny(dec!(0.02)));
    assert_eq!(c.unit_price(), cny(dec!(0.045)));
}

// Source: SPEC D8 (compensation is a share of the consumed fee, not of the net).
#[test]
fn d8_rate_applies_to_the_consumed_fee_and_the_cap_to_the_net() {
    let fee = MonthlyServiceFee::new(cny(dec!(1000)))
        .with_deduction(DeductionKind::Discount, cny(dec!(100)))
        .unwrap();
    let c = SlaPolicy::tencent_sms()
        .compensate(&av(100, 6), &fee, &cny(dec!(0.05)))
        .unwrap();
    assert_eq!(
        (c.uncapped(), c.amount(), c.cap_applied()),
        (cny(dec!(100)), cny(dec!(100)), false)
    );
    assert_eq!(c.messages(), 2000);
    assert!(c.remainder().is_zero());
}

// Source: SPEC D8 (deductions: coupons, vouchers, discounts, others).
#[test]
fn d8_every_kind_of_deduction_lowers_the_net_paid_fee() {
    let fee = MonthlyServiceFee::new(cny(dec!(1000)))
        .with_deduction(DeductionKind::Coupon, cny(dec!(100)))
        .and_then(|f| f.with_deduction(DeductionKind::Voucher, cny(dec!(200))))
        .and_then(|f| f.with_deduction(DeductionKind::Discount, cny(dec!(300))))
        .and_then(|f| f.with_deduction(DeductionKind::Other, cny(dec!(400))))
        .unwrap();
    assert!(fee.net_paid().is_zero());
    assert_eq!(fee.total_deductions().unwrap(), cny(dec!(1000)));
    let names: Vec<String> = fee.deductions().map(|(kind, _)| kind.to_string()).collect();
    assert_eq!(
        names,
        [
            "coupon",
            "promotional voucher",
            "discount",
            "other deduction"
        ]
    );
    assert_eq!(fee.deductions().len(), 4);
    // Fully deducted: compensation is capped at zero.
    let c = SlaPolicy::tencent_sms()
        .compensate(&av(10, 5), &fee, &cny(dec!(0.045)))
        .unwrap();
    assert_eq!(
        (c.amount().is_zero(), c.messages(), c.cap_applied()),
        (true, 0, true)
    );
}

// Source: SLA §1.6 (only the consumed part of a package counts).
#[test]
fn sla_1_6_fees_from_units_and_packages() {
    let fee = MonthlyServiceFee::pay_as_you_go(1_000_000, &cny(dec!(0.045))).unwrap();
    assert_eq!(*fee.consumed(), cny(dec!(45000)));
    // Illustrative packages from the reference data: 100,000 for 4,400; 1,000,000 for 37,000.
    let fee = MonthlyServiceFee::prepaid_package(&cny(dec!(4400)), 100_000, 12_345).unwrap();
    assert_eq!(*fee.consumed(), cny(dec!(543.18)));
    let fee = MonthlyServiceFee::prepaid_package(&cny(dec!(37000)), 1_000_000, 1_000_000).unwrap();
    assert_eq!(*fee.consumed(), cny(dec!(37000)));
    let fee = MonthlyServiceFee::prepaid_package(&cny(dec!(37000)), 1_000_000, 0).unwrap();
    assert!(fee.consumed().is_zero());
}

// Source: SPEC D16 (another contract without code changes).
#[test]
fn d16_a_stricter_in_house_schedule_is_just_data() {
    let pct = |p: Decimal| Threshold::from_percent(p).unwrap();
    let schedule = CompensationSchedule::new(
        pct(dec!(99.9)),
        [
            Tier::new(pct(dec!(99)), dec!(0.10)).unwrap(),
            Tier::new(pct(dec!(95)), dec!(0.25)).unwrap(),
            Tier::new(pct(dec!(0)), dec!(1)).unwrap(),
        ],
    )
    .unwrap();
    let policy = SlaPolicy::new(schedule);
    let cases: &[(u64, u64, Decimal)] = &[
        (1000, 1, dec!(0)),
        (1000, 2, dec!(0.10)),
        (100, 1, dec!(0.10)),
        (1000, 11, dec!(0.25)),
        (100, 5, dec!(0.25)),
        (1000, 51, dec!(1)),
    ];
    for &(effective, failures, rate) in cases {
        assert_eq!(
            policy.rate_for(&av(effective, failures)),
            rate,
            "{failures}/{effective}"
        );
    }
    let fee = MonthlyServiceFee::new(cny(dec!(50)));
    let c = policy
        .compensate(&av(100, 50), &fee, &cny(dec!(0.045)))
        .unwrap();
    assert_eq!(
        (c.amount(), c.messages(), c.remainder()),
        (cny(dec!(50)), 1111, cny(dec!(0.005)))
    );
    // The cap can be a share of the net paid fee.
    let half = SlaPolicy::new(policy.schedule().clone().with_cap_share(dec!(0.5)).unwrap());
    let c = half
        .compensate(&av(100, 50), &fee, &cny(dec!(0.045)))
        .unwrap();
    assert_eq!((c.amount(), c.cap_applied()), (cny(dec!(25)), true));
    // Both ends of the share are valid: a zero cap pays nothing.
    let none = SlaPolicy::new(policy.schedule().clone().with_cap_share(dec!(0)).unwrap());
    let c = none
        .compensate(&av(100, 50), &fee, &cny(dec!(0.045)))
        .unwrap();
    assert_eq!((c.amount(), c.messages()), (cny(dec!(0)), 0));
    let whole = policy.schedule().clone().with_cap_share(dec!(1)).unwrap();
    assert_eq!(&whole, policy.schedule());
}

// Source: SLA §3.1 (the agreement's two tiers, as data).
#[test]
fn sla_3_1_the_schedule_lists_its_tiers_from_the_top() {
    let schedule = SlaPolicy::tencent_sms().schedule().clone();
    let tiers: Vec<(Decimal, Decimal)> = schedule
        .tiers()
        .iter()
        .map(|t| (t.lower_bound().percent(), t.rate()))
        .collect();
    assert_eq!(tiers, [(dec!(90), dec!(0.1)), (dec!(0), dec!(0.3))]);
}

// Source: SLA §5.2 (the term's total never exceeds the fees paid).
#[test]
fn sla_5_2_term_total() {
    let policy = SlaPolicy::tencent_sms();
    let price = cny(dec!(0.045));
    let months = [
        (
            av(100, 50),
            MonthlyServiceFee::new(cny(dec!(1000)))
                .with_deduction(DeductionKind::Coupon, cny(dec!(900)))
                .unwrap(),
        ),
        (av(100, 6), MonthlyServiceFee::new(cny(dec!(500)))),
        (av(100, 1), MonthlyServiceFee::new(cny(dec!(700)))),
        (av(0, 0), MonthlyServiceFee::new(cny(dec!(0)))),
    ];
    let mut total = CompensationTotal::new(Currency::new("CNY").unwrap());
    for (availability, fee) in &months {
        total
            .add(&policy.compensate(availability, fee, &price).unwrap())
            .unwrap();
    }
    assert_eq!(total.amount(), cny(dec!(150))); // 100 (capped from 300) + 50 + 0 + 0
    assert_eq!(total.net_paid(), cny(dec!(1300)));
    assert_eq!(total.messages(), 2222 + 1111);
    assert_eq!(total.months(), 4);
}

/// Source: `rust_decimal`'s `RoundingStrategy::MidpointNearestEven`, the named
/// display rounding of `Money`: midpoints go to the even neighbour.
#[test]
fn money_display_rounding_table() {
    let cases: &[(Decimal, &str, &str)] = &[
        (dec!(0.125), "CNY", "0.12 CNY"),
        (dec!(0.135), "CNY", "0.14 CNY"),
        (dec!(0.1250001), "CNY", "0.13 CNY"),
        (dec!(0.005), "USD", "0.00 USD"),
        (dec!(0.015), "USD", "0.02 USD"),
        (dec!(2.5), "JPY", "2 JPY"),
        (dec!(3.5), "JPY", "4 JPY"),
        (dec!(1.0005), "KWD", "1.000 KWD"),
        (dec!(1.0015), "KWD", "1.002 KWD"),
        (dec!(200), "CNY", "200.00 CNY"),
        (dec!(0.045), "XTS", "0.045 XTS"),
        (dec!(1.50), "XTS", "1.5 XTS"),
    ];
    for &(amount, currency, shown) in cases {
        let money = Money::new(amount, currency).unwrap();
        assert_eq!(money.to_string(), shown, "{amount} {currency}");
        assert_eq!(money.currency().as_str(), currency);
        assert_eq!(
            format!("{:?}", money.currency()),
            format!("Currency({currency})")
        );
    }
    assert_eq!(
        Money::DISPLAY_ROUNDING,
        rust_decimal::RoundingStrategy::MidpointNearestEven
    );
}

#[test]
fn money_min_of_equal_amounts_keeps_the_first_as_written() {
    let written = cny(dec!(200.0));
    let other = cny(dec!(200.00));
    assert_eq!(written.checked_min(&other).unwrap().amount().scale(), 1);
    assert_eq!(other.checked_min(&written).unwrap().amount().scale(), 2);
    assert_eq!(
        written.checked_min(&cny(dec!(199.999))).unwrap(),
        cny(dec!(199.999))
    );
}

#[test]
fn money_is_exact_and_scale_blind() {
    assert_eq!(cny(dec!(1.0)), cny(dec!(1.00)));
    assert_eq!(cny(dec!(-0)), cny(dec!(0)));
    assert_eq!(
        cny(dec!(0.1)).checked_add(&cny(dec!(0.2))).unwrap(),
        cny(dec!(0.3))
    );
    assert!(cny(dec!(1)) < cny(dec!(1.01)));
    assert_eq!(
        cny(dec!(1)).partial_cmp(&Money::new(dec!(1), "USD").unwrap()),
        None
    );
    // A product Decimal would have to round is refused, not rounded.
    let tiny = cny(Decimal::new(1, 20));
    assert_eq!(
        tiny.checked_mul(Decimal::new(1, 20))
            .unwrap_err()
            .to_string(),
        "0.00000000000000000001 * 0.00000000000000000001 cannot be computed exactly"
    );
}

#[cfg(feature = "serde")]
mod serde_round_trip {
    use super::*;

    #[test]
    fn money_and_fees_serialize_amounts_as_strings() {
        let money = cny(dec!(1000.50));
        let json = serde_json::to_string(&money).unwrap();
        assert_eq!(json, r#"{"amount":"1000.50","currency":"CNY"}"#);
        assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), money);

        let fee = MonthlyServiceFee::new(cny(dec!(1000)))
            .with_deduction(DeductionKind::Coupon, cny(dec!(800)))
            .unwrap();
        let json = serde_json::to_string(&fee).unwrap();
        assert_eq!(
            json,
            r#"{"consumed":{"amount":"1000","currency":"CNY"},"deductions":[{"kind":"coupon","amount":{"amount":"800","currency":"CNY"}}]}"#
        );
        assert_eq!(
            serde_json::from_str::<MonthlyServiceFee>(&json).unwrap(),
            fee
        );
    }

    #[test]
    fn policy_round_trips_as_data() {
        let policy = SlaPolicy::tencent_sms();
        let json = serde_json::to_string(&policy).unwrap();
        assert_eq!(
            json,
            r#"{"zone":"+08:00","schedule":{"standard":"95","tiers":[{"lower_bound":"90","rate":"0.1"},{"lower_bound":"0","rate":"0.3"}],"cap_share":"1"},"unclassified_failures":"apparent","surge_threshold_ordinary":1000000,"surge_threshold_gateway":100000000,"claim_rule":{"business_day":5,"deadline_days":60}}"#
        );
        assert_eq!(serde_json::from_str::<SlaPolicy>(&json).unwrap(), policy);

        // Another contract, written as data.
        let strict = r#"{"zone":"+00:00","schedule":{"standard":"99.9","tiers":[{"lower_bound":"99","rate":"0.10"},{"lower_bound":"95","rate":"0.25"},{"lower_bound":"0","rate":"1"}],"cap_share":"1"},"unclassified_failures":"not_apparent","surge_threshold_ordinary":null,"surge_threshold_gateway":null,"claim_rule":{"business_day":3,"deadline_days":90}}"#;
        let strict: SlaPolicy = serde_json::from_str(strict).unwrap();
        assert_eq!(strict.rate_for(&av(1000, 11)), dec!(0.25));
        assert_eq!(strict.zone().to_string(), "UTC+00:00");
    }

    #[test]
    fn compensation_serializes_every_figure() {
        let fee = MonthlyServiceFee::new(cny(dec!(1000.00)))
            .with_deduction(DeductionKind::Coupon, cny(dec!(800.00)))
            .unwrap();
        let c = SlaPolicy::tencent_sms()
            .compensate(&av(100, 11), &fee, &cny(dec!(0.045)))
            .unwrap();
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            r#"{"availability":{"effective_sent":100,"apparent_failures":11},"rate":"0.3","uncapped":{"amount":"300.000","currency":"CNY"},"net_paid":{"amount":"200.00","currency":"CNY"},"cap":{"amount":"200.00","currency":"CNY"},"amount":{"amount":"200.00","currency":"CNY"},"unit_price":{"amount":"0.045","currency":"CNY"},"messages":4444,"remainder":{"amount":"0.020","currency":"CNY"}}"#
        );
    }
}

// Source: SLA §3.1, §5.2: a term's total says its amount, the messages it
// buys, over how many months, and the fees paid.
#[test]
fn sla_5_2_a_total_displays_its_amount_messages_months_and_fees() {
    let policy = SlaPolicy::tencent_sms();
    let price = cny(dec!(0.045));
    let fee = MonthlyServiceFee::new(cny(dec!(1000)));
    let mut total = CompensationTotal::new(price.currency());
    assert_eq!(
        total.to_string(),
        "0.00 CNY as 0 messages over 0 months (of 0.00 CNY paid)"
    );
    total
        .add(&policy.compensate(&av(100, 6), &fee, &price).unwrap())
        .unwrap();
    assert_eq!(
        total.to_string(),
        "100.00 CNY as 2222 messages over 1 month (of 1000.00 CNY paid)"
    );
    total
        .add(&policy.compensate(&av(100, 20), &fee, &price).unwrap())
        .unwrap();
    assert_eq!(
        total.to_string(),
        "400.00 CNY as 8888 messages over 2 months (of 2000.00 CNY paid)"
    );
    assert_eq!(format!("{total:>70}").len(), 70);
}
