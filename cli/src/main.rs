//! `sms-sla`: the Tencent Cloud SMS Service Level Agreement from the command
//! line. Assesses a term from Tencent's own documents (SendSms responses,
//! delivery-status callbacks, Pull responses), reconciled by serial number,
//! and answers the small questions around it: a term's Service Months, their
//! claim windows, business days, the agreement as data.
//!
//! Exit status: 0 done, 1 data that cannot be assessed (the message names
//! the file, the line and the value), 2 bad usage.

mod args;
#[cfg(feature = "datafusion")]
mod engine;
mod input;
mod output;
mod run;
mod state;

use std::process::ExitCode;

use chrono::{Month, NaiveDate, Utc};
use clap::{Parser, Subcommand};
use sms_sla::calendar::{BusinessCalendar, ChinaMainland};
use sms_sla::{SlaPolicy, Term};

/// The Tencent Cloud SMS SLA: availability, compensation and claim windows
/// per Service Month, from Tencent's own data.
#[derive(Debug, Parser)]
#[command(name = "sms-sla", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Assess a term: one verdict per Service Month, with the reconciliation
    /// of the Tencent data read.
    Assess(Box<args::AssessArgs>),
    /// Add one batch of Tencent's documents (and announcements) to a state
    /// file, made if missing: a nightly job's step. `assess --state` then
    /// gives the answer `assess` gives for every batch's files at once
    /// (D27).
    Ingest(args::IngestArgs),
    /// The Service Months of a term (SLA §1.5).
    Months {
        /// The term: `2025-01-01+12`, `2025-01-01..2025-12-31` or
        /// `2025-01-01 to 2025-12-31`.
        term: Term,
    },
    /// The claim window of each Service Month of a term, and where a date
    /// stands in it (SLA §3.2).
    ClaimWindow {
        /// The term, as for `months`.
        term: Term,
        /// The date to judge; default: today in the SLA zone.
        #[arg(long, value_name = "DATE")]
        as_of: Option<NaiveDate>,
    },
    /// Business days of the mainland China calendar (2004-2026 built in).
    Calendar {
        /// Whether this date is a business day.
        #[arg(required_unless_present = "month")]
        date: Option<NaiveDate>,
        /// The month (`YYYY-MM`) whose n-th business day to give.
        #[arg(
            long,
            value_name = "YYYY-MM",
            requires = "nth",
            conflicts_with = "date"
        )]
        month: Option<args::YearMonth>,
        /// Which business day of `--month` (from 1).
        #[arg(long, value_name = "N")]
        nth: Option<u32>,
    },
    /// Print a policy as JSON: the agreement by default, to start another
    /// contract from.
    Policy,
    /// Write large, realistic sends and receipts tables of many accounts
    /// for `assess --engine datafusion`: repeats, conflicts, refusals,
    /// missing and unmatched receipts and malformed rows at set rates.
    #[cfg(feature = "datafusion")]
    Sample(engine::SampleArgs),
    /// Write Tencent's documents of one account (send logs, callbacks, Pull
    /// responses, read as `assess` reads them) as the sends and receipts
    /// tables of `assess --engine datafusion`.
    #[cfg(feature = "datafusion")]
    Convert(engine::ConvertArgs),
}

/// Why a run stopped.
#[derive(Debug)]
enum Failure {
    /// Data that cannot be assessed: exit status 1.
    Data(String),
}

impl From<sms_sla::Error> for Failure {
    fn from(err: sms_sla::Error) -> Self {
        Self::Data(with_sources(&err))
    }
}

/// An error's message followed by its sources': `a: b: c`.
fn with_sources(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Data(message)) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::Assess(args) => match (args.engine.engine, &args.engine.data) {
            #[cfg(feature = "datafusion")]
            (args::Engine::Datafusion, Some(data)) => {
                let as_of = args
                    .pricing
                    .as_of
                    .map_or_else(|| today(&SlaPolicy::tencent_sms()), Ok)?;
                let assessments = engine::assess(data, &args.engine, &args.pricing, as_of)?;
                output::write_many(&assessments, &args.output)
            }
            (args::Engine::InProcess, None) => {
                let run = run::assess(&args)?;
                output::write(&run, &args.output)
            }
            // `--engine datafusion` requires `--data` (args.rs).
            (_, _) => Err(Failure::Data(
                "--data is read by --engine datafusion, and only by it".to_owned(),
            )),
        },
        #[cfg(feature = "datafusion")]
        Command::Sample(args) => engine::sample(&args),
        #[cfg(feature = "datafusion")]
        Command::Convert(args) => engine::convert(&args),
        Command::Ingest(args) => state::ingest(&args),
        Command::Months { term } => {
            for month in term.service_months() {
                println!("{month}\t{} days", month.days());
            }
            Ok(())
        }
        Command::ClaimWindow { term, as_of } => {
            let policy = SlaPolicy::tencent_sms();
            let as_of = as_of.map_or_else(|| today(&policy), Ok)?;
            let calendar = ChinaMainland::new();
            for month in term.service_months() {
                match policy.claim_window(&month, &calendar) {
                    Ok(window) => println!("{month}\t{window}\t{}", window.status_on(as_of)),
                    Err(err) => println!("{month}\tunknown\t{err}"),
                }
            }
            Ok(())
        }
        Command::Calendar { date, month, nth } => {
            let calendar = ChinaMainland::new();
            if let (Some(month), Some(n)) = (month, nth) {
                let name = Month::try_from(u8::try_from(month.month).unwrap_or(0))
                    .map_err(|_| Failure::Data(format!("month {month} does not exist")))?;
                let day = calendar.nth_business_day(month.year, name, n)?;
                println!("{day}");
            } else if let Some(date) = date {
                let business = calendar.is_business_day(date)?;
                println!(
                    "{date} is {}a business day",
                    if business { "" } else { "not " }
                );
            }
            Ok(())
        }
        Command::Policy => {
            let json = serde_json::to_string_pretty(&SlaPolicy::tencent_sms())
                .map_err(|err| Failure::Data(err.to_string()))?;
            println!("{json}");
            Ok(())
        }
    }
}

/// Today in the policy's zone: the command may read the clock, the library
/// never does.
fn today(policy: &SlaPolicy) -> Result<NaiveDate, Failure> {
    Ok(policy.zone().date_of(Utc::now())?)
}

/// The bundled sample's files, compiled in so that `assess --sample` works
/// from any directory.
mod sample {
    pub(crate) const SEND_LOG: &str = include_str!("../sample/send_sms.ndjson");
    pub(crate) const CALLBACKS: &str = include_str!("../sample/callbacks.json");
    pub(crate) const REDELIVERED: &str = include_str!("../sample/callbacks_redelivered.ndjson");
}
