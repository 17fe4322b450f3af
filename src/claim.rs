//! When a claim may be filed (SLA §3.2; [D11](crate::_documentation::design#d11)).
//!
//! A claim for a Service Month may be filed after the 5th business day of
//! the month following the month in which the Service Month ends, and no
//! later than 60 calendar days after the Service Month ends. Both ends are
//! dates in the SLA zone, and both are inclusive.

use core::fmt;

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, Utc};

use crate::calendar::BusinessCalendar;
use crate::error::{CalendarError, Error, PolicyError};
use crate::term::ServiceMonth;
use crate::zone::SlaZone;

/// The claim rule of an agreement (§3.2, [D11](crate::_documentation::design#d11), [D16](crate::_documentation::design#d16)): which business day
/// of the following month a claim opens after, and how many calendar days
/// after the Service Month it closes.
///
/// # Examples
///
/// ```
/// use sms_sla::ClaimRule;
///
/// let rule = ClaimRule::TENCENT_SMS;
/// assert_eq!((rule.business_day_ordinal(), rule.deadline_days()), (5, 60));
/// assert!(ClaimRule::new(0, 60).is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ClaimRuleWire"))]
pub struct ClaimRule {
    business_day: u32,
    deadline_days: u32,
}

impl ClaimRule {
    /// This agreement's rule: after the 5th business day of the next month,
    /// until 60 calendar days after the Service Month (§3.2).
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::SlaPolicy;
    /// use sms_sla::ClaimRule;
    ///
    /// assert_eq!(SlaPolicy::tencent_sms().claim_rule(), ClaimRule::TENCENT_SMS);
    /// ```
    pub const TENCENT_SMS: Self = Self {
        business_day: 5,
        deadline_days: 60,
    };

    /// A rule opening after the `business_day`th business day (1 to 23) of
    /// the following month and closing `deadline_days` after the Service
    /// Month ends.
    ///
    /// # Errors
    ///
    /// [`PolicyError::InvalidClaimBusinessDay`](crate::error::PolicyError::InvalidClaimBusinessDay) when `business_day` is 0 or above
    /// 23 (no month has more business days).
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::ClaimRule;
    ///
    /// let rule = ClaimRule::new(3, 90)?;
    /// assert_eq!(rule.deadline_days(), 90);
    /// let err = ClaimRule::new(24, 60).unwrap_err();
    /// assert_eq!(err.to_string(), "claim business day 24 is not between 1 and 23");
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn new(business_day: u32, deadline_days: u32) -> Result<Self, Error> {
        if !(1..=23).contains(&business_day) {
            return Err(Error::Policy(PolicyError::InvalidClaimBusinessDay {
                business_day,
            }));
        }
        Ok(Self {
            business_day,
            deadline_days,
        })
    }

    /// Which business day of the following month claims open after: 5 for
    /// the 5th.
    #[must_use]
    pub const fn business_day_ordinal(&self) -> u32 {
        self.business_day
    }

    /// Calendar days after the Service Month's last day on which claims
    /// close (inclusive).
    #[must_use]
    pub const fn deadline_days(&self) -> u32 {
        self.deadline_days
    }

    /// The claim window of `month` under this rule, business days counted
    /// by `calendar` and filing instants judged in `zone` ([D3](crate::_documentation::design#d3), [D11](crate::_documentation::design#d11)).
    ///
    /// # Errors
    ///
    /// - Any error of `calendar`, such as a year it has no data for.
    /// - [`CalendarError::ClaimWindowOutOfRange`](crate::error::CalendarError::ClaimWindowOutOfRange) when a date of the window cannot
    ///   be represented.
    /// - [`CalendarError::EmptyClaimWindow`](crate::error::CalendarError::EmptyClaimWindow) when the window would close before it
    ///   opens.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::calendar::Weekdays;
    /// use sms_sla::ClaimRule;
    /// use sms_sla::{ServiceMonth, SlaZone};
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let march = ServiceMonth::new(d(2025, 3, 1), d(2025, 3, 31))?;
    /// let window = ClaimRule::TENCENT_SMS.window(&march, &Weekdays, SlaZone::default())?;
    /// assert_eq!((window.opens_on(), window.closes_on()), (d(2025, 4, 8), d(2025, 5, 30)));
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn window<C: BusinessCalendar + ?Sized>(
        &self,
        month: &ServiceMonth,
        calendar: &C,
        zone: SlaZone,
    ) -> Result<ClaimWindow, Error> {
        let out_of_range =
            || Error::Calendar(CalendarError::ClaimWindowOutOfRange { month: *month });
        let next = month
            .first_day()
            .with_day(1)
            .and_then(|first| first.checked_add_months(Months::new(1)))
            .ok_or_else(out_of_range)?;
        let next_month = crate::term::month_of(next);
        let nth = calendar.nth_business_day(next.year(), next_month, self.business_day)?;
        let opens_on = nth.succ_opt().ok_or_else(out_of_range)?;
        let closes_on = month
            .last_day()
            .checked_add_days(Days::new(u64::from(self.deadline_days)))
            .ok_or_else(out_of_range)?;
        if closes_on < opens_on {
            return Err(Error::Calendar(CalendarError::EmptyClaimWindow {
                month: *month,
                opens_on,
                closes_on,
            }));
        }
        Ok(ClaimWindow {
            service_month: *month,
            opens_on,
            closes_on,
            zone,
        })
    }
}

impl Default for ClaimRule {
    /// [`ClaimRule::TENCENT_SMS`].
    fn default() -> Self {
        Self::TENCENT_SMS
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ClaimRuleWire {
    business_day: u32,
    deadline_days: u32,
}

#[cfg(feature = "serde")]
impl TryFrom<ClaimRuleWire> for ClaimRule {
    type Error = Error;

    fn try_from(wire: ClaimRuleWire) -> Result<Self, Error> {
        Self::new(wire.business_day, wire.deadline_days)
    }
}

/// The days on which a claim for one Service Month may be filed: from
/// [`opens_on`](ClaimWindow::opens_on) to
/// [`closes_on`](ClaimWindow::closes_on), both inclusive, in the SLA zone
/// (§3.2, [D11](crate::_documentation::design#d11)). Never empty.
///
/// # Examples
///
/// ```
/// use chrono::NaiveDate;
/// use sms_sla::calendar::ChinaMainland;
/// use sms_sla::ClaimStatus;
/// use sms_sla::{ServiceMonth, SlaPolicy};
///
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let september = ServiceMonth::new(d(2024, 9, 1), d(2024, 9, 30))?;
/// let window = SlaPolicy::tencent_sms().claim_window(&september, &ChinaMainland::new())?;
/// // The 5th business day of October 2024 is Saturday the 12th, a make-up day.
/// assert_eq!(window.opens_on(), d(2024, 10, 13));
/// assert_eq!(window.closes_on(), d(2024, 11, 29));
/// assert_eq!(window.status_on(d(2024, 11, 20)), ClaimStatus::Open { closes_on: d(2024, 11, 29), days_left: 9 });
/// assert_eq!(window.to_string(), "2024-10-13 to 2024-11-29");
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ClaimWindowWire"))]
pub struct ClaimWindow {
    service_month: ServiceMonth,
    opens_on: NaiveDate,
    closes_on: NaiveDate,
    zone: SlaZone,
}

impl ClaimWindow {
    /// The Service Month the claim is for.
    #[must_use]
    pub const fn service_month(&self) -> ServiceMonth {
        self.service_month
    }

    /// The first day a claim may be filed: the day after the rule's business
    /// day (it may be a weekend day).
    #[must_use]
    pub const fn opens_on(&self) -> NaiveDate {
        self.opens_on
    }

    /// The last day a claim may be filed: the Service Month's last day plus
    /// the rule's deadline.
    #[must_use]
    pub const fn closes_on(&self) -> NaiveDate {
        self.closes_on
    }

    /// The zone in which filing instants are judged.
    #[must_use]
    pub const fn zone(&self) -> SlaZone {
        self.zone
    }

    /// Whether a claim may be filed on `date`.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::calendar::Weekdays;
    /// use sms_sla::{ServiceMonth, SlaPolicy};
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let june = ServiceMonth::new(d(2024, 6, 1), d(2024, 6, 16))?;
    /// let window = SlaPolicy::tencent_sms().claim_window(&june, &Weekdays)?;
    /// assert!(window.contains(d(2024, 8, 15)));
    /// assert!(!window.contains(d(2024, 8, 16)));
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.opens_on <= date && date <= self.closes_on
    }

    /// Where `date` stands: before the window, in it, or after it.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::calendar::Weekdays;
    /// use sms_sla::ClaimStatus;
    /// use sms_sla::{ServiceMonth, SlaPolicy};
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let june = ServiceMonth::new(d(2024, 6, 1), d(2024, 6, 16))?;
    /// let window = SlaPolicy::tencent_sms().claim_window(&june, &Weekdays)?;
    /// assert_eq!(window.status_on(d(2024, 7, 1)), ClaimStatus::NotYetOpen { opens_on: d(2024, 7, 6), days_until_open: 5 });
    /// assert_eq!(window.status_on(d(2024, 8, 15)), ClaimStatus::Open { closes_on: d(2024, 8, 15), days_left: 0 });
    /// assert_eq!(window.status_on(d(2024, 8, 20)), ClaimStatus::Closed { closed_on: d(2024, 8, 15), days_since_close: 5 });
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn status_on(&self, date: NaiveDate) -> ClaimStatus {
        // Each call below has `from <= to`, so the distance is the count.
        let days = |from: NaiveDate, to: NaiveDate| {
            to.signed_duration_since(from).num_days().unsigned_abs()
        };
        if date < self.opens_on {
            ClaimStatus::NotYetOpen {
                opens_on: self.opens_on,
                days_until_open: days(date, self.opens_on),
            }
        } else if date <= self.closes_on {
            ClaimStatus::Open {
                closes_on: self.closes_on,
                days_left: days(date, self.closes_on),
            }
        } else {
            ClaimStatus::Closed {
                closed_on: self.closes_on,
                days_since_close: days(self.closes_on, date),
            }
        }
    }

    /// Where a filing at `instant` stands, judged by its date in the SLA
    /// zone ([D3](crate::_documentation::design#d3), [D11](crate::_documentation::design#d11)).
    ///
    /// # Errors
    ///
    /// [`TermError::InstantOutOfRange`](crate::error::TermError::InstantOutOfRange) when the instant has no date in the
    /// zone.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{NaiveDate, TimeZone, Utc};
    /// use sms_sla::calendar::Weekdays;
    /// use sms_sla::ClaimStatus;
    /// use sms_sla::{ServiceMonth, SlaPolicy};
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let june = ServiceMonth::new(d(2024, 6, 1), d(2024, 6, 16))?;
    /// let window = SlaPolicy::tencent_sms().claim_window(&june, &Weekdays)?;
    /// // 16:00 UTC on 15 August is already 16 August in UTC+08:00: too late.
    /// let late = Utc.with_ymd_and_hms(2024, 8, 15, 16, 0, 0).unwrap();
    /// assert!(matches!(window.status_at(late)?, ClaimStatus::Closed { .. }));
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn status_at(&self, instant: DateTime<Utc>) -> Result<ClaimStatus, Error> {
        Ok(self.status_on(self.zone.date_of(instant)?))
    }
}

impl fmt::Display for ClaimWindow {
    /// `2024-10-13 to 2024-11-29`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::display::padded(f, |f| write!(f, "{} to {}", self.opens_on, self.closes_on))
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct ClaimWindowWire {
    service_month: ServiceMonth,
    opens_on: NaiveDate,
    closes_on: NaiveDate,
    zone: SlaZone,
}

#[cfg(feature = "serde")]
impl TryFrom<ClaimWindowWire> for ClaimWindow {
    type Error = Error;

    fn try_from(wire: ClaimWindowWire) -> Result<Self, Error> {
        if wire.closes_on < wire.opens_on || wire.opens_on <= wire.service_month.last_day() {
            return Err(Error::Calendar(CalendarError::EmptyClaimWindow {
                month: wire.service_month,
                opens_on: wire.opens_on,
                closes_on: wire.closes_on,
            }));
        }
        Ok(Self {
            service_month: wire.service_month,
            opens_on: wire.opens_on,
            closes_on: wire.closes_on,
            zone: wire.zone,
        })
    }
}

/// Where a date stands against a [`ClaimWindow`].
///
/// # Examples
///
/// ```
/// use chrono::NaiveDate;
/// use sms_sla::ClaimStatus;
///
/// let status = ClaimStatus::Open { closes_on: NaiveDate::from_ymd_opt(2024, 8, 15).unwrap(), days_left: 3 };
/// assert!(status.is_open());
/// assert_eq!(status.to_string(), "open until 2024-08-15 (3 days left)");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "status", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ClaimStatus {
    /// Too early: claims open on `opens_on`, `days_until_open` days later.
    NotYetOpen {
        /// The first day a claim may be filed.
        opens_on: NaiveDate,
        /// Days from the date asked about to `opens_on` (at least 1).
        days_until_open: u64,
    },
    /// A claim may be filed, until `closes_on`; `days_left` more days after
    /// the date asked about (0 on the last day).
    Open {
        /// The last day a claim may be filed.
        closes_on: NaiveDate,
        /// Days left after the date asked about.
        days_left: u64,
    },
    /// Too late: the window closed on `closed_on`, `days_since_close` days
    /// before, and the claim is waived (§3.2(2)).
    Closed {
        /// The last day a claim could have been filed.
        closed_on: NaiveDate,
        /// Days from `closed_on` to the date asked about (at least 1).
        days_since_close: u64,
    },
}

impl ClaimStatus {
    /// Whether a claim may be filed.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::ClaimStatus;
    ///
    /// let opens_on = NaiveDate::from_ymd_opt(2024, 7, 8).unwrap();
    /// assert!(!ClaimStatus::NotYetOpen { opens_on, days_until_open: 2 }.is_open());
    /// ```
    #[must_use]
    pub const fn is_open(&self) -> bool {
        matches!(self, Self::Open { .. })
    }
}

impl fmt::Display for ClaimStatus {
    /// `opens 2024-07-08 (in 7 days)`, `open until 2024-08-15 (1 day
    /// left)`, `closed 2024-08-15 (5 days ago)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::display::padded(f, |f| {
            let days = |n: u64| {
                if n == 1 {
                    "1 day".to_owned()
                } else {
                    format!("{n} days")
                }
            };
            match *self {
                Self::NotYetOpen {
                    opens_on,
                    days_until_open,
                } => {
                    write!(f, "opens {opens_on} (in {})", days(days_until_open))
                }
                Self::Open {
                    closes_on,
                    days_left,
                } => write!(f, "open until {closes_on} ({} left)", days(days_left)),
                Self::Closed {
                    closed_on,
                    days_since_close,
                } => {
                    write!(f, "closed {closed_on} ({} ago)", days(days_since_close))
                }
            }
        })
    }
}
