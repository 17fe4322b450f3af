//! One message as the library sees it: when it was sent, to whom, and what
//! became of it.

use chrono::{DateTime, Utc};

use super::slot::Slot;
use super::{Exemption, FailureCause, Outcome, Recipient, UnclassifiedCode};
use crate::error::{ColumnError, Error};

/// One message sent through the service: its send instant, its recipient's
/// validity (§1.4) and its final outcome.
///
/// A record is 32 bytes and `Copy`: billions of them can be held, sorted and
/// tallied without allocation. A record with an
/// [`UnclassifiedCode`] borrows the code's text (from the document or
/// [`MessageLog`](crate::tencent::MessageLog) it came from); every other
/// record is a `MessageRecord<'static>`. Counts are messages, not billing units: a
/// long SMS billed as several units is still one record ([D17](crate::_documentation::design#d17)).
///
/// # Examples
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use sms_sla::traffic::{FailureCause, MessageRecord, Outcome, Recipient};
///
/// let sent_at = Utc.with_ymd_and_hms(2025, 3, 31, 16, 30, 0).unwrap();
/// let record = MessageRecord::new(sent_at, Recipient::Valid, Outcome::Failed(FailureCause::ProviderSide));
/// assert_eq!(record.sent_at(), sent_at);
/// assert_eq!(record.recipient(), Recipient::Valid);
/// assert_eq!(record.outcome(), Outcome::Failed(FailureCause::ProviderSide));
/// assert_eq!(std::mem::size_of::<MessageRecord>(), 32);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct MessageRecord<'a> {
    /// The code of an unclassified failure, which the record borrows. When
    /// present, the outcome is that failure and `outcome` is not read.
    code: Option<&'a str>,
    /// The send instant as Unix seconds and the nanoseconds past them,
    /// always an instant chrono can represent. Kept as two integers, not
    /// as a `DateTime`, so that records are made from Unix time columns
    /// and their day found with no calendar arithmetic (the peer harness's
    /// tally and raw-column paths, BENCHMARKS.md).
    seconds: i64,
    nanos: u32,
    /// The record's bucket: the invalid-number reason when the recipient is
    /// invalid, else the outcome's. Computed once here so the tally's hot
    /// path is a byte load, not a chain of branches; the recipient is read
    /// back from it.
    slot: Slot,
    outcome: PackedOutcome,
}

/// Every [`Outcome`] but an unclassified failure, in two bytes.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum PackedOutcome {
    Delivered,
    Unconfirmed,
    ProviderSide,
    Exempt(Exemption),
}

impl<'a> MessageRecord<'a> {
    /// The record of a message sent at `sent_at` to `recipient`, with
    /// `outcome`.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use sms_sla::traffic::{InvalidReason, MessageRecord, Outcome, Recipient};
    ///
    /// let sent_at = Utc.with_ymd_and_hms(2025, 4, 2, 9, 0, 0).unwrap();
    /// let record = MessageRecord::new(sent_at, Recipient::Invalid(InvalidReason::PoweredOff), Outcome::Unconfirmed);
    /// assert!(!record.recipient().is_valid());
    /// ```
    #[must_use]
    pub fn new(sent_at: DateTime<Utc>, recipient: Recipient, outcome: Outcome<'a>) -> Self {
        Self::of_class(
            sent_at.timestamp(),
            sent_at.timestamp_subsec_nanos(),
            MessageClass::new(recipient, outcome),
        )
    }

    /// The record of a message sent `seconds` after the Unix epoch plus
    /// `nanos` nanoseconds, with no calendar arithmetic: the constructor
    /// for Unix time columns.
    ///
    /// # Errors
    ///
    /// [`ColumnError::UnixTimeOutOfRange`](crate::error::ColumnError::UnixTimeOutOfRange) when `nanos` is a second or more, or
    /// the instant is outside the dates chrono represents (about 262,000
    /// years either side of year 0).
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use sms_sla::traffic::{MessageRecord, Outcome, Recipient};
    ///
    /// let record = MessageRecord::from_unix(1_743_584_400, 5, Recipient::Valid, Outcome::Delivered)?;
    /// assert_eq!(record, MessageRecord::new(Utc.timestamp_opt(1_743_584_400, 5).unwrap(), Recipient::Valid, Outcome::Delivered));
    /// let err = MessageRecord::from_unix(0, 1_000_000_000, Recipient::Valid, Outcome::Delivered).unwrap_err();
    /// assert_eq!(err.to_string(), "unix time 0 s + 1000000000 ns is not an instant: nanoseconds must be below one second and the date within chrono's range");
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn from_unix(
        seconds: i64,
        nanos: u32,
        recipient: Recipient,
        outcome: Outcome<'a>,
    ) -> Result<Self, Error> {
        // chrono's first instant has no nanoseconds and its last 999,999,999:
        // any nanoseconds below a second are in range between their seconds.
        if nanos >= NANOS_PER_SECOND || !(MIN_SECONDS..=MAX_SECONDS).contains(&seconds) {
            return Err(Error::Columns(ColumnError::UnixTimeOutOfRange {
                seconds,
                nanos,
            }));
        }
        Ok(Self::of_class(
            seconds,
            nanos,
            MessageClass::new(recipient, outcome),
        ))
    }

    /// A record of `class` at an instant chrono represents.
    const fn of_class(seconds: i64, nanos: u32, class: MessageClass<'a>) -> Self {
        Self {
            code: class.code,
            seconds,
            nanos,
            slot: class.slot,
            outcome: class.outcome,
        }
    }

    /// When the message was sent.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use sms_sla::traffic::{MessageRecord, Outcome, Recipient};
    ///
    /// let sent_at = Utc.with_ymd_and_hms(2025, 4, 2, 9, 0, 0).unwrap();
    /// assert_eq!(MessageRecord::new(sent_at, Recipient::Valid, Outcome::Delivered).sent_at(), sent_at);
    /// ```
    #[must_use]
    pub const fn sent_at(&self) -> DateTime<Utc> {
        match DateTime::from_timestamp(self.seconds, self.nanos) {
            Some(sent_at) => sent_at,
            // Never taken: `new` takes its time from a `DateTime` and
            // `from_unix` checks that chrono represents it.
            None => DateTime::<Utc>::UNIX_EPOCH,
        }
    }

    /// What became of the message, without its send instant.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use sms_sla::traffic::{MessageClass, MessageRecord, Outcome, Recipient};
    ///
    /// let sent_at = Utc.with_ymd_and_hms(2025, 4, 2, 9, 0, 0).unwrap();
    /// let record = MessageRecord::new(sent_at, Recipient::Valid, Outcome::Unconfirmed);
    /// assert_eq!(record.class(), MessageClass::new(Recipient::Valid, Outcome::Unconfirmed));
    /// ```
    #[must_use]
    pub const fn class(&self) -> MessageClass<'a> {
        MessageClass {
            code: self.code,
            slot: self.slot,
            outcome: self.outcome,
        }
    }

    /// The send instant as Unix seconds and nanoseconds (below a second).
    #[inline]
    pub(crate) const fn unix_time(&self) -> (i64, u32) {
        (self.seconds, self.nanos)
    }

    /// Whether the recipient was a Valid Number (§1.4).
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use sms_sla::traffic::{InvalidReason, MessageRecord, Outcome, Recipient};
    ///
    /// let sent_at = Utc.with_ymd_and_hms(2025, 4, 2, 9, 0, 0).unwrap();
    /// let blocked = Recipient::Invalid(InvalidReason::Blocklisted);
    /// assert_eq!(MessageRecord::new(sent_at, blocked, Outcome::Unconfirmed).recipient(), blocked);
    /// ```
    #[must_use]
    pub fn recipient(&self) -> Recipient {
        self.class().recipient()
    }

    /// The message's final outcome.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use sms_sla::traffic::{FailureCause, MessageRecord, Outcome, Recipient, UnclassifiedCode};
    ///
    /// let sent_at = Utc.with_ymd_and_hms(2025, 4, 2, 9, 0, 0).unwrap();
    /// let failed = Outcome::Failed(FailureCause::Unclassified(UnclassifiedCode::new("MK:0000")?));
    /// assert_eq!(MessageRecord::new(sent_at, Recipient::Valid, failed).outcome(), failed);
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub const fn outcome(&self) -> Outcome<'a> {
        self.class().outcome()
    }
}

/// What became of one message, without its send instant: its recipient's
/// validity (§1.4) and its final outcome, with the bucket it is counted
/// in found once.
///
/// The class of a [`MessageRecord`], and what
/// [`LedgerBuilder::add_unix_columns`](crate::traffic::LedgerBuilder::add_unix_columns)
/// takes once per distinct value of a class column instead of once per
/// row.
///
/// # Examples
///
/// ```
/// use sms_sla::traffic::{FailureCause, InvalidReason, MessageClass, Outcome, Recipient};
///
/// let class = MessageClass::new(Recipient::Invalid(InvalidReason::PoweredOff), Outcome::Unconfirmed);
/// assert_eq!(class.recipient(), Recipient::Invalid(InvalidReason::PoweredOff));
/// assert_eq!(class.outcome(), Outcome::Unconfirmed);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct MessageClass<'a> {
    /// As in [`MessageRecord`].
    code: Option<&'a str>,
    slot: Slot,
    outcome: PackedOutcome,
}

impl<'a> MessageClass<'a> {
    /// The class of a message to `recipient` with `outcome`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::{FailureCause, MessageClass, Outcome, Recipient};
    ///
    /// let failed = MessageClass::new(Recipient::Valid, Outcome::Failed(FailureCause::ProviderSide));
    /// assert_eq!(failed.outcome(), Outcome::Failed(FailureCause::ProviderSide));
    /// ```
    #[must_use]
    pub const fn new(recipient: Recipient, outcome: Outcome<'a>) -> Self {
        let code = match outcome {
            Outcome::Failed(FailureCause::Unclassified(code)) => Some(code.as_str()),
            _ => None,
        };
        Self {
            code,
            slot: bucket(recipient, outcome),
            outcome: PackedOutcome::pack(outcome),
        }
    }

    /// Whether the recipient was a Valid Number (§1.4).
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::{MessageClass, Outcome, Recipient};
    ///
    /// assert!(MessageClass::new(Recipient::Valid, Outcome::Delivered).recipient().is_valid());
    /// ```
    #[must_use]
    pub fn recipient(&self) -> Recipient {
        self.slot
            .invalid_reason()
            .map_or(Recipient::Valid, Recipient::Invalid)
    }

    /// The message's final outcome.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::{MessageClass, Outcome, Recipient};
    ///
    /// assert_eq!(MessageClass::new(Recipient::Valid, Outcome::Delivered).outcome(), Outcome::Delivered);
    /// ```
    #[must_use]
    pub const fn outcome(&self) -> Outcome<'a> {
        match self.code {
            Some(code) => {
                Outcome::Failed(FailureCause::Unclassified(UnclassifiedCode::checked(code)))
            }
            None => self.outcome.unpack(),
        }
    }

    /// The bucket.
    #[inline]
    pub(crate) const fn slot(&self) -> Slot {
        self.slot
    }

    /// The unmapped code of a failure to a Valid Number, if it has one
    /// ([D15](crate::_documentation::design#d15)). A message to an invalid number is counted under its
    /// §1.4 reason whatever its code, so it lists none.
    #[inline]
    pub(crate) const fn unclassified_code(&self) -> Option<UnclassifiedCode<'a>> {
        match (self.slot, self.code) {
            (Slot::UNCLASSIFIED, Some(code)) => Some(UnclassifiedCode::checked(code)),
            _ => None,
        }
    }
}

impl core::fmt::Debug for MessageClass<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("MessageClass")
            .field("recipient", &self.recipient())
            .field("outcome", &self.outcome())
            .finish()
    }
}

/// Nanoseconds in a second.
const NANOS_PER_SECOND: u32 = 1_000_000_000;
/// The Unix seconds of chrono's first and last instants.
const MIN_SECONDS: i64 = DateTime::<Utc>::MIN_UTC.timestamp();
const MAX_SECONDS: i64 = DateTime::<Utc>::MAX_UTC.timestamp();

impl core::fmt::Debug for MessageRecord<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("MessageRecord")
            .field("sent_at", &self.sent_at())
            .field("recipient", &self.recipient())
            .field("outcome", &self.outcome())
            .finish()
    }
}

/// The bucket of a message to `recipient` with `outcome` ([D4](crate::_documentation::design#d4), [D5](crate::_documentation::design#d5)).
const fn bucket(recipient: Recipient, outcome: Outcome<'_>) -> Slot {
    match (recipient, outcome) {
        (Recipient::Invalid(reason), _) => Slot::invalid(reason),
        (Recipient::Valid, Outcome::Delivered) => Slot::DELIVERED,
        (Recipient::Valid, Outcome::Unconfirmed) => Slot::UNCONFIRMED,
        (Recipient::Valid, Outcome::Failed(FailureCause::ProviderSide)) => Slot::PROVIDER_SIDE,
        (Recipient::Valid, Outcome::Failed(FailureCause::Exempt(exemption))) => {
            Slot::exempt(exemption)
        }
        (Recipient::Valid, Outcome::Failed(FailureCause::Unclassified(_))) => Slot::UNCLASSIFIED,
    }
}

impl PackedOutcome {
    const fn pack(outcome: Outcome<'_>) -> Self {
        match outcome {
            Outcome::Delivered => Self::Delivered,
            Outcome::Unconfirmed => Self::Unconfirmed,
            Outcome::Failed(FailureCause::Exempt(exemption)) => Self::Exempt(exemption),
            // For an unclassified failure the record's code decides and
            // this is never read.
            Outcome::Failed(FailureCause::ProviderSide | FailureCause::Unclassified(_)) => {
                Self::ProviderSide
            }
        }
    }

    const fn unpack(self) -> Outcome<'static> {
        match self {
            Self::Delivered => Outcome::Delivered,
            Self::Unconfirmed => Outcome::Unconfirmed,
            Self::ProviderSide => Outcome::Failed(FailureCause::ProviderSide),
            Self::Exempt(exemption) => Outcome::Failed(FailureCause::Exempt(exemption)),
        }
    }
}

#[cfg(feature = "serde")]
mod wire {
    use chrono::{DateTime, Utc};

    use super::MessageRecord;
    use crate::traffic::{Outcome, Recipient};

    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Wire<'a> {
        sent_at: DateTime<Utc>,
        recipient: Recipient,
        #[serde(borrow)]
        outcome: Outcome<'a>,
    }

    impl serde::Serialize for MessageRecord<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            Wire {
                sent_at: self.sent_at(),
                recipient: self.recipient(),
                outcome: self.outcome(),
            }
            .serialize(serializer)
        }
    }

    /// A record with an unclassified code borrows it from the input: read
    /// it with `from_str` or `from_slice` (see
    /// [`UnclassifiedCode`](crate::traffic::UnclassifiedCode)).
    impl<'de: 'a, 'a> serde::Deserialize<'de> for MessageRecord<'a> {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let wire = Wire::deserialize(deserializer)?;
            Ok(Self::new(wire.sent_at, wire.recipient, wire.outcome))
        }
    }
}
