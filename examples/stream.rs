//! Streams N generated records (default 1,000,000) through an assessment,
//! one at a time, and prints the verdict: memory stays the same whatever N
//! (measure it with `/usr/bin/time -v`; see BENCHMARKS.md).
//!
//! ```sh
//! cargo run --release --example stream -- 100000000
//! ```

use std::process::ExitCode;

use chrono::{NaiveDate, TimeDelta};
use rust_decimal::Decimal;
use sms_sla::assess::{Assessor, MonthlyFees};
use sms_sla::calendar::ChinaMainland;
use sms_sla::traffic::{
    AccountKind, Announcements, FailureCause, MessageRecord, Outcome, Recipient,
};
use sms_sla::{Money, MonthlyServiceFee, SlaPolicy, Term};

fn main() -> ExitCode {
    let count = match std::env::args().nth(1).map(|text| text.parse::<u64>()) {
        None => 1_000_000,
        Some(Ok(count)) => count,
        Some(Err(err)) => {
            eprintln!(
                "error: the record count is not a whole number: {err}\nusage: stream [RECORDS]"
            );
            return ExitCode::from(2);
        }
    };
    match run(count) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run(count: u64) -> Result<(), Box<dyn std::error::Error>> {
    let policy = SlaPolicy::tencent_sms();
    let start_day = NaiveDate::from_ymd_opt(2025, 1, 15).ok_or("the example's dates are valid")?;
    let term = Term::from_months(start_day, 12)?;
    let start = start_day
        .and_hms_opt(1, 0, 0)
        .ok_or("the example's dates are valid")?
        .and_utc();
    let mut assessor = Assessor::new(&policy, term, AccountKind::Ordinary, Announcements::new())?;
    // Records are made one at a time and dropped: nothing holds the stream.
    for i in 0..count {
        let offset = i.wrapping_mul(31) % (380 * 86_400);
        let at = start
            .checked_add_signed(TimeDelta::seconds(i64::try_from(offset).unwrap_or(0)))
            .unwrap_or(start);
        let outcome = if i % 25 == 0 {
            Outcome::Failed(FailureCause::ProviderSide)
        } else {
            Outcome::Delivered
        };
        assessor
            .ledger_mut()
            .add(&MessageRecord::new(at, Recipient::Valid, outcome));
    }
    let fee = MonthlyServiceFee::new(Money::new(Decimal::new(100_000, 2), "CNY")?);
    let fees = term
        .service_months()
        .try_fold(MonthlyFees::new(), |fees, month| {
            fees.with(month, fee.clone())
        })?;
    let as_of = NaiveDate::from_ymd_opt(2026, 3, 1).ok_or("the example's dates are valid")?;
    let assessment = assessor.finish(
        &fees,
        &Money::new(Decimal::new(45, 3), "CNY")?,
        &ChinaMainland::new(),
        as_of,
    )?;
    println!(
        "{count} records streamed; {} entries accounted for",
        assessment.entries()
    );
    println!("{}", assessment.to_table());
    Ok(())
}
