//! The [`Assessor`]: a term's records as a stream, then one verdict per
//! Service Month.

use chrono::{DateTime, NaiveDate, Utc};

use super::verdict::{self, ClaimSplit, FailureBudget, VerdictBounds};
use super::{Assessment, ClaimOutlook, MonthAssessment, MonthlyFees};
use crate::availability::Threshold;
use crate::calendar::BusinessCalendar;
use crate::compensation::CompensationTotal;
use crate::error::Error;
#[cfg(feature = "tencent")]
use crate::error::TencentError;
use crate::error::{MoneyError, TrafficError};
use crate::money::{Money, MonthlyServiceFee};
use crate::policy::SlaPolicy;
use crate::stored::Format;
use crate::tencent::LogStats;
use crate::term::{ServiceMonth, Term};
use crate::traffic::{AccountKind, Announcements, LedgerBuilder, REJECTION_SAMPLES, Tally};

/// Collects a term's records as a stream, then assesses every Service
/// Month (see the [module documentation](crate::assess)).
///
/// Memory is proportional to the term's days: a counter block per day, so
/// streams of any length assess in the same space. Assessors of the same
/// term, policy, account and announcements [`merge`](Assessor::merge)
/// exactly. With the `serde` feature an assessor serializes with everything
/// counted so far, so an assessment of records can resume after a restart
/// or in another process; reading one back checks that its ledger and its
/// policy agree on the zone and the surge volume.
///
/// Tencent data fed day by day is kept as one
/// [`MessageLog`](crate::tencent::MessageLog), stored between batches, and
/// counted once with [`Assessor::add_log`] by an assessor made when the
/// term is assessed, with the announcements known then
/// ([D27](crate::_documentation::design#d27)): receipts are not messages
/// until they are reconciled.
///
/// # Examples
///
/// ```
/// use chrono::NaiveDate;
/// use sms_sla::assess::Assessor;
/// use sms_sla::traffic::{AccountKind, Announcements};
/// use sms_sla::{SlaPolicy, Term};
///
/// let policy = SlaPolicy::tencent_sms();
/// let term = Term::from_months(NaiveDate::from_ymd_opt(2024, 3, 17).unwrap(), 3)?;
/// let mut assessor = Assessor::new(&policy, term, AccountKind::Ordinary, Announcements::new())?;
/// assessor.reject("entry 7: field `sid` is missing");
/// assert_eq!(assessor.rejected(), 1);
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Assessor {
    policy: SlaPolicy,
    ledger: LedgerBuilder,
    rejected: u64,
    /// Rejected entries by Service Month (index), when their time is known
    /// and inside the term ([D22](crate::_documentation::design#d22)).
    rejected_by_month: Vec<u64>,
    /// Entries read after their Service Month was sealed, by month
    /// ([D27](crate::_documentation::design#d27)).
    late_by_month: Vec<u64>,
    rejection_samples: Vec<String>,
    /// The reconciliation counts of the Tencent data read, if any.
    reconciliation: Option<LogStats>,
    /// Whether a [`MessageLog`](crate::tencent::MessageLog) was counted:
    /// a second one is refused ([D27](crate::_documentation::design#d27)).
    counts_log: bool,
}

impl Assessor {
    /// An assessor of an account of kind `account` over `term` under
    /// `policy`, with the windows and surge notices announced to the
    /// account. The policy alone sets the zone and the surge volume, so the
    /// ledger and the assessment cannot disagree about either.
    ///
    /// The announcements are applied as records are counted: an assessor
    /// made when the term is assessed, with every announcement known then,
    /// applies them to every message. Data fed over weeks is kept as a
    /// [`MessageLog`](crate::tencent::MessageLog) for that reason
    /// ([D27](crate::_documentation::design#d27)).
    ///
    /// # Errors
    ///
    /// [`TrafficError::TermTooLongToTally`](crate::error::TrafficError::TermTooLongToTally) for a term of more than
    /// [`LedgerBuilder::MAX_TERM_DAYS`] days.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::assess::Assessor;
    /// use sms_sla::traffic::{AccountKind, Announcements};
    /// use sms_sla::{SlaPolicy, Term};
    ///
    /// let policy = SlaPolicy::tencent_sms();
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2024, 3, 17).unwrap(), 3)?;
    /// let assessor = Assessor::new(&policy, term, AccountKind::Gateway, Announcements::new())?;
    /// assert_eq!(assessor.term(), term);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn new(
        policy: &SlaPolicy,
        term: Term,
        account: AccountKind,
        announcements: Announcements,
    ) -> Result<Self, Error> {
        Ok(Self {
            policy: policy.clone(),
            ledger: LedgerBuilder::new(policy, term, account, announcements)?,
            rejected: 0,
            rejected_by_month: vec![0; term.service_months().len()],
            late_by_month: vec![0; term.service_months().len()],
            rejection_samples: Vec::new(),
            reconciliation: None,
            counts_log: false,
        })
    }

    /// The ledger counted so far: [`LedgerBuilder::finish`] gives each
    /// month's tally before the assessment (to see which months have
    /// traffic, for instance).
    #[must_use]
    pub const fn ledger(&self) -> &LedgerBuilder {
        &self.ledger
    }

    /// The ledger builder the term's records are counted into: the one way
    /// to feed records ([`LedgerBuilder::add`], [`LedgerBuilder::add_all`],
    /// columns, every core), so the assessor adds only what a ledger does
    /// not keep (rejected entries, a message log's counts).
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{NaiveDate, TimeZone, Utc};
    /// use sms_sla::assess::Assessor;
    /// use sms_sla::traffic::{AccountKind, Announcements, MessageRecord, Outcome, Recipient};
    /// use sms_sla::{SlaPolicy, Term};
    ///
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2024, 3, 17).unwrap(), 3)?;
    /// let mut assessor = Assessor::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new())?;
    /// let record = MessageRecord::new(Utc.with_ymd_and_hms(2024, 4, 1, 0, 0, 0).unwrap(), Recipient::Valid, Outcome::Delivered);
    /// assessor.ledger_mut().add(&record);
    /// assessor.ledger_mut().add_all(&[record; 2]);
    /// assert_eq!(assessor.ledger().total(), 3);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub const fn ledger_mut(&mut self) -> &mut LedgerBuilder {
        &mut self.ledger
    }

    /// The term being assessed.
    #[must_use]
    pub const fn term(&self) -> Term {
        self.ledger.term()
    }

    /// Counts an input entry that could not be read as a message, and
    /// whose time is not known: [`Assessor::reject_at`] with no time.
    pub fn reject(&mut self, reason: impl std::fmt::Display) {
        self.reject_at(reason, None);
    }

    /// Counts an input entry that could not be read as a message
    /// ([D18](crate::_documentation::design#d18)), keeping the first
    /// [`REJECTION_SAMPLES`](crate::traffic::REJECTION_SAMPLES) reasons word
    /// for word. With its time, it belongs to the Service Month of that time
    /// in the policy's zone, whose verdict bounds it widens
    /// ([D22](crate::_documentation::design#d22)); with no time (`None`), or
    /// a time outside the term, it is reported for the term.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{NaiveDate, TimeZone, Utc};
    /// use sms_sla::assess::Assessor;
    /// use sms_sla::{SlaPolicy, Term};
    /// use sms_sla::traffic::{AccountKind, Announcements};
    ///
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2024, 3, 17).unwrap(), 3)?;
    /// let mut assessor = Assessor::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new())?;
    /// assessor.reject_at("entry 3: report_status `LOST` is neither SUCCESS nor FAIL", Some(Utc.with_ymd_and_hms(2024, 4, 2, 0, 0, 0).unwrap()));
    /// for i in 0..30 {
    ///     assessor.reject(format!("entry {i}: not an object"));
    /// }
    /// assert_eq!(assessor.rejected(), 31);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn reject_at(&mut self, reason: impl std::fmt::Display, at: Option<DateTime<Utc>>) {
        self.count_rejected(at, 1);
        if self.rejection_samples.len() < REJECTION_SAMPLES {
            self.rejection_samples.push(reason.to_string());
        }
    }

    /// Counts `count` rejected entries with the time `at`: in the term's
    /// total, and in the Service Month of `at` when it has one.
    fn count_rejected(&mut self, at: Option<DateTime<Utc>>, count: u64) {
        self.rejected = self.rejected.saturating_add(count);
        if let Some(counter) = at
            .and_then(|at| self.month_index(at))
            .and_then(|index| self.rejected_by_month.get_mut(index))
        {
            *counter = counter.saturating_add(count);
        }
    }

    /// The index of the Service Month of `at`, if inside the term.
    fn month_index(&self, at: DateTime<Utc>) -> Option<usize> {
        let term = self.term();
        let month = term.service_month_at(at, self.ledger.zone())?;
        term.service_months().position(|m| m == month)
    }

    /// Counts everything a [`MessageLog`](crate::tencent::MessageLog) holds
    /// (feature `tencent`): one record per message, its rejected entries
    /// with their times, and its reconciliation counts, which the
    /// assessment reports.
    ///
    /// A log is a term's Tencent data: an assessor counts one
    /// ([D27](crate::_documentation::design#d27)). Data that arrives in
    /// batches (a nightly job, a process that restarts) is read into one log,
    /// saved and restored between batches with its stored form, and added
    /// once, when the term is assessed: two logs may hold the same message
    /// (its send in one, its receipt a day later in the other), which would
    /// count twice. Announcements are given to the assessor made at that
    /// time, so every window known then applies to every message.
    ///
    /// A log's sealed months ([`MessageLog::seal`](crate::tencent::MessageLog::seal))
    /// are counted from their folded messages, and their late entries in
    /// the months' verdict bounds.
    ///
    /// # Errors
    ///
    /// - [`TrafficError::LogCountedTwice`](crate::error::TrafficError::LogCountedTwice) when this assessor already counts a log.
    /// - [`TencentError::SealZoneDiffers`](crate::error::TencentError::SealZoneDiffers) when the log sealed months in another
    ///   zone than the policy's.
    /// - [`TencentError::SealedOutsideTerm`](crate::error::TencentError::SealedOutsideTerm) when it sealed a month that is not
    ///   one of the term's.
    ///
    /// Nothing is added after an error.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::assess::Assessor;
    /// use sms_sla::tencent::{CodeTable, MessageLog};
    /// use sms_sla::{SlaPolicy, Term};
    /// use sms_sla::traffic::{AccountKind, Announcements};
    ///
    /// let mut log = MessageLog::new(CodeTable::tencent_default());
    /// log.read_callback(r#"[{"user_receive_time": "2024-04-02 08:03:04", "report_status": "SUCCESS", "sid": "s1"},
    ///                        {"user_receive_time": "2024-04-02 08:03:04", "report_status": "LOST", "sid": "s2"}]"#)?;
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2024, 3, 17).unwrap(), 3)?;
    /// let mut assessor = Assessor::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new())?;
    /// assessor.add_log(&log)?;
    /// assert_eq!((assessor.ledger().total(), assessor.rejected()), (1, 1));
    /// // A second log (the next day's batch) could repeat the first one's
    /// // messages: it is read into the same log instead.
    /// let err = assessor.add_log(&log).unwrap_err();
    /// assert_eq!(err.to_string(), "this assessor already counts a message log: read every batch into one log and add it once (D27)");
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[cfg(feature = "tencent")]
    pub fn add_log(&mut self, log: &crate::tencent::MessageLog) -> Result<(), Error> {
        if self.counts_log {
            return Err(Error::Traffic(TrafficError::LogCountedTwice));
        }
        if let Some(sealed) = log.sealed_zone()
            && sealed != self.policy.zone()
        {
            return Err(Error::Tencent(TencentError::SealZoneDiffers {
                sealed,
                zone: self.policy.zone(),
            }));
        }
        let term = self.term();
        let mut late = Vec::with_capacity(log.late().len());
        for (month, count) in log.late() {
            let index = term
                .service_months()
                .position(|known| known == month)
                .ok_or(Error::Tencent(TencentError::SealedOutsideTerm {
                    month,
                    term,
                }))?;
            late.push((index, count));
        }
        for (index, count) in late {
            if let Some(counter) = self.late_by_month.get_mut(index) {
                *counter = counter.saturating_add(count);
            }
        }
        self.counts_log = true;
        for record in log.records() {
            self.ledger.add(&record);
        }
        for (at, count) in log.rejected_at() {
            self.count_rejected(Some(at), count);
        }
        self.count_rejected(None, log.rejected_without_time());
        let room = REJECTION_SAMPLES.saturating_sub(self.rejection_samples.len());
        self.rejection_samples
            .extend(log.rejections().iter().take(room).map(ToString::to_string));
        let mut stats = self.reconciliation.unwrap_or_default();
        stats.add(log.stats());
        self.reconciliation = Some(stats);
        Ok(())
    }

    /// Entries rejected so far.
    #[must_use]
    pub const fn rejected(&self) -> u64 {
        self.rejected
    }

    /// Adds everything `other` counted.
    ///
    /// # Errors
    ///
    /// As [`LedgerBuilder::merge`]: a different term or different rules;
    /// [`TrafficError::AssessorPolicyMismatch`](crate::error::TrafficError::AssessorPolicyMismatch) for a different policy;
    /// [`TrafficError::LogCountedTwice`](crate::error::TrafficError::LogCountedTwice) when both count a message log
    /// ([D27](crate::_documentation::design#d27)).
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::assess::Assessor;
    /// use sms_sla::{SlaPolicy, Term};
    /// use sms_sla::traffic::{AccountKind, Announcements};
    ///
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2024, 3, 17).unwrap(), 3)?;
    /// let mut a = Assessor::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new())?;
    /// let mut b = a.clone();
    /// b.reject("entry 0: not an object");
    /// a.merge(&b)?;
    /// assert_eq!(a.rejected(), 1);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn merge(&mut self, other: &Self) -> Result<(), Error> {
        if self.policy != other.policy {
            return Err(Error::Traffic(TrafficError::AssessorPolicyMismatch {
                term: self.term(),
            }));
        }
        if self.counts_log && other.counts_log {
            return Err(Error::Traffic(TrafficError::LogCountedTwice));
        }
        self.ledger.merge(&other.ledger)?;
        self.rejected = self.rejected.saturating_add(other.rejected);
        for (mine, theirs) in self
            .rejected_by_month
            .iter_mut()
            .zip(&other.rejected_by_month)
            .chain(self.late_by_month.iter_mut().zip(&other.late_by_month))
        {
            *mine = mine.saturating_add(*theirs);
        }
        if let Some(theirs) = other.reconciliation {
            let mut stats = self.reconciliation.unwrap_or_default();
            stats.add(theirs);
            self.reconciliation = Some(stats);
        }
        let room = REJECTION_SAMPLES.saturating_sub(self.rejection_samples.len());
        self.rejection_samples
            .extend(other.rejection_samples.iter().take(room).cloned());
        self.counts_log |= other.counts_log;
        Ok(())
    }

    /// Adds a partial tally counted elsewhere (another thread, process or
    /// machine: an engine's aggregate sends one as its wire form).
    ///
    /// Safe only when the partial tallies count disjoint sets of messages,
    /// each message whole: records, or messages an engine reconciled with
    /// every entry of their serial number in one place (the
    /// `sms-sla-datafusion` pipeline groups by the normalised key before
    /// counting). Never a tally of one day's Tencent documents: the next
    /// day's receipt of one of its messages would count it again; read the
    /// days into one [`MessageLog`](crate::tencent::MessageLog) instead
    /// ([D27](crate::_documentation::design#d27)).
    ///
    /// # Errors
    ///
    /// As [`LedgerBuilder::merge`]: a builder of another term, account or
    /// announcements.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{NaiveDate, TimeZone, Utc};
    /// use sms_sla::assess::Assessor;
    /// use sms_sla::traffic::{AccountKind, Announcements, LedgerBuilder, MessageRecord, Outcome, Recipient};
    /// use sms_sla::{SlaPolicy, Term};
    ///
    /// let policy = SlaPolicy::tencent_sms();
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2024, 3, 17).unwrap(), 3)?;
    /// let mut partial = LedgerBuilder::new(&policy, term, AccountKind::Ordinary, Announcements::new())?;
    /// partial.add(&MessageRecord::new(Utc.with_ymd_and_hms(2024, 4, 1, 0, 0, 0).unwrap(), Recipient::Valid, Outcome::Delivered));
    /// let mut assessor = Assessor::new(&policy, term, AccountKind::Ordinary, Announcements::new())?;
    /// assessor.add_ledger(&partial)?;
    /// assert_eq!(assessor.ledger().total(), 1);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn add_ledger(&mut self, partial: &LedgerBuilder) -> Result<(), Error> {
        self.ledger.merge(partial)
    }

    /// Adds the reconciliation counts of Tencent data read elsewhere (an
    /// engine's sums of [`Evidence::stats`](crate::tencent::Evidence::stats)),
    /// as [`Assessor::add_log`] adds a log's. Their rejected entries are
    /// counted with [`Assessor::reject_at`], not here. As for
    /// [`Assessor::add_ledger`], only counts of whole messages, each counted
    /// once ([D27](crate::_documentation::design#d27)).
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::assess::Assessor;
    /// use sms_sla::tencent::LogStats;
    /// use sms_sla::traffic::{AccountKind, Announcements};
    /// use sms_sla::{SlaPolicy, Term};
    ///
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2024, 3, 17).unwrap(), 3)?;
    /// let mut assessor = Assessor::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new())?;
    /// assessor.add_stats(LogStats::default());
    /// assert_eq!(assessor.ledger().total(), 0);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn add_stats(&mut self, stats: LogStats) {
        let mut sum = self.reconciliation.unwrap_or_default();
        sum.add(stats);
        self.reconciliation = Some(sum);
    }

    /// The assessment: every Service Month with its tally, availability,
    /// compensation at `unit_price` against its fee in `fees`, and claim
    /// window on `calendar` with its status on `as_of`.
    ///
    /// A claim window the calendar cannot compute (a year without data) is
    /// reported as unavailable with the reason; the rest of the assessment
    /// stands.
    ///
    /// # Errors
    ///
    /// - [`MoneyError::DuplicateFee`](crate::error::MoneyError::DuplicateFee) when the fees were collected with a month
    ///   given twice.
    /// - [`MoneyError::MissingFee`](crate::error::MoneyError::MissingFee) when a Service Month has no fee.
    /// - [`MoneyError::FeeOutsideTerm`](crate::error::MoneyError::FeeOutsideTerm) when a fee is for a month that is not
    ///   one of the term's Service Months.
    /// - As [`SlaPolicy::compensate`]: a unit price in another currency or
    ///   of zero, or an amount beyond `Decimal`'s precision.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use rust_decimal::dec;
    /// use sms_sla::assess::{Assessor, MonthlyFees};
    /// use sms_sla::calendar::ChinaMainland;
    /// use sms_sla::{Money, SlaPolicy, Term};
    /// use sms_sla::traffic::{AccountKind, Announcements};
    ///
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2024, 3, 17).unwrap(), 3)?;
    /// let assessor = Assessor::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new())?;
    /// let price = Money::new(dec!(0.045), "CNY")?;
    /// let err = assessor.finish(&MonthlyFees::new(), &price, &ChinaMainland::new(), term.last_day()).unwrap_err();
    /// assert_eq!(err.to_string(), "no monthly service fee given for service month 2024-03-17 to 2024-03-31");
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn finish<C: BusinessCalendar + ?Sized>(
        &self,
        fees: &MonthlyFees,
        unit_price: &Money,
        calendar: &C,
        as_of: NaiveDate,
    ) -> Result<Assessment, Error> {
        if let Some(month) = fees.duplicate {
            return Err(Error::Money(MoneyError::DuplicateFee { month }));
        }
        let ledger = self.ledger.finish();
        let term = ledger.term();
        if let Some(&month) = fees.fees.keys().find(|month| ledger.tally(month).is_none()) {
            return Err(Error::Money(MoneyError::FeeOutsideTerm { month, term }));
        }
        let mut total = CompensationTotal::new(unit_price.currency());
        let mut claims = ClaimSplit::new(unit_price.currency());
        let mut months = Vec::with_capacity(ledger.months().len());
        let schedule = self.policy.schedule();
        let thresholds = verdict::budget_thresholds(schedule.standard(), schedule.tiers());
        let months_with = ledger
            .months()
            .zip(&self.rejected_by_month)
            .zip(&self.late_by_month);
        for (((month, tally), &rejected), &late) in months_with {
            let fee = fees
                .get(&month)
                .ok_or(Error::Money(MoneyError::MissingFee { month }))?;
            let assessed = self.month(
                month,
                tally,
                (fee, unit_price),
                (calendar, as_of),
                (rejected, late),
                &thresholds,
            )?;
            total.add(assessed.compensation())?;
            claims.add(assessed.compensation(), assessed.claim().status())?;
            months.push(assessed);
        }
        let placed = self
            .rejected_by_month
            .iter()
            .fold(0_u64, |sum, &count| sum.saturating_add(count));
        Ok(Assessment {
            format: Format::CURRENT,
            policy: self.policy.clone(),
            term,
            as_of,
            months,
            total,
            before_term: ledger.before_term(),
            after_term: ledger.after_term(),
            rejected: self.rejected,
            rejected_for_term: self.rejected.saturating_sub(placed),
            rejection_samples: self.rejection_samples.clone(),
            claims,
            reconciliation: self.reconciliation,
        })
    }

    /// One Service Month's assessment: its availability, compensation for
    /// `fee` at `unit_price`, claim outlook by `calendar` on `as_of`, and
    /// the verdict bounds its rejected and late entries allow.
    fn month<C: BusinessCalendar + ?Sized>(
        &self,
        month: ServiceMonth,
        tally: &Tally,
        (fee, unit_price): (&MonthlyServiceFee, &Money),
        (calendar, as_of): (&C, NaiveDate),
        (rejected, late): (u64, u64),
        thresholds: &[Threshold],
    ) -> Result<MonthAssessment, Error> {
        let availability = self.policy.availability(tally);
        let compensation = self.policy.compensate(&availability, fee, unit_price)?;
        let claim = match self.policy.claim_window(&month, calendar) {
            Ok(window) => ClaimOutlook::Known {
                window,
                status: window.status_on(as_of),
            },
            Err(Error::Calendar(error)) => ClaimOutlook::Unavailable { error },
            // Only a calendar of the caller's own gives another error.
            Err(other) => return Err(other),
        };
        let (if_delivered, if_failed) =
            verdict::bounds(&availability, rejected.saturating_add(late))?;
        let bounds = VerdictBounds::new(
            self.policy.rate_for(&if_delivered),
            self.policy.rate_for(&if_failed),
        );
        let budgets = thresholds
            .iter()
            .filter_map(|&threshold| {
                availability
                    .failure_budget(threshold)
                    .map(|failures| FailureBudget::new(threshold, failures))
            })
            .collect();
        Ok(MonthAssessment {
            service_month: month,
            tally: tally.clone(),
            availability,
            compensation,
            claim,
            rejected,
            late,
            bounds,
            budgets,
        })
    }
}

/// The stored form of an [`Assessor`]: everything counted so far, so an
/// assessment can resume in another process or after a restart.
#[cfg(feature = "serde")]
mod wire {
    use super::Assessor;
    use crate::error::{Error, StoredError, StoredProblem};
    use crate::policy::SlaPolicy;
    use crate::stored::Format;
    use crate::tencent::LogStats;
    use crate::traffic::{LedgerBuilder, REJECTION_SAMPLES};

    /// Unknown fields are ignored, so a later format's additions still
    /// read.
    #[derive(serde::Serialize, serde::Deserialize)]
    struct Wire {
        #[serde(default)]
        format: Format,
        policy: SlaPolicy,
        ledger: LedgerBuilder,
        rejected: u64,
        rejected_by_month: Vec<u64>,
        #[serde(default)]
        late_by_month: Option<Vec<u64>>,
        rejection_samples: Vec<String>,
        reconciliation: Option<LogStats>,
        #[serde(default)]
        counts_log: bool,
    }

    impl serde::Serialize for Assessor {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            Wire {
                format: Format::CURRENT,
                policy: self.policy.clone(),
                ledger: self.ledger.clone(),
                rejected: self.rejected,
                rejected_by_month: self.rejected_by_month.clone(),
                late_by_month: Some(self.late_by_month.clone()),
                rejection_samples: self.rejection_samples.clone(),
                reconciliation: self.reconciliation,
                counts_log: self.counts_log,
            }
            .serialize(serializer)
        }
    }

    impl<'de> serde::Deserialize<'de> for Assessor {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let wire = Wire::deserialize(deserializer)?;
            from_wire(wire).map_err(serde::de::Error::custom)
        }
    }

    fn from_wire(wire: Wire) -> Result<Assessor, Error> {
        let invalid = |problem| Error::Stored(StoredError::InvalidStoredAssessor { problem });
        let (policy, ledger) = (&wire.policy, &wire.ledger);
        // The policy is the one home of the zone and the surge volume: a
        // stored assessor whose ledger disagrees with it is refused, so the
        // misuse that cannot be written in code cannot be read either.
        if ledger.zone() != policy.zone() {
            return Err(invalid(StoredProblem::ZoneDiffers {
                ledger: ledger.zone(),
                policy: policy.zone(),
            }));
        }
        if let Some(account) = ledger.account()
            && ledger.surge_threshold() != policy.surge_threshold(account)
        {
            return Err(invalid(StoredProblem::SurgeDiffers {
                ledger: ledger.surge_threshold(),
                policy: policy.surge_threshold(account),
            }));
        }
        let months = ledger.term().service_months().len();
        if wire.rejected_by_month.len() != months {
            return Err(invalid(StoredProblem::MonthlyRejections {
                given: wire.rejected_by_month.len(),
                months,
            }));
        }
        let late_by_month = wire.late_by_month.unwrap_or_else(|| vec![0; months]);
        if late_by_month.len() != months {
            return Err(invalid(StoredProblem::MonthlyLate {
                given: late_by_month.len(),
                months,
            }));
        }
        let placed = wire
            .rejected_by_month
            .iter()
            .fold(0_u64, |sum, &count| sum.saturating_add(count));
        if placed > wire.rejected {
            return Err(invalid(StoredProblem::RejectionsOverPlaced {
                placed,
                rejected: wire.rejected,
            }));
        }
        if wire.rejection_samples.len() > REJECTION_SAMPLES {
            return Err(invalid(StoredProblem::AssessorSamples {
                samples: wire.rejection_samples.len(),
            }));
        }
        Ok(Assessor {
            policy: wire.policy,
            ledger: wire.ledger,
            rejected: wire.rejected,
            rejected_by_month: wire.rejected_by_month,
            late_by_month,
            rejection_samples: wire.rejection_samples,
            reconciliation: wire.reconciliation,
            counts_log: wire.counts_log,
        })
    }
}
