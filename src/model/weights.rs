//! The weights of a model: for each feature key, a sparse row of `(tag, weight)`.
//!
//! Rows are keyed by 32-bit fingerprints of the feature keys; weights are
//! 8-bit integers sharing one scale (see [`super::Model`]). For tagging, the
//! rows are also laid out for lookup speed when the model is loaded: an
//! open-addressing table whose slots hold a row's fingerprint next to where
//! its entries start, and the entries of each row packed together after the
//! row's length, so that a lookup touches two cache lines, not five.

use super::hash::fingerprint;

/// A slot of the lookup table: the row's key fingerprint in the low 32 bits,
/// the index of its length in `packed` in the high 32 bits; [`EMPTY`] if free.
type Slot = u64;

/// A free slot.
const EMPTY: Slot = u64::MAX;

/// Sparse rows of quantised weights, looked up by feature key.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Weights {
    /// The key fingerprint of each row, in increasing order.
    pub keys: Vec<u32>,
    /// One past the last entry of each row.
    pub row_ends: Vec<u32>,
    /// The tag of each entry.
    pub tags: Vec<u8>,
    /// The weight of each entry.
    pub values: Vec<i8>,
    /// Open-addressing table over the rows, see [`Slot`].
    slots: Vec<Slot>,
    /// Each row as its entry count followed by its entries, `tag << 8 | weight as u8`.
    packed: Vec<u16>,
}

/// Per-tag score sums for [`Weights::add_row`]: one per possible tag (tags are `u8`).
pub type TagSums = [i32; 256];

impl Weights {
    /// Weights from rows in any order; builds the lookup table.
    pub fn new(keys: Vec<u32>, row_ends: Vec<u32>, tags: Vec<u8>, values: Vec<i8>) -> Self {
        let mut weights = Weights {
            keys,
            row_ends,
            tags,
            values,
            slots: Vec::new(),
            packed: Vec::new(),
        };
        weights.build_table();
        weights
    }

    fn build_table(&mut self) {
        let size = (self.keys.len() * 2).next_power_of_two().max(16);
        let mask = size - 1;
        let mut slots = vec![EMPTY; size];
        let mut packed = Vec::with_capacity(self.tags.len() + self.keys.len());
        for (row, &key) in self.keys.iter().enumerate() {
            let (start, end) = self.row_range(row);
            let at = packed.len() as u64;
            packed.push((end - start) as u16);
            packed.extend(
                self.tags[start..end]
                    .iter()
                    .zip(&self.values[start..end])
                    .map(|(&tag, &value)| u16::from(tag) << 8 | u16::from(value as u8)),
            );
            let mut slot = key as usize & mask;
            while slots[slot] != EMPTY {
                slot = (slot + 1) & mask;
            }
            slots[slot] = at << 32 | u64::from(key);
        }
        self.slots = slots;
        self.packed = packed;
    }

    /// The entries `start..end` of row `row`.
    fn row_range(&self, row: usize) -> (usize, usize) {
        let start = if row == 0 {
            0
        } else {
            self.row_ends[row - 1] as usize
        };
        (start, self.row_ends[row] as usize)
    }

    /// The row index of `key`, if the model has a row for it.
    pub fn find(&self, key: u64) -> Option<usize> {
        self.keys.binary_search(&fingerprint(key)).ok()
    }

    /// Where `key`'s row starts in `packed`, if the model has one.
    #[inline]
    fn row_start(&self, key: u64) -> Option<usize> {
        let key = fingerprint(key);
        let mask = self.slots.len().wrapping_sub(1);
        let mut slot = key as usize & mask;
        while let Some(&entry) = self.slots.get(slot) {
            if entry == EMPTY {
                break;
            }
            if entry as u32 == key {
                return Some((entry >> 32) as usize);
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
    /// the processor for the table slots a few keys ahead.
    pub fn row_starts(&self, keys: &[u64], out: &mut Vec<u32>) {
        const AHEAD: usize = 12;
        let mask = self.slots.len().wrapping_sub(1);
        out.clear();
        for (j, &key) in keys.iter().enumerate() {
            if let Some(&ahead) = keys.get(j + AHEAD) {
                prefetch(
                    self.slots
                        .as_ptr()
                        .wrapping_add(fingerprint(ahead) as usize & mask),
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

    /// Adds the weights of `key`'s row, if any, to `scores` (one per tag).
    #[inline]
    pub fn add_to(&self, key: u64, scores: &mut [i32]) {
        for &entry in self.packed_row(key) {
            if let Some(score) = scores.get_mut(usize::from(entry >> 8)) {
                *score += i32::from(entry as u8 as i8);
            }
        }
    }

    /// Adds the weights of `key`'s row, if any, to `sums`; the fast form of
    /// [`Weights::add_to`] for the tagger (no bounds checks: every tag fits).
    #[inline]
    pub fn add_row(&self, key: u64, sums: &mut TagSums) {
        for &entry in self.packed_row(key) {
            sums[usize::from(entry >> 8)] += i32::from(entry as u8 as i8);
        }
    }

    /// The number of rows.
    pub fn rows(&self) -> usize {
        self.keys.len()
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
