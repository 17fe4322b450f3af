//! Lenient JSON objects: known fields read as borrowed strings or numbers,
//! anything unexpected noted rather than failing the whole document.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// One field's value, as found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Value<'a> {
    /// A string borrowed from the input (no escapes in it).
    Str(&'a str),
    /// A string with escapes, decoded.
    Decoded(Box<str>),
    Unsigned(u64),
    /// Any other JSON type, by name (`"a negative number"`, `"an object"`).
    Other(&'static str),
}

impl Value<'_> {
    /// The JSON type, for messages.
    pub(super) fn kind(&self) -> &'static str {
        match self {
            Self::Str(_) | Self::Decoded(_) => "a string",
            Self::Unsigned(_) => "a number",
            Self::Other(kind) => kind,
        }
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Value<'de>, E> {
        Ok(Value::Str(text))
    }

    fn visit_str<E>(self, text: &str) -> Result<Value<'de>, E> {
        Ok(Value::Decoded(text.into()))
    }

    fn visit_string<E>(self, text: String) -> Result<Value<'de>, E> {
        Ok(Value::Decoded(text.into_boxed_str()))
    }

    fn visit_u64<E>(self, number: u64) -> Result<Value<'de>, E> {
        Ok(Value::Unsigned(number))
    }

    fn visit_i64<E>(self, number: i64) -> Result<Value<'de>, E> {
        Ok(u64::try_from(number).map_or(Value::Other("a negative number"), Value::Unsigned))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Value<'de>, E> {
        Ok(Value::Other("a fractional number"))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Value<'de>, E> {
        Ok(Value::Other("a boolean"))
    }

    fn visit_unit<E>(self) -> Result<Value<'de>, E> {
        Ok(Value::Other("null"))
    }

    fn visit_none<E>(self) -> Result<Value<'de>, E> {
        Ok(Value::Other("null"))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value<'de>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Value::Other("an object"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Value::Other("an array"))
    }
}

/// An object's known fields, by position in `names`.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Fields<'a, const N: usize> {
    pub(super) values: [Option<Value<'a>>; N],
    /// The first known field given twice, if any.
    pub(super) repeated: Option<&'static str>,
}

/// The names of an object's known fields, and a fast look-up from a key to
/// its position (a `match`, which compiles to length-and-byte tests rather
/// than one comparison per name).
#[derive(Clone, Copy)]
pub(super) struct Schema<const N: usize> {
    pub(super) names: &'static [&'static str; N],
    pub(super) position: fn(&str) -> Option<usize>,
}

/// Reads one array element or NDJSON line as [`Fields`]: `Err(kind)` when
/// it is not an object at all.
pub(super) struct FieldsSeed<const N: usize> {
    pub(super) schema: Schema<N>,
}

impl<'de, const N: usize> DeserializeSeed<'de> for FieldsSeed<N> {
    type Value = Result<Fields<'de, N>, &'static str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(FieldsVisitor {
            schema: self.schema,
        })
    }
}

struct FieldsVisitor<const N: usize> {
    schema: Schema<N>,
}

impl<'de, const N: usize> Visitor<'de> for FieldsVisitor<N> {
    type Value = Result<Fields<'de, N>, &'static str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut fields = Fields {
            values: [const { None }; N],
            repeated: None,
        };
        while let Some(position) = map.next_key_seed(KeySeed {
            position: self.schema.position,
        })? {
            match position.and_then(|index| {
                fields
                    .values
                    .get_mut(index)
                    .zip(self.schema.names.get(index))
            }) {
                Some((slot, name)) => {
                    let value = map.next_value_seed(ValueSeed)?;
                    if slot.replace(value).is_some() && fields.repeated.is_none() {
                        fields.repeated = Some(name);
                    }
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Ok(fields))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Err("an array"))
    }

    fn visit_borrowed_str<E>(self, _: &'de str) -> Result<Self::Value, E> {
        Ok(Err("a string"))
    }

    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Err("a string"))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Err("a boolean"))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Err("null"))
    }
}

struct ValueSeed;

impl<'de> DeserializeSeed<'de> for ValueSeed {
    type Value = Value<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value<'de>, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

/// A key's position among the known names, or `None` for a key to skip;
/// no allocation, escaped keys included.
struct KeySeed {
    position: fn(&str) -> Option<usize>,
}

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<usize>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E>(self, key: &str) -> Result<Option<usize>, E> {
        Ok((self.position)(key))
    }
}
