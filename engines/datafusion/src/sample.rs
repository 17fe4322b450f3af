//! Large, realistic inputs for the pipeline: sends and receipts of many
//! accounts with repeats, conflicts, missing and unmatched receipts,
//! refusals and malformed rows at set rates, from a seed (the same seed
//! gives the same bytes).

use std::path::Path;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rust_decimal::Decimal;
use sms_sla::traffic::{AccountKind, Announcements};
use sms_sla::{Money, MonthlyServiceFee, SlaPolicy, Term};

use crate::Error;
use crate::pipeline::{Account, TableFormat, flat_fees};
use crate::tables::{ReceiptRow, SendRow, TableWriter, Written, extension};

/// Rates of each kind of trouble, per million messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rates {
    /// Submissions refused by SendSms (a failure by its code).
    pub refused: u32,
    /// Of the refused submissions (per million of them), those refused
    /// without a serial number (D19).
    pub refused_without_serial: u32,
    /// Accepted messages with no receipt (unconfirmed, D5).
    pub missing_receipt: u32,
    /// Receipts delivered again (a redelivered callback).
    pub repeated: u32,
    /// Messages with a failure receipt and a later delivery (a conflict).
    pub conflicting: u32,
    /// Delivered messages whose receipt is a failure instead.
    pub failed: u32,
    /// Receipts for a serial number no send mentions.
    pub unmatched: u32,
    /// Rows the library rejects (an unknown status, no serial number).
    pub malformed: u32,
}

impl Default for Rates {
    /// 2% refused (a tenth of them without a serial number), 3% with no
    /// receipt, 5% repeated, 1% conflicting, 4% failed, 0.5% unmatched,
    /// 0.1% malformed.
    fn default() -> Self {
        Self {
            refused: 20_000,
            refused_without_serial: 100_000,
            missing_receipt: 30_000,
            repeated: 50_000,
            conflicting: 10_000,
            failed: 40_000,
            unmatched: 5_000,
            malformed: 1_000,
        }
    }
}

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    /// How many accounts (`a0000`, `a0001`, ...).
    pub accounts: u32,
    /// How many messages in all, spread evenly over the accounts and
    /// uniformly over the term.
    pub messages: u64,
    /// Every account's term: this many months from `start`.
    pub months: u32,
    /// The term's first day.
    pub start: NaiveDate,
    /// The trouble rates.
    pub rates: Rates,
    /// The seed.
    pub seed: u64,
}

impl Spec {
    /// `messages` over `accounts` accounts, three months from 2025-01-01,
    /// at the default rates, seed 1.
    #[must_use]
    pub fn new(accounts: u32, messages: u64) -> Self {
        Self {
            accounts: accounts.max(1),
            messages,
            months: 3,
            start: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default(),
            rates: Rates::default(),
            seed: 1,
        }
    }

    /// The accounts, each on the Tencent agreement with a fee of 1,000 CNY
    /// a month less a 200 CNY coupon.
    ///
    /// # Errors
    ///
    /// [`Error::Sla`] when `months` makes no term.
    pub fn accounts(&self) -> Result<Vec<Account>, Error> {
        let term = Term::from_months(self.start, self.months)?;
        let fee = MonthlyServiceFee::new(Money::new(Decimal::from(1000), "CNY")?).with_deduction(
            sms_sla::DeductionKind::Coupon,
            Money::new(Decimal::from(200), "CNY")?,
        )?;
        (0..self.accounts)
            .map(|n| {
                Ok(Account {
                    id: account_id(n),
                    policy: SlaPolicy::tencent_sms(),
                    term,
                    kind: if n % 10 == 0 {
                        AccountKind::Gateway
                    } else {
                        AccountKind::Ordinary
                    },
                    announcements: Announcements::new(),
                    fees: flat_fees(term, &fee)?,
                })
            })
            .collect()
    }
}

fn account_id(n: u32) -> String {
    format!("a{n:04}")
}

/// One SendSms entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Send {
    /// The account.
    pub account: String,
    /// `SerialNo`.
    pub serial: Option<String>,
    /// The request instant.
    pub requested_at: DateTime<Utc>,
    /// `PhoneNumber`.
    pub phone: String,
    /// `Code`.
    pub code: String,
    /// The response's `RequestId`.
    pub request_id: String,
    /// The entry's place in its response.
    pub position: u64,
}

/// One receipt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receipt {
    /// The account.
    pub account: String,
    /// `sid`.
    pub serial: Option<String>,
    /// `user_receive_time`, whole seconds.
    pub received_at: DateTime<Utc>,
    /// `report_status`.
    pub status: String,
    /// `errmsg`.
    pub code: Option<String>,
}

/// One generated row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    /// A SendSms entry.
    Send(Send),
    /// A receipt.
    Receipt(Receipt),
}

/// splitmix64: a fast, well-mixed stream from a seed.
struct Stream(u64);

impl Stream {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Whether an event of `rate` per million happens.
    fn hit(&mut self, rate: u32) -> bool {
        self.next() % 1_000_000 < u64::from(rate)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const RECEIPT_FAILURES: [&str; 5] = ["MK:0001", "UNDELIV", "-106", "MX:9999", "MK:0005"];
const REFUSALS: [&str; 2] = [
    "InternalError.Timeout",
    "FailedOperation.PhoneNumberInBlacklist",
];

/// Generates the rows of `spec`, each message's send then its receipts,
/// handing each to `sink`. Every seventh account (`a0003`, `a0010`, ...)
/// has three times the failures, all with a code no table lists (Apparent
/// Failures, D15), so its months fall below the standard and compensation
/// is owed.
///
/// # Errors
///
/// [`Error::Sla`] when `months` makes no term; whatever `sink` returns.
pub fn generate(spec: &Spec, mut sink: impl FnMut(Row) -> Result<(), Error>) -> Result<(), Error> {
    let (first, span) = term_span(spec)?;
    let mut stream = Stream(spec.seed);
    for n in 0..spec.messages {
        message(spec, &mut stream, n, (first, span), &mut sink)?;
    }
    Ok(())
}

/// The first instant of the term (its first midnight in Beijing) and its
/// length in milliseconds.
fn term_span(spec: &Spec) -> Result<(DateTime<Utc>, u64), Error> {
    let term = Term::from_months(spec.start, spec.months)?;
    // The term's span in milliseconds, from its first midnight in Beijing.
    let first = spec
        .start
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc()
        - Duration::hours(8);
    let last = term
        .last_day()
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc()
        + Duration::hours(16);
    let span = u64::try_from((last - first).num_milliseconds()).unwrap_or(1);
    Ok((first, span))
}

/// The rows of message `n`, drawn from `stream`: its send and receipts, a
/// receipt without a send, or a refusal, with the malformed entries the
/// spec's rates ask for.
fn message(
    spec: &Spec,
    stream: &mut Stream,
    n: u64,
    (first, span): (DateTime<Utc>, u64),
    sink: &mut impl FnMut(Row) -> Result<(), Error>,
) -> Result<(), Error> {
    let rates = spec.rates;
    let index = u32::try_from(n % u64::from(spec.accounts)).unwrap_or(0);
    let account = account_id(index);
    let troubled = index % 7 == 3;
    let serial = format!("2019:{:016x}", stream.next() ^ n);
    let millis = i64::try_from(stream.below(span)).unwrap_or(0);
    let requested_at = first + Duration::milliseconds(millis);
    let phone = format!("+86138{:08}", stream.below(100_000_000));
    let receipt = |serial: Option<&str>, seconds: i64, status: &str, code: Option<&str>| {
        let at = requested_at + Duration::seconds(seconds);
        Receipt {
            account: account.clone(),
            serial: serial.map(str::to_owned),
            received_at: DateTime::from_timestamp(at.timestamp(), 0).unwrap_or(at),
            status: status.to_owned(),
            code: code.map(str::to_owned),
        }
    };
    if stream.hit(rates.unmatched) {
        // A receipt whose send is not in the data.
        sink(Row::Receipt(receipt(
            Some(&serial),
            5,
            "SUCCESS",
            Some("DELIVRD"),
        )))?;
        return Ok(());
    }
    if stream.hit(rates.malformed) {
        let bad = if n.is_multiple_of(2) {
            receipt(Some(&serial), 4, "LOST", None)
        } else {
            receipt(None, 4, "SUCCESS", Some("DELIVRD"))
        };
        sink(Row::Receipt(bad))?;
    }
    // Each message its own request, as one phone number per SendSms
    // call gives.
    let request_id = format!("{:08x}-{n:016x}", stream.next() >> 32);
    let send = |serial, code: &str| {
        Row::Send(Send {
            account: account.clone(),
            serial,
            requested_at,
            phone,
            code: code.to_owned(),
            request_id,
            position: 0,
        })
    };
    if stream.hit(rates.refused) {
        let code = REFUSALS[usize::try_from(stream.below(2)).unwrap_or(0)];
        // Without a serial number, Tencent writes `""`; other producers
        // write null (D23: the same).
        let serial = if stream.hit(rates.refused_without_serial) {
            n.is_multiple_of(2).then(String::new)
        } else {
            Some(serial)
        };
        return sink(send(serial, code));
    }
    sink(send(Some(serial.clone()), "Ok"))?;
    if stream.hit(rates.missing_receipt) {
        return Ok(());
    }
    let receipt = |seconds: i64, status: &str, code: Option<&str>| {
        receipt(Some(&serial), seconds, status, code)
    };
    for row in receipts(stream, rates, troubled, receipt) {
        sink(Row::Receipt(row))?;
    }
    Ok(())
}

/// The receipts of an accepted message: a delivery, a failure, or a
/// failure then a delivery (a conflict), the first possibly twice.
fn receipts(
    stream: &mut Stream,
    rates: Rates,
    troubled: bool,
    receipt: impl Fn(i64, &str, Option<&str>) -> Receipt,
) -> Vec<Receipt> {
    let mut out = Vec::with_capacity(3);
    let delay = i64::try_from(1 + stream.below(30)).unwrap_or(1);
    let failed = if troubled {
        rates.failed.saturating_mul(3)
    } else {
        rates.failed
    };
    let first = if stream.hit(rates.conflicting) {
        out.push(receipt(delay, "FAIL", Some("MK:0005")));
        receipt(delay + 60, "SUCCESS", Some("DELIVRD"))
    } else if stream.hit(failed) {
        let code = if troubled {
            "MX:9999"
        } else {
            RECEIPT_FAILURES[usize::try_from(stream.below(5)).unwrap_or(0)]
        };
        receipt(delay, "FAIL", Some(code))
    } else {
        receipt(delay, "SUCCESS", Some("DELIVRD"))
    };
    if stream.hit(rates.repeated) {
        out.push(first.clone());
    }
    out.push(first);
    out
}

/// Writes the rows of `spec` into `dir`: `sends.<ext>`,
/// `receipts.<ext>` and `accounts.json` (the [`Account`] list), in a
/// batch of a million rows at a time whatever the size.
///
/// # Errors
///
/// [`Error::Io`] when a file cannot be written; [`Error::Sla`] when
/// `months` makes no term.
pub fn write(spec: &Spec, dir: &Path, format: TableFormat) -> Result<Written, Error> {
    let ext = extension(format);
    let mut writer = TableWriter::create(
        &dir.join(format!("sends.{ext}")),
        &dir.join(format!("receipts.{ext}")),
        format,
    )?;
    generate(spec, |row| match &row {
        Row::Send(send) => writer.send(&SendRow {
            account: &send.account,
            serial: send.serial.as_deref(),
            requested_at: Some(send.requested_at),
            phone: Some(&send.phone),
            code: Some(&send.code),
            request_id: Some(&send.request_id),
            position: Some(send.position),
            rejected: None,
        }),
        Row::Receipt(receipt) => writer.receipt(&ReceiptRow {
            account: &receipt.account,
            serial: receipt.serial.as_deref(),
            received_at: Some(receipt.received_at),
            status: Some(&receipt.status),
            code: receipt.code.as_deref(),
            rejected: None,
        }),
    })?;
    let written = writer.finish()?;
    let accounts_path = dir.join("accounts.json");
    let accounts =
        serde_json::to_vec_pretty(&spec.accounts()?).map_err(|err| Error::Wire(err.to_string()))?;
    std::fs::write(&accounts_path, accounts).map_err(|source| Error::Io {
        path: accounts_path,
        source,
    })?;
    Ok(written)
}
