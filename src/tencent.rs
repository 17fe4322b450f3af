//! Adapters for Tencent Cloud SMS data (feature `tencent`, on by default).
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
//! several times. [`MessageLog`] reads them all, in any order, and keeps
//! one entry per serial number with its final outcome and send instant
//! ([D19](crate::_documentation::design#d19)-[D23](crate::_documentation::design#d23)):
//! the way to assess Tencent data. The streaming readers below
//! ([`read_send_sms`], [`read_callback`], [`read_callback_lines`],
//! [`read_pull`]) hand over one record per entry, for callers that have
//! already reconciled their data.
//!
//! Each entry is classified with a [`CodeTable`] (the default one, or the
//! caller's) and becomes a [`MessageRecord`]. A receipt carries no send
//! time: when the caller supplies send instants by serial number (`sid`,
//! `SerialNo`) through [`SendInstants`] they are used, otherwise the receipt
//! time stands in for the send time.
//!
//! A malformed entry (a bad time, an unknown status, a missing or mistyped
//! field) is reported as a [`Rejection`] with its index and reason and
//! counted; it is never dropped and never panics ([D18](crate::_documentation::design#d18)). Only a
//! document that is not JSON of the expected shape at all is an error.
//! Entries are handed over one at a time, as they are parsed, borrowing
//! from the input: no second copy of a large document is built.
//!
//! ```
//! use sms_sla::tencent::{CodeTable, NoSendInstants, read_callback};
//! use sms_sla::traffic::Tally;
//!
//! let body = r#"[
//!   {"user_receive_time": "2025-04-02 08:03:04", "nationcode": "86", "mobile": "13800000000",
//!    "report_status": "SUCCESS", "errmsg": "DELIVRD", "description": "用户短信送达成功", "sid": "a1"},
//!   {"user_receive_time": "2025-04-02 08:03:05", "nationcode": "86", "mobile": "13800000001",
//!    "report_status": "FAIL", "errmsg": "MK:0001", "description": "空号", "sid": "a2"},
//!   {"user_receive_time": "yesterday", "report_status": "FAIL", "errmsg": "MK:0000", "sid": "a3"}
//! ]"#;
//! let mut tally = Tally::new();
//! let mut rejected = Vec::new();
//! read_callback(body, &CodeTable::tencent_default(), &NoSendInstants, |entry| match entry {
//!     Ok(record) => tally.add(&record),
//!     Err(rejection) => rejected.push(rejection.to_string()),
//! })?;
//! assert_eq!((tally.delivered(), tally.invalid_total()), (1, 1));
//! assert_eq!(rejected, ["entry 2: user_receive_time `yesterday` is not a valid time"]);
//! # Ok::<(), sms_sla::Error>(())
//! ```

mod codes;
mod evidence;
mod field;
mod log;
mod read;

pub use self::codes::{CodeClass, CodeTable};
pub use self::evidence::{Codes, Entry, EntryKind, Evidence};
pub use self::log::{MessageLog, Read};

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::hash::BuildHasher;
use std::io::BufRead;

use chrono::{DateTime, Utc};

use crate::Error;
use crate::traffic::MessageRecord;

/// Where the send instant of a message can be looked up by its serial
/// number (`sid` in callbacks, `SerialNo` elsewhere).
///
/// Implemented for maps from serial number to instant, for closures, and by
/// [`NoSendInstants`] (use the receipt time).
///
/// # Examples
///
/// ```
/// use std::collections::HashMap;
/// use chrono::{TimeZone, Utc};
/// use sms_sla::tencent::SendInstants;
///
/// let sent = Utc.with_ymd_and_hms(2025, 4, 2, 0, 3, 0).unwrap();
/// let log: HashMap<String, _> = [("a1".to_owned(), sent)].into();
/// assert_eq!(log.sent_at("a1"), Some(sent));
/// assert_eq!(log.sent_at("zz"), None);
/// ```
pub trait SendInstants {
    /// The send instant of the message with `serial_no`, if known.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use sms_sla::tencent::SendInstants;
    ///
    /// let sent = Utc.with_ymd_and_hms(2025, 4, 2, 0, 3, 0).unwrap();
    /// let lookup = |serial: &str| (serial == "a1").then_some(sent);
    /// assert_eq!(lookup.sent_at("a1"), Some(sent));
    /// ```
    fn sent_at(&self, serial_no: &str) -> Option<DateTime<Utc>>;
}

/// No send instants known: every record takes its receipt time.
///
/// # Examples
///
/// ```
/// use sms_sla::tencent::{NoSendInstants, SendInstants};
///
/// assert_eq!(NoSendInstants.sent_at("a1"), None);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NoSendInstants;

impl SendInstants for NoSendInstants {
    fn sent_at(&self, _: &str) -> Option<DateTime<Utc>> {
        None
    }
}

impl<S: BuildHasher> SendInstants for HashMap<String, DateTime<Utc>, S> {
    fn sent_at(&self, serial_no: &str) -> Option<DateTime<Utc>> {
        self.get(serial_no).copied()
    }
}

impl SendInstants for BTreeMap<String, DateTime<Utc>> {
    fn sent_at(&self, serial_no: &str) -> Option<DateTime<Utc>> {
        self.get(serial_no).copied()
    }
}

impl<F: Fn(&str) -> Option<DateTime<Utc>>> SendInstants for F {
    fn sent_at(&self, serial_no: &str) -> Option<DateTime<Utc>> {
        self(serial_no)
    }
}

/// The send instants of accepted SendSms entries, by serial number: what
/// a receipt needs to count in the month its message was sent.
///
/// # Examples
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use sms_sla::tencent::{CodeTable, SendInstants, SendLog};
///
/// let body = r#"{"Response": {"SendStatusSet": [
///   {"SerialNo": "2028:1", "PhoneNumber": "+8613800000000", "Code": "Ok"},
///   {"SerialNo": "", "PhoneNumber": "+8613800000001", "Code": "InternalError.Timeout"}
/// ], "RequestId": "r1"}}"#;
/// let at = Utc.with_ymd_and_hms(2025, 4, 2, 0, 3, 0).unwrap();
/// let mut log = SendLog::new();
/// let mut failed = 0;
/// log.read_send_sms(body, at, &CodeTable::tencent_default(), |_record| failed += 1)?;
/// assert_eq!(log.sent_at("2028:1"), Some(at));
/// assert_eq!(failed, 1); // the timeout, a record to count
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SendLog {
    sent: HashMap<String, DateTime<Utc>>,
}

impl SendLog {
    /// An empty log.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::tencent::SendLog;
    ///
    /// assert!(SendLog::new().is_empty());
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads a SendSms response sent at `sent_at`: accepted entries are
    /// logged by serial number; entries refused at once, and rejected
    /// entries, go to `each`.
    ///
    /// # Errors
    ///
    /// As [`read_send_sms`].
    ///
    /// # Examples
    ///
    /// See [`SendLog`].
    pub fn read_send_sms(
        &mut self,
        body: &str,
        sent_at: DateTime<Utc>,
        table: &CodeTable,
        mut each: impl FnMut(Result<MessageRecord<'_>, Rejection>),
    ) -> Result<u64, Error> {
        read_send_sms(body, sent_at, table, |entry| match entry {
            Ok(SendEntry::Submitted { serial_no, sent_at }) => {
                self.sent.insert(serial_no, sent_at);
            }
            Ok(SendEntry::Failed(record)) => each(Ok(record)),
            Err(rejection) => each(Err(rejection)),
        })
    }

    /// How many accepted messages are logged.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::tencent::SendLog;
    ///
    /// assert_eq!(SendLog::new().len(), 0);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.sent.len()
    }

    /// Whether nothing is logged.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::tencent::SendLog;
    ///
    /// assert!(SendLog::new().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.sent.is_empty()
    }
}

impl SendInstants for SendLog {
    fn sent_at(&self, serial_no: &str) -> Option<DateTime<Utc>> {
        self.sent.get(serial_no).copied()
    }
}

/// An entry that could not be read as a message, with its position (from
/// 0, in document order) and why ([D18](crate::_documentation::design#d18)).
///
/// # Examples
///
/// ```
/// use sms_sla::tencent::{CodeTable, NoSendInstants, read_callback};
///
/// let body = r#"[{"user_receive_time": "2025-04-02 08:03:04", "report_status": "LOST"}]"#;
/// let mut rejections = Vec::new();
/// read_callback(body, &CodeTable::tencent_default(), &NoSendInstants, |entry| {
///     if let Err(rejection) = entry {
///         rejections.push(rejection);
///     }
/// })?;
/// assert_eq!(rejections[0].index(), 0);
/// assert_eq!(rejections[0].to_string(), "entry 0: report_status `LOST` is neither SUCCESS nor FAIL");
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Rejection {
    index: u64,
    reason: RejectReason,
}

impl Rejection {
    /// The entry's position in its document, from 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::tencent::{CodeTable, NoSendInstants, read_callback};
    ///
    /// let mut index = None;
    /// read_callback("[1]", &CodeTable::tencent_default(), &NoSendInstants, |entry| index = entry.err().map(|r| r.index()))?;
    /// assert_eq!(index, Some(0));
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub const fn index(&self) -> u64 {
        self.index
    }

    /// Why the entry was rejected.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::tencent::{CodeTable, NoSendInstants, RejectReason, read_callback};
    ///
    /// let mut reason = None;
    /// read_callback("[1]", &CodeTable::tencent_default(), &NoSendInstants, |entry| reason = entry.err().map(|r| r.reason().clone()))?;
    /// assert_eq!(reason, Some(RejectReason::NotAnObject { found: "a number" }));
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
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
    /// A failure with neither a code nor a description.
    NoFailureCode,
    /// A failure code that cannot be listed (see
    /// [`UnclassifiedCode::new`](crate::traffic::UnclassifiedCode::new)).
    UnrecordableCode {
        /// The code given (at most 64 bytes of it).
        code: String,
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
            Self::NoFailureCode => {
                f.write_str("a failed receipt has neither a code nor a description")
            }
            Self::UnrecordableCode { code } => {
                write!(f, "failure code `{code}` cannot be recorded")
            }
            Self::LineTooLong { line, bytes } => {
                write!(f, "line {line} is {bytes} bytes long, over the limit")
            }
            Self::LineNotUtf8 { line } => write!(f, "line {line} is not UTF-8"),
            Self::LineNotJson { line, reason } => write!(f, "line {line} is not JSON: {reason}"),
        })
    }
}

/// One entry of a SendSms response.
///
/// # Examples
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use sms_sla::tencent::{CodeTable, SendEntry, read_send_sms};
///
/// let body = r#"{"Response": {"SendStatusSet": [
///   {"SerialNo": "2028:1", "PhoneNumber": "+8613800000000", "Fee": 1, "Code": "Ok", "Message": "send success", "IsoCode": "CN"},
///   {"SerialNo": "", "PhoneNumber": "+861380000000", "Fee": 0, "Code": "InvalidParameterValue.IncorrectPhoneNumber", "Message": "", "IsoCode": "CN"}
/// ], "RequestId": "r1"}}"#;
/// let at = Utc.with_ymd_and_hms(2025, 4, 2, 0, 3, 0).unwrap();
/// // An entry borrows the document's codes while `each` holds it.
/// let mut seen = Vec::new();
/// read_send_sms(body, at, &CodeTable::tencent_default(), |entry| {
///     seen.push(match entry {
///         Ok(SendEntry::Submitted { serial_no, .. }) => serial_no,
///         Ok(SendEntry::Failed(record)) => format!("failed: {:?}", record.recipient()),
///         Ok(_) => "a kind of entry this version does not know".to_owned(),
///         Err(rejection) => rejection.to_string(),
///     });
/// })?;
/// assert_eq!(seen, ["2028:1", "failed: Invalid(NonExistent)"]);
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SendEntry<'a> {
    /// Accepted (`Ok`): the final status comes later, in a receipt.
    Submitted {
        /// The serial number receipts will carry.
        serial_no: String,
        /// When it was sent.
        sent_at: DateTime<Utc>,
    },
    /// Refused at once: the message's record, classified by its code.
    Failed(MessageRecord<'a>),
}

/// Reads a delivery-status callback body (a JSON array of receipts),
/// handing `each` every entry in order as a record or a rejection; returns
/// the number of entries.
///
/// # Errors
///
/// [`Error::TencentDocument`] when `body` is not a JSON array.
///
/// # Examples
///
/// ```
/// use sms_sla::tencent::{CodeTable, NoSendInstants, read_callback};
///
/// let err = read_callback("{}", &CodeTable::tencent_default(), &NoSendInstants, |_| ()).unwrap_err();
/// assert_eq!(err.to_string(), "tencent callback document is malformed: invalid type: map, expected a JSON array of receipts at line 1 column 0");
/// ```
pub fn read_callback(
    body: &str,
    table: &CodeTable,
    sends: &(impl SendInstants + ?Sized),
    mut each: impl FnMut(Result<MessageRecord<'_>, Rejection>),
) -> Result<u64, Error> {
    read::each_in_array(
        body,
        "callback",
        read::CALLBACK,
        |index, entry| match entry {
            Ok(fields) => each(
                read::callback_record(&fields, table, sends)
                    .map_err(|reason| read::reject(index, reason)),
            ),
            Err(err) => each(Err(read::reject(index, read::not_an_object(err)))),
        },
    )
}

/// Reads callback receipts one JSON object per line (newline-delimited
/// JSON), for inputs too large to hold; blank lines are skipped.
///
/// # Errors
///
/// - [`Error::TencentRead`] when `input` fails.
/// - [`Error::TencentDocument`] when a line is not JSON.
///
/// # Examples
///
/// ```
/// use sms_sla::tencent::{CodeTable, NoSendInstants, read_callback_lines};
///
/// let lines = "{\"user_receive_time\": \"2025-04-02 08:03:04\", \"report_status\": \"SUCCESS\"}\n\n";
/// let mut records = 0;
/// let entries = read_callback_lines(lines.as_bytes(), &CodeTable::tencent_default(), &NoSendInstants, |entry| {
///     records += usize::from(entry.is_ok());
/// })?;
/// assert_eq!((entries, records), (1, 1));
/// # Ok::<(), sms_sla::Error>(())
/// ```
pub fn read_callback_lines(
    input: impl BufRead,
    table: &CodeTable,
    sends: &(impl SendInstants + ?Sized),
    mut each: impl FnMut(Result<MessageRecord<'_>, Rejection>),
) -> Result<u64, Error> {
    read::each_line(
        input,
        "callback",
        read::CALLBACK,
        |index, entry| match entry {
            Ok(fields) => each(
                read::callback_record(&fields, table, sends)
                    .map_err(|reason| read::reject(index, reason)),
            ),
            Err(err) => each(Err(read::reject(index, read::not_an_object(err)))),
        },
    )
}

/// Reads a PullSmsSendStatus (or PullSmsSendStatusByPhoneNumber) response,
/// handing `each` every entry of `Response.PullSmsSendStatusSet`.
///
/// An entry without `ReportStatus` has no operator status yet and is
/// unconfirmed ([D5](crate::_documentation::design#d5)); a `FAIL` is classified by its `Description`.
///
/// # Errors
///
/// - [`Error::TencentApi`] when the response is an API error.
/// - [`Error::TencentDocument`] when it is not a response with the set.
///
/// # Examples
///
/// ```
/// use sms_sla::tencent::{CodeTable, NoSendInstants, read_pull};
/// use sms_sla::traffic::Tally;
///
/// let body = r#"{"Response": {"PullSmsSendStatusSet": [
///   {"UserReceiveTime": 1743552184, "CountryCode": "86", "SubscriberNumber": "13800000000",
///    "PhoneNumber": "+8613800000000", "SerialNo": "a1", "ReportStatus": "SUCCESS", "Description": "DELIVRD", "SessionContext": ""}
/// ], "RequestId": "r1"}}"#;
/// let mut tally = Tally::new();
/// read_pull(body, &CodeTable::tencent_default(), &NoSendInstants, |entry| tally.extend(entry.ok()))?;
/// assert_eq!(tally.delivered(), 1);
///
/// let error = r#"{"Response": {"Error": {"Code": "AuthFailure.SignatureFailure", "Message": "bad signature"}, "RequestId": "r2"}}"#;
/// let err = read_pull(error, &CodeTable::tencent_default(), &NoSendInstants, |_| ()).unwrap_err();
/// assert_eq!(err.to_string(), "tencent api error AuthFailure.SignatureFailure: bad signature");
/// # Ok::<(), sms_sla::Error>(())
/// ```
pub fn read_pull(
    body: &str,
    table: &CodeTable,
    sends: &(impl SendInstants + ?Sized),
    mut each: impl FnMut(Result<MessageRecord<'_>, Rejection>),
) -> Result<u64, Error> {
    read::each_in_response(
        body,
        "pull",
        "PullSmsSendStatusSet",
        read::PULL,
        |index, entry| match entry {
            Ok(fields) => each(
                read::pull_record(&fields, table, sends)
                    .map_err(|reason| read::reject(index, reason)),
            ),
            Err(err) => each(Err(read::reject(index, read::not_an_object(err)))),
        },
    )
}

/// Reads a SendSms response sent at `sent_at`, handing `each` every entry
/// of `Response.SendStatusSet`: submitted (its receipt will tell the
/// outcome), or failed at once and classified by its `Code`.
///
/// # Errors
///
/// - [`Error::TencentApi`] when the response is an API error.
/// - [`Error::TencentDocument`] when it is not a response with the set.
///
/// # Examples
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use sms_sla::tencent::{CodeTable, read_send_sms};
///
/// let at = Utc.with_ymd_and_hms(2025, 4, 2, 0, 3, 0).unwrap();
/// let err = read_send_sms("[]", at, &CodeTable::tencent_default(), |_| ()).unwrap_err();
/// assert_eq!(err.to_string(), "tencent send_sms document is malformed: invalid type: sequence, expected a Tencent Cloud API response object at line 1 column 0");
/// ```
pub fn read_send_sms(
    body: &str,
    sent_at: DateTime<Utc>,
    table: &CodeTable,
    mut each: impl FnMut(Result<SendEntry<'_>, Rejection>),
) -> Result<u64, Error> {
    read::each_in_response(
        body,
        "send_sms",
        "SendStatusSet",
        read::SEND,
        |index, entry| match entry {
            Ok(fields) => each(
                read::send_entry(&fields, sent_at, table)
                    .map_err(|reason| read::reject(index, reason)),
            ),
            Err(err) => each(Err(read::reject(index, read::not_an_object(err)))),
        },
    )
}
