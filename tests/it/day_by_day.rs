//! Day by day (D27): a message log's stored form, read back exactly and
//! checked part by part; an assessor that counts one log; sealed months.

use crate::util::Setup;
use chrono::{TimeZone, Utc};
use rust_decimal::Decimal;
use sms_sla::assess::{Assessor, MonthlyFees};
use sms_sla::calendar::ChinaMainland;
use sms_sla::error::{TencentError, TrafficError};
use sms_sla::tencent::{CodeClass, CodeTable, MessageLog};
use sms_sla::traffic::{AccountKind, Announcements, Exemption, InvalidReason};
use sms_sla::{Error, Money, MonthlyServiceFee, SlaPolicy, SlaZone, Term};

fn term() -> Term {
    "2025-04-01+2".parse().unwrap()
}

/// The assessment of `assessor` with the same fee, in yuan, every month, at
/// 0.045 CNY a message, as of 1 July 2025.
fn assess(assessor: &Assessor, fee: Decimal) -> sms_sla::assess::Assessment {
    let fee = MonthlyServiceFee::new(Money::new(fee, "CNY").unwrap());
    let fees: MonthlyFees = term()
        .service_months()
        .map(|month| (month, fee.clone()))
        .collect();
    let price = Money::new(Decimal::new(45, 3), "CNY").unwrap();
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
    assessor
        .finish(&fees, &price, &ChinaMainland::new(), as_of)
        .unwrap()
}

/// A log of every kind of message: accepted and delivered, refused without
/// a serial number, failed with an unclassified code, known from a receipt
/// alone with a later status, and a rejected entry naming a message.
fn log() -> MessageLog {
    let mut log = MessageLog::new(CodeTable::tencent_default());
    let at = Utc.with_ymd_and_hms(2025, 4, 2, 0, 3, 0).unwrap();
    log.read_send_sms(
        r#"{"Response": {"SendStatusSet": [
            {"SerialNo": "s1", "Code": "Ok"},
            {"SerialNo": "", "Code": "InternalError.Timeout"},
            {"SerialNo": "s2", "Code": "Ok"}
        ], "RequestId": "r1"}}"#,
        at,
    )
    .unwrap();
    log.read_callback(
        r#"[{"user_receive_time": "2025-04-02 08:03:09", "report_status": "SUCCESS", "errmsg": "DELIVRD", "sid": "s1"},
            {"user_receive_time": "2025-04-02 08:04:00", "report_status": "FAIL", "errmsg": "REJECTD", "sid": "s2"},
            {"user_receive_time": "2025-05-01 00:00:01", "report_status": "FAIL", "errmsg": "MK:0001", "sid": "s3"},
            {"user_receive_time": "2025-05-01 00:00:02", "report_status": "LOST", "sid": "s2"}]"#,
    )
    .unwrap();
    log
}

fn stored(log: &MessageLog) -> String {
    serde_json::to_string(log).unwrap()
}

fn read_error(text: &str) -> String {
    serde_json::from_str::<MessageLog>(text)
        .unwrap_err()
        .to_string()
}

// Source: SPEC D27 (a log's stored form reads back as the same log).
#[test]
fn d27_a_stored_log_reads_back_as_itself() {
    let log = log();
    let text = stored(&log);
    assert!(
        text.starts_with(r#"{"format":2,"table":{"exact":[["-106","exempt:4.8"],"#),
        "{text}"
    );
    // Each message as its entries, a few integers each; codes once.
    assert!(
        text.contains(r#""codes":["InternalError.Timeout","REJECTD","MK:0001"]"#),
        "{text}"
    );
    assert!(
        text.contains(r#"["s1",[[0,1743552180,1],[2,1743552189,1]]]"#),
        "{text}"
    );
    assert!(
        text.contains(r#""refused":[["r1",null,1,[[1,1743552180,1,0]]]]"#),
        "{text}"
    );
    let back: MessageLog = serde_json::from_str(&text).unwrap();
    assert_eq!(stored(&back), text);
    assert_eq!(back.stats(), log.stats());
    assert_eq!(
        back.rejected_at().collect::<Vec<_>>(),
        log.rejected_at().collect::<Vec<_>>()
    );
    // A rejection's words stay; its typed reason stays with the process
    // that read it.
    assert_eq!(
        back.rejections()[0].to_string(),
        log.rejections()[0].to_string()
    );
    // A custom table is kept with the log.
    let table = CodeTable::empty()
        .with("REJECTD", CodeClass::Exempt(Exemption::RegulatorControl))
        .with_prefix("MK:", CodeClass::InvalidNumber(InvalidReason::NonExistent));
    let mut custom = MessageLog::new(table.clone());
    custom.read_callback(r#"[{"user_receive_time": "2025-04-02 08:04:00", "report_status": "FAIL", "errmsg": "REJECTD", "sid": "s2"}]"#).unwrap();
    let back: MessageLog = serde_json::from_str(&stored(&custom)).unwrap();
    assert_eq!(back.table(), &table);
}

// Source: SPEC D27 (a state that is not one this library wrote is refused,
// naming what is wrong, never read into other counts).
#[test]
fn d27_a_changed_stored_log_is_refused_naming_what_is_wrong() {
    let text = stored(&log());
    let changed = |from: &str, to: &str| {
        assert!(text.contains(from), "{from} not in {text}");
        read_error(&text.replacen(from, to, 1))
    };
    assert_eq!(
        changed(r#""format":2"#, r#""format":9"#),
        "stored form is in format 9; this version reads formats 1 to 2 at line 1 column 11"
    );
    assert!(
        changed(
            r#"["s1",[[0,1743552180,1],[2,1743552189,1]]]"#,
            r#"["s1",[[0,1743552180,1],[2,1743552189,1],[2,1743552190,1]]]"#
        )
        .starts_with(
            "invalid stored message log: s1: its entries are not those its evidence gives back"
        ),
    );
    assert!(
        changed(
            r#"["s1",[[0,1743552180,1],[2,1743552189,1]]]"#,
            r#"["s1",[[0,1743552180,1],[2,1743552189,0]]]"#
        )
        .starts_with(
            "invalid stored message log: s1: its entries are not those its evidence gives back"
        ),
    );
    assert!(
        changed("[0,1743552180,1],[2", "[9,1743552180,1],[2")
            .starts_with("invalid stored message log: s1: 9 is not an entry kind"),
    );
    assert!(
        changed(r#""refused":[["r1",null,1,[[1,1743552180,1,0]]]]"#, r#""refused":[["r1",null,1,[[1,1743552180,1,7]]]]"#)
            .starts_with("invalid stored message log: refused submission #1: code id 7 is not one of the log's codes"),
    );
    assert!(
        changed(
            r#""refused":[["r1",null,1,[[1,1743552180,1,0]]]]"#,
            r#""refused":[["r1",null,1,[[0,1743552180,1,0]]]]"#
        )
        .starts_with(
            "invalid stored message log: refused submission #1: a accepted entry with code id 0"
        ),
    );
    assert!(
        changed(r#""refused":[["r1",null,1,"#, r#""refused":[[null,null,1,"#)
            .starts_with("invalid stored message log: refused submission #1 has not exactly one of a request id and a request instant"),
    );
    assert!(
        changed(
            r#""codes":["InternalError.Timeout""#,
            r#""codes":[" InternalError.Timeout""#
        )
        .starts_with(
            "invalid stored message log: code ` InternalError.Timeout` is not one the readers keep"
        ),
    );
    assert!(
        changed(
            r#""codes":["InternalError.Timeout","REJECTD""#,
            r#""codes":["REJECTD","REJECTD""#
        )
        .starts_with("invalid stored message log: a code is given twice"),
    );
    assert!(changed(r#""rejected":1,"#, r#""rejected":0,"#).starts_with(
        "invalid stored message log: 1 rejected entries are placed but 0 were rejected"
    ),);
    assert!(
        changed("[0,1743552180,1],[2", "[0,99999999999,1],[2").starts_with(
            "invalid stored message log: 99999999999 s + 0 ns is not an instant the readers read"
        ),
    );
    assert!(changed("[0,1743552180,1],[2", "[0,1743552180],[2").starts_with("invalid length 2"));
    let twice = text.replacen(
        r#"["s1",[[0,1743552180,1],[2,1743552189,1]]]"#,
        r#"["s1",[[0,1743552180,1],[2,1743552189,1]]],["s1",[[0,1743552180,1],[2,1743552189,1]]]"#,
        1,
    );
    assert!(
        read_error(&twice)
            .starts_with("invalid stored message log: serial number `s1` is given twice")
    );
}

// Source: SPEC D27 (two logs may hold the same message: an assessor counts
// one, and two that each count one do not merge).
#[test]
fn d27_an_assessor_counts_one_log() {
    let policy = SlaPolicy::tencent_sms();
    let new =
        || Assessor::new(&policy, term(), AccountKind::Ordinary, Announcements::new()).unwrap();
    let log = log();
    let mut first = new();
    first.add_log(&log).unwrap();
    assert_eq!(
        first.add_log(&log),
        Err(Error::Traffic(TrafficError::LogCountedTwice))
    );
    let mut second = new();
    second.add_log(&log).unwrap();
    assert_eq!(
        first.merge(&second),
        Err(Error::Traffic(TrafficError::LogCountedTwice))
    );
    // An assessor of records merges with one that counts a log.
    let mut records = new();
    records.merge(&first).unwrap();
    assert_eq!(records.ledger().total(), first.ledger().total());
    assert_eq!(
        records.add_log(&log),
        Err(Error::Traffic(TrafficError::LogCountedTwice))
    );
    // Stored and read back, it still counts its log.
    let mut back: Assessor = serde_json::from_str(&serde_json::to_string(&first).unwrap()).unwrap();
    assert_eq!(
        back.add_log(&log),
        Err(Error::Traffic(TrafficError::LogCountedTwice))
    );
}

// Source: SPEC D27 (sealing: the state is bounded by the open months; a
// sealed month keeps its figures; misuse is a typed error).
#[test]
fn d27_a_sealed_month_keeps_its_figures_and_refuses_misuse() {
    let [april, may] = <[_; 2]>::try_from(term().service_months().collect::<Vec<_>>()).unwrap();
    let cst = SlaZone::CHINA_STANDARD_TIME;
    let open = log();
    let mut sealed = open.clone();
    // s1, s2 and the refusal are April's; s3 (known from its receipt) May's.
    assert_eq!(sealed.seal(april, cst), Ok(3));
    assert_eq!(sealed.seal(april, cst), Ok(0));
    assert_eq!(sealed.stats(), open.stats());
    assert_eq!(
        sealed.rejected_at().collect::<Vec<_>>(),
        open.rejected_at().collect::<Vec<_>>()
    );
    let utc = SlaZone::new(chrono::FixedOffset::east_opt(0).unwrap());
    let err = sealed.clone().seal(may, utc).unwrap_err();
    assert_eq!(
        err.to_string(),
        "a log sealed in the sla zone UTC+08:00 cannot be sealed or assessed in the sla zone UTC+00:00"
    );
    let overlapping: sms_sla::ServiceMonth = "2025-04-15 to 2025-04-30".parse().unwrap();
    assert_eq!(
        sealed
            .clone()
            .seal(overlapping, cst)
            .unwrap_err()
            .to_string(),
        "service month 2025-04-15 to 2025-04-30 overlaps service month 2025-04-01 to 2025-04-30, sealed already"
    );
    let mut other = MessageLog::new(CodeTable::tencent_default());
    assert_eq!(
        other.merge(&sealed),
        Err(Error::Tencent(TencentError::MergeSealed))
    );
    assert_eq!(
        Error::Tencent(TencentError::MergeSealed).to_string(),
        "a message log with sealed months cannot be merged into another: read the other's documents into it instead"
    );
    // Assessed under another zone, or over a term without the month.
    let mut assessor = Setup::new().with_zone(utc).assessor(term());
    assert!(matches!(
        assessor.add_log(&sealed),
        Err(Error::Tencent(TencentError::SealZoneDiffers { .. }))
    ));
    let june: Term = "2025-06-01+1".parse().unwrap();
    let mut assessor = Setup::new().assessor(june);
    assert_eq!(
        assessor.add_log(&sealed).unwrap_err().to_string(),
        "the message log sealed service month 2025-04-01 to 2025-04-30, which is not one of the term 2025-06-01 to 2025-06-30"
    );
    // A receipt for s1 after April was sealed is late, in April's bounds.
    sealed
        .read_callback(r#"[{"user_receive_time": "2025-04-02 08:05:00", "report_status": "FAIL", "errmsg": "MK:0000", "sid": "s1"}]"#)
        .unwrap();
    assert_eq!(
        (sealed.stats().late(), sealed.stats().messages()),
        (1, open.stats().messages())
    );
    assert_eq!(sealed.late().collect::<Vec<_>>(), [(april, 1),]);
    assert!(
        sealed.stats().to_string().ends_with(", 1 late"),
        "{}",
        sealed.stats()
    );
    let stored: MessageLog =
        serde_json::from_str(&serde_json::to_string(&sealed).unwrap()).unwrap();
    assert_eq!(stored.late().collect::<Vec<_>>(), [(april, 1)]);
}

// Source: SPEC D27 (a sealed month holds a key per day and class, plus one
// per distinct instant of the failures an announcement could exempt).
#[test]
fn d27_a_sealed_month_is_bounded_by_its_days_not_its_messages() {
    let mut log = MessageLog::new(CodeTable::tencent_default());
    let receipts: Vec<String> = (0..2_000)
        .map(|i| {
            let (status, code) = if i % 100 == 0 { ("FAIL", "MK:0000") } else { ("SUCCESS", "DELIVRD") };
            format!(
                r#"{{"user_receive_time": "2025-04-{:02} 08:{:02}:{:02}", "report_status": "{status}", "errmsg": "{code}", "sid": "s{i}"}}"#,
                1 + i % 10,
                (i / 60) % 60,
                i % 60
            )
        })
        .collect();
    log.read_callback(&format!("[{}]", receipts.join(",")))
        .unwrap();
    let open = log.heap_bytes();
    let april = term().service_months().next().unwrap();
    assert_eq!(log.seal(april, SlaZone::CHINA_STANDARD_TIME), Ok(2_000));
    let text = serde_json::to_string(&log).unwrap();
    // Ten days of deliveries, one key each; 20 failures at their instants.
    // (Day 1 has the 20 failures, at their instants.)
    assert_eq!(
        text.matches("],200]").count() + text.matches("],180]").count(),
        10,
        "{text}"
    );
    assert_eq!(text.matches(",1,0],1]").count(), 20, "{text}");
    assert!(
        log.heap_bytes() * 5 < open,
        "{} of {open}",
        log.heap_bytes()
    );
    // Twice the deliveries on the same days: twice the messages while
    // open, the same keys once sealed, so the same bytes.
    let mut twice = MessageLog::new(CodeTable::tencent_default());
    let more = (2_000..4_000).map(|i| {
        format!(
            r#"{{"user_receive_time": "2025-04-{:02} 09:00:00", "report_status": "SUCCESS", "errmsg": "DELIVRD", "sid": "s{i}"}}"#,
            1 + i % 10
        )
    });
    let all: Vec<String> = receipts.iter().cloned().chain(more).collect();
    twice
        .read_callback(&format!("[{}]", all.join(",")))
        .unwrap();
    assert!(
        twice.heap_bytes() > open * 3 / 2,
        "{} of {open}",
        twice.heap_bytes()
    );
    assert_eq!(twice.seal(april, SlaZone::CHINA_STANDARD_TIME), Ok(4_000));
    assert_eq!(twice.heap_bytes(), log.heap_bytes());
    // What it holds is its 30 keys, each an instant, a kind, a code and a
    // count: at least 40 bytes each.
    assert!(log.heap_bytes() >= 30 * 40, "{}", log.heap_bytes());
    assert!(text.len() < 7_000, "{}", text.len());
    assert_eq!(log.records().len(), 2_000);
}

// Source: SPEC D27 (a late entry is counted for its month and widens its
// bounds like a rejected entry), D18 (every entry accounted for).
#[test]
fn d27_a_late_entry_is_in_its_month_s_bounds_and_the_table() {
    // 19 messages in April, 18 delivered and one failed: 94.74%, the 10%
    // tier. One late entry could have been the delivery that overrides the
    // failure (100%, nothing owed) or a second failure (89.47%, 30%).
    let mut log = MessageLog::new(CodeTable::tencent_default());
    let receipts: Vec<String> = (0..19)
        .map(|i| {
            let (status, code) = if i == 0 { ("FAIL", "MK:0000") } else { ("SUCCESS", "DELIVRD") };
            format!(r#"{{"user_receive_time": "2025-04-02 08:00:{i:02}", "report_status": "{status}", "errmsg": "{code}", "sid": "s{i}"}}"#)
        })
        .collect();
    log.read_callback(&format!("[{}]", receipts.join(",")))
        .unwrap();
    let [april, _] = <[_; 2]>::try_from(term().service_months().collect::<Vec<_>>()).unwrap();
    log.seal(april, SlaZone::CHINA_STANDARD_TIME).unwrap();
    log.read_callback(r#"[{"user_receive_time": "2025-04-02 08:00:30", "report_status": "FAIL", "errmsg": "MK:0000", "sid": "s1"}]"#)
        .unwrap();
    let mut assessor = Setup::new().assessor(term());
    assessor.add_log(&log).unwrap();
    let assessment = assess(&assessor, Decimal::new(100, 0));
    let month = &assessment.months()[0];
    assert_eq!(
        (month.late(), month.rejected(), assessment.late()),
        (1, 0, 1)
    );
    assert_eq!(month.availability().apparent_failures(), 1);
    assert_eq!(
        month.verdict_bounds().to_string(),
        "depends on rejected input: rate 0 if delivered, 0.3 if failed"
    );
    assert_eq!(assessment.entries(), 20);
    let table = assessment.to_table();
    assert!(
        table.contains("entries rejected 0 (0 in no service month); entries late 1 (1 in 2025-04-01 to 2025-04-30); entries in all 20"),
        "{table}"
    );
    let json = serde_json::to_value(&assessment).unwrap();
    assert_eq!(json["months"][0]["late"], 1);
    assert!(json["months"][1].get("late").is_none());
}

// Source: SPEC D27 (a stored log is checked part by part): a refusal known
// by its request instant, the samples and the sealed months.
#[test]
fn d27_every_part_of_a_stored_log_is_checked() {
    let at = Utc.with_ymd_and_hms(2025, 4, 2, 0, 3, 0).unwrap();
    let mut log = MessageLog::new(CodeTable::tencent_default());
    // No RequestId: the refusal is known by the request instant.
    log.read_send_sms(
        r#"{"Response": {"SendStatusSet": [{"SerialNo": "", "Code": "InternalError.Timeout"}]}}"#,
        at,
    )
    .unwrap();
    log.read_callback(r#"[{"sid": "s9"}]"#).unwrap();
    let text = stored(&log);
    assert!(
        text.contains(r#""refused":[[null,"2025-04-02T00:03:00Z",0,[[1,1743552180,1,0]]]]"#),
        "{text}"
    );
    let back: MessageLog = serde_json::from_str(&text).unwrap();
    assert_eq!(stored(&back), text);
    assert_eq!(back.stats(), log.stats());
    let changed = |from: &str, to: &str| {
        assert!(text.contains(from), "{from} not in {text}");
        read_error(&text.replacen(from, to, 1))
    };
    assert!(changed(r#"[[null,"2025-04-02T00:03:00Z""#, r#"[["","2025-04-02T00:03:00Z""#)
        .starts_with("invalid stored message log: refused submission #0 has not exactly one of a request id and a request instant"));
    assert!(changed(r#"[[null,"2025-04-02T00:03:00Z""#, r#"[["",null"#)
        .starts_with("invalid stored message log: refused submission #0 has not exactly one of a request id and a request instant"));
    let sample = r#"[0,"field `user_receive_time` is missing"]"#;
    let many = [sample; 21].join(",");
    assert!(changed(&format!(r#""samples":[{sample}]"#), &format!(r#""samples":[{many}]"#))
        .starts_with("invalid stored message log: 21 rejection samples for 1 rejected entries (at most 20 are kept)"));
    let two = [sample; 2].join(",");
    assert!(changed(&format!(r#""samples":[{sample}]"#), &format!(r#""samples":[{two}]"#))
        .starts_with("invalid stored message log: 2 rejection samples for 1 rejected entries (at most 20 are kept)"));

    // Sealed months.
    let mut sealed = log.clone();
    let april = term().service_months().next().unwrap();
    sealed.seal(april, SlaZone::CHINA_STANDARD_TIME).unwrap();
    let text = stored(&sealed);
    let entry = "[[1,1743552180,1,0],1]";
    assert!(text.contains(entry), "{text}");
    let changed = |from: &str, to: &str| {
        assert!(text.contains(from), "{from} not in {text}");
        read_error(&text.replacen(from, to, 1))
    };
    assert!(changed(entry, "[[1,1743552180,2,0],1]").starts_with(
        "invalid stored message log: sealed service month 2025-04-01 to 2025-04-30: an entry at 2025-04-02 00:03:00 UTC with a count of 2 is not one of its messages"
    ));
    assert!(changed(entry, "[[1,1748736180,1,0],1]").starts_with(
        "invalid stored message log: sealed service month 2025-04-01 to 2025-04-30: an entry at 2025-06-01 00:03:00 UTC with a count of 1 is not one of its messages"
    ));
    assert!(
        changed(entry, "[[1,1743552180,1,0],0]")
            .starts_with("invalid stored message log: sealed messages with a count of 0")
    );
    assert!(changed(entry, "[[1,1743552180,1,0],1],[[1,1743552180,1,0],1]")
        .starts_with("invalid stored message log: sealed service month 2025-04-01 to 2025-04-30: an entry is given twice"));
    assert!(changed(r#""stats":{"messages":1,"#, r#""stats":{"messages":2,"#).starts_with(
        "invalid stored message log: sealed service month 2025-04-01 to 2025-04-30 counts 2 messages but holds 1"
    ));
    assert!(changed(r#""rejected":0}"#, r#""rejected":0,"late":3}"#).starts_with(
        "invalid stored message log: sealed service month 2025-04-01 to 2025-04-30 counts 1 messages but holds 1"
    ));
    assert!(changed(r#"},"late":0}]}"#, r#"},"late":0},{"month":{"first_day":"2025-04-01","last_day":"2025-04-30"},"messages":[],"stats":{"messages":0,"sends":0,"receipts":0,"matched":0,"duplicates":0,"conflicts":0,"unreceipted":0,"unmatched":0,"rejected":0},"late":0}]}"#)
        .starts_with("invalid stored message log: service month 2025-04-01 to 2025-04-30 is sealed twice"));
}

// Source: SPEC D22 (the first 20 rejections are kept as samples), D27.
#[test]
fn d27_a_stored_log_keeps_twenty_samples_and_no_more() {
    let mut log = MessageLog::new(CodeTable::tencent_default());
    let entries = vec![r#"{"sid": "s1"}"#; 25].join(",");
    log.read_callback(&format!("[{entries}]")).unwrap();
    assert_eq!((log.stats().rejected(), log.rejections().len()), (25, 20));
    let text = stored(&log);
    let back: MessageLog = serde_json::from_str(&text).unwrap();
    assert_eq!(back.rejections().len(), 20);
    let sample = r#"[24,"field `user_receive_time` is missing"]"#;
    let more = text.replacen(r#""samples":["#, &format!(r#""samples":[{sample},"#), 1);
    assert!(read_error(&more).starts_with(
        "invalid stored message log: 21 rejection samples for 25 rejected entries (at most 20 are kept)"
    ));
}

// Source: SPEC D27 (the stored log holds its code table): every class has
// a name that reads back, and a table reads back as itself.
#[test]
fn d27_code_classes_and_tables_read_back() {
    let mut classes = vec![
        CodeClass::Delivered,
        CodeClass::Submitted,
        CodeClass::ProviderSide,
    ];
    classes.extend(InvalidReason::ALL.map(CodeClass::InvalidNumber));
    classes.extend(Exemption::ALL.map(CodeClass::Exempt));
    for class in classes {
        assert_eq!(
            class.name().parse::<CodeClass>(),
            Ok(class),
            "{}",
            class.name()
        );
    }
    assert_eq!(CodeClass::ProviderSide.name(), "provider_side");
    assert_eq!(CodeClass::Submitted.name(), "submitted");
    assert_eq!(CodeClass::Delivered.name(), "delivered");
    assert_eq!(
        CodeClass::InvalidNumber(InvalidReason::PoweredOff).name(),
        "invalid:powered_off"
    );
    for text in [
        "",
        "exempt:4.99",
        "invalid:lost",
        "other:4.1",
        "delivered:x",
    ] {
        assert_eq!(
            text.parse::<CodeClass>().unwrap_err().to_string(),
            format!("`{text}` is not a code class")
        );
    }
    let table = CodeTable::tencent_default();
    let text = serde_json::to_string(&table).unwrap();
    let back: CodeTable = serde_json::from_str(&text).unwrap();
    assert_eq!(back, table);
    assert_eq!(serde_json::to_string(&back).unwrap(), text);
    let twice = r#"{"exact": [["Ok", "submitted"], ["Ok", "delivered"]], "prefixes": []}"#;
    assert!(
        serde_json::from_str::<CodeTable>(twice)
            .unwrap_err()
            .to_string()
            .starts_with("code `Ok` is given twice")
    );
    let twice = r#"{"exact": [], "prefixes": [["MK:", "provider_side"], ["MK:", "delivered"]]}"#;
    assert!(
        serde_json::from_str::<CodeTable>(twice)
            .unwrap_err()
            .to_string()
            .starts_with("prefix `MK:` is given twice")
    );
    let unknown = r#"{"exact": [["Ok", "sent"]], "prefixes": []}"#;
    assert!(
        serde_json::from_str::<CodeTable>(unknown)
            .unwrap_err()
            .to_string()
            .starts_with("`sent` is not a code class")
    );
}

// Source: SPEC D27 (an announcement made during the term applies to the
// messages already read): announcements add up in any order.
#[test]
fn d27_announcements_made_on_different_days_add_up() {
    use sms_sla::traffic::Window;
    let at = |h| Utc.with_ymd_and_hms(2025, 4, 2, h, 0, 0).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2025, 4, 9).unwrap();
    let monday = Announcements::new().with_maintenance(Window::new(at(1), at(2)).unwrap());
    let tuesday = Announcements::new()
        .with_event(Window::new(at(3), at(4)).unwrap())
        .with_surge_notice(day);
    let known = monday.clone().with_all(&tuesday);
    assert_eq!(known, tuesday.clone().with_all(&monday));
    assert_eq!(known.clone().with_all(&monday), known);
    assert_eq!(
        known.maintenance().collect::<Vec<_>>(),
        monday.maintenance().collect::<Vec<_>>()
    );
    assert_eq!(
        known.events().collect::<Vec<_>>(),
        tuesday.events().collect::<Vec<_>>()
    );
    assert!(known.has_surge_notice(day));
}

// Source: SPEC D22 (the first 20 rejection reasons are kept), D27 (a stored
// form is checked): a stored assessor keeps twenty samples and no more.
#[test]
fn d27_a_stored_assessor_keeps_twenty_samples_and_no_more() {
    let mut assessor = Setup::new().assessor(term());
    for i in 0..25 {
        assessor.reject(format!("entry {i}: not an object"));
    }
    let text = serde_json::to_string(&assessor).unwrap();
    let back: Assessor = serde_json::from_str(&text).unwrap();
    assert_eq!(back.rejected(), 25);
    let more = text.replacen(
        r#""rejection_samples":["#,
        r#""rejection_samples":["entry 25: not an object","#,
        1,
    );
    assert!(
        serde_json::from_str::<Assessor>(&more)
            .unwrap_err()
            .to_string()
            .starts_with("invalid stored assessor: 21 rejection samples kept, more than 20"),
    );
    // Late entries by month: one count per Service Month, and a form
    // written before they were kept reads as none.
    let short = text.replacen(r#""late_by_month":[0,0]"#, r#""late_by_month":[0]"#, 1);
    assert!(
        serde_json::from_str::<Assessor>(&short)
            .unwrap_err()
            .to_string()
            .starts_with("invalid stored assessor: monthly late counts: 1 given, 2 expected (one per service month)"),
    );
    let earlier = text.replacen(r#""late_by_month":[0,0],"#, "", 1);
    assert_ne!(earlier, text);
    let back: Assessor = serde_json::from_str(&earlier).unwrap();
    assert_eq!(serde_json::to_string(&back).unwrap(), text);
}

// Source: SPEC D27: a sealed month keeps each deciding entry by instant,
// kind and code: a refusal and a failure receipt with the same code on the
// same day stay two entries, and a month with rejected and late entries
// says both.
#[test]
fn d27_a_sealed_month_keeps_kinds_apart() {
    let mut log = MessageLog::new(CodeTable::tencent_default());
    let at = Utc.with_ymd_and_hms(2025, 4, 2, 0, 3, 0).unwrap();
    log.read_send_sms(
        r#"{"Response": {"SendStatusSet": [{"SerialNo": "", "Code": "InvalidParameterValue.IncorrectPhoneNumber"}, {"SerialNo": "s1", "Code": "Ok"}], "RequestId": "r1"}}"#,
        at,
    )
    .unwrap();
    log.read_callback(r#"[{"user_receive_time": "2025-04-02 09:00:00", "report_status": "FAIL", "errmsg": "InvalidParameterValue.IncorrectPhoneNumber", "sid": "s1"},
                          {"user_receive_time": "2025-04-02 09:00:00", "report_status": "LOST", "sid": "s1"}]"#)
        .unwrap();
    let april = term().service_months().next().unwrap();
    log.seal(april, SlaZone::CHINA_STANDARD_TIME).unwrap();
    let text = stored(&log);
    // The day's first instant, 2025-04-01 16:00 UTC: a refusal (kind 1)
    // and a failure (kind 3), code 0 each.
    assert!(
        text.contains(r#""messages":[[[1,1743523200,1,0],1],[[3,1743523200,1,0],1]]"#),
        "{text}"
    );
    log.read_callback(r#"[{"user_receive_time": "2025-04-02 09:30:00", "report_status": "SUCCESS", "sid": "s1"}]"#)
        .unwrap();
    let mut assessor = Setup::new().assessor(term());
    assessor.add_log(&log).unwrap();
    let assessment = assess(&assessor, Decimal::ONE);
    let table = assessment.to_table();
    assert!(
        table.contains("entries rejected 1 (1 in 2025-04-01 to 2025-04-30); entries late 1 (1 in 2025-04-01 to 2025-04-30); entries in all 4"),
        "{table}"
    );
}

// Source: SPEC D22 (a rejected entry belongs to the month of the message it
// names), D27: sealing a month leaves the rejected entries of messages
// outside it with their messages, wherever those are placed later.
#[test]
fn d27_sealing_leaves_other_months_rejections_with_their_messages() {
    let mut log = MessageLog::new(CodeTable::tencent_default());
    // s1 known from a receipt of 31 May (Beijing), and a garbled one.
    log.read_callback(r#"[{"user_receive_time": "2025-05-31 12:00:00", "report_status": "SUCCESS", "sid": "s1"},
                          {"user_receive_time": "2025-05-31 12:00:01", "report_status": "LOST", "sid": "s1"}]"#)
        .unwrap();
    let april = term().service_months().next().unwrap();
    log.seal(april, SlaZone::CHINA_STANDARD_TIME).unwrap();
    // Its send, read later, places it on 1 June (D21).
    let june = Utc.with_ymd_and_hms(2025, 6, 1, 1, 0, 0).unwrap();
    log.read_send_sms(
        r#"{"Response": {"SendStatusSet": [{"SerialNo": "s1", "Code": "Ok"}], "RequestId": "r1"}}"#,
        june,
    )
    .unwrap();
    assert_eq!(log.rejected_at().collect::<Vec<_>>(), [(june, 1)]);
}
