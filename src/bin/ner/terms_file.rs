//! Reading a term list for `--terms FILE`: JSON or TSV.
//!
//! JSON: `[{"text": "Acme", "label": "ORG"}, ...]`, or
//! `{"terms": [...], "deny": ["text", ...]}`.
//! TSV: one `text<TAB>LABEL` per line; the label `DENY` puts the text on the
//! deny list; empty lines and lines starting with `#` are skipped.

use crate::CliError;
use ner_highlight::{Label, Term, Terms};
use std::path::Path;

#[derive(serde::Deserialize)]
#[serde(untagged)]
enum JsonTerms {
    List(Vec<Term>),
    Lists {
        #[serde(default)]
        terms: Vec<Term>,
        #[serde(default)]
        deny: Vec<String>,
    },
}

/// Reads and compiles the term list in `path`.
pub fn read_terms(path: &Path) -> Result<Terms, CliError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| CliError::Read {
        path: name.clone(),
        source,
    })?;
    let bad = |message: String| CliError::Data(format!("term list {name}: {message}"));
    let (terms, deny) = if text.trim_start().starts_with(['[', '{']) {
        match serde_json::from_str::<JsonTerms>(&text).map_err(|e| bad(e.to_string()))? {
            JsonTerms::List(terms) => (terms, Vec::new()),
            JsonTerms::Lists { terms, deny } => (terms, deny),
        }
    } else {
        parse_tsv(&text).map_err(bad)?
    };
    Terms::new(&terms, &deny).map_err(|e| bad(e.to_string()))
}

fn parse_tsv(text: &str) -> Result<(Vec<Term>, Vec<String>), String> {
    let mut terms = Vec::new();
    let mut deny = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (term, label) = line
            .split_once('\t')
            .ok_or_else(|| format!("line {}: expected text<TAB>LABEL", i + 1))?;
        if label.trim() == "DENY" {
            deny.push(term.to_string());
            continue;
        }
        let label: Label = label
            .trim()
            .parse()
            .map_err(|e| format!("line {}: {e}", i + 1))?;
        terms.push(Term {
            text: term.to_string(),
            label,
        });
    }
    Ok((terms, deny))
}
