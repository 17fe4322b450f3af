//! Counting messages, not receipts: `tencent::MessageLog` on data shaped
//! like Tencent's (D19-D23), the cases that used to give the wrong
//! compensation, conservation of entries, and documents that fail whole.

#![cfg(feature = "tencent")]

use std::collections::HashMap;

use crate::util::{Setup, d};
use chrono::{DateTime, TimeZone, Utc};
use rust_decimal::dec;
use sms_sla::error::TencentError;
use sms_sla::tencent::LogStats;
use sms_sla::tencent::{CodeTable, MessageLog};
use sms_sla::traffic::{Exemption, FailureCause, MessageRecord, Outcome, Recipient, Tally};
use sms_sla::{Error, Money, MonthlyServiceFee, SlaPolicy, Term};

fn new_log() -> MessageLog {
    MessageLog::new(CodeTable::tencent_default())
}

/// 2025-04-02 08:00:00 in Beijing time, plus `minutes`.
fn beijing(minutes: u32) -> String {
    format!("2025-04-02 {:02}:{:02}:00", 8 + minutes / 60, minutes % 60)
}

fn receipt(sid: &str, minutes: u32, status: &str, errmsg: &str) -> String {
    format!(
        r#"{{"user_receive_time": "{}", "nationcode": "86", "mobile": "13800000000", "report_status": "{status}", "errmsg": "{errmsg}", "description": "", "sid": "{sid}"}}"#,
        beijing(minutes)
    )
}

fn callback(receipts: &[String]) -> String {
    format!("[{}]", receipts.join(","))
}

fn send_sms(entries: &[(&str, &str)]) -> String {
    let set: Vec<String> = entries
        .iter()
        .enumerate()
        .map(|(i, (serial, code))| {
            format!(
                r#"{{"SerialNo": "{serial}", "PhoneNumber": "+86138{i:08}", "Fee": 1, "SessionContext": "", "Code": "{code}", "Message": "", "IsoCode": "CN"}}"#
            )
        })
        .collect();
    format!(
        r#"{{"Response": {{"SendStatusSet": [{}], "RequestId": "r"}}}}"#,
        set.join(",")
    )
}

fn requested() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 4, 2, 0, 0, 0).unwrap()
}

/// The log's messages tallied over April 2025.
fn april(log: &MessageLog) -> Tally {
    let term = Term::from_months(d(2025, 4, 1), 1).unwrap();
    let mut builder = Setup::new().builder(term);
    let records: Vec<MessageRecord> = log.records().collect();
    builder.add_all(&records);
    let ledger = builder.finish();
    assert_eq!(ledger.total(), log.stats().messages());
    ledger.months().next().unwrap().1.clone()
}

fn rate(tally: &Tally) -> rust_decimal::Decimal {
    let policy = SlaPolicy::tencent_sms();
    let fee = MonthlyServiceFee::new(Money::new(dec!(100), "CNY").unwrap());
    policy
        .compensate(
            &policy.availability(tally),
            &fee,
            &Money::new(dec!(0.045), "CNY").unwrap(),
        )
        .unwrap()
        .rate()
}

/// Every entry read is a message, matched, a duplicate, a conflict or a
/// rejection (D18, D20).
#[track_caller]
fn assert_conserved(stats: &LogStats, entries: u64) {
    assert_eq!(
        stats.sends() + stats.receipts(),
        stats.messages() + stats.matched() + stats.duplicates() + stats.conflicts(),
        "{stats}"
    );
    assert_eq!(
        stats.sends() + stats.receipts() + stats.rejected(),
        entries,
        "{stats}"
    );
}

// Source: SPEC D19, D20 (a redelivered callback is one message): 95
// delivered + 5 REJECTD and one repeat of the last is exactly 95%.
#[test]
fn d19_a_redelivered_callback_counts_once() {
    let mut receipts: Vec<String> = (0..95)
        .map(|i| receipt(&format!("d{i}"), i, "SUCCESS", "DELIVRD"))
        .collect();
    receipts.extend((0..5).map(|i| receipt(&format!("f{i}"), i, "FAIL", "REJECTD")));
    let mut log = new_log();
    let read = log.read_callback(&callback(&receipts)).unwrap();
    assert_eq!((read.entries(), read.rejected()), (100, 0));
    // Tencent resends the last receipt: a second POST.
    log.read_callback(&callback(&[receipts[99].clone()]))
        .unwrap();
    let stats = log.stats();
    assert_eq!(
        (stats.messages(), stats.receipts(), stats.duplicates()),
        (100, 101, 1)
    );
    assert_conserved(&stats, 101);
    let tally = april(&log);
    assert_eq!(tally.effective_sent(), 100);
    let availability = SlaPolicy::tencent_sms().availability(&tally);
    assert_eq!(availability.to_string(), "95.0000%");
    assert_eq!(rate(&tally), dec!(0));
}

// Source: SPEC D5, D20 (an accepted send with no receipt is unconfirmed,
// still in the Effective Number).
#[test]
fn d5_sends_without_receipts_are_unconfirmed_messages() {
    for (sends, receipts, failed, shown, owed) in [
        (100, 90, 5, "95.0000%", dec!(0)),
        // Receipts alone would give 5 of 95: 94.7368% and the 10% tier.
        (105, 95, 5, "95.2380%", dec!(0)),
    ] {
        let serials: Vec<String> = (0..sends).map(|i| format!("s{i}")).collect();
        let entries: Vec<(&str, &str)> = serials.iter().map(|s| (s.as_str(), "Ok")).collect();
        let mut log = new_log();
        log.read_send_sms(&send_sms(&entries), requested()).unwrap();
        let body: Vec<String> = (0..receipts)
            .map(|i| {
                let (status, code) = if i < failed {
                    ("FAIL", "REJECTD")
                } else {
                    ("SUCCESS", "DELIVRD")
                };
                receipt(&serials[i], 1, status, code)
            })
            .collect();
        log.read_callback(&callback(&body)).unwrap();
        let stats = log.stats();
        assert_eq!(stats.messages(), sends as u64);
        assert_eq!(stats.unreceipted(), (sends - receipts) as u64);
        assert_eq!((stats.unmatched(), stats.matched()), (0, receipts as u64));
        assert_conserved(&stats, (sends + receipts) as u64);
        let tally = april(&log);
        assert_eq!(tally.unconfirmed(), (sends - receipts) as u64);
        assert_eq!(
            SlaPolicy::tencent_sms().availability(&tally).to_string(),
            shown
        );
        assert_eq!(rate(&tally), owed);
    }
}

// Source: SPEC D23 (null and empty optional fields are absent): a FAIL
// with a null errmsg is a failure named by its description, not a
// rejection that would favour the provider.
#[test]
fn d23_a_failure_with_a_null_errmsg_still_counts() {
    let mut receipts: Vec<String> = (0..90)
        .map(|i| receipt(&format!("d{i}"), i, "SUCCESS", "DELIVRD"))
        .collect();
    receipts.extend((0..10).map(|i| {
        format!(
            r#"{{"user_receive_time": "{}", "report_status": "FAIL", "errmsg": null, "description": "网关拒绝", "sid": "f{i}", "mobile": null}}"#,
            beijing(i)
        )
    }));
    let mut log = new_log();
    let read = log.read_callback(&callback(&receipts)).unwrap();
    assert_eq!(read.rejected(), 0);
    let tally = april(&log);
    assert_eq!(
        tally
            .unclassified_codes()
            .map(|(c, n)| (c.to_string(), n))
            .collect::<Vec<_>>(),
        [("网关拒绝".to_owned(), 10)]
    );
    assert_eq!(
        SlaPolicy::tencent_sms().availability(&tally).to_string(),
        "90.0000%"
    );
    assert_eq!(rate(&tally), dec!(0.1));

    // D23 (revised): with neither an errmsg nor a description it is still
    // a definite failure, an Apparent Failure listed as "(no code)"; a null
    // and an empty errmsg are the same statement, so the second is a
    // duplicate.
    let mut log = new_log();
    let bare = format!(
        r#"[{{"user_receive_time": "{0}", "report_status": "FAIL", "errmsg": "", "description": null, "sid": "x"}},
            {{"user_receive_time": "{0}", "report_status": "FAIL", "sid": "x"}}]"#,
        beijing(5)
    );
    let read = log.read_callback(&bare).unwrap();
    assert_eq!((read.entries(), read.rejected()), (2, 0));
    assert_eq!((log.stats().messages(), log.stats().duplicates()), (1, 1));
    let tally = april(&log);
    assert_eq!(
        tally
            .unclassified_codes()
            .map(|(c, n)| (c.to_string(), n))
            .collect::<Vec<_>>(),
        [(sms_sla::tencent::NO_CODE.to_owned(), 1)]
    );
    assert_eq!(tally.apparent_failures(), 1);
}

// Source: SPEC D20 (a delivery wins over an earlier failure receipt; the
// pair is one message and one conflict).
#[test]
fn d20_fail_then_success_is_one_delivered_message_and_a_conflict() {
    let fail = receipt("s1", 1, "FAIL", "MK:0000");
    let success = receipt("s1", 30, "SUCCESS", "DELIVRD");
    for body in [
        callback(&[fail.clone(), success.clone()]),
        callback(&[success.clone(), fail.clone()]),
    ] {
        let mut log = new_log();
        log.read_callback(&body).unwrap();
        let stats = log.stats();
        assert_eq!(
            (stats.messages(), stats.conflicts(), stats.duplicates()),
            (1, 1, 0)
        );
        assert_conserved(&stats, 2);
        let tally = april(&log);
        assert_eq!((tally.delivered(), tally.apparent_failures()), (1, 0));
        // D21: with no send known, the earliest receipt time places it.
        let record = log.records().next().unwrap();
        assert_eq!(
            record.sent_at(),
            Utc.with_ymd_and_hms(2025, 4, 2, 0, 1, 0).unwrap()
        );
        // Read again: only duplicates grow.
        log.read_callback(&body).unwrap();
        assert_eq!((log.stats().conflicts(), log.stats().duplicates()), (1, 2));
    }
}

// Source: SPEC D20 (among failures the latest receipt wins; ties go to the
// greatest code, whatever the reading order).
#[test]
fn d20_the_latest_failure_wins_and_ties_take_the_greatest_code() {
    let early = receipt("s1", 1, "FAIL", "MK:0001"); // invalid number
    let late = receipt("s1", 9, "FAIL", "MK:0000"); // unclassified
    let tie = receipt("s1", 9, "FAIL", "IB:0008"); // §4.8
    for order in [
        vec![early.clone(), late.clone(), tie.clone()],
        vec![tie.clone(), late.clone(), early.clone()],
        vec![late.clone(), early.clone(), tie.clone()],
    ] {
        let mut log = new_log();
        for receipt in order {
            log.read_callback(&callback(&[receipt])).unwrap();
        }
        let record = log.records().next().unwrap();
        assert_eq!(record.recipient(), Recipient::Valid);
        let code = sms_sla::traffic::UnclassifiedCode::new("MK:0000").unwrap();
        assert_eq!(
            record.outcome(),
            Outcome::Failed(FailureCause::Unclassified(code))
        );
        assert_eq!(log.stats().conflicts(), 2);
    }
}

// Source: SPEC D20 (a receipt whose code contradicts its status decides
// nothing and is reported as a conflict).
#[test]
fn d20_a_receipt_contradicting_itself_is_a_conflict_not_a_delivery() {
    let mut log = new_log();
    log.read_send_sms(&send_sms(&[("s1", "Ok"), ("s2", "Ok")]), requested())
        .unwrap();
    log.read_callback(&callback(&[
        receipt("s1", 1, "SUCCESS", "MK:0001"),
        receipt("s2", 1, "FAIL", "DELIVRD"),
    ]))
    .unwrap();
    let stats = log.stats();
    assert_eq!(
        (stats.messages(), stats.conflicts(), stats.unreceipted()),
        (2, 2, 0)
    );
    assert_conserved(&stats, 4);
    let tally = april(&log);
    assert_eq!((tally.unconfirmed(), tally.delivered()), (2, 0));
}

// Source: SPEC D19, D20 (a refused submission is a failure by its code;
// without a serial number it is a message of its own, once however often
// its response is read).
#[test]
fn d19_refused_submissions_are_messages_read_once() {
    let body = send_sms(&[
        ("", "InternalError.Timeout"),
        ("", "LimitExceeded.PhoneNumberDailyLimit"),
        ("s3", "Ok"),
    ]);
    let mut log = new_log();
    log.read_send_sms(&body, requested()).unwrap();
    log.read_send_sms(&body, requested()).unwrap();
    let stats = log.stats();
    assert_eq!(
        (stats.messages(), stats.sends(), stats.duplicates()),
        (3, 6, 3)
    );
    assert_conserved(&stats, 6);
    let tally = april(&log);
    assert_eq!(tally.provider_side(), 1);
    assert_eq!(tally.exempt(Exemption::PlatformControl), 1);
    assert_eq!(tally.unconfirmed(), 1);
    // The same response read with another request instant is the same
    // request: Tencent makes its RequestId unique.
    log.read_send_sms(&body, requested() + chrono::TimeDelta::seconds(1))
        .unwrap();
    assert_eq!(log.stats().messages(), 3);
    // Another request (another RequestId) is another call, even in the same
    // second to the same phones.
    log.read_send_sms(
        &body.replace(r#""RequestId": "r""#, r#""RequestId": "r2""#),
        requested(),
    )
    .unwrap();
    assert_eq!(log.stats().messages(), 5);
    // Without a RequestId, the request instant tells requests apart.
    let anonymous = body.replace(r#", "RequestId": "r""#, "");
    log.read_send_sms(&anonymous, requested()).unwrap();
    log.read_send_sms(&anonymous, requested()).unwrap();
    assert_eq!(log.stats().messages(), 7);
    log.read_send_sms(&anonymous, requested() + chrono::TimeDelta::seconds(1))
        .unwrap();
    assert_eq!(log.stats().messages(), 9);
}

// Source: SPEC D21 (the send instant places a message; a message known only
// from receipts is unmatched when the log holds SendSms responses).
#[test]
fn d21_send_instants_place_messages_and_unmatched_receipts_are_counted() {
    let mut log = new_log();
    // A failure reported two days after its send, on 31 March (UTC).
    let sent = Utc.with_ymd_and_hms(2025, 3, 31, 15, 0, 0).unwrap();
    log.read_callback(&callback(&[
        receipt("s1", 1, "FAIL", "MK:0000"),
        receipt("s2", 1, "SUCCESS", "DELIVRD"),
    ]))
    .unwrap();
    assert_eq!(log.stats().unmatched(), 0);
    log.read_send_sms(&send_sms(&[("s1", "Ok")]), sent).unwrap();
    let stats = log.stats();
    assert_eq!((stats.unmatched(), stats.matched()), (1, 1));
    let records: HashMap<String, DateTime<Utc>> = log
        .records()
        .map(|r| (format!("{:?}", r.outcome()), r.sent_at()))
        .collect();
    assert_eq!(
        records["Delivered"],
        Utc.with_ymd_and_hms(2025, 4, 2, 0, 1, 0).unwrap()
    );
    assert!(records.values().any(|&at| at == sent));
    // 31 March 15:00 UTC is 23:00 in Beijing: March, outside April.
    let term = Term::from_months(d(2025, 4, 1), 1).unwrap();
    let mut builder = Setup::new().builder(term);
    builder.add_all(&log.records().collect::<Vec<_>>());
    assert_eq!(builder.finish().before_term(), 1);
}

// Source: SPEC D22 (a document that fails adds nothing; the error names
// the position).
#[test]
fn d22_a_document_that_fails_leaves_the_log_unchanged() {
    let mut log = new_log();
    log.read_callback(&callback(&[receipt("s1", 1, "SUCCESS", "DELIVRD")]))
        .unwrap();
    let before = log.stats();
    let good = callback(&[receipt("s2", 1, "SUCCESS", "DELIVRD")]);
    let cases: Vec<(String, &str)> = vec![
        (
            good[..good.len() - 1].to_owned(),
            "tencent callback document is malformed: EOF while parsing a list at line 1 column",
        ),
        (
            format!("{good} x"),
            "tencent callback document is malformed: trailing characters at line 1 column",
        ),
        (
            "{}".to_owned(),
            "tencent callback document is malformed: invalid type: map, expected a JSON array of entries at line 1 column",
        ),
    ];
    for (body, error) in cases {
        let err = log.read_callback(&body).unwrap_err().to_string();
        assert!(err.starts_with(error), "{err}");
        assert_eq!(log.stats(), before);
    }
    let response = |set: &str| format!(r#"{{"Response": {set}}}"#);
    let send_cases: Vec<(String, &str)> = vec![
        (
            response(
                r#"{"Error": {"Code": "AuthFailure.SignatureFailure", "Message": "bad"}, "RequestId": "r"}"#,
            ),
            "tencent api error AuthFailure.SignatureFailure: bad",
        ),
        (
            r#"{"Response": {"SendStatusSet": []}, "Response": {"SendStatusSet": []}}"#.to_owned(),
            "tencent send_sms document is malformed: `Response` is given more than once at line 1 column",
        ),
        (
            response(
                r#"{"SendStatusSet": [{"SerialNo": "a", "Code": "Ok"}], "SendStatusSet": []}"#,
            ),
            "tencent send_sms document is malformed: `SendStatusSet` is given more than once at line 1 column",
        ),
        (
            response("{}"),
            "tencent send_sms document is malformed: no Response.SendStatusSet in the document",
        ),
    ];
    for (body, error) in send_cases {
        let err = log
            .read_send_sms(&body, requested())
            .unwrap_err()
            .to_string();
        assert!(err.starts_with(error), "{err}");
        assert_eq!(log.stats(), before);
    }
    assert!(
        log.read_pull(r#"{"Response": {"PullSmsSendStatusSet": [], "RequestId": "r"}"#)
            .is_err()
    );
    assert_eq!(log.stats(), before);
}

// Source: SPEC D22, D23 (bad entries are rejected with their reasons, values
// quoted at most 64 bytes; a BOM is skipped; NDJSON names lines from 1).
#[test]
fn d22_bad_entries_are_rejected_with_their_reasons() {
    let mut log = new_log();
    let long_text = "x".repeat(1000);
    let body = format!(
        "\u{feff}[{}, {}, {}, {}, {}, 7]",
        format_args!(
            r#"{{"user_receive_time": "{long_text}", "report_status": "SUCCESS", "sid": "a"}}"#
        ),
        format_args!(
            r#"{{"user_receive_time": "2025-04-02 08:00:00", "report_status": "{long_text}", "sid": "a"}}"#
        ),
        r#"{"user_receive_time": "2025-04-02 08:00:00", "report_status": "SUCCESS"}"#,
        r#"{"user_receive_time": "2025-04-02 08:00:00", "report_status": "SUCCESS", "sid": "a", "sid": "b"}"#,
        r#"{"user_receive_time": null, "report_status": "SUCCESS", "sid": "a"}"#,
    );
    let read = log.read_callback(&body).unwrap();
    assert_eq!((read.entries(), read.rejected()), (6, 6));
    let texts: Vec<String> = log.rejections().iter().map(ToString::to_string).collect();
    let quoted = format!("{}…", "x".repeat(64));
    assert_eq!(
        texts,
        [
            format!("entry 0: user_receive_time `{quoted}` is not a valid time"),
            format!("entry 1: report_status `{quoted}` is neither SUCCESS nor FAIL"),
            "entry 2: field `sid` is missing".to_owned(),
            "entry 3: field `sid` is given more than once".to_owned(),
            "entry 4: field `user_receive_time` is missing".to_owned(),
            "entry 5: expected an object, found a number".to_owned(),
        ]
    );
    assert_eq!(log.rejected_without_time(), 3);
    assert_eq!(log.stats().rejected(), 6);

    // NDJSON: a receipt or a whole callback per line; lines counted from 1,
    // blank ones included.
    let lines = format!(
        "{}\n\n{}\nnot json\n\u{ff}\n[{}]\r\n",
        receipt("n1", 1, "SUCCESS", "DELIVRD"),
        callback(&[
            receipt("n2", 1, "FAIL", "MK:0000"),
            receipt("n3", 1, "SUCCESS", "DELIVRD")
        ]),
        receipt("n1", 1, "SUCCESS", "DELIVRD"),
    );
    let mut bytes = lines.into_bytes();
    let bad = bytes.iter().position(|&b| b == 0xc3).unwrap();
    bytes[bad] = 0xff;
    let mut log = new_log();
    let read = log.read_callback_lines(bytes.as_slice()).unwrap();
    assert_eq!((read.entries(), read.rejected()), (6, 2));
    let texts: Vec<String> = log.rejections().iter().map(ToString::to_string).collect();
    assert_eq!(
        texts,
        [
            "entry 3: line 4 is not JSON: expected ident at line 1 column 2",
            "entry 4: line 5 is not UTF-8",
        ]
    );
    assert_eq!((log.stats().messages(), log.stats().duplicates()), (3, 1));
}

// Source: SPEC D22 (a line over the cap is one rejection, not an allocation
// of its size).
#[test]
fn d22_an_overlong_ndjson_line_is_one_rejection() {
    let overlong = format!(
        "{{\"sid\": \"{}\"}}",
        "x".repeat(MessageLog::MAX_LINE_BYTES)
    );
    let input = format!("{overlong}\n{}\n", receipt("s1", 1, "SUCCESS", "DELIVRD"));
    let mut log = new_log();
    let read = log.read_callback_lines(input.as_bytes()).unwrap();
    assert_eq!((read.entries(), read.rejected()), (2, 1));
    assert_eq!(
        log.rejections()[0].to_string(),
        format!(
            "entry 0: line 1 is {} bytes long, over the limit",
            overlong.len()
        )
    );
    assert_eq!(log.stats().messages(), 1);
}

// Source: SPEC D22 (an input that fails while being read adds nothing, and
// the error names the line).
#[test]
fn d22_a_failing_reader_adds_nothing() {
    struct Failing(Vec<u8>, usize);
    impl std::io::Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.1 >= self.0.len() {
                return Err(std::io::Error::other("disk gone"));
            }
            let n = buf.len().min(self.0.len() - self.1).min(7);
            buf[..n].copy_from_slice(&self.0[self.1..self.1 + n]);
            self.1 += n;
            Ok(n)
        }
    }
    let input = format!(
        "{}\n{}",
        receipt("s1", 1, "SUCCESS", "DELIVRD"),
        receipt("s2", 1, "SUCCESS", "DELIVRD")
    );
    let mut log = new_log();
    let err = log
        .read_callback_lines(std::io::BufReader::new(Failing(input.into_bytes(), 0)))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "tencent callback input could not be read at line 2"
    );
    assert_eq!(
        std::error::Error::source(&err).unwrap().to_string(),
        "disk gone"
    );
    assert_eq!(log.stats(), LogStats::default());
}

// Source: SPEC D19 (logs merge exactly; codes merge by name; logs with
// other tables refuse to merge).
#[test]
fn d19_logs_merge_and_refuse_other_tables() {
    let mut left = new_log();
    left.read_callback(&callback(&[
        receipt("s1", 1, "FAIL", "ZZ:1"),
        receipt("s2", 1, "FAIL", "ZZ:2"),
    ]))
    .unwrap();
    let mut right = new_log();
    right
        .read_callback(&callback(&[
            receipt("s3", 1, "FAIL", "ZZ:2"),
            receipt("s1", 5, "FAIL", "ZZ:2"),
        ]))
        .unwrap();
    let mut all = new_log();
    all.read_callback(&callback(&[
        receipt("s1", 1, "FAIL", "ZZ:1"),
        receipt("s2", 1, "FAIL", "ZZ:2"),
        receipt("s3", 1, "FAIL", "ZZ:2"),
        receipt("s1", 5, "FAIL", "ZZ:2"),
    ]))
    .unwrap();
    left.merge(&right).unwrap();
    assert_eq!(left.stats(), all.stats());
    assert_eq!(april(&left), april(&all));
    let other = MessageLog::new(CodeTable::empty());
    assert_eq!(
        left.merge(&other),
        Err(Error::Tencent(TencentError::LogTablesDiffer))
    );
    assert_eq!(
        Error::Tencent(TencentError::LogTablesDiffer).to_string(),
        "message logs with different code tables cannot be merged"
    );
}

// Source: SPEC D20, D21: a serial number refused twice with different codes
// keeps the greatest code by its text, whichever response is read first
// (code ids, which follow reading order, do not decide).
#[test]
fn d20_a_serial_refused_twice_keeps_the_greatest_code_in_any_order() {
    let first = send_sms(&[("s1", "InternalError.Timeout")]);
    let second = send_sms(&[("s1", "InternalEiror.Timeout")]);
    let read = |documents: [&str; 2]| {
        let mut log = new_log();
        for document in documents {
            log.read_send_sms(document, requested()).unwrap();
        }
        let records: Vec<String> = log
            .records()
            .map(|r| format!("{:?}", r.outcome()))
            .collect();
        records
    };
    let forward = read([&first, &second]);
    assert_eq!(forward, read([&second, &first]));
    // "InternalError…" sorts after "InternalEiror…".
    assert_eq!(forward, ["Failed(ProviderSide)"]);
}

/// What a log tells about itself: its table, its size on the heap, its
/// debug text, its records' exact length, its twenty rejection samples.
#[test]
fn a_log_describes_itself() {
    let mut log = new_log();
    assert_eq!(log.table(), &CodeTable::tencent_default());
    assert_eq!(
        format!("{log:?}"),
        format!(
            "MessageLog {{ stats: {:?}, codes: 0, .. }}",
            LogStats::default()
        )
    );
    let empty = log.heap_bytes();
    log.read_callback(&callback(&[receipt("s1", 1, "FAIL", "MK:0001")]))
        .unwrap();
    let one = log.heap_bytes();
    assert!(one > empty, "{one} {empty}");
    // A second, conflicting statement about the same message allocates its
    // list (the delivery has no code to add).
    log.read_callback(&callback(&[receipt("s1", 2, "SUCCESS", "DELIVRD")]))
        .unwrap();
    let conflicting = log.heap_bytes();
    assert!(conflicting >= one + 24, "{conflicting} {one}");
    assert!(format!("{log:?}").ends_with("codes: 1, .. }"), "{log:?}");
    // The codes' text counts twice (the list and the index): the same
    // message with a code nine bytes longer holds 18 bytes more.
    let with_code = |code: &str| {
        let mut log = new_log();
        log.read_callback(&callback(&[receipt("s1", 1, "FAIL", code)]))
            .unwrap();
        log.heap_bytes()
    };
    assert_eq!(with_code("MK:0001XXXXXXXXX") - with_code("MK:0001"), 18);
    // A serial number's text is held once, exactly.
    let with_serial = |serial: &str| {
        let mut log = new_log();
        log.read_callback(&callback(&[receipt(serial, 1, "SUCCESS", "DELIVRD")]))
            .unwrap();
        log.heap_bytes()
    };
    assert!(with_serial(&"s".repeat(1000)) >= with_serial("s") + 900);

    {
        let mut records = log.records();
        assert_eq!(records.size_hint(), (1, Some(1)));
        records.next();
        assert_eq!((records.len(), records.size_hint()), (0, (0, Some(0))));
    }

    let bad: Vec<String> = (0..25).map(|i| format!(r#"{{"sid": "b{i}"}}"#)).collect();
    log.read_callback(&callback(&bad)).unwrap();
    assert_eq!(log.rejections().len(), sms_sla::traffic::REJECTION_SAMPLES);
    assert_eq!(log.stats().rejected(), 25);
}
