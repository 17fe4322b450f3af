//! SendSms responses: never a panic; entries are submitted, failed or rejected.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sms_sla::tencent::{CodeTable, SendEntry, SendInstants, SendLog, read_send_sms};

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let at = chrono::DateTime::from_timestamp(1_743_552_000, 0).unwrap();
    let table = CodeTable::tencent_default();
    let mut seen = 0_u64;
    let read = read_send_sms(body, at, &table, |entry| {
        seen += 1;
        if let Ok(SendEntry::Submitted { sent_at, .. }) = entry {
            assert_eq!(sent_at, at);
        }
    });
    if let Ok(entries) = read {
        assert_eq!(entries, seen);
    }
    let mut log = SendLog::new();
    let _ = log.read_send_sms(body, at, &table, |_| ());
    assert!(log.len() as u64 <= seen);
    assert_eq!(log.sent_at("\u{0}never a serial"), None);
});
