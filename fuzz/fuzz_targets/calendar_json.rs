//! Holiday schedules as JSON: never a panic; a schedule that loads is
//! obeyed by the calendar.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sms_sla::calendar::{BusinessCalendar, ChinaMainland, HolidaySchedule};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(years) = serde_json::from_str::<Vec<HolidaySchedule>>(text) else {
        return;
    };
    let Ok(calendar) = ChinaMainland::new().with_schedules(years.clone()) else {
        return;
    };
    for year in &years {
        assert!(calendar.covers(year.year()));
        for day in year.days_off() {
            if !year.make_up_workdays().any(|worked| worked == day) {
                assert_eq!(calendar.is_business_day(day), Ok(false), "{day}");
            }
        }
        for day in year.make_up_workdays() {
            assert_eq!(calendar.is_business_day(day), Ok(true), "{day}");
        }
    }
});
