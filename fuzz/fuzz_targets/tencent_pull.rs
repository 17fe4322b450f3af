//! Pull responses and files of them: never a panic; entries conserved; a
//! file reads as its entries, with or without a byte-order mark and CRLF
//! (D18, D22, D23, D26).
#![no_main]

#[path = "shared/files.rs"]
mod files;

use libfuzzer_sys::fuzz_target;
use sms_sla::tencent::FileKind;

fuzz_target!(|data: &[u8]| {
    if let Ok(body) = std::str::from_utf8(data) {
        files::check_document(|log| log.read_pull(body));
    }
    files::check_file(FileKind::Pull, data);
});
