//! The one normalisation of an entry: the raw fields a document or a table
//! row gives, turned into what the rules use
//! ([D19](crate::_documentation::design#d19)-[D23](crate::_documentation::design#d23),
//! [D26](crate::_documentation::design#d26)).

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use chrono::{DateTime, Utc};

use super::{CodeClass, CodeTable, RejectReason};

/// What a failure without a code is listed as: a `FAIL` receipt with
/// neither `errmsg` nor `description` is a definite failure, an Apparent
/// Failure unless the code table says otherwise
/// ([D23](crate::_documentation::design#d23)).
///
/// # Examples
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use sms_sla::tencent::{CodeTable, NO_CODE, RawEntry};
///
/// let at = Utc.with_ymd_and_hms(2025, 4, 2, 0, 3, 4).unwrap();
/// let entry = RawEntry::callback(Some(at), Some("FAIL"), Some(""), None)
///     .serial(Some("s1"))
///     .normalize(&CodeTable::tencent_default())?;
/// assert_eq!(entry.code(), Some(NO_CODE));
/// # Ok::<(), sms_sla::tencent::Malformed<'static>>(())
/// ```
pub const NO_CODE: &str = "(no code)";

/// The longest code kept as written, in bytes (as
/// [`UnclassifiedCode::MAX_LEN`](crate::traffic::UnclassifiedCode::MAX_LEN)).
const CODE_MAX: usize = 64;

/// How many bytes of a code that cannot be kept as written its marked form
/// keeps.
const MARKED_PREFIX: usize = 40;

/// Where an entry comes from: what its fields are called and what it needs.
///
/// # Examples
///
/// ```
/// use sms_sla::tencent::Source;
///
/// assert_eq!(Source::Callback.serial_field(), "sid");
/// assert_eq!(Source::Pull.status_field(), "ReportStatus");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Source {
    /// An entry of a SendSms response's `SendStatusSet`, with the instant
    /// the request was made.
    SendSms,
    /// A receipt of a delivery-status callback.
    Callback,
    /// An entry of a PullSmsSendStatus response's `PullSmsSendStatusSet`.
    Pull,
}

impl Source {
    /// The name of the entry's time field (`sent_at` for a SendSms entry:
    /// the request instant the send log records).
    #[must_use]
    pub const fn time_field(self) -> &'static str {
        match self {
            Self::SendSms => "sent_at",
            Self::Callback => "user_receive_time",
            Self::Pull => "UserReceiveTime",
        }
    }

    /// The name of the serial number field.
    #[must_use]
    pub const fn serial_field(self) -> &'static str {
        match self {
            Self::SendSms | Self::Pull => "SerialNo",
            Self::Callback => "sid",
        }
    }

    /// The name of the status field (`Code` for a SendSms entry, whose code
    /// is its status).
    #[must_use]
    pub const fn status_field(self) -> &'static str {
        match self {
            Self::SendSms => "Code",
            Self::Callback => "report_status",
            Self::Pull => "ReportStatus",
        }
    }

    /// Whether the entry is a receipt (a callback or Pull entry).
    #[must_use]
    pub const fn is_receipt(self) -> bool {
        !matches!(self, Self::SendSms)
    }
}

/// The time of a raw entry: given, absent, or given and unreadable.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Time {
    Given(DateTime<Utc>),
    Absent,
    /// Boxed, as are the other reasons a raw entry carries: they are rare,
    /// and a raw entry moves from reader to normaliser by value (a copy of
    /// 300 bytes a receipt, unboxed, in the reconcile profile).
    Unreadable(Box<RejectReason>),
}

/// The raw fields of one entry, as a document or a table row gives them,
/// before any rule is applied. [`RawEntry::normalize`] is the one function
/// that turns them into the entry the rules use: `MessageLog`'s readers,
/// the `sms-sla` command and the engine's functions all call it
/// ([D26](crate::_documentation::design#d26)).
///
/// Every text field is as given: `None` for absent or `null`, and an empty
/// string is absent too ([D23](crate::_documentation::design#d23)).
///
/// # Examples
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use sms_sla::tencent::{CodeTable, MessageKey, RawEntry, Request};
///
/// let table = CodeTable::tencent_default();
/// let at = Utc.with_ymd_and_hms(2025, 4, 2, 0, 3, 0).unwrap();
/// // D19: a refusal without a serial number ("" is none) is a message of
/// // its own, known by its request and its place in the response.
/// let refused = RawEntry::send(Some(at), Some("InternalError.Timeout"))
///     .serial(Some(""))
///     .request(Some("r1"), Some(2))
///     .normalize(&table)?;
/// assert_eq!(refused.key(), MessageKey::Refused { request: Request::Id("r1"), position: 2 });
/// # Ok::<(), sms_sla::tencent::Malformed<'static>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawEntry<'a> {
    source: Source,
    at: Time,
    serial: Option<&'a str>,
    phone: Option<&'a str>,
    status: Option<&'a str>,
    code: Option<&'a str>,
    description: Option<&'a str>,
    request: Option<&'a str>,
    position: Option<u64>,
    /// What made the entry unreadable as a whole (not an object, a line
    /// that is not JSON), found by its reader.
    unreadable: Option<Box<RejectReason>>,
    /// A field its reader could not take (a wrong type, a field given
    /// twice).
    bad_field: Option<Box<RejectReason>>,
    /// Why the entry was rejected where it was first read.
    recorded: Option<&'a str>,
}

/// Text as given, an empty string being absent ([D23](crate::_documentation::design#d23)).
fn given(text: Option<&str>) -> Option<&str> {
    text.filter(|text| !text.is_empty())
}

impl<'a> RawEntry<'a> {
    const fn new(source: Source, at: Option<DateTime<Utc>>) -> Self {
        Self {
            source,
            at: match at {
                Some(at) => Time::Given(at),
                None => Time::Absent,
            },
            serial: None,
            phone: None,
            status: None,
            code: None,
            description: None,
            request: None,
            position: None,
            unreadable: None,
            bad_field: None,
            recorded: None,
        }
    }

    /// A SendSms entry requested at `at` with its `Code`.
    #[must_use]
    pub fn send(at: Option<DateTime<Utc>>, code: Option<&'a str>) -> Self {
        Self {
            code,
            ..Self::new(Source::SendSms, at)
        }
    }

    /// A callback receipt received at `at`, with its `report_status`,
    /// `errmsg` and `description`.
    #[must_use]
    pub fn callback(
        at: Option<DateTime<Utc>>,
        status: Option<&'a str>,
        errmsg: Option<&'a str>,
        description: Option<&'a str>,
    ) -> Self {
        Self {
            status,
            code: errmsg,
            description,
            ..Self::new(Source::Callback, at)
        }
    }

    /// A Pull entry received at `at`, with its `ReportStatus` and
    /// `Description` (Pull has no other code).
    #[must_use]
    pub fn pull(
        at: Option<DateTime<Utc>>,
        status: Option<&'a str>,
        description: Option<&'a str>,
    ) -> Self {
        Self {
            status,
            description,
            ..Self::new(Source::Pull, at)
        }
    }

    /// The same entry with its serial number (`SerialNo`, `sid`).
    #[must_use]
    pub fn serial(self, serial: Option<&'a str>) -> Self {
        Self { serial, ..self }
    }

    /// The same entry with its phone number.
    #[must_use]
    pub fn phone(self, phone: Option<&'a str>) -> Self {
        Self { phone, ..self }
    }

    /// The same SendSms entry with its request (the response's
    /// `RequestId`) and its place in the response (from 0): what a refusal
    /// without a serial number is known by
    /// ([D19](crate::_documentation::design#d19)).
    #[must_use]
    pub fn request(self, request_id: Option<&'a str>, position: Option<u64>) -> Self {
        Self {
            request: request_id,
            position,
            ..self
        }
    }

    /// Whether it is a SendSms entry.
    pub(super) const fn is_send(&self) -> bool {
        matches!(self.source, Source::SendSms)
    }

    /// The same entry, rejected where it was first read for `reason` (a
    /// table row written from a document whose entry was malformed,
    /// `None` for one that was not): it stays rejected, with that reason,
    /// and keeps whatever time and serial number it gives
    /// ([D22](crate::_documentation::design#d22)).
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::tencent::{CodeTable, RawEntry};
    ///
    /// let row = RawEntry::callback(None, None, None, None)
    ///     .serial(Some("s1"))
    ///     .rejected(Some("user_receive_time `yesterday` is not a valid time"));
    /// let malformed = row.normalize(&CodeTable::tencent_default()).unwrap_err();
    /// assert_eq!((malformed.to_string().as_str(), malformed.serial()), ("user_receive_time `yesterday` is not a valid time", Some("s1")));
    /// ```
    #[must_use]
    pub fn rejected(self, reason: Option<&'a str>) -> Self {
        Self {
            recorded: reason,
            ..self
        }
    }

    /// An entry its reader could not read at all, for `reason`.
    pub(super) fn unreadable(source: Source, reason: RejectReason) -> Self {
        Self {
            unreadable: Some(Box::new(reason)),
            ..Self::new(source, None)
        }
    }

    /// The same entry with its time, read by its reader.
    pub(super) fn at(self, at: DateTime<Utc>) -> Self {
        Self {
            at: Time::Given(at),
            ..self
        }
    }

    /// The same entry with a time that was given but cannot be read.
    pub(super) fn unreadable_time(self, reason: RejectReason) -> Self {
        Self {
            at: Time::Unreadable(Box::new(reason)),
            ..self
        }
    }

    /// The same entry with the first field its reader could not take.
    pub(super) fn bad_field(self, reason: RejectReason) -> Self {
        Self {
            bad_field: self.bad_field.or_else(|| Some(Box::new(reason))),
            ..self
        }
    }

    /// The entry the rules use, by D19-D23, the codes read with `table`
    /// (it tells an accepted submission from a refused one).
    ///
    /// - Empty text is absent; a code is trimmed, and one that cannot be
    ///   kept as written (over 64 bytes, or with control characters) is
    ///   kept in a marked, shortened form that stays distinct
    ///   ([D23](crate::_documentation::design#d23)).
    /// - A callback's code is its `errmsg`, else its `description`; a
    ///   `FAIL` with neither is a failure with [`NO_CODE`].
    /// - A message is its serial number; a SendSms entry refused without
    ///   one is a message of its own, known by its request (its
    ///   `RequestId`, else its instant) and its place in the response, or
    ///   by itself when it has no place (a table row)
    ///   ([D19](crate::_documentation::design#d19)).
    ///
    /// # Errors
    ///
    /// [`Malformed`], with the reason and whatever time and serial number
    /// could be read ([D22](crate::_documentation::design#d22)), checked in
    /// this order:
    ///
    /// 1. an entry rejected where it was first read
    ///    ([`RawEntry::rejected`], [`RejectReason::Recorded`]), or one its
    ///    reader could not read at all;
    /// 2. its time absent or unreadable ([`RejectReason::MissingField`],
    ///    [`RejectReason::BadTime`]), or outside 1677-2262, the years a
    ///    timestamp of nanoseconds holds (an engine's tables hold no
    ///    other);
    /// 3. a field its reader could not take ([`RejectReason::WrongType`],
    ///    [`RejectReason::RepeatedField`]);
    /// 4. a receipt's status absent or neither `SUCCESS` nor `FAIL`
    ///    ([`RejectReason::UnknownStatus`]), a Pull entry's included;
    /// 5. a receipt without a serial number;
    /// 6. a SendSms entry without a code, or accepted without a serial
    ///    number.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use sms_sla::tencent::{CodeTable, RawEntry};
    ///
    /// let table = CodeTable::tencent_default();
    /// let at = Utc.with_ymd_and_hms(2025, 4, 2, 0, 3, 4).unwrap();
    /// let entry = RawEntry::callback(Some(at), Some("FAIL"), Some(" MK:0001 "), None)
    ///     .serial(Some("s1"))
    ///     .normalize(&table)?;
    /// assert_eq!((entry.status(), entry.code()), (Some("FAIL"), Some("MK:0001")));
    ///
    /// // D23: a Pull entry without ReportStatus is malformed, its time and
    /// // serial number kept to place it (D22).
    /// let malformed = RawEntry::pull(Some(at), None, None).serial(Some("s2")).normalize(&table).unwrap_err();
    /// assert_eq!(malformed.to_string(), "field `ReportStatus` is missing");
    /// assert_eq!((malformed.at(), malformed.serial()), (Some(at), Some("s2")));
    /// # Ok::<(), sms_sla::tencent::Malformed<'static>>(())
    /// ```
    pub fn normalize(self, table: &CodeTable) -> Result<NormalEntry<'a>, Malformed<'a>> {
        let source = self.source;
        let serial = given(self.serial);
        let fail = |reason, at| Malformed { reason, at, serial };
        let given_at = match self.at {
            Time::Given(at) => Some(at),
            Time::Absent | Time::Unreadable(_) => None,
        };
        if let Some(reason) = self.recorded {
            // A reason the library wrote quotes its values within 64
            // bytes; one from elsewhere is cut at four times that.
            let reason = RejectReason::Recorded {
                reason: super::read::quote_within(reason, 256),
            };
            return Err(fail(reason, given_at));
        }
        if let Some(reason) = self.unreadable {
            return Err(fail(*reason, given_at));
        }
        let at = match self.at {
            // A time no table of nanoseconds can hold (before 1677 or after
            // 2262: Unix milliseconds given as seconds, a year mistyped) is
            // no time: every front end reads the same entries (D26).
            Time::Given(at) if at.timestamp_nanos_opt().is_none() => {
                let reason = RejectReason::BadTime {
                    field: source.time_field(),
                    text: at.to_rfc3339(),
                };
                return Err(fail(reason, None));
            }
            Time::Given(at) => at,
            Time::Absent => {
                let field = source.time_field();
                return Err(fail(RejectReason::MissingField { field }, None));
            }
            Time::Unreadable(reason) => return Err(fail(*reason, None)),
        };
        if let Some(reason) = self.bad_field {
            return Err(fail(*reason, Some(at)));
        }
        let says = self
            .statement(serial.is_some(), table)
            .map_err(|reason| fail(reason, Some(at)))?;
        let key = match (serial, self.position) {
            (Some(serial), _) => MessageKey::Serial(serial),
            (None, Some(position)) => MessageKey::Refused {
                request: given(self.request).map_or(Request::At(at), Request::Id),
                position,
            },
            (None, None) => MessageKey::Own,
        };
        Ok(NormalEntry {
            source,
            at,
            key,
            says,
            phone: given(self.phone),
            request: given(self.request),
            position: self.position,
        })
    }
}

impl<'a> RawEntry<'a> {
    /// What the entry says of its message ([D23](crate::_documentation::design#d23)):
    /// a receipt's status and code (or description), or a SendSms
    /// result's code, classified by `table`; the reason it cannot be read
    /// otherwise. A receipt, and an accepted submission, must name their
    /// message (`has_serial`).
    fn statement(&self, has_serial: bool, table: &CodeTable) -> Result<Says<'a>, RejectReason> {
        let source = self.source;
        let missing = |field| RejectReason::MissingField { field };
        let says = if source.is_receipt() {
            let code = kept(self.code).or_else(|| kept(self.description));
            match given(self.status) {
                None => return Err(missing(source.status_field())),
                Some("SUCCESS") => Says::Delivered(code),
                Some("FAIL") => Says::Failed(code.unwrap_or(Cow::Borrowed(NO_CODE))),
                Some(other) => {
                    return Err(RejectReason::UnknownStatus {
                        field: source.status_field(),
                        text: super::read::quote(other),
                    });
                }
            }
        } else {
            let Some(code) = kept(self.code) else {
                return Err(missing(source.status_field()));
            };
            if table.classify(&code) == Some(CodeClass::Submitted) {
                Says::Accepted(code)
            } else {
                return Ok(Says::Refused(code));
            }
        };
        if has_serial {
            Ok(says)
        } else {
            Err(missing(source.serial_field()))
        }
    }
}

/// A code as it is kept ([D23](crate::_documentation::design#d23)):
/// `None` when absent or blank; trimmed; and, when it is over 64 bytes or
/// holds control characters, its first 40 bytes (control characters
/// replaced by `U+FFFD`), `…#` and the 16 hex digits of a hash of the whole
/// code, so that two such codes stay apart.
pub(crate) fn kept(code: Option<&str>) -> Option<Cow<'_, str>> {
    let code = code?.trim();
    if code.is_empty() {
        return None;
    }
    if code.len() <= CODE_MAX && !code.chars().any(char::is_control) {
        return Some(Cow::Borrowed(code));
    }
    let mut marked = String::with_capacity(CODE_MAX);
    for c in code.chars() {
        let c = if c.is_control() { '\u{fffd}' } else { c };
        if marked.len().saturating_add(c.len_utf8()) > MARKED_PREFIX {
            break;
        }
        marked.push(c);
    }
    // Writing to a String cannot fail.
    let _ = write!(marked, "…#{:016x}", fnv1a(code.as_bytes()));
    Some(Cow::Owned(marked))
}

/// The 64-bit FNV-1a hash of `bytes`: fixed, so a marked code and a log's
/// partitions are the same on every machine.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// What a normalised entry says about its message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Says<'a> {
    /// A SendSms entry the table classes as submitted (`Ok`), with its code.
    Accepted(Cow<'a, str>),
    /// A SendSms entry refused at once, with its code.
    Refused(Cow<'a, str>),
    /// A `SUCCESS` receipt, with its code if it gives one.
    Delivered(Option<Cow<'a, str>>),
    /// A `FAIL` receipt, with its code ([`NO_CODE`] when it gives none).
    Failed(Cow<'a, str>),
}

/// Which message an entry is about ([D19](crate::_documentation::design#d19)).
///
/// # Examples
///
/// See [`RawEntry`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MessageKey<'a> {
    /// The message with this serial number.
    Serial(&'a str),
    /// A submission refused without a serial number: a message of its own,
    /// known by its request and its place in the response, so that reading
    /// the response again adds nothing.
    Refused {
        /// The request the response answered.
        request: Request<'a>,
        /// The entry's place in the response, from 0.
        position: u64,
    },
    /// A submission refused without a serial number or a place (a table
    /// row that gives neither): a message of its own, known by nothing
    /// else.
    Own,
}

impl fmt::Display for MessageKey<'_> {
    /// The key as one text, distinct for distinct keys: `s:` and the serial
    /// number; `r:` and the request id, or `t:` and the request instant
    /// (RFC 3339, nanoseconds), then `#` and the position; `own` for a
    /// message known by nothing else (it is never equal to another).
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::tencent::{MessageKey, Request};
    ///
    /// assert_eq!(MessageKey::Serial("2024:1").to_string(), "s:2024:1");
    /// assert_eq!(MessageKey::Refused { request: Request::Id("r1"), position: 2 }.to_string(), "r:r1#2");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Serial(serial) => write!(f, "s:{serial}"),
            Self::Refused {
                request: Request::Id(id),
                position,
            } => write!(f, "r:{id}#{position}"),
            Self::Refused {
                request: Request::At(at),
                position,
            } => write!(
                f,
                "t:{}#{position}",
                at.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true)
            ),
            Self::Own => f.write_str("own"),
        }
    }
}

/// The request a SendSms response answered: its `RequestId`, which Tencent
/// makes unique per request, or, without one, the instant it was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Request<'a> {
    /// The response's `RequestId`.
    Id(&'a str),
    /// The request instant.
    At(DateTime<Utc>),
}

/// One entry as the rules use it ([D19](crate::_documentation::design#d19)-[D23](crate::_documentation::design#d23)):
/// its message, its time, what it says, and the fields a table of entries
/// keeps. Made only by [`RawEntry::normalize`]; normalising its fields again
/// gives it back, so a table written from normalised entries reads as the
/// documents did.
///
/// # Examples
///
/// See [`RawEntry::normalize`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NormalEntry<'a> {
    source: Source,
    at: DateTime<Utc>,
    key: MessageKey<'a>,
    says: Says<'a>,
    phone: Option<&'a str>,
    request: Option<&'a str>,
    position: Option<u64>,
}

impl<'a> NormalEntry<'a> {
    /// Where it comes from.
    #[must_use]
    pub const fn source(&self) -> Source {
        self.source
    }

    /// Its time: a SendSms entry's request instant, a receipt's time.
    #[must_use]
    pub const fn at(&self) -> DateTime<Utc> {
        self.at
    }

    /// The message it is about.
    #[must_use]
    pub const fn key(&self) -> MessageKey<'a> {
        self.key
    }

    /// Its serial number, if it has one.
    #[must_use]
    pub const fn serial(&self) -> Option<&'a str> {
        match self.key {
            MessageKey::Serial(serial) => Some(serial),
            _ => None,
        }
    }

    /// A receipt's status, `SUCCESS` or `FAIL`; `None` for a SendSms entry.
    #[must_use]
    pub const fn status(&self) -> Option<&'static str> {
        match self.says {
            Says::Delivered(_) => Some("SUCCESS"),
            Says::Failed(_) => Some("FAIL"),
            Says::Accepted(_) | Says::Refused(_) => None,
        }
    }

    /// Its code as kept ([D23](crate::_documentation::design#d23)): a
    /// SendSms entry's `Code`, a receipt's `errmsg`
    /// or `description` ([`NO_CODE`] for a `FAIL` with none; `None` for a
    /// `SUCCESS` with none).
    #[must_use]
    pub fn code(&self) -> Option<&str> {
        match &self.says {
            Says::Accepted(code)
            | Says::Refused(code)
            | Says::Failed(code)
            | Says::Delivered(Some(code)) => Some(code),
            Says::Delivered(None) => None,
        }
    }

    /// Whether it is a SendSms entry the code table classes as submitted.
    #[must_use]
    pub const fn is_accepted(&self) -> bool {
        matches!(self.says, Says::Accepted(_))
    }

    /// Its phone number, if given.
    #[must_use]
    pub const fn phone(&self) -> Option<&'a str> {
        self.phone
    }

    /// A SendSms entry's `RequestId`, if given.
    #[must_use]
    pub const fn request_id(&self) -> Option<&'a str> {
        self.request
    }

    /// A SendSms entry's place in its response, if given.
    #[must_use]
    pub const fn position(&self) -> Option<u64> {
        self.position
    }

    /// What it says.
    pub(super) const fn says(&self) -> &Says<'a> {
        &self.says
    }
}

/// An entry that cannot be read as a message: why, and the time and serial
/// number it gave if they could be read, which place it in a Service Month
/// ([D22](crate::_documentation::design#d22)).
///
/// # Examples
///
/// See [`RawEntry::normalize`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Malformed<'a> {
    reason: RejectReason,
    at: Option<DateTime<Utc>>,
    serial: Option<&'a str>,
}

impl<'a> Malformed<'a> {
    /// Why it cannot be read.
    #[must_use]
    pub const fn reason(&self) -> &RejectReason {
        &self.reason
    }

    /// Its time, if it could be read.
    #[must_use]
    pub const fn at(&self) -> Option<DateTime<Utc>> {
        self.at
    }

    /// Its serial number, if it gave one.
    #[must_use]
    pub const fn serial(&self) -> Option<&'a str> {
        self.serial
    }

    /// Its reason, giving up the borrowed serial number.
    pub(super) fn into_reason(self) -> RejectReason {
        self.reason
    }
}

impl std::error::Error for Malformed<'_> {}

impl fmt::Display for Malformed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.reason, f)
    }
}

#[cfg(test)]
mod tests {
    use super::{NO_CODE, fnv1a, kept};

    /// FNV-1a's published 64-bit test vectors.
    #[test]
    fn fnv1a_is_the_published_hash() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn d23_codes_are_trimmed_and_blank_ones_absent() {
        assert_eq!(kept(Some(" MK:0001\t")).as_deref(), Some("MK:0001"));
        assert_eq!(kept(Some("  ")), None);
        assert_eq!(kept(Some("")), None);
        assert_eq!(kept(None), None);
        assert_eq!(kept(Some(NO_CODE)).as_deref(), Some(NO_CODE));
    }

    #[test]
    fn d23_a_code_that_cannot_be_kept_is_marked_and_stays_distinct() {
        let long = "E".repeat(65);
        let other = format!("{}F", "E".repeat(64));
        let marked = kept(Some(&long)).unwrap().into_owned();
        assert_eq!(
            marked,
            format!("{}…#{:016x}", "E".repeat(40), fnv1a(long.as_bytes()))
        );
        assert_ne!(kept(Some(&other)).unwrap(), marked);
        assert!(marked.len() <= 64);
        // Kept again, a marked code is itself.
        assert_eq!(kept(Some(&marked)).unwrap(), marked);
        let control = kept(Some("MK\u{7}0001")).unwrap();
        assert!(control.starts_with("MK\u{fffd}0001…#"), "{control}");
        // 66 bytes of two-byte characters: cut at a character boundary.
        let accents = "é".repeat(33);
        let accents = kept(Some(&accents)).unwrap();
        assert!(
            accents.starts_with(&"é".repeat(20)) && accents.len() <= 64,
            "{accents}"
        );
    }
}
