//! End to end on the bundled sample (cli/sample, written by the
//! `sample_data` example): every entry accounted for, the expected tiers,
//! the JSON report round-trips, and the text table and SVG chart match
//! their snapshots. Also the assessor's own counting: every way of feeding
//! it records gives the same report, and rejections are counted.

#![cfg(feature = "tencent")]

use crate::util::{Setup, d};
use chrono::{DateTime, TimeZone, Utc};
use rust_decimal::dec;
use sms_sla::assess::Assessment;
use sms_sla::assess::{Assessor, MonthlyFees};
use sms_sla::calendar::ChinaMainland;
use sms_sla::error::CalendarError;
use sms_sla::tencent::{CodeTable, MessageLog};
use sms_sla::traffic::{
    AccountKind, Announcements, Exemption, FailureCause, MessageRecord, Outcome, Recipient, Window,
};
use sms_sla::{Availability, DeductionKind, Money, MonthlyServiceFee, SlaPolicy, Term};

/// The sample assessed as the `report` example does, and the number of
/// input entries (SendSms entries refused at once plus callback receipts).
fn sample() -> (Assessment, u64) {
    let policy = SlaPolicy::tencent_sms();
    let term = Term::from_months(d(2024, 3, 17), 3).unwrap();
    let at = |text: &str| DateTime::parse_from_rfc3339(text).unwrap().to_utc();
    let window = Window::new(at("2024-06-05T02:00:00Z"), at("2024-06-05T04:00:00Z")).unwrap();
    let notices = Announcements::new().with_maintenance(window);
    let mut assessor = Assessor::new(&policy, term, AccountKind::Ordinary, notices).unwrap();
    let mut log = MessageLog::new(CodeTable::tencent_default());
    let mut entries = 0_u64;
    for line in std::fs::read_to_string("../cli/sample/send_sms.ndjson")
        .unwrap()
        .lines()
    {
        let call: serde_json::Value = serde_json::from_str(line).unwrap();
        let sent_at = at(call["sent_at"].as_str().unwrap());
        entries += log
            .read_send_sms(&call["response"].to_string(), sent_at)
            .unwrap()
            .entries();
    }
    let callbacks = std::fs::read_to_string("../cli/sample/callbacks.json").unwrap();
    entries += log.read_callback(&callbacks).unwrap().entries();
    let redelivered =
        std::fs::read_to_string("../cli/sample/callbacks_redelivered.ndjson").unwrap();
    entries += log
        .read_callback_lines(redelivered.as_bytes())
        .unwrap()
        .entries();
    assessor.add_log(&log).unwrap();
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
    assert_eq!((fees.len(), fees.is_empty()), (4, false));
    assert!(MonthlyFees::new().is_empty());
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
    let stats = assessment.reconciliation().unwrap();
    // D19-D22: every entry read is a send or a receipt (a message, matched,
    // a duplicate or a conflict) or a rejection.
    assert_eq!(stats.sends() + stats.receipts() + stats.rejected(), entries);
    assert_eq!(
        stats.sends() + stats.receipts(),
        stats.messages() + stats.matched() + stats.duplicates() + stats.conflicts()
    );
    // And every message is one record, counted once.
    assert_eq!(assessment.entries(), stats.messages() + stats.rejected());
    assert_eq!(assessment.rejected(), 2);
    assert_eq!((assessment.before_term(), assessment.after_term()), (0, 0));
}

// Source: SPEC D5, D19-D22 (the sample has sends without receipts,
// redelivered callbacks and failure-then-delivery pairs, and the report
// shows how they were counted).
#[test]
fn d19_the_sample_is_counted_as_messages_and_the_report_says_how() {
    let (assessment, _) = sample();
    let stats = assessment.reconciliation().unwrap();
    assert!(stats.unreceipted() > 10, "{stats}");
    assert!(stats.duplicates() > 10, "{stats}");
    assert!(stats.conflicts() > 0, "{stats}");
    assert_eq!(stats.unmatched(), 0, "{stats}");
    let unconfirmed: u64 = assessment
        .months()
        .iter()
        .map(|m| m.tally().unconfirmed())
        .sum();
    assert_eq!(unconfirmed, stats.unreceipted());
    let table = assessment.to_table();
    assert!(
        table.contains(&format!("messages reconciled: {stats}\n")),
        "{table}"
    );
    // D22: the receipt without a status has a time (2 May): May's rejected
    // entry; the one with an impossible time belongs to no month.
    let rejected: Vec<u64> = assessment
        .months()
        .iter()
        .map(sms_sla::assess::MonthAssessment::rejected)
        .collect();
    assert_eq!(rejected, [0, 0, 1, 0]);
    assert_eq!(assessment.rejected_for_term(), 1);
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

// Source: SPEC D11 (each month's claim window, and its status on the as-of date).
#[test]
fn d11_each_sample_month_reports_its_claim_window_and_status() {
    let (assessment, _) = sample();
    for month in assessment.months() {
        let window = SlaPolicy::tencent_sms()
            .claim_window(&month.service_month(), &ChinaMainland::new())
            .unwrap();
        assert_eq!(month.claim().window(), Some(&window));
        assert_eq!(
            month.claim().status(),
            Some(window.status_on(assessment.as_of()))
        );
    }
}

/// Compares `actual` with the file at `path`, or rewrites the file when
/// `UPDATE_SNAPSHOTS` is set.
fn assert_snapshot(path: &str, actual: &str) {
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(path).unwrap();
    assert!(
        actual == expected,
        "{path} differs: run with UPDATE_SNAPSHOTS=1 to accept a deliberate change"
    );
}

#[test]
fn the_text_table_matches_its_snapshot() {
    let (assessment, _) = sample();
    assert_snapshot("snapshots/sample_report.txt", &assessment.to_table());
}

/// The chart: the 95% standard line in green, the 90% tier line in red
/// (no line for the tier from 0%), one point per month with traffic.
#[cfg(feature = "svg")]
#[test]
fn the_svg_chart_matches_its_snapshot() {
    let (assessment, _) = sample();
    let svg = assessment.to_svg().unwrap();
    assert!(svg.contains("standard 95%") && svg.contains("10% tier from 90%"));
    assert!(!svg.contains("tier from 0%"));
    assert_snapshot("snapshots/sample_chart.svg", &svg);
}

/// April 2025 and one record on either side of it.
fn april_records() -> (Term, Vec<MessageRecord<'static>>) {
    let term = Term::from_months(d(2025, 4, 1), 1).unwrap();
    let at = |day, hour| Utc.with_ymd_and_hms(2025, 4, day, hour, 0, 0).unwrap();
    let record = |sent_at, outcome| MessageRecord::new(sent_at, Recipient::Valid, outcome);
    let failed = Outcome::Failed(FailureCause::ProviderSide);
    let mut records: Vec<MessageRecord> = (1..=28)
        .map(|day| {
            record(
                at(day, 3),
                if day % 7 == 0 {
                    failed
                } else {
                    Outcome::Delivered
                },
            )
        })
        .collect();
    records.push(record(
        Utc.with_ymd_and_hms(2025, 3, 31, 15, 0, 0).unwrap(),
        failed,
    ));
    records.push(record(
        Utc.with_ymd_and_hms(2025, 4, 30, 16, 0, 0).unwrap(),
        failed,
    ));
    (term, records)
}

fn assess_april(assessor: &Assessor) -> Assessment {
    let month = assessor.term().service_months().next().unwrap();
    let fees = MonthlyFees::new()
        .with(
            month,
            MonthlyServiceFee::new(Money::new(dec!(100), "CNY").unwrap()),
        )
        .unwrap();
    assessor
        .finish(
            &fees,
            &Money::new(dec!(0.045), "CNY").unwrap(),
            &ChinaMainland::new(),
            d(2025, 6, 1),
        )
        .unwrap()
}

// Source: SPEC D18 (every record is counted, inside the term or outside it).
#[test]
fn d18_an_assessor_counts_every_record_however_it_is_fed() {
    let (term, records) = april_records();
    let new = || Setup::new().assessor(term);
    let mut one_by_one = new();
    for record in &records {
        one_by_one.ledger_mut().add(record);
    }
    assert_eq!(one_by_one.ledger().total(), 30);
    let expected = assess_april(&one_by_one);
    assert_eq!((expected.before_term(), expected.after_term()), (1, 1));
    let april = &expected.months()[0];
    assert_eq!(
        (
            april.tally().delivered(),
            april.availability().apparent_failures()
        ),
        (24, 4)
    );

    let mut sliced = new();
    sliced.ledger_mut().add_all(&records);
    let mut in_halves = new();
    let (first, second) = records.split_at(records.len() / 2);
    in_halves.ledger_mut().add_all(first);
    in_halves.ledger_mut().add_all(second);
    let mut fed = vec![sliced, in_halves];
    #[cfg(feature = "rayon")]
    {
        let mut parallel = new();
        parallel.ledger_mut().par_add_all(&records);
        fed.push(parallel);
    }
    for assessor in &fed {
        assert_eq!(assessor.ledger().total(), 30);
        assert_eq!(assess_april(assessor), expected);
    }
}

// Source: SPEC D18 (entries that cannot be read are counted, not dropped).
#[test]
fn d18_rejections_are_counted_and_the_first_reasons_kept() {
    let (term, _) = april_records();
    let mut assessor = Setup::new().assessor(term);
    let kept = sms_sla::traffic::REJECTION_SAMPLES;
    for i in 0..kept + 5 {
        assessor.reject(format!("entry {i}: not an object"));
    }
    assert_eq!(assessor.rejected(), 25);
    let assessment = assess_april(&assessor);
    assert_eq!(assessment.rejected(), 25);
    let expected: Vec<String> = (0..kept)
        .map(|i| format!("entry {i}: not an object"))
        .collect();
    assert_eq!(assessment.rejection_samples(), expected);
}

/// Every public model reads back from every serde source: a `&str`, a byte
/// slice, a reader, a `serde_json::Value`, and JSON whose strings are all
/// written as `\uXXXX` escapes (none of which lends a borrowed `&str`).
mod serde_routes {
    use std::fmt::{Debug, Write as _};

    use chrono::{TimeZone, Utc};
    use rust_decimal::dec;
    use serde::Serialize;
    use serde::de::DeserializeOwned;
    use sms_sla::calendar::ChinaMainland;
    use sms_sla::traffic::{
        AccountKind, Exemption, FailureCause, InvalidReason, MessageRecord, Outcome, Recipient,
        Tally, UnclassifiedCode, UnclassifiedRule, Window,
    };
    use sms_sla::{
        Availability, DeductionKind, Money, MonthlyServiceFee, ServiceMonth, SlaPolicy, SlaZone,
        Term, Threshold,
    };

    use super::{Setup, d, sample};

    /// `json` with every character inside a string literal escaped.
    fn escaped(json: &str) -> String {
        let mut out = String::new();
        let mut chars = json.chars();
        let mut inside = false;
        while let Some(c) = chars.next() {
            match (inside, c) {
                (false, '"') => {
                    inside = true;
                    out.push(c);
                }
                (true, '"') => {
                    inside = false;
                    out.push(c);
                }
                (true, '\\') => {
                    out.push(c);
                    out.push(chars.next().unwrap());
                }
                (true, c) => {
                    let mut units = [0_u16; 2];
                    for unit in c.encode_utf16(&mut units) {
                        write!(out, "\\u{unit:04x}").unwrap();
                    }
                }
                (false, c) => out.push(c),
            }
        }
        out
    }

    /// Reads a model that borrows its failure codes (records, outcomes,
    /// causes, codes) back from JSON text that lends them: `from_str` and
    /// `from_slice` give the same JSON again. Escaped text cannot lend a
    /// code, so it reads only when the value holds none, and otherwise fails
    /// with serde's error, never a wrong value.
    macro_rules! borrowed_routes {
        ($value:expr, $type:ty, holds_code: $holds:expr) => {{
            let json = serde_json::to_string($value).unwrap();
            let back: $type = serde_json::from_str(&json).unwrap();
            assert_eq!(serde_json::to_string(&back).unwrap(), json, "from_str");
            let back: $type = serde_json::from_slice(json.as_bytes()).unwrap();
            assert_eq!(serde_json::to_string(&back).unwrap(), json, "from_slice");
            let escaped = escaped(&json);
            match serde_json::from_str::<$type>(&escaped) {
                Ok(back) => {
                    assert!(!$holds, "{json}");
                    assert_eq!(serde_json::to_string(&back).unwrap(), json, "escaped");
                }
                Err(err) => {
                    assert!($holds, "{json}: {err}");
                    assert!(
                        err.to_string().contains("expected a borrowed string"),
                        "{err}"
                    );
                }
            }
            1
        }};
    }

    /// Reads `value`'s JSON back through every route; each must give the
    /// same JSON again.
    #[track_caller]
    fn routes<T: Serialize + DeserializeOwned + Debug>(value: &T) -> usize {
        let json = serde_json::to_string(value).unwrap();
        let again = |back: T| serde_json::to_string(&back).unwrap();
        assert_eq!(
            again(serde_json::from_str(&json).unwrap()),
            json,
            "from_str"
        );
        assert_eq!(
            again(serde_json::from_slice(json.as_bytes()).unwrap()),
            json,
            "from_slice"
        );
        assert_eq!(
            again(serde_json::from_reader(json.as_bytes()).unwrap()),
            json,
            "from_reader"
        );
        let tree = serde_json::to_value(value).unwrap();
        assert_eq!(
            again(serde_json::from_value(tree).unwrap()),
            json,
            "from_value"
        );
        let escaped = escaped(&json);
        assert_eq!(
            again(serde_json::from_str(&escaped).unwrap()),
            json,
            "escaped {escaped}"
        );
        assert_eq!(
            again(serde_json::from_reader(escaped.as_bytes()).unwrap()),
            json,
            "escaped reader"
        );
        1
    }

    // Source: SPEC D18 (stored tallies and reports can be read back from a
    // file); issue: serde read only from borrowed strings.
    #[test]
    fn every_public_model_reads_from_str_slice_reader_and_value() {
        let (assessment, _) = sample();
        let month = &assessment.months()[1];
        let at = Utc.with_ymd_and_hms(2025, 4, 2, 1, 0, 0).unwrap();
        let code = UnclassifiedCode::new("MK:0000").unwrap();
        let unclassified = Outcome::Failed(FailureCause::Unclassified(code));
        let window = Window::new(at, at + chrono::TimeDelta::hours(2)).unwrap();
        let term = Term::from_months(d(2025, 4, 1), 1).unwrap();
        let rules = Setup::new()
            .with_zone("+00:00".parse().unwrap())
            .with_maintenance(window)
            .with_surge_notice(d(2025, 4, 3));
        let records = [
            MessageRecord::new(at, Recipient::Valid, unclassified),
            MessageRecord::new(
                at,
                Recipient::Invalid(InvalidReason::PoweredOff),
                Outcome::Delivered,
            ),
            MessageRecord::new(
                at - chrono::TimeDelta::hours(1),
                Recipient::Valid,
                unclassified,
            ),
        ];
        let mut builder = rules.builder(term);
        builder.add_all(&records);
        let tally: Tally = records.iter().collect();
        let cny = |amount| Money::new(amount, "CNY").unwrap();
        let fee = MonthlyServiceFee::new(cny(dec!(100)))
            .with_deduction(DeductionKind::Coupon, cny(dec!(10)))
            .unwrap();
        let policy = SlaPolicy::tencent_sms();
        let april = ServiceMonth::new(d(2025, 4, 1), d(2025, 4, 30)).unwrap();
        let models = routes(&assessment)
            + routes(month)
            + routes(month.claim())
            + routes(month.compensation())
            + routes(assessment.total())
            + routes(&policy)
            + routes(policy.schedule())
            + routes(&policy.schedule().tiers()[0])
            + routes(&policy.claim_rule())
            + routes(&policy.claim_window(&april, &ChinaMainland::new()).unwrap())
            + routes(&assessment.months()[0].claim().status().unwrap())
            + routes(&builder)
            + routes(&builder.finish())
            + routes(&tally)
            + borrowed_routes!(&records, [MessageRecord<'_>; 3], holds_code: true)
            + routes(&rules.announcements)
            + routes(&window)
            + routes(&AccountKind::Gateway)
            + routes(&Recipient::Invalid(InvalidReason::Blocklisted))
            + routes(&InvalidReason::PoweredOff)
            + borrowed_routes!(&unclassified, Outcome<'_>, holds_code: true)
            + borrowed_routes!(
                &FailureCause::Exempt(Exemption::AnnouncedMaintenance),
                FailureCause<'_>,
                holds_code: false
            )
            + borrowed_routes!(&Outcome::Delivered, Outcome<'_>, holds_code: false)
            + routes(&Exemption::TrafficSurge)
            + borrowed_routes!(&code, UnclassifiedCode<'_>, holds_code: true)
            + borrowed_routes!(
                &UnclassifiedCode::new("空号").unwrap(),
                UnclassifiedCode<'_>,
                holds_code: true
            )
            + routes(&UnclassifiedRule::NotApparent)
            + routes(&fee)
            + routes(&DeductionKind::Voucher)
            + routes(&cny(dec!(0.045)))
            + routes(&cny(dec!(1)).currency())
            + routes(&SlaZone::default())
            + routes(&Availability::new(20, 1).unwrap())
            + routes(&Threshold::from_percent(dec!(95)).unwrap())
            + routes(&term)
            + routes(&april)
            + routes(&ChinaMainland::built_in_schedule(2026).unwrap());
        assert_eq!(models, 37);
    }
}

// Source: SPEC D5 (unconfirmed messages are shown) and D15 (unmapped codes
// are listed by code for review, exempted ones included, D14).
#[test]
fn d5_d15_the_table_shows_unconfirmed_messages_and_lists_unclassified_codes() {
    let (term, mut records) = april_records();
    let at = |day, hour| Utc.with_ymd_and_hms(2025, 4, day, hour, 0, 0).unwrap();
    let code = |text| {
        Outcome::Failed(FailureCause::Unclassified(
            sms_sla::traffic::UnclassifiedCode::new(text).unwrap(),
        ))
    };
    for _ in 0..3 {
        records.push(MessageRecord::new(
            at(3, 5),
            Recipient::Valid,
            Outcome::Unconfirmed,
        ));
    }
    records.push(MessageRecord::new(
        at(4, 5),
        Recipient::Valid,
        code("MK:0000"),
    ));
    records.push(MessageRecord::new(
        at(4, 5),
        Recipient::Valid,
        code("DB:0141"),
    ));
    // Inside an announced window: exempt under §4.13, still listed.
    records.push(MessageRecord::new(
        at(9, 1),
        Recipient::Valid,
        code("MK:0000"),
    ));
    let window = Window::new(at(9, 0), at(9, 2)).unwrap();
    let mut assessor = Setup::new().with_maintenance(window).assessor(term);
    assessor.ledger_mut().add_all(&records);
    let table = assess_april(&assessor).to_table();
    let mut lines = table.lines();
    let header = lines.next().unwrap();
    let row = lines.next().unwrap();
    let column = |name: &str| header.find(name).unwrap() + name.len();
    // Right-aligned numbers end where their heading ends.
    assert_eq!(&row[column("unconfirmed") - 1..column("unconfirmed")], "3");
    assert_eq!(&row[column("exempt") - 1..column("exempt")], "1");
    assert!(
        table.contains(
            "\nfailures with unclassified codes, for review:\n  2025-04-01 to 2025-04-30: DB:0141 1, MK:0000 2\n"
        ),
        "{table}"
    );
}

// Source: SPEC D22 (a month's verdict bounds: the rate if its rejected
// entries were all delivered and if all failed) and D25 (failure budgets).
#[test]
fn d22_d25_bounds_and_budgets_of_a_month() {
    let term = Term::from_months(d(2025, 4, 1), 1).unwrap();
    let at = Utc.with_ymd_and_hms(2025, 4, 2, 3, 0, 0).unwrap();
    let mut assessor = Setup::new().assessor(term);
    for i in 0..100 {
        let outcome = if i < 5 {
            Outcome::Failed(FailureCause::ProviderSide)
        } else {
            Outcome::Delivered
        };
        assessor
            .ledger_mut()
            .add(&MessageRecord::new(at, Recipient::Valid, outcome));
    }
    // Exactly 95%: one rejected entry in April decides between 0 and 0.1.
    assessor.reject_at(
        "entry 9: report_status `LOST` is neither SUCCESS nor FAIL",
        Some(at),
    );
    // One without a time, and one outside the term: reported for the term.
    assessor.reject("entry 10: expected an object, found a number");
    assessor.reject_at(
        "entry 11: field `sid` is missing",
        Some(at - chrono::TimeDelta::days(30)),
    );
    let assessment = assess_april(&assessor);
    let april = &assessment.months()[0];
    assert_eq!(april.rejected(), 1);
    assert_eq!(assessment.rejected_for_term(), 2);
    let bounds = april.verdict_bounds();
    assert_eq!(
        (bounds.if_delivered(), bounds.if_failed()),
        (dec!(0), dec!(0.1))
    );
    assert!(bounds.depends_on_rejected());
    assert_eq!(april.compensation().rate(), dec!(0));
    let budgets: Vec<String> = april
        .failure_budgets()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(budgets, ["0 more to 95%", "5 more to 90%"]);
    let table = assessment.to_table();
    assert!(
        table.contains("\n* verdicts that depend on rejected input:\n  2025-04-01 to 2025-04-30: depends on rejected input: rate 0 if delivered, 0.1 if failed\n"),
        "{table}"
    );
    // The table marks the month's rate, and the term line says where the
    // rejected entries are.
    assert!(table.contains("  95.0000%    0*  "), "{table}");
    assert!(
        table.contains("entries rejected 3 (1 in 2025-04-01 to 2025-04-30, 2 in no service month)"),
        "{table}"
    );
    let json = serde_json::to_string(april).unwrap();
    assert!(
        json.contains(r#""rejected":1,"verdict_bounds":{"if_delivered":"0","if_failed":"0.1"},"failure_budgets":[{"threshold":"#),
        "{json}"
    );
    // No rejected input: the bounds agree.
    let mut clean = Setup::new().assessor(term);
    clean.ledger_mut().add(&MessageRecord::new(
        at,
        Recipient::Valid,
        Outcome::Delivered,
    ));
    let clean = assess_april(&clean);
    assert!(!clean.months()[0].verdict_bounds().depends_on_rejected());
    assert_eq!(
        clean.months()[0].verdict_bounds().to_string(),
        "rate 0 whatever the rejected input"
    );
    // No traffic: no budget.
    let empty = Setup::new().assessor(term);
    assert!(
        assess_april(&empty).months()[0]
            .failure_budgets()
            .is_empty()
    );
}

// Source: SPEC D22 (revised): a rejected entry belongs to the month of the
// message it names and never counts as a new message; the worst case turns
// a counted message into an Apparent Failure. 18 delivered and one
// unreadable FAIL of a nineteenth sent message: 18/19 = 94.74% at worst.
#[test]
fn d22_a_rejected_receipt_of_a_sent_message_bounds_its_month() {
    let term = Term::from_months(d(2025, 4, 1), 1).unwrap();
    let sent = Utc.with_ymd_and_hms(2025, 4, 30, 15, 0, 0).unwrap();
    let entries: Vec<String> = (0..19)
        .map(|i| {
            format!(r#"{{"SerialNo": "s{i}", "PhoneNumber": "+86138000000{i:02}", "Code": "Ok"}}"#)
        })
        .collect();
    let response = format!(
        r#"{{"Response": {{"SendStatusSet": [{}], "RequestId": "r1"}}}}"#,
        entries.join(",")
    );
    let receipts: Vec<String> = (0..18)
        .map(|i| format!(r#"{{"user_receive_time": "2025-04-30 23:00:{i:02}", "report_status": "SUCCESS", "errmsg": "DELIVRD", "sid": "s{i}"}}"#))
        // The nineteenth's FAIL arrives a day later with a status no one
        // knows: rejected, and in April with its message (D22).
        .chain([r#"{"user_receive_time": "2025-05-01 23:00:00", "report_status": "FAILED", "errmsg": "MK:0000", "sid": "s18"}"#.to_owned()])
        .collect();
    let mut log = MessageLog::new(CodeTable::tencent_default());
    // Receipts first: the answer does not depend on the order.
    log.read_callback(&format!("[{}]", receipts.join(",")))
        .unwrap();
    log.read_send_sms(&response, sent).unwrap();
    assert_eq!((log.stats().messages(), log.stats().rejected()), (19, 1));
    let mut assessor = Setup::new().assessor(term);
    assessor.add_log(&log).unwrap();
    let assessment = assess_april(&assessor);
    let april = &assessment.months()[0];
    assert_eq!(
        (april.availability().effective_sent(), april.rejected()),
        (19, 1)
    );
    assert_eq!(assessment.rejected_for_term(), 0);
    let bounds = april.verdict_bounds();
    assert_eq!(
        (bounds.if_delivered(), bounds.if_failed()),
        (dec!(0), dec!(0.1))
    );
    assert_eq!(
        bounds.to_string(),
        "depends on rejected input: rate 0 if delivered, 0.1 if failed"
    );
    // With no traffic, the rejected entries are the month's messages.
    let mut empty = Setup::new().assessor(term);
    empty.reject_at("entry 0: field `sid` is missing", Some(sent));
    let bounds = assess_april(&empty).months()[0].verdict_bounds();
    assert_eq!(
        (bounds.if_delivered(), bounds.if_failed()),
        (dec!(0), dec!(0.3))
    );
}

// Source: SPEC D3, D16 (the policy is the one home of the zone). With a UTC
// policy, a message sent at 2025-04-30T20:00Z belongs to April everywhere:
// in the ledger, for a rejected entry of the same instant, and in the
// report. No second value can carry another zone.
#[test]
fn d3_d16_the_policy_zone_places_records_and_rejections_alike() {
    let term = Term::from_months(d(2025, 4, 1), 1).unwrap();
    let late = Utc.with_ymd_and_hms(2025, 4, 30, 20, 0, 0).unwrap();
    let utc = Setup::new().with_zone("+00:00".parse().unwrap());
    let mut assessor = utc.assessor(term);
    assessor.ledger_mut().add(&MessageRecord::new(
        late,
        Recipient::Valid,
        Outcome::Delivered,
    ));
    assessor.reject_at("entry 0: field `sid` is missing", Some(late));
    let assessment = assess_april(&assessor);
    let april = &assessment.months()[0];
    assert_eq!(
        (
            april.tally().total(),
            april.rejected(),
            assessment.after_term()
        ),
        (1, 1, 0)
    );
    // In the agreement's zone (UTC+08:00) the same instant is 1 May: after
    // the term, for the record and the rejection alike.
    let mut assessor = Setup::new().assessor(term);
    assessor.ledger_mut().add(&MessageRecord::new(
        late,
        Recipient::Valid,
        Outcome::Delivered,
    ));
    assessor.reject_at("entry 0: field `sid` is missing", Some(late));
    let assessment = assess_april(&assessor);
    assert_eq!(
        (
            assessment.months()[0].tally().total(),
            assessment.months()[0].rejected(),
            assessment.after_term(),
            assessment.rejected_for_term()
        ),
        (0, 0, 1, 1)
    );
}

// An assessment resumes from stored state: an assessor serialized halfway
// and read back finishes exactly as one that never stopped. Reading one
// back refuses a ledger that disagrees with its policy (D16).
#[cfg(feature = "serde")]
#[test]
fn d16_an_assessor_resumes_from_its_stored_form() {
    let (term, records) = april_records();
    let (first, second) = records.split_at(records.len() / 2);
    let mut whole = Setup::new().assessor(term);
    whole.ledger_mut().add_all(&records);
    whole.reject_at("entry 3: field `sid` is missing", None);

    let mut before = Setup::new().assessor(term);
    before.ledger_mut().add_all(first);
    before.reject_at("entry 3: field `sid` is missing", None);
    let stored = serde_json::to_string(&before).unwrap();
    assert!(stored.starts_with(r#"{"format":2,"policy":"#), "{stored}");
    let mut after: Assessor = serde_json::from_str(&stored).unwrap();
    after.ledger_mut().add_all(second);
    assert_eq!(assess_april(&after), assess_april(&whole));

    // The ledger's zone is the policy's, or the stored form is refused.
    let utc = stored.replacen(r#""zone":"+08:00""#, r#""zone":"+00:00""#, 1);
    let err = serde_json::from_str::<Assessor>(&utc)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with(
            "invalid stored assessor: the ledger counts days in UTC+08:00 but the policy's zone is UTC+00:00"
        ) || err.starts_with(
            "invalid stored assessor: the ledger counts days in UTC+00:00 but the policy's zone is UTC+08:00"
        ),
        "{err}"
    );
    let threshold = stored.replacen(r#""surge_threshold":1000000"#, r#""surge_threshold":5"#, 1);
    let err = serde_json::from_str::<Assessor>(&threshold)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("invalid stored assessor: the ledger's surge volume Some(5) is not the policy's Some(1000000) for its account"),
        "{err}"
    );
    let short = stored.replacen(r#""rejected_by_month":[0]"#, r#""rejected_by_month":[]"#, 1);
    let err = serde_json::from_str::<Assessor>(&short)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("invalid stored assessor: monthly rejection counts: 0 given, 1 expected (one per service month)"),
        "{err}"
    );
}

// Source: SPEC D12 (a year without calendar data is an error naming it,
// never a guess). The outlook holds the typed error; stored, it keeps the
// rule, its values and its message, and reads back as the same error.
#[cfg(feature = "serde")]
#[test]
fn d12_an_unavailable_claim_window_holds_its_error() {
    use sms_sla::assess::ClaimOutlook;
    let term = Term::from_months(d(2026, 12, 1), 1).unwrap();
    let mut assessor = Setup::new().assessor(term);
    let at = Utc.with_ymd_and_hms(2026, 12, 2, 1, 0, 0).unwrap();
    assessor.ledger_mut().add(&MessageRecord::new(
        at,
        Recipient::Valid,
        Outcome::Delivered,
    ));
    let assessment = assess_april(&assessor);
    let outlook = assessment.months()[0].claim();
    let expected = CalendarError::CalendarYearNotCovered {
        year: 2027,
        covered: "2004-2026".to_owned(),
    };
    assert_eq!(
        outlook,
        &ClaimOutlook::Unavailable {
            error: expected.clone()
        }
    );
    let json = serde_json::to_string(outlook).unwrap();
    assert_eq!(
        json,
        r#"{"claim":"unavailable","reason":"no business-day data for 2027: the calendar covers 2004-2026","error":{"calendar_year_not_covered":{"year":2027,"covered":"2004-2026"}}}"#
    );
    let back: ClaimOutlook = serde_json::from_str(&json).unwrap();
    assert_eq!(back, ClaimOutlook::Unavailable { error: expected });
    // The message is for people: the error is read from its rule.
    let edited = json.replace("no business-day data", "anything");
    assert_eq!(serde_json::from_str::<ClaimOutlook>(&edited).unwrap(), back);
}
