//! The compensation table: the standard and the tiers below it, each a
//! lower bound (inclusive) and a rate of the fee, and how a month's
//! availability and fee become a [`Compensation`] (§3.1; [D7](crate::_documentation::design#d7)-[D9](crate::_documentation::design#d9)).

use rust_decimal::Decimal;

use super::Compensation;
use crate::availability::{Availability, Threshold};
use crate::error::{Error, MoneyError, PolicyError};
use crate::money::exact;
use crate::money::{Money, MonthlyServiceFee};

/// One row of a compensation table: availabilities from `lower_bound`
/// (inclusive) up to the next row's bound earn `rate` of the Monthly
/// Service Fee (§3.1).
///
/// # Examples
///
/// ```
/// use rust_decimal::dec;
/// use sms_sla::Threshold;
/// use sms_sla::Tier;
///
/// let tier = Tier::new(Threshold::from_percent(dec!(90))?, dec!(0.1))?;
/// assert_eq!(tier.rate(), dec!(0.1));
/// assert_eq!(Tier::new(Threshold::from_percent(dec!(90))?, dec!(1.5)).unwrap_err().to_string(),
///            "compensation rate 1.5 is not between 0 and 1");
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "TierWire"))]
pub struct Tier {
    lower_bound: Threshold,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    rate: Decimal,
}

impl Tier {
    /// The tier from `lower_bound` (inclusive) paying `rate` (a fraction of
    /// the fee, from 0 to 1).
    ///
    /// # Errors
    ///
    /// [`PolicyError::RateOutOfRange`](crate::error::PolicyError::RateOutOfRange) when `rate` is below 0 or above 1.
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::Threshold;
    /// use sms_sla::Tier;
    ///
    /// let tier = Tier::new(Threshold::from_percent(dec!(0))?, dec!(0.3))?;
    /// assert_eq!(tier.lower_bound(), Threshold::from_percent(dec!(0))?);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn new(lower_bound: Threshold, rate: Decimal) -> Result<Self, Error> {
        if rate < Decimal::ZERO || rate > Decimal::ONE {
            return Err(Error::Policy(PolicyError::RateOutOfRange { rate }));
        }
        Ok(Self { lower_bound, rate })
    }

    /// The lowest availability in the tier (inclusive).
    #[must_use]
    pub const fn lower_bound(&self) -> Threshold {
        self.lower_bound
    }

    /// The share of the Monthly Service Fee the tier pays, from 0 to 1.
    #[must_use]
    pub const fn rate(&self) -> Decimal {
        self.rate
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct TierWire {
    lower_bound: Threshold,
    #[serde(with = "rust_decimal::serde::str")]
    rate: Decimal,
}

#[cfg(feature = "serde")]
impl TryFrom<TierWire> for Tier {
    type Error = Error;

    fn try_from(wire: TierWire) -> Result<Self, Error> {
        Self::new(wire.lower_bound, wire.rate)
    }
}

/// An availability standard, the compensation tiers below it, and the cap
/// (§2.2, §3.1; [D7](crate::_documentation::design#d7), [D8](crate::_documentation::design#d8), [D16](crate::_documentation::design#d16)).
///
/// The schedule is validated when built: tiers run from the highest bound
/// to the lowest, every bound is below the standard, the last tier starts
/// at 0% so every availability has a rate, and a lower tier never pays less
/// than a higher one.
///
/// # Examples
///
/// ```
/// use rust_decimal::dec;
/// use sms_sla::{Availability, SlaPolicy};
///
/// let schedule = SlaPolicy::tencent_sms().schedule().clone();
/// assert_eq!(schedule.standard().to_string(), "95%");
/// assert_eq!(SlaPolicy::new(schedule).rate_for(&Availability::new(1000, 51)?), dec!(0.1)); // 94.9%
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ScheduleWire"))]
pub struct CompensationSchedule {
    standard: Threshold,
    tiers: Vec<Tier>,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    cap_share: Decimal,
}

impl CompensationSchedule {
    /// The schedule with `standard` and `tiers` (highest bound first), the
    /// month's compensation capped at its whole net paid fee (§3.1(2)).
    ///
    /// # Errors
    ///
    /// - [`PolicyError::NoTiers`](crate::error::PolicyError::NoTiers) when `tiers` is empty.
    /// - [`PolicyError::TierNotBelowStandard`](crate::error::PolicyError::TierNotBelowStandard) when a tier's bound is not below
    ///   the standard.
    /// - [`PolicyError::TiersNotDescending`](crate::error::PolicyError::TiersNotDescending) when a bound is not below the one
    ///   before it.
    /// - [`PolicyError::TierRateDecreases`](crate::error::PolicyError::TierRateDecreases) when a lower tier pays less than the
    ///   one above it.
    /// - [`PolicyError::TiersIncomplete`](crate::error::PolicyError::TiersIncomplete) when the last bound is above 0%.
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::Threshold;
    /// use sms_sla::{CompensationSchedule, Tier};
    ///
    /// let pct = |p| Threshold::from_percent(p);
    /// let err = CompensationSchedule::new(pct(dec!(95))?, [Tier::new(pct(dec!(90))?, dec!(0.1))?]).unwrap_err();
    /// assert_eq!(err.to_string(), "compensation tiers leave availability below 90% without a rate");
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn new(standard: Threshold, tiers: impl IntoIterator<Item = Tier>) -> Result<Self, Error> {
        let tiers: Vec<Tier> = tiers.into_iter().collect();
        let Some(last) = tiers.last() else {
            return Err(Error::Policy(PolicyError::NoTiers));
        };
        if !last.lower_bound.is_zero() {
            return Err(Error::Policy(PolicyError::TiersIncomplete {
                lowest: last.lower_bound,
            }));
        }
        let mut above: Option<&Tier> = None;
        for tier in &tiers {
            if tier.lower_bound >= standard {
                return Err(Error::Policy(PolicyError::TierNotBelowStandard {
                    bound: tier.lower_bound,
                    standard,
                }));
            }
            if let Some(previous) = above {
                if tier.lower_bound >= previous.lower_bound {
                    return Err(Error::Policy(PolicyError::TiersNotDescending {
                        previous: previous.lower_bound,
                        next: tier.lower_bound,
                    }));
                }
                if tier.rate < previous.rate {
                    return Err(Error::Policy(PolicyError::TierRateDecreases {
                        bound: tier.lower_bound,
                        rate: tier.rate,
                        above: previous.rate,
                    }));
                }
            }
            above = Some(tier);
        }
        Ok(Self {
            standard,
            tiers,
            cap_share: Decimal::ONE,
        })
    }

    /// The same schedule with the cap at `share` (0 to 1) of the net paid
    /// fee instead of all of it.
    ///
    /// # Errors
    ///
    /// [`PolicyError::RateOutOfRange`](crate::error::PolicyError::RateOutOfRange) when `share` is below 0 or above 1.
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::SlaPolicy;
    ///
    /// let half = SlaPolicy::tencent_sms().schedule().clone().with_cap_share(dec!(0.5))?;
    /// assert_eq!(half.cap_share(), dec!(0.5));
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn with_cap_share(mut self, share: Decimal) -> Result<Self, Error> {
        if share < Decimal::ZERO || share > Decimal::ONE {
            return Err(Error::Policy(PolicyError::RateOutOfRange { rate: share }));
        }
        self.cap_share = share;
        Ok(self)
    }

    /// The agreement's schedule: 95% standard; from 90% (inclusive) 10%;
    /// below 90% 30%; capped at the net paid fee (§2.2, §3.1).
    pub(crate) fn tencent_sms() -> Self {
        Self {
            standard: Threshold::whole_percent(95),
            tiers: vec![
                Tier {
                    lower_bound: Threshold::whole_percent(90),
                    rate: Decimal::new(1, 1),
                },
                Tier {
                    lower_bound: Threshold::whole_percent(0),
                    rate: Decimal::new(3, 1),
                },
            ],
            cap_share: Decimal::ONE,
        }
    }

    /// The availability standard (§2.2): at or above it, nothing is owed.
    #[must_use]
    pub const fn standard(&self) -> Threshold {
        self.standard
    }

    /// The tiers, highest bound first.
    #[must_use]
    pub fn tiers(&self) -> &[Tier] {
        &self.tiers
    }

    /// The share of the net paid fee that caps a month's compensation.
    #[must_use]
    pub const fn cap_share(&self) -> Decimal {
        self.cap_share
    }

    /// The rate owed for `availability`: 0 at or above the standard or
    /// without traffic ([D6](crate::_documentation::design#d6)), else the
    /// rate of the highest tier whose bound the availability reaches,
    /// decided exactly ([D7](crate::_documentation::design#d7)). Reached
    /// through [`SlaPolicy::rate_for`](crate::SlaPolicy::rate_for).
    pub(crate) fn rate_for(&self, availability: &Availability) -> Decimal {
        if availability.meets(self.standard) != Some(false) {
            return Decimal::ZERO;
        }
        self.tiers
            .iter()
            .find(|tier| availability.meets(tier.lower_bound) == Some(true))
            .map_or(Decimal::ZERO, |tier| tier.rate)
    }

    /// The compensation for a month of `availability` and `fee`, paid in
    /// messages at `unit_price`. Reached through
    /// [`SlaPolicy::compensate`](crate::SlaPolicy::compensate), which
    /// documents it.
    pub(crate) fn compensate(
        &self,
        availability: &Availability,
        fee: &MonthlyServiceFee,
        unit_price: &Money,
    ) -> Result<Compensation, Error> {
        if unit_price.currency() != fee.consumed().currency() {
            return Err(Error::Money(MoneyError::CurrencyMismatch {
                left: *fee.consumed(),
                right: *unit_price,
            }));
        }
        if unit_price.is_zero() {
            return Err(Error::Money(MoneyError::NonPositiveUnitPrice {
                price: *unit_price,
            }));
        }
        let rate = self.rate_for(availability);
        let uncapped = fee.consumed().checked_mul(rate)?;
        let net_paid = *fee.net_paid();
        let cap = if self.cap_share == Decimal::ONE {
            net_paid
        } else {
            net_paid.checked_mul(self.cap_share)?
        };
        let amount = uncapped.checked_min(&cap)?;
        let (messages, remainder) = exact::floor_div_rem(amount.amount(), unit_price.amount())?;
        let remainder = Money::in_currency(remainder, amount.currency())?;
        Ok(Compensation {
            availability: *availability,
            rate,
            uncapped,
            net_paid,
            cap,
            amount,
            unit_price: *unit_price,
            messages,
            remainder,
        })
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ScheduleWire {
    standard: Threshold,
    tiers: Vec<Tier>,
    #[serde(with = "rust_decimal::serde::str")]
    cap_share: Decimal,
}

#[cfg(feature = "serde")]
impl TryFrom<ScheduleWire> for CompensationSchedule {
    type Error = Error;

    fn try_from(wire: ScheduleWire) -> Result<Self, Error> {
        Self::new(wire.standard, wire.tiers)?.with_cap_share(wire.cap_share)
    }
}
