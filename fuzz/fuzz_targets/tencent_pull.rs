//! Pull responses: never a panic; entries are records or rejections (D18).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sms_sla::tencent::{CodeTable, NoSendInstants, read_pull};
use sms_sla::traffic::Tally;

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let mut tally = Tally::new();
    let (mut records, mut rejected) = (0_u64, 0_u64);
    let read = read_pull(
        body,
        &CodeTable::tencent_default(),
        &NoSendInstants,
        |entry| match entry {
            Ok(record) => {
                tally.add(&record);
                records += 1;
            }
            Err(_) => rejected += 1,
        },
    );
    if let Ok(entries) = read {
        assert!(entries <= records + rejected);
    }
    assert_eq!(tally.total(), records);
    assert!(tally.apparent_failures() <= tally.effective_sent());
});
