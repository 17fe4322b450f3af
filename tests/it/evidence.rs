//! One message's evidence (D19-D21) as an engine holds it: folded in any
//! order, cut anywhere, stored as entries, rebuilt in another process's
//! codes and merged, it gives the same record and counts; its decisive
//! entry alone gives the same record.

use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;
use sms_sla::tencent::{CodeTable, Codes, Entry, EntryKind, Evidence, NO_CODE, RawEntry};
use sms_sla::traffic::{Exemption, FailureCause, InvalidReason, Outcome, Recipient};

fn at(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_738_368_000 + seconds, 0).unwrap()
}

fn codes() -> Codes {
    Codes::new(CodeTable::tencent_default())
}

/// The entry of a SendSms entry with `code`, through the one normalisation.
fn sent(codes: &mut Codes, when: DateTime<Utc>, code: &str) -> Entry {
    let raw = RawEntry::send(Some(when), Some(code)).serial(Some("s1"));
    codes.entry(&raw.normalize(&CodeTable::tencent_default()).unwrap())
}

/// The entry of a callback receipt, through the one normalisation.
fn receipt(codes: &mut Codes, when: DateTime<Utc>, status: &str, code: Option<&str>) -> Entry {
    let raw = RawEntry::callback(Some(when), Some(status), code, None).serial(Some("s1"));
    codes.entry(&raw.normalize(&CodeTable::tencent_default()).unwrap())
}

fn fold(entries: &[Entry], codes: &Codes) -> Evidence {
    let mut evidence = Evidence::new(entries[0]);
    for &entry in &entries[1..] {
        evidence.add(entry, codes);
    }
    evidence
}

/// `evidence` stored as entries and rebuilt in `into`.
fn moved(evidence: &Evidence, from: &Codes, into: &mut Codes) -> Evidence {
    let rebuilt: Vec<Entry> = evidence
        .entries()
        .map(|e| Entry::rebuild(e.kind(), e.code(from), e.at(), e.count(), into).unwrap())
        .collect();
    fold(&rebuilt, into)
}

#[test]
fn d20_a_delivery_wins_over_earlier_and_later_failures() {
    let mut codes = codes();
    let entries = [
        sent(&mut codes, at(0), "Ok"),
        receipt(&mut codes, at(5), "FAIL", Some("MX:0009")),
        receipt(&mut codes, at(9), "SUCCESS", Some("DELIVRD")),
        receipt(&mut codes, at(20), "FAIL", Some("MX:0010")),
    ];
    let message = fold(&entries, &codes);
    assert_eq!(message.record(&codes).outcome(), Outcome::Delivered);
    let stats = message.stats(&codes, true);
    assert_eq!(
        (stats.messages(), stats.conflicts(), stats.duplicates()),
        (1, 2, 0)
    );
    assert_eq!(message.decisive(&codes).kind(), EntryKind::Delivered);
}

#[test]
fn d20_the_latest_failure_wins_and_a_tie_goes_to_the_greatest_code() {
    let mut codes = codes();
    let later = [
        receipt(&mut codes, at(5), "FAIL", Some("UNDELIV")),
        receipt(&mut codes, at(9), "FAIL", Some("MK:0001")),
    ];
    let record = fold(&later, &codes).record(&codes);
    assert_eq!(
        record.recipient(),
        Recipient::Invalid(InvalidReason::NonExistent)
    );
    let tie = [
        receipt(&mut codes, at(9), "FAIL", Some("MK:0001")),
        receipt(&mut codes, at(9), "FAIL", Some("UNDELIV")),
    ];
    for order in [[0, 1], [1, 0]] {
        let message = fold(&[tie[order[0]], tie[order[1]]], &codes);
        assert_eq!(
            message.record(&codes).recipient(),
            Recipient::Invalid(InvalidReason::Suspended)
        );
    }
}

#[test]
fn d20_a_refused_submission_without_receipts_fails_by_its_code() {
    let mut codes = codes();
    let refused = sent(&mut codes, at(0), "LimitExceeded.AppDailyLimit");
    let message = Evidence::new(refused);
    assert_eq!(
        message.record(&codes).outcome(),
        Outcome::Failed(FailureCause::Exempt(Exemption::PlatformControl))
    );
    assert_eq!(message.stats(&codes, true).unreceipted(), 0);
    let accepted = Evidence::new(sent(&mut codes, at(0), "Ok"));
    assert_eq!(accepted.record(&codes).outcome(), Outcome::Unconfirmed);
    assert_eq!(accepted.stats(&codes, true).unreceipted(), 1);
}

#[test]
fn d21_receipts_alone_place_a_message_at_the_earliest_even_after_a_round_trip() {
    let mut codes = codes();
    let entries = [
        receipt(&mut codes, at(30), "FAIL", Some("MX:0009")),
        receipt(&mut codes, at(10), "FAIL", Some("MX:0009")),
    ];
    let message = fold(&entries, &codes);
    assert_eq!(message.record(&codes).sent_at(), at(10));
    let stats = message.stats(&codes, true);
    assert_eq!((stats.unmatched(), stats.duplicates()), (1, 1));
    assert_eq!(message.stats(&codes, false).unmatched(), 0);
    let mut elsewhere = self::codes();
    let again = moved(&message, &codes, &mut elsewhere);
    assert_eq!(again.record(&elsewhere), message.record(&codes));
    assert_eq!(again.stats(&elsewhere, true), stats);
}

#[test]
fn entries_read_back_their_kinds_and_codes() {
    let mut codes = codes();
    let entry = receipt(&mut codes, at(0), "SUCCESS", Some("MK:0001"));
    assert_eq!(
        (entry.kind(), entry.code(&codes)),
        (EntryKind::Contradictory, Some("MK:0001"))
    );
    for kind in EntryKind::ALL {
        assert_eq!(kind.name().parse::<EntryKind>().unwrap(), kind);
        assert_eq!(kind.to_string(), kind.name());
    }
    // D23: a failure without a code is a failure with no code.
    let codeless = Entry::rebuild(EntryKind::Failed, None, at(0), 1, &mut codes).unwrap();
    assert_eq!(codeless.code(&codes), Some(NO_CODE));
    assert_eq!(
        Entry::rebuild(EntryKind::Refused, Some(" "), at(0), 1, &mut codes)
            .unwrap_err()
            .to_string(),
        "field `code` is missing"
    );
    assert!(!codes.is_empty());
}

const CODES: [&str; 7] = [
    "DELIVRD",
    "MK:0001",
    "UNDELIV",
    "MX:0009",
    "-106",
    "Ok",
    "InternalError.Timeout",
];

fn entry() -> impl Strategy<Value = (bool, usize, Option<&'static str>, i64)> {
    (
        any::<bool>(),
        0..CODES.len(),
        prop_oneof![Just(Some("SUCCESS")), Just(Some("FAIL")), Just(None)],
        0..4_i64,
    )
}

proptest! {
    #[test]
    fn d20_cut_stored_rebuilt_and_merged_evidence_is_the_whole(
        raw in prop::collection::vec(entry(), 1..12),
        cut in 0..12_usize,
    ) {
        let mut codes = codes();
        let entries: Vec<Entry> = raw
            .iter()
            .filter_map(|&(send, code, status, second)| {
                let when = at(0) + Duration::seconds(second);
                let raw = if send {
                    RawEntry::send(Some(when), Some(CODES[code]))
                } else {
                    RawEntry::callback(Some(when), status, Some(CODES[code]), None)
                };
                let normal = raw.serial(Some("s1")).normalize(codes.table()).ok()?;
                Some(codes.entry(&normal))
            })
            .collect();
        prop_assume!(!entries.is_empty());
        let whole = fold(&entries, &codes);
        let cut = cut.clamp(1, entries.len());
        let (left, right) = entries.split_at(cut);
        let mut elsewhere = self::codes();
        let mut merged = moved(&fold(left, &codes), &codes, &mut elsewhere);
        if !right.is_empty() {
            let right = moved(&fold(right, &codes), &codes, &mut elsewhere);
            merged.merge(&right, &elsewhere);
        }
        prop_assert_eq!(merged.record(&elsewhere), whole.record(&codes));
        prop_assert_eq!(merged.stats(&elsewhere, true), whole.stats(&codes, true));
        prop_assert_eq!(Evidence::new(whole.decisive(&codes)).record(&codes), whole.record(&codes));
    }
}

/// The codes of a set of messages, and the entries evidence gives back.
#[test]
fn codes_count_and_evidence_gives_back_only_what_it_needs() {
    let mut codes = codes();
    assert!(codes.is_empty());
    assert_eq!(format!("{codes:?}"), "Codes { codes: 0, .. }");
    let failed = receipt(&mut codes, at(5), "FAIL", Some("MK:0001"));
    receipt(&mut codes, at(6), "FAIL", Some("MK:0001"));
    receipt(&mut codes, at(7), "FAIL", Some("UNDELIV"));
    assert_eq!((codes.len(), codes.is_empty()), (2, false));
    assert_eq!(format!("{codes:?}"), "Codes { codes: 2, .. }");
    assert_eq!(failed.times(3).count(), 3);
    // One receipt: its own entry places the message; no other is needed.
    let one = Evidence::new(failed);
    let entries: Vec<EntryKind> = one.entries().map(|entry| entry.kind()).collect();
    assert_eq!(entries, [EntryKind::Failed]);
    // The same statement later: the earliest time is kept by an entry that
    // only places the message.
    let mut two = Evidence::new(failed);
    two.add(receipt(&mut codes, at(9), "FAIL", Some("MK:0001")), &codes);
    let entries: Vec<(EntryKind, u32)> = two
        .entries()
        .map(|entry| (entry.kind(), entry.count()))
        .collect();
    assert_eq!(entries, [(EntryKind::Placed, 0), (EntryKind::Failed, 2)]);
}
