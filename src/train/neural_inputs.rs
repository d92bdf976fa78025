//! The neural tagger's training data: every token of a gold corpus as the
//! ids and match bits the tagger reads ([`crate::neural::inputs`]) with its
//! gold tag, for `scripts/neural/train.py`; and the vocabulary of
//! pretrained word vectors those ids point into.

use super::perceptron::{case_copies, rule_bits_of};
use crate::corpus::CorpusDocument;
use crate::edges::trim_span;
use crate::model::features::{SentenceContext, TokenInfo};
use crate::model::tags;
use crate::model::Model;
use crate::neural::inputs::{match_bits, token_ids, Vocabulary, SLOTS};
use std::collections::HashMap;
use std::io::{self, BufRead, Write};

/// Values per token in [`write_tokens`]' records.
pub const RECORD_VALUES: usize = SLOTS + 4;

/// A vocabulary of the first `words` words of a word-vector file in GloVe's
/// text format (a word, then its numbers, separated by spaces): the
/// vocabulary and, for each of its rows, the line of the file it comes
/// from. Words with the same key (`1990` and `2000` both read `0000`) keep
/// the first, most frequent line.
pub fn vocabulary_from_vectors(
    vectors: impl BufRead,
    words: usize,
) -> io::Result<(Vocabulary, Vec<usize>)> {
    let mut first_line: HashMap<u64, usize> = HashMap::new();
    for (line_no, line) in vectors.lines().take(words).enumerate() {
        let line = line?;
        let word = line.split(' ').next().unwrap_or("");
        if word.is_empty() {
            continue;
        }
        first_line
            .entry(TokenInfo::new(word).norm)
            .or_insert(line_no);
    }
    let mut rows: Vec<(u64, usize)> = first_line.into_iter().collect();
    rows.sort_unstable();
    let vocabulary = Vocabulary::from_sorted(rows.iter().map(|&(k, _)| k).collect())
        .expect("keys of a map are distinct");
    Ok((vocabulary, rows.into_iter().map(|(_, line)| line).collect()))
}

/// Writes the tokens of `docs` (with Title Case and capitals copies of one
/// sentence in `case_copies_every`, as `ner train` makes them) as records
/// of [`RECORD_VALUES`] little-endian 32-bit numbers: the sentence's
/// number, the token's ids, its gazetteer bits, its rule bits and its gold
/// tag (labels in `base`'s order, edges trimmed as extraction trims them).
/// `base` gives the gazetteer, clusters and truecasing. Returns the number
/// of sentences written.
pub fn write_tokens(
    docs: &[CorpusDocument],
    case_copies_every: usize,
    base: &Model,
    vocabulary: &Vocabulary,
    out: &mut impl Write,
) -> io::Result<usize> {
    let parts = base.parts();
    let copies = case_copies(docs, case_copies_every);
    let mut sentence_no = 0u32;
    let mut record = Vec::with_capacity(RECORD_VALUES * 4);
    for sentence in docs.iter().chain(&copies).flat_map(|d| &d.sentences) {
        let tokens: Vec<&str> = sentence.tokens.iter().map(String::as_str).collect();
        let (infos, case) = parts.case.token_infos(&tokens);
        let spans: Vec<(usize, usize, usize)> = sentence
            .entities
            .iter()
            .filter_map(|&(a, b, label)| {
                let (a, b) = trim_span(&tokens, a, b, label, |_| true)?;
                let k = parts.labels.iter().position(|&l| l == label)?;
                Some((a, b, k))
            })
            .collect();
        let gold = tags::from_spans(infos.len(), &spans);
        let gazetteer = parts.gazetteer.matches(&infos);
        let rules = rule_bits_of(&sentence.tokens);
        let clusters = parts.clusters.lookup(&infos);
        let context = SentenceContext {
            infos: &infos,
            gazetteer: &gazetteer,
            rules: &rules,
            clusters: &clusters,
            cluster_levels: parts.clusters.levels,
            case,
        };
        for (i, &tag) in gold.iter().enumerate() {
            record.clear();
            let bits = match_bits(&context, i);
            let values = std::iter::once(sentence_no)
                .chain(token_ids(vocabulary, &context, i))
                .chain([bits as u32, (bits >> 32) as u32, u32::from(tag)]);
            for v in values {
                record.extend_from_slice(&v.to_le_bytes());
            }
            out.write_all(&record)?;
        }
        sentence_no += 1;
    }
    Ok(sentence_no as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vocabulary_keeps_the_first_line_of_words_with_one_key() {
        let text = "the 0.1 0.2\n1990 0.3 0.4\n2000 0.5 0.6\nparis 0.7 0.8\n";
        let (vocabulary, lines) = vocabulary_from_vectors(text.as_bytes(), 10).expect("reads");
        assert_eq!(vocabulary.len(), 3);
        let row = |w: &str| vocabulary.row(&TokenInfo::new(w)) as usize;
        assert_eq!(lines[row("2024") - 1], 1);
        assert_eq!(lines[row("Paris") - 1], 3);
        assert_eq!(row("London"), 0);
        let (few, _) = vocabulary_from_vectors(text.as_bytes(), 1).expect("reads");
        assert_eq!(few.len(), 1);
    }
}
