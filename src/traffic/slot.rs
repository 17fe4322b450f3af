//! The buckets a message can land in ([D18](crate::_documentation::design#d18)), and a block of counters
//! with one saturating counter per bucket.
//!
//! A [`Slot`] is always below [`Slot::COUNT`]: it is made only from the
//! constants below or from an [`Exemption`] or [`InvalidReason`], so a
//! [`Counts`] block never has to decide what to do with a bucket it does not
//! hold. Nothing here can drop a count.

use super::{Exemption, InvalidReason};

/// One bucket of a tally, always below [`Slot::COUNT`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Slot(u8);

impl Slot {
    /// How many buckets there are.
    pub(crate) const COUNT: usize = 32;
    pub(crate) const DELIVERED: Self = Self(0);
    pub(crate) const UNCONFIRMED: Self = Self(1);
    pub(crate) const PROVIDER_SIDE: Self = Self(2);
    /// First of 17: one per clause 4.1 to 4.17, in order.
    const FIRST_EXEMPT: u8 = 3;
    pub(crate) const UNCLASSIFIED: Self = Self(20);
    /// First of 11: one per invalid-number reason, in order.
    const FIRST_INVALID: u8 = 21;

    /// The bucket of failures exempt under `exemption`'s clause.
    #[expect(
        clippy::as_conversions,
        clippy::cast_possible_truncation,
        clippy::arithmetic_side_effects,
        reason = "3 + an index below 17 is below 20"
    )]
    pub(crate) const fn exempt(exemption: Exemption) -> Self {
        Self(Self::FIRST_EXEMPT + exemption.index() as u8)
    }

    /// The bucket of messages to numbers invalid for `reason`.
    #[expect(
        clippy::as_conversions,
        clippy::cast_possible_truncation,
        clippy::arithmetic_side_effects,
        reason = "21 + an index below 11 is below 32"
    )]
    pub(crate) const fn invalid(reason: InvalidReason) -> Self {
        Self(Self::FIRST_INVALID + reason.index() as u8)
    }

    /// Every bucket, in order.
    pub(crate) fn all() -> impl Iterator<Item = Self> {
        (0..=u8::MAX).map(Self).take(Self::COUNT)
    }

    /// The position of the bucket, below [`Slot::COUNT`].
    #[expect(clippy::as_conversions, reason = "u8 to usize widens")]
    pub(crate) const fn index(self) -> usize {
        self.0 as usize
    }

    /// Whether the bucket counts in the Effective Number (every bucket but
    /// the invalid-number reasons, [D4](crate::_documentation::design#d4)).
    pub(crate) const fn is_effective(self) -> bool {
        self.0 < Self::FIRST_INVALID
    }

    /// Whether a failure in this bucket would be an Apparent Failure unless
    /// an exemption applies: a provider-side failure or an unclassified code
    /// ([D13](crate::_documentation::design#d13), [D14](crate::_documentation::design#d14), [D15](crate::_documentation::design#d15)).
    pub(crate) const fn is_exemptible(self) -> bool {
        self.0 == Self::PROVIDER_SIDE.0 || self.0 == Self::UNCLASSIFIED.0
    }

    /// The invalid-number reason of the bucket, if it is one.
    pub(crate) fn invalid_reason(self) -> Option<InvalidReason> {
        InvalidReason::ALL
            .into_iter()
            .find(|&reason| Self::invalid(reason) == self)
    }

    /// The stable name of the bucket in serialized partial tallies:
    /// `delivered`, `unconfirmed`, `provider_side`, `exempt:4.13`,
    /// `invalid:powered_off` or `unclassified`.
    #[cfg(feature = "serde")]
    pub(crate) fn name(self) -> String {
        match self {
            Self::DELIVERED => "delivered".to_owned(),
            Self::UNCONFIRMED => "unconfirmed".to_owned(),
            Self::PROVIDER_SIDE => "provider_side".to_owned(),
            Self::UNCLASSIFIED => "unclassified".to_owned(),
            _ => match self.invalid_reason() {
                Some(reason) => format!("invalid:{}", reason.name()),
                None => Exemption::ALL
                    .into_iter()
                    .find(|&exemption| Self::exempt(exemption) == self)
                    .map_or_else(String::new, |e| format!("exempt:{}", e.clause())),
            },
        }
    }

    /// The bucket named `name` (see [`Slot::name`]).
    #[cfg(feature = "serde")]
    pub(crate) fn named(name: &str) -> Option<Self> {
        Self::all().find(|slot| slot.name() == name)
    }
}

/// One counter per bucket. Counters saturate at `u64::MAX` and never wrap,
/// whatever they were read back as ([D18](crate::_documentation::design#d18)).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct Counts([u64; Slot::COUNT]);

impl Counts {
    /// The counter of `slot`.
    #[inline]
    #[expect(
        clippy::indexing_slicing,
        reason = "a Slot is below Slot::COUNT by construction"
    )]
    pub(crate) fn get(&self, slot: Slot) -> u64 {
        self.0[slot.index()]
    }

    /// Adds `count` to the counter of `slot`, saturating.
    #[inline]
    #[expect(
        clippy::indexing_slicing,
        reason = "a Slot is below Slot::COUNT by construction"
    )]
    pub(crate) fn add(&mut self, slot: Slot, count: u64) {
        let counter = &mut self.0[slot.index()];
        *counter = counter.saturating_add(count);
    }

    /// Moves everything counted under `from` onto `to`.
    pub(crate) fn move_all(&mut self, from: Slot, to: Slot) {
        let moved = self.get(from);
        self.set(from, 0);
        self.add(to, moved);
    }

    /// Sets the counter of `slot`.
    #[expect(
        clippy::indexing_slicing,
        reason = "a Slot is below Slot::COUNT by construction"
    )]
    fn set(&mut self, slot: Slot, count: u64) {
        self.0[slot.index()] = count;
    }

    /// Adds every counter of `other`.
    pub(crate) fn merge(&mut self, other: &Self) {
        for (counter, &count) in self.0.iter_mut().zip(&other.0) {
            *counter = counter.saturating_add(count);
        }
    }

    /// Every counter with its bucket, in bucket order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (Slot, u64)> + '_ {
        Slot::all().zip(self.0.iter().copied())
    }

    /// The sum of all counters, saturating.
    pub(crate) fn total(&self) -> u64 {
        self.0
            .iter()
            .fold(0, |sum, &count| sum.saturating_add(count))
    }

    /// The sum of the Effective Number's counters, saturating.
    pub(crate) fn effective(&self) -> u64 {
        self.iter()
            .filter(|&(slot, _)| slot.is_effective())
            .fold(0, |sum, (_, count)| sum.saturating_add(count))
    }
}

#[cfg(test)]
mod tests {
    use super::{Counts, Slot};
    use crate::traffic::{Exemption, InvalidReason};

    #[test]
    fn every_bucket_is_distinct_and_in_range() {
        let mut slots = vec![Slot::DELIVERED, Slot::UNCONFIRMED, Slot::PROVIDER_SIDE];
        slots.extend(Exemption::ALL.map(Slot::exempt));
        slots.push(Slot::UNCLASSIFIED);
        slots.extend(InvalidReason::ALL.map(Slot::invalid));
        assert_eq!(slots, Slot::all().collect::<Vec<_>>());
        assert_eq!(slots.len(), Slot::COUNT);
        let effective = slots.iter().filter(|slot| slot.is_effective()).count();
        assert_eq!(effective, 3 + 17 + 1);
    }

    #[test]
    fn counters_saturate() {
        let mut counts = Counts::default();
        counts.add(Slot::DELIVERED, u64::MAX);
        counts.add(Slot::DELIVERED, 1);
        counts.add(Slot::UNCONFIRMED, u64::MAX);
        assert_eq!(counts.get(Slot::DELIVERED), u64::MAX);
        assert_eq!(counts.total(), u64::MAX);
        assert_eq!(counts.effective(), u64::MAX);
        let mut merged = counts;
        merged.merge(&counts);
        assert_eq!(merged.get(Slot::UNCONFIRMED), u64::MAX);
        merged.move_all(Slot::DELIVERED, Slot::UNCONFIRMED);
        assert_eq!(
            (merged.get(Slot::DELIVERED), merged.get(Slot::UNCONFIRMED)),
            (0, u64::MAX)
        );
    }

    #[cfg(feature = "serde")]
    #[test]
    fn names_round_trip() {
        for slot in Slot::all() {
            assert!(!slot.name().is_empty());
            assert_eq!(Slot::named(&slot.name()), Some(slot));
        }
        assert_eq!(Slot::named("nothing"), None);
    }
}
