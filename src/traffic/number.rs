//! Valid Numbers (SLA §1.3, §1.4): who a message was sent to.

use core::fmt;

use crate::error::{Error, ParseError};

/// Whether a message's recipient is a Valid Number (SLA §1.4).
///
/// Only messages to Valid Numbers count toward the Effective Number of Sent
/// Messages (§1.3, [D4](crate::_documentation::design#d4)); the rest are counted by reason and shown.
///
/// # Examples
///
/// ```
/// use sms_sla::traffic::{InvalidGroup, InvalidReason, Recipient};
///
/// assert!(Recipient::Valid.is_valid());
/// let switched_off = Recipient::Invalid(InvalidReason::SwitchedOff);
/// assert!(!switched_off.is_valid());
/// assert_eq!(InvalidReason::SwitchedOff.group(), InvalidGroup::OperatorFlagged);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Recipient {
    /// A number that can be used normally.
    #[default]
    Valid,
    /// A number excluded from the Valid Numbers, with the reason.
    Invalid(InvalidReason),
}

impl Recipient {
    /// Whether the recipient is a Valid Number.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::{InvalidReason, Recipient};
    ///
    /// assert!(Recipient::Valid.is_valid());
    /// assert!(!Recipient::Invalid(InvalidReason::Blocklisted).is_valid());
    /// ```
    #[must_use]
    pub const fn is_valid(self) -> bool {
        matches!(self, Self::Valid)
    }
}

/// The three groups of numbers that §1.4 excludes from the Valid Numbers.
///
/// # Examples
///
/// ```
/// use sms_sla::traffic::InvalidGroup;
///
/// assert_eq!(InvalidGroup::TerminalSide.clause(), "1.4(2)");
/// assert_eq!(InvalidGroup::Blocklisted.to_string(), "blocklisted or do-not-disturb number");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum InvalidGroup {
    /// §1.4(1): the operator flags the number as abnormal.
    OperatorFlagged,
    /// §1.4(2): the recipient's terminal cannot receive.
    TerminalSide,
    /// §1.4(3): blocklisted or do-not-disturb, by the provider or operators.
    Blocklisted,
}

impl InvalidGroup {
    /// The clause that defines the group: `"1.4(1)"`, `"1.4(2)"` or `"1.4(3)"`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::InvalidGroup;
    ///
    /// assert_eq!(InvalidGroup::OperatorFlagged.clause(), "1.4(1)");
    /// ```
    #[must_use]
    pub const fn clause(self) -> &'static str {
        match self {
            Self::OperatorFlagged => "1.4(1)",
            Self::TerminalSide => "1.4(2)",
            Self::Blocklisted => "1.4(3)",
        }
    }
}

impl fmt::Display for InvalidGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::display::padded(f, |f| {
            f.write_str(match self {
                Self::OperatorFlagged => "number flagged by the operator",
                Self::TerminalSide => "terminal cannot receive",
                Self::Blocklisted => "blocklisted or do-not-disturb number",
            })
        })
    }
}

/// Why a recipient is not a Valid Number (SLA §1.4), in the three groups of
/// [`InvalidGroup`].
///
/// # Examples
///
/// ```
/// use sms_sla::traffic::{InvalidGroup, InvalidReason};
///
/// assert_eq!(InvalidReason::ALL.len(), 11);
/// assert_eq!(InvalidReason::OutOfCoverage.group(), InvalidGroup::TerminalSide);
/// assert_eq!(InvalidReason::OutOfCoverage.to_string(), "out of coverage");
/// assert_eq!(InvalidReason::OutOfCoverage.name(), "out_of_coverage");
/// assert_eq!("out_of_coverage".parse::<InvalidReason>()?, InvalidReason::OutOfCoverage);
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum InvalidReason {
    /// §1.4(1): the number does not exist.
    NonExistent,
    /// §1.4(1): the number's line is switched off.
    SwitchedOff,
    /// §1.4(1): the number's service is suspended.
    Suspended,
    /// §1.4(2): the subscriber is behind on payments.
    OverduePayment,
    /// §1.4(2): the handset is powered off.
    PoweredOff,
    /// §1.4(2): the handset is out of coverage.
    OutOfCoverage,
    /// §1.4(2): the subscription does not include SMS.
    NoSmsSubscription,
    /// §1.4(2): the terminal's network connection failed.
    TerminalNetwork,
    /// §1.4(2): the handset intercepted the message.
    HandsetInterception,
    /// §1.4(2): another terminal-side reason.
    OtherTerminal,
    /// §1.4(3): the number is on a blocklist or do-not-disturb list.
    Blocklisted,
}

impl InvalidReason {
    /// Every reason, in declaration order.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::InvalidReason;
    ///
    /// assert_eq!(InvalidReason::ALL.first(), Some(&InvalidReason::NonExistent));
    /// ```
    pub const ALL: [Self; 11] = [
        Self::NonExistent,
        Self::SwitchedOff,
        Self::Suspended,
        Self::OverduePayment,
        Self::PoweredOff,
        Self::OutOfCoverage,
        Self::NoSmsSubscription,
        Self::TerminalNetwork,
        Self::HandsetInterception,
        Self::OtherTerminal,
        Self::Blocklisted,
    ];

    /// The §1.4 group the reason belongs to.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::{InvalidGroup, InvalidReason};
    ///
    /// assert_eq!(InvalidReason::Suspended.group(), InvalidGroup::OperatorFlagged);
    /// assert_eq!(InvalidReason::Blocklisted.group(), InvalidGroup::Blocklisted);
    /// ```
    #[must_use]
    pub const fn group(self) -> InvalidGroup {
        match self {
            Self::NonExistent | Self::SwitchedOff | Self::Suspended => {
                InvalidGroup::OperatorFlagged
            }
            Self::OverduePayment
            | Self::PoweredOff
            | Self::OutOfCoverage
            | Self::NoSmsSubscription
            | Self::TerminalNetwork
            | Self::HandsetInterception
            | Self::OtherTerminal => InvalidGroup::TerminalSide,
            Self::Blocklisted => InvalidGroup::Blocklisted,
        }
    }

    /// The stable snake-case name used in serialized reports.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::InvalidReason;
    ///
    /// assert_eq!(InvalidReason::NoSmsSubscription.name(), "no_sms_subscription");
    /// ```
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::NonExistent => "non_existent",
            Self::SwitchedOff => "switched_off",
            Self::Suspended => "suspended",
            Self::OverduePayment => "overdue_payment",
            Self::PoweredOff => "powered_off",
            Self::OutOfCoverage => "out_of_coverage",
            Self::NoSmsSubscription => "no_sms_subscription",
            Self::TerminalNetwork => "terminal_network",
            Self::HandsetInterception => "handset_interception",
            Self::OtherTerminal => "other_terminal",
            Self::Blocklisted => "blocklisted",
        }
    }

    /// Position in [`InvalidReason::ALL`].
    #[expect(
        clippy::as_conversions,
        reason = "a fieldless enum's discriminant, 0..11"
    )]
    pub(crate) const fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for InvalidReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::display::padded(f, |f| {
            f.write_str(match self {
                Self::NonExistent => "number does not exist",
                Self::SwitchedOff => "line switched off",
                Self::Suspended => "service suspended",
                Self::OverduePayment => "overdue payment",
                Self::PoweredOff => "handset powered off",
                Self::OutOfCoverage => "out of coverage",
                Self::NoSmsSubscription => "no sms subscription",
                Self::TerminalNetwork => "terminal network failure",
                Self::HandsetInterception => "intercepted by the handset",
                Self::OtherTerminal => "other terminal-side reason",
                Self::Blocklisted => "blocklisted or do-not-disturb",
            })
        })
    }
}

impl core::str::FromStr for InvalidReason {
    type Err = Error;

    /// Parses the snake-case [`InvalidReason::name`], the form serialized
    /// reports use.
    fn from_str(name: &str) -> Result<Self, Error> {
        Self::ALL
            .into_iter()
            .find(|reason| reason.name() == name)
            .ok_or_else(|| {
                Error::Parse(ParseError::UnknownInvalidReason {
                    name: name.to_owned(),
                })
            })
    }
}
