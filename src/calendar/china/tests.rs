//! Unit tests of the built-in notice data and the bitmap look-ups.

use chrono::{Datelike, Month, NaiveDate, Weekday};

use super::super::china_data::Holiday;
use super::{ChinaMainland, HolidaySchedule, NOTICES, bit, builtin, nth_set_bit};
use crate::calendar::{BusinessCalendar, Weekdays};

#[track_caller]
fn d(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

/// Source: [D12](crate::_documentation::design#d12) (built-in data for 2004-2026, one entry a year).
#[test]
fn notices_cover_2004_to_2026_in_order() {
    let years: Vec<i32> = NOTICES.iter().map(|notice| notice.year).collect();
    assert_eq!(years, (2004..=2026).collect::<Vec<_>>());
    assert_eq!(builtin().len(), 23);
    for (index, days) in builtin().iter().enumerate() {
        assert_eq!(i64::from(days.year), 2004 + i64::try_from(index).unwrap());
    }
}

/// Source: [D12](crate::_documentation::design#d12) (make-up days are weekends; no day both off and worked);
/// every built-in year passes the same validation as loaded data.
#[test]
fn every_built_in_year_is_valid_data() {
    for notice in NOTICES {
        let schedule = ChinaMainland::built_in_schedule(notice.year).unwrap();
        let revalidated = HolidaySchedule::new(
            notice.year,
            schedule.days_off(),
            schedule.make_up_workdays(),
        )
        .unwrap();
        assert_eq!(revalidated, schedule);
        for day in schedule.make_up_workdays() {
            assert!(
                matches!(day.weekday(), Weekday::Sat | Weekday::Sun),
                "{day}"
            );
        }
        for &(_, first, last) in notice.days_off {
            assert!(first <= last, "{} block {first:?}-{last:?}", notice.year);
        }
    }
}

/// Source: the notices: every year has a Spring Festival block of at least
/// seven days off in January or February, and a National Day block from
/// 1 October whose first three days are off (in 2009 the 3rd was the
/// Mid-Autumn Festival, inside the same block).
#[test]
fn every_year_has_its_spring_festival_and_national_day() {
    for notice in NOTICES {
        let days = |holiday: Holiday| -> Vec<NaiveDate> {
            notice
                .days_off
                .iter()
                .filter(|(h, _, _)| *h == holiday)
                .flat_map(|&(_, (m1, d1), (m2, d2))| {
                    let last = d(notice.year, m2, d2);
                    d(notice.year, m1, d1)
                        .iter_days()
                        .take_while(move |day| *day <= last)
                })
                .collect()
        };
        let spring = days(Holiday::SpringFestival);
        assert!(
            spring.len() >= 7,
            "{}: spring festival {spring:?}",
            notice.year
        );
        assert!(spring.iter().all(|day| day.month() <= 2), "{}", notice.year);
        let national = days(Holiday::NationalDay);
        let mid_autumn = days(Holiday::MidAutumnFestival);
        assert!(
            national.contains(&d(notice.year, 10, 1)),
            "{}: 1 October",
            notice.year
        );
        for day in 1..=3 {
            let date = d(notice.year, 10, day);
            assert!(
                national.contains(&date) || mid_autumn.contains(&date),
                "{}: 1-3 October",
                notice.year
            );
        }
    }
}

/// Source: the notice for 2015 and its supplement; the notice for 2020 and
/// its extension.
#[test]
fn special_arrangements_are_present() {
    let china = ChinaMainland::new();
    // 3 September 2015 (Thursday) to 4 September off; Sunday 6 September worked.
    assert!(!china.is_business_day(d(2015, 9, 3)).unwrap());
    assert!(!china.is_business_day(d(2015, 9, 4)).unwrap());
    assert!(china.is_business_day(d(2015, 9, 6)).unwrap());
    // Spring Festival 2020 extended to Sunday 2 February; Monday 3 February worked.
    assert!(!china.is_business_day(d(2020, 1, 31)).unwrap());
    assert!(china.is_business_day(d(2020, 2, 3)).unwrap());
    // 2019 Labour Day: 1-4 May off, Sunday 5 May worked.
    assert!(!china.is_business_day(d(2019, 5, 2)).unwrap());
    assert!(china.is_business_day(d(2019, 5, 5)).unwrap());
    // Late December set by the next year's notice: Saturday 29 December 2018 worked, Monday 31st off.
    assert!(china.is_business_day(d(2018, 12, 29)).unwrap());
    assert!(!china.is_business_day(d(2018, 12, 31)).unwrap());
    let _ = Holiday::VictoryDay;
}

#[test]
fn the_bitmap_select_finds_the_nth_set_bit_in_a_range() {
    let mut bits = [0_u64; 6];
    for index in [3_u32, 63, 64, 65, 200, 365] {
        super::set_bit(&mut bits, index);
    }
    assert!(bit(&bits, 63) && bit(&bits, 64) && !bit(&bits, 62));
    assert_eq!(nth_set_bit(&bits, 0, 365, 1), Some(3));
    assert_eq!(nth_set_bit(&bits, 0, 365, 2), Some(63));
    assert_eq!(nth_set_bit(&bits, 4, 365, 1), Some(63));
    assert_eq!(nth_set_bit(&bits, 64, 365, 2), Some(65));
    assert_eq!(nth_set_bit(&bits, 0, 365, 6), Some(365));
    assert_eq!(nth_set_bit(&bits, 0, 364, 6), None);
    assert_eq!(nth_set_bit(&bits, 66, 199, 1), None);
    assert_eq!(nth_set_bit(&bits, 0, 365, 7), None);
}

/// The bitmap select agrees with counting day by day, for every month.
#[test]
fn nth_business_day_matches_a_day_by_day_count() {
    let china = ChinaMainland::new();
    for year in 2004..=2026 {
        for month in (0..12).scan(Month::December, |m, _| {
            *m = m.succ();
            Some(*m)
        }) {
            for n in [1, 5, 10, 23] {
                let mut seen = 0;
                let mut expected = None;
                let first = d(year, month.number_from_month(), 1);
                for day in first
                    .iter_days()
                    .take_while(|day| day.month() == first.month())
                {
                    if china.is_business_day(day).unwrap() {
                        seen += 1;
                        if seen == n {
                            expected = Some(day);
                            break;
                        }
                    }
                }
                assert_eq!(
                    china.nth_business_day(year, month, n).ok(),
                    expected,
                    "{year}-{month:?} #{n}"
                );
            }
        }
    }
    // Weekdays uses the trait's default, day by day.
    assert_eq!(
        Weekdays.nth_business_day(2024, Month::October, 5).unwrap(),
        d(2024, 10, 7)
    );
}
