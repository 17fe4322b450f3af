//! The public API as downstream code sees it: the entry points of API.md,
//! auto traits, and serde round trips.

use crate::util::d;
use chrono::NaiveDate;
use sms_sla::{
    Availability, Error, ServiceMonth, ServiceMonths, SlaZone, Term, Threshold, traffic,
};

/// The term entry points of API.md, with their exact argument and return
/// types.
#[test]
fn api_md_term_entry_points() -> Result<(), Error> {
    fn exact_double_ended<I: ExactSizeIterator + DoubleEndedIterator<Item = ServiceMonth>>(_: &I) {}

    let start: NaiveDate = d(2024, 3, 17);
    let term: Term = Term::from_months(start, 3_u32)?;
    let same: Term = Term::new(d(2024, 3, 17), d(2024, 6, 16))?;
    assert_eq!(term, same);
    let _: NaiveDate = term.first_day();
    let _: NaiveDate = term.last_day();
    let months = term.service_months();
    exact_double_ended(&months);
    for m in months {
        let _: NaiveDate = m.first_day();
        let _: NaiveDate = m.last_day();
    }
    Ok(())
}

/// The availability entry point of API.md.
#[test]
fn api_md_availability_entry_point() -> Result<(), Error> {
    let effective_sent: u64 = 20;
    let apparent_failures: u64 = 1;
    let av: Availability = Availability::new(effective_sent, apparent_failures)?;
    assert!(av.has_traffic());
    Ok(())
}

/// The money and compensation entry points of API.md, with their types.
#[test]
fn api_md_policy_money_and_compensation_entry_points() -> Result<(), Error> {
    use rust_decimal::{Decimal, dec};
    use sms_sla::{Compensation, DeductionKind, Money, MonthlyServiceFee, SlaPolicy};

    let av = Availability::new(100, 11)?;
    let policy = SlaPolicy::tencent_sms();
    let rate: Decimal = policy.rate_for(&av);
    assert_eq!(rate, dec!(0.3));
    let fee = MonthlyServiceFee::new(Money::new(dec!(1000), "CNY")?)
        .with_deduction(DeductionKind::Coupon, Money::new(dec!(800), "CNY")?)?;
    let c: Compensation = policy.compensate(&av, &fee, &Money::new(dec!(0.045), "CNY")?)?;
    let _: Decimal = c.rate();
    let _: Money = c.amount();
    let _: u64 = c.messages();
    let m = c.amount();
    let _: Decimal = m.amount();
    let code: String = m.currency().to_string(); // the ISO 4217 code
    assert_eq!(code, "CNY");
    assert_eq!(m.currency(), "CNY");
    Ok(())
}

/// The business-day and claim-window entry points of API.md.
#[test]
fn api_md_calendar_and_claim_entry_points() -> Result<(), Error> {
    use chrono::NaiveDate;
    use sms_sla::calendar::{BusinessCalendar, ChinaMainland, Weekdays};
    use sms_sla::{ClaimStatus, ClaimWindow, SlaPolicy};

    let date = d(2024, 10, 12);
    let cal = ChinaMainland::new();
    let business: bool = cal.is_business_day(date)?;
    assert!(business);
    let month = Term::from_months(d(2024, 9, 1), 1)?
        .service_months()
        .next()
        .unwrap();
    let policy = SlaPolicy::tencent_sms();
    let w: ClaimWindow = policy.claim_window(&month, &cal)?;
    let _: NaiveDate = w.opens_on();
    let _: NaiveDate = w.closes_on();
    assert!(matches!(w.status_on(date), ClaimStatus::NotYetOpen { .. }));
    assert!(matches!(
        w.status_on(d(2024, 10, 13)),
        ClaimStatus::Open { .. }
    ));
    assert!(matches!(
        w.status_on(d(2024, 12, 1)),
        ClaimStatus::Closed { .. }
    ));
    // Both calendars, and callers' own, go through the trait.
    let calendars: [&dyn BusinessCalendar; 2] = [&cal, &Weekdays];
    for calendar in calendars {
        policy.claim_window(&month, calendar)?;
    }
    Ok(())
}

/// The traffic and announcement entry points of API.md, written as it
/// writes them: the policy holds the zone and the surge volumes, the
/// announcements only what the account was told.
#[test]
fn api_md_traffic_and_announcement_entry_points() -> Result<(), Error> {
    use chrono::{DateTime, TimeZone, Utc};
    use sms_sla::SlaPolicy;
    use sms_sla::traffic::{
        AccountKind, Announcements, Exemption, FailureCause, InvalidReason, LedgerBuilder,
        MessageRecord, Outcome, Recipient, UnclassifiedCode, Window,
    };

    let start: DateTime<Utc> = Utc.with_ymd_and_hms(2025, 4, 2, 18, 0, 0).unwrap();
    let end: DateTime<Utc> = Utc.with_ymd_and_hms(2025, 4, 2, 20, 0, 0).unwrap();
    let day: NaiveDate = d(2025, 4, 3);
    let sent_at = Utc.with_ymd_and_hms(2025, 4, 2, 19, 0, 0).unwrap();
    let term = Term::from_months(d(2025, 4, 1), 1)?;

    let policy =
        SlaPolicy::tencent_sms().with_surge_threshold(AccountKind::Ordinary, Some(1_000_000)); // Option<u64>
    let notices = Announcements::new()
        .with_maintenance(Window::new(start, end)?) // half-open [start, end)
        .with_event(Window::new(start, end)?)
        .with_surge_notice(day); // NaiveDate in the SLA zone
    let record = MessageRecord::new(
        sent_at,
        Recipient::Valid,
        Outcome::Failed(FailureCause::ProviderSide),
    );
    let records = vec![record; 3];
    let mut builder = LedgerBuilder::new(&policy, term, AccountKind::Ordinary, notices)?;
    let other = builder.clone();
    builder.add(&record);
    builder.add_all(&records);
    builder.merge(&other)?;
    let ledger = builder.finish();
    for (month, tally) in ledger.months() {
        assert_eq!(month.first_day(), d(2025, 4, 1));
        let counts: [u64; 7] = [
            tally.total(),
            tally.effective_sent(),
            tally.apparent_failures(),
            tally.exempt_total(),
            tally.invalid_total(),
            tally.delivered(),
            tally.unconfirmed(),
        ];
        // Maintenance wins over the event window at the same instant (D14).
        assert_eq!(counts, [4, 4, 0, 4, 0, 0, 0]);
        assert_eq!(tally.exempt(Exemption::AnnouncedMaintenance), 4);
    }
    let (before, after): (u64, u64) = (ledger.before_term(), ledger.after_term());
    assert_eq!((before, after), (0, 0));

    assert_eq!(
        "4.13".parse::<Exemption>()?,
        Exemption::AnnouncedMaintenance
    );
    assert_eq!(
        "powered_off".parse::<InvalidReason>()?,
        InvalidReason::PoweredOff
    );
    assert_eq!(UnclassifiedCode::new("MK:0000")?.as_str(), "MK:0000");
    Ok(())
}

/// The message-log entry points of API.md.
#[cfg(feature = "tencent")]
#[test]
fn api_md_message_log_entry_points() -> Result<(), Error> {
    use chrono::{DateTime, TimeZone, Utc};
    use sms_sla::SlaPolicy;
    use sms_sla::tencent::{CodeTable, MessageLog};
    use sms_sla::traffic::{AccountKind, Announcements, LedgerBuilder};

    let body = r#"{"Response": {"SendStatusSet": [{"SerialNo": "s1", "PhoneNumber": "+8613800000001", "Code": "Ok"}], "RequestId": "r"}}"#;
    let requested_at: DateTime<Utc> = Utc.with_ymd_and_hms(2025, 4, 2, 0, 3, 0).unwrap();
    let callback = r#"[{"user_receive_time": "2025-04-02 08:03:04", "report_status": "SUCCESS", "errmsg": "DELIVRD", "sid": "s1"}]"#;
    let pull = r#"{"Response": {"PullSmsSendStatusSet": [], "RequestId": "r"}}"#;
    let reader = callback.as_bytes();

    let mut log = MessageLog::new(CodeTable::tencent_default());
    log.read_send_sms(body, requested_at)?;
    log.read_callback(callback)?;
    log.read_callback_lines(reader)?;
    log.read_pull(pull)?;
    let s = log.stats();
    let counts: [u64; 7] = [
        s.messages(),
        s.receipts(),
        s.duplicates(),
        s.conflicts(),
        s.unreceipted(),
        s.unmatched(),
        s.rejected(),
    ];
    assert_eq!(counts, [1, 2, 1, 0, 0, 0, 0]);
    let term = Term::from_months(d(2025, 4, 1), 1)?;
    let policy = SlaPolicy::tencent_sms();
    let mut builder =
        LedgerBuilder::new(&policy, term, AccountKind::Ordinary, Announcements::new())?;
    for record in log.records() {
        builder.add(&record);
    }
    assert_eq!(builder.finish().term_tally().delivered(), 1);
    Ok(())
}

/// A record is 32 bytes and `Copy` (its code, if any, is borrowed), so ten
/// million fit in 320 MB and stream at memory speed.
#[test]
fn message_records_are_compact_and_copy() {
    fn copy<T: Copy>() {}
    copy::<traffic::MessageRecord<'_>>();
    copy::<traffic::Outcome<'_>>();
    copy::<traffic::UnclassifiedCode<'_>>();
    assert_eq!(size_of::<traffic::MessageRecord<'_>>(), 32);
    assert_eq!(size_of::<traffic::UnclassifiedCode<'_>>(), 16);
    assert_eq!(size_of::<traffic::Outcome<'_>>(), 24);
    assert_eq!(size_of::<traffic::Recipient>(), 1);
}

#[test]
fn service_months_is_fused() {
    fn fused<I: std::iter::FusedIterator>(_: &I) {}
    let term = Term::from_months(d(2024, 3, 17), 3).unwrap();
    fused(&term.service_months());
}

#[test]
fn public_types_are_send_sync_and_static() {
    fn assert_send_sync<T: Send + Sync + 'static>() {}
    assert_send_sync::<Error>();
    assert_send_sync::<Term>();
    assert_send_sync::<ServiceMonth>();
    assert_send_sync::<ServiceMonths>();
    assert_send_sync::<SlaZone>();
    assert_send_sync::<Availability>();
    assert_send_sync::<Threshold>();
    assert_send_sync::<traffic::MessageRecord>();
    assert_send_sync::<traffic::Recipient>();
    assert_send_sync::<traffic::InvalidReason>();
    assert_send_sync::<traffic::InvalidGroup>();
    assert_send_sync::<traffic::Outcome>();
    assert_send_sync::<traffic::FailureCause>();
    assert_send_sync::<traffic::Exemption>();
    assert_send_sync::<traffic::UnclassifiedCode>();
    assert_send_sync::<traffic::UnclassifiedRule>();
    assert_send_sync::<traffic::Tally>();
    assert_send_sync::<traffic::Ledger>();
    assert_send_sync::<traffic::LedgerBuilder>();
    assert_send_sync::<traffic::Announcements>();
    assert_send_sync::<traffic::Window>();
    assert_send_sync::<traffic::AccountKind>();
    assert_send_sync::<sms_sla::Money>();
    assert_send_sync::<sms_sla::Currency>();
    assert_send_sync::<sms_sla::MonthlyServiceFee>();
    assert_send_sync::<sms_sla::DeductionKind>();
    assert_send_sync::<sms_sla::Compensation>();
    assert_send_sync::<sms_sla::CompensationSchedule>();
    assert_send_sync::<sms_sla::CompensationTotal>();
    assert_send_sync::<sms_sla::Tier>();
    assert_send_sync::<sms_sla::SlaPolicy>();
    assert_send_sync::<sms_sla::calendar::ChinaMainland>();
    assert_send_sync::<sms_sla::calendar::Weekdays>();
    assert_send_sync::<sms_sla::calendar::HolidaySchedule>();
    assert_send_sync::<sms_sla::ClaimRule>();
    assert_send_sync::<sms_sla::ClaimWindow>();
    assert_send_sync::<sms_sla::ClaimStatus>();
}

#[test]
fn error_is_a_std_error() {
    fn assert_error<T: std::error::Error>() {}
    assert_error::<Error>();
}

#[cfg(feature = "serde")]
mod serde_round_trip {
    use crate::util::d;
    use sms_sla::{ServiceMonth, Term};

    #[test]
    fn term_round_trips_with_stable_field_names() {
        let term = Term::from_months(d(2024, 3, 17), 3).unwrap();
        let json = serde_json::to_string(&term).unwrap();
        assert_eq!(
            json,
            r#"{"first_day":"2024-03-17","last_day":"2024-06-16"}"#
        );
        assert_eq!(serde_json::from_str::<Term>(&json).unwrap(), term);
    }

    #[test]
    fn every_service_month_round_trips() {
        let term = Term::from_months(d(2023, 11, 30), 26).unwrap();
        let months: Vec<ServiceMonth> = term.service_months().collect();
        let json = serde_json::to_string(&months).unwrap();
        assert!(json.starts_with(r#"[{"first_day":"2023-11-30","last_day":"2023-11-30"},"#));
        assert_eq!(
            serde_json::from_str::<Vec<ServiceMonth>>(&json).unwrap(),
            months
        );
    }
}

/// The core reads no clock, whatever the features (the `arrow` feature
/// turns on chrono's `clock` through arrow-array): every date, "today"
/// included, is a parameter. Scans every source file of the library.
#[test]
fn the_core_never_reads_the_clock() {
    fn sources(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                sources(&path, found);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                found.push(path);
            }
        }
    }
    let mut files = Vec::new();
    sources(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../src"),
        &mut files,
    );
    assert!(files.len() > 20, "{files:?}");
    let clocks = [
        "Utc::now",
        "Local::now",
        "SystemTime::now",
        "Instant::now",
        "today(",
    ];
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for clock in clocks {
            assert!(!text.contains(clock), "{} calls {clock}", file.display());
        }
    }
}

/// Every decision the crate docs link to (`design#d13`) has its anchor in
/// DESIGN.md, and every anchor D1 to D27 is there once.
#[test]
fn every_decision_link_has_its_section() {
    // The library's package, the parent of the tests' package.
    let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    let design = std::fs::read_to_string(root.join("DESIGN.md")).unwrap();
    for n in 1..=27 {
        let anchor = format!("<a id=\"d{n}\"></a>");
        assert_eq!(design.matches(&anchor).count(), 1, "{anchor}");
    }
    let mut stack = vec![root.join("src")];
    let mut links = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (at, _) in text.match_indices("_documentation::design#d") {
                let rest = &text[at + "_documentation::design#".len()..];
                let id: String = rest
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect();
                let anchor = format!("<a id=\"{id}\"></a>");
                assert!(design.contains(&anchor), "{} links to {id}", path.display());
                links += 1;
            }
        }
    }
    assert!(links > 100, "{links}");
}

/// The traits users reach for: text that round-trips, orders, errors and
/// padding.
mod traits {
    use super::d;
    use sms_sla::assess::MonthlyFees;
    use sms_sla::traffic::Exemption;
    use sms_sla::{Availability, Money, MonthlyServiceFee, ServiceMonth, SlaZone, Term, Threshold};

    #[test]
    fn display_output_reads_back() {
        let term: Term = "2025-01-01+12".parse().unwrap();
        assert_eq!(term, Term::from_months(d(2025, 1, 1), 12).unwrap());
        for text in [
            "2025-01-01 to 2025-12-31",
            "2025-01-01..2025-12-31",
            "2025-01-01..=2025-12-31",
        ] {
            assert_eq!(text.parse::<Term>().unwrap(), term, "{text}");
        }
        assert_eq!(term.to_string().parse::<Term>().unwrap(), term);
        for month in term.service_months() {
            assert_eq!(month.to_string().parse::<ServiceMonth>().unwrap(), month);
        }
        for zone in ["+08:00", "-05:30", "+00:00"] {
            let zone: SlaZone = zone.parse().unwrap();
            assert_eq!(zone.to_string().parse::<SlaZone>().unwrap(), zone);
        }
        for exemption in Exemption::ALL {
            assert_eq!(
                exemption.to_string().parse::<Exemption>().unwrap(),
                exemption
            );
            assert_eq!(exemption.clause().parse::<Exemption>().unwrap(), exemption);
        }
        for text in ["0.045 CNY", "1000.00 CNY", "0 USD", "12.5 JPY"] {
            let money: Money = text.parse().unwrap();
            assert_eq!(format!("{money:#}"), text);
            assert_eq!(format!("{money:#}").parse::<Money>().unwrap(), money);
        }
    }

    #[test]
    fn terms_and_availabilities_order() {
        let mut terms = [
            Term::from_months(d(2025, 3, 1), 1).unwrap(),
            Term::from_months(d(2025, 1, 1), 2).unwrap(),
            Term::from_months(d(2025, 1, 1), 1).unwrap(),
        ];
        terms.sort();
        let starts: Vec<String> = terms.iter().map(ToString::to_string).collect();
        assert_eq!(
            starts,
            [
                "2025-01-01 to 2025-01-31",
                "2025-01-01 to 2025-02-28",
                "2025-03-01 to 2025-03-31"
            ]
        );
        let av = |e, f| Availability::new(e, f).unwrap();
        let mut months = [av(0, 0), av(100, 5), av(20, 1), av(1000, 51), av(10, 0)];
        months.sort();
        assert_eq!(
            months,
            [av(1000, 51), av(20, 1), av(100, 5), av(10, 0), av(0, 0)]
        );
        // The order agrees with the threshold test, to the message.
        let standard = Threshold::from_percent(rust_decimal::dec!(95)).unwrap();
        for pair in months.windows(2) {
            if pair[0].meets(standard) == Some(true) {
                assert_ne!(pair[1].meets(standard), Some(false));
            }
        }
    }

    #[test]
    fn display_honours_width_and_alignment() {
        let money = Money::new(rust_decimal::dec!(0.045), "CNY").unwrap();
        assert_eq!(format!("[{money:>12}]"), "[    0.04 CNY]");
        assert_eq!(format!("[{money:<#11}]"), "[0.045 CNY  ]");
        let av = Availability::new(20, 1).unwrap();
        assert_eq!(format!("[{av:^12}]"), "[  95.0000%  ]");
        assert_eq!(
            format!("[{:>5}]", Availability::new(0, 0).unwrap()),
            "[  n/a]"
        );
        let term = Term::from_months(d(2025, 4, 1), 1).unwrap();
        assert_eq!(format!("[{term:>26}]"), "[  2025-04-01 to 2025-04-30]");
        assert_eq!(
            format!("[{:>10}]", SlaZone::CHINA_STANDARD_TIME),
            "[ UTC+08:00]"
        );
        assert_eq!(
            format!("[{:<6}]", Exemption::ForceMajeure.clause()),
            "[4.15  ]"
        );
        assert_eq!(
            format!("[{:>14}]", Exemption::ForceMajeure),
            "[ force majeure]"
        );
    }

    #[test]
    fn monthly_fees_collect_look_up_and_report_duplicates() {
        let cny = |amount| MonthlyServiceFee::new(Money::new(amount, "CNY").unwrap());
        let term = Term::from_months(d(2024, 3, 17), 3).unwrap();
        let fees: MonthlyFees = term
            .service_months()
            .map(|month| (month, cny(rust_decimal::dec!(10))))
            .collect();
        assert_eq!(fees.len(), 4);
        let (march, fee) = fees.for_month(2024, chrono::Month::March).unwrap();
        assert_eq!(march.to_string(), "2024-03-17 to 2024-03-31");
        assert_eq!(fee, &cny(rust_decimal::dec!(10)));
        assert!(fees.for_month(2024, chrono::Month::July).is_none());
        assert_eq!(fees.iter().len(), 4);
        #[cfg(feature = "serde")]
        {
            let json = serde_json::to_string(&fees).unwrap();
            assert!(
                json.starts_with(
                    r#"[{"month":{"first_day":"2024-03-17","last_day":"2024-03-31"},"fee":"#
                ),
                "{json}"
            );
            assert_eq!(serde_json::from_str::<MonthlyFees>(&json).unwrap(), fees);
            let twice = json
                .replacen(
                    r#""first_day":"2024-04-01""#,
                    r#""first_day":"2024-03-17""#,
                    1,
                )
                .replacen(
                    r#""last_day":"2024-04-30""#,
                    r#""last_day":"2024-03-31""#,
                    1,
                );
            let err = serde_json::from_str::<MonthlyFees>(&twice)
                .unwrap_err()
                .to_string();
            assert!(
                err.starts_with(
                    "service month 2024-03-17 to 2024-03-31 is given more than one fee"
                ),
                "{err}"
            );
        }
    }

    #[cfg(feature = "tencent")]
    #[test]
    fn a_rejection_is_a_std_error() {
        fn error<E: std::error::Error + Send + Sync + 'static>() {}
        error::<sms_sla::tencent::Rejection>();
        error::<sms_sla::IoError>();
    }
}
