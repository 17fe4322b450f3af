//! Tencent Cloud SMS data (feature `tencent`, on by default): its
//! documents read into one entry per message.
//!
//! The readers need the feature; [`LogStats`], the reconciliation counts an
//! assessment reports, is here in every build.
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
//! # #[cfg(feature = "tencent")] {
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
//! # }
//! # Ok::<(), sms_sla::Error>(())
//! ```
//!
//! # What is here, and for whom
//!
//! - For a billing service: [`MessageLog`] (read, reconcile, store, seal),
//!   its [`ReadCounts`], [`Rejection`]s and [`LogStats`]; [`CodeTable`]
//!   and [`CodeClass`] to classify another provider's codes; [`FileKind`]
//!   for files as they come.
//! - For an engine that reconciles in its own plan (the DataFusion crate is
//!   one): [`RawEntry`] and [`RawEntry::normalize`], the one reader, giving
//!   a [`NormalEntry`] (keyed by its [`MessageKey`], [`Request`]) or a
//!   [`Malformed`] one; [`Codes`], [`Entry`], [`EntryKind`] and
//!   [`Evidence`], which fold a message's entries as the log does;
//!   [`read_entries`], to write documents as an engine's tables; [`Source`]
//!   and [`NO_CODE`], what an entry's row says. An engine that used
//!   anything else would restate a rule
//!   ([D26](crate::_documentation::design#d26)).

mod stats;

pub use self::stats::LogStats;

#[cfg(feature = "tencent")]
mod codes;
#[cfg(feature = "tencent")]
mod evidence;
#[cfg(feature = "tencent")]
mod field;
#[cfg(feature = "tencent")]
mod log;
#[cfg(feature = "tencent")]
mod normal;
#[cfg(feature = "tencent")]
mod read;
#[cfg(feature = "tencent")]
mod rejection;
#[cfg(feature = "tencent")]
mod scan;

/// What the `callback_scan` fuzz target checks (built only under
/// `cfg(fuzzing)`, which `cargo fuzz` sets): not part of the API.
#[cfg(all(fuzzing, feature = "tencent"))]
#[doc(hidden)]
pub mod fuzzing {
    /// Where the receipt scanner reads `text`, `serde_json`'s strict parse
    /// reads the same fields from it: `Err` describes the first difference.
    ///
    /// # Errors
    ///
    /// The difference, when the two read `text` differently.
    pub fn scanner_agrees_with_serde_json(text: &str) -> Result<(), String> {
        super::scan::agrees_with_serde_json(text)
    }
}

#[cfg(feature = "tencent")]
pub use self::{
    codes::{CodeClass, CodeTable},
    evidence::{Codes, Entry, EntryKind, Evidence},
    log::{MessageLog, ReadCounts},
    normal::{Malformed, MessageKey, NO_CODE, NormalEntry, RawEntry, Request, Source},
    read::{FileKind, read_entries},
    rejection::{RejectReason, Rejection},
};
