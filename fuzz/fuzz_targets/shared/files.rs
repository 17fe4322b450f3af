//! What every Tencent reader target checks: a document or file read into a
//! `MessageLog` never panics and conserves its entries (D18, D22); a file
//! read as the command reads it (`read_file`) agrees with its entries one
//! by one (`read_entries`, D26); a byte-order mark and CRLF line ends change
//! nothing (D23); a read that fails adds nothing.

use std::collections::HashMap;

use sms_sla::tencent::{CodeTable, FileKind, MessageLog, read_entries};
use sms_sla::traffic::MessageRecord;

/// Each record and how often, to compare logs whatever their order.
pub fn records(log: &MessageLog) -> HashMap<MessageRecord<'_>, usize> {
    let mut counts = HashMap::new();
    for record in log.records() {
        *counts.entry(record).or_insert(0) += 1;
    }
    counts
}

/// The log's counts add up to `entries` read.
pub fn assert_conserved(log: &MessageLog, entries: u64) {
    let s = log.stats();
    assert_eq!(
        s.sends() + s.receipts(),
        s.messages() + s.matched() + s.duplicates() + s.conflicts()
    );
    assert_eq!(s.sends() + s.receipts() + s.rejected(), entries);
    assert_eq!(log.records().len() as u64, s.messages());
}

/// `read` applied to an empty log: conserved when it reads, unchanged when
/// it fails.
pub fn check_document(
    read: impl FnOnce(&mut MessageLog) -> Result<sms_sla::tencent::ReadCounts, sms_sla::Error>,
) {
    let mut log = MessageLog::new(CodeTable::tencent_default());
    match read(&mut log) {
        Ok(read) => assert_conserved(&log, read.entries()),
        Err(_) => assert_eq!(log.stats(), MessageLog::new(CodeTable::tencent_default()).stats()),
    }
}

/// `bytes` as a file of `kind`.
pub fn check_file(kind: FileKind, bytes: &[u8]) {
    let table = CodeTable::tencent_default();
    let mut log = MessageLog::new(table.clone());
    let read = log.read_file(kind, bytes);
    let (mut normal, mut malformed) = (0_u64, 0_u64);
    let entries = read_entries(kind, bytes, &table, |_, entry| match entry {
        Ok(_) => normal += 1,
        Err(_) => malformed += 1,
    });
    match (&read, &entries) {
        (Ok(read), Ok(entries)) => {
            assert_eq!((read.entries(), read.rejected()), (*entries, malformed));
            assert_eq!(normal + malformed, *entries);
            assert_conserved(&log, *entries);
        }
        (Err(a), Err(b)) => {
            assert_eq!(a, b);
            assert_eq!(log.records().len(), 0);
        }
        other => panic!("read_file and read_entries disagree: {other:?}"),
    }
    // The same file after a byte-order mark, with CRLF line ends.
    if bytes.starts_with("\u{feff}".as_bytes()) {
        return;
    }
    let mut windows = "\u{feff}".as_bytes().to_vec();
    for &byte in bytes {
        if byte == b'\n' {
            windows.push(b'\r');
        }
        windows.push(byte);
    }
    let mut other = MessageLog::new(table);
    let again = other.read_file(kind, windows.as_slice());
    assert_eq!(again.is_ok(), read.is_ok(), "{again:?} {read:?}");
    assert_eq!(other.stats(), log.stats());
    assert_eq!(records(&other), records(&log));
}
