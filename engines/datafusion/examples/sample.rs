//! Writes a large, realistic sample for the pipeline (as `sms-sla sample`
//! does, without the command's build):
//!
//! ```text
//! cargo run -p sms-sla-datafusion --release --example sample -- ACCOUNTS MESSAGES DIR [parquet|ndjson]
//! ```

use std::path::PathBuf;

use sms_sla_datafusion::pipeline::TableFormat;
use sms_sla_datafusion::sample::{self, Spec};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [accounts, messages, dir, rest @ ..] = args.as_slice() else {
        return Err("usage: sample ACCOUNTS MESSAGES DIR [parquet|ndjson]".into());
    };
    let format = match rest.first().map(String::as_str) {
        None | Some("parquet") => TableFormat::Parquet,
        Some("ndjson") => TableFormat::NdJson,
        Some(other) => return Err(format!("the format is parquet or ndjson, not {other}").into()),
    };
    let spec = Spec::new(accounts.parse()?, messages.parse()?);
    let written = sample::write(&spec, &PathBuf::from(dir), format)?;
    println!(
        "{dir}: {} accounts, {} send rows, {} receipt rows",
        spec.accounts, written.sends, written.receipts
    );
    Ok(())
}
