//! What happened to a message: delivered, unconfirmed, or failed with a
//! cause (SLA §1.2, §4; [D5](crate::_documentation::design#d5), [D15](crate::_documentation::design#d15)).

use core::fmt;
use core::str::FromStr;

use crate::error::{Error, ParseError, TrafficError};

/// The final outcome of one message ([D5](crate::_documentation::design#d5)).
///
/// # Examples
///
/// ```
/// use sms_sla::traffic::{Exemption, FailureCause, Outcome};
///
/// let maintenance = Outcome::Failed(FailureCause::Exempt(Exemption::AnnouncedMaintenance));
/// assert!(maintenance.is_failure());
/// assert!(!Outcome::Unconfirmed.is_failure());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Outcome<'a> {
    /// The operator confirmed delivery.
    Delivered,
    /// No final status arrived (no receipt). Not a failure: the agreement
    /// counts only definite failures ([D5](crate::_documentation::design#d5)).
    Unconfirmed,
    /// The message definitely failed, for the given cause.
    Failed(#[cfg_attr(feature = "serde", serde(borrow))] FailureCause<'a>),
}

impl Outcome<'_> {
    /// Whether the message definitely failed, whatever the cause.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::{FailureCause, Outcome};
    ///
    /// assert!(Outcome::Failed(FailureCause::ProviderSide).is_failure());
    /// assert!(!Outcome::Delivered.is_failure());
    /// ```
    #[must_use]
    pub const fn is_failure(self) -> bool {
        matches!(self, Self::Failed(_))
    }
}

/// Why a message failed.
///
/// # Examples
///
/// ```
/// use sms_sla::traffic::{Exemption, FailureCause, UnclassifiedCode};
///
/// let code = UnclassifiedCode::new("MK:0000")?;
/// assert_eq!(FailureCause::Unclassified(code).to_string(), "unclassified code MK:0000");
/// assert_eq!(
///     FailureCause::Exempt(Exemption::PlatformControl).to_string(),
///     "exempt under §4.6: platform control (credit, flow or content-security control)",
/// );
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum FailureCause<'a> {
    /// A reason attributable to the provider: an Apparent Failure (§1.2).
    ProviderSide,
    /// A cause the agreement exempts (§4), under the given clause. The
    /// message stays in the Effective Number but is not an Apparent Failure
    /// ([D5](crate::_documentation::design#d5)).
    Exempt(Exemption),
    /// A failure code no classification table knows. Counted as an Apparent
    /// Failure unless the policy says otherwise, and listed by code for a
    /// person to review ([D15](crate::_documentation::design#d15)).
    Unclassified(#[cfg_attr(feature = "serde", serde(borrow))] UnclassifiedCode<'a>),
}

impl fmt::Display for FailureCause<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::display::padded(f, |f| match self {
            Self::ProviderSide => f.write_str("provider-side failure (§1.2)"),
            Self::Exempt(exemption) => {
                write!(f, "exempt under §{}: {exemption}", exemption.clause())
            }
            Self::Unclassified(code) => write!(f, "unclassified code {code}"),
        })
    }
}

/// The exemptions of §4, one variant per clause.
///
/// A failure whose cause falls under one of these does not count against
/// the provider ([D5](crate::_documentation::design#d5)); it is tallied under its clause.
///
/// # Examples
///
/// ```
/// use sms_sla::traffic::Exemption;
///
/// assert_eq!(Exemption::AnnouncedMaintenance.clause(), "4.13");
/// assert_eq!("4.13".parse::<Exemption>()?, Exemption::AnnouncedMaintenance);
/// assert_eq!(Exemption::ALL.len(), 17);
/// assert_eq!(Exemption::TrafficSurge.to_string(), "traffic surge without prior notice");
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Exemption {
    /// §4.1: a failure attributable to the user.
    UserFault,
    /// §4.2: the user's data or credentials leaked, or verification views
    /// were faked.
    CredentialLeak,
    /// §4.3: an attack on the user's application.
    AttackOnUser,
    /// §4.4: the user did not follow the documentation or requirements.
    DocumentationNotFollowed,
    /// §4.5: the user's negligence or an operation the user authorised.
    UserNegligence,
    /// §4.6: platform control: credit, flow or content-security control.
    PlatformControl,
    /// §4.7: the recipient reported the traffic as harassment.
    HarassmentReport,
    /// §4.8: control by the regulator or the telecom operators.
    RegulatorControl,
    /// §4.9: illegal content.
    IllegalContent,
    /// §4.10: a traffic surge without prior notice ([D13](crate::_documentation::design#d13)).
    TrafficSurge,
    /// §4.11: an unpublished or trial feature.
    TrialFeature,
    /// §4.12: an announced major event or promotion ([D14](crate::_documentation::design#d14)).
    AnnouncedEvent,
    /// §4.13: announced maintenance ([D14](crate::_documentation::design#d14)).
    AnnouncedMaintenance,
    /// §4.14: network or equipment the provider does not run.
    ThirdPartyNetwork,
    /// §4.15: force majeure.
    ForceMajeure,
    /// §4.16: any other cause not attributable to the provider.
    NotAttributable,
    /// §4.17: any other exemption under law, agreement or published rule.
    OtherLegal,
}

impl Exemption {
    /// Every exemption, in clause order (4.1 to 4.17).
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::Exemption;
    ///
    /// let clauses: Vec<&str> = Exemption::ALL.iter().map(|e| e.clause()).collect();
    /// assert_eq!((clauses[0], clauses[16]), ("4.1", "4.17"));
    /// ```
    pub const ALL: [Self; 17] = [
        Self::UserFault,
        Self::CredentialLeak,
        Self::AttackOnUser,
        Self::DocumentationNotFollowed,
        Self::UserNegligence,
        Self::PlatformControl,
        Self::HarassmentReport,
        Self::RegulatorControl,
        Self::IllegalContent,
        Self::TrafficSurge,
        Self::TrialFeature,
        Self::AnnouncedEvent,
        Self::AnnouncedMaintenance,
        Self::ThirdPartyNetwork,
        Self::ForceMajeure,
        Self::NotAttributable,
        Self::OtherLegal,
    ];

    /// The clause number, `"4.1"` to `"4.17"`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::Exemption;
    ///
    /// assert_eq!(Exemption::UserFault.clause(), "4.1");
    /// assert_eq!(Exemption::OtherLegal.clause(), "4.17");
    /// ```
    #[must_use]
    pub const fn clause(self) -> &'static str {
        match self {
            Self::UserFault => "4.1",
            Self::CredentialLeak => "4.2",
            Self::AttackOnUser => "4.3",
            Self::DocumentationNotFollowed => "4.4",
            Self::UserNegligence => "4.5",
            Self::PlatformControl => "4.6",
            Self::HarassmentReport => "4.7",
            Self::RegulatorControl => "4.8",
            Self::IllegalContent => "4.9",
            Self::TrafficSurge => "4.10",
            Self::TrialFeature => "4.11",
            Self::AnnouncedEvent => "4.12",
            Self::AnnouncedMaintenance => "4.13",
            Self::ThirdPartyNetwork => "4.14",
            Self::ForceMajeure => "4.15",
            Self::NotAttributable => "4.16",
            Self::OtherLegal => "4.17",
        }
    }

    /// Position in [`Exemption::ALL`].
    #[expect(
        clippy::as_conversions,
        reason = "a fieldless enum's discriminant, 0..17"
    )]
    pub(crate) const fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Exemption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::display::padded(f, |f| {
            f.write_str(match self {
                Self::UserFault => "failure attributable to the user",
                Self::CredentialLeak => {
                    "user's data or credentials leaked, or verification views faked"
                }
                Self::AttackOnUser => "attack on the user's application",
                Self::DocumentationNotFollowed => "documentation or requirements not followed",
                Self::UserNegligence => "user's negligence or authorised operation",
                Self::PlatformControl => {
                    "platform control (credit, flow or content-security control)"
                }
                Self::HarassmentReport => "recipient reported harassment",
                Self::RegulatorControl => "regulator or operator control",
                Self::IllegalContent => "illegal content",
                Self::TrafficSurge => "traffic surge without prior notice",
                Self::TrialFeature => "unpublished or trial feature",
                Self::AnnouncedEvent => "announced major event or promotion",
                Self::AnnouncedMaintenance => "announced maintenance",
                Self::ThirdPartyNetwork => "network or equipment not run by the provider",
                Self::ForceMajeure => "force majeure",
                Self::NotAttributable => "cause not attributable to the provider",
                Self::OtherLegal => "other legal or published exemption",
            })
        })
    }
}

impl FromStr for Exemption {
    type Err = Error;

    /// Parses a clause number, `"4.1"` to `"4.17"`, or the exemption as it
    /// displays (`"announced maintenance"`).
    fn from_str(clause: &str) -> Result<Self, Error> {
        Self::ALL
            .into_iter()
            .find(|exemption| exemption.clause() == clause)
            .or_else(|| {
                Self::ALL
                    .into_iter()
                    .find(|exemption| exemption.to_string() == clause)
            })
            .ok_or_else(|| {
                Error::Parse(ParseError::UnknownExemptionClause {
                    clause: clause.to_owned(),
                })
            })
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Exemption {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.clause())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Exemption {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::serde_text::from_text(deserializer, "a clause number from \"4.1\" to \"4.17\"")
    }
}

/// A failure code that no classification table knows ([D15](crate::_documentation::design#d15)), such as an
/// operator status `MK:0000`.
///
/// A code borrows its text from whatever holds it: the document or the
/// [`MessageLog`](crate::tencent::MessageLog) a record came from, or the
/// [`Tally`](crate::traffic::Tally) that lists it. There is no process-wide
/// table: every ledger and tally keeps its own codes by name, so a
/// long-lived service never runs out and one account's codes never reach
/// another's. A code is a `&str` that has been checked, so a
/// [`MessageRecord`](crate::traffic::MessageRecord) that carries one stays
/// small and `Copy`.
///
/// # Examples
///
/// ```
/// use sms_sla::traffic::UnclassifiedCode;
///
/// let code = UnclassifiedCode::new("REJECTD")?;
/// assert_eq!(code.as_str(), "REJECTD");
/// assert_eq!(code, UnclassifiedCode::new(&String::from("REJECTD"))?);
/// assert!(UnclassifiedCode::new("").is_err());
/// # Ok::<(), sms_sla::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnclassifiedCode<'a> {
    /// Ordered alphabetically, so reports list codes in a stable order
    /// whatever order they were first seen in.
    text: &'a str,
}

impl<'a> UnclassifiedCode<'a> {
    /// The longest code accepted, in bytes.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::UnclassifiedCode;
    ///
    /// assert!(UnclassifiedCode::new(&"x".repeat(UnclassifiedCode::MAX_LEN + 1)).is_err());
    /// ```
    pub const MAX_LEN: usize = 64;

    /// The code with this text: 1 to [`UnclassifiedCode::MAX_LEN`] bytes of
    /// printable text (operator codes such as `MK:0000`, or the textual
    /// description a Pull receipt gives instead), without control characters
    /// or surrounding whitespace.
    ///
    /// # Errors
    ///
    /// [`TrafficError::InvalidFailureCode`](crate::error::TrafficError::InvalidFailureCode) when the text is empty, too long, or
    /// holds control characters or surrounding whitespace.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::UnclassifiedCode;
    ///
    /// assert_eq!(UnclassifiedCode::new("DB:0141")?.to_string(), "DB:0141");
    /// let err = UnclassifiedCode::new(" MK:0000").unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "failure code ` MK:0000` is not 1 to 64 bytes of printable text without surrounding spaces",
    /// );
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn new(code: &'a str) -> Result<Self, Error> {
        if Self::is_valid(code) {
            Ok(Self { text: code })
        } else {
            Err(Error::Traffic(TrafficError::InvalidFailureCode {
                code: code.to_owned(),
            }))
        }
    }

    /// Whether `code` is one [`UnclassifiedCode::new`] accepts.
    pub(crate) fn is_valid(code: &str) -> bool {
        let printable = !code.chars().any(char::is_control);
        !code.is_empty() && code.len() <= Self::MAX_LEN && printable && code.trim() == code
    }

    /// A code whose text was checked when it was stored (by
    /// [`UnclassifiedCode::new`] or [`UnclassifiedCode::is_valid`]).
    pub(crate) const fn checked(code: &'a str) -> Self {
        Self { text: code }
    }

    /// The code's text, borrowed from where the code came from.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::traffic::UnclassifiedCode;
    ///
    /// assert_eq!(UnclassifiedCode::new("MK:0000")?.as_str(), "MK:0000");
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'a str {
        self.text
    }
}

impl fmt::Debug for UnclassifiedCode<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("UnclassifiedCode").field(&self.text).finish()
    }
}

impl fmt::Display for UnclassifiedCode<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.text)
    }
}

impl<'a> TryFrom<&'a str> for UnclassifiedCode<'a> {
    type Error = Error;

    fn try_from(code: &'a str) -> Result<Self, Error> {
        Self::new(code)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for UnclassifiedCode<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.text)
    }
}

/// A code borrows its text, so it reads only from input that lends it: a
/// JSON string without escapes read by `from_str` or `from_slice`. Read an
/// owned source (`from_reader`, `from_value`) into a `String` first.
#[cfg(feature = "serde")]
impl<'de: 'a, 'a> serde::Deserialize<'de> for UnclassifiedCode<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <&'a str>::deserialize(deserializer)?;
        Self::new(text).map_err(serde::de::Error::custom)
    }
}

/// The owned text of an [`UnclassifiedCode`], as a tally or a ledger keeps
/// it: checked once when first stored, then lent out as codes.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct CodeText(Box<str>);

impl CodeText {
    /// The stored text of `code`.
    pub(crate) fn of(code: UnclassifiedCode<'_>) -> Self {
        Self(code.as_str().into())
    }

    /// The code this text holds, borrowed from it.
    pub(crate) const fn code(&self) -> UnclassifiedCode<'_> {
        UnclassifiedCode::checked(&self.0)
    }
}

/// Adds `count` failures with `code` to a listing by code, storing the
/// code's text only the first time it is seen: the one way tallies and
/// ledgers list codes.
pub(crate) fn list_code(
    listing: &mut std::collections::BTreeMap<CodeText, u64>,
    code: UnclassifiedCode<'_>,
    count: u64,
) {
    if count == 0 {
        return;
    }
    match listing.get_mut(code.as_str()) {
        Some(counter) => *counter = counter.saturating_add(count),
        None => {
            listing.insert(CodeText::of(code), count);
        }
    }
}

impl core::borrow::Borrow<str> for CodeText {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for CodeText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.code(), f)
    }
}

impl FromStr for CodeText {
    type Err = Error;

    fn from_str(code: &str) -> Result<Self, Error> {
        UnclassifiedCode::new(code).map(Self::of)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for CodeText {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// Stored forms own their codes, so they read from any source.
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for CodeText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::serde_text::from_text(deserializer, "a failure code")
    }
}
