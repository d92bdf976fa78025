//! The models built into the library, parsed once on first use.
//!
//! `news` (18 OntoNotes labels) is the default everywhere and is embedded in
//! the wasm build too; `conll` (PER, ORG, LOC, MISC) is embedded in native
//! builds only; in the browser it loads from bytes like any model file.

use crate::model::{Model, ModelError};
use std::sync::OnceLock;

/// Names of the built-in models.
#[cfg(not(target_arch = "wasm32"))]
pub const BUILT_IN: &[&str] = &["news", "conll"];
/// Names of the built-in models.
#[cfg(target_arch = "wasm32")]
pub const BUILT_IN: &[&str] = &["news"];

/// The `news` model file, trained on OntoNotes 5 (see models/news.md).
pub static NEWS_BYTES: &[u8] = include_bytes!("../models/news.nermodel");

/// The `conll` model file, trained on CoNLL-2003 (see models/conll.md).
#[cfg(not(target_arch = "wasm32"))]
pub static CONLL_BYTES: &[u8] = include_bytes!("../models/conll.nermodel");

/// Why a built-in model is not available.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BuiltInError {
    /// No built-in model has this name.
    Unknown(String),
    /// The embedded bytes do not load (a build with stale model files).
    Invalid(ModelError),
}

impl std::fmt::Display for BuiltInError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuiltInError::Unknown(name) => write!(
                f,
                "no built-in model {name:?} (built in: {})",
                BUILT_IN.join(", ")
            ),
            BuiltInError::Invalid(e) => write!(f, "built-in model does not load: {e}"),
        }
    }
}

impl std::error::Error for BuiltInError {}

/// The built-in model `name`, parsed on first use.
pub fn built_in(name: &str) -> Result<&'static Model, BuiltInError> {
    static NEWS: OnceLock<Result<Model, ModelError>> = OnceLock::new();
    #[cfg(not(target_arch = "wasm32"))]
    static CONLL: OnceLock<Result<Model, ModelError>> = OnceLock::new();
    let loaded = match name {
        "news" => NEWS.get_or_init(|| Model::from_static_bytes(NEWS_BYTES)),
        #[cfg(not(target_arch = "wasm32"))]
        "conll" => CONLL.get_or_init(|| Model::from_static_bytes(CONLL_BYTES)),
        other => return Err(BuiltInError::Unknown(other.to_string())),
    };
    loaded
        .as_ref()
        .map_err(|e| BuiltInError::Invalid(e.clone()))
}
