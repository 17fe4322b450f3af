//! The receipt scanner against `serde_json` on the same bytes: where the
//! scanner reads a line, `serde_json`'s strict parse reads the same fields
//! from it, for every schema of Tencent's (what it does not read is
//! `serde_json`'s to accept or refuse).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Err(difference) = sms_sla::tencent::fuzzing::scanner_agrees_with_serde_json(text)
    {
        panic!("{difference}");
    }
});
