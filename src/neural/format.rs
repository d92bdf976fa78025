//! The neural model file: a versioned, checksummed layout in the family of
//! the linear model's (see [`crate::model::format`]), written by
//! `scripts/neural/export.py`.
//!
//! All numbers are little-endian; a string is a `u32` byte length and UTF-8.
//!
//! ```text
//! magic "NERHLNNM" · u32 format version · u32 input version · u64 body length
//! body:
//!   name, description · u32 label count, labels
//!   base model name · u64 base model checksum (the last 8 bytes of its file)
//!   u32 hidden units per direction · u32 tag count (1 + 4 · labels)
//!   u32 slot count; per slot: u32 rows, u32 width
//!   u32 vocabulary size; its keys, u64 each, strictly increasing
//!   per slot: rows · width i8 values, then rows f32 scales (value = i8 · scale)
//!   8-bit matrices (rows · width i8 values, then rows f32 scales): input
//!     weights [2 · in][4 · hidden], recurrent weights [2 · hidden][4 ·
//!     hidden], output weights [2 · hidden][tags]; `in` is the sum of the
//!     slots' widths plus the match bits
//!   f32 arrays: biases [2][4 · hidden], output biases [tags], transition
//!     scores [tags][tags] (previous tag, next tag; zeros for a model
//!     trained without them)
//! u64 checksum of everything before it
//! ```
//!
//! Gates are in the order input, forget, cell, output.

use super::inputs::{Vocabulary, INPUT_VERSION, MATCH_BITS, SLOTS, TABLE_ROWS, WORD_SLOT};
use crate::label::Label;
use crate::model::format::{put_labels, put_str, put_u32, put_u64, sealed, unseal, Reader};
use crate::model::tags::tag_count;
use crate::model::ModelError;

/// The first bytes of every neural model file.
pub const MAGIC: &[u8; 8] = b"NERHLNNM";
/// The version of the layout above.
pub const FORMAT_VERSION: u32 = 1;
/// The most LSTM units per direction a file may have.
pub const MAX_HIDDEN: usize = 512;

/// An embedding table of 8-bit values with a scale per row.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Values per row.
    pub width: usize,
    /// `rows · width` values, row by row.
    pub values: Vec<i8>,
    /// One scale per row.
    pub scales: Vec<f32>,
}

impl Table {
    /// Rows of the table.
    pub fn rows(&self) -> usize {
        self.scales.len()
    }

    /// Writes row `row` (which must exist) into `out` (`width` long).
    #[inline]
    pub fn write_row(&self, row: usize, out: &mut [f32]) {
        let scale = self.scales[row];
        let values = &self.values[row * self.width..(row + 1) * self.width];
        for (o, &v) in out.iter_mut().zip(values) {
            *o = f32::from(v) * scale;
        }
    }
}

/// Everything a neural model file holds.
#[derive(Clone, Debug, PartialEq)]
pub struct NeuralParts {
    /// Short name, such as `news-lg`.
    pub name: String,
    /// Free text: training data, licence terms, scores.
    pub description: String,
    /// The labels, in tag order (see [`crate::model::tags`]).
    pub labels: Vec<Label>,
    /// Name of the linear model whose gazetteer, clusters and truecasing the inputs read.
    pub base_name: String,
    /// Checksum of that model's file.
    pub base_checksum: u64,
    /// LSTM units per direction.
    pub hidden: usize,
    /// Rows of pretrained vectors, by word.
    pub vocabulary: Vocabulary,
    /// One embedding table per slot.
    pub tables: Vec<Table>,
    /// Input weights of both directions: `[2][in][4 · hidden]`.
    pub w_in: Vec<f32>,
    /// Recurrent weights of both directions: `[2][hidden][4 · hidden]`.
    pub w_h: Vec<f32>,
    /// Gate biases of both directions: `[2][4 · hidden]`.
    pub bias: Vec<f32>,
    /// Output weights: `[2 · hidden][tags]`.
    pub w_out: Vec<f32>,
    /// Output biases: `[tags]`.
    pub b_out: Vec<f32>,
    /// Transition scores: `[tags][tags]`, previous tag first.
    pub transitions: Vec<f32>,
}

impl NeuralParts {
    /// The width of a token's input vector: the tables' widths and the match bits.
    pub fn input_width(&self) -> usize {
        self.tables.iter().map(|t| t.width).sum::<usize>() + MATCH_BITS
    }

    /// The number of tags.
    pub fn tag_count(&self) -> usize {
        tag_count(self.labels.len())
    }
}

/// Writes `parts` as neural model file bytes (the trainer's exporter writes
/// the same in Python; this one serves the tests).
pub fn write(parts: &NeuralParts) -> Vec<u8> {
    let mut body = Vec::new();
    put_str(&mut body, &parts.name);
    put_str(&mut body, &parts.description);
    put_labels(&mut body, &parts.labels);
    put_str(&mut body, &parts.base_name);
    put_u64(&mut body, parts.base_checksum);
    put_u32(&mut body, parts.hidden as u32);
    put_u32(&mut body, parts.tag_count() as u32);
    put_u32(&mut body, parts.tables.len() as u32);
    for table in &parts.tables {
        put_u32(&mut body, table.rows() as u32);
        put_u32(&mut body, table.width as u32);
    }
    put_u32(&mut body, parts.vocabulary.len() as u32);
    for key in parts.vocabulary.keys() {
        put_u64(&mut body, *key);
    }
    for table in &parts.tables {
        body.extend(table.values.iter().map(|&v| v as u8));
        put_f32s(&mut body, &table.scales);
    }
    let gate_width = 4 * parts.hidden;
    for (matrix, width) in [
        (&parts.w_in, gate_width),
        (&parts.w_h, gate_width),
        (&parts.w_out, parts.tag_count()),
    ] {
        let (values, scales) = quantise_rows(matrix, width);
        body.extend(values.iter().map(|&v| v as u8));
        put_f32s(&mut body, &scales);
    }
    for array in [&parts.bias, &parts.b_out, &parts.transitions] {
        put_f32s(&mut body, array);
    }
    sealed(MAGIC, FORMAT_VERSION, INPUT_VERSION, &body)
}

/// Reads and validates neural model file bytes.
pub fn read(bytes: &[u8]) -> Result<NeuralParts, ModelError> {
    let (input_version, mut r) = unseal(bytes, MAGIC, FORMAT_VERSION..=FORMAT_VERSION)?;
    if input_version != INPUT_VERSION {
        return Err(ModelError::FeatureMismatch {
            found: input_version,
            supported: INPUT_VERSION,
        });
    }
    let name = r.string()?;
    let description = r.string()?;
    let labels = r.labels()?;
    if labels.is_empty() {
        return Err(ModelError::Corrupt("label count"));
    }
    let base_name = r.string()?;
    let base_checksum = r.u64()?;
    let hidden = r.u32()? as usize;
    if !(1..=MAX_HIDDEN).contains(&hidden) {
        return Err(ModelError::Corrupt("hidden units"));
    }
    if r.u32()? as usize != tag_count(labels.len()) {
        return Err(ModelError::Corrupt("tag count"));
    }
    if r.u32()? as usize != SLOTS {
        return Err(ModelError::Corrupt("slot count"));
    }
    let mut shapes = Vec::with_capacity(SLOTS);
    for _ in 0..SLOTS {
        let rows = r.u32()? as usize;
        let width = r.u32()? as usize;
        if width == 0 || width > 1024 {
            return Err(ModelError::Corrupt("embedding width"));
        }
        shapes.push((rows, width));
    }
    let vocabulary_len = r.u32()? as usize;
    let keys = r.take(vocabulary_len.checked_mul(8).ok_or(ModelError::Truncated)?)?;
    let keys = keys
        .chunks_exact(8)
        .map(|k| u64::from_le_bytes(k.try_into().expect("8 bytes")))
        .collect();
    let vocabulary =
        Vocabulary::from_sorted(keys).ok_or(ModelError::Corrupt("vocabulary order"))?;
    for (slot, &(rows, _)) in shapes.iter().enumerate() {
        let expected = if slot == WORD_SLOT {
            vocabulary.len() + 1
        } else {
            TABLE_ROWS[slot] as usize
        };
        if rows != expected {
            return Err(ModelError::Corrupt("embedding rows"));
        }
    }
    let mut tables = Vec::with_capacity(SLOTS);
    for &(rows, width) in &shapes {
        let size = rows.checked_mul(width).ok_or(ModelError::Truncated)?;
        let values = r.take(size)?.iter().map(|&b| b as i8).collect();
        let scales = r.f32s(rows)?;
        tables.push(Table {
            width,
            values,
            scales,
        });
    }
    let width_in = tables.iter().map(|t| t.width).sum::<usize>() + MATCH_BITS;
    let tags = tag_count(labels.len());
    let w_in = r.matrix(2 * width_in, 4 * hidden)?;
    let w_h = r.matrix(2 * hidden, 4 * hidden)?;
    let w_out = r.matrix(2 * hidden, tags)?;
    let bias = r.f32s(2 * 4 * hidden)?;
    let b_out = r.f32s(tags)?;
    let transitions = r.f32s(tags * tags)?;
    if !r.at_end() {
        return Err(ModelError::Corrupt("bytes after the weights"));
    }
    let all_finite = [&w_in, &w_h, &bias, &w_out, &b_out, &transitions]
        .iter()
        .all(|a| a.iter().all(|x| x.is_finite()))
        && tables
            .iter()
            .all(|t| t.scales.iter().all(|s| s.is_finite()));
    if !all_finite {
        return Err(ModelError::Corrupt("a weight that is not a finite number"));
    }
    Ok(NeuralParts {
        name,
        description,
        labels,
        base_name,
        base_checksum,
        hidden,
        vocabulary,
        tables,
        w_in,
        w_h,
        bias,
        w_out,
        b_out,
        transitions,
    })
}

/// `matrix` (rows of `width`) as 8-bit values with a scale per row: the
/// largest magnitude of a row is 127 steps (a row of zeros has scale 0).
/// scripts/neural/export.py quantises the same way (ties to even there).
pub fn quantise_rows(matrix: &[f32], width: usize) -> (Vec<i8>, Vec<f32>) {
    let mut values = Vec::with_capacity(matrix.len());
    let mut scales = Vec::with_capacity(matrix.len() / width.max(1));
    for row in matrix.chunks(width.max(1)) {
        let peak = row.iter().fold(0.0f32, |m, v| m.max(v.abs()));
        let scale = peak / 127.0;
        let step = if scale > 0.0 { scale } else { 1.0 };
        values.extend(
            row.iter()
                .map(|v| (v / step).round().clamp(-127.0, 127.0) as i8),
        );
        scales.push(scale);
    }
    (values, scales)
}

/// A matrix read as 8-bit values and a scale per row, as `f32`s.
trait ReadMatrix {
    fn matrix(&mut self, rows: usize, width: usize) -> Result<Vec<f32>, ModelError>;
}

impl ReadMatrix for Reader<'_> {
    fn matrix(&mut self, rows: usize, width: usize) -> Result<Vec<f32>, ModelError> {
        let size = rows.checked_mul(width).ok_or(ModelError::Truncated)?;
        let values = self.take(size)?;
        let scales = self.f32s(rows)?;
        if scales.iter().any(|s| !s.is_finite()) {
            return Err(ModelError::Corrupt("a weight that is not a finite number"));
        }
        Ok(values
            .chunks(width.max(1))
            .zip(&scales)
            .flat_map(|(row, &scale)| row.iter().map(move |&v| f32::from(v as i8) * scale))
            .collect())
    }
}

fn put_f32s(out: &mut Vec<u8>, values: &[f32]) {
    for v in values {
        out.extend_from_slice(&v.to_le_bytes());
    }
}
