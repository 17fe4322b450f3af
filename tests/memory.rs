//! Streams of any length assess in the same memory: adding a record
//! allocates nothing, so the heap after a million records is the heap after
//! a thousand (the assessor keeps counters per day of the term, never per
//! record).

mod util;

use chrono::{DateTime, TimeDelta, Utc};
use sms_sla::assess::Assessor;
use sms_sla::traffic::{
    AccountKind, Announcements, Exemption, FailureCause, InvalidReason, MessageRecord, Outcome,
    Recipient, UnclassifiedCode,
};
use sms_sla::{SlaPolicy, Term};
use util::d;

#[global_allocator]
static ALLOCATOR: dhat::Alloc = dhat::Alloc;

/// Record `i` of a stream over the agreement's example term, with every
/// kind of bucket, computed on the fly (no collection of records).
fn record(i: u64, start: DateTime<Utc>, code: UnclassifiedCode<'_>) -> MessageRecord<'_> {
    // Spread over the term's 92 days: the first thousand records reach every month.
    let at = start + TimeDelta::seconds(i64::try_from(i * 7_919 % (92 * 86_400)).unwrap());
    let (recipient, outcome) = match i % 10 {
        0 => (
            Recipient::Valid,
            Outcome::Failed(FailureCause::ProviderSide),
        ),
        1 => (
            Recipient::Valid,
            Outcome::Failed(FailureCause::Exempt(Exemption::PlatformControl)),
        ),
        2 => (
            Recipient::Invalid(InvalidReason::PoweredOff),
            Outcome::Delivered,
        ),
        3 => (Recipient::Valid, Outcome::Unconfirmed),
        4 => (
            Recipient::Valid,
            Outcome::Failed(FailureCause::Unclassified(code)),
        ),
        _ => (Recipient::Valid, Outcome::Delivered),
    };
    MessageRecord::new(at, recipient, outcome)
}

/// Runs without libtest's harness (`harness = false`): the harness's own
/// threads allocate now and then while a test runs, which the heap
/// statistics would count as the assessor's.
fn main() {
    a_million_records_assess_in_the_memory_of_a_thousand();
    println!("test a_million_records_assess_in_the_memory_of_a_thousand ... ok");
    println!("1 passed, 0 failed");
}

fn a_million_records_assess_in_the_memory_of_a_thousand() {
    let _profiler = dhat::Profiler::builder().testing().build();
    let policy = SlaPolicy::tencent_sms();
    let term = Term::from_months(d(2024, 3, 17), 3).unwrap();
    let start = d(2024, 3, 16).and_hms_opt(16, 0, 0).unwrap().and_utc();
    let code = UnclassifiedCode::new("REJECTD").unwrap();
    let mut assessor =
        Assessor::new(&policy, term, AccountKind::Ordinary, Announcements::new()).unwrap();

    // An unclassified code's first sighting on each day of the term
    // allocates its entry, once; the first thousand records follow.
    for day in 0..92 {
        let at = start + TimeDelta::days(day);
        let failed = Outcome::Failed(FailureCause::Unclassified(code));
        assessor
            .ledger_mut()
            .add(&MessageRecord::new(at, Recipient::Valid, failed));
    }
    for i in 0..1_000 {
        assessor.ledger_mut().add(&record(i, start, code));
    }
    let after_thousand = dhat::HeapStats::get();
    assert!(after_thousand.total_blocks > 0);
    for i in 1_000..1_000_000 {
        assessor.ledger_mut().add(&record(i, start, code));
    }
    let after_million = dhat::HeapStats::get();
    dhat::assert_eq!(after_million.total_blocks, after_thousand.total_blocks);
    dhat::assert_eq!(after_million.curr_bytes, after_thousand.curr_bytes);
    assert_eq!(assessor.ledger().total(), 1_000_092);
}
