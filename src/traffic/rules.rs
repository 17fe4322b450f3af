//! Exemptions that depend on when a message was sent: announced maintenance
//! and events (§4.12, §4.13; [D14](crate::_documentation::design#d14)) and traffic surges (§4.10; [D13](crate::_documentation::design#d13)).

use core::fmt;
use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};

use super::Exemption;
use crate::error::{Error, TrafficError};
#[cfg(feature = "serde")]
use crate::error::{StoredError, StoredProblem};
use crate::policy::AccountKind;
use crate::zone::SlaZone;

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
    /// [`TrafficError::EmptyWindow`](crate::error::TrafficError::EmptyWindow) when `end` is not after `start`.
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
            return Err(Error::Traffic(TrafficError::EmptyWindow { start, end }));
        }
        Ok(Self { start, end })
    }

    /// The first instant inside the window.
    #[must_use]
    pub const fn start(&self) -> DateTime<Utc> {
        self.start
    }

    /// The first instant after the window.
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
        crate::display::padded(f, |f| write!(f, "{} to {}", self.start, self.end))
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

/// What the provider announced to one account: maintenance and event
/// windows and surge notices (§4.10, §4.12, §4.13).
///
/// Only announcements live here; what the contract itself says (the SLA
/// zone, the surge volume of each kind of account) lives in the
/// [`SlaPolicy`](crate::SlaPolicy), so nothing is set in two places.
///
/// - A failure that would otherwise be an Apparent Failure (provider-side,
///   or with an unclassified code) sent inside an announced maintenance
///   window is exempt under §4.13, inside an announced event window under
///   §4.12 ([D14](crate::_documentation::design#d14)). Where both kinds of
///   window cover an instant, maintenance wins.
/// - A day (in the SLA zone) with a surge notice is an announced surge: its
///   volume exempts nothing under §4.10 ([D13](crate::_documentation::design#d13)).
///
/// An announcement made twice is kept once.
///
/// # Examples
///
/// ```
/// use chrono::{NaiveDate, TimeZone, Utc};
/// use sms_sla::traffic::{Announcements, Window};
///
/// let start = Utc.with_ymd_and_hms(2025, 4, 2, 18, 0, 0).unwrap();
/// let end = Utc.with_ymd_and_hms(2025, 4, 2, 20, 0, 0).unwrap();
/// let singles_day = NaiveDate::from_ymd_opt(2025, 11, 11).unwrap();
/// let notices = Announcements::new()
///     .with_maintenance(Window::new(start, end)?)
///     .with_maintenance(Window::new(start, end)?)
///     .with_surge_notice(singles_day);
/// assert_eq!(notices.maintenance().len(), 1);
/// assert!(notices.has_surge_notice(singles_day));
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Announcements {
    #[cfg_attr(feature = "serde", serde(default))]
    maintenance: BTreeSet<Window>,
    #[cfg_attr(feature = "serde", serde(default))]
    events: BTreeSet<Window>,
    #[cfg_attr(feature = "serde", serde(default))]
    surge_notices: BTreeSet<NaiveDate>,
}

impl Announcements {
    /// No announcements.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::Announcements;
    ///
    /// assert!(Announcements::new().is_empty());
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The same announcements plus a maintenance window (§4.13).
    #[must_use]
    pub fn with_maintenance(mut self, window: Window) -> Self {
        self.maintenance.insert(window);
        self
    }

    /// The same announcements plus an event window (§4.12).
    #[must_use]
    pub fn with_event(mut self, window: Window) -> Self {
        self.events.insert(window);
        self
    }

    /// The same announcements plus notice of high volume on `day`, a date
    /// in the SLA zone (§4.10).
    #[must_use]
    pub fn with_surge_notice(mut self, day: NaiveDate) -> Self {
        self.surge_notices.insert(day);
        self
    }

    /// The same announcements plus every one of `other`'s: what was
    /// announced up to one day, with what was announced the next
    /// ([D27](crate::_documentation::design#d27)). Announcements made in
    /// any order, in any number of parts, give the same set.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{NaiveDate, TimeZone, Utc};
    /// use sms_sla::traffic::{Announcements, Window};
    ///
    /// let at = |h| Utc.with_ymd_and_hms(2025, 4, 2, h, 0, 0).unwrap();
    /// let monday = Announcements::new().with_maintenance(Window::new(at(1), at(2))?);
    /// let tuesday = Announcements::new().with_surge_notice(NaiveDate::from_ymd_opt(2025, 4, 9).unwrap());
    /// let known = monday.clone().with_all(&tuesday);
    /// assert_eq!(known, tuesday.with_all(&monday));
    /// assert_eq!((known.maintenance().len(), known.surge_notices().len()), (1, 1));
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn with_all(mut self, other: &Self) -> Self {
        self.maintenance.extend(other.maintenance.iter().copied());
        self.events.extend(other.events.iter().copied());
        self.surge_notices
            .extend(other.surge_notices.iter().copied());
        self
    }

    /// The maintenance windows, in order.
    #[must_use]
    pub fn maintenance(&self) -> impl ExactSizeIterator<Item = Window> + '_ {
        self.maintenance.iter().copied()
    }

    /// The event windows, in order.
    #[must_use]
    pub fn events(&self) -> impl ExactSizeIterator<Item = Window> + '_ {
        self.events.iter().copied()
    }

    /// The days with a surge notice, in order.
    #[must_use]
    pub fn surge_notices(&self) -> impl ExactSizeIterator<Item = NaiveDate> + '_ {
        self.surge_notices.iter().copied()
    }

    /// Whether notice of high volume was given for `day`.
    #[must_use]
    pub fn has_surge_notice(&self, day: NaiveDate) -> bool {
        self.surge_notices.contains(&day)
    }

    /// Whether nothing was announced.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.maintenance.is_empty() && self.events.is_empty() && self.surge_notices.is_empty()
    }

    /// The windows merged into disjoint spans, for fast look-up.
    pub(crate) fn window_index(&self) -> WindowIndex {
        WindowIndex::new(self.maintenance.iter(), self.events.iter())
    }
}

/// The time-dependent rules one ledger applies: the policy's zone and the
/// surge volume of the account's kind, and the account's announcements.
/// Made only from a policy (or a stored ledger), so the ledger and the
/// policy that assesses it cannot disagree.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RulesWire"))]
pub(crate) struct Rules {
    pub(crate) zone: SlaZone,
    /// `None` only for a builder stored in format 1, which did not record
    /// the kind of account (its surge volume is recorded, and applies).
    pub(crate) account: Option<AccountKind>,
    pub(crate) surge_threshold: Option<u64>,
    pub(crate) announcements: Announcements,
}

impl Rules {
    /// The rules `policy` sets for an account of kind `account` with
    /// `announcements`.
    pub(crate) fn new(
        policy: &crate::policy::SlaPolicy,
        account: AccountKind,
        announcements: Announcements,
    ) -> Self {
        Self {
            zone: policy.zone(),
            account: Some(account),
            surge_threshold: policy.surge_threshold(account),
            announcements,
        }
    }

    /// Whether a day with `sent` messages is an unannounced surge (§4.10).
    pub(crate) fn is_surge(&self, day: NaiveDate, sent: u64) -> bool {
        self.surge_threshold
            .is_some_and(|threshold| sent >= threshold)
            && !self.announcements.has_surge_notice(day)
    }
}

/// The stored form of [`Rules`], in either format: format 2 writes the
/// account and the announcements; format 1 wrote the windows and notices
/// at the top and no account.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RulesWire {
    zone: SlaZone,
    #[serde(default)]
    account: Option<AccountKind>,
    surge_threshold: Option<u64>,
    #[serde(default)]
    announcements: Option<Announcements>,
    #[serde(default)]
    maintenance: Option<Vec<Window>>,
    #[serde(default)]
    events: Option<Vec<Window>>,
    #[serde(default)]
    surge_notices: Option<Vec<NaiveDate>>,
}

#[cfg(feature = "serde")]
impl TryFrom<RulesWire> for Rules {
    type Error = Error;

    fn try_from(wire: RulesWire) -> Result<Self, Error> {
        let format_1 =
            wire.maintenance.is_some() || wire.events.is_some() || wire.surge_notices.is_some();
        let announcements = match (wire.announcements, format_1) {
            (Some(_), true) => {
                return Err(Error::Stored(StoredError::InvalidPartialTally {
                    problem: StoredProblem::AnnouncementsTwice,
                }));
            }
            (Some(announcements), false) => announcements,
            (None, _) => {
                let notices = wire
                    .maintenance
                    .into_iter()
                    .flatten()
                    .fold(Announcements::new(), Announcements::with_maintenance);
                let notices = wire
                    .events
                    .into_iter()
                    .flatten()
                    .fold(notices, Announcements::with_event);
                wire.surge_notices
                    .into_iter()
                    .flatten()
                    .fold(notices, Announcements::with_surge_notice)
            }
        };
        Ok(Self {
            zone: wire.zone,
            account: wire.account,
            surge_threshold: wire.surge_threshold,
            announcements,
        })
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

/// The exemption windows of [`Announcements`], merged and sorted, as
/// `[start, end)` spans of Unix seconds and nanoseconds: a record's send
/// instant is compared as it is stored, with no calendar arithmetic.
#[derive(Clone, Debug, Default)]
pub(crate) struct WindowIndex {
    maintenance: Vec<(UnixTime, UnixTime)>,
    events: Vec<(UnixTime, UnixTime)>,
}

/// Unix seconds and the nanoseconds past them; ordered as the instants.
type UnixTime = (i64, u32);

fn unix_time(instant: DateTime<Utc>) -> UnixTime {
    (instant.timestamp(), instant.timestamp_subsec_nanos())
}

impl WindowIndex {
    fn new<'a>(
        maintenance: impl Iterator<Item = &'a Window>,
        events: impl Iterator<Item = &'a Window>,
    ) -> Self {
        let spans = |windows: Vec<Window>| {
            windows
                .iter()
                .map(|window| (unix_time(window.start), unix_time(window.end)))
                .collect()
        };
        Self {
            maintenance: spans(merged(maintenance)),
            events: spans(merged(events)),
        }
    }

    /// The clause exempting a failure sent at `instant`, if a window covers
    /// it (maintenance first).
    #[inline]
    pub(crate) fn exemption_at(&self, instant: UnixTime) -> Option<Exemption> {
        if covers(&self.maintenance, instant) {
            Some(Exemption::AnnouncedMaintenance)
        } else if covers(&self.events, instant) {
            Some(Exemption::AnnouncedEvent)
        } else {
            None
        }
    }
}

fn covers(spans: &[(UnixTime, UnixTime)], instant: UnixTime) -> bool {
    let after = spans.partition_point(|&(start, _)| start <= instant);
    after
        .checked_sub(1)
        .and_then(|index| spans.get(index))
        .is_some_and(|&(_, end)| instant < end)
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use chrono::DateTime;

    use super::{Window, WindowIndex, covers, merged, unix_time};
    use crate::traffic::Exemption;

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
        let index = WindowIndex::new([window(1, 3), window(6, 7)].iter(), [].iter());
        let inside: Vec<u32> = (0..9)
            .filter(|&h| covers(&index.maintenance, unix_time(hour(h))))
            .collect();
        assert_eq!(inside, [1, 2, 6]);
        assert!(!covers(&[], unix_time(hour(1))));
    }

    #[test]
    fn a_window_ends_at_its_nanosecond() {
        let start = hour(1);
        let end = start + chrono::TimeDelta::nanoseconds(1_500);
        let index = WindowIndex::new([].iter(), [Window::new(start, end).unwrap()].iter());
        let at =
            |nanos| index.exemption_at(unix_time(start + chrono::TimeDelta::nanoseconds(nanos)));
        assert_eq!(at(-1), None);
        assert_eq!(at(0), Some(Exemption::AnnouncedEvent));
        assert_eq!(at(1_499), Some(Exemption::AnnouncedEvent));
        assert_eq!(at(1_500), None);
    }
}
