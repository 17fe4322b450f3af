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

mod schedule;

pub use self::schedule::{CompensationSchedule, Tier};

use rust_decimal::Decimal;

use crate::availability::Availability;
use crate::error::{Error, MoneyError};
#[cfg(feature = "serde")]
use crate::error::{PolicyError, StoredError};
use crate::money::Currency;
use crate::money::Money;

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
    #[must_use]
    pub const fn availability(&self) -> Availability {
        self.availability
    }

    /// The tier's rate: 0, or a share of the Monthly Service Fee.
    #[must_use]
    pub const fn rate(&self) -> Decimal {
        self.rate
    }

    /// The rate times the consumed fee, before the cap ([D8](crate::_documentation::design#d8)).
    #[must_use]
    pub const fn uncapped(&self) -> Money {
        self.uncapped
    }

    /// The Monthly Service Fee actually paid: consumed less deductions.
    #[must_use]
    pub const fn net_paid(&self) -> Money {
        self.net_paid
    }

    /// The cap: the schedule's share of the net paid fee (§3.1(2)).
    #[must_use]
    pub const fn cap(&self) -> Money {
        self.cap
    }

    /// The compensation owed: the uncapped amount or the cap, whichever is
    /// smaller.
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
    #[must_use]
    pub const fn unit_price(&self) -> Money {
        self.unit_price
    }

    /// Whole messages credited: `floor(amount / unit price)`, never rounded
    /// up ([D9](crate::_documentation::design#d9)).
    #[must_use]
    pub const fn messages(&self) -> u64 {
        self.messages
    }

    /// What the credits leave of the amount: less than one message's price
    /// ([D9](crate::_documentation::design#d9)).
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

impl core::fmt::Display for CompensationTotal {
    /// `400.00 CNY as 8888 messages over 2 months (of 2000.00 CNY paid)`.
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::{Availability, CompensationTotal, Money, MonthlyServiceFee, SlaPolicy};
    ///
    /// let price = Money::new(dec!(0.045), "CNY")?;
    /// let fee = MonthlyServiceFee::new(Money::new(dec!(1000), "CNY")?);
    /// let mut total = CompensationTotal::new(price.currency());
    /// total.add(&SlaPolicy::tencent_sms().compensate(&Availability::new(100, 6)?, &fee, &price)?)?;
    /// assert_eq!(total.to_string(), "100.00 CNY as 2222 messages over 1 month (of 1000.00 CNY paid)");
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        crate::display::padded(f, |f| {
            write!(
                f,
                "{} as {} messages over {} {} (of {} paid)",
                self.amount,
                self.messages,
                self.months,
                if self.months == 1 { "month" } else { "months" },
                self.net_paid
            )
        })
    }
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
    /// - [`MoneyError::CurrencyMismatch`](crate::error::MoneyError::CurrencyMismatch) when the month is in another currency.
    /// - [`MoneyError::InexactArithmetic`](crate::error::MoneyError::InexactArithmetic) when a sum needs more than
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
        let messages = self
            .messages
            .checked_add(month.messages)
            .ok_or(Error::Money(MoneyError::InexactArithmetic {
                left: Decimal::from(self.messages),
                operation: "+",
                right: Decimal::from(month.messages),
            }))?;
        *self = Self {
            amount,
            net_paid,
            messages,
            months: self.months.saturating_add(1),
        };
        Ok(())
    }

    /// The compensation owed for the term.
    #[must_use]
    pub const fn amount(&self) -> Money {
        self.amount
    }

    /// The net fees paid over the same months: the §5.2 ceiling on
    /// [`CompensationTotal::amount`].
    #[must_use]
    pub const fn net_paid(&self) -> Money {
        self.net_paid
    }

    /// Message credits over the term.
    #[must_use]
    pub const fn messages(&self) -> u64 {
        self.messages
    }

    /// How many months were added.
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
        let inconsistent = |reason| Error::Stored(StoredError::InconsistentCompensation { reason });
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
            return Err(Error::Policy(PolicyError::RateOutOfRange {
                rate: wire.rate,
            }));
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
            return Err(Error::Money(MoneyError::NonPositiveUnitPrice {
                price: wire.unit_price,
            }));
        }
        let (messages, remainder) =
            crate::money::exact::floor_div_rem(wire.amount.amount(), wire.unit_price.amount())?;
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
            return Err(Error::Money(MoneyError::CurrencyMismatch {
                left: wire.amount,
                right: wire.net_paid,
            }));
        }
        if wire.amount.amount() > wire.net_paid.amount() {
            return Err(Error::Stored(StoredError::InconsistentCompensation {
                reason: "the total exceeds the net fees paid (§5.2)",
            }));
        }
        Ok(Self {
            amount: wire.amount,
            net_paid: wire.net_paid,
            messages: wire.messages,
            months: wire.months,
        })
    }
}
