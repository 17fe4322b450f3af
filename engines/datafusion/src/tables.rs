//! The sends and receipts tables as files: written a batch at a time, from
//! generated rows or from Tencent's documents through the library's one
//! reader (D26).

use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use datafusion::arrow::array::{
    ArrayRef, RecordBatch, StringBuilder, TimestampNanosecondBuilder, UInt64Builder,
};
use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::json::LineDelimitedWriter;
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::parquet::basic::{Compression, ZstdLevel};
use datafusion::parquet::file::properties::WriterProperties;
use sms_sla::error::TencentError;
use sms_sla::tencent::{CodeTable, FileKind, Malformed, NormalEntry, read_entries};

use crate::Error;
use crate::pipeline::{TableFormat, receipts_schema, sends_schema};

/// One row of the sends table (see [`sends_schema`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SendRow<'a> {
    /// The account that sent.
    pub account: &'a str,
    /// `SerialNo`.
    pub serial: Option<&'a str>,
    /// The request instant.
    pub requested_at: Option<DateTime<Utc>>,
    /// `PhoneNumber`.
    pub phone: Option<&'a str>,
    /// `Code`.
    pub code: Option<&'a str>,
    /// The response's `RequestId`.
    pub request_id: Option<&'a str>,
    /// The entry's place in its response.
    pub position: Option<u64>,
    /// Why the entry was rejected where it was read.
    pub rejected: Option<&'a str>,
}

/// One row of the receipts table (see [`receipts_schema`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReceiptRow<'a> {
    /// The account the receipt is for.
    pub account: &'a str,
    /// `sid` / `SerialNo`.
    pub serial: Option<&'a str>,
    /// The receipt time.
    pub received_at: Option<DateTime<Utc>>,
    /// `SUCCESS` or `FAIL`.
    pub status: Option<&'a str>,
    /// `errmsg`, else `description`.
    pub code: Option<&'a str>,
    /// Why the entry was rejected where it was read.
    pub rejected: Option<&'a str>,
}

/// Rows per batch written.
const BATCH: usize = 1 << 20;

fn nanos(at: Option<DateTime<Utc>>) -> Option<i64> {
    at.and_then(|at| at.timestamp_nanos_opt())
}

/// The columns of the sends table being filled.
struct Sends {
    account: StringBuilder,
    serial: StringBuilder,
    at: TimestampNanosecondBuilder,
    phone: StringBuilder,
    code: StringBuilder,
    request_id: StringBuilder,
    position: UInt64Builder,
    rejected: StringBuilder,
    rows: usize,
}

impl Sends {
    fn new() -> Self {
        Self {
            account: StringBuilder::new(),
            serial: StringBuilder::new(),
            at: TimestampNanosecondBuilder::new().with_timezone("UTC"),
            phone: StringBuilder::new(),
            code: StringBuilder::new(),
            request_id: StringBuilder::new(),
            position: UInt64Builder::new(),
            rejected: StringBuilder::new(),
            rows: 0,
        }
    }

    fn push(&mut self, row: &SendRow<'_>) {
        self.account.append_value(row.account);
        self.serial.append_option(row.serial);
        self.at.append_option(nanos(row.requested_at));
        self.phone.append_option(row.phone);
        self.code.append_option(row.code);
        self.request_id.append_option(row.request_id);
        self.position.append_option(row.position);
        self.rejected.append_option(row.rejected);
        self.rows += 1;
    }

    fn batch(&mut self, schema: &SchemaRef) -> Result<RecordBatch, Error> {
        self.rows = 0;
        let columns: Vec<ArrayRef> = vec![
            Arc::new(self.account.finish()),
            Arc::new(self.serial.finish()),
            Arc::new(self.at.finish()),
            Arc::new(self.phone.finish()),
            Arc::new(self.code.finish()),
            Arc::new(self.request_id.finish()),
            Arc::new(self.position.finish()),
            Arc::new(self.rejected.finish()),
        ];
        Ok(RecordBatch::try_new(Arc::clone(schema), columns)?)
    }
}

/// The columns of the receipts table being filled.
struct Receipts {
    account: StringBuilder,
    serial: StringBuilder,
    at: TimestampNanosecondBuilder,
    status: StringBuilder,
    code: StringBuilder,
    rejected: StringBuilder,
    rows: usize,
}

impl Receipts {
    fn new() -> Self {
        Self {
            account: StringBuilder::new(),
            serial: StringBuilder::new(),
            at: TimestampNanosecondBuilder::new().with_timezone("UTC"),
            status: StringBuilder::new(),
            code: StringBuilder::new(),
            rejected: StringBuilder::new(),
            rows: 0,
        }
    }

    fn push(&mut self, row: &ReceiptRow<'_>) {
        self.account.append_value(row.account);
        self.serial.append_option(row.serial);
        self.at.append_option(nanos(row.received_at));
        self.status.append_option(row.status);
        self.code.append_option(row.code);
        self.rejected.append_option(row.rejected);
        self.rows += 1;
    }

    fn batch(&mut self, schema: &SchemaRef) -> Result<RecordBatch, Error> {
        self.rows = 0;
        let columns: Vec<ArrayRef> = vec![
            Arc::new(self.account.finish()),
            Arc::new(self.serial.finish()),
            Arc::new(self.at.finish()),
            Arc::new(self.status.finish()),
            Arc::new(self.code.finish()),
            Arc::new(self.rejected.finish()),
        ];
        Ok(RecordBatch::try_new(Arc::clone(schema), columns)?)
    }
}

/// A file of one table being written.
enum Sink {
    Parquet(ArrowWriter<File>),
    NdJson(LineDelimitedWriter<BufWriter<File>>),
}

impl Sink {
    fn create(path: &Path, schema: &SchemaRef, format: TableFormat) -> Result<Self, Error> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                path: dir.to_owned(),
                source,
            })?;
        }
        let file = File::options()
            .write(true)
            .create_new(true)
            .open(path)
            .map_err(|source| match source.kind() {
                std::io::ErrorKind::AlreadyExists => Error::Exists {
                    path: path.to_owned(),
                },
                _ => Error::Io {
                    path: path.to_owned(),
                    source,
                },
            })?;
        Ok(match format {
            TableFormat::Parquet => {
                let properties = WriterProperties::builder()
                    .set_compression(Compression::ZSTD(ZstdLevel::default()))
                    .build();
                Self::Parquet(
                    ArrowWriter::try_new(file, Arc::clone(schema), Some(properties))
                        .map_err(|err| Error::Engine(err.into()))?,
                )
            }
            TableFormat::NdJson => Self::NdJson(LineDelimitedWriter::new(BufWriter::new(file))),
        })
    }

    fn write(&mut self, batch: &RecordBatch) -> Result<(), Error> {
        match self {
            Self::Parquet(writer) => writer.write(batch).map_err(|err| Error::Engine(err.into())),
            Self::NdJson(writer) => Ok(writer.write(batch)?),
        }
    }

    fn finish(self) -> Result<(), Error> {
        match self {
            Self::Parquet(writer) => writer
                .close()
                .map(|_| ())
                .map_err(|err| Error::Engine(err.into())),
            Self::NdJson(mut writer) => Ok(writer.finish()?),
        }
    }
}

/// How many rows were written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Rows of the sends table.
    pub sends: u64,
    /// Rows of the receipts table.
    pub receipts: u64,
}

/// The file extension of `format`: `parquet` or `json`.
#[must_use]
pub const fn extension(format: TableFormat) -> &'static str {
    match format {
        TableFormat::Parquet => "parquet",
        TableFormat::NdJson => "json",
    }
}

/// A pair of files, one per table, written a batch of a million rows at a
/// time whatever the size.
pub struct TableWriter {
    sends_schema: SchemaRef,
    receipts_schema: SchemaRef,
    sends_file: Sink,
    receipts_file: Sink,
    sends: Sends,
    receipts: Receipts,
    written: Written,
}

impl std::fmt::Debug for TableWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TableWriter")
            .field("written", &self.written)
            .finish_non_exhaustive()
    }
}

impl TableWriter {
    /// Writes the sends table to `sends` and the receipts table to
    /// `receipts`, in `format`: new files, never over others (folders are
    /// made as needed).
    ///
    /// # Errors
    ///
    /// [`Error::Exists`] when a file is already there; [`Error::Io`] when
    /// one cannot be made (neither file is left behind).
    pub fn create(sends: &Path, receipts: &Path, format: TableFormat) -> Result<Self, Error> {
        let (sends_schema, receipts_schema) = (sends_schema(), receipts_schema());
        let sends_file = Sink::create(sends, &sends_schema, format)?;
        let receipts_file = match Sink::create(receipts, &receipts_schema, format) {
            Ok(file) => file,
            Err(err) => {
                drop(sends_file);
                let _ = std::fs::remove_file(sends);
                return Err(err);
            }
        };
        Ok(Self {
            sends_file,
            receipts_file,
            sends_schema,
            receipts_schema,
            sends: Sends::new(),
            receipts: Receipts::new(),
            written: Written::default(),
        })
    }

    /// Adds a row to the sends table.
    ///
    /// # Errors
    ///
    /// [`Error::Engine`] or [`Error::Arrow`] when a batch cannot be written.
    pub fn send(&mut self, row: &SendRow<'_>) -> Result<(), Error> {
        self.sends.push(row);
        self.written.sends += 1;
        if self.sends.rows == BATCH {
            self.sends_file
                .write(&self.sends.batch(&self.sends_schema)?)?;
        }
        Ok(())
    }

    /// Adds a row to the receipts table.
    ///
    /// # Errors
    ///
    /// [`Error::Engine`] or [`Error::Arrow`] when a batch cannot be written.
    pub fn receipt(&mut self, row: &ReceiptRow<'_>) -> Result<(), Error> {
        self.receipts.push(row);
        self.written.receipts += 1;
        if self.receipts.rows == BATCH {
            self.receipts_file
                .write(&self.receipts.batch(&self.receipts_schema)?)?;
        }
        Ok(())
    }

    /// Writes what remains and closes the files.
    ///
    /// # Errors
    ///
    /// [`Error::Engine`] or [`Error::Arrow`] when a batch cannot be written.
    pub fn finish(mut self) -> Result<Written, Error> {
        self.sends_file
            .write(&self.sends.batch(&self.sends_schema)?)?;
        self.receipts_file
            .write(&self.receipts.batch(&self.receipts_schema)?)?;
        self.sends_file.finish()?;
        self.receipts_file.finish()?;
        Ok(self.written)
    }
}

/// Where [`convert`] writes an account's tables under `dir`:
/// `sends/<account>.<ext>` and `receipts/<account>.<ext>`, so that the
/// accounts of one folder are read together (see
/// [`register_inputs`](crate::pipeline::register_inputs)).
///
/// # Errors
///
/// [`Error::AccountName`] for an account id that is empty, `.` or `..`,
/// or holds a path separator or a control character: it names a file.
pub fn account_paths(
    dir: &Path,
    account: &str,
    format: TableFormat,
) -> Result<(PathBuf, PathBuf), Error> {
    let unsafe_name = account.is_empty()
        || account == "."
        || account == ".."
        || account
            .chars()
            .any(|c| c == '/' || c == '\\' || c.is_control());
    if unsafe_name {
        return Err(Error::AccountName {
            account: account.to_owned(),
        });
    }
    let file = format!("{account}.{}", extension(format));
    Ok((
        dir.join("sends").join(&file),
        dir.join("receipts").join(&file),
    ))
}

/// Writes Tencent's documents of one account, `files` (each a file of its
/// kind, as [`sms_sla::tencent::FileKind`] describes), as the engine's
/// sends and receipts tables at `sends` and `receipts`: every entry through
/// the library's one reader ([`read_entries`]), normalised, and every
/// malformed entry as a row that stays rejected, with its reason and
/// whatever time and serial number it gave (D22, D26). The tables assess
/// as the documents do.
///
/// # Errors
///
/// - [`Error::Exists`] when a table is already there: tables are written
///   new, never over others.
/// - [`Error::Io`] when a file cannot be read or written.
/// - [`Error::File`] when a file cannot be read as its kind, and
///   [`Error::NoEntries`] when it holds no entry at all (a truncated
///   export is never a clean "nothing owed").
///
/// After an error neither table is left behind.
pub fn convert(
    account: &str,
    files: &[(FileKind, PathBuf)],
    table: &CodeTable,
    sends: &Path,
    receipts: &Path,
    format: TableFormat,
) -> Result<Written, Error> {
    let mut writer = TableWriter::create(sends, receipts, format)?;
    let written = write_files(account, files, table, &mut writer).and_then(|()| writer.finish());
    if written.is_err() {
        let _ = std::fs::remove_file(sends);
        let _ = std::fs::remove_file(receipts);
    }
    written
}

/// Writes one entry of a file of `kind` as a row of its table: a read entry
/// with its fields, a malformed one with its reason.
fn write_entry(
    writer: &mut TableWriter,
    account: &str,
    kind: FileKind,
    entry: &Result<NormalEntry<'_>, Malformed<'_>>,
) -> Result<(), Error> {
    let code = match entry {
        Ok(normal) => normal.code().map(str::to_owned),
        Err(_) => None,
    };
    match (entry, kind) {
        (Ok(normal), FileKind::SendLog) => writer.send(&SendRow {
            account,
            serial: normal.serial(),
            requested_at: Some(normal.at()),
            phone: normal.phone(),
            code: code.as_deref(),
            request_id: normal.request_id(),
            position: normal.position(),
            rejected: None,
        }),
        (Ok(normal), _) => writer.receipt(&ReceiptRow {
            account,
            serial: normal.serial(),
            received_at: Some(normal.at()),
            status: normal.status(),
            code: code.as_deref(),
            rejected: None,
        }),
        (Err(malformed), kind) => {
            let reason = malformed.to_string();
            if kind == FileKind::SendLog {
                writer.send(&SendRow {
                    account,
                    serial: malformed.serial(),
                    requested_at: malformed.at(),
                    rejected: Some(&reason),
                    ..SendRow::default()
                })
            } else {
                writer.receipt(&ReceiptRow {
                    account,
                    serial: malformed.serial(),
                    received_at: malformed.at(),
                    rejected: Some(&reason),
                    ..ReceiptRow::default()
                })
            }
        }
    }
}

/// Writes the entries of `files` into `writer`.
fn write_files(
    account: &str,
    files: &[(FileKind, PathBuf)],
    table: &CodeTable,
    writer: &mut TableWriter,
) -> Result<(), Error> {
    for (kind, path) in files {
        let file = File::open(path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        let mut failed = Ok(());
        let entries = read_entries(
            *kind,
            BufReader::with_capacity(1 << 20, file),
            table,
            |_, entry| {
                if failed.is_err() {
                    return;
                }
                failed = write_entry(writer, account, *kind, &entry);
            },
        )
        .map_err(|err| match err {
            sms_sla::Error::Tencent(
                TencentError::TencentRead { .. } | TencentError::TencentDocument { .. },
            ) => Error::File {
                path: path.clone(),
                source: err,
            },
            other => Error::Sla(other),
        })?;
        failed?;
        if entries == 0 {
            return Err(Error::NoEntries { path: path.clone() });
        }
    }
    Ok(())
}
