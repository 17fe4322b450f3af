//! `ingest`'s state file: one account's Tencent data read so far (its
//! message log) and the announcements made to it, kept between batches
//! (D27). Stored by writing a new file beside it and renaming it over the
//! old one, so a crash mid-write leaves the previous state whole.

use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use sms_sla::tencent::{CodeTable, MessageLog};
use sms_sla::traffic::Announcements;

use crate::Failure;
use chrono::NaiveDate;

use crate::args::IngestArgs;
use crate::input::{read_announcements, read_documents, read_policy};

/// The state file's format; another is refused.
const FORMAT: u32 = 1;

/// What a state file holds.
pub(crate) struct State {
    pub(crate) log: MessageLog,
    pub(crate) announcements: Announcements,
}

#[derive(serde::Serialize)]
struct Written<'a> {
    format: u32,
    log: &'a MessageLog,
    announcements: &'a Announcements,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Read {
    format: u32,
    log: MessageLog,
    announcements: Announcements,
}

impl State {
    /// The state stored at `path`.
    pub(crate) fn load(path: &Path) -> Result<Self, Failure> {
        let file = File::open(path)
            .map_err(|err| Failure::Data(format!("{}: cannot be read: {err}", path.display())))?;
        let read: Read = serde_json::from_reader(BufReader::with_capacity(1 << 20, file))
            .map_err(|err| Failure::Data(format!("{}: not a state file: {err}", path.display())))?;
        if read.format != FORMAT {
            return Err(Failure::Data(format!(
                "{}: state file format {}; this version reads format {FORMAT}",
                path.display(),
                read.format
            )));
        }
        Ok(Self {
            log: read.log,
            announcements: read.announcements,
        })
    }

    /// Stores the state at `path`: written beside it, then renamed over it.
    fn store(&self, path: &Path) -> Result<u64, Failure> {
        let failed = |err: &dyn std::fmt::Display| {
            Failure::Data(format!("{}: cannot be written: {err}", path.display()))
        };
        let mut new = path.as_os_str().to_owned();
        new.push(".new");
        let new = PathBuf::from(new);
        let file = File::create(&new).map_err(|err| failed(&err))?;
        let mut writer = BufWriter::with_capacity(1 << 20, file);
        serde_json::to_writer(
            &mut writer,
            &Written {
                format: FORMAT,
                log: &self.log,
                announcements: &self.announcements,
            },
        )
        .map_err(|err| failed(&err))?;
        writer.flush().map_err(|err| failed(&err))?;
        let file = writer
            .into_inner()
            .map_err(|err| failed(&err.into_error()))?;
        file.sync_all().map_err(|err| failed(&err))?;
        let bytes = file.metadata().map_err(|err| failed(&err))?.len();
        drop(file);
        std::fs::rename(&new, path).map_err(|err| failed(&err))?;
        Ok(bytes)
    }
}

/// Adds one batch to the state at `args.state` (made if missing): the
/// state is written only when every file reads.
pub(crate) fn ingest(args: &IngestArgs) -> Result<(), Failure> {
    let mut state = if args.state.exists() {
        State::load(&args.state)?
    } else {
        State {
            log: MessageLog::new(CodeTable::tencent_default()),
            announcements: Announcements::new(),
        }
    };
    let before = state.log.stats();
    read_documents(&mut state.log, &args.documents)?;
    if let Some(path) = &args.announcements {
        let made = read_announcements(path)?;
        state.announcements = state.announcements.clone().with_all(&made);
    }
    let mut sealed = Vec::new();
    if let (Some(before), Some(term)) = (args.seal_before, args.term) {
        let zone = read_policy(args.policy.as_deref())?.zone();
        let first = NaiveDate::from_ymd_opt(before.year, before.month, 1)
            .ok_or_else(|| Failure::Data(format!("month {before} does not exist")))?;
        for month in term
            .service_months()
            .filter(|month| month.last_day() < first)
        {
            let messages = state.log.seal(month, zone)?;
            sealed.push(format!("{month} ({messages} messages)"));
        }
    }
    let bytes = state.store(&args.state)?;
    let after = state.log.stats();
    let entries =
        |stats: sms_sla::tencent::LogStats| stats.sends() + stats.receipts() + stats.rejected();
    println!(
        "read {} entries ({} rejected); the state holds {} messages in {bytes} bytes ({} per message)",
        entries(after).saturating_sub(entries(before)),
        after.rejected().saturating_sub(before.rejected()),
        after.messages(),
        bytes.checked_div(after.messages()).unwrap_or(bytes),
    );
    if !sealed.is_empty() {
        println!("sealed {}", sealed.join(", "));
    }
    Ok(())
}
