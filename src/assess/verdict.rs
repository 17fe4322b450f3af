//! What a month's verdict depends on, how much room it has, and what can
//! still be claimed ([D22](crate::_documentation::design#d22),
//! [D24](crate::_documentation::design#d24),
//! [D25](crate::_documentation::design#d25)).

use rust_decimal::Decimal;

use crate::availability::{Availability, Threshold};
use crate::claim::ClaimStatus;
use crate::compensation::{Compensation, CompensationTotal};
use crate::error::Error;
use crate::money::Currency;

/// A month's compensation rate in the best and the worst case for its
/// rejected entries ([D22](crate::_documentation::design#d22)): if each had
/// been the delivery that overrides a failure, and if each had turned a
/// counted message into an Apparent Failure. When the two differ, the
/// verdict depends on rejected input.
///
/// # Examples
///
/// ```
/// use rust_decimal::Decimal;
/// use sms_sla::assess::VerdictBounds;
///
/// let bounds = VerdictBounds::new(Decimal::ZERO, Decimal::new(1, 1));
/// assert!(bounds.depends_on_rejected());
/// assert_eq!(bounds.to_string(), "depends on rejected input: rate 0 if delivered, 0.1 if failed");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct VerdictBounds {
    if_delivered: Decimal,
    if_failed: Decimal,
}

impl VerdictBounds {
    /// The bounds from the rate if rejected entries were delivered and the
    /// rate if they failed.
    #[must_use]
    pub const fn new(if_delivered: Decimal, if_failed: Decimal) -> Self {
        Self {
            if_delivered,
            if_failed,
        }
    }

    /// The rate in the best case: each rejected entry of the month a
    /// delivery that overrides a failure.
    #[must_use]
    pub const fn if_delivered(&self) -> Decimal {
        self.if_delivered
    }

    /// The rate in the worst case: each rejected entry of the month an
    /// Apparent Failure in place of a counted message.
    #[must_use]
    pub const fn if_failed(&self) -> Decimal {
        self.if_failed
    }

    /// Whether the two rates differ: the verdict depends on rejected input.
    #[must_use]
    pub fn depends_on_rejected(&self) -> bool {
        self.if_delivered != self.if_failed
    }
}

impl core::fmt::Display for VerdictBounds {
    /// `rate 0.1 whatever the rejected input`, or `depends on rejected
    /// input: rate 0 if delivered, 0.1 if failed`.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        crate::display::padded(f, |f| {
            if self.depends_on_rejected() {
                write!(
                    f,
                    "depends on rejected input: rate {} if delivered, {} if failed",
                    self.if_delivered.normalize(),
                    self.if_failed.normalize()
                )
            } else {
                write!(
                    f,
                    "rate {} whatever the rejected input",
                    self.if_delivered.normalize()
                )
            }
        })
    }
}

/// How many more Apparent Failures a month could absorb before falling
/// below a threshold of the policy: the standard or a tier's lower bound
/// ([D25](crate::_documentation::design#d25)).
///
/// # Examples
///
/// ```
/// use rust_decimal::Decimal;
/// use sms_sla::assess::FailureBudget;
/// use sms_sla::Threshold;
///
/// let budget = FailureBudget::new(Threshold::from_percent(Decimal::from(95))?, 38);
/// assert_eq!(budget.to_string(), "38 more to 95%");
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FailureBudget {
    threshold: Threshold,
    failures: u64,
}

impl FailureBudget {
    /// `failures` more Apparent Failures to `threshold`.
    #[must_use]
    pub const fn new(threshold: Threshold, failures: u64) -> Self {
        Self {
            threshold,
            failures,
        }
    }

    /// The threshold the budget runs to.
    #[must_use]
    pub const fn threshold(&self) -> Threshold {
        self.threshold
    }

    /// How many more Apparent Failures the month could absorb and still
    /// meet the threshold (0 when it is at or below it).
    #[must_use]
    pub const fn failures(&self) -> u64 {
        self.failures
    }
}

impl core::fmt::Display for FailureBudget {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        crate::display::padded(f, |f| {
            write!(
                f,
                "{} more to {}%",
                self.failures,
                self.threshold.percent().normalize()
            )
        })
    }
}

/// The term's compensation split by claim status on the assessment date
/// ([D24](crate::_documentation::design#d24), §3.2): claimable now (window
/// open), later (not yet open), forfeited unless already claimed (window
/// closed), and unknown (no window: the calendar lacks the year). The
/// library cannot know whether a claim was filed.
///
/// # Examples
///
/// See [`Assessment::claims`](crate::assess::Assessment::claims).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ClaimSplit {
    now: CompensationTotal,
    later: CompensationTotal,
    forfeited_unless_claimed: CompensationTotal,
    unknown: CompensationTotal,
}

impl ClaimSplit {
    pub(crate) const fn new(currency: Currency) -> Self {
        Self {
            now: CompensationTotal::new(currency),
            later: CompensationTotal::new(currency),
            forfeited_unless_claimed: CompensationTotal::new(currency),
            unknown: CompensationTotal::new(currency),
        }
    }

    /// Adds a month's compensation under its claim status (`None`: the
    /// window is unknown).
    pub(crate) fn add(
        &mut self,
        compensation: &Compensation,
        status: Option<ClaimStatus>,
    ) -> Result<(), Error> {
        let total = match status {
            Some(ClaimStatus::Open { .. }) => &mut self.now,
            Some(ClaimStatus::NotYetOpen { .. }) => &mut self.later,
            Some(ClaimStatus::Closed { .. }) => &mut self.forfeited_unless_claimed,
            None => &mut self.unknown,
        };
        total.add(compensation)
    }

    /// Compensation whose claim window is open on the assessment date.
    #[must_use]
    pub const fn now(&self) -> &CompensationTotal {
        &self.now
    }

    /// Compensation whose claim window has not opened yet.
    #[must_use]
    pub const fn later(&self) -> &CompensationTotal {
        &self.later
    }

    /// Compensation whose claim window has closed: forfeited unless a claim
    /// was already filed (§3.2).
    #[must_use]
    pub const fn forfeited_unless_claimed(&self) -> &CompensationTotal {
        &self.forfeited_unless_claimed
    }

    /// Compensation whose claim window could not be computed.
    #[must_use]
    pub const fn unknown(&self) -> &CompensationTotal {
        &self.unknown
    }
}

impl core::fmt::Display for ClaimSplit {
    /// `claimable now 12.00 CNY, later 0.00 CNY, forfeited unless already claimed 30.00 CNY`
    /// (and `, unknown ...` when some window is unknown).
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        crate::display::padded(f, |f| {
            write!(
                f,
                "claimable now {}, later {}, forfeited unless already claimed {}",
                self.now.amount(),
                self.later.amount(),
                self.forfeited_unless_claimed.amount()
            )?;
            if self.unknown.months() > 0 {
                write!(f, ", window unknown {}", self.unknown.amount())?;
            }
            Ok(())
        })
    }
}

/// The availability of a month in the best and the worst case for its
/// `rejected` entries ([D22](crate::_documentation::design#d22)), from its
/// Effective Number E and Apparent Failures F: best (E, max(F - r, 0)), as
/// if each rejected entry had been the delivery that overrides a failure;
/// worst (E, min(F + r, E)), as if each had turned a counted message into
/// an Apparent Failure. A month with no traffic counts its rejected
/// entries as its messages: best (r, 0), worst (r, r).
pub(crate) fn bounds(
    availability: &Availability,
    rejected: u64,
) -> Result<(Availability, Availability), Error> {
    let (effective, apparent) = (
        availability.effective_sent(),
        availability.apparent_failures(),
    );
    if effective == 0 {
        return Ok((
            Availability::new(rejected, 0)?,
            Availability::new(rejected, rejected)?,
        ));
    }
    Ok((
        Availability::new(effective, apparent.saturating_sub(rejected))?,
        Availability::new(effective, apparent.saturating_add(rejected).min(effective))?,
    ))
}

/// The policy's thresholds a budget runs to: the standard and each tier's
/// lower bound above 0%, highest first.
pub(crate) fn budget_thresholds(
    standard: Threshold,
    tiers: &[crate::compensation::Tier],
) -> Vec<Threshold> {
    let mut thresholds: Vec<Threshold> = core::iter::once(standard)
        .chain(tiers.iter().map(crate::compensation::Tier::lower_bound))
        .filter(|threshold| !threshold.is_zero())
        .collect();
    thresholds.sort_by_key(|threshold| core::cmp::Reverse(threshold.percent()));
    thresholds.dedup();
    thresholds
}
