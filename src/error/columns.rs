//! Errors of columns of records: Unix times, class keys, Arrow arrays.

/// Errors of columns of records: Unix times, class keys, Arrow arrays.
///
/// A variant of [`Error::Columns`](super::Error::Columns); its message is the
/// [`Error`](super::Error)'s.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum ColumnError {
    /// A Unix time that is not an instant: nanoseconds of a second or
    /// more, or a date outside chrono's range.
    #[error(
        "unix time {seconds} s + {nanos} ns is not an instant: nanoseconds must be below one second and the date within chrono's range"
    )]
    #[non_exhaustive]
    UnixTimeOutOfRange {
        /// The seconds since the Unix epoch.
        seconds: i64,
        /// The nanoseconds past them.
        nanos: u32,
    },

    /// Columns of one table with different numbers of rows.
    #[error("the time column has {times} rows but the class column has {classes}")]
    #[non_exhaustive]
    ColumnLengthsDiffer {
        /// Rows of the time column.
        times: usize,
        /// Rows of the class column.
        classes: usize,
    },

    /// A class column's key with no class in the dictionary given with
    /// it: the columns are refused whole and nothing is counted.
    #[error("row {row}: class key {key} is not an index of the {classes} classes given")]
    #[non_exhaustive]
    ClassKeyOutOfRange {
        /// The row, from 0.
        row: usize,
        /// The key.
        key: String,
        /// How many classes the dictionary holds.
        classes: usize,
    },

    /// An Arrow column the kernel was asked for that the batch does not
    /// have (feature `arrow`).
    #[error("arrow column `{column}` cannot be read: there is no such column")]
    #[non_exhaustive]
    NoSuchColumn {
        /// The column's name.
        column: String,
    },

    /// A time column of a type the kernel does not read as instants
    /// (feature `arrow`).
    #[cfg(feature = "arrow")]
    #[error(
        "arrow column `{column}` cannot be read: {found} is neither a timestamp nor Int64 seconds"
    )]
    #[non_exhaustive]
    TimeColumnType {
        /// The column's name.
        column: String,
        /// Its type.
        found: arrow_schema::DataType,
    },

    /// A class column of a type the kernel does not read as class names
    /// (feature `arrow`).
    #[cfg(feature = "arrow")]
    #[error(
        "arrow column `{column}` cannot be read: {found} is not Utf8, LargeUtf8, Utf8View or a dictionary of them"
    )]
    #[non_exhaustive]
    ClassColumnType {
        /// The column's name.
        column: String,
        /// Its type.
        found: arrow_schema::DataType,
    },
}
