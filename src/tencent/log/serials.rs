//! The messages of a log that have serial numbers: one entry per number,
//! each number held as a [`Key`] beside it, and a table of positions hashed
//! by the number.
//!
//! Tencent's serial numbers (`2433:10000000000000000`: four digits, a
//! colon, up to twenty digits) are packed into 12 bytes: half the bytes of
//! their text and its end, compared and hashed as one integer. Any other
//! number is kept as text, side by side with the part's other such numbers
//! in one string. No message costs an allocation of its own (nor a free
//! when the log is dropped), entries sit in the order they were first seen,
//! in chunks that never move once full, and the table holds only a 32-bit
//! position per message: the peer harness's reconcile path and the
//! `reconcile` example's bytes per message (BENCHMARKS.md).

use core::hash::BuildHasher;
use core::ops::Deref;

use hashbrown::{DefaultHashBuilder, HashTable};

/// A serial number as held, in 96 bits (12 bytes, no alignment, so a
/// list of keys has no padding): packed (bit 95 clear) or the place of its
/// text in the part's string (bit 95 set).
///
/// Packed: bits 0-66 the digits after the colon as a number (below
/// 10^20), bits 67-71 how many digits they are (so leading zeros are
/// kept), bits 72-85 the four digits before the colon. Two numbers are the
/// same text exactly when their packed keys are equal. Text: bits 0-62 its
/// start, bits 63-94 its length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Key([u8; 12]);

/// The most digits after the colon a packed number holds: every number of
/// twenty digits is below 2^67.
const MAX_DIGITS: usize = 20;
const TEXT: u128 = 1 << 95;
const LENGTH_SHIFT: u32 = 63;
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
    /// The key of the low 96 bits of `bits`.
    #[inline]
    fn from_bits(bits: u128) -> Self {
        let bytes = bits.to_le_bytes();
        Self(core::array::from_fn(|at| {
            bytes.get(at).copied().unwrap_or(0)
        }))
    }

    /// The key's 96 bits.
    #[inline]
    fn bits(self) -> u128 {
        u128::from_le_bytes(core::array::from_fn(|at| {
            self.0.get(at).copied().unwrap_or(0)
        }))
    }

    /// The packed key of `serial`, when it is of Tencent's form.
    #[inline]
    pub(super) fn packed(serial: &str) -> Option<Self> {
        let bytes = serial.as_bytes();
        let (prefix, rest) = bytes.split_at_checked(4)?;
        let number = rest.strip_prefix(b":")?;
        let prefix = digits(prefix, 4)?;
        let value = digits(number, MAX_DIGITS)?;
        let count = u128::try_from(number.len()).ok()?;
        Some(Self::from_bits(
            value | (count << COUNT_SHIFT) | (prefix << PREFIX_SHIFT),
        ))
    }

    /// The key's bits mixed into 64, for choosing a log's part: the
    /// same number gives the same part in every log.
    #[inline]
    pub(super) fn mixed(self) -> u64 {
        let bits = self.bits();
        let low = u64::try_from(bits & u128::from(u64::MAX)).unwrap_or(0);
        let high = u64::try_from(bits >> 64).unwrap_or(0);
        (low ^ high.rotate_left(32)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }

    /// The key of text at `start` (below 2^63), `length` bytes long, in
    /// the part's string.
    fn text(start: usize, length: usize) -> Option<Self> {
        let start = u128::from(u64::try_from(start).ok()?);
        let length = u128::from(u32::try_from(length).ok()?);
        (start >> LENGTH_SHIFT == 0)
            .then(|| Self::from_bits(TEXT | start | (length << LENGTH_SHIFT)))
    }

    /// Where the text of a key made by [`Key::text`] lies; `None` for a
    /// packed key.
    fn span(self) -> Option<(usize, usize)> {
        let bits = self.bits();
        if bits & TEXT == 0 {
            return None;
        }
        let start = usize::try_from(bits & ((1 << LENGTH_SHIFT) - 1)).ok()?;
        let length = usize::try_from((bits >> LENGTH_SHIFT) & u128::from(u32::MAX)).ok()?;
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
    let bits = key.bits();
    let count = usize::try_from((bits >> COUNT_SHIFT) & 0x1f).unwrap_or(0);
    let length = count.saturating_add(5);
    let mut prefix = u64::try_from((bits >> PREFIX_SHIFT) & 0x3fff).unwrap_or(0);
    // Below 10^20: two halves of ten digits, each in 64 bits, so that a
    // digit costs a 64-bit division (a multiply) rather than a 128-bit one
    // (a call; a quarter of writing a log's state out, `tencent` bench).
    let value = bits & ((1 << COUNT_SHIFT) - 1);
    let mut halves = [
        u64::try_from(value % 10_000_000_000).unwrap_or(0),
        u64::try_from(value / 10_000_000_000).unwrap_or(0),
    ];
    for slot in bytes.get_mut(..4).into_iter().flatten().rev() {
        *slot = b'0'.wrapping_add(u8::try_from(prefix % 10).unwrap_or(0));
        prefix /= 10;
    }
    if let Some(colon) = bytes.get_mut(4) {
        *colon = b':';
    }
    let digits = bytes.get_mut(5..length).into_iter().flatten().rev();
    for (place, slot) in digits.enumerate() {
        if let Some(half) = halves.get_mut(place / 10) {
            *slot = b'0'.wrapping_add(u8::try_from(*half % 10).unwrap_or(0));
            *half /= 10;
        }
    }
    SerialText::Written { bytes, length }
}

/// The text of held number `key`, whose text key is a place in `text`.
fn serial_text(key: Key, text: &str) -> SerialText<'_> {
    match key.span() {
        None => written(key),
        Some((start, end)) => SerialText::Borrowed(text.get(start..end).unwrap_or_default()),
    }
}

/// How many items a full chunk holds: 2^12.
const CHUNK_BITS: u32 = 12;
const CHUNK: usize = 1 << CHUNK_BITS;

/// A list that grows in chunks: its first chunk by doubling up to
/// [`CHUNK`] items, then a chunk of [`CHUNK`] at a time. Nothing is moved
/// once its chunk is full, and a long list leaves at most one chunk's room
/// unused, where a `Vec` grown by doubling leaves up to half (BENCHMARKS.md,
/// bytes a message held). A short list is one `Vec`, with no list of
/// chunks to allocate.
#[derive(Clone, Debug)]
struct Chunks<T> {
    /// The first [`CHUNK`] items.
    first: Vec<T>,
    /// Every further chunk, all full but the last.
    rest: Vec<Vec<T>>,
}

impl<T> Default for Chunks<T> {
    fn default() -> Self {
        Self {
            first: Vec::new(),
            rest: Vec::new(),
        }
    }
}

impl<T> Chunks<T> {
    fn len(&self) -> usize {
        self.rest.last().map_or(self.first.len(), |last| {
            self.rest
                .len()
                .saturating_mul(CHUNK)
                .saturating_add(last.len())
        })
    }

    /// Room for `additional` more items in the first chunk, when the list
    /// is empty (later chunks are made full-sized).
    fn reserve(&mut self, additional: usize) {
        if self.first.capacity() == 0 {
            self.first.reserve_exact(additional.min(CHUNK));
        }
    }

    fn push(&mut self, item: T) {
        if self.rest.is_empty() && self.first.len() < CHUNK {
            let first = &mut self.first;
            if first.len() == first.capacity() {
                let room = first.capacity().saturating_mul(2).clamp(4, CHUNK);
                first.reserve_exact(room.saturating_sub(first.len()));
            }
            first.push(item);
            return;
        }
        match self.rest.last_mut() {
            Some(last) if last.len() < CHUNK => last.push(item),
            _ => {
                let mut chunk = Vec::with_capacity(CHUNK);
                chunk.push(item);
                self.rest.push(chunk);
            }
        }
    }

    #[inline]
    fn get(&self, position: usize) -> Option<&T> {
        match (position >> CHUNK_BITS).checked_sub(1) {
            None => self.first.get(position),
            Some(chunk) => self.rest.get(chunk)?.get(position & (CHUNK - 1)),
        }
    }

    /// The item at `position`, which must be below [`Chunks::len`].
    #[inline]
    #[expect(
        clippy::indexing_slicing,
        reason = "its one caller passes the position of an entry the index holds, or of one \
                  just pushed"
    )]
    fn at_mut(&mut self, position: usize) -> &mut T {
        match (position >> CHUNK_BITS).checked_sub(1) {
            None => &mut self.first[position],
            Some(chunk) => &mut self.rest[chunk][position & (CHUNK - 1)],
        }
    }

    fn iter(&self) -> impl ExactSizeIterator<Item = &T> + '_ {
        Counted {
            items: self.first.iter().chain(self.rest.iter().flatten()),
            left: self.len(),
        }
    }

    fn into_iter(self) -> impl Iterator<Item = T> {
        self.first
            .into_iter()
            .chain(self.rest.into_iter().flatten())
    }

    /// The bytes the chunks hold at capacity.
    fn heap_bytes(&self) -> usize {
        let size = size_of::<T>();
        self.rest.iter().fold(
            self.first
                .capacity()
                .saturating_mul(size)
                .saturating_add(self.rest.capacity().saturating_mul(size_of::<Vec<T>>())),
            |sum, chunk| sum.saturating_add(chunk.capacity().saturating_mul(size)),
        )
    }
}

/// An iterator that knows how many items it has left.
struct Counted<I> {
    items: I,
    left: usize,
}

impl<I: Iterator> Iterator for Counted<I> {
    type Item = I::Item;

    fn next(&mut self) -> Option<I::Item> {
        let item = self.items.next()?;
        self.left = self.left.saturating_sub(1);
        Some(item)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl<I: Iterator> ExactSizeIterator for Counted<I> {}

/// Messages by serial number, stored exactly.
#[derive(Clone)]
pub(super) struct Serials<M> {
    /// Each entry's number, in the entries' order.
    keys: Chunks<Key>,
    /// The numbers not of Tencent's form, one after another.
    text: String,
    /// The entries, in the order their numbers were first seen.
    entries: Chunks<M>,
    /// Positions in `entries`, hashed by serial number: 32 bits each, so a
    /// part holds at most 2^32 numbers (some 150 GB of entries and keys in
    /// that one part of 64).
    index: HashTable<u32>,
    hasher: DefaultHashBuilder,
}

impl<M> Default for Serials<M> {
    fn default() -> Self {
        Self {
            keys: Chunks::default(),
            text: String::new(),
            entries: Chunks::default(),
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
        Lookup::Packed(key) => hasher.hash_one(key.bits()),
        Lookup::Text(text) => hasher.hash_one(text),
    }
}

/// The hash of the number held at `position` (0 past the end).
fn hash_held(hasher: &DefaultHashBuilder, keys: &Chunks<Key>, text: &str, position: u32) -> u64 {
    let Some(&key) = usize::try_from(position)
        .ok()
        .and_then(|position| keys.get(position))
    else {
        return 0;
    };
    match key.span() {
        None => hasher.hash_one(key.bits()),
        Some((start, end)) => hasher.hash_one(text.get(start..end).unwrap_or_default()),
    }
}

/// Whether the number held at `position` is `lookup`.
#[inline]
fn is(keys: &Chunks<Key>, text: &str, position: u32, lookup: Lookup<'_>) -> bool {
    let Some(&key) = usize::try_from(position)
        .ok()
        .and_then(|position| keys.get(position))
    else {
        return false;
    };
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
    /// entries grows the table once (numbers not of Tencent's form take
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
        index.reserve(entries, |&position| hash_held(hasher, keys, text, position));
    }

    /// The entry of the number looked up, made by `new` if it is not held
    /// yet. A known number is found without allocating.
    pub(super) fn get_or_insert_with(
        &mut self,
        lookup: Lookup<'_>,
        new: impl FnOnce() -> M,
    ) -> &mut M {
        self.get_or_make(lookup, new).0
    }

    /// The entry of the number looked up, made by `new` if it is not held
    /// yet, and whether it was made.
    pub(super) fn get_or_make(
        &mut self,
        lookup: Lookup<'_>,
        new: impl FnOnce() -> M,
    ) -> (&mut M, bool) {
        let hash = hash_lookup(&self.hasher, lookup);
        let Self {
            keys,
            text,
            entries,
            index,
            hasher,
        } = self;
        let found = index.find(hash, |&position| is(keys, text, position, lookup));
        let (position, made) = if let Some(&position) = found {
            (position, false)
        } else {
            let Ok(position) = u32::try_from(entries.len()) else {
                // As `Vec` does when memory runs out: 2^32 entries of one
                // part are more than a machine's memory.
                std::alloc::handle_alloc_error(std::alloc::Layout::new::<[M; 2]>())
            };
            let key = match lookup {
                Lookup::Packed(key) => Some(key),
                Lookup::Text(serial) => {
                    let start = text.len();
                    text.push_str(serial);
                    Key::text(start, serial.len())
                }
            };
            // A part's text past 2^63 bytes cannot be: the key always fits.
            let key = key.unwrap_or(Key::from_bits(TEXT));
            keys.push(key);
            entries.push(new());
            index.insert_unique(hash, position, |&position| {
                hash_held(hasher, keys, text, position)
            });
            (position, true)
        };
        let position = usize::try_from(position).unwrap_or(usize::MAX);
        (entries.at_mut(position), made)
    }

    /// The entry of the number looked up, if held.
    pub(super) fn get(&self, lookup: Lookup<'_>) -> Option<&M> {
        let hash = hash_lookup(&self.hasher, lookup);
        let position = *self.index.find(hash, |&position| {
            is(&self.keys, &self.text, position, lookup)
        })?;
        self.entries.get(usize::try_from(position).ok()?)
    }

    /// Every entry with its serial number, in the order first seen.
    pub(super) fn iter(&self) -> impl ExactSizeIterator<Item = (SerialText<'_>, &M)> + '_ {
        Counted {
            items: self
                .keys
                .iter()
                .zip(self.entries.iter())
                .map(|(&key, entry)| (serial_text(key, &self.text), entry)),
            left: self.len(),
        }
    }

    /// Hands `each` every entry, owned, with its serial number as held
    /// (a packed number is not written out as text), in the order first
    /// seen: the part is used up, and nothing is cloned.
    pub(super) fn for_each_owned(self, mut each: impl FnMut(Lookup<'_>, M)) {
        let Self {
            keys,
            text,
            entries,
            ..
        } = self;
        for (key, entry) in keys.into_iter().zip(entries.into_iter()) {
            let serial = match key.span() {
                None => Lookup::Packed(key),
                Some((start, end)) => Lookup::Text(text.get(start..end).unwrap_or_default()),
            };
            each(serial, entry);
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
            .saturating_mul(size_of::<u32>().saturating_add(1));
        self.text
            .capacity()
            .saturating_add(self.keys.heap_bytes())
            .saturating_add(self.entries.heap_bytes())
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

    /// Items are kept in order across chunks, each found at its position,
    /// and a long list leaves at most one chunk unused.
    #[test]
    fn chunks_keep_every_item_in_order() {
        for items in [0, 1, 5, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 5] {
            let mut chunks = Chunks::default();
            chunks.reserve(items.min(10));
            for item in 0..items {
                chunks.push(item);
                assert_eq!(chunks.len(), item + 1);
            }
            assert_eq!(chunks.iter().len(), items);
            assert!(chunks.iter().copied().eq(0..items));
            for item in 0..items {
                assert_eq!(chunks.get(item), Some(&item));
                *chunks.at_mut(item) += 1;
            }
            assert_eq!(chunks.get(items), None);
            let unused = chunks.heap_bytes() / size_of::<usize>() - items;
            assert!(unused <= CHUNK + 16, "{items}: {unused} unused");
            assert!(chunks.into_iter().eq(1..=items));
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
