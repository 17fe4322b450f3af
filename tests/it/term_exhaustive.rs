//! Exhaustive check of SPEC D1 and D2: every start day from 2000-01-01 to
//! 2100-12-31 with every term length from 1 to 36 months.

use crate::util::{assert_tiles, d, expected_count, expected_last_day};
use sms_sla::Term;

// Source: SPEC D1 (last day = clamped anniversary - 1) and D2 (tiling, count).
#[test]
fn d1_d2_every_start_day_2000_to_2100_with_1_to_36_months() {
    let mut terms = 0_u64;
    let mut months_walked = 0_u64;
    for start in d(2000, 1, 1)
        .iter_days()
        .take_while(|&day| day <= d(2100, 12, 31))
    {
        for months in 1..=36 {
            let term = Term::from_months(start, months).unwrap();
            assert_eq!(term.first_day(), start);
            assert_eq!(
                Some(term.last_day()),
                expected_last_day(start, months),
                "{start} + {months}"
            );
            let count = term.service_months().len();
            assert_eq!(count, expected_count(start, months), "{start} + {months}");
            assert_tiles(term, usize::MAX);
            terms += 1;
            months_walked += count as u64;
        }
    }
    // 36,890 start days (25 leap years in 2000-2100) x 36 lengths.
    assert_eq!(terms, 36_890 * 36);
    assert!(months_walked > terms * 18);
}
