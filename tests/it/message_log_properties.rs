//! Properties of `tencent::MessageLog` (D19-D22): the same documents in any
//! order and any repetition give the same messages; reading a document
//! again changes only duplicates and rejections; merged logs equal one log
//! that read everything; every entry is accounted for.

#![cfg(feature = "tencent")]

use std::collections::HashMap;

use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use sms_sla::tencent::LogStats;
use sms_sla::tencent::{CodeTable, FileKind, MessageLog};
use sms_sla::traffic::MessageRecord;

/// One document of any of the four kinds, or a file of the corpus of
/// real-world shapes (`tests/corpus`) read as files come.
#[derive(Clone, Debug)]
enum Document {
    Send(String, DateTime<Utc>),
    Callback(String),
    Lines(String),
    Pull(String),
    File(FileKind, Vec<u8>),
}

const CODES: [&str; 6] = [
    "DELIVRD", "MK:0000", "MK:0001", "REJECTD", "IB:0008", "-106",
];

fn receipt() -> impl Strategy<Value = String> {
    (0_u32..12, 0_u32..4, 0_usize..CODES.len(), 0_u32..5).prop_map(|(sid, minute, code, kind)| {
        let status = if kind == 0 { "SUCCESS" } else { "FAIL" };
        let code = if kind == 0 { "DELIVRD" } else { CODES[code] };
        match kind {
            // A malformed one now and then: rejected, counted.
            4 => format!(r#"{{"user_receive_time": "2025-04-0{minute} 08:00:00", "report_status": "FAIL", "sid": "s{sid}"}}"#),
            _ => format!(
                r#"{{"user_receive_time": "2025-04-02 08:0{minute}:00", "report_status": "{status}", "errmsg": "{code}", "sid": "s{sid}"}}"#
            ),
        }
    })
}

fn pull_entry() -> impl Strategy<Value = String> {
    (0_u32..12, 0_u64..4, 0_usize..CODES.len(), 0_u32..3).prop_map(|(sid, minute, code, kind)| {
        let at = 1_743_552_000 + minute * 60;
        match kind {
            0 => format!(r#"{{"UserReceiveTime": {at}, "SerialNo": "s{sid}"}}"#),
            1 => format!(r#"{{"UserReceiveTime": {at}, "SerialNo": "s{sid}", "ReportStatus": "SUCCESS", "Description": "DELIVRD"}}"#),
            _ => format!(r#"{{"UserReceiveTime": {at}, "SerialNo": "s{sid}", "ReportStatus": "FAIL", "Description": "{}"}}"#, CODES[code]),
        }
    })
}

fn send_entry() -> impl Strategy<Value = String> {
    (0_u32..12, 0_u32..3).prop_map(|(sid, kind)| match kind {
        0 | 1 => format!(r#"{{"SerialNo": "s{sid}", "PhoneNumber": "+86138{sid:08}", "Code": "Ok"}}"#),
        _ => format!(r#"{{"SerialNo": "", "PhoneNumber": "+86138{sid:08}", "Code": "InternalError.Timeout"}}"#),
    })
}

fn document() -> impl Strategy<Value = Document> {
    prop_oneof![
        (prop::collection::vec(send_entry(), 0..5), 0_i64..3).prop_map(|(set, hour)| {
            let at = Utc.with_ymd_and_hms(2025, 4, 1, 20, 0, 0).unwrap()
                + chrono::TimeDelta::hours(hour);
            Document::Send(
                format!(
                    r#"{{"Response": {{"SendStatusSet": [{}], "RequestId": "r"}}}}"#,
                    set.join(",")
                ),
                at,
            )
        }),
        prop::collection::vec(receipt(), 0..6)
            .prop_map(|set| Document::Callback(format!("[{}]", set.join(",")))),
        prop::collection::vec(receipt(), 0..6).prop_map(|set| Document::Lines(set.join("\n"))),
        prop::collection::vec(pull_entry(), 0..5).prop_map(|set| Document::Pull(format!(
            r#"{{"Response": {{"PullSmsSendStatusSet": [{}], "RequestId": "r"}}}}"#,
            set.join(",")
        ))),
    ]
}

/// Reads `doc`; returns how many entries it had.
fn read(log: &mut MessageLog, doc: &Document) -> u64 {
    let read = match doc {
        Document::Send(body, at) => log.read_send_sms(body, *at),
        Document::Callback(body) => log.read_callback(body),
        Document::Lines(body) => log.read_callback_lines(body.as_bytes()),
        Document::Pull(body) => log.read_pull(body),
        Document::File(kind, bytes) => log.read_file(*kind, bytes.as_slice()),
    }
    .unwrap();
    read.entries()
}

fn read_all(docs: &[Document]) -> (MessageLog, u64) {
    let mut log = MessageLog::new(CodeTable::tencent_default());
    let entries = docs.iter().map(|doc| read(&mut log, doc)).sum();
    (log, entries)
}

/// The log's records as a multiset.
fn records(log: &MessageLog) -> HashMap<MessageRecord<'_>, usize> {
    let mut counts = HashMap::new();
    for record in log.records() {
        *counts.entry(record).or_insert(0) += 1;
    }
    counts
}

fn conserved(stats: &LogStats, entries: u64) -> bool {
    stats.sends() + stats.receipts()
        == stats.messages() + stats.matched() + stats.duplicates() + stats.conflicts()
        && stats.sends() + stats.receipts() + stats.rejected() == entries
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 300,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/message_log_properties.txt",
        ))),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    // Source: SPEC D19-D21 (the result never depends on reading order).
    #[test]
    fn d21_any_order_gives_the_same_messages(docs in prop::collection::vec(document(), 0..8), seed in any::<u64>()) {
        let (log, entries) = read_all(&docs);
        prop_assert!(conserved(&log.stats(), entries), "{}", log.stats());
        let mut shuffled = docs.clone();
        // A deterministic shuffle from the seed.
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            shuffled.swap(i, usize::try_from(state % (i as u64 + 1)).unwrap());
        }
        let (other, _) = read_all(&shuffled);
        prop_assert_eq!(records(&log), records(&other));
        prop_assert_eq!(log.stats(), other.stats());
    }

    // Source: SPEC D20 (reading a document again adds only duplicates, and
    // its rejections again).
    #[test]
    fn d20_reading_a_document_twice_adds_only_duplicates(docs in prop::collection::vec(document(), 1..8), pick in any::<prop::sample::Index>()) {
        let (mut log, entries) = read_all(&docs);
        let before = log.stats();
        let doc = &docs[pick.index(docs.len())];
        let again = read(&mut log, doc);
        let after = log.stats();
        let once = read_all(&docs).0;
        prop_assert_eq!(records(&log), records(&once));
        prop_assert_eq!(after.messages(), before.messages());
        prop_assert_eq!(after.conflicts(), before.conflicts());
        prop_assert_eq!(after.matched(), before.matched());
        prop_assert_eq!(after.unreceipted(), before.unreceipted());
        prop_assert_eq!(after.unmatched(), before.unmatched());
        let added = (after.duplicates() - before.duplicates()) + (after.rejected() - before.rejected());
        prop_assert_eq!(added, again);
        prop_assert!(conserved(&after, entries + again), "{}", after);
    }

    // Source: SPEC D19 (merged logs equal one log that read everything).
    #[test]
    fn d19_merged_logs_equal_one_log(docs in prop::collection::vec(document(), 0..8), split in 0_usize..8) {
        let split = split.min(docs.len());
        let (mut left, _) = read_all(&docs[..split]);
        let (right, _) = read_all(&docs[split..]);
        left.merge(&right).unwrap();
        let (all, _) = read_all(&docs);
        prop_assert_eq!(records(&left), records(&all));
        prop_assert_eq!(left.stats(), all.stats());
        prop_assert_eq!(left.rejected_at().collect::<Vec<_>>(), all.rejected_at().collect::<Vec<_>>());
    }
}

/// Every file of the corpus of real-world shapes, with its kind.
fn corpus_files() -> Vec<Document> {
    let corpus = std::path::Path::new("corpus");
    let mut cases: Vec<_> = std::fs::read_dir(corpus)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    cases.sort();
    let mut files = Vec::new();
    for case in cases {
        let expected: serde_json::Value =
            serde_json::from_slice(&std::fs::read(case.join("expected.json")).unwrap()).unwrap();
        for (key, kind) in [
            ("send_log", FileKind::SendLog),
            ("receipts", FileKind::Callbacks),
            ("pull", FileKind::Pull),
        ] {
            for name in expected["files"][key].as_array().unwrap() {
                let bytes = std::fs::read(case.join(name.as_str().unwrap())).unwrap();
                files.push(Document::File(kind, bytes));
            }
        }
    }
    files
}

/// The documents of a term as they may arrive: generated ones and the
/// corpus's files, in an order of their own.
fn arriving() -> impl Strategy<Value = Vec<Document>> {
    let corpus = corpus_files();
    (
        prop::collection::vec(document(), 0..10),
        prop::sample::subsequence(corpus.clone(), 0..=corpus.len()),
    )
        .prop_flat_map(|(generated, files)| Just([generated, files].concat()).prop_shuffle())
}

/// An announcement made to the account: a maintenance or event window, or
/// a surge notice, in the term of [`d27_assess`].
fn announcement() -> impl Strategy<Value = sms_sla::traffic::Announcements> {
    use sms_sla::traffic::{Announcements, Window};
    (0_u32..3, 0_i64..24 * 60, 1_i64..6 * 60, 1_u32..30).prop_map(|(kind, start, minutes, day)| {
        let start =
            Utc.with_ymd_and_hms(2025, 4, 1, 0, 0, 0).unwrap() + chrono::TimeDelta::minutes(start);
        let window = Window::new(start, start + chrono::TimeDelta::minutes(minutes)).unwrap();
        match kind {
            0 => Announcements::new().with_maintenance(window),
            1 => Announcements::new().with_event(window),
            _ => Announcements::new()
                .with_surge_notice(chrono::NaiveDate::from_ymd_opt(2025, 4, day).unwrap()),
        }
    })
}

/// The assessment of `log` over April and May 2025 with `announcements`,
/// as JSON: what a billing job reports.
fn d27_assess(log: &MessageLog, announcements: &sms_sla::traffic::Announcements) -> String {
    use rust_decimal::Decimal;
    use sms_sla::assess::{Assessor, MonthlyFees};
    use sms_sla::calendar::ChinaMainland;
    use sms_sla::traffic::AccountKind;
    use sms_sla::{Money, MonthlyServiceFee, SlaPolicy, Term};

    let term: Term = "2025-04-01+2".parse().unwrap();
    let policy = SlaPolicy::tencent_sms().with_surge_threshold(AccountKind::Ordinary, Some(3));
    let mut assessor =
        Assessor::new(&policy, term, AccountKind::Ordinary, announcements.clone()).unwrap();
    assessor.add_log(log).unwrap();
    let fees: MonthlyFees = term
        .service_months()
        .map(|month| {
            let fee = Money::new(Decimal::new(10_000, 2), "CNY").unwrap();
            (month, MonthlyServiceFee::new(fee))
        })
        .collect();
    let price = Money::new(Decimal::new(45, 3), "CNY").unwrap();
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
    let assessment = assessor
        .finish(&fees, &price, &ChinaMainland::new(), as_of)
        .unwrap();
    serde_json::to_string(&assessment).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..config() })]

    // Source: SPEC D27 (day by day: the documents of a term in any number
    // of batches, in any order, with the state stored and restored between
    // batches and announcements made mid-term, give the one-run
    // assessment, byte for byte).
    #[test]
    fn d27_batches_restarts_and_late_announcements_give_the_one_run_assessment(
        docs in arriving(),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
        announced in prop::collection::vec((announcement(), any::<prop::sample::Index>()), 0..4),
    ) {
        use sms_sla::traffic::Announcements;

        let batches = cuts.len() + 1;
        let mut ends: Vec<usize> = cuts.iter().map(|cut| cut.index(docs.len() + 1)).collect();
        ends.push(docs.len());
        ends.sort_unstable();
        // Each batch: restore the state, read the batch, take the day's
        // announcements, store the state (a process that restarts daily).
        let mut stored_log = serde_json::to_string(&MessageLog::new(CodeTable::tencent_default())).unwrap();
        let mut stored_notices = serde_json::to_string(&Announcements::new()).unwrap();
        let mut start = 0;
        for (batch, &end) in ends.iter().enumerate() {
            let mut log: MessageLog = serde_json::from_str(&stored_log).unwrap();
            let mut notices: Announcements = serde_json::from_str(&stored_notices).unwrap();
            for doc in &docs[start..end] {
                read(&mut log, doc);
            }
            for (made, when) in &announced {
                if when.index(batches) == batch {
                    notices = notices.with_all(made);
                }
            }
            stored_log = serde_json::to_string(&log).unwrap();
            stored_notices = serde_json::to_string(&notices).unwrap();
            start = end;
        }
        let log: MessageLog = serde_json::from_str(&stored_log).unwrap();
        // A stored log reads back to the same text.
        prop_assert_eq!(serde_json::to_string(&log).unwrap(), stored_log.clone());
        let notices: Announcements = serde_json::from_str(&stored_notices).unwrap();
        let all = announced.iter().fold(Announcements::new(), |all, (made, _)| all.with_all(made));
        prop_assert_eq!(&notices, &all);

        let (once, entries) = read_all(&docs);
        prop_assert_eq!(d27_assess(&log, &notices), d27_assess(&once, &all));
        prop_assert_eq!(log.stats(), once.stats());
        prop_assert!(conserved(&log.stats(), entries), "{}", log.stats());
    }
}

/// April and May 2025 in the agreement's zone.
fn d27_months() -> Vec<sms_sla::ServiceMonth> {
    let term: sms_sla::Term = "2025-04-01+2".parse().unwrap();
    term.service_months().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..config() })]

    // Source: SPEC D27 (sealing bounds the state): sealing months once
    // their data is read, stored and restored, gives the assessment the
    // open log gives, byte for byte, with announcements made after
    // sealing applied.
    #[test]
    fn d27_sealing_after_the_data_changes_no_figure(
        docs in arriving(),
        seal in prop::collection::vec(any::<bool>(), 2),
        announced in prop::collection::vec(announcement(), 0..3),
    ) {
        use sms_sla::traffic::Announcements;

        let (open, _) = read_all(&docs);
        let mut sealed = open.clone();
        for (month, seal) in d27_months().into_iter().zip(&seal) {
            if *seal {
                sealed.seal(month, sms_sla::SlaZone::CHINA_STANDARD_TIME).unwrap();
            }
        }
        let stored = serde_json::to_string(&sealed).unwrap();
        let sealed: MessageLog = serde_json::from_str(&stored).unwrap();
        prop_assert_eq!(serde_json::to_string(&sealed).unwrap(), stored);
        prop_assert_eq!(sealed.stats(), open.stats());
        let notices = announced.iter().fold(Announcements::new(), Announcements::with_all);
        prop_assert_eq!(d27_assess(&sealed, &notices), d27_assess(&open, &notices));
    }

    // Source: SPEC D27 (an entry that arrives for a sealed month changes no
    // count, is counted as late for it, and widens its bounds): after
    // April is sealed, later batches leave April's tally as it was, and
    // every entry read is a send, a receipt, rejected or late.
    #[test]
    fn d27_entries_after_a_seal_are_late_and_change_no_sealed_count(
        docs in arriving(),
        cut in any::<prop::sample::Index>(),
    ) {
        use sms_sla::traffic::Announcements;

        let cut = cut.index(docs.len() + 1);
        let (mut log, before) = read_all(&docs[..cut]);
        let april = d27_months()[0];
        log.seal(april, sms_sla::SlaZone::CHINA_STANDARD_TIME).unwrap();
        let report = |log: &MessageLog| -> serde_json::Value {
            serde_json::from_str(&d27_assess(log, &Announcements::new())).unwrap()
        };
        let at_seal = report(&log);
        let after: u64 = docs[cut..].iter().map(|doc| read(&mut log, doc)).sum();
        let log: MessageLog = serde_json::from_str(&serde_json::to_string(&log).unwrap()).unwrap();
        let stats = log.stats();
        prop_assert_eq!(
            stats.sends() + stats.receipts() + stats.rejected() + stats.late(),
            before + after
        );
        prop_assert_eq!(
            stats.sends() + stats.receipts(),
            stats.messages() + stats.matched() + stats.duplicates() + stats.conflicts()
        );
        let now = report(&log);
        prop_assert_eq!(&now["months"][0]["tally"], &at_seal["months"][0]["tally"]);
        let late = log.late().map(|(_, late)| late).sum::<u64>();
        prop_assert_eq!(late, stats.late());
        prop_assert_eq!(now["months"][0]["late"].as_u64().unwrap_or(0), late);
    }
}
