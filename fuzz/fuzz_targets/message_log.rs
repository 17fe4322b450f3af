//! Sequences of Tencent documents into a `MessageLog`: never a panic; after
//! every read the entries are conserved; a document that fails changes
//! nothing; reading order, merging and reading NDJSON on every core do not
//! change the messages (D19-D22); stored and restored after every
//! document, the log is the same, and sealed halfway every entry is still
//! accounted for, late ones included (D27).
#![no_main]

use std::collections::HashMap;

use chrono::{NaiveDate, TimeZone, Utc};
use libfuzzer_sys::fuzz_target;
use sms_sla::tencent::{CodeTable, FileKind, MessageLog};
use sms_sla::traffic::MessageRecord;
use sms_sla::{SlaZone, Term};

/// The documents of the input: separated by `\0`, each led by a byte that
/// picks its kind.
fn documents(data: &[u8]) -> Vec<(u8, &str)> {
    data.split(|&byte| byte == 0)
        .filter_map(|part| {
            let (&kind, body) = part.split_first()?;
            Some((kind % 7, std::str::from_utf8(body).ok()?))
        })
        .take(16)
        .collect()
}

fn read(log: &mut MessageLog, kind: u8, body: &str) -> Option<u64> {
    let at = Utc.with_ymd_and_hms(2025, 4, 2, 0, 0, 0).unwrap();
    let read = match kind {
        0 => log.read_send_sms(body, at),
        1 => log.read_callback(body),
        2 => log.read_callback_lines(body.as_bytes()),
        3 => log.read_pull(body),
        4 => log.read_file(FileKind::SendLog, body.as_bytes()),
        5 => log.read_file(FileKind::Callbacks, body.as_bytes()),
        _ => log.read_file(FileKind::Pull, body.as_bytes()),
    };
    read.ok().map(|read| read.entries())
}

fn records(log: &MessageLog) -> HashMap<MessageRecord<'_>, usize> {
    let mut counts = HashMap::new();
    for record in log.records() {
        *counts.entry(record).or_insert(0) += 1;
    }
    counts
}

fuzz_target!(|data: &[u8]| {
    let docs = documents(data);
    let table = CodeTable::tencent_default();
    let mut log = MessageLog::new(table.clone());
    let mut entries = 0_u64;
    for &(kind, body) in &docs {
        let before = log.stats();
        match read(&mut log, kind, body) {
            Some(read) => entries += read,
            None => assert_eq!(log.stats(), before),
        }
        let s = log.stats();
        assert_eq!(
            s.sends() + s.receipts(),
            s.messages() + s.matched() + s.duplicates() + s.conflicts()
        );
        assert_eq!(s.sends() + s.receipts() + s.rejected(), entries);
        assert_eq!(log.records().len() as u64, s.messages());
    }
    let mut reversed = MessageLog::new(table.clone());
    for &(kind, body) in docs.iter().rev() {
        read(&mut reversed, kind, body);
    }
    assert_eq!(records(&reversed), records(&log));
    assert_eq!(reversed.stats(), log.stats());
    let (left_docs, right_docs) = docs.split_at(docs.len() / 2);
    let mut left = MessageLog::new(table.clone());
    for &(kind, body) in left_docs {
        read(&mut left, kind, body);
    }
    let mut right = MessageLog::new(table);
    for &(kind, body) in right_docs {
        read(&mut right, kind, body);
    }
    left.merge(&right).unwrap();
    assert_eq!(records(&left), records(&log));
    assert_eq!(left.stats(), log.stats());
    // NDJSON read on every core gives what the sequential reader gives.
    let mut parallel = MessageLog::new(CodeTable::tencent_default());
    for &(kind, body) in &docs {
        if kind == 2 {
            let read = parallel.par_read_callback_lines(body.as_bytes());
            let mut alone = MessageLog::new(CodeTable::tencent_default());
            assert_eq!(read, alone.read_callback_lines(body.as_bytes()));
        } else {
            read(&mut parallel, kind, body);
        }
    }
    assert_eq!(records(&parallel), records(&log));
    assert_eq!(parallel.stats(), log.stats());
    assert_eq!(parallel.rejections(), log.rejections());
    // Day by day: stored and restored after every document.
    let mut daily = MessageLog::new(CodeTable::tencent_default());
    for &(kind, body) in &docs {
        read(&mut daily, kind, body);
        let text = serde_json::to_string(&daily).unwrap();
        daily = serde_json::from_str(&text).unwrap();
        assert_eq!(serde_json::to_string(&daily).unwrap(), text);
    }
    assert_eq!(records(&daily), records(&log));
    assert_eq!(daily.stats(), log.stats());
    // April sealed halfway: nothing lost, late entries counted.
    let april = Term::from_months(NaiveDate::from_ymd_opt(2025, 4, 1).unwrap(), 1)
        .unwrap()
        .service_months()
        .next()
        .unwrap();
    let mut sealed = MessageLog::new(CodeTable::tencent_default());
    let mut entries = 0_u64;
    for (at, &(kind, body)) in docs.iter().enumerate() {
        if at == docs.len() / 2 {
            sealed.seal(april, SlaZone::CHINA_STANDARD_TIME).unwrap();
        }
        entries += read(&mut sealed, kind, body).unwrap_or(0);
    }
    let s = sealed.stats();
    assert_eq!(s.sends() + s.receipts() + s.rejected() + s.late(), entries);
    assert_eq!(sealed.records().len() as u64, s.messages());
    let text = serde_json::to_string(&sealed).unwrap();
    let back: MessageLog = serde_json::from_str(&text).unwrap();
    assert_eq!(serde_json::to_string(&back).unwrap(), text);
});
