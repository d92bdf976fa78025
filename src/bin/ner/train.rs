//! `ner train`: trains a model file from gold data, with a progress bar.

use crate::CliError;
use indicatif::{ProgressBar, ProgressStyle};
use ner_highlight::corpus::{read_corpus, read_token_sentences};
use ner_highlight::model::clusters::{ClusterIds, Clusters, MAX_LEVELS};
use ner_highlight::model::gazetteer::Gazetteer;
use ner_highlight::model::truecase::CaseTable;
use ner_highlight::train::{
    learn_clusters, load_gazetteers, read_word_reps, train, ClusterOptions, TrainOptions, Training,
    UnreachableGold, WordRepOptions,
};
use std::path::PathBuf;
use std::time::Instant;

/// Arguments of `ner train`.
#[derive(clap::Args)]
pub struct TrainArgs {
    /// Gold training data (IOB2 or CoNLL-2003); repeat for several files.
    #[arg(long, required = true)]
    data: Vec<PathBuf>,
    /// Where to write the model file.
    #[arg(long)]
    out: PathBuf,
    /// The model's short name.
    #[arg(long)]
    name: String,
    /// Free text stored in the model: training data and its licence terms.
    #[arg(long, default_value = "")]
    description: String,
    /// Passes over the data (at least 1).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    epochs: u32,
    /// Seed of the shuffling between passes.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Folder of gazetteer lists; `none` trains without gazetteer features.
    /// The default is relative to the folder `ner` runs in.
    #[arg(long, default_value = "../shared/data/gazetteers")]
    gazetteers: String,
    /// Number of word clusters learned from the text (0: none).
    #[arg(long, default_value_t = 256)]
    clusters: usize,
    /// More text for the word clusters only (annotated files; labels are ignored).
    #[arg(long)]
    cluster_data: Vec<PathBuf>,
    /// Word representations learned from unlabelled text (`make word-reps`
    /// writes models/word-reps.tsv.gz): cluster ids and case profiles.
    #[arg(long)]
    word_reps: Option<PathBuf>,
    /// The cluster columns of --word-reps to use, in level order (after the
    /// clusters learned with --clusters, if any); `none` for none.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "w2v256,w2v64,w2v1024,w2v4096,glove256,glove1024"
    )]
    word_rep_columns: Vec<String>,
    /// Only the most frequent words of --word-reps (a frequency cut-off).
    #[arg(long)]
    word_rep_words: Option<usize>,
    /// Do not read the case profiles of --word-reps (no truecasing of
    /// headlines and capitals).
    #[arg(long)]
    no_truecase: bool,
    /// Also learn from a copy of one sentence in N in Title Case and of as
    /// many others in capitals (0: none).
    #[arg(long, default_value_t = 0)]
    case_copies_every: usize,
    /// Greedy training only: what to learn where the tags predicted so far
    /// rule out the gold tag [default: nearest].
    #[arg(long, value_enum)]
    unreachable_gold: Option<UnreachableGoldArg>,
    /// How training decodes each sentence.
    #[arg(long, value_enum, default_value_t = TrainingArg::Greedy)]
    training: TrainingArg,
    /// Drop quantised weights of this magnitude or less (of 127), for a
    /// smaller model; 0 drops only zeros.
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u8).range(0..127))]
    min_weight: u8,
}

/// `--training`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum TrainingArg {
    /// Left to right, one update per wrong tag.
    Greedy,
    /// The tagger's beam as a structured perceptron; update where gold leaves the beam.
    Early,
    /// The tagger's beam; update where the best wrong prefix beats gold most.
    MaxViolation,
}

/// `--unreachable-gold`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum UnreachableGoldArg {
    /// Learn towards the allowed tag nearest to gold.
    Nearest,
    /// Learn nothing at that token.
    Skip,
}

/// Runs `ner train`.
pub fn run(args: &TrainArgs) -> Result<(), CliError> {
    if args.unreachable_gold.is_some() && args.training != TrainingArg::Greedy {
        return Err(CliError::Data(
            "--unreachable-gold applies to --training greedy only".to_string(),
        ));
    }
    let started = Instant::now();
    let mut docs = Vec::new();
    for path in &args.data {
        docs.extend(read_corpus(path).map_err(|e| CliError::Data(e.to_string()))?);
    }
    // Nothing to learn from is an error, not a model that knows nothing.
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    let entities: usize = docs
        .iter()
        .flat_map(|d| &d.sentences)
        .map(|s| s.entities.len())
        .sum();
    if entities == 0 {
        return Err(CliError::Data(format!(
            "no entities to learn from in the training data ({sentences} sentences)"
        )));
    }
    let gazetteer = if args.gazetteers == "none" {
        Gazetteer::default()
    } else {
        load_gazetteers(args.gazetteers.as_ref()).map_err(|e| {
            CliError::Data(format!(
                "{e} (--gazetteers {} is read from the folder ner runs in; --gazetteers none trains without)",
                args.gazetteers
            ))
        })?
    };
    let mut clusters = if args.clusters == 0 {
        Default::default()
    } else {
        let mut extra: Vec<Vec<String>> = Vec::new();
        for path in &args.cluster_data {
            extra.extend(read_token_sentences(path).map_err(|e| CliError::Data(e.to_string()))?);
        }
        let labelled = docs
            .iter()
            .flat_map(|d| &d.sentences)
            .map(|s| s.tokens.as_slice());
        let text = labelled.chain(extra.iter().map(|s| s.as_slice()));
        let options = ClusterOptions {
            fine: args.clusters,
            seed: args.seed,
            ..ClusterOptions::default()
        };
        let clusters = learn_clusters(text, &options);
        eprintln!(
            "word clusters: {} words in {} clusters ({:.1}s)",
            clusters.len(),
            args.clusters,
            started.elapsed().as_secs_f64()
        );
        clusters
    };
    let mut case = CaseTable::default();
    if let Some(path) = &args.word_reps {
        let columns: Vec<String> = args
            .word_rep_columns
            .iter()
            .filter(|c| c.as_str() != "none")
            .cloned()
            .collect();
        if clusters.levels + columns.len() > MAX_LEVELS {
            return Err(CliError::Data(format!(
                "at most {MAX_LEVELS} cluster levels in all (--clusters gives 2)"
            )));
        }
        let options = WordRepOptions {
            columns: columns.clone(),
            max_words: args.word_rep_words,
            case: !args.no_truecase,
        };
        let (table, profiles) =
            read_word_reps(path, &options).map_err(|e| CliError::Data(e.to_string()))?;
        eprintln!(
            "word representations: {} words with clusters ({}), {} with case profiles",
            table.len(),
            if columns.is_empty() {
                "no columns".to_string()
            } else {
                columns.join(", ")
            },
            profiles.len()
        );
        clusters = append_levels(clusters, table);
        case = profiles;
    }
    eprintln!(
        "training {:?} on {} documents, {} sentences; gazetteer: {} entries; {} epochs, seed {}",
        args.name,
        docs.len(),
        sentences,
        gazetteer.entries.len(),
        args.epochs,
        args.seed
    );
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template(
            "epoch {prefix} [{bar:30}] {pos}/{len} tokens  {msg}  ({elapsed}, eta {eta})",
        )
        .expect("valid template")
        .progress_chars("=> "),
    );
    let options = TrainOptions {
        epochs: args.epochs as usize,
        seed: args.seed,
        name: args.name.clone(),
        description: args.description.clone(),
        unreachable_gold: match args.unreachable_gold {
            Some(UnreachableGoldArg::Skip) => UnreachableGold::Skip,
            Some(UnreachableGoldArg::Nearest) | None => UnreachableGold::Nearest,
        },
        training: match args.training {
            TrainingArg::Greedy => Training::Greedy,
            TrainingArg::Early => Training::EarlyUpdate,
            TrainingArg::MaxViolation => Training::MaxViolation,
        },
        min_weight: args.min_weight,
        case_copies_every: args.case_copies_every,
    };
    let mut last_epoch = 0;
    let (model, summary) = train(&docs, gazetteer, clusters, case, &options, &mut |p| {
        if p.epoch != last_epoch {
            if last_epoch > 0 {
                bar.println(format!("epoch {last_epoch}: {}", bar.message()));
            }
            last_epoch = p.epoch;
            bar.set_length(p.tokens_total as u64);
            bar.set_prefix(format!("{}/{}", p.epoch, args.epochs));
        }
        bar.set_position(p.tokens_done as u64);
        let accuracy = 100.0 * (1.0 - p.errors as f64 / p.tokens_done.max(1) as f64);
        bar.set_message(format!("train accuracy {accuracy:.2}%"));
    })
    .map_err(|e| CliError::Data(e.to_string()))?;
    bar.finish_and_clear();
    let bytes = model.to_bytes();
    std::fs::write(&args.out, &bytes)
        .map_err(|e| CliError::Data(format!("cannot write {}: {e}", args.out.display())))?;
    eprintln!(
        "wrote {} ({} bytes): {} feature rows, {} weights; last epoch train accuracy {:.2}%",
        args.out.display(),
        bytes.len(),
        summary.rows,
        summary.weights,
        100.0 * summary.last_epoch_accuracy
    );
    eprintln!(
        "time {:.1}s, peak memory {}",
        started.elapsed().as_secs_f64(),
        peak_memory().unwrap_or_else(|| "unknown".into())
    );
    Ok(())
}

/// The process's peak resident memory, from /proc (Linux).
fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(format!("{:.0} MiB", kb / 1024.0))
}

/// The levels of `more` after those of `first`, for every word in either
/// (ids 0 where a word is in one only).
fn append_levels(first: Clusters, more: Clusters) -> Clusters {
    let levels = first.levels + more.levels;
    let mut words: Vec<(u32, ClusterIds)> = first.words().collect();
    words.extend(
        more.words()
            .filter(|(key, _)| first.get(*key).is_none())
            .map(|(key, _)| (key, ClusterIds::default())),
    );
    for (key, ids) in &mut words {
        if let Some(extra) = more.get(*key) {
            ids.0[first.levels..levels].copy_from_slice(&extra.0[..more.levels]);
        }
    }
    Clusters::new(levels, words)
}
