//! Tencent data reconciled by serial number: one entry per message, however
//! many documents mention it ([D19](crate::_documentation::design#d19) to
//! [D23](crate::_documentation::design#d23)).

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::BufRead;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::evidence::{Codes, Evidence, Observed, Send};
use super::field::{Fields, FieldsSeed};
use super::read::{self, Receipt, Refused, Submission};
use super::{CodeTable, RejectReason, Rejection};
use crate::Error;
use crate::assess::LogStats;
use crate::traffic::MessageRecord;

mod serials;

use serials::Serials;

/// Tencent's data about messages, reconciled by serial number: one entry
/// per message, however many SendSms responses, callbacks and Pull
/// responses mention it, in whatever order they are read
/// ([D19](crate::_documentation::design#d19)-[D23](crate::_documentation::design#d23)).
///
/// - A message is its serial number (`SerialNo`, `sid`); a SendSms entry
///   refused without one is a message of its own, known by its request
///   instant, its place in the response and its phone number, so reading
///   the response twice adds nothing.
/// - Its final outcome ([D20](crate::_documentation::design#d20)): a
///   delivery wins over any failure receipt; among failure receipts the
///   latest wins (ties: the greatest code); with no receipt, a refused
///   submission is a failure by its code and an accepted one is
///   unconfirmed.
/// - Its send instant ([D21](crate::_documentation::design#d21)): the
///   SendSms request instant when its send was read, else its earliest
///   receipt time.
/// - Each document is read whole before anything is added: a document that
///   fails is an `Err` and leaves the log as it was. Entries that cannot be
///   read are rejected, counted and kept as samples; they remove nothing
///   ([D22](crate::_documentation::design#d22)).
///
/// # Examples
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use sms_sla::tencent::{CodeTable, MessageLog};
/// use sms_sla::traffic::Tally;
///
/// let mut log = MessageLog::new(CodeTable::tencent_default());
/// let sent = r#"{"Response": {"SendStatusSet": [
///   {"SerialNo": "s1", "PhoneNumber": "+8613800000000", "Code": "Ok"},
///   {"SerialNo": "s2", "PhoneNumber": "+8613800000001", "Code": "Ok"}
/// ], "RequestId": "r1"}}"#;
/// log.read_send_sms(sent, Utc.with_ymd_and_hms(2025, 4, 2, 0, 3, 0).unwrap())?;
/// // A callback redelivered: the same receipt twice is one message.
/// let callback = r#"[{"user_receive_time": "2025-04-02 08:03:09", "report_status": "SUCCESS",
///                     "errmsg": "DELIVRD", "sid": "s1"}]"#;
/// log.read_callback(callback)?;
/// log.read_callback(callback)?;
///
/// let stats = log.stats();
/// assert_eq!((stats.messages(), stats.receipts(), stats.duplicates()), (2, 2, 1));
/// assert_eq!(stats.unreceipted(), 1); // s2: accepted, never confirmed
/// let tally: Tally = log.records().collect();
/// assert_eq!((tally.delivered(), tally.unconfirmed()), (1, 1));
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone)]
pub struct MessageLog {
    /// Everything known about each message with a serial number, by that
    /// number, stored exactly.
    /// Split into [`PARTITIONS`] by [`partition`], so that a document's
    /// entries are added one cache-sized part at a time, and on every core
    /// by [`MessageLog::par_read_callback_lines`].
    serials: Box<[Serials<Evidence>; PARTITIONS]>,
    /// Submissions refused without a serial number, by request instant,
    /// place in the response and phone number
    /// ([D19](crate::_documentation::design#d19)).
    refused: HashMap<RefusedKey, Evidence>,
    /// The codes this log has seen, by id, and the table that classifies
    /// them (shared with the staged logs each document is read into):
    /// codes belong to the log.
    codes: Codes,
    /// Whether any SendSms response was read ([D21](crate::_documentation::design#d21)).
    read_sends: bool,
    rejected: u64,
    /// Rejected entries with a readable time, by that time
    /// ([D22](crate::_documentation::design#d22)).
    rejected_at: BTreeMap<DateTime<Utc>, u64>,
    samples: Vec<Rejection>,
    /// A document being read: what its entries say, in order, applied to
    /// the log only once the whole document has been read
    /// ([D22](crate::_documentation::design#d22)). Empty outside reading.
    /// One list per partition of the serial numbers, as `serials`.
    journal: Box<[Vec<Noted>; PARTITIONS]>,
    /// The serial numbers the journal refers to, one after another.
    arena: String,
}

/// One entry of a document being read, not yet applied.
#[derive(Clone, Debug)]
enum Noted {
    /// A SendSms entry with a serial number, by its span in the arena.
    Sent {
        serial: (usize, usize),
        at: DateTime<Utc>,
        send: Send,
    },
    /// A receipt, by its serial number's span in the arena.
    Saw {
        serial: (usize, usize),
        seen: Observed,
    },
}

/// A submission refused without a serial number: its request instant, its
/// place in the response and its phone number.
type RefusedKey = (DateTime<Utc>, u64, Option<Box<str>>);

/// How many entries one `read_*` call read, and how many of them it
/// rejected.
///
/// # Examples
///
/// ```
/// use sms_sla::tencent::{CodeTable, MessageLog};
///
/// let mut log = MessageLog::new(CodeTable::tencent_default());
/// let read = log.read_callback(r#"[{"sid": "s1"}, 7]"#)?;
/// assert_eq!((read.entries(), read.rejected()), (2, 2));
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Read {
    entries: u64,
    rejected: u64,
}

impl Read {
    /// Entries read, rejected ones included.
    #[must_use]
    pub const fn entries(&self) -> u64 {
        self.entries
    }

    /// Entries rejected ([D22](crate::_documentation::design#d22)).
    #[must_use]
    pub const fn rejected(&self) -> u64 {
        self.rejected
    }
}

impl fmt::Debug for MessageLog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MessageLog")
            .field("stats", &self.stats())
            .field("codes", &self.codes.len())
            .finish_non_exhaustive()
    }
}

impl MessageLog {
    /// How many rejections a log keeps as samples, in reading order.
    pub const REJECTION_SAMPLES: usize = 20;

    /// The longest NDJSON line read, in bytes: a longer line is one
    /// rejection, never an allocation of its size.
    pub const MAX_LINE_BYTES: usize = 16 << 20;

    /// An empty log classifying codes with `table`.
    #[must_use]
    pub fn new(table: CodeTable) -> Self {
        Self {
            serials: Box::new(core::array::from_fn(|_| Serials::default())),
            refused: HashMap::new(),
            codes: Codes::new(table),
            read_sends: false,
            rejected: 0,
            rejected_at: BTreeMap::new(),
            samples: Vec::new(),
            journal: Box::new(core::array::from_fn(|_| Vec::new())),
            arena: String::new(),
        }
    }

    /// An empty log with this one's table.
    fn empty_like(&self) -> Self {
        Self {
            codes: Codes::sharing(Arc::clone(self.codes.shared_table())),
            ..Self::new(CodeTable::empty())
        }
    }

    /// Reads one SendSms response, requested at `requested_at`.
    ///
    /// Accepted entries (`Code` `Ok`) become messages by serial number, sent
    /// at `requested_at`; refused ones are failures classified by their code
    /// ([D20](crate::_documentation::design#d20)).
    ///
    /// # Errors
    ///
    /// - [`Error::TencentApi`] when the response is an API error.
    /// - [`Error::TencentDocument`] when it is not one whole response with
    ///   one `SendStatusSet` (truncated, trailing text, a key given twice).
    ///
    /// The log is unchanged after an error.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use sms_sla::tencent::{CodeTable, MessageLog};
    ///
    /// let at = Utc.with_ymd_and_hms(2025, 4, 2, 0, 3, 0).unwrap();
    /// let mut log = MessageLog::new(CodeTable::tencent_default());
    /// let err = log.read_send_sms(r#"{"Response": {"SendStatusSet": []}} x"#, at).unwrap_err();
    /// assert_eq!(err.to_string(), "tencent send_sms document is malformed: trailing characters at line 1 column 37");
    /// assert_eq!(log.stats().messages(), 0);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn read_send_sms(
        &mut self,
        body: &str,
        requested_at: DateTime<Utc>,
    ) -> Result<Read, Error> {
        let mut staged = self.empty_like();
        let mut read = Read::default();
        read::each_in_response(
            body,
            "send_sms",
            "SendStatusSet",
            read::SEND,
            |index, entry| {
                let result = entry.map_err(read::not_an_object).and_then(|fields| {
                    read::submission(&fields)
                        .and_then(|submission| staged.send(submission, index, requested_at))
                });
                staged.count(
                    &mut read,
                    result.map_err(|reason| (reason, Some(requested_at))),
                );
            },
        )?;
        staged.read_sends = true;
        self.merge(&staged)?;
        Ok(read)
    }

    /// Reads one delivery-status callback body: a JSON array of receipts.
    ///
    /// # Errors
    ///
    /// [`Error::TencentDocument`] when `body` is not one whole JSON array.
    /// The log is unchanged after an error.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::tencent::{CodeTable, MessageLog};
    /// use sms_sla::traffic::{InvalidReason, Recipient};
    ///
    /// let mut log = MessageLog::new(CodeTable::tencent_default());
    /// // D23: a null errmsg is absent; the description names the failure.
    /// log.read_callback(r#"[{"user_receive_time": "2025-04-02 08:03:04", "report_status": "FAIL",
    ///                        "errmsg": null, "description": "MK:0005", "sid": "s1"}]"#)?;
    /// let record = log.records().next().unwrap();
    /// assert_eq!(record.recipient(), Recipient::Invalid(InvalidReason::Suspended));
    /// assert!(log.read_callback("[{").is_err());
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn read_callback(&mut self, body: &str) -> Result<Read, Error> {
        let mut staged = self.empty_like();
        let mut read = Read::default();
        read::each_in_array(body, "callback", read::CALLBACK, |_, entry| {
            staged.callback_entry(entry, &mut read);
        })?;
        self.merge(&staged)?;
        Ok(read)
    }

    /// Reads delivery-status callbacks as newline-delimited JSON: each line
    /// a receipt, or a whole callback body (an array of receipts). Blank
    /// lines are skipped but counted in line numbers (from 1).
    ///
    /// A line that is not JSON, not UTF-8, or longer than
    /// [`MessageLog::MAX_LINE_BYTES`] is one rejection naming its line.
    ///
    /// # Errors
    ///
    /// [`Error::TencentRead`] when `input` fails, naming the line. The log
    /// is unchanged after an error.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::tencent::{CodeTable, MessageLog};
    ///
    /// let lines = "\u{feff}{\"user_receive_time\": \"2025-04-02 08:03:04\", \"report_status\": \"SUCCESS\", \"sid\": \"s1\"}\n\n{\"sid\":\n";
    /// let mut log = MessageLog::new(CodeTable::tencent_default());
    /// let read = log.read_callback_lines(lines.as_bytes())?;
    /// assert_eq!((read.entries(), read.rejected()), (2, 1));
    /// assert_eq!(
    ///     log.rejections()[0].to_string(),
    ///     "entry 1: line 3 is not JSON: EOF while parsing a value at line 1 column 7",
    /// );
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn read_callback_lines(&mut self, mut input: impl BufRead) -> Result<Read, Error> {
        let mut staged = self.empty_like();
        let mut read = Read::default();
        let mut line = Vec::new();
        let mut number = 0_u64;
        loop {
            number = number.saturating_add(1);
            let failed = |err: std::io::Error| Error::TencentRead {
                format: "callback",
                line: Some(number),
                source: err.into(),
            };
            // A line that lies whole in the reader's buffer is read where it
            // lies, not copied (the peer harness's reconcile path,
            // BENCHMARKS.md).
            let available = fill(&mut input).map_err(failed)?;
            if let Some(end) = memchr::memchr(b'\n', available) {
                let line = available.get(..end).unwrap_or_default();
                staged.callback_line(number, Self::checked_line(line, true), &mut read);
                input.consume(end.saturating_add(1));
                continue;
            }
            let (ended, too_long) =
                read_line(&mut input, &mut line, Self::MAX_LINE_BYTES).map_err(failed)?;
            if ended && line.is_empty() && too_long.is_none() {
                break;
            }
            match too_long {
                Some(bytes) => staged.callback_line(number, Err(bytes), &mut read),
                None => staged.callback_line(number, Ok(&line), &mut read),
            }
            if ended {
                break;
            }
        }
        self.merge(&staged)?;
        Ok(read)
    }

    /// Reads newline-delimited callback receipts on every core (feature
    /// `rayon`): `input` is read in pieces of a few megabytes cut at line
    /// ends, each piece is read into a log of its own on a pool thread while
    /// the next is being read, and the pieces are added in order once the
    /// input ends, one part of the log per core. The log, the counts and the
    /// rejections (their entry indexes and line numbers too) are those
    /// [`MessageLog::read_callback_lines`] gives for the same bytes; the
    /// input is never held whole, and a line over
    /// [`MessageLog::MAX_LINE_BYTES`] is skipped, never held.
    ///
    /// # Errors
    ///
    /// [`Error::TencentRead`] when reading fails; the log is unchanged.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::tencent::{CodeTable, MessageLog};
    ///
    /// let lines = "{\"user_receive_time\": \"2025-04-02 08:03:04\", \"report_status\": \"SUCCESS\", \"sid\": \"s1\"}\n".repeat(3);
    /// let mut parallel = MessageLog::new(CodeTable::tencent_default());
    /// let read = parallel.par_read_callback_lines(lines.as_bytes())?;
    /// let mut sequential = MessageLog::new(CodeTable::tencent_default());
    /// assert_eq!(read, sequential.read_callback_lines(lines.as_bytes())?);
    /// assert_eq!(parallel.stats(), sequential.stats());
    /// assert_eq!((parallel.stats().messages(), parallel.stats().duplicates()), (1, 2));
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[cfg(feature = "rayon")]
    pub fn par_read_callback_lines(&mut self, input: impl std::io::Read) -> Result<Read, Error> {
        // Pieces of a few megabytes keep every core busy to the end (the
        // peer harness's parallel reconcile path, BENCHMARKS.md).
        self.read_callback_pieces(input, 4 << 20)
    }

    /// [`MessageLog::par_read_callback_lines`], cutting pieces of about
    /// `piece_bytes`.
    #[cfg(feature = "rayon")]
    fn read_callback_pieces(
        &mut self,
        input: impl std::io::Read,
        piece_bytes: usize,
    ) -> Result<Read, Error> {
        use rayon::prelude::*;

        let mut input = std::io::BufReader::with_capacity(piece_bytes.max(1), input);
        let template = self.empty_like();
        let staged = std::sync::Mutex::new(Vec::new());
        let read_all = rayon::in_place_scope(|scope| {
            let mut job = 0_usize;
            let mut first_line = 1_u64;
            let mut spawn = |piece: Piece, first_line: u64| {
                let template = &template;
                let staged = &staged;
                let index = job;
                job = job.saturating_add(1);
                scope.spawn(move |_| {
                    let mut log = template.empty_like();
                    let mut read = Read::default();
                    match piece {
                        Piece::Lines(bytes) => log.callback_piece(first_line, &bytes, &mut read),
                        Piece::TooLong(length) => {
                            log.callback_line(first_line, Err(length), &mut read);
                        }
                    }
                    if let Ok(mut staged) = staged.lock() {
                        staged.push((index, log, read));
                    }
                });
            };
            loop {
                let (lines, too_long, ended) =
                    next_piece(&mut input, piece_bytes, Self::MAX_LINE_BYTES).map_err(|err| {
                        Error::TencentRead {
                            format: "callback",
                            line: Some(first_line),
                            source: err.into(),
                        }
                    })?;
                if !lines.is_empty() {
                    let ends = memchr::memchr_iter(b'\n', &lines).count();
                    let next = first_line.saturating_add(u64::try_from(ends).unwrap_or(u64::MAX));
                    spawn(Piece::Lines(lines), first_line);
                    first_line = next;
                }
                if let Some(length) = too_long {
                    spawn(Piece::TooLong(length), first_line);
                    first_line = first_line.saturating_add(1);
                }
                if ended {
                    return Ok::<(), Error>(());
                }
            }
        });
        read_all?;
        let mut staged = staged.into_inner().map_err(|_| Error::TencentRead {
            format: "callback",
            line: None,
            source: std::io::Error::other("a thread reading a piece panicked").into(),
        })?;
        staged.sort_unstable_by_key(|(index, _, _)| *index);
        let mut read = Read::default();
        let mut others = Vec::with_capacity(staged.len());
        for (_, staged, part) in &staged {
            others.push((staged, read.entries));
            read.entries = read.entries.saturating_add(part.entries);
            read.rejected = read.rejected.saturating_add(part.rejected);
        }
        // Each part of the serial numbers on its own core.
        self.merge_all(&others, |serials, codes, parts| {
            serials
                .par_iter_mut()
                .enumerate()
                .for_each(|(part, mine)| add_partition(mine, part, codes, parts));
        })?;
        Ok(read)
    }

    /// Stages the lines of `piece`, whole lines from line `first` on (the
    /// last without a line end only where the input ends).
    #[cfg(feature = "rayon")]
    fn callback_piece(&mut self, first: u64, piece: &[u8], read: &mut Read) {
        let mut ends = memchr::memchr_iter(b'\n', piece);
        let mut start = 0;
        let mut number = first;
        loop {
            let end = ends.next();
            let ended = end.is_some();
            let line = piece
                .get(start..end.unwrap_or(piece.len()))
                .unwrap_or_default();
            // After the last line end: a line only when the input ends
            // without one.
            if !ended && line.is_empty() {
                break;
            }
            self.callback_line(number, Self::checked_line(line, ended), read);
            number = number.saturating_add(1);
            match end {
                Some(end) => start = end.saturating_add(1),
                None => break,
            }
        }
    }

    /// A line's bytes without the `\r` before its line end (`ended`: the
    /// line had one), or its length, `\r` included, when it is over
    /// [`MessageLog::MAX_LINE_BYTES`]: what `read_line` gives, for a line
    /// read where it lies.
    fn checked_line(line: &[u8], ended: bool) -> Result<&[u8], u64> {
        if line.len() > Self::MAX_LINE_BYTES {
            return Err(u64::try_from(line.len()).unwrap_or(u64::MAX));
        }
        Ok(match line.strip_suffix(b"\r") {
            Some(stripped) if ended => stripped,
            _ => line,
        })
    }

    /// Reads one PullSmsSendStatus (or PullSmsSendStatusByPhoneNumber)
    /// response. An entry without `ReportStatus` says the message exists
    /// and has no status yet.
    ///
    /// # Errors
    ///
    /// - [`Error::TencentApi`] when the response is an API error.
    /// - [`Error::TencentDocument`] when it is not one whole response with
    ///   one `PullSmsSendStatusSet`.
    ///
    /// The log is unchanged after an error.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::tencent::{CodeTable, MessageLog};
    ///
    /// let mut log = MessageLog::new(CodeTable::tencent_default());
    /// log.read_pull(r#"{"Response": {"PullSmsSendStatusSet": [
    ///   {"UserReceiveTime": 1743552184, "SerialNo": "s1", "ReportStatus": "SUCCESS", "Description": "DELIVRD"}
    /// ], "RequestId": "r1"}}"#)?;
    /// assert_eq!(log.stats().messages(), 1);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn read_pull(&mut self, body: &str) -> Result<Read, Error> {
        let mut staged = self.empty_like();
        let mut read = Read::default();
        read::each_in_response(
            body,
            "pull",
            "PullSmsSendStatusSet",
            read::PULL,
            |_, entry| {
                let result = entry
                    .map_err(|found| (read::not_an_object(found), None))
                    .and_then(|fields| read::pull_receipt(&fields).and_then(|r| staged.receipt(r)));
                staged.count(&mut read, result);
            },
        )?;
        self.merge(&staged)?;
        Ok(read)
    }

    /// Adds everything `other` holds, as if this log had read its
    /// documents too. Logs merge exactly, in any order.
    ///
    /// # Errors
    ///
    /// [`Error::LogTablesDiffer`] when the logs classify codes with
    /// different tables.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::tencent::{CodeTable, MessageLog};
    ///
    /// let receipt = r#"[{"user_receive_time": "2025-04-02 08:03:04", "report_status": "SUCCESS", "sid": "s1"}]"#;
    /// let mut left = MessageLog::new(CodeTable::tencent_default());
    /// let mut right = left.clone();
    /// left.read_callback(receipt)?;
    /// right.read_callback(receipt)?;
    /// left.merge(&right)?;
    /// assert_eq!((left.stats().messages(), left.stats().duplicates()), (1, 1));
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn merge(&mut self, other: &Self) -> Result<(), Error> {
        self.merge_at(other, 0)
    }

    /// Adds everything `other` holds, its rejection samples' entry indexes
    /// moved on by `entries_before`: `other` read the part of a document
    /// after that many entries.
    fn merge_at(&mut self, other: &Self, entries_before: u64) -> Result<(), Error> {
        self.merge_all(&[(other, entries_before)], add_partitions)
    }

    /// Adds everything each of `others` holds, in order, each with the
    /// number of entries read before it (see [`MessageLog::merge_at`]);
    /// `add` adds the parts of their serial numbers.
    fn merge_all(
        &mut self,
        others: &[(&Self, u64)],
        add: impl FnOnce(&mut [Serials<Evidence>], &Codes, &[(&Self, &[u32])]),
    ) -> Result<(), Error> {
        if others.iter().any(|(other, _)| {
            let (mine, theirs) = (self.codes.shared_table(), other.codes.shared_table());
            !Arc::ptr_eq(mine, theirs) && mine != theirs
        }) {
            return Err(Error::LogTablesDiffer);
        }
        // Codes merge by name: each other log's ids are translated.
        let ids: Vec<Vec<u32>> = others
            .iter()
            .map(|(other, _)| {
                other
                    .codes
                    .texts()
                    .map(|code| self.codes.id(code))
                    .collect()
            })
            .collect();
        let parts: Vec<(&Self, &[u32])> = others
            .iter()
            .zip(&ids)
            .map(|(&(other, _), ids)| (other, ids.as_slice()))
            .collect();
        add(&mut self.serials[..], &self.codes, &parts);
        for (&(other, entries_before), ids) in others.iter().zip(&ids) {
            let translate = translation(ids);
            for (key, theirs) in &other.refused {
                self.refused
                    .entry(key.clone())
                    .or_insert_with(|| Evidence::at(theirs.sent_at()))
                    .absorb(theirs, &translate, &self.codes);
            }
            self.read_sends |= other.read_sends;
            self.rejected = self.rejected.saturating_add(other.rejected);
            for (&at, &count) in &other.rejected_at {
                let counter = self.rejected_at.entry(at).or_insert(0);
                *counter = counter.saturating_add(count);
            }
            let room = Self::REJECTION_SAMPLES.saturating_sub(self.samples.len());
            self.samples
                .extend(other.samples.iter().take(room).map(|sample| Rejection {
                    index: sample.index.saturating_add(entries_before),
                    reason: sample.reason.clone(),
                }));
        }
        Ok(())
    }

    /// What the log holds, counted.
    #[must_use]
    pub fn stats(&self) -> LogStats {
        let mut stats = LogStats {
            rejected: self.rejected,
            ..LogStats::default()
        };
        for message in self.messages() {
            stats.add(message.stats(&self.codes, self.read_sends));
        }
        stats
    }

    /// One record per message, with its final outcome and send instant
    /// ([D20](crate::_documentation::design#d20),
    /// [D21](crate::_documentation::design#d21)), in no particular order.
    #[must_use]
    pub fn records(&self) -> impl ExactSizeIterator<Item = MessageRecord<'_>> + '_ {
        Records {
            inner: self.messages(),
            len: self.serials.iter().fold(self.refused.len(), |sum, part| {
                sum.saturating_add(part.len())
            }),
            codes: &self.codes,
        }
    }

    /// The first [`MessageLog::REJECTION_SAMPLES`] rejected entries.
    #[must_use]
    pub fn rejections(&self) -> &[Rejection] {
        &self.samples
    }

    /// Rejected entries whose time could be read, by that time (a SendSms
    /// entry's request instant, a receipt's time), so each can be placed
    /// in its Service Month ([D22](crate::_documentation::design#d22)).
    pub fn rejected_at(&self) -> impl Iterator<Item = (DateTime<Utc>, u64)> + '_ {
        self.rejected_at.iter().map(|(&at, &count)| (at, count))
    }

    /// Rejected entries with no readable time: they belong to no Service
    /// Month and are reported for the term
    /// ([D22](crate::_documentation::design#d22)).
    #[must_use]
    pub fn rejected_without_time(&self) -> u64 {
        let timed = self
            .rejected_at
            .values()
            .fold(0_u64, |sum, &count| sum.saturating_add(count));
        self.rejected.saturating_sub(timed)
    }

    /// The bytes the log holds on the heap for its messages, codes and
    /// rejections: table slots (entries and control bytes) at their
    /// capacity, serial numbers, and receipts beyond a message's first
    /// statement; the allocator's own overhead is not counted.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::tencent::{CodeTable, MessageLog};
    ///
    /// let mut log = MessageLog::new(CodeTable::tencent_default());
    /// let empty = log.heap_bytes();
    /// log.read_callback(r#"[{"user_receive_time": "2025-04-02 08:03:04", "report_status": "SUCCESS", "sid": "s1"}]"#)?;
    /// assert!(log.heap_bytes() > empty);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn heap_bytes(&self) -> usize {
        let slot = |entry: usize, capacity: usize| entry.saturating_add(1).saturating_mul(capacity);
        let messages = self.messages();
        let said = messages.fold(0_usize, |sum, message| {
            sum.saturating_add(message.heap_bytes())
        });
        let codes = self.codes.heap_bytes();
        let serials = self
            .serials
            .iter()
            .fold(0_usize, |sum, part| sum.saturating_add(part.heap_bytes()));
        serials
            .saturating_add(slot(
                size_of::<(RefusedKey, Evidence)>(),
                self.refused.capacity(),
            ))
            .saturating_add(said)
            .saturating_add(codes)
            .saturating_add(
                self.samples
                    .capacity()
                    .saturating_mul(size_of::<Rejection>()),
            )
            .saturating_add(
                self.rejected_at
                    .len()
                    .saturating_mul(size_of::<(DateTime<Utc>, u64)>()),
            )
    }

    /// The table the log classifies codes with.
    #[must_use]
    pub fn table(&self) -> &CodeTable {
        self.codes.table()
    }

    // Reading entries into a staged log.

    fn callback_entry(&mut self, entry: Result<Fields<'_, 5>, &'static str>, read: &mut Read) {
        let result = entry
            .map_err(|found| (read::not_an_object(found), None))
            .and_then(|fields| read::callback_receipt(&fields).and_then(|r| self.receipt(r)));
        self.count(read, result);
    }

    /// Stages line `number` of a callback NDJSON document: its bytes, or
    /// its length when it was over [`MessageLog::MAX_LINE_BYTES`].
    fn callback_line(&mut self, number: u64, line: Result<&[u8], u64>, read: &mut Read) {
        let line = match line {
            Ok(line) => line,
            Err(bytes) => {
                let reason = RejectReason::LineTooLong {
                    line: number,
                    bytes,
                };
                self.count(read, Err((reason, None)));
                return;
            }
        };
        let Ok(text) = core::str::from_utf8(line) else {
            let reason = RejectReason::LineNotUtf8 { line: number };
            self.count(read, Err((reason, None)));
            return;
        };
        let text = if number == 1 {
            read::without_bom(text)
        } else {
            text
        };
        if text.trim().is_empty() {
            return;
        }
        let result = if text.trim_start().starts_with('[') {
            read::each_in_array(text, "callback", read::CALLBACK, |_, entry| {
                self.callback_entry(entry, read);
            })
            .map(|_| ())
            .map_err(|err| match err {
                Error::TencentDocument { reason, .. } => reason,
                other => other.to_string(),
            })
        } else {
            let mut deserializer = serde_json::Deserializer::from_str(text);
            serde::de::DeserializeSeed::deserialize(
                FieldsSeed {
                    schema: read::CALLBACK,
                },
                &mut deserializer,
            )
            .and_then(|entry| deserializer.end().map(|()| entry))
            .map(|entry| self.callback_entry(entry, read))
            .map_err(|err| err.to_string())
        };
        if let Err(reason) = result {
            // The line as a whole is one rejected entry; any entries of it
            // already staged stay, as its other lines' do.
            let reason = RejectReason::LineNotJson {
                line: number,
                reason: read::quote(&reason),
            };
            self.count(read, Err((reason, None)));
        }
    }

    /// Counts the next entry of the document being read (its index is the
    /// number read before it): read, and rejected when `result` says so.
    fn count(&mut self, read: &mut Read, result: Result<(), Refused>) {
        let index = read.entries;
        read.entries = read.entries.saturating_add(1);
        if let Err((reason, at)) = result {
            read.rejected = read.rejected.saturating_add(1);
            self.reject(index, reason, at);
        }
    }

    /// Stages one SendSms entry.
    fn send(
        &mut self,
        submission: Submission<'_>,
        index: u64,
        requested_at: DateTime<Utc>,
    ) -> Result<(), RejectReason> {
        let send = self.codes.send(submission.code)?;
        if send.refused.is_none() {
            let serial = submission
                .serial
                .ok_or(RejectReason::MissingField { field: "SerialNo" })?;
            self.note(serial, |serial| Noted::Sent {
                serial,
                at: requested_at,
                send,
            });
            return Ok(());
        }
        match submission.serial {
            Some(serial) => {
                self.note(serial, |serial| Noted::Sent {
                    serial,
                    at: requested_at,
                    send,
                });
            }
            None => self
                .refused
                .entry((requested_at, index, submission.phone.map(Into::into)))
                .or_insert_with(|| Evidence::at(requested_at))
                .sent(requested_at, send, &self.codes),
        }
        Ok(())
    }

    /// Stages one receipt.
    fn receipt(&mut self, receipt: Receipt<'_>) -> Result<(), Refused> {
        let at = receipt.received;
        let serial = receipt.serial.ok_or((
            RejectReason::MissingField {
                field: "sid or SerialNo",
            },
            Some(at),
        ))?;
        let statement = self
            .codes
            .statement(receipt.said)
            .map_err(|reason| (reason, Some(at)))?;
        self.note(serial, |serial| Noted::Saw {
            serial,
            seen: Observed {
                said: statement,
                latest: at,
                count: 1,
            },
        });
        Ok(())
    }

    fn reject(&mut self, index: u64, reason: RejectReason, at: Option<DateTime<Utc>>) {
        self.rejected = self.rejected.saturating_add(1);
        if let Some(at) = at {
            let counter = self.rejected_at.entry(at).or_insert(0);
            *counter = counter.saturating_add(1);
        }
        if self.samples.len() < Self::REJECTION_SAMPLES {
            self.samples.push(read::reject(index, reason));
        }
    }

    /// Notes an entry of the document being read about message `serial`,
    /// made by `noted` from the number's span in the arena.
    fn note(&mut self, serial: &str, noted: impl FnOnce((usize, usize)) -> Noted) {
        let start = self.arena.len();
        self.arena.push_str(serial);
        let noted = noted((start, self.arena.len()));
        #[expect(
            clippy::indexing_slicing,
            reason = "`partition` is below PARTITIONS, the journal's length"
        )]
        self.journal[partition(serial)].push(noted);
    }

    /// Every message, in no particular order.
    fn messages(&self) -> impl Iterator<Item = &Evidence> + '_ {
        self.serials
            .iter()
            .flat_map(Serials::entries)
            .chain(self.refused.values())
    }
}

/// How many parts a log's serial numbers are split into.
const PARTITIONS: usize = 64;

/// The part serial number `serial` belongs in, below [`PARTITIONS`]: the
/// top bits of its FNV-1a hash. The same in every log, so that the parts
/// of two logs merge part by part; it decides only where a message is
/// kept, never how it is found (each part hashes with its own seed).
fn partition(serial: &str) -> usize {
    let hash = serial
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        });
    // The top 6 bits: below 64.
    usize::try_from(hash >> 58).unwrap_or(0)
}

/// The translation of code ids by `ids`, one per code of the log they
/// come from.
fn translation(ids: &[u32]) -> impl Fn(u32) -> u32 + '_ {
    #[expect(
        clippy::indexing_slicing,
        reason = "every code id of a log was made by its `code_id`, which pushed its text: \
                  the id is below the number of its codes, and `ids` has one per code"
    )]
    |id: u32| ids[usize::try_from(id).unwrap_or(usize::MAX)]
}

/// Adds to `mine`, part `part` of a log's serial numbers, what each of
/// `others` holds in that part (its journal, then its messages), in order,
/// with its code ids translated by the ids given with it.
fn add_partition(
    mine: &mut Serials<Evidence>,
    part: usize,
    codes: &Codes,
    others: &[(&MessageLog, &[u32])],
) {
    for &(other, ids) in others {
        let translate = translation(ids);
        for noted in other.journal.get(part).into_iter().flatten() {
            // Each span was made by pushing a whole `&str` onto the arena:
            // it is in range and on character boundaries.
            let text =
                |(start, end): (usize, usize)| other.arena.get(start..end).unwrap_or_default();
            match *noted {
                Noted::Sent { serial, at, send } => {
                    mine.get_or_insert_with(text(serial), || Evidence::at(at))
                        .sent(at, send.translated(&translate), codes);
                }
                Noted::Saw { serial, seen } => {
                    let seen = Observed {
                        said: seen.said.translated(&translate),
                        ..seen
                    };
                    mine.get_or_insert_with(text(serial), || Evidence::at(seen.latest))
                        .saw(seen);
                }
            }
        }
        for (serial, theirs) in other.serials.get(part).into_iter().flat_map(Serials::iter) {
            mine.get_or_insert_with(serial, || Evidence::at(theirs.sent_at()))
                .absorb(theirs, &translate, codes);
        }
    }
}

/// Adds to each part of `serials` what `others` hold in it, part by part:
/// one cache-sized table at a time.
fn add_partitions(
    serials: &mut [Serials<Evidence>],
    codes: &Codes,
    others: &[(&MessageLog, &[u32])],
) {
    for (part, mine) in serials.iter_mut().enumerate() {
        add_partition(mine, part, codes, others);
    }
}

/// The records of a log's messages.
struct Records<'a, I> {
    inner: I,
    len: usize,
    codes: &'a Codes,
}

impl<'a, I: Iterator<Item = &'a Evidence>> Iterator for Records<'a, I> {
    type Item = MessageRecord<'a>;

    fn next(&mut self) -> Option<MessageRecord<'a>> {
        let message = self.inner.next()?;
        self.len = self.len.saturating_sub(1);
        Some(message.record(self.codes))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.len, Some(self.len))
    }
}

impl<'a, I: Iterator<Item = &'a Evidence>> ExactSizeIterator for Records<'a, I> {}

/// A piece of a callback document for one pool task.
#[cfg(feature = "rayon")]
enum Piece {
    /// Whole lines (the last without a line end only where the input ends).
    Lines(Vec<u8>),
    /// A line over the length limit, by its length; its bytes were skipped.
    TooLong(u64),
}

/// What [`next_piece`] read: whole lines, a line over the limit that
/// followed them (by its length), and whether the input ended.
#[cfg(feature = "rayon")]
type NextPiece = (Vec<u8>, Option<u64>, bool);

/// Reads the next piece of `input`: whole lines, at least `size` bytes of
/// them unless the input ends first, and then a line over `limit` bytes if
/// one follows (by its length, skipped without being held).
#[cfg(feature = "rayon")]
fn next_piece(input: &mut impl BufRead, size: usize, limit: usize) -> std::io::Result<NextPiece> {
    let mut piece = Vec::new();
    // Where the open (unfinished) line starts in `piece`.
    let mut open = 0_usize;
    loop {
        let available = fill(input)?;
        if available.is_empty() {
            return Ok((piece, None, true));
        }
        let full = piece.len() >= size;
        // Once the piece is full, take bytes only up to the next line end.
        let (take, at_end) = match memchr::memchr(b'\n', available) {
            Some(end) if full => (end.saturating_add(1), true),
            _ => (available.len(), false),
        };
        let taken = available.get(..take).unwrap_or_default();
        if let Some(last) = memchr::memrchr(b'\n', taken) {
            open = piece.len().saturating_add(last).saturating_add(1);
        }
        piece.extend_from_slice(taken);
        input.consume(take);
        if at_end {
            return Ok((piece, None, false));
        }
        if piece.len().saturating_sub(open) > limit {
            // The open line is over the limit: it leaves the piece, and the
            // rest of it is skipped up to its line end.
            let length = u64::try_from(piece.len().saturating_sub(open)).unwrap_or(u64::MAX);
            piece.truncate(open);
            // With no room, `read_line` keeps nothing and measures the rest.
            let (ended, rest) = read_line(input, &mut Vec::new(), 0)?;
            let length = length.saturating_add(rest.unwrap_or(0));
            return Ok((piece, Some(length), ended));
        }
    }
}

/// The bytes in `input`'s buffer, filled when empty, retrying a read that
/// was interrupted; empty where the input ends.
fn fill(input: &mut impl BufRead) -> std::io::Result<&[u8]> {
    loop {
        match input.fill_buf() {
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
            Ok(_) => break,
        }
    }
    input.fill_buf()
}

/// Reads one line (without its `\n`) into `line`, keeping at most `limit`
/// bytes: returns whether the input ended, and the line's full length when
/// it was longer than `limit` (the rest is skipped, never stored).
fn read_line(
    input: &mut impl BufRead,
    line: &mut Vec<u8>,
    limit: usize,
) -> std::io::Result<(bool, Option<u64>)> {
    line.clear();
    let mut length = 0_u64;
    let mut too_long = false;
    loop {
        let (done, used) = {
            let available = fill(input)?;
            if available.is_empty() {
                let long = too_long.then_some(length);
                return Ok((true, long));
            }
            let (part, done) = match memchr::memchr(b'\n', available) {
                Some(end) => (available.get(..end).unwrap_or_default(), true),
                None => (available, false),
            };
            length = length.saturating_add(u64::try_from(part.len()).unwrap_or(u64::MAX));
            if !too_long && line.len().saturating_add(part.len()) <= limit {
                line.extend_from_slice(part);
            } else {
                too_long = true;
                line.clear();
            }
            (done, part.len().saturating_add(usize::from(done)))
        };
        input.consume(used);
        if done {
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            return Ok((false, too_long.then_some(length)));
        }
    }
}

#[cfg(all(test, feature = "rayon"))]
mod tests {
    use proptest::prelude::*;

    use super::MessageLog;
    use crate::tencent::CodeTable;

    /// Lines of every kind the reader treats apart.
    fn line() -> impl Strategy<Value = Vec<u8>> {
        let receipt = (0_u32..6, 0_u32..3, any::<bool>()).prop_map(|(sid, minute, delivered)| {
            let (status, code) = if delivered { ("SUCCESS", "DELIVRD") } else { ("FAIL", "MK:0001") };
            format!(
                r#"{{"user_receive_time": "2025-04-02 08:0{minute}:00", "report_status": "{status}", "errmsg": "{code}", "sid": "s{sid}"}}"#
            )
            .into_bytes()
        });
        prop_oneof![
            6 => receipt.clone(),
            1 => receipt.clone().prop_map(|mut line| { line.push(b'\r'); line }),
            1 => receipt.prop_map(|line| [b"[".as_slice(), &line, b", 7]"].concat()),
            1 => Just(Vec::new()),
            1 => Just(b"  \r".to_vec()),
            1 => Just(b"{\"sid\": ".to_vec()),
            1 => Just(vec![0xff, b'{', b'}']),
            1 => Just("\u{feff}{}".as_bytes().to_vec()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        // Source: SPEC D22: however the bytes are cut (into pieces, or by
        // a reader's buffer), the log, the counts and the rejections
        // (entry indexes, line numbers) are the same.
        #[test]
        fn d22_pieces_read_as_one_document(
            lines in prop::collection::vec(line(), 0..40),
            end in prop_oneof![Just(&b""[..]), Just(&b"\n"[..]), Just(&b"\r"[..]), Just(&b"\r\n"[..])],
            piece_bytes in 1_usize..300,
        ) {
            let mut input = lines.join(&b'\n');
            input.extend_from_slice(end);
            let mut sequential = MessageLog::new(CodeTable::tencent_default());
            let expected = sequential.read_callback_lines(input.as_slice()).unwrap();
            let mut pieces = MessageLog::new(CodeTable::tencent_default());
            let read = pieces.read_callback_pieces(input.as_slice(), piece_bytes).unwrap();
            prop_assert_eq!(read, expected);
            prop_assert_eq!(pieces.stats(), sequential.stats());
            prop_assert_eq!(pieces.rejections(), sequential.rejections());
            // A small reader buffer: lines split across refills are read
            // as lines that lie whole in it.
            let mut buffered = MessageLog::new(CodeTable::tencent_default());
            let small = std::io::BufReader::with_capacity(piece_bytes, input.as_slice());
            prop_assert_eq!(buffered.read_callback_lines(small).unwrap(), expected);
            prop_assert_eq!(buffered.stats(), sequential.stats());
            prop_assert_eq!(buffered.rejections(), sequential.rejections());
            let mut got: Vec<_> = pieces.records().collect();
            let mut want: Vec<_> = sequential.records().collect();
            got.sort_by_key(|r| (r.sent_at(), format!("{r:?}")));
            want.sort_by_key(|r| (r.sent_at(), format!("{r:?}")));
            prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn a_line_over_the_limit_is_one_rejection_in_pieces_too() {
        // Just over the limit (read whole, then refused) and far over it
        // (skipped, never held).
        for over in [1, 9 << 20] {
            a_line_over_the_limit(MessageLog::MAX_LINE_BYTES + over);
        }
    }

    #[expect(
        clippy::unwrap_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        reason = "a test's helper: a panic is the test failing"
    )]
    fn a_line_over_the_limit(length: usize) {
        let long = vec![b'x'; length];
        let ok = br#"{"user_receive_time": "2025-04-02 08:00:00", "report_status": "SUCCESS", "sid": "s1"}"#;
        let input = [ok.as_slice(), b"\n", &long, b"\r\n", ok].concat();
        let mut sequential = MessageLog::new(CodeTable::tencent_default());
        let expected = sequential.read_callback_lines(input.as_slice()).unwrap();
        let mut parallel = MessageLog::new(CodeTable::tencent_default());
        assert_eq!(
            parallel.par_read_callback_lines(input.as_slice()).unwrap(),
            expected
        );
        assert_eq!(parallel.rejections(), sequential.rejections());
        assert_eq!(
            parallel.rejections()[0].to_string(),
            format!(
                "entry 1: line 2 is {} bytes long, over the limit",
                length + 1
            )
        );
        assert_eq!(parallel.stats(), sequential.stats());
    }
}
