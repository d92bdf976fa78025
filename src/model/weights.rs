//! The weights of a model: for each feature key, a sparse row of `(tag, weight)`.
//!
//! Rows are found through an open-addressing table built when the model is
//! loaded; weights are 8-bit integers sharing one scale (see [`super::Model`]).
//! Rows are keyed by 32-bit fingerprints of the feature keys.

use super::hash::fingerprint;

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
    /// Open-addressing table: row index plus one per slot, 0 for empty.
    slots: Vec<u32>,
}

impl Weights {
    /// Weights from rows in any order; builds the lookup table.
    pub fn new(keys: Vec<u32>, row_ends: Vec<u32>, tags: Vec<u8>, values: Vec<i8>) -> Self {
        let mut weights = Weights {
            keys,
            row_ends,
            tags,
            values,
            slots: Vec::new(),
        };
        weights.build_table();
        weights
    }

    fn build_table(&mut self) {
        let size = (self.keys.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![0u32; size];
        let mask = size - 1;
        for (row, &key) in self.keys.iter().enumerate() {
            let mut slot = key as usize & mask;
            while slots[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            slots[slot] = row as u32 + 1;
        }
        self.slots = slots;
    }

    /// The row index of `key`, if the model has a row for it.
    #[inline]
    pub fn find(&self, key: u64) -> Option<usize> {
        let key = fingerprint(key);
        let mask = self.slots.len().checked_sub(1)?;
        let mut slot = key as usize & mask;
        loop {
            let row = self.slots[slot];
            if row == 0 {
                return None;
            }
            let row = row as usize - 1;
            if self.keys[row] == key {
                return Some(row);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Adds the weights of `key`'s row, if any, to `scores` (one per tag).
    #[inline]
    pub fn add_to(&self, key: u64, scores: &mut [i32]) {
        let Some(row) = self.find(key) else {
            return;
        };
        let start = if row == 0 {
            0
        } else {
            self.row_ends[row - 1] as usize
        };
        let end = self.row_ends[row] as usize;
        for (&tag, &value) in self.tags[start..end].iter().zip(&self.values[start..end]) {
            if let Some(score) = scores.get_mut(usize::from(tag)) {
                *score += i32::from(value);
            }
        }
    }

    /// The number of rows.
    pub fn rows(&self) -> usize {
        self.keys.len()
    }
}
