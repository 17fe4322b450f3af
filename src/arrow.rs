//! A kernel for Arrow-native engines (feature `arrow`): tally a
//! `RecordBatch` into a [`LedgerBuilder`].
//!
//! An engine such as `DataFusion`, Polars or Spark (through Arrow) groups
//! records by account and hands each group's batches to
//! [`tally_batch`]; the partial [`LedgerBuilder`]s merge exactly and
//! serialize, so the rest of the pipeline (assessment, reports) is the
//! library's own.
//!
//! Two columns are read:
//!
//! - the send time: `Timestamp` of any unit (read as UTC), or `Int64`
//!   Unix seconds;
//! - the class, `Utf8`, `LargeUtf8`, `Utf8View` or a dictionary of them
//!   with any integer key: `delivered`, `unconfirmed`,
//!   `provider_side`, `exempt:<clause>` (`exempt:4.13`),
//!   `invalid:<reason>` (`invalid:powered_off`, the names of
//!   [`InvalidReason::name`]) or `unclassified:<code>`.
//!
//! A row with a null or unreadable value is counted as rejected, never
//! dropped ([D18](crate::_documentation::design#d18)).
//!
//! ```
//! use std::sync::Arc;
//! use arrow_array::{ArrayRef, Int64Array, RecordBatch, StringArray};
//! use chrono::NaiveDate;
//! use sms_sla::Term;
//! use sms_sla::arrow::tally_batch;
//! use sms_sla::traffic::{AccountKind, Announcements, LedgerBuilder};
//! use sms_sla::SlaPolicy;
//!
//! let sent: ArrayRef = Arc::new(Int64Array::from(vec![Some(1_743_552_000), Some(1_743_552_001), None]));
//! let class: ArrayRef = Arc::new(StringArray::from(vec!["delivered", "unclassified:REJECTD", "delivered"]));
//! let batch = RecordBatch::try_from_iter([("sent_at", sent), ("class", class)]).unwrap();
//!
//! let term = Term::from_months(NaiveDate::from_ymd_opt(2025, 4, 1).unwrap(), 1)?;
//! let mut builder = LedgerBuilder::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new())?;
//! let outcome = tally_batch(&mut builder, &batch, "sent_at", "class")?;
//! assert_eq!((outcome.rows(), outcome.rejected()), (3, 1));
//! let ledger = builder.finish();
//! let (_, april) = ledger.months().next().unwrap();
//! assert_eq!((april.delivered(), april.unclassified_total()), (1, 1));
//! # Ok::<(), sms_sla::Error>(())
//! ```

use core::borrow::Borrow;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    ArrowDictionaryKeyType, Int8Type, Int16Type, Int32Type, Int64Type, TimestampMicrosecondType,
    TimestampMillisecondType, TimestampNanosecondType, TimestampSecondType, UInt8Type, UInt16Type,
    UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrayAccessor, ArrowPrimitiveType, RecordBatch};
use arrow_buffer::{ArrowNativeType, NullBuffer};
use arrow_schema::{DataType, TimeUnit};
use hashbrown::HashMap;

use crate::error::{ColumnError, Error};
use crate::traffic::{
    Exemption, FailureCause, InvalidReason, LedgerBuilder, MessageClass, Outcome, Recipient,
    UnclassifiedCode,
};

/// What [`tally_batch`] did with a batch's rows.
///
/// # Examples
///
/// See the [module documentation](self).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BatchSummary {
    rows: u64,
    rejected: u64,
    first_rejection: Option<String>,
}

impl BatchSummary {
    /// Rows read.
    #[must_use]
    pub const fn rows(&self) -> u64 {
        self.rows
    }

    /// Rows rejected: a null or unreadable time or class ([D18](crate::_documentation::design#d18)).
    #[must_use]
    pub const fn rejected(&self) -> u64 {
        self.rejected
    }

    /// Why the first rejected row was rejected, with its index.
    #[must_use]
    pub fn first_rejection(&self) -> Option<&str> {
        self.first_rejection.as_deref()
    }

    /// The summary of `rows` rows, none rejected yet.
    fn of_rows(rows: usize) -> Self {
        Self {
            rows: u64::try_from(rows).unwrap_or(u64::MAX),
            ..Self::default()
        }
    }

    fn reject(&mut self, row: usize, reason: &str) {
        self.rejected = self.rejected.saturating_add(1);
        if self.first_rejection.is_none() {
            self.first_rejection = Some(format!("row {row}: {reason}"));
        }
    }
}

/// Tallies every row of `batch` into `builder`, reading the send time from
/// column `time` and the class from column `class` (see the
/// [module documentation](self) for the types and names).
///
/// # Errors
///
/// [`ColumnError::NoSuchColumn`] when a column is missing;
/// [`ColumnError::TimeColumnType`] or [`ColumnError::ClassColumnType`] when
/// one is of a type the kernel does not read. Bad values in single rows are
/// rejected rows, not errors.
///
/// # Examples
///
/// ```
/// use std::sync::Arc;
/// use arrow_array::{ArrayRef, Float64Array, RecordBatch};
/// use chrono::NaiveDate;
/// use sms_sla::Term;
/// use sms_sla::arrow::tally_batch;
/// use sms_sla::traffic::{AccountKind, Announcements, LedgerBuilder};
/// use sms_sla::SlaPolicy;
///
/// let time: ArrayRef = Arc::new(Float64Array::from(vec![1.5]));
/// let batch = RecordBatch::try_from_iter([("sent_at", time)]).unwrap();
/// let term = Term::from_months(NaiveDate::from_ymd_opt(2025, 4, 1).unwrap(), 1)?;
/// let mut builder = LedgerBuilder::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new())?;
/// let err = tally_batch(&mut builder, &batch, "sent_at", "class").unwrap_err();
/// assert_eq!(err.to_string(), "arrow column `sent_at` cannot be read: Float64 is neither a timestamp nor Int64 seconds");
/// # Ok::<(), sms_sla::Error>(())
/// ```
pub fn tally_batch(
    builder: &mut LedgerBuilder,
    batch: &RecordBatch,
    time: &str,
    class: &str,
) -> Result<BatchSummary, Error> {
    let column = |name: &str| {
        batch.column_by_name(name).ok_or_else(|| {
            Error::Columns(ColumnError::NoSuchColumn {
                column: name.to_owned(),
            })
        })
    };
    let time_column = column(time)?;
    let times = Times::of(time_column.as_ref()).ok_or_else(|| {
        Error::Columns(ColumnError::TimeColumnType {
            column: time.to_owned(),
            found: time_column.data_type().clone(),
        })
    })?;
    let classes = column(class)?;
    let unreadable = || {
        Error::Columns(ColumnError::ClassColumnType {
            column: class.to_owned(),
            found: classes.data_type().clone(),
        })
    };
    let rows = batch.num_rows();
    let summary = match classes.data_type() {
        DataType::Utf8 => by_name(builder, &times, rows, classes.as_string::<i32>()),
        DataType::LargeUtf8 => by_name(builder, &times, rows, classes.as_string::<i64>()),
        DataType::Utf8View => by_name(builder, &times, rows, classes.as_string_view()),
        DataType::Dictionary(key, _) => {
            let classes = classes.as_ref();
            match key.as_ref() {
                DataType::Int8 => by_key::<Int8Type>(builder, &times, rows, classes),
                DataType::Int16 => by_key::<Int16Type>(builder, &times, rows, classes),
                DataType::Int32 => by_key::<Int32Type>(builder, &times, rows, classes),
                DataType::Int64 => by_key::<Int64Type>(builder, &times, rows, classes),
                DataType::UInt8 => by_key::<UInt8Type>(builder, &times, rows, classes),
                DataType::UInt16 => by_key::<UInt16Type>(builder, &times, rows, classes),
                DataType::UInt32 => by_key::<UInt32Type>(builder, &times, rows, classes),
                DataType::UInt64 => by_key::<UInt64Type>(builder, &times, rows, classes),
                _ => None,
            }
            .ok_or_else(unreadable)?
        }
        _ => return Err(unreadable()),
    };
    Ok(summary)
}

/// Why a row is rejected.
const NULL_TIME: &str = "the send time is null";
const NULL_CLASS: &str = "the class is null";
const UNKNOWN_CLASS: &str = "the class is not a known bucket name";

/// A time column: its values, which are null, and how many units make a
/// second.
struct Times<'b> {
    values: &'b [i64],
    nulls: Option<&'b NullBuffer>,
    per_second: i64,
}

impl<'b> Times<'b> {
    /// The times of `array`, if it is of a type read as instants.
    fn of(array: &'b dyn Array) -> Option<Self> {
        fn times<T: ArrowPrimitiveType<Native = i64>>(
            array: &dyn Array,
            per_second: i64,
        ) -> Times<'_> {
            let array = array.as_primitive::<T>();
            Times {
                values: array.values(),
                nulls: array.nulls(),
                per_second,
            }
        }
        match array.data_type() {
            DataType::Int64 => Some(times::<Int64Type>(array, 1)),
            DataType::Timestamp(TimeUnit::Second, _) => {
                Some(times::<TimestampSecondType>(array, 1))
            }
            DataType::Timestamp(TimeUnit::Millisecond, _) => {
                Some(times::<TimestampMillisecondType>(array, 1_000))
            }
            DataType::Timestamp(TimeUnit::Microsecond, _) => {
                Some(times::<TimestampMicrosecondType>(array, 1_000_000))
            }
            DataType::Timestamp(TimeUnit::Nanosecond, _) => {
                Some(times::<TimestampNanosecondType>(array, 1_000_000_000))
            }
            _ => None,
        }
    }

    /// Row `row`'s Unix seconds and nanoseconds, or `None` when it is null.
    #[inline]
    fn at(&self, row: usize) -> Option<(i64, u32)> {
        if self.nulls.is_some_and(|nulls| nulls.is_null(row)) {
            return None;
        }
        let value = *self.values.get(row)?;
        if self.per_second == 1 {
            return Some((value, 0));
        }
        let nanos_per_unit = NANOS_PER_SECOND.checked_div(self.per_second)?;
        let nanos = value
            .rem_euclid(self.per_second)
            .checked_mul(nanos_per_unit)?;
        Some((
            value.div_euclid(self.per_second),
            u32::try_from(nanos).ok()?,
        ))
    }
}

const NANOS_PER_SECOND: i64 = 1_000_000_000;

/// Tallies `rows` rows: the time of each from `times`, its class from
/// `class_of`. The one loop of every class column type.
#[inline]
fn tally_rows<'c, C: Borrow<MessageClass<'c>>>(
    builder: &mut LedgerBuilder,
    times: &Times<'_>,
    rows: usize,
    mut class_of: impl FnMut(usize) -> Result<C, &'static str>,
) -> BatchSummary {
    let mut summary = BatchSummary::of_rows(rows);
    builder.counting(|counter| {
        for row in 0..rows {
            let Some((seconds, nanos)) = times.at(row) else {
                summary.reject(row, NULL_TIME);
                continue;
            };
            match class_of(row) {
                Ok(class) => counter.add(seconds, nanos, class.borrow()),
                Err(reason) => summary.reject(row, reason),
            }
        }
    });
    summary
}

/// A class column of names: each distinct name is classified once, then
/// found by hashing (the peer harness's Utf8 kernel path, BENCHMARKS.md).
fn by_name<'c, A>(
    builder: &mut LedgerBuilder,
    times: &Times<'_>,
    rows: usize,
    names: A,
) -> BatchSummary
where
    A: ArrayAccessor<Item = &'c str> + Copy,
{
    let mut known: HashMap<&'c str, Option<MessageClass<'c>>> = HashMap::new();
    // The previous row's name and class: a column of few names repeats
    // itself often, and comparing one short string costs less than hashing
    // it (the peer harness's Utf8 kernel path, BENCHMARKS.md).
    let mut previous: Option<(&'c str, Option<MessageClass<'c>>)> = None;
    tally_rows(builder, times, rows, |row| {
        if names.is_null(row) {
            return Err(NULL_CLASS);
        }
        let name = names.value(row);
        let class = match previous {
            Some((seen, class)) if seen == name => class,
            _ => {
                let class = *known.entry(name).or_insert_with(|| classify(name));
                previous = Some((name, class));
                class
            }
        };
        class.ok_or(UNKNOWN_CLASS)
    })
}

/// A dictionary-encoded class column: each dictionary value is classified
/// once, then each row is a key look-up (the peer harness's dictionary
/// kernel path, BENCHMARKS.md). `None` when the values are not strings.
fn by_key<K: ArrowDictionaryKeyType>(
    builder: &mut LedgerBuilder,
    times: &Times<'_>,
    rows: usize,
    classes: &dyn Array,
) -> Option<BatchSummary> {
    let dictionary = classes.as_dictionary_opt::<K>()?;
    let values = dictionary.values();
    let table: Vec<Result<MessageClass<'_>, &'static str>> = match values.data_type() {
        DataType::Utf8 => classify_all(values.as_string::<i32>()),
        DataType::LargeUtf8 => classify_all(values.as_string::<i64>()),
        DataType::Utf8View => classify_all(values.as_string_view()),
        _ => return None,
    };
    let keys = dictionary.keys();
    if times.nulls.is_none() && times.per_second == 1 && keys.nulls().is_none() {
        // Whole seconds and keys with no nulls, the common case: both read
        // straight from their buffers (the peer harness's Arrow dictionary
        // path, BENCHMARKS.md).
        let mut summary = BatchSummary::of_rows(rows);
        builder.counting(|counter| {
            let pairs = times.values.iter().zip(keys.values().iter()).take(rows);
            for (row, (&seconds, key)) in pairs.enumerate() {
                match table.get(key.as_usize()) {
                    Some(Ok(class)) => counter.add(seconds, 0, class),
                    Some(&Err(reason)) => summary.reject(row, reason),
                    None => summary.reject(row, NULL_CLASS),
                }
            }
        });
        return Some(summary);
    }
    Some(tally_rows(builder, times, rows, |row| {
        if keys.is_null(row) {
            return Err(NULL_CLASS);
        }
        // A reference, not a copy, of the dictionary value's class.
        match table.get(keys.value(row).as_usize()) {
            Some(Ok(class)) => Ok(class),
            Some(&Err(reason)) => Err(reason),
            None => Err(NULL_CLASS),
        }
    }))
}

/// The class of each value of a dictionary.
fn classify_all<'c, A>(names: A) -> Vec<Result<MessageClass<'c>, &'static str>>
where
    A: ArrayAccessor<Item = &'c str> + Copy,
{
    (0..names.len())
        .map(|index| {
            if names.is_null(index) {
                Err(NULL_CLASS)
            } else {
                classify(names.value(index)).ok_or(UNKNOWN_CLASS)
            }
        })
        .collect()
}

/// The class a bucket name stands for.
fn classify(name: &str) -> Option<MessageClass<'_>> {
    let failed = |cause| Some(MessageClass::new(Recipient::Valid, Outcome::Failed(cause)));
    match name {
        "delivered" => Some(MessageClass::new(Recipient::Valid, Outcome::Delivered)),
        "unconfirmed" => Some(MessageClass::new(Recipient::Valid, Outcome::Unconfirmed)),
        "provider_side" => failed(FailureCause::ProviderSide),
        _ => {
            if let Some(clause) = name.strip_prefix("exempt:") {
                failed(FailureCause::Exempt(clause.parse::<Exemption>().ok()?))
            } else if let Some(reason) = name.strip_prefix("invalid:") {
                let reason = reason.parse::<InvalidReason>().ok()?;
                Some(MessageClass::new(
                    Recipient::Invalid(reason),
                    Outcome::Failed(FailureCause::Exempt(Exemption::NotAttributable)),
                ))
            } else {
                let code = name.strip_prefix("unclassified:")?;
                failed(FailureCause::Unclassified(
                    UnclassifiedCode::new(code).ok()?,
                ))
            }
        }
    }
}
