//! The messages of a log that have serial numbers: one entry per number,
//! the numbers' text side by side in one string, and a table of positions
//! hashed by that text.
//!
//! Compared with a map from boxed strings, no message costs an allocation
//! of its own (nor a free when the log is dropped), entries sit in the
//! order they were first seen, and the table holds only a position per
//! message: the peer harness's reconcile path and the `reconcile` example's
//! bytes per message (BENCHMARKS.md).

use core::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

/// Messages by serial number, stored exactly.
#[derive(Clone)]
pub(super) struct Serials<M> {
    /// Every serial number, one after another.
    text: String,
    /// Where each entry's number ends in `text`; it starts where the
    /// previous one ends.
    ends: Vec<usize>,
    /// The entries, in the order their numbers were first seen.
    entries: Vec<M>,
    /// Positions in `entries`, hashed by serial number.
    index: HashTable<usize>,
    hasher: DefaultHashBuilder,
}

impl<M> Default for Serials<M> {
    fn default() -> Self {
        Self {
            text: String::new(),
            ends: Vec::new(),
            entries: Vec::new(),
            index: HashTable::new(),
            hasher: DefaultHashBuilder::default(),
        }
    }
}

impl<M> Serials<M> {
    /// How many serial numbers are held.
    pub(super) fn len(&self) -> usize {
        self.entries.len()
    }

    /// How many serial numbers are held, and their bytes.
    pub(super) fn size(&self) -> (usize, usize) {
        (self.entries.len(), self.text.len())
    }

    /// Room for `entries` more serial numbers of `bytes` bytes in all, so
    /// that adding a document's entries grows each table once.
    pub(super) fn reserve(&mut self, entries: usize, bytes: usize) {
        let Self {
            text,
            ends,
            entries: held,
            index,
            hasher,
        } = self;
        text.reserve(bytes);
        ends.reserve(entries);
        held.reserve(entries);
        index.reserve(entries, |&position| {
            hasher.hash_one(serial_in(text, ends, position))
        });
    }

    /// The serial number of entry `position`. Every position below `len`
    /// has one; any other is empty.
    fn serial(&self, position: usize) -> &str {
        serial_in(&self.text, &self.ends, position)
    }

    /// The entry of `serial`, made by `new` if it is not held yet. A known
    /// number is found without allocating.
    pub(super) fn get_or_insert_with(&mut self, serial: &str, new: impl FnOnce() -> M) -> &mut M {
        let hash = self.hasher.hash_one(serial);
        let Self {
            text,
            ends,
            entries,
            index,
            hasher,
        } = self;
        let found = index.find(hash, |&position| serial_in(text, ends, position) == serial);
        let position = if let Some(&position) = found {
            position
        } else {
            let position = entries.len();
            text.push_str(serial);
            ends.push(text.len());
            entries.push(new());
            index.insert_unique(hash, position, |&position| {
                hasher.hash_one(serial_in(text, ends, position))
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

    /// The entry of `serial`, if held.
    pub(super) fn get(&self, serial: &str) -> Option<&M> {
        let hash = self.hasher.hash_one(serial);
        let position = *self
            .index
            .find(hash, |&position| self.serial(position) == serial)?;
        self.entries.get(position)
    }

    /// Every entry with its serial number, in the order first seen.
    pub(super) fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &M)> + '_ {
        self.entries
            .iter()
            .enumerate()
            .map(|(position, entry)| (self.serial(position), entry))
    }

    /// Hands `each` every entry, owned, with its serial number, in the
    /// order first seen: the part is used up, and nothing is cloned.
    pub(super) fn for_each_owned(self, mut each: impl FnMut(&str, M)) {
        let Self {
            text,
            ends,
            entries,
            ..
        } = self;
        for (position, entry) in entries.into_iter().enumerate() {
            each(serial_in(&text, &ends, position), entry);
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
            .saturating_add(self.ends.capacity().saturating_mul(size_of::<usize>()))
            .saturating_add(self.entries.capacity().saturating_mul(size_of::<M>()))
            .saturating_add(index)
    }
}

/// The serial number at `position`, given where each ends in `text`.
fn serial_in<'t>(text: &'t str, ends: &[usize], position: usize) -> &'t str {
    let start = position
        .checked_sub(1)
        .and_then(|previous| ends.get(previous))
        .copied()
        .unwrap_or(0);
    let end = ends.get(position).copied().unwrap_or(start);
    // Each number was pushed whole: its span is on character boundaries.
    text.get(start..end).unwrap_or_default()
}
