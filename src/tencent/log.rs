//! Tencent data reconciled by serial number: one entry per message, however
//! many documents mention it ([D19](crate::_documentation::design#d19) to
//! [D23](crate::_documentation::design#d23)).

use crate::error::TencentError;
use crate::traffic::REJECTION_SAMPLES;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::BufRead;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::evidence::{Codes, Entry, Evidence};
use super::normal::{MessageKey, RawEntry, Request, fnv1a};
use super::read::{self, FileKind};
use super::stats::LogStats;
use super::{CodeTable, RejectReason, Rejection};
use crate::error::Error;
use crate::term::ServiceMonth;
use crate::traffic::MessageRecord;
use crate::zone::SlaZone;

mod sealed;
mod serials;
mod stored;

use sealed::{Sealed, SealedMonth};
use serials::{Key, Lookup, Serials};

/// Tencent's data about messages, reconciled by serial number: one entry
/// per message, however many SendSms responses, callbacks and Pull
/// responses mention it, in whatever order they are read
/// ([D19](crate::_documentation::design#d19)-[D23](crate::_documentation::design#d23)).
///
/// - Every entry goes through the one normalisation,
///   [`RawEntry::normalize`](super::RawEntry::normalize)
///   ([D26](crate::_documentation::design#d26)).
/// - A message is its serial number; a SendSms entry refused without one
///   (`"SerialNo": ""`) is a message of its own, known by its request
///   (`RequestId`, else the request instant) and its place in the
///   response, so reading the response twice adds nothing.
/// - Its final outcome ([D20](crate::_documentation::design#d20)): a
///   delivery wins over any failure receipt; among failure receipts the
///   latest wins (ties: the greatest code); with no receipt, a refused
///   submission is a failure by its code and an accepted one is
///   unconfirmed.
/// - Its send instant ([D21](crate::_documentation::design#d21)): the
///   SendSms request instant when its send was read, else its earliest
///   receipt time.
/// - Each document (each file, for [`MessageLog::read_file`]) is read whole
///   before anything is added: one that fails is an `Err` and leaves the
///   log as it was. Entries that cannot be read are rejected, counted and
///   kept as samples; they remove nothing, and each belongs to the Service
///   Month of the message it names
///   ([D22](crate::_documentation::design#d22)).
///
/// # Day by day
///
/// A term's data that arrives in batches is read into one log: reading
/// order never matters, so a receipt read a day after its send is the same
/// message ([D27](crate::_documentation::design#d27)). Between batches the
/// log is stored with serde: versioned, every part checked when read back
/// (a form changed by hand is an error naming what is wrong), about 53
/// bytes a message as JSON on the bundled sample. A restored rejection
/// sample keeps its words as [`RejectReason::Recorded`]. Store it by
/// writing a new file and renaming it over the old one, so a crash
/// mid-write leaves the previous state whole, never one that reads as
/// valid but partial:
///
/// ```no_run
/// # fn store(log: &sms_sla::tencent::MessageLog) -> Result<(), Box<dyn std::error::Error>> {
/// use std::io::Write;
///
/// let mut file = std::io::BufWriter::new(std::fs::File::create("state.json.new")?);
/// serde_json::to_writer(&mut file, log)?;
/// file.flush()?;
/// file.get_ref().sync_all()?;
/// std::fs::rename("state.json.new", "state.json")?;
/// # Ok(()) }
/// ```
///
/// Count it once, when the term is assessed
/// ([`Assessor::add_log`](crate::assess::Assessor::add_log)), with the
/// announcements known then; [`MessageLog::seal`] bounds its size by the
/// months still open.
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
///
/// // Stored tonight, restored tomorrow: the same log.
/// let stored = serde_json::to_string(&log)?;
/// let restored: MessageLog = serde_json::from_str(&stored)?;
/// assert_eq!(restored.stats(), log.stats());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct MessageLog {
    /// Everything known about each message with a serial number, by that
    /// number, stored exactly.
    /// Split into [`PARTITIONS`] by [`partition`], so that a document's
    /// entries are added one cache-sized part at a time, and on every core
    /// by [`MessageLog::par_read_callback_lines`].
    serials: Box<[Serials<Evidence>; PARTITIONS]>,
    /// Submissions refused without a serial number, by request and place
    /// in the response ([D19](crate::_documentation::design#d19)).
    refused: HashMap<RefusedKey, Evidence>,
    /// Submissions refused without a serial number or a place: each a
    /// message known by nothing else.
    own: Vec<Evidence>,
    /// The codes this log has seen, by id, and the table that classifies
    /// them (shared with the staged logs each document is read into):
    /// codes belong to the log.
    codes: Codes,
    /// Whether any SendSms entry was read, rejected ones included
    /// ([D21](crate::_documentation::design#d21)).
    read_sends: bool,
    rejected: u64,
    /// Rejected entries that name a serial number, by that number and
    /// their own time if readable: each belongs to its message's month
    /// when the message is known ([D22](crate::_documentation::design#d22)).
    rejected_named: BTreeMap<(Box<str>, Option<DateTime<Utc>>), u64>,
    /// Rejected entries without a serial number but with a readable time,
    /// by that time.
    rejected_at: BTreeMap<DateTime<Utc>, u64>,
    samples: Vec<Rejection>,
    /// A document being read: what its entries about messages with serial
    /// numbers say, in order, applied to the log only once the whole
    /// document has been read ([D22](crate::_documentation::design#d22)).
    /// Empty outside reading. One list per partition of the serial numbers,
    /// as `serials`.
    journal: Box<[Vec<Noted>; PARTITIONS]>,
    /// The serial numbers the journal refers to, one after another.
    arena: String,
    /// The Service Months sealed: their messages folded into counts
    /// ([D27](crate::_documentation::design#d27)).
    sealed: Sealed,
}

/// One entry of a document being read, not yet applied: its serial
/// number's span in the arena, and the entry.
#[derive(Clone, Debug)]
struct Noted {
    serial: NotedSerial,
    entry: Entry,
}

/// The serial number of a journal entry: packed, or its span in the arena
/// (a number not of Tencent's form). A packed number is applied without
/// reading the arena, whose text lies in reading order, far from the
/// part being applied (a cache miss per entry in the reconcile path's
/// profile, BENCHMARKS.md).
#[derive(Clone, Copy, Debug)]
enum NotedSerial {
    Packed(Key),
    Arena(usize, usize),
}

/// A submission refused without a serial number: its request (its id, or
/// its instant) and its place in the response.
type RefusedKey = (Result<Box<str>, DateTime<Utc>>, u64);

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
pub struct ReadCounts {
    entries: u64,
    rejected: u64,
}

impl ReadCounts {
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
    /// The longest NDJSON line read, in bytes, its line end (LF or CRLF)
    /// aside: a longer line is one rejection, never an allocation of its
    /// size.
    pub const MAX_LINE_BYTES: usize = read::MAX_LINE_BYTES;

    /// An empty log classifying codes with `table`.
    #[must_use]
    pub fn new(table: CodeTable) -> Self {
        Self {
            serials: Box::new(core::array::from_fn(|_| Serials::default())),
            refused: HashMap::new(),
            own: Vec::new(),
            codes: Codes::new(table),
            read_sends: false,
            rejected: 0,
            rejected_named: BTreeMap::new(),
            rejected_at: BTreeMap::new(),
            samples: Vec::new(),
            journal: Box::new(core::array::from_fn(|_| Vec::new())),
            arena: String::new(),
            sealed: Sealed::default(),
        }
    }

    /// An empty log with this one's table.
    fn empty_like(&self) -> Self {
        Self {
            codes: Codes::sharing(Arc::clone(self.codes.shared_table())),
            ..Self::new(CodeTable::empty())
        }
    }

    /// Reads into a staged log with `read_with`, then adds it: nothing is
    /// added when `read_with` fails.
    fn staged(
        &mut self,
        read_with: impl FnOnce(&mut Self, &mut ReadCounts) -> Result<(), Error>,
    ) -> Result<ReadCounts, Error> {
        let mut staged = self.empty_like();
        let mut read = ReadCounts::default();
        read_with(&mut staged, &mut read)?;
        self.merge(&staged)?;
        Ok(read)
    }

    /// Reads one SendSms response, requested at `requested_at`.
    ///
    /// Accepted entries (`Code` `Ok`) become messages by serial number, sent
    /// at `requested_at`; refused ones are failures classified by their code
    /// ([D20](crate::_documentation::design#d20)), and one refused without
    /// a serial number is a message of its own, known by the response's
    /// `RequestId` (else `requested_at`) and its place in the response
    /// ([D19](crate::_documentation::design#d19)).
    ///
    /// # Errors
    ///
    /// - [`TencentError::TencentApi`](crate::error::TencentError::TencentApi) when the response is an API error.
    /// - [`TencentError::TencentDocument`](crate::error::TencentError::TencentDocument) when it is not one whole response with
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
    /// // D19: two refusals without serial numbers, retried in the same
    /// // second to the same phone, are two messages (two requests).
    /// let refused = |request| format!(r#"{{"Response": {{"SendStatusSet": [
    ///   {{"SerialNo": "", "PhoneNumber": "+8613800000000", "Code": "InternalError.Timeout"}}
    /// ], "RequestId": "{request}"}}}}"#);
    /// log.read_send_sms(&refused("r1"), at)?;
    /// log.read_send_sms(&refused("r2"), at)?;
    /// log.read_send_sms(&refused("r2"), at)?; // the same response again adds nothing
    /// assert_eq!((log.stats().messages(), log.stats().duplicates()), (2, 1));
    ///
    /// let err = log.read_send_sms(r#"{"Response": {"SendStatusSet": []}} x"#, at).unwrap_err();
    /// assert_eq!(err.to_string(), "tencent send_sms document is malformed: trailing characters at line 1 column 37");
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn read_send_sms(
        &mut self,
        body: &str,
        requested_at: DateTime<Utc>,
    ) -> Result<ReadCounts, Error> {
        self.staged(|staged, read| {
            read::send_document(body, &Ok(Some(requested_at)), &mut |raw| {
                staged.take(read, raw);
            })
            .map(|_| ())
        })
    }

    /// Reads one delivery-status callback body: a JSON array of receipts.
    ///
    /// # Errors
    ///
    /// [`TencentError::TencentDocument`](crate::error::TencentError::TencentDocument) when `body` is not one whole JSON array.
    /// The log is unchanged after an error.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::tencent::{CodeTable, MessageLog};
    /// use sms_sla::traffic::{FailureCause, InvalidReason, Outcome, Recipient};
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
    pub fn read_callback(&mut self, body: &str) -> Result<ReadCounts, Error> {
        self.staged(|staged, read| {
            read::each_in_array(body, "callback", read::CALLBACK, |entry| {
                let raw = match &entry {
                    Ok(fields) => read::callback_raw(fields),
                    Err(found) => read::not_an_object(super::Source::Callback, found),
                };
                staged.take(read, raw);
            })
            .map(|_| ())
        })
    }

    /// Reads delivery-status callbacks as newline-delimited JSON: each line
    /// a receipt, or a whole callback body (an array of receipts). Blank
    /// lines are skipped but counted in line numbers (from 1); a byte-order
    /// mark at the start of a line and CRLF line ends are ordinary input.
    ///
    /// A line that is not JSON, not UTF-8, or longer than
    /// [`MessageLog::MAX_LINE_BYTES`] is one rejection naming its line.
    ///
    /// # Errors
    ///
    /// [`TencentError::TencentRead`](crate::error::TencentError::TencentRead) when `input` fails, naming the line. The log
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
    pub fn read_callback_lines(&mut self, input: impl BufRead) -> Result<ReadCounts, Error> {
        self.staged(|staged, read| {
            read::each_line("callback", input, 1, |number, line| {
                read::each_in_line(FileKind::Callbacks, number, line, &mut |raw| {
                    staged.take(read, raw);
                });
            })
        })
    }

    /// Reads a file of Tencent documents as files come
    /// ([D23](crate::_documentation::design#d23)): one document or many,
    /// pretty-printed or one per line, after a byte-order mark, with CRLF
    /// line ends (see [`FileKind`] for how the shapes are told apart and
    /// what each kind holds).
    ///
    /// # Errors
    ///
    /// - [`TencentError::TencentRead`](crate::error::TencentError::TencentRead) when `input` fails, naming the line.
    /// - [`TencentError::TencentDocument`](crate::error::TencentError::TencentDocument) when a file of documents written one
    ///   after another (not one per line) holds one that cannot be read,
    ///   naming it and its line.
    ///
    /// The log is unchanged after an error.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::tencent::{CodeTable, FileKind, MessageLog};
    ///
    /// // The command's send log: a SendSms response and its request instant
    /// // per line. A key given twice in an entry rejects that entry.
    /// let log_file = concat!(
    ///     r#"{"sent_at": "2025-04-02T00:03:00Z", "response": {"Response": {"SendStatusSet": ["#,
    ///     r#"{"SerialNo": "s1", "Code": "Ok"}, "#,
    ///     r#"{"SerialNo": "", "Code": "InternalError.Timeout", "Code": "Ok"}], "RequestId": "r1"}}}"#,
    ///     "\r\n",
    /// );
    /// let mut log = MessageLog::new(CodeTable::tencent_default());
    /// let read = log.read_file(FileKind::SendLog, log_file.as_bytes())?;
    /// assert_eq!((read.entries(), read.rejected(), log.stats().messages()), (2, 1, 1));
    /// assert_eq!(log.rejections()[0].to_string(), "entry 1: field `Code` is given more than once");
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn read_file(&mut self, kind: FileKind, input: impl BufRead) -> Result<ReadCounts, Error> {
        self.staged(|staged, read| {
            read::each_in_file(kind, input, |raw| {
                staged.take(read, raw);
            })
        })
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
    /// [`TencentError::TencentRead`](crate::error::TencentError::TencentRead) when reading fails; the log is unchanged.
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
    pub fn par_read_callback_lines(
        &mut self,
        input: impl std::io::Read,
    ) -> Result<ReadCounts, Error> {
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
    ) -> Result<ReadCounts, Error> {
        use rayon::prelude::*;

        let staged = self.stage_pieces(input, piece_bytes)?;
        let mut read = ReadCounts::default();
        let mut others = Vec::with_capacity(staged.len());
        for (_, staged, part) in &staged {
            others.push((staged, read.entries));
            read.entries = read.entries.saturating_add(part.entries);
            read.rejected = read.rejected.saturating_add(part.rejected);
        }
        // Each part of the serial numbers on its own core.
        self.merge_all(&others, |serials, codes, parts, sealed| {
            serials
                .par_iter_mut()
                .enumerate()
                .map(|(part, mine)| add_partition(mine, part, codes, parts, sealed))
                .reduce(Vec::new, add_late)
        })?;
        Ok(read)
    }

    /// Reads `input` in pieces of about `piece_bytes` on every core, each
    /// into a log of its own: the logs and their counts in reading order.
    #[cfg(feature = "rayon")]
    fn stage_pieces(
        &self,
        input: impl std::io::Read,
        piece_bytes: usize,
    ) -> Result<Vec<(usize, Self, ReadCounts)>, Error> {
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
                    let (log, read) = template.read_piece(piece, first_line);
                    if let Ok(mut staged) = staged.lock() {
                        staged.push((index, log, read));
                    }
                });
            };
            loop {
                let (lines, too_long, ended) =
                    next_piece(&mut input, piece_bytes, Self::MAX_LINE_BYTES).map_err(|err| {
                        Error::Tencent(TencentError::TencentRead {
                            format: "callback",
                            line: Some(first_line),
                            source: err.into(),
                        })
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
        let mut staged = staged.into_inner().map_err(|_| {
            Error::Tencent(TencentError::TencentRead {
                format: "callback",
                line: None,
                source: std::io::Error::other("a thread reading a piece panicked").into(),
            })
        })?;
        staged.sort_unstable_by_key(|(index, _, _)| *index);
        Ok(staged)
    }

    /// One piece of NDJSON callback lines, from line `first_line`, read
    /// into an empty log like this one.
    #[cfg(feature = "rayon")]
    fn read_piece(&self, piece: Piece, first_line: u64) -> (Self, ReadCounts) {
        let mut log = self.empty_like();
        let mut read = ReadCounts::default();
        let mut take = |raw: RawEntry<'_>| log.take(&mut read, raw);
        match piece {
            Piece::Lines(bytes) => callback_piece(first_line, &bytes, &mut take),
            Piece::TooLong(length) => {
                read::each_in_line(FileKind::Callbacks, first_line, Err(length), &mut take);
            }
        }
        (log, read)
    }

    /// Reads one PullSmsSendStatus (or PullSmsSendStatusByPhoneNumber)
    /// response. An entry without `ReportStatus` is malformed
    /// ([D23](crate::_documentation::design#d23)).
    ///
    /// # Errors
    ///
    /// - [`TencentError::TencentApi`](crate::error::TencentError::TencentApi) when the response is an API error.
    /// - [`TencentError::TencentDocument`](crate::error::TencentError::TencentDocument) when it is not one whole response with
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
    ///   {"UserReceiveTime": 1743552184, "SerialNo": "s1", "ReportStatus": "SUCCESS", "Description": "DELIVRD"},
    ///   {"UserReceiveTime": 1743552185, "SerialNo": "s2", "Description": ""}
    /// ], "RequestId": "r1"}}"#)?;
    /// assert_eq!((log.stats().messages(), log.stats().rejected()), (1, 1));
    /// assert_eq!(log.rejections()[0].to_string(), "entry 1: field `ReportStatus` is missing");
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn read_pull(&mut self, body: &str) -> Result<ReadCounts, Error> {
        self.staged(|staged, read| {
            read::pull_document(body, &mut |raw| staged.take(read, raw)).map(|_| ())
        })
    }

    /// Adds everything `other` holds, as if this log had read its
    /// documents too. Logs merge exactly, in any order.
    ///
    /// # Errors
    ///
    /// [`TencentError::LogTablesDiffer`](crate::error::TencentError::LogTablesDiffer) when the logs classify codes with
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
        self.merge_all(&[(other, 0)], add_partitions)
    }

    /// Adds everything each of `others` holds, in order, each with the
    /// number of entries read before it (its rejection samples' entry
    /// indexes move on by that many: it read the part of a document after
    /// them); `add` adds the parts of their serial numbers.
    fn merge_all(
        &mut self,
        others: &[(&Self, u64)],
        add: impl FnOnce(&mut [Serials<Evidence>], &Codes, &[(&Self, &[u32])], &Sealed) -> Vec<u64>,
    ) -> Result<(), Error> {
        if others.iter().any(|(other, _)| !other.sealed.is_empty()) {
            return Err(Error::Tencent(TencentError::MergeSealed));
        }
        if others.iter().any(|(other, _)| {
            let (mine, theirs) = (self.codes.shared_table(), other.codes.shared_table());
            !Arc::ptr_eq(mine, theirs) && mine != theirs
        }) {
            return Err(Error::Tencent(TencentError::LogTablesDiffer));
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
        let late = add(&mut self.serials[..], &self.codes, &parts, &self.sealed);
        for (index, count) in late.into_iter().enumerate() {
            self.sealed.late(index, count);
        }
        for (&(other, entries_before), ids) in others.iter().zip(&ids) {
            let translate = translation(ids);
            for (key, theirs) in &other.refused {
                let known = self.refused.get(key);
                let at = known.map_or(theirs.sent_at(), |mine| mine.placed_with_all(theirs));
                if let Some(month) = self.sealed.month_of(at) {
                    self.sealed.late(month, theirs.entries_read());
                    continue;
                }
                self.refused
                    .entry(key.clone())
                    .or_insert_with(|| Evidence::at(theirs.sent_at()))
                    .absorb(theirs, &translate, &self.codes);
            }
            for theirs in &other.own {
                if let Some(month) = self.sealed.month_of(theirs.sent_at()) {
                    self.sealed.late(month, theirs.entries_read());
                    continue;
                }
                let mut mine = Evidence::at(theirs.sent_at());
                mine.absorb(theirs, &translate, &self.codes);
                self.own.push(mine);
            }
            self.read_sends |= other.read_sends;
            self.rejected = self.rejected.saturating_add(other.rejected);
            for (key, &count) in &other.rejected_named {
                let counter = self.rejected_named.entry(key.clone()).or_insert(0);
                *counter = counter.saturating_add(count);
            }
            for (&at, &count) in &other.rejected_at {
                let counter = self.rejected_at.entry(at).or_insert(0);
                *counter = counter.saturating_add(count);
            }
            let room = REJECTION_SAMPLES.saturating_sub(self.samples.len());
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
        stats.add(self.sealed.stats());
        stats
    }

    /// One record per message, with its final outcome and send instant
    /// ([D20](crate::_documentation::design#d20),
    /// [D21](crate::_documentation::design#d21)), in no particular order.
    #[must_use]
    pub fn records(&self) -> impl ExactSizeIterator<Item = MessageRecord<'_>> + '_ {
        let sealed = usize::try_from(self.sealed.messages()).unwrap_or(usize::MAX);
        let len = self.serials.iter().fold(
            self.refused
                .len()
                .saturating_add(self.own.len())
                .saturating_add(sealed),
            |sum, part| sum.saturating_add(part.len()),
        );
        Records {
            open: self.messages(),
            sealed: self.sealed.records(&self.codes),
            codes: &self.codes,
            len,
        }
    }

    /// The first [`REJECTION_SAMPLES`](crate::traffic::REJECTION_SAMPLES) rejected entries.
    #[must_use]
    pub fn rejections(&self) -> &[Rejection] {
        &self.samples
    }

    /// Rejected entries that can be placed in time, by that time
    /// ([D22](crate::_documentation::design#d22)): one that names a
    /// message the log knows, at that message's send instant; else one
    /// with a readable time (a SendSms entry's request instant, a
    /// receipt's time), at that time. In time order.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use sms_sla::tencent::{CodeTable, MessageLog};
    ///
    /// let mut log = MessageLog::new(CodeTable::tencent_default());
    /// let sent = Utc.with_ymd_and_hms(2025, 4, 30, 15, 0, 0).unwrap();
    /// log.read_send_sms(r#"{"Response": {"SendStatusSet": [{"SerialNo": "s1", "Code": "Ok"}], "RequestId": "r1"}}"#, sent)?;
    /// // A receipt for s1 a day later that cannot be read belongs to s1's month.
    /// log.read_callback(r#"[{"user_receive_time": "2025-05-01 23:00:00", "report_status": "LOST", "sid": "s1"}]"#)?;
    /// assert_eq!(log.rejected_at().collect::<Vec<_>>(), [(sent, 1)]);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn rejected_at(&self) -> impl Iterator<Item = (DateTime<Utc>, u64)> + '_ {
        let mut placed = self.rejected_at.clone();
        for ((serial, at), &count) in &self.rejected_named {
            let message = self.message(serial).map(Evidence::sent_at);
            if let Some(at) = message.or(*at) {
                let counter = placed.entry(at).or_insert(0);
                *counter = counter.saturating_add(count);
            }
        }
        placed.into_iter()
    }

    /// Rejected entries that cannot be placed in time (no known message, no
    /// readable time): they belong to no Service Month and are reported
    /// for the term ([D22](crate::_documentation::design#d22)).
    #[must_use]
    pub fn rejected_without_time(&self) -> u64 {
        let placed = self
            .rejected_at()
            .fold(0_u64, |sum, (_, count)| sum.saturating_add(count));
        self.rejected.saturating_sub(placed)
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
        let named = self
            .rejected_named
            .keys()
            .fold(0_usize, |sum, (serial, _)| {
                sum.saturating_add(serial.len())
                    .saturating_add(size_of::<((Box<str>, Option<DateTime<Utc>>), u64)>())
            });
        serials
            .saturating_add(slot(
                size_of::<(RefusedKey, Evidence)>(),
                self.refused.capacity(),
            ))
            .saturating_add(self.own.capacity().saturating_mul(size_of::<Evidence>()))
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
            .saturating_add(named)
            .saturating_add(self.sealed.heap_bytes())
    }

    /// Seals Service Month `month`, its days read in `zone` (the zone of
    /// the policy the log will be assessed under): every message placed in
    /// it is folded into the month's counts and its serial number dropped,
    /// so the log's size is bounded by the months still open
    /// ([D27](crate::_documentation::design#d27)). Returns how many
    /// messages were folded; a month sealed already folds none.
    ///
    /// Seal a month once its data has arrived: an entry read later that
    /// would place a message in it (a receipt of one of its messages, a
    /// send of its days) changes no count; it is counted as late for the
    /// month ([`LogStats::late`]) and widens the month's verdict bounds as a
    /// rejected entry does ([D22](crate::_documentation::design#d22)). A
    /// receipt is placed by its own time once its message is gone, so a
    /// receipt of a message sent late on the month's last day that arrives
    /// the next day becomes a message of that next day: seal a month only
    /// when its receipts have stopped coming (Tencent redelivers a callback
    /// for a few days at most). An announcement made after sealing still
    /// applies: a failure a window could exempt keeps its instant.
    ///
    /// # Errors
    ///
    /// - [`TencentError::SealZoneDiffers`](crate::error::TencentError::SealZoneDiffers) for another zone than earlier seals'.
    /// - [`TencentError::SealOverlaps`](crate::error::TencentError::SealOverlaps) for a month that overlaps a sealed one
    ///   without being it.
    ///
    /// The log is unchanged after an error.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{NaiveDate, TimeZone, Utc};
    /// use sms_sla::tencent::{CodeTable, MessageLog};
    /// use sms_sla::{SlaZone, Term};
    ///
    /// let mut log = MessageLog::new(CodeTable::tencent_default());
    /// log.read_send_sms(r#"{"Response": {"SendStatusSet": [{"SerialNo": "s1", "Code": "Ok"}], "RequestId": "r1"}}"#,
    ///                   Utc.with_ymd_and_hms(2025, 4, 2, 0, 3, 0).unwrap())?;
    /// let april = Term::from_months(NaiveDate::from_ymd_opt(2025, 4, 1).unwrap(), 2)?.service_months().next().unwrap();
    /// assert_eq!(log.seal(april, SlaZone::CHINA_STANDARD_TIME)?, 1);
    /// // s1's receipt, read after April was sealed, is late: counted, not added.
    /// log.read_callback(r#"[{"user_receive_time": "2025-04-02 08:03:09", "report_status": "SUCCESS", "sid": "s1"}]"#)?;
    /// assert_eq!((log.stats().messages(), log.stats().late()), (1, 1));
    /// assert_eq!(log.late().collect::<Vec<_>>(), [(april, 1)]);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn seal(&mut self, month: ServiceMonth, zone: SlaZone) -> Result<u64, Error> {
        if self.sealed.check(month, zone)? {
            return Ok(0);
        }
        let in_month = |at: DateTime<Utc>| zone.date_of(at).is_ok_and(|date| month.contains(date));
        // Rejected entries that name a message of the month stay with it,
        // at its instant, once its serial number is gone.
        let named = core::mem::take(&mut self.rejected_named);
        for ((serial, at), count) in named {
            match self.message(&serial).map(Evidence::sent_at) {
                Some(sent) if in_month(sent) => {
                    let counter = self.rejected_at.entry(sent).or_insert(0);
                    *counter = counter.saturating_add(count);
                }
                _ => {
                    self.rejected_named.insert((serial, at), count);
                }
            }
        }
        let mut folded = SealedMonth::new(month);
        let mut sealed = 0_u64;
        let (codes, sends_read) = (&self.codes, self.read_sends);
        for part in self.serials.iter_mut() {
            if !part.entries().any(|message| in_month(message.sent_at())) {
                continue;
            }
            core::mem::take(part).for_each_owned(|serial, message| {
                if in_month(message.sent_at()) {
                    folded.fold(&message, codes, sends_read, zone);
                    sealed = sealed.saturating_add(1);
                } else {
                    part.get_or_insert_with(serial, || message);
                }
            });
        }
        let mut fold = |message: &Evidence| {
            let inside = in_month(message.sent_at());
            if inside {
                folded.fold(message, codes, sends_read, zone);
                sealed = sealed.saturating_add(1);
            }
            !inside
        };
        self.refused.retain(|_, message| fold(message));
        self.own.retain(|message| fold(message));
        let at = self
            .sealed
            .months
            .partition_point(|known| known.month < month);
        self.sealed.months.insert(at, folded);
        self.sealed.zone = Some(zone);
        Ok(sealed)
    }

    /// The sealed Service Months, in order, with the entries read late for
    /// each ([D27](crate::_documentation::design#d27)).
    #[must_use]
    pub fn late(&self) -> impl ExactSizeIterator<Item = (ServiceMonth, u64)> + '_ {
        self.sealed.late_by_month()
    }

    /// The zone the log's months were sealed in; `None` while none is.
    #[must_use]
    pub const fn sealed_zone(&self) -> Option<SlaZone> {
        self.sealed.zone
    }

    /// The table the log classifies codes with.
    #[must_use]
    pub fn table(&self) -> &CodeTable {
        self.codes.table()
    }

    // Reading entries into a staged log.

    /// Stages one entry of the document being read, its index the number
    /// read before it: normalised ([D26](crate::_documentation::design#d26))
    /// and noted for its message, or rejected.
    fn take(&mut self, read: &mut ReadCounts, raw: RawEntry<'_>) {
        let index = read.entries;
        read.entries = read.entries.saturating_add(1);
        self.read_sends |= raw.is_send();
        match raw.normalize(self.codes.table()) {
            Ok(normal) => {
                let entry = self.codes.entry(&normal);
                match normal.key() {
                    MessageKey::Serial(serial) => self.note(serial, entry),
                    MessageKey::Refused { request, position } => {
                        let request = match request {
                            Request::Id(id) => Ok(id.into()),
                            Request::At(at) => Err(at),
                        };
                        self.refused
                            .entry((request, position))
                            .or_insert_with(|| Evidence::at(entry.at()))
                            .add(entry, &self.codes);
                    }
                    MessageKey::Own => self.own.push(Evidence::new(entry)),
                }
            }
            Err(malformed) => {
                read.rejected = read.rejected.saturating_add(1);
                let (at, serial) = (malformed.at(), malformed.serial().map(Box::from));
                self.reject(index, malformed.into_reason(), at, serial);
            }
        }
    }

    fn reject(
        &mut self,
        index: u64,
        reason: RejectReason,
        at: Option<DateTime<Utc>>,
        serial: Option<Box<str>>,
    ) {
        self.rejected = self.rejected.saturating_add(1);
        let counter = match (serial, at) {
            (Some(serial), at) => Some(self.rejected_named.entry((serial, at)).or_insert(0)),
            (None, Some(at)) => Some(self.rejected_at.entry(at).or_insert(0)),
            (None, None) => None,
        };
        if let Some(counter) = counter {
            *counter = counter.saturating_add(1);
        }
        if self.samples.len() < REJECTION_SAMPLES {
            self.samples.push(Rejection { index, reason });
        }
    }

    /// Notes an entry of the document being read about message `serial`.
    fn note(&mut self, serial: &str, entry: Entry) {
        let lookup = Lookup::of(serial);
        let noted = Noted {
            serial: match lookup {
                Lookup::Packed(key) => NotedSerial::Packed(key),
                Lookup::Text(text) => {
                    let start = self.arena.len();
                    self.arena.push_str(text);
                    NotedSerial::Arena(start, self.arena.len())
                }
            },
            entry,
        };
        #[expect(
            clippy::indexing_slicing,
            reason = "`partition_of` is below PARTITIONS, the journal's length"
        )]
        self.journal[partition_of(lookup)].push(noted);
    }

    /// The serial number of an entry of this log's journal. Each span was
    /// made by pushing a whole `&str` onto the arena: it is in range and on
    /// character boundaries.
    fn noted_serial(&self, noted: &Noted) -> Lookup<'_> {
        match noted.serial {
            NotedSerial::Packed(key) => Lookup::Packed(key),
            NotedSerial::Arena(start, end) => {
                Lookup::Text(self.arena.get(start..end).unwrap_or_default())
            }
        }
    }

    /// How many entries and messages part `part` of this log holds: at
    /// most what adding it to another log adds to that log's part.
    fn part_len(&self, part: usize) -> usize {
        let journal = self.journal.get(part).map_or(0, Vec::len);
        let held = self.serials.get(part).map_or(0, Serials::len);
        journal.saturating_add(held)
    }

    /// The message with serial number `serial`, if the log knows it.
    fn message(&self, serial: &str) -> Option<&Evidence> {
        let lookup = Lookup::of(serial);
        self.serials.get(partition_of(lookup))?.get(lookup)
    }

    /// Every message, in no particular order.
    fn messages(&self) -> impl Iterator<Item = &Evidence> + '_ {
        self.serials
            .iter()
            .flat_map(Serials::entries)
            .chain(self.refused.values())
            .chain(&self.own)
    }
}

/// Hands `take` the entries of the lines of `piece`, whole lines from line
/// `first` on (the last without a line end only where the input ends).
#[cfg(feature = "rayon")]
fn callback_piece<F>(first: u64, piece: &[u8], take: &mut F)
where
    F: for<'x> FnMut(RawEntry<'x>),
{
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
        read::each_in_line(
            FileKind::Callbacks,
            number,
            read::checked_line(line, ended),
            take,
        );
        number = number.saturating_add(1);
        match end {
            Some(end) => start = end.saturating_add(1),
            None => break,
        }
    }
}

/// How many parts a log's serial numbers are split into.
const PARTITIONS: usize = 64;

/// The part serial number `serial` belongs in, below [`PARTITIONS`]: the
/// top bits of its packed key mixed (see [`Key::mixed`]), or of its
/// FNV-1a hash mixed the same way when it is not of Tencent's form (FNV's
/// own top bits put `s0` to `s1999` in 19 parts of 64). The same in every log, so
/// that the parts of two logs merge part by part; it decides only where a
/// message is kept, never how it is found (each part hashes with its own
/// seed).
fn partition(serial: &str) -> usize {
    partition_of(Lookup::of(serial))
}

/// The part of a serial number looked up (see [`partition`]).
fn partition_of(serial: Lookup<'_>) -> usize {
    let hash = match serial {
        Lookup::Packed(key) => key.mixed(),
        Lookup::Text(text) => {
            let hash = fnv1a(text.as_bytes());
            (hash ^ (hash >> 32)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
        }
    };
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
///
/// With months sealed, an entry or message that would place a message in
/// one of them is late: counted for that month (the counts returned, by
/// sealed month), never added ([D27](crate::_documentation::design#d27)).
fn add_partition(
    mine: &mut Serials<Evidence>,
    part: usize,
    codes: &Codes,
    others: &[(&MessageLog, &[u32])],
    sealed: &Sealed,
) -> Vec<u64> {
    let mut late = Vec::new();
    let entries = others.iter().fold(0_usize, |entries, (other, _)| {
        entries.saturating_add(other.part_len(part))
    });
    // An empty part (a log's first document) is sized once from what is
    // added; a part that holds messages grows as they come, since most
    // entries added to it may be of messages it already holds (reserving
    // for all of them would double its tables).
    if mine.len() == 0 {
        mine.reserve(entries);
    }
    for &(other, ids) in others {
        let translate = translation(ids);
        let journal = other.journal.get(part).into_iter().flatten();
        let theirs = other.serials.get(part).into_iter().flat_map(Serials::iter);
        if sealed.is_empty() {
            // The common path, with no test per entry (the `tencent`
            // benchmark, BENCHMARKS.md).
            for noted in journal {
                let entry = noted.entry.translated(&translate);
                let (message, made) =
                    mine.get_or_make(other.noted_serial(noted), || Evidence::new(entry));
                if !made {
                    message.add(entry, codes);
                }
            }
            for (serial, theirs) in theirs {
                mine.get_or_insert_with(Lookup::of(&serial), || Evidence::at(theirs.sent_at()))
                    .absorb(theirs, &translate, codes);
            }
            continue;
        }
        for noted in journal {
            let serial = other.noted_serial(noted);
            let entry = noted.entry.translated(&translate);
            let at = mine
                .get(serial)
                .map_or(entry.at(), |known| known.placed_with(&entry));
            if let Some(month) = sealed.month_of(at) {
                count_late(&mut late, month, u64::from(entry.count()));
                continue;
            }
            let (message, made) = mine.get_or_make(serial, || Evidence::new(entry));
            if !made {
                message.add(entry, codes);
            }
        }
        for (serial, theirs) in theirs {
            let at = mine
                .get(Lookup::of(&serial))
                .map_or(theirs.sent_at(), |known| known.placed_with_all(theirs));
            if let Some(month) = sealed.month_of(at) {
                count_late(&mut late, month, theirs.entries_read());
                continue;
            }
            mine.get_or_insert_with(Lookup::of(&serial), || Evidence::at(theirs.sent_at()))
                .absorb(theirs, &translate, codes);
        }
    }
    late
}

/// Counts `count` late entries for sealed month `month` in `late`.
fn count_late(late: &mut Vec<u64>, month: usize, count: u64) {
    if late.len() <= month {
        late.resize(month.saturating_add(1), 0);
    }
    if let Some(counter) = late.get_mut(month) {
        *counter = counter.saturating_add(count);
    }
}

/// Two lists of late counts by sealed month, added.
fn add_late(mut left: Vec<u64>, right: Vec<u64>) -> Vec<u64> {
    if left.len() < right.len() {
        left.resize(right.len(), 0);
    }
    for (mine, theirs) in left.iter_mut().zip(right) {
        *mine = mine.saturating_add(theirs);
    }
    left
}

/// Adds to each part of `serials` what `others` hold in it, part by part:
/// one cache-sized table at a time.
fn add_partitions(
    serials: &mut [Serials<Evidence>],
    codes: &Codes,
    others: &[(&MessageLog, &[u32])],
    sealed: &Sealed,
) -> Vec<u64> {
    serials
        .iter_mut()
        .enumerate()
        .map(|(part, mine)| add_partition(mine, part, codes, others, sealed))
        .fold(Vec::new(), add_late)
}

/// The records of a log's messages: the open ones, then the sealed ones.
struct Records<'a, O, S> {
    open: O,
    sealed: S,
    codes: &'a Codes,
    len: usize,
}

impl<'a, O, S> Iterator for Records<'a, O, S>
where
    O: Iterator<Item = &'a Evidence>,
    S: Iterator<Item = MessageRecord<'a>>,
{
    type Item = MessageRecord<'a>;

    fn next(&mut self) -> Option<MessageRecord<'a>> {
        let record = match self.open.next() {
            Some(message) => message.record(self.codes),
            None => self.sealed.next()?,
        };
        self.len = self.len.saturating_sub(1);
        Some(record)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.len, Some(self.len))
    }
}

impl<'a, O, S> ExactSizeIterator for Records<'a, O, S>
where
    O: Iterator<Item = &'a Evidence>,
    S: Iterator<Item = MessageRecord<'a>>,
{
}

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
        let available = read::fill(input)?;
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
        // Over the limit by more than a `\r` that may end it: the open line
        // is too long whatever its end.
        if piece.len().saturating_sub(open) > limit.saturating_add(1) {
            // It leaves the piece, and the rest of it is skipped up to its
            // line end; its length is counted without the line end, as
            // `read_line` counts it.
            let mut length = u64::try_from(piece.len().saturating_sub(open)).unwrap_or(u64::MAX);
            let cr_last = piece.last() == Some(&b'\r');
            piece.truncate(open);
            if cr_last && read::fill(input)?.first() == Some(&b'\n') {
                // The `\r` ended the line.
                input.consume(1);
                return Ok((piece, Some(length.saturating_sub(1)), false));
            }
            // With no room, `read_line` keeps nothing and measures the rest.
            let (ended, rest) = read::read_line(input, &mut Vec::new(), 0)?;
            length = length.saturating_add(rest.unwrap_or(0));
            return Ok((piece, Some(length), ended));
        }
    }
}

#[cfg(all(test, feature = "rayon"))]
mod tests {
    use proptest::prelude::*;

    use super::{MessageLog, PARTITIONS, partition};
    use crate::tencent::CodeTable;

    /// Short serial numbers of any form spread over every part: no part
    /// holds twice its share (each part is a table sized and grown alone).
    #[test]
    fn serial_numbers_spread_over_every_part() {
        for form in [
            |i: u32| format!("s{i}"),
            |i: u32| format!("{i}"),
            |i: u32| format!("2433:{i}"),
            |i: u32| format!("2433:{:019}", u64::from(i) * 1_000_003),
        ] {
            let mut held = [0_u32; PARTITIONS];
            for i in 0..6_400 {
                held[partition(&form(i))] += 1;
            }
            let (least, most) = (held.iter().min().unwrap(), held.iter().max().unwrap());
            assert!(*least > 50 && *most < 200, "{} {held:?}", form(0));
        }
    }

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

    /// A line over the limit is measured without its line end however the
    /// reader's buffer cuts it, as `read_line` measures it.
    #[test]
    fn a_long_line_is_measured_without_its_end_wherever_the_buffer_cuts() {
        for line in [
            &b"xxxxxxxxxxxxxxx\r\nok\n"[..],
            b"xxxxxxxxxxxxxxxx\nok\n",
            b"xxxxxxxxxxxxxxxxxx\r\n",
        ] {
            // A buffer of 16 bytes: the first fill ends after the `\r`, or
            // just before the `\n`, or inside the line.
            let mut input = std::io::BufReader::with_capacity(16, line);
            let got = super::next_piece(&mut input, 1 << 20, 10).unwrap();
            let mut measured = std::io::BufReader::with_capacity(16, line);
            let (ended, length) =
                crate::tencent::read::read_line(&mut measured, &mut Vec::new(), 10).unwrap();
            assert_eq!((got.1, got.2), (length, ended), "{line:?}");
            assert!(got.0.is_empty(), "{line:?}");
        }
        // The last line, without a line end: at the limit it is read, over
        // it measured; a long line is never held.
        let read = |bytes: &[u8]| {
            let mut line = Vec::new();
            let mut input = std::io::BufReader::with_capacity(16, bytes);
            let got = crate::tencent::read::read_line(&mut input, &mut line, 10).unwrap();
            (got, line.len(), line.capacity())
        };
        assert_eq!(read(b"xxxxxxxxxx").0, (true, None));
        assert_eq!(read(b"xxxxxxxxxx").1, 10);
        assert_eq!(read(b"xxxxxxxxxxx").0, (true, Some(11)));
        assert_eq!(read(&[b'x'; 100]).0, (true, Some(100)));
        assert!(read(&[b'x'; 100]).2 < 100, "a long line is not held");
    }

    #[test]
    fn a_line_over_the_limit_is_one_rejection_in_pieces_too() {
        // At the limit, and just over it (read whole, then refused), and far
        // over it (skipped, never held); a line's end, LF or CRLF, is not
        // part of its length (D23).
        let limit = MessageLog::MAX_LINE_BYTES;
        for length in [limit, limit + 1, limit + (9 << 20)] {
            for end in [&b"\r\n"[..], b"\n"] {
                a_line_over_the_limit(length, end);
            }
        }
    }

    #[expect(
        clippy::unwrap_used,
        clippy::indexing_slicing,
        reason = "a test's helper: a panic is the test failing"
    )]
    fn a_line_over_the_limit(length: usize, end: &[u8]) {
        let long = vec![b'x'; length];
        let ok = br#"{"user_receive_time": "2025-04-02 08:00:00", "report_status": "SUCCESS", "sid": "s1"}"#;
        let input = [ok.as_slice(), b"\n", &long, end, ok].concat();
        // Read where it lies (the whole input is one buffer), and through a
        // small buffer (a line at a time).
        let mut sequential = MessageLog::new(CodeTable::tencent_default());
        let expected = sequential.read_callback_lines(input.as_slice()).unwrap();
        let mut buffered = MessageLog::new(CodeTable::tencent_default());
        let small = std::io::BufReader::with_capacity(8 << 10, input.as_slice());
        assert_eq!(buffered.read_callback_lines(small).unwrap(), expected);
        assert_eq!(buffered.rejections(), sequential.rejections());
        let mut parallel = MessageLog::new(CodeTable::tencent_default());
        assert_eq!(
            parallel.par_read_callback_lines(input.as_slice()).unwrap(),
            expected
        );
        assert_eq!(parallel.rejections(), sequential.rejections());
        let expected_text = if length > MessageLog::MAX_LINE_BYTES {
            format!("entry 1: line 2 is {length} bytes long, over the limit")
        } else {
            "entry 1: line 2 is not JSON: expected value at line 1 column 1".to_owned()
        };
        assert_eq!(
            parallel.rejections()[0].to_string(),
            expected_text,
            "{length} {end:?}"
        );
        assert_eq!(parallel.stats(), sequential.stats());
    }
}
