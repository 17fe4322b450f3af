//! Service Availability, exactly (SLA §2.1, §2.2; [D6](crate::_documentation::design#d6), [D7](crate::_documentation::design#d7)).
//!
//! Availability is `1 - Apparent Failures / Effective Number` (§2.1). The
//! library keeps it as the two integers and never divides to decide
//! anything: comparing with a threshold such as 95% cross-multiplies in
//! 128-bit integers, exact for every pair of `u64` counts. A month with no
//! effective traffic has no availability at all ("n/a"), never a made-up
//! 100% (D6).

use core::fmt;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::{Error, PolicyError, TrafficError};

/// The Service Availability of one Service Month (§2.1).
///
/// # Examples
///
/// ```
/// use rust_decimal::Decimal;
/// use sms_sla::{Availability, Threshold};
///
/// let av = Availability::new(20, 1)?;
/// let standard = Threshold::from_percent(Decimal::from(95))?;
/// assert_eq!(av.meets(standard), Some(true)); // exactly 95% meets §2.2 (D7)
/// assert_eq!(av.to_string(), "95.0000%");
///
/// let none = Availability::new(0, 0)?;
/// assert_eq!(none.meets(standard), None);
/// assert_eq!(none.to_string(), "n/a");
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "AvailabilityWire"))]
pub struct Availability {
    effective_sent: u64,
    apparent_failures: u64,
}

impl Availability {
    /// How [`Availability::percent`] rounds: toward zero, so a month below a
    /// threshold never reads as the threshold (94.99999% shows as 94.9999%).
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::RoundingStrategy;
    /// use sms_sla::Availability;
    ///
    /// assert_eq!(Availability::DISPLAY_ROUNDING, RoundingStrategy::ToZero);
    /// ```
    pub const DISPLAY_ROUNDING: RoundingStrategy = RoundingStrategy::ToZero;

    /// Decimal places of [`Availability::percent`].
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::Availability;
    ///
    /// assert_eq!(Availability::new(3, 1)?.percent().unwrap().scale(), Availability::DISPLAY_DECIMAL_PLACES);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub const DISPLAY_DECIMAL_PLACES: u32 = 4;

    /// The availability of a month with `effective_sent` messages to Valid
    /// Numbers, of which `apparent_failures` were Apparent Failures.
    ///
    /// # Errors
    ///
    /// [`TrafficError::FailuresExceedEffective`](crate::error::TrafficError::FailuresExceedEffective) when `apparent_failures` is
    /// greater than `effective_sent` (D6).
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::Availability;
    ///
    /// assert_eq!(Availability::new(90, 9)?.to_string(), "90.0000%");
    /// let err = Availability::new(20, 21).unwrap_err();
    /// assert_eq!(err.to_string(), "apparent failures 21 exceed the effective number of sent messages 20");
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn new(effective_sent: u64, apparent_failures: u64) -> Result<Self, Error> {
        if apparent_failures > effective_sent {
            return Err(Error::Traffic(TrafficError::FailuresExceedEffective {
                effective_sent,
                apparent_failures,
            }));
        }
        Ok(Self {
            effective_sent,
            apparent_failures,
        })
    }

    /// For tallies, whose apparent failures are a part of their effective
    /// number by construction.
    pub(crate) fn from_parts_unchecked(effective_sent: u64, apparent_failures: u64) -> Self {
        Self {
            effective_sent,
            apparent_failures: apparent_failures.min(effective_sent),
        }
    }

    /// The Effective Number of Sent Messages (§1.3).
    #[must_use]
    pub const fn effective_sent(&self) -> u64 {
        self.effective_sent
    }

    /// The number of Apparent Failures (§1.2).
    #[must_use]
    pub const fn apparent_failures(&self) -> u64 {
        self.apparent_failures
    }

    /// Whether the month had any effective traffic. Without it there is no
    /// availability to judge and no compensation ([D6](crate::_documentation::design#d6)).
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::Availability;
    ///
    /// assert!(Availability::new(1, 1)?.has_traffic());
    /// assert!(!Availability::new(0, 0)?.has_traffic());
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub const fn has_traffic(&self) -> bool {
        self.effective_sent > 0
    }

    /// Whether the availability is at least `threshold`, decided exactly
    /// ([D7](crate::_documentation::design#d7): exactly 95% meets 95%); `None` without traffic.
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use sms_sla::{Availability, Threshold};
    ///
    /// let ninety = Threshold::from_percent(Decimal::from(90))?;
    /// assert_eq!(Availability::new(90, 9)?.meets(ninety), Some(true));
    /// assert_eq!(Availability::new(90, 10)?.meets(ninety), Some(false));
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn meets(&self, threshold: Threshold) -> Option<bool> {
        if !self.has_traffic() {
            return None;
        }
        // (E - F) / E >= n / 10^s  <=>  (E - F) * 10^s >= n * E, with
        // E < 2^64 and n <= 10^s <= 10^18 < 2^60: both products < 2^124.
        let successes = u128::from(self.effective_sent.saturating_sub(self.apparent_failures));
        #[expect(
            clippy::arithmetic_side_effects,
            reason = "both products are below 2^124"
        )]
        let (left, right) = (
            successes * threshold.denominator(),
            u128::from(threshold.numerator) * u128::from(self.effective_sent),
        );
        Some(left >= right)
    }

    /// How many more Apparent Failures the month could absorb, at its
    /// Effective Number, and still meet `threshold`
    /// ([D25](crate::_documentation::design#d25)); `Some(0)` when it is at
    /// or below it, `None` without traffic.
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use sms_sla::{Availability, Threshold};
    ///
    /// let standard = Threshold::from_percent(Decimal::from(95))?;
    /// // 1,000 messages may hold 50 failures at 95%: 12 so far, 38 to go.
    /// assert_eq!(Availability::new(1_000, 12)?.failure_budget(standard), Some(38));
    /// assert_eq!(Availability::new(1_000, 60)?.failure_budget(standard), Some(0));
    /// assert_eq!(Availability::new(19, 0)?.failure_budget(standard), Some(0)); // 18/19 < 95%
    /// assert_eq!(Availability::new(0, 0)?.failure_budget(standard), None);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn failure_budget(&self, threshold: Threshold) -> Option<u64> {
        if !self.has_traffic() {
            return None;
        }
        // (E - f) / E >= n / d  <=>  f <= E (d - n) / d; the product is
        // below 2^64 * 10^18 < 2^124.
        let denominator = threshold.denominator();
        let allowed_share = denominator.saturating_sub(u128::from(threshold.numerator));
        let allowed = u128::from(self.effective_sent)
            .saturating_mul(allowed_share)
            .checked_div(denominator)
            .unwrap_or(0);
        let allowed = u64::try_from(allowed).unwrap_or(u64::MAX);
        Some(allowed.saturating_sub(self.apparent_failures))
    }

    /// The availability in percent, to [`Availability::DISPLAY_DECIMAL_PLACES`]
    /// places rounded by [`Availability::DISPLAY_ROUNDING`]; `None` without
    /// traffic. For display only: decisions use [`Availability::meets`].
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use sms_sla::Availability;
    ///
    /// // 18/19 = 94.736842...%
    /// assert_eq!(Availability::new(19, 1)?.percent(), Some(Decimal::new(947_368, 4)));
    /// // 99,999/100,000 of a percent below 95 stays below 95 on screen.
    /// assert_eq!(Availability::new(10_000_000, 500_001)?.percent(), Some(Decimal::new(949_999, 4)));
    /// assert_eq!(Availability::new(0, 0)?.percent(), None);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn percent(&self) -> Option<Decimal> {
        if !self.has_traffic() {
            return None;
        }
        let places = Self::DISPLAY_DECIMAL_PLACES;
        // One place more than shown, then the named rounding: the quotient
        // (E - F) * 10^(places + 3) / E is below 10^8, so exact in i128.
        let scale = 10_u128.pow(places.saturating_add(3));
        let successes = u128::from(self.effective_sent.saturating_sub(self.apparent_failures));
        let quotient = successes
            .checked_mul(scale)?
            .checked_div(u128::from(self.effective_sent))?;
        let exact_enough = Decimal::try_from_i128_with_scale(
            i128::try_from(quotient).ok()?,
            places.saturating_add(1),
        )
        .ok()?;
        Some(exact_enough.round_dp_with_strategy(places, Self::DISPLAY_ROUNDING))
    }
}

impl PartialOrd for Availability {
    fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Availability {
    /// By the exact share of messages that did not fail (`19/20` below
    /// `39/40`); a month without traffic, which meets every standard
    /// ([D6](crate::_documentation::design#d6)), above every share. Equal
    /// shares of different volumes order by volume, so the order agrees
    /// with `==`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::Availability;
    ///
    /// let a = |e, f| Availability::new(e, f).unwrap();
    /// assert!(a(20, 1) < a(40, 1));
    /// assert!(a(40, 1) < a(0, 0));
    /// assert!(a(20, 1) < a(40, 2)); // both 95%: the smaller month first
    /// assert_eq!([a(0, 0), a(20, 1), a(10, 10)].iter().min(), Some(&a(10, 10)));
    /// ```
    fn cmp(&self, other: &Self) -> core::cmp::Ordering {
        // s1 / e1 against s2 / e2 as s1 * e2 against s2 * e1: products of
        // two u64 fit in u128.
        let share = |a: &Self, b: &Self| {
            let successes = u128::from(a.effective_sent.saturating_sub(a.apparent_failures));
            successes.saturating_mul(u128::from(b.effective_sent))
        };
        match (self.has_traffic(), other.has_traffic()) {
            (false, false) => core::cmp::Ordering::Equal,
            (false, true) => core::cmp::Ordering::Greater,
            (true, false) => core::cmp::Ordering::Less,
            (true, true) => share(self, other)
                .cmp(&share(other, self))
                .then(self.effective_sent.cmp(&other.effective_sent)),
        }
    }
}

impl fmt::Display for Availability {
    /// `94.7368%`, or `n/a` without traffic.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::display::padded(f, |f| match self.percent() {
            Some(percent) => write!(f, "{percent}%"),
            None => f.write_str("n/a"),
        })
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct AvailabilityWire {
    effective_sent: u64,
    apparent_failures: u64,
}

#[cfg(feature = "serde")]
impl TryFrom<AvailabilityWire> for Availability {
    type Error = Error;

    fn try_from(wire: AvailabilityWire) -> Result<Self, Error> {
        Self::new(wire.effective_sent, wire.apparent_failures)
    }
}

/// An availability level to compare with, such as the 95% standard (§2.2)
/// or the 90% tier (§3.1): a percentage from 0 to 100 with at most 16
/// decimal places, held exactly.
///
/// # Examples
///
/// ```
/// use rust_decimal::Decimal;
/// use sms_sla::Threshold;
///
/// let standard = Threshold::from_percent(Decimal::new(9500, 2))?; // 95.00
/// assert_eq!(standard.percent(), Decimal::from(95));
/// assert_eq!(standard, Threshold::from_percent(Decimal::from(95))?);
/// assert_eq!(standard.to_string(), "95%");
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Threshold {
    /// The fraction is `numerator / 10^scale`, in lowest decimal terms.
    numerator: u64,
    scale: u32,
}

impl Threshold {
    /// The most decimal places a threshold may have, in percent.
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use sms_sla::Threshold;
    ///
    /// assert_eq!(Threshold::MAX_DECIMAL_PLACES, 16);
    /// assert!(Threshold::from_percent(Decimal::new(1, 16)).is_ok());
    /// assert!(Threshold::from_percent(Decimal::new(1, 17)).is_err());
    /// ```
    pub const MAX_DECIMAL_PLACES: u32 = 16;

    /// The threshold of `percent` percent.
    ///
    /// # Errors
    ///
    /// - [`PolicyError::ThresholdOutOfRange`](crate::error::PolicyError::ThresholdOutOfRange) when `percent` is below 0 or above
    ///   100.
    /// - [`PolicyError::ThresholdTooPrecise`](crate::error::PolicyError::ThresholdTooPrecise) when it has more than
    ///   [`Threshold::MAX_DECIMAL_PLACES`] decimal places.
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use sms_sla::Threshold;
    ///
    /// assert!(Threshold::from_percent(Decimal::new(999, 1)).is_ok()); // 99.9
    /// let err = Threshold::from_percent(Decimal::from(101)).unwrap_err();
    /// assert_eq!(err.to_string(), "availability threshold 101% is not between 0% and 100%");
    /// ```
    pub fn from_percent(percent: Decimal) -> Result<Self, Error> {
        if percent < Decimal::ZERO || percent > Decimal::ONE_HUNDRED {
            return Err(Error::Policy(PolicyError::ThresholdOutOfRange { percent }));
        }
        let normal = percent.normalize();
        if normal.scale() > Self::MAX_DECIMAL_PLACES {
            return Err(Error::Policy(PolicyError::ThresholdTooPrecise { percent }));
        }
        // percent = m / 10^k, so the fraction is m / 10^(k + 2), k <= 16.
        let numerator = u64::try_from(normal.mantissa())
            .map_err(|_| Error::Policy(PolicyError::ThresholdOutOfRange { percent }))?;
        Ok(Self {
            numerator,
            scale: normal.scale().saturating_add(2),
        })
    }

    /// The threshold in percent.
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use sms_sla::Threshold;
    ///
    /// assert_eq!(Threshold::from_percent(Decimal::new(900, 1))?.percent(), Decimal::from(90));
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn percent(&self) -> Decimal {
        Decimal::from_i128_with_scale(i128::from(self.numerator), self.scale.saturating_sub(2))
    }

    /// `percent`% for a whole number from 0 to 100, as
    /// [`Threshold::from_percent`] would build it.
    pub(crate) const fn whole_percent(percent: u64) -> Self {
        Self {
            numerator: percent,
            scale: 2,
        }
    }

    /// Whether this is 0%, which every availability meets.
    pub(crate) const fn is_zero(self) -> bool {
        self.numerator == 0
    }

    /// `10^scale`: at most `10^18`.
    fn denominator(self) -> u128 {
        10_u128.pow(self.scale)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Threshold {
    /// As the percentage in a decimal string: `"95"`, `"99.9"`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        rust_decimal::serde::str::serialize(&self.percent(), serializer)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Threshold {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let percent = rust_decimal::serde::str::deserialize(deserializer)?;
        Self::from_percent(percent).map_err(serde::de::Error::custom)
    }
}

impl PartialOrd for Threshold {
    fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Threshold {
    /// By level: 90% < 95%.
    fn cmp(&self, other: &Self) -> core::cmp::Ordering {
        self.percent().cmp(&other.percent())
    }
}

impl fmt::Display for Threshold {
    /// `95%`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::display::padded(f, |f| write!(f, "{}%", self.percent()))
    }
}
