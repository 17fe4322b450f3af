//! Sends and receipts in files to one assessment per account, on
//! DataFusion within a memory limit: past it the engine spills to disk.
//!
//! ```text
//! cargo run -p sms-sla-datafusion --release --example pipeline -- \
//!     [DIR] [--memory-mib 4096] [--partitions 2] [--format parquet|ndjson] \
//!     [--ballista df://HOST:PORT]
//! ```
//!
//! With `--ballista` (feature `ballista`) the pipeline runs on that
//! scheduler's executors (`sms-sla-scheduler`, `sms-sla-executor`) instead
//! of in this process; `DIR` must then be readable by them.
//!
//! `DIR` holds `sends.<ext>`, `receipts.<ext>` and `accounts.json`, as
//! `sms-sla sample` writes them; without it a small sample is generated
//! into a temporary folder. The example prints each account's claimable
//! compensation, the time taken, and the most the spill folder held.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use sms_sla::Money;
use sms_sla::calendar::ChinaMainland;
use sms_sla::tencent::CodeTable;
use sms_sla_datafusion::pipeline::{self, Account, Pricing, TableFormat};
use sms_sla_datafusion::sample::{self, Spec};

/// The example's command line.
struct Options {
    dir: Option<PathBuf>,
    memory_mib: usize,
    partitions: usize,
    format: TableFormat,
    scheduler: Option<String>,
}

impl Options {
    fn parse() -> Result<Self, Box<dyn std::error::Error>> {
        let mut args = std::env::args().skip(1);
        let mut options = Self {
            dir: None,
            memory_mib: 4096,
            partitions: 2,
            format: TableFormat::Parquet,
            scheduler: None,
        };
        while let Some(arg) = args.next() {
            let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
            match arg.as_str() {
                "--memory-mib" => options.memory_mib = value("--memory-mib")?.parse()?,
                "--partitions" => options.partitions = value("--partitions")?.parse()?,
                "--ballista" => options.scheduler = Some(value("--ballista")?),
                "--format" => {
                    options.format = match value("--format")?.as_str() {
                        "parquet" => TableFormat::Parquet,
                        "ndjson" => TableFormat::NdJson,
                        other => {
                            return Err(
                                format!("--format is parquet or ndjson, not {other}").into()
                            );
                        }
                    };
                }
                _ => options.dir = Some(PathBuf::from(arg)),
            }
        }
        Ok(options)
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Options {
        dir,
        memory_mib,
        partitions,
        format,
        scheduler,
    } = Options::parse()?;
    let generated = dir.is_none();
    let dir = if let Some(dir) = dir {
        std::path::absolute(dir)?
    } else {
        let dir = std::env::temp_dir().join(format!("sms-sla-pipeline-{}", std::process::id()));
        sample::write(&Spec::new(20, 200_000), &dir, format)?;
        dir
    };
    let ext = if format == TableFormat::Parquet {
        "parquet"
    } else {
        "json"
    };
    let accounts: Vec<Account> =
        serde_json::from_slice(&std::fs::read(dir.join("accounts.json"))?)?;
    let spill = dir.join("spill");
    std::fs::create_dir_all(&spill)?;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let started = Instant::now();
    let watcher = SpillWatcher::start(&spill);
    let assessments = runtime.block_on(async {
        let table = CodeTable::tencent_default();
        let ctx = match &scheduler {
            None => sms_sla_datafusion::session(
                memory_mib << 20,
                Some(spill.clone()),
                partitions,
                &table,
            )?,
            Some(url) => remote(url, &table).await?,
        };
        let path = |name: &str| {
            dir.join(format!("{name}.{ext}"))
                .to_string_lossy()
                .into_owned()
        };
        pipeline::register_inputs(&ctx, &path("sends"), &path("receipts"), format).await?;
        let price = Money::new(Decimal::new(45, 3), "CNY")?;
        let as_of = NaiveDate::from_ymd_opt(2025, 5, 20).ok_or("no such day")?;
        let pricing = Pricing {
            unit_price: &price,
            calendar: &ChinaMainland::new(),
            as_of,
        };
        Ok::<_, Box<dyn std::error::Error>>(pipeline::assess(&ctx, &accounts, pricing).await?)
    })?;
    let elapsed = started.elapsed();
    let spilled = watcher.stop();

    let mut messages = 0_u64;
    for (id, assessment) in assessments.iter().take(5) {
        let claims = assessment.claims();
        println!(
            "{id}: {} months, claimable now {} ({} messages)",
            assessment.months().len(),
            claims.now().amount(),
            claims.now().messages(),
        );
    }
    for assessment in assessments.values() {
        messages += assessment
            .reconciliation()
            .map_or(0, sms_sla::tencent::LogStats::messages);
    }
    println!(
        "{} accounts, {messages} messages assessed in {:.1} s within {memory_mib} MiB; the spill folder held at most {} MiB",
        assessments.len(),
        elapsed.as_secs_f64(),
        spilled >> 20,
    );
    if generated {
        std::fs::remove_dir_all(&dir)?;
    }
    Ok(())
}

#[cfg(feature = "ballista")]
async fn remote(
    url: &str,
    table: &CodeTable,
) -> Result<datafusion::prelude::SessionContext, Box<dyn std::error::Error>> {
    Ok(sms_sla_datafusion::distributed::remote(url, table).await?)
}

#[cfg(not(feature = "ballista"))]
#[expect(
    clippy::unused_async,
    reason = "the signature of the `ballista` build's, which awaits"
)]
async fn remote(
    _: &str,
    _: &CodeTable,
) -> Result<datafusion::prelude::SessionContext, Box<dyn std::error::Error>> {
    Err("--ballista needs the example built with the `ballista` feature".into())
}

/// Polls a folder's size on a thread and keeps the most it held.
struct SpillWatcher {
    done: Arc<AtomicBool>,
    peak: Arc<AtomicU64>,
    thread: std::thread::JoinHandle<()>,
}

impl SpillWatcher {
    fn start(dir: &Path) -> Self {
        let (done, peak) = (
            Arc::new(AtomicBool::new(false)),
            Arc::new(AtomicU64::new(0)),
        );
        let (done_here, peak_here, dir) = (Arc::clone(&done), Arc::clone(&peak), dir.to_owned());
        let thread = std::thread::spawn(move || {
            while !done_here.load(Ordering::Relaxed) {
                peak_here.fetch_max(size(&dir), Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(100));
            }
        });
        Self { done, peak, thread }
    }

    fn stop(self) -> u64 {
        self.done.store(true, Ordering::Relaxed);
        let _ = self.thread.join();
        self.peak.load(Ordering::Relaxed)
    }
}

fn size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .fold(0, |sum, entry| {
            let meta = entry.metadata().ok();
            let here = match meta {
                Some(meta) if meta.is_dir() => size(&entry.path()),
                Some(meta) => meta.len(),
                None => 0,
            };
            sum + here
        })
}
