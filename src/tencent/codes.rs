//! Tencent's status and error codes, classified ([D5](crate::_documentation::design#d5), [D15](crate::_documentation::design#d15)).

use hashbrown::HashMap;

use crate::error::ParseError;
use crate::traffic::{Exemption, InvalidReason};
use CodeClass::{Delivered, Exempt, InvalidNumber, ProviderSide, Submitted};
use Exemption::{DocumentationNotFollowed, PlatformControl, RegulatorControl, UserFault};
use InvalidReason::{Blocklisted, NonExistent, OutOfCoverage, PoweredOff, Suspended};

/// What a Tencent code says about a message.
///
/// # Examples
///
/// ```
/// use sms_sla::tencent::{CodeClass, CodeTable};
/// use sms_sla::traffic::{Exemption, InvalidReason};
///
/// let table = CodeTable::tencent_default();
/// assert_eq!(table.classify("DELIVRD"), Some(CodeClass::Delivered));
/// assert_eq!(table.classify("MK:0001"), Some(CodeClass::InvalidNumber(InvalidReason::NonExistent)));
/// assert_eq!(table.classify("LimitExceeded.PhoneNumberDailyLimit"), Some(CodeClass::Exempt(Exemption::PlatformControl)));
/// assert_eq!(table.classify("REJECTD"), None); // unmapped: an Apparent Failure by default (D15)
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CodeClass {
    /// Delivered to the handset.
    Delivered,
    /// Accepted for sending (SendSms `Ok`): the final status comes later,
    /// from a receipt.
    Submitted,
    /// The recipient is not a Valid Number (§1.4), for this reason.
    InvalidNumber(InvalidReason),
    /// A failure exempt under a §4 clause.
    Exempt(Exemption),
    /// A failure attributable to the provider (§1.2).
    ProviderSide,
}

/// Tencent codes and the class of each, with prefix rules for code
/// families (`FailedOperation.Template*`).
///
/// [`CodeTable::tencent_default`] is the project's classification of the
/// codes Tencent documents (receipts' operator codes and SendSms error
/// codes); [`CodeTable::with`] and [`CodeTable::with_prefix`] extend or
/// override it. A code the table does not know is unclassified: an Apparent
/// Failure by default, listed for review ([D15](crate::_documentation::design#d15)). Looking a code up
/// allocates nothing.
///
/// # Examples
///
/// ```
/// use sms_sla::tencent::{CodeClass, CodeTable};
/// use sms_sla::traffic::Exemption;
///
/// let table = CodeTable::tencent_default().with("REJECTD", CodeClass::Exempt(Exemption::RegulatorControl));
/// assert_eq!(table.classify("REJECTD"), Some(CodeClass::Exempt(Exemption::RegulatorControl)));
/// assert_eq!(table.classify("FailedOperation.TemplateIncorrectOrUnapproved"), Some(CodeClass::Exempt(Exemption::UserFault)));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CodeTable {
    exact: HashMap<Box<str>, CodeClass>,
    /// Longest prefix first.
    prefixes: Vec<(Box<str>, CodeClass)>,
}

impl CodeTable {
    /// A table that knows no codes.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::tencent::CodeTable;
    ///
    /// assert_eq!(CodeTable::empty().classify("DELIVRD"), None);
    /// ```
    #[must_use]
    pub fn empty() -> Self {
        Self::default()
    }

    /// The project's classification of Tencent's documented codes.
    ///
    /// Receipt (`errmsg`) codes: `DELIVRD` delivered; `-106` (operator
    /// keyword interception) and `IB:0008` (operator flow control) exempt
    /// under §4.8; `002` powered off or unreachable, `EXPIRED` out of
    /// coverage, `MK:0010`/`MK:0023` powered off (§1.4(2)); `UNDELIV`,
    /// `MK:0005`, `MK:0013`, `DB:0102` suspended, `MK:0001`, `DB:0101`
    /// non-existent (§1.4(1)); `DB:0144`, `DBBLACK`, `MBBLACK` blocklisted
    /// (§1.4(3)). `REJECTD` and `MK:0000` are ambiguous and left unmapped.
    ///
    /// SendSms codes: `Ok` submitted; blocklisted and malformed numbers
    /// invalid; frequency, daily and rate limits, sensitive words and credit
    /// control exempt under §4.6; marketing-time and permission rules under
    /// §4.4; signature, template and parameter errors, clock skew and bad
    /// signatures under §4.1; `InternalError.Timeout` and the other
    /// provider-side internal errors Apparent Failures.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::tencent::{CodeClass, CodeTable};
    ///
    /// let table = CodeTable::tencent_default();
    /// assert_eq!(table.classify("Ok"), Some(CodeClass::Submitted));
    /// assert_eq!(table.classify("InternalError.Timeout"), Some(CodeClass::ProviderSide));
    /// ```
    #[must_use]
    pub fn tencent_default() -> Self {
        let table = DEFAULT_CODES
            .iter()
            .fold(Self::empty(), |table, &(code, class)| {
                table.with(code, class)
            });
        DEFAULT_PREFIXES
            .iter()
            .fold(table, |table, &(prefix, class)| {
                table.with_prefix(prefix, class)
            })
    }

    /// The same table with `code` classified as `class` (replacing any
    /// earlier entry for it).
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::tencent::{CodeClass, CodeTable};
    ///
    /// let table = CodeTable::empty().with("MK:0000", CodeClass::ProviderSide);
    /// assert_eq!(table.classify("MK:0000"), Some(CodeClass::ProviderSide));
    /// ```
    #[must_use]
    pub fn with(mut self, code: &str, class: CodeClass) -> Self {
        self.exact.insert(code.into(), class);
        self
    }

    /// The same table with every code starting with `prefix` classified as
    /// `class`, unless an exact entry or a longer prefix says otherwise.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::tencent::{CodeClass, CodeTable};
    ///
    /// let table = CodeTable::empty().with_prefix("InternalError.", CodeClass::ProviderSide);
    /// assert_eq!(table.classify("InternalError.Anything"), Some(CodeClass::ProviderSide));
    /// ```
    #[must_use]
    pub fn with_prefix(mut self, prefix: &str, class: CodeClass) -> Self {
        self.prefixes.retain(|(existing, _)| &**existing != prefix);
        self.prefixes.push((prefix.into(), class));
        self.prefixes
            .sort_by(|(a, _), (b, _)| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        self
    }

    /// The class of `code`, or `None` if the table does not know it.
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::tencent::CodeTable;
    ///
    /// assert_eq!(CodeTable::tencent_default().classify("MK:0000"), None);
    /// ```
    #[must_use]
    pub fn classify(&self, code: &str) -> Option<CodeClass> {
        self.exact.get(code).copied().or_else(|| {
            self.prefixes
                .iter()
                .find(|(prefix, _)| code.starts_with(&**prefix))
                .map(|&(_, class)| class)
        })
    }
}

/// The default exact codes: see [`CodeTable::tencent_default`].
const DEFAULT_CODES: &[(&str, CodeClass)] = &[
    // Receipt errmsg (operator status codes).
    ("DELIVRD", Delivered),
    ("-106", Exempt(RegulatorControl)),
    ("IB:0008", Exempt(RegulatorControl)),
    ("002", InvalidNumber(PoweredOff)),
    ("EXPIRED", InvalidNumber(OutOfCoverage)),
    ("MK:0010", InvalidNumber(PoweredOff)),
    ("MK:0023", InvalidNumber(PoweredOff)),
    ("UNDELIV", InvalidNumber(Suspended)),
    ("MK:0005", InvalidNumber(Suspended)),
    ("MK:0013", InvalidNumber(Suspended)),
    ("DB:0102", InvalidNumber(Suspended)),
    ("MK:0001", InvalidNumber(NonExistent)),
    ("DB:0101", InvalidNumber(NonExistent)),
    ("DB:0144", InvalidNumber(Blocklisted)),
    ("DBBLACK", InvalidNumber(Blocklisted)),
    ("MBBLACK", InvalidNumber(Blocklisted)),
    // SendSms Code.
    ("Ok", Submitted),
    (
        "FailedOperation.PhoneNumberInBlacklist",
        InvalidNumber(Blocklisted),
    ),
    (
        "InvalidParameterValue.IncorrectPhoneNumber",
        InvalidNumber(NonExistent),
    ),
    (
        "FailedOperation.PhoneNumberParseFail",
        InvalidNumber(NonExistent),
    ),
    (
        "LimitExceeded.PhoneNumberDailyLimit",
        Exempt(PlatformControl),
    ),
    (
        "LimitExceeded.PhoneNumberOneHourLimit",
        Exempt(PlatformControl),
    ),
    (
        "LimitExceeded.PhoneNumberThirtySecondLimit",
        Exempt(PlatformControl),
    ),
    (
        "LimitExceeded.PhoneNumberSameContentDailyLimit",
        Exempt(PlatformControl),
    ),
    (
        "LimitExceeded.DeliveryFrequencyLimit",
        Exempt(PlatformControl),
    ),
    ("LimitExceeded.AppDailyLimit", Exempt(PlatformControl)),
    (
        "LimitExceeded.AppMainlandChinaDailyLimit",
        Exempt(PlatformControl),
    ),
    ("LimitExceeded.AppGlobalDailyLimit", Exempt(PlatformControl)),
    (
        "LimitExceeded.AppCountryOrRegionDailyLimit",
        Exempt(PlatformControl),
    ),
    (
        "LimitExceeded.AppCountryOrRegionInBlacklist",
        Exempt(PlatformControl),
    ),
    ("LimitExceeded.DailyLimit", Exempt(PlatformControl)),
    (
        "LimitExceeded.GlobalSmsSendingRateLimit",
        Exempt(PlatformControl),
    ),
    (
        "FailedOperation.ContainSensitiveWord",
        Exempt(PlatformControl),
    ),
    ("InvalidParameter.DirtyWordFound", Exempt(PlatformControl)),
    (
        "FailedOperation.InsufficientBalanceInSmsPackage",
        Exempt(PlatformControl),
    ),
    (
        "UnauthorizedOperation.ServiceSuspendDueToArrears",
        Exempt(PlatformControl),
    ),
    (
        "FailedOperation.MarketingSendTimeConstraint",
        Exempt(DocumentationNotFollowed),
    ),
    (
        "UnauthorizedOperation.IndividualUserMarketingSmsPermissionDeny",
        Exempt(DocumentationNotFollowed),
    ),
    (
        "FailedOperation.TemplateParamSetNotMatchApprovedTemplate",
        Exempt(UserFault),
    ),
    ("FailedOperation.FailResolvePacket", Exempt(UserFault)),
    ("FailedOperation.JsonParseFail", Exempt(UserFault)),
    (
        "InvalidParameterValue.ContentLengthLimit",
        Exempt(UserFault),
    ),
    (
        "InvalidParameterValue.TemplateParameterFormatError",
        Exempt(UserFault),
    ),
    (
        "InvalidParameterValue.TemplateParameterLengthLimit",
        Exempt(UserFault),
    ),
    (
        "InvalidParameterValue.ProhibitedUseUrlInTemplateParameter",
        Exempt(UserFault),
    ),
    ("InvalidParameterValue.SdkAppIdNotExist", Exempt(UserFault)),
    ("LimitExceeded.PhoneNumberCountLimit", Exempt(UserFault)),
    ("MissingParameter.EmptyPhoneNumberSet", Exempt(UserFault)),
    (
        "UnauthorizedOperation.RequestIpNotInWhitelist",
        Exempt(UserFault),
    ),
    (
        "UnauthorizedOperation.SmsSdkAppIdVerifyFail",
        Exempt(UserFault),
    ),
    ("InternalError.RequestTimeException", Exempt(UserFault)),
    ("InternalError.SigFieldMissing", Exempt(UserFault)),
    ("InternalError.SigVerificationFail", Exempt(UserFault)),
    ("InternalError.RestApiInterfaceNotExist", Exempt(UserFault)),
    ("InternalError.Timeout", ProviderSide),
    ("InternalError.SendAndRecvFail", ProviderSide),
    ("InternalError.OtherError", ProviderSide),
    ("InternalError.UnknownError", ProviderSide),
    ("InternalError.ParseBackendResponseFail", ProviderSide),
    ("InternalError.JsonParseFail", ProviderSide),
];
/// The default code families: see [`CodeTable::tencent_default`].
const DEFAULT_PREFIXES: &[(&str, CodeClass)] = &[
    ("FailedOperation.Signature", Exempt(UserFault)),
    ("FailedOperation.Template", Exempt(UserFault)),
    ("UnsupportedOperation.", Exempt(UserFault)),
];

impl CodeClass {
    /// The class's stable name in stored forms: `delivered`, `submitted`,
    /// `provider_side`, `invalid:<reason>` (as
    /// [`InvalidReason::name`]) or `exempt:<clause>` (`exempt:4.6`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sms_sla::tencent::CodeClass;
    /// use sms_sla::traffic::{Exemption, InvalidReason};
    ///
    /// assert_eq!(CodeClass::Exempt(Exemption::PlatformControl).name(), "exempt:4.6");
    /// assert_eq!("invalid:powered_off".parse(), Ok(CodeClass::InvalidNumber(InvalidReason::PoweredOff)));
    /// assert_eq!("lost".parse::<CodeClass>().unwrap_err().to_string(), "`lost` is not a code class");
    /// ```
    #[must_use]
    pub fn name(self) -> String {
        match self {
            Delivered => "delivered".to_owned(),
            Submitted => "submitted".to_owned(),
            ProviderSide => "provider_side".to_owned(),
            InvalidNumber(reason) => format!("invalid:{}", reason.name()),
            Exempt(exemption) => format!("exempt:{}", exemption.clause()),
        }
    }
}

impl core::str::FromStr for CodeClass {
    type Err = crate::error::Error;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let unknown = || {
            crate::error::Error::Parse(ParseError::UnknownCodeClass {
                text: super::read::quote(text),
            })
        };
        match text {
            "delivered" => Ok(Delivered),
            "submitted" => Ok(Submitted),
            "provider_side" => Ok(ProviderSide),
            _ => match text.split_once(':') {
                Some(("invalid", reason)) => {
                    reason.parse().map(InvalidNumber).map_err(|_| unknown())
                }
                Some(("exempt", clause)) => clause.parse().map(Exempt).map_err(|_| unknown()),
                _ => Err(unknown()),
            },
        }
    }
}

/// A code table's stored form: every exact code and every prefix with its
/// class's name, each list in code order, so one table always writes the
/// same text.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct TableWire {
    exact: Vec<(String, String)>,
    prefixes: Vec<(String, String)>,
}

impl serde::Serialize for CodeTable {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut exact: Vec<(String, String)> = self
            .exact
            .iter()
            .map(|(code, class)| (code.to_string(), class.name()))
            .collect();
        exact.sort_unstable();
        let mut prefixes: Vec<(String, String)> = self
            .prefixes
            .iter()
            .map(|(prefix, class)| (prefix.to_string(), class.name()))
            .collect();
        prefixes.sort_unstable();
        TableWire { exact, prefixes }.serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for CodeTable {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;

        let wire = TableWire::deserialize(deserializer)?;
        let mut table = Self::empty();
        for (code, class) in wire.exact {
            if table.exact.contains_key(code.as_str()) {
                return Err(D::Error::custom(format!("code `{code}` is given twice")));
            }
            table = table.with(&code, class.parse().map_err(D::Error::custom)?);
        }
        for (prefix, class) in wire.prefixes {
            if table.prefixes.iter().any(|(known, _)| **known == *prefix) {
                return Err(D::Error::custom(format!(
                    "prefix `{prefix}` is given twice"
                )));
            }
            table = table.with_prefix(&prefix, class.parse().map_err(D::Error::custom)?);
        }
        Ok(table)
    }
}
