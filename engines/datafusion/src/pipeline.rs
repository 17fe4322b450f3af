//! Sends and receipts, in files an engine reads, to one
//! [`Assessment`] per account.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use datafusion::arrow::array::{Array, ArrayRef, RecordBatch};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::common::cast::{as_string_array, as_timestamp_nanosecond_array, as_uint64_array};
use datafusion::common::{JoinType, ScalarValue, internal_datafusion_err};
use datafusion::dataframe::DataFrame;
use datafusion::execution::FunctionRegistry as _;
use datafusion::functions::core::expr_fn::get_field;
use datafusion::functions_aggregate::expr_fn::{count, sum};
use datafusion::logical_expr::{Expr, LogicalPlan, LogicalPlanBuilder, cast, col, lit};
use datafusion::prelude::{JsonReadOptions, ParquetReadOptions, SessionContext};
use sms_sla::assess::{Assessment, Assessor, MonthlyFees};
use sms_sla::calendar::BusinessCalendar;
use sms_sla::tencent::LogStats;
use sms_sla::traffic::{AccountKind, Announcements, LedgerBuilder};
use sms_sla::{Money, SlaPolicy, Term};

use crate::Error;
use crate::udf::{COUNTS, time_type};

/// One account to assess: its contract, term, kind, announcements and
/// fees, as [`Assessor::new`] and [`Assessor::finish`] take them.
#[derive(Clone, Debug, serde::Deserialize, serde::Serialize)]
pub struct Account {
    /// The account's id, as the `account` column of the inputs gives it.
    pub id: String,
    /// The agreement it is under.
    #[serde(default = "SlaPolicy::tencent_sms")]
    pub policy: SlaPolicy,
    /// Its term.
    pub term: Term,
    /// Its kind (for the surge rule).
    pub kind: AccountKind,
    /// What the provider announced to it.
    #[serde(default)]
    pub announcements: Announcements,
    /// The fee of each Service Month.
    pub fees: MonthlyFees,
}

/// The format of the input files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableFormat {
    /// Apache Parquet.
    Parquet,
    /// Newline-delimited JSON, times as RFC 3339 text.
    NdJson,
}

/// The columns of the sends table: one row per SendSms entry.
///
/// Every row goes through the library's one normalisation (D26), as a
/// document's entry does: a null and an empty text are the same, absent
/// (D23), so `"SerialNo": ""` may be written as `""` or as null; a code is
/// trimmed. Columns a file lacks are null.
///
/// | column | type | |
/// |---|---|---|
/// | `account` | text | the account that sent; each account is reconciled on its own |
/// | `serial` | text, nullable | `SerialNo`; absent for a submission refused without one |
/// | `requested_at` | timestamp (UTC), nullable | the SendSms request instant (absent: the row is rejected) |
/// | `phone` | text, nullable | `PhoneNumber` |
/// | `code` | text, nullable | `Code` (absent: the row is rejected) |
/// | `request_id` | text, nullable | the response's `RequestId` |
/// | `position` | unsigned, nullable | the entry's place in its response, from 0 |
/// | `rejected` | text, nullable | why the entry was rejected where it was read (`sms-sla convert` writes the rows of malformed entries, D22); absent for an entry that was read |
///
/// A refusal without a serial number is a message of its own (D19),
/// known by `request_id` (else `requested_at`) and `position`, so the same
/// response written twice adds nothing; a row without a `position` is a
/// message known by nothing but its row.
#[must_use]
pub fn sends_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("account", DataType::Utf8, false),
        Field::new("serial", DataType::Utf8, true),
        Field::new("requested_at", time_type(), true),
        Field::new("phone", DataType::Utf8, true),
        Field::new("code", DataType::Utf8, true),
        Field::new("request_id", DataType::Utf8, true),
        Field::new("position", DataType::UInt64, true),
        Field::new("rejected", DataType::Utf8, true),
    ]))
}

/// The columns of the receipts table: one row per callback or Pull entry,
/// read as the sends table is (see [`sends_schema`]).
///
/// | column | type | |
/// |---|---|---|
/// | `account` | text | the account the receipt is for |
/// | `serial` | text, nullable | `sid` / `SerialNo` (absent: the row is rejected) |
/// | `received_at` | timestamp (UTC), nullable | `user_receive_time` (read in Beijing time) or `UserReceiveTime` (absent: the row is rejected) |
/// | `status` | text, nullable | `SUCCESS` or `FAIL` (anything else, or absent: the row is rejected) |
/// | `code` | text, nullable | `errmsg`, else `description` (Pull: `Description`); a `FAIL` without one is a failure with no code (D23) |
/// | `rejected` | text, nullable | as in the sends table |
#[must_use]
pub fn receipts_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("account", DataType::Utf8, false),
        Field::new("serial", DataType::Utf8, true),
        Field::new("received_at", time_type(), true),
        Field::new("status", DataType::Utf8, true),
        Field::new("code", DataType::Utf8, true),
        Field::new("rejected", DataType::Utf8, true),
    ]))
}

/// Registers the files at `sends` and `receipts` (a file or a folder of
/// files each) as the tables `sends` and `receipts`.
///
/// # Errors
///
/// [`Error::Engine`] when a path cannot be read as `format`.
pub async fn register_inputs(
    ctx: &SessionContext,
    sends: &str,
    receipts: &str,
    format: TableFormat,
) -> Result<(), Error> {
    for (name, path, schema) in [
        ("sends", sends, sends_schema()),
        ("receipts", receipts, receipts_schema()),
    ] {
        match format {
            TableFormat::Parquet => {
                let options = ParquetReadOptions::default().schema(&schema);
                ctx.register_parquet(name, path, options).await?;
            }
            TableFormat::NdJson => {
                // A file is read whatever its extension; a folder's files
                // are those with the one the engine writes.
                let extension = match Path::new(path).extension().and_then(|ext| ext.to_str()) {
                    Some(ext) if !path.ends_with('/') => format!(".{ext}"),
                    _ => format!(".{}", crate::tables::extension(format)),
                };
                let options = JsonReadOptions::default()
                    .schema(&schema)
                    .file_extension(&extension);
                ctx.register_json(name, path, options).await?;
            }
        }
    }
    Ok(())
}

/// Every row of both tables as one entries table, each read by the
/// library's normalisation (`sla_entry`, D26): `e['key']` is the message it
/// is about, `e['reason']` why it is rejected.
macro_rules! entries {
    () => {
        "
entries AS (
    SELECT account, 'send' AS kind, requested_at AS at, serial, phone,
           CAST(NULL AS VARCHAR) AS status, code, request_id, position, rejected
    FROM sends
    UNION ALL
    SELECT account, 'receipt' AS kind, received_at AS at, serial,
           CAST(NULL AS VARCHAR) AS phone, status, code,
           CAST(NULL AS VARCHAR) AS request_id, CAST(NULL AS BIGINT UNSIGNED) AS position,
           rejected
    FROM receipts
),
checked AS (
    SELECT *, sla_entry(kind, at, serial, phone, status, code, request_id, position, rejected) AS e
    FROM entries
)"
    };
}

/// The messages of every account: each group of entries the library keys
/// as one message (D19), folded by `sla_message`.
macro_rules! grouped {
    () => {
        "
grouped AS (
    -- D19: a message is the key the library gives it (its serial number,
    -- or a refusal's request and place); a refusal known by nothing but
    -- its row is a group of its own.
    SELECT account,
           sla_message(kind, at, serial, phone, status, code, request_id, position) AS m
    FROM checked
    WHERE e['reason'] IS NULL
    GROUP BY account, COALESCE(e['key'], 'own:' || uuid())
)"
    };
}

/// The accounts as literal rows (`account`, `ledger`): each id with its
/// empty ledger's wire form, a plan any engine ships with the query (no
/// text is quoted into SQL). No account gives no rows of the same columns.
fn accounts_plan(ids: &[String], ledgers: &[String]) -> Result<LogicalPlan, Error> {
    let rows: Vec<Vec<Expr>> = ids
        .iter()
        .zip(ledgers)
        .map(|(id, ledger)| vec![lit(id.as_str()), lit(ledger.as_str())])
        .collect();
    let none = rows.is_empty();
    let rows = if none {
        vec![vec![
            lit(ScalarValue::Utf8(None)),
            lit(ScalarValue::Utf8(None)),
        ]]
    } else {
        rows
    };
    let mut plan = LogicalPlanBuilder::values(rows)?.project([
        col("column1").alias("account"),
        col("column2").alias("ledger"),
    ])?;
    if none {
        plan = plan.filter(lit(false))?;
    }
    Ok(plan.build()?)
}

/// What the engine computes before the library assesses: per account, its
/// filled ledger (wire form, `sla_tally`) and its message counts, each
/// count named once, in [`COUNTS`].
async fn per_account(ctx: &SessionContext, accounts: LogicalPlan) -> Result<DataFrame, Error> {
    let grouped = ctx
        .sql(concat!(
            "WITH ",
            entries!(),
            ",",
            grouped!(),
            " SELECT account, m FROM grouped"
        ))
        .await?;
    let field = |name: &str| get_field(col("m"), name).alias(name);
    let messages = grouped.select(
        [col("account"), field("at"), field("kind"), field("code")]
            .into_iter()
            .chain(COUNTS.iter().map(|name| field(name)))
            .collect::<Vec<_>>(),
    )?;
    let accounts = DataFrame::new(ctx.state(), accounts)
        .select(vec![col("account").alias("known_account"), col("ledger")])?;
    let tally = ctx.udaf("sla_tally")?;
    let aggregates = [
        tally
            .call(vec![col("ledger"), col("at"), col("kind"), col("code")])
            .alias("ledger"),
        cast(count(lit(1)), DataType::UInt64).alias("messages"),
    ]
    .into_iter()
    .chain(
        COUNTS
            .iter()
            .map(|name| cast(sum(col(*name)), DataType::UInt64).alias(*name)),
    )
    .collect::<Vec<_>>();
    // The accounts (a few rows) on the left, the side a hash join builds
    // its table from; the messages (every one of every account) stream
    // past it. With the messages on the left, ten million of them were a
    // table of a gigabyte that the memory pool refused.
    Ok(accounts
        .join(
            messages,
            JoinType::Right,
            &["known_account"],
            &["account"],
            None,
        )?
        .aggregate(vec![col("account")], aggregates)?)
}

/// The entries the library rejects, with their reasons, each at the send
/// instant of the message it names when that message is known, else at its
/// own time (D22).
macro_rules! rejected_entries {
    () => {
        "
rejected AS (
    SELECT account, kind, at, e['key'] AS key, e['reason'] AS reason
    FROM checked
    WHERE e['reason'] IS NOT NULL
),
named AS (
    SELECT DISTINCT account, key FROM rejected WHERE key IS NOT NULL
),
placed AS (
    -- The few keys rejected entries name on the left, the side a hash join
    -- builds its table from; every entry streams past them.
    SELECT checked.account, checked.e['key'] AS key,
           sla_message(kind, at, serial, phone, status, code, request_id, position)['at'] AS at
    FROM named
    JOIN checked ON checked.account = named.account AND checked.e['key'] = named.key
    WHERE checked.e['reason'] IS NULL
    GROUP BY checked.account, checked.e['key']
)
SELECT rejected.account, rejected.kind, COALESCE(placed.at, rejected.at) AS at, rejected.reason
FROM rejected
LEFT JOIN placed ON rejected.account = placed.account AND rejected.key = placed.key
ORDER BY rejected.account, at NULLS LAST, rejected.kind, rejected.reason
"
    };
}

/// How to price and date the assessments.
#[derive(Clone, Copy, Debug)]
pub struct Pricing<'a, C: ?Sized> {
    /// The price of one message (D10).
    pub unit_price: &'a Money,
    /// The business calendar of claim windows (D11, D12).
    pub calendar: &'a C,
    /// The day the assessments are made.
    pub as_of: NaiveDate,
}

/// One rejected entry: its account, its kind (`send` or `receipt`), its
/// time if readable, and the reason.
type Rejected = (String, String, Option<DateTime<Utc>>, String);

/// Assesses every account of `accounts` from the tables `sends` and
/// `receipts` of `ctx` (see [`register_inputs`]), with the functions of
/// [`crate::register`] already registered: the engine reconciles by serial
/// number and tallies by account; the library assesses. Accounts with no
/// traffic are assessed too. The result is by account id.
///
/// # Errors
///
/// - [`Error::Engine`] when the engine fails (an input that cannot be
///   read, memory that cannot be had even by spilling).
/// - [`Error::UnknownAccount`] when the inputs hold messages of an account
///   not in `accounts` (they are never dropped silently, D18).
/// - [`Error::DuplicateAccount`] when `accounts` lists an id twice.
/// - [`Error::Sla`] from the library: a term too long to tally, a missing
///   fee, a price in another currency.
pub async fn assess<C: BusinessCalendar + ?Sized>(
    ctx: &SessionContext,
    accounts: &[Account],
    pricing: Pricing<'_, C>,
) -> Result<BTreeMap<String, Assessment>, Error> {
    let mut assessors = BTreeMap::new();
    let mut ids = Vec::with_capacity(accounts.len());
    let mut ledgers = Vec::with_capacity(accounts.len());
    for account in accounts {
        let assessor = Assessor::new(
            &account.policy,
            account.term,
            account.kind,
            account.announcements.clone(),
        )?;
        let empty = LedgerBuilder::new(
            &account.policy,
            account.term,
            account.kind,
            account.announcements.clone(),
        )?;
        if assessors
            .insert(account.id.clone(), (assessor, account))
            .is_some()
        {
            return Err(Error::DuplicateAccount {
                account: account.id.clone(),
            });
        }
        ids.push(account.id.clone());
        ledgers.push(serde_json::to_string(&empty).map_err(|err| Error::Wire(err.to_string()))?);
    }

    let mut sends_read: BTreeMap<String, bool> = BTreeMap::new();
    for (account, kind, at, reason) in rejected(ctx).await? {
        let Some((assessor, _)) = assessors.get_mut(&account) else {
            return Err(Error::UnknownAccount {
                account,
                messages: 0,
            });
        };
        assessor.reject_at(format!("{kind} entry: {reason}"), at);
        *sends_read.entry(account).or_default() |= kind == "send";
    }

    let per_account = per_account(ctx, accounts_plan(&ids, &ledgers)?).await?;
    count_messages(per_account, &mut assessors, &sends_read).await?;

    let mut out = BTreeMap::new();
    for (id, (assessor, account)) in assessors {
        let assessment = assessor.finish(
            &account.fees,
            pricing.unit_price,
            pricing.calendar,
            pricing.as_of,
        )?;
        out.insert(id, assessment);
    }
    Ok(out)
}

/// Adds each account's filled ledger and counts from the engine to its
/// assessor; an account with only rejected entries gets its counts too.
async fn count_messages(
    per_account: DataFrame,
    assessors: &mut BTreeMap<String, (Assessor, &Account)>,
    sends_read: &BTreeMap<String, bool>,
) -> Result<(), Error> {
    // LogStats is made from its wire form: every count, zero unless given.
    let stats_of = |counts: serde_json::Map<String, serde_json::Value>| {
        let mut all = serde_json::to_value(LogStats::default())
            .map_err(|err| Error::Wire(err.to_string()))?;
        if let Some(all) = all.as_object_mut() {
            all.extend(counts);
        }
        serde_json::from_value::<LogStats>(all).map_err(|err| Error::Wire(err.to_string()))
    };
    let mut counted = std::collections::BTreeSet::new();
    for batch in per_account.collect().await? {
        let account = as_string_array(named(&batch, "account")?)?;
        let ledger = as_string_array(named(&batch, "ledger")?)?;
        let messages_of = as_uint64_array(named(&batch, "messages")?)?;
        let counts = COUNTS
            .iter()
            .map(|name| Ok((*name, as_uint64_array(named(&batch, name)?)?)))
            .collect::<Result<Vec<_>, Error>>()?;
        for row in 0..batch.num_rows() {
            let id = account.value(row).to_owned();
            let messages = messages_of.value(row);
            let Some((assessor, _)) = assessors.get_mut(&id) else {
                return Err(Error::UnknownAccount {
                    account: id,
                    messages,
                });
            };
            if ledger.is_null(row) {
                return Err(Error::UnknownAccount {
                    account: id,
                    messages,
                });
            }
            let filled: LedgerBuilder = serde_json::from_str(ledger.value(row))
                .map_err(|err| Error::Wire(err.to_string()))?;
            assessor.add_ledger(&filled)?;
            let mut counts_of = serde_json::Map::new();
            counts_of.insert("messages".into(), messages.into());
            for (name, column) in &counts {
                counts_of.insert((*name).into(), column.value(row).into());
            }
            // D21: messages are unmatched only where SendSms data was read.
            if counts_of.get("sends") == Some(&0.into())
                && !sends_read.get(&id).copied().unwrap_or(false)
            {
                counts_of.insert("unmatched".into(), 0.into());
            }
            counts_of.insert("rejected".into(), assessor.rejected().into());
            assessor.add_stats(stats_of(counts_of)?);
            counted.insert(id);
        }
    }
    // An account without messages (every entry rejected, or none at all)
    // has its counts too, as a log with nothing in it does.
    for (account, (assessor, _)) in assessors.iter_mut() {
        if !counted.contains(account) {
            let mut counts = serde_json::Map::new();
            counts.insert("rejected".into(), assessor.rejected().into());
            assessor.add_stats(stats_of(counts)?);
        }
    }

    Ok(())
}

/// The column `name` of a batch of the engine's own query.
fn named<'a>(batch: &'a RecordBatch, name: &str) -> Result<&'a ArrayRef, Error> {
    batch.column_by_name(name).ok_or_else(|| {
        Error::Engine(internal_datafusion_err!(
            "no column `{name}` in {}",
            batch.schema()
        ))
    })
}

async fn rejected(ctx: &SessionContext) -> Result<Vec<Rejected>, Error> {
    let mut out = Vec::new();
    for batch in ctx
        .sql(concat!("WITH ", entries!(), ",", rejected_entries!()))
        .await?
        .collect()
        .await?
    {
        let account = as_string_array(named(&batch, "account")?)?;
        let kind = as_string_array(named(&batch, "kind")?)?;
        let at = as_timestamp_nanosecond_array(named(&batch, "at")?)?;
        let reason = as_string_array(named(&batch, "reason")?)?;
        for row in 0..batch.num_rows() {
            let at = at
                .is_valid(row)
                .then(|| DateTime::from_timestamp_nanos(at.value(row)));
            out.push((
                account.value(row).to_owned(),
                kind.value(row).to_owned(),
                at,
                reason.value(row).to_owned(),
            ));
        }
    }
    Ok(out)
}

/// The fees of an account, for [`Account::fees`]: the same fee every
/// Service Month of `term`.
///
/// # Errors
///
/// As [`MonthlyFees::with`].
pub fn flat_fees(term: Term, fee: &sms_sla::MonthlyServiceFee) -> Result<MonthlyFees, Error> {
    let mut fees = MonthlyFees::new();
    for month in term.service_months() {
        fees = fees.with(month, fee.clone())?;
    }
    Ok(fees)
}
