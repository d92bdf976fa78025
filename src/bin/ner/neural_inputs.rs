//! `ner neural-inputs`: gold data as the neural tagger reads it, for
//! `scripts/neural/train.py` (see `ner_highlight::train::write_tokens`).

use crate::CliError;
use ner_highlight::corpus::read_corpus;
use ner_highlight::models::built_in;
use ner_highlight::train::{vocabulary_from_vectors, write_tokens};
use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Arguments of `ner neural-inputs`.
#[derive(clap::Args)]
pub struct NeuralInputsArgs {
    /// Word vectors in GloVe's text format, gzipped or not.
    #[arg(long, default_value = "../shared/data/vectors/glove.6B.50d.txt.gz")]
    vectors: PathBuf,
    /// How many of the vectors' first (most frequent) words to keep.
    #[arg(long, default_value_t = 80_000)]
    vocabulary_words: usize,
    /// Gold data to write, as NAME=FILE (IOB2 or CoNLL-2003); repeatable.
    #[arg(long, required = true, value_parser = parse_named)]
    data: Vec<(String, PathBuf)>,
    /// Title Case and capitals copies of one sentence in N of the data named `train`.
    #[arg(long, default_value_t = 4)]
    case_copies_every: usize,
    /// Folder to write `vocabulary.tsv`, `base.txt` and NAME.tokens into.
    #[arg(long)]
    out: PathBuf,
}

fn parse_named(s: &str) -> Result<(String, PathBuf), String> {
    let (name, path) = s
        .split_once('=')
        .ok_or_else(|| format!("expected NAME=FILE, got {s:?}"))?;
    Ok((name.to_string(), PathBuf::from(path)))
}

fn io_error(path: &Path) -> impl Fn(std::io::Error) -> CliError + '_ {
    move |e| CliError::Data(format!("{}: {e}", path.display()))
}

/// Writes the vocabulary (its rows' line numbers in the vectors file and
/// keys) and each data file's token records.
pub fn run(args: &NeuralInputsArgs) -> Result<(), CliError> {
    let base = built_in("news").map_err(|e| CliError::Data(e.to_string()))?;
    std::fs::create_dir_all(&args.out).map_err(io_error(&args.out))?;
    let vectors = File::open(&args.vectors).map_err(io_error(&args.vectors))?;
    let read: Box<dyn std::io::Read> = if args.vectors.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::GzDecoder::new(vectors))
    } else {
        Box::new(vectors)
    };
    let (vocabulary, lines) = vocabulary_from_vectors(BufReader::new(read), args.vocabulary_words)
        .map_err(io_error(&args.vectors))?;
    let path = args.out.join("vocabulary.tsv");
    let mut out = BufWriter::new(File::create(&path).map_err(io_error(&path))?);
    for (line, key) in lines.iter().zip(vocabulary.keys()) {
        writeln!(out, "{line}\t{key}").map_err(io_error(&path))?;
    }
    out.flush().map_err(io_error(&path))?;
    eprintln!("{}: {} words", path.display(), vocabulary.len());
    // What the exporter records of the base model: its labels in tag order,
    // its name and the checksum its file ends with.
    let labels: Vec<&str> = base.labels().iter().map(|l| l.as_str()).collect();
    let path = args.out.join("base.txt");
    let checksum = ner_highlight::model::format::checksum_of_file(
        ner_highlight::models::built_in_bytes("news").unwrap_or_default(),
    )
    .unwrap_or_default();
    std::fs::write(&path, format!("news\n{checksum}\n{}\n", labels.join(",")))
        .map_err(io_error(&path))?;
    for (name, data) in &args.data {
        let docs = read_corpus(data).map_err(|e| CliError::Data(e.to_string()))?;
        let every = if name == "train" {
            args.case_copies_every
        } else {
            0
        };
        let path = args.out.join(format!("{name}.tokens"));
        let mut out = BufWriter::new(File::create(&path).map_err(io_error(&path))?);
        let sentences =
            write_tokens(&docs, every, base, &vocabulary, &mut out).map_err(io_error(&path))?;
        out.flush().map_err(io_error(&path))?;
        eprintln!("{}: {sentences} sentences", path.display());
    }
    Ok(())
}
