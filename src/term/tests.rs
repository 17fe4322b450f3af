//! Unit tests of the term module's internals and iterator laws.

use chrono::{Datelike, Month, NaiveDate};

use super::{ServiceMonth, Term, calendar_month_of, months_between};

#[track_caller]
fn d(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

#[test]
fn months_between_counts_both_ends() {
    assert_eq!(months_between(d(2024, 3, 17), d(2024, 3, 31)), 1);
    assert_eq!(months_between(d(2024, 3, 17), d(2024, 6, 16)), 4);
    assert_eq!(months_between(d(2024, 12, 31), d(2025, 1, 1)), 2);
    assert_eq!(months_between(d(-1, 12, 1), d(1, 1, 1)), 14);
    assert_eq!(months_between(NaiveDate::MIN, NaiveDate::MAX), 6_291_432);
}

#[test]
fn calendar_month_of_spans_the_whole_month() {
    assert_eq!(
        calendar_month_of(d(2024, 2, 10)),
        Some((d(2024, 2, 1), d(2024, 2, 29)))
    );
    assert_eq!(
        calendar_month_of(d(2100, 2, 28)),
        Some((d(2100, 2, 1), d(2100, 2, 28)))
    );
    assert_eq!(
        calendar_month_of(NaiveDate::MAX),
        Some((NaiveDate::MAX.with_day(1).unwrap(), NaiveDate::MAX))
    );
}

#[test]
fn month_names_every_calendar_month() {
    let mut expected = Month::January;
    for number in 1..=12 {
        let month = ServiceMonth::new(d(2024, number, 1), d(2024, number, 1)).unwrap();
        assert_eq!(month.month(), expected, "month {number}");
        expected = expected.succ();
    }
}

#[test]
fn iterator_is_exact_from_both_ends() {
    let term = Term::from_months(d(2024, 3, 17), 3).unwrap();
    let forward: Vec<_> = term.service_months().collect();
    let mut backward: Vec<_> = term.service_months().rev().collect();
    backward.reverse();
    assert_eq!(forward, backward);

    let mut months = term.service_months();
    assert_eq!(months.size_hint(), (4, Some(4)));
    assert_eq!(months.next().map(|m| m.first_day()), Some(d(2024, 3, 17)));
    assert_eq!(
        months.next_back().map(|m| m.last_day()),
        Some(d(2024, 6, 16))
    );
    assert_eq!(months.len(), 2);
    assert_eq!(months.next().map(|m| m.first_day()), Some(d(2024, 4, 1)));
    assert_eq!(
        months.next_back().map(|m| m.first_day()),
        Some(d(2024, 5, 1))
    );
    assert_eq!(months.len(), 0);
    // Fused: stays exhausted from either end.
    assert_eq!(months.next(), None);
    assert_eq!(months.next_back(), None);
    assert_eq!(months.next(), None);
}

#[test]
fn nth_and_nth_back_skip_by_index() {
    let term = Term::from_months(d(2024, 1, 15), 24).unwrap();
    let all: Vec<_> = term.service_months().collect();
    assert_eq!(all.len(), 25);
    for n in 0..30 {
        assert_eq!(
            term.service_months().nth(n),
            all.get(n).copied(),
            "nth({n})"
        );
        let from_back = all
            .len()
            .checked_sub(n + 1)
            .and_then(|i| all.get(i))
            .copied();
        assert_eq!(
            term.service_months().nth_back(n),
            from_back,
            "nth_back({n})"
        );
    }
    let mut months = term.service_months();
    assert_eq!(months.nth(usize::MAX), None);
    assert_eq!(months.len(), 0);
    let mut months = term.service_months();
    assert_eq!(months.nth_back(usize::MAX), None);
    assert_eq!(months.next(), None);

    // Skipping from both ends never crosses over.
    let mut months = term.service_months();
    assert_eq!(months.nth(10), all.get(10).copied());
    assert_eq!(months.nth_back(13), all.get(11).copied());
    assert_eq!(months.next(), None);
}

#[test]
fn last_and_count_use_the_length() {
    let term = Term::from_months(d(2023, 3, 31), 13).unwrap();
    assert_eq!(term.service_months().count(), 14);
    assert_eq!(
        term.service_months()
            .last()
            .map(|m| (m.first_day(), m.last_day())),
        Some((d(2024, 4, 1), d(2024, 4, 29)))
    );
}

#[test]
fn clip_keeps_the_term_bounds() {
    let term = Term::new(d(2024, 3, 17), d(2024, 3, 20)).unwrap();
    let only = term.clip(d(2024, 3, 1), d(2024, 3, 31));
    assert_eq!(
        (only.first_day(), only.last_day()),
        (d(2024, 3, 17), d(2024, 3, 20))
    );
}
