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
//!     assessor.ledger_mut().add(&MessageRecord::new(at, Recipient::Valid, outcome));
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

mod assessor;
#[cfg(feature = "svg")]
mod chart;
mod report;
mod verdict;

pub use self::assessor::Assessor;

pub use self::verdict::{ClaimSplit, FailureBudget, VerdictBounds};

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::availability::Availability;
use crate::claim::{ClaimStatus, ClaimWindow};
use crate::compensation::{Compensation, CompensationTotal};
use crate::error::{CalendarError, Error, MoneyError};
use crate::money::MonthlyServiceFee;
use crate::policy::SlaPolicy;
use crate::stored::Format;
use crate::tencent::LogStats;
use crate::term::{ServiceMonth, Term};
use crate::traffic::Tally;

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
/// assert_eq!(fees.for_month(2025, chrono::Month::April), Some((april, &fee)));
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
    /// fee and is reported as [`MoneyError::DuplicateFee`] by
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
    /// [`MoneyError::DuplicateFee`] when `month` already has a fee.
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
            return Err(Error::Money(MoneyError::DuplicateFee { month }));
        }
        self.fees.insert(month, fee);
        Ok(self)
    }

    /// The Service Month with a fee that begins in `month` of `year`, and
    /// its fee.
    #[must_use]
    pub fn for_month(
        &self,
        year: i32,
        month: chrono::Month,
    ) -> Option<(ServiceMonth, &MonthlyServiceFee)> {
        self.fees
            .iter()
            .find(|(service_month, _)| {
                (service_month.year(), service_month.month()) == (year, month)
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
    #[must_use]
    pub fn len(&self) -> usize {
        self.fees.len()
    }

    /// Whether no month has a fee.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.fees.is_empty()
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
/// use sms_sla::error::CalendarError;
///
/// let unknown = ClaimOutlook::Unavailable { error: CalendarError::CalendarYearNotCovered { year: 2027, covered: "2004-2026".to_owned() } };
/// assert!(unknown.window().is_none() && unknown.status().is_none());
/// ```
///
/// Stored, an unavailable outlook keeps its error by rule and values (and
/// its message, for people reading the stored form), and reads back as the
/// same error.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(into = "OutlookWire", from = "OutlookWire"))]
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
        /// Why.
        error: CalendarError,
    },
}

/// The stored form of a [`ClaimOutlook`]: an unavailable outlook's error,
/// after its message.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(tag = "claim", rename_all = "snake_case")]
enum OutlookWire {
    Known {
        window: ClaimWindow,
        status: ClaimStatus,
    },
    Unavailable {
        /// The error's message, for people reading the stored form; not
        /// read back.
        #[serde(default, skip_deserializing)]
        reason: String,
        error: CalendarError,
    },
}

#[cfg(feature = "serde")]
impl From<ClaimOutlook> for OutlookWire {
    fn from(outlook: ClaimOutlook) -> Self {
        match outlook {
            ClaimOutlook::Known { window, status } => Self::Known { window, status },
            ClaimOutlook::Unavailable { error } => Self::Unavailable {
                reason: error.to_string(),
                error,
            },
        }
    }
}

#[cfg(feature = "serde")]
impl From<OutlookWire> for ClaimOutlook {
    fn from(wire: OutlookWire) -> Self {
        match wire {
            OutlookWire::Known { window, status } => Self::Known { window, status },
            OutlookWire::Unavailable { error, .. } => Self::Unavailable { error },
        }
    }
}

impl ClaimOutlook {
    /// The window, if known.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::assess::ClaimOutlook;
    ///
    /// use sms_sla::error::CalendarError;
    ///
    /// assert!(ClaimOutlook::Unavailable { error: CalendarError::CalendarYearNotCovered { year: 2027, covered: "2004-2026".to_owned() } }.window().is_none());
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
    /// use sms_sla::error::CalendarError;
    ///
    /// assert!(ClaimOutlook::Unavailable { error: CalendarError::CalendarYearNotCovered { year: 2027, covered: "2004-2026".to_owned() } }.status().is_none());
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
    /// Entries read after the month was sealed
    /// ([D27](crate::_documentation::design#d27)); written only when some
    /// were.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "crate::stored::is_zero")
    )]
    late: u64,
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

    /// Rejected entries of this month
    /// ([D22](crate::_documentation::design#d22)): those that name a message
    /// of the month, and those that name no known message and whose own
    /// time falls in it.
    #[must_use]
    pub const fn rejected(&self) -> u64 {
        self.rejected
    }

    /// Entries read after the month was sealed
    /// ([D27](crate::_documentation::design#d27)): counted, added to no
    /// message, and in the verdict bounds as rejected entries.
    #[must_use]
    pub const fn late(&self) -> u64 {
        self.late
    }

    /// The rate in the best and the worst case for this month's rejected
    /// and late entries, r of them ([D22](crate::_documentation::design#d22),
    /// [D27](crate::_documentation::design#d27)): each the delivery that
    /// overrides a failure, (E, max(F - r, 0)); each an Apparent Failure in
    /// place of a counted message, (E, min(F + r, E)).
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

    /// Entries read after their Service Month was sealed, in every month
    /// ([D27](crate::_documentation::design#d27)).
    #[must_use]
    pub fn late(&self) -> u64 {
        self.months
            .iter()
            .fold(0_u64, |sum, month| sum.saturating_add(month.late))
    }

    /// Every input entry accounted for: records in every bucket of every
    /// month, records outside the term, rejected entries ([D18](crate::_documentation::design#d18))
    /// and late ones ([D27](crate::_documentation::design#d27)).
    #[must_use]
    pub fn entries(&self) -> u64 {
        self.months
            .iter()
            .map(|month| month.tally.total())
            .fold(self.before_term, u64::saturating_add)
            .saturating_add(self.after_term)
            .saturating_add(self.rejected)
            .saturating_add(self.late())
    }
}
