//! Reading Tencent's documents entry by entry, without collecting them.

use std::fmt;
use std::io::BufRead;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::field::{Fields, FieldsSeed, Schema, Value};
use super::{CodeClass, CodeTable, RejectReason, Rejection, SendEntry, SendInstants};
use crate::traffic::{
    Exemption, FailureCause, MessageRecord, Outcome, Recipient, UnclassifiedCode,
};
use crate::{Error, SlaZone};

/// Tencent writes `user_receive_time` in Beijing time, whatever the SLA zone.
const TENCENT_LOCAL_TIME: FixedOffset = SlaZone::CHINA_STANDARD_TIME.offset();

const CALLBACK_FIELDS: [&str; 5] = [
    "user_receive_time",
    "report_status",
    "errmsg",
    "description",
    "sid",
];
const PULL_FIELDS: [&str; 4] = ["UserReceiveTime", "ReportStatus", "Description", "SerialNo"];
const SEND_FIELDS: [&str; 3] = ["SerialNo", "Code", "PhoneNumber"];

/// The fields a callback receipt is read for.
pub(super) const CALLBACK: Schema<5> = Schema {
    names: &CALLBACK_FIELDS,
    position: |key| match key {
        "user_receive_time" => Some(0),
        "report_status" => Some(1),
        "errmsg" => Some(2),
        "description" => Some(3),
        "sid" => Some(4),
        _ => None,
    },
};

/// The fields a PullSmsSendStatus entry is read for.
pub(super) const PULL: Schema<4> = Schema {
    names: &PULL_FIELDS,
    position: |key| match key {
        "UserReceiveTime" => Some(0),
        "ReportStatus" => Some(1),
        "Description" => Some(2),
        "SerialNo" => Some(3),
        _ => None,
    },
};

/// The fields a SendSms entry is read for.
pub(super) const SEND: Schema<3> = Schema {
    names: &SEND_FIELDS,
    position: |key| match key {
        "SerialNo" => Some(0),
        "Code" => Some(1),
        "PhoneNumber" => Some(2),
        _ => None,
    },
};

/// `text` without a leading UTF-8 byte order mark.
pub(super) fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The longest part of an offending value a rejection quotes, in bytes: a
/// hostile file cannot grow memory through its rejections.
pub(super) const QUOTE_LIMIT: usize = 64;

/// At most [`QUOTE_LIMIT`] bytes of `text`, cut at a character boundary and
/// marked with `…` when cut.
pub(super) fn quote(text: &str) -> String {
    if text.len() <= QUOTE_LIMIT {
        return text.to_owned();
    }
    let mut end = QUOTE_LIMIT;
    while !text.is_char_boundary(end) {
        end = end.saturating_sub(1);
    }
    let mut quoted = text.get(..end).unwrap_or_default().to_owned();
    quoted.push('…');
    quoted
}

/// A document-level error: the JSON is not the expected shape at all.
fn document_error(format: &'static str, error: &serde_json::Error) -> Error {
    Error::TencentDocument {
        format,
        reason: error.to_string(),
    }
}

/// Calls `on_entry` with each element of a JSON array, in order.
pub(super) fn each_in_array<const N: usize, F>(
    body: &str,
    format: &'static str,
    schema: Schema<N>,
    mut on_entry: F,
) -> Result<u64, Error>
where
    F: for<'x> FnMut(u64, Result<Fields<'x, N>, &'static str>),
{
    let mut deserializer = serde_json::Deserializer::from_str(without_bom(body));
    let count = deserializer
        .deserialize_seq(Entries {
            schema,
            on_entry: &mut on_entry,
        })
        .and_then(|count| deserializer.end().map(|()| count))
        .map_err(|err| document_error(format, &err))?;
    Ok(count)
}

/// Calls `on_entry` with each line of newline-delimited JSON that is not
/// blank; lines are read into one reused buffer.
pub(super) fn each_line<const N: usize, R, F>(
    mut input: R,
    format: &'static str,
    schema: Schema<N>,
    mut on_entry: F,
) -> Result<u64, Error>
where
    R: BufRead,
    F: for<'x> FnMut(u64, Result<Fields<'x, N>, &'static str>),
{
    let mut line = String::new();
    let mut index = 0_u64;
    let mut number = 0_u64;
    loop {
        line.clear();
        number = number.saturating_add(1);
        let read = input
            .read_line(&mut line)
            .map_err(|err| Error::TencentRead {
                format,
                line: Some(number),
                source: err.into(),
            })?;
        if read == 0 {
            return Ok(index);
        }
        if line.trim().is_empty() {
            continue;
        }
        let mut deserializer = serde_json::Deserializer::from_str(&line);
        let entry = FieldsSeed { schema }
            .deserialize(&mut deserializer)
            .and_then(|entry| deserializer.end().map(|()| entry))
            .map_err(|err| Error::TencentDocument {
                format,
                reason: format!("entry {index}: {err}"),
            })?;
        on_entry(index, entry);
        index = index.saturating_add(1);
    }
}

/// Calls `on_entry` with each element of `{"Response": {set: [...]}}`.
pub(super) fn each_in_response<const N: usize, F>(
    body: &str,
    format: &'static str,
    set: &'static str,
    schema: Schema<N>,
    mut on_entry: F,
) -> Result<u64, Error>
where
    F: for<'x> FnMut(u64, Result<Fields<'x, N>, &'static str>),
{
    let mut deserializer = serde_json::Deserializer::from_str(without_bom(body));
    let outcome = deserializer
        .deserialize_map(Document {
            set,
            schema,
            on_entry: &mut on_entry,
        })
        .and_then(|outcome| deserializer.end().map(|()| outcome))
        .map_err(|err| document_error(format, &err))?;
    match outcome {
        Found::Entries(count) => Ok(count),
        Found::ApiError { code, message } => Err(Error::TencentApi { code, message }),
        Found::Nothing => Err(Error::TencentDocument {
            format,
            reason: format!("no Response.{set} in the document"),
        }),
    }
}

struct Entries<'f, const N: usize, F> {
    schema: Schema<N>,
    on_entry: &'f mut F,
}

impl<'de, const N: usize, F> Visitor<'de> for Entries<'_, N, F>
where
    F: for<'x> FnMut(u64, Result<Fields<'x, N>, &'static str>),
{
    type Value = u64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON array of receipts")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<u64, A::Error> {
        let mut index = 0_u64;
        while let Some(entry) = seq.next_element_seed(FieldsSeed {
            schema: self.schema,
        })? {
            (self.on_entry)(index, entry);
            index = index.saturating_add(1);
        }
        Ok(index)
    }
}

impl<'de, const N: usize, F> DeserializeSeed<'de> for Entries<'_, N, F>
where
    F: for<'x> FnMut(u64, Result<Fields<'x, N>, &'static str>),
{
    type Value = u64;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<u64, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

enum Found {
    Entries(u64),
    ApiError { code: String, message: String },
    Nothing,
}

/// `{"Response": ...}`.
struct Document<'f, const N: usize, F> {
    set: &'static str,
    schema: Schema<N>,
    on_entry: &'f mut F,
}

impl<'de, const N: usize, F> Visitor<'de> for Document<'_, N, F>
where
    F: for<'x> FnMut(u64, Result<Fields<'x, N>, &'static str>),
{
    type Value = Found;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Tencent Cloud API response object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Found, A::Error> {
        let mut found = Found::Nothing;
        let Self {
            set,
            schema,
            on_entry,
        } = self;
        let mut seen = false;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == "Response" {
                if seen {
                    return Err(serde::de::Error::custom(
                        "`Response` is given more than once",
                    ));
                }
                seen = true;
                found = map.next_value_seed(Response {
                    set,
                    schema,
                    on_entry: &mut *on_entry,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

/// The `Response` object: the entry set, or an API error.
struct Response<'f, const N: usize, F> {
    set: &'static str,
    schema: Schema<N>,
    on_entry: &'f mut F,
}

impl<'de, const N: usize, F> DeserializeSeed<'de> for Response<'_, N, F>
where
    F: for<'x> FnMut(u64, Result<Fields<'x, N>, &'static str>),
{
    type Value = Found;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Found, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, const N: usize, F> Visitor<'de> for Response<'_, N, F>
where
    F: for<'x> FnMut(u64, Result<Fields<'x, N>, &'static str>),
{
    type Value = Found;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the Response object of a Tencent Cloud API response")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Found, A::Error> {
        let mut found = Found::Nothing;
        let Self {
            set,
            schema,
            on_entry,
        } = self;
        let mut seen = false;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == set {
                if seen {
                    return Err(serde::de::Error::custom(format!(
                        "`{set}` is given more than once"
                    )));
                }
                seen = true;
                let count = map.next_value_seed(Entries {
                    schema,
                    on_entry: &mut *on_entry,
                })?;
                if !matches!(found, Found::ApiError { .. }) {
                    found = Found::Entries(count);
                }
            } else if key == "Error" {
                let error: ApiError = map.next_value()?;
                found = Found::ApiError {
                    code: error.code,
                    message: error.message,
                };
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

#[derive(serde::Deserialize)]
struct ApiError {
    #[serde(rename = "Code", default)]
    code: String,
    #[serde(rename = "Message", default)]
    message: String,
}

/// The text of field `index`, which must be a string. Absent, `null` and
/// empty are the same: no value ([D23](crate::_documentation::design#d23)).
fn text<'v, const N: usize>(
    fields: &'v Fields<'_, N>,
    names: &[&'static str; N],
    index: usize,
) -> Result<Option<&'v str>, RejectReason> {
    let field = names.get(index).copied().unwrap_or("?");
    match fields.values.get(index).and_then(Option::as_ref) {
        None | Some(Value::Other("null")) => Ok(None),
        Some(Value::Str(text)) => Ok(Some(*text).filter(|text| !text.is_empty())),
        Some(Value::Decoded(text)) => Ok(Some(&**text).filter(|text| !text.is_empty())),
        Some(other) => Err(RejectReason::WrongType {
            field,
            expected: "a string",
            found: other.kind(),
        }),
    }
}

fn required<'v, const N: usize>(
    fields: &'v Fields<'_, N>,
    names: &[&'static str; N],
    index: usize,
) -> Result<&'v str, RejectReason> {
    text(fields, names, index)?.ok_or(RejectReason::MissingField {
        field: names.get(index).copied().unwrap_or("?"),
    })
}

/// What a failure code says about its message, without the code: a class
/// a table gives, or unclassified ([D4](crate::_documentation::design#d4),
/// [D15](crate::_documentation::design#d15)). Whoever holds the code's text
/// turns it into an outcome with [`Class::outcome`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Class {
    Known(CodeClass),
    /// No table knows the code; its text was checked as an
    /// [`UnclassifiedCode`].
    Unclassified,
}

impl Class {
    /// The recipient and outcome of a failure with this class and `code`.
    pub(super) fn outcome(self, code: &str) -> (Recipient, Outcome<'_>) {
        match self {
            Self::Known(CodeClass::Delivered) => (Recipient::Valid, Outcome::Delivered),
            Self::Known(CodeClass::Submitted) => (Recipient::Valid, Outcome::Unconfirmed),
            // The number, not the provider, made it fail; the tally counts
            // it under its §1.4 reason whatever the outcome (D4).
            Self::Known(CodeClass::InvalidNumber(reason)) => (
                Recipient::Invalid(reason),
                Outcome::Failed(FailureCause::Exempt(Exemption::NotAttributable)),
            ),
            Self::Known(CodeClass::Exempt(exemption)) => (
                Recipient::Valid,
                Outcome::Failed(FailureCause::Exempt(exemption)),
            ),
            Self::Known(CodeClass::ProviderSide) => (
                Recipient::Valid,
                Outcome::Failed(FailureCause::ProviderSide),
            ),
            Self::Unclassified => (
                Recipient::Valid,
                Outcome::Failed(FailureCause::Unclassified(UnclassifiedCode::checked(code))),
            ),
        }
    }
}

/// The class of a failure `code` by `table`; an unknown code must be one an
/// [`UnclassifiedCode`] can hold.
pub(super) fn classify_failure(code: &str, table: &CodeTable) -> Result<Class, RejectReason> {
    match table.classify(code) {
        Some(class) => Ok(Class::Known(class)),
        None if UnclassifiedCode::is_valid(code) => Ok(Class::Unclassified),
        None => Err(RejectReason::UnrecordableCode { code: quote(code) }),
    }
}

/// The record of a failure with `code`, classified by `table`.
fn failure<'c>(
    sent_at: DateTime<Utc>,
    code: &'c str,
    table: &CodeTable,
) -> Result<MessageRecord<'c>, RejectReason> {
    let (recipient, outcome) = classify_failure(code, table)?.outcome(code);
    Ok(MessageRecord::new(sent_at, recipient, outcome))
}

/// `YYYY-MM-DD HH:MM:SS`: the fixed layout Tencent writes. The six fields
/// are sliced out, read by `str::parse` and validated by chrono
/// (`from_ymd_opt`, `from_hms_opt`); chrono's general parser, even with
/// its format items built at compile time, took a quarter of the
/// `tencent` benchmark's time for this one field.
fn parse_local_time(text: &str) -> Option<NaiveDateTime> {
    let separators: [(usize, &str); 5] = [(4, "-"), (7, "-"), (10, " "), (13, ":"), (16, ":")];
    let laid_out = text.len() == 19
        && separators
            .iter()
            .all(|&(at, separator)| text.get(at..at.saturating_add(1)) == Some(separator));
    if !laid_out {
        return None;
    }
    let number = |from: usize, to: usize| {
        text.get(from..to)
            .filter(|digits| digits.bytes().all(|byte| byte.is_ascii_digit()))?
            .parse::<u32>()
            .ok()
    };
    let year = i32::try_from(number(0, 4)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, number(5, 7)?, number(8, 10)?)?;
    let (hour, minute, second) = (number(11, 13)?, number(14, 16)?, number(17, 19)?);
    // A leap second (:60) is chrono's 59th second plus 1,000 milliseconds.
    let time = match second {
        60 => NaiveTime::from_hms_milli_opt(hour, minute, 59, 1_000)?,
        _ => NaiveTime::from_hms_opt(hour, minute, second)?,
    };
    Some(date.and_time(time))
}

/// What a receipt says about its message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Said<'a> {
    /// Delivered, with the operator's code if one is given.
    Delivered(Option<&'a str>),
    /// Failed, with this code (or description).
    Failed(&'a str),
    /// No operator status yet (a Pull entry without `ReportStatus`).
    NoStatus,
}

/// One receipt, read but not yet classified.
#[derive(Clone, Copy, Debug)]
pub(super) struct Receipt<'a> {
    pub(super) serial: Option<&'a str>,
    pub(super) received: DateTime<Utc>,
    pub(super) said: Said<'a>,
}

/// Why an entry was rejected, and its time when that could be read
/// ([D22](crate::_documentation::design#d22)).
pub(super) type Refused = (RejectReason, Option<DateTime<Utc>>);

/// One callback receipt, read.
pub(super) fn callback_receipt<'v>(fields: &'v Fields<'_, 5>) -> Result<Receipt<'v>, Refused> {
    let names = &CALLBACK_FIELDS;
    let time = required(fields, names, 0).map_err(|reason| (reason, None))?;
    let received = parse_local_time(time)
        .and_then(|local| local.checked_sub_offset(TENCENT_LOCAL_TIME))
        .map(|utc| utc.and_utc())
        .ok_or_else(|| {
            let reason = RejectReason::BadTime {
                field: "user_receive_time",
                text: quote(time),
            };
            (reason, None)
        })?;
    let at = |reason| (reason, Some(received));
    if let Some(field) = fields.repeated {
        return Err(at(RejectReason::RepeatedField { field }));
    }
    let status = required(fields, names, 1).map_err(at)?;
    let errmsg = text(fields, names, 2).map_err(at)?;
    let description = text(fields, names, 3).map_err(at)?;
    let serial = text(fields, names, 4).map_err(at)?;
    let said = match status {
        "SUCCESS" => Said::Delivered(errmsg),
        "FAIL" => Said::Failed(
            errmsg
                .or(description)
                .ok_or_else(|| at(RejectReason::NoFailureCode))?,
        ),
        other => {
            return Err(at(RejectReason::UnknownStatus {
                field: "report_status",
                text: quote(other),
            }));
        }
    };
    Ok(Receipt {
        serial,
        received,
        said,
    })
}

/// One PullSmsSendStatus entry, read.
pub(super) fn pull_receipt<'v>(fields: &'v Fields<'_, 4>) -> Result<Receipt<'v>, Refused> {
    let names = &PULL_FIELDS;
    let received = match fields.values.first().and_then(Option::as_ref) {
        None | Some(Value::Other("null")) => {
            let reason = RejectReason::MissingField {
                field: "UserReceiveTime",
            };
            return Err((reason, None));
        }
        Some(Value::Unsigned(seconds)) => i64::try_from(*seconds)
            .ok()
            .and_then(|seconds| DateTime::from_timestamp(seconds, 0))
            .ok_or_else(|| {
                let reason = RejectReason::BadTime {
                    field: "UserReceiveTime",
                    text: seconds.to_string(),
                };
                (reason, None)
            })?,
        Some(other) => {
            let reason = RejectReason::WrongType {
                field: "UserReceiveTime",
                expected: "Unix seconds",
                found: other.kind(),
            };
            return Err((reason, None));
        }
    };
    let at = |reason| (reason, Some(received));
    if let Some(field) = fields.repeated {
        return Err(at(RejectReason::RepeatedField { field }));
    }
    let description = text(fields, names, 2).map_err(at)?;
    let serial = text(fields, names, 3).map_err(at)?;
    let said = match text(fields, names, 1).map_err(at)? {
        None => Said::NoStatus,
        Some("SUCCESS") => Said::Delivered(description),
        Some("FAIL") => Said::Failed(description.ok_or_else(|| at(RejectReason::NoFailureCode))?),
        Some(other) => {
            return Err(at(RejectReason::UnknownStatus {
                field: "ReportStatus",
                text: quote(other),
            }));
        }
    };
    Ok(Receipt {
        serial,
        received,
        said,
    })
}

/// One SendSms entry, read: its serial number (absent when refused), its
/// code and its phone number.
#[derive(Clone, Copy, Debug)]
pub(super) struct Submission<'a> {
    pub(super) serial: Option<&'a str>,
    pub(super) code: &'a str,
    pub(super) phone: Option<&'a str>,
}

/// One SendSms entry, read.
pub(super) fn submission<'v>(fields: &'v Fields<'_, 3>) -> Result<Submission<'v>, RejectReason> {
    let names = &SEND_FIELDS;
    if let Some(field) = fields.repeated {
        return Err(RejectReason::RepeatedField { field });
    }
    Ok(Submission {
        code: required(fields, names, 1)?,
        serial: text(fields, names, 0)?,
        phone: text(fields, names, 2)?,
    })
}

/// A receipt as a record, dated by its message's send instant when
/// `sends` knows it, else by the receipt time.
fn receipt_record<'c>(
    receipt: Receipt<'c>,
    table: &CodeTable,
    sends: &(impl SendInstants + ?Sized),
) -> Result<MessageRecord<'c>, RejectReason> {
    let sent_at = receipt
        .serial
        .and_then(|serial| sends.sent_at(serial))
        .unwrap_or(receipt.received);
    match receipt.said {
        Said::Delivered(_) => Ok(MessageRecord::new(
            sent_at,
            Recipient::Valid,
            Outcome::Delivered,
        )),
        // No operator status yet: not a definite failure (D5).
        Said::NoStatus => Ok(MessageRecord::new(
            sent_at,
            Recipient::Valid,
            Outcome::Unconfirmed,
        )),
        Said::Failed(code) => failure(sent_at, code, table),
    }
}

/// One callback receipt as a record.
pub(super) fn callback_record<'v>(
    fields: &'v Fields<'_, 5>,
    table: &CodeTable,
    sends: &(impl SendInstants + ?Sized),
) -> Result<MessageRecord<'v>, RejectReason> {
    let receipt = callback_receipt(fields).map_err(|(reason, _)| reason)?;
    receipt_record(receipt, table, sends)
}

/// One PullSmsSendStatus entry as a record.
pub(super) fn pull_record<'v>(
    fields: &'v Fields<'_, 4>,
    table: &CodeTable,
    sends: &(impl SendInstants + ?Sized),
) -> Result<MessageRecord<'v>, RejectReason> {
    let receipt = pull_receipt(fields).map_err(|(reason, _)| reason)?;
    receipt_record(receipt, table, sends)
}

/// One SendSms result: submitted, or failed at once.
pub(super) fn send_entry<'v>(
    fields: &'v Fields<'_, 3>,
    sent_at: DateTime<Utc>,
    table: &CodeTable,
) -> Result<SendEntry<'v>, RejectReason> {
    let names = &SEND_FIELDS;
    if let Some(field) = fields.repeated {
        return Err(RejectReason::RepeatedField { field });
    }
    let code = required(fields, names, 1)?;
    if table.classify(code) == Some(CodeClass::Submitted) {
        let serial_no = required(fields, names, 0)?;
        return Ok(SendEntry::Submitted {
            serial_no: serial_no.to_owned(),
            sent_at,
        });
    }
    failure(sent_at, code, table).map(SendEntry::Failed)
}

/// Wraps an entry's outcome with its index.
pub(super) fn reject(index: u64, reason: RejectReason) -> Rejection {
    Rejection { index, reason }
}

/// The reason for an element that is not an object.
pub(super) fn not_an_object(found: &'static str) -> RejectReason {
    RejectReason::NotAnObject { found }
}

#[cfg(test)]
mod tests {
    use super::{CALLBACK, PULL, SEND};

    /// Each schema's `match` and its list of names agree.
    #[test]
    fn schemas_find_each_name_at_its_position() {
        fn check<const N: usize>(schema: super::Schema<N>) {
            for (index, name) in schema.names.iter().enumerate() {
                assert_eq!((schema.position)(name), Some(index), "{name}");
            }
            assert_eq!((schema.position)("nationcode"), None);
        }
        check(CALLBACK);
        check(PULL);
        check(SEND);
    }
}
