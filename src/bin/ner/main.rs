//! `ner`: the command-line tool: extract entities from files or streams.

mod eval;
mod jsonl;
mod model_arg;
mod neural_inputs;
mod terms_file;
mod tokens;
mod train;

use clap::{Parser, Subcommand};
use model_arg::ModelArg;
use ner_highlight::extract::{StageTimings, DEFAULT_PIECE_BYTES};
use ner_highlight::text_file::{read_text_file, utf8_text, TextError};
use ner_highlight::{ExtractOptions, Label, OffsetUnit};
use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "ner",
    version,
    about = "Find people, places, organisations, dates and amounts in news text"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the entities of a text as JSON.
    Extract(ExtractArgs),
    /// Score a model on gold data (IOB2 or CoNLL-2003 files), as conlleval does.
    Eval(eval::EvalArgs),
    /// Train a model from gold IOB2 or CoNLL-2003 files.
    Train(train::TrainArgs),
    /// Print the tokens of each line of standard input, separated by spaces.
    Tokens(tokens::TokensArgs),
    /// Write gold data as the neural tagger's inputs, for scripts/neural/train.py.
    NeuralInputs(neural_inputs::NeuralInputsArgs),
}

#[derive(clap::Args)]
struct ExtractArgs {
    /// The text file to read; `-` or nothing reads standard input.
    file: Option<PathBuf>,
    /// The model: `news` (default, 18 OntoNotes labels), `conll` (PER, ORG, LOC, MISC), `none` (rules only) or a model file.
    #[arg(long, default_value = "news")]
    model: ModelArg,
    /// Unit of the offsets: utf8 (bytes), utf16 (JavaScript) or codepoint (Python).
    #[arg(long, default_value = "utf8")]
    offsets: OffsetUnit,
    /// Read JSON Lines `{"id":..,"text":..}` on standard input; write `{"id":..,"entities":[..]}` per line.
    #[arg(long)]
    jsonl: bool,
    /// Only these labels, comma-separated (for example PERSON,ORG,GPE).
    #[arg(long, value_delimiter = ',')]
    labels: Option<Vec<Label>>,
    /// Only entities scoring at least this (0 to 1).
    #[arg(long, default_value_t = 0.0, value_parser = parse_score)]
    min_score: f32,
    /// A term list (JSON or TSV) of names to find with their labels, and strings never to return.
    #[arg(long)]
    terms: Option<PathBuf>,
    /// Print the time of each pipeline stage to standard error (not with --jsonl).
    #[arg(long, conflicts_with = "jsonl")]
    timings: bool,
}

/// A score threshold: a number from 0 to 1.
pub(crate) fn parse_score(s: &str) -> Result<f32, String> {
    let score = s.parse::<f32>().map_err(|e| format!("not a number: {e}"))?;
    ExtractOptions::checked_min_score(score).map_err(|e| e.to_string())
}

/// Errors the tool reports before exiting with status 2.
#[derive(Debug)]
pub enum CliError {
    /// A file or standard input could not be read, or is not UTF-8.
    Text(TextError),
    /// A JSON Lines input line that is not `{"id":..,"text":..}`.
    BadJsonLine { line: usize, message: String },
    /// Writing the output failed.
    Write(io::Error),
    /// A model file could not be loaded.
    Model { path: String, message: String },
    /// Gold data could not be read or does not fit the text path.
    Data(String),
}

impl From<TextError> for CliError {
    fn from(e: TextError) -> Self {
        CliError::Text(e)
    }
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CliError::Text(e) => e.fmt(f),
            CliError::BadJsonLine { line, message } => {
                write!(f, "standard input, line {line}: {message}")
            }
            CliError::Write(e) => write!(f, "cannot write output: {e}"),
            CliError::Model { path, message } => write!(f, "cannot load model {path}: {message}"),
            CliError::Data(message) => f.write_str(message),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => run_extract(&args),
        Command::Eval(args) => eval::run(&args),
        Command::Train(args) => train::run(&args),
        Command::Tokens(args) => tokens::run(&args),
        Command::NeuralInputs(args) => neural_inputs::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Write(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ner: {e}");
            ExitCode::from(2)
        }
    }
}

fn run_extract(args: &ExtractArgs) -> Result<(), CliError> {
    let options = ExtractOptions {
        labels: args.labels.clone(),
        min_score: args.min_score,
        offsets: args.offsets,
    };
    let model = args.model.load()?;
    let terms = args
        .terms
        .as_deref()
        .map(terms_file::read_terms)
        .transpose()?;
    let mut extractor = model.extractor();
    if let Some(terms) = &terms {
        extractor = extractor.with_terms(terms);
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if args.jsonl {
        jsonl::extract_jsonl(&extractor, &options, &mut out)?;
    } else {
        let text = read_input(args.file.as_deref())?;
        let result = if args.timings {
            let (result, timings) = extractor.extract_timed(&text, &options);
            print_timings(&timings, &text);
            result
        } else {
            extractor.extract(&text, &options)
        };
        serde_json::to_writer(&mut out, &result).map_err(|e| CliError::Write(e.into()))?;
        writeln!(out).map_err(CliError::Write)?;
    }
    out.flush().map_err(CliError::Write)
}

/// Prints each stage's time, its share and the token rate to standard error.
fn print_timings(timings: &StageTimings, text: &str) {
    // Counted piece by piece, as the pipeline runs, so a long text is never tokenized whole.
    let tokens: usize = ner_highlight::extract::pieces(text, DEFAULT_PIECE_BYTES)
        .into_iter()
        .map(|piece| ner_highlight::tokenize::tokenize(&text[piece]).len())
        .sum();
    let total = timings.total().as_secs_f64();
    eprintln!("stage                          ms      share");
    for (name, time) in timings.stages() {
        let seconds = time.as_secs_f64();
        eprintln!(
            "{name:<26} {:>10.3} {:>9.1}%",
            seconds * 1e3,
            100.0 * seconds / total.max(f64::MIN_POSITIVE)
        );
    }
    eprintln!(
        "{:<26} {:>10.3}    ({tokens} tokens, {:.0} tokens/s)",
        "total",
        total * 1e3,
        tokens as f64 / total.max(f64::MIN_POSITIVE)
    );
}

/// Reads the whole input as UTF-8: the file, or standard input for `None` or `-`.
fn read_input(file: Option<&std::path::Path>) -> Result<String, CliError> {
    if let Some(path) = file.filter(|path| path.as_os_str() != "-") {
        return read_file(path);
    }
    let name = "standard input";
    let mut bytes = Vec::new();
    io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|source| TextError::Io {
            path: name.into(),
            source,
        })?;
    Ok(utf8_text(bytes, name)?)
}

/// Reads the file at `path` as UTF-8; an error names the file (and the byte
/// position of text that is not UTF-8).
pub(crate) fn read_file(path: &std::path::Path) -> Result<String, CliError> {
    Ok(read_text_file(path, &path.display().to_string())?)
}
