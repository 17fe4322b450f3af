//! The crate's error type, [`Error`], and its errors by concern.
//!
//! [`Error`] is what every fallible function returns. Its variants are the
//! concerns of the crate, each an enum of its own with one variant per
//! rule: [`TermError`], [`ParseError`], [`MoneyError`], [`PolicyError`],
//! [`CalendarError`], [`TrafficError`], [`TencentError`], [`StoredError`],
//! [`ColumnError`] and [`ChartError`]. A caller that only reports the error
//! prints it; one that reacts to a rule matches it:
//!
//! ```
//! use chrono::NaiveDate;
//! use sms_sla::error::{Error, TermError};
//! use sms_sla::Term;
//!
//! let start = NaiveDate::from_ymd_opt(2024, 3, 17).unwrap();
//! let err = Term::from_months(start, 0).unwrap_err();
//! assert!(matches!(err, Error::Term(TermError::EmptyTerm { start: s, .. }) if s == start));
//! assert_eq!(err.to_string(), "term of 0 months starting 2024-03-17 is empty");
//! ```
//!
//! Every enum and every variant is `#[non_exhaustive]`: a later version may
//! add a rule, or a value to a rule's variant, without breaking a `match`
//! (which needs a catch-all arm, and `..` in each variant's pattern).
//! Values are read by matching; only the library constructs its errors
//! ([why](crate::_documentation::design#why-errors-by-concern)).

mod calendar;
mod chart;
mod columns;
mod money;
mod parse;
mod policy;
mod stored;
mod tencent;
mod term;
mod traffic;

pub use calendar::CalendarError;
pub use chart::ChartError;
pub use columns::ColumnError;
pub use money::MoneyError;
pub use parse::ParseError;
pub use policy::PolicyError;
pub use stored::{StoredError, StoredProblem};
pub use tencent::TencentError;
pub use term::TermError;
pub use traffic::TrafficError;

use chrono::Weekday;

/// Everything that can go wrong in `sms-sla`: one variant per concern, each
/// holding the rule that was broken.
///
/// Each rule's variant carries the values that broke it, and its message
/// names them: lowercase, no trailing period, so it composes into a caller's
/// own message (`failed to assess account 42: term of 0 months starting
/// 2024-03-17 is empty`). The message is the concern's own: `Error` adds
/// nothing to it.
///
/// The enum is `#[non_exhaustive]`: later versions add concerns as the
/// library grows, so a `match` needs a catch-all arm.
///
/// # Examples
///
/// ```
/// use chrono::NaiveDate;
/// use sms_sla::error::{Error, TermError};
/// use sms_sla::Term;
///
/// let start = NaiveDate::from_ymd_opt(2024, 3, 17).unwrap();
/// let err = Term::from_months(start, 0).unwrap_err();
/// match &err {
///     Error::Term(TermError::EmptyTerm { start, .. }) => assert_eq!(start.to_string(), "2024-03-17"),
///     other => panic!("unexpected {other}"),
/// }
/// assert_eq!(err.to_string(), "term of 0 months starting 2024-03-17 is empty");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Terms, Service Months, instants and the SLA zone.
    #[error(transparent)]
    Term(#[from] TermError),

    /// Text that names no value of the type asked for.
    #[error(transparent)]
    Parse(#[from] ParseError),

    /// Money, packages and Monthly Service Fees (§1.6).
    #[error(transparent)]
    Money(#[from] MoneyError),

    /// Availability thresholds, compensation schedules and claim rules.
    #[error(transparent)]
    Policy(#[from] PolicyError),

    /// Business-day calendars, holiday schedules and claim windows.
    #[error(transparent)]
    Calendar(#[from] CalendarError),

    /// Records, tallies, ledgers and assessors.
    #[error(transparent)]
    Traffic(#[from] TrafficError),

    /// Tencent Cloud SMS documents and message logs (feature `tencent`).
    #[error(transparent)]
    Tencent(#[from] TencentError),

    /// Stored forms read back (feature `serde`).
    #[error(transparent)]
    Stored(#[from] StoredError),

    /// Columns of records: Unix times, class keys, Arrow arrays.
    #[error(transparent)]
    Columns(#[from] ColumnError),

    /// Charts (feature `svg`).
    #[error(transparent)]
    Chart(#[from] ChartError),
}

/// The English name of a weekday, for messages.
pub(crate) fn weekday_name(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// A count of months with its noun in the right number: `1 month`,
/// `3 months`.
pub(crate) struct Months(pub(crate) u64);

impl core::fmt::Display for Months {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.0 {
            1 => f.write_str("1 month"),
            n => write!(f, "{n} months"),
        }
    }
}

/// ` at line N`, or nothing.
pub(crate) struct Line(pub(crate) Option<u64>);

impl core::fmt::Display for Line {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.0 {
            Some(line) => write!(f, " at line {line}"),
            None => Ok(()),
        }
    }
}

/// An I/O error inside an [`Error`], shared so that `Error` stays `Clone`.
/// Two are equal when their kind and message are.
///
/// # Examples
///
/// ```
/// use std::error::Error as _;
/// use std::io;
/// use sms_sla::error::IoError;
///
/// let err = IoError::from(io::Error::other("disk gone"));
/// assert_eq!(err.kind(), io::ErrorKind::Other);
/// assert_eq!(err.to_string(), "disk gone");
/// assert_eq!(err, IoError::from(io::Error::other("disk gone")));
/// assert!(err.source().is_none());
/// ```
#[derive(Clone, Debug)]
pub struct IoError(std::sync::Arc<std::io::Error>);

impl IoError {
    /// The error's kind.
    #[must_use]
    pub fn kind(&self) -> std::io::ErrorKind {
        self.0.kind()
    }

    /// The I/O error itself.
    #[must_use]
    pub fn get_ref(&self) -> &std::io::Error {
        &self.0
    }
}

impl From<std::io::Error> for IoError {
    fn from(err: std::io::Error) -> Self {
        Self(std::sync::Arc::new(err))
    }
}

impl PartialEq for IoError {
    fn eq(&self, other: &Self) -> bool {
        self.kind() == other.kind() && self.0.to_string() == other.0.to_string()
    }
}

impl Eq for IoError {}

impl core::hash::Hash for IoError {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.kind().hash(state);
        self.0.to_string().hash(state);
    }
}

impl core::fmt::Display for IoError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for IoError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}
