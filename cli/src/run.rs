//! What `assess` runs in process: every input read, the term assessed.

use std::fmt::Write as _;

use chrono::{DateTime, Datelike, NaiveDate};
use rust_decimal::Decimal;
use sms_sla::assess::{Assessment, Assessor, MonthlyFees};
use sms_sla::calendar::ChinaMainland;
use sms_sla::tencent::{CodeTable, FileKind, MessageLog};
use sms_sla::traffic::{AccountKind, Announcements, Window};
use sms_sla::{DeductionKind, Money, MonthlyServiceFee, ServiceMonth, SlaPolicy, Term};

use crate::args::{Account, AssessArgs, YearMonth};
use crate::input::{
    exact, fee_lines, read_announcements, read_calendar, read_documents, read_policy,
};
use crate::state::State;
use crate::{Failure, sample, today};

/// What `assess` produced.
#[derive(Debug)]
pub(crate) struct Run {
    pub(crate) assessment: Assessment,
}

/// Reads every input, assesses the term.
pub(crate) fn assess(args: &AssessArgs) -> Result<Run, Failure> {
    if args.sample {
        return assess_sample();
    }
    let account = &args.account;
    let pricing = &args.pricing;
    let policy = read_policy(account.policy.as_deref())?;
    let mut announcements = match &account.announcements {
        Some(path) => read_announcements(path)?,
        None => Announcements::new(),
    };
    let log = if let Some(path) = &args.state {
        let state = State::load(path)?;
        announcements = announcements.with_all(&state.announcements);
        state.log
    } else {
        let mut log = MessageLog::new(CodeTable::tencent_default());
        read_documents(&mut log, &args.documents)?;
        log
    };
    // Both are required unless `--sample` or `--data` is given (args.rs).
    let (Some(term), Some(price)) = (account.term, pricing.price) else {
        return Err(Failure::Data("--term and --price are required".to_owned()));
    };
    let kind = if account.gateway {
        AccountKind::Gateway
    } else {
        AccountKind::Ordinary
    };
    let mut assessor = Assessor::new(&policy, term, kind, announcements)?;
    assessor.add_log(&log)?;
    let fees = fees(account, &pricing.currency, term, &assessor)?;
    let price = Money::new(price, &pricing.currency)?;
    let as_of = pricing.as_of.map_or_else(|| today(&policy), Ok)?;
    let calendar = match &pricing.calendar {
        Some(path) => read_calendar(path)?,
        None => ChinaMainland::new(),
    };
    let assessment = assessor.finish(&fees, &price, &calendar, as_of)?;
    Ok(Run { assessment })
}

/// The bundled sample: the agreement's example term, 2024-03-17 plus 3
/// months, as of 2024-07-10, with the fees, deductions, price and
/// maintenance window below; all of them are printed to stderr (and stated
/// in the README), so the figures can be checked by hand.
fn assess_sample() -> Result<Run, Failure> {
    let policy = SlaPolicy::tencent_sms();
    let term: Term = "2024-03-17+3".parse()?;
    let instant = |text: &str| {
        DateTime::parse_from_rfc3339(text)
            .map(|at| at.to_utc())
            .map_err(|err| Failure::Data(format!("sample instant {text}: {err}")))
    };
    let maintenance = Window::new(
        instant("2024-06-05T02:00:00Z")?,
        instant("2024-06-05T04:00:00Z")?,
    )?;
    let notices = Announcements::new().with_maintenance(maintenance);
    let mut assessor = Assessor::new(&policy, term, AccountKind::Ordinary, notices)?;
    let mut log = MessageLog::new(CodeTable::tencent_default());
    for (kind, text) in [
        (FileKind::SendLog, sample::SEND_LOG),
        (FileKind::Callbacks, sample::CALLBACKS),
        (FileKind::Callbacks, sample::REDELIVERED),
    ] {
        log.read_file(kind, text.as_bytes())?;
    }
    assessor.add_log(&log)?;
    let cny = |cents: i64| Money::new(Decimal::new(cents, 2), "CNY");
    let months: Vec<ServiceMonth> = term.service_months().collect();
    let fees = [
        MonthlyServiceFee::new(cny(5000)?),
        MonthlyServiceFee::new(cny(12000)?).with_deduction(DeductionKind::Coupon, cny(2000)?)?,
        MonthlyServiceFee::new(cny(13000)?).with_deduction(DeductionKind::Voucher, cny(10000)?)?,
        MonthlyServiceFee::new(cny(6000)?),
    ];
    let as_of = NaiveDate::from_ymd_opt(2024, 7, 10)
        .ok_or_else(|| Failure::Data("the sample's as-of date does not exist".to_owned()))?;
    let price = Money::new(Decimal::new(45, 3), "CNY")?;
    eprintln!(
        "the bundled sample (cli/sample: send_sms.ndjson, callbacks.json, callbacks_redelivered.ndjson)"
    );
    eprintln!(
        "  term {term}, an ordinary account, as of {as_of}, {} {} a message",
        price.amount(),
        price.currency()
    );
    for (month, fee) in months.iter().zip(&fees) {
        let mut deductions = String::new();
        for (kind, amount) in fee.deductions() {
            let _ = write!(deductions, ", less a {kind} of {amount}");
        }
        eprintln!("  fee for {month}: {}{deductions}", fee.consumed());
    }
    eprintln!("  maintenance announced: {maintenance}");
    let fees: MonthlyFees = months.into_iter().zip(fees).collect();
    let assessment = assessor.finish(&fees, &price, &ChinaMainland::new(), as_of)?;
    Ok(Run { assessment })
}

/// The fees of the term: from `--fees` and `--fee`; a month without traffic
/// needs none (it is owed nothing); a month with traffic and no fee, a fee
/// for a month outside the term and a month given twice are errors naming
/// the month.
fn fees(
    args: &Account,
    currency: &str,
    term: Term,
    assessor: &Assessor,
) -> Result<MonthlyFees, Failure> {
    let months: Vec<ServiceMonth> = term.service_months().collect();
    let month_of = |month: YearMonth, source: &str| {
        months
            .iter()
            .copied()
            .find(|m| (m.first_day().year(), m.first_day().month()) == (month.year, month.month))
            .ok_or_else(|| {
                Failure::Data(format!(
                    "{source}: a fee is given for {month}, which is not a month of the term {term}"
                ))
            })
    };
    let money = |amount: Decimal| Money::new(amount, currency);
    let mut given: Vec<(ServiceMonth, MonthlyServiceFee, String)> = Vec::new();
    if let Some(path) = &args.fees {
        for (source, line) in fee_lines(path)? {
            let bad = |what: &str| Failure::Data(format!("{source}: {what}"));
            let month: YearMonth = line.month.parse().map_err(|err: String| bad(&err))?;
            let mut fee = MonthlyServiceFee::new(money(exact(&line.amount).map_err(|e| bad(&e))?)?);
            if let (Some(kind), Some(deduction)) = (line.kind, &line.deduction) {
                let deduction = exact(deduction).map_err(|e| bad(&e))?;
                fee = fee
                    .with_deduction(kind, money(deduction)?)
                    .map_err(|err| bad(&err.to_string()))?;
            }
            given.push((month_of(month, &source)?, fee, source));
        }
    }
    for fee in &args.fee {
        let source = format!("--fee {}", fee.month);
        given.push((
            month_of(fee.month, &source)?,
            MonthlyServiceFee::new(money(fee.amount)?),
            source,
        ));
    }
    let mut fees = MonthlyFees::new();
    for (month, fee, source) in given {
        fees = fees
            .with(month, fee)
            .map_err(|err| Failure::Data(format!("{source}: {err}")))?;
    }
    let ledger = assessor.ledger().finish();
    for (month, tally) in ledger.months() {
        if fees.get(&month).is_some() {
            continue;
        }
        if tally.total() > 0 {
            return Err(Failure::Data(format!(
                "no fee is given for service month {month}, which has {} messages",
                tally.total()
            )));
        }
        fees = fees.with(month, MonthlyServiceFee::new(money(Decimal::ZERO)?))?;
    }
    Ok(fees)
}
