//! The rules on Apache Ballista: a scheduler and executors that register
//! them at startup (Ballista finds a plan's functions by name in each
//! process's registry), and a client session for the pipeline.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use ballista::prelude::SessionContextExt;
use ballista_core::registry::BallistaFunctionRegistry;
use ballista_core::utils::default_session_builder;
use ballista_executor::executor_process::{ExecutorProcessConfig, start_executor_process};
use ballista_scheduler::cluster::BallistaCluster;
use ballista_scheduler::config::SchedulerConfig;
use ballista_scheduler::scheduler_process::start_server;
use datafusion::execution::SessionState;
use datafusion::prelude::{SessionConfig, SessionContext};
use sms_sla::tencent::CodeTable;

use crate::Error;

/// Ballista's errors, as this crate's.
fn ballista(err: ballista_core::error::BallistaError) -> Error {
    Error::Engine(datafusion::error::DataFusionError::External(Box::new(err)))
}

/// Ballista's default session state with the functions registered: what
/// the scheduler plans with.
///
/// # Errors
///
/// [`Error::Engine`] when the state cannot be made.
pub fn session_state(config: SessionConfig, table: &CodeTable) -> Result<SessionState, Error> {
    let mut state = default_session_builder(config)?;
    crate::register_into(&mut state, table)?;
    Ok(state)
}

/// Runs a scheduler on `address` until it fails, planning with the
/// functions registered.
///
/// # Errors
///
/// [`Error::Engine`] when it cannot listen or fails.
pub async fn run_scheduler(address: SocketAddr, table: CodeTable) -> Result<(), Error> {
    let builder_table = table.clone();
    let config = SchedulerConfig::default()
        .with_hostname(address.ip().to_string())
        .with_port(address.port())
        .with_override_session_builder(Arc::new(move |config: SessionConfig| {
            session_state(config, &builder_table)
                .map_err(|err| datafusion::error::DataFusionError::External(Box::new(err)))
        }));
    let cluster = BallistaCluster::new_from_config(&config)
        .await
        .map_err(ballista)?;
    start_server(cluster, address, Arc::new(config))
        .await
        .map_err(ballista)
}

/// Where an executor listens, which scheduler it serves, and its limits.
#[derive(Clone, Debug)]
pub struct Executor {
    /// The host it binds and advertises.
    pub host: String,
    /// Its Arrow Flight port (shuffle data).
    pub port: u16,
    /// Its gRPC port (tasks).
    pub grpc_port: u16,
    /// The scheduler's host.
    pub scheduler_host: String,
    /// The scheduler's port.
    pub scheduler_port: u16,
    /// Tasks it runs at once.
    pub slots: usize,
    /// The memory its tasks share, in bytes; they spill past it.
    pub memory_limit: Option<u64>,
    /// Where it keeps shuffle and spill files.
    pub work_dir: Option<PathBuf>,
}

/// Runs an executor until it fails, with the functions registered.
///
/// # Errors
///
/// [`Error::Engine`] when it cannot listen, reach its scheduler, or fails.
pub async fn run_executor(executor: Executor, table: &CodeTable) -> Result<(), Error> {
    let state = session_state(SessionConfig::new(), table)?;
    let config = ExecutorProcessConfig {
        bind_host: executor.host.clone(),
        external_host: Some(executor.host),
        port: executor.port,
        grpc_port: executor.grpc_port,
        scheduler_host: executor.scheduler_host,
        scheduler_port: executor.scheduler_port,
        scheduler_connect_timeout_seconds: 30,
        vcores: executor.slots.max(1),
        work_dir: executor
            .work_dir
            .map(|dir| dir.to_string_lossy().into_owned()),
        memory_pool_size: executor.memory_limit,
        executor_heartbeat_interval_seconds: 5,
        override_function_registry: Some(Arc::new(BallistaFunctionRegistry::from(&state))),
        ..ExecutorProcessConfig::default()
    };
    start_executor_process(Arc::new(config))
        .await
        .map_err(ballista)
}

/// A client session of the scheduler at `url` (`df://host:port`) with the
/// functions registered, for [`crate::pipeline`].
///
/// # Errors
///
/// [`Error::Engine`] when the URL is not a scheduler's.
pub async fn remote(url: &str, table: &CodeTable) -> Result<SessionContext, Error> {
    let state = session_state(
        <SessionConfig as ballista::prelude::SessionConfigExt>::new_with_ballista(),
        table,
    )?;
    let ctx = SessionContext::remote_with_state(url, state).await?;
    // Ballista's client state is rebuilt from the one given: register on
    // the context itself too, so that its planner knows the functions.
    crate::register(&ctx, table);
    Ok(ctx)
}
