//! The model file format: versioned, checksummed, validated when loaded.
//!
//! ```text
//! magic        8 bytes  "NERHLMDL"
//! format       u32      FORMAT_VERSION (6)
//! features     u32      the feature set version (features::FEATURE_VERSION)
//! body length  u64
//! body         name, description, labels, scale, temperature, ranking (u8),
//!              weights, gazetteer, word table (see below)
//! checksum     u64      of every byte before it (see [`checksum`])
//! ```
//!
//! All integers are little-endian; strings are a u32 byte length and UTF-8.
//! The weights (see [`StoredRows`]) are a u32 row count, a u32 entry count,
//! the row count of each of the [`BUCKETS`] buckets (u16; a row's bucket is
//! the top 16 bits of its key), the low 16 bits of each row's key (u16,
//! increasing within a bucket), each row's entry count less one (u8), every
//! entry's tag (u8, strictly increasing within a row; the reader checks that
//! each is below the tag count) and every entry's weight (i8), rows in
//! increasing key order. Nothing there is compressed, so a model built into
//! the program is used where it lies: loading checks the streams and builds
//! the rows' lookup table, copying nothing. The gazetteer (type names, longest
//! entry, keys, type bits) and the word table (keys, cluster ids level by
//! level, case profiles: `write_words`) keep their keys as varint deltas
//! and their ids as varints. Older formats (5 had two cluster levels and no
//! case profiles) are refused: their feature sets are gone too.

use super::clusters::{Clusters, MAX_LEVELS};
use super::decode::Ranking;
use super::gazetteer::Gazetteer;
use super::truecase::{CaseProfile, CaseTable};
use super::weights::{self, StoredRows, Weights, BUCKETS};
use crate::label::Label;
use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

/// The first bytes of every model file.
pub const MAGIC: &[u8; 8] = b"NERHLMDL";
/// The version of the layout described above (see the module's documentation).
pub const FORMAT_VERSION: u32 = 6;
/// The oldest format version this build reads.
const OLDEST_FORMAT_VERSION: u32 = 6;

/// Why model bytes could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModelError {
    /// The bytes do not start with [`MAGIC`]: not a model file.
    NotAModel,
    /// The file has a format version this build cannot read.
    UnsupportedFormat {
        /// The version in the file.
        found: u32,
        /// The version this build reads.
        supported: u32,
    },
    /// The model was trained with another feature set than this build computes.
    FeatureMismatch {
        /// The feature version in the file.
        found: u32,
        /// The feature version of this build.
        supported: u32,
    },
    /// The file ends before its declared length.
    Truncated,
    /// The checksum does not match: the bytes were changed after writing.
    ChecksumMismatch,
    /// The body is inconsistent (the text says what was wrong).
    Corrupt(&'static str),
    /// The model names a label this build does not know.
    UnknownLabel(String),
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::NotAModel => write!(f, "not a model file (bad magic bytes)"),
            ModelError::UnsupportedFormat { found, supported } => write!(
                f,
                "model file format version {found} is not supported (this build reads version {supported})"
            ),
            ModelError::FeatureMismatch { found, supported } => write!(
                f,
                "model was trained with feature set {found}, this build computes feature set {supported}"
            ),
            ModelError::Truncated => write!(f, "model file is truncated"),
            ModelError::ChecksumMismatch => write!(f, "model file is corrupt (checksum mismatch)"),
            ModelError::Corrupt(what) => write!(f, "model file is corrupt: {what}"),
            ModelError::UnknownLabel(label) => write!(f, "model file has unknown label {label:?}"),
        }
    }
}

impl std::error::Error for ModelError {}

/// Everything a model file holds.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelParts {
    /// Short name, such as `news` or `conll`.
    pub name: String,
    /// Free text: training data, licence terms, scores.
    pub description: String,
    /// The labels, in tag order (see [`super::tags`]).
    pub labels: Vec<Label>,
    /// The value of one weight step.
    pub scale: f32,
    /// Scores are divided by this before the softmax that gives confidences.
    pub temperature: f32,
    /// How the tagger's beam ranks hypotheses (as the model was trained).
    pub ranking: Ranking,
    /// The weights.
    pub weights: Weights,
    /// The gazetteer used by the features.
    pub gazetteer: Gazetteer,
    /// The word clusters used by the features.
    pub clusters: Clusters,
    /// How words are usually written, to read headlines and capitals.
    pub case: CaseTable,
}

/// The checksum a model file ends with, of every byte before it: the bytes
/// read as little-endian 64-bit words, 32 bytes at a time into four lanes
/// (each word XORed into its lane, which is then multiplied by an odd
/// constant and rotated), then the lanes, the bytes left over and the length
/// folded into one. Every step is invertible, so any one changed word changes
/// the sum; four lanes keep a browser's load of a 4 MB model short (format 2
/// used byte-at-a-time FNV-1a).
pub fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let step = |lane: u64, word: u64| (lane ^ word).wrapping_mul(K).rotate_left(29);
    let mut lanes = [
        0xcbf2_9ce4_8422_2325,
        0x8422_2325_cbf2_9ce4,
        0x0100_0000_01b3_4f3d,
        0x27d4_eb2f_1656_67c5,
    ];
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        for (lane, word) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            *lane = step(*lane, u64::from_le_bytes(word.try_into().expect("8 bytes")));
        }
    }
    let mut sum = lanes.into_iter().fold(0, step);
    for &byte in blocks.remainder() {
        sum = step(sum, u64::from(byte));
    }
    step(sum, bytes.len() as u64)
}

/// The checksum a model file stores in its last 8 bytes (`None` for fewer
/// bytes), which names the file: a neural model records its base model's.
pub fn checksum_of_file(bytes: &[u8]) -> Option<u64> {
    let tail = bytes.len().checked_sub(8).map(|start| &bytes[start..])?;
    Some(u64::from_le_bytes(tail.try_into().expect("8 bytes")))
}

/// Writes `parts` as model file bytes, in format [`FORMAT_VERSION`].
pub fn write(parts: &ModelParts, feature_version: u32) -> Vec<u8> {
    let mut body = Vec::new();
    put_str(&mut body, &parts.name);
    put_str(&mut body, &parts.description);
    put_labels(&mut body, &parts.labels);
    body.extend_from_slice(&parts.scale.to_le_bytes());
    body.extend_from_slice(&parts.temperature.to_le_bytes());
    body.push(match parts.ranking {
        Ranking::Probability => 0,
        Ranking::Score => 1,
    });
    write_weights(&mut body, &parts.weights);
    let g = &parts.gazetteer;
    put_u32(&mut body, g.types.len() as u32);
    g.types.iter().for_each(|t| put_str(&mut body, t));
    put_u32(&mut body, g.max_tokens as u32);
    let mut entries: Vec<(u32, u8)> = g.entries.iter().map(|(&k, &v)| (k as u32, v)).collect();
    entries.sort_unstable();
    put_u32(&mut body, entries.len() as u32);
    put_increasing(&mut body, entries.iter().map(|&(k, _)| k));
    body.extend(entries.iter().map(|&(_, v)| v));
    write_words(&mut body, &parts.clusters, &parts.case);

    sealed(MAGIC, FORMAT_VERSION, feature_version, &body)
}

/// A model file around `body`: the magic bytes, the format and feature
/// versions, the body's length, the body, then the checksum of all before it
/// (the neural format has the same envelope).
pub(crate) fn sealed(magic: &[u8; 8], format: u32, features: u32, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + 32);
    out.extend_from_slice(magic);
    put_u32(&mut out, format);
    put_u32(&mut out, features);
    put_u64(&mut out, body.len() as u64);
    out.extend_from_slice(body);
    let sum = checksum(&out);
    put_u64(&mut out, sum);
    out
}

/// Reads and validates model file bytes, copying what the model keeps of them.
pub fn read(bytes: &[u8], feature_version: u32) -> Result<ModelParts, ModelError> {
    read_keeping(bytes, feature_version, |range| {
        Cow::Owned(bytes[range].to_vec())
    })
}

/// Reads and validates model file bytes that live as long as the program
/// (a model built into it): the weights are used where they lie.
pub fn read_static(bytes: &'static [u8], feature_version: u32) -> Result<ModelParts, ModelError> {
    read_keeping(bytes, feature_version, |range| Cow::Borrowed(&bytes[range]))
}

/// Reads and validates model file bytes; `keep` gives the bytes at a range
/// of them for the model to keep.
fn read_keeping(
    bytes: &[u8],
    feature_version: u32,
    keep: impl Fn(Range<usize>) -> Cow<'static, [u8]>,
) -> Result<ModelParts, ModelError> {
    let (features, mut r) = unseal(bytes, MAGIC, OLDEST_FORMAT_VERSION..=FORMAT_VERSION)?;
    if features != feature_version {
        return Err(ModelError::FeatureMismatch {
            found: features,
            supported: feature_version,
        });
    }
    let parts = read_body(&mut r, keep)?;
    if !r.at_end() {
        return Err(ModelError::Corrupt("body longer than its contents"));
    }
    Ok(parts)
}

fn read_body(
    r: &mut Reader,
    keep: impl Fn(Range<usize>) -> Cow<'static, [u8]>,
) -> Result<ModelParts, ModelError> {
    let name = r.string()?;
    let description = r.string()?;
    let labels = r.labels()?;
    let tag_count = super::tags::tag_count(labels.len());
    let scale = f32::from_le_bytes(r.take(4)?.try_into().expect("4 bytes"));
    if !scale.is_finite() || scale <= 0.0 {
        return Err(ModelError::Corrupt("weight scale is not a positive number"));
    }
    let temperature = f32::from_le_bytes(r.take(4)?.try_into().expect("4 bytes"));
    if !temperature.is_finite() || temperature <= 0.0 {
        return Err(ModelError::Corrupt("temperature is not a positive number"));
    }
    let ranking = match r.take(1)?[0] {
        0 => Ranking::Probability,
        1 => Ranking::Score,
        _ => return Err(ModelError::Corrupt("unknown beam ranking")),
    };
    let weights = {
        let rows = r.count(3)?;
        let entries = r.count(2)?;
        let stored = StoredRows {
            bucket_rows: r.take(2 * BUCKETS)?,
            low_keys: r.take(2 * rows)?,
            lengths: r.take(rows)?,
        };
        let tags = r.take_range(entries)?;
        let values = r.take_range(entries)?;
        Weights::from_stored(stored, keep(tags), keep(values), tag_count)
            .map_err(ModelError::Corrupt)?
    };
    let type_count = r.count(4)?;
    if type_count > super::gazetteer::MAX_TYPES {
        return Err(ModelError::Corrupt("too many gazetteer types"));
    }
    let types = (0..type_count)
        .map(|_| r.string())
        .collect::<Result<Vec<_>, _>>()?;
    let max_tokens = r.u32()? as usize;
    if max_tokens > 64 {
        return Err(ModelError::Corrupt("gazetteer entries too long"));
    }
    let entry_count = r.count(2)?;
    let entry_keys = r.increasing(entry_count)?;
    let entry_types = r.take(entry_count)?;
    let (clusters, case) = read_words(r)?;
    let gazetteer = Gazetteer {
        types,
        entries: entry_keys
            .into_iter()
            .map(u64::from)
            .zip(entry_types.iter().copied())
            .collect(),
        max_tokens,
    };
    Ok(ModelParts {
        name,
        description,
        labels,
        scale,
        temperature,
        ranking,
        weights,
        gazetteer,
        clusters,
        case,
    })
}

/// The word table: word count, the words' keys (increasing, as varint
/// deltas), the level count (u32), each level's ids (varints, level by
/// level), then each word's case profile byte (0: none; see
/// [`CaseProfile::to_byte`]).
fn write_words(body: &mut Vec<u8>, clusters: &Clusters, case: &CaseTable) {
    let mut keys: Vec<u32> = clusters
        .words()
        .map(|(key, _)| key)
        .chain(case.profiles().map(|(key, _)| key))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    put_u32(body, keys.len() as u32);
    put_increasing(body, keys.iter().copied());
    put_u32(body, clusters.levels as u32);
    for level in 0..clusters.levels {
        for &key in &keys {
            let ids = clusters.get(key).unwrap_or_default();
            put_varint(body, u32::from(ids.0[level]));
        }
    }
    body.extend(
        keys.iter()
            .map(|&key| case.get(key).map_or(0, |p| p.to_byte())),
    );
}

/// Reads the word table [`write_words`] writes.
fn read_words(r: &mut Reader) -> Result<(Clusters, CaseTable), ModelError> {
    let word_count = r.count(2)?;
    let keys = r.increasing(word_count)?;
    let levels = r.u32()? as usize;
    if levels > MAX_LEVELS {
        return Err(ModelError::Corrupt("too many cluster levels"));
    }
    // Level by level in the file, word by word in the table.
    let mut ids = vec![0u16; word_count * levels];
    for level in 0..levels {
        for word in 0..word_count {
            ids[word * levels + level] = cluster_id(r)?;
        }
    }
    let bytes = r.take(word_count)?;
    let (mut case_keys, mut profiles) = (Vec::new(), Vec::new());
    for (&key, &byte) in keys.iter().zip(bytes) {
        if byte != 0 {
            profiles
                .push(CaseProfile::from_byte(byte).ok_or(ModelError::Corrupt("bad case profile"))?);
            case_keys.push(key);
        }
    }
    let case = CaseTable::from_sorted(case_keys, profiles)
        .ok_or(ModelError::Corrupt("word keys not increasing"))?;
    let clusters = if levels == 0 {
        Clusters::default()
    } else {
        Clusters::from_sorted(levels, keys, ids)
            .ok_or(ModelError::Corrupt("word keys not increasing"))?
    };
    Ok((clusters, case))
}

fn cluster_id(r: &mut Reader) -> Result<u16, ModelError> {
    u16::try_from(r.varint()?).map_err(|_| ModelError::Corrupt("cluster id too large"))
}

/// Weights: row count, entry count, then the streams of [`StoredRows`]
/// (each bucket's row count, each row's low key bits and length less one)
/// and every entry's tag, then every weight.
fn write_weights(body: &mut Vec<u8>, w: &Weights) {
    put_u32(body, w.row_count() as u32);
    put_u32(body, w.entry_count() as u32);
    let rows = w.key_lengths();
    let mut bucket_rows = vec![0u16; BUCKETS];
    for &(key, _) in &rows {
        bucket_rows[weights::bucket(key)] += 1;
    }
    bucket_rows
        .iter()
        .for_each(|count| body.extend_from_slice(&count.to_le_bytes()));
    rows.iter()
        .for_each(|&(key, _)| body.extend_from_slice(&(key as u16).to_le_bytes()));
    body.extend(rows.iter().map(|&(_, length)| (length - 1) as u8));
    body.extend_from_slice(w.tags());
    body.extend_from_slice(w.values());
}

/// Writes strictly increasing numbers as varint deltas.
fn put_increasing(out: &mut Vec<u8>, values: impl Iterator<Item = u32>) {
    let mut previous = 0;
    for v in values {
        put_varint(out, v - previous);
        previous = v;
    }
}

/// LEB128: 7 bits a byte, low bits first.
fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// The body of a file written by [`sealed`], after checking its magic
/// bytes, its format version (one of `formats`), its length and its
/// checksum: the file's feature (or input) version and a reader over the
/// body alone.
pub(crate) fn unseal<'b>(
    bytes: &'b [u8],
    magic: &[u8; 8],
    formats: std::ops::RangeInclusive<u32>,
) -> Result<(u32, Reader<'b>), ModelError> {
    if bytes.len() < magic.len() || &bytes[..magic.len()] != magic {
        return Err(ModelError::NotAModel);
    }
    let mut header = Reader { bytes, pos: 8 };
    let format = header.u32()?;
    if !formats.contains(&format) {
        return Err(ModelError::UnsupportedFormat {
            found: format,
            supported: *formats.end(),
        });
    }
    let features = header.u32()?;
    let body_len = usize::try_from(header.u64()?).map_err(|_| ModelError::Truncated)?;
    let body_start = header.pos;
    let body_end = body_start
        .checked_add(body_len)
        .ok_or(ModelError::Truncated)?;
    let sum_end = body_end.checked_add(8).ok_or(ModelError::Truncated)?;
    if bytes.len() < sum_end {
        return Err(ModelError::Truncated);
    }
    if bytes.len() > sum_end {
        return Err(ModelError::Corrupt("bytes after the checksum"));
    }
    let stored = u64::from_le_bytes(bytes[body_end..sum_end].try_into().expect("8 bytes"));
    if stored != checksum(&bytes[..body_end]) {
        return Err(ModelError::ChecksumMismatch);
    }
    let body = Reader {
        bytes: &bytes[..body_end],
        pos: body_start,
    };
    Ok((features, body))
}

/// Appends a model's labels: their count, then each as a string.
pub(crate) fn put_labels(out: &mut Vec<u8>, labels: &[Label]) {
    put_u32(out, labels.len() as u32);
    for label in labels {
        put_str(out, label.as_str());
    }
}

/// Appends `v`, little-endian (the neural format shares these writers).
pub(crate) fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// Appends `v`, little-endian.
pub(crate) fn put_u64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// Appends a string: its byte length as a `u32`, then its UTF-8.
pub(crate) fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

/// A bounds-checked cursor over bytes (the neural format reads with it too).
pub(crate) struct Reader<'b> {
    bytes: &'b [u8],
    pos: usize,
}

impl<'b> Reader<'b> {
    /// Whether every byte has been read.
    pub(crate) fn at_end(&self) -> bool {
        self.pos == self.bytes.len()
    }

    /// The next `n` bytes.
    pub(crate) fn take(&mut self, n: usize) -> Result<&'b [u8], ModelError> {
        let end = self.pos.checked_add(n).ok_or(ModelError::Truncated)?;
        let slice = self.bytes.get(self.pos..end).ok_or(ModelError::Truncated)?;
        self.pos = end;
        Ok(slice)
    }

    /// The next little-endian `u32`.
    pub(crate) fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }

    /// The next little-endian `u64`.
    pub(crate) fn u64(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().expect("8 bytes"),
        ))
    }

    fn varint(&mut self) -> Result<u32, ModelError> {
        let mut v = 0u32;
        for shift in (0..35).step_by(7) {
            let byte = *self.bytes.get(self.pos).ok_or(ModelError::Truncated)?;
            self.pos += 1;
            // Five bytes carry 35 bits: the fifth may hold only u32's top 4.
            if shift == 28 && byte & 0x70 != 0 {
                return Err(ModelError::Corrupt("varint too long"));
            }
            v |= u32::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(ModelError::Corrupt("varint too long"))
    }

    /// The range of the next `n` bytes, which are skipped.
    fn take_range(&mut self, n: usize) -> Result<Range<usize>, ModelError> {
        let start = self.pos;
        self.take(n)?;
        Ok(start..self.pos)
    }

    /// `n` strictly increasing numbers written as varint deltas.
    fn increasing(&mut self, n: usize) -> Result<Vec<u32>, ModelError> {
        let mut out = Vec::with_capacity(n);
        let mut previous = 0u32;
        for i in 0..n {
            let delta = self.varint()?;
            if i > 0 && delta == 0 {
                return Err(ModelError::Corrupt("keys not strictly increasing"));
            }
            previous = previous
                .checked_add(delta)
                .ok_or(ModelError::Corrupt("key out of range"))?;
            out.push(previous);
        }
        Ok(out)
    }

    /// A count of items of at least `min_item_bytes` each, checked against the bytes left.
    fn count(&mut self, min_item_bytes: usize) -> Result<usize, ModelError> {
        let n = self.u32()? as usize;
        let left = self.bytes.len() - self.pos;
        if n.saturating_mul(min_item_bytes) > left {
            return Err(ModelError::Truncated);
        }
        Ok(n)
    }

    /// A model's labels ([`put_labels`]): known labels, as many as 8-bit
    /// tags can tell apart.
    pub(crate) fn labels(&mut self) -> Result<Vec<Label>, ModelError> {
        let count = self.count(4)?;
        let labels = (0..count)
            .map(|_| {
                let name = self.string()?;
                name.parse::<Label>()
                    .map_err(|_| ModelError::UnknownLabel(name))
            })
            .collect::<Result<Vec<_>, _>>()?;
        if super::tags::tag_count(labels.len()) > 256 {
            return Err(ModelError::Corrupt("too many labels"));
        }
        Ok(labels)
    }

    /// The next string ([`put_str`]).
    pub(crate) fn string(&mut self) -> Result<String, ModelError> {
        let n = self.count(1)?;
        let bytes = self.take(n)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| ModelError::Corrupt("string is not UTF-8"))
    }

    /// The next `n` little-endian `f32`s.
    pub(crate) fn f32s(&mut self, n: usize) -> Result<Vec<f32>, ModelError> {
        let bytes = self.take(n.checked_mul(4).ok_or(ModelError::Truncated)?)?;
        Ok(bytes
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes(b.try_into().expect("4 bytes")))
            .collect())
    }
}
