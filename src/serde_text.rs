//! Reading types that serialize as text through their `FromStr`, from any
//! serde data source: borrowed, transient or owned strings alike (a
//! `from_reader` or `from_value` source, or a JSON string with escapes,
//! never lends a `&str`).

use core::fmt;
use core::marker::PhantomData;
use core::str::FromStr;

/// Deserializes a `T` from a string through `T::from_str`, naming
/// `expecting` when the input is not a string.
pub(crate) fn from_text<'de, D, T>(deserializer: D, expecting: &'static str) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: FromStr,
    T::Err: fmt::Display,
{
    deserializer.deserialize_str(TextVisitor {
        expecting,
        target: PhantomData,
    })
}

struct TextVisitor<T> {
    expecting: &'static str,
    target: PhantomData<fn() -> T>,
}

impl<T> serde::de::Visitor<'_> for TextVisitor<T>
where
    T: FromStr,
    T::Err: fmt::Display,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    /// Every string reaches here: serde's `visit_borrowed_str` and
    /// `visit_string` forward to `visit_str` by default.
    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<T, E> {
        text.parse().map_err(E::custom)
    }
}
