//! Property tests of the traffic and availability layers: conservation of
//! records (D18), the merge laws of tallies, and exact threshold verdicts
//! (D7) for every pair of `u64` counts.

use crate::util::Setup;

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use rust_decimal::Decimal;
use sms_sla::traffic::{
    Exemption, FailureCause, InvalidReason, LedgerBuilder, MessageClass, MessageRecord, Outcome,
    Recipient, Tally, UnclassifiedCode, Window,
};
use sms_sla::{Availability, Term, Threshold};

/// The term the streams are drawn around: 2025-01-15 plus 3 months.
fn term() -> Term {
    Term::from_months(crate::util::d(2025, 1, 15), 3).unwrap()
}

/// An instant from two weeks before the term to two weeks after it.
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    let start = DateTime::parse_from_rfc3339("2025-01-01T00:00:00Z")
        .unwrap()
        .to_utc();
    (0_i64..120 * 86_400, 0_u32..1_000_000_000).prop_map(move |(secs, nanos)| {
        start + TimeDelta::seconds(secs) + TimeDelta::nanoseconds(i64::from(nanos))
    })
}

fn recipient() -> impl Strategy<Value = Recipient> {
    prop_oneof![
        4 => Just(Recipient::Valid),
        1 => (0..InvalidReason::ALL.len()).prop_map(|i| Recipient::Invalid(InvalidReason::ALL[i])),
    ]
}

fn outcome() -> impl Strategy<Value = Outcome<'static>> {
    let codes = ["MK:0000", "REJECTD", "DB:0141"];
    prop_oneof![
        4 => Just(Outcome::Delivered),
        1 => Just(Outcome::Unconfirmed),
        2 => Just(Outcome::Failed(FailureCause::ProviderSide)),
        1 => (0..Exemption::ALL.len()).prop_map(|i| Outcome::Failed(FailureCause::Exempt(Exemption::ALL[i]))),
        1 => (0..codes.len()).prop_map(move |i| {
            Outcome::Failed(FailureCause::Unclassified(UnclassifiedCode::new(codes[i]).unwrap()))
        }),
    ]
}

fn records(max: usize) -> impl Strategy<Value = Vec<MessageRecord<'static>>> {
    proptest::collection::vec(
        (instant(), recipient(), outcome()).prop_map(|(at, r, o)| MessageRecord::new(at, r, o)),
        0..max,
    )
}

/// Rules with a low surge threshold and a few windows, so streams hit them.
fn rules() -> impl Strategy<Value = Setup> {
    (
        proptest::option::of(1_u64..20),
        proptest::collection::vec((instant(), 1_i64..86_400), 0..3),
    )
        .prop_map(|(threshold, windows)| {
            windows.into_iter().enumerate().fold(
                Setup::new().with_surge_threshold(threshold),
                |rules, (i, (start, secs))| {
                    let window = Window::new(start, start + TimeDelta::seconds(secs)).unwrap();
                    if i % 2 == 0 {
                        rules.with_maintenance(window)
                    } else {
                        rules.with_event(window)
                    }
                },
            )
        })
}

fn build(rules: &Setup, records: &[MessageRecord<'_>]) -> LedgerBuilder {
    let mut builder = rules.builder(term());
    builder.add_all(records);
    builder
}

/// Shared configuration: `cases` per property, regressions kept in the repo.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/traffic_properties.txt",
        ))),
        ..ProptestConfig::default()
    }
}

// Ledger properties build a ledger (a counter block per day) per case.
proptest! {
    #![proptest_config(config(400))]

    // Source: SPEC D18 (every record lands in exactly one bucket; buckets add up).
    #[test]
    fn d18_every_record_is_counted_exactly_once(rules in rules(), records in records(300)) {
        let builder = build(&rules, &records);
        prop_assert_eq!(builder.total(), records.len() as u64);
        let ledger = builder.finish();
        prop_assert_eq!(ledger.total(), records.len() as u64);
        let in_months: u64 = ledger.months().map(|(_, t)| t.total()).sum();
        prop_assert_eq!(in_months + ledger.before_term() + ledger.after_term(), records.len() as u64);
        for (_, tally) in ledger.months() {
            let parts = tally.delivered() + tally.unconfirmed() + tally.provider_side() + tally.exempt_total()
                + tally.unclassified_total() + tally.invalid_total();
            prop_assert_eq!(parts, tally.total());
            // SPEC D13-D15: every failure with an unmapped code is listed,
            // the exempted ones too, and no more than those.
            let listed = tally.unclassified_codes().map(|(_, n)| n).sum::<u64>();
            let exempted = tally.exempt(Exemption::AnnouncedMaintenance) + tally.exempt(Exemption::AnnouncedEvent)
                + tally.exempt(Exemption::TrafficSurge);
            prop_assert!(tally.unclassified_total() <= listed && listed <= tally.unclassified_total() + exempted);
            prop_assert!(tally.apparent_failures() <= tally.effective_sent());
        }
        // Before the rules, the same records split by month give the same
        // totals per bucket family.
        let plain = build(&Setup::new().with_surge_threshold(None), &records).finish();
        for ((_, a), (_, b)) in ledger.months().zip(plain.months()) {
            prop_assert_eq!(a.total(), b.total());
            prop_assert_eq!(a.effective_sent(), b.effective_sent());
            prop_assert_eq!(
                a.provider_side() + a.unclassified_total() + a.exempt(Exemption::AnnouncedMaintenance)
                    + a.exempt(Exemption::AnnouncedEvent) + a.exempt(Exemption::TrafficSurge),
                b.provider_side() + b.unclassified_total() + b.exempt(Exemption::AnnouncedMaintenance)
                    + b.exempt(Exemption::AnnouncedEvent) + b.exempt(Exemption::TrafficSurge),
            );
            // The listing by code does not depend on windows or surges.
            prop_assert!(a.unclassified_codes().eq(b.unclassified_codes()));
        }
    }

    // Source: SPEC D3 (each in-term record's month is its SLA-zone date's month).
    #[test]
    fn d3_each_record_lands_in_the_month_of_its_zone_date(records in records(100)) {
        let rules = Setup::new();
        let term = term();
        for record in &records {
            let ledger = build(&rules, std::slice::from_ref(record)).finish();
            let expected = term.service_month_at(record.sent_at(), rules.policy.zone());
            let found = ledger.months().find(|(_, t)| t.total() == 1).map(|(m, _)| m);
            prop_assert_eq!(found, expected);
        }
    }

    // Partial tallies travel: serialized, read back and merged, they give
    // the ledger of the whole stream (D18; shards on other machines).
    #[cfg(feature = "serde")]
    #[test]
    fn partial_tallies_serialize_and_merge_exactly(rules in rules(), records in records(300), split in 0_usize..300) {
        let split = split.min(records.len());
        let (left, right) = records.split_at(split);
        let travel = |builder: &LedgerBuilder| -> LedgerBuilder {
            serde_json::from_str(&serde_json::to_string(builder).unwrap()).unwrap()
        };
        let mut merged = travel(&build(&rules, left));
        merged.merge(&travel(&build(&rules, right))).unwrap();
        prop_assert_eq!(merged.finish(), build(&rules, &records).finish());
    }

    // All cores give the ledger one core gives (feature `rayon`).
    #[cfg(feature = "rayon")]
    #[test]
    fn parallel_tally_equals_sequential(rules in rules(), records in records(300), copies in 1_usize..400) {
        // Enough records for several parallel chunks.
        let many: Vec<MessageRecord> = records.iter().copied().cycle().take(records.len() * copies).collect();
        let mut parallel = rules.builder(term());
        parallel.par_add_all(&many);
        prop_assert_eq!(parallel.finish(), build(&rules, &many).finish());
    }

    // Source: SPEC D18 (one rule, every input path): records made from
    // Unix time, the column entry point and the Arrow kernel (every class
    // column type) give the ledger `add_all` gives.
    #[test]
    fn d18_every_input_path_gives_the_ledger_of_the_records(rules in rules(), records in records(300)) {
        let expected = build(&rules, &records).finish();
        let from_unix: Vec<MessageRecord> = records
            .iter()
            .map(|r| MessageRecord::from_unix(r.sent_at().timestamp(), r.sent_at().timestamp_subsec_nanos(), r.recipient(), r.outcome()).unwrap())
            .collect();
        prop_assert_eq!(&from_unix, &records);
        // Columns carry whole seconds: compare with the records truncated.
        let whole: Vec<MessageRecord> = records
            .iter()
            .map(|r| MessageRecord::from_unix(r.sent_at().timestamp(), 0, r.recipient(), r.outcome()).unwrap())
            .collect();
        let mut classes: Vec<MessageClass> = Vec::new();
        let keys: Vec<u16> = whole
            .iter()
            .map(|r| {
                let position = classes.iter().position(|c| *c == r.class()).unwrap_or_else(|| {
                    classes.push(r.class());
                    classes.len() - 1
                });
                u16::try_from(position).unwrap()
            })
            .collect();
        let seconds: Vec<i64> = whole.iter().map(|r| r.sent_at().timestamp()).collect();
        let mut columns = rules.builder(term());
        columns.add_unix_columns(&seconds, &keys, &classes).unwrap();
        prop_assert_eq!(columns.finish(), build(&rules, &whole).finish());
        #[cfg(feature = "arrow")]
        crate::arrow::every_class_column_type_tallies_as_records(&rules, term(), &records, &expected);
        let _ = expected;
    }

    // Merge law for builders: split anywhere, merge, same ledger (surge included).
    #[test]
    fn ledger_builders_merge_exactly(rules in rules(), records in records(300), split in 0_usize..300) {
        let split = split.min(records.len());
        let (left, right) = records.split_at(split);
        let mut merged = build(&rules, left);
        merged.merge(&build(&rules, right)).unwrap();
        prop_assert_eq!(merged.finish(), build(&rules, &records).finish());
    }

    // Merge laws: tally(a ++ b) == tally(a) + tally(b); associative, commutative, identity.
    #[test]
    fn tallies_merge_exactly(a in records(100), b in records(100), c in records(100)) {
        let t = |records: &[MessageRecord<'_>]| records.iter().collect::<Tally>();
        let ab: Vec<MessageRecord> = a.iter().chain(&b).copied().collect();
        prop_assert_eq!(t(&ab), t(&a) + t(&b));
        prop_assert_eq!((t(&a) + t(&b)) + t(&c), t(&a) + (t(&b) + t(&c)));
        prop_assert_eq!(t(&a) + t(&b), t(&b) + t(&a));
        prop_assert_eq!(t(&a) + Tally::new(), t(&a));
        prop_assert_eq!([t(&a), t(&b), t(&c)].iter().sum::<Tally>(), t(&a) + t(&b) + t(&c));
        prop_assert_eq!([t(&a), t(&b), t(&c)].into_iter().sum::<Tally>(), t(&a) + t(&b) + t(&c));
        prop_assert_eq!(t(&a) + &t(&b), t(&ab));
        let mut sum = t(&a);
        sum += t(&b);
        prop_assert_eq!(&sum, &t(&ab));
        let mut by_reference = t(&a);
        by_reference += &t(&b);
        prop_assert_eq!(by_reference, sum);
    }
}

// Cheap properties: many cases.
proptest! {
    #![proptest_config(config(10_000))]

    // Source: SPEC D7 (exact verdicts for any E and F <= E, up to u64::MAX).
    #[test]
    fn d7_threshold_verdicts_match_an_integer_oracle(e in any::<u64>(), f in any::<u64>(), near_max in any::<bool>()) {
        let e = if near_max { u64::MAX - (e % 1_000) } else { e };
        let f = if f <= e { f } else { f % (e + 1) };
        let av = Availability::new(e, f).unwrap();
        let standard = Threshold::from_percent(Decimal::from(95)).unwrap();
        let ninety = Threshold::from_percent(Decimal::from(90)).unwrap();
        if e == 0 {
            prop_assert_eq!(av.meets(standard), None);
        } else {
            // (E - F) / E >= 95%  <=>  F <= 5% of E  <=>  20 F <= E.
            prop_assert_eq!(av.meets(standard), Some(20 * u128::from(f) <= u128::from(e)));
            prop_assert_eq!(av.meets(ninety), Some(10 * u128::from(f) <= u128::from(e)));
            // What is shown never crosses a threshold the verdict did not.
            let shown = av.percent().unwrap();
            prop_assert_eq!(shown >= Decimal::from(95), av.meets(standard) == Some(true));
            prop_assert_eq!(shown >= Decimal::from(90), av.meets(ninety) == Some(true));
        }
    }

    // Source: SPEC D6 (failures beyond the effective number are an error).
    #[test]
    fn d6_failures_above_effective_are_rejected(e in any::<u64>(), extra in 1_u64..1_000) {
        let f = e.saturating_add(extra);
        prop_assume!(f > e);
        prop_assert!(Availability::new(e, f).is_err());
    }

    // Thresholds of any precision up to 16 places decide like the exact rational.
    #[test]
    fn thresholds_decide_like_exact_rationals(
        e in 1_u64..1_000_000_000, f in any::<u64>(), mantissa in 0_u64..=100_0000_0000, places in 0_u32..=8,
    ) {
        let f = f % (e + 1);
        let percent = Decimal::new(i64::try_from(mantissa).unwrap(), 8).round_dp(places);
        let threshold = Threshold::from_percent(percent).unwrap();
        let av = Availability::new(e, f).unwrap();
        // Exact in Decimal for these sizes: 100 * (E - F) * 10^8 vs percent * 10^8 * E.
        let lhs = Decimal::from(e - f) * Decimal::from(100);
        let rhs = percent * Decimal::from(e);
        prop_assert_eq!(av.meets(threshold), Some(lhs >= rhs));
    }
}

// The day finder reads a send instant's day from its UTC date and the zone's
// offset; for any offset, any term and any instant (the extremes of chrono's
// range included) it must agree with the term's own reading of the instant.
proptest! {
    #![proptest_config(config(2_000))]

    // Source: SPEC D3, D18 (every record is placed in the Service Month of its
    // SLA-zone date, or counted before or after the term).
    #[test]
    fn d3_records_land_where_the_zone_date_says(
        offset in -86_399_i32..=86_399,
        start_days in -3_000_000_i64..3_000_000,
        months in 1_u32..30,
        seconds in prop_oneof![
            -300_000_000_000_i64..300_000_000_000,
            Just(DateTime::<Utc>::MIN_UTC.timestamp()),
            Just(DateTime::<Utc>::MAX_UTC.timestamp()),
        ],
        around in -200_000_i64..200_000,
        near in any::<bool>(),
    ) {
        let zone = sms_sla::SlaZone::new(chrono::FixedOffset::east_opt(offset).unwrap());
        let Some(start) = chrono::NaiveDate::from_ymd_opt(2000, 1, 1)
            .and_then(|d| d.checked_add_signed(TimeDelta::days(start_days))) else { return Ok(()) };
        let Ok(term) = Term::from_months(start, months) else { return Ok(()) };
        // Half the instants fall near the term's first day.
        let seconds = if near {
            start.and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp().saturating_add(around)
        } else {
            seconds
        };
        let Some(at) = DateTime::from_timestamp(seconds, 0) else { return Ok(()) };
        let rules = Setup::new().with_zone(zone);
        let mut builder = rules.builder(term);
        builder.add(&MessageRecord::new(at, Recipient::Valid, Outcome::Delivered));
        let ledger = builder.finish();
        let found = ledger.months().find(|(_, t)| t.total() == 1).map(|(m, _)| m);
        prop_assert_eq!(found, term.service_month_at(at, zone));
        if let Ok(local) = zone.date_of(at) {
            prop_assert_eq!(ledger.before_term(), u64::from(local < term.first_day()));
            prop_assert_eq!(ledger.after_term(), u64::from(local > term.last_day()));
        } else {
            // A local date chrono cannot hold is outside every term.
            prop_assert_eq!(found, None);
            prop_assert_eq!(ledger.before_term() + ledger.after_term(), 1);
        }
    }
}
