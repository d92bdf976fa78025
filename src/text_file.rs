//! Reading text as UTF-8, with errors that name where it came from: one
//! place for the corpus reader and the command line.
//!
//! ```
//! use ner_highlight::text_file::{utf8_text, TextError};
//!
//! assert_eq!(utf8_text(b"Paris".to_vec(), "input").unwrap(), "Paris");
//! let error = utf8_text(b"Par\xffis".to_vec(), "input").unwrap_err();
//! assert!(matches!(error, TextError::NotUtf8 { position: 3, .. }));
//! assert_eq!(error.to_string(), "input is not UTF-8: invalid byte at position 3");
//! ```

use std::fmt;
use std::path::Path;

/// Why a text could not be read.
#[derive(Debug)]
pub enum TextError {
    /// The bytes could not be read.
    Io {
        /// Where they came from (a file's path, "standard input").
        path: String,
        /// What went wrong.
        source: std::io::Error,
    },
    /// The bytes are not UTF-8.
    NotUtf8 {
        /// Where they came from.
        path: String,
        /// The byte offset of the first byte that is not.
        position: usize,
    },
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextError::Io { path, source } => write!(f, "cannot read {path}: {source}"),
            TextError::NotUtf8 { path, position } => {
                write!(
                    f,
                    "{path} is not UTF-8: invalid byte at position {position}"
                )
            }
        }
    }
}

/// The message says it all (with the I/O error's own text), so no `source()`.
impl std::error::Error for TextError {}

/// The text of the file at `path`, called `name` in errors.
pub fn read_text_file(path: &Path, name: &str) -> Result<String, TextError> {
    let bytes = std::fs::read(path).map_err(|source| TextError::Io {
        path: name.to_string(),
        source,
    })?;
    utf8_text(bytes, name)
}

/// `bytes` as text, or an error naming `name` and the first byte that is not UTF-8.
pub fn utf8_text(bytes: Vec<u8>, name: &str) -> Result<String, TextError> {
    String::from_utf8(bytes).map_err(|e| TextError::NotUtf8 {
        path: name.to_string(),
        position: e.utf8_error().valid_up_to(),
    })
}
