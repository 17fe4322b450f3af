//! The stored form of a [`Ledger`]: its term and one tally per Service
//! Month.

use super::Ledger;
use crate::error::Error;
use crate::error::TrafficError;
use crate::stored::Format;
use crate::term::{ServiceMonth, Term};
use crate::traffic::Tally;

#[derive(serde::Serialize, serde::Deserialize)]
struct MonthWire {
    service_month: ServiceMonth,
    tally: Tally,
}

/// Unknown fields are ignored, so a later format's additions still
/// read.
#[derive(serde::Serialize, serde::Deserialize)]
struct Wire {
    #[serde(default)]
    format: Format,
    term: Term,
    months: Vec<MonthWire>,
    before_term: u64,
    after_term: u64,
}

impl serde::Serialize for Ledger {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Wire {
            format: Format::CURRENT,
            term: self.term,
            months: self
                .months()
                .map(|(service_month, tally)| MonthWire {
                    service_month,
                    tally: tally.clone(),
                })
                .collect(),
            before_term: self.before_term,
            after_term: self.after_term,
        }
        .serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for Ledger {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = Wire::deserialize(deserializer)?;
        let expected = wire.term.service_months();
        let matches = expected.len() == wire.months.len()
            && expected
                .zip(&wire.months)
                .all(|(month, given)| month == given.service_month);
        if !matches {
            return Err(serde::de::Error::custom(Error::Traffic(
                TrafficError::LedgerMonthsMismatch {
                    term: wire.term,
                    months: wire.months.len(),
                },
            )));
        }
        Ok(Ledger {
            term: wire.term,
            months: wire.months.into_iter().map(|month| month.tally).collect(),
            before_term: wire.before_term,
            after_term: wire.after_term,
        })
    }
}
