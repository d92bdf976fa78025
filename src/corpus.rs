//! Reading gold-annotated corpora: `token<TAB>tag` IOB2 files and 4-column
//! CoNLL-2003 files with `-DOCSTART-` lines.
//!
//! Documents matter to the tagger (it remembers labels within a document):
//! CoNLL files mark them with `-DOCSTART-`; an IOB2 file `NAME.iob2` may have
//! a companion `NAME.docs.tsv` giving each document's first sentence and
//! sentence count. Without either, each sentence is a document of its own.

use crate::label::Label;
use crate::text_file::{read_text_file, TextError};
use std::fmt;
use std::path::Path;

/// A gold sentence: its tokens and entity spans.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sentence {
    /// The tokens, with Penn Treebank escapes undone (`-LRB-` is `(`).
    pub tokens: Vec<String>,
    /// Entities as `(first token, last token, label)`.
    pub entities: Vec<(usize, usize, Label)>,
}

/// A gold document: its sentences.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CorpusDocument {
    /// The sentences, in order.
    pub sentences: Vec<Sentence>,
}

/// Why a corpus could not be read.
#[derive(Debug)]
pub enum CorpusError {
    /// The file could not be read, or is not UTF-8.
    Text(TextError),
    /// A line is not in the expected format.
    Format {
        /// The file.
        path: String,
        /// The line number, from 1.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CorpusError::Text(e) => e.fmt(f),
            CorpusError::Format {
                path,
                line,
                message,
            } => write!(f, "{path}, line {line}: {message}"),
        }
    }
}

impl std::error::Error for CorpusError {}

impl From<TextError> for CorpusError {
    fn from(e: TextError) -> Self {
        CorpusError::Text(e)
    }
}

/// Raw text built from gold tokens (single spaces between the tokens of a
/// sentence, a blank line between sentences), remembering where each token
/// starts and ends, so that spans found in the text map back to the tokens.
#[derive(Clone, Debug, Default)]
pub struct JoinedTokens {
    /// The text.
    pub text: String,
    token_at_start: std::collections::HashMap<usize, usize>,
    token_at_end: std::collections::HashMap<usize, usize>,
    tokens: usize,
}

impl JoinedTokens {
    /// Appends a sentence; its tokens are numbered on from the earlier ones.
    pub fn push_sentence(&mut self, tokens: &[String]) {
        if self.tokens > 0 {
            self.text.push_str("\n\n");
        }
        for (t, token) in tokens.iter().enumerate() {
            if t > 0 {
                self.text.push(' ');
            }
            self.token_at_start.insert(self.text.len(), self.tokens + t);
            self.text.push_str(token);
            self.token_at_end.insert(self.text.len(), self.tokens + t);
        }
        self.tokens += tokens.len();
    }

    /// The first and last token of the byte span `start..end`, when it
    /// starts and ends on token boundaries.
    pub fn token_span(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        Some((
            *self.token_at_start.get(&start)?,
            *self.token_at_end.get(&end)?,
        ))
    }
}

/// Undoes the Penn Treebank escapes of a token.
pub fn unescape_token(token: &str) -> &str {
    match token {
        "-LRB-" => "(",
        "-RRB-" => ")",
        "-LSB-" => "[",
        "-RSB-" => "]",
        "-LCB-" => "{",
        "-RCB-" => "}",
        "``" | "''" => "\"",
        "/." => ".",
        "/?" => "?",
        "/-" => "-",
        other => other,
    }
}

/// Reads a corpus file (format detected per line) into documents.
pub fn read_corpus(path: &Path) -> Result<Vec<CorpusDocument>, CorpusError> {
    let name = path.display().to_string();
    let text = read_text_file(path, &name)?;
    let (sentences, doc_starts) = parse(without_bom(&text), &name)?;
    let boundaries = match doc_starts {
        Some(starts) => starts,
        None => read_doc_index(path, sentences.len())?,
    };
    Ok(group(sentences, boundaries))
}

/// The tokens of each sentence of a corpus file, whatever its tags (for
/// learning from the text alone).
pub fn read_token_sentences(path: &Path) -> Result<Vec<Vec<String>>, CorpusError> {
    let name = path.display().to_string();
    let text = read_text_file(path, &name)?;
    let mut sentences = Vec::new();
    let mut current = Vec::new();
    for line in without_bom(&text).lines() {
        let token = line.split(['\t', ' ']).next().unwrap_or("").trim();
        if token.is_empty() || token == "-DOCSTART-" {
            if !current.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
            continue;
        }
        current.push(unescape_token(token).to_string());
    }
    if !current.is_empty() {
        sentences.push(current);
    }
    Ok(sentences)
}

/// `text` without the byte-order mark some editors (on Windows above all)
/// put first; the command line reads term lists and JSON Lines with it too.
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The sentence being read: its tokens, their tags and the line of each.
#[derive(Default)]
struct OpenSentence {
    tokens: Vec<String>,
    tags: Vec<String>,
    lines: Vec<usize>,
}

/// Sentences of a corpus text, and the sentence indices where `-DOCSTART-` opened a document.
fn parse(text: &str, name: &str) -> Result<(Vec<Sentence>, Option<Vec<usize>>), CorpusError> {
    let mut sentences = Vec::new();
    let mut doc_starts: Option<Vec<usize>> = None;
    let mut open = OpenSentence::default();
    let format_error = |line: usize, message: String| CorpusError::Format {
        path: name.to_string(),
        line,
        message,
    };
    for (index, line) in text.lines().enumerate() {
        let line_number = index + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            flush(&mut sentences, &mut open, name)?;
            continue;
        }
        let mut columns: Vec<&str> = if line.contains('\t') {
            line.split('\t').collect()
        } else {
            line.split(' ').collect()
        };
        // A separator at the end of the line leaves an empty last column.
        while columns.len() > 2 && columns.last() == Some(&"") {
            columns.pop();
        }
        if columns[0] == "-DOCSTART-" {
            flush(&mut sentences, &mut open, name)?;
            doc_starts
                .get_or_insert_with(Vec::new)
                .push(sentences.len());
            continue;
        }
        if columns.len() < 2 {
            return Err(format_error(
                line_number,
                format!("expected a token and a tag, found {line:?}"),
            ));
        }
        if columns[0].is_empty() {
            return Err(format_error(line_number, "the token is empty".to_string()));
        }
        open.tokens.push(unescape_token(columns[0]).to_string());
        open.tags.push(columns[columns.len() - 1].to_string());
        open.lines.push(line_number);
    }
    flush(&mut sentences, &mut open, name)?;
    Ok((sentences, doc_starts))
}

/// Ends the sentence being read, if any; a bad tag is reported at its own line.
fn flush(
    sentences: &mut Vec<Sentence>,
    open: &mut OpenSentence,
    name: &str,
) -> Result<(), CorpusError> {
    if open.tokens.is_empty() {
        return Ok(());
    }
    let entities = spans_from_iob(&open.tags).map_err(|(at, message)| CorpusError::Format {
        path: name.to_string(),
        line: open.lines[at],
        message,
    })?;
    sentences.push(Sentence {
        tokens: std::mem::take(&mut open.tokens),
        entities,
    });
    open.tags.clear();
    open.lines.clear();
    Ok(())
}

/// A tag that is not IOB2 or IOB1: its index in the sentence and what is wrong.
type BadTag = (usize, String);

/// Entity spans of IOB2 (or IOB1) tags; an `I-` that does not continue an
/// entity of its label starts one.
fn spans_from_iob(tags: &[String]) -> Result<Vec<(usize, usize, Label)>, BadTag> {
    let mut spans: Vec<(usize, usize, Label)> = Vec::new();
    let mut open: Option<(usize, Label)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let (prefix, label) = match tag.split_once('-') {
            Some((p, l)) if matches!(p, "B" | "I") => {
                (p, l.parse::<Label>().map_err(|e| (i, e.to_string()))?)
            }
            Some(("S" | "E" | "U" | "L", _)) => {
                return Err((
                    i,
                    format!(
                        "tag {tag:?} is BIOES or BILOU; the data must be IOB2 or IOB1 (B-, I-, O)"
                    ),
                ))
            }
            _ if tag == "O" => ("O", Label::Misc),
            _ => return Err((i, format!("unknown tag {tag:?}"))),
        };
        let continues = prefix == "I" && open.is_some_and(|(_, l)| l == label);
        if !continues {
            if let Some((start, l)) = open.take() {
                spans.push((start, i - 1, l));
            }
            if prefix != "O" {
                open = Some((i, label));
            }
        }
    }
    if let Some((start, l)) = open {
        spans.push((start, tags.len() - 1, l));
    }
    Ok(spans)
}

/// Document start sentences from `NAME.docs.tsv` beside `NAME.iob2`, or one
/// document per sentence when there is no such file.
fn read_doc_index(path: &Path, sentence_count: usize) -> Result<Vec<usize>, CorpusError> {
    let index = path.with_extension("docs.tsv");
    let Ok(text) = std::fs::read_to_string(&index) else {
        return Ok((0..sentence_count).collect());
    };
    let name = index.display().to_string();
    let mut starts = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        let first = line
            .split('\t')
            .nth(2)
            .and_then(|f| f.parse::<usize>().ok())
            .ok_or_else(|| CorpusError::Format {
                path: name.clone(),
                line: i + 1,
                message: "expected doc_id, part, first_sentence, ...".into(),
            })?;
        starts.push(first);
    }
    Ok(starts)
}

fn group(sentences: Vec<Sentence>, mut starts: Vec<usize>) -> Vec<CorpusDocument> {
    starts.retain(|&s| s < sentences.len());
    starts.sort_unstable();
    starts.dedup();
    if starts.first() != Some(&0) {
        starts.insert(0, 0);
    }
    let mut docs: Vec<CorpusDocument> = Vec::new();
    let mut next_start = starts.iter().skip(1).peekable();
    let mut current = CorpusDocument::default();
    for (i, sentence) in sentences.into_iter().enumerate() {
        if next_start.peek() == Some(&&i) {
            next_start.next();
            docs.push(std::mem::take(&mut current));
        }
        current.sentences.push(sentence);
    }
    if !current.sentences.is_empty() {
        docs.push(current);
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_conll_documents_and_iob_spans() {
        let text = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\n\n-DOCSTART- -X- -X- O\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n";
        let (sentences, starts) = parse(text, "t").unwrap();
        let docs = group(sentences, starts.unwrap());
        assert_eq!(docs.len(), 2);
        assert_eq!(
            docs[0].sentences[0].entities,
            vec![(0, 0, Label::Org), (2, 2, Label::Misc)]
        );
        assert_eq!(docs[1].sentences[0].entities, vec![(0, 1, Label::Per)]);
    }

    #[test]
    fn reads_iob2_with_escapes_and_iob1_starts() {
        let text = "-LRB-\tO\nNew\tI-GPE\nYork\tI-GPE\nCity\tB-GPE\n";
        let (sentences, _) = parse(text, "t").unwrap();
        assert_eq!(sentences[0].tokens[0], "(");
        assert_eq!(
            sentences[0].entities,
            vec![(1, 2, Label::Gpe), (3, 3, Label::Gpe)]
        );
    }

    #[test]
    fn joined_tokens_map_spans_back_to_token_numbers() {
        let mut joined = JoinedTokens::default();
        joined.push_sentence(&["New".into(), "York".into()]);
        joined.push_sentence(&["Hi".into()]);
        assert_eq!(joined.text, "New York\n\nHi");
        assert_eq!(joined.token_span(0, 8), Some((0, 1)));
        assert_eq!(joined.token_span(10, 12), Some((2, 2)));
        assert_eq!(joined.token_span(1, 8), None);
    }

    #[test]
    fn unknown_tags_are_errors_with_a_line_number() {
        let err = parse("a\tB-PEOPLE\n", "t").unwrap_err();
        assert!(err.to_string().contains("t, line 1"), "{err}");
    }

    #[test]
    fn a_bad_tag_is_reported_at_its_own_line_not_the_sentence_end() {
        let text = "Paris\tB-LOC\nis\tO\nnice\tB-LCO\nand\tO\nbig\tO\n";
        let err = parse(text, "t").unwrap_err().to_string();
        assert!(err.starts_with("t, line 3: "), "{err}");
        let err = parse("Paris\tS-LOC\n", "t").unwrap_err().to_string();
        assert_eq!(
            err,
            "t, line 1: tag \"S-LOC\" is BIOES or BILOU; the data must be IOB2 or IOB1 (B-, I-, O)"
        );
        let err = parse("ok\tO\n\tB-PER\n", "t").unwrap_err().to_string();
        assert_eq!(err, "t, line 2: the token is empty");
    }

    #[test]
    fn a_file_that_is_not_utf8_names_the_byte() {
        let path =
            std::env::temp_dir().join(format!("ner-corpus-latin1-{}.iob2", std::process::id()));
        std::fs::write(&path, b"Paris\tB-LOC\nCaf\xe9\tO\n").unwrap();
        let err = read_corpus(&path).unwrap_err().to_string();
        std::fs::remove_file(&path).unwrap();
        assert!(
            err.ends_with("is not UTF-8: invalid byte at position 15"),
            "{err}"
        );
    }

    #[test]
    fn a_byte_order_mark_and_a_separator_at_the_end_of_a_line_are_read_past() {
        let text = without_bom("\u{feff}-DOCSTART- -X- -X- O\n\nParis\tB-LOC\t\nis\tO\n");
        let (sentences, starts) = parse(text, "t").unwrap();
        assert_eq!(starts, Some(vec![0]));
        assert_eq!(sentences.len(), 1);
        assert_eq!(sentences[0].tokens, ["Paris", "is"]);
        assert_eq!(sentences[0].entities, vec![(0, 0, Label::Loc)]);
    }
}
