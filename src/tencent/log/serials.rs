//! The messages of a log that have serial numbers: one entry per number,
//! each number held as a [`Key`] beside it, and a table of positions hashed
//! by the number.
//!
//! Tencent's serial numbers (`2433:10000000000000000`: four digits, a
//! colon, up to twenty digits) are packed into one 128-bit integer: half the
//! bytes of their text and its end, compared and hashed as one integer. Any
//! other number is kept as text, side by side with the part's other such
//! numbers in one string. No message costs an allocation of its own (nor a
//! free when the log is dropped), entries sit in the order they were first
//! seen, and the table holds only a position per message: the peer
//! harness's reconcile path and the `reconcile` example's bytes per message
//! (BENCHMARKS.md).

use core::hash::BuildHasher;
use core::ops::Deref;

use hashbrown::{DefaultHashBuilder, HashTable};

/// A serial number as held: packed (bit 127 clear) or the place of its
/// text in the part's string (bit 127 set).
///
/// Packed: bits 0-66 the digits after the colon as a number (below
/// 10^20), bits 67-71 how many digits they are (so leading zeros are
/// kept), bits 72-85 the four digits before the colon. Two numbers are the
/// same text exactly when their packed keys are equal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Key(u128);

/// The most digits after the colon a packed number holds: every number of
/// twenty digits is below 2^67.
const MAX_DIGITS: usize = 20;
const TEXT: u128 = 1 << 127;
const COUNT_SHIFT: u32 = 67;
const PREFIX_SHIFT: u32 = 72;

/// The digits of `text` as a number, if it is 1 to `most` (at most 20)
/// ASCII digits. The first nineteen are read in 64 bits, where they cannot
/// overflow; a twentieth multiplies in 128.
#[inline]
fn digits(text: &[u8], most: usize) -> Option<u128> {
    if text.is_empty() || text.len() > most.min(MAX_DIGITS) {
        return None;
    }
    let (head, last) = match text.split_at_checked(19) {
        Some((head, last)) => (head, last.first()),
        None => (text, None),
    };
    let mut number = 0_u64;
    for &byte in head {
        let digit = byte.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        number = number.wrapping_mul(10).wrapping_add(u64::from(digit));
    }
    match last {
        None => Some(u128::from(number)),
        Some(&byte) => {
            let digit = byte.wrapping_sub(b'0');
            (digit <= 9).then(|| {
                u128::from(number)
                    .wrapping_mul(10)
                    .wrapping_add(u128::from(digit))
            })
        }
    }
}

impl Key {
    /// The packed key of `serial`, when it is of Tencent's form.
    #[inline]
    pub(super) fn packed(serial: &str) -> Option<Self> {
        let bytes = serial.as_bytes();
        let (prefix, rest) = bytes.split_at_checked(4)?;
        let number = rest.strip_prefix(b":")?;
        let prefix = digits(prefix, 4)?;
        let value = digits(number, MAX_DIGITS)?;
        let count = u128::try_from(number.len()).ok()?;
        Some(Self(
            value | (count << COUNT_SHIFT) | (prefix << PREFIX_SHIFT),
        ))
    }

    /// The key's bits mixed into 64, for choosing a log's part: the
    /// same number gives the same part in every log.
    #[inline]
    pub(super) fn mixed(self) -> u64 {
        let low = u64::try_from(self.0 & u128::from(u64::MAX)).unwrap_or(0);
        let high = u64::try_from(self.0 >> 64).unwrap_or(0);
        (low ^ high.rotate_left(32)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }

    /// The key of text at `start`, `length` bytes long, in the part's
    /// string.
    fn text(start: usize, length: usize) -> Option<Self> {
        let start = u128::from(u64::try_from(start).ok()?);
        let length = u128::from(u32::try_from(length).ok()?);
        Some(Self(TEXT | start | (length << 64)))
    }

    /// Where the text of a key made by [`Key::text`] lies; `None` for a
    /// packed key.
    fn span(self) -> Option<(usize, usize)> {
        if self.0 & TEXT == 0 {
            return None;
        }
        let start = usize::try_from(self.0 & u128::from(u64::MAX)).ok()?;
        let length = usize::try_from((self.0 >> 64) & u128::from(u32::MAX)).ok()?;
        Some((start, start.saturating_add(length)))
    }
}

/// A serial number looked up: packed, or as text (when it is not of
/// Tencent's form).
#[derive(Clone, Copy, Debug)]
pub(super) enum Lookup<'s> {
    Packed(Key),
    Text(&'s str),
}

impl<'s> Lookup<'s> {
    /// `serial`, packed when it is of Tencent's form.
    #[inline]
    pub(super) fn of(serial: &'s str) -> Self {
        Key::packed(serial).map_or(Self::Text(serial), Self::Packed)
    }
}

/// A held serial number's text: borrowed, or written out from its packed
/// key.
pub(super) enum SerialText<'a> {
    Borrowed(&'a str),
    Written {
        bytes: [u8; 4 + 1 + MAX_DIGITS],
        length: usize,
    },
}

impl Deref for SerialText<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Self::Borrowed(text) => text,
            // Written from digits and a colon: ASCII.
            Self::Written { bytes, length } => bytes
                .get(..*length)
                .and_then(|bytes| core::str::from_utf8(bytes).ok())
                .unwrap_or_default(),
        }
    }
}

/// The text of packed key `key`.
fn written(key: Key) -> SerialText<'static> {
    let mut bytes = [b'0'; 4 + 1 + MAX_DIGITS];
    let count = usize::try_from((key.0 >> COUNT_SHIFT) & 0x1f).unwrap_or(0);
    let length = count.saturating_add(5);
    let mut prefix = (key.0 >> PREFIX_SHIFT) & 0x3fff;
    let mut value = key.0 & ((1 << COUNT_SHIFT) - 1);
    for slot in bytes.get_mut(..4).into_iter().flatten().rev() {
        *slot = b'0'.wrapping_add(u8::try_from(prefix % 10).unwrap_or(0));
        prefix /= 10;
    }
    if let Some(colon) = bytes.get_mut(4) {
        *colon = b':';
    }
    for slot in bytes.get_mut(5..length).into_iter().flatten().rev() {
        *slot = b'0'.wrapping_add(u8::try_from(value % 10).unwrap_or(0));
        value /= 10;
    }
    SerialText::Written { bytes, length }
}

/// The serial number at `position` of `keys`, whose text keys are places
/// in `text`; empty past the end.
fn serial_of<'a>(keys: &[Key], text: &'a str, position: usize) -> SerialText<'a> {
    match keys.get(position) {
        None => SerialText::Borrowed(""),
        Some(&key) => match key.span() {
            None => written(key),
            Some((start, end)) => SerialText::Borrowed(text.get(start..end).unwrap_or_default()),
        },
    }
}

/// Messages by serial number, stored exactly.
#[derive(Clone)]
pub(super) struct Serials<M> {
    /// Each entry's number, in the entries' order.
    keys: Vec<Key>,
    /// The numbers not of Tencent's form, one after another.
    text: String,
    /// The entries, in the order their numbers were first seen.
    entries: Vec<M>,
    /// Positions in `entries`, hashed by serial number.
    index: HashTable<usize>,
    hasher: DefaultHashBuilder,
}

impl<M> Default for Serials<M> {
    fn default() -> Self {
        Self {
            keys: Vec::new(),
            text: String::new(),
            entries: Vec::new(),
            index: HashTable::new(),
            hasher: DefaultHashBuilder::default(),
        }
    }
}

/// The hash of a number looked up, the same as [`hash_held`] gives it once
/// held.
#[inline]
fn hash_lookup(hasher: &DefaultHashBuilder, lookup: Lookup<'_>) -> u64 {
    match lookup {
        Lookup::Packed(key) => hasher.hash_one(key.0),
        Lookup::Text(text) => hasher.hash_one(text),
    }
}

/// The hash of a held number.
fn hash_held(hasher: &DefaultHashBuilder, text: &str, key: Key) -> u64 {
    match key.span() {
        None => hasher.hash_one(key.0),
        Some((start, end)) => hasher.hash_one(text.get(start..end).unwrap_or_default()),
    }
}

/// Whether held number `key` is `lookup`.
#[inline]
fn is(text: &str, key: Key, lookup: Lookup<'_>) -> bool {
    match lookup {
        Lookup::Packed(packed) => key == packed,
        Lookup::Text(serial) => key
            .span()
            .is_some_and(|(start, end)| text.get(start..end) == Some(serial)),
    }
}

impl<M> Serials<M> {
    /// How many serial numbers are held.
    pub(super) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Room for `entries` more serial numbers, so that adding a document's
    /// entries grows each table once (numbers not of Tencent's form take
    /// text, which grows as they come).
    pub(super) fn reserve(&mut self, entries: usize) {
        let Self {
            keys,
            text,
            entries: held,
            index,
            hasher,
        } = self;
        keys.reserve(entries);
        held.reserve(entries);
        index.reserve(entries, |&position| {
            keys.get(position)
                .map_or(0, |&key| hash_held(hasher, text, key))
        });
    }

    /// The serial number of entry `position`. Every position below `len`
    /// has one; any other is empty.
    fn serial(&self, position: usize) -> SerialText<'_> {
        serial_of(&self.keys, &self.text, position)
    }

    /// The entry of the number looked up, made by `new` if it is not held
    /// yet. A known
    /// number is found without allocating.
    pub(super) fn get_or_insert_with(
        &mut self,
        lookup: Lookup<'_>,
        new: impl FnOnce() -> M,
    ) -> &mut M {
        let hash = hash_lookup(&self.hasher, lookup);
        let Self {
            keys,
            text,
            entries,
            index,
            hasher,
        } = self;
        let found = index.find(hash, |&position| {
            keys.get(position).is_some_and(|&key| is(text, key, lookup))
        });
        let position = if let Some(&position) = found {
            position
        } else {
            let key = match lookup {
                Lookup::Packed(key) => Some(key),
                Lookup::Text(serial) => {
                    let start = text.len();
                    text.push_str(serial);
                    Key::text(start, serial.len())
                }
            };
            // A part's text past 2^64 bytes cannot be: the key always fits.
            let key = key.unwrap_or(Key(TEXT));
            let position = entries.len();
            keys.push(key);
            entries.push(new());
            index.insert_unique(hash, position, |&position| {
                keys.get(position)
                    .map_or(0, |&key| hash_held(hasher, text, key))
            });
            position
        };
        #[expect(
            clippy::indexing_slicing,
            reason = "the index holds only positions of pushed entries, and a new entry was \
                      just pushed at its position"
        )]
        &mut entries[position]
    }

    /// The entry of the number looked up, if held.
    pub(super) fn get(&self, lookup: Lookup<'_>) -> Option<&M> {
        let hash = hash_lookup(&self.hasher, lookup);
        let position = *self.index.find(hash, |&position| {
            self.keys
                .get(position)
                .is_some_and(|&key| is(&self.text, key, lookup))
        })?;
        self.entries.get(position)
    }

    /// Every entry with its serial number, in the order first seen.
    pub(super) fn iter(&self) -> impl ExactSizeIterator<Item = (SerialText<'_>, &M)> + '_ {
        self.entries
            .iter()
            .enumerate()
            .map(|(position, entry)| (self.serial(position), entry))
    }

    /// Hands `each` every entry, owned, with its serial number, in the
    /// order first seen: the part is used up, and nothing is cloned.
    pub(super) fn for_each_owned(self, mut each: impl FnMut(&str, M)) {
        let Self {
            keys,
            text,
            entries,
            ..
        } = self;
        for (position, entry) in entries.into_iter().enumerate() {
            each(&serial_of(&keys, &text, position), entry);
        }
    }

    /// Every entry, in the order first seen.
    pub(super) fn entries(&self) -> impl ExactSizeIterator<Item = &M> + '_ {
        self.entries.iter()
    }

    /// The bytes held on the heap at capacity (entries' own heap data
    /// aside).
    pub(super) fn heap_bytes(&self) -> usize {
        let index = self
            .index
            .capacity()
            .saturating_mul(size_of::<usize>().saturating_add(1));
        self.text
            .capacity()
            .saturating_add(self.keys.capacity().saturating_mul(size_of::<Key>()))
            .saturating_add(self.entries.capacity().saturating_mul(size_of::<M>()))
            .saturating_add(index)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Tencent's form is packed and written back exactly, leading zeros
    /// included; anything else is text.
    #[test]
    fn tencent_s_serial_numbers_are_packed_and_written_back() {
        for serial in [
            "2433:10000000000000000",
            "0000:0",
            "2019:00012",
            "9999:99999999999999999999",
            "2433:18446744073709551616",
        ] {
            let key = Key::packed(serial).expect(serial);
            assert_eq!(&*written(key), serial);
        }
        for serial in [
            "",
            "s1",
            "2433:",
            "243:1",
            "24334:1",
            "2433-1",
            "2433:1a",
            "2433:+1",
            "2433:123456789012345678901",
            "２４３３:1",
            "2433:1 ",
        ] {
            assert_eq!(Key::packed(serial), None, "{serial}");
        }
    }

    proptest! {
        /// Held numbers are found by their text, whatever their form, and
        /// given back as they were given.
        #[test]
        fn numbers_are_found_and_given_back(
            serials in prop::collection::vec("([0-9]{4}:[0-9]{1,21}|[0-9]{3,5}:?[0-9a]{0,3}|)", 0..60),
        ) {
            let mut held: Serials<usize> = Serials::default();
            let mut first = std::collections::HashMap::new();
            for (index, serial) in serials.iter().enumerate() {
                let entry = *held.get_or_insert_with(Lookup::of(serial), || index);
                prop_assert_eq!(entry, *first.entry(serial.clone()).or_insert(index));
            }
            prop_assert_eq!(held.len(), first.len());
            for (serial, &entry) in held.iter() {
                prop_assert_eq!(first.get(&*serial), Some(&entry));
                prop_assert_eq!(held.get(Lookup::of(&serial)), Some(&entry));
            }
        }
    }
}
