//! Learning word clusters from text: spherical k-means over each word's
//! neighbours.
//!
//! A word is described by which words stand just before and just after it
//! (the most frequent words of the text, each neighbour weighted by positive
//! pointwise mutual information). Words with similar neighbours ("Blinken",
//! "Netanyahu": both after "Mr." and before "said") fall in one fine
//! cluster; fine clusters are grouped again into coarse ones: levels 0 and 1
//! of [`Clusters`]. (The built-in models use clusters learned from far more
//! text instead: `scripts/word_reps.py`, read by [`super::word_reps`].)

use crate::model::clusters::{ClusterIds, Clusters};
use crate::model::features::TokenInfo;
use crate::model::gazetteer::KeyMap;
use std::collections::HashMap;

/// How to learn clusters.
#[derive(Clone, Debug)]
pub struct ClusterOptions {
    /// Number of fine clusters.
    pub fine: usize,
    /// Number of coarse clusters (groups of fine ones).
    pub coarse: usize,
    /// Words seen fewer times get no cluster.
    pub min_count: u32,
    /// How many of the most frequent words serve as neighbours.
    pub context_words: usize,
    /// Rounds of k-means.
    pub iterations: usize,
    /// Seed of the initial centroids.
    pub seed: u64,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            fine: 256,
            coarse: 32,
            min_count: 3,
            context_words: 1000,
            iterations: 12,
            seed: 0,
        }
    }
}

/// A sparse, unit-length vector.
type Sparse = Vec<(u32, f32)>;

/// Learns clusters from sentences of tokens.
pub fn learn_clusters<'a>(
    sentences: impl Iterator<Item = &'a [String]>,
    options: &ClusterOptions,
) -> Clusters {
    let sentences: Vec<Vec<u64>> = sentences
        .map(|s| s.iter().map(|t| TokenInfo::new(t).norm).collect())
        .collect();
    let mut frequency: KeyMap<u32> = KeyMap::default();
    for &word in sentences.iter().flatten() {
        *frequency.entry(word).or_insert(0) += 1;
    }
    let mut by_frequency: Vec<(u64, u32)> = frequency.iter().map(|(&w, &c)| (w, c)).collect();
    by_frequency.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let context_index: KeyMap<u32> = by_frequency
        .iter()
        .take(options.context_words)
        .enumerate()
        .map(|(i, &(w, _))| (w, i as u32))
        .collect();
    let vocabulary: Vec<u64> = by_frequency
        .iter()
        .filter(|&&(_, c)| c >= options.min_count)
        .map(|&(w, _)| w)
        .collect();
    if vocabulary.len() < options.fine.max(1) {
        return Clusters::default();
    }
    let word_index: KeyMap<u32> = vocabulary
        .iter()
        .enumerate()
        .map(|(i, &w)| (w, i as u32))
        .collect();
    let vectors = context_vectors(
        &sentences,
        &word_index,
        &context_index,
        options.context_words,
    );
    let dimensions = 2 * (options.context_words + 2);
    let (fine, fine_centroids) = spherical_kmeans(
        &vectors,
        options.fine,
        dimensions,
        options.iterations,
        options.seed,
    );
    let centroid_vectors: Vec<Sparse> = fine_centroids
        .iter()
        .map(|c| {
            c.iter()
                .enumerate()
                .filter(|&(_, &v)| v != 0.0)
                .map(|(i, &v)| (i as u32, v))
                .collect()
        })
        .collect();
    let (coarse_of_fine, _) = spherical_kmeans(
        &centroid_vectors,
        options.coarse,
        dimensions,
        options.iterations,
        options.seed + 1,
    );
    let ids: Vec<(u32, ClusterIds)> = vocabulary
        .iter()
        .zip(&fine)
        .map(|(&word, &f)| {
            let key = crate::model::hash::fingerprint(word);
            let mut ids = ClusterIds::default();
            ids.0[0] = f as u16 + 1;
            ids.0[1] = coarse_of_fine[f] as u16 + 1;
            (key, ids)
        })
        .collect();
    Clusters::new(2, ids)
}

/// Each vocabulary word's neighbours, weighted by positive PMI and normalised.
/// Dimensions: left neighbour `0..n+2`, right neighbour `n+2..2(n+2)`, where
/// neighbour `n` is any rarer word and `n+1` the sentence boundary.
fn context_vectors(
    sentences: &[Vec<u64>],
    word_index: &KeyMap<u32>,
    context_index: &KeyMap<u32>,
    n: usize,
) -> Vec<Sparse> {
    let other = n as u32;
    let boundary = n as u32 + 1;
    let side = n as u32 + 2;
    let context = |w: Option<&u64>| match w {
        None => boundary,
        Some(w) => context_index.get(w).copied().unwrap_or(other),
    };
    let mut counts: Vec<HashMap<u32, f32>> = vec![HashMap::new(); word_index.len()];
    let mut context_totals = vec![0f32; 2 * side as usize];
    for sentence in sentences {
        for (i, w) in sentence.iter().enumerate() {
            let Some(&index) = word_index.get(w) else {
                continue;
            };
            let left = context(i.checked_sub(1).and_then(|j| sentence.get(j)));
            let right = side + context(sentence.get(i + 1));
            for dimension in [left, right] {
                *counts[index as usize].entry(dimension).or_insert(0.0) += 1.0;
                context_totals[dimension as usize] += 1.0;
            }
        }
    }
    let total: f32 = context_totals.iter().sum();
    counts
        .into_iter()
        .map(|row| {
            let word_total: f32 = row.values().sum();
            let mut vector: Sparse = row
                .into_iter()
                .filter_map(|(d, c)| {
                    let pmi = (c * total / (word_total * context_totals[d as usize])).ln();
                    (pmi > 0.0).then_some((d, pmi))
                })
                .collect();
            vector.sort_unstable_by_key(|&(d, _)| d);
            let norm = vector.iter().map(|&(_, v)| v * v).sum::<f32>().sqrt();
            if norm > 0.0 {
                vector.iter_mut().for_each(|(_, v)| *v /= norm);
            }
            vector
        })
        .collect()
}

/// Spherical k-means: each vector goes to the centroid with the largest dot
/// product; centroids are the normalised means of their vectors. Returns the
/// cluster of each vector and the centroids.
fn spherical_kmeans(
    vectors: &[Sparse],
    k: usize,
    dimensions: usize,
    iterations: usize,
    seed: u64,
) -> (Vec<usize>, Vec<Vec<f32>>) {
    let k = k.min(vectors.len()).max(1);
    let mut rng = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut centroids: Vec<Vec<f32>> = (0..k)
        .map(|_| {
            dense(
                &vectors[(next() % vectors.len() as u64) as usize],
                dimensions,
            )
        })
        .collect();
    let mut assignment = vec![0usize; vectors.len()];
    for _ in 0..iterations {
        for (v, slot) in vectors.iter().zip(assignment.iter_mut()) {
            *slot = nearest(v, &centroids);
        }
        let mut sums = vec![vec![0f32; dimensions]; k];
        let mut sizes = vec![0usize; k];
        for (v, &c) in vectors.iter().zip(&assignment) {
            sizes[c] += 1;
            for &(d, x) in v {
                sums[c][d as usize] += x;
            }
        }
        for (c, sum) in sums.into_iter().enumerate() {
            if sizes[c] == 0 {
                // An empty cluster restarts from a random word.
                centroids[c] = dense(
                    &vectors[(next() % vectors.len() as u64) as usize],
                    dimensions,
                );
                continue;
            }
            let norm = sum
                .iter()
                .map(|x| x * x)
                .sum::<f32>()
                .sqrt()
                .max(f32::MIN_POSITIVE);
            centroids[c] = sum.into_iter().map(|x| x / norm).collect();
        }
    }
    for (v, slot) in vectors.iter().zip(assignment.iter_mut()) {
        *slot = nearest(v, &centroids);
    }
    (assignment, centroids)
}

fn dense(v: &Sparse, dimensions: usize) -> Vec<f32> {
    let mut out = vec![0f32; dimensions];
    for &(d, x) in v {
        out[d as usize] = x;
    }
    out
}

fn nearest(v: &Sparse, centroids: &[Vec<f32>]) -> usize {
    let mut best = 0;
    let mut best_score = f32::NEG_INFINITY;
    for (c, centroid) in centroids.iter().enumerate() {
        let score: f32 = v.iter().map(|&(d, x)| centroid[d as usize] * x).sum();
        if score > best_score {
            best = c;
            best_score = score;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_contexts_share_a_cluster() {
        let mut text: Vec<Vec<String>> = Vec::new();
        for name in ["Smith", "Jones", "Brown"] {
            for _ in 0..5 {
                text.push(["Mr.", name, "said", "."].map(String::from).to_vec());
            }
        }
        for city in ["Paris", "Rome", "Oslo"] {
            for _ in 0..5 {
                text.push(
                    ["flew", "to", city, "on", "Monday"]
                        .map(String::from)
                        .to_vec(),
                );
            }
        }
        let options = ClusterOptions {
            fine: 4,
            coarse: 2,
            min_count: 3,
            context_words: 20,
            iterations: 10,
            seed: 1,
        };
        let clusters = learn_clusters(text.iter().map(|s| s.as_slice()), &options);
        let id = |w: &str| clusters.lookup(&[TokenInfo::new(w)])[0].0[0];
        assert_ne!(id("Smith"), 0);
        assert_eq!(id("Smith"), id("Jones"));
        assert_eq!(id("Paris"), id("Rome"));
        assert_ne!(id("Smith"), id("Paris"));
        assert_eq!(id("Zanzibar"), 0);
    }
}
