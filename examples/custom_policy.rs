//! Another contract, as data: a stricter in-house SLA (99.9% standard;
//! 10% from 99%, 25% from 95%, 100% below), claims after the 3rd business
//! day and within 90 days, counted on plain Monday-Friday days in UTC.
//!
//! ```sh
//! cargo run --release --example custom_policy
//! ```

use std::process::ExitCode;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use sms_sla::ClaimRule;
use sms_sla::calendar::Weekdays;
use sms_sla::{Availability, Money, MonthlyServiceFee, SlaPolicy, SlaZone, Term, Threshold};
use sms_sla::{CompensationSchedule, Tier};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    // Percentages as tenths: 999 is 99.9%.
    let percent = |tenths: i64| Threshold::from_percent(Decimal::new(tenths, 1));
    let rate = |hundredths: i64| Decimal::new(hundredths, 2);
    let schedule = CompensationSchedule::new(
        percent(999)?,
        [
            Tier::new(percent(990)?, rate(10))?,
            Tier::new(percent(950)?, rate(25))?,
            Tier::new(percent(0)?, rate(100))?,
        ],
    )?;
    let policy = SlaPolicy::new(schedule)
        .with_zone("+00:00".parse::<SlaZone>()?)
        .with_claim_rule(ClaimRule::new(3, 90)?);

    let term = Term::from_months(
        NaiveDate::from_ymd_opt(2025, 1, 1).ok_or("the example's dates are valid")?,
        3,
    )?;
    let fee = MonthlyServiceFee::new(Money::new(Decimal::new(50_000, 2), "USD")?);
    let price = Money::new(Decimal::new(75, 4), "USD")?;
    // (effective messages, apparent failures) per month.
    let traffic = [(100_000, 50), (100_000, 400), (100_000, 6_000)];

    println!(
        "In-house SLA: standard {}, claims after business day {} within {} days, zone {}",
        policy.schedule().standard(),
        policy.claim_rule().business_day_ordinal(),
        policy.claim_rule().deadline_days(),
        policy.zone()
    );
    println!();
    for (month, (effective, failures)) in term.service_months().zip(traffic) {
        let availability = Availability::new(effective, failures)?;
        let compensation = policy.compensate(&availability, &fee, &price)?;
        let window = policy.claim_window(&month, &Weekdays)?;
        println!(
            "{month}: availability {availability}, rate {}, compensation {} = {} messages; claims {window}",
            compensation.rate().normalize(),
            compensation.amount(),
            compensation.messages()
        );
    }
    let json = serde_json::to_string(&policy)?;
    println!();
    println!("The same policy as JSON:\n{json}");
    Ok(())
}
