//! Assesses a term from Tencent Cloud SMS data: one verdict per Service
//! Month (availability, compensation, claim window), as a table, JSON or an
//! SVG chart.
//!
//! ```sh
//! cargo run --release --example report                                  # the bundled sample
//! cargo run --release --example report -- --json report.json --svg report.svg   # (--svg needs --features svg)
//! cargo run --release --example report -- --receipts callbacks.json --term 2024-03-17:3 \
//!     --fee 2024-03=50 --fee 2024-04=120 --fee 2024-05=130 --fee 2024-06=60 --price 0.045
//! ```
//!
//! Without `--receipts` it assesses `examples/data/` (written by the
//! `sample_data` example): SendSms results and delivery callbacks over the
//! agreement's example term, with a maintenance window on 5 June 2024.
//! With `--receipts FILE` (a callback JSON array, or one receipt per line
//! if the name ends in `.ndjson`) it assesses your data: `--term` is
//! `START:MONTHS`, `--fee MONTH=AMOUNT` is each month's consumed fee,
//! `--price` the rate-card price per message, `--currency` (default CNY)
//! and `--as-of` (default today's date is not read: the term's last day
//! plus 90 days) are optional. A bad argument prints the reason and exits
//! with status 2; data that cannot be assessed exits with status 1.

use std::collections::BTreeMap;
use std::io::BufReader;
use std::process::ExitCode;

use chrono::{DateTime, Days, NaiveDate, Utc};
use rust_decimal::Decimal;
use sms_sla::assess::Assessment;
use sms_sla::assess::{Assessor, MonthlyFees};
use sms_sla::calendar::ChinaMainland;
use sms_sla::tencent::{CodeTable, MessageLog};
use sms_sla::traffic::{AccountKind, Announcements, Window};
use sms_sla::{DeductionKind, Money, MonthlyServiceFee, SlaPolicy, Term};

const USAGE: &str = "usage: report [--json FILE] [--svg FILE] [--receipts FILE --term START:MONTHS \
--fee YYYY-MM=AMOUNT ... --price PRICE [--currency CODE] [--as-of DATE]]";

/// Why the run stopped: a bad argument (status 2) or data that could not be
/// assessed (status 1).
enum Failure {
    Usage(String),
    Data(String),
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Data(message)) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The command line, parsed.
#[derive(Default)]
struct Options {
    json: Option<String>,
    svg: Option<String>,
    receipts: Option<String>,
    term: Option<Term>,
    fees: BTreeMap<(i32, u32), Decimal>,
    price: Option<Decimal>,
    currency: Option<String>,
    as_of: Option<NaiveDate>,
}

fn parse(args: &[String]) -> Result<Options, Failure> {
    let usage = |message: String| Failure::Usage(message);
    let mut options = Options::default();
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .cloned()
                .ok_or_else(|| usage(format!("{flag} needs a value")))
        };
        match flag.as_str() {
            "--json" => options.json = Some(value()?),
            "--svg" => options.svg = Some(value()?),
            "--receipts" => options.receipts = Some(value()?),
            "--currency" => options.currency = Some(value()?),
            "--term" => {
                let text = value()?;
                let (start, months) = text
                    .split_once(':')
                    .ok_or_else(|| usage(format!("--term `{text}` is not START:MONTHS")))?;
                let start: NaiveDate = start
                    .parse()
                    .map_err(|err| usage(format!("--term start `{start}`: {err}")))?;
                let months: u32 = months
                    .parse()
                    .map_err(|err| usage(format!("--term months `{months}`: {err}")))?;
                options.term =
                    Some(Term::from_months(start, months).map_err(|err| usage(err.to_string()))?);
            }
            "--fee" => {
                let text = value()?;
                let parsed = text.split_once('=').and_then(|(month, amount)| {
                    let (year, month) = month.split_once('-')?;
                    Some((
                        (year.parse().ok()?, month.parse().ok()?),
                        amount.parse().ok()?,
                    ))
                });
                let (month, amount) =
                    parsed.ok_or_else(|| usage(format!("--fee `{text}` is not YYYY-MM=AMOUNT")))?;
                options.fees.insert(month, amount);
            }
            "--price" => {
                let text = value()?;
                options.price = Some(
                    text.parse()
                        .map_err(|err| usage(format!("--price `{text}`: {err}")))?,
                );
            }
            "--as-of" => {
                let text = value()?;
                options.as_of = Some(
                    text.parse()
                        .map_err(|err| usage(format!("--as-of `{text}`: {err}")))?,
                );
            }
            other => return Err(usage(format!("unknown argument `{other}`"))),
        }
    }
    if options.svg.is_some() && !cfg!(feature = "svg") {
        return Err(usage(
            "--svg needs the svg feature: cargo run --features svg --example report".to_owned(),
        ));
    }
    Ok(options)
}

fn run(args: &[String]) -> Result<(), Failure> {
    let options = parse(args)?;
    let data = |err: sms_sla::Error| Failure::Data(with_sources(&err));
    let assessment = match &options.receipts {
        None => sample().map_err(data)?,
        Some(path) => own(path, &options)?,
    };
    println!("{}", assessment.to_table());
    if let Some(path) = &options.json {
        let json = serde_json::to_string_pretty(&assessment)
            .map_err(|err| Failure::Data(err.to_string()))?;
        std::fs::write(path, json)
            .map_err(|err| Failure::Data(format!("cannot write {path}: {err}")))?;
        println!("wrote {path}");
    }
    if let Some(path) = &options.svg {
        write_svg(&assessment, path)?;
        println!("wrote {path}");
    }
    Ok(())
}

#[cfg(feature = "svg")]
fn write_svg(assessment: &Assessment, path: &str) -> Result<(), Failure> {
    let svg = assessment
        .to_svg()
        .map_err(|err| Failure::Data(err.to_string()))?;
    std::fs::write(path, svg).map_err(|err| Failure::Data(format!("cannot write {path}: {err}")))
}

#[cfg(not(feature = "svg"))]
fn write_svg(_: &Assessment, _: &str) -> Result<(), Failure> {
    Err(Failure::Usage(
        "--svg needs the svg feature: cargo run --features svg --example report".to_owned(),
    ))
}

/// The bundled sample: the agreement's example term, 2024-03-17 plus 3 months.
fn sample() -> Result<Assessment, sms_sla::Error> {
    let policy = SlaPolicy::tencent_sms();
    let term = Term::from_months(date(2024, 3, 17)?, 3)?;
    let maintenance = Window::new(
        instant("2024-06-05T02:00:00Z")?,
        instant("2024-06-05T04:00:00Z")?,
    )?;
    let notices = Announcements::new().with_maintenance(maintenance);
    let mut assessor = Assessor::new(&policy, term, AccountKind::Ordinary, notices)?;

    // Every document into one log: one entry per message, whatever order
    // the documents come in and however often a receipt was delivered.
    let mut log = MessageLog::new(CodeTable::tencent_default());
    let sends = read("examples/data/send_sms.ndjson")?;
    for line in sends.lines().filter(|line| !line.trim().is_empty()) {
        let call: serde_json::Value =
            serde_json::from_str(line).map_err(|err| sms_sla::Error::TencentDocument {
                format: "send_sms",
                reason: err.to_string(),
            })?;
        let sent_at = call
            .get("sent_at")
            .and_then(serde_json::Value::as_str)
            .ok_or_else(|| sms_sla::Error::TencentDocument {
                format: "send_sms",
                reason: format!("a call has no `sent_at` instant: {line}"),
            })
            .and_then(instant)?;
        let response = call
            .get("response")
            .map(ToString::to_string)
            .ok_or_else(|| sms_sla::Error::TencentDocument {
                format: "send_sms",
                reason: format!("a call has no `response`: {line}"),
            })?;
        log.read_send_sms(&response, sent_at)?;
    }
    log.read_callback(&read("examples/data/callbacks.json")?)?;
    let redelivered = read("examples/data/callbacks_redelivered.ndjson")?;
    log.read_callback_lines(redelivered.as_bytes())?;
    assessor.add_log(&log);

    let cny = |amount: Decimal| Money::new(amount, "CNY");
    let months: Vec<_> = term.service_months().collect();
    let fee = |consumed: Decimal| cny(consumed).map(MonthlyServiceFee::new);
    let mut fees = MonthlyFees::new();
    for (month, fee) in months.iter().zip([
        fee(Decimal::new(5000, 2))?,
        fee(Decimal::new(12000, 2))?
            .with_deduction(DeductionKind::Coupon, cny(Decimal::new(2000, 2))?)?,
        fee(Decimal::new(13000, 2))?
            .with_deduction(DeductionKind::Voucher, cny(Decimal::new(10000, 2))?)?,
        fee(Decimal::new(6000, 2))?,
    ]) {
        fees = fees.with(*month, fee)?;
    }
    let as_of = date(2024, 7, 10)?;
    assessor.finish(
        &fees,
        &cny(Decimal::new(45, 3))?,
        &ChinaMainland::new(),
        as_of,
    )
}

/// The caller's own receipts.
fn own(path: &str, options: &Options) -> Result<Assessment, Failure> {
    let usage = |message: &str| Failure::Usage(message.to_owned());
    let data = |err: sms_sla::Error| Failure::Data(with_sources(&err));
    let term = options
        .term
        .ok_or_else(|| usage("--receipts needs --term START:MONTHS"))?;
    let price = options
        .price
        .ok_or_else(|| usage("--receipts needs --price"))?;
    let currency = options.currency.as_deref().unwrap_or("CNY");
    let policy = SlaPolicy::tencent_sms();
    let mut assessor =
        Assessor::new(&policy, term, AccountKind::Ordinary, Announcements::new()).map_err(data)?;
    let mut log = MessageLog::new(CodeTable::tencent_default());
    if std::path::Path::new(path)
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("ndjson"))
    {
        let file = std::fs::File::open(path)
            .map_err(|err| Failure::Data(format!("cannot read {path}: {err}")))?;
        log.read_callback_lines(BufReader::new(file))
            .map_err(data)?;
    } else {
        let text = read(path).map_err(data)?;
        log.read_callback(&text).map_err(data)?;
    }
    assessor.add_log(&log);
    let mut fees = MonthlyFees::new();
    for month in term.service_months() {
        if let Some(&amount) = options
            .fees
            .get(&(month.year(), month.month().number_from_month()))
        {
            let fee = MonthlyServiceFee::new(
                Money::new(amount, currency).map_err(|err| usage(&err.to_string()))?,
            );
            fees = fees.with(month, fee).map_err(data)?;
        }
    }
    let price = Money::new(price, currency).map_err(|err| usage(&err.to_string()))?;
    let as_of = options
        .as_of
        .or_else(|| term.last_day().checked_add_days(Days::new(90)))
        .unwrap_or(term.last_day());
    assessor
        .finish(&fees, &price, &ChinaMainland::new(), as_of)
        .map_err(data)
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

fn read(path: &str) -> Result<String, sms_sla::Error> {
    std::fs::read_to_string(path).map_err(|err| sms_sla::Error::TencentRead {
        format: "file",
        line: None,
        source: std::io::Error::new(err.kind(), format!("{path}: {err}")).into(),
    })
}

/// A date of the sample.
fn date(year: i32, month: u32, day: u32) -> Result<NaiveDate, sms_sla::Error> {
    NaiveDate::from_ymd_opt(year, month, day).ok_or(sms_sla::Error::MonthOutOfRange { year, month })
}

/// An RFC 3339 instant of the sample data.
fn instant(text: &str) -> Result<DateTime<Utc>, sms_sla::Error> {
    DateTime::parse_from_rfc3339(text)
        .map(|at| at.to_utc())
        .map_err(|err| sms_sla::Error::TencentDocument {
            format: "send_sms",
            reason: format!("`{text}` is not an RFC 3339 instant: {err}"),
        })
}
