//! Errors of stored forms read back (feature `serde`).

use chrono::{DateTime, NaiveDate, Utc};

#[cfg(feature = "tencent")]
use crate::tencent::{EntryKind, RejectReason};
use crate::term::{ServiceMonth, Term};
use crate::traffic::REJECTION_SAMPLES;
use crate::zone::SlaZone;

/// Errors of stored forms read back (feature `serde`).
///
/// A variant of [`Error::Stored`](super::Error::Stored); its message is the
/// [`Error`](super::Error)'s.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum StoredError {
    /// A stored form (a tally, ledger, ledger builder, assessor or
    /// assessment) written in a format this version does not know: a newer
    /// one, or 0.
    #[error("stored form is in format {format}; this version reads formats 1 to {newest}")]
    #[non_exhaustive]
    UnknownStoredFormat {
        /// The format found.
        format: u32,
        /// The newest format this version reads.
        newest: u32,
    },

    /// A stored message log whose parts disagree with each other or with
    /// the rules: it was not written by this library, or was changed since.
    #[error("invalid stored message log: {problem}")]
    #[non_exhaustive]
    InvalidStoredLog {
        /// What is wrong.
        problem: StoredProblem,
    },

    /// A stored assessor whose parts disagree with each other or with the
    /// rules.
    #[error("invalid stored assessor: {problem}")]
    #[non_exhaustive]
    InvalidStoredAssessor {
        /// What is wrong.
        problem: StoredProblem,
    },

    /// A serialized compensation whose figures disagree with each other.
    #[error("inconsistent compensation: {reason}")]
    #[non_exhaustive]
    InconsistentCompensation {
        /// What disagrees.
        reason: &'static str,
    },

    /// A serialized partial tally (a ledger builder, a tally, their rules)
    /// that does not describe its term.
    #[error("invalid partial tally: {problem}")]
    #[non_exhaustive]
    InvalidPartialTally {
        /// What is wrong.
        problem: StoredProblem,
    },
}

/// What is wrong with a stored form, one variant per check.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum StoredProblem {
    /// A problem with the stored entries of the message of a serial
    /// number.
    #[error("{serial}: {problem}")]
    #[non_exhaustive]
    InSerial {
        /// The serial number.
        serial: String,
        /// What is wrong.
        problem: Box<StoredProblem>,
    },

    /// A problem with the stored entries of a refused submission.
    #[error("refused submission #{place}: {problem}")]
    #[non_exhaustive]
    InRefusal {
        /// Its place in its request.
        place: u64,
        /// What is wrong.
        problem: Box<StoredProblem>,
    },

    /// A problem with the stored entries of a message known by nothing but
    /// its entry.
    #[error("a message of its own: {problem}")]
    #[non_exhaustive]
    InOwn {
        /// What is wrong.
        problem: Box<StoredProblem>,
    },

    /// A problem with the stored messages of a sealed Service Month.
    #[error("sealed service month {month}: {problem}")]
    #[non_exhaustive]
    InSealed {
        /// The month.
        month: ServiceMonth,
        /// What is wrong.
        problem: Box<StoredProblem>,
    },

    /// An instant the readers could not have read (outside a nanosecond
    /// table's range).
    #[error("{seconds} s + {nanos} ns is not an instant the readers read")]
    #[non_exhaustive]
    NotAnInstant {
        /// The Unix seconds.
        seconds: i64,
        /// The nanoseconds.
        nanos: i64,
    },

    /// A code the readers would have trimmed, shortened or marked.
    #[error("code `{code}` is not one the readers keep")]
    #[non_exhaustive]
    CodeNotKept {
        /// The code.
        code: String,
    },

    /// A code listed twice in the code list.
    #[error("a code is given twice")]
    CodeTwice,

    /// A message under an empty serial number.
    #[error("a message has an empty serial number")]
    EmptySerial,

    /// A serial number with no part of the index to hold it.
    #[error("serial number `{serial}` has no part")]
    #[non_exhaustive]
    SerialWithoutPart {
        /// The serial number.
        serial: String,
    },

    /// A serial number listed twice.
    #[error("serial number `{serial}` is given twice")]
    #[non_exhaustive]
    SerialTwice {
        /// The serial number.
        serial: String,
    },

    /// A refused submission with both or neither of a request id and a
    /// request instant.
    #[error(
        "refused submission #{place} has not exactly one of a request id and a request instant"
    )]
    #[non_exhaustive]
    RefusalRequest {
        /// Its place in its request.
        place: u64,
    },

    /// One request's refused submission listed twice.
    #[error("refused submission #{place} of one request is given twice")]
    #[non_exhaustive]
    RefusalTwice {
        /// Its place in its request.
        place: u64,
    },

    /// Rejected entries naming one message, listed twice.
    #[error("rejected entries named twice")]
    RejectedNamedTwice,

    /// Rejected entries at one instant, listed twice.
    #[error("rejected entries at {at} are given twice")]
    #[non_exhaustive]
    RejectedAtTwice {
        /// The instant.
        at: DateTime<Utc>,
    },

    /// More rejected entries placed than rejected.
    #[error("{placed} rejected entries are placed but {rejected} were rejected")]
    #[non_exhaustive]
    RejectedOverPlaced {
        /// Rejected entries placed (by message or instant).
        placed: u64,
        /// Rejected entries in all.
        rejected: u64,
    },

    /// More rejection samples than a log keeps, or than were rejected.
    #[error(
        "{samples} rejection samples for {rejected} rejected entries (at most {REJECTION_SAMPLES} are kept)"
    )]
    #[non_exhaustive]
    LogSamples {
        /// Samples given.
        samples: usize,
        /// Rejected entries in all.
        rejected: u64,
    },

    /// Rejected entries naming a message, with a count of 0.
    #[error("rejected entries named with a count of 0")]
    ZeroRejectedNamed,

    /// Rejected entries at a time, with a count of 0.
    #[error("rejected entries at a time with a count of 0")]
    ZeroRejectedAt,

    /// A sealed month's message with a count of 0.
    #[error("sealed messages with a count of 0")]
    ZeroSealed,

    /// A Service Month sealed twice.
    #[error("service month {month} is sealed twice")]
    #[non_exhaustive]
    SealedTwice {
        /// The month.
        month: ServiceMonth,
    },

    /// A sealed month's entry that is not one of its messages (outside the
    /// month, or counting more than one statement).
    #[error("an entry at {at} with a count of {count} is not one of its messages")]
    #[non_exhaustive]
    NotSealedMessage {
        /// The entry's instant.
        at: DateTime<Utc>,
        /// The entry's count.
        count: u32,
    },

    /// An entry given twice.
    #[error("an entry is given twice")]
    EntryTwice,

    /// A sealed month whose counts disagree with the messages it holds.
    #[error("sealed service month {month} counts {counted} messages but holds {held}")]
    #[non_exhaustive]
    SealedCounts {
        /// The month.
        month: ServiceMonth,
        /// The messages its counts say.
        counted: u64,
        /// The messages it holds.
        held: u64,
    },

    /// An entry kind by a number no kind has.
    #[error("{kind} is not an entry kind")]
    #[non_exhaustive]
    NotAnEntryKind {
        /// The number.
        kind: i64,
    },

    /// A code id outside the log's code list.
    #[error("code id {id} is not one of the log's codes")]
    #[non_exhaustive]
    UnknownCodeId {
        /// The id.
        id: i64,
    },

    /// An entry count beyond what an entry holds.
    #[error("count {count} is out of range")]
    #[non_exhaustive]
    CountOutOfRange {
        /// The count.
        count: i64,
    },

    /// An entry the library would reject, and why.
    #[cfg(feature = "tencent")]
    #[error("{reason}")]
    #[non_exhaustive]
    Unreadable {
        /// Why.
        reason: RejectReason,
    },

    /// An entry whose code id does not go with its kind.
    #[cfg(feature = "tencent")]
    #[error("a {kind} entry with code id {id}")]
    #[non_exhaustive]
    CodeOfKind {
        /// The kind.
        kind: EntryKind,
        /// The code id, -1 for none.
        id: i64,
    },

    /// A message without entries.
    #[error("no entries")]
    NoEntries,

    /// A message whose entries are not the ones its evidence gives back.
    #[error(
        "its entries are not those its evidence gives back (a statement twice, a count of 0, a code where its kind has none, or out of order)"
    )]
    NotItsEvidence,

    /// An assessor whose ledger counts days in another zone than its
    /// policy's.
    #[error("the ledger counts days in {ledger} but the policy's zone is {policy}")]
    #[non_exhaustive]
    ZoneDiffers {
        /// The ledger's zone.
        ledger: SlaZone,
        /// The policy's zone.
        policy: SlaZone,
    },

    /// An assessor whose ledger's surge volume is not its policy's.
    #[error("the ledger's surge volume {ledger:?} is not the policy's {policy:?} for its account")]
    #[non_exhaustive]
    SurgeDiffers {
        /// The ledger's.
        ledger: Option<u64>,
        /// The policy's.
        policy: Option<u64>,
    },

    /// An assessor's monthly rejection counts, not one per Service Month.
    #[error("monthly rejection counts: {given} given, {months} expected (one per service month)")]
    #[non_exhaustive]
    MonthlyRejections {
        /// How many are given.
        given: usize,
        /// The term's Service Months.
        months: usize,
    },

    /// An assessor's monthly late counts, not one per Service Month.
    #[error("monthly late counts: {given} given, {months} expected (one per service month)")]
    #[non_exhaustive]
    MonthlyLate {
        /// How many are given.
        given: usize,
        /// The term's Service Months.
        months: usize,
    },

    /// An assessor with more rejections placed in months than rejected.
    #[error("{placed} rejections placed in months but {rejected} rejected in all")]
    #[non_exhaustive]
    RejectionsOverPlaced {
        /// Placed in months.
        placed: u64,
        /// Rejected in all.
        rejected: u64,
    },

    /// An assessor with more rejection samples than it keeps.
    #[error("{samples} rejection samples kept, more than {REJECTION_SAMPLES}")]
    #[non_exhaustive]
    AssessorSamples {
        /// Samples given.
        samples: usize,
    },

    /// Exempt unclassified failures beyond those listed by code or exempt.
    #[error(
        "{exempt} exempt unclassified failures exceed the {listed} listed by code or the {exemptible} exempt under §4.10, §4.12 and §4.13"
    )]
    #[non_exhaustive]
    UnclassifiedExempt {
        /// Exempt unclassified failures given.
        exempt: u64,
        /// Failures listed by code.
        listed: u64,
        /// Failures exempt under the code exemptions.
        exemptible: u64,
    },

    /// Rules with announcements in both their places.
    #[error("rules give announcements both inside `announcements` and at the top")]
    AnnouncementsTwice,

    /// A day outside the term.
    #[error("day {date} is outside the term {term}")]
    #[non_exhaustive]
    DayOutsideTerm {
        /// The day.
        date: NaiveDate,
        /// The term.
        term: Term,
    },

    /// A bucket name no bucket has.
    #[error("unknown bucket `{name}` on {date}")]
    #[non_exhaustive]
    UnknownBucket {
        /// The name.
        name: String,
        /// The day.
        date: NaiveDate,
    },

    /// A month whose failures listed by code are not its unclassified ones
    /// (and no more than those a window exempted).
    #[error(
        "service month {month} counts {unclassified} unclassified failures and {exemptible} exempt in announced windows, but lists {listed} by code"
    )]
    #[non_exhaustive]
    UnclassifiedListed {
        /// The month.
        month: ServiceMonth,
        /// Its unclassified failures.
        unclassified: u64,
        /// Its failures exempt in announced windows.
        exemptible: u64,
        /// Its failures listed by code.
        listed: u64,
    },

    /// Codes listed for a day that starts no Service Month.
    #[error("{first_day} does not start a service month of the term {term}")]
    #[non_exhaustive]
    NotAMonthStart {
        /// The day.
        first_day: NaiveDate,
        /// The term.
        term: Term,
    },
}
