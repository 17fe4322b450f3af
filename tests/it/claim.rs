//! Business-day calendars and claim windows: golden cases from §3.2 and the
//! State Council notices, years loaded as data, and properties.

use crate::util::assert_rule;
use crate::util::d;
use chrono::{Datelike, Month, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use sms_sla::calendar::{BusinessCalendar, ChinaMainland, HolidaySchedule, Weekdays};
use sms_sla::{ClaimStatus, Error, ServiceMonth, SlaPolicy, Term};

fn window(first: NaiveDate, last: NaiveDate) -> sms_sla::ClaimWindow {
    let month = ServiceMonth::new(first, last).unwrap();
    SlaPolicy::tencent_sms()
        .claim_window(&month, &ChinaMainland::new())
        .unwrap()
}

/// The twelve months, January first.
fn months() -> impl Iterator<Item = Month> {
    (0..12).scan(Month::December, |month, _| {
        *month = month.succ();
        Some(*month)
    })
}

// Source: SLA §3.2, SPEC D11; 国务院办公厅关于2024年部分节假日安排的通知 (12 October 2024 worked).
#[test]
fn d11_september_2024_opens_the_day_after_saturday_12_october() {
    let w = window(d(2024, 9, 1), d(2024, 9, 30));
    assert!(
        ChinaMainland::new()
            .is_business_day(d(2024, 10, 12))
            .unwrap()
    );
    assert_eq!(
        ChinaMainland::new()
            .nth_business_day(2024, Month::October, 5)
            .unwrap(),
        d(2024, 10, 12)
    );
    assert_eq!(
        (w.opens_on(), w.closes_on()),
        (d(2024, 10, 13), d(2024, 11, 29))
    );
}

// Source: SLA §3.2, SPEC D11; 国务院办公厅关于2026年部分节假日安排的通知 (4 January 2026 worked).
#[test]
fn d11_december_2025_opens_9_january_and_closes_1_march() {
    let w = window(d(2025, 12, 1), d(2025, 12, 31));
    assert_eq!(
        (w.opens_on(), w.closes_on()),
        (d(2026, 1, 9), d(2026, 3, 1))
    );
}

// Source: SLA §1.5 and §3.2 (the partial month 1-16 June closes 60 days after 16 June), SPEC D11.
#[test]
fn d11_the_agreements_partial_june_closes_60_days_after_the_16th() {
    let term = Term::from_months(d(2024, 3, 17), 3).unwrap();
    let june = term.service_months().last().unwrap();
    let w = SlaPolicy::tencent_sms()
        .claim_window(&june, &ChinaMainland::new())
        .unwrap();
    assert_eq!(w.closes_on(), d(2024, 8, 15));
    assert_eq!(w.opens_on(), d(2024, 7, 6)); // 5th business day of July 2024: Friday 5th
    // A March Service Month closes on 30 May (SPEC D11's example).
    assert_eq!(
        window(d(2025, 3, 1), d(2025, 3, 31)).closes_on(),
        d(2025, 5, 30)
    );
}

// Source: SPEC D12 and the State Council notice on the 2006 holidays
// (国办发明电〔2005〕35号, 2005-12-16): Saturday 31 December 2005 was worked,
// the make-up day for the New Year's days off of 2-3 January 2006.
#[test]
fn d12_saturday_31_december_2005_was_a_make_up_working_day() {
    let china = ChinaMainland::new();
    assert_eq!(d(2005, 12, 31).weekday(), chrono::Weekday::Sat);
    assert_eq!(china.is_business_day(d(2005, 12, 31)), Ok(true));
    assert_eq!(china.is_business_day(d(2006, 1, 2)), Ok(false));
    assert_eq!(china.is_business_day(d(2006, 1, 3)), Ok(false));
    // December 2005 had no holiday: its 22 weekdays and the Saturday make 23.
    let december: Vec<NaiveDate> = d(2005, 12, 1)
        .iter_days()
        .take_while(|day| day.month() == 12)
        .filter(|&day| china.is_business_day(day) == Ok(true))
        .collect();
    assert_eq!(december.len(), 23);
    assert_eq!(december.last(), Some(&d(2005, 12, 31)));
    // A claim for December 2005 opens after the 5th business day of
    // January 2006 (4, 5, 6, 9 and 10 January).
    let month = ServiceMonth::new(d(2005, 12, 1), d(2005, 12, 31)).unwrap();
    let window = SlaPolicy::tencent_sms()
        .claim_window(&month, &china)
        .unwrap();
    assert_eq!(window.opens_on(), d(2006, 1, 11));
}

// Source: SPEC D12 (a year without data is an error naming it): December 2026 needs January 2027.
#[test]
fn d12_december_2026_needs_january_2027() {
    let december = ServiceMonth::new(d(2026, 12, 1), d(2026, 12, 31)).unwrap();
    let err = SlaPolicy::tencent_sms()
        .claim_window(&december, &ChinaMainland::new())
        .unwrap_err();
    assert_rule!(
        err,
        Error::Calendar(CalendarError::CalendarYearNotCovered {
            year: 2027,
            covered: "2004-2026".to_owned()
        })
    );
    assert_eq!(
        err.to_string(),
        "no business-day data for 2027: the calendar covers 2004-2026"
    );
    // November 2026 needs only December 2026.
    assert!(
        SlaPolicy::tencent_sms()
            .claim_window(
                &ServiceMonth::new(d(2026, 11, 1), d(2026, 11, 30)).unwrap(),
                &ChinaMainland::new()
            )
            .is_ok()
    );
}

// Source: SPEC D12 (the PRC calendar is what makes claim windows right) and
// the notices for 2024, 2025 and 2026: in these 15 months a holiday or a
// make-up day moves the 5th business day.
#[test]
fn d12_the_fifth_business_day_differs_from_monday_to_friday_in_15_of_36_months_of_2024_to_2026() {
    let china = ChinaMainland::new();
    let mut differ = Vec::new();
    for year in 2024..=2026 {
        for month in months() {
            let prc = china.nth_business_day(year, month, 5).unwrap();
            let plain = Weekdays.nth_business_day(year, month, 5).unwrap();
            if prc != plain {
                differ.push(format!("{year}-{:02}", month.number_from_month()));
            }
        }
    }
    assert_eq!(
        differ,
        [
            "2024-01", "2024-02", "2024-04", "2024-05", "2024-10", "2025-01", "2025-02", "2025-04",
            "2025-05", "2025-06", "2025-10", "2026-01", "2026-04", "2026-05", "2026-10",
        ]
    );
}

// Source: SPEC D12 (any calendar, borrowed or owned, answers the same).
#[test]
fn d12_a_borrowed_calendar_answers_as_the_calendar() {
    fn answers(
        calendar: impl BusinessCalendar,
        date: NaiveDate,
    ) -> (bool, bool, bool, Result<NaiveDate, Error>) {
        (
            calendar.is_business_day(date).unwrap(),
            calendar.covers(date.year()),
            calendar.covers(2100),
            calendar.nth_business_day(date.year(), Month::October, 5),
        )
    }
    let china = ChinaMainland::new();
    let weekdays: &Weekdays = &Weekdays;
    // 1 October 2024 is a Tuesday and a holiday; 12 October, a Saturday, was worked.
    for date in [d(2024, 10, 1), d(2024, 10, 12), d(2024, 10, 14)] {
        assert_eq!(
            answers(&china, date),
            answers(china.clone(), date),
            "{date}"
        );
        assert_eq!(answers(weekdays, date), answers(Weekdays, date), "{date}");
    }
    assert_eq!(
        answers(&china, d(2024, 10, 1)),
        (false, true, false, Ok(d(2024, 10, 12)))
    );
    assert!(answers(&china, d(2024, 10, 12)).0);
    assert_eq!(
        answers(weekdays, d(2024, 10, 1)),
        (true, true, true, Ok(d(2024, 10, 7)))
    );
    assert!(Weekdays.covers(i32::MIN) && Weekdays.covers(i32::MAX));
}

// Source: SPEC D11 (a filing instant is judged by its date in the SLA zone).
#[test]
fn d11_status_on_dates_and_instants() {
    let w = window(d(2024, 9, 1), d(2024, 9, 30));
    assert_eq!(
        w.status_on(d(2024, 10, 12)),
        ClaimStatus::NotYetOpen {
            opens_on: d(2024, 10, 13),
            days_until_open: 1
        }
    );
    assert_eq!(
        w.status_on(d(2024, 10, 13)),
        ClaimStatus::Open {
            closes_on: d(2024, 11, 29),
            days_left: 47
        }
    );
    assert_eq!(
        w.status_on(d(2024, 11, 29)),
        ClaimStatus::Open {
            closes_on: d(2024, 11, 29),
            days_left: 0
        }
    );
    assert_eq!(
        w.status_on(d(2024, 11, 30)),
        ClaimStatus::Closed {
            closed_on: d(2024, 11, 29),
            days_since_close: 1
        }
    );
    // 15:59:59 UTC on 29 November is 23:59:59 in Beijing: still open; a second later, closed.
    let last = Utc.with_ymd_and_hms(2024, 11, 29, 15, 59, 59).unwrap();
    assert!(w.status_at(last).unwrap().is_open());
    let after = Utc.with_ymd_and_hms(2024, 11, 29, 16, 0, 0).unwrap();
    assert!(matches!(
        w.status_at(after).unwrap(),
        ClaimStatus::Closed { .. }
    ));
    // 16:00 UTC on 12 October is 00:00 on the 13th in Beijing: open.
    assert!(
        w.status_at(Utc.with_ymd_and_hms(2024, 10, 12, 16, 0, 0).unwrap())
            .unwrap()
            .is_open()
    );
    assert_eq!(
        w.status_on(d(2024, 10, 1)).to_string(),
        "opens 2024-10-13 (in 12 days)"
    );
}

// Source: SPEC D12 (more years as data); the JSON format of HolidaySchedule.
#[cfg(feature = "serde")]
#[test]
fn d12_a_2027_schedule_loaded_as_json_extends_the_calendar() {
    // Made-up dates in the published format (the 2027 notice is not out yet).
    let json = r#"[{
        "year": 2027,
        "source": "test data in the format of a State Council notice",
        "days_off": ["2027-01-01", "2027-01-02", "2027-01-03"],
        "make_up_workdays": ["2027-01-09"]
    }]"#;
    let years: Vec<HolidaySchedule> = serde_json::from_str(json).unwrap();
    let year = &years[0];
    assert_eq!(year.year(), 2027);
    assert_eq!(
        year.source(),
        Some("test data in the format of a State Council notice")
    );
    assert_eq!(year.to_string(), "2027: 3 days off, 1 make-up working day");
    assert!(!ChinaMainland::new().covers(2027));
    let china = ChinaMainland::new().with_schedules(years).unwrap();
    assert!(china.covers(2027));
    assert!(!china.covers(2028) && !china.covers(2003));
    assert!(!china.is_business_day(d(2027, 1, 1)).unwrap());
    assert!(china.is_business_day(d(2027, 1, 9)).unwrap());
    let december = ServiceMonth::new(d(2026, 12, 1), d(2026, 12, 31)).unwrap();
    let w = SlaPolicy::tencent_sms()
        .claim_window(&december, &china)
        .unwrap();
    // January 2027 business days: 4, 5, 6, 7, 8 (Monday to Friday).
    assert_eq!(
        (w.opens_on(), w.closes_on()),
        (d(2027, 1, 9), d(2027, 3, 1))
    );
    assert_eq!(
        china
            .is_business_day(d(2028, 1, 3))
            .unwrap_err()
            .to_string(),
        "no business-day data for 2028: the calendar covers 2004-2027"
    );
}

// Source: SPEC D12 (a correction replaces the built-in year, on request).
#[test]
fn d12_a_correction_replaces_the_built_in_year() {
    let corrected = HolidaySchedule::new(2026, [d(2026, 12, 31)], [d(2026, 12, 26)]).unwrap();
    let china = ChinaMainland::new()
        .with_corrected_schedules([corrected])
        .unwrap();
    assert!(!china.is_business_day(d(2026, 12, 31)).unwrap());
    assert!(china.is_business_day(d(2026, 12, 26)).unwrap());
    // Everything else of 2026 now follows the loaded schedule alone.
    assert!(china.is_business_day(d(2026, 10, 1)).unwrap());
    let gap = ChinaMainland::new()
        .with_schedules([HolidaySchedule::new(2030, [], []).unwrap()])
        .unwrap();
    assert_eq!(
        gap.is_business_day(d(2028, 1, 3)).unwrap_err().to_string(),
        "no business-day data for 2028: the calendar covers 2004-2026, 2030"
    );
}

#[test]
fn claim_status_reads_well() {
    let w = window(d(2024, 9, 1), d(2024, 9, 30));
    assert_eq!(
        w.status_on(d(2024, 10, 12)).to_string(),
        "opens 2024-10-13 (in 1 day)"
    );
    assert_eq!(
        w.status_on(d(2024, 11, 28)).to_string(),
        "open until 2024-11-29 (1 day left)"
    );
    assert_eq!(
        w.status_on(d(2024, 11, 29)).to_string(),
        "open until 2024-11-29 (0 days left)"
    );
    assert_eq!(
        w.status_on(d(2024, 12, 9)).to_string(),
        "closed 2024-11-29 (10 days ago)"
    );
}

#[cfg(feature = "serde")]
#[test]
fn claim_windows_and_statuses_serialize() {
    let w = window(d(2024, 9, 1), d(2024, 9, 30));
    let json = serde_json::to_string(&w).unwrap();
    assert_eq!(
        json,
        r#"{"service_month":{"first_day":"2024-09-01","last_day":"2024-09-30"},"opens_on":"2024-10-13","closes_on":"2024-11-29","zone":"+08:00"}"#
    );
    assert_eq!(
        serde_json::from_str::<sms_sla::ClaimWindow>(&json).unwrap(),
        w
    );
    let status = w.status_on(d(2024, 11, 1));
    let json = serde_json::to_string(&status).unwrap();
    assert_eq!(
        json,
        r#"{"status":"open","closes_on":"2024-11-29","days_left":28}"#
    );
    assert_eq!(serde_json::from_str::<ClaimStatus>(&json).unwrap(), status);
    let schedule = ChinaMainland::built_in_schedule(2024).unwrap();
    let json = serde_json::to_string(&schedule).unwrap();
    assert!(
        json.starts_with(r#"{"year":2024,"days_off":["2024-01-01","2024-02-10","#),
        "{json}"
    );
    assert_eq!(
        serde_json::from_str::<HolidaySchedule>(&json).unwrap(),
        schedule
    );
}

#[cfg(feature = "serde")]
#[test]
fn the_shipped_data_file_matches_the_built_in_2026() {
    let text = std::fs::read_to_string("../data/china-mainland-2026.json").unwrap();
    let years: Vec<HolidaySchedule> = serde_json::from_str(&text).unwrap();
    assert_eq!(years.len(), 1);
    let built_in = ChinaMainland::built_in_schedule(2026).unwrap();
    assert_eq!(
        years[0].days_off().collect::<Vec<_>>(),
        built_in.days_off().collect::<Vec<_>>()
    );
    assert_eq!(
        years[0].make_up_workdays().collect::<Vec<_>>(),
        built_in.make_up_workdays().collect::<Vec<_>>()
    );
    assert_eq!(
        ChinaMainland::new()
            .with_corrected_schedules(years)
            .unwrap(),
        ChinaMainland::new()
            .with_corrected_schedules([built_in])
            .unwrap()
    );
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/claim.txt",
        ))),
        ..ProptestConfig::default()
    }
}

/// A Service Month of 2004 to November 2026, whole or clipped at either end.
fn service_month() -> impl Strategy<Value = ServiceMonth> {
    (2004_i32..=2026, 1_u32..=12, 0_u32..31, 0_u32..31)
        .prop_filter("the next month must be covered", |&(y, m, _, _)| {
            (y, m) != (2026, 12)
        })
        .prop_map(|(year, month, cut_front, cut_back)| {
            let first_of = d(year, month, 1);
            let days = u32::try_from(
                first_of
                    .iter_days()
                    .take_while(|day| day.month() == month)
                    .count(),
            )
            .unwrap();
            let first = (cut_front % days) + 1;
            let last = days - (cut_back % (days - first + 1));
            ServiceMonth::new(d(year, month, first), d(year, month, last)).unwrap()
        })
}

proptest! {
    #![proptest_config(config(5_000))]

    // Source: SLA §3.2, SPEC D11.
    #[test]
    fn d11_windows_open_after_the_month_and_close_60_days_after_it(month in service_month()) {
        let w = SlaPolicy::tencent_sms().claim_window(&month, &ChinaMainland::new()).unwrap();
        prop_assert!(w.opens_on() > month.last_day());
        prop_assert_eq!(w.closes_on(), month.last_day() + chrono::Days::new(60));
        prop_assert!(w.opens_on() <= w.closes_on());
        // It opens in the following month, after at least 5 of its days.
        let next = month.last_day().with_day(1).unwrap().checked_add_months(chrono::Months::new(1)).unwrap();
        prop_assert_eq!((w.opens_on().year(), w.opens_on().month()), (next.year(), next.month()));
        prop_assert!(w.opens_on().day() >= 6);
        prop_assert!(!w.status_on(w.opens_on()).to_string().is_empty());
    }

    // Source: SPEC D12: the two calendars agree on every day that is neither a holiday nor a make-up day.
    #[test]
    fn d12_calendars_agree_off_the_notices(days in 0_i64..(23 * 366)) {
        let date = d(2004, 1, 1) + chrono::Days::new(days.cast_unsigned());
        prop_assume!(date.year() <= 2026);
        let schedule = ChinaMainland::built_in_schedule(date.year()).unwrap();
        let listed = schedule.days_off().any(|day| day == date) || schedule.make_up_workdays().any(|day| day == date);
        let china = ChinaMainland::new().is_business_day(date).unwrap();
        let plain = Weekdays.is_business_day(date).unwrap();
        if listed {
            let make_up = schedule.make_up_workdays().any(|day| day == date);
            prop_assert_eq!(china, make_up);
        } else {
            prop_assert_eq!(china, plain);
        }
    }
}

/// The claim rule's parts, the window's bounds, and its edges (mutation
/// testing showed these were only checked by doctests).
#[test]
fn claim_rules_and_windows_at_their_edges() {
    use sms_sla::ClaimRule;
    use sms_sla::SlaZone;

    let rule = ClaimRule::new(3, 90).unwrap();
    assert_eq!((rule.business_day_ordinal(), rule.deadline_days()), (3, 90));
    let march = ServiceMonth::new(d(2025, 3, 1), d(2025, 3, 31)).unwrap();
    // Monday-Friday: the 5th business day of April 2025 is Monday the 7th.
    let zone = SlaZone::default();
    let one_day = ClaimRule::new(5, 8)
        .unwrap()
        .window(&march, &Weekdays, zone)
        .unwrap();
    assert_eq!(
        (one_day.opens_on(), one_day.closes_on()),
        (d(2025, 4, 8), d(2025, 4, 8))
    );
    assert!(
        ClaimRule::new(5, 7)
            .unwrap()
            .window(&march, &Weekdays, zone)
            .is_err()
    );

    let w = window(d(2024, 9, 1), d(2024, 9, 30));
    assert_eq!(w.to_string(), "2024-10-13 to 2024-11-29");
    let contained: Vec<bool> = [
        d(2024, 10, 12),
        d(2024, 10, 13),
        d(2024, 11, 1),
        d(2024, 11, 29),
        d(2024, 11, 30),
    ]
    .into_iter()
    .map(|day| w.contains(day))
    .collect();
    assert_eq!(contained, [false, true, true, true, false]);
    let open: Vec<bool> = [d(2024, 10, 12), d(2024, 10, 13), d(2024, 11, 30)]
        .into_iter()
        .map(|day| w.status_on(day).is_open())
        .collect();
    assert_eq!(open, [false, true, false]);
}

#[cfg(feature = "serde")]
#[test]
fn a_one_day_claim_window_deserializes() {
    let json = r#"{"service_month":{"first_day":"2025-03-01","last_day":"2025-03-31"},"opens_on":"2025-04-08","closes_on":"2025-04-08","zone":"+08:00"}"#;
    let w: sms_sla::ClaimWindow = serde_json::from_str(json).unwrap();
    assert!(w.contains(d(2025, 4, 8)));
}

/// Every setting of the policy reaches what it governs: the ledger takes
/// its zone and surge volume from the policy, the only place they are set.
#[test]
fn policy_settings_reach_the_ledger() {
    use sms_sla::SlaZone;
    use sms_sla::traffic::{AccountKind, Announcements, LedgerBuilder, UnclassifiedRule};

    let utc: SlaZone = "+00:00".parse().unwrap();
    let policy = SlaPolicy::tencent_sms()
        .with_zone(utc)
        .with_unclassified_rule(UnclassifiedRule::NotApparent)
        .with_surge_threshold(AccountKind::Ordinary, Some(5))
        .with_surge_threshold(AccountKind::Gateway, Some(7));
    assert_eq!(policy.zone(), utc);
    assert_eq!(policy.unclassified_rule(), UnclassifiedRule::NotApparent);
    assert_eq!(policy.surge_threshold(AccountKind::Ordinary), Some(5));
    assert_eq!(policy.surge_threshold(AccountKind::Gateway), Some(7));
    let term = Term::from_months(d(2025, 4, 1), 1).unwrap();
    let ledger =
        LedgerBuilder::new(&policy, term, AccountKind::Gateway, Announcements::new()).unwrap();
    assert_eq!(
        (ledger.zone(), ledger.account(), ledger.surge_threshold()),
        (utc, Some(AccountKind::Gateway), Some(7))
    );
    let defaults = SlaPolicy::tencent_sms();
    assert_eq!(
        defaults.surge_threshold(AccountKind::Ordinary),
        Some(1_000_000)
    );
    assert_eq!(
        defaults.surge_threshold(AccountKind::Gateway),
        Some(100_000_000)
    );
    assert_ne!(policy, defaults);
}
