//! The mainland China working-day calendar ([D12](crate::_documentation::design#d12)).

use core::fmt;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use chrono::{Datelike, Month, NaiveDate};

use super::china_data::NOTICES;
use super::{BusinessCalendar, first_of_month, is_weekday};
use crate::error::{CalendarError, Error};

/// The mainland China working-day calendar: Monday to Friday, less the
/// statutory holidays, plus the weekend make-up working days the State
/// Council announces each year ([D12](crate::_documentation::design#d12)).
///
/// Built in: 2004 to 2026, transcribed from the yearly notices (each cited
/// in the source). More years (2027 once announced) or corrections are
/// added as data with [`ChinaMainland::with_schedules`]. A date in a year
/// without data is an error naming the year, never a guess.
///
/// Lookups are a bit test in a per-year bitmap: no allocation, no search.
///
/// # Examples
///
/// ```
/// use chrono::NaiveDate;
/// use sms_sla::calendar::{BusinessCalendar, ChinaMainland};
///
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let china = ChinaMainland::new();
/// assert!(!china.is_business_day(d(2025, 10, 8))?); // National Day holiday
/// assert!(china.is_business_day(d(2025, 10, 11))?); // a Saturday, worked
/// let err = china.is_business_day(d(2027, 1, 4)).unwrap_err();
/// assert_eq!(err.to_string(), "no business-day data for 2027: the calendar covers 2004-2026");
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChinaMainland {
    /// Years loaded as data; they take precedence over the built-in years.
    loaded: BTreeMap<i32, YearDays>,
}

/// Whether schedules add years or correct known ones.
#[derive(Clone, Copy)]
enum Load {
    New,
    Correction,
}

/// One year's business days as a bitmap: bit `i` is day `i` of the year
/// (0-based ordinal).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct YearDays {
    year: i32,
    business: [u64; 6],
}

/// The built-in years, expanded into bitmaps once per process.
fn builtin() -> &'static [YearDays] {
    static YEARS: OnceLock<Vec<YearDays>> = OnceLock::new();
    YEARS.get_or_init(|| {
        NOTICES
            .iter()
            .filter_map(|notice| builtin_schedule(notice.year))
            .map(|schedule| YearDays::from_schedule(&schedule))
            .collect()
    })
}

/// The built-in schedule for `year`, expanded from the notice tables.
fn builtin_schedule(year: i32) -> Option<HolidaySchedule> {
    let notice = NOTICES.iter().find(|notice| notice.year == year)?;
    let date = |(month, day): (u32, u32)| NaiveDate::from_ymd_opt(year, month, day);
    let mut days_off = BTreeSet::new();
    for &(_, first, last) in notice.days_off {
        let (first, last) = (date(first)?, date(last)?);
        days_off.extend(first.iter_days().take_while(|day| *day <= last));
    }
    let make_up_workdays = notice
        .make_up_days
        .iter()
        .map(|&day| date(day))
        .collect::<Option<_>>()?;
    Some(HolidaySchedule {
        year,
        source: None,
        days_off,
        make_up_workdays,
    })
}

impl YearDays {
    fn from_schedule(schedule: &HolidaySchedule) -> Self {
        let mut business = [0_u64; 6];
        let first = NaiveDate::from_yo_opt(schedule.year, 1);
        for date in first
            .iter()
            .flat_map(NaiveDate::iter_days)
            .take_while(|d| d.year() == schedule.year)
        {
            let working = if schedule.make_up_workdays.contains(&date) {
                true
            } else {
                is_weekday(date) && !schedule.days_off.contains(&date)
            };
            if working {
                set_bit(&mut business, date.ordinal0());
            }
        }
        Self {
            year: schedule.year,
            business,
        }
    }

    fn is_business_day(&self, date: NaiveDate) -> bool {
        bit(&self.business, date.ordinal0())
    }
}

fn set_bit(bits: &mut [u64; 6], index: u32) {
    if let Some(word) = bits.get_mut(usize::try_from(index / 64).unwrap_or(usize::MAX)) {
        *word |= 1 << (index % 64);
    }
}

fn bit(bits: &[u64; 6], index: u32) -> bool {
    bits.get(usize::try_from(index / 64).unwrap_or(usize::MAX))
        .is_some_and(|word| word & (1 << (index % 64)) != 0)
}

/// The position of the `n`th set bit (`n` from 1) among positions `from` to
/// `to` inclusive, if there are that many.
fn nth_set_bit(bits: &[u64; 6], from: u32, to: u32, n: u32) -> Option<u32> {
    let mut remaining = n;
    for index in from / 64..=to / 64 {
        let mut word = *bits.get(usize::try_from(index).ok()?)?;
        if index == from / 64 {
            word &= u64::MAX << (from % 64);
        }
        if index == to / 64 {
            word &= u64::MAX >> (63_u32.saturating_sub(to % 64));
        }
        let count = word.count_ones();
        if count < remaining {
            remaining = remaining.saturating_sub(count);
            continue;
        }
        // Clear the lowest `remaining - 1` set bits; the next is the one.
        for _ in 1..remaining {
            word &= word.wrapping_sub(1);
        }
        return index.checked_mul(64)?.checked_add(word.trailing_zeros());
    }
    None
}

impl ChinaMainland {
    /// The first built-in year.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::calendar::{BusinessCalendar, ChinaMainland};
    ///
    /// assert!(ChinaMainland::new().covers(ChinaMainland::FIRST_BUILT_IN_YEAR));
    /// ```
    pub const FIRST_BUILT_IN_YEAR: i32 = 2004;

    /// The last built-in year.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::calendar::{BusinessCalendar, ChinaMainland};
    ///
    /// assert!(!ChinaMainland::new().covers(ChinaMainland::LAST_BUILT_IN_YEAR + 1));
    /// ```
    pub const LAST_BUILT_IN_YEAR: i32 = 2026;

    /// The calendar with the built-in years, 2004 to 2026.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::calendar::{BusinessCalendar, ChinaMainland};
    ///
    /// let china = ChinaMainland::new();
    /// assert!(china.covers(2004) && china.covers(2026));
    /// assert!(!china.covers(2003) && !china.covers(2027));
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The same calendar with `schedules` added: years it does not know yet,
    /// such as next year's notice once it is announced.
    ///
    /// A year the calendar already has (built in or loaded before) is never
    /// replaced here: correcting a known year is
    /// [`ChinaMainland::with_corrected_schedules`], so that a replacement is
    /// always asked for by name.
    ///
    /// # Errors
    ///
    /// - [`CalendarError::DuplicateScheduleYear`](crate::error::CalendarError::DuplicateScheduleYear) when two schedules are for the
    ///   same year.
    /// - [`CalendarError::ScheduleYearKnown`](crate::error::CalendarError::ScheduleYearKnown) when the calendar already has a
    ///   schedule's year.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{NaiveDate, Weekday};
    /// use sms_sla::calendar::{BusinessCalendar, ChinaMainland, HolidaySchedule};
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// // A year given as data (here made up): New Year's Day off, one Saturday worked.
    /// let year = HolidaySchedule::new(2030, [d(2030, 1, 1)], [d(2030, 1, 5)])?;
    /// let china = ChinaMainland::new().with_schedules([year])?;
    /// assert!(china.covers(2030));
    /// assert!(!china.is_business_day(d(2030, 1, 1))?);
    /// assert!(china.is_business_day(d(2030, 1, 5))?);
    ///
    /// let err = china.with_schedules([HolidaySchedule::new(2026, [], [])?]).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "the calendar already has a schedule for 2026: replace it with with_corrected_schedules",
    /// );
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn with_schedules(
        self,
        schedules: impl IntoIterator<Item = HolidaySchedule>,
    ) -> Result<Self, Error> {
        self.load(schedules, Load::New)
    }

    /// The same calendar with known years replaced by `schedules`: a
    /// correction to a built-in year, or to one loaded before (for instance
    /// the late-December make-up days that the next year's notice adds).
    ///
    /// # Errors
    ///
    /// - [`CalendarError::DuplicateScheduleYear`](crate::error::CalendarError::DuplicateScheduleYear) when two schedules are for the
    ///   same year.
    /// - [`CalendarError::ScheduleYearUnknown`](crate::error::CalendarError::ScheduleYearUnknown) when the calendar has no schedule
    ///   for a year yet (add it with [`ChinaMainland::with_schedules`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::calendar::{BusinessCalendar, ChinaMainland, HolidaySchedule};
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let built_in = ChinaMainland::built_in_schedule(2026).unwrap();
    /// // The 2027 notice makes Sunday 27 December 2026 a working day (here made up).
    /// let corrected = HolidaySchedule::new(
    ///     2026,
    ///     built_in.days_off(),
    ///     built_in.make_up_workdays().chain([d(2026, 12, 27)]),
    /// )?;
    /// let china = ChinaMainland::new().with_corrected_schedules([corrected])?;
    /// assert!(china.is_business_day(d(2026, 12, 27))?);
    ///
    /// let err = china.with_corrected_schedules([HolidaySchedule::new(2031, [], [])?]).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "the calendar has no schedule for 2031 to correct: add it with with_schedules",
    /// );
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn with_corrected_schedules(
        self,
        schedules: impl IntoIterator<Item = HolidaySchedule>,
    ) -> Result<Self, Error> {
        self.load(schedules, Load::Correction)
    }

    /// Adds or replaces schedules, every year checked before any is kept.
    fn load(
        mut self,
        schedules: impl IntoIterator<Item = HolidaySchedule>,
        load: Load,
    ) -> Result<Self, Error> {
        let mut years = BTreeMap::new();
        for schedule in schedules {
            let year = schedule.year;
            let known = self.covers(year);
            match load {
                Load::New if known => {
                    return Err(Error::Calendar(CalendarError::ScheduleYearKnown { year }));
                }
                Load::Correction if !known => {
                    return Err(Error::Calendar(CalendarError::ScheduleYearUnknown { year }));
                }
                Load::New | Load::Correction => {}
            }
            if years
                .insert(year, YearDays::from_schedule(&schedule))
                .is_some()
            {
                return Err(Error::Calendar(CalendarError::DuplicateScheduleYear {
                    year,
                }));
            }
        }
        self.loaded.append(&mut years);
        Ok(self)
    }

    /// The built-in schedule of `year`, as data (for instance to write it
    /// out as JSON); `None` outside 2004-2026.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::calendar::ChinaMainland;
    ///
    /// let schedule = ChinaMainland::built_in_schedule(2024).unwrap();
    /// assert!(schedule.make_up_workdays().any(|d| d == NaiveDate::from_ymd_opt(2024, 10, 12).unwrap()));
    /// assert!(ChinaMainland::built_in_schedule(2027).is_none());
    /// ```
    #[must_use]
    pub fn built_in_schedule(year: i32) -> Option<HolidaySchedule> {
        builtin_schedule(year)
    }

    /// The years the calendar covers, as ranges such as `2004-2026`.
    fn coverage(&self) -> String {
        let builtin = builtin().iter().map(|days| days.year);
        let years: BTreeSet<i32> = builtin.chain(self.loaded.keys().copied()).collect();
        let mut ranges: Vec<(i32, i32)> = Vec::new();
        for year in years {
            match ranges.last_mut() {
                Some(range) if range.1.checked_add(1) == Some(year) => range.1 = year,
                _ => ranges.push((year, year)),
            }
        }
        let parts: Vec<String> = ranges
            .into_iter()
            .map(|(first, last)| {
                if first == last {
                    first.to_string()
                } else {
                    format!("{first}-{last}")
                }
            })
            .collect();
        parts.join(", ")
    }

    fn year(&self, year: i32) -> Result<&YearDays, Error> {
        if let Some(days) = self.loaded.get(&year) {
            return Ok(days);
        }
        year.checked_sub(Self::FIRST_BUILT_IN_YEAR)
            .and_then(|index| usize::try_from(index).ok())
            .and_then(|index| builtin().get(index))
            .ok_or_else(|| {
                Error::Calendar(CalendarError::CalendarYearNotCovered {
                    year,
                    covered: self.coverage(),
                })
            })
    }
}

impl BusinessCalendar for ChinaMainland {
    fn is_business_day(&self, date: NaiveDate) -> Result<bool, Error> {
        Ok(self.year(date.year())?.is_business_day(date))
    }

    fn covers(&self, year: i32) -> bool {
        self.year(year).is_ok()
    }

    /// A select over the year's bitmap from the month's first day.
    fn nth_business_day(&self, year: i32, month: Month, n: u32) -> Result<NaiveDate, Error> {
        if n == 0 {
            return Err(Error::Calendar(CalendarError::ZeroBusinessDayOrdinal));
        }
        let days = self.year(year)?;
        let first = first_of_month(year, month)?;
        // Select to the end of the year, then check the result is still in
        // the month: cheaper than finding the month's last day first.
        let found = nth_set_bit(&days.business, first.ordinal0(), 365, n)
            .and_then(|ordinal| first.with_ordinal0(ordinal))
            .filter(|date| date.month() == first.month());
        found.ok_or_else(|| {
            Error::Calendar(CalendarError::TooFewBusinessDays {
                year,
                month: month.number_from_month(),
                n,
                found: first
                    .iter_days()
                    .take_while(|date| date.month() == first.month())
                    .filter(|date| days.is_business_day(*date))
                    .fold(0, |count: u32, _| count.saturating_add(1)),
            })
        })
    }
}

/// One year's days off and make-up working days, as a State Council notice
/// gives them: the data that extends [`ChinaMainland`] ([D12](crate::_documentation::design#d12)).
///
/// In JSON (serde), dates as `YYYY-MM-DD`:
///
/// ```json
/// {
///   "year": 2027,
///   "source": "国务院办公厅关于2027年部分节假日安排的通知",
///   "days_off": ["2027-01-01", "2027-01-02", "2027-01-03"],
///   "make_up_workdays": ["2027-01-09"]
/// }
/// ```
///
/// `days_off` lists every day of each holiday block (weekend days inside a
/// block may be listed or not: they are not business days either way);
/// `make_up_workdays` lists the weekend days worked instead; `source` is
/// optional. Validated when built or read: every date in the year, no day
/// both off and worked, no day listed twice, make-up days on weekends.
///
/// # Examples
///
/// ```
/// use chrono::NaiveDate;
/// use sms_sla::calendar::HolidaySchedule;
///
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let schedule = HolidaySchedule::new(2027, [d(2027, 1, 1)], [])?;
/// assert_eq!(schedule.to_string(), "2027: 1 day off, 0 make-up working days");
///
/// let err = HolidaySchedule::new(2027, [], [d(2027, 1, 4)]).unwrap_err();
/// assert_eq!(err.to_string(), "make-up working day 2027-01-04 is a Monday, not a weekend day");
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ScheduleWire"))]
pub struct HolidaySchedule {
    year: i32,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    source: Option<String>,
    days_off: BTreeSet<NaiveDate>,
    make_up_workdays: BTreeSet<NaiveDate>,
}

impl HolidaySchedule {
    /// The years a schedule can be given for: from 1949, when the present
    /// State Council holiday system begins, to 9999.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::calendar::HolidaySchedule;
    ///
    /// assert_eq!(HolidaySchedule::YEARS, 1949..=9999);
    /// let err = HolidaySchedule::new(10_000, [], []).unwrap_err();
    /// assert_eq!(err.to_string(), "holiday schedule year 10000 is outside 1949 to 9999");
    /// ```
    pub const YEARS: core::ops::RangeInclusive<i32> = 1949..=9999;

    /// The schedule of `year`: its days off and its make-up working days.
    ///
    /// # Errors
    ///
    /// - [`CalendarError::ScheduleYearOutOfRange`](crate::error::CalendarError::ScheduleYearOutOfRange) when `year` is outside
    ///   [`HolidaySchedule::YEARS`].
    /// - [`CalendarError::ScheduleDateOutsideYear`](crate::error::CalendarError::ScheduleDateOutsideYear) when a date is in another year.
    /// - [`CalendarError::ScheduleDateRepeated`](crate::error::CalendarError::ScheduleDateRepeated) when a date is listed twice.
    /// - [`CalendarError::ScheduleDayOffAndWorked`](crate::error::CalendarError::ScheduleDayOffAndWorked) when a date is both off and a
    ///   make-up day.
    /// - [`CalendarError::MakeUpDayNotWeekend`](crate::error::CalendarError::MakeUpDayNotWeekend) when a make-up day falls Monday to
    ///   Friday.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::calendar::HolidaySchedule;
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let err = HolidaySchedule::new(2027, [d(2026, 12, 31)], []).unwrap_err();
    /// assert_eq!(err.to_string(), "holiday schedule for 2027 lists 2026-12-31, a day of another year");
    /// ```
    pub fn new(
        year: i32,
        days_off: impl IntoIterator<Item = NaiveDate>,
        make_up_workdays: impl IntoIterator<Item = NaiveDate>,
    ) -> Result<Self, Error> {
        if !Self::YEARS.contains(&year) {
            return Err(Error::Calendar(CalendarError::ScheduleYearOutOfRange {
                year,
            }));
        }
        let collect =
            |dates: &mut dyn Iterator<Item = NaiveDate>| -> Result<BTreeSet<NaiveDate>, Error> {
                let mut set = BTreeSet::new();
                for date in dates {
                    if date.year() != year {
                        return Err(Error::Calendar(CalendarError::ScheduleDateOutsideYear {
                            year,
                            date,
                        }));
                    }
                    if !set.insert(date) {
                        return Err(Error::Calendar(CalendarError::ScheduleDateRepeated {
                            date,
                        }));
                    }
                }
                Ok(set)
            };
        let days_off = collect(&mut days_off.into_iter())?;
        let make_up_workdays = collect(&mut make_up_workdays.into_iter())?;
        if let Some(&date) = days_off.intersection(&make_up_workdays).next() {
            return Err(Error::Calendar(CalendarError::ScheduleDayOffAndWorked {
                date,
            }));
        }
        if let Some(&date) = make_up_workdays.iter().find(|&&date| is_weekday(date)) {
            return Err(Error::Calendar(CalendarError::MakeUpDayNotWeekend { date }));
        }
        Ok(Self {
            year,
            source: None,
            days_off,
            make_up_workdays,
        })
    }

    /// The same schedule noting where it comes from (the notice's title
    /// and date).
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::calendar::HolidaySchedule;
    ///
    /// let schedule = HolidaySchedule::new(2027, [], [])?.with_source("a notice");
    /// assert_eq!(schedule.source(), Some("a notice"));
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn with_source(mut self, source: impl Into<String>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// The year the schedule is for.
    #[must_use]
    pub const fn year(&self) -> i32 {
        self.year
    }

    /// Where the schedule comes from, if noted.
    #[must_use]
    pub fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }

    /// The days off, in order.
    #[must_use]
    pub fn days_off(&self) -> impl ExactSizeIterator<Item = NaiveDate> + '_ {
        self.days_off.iter().copied()
    }

    /// The weekend days worked, in order.
    #[must_use]
    pub fn make_up_workdays(&self) -> impl ExactSizeIterator<Item = NaiveDate> + '_ {
        self.make_up_workdays.iter().copied()
    }
}

impl fmt::Display for HolidaySchedule {
    /// `2025: 28 days off, 5 make-up working days`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::display::padded(f, |f| {
            let (off, worked) = (self.days_off.len(), self.make_up_workdays.len());
            write!(
                f,
                "{}: {off} day{} off, {worked} make-up working day{}",
                self.year,
                if off == 1 { "" } else { "s" },
                if worked == 1 { "" } else { "s" },
            )
        })
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ScheduleWire {
    year: i32,
    #[serde(default)]
    source: Option<String>,
    days_off: Vec<NaiveDate>,
    make_up_workdays: Vec<NaiveDate>,
}

#[cfg(feature = "serde")]
impl TryFrom<ScheduleWire> for HolidaySchedule {
    type Error = Error;

    fn try_from(wire: ScheduleWire) -> Result<Self, Error> {
        let schedule = Self::new(wire.year, wire.days_off, wire.make_up_workdays)?;
        Ok(match wire.source {
            Some(source) => schedule.with_source(source),
            None => schedule,
        })
    }
}

#[cfg(test)]
mod tests;
