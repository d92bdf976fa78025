//! Reading a term list for `--terms FILE`: JSON or TSV.
//!
//! JSON: `[{"text": "Acme", "label": "ORG"}, ...]`, or
//! `{"terms": [...], "deny": ["text", ...]}`.
//! TSV: one `text<TAB>LABEL` per line; the label `DENY` puts the text on the
//! deny list; empty lines and lines starting with `#` are skipped.

use crate::CliError;
use ner_highlight::corpus::without_bom;
use ner_highlight::{Label, Term, Terms};
use std::path::Path;

/// The object form of a JSON term list; any other key is an error (a
/// misspelt "terms" would otherwise be a list silently left unused).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonLists {
    #[serde(default)]
    terms: Vec<Term>,
    #[serde(default)]
    deny: Vec<String>,
}

/// Reads and compiles the term list in `path`.
pub fn read_terms(path: &Path) -> Result<Terms, CliError> {
    let name = path.display().to_string();
    let text = crate::read_file(path)?;
    let bad = |message: String| CliError::Data(format!("term list {name}: {message}"));
    let text = without_bom(&text);
    // Each form is read as itself, so that serde's message names the bad
    // label or the missing field and where it is.
    let (terms, deny) = match text.trim_start().chars().next() {
        Some('[') => (
            serde_json::from_str::<Vec<Term>>(text).map_err(|e| bad(e.to_string()))?,
            Vec::new(),
        ),
        Some('{') => {
            let lists: JsonLists = serde_json::from_str(text).map_err(|e| bad(e.to_string()))?;
            (lists.terms, lists.deny)
        }
        _ => parse_tsv(text).map_err(bad)?,
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
        // Spaces around the text would keep it off token boundaries: never found.
        let term = term.trim();
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
