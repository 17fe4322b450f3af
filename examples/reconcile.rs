//! Reconciles a large SendSms log and callback stream through a
//! `MessageLog`, and prints how fast and in how much memory: the crate's
//! side of `benches/peers/reconcile.py`, which runs `DuckDB` on the same files.
//!
//! ```sh
//! cargo run --release --example reconcile                      # 10,000 messages, in a temporary directory
//! cargo run --release --example reconcile -- generate N DIR    # writes DIR/sends.ndjson, DIR/callbacks.ndjson
//! cargo run --release --example reconcile -- run DIR           # reads them, prints the figures
//! ```
//!
//! The data: N messages sent over April 2025 in SendSms calls of 100
//! numbers (one call per line, `{"sent_at": ..., "response": ...}`), 1% of
//! them refused at once; a callback receipt per accepted message, one per
//! line, 5% of them delivered twice and 1% a failure followed by a delivery.

#![allow(
    clippy::cast_precision_loss,
    clippy::needless_pass_by_value,
    clippy::items_after_statements,
    clippy::unchecked_time_subtraction,
    reason = "a benchmark data generator and timer: small bounded numbers, rates shown as floats"
)]

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use sms_sla::tencent::{CodeTable, MessageLog};
use sms_sla::traffic::{AccountKind, Announcements, LedgerBuilder};
use sms_sla::{SlaPolicy, Term};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        [] => sample(),
        ["generate", n, dir] => n
            .parse::<u64>()
            .map_err(|err| format!("N `{n}`: {err}"))
            .and_then(|n| generate(n, Path::new(dir))),
        ["run", dir] => run(Path::new(dir)),
        _ => Err("usage: reconcile [generate N DIR | run DIR]".to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// 10,000 messages through a temporary directory.
fn sample() -> Result<(), String> {
    let dir = std::env::temp_dir().join(format!("sms-sla-reconcile-{}", std::process::id()));
    generate(10_000, &dir)?;
    let result = run(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

/// A deterministic 64-bit generator.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % bound
    }
}

fn io(err: std::io::Error) -> String {
    err.to_string()
}

fn generate(n: u64, dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut sends = BufWriter::new(std::fs::File::create(dir.join("sends.ndjson")).map_err(io)?);
    let mut callbacks =
        BufWriter::new(std::fs::File::create(dir.join("callbacks.ndjson")).map_err(io)?);
    let mut rng = Lcg(2025);
    let start = NaiveDate::from_ymd_opt(2025, 4, 1)
        .and_then(|day| day.and_hms_opt(0, 0, 0))
        .ok_or("bad start")?
        .and_utc()
        - TimeDelta::hours(8);
    let spacing = (30 * 86_400 * 1_000) / n.max(1);
    let mut repeats: Vec<String> = Vec::new();
    let mut entries = String::new();
    let mut call_at = start;
    for i in 0..n {
        let sent_at =
            start + TimeDelta::milliseconds(i64::try_from(i * spacing).map_err(|e| e.to_string())?);
        if i % 100 == 0 {
            call_at = sent_at;
        }
        let serial = format!("2433:{}", 1_000_000_000_000_000_000 + i * 7_919);
        let phone = format!("+86138{:08}", rng.below(100_000_000));
        if rng.below(100) == 0 {
            let _ = write!(
                entries,
                r#"{{"SerialNo":"","PhoneNumber":"{phone}","Fee":0,"SessionContext":"","Code":"InternalError.Timeout","Message":"","IsoCode":"CN"}},"#
            );
        } else {
            let _ = write!(
                entries,
                r#"{{"SerialNo":"{serial}","PhoneNumber":"{phone}","Fee":1,"SessionContext":"","Code":"Ok","Message":"send success","IsoCode":"CN"}},"#
            );
            let received = call_at
                + TimeDelta::hours(8)
                + TimeDelta::seconds(i64::try_from(2 + rng.below(60)).map_err(|e| e.to_string())?);
            let receipt = |at: DateTime<Utc>, status: &str, code: &str| {
                format!(
                    r#"{{"user_receive_time":"{}","nationcode":"86","mobile":"{}","report_status":"{status}","errmsg":"{code}","description":"","sid":"{serial}"}}"#,
                    at.format("%Y-%m-%d %H:%M:%S"),
                    phone.get(3..).unwrap_or_default()
                )
            };
            let roll = rng.below(100);
            let line = if roll == 0 {
                writeln!(callbacks, "{}", receipt(received, "FAIL", "MK:0000")).map_err(io)?;
                receipt(received + TimeDelta::minutes(10), "SUCCESS", "DELIVRD")
            } else if roll < 5 {
                receipt(
                    received,
                    "FAIL",
                    ["MK:0000", "REJECTD", "MK:0001", "IB:0008"]
                        [usize::try_from(roll).unwrap_or(1) - 1],
                )
            } else {
                receipt(received, "SUCCESS", "DELIVRD")
            };
            if rng.below(20) == 0 {
                repeats.push(line.clone());
            }
            writeln!(callbacks, "{line}").map_err(io)?;
            if repeats.len() >= 1_000 {
                for repeat in repeats.drain(..) {
                    writeln!(callbacks, "{repeat}").map_err(io)?;
                }
            }
        }
        if i % 100 == 99 || i + 1 == n {
            entries.pop();
            writeln!(
                sends,
                r#"{{"sent_at":"{}","response":{{"Response":{{"SendStatusSet":[{entries}],"RequestId":"r{i}"}}}}}}"#,
                call_at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
            )
            .map_err(io)?;
            entries.clear();
        }
    }
    for repeat in repeats {
        writeln!(callbacks, "{repeat}").map_err(io)?;
    }
    sends.flush().map_err(io)?;
    callbacks.flush().map_err(io)
}

/// The peak resident set of this process, from `/proc/self/status`.
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    kib.checked_mul(1024)
}

fn run(dir: &Path) -> Result<(), String> {
    let baseline = peak_rss().unwrap_or(0);
    let started = Instant::now();
    let mut log = MessageLog::new(CodeTable::tencent_default());
    let sends = BufReader::new(std::fs::File::open(dir.join("sends.ndjson")).map_err(io)?);
    const PREFIX: &str = r#"{"sent_at":""#;
    for line in sends.lines() {
        let line = line.map_err(io)?;
        // The generated layout: {"sent_at":"<instant>","response":<body>}
        let rest = line
            .strip_prefix(PREFIX)
            .ok_or("not a generated send line")?;
        let (at, rest) = rest.split_once('"').ok_or("no sent_at")?;
        let body = rest
            .strip_prefix(r#","response":"#)
            .and_then(|body| body.strip_suffix('}'))
            .ok_or("no response")?;
        let at = DateTime::parse_from_rfc3339(at)
            .map_err(|e| e.to_string())?
            .to_utc();
        log.read_send_sms(body, at).map_err(|e| e.to_string())?;
    }
    let read_sends = started.elapsed();
    let callbacks = BufReader::with_capacity(
        1 << 20,
        std::fs::File::open(dir.join("callbacks.ndjson")).map_err(io)?,
    );
    log.read_callback_lines(callbacks)
        .map_err(|e| e.to_string())?;
    let read_all = started.elapsed();
    let term = Term::from_months(NaiveDate::from_ymd_opt(2025, 4, 1).ok_or("bad date")?, 1)
        .map_err(|e| e.to_string())?;
    let mut builder = LedgerBuilder::new(
        &SlaPolicy::tencent_sms(),
        term,
        AccountKind::Ordinary,
        Announcements::new(),
    )
    .map_err(|e| e.to_string())?;
    for record in log.records() {
        builder.add(&record);
    }
    let ledger = builder.finish();
    let elapsed = started.elapsed();
    let stats = log.stats();
    let peak = peak_rss().unwrap_or(0).saturating_sub(baseline);
    let messages = stats.messages().max(1);
    println!("{stats}");
    println!("tallied {} records in the term", ledger.total());
    println!(
        "seconds {:.3} (sends {:.3}, callbacks {:.3}, tally {:.3})",
        elapsed.as_secs_f64(),
        read_sends.as_secs_f64(),
        (read_all - read_sends).as_secs_f64(),
        (elapsed - read_all).as_secs_f64()
    );
    println!(
        "messages_per_second {:.0}",
        stats.messages() as f64 / elapsed.as_secs_f64()
    );
    println!("peak_bytes_per_message {}", peak / messages);
    println!(
        "held_bytes_per_message {}",
        log.heap_bytes() / usize::try_from(messages).unwrap_or(1)
    );
    Ok(())
}
