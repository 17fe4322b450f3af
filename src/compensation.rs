//! Compensation tiers, the cap, and message credits (SLA §3.1, §5.2;
//! [D7](crate::_documentation::design#d7)-[D9](crate::_documentation::design#d9), [D16](crate::_documentation::design#d16)).
//!
//! A [`CompensationSchedule`] is data: the availability standard and the
//! tiers below it, each a lower bound (inclusive) and a rate of the Monthly
//! Service Fee. The agreement's own schedule is
//! [`SlaPolicy::tencent_sms`](crate::SlaPolicy::tencent_sms); any other
//! contract is another value of the same type.
//!
//! ```
//! use rust_decimal::dec;
//! use sms_sla::{Availability, CompensationSchedule, SlaPolicy, Threshold, Tier};
//!
//! // A stricter in-house SLA: 99.9% standard; 99% -> 10%, 95% -> 25%, below -> 100%.
//! let pct = |p| Threshold::from_percent(p);
//! let strict = SlaPolicy::new(CompensationSchedule::new(
//!     pct(dec!(99.9))?,
//!     [Tier::new(pct(dec!(99))?, dec!(0.10))?, Tier::new(pct(dec!(95))?, dec!(0.25))?, Tier::new(pct(dec!(0))?, dec!(1))?],
//! )?);
//! assert_eq!(strict.rate_for(&Availability::new(1000, 1)?), dec!(0));    // 99.9%
//! assert_eq!(strict.rate_for(&Availability::new(1000, 2)?), dec!(0.10)); // 99.8%
//! assert_eq!(strict.rate_for(&Availability::new(1000, 50)?), dec!(0.25)); // 95%
//! assert_eq!(strict.rate_for(&Availability::new(1000, 51)?), dec!(1));   // 94.9%
//! # Ok::<(), sms_sla::Error>(())
//! ```

use rust_decimal::Decimal;

use crate::money::{Currency, exact};
use crate::{Availability, Error, Money, MonthlyServiceFee, Threshold};

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
    /// [`Error::RateOutOfRange`] when `rate` is below 0 or above 1.
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
            return Err(Error::RateOutOfRange { rate });
        }
        Ok(Self { lower_bound, rate })
    }

    /// The lowest availability in the tier (inclusive).
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::SlaPolicy;
    ///
    /// let policy = SlaPolicy::tencent_sms();
    /// let tiers = policy.schedule().tiers();
    /// assert_eq!(tiers[0].lower_bound().to_string(), "90%");
    /// ```
    #[must_use]
    pub const fn lower_bound(&self) -> Threshold {
        self.lower_bound
    }

    /// The share of the Monthly Service Fee the tier pays, from 0 to 1.
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::SlaPolicy;
    ///
    /// let policy = SlaPolicy::tencent_sms();
    /// let tiers = policy.schedule().tiers();
    /// assert_eq!(tiers[1].rate(), dec!(0.3));
    /// ```
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
    /// - [`Error::NoTiers`] when `tiers` is empty.
    /// - [`Error::TierNotBelowStandard`] when a tier's bound is not below
    ///   the standard.
    /// - [`Error::TiersNotDescending`] when a bound is not below the one
    ///   before it.
    /// - [`Error::TierRateDecreases`] when a lower tier pays less than the
    ///   one above it.
    /// - [`Error::TiersIncomplete`] when the last bound is above 0%.
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
            return Err(Error::NoTiers);
        };
        if !last.lower_bound.is_zero() {
            return Err(Error::TiersIncomplete {
                lowest: last.lower_bound,
            });
        }
        let mut above: Option<&Tier> = None;
        for tier in &tiers {
            if tier.lower_bound >= standard {
                return Err(Error::TierNotBelowStandard {
                    bound: tier.lower_bound,
                    standard,
                });
            }
            if let Some(previous) = above {
                if tier.lower_bound >= previous.lower_bound {
                    return Err(Error::TiersNotDescending {
                        previous: previous.lower_bound,
                        next: tier.lower_bound,
                    });
                }
                if tier.rate < previous.rate {
                    return Err(Error::TierRateDecreases {
                        bound: tier.lower_bound,
                        rate: tier.rate,
                        above: previous.rate,
                    });
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
    /// [`Error::RateOutOfRange`] when `share` is below 0 or above 1.
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
            return Err(Error::RateOutOfRange { rate: share });
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
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::SlaPolicy;
    ///
    /// assert_eq!(SlaPolicy::tencent_sms().schedule().standard().to_string(), "95%");
    /// ```
    #[must_use]
    pub const fn standard(&self) -> Threshold {
        self.standard
    }

    /// The tiers, highest bound first.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::SlaPolicy;
    ///
    /// assert_eq!(SlaPolicy::tencent_sms().schedule().tiers().len(), 2);
    /// ```
    #[must_use]
    pub fn tiers(&self) -> &[Tier] {
        &self.tiers
    }

    /// The share of the net paid fee that caps a month's compensation.
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::SlaPolicy;
    ///
    /// assert_eq!(SlaPolicy::tencent_sms().schedule().cap_share(), dec!(1));
    /// ```
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
            return Err(Error::CurrencyMismatch {
                left: *fee.consumed(),
                right: *unit_price,
            });
        }
        if unit_price.is_zero() {
            return Err(Error::NonPositiveUnitPrice { price: *unit_price });
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

/// What one Service Month earns (§3.1): the rate, the amount before and
/// after the cap, and the message credits it buys.
///
/// # Examples
///
/// ```
/// use rust_decimal::dec;
/// use sms_sla::{Availability, DeductionKind, Money, MonthlyServiceFee, SlaPolicy};
///
/// // Below 90%: 30% of 1000.00 = 300.00, capped at the 200.00 actually paid.
/// let fee = MonthlyServiceFee::new(Money::new(dec!(1000.00), "CNY")?)
///     .with_deduction(DeductionKind::Coupon, Money::new(dec!(800.00), "CNY")?)?;
/// let price = Money::new(dec!(0.045), "CNY")?;
/// let c = SlaPolicy::tencent_sms().compensate(&Availability::new(100, 11)?, &fee, &price)?;
/// assert_eq!(c.rate(), dec!(0.3));
/// assert_eq!(c.uncapped().to_string(), "300.00 CNY");
/// assert_eq!(c.amount().to_string(), "200.00 CNY");
/// assert!(c.cap_applied());
/// assert_eq!(c.messages(), 4444);
/// assert_eq!(c.remainder().to_string(), "0.02 CNY");
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "CompensationWire"))]
pub struct Compensation {
    availability: Availability,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    rate: Decimal,
    uncapped: Money,
    net_paid: Money,
    cap: Money,
    amount: Money,
    unit_price: Money,
    messages: u64,
    remainder: Money,
}

impl Compensation {
    /// The availability the compensation was computed for.
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::{Availability, Money, MonthlyServiceFee, SlaPolicy};
    ///
    /// let av = Availability::new(100, 11)?;
    /// let fee = MonthlyServiceFee::new(Money::new(dec!(10), "CNY")?);
    /// let c = SlaPolicy::tencent_sms().compensate(&av, &fee, &Money::new(dec!(0.05), "CNY")?)?;
    /// assert_eq!(c.availability(), av);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub const fn availability(&self) -> Availability {
        self.availability
    }

    /// The tier's rate: 0, or a share of the Monthly Service Fee.
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::{Availability, Money, MonthlyServiceFee, SlaPolicy};
    ///
    /// let fee = MonthlyServiceFee::new(Money::new(dec!(10), "CNY")?);
    /// let c = SlaPolicy::tencent_sms().compensate(&Availability::new(20, 1)?, &fee, &Money::new(dec!(0.05), "CNY")?)?;
    /// assert_eq!(c.rate(), dec!(0)); // exactly 95% meets the standard
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub const fn rate(&self) -> Decimal {
        self.rate
    }

    /// The rate times the consumed fee, before the cap ([D8](crate::_documentation::design#d8)).
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::{Availability, Money, MonthlyServiceFee, SlaPolicy};
    ///
    /// let fee = MonthlyServiceFee::new(Money::new(dec!(10), "CNY")?);
    /// let c = SlaPolicy::tencent_sms().compensate(&Availability::new(100, 11)?, &fee, &Money::new(dec!(0.05), "CNY")?)?;
    /// assert_eq!(c.uncapped().amount(), dec!(3));
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub const fn uncapped(&self) -> Money {
        self.uncapped
    }

    /// The Monthly Service Fee actually paid: consumed less deductions.
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::{Availability, Money, MonthlyServiceFee, SlaPolicy};
    ///
    /// let fee = MonthlyServiceFee::new(Money::new(dec!(10), "CNY")?);
    /// let c = SlaPolicy::tencent_sms().compensate(&Availability::new(100, 11)?, &fee, &Money::new(dec!(0.05), "CNY")?)?;
    /// assert_eq!(c.net_paid().amount(), dec!(10));
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub const fn net_paid(&self) -> Money {
        self.net_paid
    }

    /// The cap: the schedule's share of the net paid fee (§3.1(2)).
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::{Availability, Money, MonthlyServiceFee, SlaPolicy};
    ///
    /// let fee = MonthlyServiceFee::new(Money::new(dec!(10), "CNY")?);
    /// let c = SlaPolicy::tencent_sms().compensate(&Availability::new(100, 11)?, &fee, &Money::new(dec!(0.05), "CNY")?)?;
    /// assert_eq!(c.cap().amount(), dec!(10));
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub const fn cap(&self) -> Money {
        self.cap
    }

    /// The compensation owed: the uncapped amount or the cap, whichever is
    /// smaller.
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::{Availability, Money, MonthlyServiceFee, SlaPolicy};
    ///
    /// let fee = MonthlyServiceFee::new(Money::new(dec!(10), "CNY")?);
    /// let c = SlaPolicy::tencent_sms().compensate(&Availability::new(100, 11)?, &fee, &Money::new(dec!(0.05), "CNY")?)?;
    /// assert_eq!(c.amount().to_string(), "3.00 CNY");
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub const fn amount(&self) -> Money {
        self.amount
    }

    /// Whether the cap lowered the amount.
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::{Availability, Money, MonthlyServiceFee, SlaPolicy};
    ///
    /// let fee = MonthlyServiceFee::new(Money::new(dec!(10), "CNY")?);
    /// let c = SlaPolicy::tencent_sms().compensate(&Availability::new(100, 11)?, &fee, &Money::new(dec!(0.05), "CNY")?)?;
    /// assert!(!c.cap_applied());
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn cap_applied(&self) -> bool {
        self.uncapped.amount() > self.cap.amount()
    }

    /// The rate-card price of one message the credits are paid at.
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::{Availability, Money, MonthlyServiceFee, SlaPolicy};
    ///
    /// let price = Money::new(dec!(0.05), "CNY")?;
    /// let fee = MonthlyServiceFee::new(Money::new(dec!(10), "CNY")?);
    /// let c = SlaPolicy::tencent_sms().compensate(&Availability::new(100, 11)?, &fee, &price)?;
    /// assert_eq!(c.unit_price(), price);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub const fn unit_price(&self) -> Money {
        self.unit_price
    }

    /// Whole messages credited: `floor(amount / unit price)`, never rounded
    /// up ([D9](crate::_documentation::design#d9)).
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::{Availability, Money, MonthlyServiceFee, SlaPolicy};
    ///
    /// let fee = MonthlyServiceFee::new(Money::new(dec!(10), "CNY")?);
    /// let c = SlaPolicy::tencent_sms().compensate(&Availability::new(100, 11)?, &fee, &Money::new(dec!(0.045), "CNY")?)?;
    /// assert_eq!(c.messages(), 66); // 3.00 / 0.045 = 66.67
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub const fn messages(&self) -> u64 {
        self.messages
    }

    /// What the credits leave of the amount: less than one message's price
    /// ([D9](crate::_documentation::design#d9)).
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::{Availability, Money, MonthlyServiceFee, SlaPolicy};
    ///
    /// let fee = MonthlyServiceFee::new(Money::new(dec!(10), "CNY")?);
    /// let c = SlaPolicy::tencent_sms().compensate(&Availability::new(100, 11)?, &fee, &Money::new(dec!(0.045), "CNY")?)?;
    /// assert_eq!(c.remainder().amount(), dec!(0.030));
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub const fn remainder(&self) -> Money {
        self.remainder
    }
}

/// A term's compensation, month by month added up (§5.2).
///
/// Each month's amount is at most its net paid fee, so the total is at most
/// the term's net paid fees: the provider's liability never exceeds what was
/// paid.
///
/// # Examples
///
/// ```
/// use rust_decimal::dec;
/// use sms_sla::{Availability, Money, MonthlyServiceFee, SlaPolicy};
/// use sms_sla::CompensationTotal;
///
/// let policy = SlaPolicy::tencent_sms();
/// let price = Money::new(dec!(0.045), "CNY")?;
/// let fee = MonthlyServiceFee::new(Money::new(dec!(1000), "CNY")?);
/// let mut total = CompensationTotal::new(price.currency());
/// total.add(&policy.compensate(&Availability::new(100, 6)?, &fee, &price)?)?;  // 94%: 10%
/// total.add(&policy.compensate(&Availability::new(100, 20)?, &fee, &price)?)?; // 80%: 30%
/// assert_eq!(total.amount().to_string(), "400.00 CNY");
/// assert_eq!(total.net_paid().to_string(), "2000.00 CNY");
/// assert_eq!(total.messages(), 2222 + 6666);
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "TotalWire"))]
pub struct CompensationTotal {
    amount: Money,
    net_paid: Money,
    messages: u64,
    months: u32,
}

impl CompensationTotal {
    /// Nothing yet, in `currency`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::CompensationTotal;
    /// use sms_sla::Currency;
    ///
    /// let total = CompensationTotal::new(Currency::new("CNY")?);
    /// assert!(total.amount().is_zero());
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub const fn new(currency: Currency) -> Self {
        Self {
            amount: Money::zero(currency),
            net_paid: Money::zero(currency),
            messages: 0,
            months: 0,
        }
    }

    /// Adds one month's compensation.
    ///
    /// # Errors
    ///
    /// - [`Error::CurrencyMismatch`] when the month is in another currency.
    /// - [`Error::InexactArithmetic`] when a sum needs more than
    ///   `Decimal`'s precision or the messages exceed `u64::MAX`.
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::{Availability, Money, MonthlyServiceFee, SlaPolicy};
    /// use sms_sla::CompensationTotal;
    ///
    /// let usd = Money::new(dec!(0.01), "USD")?;
    /// let month = SlaPolicy::tencent_sms()
    ///     .compensate(&Availability::new(0, 0)?, &MonthlyServiceFee::new(Money::new(dec!(1), "USD")?), &usd)?;
    /// let mut total = CompensationTotal::new(sms_sla::Currency::new("CNY")?);
    /// assert!(total.add(&month).is_err());
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn add(&mut self, month: &Compensation) -> Result<(), Error> {
        let amount = self.amount.checked_add(&month.amount)?;
        let net_paid = self.net_paid.checked_add(&month.net_paid)?;
        let messages =
            self.messages
                .checked_add(month.messages)
                .ok_or(Error::InexactArithmetic {
                    left: Decimal::from(self.messages),
                    operation: "+",
                    right: Decimal::from(month.messages),
                })?;
        *self = Self {
            amount,
            net_paid,
            messages,
            months: self.months.saturating_add(1),
        };
        Ok(())
    }

    /// The compensation owed for the term.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::CompensationTotal;
    /// use sms_sla::Currency;
    ///
    /// assert_eq!(CompensationTotal::new(Currency::new("CNY")?).amount().to_string(), "0.00 CNY");
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub const fn amount(&self) -> Money {
        self.amount
    }

    /// The net fees paid over the same months: the §5.2 ceiling on
    /// [`CompensationTotal::amount`].
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::CompensationTotal;
    /// use sms_sla::Currency;
    ///
    /// assert!(CompensationTotal::new(Currency::new("CNY")?).net_paid().is_zero());
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub const fn net_paid(&self) -> Money {
        self.net_paid
    }

    /// Message credits over the term.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::CompensationTotal;
    /// use sms_sla::Currency;
    ///
    /// assert_eq!(CompensationTotal::new(Currency::new("CNY")?).messages(), 0);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub const fn messages(&self) -> u64 {
        self.messages
    }

    /// How many months were added.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::CompensationTotal;
    /// use sms_sla::Currency;
    ///
    /// assert_eq!(CompensationTotal::new(Currency::new("CNY")?).months(), 0);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub const fn months(&self) -> u32 {
        self.months
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct CompensationWire {
    availability: Availability,
    #[serde(with = "rust_decimal::serde::str")]
    rate: Decimal,
    uncapped: Money,
    net_paid: Money,
    cap: Money,
    amount: Money,
    unit_price: Money,
    messages: u64,
    remainder: Money,
}

#[cfg(feature = "serde")]
impl TryFrom<CompensationWire> for Compensation {
    type Error = Error;

    /// Accepts only figures that agree with each other, as
    /// [`CompensationSchedule::compensate`] makes them.
    fn try_from(wire: CompensationWire) -> Result<Self, Error> {
        let inconsistent = |reason| Error::InconsistentCompensation { reason };
        let currency = wire.amount.currency();
        let moneys = [
            wire.uncapped,
            wire.net_paid,
            wire.cap,
            wire.unit_price,
            wire.remainder,
        ];
        if moneys.iter().any(|money| money.currency() != currency) {
            return Err(inconsistent("its amounts are not all in one currency"));
        }
        if wire.rate < Decimal::ZERO || wire.rate > Decimal::ONE {
            return Err(Error::RateOutOfRange { rate: wire.rate });
        }
        if wire.cap.amount() > wire.net_paid.amount() {
            return Err(inconsistent("the cap exceeds the net paid fee"));
        }
        if wire.amount != wire.uncapped.checked_min(&wire.cap)? {
            return Err(inconsistent(
                "the amount is not the smaller of the uncapped amount and the cap",
            ));
        }
        if wire.unit_price.is_zero() {
            return Err(Error::NonPositiveUnitPrice {
                price: wire.unit_price,
            });
        }
        let (messages, remainder) =
            exact::floor_div_rem(wire.amount.amount(), wire.unit_price.amount())?;
        if (messages, remainder) != (wire.messages, wire.remainder.amount()) {
            return Err(inconsistent(
                "the message credits do not match the amount and the unit price",
            ));
        }
        Ok(Self {
            availability: wire.availability,
            rate: wire.rate,
            uncapped: wire.uncapped,
            net_paid: wire.net_paid,
            cap: wire.cap,
            amount: wire.amount,
            unit_price: wire.unit_price,
            messages: wire.messages,
            remainder: wire.remainder,
        })
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct TotalWire {
    amount: Money,
    net_paid: Money,
    messages: u64,
    months: u32,
}

#[cfg(feature = "serde")]
impl TryFrom<TotalWire> for CompensationTotal {
    type Error = Error;

    fn try_from(wire: TotalWire) -> Result<Self, Error> {
        if wire.amount.currency() != wire.net_paid.currency() {
            return Err(Error::CurrencyMismatch {
                left: wire.amount,
                right: wire.net_paid,
            });
        }
        if wire.amount.amount() > wire.net_paid.amount() {
            return Err(Error::InconsistentCompensation {
                reason: "the total exceeds the net fees paid (§5.2)",
            });
        }
        Ok(Self {
            amount: wire.amount,
            net_paid: wire.net_paid,
            messages: wire.messages,
            months: wire.months,
        })
    }
}
