//! Errors of terms, Service Months, instants and the SLA zone.

use super::Months;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// Errors of terms, Service Months, instants and the SLA zone.
///
/// A variant of [`Error::Term`](super::Error::Term); its message is the
/// [`Error`](super::Error)'s.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum TermError {
    /// A term of zero months was asked for ([D1](crate::_documentation::design#d1)).
    #[error("term of 0 months starting {start} is empty")]
    #[non_exhaustive]
    EmptyTerm {
        /// The requested start date.
        start: NaiveDate,
    },

    /// The term's anniversary (`start + months`) is past the last date the
    /// library can represent, [`NaiveDate::MAX`] ([D1](crate::_documentation::design#d1)).
    #[error(
        "term of {} starting {start} ends after the last supported date {}",
        Months(u64::from(*months)),
        NaiveDate::MAX
    )]
    #[non_exhaustive]
    TermOutOfRange {
        /// The requested start date.
        start: NaiveDate,
        /// The requested number of months.
        months: u32,
    },

    /// A term was given with its last day before its first day.
    #[error("term last day {last_day} is before its first day {first_day}")]
    #[non_exhaustive]
    TermReversed {
        /// The first day given.
        first_day: NaiveDate,
        /// The last day given, earlier than `first_day`.
        last_day: NaiveDate,
    },

    /// A Service Month was given with its last day before its first day.
    #[error("service month last day {last_day} is before its first day {first_day}")]
    #[non_exhaustive]
    ServiceMonthReversed {
        /// The first day given.
        first_day: NaiveDate,
        /// The last day given, earlier than `first_day`.
        last_day: NaiveDate,
    },

    /// A Service Month was given whose days are not in one calendar month
    /// (SLA §1.5, [D2](crate::_documentation::design#d2)).
    #[error("service month {first_day} to {last_day} spans more than one calendar month")]
    #[non_exhaustive]
    ServiceMonthSpansMonths {
        /// The first day given.
        first_day: NaiveDate,
        /// The last day given, in a later calendar month.
        last_day: NaiveDate,
    },

    /// An instant whose calendar day in the SLA zone is outside the dates the
    /// library can represent ([D3](crate::_documentation::design#d3)).
    #[error("instant {instant} has no calendar day in the sla zone {offset}")]
    #[non_exhaustive]
    InstantOutOfRange {
        /// The instant given.
        instant: DateTime<Utc>,
        /// The zone's offset from UTC.
        offset: FixedOffset,
    },

    /// An SLA zone offset that is not `+HH:MM` or `-HH:MM` within a day of
    /// UTC.
    #[error("sla zone offset `{offset}` is not of the form +08:00")]
    #[non_exhaustive]
    InvalidZoneOffset {
        /// The text given.
        offset: String,
    },
}
