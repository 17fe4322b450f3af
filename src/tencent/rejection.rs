//! Rejected entries: where they were and why ([D18](crate::_documentation::design#d18)).

use std::fmt;

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
    pub(super) index: u64,
    pub(super) reason: RejectReason,
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
    /// [`RawEntry::rejected`](super::RawEntry::rejected)).
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
