//! The Tencent Cloud SMS Service Level Agreement (updated 2022-07-25) as
//! exact, tested code.
//!
//! For each month of a customer's purchase the agreement asks: how available
//! was the service, is compensation owed, how much, and when may the claim be
//! filed. This crate answers those questions clause by clause, with integer
//! and decimal arithmetic only, and with a typed [`Error`] for every input it
//! cannot accept.
//!
//! # Service Months
//!
//! Availability is measured per Service Month (SLA §1.5): each calendar month
//! that the purchased [`Term`] touches, clipped to the term.
//!
//! ```
//! use chrono::NaiveDate;
//! use sms_sla::Term;
//!
//! // The agreement's own example: three months from 17 March.
//! let term = Term::from_months(NaiveDate::from_ymd_opt(2024, 3, 17).unwrap(), 3)?;
//! let days: Vec<u32> = term.service_months().map(|m| m.days()).collect();
//! assert_eq!(days, [15, 30, 31, 16]);
//! # Ok::<(), sms_sla::Error>(())
//! ```
//!
//! # Where each clause lives
//!
//! | Clause | Subject | Where |
//! |---|---|---|
//! | §1.2-§1.4 | Apparent Failures, Effective Number, Valid Numbers | [`traffic`] |
//! | §1.5 | Service Months | [`Term`], [`ServiceMonth`] |
//! | §1.6 | Monthly Service Fee, deductions | [`MonthlyServiceFee`], [`Money`] |
//! | §2.1, §2.2 | Service Availability and the 95% standard | [`Availability`], [`Threshold`] |
//! | §3.1, §5.2 | compensation tiers, the cap, message credits, term totals | [`CompensationSchedule`], [`Compensation`], [`CompensationTotal`] |
//! | §3.2 | claim windows | [`ClaimRule`], [`ClaimWindow`], business days in [`calendar`] |
//! | §4.1-§4.17 | exemptions (windows and surges applied over a term) | [`traffic`] |
//! | [D3](crate::_documentation::design#d3) | the SLA time zone | [`SlaZone`] |
//! | [D16](crate::_documentation::design#d16) | the agreement as data | [`SlaPolicy`] |
//! | all of the above | one verdict per Service Month, reports | [`assess`] |
//! | [D5](crate::_documentation::design#d5), [D15](crate::_documentation::design#d15), [D18](crate::_documentation::design#d18)-[D23](crate::_documentation::design#d23) | Tencent SendSms, callback and pull data, reconciled by serial number (feature `tencent`) | `tencent` |
//!
//! Where the agreement is silent or ambiguous, the crate follows numbered
//! decisions, D1 to D25, each explained in its own section of
//! [`_documentation::design`] and linked from the items it shapes (for
//! instance [D3](crate::_documentation::design#d3), the SLA time zone).
//!
//! # Features
//!
//! - `serde` (default): `Serialize` and `Deserialize` for the public models.
//!   Deserializing validates exactly as the constructors do.
//! - `tencent` (default): adapters for Tencent Cloud SMS's JSON documents,
//!   and `tencent::MessageLog`, which reconciles them by serial number.
//! - `svg`: `Assessment::to_svg`, a chart of monthly availability.
//! - `rayon`: `par_add_all`, tallying on every core, and
//!   `MessageLog::par_read_callback_lines`, reading NDJSON on every core.
//! - `arrow`: a kernel that tallies Arrow record batches (time as Int64 or
//!   a timestamp; class as `Utf8`, `LargeUtf8`, `Utf8View` or a dictionary).
//!
//! Every feature is purely additive: none changes a result or a format.
//!
//! # Purity
//!
//! The core does no I/O and never reads the clock: every date, including
//! "today", is a parameter.

// Never panic, never lose precision silently, never print: the library's
// own rules, denied here rather than in Cargo.toml so that tests, benches,
// examples and fuzz targets (where a panic is a failed check and printing is
// the point) need no allow headers. Unit tests may unwrap, expect, panic,
// index and print (clippy.toml).
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::as_conversions,
    clippy::float_arithmetic,
    clippy::dbg_macro,
    clippy::todo,
    clippy::unimplemented,
    clippy::print_stdout,
    clippy::print_stderr
)]

#[cfg(feature = "arrow")]
pub mod arrow;
pub mod assess;
pub mod calendar;
#[cfg(feature = "tencent")]
pub mod tencent;
pub mod traffic;

// Modules whose every item is re-exported below: private, so each type has
// one path.
mod availability;
mod claim;
mod compensation;
mod display;
mod error;
mod money;
mod policy;
#[cfg(feature = "serde")]
mod serde_text;
mod stored;
mod term;
mod zone;

pub use crate::availability::{Availability, Threshold};
pub use crate::claim::{ClaimRule, ClaimStatus, ClaimWindow};
pub use crate::compensation::{Compensation, CompensationSchedule, CompensationTotal, Tier};
pub use crate::error::{Error, IoError};
pub use crate::money::{Currency, DeductionKind, Money, MonthlyServiceFee};
pub use crate::policy::SlaPolicy;
pub use crate::term::{ServiceMonth, ServiceMonths, Term};
pub use crate::zone::SlaZone;

/// Long-form documentation, compiled with the crate so its examples run as
/// tests.
pub mod _documentation {
    #[doc = include_str!("../DESIGN.md")]
    pub mod design {}
}

/// The README's examples, run as doctests (they read Tencent JSON, so they
/// need the `tencent` feature).
#[cfg(all(doctest, feature = "tencent"))]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
