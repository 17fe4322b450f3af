//! The rules of [`sms_sla`] registered with [Apache DataFusion], so that
//! an engine reconciles and tallies SMS data past one machine's memory
//! (and, with the `ballista` feature, past one machine) with the answers
//! the library gives in process.
//!
//! The work splits at two seams, and every rule stays in the library:
//!
//! - **By serial number** (`GROUP BY serial`): the aggregate
//!   `sla_message` folds a message's entries into the library's
//!   [`Evidence`](sms_sla::tencent::Evidence), the type
//!   [`MessageLog`](sms_sla::tencent::MessageLog) keeps per serial number,
//!   and returns the one entry that decides its outcome (D20, D21) and its
//!   counts. Its partial state is the evidence as entries, so the engine
//!   can spill it and merge it across partitions and machines.
//! - **By account** (`GROUP BY account`): the aggregate `sla_tally`
//!   counts each message's record into the account's
//!   [`LedgerBuilder`](sms_sla::traffic::LedgerBuilder), whose wire form
//!   is its partial state; the library then merges the builders and
//!   assesses each account ([`pipeline::assess`]).
//!
//! Two scalar functions complete the set: `sla_entry`, the library's one
//! normalisation of a row (D26): the key of the message it is about, which
//! the pipeline groups by, or the reason it cannot be read (those rows are
//! counted in their message's Service Month and listed, never folded,
//! D22); and `sla_code_class`, the code table as a function.
//!
//! # Examples
//!
//! ```
//! use datafusion::prelude::SessionContext;
//! use sms_sla::tencent::CodeTable;
//!
//! # tokio::runtime::Runtime::new().unwrap().block_on(async {
//! let ctx = SessionContext::new();
//! sms_sla_datafusion::register(&ctx, &CodeTable::tencent_default());
//! let batches = ctx
//!     .sql("SELECT sla_code_class('DELIVRD') AS class")
//!     .await?
//!     .collect()
//!     .await?;
//! let class = datafusion::arrow::util::pretty::pretty_format_batches(&batches)?.to_string();
//! assert!(class.contains("| delivered |"));
//! # Ok::<(), datafusion::error::DataFusionError>(())
//! # }).unwrap();
//! ```
//!
//! [Apache DataFusion]: https://datafusion.apache.org

pub mod pipeline;
pub mod sample;
pub mod tables;
pub mod udf;

#[cfg(feature = "ballista")]
pub mod distributed;

use std::path::PathBuf;
use std::sync::Arc;

use datafusion::execution::FunctionRegistry;
use datafusion::execution::disk_manager::{DiskManagerBuilder, DiskManagerMode};
use datafusion::execution::memory_pool::FairSpillPool;
use datafusion::execution::runtime_env::RuntimeEnvBuilder;
use datafusion::prelude::{SessionConfig, SessionContext};
use sms_sla::tencent::CodeTable;

/// Why a run failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The engine failed: an input it cannot read, a query it cannot run,
    /// memory it cannot have even by spilling.
    #[error("engine: {0}")]
    Engine(#[from] datafusion::error::DataFusionError),
    /// The library refused a value (a term, a fee, a price).
    #[error(transparent)]
    Sla(#[from] sms_sla::Error),
    /// The inputs hold messages of an account that is not in the accounts
    /// list: they are reported, never dropped (D18).
    #[error("account `{account}` has {messages} messages but is not in the accounts list")]
    UnknownAccount {
        /// The account's id.
        account: String,
        /// Its messages.
        messages: u64,
    },
    /// The accounts list gives an id twice.
    #[error("account `{account}` is listed twice")]
    DuplicateAccount {
        /// The account's id.
        account: String,
    },
    /// A partial ledger or count that could not be written or read back.
    #[error("partial state: {0}")]
    Wire(String),
    /// Arrow refused a batch.
    #[error("arrow: {0}")]
    Arrow(#[from] datafusion::arrow::error::ArrowError),
    /// A file of Tencent's documents could not be read as its kind.
    #[error("{path}: {source}")]
    File {
        /// The file.
        path: PathBuf,
        /// Why.
        source: sms_sla::Error,
    },
    /// A file of Tencent's documents holds no entry at all.
    #[error("{path}: no entries")]
    NoEntries {
        /// The file.
        path: PathBuf,
    },
    /// A table to write is already there.
    #[error("{path}: already exists (tables are written new, never over others)")]
    Exists {
        /// The file.
        path: PathBuf,
    },
    /// An account id that cannot name a file.
    #[error(
        "account `{account}` cannot name a file (empty, `.`, `..`, a path separator or a control character)"
    )]
    AccountName {
        /// The id.
        account: String,
    },
    /// A file could not be written or read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
}

/// Registers the four functions with `registry` (a session context, or a
/// Ballista scheduler's or executor's registry), classifying codes with
/// `table`.
pub fn register(registry: &dyn Registry, table: &CodeTable) {
    let (scalars, aggregates) = udf::functions(table);
    for function in scalars {
        registry.add_scalar(Arc::new(function));
    }
    for function in aggregates {
        registry.add_aggregate(Arc::new(function));
    }
}

/// Where functions can be registered.
pub trait Registry {
    /// Registers a scalar function.
    fn add_scalar(&self, function: Arc<datafusion::logical_expr::ScalarUDF>);
    /// Registers an aggregate function.
    fn add_aggregate(&self, function: Arc<datafusion::logical_expr::AggregateUDF>);
}

impl Registry for SessionContext {
    fn add_scalar(&self, function: Arc<datafusion::logical_expr::ScalarUDF>) {
        self.register_udf((*function).clone());
    }

    fn add_aggregate(&self, function: Arc<datafusion::logical_expr::AggregateUDF>) {
        self.register_udaf((*function).clone());
    }
}

/// Registers the four functions with a [`FunctionRegistry`] (a session
/// state; Ballista's executors take one).
///
/// # Errors
///
/// [`Error::Engine`] when the registry refuses a function.
pub fn register_into(registry: &mut dyn FunctionRegistry, table: &CodeTable) -> Result<(), Error> {
    let (scalars, aggregates) = udf::functions(table);
    for function in scalars {
        registry.register_udf(Arc::new(function))?;
    }
    for function in aggregates {
        registry.register_udaf(Arc::new(function))?;
    }
    Ok(())
}

/// A session with the functions registered whose operators share at most
/// `memory_limit` bytes and spill to `spill_dir` past it (the system's
/// temporary folder when `None`), on `partitions` threads.
///
/// # Errors
///
/// [`Error::Engine`] when the runtime cannot be made (a spill folder that
/// cannot be used).
pub fn session(
    memory_limit: usize,
    spill_dir: Option<PathBuf>,
    partitions: usize,
    table: &CodeTable,
) -> Result<SessionContext, Error> {
    let disk = match spill_dir {
        Some(dir) => {
            DiskManagerBuilder::default().with_mode(DiskManagerMode::Directories(vec![dir]))
        }
        None => DiskManagerBuilder::default().with_mode(DiskManagerMode::OsTmpDirectory),
    };
    let runtime = RuntimeEnvBuilder::new()
        .with_memory_pool(Arc::new(FairSpillPool::new(memory_limit)))
        .with_disk_manager_builder(disk)
        .build_arc()?;
    let config = SessionConfig::new().with_target_partitions(partitions.max(1));
    let ctx = SessionContext::new_with_config_rt(config, runtime);
    register(&ctx, table);
    Ok(ctx)
}
