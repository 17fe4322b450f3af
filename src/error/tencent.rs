//! Errors of tencent Cloud SMS documents and message logs (feature `tencent`).

use super::{IoError, Line};
use crate::term::{ServiceMonth, Term};
use crate::zone::SlaZone;

/// Errors of tencent Cloud SMS documents and message logs (feature `tencent`).
///
/// A variant of [`Error::Tencent`](super::Error::Tencent); its message is the
/// [`Error`](super::Error)'s.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum TencentError {
    /// A Tencent document that is not JSON of the expected shape (adapters
    /// at the edge; single entries are rejected, not errors).
    #[error("tencent {format} document is malformed: {reason}")]
    #[non_exhaustive]
    TencentDocument {
        /// Which document: `callback`, `pull`, `send_sms` or `send log`.
        format: &'static str,
        /// What the JSON reader found.
        reason: String,
    },

    /// Reading a Tencent document failed; the I/O error is the
    /// [`source`](std::error::Error::source).
    #[error("tencent {format} input could not be read{}", Line(*line))]
    #[non_exhaustive]
    TencentRead {
        /// Which document.
        format: &'static str,
        /// The line being read, 1-based, when the input is read by line.
        line: Option<u64>,
        /// The I/O error.
        source: IoError,
    },

    /// Two message logs that classify codes with different tables cannot
    /// merge: the same code could mean two things.
    #[error("message logs with different code tables cannot be merged")]
    LogTablesDiffer,

    /// A month sealed in another zone than the months a log sealed before
    /// (or a log sealed in another zone than its assessor's policy): its
    /// days would not be the same days.
    #[error(
        "a log sealed in the sla zone {sealed} cannot be sealed or assessed in the sla zone {zone}"
    )]
    #[non_exhaustive]
    SealZoneDiffers {
        /// The zone the log's months were sealed in.
        sealed: SlaZone,
        /// The zone asked for.
        zone: SlaZone,
    },

    /// A month to seal that overlaps one sealed already without being it.
    #[error("service month {month} overlaps service month {sealed}, sealed already")]
    #[non_exhaustive]
    SealOverlaps {
        /// The month asked for.
        month: ServiceMonth,
        /// The sealed month it overlaps.
        sealed: ServiceMonth,
    },

    /// A log with sealed months merged into another: their messages have
    /// no serial numbers left to be matched by
    /// ([D27](crate::_documentation::design#d27)).
    #[error(
        "a message log with sealed months cannot be merged into another: read the other's documents into it instead"
    )]
    MergeSealed,

    /// A log that sealed a month its assessor's term does not have.
    #[error("the message log sealed service month {month}, which is not one of the term {term}")]
    #[non_exhaustive]
    SealedOutsideTerm {
        /// The sealed month.
        month: ServiceMonth,
        /// The term.
        term: Term,
    },

    /// A Tencent Cloud API response that is an error, not data.
    #[error("tencent api error {code}: {message}")]
    #[non_exhaustive]
    TencentApi {
        /// Tencent's error code.
        code: String,
        /// Tencent's message.
        message: String,
    },
}
