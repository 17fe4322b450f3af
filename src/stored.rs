//! The format version of the stored forms (tallies, ledgers, ledger
//! builders, assessors and assessments): written with every one, checked
//! when one is read back.

/// The format this version writes. Format 1 is the form written before
/// formats were numbered (no `format` field); it still reads.
#[cfg_attr(
    not(feature = "serde"),
    expect(dead_code, reason = "read and written only with serde")
)]
pub(crate) const CURRENT: u32 = 2;

/// The `format` field of a stored form: always written as [`CURRENT`];
/// read as any format from 1 to [`CURRENT`], and as 1 when missing.
/// The number read is checked and not kept: formats differ only in ways
/// the forms' readers recognise by shape.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct Format;

impl Format {
    /// The format this version writes.
    pub(crate) const CURRENT: Self = Self;
}

#[cfg(feature = "serde")]
impl serde::Serialize for Format {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u32(CURRENT)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Format {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let format = u32::deserialize(deserializer)?;
        if (1..=CURRENT).contains(&format) {
            Ok(Self)
        } else {
            Err(serde::de::Error::custom(crate::error::Error::Stored(
                crate::error::StoredError::UnknownStoredFormat {
                    format,
                    newest: CURRENT,
                },
            )))
        }
    }
}

/// Whether a count is 0 (not written).
#[cfg(feature = "serde")]
#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
pub(crate) const fn is_zero(count: &u64) -> bool {
    *count == 0
}
