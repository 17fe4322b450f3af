//! Helpers shared by the integration tests: tiny date constructors and an
//! oracle for the SLA's term arithmetic that does not use chrono's month
//! addition, so the tests check the library rather than restate it.

#![allow(
    dead_code,
    unused_macros,
    unused_imports,
    reason = "each test crate uses a different subset"
)]

/// Asserts that `err` is the rule written as
/// `Error::Concern(ConcernError::Rule { field: value, ... })`, comparing each
/// field named (the variants are `#[non_exhaustive]`: a test reads their
/// values, only the library builds them). The expected values are evaluated
/// before the error is matched, so a field never compares with itself.
macro_rules! assert_rule {
    ($err:expr, Error::$concern:ident($area:ident::$rule:ident $({ $($field:ident: $value:expr),* $(,)? })? $(,)?) $(,)?) => {{
        let err = &$err;
        let expected = ($($(&$value,)*)?);
        match err {
            sms_sla::Error::$concern(sms_sla::error::$area::$rule $({ $($field,)* .. })?) => {
                assert_eq!(($($($field,)*)?), expected, "{:?}", err);
            }
            other => panic!("expected {}::{}, got {other:?}", stringify!($area), stringify!($rule)),
        }
    }};
}
pub(crate) use assert_rule;

/// Asserts that `result` failed with the rule written as in
/// [`assert_rule`], and that the error's message is `text`.
macro_rules! assert_error {
    ($result:expr, $($rule:tt)::+($($args:tt)*), $text:expr $(,)?) => {{
        let err = $result.unwrap_err();
        $crate::util::assert_rule!(err, $($rule)::+($($args)*));
        assert_eq!(err.to_string(), AsRef::<str>::as_ref(&$text));
    }};
}
pub(crate) use assert_error;

use chrono::{Datelike, NaiveDate};
use sms_sla::assess::Assessor;
use sms_sla::traffic::{AccountKind, Announcements, LedgerBuilder, Window};
use sms_sla::{ServiceMonth, SlaPolicy, SlaZone, Term};

/// What a ledger is kept under, as the tests vary it: the policy (zone,
/// surge volumes), the kind of account and its announcements. Each `with_`
/// sets the one place the library keeps that setting.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Setup {
    pub(crate) policy: SlaPolicy,
    pub(crate) account: AccountKind,
    pub(crate) announcements: Announcements,
}

impl Setup {
    /// The agreement, an ordinary account, nothing announced.
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// The agreement, a gateway account, nothing announced.
    pub(crate) fn gateway() -> Self {
        Self {
            account: AccountKind::Gateway,
            ..Self::default()
        }
    }

    pub(crate) fn with_zone(mut self, zone: SlaZone) -> Self {
        self.policy = self.policy.with_zone(zone);
        self
    }

    /// The account's kind's surge volume, in the policy.
    pub(crate) fn with_surge_threshold(mut self, threshold: Option<u64>) -> Self {
        self.policy = self.policy.with_surge_threshold(self.account, threshold);
        self
    }

    pub(crate) fn with_maintenance(mut self, window: Window) -> Self {
        self.announcements = self.announcements.with_maintenance(window);
        self
    }

    pub(crate) fn with_event(mut self, window: Window) -> Self {
        self.announcements = self.announcements.with_event(window);
        self
    }

    pub(crate) fn with_surge_notice(mut self, day: NaiveDate) -> Self {
        self.announcements = self.announcements.with_surge_notice(day);
        self
    }

    /// An empty ledger builder for `term`.
    #[track_caller]
    pub(crate) fn builder(&self, term: Term) -> LedgerBuilder {
        LedgerBuilder::new(&self.policy, term, self.account, self.announcements.clone()).unwrap()
    }

    /// An empty assessor for `term`.
    #[track_caller]
    pub(crate) fn assessor(&self, term: Term) -> Assessor {
        Assessor::new(&self.policy, term, self.account, self.announcements.clone()).unwrap()
    }
}

/// `NaiveDate` from year, month and day; panics (failing the test) if invalid.
#[track_caller]
pub(crate) fn d(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day)
        .unwrap_or_else(|| panic!("{year}-{month}-{day} is not a date"))
}

/// Days in a calendar month, by trying 31, 30, 29 and 28.
pub(crate) fn days_in_month(year: i32, month: u32) -> Option<u32> {
    (28..=31)
        .rev()
        .find(|&day| NaiveDate::from_ymd_opt(year, month, day).is_some())
}

/// The N-month anniversary of `start`, clamped to the end of the target
/// month (D1), computed from year/month numbers, or `None` if not
/// representable.
pub(crate) fn anniversary(start: NaiveDate, months: u32) -> Option<NaiveDate> {
    let index = i64::from(start.year()) * 12 + i64::from(start.month0()) + i64::from(months);
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = u32::try_from(index.rem_euclid(12)).ok()? + 1;
    let day = start.day().min(days_in_month(year, month)?);
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The last day of the term of `months` months from `start` (D1), by the
/// oracle.
pub(crate) fn expected_last_day(start: NaiveDate, months: u32) -> Option<NaiveDate> {
    anniversary(start, months)?.pred_opt()
}

/// Asserts that `months` (consecutive Service Months) are contiguous and
/// each inside one calendar month; returns how many there were.
#[track_caller]
pub(crate) fn assert_contiguous(months: impl IntoIterator<Item = ServiceMonth>) -> usize {
    let mut previous: Option<ServiceMonth> = None;
    let mut count = 0;
    for month in months {
        let (first, last) = (month.first_day(), month.last_day());
        assert!(first <= last, "{month} is reversed");
        assert_eq!(
            (first.year(), first.month()),
            (last.year(), last.month()),
            "{month} spans two calendar months"
        );
        assert_eq!(month.days(), last.day() - first.day() + 1, "{month} days");
        assert_eq!(
            (month.year(), month.month().number_from_month()),
            (first.year(), first.month())
        );
        if let Some(before) = previous {
            assert_eq!(
                before.last_day().succ_opt(),
                Some(first),
                "gap or overlap before {month}"
            );
            // Every month after the first starts on the 1st, so (being
            // contiguous) every month before the last ends its calendar month.
            assert_eq!(first.day(), 1, "{month} does not start on the 1st");
        }
        previous = Some(month);
        count += 1;
    }
    count
}

/// Asserts that `term`'s Service Months tile it exactly (D2): the first
/// starts on the term's first day, the last ends on its last day, they are
/// contiguous and the iterator's length is their count. Terms with more than
/// `walk_limit` months are checked at both ends and at sampled indices.
#[track_caller]
pub(crate) fn assert_tiles(term: Term, walk_limit: usize) {
    let months = term.service_months();
    let len = months.len();
    assert!(len >= 1, "{term} has no service months");
    let first = months.clone().next().unwrap();
    let last = months.clone().next_back().unwrap();
    assert_eq!(first.first_day(), term.first_day(), "{term}: first month");
    assert_eq!(last.last_day(), term.last_day(), "{term}: last month");
    if len <= walk_limit {
        assert_eq!(assert_contiguous(months), len, "{term}: len");
    } else {
        let half = walk_limit / 2;
        assert_eq!(assert_contiguous(months.clone().take(half)), half);
        let mut tail: Vec<_> = months.clone().rev().take(half).collect();
        tail.reverse();
        assert_eq!(assert_contiguous(tail), half);
        for index in [half, len / 3, len / 2, len - half - 1] {
            let pair = months.clone().skip(index).take(2);
            assert_eq!(
                assert_contiguous(pair),
                2,
                "{term}: months {index} and {}",
                index + 1
            );
        }
    }
}

/// The number of Service Months D2 promises for `months` months from `start`.
pub(crate) fn expected_count(start: NaiveDate, months: u32) -> usize {
    let months = usize::try_from(months).unwrap();
    if start.day() == 1 { months } else { months + 1 }
}
