//! A Ballista executor that runs the sms-sla functions.

use clap::Parser;
use sms_sla::tencent::CodeTable;
use sms_sla_datafusion::distributed::{Executor, run_executor};

/// A Ballista executor with the sms-sla functions registered.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// The host to bind and advertise.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// The Arrow Flight port (shuffle data).
    #[arg(long, default_value_t = 50051)]
    port: u16,
    /// The gRPC port (tasks).
    #[arg(long, default_value_t = 50052)]
    grpc_port: u16,
    /// The scheduler's host.
    #[arg(long, default_value = "127.0.0.1")]
    scheduler_host: String,
    /// The scheduler's port.
    #[arg(long, default_value_t = 50050)]
    scheduler_port: u16,
    /// Tasks run at once.
    #[arg(long, default_value_t = 1)]
    slots: usize,
    /// Memory the tasks share, in bytes; they spill past it.
    #[arg(long)]
    memory_limit: Option<u64>,
    /// Where shuffle and spill files go.
    #[arg(long)]
    work_dir: Option<std::path::PathBuf>,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = Args::parse();
    let executor = Executor {
        host: args.host,
        port: args.port,
        grpc_port: args.grpc_port,
        scheduler_host: args.scheduler_host,
        scheduler_port: args.scheduler_port,
        slots: args.slots,
        memory_limit: args.memory_limit,
        work_dir: args.work_dir,
    };
    match run_executor(executor, &CodeTable::tencent_default()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("sms-sla-executor: {err}");
            std::process::ExitCode::FAILURE
        }
    }
}
