//! Purchased terms and their Service Months (SLA §1.5; [D1](crate::_documentation::design#d1), [D2](crate::_documentation::design#d2), [D3](crate::_documentation::design#d3)).
//!
//! A [`Term`] is the inclusive range of calendar days the customer bought.
//! The agreement measures availability per Service Month: each calendar
//! month that the term touches, clipped to the term, so the first and last
//! may be partial. [`Term::service_months`] yields them in order; together
//! they tile the term exactly, with no gap and no overlap (D2).
//!
//! ```
//! use chrono::NaiveDate;
//! use sms_sla::Term;
//!
//! // SLA §1.5: three months from 17 March give four Service Months.
//! let term = Term::from_months(NaiveDate::from_ymd_opt(2024, 3, 17).unwrap(), 3)?;
//! let months: Vec<String> = term.service_months().map(|m| m.to_string()).collect();
//! assert_eq!(
//!     months,
//!     [
//!         "2024-03-17 to 2024-03-31",
//!         "2024-04-01 to 2024-04-30",
//!         "2024-05-01 to 2024-05-31",
//!         "2024-06-01 to 2024-06-16",
//!     ]
//! );
//! # Ok::<(), sms_sla::Error>(())
//! ```

use core::fmt;
use core::iter::FusedIterator;

use chrono::{DateTime, Datelike, Month, Months, NaiveDate, Utc};

use crate::error::{Error, ParseError, TermError};

use crate::zone::SlaZone;

/// A purchased term of the service: an inclusive range of calendar days in
/// the SLA zone.
///
/// Build one from a start date and a number of months
/// ([`Term::from_months`], D1) or from explicit first and last days
/// ([`Term::new`], when the console's expiry date is known). Either way the
/// term is never empty and never reversed.
///
/// # Examples
///
/// ```
/// use chrono::NaiveDate;
/// use sms_sla::Term;
///
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let term = Term::from_months(d(2024, 3, 17), 3)?;
/// assert_eq!(term.first_day(), d(2024, 3, 17));
/// assert_eq!(term.last_day(), d(2024, 6, 16));
/// assert_eq!(term.service_months().len(), 4);
/// assert_eq!(term, Term::new(d(2024, 3, 17), d(2024, 6, 16))?);
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "Days", into = "Days"))]
pub struct Term {
    days: Days,
}

impl Term {
    /// The term of `months` months that starts on `start` ([D1](crate::_documentation::design#d1)).
    ///
    /// The term is the half-open interval `[start, start + months)`, where
    /// `+` is calendar-month addition clamped to the end of the target month
    /// (chrono's [`NaiveDate::checked_add_months`]), always taken from
    /// `start` itself. The last day is the day before that anniversary:
    /// 2024-01-31 plus one month ends on 2024-02-28 (the anniversary is
    /// 29 February), and plus twelve months ends on 2025-01-30.
    ///
    /// # Errors
    ///
    /// - [`TermError::EmptyTerm`](crate::error::TermError::EmptyTerm) when `months` is 0.
    /// - [`TermError::TermOutOfRange`](crate::error::TermError::TermOutOfRange) when the anniversary is after
    ///   [`NaiveDate::MAX`].
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::Term;
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert_eq!(Term::from_months(d(2024, 1, 31), 1)?.last_day(), d(2024, 2, 28));
    /// assert_eq!(Term::from_months(d(2023, 3, 31), 1)?.last_day(), d(2023, 4, 29));
    /// assert_eq!(Term::from_months(d(2024, 1, 31), 12)?.last_day(), d(2025, 1, 30));
    ///
    /// let err = Term::from_months(d(2024, 3, 17), 0).unwrap_err();
    /// assert_eq!(err.to_string(), "term of 0 months starting 2024-03-17 is empty");
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn from_months(start: NaiveDate, months: u32) -> Result<Self, Error> {
        if months == 0 {
            return Err(Error::Term(TermError::EmptyTerm { start }));
        }
        let out_of_range = Error::Term(TermError::TermOutOfRange { start, months });
        let anniversary = start
            .checked_add_months(Months::new(months))
            .ok_or(out_of_range.clone())?;
        // The anniversary is after `start`, so it has a predecessor.
        let last_day = anniversary.pred_opt().ok_or(out_of_range)?;
        Ok(Self {
            days: Days {
                first_day: start,
                last_day,
            },
        })
    }

    /// The term from `first_day` to `last_day`, both inclusive.
    ///
    /// A one-day term (`first_day == last_day`) is valid.
    ///
    /// # Errors
    ///
    /// [`TermError::TermReversed`](crate::error::TermError::TermReversed) when `last_day` is before `first_day`.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::Term;
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let term = Term::new(d(2024, 3, 17), d(2024, 6, 16))?;
    /// assert_eq!(term.service_months().len(), 4);
    ///
    /// let err = Term::new(d(2024, 3, 17), d(2024, 3, 1)).unwrap_err();
    /// assert_eq!(err.to_string(), "term last day 2024-03-01 is before its first day 2024-03-17");
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn new(first_day: NaiveDate, last_day: NaiveDate) -> Result<Self, Error> {
        if last_day < first_day {
            return Err(Error::Term(TermError::TermReversed {
                first_day,
                last_day,
            }));
        }
        Ok(Self {
            days: Days {
                first_day,
                last_day,
            },
        })
    }

    /// The first day of the term.
    #[must_use]
    pub const fn first_day(&self) -> NaiveDate {
        self.days.first_day
    }

    /// The last day of the term (inclusive).
    #[must_use]
    pub const fn last_day(&self) -> NaiveDate {
        self.days.last_day
    }

    /// Whether `date` is one of the term's days.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::Term;
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let term = Term::from_months(d(2024, 3, 17), 3)?;
    /// assert!(term.contains(d(2024, 3, 17)));
    /// assert!(term.contains(d(2024, 6, 16)));
    /// assert!(!term.contains(d(2024, 6, 17)));
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.days.contains(date)
    }

    /// The term's Service Months, in order (SLA §1.5, [D2](crate::_documentation::design#d2)).
    ///
    /// They tile the term: the first starts on [`Term::first_day`], each
    /// next one starts the day after the previous one ends, the last ends on
    /// [`Term::last_day`], and each lies inside one calendar month. A term
    /// from `start` of `N` months has `N` Service Months when `start` is the
    /// first of a month and `N + 1` otherwise.
    ///
    /// The iterator allocates nothing, knows its length, runs from both ends
    /// and skips in constant time ([`Iterator::nth`]). Each month is computed
    /// from the term's first month by calendar-month addition, never from the
    /// month before it.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{Month, NaiveDate};
    /// use sms_sla::Term;
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let term = Term::from_months(d(2024, 3, 17), 3)?;
    /// let mut months = term.service_months();
    /// assert_eq!(months.len(), 4);
    ///
    /// let first = months.next().unwrap();
    /// assert_eq!((first.month(), first.days(), first.is_partial()), (Month::March, 15, true));
    /// let last = months.next_back().unwrap();
    /// assert_eq!((last.month(), last.days(), last.is_partial()), (Month::June, 16, true));
    /// assert_eq!(months.len(), 2);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn service_months(&self) -> ServiceMonths {
        ServiceMonths::new(*self)
    }

    /// The Service Month that holds `date`, or `None` when `date` is outside
    /// the term.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::Term;
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let term = Term::from_months(d(2024, 3, 17), 3)?;
    /// let june = term.service_month_of(d(2024, 6, 2)).unwrap();
    /// assert_eq!((june.first_day(), june.last_day()), (d(2024, 6, 1), d(2024, 6, 16)));
    /// assert_eq!(term.service_month_of(d(2024, 3, 16)), None);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn service_month_of(&self, date: NaiveDate) -> Option<ServiceMonth> {
        if !self.contains(date) {
            return None;
        }
        let (first, last) = calendar_month_of(date)?;
        Some(self.clip(first, last))
    }

    /// The Service Month of an instant, read as a calendar day in `zone`
    /// ([D3](crate::_documentation::design#d3)), or `None` when that day is outside the term.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{Month, NaiveDate, TimeZone, Utc};
    /// use sms_sla::{SlaZone, Term};
    ///
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(), 12)?;
    /// // D3: 16:30 UTC on 31 March is 00:30 on 1 April in UTC+08:00.
    /// let instant = Utc.with_ymd_and_hms(2025, 3, 31, 16, 30, 0).unwrap();
    /// let month = term.service_month_at(instant, SlaZone::default()).unwrap();
    /// assert_eq!(month.month(), Month::April);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn service_month_at(&self, instant: DateTime<Utc>, zone: SlaZone) -> Option<ServiceMonth> {
        zone.date_of(instant)
            .ok()
            .and_then(|date| self.service_month_of(date))
    }

    /// The part of the calendar month `[first, last]` inside the term.
    fn clip(self, first: NaiveDate, last: NaiveDate) -> ServiceMonth {
        ServiceMonth {
            days: Days {
                first_day: first.max(self.days.first_day),
                last_day: last.min(self.days.last_day),
            },
        }
    }
}

impl fmt::Display for Term {
    /// `2024-03-17 to 2024-06-16`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.days, f)
    }
}

/// One Service Month: the days of one calendar month that lie inside a term
/// (SLA §1.5). Availability and compensation are computed for each one on its
/// own.
///
/// Usually obtained from [`Term::service_months`]; [`ServiceMonth::new`]
/// builds one directly (for instance when reading a stored report).
///
/// # Examples
///
/// ```
/// use chrono::{Month, NaiveDate};
/// use sms_sla::ServiceMonth;
///
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let march = ServiceMonth::new(d(2024, 3, 17), d(2024, 3, 31))?;
/// assert_eq!((march.year(), march.month()), (2024, Month::March));
/// assert_eq!(march.days(), 15);
/// assert!(march.is_partial());
/// assert!(march.contains(d(2024, 3, 20)));
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "Days", into = "Days"))]
pub struct ServiceMonth {
    days: Days,
}

impl ServiceMonth {
    /// The Service Month from `first_day` to `last_day`, both inclusive.
    ///
    /// # Errors
    ///
    /// - [`TermError::ServiceMonthReversed`](crate::error::TermError::ServiceMonthReversed) when `last_day` is before
    ///   `first_day`.
    /// - [`TermError::ServiceMonthSpansMonths`](crate::error::TermError::ServiceMonthSpansMonths) when the two days are in
    ///   different calendar months.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::ServiceMonth;
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert!(ServiceMonth::new(d(2024, 2, 1), d(2024, 2, 29)).is_ok());
    ///
    /// let err = ServiceMonth::new(d(2024, 3, 17), d(2024, 4, 16)).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "service month 2024-03-17 to 2024-04-16 spans more than one calendar month",
    /// );
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn new(first_day: NaiveDate, last_day: NaiveDate) -> Result<Self, Error> {
        if last_day < first_day {
            return Err(Error::Term(TermError::ServiceMonthReversed {
                first_day,
                last_day,
            }));
        }
        if (first_day.year(), first_day.month()) != (last_day.year(), last_day.month()) {
            return Err(Error::Term(TermError::ServiceMonthSpansMonths {
                first_day,
                last_day,
            }));
        }
        Ok(Self {
            days: Days {
                first_day,
                last_day,
            },
        })
    }

    /// The first day of the Service Month.
    #[must_use]
    pub const fn first_day(&self) -> NaiveDate {
        self.days.first_day
    }

    /// The last day of the Service Month (inclusive).
    #[must_use]
    pub const fn last_day(&self) -> NaiveDate {
        self.days.last_day
    }

    /// The calendar year of the Service Month.
    #[must_use]
    pub fn year(&self) -> i32 {
        self.days.first_day.year()
    }

    /// The calendar month of the Service Month.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{Month, NaiveDate};
    /// use sms_sla::ServiceMonth;
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert_eq!(ServiceMonth::new(d(2025, 12, 1), d(2025, 12, 31))?.month(), Month::December);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn month(&self) -> Month {
        month_of(self.days.first_day)
    }

    /// The number of days in the Service Month (1 to 31).
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::ServiceMonth;
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert_eq!(ServiceMonth::new(d(2024, 2, 1), d(2024, 2, 29))?.days(), 29);
    /// assert_eq!(ServiceMonth::new(d(2024, 6, 1), d(2024, 6, 16))?.days(), 16);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    #[expect(
        clippy::arithmetic_side_effects,
        reason = "both days are in one month and ordered, so the result is 1..=31"
    )]
    pub fn days(&self) -> u32 {
        self.days.last_day.day() - self.days.first_day.day() + 1
    }

    /// Whether the Service Month is shorter than its calendar month: the
    /// term starts after the 1st or ends before the month's last day.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::ServiceMonth;
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert!(!ServiceMonth::new(d(2024, 4, 1), d(2024, 4, 30))?.is_partial());
    /// assert!(ServiceMonth::new(d(2024, 4, 1), d(2024, 4, 29))?.is_partial());
    /// assert!(ServiceMonth::new(d(2024, 4, 2), d(2024, 4, 30))?.is_partial());
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn is_partial(&self) -> bool {
        self.days.first_day.day() != 1
            || self.days.last_day.day() != u32::from(self.days.last_day.num_days_in_month())
    }

    /// Whether `date` is one of the Service Month's days.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::ServiceMonth;
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let june = ServiceMonth::new(d(2024, 6, 1), d(2024, 6, 16))?;
    /// assert!(june.contains(d(2024, 6, 16)));
    /// assert!(!june.contains(d(2024, 6, 17)));
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.days.contains(date)
    }
}

impl core::str::FromStr for Term {
    type Err = Error;

    /// Reads a term as it displays, `2025-01-01 to 2025-12-31`; as an
    /// inclusive range, `2025-01-01..2025-12-31` (or `..=`); or as a start
    /// and a number of months, `2025-01-01+12` ([D1](crate::_documentation::design#d1)).
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::Term;
    ///
    /// let year: Term = "2025-01-01+12".parse()?;
    /// assert_eq!(year.to_string(), "2025-01-01 to 2025-12-31");
    /// assert_eq!("2025-01-01..2025-12-31".parse::<Term>()?, year);
    /// assert_eq!(year.to_string().parse::<Term>()?, year);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    fn from_str(text: &str) -> Result<Self, Error> {
        let unreadable = || {
            Error::Parse(ParseError::Unreadable {
                what: "a term",
                text: text.to_owned(),
                expected: "`START to LAST`, `START..LAST` or `START+MONTHS`, dates as YYYY-MM-DD",
            })
        };
        let date = |part: &str| part.parse::<NaiveDate>().map_err(|_| unreadable());
        if text.contains(" to ") || text.contains("..") {
            let days = Days::read(text, &[" to ", "..=", ".."]).ok_or_else(unreadable)?;
            return Self::new(days.first_day, days.last_day);
        }
        match text.rsplit_once('+') {
            Some((start, months))
                if !start.is_empty() && months.bytes().all(|b| b.is_ascii_digit()) =>
            {
                let months = months.parse::<u32>().map_err(|_| unreadable())?;
                Self::from_months(date(start)?, months)
            }
            _ => Err(unreadable()),
        }
    }
}

impl core::str::FromStr for ServiceMonth {
    type Err = Error;

    /// Reads a Service Month as it displays, `2024-03-17 to 2024-03-31`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::ServiceMonth;
    ///
    /// let month: ServiceMonth = "2024-03-17 to 2024-03-31".parse()?;
    /// assert_eq!(month.days(), 15);
    /// assert_eq!(month.to_string().parse::<ServiceMonth>()?, month);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    fn from_str(text: &str) -> Result<Self, Error> {
        let unreadable = || {
            Error::Parse(ParseError::Unreadable {
                what: "a service month",
                text: text.to_owned(),
                expected: "`FIRST to LAST`, dates as YYYY-MM-DD",
            })
        };
        let days = Days::read(text, &[" to "]).ok_or_else(unreadable)?;
        Self::new(days.first_day, days.last_day)
    }
}

impl fmt::Display for ServiceMonth {
    /// `2024-03-17 to 2024-03-31`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.days, f)
    }
}

/// The Service Months of a [`Term`], in order; see [`Term::service_months`].
///
/// Each month is computed from its index, so the iterator is cheap to
/// clone, exact in length, double-ended, fused, and skips in constant time.
///
/// # Examples
///
/// ```
/// use chrono::NaiveDate;
/// use sms_sla::Term;
///
/// let term = Term::from_months(NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(), 12)?;
/// let months = term.service_months();
/// assert_eq!(months.len(), 12);
/// assert_eq!(months.map(|m| m.days()).sum::<u32>(), 366);
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct ServiceMonths {
    term: Term,
    /// Index (calendar months after the term's first) of the next month
    /// from the front.
    front: u32,
    /// One past the index of the next month from the back.
    back: u32,
}

impl ServiceMonths {
    fn new(term: Term) -> Self {
        Self {
            term,
            front: 0,
            back: months_between(term.first_day(), term.last_day()),
        }
    }

    /// The Service Month `index` calendar months after the first one.
    fn month_at(&self, index: u32) -> Option<ServiceMonth> {
        // Always from the term's first day (never from the previous month):
        // the sum lands in the calendar month `index` months later, clamped
        // to its end if need be, and is representable for every index below
        // `back` because that month meets the term.
        let day = self
            .term
            .first_day()
            .checked_add_months(Months::new(index))?;
        let (first, last) = calendar_month_of(day)?;
        Some(self.term.clip(first, last))
    }
}

impl Iterator for ServiceMonths {
    type Item = ServiceMonth;

    fn next(&mut self) -> Option<ServiceMonth> {
        if self.front >= self.back {
            return None;
        }
        let month = self.month_at(self.front);
        #[expect(clippy::arithmetic_side_effects, reason = "front < back <= u32::MAX")]
        {
            self.front += 1;
        }
        month
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let len = self.len();
        (len, Some(len))
    }

    fn nth(&mut self, n: usize) -> Option<ServiceMonth> {
        let step = u32::try_from(n).unwrap_or(u32::MAX);
        self.front = self.front.saturating_add(step).min(self.back);
        self.next()
    }

    fn last(mut self) -> Option<ServiceMonth> {
        self.next_back()
    }

    fn count(self) -> usize {
        self.len()
    }
}

impl DoubleEndedIterator for ServiceMonths {
    fn next_back(&mut self) -> Option<ServiceMonth> {
        if self.front >= self.back {
            return None;
        }
        #[expect(clippy::arithmetic_side_effects, reason = "back > front >= 0")]
        {
            self.back -= 1;
        }
        self.month_at(self.back)
    }

    fn nth_back(&mut self, n: usize) -> Option<ServiceMonth> {
        let step = u32::try_from(n).unwrap_or(u32::MAX);
        self.back = self.back.saturating_sub(step).max(self.front);
        self.next_back()
    }
}

impl ExactSizeIterator for ServiceMonths {
    fn len(&self) -> usize {
        // A u32 count always fits the usize of the platforms chrono supports.
        usize::try_from(self.back.saturating_sub(self.front)).unwrap_or(usize::MAX)
    }
}

impl FusedIterator for ServiceMonths {}

/// The number of calendar months from the month of `first` to the month of
/// `last`, both counted; `last` is not before `first`.
fn months_between(first: NaiveDate, last: NaiveDate) -> u32 {
    #[expect(
        clippy::arithmetic_side_effects,
        reason = "|year| <= 262_143, so year * 12 + 11 is far inside i32 and the \
                  difference of two ordered month numbers plus one fits u32"
    )]
    fn month_number(date: NaiveDate) -> i32 {
        date.year() * 12 + date.month0().cast_signed()
    }
    month_number(last)
        .abs_diff(month_number(first))
        .saturating_add(1)
}

/// The calendar month of `date`.
pub(crate) fn month_of(date: NaiveDate) -> Month {
    // chrono offers no infallible day-to-`Month` conversion; stepping
    // `month0()` (0..=11) times from January reaches it with no fallback.
    (0..date.month0()).fold(Month::January, |month, _| month.succ())
}

/// The first and last day of the calendar month holding `date`.
fn calendar_month_of(date: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let first = date.with_day(1)?;
    // The month's last day is the latest of the 31st, 30th, 29th and 28th
    // that chrono accepts; this is faster than `num_days_in_month`, which
    // builds a date to test February for a leap year.
    let last = (28..=31).rev().find_map(|day| date.with_day(day))?;
    Some((first, last))
}

/// The days from a first day to a last day, both included: what a
/// [`Term`] and a [`ServiceMonth`] each are, under rules of its own (a term
/// has any length; a Service Month lies in one calendar month). Both read,
/// display and store as this.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
struct Days {
    first_day: NaiveDate,
    last_day: NaiveDate,
}

impl Days {
    /// Whether `date` is one of the days.
    fn contains(self, date: NaiveDate) -> bool {
        self.first_day <= date && date <= self.last_day
    }

    /// Two dates `YYYY-MM-DD` joined by the first of `separators` the text
    /// holds, in order; `None` when it is not that.
    fn read(text: &str, separators: &[&str]) -> Option<Self> {
        let (first, last) = separators
            .iter()
            .find_map(|separator| text.split_once(separator))?;
        Some(Self {
            first_day: first.parse().ok()?,
            last_day: last.parse().ok()?,
        })
    }
}

impl fmt::Display for Days {
    /// `2024-03-17 to 2024-03-31`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::display::padded(f, |f| write!(f, "{} to {}", self.first_day, self.last_day))
    }
}

#[cfg(feature = "serde")]
impl From<Term> for Days {
    fn from(term: Term) -> Self {
        term.days
    }
}

#[cfg(feature = "serde")]
impl From<ServiceMonth> for Days {
    fn from(month: ServiceMonth) -> Self {
        month.days
    }
}

#[cfg(feature = "serde")]
impl TryFrom<Days> for Term {
    type Error = Error;

    fn try_from(days: Days) -> Result<Self, Error> {
        Self::new(days.first_day, days.last_day)
    }
}

#[cfg(feature = "serde")]
impl TryFrom<Days> for ServiceMonth {
    type Error = Error;

    fn try_from(days: Days) -> Result<Self, Error> {
        Self::new(days.first_day, days.last_day)
    }
}

#[cfg(test)]
mod tests;
