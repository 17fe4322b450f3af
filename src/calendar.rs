//! Business days (SLA §3.2; [D12](crate::_documentation::design#d12)).
//!
//! A claim opens after the 5th business day of a month, and in mainland
//! China a business day is not simply Monday to Friday: statutory holidays
//! are off, and some weekend days are worked instead (调休, make-up days),
//! as the State Council announces each year. [`ChinaMainland`] knows those
//! announcements for 2004-2026 and can be given more years as data;
//! [`Weekdays`] is the plain Monday-Friday calendar. Both implement
//! [`BusinessCalendar`], which callers may implement for calendars of their
//! own.
//!
//! ```
//! use chrono::{Month, NaiveDate};
//! use sms_sla::calendar::{BusinessCalendar, ChinaMainland, Weekdays};
//!
//! let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! let china = ChinaMainland::new();
//! // Saturday 12 October 2024 was a make-up working day.
//! assert!(china.is_business_day(d(2024, 10, 12))?);
//! assert!(!Weekdays.is_business_day(d(2024, 10, 12))?);
//! // So the 5th business day of October 2024 differs.
//! assert_eq!(china.nth_business_day(2024, Month::October, 5)?, d(2024, 10, 12));
//! assert_eq!(Weekdays.nth_business_day(2024, Month::October, 5)?, d(2024, 10, 7));
//! # Ok::<(), sms_sla::Error>(())
//! ```

mod china;
mod china_data;

pub use self::china::{ChinaMainland, HolidaySchedule};

use chrono::{Datelike, Month, NaiveDate, Weekday};

use crate::error::{CalendarError, Error};

/// A calendar of business days.
///
/// Implementors provide [`is_business_day`](BusinessCalendar::is_business_day)
/// and [`covers`](BusinessCalendar::covers); the rest have default
/// implementations built on them.
///
/// # Examples
///
/// A calendar of your own, here every day but Sunday:
///
/// ```
/// use chrono::{Datelike, Month, NaiveDate, Weekday};
/// use sms_sla::Error;
/// use sms_sla::calendar::BusinessCalendar;
///
/// struct SixDays;
///
/// impl BusinessCalendar for SixDays {
///     fn is_business_day(&self, date: NaiveDate) -> Result<bool, Error> {
///         Ok(date.weekday() != Weekday::Sun)
///     }
///
///     fn covers(&self, _year: i32) -> bool {
///         true
///     }
/// }
///
/// let fifth = SixDays.nth_business_day(2024, Month::September, 5)?;
/// assert_eq!(fifth, NaiveDate::from_ymd_opt(2024, 9, 6).unwrap());
/// # Ok::<(), sms_sla::Error>(())
/// ```
pub trait BusinessCalendar {
    /// Whether `date` is a business day.
    ///
    /// # Errors
    ///
    /// [`CalendarError::CalendarYearNotCovered`] (or an implementor's own error)
    /// when the calendar has no data for `date`'s year: never a guess
    /// ([D12](crate::_documentation::design#d12)).
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::calendar::{BusinessCalendar, ChinaMainland};
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert!(!ChinaMainland::new().is_business_day(d(2024, 10, 1))?);
    /// assert!(ChinaMainland::new().is_business_day(d(2027, 1, 4)).is_err());
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    fn is_business_day(&self, date: NaiveDate) -> Result<bool, Error>;

    /// Whether the calendar has data for every day of `year`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::calendar::{BusinessCalendar, ChinaMainland, Weekdays};
    ///
    /// assert!(ChinaMainland::new().covers(2025));
    /// assert!(Weekdays.covers(2099));
    /// ```
    fn covers(&self, year: i32) -> bool;

    /// The `n`th business day (counting from 1) of `month` in `year`.
    ///
    /// # Errors
    ///
    /// - [`CalendarError::ZeroBusinessDayOrdinal`] when `n` is 0.
    /// - [`CalendarError::TooFewBusinessDays`] when the month has fewer than `n`
    ///   business days.
    /// - [`CalendarError::MonthOutOfRange`] when the month cannot be represented.
    /// - Any error of [`is_business_day`](BusinessCalendar::is_business_day).
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{Month, NaiveDate};
    /// use sms_sla::calendar::{BusinessCalendar, ChinaMainland};
    ///
    /// // 1-3 January 2026 were off; Sunday the 4th was worked.
    /// let fifth = ChinaMainland::new().nth_business_day(2026, Month::January, 5)?;
    /// assert_eq!(fifth, NaiveDate::from_ymd_opt(2026, 1, 8).unwrap());
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    fn nth_business_day(&self, year: i32, month: Month, n: u32) -> Result<NaiveDate, Error> {
        if n == 0 {
            return Err(Error::Calendar(CalendarError::ZeroBusinessDayOrdinal));
        }
        let first = first_of_month(year, month)?;
        let mut seen = 0_u32;
        for date in first
            .iter_days()
            .take_while(|date| date.month() == first.month())
        {
            if self.is_business_day(date)? {
                seen = seen.saturating_add(1);
                if seen == n {
                    return Ok(date);
                }
            }
        }
        Err(Error::Calendar(CalendarError::TooFewBusinessDays {
            year,
            month: month.number_from_month(),
            n,
            found: seen,
        }))
    }
}

impl<C: BusinessCalendar + ?Sized> BusinessCalendar for &C {
    fn is_business_day(&self, date: NaiveDate) -> Result<bool, Error> {
        (**self).is_business_day(date)
    }

    fn covers(&self, year: i32) -> bool {
        (**self).covers(year)
    }

    fn nth_business_day(&self, year: i32, month: Month, n: u32) -> Result<NaiveDate, Error> {
        (**self).nth_business_day(year, month, n)
    }
}

/// The plain Monday-to-Friday calendar, for every year.
///
/// # Examples
///
/// ```
/// use chrono::NaiveDate;
/// use sms_sla::calendar::{BusinessCalendar, Weekdays};
///
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert!(Weekdays.is_business_day(d(2024, 10, 1))?); // a holiday in China, a Tuesday here
/// assert!(!Weekdays.is_business_day(d(2024, 10, 5))?);
/// assert!(Weekdays.covers(1900));
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Weekdays;

impl BusinessCalendar for Weekdays {
    fn is_business_day(&self, date: NaiveDate) -> Result<bool, Error> {
        Ok(is_weekday(date))
    }

    fn covers(&self, _year: i32) -> bool {
        true
    }
}

/// Whether `date` falls Monday to Friday.
pub(crate) fn is_weekday(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The first day of `month` in `year`.
pub(crate) fn first_of_month(year: i32, month: Month) -> Result<NaiveDate, Error> {
    NaiveDate::from_ymd_opt(year, month.number_from_month(), 1).ok_or(Error::Calendar(
        CalendarError::MonthOutOfRange {
            year,
            month: month.number_from_month(),
        },
    ))
}
