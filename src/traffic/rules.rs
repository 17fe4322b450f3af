//! Exemptions that depend on when a message was sent: announced maintenance
//! and events (§4.12, §4.13; [D14](crate::_documentation::design#d14)) and traffic surges (§4.10; [D13](crate::_documentation::design#d13)).

use core::fmt;
use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};

use super::Exemption;
use crate::{Error, SlaZone};

/// A half-open span of time `[start, end)`: an announced maintenance or
/// event window ([D14](crate::_documentation::design#d14)).
///
/// # Examples
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use sms_sla::traffic::Window;
///
/// let start = Utc.with_ymd_and_hms(2025, 4, 2, 18, 0, 0).unwrap();
/// let end = Utc.with_ymd_and_hms(2025, 4, 2, 20, 0, 0).unwrap();
/// let window = Window::new(start, end)?;
/// assert!(window.contains(start));
/// assert!(!window.contains(end));
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "WindowWire"))]
pub struct Window {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

impl Window {
    /// The window from `start` (inside) to `end` (outside).
    ///
    /// # Errors
    ///
    /// [`Error::EmptyWindow`] when `end` is not after `start`.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use sms_sla::traffic::Window;
    ///
    /// let at = Utc.with_ymd_and_hms(2025, 4, 2, 18, 0, 0).unwrap();
    /// let err = Window::new(at, at).unwrap_err();
    /// assert_eq!(err.to_string(), "window from 2025-04-02 18:00:00 UTC to 2025-04-02 18:00:00 UTC is empty");
    /// ```
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Result<Self, Error> {
        if end <= start {
            return Err(Error::EmptyWindow { start, end });
        }
        Ok(Self { start, end })
    }

    /// The first instant inside the window.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use sms_sla::traffic::Window;
    ///
    /// let start = Utc.with_ymd_and_hms(2025, 4, 2, 18, 0, 0).unwrap();
    /// let end = Utc.with_ymd_and_hms(2025, 4, 2, 20, 0, 0).unwrap();
    /// assert_eq!(Window::new(start, end)?.start(), start);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub const fn start(&self) -> DateTime<Utc> {
        self.start
    }

    /// The first instant after the window.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use sms_sla::traffic::Window;
    ///
    /// let start = Utc.with_ymd_and_hms(2025, 4, 2, 18, 0, 0).unwrap();
    /// let end = Utc.with_ymd_and_hms(2025, 4, 2, 20, 0, 0).unwrap();
    /// assert_eq!(Window::new(start, end)?.end(), end);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub const fn end(&self) -> DateTime<Utc> {
        self.end
    }

    /// Whether `instant` is inside the window: at or after its start and
    /// before its end.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{TimeDelta, TimeZone, Utc};
    /// use sms_sla::traffic::Window;
    ///
    /// let start = Utc.with_ymd_and_hms(2025, 4, 2, 18, 0, 0).unwrap();
    /// let window = Window::new(start, start + TimeDelta::hours(2))?;
    /// assert!(window.contains(start + TimeDelta::minutes(30)));
    /// assert!(!window.contains(start - TimeDelta::nanoseconds(1)));
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn contains(&self, instant: DateTime<Utc>) -> bool {
        self.start <= instant && instant < self.end
    }
}

impl fmt::Display for Window {
    /// `2025-04-02 18:00:00 UTC to 2025-04-02 20:00:00 UTC`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} to {}", self.start, self.end)
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct WindowWire {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

#[cfg(feature = "serde")]
impl TryFrom<WindowWire> for Window {
    type Error = Error;

    fn try_from(wire: WindowWire) -> Result<Self, Error> {
        Self::new(wire.start, wire.end)
    }
}

/// The kind of account, which sets the daily volume that counts as a
/// traffic surge (§4.10, [D13](crate::_documentation::design#d13)).
///
/// # Examples
///
/// ```
/// use sms_sla::traffic::AccountKind;
///
/// assert_eq!(AccountKind::Ordinary.default_surge_threshold(), 1_000_000);
/// assert_eq!(AccountKind::Gateway.default_surge_threshold(), 100_000_000);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum AccountKind {
    /// An ordinary messaging account: about a million messages a day.
    #[default]
    Ordinary,
    /// A gateway account: about a hundred million messages a day.
    Gateway,
}

impl AccountKind {
    /// The agreement's daily surge volume for this kind of account (§4.10).
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::AccountKind;
    ///
    /// assert_eq!(AccountKind::default().default_surge_threshold(), 1_000_000);
    /// ```
    #[must_use]
    pub const fn default_surge_threshold(self) -> u64 {
        match self {
            Self::Ordinary => 1_000_000,
            Self::Gateway => 100_000_000,
        }
    }
}

/// The time-dependent exemptions that apply to one account over a term.
///
/// - A failure that would otherwise be an Apparent Failure (provider-side,
///   or with an unclassified code) sent inside an announced maintenance
///   window is exempt under §4.13, inside an announced event window under
///   §4.12 ([D14](crate::_documentation::design#d14)). Where both kinds of window cover an instant,
///   maintenance wins.
/// - On a day (in the SLA zone) when the account sent at least the surge
///   threshold of messages, of any outcome and to any number, without
///   notice given for that day, that day's remaining provider-side and
///   unclassified failures are exempt under §4.10 ([D13](crate::_documentation::design#d13)).
///
/// Failures already exempt keep their clause. A failure with an unmapped
/// code stays listed by code for review when a window or a surge exempts
/// it ([D15](crate::_documentation::design#d15)).
///
/// # Examples
///
/// ```
/// use chrono::{NaiveDate, TimeZone, Utc};
/// use sms_sla::traffic::{AccountKind, TrafficRules, Window};
///
/// let start = Utc.with_ymd_and_hms(2025, 4, 2, 18, 0, 0).unwrap();
/// let end = Utc.with_ymd_and_hms(2025, 4, 2, 20, 0, 0).unwrap();
/// let rules = TrafficRules::for_account(AccountKind::Gateway)
///     .with_maintenance(Window::new(start, end)?)
///     .with_surge_notice(NaiveDate::from_ymd_opt(2025, 11, 11).unwrap());
/// assert_eq!(rules.surge_threshold(), Some(100_000_000));
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(from = "RulesWire"))]
pub struct TrafficRules {
    zone: SlaZone,
    maintenance: BTreeSet<Window>,
    events: BTreeSet<Window>,
    surge_threshold: Option<u64>,
    surge_notices: BTreeSet<NaiveDate>,
}

impl Default for TrafficRules {
    /// An ordinary account in UTC+08:00 with no announcements.
    fn default() -> Self {
        Self::for_account(AccountKind::default())
    }
}

impl TrafficRules {
    /// The rules for an account of `kind`: the agreement's surge threshold,
    /// the default SLA zone, no windows and no notices.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::SlaZone;
    /// use sms_sla::traffic::{AccountKind, TrafficRules};
    ///
    /// let rules = TrafficRules::for_account(AccountKind::Ordinary);
    /// assert_eq!(rules.surge_threshold(), Some(1_000_000));
    /// assert_eq!(rules.zone(), SlaZone::default());
    /// ```
    #[must_use]
    pub fn for_account(kind: AccountKind) -> Self {
        Self {
            zone: SlaZone::default(),
            maintenance: BTreeSet::new(),
            events: BTreeSet::new(),
            surge_threshold: Some(kind.default_surge_threshold()),
            surge_notices: BTreeSet::new(),
        }
    }

    /// The same rules with days counted in `zone` ([D3](crate::_documentation::design#d3)).
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::FixedOffset;
    /// use sms_sla::SlaZone;
    /// use sms_sla::traffic::TrafficRules;
    ///
    /// let utc = SlaZone::new(FixedOffset::east_opt(0).unwrap());
    /// assert_eq!(TrafficRules::default().with_zone(utc).zone(), utc);
    /// ```
    #[must_use]
    pub fn with_zone(mut self, zone: SlaZone) -> Self {
        self.zone = zone;
        self
    }

    /// The same rules plus an announced maintenance window (§4.13).
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{TimeDelta, TimeZone, Utc};
    /// use sms_sla::traffic::{TrafficRules, Window};
    ///
    /// let start = Utc.with_ymd_and_hms(2025, 4, 2, 18, 0, 0).unwrap();
    /// let rules = TrafficRules::default().with_maintenance(Window::new(start, start + TimeDelta::hours(1))?);
    /// assert_eq!(rules.maintenance().len(), 1);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn with_maintenance(mut self, window: Window) -> Self {
        self.maintenance.insert(window);
        self
    }

    /// The same rules plus an announced event window (§4.12).
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{TimeDelta, TimeZone, Utc};
    /// use sms_sla::traffic::{TrafficRules, Window};
    ///
    /// let start = Utc.with_ymd_and_hms(2025, 11, 10, 16, 0, 0).unwrap();
    /// let rules = TrafficRules::default().with_event(Window::new(start, start + TimeDelta::days(1))?);
    /// assert_eq!(rules.events().len(), 1);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn with_event(mut self, window: Window) -> Self {
        self.events.insert(window);
        self
    }

    /// The same rules with another daily surge threshold, or none (`None`
    /// turns the §4.10 rule off).
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::TrafficRules;
    ///
    /// assert_eq!(TrafficRules::default().with_surge_threshold(Some(500)).surge_threshold(), Some(500));
    /// assert_eq!(TrafficRules::default().with_surge_threshold(None).surge_threshold(), None);
    /// ```
    #[must_use]
    pub fn with_surge_threshold(mut self, threshold: Option<u64>) -> Self {
        self.surge_threshold = threshold;
        self
    }

    /// The same rules plus notice given for a high-volume `day` (in the SLA
    /// zone): that day's surge is announced, so it exempts nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::traffic::TrafficRules;
    ///
    /// let day = NaiveDate::from_ymd_opt(2025, 11, 11).unwrap();
    /// assert!(TrafficRules::default().with_surge_notice(day).has_surge_notice(day));
    /// ```
    #[must_use]
    pub fn with_surge_notice(mut self, day: NaiveDate) -> Self {
        self.surge_notices.insert(day);
        self
    }

    /// The zone in which days are counted.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::SlaZone;
    /// use sms_sla::traffic::TrafficRules;
    ///
    /// assert_eq!(TrafficRules::default().zone(), SlaZone::CHINA_STANDARD_TIME);
    /// ```
    #[must_use]
    pub const fn zone(&self) -> SlaZone {
        self.zone
    }

    /// The announced maintenance windows, in order (a window announced
    /// twice is kept once).
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::TrafficRules;
    ///
    /// assert!(TrafficRules::default().maintenance().is_empty());
    /// ```
    #[must_use]
    pub const fn maintenance(&self) -> &BTreeSet<Window> {
        &self.maintenance
    }

    /// The announced event windows, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::TrafficRules;
    ///
    /// assert!(TrafficRules::default().events().is_empty());
    /// ```
    #[must_use]
    pub const fn events(&self) -> &BTreeSet<Window> {
        &self.events
    }

    /// The daily volume at which §4.10 applies, if the rule is on.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::TrafficRules;
    ///
    /// assert_eq!(TrafficRules::default().surge_threshold(), Some(1_000_000));
    /// ```
    #[must_use]
    pub const fn surge_threshold(&self) -> Option<u64> {
        self.surge_threshold
    }

    /// Whether notice was given for a surge on `day`.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::traffic::TrafficRules;
    ///
    /// assert!(!TrafficRules::default().has_surge_notice(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()));
    /// ```
    #[must_use]
    pub fn has_surge_notice(&self, day: NaiveDate) -> bool {
        self.surge_notices.contains(&day)
    }

    /// Whether a day with `sent` messages is an unannounced surge (§4.10).
    pub(crate) fn is_surge(&self, day: NaiveDate, sent: u64) -> bool {
        self.surge_threshold
            .is_some_and(|threshold| sent >= threshold)
            && !self.has_surge_notice(day)
    }

    /// The windows merged into disjoint spans, for fast look-up.
    pub(crate) fn window_index(&self) -> WindowIndex {
        WindowIndex {
            maintenance: merged(self.maintenance.iter()),
            events: merged(self.events.iter()),
        }
    }
}

/// The wire form of [`TrafficRules`]: windows are sorted on the way in.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesWire {
    zone: SlaZone,
    maintenance: Vec<Window>,
    events: Vec<Window>,
    surge_threshold: Option<u64>,
    surge_notices: BTreeSet<NaiveDate>,
}

#[cfg(feature = "serde")]
impl From<RulesWire> for TrafficRules {
    fn from(wire: RulesWire) -> Self {
        let rules = Self::default()
            .with_zone(wire.zone)
            .with_surge_threshold(wire.surge_threshold);
        let rules = wire
            .maintenance
            .into_iter()
            .fold(rules, Self::with_maintenance);
        let rules = wire.events.into_iter().fold(rules, Self::with_event);
        wire.surge_notices
            .into_iter()
            .fold(rules, Self::with_surge_notice)
    }
}

/// Disjoint, sorted `[start, end)` spans covering the same instants as
/// `windows` (given in order of start).
fn merged<'a>(windows: impl Iterator<Item = &'a Window>) -> Vec<Window> {
    let mut spans: Vec<Window> = Vec::new();
    for window in windows {
        match spans.last_mut() {
            Some(last) if window.start <= last.end => last.end = last.end.max(window.end),
            _ => spans.push(*window),
        }
    }
    spans
}

/// The exemption windows of a [`TrafficRules`], merged and sorted.
#[derive(Clone, Debug, Default)]
pub(crate) struct WindowIndex {
    maintenance: Vec<Window>,
    events: Vec<Window>,
}

impl WindowIndex {
    /// The clause exempting a failure sent at `instant`, if a window covers
    /// it (maintenance first).
    #[inline]
    pub(crate) fn exemption_at(&self, instant: DateTime<Utc>) -> Option<Exemption> {
        if covers(&self.maintenance, instant) {
            Some(Exemption::AnnouncedMaintenance)
        } else if covers(&self.events, instant) {
            Some(Exemption::AnnouncedEvent)
        } else {
            None
        }
    }
}

fn covers(spans: &[Window], instant: DateTime<Utc>) -> bool {
    let after = spans.partition_point(|window| window.start <= instant);
    after
        .checked_sub(1)
        .and_then(|index| spans.get(index))
        .is_some_and(|window| instant < window.end)
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use chrono::DateTime;

    use super::{Window, covers, merged};

    fn window(from: u32, to: u32) -> Window {
        let at = |hour| Utc.with_ymd_and_hms(2025, 4, 2, hour, 0, 0).unwrap();
        Window::new(at(from), at(to)).unwrap()
    }

    fn hour(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 4, 2, hour, 0, 0).unwrap()
    }

    #[test]
    fn merged_joins_overlapping_nested_and_touching_windows() {
        let mut windows = [
            window(1, 3),
            window(2, 4),
            window(4, 5),
            window(6, 7),
            window(6, 7),
            window(9, 12),
            window(10, 11),
        ];
        windows.sort_unstable();
        assert_eq!(
            merged(windows.iter()),
            [window(1, 5), window(6, 7), window(9, 12)]
        );
        assert!(merged([].iter()).is_empty());
    }

    #[test]
    fn covers_is_half_open() {
        let spans = merged([window(1, 3), window(6, 7)].iter());
        let inside: Vec<u32> = (0..9).filter(|&h| covers(&spans, hour(h))).collect();
        assert_eq!(inside, [1, 2, 6]);
        assert!(!covers(&[], hour(1)));
    }
}
