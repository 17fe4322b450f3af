//! One message's evidence and the D20 rule that decides its outcome: the
//! one implementation behind [`MessageLog`](super::MessageLog) and behind
//! any engine that groups entries by serial number itself
//! ([D19](crate::_documentation::design#d19)-[D21](crate::_documentation::design#d21)).

use hashbrown::HashMap;
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::normal::{NO_CODE, NormalEntry, Says, kept};
use super::stats::LogStats;
use super::{CodeClass, CodeTable, RejectReason};
use crate::error::ParseError;
use crate::traffic::{
    Exemption, FailureCause, InvalidReason, MessageRecord, Outcome, Recipient, UnclassifiedCode,
};

/// The codes a set of messages mention, each once, by a small id, and the
/// table that classifies them.
///
/// An [`Evidence`] refers to codes by id, so its size does not depend on
/// its codes' length; the `Codes` that made its [`Entry`]s reads them back.
/// Every evidence folded together must use the same `Codes`.
///
/// # Examples
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use sms_sla::tencent::{CodeTable, Codes, Evidence, RawEntry};
/// use sms_sla::traffic::Outcome;
///
/// let at = Utc.with_ymd_and_hms(2025, 4, 2, 0, 3, 0).unwrap();
/// let table = CodeTable::tencent_default();
/// let mut codes = Codes::new(table.clone());
/// let mut entry = |raw: RawEntry<'_>| codes.entry(&raw.serial(Some("s1")).normalize(&table).unwrap());
/// let sent = entry(RawEntry::send(Some(at), Some("Ok")));
/// let failed = entry(RawEntry::callback(Some(at), Some("FAIL"), Some("MK:0001"), None));
/// let delivered = entry(RawEntry::callback(Some(at), Some("SUCCESS"), Some("DELIVRD"), None));
/// let mut message = Evidence::new(sent);
/// message.add(failed, &codes);
/// message.add(delivered, &codes);
/// // D20: a confirmed delivery wins over any failure receipt.
/// assert_eq!(message.record(&codes).outcome(), Outcome::Delivered);
/// ```
#[derive(Clone)]
pub struct Codes {
    table: Arc<CodeTable>,
    texts: Vec<Box<str>>,
    ids: HashMap<Box<str>, u32>,
}

impl fmt::Debug for Codes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Codes")
            .field("codes", &self.texts.len())
            .finish_non_exhaustive()
    }
}

impl Codes {
    /// No codes yet, classified by `table`.
    #[must_use]
    pub fn new(table: CodeTable) -> Self {
        Self::sharing(Arc::new(table))
    }

    /// No codes yet, classified by a shared table.
    pub(super) fn sharing(table: Arc<CodeTable>) -> Self {
        Self {
            table,
            texts: Vec::new(),
            ids: HashMap::new(),
        }
    }

    /// The table that classifies the codes.
    #[must_use]
    pub fn table(&self) -> &CodeTable {
        &self.table
    }

    pub(super) const fn shared_table(&self) -> &Arc<CodeTable> {
        &self.table
    }

    /// How many distinct codes have been seen.
    #[must_use]
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    /// Whether no code has been seen.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// Each code's text, by id.
    pub(super) fn texts(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.texts.iter().map(|text| &**text)
    }

    /// The bytes held on the heap for the codes' texts (twice: the list and
    /// the index).
    pub(super) fn heap_bytes(&self) -> usize {
        self.texts.iter().fold(0_usize, |sum, code| {
            sum.saturating_add(code.len().saturating_mul(2))
        })
    }

    /// The id of `code`, made the first time it is seen.
    pub(super) fn id(&mut self, code: &str) -> u32 {
        if let Some(&id) = self.ids.get(code) {
            return id;
        }
        let id = u32::try_from(self.texts.len()).unwrap_or(u32::MAX);
        self.texts.push(code.into());
        self.ids.insert(code.into(), id);
        id
    }

    /// The text of code `id`. Ids are made by [`Codes::id`], so every id
    /// of these codes has a text.
    pub(super) fn text(&self, id: u32) -> &str {
        usize::try_from(id)
            .ok()
            .and_then(|id| self.texts.get(id))
            .map_or("", |code| &**code)
    }

    /// The class of a failure with `code` (a code as kept, D23). A
    /// delivery or submission code where a failure belongs (a delivery code
    /// in a SendSms refusal, a submission code in a receipt) is not one the
    /// table knows for a failure: it is listed for review (D15).
    fn failure(&self, code: &str) -> Class {
        match self.table.classify(code) {
            Some(CodeClass::Delivered | CodeClass::Submitted) | None => Class::Unclassified,
            Some(class) => Class::Known(class),
        }
    }

    /// The id and class of failure code `code`.
    fn failed(&mut self, code: &str) -> (u32, Class) {
        (self.id(code), self.failure(code))
    }

    /// What the rules keep of a normalised entry: what it says about its
    /// message, its time, and a count of one, its code an id in these codes
    /// ([D20](crate::_documentation::design#d20)). A `SUCCESS` with a
    /// failure code, or a `FAIL` with a delivery code, is a contradiction:
    /// it decides nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use sms_sla::tencent::{CodeTable, Codes, EntryKind, RawEntry};
    ///
    /// let at = Utc.with_ymd_and_hms(2025, 4, 2, 0, 3, 0).unwrap();
    /// let table = CodeTable::tencent_default();
    /// let mut codes = Codes::new(table.clone());
    /// let raw = RawEntry::callback(Some(at), Some("SUCCESS"), Some("MK:0001"), None).serial(Some("s1"));
    /// let entry = codes.entry(&raw.normalize(&table)?);
    /// assert_eq!((entry.kind(), entry.code(&codes)), (EntryKind::Contradictory, Some("MK:0001")));
    /// # Ok::<(), sms_sla::tencent::Malformed<'static>>(())
    /// ```
    pub fn entry(&mut self, entry: &NormalEntry<'_>) -> Entry {
        let fact = match entry.says() {
            Says::Accepted(_) => Fact::Sent(Send { refused: None }),
            Says::Refused(code) => Fact::Sent(Send {
                refused: Some(self.failed(code)),
            }),
            Says::Delivered(None) => Fact::Saw(Statement::Delivered),
            Says::Delivered(Some(code)) => match self.table.classify(code) {
                Some(CodeClass::Delivered | CodeClass::Submitted) | None => {
                    Fact::Saw(Statement::Delivered)
                }
                Some(_) => Fact::Saw(Statement::Contradictory(self.id(code))),
            },
            Says::Failed(code) if self.table.classify(code) == Some(CodeClass::Delivered) => {
                Fact::Saw(Statement::Contradictory(self.id(code)))
            }
            Says::Failed(code) => {
                let (id, class) = self.failed(code);
                Fact::Saw(Statement::Failed(id, class))
            }
        };
        Entry {
            at: entry.at(),
            count: 1,
            fact,
        }
    }
}

/// What a failure code says about its message, without the code: a class
/// a table gives, or unclassified ([D4](crate::_documentation::design#d4),
/// [D15](crate::_documentation::design#d15)). Whoever holds the code's text
/// turns it into an outcome with [`Class::outcome`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Class {
    Known(CodeClass),
    /// No table knows the code for a failure.
    Unclassified,
}

impl Class {
    /// The class's number, below 64: 0 unclassified, then the classes a
    /// table gives, each reason and exemption in its list's order. The
    /// inverse of [`Class::from_number`].
    fn number(self) -> usize {
        match self {
            Self::Unclassified => 0,
            Self::Known(CodeClass::Delivered) => 1,
            Self::Known(CodeClass::Submitted) => 2,
            Self::Known(CodeClass::ProviderSide) => 3,
            Self::Known(CodeClass::InvalidNumber(reason)) => reason.index().saturating_add(4),
            Self::Known(CodeClass::Exempt(exemption)) => exemption
                .index()
                .saturating_add(InvalidReason::ALL.len())
                .saturating_add(4),
        }
    }

    /// The class numbered `number` by [`Class::number`], if any.
    fn from_number(number: usize) -> Option<Self> {
        let known = match number {
            0 => return Some(Self::Unclassified),
            1 => CodeClass::Delivered,
            2 => CodeClass::Submitted,
            3 => CodeClass::ProviderSide,
            _ => {
                let reason = number.checked_sub(4)?;
                match InvalidReason::ALL.get(reason) {
                    Some(&reason) => CodeClass::InvalidNumber(reason),
                    None => CodeClass::Exempt(
                        *Exemption::ALL.get(reason.checked_sub(InvalidReason::ALL.len())?)?,
                    ),
                }
            }
        };
        Some(Self::Known(known))
    }

    /// The recipient and outcome of a failure with this class and `code`
    /// (a code as kept, D23: always one an [`UnclassifiedCode`] holds).
    fn outcome(self, code: &str) -> (Recipient, Outcome<'_>) {
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

/// What one entry says about a message: a SendSms submission or a receipt,
/// its time, and how many entries said it. Made by [`Codes::entry`]; its
/// code is an id in those [`Codes`].
///
/// [`Evidence::entries`] gives a message's evidence back as entries, and
/// [`Entry::kind`], [`Entry::code`], [`Entry::at`] and [`Entry::count`]
/// are all an engine needs to store them and [`Entry::rebuild`] them
/// (the partial state of an aggregate, for instance).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    at: DateTime<Utc>,
    count: u32,
    fact: Fact,
}

/// What an entry says, by code id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fact {
    Sent(Send),
    Saw(Statement),
    /// Only a time: the earliest receipt of evidence stored as entries.
    Placed,
}

/// The kind of an [`Entry`]: what it says about its message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EntryKind {
    /// A SendSms submission accepted (`Code` `Ok`).
    Accepted,
    /// A SendSms submission refused, with its code.
    Refused,
    /// A receipt confirming delivery.
    Delivered,
    /// A failure receipt, with its code.
    Failed,
    /// A receipt whose code contradicts its status (a `SUCCESS` with a
    /// failure code, a `FAIL` with a delivery code), with its code.
    Contradictory,
    /// Only a time: the earliest receipt time of a message known from
    /// receipts, which places it ([D21](crate::_documentation::design#d21)),
    /// kept when [`Evidence::entries`] stores evidence whose statements are
    /// all later.
    Placed,
}

impl EntryKind {
    /// Every kind, in declaration order.
    pub const ALL: [Self; 6] = [
        Self::Accepted,
        Self::Refused,
        Self::Delivered,
        Self::Failed,
        Self::Contradictory,
        Self::Placed,
    ];

    /// The kind's stable name: `accepted`, `refused`, `delivered`,
    /// `failed`, `contradictory` or `placed`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::tencent::EntryKind;
    ///
    /// assert_eq!(EntryKind::Contradictory.name(), "contradictory");
    /// assert_eq!("placed".parse::<EntryKind>(), Ok(EntryKind::Placed));
    /// assert_eq!("lost".parse::<EntryKind>().unwrap_err().to_string(), "`lost` is not an entry kind");
    /// ```
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Accepted => "accepted",
            Self::Refused => "refused",
            Self::Delivered => "delivered",
            Self::Failed => "failed",
            Self::Contradictory => "contradictory",
            Self::Placed => "placed",
        }
    }
}

impl fmt::Display for EntryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl core::str::FromStr for EntryKind {
    type Err = crate::error::Error;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.name() == text)
            .ok_or_else(|| {
                crate::error::Error::Parse(ParseError::UnknownEntryKind {
                    text: super::read::quote(text),
                })
            })
    }
}

impl Entry {
    /// The entry's time: a submission's request instant, a receipt's time.
    #[must_use]
    pub const fn at(&self) -> DateTime<Utc> {
        self.at
    }

    /// How many entries said this.
    #[must_use]
    pub const fn count(&self) -> u32 {
        self.count
    }

    /// What the entry says.
    #[must_use]
    pub const fn kind(&self) -> EntryKind {
        match self.fact {
            Fact::Sent(Send { refused: None }) => EntryKind::Accepted,
            Fact::Sent(Send { refused: Some(_) }) => EntryKind::Refused,
            Fact::Saw(Statement::Delivered) => EntryKind::Delivered,
            Fact::Saw(Statement::Failed(..)) => EntryKind::Failed,
            Fact::Saw(Statement::Contradictory(_)) => EntryKind::Contradictory,
            Fact::Placed => EntryKind::Placed,
        }
    }

    /// The entry's code, read in the [`Codes`] that made it: a refusal's,
    /// a failure's or a contradiction's; `None` for the other kinds.
    #[must_use]
    pub fn code<'c>(&self, codes: &'c Codes) -> Option<&'c str> {
        match self.fact {
            Fact::Sent(Send {
                refused: Some((id, _)),
            })
            | Fact::Saw(Statement::Failed(id, _) | Statement::Contradictory(id)) => {
                Some(codes.text(id))
            }
            _ => None,
        }
    }

    /// The id of the entry's code in the [`Codes`] that made it.
    pub(super) const fn code_id(&self) -> Option<u32> {
        match self.fact {
            Fact::Sent(Send {
                refused: Some((id, _)),
            })
            | Fact::Saw(Statement::Failed(id, _) | Statement::Contradictory(id)) => Some(id),
            _ => None,
        }
    }

    /// The same entry at `at` instead.
    pub(super) const fn placed_at(self, at: DateTime<Utc>) -> Self {
        Self { at, ..self }
    }

    /// The position of the entry's kind in [`EntryKind::ALL`].
    pub(super) fn kind_index(&self) -> usize {
        let kind = self.kind();
        EntryKind::ALL
            .iter()
            .position(|&known| known == kind)
            .unwrap_or(0)
    }

    /// The same entry said `count` times.
    #[must_use]
    pub const fn times(self, count: u32) -> Self {
        Self { count, ..self }
    }

    /// The same entry with its code id translated into other codes.
    pub(super) fn translated(self, translate: &impl Fn(u32) -> u32) -> Self {
        let fact = match self.fact {
            Fact::Sent(send) => Fact::Sent(send.translated(translate)),
            Fact::Saw(said) => Fact::Saw(said.translated(translate)),
            Fact::Placed => Fact::Placed,
        };
        Self { fact, ..self }
    }

    /// The entry of `kind` with `code` at `at`, said `count` times, in
    /// `codes`: the inverse of reading an entry's [`Entry::kind`],
    /// [`Entry::code`], [`Entry::at`] and [`Entry::count`], for evidence
    /// stored as columns. The code is kept and classified again as
    /// [`Codes::entry`] does (a failure without one is [`NO_CODE`],
    /// D23); with the table that made the entry, the entry is the same.
    ///
    /// # Errors
    ///
    /// [`RejectReason::MissingField`] (`code`) for a refusal or a
    /// contradiction without a code.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use sms_sla::tencent::{CodeTable, Codes, Entry, EntryKind};
    ///
    /// let at = Utc.with_ymd_and_hms(2025, 4, 2, 0, 3, 0).unwrap();
    /// let mut codes = Codes::new(CodeTable::tencent_default());
    /// let entry = Entry::rebuild(EntryKind::Failed, Some("MK:0001"), at, 3, &mut codes)?;
    /// let (kind, code) = (entry.kind(), entry.code(&codes).map(String::from));
    /// let mut elsewhere = Codes::new(CodeTable::tencent_default());
    /// let again = Entry::rebuild(kind, code.as_deref(), at, 3, &mut elsewhere)?;
    /// assert_eq!((again.kind(), again.code(&elsewhere), again.count()), (kind, code.as_deref(), 3));
    /// # Ok::<(), sms_sla::tencent::RejectReason>(())
    /// ```
    pub fn rebuild(
        kind: EntryKind,
        code: Option<&str>,
        at: DateTime<Utc>,
        count: u32,
        codes: &mut Codes,
    ) -> Result<Self, RejectReason> {
        let code = kept(code);
        let code_or_missing = || {
            code.as_deref()
                .ok_or(RejectReason::MissingField { field: "code" })
        };
        let fact = match kind {
            EntryKind::Accepted => Fact::Sent(Send { refused: None }),
            EntryKind::Refused => Fact::Sent(Send {
                refused: Some(codes.failed(code_or_missing()?)),
            }),
            EntryKind::Delivered => Fact::Saw(Statement::Delivered),
            EntryKind::Placed => Fact::Placed,
            EntryKind::Failed => {
                let (id, class) = codes.failed(code.as_deref().unwrap_or(NO_CODE));
                Fact::Saw(Statement::Failed(id, class))
            }
            EntryKind::Contradictory => {
                Fact::Saw(Statement::Contradictory(codes.id(code_or_missing()?)))
            }
        };
        Ok(Self { at, count, fact })
    }
}

/// Everything known about one message
/// ([D19](crate::_documentation::design#d19)-[D21](crate::_documentation::design#d21)):
/// its send, if read, and each distinct thing its receipts said, with how
/// often and when last. Folding entries in any order, or merging evidence
/// gathered apart, gives the same evidence, so the outcome never depends
/// on reading order.
///
/// [`MessageLog`](super::MessageLog) keeps one per serial number; an
/// engine that groups entries by serial number itself keeps one per
/// group (the `sms-sla-datafusion` aggregate does).
///
/// # Examples
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use sms_sla::tencent::{CodeTable, Codes, Entry, EntryKind, Evidence};
///
/// let at = |h| Utc.with_ymd_and_hms(2025, 4, 2, h, 0, 0).unwrap();
/// let mut codes = Codes::new(CodeTable::tencent_default());
/// let mut entry = |kind, code, at| Entry::rebuild(kind, code, at, 1, &mut codes);
/// let failed = entry(EntryKind::Failed, Some("MK:0001"), at(9))?;
/// let sent = entry(EntryKind::Accepted, None, at(8))?;
/// let mut message = Evidence::new(failed);
/// message.add(failed, &codes);
/// message.add(sent, &codes);
/// let stats = message.stats(&codes, true);
/// // A redelivered callback: one message, one duplicate.
/// assert_eq!((stats.messages(), stats.receipts(), stats.duplicates()), (1, 2, 1));
/// // D21: the send's request instant places the message.
/// assert_eq!(message.record(&codes).sent_at(), at(8));
/// # Ok::<(), sms_sla::tencent::RejectReason>(())
/// ```
#[derive(Clone)]
pub struct Evidence(Held);

/// How a message's evidence is held: packed when it fits, as most
/// messages' does, else in full on the heap.
#[derive(Clone)]
enum Held {
    Packed(Packed),
    Full(Box<Full>),
}

// A message's evidence is 24 bytes (BENCHMARKS.md, "bytes a message held"):
// a `Box` fits beside the packed form's flag, whose spare values tell the
// two apart.
const _: () = assert!(size_of::<Evidence>() <= 24);

/// Everything known about one message, in full: the form every rule
/// reads and changes.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Full {
    /// The instant that places it in a day and Service Month
    /// ([D21](crate::_documentation::design#d21)): its send's request
    /// instant when known, else its earliest receipt time. Every message is
    /// made by an entry with a time, so it always has one.
    sent_at: DateTime<Utc>,
    /// Its SendSms entry, if read: its instant is `sent_at`.
    send: Option<Send>,
    /// How many SendSms entries mention it.
    sends: u32,
    /// The first distinct thing its receipts say, held inline: most
    /// messages say one thing.
    first: Option<Observed>,
    /// Any further distinct things (conflicts).
    more: Vec<Observed>,
}

/// The evidence of a message placed between 1677 and 2262, whose receipts
/// say one thing at a whole second, and whose counts and code ids are
/// small: 24 bytes instead of a box of [`Full`]'s 72 and its heap list.
/// [`Packed::of`] packs exactly or not at all, and [`Packed::full`] gives
/// the same [`Full`] back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Packed {
    /// The placing instant, in nanoseconds since the Unix epoch (a send's
    /// request instant often has a fraction of a second).
    sent: i64,
    /// The statement's latest time, in seconds after the second `sent`
    /// falls in (0 without one).
    latest: i32,
    /// The statement, if any: its kind, class and code id in one word
    /// ([`Packed::said`]).
    said: u32,
    /// The send's refusal, if refused: a flag, its class and code id.
    refused: u32,
    /// How many SendSms entries mention it.
    sends: u8,
    /// How many receipts said the statement.
    count: u8,
    /// Whether a send was read.
    send: bool,
}

/// Where a packed word's parts lie: the code id in the low 24 bits, the
/// class's number ([`Class::number`]) in the next 6, a kind in the top 2.
const ID_BITS: u32 = 24;
const CLASS_BITS: u32 = 6;
const KIND_SHIFT: u32 = ID_BITS + CLASS_BITS;
const KIND_DELIVERED: u32 = 1;
const KIND_FAILED: u32 = 2;
const KIND_CONTRADICTORY: u32 = 3;

/// A packed word of `kind`, with code `id` and class `class`, if the id and
/// class fit.
fn word(kind: u32, id: u32, class: Option<Class>) -> Option<u32> {
    let class = class.map_or(Some(0), |class| u32::try_from(class.number()).ok())?;
    (id < 1 << ID_BITS && class < 1 << CLASS_BITS)
        .then_some((kind << KIND_SHIFT) | (class << ID_BITS) | id)
}

/// A packed word's kind, code id, and class (`None` for a class's number no
/// class has, which [`word`] never writes).
fn unword(word: u32) -> (u32, u32, Option<Class>) {
    let class = (word >> ID_BITS) & ((1 << CLASS_BITS) - 1);
    (
        word >> KIND_SHIFT,
        word & ((1 << ID_BITS) - 1),
        usize::try_from(class).ok().and_then(Class::from_number),
    )
}

/// Nanoseconds in a second.
const NANOS: i64 = 1_000_000_000;

/// An instant's nanoseconds since the Unix epoch, if it has them in 64 bits
/// and is not in a leap second (whose nanoseconds would be the next
/// second's).
fn nanos(at: DateTime<Utc>) -> Option<i64> {
    (at.timestamp_subsec_nanos() < 1_000_000_000)
        .then(|| at.timestamp_nanos_opt())
        .flatten()
}

/// An instant's seconds since the Unix epoch, if it is a whole second.
fn whole_seconds(at: DateTime<Utc>) -> Option<i64> {
    (at.timestamp_subsec_nanos() == 0).then(|| at.timestamp())
}

impl Packed {
    /// `full` packed, if it fits.
    fn of(full: &Full) -> Option<Self> {
        if !full.more.is_empty() {
            return None;
        }
        let sent = nanos(full.sent_at)?;
        let (latest, said, count) = match full.first {
            None => (0, 0, 0),
            Some(seen) => {
                let latest = whole_seconds(seen.latest)?.checked_sub(sent.div_euclid(NANOS))?;
                let said = match seen.said {
                    Statement::Delivered => word(KIND_DELIVERED, 0, None),
                    Statement::Failed(id, class) => word(KIND_FAILED, id, Some(class)),
                    Statement::Contradictory(id) => word(KIND_CONTRADICTORY, id, None),
                }?;
                (
                    i32::try_from(latest).ok()?,
                    said,
                    u8::try_from(seen.count).ok()?,
                )
            }
        };
        let refused = match full.send.and_then(|send| send.refused) {
            None => 0,
            Some((id, class)) => word(1, id, Some(class))?,
        };
        Some(Self {
            sent,
            latest,
            said,
            refused,
            sends: u8::try_from(full.sends).ok()?,
            count,
            send: full.send.is_some(),
        })
    }

    /// The evidence in full, if the words are ones [`Packed::of`] writes.
    fn full(self) -> Option<Full> {
        let sent_at = DateTime::from_timestamp_nanos(self.sent);
        let send = if self.send {
            Some(Send {
                refused: self.refusal().ok()?,
            })
        } else {
            None
        };
        let first = match self.statement().ok()? {
            None => None,
            Some(said) => Some(Observed {
                said,
                latest: DateTime::from_timestamp(
                    self.sent
                        .div_euclid(NANOS)
                        .checked_add(i64::from(self.latest))?,
                    0,
                )?,
                count: u32::from(self.count),
            }),
        };
        Some(Full {
            sent_at,
            send,
            sends: u32::from(self.sends),
            first,
            more: Vec::new(),
        })
    }

    /// The send's refusal, if any.
    fn refusal(self) -> Result<Option<(u32, Class)>, BadWord> {
        match unword(self.refused) {
            (0, _, _) => Ok(None),
            (_, id, class) => Ok(Some((id, class.ok_or(BadWord)?))),
        }
    }

    /// The statement, if any.
    fn statement(self) -> Result<Option<Statement>, BadWord> {
        Ok(match unword(self.said) {
            (0, _, _) => None,
            (KIND_DELIVERED, _, _) => Some(Statement::Delivered),
            (KIND_FAILED, id, class) => Some(Statement::Failed(id, class.ok_or(BadWord)?)),
            (_, id, _) => Some(Statement::Contradictory(id)),
        })
    }

    /// The message's record, as [`Full::record`] gives it, without reading
    /// the statement's time: one statement decides alone.
    fn record(self, codes: &Codes) -> Option<MessageRecord<'_>> {
        let decides = match self.statement().ok()? {
            Some(Statement::Contradictory(_)) | None => None,
            said => said,
        };
        let refused = if self.send {
            self.refusal().ok()?
        } else {
            None
        };
        let (recipient, outcome) = outcome(decides, refused, codes);
        Some(MessageRecord::new(
            DateTime::from_timestamp_nanos(self.sent),
            recipient,
            outcome,
        ))
    }
}

/// A packed word with a class's number no class has, which [`Packed::of`]
/// never writes.
#[derive(Debug)]
struct BadWord;

/// The recipient and outcome of a message whose receipts decide `said`
/// ([D20](crate::_documentation::design#d20)), and whose send was refused
/// with `refused`, if it was.
fn outcome(
    said: Option<Statement>,
    refused: Option<(u32, Class)>,
    codes: &Codes,
) -> (Recipient, Outcome<'_>) {
    match said {
        Some(Statement::Failed(id, class)) => class.outcome(codes.text(id)),
        Some(Statement::Delivered) => (Recipient::Valid, Outcome::Delivered),
        _ => match refused {
            Some((id, class)) => class.outcome(codes.text(id)),
            None => (Recipient::Valid, Outcome::Unconfirmed),
        },
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Send {
    /// The refusal code's id and class, when refused at once.
    pub(super) refused: Option<(u32, Class)>,
}

/// One distinct thing receipts say about a message, how often, and when
/// last.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Observed {
    pub(super) said: Statement,
    pub(super) latest: DateTime<Utc>,
    pub(super) count: u32,
}

/// What a receipt says, reduced to what decides an outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Statement {
    Delivered,
    /// A failure: its code's id, and its class.
    Failed(u32, Class),
    /// A receipt whose code contradicts its status (a `SUCCESS` with a
    /// failure code, a `FAIL` with a delivery code), by code id.
    Contradictory(u32),
}

impl Send {
    /// The same send with its code id translated into other codes.
    pub(super) fn translated(self, translate: &impl Fn(u32) -> u32) -> Self {
        Self {
            refused: self.refused.map(|(id, class)| (translate(id), class)),
        }
    }
}

impl Statement {
    /// The same statement with its code id translated into other codes.
    pub(super) fn translated(self, translate: &impl Fn(u32) -> u32) -> Self {
        match self {
            Self::Failed(id, class) => Self::Failed(translate(id), class),
            Self::Contradictory(id) => Self::Contradictory(translate(id)),
            Self::Delivered => Self::Delivered,
        }
    }

    /// Whether two statements are the same outcome (deliveries all are).
    fn same(self, other: Self) -> bool {
        match (self, other) {
            (Self::Failed(a, _), Self::Failed(b, _))
            | (Self::Contradictory(a), Self::Contradictory(b)) => a == b,
            (Self::Delivered, Self::Delivered) => true,
            _ => false,
        }
    }
}

impl fmt::Debug for Evidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.full().fmt(f)
    }
}

impl Evidence {
    /// A message known from one entry.
    #[must_use]
    pub fn new(entry: Entry) -> Self {
        let mut full = Full::at(entry.at);
        full.note(entry, &|_, _| false);
        Self::held(full)
    }

    /// A message first seen at `at`, nothing known yet.
    pub(super) fn at(at: DateTime<Utc>) -> Self {
        Self::held(Full::at(at))
    }

    /// A message known from `first`, then each of `rest` added, made
    /// `codes`: packed once, at the end.
    pub(super) fn folded(first: Entry, rest: &[Entry], codes: &Codes) -> Self {
        let mut full = Full::at(first.at);
        full.note(first, &|_, _| false);
        for &entry in rest {
            full.note(entry, &|a, b| codes.text(a) > codes.text(b));
        }
        Self::held(full)
    }

    /// `full`, packed if it fits.
    fn held(full: Full) -> Self {
        Self(Packed::of(&full).map_or_else(|| Held::Full(Box::new(full)), Held::Packed))
    }

    /// The evidence in full: borrowed, or unpacked (which allocates
    /// nothing).
    fn full(&self) -> Cow<'_, Full> {
        match &self.0 {
            Held::Full(full) => Cow::Borrowed(&**full),
            // `Packed::of` made it, so it unpacks; were it ever not to, the
            // packed form's own fields are still known.
            Held::Packed(packed) => Cow::Owned(
                packed
                    .full()
                    .unwrap_or_else(|| Full::at(DateTime::from_timestamp_nanos(packed.sent))),
            ),
        }
    }

    /// Changes the evidence in full, then packs it again if it fits.
    fn change(&mut self, change: impl FnOnce(&mut Full)) {
        match &mut self.0 {
            Held::Full(full) => change(full),
            Held::Packed(_) => {
                let mut full = self.full().into_owned();
                change(&mut full);
                *self = Self::held(full);
            }
        }
    }

    /// Adds what one entry says; `codes` made it (and every entry before).
    pub fn add(&mut self, entry: Entry, codes: &Codes) {
        self.change(|full| full.note(entry, &|a, b| codes.text(a) > codes.text(b)));
    }

    /// Adds everything `other` knows; both were made with `codes`.
    pub fn merge(&mut self, other: &Self, codes: &Codes) {
        self.absorb(other, &|id| id, codes);
    }

    /// What is known, as entries to store and [`Entry::rebuild`]: the send
    /// (counted once per SendSms entry), then each distinct receipt
    /// statement with its count and latest time. Folding them into a new
    /// [`Evidence`] gives this evidence back.
    pub fn entries(&self) -> impl Iterator<Item = Entry> + '_ {
        let full = self.full();
        let send = full.send.map(|send| Entry {
            at: full.sent_at,
            count: full.sends.max(1),
            fact: Fact::Sent(send),
        });
        // Receipts alone place a message at their earliest time, which a
        // statement's latest time may have moved past: an entry with no
        // count-bearing effect keeps it.
        let placed = match full.send {
            None => full
                .said()
                .all(|seen| seen.latest > full.sent_at)
                .then_some(Entry {
                    at: full.sent_at,
                    count: 0,
                    fact: Fact::Placed,
                }),
            Some(_) => None,
        };
        let said = full.said().count();
        send.into_iter()
            .chain(placed)
            .chain((0..said).filter_map(move |position| {
                full.said().nth(position).map(|seen| Entry {
                    at: seen.latest,
                    count: seen.count,
                    fact: Fact::Saw(seen.said),
                })
            }))
    }

    /// Adds everything `other` knows, its code ids translated into `codes`.
    pub(super) fn absorb(&mut self, other: &Self, translate: &impl Fn(u32) -> u32, codes: &Codes) {
        let other = other.full();
        self.change(|full| full.absorb(&other, translate, codes));
    }

    /// The one entry that decides the message's outcome, at its send
    /// instant ([D20](crate::_documentation::design#d20),
    /// [D21](crate::_documentation::design#d21)): a message known from it
    /// alone has the same [`Evidence::record`]. An engine that reconciles
    /// by serial number on some machines and tallies by account on others
    /// passes this entry between them.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use sms_sla::tencent::{CodeTable, Codes, Entry, EntryKind, Evidence};
    ///
    /// let at = |h| Utc.with_ymd_and_hms(2025, 4, 2, h, 0, 0).unwrap();
    /// let mut codes = Codes::new(CodeTable::tencent_default());
    /// let mut message = Evidence::new(Entry::rebuild(EntryKind::Accepted, None, at(8), 1, &mut codes)?);
    /// message.add(Entry::rebuild(EntryKind::Failed, Some("MK:0001"), at(9), 1, &mut codes)?, &codes);
    /// message.add(Entry::rebuild(EntryKind::Failed, Some("MK:0005"), at(10), 1, &mut codes)?, &codes);
    /// let decisive = message.decisive(&codes);
    /// assert_eq!((decisive.kind(), decisive.code(&codes), decisive.at()), (EntryKind::Failed, Some("MK:0005"), at(8)));
    /// assert_eq!(Evidence::new(decisive).record(&codes), message.record(&codes));
    /// # Ok::<(), sms_sla::tencent::RejectReason>(())
    /// ```
    #[must_use]
    pub fn decisive(&self, codes: &Codes) -> Entry {
        self.full().decisive(codes)
    }

    /// The message's record: its final outcome
    /// ([D20](crate::_documentation::design#d20)) and send instant
    /// ([D21](crate::_documentation::design#d21)), its code read in
    /// `codes`.
    #[must_use]
    pub fn record<'c>(&self, codes: &'c Codes) -> MessageRecord<'c> {
        match &self.0 {
            Held::Packed(packed) => packed
                .record(codes)
                .unwrap_or_else(|| self.full().record(codes)),
            Held::Full(full) => full.record(codes),
        }
    }

    /// The message counted ([D20](crate::_documentation::design#d20)): one
    /// message; its sends and receipts; receipts that repeat the final
    /// outcome beyond the first (duplicates) and those that say another
    /// (conflicts); unreceipted when accepted with no receipt; unmatched
    /// when `sends_read` (some SendSms data was read) and its send was not
    /// ([D21](crate::_documentation::design#d21)). Sums over messages give
    /// [`MessageLog::stats`](super::MessageLog::stats).
    #[must_use]
    pub fn stats(&self, codes: &Codes, sends_read: bool) -> LogStats {
        self.full().stats(codes, sends_read)
    }

    /// The bytes held on the heap: none for packed evidence.
    pub(super) fn heap_bytes(&self) -> usize {
        match &self.0 {
            Held::Packed(_) => 0,
            Held::Full(full) => full
                .more
                .capacity()
                .saturating_mul(size_of::<Observed>())
                .saturating_add(size_of::<Full>()),
        }
    }

    /// The instant that places it ([D21](crate::_documentation::design#d21)).
    pub(super) fn sent_at(&self) -> DateTime<Utc> {
        match &self.0 {
            Held::Full(full) => full.sent_at,
            Held::Packed(packed) => DateTime::from_timestamp_nanos(packed.sent),
        }
    }

    /// The instant that would place it once `entry` is added: a send's
    /// request instant (the earliest) when a send is known, else the
    /// earliest receipt time ([D21](crate::_documentation::design#d21)).
    pub(super) fn placed_with(&self, entry: &Entry) -> DateTime<Utc> {
        let full = self.full();
        match (full.send.is_some(), matches!(entry.fact, Fact::Sent(_))) {
            (true, true) | (false, false) => full.sent_at.min(entry.at),
            (true, false) => full.sent_at,
            (false, true) => entry.at,
        }
    }

    /// The instant that would place it once `other` is absorbed.
    pub(super) fn placed_with_all(&self, other: &Self) -> DateTime<Utc> {
        let (mine, theirs) = (self.full(), other.full());
        match (mine.send.is_some(), theirs.send.is_some()) {
            (true, true) | (false, false) => mine.sent_at.min(theirs.sent_at),
            (true, false) => mine.sent_at,
            (false, true) => theirs.sent_at,
        }
    }

    /// How many entries it was made from: sends and receipts.
    pub(super) fn entries_read(&self) -> u64 {
        let full = self.full();
        full.said().fold(u64::from(full.sends), |sum, seen| {
            sum.saturating_add(u64::from(seen.count))
        })
    }
}

impl Full {
    /// A message first seen at `at`, nothing known yet.
    const fn at(at: DateTime<Utc>) -> Self {
        Self {
            sent_at: at,
            send: None,
            sends: 0,
            first: None,
            more: Vec::new(),
        }
    }

    fn note(&mut self, entry: Entry, greater: &impl Fn(u32, u32) -> bool) {
        match entry.fact {
            Fact::Sent(send) => {
                let sends = self.sends;
                self.sent_with(entry.at, send, greater);
                self.sends = sends.saturating_add(entry.count);
            }
            Fact::Saw(said) => self.saw(Observed {
                said,
                latest: entry.at,
                count: entry.count,
            }),
            Fact::Placed => self.placed(entry.at),
        }
    }

    /// Notes one SendSms entry: the earliest request instant is the send
    /// instant; of two refusals the greatest code is kept, so reading order
    /// never matters.
    fn sent(&mut self, at: DateTime<Utc>, send: Send, codes: &Codes) {
        self.sends = self.sends.saturating_add(1);
        self.sent_with(at, send, &|a, b| codes.text(a) > codes.text(b));
    }

    fn sent_with(&mut self, at: DateTime<Utc>, send: Send, greater: &impl Fn(u32, u32) -> bool) {
        let (at, send) = match self.send {
            None => (at, send),
            Some(known) => (
                self.sent_at.min(at),
                Send {
                    refused: match (known.refused, send.refused) {
                        (Some(a), Some(b)) => Some(if greater(b.0, a.0) { b } else { a }),
                        (a, b) => a.or(b),
                    },
                },
            ),
        };
        self.sent_at = at;
        self.send = Some(send);
    }

    /// Each distinct thing its receipts say.
    fn said(&self) -> impl Iterator<Item = &Observed> + '_ {
        self.first.iter().chain(self.more.iter())
    }

    /// Notes a receipt time: with no send read, the earliest places the
    /// message ([D21](crate::_documentation::design#d21)).
    fn placed(&mut self, at: DateTime<Utc>) {
        if self.send.is_none() {
            self.sent_at = self.sent_at.min(at);
        }
    }

    /// Notes what receipts said: a statement already seen counts again and
    /// keeps its latest time. A count of 0 only places the message.
    fn saw(&mut self, seen: Observed) {
        self.placed(seen.latest);
        if seen.count == 0 {
            return;
        }
        let known = self
            .first
            .iter_mut()
            .chain(self.more.iter_mut())
            .find(|known| known.said.same(seen.said));
        if let Some(known) = known {
            known.count = known.count.saturating_add(seen.count);
            known.latest = known.latest.max(seen.latest);
        } else if self.first.is_none() {
            self.first = Some(seen);
        } else {
            self.more.push(seen);
        }
    }

    fn absorb(&mut self, other: &Self, translate: &impl Fn(u32) -> u32, codes: &Codes) {
        if let Some(send) = other.send {
            let sends = self.sends;
            self.sent(other.sent_at, send.translated(translate), codes);
            self.sends = sends.saturating_add(other.sends);
        }
        if self.send.is_none() {
            self.sent_at = self.sent_at.min(other.sent_at);
        }
        for seen in other.said() {
            self.saw(Observed {
                said: seen.said.translated(translate),
                ..*seen
            });
        }
    }

    /// The receipt statement that decides the outcome, if any
    /// ([D20](crate::_documentation::design#d20)): a delivery, else the
    /// latest failure (ties: the greatest code, by its text).
    fn final_statement(&self, codes: &Codes) -> Option<Statement> {
        if self.said().any(|seen| seen.said == Statement::Delivered) {
            return Some(Statement::Delivered);
        }
        self.said()
            .filter_map(|seen| match seen.said {
                Statement::Failed(id, _) => Some((seen.latest, codes.text(id), seen.said)),
                _ => None,
            })
            .max_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)))
            .map(|(_, _, said)| said)
    }

    fn decisive(&self, codes: &Codes) -> Entry {
        let fact = match (self.final_statement(codes), self.send) {
            (Some(statement), _) => Fact::Saw(statement),
            (None, Some(send)) => Fact::Sent(send),
            // No delivery, failure or send: only statements that leave the
            // message unconfirmed (contradictions), or none at all.
            (None, None) => self.first.map_or(Fact::Placed, |seen| Fact::Saw(seen.said)),
        };
        Entry {
            at: self.sent_at,
            count: 1,
            fact,
        }
    }

    fn record<'c>(&self, codes: &'c Codes) -> MessageRecord<'c> {
        let (recipient, outcome) = outcome(
            self.final_statement(codes),
            self.send.and_then(|send| send.refused),
            codes,
        );
        MessageRecord::new(self.sent_at, recipient, outcome)
    }

    fn stats(&self, codes: &Codes, sends_read: bool) -> LogStats {
        let receipts = self
            .said()
            .fold(0_u64, |sum, seen| sum.saturating_add(u64::from(seen.count)));
        let final_said = self.final_statement(codes);
        let mut primary = u64::from(self.send.is_some());
        let mut conflicting = 0_u64;
        for seen in self.said() {
            primary = primary.saturating_add(1);
            let disagrees = match seen.said {
                Statement::Contradictory(_) => true,
                said => !final_said.is_some_and(|final_said| final_said.same(said)),
            };
            conflicting = conflicting.saturating_add(u64::from(disagrees));
        }
        // The entry that makes the message is never its own conflict.
        let conflicts = conflicting.min(primary.saturating_sub(1));
        let entries = u64::from(self.sends).saturating_add(receipts);
        LogStats {
            messages: 1,
            sends: u64::from(self.sends),
            receipts,
            matched: primary.saturating_sub(1).saturating_sub(conflicts),
            duplicates: entries.saturating_sub(primary),
            conflicts,
            unreceipted: u64::from(
                self.send.is_some_and(|send| send.refused.is_none()) && self.first.is_none(),
            ),
            unmatched: u64::from(sends_read && self.send.is_none()),
            rejected: 0,
            late: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Every class a table gives, and unclassified.
    fn classes() -> Vec<Class> {
        let mut all = vec![
            Class::Unclassified,
            Class::Known(CodeClass::Delivered),
            Class::Known(CodeClass::Submitted),
            Class::Known(CodeClass::ProviderSide),
        ];
        all.extend(InvalidReason::ALL.map(|reason| Class::Known(CodeClass::InvalidNumber(reason))));
        all.extend(Exemption::ALL.map(|exemption| Class::Known(CodeClass::Exempt(exemption))));
        all
    }

    #[test]
    fn every_class_has_its_own_number_below_64() {
        let all = classes();
        for (number, &class) in all.iter().enumerate() {
            assert_eq!(class.number(), number);
            assert_eq!(Class::from_number(number), Some(class));
        }
        assert!(all.len() <= 64);
        assert_eq!(Class::from_number(all.len()), None);
    }

    #[test]
    fn evidence_is_24_bytes_and_packs_the_common_message() {
        assert_eq!(size_of::<Evidence>(), 24);
        let at = DateTime::from_timestamp(1_743_552_000, 0).unwrap();
        let class = Class::Known(CodeClass::Exempt(Exemption::ALL[16]));
        let mut message = Evidence::at(at);
        let said = Statement::Failed((1 << ID_BITS) - 1, class);
        message.change(|full| {
            full.sent(
                at,
                Send { refused: None },
                &Codes::new(CodeTable::tencent_default()),
            );
            full.saw(Observed {
                said,
                latest: at + chrono::Duration::seconds(i64::from(i32::MAX)),
                count: 255,
            });
        });
        assert!(matches!(message.0, Held::Packed(_)));
        assert_eq!(message.heap_bytes(), 0);
        assert_eq!(message.full().first.map(|seen| seen.said), Some(said));
    }

    /// An instant: whole seconds, or with a fraction (a leap second's too).
    fn instant() -> impl Strategy<Value = DateTime<Utc>> {
        let seconds = prop_oneof![
            1_700_000_000_i64..1_700_000_100,
            Just(DateTime::<Utc>::MIN_UTC.timestamp()),
            Just(DateTime::<Utc>::MAX_UTC.timestamp()),
            Just(3_847_483_647_i64),
        ];
        let nanos =
            prop_oneof![3 => Just(0_u32), 1 => Just(200_000_000), 1 => 0_u32..2_000_000_000];
        (seconds, nanos).prop_filter_map("an instant", |(seconds, nanos)| {
            DateTime::from_timestamp(seconds, nanos)
        })
    }

    fn entry() -> impl Strategy<Value = Entry> {
        let id = prop_oneof![0_u32..4, Just(1 << ID_BITS), Just(u32::MAX)];
        let class = (0..classes().len()).prop_map(|number| classes()[number]);
        let fact = prop_oneof![
            Just(Fact::Placed),
            Just(Fact::Saw(Statement::Delivered)),
            (id.clone(), class.clone())
                .prop_map(|(id, class)| Fact::Saw(Statement::Failed(id, class))),
            id.clone()
                .prop_map(|id| Fact::Saw(Statement::Contradictory(id))),
            Just(Fact::Sent(Send { refused: None })),
            (id, class).prop_map(|(id, class)| Fact::Sent(Send {
                refused: Some((id, class))
            })),
        ];
        let count = prop_oneof![0_u32..3, Just(255), Just(256), Just(u32::MAX)];
        (instant(), count, fact).prop_map(|(at, count, fact)| Entry { at, count, fact })
    }

    proptest! {
        /// Packed or not, evidence is what the same entries make in full.
        #[test]
        fn packing_never_changes_what_is_known(entries in prop::collection::vec(entry(), 1..6)) {
            let mut codes = Codes::new(CodeTable::tencent_default());
            for code in ["a", "b", "c", "d"] {
                codes.id(code);
            }
            let mut full = Full::at(entries[0].at);
            let mut held = Evidence::new(entries[0]);
            full.note(entries[0], &|_, _| false);
            for &entry in &entries[1..] {
                full.note(entry, &|a, b| codes.text(a) > codes.text(b));
                held.add(entry, &codes);
                prop_assert_eq!(&*held.full(), &full);
            }
            // Packed only when it fits (once in full, it stays so).
            if matches!(held.0, Held::Packed(_)) {
                prop_assert!(Packed::of(&full).is_some());
            }
            prop_assert_eq!(held.record(&codes), full.record(&codes));
            if let Some(packed) = Packed::of(&full) {
                prop_assert_eq!(packed.record(&codes), Some(full.record(&codes)));
                prop_assert_eq!(packed.full(), Some(full));
            }
        }
    }
}
