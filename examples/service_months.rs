//! Prints the Service Months of a term (SLA §1.5, SPEC D1-D2).
//!
//! ```sh
//! cargo run --release --example service_months                 # 2024-03-17, 3 months
//! cargo run --release --example service_months -- 2024-01-31 12
//! ```
//!
//! Without arguments it shows the agreement's own example: three months
//! from 17 March. A bad argument prints the reason and exits with status 1.

use std::process::ExitCode;

use chrono::NaiveDate;
use sms_sla::Term;

const USAGE: &str = "usage: service_months [START MONTHS]   e.g. service_months 2024-03-17 3";

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

fn run(args: &[String]) -> Result<(), String> {
    let (start, months) = match args {
        [] => ("2024-03-17", "3"),
        [start, months] => (start.as_str(), months.as_str()),
        _ => {
            return Err(format!(
                "expected a start date and a number of months, got {} arguments",
                args.len()
            ));
        }
    };
    let start: NaiveDate = start
        .parse()
        .map_err(|err| format!("start `{start}` is not a date (YYYY-MM-DD): {err}"))?;
    let months: u32 = months.parse().map_err(|err| {
        format!(
            "months `{months}` is not a whole number from 0 to {}: {err}",
            u32::MAX
        )
    })?;
    let term = Term::from_months(start, months).map_err(|err| err.to_string())?;

    let service_months = term.service_months();
    println!(
        "Term of {months} months from {start}: {term}, {} Service Months",
        service_months.len()
    );
    println!();
    println!(
        "{:>3}  {:<10}  {:<10}  {:>4}  {:<9}  partial",
        "#", "first day", "last day", "days", "month"
    );
    for (number, month) in (1..).zip(service_months) {
        println!(
            "{:>3}  {}  {}  {:>4}  {:<9}  {}",
            number,
            month.first_day(),
            month.last_day(),
            month.days(),
            month.month().name(),
            if month.is_partial() { "yes" } else { "no" },
        );
    }
    Ok(())
}
