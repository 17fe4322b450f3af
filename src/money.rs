//! Money and the Monthly Service Fee (SLA §1.6, §3.1(2); [D8](crate::_documentation::design#d8), [D10](crate::_documentation::design#d10)).
//!
//! [`Money`] is a non-negative [`Decimal`] with an ISO 4217 currency code.
//! Amounts never pass through a float, arithmetic happens only between equal
//! currencies, and every operation is exact or an error: a result that would
//! need more than `Decimal`'s 28 digits is refused, never rounded in secret.
//! Rounding happens only for display, with one named strategy.

mod fee;

pub use self::fee::{DeductionKind, MonthlyServiceFee};

use core::fmt;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::{Error, MoneyError, ParseError};

/// A three-letter ISO 4217 currency code, such as `CNY`.
///
/// # Examples
///
/// ```
/// use sms_sla::Currency;
///
/// let cny = Currency::new("CNY")?;
/// assert_eq!(cny.as_str(), "CNY");
/// assert_eq!(cny.minor_units(), Some(2));
/// assert_eq!(Currency::new("JPY")?.minor_units(), Some(0));
/// assert!(Currency::new("cny").is_err());
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Currency {
    code: [u8; 3],
}

impl Currency {
    /// The currency with this code: exactly three ASCII uppercase letters.
    ///
    /// # Errors
    ///
    /// [`MoneyError::InvalidCurrency`](crate::error::MoneyError::InvalidCurrency) for anything else.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::Currency;
    ///
    /// let err = Currency::new("RMB ").unwrap_err();
    /// assert_eq!(err.to_string(), "currency code `RMB ` is not three uppercase letters (ISO 4217)");
    /// ```
    pub fn new(code: &str) -> Result<Self, Error> {
        match code.as_bytes() {
            &[a, b, c] if [a, b, c].iter().all(u8::is_ascii_uppercase) => {
                Ok(Self { code: [a, b, c] })
            }
            _ => Err(Error::Money(MoneyError::InvalidCurrency {
                code: code.to_owned(),
            })),
        }
    }

    /// The code, such as `"CNY"`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::Currency;
    ///
    /// assert_eq!(Currency::new("HKD")?.as_str(), "HKD");
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        // Three ASCII letters, checked in `new`, are always UTF-8.
        core::str::from_utf8(&self.code).unwrap_or("???")
    }

    /// The number of decimal places of the currency's minor unit, for the
    /// currencies the library knows (ISO 4217); `None` for others, which
    /// are then shown unrounded.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::Currency;
    ///
    /// assert_eq!(Currency::new("USD")?.minor_units(), Some(2));
    /// assert_eq!(Currency::new("KWD")?.minor_units(), Some(3));
    /// assert_eq!(Currency::new("XTS")?.minor_units(), None);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn minor_units(&self) -> Option<u32> {
        match &self.code {
            b"CNY" | b"USD" | b"EUR" | b"HKD" | b"MOP" | b"TWD" | b"GBP" | b"SGD" | b"AUD"
            | b"CAD" | b"CHF" | b"NZD" | b"INR" | b"IDR" | b"MYR" | b"PHP" | b"THB" | b"BRL"
            | b"MXN" | b"RUB" | b"ZAR" | b"AED" | b"SAR" | b"SEK" | b"NOK" | b"DKK" | b"PLN"
            | b"TRY" | b"ILS" | b"EGP" | b"NGN" | b"PKR" | b"BDT" | b"LKR" => Some(2),
            b"JPY" | b"KRW" | b"VND" | b"CLP" | b"ISK" | b"UGX" | b"XAF" | b"XOF" => Some(0),
            b"KWD" | b"BHD" | b"OMR" | b"JOD" | b"TND" | b"IQD" | b"LYD" => Some(3),
            _ => None,
        }
    }
}

/// A currency equals its code: `money.currency() == "CNY"`.
impl PartialEq<str> for Currency {
    fn eq(&self, code: &str) -> bool {
        self.as_str() == code
    }
}

impl PartialEq<&str> for Currency {
    fn eq(&self, code: &&str) -> bool {
        self.as_str() == *code
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Currency({})", self.as_str())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::display::padded(f, |f| f.write_str(self.as_str()))
    }
}

impl core::str::FromStr for Currency {
    type Err = Error;

    fn from_str(code: &str) -> Result<Self, Error> {
        Self::new(code)
    }
}

/// A non-negative amount of one currency ([D10](crate::_documentation::design#d10)).
///
/// # Examples
///
/// ```
/// use rust_decimal::dec;
/// use sms_sla::Money;
///
/// let fee = Money::new(dec!(1000.00), "CNY")?;
/// let coupon = Money::new(dec!(800), "CNY")?;
/// assert_eq!(fee.checked_sub(&coupon)?, Money::new(dec!(200), "CNY")?);
/// assert_eq!(fee.currency(), "CNY");
/// assert_eq!(fee.to_string(), "1000.00 CNY");
///
/// let usd = Money::new(dec!(1), "USD")?;
/// assert_eq!(fee.checked_add(&usd).unwrap_err().to_string(), "cannot combine 1000.00 CNY with 1.00 USD");
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

impl Money {
    /// How amounts are rounded to their currency's minor unit for display:
    /// to the nearest, ties to even (banker's rounding). Computation never
    /// rounds.
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::{RoundingStrategy, dec};
    /// use sms_sla::Money;
    ///
    /// assert_eq!(Money::DISPLAY_ROUNDING, RoundingStrategy::MidpointNearestEven);
    /// assert_eq!(Money::new(dec!(0.125), "CNY")?.to_string(), "0.12 CNY");
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub const DISPLAY_ROUNDING: RoundingStrategy = RoundingStrategy::MidpointNearestEven;

    /// `amount` of the currency with code `currency`.
    ///
    /// Equal amounts at different scales (`1.0` and `1.00`) are equal money.
    ///
    /// # Errors
    ///
    /// - [`MoneyError::InvalidCurrency`](crate::error::MoneyError::InvalidCurrency) when `currency` is not three uppercase
    ///   letters.
    /// - [`MoneyError::NegativeMoney`](crate::error::MoneyError::NegativeMoney) when `amount` is below zero.
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::Money;
    ///
    /// assert_eq!(Money::new(dec!(1.0), "CNY")?, Money::new(dec!(1.00), "CNY")?);
    /// let err = Money::new(dec!(-0.01), "CNY").unwrap_err();
    /// assert_eq!(err.to_string(), "amount -0.01 CNY is negative");
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn new(amount: Decimal, currency: &str) -> Result<Self, Error> {
        Self::in_currency(amount, Currency::new(currency)?)
    }

    /// `amount` of `currency`.
    ///
    /// # Errors
    ///
    /// [`MoneyError::NegativeMoney`](crate::error::MoneyError::NegativeMoney) when `amount` is below zero.
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::Money;
    /// use sms_sla::Currency;
    ///
    /// let cny = Currency::new("CNY")?;
    /// assert_eq!(Money::in_currency(dec!(0.045), cny)?.to_string(), "0.04 CNY");
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn in_currency(amount: Decimal, currency: Currency) -> Result<Self, Error> {
        if amount < Decimal::ZERO {
            return Err(Error::Money(MoneyError::NegativeMoney { amount, currency }));
        }
        // Normalise -0 to 0 so that equal money is equal.
        let amount = if amount.is_zero() {
            Decimal::ZERO
        } else {
            amount
        };
        Ok(Self { amount, currency })
    }

    /// Zero of `currency`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::Money;
    /// use sms_sla::Currency;
    ///
    /// assert!(Money::zero(Currency::new("CNY")?).is_zero());
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub const fn zero(currency: Currency) -> Self {
        Self {
            amount: Decimal::ZERO,
            currency,
        }
    }

    /// The amount, exactly as computed (not rounded).
    #[must_use]
    pub const fn amount(&self) -> Decimal {
        self.amount
    }

    /// The currency.
    #[must_use]
    pub const fn currency(&self) -> Currency {
        self.currency
    }

    /// Whether the amount is zero.
    #[must_use]
    pub fn is_zero(&self) -> bool {
        self.amount.is_zero()
    }

    /// The sum, exactly.
    ///
    /// # Errors
    ///
    /// - [`MoneyError::CurrencyMismatch`](crate::error::MoneyError::CurrencyMismatch) when the currencies differ.
    /// - [`MoneyError::InexactArithmetic`](crate::error::MoneyError::InexactArithmetic) when the sum needs more than
    ///   `Decimal`'s precision.
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::Money;
    ///
    /// let sum = Money::new(dec!(0.1), "CNY")?.checked_add(&Money::new(dec!(0.2), "CNY")?)?;
    /// assert_eq!(sum.amount(), dec!(0.3));
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn checked_add(&self, other: &Self) -> Result<Self, Error> {
        self.same_currency(other)?;
        let amount = exact::add(self.amount, other.amount)?;
        Ok(Self { amount, ..*self })
    }

    /// The difference, exactly.
    ///
    /// # Errors
    ///
    /// - [`MoneyError::CurrencyMismatch`](crate::error::MoneyError::CurrencyMismatch) when the currencies differ.
    /// - [`MoneyError::NegativeMoney`](crate::error::MoneyError::NegativeMoney) when `other` is larger.
    /// - [`MoneyError::InexactArithmetic`](crate::error::MoneyError::InexactArithmetic) when the difference needs more than
    ///   `Decimal`'s precision.
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::Money;
    ///
    /// let ten = Money::new(dec!(10), "CNY")?;
    /// let err = ten.checked_sub(&Money::new(dec!(10.01), "CNY")?).unwrap_err();
    /// assert_eq!(err.to_string(), "amount -0.01 CNY is negative");
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn checked_sub(&self, other: &Self) -> Result<Self, Error> {
        self.same_currency(other)?;
        Self::in_currency(exact::sub(self.amount, other.amount)?, self.currency)
    }

    /// The amount times a non-negative `factor` (a rate or a count),
    /// exactly.
    ///
    /// # Errors
    ///
    /// - [`MoneyError::NegativeMoney`](crate::error::MoneyError::NegativeMoney) when `factor` is negative.
    /// - [`MoneyError::InexactArithmetic`](crate::error::MoneyError::InexactArithmetic) when the product needs more than
    ///   `Decimal`'s precision.
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::Money;
    ///
    /// let fee = Money::new(dec!(1000.00), "CNY")?;
    /// assert_eq!(fee.checked_mul(dec!(0.3))?.amount(), dec!(300.000));
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn checked_mul(&self, factor: Decimal) -> Result<Self, Error> {
        Self::in_currency(exact::mul(self.amount, factor)?, self.currency)
    }

    /// The smaller of two amounts of one currency; of two equal amounts,
    /// `self`, as written (its scale kept).
    ///
    /// # Errors
    ///
    /// [`MoneyError::CurrencyMismatch`](crate::error::MoneyError::CurrencyMismatch) when the currencies differ.
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::Money;
    ///
    /// let a = Money::new(dec!(300), "CNY")?;
    /// let b = Money::new(dec!(200), "CNY")?;
    /// assert_eq!(a.checked_min(&b)?, b);
    /// let tie = Money::new(dec!(200.0), "CNY")?;
    /// assert_eq!(tie.checked_min(&b)?.amount().scale(), 1);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn checked_min(&self, other: &Self) -> Result<Self, Error> {
        self.same_currency(other)?;
        Ok(if other.amount < self.amount {
            *other
        } else {
            *self
        })
    }

    /// The amount rounded to the currency's minor unit with
    /// [`Money::DISPLAY_ROUNDING`], or unchanged for a currency without a
    /// known minor unit. For display only.
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::Money;
    ///
    /// assert_eq!(Money::new(dec!(0.125), "CNY")?.rounded(), dec!(0.12));
    /// assert_eq!(Money::new(dec!(0.135), "CNY")?.rounded(), dec!(0.14));
    /// assert_eq!(Money::new(dec!(2.5), "JPY")?.rounded(), dec!(2));
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn rounded(&self) -> Decimal {
        match self.currency.minor_units() {
            Some(places) => self
                .amount
                .round_dp_with_strategy(places, Self::DISPLAY_ROUNDING),
            None => self.amount.normalize(),
        }
    }

    /// The amount exactly as held, never rounded, padded to the currency's
    /// minor unit (`10.004 CNY`, `10.00 CNY`): how errors name a value.
    pub(crate) fn exact_text(&self) -> String {
        let mut text = self.amount.to_string();
        let places = self.currency.minor_units().unwrap_or(0);
        let scale = self.amount.scale();
        if scale < places {
            if scale == 0 {
                text.push('.');
            }
            for _ in scale..places {
                text.push('0');
            }
        }
        format!("{text} {}", self.currency)
    }

    fn same_currency(&self, other: &Self) -> Result<(), Error> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(Error::Money(MoneyError::CurrencyMismatch {
                left: *self,
                right: *other,
            }))
        }
    }
}

impl PartialOrd for Money {
    /// Amounts of one currency compare; different currencies do not.
    fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
        (self.currency == other.currency).then(|| self.amount.cmp(&other.amount))
    }
}

impl fmt::Display for Money {
    /// `200.00 CNY`: the amount at its currency's minor unit, rounded with
    /// [`Money::DISPLAY_ROUNDING`] and padded to that many places. The
    /// alternate form, `{:#}`, shows the amount exactly (`0.045 CNY`), so
    /// it reads back as the same value.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::display::padded(f, |f| {
            if f.alternate() {
                return write!(f, "{} {}", self.amount, self.currency);
            }
            let mut shown = self.rounded();
            if let Some(places) = self.currency.minor_units() {
                shown.rescale(places);
            }
            write!(f, "{shown} {}", self.currency)
        })
    }
}

impl core::str::FromStr for Money {
    type Err = Error;

    /// Reads an amount and a currency code separated by one space,
    /// `0.045 CNY`, exactly: the form `{:#}` writes.
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::Money;
    ///
    /// let price: Money = "0.045 CNY".parse()?;
    /// assert_eq!(price, Money::new(dec!(0.045), "CNY")?);
    /// assert_eq!(format!("{price:#}"), "0.045 CNY");
    /// assert_eq!(format!("{price:#}").parse::<Money>()?, price);
    /// assert_eq!(price.to_string(), "0.04 CNY"); // shown at the minor unit
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    fn from_str(text: &str) -> Result<Self, Error> {
        let unreadable = || {
            Error::Parse(ParseError::Unreadable {
                what: "money",
                text: text.to_owned(),
                expected: "an exact decimal amount, one space and a currency code, such as `0.045 CNY`",
            })
        };
        let (amount, code) = text.split_once(' ').ok_or_else(unreadable)?;
        let amount = Decimal::from_str_exact(amount).map_err(|_| unreadable())?;
        Self::new(amount, code)
    }
}

#[cfg(feature = "serde")]
mod wire {
    use rust_decimal::Decimal;

    use super::{Currency, Money};

    /// `{"amount": "200.00", "currency": "CNY"}`: the amount as a decimal
    /// string, never a float ([D10](crate::_documentation::design#d10)).
    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct MoneyWire {
        #[serde(with = "rust_decimal::serde::str")]
        amount: Decimal,
        currency: String,
    }

    impl serde::Serialize for Money {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            MoneyWire {
                amount: self.amount,
                currency: self.currency.to_string(),
            }
            .serialize(serializer)
        }
    }

    impl<'de> serde::Deserialize<'de> for Money {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let wire = MoneyWire::deserialize(deserializer)?;
            Money::new(wire.amount, &wire.currency).map_err(serde::de::Error::custom)
        }
    }

    impl serde::Serialize for Currency {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(self.as_str())
        }
    }

    impl<'de> serde::Deserialize<'de> for Currency {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            crate::serde_text::from_text(deserializer, "an ISO 4217 currency code such as \"CNY\"")
        }
    }
}

pub(crate) mod exact;

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::exact;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    /// The 128-bit fast path and the `Decimal` slow path agree.
    #[test]
    fn floor_division_paths_agree() {
        let cases = [
            ("200.00", "0.045", 4444, "0.020"),
            ("0", "0.045", 0, "0.000"),
            ("0.044", "0.045", 0, "0.044"),
            ("0.045", "0.045", 1, "0.000"),
            ("1000", "0.0000001", 10_000_000_000, "0"),
            ("18446744073709551615", "1", u64::MAX, "0"),
        ];
        for (dividend, divisor, quotient, remainder) in cases {
            let (dividend, divisor) = (d(dividend), d(divisor));
            let expected = (quotient, d(remainder));
            let fast = exact::floor_div_rem_integers(dividend, divisor);
            assert_eq!(fast, Some(Ok(expected)), "{dividend} / {divisor}");
            let result = exact::floor_div_rem(dividend, divisor).unwrap();
            assert_eq!(result, expected, "{dividend} / {divisor}");
            let slow = exact::floor_div(dividend, divisor).unwrap();
            assert_eq!(slow, quotient, "{dividend} / {divisor}");
        }
    }

    /// Operands too wide for 128 bits at a common scale take the slow path,
    /// which answers exactly or refuses.
    #[test]
    fn floor_division_of_wide_operands() {
        let dividend = d("1.0000000000000000000000000001");
        assert_eq!(exact::floor_div_rem_integers(dividend, Decimal::MAX), None);
        let (quotient, remainder) = exact::floor_div_rem(dividend, Decimal::MAX).unwrap();
        assert_eq!((quotient, remainder), (0, dividend));
        // A quotient whose check needs more than 96 bits is refused, not guessed.
        let err = exact::floor_div_rem(Decimal::MAX, d("10000000000.0000000001")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "7922816251426433759 * 10000000000.0000000001 cannot be computed exactly"
        );
        // Past u64::MAX messages: an error, on either path.
        assert!(exact::floor_div_rem(d("18446744073709551616"), d("1")).is_err());
        assert!(exact::floor_div_rem(Decimal::MAX, d("0.0000000000000000000000000001")).is_err());
    }
}
