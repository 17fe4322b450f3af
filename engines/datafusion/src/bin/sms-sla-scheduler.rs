//! A Ballista scheduler that plans with the sms-sla functions.

use clap::Parser;
use sms_sla::tencent::CodeTable;

/// A Ballista scheduler that plans with the sms-sla functions
/// (`sla_message`, `sla_tally`, `sla_entry`, `sla_code_class`).
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1:50050")]
    bind: std::net::SocketAddr,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = Args::parse();
    match sms_sla_datafusion::distributed::run_scheduler(args.bind, CodeTable::tencent_default())
        .await
    {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("sms-sla-scheduler: {err}");
            std::process::ExitCode::FAILURE
        }
    }
}
