//! Terms and Service Months: golden cases from the agreement and SPEC,
//! boundary tables, and instants read in the SLA zone.

use crate::util::{assert_tiles, d, expected_count, expected_last_day};
use chrono::{Datelike, FixedOffset, Month, NaiveDate, TimeDelta, TimeZone, Utc};
use sms_sla::{ServiceMonth, SlaZone, Term};

/// The (first, last) days of each Service Month of `term`.
fn spans(term: Term) -> Vec<(NaiveDate, NaiveDate)> {
    term.service_months()
        .map(|m| (m.first_day(), m.last_day()))
        .collect()
}

// Source: SLA §1.5 (three months from 17 March -> four Service Months).
#[test]
fn sla_1_5_three_months_from_march_17_give_four_service_months() {
    let term = Term::from_months(d(2024, 3, 17), 3).unwrap();
    assert_eq!(term.last_day(), d(2024, 6, 16));
    assert_eq!(
        spans(term),
        [
            (d(2024, 3, 17), d(2024, 3, 31)),
            (d(2024, 4, 1), d(2024, 4, 30)),
            (d(2024, 5, 1), d(2024, 5, 31)),
            (d(2024, 6, 1), d(2024, 6, 16)),
        ]
    );
    let partial: Vec<bool> = term.service_months().map(|m| m.is_partial()).collect();
    assert_eq!(partial, [true, false, false, true]);
    let days: Vec<u32> = term.service_months().map(|m| m.days()).collect();
    assert_eq!(days, [15, 30, 31, 16]);
}

// Source: SPEC D1 (anniversary clamped to month end; last day is the day before).
#[test]
fn d1_jan_31_2024_plus_one_month_ends_feb_28() {
    let term = Term::from_months(d(2024, 1, 31), 1).unwrap();
    assert_eq!(term.last_day(), d(2024, 2, 28));
    assert_eq!(
        spans(term),
        [
            (d(2024, 1, 31), d(2024, 1, 31)),
            (d(2024, 2, 1), d(2024, 2, 28))
        ]
    );
}

// Source: SPEC D1.
#[test]
fn d1_mar_31_2023_plus_one_month_ends_apr_29() {
    let term = Term::from_months(d(2023, 3, 31), 1).unwrap();
    assert_eq!(term.last_day(), d(2023, 4, 29));
}

// Source: SPEC D1 (never chained: chaining would end on 2025-01-28).
#[test]
fn d1_jan_31_2024_plus_twelve_months_ends_jan_30_2025_without_drift() {
    let term = Term::from_months(d(2024, 1, 31), 12).unwrap();
    assert_eq!(term.last_day(), d(2025, 1, 30));
    assert_eq!(term.service_months().len(), 13);
    let firsts: Vec<NaiveDate> = term.service_months().map(|m| m.first_day()).collect();
    assert_eq!(firsts.first(), Some(&d(2024, 1, 31)));
    assert!(firsts.iter().skip(1).all(|f| f.day() == 1));
}

// Source: SPEC D1 (the console's expiry date is authoritative when known).
#[test]
fn d1_explicit_days_build_the_same_term() {
    assert_eq!(
        Term::new(d(2024, 3, 17), d(2024, 6, 16)).unwrap(),
        Term::from_months(d(2024, 3, 17), 3).unwrap()
    );
    let one_day = Term::new(d(2024, 2, 29), d(2024, 2, 29)).unwrap();
    assert_eq!(spans(one_day), [(d(2024, 2, 29), d(2024, 2, 29))]);
}

// Source: SPEC D2 (N months from the 1st -> N Service Months, else N + 1).
#[test]
fn d2_count_is_n_from_the_first_and_n_plus_one_otherwise() {
    for months in [1, 2, 11, 12, 13, 24, 36] {
        let from_first = Term::from_months(d(2024, 5, 1), months).unwrap();
        assert_eq!(from_first.service_months().len(), months as usize);
        let from_second = Term::from_months(d(2024, 5, 2), months).unwrap();
        assert_eq!(from_second.service_months().len(), months as usize + 1);
    }
}

/// Source: SPEC D1/D2 worked by hand: start, months, last day, Service Months.
#[test]
fn boundary_table_by_hand() {
    #[rustfmt::skip]
    let table: &[(NaiveDate, u32, NaiveDate, usize)] = &[
        // Leap February 2000 and 2024, non-leap 2100.
        (d(2000, 1, 31), 1, d(2000, 2, 28), 2),
        (d(2000, 2, 29), 24, d(2002, 2, 27), 25),
        (d(2024, 1, 29), 1, d(2024, 2, 28), 2),
        (d(2024, 2, 29), 12, d(2025, 2, 27), 13),
        (d(2024, 2, 29), 36, d(2027, 2, 27), 37),
        (d(2100, 1, 29), 1, d(2100, 2, 27), 2),
        (d(2100, 1, 31), 1, d(2100, 2, 27), 2),
        (d(2099, 2, 28), 12, d(2100, 2, 27), 13),
        // Days 28-31 into shorter months.
        (d(2024, 3, 31), 11, d(2025, 2, 27), 12),
        (d(2024, 8, 31), 1, d(2024, 9, 29), 2),
        (d(2024, 10, 30), 4, d(2025, 2, 27), 5),
        (d(2023, 5, 31), 13, d(2024, 6, 29), 14),
        (d(2024, 1, 28), 1, d(2024, 2, 27), 2),
        // December into January.
        (d(2024, 12, 1), 1, d(2024, 12, 31), 1),
        (d(2024, 12, 31), 1, d(2025, 1, 30), 2),
        (d(2024, 12, 15), 13, d(2026, 1, 14), 14),
        (d(2099, 12, 31), 36, d(2102, 12, 30), 37),
        // Whole years from the 1st.
        (d(2024, 1, 1), 12, d(2024, 12, 31), 12),
        (d(2000, 1, 1), 24, d(2001, 12, 31), 24),
    ];
    for &(start, months, last_day, count) in table {
        let term = Term::from_months(start, months).unwrap();
        assert_eq!(term.last_day(), last_day, "{start} + {months}");
        assert_eq!(term.service_months().len(), count, "{start} + {months}");
        assert_tiles(term, usize::MAX);
    }
}

/// Source: SPEC D1/D2, generated: start days 28-31 of every month of 2000,
/// 2024 (leap) and 2100 (not leap), for N in {1, 11, 12, 13, 24, 36}.
#[test]
fn boundary_table_month_ends_of_leap_and_common_years() {
    let mut checked = 0;
    for year in [2000, 2024, 2100] {
        for month in 1..=12 {
            for day in 28..=31 {
                let Some(start) = NaiveDate::from_ymd_opt(year, month, day) else {
                    continue;
                };
                for months in [1, 11, 12, 13, 24, 36] {
                    let term = Term::from_months(start, months).unwrap();
                    assert_eq!(
                        Some(term.last_day()),
                        expected_last_day(start, months),
                        "{start} + {months}"
                    );
                    assert_eq!(term.service_months().len(), expected_count(start, months));
                    assert_tiles(term, usize::MAX);
                    checked += 1;
                }
            }
        }
    }
    // Days 28-31 that exist: 48 a year, less 31 in four 30-day months and
    // 30-31 in February (29 too in 2100); times 6 values of N.
    assert_eq!(checked, (42 + 42 + 41) * 6);
}

#[test]
fn service_month_of_a_date_is_the_iterated_month_that_holds_it() {
    let term = Term::from_months(d(2024, 3, 17), 3).unwrap();
    for month in term.service_months() {
        for date in month
            .first_day()
            .iter_days()
            .take_while(|&day| day <= month.last_day())
        {
            assert_eq!(term.service_month_of(date), Some(month), "{date}");
        }
    }
    assert_eq!(term.service_month_of(d(2024, 3, 16)), None);
    assert_eq!(term.service_month_of(d(2024, 6, 17)), None);
    assert_eq!(term.service_month_of(NaiveDate::MIN), None);
    assert_eq!(term.service_month_of(NaiveDate::MAX), None);
}

#[test]
fn service_month_contains_its_first_and_last_days_only() {
    let april = ServiceMonth::new(d(2024, 4, 1), d(2024, 4, 30)).unwrap();
    let cases = [
        (d(2024, 3, 31), false),
        (d(2024, 4, 1), true),
        (d(2024, 4, 15), true),
        (d(2024, 4, 30), true),
        (d(2024, 5, 1), false),
    ];
    for (date, inside) in cases {
        assert_eq!(april.contains(date), inside, "{date}");
    }
}
// Source: SPEC D3 (a message stamped 2025-03-31T16:30Z belongs to April).
#[test]
fn d3_instant_at_1630_utc_on_march_31_is_april_in_utc_plus_8() {
    let term = Term::from_months(d(2025, 1, 1), 12).unwrap();
    let instant = Utc.with_ymd_and_hms(2025, 3, 31, 16, 30, 0).unwrap();
    let month = term.service_month_at(instant, SlaZone::default()).unwrap();
    assert_eq!((month.year(), month.month()), (2025, Month::April));
    assert_eq!(
        month,
        ServiceMonth::new(d(2025, 4, 1), d(2025, 4, 30)).unwrap()
    );
}

// Source: SPEC D3 (day boundaries at 16:00 UTC; the zone is a parameter).
#[test]
fn d3_day_boundaries_and_other_zones() {
    let zone = SlaZone::CHINA_STANDARD_TIME;
    let before = Utc.with_ymd_and_hms(2025, 3, 31, 15, 59, 59).unwrap();
    let after = Utc.with_ymd_and_hms(2025, 3, 31, 16, 0, 0).unwrap();
    assert_eq!(zone.date_of(before).unwrap(), d(2025, 3, 31));
    assert_eq!(zone.date_of(after).unwrap(), d(2025, 4, 1));

    let utc = SlaZone::new(FixedOffset::east_opt(0).unwrap());
    assert_eq!(utc.date_of(after).unwrap(), d(2025, 3, 31));
    let west = SlaZone::new(FixedOffset::west_opt(5 * 3600).unwrap());
    assert_eq!(
        west.date_of(Utc.with_ymd_and_hms(2025, 4, 1, 4, 59, 59).unwrap())
            .unwrap(),
        d(2025, 3, 31)
    );
    assert_eq!(west.to_string(), "UTC-05:00");
}

// Source: SPEC D3 with D1: the term's first and last instants.
#[test]
fn d3_instants_at_the_edges_of_a_term() {
    let term = Term::from_months(d(2024, 3, 17), 3).unwrap();
    let zone = SlaZone::default();
    // 2024-03-17 00:00 in UTC+08:00 is 2024-03-16 16:00 UTC.
    let first = Utc.with_ymd_and_hms(2024, 3, 16, 16, 0, 0).unwrap();
    assert_eq!(
        term.service_month_at(first, zone).map(|m| m.first_day()),
        Some(d(2024, 3, 17))
    );
    assert_eq!(
        term.service_month_at(first - TimeDelta::seconds(1), zone),
        None
    );
    // 2024-06-16 23:59:59 in UTC+08:00 is 15:59:59 UTC.
    let last = Utc.with_ymd_and_hms(2024, 6, 16, 15, 59, 59).unwrap();
    assert_eq!(
        term.service_month_at(last, zone).map(|m| m.last_day()),
        Some(d(2024, 6, 16))
    );
    assert_eq!(
        term.service_month_at(last + TimeDelta::seconds(1), zone),
        None
    );
}

#[test]
fn display_forms() {
    let term = Term::from_months(d(2024, 3, 17), 3).unwrap();
    assert_eq!(term.to_string(), "2024-03-17 to 2024-06-16");
    assert_eq!(
        term.service_months().next().unwrap().to_string(),
        "2024-03-17 to 2024-03-31"
    );
    assert_eq!(SlaZone::default().to_string(), "UTC+08:00");
}

#[test]
fn terms_at_the_ends_of_the_supported_range() {
    let whole = Term::new(NaiveDate::MIN, NaiveDate::MAX).unwrap();
    assert_tiles(whole, 2000);
    assert_eq!(whole.service_months().len(), 6_291_432);

    let last = Term::new(d(262_142, 12, 1), NaiveDate::MAX).unwrap();
    assert_eq!(spans(last), [(d(262_142, 12, 1), NaiveDate::MAX)]);
    // The last representable term from months: anniversary exactly MAX.
    let term = Term::from_months(d(262_142, 11, 30), 1).unwrap();
    assert_eq!(term.last_day(), d(262_142, 12, 29));
    let term = Term::from_months(NaiveDate::MIN, 1).unwrap();
    assert_eq!(term.last_day(), NaiveDate::MIN.with_day(31).unwrap());
}
