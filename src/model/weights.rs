//! The weights of a model: for each feature key, a sparse row of `(tag, weight)`.
//!
//! Rows are keyed by 32-bit fingerprints of the feature keys; weights are
//! 8-bit integers sharing one scale (see [`super::Model`]). They are laid out
//! for lookup speed: an open-addressing table whose slots hold a row's
//! fingerprint next to where its entries start, and the entries of each row
//! packed together after the row's length, so that a lookup touches two
//! cache lines, not five. The model file's own layout (sorted keys, separate
//! streams) is written from this one ([`Weights::rows`]).

use super::hash::fingerprint;

/// A slot of the lookup table: the row's key fingerprint in the low 32 bits,
/// one more than the index of its length in `packed` in the high 32 bits;
/// [`EMPTY`] if free. A key's first slot is given by its high bits, so rows
/// added in increasing key order (as model files store them) fill the table
/// from front to back, and a free table is all zeros (fresh memory).
type Slot = u64;

/// A free slot.
const EMPTY: Slot = 0;

/// Sparse rows of quantised weights, looked up by feature key.
#[derive(Clone, Debug, Default)]
pub struct Weights {
    /// Open-addressing table over the rows, see [`Slot`].
    slots: Vec<Slot>,
    /// A key's first slot is `key >> shift`.
    shift: u32,
    /// Each row as its entry count followed by its entries, `tag << 8 | weight as u8`.
    packed: Vec<u16>,
    /// The number of rows.
    rows: usize,
}

/// Per-tag score sums for [`Weights::add_row`]: one per possible tag (tags are `u8`).
pub type TagSums = [i32; 256];

/// Builds [`Weights`] one row at a time.
pub struct WeightsBuilder {
    weights: Weights,
}

impl WeightsBuilder {
    /// A builder for `rows` rows of `entries` entries in all (sizes the table).
    pub fn new(rows: usize, entries: usize) -> Self {
        // At most half full: a key without a row, the common case, is found
        // missing after a probe or two.
        let size = (rows * 2).next_power_of_two().max(16);
        WeightsBuilder {
            weights: Weights {
                slots: vec![EMPTY; size],
                shift: 32 - size.trailing_zeros(),
                packed: Vec::with_capacity(rows + entries),
                rows: 0,
            },
        }
    }

    /// Adds the row of `key` with its `(tag, weight)` entries. Each key once,
    /// and no more rows than the builder was made for.
    pub fn push_row(&mut self, key: u32, entries: impl ExactSizeIterator<Item = (u8, i8)>) {
        let w = &mut self.weights;
        let at = w.packed.len() as u64;
        w.packed.push(entries.len() as u16);
        w.packed
            .extend(entries.map(|(tag, value)| u16::from(tag) << 8 | u16::from(value as u8)));
        let mask = w.slots.len() - 1;
        let mut slot = w.home(key);
        while w.slots[slot] != EMPTY {
            slot = (slot + 1) & mask;
        }
        w.slots[slot] = (at + 1) << 32 | u64::from(key);
        w.rows += 1;
    }

    /// The weights built.
    pub fn finish(self) -> Weights {
        self.weights
    }
}

impl Weights {
    /// Weights from rows given as parallel arrays: the key of each row, one
    /// past its last entry, and each entry's tag and weight. Keys are unique.
    pub fn new(keys: Vec<u32>, row_ends: Vec<u32>, tags: Vec<u8>, values: Vec<i8>) -> Self {
        let mut builder = WeightsBuilder::new(keys.len(), tags.len());
        let mut start = 0;
        for (&key, &end) in keys.iter().zip(&row_ends) {
            let end = end as usize;
            builder.push_row(
                key,
                tags[start..end]
                    .iter()
                    .copied()
                    .zip(values[start..end].iter().copied()),
            );
            start = end;
        }
        builder.finish()
    }

    /// Every row as its key and `(tag, weight)` entries, in increasing key order.
    pub fn rows(&self) -> Vec<(u32, Vec<(u8, i8)>)> {
        let mut rows: Vec<(u32, Vec<(u8, i8)>)> = self
            .slots
            .iter()
            .filter(|&&slot| slot != EMPTY)
            .map(|&slot| {
                let entries = self.row_at((slot >> 32) as usize - 1);
                let entries = entries.iter().map(|&e| ((e >> 8) as u8, e as u8 as i8));
                (slot as u32, entries.collect())
            })
            .collect();
        rows.sort_unstable_by_key(|&(key, _)| key);
        rows
    }

    /// The number of rows.
    pub fn row_count(&self) -> usize {
        self.rows
    }

    /// The number of weights in all rows.
    pub fn entry_count(&self) -> usize {
        self.packed.len() - self.rows
    }

    /// The first slot to look at for a key with fingerprint `key`.
    #[inline]
    fn home(&self, key: u32) -> usize {
        key.checked_shr(self.shift).unwrap_or(0) as usize
    }

    /// Where `key`'s row starts in `packed`, if the model has one.
    #[inline]
    fn row_start(&self, key: u64) -> Option<usize> {
        let key = fingerprint(key);
        let mask = self.slots.len().wrapping_sub(1);
        let mut slot = self.home(key);
        while let Some(&entry) = self.slots.get(slot) {
            if entry == EMPTY {
                break;
            }
            if entry as u32 == key {
                return Some((entry >> 32) as usize - 1);
            }
            slot = (slot + 1) & mask;
        }
        None
    }

    /// The packed entries of the row starting at `at` in `packed`.
    #[inline]
    fn row_at(&self, at: usize) -> &[u16] {
        let len = usize::from(self.packed[at]);
        &self.packed[at + 1..at + 1 + len]
    }

    /// The packed entries of `key`'s row (empty if the model has none).
    #[inline]
    fn packed_row(&self, key: u64) -> &[u16] {
        self.row_start(key).map_or(&[], |at| self.row_at(at))
    }

    /// Finds where the rows of `keys` start (`u32::MAX` for none), asking
    /// the processor for the table slots a few keys ahead (the first few
    /// before any lookup).
    pub fn row_starts(&self, keys: &[u64], out: &mut Vec<u32>) {
        const AHEAD: usize = 12;
        out.clear();
        for &key in keys.iter().take(AHEAD) {
            prefetch(
                self.slots
                    .as_ptr()
                    .wrapping_add(self.home(fingerprint(key))),
            );
        }
        for (j, &key) in keys.iter().enumerate() {
            if let Some(&ahead) = keys.get(j + AHEAD) {
                prefetch(
                    self.slots
                        .as_ptr()
                        .wrapping_add(self.home(fingerprint(ahead))),
                );
            }
            let start = self.row_start(key).map_or(u32::MAX, |at| at as u32);
            if start != u32::MAX {
                prefetch(self.packed.as_ptr().wrapping_add(start as usize));
            }
            out.push(start);
        }
    }

    /// Adds the rows starting at `starts` (from [`Weights::row_starts`]) to `sums`.
    #[inline]
    pub fn add_rows_at(&self, starts: &[u32], sums: &mut TagSums) {
        for &start in starts {
            if start != u32::MAX {
                for &entry in self.row_at(start as usize) {
                    sums[usize::from(entry >> 8)] += i32::from(entry as u8 as i8);
                }
            }
        }
    }

    /// Adds the weights of `key`'s row, if any, to `sums` (every tag fits).
    #[inline]
    pub fn add_row(&self, key: u64, sums: &mut TagSums) {
        for &entry in self.packed_row(key) {
            sums[usize::from(entry >> 8)] += i32::from(entry as u8 as i8);
        }
    }
}

/// Groups of feature keys (the features of one token, of one word in one
/// place...) whose weight sums are wanted, gathered so that all their rows
/// are looked up together ([`Weights::row_starts`]).
#[derive(Default)]
pub struct KeyGroups {
    keys: Vec<u64>,
    /// Where each group's keys end in `keys`.
    ends: Vec<usize>,
    /// Where the row of each key starts.
    starts: Vec<u32>,
    /// Scratch sums for one group.
    sums: Option<Box<TagSums>>,
}

impl KeyGroups {
    /// Adds a group: the keys `add` appends.
    #[inline]
    pub fn push_group(&mut self, add: impl FnOnce(&mut Vec<u64>)) {
        add(&mut self.keys);
        self.ends.push(self.keys.len());
    }

    /// Calls `each` with the `tag_count` weight sums of every group, in the
    /// order they were added, then empties the groups.
    pub fn sum(&mut self, weights: &Weights, tag_count: usize, mut each: impl FnMut(&[i32])) {
        weights.row_starts(&self.keys, &mut self.starts);
        let sums = self.sums.get_or_insert_with(|| Box::new([0; 256]));
        let mut start = 0;
        for &end in &self.ends {
            sums[..tag_count].fill(0);
            weights.add_rows_at(&self.starts[start..end], sums);
            each(&sums[..tag_count]);
            start = end;
        }
        self.keys.clear();
        self.ends.clear();
    }
}

/// Asks the processor to load the cache line at `p` (x86-64 only; elsewhere nothing).
#[inline(always)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint that never faults, whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch(p.cast::<i8>(), std::arch::x86_64::_MM_HINT_T0);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

impl PartialEq for Weights {
    /// The same rows, however they are laid out.
    fn eq(&self, other: &Self) -> bool {
        self.rows == other.rows && self.rows() == other.rows()
    }
}
