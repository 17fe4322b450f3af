//! The time zone in which the agreement counts calendar days ([D3](crate::_documentation::design#d3)).
//!
//! The agreement speaks of calendar months and calendar days but never of a
//! zone. The provider is in mainland China, so the library reads every
//! instant as a date in UTC+08:00 (Asia/Shanghai has kept that offset, with
//! no daylight saving, since 1991). The zone is a value, not a constant
//! baked into the arithmetic: a contract that counts days elsewhere passes
//! its own [`SlaZone`].

use core::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

use crate::error::{Error, TermError};

/// UTC+08:00 in seconds east of UTC.
const CHINA_STANDARD_TIME_SECONDS: i32 = 8 * 3600;

/// The fixed offset from UTC in which the agreement's days begin and end.
///
/// Defaults to [`SlaZone::CHINA_STANDARD_TIME`] (UTC+08:00, [D3](crate::_documentation::design#d3)).
///
/// # Examples
///
/// ```
/// use chrono::{NaiveDate, TimeZone, Utc};
/// use sms_sla::SlaZone;
///
/// // 16:30 UTC on 31 March is already 1 April in Beijing.
/// let instant = Utc.with_ymd_and_hms(2025, 3, 31, 16, 30, 0).unwrap();
/// let zone = SlaZone::default();
/// assert_eq!(zone.date_of(instant)?, NaiveDate::from_ymd_opt(2025, 4, 1).unwrap());
/// assert_eq!(zone.to_string(), "UTC+08:00");
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SlaZone {
    offset: FixedOffset,
}

impl SlaZone {
    /// UTC+08:00, the zone of the agreement ([D3](crate::_documentation::design#d3)).
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::SlaZone;
    ///
    /// assert_eq!(SlaZone::CHINA_STANDARD_TIME.offset().local_minus_utc(), 8 * 3600);
    /// assert_eq!(SlaZone::CHINA_STANDARD_TIME, SlaZone::default());
    /// ```
    // Evaluated at compile time: an invalid offset would fail the build, not a caller.
    pub const CHINA_STANDARD_TIME: Self = Self {
        offset: FixedOffset::east_opt(CHINA_STANDARD_TIME_SECONDS)
            .expect("UTC+08:00 is within a day of UTC"),
    };

    /// A zone at a fixed offset from UTC.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::FixedOffset;
    /// use sms_sla::SlaZone;
    ///
    /// let utc = SlaZone::new(FixedOffset::east_opt(0).unwrap());
    /// assert_eq!(utc.to_string(), "UTC+00:00");
    /// ```
    #[must_use]
    pub const fn new(offset: FixedOffset) -> Self {
        Self { offset }
    }

    /// The zone's offset from UTC.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::SlaZone;
    ///
    /// assert_eq!(SlaZone::default().offset().to_string(), "+08:00");
    /// ```
    #[must_use]
    pub const fn offset(self) -> FixedOffset {
        self.offset
    }

    /// The calendar day on which `instant` falls in this zone.
    ///
    /// # Errors
    ///
    /// [`TermError::InstantOutOfRange`](crate::error::TermError::InstantOutOfRange) when that day would be before
    /// [`NaiveDate::MIN`] or after [`NaiveDate::MAX`] (only within hours of
    /// [`DateTime::<Utc>::MIN_UTC`] or [`DateTime::<Utc>::MAX_UTC`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{DateTime, NaiveDate, TimeZone, Utc};
    /// use sms_sla::SlaZone;
    ///
    /// let zone = SlaZone::default();
    /// let evening = Utc.with_ymd_and_hms(2025, 3, 31, 15, 59, 59).unwrap();
    /// assert_eq!(zone.date_of(evening)?, NaiveDate::from_ymd_opt(2025, 3, 31).unwrap());
    ///
    /// let err = zone.date_of(DateTime::<Utc>::MAX_UTC).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "instant +262142-12-31 23:59:59.999999999 UTC has no calendar day in the sla zone +08:00",
    /// );
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn date_of(self, instant: DateTime<Utc>) -> Result<NaiveDate, Error> {
        instant
            .naive_utc()
            .checked_add_offset(self.offset)
            .map(|local| local.date())
            .ok_or(Error::Term(TermError::InstantOutOfRange {
                instant,
                offset: self.offset,
            }))
    }
}

impl Default for SlaZone {
    /// [`SlaZone::CHINA_STANDARD_TIME`], as the agreement intends ([D3](crate::_documentation::design#d3)).
    fn default() -> Self {
        Self::CHINA_STANDARD_TIME
    }
}

impl core::str::FromStr for SlaZone {
    type Err = Error;

    /// Parses an offset such as `+08:00`, or the zone as it displays,
    /// `UTC+08:00`.
    fn from_str(offset: &str) -> Result<Self, Error> {
        offset
            .strip_prefix("UTC")
            .filter(|rest| rest.starts_with(['+', '-']))
            .unwrap_or(offset)
            .parse::<FixedOffset>()
            .map(Self::new)
            .map_err(|_| {
                Error::Term(TermError::InvalidZoneOffset {
                    offset: offset.to_owned(),
                })
            })
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for SlaZone {
    /// As the offset: `"+08:00"`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.offset)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for SlaZone {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::serde_text::from_text(deserializer, "a UTC offset such as \"+08:00\"")
    }
}

impl fmt::Display for SlaZone {
    /// `UTC+08:00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::display::padded(f, |f| write!(f, "UTC{}", self.offset))
    }
}
