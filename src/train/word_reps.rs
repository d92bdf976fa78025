//! Reading the word representations learned from unlabelled text
//! (`models/word-reps.tsv.gz`, written by `scripts/word_reps.py`): cluster
//! ids at several granularities and case profiles, by word.
//!
//! The file is gzip-compressed text: `#` comment lines, a header `word lower
//! caps COLUMN...`, then one row per word, most frequent first: the word (as
//! the tagger's `norm`), the tenths of its uses in lower case and in
//! capitals (-1: too rare), and one cluster id per column (from 1; 0: none).

use crate::model::clusters::{ClusterIds, Clusters, MAX_LEVELS};
use crate::model::features::TokenInfo;
use crate::model::hash::fingerprint;
use crate::model::truecase::{CaseProfile, CaseTable};
use std::fmt;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

/// Which parts of the file to use.
#[derive(Clone, Debug, Default)]
pub struct WordRepOptions {
    /// The cluster columns to use, in level order (empty: none).
    pub columns: Vec<String>,
    /// Only the first (most frequent) words; `None`: all.
    pub max_words: Option<usize>,
    /// Whether to read the case profiles.
    pub case: bool,
}

/// Why the file could not be used.
#[derive(Debug)]
pub enum WordRepError {
    /// The file could not be read.
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// A line does not fit the format.
    Format {
        /// The file.
        path: PathBuf,
        /// The line, from 1 (0: the file as a whole).
        line: usize,
        /// What is wrong with it.
        message: String,
    },
}

impl fmt::Display for WordRepError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WordRepError::Io { path, source } => {
                write!(f, "cannot read {}: {source}", path.display())
            }
            WordRepError::Format {
                path,
                line,
                message,
            } => {
                write!(f, "{}:{line}: {message}", path.display())
            }
        }
    }
}

impl std::error::Error for WordRepError {}

/// Reads the clusters of the chosen columns and the case profiles.
pub fn read_word_reps(
    path: &Path,
    options: &WordRepOptions,
) -> Result<(Clusters, CaseTable), WordRepError> {
    let io = |source| WordRepError::Io {
        path: path.to_path_buf(),
        source,
    };
    let format = |line: usize, message: String| WordRepError::Format {
        path: path.to_path_buf(),
        line,
        message,
    };
    if options.columns.len() > MAX_LEVELS {
        return Err(format(0, format!("at most {MAX_LEVELS} cluster columns")));
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let reader = BufReader::new(flate2::read::MultiGzDecoder::new(file));
    let mut clusters: Vec<(u32, ClusterIds)> = Vec::new();
    let mut case = Vec::new();
    let mut picked: Option<Vec<usize>> = None;
    let mut words = 0;
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(io)?;
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let Some(columns) = &picked else {
            if fields.get(..3) != Some(&["word", "lower", "caps"][..]) {
                return Err(format(
                    n + 1,
                    "expected the header: word, lower, caps, ...".into(),
                ));
            }
            let found = options
                .columns
                .iter()
                .map(|c| {
                    fields.iter().position(|f| f == c).ok_or_else(|| {
                        format(
                            n + 1,
                            format!("no column {c:?} (the file has {})", fields[3..].join(", ")),
                        )
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            picked = Some(found);
            continue;
        };
        if options.max_words.is_some_and(|max| words >= max) {
            break;
        }
        words += 1;
        let number = |i: usize| -> Result<i32, WordRepError> {
            fields
                .get(i)
                .and_then(|f| f.parse::<i32>().ok())
                .ok_or_else(|| format(n + 1, format!("field {} is not a number", i + 1)))
        };
        let key = fingerprint(TokenInfo::new(fields[0]).norm);
        if options.case {
            let (lower, caps) = (number(1)?, number(2)?);
            if (0..=10).contains(&lower) && (0..=10 - lower).contains(&caps) {
                let profile = CaseProfile {
                    lower: lower as u8,
                    caps: caps as u8,
                };
                case.push((key, profile));
            }
        }
        if !columns.is_empty() {
            let mut ids = ClusterIds::default();
            for (level, &column) in columns.iter().enumerate() {
                let id = number(column)?;
                ids.0[level] = u16::try_from(id)
                    .map_err(|_| format(n + 1, format!("cluster id {id} out of range")))?;
            }
            clusters.push((key, ids));
        }
    }
    if picked.is_none() {
        return Err(format(0, "no header line".into()));
    }
    Ok((
        Clusters::new(options.columns.len(), clusters),
        CaseTable::new(case),
    ))
}
