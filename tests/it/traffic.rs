//! Traffic and availability: golden cases from the agreement and SPEC, the
//! time-dependent exemptions at their boundaries, and serde.

use crate::util::assert_rule;
use crate::util::{Setup, d};
use chrono::{DateTime, FixedOffset, TimeDelta, TimeZone, Utc};
use rust_decimal::Decimal;
use sms_sla::traffic::{
    Exemption, FailureCause, InvalidReason, Ledger, LedgerBuilder, MessageRecord, Outcome,
    Recipient, Tally, UnclassifiedCode, UnclassifiedRule, Window,
};
use sms_sla::{Availability, SlaPolicy, SlaZone, Term, Threshold};

fn at(y: i32, m: u32, day: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, day, h, min, s).unwrap()
}

fn record(sent_at: DateTime<Utc>, outcome: Outcome<'_>) -> MessageRecord<'_> {
    MessageRecord::new(sent_at, Recipient::Valid, outcome)
}

const DELIVERED: Outcome = Outcome::Delivered;
const PROVIDER: Outcome = Outcome::Failed(FailureCause::ProviderSide);

fn percent(p: i64) -> Threshold {
    Threshold::from_percent(Decimal::from(p)).unwrap()
}

fn tally_of(records: &[MessageRecord<'_>]) -> Tally {
    records.iter().collect()
}

/// One Service Month, April 2025, for ledger tests.
fn april() -> Term {
    Term::from_months(d(2025, 4, 1), 1).unwrap()
}

fn ledger(term: Term, rules: Setup, records: &[MessageRecord<'_>]) -> Ledger {
    let mut builder =
        LedgerBuilder::new(&rules.policy, term, rules.account, rules.announcements).unwrap();
    builder.add_all(records);
    builder.finish()
}

/// A month's availability under the agreement's policy.
fn availability(tally: &Tally) -> Availability {
    SlaPolicy::tencent_sms().availability(tally)
}

fn only_month(ledger: &Ledger) -> Tally {
    assert_eq!(ledger.months().len(), 1);
    ledger.months().next().unwrap().1.clone()
}

// Source: SLA §2.1, §2.2; SPEC D7 (exactly 95% meets the standard).
#[test]
fn sla_2_2_nineteen_delivered_of_twenty_is_exactly_95_percent_and_meets_the_standard() {
    let sent = at(2025, 4, 2, 1, 0, 0);
    let mut records = vec![record(sent, DELIVERED); 19];
    records.push(record(sent, PROVIDER));
    let tally = tally_of(&records);
    assert_eq!((tally.effective_sent(), tally.apparent_failures()), (20, 1));
    let av = availability(&tally);
    assert_eq!(av, Availability::new(20, 1).unwrap());
    assert_eq!((av.effective_sent(), av.apparent_failures()), (20, 1));
    assert_eq!(av.meets(percent(95)), Some(true));
    assert_eq!(av.percent(), Some(Decimal::from(95)));
    assert_eq!(av.to_string(), "95.0000%");
    // One more failure in the same 20 and the standard is missed.
    assert_eq!(
        Availability::new(20, 2).unwrap().meets(percent(95)),
        Some(false)
    );
}

// Source: SLA §3.1; SPEC D7 (exactly 90% is in the 10% tier, not below 90%).
#[test]
fn d7_nine_failures_of_ninety_is_exactly_90_percent() {
    let av = Availability::new(90, 9).unwrap();
    assert_eq!((av.effective_sent(), av.apparent_failures()), (90, 9));
    assert_eq!(av.meets(percent(90)), Some(true));
    assert_eq!(av.meets(percent(95)), Some(false));
    assert_eq!(av.to_string(), "90.0000%");
    assert_eq!(
        Availability::new(90, 10).unwrap().meets(percent(90)),
        Some(false)
    );
}

// Source: SPEC D6 (no traffic: not applicable, never 100%).
#[test]
fn d6_no_traffic_is_not_applicable() {
    let av = Availability::new(0, 0).unwrap();
    assert!(!av.has_traffic());
    assert_eq!(av.meets(percent(0)), None);
    assert_eq!(av.percent(), None);
    assert_eq!(av.to_string(), "n/a");
    // Only invalid numbers: still no effective traffic (D4).
    let sent = at(2025, 4, 2, 1, 0, 0);
    let invalid = MessageRecord::new(
        sent,
        Recipient::Invalid(InvalidReason::NonExistent),
        PROVIDER,
    );
    assert_eq!(availability(&tally_of(&[invalid])).to_string(), "n/a");
}

// Source: SPEC D5 (an exempt failure stays in the Effective Number, under its clause).
#[test]
fn d5_exemption_by_each_clause_leaves_the_denominator_unchanged() {
    let sent = at(2025, 4, 2, 1, 0, 0);
    for exemption in Exemption::ALL {
        let mut records = vec![record(sent, DELIVERED); 19];
        records.push(record(
            sent,
            Outcome::Failed(FailureCause::Exempt(exemption)),
        ));
        let tally = tally_of(&records);
        assert_eq!(tally.effective_sent(), 20, "§{}", exemption.clause());
        assert_eq!(tally.apparent_failures(), 0, "§{}", exemption.clause());
        assert_eq!(tally.exempt(exemption), 1, "§{}", exemption.clause());
        assert_eq!(tally.exempt_total(), 1);
        assert_eq!(
            tally.exempt_by_clause().collect::<Vec<_>>(),
            [(exemption, 1)]
        );
        assert_eq!(availability(&tally).to_string(), "100.0000%");
    }
}

// Source: SPEC D4 (messages to invalid numbers are excluded, counted by reason).
#[test]
fn d4_invalid_numbers_leave_the_denominator_whatever_their_outcome() {
    let sent = at(2025, 4, 2, 1, 0, 0);
    for reason in InvalidReason::ALL {
        for outcome in [DELIVERED, Outcome::Unconfirmed, PROVIDER] {
            let mut records = vec![record(sent, DELIVERED); 20];
            records.push(MessageRecord::new(
                sent,
                Recipient::Invalid(reason),
                outcome,
            ));
            let tally = tally_of(&records);
            assert_eq!(
                (tally.effective_sent(), tally.apparent_failures()),
                (20, 0),
                "{reason}"
            );
            assert_eq!(tally.invalid(reason), 1);
            assert_eq!(tally.invalid_by_reason().collect::<Vec<_>>(), [(reason, 1)]);
            assert_eq!(tally.total(), 21);
        }
    }
}

// Source: SPEC D5 (no final status is not a failure, but is counted and shown).
#[test]
fn d5_unconfirmed_messages_count_as_sent_not_failed() {
    let sent = at(2025, 4, 2, 1, 0, 0);
    let tally = tally_of(&[record(sent, DELIVERED), record(sent, Outcome::Unconfirmed)]);
    assert_eq!(
        (
            tally.effective_sent(),
            tally.apparent_failures(),
            tally.unconfirmed()
        ),
        (2, 0, 1)
    );
}

// Source: SPEC D15 (unmapped codes are Apparent Failures by default, listed by code).
#[test]
fn d15_unclassified_codes_count_as_apparent_by_default_and_are_listed() {
    let sent = at(2025, 4, 2, 1, 0, 0);
    let rejected = UnclassifiedCode::new("REJECTD").unwrap();
    let mk = UnclassifiedCode::new("MK:0000").unwrap();
    let records = [
        record(sent, DELIVERED),
        record(sent, Outcome::Failed(FailureCause::Unclassified(rejected))),
        record(sent, Outcome::Failed(FailureCause::Unclassified(mk))),
        record(sent, Outcome::Failed(FailureCause::Unclassified(rejected))),
    ];
    let tally = tally_of(&records);
    assert_eq!(tally.unclassified_total(), 3);
    assert_eq!(tally.apparent_failures(), 3);
    let lenient = SlaPolicy::tencent_sms().with_unclassified_rule(UnclassifiedRule::NotApparent);
    assert_eq!(availability(&tally).to_string(), "25.0000%");
    assert_eq!(lenient.availability(&tally).to_string(), "100.0000%");
    // Listed alphabetically, whatever order they were seen in.
    let listed: Vec<(&str, u64)> = tally
        .unclassified_codes()
        .map(|(c, n)| (c.as_str(), n))
        .collect();
    assert_eq!(listed, [("MK:0000", 1), ("REJECTD", 2)]);
}

// Source: SPEC D3 (a failure at 2025-03-31T16:30Z counts in April).
#[test]
fn d3_a_failure_at_1630_utc_on_march_31_counts_in_april() {
    let term = Term::from_months(d(2025, 3, 1), 2).unwrap();
    let failures = |rules: Setup, sent_at| -> Vec<u64> {
        ledger(term, rules, &[record(sent_at, PROVIDER)])
            .months()
            .map(|(_, t)| t.apparent_failures())
            .collect()
    };
    let default = Setup::new;
    assert_eq!(failures(default(), at(2025, 3, 31, 16, 30, 0)), [0, 1]);
    // One second before midnight in UTC+08:00 is still March.
    assert_eq!(failures(default(), at(2025, 3, 31, 15, 59, 59)), [1, 0]);
    // Counted in UTC instead, 16:30 on March 31 is still March.
    let utc = SlaZone::new(FixedOffset::east_opt(0).unwrap());
    let rules = default().with_zone(utc);
    assert_eq!(rules.builder(term).zone(), utc);
    assert_eq!(failures(rules, at(2025, 3, 31, 16, 30, 0)), [1, 0]);
}

// Source: SPEC D18 (records outside the term are counted, never dropped).
#[test]
fn d18_records_before_and_after_the_term_are_counted() {
    let term = april();
    // The term runs from 2025-03-31T16:00Z to 2025-04-30T16:00Z (exclusive).
    let records = [
        record(at(2025, 3, 31, 15, 59, 59), DELIVERED),
        record(at(2025, 3, 31, 16, 0, 0), DELIVERED),
        record(at(2025, 4, 30, 15, 59, 59), DELIVERED),
        record(at(2025, 4, 30, 16, 0, 0), DELIVERED),
        record(DateTime::<Utc>::MIN_UTC, DELIVERED),
        record(DateTime::<Utc>::MAX_UTC, DELIVERED),
    ];
    let ledger = ledger(term, Setup::new(), &records);
    assert_eq!((ledger.before_term(), ledger.after_term()), (2, 2));
    assert_eq!(only_month(&ledger).delivered(), 2);
    assert_eq!(ledger.total(), 6);
}

/// A maintenance window 18:00-20:00 UTC on 2 April 2025.
fn maintenance() -> Window {
    Window::new(at(2025, 4, 2, 18, 0, 0), at(2025, 4, 2, 20, 0, 0)).unwrap()
}

// Source: SLA §4.13; SPEC D14 (start inside, end outside).
#[test]
fn d14_maintenance_window_exempts_provider_failures_inside_it_only() {
    let rules = Setup::new().with_maintenance(maintenance());
    let nano = TimeDelta::nanoseconds(1);
    let records = [
        record(at(2025, 4, 2, 18, 0, 0) - nano, PROVIDER),
        record(at(2025, 4, 2, 18, 0, 0), PROVIDER),
        record(at(2025, 4, 2, 20, 0, 0) - nano, PROVIDER),
        record(at(2025, 4, 2, 20, 0, 0), PROVIDER),
        // Deliveries and failures already exempt keep their buckets.
        record(at(2025, 4, 2, 19, 0, 0), DELIVERED),
        record(
            at(2025, 4, 2, 19, 0, 0),
            Outcome::Failed(FailureCause::Exempt(Exemption::UserFault)),
        ),
    ];
    let tally = only_month(&ledger(april(), rules, &records));
    assert_eq!(tally.provider_side(), 2);
    assert_eq!(tally.exempt(Exemption::AnnouncedMaintenance), 2);
    assert_eq!(tally.exempt(Exemption::UserFault), 1);
    assert_eq!(tally.delivered(), 1);
    assert_eq!(tally.effective_sent(), 6);
}

fn unclassified(code: &str) -> Outcome<'_> {
    Outcome::Failed(FailureCause::Unclassified(
        UnclassifiedCode::new(code).unwrap(),
    ))
}

// Source: SLA §4.13; SPEC D14, D15 (inside a window, a failure with an
// unmapped code is exempt like a provider-side one, and still listed).
#[test]
fn d14_unclassified_failures_inside_a_window_are_exempt_and_still_listed() {
    let rules = Setup::new().with_maintenance(maintenance());
    let inside = at(2025, 4, 2, 19, 0, 0);
    let mut records = vec![record(inside, unclassified("REJECTD")); 10];
    records.extend(vec![record(inside, PROVIDER); 10]);
    records.extend(vec![record(at(2025, 4, 3, 1, 0, 0), DELIVERED); 80]);
    // Outside the window the same code is still an Apparent Failure.
    let plain = only_month(&ledger(april(), Setup::new(), &records));
    assert_eq!(availability(&plain).to_string(), "80.0000%");

    let tally = only_month(&ledger(april(), rules, &records));
    assert_eq!(tally.effective_sent(), 100);
    assert_eq!(tally.exempt(Exemption::AnnouncedMaintenance), 20);
    assert_eq!((tally.provider_side(), tally.unclassified_total()), (0, 0));
    assert_eq!(tally.apparent_failures(), 0);
    assert_eq!(availability(&tally).to_string(), "100.0000%");
    let listed: Vec<(&str, u64)> = tally
        .unclassified_codes()
        .map(|(c, n)| (c.as_str(), n))
        .collect();
    assert_eq!(listed, [("REJECTD", 10)]);
    assert_eq!(tally.total(), 100);
}

// Source: SLA §4.10; SPEC D13, D15 (a surge day exempts failures with
// unmapped codes too; they stay listed, and exempt failures keep their clause).
#[test]
fn d13_a_surge_day_exempts_unclassified_failures_and_keeps_them_listed() {
    let rules = Setup::new()
        .with_surge_threshold(Some(100))
        .with_event(Window::new(at(2025, 4, 10, 3, 0, 0), at(2025, 4, 10, 4, 0, 0)).unwrap());
    let mut records = busy_day(90, 4);
    records.extend(vec![
        record(
            at(2025, 4, 10, 5, 0, 0),
            unclassified("MK:0000")
        );
        6
    ]);
    records.push(record(at(2025, 4, 10, 3, 30, 0), unclassified("MK:0000")));
    records.extend(vec![
        record(
            at(2025, 4, 10, 5, 0, 0),
            Outcome::Failed(FailureCause::Exempt(Exemption::PlatformControl)),
        );
        3
    ]);
    // On a quiet day the code counts against the provider.
    records.push(record(at(2025, 4, 11, 5, 0, 0), unclassified("MK:0000")));
    let tally = only_month(&ledger(april(), rules, &records));
    assert_eq!(tally.total(), 101);
    assert_eq!(tally.exempt(Exemption::TrafficSurge), 4 + 6);
    assert_eq!(tally.exempt(Exemption::AnnouncedEvent), 1);
    assert_eq!(tally.exempt(Exemption::PlatformControl), 3);
    assert_eq!((tally.provider_side(), tally.unclassified_total()), (0, 1));
    assert_eq!(tally.apparent_failures(), 1);
    let listed: Vec<(&str, u64)> = tally
        .unclassified_codes()
        .map(|(c, n)| (c.as_str(), n))
        .collect();
    assert_eq!(listed, [("MK:0000", 8)]);
}

// Source: SPEC D14 (the announced windows decide, not the order they were
// announced in); adding n windows is O(n log n).
#[test]
fn d14_rules_are_the_same_whatever_order_windows_are_announced_in() {
    let hour = |h: i64| at(2025, 4, 1, 0, 0, 0) + TimeDelta::hours(h);
    let windows: Vec<Window> = (0..20_000)
        .map(|i| Window::new(hour(i * 2), hour(i * 2 + 1)).unwrap())
        .collect();
    let forward = windows
        .iter()
        .fold(Setup::new(), |rules, &w| rules.with_maintenance(w));
    let backward = windows
        .iter()
        .rev()
        .fold(Setup::new(), |rules, &w| rules.with_maintenance(w));
    assert_eq!(forward, backward);
    assert_eq!(forward.announcements.maintenance().len(), 20_000);
    assert!(
        forward
            .announcements
            .maintenance()
            .eq(windows.iter().copied())
    );
    // Announced twice, a window is kept once.
    assert_eq!(forward.clone().with_maintenance(windows[7]), forward);
    let inside = record(hour(2 * 7) + TimeDelta::minutes(30), PROVIDER);
    let outside = record(hour(2 * 7 + 1), PROVIDER);
    let tally = only_month(&ledger(april(), backward, &[inside, outside]));
    assert_eq!(tally.exempt(Exemption::AnnouncedMaintenance), 1);
    assert_eq!(tally.provider_side(), 1);
}

// Source: SLA §4.12, §4.13; SPEC D14 (events too; maintenance wins where both apply).
#[test]
fn d14_event_windows_and_overlaps() {
    let event = Window::new(at(2025, 4, 2, 19, 0, 0), at(2025, 4, 2, 22, 0, 0)).unwrap();
    let rules = Setup::new()
        .with_event(event)
        .with_maintenance(maintenance());
    let records = [
        record(at(2025, 4, 2, 19, 30, 0), PROVIDER),
        record(at(2025, 4, 2, 21, 0, 0), PROVIDER),
        record(at(2025, 4, 2, 22, 0, 0), PROVIDER),
    ];
    let tally = only_month(&ledger(april(), rules, &records));
    assert_eq!(tally.exempt(Exemption::AnnouncedMaintenance), 1);
    assert_eq!(tally.exempt(Exemption::AnnouncedEvent), 1);
    assert_eq!(tally.provider_side(), 1);
}

#[test]
fn d14_rules_list_their_windows_in_order() {
    let late = Window::new(at(2025, 4, 9, 1, 0, 0), at(2025, 4, 9, 2, 0, 0)).unwrap();
    let event = Window::new(at(2025, 4, 2, 19, 0, 0), at(2025, 4, 2, 22, 0, 0)).unwrap();
    let rules = Setup::new()
        .with_maintenance(late)
        .with_maintenance(maintenance())
        .with_event(event);
    let notices = &rules.announcements;
    assert!(notices.maintenance().eq([maintenance(), late]));
    assert!(notices.events().eq([event]));
    assert_eq!(notices.surge_notices().len(), 0);
    assert_eq!(
        maintenance().to_string(),
        "2025-04-02 18:00:00 UTC to 2025-04-02 20:00:00 UTC"
    );
}

#[test]
fn d14_overlapping_and_adjacent_windows_of_one_kind() {
    let first = Window::new(at(2025, 4, 2, 1, 0, 0), at(2025, 4, 2, 3, 0, 0)).unwrap();
    let inside = Window::new(at(2025, 4, 2, 1, 30, 0), at(2025, 4, 2, 2, 0, 0)).unwrap();
    let adjacent = Window::new(at(2025, 4, 2, 3, 0, 0), at(2025, 4, 2, 4, 0, 0)).unwrap();
    let later = Window::new(at(2025, 4, 3, 1, 0, 0), at(2025, 4, 3, 2, 0, 0)).unwrap();
    let rules = Setup::new()
        .with_maintenance(later)
        .with_maintenance(inside)
        .with_maintenance(adjacent)
        .with_maintenance(first);
    let records = [
        record(at(2025, 4, 2, 0, 59, 59), PROVIDER),
        record(at(2025, 4, 2, 2, 30, 0), PROVIDER),
        record(at(2025, 4, 2, 3, 0, 0), PROVIDER),
        record(at(2025, 4, 2, 3, 59, 59), PROVIDER),
        record(at(2025, 4, 2, 4, 0, 0), PROVIDER),
        record(at(2025, 4, 3, 1, 0, 0), PROVIDER),
        record(at(2025, 4, 3, 2, 0, 0), PROVIDER),
    ];
    let tally = only_month(&ledger(april(), rules, &records));
    assert_eq!(
        (
            tally.provider_side(),
            tally.exempt(Exemption::AnnouncedMaintenance)
        ),
        (3, 4)
    );
}

/// `count` records on 10 April 2025 (UTC+08:00): the first `failures` are
/// provider-side failures, the rest delivered.
fn busy_day(count: usize, failures: usize) -> Vec<MessageRecord<'static>> {
    let noon = at(2025, 4, 10, 4, 0, 0);
    (0..count)
        .map(|i| record(noon, if i < failures { PROVIDER } else { DELIVERED }))
        .collect()
}

// Source: SLA §4.10; SPEC D13 (a day exactly at the threshold exempts its failures).
#[test]
fn d13_a_day_exactly_at_the_surge_threshold_exempts_its_provider_failures() {
    let rules = Setup::new().with_surge_threshold(Some(1_000));
    let tally = only_month(&ledger(april(), rules, &busy_day(1_000, 7)));
    assert_eq!(tally.provider_side(), 0);
    assert_eq!(tally.exempt(Exemption::TrafficSurge), 7);
    assert_eq!(tally.effective_sent(), 1_000);
}

// Source: SLA §4.10; SPEC D13 (one message below: no surge).
#[test]
fn d13_one_message_below_the_threshold_is_no_surge() {
    let rules = Setup::new().with_surge_threshold(Some(1_000));
    let tally = only_month(&ledger(april(), rules, &busy_day(999, 7)));
    assert_eq!(
        (tally.provider_side(), tally.exempt(Exemption::TrafficSurge)),
        (7, 0)
    );
}

// Source: SLA §4.10; SPEC D13 (notice given: no exemption; messages to invalid numbers count toward the volume).
#[test]
fn d13_notice_given_and_what_counts_toward_the_volume() {
    let day = d(2025, 4, 10);
    let noticed = Setup::new()
        .with_surge_threshold(Some(1_000))
        .with_surge_notice(day);
    let tally = only_month(&ledger(april(), noticed, &busy_day(1_000, 7)));
    assert_eq!(
        (tally.provider_side(), tally.exempt(Exemption::TrafficSurge)),
        (7, 0)
    );

    let mut records = busy_day(999, 7);
    records.push(MessageRecord::new(
        at(2025, 4, 10, 5, 0, 0),
        Recipient::Invalid(InvalidReason::Blocklisted),
        DELIVERED,
    ));
    let rules = Setup::new().with_surge_threshold(Some(1_000));
    let tally = only_month(&ledger(april(), rules, &records));
    assert_eq!(
        (tally.provider_side(), tally.exempt(Exemption::TrafficSurge)),
        (0, 7)
    );
}

// Source: SLA §4.10; SPEC D3, D13 (the day is the SLA zone's day; other days keep their failures).
#[test]
fn d13_the_surge_day_is_counted_in_the_sla_zone() {
    let rules = Setup::new().with_surge_threshold(Some(3));
    let records = [
        // 10 April in UTC+08:00: 2025-04-09T16:00Z to 2025-04-10T16:00Z.
        record(at(2025, 4, 9, 16, 0, 0), PROVIDER),
        record(at(2025, 4, 10, 15, 59, 59), DELIVERED),
        record(at(2025, 4, 10, 8, 0, 0), DELIVERED),
        // 11 April: one failure on a quiet day.
        record(at(2025, 4, 10, 16, 0, 0), PROVIDER),
        // 9 April: a failure just before the busy day.
        record(at(2025, 4, 9, 15, 59, 59), PROVIDER),
    ];
    let tally = only_month(&ledger(april(), rules, &records));
    assert_eq!(
        (tally.provider_side(), tally.exempt(Exemption::TrafficSurge)),
        (2, 1)
    );
}

// Source: SLA §4.10, §4.13; SPEC D13, D14 (a window moves failures first; the surge takes the rest).
#[test]
fn d13_d14_windows_apply_before_the_surge() {
    let window = Window::new(at(2025, 4, 10, 3, 0, 0), at(2025, 4, 10, 5, 0, 0)).unwrap();
    let rules = Setup::new()
        .with_surge_threshold(Some(4))
        .with_maintenance(window);
    let records = [
        record(at(2025, 4, 10, 4, 0, 0), PROVIDER),
        record(at(2025, 4, 10, 6, 0, 0), PROVIDER),
        record(at(2025, 4, 10, 6, 0, 0), DELIVERED),
        record(at(2025, 4, 10, 6, 0, 0), DELIVERED),
    ];
    let tally = only_month(&ledger(april(), rules, &records));
    assert_eq!(tally.exempt(Exemption::AnnouncedMaintenance), 1);
    assert_eq!(tally.exempt(Exemption::TrafficSurge), 1);
    assert_eq!(tally.provider_side(), 0);
}

#[test]
fn d13_default_thresholds_by_account_kind() {
    assert_eq!(
        Setup::new().builder(april()).surge_threshold(),
        Some(1_000_000)
    );
    assert_eq!(
        Setup::gateway().builder(april()).surge_threshold(),
        Some(100_000_000)
    );
    let off = Setup::new().with_surge_threshold(None);
    let tally = only_month(&ledger(april(), off, &busy_day(5, 5)));
    assert_eq!(tally.provider_side(), 5);
}

#[test]
fn ledger_builders_merge_before_the_surge_rule_is_applied() {
    let rules = Setup::new().with_surge_threshold(Some(10));
    let day = busy_day(10, 4);
    let (left_records, right_records) = day.split_at(5);
    let mut left = rules.builder(april());
    left.add_all(left_records);
    let mut right = rules.builder(april());
    right.add_all(right_records);
    // Each half alone is below the threshold.
    assert_eq!(only_month(&left.finish()).provider_side(), 4);
    left.merge(&right).unwrap();
    let tally = only_month(&left.finish());
    assert_eq!(
        (tally.provider_side(), tally.exempt(Exemption::TrafficSurge)),
        (0, 4)
    );
}

#[test]
fn ledger_builder_add_and_add_all_count_the_same() {
    let rules = Setup::new().with_surge_threshold(Some(10));
    let day = busy_day(12, 3);
    let expected = ledger(april(), rules.clone(), &day);
    assert_eq!(expected.total(), 12);

    let mut one_by_one = rules.builder(april());
    for record in &day {
        one_by_one.add(record);
    }
    assert_eq!(one_by_one.finish(), expected);
}

#[test]
fn availability_percent_display_rounds_toward_zero() {
    // SPEC D7: percentages are rounded only for display, never up to a threshold.
    let cases: &[(u64, u64, &str)] = &[
        (19, 1, "94.7368%"),
        (3, 1, "66.6666%"),
        (3, 0, "100.0000%"),
        (1, 1, "0.0000%"),
        (1_000_000, 50_001, "94.9999%"),
        (u64::MAX, 1, "99.9999%"),
        (u64::MAX, u64::MAX, "0.0000%"),
    ];
    for &(effective, failures, shown) in cases {
        assert_eq!(
            Availability::new(effective, failures).unwrap().to_string(),
            shown,
            "{failures}/{effective}"
        );
    }
}

#[test]
fn thresholds_compare_by_level() {
    let t = |p: &str| Threshold::from_percent(p.parse().unwrap()).unwrap();
    assert!(t("9.5") < t("95"));
    assert!(t("95") < t("99.9"));
    assert_eq!(t("95.000"), t("95"));
    assert_eq!(t("0").to_string(), "0%");
    assert_eq!(t("100").to_string(), "100%");
    assert_eq!(
        t("99.0000000000000001").percent().to_string(),
        "99.0000000000000001"
    );
}

#[cfg(feature = "serde")]
mod serde_round_trip {
    use super::*;
    use sms_sla::traffic::{AccountKind, Announcements};

    #[test]
    fn tally_serializes_with_stable_names_and_round_trips() {
        let sent = at(2025, 4, 2, 1, 0, 0);
        let records = [
            record(sent, DELIVERED),
            record(sent, Outcome::Unconfirmed),
            record(sent, PROVIDER),
            record(
                sent,
                Outcome::Failed(FailureCause::Exempt(Exemption::AnnouncedMaintenance)),
            ),
            MessageRecord::new(
                sent,
                Recipient::Invalid(InvalidReason::PoweredOff),
                DELIVERED,
            ),
            record(
                sent,
                Outcome::Failed(FailureCause::Unclassified(
                    UnclassifiedCode::new("MK:0000").unwrap(),
                )),
            ),
        ];
        let tally = tally_of(&records);
        let json = serde_json::to_string(&tally).unwrap();
        assert_eq!(
            json,
            r#"{"format":2,"delivered":1,"unconfirmed":1,"provider_side":1,"exempt":{"4.13":1},"invalid":{"powered_off":1},"unclassified":{"MK:0000":1}}"#
        );
        assert_eq!(serde_json::from_str::<Tally>(&json).unwrap(), tally);
        let empty = r#"{"delivered":0,"unconfirmed":0,"provider_side":0}"#;
        assert_eq!(serde_json::from_str::<Tally>(empty).unwrap(), Tally::new());
    }

    #[test]
    fn ledger_round_trips_and_rejects_foreign_months() {
        let records = [
            record(at(2025, 3, 31, 16, 30, 0), PROVIDER),
            record(at(2025, 3, 1, 0, 0, 0), DELIVERED),
        ];
        let ledger = ledger(april(), Setup::new(), &records);
        let json = serde_json::to_string(&ledger).unwrap();
        assert!(json.starts_with(
            r#"{"format":2,"term":{"first_day":"2025-04-01","last_day":"2025-04-30"},"months":[{"service_month":{"first_day":"2025-04-01","last_day":"2025-04-30"},"tally":{"format":2,"delivered":0,"unconfirmed":0,"provider_side":1"#
        ));
        assert_eq!(serde_json::from_str::<Ledger>(&json).unwrap(), ledger);

        let foreign = json.replace(
            r#""service_month":{"first_day":"2025-04-01""#,
            r#""service_month":{"first_day":"2025-04-02""#,
        );
        let err = serde_json::from_str::<Ledger>(&foreign)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("ledger of term 2025-04-01 to 2025-04-30 lists 1 month that is not the term's service months"),
            "{err}"
        );
    }

    // Stored forms carry their format; the unnumbered format 1 still reads,
    // a later format's extra fields are ignored, and an unknown format is
    // refused by number.
    #[test]
    fn stored_forms_read_format_1_ignore_new_fields_and_refuse_unknown_formats() {
        let format_1 = r#"{"term":{"first_day":"2025-04-01","last_day":"2025-04-30"},"rules":{"zone":"+08:00","maintenance":[{"start":"2025-04-02T18:00:00Z","end":"2025-04-02T20:00:00Z"}],"events":[],"surge_threshold":1000000,"surge_notices":["2025-04-10"]},"days":{"2025-04-02":{"delivered":1},"2025-04-03":{"exempt:4.13":1,"unclassified":1}},"unclassified":{"2025-04-01":{"MK:0000":1}},"before_term":0,"after_term":0}"#;
        let old: LedgerBuilder = serde_json::from_str(format_1).unwrap();
        // Format 1 did not record the kind of account: none is guessed.
        assert_eq!(old.account(), None);
        assert_eq!(old.surge_threshold(), Some(1_000_000));
        let notices = Announcements::new()
            .with_maintenance(maintenance())
            .with_surge_notice(d(2025, 4, 10));
        assert_eq!(old.announcements(), &notices);
        assert_eq!(old.finish().total(), 3);

        let tally =
            r#"{"format":2,"delivered":1,"unconfirmed":0,"provider_side":0,"added_later":{"x":1}}"#;
        assert_eq!(serde_json::from_str::<Tally>(tally).unwrap().delivered(), 1);
        let unnumbered = r#"{"delivered":1,"unconfirmed":0,"provider_side":0}"#;
        assert_eq!(
            serde_json::from_str::<Tally>(unnumbered)
                .unwrap()
                .delivered(),
            1
        );
        for format in [0, 3] {
            let future =
                format!(r#"{{"format":{format},"delivered":1,"unconfirmed":0,"provider_side":0}}"#);
            let err = serde_json::from_str::<Tally>(&future)
                .unwrap_err()
                .to_string();
            assert!(
                err.starts_with(&format!(
                    "stored form is in format {format}; this version reads formats 1 to 2"
                )),
                "{err}"
            );
        }
        let both = format_1.replace(r#""events":[]"#, r#""events":[],"announcements":{}"#);
        let err = serde_json::from_str::<LedgerBuilder>(&both)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("invalid partial tally: rules give announcements both inside `announcements` and at the top"),
            "{err}"
        );
    }

    #[test]
    fn a_partial_tally_is_compact_and_checked() {
        let rules = Setup::new()
            .with_maintenance(maintenance())
            .with_surge_notice(d(2025, 4, 10));
        let mut builder = rules.builder(april());
        builder.add(&record(at(2025, 4, 2, 1, 0, 0), DELIVERED));
        builder.add(&record(at(2025, 4, 2, 19, 0, 0), PROVIDER));
        let code = UnclassifiedCode::new("MK:0000").unwrap();
        builder.add(&record(
            at(2025, 4, 3, 1, 0, 0),
            Outcome::Failed(FailureCause::Unclassified(code)),
        ));
        let json = serde_json::to_string(&builder).unwrap();
        assert_eq!(
            json,
            r#"{"format":2,"term":{"first_day":"2025-04-01","last_day":"2025-04-30"},"rules":{"zone":"+08:00","account":"ordinary","surge_threshold":1000000,"announcements":{"maintenance":[{"start":"2025-04-02T18:00:00Z","end":"2025-04-02T20:00:00Z"}],"events":[],"surge_notices":["2025-04-10"]}},"days":{"2025-04-02":{"delivered":1},"2025-04-03":{"exempt:4.13":1,"unclassified":1}},"unclassified":{"2025-04-01":{"MK:0000":1}},"before_term":0,"after_term":0}"#
        );
        let back: LedgerBuilder = serde_json::from_str(&json).unwrap();
        assert_eq!(back.finish(), builder.finish());
        // The rules travel whole: zone, windows (sorted), threshold, notices.
        let rules = Setup::gateway()
            .with_zone("+00:00".parse().unwrap())
            .with_event(maintenance())
            .with_maintenance(
                Window::new(at(2025, 4, 9, 1, 0, 0), at(2025, 4, 9, 2, 0, 0)).unwrap(),
            )
            .with_maintenance(maintenance())
            .with_surge_notice(d(2025, 4, 10));
        let stored = serde_json::to_string(&rules.builder(april())).unwrap();
        let back: LedgerBuilder = serde_json::from_str(&stored).unwrap();
        assert_eq!(
            (back.zone(), back.account(), back.surge_threshold()),
            (
                "+00:00".parse().unwrap(),
                Some(AccountKind::Gateway),
                Some(100_000_000)
            )
        );
        assert_eq!(back.announcements(), &rules.announcements);
        let notices_json = serde_json::to_string(&rules.announcements).unwrap();
        assert_eq!(
            serde_json::from_str::<Announcements>(&notices_json).unwrap(),
            rules.announcements
        );
        // SPEC D14: a code may be listed for a failure a window exempted,
        // so 2 listed fit 1 unclassified and 1 exempt under §4.13; 3 do not.
        let two = json.replace(r#""MK:0000":1"#, r#""MK:0000":2"#);
        assert!(serde_json::from_str::<LedgerBuilder>(&two).is_ok());
        let bad = json.replace(r#""MK:0000":1"#, r#""MK:0000":3"#);
        let err = serde_json::from_str::<LedgerBuilder>(&bad)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("invalid partial tally: service month 2025-04-01 to 2025-04-30 counts 1 unclassified failures and 1 exempt in announced windows, but lists 3 by code"), "{err}");
        let none = json.replace(
            r#","unclassified":{"2025-04-01":{"MK:0000":1}}"#,
            r#","unclassified":{}"#,
        );
        let err = serde_json::from_str::<LedgerBuilder>(&none)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("invalid partial tally: service month 2025-04-01 to 2025-04-30 counts 1 unclassified failures and 1 exempt in announced windows, but lists 0 by code"), "{err}");
        let bad = json.replace("2025-04-03", "2025-05-03");
        let err = serde_json::from_str::<LedgerBuilder>(&bad)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("invalid partial tally: day 2025-05-03 is outside the term"),
            "{err}"
        );
    }

    // Source: SPEC D18 (a count never wraps and adding never panics, even
    // after reading back a counter at its limit).
    #[test]
    fn d18_counters_read_back_at_their_limit_saturate() {
        let max = u64::MAX;
        let json = format!(
            r#"{{"term":{{"first_day":"2025-04-01","last_day":"2025-04-30"}},"rules":{{"zone":"+08:00","account":"ordinary","surge_threshold":null,"announcements":{{}}}},"days":{{"2025-04-02":{{"delivered":{max},"unclassified":{max}}}}},"unclassified":{{"2025-04-01":{{"MK:0000":{max}}}}},"before_term":{max},"after_term":{max}}}"#
        );
        let mut builder: LedgerBuilder = serde_json::from_str(&json).unwrap();
        let code = UnclassifiedCode::new("MK:0000").unwrap();
        let failed = Outcome::Failed(FailureCause::Unclassified(code));
        for record in [
            record(at(2025, 4, 1, 20, 0, 0), DELIVERED),
            record(at(2025, 4, 1, 20, 0, 0), failed),
            record(at(2025, 3, 1, 0, 0, 0), DELIVERED),
            record(at(2025, 6, 1, 0, 0, 0), DELIVERED),
        ] {
            builder.add(&record);
        }
        let mut other = builder.clone();
        other.merge(&builder).unwrap();
        assert_eq!(other.total(), max);
        let ledger = other.finish();
        let tally = only_month(&ledger);
        assert_eq!((tally.delivered(), tally.unclassified_total()), (max, max));
        assert_eq!(
            tally.unclassified_codes().collect::<Vec<_>>(),
            [(code, max)]
        );
        assert_eq!((tally.total(), tally.effective_sent()), (max, max));
        assert_eq!((ledger.before_term(), ledger.after_term()), (max, max));

        let mut tally: Tally = serde_json::from_str(&format!(
            r#"{{"delivered":{max},"unconfirmed":0,"provider_side":{max},"unclassified":{{"MK:0000":{max}}}}}"#
        ))
        .unwrap();
        tally.add(&record(at(2025, 4, 2, 0, 0, 0), DELIVERED));
        tally.add(&record(at(2025, 4, 2, 0, 0, 0), failed));
        tally += tally.clone();
        assert_eq!(tally.delivered(), max);
        assert_eq!(tally.apparent_failures(), max);
        assert_eq!(
            tally.unclassified_codes().collect::<Vec<_>>(),
            [(code, max)]
        );
    }

    // Source: SPEC D13-D15 (a stored tally says how many of its listed codes
    // were exempted; the count is checked against the listing and clauses).
    #[test]
    fn a_tally_with_exempted_codes_round_trips_and_is_checked() {
        let rules = Setup::new().with_maintenance(maintenance());
        let code = UnclassifiedCode::new("MK:0000").unwrap();
        let failed = Outcome::Failed(FailureCause::Unclassified(code));
        let records = [
            record(at(2025, 4, 2, 19, 0, 0), failed),
            record(at(2025, 4, 2, 21, 0, 0), failed),
        ];
        let tally = only_month(&ledger(april(), rules, &records));
        let json = serde_json::to_string(&tally).unwrap();
        assert_eq!(
            json,
            r#"{"format":2,"delivered":0,"unconfirmed":0,"provider_side":0,"exempt":{"4.13":1},"invalid":{},"unclassified":{"MK:0000":2},"unclassified_exempt":1}"#
        );
        assert_eq!(serde_json::from_str::<Tally>(&json).unwrap(), tally);
        let err = serde_json::from_str::<Tally>(
            &json.replace(r#""exempt":{"4.13":1}"#, r#""exempt":{"4.1":1}"#),
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("invalid partial tally: 1 exempt unclassified failures exceed the 2 listed by code or the 0 exempt under §4.10, §4.12 and §4.13"), "{err}");
        let err = serde_json::from_str::<Tally>(
            &json.replace(r#""unclassified_exempt":1"#, r#""unclassified_exempt":3"#),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with(
                "invalid partial tally: 3 exempt unclassified failures exceed the 2 listed"
            ),
            "{err}"
        );
    }

    #[test]
    fn records_availability_and_windows_round_trip() {
        let code = UnclassifiedCode::new("DB:0141").unwrap();
        let records = [
            record(
                at(2025, 4, 2, 1, 0, 0),
                Outcome::Failed(FailureCause::Unclassified(code)),
            ),
            MessageRecord::new(
                at(2025, 4, 2, 1, 0, 0) + TimeDelta::nanoseconds(5),
                Recipient::Invalid(InvalidReason::Suspended),
                Outcome::Failed(FailureCause::Exempt(Exemption::RegulatorControl)),
            ),
        ];
        let json = serde_json::to_string(&records).unwrap();
        assert_eq!(
            json,
            r#"[{"sent_at":"2025-04-02T01:00:00Z","recipient":"valid","outcome":{"failed":{"unclassified":"DB:0141"}}},{"sent_at":"2025-04-02T01:00:00.000000005Z","recipient":{"invalid":"suspended"},"outcome":{"failed":{"exempt":"4.8"}}}]"#
        );
        assert_eq!(
            serde_json::from_str::<Vec<MessageRecord>>(&json).unwrap(),
            records
        );

        let av = Availability::new(20, 1).unwrap();
        let json = serde_json::to_string(&av).unwrap();
        assert_eq!(json, r#"{"effective_sent":20,"apparent_failures":1}"#);
        assert_eq!(serde_json::from_str::<Availability>(&json).unwrap(), av);

        let json = serde_json::to_string(&maintenance()).unwrap();
        assert_eq!(
            json,
            r#"{"start":"2025-04-02T18:00:00Z","end":"2025-04-02T20:00:00Z"}"#
        );
        assert_eq!(
            serde_json::from_str::<Window>(&json).unwrap(),
            maintenance()
        );
    }
}

/// Every recipient with every kind of outcome survives the 16-byte packing.
#[test]
fn records_keep_every_recipient_and_outcome() {
    let sent_at = at(2025, 4, 2, 1, 0, 0) + TimeDelta::nanoseconds(123_456_789);
    let codes = [
        UnclassifiedCode::new("MK:0000").unwrap(),
        UnclassifiedCode::new("REJECTD").unwrap(),
    ];
    let mut outcomes = vec![DELIVERED, Outcome::Unconfirmed, PROVIDER];
    outcomes.extend(Exemption::ALL.map(|e| Outcome::Failed(FailureCause::Exempt(e))));
    outcomes.extend(codes.map(|c| Outcome::Failed(FailureCause::Unclassified(c))));
    let mut recipients = vec![Recipient::Valid];
    recipients.extend(InvalidReason::ALL.map(Recipient::Invalid));
    for &recipient in &recipients {
        for &outcome in &outcomes {
            let record = MessageRecord::new(sent_at, recipient, outcome);
            assert_eq!(
                (record.sent_at(), record.recipient(), record.outcome()),
                (sent_at, recipient, outcome)
            );
        }
    }
    // A leap second keeps its nanoseconds too.
    let leap = Utc.from_utc_datetime(
        &chrono::NaiveDate::from_ymd_opt(2016, 12, 31)
            .unwrap()
            .and_hms_nano_opt(23, 59, 59, 1_500_000_000)
            .unwrap(),
    );
    assert_eq!(
        MessageRecord::new(leap, Recipient::Valid, DELIVERED).sent_at(),
        leap
    );
    let debug = format!(
        "{:?}",
        MessageRecord::new(sent_at, Recipient::Valid, PROVIDER)
    );
    assert_eq!(
        debug,
        "MessageRecord { sent_at: 2025-04-02T01:00:00.123456789Z, recipient: Valid, outcome: Failed(ProviderSide) }"
    );
}

#[test]
fn tally_debug_names_its_buckets() {
    let sent = at(2025, 4, 2, 1, 0, 0);
    let tally = tally_of(&[
        record(sent, DELIVERED),
        record(
            sent,
            Outcome::Failed(FailureCause::Exempt(Exemption::AnnouncedMaintenance)),
        ),
        MessageRecord::new(
            sent,
            Recipient::Invalid(InvalidReason::PoweredOff),
            DELIVERED,
        ),
        record(
            sent,
            Outcome::Failed(FailureCause::Unclassified(
                UnclassifiedCode::new("MK:0000").unwrap(),
            )),
        ),
    ]);
    assert_eq!(
        format!("{tally:?}"),
        r#"Tally { delivered: 1, unconfirmed: 0, provider_side: 0, exempt: {"4.13": 1}, invalid: {"powered_off": 1}, unclassified: {"MK:0000": 1} }"#
    );
}

// Source: SLA §1.4 (the three groups of numbers outside the Valid Numbers).
#[test]
fn sla_1_4_invalid_reasons_their_groups_names_and_texts() {
    use sms_sla::traffic::InvalidGroup;
    let groups = [
        (
            InvalidGroup::OperatorFlagged,
            "1.4(1)",
            "number flagged by the operator",
        ),
        (
            InvalidGroup::TerminalSide,
            "1.4(2)",
            "terminal cannot receive",
        ),
        (
            InvalidGroup::Blocklisted,
            "1.4(3)",
            "blocklisted or do-not-disturb number",
        ),
    ];
    for (group, clause, text) in groups {
        assert_eq!((group.clause(), group.to_string().as_str()), (clause, text));
    }
    let reasons = [
        (InvalidReason::NonExistent, "number does not exist"),
        (InvalidReason::SwitchedOff, "line switched off"),
        (InvalidReason::Suspended, "service suspended"),
        (InvalidReason::OverduePayment, "overdue payment"),
        (InvalidReason::PoweredOff, "handset powered off"),
        (InvalidReason::OutOfCoverage, "out of coverage"),
        (InvalidReason::NoSmsSubscription, "no sms subscription"),
        (InvalidReason::TerminalNetwork, "terminal network failure"),
        (
            InvalidReason::HandsetInterception,
            "intercepted by the handset",
        ),
        (InvalidReason::OtherTerminal, "other terminal-side reason"),
        (InvalidReason::Blocklisted, "blocklisted or do-not-disturb"),
    ];
    assert_eq!(reasons.map(|(reason, _)| reason), InvalidReason::ALL);
    for (reason, text) in reasons {
        assert_eq!(reason.to_string(), text);
        assert!(!Recipient::Invalid(reason).is_valid(), "{reason}");
    }
    assert!(Recipient::Valid.is_valid());
}

// Source: SLA §4.1-§4.17 (one exemption per clause); SPEC D5.
#[test]
fn sla_4_exemptions_read_with_their_clauses() {
    let texts = [
        "failure attributable to the user",
        "user's data or credentials leaked, or verification views faked",
        "attack on the user's application",
        "documentation or requirements not followed",
        "user's negligence or authorised operation",
        "platform control (credit, flow or content-security control)",
        "recipient reported harassment",
        "regulator or operator control",
        "illegal content",
        "traffic surge without prior notice",
        "unpublished or trial feature",
        "announced major event or promotion",
        "announced maintenance",
        "network or equipment not run by the provider",
        "force majeure",
        "cause not attributable to the provider",
        "other legal or published exemption",
    ];
    for (n, (exemption, text)) in (1..).zip(Exemption::ALL.into_iter().zip(texts)) {
        assert_eq!(exemption.clause(), format!("4.{n}"));
        assert_eq!(exemption.to_string(), text);
        assert_eq!(
            FailureCause::Exempt(exemption).to_string(),
            format!("exempt under §4.{n}: {text}")
        );
    }
    assert_eq!(
        FailureCause::ProviderSide.to_string(),
        "provider-side failure (§1.2)"
    );
}

// Source: SPEC D5 (only definite failures are failures), D15 (unclassified codes).
#[test]
fn d5_d15_outcomes_and_unclassified_codes() {
    assert!(PROVIDER.is_failure());
    assert!(Outcome::Failed(FailureCause::Exempt(Exemption::ForceMajeure)).is_failure());
    assert!(!DELIVERED.is_failure());
    assert!(!Outcome::Unconfirmed.is_failure());

    // Ordered by text, whatever order the codes were seen in.
    let z = UnclassifiedCode::new("ZZ:9999").unwrap();
    let a = UnclassifiedCode::new("AA:0001").unwrap();
    assert_eq!(a.partial_cmp(&z), Some(std::cmp::Ordering::Less));
    assert_eq!(z.partial_cmp(&a), Some(std::cmp::Ordering::Greater));
    assert_eq!(a.partial_cmp(&a), Some(std::cmp::Ordering::Equal));
    assert!(a < z);
    assert_eq!(z.to_string(), "ZZ:9999");
    assert_eq!(format!("[{z:>9}]"), "[  ZZ:9999]");
    assert_eq!(format!("{z:?}"), r#"UnclassifiedCode("ZZ:9999")"#);
    assert_eq!(
        FailureCause::Unclassified(z).to_string(),
        "unclassified code ZZ:9999"
    );
}

// Source: SPEC D14 (windows are half-open: start included, end excluded).
#[test]
fn d14_window_contains_its_start_and_not_its_end() {
    let window = maintenance();
    let nanosecond = TimeDelta::nanoseconds(1);
    let cases = [
        (window.start() - nanosecond, false),
        (window.start(), true),
        (window.start() + TimeDelta::minutes(30), true),
        (window.end() - nanosecond, true),
        (window.end(), false),
        (window.end() + nanosecond, false),
    ];
    for (instant, inside) in cases {
        assert_eq!(window.contains(instant), inside, "{instant}");
    }
}

// Source: SPEC D15 (unmapped codes are listed by code). Codes belong to the
// ledger that saw them: no table is shared by the process, so a long-lived
// service never runs out and one account's codes never reach another's.
#[test]
fn d15_codes_belong_to_the_ledger_that_saw_them_and_never_run_out() {
    let term = april();
    let texts: Vec<String> = (0..70_000).map(|i| format!("C{i}")).collect();
    let sent_at = at(2025, 4, 2, 1, 0, 0);
    let mut busy = Setup::new().builder(term);
    for text in &texts {
        let code = UnclassifiedCode::new(text).unwrap();
        busy.add(&record(
            sent_at,
            Outcome::Failed(FailureCause::Unclassified(code)),
        ));
    }
    drop(texts);
    let busy = only_month(&busy.finish());
    assert_eq!(busy.unclassified_total(), 70_000);
    assert_eq!(busy.unclassified_codes().count(), 70_000);
    assert!(busy.unclassified_codes().all(|(_, count)| count == 1));

    let mut quiet = Setup::new().builder(term);
    let code = UnclassifiedCode::new("MK:0000").unwrap();
    quiet.add(&record(
        sent_at,
        Outcome::Failed(FailureCause::Unclassified(code)),
    ));
    let quiet = only_month(&quiet.finish());
    let listed: Vec<(&str, u64)> = quiet
        .unclassified_codes()
        .map(|(code, count)| (code.as_str(), count))
        .collect();
    assert_eq!(listed, [("MK:0000", 1)]);
}

// Source: SPEC D18: records from Unix time cover exactly chrono's instants.
#[test]
fn d18_records_from_unix_time_cover_exactly_chronos_instants() {
    let (min, max) = (DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC);
    let at = |seconds, nanos| {
        MessageRecord::from_unix(seconds, nanos, Recipient::Valid, Outcome::Delivered)
    };
    assert_eq!(at(min.timestamp(), 0).unwrap().sent_at(), min);
    assert_eq!(at(max.timestamp(), 999_999_999).unwrap().sent_at(), max);
    for (seconds, nanos) in [
        (min.timestamp() - 1, 999_999_999),
        (max.timestamp() + 1, 0),
        (i64::MIN, 0),
        (i64::MAX, 0),
        (0, 1_000_000_000),
        (0, u32::MAX),
    ] {
        assert_rule!(
            at(seconds, nanos).unwrap_err(),
            Error::Columns(ColumnError::UnixTimeOutOfRange {
                seconds: seconds,
                nanos: nanos
            })
        );
    }
}
