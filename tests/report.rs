//! End to end on the bundled sample (examples/data, written by the
//! `sample_data` example): every entry accounted for, the expected tiers,
//! the JSON report round-trips, and the text table matches its snapshot.

#![cfg(feature = "tencent")]
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

use chrono::DateTime;
use rust_decimal::dec;
use sms_sla::assess::{Assessor, MonthlyFees};
use sms_sla::calendar::ChinaMainland;
use sms_sla::tencent::{CodeTable, SendLog, read_callback};
use sms_sla::traffic::{AccountKind, Exemption, Window};
use sms_sla::{Assessment, Availability, DeductionKind, Money, MonthlyServiceFee, SlaPolicy, Term};
use util::d;

/// The sample assessed as the `report` example does, and the number of
/// input entries (SendSms entries refused at once plus callback receipts).
fn sample() -> (Assessment, u64) {
    let policy = SlaPolicy::tencent_sms();
    let term = Term::from_months(d(2024, 3, 17), 3).unwrap();
    let at = |text: &str| DateTime::parse_from_rfc3339(text).unwrap().to_utc();
    let window = Window::new(at("2024-06-05T02:00:00Z"), at("2024-06-05T04:00:00Z")).unwrap();
    let mut assessor = Assessor::new(
        &policy,
        term,
        policy
            .traffic_rules(AccountKind::Ordinary)
            .with_maintenance(window),
    )
    .unwrap();
    let table = CodeTable::tencent_default();
    let mut log = SendLog::new();
    let mut entries = 0_u64;
    for line in std::fs::read_to_string("examples/data/send_sms.ndjson")
        .unwrap()
        .lines()
    {
        let call: serde_json::Value = serde_json::from_str(line).unwrap();
        let sent_at = at(call["sent_at"].as_str().unwrap());
        log.read_send_sms(&call["response"].to_string(), sent_at, &table, |entry| {
            entries += 1;
            match entry {
                Ok(record) => assessor.add(&record),
                Err(rejection) => assessor.reject(rejection),
            }
        })
        .unwrap();
    }
    let callbacks = std::fs::read_to_string("examples/data/callbacks.json").unwrap();
    entries += read_callback(&callbacks, &table, &log, |entry| match entry {
        Ok(record) => assessor.add(&record),
        Err(rejection) => assessor.reject(rejection),
    })
    .unwrap();
    let cny = |amount| Money::new(amount, "CNY").unwrap();
    let fees = [
        MonthlyServiceFee::new(cny(dec!(50.00))),
        MonthlyServiceFee::new(cny(dec!(120.00)))
            .with_deduction(DeductionKind::Coupon, cny(dec!(20.00)))
            .unwrap(),
        MonthlyServiceFee::new(cny(dec!(130.00)))
            .with_deduction(DeductionKind::Voucher, cny(dec!(100.00)))
            .unwrap(),
        MonthlyServiceFee::new(cny(dec!(60.00))),
    ];
    let fees = term
        .service_months()
        .zip(fees)
        .fold(MonthlyFees::new(), |fees, (m, f)| fees.with(m, f).unwrap());
    let assessment = assessor
        .finish(
            &fees,
            &cny(dec!(0.045)),
            &ChinaMainland::new(),
            d(2024, 7, 10),
        )
        .unwrap();
    (assessment, entries)
}

// Source: SPEC D18 (every input entry lands in exactly one bucket).
#[test]
fn d18_every_sample_entry_is_accounted_for() {
    let (assessment, entries) = sample();
    assert!(entries > 2_000, "{entries}");
    assert_eq!(assessment.entries(), entries);
    assert_eq!(assessment.rejected(), 2);
    assert_eq!((assessment.before_term(), assessment.after_term()), (0, 0));
}

// Source: SLA §3.1 (tiers), §3.1(2) (cap), §4.13 (the maintenance window in June).
#[test]
fn sla_3_1_the_sample_months_get_the_expected_tiers() {
    let (assessment, _) = sample();
    let rates: Vec<String> = assessment
        .months()
        .iter()
        .map(|m| m.compensation().rate().normalize().to_string())
        .collect();
    assert_eq!(rates, ["0", "0.1", "0.3", "0"]);
    let may = &assessment.months()[2];
    assert!(may.compensation().cap_applied());
    assert_eq!(
        may.compensation().amount(),
        Money::new(dec!(30), "CNY").unwrap()
    );
    // June meets the standard only because the window exempts its timeouts.
    let june = &assessment.months()[3];
    let excused = june.tally().exempt(Exemption::AnnouncedMaintenance);
    assert!(
        june.availability()
            .meets(SlaPolicy::tencent_sms().schedule().standard())
            == Some(true)
    );
    let without_window = Availability::new(
        june.availability().effective_sent(),
        june.availability().apparent_failures() + excused,
    )
    .unwrap();
    assert_eq!(
        without_window.meets(SlaPolicy::tencent_sms().schedule().standard()),
        Some(false),
        "{excused}"
    );
    assert!(assessment.total().amount() <= assessment.total().net_paid());
}

#[cfg(feature = "serde")]
#[test]
fn the_json_report_round_trips() {
    let (assessment, _) = sample();
    let json = serde_json::to_string_pretty(&assessment).unwrap();
    assert!(json.contains(r#""rate": "0.3""#));
    assert!(json.contains(r#""amount": "30.00""#));
    let back: Assessment = serde_json::from_str(&json).unwrap();
    assert_eq!(back, assessment);
}

#[test]
fn the_text_table_matches_its_snapshot() {
    let (assessment, _) = sample();
    let table = assessment.to_table();
    let path = "tests/snapshots/sample_report.txt";
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(path, &table).unwrap();
    }
    let expected = std::fs::read_to_string(path).unwrap();
    assert_eq!(
        table, expected,
        "run with UPDATE_SNAPSHOTS=1 to accept a deliberate change"
    );
}
