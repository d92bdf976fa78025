//! `ner eval`: scores a model on gold data through the full raw-text path.
//!
//! Each document's sentences become one text, by default as printed (no
//! space before punctuation and clitics, hyphenated words joined: see
//! `ner_highlight::printed`), a sentence a line, as
//! `../shared/tools/evalner.py --docs FILE --detok` sends it; `--spacing
//! spaced` and `--sentences blank` give the tokens joined by spaces and blank
//! lines between sentences instead. The text goes through the tokenizer,
//! model and rules like any article; the entities found are mapped back to
//! gold tokens and scored by exact match, as conlleval does. A span that
//! does not start and end on gold token boundaries is an error: it counts as
//! a wrong entity and is reported in `boundary_errors`. Only labels of
//! the gold data are scored (the rules' DATE does not count against CoNLL).

use crate::model_arg::ModelArg;
use crate::CliError;
use ner_highlight::corpus::{read_corpus, CorpusDocument};
use ner_highlight::printed::{GoldText, Hyphens, Layout, Spacing};
use ner_highlight::{ExtractOptions, Extractor, Label};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::time::Instant;

/// Arguments of `ner eval`.
#[derive(clap::Args)]
pub struct EvalArgs {
    /// The model: `news`, `conll`, `none` (rules only) or a model file.
    #[arg(long)]
    model: ModelArg,
    /// Gold data: `token<TAB>tag` IOB2 or 4-column CoNLL-2003.
    #[arg(long)]
    data: PathBuf,
    /// Print one JSON object instead of the table.
    #[arg(long)]
    json: bool,
    /// Do not add the rules' entities where the model found none (the rules
    /// still inform the model); to measure what merging adds.
    #[arg(long)]
    no_rule_entities: bool,
    /// Leave out document-level consistency (one label per name, mentions
    /// found again); to measure what it adds.
    #[arg(long)]
    no_consistency: bool,
    /// Score only entities scoring at least this (0 to 1).
    #[arg(long, default_value_t = 0.0, value_parser = crate::parse_score)]
    min_score: f32,
    /// Also write every mistake to this file, one per line (tab-separated:
    /// kind, gold label and text, found label and text, the sentence).
    #[arg(long, value_name = "FILE")]
    errors: Option<PathBuf>,
    /// How a sentence's tokens are put together: as printed, or each
    /// followed by a space (the text tokenized corpora hold).
    #[arg(long, value_enum, default_value_t = SpacingArg::Printed)]
    spacing: SpacingArg,
    /// What stands between a document's sentences.
    #[arg(long, value_enum, default_value_t = SentencesArg::Line)]
    sentences: SentencesArg,
    /// A lone "-" between two words: joined as a hyphen (OntoNotes splits
    /// hyphenated words) or kept as a spaced dash (CoNLL-2003 does not);
    /// auto keeps it for files in CoNLL-2003's format (-DOCSTART- first).
    #[arg(long, value_enum, default_value_t = HyphensArg::Auto)]
    hyphens: HyphensArg,
    /// Hard-wrap each document at this column, as text copied from a PDF or
    /// an e-mail is (0: no wrapping).
    #[arg(long, default_value_t = 0)]
    wrap: usize,
}

/// `--spacing`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum SpacingArg {
    /// No space before punctuation and clitics, hyphenated words joined.
    Printed,
    /// Tokens joined by single spaces.
    Spaced,
}

/// `--sentences`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum SentencesArg {
    /// A line each.
    Line,
    /// A blank line between two.
    Blank,
    /// Running paragraphs: a space between two.
    Space,
}

/// `--hyphens`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum HyphensArg {
    /// Keep for CoNLL-2003's format, join otherwise.
    Auto,
    /// Join to both words.
    Join,
    /// Keep as a spaced dash.
    Keep,
}

/// The layout `args` ask for; `conll_format` says whether the data is in
/// CoNLL-2003's format.
fn layout(args: &EvalArgs, conll_format: bool) -> Layout {
    Layout {
        spacing: match args.spacing {
            SpacingArg::Printed => Spacing::Printed,
            SpacingArg::Spaced => Spacing::Spaced,
        },
        hyphens: match args.hyphens {
            HyphensArg::Join => Hyphens::Join,
            HyphensArg::Keep => Hyphens::Keep,
            HyphensArg::Auto if conll_format => Hyphens::Keep,
            HyphensArg::Auto => Hyphens::Join,
        },
        sentence_separator: match args.sentences {
            SentencesArg::Line => "\n",
            SentencesArg::Blank => "\n\n",
            SentencesArg::Space => " ",
        }
        .into(),
        wrap: args.wrap,
    }
}

/// Whether the file at `path` opens with CoNLL-2003's `-DOCSTART-` line.
fn starts_with_docstart(path: &std::path::Path) -> bool {
    use std::io::BufRead;
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    std::io::BufReader::new(file)
        .lines()
        .map_while(Result::ok)
        .find(|line| !line.trim().is_empty())
        .is_some_and(|line| {
            line.trim_start_matches('\u{feff}')
                .starts_with("-DOCSTART-")
        })
}

/// Precision, recall and F1 in percent.
#[derive(Clone, Copy, Debug, Default, Serialize)]
struct Scores {
    precision: f64,
    recall: f64,
    f1: f64,
}

#[derive(Serialize)]
struct LabelScores {
    precision: f64,
    recall: f64,
    f1: f64,
    support: usize,
}

#[derive(Serialize)]
struct Report {
    overall: Scores,
    labels: BTreeMap<String, LabelScores>,
    sentences: usize,
    tokens: usize,
    seconds: f64,
    /// Entities found whose span does not fit the gold tokens (counted as wrong).
    boundary_errors: usize,
}

/// Counts of one label or all.
#[derive(Clone, Copy, Default)]
struct Counts {
    gold: usize,
    found: usize,
    correct: usize,
}

impl Counts {
    fn scores(self) -> Scores {
        let ratio = |a: usize, b: usize| {
            if b == 0 {
                0.0
            } else {
                100.0 * a as f64 / b as f64
            }
        };
        let precision = ratio(self.correct, self.found);
        let recall = ratio(self.correct, self.gold);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Scores {
            precision,
            recall,
            f1,
        }
    }
}

/// A span over a document's tokens: (first, last, label).
type Span = (usize, usize, Label);

/// An entity found in a document: its span over the gold tokens, or, when
/// it does not fit them, its label, text and byte offset in the document's text.
enum Found {
    Fits(Span),
    OffBoundary(Label, String, usize),
}

/// Runs `ner eval`.
pub fn run(args: &EvalArgs) -> Result<(), CliError> {
    let docs = read_corpus(&args.data).map_err(|e| CliError::Data(e.to_string()))?;
    let layout = layout(args, starts_with_docstart(&args.data));
    let model = args.model.load()?;
    let mut extractor = model.extractor();
    if args.no_rule_entities {
        extractor = extractor.without_rule_entities();
    }
    if args.no_consistency {
        extractor = extractor.without_consistency();
    }
    let gold_labels: HashSet<Label> = docs
        .iter()
        .flat_map(|d| &d.sentences)
        .flat_map(|s| s.entities.iter().map(|e| e.2))
        .collect();

    let started = Instant::now();
    let mut per_label: HashMap<Label, Counts> = HashMap::new();
    let (mut sentences, mut tokens, mut boundary_errors) = (0, 0, 0);
    let mut mistakes = args.errors.as_ref().map(|_| String::from(MISTAKES_HEADER));
    for doc in &docs {
        let (gold, found, text) = spans_of(doc, &extractor, &gold_labels, args.min_score, &layout);
        let gold_set: HashSet<Span> = gold.iter().copied().collect();
        if let Some(out) = &mut mistakes {
            write_mistakes(doc, &text, &gold, &gold_set, &found, out);
        }
        for span in &gold {
            per_label.entry(span.2).or_default().gold += 1;
        }
        for entity in &found {
            match entity {
                Found::Fits(span) => {
                    let counts = per_label.entry(span.2).or_default();
                    counts.found += 1;
                    counts.correct += usize::from(gold_set.contains(span));
                }
                Found::OffBoundary(label, _, _) => {
                    per_label.entry(*label).or_default().found += 1;
                    boundary_errors += 1;
                }
            }
        }
        sentences += doc.sentences.len();
        tokens += doc.sentences.iter().map(|s| s.tokens.len()).sum::<usize>();
    }
    let seconds = started.elapsed().as_secs_f64();
    if let (Some(path), Some(mistakes)) = (&args.errors, &mistakes) {
        std::fs::write(path, mistakes)
            .map_err(|e| CliError::Data(format!("cannot write {}: {e}", path.display())))?;
    }
    let total = per_label.values().fold(Counts::default(), |a, c| Counts {
        gold: a.gold + c.gold,
        found: a.found + c.found,
        correct: a.correct + c.correct,
    });
    let report = Report {
        overall: total.scores(),
        labels: per_label
            .iter()
            .map(|(label, counts)| {
                let s = counts.scores();
                (
                    label.to_string(),
                    LabelScores {
                        precision: s.precision,
                        recall: s.recall,
                        f1: s.f1,
                        support: counts.gold,
                    },
                )
            })
            .collect(),
        sentences,
        tokens,
        seconds,
        boundary_errors,
    };
    if args.json {
        println!("{}", serde_json::to_string(&report).expect("plain data"));
    } else {
        print_table(&report, total);
    }
    Ok(())
}

/// Gold spans and found spans of one document, over the document's tokens,
/// and the text the entities were found in.
fn spans_of(
    doc: &CorpusDocument,
    extractor: &Extractor,
    labels: &HashSet<Label>,
    min_score: f32,
    layout: &Layout,
) -> (Vec<Span>, Vec<Found>, String) {
    let sentences: Vec<&[String]> = doc.sentences.iter().map(|s| s.tokens.as_slice()).collect();
    let joined = GoldText::new(&sentences, layout);
    let mut gold = Vec::new();
    let mut offset = 0;
    for sentence in &doc.sentences {
        gold.extend(
            sentence
                .entities
                .iter()
                .map(|&(a, b, l)| (offset + a, offset + b, l)),
        );
        offset += sentence.tokens.len();
    }
    let options = ExtractOptions {
        min_score,
        ..ExtractOptions::default()
    };
    let extraction = extractor.extract(joined.text(), &options);
    let found = extraction
        .entities
        .iter()
        .filter(|e| labels.contains(&e.label))
        .map(|e| match joined.token_span(e.start, e.end) {
            Some((first, last)) => Found::Fits((first, last, e.label)),
            None => Found::OffBoundary(e.label, e.text.clone(), e.start),
        })
        .collect();
    (gold, found, joined.text().to_string())
}

/// The first line of the `--errors` file.
const MISTAKES_HEADER: &str = "kind\tgold label\tgold text\tfound label\tfound text\tsentence\n";

/// Appends a line to `out` for each mistake in one document: a found entity
/// that is not gold (`label` when a gold entity has its span, `boundary` when
/// one of its label overlaps it, `boundary and label` for one of another
/// label, `spurious` for none; `off token boundaries` when it does not fit
/// the gold tokens) and a gold entity that no found one overlaps (`missed`).
fn write_mistakes(
    doc: &CorpusDocument,
    text: &str,
    gold: &[Span],
    gold_set: &HashSet<Span>,
    found: &[Found],
    out: &mut String,
) {
    let tokens: Vec<&str> = doc
        .sentences
        .iter()
        .flat_map(|s| s.tokens.iter().map(String::as_str))
        .collect();
    let mut sentence_bounds = Vec::new(); // (first token, one past the last)
    for sentence in &doc.sentences {
        let first = sentence_bounds.last().map_or(0, |&(_, end)| end);
        sentence_bounds.push((first, first + sentence.tokens.len()));
    }
    let joined = |first: usize, last: usize| tokens[first..=last].join(" ");
    let sentence_of = |token: usize| {
        let (first, end) =
            sentence_bounds[sentence_bounds.partition_point(|&(_, end)| end <= token)];
        joined(first, end - 1)
    };
    // The line of the document's text around a byte.
    let sentence_at = |byte: usize| {
        let start = text[..byte].rfind('\n').map_or(0, |i| i + 1);
        let end = text[byte..].find('\n').map_or(text.len(), |i| byte + i);
        text[start..end].to_string()
    };
    let overlaps = |a: &Span, b: &Span| a.0 <= b.1 && b.0 <= a.1;
    let mut line =
        |kind: &str, gold: Option<&Span>, found: Option<(Label, String)>, sentence: String| {
            let (gold_label, gold_text) = gold.map_or((String::new(), String::new()), |g| {
                (g.2.to_string(), joined(g.0, g.1))
            });
            let (found_label, found_text) =
                found.map_or((String::new(), String::new()), |(l, t)| (l.to_string(), t));
            let fields = [
                kind.to_string(),
                gold_label,
                gold_text,
                found_label,
                found_text,
                sentence,
            ];
            let fields: Vec<String> = fields
                .iter()
                .map(|f| f.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect();
            out.push_str(&fields.join("\t"));
            out.push('\n');
        };
    let mut found_spans = Vec::new();
    for entity in found {
        match entity {
            Found::Fits(span) => {
                found_spans.push(*span);
                if gold_set.contains(span) {
                    continue;
                }
                let overlapping: Vec<&Span> = gold.iter().filter(|g| overlaps(g, span)).collect();
                let same_label = overlapping.iter().find(|g| g.2 == span.2);
                let (kind, with) =
                    if let Some(g) = overlapping.iter().find(|g| (g.0, g.1) == (span.0, span.1)) {
                        ("label", Some(*g))
                    } else if let Some(g) = same_label {
                        ("boundary", Some(*g))
                    } else if let Some(g) = overlapping.first() {
                        ("boundary and label", Some(*g))
                    } else {
                        ("spurious", None)
                    };
                line(
                    kind,
                    with,
                    Some((span.2, joined(span.0, span.1))),
                    sentence_of(span.0),
                );
            }
            Found::OffBoundary(label, found_text, start) => {
                let found = Some((*label, found_text.clone()));
                line("off token boundaries", None, found, sentence_at(*start));
            }
        }
    }
    for g in gold {
        if !found_spans.iter().any(|f| overlaps(f, g)) {
            line("missed", Some(g), None, sentence_of(g.0));
        }
    }
}

fn print_table(report: &Report, total: Counts) {
    println!(
        "processed {} tokens in {} sentences with {} phrases; found: {} phrases; correct: {}; off gold token boundaries: {}. ({:.2}s)",
        report.tokens,
        report.sentences,
        total.gold,
        total.found,
        total.correct,
        report.boundary_errors,
        report.seconds
    );
    let o = report.overall;
    println!(
        "{:>12}  precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}",
        "overall", o.precision, o.recall, o.f1
    );
    for (label, s) in &report.labels {
        println!(
            "{label:>12}  precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}  {}",
            s.precision, s.recall, s.f1, s.support
        );
    }
}
