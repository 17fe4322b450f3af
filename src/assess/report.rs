//! The assessment as a text table.

use core::fmt::Write as _;

use super::{Assessment, ClaimOutlook, MonthAssessment};

const HEADERS: [&str; 13] = [
    "service month",
    "effective",
    "apparent",
    "exempt",
    "unconfirmed",
    "invalid",
    "rejected",
    "availability",
    "rate",
    "compensation",
    "messages",
    "claim window",
    "status",
];

/// Columns aligned to the right (numbers); the others align left.
const RIGHT: [bool; 13] = [
    false, true, true, true, true, true, true, true, true, true, true, false, false,
];

impl Assessment {
    /// The assessment as a plain-text table: one row per Service Month
    /// (period, effective messages, apparent failures, exempt failures,
    /// unconfirmed messages (no final status, [D5](crate::_documentation::design#d5)), invalid numbers,
    /// availability, rate, compensation, message credits, claim window,
    /// status on the as-of date); then each month's failures with unmapped
    /// codes, by code, for review ([D15](crate::_documentation::design#d15));
    /// each month's failure budgets; the months whose verdict depends on
    /// rejected input (their rate marked `*` in the table,
    /// [D22](crate::_documentation::design#d22)); the term's totals, split
    /// by claim status; the reconciliation counts; and the records outside
    /// the term and the rejected entries, by Service Month.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{NaiveDate, TimeZone, Utc};
    /// use rust_decimal::dec;
    /// use sms_sla::assess::{Assessor, MonthlyFees};
    /// use sms_sla::calendar::ChinaMainland;
    /// use sms_sla::traffic::{AccountKind, Announcements, FailureCause, MessageRecord, Outcome, Recipient};
    /// use sms_sla::{Money, MonthlyServiceFee, SlaPolicy, Term};
    ///
    /// let policy = SlaPolicy::tencent_sms();
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2025, 4, 1).unwrap(), 1)?;
    /// let mut assessor = Assessor::new(&policy, term, AccountKind::Ordinary, Announcements::new())?;
    /// let at = Utc.with_ymd_and_hms(2025, 4, 2, 1, 0, 0).unwrap();
    /// assessor.ledger_mut().add(&MessageRecord::new(at, Recipient::Valid, Outcome::Failed(FailureCause::ProviderSide)));
    /// let fees = MonthlyFees::new().with(term.service_months().next().unwrap(), MonthlyServiceFee::new(Money::new(dec!(10), "CNY")?))?;
    /// let assessment = assessor.finish(&fees, &Money::new(dec!(0.045), "CNY")?, &ChinaMainland::new(), NaiveDate::from_ymd_opt(2025, 5, 1).unwrap())?;
    /// let table = assessment.to_table();
    /// assert!(table.starts_with("service month             effective  apparent  exempt  unconfirmed  invalid  rejected  availability  rate  compensation  messages  claim window              status"));
    /// assert!(table.contains("2025-04-01 to 2025-04-30          1         1       0            0        0         0       0.0000%   0.3      3.00 CNY        66  2025-05-13 to 2025-06-29  opens 2025-05-13 (in 12 days)"));
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub fn to_table(&self) -> String {
        let mut rows: Vec<[String; 13]> = Vec::with_capacity(self.months.len().saturating_add(1));
        rows.push(HEADERS.map(str::to_owned));
        for month in &self.months {
            let tally = &month.tally;
            let compensation = &month.compensation;
            let (window, status) = match &month.claim {
                ClaimOutlook::Known { window, status } => (window.to_string(), status.to_string()),
                ClaimOutlook::Unavailable { error } => ("unknown".to_owned(), error.to_string()),
            };
            rows.push([
                month.service_month.to_string(),
                month.availability.effective_sent().to_string(),
                month.availability.apparent_failures().to_string(),
                tally.exempt_total().to_string(),
                tally.unconfirmed().to_string(),
                tally.invalid_total().to_string(),
                month.rejected.to_string(),
                month.availability.to_string(),
                if month.bounds.depends_on_rejected() {
                    format!("{}*", compensation.rate().normalize())
                } else {
                    compensation.rate().normalize().to_string()
                },
                compensation.amount().to_string(),
                compensation.messages().to_string(),
                window,
                status,
            ]);
        }
        let mut widths = [0_usize; 13];
        for row in &rows {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.chars().count());
            }
        }
        let mut table = String::new();
        for row in &rows {
            let mut line = String::new();
            for ((cell, &width), &right) in row.iter().zip(&widths).zip(&RIGHT) {
                if !line.is_empty() {
                    line.push_str("  ");
                }
                // Writing to a String cannot fail.
                let _ = if right {
                    write!(line, "{cell:>width$}")
                } else {
                    write!(line, "{cell:<width$}")
                };
            }
            table.push_str(line.trim_end());
            table.push('\n');
        }
        self.write_notes(&mut table);
        let total = &self.total;
        let _ = writeln!(
            table,
            "\nterm {}: compensation {} in {} message credits (net fees paid {}); as of {}",
            self.term,
            total.amount(),
            total.messages(),
            total.net_paid(),
            self.as_of
        );
        let _ = writeln!(
            table,
            "claims as of {}: {} (whether a claim was already filed is not known here)",
            self.as_of, self.claims
        );
        if let Some(stats) = &self.reconciliation {
            let _ = writeln!(table, "messages reconciled: {stats}");
        }
        let _ = writeln!(table, "{}", self.entries_line());
        for sample in &self.rejection_samples {
            let _ = writeln!(table, "  rejected {sample}");
        }
        table
    }

    /// The term line of the table: records outside the term, and rejected
    /// and late entries by month.
    fn entries_line(&self) -> String {
        let mut rejected: Vec<String> = self
            .months
            .iter()
            .filter(|month| month.rejected > 0)
            .map(|month| format!("{} in {}", month.rejected, month.service_month))
            .collect();
        if self.rejected_for_term > 0 || rejected.is_empty() {
            rejected.push(format!("{} in no service month", self.rejected_for_term));
        }
        let late: Vec<String> = self
            .months
            .iter()
            .filter(|month| month.late > 0)
            .map(|month| format!("{} in {}", month.late, month.service_month))
            .collect();
        let late = if late.is_empty() {
            String::new()
        } else {
            format!("; entries late {} ({})", self.late(), late.join(", "))
        };
        format!(
            "records before the term {}, after it {}; entries rejected {} ({}){late}; entries in all {}",
            self.before_term,
            self.after_term,
            self.rejected,
            rejected.join(", "),
            self.entries()
        )
    }

    /// The notes under the table: unclassified codes, failure budgets and
    /// verdicts that depend on rejected input.
    fn write_notes(&self, table: &mut String) {
        let mut codes_heading = false;
        for month in &self.months {
            let codes: Vec<String> = month
                .tally
                .unclassified_codes()
                .map(|(code, count)| format!("{code} {count}"))
                .collect();
            if codes.is_empty() {
                continue;
            }
            if !codes_heading {
                table.push_str("\nfailures with unclassified codes, for review:\n");
                codes_heading = true;
            }
            let _ = writeln!(table, "  {}: {}", month.service_month, codes.join(", "));
        }
        let budgets: Vec<String> = self
            .months
            .iter()
            .filter(|month| !month.budgets.is_empty())
            .map(|month| {
                let parts: Vec<String> = month.budgets.iter().map(ToString::to_string).collect();
                format!("  {}: {}", month.service_month, parts.join(", "))
            })
            .collect();
        if !budgets.is_empty() {
            table
                .push_str("\nfailure budgets (Apparent Failures each month could still absorb):\n");
            for line in budgets {
                let _ = writeln!(table, "{line}");
            }
        }
        let depends: Vec<&MonthAssessment> = self
            .months
            .iter()
            .filter(|month| month.bounds.depends_on_rejected())
            .collect();
        if !depends.is_empty() {
            table.push_str("\n* verdicts that depend on rejected input:\n");
            for month in depends {
                let _ = writeln!(table, "  {}: {}", month.service_month, month.bounds);
            }
        }
    }
}
