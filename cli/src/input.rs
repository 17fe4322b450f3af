//! What the command reads: Tencent's documents into one `MessageLog`, the
//! fees, the policy, the announcements and the calendar.

use std::fmt;
use std::fs::File;
use std::io::{BufReader, IsTerminal, Read};
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};
use rust_decimal::Decimal;
use sms_sla::DeductionKind;
use sms_sla::SlaPolicy;
use sms_sla::calendar::{ChinaMainland, HolidaySchedule};
use sms_sla::tencent::{FileKind, MessageLog};
use sms_sla::traffic::Announcements;

use crate::Failure;
use crate::args::Documents;

/// Files larger than this get a progress bar when stderr is a terminal.
const PROGRESS_FROM_BYTES: u64 = 4 << 20;

/// The files of `documents`, each with its kind, in the order they are
/// read: send logs, callbacks, Pull responses.
pub(crate) fn files(documents: &Documents) -> impl Iterator<Item = (FileKind, &PathBuf)> {
    let Documents {
        send_log,
        receipts,
        pull,
    } = documents;
    send_log
        .iter()
        .map(|path| (FileKind::SendLog, path))
        .chain(receipts.iter().map(|path| (FileKind::Callbacks, path)))
        .chain(pull.iter().map(|path| (FileKind::Pull, path)))
}

/// The built-in calendar with the holiday schedules in the JSON file at
/// `path` added.
pub(crate) fn read_calendar(path: &Path) -> Result<ChinaMainland, Failure> {
    ChinaMainland::new()
        .with_schedules(read_json::<Vec<HolidaySchedule>>(path)?)
        .map_err(|err| in_file(path, &err))
}

/// The policy in the JSON file at `path`, or the agreement.
pub(crate) fn read_policy(path: Option<&Path>) -> Result<SlaPolicy, Failure> {
    path.map_or_else(|| Ok(SlaPolicy::tencent_sms()), read_json)
}

/// The announcements in the JSON file at `path`.
pub(crate) fn read_announcements(path: &Path) -> Result<Announcements, Failure> {
    read_json(path)
}

/// The value of the JSON file at `path`, its errors naming the file.
fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, Failure> {
    serde_json::from_str(&read_text(path)?)
        .map_err(|err| Failure::Data(format!("{}: {err}", path.display())))
}

/// The message of `err` prefixed with the file it came from.
fn in_file(path: &Path, err: &sms_sla::Error) -> Failure {
    Failure::Data(format!("{}: {}", path.display(), crate::with_sources(err)))
}

/// A file that held no entries at all is an error, so a truncated export
/// never reads as a clean "nothing owed".
fn nonempty(path: &Path, entries: u64) -> Result<(), Failure> {
    if entries == 0 {
        return Err(Failure::Data(format!("{}: no entries", path.display())));
    }
    Ok(())
}

/// Opens `path`, with a progress bar on stderr for a large file when stderr
/// is a terminal.
fn open(path: &Path) -> Result<Box<dyn Read>, Failure> {
    let file = File::open(path)
        .map_err(|err| Failure::Data(format!("{}: cannot be read: {err}", path.display())))?;
    let size = file.metadata().map_or(0, |meta| meta.len());
    if size >= PROGRESS_FROM_BYTES && std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(size).with_message(path.display().to_string());
        if let Ok(style) =
            ProgressStyle::with_template("{msg} {bar:40} {bytes}/{total_bytes} {bytes_per_sec}")
        {
            bar.set_style(style);
        }
        return Ok(Box::new(bar.wrap_read(file)));
    }
    Ok(Box::new(file))
}

fn read_text(path: &Path) -> Result<String, Failure> {
    let mut text = String::new();
    open(path)?
        .read_to_string(&mut text)
        .map_err(|err| Failure::Data(format!("{}: cannot be read: {err}", path.display())))?;
    Ok(text)
}

/// Tencent's documents read into `log`, each file as the library reads
/// files of its kind (D23, D26): the send logs, the callback files, the
/// Pull files. After an error, `log` holds the files read before it.
pub(crate) fn read_documents(log: &mut MessageLog, documents: &Documents) -> Result<(), Failure> {
    for (kind, path) in files(documents) {
        let read = log
            .read_file(kind, BufReader::with_capacity(1 << 20, open(path)?))
            .map_err(|err| in_file(path, &err))?;
        nonempty(path, read.entries())?;
    }
    Ok(())
}

/// A line of a fees file: `month,amount[,deduction kind,deduction]`, the
/// kind by its stored name (`coupon`, `voucher`, `discount`, `other`).
#[derive(serde::Deserialize)]
pub(crate) struct FeeLine {
    pub(crate) month: String,
    pub(crate) amount: String,
    #[serde(default)]
    pub(crate) kind: Option<DeductionKind>,
    #[serde(default)]
    pub(crate) deduction: Option<String>,
}

/// The lines of the fees file at `path`, each with where it is
/// (`fees.csv: line 3`): a byte-order mark, a header line (`month,...`) and
/// blank lines are skipped, fields are trimmed. Each line is read as a CSV
/// record of its own, so its number is its line in the file.
pub(crate) fn fee_lines(path: &Path) -> Result<Vec<(String, FeeLine)>, Failure> {
    let text = read_text(path)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut lines = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let source = format!("{}: line {}", path.display(), index.saturating_add(1));
        let bad = |what: &dyn fmt::Display| Failure::Data(format!("{source}: {what}"));
        let Some(record) = csv::ReaderBuilder::new()
            .has_headers(false)
            .trim(csv::Trim::All)
            .from_reader(line.as_bytes())
            .records()
            .next()
        else {
            continue; // a blank line
        };
        let record = record.map_err(|err| bad(&err))?;
        if record.get(0) == Some("month") {
            continue;
        }
        if !matches!(record.len(), 2 | 4) {
            return Err(bad(&"expected month,amount[,deduction kind,amount]"));
        }
        // The deduction kind is the one field read by type: by the names
        // its stored form gives it.
        let fields = record
            .deserialize::<FeeLine>(None)
            .map_err(|err| match err.kind() {
                csv::ErrorKind::Deserialize { err, .. } => {
                    bad(&format_args!("deduction kind: {}", err.kind()))
                }
                _ => bad(&err),
            })?;
        lines.push((source, fields));
    }
    Ok(lines)
}

/// An amount as an exact decimal, or why it is not one.
pub(crate) fn exact(amount: &str) -> Result<Decimal, String> {
    Decimal::from_str_exact(amount)
        .map_err(|_| format!("`{amount}` is not an exact decimal amount"))
}
