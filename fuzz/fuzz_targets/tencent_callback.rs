//! Callback bodies: never a panic; every entry is a record or a rejection,
//! and every record lands in exactly one bucket (D18).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sms_sla::{SlaPolicy, Term};
use sms_sla::tencent::{CodeTable, NoSendInstants, read_callback, read_callback_lines};
use sms_sla::traffic::{AccountKind, Announcements, LedgerBuilder, MessageRecord};

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let term = Term::from_months(chrono::NaiveDate::from_ymd_opt(2024, 3, 17).unwrap(), 3).unwrap();
    let table = CodeTable::tencent_default();
    for lines in [false, true] {
        let mut ledger = LedgerBuilder::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new()).unwrap();
        let (mut records, mut rejected) = (0_u64, 0_u64);
        let mut each = |entry: Result<MessageRecord<'_>, sms_sla::tencent::Rejection>| match entry {
            Ok(record) => {
                ledger.add(&record);
                records += 1;
            }
            Err(rejection) => {
                assert!(rejection.index() < u64::MAX);
                rejected += 1;
            }
        };
        let read = if lines {
            read_callback_lines(body.as_bytes(), &table, &NoSendInstants, &mut each)
        } else {
            read_callback(body, &table, &NoSendInstants, &mut each)
        };
        if let Ok(entries) = read {
            assert_eq!(entries, records + rejected);
        }
        assert_eq!(ledger.finish().total(), records);
    }
});
