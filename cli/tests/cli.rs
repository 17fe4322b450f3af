//! The `sms-sla` command as people run it: from a directory that is not the
//! repository, each subcommand, each format, each exit status and the
//! error texts.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

/// A fresh working directory outside the repository, removed when the
/// test ends.
fn workdir(name: &str) -> common::Scratch {
    common::scratch("sms-sla-cli", name)
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sms-sla"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[track_caller]
fn assert_status(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout: {}\nstderr: {}",
        stdout(output),
        stderr(output)
    );
}

#[test]
fn help_lists_every_subcommand() {
    let dir = workdir("help");
    let help = run(&dir, &["--help"]);
    assert_status(&help, 0);
    let text = stdout(&help);
    for command in [
        "assess",
        "ingest",
        "months",
        "claim-window",
        "calendar",
        "policy",
    ] {
        assert!(text.contains(command), "{text}");
    }
    let assess = stdout(&run(&dir, &["assess", "--help"]));
    for option in [
        "--sample",
        "--send-log",
        "--receipts",
        "--pull",
        "--term",
        "--fees",
        "--fee",
        "--price",
        "--currency",
        "--as-of",
        "--policy",
        "--announcements",
        "--format",
        "--output",
        "--svg",
    ] {
        assert!(assess.contains(option), "{option} missing from\n{assess}");
    }
}

#[test]
fn the_sample_from_any_directory_in_every_format() {
    let dir = workdir("sample");
    let table = run(&dir, &["assess", "--sample"]);
    assert_status(&table, 0);
    assert_eq!(
        stdout(&table),
        include_str!("../../tests/snapshots/sample_report.txt")
    );

    let json = run(&dir, &["assess", "--sample", "--format", "json"]);
    assert_status(&json, 0);
    let value: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(value["format"], 2);
    assert_eq!(value["months"].as_array().unwrap().len(), 4);
    assert_eq!(value["reconciliation"]["messages"], 2723);

    let csv = run(
        &dir,
        &[
            "assess",
            "--sample",
            "--format",
            "csv",
            "-o",
            "out.csv",
            "--svg",
            "chart.svg",
        ],
    );
    assert_status(&csv, 0);
    let csv = std::fs::read_to_string(dir.join("out.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 5);
    assert!(lines[0].starts_with("first_day,last_day,messages,"));
    assert!(
        lines[3].starts_with("2024-05-01,2024-05-31,"),
        "{}",
        lines[3]
    );
    assert!(lines[3].contains(",0.3,30.00,CNY,666,"), "{}", lines[3]);
    assert!(lines[3].ends_with(",2723,2625,91,5,39,0,2"), "{}", lines[3]);
    let svg = std::fs::read_to_string(dir.join("chart.svg")).unwrap();
    assert!(svg.starts_with("<svg"), "{}", &svg[..40.min(svg.len())]);
}

/// A send log, callbacks and fees of one month, written into `dir`.
fn april_files(dir: &Path) {
    let calls = [
        r#"{"sent_at":"2025-04-02T01:00:00Z","response":{"Response":{"SendStatusSet":[{"SerialNo":"s1","PhoneNumber":"+8613800000001","Code":"Ok"},{"SerialNo":"s2","PhoneNumber":"+8613800000002","Code":"Ok"}],"RequestId":"r1"}}}"#,
    ];
    std::fs::write(dir.join("sends.ndjson"), calls.join("\n")).unwrap();
    std::fs::write(
        dir.join("callbacks.json"),
        r#"[{"user_receive_time":"2025-04-02 09:00:01","report_status":"SUCCESS","errmsg":"DELIVRD","sid":"s1"},
            {"user_receive_time":"2025-04-02 09:00:02","report_status":"FAIL","errmsg":"UNDELIV","sid":"s2"}]"#,
    )
    .unwrap();
}

#[test]
fn assess_own_files_with_fees_from_csv_or_flags() {
    let dir = workdir("own");
    april_files(&dir);
    std::fs::write(
        dir.join("fees.csv"),
        "month,amount,kind,deduction\n2025-04,100.00,coupon,20.00\n",
    )
    .unwrap();
    let base = [
        "assess",
        "--send-log",
        "sends.ndjson",
        "--receipts",
        "callbacks.json",
        "--term",
        "2025-04-01+2",
        "--price",
        "0.045",
        "--as-of",
        "2025-05-20",
    ];
    let with_csv = run(
        &dir,
        &[&base[..], &["--fees", "fees.csv", "--format", "csv"]].concat(),
    );
    assert_status(&with_csv, 0);
    let text = stdout(&with_csv);
    // April has traffic and a fee; May has none and needs none.
    assert!(text.contains("\n2025-04-01,2025-04-30,2,1,0,"), "{text}");
    assert!(
        text.contains("\n2025-05-01,2025-05-31,0,0,0,,0,0,CNY,0,"),
        "{text}"
    );
    let with_flag = run(&dir, &[&base[..], &["--fee", "2025-04=100.00"]].concat());
    assert_status(&with_flag, 0);
    assert!(stdout(&with_flag).contains("messages reconciled: 2 messages"));
}

/// The fees file is CSV as spreadsheets write it (a header, blank lines,
/// spaces, CRLF, quoted fields); a line that does not read is named with
/// its file and line, and the assessment stops.
#[test]
fn fees_files_as_spreadsheets_write_them_and_their_errors() {
    let dir = workdir("fees");
    april_files(&dir);
    let base = [
        "assess",
        "--send-log",
        "sends.ndjson",
        "--receipts",
        "callbacks.json",
        "--term",
        "2025-04-01+1",
        "--price",
        "0.045",
        "--as-of",
        "2025-05-20",
        "--format",
        "csv",
        "--fees",
        "fees.csv",
    ];
    std::fs::write(
        dir.join("fees.csv"),
        "\u{feff}month,amount,kind,deduction\r\n\r\n\"2025-04\", 100.00 , voucher ,\"20.00\"\r\n",
    )
    .unwrap();
    let good = run(&dir, &base);
    assert_status(&good, 0);
    assert!(
        stdout(&good).contains("\n2025-04-01,2025-04-30,2,1,0,"),
        "{}",
        stdout(&good)
    );
    for (text, message) in [
        (
            "month,amount\n2025-04,100.00,coupon\n",
            "fees.csv: line 2: expected month,amount[,deduction kind,amount]",
        ),
        (
            "2025-04,100.00,gift,5\n",
            "fees.csv: line 1: deduction kind: unknown variant `gift`, expected one of `coupon`, `voucher`, `discount`, `other`",
        ),
        (
            "2025-04,1e3\n",
            "fees.csv: line 1: `1e3` is not an exact decimal amount",
        ),
        (
            "2025-04,100,coupon,200\n",
            "fees.csv: line 1: deductions 200.00 CNY exceed the consumed fee 100.00 CNY",
        ),
        (
            "2025-13,100\n",
            "fees.csv: line 1: `2025-13` is not a month of the form YYYY-MM",
        ),
    ] {
        std::fs::write(dir.join("fees.csv"), text).unwrap();
        let bad = run(&dir, &base);
        assert_status(&bad, 1);
        assert!(stderr(&bad).contains(message), "{text}: {}", stderr(&bad));
    }
}

#[test]
fn bad_data_exits_1_naming_the_file_line_or_month() {
    let dir = workdir("bad");
    april_files(&dir);
    std::fs::write(dir.join("empty.json"), "  []  ").unwrap();
    std::fs::write(dir.join("blank.ndjson"), "\n\n").unwrap();
    std::fs::write(
        dir.join("broken.ndjson"),
        "{\"sent_at\":\"2025-04-02T01:00:00Z\"}\n",
    )
    .unwrap();
    let base = [
        "assess",
        "--send-log",
        "sends.ndjson",
        "--term",
        "2025-04-01+2",
        "--price",
        "0.045",
        "--as-of",
        "2025-05-20",
    ];
    let cases: [(&[&str], &str); 5] = [
        (
            &["--receipts", "empty.json", "--fee", "2025-04=1"],
            "error: empty.json: no entries\n",
        ),
        (
            &["--receipts", "blank.ndjson", "--fee", "2025-04=1"],
            "error: blank.ndjson: no entries\n",
        ),
        (
            &[
                "--receipts",
                "callbacks.json",
                "--fee",
                "2025-06=1",
                "--fee",
                "2025-04=1",
            ],
            "error: --fee 2025-06: a fee is given for 2025-06, which is not a month of the term 2025-04-01 to 2025-05-31\n",
        ),
        (
            &[
                "--receipts",
                "callbacks.json",
                "--fee",
                "2025-04=1",
                "--fee",
                "2025-04=2",
            ],
            "error: --fee 2025-04: service month 2025-04-01 to 2025-04-30 is given more than one fee\n",
        ),
        (
            &["--receipts", "callbacks.json"],
            "error: no fee is given for service month 2025-04-01 to 2025-04-30, which has 2 messages\n",
        ),
    ];
    for (extra, message) in cases {
        let output = run(&dir, &[&base[..], extra].concat());
        assert_status(&output, 1);
        assert_eq!(stderr(&output), message);
    }
    // D22: a send log line that cannot be read is one rejected entry,
    // counted and shown in the month of its request instant, not the end
    // of the run; April's verdict now depends on it.
    let broken = run(
        &dir,
        &[
            &base[..],
            &["--send-log", "broken.ndjson", "--fee", "2025-04=1"],
        ]
        .concat(),
    );
    assert_status(&broken, 0);
    assert!(
        stdout(&broken).contains("entries rejected 1 (1 in 2025-04-01 to 2025-04-30)")
            && stdout(&broken).contains(
                "  rejected entry 0: the document at line 1 is not of its kind: no `response`\n"
            ),
        "{}",
        stdout(&broken)
    );
    let missing = run(&dir, &[&base[..], &["--receipts", "nowhere.json"]].concat());
    assert_status(&missing, 1);
    assert!(
        stderr(&missing).starts_with("error: nowhere.json: cannot be read: "),
        "{}",
        stderr(&missing)
    );
}

// Source: SPEC D26: `convert` writes an account's documents as the engine's
// tables; a file that cannot be read leaves no tables behind.
#[cfg(feature = "datafusion")]
#[test]
fn convert_writes_tables_and_leaves_none_on_a_bad_file() {
    let dir = workdir("convert");
    april_files(&dir);
    let converted = run(
        &dir,
        &[
            "convert",
            "--account",
            "acct",
            "--send-log",
            "sends.ndjson",
            "--receipts",
            "callbacks.json",
            "-o",
            "tables",
            "--format",
            "ndjson",
        ],
    );
    assert_status(&converted, 0);
    assert_eq!(stdout(&converted), "acct: 2 send rows, 2 receipt rows\n");
    let sends = std::fs::read_to_string(dir.join("tables/sends/acct.json")).unwrap();
    assert!(
        sends.contains(r#""request_id":"r1","position":1"#),
        "{sends}"
    );

    // Tables are written new: the same account again is refused, and its
    // tables stay.
    let again = run(
        &dir,
        &[
            "convert",
            "--account",
            "acct",
            "--send-log",
            "sends.ndjson",
            "-o",
            "tables",
            "--format",
            "ndjson",
        ],
    );
    assert_status(&again, 1);
    assert!(
        stderr(&again).ends_with(
            "sends/acct.json: already exists (tables are written new, never over others)\n"
        ),
        "{}",
        stderr(&again)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("tables/sends/acct.json")).unwrap(),
        sends
    );
    // A file with no entries at all is an error, as `assess` makes it, and
    // leaves no tables behind.
    std::fs::write(dir.join("empty.json"), "[]\n").unwrap();
    let empty = run(
        &dir,
        &[
            "convert",
            "--account",
            "b",
            "--receipts",
            "empty.json",
            "-o",
            "tables",
        ],
    );
    assert_status(&empty, 1);
    assert_eq!(stderr(&empty), "error: empty.json: no entries\n");
    assert!(!dir.join("tables/sends/b.parquet").exists());
    assert!(!dir.join("tables/receipts/b.parquet").exists());
    let outside = run(
        &dir,
        &[
            "convert",
            "--account",
            "../x",
            "--receipts",
            "callbacks.json",
            "-o",
            "tables",
        ],
    );
    assert_status(&outside, 1);
    assert_eq!(
        stderr(&outside),
        "error: account `../x` cannot name a file (empty, `.`, `..`, a path separator or a control character)\n"
    );
    let nothing = run(&dir, &["convert", "--account", "c", "-o", "tables"]);
    assert_status(&nothing, 1);
    assert_eq!(
        stderr(&nothing),
        "error: convert needs --send-log, --receipts or --pull\n"
    );
}

#[test]
fn bad_usage_exits_2_with_clap_s_message() {
    let dir = workdir("usage");
    for args in [
        &["assess", "--price", "0.045"][..],
        &["assess", "--term", "2025-04-01"],
        &["assess", "--sample", "--term", "2025-04-01+1"],
        // The sample brings its own account, price and date.
        &["assess", "--sample", "--price", "0.045"],
        &["assess", "--sample", "--as-of", "2025-01-01"],
        &["assess", "--sample", "--policy", "policy.json"],
        // A state holds the documents.
        &[
            "assess",
            "--state",
            "s.json",
            "--receipts",
            "r.json",
            "--term",
            "2025-04-01+1",
            "--price",
            "1",
        ],
        // The engine's options go with its tables only.
        &["assess", "--sample", "--memory-mib", "100"],
        &["assess", "--sample", "--partitions", "4"],
        &["assess", "--data", "tables", "--price", "1"],
        &["ingest", "--state", "s.json", "--term", "2025-04-01+1"],
        &["months", "2025-04-01+x"],
        &["calendar", "--month", "2025-13", "--nth", "1"],
        &["nonsense"],
    ] {
        let output = run(&dir, args);
        assert_status(&output, 2);
        assert!(
            stderr(&output).starts_with("error: "),
            "{}",
            stderr(&output)
        );
    }
    let term = stderr(&run(&dir, &["months", "2025-04-01+x"]));
    assert!(
        term.contains("cannot read `2025-04-01+x` as a term"),
        "{term}"
    );
}

#[test]
fn months_claim_windows_calendar_and_policy() {
    let dir = workdir("small");
    let months = run(&dir, &["months", "2024-03-17+3"]);
    assert_status(&months, 0);
    assert_eq!(
        stdout(&months),
        "2024-03-17 to 2024-03-31\t15 days\n2024-04-01 to 2024-04-30\t30 days\n\
         2024-05-01 to 2024-05-31\t31 days\n2024-06-01 to 2024-06-16\t16 days\n"
    );
    let windows = run(
        &dir,
        &["claim-window", "2025-03-01+1", "--as-of", "2025-04-10"],
    );
    assert_status(&windows, 0);
    assert!(
        stdout(&windows).starts_with("2025-03-01 to 2025-03-31\t2025-04-09 to 2025-05-30\topen"),
        "{}",
        stdout(&windows)
    );
    let holiday = run(&dir, &["calendar", "2025-10-08"]);
    assert_eq!(stdout(&holiday), "2025-10-08 is not a business day\n");
    let fifth = run(&dir, &["calendar", "--month", "2025-04", "--nth", "5"]);
    assert_eq!(stdout(&fifth), "2025-04-08\n");
    let unknown = run(&dir, &["calendar", "2027-01-04"]);
    assert_status(&unknown, 1);
    assert_eq!(
        stderr(&unknown),
        "error: no business-day data for 2027: the calendar covers 2004-2026\n"
    );
    let policy = run(&dir, &["policy"]);
    assert_status(&policy, 0);
    let value: serde_json::Value = serde_json::from_str(&stdout(&policy)).unwrap();
    assert_eq!(value["zone"], "+08:00");
    // The printed policy reads back as another contract.
    std::fs::write(dir.join("policy.json"), stdout(&policy)).unwrap();
    april_files(&dir);
    let again = run(
        &dir,
        &[
            "assess",
            "--policy",
            "policy.json",
            "--send-log",
            "sends.ndjson",
            "--term",
            "2025-04-01+1",
            "--fee",
            "2025-04=10",
            "--price",
            "0.045",
            "--as-of",
            "2025-05-20",
        ],
    );
    assert_status(&again, 0);
}

#[test]
fn more_calendar_years_from_a_file() {
    let dir = workdir("calendar");
    let calls = r#"{"sent_at":"2026-12-02T01:00:00Z","response":{"Response":{"SendStatusSet":[{"SerialNo":"s1","PhoneNumber":"+8613800000001","Code":"Ok"}],"RequestId":"r1"}}}"#;
    std::fs::write(dir.join("sends.ndjson"), calls).unwrap();
    let args = [
        "assess",
        "--send-log",
        "sends.ndjson",
        "--term",
        "2026-12-01+1",
        "--fee",
        "2026-12=10",
        "--price",
        "0.045",
        "--as-of",
        "2027-01-20",
        "--format",
        "csv",
    ];
    let without = run(&dir, &args);
    assert_status(&without, 0);
    assert!(
        stdout(&without).contains(",,,unknown,"),
        "{}",
        stdout(&without)
    );
    // 2027 given as data (made up: New Year's Day off, no make-up day).
    std::fs::write(
        dir.join("2027.json"),
        r#"[{"year": 2027, "days_off": ["2027-01-01"], "make_up_workdays": []}]"#,
    )
    .unwrap();
    let with = run(&dir, &[&args[..], &["--calendar", "2027.json"]].concat());
    assert_status(&with, 0);
    // The 5th business day of January 2027 is Friday the 8th: claims open
    // on the 9th.
    assert!(
        stdout(&with).contains(",2027-01-09,2027-03-01,"),
        "{}",
        stdout(&with)
    );
    std::fs::write(
        dir.join("bad.json"),
        r#"[{"year": 2020, "days_off": [], "make_up_workdays": []}]"#,
    )
    .unwrap();
    let known = run(&dir, &[&args[..], &["--calendar", "bad.json"]].concat());
    assert_status(&known, 1);
    assert!(
        stderr(&known).starts_with("error: bad.json: "),
        "{}",
        stderr(&known)
    );
}

/// Compares `actual` with the snapshot file, or rewrites it when
/// `UPDATE_SNAPSHOTS` is set.
#[track_caller]
fn snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "{name} differs from its snapshot (UPDATE_SNAPSHOTS=1 accepts a deliberate change):\n{actual}"
    );
}

#[test]
fn the_sample_in_json_and_csv_matches_its_snapshots() {
    let dir = workdir("snapshots");
    for (format, name) in [("json", "sample.json"), ("csv", "sample.csv")] {
        let output = run(&dir, &["assess", "--sample", "--format", format]);
        assert_status(&output, 0);
        snapshot(name, &stdout(&output));
    }
}

#[test]
fn pull_responses_and_announcements() {
    let dir = workdir("pull");
    april_files(&dir);
    std::fs::write(
        dir.join("pull.json"),
        r#"{"Response": {"PullSmsSendStatusSet": [
            {"UserReceiveTime": 1743555600, "CountryCode": "86", "SubscriberNumber": "13800000002",
             "PhoneNumber": "+8613800000002", "SerialNo": "s2", "ReportStatus": "FAIL", "Description": "UNDELIV", "SessionContext": ""}
        ], "RequestId": "r9"}}"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("notices.json"),
        r#"{"maintenance": [{"start": "2025-04-02T00:00:00Z", "end": "2025-04-02T02:00:00Z"}]}"#,
    )
    .unwrap();
    let base = [
        "assess",
        "--send-log",
        "sends.ndjson",
        "--pull",
        "pull.json",
        "--term",
        "2025-04-01+1",
        "--fee",
        "2025-04=10",
        "--price",
        "0.045",
        "--as-of",
        "2025-05-20",
        "--format",
        "json",
    ];
    let plain = run(&dir, &base);
    assert_status(&plain, 0);
    let value: serde_json::Value = serde_json::from_str(&stdout(&plain)).unwrap();
    assert_eq!(value["reconciliation"]["receipts"], 1);
    assert_eq!(value["reconciliation"]["unreceipted"], 1);
    // UNDELIV is a suspended number (§1.4): not in the Effective Number.
    assert_eq!(value["months"][0]["tally"]["invalid"]["suspended"], 1);

    let notices = run(
        &dir,
        &[&base[..], &["--announcements", "notices.json", "--gateway"]].concat(),
    );
    assert_status(&notices, 0);
    let typo = r#"{"maintenence": []}"#;
    std::fs::write(dir.join("typo.json"), typo).unwrap();
    let refused = run(
        &dir,
        &[&base[..], &["--announcements", "typo.json"]].concat(),
    );
    assert_status(&refused, 1);
    assert!(
        stderr(&refused).starts_with("error: typo.json: unknown field `maintenence`"),
        "{}",
        stderr(&refused)
    );
}

/// `sample` then `assess --engine datafusion` (feature `datafusion`): every
/// account assessed, in JSON by account id and as tables; CSV refused.
#[cfg(feature = "datafusion")]
#[test]
fn sample_then_assess_on_datafusion() {
    let dir = workdir("engine");
    let output = run(
        &dir,
        &[
            "sample",
            "--accounts",
            "3",
            "--messages",
            "3000",
            "--format",
            "ndjson",
            "-o",
            "tables",
        ],
    );
    assert_status(&output, 0);
    assert!(
        stdout(&output).starts_with("tables: 3 accounts, "),
        "{}",
        stdout(&output)
    );
    let assess = [
        "assess",
        "--engine",
        "datafusion",
        "--data",
        "tables",
        "--price",
        "0.045",
        "--as-of",
        "2025-05-20",
        "--memory-mib",
        "64",
    ];
    let output = run(&dir, &[&assess[..], &["--format", "json"]].concat());
    assert_status(&output, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let messages: Vec<u64> = ["a0000", "a0001", "a0002"]
        .iter()
        .map(|id| json[id]["reconciliation"]["messages"].as_u64().unwrap())
        .collect();
    assert_eq!(messages, [1000, 1000, 1000]);
    let output = run(&dir, &assess);
    assert_status(&output, 0);
    assert!(stdout(&output).contains("== a0002\n"));
    let output = run(&dir, &[&assess[..], &["--format", "csv"]].concat());
    assert_status(&output, 1);
    assert!(
        stderr(&output).contains("--format csv is for one account"),
        "{}",
        stderr(&output)
    );
}

/// The bundled sample's files cut into three nights by each document's
/// own time (a SendSms call by its request instant, a receipt by its
/// receipt time), written into `dir`: `night-N.send_log.ndjson` and
/// `night-N.receipts.ndjson`.
fn sample_nights(dir: &Path) -> Vec<(PathBuf, PathBuf)> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample");
    let read = |name: &str| std::fs::read_to_string(data.join(name)).unwrap();
    let cuts = ["2024-04-15T01:12:34Z", "2024-05-17T06:21:17Z"]
        .map(|cut| chrono::DateTime::parse_from_rfc3339(cut).unwrap().to_utc());
    let night = |at: chrono::DateTime<chrono::Utc>| cuts.iter().filter(|&&cut| at >= cut).count();
    let mut sends = vec![String::new(); 3];
    let mut receipts = vec![String::new(); 3];
    for line in read("send_sms.ndjson")
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        let call: serde_json::Value = serde_json::from_str(line).unwrap();
        let at = chrono::DateTime::parse_from_rfc3339(call["sent_at"].as_str().unwrap()).unwrap();
        let _ = writeln!(sends[night(at.to_utc())], "{line}");
    }
    let mut all: Vec<serde_json::Value> = serde_json::from_str(&read("callbacks.json")).unwrap();
    for line in read("callbacks_redelivered.ndjson")
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        match serde_json::from_str(line).unwrap() {
            serde_json::Value::Array(body) => all.extend(body),
            receipt => all.push(receipt),
        }
    }
    let mut crossing = 0;
    for receipt in all {
        let local = receipt["user_receive_time"].as_str().unwrap_or_default();
        let at =
            chrono::DateTime::parse_from_rfc3339(&format!("{}+08:00", local.replace(' ', "T")));
        let n = at.map_or(0, |at| night(at.to_utc()));
        let sid = receipt["sid"].as_str().unwrap_or_default();
        if n > 0
            && !receipts[n].contains(sid)
            && sends[..n]
                .iter()
                .any(|s| !sid.is_empty() && s.contains(sid))
        {
            crossing += 1;
        }
        let _ = writeln!(receipts[n], "{receipt}");
    }
    // Each cut falls a second after a SendSms call, before its receipts.
    assert_eq!(
        crossing, 46,
        "messages whose receipts are read a night after their send"
    );
    (0..3)
        .map(|n| {
            let send_log = dir.join(format!("night-{n}.send_log.ndjson"));
            let callbacks = dir.join(format!("night-{n}.receipts.ndjson"));
            std::fs::write(&send_log, &sends[n]).unwrap();
            std::fs::write(&callbacks, &receipts[n]).unwrap();
            (send_log, callbacks)
        })
        .collect()
}

/// The sample's inputs as `assess --sample` prints them, as files.
fn sample_inputs(dir: &Path) -> (PathBuf, PathBuf) {
    let fees = dir.join("fees.csv");
    std::fs::write(
        &fees,
        "month,amount,kind,deduction\n2024-03,50.00\n2024-04,120.00,coupon,20.00\n2024-05,130.00,voucher,100.00\n2024-06,60.00\n",
    )
    .unwrap();
    let announcements = dir.join("announcements.json");
    std::fs::write(
        &announcements,
        r#"{"maintenance": [{"start": "2024-06-05T02:00:00Z", "end": "2024-06-05T04:00:00Z"}]}"#,
    )
    .unwrap();
    (fees, announcements)
}

/// `assess --format json` of the state at `state`, with the sample's term,
/// fees, price and as-of date: what `assess --sample` prints, when the state
/// holds the sample's files.
fn assess_sample_state(dir: &Path, state: &Path, fees: &Path) -> String {
    let output = run(
        dir,
        &[
            "assess",
            "--state",
            state.to_str().unwrap(),
            "--term",
            "2024-03-17+3",
            "--fees",
            fees.to_str().unwrap(),
            "--price",
            "0.045",
            "--as-of",
            "2024-07-10",
            "--format",
            "json",
        ],
    );
    assert_status(&output, 0);
    stdout(&output)
}

// Source: SPEC D27 (a nightly job, a process each night, gives the one-run
// answer: the bundled sample cut into three nights is 2,723 messages and
// the figures of `assess --sample`, the maintenance window announced on
// the last night applied to every message).
#[test]
fn d27_the_sample_in_three_nights_is_the_one_run_answer() {
    let dir = workdir("nights");
    let (fees, announcements) = sample_inputs(&dir);
    let state = dir.join("state.json");
    let state = state.to_str().unwrap();
    for (n, (send_log, receipts)) in sample_nights(&dir).iter().enumerate() {
        let mut args = vec![
            "ingest",
            "--state",
            state,
            "--send-log",
            send_log.to_str().unwrap(),
            "--receipts",
            receipts.to_str().unwrap(),
        ];
        if n == 2 {
            args.extend(["--announcements", announcements.to_str().unwrap()]);
        }
        let output = run(&dir, &args);
        assert_status(&output, 0);
        assert!(stdout(&output).starts_with("read "), "{}", stdout(&output));
    }
    assert!(!dir.join("state.json.new").exists());
    let mut daily: serde_json::Value =
        serde_json::from_str(&assess_sample_state(&dir, Path::new(state), &fees)).unwrap();
    let once = run(&dir, &["assess", "--sample", "--format", "json"]);
    assert_status(&once, 0);
    let mut whole: serde_json::Value = serde_json::from_str(&stdout(&once)).unwrap();
    // A rejection names its entry by its place in its own file: the words
    // after it are the same.
    let words = |report: &mut serde_json::Value| -> Vec<String> {
        let samples = report
            .as_object_mut()
            .unwrap()
            .remove("rejection_samples")
            .unwrap();
        samples
            .as_array()
            .unwrap()
            .iter()
            .map(|sample| {
                sample
                    .as_str()
                    .unwrap()
                    .split_once(": ")
                    .unwrap()
                    .1
                    .to_owned()
            })
            .collect()
    };
    assert_eq!(words(&mut daily), words(&mut whole));
    assert_eq!(daily, whole);
    let report = daily;
    assert_eq!(report["reconciliation"]["messages"], 2_723);
    // The sample states its inputs.
    let said = stderr(&once);
    for input in [
        "term 2024-03-17 to 2024-06-16, an ordinary account, as of 2024-07-10, 0.045 CNY a message",
        "fee for 2024-04-01 to 2024-04-30: 120.00 CNY, less a coupon of 20.00 CNY",
        "fee for 2024-05-01 to 2024-05-31: 130.00 CNY, less a promotional voucher of 100.00 CNY",
        "maintenance announced: 2024-06-05 02:00:00 UTC to 2024-06-05 04:00:00 UTC",
    ] {
        assert!(said.contains(input), "{input} missing from\n{said}");
    }
}

// Source: SPEC D27 (sealing bounds the state and changes no figure when the
// month's data has arrived).
#[test]
fn d27_ingest_seals_months_and_changes_no_figure() {
    let dir = workdir("seal");
    let (fees, announcements) = sample_inputs(&dir);
    let state = dir.join("state.json");
    let state_arg = state.to_str().unwrap();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample");
    let file = |name: &str| data.join(name).display().to_string();
    let output = run(
        &dir,
        &[
            "ingest",
            "--state",
            state_arg,
            "--send-log",
            &file("send_sms.ndjson"),
            "--receipts",
            &file("callbacks.json"),
            &file("callbacks_redelivered.ndjson"),
            "--announcements",
            announcements.to_str().unwrap(),
        ],
    );
    assert_status(&output, 0);
    let open = std::fs::metadata(&state).unwrap().len();
    let output = run(
        &dir,
        &[
            "ingest",
            "--state",
            state_arg,
            "--seal-before",
            "2024-06",
            "--term",
            "2024-03-17+3",
        ],
    );
    assert_status(&output, 0);
    assert!(
        stdout(&output).contains("sealed 2024-03-17 to 2024-03-31 (513 messages), 2024-04-01 to 2024-04-30 (830 messages), 2024-05-01 to 2024-05-31 (858 messages)"),
        "{}",
        stdout(&output)
    );
    let sealed = std::fs::metadata(&state).unwrap().len();
    assert!(sealed * 3 < open, "{sealed} of {open}");
    let once = run(&dir, &["assess", "--sample", "--format", "json"]);
    assert_eq!(assess_sample_state(&dir, &state, &fees), stdout(&once));
}

// Source: SPEC D18 (a batch that fails adds nothing), D27 (a state file
// that is not one is an error naming it).
#[test]
fn d27_a_failing_batch_leaves_the_state_whole_and_a_bad_state_is_named() {
    let dir = workdir("failing");
    let state = dir.join("state.json");
    let state_arg = state.to_str().unwrap();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample");
    let file = |name: &str| data.join(name).display().to_string();
    let output = run(
        &dir,
        &[
            "ingest",
            "--state",
            state_arg,
            "--send-log",
            &file("send_sms.ndjson"),
        ],
    );
    assert_status(&output, 0);
    // A batch with a file that cannot be read leaves the state as it was.
    let before = std::fs::read(&state).unwrap();
    let broken = dir.join("broken.json");
    let missing = dir.join("missing.json");
    let output = run(
        &dir,
        &[
            "ingest",
            "--state",
            state_arg,
            "--receipts",
            &file("callbacks.json"),
            missing.to_str().unwrap(),
        ],
    );
    assert_status(&output, 1);
    assert!(
        stderr(&output).contains("missing.json: cannot be read"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read(&state).unwrap(), before);

    // A file that is not a state is an error naming it.
    std::fs::write(&broken, "{\"format\": 1}").unwrap();
    let output = run(&dir, &["ingest", "--state", broken.to_str().unwrap()]);
    assert_status(&output, 1);
    assert!(
        stderr(&output).starts_with(&format!(
            "error: {}: not a state file: missing field `log`",
            broken.display()
        )),
        "{}",
        stderr(&output)
    );
    // A state is not given with document files.
    let output = run(
        &dir,
        &[
            "assess",
            "--state",
            state_arg,
            "--receipts",
            &file("callbacks.json"),
            "--term",
            "2024-03-17+3",
            "--price",
            "1",
        ],
    );
    assert_status(&output, 2);
}
