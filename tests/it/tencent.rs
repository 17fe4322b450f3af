//! Tencent adapters: the code table, the one normalisation of an entry,
//! malformed entries, and the formats agreeing with each other.

#![cfg(feature = "tencent")]
#![allow(clippy::too_many_lines, reason = "the tables of cases are long")]

use crate::util::assert_rule;
use chrono::{DateTime, TimeZone, Utc};
use sms_sla::tencent::{
    CodeClass, CodeTable, FileKind, MessageKey, MessageLog, NO_CODE, RawEntry, RejectReason,
    Request, Source,
};
use sms_sla::traffic::{Exemption, InvalidReason, Tally};

fn table() -> CodeTable {
    CodeTable::tencent_default()
}

/// Source: the project's reference notes on Tencent's codes: every documented code and its class.
#[test]
fn every_documented_code_maps_to_its_class() {
    use CodeClass::{Delivered, Exempt, InvalidNumber, ProviderSide, Submitted};
    use Exemption::{DocumentationNotFollowed, PlatformControl, RegulatorControl, UserFault};
    use InvalidReason::{Blocklisted, NonExistent, OutOfCoverage, PoweredOff, Suspended};
    let table = table();
    let cases: &[(&str, Option<CodeClass>)] = &[
        ("Ok", Some(Submitted)),
        (
            "FailedOperation.PhoneNumberInBlacklist",
            Some(InvalidNumber(Blocklisted)),
        ),
        (
            "InvalidParameterValue.IncorrectPhoneNumber",
            Some(InvalidNumber(NonExistent)),
        ),
        (
            "FailedOperation.PhoneNumberParseFail",
            Some(InvalidNumber(NonExistent)),
        ),
        (
            "LimitExceeded.PhoneNumberDailyLimit",
            Some(Exempt(PlatformControl)),
        ),
        (
            "LimitExceeded.PhoneNumberOneHourLimit",
            Some(Exempt(PlatformControl)),
        ),
        (
            "LimitExceeded.PhoneNumberThirtySecondLimit",
            Some(Exempt(PlatformControl)),
        ),
        (
            "LimitExceeded.PhoneNumberSameContentDailyLimit",
            Some(Exempt(PlatformControl)),
        ),
        (
            "LimitExceeded.DeliveryFrequencyLimit",
            Some(Exempt(PlatformControl)),
        ),
        ("LimitExceeded.AppDailyLimit", Some(Exempt(PlatformControl))),
        (
            "LimitExceeded.AppMainlandChinaDailyLimit",
            Some(Exempt(PlatformControl)),
        ),
        (
            "LimitExceeded.AppGlobalDailyLimit",
            Some(Exempt(PlatformControl)),
        ),
        (
            "LimitExceeded.AppCountryOrRegionDailyLimit",
            Some(Exempt(PlatformControl)),
        ),
        (
            "LimitExceeded.AppCountryOrRegionInBlacklist",
            Some(Exempt(PlatformControl)),
        ),
        ("LimitExceeded.DailyLimit", Some(Exempt(PlatformControl))),
        (
            "LimitExceeded.GlobalSmsSendingRateLimit",
            Some(Exempt(PlatformControl)),
        ),
        (
            "FailedOperation.ContainSensitiveWord",
            Some(Exempt(PlatformControl)),
        ),
        (
            "InvalidParameter.DirtyWordFound",
            Some(Exempt(PlatformControl)),
        ),
        (
            "FailedOperation.InsufficientBalanceInSmsPackage",
            Some(Exempt(PlatformControl)),
        ),
        (
            "UnauthorizedOperation.ServiceSuspendDueToArrears",
            Some(Exempt(PlatformControl)),
        ),
        (
            "FailedOperation.MarketingSendTimeConstraint",
            Some(Exempt(DocumentationNotFollowed)),
        ),
        (
            "UnauthorizedOperation.IndividualUserMarketingSmsPermissionDeny",
            Some(Exempt(DocumentationNotFollowed)),
        ),
        (
            "FailedOperation.SignatureIncorrectOrUnapproved",
            Some(Exempt(UserFault)),
        ),
        (
            "FailedOperation.TemplateIncorrectOrUnapproved",
            Some(Exempt(UserFault)),
        ),
        (
            "FailedOperation.TemplateParamSetNotMatchApprovedTemplate",
            Some(Exempt(UserFault)),
        ),
        ("FailedOperation.FailResolvePacket", Some(Exempt(UserFault))),
        ("FailedOperation.JsonParseFail", Some(Exempt(UserFault))),
        (
            "InvalidParameterValue.ContentLengthLimit",
            Some(Exempt(UserFault)),
        ),
        (
            "InvalidParameterValue.TemplateParameterFormatError",
            Some(Exempt(UserFault)),
        ),
        (
            "InvalidParameterValue.TemplateParameterLengthLimit",
            Some(Exempt(UserFault)),
        ),
        (
            "InvalidParameterValue.ProhibitedUseUrlInTemplateParameter",
            Some(Exempt(UserFault)),
        ),
        (
            "InvalidParameterValue.SdkAppIdNotExist",
            Some(Exempt(UserFault)),
        ),
        (
            "LimitExceeded.PhoneNumberCountLimit",
            Some(Exempt(UserFault)),
        ),
        (
            "MissingParameter.EmptyPhoneNumberSet",
            Some(Exempt(UserFault)),
        ),
        (
            "UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber",
            Some(Exempt(UserFault)),
        ),
        (
            "UnauthorizedOperation.RequestIpNotInWhitelist",
            Some(Exempt(UserFault)),
        ),
        (
            "UnauthorizedOperation.SmsSdkAppIdVerifyFail",
            Some(Exempt(UserFault)),
        ),
        (
            "InternalError.RequestTimeException",
            Some(Exempt(UserFault)),
        ),
        ("InternalError.SigFieldMissing", Some(Exempt(UserFault))),
        ("InternalError.SigVerificationFail", Some(Exempt(UserFault))),
        (
            "InternalError.RestApiInterfaceNotExist",
            Some(Exempt(UserFault)),
        ),
        ("InternalError.Timeout", Some(ProviderSide)),
        ("InternalError.SendAndRecvFail", Some(ProviderSide)),
        ("InternalError.OtherError", Some(ProviderSide)),
        ("InternalError.UnknownError", Some(ProviderSide)),
        ("InternalError.ParseBackendResponseFail", Some(ProviderSide)),
        ("InternalError.JsonParseFail", Some(ProviderSide)),
        ("DELIVRD", Some(Delivered)),
        ("-106", Some(Exempt(RegulatorControl))),
        ("IB:0008", Some(Exempt(RegulatorControl))),
        ("002", Some(InvalidNumber(PoweredOff))),
        ("EXPIRED", Some(InvalidNumber(OutOfCoverage))),
        ("UNDELIV", Some(InvalidNumber(Suspended))),
        ("MK:0001", Some(InvalidNumber(NonExistent))),
        ("DB:0101", Some(InvalidNumber(NonExistent))),
        ("MK:0005", Some(InvalidNumber(Suspended))),
        ("MK:0013", Some(InvalidNumber(Suspended))),
        ("DB:0102", Some(InvalidNumber(Suspended))),
        ("MK:0010", Some(InvalidNumber(PoweredOff))),
        ("MK:0023", Some(InvalidNumber(PoweredOff))),
        ("DB:0144", Some(InvalidNumber(Blocklisted))),
        ("DBBLACK", Some(InvalidNumber(Blocklisted))),
        ("MBBLACK", Some(InvalidNumber(Blocklisted))),
        // Ambiguous or unknown: unmapped, an Apparent Failure by default (D15).
        ("REJECTD", None),
        ("MK:0000", None),
        ("SomethingNew.Entirely", None),
        ("", None),
    ];
    for &(code, class) in cases {
        assert_eq!(table.classify(code), class, "{code}");
    }
}

/// A log of one callback body: its messages tallied, and its rejections.
fn tally_callback(body: &str) -> (Tally, Vec<String>) {
    let mut log = MessageLog::new(table());
    log.read_callback(body).unwrap();
    let tally = log.records().collect();
    let rejections = log.rejections().iter().map(ToString::to_string).collect();
    (tally, rejections)
}

fn at(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).unwrap()
}

// Source: SPEC D18 (a malformed entry is rejected with its index and
// reason, never dropped), D23 (revised: a FAIL without a code and an odd
// code are failures, never rejections).
#[test]
fn d18_d23_malformed_entries_are_rejected_with_index_and_reason() {
    let body = r#"[
        {"user_receive_time": "2025-04-02 08:03:04", "report_status": "SUCCESS", "errmsg": "DELIVRD", "sid": "s0"},
        {"report_status": "SUCCESS", "sid": "s1"},
        {"user_receive_time": "2025-02-30 08:03:04", "report_status": "SUCCESS", "sid": "s2"},
        {"user_receive_time": 20250402, "report_status": "SUCCESS", "sid": "s3"},
        {"user_receive_time": "2025-04-02 08:03:04", "report_status": "LOST", "sid": "s4"},
        {"user_receive_time": "2025-04-02 08:03:04", "report_status": "FAIL", "errmsg": "", "description": "", "sid": "s5"},
        {"user_receive_time": "2025-04-02 08:03:04", "report_status": "SUCCESS", "report_status": "FAIL", "sid": "s6"},
        {"user_receive_time": "2025-04-02 08:03:04", "report_status": "FAIL", "errmsg": " padded ", "sid": "s7"},
        42,
        "text",
        null,
        [1, 2],
        {"user_receive_time": "2025-04-02 08:03:04", "report_status": null, "sid": "s12"},
        {"user_receive_time": "2025-04-02 08:03:04", "report_status": "FAIL", "errmsg": {"nested": true}, "sid": "s13"},
        {"user_receive_time": "2025-04-02 08:03:04", "report_status": "SUCCESS", "sid": ""}
    ]"#;
    let (tally, rejections) = tally_callback(body);
    // s0 delivered; s5 a failure with no code and s7 one with `padded`,
    // both Apparent Failures listed for review (D15, D23).
    assert_eq!(
        (tally.total(), tally.delivered(), tally.unclassified_total()),
        (3, 1, 2)
    );
    let codes: Vec<&str> = tally
        .unclassified_codes()
        .map(|(code, _)| code.as_str())
        .collect();
    assert_eq!(codes, [NO_CODE, "padded"]);
    assert_eq!(
        rejections,
        [
            "entry 1: field `user_receive_time` is missing",
            "entry 2: user_receive_time `2025-02-30 08:03:04` is not a valid time",
            "entry 3: field `user_receive_time` is a number, not a string",
            "entry 4: report_status `LOST` is neither SUCCESS nor FAIL",
            "entry 6: field `report_status` is given more than once",
            "entry 8: expected an object, found a number",
            "entry 9: expected an object, found a string",
            "entry 10: expected an object, found null",
            "entry 11: expected an object, found an array",
            // D23: null is absent.
            "entry 12: field `report_status` is missing",
            "entry 13: field `errmsg` is an object, not a string",
            // D23: "" is no serial number.
            "entry 14: field `sid` is missing",
        ]
    );
}

// Source: SPEC D26 (one normalisation, the order of its checks), D19, D23.
#[test]
fn d26_the_one_normalisation_checks_in_one_order() {
    let table = table();
    let t = at(1_743_552_184);
    let reason = |raw: RawEntry<'_>| raw.normalize(&table).unwrap_err().to_string();
    // Time first, then status, then serial number.
    assert_eq!(
        reason(RawEntry::callback(None, Some("LOST"), None, None)),
        "field `user_receive_time` is missing"
    );
    assert_eq!(
        reason(RawEntry::pull(None, None, None)),
        "field `UserReceiveTime` is missing"
    );
    assert_eq!(
        reason(RawEntry::callback(Some(t), Some(""), None, None)),
        "field `report_status` is missing"
    );
    assert_eq!(
        reason(RawEntry::callback(Some(t), Some("FAIL"), None, None)),
        "field `sid` is missing"
    );
    assert_eq!(
        reason(RawEntry::pull(Some(t), Some("FAIL"), None)),
        "field `SerialNo` is missing"
    );
    assert_eq!(
        reason(RawEntry::send(None, Some("Ok"))),
        "field `sent_at` is missing"
    );
    assert_eq!(
        reason(RawEntry::send(Some(t), Some(" "))),
        "field `Code` is missing"
    );
    // An accepted submission needs its serial number; a refused one does not.
    assert_eq!(
        reason(RawEntry::send(Some(t), Some("Ok")).serial(Some(""))),
        "field `SerialNo` is missing"
    );
    let refused = RawEntry::send(Some(t), Some("InternalError.Timeout"));
    assert_eq!(
        refused.clone().normalize(&table).unwrap().key(),
        MessageKey::Own
    );
    assert_eq!(
        refused
            .clone()
            .request(None, Some(3))
            .normalize(&table)
            .unwrap()
            .key(),
        MessageKey::Refused {
            request: Request::At(t),
            position: 3
        }
    );
    assert_eq!(
        refused
            .request(Some(""), Some(3))
            .normalize(&table)
            .unwrap()
            .key(),
        MessageKey::Refused {
            request: Request::At(t),
            position: 3
        },
        "an empty RequestId is none"
    );
    // A malformed entry keeps what places it (D22).
    let malformed = RawEntry::callback(Some(t), Some("LOST"), None, None)
        .serial(Some("s1"))
        .normalize(&table)
        .unwrap_err();
    assert_eq!((malformed.at(), malformed.serial()), (Some(t), Some("s1")));
    assert_eq!(
        malformed.reason(),
        &RejectReason::UnknownStatus {
            field: "report_status",
            text: "LOST".to_owned()
        }
    );
    // A callback's code: errmsg, else description; a Pull entry's: its
    // Description.
    let code = |raw: RawEntry<'_>| {
        raw.serial(Some("s"))
            .normalize(&table)
            .unwrap()
            .code()
            .map(String::from)
    };
    assert_eq!(
        code(RawEntry::callback(
            Some(t),
            Some("FAIL"),
            Some(" "),
            Some("MK:0001")
        ))
        .as_deref(),
        Some("MK:0001")
    );
    assert_eq!(
        code(RawEntry::callback(Some(t), Some("FAIL"), None, None)).as_deref(),
        Some(NO_CODE)
    );
    assert_eq!(
        code(RawEntry::callback(Some(t), Some("SUCCESS"), None, None)),
        None
    );
    assert_eq!(
        code(RawEntry::pull(
            Some(t),
            Some("FAIL"),
            Some("用户短信接收失败")
        ))
        .as_deref(),
        Some("用户短信接收失败")
    );
    assert_eq!(Source::SendSms.time_field(), "sent_at");
    assert!(Source::Pull.is_receipt() && !Source::SendSms.is_receipt());
}

// Source: SPEC D26: a normalised entry's fields, normalised again, give it
// back (what a table written from normalised entries relies on).
#[test]
fn d26_normalising_a_normal_entry_gives_it_back() {
    let table = table();
    let t = at(1_743_552_184);
    let long = format!("{}\u{7}", "X".repeat(70));
    let entries = [
        RawEntry::send(Some(t), Some(" Ok "))
            .serial(Some("s1"))
            .phone(Some("+86138"))
            .request(Some("r"), Some(0)),
        RawEntry::send(Some(t), Some("InternalError.Timeout"))
            .serial(Some(""))
            .request(Some("r"), Some(4)),
        RawEntry::send(Some(t), Some(&long)).request(None, Some(1)),
        RawEntry::callback(Some(t), Some("FAIL"), Some(""), Some("")).serial(Some("s2")),
        RawEntry::callback(Some(t), Some("FAIL"), Some(&long), None).serial(Some("s3")),
        RawEntry::callback(Some(t), Some("SUCCESS"), Some("DELIVRD"), Some("ok"))
            .serial(Some("s4")),
        RawEntry::pull(Some(t), Some("FAIL"), Some(" MK:0001 ")).serial(Some("s5")),
    ];
    for raw in entries {
        let normal = raw.normalize(&table).unwrap();
        let again = if normal.source().is_receipt() {
            RawEntry::callback(Some(normal.at()), normal.status(), normal.code(), None)
        } else {
            RawEntry::send(Some(normal.at()), normal.code())
                .request(normal.request_id(), normal.position())
        }
        .serial(normal.serial())
        .phone(normal.phone())
        .normalize(&table)
        .unwrap();
        assert_eq!(
            (
                again.key(),
                again.at(),
                again.status(),
                again.code(),
                again.phone(),
                again.is_accepted()
            ),
            (
                normal.key(),
                normal.at(),
                normal.status(),
                normal.code(),
                normal.phone(),
                normal.is_accepted()
            ),
        );
    }
}

#[test]
fn documents_that_are_not_the_expected_json_are_errors() {
    let err = |body: &str| {
        MessageLog::new(table())
            .read_callback(body)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        err("[{"),
        "tencent callback document is malformed: EOF while parsing an object at line 1 column 2"
    );
    assert_eq!(
        err("[] []"),
        "tencent callback document is malformed: trailing characters at line 1 column 4"
    );
    assert_eq!(
        err(r#"{"sid": "a1"}"#),
        "tencent callback document is malformed: invalid type: map, expected a JSON array of entries at line 1 column 0"
    );
    let pull = |body: &str| {
        MessageLog::new(table())
            .read_pull(body)
            .map(|read| read.entries())
    };
    assert_rule!(
        pull(r#"{"Response": {"RequestId": "r"}}"#).unwrap_err(),
        Error::Tencent(TencentError::TencentDocument {
            format: "pull",
            reason: "no Response.PullSmsSendStatusSet in the document".to_owned()
        })
    );
    assert_eq!(
        pull("[]").unwrap_err().to_string(),
        "tencent pull document is malformed: invalid type: sequence, expected a Tencent Cloud API response object at line 1 column 0"
    );
    assert_eq!(
        pull(r#"{"Response": 5}"#).unwrap_err().to_string(),
        "tencent pull document is malformed: invalid type: integer `5`, expected the Response object of a Tencent Cloud API response at line 1 column 14"
    );
    assert_eq!(
        pull(r#"{"Response": {"PullSmsSendStatusSet": [], "RequestId": 7}}"#)
            .unwrap_err()
            .to_string(),
        "tencent pull document is malformed: invalid type: integer `7`, expected a string at line 1 column 56"
    );
    assert_eq!(
        pull(r#"{"Response": {"PullSmsSendStatusSet": [], "PullSmsSendStatusSet": []}}"#)
            .unwrap_err()
            .to_string(),
        "tencent pull document is malformed: `PullSmsSendStatusSet` is given more than once at line 1 column 64"
    );
    // Other top-level fields are skipped, before or after the Response.
    let set = r#"{"PullSmsSendStatusSet": [], "RequestId": "r"}"#;
    for body in [
        format!(r#"{{"Meta": 5, "Response": {set}}}"#),
        format!(r#"{{"Response": {set}, "Meta": [1, 2]}}"#),
    ] {
        assert_eq!(pull(&body), Ok(0), "{body}");
    }
}

fn receipts() -> Vec<(&'static str, u64, &'static str, &'static str)> {
    // (serial, Unix seconds, status, code); Beijing time is UTC+8.
    vec![
        ("s1", 1_743_552_184, "SUCCESS", "DELIVRD"),
        ("s2", 1_743_552_185, "FAIL", "MK:0001"),
        ("s3", 1_743_552_186, "FAIL", "REJECTD"),
        ("s4", 1_743_552_187, "FAIL", "-106"),
        ("s5", 1_743_552_188, "FAIL", "EXPIRED"),
    ]
}

/// Each message's record, as sorted debug text.
fn records(log: &MessageLog) -> Vec<String> {
    let mut records: Vec<String> = log.records().map(|record| format!("{record:?}")).collect();
    records.sort();
    records
}

/// The callback, its NDJSON lines, its pretty-printed form, and the pull
/// response of the same receipts read alike.
#[test]
fn callback_lines_and_pull_formats_of_the_same_receipts_agree() {
    let local = |seconds: u64| {
        DateTime::from_timestamp(i64::try_from(seconds).unwrap() + 8 * 3600, 0)
            .unwrap()
            .format("%Y-%m-%d %H:%M:%S")
    };
    let callback_entries: Vec<String> = receipts()
        .iter()
        .map(|(sid, at, status, code)| {
            format!(r#"{{"user_receive_time":"{}","nationcode":"86","mobile":"13800000000","report_status":"{status}","errmsg":"{code}","description":"","sid":"{sid}"}}"#, local(*at))
        })
        .collect();
    let callback = format!("[{}]", callback_entries.join(","));
    let pull_entries: Vec<String> = receipts()
        .iter()
        .map(|(sid, at, status, code)| {
            format!(r#"{{"UserReceiveTime":{at},"CountryCode":"86","SubscriberNumber":"13800000000","PhoneNumber":"+8613800000000","SerialNo":"{sid}","ReportStatus":"{status}","Description":"{code}","SessionContext":""}}"#)
        })
        .collect();
    let pull = format!(
        r#"{{"Response":{{"PullSmsSendStatusSet":[{}],"RequestId":"r"}}}}"#,
        pull_entries.join(",")
    );
    let pretty = format!(
        "\u{feff}[\r\n    {}\r\n]\r\n",
        callback_entries.join(",\r\n    ")
    );

    let mut from_callback = MessageLog::new(table());
    from_callback.read_callback(&callback).unwrap();
    let mut from_lines = MessageLog::new(table());
    from_lines
        .read_callback_lines(callback_entries.join("\n").as_bytes())
        .unwrap();
    let mut from_pull = MessageLog::new(table());
    from_pull.read_pull(&pull).unwrap();
    let mut from_file = MessageLog::new(table());
    from_file
        .read_file(FileKind::Callbacks, pretty.as_bytes())
        .unwrap();
    let mut from_pull_file = MessageLog::new(table());
    from_pull_file
        .read_file(FileKind::Pull, format!("{pull}\n{pull}\n").as_bytes())
        .unwrap();
    for other in [&from_lines, &from_pull, &from_file, &from_pull_file] {
        assert_eq!(records(&from_callback), records(other));
    }
    assert_eq!(
        from_pull_file.stats().duplicates(),
        5,
        "a response read twice adds only duplicates"
    );
    let tally: Tally = from_callback.records().collect();
    assert_eq!(
        (
            tally.delivered(),
            tally.invalid_total(),
            tally.exempt_total(),
            tally.unclassified_total()
        ),
        (1, 2, 1, 1)
    );
    let first = from_callback.records().map(|record| record.sent_at()).min();
    assert_eq!(
        first,
        Some(Utc.with_ymd_and_hms(2025, 4, 2, 0, 3, 4).unwrap())
    );
}

/// D21: the send's request instant places a message, whatever order the
/// documents are read in; a receipt for a message never sent stays at its
/// own time.
#[test]
fn d21_send_instants_place_their_receipts() {
    let sent = Utc.with_ymd_and_hms(2025, 3, 31, 15, 59, 0).unwrap();
    let body = r#"[
        {"user_receive_time": "2025-04-01 00:00:30", "report_status": "SUCCESS", "sid": "a1"},
        {"user_receive_time": "2025-04-01 00:00:31", "report_status": "SUCCESS", "sid": "zz"}
    ]"#;
    let submitted = r#"{"Response":{"SendStatusSet":[
        {"SerialNo":"a1","PhoneNumber":"+8613800000000","Code":"Ok"},
        {"SerialNo":"b2","PhoneNumber":"+8613800000001","Code":"Ok"}
    ],"RequestId":"r"}}"#;
    let mut first = MessageLog::new(table());
    first.read_callback(body).unwrap();
    first.read_send_sms(submitted, sent).unwrap();
    let mut second = MessageLog::new(table());
    second.read_send_sms(submitted, sent).unwrap();
    second.read_callback(body).unwrap();
    assert_eq!(records(&first), records(&second));
    let mut at: Vec<DateTime<Utc>> = first.records().map(|record| record.sent_at()).collect();
    at.sort();
    assert_eq!(
        at,
        [
            sent,
            sent,
            Utc.with_ymd_and_hms(2025, 3, 31, 16, 0, 31).unwrap()
        ]
    );
    assert_eq!(
        (first.stats().unmatched(), first.stats().unreceipted()),
        (1, 1)
    );
}

#[test]
fn an_empty_code_table_knows_no_code() {
    let empty = CodeTable::empty();
    assert_eq!(empty, CodeTable::default());
    for code in ["DELIVRD", "Ok", "-106", "IB:0008"] {
        assert_eq!(empty.classify(code), None, "{code}");
        assert!(table().classify(code).is_some(), "{code}");
    }
}

// Source: SPEC D23 (revised: a Pull entry without ReportStatus is malformed,
// as a callback without report_status is).
#[test]
fn d23_pull_without_a_report_status_is_malformed_and_failures_use_the_description() {
    let body = r#"{"Response":{"PullSmsSendStatusSet":[
        {"UserReceiveTime":1743552184,"SerialNo":"a"},
        {"UserReceiveTime":1743552184,"SerialNo":"b","ReportStatus":"FAIL","Description":"用户短信接收失败"},
        {"UserReceiveTime":-5,"SerialNo":"c","ReportStatus":"SUCCESS"},
        {"UserReceiveTime":"1743552184","SerialNo":"d","ReportStatus":"SUCCESS"},
        {"SerialNo":"e","ReportStatus":"SUCCESS"},
        {"UserReceiveTime":1743552184,"SerialNo":"f","ReportStatus":""}
    ],"RequestId":"r"}}"#;
    let mut log = MessageLog::new(table());
    let read = log.read_pull(body).unwrap();
    assert_eq!((read.entries(), read.rejected()), (6, 5));
    let tally: Tally = log.records().collect();
    assert_eq!((tally.total(), tally.unclassified_total()), (1, 1));
    assert_eq!(
        tally
            .unclassified_codes()
            .next()
            .map(|(code, _)| code.as_str()),
        Some("用户短信接收失败")
    );
    let rejections: Vec<(u64, RejectReason)> = log
        .rejections()
        .iter()
        .map(|r| (r.index(), r.reason().clone()))
        .collect();
    assert_eq!(
        rejections,
        [
            (
                0,
                RejectReason::MissingField {
                    field: "ReportStatus"
                }
            ),
            (
                2,
                RejectReason::WrongType {
                    field: "UserReceiveTime",
                    expected: "Unix seconds",
                    found: "a negative number"
                }
            ),
            (
                3,
                RejectReason::WrongType {
                    field: "UserReceiveTime",
                    expected: "Unix seconds",
                    found: "a string"
                }
            ),
            (
                4,
                RejectReason::MissingField {
                    field: "UserReceiveTime"
                }
            ),
            (
                5,
                RejectReason::MissingField {
                    field: "ReportStatus"
                }
            ),
        ]
    );
}

#[test]
fn send_sms_results_and_api_errors() {
    let at = Utc.with_ymd_and_hms(2025, 4, 2, 0, 3, 0).unwrap();
    let body = r#"{"Response":{"SendStatusSet":[
        {"SerialNo":"1","PhoneNumber":"+8613800000000","Code":"Ok"},
        {"SerialNo":"","PhoneNumber":"+8613800000001","Code":"LimitExceeded.PhoneNumberDailyLimit"},
        {"SerialNo":"","PhoneNumber":"+8613800000002","Code":"InternalError.Timeout"},
        {"SerialNo":"","PhoneNumber":"+8613800000003","Code":"FailedOperation.SomethingNew"},
        {"SerialNo":"","PhoneNumber":"+8613800000004"}
    ],"RequestId":"r"}}"#;
    let mut log = MessageLog::new(table());
    let read = log.read_send_sms(body, at).unwrap();
    assert_eq!((read.entries(), read.rejected()), (5, 1));
    let tally: Tally = log.records().collect();
    assert_eq!(
        (
            tally.unconfirmed(),
            tally.exempt(Exemption::PlatformControl),
            tally.provider_side(),
            tally.unclassified_total()
        ),
        (1, 1, 1, 1)
    );
    assert_eq!(
        log.rejections()[0].to_string(),
        "entry 4: field `Code` is missing"
    );
    let error =
        r#"{"Response":{"Error":{"Code":"LimitExceeded","Message":"too fast"},"RequestId":"r"}}"#;
    assert_rule!(
        log.read_send_sms(error, at).unwrap_err(),
        Error::Tencent(TencentError::TencentApi {
            code: "LimitExceeded".to_owned(),
            message: "too fast".to_owned()
        })
    );
}

#[test]
fn escaped_strings_and_unknown_fields_are_fine() {
    let body = r#"[{"user_receive_time":"2025-04-02 08:03:04","report_status":"FAIL","errmsg":"\u004dK:0001","extra":{"a":[1,2]},"sid":"\u0078"}]"#;
    let (tally, rejections) = tally_callback(body);
    assert!(rejections.is_empty());
    assert_eq!(tally.invalid(InvalidReason::NonExistent), 1);
}

// Source: SPEC D17 (counts are messages, not billing units).
#[test]
fn d17_a_long_sms_billed_as_three_units_is_one_message() {
    let at = Utc.with_ymd_and_hms(2025, 4, 2, 0, 3, 0).unwrap();
    let body = r#"{"Response":{"SendStatusSet":[
        {"SerialNo":"","PhoneNumber":"+8613800000000","Fee":3,"Code":"InternalError.Timeout","Message":"timeout"}
    ],"RequestId":"r"}}"#;
    let mut log = MessageLog::new(table());
    log.read_send_sms(body, at).unwrap();
    let tally: Tally = log.records().collect();
    assert_eq!((tally.total(), tally.apparent_failures()), (1, 1));
}

#[test]
fn receipt_times_are_read_strictly() {
    let time = |text: &str| {
        let body =
            format!(r#"[{{"user_receive_time":"{text}","report_status":"SUCCESS","sid":"s"}}]"#);
        let mut log = MessageLog::new(table());
        log.read_callback(&body).unwrap();
        match log.rejections() {
            [] => Ok(log.records().next().unwrap().sent_at()),
            [rejection] => Err(rejection.to_string()),
            more => panic!("{more:?}"),
        }
    };
    // Beijing time, eight hours ahead of UTC.
    assert_eq!(
        time("2025-01-01 07:59:59"),
        Ok(Utc.with_ymd_and_hms(2024, 12, 31, 23, 59, 59).unwrap())
    );
    assert_eq!(
        time("2024-02-29 08:00:00"),
        Ok(Utc.with_ymd_and_hms(2024, 2, 29, 0, 0, 0).unwrap())
    );
    // The leap second of 2016-12-31 23:59:60 UTC was 07:59:60 in Beijing.
    let leap = time("2017-01-01 07:59:60").unwrap();
    assert_eq!(leap.to_rfc3339(), "2016-12-31T23:59:60+00:00");
    for bad in [
        "2025-02-29 08:00:00",
        "2025-1-01 08:00:00",
        "2025-01-01T08:00:00",
        "2025-01-01 08:00:00Z",
        "2025-01-01 24:00:00",
        "2025-01-01 08:60:00",
        "+025-01-01 08:00:00",
        "2025-01-01 08:00:0+",
    ] {
        assert_eq!(
            time(bad),
            Err(format!(
                "entry 0: user_receive_time `{bad}` is not a valid time"
            )),
            "{bad}"
        );
    }
    // D23: an empty string is absent.
    assert_eq!(
        time(""),
        Err("entry 0: field `user_receive_time` is missing".to_owned())
    );
}

/// A log of one file of `kind`: its messages, rejections and each
/// rejection's text.
fn read_file(kind: FileKind, text: &[u8]) -> (u64, u64, Vec<String>) {
    let mut log = MessageLog::new(table());
    let read = log.read_file(kind, text).unwrap();
    let texts = log.rejections().iter().map(ToString::to_string).collect();
    (log.stats().messages(), read.rejected(), texts)
}

// Source: SPEC D23 (files as they come): the first line that is not blank
// tells documents one after another from documents one per line, and a
// file whose documents turn out not to be JSON is read line by line; a
// document of the wrong kind is one rejected entry either way.
#[test]
fn d23_files_are_told_apart_by_content() {
    let receipt =
        r#"{"user_receive_time": "2025-04-02 08:03:04", "report_status": "SUCCESS", "sid": "s1"}"#;
    // A body pretty-printed with one receipt a line, no comma: one document.
    let one = format!("[\n{receipt}\n]\n");
    assert_eq!(
        read_file(FileKind::Callbacks, one.as_bytes()),
        (1, 0, vec![])
    );
    // NDJSON whose first line was cut off: read line by line.
    let cut = format!("{{\"user_receive_time\": \"2025-04\n{receipt}\n");
    let (messages, rejected, texts) = read_file(FileKind::Callbacks, cut.as_bytes());
    assert_eq!((messages, rejected), (1, 1));
    assert!(
        texts[0].starts_with("entry 0: line 1 is not JSON: EOF while parsing"),
        "{texts:?}"
    );
    // A stray header line: line by line.
    let header = format!("sid,status\n{receipt}\n");
    let (messages, rejected, texts) = read_file(FileKind::Callbacks, header.as_bytes());
    assert_eq!((messages, rejected), (1, 1));
    assert_eq!(
        texts,
        ["entry 0: line 1 is not JSON: expected value at line 1 column 1"]
    );
    // A byte that is not UTF-8 in documents one after another: line by line.
    let mut bytes = format!("[\n{receipt},\n").into_bytes();
    bytes.extend_from_slice(b"\xff\n]\n");
    let (messages, rejected, _) = read_file(FileKind::Callbacks, &bytes);
    assert_eq!((messages, rejected), (0, 4));
    // A pretty-printed Pull file whose second response is an API error: one
    // rejected entry, the line it begins on named.
    let pull = "{\n  \"Response\": {\n    \"PullSmsSendStatusSet\": [{\"UserReceiveTime\": 1743552184, \"SerialNo\": \"s1\", \"ReportStatus\": \"SUCCESS\"}]\n  }\n}\n{\n  \"Response\": {\"Error\": {\"Code\": \"AuthFailure.SignatureFailure\", \"Message\": \"bad\"}}\n}\n";
    assert_eq!(
        read_file(FileKind::Pull, pull.as_bytes()),
        (1, 1, vec!["entry 1: the document at line 6 is not of its kind: tencent api error AuthFailure.SignatureFailure: bad".to_owned()])
    );
    // A send log record whose response cannot be read is placed at its
    // request instant (D22).
    let mut log = MessageLog::new(table());
    let record =
        "{\n  \"sent_at\": \"2025-04-02T00:00:00Z\",\n  \"response\": {\"Response\": {}}\n}\n";
    log.read_file(FileKind::SendLog, record.as_bytes()).unwrap();
    assert_eq!(
        log.rejections()[0].to_string(),
        "entry 0: the document at line 1 is not of its kind: no Response.SendStatusSet in the document"
    );
    assert_eq!(
        log.rejected_at().collect::<Vec<_>>(),
        [(at(1_743_552_000), 1)]
    );
    // A pretty-printed body cut off is not JSON documents: it is read line
    // by line, each line that cannot be read one rejected entry.
    let broken = "[\n  {\"sid\": \"s1\"\n";
    let (messages, rejected, _) = read_file(FileKind::Callbacks, broken.as_bytes());
    assert_eq!((messages, rejected), (0, 2));
}

// Source: SPEC D26: a time no nanosecond table can hold (Unix milliseconds
// given as seconds) is no time, in every front end.
#[test]
fn d26_a_time_beyond_nanoseconds_is_rejected() {
    let pull = r#"{"Response": {"PullSmsSendStatusSet": [
        {"UserReceiveTime": 1743552184000, "SerialNo": "s1", "ReportStatus": "FAIL", "Description": "MK:0001"}
    ], "RequestId": "r"}}"#;
    let mut log = MessageLog::new(table());
    log.read_pull(pull).unwrap();
    assert_eq!(
        log.rejections()[0].to_string(),
        "entry 0: UserReceiveTime `+57220-12-20T03:06:40+00:00` is not a valid time"
    );
    assert_eq!(log.stats().messages(), 0);
}

// Source: SPEC D26: what a normalised entry keeps, field by field, and the
// key it gives as text (the engine groups by it).
#[test]
fn d26_a_normal_entry_keeps_its_fields_and_its_key_reads_as_text() {
    let table = table();
    let t = at(1_743_552_184);
    let send = RawEntry::send(Some(t), Some("Ok"))
        .serial(Some("s1"))
        .phone(Some("+8613800000000"))
        .request(Some("r1"), Some(4))
        .normalize(&table)
        .unwrap();
    assert_eq!(
        (
            send.phone(),
            send.request_id(),
            send.position(),
            send.is_accepted()
        ),
        (Some("+8613800000000"), Some("r1"), Some(4), true)
    );
    let refused = RawEntry::send(Some(t), Some("InternalError.Timeout"))
        .normalize(&table)
        .unwrap();
    let receipt = RawEntry::callback(Some(t), Some("SUCCESS"), None, None)
        .serial(Some("s1"))
        .normalize(&table)
        .unwrap();
    assert!(!refused.is_accepted() && !receipt.is_accepted());
    let keys = [
        MessageKey::Serial("2024:1"),
        MessageKey::Refused {
            request: Request::Id("r#1"),
            position: 2,
        },
        MessageKey::Refused {
            request: Request::At(t),
            position: 0,
        },
        MessageKey::Own,
    ];
    let texts: Vec<String> = keys.iter().map(ToString::to_string).collect();
    assert_eq!(
        texts,
        [
            "s:2024:1",
            "r:r#1#2",
            "t:2025-04-02T00:03:04.000000000Z#0",
            "own"
        ]
    );
    // A row rejected where it was read stays rejected, with its reason.
    let row = RawEntry::callback(Some(t), Some("SUCCESS"), None, None)
        .serial(Some("s1"))
        .rejected(Some("line 3 is not JSON"))
        .normalize(&table)
        .unwrap_err();
    assert_eq!(
        (row.reason(), row.at(), row.serial()),
        (
            &RejectReason::Recorded {
                reason: "line 3 is not JSON".to_owned()
            },
            Some(t),
            Some("s1")
        )
    );
    let read = RawEntry::callback(Some(t), Some("SUCCESS"), None, None)
        .serial(Some("s1"))
        .rejected(None)
        .normalize(&table);
    assert!(read.is_ok());
}

// Source: SPEC D22, D26: `read_entries` hands over every entry of a file
// and counts them; a send log record gives each key once.
#[test]
fn d26_read_entries_counts_and_send_log_records_give_each_key_once() {
    let file = concat!(
        r#"{"sent_at": "2025-04-02T00:03:00Z", "response": {"Response": {"SendStatusSet": [{"SerialNo": "s1", "Code": "Ok"}, {"SerialNo": "", "Code": "InternalError.Timeout"}], "RequestId": "r1"}}}"#,
        "\n",
        r#"{"sent_at": "2025-04-02T00:03:00Z", "sent_at": "2025-04-02T00:04:00Z", "response": {}}"#,
        "\n",
        r#"{"sent_at": "2025-04-02T00:03:00Z", "response": {}, "response": {}}"#,
        "\n[]\n",
    );
    let mut seen = Vec::new();
    let entries = sms_sla::tencent::read_entries(
        FileKind::SendLog,
        file.as_bytes(),
        &table(),
        |index, entry| {
            seen.push((
                index,
                entry
                    .map(|e| e.key().to_string())
                    .map_err(|m| m.to_string()),
            ));
        },
    )
    .unwrap();
    assert_eq!(entries, 5);
    assert_eq!(
        seen,
        [
            (0, Ok("s:s1".to_owned())),
            (1, Ok("r:r1#1".to_owned())),
            (2, Err("the document at line 2 is not of its kind: `sent_at` is given more than once at line 1 column 45".to_owned())),
            (3, Err("the document at line 3 is not of its kind: `response` is given more than once at line 1 column 62".to_owned())),
            (4, Err(r#"the document at line 4 is not of its kind: invalid type: sequence, expected a send log record {"sent_at": ."#.to_owned() + "…")),
        ]
    );
}

/// A reader interrupted before each of its reads.
struct Interrupted<'a> {
    bytes: &'a [u8],
    interrupt: bool,
}
impl std::io::Read for Interrupted<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        self.interrupt = !self.interrupt;
        if self.interrupt {
            return Err(std::io::ErrorKind::Interrupted.into());
        }
        self.bytes.read(out)
    }
}

// Source: SPEC D22, D23: a file one document per line keeps its line limit
// past its first line (a long line is one rejection, never a document), and
// a reader interrupted mid-way is read on.
#[test]
fn d23_lines_past_the_first_keep_the_limit_and_interruptions_are_retried() {
    let receipt =
        r#"{"user_receive_time": "2025-04-02 08:03:04", "report_status": "SUCCESS", "sid": "s1"}"#;
    let huge = format!(
        r#"{{"user_receive_time": "2025-04-02 08:03:04", "report_status": "SUCCESS", "description": "{}", "sid": "s2"}}"#,
        "x".repeat(MessageLog::MAX_LINE_BYTES)
    );
    let file = format!("{receipt}\n{huge}\n");
    let (messages, rejected, texts) = read_file(FileKind::Callbacks, file.as_bytes());
    assert_eq!((messages, rejected), (1, 1));
    assert_eq!(
        texts,
        [format!(
            "entry 1: line 2 is {} bytes long, over the limit",
            huge.len()
        )]
    );

    let lines = format!("{receipt}\n{receipt}\n");
    let reader = || {
        std::io::BufReader::with_capacity(
            16,
            Interrupted {
                bytes: lines.as_bytes(),
                interrupt: false,
            },
        )
    };
    let mut log = MessageLog::new(table());
    assert_eq!(log.read_callback_lines(reader()).unwrap().entries(), 2);
    assert_eq!(
        log.read_file(FileKind::Callbacks, reader())
            .unwrap()
            .entries(),
        2
    );
    assert_eq!((log.stats().messages(), log.stats().duplicates()), (1, 3));
}
