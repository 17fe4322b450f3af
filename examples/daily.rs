//! A billing service's nightly job, three nights running (SPEC D27): each
//! night a new process restores the account's state, reads the documents
//! that arrived that day, and stores the state again, written to a new file
//! and renamed over the old one so a crash mid-write never leaves a state
//! that reads as valid but partial. On the last night it assesses the
//! term, with the announcements known by then.
//!
//! The bundled sample is cut into three days by each document's own time
//! (a SendSms call by its request instant, a receipt by its receipt time),
//! so receipts that arrive the day after their message's send are read a
//! night later. The answer is the one a single run over every file gives.
//!
//! Run with `cargo run --example daily`.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use sms_sla::assess::{Assessment, Assessor, MonthlyFees};
use sms_sla::calendar::ChinaMainland;
use sms_sla::tencent::{CodeTable, FileKind, MessageLog};
use sms_sla::traffic::{AccountKind, Announcements, Window};
use sms_sla::{DeductionKind, Money, MonthlyServiceFee, SlaPolicy, Term};

type Failure = Box<dyn std::error::Error>;

/// What one night reads: send-log lines and callback receipts, as NDJSON.
#[derive(Default)]
struct Night {
    send_log: String,
    receipts: String,
}

fn data(name: &str) -> Result<String, Failure> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../cli/sample")
        .join(name);
    Ok(std::fs::read_to_string(path)?)
}

fn instant(text: &str) -> Result<DateTime<Utc>, Failure> {
    Ok(DateTime::parse_from_rfc3339(text)?.to_utc())
}

/// The night a document of time `at` arrives on: before the first cut, the
/// first night; and so on.
fn night_of(at: DateTime<Utc>, cuts: &[DateTime<Utc>; 2]) -> usize {
    cuts.iter().filter(|&&cut| at >= cut).count()
}

/// The bundled sample's documents cut into three nights: each cut a second
/// after a SendSms call, so 50 receipts are read a night after their send.
fn nights() -> Result<[Night; 3], Failure> {
    let cuts = [
        instant("2024-04-15T01:12:34Z")?,
        instant("2024-05-17T06:21:17Z")?,
    ];
    let mut nights: [Night; 3] = Default::default();
    for line in data("send_sms.ndjson")?
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        let call: serde_json::Value = serde_json::from_str(line)?;
        let at = instant(call["sent_at"].as_str().ok_or("a call without `sent_at`")?)?;
        let night = &mut nights[night_of(at, &cuts)];
        night.send_log.push_str(line);
        night.send_log.push('\n');
    }
    let callbacks: Vec<serde_json::Value> = serde_json::from_str(&data("callbacks.json")?)?;
    let mut receipts = callbacks;
    // The redelivered file holds whole callback bodies, one per line.
    for line in data("callbacks_redelivered.ndjson")?
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        match serde_json::from_str(line)? {
            serde_json::Value::Array(body) => receipts.extend(body),
            receipt => receipts.push(receipt),
        }
    }
    for receipt in &receipts {
        // Callbacks give Beijing time; a receipt whose time cannot be read
        // (the sample has a few, rejected by any reader) arrives first.
        let local = receipt["user_receive_time"].as_str().unwrap_or_default();
        let at = instant(&format!("{}+08:00", local.replace(' ', "T")));
        let night = &mut nights[at.map_or(0, |at| night_of(at, &cuts))];
        night.receipts.push_str(&receipt.to_string());
        night.receipts.push('\n');
    }
    Ok(nights)
}

/// Stores `log`: written to a new file, then renamed over the old state.
fn store(log: &MessageLog, path: &Path) -> Result<u64, Failure> {
    let new = path.with_extension("new");
    let file = std::fs::File::create(&new)?;
    let mut writer = std::io::BufWriter::new(file);
    serde_json::to_writer(&mut writer, log)?;
    let file = writer
        .into_inner()
        .map_err(std::io::IntoInnerError::into_error)?;
    file.sync_all()?;
    std::fs::rename(&new, path)?;
    Ok(std::fs::metadata(path)?.len())
}

/// The state, or an empty log on the first night.
fn restore(path: &Path) -> Result<MessageLog, Failure> {
    if !path.exists() {
        return Ok(MessageLog::new(CodeTable::tencent_default()));
    }
    let file = std::io::BufReader::new(std::fs::File::open(path)?);
    Ok(serde_json::from_reader(file)?)
}

/// The sample's term, fees, price and announcements (as `sms-sla assess
/// --sample` prints them), assessed as of 10 July 2024.
fn assess(log: &MessageLog, announcements: Announcements) -> Result<Assessment, Failure> {
    let policy = SlaPolicy::tencent_sms();
    let term: Term = "2024-03-17+3".parse()?;
    let mut assessor = Assessor::new(&policy, term, AccountKind::Ordinary, announcements)?;
    assessor.add_log(log)?;
    let cny = |cents: i64| Money::new(Decimal::new(cents, 2), "CNY");
    let fees = [
        MonthlyServiceFee::new(cny(5000)?),
        MonthlyServiceFee::new(cny(12000)?).with_deduction(DeductionKind::Coupon, cny(2000)?)?,
        MonthlyServiceFee::new(cny(13000)?).with_deduction(DeductionKind::Voucher, cny(10000)?)?,
        MonthlyServiceFee::new(cny(6000)?),
    ];
    let fees: MonthlyFees = term.service_months().zip(fees).collect();
    let as_of = NaiveDate::from_ymd_opt(2024, 7, 10).ok_or("no such date")?;
    let price = Money::new(Decimal::new(45, 3), "CNY")?;
    Ok(assessor.finish(&fees, &price, &ChinaMainland::new(), as_of)?)
}

fn main() -> Result<(), Failure> {
    let dir: PathBuf = std::env::temp_dir().join(format!("sms-sla-daily-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let state = dir.join("state.json");
    let mut announcements = Announcements::new();
    for (night, batch) in nights()?.iter().enumerate() {
        // A new process each night: only the state file survives.
        let mut log = restore(&state)?;
        log.read_file(FileKind::SendLog, batch.send_log.as_bytes())?;
        log.read_file(FileKind::Callbacks, batch.receipts.as_bytes())?;
        if night == 2 {
            // The June maintenance was announced late in the term; it
            // applies to every message already read (D27).
            let window = Window::new(
                instant("2024-06-05T02:00:00Z")?,
                instant("2024-06-05T04:00:00Z")?,
            )?;
            announcements = announcements.with_maintenance(window);
        }
        let bytes = store(&log, &state)?;
        let messages = log.stats().messages();
        println!(
            "night {}: {messages} messages, state {bytes} bytes ({} per message)",
            night + 1,
            bytes / messages.max(1)
        );
    }
    let log = restore(&state)?;
    let daily = assess(&log, announcements.clone())?;

    // One run over every file gives the same assessment.
    let mut once = MessageLog::new(CodeTable::tencent_default());
    once.read_file(FileKind::SendLog, data("send_sms.ndjson")?.as_bytes())?;
    once.read_file(FileKind::Callbacks, data("callbacks.json")?.as_bytes())?;
    once.read_file(
        FileKind::Callbacks,
        data("callbacks_redelivered.ndjson")?.as_bytes(),
    )?;
    let whole = assess(&once, announcements)?;
    assert_eq!(
        daily.months(),
        whole.months(),
        "day by day is one run (D27)"
    );
    assert_eq!(daily.total(), whole.total());
    for month in daily.months() {
        println!(
            "{}: {} of {} messages failed, availability {}",
            month.service_month(),
            month.availability().apparent_failures(),
            month.availability().effective_sent(),
            month.availability()
        );
    }
    println!(
        "{} messages; compensation {}",
        log.stats().messages(),
        daily.total().amount()
    );
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
