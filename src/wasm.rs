//! JavaScript bindings (wasm32 only): `extract(text, options)`.

use crate::extract::{extract, ExtractOptions};
use crate::label::Label;
use crate::offsets::OffsetUnit;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// Options as JavaScript passes them; every field may be left out.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct JsOptions {
    labels: Option<Vec<Label>>,
    min_score: Option<f32>,
    offsets: Option<OffsetUnit>,
}

/// The option names `JsOptions` knows, for the error on any other.
const OPTION_NAMES: &[&str] = &["labels", "minScore", "offsets"];

/// Reads the options object; `undefined` and `null` mean the defaults.
fn parse_options(options: JsValue) -> Result<JsOptions, JsError> {
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
    serde_wasm_bindgen::from_value(options)
        .map_err(|e| JsError::new(&format!("invalid options: {e}")))
}

/// Finds the entities in `text`. Offsets count UTF-16 code units unless
/// `options.offsets` says otherwise, so `text.slice(e.start, e.end) === e.text`.
#[wasm_bindgen(js_name = extract)]
pub fn extract_js(text: &str, options: JsValue) -> Result<JsValue, JsError> {
    let options = parse_options(options)?;
    let options = ExtractOptions {
        labels: options.labels,
        min_score: options.min_score.unwrap_or(0.0),
        offsets: options.offsets.unwrap_or(OffsetUnit::Utf16),
    };
    let result = extract(text, &options);
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    result
        .serialize(&serializer)
        .map_err(|e| JsError::new(&format!("could not return the result: {e}")))
}
