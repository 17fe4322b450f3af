//! Compensation from arbitrary counts, amounts, scales and currencies: an
//! exact answer within the cap, or a typed error.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;
use sms_sla::{Availability, DeductionKind, Money, MonthlyServiceFee, SlaPolicy};

#[derive(Debug, Arbitrary)]
struct Input {
    effective: u64,
    failures: u64,
    consumed: (i64, u8),
    deduction: (i64, u8),
    price: (i64, u8),
    currencies: [u8; 3],
}

fn amount((mantissa, scale): (i64, u8)) -> Decimal {
    Decimal::try_new(mantissa, u32::from(scale % 29)).unwrap_or_default()
}

fuzz_target!(|input: Input| {
    let codes = ["CNY", "USD", "cny"];
    let currency = |i: u8| codes[usize::from(i) % codes.len()];
    let Ok(availability) = Availability::new(input.effective, input.failures) else {
        return;
    };
    let Ok(consumed) = Money::new(amount(input.consumed), currency(input.currencies[0])) else {
        return;
    };
    let Ok(deduction) = Money::new(amount(input.deduction), currency(input.currencies[1])) else {
        return;
    };
    let Ok(fee) = MonthlyServiceFee::new(consumed).with_deduction(DeductionKind::Coupon, deduction)
    else {
        return;
    };
    let Ok(price) = Money::new(amount(input.price), currency(input.currencies[2])) else {
        return;
    };
    let Ok(c) = SlaPolicy::tencent_sms().compensate(&availability, &fee, &price) else {
        return;
    };
    assert!(c.amount() <= *fee.net_paid());
    assert!(c.amount() <= c.uncapped());
    let spent = price
        .amount()
        .checked_mul(Decimal::from(c.messages()))
        .unwrap();
    assert_eq!(
        spent.checked_add(c.remainder().amount()).unwrap(),
        c.amount().amount()
    );
    assert!(c.remainder() < price);
});
