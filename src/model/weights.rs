//! The weights of a model: for each feature key, a sparse row of `(tag, weight)`.
//!
//! Rows are keyed by 32-bit fingerprints of the feature keys; weights are
//! 8-bit integers sharing one scale (see [`super::Model`]). Each row's tags
//! and weights stay as the model file stores them, in two streams (every
//! tag, then every weight, rows in increasing key order), so that a model
//! built into the program is used where it lies, with nothing decoded or
//! copied. Loading builds only a lookup table: open addressing, at most half
//! full, each slot holding a row's key fingerprint next to where its entries
//! are, so that a lookup touches one cache line of the table and then the
//! row's tags and weights. (Model files store the keys by bucket, the top 16
//! bits once per bucket as a row count and the low 16 bits per row: smaller
//! than the keys themselves, and read without decoding.)

use super::hash::fingerprint;
use std::borrow::Cow;
use std::fmt;

/// A key's bucket in a model file is its top bits: `key >> BUCKET_SHIFT`.
const BUCKET_SHIFT: u32 = 16;
/// The number of buckets (a model file stores how many rows each has).
pub const BUCKETS: usize = 1 << (32 - BUCKET_SHIFT);

/// The bucket of a key in a model file: its top 16 bits.
pub fn bucket(key: u32) -> usize {
    (key >> BUCKET_SHIFT) as usize
}

/// A row's place among the entries: `start << 8 | (length - 1)`.
type Span = u32;

/// The most entries a model may have (where a row starts is kept in 24 bits).
pub const MAX_ENTRIES: usize = 1 << 24;

/// A slot of the lookup table: one more than the row's [`Span`] in the high
/// 32 bits, its key in the low 32 bits; [`EMPTY`] if free. A key's first slot
/// is given by its high bits.
type Slot = u64;

/// A free slot.
const EMPTY: Slot = 0;

/// Sparse rows of quantised weights, looked up by feature key.
#[derive(Clone)]
pub struct Weights {
    /// Open-addressing table over the rows, see [`Slot`].
    slots: Vec<Slot>,
    /// A key's first slot is `key >> shift`.
    shift: u32,
    /// The number of rows.
    rows: usize,
    /// The tag of every entry.
    tags: Cow<'static, [u8]>,
    /// The weight of every entry (`i8` as `u8`).
    values: Cow<'static, [u8]>,
}

/// Per-tag score sums for [`Weights::add_row`]: one per possible tag (tags
/// are `u8`, so any tag a row holds has its slot).
pub type TagSums = [i32; 256];

/// The rows of a model file, as [`Weights::from_stored`] reads them.
pub struct StoredRows<'s> {
    /// How many rows each bucket (keys' top bits) has: [`BUCKETS`] 16-bit
    /// little-endian counts.
    pub bucket_rows: &'s [u8],
    /// The low 16 bits of each row's key, little-endian, increasing within a bucket.
    pub low_keys: &'s [u8],
    /// Each row's entry count less one.
    pub lengths: &'s [u8],
}

impl Default for Weights {
    fn default() -> Self {
        Weights::with_rows(0)
    }
}

impl fmt::Debug for Weights {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Weights")
            .field("rows", &self.row_count())
            .field("entries", &self.entry_count())
            .finish()
    }
}

impl Weights {
    /// An empty table for `rows` rows: at most half full, so that a key
    /// without a row, the common case, is found missing after a probe or two.
    fn with_rows(rows: usize) -> Weights {
        let size = (rows * 2).next_power_of_two().max(16);
        Weights {
            slots: vec![EMPTY; size],
            shift: 32 - size.trailing_zeros(),
            rows: 0,
            tags: Cow::Borrowed(&[]),
            values: Cow::Borrowed(&[]),
        }
    }

    /// Weights from rows given as parallel arrays: the key of each row, one
    /// past its last entry, and each entry's tag and weight. Rows may come in
    /// any order; rows without entries are left out. Refused, with what is
    /// wrong: a key twice, a row whose tags do not strictly increase, more
    /// than [`MAX_ENTRIES`] entries, or more than `u16::MAX` rows whose keys
    /// share their top 16 bits (what a model file can hold).
    pub fn new(
        keys: Vec<u32>,
        row_ends: Vec<u32>,
        tags: Vec<u8>,
        values: Vec<i8>,
    ) -> Result<Self, &'static str> {
        if tags.len() > MAX_ENTRIES {
            return Err("too many weights");
        }
        let mut spans: Vec<(u32, usize, usize)> = Vec::with_capacity(keys.len());
        let mut start = 0;
        for (&key, &end) in keys.iter().zip(&row_ends) {
            let end = end as usize;
            if end < start || end > tags.len() || end > values.len() {
                return Err("weight rows do not add up");
            }
            if end > start {
                spans.push((key, start, end));
            }
            start = end;
        }
        spans.sort_unstable_by_key(|&(key, _, _)| key);
        let mut weights = Weights::with_rows(spans.len());
        let mut sorted_tags = Vec::with_capacity(tags.len());
        let mut sorted_values = Vec::with_capacity(values.len());
        let mut bucket_rows = (usize::MAX, 0u32);
        for (i, &(key, start, end)) in spans.iter().enumerate() {
            if i > 0 && spans[i - 1].0 == key {
                return Err("a weight key twice");
            }
            if !strictly_increasing(&tags[start..end]) {
                return Err("weight tags not increasing within a row");
            }
            bucket_rows = match bucket_rows {
                (b, n) if b == bucket(key) => (b, n + 1),
                _ => (bucket(key), 1),
            };
            if bucket_rows.1 > u32::from(u16::MAX) {
                return Err("too many weight rows with the same top key bits");
            }
            weights.insert(key, sorted_tags.len(), end - start);
            sorted_tags.extend_from_slice(&tags[start..end]);
            sorted_values.extend(values[start..end].iter().map(|&v| v as u8));
        }
        weights.tags = Cow::Owned(sorted_tags);
        weights.values = Cow::Owned(sorted_values);
        Ok(weights)
    }

    /// Weights from a model file's rows and its tag and weight streams,
    /// checking that they agree: the buckets hold every row, keys increase,
    /// the lengths add up to the streams' length (at most [`MAX_ENTRIES`])
    /// and every tag is below `tag_count`. (Tags strictly increase within a
    /// row as [`Weights::new`] writes them; that order is not checked here.)
    pub fn from_stored(
        stored: StoredRows,
        tags: Cow<'static, [u8]>,
        values: Cow<'static, [u8]>,
        tag_count: usize,
    ) -> Result<Weights, &'static str> {
        let row_count = stored.lengths.len();
        if stored.bucket_rows.len() != 2 * BUCKETS
            || stored.low_keys.len() != 2 * row_count
            || tags.len() != values.len()
        {
            return Err("weight rows do not add up");
        }
        if tags.len() > MAX_ENTRIES {
            return Err("too many weights");
        }
        let mut weights = Weights::with_rows(row_count);
        let mut row = 0;
        let mut at = 0;
        for (bucket, count) in stored.bucket_rows.chunks_exact(2).enumerate() {
            let end = row + usize::from(u16::from_le_bytes([count[0], count[1]]));
            if end > row_count {
                return Err("weight rows do not add up");
            }
            let mut previous = None;
            for (low, &length) in stored.low_keys[2 * row..2 * end]
                .chunks_exact(2)
                .zip(&stored.lengths[row..end])
            {
                let low = u16::from_le_bytes([low[0], low[1]]);
                if previous.is_some_and(|p| p >= low) {
                    return Err("weight keys not strictly increasing");
                }
                previous = Some(low);
                let last = at + usize::from(length);
                if last >= tags.len() {
                    return Err("weight rows do not add up");
                }
                let key = (bucket as u32) << BUCKET_SHIFT | u32::from(low);
                weights.insert(key, at, usize::from(length) + 1);
                at = last + 1;
            }
            row = end;
        }
        if row != row_count || at != tags.len() {
            return Err("weight rows do not add up");
        }
        // Every tag, in one pass: what keeps the score sums of tags the model
        // does not have untouched (the order within a row, which only the
        // writer keeps, changes scores, not safety).
        if tags.iter().any(|&tag| usize::from(tag) >= tag_count) {
            return Err("weight for a tag the model does not have");
        }
        weights.tags = tags;
        weights.values = values;
        Ok(weights)
    }

    /// Adds the row of `key` (not in the table yet) with `length` entries
    /// from `start`.
    fn insert(&mut self, key: u32, start: usize, length: usize) {
        let span = (start as u32) << 8 | (length - 1) as u32;
        let mask = self.slots.len() - 1;
        let mut slot = self.home(key);
        while self.slots[slot] != EMPTY {
            slot = (slot + 1) & mask;
        }
        self.slots[slot] = (u64::from(span) + 1) << 32 | u64::from(key);
        self.rows += 1;
    }

    /// The tag of every entry, rows in increasing key order.
    pub fn tags(&self) -> &[u8] {
        &self.tags
    }

    /// The weight of every entry (`i8` as `u8`), rows in increasing key order.
    pub fn values(&self) -> &[u8] {
        &self.values
    }

    /// Every row's key and [`Span`], in increasing key order.
    fn spans(&self) -> Vec<(u32, Span)> {
        let mut spans: Vec<(u32, Span)> = self
            .slots
            .iter()
            .filter(|&&slot| slot != EMPTY)
            .map(|&slot| (slot as u32, ((slot >> 32) - 1) as Span))
            .collect();
        spans.sort_unstable_by_key(|&(key, _)| key);
        spans
    }

    /// Every row's key and entry count, in increasing key order.
    pub fn key_lengths(&self) -> Vec<(u32, usize)> {
        let spans = self.spans();
        spans
            .into_iter()
            .map(|(key, span)| (key, (span & 0xff) as usize + 1))
            .collect()
    }

    /// Every row as its key and `(tag, weight)` entries, in increasing key order.
    pub fn rows(&self) -> Vec<(u32, Vec<(u8, i8)>)> {
        self.spans()
            .into_iter()
            .map(|(key, span)| {
                let (tags, values) = self.row(span);
                let entries = tags.iter().zip(values).map(|(&t, &v)| (t, v as i8));
                (key, entries.collect())
            })
            .collect()
    }

    /// The number of rows.
    pub fn row_count(&self) -> usize {
        self.rows
    }

    /// The number of weights in all rows.
    pub fn entry_count(&self) -> usize {
        self.tags.len()
    }

    /// The first slot to look at for a key with fingerprint `key`.
    #[inline]
    fn home(&self, key: u32) -> usize {
        key.checked_shr(self.shift).unwrap_or(0) as usize
    }

    /// The span of `key`'s row, if the model has one.
    #[inline]
    fn span(&self, key: u64) -> Option<Span> {
        let key = fingerprint(key);
        let mask = self.slots.len().wrapping_sub(1);
        let mut slot = self.home(key);
        while let Some(&entry) = self.slots.get(slot) {
            if entry == EMPTY {
                break;
            }
            if entry as u32 == key {
                return Some(((entry >> 32) - 1) as Span);
            }
            slot = (slot + 1) & mask;
        }
        None
    }

    /// The tags and weights of the row at `span`.
    #[inline]
    fn row(&self, span: Span) -> (&[u8], &[u8]) {
        let start = (span >> 8) as usize;
        let end = start + (span & 0xff) as usize + 1;
        (&self.tags[start..end], &self.values[start..end])
    }

    /// Adds the weights of the row at `span` to `sums`.
    #[inline]
    fn add_span(&self, span: Span, sums: &mut TagSums) {
        let (tags, values) = self.row(span);
        for (&tag, &value) in tags.iter().zip(values) {
            sums[usize::from(tag)] += i32::from(value as i8);
        }
    }

    /// Finds the row of each of `keys`, as its span (`u32::MAX` for none), asking the processor
    /// for the table slots a few keys ahead (the first few before any lookup).
    pub fn row_spans(&self, keys: &[u64], out: &mut Vec<u32>) {
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
            let span = self.span(key).unwrap_or(u32::MAX);
            if span != u32::MAX {
                let start = (span >> 8) as usize;
                prefetch(self.tags.as_ptr().wrapping_add(start));
                prefetch(self.values.as_ptr().wrapping_add(start));
            }
            out.push(span);
        }
    }

    /// Adds the rows found by [`Weights::row_spans`] to `sums`.
    #[inline]
    pub fn add_rows_at(&self, spans: &[u32], sums: &mut TagSums) {
        for &span in spans {
            if span != u32::MAX {
                self.add_span(span, sums);
            }
        }
    }

    /// Adds the weights of `key`'s row, if any, to `sums` (every tag fits).
    #[inline]
    pub fn add_row(&self, key: u64, sums: &mut TagSums) {
        if let Some(span) = self.span(key) {
            self.add_span(span, sums);
        }
    }
}

/// Whether each tag is greater than the one before it.
fn strictly_increasing(tags: &[u8]) -> bool {
    tags.windows(2).all(|pair| pair[0] < pair[1])
}

/// Groups of feature keys (the features of one token, of one word in one
/// place...) whose weight sums are wanted, gathered so that all their rows
/// are looked up together ([`Weights::row_spans`]).
#[derive(Default)]
pub struct KeyGroups {
    keys: Vec<u64>,
    /// Where each group's keys end in `keys`.
    ends: Vec<usize>,
    /// The row of each key, as [`Weights::row_spans`] finds it.
    spans: Vec<u32>,
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
        weights.row_spans(&self.keys, &mut self.spans);
        let sums = self.sums.get_or_insert_with(|| Box::new([0; 256]));
        let mut start = 0;
        for &end in &self.ends {
            sums[..tag_count].fill(0);
            weights.add_rows_at(&self.spans[start..end], sums);
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
    /// The same rows (whether borrowed or owned).
    fn eq(&self, other: &Self) -> bool {
        self.spans() == other.spans() && self.tags == other.tags && self.values == other.values
    }
}
