//! Errors of text that names no value of the type asked for.

/// Errors of text that names no value of the type asked for.
///
/// A variant of [`Error::Parse`](super::Error::Parse); its message is the
/// [`Error`](super::Error)'s.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// A text that does not read as the value asked for: a [`Term`](crate::Term)
    /// (`2025-01-01 to 2025-12-31`, `2025-01-01..2025-12-31` or
    /// `2025-01-01+12`), a [`ServiceMonth`](crate::ServiceMonth) or
    /// [`Money`](crate::Money) (`0.045 CNY`).
    #[error("cannot read `{text}` as {what}: expected {expected}")]
    #[non_exhaustive]
    Unreadable {
        /// What was being read: `a term`, `a service month`, `money`.
        what: &'static str,
        /// The text given.
        text: String,
        /// The forms accepted.
        expected: &'static str,
    },

    /// A text that is not the snake-case name of a §1.4 reason was given
    /// for an invalid number.
    #[error("unknown invalid-number reason `{name}`: expected a §1.4 reason such as `powered_off`")]
    #[non_exhaustive]
    UnknownInvalidReason {
        /// The text given.
        name: String,
    },

    /// A text that is not a §4 clause number was given for an exemption.
    #[error("unknown exemption clause `{clause}`: the agreement's exemptions are 4.1 to 4.17")]
    #[non_exhaustive]
    UnknownExemptionClause {
        /// The text given.
        clause: String,
    },

    /// Text that names no [`EntryKind`](crate::tencent::EntryKind).
    #[error("`{text}` is not an entry kind")]
    #[non_exhaustive]
    UnknownEntryKind {
        /// The text given (at most 64 bytes of it).
        text: String,
    },

    /// Text that names no [`CodeClass`](crate::tencent::CodeClass).
    #[error("`{text}` is not a code class")]
    #[non_exhaustive]
    UnknownCodeClass {
        /// The text given (at most 64 bytes of it).
        text: String,
    },
}
