//! The Monthly Service Fee (SLA §1.6, §3.1(2); [D8](crate::_documentation::design#d8)).

use core::fmt;

use rust_decimal::Decimal;

use super::{Money, exact};
use crate::error::{Error, MoneyError};

/// A deduction from a Monthly Service Fee (§3.1(2)): the part of the fee
/// the customer did not pay.
///
/// # Examples
///
/// ```
/// use sms_sla::DeductionKind;
///
/// assert_eq!(DeductionKind::Voucher.to_string(), "promotional voucher");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum DeductionKind {
    /// A coupon.
    Coupon,
    /// A promotional voucher.
    Voucher,
    /// A discount on the service fee.
    Discount,
    /// Any other deduction.
    Other,
}

impl fmt::Display for DeductionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::display::padded(f, |f| {
            f.write_str(match self {
                Self::Coupon => "coupon",
                Self::Voucher => "promotional voucher",
                Self::Discount => "discount",
                Self::Other => "other deduction",
            })
        })
    }
}

/// The Monthly Service Fee of one Service Month (§1.6): the fee for the
/// messages actually consumed that month, and what was deducted from it.
///
/// Compensation is a share of the consumed fee, capped at the fee actually
/// paid: consumed minus every deduction (§3.1(2), [D8](crate::_documentation::design#d8)). Deductions can
/// never exceed the fee, so the net paid fee is never negative.
///
/// # Examples
///
/// ```
/// use rust_decimal::dec;
/// use sms_sla::{DeductionKind, Money, MonthlyServiceFee};
///
/// let fee = MonthlyServiceFee::new(Money::new(dec!(1000.00), "CNY")?)
///     .with_deduction(DeductionKind::Coupon, Money::new(dec!(800.00), "CNY")?)?;
/// assert_eq!(fee.net_paid().to_string(), "200.00 CNY");
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "FeeWire"))]
pub struct MonthlyServiceFee {
    consumed: Money,
    deductions: Vec<Deduction>,
    /// `consumed` less every deduction; kept in step by `with_deduction`.
    #[cfg_attr(feature = "serde", serde(skip))]
    net_paid: Money,
}

/// One deduction: its kind and amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
struct Deduction {
    kind: DeductionKind,
    amount: Money,
}

impl MonthlyServiceFee {
    /// The fee for the messages consumed in a Service Month, with no
    /// deductions yet.
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::{Money, MonthlyServiceFee};
    ///
    /// let fee = MonthlyServiceFee::new(Money::new(dec!(1000), "CNY")?);
    /// assert_eq!(fee.net_paid(), fee.consumed());
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn new(consumed: Money) -> Self {
        Self {
            consumed,
            deductions: Vec::new(),
            net_paid: consumed,
        }
    }

    /// The fee of `units` billing units at `unit_price` each (pay as you
    /// go), exactly.
    ///
    /// # Errors
    ///
    /// [`MoneyError::InexactArithmetic`](crate::error::MoneyError::InexactArithmetic) if the product needs more than
    /// `Decimal`'s precision.
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::{Money, MonthlyServiceFee};
    ///
    /// let fee = MonthlyServiceFee::pay_as_you_go(12_345, &Money::new(dec!(0.045), "CNY")?)?;
    /// assert_eq!(fee.consumed().amount(), dec!(555.525));
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn pay_as_you_go(units: u64, unit_price: &Money) -> Result<Self, Error> {
        Ok(Self::new(unit_price.checked_mul(Decimal::from(units))?))
    }

    /// The consumed part of a prepaid package (§1.6: paid but unconsumed
    /// value does not count): `package_price * consumed_units /
    /// package_units`, exactly.
    ///
    /// # Errors
    ///
    /// - [`MoneyError::EmptyPackage`](crate::error::MoneyError::EmptyPackage) when `package_units` is 0.
    /// - [`MoneyError::PackageOverconsumed`](crate::error::MoneyError::PackageOverconsumed) when `consumed_units` is more than
    ///   `package_units`.
    /// - [`MoneyError::InexactPackageShare`](crate::error::MoneyError::InexactPackageShare) when the share has no exact decimal
    ///   value (pass the billed amount to [`MonthlyServiceFee::new`]
    ///   instead).
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::{Money, MonthlyServiceFee};
    ///
    /// // 10,000 messages for 450.00 CNY, 2,000 used this month: 90.00 CNY.
    /// let package = Money::new(dec!(450.00), "CNY")?;
    /// let fee = MonthlyServiceFee::prepaid_package(&package, 10_000, 2_000)?;
    /// assert_eq!(fee.consumed().amount(), dec!(90));
    ///
    /// let err = MonthlyServiceFee::prepaid_package(&Money::new(dec!(100), "CNY")?, 3, 1).unwrap_err();
    /// assert_eq!(err.to_string(), "1 of 3 units of a 100.00 CNY package has no exact decimal value");
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn prepaid_package(
        package_price: &Money,
        package_units: u64,
        consumed_units: u64,
    ) -> Result<Self, Error> {
        if package_units == 0 {
            return Err(Error::Money(MoneyError::EmptyPackage {
                price: *package_price,
            }));
        }
        if consumed_units > package_units {
            return Err(Error::Money(MoneyError::PackageOverconsumed {
                consumed_units,
                package_units,
            }));
        }
        let inexact = || {
            Error::Money(MoneyError::InexactPackageShare {
                consumed_units,
                package_units,
                price: *package_price,
            })
        };
        let paid_for_consumed = exact::mul(package_price.amount(), Decimal::from(consumed_units))?;
        let units = Decimal::from(package_units);
        let share = paid_for_consumed.checked_div(units).ok_or_else(inexact)?;
        // The quotient is exact only if multiplying back gives the product.
        if exact::mul(share, units).ok() != Some(paid_for_consumed) {
            return Err(inexact());
        }
        Ok(Self::new(Money::in_currency(
            share,
            package_price.currency(),
        )?))
    }

    /// The same fee with one more deduction (§3.1(2)).
    ///
    /// # Errors
    ///
    /// - [`MoneyError::CurrencyMismatch`](crate::error::MoneyError::CurrencyMismatch) when `amount` is in another currency.
    /// - [`MoneyError::DeductionsExceedFee`](crate::error::MoneyError::DeductionsExceedFee) when the deductions would add up to
    ///   more than the consumed fee ([D8](crate::_documentation::design#d8)).
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::{DeductionKind, Money, MonthlyServiceFee};
    ///
    /// let fee = MonthlyServiceFee::new(Money::new(dec!(100.00), "CNY")?)
    ///     .with_deduction(DeductionKind::Discount, Money::new(dec!(20), "CNY")?)?;
    /// let err = fee.with_deduction(DeductionKind::Coupon, Money::new(dec!(100), "CNY")?).unwrap_err();
    /// assert_eq!(err.to_string(), "deductions 120.00 CNY exceed the consumed fee 100.00 CNY");
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn with_deduction(mut self, kind: DeductionKind, amount: Money) -> Result<Self, Error> {
        let deducted = self.total_deductions()?.checked_add(&amount)?;
        self.net_paid = self
            .consumed
            .checked_sub(&deducted)
            .map_err(|err| match err {
                Error::Money(MoneyError::NegativeMoney { .. }) => {
                    Error::Money(MoneyError::DeductionsExceedFee {
                        deductions: deducted,
                        consumed: self.consumed,
                    })
                }
                other => other,
            })?;
        self.deductions.push(Deduction { kind, amount });
        Ok(self)
    }

    /// The fee for the messages consumed in the month (§1.6).
    #[must_use]
    pub const fn consumed(&self) -> &Money {
        &self.consumed
    }

    /// Each deduction, in the order given.
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::{DeductionKind, Money, MonthlyServiceFee};
    ///
    /// let coupon = Money::new(dec!(800), "CNY")?;
    /// let fee = MonthlyServiceFee::new(Money::new(dec!(1000), "CNY")?).with_deduction(DeductionKind::Coupon, coupon)?;
    /// assert_eq!(fee.deductions().collect::<Vec<_>>(), [(DeductionKind::Coupon, coupon)]);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn deductions(&self) -> impl ExactSizeIterator<Item = (DeductionKind, Money)> + '_ {
        self.deductions.iter().map(|d| (d.kind, d.amount))
    }

    /// Every deduction added up.
    ///
    /// # Errors
    ///
    /// Never in practice: the deductions were checked as they were added.
    /// The `Result` guards the exact sum.
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::{DeductionKind, Money, MonthlyServiceFee};
    ///
    /// let fee = MonthlyServiceFee::new(Money::new(dec!(1000), "CNY")?)
    ///     .with_deduction(DeductionKind::Coupon, Money::new(dec!(500), "CNY")?)?
    ///     .with_deduction(DeductionKind::Voucher, Money::new(dec!(300), "CNY")?)?;
    /// assert_eq!(fee.total_deductions()?.amount(), dec!(800));
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn total_deductions(&self) -> Result<Money, Error> {
        self.deductions
            .iter()
            .try_fold(Money::zero(self.consumed.currency()), |sum, d| {
                sum.checked_add(&d.amount)
            })
    }

    /// The fee actually paid: consumed less every deduction (§3.1(2)). The
    /// cap on the month's compensation ([D8](crate::_documentation::design#d8)).
    #[must_use]
    pub const fn net_paid(&self) -> &Money {
        &self.net_paid
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FeeWire {
    consumed: Money,
    #[serde(default)]
    deductions: Vec<Deduction>,
}

#[cfg(feature = "serde")]
impl TryFrom<FeeWire> for MonthlyServiceFee {
    type Error = Error;

    fn try_from(wire: FeeWire) -> Result<Self, Error> {
        wire.deductions
            .into_iter()
            .try_fold(Self::new(wire.consumed), |fee, d| {
                fee.with_deduction(d.kind, d.amount)
            })
    }
}
