//! Errors of stored forms read back (feature `serde`).

/// Errors of stored forms read back (feature `serde`).
///
/// A variant of [`Error::Stored`](super::Error::Stored); its message is the
/// [`Error`](super::Error)'s.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum StoredError {
    /// A stored form (a tally, ledger, ledger builder, assessor or
    /// assessment) written in a format this version does not know: a newer
    /// one, or 0.
    #[error("stored form is in format {format}; this version reads formats 1 to {newest}")]
    #[non_exhaustive]
    UnknownStoredFormat {
        /// The format found.
        format: u32,
        /// The newest format this version reads.
        newest: u32,
    },

    /// A stored form (a message log, an assessor) whose parts disagree
    /// with each other or with the rules: it was not written by this
    /// library, or was changed since.
    #[error("invalid stored {form}: {reason}")]
    #[non_exhaustive]
    InvalidStoredForm {
        /// The form: `message log`, `assessor`.
        form: &'static str,
        /// What is wrong.
        reason: String,
    },

    /// A serialized compensation whose figures disagree with each other.
    #[error("inconsistent compensation: {reason}")]
    #[non_exhaustive]
    InconsistentCompensation {
        /// What disagrees.
        reason: &'static str,
    },

    /// A serialized partial tally that does not describe its term.
    #[error("invalid partial tally: {reason}")]
    #[non_exhaustive]
    InvalidPartialTally {
        /// What is wrong.
        reason: String,
    },
}
