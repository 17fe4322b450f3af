//! The wire form of a [`LedgerBuilder`]: a partial tally that another
//! process can merge. Only days and codes with counts are written.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{Day, LedgerBuilder, dates};
use crate::error::{Error, StoredError, StoredProblem};
use crate::stored::Format;
use crate::term::Term;
use crate::traffic::Exemption;
use crate::traffic::outcome::{self, CodeText};
use crate::traffic::rules::Rules;
use crate::traffic::slot::Slot;

/// Unknown fields are ignored, so a later format's additions still
/// read.
#[derive(serde::Serialize, serde::Deserialize)]
struct Wire {
    #[serde(default)]
    format: Format,
    term: Term,
    rules: Rules,
    /// Each day with messages: bucket name to count.
    days: BTreeMap<NaiveDate, BTreeMap<String, u64>>,
    /// Each Service Month with failures with unmapped codes, by its
    /// first day: every such failure by code, exempt or not.
    unclassified: BTreeMap<NaiveDate, BTreeMap<CodeText, u64>>,
    before_term: u64,
    after_term: u64,
}

fn invalid(problem: StoredProblem) -> Error {
    Error::Stored(StoredError::InvalidPartialTally { problem })
}

impl serde::Serialize for LedgerBuilder {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut days_out = BTreeMap::new();
        let mut unclassified = BTreeMap::new();
        let mut days = self.days.iter();
        for month in self.term.service_months() {
            let mut codes: BTreeMap<CodeText, u64> = BTreeMap::new();
            for (date, day) in dates(month).zip(days.by_ref()) {
                let buckets: BTreeMap<String, u64> = day
                    .counts
                    .iter()
                    .filter(|&(_, count)| count > 0)
                    .map(|(slot, count)| (slot.name(), count))
                    .collect();
                if !buckets.is_empty() {
                    days_out.insert(date, buckets);
                }
                for (code, &count) in &day.codes {
                    outcome::list_code(&mut codes, code.code(), count);
                }
            }
            if !codes.is_empty() {
                unclassified.insert(month.first_day(), codes);
            }
        }
        Wire {
            format: Format::CURRENT,
            term: self.term,
            rules: self.rules.clone(),
            days: days_out,
            unclassified,
            before_term: self.before_term,
            after_term: self.after_term,
        }
        .serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for LedgerBuilder {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = Wire::deserialize(deserializer)?;
        from_wire(wire).map_err(serde::de::Error::custom)
    }
}

fn from_wire(mut wire: Wire) -> Result<LedgerBuilder, Error> {
    let mut builder = LedgerBuilder::with_rules(wire.term, wire.rules.clone())?;
    if let Some(date) = wire.days.keys().find(|&&date| !wire.term.contains(date)) {
        return Err(invalid(StoredProblem::DayOutsideTerm {
            date: *date,
            term: wire.term,
        }));
    }
    let mut days = builder.days.iter_mut();
    for month in wire.term.service_months() {
        let mut first: Option<&mut Day> = None;
        let (mut unclassified, mut exemptible) = (0_u64, 0_u64);
        for (date, day) in dates(month).zip(days.by_ref()) {
            if let Some(buckets) = wire.days.remove(&date) {
                for (name, count) in buckets {
                    let slot = Slot::named(&name).ok_or_else(|| {
                        invalid(StoredProblem::UnknownBucket {
                            name: name.clone(),
                            date,
                        })
                    })?;
                    day.counts.add(slot, count);
                }
            }
            unclassified = unclassified.saturating_add(day.counts.get(Slot::UNCLASSIFIED));
            for exemption in [Exemption::AnnouncedEvent, Exemption::AnnouncedMaintenance] {
                exemptible = exemptible.saturating_add(day.counts.get(Slot::exempt(exemption)));
            }
            first.get_or_insert(day);
        }
        let codes = wire
            .unclassified
            .remove(&month.first_day())
            .unwrap_or_default();
        let listed = codes
            .values()
            .fold(0_u64, |sum, &count| sum.saturating_add(count));
        // Every unclassified failure is listed; so may be failures with
        // unmapped codes that a window exempted (SPEC D14), no more.
        if listed < unclassified || listed > unclassified.saturating_add(exemptible) {
            return Err(invalid(StoredProblem::UnclassifiedListed {
                month,
                unclassified,
                exemptible,
                listed,
            }));
        }
        if let Some(day) = first {
            day.codes = codes;
        }
    }
    if let Some(first_day) = wire.unclassified.keys().next() {
        return Err(invalid(StoredProblem::NotAMonthStart {
            first_day: *first_day,
            term: wire.term,
        }));
    }
    builder.before_term = wire.before_term;
    builder.after_term = wire.after_term;
    Ok(builder)
}
