//! Prints the claim window of every Service Month of a term and where each
//! stands on an as-of date (SLA §3.2, SPEC D11, D12).
//!
//! ```sh
//! cargo run --release --example claim_window                          # the agreement's example term
//! cargo run --release --example claim_window -- 2025-01-01 12 2025-11-28
//! ```
//!
//! Arguments: the term's start, its length in months, and the as-of date
//! (defaults: 2024-03-17, 3 months, as of 2024-07-01). Business days follow
//! the mainland China calendar; a month whose window needs a year without
//! data says so. A bad argument prints the reason and exits with status 1.

use std::process::ExitCode;

use chrono::NaiveDate;
use sms_sla::calendar::ChinaMainland;
use sms_sla::{SlaPolicy, Term};

const USAGE: &str =
    "usage: claim_window [START MONTHS AS_OF]   e.g. claim_window 2024-03-17 3 2024-07-01";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            ExitCode::FAILURE
        }
    }
}

fn date(text: &str, what: &str) -> Result<NaiveDate, String> {
    text.parse()
        .map_err(|err| format!("{what} `{text}` is not a date (YYYY-MM-DD): {err}"))
}

fn run(args: &[String]) -> Result<(), String> {
    let (start, months, as_of) = match args {
        [] => ("2024-03-17", "3", "2024-07-01"),
        [start, months, as_of] => (start.as_str(), months.as_str(), as_of.as_str()),
        _ => {
            return Err(format!(
                "expected a start date, a number of months and an as-of date, got {} arguments",
                args.len()
            ));
        }
    };
    let start = date(start, "start")?;
    let months: u32 = months
        .parse()
        .map_err(|err| format!("months `{months}` is not a whole number: {err}"))?;
    let as_of = date(as_of, "as-of date")?;
    let term = Term::from_months(start, months).map_err(|err| err.to_string())?;

    let policy = SlaPolicy::tencent_sms();
    let calendar = ChinaMainland::new();
    println!(
        "Claim windows for the term {term}, as of {as_of} (SLA §3.2; mainland China business days)"
    );
    println!();
    println!(
        "{:<24}  {:<10}  {:<10}  status",
        "service month", "opens", "closes"
    );
    for month in term.service_months() {
        match policy.claim_window(&month, &calendar) {
            Ok(window) => println!(
                "{:<24}  {}  {}  {}",
                month.to_string(),
                window.opens_on(),
                window.closes_on(),
                window.status_on(as_of)
            ),
            Err(err) => println!(
                "{:<24}  {:<10}  {:<10}  unknown: {err}",
                month.to_string(),
                "-",
                "-"
            ),
        }
    }
    Ok(())
}
