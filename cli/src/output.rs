//! What `assess` writes: the table, JSON or CSV, and the chart.

use std::fmt::Write as _;
use std::path::Path;

use crate::Failure;
use crate::args::{Output, OutputFormat};
use crate::run::Run;

/// Writes the assessment in the format asked for, to `-o` or stdout, and
/// the chart to `--svg`.
pub(crate) fn write(run: &Run, args: &Output) -> Result<(), Failure> {
    let assessment = &run.assessment;
    let text = match args.format {
        OutputFormat::Table => assessment.to_table(),
        OutputFormat::Json => {
            let mut json = serde_json::to_string_pretty(assessment)
                .map_err(|err| Failure::Data(err.to_string()))?;
            json.push('\n');
            json
        }
        OutputFormat::Csv => csv(assessment),
    };
    match &args.file {
        Some(path) => save(path, &text)?,
        None => print!("{text}"),
    }
    if let Some(path) = &args.svg {
        save(path, &assessment.to_svg()?)?;
    }
    Ok(())
}

/// Writes many accounts' assessments: the tables one after another under
/// each account's id, or one JSON object by account id. CSV has no
/// place for an account and is refused.
#[cfg(feature = "datafusion")]
pub(crate) fn write_many(
    assessments: &[(String, sms_sla::assess::Assessment)],
    args: &Output,
) -> Result<(), Failure> {
    let text = match args.format {
        OutputFormat::Table => {
            assessments
                .iter()
                .fold(String::new(), |mut text, (id, assessment)| {
                    let _ = writeln!(text, "== {id}");
                    text.push_str(&assessment.to_table());
                    text.push('\n');
                    text
                })
        }
        OutputFormat::Json => {
            let map: std::collections::BTreeMap<&str, &sms_sla::assess::Assessment> =
                assessments.iter().map(|(id, a)| (id.as_str(), a)).collect();
            let mut json =
                serde_json::to_string_pretty(&map).map_err(|err| Failure::Data(err.to_string()))?;
            json.push('\n');
            json
        }
        OutputFormat::Csv => {
            return Err(Failure::Data(
                "--format csv is for one account; use table or json with --engine datafusion"
                    .to_owned(),
            ));
        }
    };
    if let Some(path) = &args.file {
        return save(path, &text);
    }
    print!("{text}");
    Ok(())
}

fn save(path: &Path, text: &str) -> Result<(), Failure> {
    std::fs::write(path, text)
        .map_err(|err| Failure::Data(format!("{}: cannot be written: {err}", path.display())))
}

/// One row per Service Month; the reconciliation counts of the data read
/// repeat on every row, so each row stands alone.
fn csv(assessment: &sms_sla::assess::Assessment) -> String {
    let mut out = String::from(
        "first_day,last_day,messages,effective_sent,apparent_failures,availability,rate,\
         compensation,currency,message_credits,claim_opens,claim_closes,claim_status,rejected,\
         log_messages,log_receipts,log_duplicates,log_conflicts,log_unreceipted,log_unmatched,\
         log_rejected\n",
    );
    let log = assessment.reconciliation().map_or_else(
        || ",,,,,,".to_owned(),
        |s| {
            format!(
                "{},{},{},{},{},{},{}",
                s.messages(),
                s.receipts(),
                s.duplicates(),
                s.conflicts(),
                s.unreceipted(),
                s.unmatched(),
                s.rejected()
            )
        },
    );
    for month in assessment.months() {
        let service_month = month.service_month();
        let availability = month.availability();
        let compensation = month.compensation();
        let (opens, closes) = month.claim().window().map_or_else(
            || (String::new(), String::new()),
            |w| (w.opens_on().to_string(), w.closes_on().to_string()),
        );
        let status = month
            .claim()
            .status()
            .map_or_else(|| "unknown".to_owned(), |s| quoted(&s.to_string()));
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
            service_month.first_day(),
            service_month.last_day(),
            month.tally().total(),
            availability.effective_sent(),
            availability.apparent_failures(),
            availability
                .percent()
                .map_or_else(String::new, |p| p.to_string()),
            compensation.rate(),
            compensation.amount().amount(),
            compensation.amount().currency(),
            compensation.messages(),
            opens,
            closes,
            status,
            month.rejected(),
            log,
        );
    }
    out
}

/// A CSV field, quoted when it holds a comma or a quote.
fn quoted(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}
