//! The process-wide table of unclassified codes is bounded: the 65,537th
//! distinct code is an error, never a silent merge (SPEC D15, D18). In a
//! test binary of its own, since it fills the table for the whole process.

#![allow(clippy::unwrap_used, reason = "test code: a panic is a failed test")]

use sms_sla::Error;
use sms_sla::traffic::UnclassifiedCode;

#[test]
fn the_code_table_holds_65536_codes_and_refuses_more() {
    let codes: Vec<UnclassifiedCode> = (0..UnclassifiedCode::CAPACITY)
        .map(|i| UnclassifiedCode::new(&format!("C{i}")).unwrap())
        .collect();
    assert_eq!(codes.last().unwrap().as_str(), "C65535");
    let err = UnclassifiedCode::new("one too many").unwrap_err();
    assert_eq!(
        err,
        Error::TooManyFailureCodes {
            code: "one too many".to_owned()
        }
    );
    assert_eq!(
        err.to_string(),
        "failure code `one too many` cannot be recorded: 65536 distinct unclassified codes are already in use"
    );
    // Codes already known still resolve.
    assert_eq!(UnclassifiedCode::new("C17").unwrap(), codes[17]);
}
