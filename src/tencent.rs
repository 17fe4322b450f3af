//! Tencent Cloud SMS data (feature `tencent`, on by default): its
//! documents read into one entry per message.
//!
//! Three documents carry what the library needs (see the project's
//! reference notes on Tencent's formats):
//!
//! - the **SendSms** response, `Response.SendStatusSet`, whose `Code` is
//!   `Ok` or the reason the message was refused at once;
//! - the **delivery-status callback** Tencent POSTs (and POSTs again when
//!   the endpoint is slow to acknowledge): a JSON array of receipts with
//!   `user_receive_time` (Beijing time, no zone in the text),
//!   `report_status` (`SUCCESS`/`FAIL`), `errmsg` (the operator's code),
//!   `description` and `sid`;
//! - the **PullSmsSendStatus** response, `Response.PullSmsSendStatusSet`,
//!   with `UserReceiveTime` in Unix seconds and only a `Description` for
//!   failures.
//!
//! The agreement counts messages, and these documents mention a message
//! several times. [`MessageLog`] reads them all, in any order, as single
//! documents or as files ([`FileKind`]), and keeps one entry per message
//! with its final outcome and send instant
//! ([D19](crate::_documentation::design#d19)-[D23](crate::_documentation::design#d23)).
//!
//! There is one reader ([D26](crate::_documentation::design#d26)): every
//! entry, from a document or from a row of an engine's table, becomes a
//! [`RawEntry`] whose [`RawEntry::normalize`] applies D19-D23 (empty text
//! is absent, codes are trimmed or marked, a refusal without a serial
//! number is a message of its own); [`Codes::entry`] classifies it with a
//! [`CodeTable`], and [`Evidence`] folds a message's entries by D20 and
//! D21. [`read_entries`] hands over a file's entries normalised, for
//! writing them as an engine's tables.
//!
//! A malformed entry (a bad time, an unknown status, a missing or mistyped
//! field) is rejected with its position and reason and counted; it is never
//! dropped and never panics ([D18](crate::_documentation::design#d18),
//! [D22](crate::_documentation::design#d22)). Only a document that is not
//! JSON of the expected shape at all is an error, and it adds nothing.
//!
//! ```
//! use sms_sla::tencent::{CodeTable, MessageLog};
//! use sms_sla::traffic::Tally;
//!
//! let body = r#"[
//!   {"user_receive_time": "2025-04-02 08:03:04", "nationcode": "86", "mobile": "13800000000",
//!    "report_status": "SUCCESS", "errmsg": "DELIVRD", "description": "用户短信送达成功", "sid": "a1"},
//!   {"user_receive_time": "2025-04-02 08:03:05", "nationcode": "86", "mobile": "13800000001",
//!    "report_status": "FAIL", "errmsg": "MK:0001", "description": "空号", "sid": "a2"},
//!   {"user_receive_time": "yesterday", "report_status": "FAIL", "errmsg": "MK:0000", "sid": "a3"}
//! ]"#;
//! let mut log = MessageLog::new(CodeTable::tencent_default());
//! log.read_callback(body)?;
//! let tally: Tally = log.records().collect();
//! assert_eq!((tally.delivered(), tally.invalid_total()), (1, 1));
//! assert_eq!(log.rejections()[0].to_string(), "entry 2: user_receive_time `yesterday` is not a valid time");
//! # Ok::<(), sms_sla::Error>(())
//! ```

mod codes;
mod evidence;
mod field;
mod log;
mod normal;
mod read;

pub use self::codes::{CodeClass, CodeTable};
pub use self::evidence::{Codes, Entry, EntryKind, Evidence};
pub use self::log::{MessageLog, Read};
pub use self::normal::{Malformed, MessageKey, NO_CODE, NormalEntry, RawEntry, Request, Source};
pub use self::read::FileKind;

use std::fmt;
use std::io::BufRead;

use crate::Error;

/// Reads a file of `kind` entry by entry through the one normalisation
/// ([D26](crate::_documentation::design#d26)), handing `each` every entry
/// in order, normalised with `table` or malformed, with its index (from
/// 0); returns the number of entries. What [`MessageLog::read_file`]
/// reads, as entries: the way to write Tencent's documents as an engine's
/// tables.
///
/// # Errors
///
/// As [`MessageLog::read_file`]; entries handed over before the error
/// belong to a file that failed.
///
/// # Examples
///
/// ```
/// use sms_sla::tencent::{CodeTable, FileKind, read_entries};
///
/// let log = r#"{"sent_at": "2025-04-02T00:03:00Z", "response": {"Response": {"SendStatusSet": [
///   {"SerialNo": "", "PhoneNumber": "+8613800000001", "Code": "InternalError.Timeout"}], "RequestId": "r1"}}}
/// "#;
/// let mut rows = Vec::new();
/// read_entries(FileKind::SendLog, log.as_bytes(), &CodeTable::tencent_default(), |_, entry| {
///     let entry = entry.unwrap();
///     rows.push(format!("{} {:?} {:?}", entry.key(), entry.serial(), entry.code()));
/// })?;
/// // D19: "" is no serial number; the refusal is known by its request.
/// assert_eq!(rows, [r#"r:r1#0 None Some("InternalError.Timeout")"#]);
/// # Ok::<(), sms_sla::Error>(())
/// ```
pub fn read_entries(
    kind: FileKind,
    input: impl BufRead,
    table: &CodeTable,
    mut each: impl FnMut(u64, Result<NormalEntry<'_>, Malformed<'_>>),
) -> Result<u64, Error> {
    let mut index = 0_u64;
    read::each_in_file(kind, input, |raw| {
        each(index, raw.normalize(table));
        index = index.saturating_add(1);
    })?;
    Ok(index)
}

/// An entry that could not be read as a message, with its position (from
/// 0, in reading order) and why ([D18](crate::_documentation::design#d18)).
///
/// # Examples
///
/// ```
/// use sms_sla::tencent::{CodeTable, MessageLog, RejectReason};
///
/// let mut log = MessageLog::new(CodeTable::tencent_default());
/// log.read_callback(r#"[1, {"user_receive_time": "2025-04-02 08:03:04", "report_status": "LOST", "sid": "s1"}]"#)?;
/// let [first, second] = log.rejections() else { unreachable!() };
/// assert_eq!((first.index(), first.reason()), (0, &RejectReason::NotAnObject { found: "a number" }));
/// assert_eq!(second.to_string(), "entry 1: report_status `LOST` is neither SUCCESS nor FAIL");
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Rejection {
    index: u64,
    reason: RejectReason,
}

impl Rejection {
    /// The entry's position among the entries one `read_*` call read,
    /// from 0.
    #[must_use]
    pub const fn index(&self) -> u64 {
        self.index
    }

    /// Why the entry was rejected.
    #[must_use]
    pub const fn reason(&self) -> &RejectReason {
        &self.reason
    }
}

impl std::error::Error for Rejection {}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::display::padded(f, |f| write!(f, "entry {}: {}", self.index, self.reason))
    }
}

/// Why an entry could not be read as a message.
///
/// # Examples
///
/// ```
/// use sms_sla::tencent::RejectReason;
///
/// let reason = RejectReason::MissingField { field: "sid" };
/// assert_eq!(reason.to_string(), "field `sid` is missing");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum RejectReason {
    /// The entry is not a JSON object.
    NotAnObject {
        /// What it is instead.
        found: &'static str,
    },
    /// A required field is absent (or `null`).
    MissingField {
        /// The field.
        field: &'static str,
    },
    /// A field of the wrong JSON type.
    WrongType {
        /// The field.
        field: &'static str,
        /// What it should be.
        expected: &'static str,
        /// What it is.
        found: &'static str,
    },
    /// A field given twice in one entry.
    RepeatedField {
        /// The field.
        field: &'static str,
    },
    /// A time that cannot be read.
    BadTime {
        /// The field.
        field: &'static str,
        /// The text (or number) given.
        text: String,
    },
    /// A status other than `SUCCESS` or `FAIL`.
    UnknownStatus {
        /// The field.
        field: &'static str,
        /// The status given.
        text: String,
    },
    /// An NDJSON line longer than
    /// [`MessageLog::MAX_LINE_BYTES`](crate::tencent::MessageLog::MAX_LINE_BYTES).
    LineTooLong {
        /// The line number, from 1.
        line: u64,
        /// Its length in bytes.
        bytes: u64,
    },
    /// An NDJSON line that is not UTF-8.
    LineNotUtf8 {
        /// The line number, from 1.
        line: u64,
    },
    /// An NDJSON line that is not JSON.
    LineNotJson {
        /// The line number, from 1.
        line: u64,
        /// What the JSON reader found (at most 64 bytes of it).
        reason: String,
    },
    /// An entry rejected where it was first read, with the reason given
    /// there (a row of an engine's table written from a document; see
    /// [`RawEntry::rejected`]).
    Recorded {
        /// The reason, as recorded (at most 256 bytes of it).
        reason: String,
    },
    /// A document of a file that is JSON but not one of the file's kind (a
    /// Pull response that is an API error, a send log record without its
    /// response), by the line it begins on (in NDJSON, its line).
    LineNotDocument {
        /// The line number, from 1.
        line: u64,
        /// Why (at most 64 bytes of it).
        reason: String,
    },
}

impl fmt::Display for RejectReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::display::padded(f, |f| match self {
            Self::NotAnObject { found } => write!(f, "expected an object, found {found}"),
            Self::MissingField { field } => write!(f, "field `{field}` is missing"),
            Self::WrongType {
                field,
                expected,
                found,
            } => write!(f, "field `{field}` is {found}, not {expected}"),
            Self::RepeatedField { field } => write!(f, "field `{field}` is given more than once"),
            Self::BadTime { field, text } => write!(f, "{field} `{text}` is not a valid time"),
            Self::UnknownStatus { field, text } => {
                write!(f, "{field} `{text}` is neither SUCCESS nor FAIL")
            }
            Self::LineTooLong { line, bytes } => {
                write!(f, "line {line} is {bytes} bytes long, over the limit")
            }
            Self::LineNotUtf8 { line } => write!(f, "line {line} is not UTF-8"),
            Self::LineNotJson { line, reason } => write!(f, "line {line} is not JSON: {reason}"),
            Self::Recorded { reason } => f.write_str(reason),
            Self::LineNotDocument { line, reason } => {
                write!(
                    f,
                    "the document at line {line} is not of its kind: {reason}"
                )
            }
        })
    }
}
