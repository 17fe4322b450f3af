//! One Service Month's messages, counted by bucket ([D4](crate::_documentation::design#d4), [D5](crate::_documentation::design#d5), [D15](crate::_documentation::design#d15), [D18](crate::_documentation::design#d18)).

use core::iter::Sum;
use core::ops::{Add, AddAssign};
use std::collections::BTreeMap;

use super::outcome::{self, CodeText};
use super::slot::{Counts, Slot};
use super::{Exemption, InvalidReason, MessageRecord, UnclassifiedCode};
use crate::availability::Availability;
use crate::policy::{SlaPolicy, UnclassifiedRule};

/// The messages of one Service Month, one counter per bucket.
///
/// Every message lands in exactly one bucket ([D18](crate::_documentation::design#d18)):
///
/// - to an invalid number: under its §1.4 reason, whatever its outcome, and
///   outside the Effective Number (D4);
/// - otherwise delivered, unconfirmed (no final status, D5), failed on the
///   provider's side (an Apparent Failure, §1.2), failed with an exempt
///   cause (under its §4 clause, D5), or failed with an unclassified code
///   (listed by code, D15).
///
/// Tallies merge with `+`, `+=` and [`Sum`]; the merge is associative and
/// commutative, so partial tallies from shards, threads or days combine
/// exactly. Counters saturate at `u64::MAX` rather than wrap, a bound no
/// real stream approaches.
///
/// # Examples
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use sms_sla::traffic::{FailureCause, InvalidReason, MessageRecord, Outcome, Recipient, Tally};
/// use sms_sla::SlaPolicy;
///
/// let at = Utc.with_ymd_and_hms(2025, 4, 2, 9, 0, 0).unwrap();
/// let mut tally = Tally::new();
/// for _ in 0..19 {
///     tally.add(&MessageRecord::new(at, Recipient::Valid, Outcome::Delivered));
/// }
/// tally.add(&MessageRecord::new(at, Recipient::Valid, Outcome::Failed(FailureCause::ProviderSide)));
/// tally.add(&MessageRecord::new(at, Recipient::Invalid(InvalidReason::PoweredOff), Outcome::Unconfirmed));
///
/// assert_eq!(tally.effective_sent(), 20);
/// assert_eq!(tally.apparent_failures(), 1);
/// assert_eq!(tally.invalid_total(), 1);
/// assert_eq!(tally.total(), 21);
/// assert_eq!(SlaPolicy::tencent_sms().availability(&tally).to_string(), "95.0000%");
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Tally {
    counts: Counts,
    /// Every failure with an unmapped code, by code: those still counted as
    /// unclassified and those a window or a surge day exempted ([D13](crate::_documentation::design#d13),
    /// D14, D15).
    unclassified: BTreeMap<CodeText, u64>,
}

impl Tally {
    /// An empty tally.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::Tally;
    ///
    /// assert_eq!(Tally::new().total(), 0);
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts one record in its bucket, whenever it was sent.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use sms_sla::traffic::{MessageRecord, Outcome, Recipient, Tally};
    ///
    /// let at = Utc.with_ymd_and_hms(2025, 4, 2, 9, 0, 0).unwrap();
    /// let mut tally = Tally::new();
    /// tally.add(&MessageRecord::new(at, Recipient::Valid, Outcome::Unconfirmed));
    /// assert_eq!(tally.unconfirmed(), 1);
    /// ```
    pub fn add(&mut self, record: &MessageRecord<'_>) {
        let class = record.class();
        self.counts.add(class.slot(), 1);
        if let Some(code) = class.unclassified_code() {
            self.list_code(code, 1);
        }
    }

    /// Messages confirmed delivered.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::Tally;
    ///
    /// assert_eq!(Tally::new().delivered(), 0);
    /// ```
    #[must_use]
    pub fn delivered(&self) -> u64 {
        self.counts.get(Slot::DELIVERED)
    }

    /// Messages to Valid Numbers with no final status ([D5](crate::_documentation::design#d5)).
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::Tally;
    ///
    /// assert_eq!(Tally::new().unconfirmed(), 0);
    /// ```
    #[must_use]
    pub fn unconfirmed(&self) -> u64 {
        self.counts.get(Slot::UNCONFIRMED)
    }

    /// Failures attributable to the provider (§1.2), not counting
    /// unclassified codes.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::Tally;
    ///
    /// assert_eq!(Tally::new().provider_side(), 0);
    /// ```
    #[must_use]
    pub fn provider_side(&self) -> u64 {
        self.counts.get(Slot::PROVIDER_SIDE)
    }

    /// Failures exempt under `exemption`'s clause (§4).
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::{Exemption, Tally};
    ///
    /// assert_eq!(Tally::new().exempt(Exemption::AnnouncedMaintenance), 0);
    /// ```
    #[must_use]
    pub fn exempt(&self, exemption: Exemption) -> u64 {
        self.counts.get(Slot::exempt(exemption))
    }

    /// Failures exempt under any clause of §4.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::Tally;
    ///
    /// assert_eq!(Tally::new().exempt_total(), 0);
    /// ```
    #[must_use]
    pub fn exempt_total(&self) -> u64 {
        Exemption::ALL
            .into_iter()
            .map(|e| self.exempt(e))
            .fold(0, u64::saturating_add)
    }

    /// The exempt failures by clause, in clause order, leaving out clauses
    /// with none.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::Tally;
    ///
    /// assert_eq!(Tally::new().exempt_by_clause().count(), 0);
    /// ```
    pub fn exempt_by_clause(&self) -> impl Iterator<Item = (Exemption, u64)> + '_ {
        Exemption::ALL
            .into_iter()
            .map(|e| (e, self.exempt(e)))
            .filter(|&(_, count)| count > 0)
    }

    /// Messages to numbers excluded from the Valid Numbers for `reason`
    /// (§1.4).
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::{InvalidReason, Tally};
    ///
    /// assert_eq!(Tally::new().invalid(InvalidReason::PoweredOff), 0);
    /// ```
    #[must_use]
    pub fn invalid(&self, reason: InvalidReason) -> u64 {
        self.counts.get(Slot::invalid(reason))
    }

    /// Messages to invalid numbers, for any reason (outside the Effective
    /// Number, [D4](crate::_documentation::design#d4)).
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::Tally;
    ///
    /// assert_eq!(Tally::new().invalid_total(), 0);
    /// ```
    #[must_use]
    pub fn invalid_total(&self) -> u64 {
        InvalidReason::ALL
            .into_iter()
            .map(|r| self.invalid(r))
            .fold(0, u64::saturating_add)
    }

    /// Messages to invalid numbers by reason, in declaration order, leaving
    /// out reasons with none.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::Tally;
    ///
    /// assert_eq!(Tally::new().invalid_by_reason().count(), 0);
    /// ```
    pub fn invalid_by_reason(&self) -> impl Iterator<Item = (InvalidReason, u64)> + '_ {
        InvalidReason::ALL
            .into_iter()
            .map(|r| (r, self.invalid(r)))
            .filter(|&(_, count)| count > 0)
    }

    /// Failures with unclassified codes that no exemption covers
    /// ([D15](crate::_documentation::design#d15)), all codes together: the unclassified bucket. Failures with an
    /// unmapped code that a window or a surge day exempted ([D13](crate::_documentation::design#d13), [D14](crate::_documentation::design#d14))
    /// are counted under that clause instead, and still listed by
    /// [`Tally::unclassified_codes`].
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::Tally;
    ///
    /// assert_eq!(Tally::new().unclassified_total(), 0);
    /// ```
    #[must_use]
    pub fn unclassified_total(&self) -> u64 {
        self.counts.get(Slot::UNCLASSIFIED)
    }

    /// Every failure with an unmapped code, by code in alphabetical order,
    /// for a person to review ([D15](crate::_documentation::design#d15)): those in the unclassified bucket
    /// and those a window or a surge day exempted ([D13](crate::_documentation::design#d13), [D14](crate::_documentation::design#d14)), which stay
    /// listed although they no longer count against the provider.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use sms_sla::traffic::{FailureCause, MessageRecord, Outcome, Recipient, Tally, UnclassifiedCode};
    ///
    /// let at = Utc.with_ymd_and_hms(2025, 4, 2, 9, 0, 0).unwrap();
    /// let code = UnclassifiedCode::new("REJECTD")?;
    /// let mut tally = Tally::new();
    /// tally.add(&MessageRecord::new(at, Recipient::Valid, Outcome::Failed(FailureCause::Unclassified(code))));
    /// assert_eq!(tally.unclassified_codes().collect::<Vec<_>>(), [(code, 1)]);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn unclassified_codes(&self) -> impl Iterator<Item = (UnclassifiedCode<'_>, u64)> + '_ {
        self.unclassified
            .iter()
            .map(|(code, &count)| (code.code(), count))
    }

    /// The Effective Number of Sent Messages (§1.3, [D4](crate::_documentation::design#d4), [D5](crate::_documentation::design#d5)): every
    /// message to a Valid Number, whatever its outcome.
    #[must_use]
    pub fn effective_sent(&self) -> u64 {
        self.counts.effective()
    }

    /// Apparent Failures (§1.2), with unclassified codes counted as such
    /// (the agreement's rule, [D15](crate::_documentation::design#d15)). A
    /// month's availability comes from the policy, which applies its own
    /// rule: [`SlaPolicy::availability`](crate::SlaPolicy::availability).
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::Tally;
    ///
    /// assert_eq!(Tally::new().apparent_failures(), 0);
    /// ```
    #[must_use]
    pub fn apparent_failures(&self) -> u64 {
        self.apparent_failures_with(UnclassifiedRule::Apparent)
    }

    /// Apparent Failures (§1.2), with unclassified codes counted as `rule`
    /// says ([D15](crate::_documentation::design#d15)).
    pub(crate) fn apparent_failures_with(&self, rule: UnclassifiedRule) -> u64 {
        match rule {
            UnclassifiedRule::Apparent => self
                .provider_side()
                .saturating_add(self.unclassified_total()),
            UnclassifiedRule::NotApparent => self.provider_side(),
        }
    }

    /// Every message counted, in every bucket.
    #[must_use]
    pub fn total(&self) -> u64 {
        self.counts.total()
    }

    /// Adds `count` to an unmapped code's listing (the buckets are counted
    /// separately).
    pub(crate) fn list_code(&mut self, code: UnclassifiedCode<'_>, count: u64) {
        outcome::list_code(&mut self.unclassified, code, count);
    }

    /// Adds a block of bucket counters, as the ledger's per-day counts.
    pub(crate) fn add_counts(&mut self, counts: &Counts) {
        self.counts.merge(counts);
    }

    /// Failures with an unmapped code, all codes together: those still
    /// unclassified and those exempted (the sum of
    /// [`Tally::unclassified_codes`]).
    #[cfg(feature = "serde")]
    fn listed_total(&self) -> u64 {
        self.unclassified
            .values()
            .fold(0, |sum, &count| sum.saturating_add(count))
    }
}

impl core::fmt::Debug for Tally {
    /// Named buckets; clauses, reasons and codes without messages left out.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        /// Prints `(key, count)` pairs as a map, in the given order.
        struct Entries<'t>(Vec<(&'t str, u64)>);
        impl core::fmt::Debug for Entries<'_> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.debug_map()
                    .entries(self.0.iter().map(|(key, count)| (key, count)))
                    .finish()
            }
        }
        let exempt = self
            .exempt_by_clause()
            .map(|(e, n)| (e.clause(), n))
            .collect();
        let invalid = self
            .invalid_by_reason()
            .map(|(r, n)| (r.name(), n))
            .collect();
        let codes = self
            .unclassified_codes()
            .map(|(code, n)| (code.as_str(), n))
            .collect();
        f.debug_struct("Tally")
            .field("delivered", &self.delivered())
            .field("unconfirmed", &self.unconfirmed())
            .field("provider_side", &self.provider_side())
            .field("exempt", &Entries(exempt))
            .field("invalid", &Entries(invalid))
            .field("unclassified", &Entries(codes))
            .finish()
    }
}

impl Tally {
    /// Adds every count of `other`: the merge behind `+`, `+=` and `Sum`.
    fn merge(&mut self, other: &Tally) {
        self.counts.merge(&other.counts);
        for (code, &count) in &other.unclassified {
            self.list_code(code.code(), count);
        }
    }
}

impl AddAssign<&Tally> for Tally {
    fn add_assign(&mut self, other: &Tally) {
        self.merge(other);
    }
}

impl AddAssign for Tally {
    fn add_assign(&mut self, other: Tally) {
        self.merge(&other);
    }
}

impl Add for Tally {
    type Output = Tally;

    fn add(mut self, other: Tally) -> Tally {
        self.merge(&other);
        self
    }
}

impl Add<&Tally> for Tally {
    type Output = Tally;

    fn add(mut self, other: &Tally) -> Tally {
        self.merge(other);
        self
    }
}

impl Sum for Tally {
    fn sum<I: Iterator<Item = Tally>>(iter: I) -> Tally {
        iter.fold(Tally::new(), |mut sum, tally| {
            sum.merge(&tally);
            sum
        })
    }
}

impl<'a> Sum<&'a Tally> for Tally {
    fn sum<I: Iterator<Item = &'a Tally>>(iter: I) -> Tally {
        iter.fold(Tally::new(), |mut sum, tally| {
            sum.merge(tally);
            sum
        })
    }
}

impl<'a, 'c> Extend<&'a MessageRecord<'c>> for Tally {
    fn extend<I: IntoIterator<Item = &'a MessageRecord<'c>>>(&mut self, records: I) {
        for record in records {
            self.add(record);
        }
    }
}

impl<'c> Extend<MessageRecord<'c>> for Tally {
    fn extend<I: IntoIterator<Item = MessageRecord<'c>>>(&mut self, records: I) {
        for record in records {
            self.add(&record);
        }
    }
}

impl<'a, 'c> FromIterator<&'a MessageRecord<'c>> for Tally {
    fn from_iter<I: IntoIterator<Item = &'a MessageRecord<'c>>>(records: I) -> Tally {
        let mut tally = Tally::new();
        tally.extend(records);
        tally
    }
}

impl<'c> FromIterator<MessageRecord<'c>> for Tally {
    fn from_iter<I: IntoIterator<Item = MessageRecord<'c>>>(records: I) -> Tally {
        let mut tally = Tally::new();
        tally.extend(records);
        tally
    }
}

#[cfg(feature = "serde")]
mod wire {
    use std::collections::BTreeMap;

    use super::Tally;
    use crate::error::Error;
    use crate::stored::Format;
    use crate::traffic::outcome::CodeText;
    use crate::traffic::slot::Slot;
    use crate::traffic::{Exemption, InvalidReason};

    /// The serialized form: named counters, maps without zero entries.
    /// Unknown fields are ignored, so a later format's additions still
    /// read.
    #[derive(serde::Serialize, serde::Deserialize)]
    struct Wire {
        #[serde(default)]
        format: Format,
        delivered: u64,
        unconfirmed: u64,
        provider_side: u64,
        #[serde(default)]
        exempt: BTreeMap<Exemption, u64>,
        #[serde(default)]
        invalid: BTreeMap<InvalidReason, u64>,
        /// Every failure with an unmapped code, by code.
        #[serde(default)]
        unclassified: BTreeMap<CodeText, u64>,
        /// How many of those a window or a surge day exempted ([D13](crate::_documentation::design#d13),
        /// D14): counted under §4.10, §4.12 or §4.13, not as unclassified.
        #[serde(default, skip_serializing_if = "is_zero")]
        unclassified_exempt: u64,
    }

    #[expect(
        clippy::trivially_copy_pass_by_ref,
        reason = "serde's skip_serializing_if passes a reference"
    )]
    fn is_zero(count: &u64) -> bool {
        *count == 0
    }

    /// The clauses under which a failure with an unmapped code can be
    /// exempt: a surge day and the announced windows.
    pub(crate) const CODE_EXEMPTIONS: [Exemption; 3] = [
        Exemption::TrafficSurge,
        Exemption::AnnouncedEvent,
        Exemption::AnnouncedMaintenance,
    ];

    impl serde::Serialize for Tally {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            Wire {
                format: Format::CURRENT,
                delivered: self.delivered(),
                unconfirmed: self.unconfirmed(),
                provider_side: self.provider_side(),
                exempt: self.exempt_by_clause().collect(),
                invalid: self.invalid_by_reason().collect(),
                unclassified: self.unclassified.clone(),
                unclassified_exempt: self
                    .listed_total()
                    .saturating_sub(self.unclassified_total()),
            }
            .serialize(serializer)
        }
    }

    impl<'de> serde::Deserialize<'de> for Tally {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let wire = Wire::deserialize(deserializer)?;
            from_wire(wire).map_err(serde::de::Error::custom)
        }
    }

    fn from_wire(wire: Wire) -> Result<Tally, Error> {
        let mut tally = Tally::new();
        tally.counts.add(Slot::DELIVERED, wire.delivered);
        tally.counts.add(Slot::UNCONFIRMED, wire.unconfirmed);
        tally.counts.add(Slot::PROVIDER_SIDE, wire.provider_side);
        for (exemption, count) in wire.exempt {
            tally.counts.add(Slot::exempt(exemption), count);
        }
        for (reason, count) in wire.invalid {
            tally.counts.add(Slot::invalid(reason), count);
        }
        for (code, count) in &wire.unclassified {
            tally.list_code(code.code(), *count);
        }
        let listed = tally.listed_total();
        let exemptible = CODE_EXEMPTIONS
            .into_iter()
            .fold(0, |sum: u64, e| sum.saturating_add(tally.exempt(e)));
        if wire.unclassified_exempt > listed || wire.unclassified_exempt > exemptible {
            return Err(Error::Stored(
                crate::error::StoredError::InvalidPartialTally {
                    problem: crate::error::StoredProblem::UnclassifiedExempt {
                        exempt: wire.unclassified_exempt,
                        listed,
                        exemptible,
                    },
                },
            ));
        }
        tally.counts.add(
            Slot::UNCLASSIFIED,
            listed.saturating_sub(wire.unclassified_exempt),
        );
        Ok(tally)
    }
}

/// Defined here rather than beside the policy's other terms, so that the
/// policy (the contract) does not depend on how messages are counted.
impl SlaPolicy {
    /// A month's availability from its tally, with unclassified failures
    /// counted as the policy says ([D15](crate::_documentation::design#d15)).
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::SlaPolicy;
    /// use sms_sla::traffic::Tally;
    ///
    /// assert_eq!(SlaPolicy::tencent_sms().availability(&Tally::new()).to_string(), "n/a");
    /// ```
    #[must_use]
    pub fn availability(&self, tally: &Tally) -> Availability {
        Availability::from_parts_unchecked(
            tally.effective_sent(),
            tally.apparent_failures_with(self.unclassified_rule()),
        )
    }
}
