//! The reconciliation counts of Tencent data: messages, and what became of
//! every entry read ([D19](crate::_documentation::design#d19)-[D22](crate::_documentation::design#d22)).

use core::fmt;

/// What a [`MessageLog`](crate::tencent::MessageLog) holds, counted: messages, and what became of every
/// entry read.
///
/// Every entry read is accounted for:
/// `sends + receipts = messages + matched + duplicates + conflicts`, and
/// rejected entries are counted apart.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "tencent")] {
/// use sms_sla::tencent::{CodeTable, MessageLog};
///
/// let mut log = MessageLog::new(CodeTable::tencent_default());
/// log.read_callback(r#"[
///   {"user_receive_time": "2025-04-02 08:03:04", "report_status": "FAIL", "errmsg": "MK:0001", "sid": "s1"},
///   {"user_receive_time": "2025-04-02 08:05:00", "report_status": "SUCCESS", "errmsg": "DELIVRD", "sid": "s1"}
/// ]"#)?;
/// let s = log.stats();
/// assert_eq!((s.messages(), s.receipts(), s.conflicts(), s.duplicates()), (1, 2, 1, 0));
/// assert_eq!(s.sends() + s.receipts(), s.messages() + s.matched() + s.duplicates() + s.conflicts());
/// # }
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LogStats {
    pub(crate) messages: u64,
    pub(crate) sends: u64,
    pub(crate) receipts: u64,
    pub(crate) matched: u64,
    pub(crate) duplicates: u64,
    pub(crate) conflicts: u64,
    pub(crate) unreceipted: u64,
    pub(crate) unmatched: u64,
    pub(crate) rejected: u64,
    /// Entries for a sealed Service Month, read after it was sealed
    /// ([D27](crate::_documentation::design#d27)); written only when some
    /// were, so a log that seals nothing writes what it always wrote.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "crate::stored::is_zero")
    )]
    pub(crate) late: u64,
}

impl LogStats {
    /// Messages: one per serial number, plus one per submission refused
    /// without a serial number ([D19](crate::_documentation::design#d19)).
    #[must_use]
    pub const fn messages(&self) -> u64 {
        self.messages
    }

    /// SendSms entries read (not rejected).
    #[must_use]
    pub const fn sends(&self) -> u64 {
        self.sends
    }

    /// Receipts read (not rejected): callback and Pull entries.
    #[must_use]
    pub const fn receipts(&self) -> u64 {
        self.receipts
    }

    /// Entries that agree with what made their message: a receipt joining
    /// its send, or a first receipt with no status yet beside another.
    #[must_use]
    pub const fn matched(&self) -> u64 {
        self.matched
    }

    /// Entries repeating what an earlier entry of the same message said: a
    /// redelivered callback, a response read twice
    /// ([D20](crate::_documentation::design#d20)).
    #[must_use]
    pub const fn duplicates(&self) -> u64 {
        self.duplicates
    }

    /// Distinct receipt outcomes that disagree with their message's final
    /// outcome, and receipts whose code contradicts their status
    /// ([D20](crate::_documentation::design#d20)).
    #[must_use]
    pub const fn conflicts(&self) -> u64 {
        self.conflicts
    }

    /// Messages accepted by SendSms with no receipt at all: unconfirmed
    /// ([D5](crate::_documentation::design#d5)).
    #[must_use]
    pub const fn unreceipted(&self) -> u64 {
        self.unreceipted
    }

    /// Messages known only from receipts although the log holds SendSms
    /// responses ([D21](crate::_documentation::design#d21)).
    #[must_use]
    pub const fn unmatched(&self) -> u64 {
        self.unmatched
    }

    /// Entries rejected as malformed ([D22](crate::_documentation::design#d22)).
    #[must_use]
    pub const fn rejected(&self) -> u64 {
        self.rejected
    }

    /// Entries read after the Service Month they were for was sealed
    /// ([D27](crate::_documentation::design#d27)): counted, added to no
    /// message; they widen their month's verdict bounds as rejected
    /// entries do. Every entry read is a send, a receipt, rejected or late.
    #[must_use]
    pub const fn late(&self) -> u64 {
        self.late
    }
}

impl fmt::Display for LogStats {
    /// `100 messages from 95 sends and 101 receipts: 90 matched, 5 duplicates, 1 conflict; 5 unreceipted, 0 unmatched, 0 rejected`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::display::padded(f, |f| {
            let plural =
                |n: u64, one: &'static str, many: &'static str| if n == 1 { one } else { many };
            write!(
                f,
                "{} {} from {} {} and {} {}: {} matched, {} {}, {} {}; {} unreceipted, {} unmatched, {} rejected",
                self.messages,
                plural(self.messages, "message", "messages"),
                self.sends,
                plural(self.sends, "send", "sends"),
                self.receipts,
                plural(self.receipts, "receipt", "receipts"),
                self.matched,
                self.duplicates,
                plural(self.duplicates, "duplicate", "duplicates"),
                self.conflicts,
                plural(self.conflicts, "conflict", "conflicts"),
                self.unreceipted,
                self.unmatched,
                self.rejected,
            )?;
            if self.late > 0 {
                write!(f, ", {} late", self.late)?;
            }
            Ok(())
        })
    }
}

impl LogStats {
    /// Adds counts field by field, saturating: the counts of logs (or
    /// [`Evidence`](crate::tencent::Evidence)) of disjoint messages.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::tencent::LogStats;
    ///
    /// let mut stats = LogStats::default();
    /// stats.add(LogStats::default());
    /// assert_eq!(stats.messages(), 0);
    /// ```
    pub fn add(&mut self, other: Self) {
        for (mine, theirs) in [
            (&mut self.messages, other.messages),
            (&mut self.sends, other.sends),
            (&mut self.receipts, other.receipts),
            (&mut self.matched, other.matched),
            (&mut self.duplicates, other.duplicates),
            (&mut self.conflicts, other.conflicts),
            (&mut self.unreceipted, other.unreceipted),
            (&mut self.unmatched, other.unmatched),
            (&mut self.rejected, other.rejected),
            (&mut self.late, other.late),
        ] {
            *mine = mine.saturating_add(theirs);
        }
    }
}
