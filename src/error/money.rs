//! Errors of money, packages and Monthly Service Fees (§1.6).

use crate::money::Currency;
use crate::money::Money;
use crate::term::{ServiceMonth, Term};
use rust_decimal::Decimal;

/// Errors of money, packages and Monthly Service Fees (§1.6).
///
/// A variant of [`Error::Money`](super::Error::Money); its message is the
/// [`Error`](super::Error)'s.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum MoneyError {
    /// A currency code that is not three uppercase letters ([D10](crate::_documentation::design#d10)).
    #[error("currency code `{code}` is not three uppercase letters (ISO 4217)")]
    #[non_exhaustive]
    InvalidCurrency {
        /// The code given.
        code: String,
    },

    /// A negative amount of money ([D8](crate::_documentation::design#d8), [D10](crate::_documentation::design#d10)).
    #[error("amount {amount} {currency} is negative")]
    #[non_exhaustive]
    NegativeMoney {
        /// The amount given or computed.
        amount: Decimal,
        /// Its currency.
        currency: Currency,
    },

    /// Arithmetic between two currencies ([D10](crate::_documentation::design#d10)).
    #[error("cannot combine {} with {}", .left.exact_text(), .right.exact_text())]
    #[non_exhaustive]
    CurrencyMismatch {
        /// The first amount.
        left: Money,
        /// The second amount, in another currency.
        right: Money,
    },

    /// A result that `Decimal` cannot hold exactly (more than 28 digits, or
    /// beyond its range): refused rather than rounded ([D10](crate::_documentation::design#d10)).
    #[error("{left} {operation} {right} cannot be computed exactly")]
    #[non_exhaustive]
    InexactArithmetic {
        /// The left operand.
        left: Decimal,
        /// The operation: `+`, `-`, `*` or `/`.
        operation: &'static str,
        /// The right operand.
        right: Decimal,
    },

    /// Deductions adding up to more than the consumed fee ([D8](crate::_documentation::design#d8)).
    #[error(
        "deductions {} exceed the consumed fee {}",
        .deductions.exact_text(),
        .consumed.exact_text()
    )]
    #[non_exhaustive]
    DeductionsExceedFee {
        /// All deductions, the new one included.
        deductions: Money,
        /// The consumed fee.
        consumed: Money,
    },

    /// A prepaid package of zero units (SLA §1.6).
    #[error("a package priced {} holds no units", .price.exact_text())]
    #[non_exhaustive]
    EmptyPackage {
        /// The package price.
        price: Money,
    },

    /// More units consumed than the package holds (SLA §1.6).
    #[error("{consumed_units} units consumed from a package of {package_units}")]
    #[non_exhaustive]
    PackageOverconsumed {
        /// The units consumed.
        consumed_units: u64,
        /// The units in the package.
        package_units: u64,
    },

    /// A consumed share of a package whose value has no exact decimal form
    /// (SLA §1.6, [D10](crate::_documentation::design#d10)).
    #[error(
        "{consumed_units} of {package_units} units of a {} package has no exact decimal value",
        .price.exact_text()
    )]
    #[non_exhaustive]
    InexactPackageShare {
        /// The units consumed.
        consumed_units: u64,
        /// The units in the package.
        package_units: u64,
        /// The package price.
        price: Money,
    },

    /// A zero price per message: credits would be infinite ([D9](crate::_documentation::design#d9)).
    #[error("unit price {} is not positive", .price.exact_text())]
    #[non_exhaustive]
    NonPositiveUnitPrice {
        /// The price given.
        price: Money,
    },

    /// A Service Month with no Monthly Service Fee given (§1.6).
    #[error("no monthly service fee given for service month {month}")]
    #[non_exhaustive]
    MissingFee {
        /// The month without a fee.
        month: ServiceMonth,
    },

    /// A fee for a month that is not one of the term's Service Months.
    #[error("a fee is given for {month}, which is not a service month of the term {term}")]
    #[non_exhaustive]
    FeeOutsideTerm {
        /// The month given.
        month: ServiceMonth,
        /// The term.
        term: Term,
    },

    /// Two fees for one Service Month.
    #[error("service month {month} is given more than one fee")]
    #[non_exhaustive]
    DuplicateFee {
        /// The month given twice.
        month: ServiceMonth,
    },
}
