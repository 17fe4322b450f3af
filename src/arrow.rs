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
//! - the class, `Utf8` or `LargeUtf8`: `delivered`, `unconfirmed`,
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

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Int64Type, TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType,
};
use arrow_array::{Array, RecordBatch};
use arrow_schema::{DataType, TimeUnit};
use chrono::{DateTime, Utc};

use crate::Error;
use crate::traffic::{
    Exemption, FailureCause, InvalidReason, LedgerBuilder, MessageRecord, Outcome, Recipient,
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
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::arrow::BatchSummary;
    ///
    /// assert_eq!(BatchSummary::default().rows(), 0);
    /// ```
    #[must_use]
    pub const fn rows(&self) -> u64 {
        self.rows
    }

    /// Rows rejected: a null or unreadable time or class ([D18](crate::_documentation::design#d18)).
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::arrow::BatchSummary;
    ///
    /// assert_eq!(BatchSummary::default().rejected(), 0);
    /// ```
    #[must_use]
    pub const fn rejected(&self) -> u64 {
        self.rejected
    }

    /// Why the first rejected row was rejected, with its index.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::arrow::BatchSummary;
    ///
    /// assert_eq!(BatchSummary::default().first_rejection(), None);
    /// ```
    #[must_use]
    pub fn first_rejection(&self) -> Option<&str> {
        self.first_rejection.as_deref()
    }

    fn reject(&mut self, row: u64, reason: &str) {
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
/// [`Error::ArrowColumn`] when a column is missing or of a type the kernel
/// does not read. Bad values in single rows are rejected rows, not errors.
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
        batch
            .column_by_name(name)
            .ok_or_else(|| Error::ArrowColumn {
                column: name.to_owned(),
                reason: "there is no such column".to_owned(),
            })
    };
    let times = instants(column(time)?.as_ref()).map_err(|reason| Error::ArrowColumn {
        column: time.to_owned(),
        reason,
    })?;
    let classes = column(class)?;
    let classes: Box<dyn Iterator<Item = Option<&str>>> =
        if let Some(strings) = classes.as_string_opt::<i32>() {
            Box::new(strings.iter())
        } else if let Some(strings) = classes.as_string_opt::<i64>() {
            Box::new(strings.iter())
        } else {
            return Err(Error::ArrowColumn {
                column: class.to_owned(),
                reason: format!("{} is not Utf8 or LargeUtf8", classes.data_type()),
            });
        };
    let mut outcome = BatchSummary::default();
    for (row, (sent_at, class)) in (0_u64..).zip(times.zip(classes)) {
        outcome.rows = outcome.rows.saturating_add(1);
        match (sent_at, class.map(classify)) {
            (Some(sent_at), Some(Some((recipient, result)))) => {
                builder.add(&MessageRecord::new(sent_at, recipient, result));
            }
            (None, _) => outcome.reject(row, "the send time is null or out of range"),
            (_, None) => outcome.reject(row, "the class is null"),
            (_, Some(None)) => outcome.reject(row, "the class is not a known bucket name"),
        }
    }
    Ok(outcome)
}

/// The send instants of a time column, row by row.
fn instants(
    array: &dyn Array,
) -> Result<Box<dyn Iterator<Item = Option<DateTime<Utc>>> + '_>, String> {
    fn scaled<'a>(
        values: impl Iterator<Item = Option<i64>> + 'a,
        per_second: i64,
    ) -> Box<dyn Iterator<Item = Option<DateTime<Utc>>> + 'a> {
        Box::new(values.map(move |value| {
            let value = value?;
            let nanos_per_unit = 1_000_000_000_i64.checked_div(per_second)?;
            let nanos = value.rem_euclid(per_second).checked_mul(nanos_per_unit)?;
            DateTime::from_timestamp(value.div_euclid(per_second), u32::try_from(nanos).ok()?)
        }))
    }
    match array.data_type() {
        DataType::Int64 => Ok(scaled(array.as_primitive::<Int64Type>().iter(), 1)),
        DataType::Timestamp(TimeUnit::Second, _) => Ok(scaled(
            array.as_primitive::<TimestampSecondType>().iter(),
            1,
        )),
        DataType::Timestamp(TimeUnit::Millisecond, _) => Ok(scaled(
            array.as_primitive::<TimestampMillisecondType>().iter(),
            1_000,
        )),
        DataType::Timestamp(TimeUnit::Microsecond, _) => Ok(scaled(
            array.as_primitive::<TimestampMicrosecondType>().iter(),
            1_000_000,
        )),
        DataType::Timestamp(TimeUnit::Nanosecond, _) => Ok(scaled(
            array.as_primitive::<TimestampNanosecondType>().iter(),
            1_000_000_000,
        )),
        other => Err(format!("{other} is neither a timestamp nor Int64 seconds")),
    }
}

/// The recipient and outcome a class name stands for.
fn classify(name: &str) -> Option<(Recipient, Outcome<'_>)> {
    let failed = |cause| Some((Recipient::Valid, Outcome::Failed(cause)));
    match name {
        "delivered" => Some((Recipient::Valid, Outcome::Delivered)),
        "unconfirmed" => Some((Recipient::Valid, Outcome::Unconfirmed)),
        "provider_side" => failed(FailureCause::ProviderSide),
        _ => {
            if let Some(clause) = name.strip_prefix("exempt:") {
                failed(FailureCause::Exempt(clause.parse::<Exemption>().ok()?))
            } else if let Some(reason) = name.strip_prefix("invalid:") {
                let reason = reason.parse::<InvalidReason>().ok()?;
                Some((
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
