//! Bad input: each rule broken through the public API gives its typed error
//! with its exact message (D18: never a panic, never a silent default).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::as_conversions,
    reason = "test code: a panic is a failed test, and the values are small"
)]

mod util;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use sms_sla::{Error, ServiceMonth, SlaZone, Term};
use util::d;

/// Asserts that `result` failed with `expected`, whose message is `text`.
#[track_caller]
fn assert_error<T: std::fmt::Debug>(result: Result<T, Error>, expected: &Error, text: &str) {
    let err = result.unwrap_err();
    assert_eq!(&err, expected);
    assert_eq!(err.to_string(), text);
}

// Source: SPEC D1 (N = 0 is an error).
#[test]
fn d1_zero_months() {
    assert_error(
        Term::from_months(d(2024, 3, 17), 0),
        &Error::EmptyTerm {
            start: d(2024, 3, 17),
        },
        "term of 0 months starting 2024-03-17 is empty",
    );
}

#[test]
fn d1_start_at_the_last_supported_date() {
    assert_error(
        Term::from_months(NaiveDate::MAX, 1),
        &Error::TermOutOfRange {
            start: NaiveDate::MAX,
            months: 1,
        },
        "term of 1 months starting +262142-12-31 ends after the last supported date +262142-12-31",
    );
}

#[test]
fn d1_u32_max_months() {
    assert_error(
        Term::from_months(d(2024, 3, 17), u32::MAX),
        &Error::TermOutOfRange {
            start: d(2024, 3, 17),
            months: u32::MAX,
        },
        "term of 4294967295 months starting 2024-03-17 ends after the last supported date +262142-12-31",
    );
}

#[test]
fn d1_anniversary_one_day_past_the_last_supported_date() {
    // The last day would be representable, but the anniversary is not.
    assert_error(
        Term::from_months(d(262_142, 12, 1), 1),
        &Error::TermOutOfRange {
            start: d(262_142, 12, 1),
            months: 1,
        },
        "term of 1 months starting +262142-12-01 ends after the last supported date +262142-12-31",
    );
}

#[test]
fn d1_reversed_days() {
    assert_error(
        Term::new(d(2024, 3, 17), d(2024, 3, 16)),
        &Error::TermReversed {
            first_day: d(2024, 3, 17),
            last_day: d(2024, 3, 16),
        },
        "term last day 2024-03-16 is before its first day 2024-03-17",
    );
}

#[test]
fn service_month_reversed() {
    assert_error(
        ServiceMonth::new(d(2024, 3, 31), d(2024, 3, 17)),
        &Error::ServiceMonthReversed {
            first_day: d(2024, 3, 31),
            last_day: d(2024, 3, 17),
        },
        "service month last day 2024-03-17 is before its first day 2024-03-31",
    );
}

// Source: SLA §1.5 (a Service Month is within one calendar month).
#[test]
fn sla_1_5_service_month_across_two_calendar_months() {
    assert_error(
        ServiceMonth::new(d(2024, 12, 17), d(2025, 1, 16)),
        &Error::ServiceMonthSpansMonths {
            first_day: d(2024, 12, 17),
            last_day: d(2025, 1, 16),
        },
        "service month 2024-12-17 to 2025-01-16 spans more than one calendar month",
    );
}

// Source: SPEC D3 (an instant whose zone date cannot be represented).
#[test]
fn d3_instant_past_the_last_supported_date_in_the_zone() {
    let instant = DateTime::<Utc>::MAX_UTC;
    assert_error(
        SlaZone::default().date_of(instant),
        &Error::InstantOutOfRange {
            instant,
            offset: FixedOffset::east_opt(8 * 3600).unwrap(),
        },
        "instant +262142-12-31 23:59:59.999999999 UTC has no calendar day in the sla zone +08:00",
    );
    let instant = DateTime::<Utc>::MIN_UTC;
    let west = SlaZone::new(FixedOffset::west_opt(3600).unwrap());
    assert_error(
        west.date_of(instant),
        &Error::InstantOutOfRange {
            instant,
            offset: west.offset(),
        },
        "instant -262143-01-01 00:00:00 UTC has no calendar day in the sla zone -01:00",
    );
}

#[cfg(feature = "serde")]
mod serde_input {
    use super::assert_error;
    use super::util::d;
    use sms_sla::{Error, ServiceMonth, Term};

    #[track_caller]
    fn serde_error<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
        serde_json::from_str::<T>(json).unwrap_err().to_string()
    }

    #[test]
    fn a_reversed_term_does_not_deserialize() {
        let json = r#"{"first_day":"2024-03-17","last_day":"2024-03-16"}"#;
        assert_eq!(
            serde_error::<Term>(json),
            "term last day 2024-03-16 is before its first day 2024-03-17"
        );
        assert_error(
            Term::new(d(2024, 3, 17), d(2024, 3, 16)),
            &Error::TermReversed {
                first_day: d(2024, 3, 17),
                last_day: d(2024, 3, 16),
            },
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
