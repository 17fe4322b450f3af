//! Errors of availability thresholds, compensation schedules and claim rules.

use crate::availability::Threshold;
use rust_decimal::Decimal;

/// Errors of availability thresholds, compensation schedules and claim rules.
///
/// A variant of [`Error::Policy`](super::Error::Policy); its message is the
/// [`Error`](super::Error)'s.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// An availability threshold below 0% or above 100%.
    #[error("availability threshold {percent}% is not between 0% and 100%")]
    #[non_exhaustive]
    ThresholdOutOfRange {
        /// The percentage given.
        percent: Decimal,
    },

    /// An availability threshold with more decimal places than the library
    /// compares exactly.
    #[error("availability threshold {percent}% has more than 16 decimal places")]
    #[non_exhaustive]
    ThresholdTooPrecise {
        /// The percentage given.
        percent: Decimal,
    },

    /// A compensation rate or cap share outside 0 to 1 ([D16](crate::_documentation::design#d16)).
    #[error("compensation rate {rate} is not between 0 and 1")]
    #[non_exhaustive]
    RateOutOfRange {
        /// The rate given.
        rate: Decimal,
    },

    /// A compensation schedule without tiers ([D16](crate::_documentation::design#d16)).
    #[error("a compensation schedule needs at least one tier")]
    NoTiers,

    /// A tier whose bound is not below the standard ([D16](crate::_documentation::design#d16)).
    #[error("compensation tier from {bound} is not below the standard {standard}")]
    #[non_exhaustive]
    TierNotBelowStandard {
        /// The tier's lower bound.
        bound: Threshold,
        /// The schedule's standard.
        standard: Threshold,
    },

    /// Tiers out of order: each bound must be below the one before
    /// ([D16](crate::_documentation::design#d16)).
    #[error("compensation tier from {next} does not come below the tier from {previous}")]
    #[non_exhaustive]
    TiersNotDescending {
        /// The bound of the earlier tier.
        previous: Threshold,
        /// The bound that should be lower.
        next: Threshold,
    },

    /// A lower tier paying less than the one above it ([D16](crate::_documentation::design#d16)).
    #[error(
        "compensation tier from {bound} pays {rate}, less than the {above} of the tier above it"
    )]
    #[non_exhaustive]
    TierRateDecreases {
        /// The lower tier's bound.
        bound: Threshold,
        /// The lower tier's rate.
        rate: Decimal,
        /// The rate of the tier above.
        above: Decimal,
    },

    /// Tiers that do not reach down to 0% ([D16](crate::_documentation::design#d16)).
    #[error("compensation tiers leave availability below {lowest} without a rate")]
    #[non_exhaustive]
    TiersIncomplete {
        /// The lowest bound given.
        lowest: Threshold,
    },

    /// A claim rule counting from business day 0 or past the 23rd.
    #[error("claim business day {business_day} is not between 1 and 23")]
    #[non_exhaustive]
    InvalidClaimBusinessDay {
        /// The business day given.
        business_day: u32,
    },
}
