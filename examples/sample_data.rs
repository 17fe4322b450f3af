//! Writes the sample Tencent data that the `report` example assesses:
//! deterministic, so anyone can regenerate it and get the same bytes.
//!
//! ```sh
//! cargo run --example sample_data            # writes cli/sample/
//! cargo run --example sample_data -- DIR     # writes DIR/
//! ```
//!
//! The data covers the agreement's example term (17 March 2024 plus three
//! months) for one ordinary account:
//!
//! - `send_sms.ndjson`: one SendSms call per line, as
//!   `{"sent_at": RFC 3339, "response": <the SendSms response>}`; most
//!   numbers are accepted (`Ok`), some refused at once (blocklisted or
//!   malformed numbers, frequency limits, `InternalError.Timeout`);
//! - `callbacks.json`: the delivery-status callbacks for the accepted
//!   messages, one JSON array, receipts keyed by `sid`; some accepted
//!   messages never get a receipt (unconfirmed), some first fail and are
//!   delivered on a retry (a conflicting pair), and a few receipts are
//!   malformed on purpose (a bad time, a missing status);
//! - `callbacks_redelivered.ndjson`: callbacks Tencent sent again because
//!   the endpoint was slow to acknowledge, one callback body per line: the
//!   same receipts a second time, to be counted once.
//!
//! March and June meet the 95% standard (June only because a maintenance
//! window, 2024-06-05 02:00-04:00 UTC, exempts its timeouts); April falls
//! between 90% and 95%; May falls below 90%.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Duration, NaiveDate, SecondsFormat, Utc};

/// A 64-bit linear congruential generator: the same numbers on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    /// A number below `bound`.
    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }
}

/// What happens to one message.
#[derive(Clone, Copy)]
enum Fate {
    /// Accepted, then a receipt with this status and errmsg.
    Receipt(&'static str, &'static str, &'static str),
    /// Refused by SendSms with this code.
    Refused(&'static str),
    /// Accepted, and no receipt ever came.
    Unreceipted,
    /// Accepted, a failure receipt with this errmsg, then a delivery on the
    /// operator's retry.
    FailedThenDelivered(&'static str),
}

/// The fates of a day's messages, as (weight, fate) pairs.
fn fates(day: NaiveDate) -> Vec<(u64, Fate)> {
    let delivered = Fate::Receipt("SUCCESS", "DELIVRD", "用户短信送达成功");
    let mut fates = vec![
        (880, delivered),
        (20, Fate::Receipt("FAIL", "MK:0001", "空号")),
        (10, Fate::Receipt("FAIL", "DBBLACK", "黑名单")),
        (10, Fate::Receipt("FAIL", "-106", "运营商关键字拦截")),
        (10, Fate::Refused("FailedOperation.PhoneNumberInBlacklist")),
        (10, Fate::Refused("LimitExceeded.PhoneNumberDailyLimit")),
        (12, Fate::Unreceipted),
        (3, Fate::FailedThenDelivered("MK:0000")),
    ];
    // Apparent Failures: unmapped operator codes and provider timeouts.
    let (unmapped, timeouts) = match (chrono::Datelike::month(&day), chrono::Datelike::day(&day)) {
        (4, _) => (40, 30), // about 93%: the 10% tier
        (5, _) => (80, 60), // about 86%: the 30% tier
        (6, 5) => (5, 900), // the maintenance day: timeouts inside the window
        (6, _) => (5, 0),
        _ => (10, 5), // March: about 98.5%
    };
    fates.push((unmapped, Fate::Receipt("FAIL", "REJECTD", "运营商拒绝")));
    fates.push((timeouts, Fate::Refused("InternalError.Timeout")));
    fates
}

fn pick(rng: &mut Lcg, fates: &[(u64, Fate)]) -> Fate {
    let total: u64 = fates.iter().map(|(weight, _)| weight).sum();
    let mut roll = rng.below(total);
    for &(weight, fate) in fates {
        if roll < weight {
            return fate;
        }
        roll -= weight;
    }
    fates[0].1
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn main() -> ExitCode {
    let dir = std::env::args().nth(1).map_or_else(
        || PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../cli/sample")),
        PathBuf::from,
    );
    match write(&dir) {
        Ok((calls, receipts, redelivered)) => {
            println!(
                "wrote {calls} SendSms calls, {receipts} receipts and {redelivered} redelivered to {}",
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn write(dir: &std::path::Path) -> Result<(usize, usize, usize), String> {
    let mut rng = Lcg(20_240_317);
    let mut sends = String::new();
    let mut receipts: Vec<String> = Vec::new();
    let mut redelivered = String::new();
    let mut redelivered_count = 0;
    let beijing = Duration::hours(8);
    let mut serial = 0_u32;
    let mut calls = 0;
    let start = NaiveDate::from_ymd_opt(2024, 3, 17).ok_or("bad start date")?;
    let window_start = DateTime::parse_from_rfc3339("2024-06-05T02:00:00Z")
        .map_err(|e| e.to_string())?
        .to_utc();
    for day in start
        .iter_days()
        .take_while(|d| *d <= NaiveDate::from_ymd_opt(2024, 6, 16).unwrap_or(start))
    {
        let fates = fates(day);
        let maintenance_day = day == NaiveDate::from_ymd_opt(2024, 6, 5).ok_or("bad date")?;
        // One or two SendSms calls a day (four on the maintenance day), of
        // 10 to 29 numbers, 09:00-17:59 Beijing time.
        for _ in 0..if maintenance_day { 4 } else { 1 + rng.below(2) } {
            let local_seconds = 9 * 3600 + rng.below(9 * 3600);
            let mut sent_at = day.and_hms_opt(0, 0, 0).ok_or("bad time")?.and_utc() - beijing
                + Duration::seconds(i64::try_from(local_seconds).map_err(|e| e.to_string())?);
            // The maintenance day's calls fall inside the window.
            if maintenance_day {
                sent_at = window_start
                    + Duration::seconds(
                        i64::try_from(rng.below(7_000)).map_err(|e| e.to_string())?,
                    );
            }
            let mut entries = Vec::new();
            for _ in 0..10 + rng.below(20) {
                serial += 1;
                let fate = pick(&mut rng, &fates);
                let phone = format!("+86138{:08}", rng.below(100_000_000));
                let sid = format!("2024:{serial:07}");
                match fate {
                    Fate::Refused(code) => entries.push(format!(
                        r#"{{"SerialNo":"","PhoneNumber":"{phone}","Fee":0,"SessionContext":"","Code":"{code}","Message":"","IsoCode":"CN"}}"#
                    )),
                    Fate::Unreceipted => entries.push(format!(
                        r#"{{"SerialNo":"{sid}","PhoneNumber":"{phone}","Fee":1,"SessionContext":"","Code":"Ok","Message":"send success","IsoCode":"CN"}}"#
                    )),
                    Fate::Receipt(..) | Fate::FailedThenDelivered(_) => {
                        entries.push(format!(
                            r#"{{"SerialNo":"{sid}","PhoneNumber":"{phone}","Fee":1,"SessionContext":"","Code":"Ok","Message":"send success","IsoCode":"CN"}}"#
                        ));
                        let received = sent_at + beijing + Duration::seconds(i64::try_from(2 + rng.below(40)).map_err(|e| e.to_string())?);
                        let receipt = |at: DateTime<Utc>, status: &str, errmsg: &str, description: &str| {
                            format!(
                                r#"{{"user_receive_time":"{}","nationcode":"86","mobile":"{}","report_status":"{status}","errmsg":"{errmsg}","description":"{description}","sid":"{sid}"}}"#,
                                at.format("%Y-%m-%d %H:%M:%S"),
                                &phone[3..],
                            )
                        };
                        let first = match fate {
                            Fate::FailedThenDelivered(errmsg) => {
                                receipts.push(receipt(received, "FAIL", errmsg, "运营商拒绝"));
                                receipt(received + Duration::minutes(30), "SUCCESS", "DELIVRD", "用户短信送达成功")
                            }
                            Fate::Receipt(status, errmsg, description) => receipt(received, status, errmsg, description),
                            _ => String::new(),
                        };
                        // About one receipt in thirty is delivered again.
                        if rng.below(30) == 0 {
                            let _ = writeln!(redelivered, "[{first}]");
                            redelivered_count += 1;
                        }
                        receipts.push(first);
                    }
                }
            }
            calls += 1;
            let _ = writeln!(
                sends,
                r#"{{"sent_at":"{}","response":{{"Response":{{"SendStatusSet":[{}],"RequestId":"sample-{calls:04}"}}}}}}"#,
                rfc3339(sent_at),
                entries.join(","),
            );
        }
    }
    // Two malformed receipts, to be rejected (D18) rather than dropped.
    receipts.push(r#"{"user_receive_time":"2024-04-31 10:00:00","nationcode":"86","mobile":"13800000000","report_status":"SUCCESS","errmsg":"DELIVRD","description":"","sid":"2024:9999998"}"#.to_owned());
    receipts.push(r#"{"user_receive_time":"2024-05-02 10:00:00","nationcode":"86","mobile":"13800000001","errmsg":"DELIVRD","description":"","sid":"2024:9999999"}"#.to_owned());
    let callbacks = format!("[\n{}\n]\n", receipts.join(",\n"));
    std::fs::create_dir_all(dir)
        .map_err(|err| format!("cannot create {}: {err}", dir.display()))?;
    std::fs::write(dir.join("send_sms.ndjson"), sends).map_err(|err| err.to_string())?;
    std::fs::write(dir.join("callbacks.json"), callbacks).map_err(|err| err.to_string())?;
    std::fs::write(dir.join("callbacks_redelivered.ndjson"), redelivered)
        .map_err(|err| err.to_string())?;
    Ok((calls, receipts.len(), redelivered_count))
}
