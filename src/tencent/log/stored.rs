//! The stored form of a [`MessageLog`]
//! ([D27](crate::_documentation::design#d27)): everything it knows, so that
//! a process that restarts between batches reads on as if it had never
//! stopped.
//!
//! Each message is written as the entries its evidence gives back
//! ([`Evidence::entries`]), each entry a short array of integers: its kind
//! (the position in [`EntryKind::ALL`]), its Unix second and its count,
//! then its code's id when it has one, then its nanoseconds when not 0
//! (with code id -1 when it has no code). Codes are written once, by id.
//! Reading checks every part against the rules and against each other, and
//! that each message's entries are exactly what its evidence gives back, so
//! a form changed by hand is refused rather than read into other counts.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::de::{self, SeqAccess, Visitor};
use serde::ser::{SerializeSeq, SerializeTuple};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::serials::Lookup;
use super::{MessageLog, RefusedKey, Rejection, SealedMonth, partition};
use crate::error::{Error, StoredError, StoredProblem};
use crate::stored::Format;
use crate::tencent::LogStats;
use crate::tencent::evidence::{Codes, Entry, EntryKind, Evidence};
use crate::tencent::normal::kept;
use crate::tencent::{CodeTable, RejectReason};
use crate::term::ServiceMonth;
use crate::traffic::REJECTION_SAMPLES;
use crate::zone::SlaZone;

/// The stored form as read: every part owned, checked by
/// [`MessageLog::from_wire`].
#[derive(Deserialize)]
struct WireIn {
    /// Checked as it is read: a format this version does not know is an
    /// error.
    #[serde(rename = "format")]
    _format: Format,
    table: CodeTable,
    codes: Vec<String>,
    sends_read: bool,
    serials: Vec<(String, Vec<WireEntry>)>,
    refused: Vec<RefusedIn>,
    own: Vec<Vec<WireEntry>>,
    rejected: u64,
    rejected_named: Vec<(String, Option<DateTime<Utc>>, u64)>,
    rejected_at: Vec<(DateTime<Utc>, u64)>,
    samples: Vec<(u64, String)>,
    #[serde(default)]
    sealed: Option<SealedIn>,
}

/// A refused submission without a serial number as read: its request id or
/// its request instant, its place in the response, and its entries.
type RefusedIn = (Option<String>, Option<DateTime<Utc>>, u64, Vec<WireEntry>);

/// The sealed months as read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SealedIn {
    zone: SlaZone,
    months: Vec<MonthIn>,
}

/// One sealed month as read: its messages as deciding entries with counts.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MonthIn {
    month: ServiceMonth,
    messages: Vec<(WireEntry, u64)>,
    stats: LogStats,
    late: u64,
}

/// One sealed month as written.
#[derive(Serialize)]
struct MonthOut<'a> {
    month: ServiceMonth,
    messages: Vec<(WireEntry, u64)>,
    stats: &'a LogStats,
    late: u64,
}

/// The sealed months as written.
#[derive(Serialize)]
struct SealedOut<'a> {
    zone: SlaZone,
    months: Vec<MonthOut<'a>>,
}

/// One stored entry: kind, Unix second, count, code id (or -1), and
/// nanoseconds; the last two only when needed.
struct WireEntry {
    kind: i64,
    seconds: i64,
    count: i64,
    code: i64,
    nanos: i64,
}

impl WireEntry {
    fn of(entry: &Entry) -> Self {
        let at = entry.at();
        Self {
            kind: EntryKind::ALL
                .iter()
                .position(|&kind| kind == entry.kind())
                .and_then(|kind| i64::try_from(kind).ok())
                .unwrap_or(-1),
            seconds: at.timestamp(),
            count: i64::from(entry.count()),
            code: entry.code_id().map_or(-1, i64::from),
            nanos: i64::from(at.timestamp_subsec_nanos()),
        }
    }
}

impl Serialize for WireEntry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fields = [self.kind, self.seconds, self.count, self.code, self.nanos];
        let len = if self.nanos != 0 {
            5
        } else if self.code >= 0 {
            4
        } else {
            3
        };
        let mut tuple = serializer.serialize_tuple(len)?;
        for field in fields.iter().take(len) {
            tuple.serialize_element(field)?;
        }
        tuple.end()
    }
}

impl<'de> Deserialize<'de> for WireEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Fields;

        impl<'de> Visitor<'de> for Fields {
            type Value = WireEntry;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an entry: [kind, second, count] then its code id and nanoseconds")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<WireEntry, A::Error> {
                let mut fields = [0_i64, 0, 0, -1, 0];
                let mut len = 0_usize;
                while let Some(field) = seq.next_element::<i64>()? {
                    let slot = fields
                        .get_mut(len)
                        .ok_or_else(|| de::Error::invalid_length(len.saturating_add(1), &self))?;
                    *slot = field;
                    len = len.saturating_add(1);
                }
                if len < 3 {
                    return Err(de::Error::invalid_length(len, &self));
                }
                let [kind, seconds, count, code, nanos] = fields;
                Ok(WireEntry {
                    kind,
                    seconds,
                    count,
                    code,
                    nanos,
                })
            }
        }

        deserializer.deserialize_seq(Fields)
    }
}

/// A message's entries, written as they are given back.
struct Entries<'a>(&'a Evidence);

impl Serialize for Entries<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.entries().map(|entry| WireEntry::of(&entry)))
    }
}

/// Every message with a serial number, part by part, each in the order
/// first seen.
struct SerialsOut<'a>(&'a MessageLog);

impl Serialize for SerialsOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let len = self
            .0
            .serials
            .iter()
            .map(super::serials::Serials::len)
            .sum();
        let mut seq = serializer.serialize_seq(Some(len))?;
        for part in self.0.serials.iter() {
            for (serial, evidence) in part.iter() {
                seq.serialize_element(&(&*serial, Entries(evidence)))?;
            }
        }
        seq.end()
    }
}

/// The refused submissions without serial numbers, in key order, so one log
/// always writes the same text.
struct RefusedOut<'a>(&'a MessageLog);

impl Serialize for RefusedOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut refused: Vec<(&RefusedKey, &Evidence)> = self.0.refused.iter().collect();
        refused.sort_unstable_by(|a, b| a.0.cmp(b.0));
        serializer.collect_seq(refused.into_iter().map(|((request, place), evidence)| {
            let (id, at) = match request {
                Ok(id) => (Some(&**id), None),
                Err(at) => (None, Some(*at)),
            };
            (id, at, *place, Entries(evidence))
        }))
    }
}

/// The stored form as written: borrowed from the log.
#[derive(Serialize)]
struct WireOut<'a> {
    format: Format,
    table: &'a CodeTable,
    codes: Vec<&'a str>,
    sends_read: bool,
    serials: SerialsOut<'a>,
    refused: RefusedOut<'a>,
    own: Vec<Entries<'a>>,
    rejected: u64,
    rejected_named: Vec<(&'a str, Option<DateTime<Utc>>, u64)>,
    rejected_at: Vec<(DateTime<Utc>, u64)>,
    samples: Vec<(u64, String)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sealed: Option<SealedOut<'a>>,
}

impl Serialize for MessageLog {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        WireOut {
            format: Format::CURRENT,
            table: self.codes.table(),
            codes: self.codes.texts().collect(),
            sends_read: self.read_sends,
            serials: SerialsOut(self),
            refused: RefusedOut(self),
            own: self.own.iter().map(Entries).collect(),
            rejected: self.rejected,
            rejected_named: self
                .rejected_named
                .iter()
                .map(|((serial, at), &count)| (&**serial, *at, count))
                .collect(),
            rejected_at: self
                .rejected_at
                .iter()
                .map(|(&at, &count)| (at, count))
                .collect(),
            samples: self
                .samples
                .iter()
                .map(|sample| (sample.index, sample.reason.to_string()))
                .collect(),
            sealed: self.sealed.zone.map(|zone| SealedOut {
                zone,
                months: self
                    .sealed
                    .months
                    .iter()
                    .map(|sealed| MonthOut {
                        month: sealed.month,
                        messages: sealed
                            .messages
                            .values()
                            .map(|(entry, count)| (WireEntry::of(entry), *count))
                            .collect(),
                        stats: &sealed.stats,
                        late: sealed.late,
                    })
                    .collect(),
            }),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for MessageLog {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = WireIn::deserialize(deserializer)?;
        Self::from_wire(wire).map_err(de::Error::custom)
    }
}

/// The error for a stored log that is not one this library writes.
fn invalid(problem: StoredProblem) -> Error {
    Error::Stored(StoredError::InvalidStoredLog { problem })
}

/// Whose stored entries a problem is with.
#[derive(Clone, Copy)]
enum Owner<'a> {
    Serial(&'a str),
    Refused(u64),
    Own,
    Sealed(ServiceMonth),
}

impl Owner<'_> {
    /// The error for `problem` with this owner's entries.
    fn invalid(self, problem: StoredProblem) -> Error {
        let problem = Box::new(problem);
        invalid(match self {
            Self::Serial(serial) => StoredProblem::InSerial {
                serial: serial.to_owned(),
                problem,
            },
            Self::Refused(place) => StoredProblem::InRefusal { place, problem },
            Self::Own => StoredProblem::InOwn { problem },
            Self::Sealed(month) => StoredProblem::InSealed { month, problem },
        })
    }
}

/// The instant of Unix second `seconds` and `nanos` nanoseconds, if the
/// readers could have read it (inside a nanosecond table's range, D26).
fn instant(seconds: i64, nanos: i64) -> Result<DateTime<Utc>, Error> {
    u32::try_from(nanos)
        .ok()
        .and_then(|nanos| DateTime::from_timestamp(seconds, nanos))
        .filter(|at| at.timestamp_nanos_opt().is_some())
        .ok_or(invalid(StoredProblem::NotAnInstant { seconds, nanos }))
}

impl MessageLog {
    /// A log from its stored form, every part checked.
    fn from_wire(wire: WireIn) -> Result<Self, Error> {
        let mut log = Self::new(wire.table);
        log.codes_from(&wire.codes)?;
        log.read_sends = wire.sends_read;
        log.messages_from(&wire.codes, &wire.serials, &wire.refused, &wire.own)?;
        log.rejections_from(
            wire.rejected,
            wire.rejected_named,
            wire.rejected_at,
            wire.samples,
        )?;
        if let Some(sealed) = wire.sealed {
            log.sealed_from(&wire.codes, sealed)?;
        }
        Ok(log)
    }

    /// Adds the stored code texts, each one the readers keep, each once.
    fn codes_from(&mut self, codes: &[String]) -> Result<(), Error> {
        for code in codes {
            if kept(Some(code)).as_deref() != Some(code.as_str()) {
                return Err(invalid(StoredProblem::CodeNotKept { code: code.clone() }));
            }
            self.codes.id(code);
        }
        if self.codes.len() != codes.len() {
            return Err(invalid(StoredProblem::CodeTwice));
        }
        Ok(())
    }

    /// Adds the stored messages (by serial number, refused submissions,
    /// messages of their own), each once, each entry checked.
    fn messages_from(
        &mut self,
        texts: &[String],
        serials: &[(String, Vec<WireEntry>)],
        refused: &[RefusedIn],
        own: &[Vec<WireEntry>],
    ) -> Result<(), Error> {
        for (serial, entries) in serials {
            if serial.is_empty() {
                return Err(invalid(StoredProblem::EmptySerial));
            }
            let evidence = evidence(texts, &mut self.codes, entries, Owner::Serial(serial))?;
            let part = self.serials.get_mut(partition(serial)).ok_or_else(|| {
                invalid(StoredProblem::SerialWithoutPart {
                    serial: serial.clone(),
                })
            })?;
            let (_, fresh) = part.get_or_make(Lookup::of(serial), || evidence);
            if !fresh {
                return Err(invalid(StoredProblem::SerialTwice {
                    serial: serial.clone(),
                }));
            }
        }
        for (id, at, place, entries) in refused {
            let request = match (id, at) {
                (Some(id), None) if !id.is_empty() => Ok(Box::from(id.as_str())),
                (None, Some(at)) => Err(*at),
                _ => {
                    return Err(invalid(StoredProblem::RefusalRequest { place: *place }));
                }
            };
            let evidence = evidence(texts, &mut self.codes, entries, Owner::Refused(*place))?;
            if self.refused.insert((request, *place), evidence).is_some() {
                return Err(invalid(StoredProblem::RefusalTwice { place: *place }));
            }
        }
        for entries in own {
            let evidence = evidence(texts, &mut self.codes, entries, Owner::Own)?;
            self.own.push(evidence);
        }
        Ok(())
    }

    /// Adds the stored rejection counts, where they are placed and their
    /// samples, checked against each other.
    fn rejections_from(
        &mut self,
        rejected: u64,
        named: Vec<(String, Option<DateTime<Utc>>, u64)>,
        timed: Vec<(DateTime<Utc>, u64)>,
        samples: Vec<(u64, String)>,
    ) -> Result<(), Error> {
        self.rejected = rejected;
        let mut placed = 0_u64;
        for (serial, at, count) in named {
            placed = placed.saturating_add(positive(count, StoredProblem::ZeroRejectedNamed)?);
            if self
                .rejected_named
                .insert((serial.into(), at), count)
                .is_some()
            {
                return Err(invalid(StoredProblem::RejectedNamedTwice));
            }
        }
        for (at, count) in timed {
            placed = placed.saturating_add(positive(count, StoredProblem::ZeroRejectedAt)?);
            if self.rejected_at.insert(at, count).is_some() {
                return Err(invalid(StoredProblem::RejectedAtTwice { at }));
            }
        }
        if placed > rejected {
            return Err(invalid(StoredProblem::RejectedOverPlaced {
                placed,
                rejected,
            }));
        }
        if samples.len() > REJECTION_SAMPLES
            || u64::try_from(samples.len()).map_or(true, |len| len > rejected)
        {
            return Err(invalid(StoredProblem::LogSamples {
                samples: samples.len(),
                rejected,
            }));
        }
        // A sample's reason is kept as its words: the typed reason stays
        // with the process that read the entry.
        self.samples = samples
            .into_iter()
            .map(|(index, reason)| Rejection {
                index,
                reason: RejectReason::Recorded { reason },
            })
            .collect();
        Ok(())
    }

    /// Adds the stored sealed months, each checked.
    fn sealed_from(&mut self, texts: &[String], sealed: SealedIn) -> Result<(), Error> {
        for stored in sealed.months {
            let month = stored.month;
            if self.sealed.check(month, sealed.zone)? {
                return Err(invalid(StoredProblem::SealedTwice { month }));
            }
            let mut folded = SealedMonth::new(month);
            let mut messages = 0_u64;
            for (wire, count) in &stored.messages {
                let owner = Owner::Sealed(month);
                let entry = entry(texts, &mut self.codes, wire, owner)?;
                let date = sealed.zone.date_of(entry.at())?;
                if !month.contains(date) || entry.count() != 1 {
                    return Err(owner.invalid(StoredProblem::NotSealedMessage {
                        at: entry.at(),
                        count: entry.count(),
                    }));
                }
                let before = folded.messages.len();
                folded.add(entry, positive(*count, StoredProblem::ZeroSealed)?);
                if folded.messages.len() == before {
                    return Err(owner.invalid(StoredProblem::EntryTwice));
                }
                messages = messages.saturating_add(*count);
            }
            if stored.stats.messages() != messages || stored.stats.late() != 0 {
                return Err(invalid(StoredProblem::SealedCounts {
                    month,
                    counted: stored.stats.messages(),
                    held: messages,
                }));
            }
            folded.stats = stored.stats;
            folded.late = stored.late;
            let at = self
                .sealed
                .months
                .partition_point(|known| known.month < month);
            self.sealed.months.insert(at, folded);
            self.sealed.zone = Some(sealed.zone);
        }
        Ok(())
    }
}

/// `count`, if it is at least 1.
fn positive(count: u64, zero: StoredProblem) -> Result<u64, Error> {
    if count == 0 {
        return Err(invalid(zero));
    }
    Ok(count)
}

/// The entry `wire` of the message of `owner`, its code one of `texts`.
fn entry(
    texts: &[String],
    codes: &mut Codes,
    wire: &WireEntry,
    owner: Owner<'_>,
) -> Result<Entry, Error> {
    let kind = usize::try_from(wire.kind)
        .ok()
        .and_then(|kind| EntryKind::ALL.get(kind).copied())
        .ok_or_else(|| owner.invalid(StoredProblem::NotAnEntryKind { kind: wire.kind }))?;
    let code = match wire.code {
        -1 => None,
        id => Some(
            usize::try_from(id)
                .ok()
                .and_then(|id| texts.get(id))
                .ok_or_else(|| owner.invalid(StoredProblem::UnknownCodeId { id }))?,
        ),
    };
    let count = u32::try_from(wire.count)
        .map_err(|_| owner.invalid(StoredProblem::CountOutOfRange { count: wire.count }))?;
    let at = instant(wire.seconds, wire.nanos)?;
    let entry = Entry::rebuild(kind, code.map(String::as_str), at, count, codes)
        .map_err(|reason| owner.invalid(StoredProblem::Unreadable { reason }))?;
    if entry.code_id().map_or(-1, i64::from) != wire.code {
        return Err(owner.invalid(StoredProblem::CodeOfKind {
            kind,
            id: wire.code,
        }));
    }
    Ok(entry)
}

/// The evidence of the message of `owner` from its stored entries, which
/// must be exactly those it gives back.
fn evidence(
    texts: &[String],
    codes: &mut Codes,
    entries: &[WireEntry],
    owner: Owner<'_>,
) -> Result<Evidence, Error> {
    let rebuilt = entries
        .iter()
        .map(|wire| entry(texts, codes, wire, owner))
        .collect::<Result<Vec<_>, _>>()?;
    let (first, rest) = rebuilt
        .split_first()
        .ok_or_else(|| owner.invalid(StoredProblem::NoEntries))?;
    let evidence = Evidence::folded(*first, rest, codes);
    if !evidence.entries().eq(rebuilt.iter().copied()) {
        return Err(owner.invalid(StoredProblem::NotItsEvidence));
    }
    Ok(evidence)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_written_as_few_integers_as_it_needs() {
        let json = |entry: WireEntry| serde_json::to_string(&entry).unwrap_or_default();
        let entry = |code, nanos| WireEntry {
            kind: 3,
            seconds: 1_700_000_000,
            count: 2,
            code,
            nanos,
        };
        assert_eq!(json(entry(-1, 0)), "[3,1700000000,2]");
        assert_eq!(json(entry(4, 0)), "[3,1700000000,2,4]");
        assert_eq!(json(entry(-1, 5)), "[3,1700000000,2,-1,5]");
        for text in [
            "[3,1700000000,2]",
            "[3,1700000000,2,4]",
            "[3,1700000000,2,-1,5]",
        ] {
            let read: WireEntry = serde_json::from_str(text).unwrap_or_else(|_| entry(9, 9));
            assert_eq!(json(read), text);
        }
        for text in ["[3,1700000000]", "[3,1700000000,2,4,5,6]", "{}"] {
            assert!(serde_json::from_str::<WireEntry>(text).is_err(), "{text}");
        }
        let err = serde_json::from_str::<WireEntry>("{}")
            .err()
            .map(|err| err.to_string());
        assert_eq!(
            err.as_deref(),
            Some(
                "invalid type: map, expected an entry: [kind, second, count] then its code id and nanoseconds at line 1 column 0"
            )
        );
    }

    /// A stored log's problem is typed, down to the message it is in: the
    /// values that broke a check, not only the words.
    #[test]
    fn a_refusal_names_the_message_and_the_check() {
        let mut log = MessageLog::new(CodeTable::tencent_default());
        let read = log.read_callback(
            r#"[{"user_receive_time": "2025-04-02 08:03:04", "report_status": "SUCCESS", "errmsg": "DELIVRD", "sid": "s1"}]"#,
        );
        assert!(read.is_ok());
        let text = serde_json::to_string(&log).unwrap_or_default();
        let mut wire: WireIn = serde_json::from_str(&text).expect("the stored form reads back");
        if let Some((_, entries)) = wire.serials.first_mut() {
            entries.push(WireEntry {
                kind: 9,
                seconds: 1_743_552_184,
                count: 1,
                code: -1,
                nanos: 0,
            });
        }
        let err = MessageLog::from_wire(wire).err();
        assert!(
            matches!(
                &err,
                Some(Error::Stored(StoredError::InvalidStoredLog {
                    problem: StoredProblem::InSerial { serial, problem },
                })) if serial == "s1" && **problem == StoredProblem::NotAnEntryKind { kind: 9 }
            ),
            "{err:?}"
        );
        assert_eq!(
            err.map(|err| err.to_string()).as_deref(),
            Some("invalid stored message log: s1: 9 is not an entry kind")
        );
    }
}
