//! Bad input: each rule broken through the public API gives its typed error
//! with its exact message (D18: never a panic, never a silent default).

use crate::util::assert_rule;
use crate::util::{Setup, assert_error, d};
use chrono::Month;
use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};
use rust_decimal::{Decimal, dec};
use sms_sla::ClaimRule;
use sms_sla::Currency;
use sms_sla::calendar::{BusinessCalendar, ChinaMainland, HolidaySchedule, Weekdays};
use sms_sla::error::MoneyError;
use sms_sla::traffic::{
    AccountKind, Announcements, Exemption, LedgerBuilder, UnclassifiedCode, Window,
};
use sms_sla::{
    Availability, DeductionKind, Error, Money, MonthlyServiceFee, ServiceMonth, SlaPolicy, SlaZone,
    Term, Threshold,
};
use sms_sla::{CompensationSchedule, Tier};

// Source: SPEC D1 (N = 0 is an error).
#[test]
fn d1_zero_months() {
    assert_error!(
        Term::from_months(d(2024, 3, 17), 0),
        Error::Term(TermError::EmptyTerm {
            start: d(2024, 3, 17)
        }),
        "term of 0 months starting 2024-03-17 is empty",
    );
}

#[test]
fn d1_start_at_the_last_supported_date() {
    assert_error!(
        Term::from_months(NaiveDate::MAX, 1),
        Error::Term(TermError::TermOutOfRange {
            start: NaiveDate::MAX,
            months: 1
        }),
        "term of 1 month starting +262142-12-31 ends after the last supported date +262142-12-31",
    );
}

#[test]
fn d1_u32_max_months() {
    assert_error!(
        Term::from_months(d(2024, 3, 17), u32::MAX),
        Error::Term(TermError::TermOutOfRange {
            start: d(2024, 3, 17),
            months: u32::MAX
        }),
        "term of 4294967295 months starting 2024-03-17 ends after the last supported date +262142-12-31",
    );
}

#[test]
fn d1_anniversary_one_day_past_the_last_supported_date() {
    // The last day would be representable, but the anniversary is not.
    assert_error!(
        Term::from_months(d(262_142, 12, 1), 1),
        Error::Term(TermError::TermOutOfRange {
            start: d(262_142, 12, 1),
            months: 1
        }),
        "term of 1 month starting +262142-12-01 ends after the last supported date +262142-12-31",
    );
}

#[test]
fn d1_reversed_days() {
    assert_error!(
        Term::new(d(2024, 3, 17), d(2024, 3, 16)),
        Error::Term(TermError::TermReversed {
            first_day: d(2024, 3, 17),
            last_day: d(2024, 3, 16)
        }),
        "term last day 2024-03-16 is before its first day 2024-03-17",
    );
}

#[test]
fn service_month_reversed() {
    assert_error!(
        ServiceMonth::new(d(2024, 3, 31), d(2024, 3, 17)),
        Error::Term(TermError::ServiceMonthReversed {
            first_day: d(2024, 3, 31),
            last_day: d(2024, 3, 17)
        }),
        "service month last day 2024-03-17 is before its first day 2024-03-31",
    );
}

// Source: SLA §1.5 (a Service Month is within one calendar month).
#[test]
fn sla_1_5_service_month_across_two_calendar_months() {
    assert_error!(
        ServiceMonth::new(d(2024, 12, 17), d(2025, 1, 16)),
        Error::Term(TermError::ServiceMonthSpansMonths {
            first_day: d(2024, 12, 17),
            last_day: d(2025, 1, 16)
        }),
        "service month 2024-12-17 to 2025-01-16 spans more than one calendar month",
    );
}

// Source: SPEC D3 (an instant whose zone date cannot be represented).
#[test]
fn d3_instant_past_the_last_supported_date_in_the_zone() {
    let instant = DateTime::<Utc>::MAX_UTC;
    assert_error!(
        SlaZone::default().date_of(instant),
        Error::Term(TermError::InstantOutOfRange {
            instant: instant,
            offset: FixedOffset::east_opt(8 * 3600).unwrap()
        }),
        "instant +262142-12-31 23:59:59.999999999 UTC has no calendar day in the sla zone +08:00",
    );
    let instant = DateTime::<Utc>::MIN_UTC;
    let west = SlaZone::new(FixedOffset::west_opt(3600).unwrap());
    assert_error!(
        west.date_of(instant),
        Error::Term(TermError::InstantOutOfRange {
            instant: instant,
            offset: west.offset()
        }),
        "instant -262143-01-01 00:00:00 UTC has no calendar day in the sla zone -01:00",
    );
}

// Source: SPEC D6 (more apparent failures than effective messages).
#[test]
fn d6_failures_exceed_effective() {
    assert_error!(
        Availability::new(20, 21),
        Error::Traffic(TrafficError::FailuresExceedEffective {
            effective_sent: 20,
            apparent_failures: 21
        }),
        "apparent failures 21 exceed the effective number of sent messages 20",
    );
    assert_error!(
        Availability::new(0, 1),
        Error::Traffic(TrafficError::FailuresExceedEffective {
            effective_sent: 0,
            apparent_failures: 1
        }),
        "apparent failures 1 exceed the effective number of sent messages 0",
    );
}

#[test]
fn thresholds_out_of_range_or_too_precise() {
    let percent = Decimal::new(-1, 2);
    assert_error!(
        Threshold::from_percent(percent),
        Error::Policy(PolicyError::ThresholdOutOfRange { percent: percent }),
        "availability threshold -0.01% is not between 0% and 100%",
    );
    let percent = Decimal::new(10_001, 2);
    assert_error!(
        Threshold::from_percent(percent),
        Error::Policy(PolicyError::ThresholdOutOfRange { percent: percent }),
        "availability threshold 100.01% is not between 0% and 100%",
    );
    let percent = Decimal::new(950_000_000_000_000_001, 17);
    assert_error!(
        Threshold::from_percent(percent),
        Error::Policy(PolicyError::ThresholdTooPrecise { percent: percent }),
        "availability threshold 9.50000000000000001% has more than 16 decimal places",
    );
}

// Source: SLA §4 has clauses 4.1 to 4.17.
#[test]
fn unknown_exemption_clause() {
    for clause in ["4.18", "4.0", "4", "§4.1", " 4.1", ""] {
        assert_error!(
            clause.parse::<Exemption>(),
            Error::Parse(ParseError::UnknownExemptionClause {
                clause: clause.to_owned()
            }),
            &format!(
                "unknown exemption clause `{clause}`: the agreement's exemptions are 4.1 to 4.17"
            ),
        );
    }
    for name in ["PoweredOff", "powered off", "", "powered_off "] {
        assert_error!(
            name.parse::<sms_sla::traffic::InvalidReason>(),
            Error::Parse(ParseError::UnknownInvalidReason {
                name: name.to_owned()
            }),
            &format!(
                "unknown invalid-number reason `{name}`: expected a §1.4 reason such as `powered_off`"
            ),
        );
    }
}

// Source: SPEC D15 (codes are listed for review, so they must be printable).
#[test]
fn invalid_failure_codes() {
    let long = "X".repeat(65);
    for code in ["", " ", " MK:0000", "MK:0000\n", "tab\there", long.as_str()] {
        assert_error!(
            UnclassifiedCode::new(code),
            Error::Traffic(TrafficError::InvalidFailureCode {
                code: code.to_owned()
            }),
            &format!(
                "failure code `{code}` is not 1 to 64 bytes of printable text without surrounding spaces"
            ),
        );
    }
    assert!(UnclassifiedCode::new(&"X".repeat(64)).is_ok());
    // Pull receipts describe failures in words, in any script.
    assert_eq!(
        UnclassifiedCode::new("用户短信接收失败").unwrap().as_str(),
        "用户短信接收失败"
    );
    assert!(UnclassifiedCode::new("MK 0000").is_ok());
}

// Source: SPEC D14 (a window is half-open and must hold at least one instant).
#[test]
fn d14_empty_or_reversed_windows() {
    let start = Utc.with_ymd_and_hms(2025, 4, 2, 18, 0, 0).unwrap();
    let end = Utc.with_ymd_and_hms(2025, 4, 2, 17, 0, 0).unwrap();
    assert_error!(
        Window::new(start, end),
        Error::Traffic(TrafficError::EmptyWindow {
            start: start,
            end: end
        }),
        "window from 2025-04-02 18:00:00 UTC to 2025-04-02 17:00:00 UTC is empty",
    );
}

#[test]
fn term_too_long_for_a_ledger() {
    let term = Term::new(NaiveDate::MIN, NaiveDate::MAX).unwrap();
    assert_error!(
        LedgerBuilder::new(
            &SlaPolicy::tencent_sms(),
            term,
            AccountKind::Ordinary,
            Announcements::new(),
        ),
        Error::Traffic(TrafficError::TermTooLongToTally {
            first_day: NaiveDate::MIN,
            last_day: NaiveDate::MAX,
            max_days: 40_000
        }),
        "term -262143-01-01 to +262142-12-31 is longer than 40000 days, the most a ledger covers",
    );
    // The longest accepted term is exactly 40,000 days.
    let last = d(2000, 1, 1)
        .checked_add_days(chrono::Days::new(39_999))
        .unwrap();
    assert!(
        LedgerBuilder::new(
            &SlaPolicy::tencent_sms(),
            Term::new(d(2000, 1, 1), last).unwrap(),
            AccountKind::Ordinary,
            Announcements::new()
        )
        .is_ok()
    );
    let last = last.succ_opt().unwrap();
    assert!(
        LedgerBuilder::new(
            &SlaPolicy::tencent_sms(),
            Term::new(d(2000, 1, 1), last).unwrap(),
            AccountKind::Ordinary,
            Announcements::new()
        )
        .is_err()
    );
}

#[test]
fn ledgers_of_different_terms_or_rules_do_not_merge() {
    let march = Term::from_months(d(2025, 3, 1), 1).unwrap();
    let april = Term::from_months(d(2025, 4, 1), 1).unwrap();
    let mut builder = Setup::new().builder(march);
    let other = Setup::new().builder(april);
    let err = builder.merge(&other).unwrap_err();
    assert_rule!(
        err,
        Error::Traffic(TrafficError::LedgerTermMismatch {
            left: march,
            right: april
        })
    );
    assert_eq!(
        err.to_string(),
        "cannot merge the ledger of term 2025-04-01 to 2025-04-30 into the ledger of term 2025-03-01 to 2025-03-31"
    );
    let message = "cannot merge ledgers of term 2025-03-01 to 2025-03-31 kept for different \
                   accounts, zones, surge volumes or announcements";
    let day = d(2025, 3, 3);
    for other in [
        Setup::gateway(),
        Setup::new().with_zone("+00:00".parse().unwrap()),
        Setup::new().with_surge_threshold(None),
        Setup::new().with_surge_notice(day),
    ] {
        let err = builder.merge(&other.builder(march)).unwrap_err();
        assert_rule!(
            err,
            Error::Traffic(TrafficError::LedgerRulesMismatch { term: march })
        );
        assert_eq!(err.to_string(), message);
    }
}

#[track_caller]
fn cny(amount: Decimal) -> Money {
    Money::new(amount, "CNY").unwrap()
}

// Source: SPEC D10 (money is non-negative, in a valid ISO 4217 code).
#[test]
fn d10_negative_money_and_bad_currency_codes() {
    assert_error!(
        Money::new(dec!(-1.00), "CNY"),
        Error::Money(MoneyError::NegativeMoney {
            amount: dec!(-1.00),
            currency: Currency::new("CNY").unwrap()
        }),
        "amount -1.00 CNY is negative",
    );
    for code in ["", "CN", "CNYY", "cny", "C1Y", "元元元", " CNY"] {
        assert_error!(
            Money::new(dec!(1), code),
            Error::Money(MoneyError::InvalidCurrency {
                code: code.to_owned()
            }),
            &format!("currency code `{code}` is not three uppercase letters (ISO 4217)"),
        );
    }
}

// Source: SPEC D10 (mixing currencies is an error).
#[test]
fn d10_currency_mismatch() {
    let usd = Money::new(dec!(1), "USD").unwrap();
    assert_error!(
        cny(dec!(2)).checked_add(&usd),
        Error::Money(MoneyError::CurrencyMismatch {
            left: cny(dec!(2)),
            right: usd
        }),
        "cannot combine 2.00 CNY with 1.00 USD",
    );
    let fee = MonthlyServiceFee::new(cny(dec!(10)));
    assert_error!(
        fee.clone().with_deduction(DeductionKind::Coupon, usd),
        Error::Money(MoneyError::CurrencyMismatch {
            left: cny(dec!(0)),
            right: usd
        }),
        "cannot combine 0.00 CNY with 1.00 USD",
    );
    assert_error!(
        SlaPolicy::tencent_sms().compensate(&Availability::new(10, 5).unwrap(), &fee, &usd),
        Error::Money(MoneyError::CurrencyMismatch {
            left: cny(dec!(10)),
            right: usd
        }),
        "cannot combine 10.00 CNY with 1.00 USD",
    );
}

// Source: SPEC D8 (deductions larger than the fee are an error, not a negative fee).
#[test]
fn d8_deductions_over_the_fee() {
    let fee = MonthlyServiceFee::new(cny(dec!(100.00)));
    assert_error!(
        fee.with_deduction(DeductionKind::Voucher, cny(dec!(100.01))),
        Error::Money(MoneyError::DeductionsExceedFee {
            deductions: cny(dec!(100.01)),
            consumed: cny(dec!(100.00))
        }),
        "deductions 100.01 CNY exceed the consumed fee 100.00 CNY",
    );
}

// Source: SPEC D10 (errors name the value that broke the rule exactly:
// money in an error is never rounded for display).
#[test]
fn d10_errors_show_money_exactly() {
    let fee = MonthlyServiceFee::new(cny(dec!(10)));
    assert_error!(
        fee.with_deduction(DeductionKind::Coupon, cny(dec!(10.004))),
        Error::Money(MoneyError::DeductionsExceedFee {
            deductions: cny(dec!(10.004)),
            consumed: cny(dec!(10))
        }),
        "deductions 10.004 CNY exceed the consumed fee 10.00 CNY",
    );
    let usd = Money::new(dec!(0.0001), "USD").unwrap();
    assert_error!(
        cny(dec!(2.345)).checked_add(&usd),
        Error::Money(MoneyError::CurrencyMismatch {
            left: cny(dec!(2.345)),
            right: usd
        }),
        "cannot combine 2.345 CNY with 0.0001 USD",
    );
    assert_error!(
        MonthlyServiceFee::prepaid_package(&cny(dec!(0.005)), 0, 0),
        Error::Money(MoneyError::EmptyPackage {
            price: cny(dec!(0.005))
        }),
        "a package priced 0.005 CNY holds no units",
    );
    assert_error!(
        MonthlyServiceFee::prepaid_package(&cny(dec!(100.001)), 3, 2),
        Error::Money(MoneyError::InexactPackageShare {
            consumed_units: 2,
            package_units: 3,
            price: cny(dec!(100.001))
        }),
        "2 of 3 units of a 100.001 CNY package has no exact decimal value",
    );
    let yen = Money::new(dec!(0), "JPY").unwrap();
    assert_error!(
        SlaPolicy::tencent_sms().compensate(
            &Availability::new(10, 5).unwrap(),
            &MonthlyServiceFee::new(Money::new(dec!(5), "JPY").unwrap()),
            &yen,
        ),
        Error::Money(MoneyError::NonPositiveUnitPrice { price: yen }),
        "unit price 0 JPY is not positive",
    );
}

// Source: SPEC D9 (the unit price must be positive).
#[test]
fn d9_zero_unit_price() {
    let fee = MonthlyServiceFee::new(cny(dec!(100)));
    for (zero, text) in [
        (dec!(0), "unit price 0.00 CNY is not positive"),
        (dec!(0.000), "unit price 0.00 CNY is not positive"),
        (dec!(-0), "unit price 0.00 CNY is not positive"),
    ] {
        assert_error!(
            SlaPolicy::tencent_sms().compensate(
                &Availability::new(10, 5).unwrap(),
                &fee,
                &cny(zero),
            ),
            Error::Money(MoneyError::NonPositiveUnitPrice { price: cny(zero) }),
            text,
        );
    }
    // A negative price cannot even be money.
    assert!(Money::new(dec!(-0.045), "CNY").is_err());
}

// Source: SPEC D10 (no value is rounded in secret).
#[test]
fn d10_inexact_arithmetic() {
    assert_error!(
        Money::new(Decimal::MAX, "CNY")
            .unwrap()
            .checked_add(&cny(dec!(1))),
        Error::Money(MoneyError::InexactArithmetic {
            left: Decimal::MAX,
            operation: "+",
            right: dec!(1)
        }),
        "79228162514264337593543950335 + 1 cannot be computed exactly",
    );
    // Credits beyond u64::MAX messages.
    let fee = MonthlyServiceFee::new(Money::new(Decimal::MAX, "CNY").unwrap());
    let price = cny(Decimal::new(1, 28));
    let err = SlaPolicy::tencent_sms()
        .compensate(&Availability::new(10, 5).unwrap(), &fee, &price)
        .unwrap_err();
    assert!(
        matches!(err, Error::Money(MoneyError::InexactArithmetic { .. })),
        "{err}"
    );
}

// Source: SLA §1.6 (only the consumed part of a package counts).
#[test]
fn sla_1_6_bad_packages() {
    assert_error!(
        MonthlyServiceFee::prepaid_package(&cny(dec!(450)), 0, 0),
        Error::Money(MoneyError::EmptyPackage {
            price: cny(dec!(450))
        }),
        "a package priced 450.00 CNY holds no units",
    );
    assert_error!(
        MonthlyServiceFee::prepaid_package(&cny(dec!(450)), 10_000, 10_001),
        Error::Money(MoneyError::PackageOverconsumed {
            consumed_units: 10_001,
            package_units: 10_000
        }),
        "10001 units consumed from a package of 10000",
    );
    assert_error!(
        MonthlyServiceFee::prepaid_package(&cny(dec!(100)), 3, 2),
        Error::Money(MoneyError::InexactPackageShare {
            consumed_units: 2,
            package_units: 3,
            price: cny(dec!(100))
        }),
        "2 of 3 units of a 100.00 CNY package has no exact decimal value",
    );
}

// Source: SPEC D16 (a schedule is validated data).
#[test]
fn d16_invalid_schedules() {
    let pct = |p: Decimal| Threshold::from_percent(p).unwrap();
    let tier = |p: Decimal, rate: Decimal| Tier::new(pct(p), rate).unwrap();
    assert_error!(
        Tier::new(pct(dec!(90)), dec!(-0.1)),
        Error::Policy(PolicyError::RateOutOfRange { rate: dec!(-0.1) }),
        "compensation rate -0.1 is not between 0 and 1",
    );
    assert_error!(
        Tier::new(pct(dec!(90)), dec!(1.01)),
        Error::Policy(PolicyError::RateOutOfRange { rate: dec!(1.01) }),
        "compensation rate 1.01 is not between 0 and 1",
    );
    assert_error!(
        CompensationSchedule::new(pct(dec!(95)), []),
        Error::Policy(PolicyError::NoTiers),
        "a compensation schedule needs at least one tier",
    );
    assert_error!(
        CompensationSchedule::new(
            pct(dec!(95)),
            [tier(dec!(95), dec!(0.1)), tier(dec!(0), dec!(0.3))],
        ),
        Error::Policy(PolicyError::TierNotBelowStandard {
            bound: pct(dec!(95)),
            standard: pct(dec!(95))
        }),
        "compensation tier from 95% is not below the standard 95%",
    );
    assert_error!(
        CompensationSchedule::new(
            pct(dec!(95)),
            [
                tier(dec!(80), dec!(0.1)),
                tier(dec!(90), dec!(0.2)),
                tier(dec!(0), dec!(0.3)),
            ],
        ),
        Error::Policy(PolicyError::TiersNotDescending {
            previous: pct(dec!(80)),
            next: pct(dec!(90))
        }),
        "compensation tier from 90% does not come below the tier from 80%",
    );
    assert_error!(
        CompensationSchedule::new(
            pct(dec!(95)),
            [
                tier(dec!(90), dec!(0.1)),
                tier(dec!(90), dec!(0.2)),
                tier(dec!(0), dec!(0.3)),
            ],
        ),
        Error::Policy(PolicyError::TiersNotDescending {
            previous: pct(dec!(90)),
            next: pct(dec!(90))
        }),
        "compensation tier from 90% does not come below the tier from 90%",
    );
    assert_error!(
        CompensationSchedule::new(
            pct(dec!(95)),
            [tier(dec!(90), dec!(0.3)), tier(dec!(0), dec!(0.1))],
        ),
        Error::Policy(PolicyError::TierRateDecreases {
            bound: pct(dec!(0)),
            rate: dec!(0.1),
            above: dec!(0.3)
        }),
        "compensation tier from 0% pays 0.1, less than the 0.3 of the tier above it",
    );
    assert_error!(
        CompensationSchedule::new(pct(dec!(95)), [tier(dec!(90), dec!(0.1))]),
        Error::Policy(PolicyError::TiersIncomplete {
            lowest: pct(dec!(90))
        }),
        "compensation tiers leave availability below 90% without a rate",
    );
    assert_error!(
        SlaPolicy::tencent_sms()
            .schedule()
            .clone()
            .with_cap_share(dec!(1.5)),
        Error::Policy(PolicyError::RateOutOfRange { rate: dec!(1.5) }),
        "compensation rate 1.5 is not between 0 and 1",
    );
    assert_error!(
        SlaPolicy::tencent_sms()
            .schedule()
            .clone()
            .with_cap_share(dec!(-0.01)),
        Error::Policy(PolicyError::RateOutOfRange { rate: dec!(-0.01) }),
        "compensation rate -0.01 is not between 0 and 1",
    );
}

// Source: SPEC D3 (the zone is data: an offset).
#[test]
fn d3_bad_zone_offsets() {
    for offset in [
        "8",
        "+8",
        "UTC",
        "UTC8",
        "utc+08:00",
        "+24:00",
        "UTC+24:00",
        "",
    ] {
        assert_error!(
            offset.parse::<SlaZone>(),
            Error::Term(TermError::InvalidZoneOffset {
                offset: offset.to_owned()
            }),
            &format!("sla zone offset `{offset}` is not of the form +08:00"),
        );
    }
    // Its own display reads back.
    assert_eq!(
        "UTC+08:00".parse::<SlaZone>().unwrap(),
        SlaZone::CHINA_STANDARD_TIME
    );
    assert_eq!(
        "-05:30".parse::<SlaZone>().unwrap().to_string(),
        "UTC-05:30"
    );
}

// Source: SPEC D12 (a date outside the data's years is an error naming the year).
#[test]
fn d12_years_without_business_day_data() {
    let china = ChinaMainland::new();
    for (date, year) in [
        (d(2003, 12, 31), 2003),
        (d(2027, 1, 1), 2027),
        (NaiveDate::MAX, 262_142),
    ] {
        assert_error!(
            china.is_business_day(date),
            Error::Calendar(CalendarError::CalendarYearNotCovered {
                year: year,
                covered: "2004-2026".to_owned()
            }),
            &format!("no business-day data for {year}: the calendar covers 2004-2026"),
        );
    }
    assert_error!(
        china.nth_business_day(2027, Month::January, 5),
        Error::Calendar(CalendarError::CalendarYearNotCovered {
            year: 2027,
            covered: "2004-2026".to_owned()
        }),
        "no business-day data for 2027: the calendar covers 2004-2026",
    );
}

#[test]
fn business_day_ordinals() {
    assert_error!(
        Weekdays.nth_business_day(2024, Month::May, 0),
        Error::Calendar(CalendarError::ZeroBusinessDayOrdinal),
        "business days are counted from 1, not 0",
    );
    assert_error!(
        ChinaMainland::new().nth_business_day(2024, Month::October, 0),
        Error::Calendar(CalendarError::ZeroBusinessDayOrdinal),
        "business days are counted from 1, not 0",
    );
    assert_error!(
        ChinaMainland::new().nth_business_day(2024, Month::October, 20),
        Error::Calendar(CalendarError::TooFewBusinessDays {
            year: 2024,
            month: 10,
            n: 20,
            found: 19
        }),
        "2024-10 has 19 business days, fewer than 20",
    );
    assert_error!(
        Weekdays.nth_business_day(2024, Month::February, 22),
        Error::Calendar(CalendarError::TooFewBusinessDays {
            year: 2024,
            month: 2,
            n: 22,
            found: 21
        }),
        "2024-02 has 21 business days, fewer than 22",
    );
    assert_error!(
        Weekdays.nth_business_day(262_143, Month::January, 1),
        Error::Calendar(CalendarError::MonthOutOfRange {
            year: 262_143,
            month: 1
        }),
        "month 262143-01 is outside the supported dates",
    );
}

// Source: SPEC D12 (years as data are validated; errors name the date).
#[test]
fn d12_invalid_holiday_schedules() {
    assert_error!(
        HolidaySchedule::new(2027, [d(2026, 12, 31)], []),
        Error::Calendar(CalendarError::ScheduleDateOutsideYear {
            year: 2027,
            date: d(2026, 12, 31)
        }),
        "holiday schedule for 2027 lists 2026-12-31, a day of another year",
    );
    assert_error!(
        HolidaySchedule::new(2027, [], [d(2028, 1, 1)]),
        Error::Calendar(CalendarError::ScheduleDateOutsideYear {
            year: 2027,
            date: d(2028, 1, 1)
        }),
        "holiday schedule for 2027 lists 2028-01-01, a day of another year",
    );
    assert_error!(
        HolidaySchedule::new(2027, [d(2027, 1, 1), d(2027, 1, 1)], []),
        Error::Calendar(CalendarError::ScheduleDateRepeated {
            date: d(2027, 1, 1)
        }),
        "holiday schedule lists 2027-01-01 more than once",
    );
    assert_error!(
        HolidaySchedule::new(2027, [d(2027, 1, 2)], [d(2027, 1, 2)]),
        Error::Calendar(CalendarError::ScheduleDayOffAndWorked {
            date: d(2027, 1, 2)
        }),
        "2027-01-02 is listed both as a day off and as a make-up working day",
    );
    assert_error!(
        HolidaySchedule::new(2027, [], [d(2027, 1, 4)]),
        Error::Calendar(CalendarError::MakeUpDayNotWeekend {
            date: d(2027, 1, 4)
        }),
        "make-up working day 2027-01-04 is a Monday, not a weekend day",
    );
    for year in [i32::MIN, -1, 0, 1948, 10_000, 262_143, i32::MAX] {
        assert_error!(
            HolidaySchedule::new(year, [], []),
            Error::Calendar(CalendarError::ScheduleYearOutOfRange { year: year }),
            &format!("holiday schedule year {year} is outside 1949 to 9999"),
        );
    }
    for year in [1949, 9999] {
        assert_eq!(HolidaySchedule::new(year, [], []).unwrap().year(), year);
    }
    let year = || HolidaySchedule::new(2027, [], []).unwrap();
    assert_error!(
        ChinaMainland::new().with_schedules([year(), year()]),
        Error::Calendar(CalendarError::DuplicateScheduleYear { year: 2027 }),
        "holiday schedule for 2027 is given more than once",
    );
}

// Source: SPEC D12 (a known year is replaced only on request, by name).
#[test]
fn d12_a_known_year_is_never_replaced_silently() {
    let empty = |year| HolidaySchedule::new(year, [], []).unwrap();
    // An empty 2026 would make every public holiday of 2026 a business day.
    assert_error!(
        ChinaMainland::new().with_schedules([empty(2026)]),
        Error::Calendar(CalendarError::ScheduleYearKnown { year: 2026 }),
        "the calendar already has a schedule for 2026: replace it with with_corrected_schedules",
    );
    // A second load does not replace the first.
    let loaded = ChinaMainland::new().with_schedules([empty(2027)]).unwrap();
    assert_error!(
        loaded.clone().with_schedules([empty(2027)]),
        Error::Calendar(CalendarError::ScheduleYearKnown { year: 2027 }),
        "the calendar already has a schedule for 2027: replace it with with_corrected_schedules",
    );
    // A load that fails adds nothing, not even the years before the bad one.
    assert_error!(
        loaded.clone().with_schedules([empty(2028), empty(2004)]),
        Error::Calendar(CalendarError::ScheduleYearKnown { year: 2004 }),
        "the calendar already has a schedule for 2004: replace it with with_corrected_schedules",
    );
    assert_error!(
        loaded.clone().with_corrected_schedules([empty(2029)]),
        Error::Calendar(CalendarError::ScheduleYearUnknown { year: 2029 }),
        "the calendar has no schedule for 2029 to correct: add it with with_schedules",
    );
    assert_error!(
        loaded
            .clone()
            .with_corrected_schedules([empty(2027), empty(2027)]),
        Error::Calendar(CalendarError::DuplicateScheduleYear { year: 2027 }),
        "holiday schedule for 2027 is given more than once",
    );
    // The built-in 2026 is still there, and a correction replaces it.
    let national_day = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
    assert_eq!(loaded.is_business_day(national_day), Ok(false));
    let corrected = loaded.with_corrected_schedules([empty(2026)]).unwrap();
    assert_eq!(corrected.is_business_day(national_day), Ok(true));
}

// Source: SPEC D11 (the window must never be empty; dates must exist).
#[test]
fn d11_invalid_claim_rules_and_windows() {
    assert_error!(
        ClaimRule::new(0, 60),
        Error::Policy(PolicyError::InvalidClaimBusinessDay { business_day: 0 }),
        "claim business day 0 is not between 1 and 23",
    );
    // A rule whose deadline comes before the window opens.
    let rule = ClaimRule::new(5, 3).unwrap();
    let march = ServiceMonth::new(d(2025, 3, 1), d(2025, 3, 31)).unwrap();
    assert_error!(
        rule.window(&march, &Weekdays, SlaZone::default()),
        Error::Calendar(CalendarError::EmptyClaimWindow {
            month: march,
            opens_on: d(2025, 4, 8),
            closes_on: d(2025, 4, 3)
        }),
        "the claim window of service month 2025-03-01 to 2025-03-31 would open 2025-04-08 but close 2025-04-03",
    );
    let last = ServiceMonth::new(d(262_142, 12, 1), NaiveDate::MAX).unwrap();
    assert_error!(
        SlaPolicy::tencent_sms().claim_window(&last, &Weekdays),
        Error::Calendar(CalendarError::ClaimWindowOutOfRange { month: last }),
        "the claim window of service month +262142-12-01 to +262142-12-31 falls outside the supported dates",
    );
}

// Source: SLA §1.6 (each Service Month needs its fee, and only its own).
#[test]
fn fees_missing_duplicated_or_outside_the_term() {
    use sms_sla::assess::MonthlyFees;

    let policy = SlaPolicy::tencent_sms();
    let term = Term::from_months(d(2024, 3, 17), 3).unwrap();
    let assessor = Setup::new().assessor(term);
    let fee = MonthlyServiceFee::new(cny(dec!(10)));
    let price = cny(dec!(0.045));
    let march = ServiceMonth::new(d(2024, 3, 17), d(2024, 3, 31)).unwrap();
    assert_error!(
        assessor.finish(&MonthlyFees::new(), &price, &Weekdays, d(2024, 7, 1)),
        Error::Money(MoneyError::MissingFee { month: march }),
        "no monthly service fee given for service month 2024-03-17 to 2024-03-31",
    );
    assert_error!(
        MonthlyFees::new()
            .with(march, fee.clone())
            .unwrap()
            .with(march, fee.clone()),
        Error::Money(MoneyError::DuplicateFee { month: march }),
        "service month 2024-03-17 to 2024-03-31 is given more than one fee",
    );
    let whole_march = ServiceMonth::new(d(2024, 3, 1), d(2024, 3, 31)).unwrap();
    assert_error!(
        assessor.finish(
            &MonthlyFees::new().with(whole_march, fee).unwrap(),
            &price,
            &Weekdays,
            d(2024, 7, 1),
        ),
        Error::Money(MoneyError::FeeOutsideTerm {
            month: whole_march,
            term: term
        }),
        "a fee is given for 2024-03-01 to 2024-03-31, which is not a service month of the term 2024-03-17 to 2024-06-16",
    );
    let mut other = Setup {
        policy: policy.with_claim_rule(ClaimRule::new(3, 90).unwrap()),
        ..Setup::new()
    }
    .assessor(term);
    assert_error!(
        other.merge(&assessor),
        Error::Traffic(TrafficError::AssessorPolicyMismatch { term: term }),
        "cannot merge assessments of term 2024-03-17 to 2024-06-16 made under different policies",
    );
}

#[cfg(feature = "tencent")]
#[test]
fn a_failing_reader_is_an_error() {
    use sms_sla::tencent::{CodeTable, FileKind, MessageLog};

    struct Broken;
    impl std::io::Read for Broken {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk on fire"))
        }
    }
    let mut log = MessageLog::new(CodeTable::tencent_default());
    assert_error!(
        log.read_callback_lines(std::io::BufReader::new(Broken)),
        Error::Tencent(TencentError::TencentRead {
            format: "callback",
            line: Some(1),
            source: std::io::Error::other("disk on fire").into()
        }),
        "tencent callback input could not be read at line 1",
    );
    assert_error!(
        log.read_file(FileKind::SendLog, std::io::BufReader::new(Broken)),
        Error::Tencent(TencentError::TencentRead {
            format: "send log",
            line: Some(1),
            source: std::io::Error::other("disk on fire").into()
        }),
        "tencent send log input could not be read at line 1",
    );
    // The I/O error is the source, not a string.
    let err = log
        .read_callback_lines(std::io::BufReader::new(Broken))
        .unwrap_err();
    let source = std::error::Error::source(&err).unwrap();
    assert_eq!(source.to_string(), "disk on fire");
    let io = source.downcast_ref::<sms_sla::IoError>().unwrap();
    assert_eq!(io.kind(), std::io::ErrorKind::Other);
}

/// An I/O error inside an `Error`: equal, and hashed alike, by kind and
/// message; its own source shows through.
#[test]
fn io_errors_compare_by_kind_and_message_and_show_their_source() {
    use std::collections::HashSet;
    use std::error::Error as _;

    use sms_sla::IoError;

    #[derive(Debug)]
    struct Inner(std::fmt::Error);
    impl std::fmt::Display for Inner {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("inner")
        }
    }
    impl std::error::Error for Inner {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }

    let io = |kind, text: &str| IoError::from(std::io::Error::new(kind, text.to_owned()));
    let other = std::io::ErrorKind::Other;
    assert_eq!(io(other, "a"), io(other, "a"));
    assert_ne!(io(other, "a"), io(other, "b"));
    assert_ne!(io(other, "a"), io(std::io::ErrorKind::NotFound, "a"));
    let set: HashSet<IoError> = [io(other, "a"), io(other, "a"), io(other, "b")].into();
    assert_eq!(set.len(), 2);
    let hash = |err: &IoError| {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        err.hash(&mut hasher);
        hasher.finish()
    };
    assert_eq!(hash(&io(other, "a")), hash(&io(other, "a")));
    assert_ne!(hash(&io(other, "a")), hash(&io(other, "b")));
    let wrapped = IoError::from(std::io::Error::other(Inner(std::fmt::Error)));
    assert_eq!(
        wrapped.source().map(ToString::to_string),
        Some(std::fmt::Error.to_string())
    );
}

#[cfg(feature = "serde")]
mod serde_input {
    use super::assert_error;
    use crate::util::d;
    use sms_sla::{ServiceMonth, Term};

    #[track_caller]
    fn serde_error<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
        serde_json::from_str::<T>(json).unwrap_err().to_string()
    }

    /// The error's message without the ` at line L column C` that `serde_json` appends.
    fn serde_reason<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
        let error = serde_error::<T>(json);
        match error.split_once(" at line") {
            Some((reason, _)) => reason.to_owned(),
            None => error,
        }
    }

    #[test]
    fn a_reversed_term_does_not_deserialize() {
        let json = r#"{"first_day":"2024-03-17","last_day":"2024-03-16"}"#;
        assert_eq!(
            serde_error::<Term>(json),
            "term last day 2024-03-16 is before its first day 2024-03-17"
        );
        assert_error!(
            Term::new(d(2024, 3, 17), d(2024, 3, 16)),
            Error::Term(TermError::TermReversed {
                first_day: d(2024, 3, 17),
                last_day: d(2024, 3, 16)
            }),
            "term last day 2024-03-16 is before its first day 2024-03-17",
        );
    }

    #[test]
    fn a_service_month_across_months_does_not_deserialize() {
        let json = r#"{"first_day":"2024-03-17","last_day":"2024-04-16"}"#;
        assert_eq!(
            serde_error::<ServiceMonth>(json),
            "service month 2024-03-17 to 2024-04-16 spans more than one calendar month"
        );
    }

    #[test]
    fn invalid_traffic_values_do_not_deserialize() {
        assert_eq!(
            serde_error::<sms_sla::Availability>(r#"{"effective_sent":20,"apparent_failures":21}"#),
            "apparent failures 21 exceed the effective number of sent messages 20"
        );
        assert_eq!(
            serde_error::<sms_sla::traffic::Tally>(
                r#"{"delivered":1,"unconfirmed":0,"provider_side":0,"exempt":{"4.18":1}}"#
            ),
            "unknown exemption clause `4.18`: the agreement's exemptions are 4.1 to 4.17 at line 1 column 65"
        );
        assert_eq!(
            serde_error::<sms_sla::traffic::Tally>(
                r#"{"delivered":1,"unconfirmed":0,"provider_side":0,"invalid":{"lost":1}}"#
            )
            .split(", expected")
            .next()
            .unwrap(),
            "unknown variant `lost`"
        );
        assert_eq!(
            serde_error::<sms_sla::traffic::Window>(
                r#"{"start":"2025-04-02T18:00:00Z","end":"2025-04-02T18:00:00Z"}"#
            ),
            "window from 2025-04-02 18:00:00 UTC to 2025-04-02 18:00:00 UTC is empty"
        );
        // A record borrows its code from the text it is read from.
        let bad_code = r#"{"sent_at":"2025-04-02T18:00:00Z","recipient":"valid","outcome":{"failed":{"unclassified":" MK"}}}"#;
        assert_eq!(
            serde_json::from_str::<sms_sla::traffic::MessageRecord<'_>>(bad_code)
                .unwrap_err()
                .to_string(),
            "failure code ` MK` is not 1 to 64 bytes of printable text without surrounding spaces at line 1 column 96"
        );
        let escaped = r#"{"sent_at":"2025-04-02T18:00:00Z","recipient":"valid","outcome":{"failed":{"unclassified":"M\u004b"}}}"#;
        assert_eq!(
            serde_json::from_str::<sms_sla::traffic::MessageRecord<'_>>(escaped)
                .unwrap_err()
                .to_string(),
            "invalid type: string \"MK\", expected a borrowed string at line 1 column 99"
        );
    }

    #[test]
    fn invalid_money_and_policies_do_not_deserialize() {
        assert_eq!(
            serde_error::<sms_sla::Money>(r#"{"amount":"-1","currency":"CNY"}"#),
            "amount -1 CNY is negative"
        );
        assert_eq!(
            serde_reason::<sms_sla::Money>(r#"{"amount":1.5,"currency":"CNY"}"#),
            "invalid type: floating point `1.5`, expected a Decimal type representing a fixed-point number"
        );
        assert_eq!(
            serde_error::<sms_sla::MonthlyServiceFee>(
                r#"{"consumed":{"amount":"10","currency":"CNY"},"deductions":[{"kind":"coupon","amount":{"amount":"11","currency":"CNY"}}]}"#
            ),
            "deductions 11.00 CNY exceed the consumed fee 10.00 CNY"
        );
        let policy = r#"{"zone":"+08:00","schedule":{"standard":"95","tiers":[{"lower_bound":"90","rate":"0.1"}],"cap_share":"1"},"unclassified_failures":"apparent","surge_threshold_ordinary":null,"surge_threshold_gateway":null,"claim_rule":{"business_day":3,"deadline_days":90}}"#;
        assert_eq!(
            serde_reason::<sms_sla::SlaPolicy>(policy),
            "compensation tiers leave availability below 90% without a rate"
        );
    }

    #[test]
    fn invalid_calendar_data_and_claim_windows_do_not_deserialize() {
        assert_eq!(
            serde_reason::<sms_sla::calendar::HolidaySchedule>(
                r#"{"year":2027,"days_off":["2027-01-02"],"make_up_workdays":["2027-01-02"]}"#
            ),
            "2027-01-02 is listed both as a day off and as a make-up working day"
        );
        assert_eq!(
            serde_reason::<sms_sla::calendar::HolidaySchedule>(
                r#"{"year":2027,"days_off":["2027-02-30"],"make_up_workdays":[]}"#
            ),
            "input is out of range"
        );
        assert_eq!(
            serde_reason::<sms_sla::ClaimWindow>(
                r#"{"service_month":{"first_day":"2025-03-01","last_day":"2025-03-31"},"opens_on":"2025-05-31","closes_on":"2025-05-30","zone":"+08:00"}"#
            ),
            "the claim window of service month 2025-03-01 to 2025-03-31 would open 2025-05-31 but close 2025-05-30"
        );
        assert_eq!(
            serde_reason::<sms_sla::ClaimRule>(r#"{"business_day":0,"deadline_days":60}"#),
            "claim business day 0 is not between 1 and 23"
        );
    }

    #[test]
    fn tampered_compensations_and_ledgers_do_not_deserialize() {
        let json = r#"{"availability":{"effective_sent":100,"apparent_failures":11},"rate":"0.3","uncapped":{"amount":"300.000","currency":"CNY"},"net_paid":{"amount":"200.00","currency":"CNY"},"cap":{"amount":"200.00","currency":"CNY"},"amount":{"amount":"200.00","currency":"CNY"},"unit_price":{"amount":"0.045","currency":"CNY"},"messages":4444,"remainder":{"amount":"0.020","currency":"CNY"}}"#;
        assert!(serde_json::from_str::<sms_sla::Compensation>(json).is_ok());
        let more_messages = json.replace("4444", "4445");
        assert_eq!(
            serde_reason::<sms_sla::Compensation>(&more_messages),
            "inconsistent compensation: the message credits do not match the amount and the unit price"
        );
        let uncapped = json.replace(
            r#""amount":{"amount":"200.00""#,
            r#""amount":{"amount":"300.00""#,
        );
        assert_eq!(
            serde_reason::<sms_sla::Compensation>(&uncapped),
            "inconsistent compensation: the amount is not the smaller of the uncapped amount and the cap"
        );
        // The rate must lie in [0, 1]; both ends are valid.
        for (rate, verdict) in [
            ("1", None),
            ("0", None),
            ("1.5", Some("compensation rate 1.5 is not between 0 and 1")),
            (
                "-0.1",
                Some("compensation rate -0.1 is not between 0 and 1"),
            ),
        ] {
            let tampered = json.replace(r#""rate":"0.3""#, &format!(r#""rate":"{rate}""#));
            match verdict {
                None => assert!(serde_json::from_str::<sms_sla::Compensation>(&tampered).is_ok()),
                Some(text) => assert_eq!(serde_reason::<sms_sla::Compensation>(&tampered), text),
            }
        }
        // A cap below the net paid fee (a cap share under 1) is valid; above it is not.
        let half_cap = json
            .replace(r#""cap":{"amount":"200.00""#, r#""cap":{"amount":"100.00""#)
            .replace(
                r#""amount":{"amount":"200.00""#,
                r#""amount":{"amount":"100.00""#,
            )
            .replace("4444", "2222")
            .replace(
                r#""remainder":{"amount":"0.020""#,
                r#""remainder":{"amount":"0.010""#,
            );
        assert!(serde_json::from_str::<sms_sla::Compensation>(&half_cap).is_ok());
        let high_cap = json.replace(
            r#""net_paid":{"amount":"200.00""#,
            r#""net_paid":{"amount":"150.00""#,
        );
        assert_eq!(
            serde_reason::<sms_sla::Compensation>(&high_cap),
            "inconsistent compensation: the cap exceeds the net paid fee"
        );
        // A total may reach the net fees paid (§5.2) but not exceed them.
        let total = r#"{"amount":{"amount":"200.00","currency":"CNY"},"net_paid":{"amount":"200.00","currency":"CNY"},"messages":4444,"months":1}"#;
        assert!(serde_json::from_str::<sms_sla::CompensationTotal>(total).is_ok());
        let over = total.replace(
            r#""net_paid":{"amount":"200.00""#,
            r#""net_paid":{"amount":"199.99""#,
        );
        assert_eq!(
            serde_reason::<sms_sla::CompensationTotal>(&over),
            "inconsistent compensation: the total exceeds the net fees paid (§5.2)"
        );
        let ledger = r#"{"term":{"first_day":"2025-04-01","last_day":"2025-04-30"},"months":[],"before_term":0,"after_term":0}"#;
        let err = serde_json::from_str::<sms_sla::traffic::Ledger>(ledger).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("ledger of term 2025-04-01 to 2025-04-30 lists 0 months that are not the term's service months"),
            "{err}"
        );
    }

    #[test]
    fn malformed_documents_are_rejected() {
        assert_eq!(
            serde_error::<Term>(r#"{"first_day":"2024-02-30","last_day":"2024-03-16"}"#),
            "input is out of range at line 1 column 25"
        );
        assert_eq!(
            serde_error::<Term>(r#"{"first_day":"2024-03-17"}"#),
            "missing field `last_day` at line 1 column 26"
        );
        assert_eq!(
            serde_error::<Term>(r#"{"first_day":"2024-03-17","last_day":"2024-03-18","months":3}"#),
            "unknown field `months`, expected `first_day` or `last_day` at line 1 column 58"
        );
    }
}

// Text that does not read as a term, a service month or money is an error
// naming the text and the forms accepted.
#[test]
fn unreadable_terms_months_and_money() {
    use sms_sla::{Money, ServiceMonth};
    let term_forms = "`START to LAST`, `START..LAST` or `START+MONTHS`, dates as YYYY-MM-DD";
    for text in [
        "",
        "2025-01-01",
        "2025-01-01+",
        "2025-01-01+x",
        "2025-13-01+1",
        "2025-01-01 to",
    ] {
        assert_error!(
            text.parse::<Term>(),
            Error::Parse(ParseError::Unreadable {
                what: "a term",
                text: text.to_owned(),
                expected: term_forms
            }),
            &format!("cannot read `{text}` as a term: expected {term_forms}"),
        );
    }
    // Well-formed text still meets the term's own rules.
    assert_rule!(
        "2025-01-01+0".parse::<Term>().unwrap_err(),
        Error::Term(TermError::EmptyTerm {
            start: d(2025, 1, 1)
        })
    );
    assert_error!(
        "2025-04-01..2025-04".parse::<ServiceMonth>(),
        Error::Parse(ParseError::Unreadable {
            what: "a service month",
            text: "2025-04-01..2025-04".to_owned(),
            expected: "`FIRST to LAST`, dates as YYYY-MM-DD"
        }),
        "cannot read `2025-04-01..2025-04` as a service month: expected `FIRST to LAST`, dates as YYYY-MM-DD",
    );
    let money_form = "an exact decimal amount, one space and a currency code, such as `0.045 CNY`";
    for text in ["0.045", "CNY 0.045", "1e3 CNY", ""] {
        assert_error!(
            text.parse::<Money>(),
            Error::Parse(ParseError::Unreadable {
                what: "money",
                text: text.to_owned(),
                expected: money_form
            }),
            &format!("cannot read `{text}` as money: expected {money_form}"),
        );
    }
    assert!(matches!(
        "-1 CNY".parse::<Money>(),
        Err(Error::Money(MoneyError::NegativeMoney { .. }))
    ));
}

// Source: SLA §1.6 (one fee per Service Month): fees collected from an
// iterator cannot fail there, so a month given twice fails the assessment.
#[test]
fn fees_collected_with_a_month_twice_fail_the_assessment() {
    use sms_sla::assess::MonthlyFees;
    let term = Term::from_months(d(2024, 3, 17), 1).unwrap();
    let march = term.service_months().next().unwrap();
    let fee = MonthlyServiceFee::new(cny(dec!(10)));
    let fees: MonthlyFees = [(march, fee.clone()), (march, fee)].into_iter().collect();
    assert_error!(
        Setup::new()
            .assessor(term)
            .finish(&fees, &cny(dec!(0.045)), &Weekdays, d(2024, 7, 1)),
        Error::Money(MoneyError::DuplicateFee { month: march }),
        "service month 2024-03-17 to 2024-03-31 is given more than one fee",
    );
}

// Source: SPEC D18: columns that do not describe one table are refused
// whole, with the value named, and add nothing.
#[test]
fn d18_unix_columns_that_disagree_are_refused_whole() {
    use sms_sla::traffic::{MessageClass, Outcome, Recipient};

    let term = Term::from_months(d(2025, 4, 1), 1).unwrap();
    let mut builder = Setup::new().builder(term);
    let classes = [MessageClass::new(Recipient::Valid, Outcome::Delivered)];
    let at = 1_743_526_800_i64;
    assert_eq!(
        builder
            .add_unix_columns(&[at, at], &[0_u8], &classes)
            .unwrap_err()
            .to_string(),
        "the time column has 2 rows but the class column has 1"
    );
    assert_rule!(
        builder
            .add_unix_columns(&[at, at, at], &[0_i32, 0, -1], &classes)
            .unwrap_err(),
        Error::Columns(ColumnError::ClassKeyOutOfRange {
            row: 2,
            key: "-1".to_owned(),
            classes: 1
        })
    );
    assert_eq!(
        builder
            .add_unix_columns(&[at], &[0_u64], &[])
            .unwrap_err()
            .to_string(),
        "row 0: class key 0 is not an index of the 0 classes given"
    );
    assert_eq!(builder.total(), 0);
    builder
        .add_unix_columns(&[at, i64::MIN, i64::MAX], &[0_u16; 3], &classes)
        .unwrap();
    let ledger = builder.finish();
    assert_eq!(
        (ledger.total(), ledger.before_term(), ledger.after_term()),
        (3, 1, 1)
    );
}

// Source: SPEC D20 (an entry kind stored by an engine reads back by name).
#[cfg(feature = "tencent")]
#[test]
fn d20_unknown_entry_kind() {
    use sms_sla::tencent::EntryKind;
    assert_error!(
        "lost".parse::<EntryKind>(),
        Error::Parse(ParseError::UnknownEntryKind {
            text: "lost".to_owned()
        }),
        "`lost` is not an entry kind",
    );
    let long = "x".repeat(100);
    let err = long.parse::<EntryKind>().unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("`{}…` is not an entry kind", "x".repeat(64))
    );
}
