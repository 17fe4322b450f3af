//! The Service Months a log has sealed
//! ([D27](crate::_documentation::design#d27)): each month's messages folded
//! into counts, their serial numbers dropped, so the log's size is bounded
//! by the months still open.
//!
//! A sealed message is kept as the one entry that decides it
//! ([`Evidence::decisive`]) with a count of messages. Its instant is kept
//! exactly when an announcement could still exempt it (a provider-side or
//! unclassified failure, which a maintenance or event window made known
//! later applies to); any other is kept at the first instant of its day in
//! the zone, which places it in the same day and month. So a sealed month
//! holds at most one key per day and class, plus one per distinct instant
//! of its Apparent Failures.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveTime, Utc};

use crate::error::{Error, TencentError};
use crate::tencent::LogStats;
use crate::tencent::evidence::{Codes, Entry, Evidence};
use crate::term::ServiceMonth;
use crate::traffic::{MessageClass, MessageRecord};
use crate::zone::SlaZone;

/// The months a log has sealed, in the zone they were sealed in.
#[derive(Clone, Debug, Default)]
pub(super) struct Sealed {
    /// The zone every month was sealed in; `None` while none is.
    pub(super) zone: Option<SlaZone>,
    /// The sealed months, in order, disjoint.
    pub(super) months: Vec<SealedMonth>,
}

/// One sealed Service Month.
#[derive(Clone, Debug)]
pub(super) struct SealedMonth {
    pub(super) month: ServiceMonth,
    /// The deciding entry of its messages (see the module documentation),
    /// by instant, kind and code, with how many messages it decides.
    pub(super) messages: BTreeMap<SealedKey, (Entry, u64)>,
    /// Its messages' reconciliation counts when it was sealed.
    pub(super) stats: LogStats,
    /// Entries read after it was sealed that would have placed a message
    /// in it: counted, never added.
    pub(super) late: u64,
}

/// The order of a sealed month's entries: instant, kind, code id.
pub(super) type SealedKey = (DateTime<Utc>, usize, Option<u32>);

impl Sealed {
    /// Whether no month is sealed.
    pub(super) const fn is_empty(&self) -> bool {
        self.months.is_empty()
    }

    /// The position of the sealed month that `at` falls in, if any.
    pub(super) fn month_of(&self, at: DateTime<Utc>) -> Option<usize> {
        let date = self.zone?.date_of(at).ok()?;
        self.months
            .iter()
            .position(|sealed| sealed.month.contains(date))
    }

    /// Checks that `month` may be sealed in `zone`: the zone of the months
    /// sealed before, and no overlap with one of them other than itself.
    /// `Ok(true)` when it is sealed already.
    pub(super) fn check(&self, month: ServiceMonth, zone: SlaZone) -> Result<bool, Error> {
        if let Some(sealed) = self.zone
            && sealed != zone
        {
            return Err(Error::Tencent(TencentError::SealZoneDiffers {
                sealed,
                zone,
            }));
        }
        for sealed in &self.months {
            if sealed.month == month {
                return Ok(true);
            }
            if sealed.month.first_day() <= month.last_day()
                && month.first_day() <= sealed.month.last_day()
            {
                return Err(Error::Tencent(TencentError::SealOverlaps {
                    month,
                    sealed: sealed.month,
                }));
            }
        }
        Ok(false)
    }

    /// Counts `count` late entries for sealed month `index`.
    pub(super) fn late(&mut self, index: usize, count: u64) {
        if let Some(sealed) = self.months.get_mut(index) {
            sealed.late = sealed.late.saturating_add(count);
        }
    }

    /// Every sealed message's record, each as many times as messages it
    /// stands for.
    pub(super) fn records<'c>(
        &'c self,
        codes: &'c Codes,
    ) -> impl Iterator<Item = MessageRecord<'c>> + 'c {
        self.months
            .iter()
            .flat_map(|sealed| sealed.messages.values())
            .flat_map(move |&(entry, count)| {
                let record = Evidence::new(entry).record(codes);
                core::iter::repeat_n(record, usize::try_from(count).unwrap_or(usize::MAX))
            })
    }

    /// How many messages the sealed months stand for.
    pub(super) fn messages(&self) -> u64 {
        self.months
            .iter()
            .flat_map(|sealed| sealed.messages.values())
            .fold(0_u64, |sum, &(_, count)| sum.saturating_add(count))
    }

    /// The sealed months' reconciliation counts, their late entries
    /// included.
    pub(super) fn stats(&self) -> LogStats {
        let mut stats = LogStats::default();
        for sealed in &self.months {
            stats.add(sealed.stats);
            stats.late = stats.late.saturating_add(sealed.late);
        }
        stats
    }

    /// Each sealed month with its late entries.
    pub(super) fn late_by_month(&self) -> impl ExactSizeIterator<Item = (ServiceMonth, u64)> + '_ {
        self.months.iter().map(|sealed| (sealed.month, sealed.late))
    }

    /// The bytes held on the heap.
    pub(super) fn heap_bytes(&self) -> usize {
        self.months.iter().fold(
            self.months
                .capacity()
                .saturating_mul(size_of::<SealedMonth>()),
            |sum, sealed| {
                sum.saturating_add(
                    sealed
                        .messages
                        .len()
                        .saturating_mul(size_of::<(SealedKey, (Entry, u64))>()),
                )
            },
        )
    }
}

impl SealedMonth {
    /// An empty sealed month.
    pub(super) fn new(month: ServiceMonth) -> Self {
        Self {
            month,
            messages: BTreeMap::new(),
            stats: LogStats::default(),
            late: 0,
        }
    }

    /// Folds one message into the month.
    pub(super) fn fold(
        &mut self,
        message: &Evidence,
        codes: &Codes,
        sends_read: bool,
        zone: SlaZone,
    ) {
        self.stats.add(message.stats(codes, sends_read));
        let decisive = message.decisive(codes);
        let record = message.record(codes);
        let class = MessageClass::new(record.recipient(), record.outcome());
        let at = if class.slot().is_exemptible() {
            decisive.at()
        } else {
            day_start(decisive.at(), zone)
        };
        self.add(decisive.placed_at(at), 1);
    }

    /// Adds `count` messages decided by `entry`.
    pub(super) fn add(&mut self, entry: Entry, count: u64) {
        let key = (entry.at(), entry.kind_index(), entry.code_id());
        let (_, held) = self.messages.entry(key).or_insert((entry, 0));
        *held = held.saturating_add(count);
    }
}

/// The first instant of the day `at` falls on in `zone` (`at` itself if
/// that day has no first instant chrono can hold).
fn day_start(at: DateTime<Utc>, zone: SlaZone) -> DateTime<Utc> {
    zone.date_of(at)
        .ok()
        .and_then(|date| {
            date.and_time(NaiveTime::MIN)
                .checked_sub_offset(zone.offset())
        })
        .map_or(at, |naive| naive.and_utc())
}
