//! Errors of business-day calendars, holiday schedules and claim windows.

use super::weekday_name;
use crate::term::ServiceMonth;
use chrono::{Datelike, NaiveDate};

/// Errors of business-day calendars, holiday schedules and claim windows.
///
/// A variant of [`Error::Calendar`](super::Error::Calendar); its message is the
/// [`Error`](super::Error)'s.
///
/// Stored (feature `serde`), each is its rule's snake-case name with its
/// values, as an unavailable claim outlook of a stored assessment keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum CalendarError {
    /// A business-day calendar without data for a year ([D12](crate::_documentation::design#d12)).
    ///
    /// The one rule a caller builds: a [`BusinessCalendar`](crate::calendar::BusinessCalendar)
    /// of its own returns it for a year it has no data for.
    #[error("no business-day data for {year}: the calendar covers {covered}")]
    CalendarYearNotCovered {
        /// The year asked about.
        year: i32,
        /// The years the calendar covers, such as `2004-2026`.
        covered: String,
    },

    /// A business-day ordinal of 0: they count from 1.
    #[error("business days are counted from 1, not 0")]
    ZeroBusinessDayOrdinal,

    /// A month with fewer business days than asked for.
    #[error("{year}-{month:02} has {found} business days, fewer than {n}")]
    #[non_exhaustive]
    TooFewBusinessDays {
        /// The year.
        year: i32,
        /// The month, 1 to 12.
        month: u32,
        /// The ordinal asked for.
        n: u32,
        /// The business days the month has.
        found: u32,
    },

    /// A month that cannot be represented.
    #[error("month {year}-{month:02} is outside the supported dates")]
    #[non_exhaustive]
    MonthOutOfRange {
        /// The year.
        year: i32,
        /// The month, 1 to 12.
        month: u32,
    },

    /// A schedule added for a year the calendar already has: a known year
    /// is replaced only on request ([D12](crate::_documentation::design#d12)).
    #[error(
        "the calendar already has a schedule for {year}: replace it with with_corrected_schedules"
    )]
    #[non_exhaustive]
    ScheduleYearKnown {
        /// The year already known.
        year: i32,
    },

    /// A correction for a year the calendar has no schedule for ([D12](crate::_documentation::design#d12)).
    #[error("the calendar has no schedule for {year} to correct: add it with with_schedules")]
    #[non_exhaustive]
    ScheduleYearUnknown {
        /// The year not known.
        year: i32,
    },

    /// Two holiday schedules for one year in one load ([D12](crate::_documentation::design#d12)).
    #[error("holiday schedule for {year} is given more than once")]
    #[non_exhaustive]
    DuplicateScheduleYear {
        /// The year given twice.
        year: i32,
    },

    /// A holiday schedule for a year outside 1949 to 9999 ([D12](crate::_documentation::design#d12)).
    #[error("holiday schedule year {year} is outside 1949 to 9999")]
    #[non_exhaustive]
    ScheduleYearOutOfRange {
        /// The year given.
        year: i32,
    },

    /// A holiday schedule listing a day of another year.
    #[error("holiday schedule for {year} lists {date}, a day of another year")]
    #[non_exhaustive]
    ScheduleDateOutsideYear {
        /// The schedule's year.
        year: i32,
        /// The date in another year.
        date: NaiveDate,
    },

    /// A holiday schedule listing a day twice.
    #[error("holiday schedule lists {date} more than once")]
    #[non_exhaustive]
    ScheduleDateRepeated {
        /// The date listed twice.
        date: NaiveDate,
    },

    /// A day listed both as a day off and as a make-up working day.
    #[error("{date} is listed both as a day off and as a make-up working day")]
    #[non_exhaustive]
    ScheduleDayOffAndWorked {
        /// The date in both lists.
        date: NaiveDate,
    },

    /// A make-up working day on a weekday: make-up days replace weekend
    /// days ([D12](crate::_documentation::design#d12)).
    #[error("make-up working day {date} is a {}, not a weekend day", weekday_name(date.weekday()))]
    #[non_exhaustive]
    MakeUpDayNotWeekend {
        /// The date given.
        date: NaiveDate,
    },

    /// A claim window whose dates cannot be represented ([D11](crate::_documentation::design#d11)).
    #[error("the claim window of service month {month} falls outside the supported dates")]
    #[non_exhaustive]
    ClaimWindowOutOfRange {
        /// The Service Month.
        month: ServiceMonth,
    },

    /// A claim window that would close before it opens ([D11](crate::_documentation::design#d11)).
    #[error(
        "the claim window of service month {month} would open {opens_on} but close {closes_on}"
    )]
    #[non_exhaustive]
    EmptyClaimWindow {
        /// The Service Month.
        month: ServiceMonth,
        /// The day it would open.
        opens_on: NaiveDate,
        /// The day it would close, before `opens_on`.
        closes_on: NaiveDate,
    },
}
