//! The one error type of the crate.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc, Weekday};
use rust_decimal::Decimal;

use crate::money::Currency;
use crate::{Money, ServiceMonth, SlaZone, Term, Threshold};

/// Everything that can go wrong in `sms-sla`, one variant per rule.
///
/// Each variant carries the values that broke the rule, and its message
/// names them: lowercase, no trailing period, so it composes into a caller's
/// own message (`failed to assess account 42: term of 0 months starting
/// 2024-03-17 is empty`).
///
/// The enum is `#[non_exhaustive]`: later versions add variants as the
/// library grows, so a `match` needs a catch-all arm.
///
/// # Examples
///
/// ```
/// use chrono::NaiveDate;
/// use sms_sla::{Error, Term};
///
/// let start = NaiveDate::from_ymd_opt(2024, 3, 17).unwrap();
/// let err = Term::from_months(start, 0).unwrap_err();
/// assert_eq!(err, Error::EmptyTerm { start });
/// assert_eq!(err.to_string(), "term of 0 months starting 2024-03-17 is empty");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A term of zero months was asked for ([D1](crate::_documentation::design#d1)).
    #[error("term of 0 months starting {start} is empty")]
    EmptyTerm {
        /// The requested start date.
        start: NaiveDate,
    },

    /// The term's anniversary (`start + months`) is past the last date the
    /// library can represent, [`NaiveDate::MAX`] ([D1](crate::_documentation::design#d1)).
    #[error(
        "term of {} starting {start} ends after the last supported date {}",
        Months(u64::from(*months)),
        NaiveDate::MAX
    )]
    TermOutOfRange {
        /// The requested start date.
        start: NaiveDate,
        /// The requested number of months.
        months: u32,
    },

    /// A term was given with its last day before its first day.
    #[error("term last day {last_day} is before its first day {first_day}")]
    TermReversed {
        /// The first day given.
        first_day: NaiveDate,
        /// The last day given, earlier than `first_day`.
        last_day: NaiveDate,
    },

    /// A Service Month was given with its last day before its first day.
    #[error("service month last day {last_day} is before its first day {first_day}")]
    ServiceMonthReversed {
        /// The first day given.
        first_day: NaiveDate,
        /// The last day given, earlier than `first_day`.
        last_day: NaiveDate,
    },

    /// A Service Month was given whose days are not in one calendar month
    /// (SLA §1.5, [D2](crate::_documentation::design#d2)).
    #[error("service month {first_day} to {last_day} spans more than one calendar month")]
    ServiceMonthSpansMonths {
        /// The first day given.
        first_day: NaiveDate,
        /// The last day given, in a later calendar month.
        last_day: NaiveDate,
    },

    /// An instant whose calendar day in the SLA zone is outside the dates the
    /// library can represent ([D3](crate::_documentation::design#d3)).
    #[error("instant {instant} has no calendar day in the sla zone {offset}")]
    InstantOutOfRange {
        /// The instant given.
        instant: DateTime<Utc>,
        /// The zone's offset from UTC.
        offset: FixedOffset,
    },

    /// An error recorded in a stored form and read back: only its message
    /// is stored (an unavailable claim outlook in a stored assessment).
    #[error("{message}")]
    Recorded {
        /// The message of the error recorded.
        message: String,
    },

    /// A stored form (a tally, ledger, ledger builder, assessor or
    /// assessment) written in a format this version does not know: a newer
    /// one, or 0.
    #[error("stored form is in format {format}; this version reads formats 1 to {newest}")]
    UnknownStoredFormat {
        /// The format found.
        format: u32,
        /// The newest format this version reads.
        newest: u32,
    },

    /// A text that does not read as the value asked for: a [`Term`]
    /// (`2025-01-01 to 2025-12-31`, `2025-01-01..2025-12-31` or
    /// `2025-01-01+12`), a [`ServiceMonth`](crate::ServiceMonth) or
    /// [`Money`](crate::Money) (`0.045 CNY`).
    #[error("cannot read `{text}` as {what}: expected {expected}")]
    Unreadable {
        /// What was being read: `a term`, `a service month`, `money`.
        what: &'static str,
        /// The text given.
        text: String,
        /// The forms accepted.
        expected: &'static str,
    },

    /// A text that is not the snake-case name of a §1.4 reason was given
    /// for an invalid number.
    #[error("unknown invalid-number reason `{name}`: expected a §1.4 reason such as `powered_off`")]
    UnknownInvalidReason {
        /// The text given.
        name: String,
    },

    /// A text that is not a §4 clause number was given for an exemption.
    #[error("unknown exemption clause `{clause}`: the agreement's exemptions are 4.1 to 4.17")]
    UnknownExemptionClause {
        /// The text given.
        clause: String,
    },

    /// A failure code that is empty, too long, holds control characters or
    /// starts or ends with whitespace ([D15](crate::_documentation::design#d15)).
    #[error(
        "failure code `{code}` is not 1 to 64 bytes of printable text without surrounding spaces"
    )]
    InvalidFailureCode {
        /// The code given.
        code: String,
    },

    /// A maintenance or event window whose end is not after its start
    /// ([D14](crate::_documentation::design#d14)).
    #[error("window from {start} to {end} is empty")]
    EmptyWindow {
        /// The start given.
        start: DateTime<Utc>,
        /// The end given, not after `start`.
        end: DateTime<Utc>,
    },

    /// A term too long for a ledger, which keeps counters per day.
    #[error(
        "term {first_day} to {last_day} is longer than {max_days} days, the most a ledger covers"
    )]
    TermTooLongToTally {
        /// The term's first day.
        first_day: NaiveDate,
        /// The term's last day.
        last_day: NaiveDate,
        /// The most days a ledger covers.
        max_days: u32,
    },

    /// Two ledger builders of different terms cannot be merged.
    #[error("cannot merge the ledger of term {right} into the ledger of term {left}")]
    LedgerTermMismatch {
        /// The term of the builder merged into.
        left: Term,
        /// The term of the builder merged from.
        right: Term,
    },

    /// Two ledger builders that count in different zones, for different
    /// kinds of account, with different surge volumes or under different
    /// announcements cannot be merged.
    #[error(
        "cannot merge ledgers of term {term} kept for different accounts, zones, surge volumes or announcements"
    )]
    LedgerRulesMismatch {
        /// The term of both builders.
        term: Term,
    },

    /// A serialized ledger whose months are not its term's Service Months.
    #[error(
        "ledger of term {term} lists {} that {} not the term's service months",
        Months(u64::try_from(*months).unwrap_or(u64::MAX)),
        if *months == 1 { "is" } else { "are" }
    )]
    LedgerMonthsMismatch {
        /// The ledger's term.
        term: Term,
        /// How many months the ledger listed.
        months: usize,
    },

    /// More Apparent Failures than effective messages ([D6](crate::_documentation::design#d6)).
    #[error(
        "apparent failures {apparent_failures} exceed the effective number of sent messages {effective_sent}"
    )]
    FailuresExceedEffective {
        /// The Effective Number given.
        effective_sent: u64,
        /// The Apparent Failures given, more than `effective_sent`.
        apparent_failures: u64,
    },

    /// An availability threshold below 0% or above 100%.
    #[error("availability threshold {percent}% is not between 0% and 100%")]
    ThresholdOutOfRange {
        /// The percentage given.
        percent: Decimal,
    },

    /// An availability threshold with more decimal places than the library
    /// compares exactly.
    #[error("availability threshold {percent}% has more than 16 decimal places")]
    ThresholdTooPrecise {
        /// The percentage given.
        percent: Decimal,
    },

    /// An SLA zone offset that is not `+HH:MM` or `-HH:MM` within a day of
    /// UTC.
    #[error("sla zone offset `{offset}` is not of the form +08:00")]
    InvalidZoneOffset {
        /// The text given.
        offset: String,
    },

    /// A currency code that is not three uppercase letters ([D10](crate::_documentation::design#d10)).
    #[error("currency code `{code}` is not three uppercase letters (ISO 4217)")]
    InvalidCurrency {
        /// The code given.
        code: String,
    },

    /// A negative amount of money ([D8](crate::_documentation::design#d8), [D10](crate::_documentation::design#d10)).
    #[error("amount {amount} {currency} is negative")]
    NegativeMoney {
        /// The amount given or computed.
        amount: Decimal,
        /// Its currency.
        currency: Currency,
    },

    /// Arithmetic between two currencies ([D10](crate::_documentation::design#d10)).
    #[error("cannot combine {} with {}", .left.exact_text(), .right.exact_text())]
    CurrencyMismatch {
        /// The first amount.
        left: Money,
        /// The second amount, in another currency.
        right: Money,
    },

    /// A result that `Decimal` cannot hold exactly (more than 28 digits, or
    /// beyond its range): refused rather than rounded ([D10](crate::_documentation::design#d10)).
    #[error("{left} {operation} {right} cannot be computed exactly")]
    InexactArithmetic {
        /// The left operand.
        left: Decimal,
        /// The operation: `+`, `-`, `*` or `/`.
        operation: &'static str,
        /// The right operand.
        right: Decimal,
    },

    /// Deductions adding up to more than the consumed fee ([D8](crate::_documentation::design#d8)).
    #[error(
        "deductions {} exceed the consumed fee {}",
        .deductions.exact_text(),
        .consumed.exact_text()
    )]
    DeductionsExceedFee {
        /// All deductions, the new one included.
        deductions: Money,
        /// The consumed fee.
        consumed: Money,
    },

    /// A prepaid package of zero units (SLA §1.6).
    #[error("a package priced {} holds no units", .price.exact_text())]
    EmptyPackage {
        /// The package price.
        price: Money,
    },

    /// More units consumed than the package holds (SLA §1.6).
    #[error("{consumed_units} units consumed from a package of {package_units}")]
    PackageOverconsumed {
        /// The units consumed.
        consumed_units: u64,
        /// The units in the package.
        package_units: u64,
    },

    /// A consumed share of a package whose value has no exact decimal form
    /// (SLA §1.6, [D10](crate::_documentation::design#d10)).
    #[error(
        "{consumed_units} of {package_units} units of a {} package has no exact decimal value",
        .price.exact_text()
    )]
    InexactPackageShare {
        /// The units consumed.
        consumed_units: u64,
        /// The units in the package.
        package_units: u64,
        /// The package price.
        price: Money,
    },

    /// A zero price per message: credits would be infinite ([D9](crate::_documentation::design#d9)).
    #[error("unit price {} is not positive", .price.exact_text())]
    NonPositiveUnitPrice {
        /// The price given.
        price: Money,
    },

    /// A compensation rate or cap share outside 0 to 1 ([D16](crate::_documentation::design#d16)).
    #[error("compensation rate {rate} is not between 0 and 1")]
    RateOutOfRange {
        /// The rate given.
        rate: Decimal,
    },

    /// A compensation schedule without tiers ([D16](crate::_documentation::design#d16)).
    #[error("a compensation schedule needs at least one tier")]
    NoTiers,

    /// A tier whose bound is not below the standard ([D16](crate::_documentation::design#d16)).
    #[error("compensation tier from {bound} is not below the standard {standard}")]
    TierNotBelowStandard {
        /// The tier's lower bound.
        bound: Threshold,
        /// The schedule's standard.
        standard: Threshold,
    },

    /// Tiers out of order: each bound must be below the one before
    /// ([D16](crate::_documentation::design#d16)).
    #[error("compensation tier from {next} does not come below the tier from {previous}")]
    TiersNotDescending {
        /// The bound of the earlier tier.
        previous: Threshold,
        /// The bound that should be lower.
        next: Threshold,
    },

    /// A lower tier paying less than the one above it ([D16](crate::_documentation::design#d16)).
    #[error(
        "compensation tier from {bound} pays {rate}, less than the {above} of the tier above it"
    )]
    TierRateDecreases {
        /// The lower tier's bound.
        bound: Threshold,
        /// The lower tier's rate.
        rate: Decimal,
        /// The rate of the tier above.
        above: Decimal,
    },

    /// Tiers that do not reach down to 0% ([D16](crate::_documentation::design#d16)).
    #[error("compensation tiers leave availability below {lowest} without a rate")]
    TiersIncomplete {
        /// The lowest bound given.
        lowest: Threshold,
    },

    /// A business-day calendar without data for a year ([D12](crate::_documentation::design#d12)).
    #[error("no business-day data for {year}: the calendar covers {covered}")]
    CalendarYearNotCovered {
        /// The year asked about.
        year: i32,
        /// The years the calendar covers, such as `2004-2026`.
        covered: String,
    },

    /// A business-day ordinal of 0: they count from 1.
    #[error("business days are counted from 1, not 0")]
    ZeroBusinessDayOrdinal,

    /// A month with fewer business days than asked for.
    #[error("{year}-{month:02} has {found} business days, fewer than {n}")]
    TooFewBusinessDays {
        /// The year.
        year: i32,
        /// The month, 1 to 12.
        month: u32,
        /// The ordinal asked for.
        n: u32,
        /// The business days the month has.
        found: u32,
    },

    /// A month that cannot be represented.
    #[error("month {year}-{month:02} is outside the supported dates")]
    MonthOutOfRange {
        /// The year.
        year: i32,
        /// The month, 1 to 12.
        month: u32,
    },

    /// A schedule added for a year the calendar already has: a known year
    /// is replaced only on request ([D12](crate::_documentation::design#d12)).
    #[error(
        "the calendar already has a schedule for {year}: replace it with with_corrected_schedules"
    )]
    ScheduleYearKnown {
        /// The year already known.
        year: i32,
    },

    /// A correction for a year the calendar has no schedule for ([D12](crate::_documentation::design#d12)).
    #[error("the calendar has no schedule for {year} to correct: add it with with_schedules")]
    ScheduleYearUnknown {
        /// The year not known.
        year: i32,
    },

    /// Two holiday schedules for one year in one load ([D12](crate::_documentation::design#d12)).
    #[error("holiday schedule for {year} is given more than once")]
    DuplicateScheduleYear {
        /// The year given twice.
        year: i32,
    },

    /// A holiday schedule for a year outside 1949 to 9999 ([D12](crate::_documentation::design#d12)).
    #[error("holiday schedule year {year} is outside 1949 to 9999")]
    ScheduleYearOutOfRange {
        /// The year given.
        year: i32,
    },

    /// A holiday schedule listing a day of another year.
    #[error("holiday schedule for {year} lists {date}, a day of another year")]
    ScheduleDateOutsideYear {
        /// The schedule's year.
        year: i32,
        /// The date in another year.
        date: NaiveDate,
    },

    /// A holiday schedule listing a day twice.
    #[error("holiday schedule lists {date} more than once")]
    ScheduleDateRepeated {
        /// The date listed twice.
        date: NaiveDate,
    },

    /// A day listed both as a day off and as a make-up working day.
    #[error("{date} is listed both as a day off and as a make-up working day")]
    ScheduleDayOffAndWorked {
        /// The date in both lists.
        date: NaiveDate,
    },

    /// A make-up working day on a weekday: make-up days replace weekend
    /// days ([D12](crate::_documentation::design#d12)).
    #[error("make-up working day {date} is a {}, not a weekend day", weekday_name(date.weekday()))]
    MakeUpDayNotWeekend {
        /// The date given.
        date: NaiveDate,
    },

    /// A claim rule counting from business day 0 or past the 23rd.
    #[error("claim business day {business_day} is not between 1 and 23")]
    InvalidClaimBusinessDay {
        /// The business day given.
        business_day: u32,
    },

    /// A claim window whose dates cannot be represented ([D11](crate::_documentation::design#d11)).
    #[error("the claim window of service month {month} falls outside the supported dates")]
    ClaimWindowOutOfRange {
        /// The Service Month.
        month: ServiceMonth,
    },

    /// A claim window that would close before it opens ([D11](crate::_documentation::design#d11)).
    #[error(
        "the claim window of service month {month} would open {opens_on} but close {closes_on}"
    )]
    EmptyClaimWindow {
        /// The Service Month.
        month: ServiceMonth,
        /// The day it would open.
        opens_on: NaiveDate,
        /// The day it would close, before `opens_on`.
        closes_on: NaiveDate,
    },

    /// A Tencent document that is not JSON of the expected shape (adapters
    /// at the edge; single entries are rejected, not errors).
    #[error("tencent {format} document is malformed: {reason}")]
    TencentDocument {
        /// Which document: `callback`, `pull`, `send_sms` or `send log`.
        format: &'static str,
        /// What the JSON reader found.
        reason: String,
    },

    /// Reading a Tencent document failed; the I/O error is the
    /// [`source`](std::error::Error::source).
    #[error("tencent {format} input could not be read{}", Line(*line))]
    TencentRead {
        /// Which document.
        format: &'static str,
        /// The line being read, 1-based, when the input is read by line.
        line: Option<u64>,
        /// The I/O error.
        source: IoError,
    },

    /// Two message logs that classify codes with different tables cannot
    /// merge: the same code could mean two things.
    #[error("message logs with different code tables cannot be merged")]
    LogTablesDiffer,

    /// Text that names no [`EntryKind`](crate::tencent::EntryKind).
    #[error("`{text}` is not an entry kind")]
    UnknownEntryKind {
        /// The text given (at most 64 bytes of it).
        text: String,
    },

    /// Text that names no [`CodeClass`](crate::tencent::CodeClass).
    #[error("`{text}` is not a code class")]
    UnknownCodeClass {
        /// The text given (at most 64 bytes of it).
        text: String,
    },

    /// A stored form (a message log, an assessor) whose parts disagree
    /// with each other or with the rules: it was not written by this
    /// library, or was changed since.
    #[error("invalid stored {form}: {reason}")]
    InvalidStoredForm {
        /// The form: `message log`, `assessor`.
        form: &'static str,
        /// What is wrong.
        reason: String,
    },

    /// An assessor that already counts a message log was given another
    /// one (or merged with an assessor that counts one): two logs may hold
    /// the same messages, which would then count twice
    /// ([D27](crate::_documentation::design#d27)). Read every batch into
    /// one log, and add that log once.
    #[error(
        "this assessor already counts a message log: read every batch into one log and add it once (D27)"
    )]
    LogCountedTwice,

    /// A month sealed in another zone than the months a log sealed before
    /// (or a log sealed in another zone than its assessor's policy): its
    /// days would not be the same days.
    #[error(
        "a log sealed in the sla zone {sealed} cannot be sealed or assessed in the sla zone {zone}"
    )]
    SealZoneDiffers {
        /// The zone the log's months were sealed in.
        sealed: SlaZone,
        /// The zone asked for.
        zone: SlaZone,
    },

    /// A month to seal that overlaps one sealed already without being it.
    #[error("service month {month} overlaps service month {sealed}, sealed already")]
    SealOverlaps {
        /// The month asked for.
        month: ServiceMonth,
        /// The sealed month it overlaps.
        sealed: ServiceMonth,
    },

    /// A log with sealed months merged into another: their messages have
    /// no serial numbers left to be matched by
    /// ([D27](crate::_documentation::design#d27)).
    #[error(
        "a message log with sealed months cannot be merged into another: read the other's documents into it instead"
    )]
    MergeSealed,

    /// A log that sealed a month its assessor's term does not have.
    #[error("the message log sealed service month {month}, which is not one of the term {term}")]
    SealedOutsideTerm {
        /// The sealed month.
        month: ServiceMonth,
        /// The term.
        term: Term,
    },

    /// A Tencent Cloud API response that is an error, not data.
    #[error("tencent api error {code}: {message}")]
    TencentApi {
        /// Tencent's error code.
        code: String,
        /// Tencent's message.
        message: String,
    },

    /// A Service Month with no Monthly Service Fee given (§1.6).
    #[error("no monthly service fee given for service month {month}")]
    MissingFee {
        /// The month without a fee.
        month: ServiceMonth,
    },

    /// A fee for a month that is not one of the term's Service Months.
    #[error("a fee is given for {month}, which is not a service month of the term {term}")]
    FeeOutsideTerm {
        /// The month given.
        month: ServiceMonth,
        /// The term.
        term: Term,
    },

    /// Two fees for one Service Month.
    #[error("service month {month} is given more than one fee")]
    DuplicateFee {
        /// The month given twice.
        month: ServiceMonth,
    },

    /// Two assessors under different policies cannot be merged.
    #[error("cannot merge assessments of term {term} made under different policies")]
    AssessorPolicyMismatch {
        /// The term.
        term: Term,
    },

    /// A serialized compensation whose figures disagree with each other.
    #[error("inconsistent compensation: {reason}")]
    InconsistentCompensation {
        /// What disagrees.
        reason: &'static str,
    },

    /// Drawing a chart failed.
    #[error("the chart could not be drawn: {reason}")]
    Chart {
        /// What the drawing library reported.
        reason: String,
    },

    /// A serialized partial tally that does not describe its term.
    #[error("invalid partial tally: {reason}")]
    InvalidPartialTally {
        /// What is wrong.
        reason: String,
    },

    /// A Unix time that is not an instant: nanoseconds of a second or
    /// more, or a date outside chrono's range.
    #[error(
        "unix time {seconds} s + {nanos} ns is not an instant: nanoseconds must be below one second and the date within chrono's range"
    )]
    UnixTimeOutOfRange {
        /// The seconds since the Unix epoch.
        seconds: i64,
        /// The nanoseconds past them.
        nanos: u32,
    },

    /// Columns of one table with different numbers of rows.
    #[error("the time column has {times} rows but the class column has {classes}")]
    ColumnLengthsDiffer {
        /// Rows of the time column.
        times: usize,
        /// Rows of the class column.
        classes: usize,
    },

    /// A class column's key with no class in the dictionary given with
    /// it: the columns are refused whole and nothing is counted.
    #[error("row {row}: class key {key} is not an index of the {classes} classes given")]
    ClassKeyOutOfRange {
        /// The row, from 0.
        row: usize,
        /// The key.
        key: String,
        /// How many classes the dictionary holds.
        classes: usize,
    },

    /// An Arrow column the kernel cannot read (feature `arrow`).
    #[error("arrow column `{column}` cannot be read: {reason}")]
    ArrowColumn {
        /// The column's name.
        column: String,
        /// Why.
        reason: String,
    },
}

/// The English name of a weekday, for messages.
fn weekday_name(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// A count of months with its noun in the right number: `1 month`,
/// `3 months`.
struct Months(u64);

impl core::fmt::Display for Months {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.0 {
            1 => f.write_str("1 month"),
            n => write!(f, "{n} months"),
        }
    }
}

/// ` at line N`, or nothing.
struct Line(Option<u64>);

impl core::fmt::Display for Line {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.0 {
            Some(line) => write!(f, " at line {line}"),
            None => Ok(()),
        }
    }
}

/// An I/O error inside an [`Error`], shared so that `Error` stays `Clone`.
/// Two are equal when their kind and message are.
///
/// # Examples
///
/// ```
/// use std::error::Error as _;
/// use std::io;
/// use sms_sla::IoError;
///
/// let err = IoError::from(io::Error::other("disk gone"));
/// assert_eq!(err.kind(), io::ErrorKind::Other);
/// assert_eq!(err.to_string(), "disk gone");
/// assert_eq!(err, IoError::from(io::Error::other("disk gone")));
/// assert!(err.source().is_none());
/// ```
#[derive(Clone, Debug)]
pub struct IoError(std::sync::Arc<std::io::Error>);

impl IoError {
    /// The error's kind.
    #[must_use]
    pub fn kind(&self) -> std::io::ErrorKind {
        self.0.kind()
    }

    /// The I/O error itself.
    #[must_use]
    pub fn get_ref(&self) -> &std::io::Error {
        &self.0
    }
}

impl From<std::io::Error> for IoError {
    fn from(err: std::io::Error) -> Self {
        Self(std::sync::Arc::new(err))
    }
}

impl PartialEq for IoError {
    fn eq(&self, other: &Self) -> bool {
        self.kind() == other.kind() && self.0.to_string() == other.0.to_string()
    }
}

impl Eq for IoError {}

impl core::hash::Hash for IoError {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.kind().hash(state);
        self.0.to_string().hash(state);
    }
}

impl core::fmt::Display for IoError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for IoError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}
