//! The one error type of the crate.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

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
}
