//! Errors of records, tallies, ledgers and assessors.

use super::Months;
use crate::term::Term;
use chrono::{DateTime, NaiveDate, Utc};

/// Errors of records, tallies, ledgers and assessors.
///
/// A variant of [`Error::Traffic`](super::Error::Traffic); its message is the
/// [`Error`](super::Error)'s.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum TrafficError {
    /// A failure code that is empty, too long, holds control characters or
    /// starts or ends with whitespace ([D15](crate::_documentation::design#d15)).
    #[error(
        "failure code `{code}` is not 1 to 64 bytes of printable text without surrounding spaces"
    )]
    #[non_exhaustive]
    InvalidFailureCode {
        /// The code given.
        code: String,
    },

    /// A maintenance or event window whose end is not after its start
    /// ([D14](crate::_documentation::design#d14)).
    #[error("window from {start} to {end} is empty")]
    #[non_exhaustive]
    EmptyWindow {
        /// The start given.
        start: DateTime<Utc>,
        /// The end given, not after `start`.
        end: DateTime<Utc>,
    },

    /// A term too long for a ledger, which keeps counters per day.
    #[error(
        "term {first_day} to {last_day} is longer than {max_days} days, the most a ledger covers"
    )]
    #[non_exhaustive]
    TermTooLongToTally {
        /// The term's first day.
        first_day: NaiveDate,
        /// The term's last day.
        last_day: NaiveDate,
        /// The most days a ledger covers.
        max_days: u32,
    },

    /// Two ledger builders of different terms cannot be merged.
    #[error("cannot merge the ledger of term {right} into the ledger of term {left}")]
    #[non_exhaustive]
    LedgerTermMismatch {
        /// The term of the builder merged into.
        left: Term,
        /// The term of the builder merged from.
        right: Term,
    },

    /// Two ledger builders that count in different zones, for different
    /// kinds of account, with different surge volumes or under different
    /// announcements cannot be merged.
    #[error(
        "cannot merge ledgers of term {term} kept for different accounts, zones, surge volumes or announcements"
    )]
    #[non_exhaustive]
    LedgerRulesMismatch {
        /// The term of both builders.
        term: Term,
    },

    /// A serialized ledger whose months are not its term's Service Months.
    #[error(
        "ledger of term {term} lists {} that {} not the term's service months",
        Months(u64::try_from(*months).unwrap_or(u64::MAX)),
        if *months == 1 { "is" } else { "are" }
    )]
    #[non_exhaustive]
    LedgerMonthsMismatch {
        /// The ledger's term.
        term: Term,
        /// How many months the ledger listed.
        months: usize,
    },

    /// More Apparent Failures than effective messages ([D6](crate::_documentation::design#d6)).
    #[error(
        "apparent failures {apparent_failures} exceed the effective number of sent messages {effective_sent}"
    )]
    #[non_exhaustive]
    FailuresExceedEffective {
        /// The Effective Number given.
        effective_sent: u64,
        /// The Apparent Failures given, more than `effective_sent`.
        apparent_failures: u64,
    },

    /// An assessor that already counts a message log was given another
    /// one (or merged with an assessor that counts one): two logs may hold
    /// the same messages, which would then count twice
    /// ([D27](crate::_documentation::design#d27)). Read every batch into
    /// one log, and add that log once.
    #[error(
        "this assessor already counts a message log: read every batch into one log and add it once (D27)"
    )]
    LogCountedTwice,

    /// Two assessors under different policies cannot be merged.
    #[error("cannot merge assessments of term {term} made under different policies")]
    #[non_exhaustive]
    AssessorPolicyMismatch {
        /// The term.
        term: Term,
    },
}
