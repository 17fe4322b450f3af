//! Entries of any kind, code, time and order folded into one message's
//! `Evidence`: never a panic; cut into two parts anywhere, each part stored
//! as entries, rebuilt in other `Codes` and merged back, the message has
//! the same record and counts (the state an engine's aggregate spills and
//! ships, D19-D21); the decisive entry alone gives the same record.
#![no_main]

use chrono::{DateTime, Utc};
use libfuzzer_sys::fuzz_target;
use sms_sla::tencent::{CodeTable, Codes, Entry, Evidence, RawEntry};

const CODES: [&str; 8] = [
    "DELIVRD", "MK:0001", "UNDELIV", "MX:0009", "-106", "Ok", "InternalError.Timeout", "\u{1}bad",
];
const STATUSES: [Option<&str>; 4] = [Some("SUCCESS"), Some("FAIL"), None, Some("LOST")];

fn at(byte: u8) -> DateTime<Utc> {
    DateTime::from_timestamp(1_738_368_000 + i64::from(byte % 8), 0).unwrap()
}

/// The entry one 3-byte chunk describes, through the one normalisation,
/// if the library reads it.
fn entry(codes: &mut Codes, chunk: &[u8]) -> Option<Entry> {
    let code = CODES[usize::from(chunk[1] % 8)];
    let raw = if chunk[0] % 2 == 0 {
        RawEntry::send(Some(at(chunk[2])), Some(code))
    } else {
        let code = (chunk[1] & 0x80 == 0).then_some(code);
        RawEntry::callback(Some(at(chunk[2])), STATUSES[usize::from(chunk[0] / 2 % 4)], code, None)
    };
    let normal = raw.serial(Some("s1")).normalize(codes.table()).ok()?;
    Some(codes.entry(&normal))
}

/// Evidence stored as entries and rebuilt in `codes`.
fn moved(evidence: &Evidence, from: &Codes, codes: &mut Codes) -> Option<Evidence> {
    let mut rebuilt: Option<Evidence> = None;
    for stored in evidence.entries() {
        let entry = Entry::rebuild(stored.kind(), stored.code(from), stored.at(), stored.count(), codes)
            .expect("an entry the library made rebuilds");
        match &mut rebuilt {
            Some(evidence) => evidence.add(entry, codes),
            None => rebuilt = Some(Evidence::new(entry)),
        }
    }
    rebuilt
}

fuzz_target!(|data: &[u8]| {
    let Some((&cut, data)) = data.split_first() else { return };
    let mut codes = Codes::new(CodeTable::tencent_default());
    let entries: Vec<Entry> = data.chunks_exact(3).filter_map(|chunk| entry(&mut codes, chunk)).collect();
    let Some((&first, rest)) = entries.split_first() else { return };
    let mut whole = Evidence::new(first);
    for &entry in rest {
        whole.add(entry, &codes);
    }

    // Two parts, folded apart, stored, rebuilt elsewhere and merged.
    let cut = usize::from(cut) % entries.len().max(1);
    let (left, right) = entries.split_at(cut.max(1));
    let fold = |part: &[Entry]| {
        let mut evidence = Evidence::new(part[0]);
        for &entry in &part[1..] {
            evidence.add(entry, &codes);
        }
        evidence
    };
    let mut elsewhere = Codes::new(CodeTable::tencent_default());
    let mut merged = moved(&fold(left), &codes, &mut elsewhere).expect("a message has an entry");
    if !right.is_empty() {
        let right = moved(&fold(right), &codes, &mut elsewhere).expect("a message has an entry");
        merged.merge(&right, &elsewhere);
    }
    assert_eq!(merged.record(&elsewhere), whole.record(&codes));
    assert_eq!(merged.stats(&elsewhere, true), whole.stats(&codes, true));

    let decisive = whole.decisive(&codes);
    assert_eq!(Evidence::new(decisive).record(&codes), whole.record(&codes));
});
