//! The Tencent Cloud SMS Service Level Agreement (updated 2022-07-25) as
//! exact, tested code.
//!
//! For each month of a customer's purchase the agreement asks: how available
//! was the service, is compensation owed, how much, and when may the claim be
//! filed. This crate answers those questions clause by clause, with integer
//! and decimal arithmetic only, and with a typed [`Error`] for every input it
//! cannot accept.
//!
//! # Quick start
//!
//! Assess a term end to end from Tencent's own documents. Tencent reports on
//! a message several times (the SendSms response, callbacks that are
//! redelivered when an endpoint is slow, Pull responses); a
//! `tencent::MessageLog` reads them all, in any order, and keeps one entry
//! per serial number, so the agreement's counts are of messages
//! ([D19]-[D23]). An [`assess::Assessor`] then counts those messages into
//! their Service Months and, given the fees, the price of a message, a
//! business calendar and the date of the assessment, gives one verdict per
//! month:
//!
//! ```
//! # #[cfg(feature = "tencent")] {
//! use chrono::{NaiveDate, TimeZone, Utc};
//! use rust_decimal::dec;
//! use sms_sla::assess::{Assessor, MonthlyFees};
//! use sms_sla::calendar::ChinaMainland;
//! use sms_sla::tencent::{CodeTable, MessageLog};
//! use sms_sla::traffic::{AccountKind, Announcements};
//! use sms_sla::{Money, MonthlyServiceFee, SlaPolicy, Term};
//!
//! let mut log = MessageLog::new(CodeTable::tencent_default());
//! // The SendSms response, with the instant the request was made.
//! let sent = r#"{"Response": {"SendStatusSet": [
//!   {"SerialNo": "s1", "PhoneNumber": "+8613800000001", "Code": "Ok"},
//!   {"SerialNo": "s2", "PhoneNumber": "+8613800000002", "Code": "Ok"},
//!   {"SerialNo": "s3", "PhoneNumber": "+8613800000003", "Code": "Ok"}
//! ], "RequestId": "r1"}}"#;
//! log.read_send_sms(sent, Utc.with_ymd_and_hms(2025, 4, 2, 0, 3, 0).unwrap())?;
//! // Delivery-status callbacks; the second POST redelivers the first.
//! let callback = r#"[{"user_receive_time": "2025-04-02 08:03:04", "report_status": "FAIL", "errmsg": "REJECTD", "sid": "s1"},
//!                    {"user_receive_time": "2025-04-02 08:03:05", "report_status": "SUCCESS", "errmsg": "DELIVRD", "sid": "s2"}]"#;
//! log.read_callback(callback)?;
//! log.read_callback(callback)?;
//! assert_eq!(
//!     log.stats().to_string(),
//!     "3 messages from 3 sends and 4 receipts: 2 matched, 2 duplicates, 0 conflicts; \
//!      1 unreceipted, 0 unmatched, 0 rejected"
//! );
//!
//! let policy = SlaPolicy::tencent_sms();
//! let term = Term::from_months(NaiveDate::from_ymd_opt(2025, 4, 1).unwrap(), 1)?;
//! let mut assessor = Assessor::new(&policy, term, AccountKind::Ordinary, Announcements::new())?;
//! assessor.add_log(&log)?;
//!
//! let april = term.service_months().next().unwrap();
//! let fees = MonthlyFees::new().with(april, MonthlyServiceFee::new(Money::new(dec!(100.00), "CNY")?))?;
//! let price = Money::new(dec!(0.045), "CNY")?;
//! let as_of = NaiveDate::from_ymd_opt(2025, 5, 20).unwrap();
//! let assessment = assessor.finish(&fees, &price, &ChinaMainland::new(), as_of)?;
//!
//! let month = &assessment.months()[0];
//! // s1 failed with an unmapped code (an Apparent Failure, D15), s2 was
//! // delivered, s3 has no receipt: unconfirmed, still sent (D5).
//! assert_eq!(month.availability().to_string(), "66.6666%");
//! assert_eq!(month.compensation().amount().to_string(), "30.00 CNY");
//! assert_eq!(month.compensation().messages(), 666);
//! println!("{}", assessment.to_table());
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Without Tencent's documents, records go straight into the assessor's
//! [`traffic::LedgerBuilder`] ([`assess::Assessor::ledger_mut`]), or into a
//! builder of their own for tallies that travel between machines;
//! `examples/` in the repository shows each way, and the `sms-sla` command
//! wraps this whole path for files.
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
//! | §1.2-§1.4 | Apparent Failures, Effective Number, Valid Numbers ([D4], [D5], [D17], [D18]) | [`traffic`] |
//! | §1.5 | Service Months; terms from a start and a number of months ([D1], [D2]) | [`Term`], [`ServiceMonth`] |
//! | §1.6 | Monthly Service Fee: consumed fee, deductions, packages ([D8], [D10]) | [`MonthlyServiceFee`], [`Money`] |
//! | §2.1, §2.2 | Service Availability, exact, and the 95% standard ([D6], [D7]) | [`Availability`], [`Threshold`] |
//! | §3.1, §5.2 | compensation tiers, the cap, message credits, term totals ([D7]-[D9]) | [`CompensationSchedule`], [`Compensation`], [`CompensationTotal`] |
//! | §3.2 | claim windows ([D11]) on business days ([D12]) | [`ClaimRule`], [`ClaimWindow`], [`calendar`] |
//! | §4.1-§4.17 | exemptions by clause; windows (§4.12, §4.13) and surges (§4.10) over a term ([D13]-[D15]) | [`traffic`] |
//! | [D3] | calendar days in the SLA zone, UTC+08:00 by default | [`SlaZone`] |
//! | [D16] | the agreement as data: [`SlaPolicy::tencent_sms`] | [`SlaPolicy`] |
//! | all of the above | one verdict per Service Month; reports (table, JSON, SVG); verdict bounds, claims by status, failure budgets ([D22], [D24], [D25]) | [`assess`] |
//! | [D5], [D15], [D18]-[D23], [D26] | Tencent SendSms, callback and PullSmsSendStatus data, as documents and as files come, through one reader, reconciled by serial number (feature `tencent`) | `tencent` |
//!
//! Where the agreement is silent or ambiguous, the crate follows numbered
//! decisions, D1 to D26, each explained in its own section of
//! [`_documentation::design`] and linked from the items it shapes.
//!
//! [D1]: crate::_documentation::design#d1
//! [D2]: crate::_documentation::design#d2
//! [D3]: crate::_documentation::design#d3
//! [D4]: crate::_documentation::design#d4
//! [D5]: crate::_documentation::design#d5
//! [D6]: crate::_documentation::design#d6
//! [D7]: crate::_documentation::design#d7
//! [D8]: crate::_documentation::design#d8
//! [D9]: crate::_documentation::design#d9
//! [D10]: crate::_documentation::design#d10
//! [D11]: crate::_documentation::design#d11
//! [D12]: crate::_documentation::design#d12
//! [D13]: crate::_documentation::design#d13
//! [D15]: crate::_documentation::design#d15
//! [D16]: crate::_documentation::design#d16
//! [D17]: crate::_documentation::design#d17
//! [D18]: crate::_documentation::design#d18
//! [D19]: crate::_documentation::design#d19
//! [D22]: crate::_documentation::design#d22
//! [D23]: crate::_documentation::design#d23
//! [D24]: crate::_documentation::design#d24
//! [D25]: crate::_documentation::design#d25
//! [D26]: crate::_documentation::design#d26
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
//! Every feature is purely additive: none changes a result or a format. On
//! docs.rs every feature is documented, and each item that needs one says
//! which.
//!
//! # Minimum supported Rust version
//!
//! Rust 1.88 (the manifest's `rust-version`), checked in CI. A rise comes with
//! a new minor version (0.1 to 0.2 while the crate is below 1.0), never a
//! patch release.
//!
//! # Purity
//!
//! The crate opens no files and never reads the clock: every date, including
//! "today", is a parameter, and readers that stream take any `Read` the
//! caller opens.

// On docs.rs (`--cfg docsrs`, nightly), each item gated by a feature shows
// which one.
#![cfg_attr(docsrs, feature(doc_cfg))]
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
pub mod tencent;
pub mod traffic;

// Modules whose every item is re-exported below: private, so each type has
// one path.
mod availability;
mod claim;
mod compensation;
mod display;
pub mod error;
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

/// The README's examples, run as doctests (they read a holiday schedule as
/// JSON, so they need the `serde` feature).
#[cfg(all(doctest, feature = "serde"))]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
