//! The `--model` argument: a built-in model's name or a model file.

use crate::CliError;
use ner_highlight::model::Model;
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
    /// A model file.
    File(PathBuf),
}

impl FromStr for ModelArg {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "none" => ModelArg::None,
            name if ner_highlight::models::BUILT_IN.contains(&name) => {
                ModelArg::BuiltIn(name.into())
            }
            path => ModelArg::File(PathBuf::from(path)),
        })
    }
}

impl ModelArg {
    /// Loads the model (`None` for rules alone).
    pub fn load(&self) -> Result<Option<Cow<'static, Model>>, CliError> {
        match self {
            ModelArg::None => Ok(None),
            ModelArg::BuiltIn(name) => {
                let model = ner_highlight::models::built_in(name).map_err(|e| CliError::Model {
                    path: name.clone(),
                    message: e.to_string(),
                })?;
                Ok(Some(Cow::Borrowed(model)))
            }
            ModelArg::File(path) => {
                let name = path.display().to_string();
                let bytes = std::fs::read(path).map_err(|e| CliError::Model {
                    message: if e.kind() == std::io::ErrorKind::NotFound {
                        format!(
                            "no such file, and not a built-in model (built in: {}, none)",
                            ner_highlight::models::BUILT_IN.join(", ")
                        )
                    } else {
                        e.to_string()
                    },
                    path: name.clone(),
                })?;
                let model = Model::from_bytes(&bytes).map_err(|e| CliError::Model {
                    path: name,
                    message: e.to_string(),
                })?;
                Ok(Some(Cow::Owned(model)))
            }
        }
    }
}
