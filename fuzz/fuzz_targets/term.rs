//! Terms from any date and month count: a tiling term or a typed error.
#![no_main]

use chrono::{Datelike, NaiveDate};
use libfuzzer_sys::fuzz_target;
use sms_sla::Term;

fuzz_target!(|input: (i32, u32, i32)| {
    let (start, months, end) = input;
    let day = |n: i32| NaiveDate::from_num_days_from_ce_opt(n);
    let Some(start) = day(start) else { return };
    for term in [
        Term::from_months(start, months).ok(),
        day(end).and_then(|end| Term::new(start, end).ok()),
    ]
    .into_iter()
    .flatten()
    {
        let months = term.service_months();
        let len = months.len();
        assert!(len >= 1);
        let first = months.clone().next().unwrap();
        let last = months.clone().next_back().unwrap();
        assert_eq!(first.first_day(), term.first_day());
        assert_eq!(last.last_day(), term.last_day());
        // Contiguity at both ends and at a middle index.
        for index in [0, len / 2, len.saturating_sub(2)] {
            let pair: Vec<_> = months.clone().skip(index).take(2).collect();
            for month in &pair {
                assert_eq!(
                    (month.first_day().year(), month.first_day().month()),
                    (month.last_day().year(), month.last_day().month())
                );
                assert!(month.first_day() <= month.last_day());
            }
            if let [a, b] = pair.as_slice() {
                assert_eq!(a.last_day().succ_opt(), Some(b.first_day()));
            }
        }
        assert_eq!(months.count(), len);
    }
});
