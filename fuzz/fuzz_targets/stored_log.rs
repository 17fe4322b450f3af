//! A stored message log, as a state file holds it (D27): never a panic;
//! one that reads writes the same text again, and reads back as itself;
//! its records are its messages.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sms_sla::tencent::MessageLog;

fuzz_target!(|data: &[u8]| {
    let Ok(log) = serde_json::from_slice::<MessageLog>(data) else {
        return;
    };
    let text = serde_json::to_string(&log).unwrap();
    let back: MessageLog = serde_json::from_str(&text).unwrap();
    assert_eq!(serde_json::to_string(&back).unwrap(), text);
    assert_eq!(back.stats(), log.stats());
    assert_eq!(log.records().len() as u64, log.stats().messages());
});
