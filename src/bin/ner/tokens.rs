//! `ner tokens`: the tokenizer's view of a text, for the scripts that learn
//! word representations from unlabelled text (`scripts/word_reps.py`), so
//! that they count the very words the tagger will look up.

use crate::CliError;
use ner_highlight::tokenize::tokenize;
use std::io::{self, BufRead, Write};

/// Arguments of `ner tokens`.
#[derive(clap::Args)]
pub struct TokensArgs {}

/// Reads standard input line by line and writes each line's tokens, joined
/// by single spaces (a token never holds whitespace), one line per line.
/// Lines that are not UTF-8 are read with replacement characters.
pub fn run(_args: &TokensArgs) -> Result<(), CliError> {
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut bytes = Vec::new();
    loop {
        bytes.clear();
        let read = input.read_until(b'\n', &mut bytes).map_err(|source| {
            CliError::Text(ner_highlight::text_file::TextError::Io {
                path: "standard input".into(),
                source,
            })
        })?;
        if read == 0 {
            break;
        }
        let line = String::from_utf8_lossy(&bytes);
        let line = line.trim_end_matches(['\n', '\r']);
        let mut first = true;
        for token in tokenize(line) {
            if !first {
                out.write_all(b" ").map_err(CliError::Write)?;
            }
            first = false;
            out.write_all(token.text(line).as_bytes())
                .map_err(CliError::Write)?;
        }
        out.write_all(b"\n").map_err(CliError::Write)?;
    }
    out.flush().map_err(CliError::Write)
}
