//! A model of either kind, linear (`news`, `conll`) or neural (`news-lg`),
//! built in or read from a model file's bytes: what the command line, the
//! JavaScript and the Python bindings load and run.

use crate::extract::Extractor;
use crate::label::Label;
use crate::model::{Model, ModelError};
use crate::neural::{NeuralModel, NeuralModelError};
use std::borrow::Cow;
use std::fmt;

/// A linear or neural model, borrowed (a built-in one) or owned (read from bytes).
#[derive(Clone, Debug)]
pub enum AnyModel {
    /// A linear model (`news`, `conll`).
    Linear(Cow<'static, Model>),
    /// A neural model (`news-lg`).
    Neural(Cow<'static, NeuralModel>),
}

/// Why model file bytes could not be loaded, by the kind of file they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnyModelError {
    /// A linear model file (or not a model file at all).
    Linear(ModelError),
    /// A neural model file.
    Neural(NeuralModelError),
}

impl fmt::Display for AnyModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnyModelError::Linear(e) => e.fmt(f),
            AnyModelError::Neural(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for AnyModelError {}

impl AnyModel {
    /// Parses and validates a model file of either kind (told apart by its first bytes).
    pub fn from_bytes(bytes: &[u8]) -> Result<AnyModel, AnyModelError> {
        if NeuralModel::is_neural_file(bytes) {
            NeuralModel::from_bytes(bytes)
                .map(|m| AnyModel::Neural(Cow::Owned(m)))
                .map_err(AnyModelError::Neural)
        } else {
            Model::from_bytes(bytes)
                .map(|m| AnyModel::Linear(Cow::Owned(m)))
                .map_err(AnyModelError::Linear)
        }
    }

    /// The model's short name, as written in its file.
    pub fn name(&self) -> &str {
        match self {
            AnyModel::Linear(m) => m.name(),
            AnyModel::Neural(m) => m.name(),
        }
    }

    /// The labels the model assigns (the rule recognisers add numeric ones).
    pub fn labels(&self) -> &[Label] {
        match self {
            AnyModel::Linear(m) => m.labels(),
            AnyModel::Neural(m) => m.labels(),
        }
    }

    /// An extractor running this model.
    pub fn extractor(&self) -> Extractor<'_> {
        match self {
            AnyModel::Linear(m) => Extractor::new(Some(m)),
            AnyModel::Neural(m) => Extractor::neural(m),
        }
    }
}
