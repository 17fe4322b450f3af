//! Tencent adapters: the code table, malformed entries, and the formats
//! agreeing with each other.

#![cfg(feature = "tencent")]
#![allow(clippy::too_many_lines, reason = "the tables of cases are long")]

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, TimeZone, Utc};
use sms_sla::Error;
use sms_sla::tencent::{
    CodeClass, CodeTable, NoSendInstants, RejectReason, SendEntry, SendInstants, SendLog,
    read_callback, read_callback_lines, read_pull, read_send_sms,
};
use sms_sla::traffic::{Exemption, InvalidReason, MessageRecord, Tally};

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

fn tally_callback(body: &str) -> (Tally, Vec<String>) {
    let mut tally = Tally::new();
    let mut rejections = Vec::new();
    read_callback(body, &table(), &NoSendInstants, |entry| match entry {
        Ok(record) => tally.add(&record),
        Err(rejection) => rejections.push(rejection.to_string()),
    })
    .unwrap();
    (tally, rejections)
}

// Source: SPEC D18 (a malformed entry is rejected with its index and reason, never dropped).
#[test]
fn d18_malformed_entries_are_rejected_with_index_and_reason() {
    let body = r#"[
        {"user_receive_time": "2025-04-02 08:03:04", "report_status": "SUCCESS", "errmsg": "DELIVRD"},
        {"report_status": "SUCCESS"},
        {"user_receive_time": "2025-02-30 08:03:04", "report_status": "SUCCESS"},
        {"user_receive_time": 20250402, "report_status": "SUCCESS"},
        {"user_receive_time": "2025-04-02 08:03:04", "report_status": "LOST"},
        {"user_receive_time": "2025-04-02 08:03:04", "report_status": "FAIL", "errmsg": "", "description": ""},
        {"user_receive_time": "2025-04-02 08:03:04", "report_status": "SUCCESS", "report_status": "FAIL"},
        {"user_receive_time": "2025-04-02 08:03:04", "report_status": "FAIL", "errmsg": " padded "},
        42,
        "text",
        null,
        [1, 2],
        {"user_receive_time": "2025-04-02 08:03:04", "report_status": null},
        {"user_receive_time": "2025-04-02 08:03:04", "report_status": "FAIL", "errmsg": {"nested": true}}
    ]"#;
    let (tally, rejections) = tally_callback(body);
    assert_eq!(tally.total(), 1);
    assert_eq!(
        rejections,
        [
            "entry 1: field `user_receive_time` is missing",
            "entry 2: user_receive_time `2025-02-30 08:03:04` is not a valid time",
            "entry 3: field `user_receive_time` is a number, not a string",
            "entry 4: report_status `LOST` is neither SUCCESS nor FAIL",
            "entry 5: a failed receipt has neither a code nor a description",
            "entry 6: field `report_status` is given more than once",
            "entry 7: failure code ` padded ` cannot be recorded",
            "entry 8: expected an object, found a number",
            "entry 9: expected an object, found a string",
            "entry 10: expected an object, found null",
            "entry 11: expected an object, found an array",
            // D23: null is absent.
            "entry 12: field `report_status` is missing",
            "entry 13: field `errmsg` is an object, not a string",
        ]
    );
}

#[test]
fn documents_that_are_not_the_expected_json_are_errors() {
    let err = |body: &str| {
        read_callback(body, &table(), &NoSendInstants, |_| ())
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
        "tencent callback document is malformed: invalid type: map, expected a JSON array of receipts at line 1 column 0"
    );
    assert_eq!(
        read_pull(
            r#"{"Response": {"RequestId": "r"}}"#,
            &table(),
            &NoSendInstants,
            |_| ()
        )
        .unwrap_err(),
        Error::TencentDocument {
            format: "pull",
            reason: "no Response.PullSmsSendStatusSet in the document".to_owned()
        }
    );
    let pull_err = |body: &str| {
        read_pull(body, &table(), &NoSendInstants, |_| ())
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        pull_err("[]"),
        "tencent pull document is malformed: invalid type: sequence, expected a Tencent Cloud API response object at line 1 column 0"
    );
    assert_eq!(
        pull_err(r#"{"Response": 5}"#),
        "tencent pull document is malformed: invalid type: integer `5`, expected the Response object of a Tencent Cloud API response at line 1 column 14"
    );
    // Other top-level fields are skipped, before or after the Response.
    let set = r#"{"PullSmsSendStatusSet": [], "RequestId": "r"}"#;
    for body in [
        format!(r#"{{"Meta": 5, "Response": {set}}}"#),
        format!(r#"{{"Response": {set}, "Meta": [1, 2]}}"#),
    ] {
        assert_eq!(
            read_pull(&body, &table(), &NoSendInstants, |_| ()),
            Ok(0),
            "{body}"
        );
    }
    let lines = "{\"user_receive_time\": \"2025-04-02 08:03:04\", \"report_status\": \"SUCCESS\"}\nnot json\n";
    assert_eq!(
        read_callback_lines(lines.as_bytes(), &table(), &NoSendInstants, |_| ())
            .unwrap_err()
            .to_string(),
        "tencent callback document is malformed: entry 1: expected ident at line 1 column 2"
    );
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

/// The callback, its NDJSON lines and the pull response of the same receipts tally alike.
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

    // A record lends its code only while the reader holds the entry: each
    // is tallied there and kept as its debug text.
    let mut tally = Tally::new();
    let mut first_sent_at = None;
    let mut from_callback: Vec<String> = Vec::new();
    read_callback(&callback, &table(), &NoSendInstants, |entry| {
        let record: MessageRecord<'_> = entry.unwrap();
        tally.add(&record);
        first_sent_at.get_or_insert(record.sent_at());
        from_callback.push(format!("{record:?}"));
    })
    .unwrap();
    let mut from_lines: Vec<String> = Vec::new();
    read_callback_lines(
        callback_entries.join("\n").as_bytes(),
        &table(),
        &NoSendInstants,
        |entry| {
            from_lines.push(format!("{:?}", entry.unwrap()));
        },
    )
    .unwrap();
    let mut from_pull: Vec<String> = Vec::new();
    read_pull(&pull, &table(), &NoSendInstants, |entry| {
        from_pull.push(format!("{:?}", entry.unwrap()));
    })
    .unwrap();
    assert_eq!(from_callback, from_lines);
    assert_eq!(from_callback, from_pull);
    assert_eq!(
        (
            tally.delivered(),
            tally.invalid_total(),
            tally.exempt_total(),
            tally.unclassified_total()
        ),
        (1, 2, 1, 1)
    );
    assert_eq!(
        first_sent_at,
        Some(Utc.with_ymd_and_hms(2025, 4, 2, 0, 3, 4).unwrap())
    );
}

/// Send instants by serial number replace receipt times; unknown serials keep them.
#[test]
fn send_instants_by_serial_number() {
    let sent = Utc.with_ymd_and_hms(2025, 3, 31, 15, 59, 0).unwrap();
    let log: HashMap<String, DateTime<Utc>> = [("a1".to_owned(), sent)].into();
    let body = r#"[
        {"user_receive_time": "2025-04-01 00:00:30", "report_status": "SUCCESS", "sid": "a1"},
        {"user_receive_time": "2025-04-01 00:00:31", "report_status": "SUCCESS", "sid": "zz"}
    ]"#;
    let mut at = Vec::new();
    read_callback(body, &table(), &log, |entry| {
        at.push(entry.unwrap().sent_at());
    })
    .unwrap();
    assert_eq!(
        at,
        [sent, Utc.with_ymd_and_hms(2025, 3, 31, 16, 0, 31).unwrap()]
    );
    let closure = |serial: &str| (serial == "zz").then_some(sent);
    let mut at = Vec::new();
    read_callback(body, &table(), &closure, |entry| {
        at.push(entry.unwrap().sent_at());
    })
    .unwrap();
    assert_eq!(at[1], sent);

    let ordered: BTreeMap<String, DateTime<Utc>> = [("zz".to_owned(), sent)].into();
    assert_eq!(
        (ordered.sent_at("zz"), ordered.sent_at("a1")),
        (Some(sent), None)
    );

    // A SendLog learns the instants from SendSms results.
    let mut send_log = SendLog::new();
    assert!(send_log.is_empty());
    let submitted = r#"{"Response":{"SendStatusSet":[
        {"SerialNo":"a1","PhoneNumber":"+8613800000000","Code":"Ok"},
        {"SerialNo":"b2","PhoneNumber":"+8613800000001","Code":"Ok"}
    ],"RequestId":"r"}}"#;
    send_log
        .read_send_sms(submitted, sent, &table(), |_| panic!("no failures here"))
        .unwrap();
    assert_eq!((send_log.len(), send_log.is_empty()), (2, false));
    assert_eq!(
        (
            send_log.sent_at("a1"),
            send_log.sent_at("b2"),
            send_log.sent_at("zz")
        ),
        (Some(sent), Some(sent), None)
    );
    let mut at = Vec::new();
    read_callback(body, &table(), &send_log, |entry| {
        at.push(entry.unwrap().sent_at());
    })
    .unwrap();
    assert_eq!(at[0], sent);
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

#[test]
fn pull_without_a_report_status_is_unconfirmed_and_failures_use_the_description() {
    let body = r#"{"Response":{"PullSmsSendStatusSet":[
        {"UserReceiveTime":1743552184,"SerialNo":"a"},
        {"UserReceiveTime":1743552184,"SerialNo":"b","ReportStatus":"FAIL","Description":"用户短信接收失败"},
        {"UserReceiveTime":-5,"SerialNo":"c","ReportStatus":"SUCCESS"},
        {"UserReceiveTime":"1743552184","SerialNo":"d","ReportStatus":"SUCCESS"},
        {"SerialNo":"e","ReportStatus":"SUCCESS"}
    ],"RequestId":"r"}}"#;
    let mut tally = Tally::new();
    let mut rejections = Vec::new();
    let entries = read_pull(body, &table(), &NoSendInstants, |entry| match entry {
        Ok(record) => tally.add(&record),
        Err(rejection) => rejections.push((rejection.index(), rejection.reason().clone())),
    })
    .unwrap();
    assert_eq!(entries, 5);
    assert_eq!((tally.unconfirmed(), tally.unclassified_total()), (1, 1));
    assert_eq!(
        tally
            .unclassified_codes()
            .next()
            .map(|(code, _)| code.as_str()),
        Some("用户短信接收失败")
    );
    assert_eq!(
        rejections,
        [
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
    let mut entries = Vec::new();
    let mut tally = Tally::new();
    read_send_sms(body, at, &table(), |entry| {
        if let Ok(SendEntry::Failed(record)) = &entry {
            tally.add(record);
        }
        entries.push(entry.map(|entry| format!("{entry:?}")));
    })
    .unwrap();
    assert_eq!(
        entries[0].as_deref(),
        Ok(format!("Submitted {{ serial_no: \"1\", sent_at: {at:?} }}").as_str())
    );
    assert_eq!(
        (
            tally.exempt(Exemption::PlatformControl),
            tally.provider_side(),
            tally.unclassified_total()
        ),
        (1, 1, 1)
    );
    assert_eq!(
        entries[4].as_ref().unwrap_err().to_string(),
        "entry 4: field `Code` is missing"
    );
    let error =
        r#"{"Response":{"Error":{"Code":"LimitExceeded","Message":"too fast"},"RequestId":"r"}}"#;
    assert_eq!(
        read_send_sms(error, at, &table(), |_| ()).unwrap_err(),
        Error::TencentApi {
            code: "LimitExceeded".to_owned(),
            message: "too fast".to_owned()
        }
    );
}

#[test]
fn escaped_strings_and_unknown_fields_are_fine() {
    let body = r#"[{"user_receive_time":"2025-04-02 08:03:04","report_status":"FAIL","errmsg":"\u004dK:0001","extra":{"a":[1,2]},"sid":"x"}]"#;
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
    let mut tally = Tally::new();
    read_send_sms(body, at, &table(), |entry| {
        if let Ok(SendEntry::Failed(record)) = entry {
            tally.add(&record);
        }
    })
    .unwrap();
    assert_eq!((tally.total(), tally.apparent_failures()), (1, 1));
}

#[test]
fn receipt_times_are_read_strictly() {
    let time = |text: &str| {
        let body = format!(r#"[{{"user_receive_time":"{text}","report_status":"SUCCESS"}}]"#);
        let mut at = None;
        read_callback(&body, &table(), &NoSendInstants, |entry| {
            at = Some(entry.map(|r| r.sent_at()).map_err(|r| r.to_string()));
        })
        .unwrap();
        at.unwrap()
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
    {
        assert_eq!(
            time(""),
            Err("entry 0: field `user_receive_time` is missing".to_owned())
        );
    }
}
