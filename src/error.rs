//! The one error type of the crate.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use rust_decimal::Decimal;

use crate::Term;

/// Everything that can go wrong in `sms-sla`, one variant per rule.
///
/// Each variant carries the values that broke the rule, and its message
/// names them: lowercase, no trailing period, so it composes into a caller's
/// own message (`failed to assess account 42: term of 0 months starting
/// 2024-03-17 is empty`).
///
/// The enum is `#[non_exhaustive]`: later versions add variants as the
/// library grows, so a `match` needs a catch-all arm.
///
/// # Examples
///
/// ```
/// use chrono::NaiveDate;
/// use sms_sla::{Error, Term};
///
/// let start = NaiveDate::from_ymd_opt(2024, 3, 17).unwrap();
/// let err = Term::from_months(start, 0).unwrap_err();
/// assert_eq!(err, Error::EmptyTerm { start });
/// assert_eq!(err.to_string(), "term of 0 months starting 2024-03-17 is empty");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A term of zero months was asked for (SPEC D1).
    #[error("term of 0 months starting {start} is empty")]
    EmptyTerm {
        /// The requested start date.
        start: NaiveDate,
    },

    /// The term's anniversary (`start + months`) is past the last date the
    /// library can represent, [`NaiveDate::MAX`] (SPEC D1).
    #[error(
        "term of {months} months starting {start} ends after the last supported date {}",
        NaiveDate::MAX
    )]
    TermOutOfRange {
        /// The requested start date.
        start: NaiveDate,
        /// The requested number of months.
        months: u32,
    },

    /// A term was given with its last day before its first day.
    #[error("term last day {last_day} is before its first day {first_day}")]
    TermReversed {
        /// The first day given.
        first_day: NaiveDate,
        /// The last day given, earlier than `first_day`.
        last_day: NaiveDate,
    },

    /// A Service Month was given with its last day before its first day.
    #[error("service month last day {last_day} is before its first day {first_day}")]
    ServiceMonthReversed {
        /// The first day given.
        first_day: NaiveDate,
        /// The last day given, earlier than `first_day`.
        last_day: NaiveDate,
    },

    /// A Service Month was given whose days are not in one calendar month
    /// (SLA §1.5, SPEC D2).
    #[error("service month {first_day} to {last_day} spans more than one calendar month")]
    ServiceMonthSpansMonths {
        /// The first day given.
        first_day: NaiveDate,
        /// The last day given, in a later calendar month.
        last_day: NaiveDate,
    },

    /// An instant whose calendar day in the SLA zone is outside the dates the
    /// library can represent (SPEC D3).
    #[error("instant {instant} has no calendar day in the sla zone {offset}")]
    InstantOutOfRange {
        /// The instant given.
        instant: DateTime<Utc>,
        /// The zone's offset from UTC.
        offset: FixedOffset,
    },

    /// A text that is not a §4 clause number was given for an exemption.
    #[error("unknown exemption clause `{clause}`: the agreement's exemptions are 4.1 to 4.17")]
    UnknownExemptionClause {
        /// The text given.
        clause: String,
    },

    /// A failure code that is empty, too long or not printable ASCII (SPEC
    /// D15).
    #[error("failure code `{code}` is not 1 to 64 printable ascii characters without spaces")]
    InvalidFailureCode {
        /// The code given.
        code: String,
    },

    /// The process already holds the most distinct unclassified codes it
    /// can (65,536).
    #[error(
        "failure code `{code}` cannot be recorded: 65536 distinct unclassified codes are already in use"
    )]
    TooManyFailureCodes {
        /// The code given.
        code: String,
    },

    /// A maintenance or event window whose end is not after its start
    /// (SPEC D14).
    #[error("window from {start} to {end} is empty")]
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
    LedgerTermMismatch {
        /// The term of the builder merged into.
        left: Term,
        /// The term of the builder merged from.
        right: Term,
    },

    /// Two ledger builders with different traffic rules cannot be merged.
    #[error("cannot merge ledgers of term {term} kept under different traffic rules")]
    LedgerRulesMismatch {
        /// The term of both builders.
        term: Term,
    },

    /// A serialized ledger whose months are not its term's Service Months.
    #[error("ledger of term {term} lists {months} months that are not the term's service months")]
    LedgerMonthsMismatch {
        /// The ledger's term.
        term: Term,
        /// How many months the ledger listed.
        months: usize,
    },

    /// More Apparent Failures than effective messages (SPEC D6).
    #[error(
        "apparent failures {apparent_failures} exceed the effective number of sent messages {effective_sent}"
    )]
    FailuresExceedEffective {
        /// The Effective Number given.
        effective_sent: u64,
        /// The Apparent Failures given, more than `effective_sent`.
        apparent_failures: u64,
    },

    /// An availability threshold below 0% or above 100%.
    #[error("availability threshold {percent}% is not between 0% and 100%")]
    ThresholdOutOfRange {
        /// The percentage given.
        percent: Decimal,
    },

    /// An availability threshold with more decimal places than the library
    /// compares exactly.
    #[error("availability threshold {percent}% has more than 16 decimal places")]
    ThresholdTooPrecise {
        /// The percentage given.
        percent: Decimal,
    },
}
