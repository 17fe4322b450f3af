//! Property tests: any input gives either a valid value or a typed error,
//! never a panic.

use crate::util::assert_rule;
use crate::util::{assert_tiles, expected_count, expected_last_day};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use sms_sla::error::TermError;
use sms_sla::{Error, ServiceMonth, SlaZone, Term};

/// Terms longer than this are checked at both ends and sampled in between.
const WALK_LIMIT: usize = 400;

/// Any date chrono can represent, weighted toward the range's edges and the
/// years billing actually sees.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    let min = NaiveDate::MIN.num_days_from_ce();
    let max = NaiveDate::MAX.num_days_from_ce();
    let near_now = crate::util::d(1900, 1, 1).num_days_from_ce()
        ..crate::util::d(2200, 1, 1).num_days_from_ce();
    prop_oneof![
        3 => min..=max,
        3 => near_now,
        1 => min..min + 800,
        1 => max - 800..=max,
    ]
    .prop_map(|days| NaiveDate::from_num_days_from_ce_opt(days).unwrap())
}

/// Any month count, weighted toward realistic terms.
fn any_months() -> impl Strategy<Value = u32> {
    prop_oneof![2 => any::<u32>(), 3 => 0_u32..=1200, 1 => Just(0_u32), 1 => Just(u32::MAX)]
}

/// Any instant chrono can represent, to the second.
fn any_instant() -> impl Strategy<Value = DateTime<Utc>> {
    let min = DateTime::<Utc>::MIN_UTC.timestamp();
    let max = DateTime::<Utc>::MAX_UTC.timestamp();
    prop_oneof![min..=max, min..min + 86_400 * 2, max - 86_400 * 2..=max]
        .prop_map(|secs| DateTime::from_timestamp(secs, 0).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 10_000,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("proptest-regressions/properties.txt"))),
        ..ProptestConfig::default()
    })]

    // Source: SPEC D1, D2, D18 (never a panic: a tiling term or a typed error).
    #[test]
    fn from_months_gives_a_tiling_term_or_a_typed_error(start in any_date(), months in any_months()) {
        match Term::from_months(start, months) {
            Ok(term) => {
                prop_assert!(months > 0);
                prop_assert_eq!(term.first_day(), start);
                prop_assert_eq!(Some(term.last_day()), expected_last_day(start, months));
                prop_assert_eq!(term.service_months().len(), expected_count(start, months));
                assert_tiles(term, WALK_LIMIT);
            }
            Err(Error::Term(TermError::EmptyTerm { start: s, .. })) => {
                prop_assert_eq!((months, s), (0, start));
            }
            Err(Error::Term(TermError::TermOutOfRange { start: s, months: m, .. })) => {
                prop_assert_eq!((s, m), (start, months));
                prop_assert!(months > 0);
                prop_assert_eq!(expected_last_day(start, months), None);
            }
            Err(other) => prop_assert!(false, "unexpected error {other}"),
        }
    }

    // Source: SPEC D1 (explicit days), D2.
    #[test]
    fn new_gives_a_tiling_term_or_reversed(first in any_date(), last in any_date()) {
        match Term::new(first, last) {
            Ok(term) => {
                prop_assert!(first <= last);
                prop_assert_eq!((term.first_day(), term.last_day()), (first, last));
                assert_tiles(term, WALK_LIMIT);
            }
            Err(err) => {
                prop_assert!(last < first);
                assert_rule!(err, Error::Term(TermError::TermReversed { first_day: first, last_day: last }));
            }
        }
    }

    // Source: SLA §1.5 (each date of the term is in exactly one Service Month).
    #[test]
    fn service_month_of_agrees_with_the_iterator(first in any_date(), span in 0_u32..2_000, pick in 0_u32..2_000) {
        let last = first.checked_add_days(chrono::Days::new(span.into())).unwrap_or(NaiveDate::MAX);
        let term = Term::new(first, last).unwrap();
        let date = first.checked_add_days(chrono::Days::new(pick.into())).unwrap_or(NaiveDate::MAX);
        let found = term.service_month_of(date);
        if term.contains(date) {
            let month = found.unwrap();
            prop_assert!(month.contains(date));
            let month_number = |day: NaiveDate| i64::from(day.year()) * 12 + i64::from(day.month0());
            let index = usize::try_from(month_number(date) - month_number(first)).unwrap();
            prop_assert_eq!(term.service_months().nth(index), Some(month));
        } else {
            prop_assert_eq!(found, None);
        }
    }

    // Source: SPEC D3 (an instant's Service Month is its date's in the zone).
    #[test]
    fn service_month_at_is_the_month_of_the_zone_date(instant in any_instant(), offset_hours in -12_i32..=14) {
        let zone = SlaZone::new(chrono::FixedOffset::east_opt(offset_hours * 3600).unwrap());
        let term = Term::new(NaiveDate::MIN, NaiveDate::MAX).unwrap();
        match zone.date_of(instant) {
            Ok(date) => {
                prop_assert_eq!(date, instant.with_timezone(&zone.offset()).date_naive());
                prop_assert_eq!(term.service_month_at(instant, zone), term.service_month_of(date));
                prop_assert!(term.service_month_at(instant, zone).is_some());
            }
            Err(err) => {
                assert_rule!(err, Error::Term(TermError::InstantOutOfRange { instant: instant, offset: zone.offset() }));
                prop_assert_eq!(term.service_month_at(instant, zone), None);
            }
        }
    }

    // Source: SLA §1.5 (a Service Month lies in one calendar month).
    #[test]
    fn service_month_new_accepts_exactly_ordered_days_of_one_month(first in any_date(), span in 0_u64..70) {
        let last = first.checked_add_days(chrono::Days::new(span)).unwrap_or(NaiveDate::MAX);
        let same_month = (first.year(), first.month()) == (last.year(), last.month());
        match ServiceMonth::new(first, last) {
            Ok(month) => {
                prop_assert!(same_month);
                prop_assert_eq!(i64::from(month.days()), (last - first).num_days() + 1);
            }
            Err(err) => {
                prop_assert!(!same_month);
                assert_rule!(err, Error::Term(TermError::ServiceMonthSpansMonths { first_day: first, last_day: last }));
            }
        }
        if first != last {
            assert_rule!(
                ServiceMonth::new(last, first).unwrap_err(),
                Error::Term(TermError::ServiceMonthReversed { first_day: last, last_day: first })
            );
        }
    }
}
