//! `assess --engine datafusion` and `sample`: many accounts' sends and
//! receipts, as tables, past memory (feature `datafusion`).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use sms_sla::Money;
use sms_sla::assess::Assessment;
use sms_sla::calendar::ChinaMainland;
use sms_sla::tencent::{CodeTable, FileKind};
use sms_sla_datafusion::pipeline::{self, Account, Pricing, TableFormat as EngineFormat};
use sms_sla_datafusion::sample::{self, Spec};
use sms_sla_datafusion::tables;

use crate::Failure;
use crate::args::{Documents, EngineArgs, Pricing as PricingArgs};
use crate::input::files;

impl From<sms_sla_datafusion::Error> for Failure {
    fn from(err: sms_sla_datafusion::Error) -> Self {
        Self::Data(crate::with_sources(&err))
    }
}

/// The format of tables written and read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum TableFormat {
    /// Apache Parquet.
    Parquet,
    /// Newline-delimited JSON.
    Ndjson,
}

impl TableFormat {
    const fn engine(self) -> EngineFormat {
        match self {
            Self::Parquet => EngineFormat::Parquet,
            Self::Ndjson => EngineFormat::NdJson,
        }
    }

    const fn extension(self) -> &'static str {
        tables::extension(self.engine())
    }
}

/// `sms-sla sample`: large, realistic inputs for `--engine datafusion`.
#[derive(Debug, Args)]
pub(crate) struct SampleArgs {
    /// How many accounts.
    #[arg(long, default_value_t = 10)]
    accounts: u32,
    /// How many messages in all.
    #[arg(long)]
    messages: u64,
    /// The table format.
    #[arg(long, value_enum, default_value_t = TableFormat::Parquet)]
    format: TableFormat,
    /// The seed: the same seed gives the same files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The folder to write `sends.*`, `receipts.*` and `accounts.json` into.
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    output: PathBuf,
}

/// Writes the sample asked for and says what it wrote.
pub(crate) fn sample(args: &SampleArgs) -> Result<(), Failure> {
    let spec = Spec {
        seed: args.seed,
        ..Spec::new(args.accounts, args.messages)
    };
    let written = sample::write(&spec, &args.output, args.format.engine())?;
    println!(
        "{}: {} accounts, {} send rows, {} receipt rows",
        args.output.display(),
        spec.accounts,
        written.sends,
        written.receipts
    );
    Ok(())
}

/// `sms-sla convert`: Tencent's documents of one account as the engine's
/// tables.
#[derive(Debug, Args)]
pub(crate) struct ConvertArgs {
    /// The account the documents belong to (each account is reconciled on
    /// its own).
    #[arg(long)]
    account: String,
    #[command(flatten)]
    documents: Documents,
    /// The table format.
    #[arg(long, value_enum, default_value_t = TableFormat::Parquet)]
    format: TableFormat,
    /// The folder of the tables: the account's rows go to
    /// `DIR/sends/ACCOUNT.<ext>` and `DIR/receipts/ACCOUNT.<ext>`, beside
    /// other accounts'.
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    output: PathBuf,
}

/// Writes the documents asked for as tables, through the library's one
/// reader, and says what it wrote.
pub(crate) fn convert(args: &ConvertArgs) -> Result<(), Failure> {
    let files: Vec<(FileKind, PathBuf)> = files(&args.documents)
        .map(|(kind, path)| (kind, path.clone()))
        .collect();
    if files.is_empty() {
        return Err(Failure::Data(
            "convert needs --send-log, --receipts or --pull".to_owned(),
        ));
    }
    let format = args.format.engine();
    let (sends, receipts) = tables::account_paths(&args.output, &args.account, format)?;
    let written = tables::convert(
        &args.account,
        &files,
        &CodeTable::tencent_default(),
        &sends,
        &receipts,
        format,
    )?;
    println!(
        "{}: {} send rows, {} receipt rows",
        args.account, written.sends, written.receipts
    );
    Ok(())
}

/// Where a table of `dir` is: the file `NAME.<ext>`, or the folder `NAME`
/// of such files (as `convert` writes them), in the first format found.
fn table_path(dir: &Path, name: &str) -> Result<(String, TableFormat), Failure> {
    for format in [TableFormat::Parquet, TableFormat::Ndjson] {
        let file = dir.join(format!("{name}.{}", format.extension()));
        if file.is_file() {
            return Ok((text(&file)?, format));
        }
        let folder = dir.join(name);
        let holds = std::fs::read_dir(&folder).is_ok_and(|mut entries| {
            entries.any(|entry| {
                entry.is_ok_and(|entry| {
                    entry.path().extension().and_then(|ext| ext.to_str())
                        == Some(format.extension())
                })
            })
        });
        if holds {
            return Ok((format!("{}/", text(&folder)?), format));
        }
    }
    Err(Failure::Data(format!(
        "{}: no {name}.parquet or {name}.json, nor a folder {name} of them",
        dir.display()
    )))
}

/// Assesses every account of `--data` on DataFusion: one assessment per
/// account, by account id.
pub(crate) fn assess(
    dir: &Path,
    args: &EngineArgs,
    pricing: &PricingArgs,
    as_of: NaiveDate,
) -> Result<Vec<(String, Assessment)>, Failure> {
    // Required unless `--sample`, which `--data` excludes (args.rs).
    let Some(price) = pricing.price else {
        return Err(Failure::Data("--price is required".to_owned()));
    };
    let price = Money::new(price, &pricing.currency)?;
    let accounts_path = dir.join("accounts.json");
    let accounts: Vec<Account> = serde_json::from_slice(&read(&accounts_path)?)
        .map_err(|err| Failure::Data(format!("{}: {err}", accounts_path.display())))?;
    let (sends, format) = table_path(dir, "sends")?;
    let (receipts, receipts_format) = table_path(dir, "receipts")?;
    if receipts_format != format {
        return Err(Failure::Data(format!(
            "{}: the sends and receipts tables are in different formats",
            dir.display()
        )));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|err| Failure::Data(err.to_string()))?;
    let assessments = runtime.block_on(async {
        let table = CodeTable::tencent_default();
        let ctx = sms_sla_datafusion::session(
            args.memory_mib.saturating_mul(1 << 20),
            args.spill_dir.clone(),
            args.partitions,
            &table,
        )?;
        pipeline::register_inputs(&ctx, &sends, &receipts, format.engine()).await?;
        let pricing = Pricing {
            unit_price: &price,
            calendar: &ChinaMainland::new(),
            as_of,
        };
        Ok::<_, Failure>(pipeline::assess(&ctx, &accounts, pricing).await?)
    })?;
    Ok(assessments.into_iter().collect())
}

fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path)
        .map_err(|err| Failure::Data(format!("{}: cannot be read: {err}", path.display())))
}

fn text(path: &Path) -> Result<String, Failure> {
    path.to_str()
        .map(str::to_owned)
        .ok_or_else(|| Failure::Data(format!("{}: not a UTF-8 path", path.display())))
}
