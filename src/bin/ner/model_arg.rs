//! The `--model` argument: a built-in model's name or a model file.

use crate::CliError;
use ner_highlight::models::{BUILT_IN, BUILT_IN_NEURAL};
use ner_highlight::{AnyModel, Extractor};
use std::borrow::Cow;
use std::path::PathBuf;
use std::str::FromStr;

/// Which model to run.
#[derive(Clone, Debug)]
pub enum ModelArg {
    /// A model built into the tool, by name.
    BuiltIn(String),
    /// Rules alone, no model.
    None,
    /// A model file (linear or neural).
    File(PathBuf),
}

/// A loaded model, or none (rules alone).
pub struct LoadedModel(Option<AnyModel>);

impl LoadedModel {
    /// An extractor running this model (or the rules alone).
    pub fn extractor(&self) -> Extractor<'_> {
        match &self.0 {
            None => Extractor::new(None),
            Some(model) => model.extractor(),
        }
    }
}

impl FromStr for ModelArg {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "none" => ModelArg::None,
            name if BUILT_IN.contains(&name) || BUILT_IN_NEURAL.contains(&name) => {
                ModelArg::BuiltIn(name.into())
            }
            path => ModelArg::File(PathBuf::from(path)),
        })
    }
}

impl ModelArg {
    /// Loads the model.
    pub fn load(&self) -> Result<LoadedModel, CliError> {
        match self {
            ModelArg::None => Ok(LoadedModel(None)),
            ModelArg::BuiltIn(name) => {
                let error = |message: String| CliError::Model {
                    path: name.clone(),
                    message,
                };
                if BUILT_IN_NEURAL.contains(&name.as_str()) {
                    let model = ner_highlight::models::built_in_neural(name)
                        .map_err(|e| error(e.to_string()))?;
                    return Ok(LoadedModel(Some(AnyModel::Neural(Cow::Borrowed(model)))));
                }
                let model =
                    ner_highlight::models::built_in(name).map_err(|e| error(e.to_string()))?;
                Ok(LoadedModel(Some(AnyModel::Linear(Cow::Borrowed(model)))))
            }
            ModelArg::File(path) => {
                let name = path.display().to_string();
                let bytes = std::fs::read(path).map_err(|e| CliError::Model {
                    message: if e.kind() == std::io::ErrorKind::NotFound {
                        format!(
                            "no such file, and not a built-in model (built in: {}, {}, none)",
                            BUILT_IN.join(", "),
                            BUILT_IN_NEURAL.join(", ")
                        )
                    } else {
                        e.to_string()
                    },
                    path: name.clone(),
                })?;
                let model = AnyModel::from_bytes(&bytes).map_err(|e| CliError::Model {
                    path: name,
                    message: e.to_string(),
                })?;
                Ok(LoadedModel(Some(model)))
            }
        }
    }
}
