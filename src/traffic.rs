//! Message traffic: records, Valid Numbers, outcomes, exemptions and
//! per-Service-Month tallies (SLA §1.2-§1.4, §4; [D3](crate::_documentation::design#d3)-[D5](crate::_documentation::design#d5), [D13](crate::_documentation::design#d13)-[D15](crate::_documentation::design#d15),
//! D17-D18).
//!
//! A billing service describes each message it sent as a [`MessageRecord`]:
//! when it was sent, whether the recipient was a Valid Number
//! ([`Recipient`], §1.4) and what became of it ([`Outcome`]). A
//! [`LedgerBuilder`] sorts records into the Service Months of a term in the
//! policy's zone, applying the time-dependent exemptions: the windows and
//! surge notices the account was given ([`Announcements`]) and the policy's
//! surge volume for its [`AccountKind`]; its
//! [`Ledger`] holds one [`Tally`] per Service Month. Every record lands in
//! exactly one bucket ([D18](crate::_documentation::design#d18)).
//!
//! ```
//! use chrono::{NaiveDate, TimeZone, Utc};
//! use sms_sla::{SlaPolicy, Term};
//! use sms_sla::traffic::{
//!     AccountKind, Announcements, FailureCause, InvalidReason, LedgerBuilder, MessageRecord,
//!     Outcome, Recipient,
//! };
//!
//! let term = Term::from_months(NaiveDate::from_ymd_opt(2025, 4, 1).unwrap(), 1)?;
//! let at = Utc.with_ymd_and_hms(2025, 4, 2, 9, 0, 0).unwrap();
//! let mut records = vec![MessageRecord::new(at, Recipient::Valid, Outcome::Delivered); 19];
//! records.push(MessageRecord::new(at, Recipient::Valid, Outcome::Failed(FailureCause::ProviderSide)));
//! records.push(MessageRecord::new(at, Recipient::Invalid(InvalidReason::PoweredOff), Outcome::Unconfirmed));
//!
//! let policy = SlaPolicy::tencent_sms();
//! let mut builder = LedgerBuilder::new(&policy, term, AccountKind::Ordinary, Announcements::new())?;
//! builder.add_all(&records);
//! let ledger = builder.finish();
//! let (month, tally) = ledger.months().next().unwrap();
//! assert_eq!(month.to_string(), "2025-04-01 to 2025-04-30");
//! assert_eq!((tally.effective_sent(), tally.apparent_failures()), (20, 1));
//! assert_eq!(policy.availability(tally).to_string(), "95.0000%");
//! # Ok::<(), sms_sla::Error>(())
//! ```

mod ledger;
mod number;
mod outcome;
mod record;
mod rules;
mod slot;
mod tally;

pub use self::ledger::{Ledger, LedgerBuilder};
pub use self::number::{InvalidGroup, InvalidReason, Recipient};
pub use self::outcome::{Exemption, FailureCause, Outcome, UnclassifiedCode};
pub use self::record::{MessageClass, MessageRecord};
pub use self::rules::{Announcements, Window};
pub use self::tally::Tally;
pub use crate::policy::{AccountKind, UnclassifiedRule};

/// How many rejected inputs an [`Assessor`](crate::assess::Assessor) or a
/// `MessageLog` keeps word for word, in reading order; every one is counted
/// ([D18](crate::_documentation::design#d18)).
///
/// # Examples
///
/// ```
/// assert_eq!(sms_sla::traffic::REJECTION_SAMPLES, 20);
/// ```
pub const REJECTION_SAMPLES: usize = 20;
