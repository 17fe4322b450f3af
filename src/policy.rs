//! The agreement as data ([D16](crate::_documentation::design#d16)).
//!
//! An [`SlaPolicy`] holds every number and rule the agreement fixes: the
//! SLA zone (D3), the standard and compensation tiers with the cap (§2.2,
//! §3.1; D7, D8), how unclassified failures count (D15) and the daily
//! surge volumes (§4.10; D13). [`SlaPolicy::tencent_sms`] is this
//! agreement; another contract is another value, built or deserialized
//! without code changes.

use rust_decimal::Decimal;

use crate::availability::Availability;
use crate::calendar::BusinessCalendar;
use crate::claim::{ClaimRule, ClaimWindow};
use crate::compensation::{Compensation, CompensationSchedule};
use crate::error::Error;
use crate::money::{Money, MonthlyServiceFee};
use crate::term::ServiceMonth;
use crate::zone::SlaZone;

/// The terms of a service level agreement, as data ([D16](crate::_documentation::design#d16)).
///
/// # Examples
///
/// ```
/// use rust_decimal::dec;
/// use sms_sla::{Availability, DeductionKind, Money, MonthlyServiceFee, SlaPolicy};
///
/// let policy = SlaPolicy::tencent_sms();
/// let av = Availability::new(1000, 51)?; // 94.9%
/// assert_eq!(policy.rate_for(&av), dec!(0.1));
///
/// let fee = MonthlyServiceFee::new(Money::new(dec!(1000), "CNY")?)
///     .with_deduction(DeductionKind::Coupon, Money::new(dec!(800), "CNY")?)?;
/// let c = policy.compensate(&av, &fee, &Money::new(dec!(0.045), "CNY")?)?;
/// assert_eq!((c.amount().to_string(), c.messages()), ("100.00 CNY".to_owned(), 2222));
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct SlaPolicy {
    zone: SlaZone,
    schedule: CompensationSchedule,
    unclassified_failures: UnclassifiedRule,
    surge_threshold_ordinary: Option<u64>,
    surge_threshold_gateway: Option<u64>,
    claim_rule: ClaimRule,
}

impl SlaPolicy {
    /// The Tencent Cloud SMS agreement (updated 2022-07-25): UTC+08:00;
    /// standard 95%; 10% of the fee from 90% (inclusive) to 95%, 30% below
    /// 90%; capped at the net paid fee; unclassified failures count as
    /// Apparent Failures; surges from 1,000,000 messages a day (ordinary
    /// accounts) or 100,000,000 (gateway accounts); claims after the 5th
    /// business day of the next month, until 60 days after the month.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::SlaPolicy;
    ///
    /// let policy = SlaPolicy::tencent_sms();
    /// assert_eq!(policy.zone().to_string(), "UTC+08:00");
    /// assert_eq!(policy.schedule().standard().to_string(), "95%");
    /// assert_eq!(policy, SlaPolicy::default());
    /// ```
    #[must_use]
    pub fn tencent_sms() -> Self {
        Self::new(CompensationSchedule::tencent_sms())
    }

    /// A policy with `schedule` and the agreement's other terms (zone,
    /// unclassified failures, surge volumes).
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::{CompensationSchedule, Tier};
    /// use sms_sla::{Availability, SlaPolicy, Threshold};
    ///
    /// let pct = |p| Threshold::from_percent(p);
    /// let strict = SlaPolicy::new(CompensationSchedule::new(
    ///     pct(dec!(99.9))?,
    ///     [Tier::new(pct(dec!(99))?, dec!(0.1))?, Tier::new(pct(dec!(95))?, dec!(0.25))?, Tier::new(pct(dec!(0))?, dec!(1))?],
    /// )?);
    /// assert_eq!(strict.rate_for(&Availability::new(100, 2)?), dec!(0.25)); // 98%
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn new(schedule: CompensationSchedule) -> Self {
        Self {
            zone: SlaZone::default(),
            schedule,
            unclassified_failures: UnclassifiedRule::default(),
            surge_threshold_ordinary: Some(1_000_000),
            surge_threshold_gateway: Some(100_000_000),
            claim_rule: ClaimRule::TENCENT_SMS,
        }
    }

    /// The same policy counting days in `zone` ([D3](crate::_documentation::design#d3)).
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::{SlaPolicy, SlaZone};
    ///
    /// let utc: SlaZone = "+00:00".parse()?;
    /// assert_eq!(SlaPolicy::tencent_sms().with_zone(utc).zone(), utc);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn with_zone(mut self, zone: SlaZone) -> Self {
        self.zone = zone;
        self
    }

    /// The same policy counting unclassified failures as `rule` says
    /// ([D15](crate::_documentation::design#d15)).
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::SlaPolicy;
    /// use sms_sla::traffic::UnclassifiedRule;
    ///
    /// let lenient = SlaPolicy::tencent_sms().with_unclassified_rule(UnclassifiedRule::NotApparent);
    /// assert_eq!(lenient.unclassified_rule(), UnclassifiedRule::NotApparent);
    /// ```
    #[must_use]
    pub fn with_unclassified_rule(mut self, rule: UnclassifiedRule) -> Self {
        self.unclassified_failures = rule;
        self
    }

    /// The same policy with another daily surge volume for accounts of
    /// `kind` (§4.10, [D13](crate::_documentation::design#d13)); `None`
    /// turns the rule off for that kind of account.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::SlaPolicy;
    /// use sms_sla::traffic::AccountKind;
    ///
    /// let policy = SlaPolicy::tencent_sms()
    ///     .with_surge_threshold(AccountKind::Ordinary, Some(2_000_000))
    ///     .with_surge_threshold(AccountKind::Gateway, None);
    /// assert_eq!(policy.surge_threshold(AccountKind::Ordinary), Some(2_000_000));
    /// assert_eq!(policy.surge_threshold(AccountKind::Gateway), None);
    /// ```
    #[must_use]
    pub const fn with_surge_threshold(mut self, kind: AccountKind, threshold: Option<u64>) -> Self {
        match kind {
            AccountKind::Ordinary => self.surge_threshold_ordinary = threshold,
            AccountKind::Gateway => self.surge_threshold_gateway = threshold,
        }
        self
    }

    /// The same policy with another claim rule (§3.2, [D11](crate::_documentation::design#d11)).
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::SlaPolicy;
    /// use sms_sla::ClaimRule;
    ///
    /// let policy = SlaPolicy::tencent_sms().with_claim_rule(ClaimRule::new(3, 90)?);
    /// assert_eq!(policy.claim_rule().deadline_days(), 90);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn with_claim_rule(mut self, rule: ClaimRule) -> Self {
        self.claim_rule = rule;
        self
    }

    /// The claim rule (§3.2, [D11](crate::_documentation::design#d11)).
    #[must_use]
    pub const fn claim_rule(&self) -> ClaimRule {
        self.claim_rule
    }

    /// The claim window of `month`: opens the day after the rule's
    /// business day of the following month, closes the rule's deadline
    /// after the month, both inclusive (§3.2, [D11](crate::_documentation::design#d11)).
    ///
    /// # Errors
    ///
    /// As [`ClaimRule::window`]: a year the calendar has no data for, a
    /// date out of range, or a window that would be empty.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sms_sla::calendar::ChinaMainland;
    /// use sms_sla::{ServiceMonth, SlaPolicy};
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let policy = SlaPolicy::tencent_sms();
    /// let march = ServiceMonth::new(d(2025, 3, 1), d(2025, 3, 31))?;
    /// let window = policy.claim_window(&march, &ChinaMainland::new())?;
    /// // 4 April 2025 was the Tomb-sweeping Day holiday: the 5th business day is the 8th.
    /// assert_eq!((window.opens_on(), window.closes_on()), (d(2025, 4, 9), d(2025, 5, 30)));
    ///
    /// let december_2026 = ServiceMonth::new(d(2026, 12, 1), d(2026, 12, 31))?;
    /// let err = policy.claim_window(&december_2026, &ChinaMainland::new()).unwrap_err();
    /// assert_eq!(err.to_string(), "no business-day data for 2027: the calendar covers 2004-2026");
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn claim_window<C: BusinessCalendar + ?Sized>(
        &self,
        month: &ServiceMonth,
        calendar: &C,
    ) -> Result<ClaimWindow, Error> {
        self.claim_rule.window(month, calendar, self.zone)
    }

    /// The zone in which days are counted.
    #[must_use]
    pub const fn zone(&self) -> SlaZone {
        self.zone
    }

    /// The standard, tiers and cap.
    #[must_use]
    pub const fn schedule(&self) -> &CompensationSchedule {
        &self.schedule
    }

    /// How unclassified failure codes count ([D15](crate::_documentation::design#d15)).
    #[must_use]
    pub const fn unclassified_rule(&self) -> UnclassifiedRule {
        self.unclassified_failures
    }

    /// The daily volume from which an unannounced day is a surge, for an
    /// account of `kind` (§4.10, [D13](crate::_documentation::design#d13)).
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::SlaPolicy;
    /// use sms_sla::traffic::AccountKind;
    ///
    /// assert_eq!(SlaPolicy::tencent_sms().surge_threshold(AccountKind::Gateway), Some(100_000_000));
    /// ```
    #[must_use]
    pub const fn surge_threshold(&self, kind: AccountKind) -> Option<u64> {
        match kind {
            AccountKind::Ordinary => self.surge_threshold_ordinary,
            AccountKind::Gateway => self.surge_threshold_gateway,
        }
    }

    /// The compensation rate for `availability`: `0`, `0.1` or `0.3` under
    /// this agreement (§3.1; [D6](crate::_documentation::design#d6), [D7](crate::_documentation::design#d7)).
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::{Availability, SlaPolicy};
    ///
    /// let policy = SlaPolicy::tencent_sms();
    /// assert_eq!(policy.rate_for(&Availability::new(20, 1)?), dec!(0)); // exactly 95%
    /// assert_eq!(policy.rate_for(&Availability::new(90, 9)?), dec!(0.1)); // exactly 90%
    /// assert_eq!(policy.rate_for(&Availability::new(10_000, 1_001)?), dec!(0.3)); // 89.99%
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn rate_for(&self, availability: &Availability) -> Decimal {
        self.schedule.rate_for(availability)
    }

    /// The month's compensation: rate, amount before and after the cap,
    /// and whole message credits at `unit_price` (§3.1; [D8](crate::_documentation::design#d8), [D9](crate::_documentation::design#d9)).
    ///
    /// # Errors
    ///
    /// - [`MoneyError::CurrencyMismatch`](crate::error::MoneyError::CurrencyMismatch) when `unit_price` is not in the fee's
    ///   currency.
    /// - [`MoneyError::NonPositiveUnitPrice`](crate::error::MoneyError::NonPositiveUnitPrice) when `unit_price` is zero.
    /// - [`MoneyError::InexactArithmetic`](crate::error::MoneyError::InexactArithmetic) when an amount needs more than
    ///   `Decimal`'s precision, or the credits exceed `u64::MAX` messages.
    ///
    /// # Examples
    ///
    /// ```
    /// use rust_decimal::dec;
    /// use sms_sla::{Availability, Money, MonthlyServiceFee, SlaPolicy};
    ///
    /// let fee = MonthlyServiceFee::new(Money::new(dec!(1000), "CNY")?);
    /// let c = SlaPolicy::tencent_sms().compensate(&Availability::new(0, 0)?, &fee, &Money::new(dec!(0.045), "CNY")?)?;
    /// assert_eq!((c.rate(), c.messages()), (dec!(0), 0)); // no traffic, nothing owed
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn compensate(
        &self,
        availability: &Availability,
        fee: &MonthlyServiceFee,
        unit_price: &Money,
    ) -> Result<Compensation, Error> {
        self.schedule.compensate(availability, fee, unit_price)
    }
}

impl Default for SlaPolicy {
    /// [`SlaPolicy::tencent_sms`].
    fn default() -> Self {
        Self::tencent_sms()
    }
}

/// The kind of account. The policy sets the daily volume that counts as a
/// traffic surge for each kind (§4.10, [D13](crate::_documentation::design#d13);
/// [`SlaPolicy::surge_threshold`](crate::SlaPolicy::surge_threshold)).
///
/// # Examples
///
/// ```
/// use sms_sla::SlaPolicy;
/// use sms_sla::traffic::AccountKind;
///
/// let policy = SlaPolicy::tencent_sms();
/// assert_eq!(policy.surge_threshold(AccountKind::Ordinary), Some(1_000_000));
/// assert_eq!(policy.surge_threshold(AccountKind::Gateway), Some(100_000_000));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum AccountKind {
    /// An ordinary messaging account: about a million messages a day.
    #[default]
    Ordinary,
    /// A gateway account: about a hundred million messages a day.
    Gateway,
}

/// How unclassified failure codes count ([D15](crate::_documentation::design#d15)).
///
/// # Examples
///
/// ```
/// use sms_sla::traffic::UnclassifiedRule;
///
/// assert_eq!(UnclassifiedRule::default(), UnclassifiedRule::Apparent);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum UnclassifiedRule {
    /// As Apparent Failures: an exemption must be shown, not assumed (the
    /// default).
    #[default]
    Apparent,
    /// As failures that do not count against the provider (they stay in the
    /// Effective Number, like exempt failures).
    NotApparent,
}
