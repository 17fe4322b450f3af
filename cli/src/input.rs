//! What `assess` reads: Tencent's documents into one `MessageLog`, the
//! fees, the policy and the announcements.

use std::fmt::{self, Write as _};
use std::fs::File;
use std::io::{BufReader, IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::{DateTime, Datelike, NaiveDate};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use rust_decimal::Decimal;
use sms_sla::assess::{Assessment, Assessor, MonthlyFees};
use sms_sla::calendar::{ChinaMainland, HolidaySchedule};
use sms_sla::tencent::{CodeTable, FileKind, MessageLog};
use sms_sla::traffic::{AccountKind, Announcements, Window};
use sms_sla::{DeductionKind, Money, MonthlyServiceFee, ServiceMonth, SlaPolicy, Term};

use crate::state::State;
use crate::{Failure, Format, sample, today};

/// Files larger than this get a progress bar when stderr is a terminal.
const PROGRESS_FROM_BYTES: u64 = 4 << 20;

/// The options of `assess`.
#[derive(Debug, Args)]
pub(crate) struct AssessArgs {
    /// Assess the bundled sample (compiled in: works from any directory);
    /// the inputs it uses are printed to stderr.
    #[arg(long, conflicts_with_all = ["send_log", "receipts", "pull", "term", "fees", "fee", "price", "state"])]
    pub(crate) sample: bool,
    /// A state file written by `ingest`: its messages and announcements
    /// (with any given by `--announcements`) instead of document files.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["send_log", "receipts", "pull"])]
    pub(crate) state: Option<PathBuf>,
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
    /// The price of one message, in which credits are counted.
    #[arg(long, required_unless_present = "sample")]
    pub(crate) price: Option<Decimal>,
    /// The currency of fees and price (ISO 4217).
    #[arg(long, default_value = "CNY")]
    pub(crate) currency: String,
    /// The date claim statuses are given for; default: today in the SLA zone.
    #[arg(long, value_name = "DATE")]
    pub(crate) as_of: Option<NaiveDate>,
    /// Another contract, as JSON (start from `sms-sla policy`).
    #[arg(long, value_name = "FILE")]
    pub(crate) policy: Option<PathBuf>,
    /// More business-day years, as a JSON array of holiday schedules
    /// (`{"year", "days_off", "make_up_workdays"}`), for years after the
    /// built-in data.
    #[arg(long, value_name = "FILE")]
    pub(crate) calendar: Option<PathBuf>,
    /// Maintenance and event windows and surge notices, as JSON:
    /// `{"maintenance": [{"start", "end"}], "events": [...], "surge_notices": [dates]}`.
    #[arg(long, value_name = "FILE")]
    pub(crate) announcements: Option<PathBuf>,
    /// A gateway account (surge volume 100,000,000 a day) rather than an
    /// ordinary one.
    #[arg(long)]
    pub(crate) gateway: bool,
    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub(crate) format: Format,
    /// Write the output here instead of to stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Also draw the chart of monthly availability as SVG here.
    #[arg(long, value_name = "FILE")]
    pub(crate) svg: Option<PathBuf>,
    /// Where messages are reconciled and counted: `in-process` reads
    /// Tencent's documents of one account into memory; `datafusion`
    /// (built with the `datafusion` feature) reads the sends and receipts
    /// tables of many accounts from `--data`, spilling to disk past
    /// `--memory-mib`.
    #[arg(long, value_enum, default_value_t = Engine::InProcess)]
    pub(crate) engine: Engine,
    /// With `--engine datafusion`: a folder of the sends and receipts
    /// tables (`sends.parquet` and `receipts.parquet`, or `.json` NDJSON, as
    /// `sms-sla sample` writes them; or folders `sends/` and `receipts/` of
    /// such files, as `sms-sla convert` writes them) and `accounts.json`.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["sample", "state", "send_log", "receipts", "pull", "term", "fees", "fee", "policy", "announcements", "gateway", "svg"])]
    pub(crate) data: Option<PathBuf>,
    /// With `--engine datafusion`: the memory the engine may use, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 4096)]
    pub(crate) memory_mib: usize,
    /// With `--engine datafusion`: where it spills (default: the system's
    /// temporary folder).
    #[arg(long, value_name = "DIR")]
    pub(crate) spill_dir: Option<PathBuf>,
    /// With `--engine datafusion`: how many partitions it runs at once.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub(crate) partitions: usize,
}

/// Where `assess` reconciles and counts messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
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
    month: YearMonth,
    amount: Decimal,
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

/// What `assess` produced.
#[derive(Debug)]
pub(crate) struct Run {
    pub(crate) assessment: Assessment,
}

/// Reads every input, assesses the term.
pub(crate) fn assess(args: &AssessArgs) -> Result<Run, Failure> {
    if args.sample {
        return assess_sample();
    }
    let policy = read_policy(args.policy.as_deref())?;
    let mut announcements = match &args.announcements {
        Some(path) => read_announcements(path)?,
        None => Announcements::new(),
    };
    let log = if let Some(path) = &args.state {
        let state = State::load(path)?;
        announcements = announcements.with_all(&state.announcements);
        state.log
    } else {
        let mut log = MessageLog::new(CodeTable::tencent_default());
        read_documents(&mut log, &args.send_log, &args.receipts, &args.pull)?;
        log
    };
    let (Some(term), Some(price)) = (args.term, args.price) else {
        return Err(Failure::Data("--term and --price are required".to_owned()));
    };
    let account = if args.gateway {
        AccountKind::Gateway
    } else {
        AccountKind::Ordinary
    };
    let mut assessor = Assessor::new(&policy, term, account, announcements)?;
    assessor.add_log(&log)?;
    let fees = fees(args, term, &assessor)?;
    let price = Money::new(price, &args.currency)?;
    let as_of = args.as_of.map_or_else(|| today(&policy), Ok)?;
    let calendar = match &args.calendar {
        Some(path) => {
            let schedules: Vec<HolidaySchedule> = serde_json::from_str(&read_text(path)?)
                .map_err(|err| Failure::Data(format!("{}: {err}", path.display())))?;
            ChinaMainland::new()
                .with_schedules(schedules)
                .map_err(|err| in_file(path, &err))?
        }
        None => ChinaMainland::new(),
    };
    let assessment = assessor.finish(&fees, &price, &calendar, as_of)?;
    Ok(Run { assessment })
}

/// The bundled sample: the agreement's example term, 2024-03-17 plus 3
/// months, as of 2024-07-10, with the fees, deductions, price and
/// maintenance window below; all of them are printed to stderr (and stated
/// in the README), so the figures can be checked by hand.
fn assess_sample() -> Result<Run, Failure> {
    let policy = SlaPolicy::tencent_sms();
    let term: Term = "2024-03-17+3".parse()?;
    let instant = |text: &str| {
        DateTime::parse_from_rfc3339(text)
            .map(|at| at.to_utc())
            .map_err(|err| Failure::Data(format!("sample instant {text}: {err}")))
    };
    let maintenance = Window::new(
        instant("2024-06-05T02:00:00Z")?,
        instant("2024-06-05T04:00:00Z")?,
    )?;
    let notices = Announcements::new().with_maintenance(maintenance);
    let mut assessor = Assessor::new(&policy, term, AccountKind::Ordinary, notices)?;
    let mut log = MessageLog::new(CodeTable::tencent_default());
    for (kind, text) in [
        (FileKind::SendLog, sample::SEND_LOG),
        (FileKind::Callbacks, sample::CALLBACKS),
        (FileKind::Callbacks, sample::REDELIVERED),
    ] {
        log.read_file(kind, text.as_bytes())?;
    }
    assessor.add_log(&log)?;
    let cny = |cents: i64| Money::new(Decimal::new(cents, 2), "CNY");
    let months: Vec<ServiceMonth> = term.service_months().collect();
    let fees = [
        MonthlyServiceFee::new(cny(5000)?),
        MonthlyServiceFee::new(cny(12000)?).with_deduction(DeductionKind::Coupon, cny(2000)?)?,
        MonthlyServiceFee::new(cny(13000)?).with_deduction(DeductionKind::Voucher, cny(10000)?)?,
        MonthlyServiceFee::new(cny(6000)?),
    ];
    let as_of = NaiveDate::from_ymd_opt(2024, 7, 10)
        .ok_or_else(|| Failure::Data("the sample's as-of date does not exist".to_owned()))?;
    let price = Money::new(Decimal::new(45, 3), "CNY")?;
    eprintln!(
        "the bundled sample (examples/data: send_sms.ndjson, callbacks.json, callbacks_redelivered.ndjson)"
    );
    eprintln!(
        "  term {term}, an ordinary account, as of {as_of}, {} {} a message",
        price.amount(),
        price.currency()
    );
    for (month, fee) in months.iter().zip(&fees) {
        let mut deductions = String::new();
        for (kind, amount) in fee.deductions() {
            let _ = write!(deductions, ", less a {kind} of {amount}");
        }
        eprintln!("  fee for {month}: {}{deductions}", fee.consumed());
    }
    eprintln!("  maintenance announced: {maintenance}");
    let fees: MonthlyFees = months.into_iter().zip(fees).collect();
    let assessment = assessor.finish(&fees, &price, &ChinaMainland::new(), as_of)?;
    Ok(Run { assessment })
}

/// The policy in the JSON file at `path`, or the agreement.
pub(crate) fn read_policy(path: Option<&Path>) -> Result<SlaPolicy, Failure> {
    match path {
        Some(path) => serde_json::from_str::<SlaPolicy>(&read_text(path)?)
            .map_err(|err| Failure::Data(format!("{}: {err}", path.display()))),
        None => Ok(SlaPolicy::tencent_sms()),
    }
}

/// The announcements in the JSON file at `path`.
pub(crate) fn read_announcements(path: &Path) -> Result<Announcements, Failure> {
    serde_json::from_str::<Announcements>(&read_text(path)?)
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
pub(crate) fn read_documents(
    log: &mut MessageLog,
    send_logs: &[PathBuf],
    receipts: &[PathBuf],
    pulls: &[PathBuf],
) -> Result<(), Failure> {
    let files = send_logs
        .iter()
        .map(|path| (FileKind::SendLog, path))
        .chain(receipts.iter().map(|path| (FileKind::Callbacks, path)))
        .chain(pulls.iter().map(|path| (FileKind::Pull, path)));
    for (kind, path) in files {
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
struct FeeLine {
    month: String,
    amount: String,
    #[serde(default)]
    kind: Option<DeductionKind>,
    #[serde(default)]
    deduction: Option<String>,
}

/// The lines of the fees file at `path`, each with where it is
/// (`fees.csv: line 3`): a byte-order mark, a header line (`month,...`) and
/// blank lines are skipped, fields are trimmed. Each line is read as a CSV
/// record of its own, so its number is its line in the file.
fn fee_lines(path: &Path) -> Result<Vec<(String, FeeLine)>, Failure> {
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
fn exact(amount: &str) -> Result<Decimal, String> {
    Decimal::from_str_exact(amount)
        .map_err(|_| format!("`{amount}` is not an exact decimal amount"))
}

/// The fees of the term: from `--fees` and `--fee`; a month without traffic
/// needs none (it is owed nothing); a month with traffic and no fee, a fee
/// for a month outside the term and a month given twice are errors naming
/// the month.
fn fees(args: &AssessArgs, term: Term, assessor: &Assessor) -> Result<MonthlyFees, Failure> {
    let months: Vec<ServiceMonth> = term.service_months().collect();
    let month_of = |month: YearMonth, source: &str| {
        months
            .iter()
            .copied()
            .find(|m| (m.first_day().year(), m.first_day().month()) == (month.year, month.month))
            .ok_or_else(|| {
                Failure::Data(format!(
                    "{source}: a fee is given for {month}, which is not a month of the term {term}"
                ))
            })
    };
    let money = |amount: Decimal| Money::new(amount, &args.currency);
    let mut given: Vec<(ServiceMonth, MonthlyServiceFee, String)> = Vec::new();
    if let Some(path) = &args.fees {
        for (source, line) in fee_lines(path)? {
            let bad = |what: &str| Failure::Data(format!("{source}: {what}"));
            let month: YearMonth = line.month.parse().map_err(|err: String| bad(&err))?;
            let mut fee = MonthlyServiceFee::new(money(exact(&line.amount).map_err(|e| bad(&e))?)?);
            if let (Some(kind), Some(deduction)) = (line.kind, &line.deduction) {
                let deduction = exact(deduction).map_err(|e| bad(&e))?;
                fee = fee
                    .with_deduction(kind, money(deduction)?)
                    .map_err(|err| bad(&err.to_string()))?;
            }
            given.push((month_of(month, &source)?, fee, source));
        }
    }
    for fee in &args.fee {
        let source = format!("--fee {}", fee.month);
        given.push((
            month_of(fee.month, &source)?,
            MonthlyServiceFee::new(money(fee.amount)?),
            source,
        ));
    }
    let mut fees = MonthlyFees::new();
    for (month, fee, source) in given {
        fees = fees
            .with(month, fee)
            .map_err(|err| Failure::Data(format!("{source}: {err}")))?;
    }
    let ledger = assessor.ledger().finish();
    for (month, tally) in ledger.months() {
        if fees.get(&month).is_some() {
            continue;
        }
        if tally.total() > 0 {
            return Err(Failure::Data(format!(
                "no fee is given for service month {month}, which has {} messages",
                tally.total()
            )));
        }
        fees = fees.with(month, MonthlyServiceFee::new(money(Decimal::ZERO)?))?;
    }
    Ok(fees)
}
