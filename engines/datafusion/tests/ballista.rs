//! Ballista: a scheduler and two executors of ours on localhost, which
//! register the rules at startup, run the pipeline; its assessments equal
//! the in-process `MessageLog` path's, byte for byte in JSON.
#![cfg(feature = "ballista")]

mod common;

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use sms_sla::calendar::ChinaMainland;
use sms_sla::tencent::CodeTable;
use sms_sla_datafusion::pipeline::{self, Pricing, TableFormat};
use sms_sla_datafusion::sample;

/// Processes killed when the test ends, however it ends.
struct Cluster(Vec<Child>);

impl Drop for Cluster {
    fn drop(&mut self) {
        for child in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start(bin: &str, args: &[String]) -> Child {
    Command::new(bin)
        .args(args)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|err| panic!("cannot start {bin}: {err}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn d20_ballista_scheduler_and_two_executors_equal_message_log_byte_for_byte() {
    let scheduler_port = free_port();
    let mut cluster = Cluster(vec![start(
        env!("CARGO_BIN_EXE_sms-sla-scheduler"),
        &["--bind".into(), format!("127.0.0.1:{scheduler_port}")],
    )]);
    std::thread::sleep(Duration::from_millis(500));
    let work = common::tempdir();
    for n in 0..2 {
        let work_dir = work.join(format!("executor-{n}"));
        std::fs::create_dir_all(&work_dir).unwrap();
        cluster.0.push(start(
            env!("CARGO_BIN_EXE_sms-sla-executor"),
            &[
                "--port".into(),
                free_port().to_string(),
                "--grpc-port".into(),
                free_port().to_string(),
                "--scheduler-port".into(),
                scheduler_port.to_string(),
                "--memory-limit".into(),
                (256_u64 << 20).to_string(),
                "--work-dir".into(),
                work_dir.to_string_lossy().into_owned(),
            ],
        ));
    }
    std::thread::sleep(Duration::from_secs(2));

    let spec = common::clean(5, 10_000, 7);
    let expected = common::in_process(&spec);
    let data = work.join("data");
    sample::write(&spec, &data, TableFormat::Parquet).unwrap();
    let table = CodeTable::tencent_default();
    let ctx = sms_sla_datafusion::distributed::remote(
        &format!("df://127.0.0.1:{scheduler_port}"),
        &table,
    )
    .await
    .unwrap();
    pipeline::register_inputs(
        &ctx,
        data.join("sends.parquet").to_str().unwrap(),
        data.join("receipts.parquet").to_str().unwrap(),
        TableFormat::Parquet,
    )
    .await
    .unwrap();
    let pricing = Pricing {
        unit_price: &common::price(),
        calendar: &ChinaMainland::new(),
        as_of: common::as_of(),
    };
    let got = pipeline::assess(&ctx, &spec.accounts().unwrap(), pricing)
        .await
        .unwrap();
    let got: std::collections::BTreeMap<_, _> = got
        .into_iter()
        .map(|(id, assessment)| (id, serde_json::to_string(&assessment).unwrap()))
        .collect();
    drop(cluster);
    std::fs::remove_dir_all(&work).unwrap();
    assert_eq!(got, expected);
}
