//! Reading Tencent's documents and files entry by entry, without collecting
//! them: each entry becomes a [`RawEntry`] for the one normalisation.

use std::borrow::Cow;
use std::fmt;
use std::io::{BufRead, Read as _};

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::codes::CodeTable;
use super::field::{Fields, FieldsSeed, Schema, Value};
use super::normal::{Malformed, NormalEntry, RawEntry, Source};
use super::rejection::RejectReason;
use super::scan;
use crate::error::{Error, TencentError};
use crate::zone::SlaZone;

/// Tencent writes `user_receive_time` in Beijing time, whatever the SLA zone.
const TENCENT_LOCAL_TIME: FixedOffset = SlaZone::CHINA_STANDARD_TIME.offset();

/// A [`Schema`] of the fields named, each once with its position: the
/// names in that order, and a `match` from a key to its position.
macro_rules! schema {
    ($($name:literal => $position:literal),* $(,)?) => {
        Schema {
            names: &[$($name),*],
            position: |key| match key {
                $($name => Some($position),)*
                _ => None,
            },
        }
    };
}

/// The fields a callback receipt is read for.
pub(super) const CALLBACK: Schema<5> = schema! {
    "user_receive_time" => 0,
    "report_status" => 1,
    "errmsg" => 2,
    "description" => 3,
    "sid" => 4,
};

/// The fields a PullSmsSendStatus entry is read for.
pub(super) const PULL: Schema<4> = schema! {
    "UserReceiveTime" => 0,
    "ReportStatus" => 1,
    "Description" => 2,
    "SerialNo" => 3,
};

/// The fields a SendSms entry is read for.
pub(super) const SEND: Schema<3> = schema! {
    "SerialNo" => 0,
    "Code" => 1,
    "PhoneNumber" => 2,
};

/// What a file of Tencent documents holds, as the `sms-sla` command takes
/// them ([D23](crate::_documentation::design#d23)).
///
/// Each kind of file is one or more documents: newline-delimited JSON (a
/// document per line), or documents written any other way (pretty-printed,
/// one after another). The first line that is not blank tells them apart:
/// when it begins a JSON object or array that it does not end, the file is
/// documents one after another (read whole, at most
/// 256 MiB); otherwise, and when those documents turn out not to be JSON
/// (an NDJSON file whose first line was cut off), it is read line by line.
/// Either way a document that cannot be read is one rejected entry naming
/// the line it begins on, and its request instant when it gives one (a send
/// log record's `sent_at`). A byte-order mark at the start of a line, CRLF
/// line ends and blank lines are ordinary input.
///
/// # Examples
///
/// ```
/// use sms_sla::tencent::{CodeTable, FileKind, MessageLog};
///
/// // A pretty-printed callback body after a byte-order mark, CRLF line ends.
/// let file = "\u{feff}[\r\n  {\r\n    \"user_receive_time\": \"2025-04-02 08:03:04\",\r\n    \"report_status\": \"SUCCESS\",\r\n    \"errmsg\": \"DELIVRD\",\r\n    \"sid\": \"s1\"\r\n  }\r\n]\r\n";
/// let mut log = MessageLog::new(CodeTable::tencent_default());
/// let read = log.read_file(FileKind::Callbacks, file.as_bytes())?;
/// assert_eq!((read.entries(), read.rejected(), log.stats().messages()), (1, 0, 1));
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FileKind {
    /// A send log: `{"sent_at": RFC 3339, "response": {SendSms response}}`
    /// per document, `sent_at` being the instant the request was made.
    SendLog,
    /// Delivery-status callbacks: each document a callback body (an array
    /// of receipts) or one receipt.
    Callbacks,
    /// PullSmsSendStatus (or PullSmsSendStatusByPhoneNumber) responses.
    Pull,
}

impl FileKind {
    /// The kind's name in messages: `send log`, `callback`, `pull`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::SendLog => "send log",
            Self::Callbacks => "callback",
            Self::Pull => "pull",
        }
    }

    /// Where its entries come from.
    const fn source(self) -> Source {
        match self {
            Self::SendLog => Source::SendSms,
            Self::Callbacks => Source::Callback,
            Self::Pull => Source::Pull,
        }
    }
}

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
    quote_within(text, QUOTE_LIMIT)
}

/// At most `limit` bytes of `text`, cut at a character boundary and marked
/// with `…` when cut.
pub(super) fn quote_within(text: &str, limit: usize) -> String {
    if text.len() <= limit {
        return text.to_owned();
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end = end.saturating_sub(1);
    }
    let mut quoted = text.get(..end).unwrap_or_default().to_owned();
    quoted.push('…');
    quoted
}

/// A document-level error: the JSON is not the expected shape at all.
fn document_error(format: &'static str, error: &serde_json::Error) -> Error {
    Error::Tencent(TencentError::TencentDocument {
        format,
        reason: error.to_string(),
    })
}

/// Calls `on_entry` with each element of a JSON array, in order.
pub(super) fn each_in_array<const N: usize, F>(
    body: &str,
    format: &'static str,
    schema: Schema<N>,
    mut on_entry: F,
) -> Result<u64, Error>
where
    F: for<'x> FnMut(Result<Fields<'x, N>, &'static str>),
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

/// Calls `on_entry` with each element of `{"Response": {set: [...]}}` and
/// the response's `RequestId`.
pub(super) fn each_in_response<const N: usize, F>(
    body: &str,
    format: &'static str,
    set: &'static str,
    schema: Schema<N>,
    mut on_entry: F,
) -> Result<u64, Error>
where
    F: for<'x> FnMut(Result<Fields<'x, N>, &'static str>, Option<&'x str>),
{
    let mut deserializer = serde_json::Deserializer::from_str(without_bom(body));
    let parts = deserializer
        .deserialize_map(Document { set })
        .and_then(|parts| deserializer.end().map(|()| parts))
        .map_err(|err| document_error(format, &err))?;
    let Parts {
        entries,
        request_id,
        error,
    } = parts.unwrap_or_default();
    if let Some(ApiError { code, message }) = error {
        return Err(Error::Tencent(TencentError::TencentApi { code, message }));
    }
    let Some(entries) = entries else {
        return Err(Error::Tencent(TencentError::TencentDocument {
            format,
            reason: format!("no Response.{set} in the document"),
        }));
    };
    let request_id = request_id.as_deref();
    each_in_array(entries.get(), format, schema, |entry| {
        on_entry(entry, request_id);
    })
}

struct Entries<'f, const N: usize, F> {
    schema: Schema<N>,
    on_entry: &'f mut F,
}

impl<'de, const N: usize, F> Visitor<'de> for Entries<'_, N, F>
where
    F: for<'x> FnMut(Result<Fields<'x, N>, &'static str>),
{
    type Value = u64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON array of entries")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<u64, A::Error> {
        let mut count = 0_u64;
        while let Some(entry) = seq.next_element_seed(FieldsSeed {
            schema: self.schema,
        })? {
            (self.on_entry)(entry);
            count = count.saturating_add(1);
        }
        Ok(count)
    }
}

/// What a response holds: its entry set (unread), its `RequestId` and its
/// API error.
#[derive(Default)]
struct Parts<'de> {
    entries: Option<&'de RawValue>,
    request_id: Option<Cow<'de, str>>,
    error: Option<ApiError>,
}

/// `{"Response": ...}`.
struct Document {
    set: &'static str,
}

impl<'de> Visitor<'de> for Document {
    type Value = Option<Parts<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Tencent Cloud API response object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if key == "Response" {
                if found.is_some() {
                    return Err(serde::de::Error::custom(
                        "`Response` is given more than once",
                    ));
                }
                found = Some(map.next_value_seed(Response { set: self.set })?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

/// The `Response` object: the entry set, the request id, or an API error.
struct Response {
    set: &'static str,
}

impl<'de> DeserializeSeed<'de> for Response {
    type Value = Parts<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Parts<'de>, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Response {
    type Value = Parts<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the Response object of a Tencent Cloud API response")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Parts<'de>, A::Error> {
        let mut parts = Parts::default();
        let twice =
            |key: &str| serde::de::Error::custom(format!("`{key}` is given more than once"));
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if key == self.set {
                if parts.entries.is_some() {
                    return Err(twice(self.set));
                }
                parts.entries = Some(map.next_value()?);
            } else if key == "RequestId" {
                if parts.request_id.is_some() {
                    return Err(twice("RequestId"));
                }
                parts.request_id = map.next_value::<Option<Cow<'de, str>>>()?;
            } else if key == "Error" {
                parts.error = Some(map.next_value()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(parts)
    }
}

#[derive(serde::Deserialize)]
struct ApiError {
    #[serde(rename = "Code", default)]
    code: String,
    #[serde(rename = "Message", default)]
    message: String,
}

/// The text of field `index`, which must be a string when given. Absent,
/// `null` and empty are the same: no value
/// ([D23](crate::_documentation::design#d23)).
fn text<'v, const N: usize>(
    fields: &'v Fields<'_, N>,
    names: &[&'static str; N],
    index: usize,
) -> Result<Option<&'v str>, RejectReason> {
    let field = names.get(index).copied().unwrap_or("?");
    match fields.values.get(index).and_then(Option::as_ref) {
        None | Some(Value::Other("null")) => Ok(None),
        Some(Value::Str(text)) => Ok(Some(*text)),
        Some(Value::Decoded(text)) => Ok(Some(&**text)),
        Some(other) => Err(RejectReason::WrongType {
            field,
            expected: "a string",
            found: other.kind(),
        }),
    }
}

/// The text fields of `fields` in order, each `None` when it is not a
/// string; and the first problem: a field given twice, else the first
/// field of the wrong type.
fn texts<'v, const N: usize>(
    fields: &'v Fields<'_, N>,
    names: &[&'static str; N],
    first: usize,
) -> ([Option<&'v str>; N], Option<RejectReason>) {
    let mut problem = fields
        .repeated
        .map(|field| RejectReason::RepeatedField { field });
    let mut values = [None; N];
    for (index, value) in values.iter_mut().enumerate().skip(first) {
        match text(fields, names, index) {
            Ok(text) => *value = text,
            Err(reason) => {
                problem.get_or_insert(reason);
            }
        }
    }
    (values, problem)
}

/// A raw entry with the problem its reader found, if any.
fn with_problem(raw: RawEntry<'_>, problem: Option<RejectReason>) -> RawEntry<'_> {
    match problem {
        Some(reason) => raw.bad_field(reason),
        None => raw,
    }
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

/// One callback receipt's raw fields.
pub(super) fn callback_raw<'v>(fields: &'v Fields<'_, 5>) -> RawEntry<'v> {
    let ([_, status, errmsg, description, sid], problem) = texts(fields, CALLBACK.names, 1);
    let raw = with_problem(
        RawEntry::callback(None, status, errmsg, description).serial(sid),
        problem,
    );
    let time = match text(fields, CALLBACK.names, 0) {
        Ok(time) => time.filter(|time| !time.is_empty()),
        Err(reason) => return raw.unreadable_time(reason),
    };
    let Some(time) = time else {
        return raw;
    };
    match parse_local_time(time)
        .and_then(|local| local.checked_sub_offset(TENCENT_LOCAL_TIME))
        .map(|utc| utc.and_utc())
    {
        Some(at) => raw.at(at),
        None => raw.unreadable_time(RejectReason::BadTime {
            field: "user_receive_time",
            text: quote(time),
        }),
    }
}

/// One PullSmsSendStatus entry's raw fields.
pub(super) fn pull_raw<'v>(fields: &'v Fields<'_, 4>) -> RawEntry<'v> {
    let ([_, status, description, serial], problem) = texts(fields, PULL.names, 1);
    let raw = with_problem(
        RawEntry::pull(None, status, description).serial(serial),
        problem,
    );
    match fields.values.first().and_then(Option::as_ref) {
        None | Some(Value::Other("null")) => raw,
        Some(Value::Unsigned(seconds)) => match i64::try_from(*seconds)
            .ok()
            .and_then(|seconds| DateTime::from_timestamp(seconds, 0))
        {
            Some(at) => raw.at(at),
            None => raw.unreadable_time(RejectReason::BadTime {
                field: "UserReceiveTime",
                text: seconds.to_string(),
            }),
        },
        Some(other) => raw.unreadable_time(RejectReason::WrongType {
            field: "UserReceiveTime",
            expected: "Unix seconds",
            found: other.kind(),
        }),
    }
}

/// One SendSms entry's raw fields, requested at `at` (or with the reason
/// the request instant cannot be read), in the response to `request_id`,
/// at `position` in it.
pub(super) fn send_raw<'v>(
    fields: &'v Fields<'_, 3>,
    at: &Result<Option<DateTime<Utc>>, RejectReason>,
    request_id: Option<&'v str>,
    position: u64,
) -> RawEntry<'v> {
    let ([serial, code, phone], problem) = texts(fields, SEND.names, 0);
    let raw = RawEntry::send(at.as_ref().ok().copied().flatten(), code)
        .serial(serial)
        .phone(phone)
        .request(request_id, Some(position));
    let raw = with_problem(raw, problem);
    match at {
        Err(reason) => raw.unreadable_time(reason.clone()),
        Ok(_) => raw,
    }
}

/// The raw entry of an array element or line that is not an object.
pub(super) fn not_an_object(source: Source, found: &'static str) -> RawEntry<'static> {
    RawEntry::unreadable(source, RejectReason::NotAnObject { found })
}

// ---------------------------------------------------------------------
// Files: newline-delimited, or documents one after another.

/// The longest line read, in bytes, its line end aside: a longer line is
/// one rejection, never an allocation of its size.
pub(super) const MAX_LINE_BYTES: usize = 16 << 20;

/// Why one document of a file could not be read.
enum Failure {
    /// It is not JSON (a syntax error, or the text ends inside it).
    NotJson(String),
    /// It is JSON, but not a document of its kind (with the reason).
    NotDocument(String),
}

impl Failure {
    fn of(error: &serde_json::Error) -> Self {
        if error.is_data() {
            Self::NotDocument(error.to_string())
        } else {
            Self::NotJson(error.to_string())
        }
    }

    fn of_error(error: &Error) -> Self {
        match error {
            Error::Tencent(TencentError::TencentDocument { reason, .. }) => {
                Self::NotDocument(reason.clone())
            }
            other => Self::NotDocument(other.to_string()),
        }
    }

    /// The rejection of line `line` that holds the document.
    fn on_line(self, line: u64) -> RejectReason {
        match self {
            Self::NotJson(reason) => RejectReason::LineNotJson {
                line,
                reason: quote(&reason),
            },
            Self::NotDocument(reason) => RejectReason::LineNotDocument {
                line,
                reason: quote(&reason),
            },
        }
    }
}

/// A send log's document: `{"sent_at": ..., "response": ...}`.
struct SendRecord<'de> {
    sent_at: Option<Cow<'de, str>>,
    response: Option<&'de RawValue>,
}

impl<'de> serde::Deserialize<'de> for SendRecord<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(SendRecordVisitor)
    }
}

struct SendRecordVisitor;

impl<'de> Visitor<'de> for SendRecordVisitor {
    type Value = SendRecord<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(r#"a send log record {"sent_at": ..., "response": ...}"#)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut record = SendRecord {
            sent_at: None,
            response: None,
        };
        let mut seen = (false, false);
        let twice =
            |key: &str| serde::de::Error::custom(format!("`{key}` is given more than once"));
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match &*key {
                "sent_at" if seen.0 => return Err(twice("sent_at")),
                "sent_at" => {
                    seen.0 = true;
                    record.sent_at = map.next_value()?;
                }
                "response" if seen.1 => return Err(twice("response")),
                "response" => {
                    seen.1 = true;
                    record.response = Some(map.next_value()?);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(record)
    }
}

/// Reads one document of a file of `kind`, whose text is `text`, handing
/// `on_entry` each of its entries; a document that cannot be read hands
/// over nothing, and says why and its time if it gives one (a send log
/// record's `sent_at`).
fn each_in_document<F>(
    kind: FileKind,
    text: &str,
    on_entry: &mut F,
) -> Result<(), (Failure, Option<DateTime<Utc>>)>
where
    F: for<'x> FnMut(RawEntry<'x>),
{
    let untimed = |failure| (failure, None);
    match kind {
        FileKind::Callbacks => {
            if let Some(fields) = scan::object(text, CALLBACK) {
                // The common shape, read where it lies; anything else is
                // `serde_json`'s (see `scan`).
                on_entry(callback_raw(&fields));
            } else if text.trim_start().starts_with('[') {
                // Checked whole first, so a body that cannot be read hands
                // over none of its receipts.
                serde_json::from_str::<IgnoredAny>(text)
                    .map_err(|err| untimed(Failure::of(&err)))?;
                each_in_array(text, "callback", CALLBACK, |entry| {
                    on_entry(match &entry {
                        Ok(fields) => callback_raw(fields),
                        Err(found) => not_an_object(Source::Callback, found),
                    });
                })
                .map_err(|err| untimed(Failure::of_error(&err)))?;
            } else {
                let mut deserializer = serde_json::Deserializer::from_str(text);
                let entry = FieldsSeed { schema: CALLBACK }
                    .deserialize(&mut deserializer)
                    .and_then(|entry| deserializer.end().map(|()| entry))
                    .map_err(|err| untimed(Failure::of(&err)))?;
                on_entry(match &entry {
                    Ok(fields) => callback_raw(fields),
                    Err(found) => not_an_object(Source::Callback, found),
                });
            }
        }
        FileKind::Pull => {
            pull_document(text, on_entry).map_err(|err| untimed(Failure::of_error(&err)))?;
        }
        FileKind::SendLog => {
            let record: SendRecord<'_> =
                serde_json::from_str(text).map_err(|err| untimed(Failure::of(&err)))?;
            let at = match record.sent_at.as_deref().filter(|text| !text.is_empty()) {
                None => Ok(None),
                Some(text) => DateTime::parse_from_rfc3339(text)
                    .map(|at| Some(at.to_utc()))
                    .map_err(|_| RejectReason::BadTime {
                        field: "sent_at",
                        text: quote(text),
                    }),
            };
            let timed = |failure| (failure, at.clone().ok().flatten());
            let Some(response) = record.response else {
                return Err(timed(Failure::NotDocument("no `response`".to_owned())));
            };
            send_document(response.get(), &at, on_entry)
                .map_err(|err| timed(Failure::of_error(&err)))?;
        }
    }
    Ok(())
}

/// Reads a PullSmsSendStatus response.
pub(super) fn pull_document<F>(body: &str, on_entry: &mut F) -> Result<u64, Error>
where
    F: for<'x> FnMut(RawEntry<'x>),
{
    each_in_response(body, "pull", "PullSmsSendStatusSet", PULL, |entry, _| {
        on_entry(match &entry {
            Ok(fields) => pull_raw(fields),
            Err(found) => not_an_object(Source::Pull, found),
        });
    })
}

/// Reads a SendSms response requested at `at`.
pub(super) fn send_document<F>(
    body: &str,
    at: &Result<Option<DateTime<Utc>>, RejectReason>,
    on_entry: &mut F,
) -> Result<u64, Error>
where
    F: for<'x> FnMut(RawEntry<'x>),
{
    let mut position = 0_u64;
    each_in_response(
        body,
        "send_sms",
        "SendStatusSet",
        SEND,
        |entry, request_id| {
            on_entry(match &entry {
                Ok(fields) => send_raw(fields, at, request_id, position),
                Err(found) => not_an_object(Source::SendSms, found),
            });
            position = position.saturating_add(1);
        },
    )
}

/// Reads line `number` of a newline-delimited file of `kind`: its bytes
/// (without the line end), or its length when it is over
/// [`MAX_LINE_BYTES`]. A blank line is skipped; a line that cannot be read
/// is one rejected entry naming it.
pub(super) fn each_in_line<F>(
    kind: FileKind,
    number: u64,
    line: Result<&[u8], u64>,
    on_entry: &mut F,
) where
    F: for<'x> FnMut(RawEntry<'x>),
{
    let source = kind.source();
    let line = match line {
        Ok(line) => line,
        Err(bytes) => {
            let reason = RejectReason::LineTooLong {
                line: number,
                bytes,
            };
            return on_entry(RawEntry::unreadable(source, reason));
        }
    };
    let Ok(text) = simdutf8::basic::from_utf8(line) else {
        let reason = RejectReason::LineNotUtf8 { line: number };
        return on_entry(RawEntry::unreadable(source, reason));
    };
    let text = without_bom(text);
    if text.trim().is_empty() {
        return;
    }
    if let Err((failure, at)) = each_in_document(kind, text, on_entry) {
        let raw = RawEntry::unreadable(source, failure.on_line(number));
        on_entry(match at {
            Some(at) => raw.at(at),
            None => raw,
        });
    }
}

/// The bytes in `input`'s buffer, filled when empty, retrying a read that
/// was interrupted; empty where the input ends.
pub(super) fn fill(input: &mut impl BufRead) -> std::io::Result<&[u8]> {
    loop {
        match input.fill_buf() {
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
            // At the end: asking again would read again (and could be
            // interrupted again).
            Ok([]) => return Ok(&[]),
            Ok(_) => break,
        }
    }
    // The bytes just filled, without reading again.
    input.fill_buf()
}

/// Reads one line into `line`, without its line end (`\n`, or `\r\n`),
/// keeping at most `limit` bytes of it: returns whether the input ended,
/// and the line's length (its line end aside) when it was longer than
/// `limit` (the rest is skipped, never stored). A `\r` is a line end only
/// before a `\n`.
pub(super) fn read_line(
    input: &mut impl BufRead,
    line: &mut Vec<u8>,
    limit: usize,
) -> std::io::Result<(bool, Option<u64>)> {
    line.clear();
    let limit_bytes = u64::try_from(limit).unwrap_or(u64::MAX);
    // Bytes before the `\n`, and the last of them.
    let mut length = 0_u64;
    let mut last = None;
    // Room for the line and a `\r` that may end it.
    let room = limit.saturating_add(1);
    let mut kept = true;
    loop {
        let (done, used) = {
            let available = fill(input)?;
            if available.is_empty() {
                let too_long = length > limit_bytes;
                if too_long {
                    line.clear();
                }
                return Ok((true, too_long.then_some(length)));
            }
            let (part, done) = match memchr::memchr(b'\n', available) {
                Some(end) => (available.get(..end).unwrap_or_default(), true),
                None => (available, false),
            };
            length = length.saturating_add(u64::try_from(part.len()).unwrap_or(u64::MAX));
            if let Some(&byte) = part.last() {
                last = Some(byte);
            }
            if kept && line.len().saturating_add(part.len()) <= room {
                line.extend_from_slice(part);
            } else {
                kept = false;
                line.clear();
            }
            (done, part.len().saturating_add(usize::from(done)))
        };
        input.consume(used);
        if done {
            let content = length.saturating_sub(u64::from(last == Some(b'\r')));
            if content > limit_bytes {
                line.clear();
                return Ok((false, Some(content)));
            }
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            return Ok((false, None));
        }
    }
}

/// Calls `on_line` with each line of `input` from line `number` on: its
/// bytes without the line end (`\r\n` or `\n`), or its length when it is
/// over [`MAX_LINE_BYTES`] (its bytes skipped, never held). A line that
/// lies whole in the reader's buffer is handed over where it lies, not
/// copied (the peer harness's reconcile path, BENCHMARKS.md).
///
/// # Errors
///
/// [`TencentError::TencentRead`](crate::error::TencentError::TencentRead) when `input` fails, naming the line.
pub(super) fn each_line(
    format: &'static str,
    mut input: impl BufRead,
    mut number: u64,
    mut on_line: impl FnMut(u64, Result<&[u8], u64>),
) -> Result<(), Error> {
    let mut line = Vec::new();
    loop {
        let failed = |err: std::io::Error| {
            Error::Tencent(TencentError::TencentRead {
                format,
                line: Some(number),
                source: err.into(),
            })
        };
        let available = fill(&mut input).map_err(failed)?;
        if let Some(end) = memchr::memchr(b'\n', available) {
            let line = available.get(..end).unwrap_or_default();
            on_line(number, checked_line(line, true));
            input.consume(end.saturating_add(1));
            number = number.saturating_add(1);
            continue;
        }
        let (ended, too_long) = read_line(&mut input, &mut line, MAX_LINE_BYTES).map_err(failed)?;
        if ended && line.is_empty() && too_long.is_none() {
            return Ok(());
        }
        on_line(number, too_long.map_or(Ok(line.as_slice()), Err));
        if ended {
            return Ok(());
        }
        number = number.saturating_add(1);
    }
}

/// A line's bytes without the `\r` before its line end (`ended`: the line
/// had one), or its length, line end aside, when it is over
/// [`MAX_LINE_BYTES`]: what [`read_line`] gives, for a line read where it
/// lies.
pub(super) fn checked_line(line: &[u8], ended: bool) -> Result<&[u8], u64> {
    let content = match line.strip_suffix(b"\r") {
        Some(stripped) if ended => stripped,
        _ => line,
    };
    if content.len() > MAX_LINE_BYTES {
        return Err(u64::try_from(content.len()).unwrap_or(u64::MAX));
    }
    Ok(content)
}

/// Reads a file of `kind` (see [`FileKind`]), handing `on_entry` every
/// entry in order.
///
/// # Errors
///
/// - [`TencentError::TencentRead`](crate::error::TencentError::TencentRead) when `input` fails, naming the line.
/// - [`TencentError::TencentDocument`](crate::error::TencentError::TencentDocument) when a file of documents written one after
///   another (not one per line) holds one that cannot be read.
pub(super) fn each_in_file<F>(
    kind: FileKind,
    mut input: impl BufRead,
    mut on_entry: F,
) -> Result<(), Error>
where
    F: for<'x> FnMut(RawEntry<'x>),
{
    let mut line = Vec::new();
    let mut number = 0_u64;
    // The first line that is not blank decides how the file is read.
    let (ended, first) = loop {
        number = number.saturating_add(1);
        let (ended, too_long) =
            read_line(&mut input, &mut line, MAX_LINE_BYTES).map_err(|err| {
                Error::Tencent(TencentError::TencentRead {
                    format: kind.name(),
                    line: Some(number),
                    source: err.into(),
                })
            })?;
        if let Some(bytes) = too_long {
            break (ended, Err(bytes));
        }
        let blank =
            core::str::from_utf8(&line).is_ok_and(|text| without_bom(text).trim().is_empty());
        if !blank {
            break (ended, Ok(()));
        }
        if ended {
            return Ok(());
        }
    };
    // Documents one after another when the first line begins a JSON
    // object or array it does not end (a pretty-printed document).
    let begins_a_document = first.is_ok()
        && core::str::from_utf8(&line).is_ok_and(|text| {
            let text = without_bom(text).trim_start();
            (text.starts_with('{') || text.starts_with('['))
                && serde_json::from_str::<IgnoredAny>(text).is_err()
        });
    if begins_a_document && !ended {
        return each_document(
            kind,
            number,
            line,
            input,
            MAX_DOCUMENTS_BYTES,
            &mut on_entry,
        );
    }
    each_in_line(kind, number, first.map(|()| line.as_slice()), &mut on_entry);
    if ended {
        return Ok(());
    }
    each_line(
        kind.name(),
        input,
        number.saturating_add(1),
        |number, line| {
            each_in_line(kind, number, line, &mut on_entry);
        },
    )
}

/// The most a file of documents written one after another may hold: it is
/// read whole before any of it is taken (a file of documents one per line
/// has no such limit).
pub(super) const MAX_DOCUMENTS_BYTES: u64 = 256 << 20;

/// Reads the rest of a file of documents written one after another, from
/// its first line that is not blank (`first`, line `number`). The file is
/// read whole and each document checked as JSON first: when one is not
/// JSON (or the file is not UTF-8), the file was not documents one after
/// another (an NDJSON file whose first line was cut off, say), and it is
/// read line by line. A document that is JSON but not one of its kind is
/// one rejected entry.
fn each_document<F>(
    kind: FileKind,
    number: u64,
    first: Vec<u8>,
    input: impl BufRead,
    max_bytes: u64,
    on_entry: &mut F,
) -> Result<(), Error>
where
    F: for<'x> FnMut(RawEntry<'x>),
{
    let mut bytes = first;
    bytes.push(b'\n');
    let limit = max_bytes.saturating_sub(u64::try_from(bytes.len()).unwrap_or(u64::MAX));
    let mut rest = input.take(limit.saturating_add(1));
    rest.read_to_end(&mut bytes).map_err(|err| {
        Error::Tencent(TencentError::TencentRead {
            format: kind.name(),
            line: None,
            source: err.into(),
        })
    })?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > max_bytes {
        return Err(Error::Tencent(TencentError::TencentDocument {
            format: kind.name(),
            reason: format!(
                "documents written one after another over {max_bytes} bytes in one file: write them one per line"
            ),
        }));
    }
    let Some(documents) = documents(number, &bytes) else {
        return each_line(kind.name(), bytes.as_slice(), number, |number, line| {
            each_in_line(kind, number, line, on_entry);
        });
    };
    for (line, document) in documents {
        if let Err((failure, at)) = each_in_document(kind, document, on_entry) {
            let raw = RawEntry::unreadable(kind.source(), failure.on_line(line));
            on_entry(match at {
                Some(at) => raw.at(at),
                None => raw,
            });
        }
    }
    Ok(())
}

/// The JSON documents of `bytes` (whose first line is line `number`), each
/// with the line it begins on; `None` when `bytes` is not UTF-8 or not JSON
/// values one after another (byte-order marks and whitespace between them).
fn documents(number: u64, bytes: &[u8]) -> Option<Vec<(u64, &str)>> {
    let text = core::str::from_utf8(bytes).ok()?;
    let mut documents = Vec::new();
    let mut at = 0_usize;
    loop {
        let rest = text.get(at..)?;
        let skipped = rest.len().saturating_sub(
            rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '\u{feff}')
                .len(),
        );
        at = at.saturating_add(skipped);
        let rest = text.get(at..)?;
        if rest.is_empty() {
            return Some(documents);
        }
        let mut values = serde_json::Deserializer::from_str(rest).into_iter::<&RawValue>();
        let value = values.next()?.ok()?;
        documents.push((line_of(number, bytes, at), value.get()));
        at = at.saturating_add(values.byte_offset());
    }
}

/// The line number of byte `at` of `text`, whose first line is `first`.
fn line_of(first: u64, text: &[u8], at: usize) -> u64 {
    let ends = memchr::memchr_iter(b'\n', text.get(..at).unwrap_or_default()).count();
    first.saturating_add(u64::try_from(ends).unwrap_or(u64::MAX))
}

/// Reads a file of `kind` entry by entry through the one normalisation
/// ([D26](crate::_documentation::design#d26)), handing `each` every entry
/// in order, normalised with `table` or malformed, with its index (from
/// 0); returns the number of entries. What [`MessageLog::read_file`](super::MessageLog::read_file)
/// reads, as entries: the way to write Tencent's documents as an engine's
/// tables.
///
/// # Errors
///
/// As [`MessageLog::read_file`](super::MessageLog::read_file); entries handed over before the error
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
    each_in_file(kind, input, |raw| {
        each(index, raw.normalize(table));
        index = index.saturating_add(1);
    })?;
    Ok(index)
}

#[cfg(test)]
mod tests {
    use super::{CALLBACK, FileKind, PULL, SEND, each_document};

    /// A file of documents one after another holds at most so many bytes,
    /// its first line and the newline after it included.
    #[test]
    fn documents_one_after_another_are_read_up_to_their_limit() {
        let first = b"[".to_vec();
        let rest = b"]\n".as_slice();
        // 2 + 2 bytes: exactly the limit reads; one byte less does not.
        let mut entries = 0;
        let read = each_document(FileKind::Callbacks, 1, first.clone(), rest, 4, &mut |_| {
            entries += 1;
        });
        assert_eq!((read.is_ok(), entries), (true, 0));
        let err = each_document(FileKind::Callbacks, 1, first, rest, 3, &mut |_| ()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "tencent callback document is malformed: documents written one after another over 3 bytes in one file: write them one per line"
        );
    }

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
