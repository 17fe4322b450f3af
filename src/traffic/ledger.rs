//! A term's traffic, one tally per Service Month ([D3](crate::_documentation::design#d3), [D13](crate::_documentation::design#d13), [D14](crate::_documentation::design#d14), [D18](crate::_documentation::design#d18)).

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};

use super::outcome::{self, CodeText};
use super::rules::{Rules, WindowIndex};
use super::slot::{Counts, Slot};
use super::{
    AccountKind, Announcements, Exemption, MessageClass, MessageRecord, Tally, UnclassifiedCode,
};
use crate::error::{ColumnError, Error, TrafficError};
use crate::policy::SlaPolicy;
use crate::term::{ServiceMonth, Term};
use crate::zone::SlaZone;

const SECONDS_PER_DAY: u64 = 86_400;

/// A term's traffic: one [`Tally`] per Service Month, plus the records sent
/// before and after the term, counted rather than dropped ([D18](crate::_documentation::design#d18)).
///
/// Built with a [`LedgerBuilder`].
///
/// # Examples
///
/// ```
/// use chrono::{NaiveDate, TimeZone, Utc};
/// use sms_sla::{SlaPolicy, Term};
/// use sms_sla::traffic::{AccountKind, Announcements, LedgerBuilder, MessageRecord, Outcome, Recipient};
///
/// let term = Term::from_months(NaiveDate::from_ymd_opt(2025, 3, 17).unwrap(), 3)?;
/// let mut builder = LedgerBuilder::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new())?;
/// let sent = |m, d| Utc.with_ymd_and_hms(2025, m, d, 2, 0, 0).unwrap();
/// builder.add(&MessageRecord::new(sent(3, 20), Recipient::Valid, Outcome::Delivered));
/// builder.add(&MessageRecord::new(sent(5, 1), Recipient::Valid, Outcome::Delivered));
/// builder.add(&MessageRecord::new(sent(7, 1), Recipient::Valid, Outcome::Delivered));
/// let ledger = builder.finish();
///
/// let delivered: Vec<u64> = ledger.months().map(|(_, tally)| tally.delivered()).collect();
/// assert_eq!(delivered, [1, 0, 1, 0]);
/// assert_eq!((ledger.before_term(), ledger.after_term()), (0, 1));
/// assert_eq!(ledger.total(), 3);
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ledger {
    term: Term,
    months: Vec<Tally>,
    before_term: u64,
    after_term: u64,
}

impl Ledger {
    /// The term the ledger covers.
    #[must_use]
    pub const fn term(&self) -> Term {
        self.term
    }

    /// Each Service Month with its tally, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::{SlaPolicy, Term};
    /// use sms_sla::traffic::{AccountKind, Announcements, LedgerBuilder};
    ///
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2025, 3, 17).unwrap(), 3)?;
    /// let ledger = LedgerBuilder::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new())?.finish();
    /// assert_eq!(ledger.months().len(), 4);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn months(&self) -> impl ExactSizeIterator<Item = (ServiceMonth, &Tally)> + '_ {
        self.term.service_months().zip(&self.months)
    }

    /// The tally of `month`, or `None` if it is not one of the term's
    /// Service Months.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::{ServiceMonth, SlaPolicy, Term};
    /// use sms_sla::traffic::{AccountKind, Announcements, LedgerBuilder};
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let ledger = LedgerBuilder::new(&SlaPolicy::tencent_sms(), Term::from_months(d(2025, 3, 17), 3)?, AccountKind::Ordinary, Announcements::new())?.finish();
    /// assert!(ledger.tally(&ServiceMonth::new(d(2025, 4, 1), d(2025, 4, 30))?).is_some());
    /// assert!(ledger.tally(&ServiceMonth::new(d(2025, 4, 2), d(2025, 4, 30))?).is_none());
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn tally(&self, month: &ServiceMonth) -> Option<&Tally> {
        self.months()
            .find(|(m, _)| m == month)
            .map(|(_, tally)| tally)
    }

    /// Records sent before the term's first day (in the SLA zone).
    #[must_use]
    pub const fn before_term(&self) -> u64 {
        self.before_term
    }

    /// Records sent after the term's last day (in the SLA zone).
    #[must_use]
    pub const fn after_term(&self) -> u64 {
        self.after_term
    }

    /// The whole term's tally: every Service Month's, merged.
    #[must_use]
    pub fn term_tally(&self) -> Tally {
        self.months.iter().sum()
    }

    /// Every record counted: all buckets of all months, plus those before
    /// and after the term. Equals the number of records added ([D18](crate::_documentation::design#d18)).
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::{SlaPolicy, Term};
    /// use sms_sla::traffic::{AccountKind, Announcements, LedgerBuilder};
    ///
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2025, 3, 17).unwrap(), 3)?;
    /// assert_eq!(LedgerBuilder::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new())?.finish().total(), 0);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn total(&self) -> u64 {
        self.months.iter().map(Tally::total).fold(
            self.before_term.saturating_add(self.after_term),
            u64::saturating_add,
        )
    }
}

/// Sorts message records into the Service Months of a term, in the policy's
/// zone ([D3](crate::_documentation::design#d3)), applying the
/// time-dependent exemptions: the account's [`Announcements`] and the
/// policy's surge volume for its [`AccountKind`] (§4.10, §4.12, §4.13).
///
/// Memory is proportional to the term's days, never to the records: one
/// small block of counters per day, so a day's volume is known for the
/// surge rule (§4.10) and [`LedgerBuilder::finish`] applies it in one pass
/// over the days. Adding a record allocates nothing (except the first time
/// an unclassified code appears on a day).
///
/// Builders of the same term, zone, account and announcements
/// [`merge`](LedgerBuilder::merge)
/// exactly, so records can be split across threads, shards or days. Merge
/// builders rather than finished ledgers when one day's records are split:
/// the surge rule needs the day's whole volume.
///
/// # Examples
///
/// ```
/// use chrono::{NaiveDate, TimeZone, Utc};
/// use sms_sla::{SlaPolicy, Term};
/// use sms_sla::traffic::{AccountKind, Announcements, FailureCause, LedgerBuilder, MessageRecord, Outcome, Recipient};
///
/// let term = Term::from_months(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(), 12)?;
/// let policy = SlaPolicy::tencent_sms();
/// let mut builder = LedgerBuilder::new(&policy, term, AccountKind::Ordinary, Announcements::new())?;
/// // [D3](crate::_documentation::design#d3): 16:30 UTC on 31 March is already April in UTC+08:00.
/// let sent_at = Utc.with_ymd_and_hms(2025, 3, 31, 16, 30, 0).unwrap();
/// builder.add(&MessageRecord::new(sent_at, Recipient::Valid, Outcome::Failed(FailureCause::ProviderSide)));
/// let ledger = builder.finish();
/// let failures: Vec<u64> = ledger.months().map(|(_, t)| t.apparent_failures()).collect();
/// assert_eq!(failures, [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct LedgerBuilder {
    term: Term,
    rules: Rules,
    windows: WindowIndex,
    /// Where a send instant's day falls, found from its UTC date's year and
    /// day of the year with no calendar arithmetic per record.
    days_index: DayIndex,
    /// One entry per day of the term, in order.
    days: Vec<Day>,
    before_term: u64,
    after_term: u64,
}

/// One day's messages: a counter per bucket, and the unmapped codes of the
/// day's failures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Day {
    counts: Counts,
    /// The day's codes, owned by the builder: no table outside it.
    codes: BTreeMap<CodeText, u64>,
}

impl Day {
    fn list_code(&mut self, code: UnclassifiedCode<'_>, count: u64) {
        outcome::list_code(&mut self.codes, code, count);
    }

    fn merge(&mut self, other: &Self) {
        self.counts.merge(&other.counts);
        for (code, &count) in &other.codes {
            self.list_code(code.code(), count);
        }
    }
}

/// The day of the term of an instant, read in the SLA zone: whole days
/// since the term's first midnight in the zone, from Unix seconds with one
/// subtraction and one division (no calendar arithmetic per record: the
/// peer harness's tally path, BENCHMARKS.md).
#[derive(Clone, Copy, Debug)]
struct DayIndex {
    /// The term's first midnight in the zone, as Unix seconds.
    first_midnight: i64,
}

impl DayIndex {
    fn new(term: Term, zone: SlaZone) -> Self {
        let midnight_utc = term
            .first_day()
            .and_time(NaiveTime::MIN)
            .and_utc()
            .timestamp();
        Self {
            first_midnight: midnight_utc.saturating_sub(i64::from(zone.offset().local_minus_utc())),
        }
    }

    /// The day of the term the instant `seconds` after the Unix epoch
    /// falls on in the zone, counted from 0; `Err(true)` before the term's
    /// first midnight and `Err(false)` for a day past `usize`. Any `i64`
    /// has a place: an instant far outside chrono's range is far outside
    /// the term. Unsigned division by a constant is a multiply and a
    /// shift (the peer harness's tally paths, BENCHMARKS.md).
    #[inline]
    fn day_of(self, seconds: i64) -> Result<usize, bool> {
        match seconds.checked_sub(self.first_midnight) {
            Some(since) => {
                let since = u64::try_from(since).map_err(|_| true)?;
                usize::try_from(since / SECONDS_PER_DAY).map_err(|_| false)
            }
            None => Err(seconds < self.first_midnight),
        }
    }
}

/// A builder's counters lent for a run of messages: what placing a message
/// reads and writes, in locals the compiler keeps in registers across a
/// loop (through `&mut self` it reloads them after every counter write: the
/// peer harness's raw-column and Arrow kernel paths, BENCHMARKS.md).
pub(crate) struct Counter<'b> {
    days: &'b mut [Day],
    windows: &'b WindowIndex,
    days_index: DayIndex,
    before_term: u64,
    after_term: u64,
}

impl Counter<'_> {
    /// Counts one message of `class` sent `seconds` and `nanos` after the
    /// Unix epoch: the one place a message is placed in a day and a
    /// bucket, for records, Unix time columns and Arrow batches alike.
    #[expect(
        clippy::inline_always,
        reason = "one copy in each caller's loop: the peer harness's raw-column and Utf8 kernel \
                  paths ran 7-15% faster than with `#[inline]`"
    )]
    #[inline(always)]
    pub(crate) fn add(&mut self, seconds: i64, nanos: u32, class: &MessageClass<'_>) {
        let day = match self.days_index.day_of(seconds) {
            Ok(day) => self.days.get_mut(day),
            Err(before) => {
                if before {
                    self.before_term = self.before_term.saturating_add(1);
                    return;
                }
                None
            }
        };
        let Some(day) = day else {
            self.after_term = self.after_term.saturating_add(1);
            return;
        };
        let slot = class.slot();
        if slot.is_exemptible() {
            let code = class.unclassified_code();
            Self::add_exemptible(day, self.windows, (seconds, nanos), slot, code);
        } else {
            day.counts.add(slot, 1);
        }
    }

    /// Counts a failure an announcement or a surge may exempt, listing its
    /// code. Out of the loop's way: most messages are not failures, and
    /// the call's register spills stay on this path (the peer harness's
    /// tally paths, BENCHMARKS.md).
    #[cold]
    #[inline(never)]
    fn add_exemptible(
        day: &mut Day,
        windows: &WindowIndex,
        at: (i64, u32),
        slot: Slot,
        code: Option<UnclassifiedCode<'_>>,
    ) {
        if let Some(code) = code {
            day.list_code(code, 1);
        }
        let slot = windows.exemption_at(at).map_or(slot, Slot::exempt);
        day.counts.add(slot, 1);
    }
}

/// The days of `month`, first to last, inclusive (also when the last is
/// `NaiveDate::MAX`).
fn dates(month: ServiceMonth) -> impl Iterator<Item = NaiveDate> {
    let last = month.last_day();
    core::iter::successors(Some(month.first_day()), move |&day| {
        if day < last { day.succ_opt() } else { None }
    })
}

impl LedgerBuilder {
    /// The longest term a builder covers, in days (a little over a century).
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::LedgerBuilder;
    ///
    /// assert_eq!(LedgerBuilder::MAX_TERM_DAYS, 40_000);
    /// ```
    pub const MAX_TERM_DAYS: u32 = 40_000;

    /// An empty builder for `term`, counting days in `policy`'s zone and
    /// applying its surge volume for `account` and the account's
    /// `announcements`.
    ///
    /// # Errors
    ///
    /// [`TrafficError::TermTooLongToTally`](crate::error::TrafficError::TermTooLongToTally) when the term is longer than
    /// [`LedgerBuilder::MAX_TERM_DAYS`] days.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::{SlaPolicy, Term};
    /// use sms_sla::traffic::{AccountKind, Announcements, LedgerBuilder};
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let term = Term::new(d(2000, 1, 1), d(2200, 1, 1))?;
    /// let policy = SlaPolicy::tencent_sms();
    /// let err = LedgerBuilder::new(&policy, term, AccountKind::Ordinary, Announcements::new()).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "term 2000-01-01 to 2200-01-01 is longer than 40000 days, the most a ledger covers",
    /// );
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn new(
        policy: &SlaPolicy,
        term: Term,
        account: AccountKind,
        announcements: Announcements,
    ) -> Result<Self, Error> {
        Self::with_rules(term, Rules::new(policy, account, announcements))
    }

    /// An empty builder for `term` under `rules`.
    fn with_rules(term: Term, rules: Rules) -> Result<Self, Error> {
        let too_long = Error::Traffic(TrafficError::TermTooLongToTally {
            first_day: term.first_day(),
            last_day: term.last_day(),
            max_days: Self::MAX_TERM_DAYS,
        });
        let span = term
            .last_day()
            .signed_duration_since(term.first_day())
            .num_days();
        if span >= i64::from(Self::MAX_TERM_DAYS) {
            return Err(too_long);
        }
        let days: u64 = term
            .service_months()
            .map(|month| u64::from(month.days()))
            .sum();
        let days = usize::try_from(days).map_err(|_| too_long.clone())?;
        Ok(Self {
            windows: rules.announcements.window_index(),
            days_index: DayIndex::new(term, rules.zone),
            days: vec![Day::default(); days],
            term,
            rules,
            before_term: 0,
            after_term: 0,
        })
    }

    /// The term the builder covers.
    #[must_use]
    pub const fn term(&self) -> Term {
        self.term
    }

    /// The zone in which the builder counts days: its policy's
    /// ([D3](crate::_documentation::design#d3)).
    #[must_use]
    pub const fn zone(&self) -> SlaZone {
        self.rules.zone
    }

    /// The kind of account whose messages the builder counts; `None` for a
    /// builder read from format 1, which did not record it (its surge
    /// volume was recorded, and applies).
    #[must_use]
    pub const fn account(&self) -> Option<AccountKind> {
        self.rules.account
    }

    /// The daily volume from which an unannounced day is a surge: the
    /// policy's for the account's kind (§4.10, [D13](crate::_documentation::design#d13)).
    #[must_use]
    pub const fn surge_threshold(&self) -> Option<u64> {
        self.rules.surge_threshold
    }

    /// What was announced to the account.
    #[must_use]
    pub const fn announcements(&self) -> &Announcements {
        &self.rules.announcements
    }

    /// Counts one record: in the bucket of its Service Month (its send
    /// instant's day in the SLA zone), or as before or after the term.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{NaiveDate, TimeZone, Utc};
    /// use sms_sla::{SlaPolicy, Term};
    /// use sms_sla::traffic::{AccountKind, Announcements, LedgerBuilder, MessageRecord, Outcome, Recipient};
    ///
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2025, 3, 17).unwrap(), 3)?;
    /// let mut builder = LedgerBuilder::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new())?;
    /// // 15:59:59 UTC on 16 March is 23:59:59 in UTC+08:00: the day before the term.
    /// let sent_at = Utc.with_ymd_and_hms(2025, 3, 16, 15, 59, 59).unwrap();
    /// builder.add(&MessageRecord::new(sent_at, Recipient::Valid, Outcome::Delivered));
    /// assert_eq!(builder.finish().before_term(), 1);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[inline]
    pub fn add(&mut self, record: &MessageRecord<'_>) {
        let (seconds, nanos) = record.unix_time();
        self.add_class_at(seconds, nanos, &record.class());
    }

    /// Counts one message of `class` sent `seconds` and `nanos` after the
    /// Unix epoch (see [`Counter::add`]).
    #[inline]
    pub(crate) fn add_class_at(&mut self, seconds: i64, nanos: u32, class: &MessageClass<'_>) {
        self.counting(|counter| counter.add(seconds, nanos, class));
    }

    /// Runs `count` with a [`Counter`] over this builder's days.
    #[inline]
    pub(crate) fn counting<R>(&mut self, count: impl FnOnce(&mut Counter<'_>) -> R) -> R {
        let mut counter = Counter {
            days: &mut self.days,
            windows: &self.windows,
            days_index: self.days_index,
            before_term: self.before_term,
            after_term: self.after_term,
        };
        let result = count(&mut counter);
        self.before_term = counter.before_term;
        self.after_term = counter.after_term;
        result
    }

    /// Records counted so far, inside and outside the term, without
    /// finishing the ledger.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{NaiveDate, TimeZone, Utc};
    /// use sms_sla::{SlaPolicy, Term};
    /// use sms_sla::traffic::{AccountKind, Announcements, LedgerBuilder, MessageRecord, Outcome, Recipient};
    ///
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2025, 3, 17).unwrap(), 3)?;
    /// let mut builder = LedgerBuilder::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new())?;
    /// builder.add(&MessageRecord::new(Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap(), Recipient::Valid, Outcome::Delivered));
    /// assert_eq!(builder.total(), 1);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn total(&self) -> u64 {
        self.days.iter().fold(
            self.before_term.saturating_add(self.after_term),
            |sum, day| sum.saturating_add(day.counts.total()),
        )
    }

    /// Counts every record of a slice.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{NaiveDate, TimeZone, Utc};
    /// use sms_sla::{SlaPolicy, Term};
    /// use sms_sla::traffic::{AccountKind, Announcements, LedgerBuilder, MessageRecord, Outcome, Recipient};
    ///
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2025, 3, 17).unwrap(), 3)?;
    /// let sent_at = Utc.with_ymd_and_hms(2025, 4, 1, 0, 0, 0).unwrap();
    /// let records = vec![MessageRecord::new(sent_at, Recipient::Valid, Outcome::Delivered); 1000];
    /// let mut builder = LedgerBuilder::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new())?;
    /// builder.add_all(&records);
    /// assert_eq!(builder.finish().total(), 1000);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn add_all(&mut self, records: &[MessageRecord<'_>]) {
        self.counting(|counter| {
            for record in records {
                let (seconds, nanos) = record.unix_time();
                counter.add(seconds, nanos, &record.class());
            }
        });
    }

    /// Counts a table given as columns: row `i` is a message sent
    /// `seconds[i]` after the Unix epoch (whole seconds), of class
    /// `classes[keys[i]]`. The class of each distinct key is found once,
    /// not once per row, and no record is built: the entry point for Unix
    /// time and class-code columns (Parquet, Arrow, a database), giving the
    /// same ledger as [`LedgerBuilder::add_all`] over the same messages.
    ///
    /// Any `i64` is a time: seconds before or after the term, however far,
    /// are counted there ([D18](crate::_documentation::design#d18)).
    ///
    /// # Errors
    ///
    /// [`ColumnError::ColumnLengthsDiffer`](crate::error::ColumnError::ColumnLengthsDiffer) when `seconds` and `keys` differ in
    /// length, and [`ColumnError::ClassKeyOutOfRange`](crate::error::ColumnError::ClassKeyOutOfRange) naming the first row
    /// whose key is not an index of `classes`. The columns are checked
    /// before anything is counted: on an error the builder is unchanged.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::{SlaPolicy, Term};
    /// use sms_sla::traffic::{AccountKind, Announcements, FailureCause, LedgerBuilder, MessageClass, Outcome, Recipient};
    ///
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2025, 4, 1).unwrap(), 1)?;
    /// let mut builder = LedgerBuilder::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new())?;
    /// let classes = [
    ///     MessageClass::new(Recipient::Valid, Outcome::Delivered),
    ///     MessageClass::new(Recipient::Valid, Outcome::Failed(FailureCause::ProviderSide)),
    /// ];
    /// // 2 April 2025, 01:00 and 02:00 UTC+08:00.
    /// builder.add_unix_columns(&[1_743_526_800, 1_743_530_400], &[0_u8, 1], &classes)?;
    /// let err = builder.add_unix_columns(&[1_743_526_800], &[2_u8], &classes).unwrap_err();
    /// assert_eq!(err.to_string(), "row 0: class key 2 is not an index of the 2 classes given");
    /// let ledger = builder.finish();
    /// let (_, april) = ledger.months().next().unwrap();
    /// assert_eq!((april.delivered(), april.provider_side(), ledger.total()), (1, 1, 2));
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn add_unix_columns<K>(
        &mut self,
        seconds: &[i64],
        keys: &[K],
        classes: &[MessageClass<'_>],
    ) -> Result<(), Error>
    where
        K: Copy + TryInto<usize> + core::fmt::Display,
    {
        if seconds.len() != keys.len() {
            return Err(Error::Columns(ColumnError::ColumnLengthsDiffer {
                times: seconds.len(),
                classes: keys.len(),
            }));
        }
        let index = |key: K| key.try_into().ok().filter(|&index| index < classes.len());
        if let Some(row) = keys.iter().position(|&key| index(key).is_none()) {
            return Err(Error::Columns(ColumnError::ClassKeyOutOfRange {
                row,
                key: keys.get(row).map(ToString::to_string).unwrap_or_default(),
                classes: classes.len(),
            }));
        }
        self.counting(|counter| {
            for (&seconds, &key) in seconds.iter().zip(keys) {
                if let Some(class) = index(key).and_then(|index| classes.get(index)) {
                    counter.add(seconds, 0, class);
                }
            }
        });
        Ok(())
    }

    /// Adds everything `other` counted.
    ///
    /// # Errors
    ///
    /// [`TrafficError::LedgerTermMismatch`](crate::error::TrafficError::LedgerTermMismatch) or [`TrafficError::LedgerRulesMismatch`](crate::error::TrafficError::LedgerRulesMismatch) when
    /// the builders cover different terms, or count in different zones, for
    /// different kinds of account, with different surge volumes or under
    /// different announcements.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{NaiveDate, TimeZone, Utc};
    /// use sms_sla::{SlaPolicy, Term};
    /// use sms_sla::traffic::{AccountKind, Announcements, LedgerBuilder, MessageRecord, Outcome, Recipient};
    ///
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2025, 3, 17).unwrap(), 3)?;
    /// let sent_at = Utc.with_ymd_and_hms(2025, 4, 1, 0, 0, 0).unwrap();
    /// let record = MessageRecord::new(sent_at, Recipient::Valid, Outcome::Delivered);
    /// let mut left = LedgerBuilder::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new())?;
    /// let mut right = left.clone();
    /// left.add(&record);
    /// right.add(&record);
    /// left.merge(&right)?;
    /// assert_eq!(left.finish().total(), 2);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn merge(&mut self, other: &Self) -> Result<(), Error> {
        if self.term != other.term {
            return Err(Error::Traffic(TrafficError::LedgerTermMismatch {
                left: self.term,
                right: other.term,
            }));
        }
        if self.rules != other.rules {
            return Err(Error::Traffic(TrafficError::LedgerRulesMismatch {
                term: self.term,
            }));
        }
        self.merge_counts(other);
        Ok(())
    }

    /// Counts every record of a slice using every core (feature `rayon`):
    /// chunks are tallied in parallel into builders of the same term and
    /// rules, which then merge exactly. Gives the same ledger as
    /// [`LedgerBuilder::add_all`].
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{NaiveDate, TimeZone, Utc};
    /// use sms_sla::{SlaPolicy, Term};
    /// use sms_sla::traffic::{AccountKind, Announcements, LedgerBuilder, MessageRecord, Outcome, Recipient};
    ///
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2025, 3, 17).unwrap(), 3)?;
    /// let sent_at = Utc.with_ymd_and_hms(2025, 4, 1, 0, 0, 0).unwrap();
    /// let records = vec![MessageRecord::new(sent_at, Recipient::Valid, Outcome::Delivered); 100_000];
    /// let mut parallel = LedgerBuilder::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new())?;
    /// parallel.par_add_all(&records);
    /// let mut sequential = LedgerBuilder::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new())?;
    /// sequential.add_all(&records);
    /// assert_eq!(parallel.finish(), sequential.finish());
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[cfg(feature = "rayon")]
    pub fn par_add_all(&mut self, records: &[MessageRecord<'_>]) {
        use rayon::prelude::*;

        // Large chunks keep each core on its own counters for long runs;
        // the `tally` benchmark's all-cores case shows the scaling.
        const CHUNK: usize = 1 << 16;
        let empty = self.empty_like();
        let partial = records
            .par_chunks(CHUNK)
            .fold(
                || empty.clone(),
                |mut builder, chunk| {
                    builder.add_all(chunk);
                    builder
                },
            )
            .reduce(
                || empty.clone(),
                |mut left, right| {
                    left.merge_counts(&right);
                    left
                },
            );
        self.merge_counts(&partial);
    }

    /// A builder of the same term and rules with nothing counted.
    #[cfg(feature = "rayon")]
    fn empty_like(&self) -> Self {
        Self {
            term: self.term,
            rules: self.rules.clone(),
            windows: self.windows.clone(),
            days_index: self.days_index,
            days: vec![Day::default(); self.days.len()],
            before_term: 0,
            after_term: 0,
        }
    }

    /// Adds `other`'s counts, known to be of the same term and rules.
    fn merge_counts(&mut self, other: &Self) {
        for (mine, theirs) in self.days.iter_mut().zip(&other.days) {
            mine.merge(theirs);
        }
        self.before_term = self.before_term.saturating_add(other.before_term);
        self.after_term = self.after_term.saturating_add(other.after_term);
    }

    /// The ledger of everything counted, with the surge rule (§4.10)
    /// applied day by day.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{NaiveDate, TimeZone, Utc};
    /// use sms_sla::{SlaPolicy, Term};
    /// use sms_sla::traffic::{AccountKind, Announcements, Exemption, FailureCause, LedgerBuilder, MessageRecord, Outcome, Recipient};
    ///
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(), 1)?;
    /// let policy = SlaPolicy::tencent_sms().with_surge_threshold(AccountKind::Ordinary, Some(3));
    /// let mut builder = LedgerBuilder::new(&policy, term, AccountKind::Ordinary, Announcements::new())?;
    /// let at = Utc.with_ymd_and_hms(2025, 3, 10, 4, 0, 0).unwrap();
    /// builder.add(&MessageRecord::new(at, Recipient::Valid, Outcome::Delivered));
    /// builder.add(&MessageRecord::new(at, Recipient::Valid, Outcome::Delivered));
    /// builder.add(&MessageRecord::new(at, Recipient::Valid, Outcome::Failed(FailureCause::ProviderSide)));
    /// let ledger = builder.finish();
    /// let (_, march) = ledger.months().next().unwrap();
    /// assert_eq!((march.provider_side(), march.exempt(Exemption::TrafficSurge)), (0, 1));
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn finish(&self) -> Ledger {
        let mut days = self.days.iter();
        let months = self
            .term
            .service_months()
            .map(|month| {
                let mut tally = Tally::new();
                for (date, day) in dates(month).zip(days.by_ref()) {
                    let mut counts = day.counts;
                    if self.rules.is_surge(date, counts.total()) {
                        // SPEC D13: every failure that would otherwise be an
                        // Apparent Failure; failures already exempt keep
                        // their clause.
                        let surge = Slot::exempt(Exemption::TrafficSurge);
                        counts.move_all(Slot::PROVIDER_SIDE, surge);
                        counts.move_all(Slot::UNCLASSIFIED, surge);
                    }
                    tally.add_counts(&counts);
                    for (code, &count) in &day.codes {
                        tally.list_code(code.code(), count);
                    }
                }
                tally
            })
            .collect();
        Ledger {
            term: self.term,
            months,
            before_term: self.before_term,
            after_term: self.after_term,
        }
    }
}

#[cfg(feature = "serde")]
mod wire;

#[cfg(feature = "serde")]
mod builder_wire;
