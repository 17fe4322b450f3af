//! The command's arguments: each subcommand's options as groups that
//! `assess`, `ingest` and `convert` share (the documents, the account, the
//! price, the output, the engine), each under its own heading in `--help`.
//! Which options go together is said here, once, by group; the run never
//! checks it again.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use rust_decimal::Decimal;
use sms_sla::Term;

/// Tencent's documents of one account: the files a batch of messages is
/// read from, each as the library reads files of its kind.
#[derive(Debug, Args)]
#[group(id = "documents", multiple = true)]
#[command(next_help_heading = "Tencent documents")]
pub(crate) struct Documents {
    /// SendSms responses with their request instants: one
    /// `{"sent_at": RFC 3339, "response": {...}}` per line (or written one
    /// after another, pretty-printed).
    #[arg(long = "send-log", value_name = "FILE", num_args = 1..)]
    pub(crate) send_log: Vec<PathBuf>,
    /// Delivery-status callbacks: a callback body (a JSON array), several,
    /// or NDJSON of receipts or bodies, pretty-printed or not, told apart by
    /// content (a byte-order mark and CRLF line ends are fine).
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub(crate) receipts: Vec<PathBuf>,
    /// PullSmsSendStatus responses: one or more per file (one per line, or
    /// pretty-printed one after another).
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub(crate) pull: Vec<PathBuf>,
}

/// The account assessed in process: its term, fees, contract and
/// announcements. With `--data`, `accounts.json` gives them per account.
#[derive(Debug, Args)]
#[group(id = "account", multiple = true)]
#[command(next_help_heading = "The account (in process; with --data, accounts.json gives them)")]
pub(crate) struct Account {
    /// The term: `2025-01-01+12`, `2025-01-01..2025-12-31` or
    /// `2025-01-01 to 2025-12-31`.
    #[arg(long, required_unless_present_any = ["sample", "data"])]
    pub(crate) term: Option<Term>,
    /// Fees as CSV: `month,amount[,deduction kind,amount]` per line, the
    /// month as `YYYY-MM`, kinds `coupon`, `voucher`, `discount`, `other`.
    #[arg(long, value_name = "FILE")]
    pub(crate) fees: Option<PathBuf>,
    /// One month's fee, `YYYY-MM=AMOUNT`; repeat for more months.
    #[arg(long, value_name = "YYYY-MM=AMOUNT")]
    pub(crate) fee: Vec<FeeArg>,
    /// Another contract, as JSON (start from `sms-sla policy`).
    #[arg(long, value_name = "FILE")]
    pub(crate) policy: Option<PathBuf>,
    /// Maintenance and event windows and surge notices, as JSON:
    /// `{"maintenance": [{"start", "end"}], "events": [...], "surge_notices": [dates]}`.
    #[arg(long, value_name = "FILE")]
    pub(crate) announcements: Option<PathBuf>,
    /// A gateway account (surge volume 100,000,000 a day) rather than an
    /// ordinary one.
    #[arg(long)]
    pub(crate) gateway: bool,
}

/// What compensation is priced in and the date claims are judged on.
#[derive(Debug, Args)]
#[group(id = "pricing", multiple = true)]
#[command(next_help_heading = "Price, date and calendar")]
pub(crate) struct Pricing {
    /// The price of one message, in which credits are counted.
    #[arg(long, required_unless_present = "sample")]
    pub(crate) price: Option<Decimal>,
    /// The currency of fees and price (ISO 4217).
    #[arg(long, default_value = "CNY")]
    pub(crate) currency: String,
    /// The date claim statuses are given for; default: today in the SLA zone.
    #[arg(long, value_name = "DATE")]
    pub(crate) as_of: Option<NaiveDate>,
    /// More business-day years, as a JSON array of holiday schedules
    /// (`{"year", "days_off", "make_up_workdays"}`), for years after the
    /// built-in data.
    #[arg(long, value_name = "FILE")]
    pub(crate) calendar: Option<PathBuf>,
}

/// Where and how the assessment is written.
#[derive(Debug, Args)]
#[command(next_help_heading = "Output")]
pub(crate) struct Output {
    /// The output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    pub(crate) format: OutputFormat,
    /// Write the output here instead of to stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub(crate) file: Option<PathBuf>,
    /// Also draw the chart of monthly availability as SVG here (one
    /// account).
    #[arg(long, value_name = "FILE")]
    pub(crate) svg: Option<PathBuf>,
}

/// Where messages are reconciled and counted.
#[derive(Debug, Args)]
#[command(next_help_heading = "Engine")]
pub(crate) struct EngineArgs {
    /// `in-process` reads Tencent's documents of one account into memory;
    /// `datafusion` (built with the `datafusion` feature) reads the sends
    /// and receipts tables of many accounts from `--data`.
    #[arg(long, value_enum, default_value_t = Engine::InProcess)]
    pub(crate) engine: Engine,
    /// With `--engine datafusion`: a folder of the sends and receipts
    /// tables (`sends.parquet` and `receipts.parquet`, or `.json` NDJSON, as
    /// `sms-sla sample` writes them; or folders `sends/` and `receipts/` of
    /// such files, as `sms-sla convert` writes them) and `accounts.json`.
    #[arg(
        long,
        value_name = "DIR",
        required_if_eq("engine", "datafusion"),
        requires = "engine",
        conflicts_with_all = ["sample", "state", "documents", "account", "svg"]
    )]
    pub(crate) data: Option<PathBuf>,
    /// With `--data`: the memory the engine may use, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 4096, requires = "data")]
    pub(crate) memory_mib: usize,
    /// With `--data`: where it spills (default: the system's temporary
    /// folder).
    #[arg(long, value_name = "DIR", requires = "data")]
    pub(crate) spill_dir: Option<PathBuf>,
    /// With `--data`: how many partitions it runs at once.
    #[arg(long, value_name = "N", default_value_t = 2, requires = "data")]
    pub(crate) partitions: usize,
}

/// The options of `assess`.
#[derive(Debug, Args)]
pub(crate) struct AssessArgs {
    /// Assess the bundled sample (compiled in: works from any directory);
    /// the inputs it uses are printed to stderr.
    #[arg(long, conflicts_with_all = ["state", "documents", "account", "pricing"])]
    pub(crate) sample: bool,
    /// A state file written by `ingest`: its messages and announcements
    /// (with any given by `--announcements`) instead of document files.
    #[arg(long, value_name = "FILE", conflicts_with = "documents")]
    pub(crate) state: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) documents: Documents,
    #[command(flatten)]
    pub(crate) account: Account,
    #[command(flatten)]
    pub(crate) pricing: Pricing,
    #[command(flatten)]
    pub(crate) output: Output,
    #[command(flatten)]
    pub(crate) engine: EngineArgs,
}

/// The options of `ingest`.
#[derive(Debug, Args)]
pub(crate) struct IngestArgs {
    /// The state file: read if it exists, written back with this batch.
    #[arg(long, value_name = "FILE")]
    pub(crate) state: PathBuf,
    #[command(flatten)]
    pub(crate) documents: Documents,
    /// Announcements made since the last batch, as for `assess`: added to
    /// those the state holds, and applied to every message (D27).
    #[arg(long, value_name = "FILE")]
    pub(crate) announcements: Option<PathBuf>,
    /// Seal every Service Month of `--term` that ends before this month
    /// (`YYYY-MM`): its messages are folded into counts and their serial
    /// numbers dropped, bounding the state; entries read later for it are
    /// counted as late (D27). Seal a month once its receipts have stopped
    /// coming.
    #[arg(long, value_name = "YYYY-MM", requires = "term")]
    pub(crate) seal_before: Option<YearMonth>,
    /// The term whose Service Months `--seal-before` seals.
    #[arg(long, requires = "seal_before")]
    pub(crate) term: Option<Term>,
    /// The contract whose zone the months are sealed in, as for `assess`
    /// (default: the agreement's, UTC+08:00).
    #[arg(long, value_name = "FILE", requires = "seal_before")]
    pub(crate) policy: Option<PathBuf>,
}

/// Output formats of `assess`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    /// A text table.
    Table,
    /// The whole assessment as JSON.
    Json,
    /// One row per Service Month.
    Csv,
}

/// Where `assess` reconciles and counts messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Engine {
    /// In this process, from Tencent's documents.
    InProcess,
    /// On Apache DataFusion, from tables of many accounts.
    #[cfg(feature = "datafusion")]
    Datafusion,
}

/// A calendar month, `YYYY-MM`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct YearMonth {
    pub(crate) year: i32,
    pub(crate) month: u32,
}

impl FromStr for YearMonth {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let bad = || format!("`{text}` is not a month of the form YYYY-MM");
        let (year, month) = text.split_once('-').ok_or_else(bad)?;
        let year: i32 = year.parse().map_err(|_| bad())?;
        let month: u32 = month.parse().map_err(|_| bad())?;
        if year.to_string().len() < 4 || !(1..=12).contains(&month) {
            return Err(bad());
        }
        Ok(Self { year, month })
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// One `--fee YYYY-MM=AMOUNT`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FeeArg {
    pub(crate) month: YearMonth,
    pub(crate) amount: Decimal,
}

impl FromStr for FeeArg {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let (month, amount) = text
            .split_once('=')
            .ok_or_else(|| format!("`{text}` is not YYYY-MM=AMOUNT"))?;
        Ok(Self {
            month: month.parse()?,
            amount: Decimal::from_str_exact(amount)
                .map_err(|_| format!("`{amount}` is not an exact decimal amount"))?,
        })
    }
}
