//! The library's rules as `DataFusion` functions: each calls the library,
//! none restates a rule.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, ListBuilder, PrimitiveArray, StringArray,
    StringBuilder, StructArray, TimestampNanosecondArray, TimestampNanosecondBuilder,
    UInt32Builder, UInt64Builder,
};
use datafusion::arrow::datatypes::{
    DataType, Field, FieldRef, Fields, TimeUnit, UInt32Type, UInt64Type,
};
use datafusion::common::cast::{as_string_array, as_timestamp_nanosecond_array, as_uint64_array};
use datafusion::common::{Result, exec_datafusion_err, exec_err, plan_err};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{
    Accumulator, AggregateUDF, AggregateUDFImpl, ColumnarValue, EmitTo, GroupsAccumulator,
    ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};
use sms_sla::tencent::LogStats;
use sms_sla::tencent::{
    CodeClass, CodeTable, Codes, Entry, EntryKind, Evidence, Malformed, MessageKey, RawEntry,
};
use sms_sla::traffic::LedgerBuilder;

/// The time type every function takes: nanoseconds, UTC.
pub(crate) fn time_type() -> DataType {
    DataType::Timestamp(TimeUnit::Nanosecond, Some("UTC".into()))
}

/// Asks `DataFusion` to cast each argument to `types`, when it is of the
/// same kind: text (`Utf8View`, `LargeUtf8`, a dictionary of text) to
/// `Utf8`, a timestamp of any unit to nanoseconds, an unsigned integer to
/// `UInt64`; `NULL` to any. Another type is refused when the query is
/// planned (`sla_code_class(200)` is a mistake, not a code).
fn coerce(name: &str, given: &[DataType], types: &[DataType]) -> Result<Vec<DataType>> {
    if given.len() != types.len() {
        return plan_err!(
            "{name} takes {} arguments, not {}",
            types.len(),
            given.len()
        );
    }
    for (position, (given, wanted)) in given.iter().zip(types).enumerate() {
        if !same_kind(given, wanted) {
            return plan_err!(
                "{name} argument {} is {given}, which does not cast to {wanted}",
                position.saturating_add(1)
            );
        }
    }
    Ok(types.to_vec())
}

/// Whether `given` is the kind of type `wanted` is (see [`coerce`]).
fn same_kind(given: &DataType, wanted: &DataType) -> bool {
    let integer = |t: &DataType| t.is_integer();
    match (given, wanted) {
        (DataType::Dictionary(_, value), _) => same_kind(value, wanted),
        (DataType::Utf8 | DataType::Utf8View | DataType::LargeUtf8, DataType::Utf8)
        | (DataType::Timestamp(..), DataType::Timestamp(..))
        | (DataType::Null, _) => true,
        (given, DataType::UInt64) if integer(given) => true,
        _ => given == wanted,
    }
}

/// The instant of `nanos` nanoseconds since the Unix epoch.
fn instant(nanos: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_nanos(nanos)
}

fn nanos_of(at: DateTime<Utc>) -> Result<i64> {
    at.timestamp_nanos_opt()
        .ok_or_else(|| exec_datafusion_err!("{at} is beyond the nanosecond time range"))
}

fn text(array: &StringArray, row: usize) -> Option<&str> {
    array.is_valid(row).then(|| array.value(row))
}

/// Whether `row` passes the aggregate's filter.
fn selected(filter: Option<&BooleanArray>, row: usize) -> bool {
    filter.is_none_or(|filter| filter.is_valid(row) && filter.value(row))
}

/// What kind of entry a row of the entries table is.
const SEND: &str = "send";
const RECEIPT: &str = "receipt";

/// Whether a row of the entries table is a send (else a receipt), by its
/// `kind`; another kind is the pipeline's mistake, not the data's.
fn is_send(kind: Option<&str>) -> Result<bool> {
    match kind {
        Some(SEND) => Ok(true),
        Some(RECEIPT) => Ok(false),
        other => exec_err!("entry kind {other:?} is neither `send` nor `receipt`"),
    }
}

/// The raw columns of the entries table, as the functions take them:
/// `kind, at, serial, phone, status, code, request_id, position`, then,
/// for `sla_entry`, `rejected`.
struct Rows<'a> {
    kind: &'a StringArray,
    at: &'a TimestampNanosecondArray,
    serial: &'a StringArray,
    phone: &'a StringArray,
    status: &'a StringArray,
    code: &'a StringArray,
    request_id: &'a StringArray,
    position: &'a PrimitiveArray<UInt64Type>,
    rejected: Option<&'a StringArray>,
}

/// The number of raw columns `sla_message` takes (`sla_entry` takes one
/// more, `rejected`).
const RAW_COLUMNS: usize = 8;

impl<'a> Rows<'a> {
    /// The columns of `values`: the eight raw ones, and `rejected` when
    /// there is a ninth.
    fn of(name: &str, values: &'a [ArrayRef]) -> Result<Self> {
        let (raw, rejected) = match values {
            [kind, at, serial, phone, status, code, request_id, position] => (
                [kind, at, serial, phone, status, code, request_id, position],
                None,
            ),
            [
                kind,
                at,
                serial,
                phone,
                status,
                code,
                request_id,
                position,
                rejected,
            ] => (
                [kind, at, serial, phone, status, code, request_id, position],
                Some(as_string_array(rejected)?),
            ),
            _ => {
                return exec_err!(
                    "{name} takes {RAW_COLUMNS} or {} arguments",
                    RAW_COLUMNS + 1
                );
            }
        };
        let [kind, at, serial, phone, status, code, request_id, position] = raw;
        Ok(Self {
            kind: as_string_array(kind)?,
            at: as_timestamp_nanosecond_array(at)?,
            serial: as_string_array(serial)?,
            phone: as_string_array(phone)?,
            status: as_string_array(status)?,
            code: as_string_array(code)?,
            request_id: as_string_array(request_id)?,
            position: as_uint64_array(position)?,
            rejected,
        })
    }

    /// Row `row` as the library's raw entry: the one normalisation reads
    /// it as it reads a document's entry (D26).
    fn raw(&self, row: usize) -> Result<RawEntry<'a>> {
        let at = self.at.is_valid(row).then(|| instant(self.at.value(row)));
        let raw = if is_send(text(self.kind, row))? {
            let position = self
                .position
                .is_valid(row)
                .then(|| self.position.value(row));
            RawEntry::send(at, text(self.code, row))
                .phone(text(self.phone, row))
                .request(text(self.request_id, row), position)
        } else {
            RawEntry::callback(at, text(self.status, row), text(self.code, row), None)
        };
        let rejected = self.rejected.and_then(|rejected| text(rejected, row));
        Ok(raw.serial(text(self.serial, row)).rejected(rejected))
    }
}

/// The raw argument types of the functions that read entries.
fn raw_types() -> Vec<DataType> {
    vec![
        DataType::Utf8,
        time_type(),
        DataType::Utf8,
        DataType::Utf8,
        DataType::Utf8,
        DataType::Utf8,
        DataType::Utf8,
        DataType::UInt64,
    ]
}

/// The grouping key of a message, or `None` for one known by nothing but
/// its row ([`MessageKey::Own`]).
fn key_text(key: MessageKey<'_>) -> Option<String> {
    match key {
        MessageKey::Own => None,
        key => Some(key.to_string()),
    }
}

/// Declares one of the functions: a struct that holds its signature and
/// the code table it classifies with, and `new`. `DataFusion` compares
/// functions to tell registrations apart: two of a kind are equal when
/// their tables are.
macro_rules! rule_function {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $name {
            signature: Signature,
            table: CodeTable,
        }

        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.table == other.table
            }
        }

        impl Eq for $name {}

        impl std::hash::Hash for $name {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                stringify!($name).hash(state);
            }
        }

        impl $name {
            pub(crate) fn new(table: CodeTable) -> Self {
                Self {
                    signature: Signature::user_defined(Volatility::Immutable),
                    table,
                }
            }
        }
    };
}

// ---------------------------------------------------------------------
// sla_entry: the one normalisation of a row.

rule_function! {
    /// `sla_entry(kind, at, serial, phone, status, code, request_id,
    /// position, rejected)`: the library's normalisation of one row of the
    /// entries table ([D26](sms_sla::_documentation::design#d26)), a struct
    /// of `key`, the message it is about as text (`NULL` for a refusal
    /// known by nothing but its row, [`MessageKey::Own`]; for a rejected
    /// row, the message its serial number names, if any), and `reason`,
    /// `NULL` for a row the library reads, else why it is rejected, in the
    /// library's words ([D22](sms_sla::_documentation::design#d22)). The
    /// pipeline groups by `key` and never by raw text; rejected rows are
    /// counted in their message's Service Month and listed, never folded
    /// into a message.
    EntryOf
}

fn entry_fields() -> Fields {
    Fields::from(vec![
        Field::new("key", DataType::Utf8, true),
        Field::new("reason", DataType::Utf8, true),
    ])
}

impl ScalarUDFImpl for EntryOf {
    fn name(&self) -> &'static str {
        "sla_entry"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, given: &[DataType]) -> Result<Vec<DataType>> {
        let mut types = raw_types();
        types.push(DataType::Utf8);
        coerce(self.name(), given, &types)
    }

    fn return_type(&self, _: &[DataType]) -> Result<DataType> {
        Ok(DataType::Struct(entry_fields()))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let columns = ColumnarValue::values_to_arrays(&args.args)?;
        let rows = Rows::of(self.name(), &columns)?;
        let mut keys = StringBuilder::new();
        let mut reasons = StringBuilder::new();
        for row in 0..args.number_rows {
            match rows.raw(row)?.normalize(&self.table) {
                Ok(normal) => {
                    keys.append_option(key_text(normal.key()));
                    reasons.append_null();
                }
                Err(malformed) => {
                    let named = malformed
                        .serial()
                        .map(|serial| MessageKey::Serial(serial).to_string());
                    keys.append_option(named);
                    reasons.append_value(malformed.to_string());
                }
            }
        }
        let columns: Vec<ArrayRef> = vec![Arc::new(keys.finish()), Arc::new(reasons.finish())];
        Ok(ColumnarValue::Array(Arc::new(StructArray::try_new(
            entry_fields(),
            columns,
            None,
        )?)))
    }
}

// ---------------------------------------------------------------------
// sla_code_class: the code tables.

rule_function! {
    /// `sla_code_class(code)`: the class the code table gives a code
    /// (`delivered`, `submitted`, `invalid_number:<reason>`,
    /// `exempt:<clause>`, `provider_side`), or `NULL` for a code it does not
    /// list ([D15](sms_sla::_documentation::design#d15)).
    CodeClassOf
}

/// The stable text of a code class.
#[must_use]
pub(crate) fn class_name(class: CodeClass) -> String {
    match class {
        CodeClass::Delivered => "delivered".to_owned(),
        CodeClass::Submitted => "submitted".to_owned(),
        CodeClass::InvalidNumber(reason) => format!("invalid_number:{}", reason.name()),
        CodeClass::Exempt(exemption) => format!("exempt:{}", exemption.clause()),
        CodeClass::ProviderSide => "provider_side".to_owned(),
        _ => format!("{class:?}"),
    }
}

impl ScalarUDFImpl for CodeClassOf {
    fn name(&self) -> &'static str {
        "sla_code_class"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, given: &[DataType]) -> Result<Vec<DataType>> {
        coerce(self.name(), given, &[DataType::Utf8])
    }

    fn return_type(&self, _: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let columns = ColumnarValue::values_to_arrays(&args.args)?;
        let [code] = columns.as_slice() else {
            return exec_err!("sla_code_class takes 1 argument");
        };
        let code = as_string_array(code)?;
        let mut names: HashMap<&str, Option<String>> = HashMap::new();
        let mut out = StringBuilder::new();
        for row in 0..args.number_rows {
            let name = text(code, row).and_then(|code| {
                names
                    .entry(code)
                    .or_insert_with(|| self.table.classify(code).map(class_name))
                    .clone()
            });
            out.append_option(name);
        }
        Ok(ColumnarValue::Array(Arc::new(out.finish())))
    }
}

// ---------------------------------------------------------------------
// sla_message: D20 over a message's entries, grouped by serial number.

rule_function! {
    /// `sla_message(kind, at, serial, phone, status, code, request_id,
    /// position)`: one message from all its entries (`GROUP BY` the key
    /// `sla_entry` gives), each read by the library's normalisation, by its
    /// [`Evidence`] ([D19](sms_sla::_documentation::design#d19)-[D21](sms_sla::_documentation::design#d21)):
    /// a struct of the entry that decides its outcome (`at`, `kind`, `code`,
    /// as [`Evidence::decisive`]) and its counts (`sends`, `receipts`,
    /// `matched`, `duplicates`, `conflicts`, `unreceipted`, `unmatched`, as
    /// [`Evidence::stats`] with SendSms data read).
    ///
    /// Rows must pass `sla_entry`: a row the library cannot read is an
    /// execution error here, never skipped.
    Message
}

/// The counts of a message, in [`LogStats`] order.
pub(crate) const COUNTS: [&str; 7] = [
    "sends",
    "receipts",
    "matched",
    "duplicates",
    "conflicts",
    "unreceipted",
    "unmatched",
];

fn counts_of(stats: &LogStats) -> [u64; 7] {
    [
        stats.sends(),
        stats.receipts(),
        stats.matched(),
        stats.duplicates(),
        stats.conflicts(),
        stats.unreceipted(),
        stats.unmatched(),
    ]
}

fn message_fields() -> Fields {
    let mut fields = vec![
        Field::new("at", time_type(), false),
        Field::new("kind", DataType::Utf8, false),
        Field::new("code", DataType::Utf8, true),
    ];
    fields.extend(COUNTS.map(|name| Field::new(name, DataType::UInt64, false)));
    Fields::from(fields)
}

fn list_of(name: &str, item: DataType) -> FieldRef {
    Arc::new(Field::new(
        name,
        DataType::List(Arc::new(Field::new("item", item, true))),
        true,
    ))
}

/// The partial state of a message: its evidence as entries, four lists.
fn message_state_fields() -> Vec<FieldRef> {
    vec![
        list_of("kinds", DataType::Utf8),
        list_of("codes", DataType::Utf8),
        list_of("ats", time_type()),
        list_of("counts", DataType::UInt32),
    ]
}

impl AggregateUDFImpl for Message {
    fn name(&self) -> &'static str {
        "sla_message"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, given: &[DataType]) -> Result<Vec<DataType>> {
        coerce(self.name(), given, &raw_types())
    }

    fn return_type(&self, _: &[DataType]) -> Result<DataType> {
        Ok(DataType::Struct(message_fields()))
    }

    fn is_nullable(&self) -> bool {
        false
    }

    fn state_fields(&self, _: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(message_state_fields())
    }

    fn accumulator(&self, _: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        Ok(Box::new(OneGroup(Messages::new(self.table.clone()))))
    }

    fn groups_accumulator_supported(&self, _: AccumulatorArgs) -> bool {
        true
    }

    fn create_groups_accumulator(&self, _: AccumulatorArgs) -> Result<Box<dyn GroupsAccumulator>> {
        Ok(Box::new(Messages::new(self.table.clone())))
    }
}

/// Every group's evidence, its codes in one shared [`Codes`].
#[derive(Debug)]
pub(crate) struct Messages {
    codes: Codes,
    groups: Vec<Option<Evidence>>,
}

impl Messages {
    pub(crate) fn new(table: CodeTable) -> Self {
        Self {
            codes: Codes::new(table),
            groups: Vec::new(),
        }
    }

    /// The entry of row `row`, read by the library's normalisation; a row
    /// it rejects is the pipeline's mistake here (`sla_entry` keeps them
    /// out).
    fn read(&mut self, rows: &Rows<'_>, row: usize) -> Result<Entry> {
        let normal =
            rows.raw(row)?
                .normalize(self.codes.table())
                .map_err(|malformed: Malformed<'_>| {
                    exec_datafusion_err!("sla_message: an entry sla_entry rejects: {malformed}")
                })?;
        Ok(self.codes.entry(&normal))
    }

    fn add(&mut self, group: usize, entry: Entry) {
        if let Some(slot) = self.groups.get_mut(group) {
            match slot {
                Some(evidence) => evidence.add(entry, &self.codes),
                None => *slot = Some(Evidence::new(entry)),
            }
        }
    }

    fn take(&mut self, emit_to: EmitTo) -> Vec<Option<Evidence>> {
        emit_to.take_needed(&mut self.groups)
    }

    fn evaluate_groups(&self, groups: &[Option<Evidence>]) -> Result<ArrayRef> {
        let mut at = TimestampNanosecondBuilder::with_capacity(groups.len()).with_timezone("UTC");
        let mut kind = StringBuilder::new();
        let mut code = StringBuilder::new();
        let mut counts: Vec<UInt64Builder> = COUNTS
            .iter()
            .map(|_| UInt64Builder::with_capacity(groups.len()))
            .collect();
        for evidence in groups {
            let Some(evidence) = evidence else {
                return exec_err!("sla_message: a group with no entry");
            };
            let decisive = evidence.decisive(&self.codes);
            at.append_value(nanos_of(decisive.at())?);
            kind.append_value(decisive.kind().name());
            code.append_option(decisive.code(&self.codes));
            let stats = evidence.stats(&self.codes, true);
            for (builder, count) in counts.iter_mut().zip(counts_of(&stats)) {
                builder.append_value(count);
            }
        }
        let mut columns: Vec<ArrayRef> = vec![
            Arc::new(at.finish()),
            Arc::new(kind.finish()),
            Arc::new(code.finish()),
        ];
        columns.extend(counts.iter_mut().map(|b| Arc::new(b.finish()) as ArrayRef));
        Ok(Arc::new(StructArray::try_new(
            message_fields(),
            columns,
            None,
        )?))
    }

    fn state_of(&self, groups: &[Option<Evidence>]) -> Result<Vec<ArrayRef>> {
        let mut kinds = ListBuilder::new(StringBuilder::new());
        let mut codes = ListBuilder::new(StringBuilder::new());
        let mut ats = ListBuilder::new(TimestampNanosecondBuilder::new().with_timezone("UTC"));
        let mut counts = ListBuilder::new(UInt32Builder::new());
        for evidence in groups {
            for entry in evidence.iter().flat_map(Evidence::entries) {
                kinds.values().append_value(entry.kind().name());
                codes.values().append_option(entry.code(&self.codes));
                ats.values().append_value(nanos_of(entry.at())?);
                counts.values().append_value(entry.count());
            }
            kinds.append(true);
            codes.append(true);
            ats.append(true);
            counts.append(true);
        }
        Ok(vec![
            Arc::new(kinds.finish()),
            Arc::new(codes.finish()),
            Arc::new(ats.finish()),
            Arc::new(counts.finish()),
        ])
    }

    fn merge_rows(&mut self, states: &[ArrayRef], group_indices: &[usize]) -> Result<()> {
        let [kinds, codes, ats, counts] = states else {
            return exec_err!("sla_message: a state of {} columns, not 4", states.len());
        };
        let (kinds, codes) = (kinds.as_list::<i32>(), codes.as_list::<i32>());
        let (ats, counts) = (ats.as_list::<i32>(), counts.as_list::<i32>());
        for (row, &group) in group_indices.iter().enumerate() {
            let kind = kinds.value(row);
            let (kind, code) = (as_string_array(&kind)?, codes.value(row));
            let code = as_string_array(&code)?;
            let at = ats.value(row);
            let at = as_timestamp_nanosecond_array(&at)?;
            let count = counts.value(row);
            let count = count.as_primitive::<UInt32Type>();
            for i in 0..kind.len() {
                let parsed: EntryKind = kind
                    .value(i)
                    .parse()
                    .map_err(|err: sms_sla::Error| exec_datafusion_err!("{err}"))?;
                let entry = Entry::rebuild(
                    parsed,
                    text(code, i),
                    instant(at.value(i)),
                    count.value(i),
                    &mut self.codes,
                )
                .map_err(|reason| exec_datafusion_err!("{reason}"))?;
                self.add(group, entry);
            }
        }
        Ok(())
    }
}

impl GroupsAccumulator for Messages {
    fn update_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        opt_filter: Option<&BooleanArray>,
        total_num_groups: usize,
    ) -> Result<()> {
        self.groups.resize_with(total_num_groups, || None);
        let rows = Rows::of("sla_message", values)?;
        for (row, &group) in group_indices.iter().enumerate() {
            if !selected(opt_filter, row) {
                continue;
            }
            let entry = self.read(&rows, row)?;
            self.add(group, entry);
        }
        Ok(())
    }

    fn evaluate(&mut self, emit_to: EmitTo) -> Result<ArrayRef> {
        let groups = self.take(emit_to);
        self.evaluate_groups(&groups)
    }

    fn state(&mut self, emit_to: EmitTo) -> Result<Vec<ArrayRef>> {
        let groups = self.take(emit_to);
        self.state_of(&groups)
    }

    fn merge_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        total_num_groups: usize,
    ) -> Result<()> {
        self.groups.resize_with(total_num_groups, || None);
        self.merge_rows(values, group_indices)
    }

    fn convert_to_state(
        &self,
        values: &[ArrayRef],
        opt_filter: Option<&BooleanArray>,
    ) -> Result<Vec<ArrayRef>> {
        // One message per row, as `update_batch` would make it.
        let count = values.first().map_or(0, Array::len);
        let mut single = Self::new(self.codes.table().clone());
        single.groups.resize_with(count, || None);
        let rows = Rows::of("sla_message", values)?;
        for row in (0..count).filter(|&row| selected(opt_filter, row)) {
            let entry = single.read(&rows, row)?;
            single.add(row, entry);
        }
        single.state_of(&single.groups)
    }

    fn size(&self) -> usize {
        self.groups.capacity() * size_of::<Option<Evidence>>() + self.codes.len() * 64
    }
}

/// A groups accumulator used for one group: the plain [`Accumulator`]
/// `DataFusion` asks for where it does not group (and in window frames).
#[derive(Debug)]
struct OneGroup<G>(G);

impl Accumulator for OneGroup<Messages> {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let rows = values.first().map_or(0, Array::len);
        GroupsAccumulator::update_batch(&mut self.0, values, &vec![0; rows], None, 1)
    }

    fn evaluate(&mut self) -> Result<datafusion::scalar::ScalarValue> {
        if self.0.groups.first().is_none_or(Option::is_none) {
            return exec_err!("sla_message of no entry");
        }
        let array = self.0.evaluate_groups(&self.0.groups)?;
        datafusion::scalar::ScalarValue::try_from_array(&array, 0)
    }

    fn size(&self) -> usize {
        GroupsAccumulator::size(&self.0)
    }

    fn state(&mut self) -> Result<Vec<datafusion::scalar::ScalarValue>> {
        self.0.groups.resize_with(1, || None);
        let arrays = self.0.state_of(&self.0.groups)?;
        arrays
            .iter()
            .map(|array| datafusion::scalar::ScalarValue::try_from_array(array, 0))
            .collect()
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let rows = states.first().map_or(0, Array::len);
        self.0.groups.resize_with(1, || None);
        self.0.merge_rows(states, &vec![0; rows])
    }
}

// ---------------------------------------------------------------------
// sla_tally: the ledger of an account's messages.

rule_function! {
    /// `sla_tally(ledger, at, kind, code)`: an account's messages (the output
    /// of `sla_message`) counted into its [`LedgerBuilder`] (`GROUP BY`
    /// account). `ledger` is the account's empty builder in its wire form
    /// (JSON); the result is the filled builder in the same form, which the
    /// library merges and finishes. Each message's record is made by the
    /// library from its deciding entry, as
    /// [`Evidence::decisive`] promises.
    Tally
}

impl AggregateUDFImpl for Tally {
    fn name(&self) -> &'static str {
        "sla_tally"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, given: &[DataType]) -> Result<Vec<DataType>> {
        coerce(
            self.name(),
            given,
            &[DataType::Utf8, time_type(), DataType::Utf8, DataType::Utf8],
        )
    }

    fn return_type(&self, _: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }

    fn state_fields(&self, _: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(vec![Arc::new(Field::new("ledger", DataType::Utf8, true))])
    }

    fn accumulator(&self, _: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        Ok(Box::new(OneGroup(Ledgers::new(self.table.clone()))))
    }

    fn groups_accumulator_supported(&self, _: AccumulatorArgs) -> bool {
        true
    }

    fn create_groups_accumulator(&self, _: AccumulatorArgs) -> Result<Box<dyn GroupsAccumulator>> {
        Ok(Box::new(Ledgers::new(self.table.clone())))
    }
}

/// Every group's ledger builder.
#[derive(Debug)]
pub(crate) struct Ledgers {
    codes: Codes,
    groups: Vec<Option<LedgerBuilder>>,
}

fn parse_builder(wire: &str) -> Result<LedgerBuilder> {
    serde_json::from_str(wire)
        .map_err(|err| exec_datafusion_err!("sla_tally: a ledger that cannot be read: {err}"))
}

fn wire_of(builder: &LedgerBuilder) -> Result<String> {
    serde_json::to_string(builder)
        .map_err(|err| exec_datafusion_err!("sla_tally: a ledger that cannot be written: {err}"))
}

impl Ledgers {
    fn new(table: CodeTable) -> Self {
        Self {
            codes: Codes::new(table),
            groups: Vec::new(),
        }
    }

    fn merge_into(&mut self, group: usize, builder: LedgerBuilder) -> Result<()> {
        let Some(slot) = self.groups.get_mut(group) else {
            return exec_err!("sla_tally: group {group} out of range");
        };
        if let Some(mine) = slot {
            mine.merge(&builder)
                .map_err(|err| exec_datafusion_err!("{err}"))
        } else {
            *slot = Some(builder);
            Ok(())
        }
    }

    fn wires(groups: &[Option<LedgerBuilder>]) -> Result<ArrayRef> {
        let mut out = StringBuilder::new();
        for builder in groups {
            out.append_option(builder.as_ref().map(wire_of).transpose()?);
        }
        Ok(Arc::new(out.finish()))
    }

    fn merge_rows(&mut self, states: &[ArrayRef], group_indices: &[usize]) -> Result<()> {
        let [wires] = states else {
            return exec_err!("sla_tally: a state of {} columns, not 1", states.len());
        };
        let wires = as_string_array(wires)?;
        for (row, &group) in group_indices.iter().enumerate() {
            if let Some(wire) = text(wires, row) {
                self.merge_into(group, parse_builder(wire)?)?;
            }
        }
        Ok(())
    }
}

impl GroupsAccumulator for Ledgers {
    fn update_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        opt_filter: Option<&BooleanArray>,
        total_num_groups: usize,
    ) -> Result<()> {
        self.groups.resize_with(total_num_groups, || None);
        let [ledger, at, kind, code] = values else {
            return exec_err!("sla_tally takes 4 arguments");
        };
        let (ledger, at) = (as_string_array(ledger)?, as_timestamp_nanosecond_array(at)?);
        let (kind, code) = (as_string_array(kind)?, as_string_array(code)?);
        for (row, &group) in group_indices.iter().enumerate() {
            if !selected(opt_filter, row) {
                continue;
            }
            // An account missing from the accounts table has no ledger: the
            // pipeline reports its messages (never dropped silently).
            let Some(empty) = text(ledger, row) else {
                continue;
            };
            if self.groups.get(group).is_some_and(Option::is_none) {
                self.merge_into(group, parse_builder(empty)?)?;
            }
            let (Some(kind_text), true) = (text(kind, row), at.is_valid(row)) else {
                return exec_err!("sla_tally: a message with no kind or time");
            };
            let code_text = text(code, row);
            let kind_here: EntryKind = kind_text
                .parse()
                .map_err(|err: sms_sla::Error| exec_datafusion_err!("{err}"))?;
            let entry = Entry::rebuild(
                kind_here,
                code_text,
                instant(at.value(row)),
                1,
                &mut self.codes,
            )
            .map_err(|reason| exec_datafusion_err!("{reason}"))?;
            let record = Evidence::new(entry).record(&self.codes);
            if let Some(Some(builder)) = self.groups.get_mut(group) {
                builder.add(&record);
            }
        }
        Ok(())
    }

    fn evaluate(&mut self, emit_to: EmitTo) -> Result<ArrayRef> {
        let groups = emit_to.take_needed(&mut self.groups);
        Self::wires(&groups)
    }

    fn state(&mut self, emit_to: EmitTo) -> Result<Vec<ArrayRef>> {
        let groups = emit_to.take_needed(&mut self.groups);
        Ok(vec![Self::wires(&groups)?])
    }

    fn merge_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        total_num_groups: usize,
    ) -> Result<()> {
        self.groups.resize_with(total_num_groups, || None);
        self.merge_rows(values, group_indices)
    }

    fn convert_to_state(
        &self,
        values: &[ArrayRef],
        opt_filter: Option<&BooleanArray>,
    ) -> Result<Vec<ArrayRef>> {
        // One builder per row, as `update_batch` would make it.
        let rows = values.first().map_or(0, Array::len);
        let mut single = Self::new(self.codes.table().clone());
        let groups: Vec<usize> = (0..rows).collect();
        single.update_batch(values, &groups, opt_filter, rows)?;
        Ok(vec![Self::wires(&single.groups)?])
    }

    fn size(&self) -> usize {
        // A builder holds about 200 bytes per day of its term.
        self.groups.capacity() * size_of::<Option<LedgerBuilder>>()
            + self.groups.iter().flatten().count() * 200 * 400
    }
}

impl Accumulator for OneGroup<Ledgers> {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let rows = values.first().map_or(0, Array::len);
        GroupsAccumulator::update_batch(&mut self.0, values, &vec![0; rows], None, 1)
    }

    fn evaluate(&mut self) -> Result<datafusion::scalar::ScalarValue> {
        let array = Ledgers::wires(&self.0.groups)?;
        if array.is_empty() {
            return Ok(datafusion::scalar::ScalarValue::Utf8(None));
        }
        datafusion::scalar::ScalarValue::try_from_array(&array, 0)
    }

    fn size(&self) -> usize {
        GroupsAccumulator::size(&self.0)
    }

    fn state(&mut self) -> Result<Vec<datafusion::scalar::ScalarValue>> {
        Ok(vec![self.evaluate()?])
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let rows = states.first().map_or(0, Array::len);
        self.0.groups.resize_with(1, || None);
        self.0.merge_rows(states, &vec![0; rows])
    }
}

/// The four functions, classifying codes with `table`.
#[must_use]
pub(crate) fn functions(table: &CodeTable) -> (Vec<ScalarUDF>, Vec<AggregateUDF>) {
    (
        vec![
            ScalarUDF::new_from_impl(EntryOf::new(table.clone())),
            ScalarUDF::new_from_impl(CodeClassOf::new(table.clone())),
        ],
        vec![
            AggregateUDF::new_from_impl(Message::new(table.clone())),
            AggregateUDF::new_from_impl(Tally::new(table.clone())),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The counts the engine sums per message are `LogStats`' own, by the
    /// names its stored form gives them: the pipeline builds each account's
    /// `LogStats` from them by name.
    #[test]
    fn counts_are_named_as_log_stats_stores_them() {
        let stored = serde_json::to_value(LogStats::default()).ok();
        for name in COUNTS {
            assert!(
                stored
                    .as_ref()
                    .and_then(|stored| stored.get(name))
                    .is_some(),
                "{name} is not a LogStats count: {stored:?}"
            );
        }
    }
}
