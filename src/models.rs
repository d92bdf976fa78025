//! The models built into the library, parsed once on first use.
//!
//! `news` (18 OntoNotes labels) is the default everywhere and is embedded in
//! the wasm build too; `conll` (PER, ORG, LOC, MISC) is embedded in native
//! builds only; in the browser it loads from bytes like any model file. The
//! neural `news-lg` is built into native builds only (the command-line tool);
//! in the browser it is fetched when asked for.

use crate::model::{Model, ModelError};
#[cfg(not(target_arch = "wasm32"))]
use crate::neural::{NeuralModel, NeuralModelError};
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

/// Names of the built-in neural models (native builds only: in the
/// browser `news-lg` loads from bytes, fetched when asked for).
#[cfg(not(target_arch = "wasm32"))]
pub const BUILT_IN_NEURAL: &[&str] = &["news-lg"];
/// Names of the built-in neural models.
#[cfg(target_arch = "wasm32")]
pub const BUILT_IN_NEURAL: &[&str] = &[];

/// The `news-lg` model file, a neural tagger trained on OntoNotes 5 (see models/news-lg.md).
#[cfg(not(target_arch = "wasm32"))]
pub static NEWS_LG_BYTES: &[u8] = include_bytes!("../models/news-lg.nermodel");

/// The built-in neural model `name`, parsed on first use.
#[cfg(not(target_arch = "wasm32"))]
pub fn built_in_neural(name: &str) -> Result<&'static NeuralModel, BuiltInNeuralError> {
    static NEWS_LG: OnceLock<Result<NeuralModel, NeuralModelError>> = OnceLock::new();
    let loaded = match name {
        "news-lg" => NEWS_LG.get_or_init(|| NeuralModel::from_bytes(NEWS_LG_BYTES)),
        other => return Err(BuiltInNeuralError::Unknown(other.to_string())),
    };
    loaded
        .as_ref()
        .map_err(|e| BuiltInNeuralError::Invalid(e.clone()))
}

/// Why a built-in neural model is not available.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BuiltInNeuralError {
    /// No built-in neural model has this name.
    Unknown(String),
    /// The embedded bytes do not load.
    Invalid(NeuralModelError),
}

#[cfg(not(target_arch = "wasm32"))]
impl std::fmt::Display for BuiltInNeuralError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuiltInNeuralError::Unknown(name) => write!(
                f,
                "no built-in neural model {name:?} (built in: {})",
                BUILT_IN_NEURAL.join(", ")
            ),
            BuiltInNeuralError::Invalid(e) => write!(f, "built-in model does not load: {e}"),
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl std::error::Error for BuiltInNeuralError {}

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

/// The file bytes of the built-in model `name`.
pub fn built_in_bytes(name: &str) -> Option<&'static [u8]> {
    match name {
        "news" => Some(NEWS_BYTES),
        #[cfg(not(target_arch = "wasm32"))]
        "conll" => Some(CONLL_BYTES),
        _ => None,
    }
}

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
