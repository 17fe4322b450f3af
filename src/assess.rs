//! One verdict per Service Month, end to end ([D1](crate::_documentation::design#d1)-[D18](crate::_documentation::design#d18)).
//!
//! An [`Assessor`] takes a term's message records as a stream (memory
//! proportional to the term's days, never to the records), and
//! [`Assessor::finish`] turns them, with each month's fee, the rate-card
//! price, a business calendar and an as-of date, into an [`Assessment`]:
//! for every Service Month its tally, availability, compensation and claim
//! window, plus the term's totals (§5.2) and the records outside the term.
//!
//! ```
//! use chrono::{NaiveDate, TimeZone, Utc};
//! use rust_decimal::dec;
//! use sms_sla::assess::{Assessor, MonthlyFees};
//! use sms_sla::calendar::ChinaMainland;
//! use sms_sla::traffic::{AccountKind, Announcements, FailureCause, MessageRecord, Outcome, Recipient};
//! use sms_sla::{Money, MonthlyServiceFee, SlaPolicy, Term};
//!
//! let policy = SlaPolicy::tencent_sms();
//! let term = Term::from_months(NaiveDate::from_ymd_opt(2025, 4, 1).unwrap(), 1)?;
//! let mut assessor = Assessor::new(&policy, term, AccountKind::Ordinary, Announcements::new())?;
//! let at = Utc.with_ymd_and_hms(2025, 4, 2, 1, 0, 0).unwrap();
//! for i in 0..100 {
//!     let outcome = if i < 8 { Outcome::Failed(FailureCause::ProviderSide) } else { Outcome::Delivered };
//!     assessor.add(&MessageRecord::new(at, Recipient::Valid, outcome));
//! }
//! let april = term.service_months().next().unwrap();
//! let fees = MonthlyFees::new().with(april, MonthlyServiceFee::new(Money::new(dec!(100), "CNY")?))?;
//! let price = Money::new(dec!(0.045), "CNY")?;
//! let as_of = NaiveDate::from_ymd_opt(2025, 5, 20).unwrap();
//! let assessment = assessor.finish(&fees, &price, &ChinaMainland::new(), as_of)?;
//! let month = &assessment.months()[0];
//! assert_eq!(month.availability().to_string(), "92.0000%");
//! assert_eq!(month.compensation().amount().to_string(), "10.00 CNY");
//! assert_eq!(month.compensation().messages(), 222);
//! assert!(month.claim().status().is_some_and(|s| s.is_open()));
//! # Ok::<(), sms_sla::Error>(())
//! ```

#[cfg(feature = "svg")]
mod chart;
mod reconcile;
mod report;
mod verdict;

pub use self::reconcile::LogStats;
pub use self::verdict::{ClaimSplit, FailureBudget, VerdictBounds};

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};

use crate::calendar::BusinessCalendar;
use crate::compensation::{Compensation, CompensationTotal};
use crate::stored::Format;
use crate::traffic::{AccountKind, Announcements, LedgerBuilder, MessageRecord, Tally};
use crate::{
    Availability, ClaimStatus, ClaimWindow, Error, Money, MonthlyServiceFee, ServiceMonth,
    SlaPolicy, Term,
};

/// The Monthly Service Fee of each Service Month of a term (§1.6).
///
/// # Examples
///
/// ```
/// use chrono::NaiveDate;
/// use rust_decimal::dec;
/// use sms_sla::assess::MonthlyFees;
/// use sms_sla::{Money, MonthlyServiceFee, ServiceMonth};
///
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let april = ServiceMonth::new(d(2025, 4, 1), d(2025, 4, 30))?;
/// let fee = MonthlyServiceFee::new(Money::new(dec!(100), "CNY")?);
/// let fees = MonthlyFees::new().with(april, fee.clone())?;
/// assert_eq!(fees.get(&april), Some(&fee));
/// assert_eq!(fees.for_month(2025, 4), Some((april, &fee)));
/// assert!(fees.clone().with(april, fee.clone()).is_err()); // one fee per month
///
/// // Collected from pairs: a month given twice is reported when assessing.
/// let collected: MonthlyFees = [(april, fee.clone())].into_iter().collect();
/// assert_eq!(collected, fees);
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(into = "Vec<FeeEntry>", try_from = "Vec<FeeEntry>")
)]
pub struct MonthlyFees {
    fees: BTreeMap<ServiceMonth, MonthlyServiceFee>,
    /// The first month given twice when collected from an iterator, which
    /// cannot fail: [`Assessor::finish`] reports it.
    duplicate: Option<ServiceMonth>,
}

/// One month's fee in the stored form of [`MonthlyFees`]: a list, since
/// JSON keys are strings.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FeeEntry {
    month: ServiceMonth,
    fee: MonthlyServiceFee,
}

#[cfg(feature = "serde")]
impl From<MonthlyFees> for Vec<FeeEntry> {
    fn from(fees: MonthlyFees) -> Self {
        fees.fees
            .into_iter()
            .map(|(month, fee)| FeeEntry { month, fee })
            .collect()
    }
}

#[cfg(feature = "serde")]
impl TryFrom<Vec<FeeEntry>> for MonthlyFees {
    type Error = Error;

    fn try_from(entries: Vec<FeeEntry>) -> Result<Self, Error> {
        entries
            .into_iter()
            .try_fold(Self::new(), |fees, entry| fees.with(entry.month, entry.fee))
    }
}

impl FromIterator<(ServiceMonth, MonthlyServiceFee)> for MonthlyFees {
    /// Collects fees by month; a month given more than once keeps its first
    /// fee and is reported as [`Error::DuplicateFee`] by
    /// [`Assessor::finish`], never dropped in silence.
    fn from_iter<I: IntoIterator<Item = (ServiceMonth, MonthlyServiceFee)>>(pairs: I) -> Self {
        let mut fees = Self::new();
        for (month, fee) in pairs {
            match fees.fees.entry(month) {
                std::collections::btree_map::Entry::Occupied(_) => {
                    fees.duplicate.get_or_insert(month);
                }
                std::collections::btree_map::Entry::Vacant(slot) => {
                    slot.insert(fee);
                }
            }
        }
        fees
    }
}

impl MonthlyFees {
    /// No fees yet.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::assess::MonthlyFees;
    ///
    /// assert_eq!(MonthlyFees::new().len(), 0);
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The same fees plus `fee` for `month`.
    ///
    /// # Errors
    ///
    /// [`Error::DuplicateFee`] when `month` already has a fee.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use rust_decimal::dec;
    /// use sms_sla::assess::MonthlyFees;
    /// use sms_sla::{Money, MonthlyServiceFee, ServiceMonth};
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let april = ServiceMonth::new(d(2025, 4, 1), d(2025, 4, 30))?;
    /// let fee = MonthlyServiceFee::new(Money::new(dec!(100), "CNY")?);
    /// let err = MonthlyFees::new().with(april, fee.clone())?.with(april, fee).unwrap_err();
    /// assert_eq!(err.to_string(), "service month 2025-04-01 to 2025-04-30 is given more than one fee");
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn with(mut self, month: ServiceMonth, fee: MonthlyServiceFee) -> Result<Self, Error> {
        if self.fees.contains_key(&month) {
            return Err(Error::DuplicateFee { month });
        }
        self.fees.insert(month, fee);
        Ok(self)
    }

    /// The Service Month of `year` and `month` (1 to 12) that has a fee,
    /// and its fee.
    #[must_use]
    pub fn for_month(&self, year: i32, month: u32) -> Option<(ServiceMonth, &MonthlyServiceFee)> {
        use chrono::Datelike as _;
        self.fees
            .iter()
            .find(|(service_month, _)| {
                let first = service_month.first_day();
                (first.year(), first.month()) == (year, month)
            })
            .map(|(&service_month, fee)| (service_month, fee))
    }

    /// Every month with its fee, in order.
    #[must_use]
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (ServiceMonth, &MonthlyServiceFee)> + '_ {
        self.fees.iter().map(|(&month, fee)| (month, fee))
    }

    /// The fee of `month`, if given.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::ServiceMonth;
    /// use sms_sla::assess::MonthlyFees;
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert!(MonthlyFees::new().get(&ServiceMonth::new(d(2025, 4, 1), d(2025, 4, 30))?).is_none());
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn get(&self, month: &ServiceMonth) -> Option<&MonthlyServiceFee> {
        self.fees.get(month)
    }

    /// How many months have a fee.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::assess::MonthlyFees;
    ///
    /// assert!(MonthlyFees::new().is_empty());
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.fees.len()
    }

    /// Whether no month has a fee.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::assess::MonthlyFees;
    ///
    /// assert!(MonthlyFees::new().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.fees.is_empty()
    }
}

/// Collects a term's records as a stream, then assesses every Service
/// Month (see the [module documentation](self)).
///
/// Memory is proportional to the term's days: a counter block per day, so
/// streams of any length assess in the same space. Assessors of the same
/// term, policy, account and announcements [`merge`](Assessor::merge)
/// exactly. With the `serde` feature an assessor serializes with everything
/// counted so far, so an assessment can resume after a restart or in
/// another process; reading one back checks that its ledger and its policy
/// agree on the zone and the surge volume.
///
/// # Examples
///
/// ```
/// use chrono::NaiveDate;
/// use sms_sla::assess::Assessor;
/// use sms_sla::traffic::{AccountKind, Announcements};
/// use sms_sla::{SlaPolicy, Term};
///
/// let policy = SlaPolicy::tencent_sms();
/// let term = Term::from_months(NaiveDate::from_ymd_opt(2024, 3, 17).unwrap(), 3)?;
/// let mut assessor = Assessor::new(&policy, term, AccountKind::Ordinary, Announcements::new())?;
/// assessor.reject("entry 7: field `sid` is missing");
/// assert_eq!(assessor.rejected(), 1);
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Assessor {
    policy: SlaPolicy,
    ledger: LedgerBuilder,
    rejected: u64,
    /// Rejected entries by Service Month (index), when their time is known
    /// and inside the term ([D22](crate::_documentation::design#d22)).
    rejected_by_month: Vec<u64>,
    rejection_samples: Vec<String>,
    /// The reconciliation counts of the Tencent data read, if any.
    reconciliation: Option<LogStats>,
}

impl Assessor {
    /// How many rejection reasons an assessment keeps word for word; all
    /// are counted.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::assess::Assessor;
    ///
    /// assert_eq!(Assessor::REJECTION_SAMPLES, 20);
    /// ```
    pub const REJECTION_SAMPLES: usize = 20;

    /// An assessor of an account of kind `account` over `term` under
    /// `policy`, with the windows and surge notices announced to the
    /// account. The policy alone sets the zone and the surge volume, so the
    /// ledger and the assessment cannot disagree about either.
    ///
    /// # Errors
    ///
    /// [`Error::TermTooLongToTally`] for a term of more than
    /// [`LedgerBuilder::MAX_TERM_DAYS`] days.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::assess::Assessor;
    /// use sms_sla::traffic::{AccountKind, Announcements};
    /// use sms_sla::{SlaPolicy, Term};
    ///
    /// let policy = SlaPolicy::tencent_sms();
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2024, 3, 17).unwrap(), 3)?;
    /// let assessor = Assessor::new(&policy, term, AccountKind::Gateway, Announcements::new())?;
    /// assert_eq!(assessor.term(), term);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn new(
        policy: &SlaPolicy,
        term: Term,
        account: AccountKind,
        announcements: Announcements,
    ) -> Result<Self, Error> {
        Ok(Self {
            policy: policy.clone(),
            ledger: LedgerBuilder::new(policy, term, account, announcements)?,
            rejected: 0,
            rejected_by_month: vec![0; term.service_months().len()],
            rejection_samples: Vec::new(),
            reconciliation: None,
        })
    }

    /// The term being assessed.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::assess::Assessor;
    /// use sms_sla::{SlaPolicy, Term};
    /// use sms_sla::traffic::{AccountKind, Announcements};
    ///
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2024, 3, 17).unwrap(), 3)?;
    /// let policy = SlaPolicy::tencent_sms();
    /// assert_eq!(Assessor::new(&policy, term, AccountKind::Ordinary, Announcements::new())?.term(), term);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub const fn term(&self) -> Term {
        self.ledger.term()
    }

    /// Counts one message record.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{NaiveDate, TimeZone, Utc};
    /// use sms_sla::assess::Assessor;
    /// use sms_sla::traffic::{AccountKind, Announcements, MessageRecord, Outcome, Recipient};
    /// use sms_sla::{SlaPolicy, Term};
    ///
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2024, 3, 17).unwrap(), 3)?;
    /// let mut assessor = Assessor::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new())?;
    /// assessor.add(&MessageRecord::new(Utc.with_ymd_and_hms(2024, 4, 1, 0, 0, 0).unwrap(), Recipient::Valid, Outcome::Delivered));
    /// assert_eq!(assessor.records(), 1);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[inline]
    pub fn add(&mut self, record: &MessageRecord) {
        self.ledger.add(record);
    }

    /// Counts every record of a slice.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{NaiveDate, TimeZone, Utc};
    /// use sms_sla::assess::Assessor;
    /// use sms_sla::traffic::{AccountKind, Announcements, MessageRecord, Outcome, Recipient};
    /// use sms_sla::{SlaPolicy, Term};
    ///
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2024, 3, 17).unwrap(), 3)?;
    /// let record = MessageRecord::new(Utc.with_ymd_and_hms(2024, 4, 1, 0, 0, 0).unwrap(), Recipient::Valid, Outcome::Delivered);
    /// let mut assessor = Assessor::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new())?;
    /// assessor.add_all(&[record; 3]);
    /// assert_eq!(assessor.records(), 3);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn add_all(&mut self, records: &[MessageRecord<'_>]) {
        self.ledger.add_all(records);
    }

    /// Counts every record of a slice using every core (feature `rayon`);
    /// the same result as [`Assessor::add_all`].
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{NaiveDate, TimeZone, Utc};
    /// use sms_sla::assess::Assessor;
    /// use sms_sla::traffic::{AccountKind, Announcements, MessageRecord, Outcome, Recipient};
    /// use sms_sla::{SlaPolicy, Term};
    ///
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2024, 3, 17).unwrap(), 3)?;
    /// let record = MessageRecord::new(Utc.with_ymd_and_hms(2024, 4, 1, 0, 0, 0).unwrap(), Recipient::Valid, Outcome::Delivered);
    /// let mut assessor = Assessor::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new())?;
    /// assessor.par_add_all(&vec![record; 10_000]);
    /// assert_eq!(assessor.records(), 10_000);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[cfg(feature = "rayon")]
    pub fn par_add_all(&mut self, records: &[MessageRecord<'_>]) {
        self.ledger.par_add_all(records);
    }

    /// Counts an input entry that could not be read as a message
    /// ([D18](crate::_documentation::design#d18)), keeping the first [`Assessor::REJECTION_SAMPLES`] reasons.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::assess::Assessor;
    /// use sms_sla::{SlaPolicy, Term};
    /// use sms_sla::traffic::{AccountKind, Announcements};
    ///
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2024, 3, 17).unwrap(), 3)?;
    /// let mut assessor = Assessor::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new())?;
    /// for i in 0..30 {
    ///     assessor.reject(format!("entry {i}: not an object"));
    /// }
    /// assert_eq!(assessor.rejected(), 30);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn reject(&mut self, reason: impl std::fmt::Display) {
        self.reject_at(reason, None);
    }

    /// Counts a rejected entry whose time could be read: it belongs to the
    /// Service Month of that time in the policy's zone, whose verdict bounds
    /// it widens ([D22](crate::_documentation::design#d22)). An entry with
    /// no time (`None`), or a time outside the term, is reported for the
    /// term.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{NaiveDate, TimeZone, Utc};
    /// use sms_sla::assess::Assessor;
    /// use sms_sla::{SlaPolicy, Term};
    /// use sms_sla::traffic::{AccountKind, Announcements};
    ///
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2024, 3, 17).unwrap(), 3)?;
    /// let mut assessor = Assessor::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new())?;
    /// assessor.reject_at("entry 3: report_status `LOST` is neither SUCCESS nor FAIL", Some(Utc.with_ymd_and_hms(2024, 4, 2, 0, 0, 0).unwrap()));
    /// assert_eq!(assessor.rejected(), 1);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn reject_at(&mut self, reason: impl std::fmt::Display, at: Option<DateTime<Utc>>) {
        self.count_rejected(at, 1);
        if self.rejection_samples.len() < Self::REJECTION_SAMPLES {
            self.rejection_samples.push(reason.to_string());
        }
    }

    /// Counts `count` rejected entries with the time `at`: in the term's
    /// total, and in the Service Month of `at` when it has one.
    fn count_rejected(&mut self, at: Option<DateTime<Utc>>, count: u64) {
        self.rejected = self.rejected.saturating_add(count);
        if let Some(counter) = at
            .and_then(|at| self.month_index(at))
            .and_then(|index| self.rejected_by_month.get_mut(index))
        {
            *counter = counter.saturating_add(count);
        }
    }

    /// The index of the Service Month of `at`, if inside the term.
    fn month_index(&self, at: DateTime<Utc>) -> Option<usize> {
        let term = self.term();
        let month = term.service_month_at(at, self.ledger.zone())?;
        term.service_months().position(|m| m == month)
    }

    /// Counts everything a [`MessageLog`](crate::tencent::MessageLog) holds
    /// (feature `tencent`): one record per message, its rejected entries
    /// with their times, and its reconciliation counts, which the
    /// assessment reports.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::assess::Assessor;
    /// use sms_sla::tencent::{CodeTable, MessageLog};
    /// use sms_sla::{SlaPolicy, Term};
    /// use sms_sla::traffic::{AccountKind, Announcements};
    ///
    /// let mut log = MessageLog::new(CodeTable::tencent_default());
    /// log.read_callback(r#"[{"user_receive_time": "2024-04-02 08:03:04", "report_status": "SUCCESS", "sid": "s1"},
    ///                        {"user_receive_time": "2024-04-02 08:03:04", "report_status": "LOST", "sid": "s2"}]"#)?;
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2024, 3, 17).unwrap(), 3)?;
    /// let mut assessor = Assessor::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new())?;
    /// assessor.add_log(&log);
    /// assert_eq!((assessor.records(), assessor.rejected()), (1, 1));
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[cfg(feature = "tencent")]
    pub fn add_log(&mut self, log: &crate::tencent::MessageLog) {
        for record in log.records() {
            self.ledger.add(&record);
        }
        for (at, count) in log.rejected_at() {
            self.count_rejected(Some(at), count);
        }
        self.count_rejected(None, log.rejected_without_time());
        let room = Self::REJECTION_SAMPLES.saturating_sub(self.rejection_samples.len());
        self.rejection_samples
            .extend(log.rejections().iter().take(room).map(ToString::to_string));
        let mut stats = self.reconciliation.unwrap_or_default();
        stats.add(log.stats());
        self.reconciliation = Some(stats);
    }

    /// Entries rejected so far.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::assess::Assessor;
    /// use sms_sla::{SlaPolicy, Term};
    /// use sms_sla::traffic::{AccountKind, Announcements};
    ///
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2024, 3, 17).unwrap(), 3)?;
    /// assert_eq!(Assessor::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new())?.rejected(), 0);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub const fn rejected(&self) -> u64 {
        self.rejected
    }

    /// Records counted so far, inside and outside the term.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::assess::Assessor;
    /// use sms_sla::{SlaPolicy, Term};
    /// use sms_sla::traffic::{AccountKind, Announcements};
    ///
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2024, 3, 17).unwrap(), 3)?;
    /// assert_eq!(Assessor::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new())?.records(), 0);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn records(&self) -> u64 {
        self.ledger.records()
    }

    /// Adds everything `other` counted.
    ///
    /// # Errors
    ///
    /// As [`LedgerBuilder::merge`]: a different term or different rules;
    /// [`Error::AssessorPolicyMismatch`] for a different policy.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::assess::Assessor;
    /// use sms_sla::{SlaPolicy, Term};
    /// use sms_sla::traffic::{AccountKind, Announcements};
    ///
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2024, 3, 17).unwrap(), 3)?;
    /// let mut a = Assessor::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new())?;
    /// let mut b = a.clone();
    /// b.reject("entry 0: not an object");
    /// a.merge(&b)?;
    /// assert_eq!(a.rejected(), 1);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn merge(&mut self, other: &Self) -> Result<(), Error> {
        if self.policy != other.policy {
            return Err(Error::AssessorPolicyMismatch { term: self.term() });
        }
        self.ledger.merge(&other.ledger)?;
        self.rejected = self.rejected.saturating_add(other.rejected);
        for (mine, theirs) in self
            .rejected_by_month
            .iter_mut()
            .zip(&other.rejected_by_month)
        {
            *mine = mine.saturating_add(*theirs);
        }
        if let Some(theirs) = other.reconciliation {
            let mut stats = self.reconciliation.unwrap_or_default();
            stats.add(theirs);
            self.reconciliation = Some(stats);
        }
        let room = Self::REJECTION_SAMPLES.saturating_sub(self.rejection_samples.len());
        self.rejection_samples
            .extend(other.rejection_samples.iter().take(room).cloned());
        Ok(())
    }

    /// The assessment: every Service Month with its tally, availability,
    /// compensation at `unit_price` against its fee in `fees`, and claim
    /// window on `calendar` with its status on `as_of`.
    ///
    /// A claim window the calendar cannot compute (a year without data) is
    /// reported as unavailable with the reason; the rest of the assessment
    /// stands.
    ///
    /// # Errors
    ///
    /// - [`Error::DuplicateFee`] when the fees were collected with a month
    ///   given twice.
    /// - [`Error::MissingFee`] when a Service Month has no fee.
    /// - [`Error::FeeOutsideTerm`] when a fee is for a month that is not
    ///   one of the term's Service Months.
    /// - As [`SlaPolicy::compensate`]: a unit price in another currency or
    ///   of zero, or an amount beyond `Decimal`'s precision.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use rust_decimal::dec;
    /// use sms_sla::assess::{Assessor, MonthlyFees};
    /// use sms_sla::calendar::ChinaMainland;
    /// use sms_sla::{Money, SlaPolicy, Term};
    /// use sms_sla::traffic::{AccountKind, Announcements};
    ///
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2024, 3, 17).unwrap(), 3)?;
    /// let assessor = Assessor::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new())?;
    /// let price = Money::new(dec!(0.045), "CNY")?;
    /// let err = assessor.finish(&MonthlyFees::new(), &price, &ChinaMainland::new(), term.last_day()).unwrap_err();
    /// assert_eq!(err.to_string(), "no monthly service fee given for service month 2024-03-17 to 2024-03-31");
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn finish<C: BusinessCalendar + ?Sized>(
        &self,
        fees: &MonthlyFees,
        unit_price: &Money,
        calendar: &C,
        as_of: NaiveDate,
    ) -> Result<Assessment, Error> {
        if let Some(month) = fees.duplicate {
            return Err(Error::DuplicateFee { month });
        }
        let ledger = self.ledger.finish();
        let term = ledger.term();
        if let Some(&month) = fees.fees.keys().find(|month| ledger.tally(month).is_none()) {
            return Err(Error::FeeOutsideTerm { month, term });
        }
        let mut total = CompensationTotal::new(unit_price.currency());
        let mut claims = ClaimSplit::new(unit_price.currency());
        let mut months = Vec::with_capacity(ledger.months().len());
        let schedule = self.policy.schedule();
        let thresholds = verdict::budget_thresholds(schedule.standard(), schedule.tiers());
        for ((month, tally), &rejected) in ledger.months().zip(&self.rejected_by_month) {
            let fee = fees.get(&month).ok_or(Error::MissingFee { month })?;
            let availability = self.policy.availability(tally);
            let compensation = self.policy.compensate(&availability, fee, unit_price)?;
            total.add(&compensation)?;
            let claim = match self.policy.claim_window(&month, calendar) {
                Ok(window) => ClaimOutlook::Known {
                    window,
                    status: window.status_on(as_of),
                },
                Err(err) => ClaimOutlook::Unavailable {
                    reason: err.to_string(),
                },
            };
            claims.add(&compensation, claim.status())?;
            let effective = availability.effective_sent().saturating_add(rejected);
            let apparent = availability.apparent_failures();
            let if_delivered = Availability::new(effective, apparent)?;
            let if_failed = Availability::new(effective, apparent.saturating_add(rejected))?;
            let bounds = VerdictBounds::new(
                self.policy.rate_for(&if_delivered),
                self.policy.rate_for(&if_failed),
            );
            let budgets = thresholds
                .iter()
                .filter_map(|&threshold| {
                    availability
                        .failure_budget(threshold)
                        .map(|failures| FailureBudget::new(threshold, failures))
                })
                .collect();
            months.push(MonthAssessment {
                service_month: month,
                tally: tally.clone(),
                availability,
                compensation,
                claim,
                rejected,
                bounds,
                budgets,
            });
        }
        let placed = self
            .rejected_by_month
            .iter()
            .fold(0_u64, |sum, &count| sum.saturating_add(count));
        Ok(Assessment {
            format: Format::CURRENT,
            policy: self.policy.clone(),
            term,
            as_of,
            months,
            total,
            before_term: ledger.before_term(),
            after_term: ledger.after_term(),
            rejected: self.rejected,
            rejected_for_term: self.rejected.saturating_sub(placed),
            rejection_samples: self.rejection_samples.clone(),
            claims,
            reconciliation: self.reconciliation,
        })
    }
}

/// The claim window of a Service Month, if it can be computed, and where
/// the as-of date stands.
///
/// # Examples
///
/// ```
/// use sms_sla::assess::ClaimOutlook;
///
/// let unknown = ClaimOutlook::Unavailable { reason: "no business-day data for 2027".to_owned() };
/// assert!(unknown.window().is_none() && unknown.status().is_none());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "claim", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ClaimOutlook {
    /// The window and the as-of date's status.
    Known {
        /// The claim window.
        window: ClaimWindow,
        /// Where the as-of date stands.
        status: ClaimStatus,
    },
    /// The window cannot be computed yet, and why (for instance the
    /// calendar has no data for the next year).
    Unavailable {
        /// The reason.
        reason: String,
    },
}

impl ClaimOutlook {
    /// The window, if known.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::assess::ClaimOutlook;
    ///
    /// assert!(ClaimOutlook::Unavailable { reason: String::new() }.window().is_none());
    /// ```
    #[must_use]
    pub const fn window(&self) -> Option<&ClaimWindow> {
        match self {
            Self::Known { window, .. } => Some(window),
            Self::Unavailable { .. } => None,
        }
    }

    /// The as-of date's status, if the window is known.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::assess::ClaimOutlook;
    ///
    /// assert!(ClaimOutlook::Unavailable { reason: String::new() }.status().is_none());
    /// ```
    #[must_use]
    pub const fn status(&self) -> Option<ClaimStatus> {
        match self {
            Self::Known { status, .. } => Some(*status),
            Self::Unavailable { .. } => None,
        }
    }
}

/// One Service Month's verdict.
///
/// # Examples
///
/// See the [module documentation](self).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MonthAssessment {
    service_month: ServiceMonth,
    tally: Tally,
    availability: Availability,
    compensation: Compensation,
    claim: ClaimOutlook,
    /// Rejected entries of this month ([D22](crate::_documentation::design#d22)).
    rejected: u64,
    #[cfg_attr(feature = "serde", serde(rename = "verdict_bounds"))]
    bounds: VerdictBounds,
    #[cfg_attr(feature = "serde", serde(rename = "failure_budgets"))]
    budgets: Vec<FailureBudget>,
}

impl MonthAssessment {
    /// The Service Month.
    #[must_use]
    pub const fn service_month(&self) -> ServiceMonth {
        self.service_month
    }

    /// Its messages, by bucket.
    #[must_use]
    pub const fn tally(&self) -> &Tally {
        &self.tally
    }

    /// Its availability (§2.1) under the policy's rule for unclassified
    /// codes.
    #[must_use]
    pub const fn availability(&self) -> Availability {
        self.availability
    }

    /// Its compensation (§3.1).
    #[must_use]
    pub const fn compensation(&self) -> &Compensation {
        &self.compensation
    }

    /// Its claim window and status (§3.2).
    #[must_use]
    pub const fn claim(&self) -> &ClaimOutlook {
        &self.claim
    }

    /// Rejected entries whose time falls in this month
    /// ([D22](crate::_documentation::design#d22)).
    #[must_use]
    pub const fn rejected(&self) -> u64 {
        self.rejected
    }

    /// The rate if this month's rejected entries were all delivered, and if
    /// they were all Apparent Failures ([D22](crate::_documentation::design#d22)).
    #[must_use]
    pub const fn verdict_bounds(&self) -> VerdictBounds {
        self.bounds
    }

    /// How many more Apparent Failures the month could absorb before
    /// falling below the standard and below each tier, highest threshold
    /// first; empty without traffic ([D25](crate::_documentation::design#d25)).
    #[must_use]
    pub fn failure_budgets(&self) -> &[FailureBudget] {
        &self.budgets
    }
}

/// A term assessed: one [`MonthAssessment`] per Service Month, the term's
/// totals (§5.2), and every record and entry accounted for ([D18](crate::_documentation::design#d18)).
///
/// Serializes to JSON with stable field names (decimals as strings) and
/// renders as a text table with [`Assessment::to_table`].
///
/// # Examples
///
/// See the [module documentation](self).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Assessment {
    /// The stored form's format (written first, checked on reading).
    #[cfg_attr(feature = "serde", serde(default))]
    format: Format,
    policy: SlaPolicy,
    term: Term,
    as_of: NaiveDate,
    months: Vec<MonthAssessment>,
    total: CompensationTotal,
    before_term: u64,
    after_term: u64,
    rejected: u64,
    /// Rejected entries with no time, or a time outside the term.
    rejected_for_term: u64,
    rejection_samples: Vec<String>,
    claims: ClaimSplit,
    reconciliation: Option<LogStats>,
}

impl Assessment {
    /// The term's compensation split by claim status on the as-of date:
    /// claimable now, later, forfeited unless already claimed, and unknown
    /// ([D24](crate::_documentation::design#d24)).
    #[must_use]
    pub const fn claims(&self) -> &ClaimSplit {
        &self.claims
    }

    /// The reconciliation counts of the Tencent data assessed
    /// ([`Assessor::add_log`]), if any.
    #[must_use]
    pub const fn reconciliation(&self) -> Option<&LogStats> {
        self.reconciliation.as_ref()
    }

    /// Rejected entries that belong to no Service Month: no readable time,
    /// or a time outside the term ([D22](crate::_documentation::design#d22)).
    #[must_use]
    pub const fn rejected_for_term(&self) -> u64 {
        self.rejected_for_term
    }

    /// The policy the term was assessed under.
    #[must_use]
    pub const fn policy(&self) -> &SlaPolicy {
        &self.policy
    }

    /// The term.
    #[must_use]
    pub const fn term(&self) -> Term {
        self.term
    }

    /// The date claim statuses are given for.
    #[must_use]
    pub const fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// Every Service Month, in order.
    #[must_use]
    pub fn months(&self) -> &[MonthAssessment] {
        &self.months
    }

    /// The term's compensation, months added up (§5.2).
    #[must_use]
    pub const fn total(&self) -> &CompensationTotal {
        &self.total
    }

    /// Records sent before the term.
    #[must_use]
    pub const fn before_term(&self) -> u64 {
        self.before_term
    }

    /// Records sent after the term.
    #[must_use]
    pub const fn after_term(&self) -> u64 {
        self.after_term
    }

    /// Input entries rejected as malformed.
    #[must_use]
    pub const fn rejected(&self) -> u64 {
        self.rejected
    }

    /// The first rejection reasons, word for word.
    #[must_use]
    pub fn rejection_samples(&self) -> &[String] {
        &self.rejection_samples
    }

    /// Every input entry accounted for: records in every bucket of every
    /// month, records outside the term, and rejected entries ([D18](crate::_documentation::design#d18)).
    #[must_use]
    pub fn entries(&self) -> u64 {
        self.months
            .iter()
            .map(|month| month.tally.total())
            .fold(self.before_term, u64::saturating_add)
            .saturating_add(self.after_term)
            .saturating_add(self.rejected)
    }
}

/// The stored form of an [`Assessor`]: everything counted so far, so an
/// assessment can resume in another process or after a restart.
#[cfg(feature = "serde")]
mod assessor_wire {
    use super::{Assessor, LogStats};
    use crate::stored::Format;
    use crate::traffic::LedgerBuilder;
    use crate::{Error, SlaPolicy};

    /// Unknown fields are ignored, so a later format's additions still
    /// read.
    #[derive(serde::Serialize, serde::Deserialize)]
    struct Wire {
        #[serde(default)]
        format: Format,
        policy: SlaPolicy,
        ledger: LedgerBuilder,
        rejected: u64,
        rejected_by_month: Vec<u64>,
        rejection_samples: Vec<String>,
        reconciliation: Option<LogStats>,
    }

    impl serde::Serialize for Assessor {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            Wire {
                format: Format::CURRENT,
                policy: self.policy.clone(),
                ledger: self.ledger.clone(),
                rejected: self.rejected,
                rejected_by_month: self.rejected_by_month.clone(),
                rejection_samples: self.rejection_samples.clone(),
                reconciliation: self.reconciliation,
            }
            .serialize(serializer)
        }
    }

    impl<'de> serde::Deserialize<'de> for Assessor {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let wire = Wire::deserialize(deserializer)?;
            from_wire(wire).map_err(serde::de::Error::custom)
        }
    }

    fn from_wire(wire: Wire) -> Result<Assessor, Error> {
        let invalid = |reason: String| Error::InvalidPartialTally { reason };
        let (policy, ledger) = (&wire.policy, &wire.ledger);
        // The policy is the one home of the zone and the surge volume: a
        // stored assessor whose ledger disagrees with it is refused, so the
        // misuse that cannot be written in code cannot be read either.
        if ledger.zone() != policy.zone() {
            return Err(invalid(format!(
                "the ledger counts days in {} but the policy's zone is {}",
                ledger.zone(),
                policy.zone()
            )));
        }
        if let Some(account) = ledger.account()
            && ledger.surge_threshold() != policy.surge_threshold(account)
        {
            return Err(invalid(format!(
                "the ledger's surge volume {:?} is not the policy's {:?} for its account",
                ledger.surge_threshold(),
                policy.surge_threshold(account)
            )));
        }
        let months = ledger.term().service_months().len();
        if wire.rejected_by_month.len() != months {
            return Err(invalid(format!(
                "monthly rejection counts: {} given, {months} expected (one per service month)",
                wire.rejected_by_month.len()
            )));
        }
        let placed = wire
            .rejected_by_month
            .iter()
            .fold(0_u64, |sum, &count| sum.saturating_add(count));
        if placed > wire.rejected {
            return Err(invalid(format!(
                "{placed} rejections placed in months but {} rejected in all",
                wire.rejected
            )));
        }
        if wire.rejection_samples.len() > Assessor::REJECTION_SAMPLES {
            return Err(invalid(format!(
                "{} rejection samples kept, more than {}",
                wire.rejection_samples.len(),
                Assessor::REJECTION_SAMPLES
            )));
        }
        Ok(Assessor {
            policy: wire.policy,
            ledger: wire.ledger,
            rejected: wire.rejected,
            rejected_by_month: wire.rejected_by_month,
            rejection_samples: wire.rejection_samples,
            reconciliation: wire.reconciliation,
        })
    }
}
