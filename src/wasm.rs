//! JavaScript bindings (wasm32 only): `extract(text, options)` with a built-in
//! model, and the `Model` class for a model file loaded from bytes (a linear
//! model such as `conll`, or the neural `news-lg`).
//!
//! Strings from JavaScript are UTF-16 and may hold lone surrogates, which
//! UTF-8 cannot: wasm-bindgen's TextEncoder turns each into U+FFFD. That is
//! one UTF-16 code unit and one code point, as the surrogate was, so UTF-16
//! and code-point offsets still index the caller's own string exactly; the
//! JavaScript wrapper (js/index.js) takes each entity's `text` from that string.

use crate::any_model::AnyModel;
use crate::extract::{ExtractOptions, Extractor};
use crate::label::Label;
use crate::models;
use crate::offsets::OffsetUnit;
use crate::terms::{Term, Terms};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// Options as JavaScript passes them; every field may be left out.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct JsOptions {
    labels: Option<Vec<Label>>,
    min_score: Option<f32>,
    offsets: Option<OffsetUnit>,
    model: Option<String>,
    terms: Option<Vec<Term>>,
    deny: Option<Vec<String>>,
}

impl JsOptions {
    /// The term list of `terms` and `deny`, if either is given.
    fn term_list(&mut self) -> Result<Option<Terms>, JsError> {
        if self.terms.is_none() && self.deny.is_none() {
            return Ok(None);
        }
        let terms = self.terms.take().unwrap_or_default();
        let deny = self.deny.take().unwrap_or_default();
        Terms::new(&terms, &deny)
            .map(Some)
            .map_err(|e| JsError::new(&format!("invalid options: {e}")))
    }

    /// The pipeline's options (everything but the model and the terms).
    fn extract_options(self) -> ExtractOptions {
        ExtractOptions {
            labels: self.labels,
            min_score: self.min_score.unwrap_or(0.0),
            offsets: self.offsets.unwrap_or(OffsetUnit::Utf16),
        }
    }
}

/// The option names `JsOptions` knows, for the error on any other.
const OPTION_NAMES: &[&str] = &[
    "labels",
    "minScore",
    "offsets",
    "model",
    "terms",
    "deny",
    "onProgress",
];

/// `options.onProgress`, if it is a function: called as `onProgress(done, total)`
/// with UTF-8 bytes after each piece of a long text.
fn progress_callback(options: &JsValue) -> Result<Option<js_sys::Function>, JsError> {
    if !options.is_object() {
        return Ok(None);
    }
    let value = js_sys::Reflect::get(options, &JsValue::from_str("onProgress"))
        .map_err(|_| JsError::new("invalid options: cannot read onProgress"))?;
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value
        .dyn_into::<js_sys::Function>()
        .map(Some)
        .map_err(|_| JsError::new("invalid options: onProgress must be a function"))
}

/// Reads the options object; `undefined` and `null` mean the defaults.
fn parse_options(options: JsValue) -> Result<(JsOptions, Option<js_sys::Function>), JsError> {
    let progress = progress_callback(&options)?;
    Ok((parse_fields(options)?, progress))
}

/// Reads the options' data fields (everything but `onProgress`).
fn parse_fields(options: JsValue) -> Result<JsOptions, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(JsOptions::default());
    }
    if !options.is_object() {
        return Err(JsError::new("invalid options: expected an object"));
    }
    // serde-wasm-bindgen reads only the fields it knows, so look for others here.
    let object: &js_sys::Object = options.unchecked_ref();
    for key in js_sys::Object::keys(object).iter() {
        let key = key.as_string().unwrap_or_default();
        if !OPTION_NAMES.contains(&key.as_str()) {
            return Err(JsError::new(&format!(
                "invalid options: unknown option {key:?}, expected one of {}",
                OPTION_NAMES.join(", ")
            )));
        }
    }
    // The lists must be arrays: serde-wasm-bindgen's own error for a string
    // or a number there names none of them.
    for key in ["labels", "terms", "deny"] {
        let value = js_sys::Reflect::get(object, &JsValue::from_str(key))
            .map_err(|_| JsError::new(&format!("invalid options: cannot read {key}")))?;
        if !(value.is_undefined() || value.is_null() || js_sys::Array::is_array(&value)) {
            return Err(JsError::new(&format!(
                "invalid options: {key} must be an array"
            )));
        }
    }
    let fields: JsOptions = serde_wasm_bindgen::from_value(options)
        .map_err(|e| JsError::new(&format!("invalid options: {e}")))?;
    if let Some(score) = fields.min_score {
        ExtractOptions::checked_min_score(score).map_err(|e| {
            JsError::new(&format!(
                "invalid options: minScore must be a number from 0 to 1, got {}",
                e.0
            ))
        })?;
    }
    Ok(fields)
}

/// Runs `extractor` over `text` and hands the result to JavaScript as plain
/// objects; calls `progress` after each piece of the text, and throws what
/// it threw, if anything, once the extraction is done.
fn run(
    extractor: Extractor,
    text: &str,
    mut options: JsOptions,
    progress: Option<js_sys::Function>,
) -> Result<JsValue, JsError> {
    let terms = options.term_list()?;
    let mut extractor = extractor;
    if let Some(terms) = &terms {
        extractor = extractor.with_terms(terms);
    }
    let mut thrown = None;
    let mut report = |done: usize, total: usize| {
        if let (Some(f), None) = (&progress, &thrown) {
            if let Err(e) = f.call2(&JsValue::NULL, &done.into(), &total.into()) {
                thrown = Some(e);
            }
        }
    };
    let result = extractor.extract_with_progress(text, &options.extract_options(), &mut report);
    if let Some(error) = thrown {
        let message = js_sys::Error::from(error)
            .message()
            .as_string()
            .unwrap_or_default();
        return Err(JsError::new(&format!("onProgress threw: {message}")));
    }
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    result
        .serialize(&serializer)
        .map_err(|e| JsError::new(&format!("could not return the result: {e}")))
}

/// Finds the entities in `text` with a built-in model (`options.model`,
/// `news` by default). Offsets count UTF-16 code units unless
/// `options.offsets` says otherwise, so `text.slice(e.start, e.end) === e.text`.
#[wasm_bindgen(js_name = extract)]
pub fn extract_js(text: &str, options: JsValue) -> Result<JsValue, JsError> {
    let (mut options, progress) = parse_options(options)?;
    let name = options.model.take().unwrap_or_else(|| "news".to_string());
    let model = models::built_in(&name).map_err(|e| {
        let hint = if name == "news-lg" {
            " (news-lg is not built in: fetch its file and pass it to loadModel)"
        } else {
            ""
        };
        JsError::new(&format!("{e}{hint}"))
    })?;
    run(Extractor::new(Some(model)), text, options, progress)
}

/// A model loaded from the bytes of a model file; parsed once, used for many calls.
#[wasm_bindgen(js_name = Model)]
pub struct JsModel {
    model: AnyModel,
}

#[wasm_bindgen(js_class = Model)]
impl JsModel {
    /// Parses and validates a model file; throws an Error saying what is wrong with it.
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: &[u8]) -> Result<JsModel, JsError> {
        let model = AnyModel::from_bytes(bytes)
            .map_err(|e| JsError::new(&format!("invalid model file: {e}")))?;
        Ok(JsModel { model })
    }

    /// The model's short name, as written in its file.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.model.name().to_string()
    }

    /// The labels the model assigns (the rule recognisers add numeric ones).
    #[wasm_bindgen(getter)]
    pub fn labels(&self) -> Vec<String> {
        self.model
            .labels()
            .iter()
            .map(|l| l.as_str().to_string())
            .collect()
    }

    /// Finds the entities in `text` with this model; `options` as for `extract`,
    /// without `model`.
    pub fn extract(&self, text: &str, options: JsValue) -> Result<JsValue, JsError> {
        let (options, progress) = parse_options(options)?;
        if options.model.is_some() {
            return Err(JsError::new(
                "invalid options: `model` cannot be given to Model.extract",
            ));
        }
        run(self.model.extractor(), text, options, progress)
    }
}
