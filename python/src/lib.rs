//! Python bindings of the core (`ner_highlight._core`; the package's
//! `__init__.py` is the API people import). A [`PyModel`] is a built-in model
//! or one loaded from a file's bytes; its `extract` runs the core's pipeline
//! on one text, and `extract_batch` on many, on all cores, without the GIL.
//!
//! Offsets count code points by default, as Python indexes strings. Python
//! strings may hold lone surrogates, which UTF-8 cannot: each becomes U+FFFD,
//! one code point (and one UTF-16 unit) as the surrogate was, so offsets still
//! index the caller's own string; the package takes each entity's `text` back
//! from that string.

use ner_highlight::entity::rounded_score;
use ner_highlight::models;
use ner_highlight::{
    AnyModel, ExtractOptions, Extraction, Extractor, Label, OffsetUnit, Term, Terms,
};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PySlice, PyString};
use rayon::prelude::*;
use std::borrow::Cow;

// Named as the package exports them (ner_highlight.NerError), so that they pickle.
create_exception!(
    ner_highlight,
    NerError,
    PyValueError,
    "Bad options or input: the message is the core's."
);
create_exception!(
    ner_highlight,
    ModelError,
    NerError,
    "A model file that cannot be used, or a model name that is not built in."
);

/// A model: built in (`Model.built_in("news")`) or read from a model file's
/// bytes (`Model.from_bytes(data)`).
#[pyclass(name = "Model", module = "ner_highlight", frozen)]
struct PyModel {
    model: AnyModel,
}

/// The options of one call, checked and in the core's types.
struct Options {
    extract: ExtractOptions,
    terms: Option<Terms>,
}

impl Options {
    fn parse(
        labels: Option<Vec<String>>,
        min_score: Option<f32>,
        offsets: &str,
        terms: Option<&Bound<'_, PyAny>>,
        deny: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Options> {
        let invalid = |message: String| NerError::new_err(format!("invalid options: {message}"));
        let labels = labels
            .map(|names| {
                names
                    .iter()
                    .map(|name| name.parse::<Label>())
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()
            .map_err(|e| invalid(e.to_string()))?;
        let min_score = match min_score {
            None => 0.0,
            Some(score) => ExtractOptions::checked_min_score(score).map_err(|e| {
                invalid(format!(
                    "min_score must be a number from 0 to 1, got {}",
                    e.0
                ))
            })?,
        };
        let offsets = offsets
            .parse::<OffsetUnit>()
            .map_err(|e| invalid(e.to_string()))?;
        let terms = if terms.is_none() && deny.is_none() {
            None
        } else {
            let listed: Vec<Term> = match terms {
                None => Vec::new(),
                Some(terms) => pythonize::depythonize(terms).map_err(|e| {
                    invalid(format!(
                        "terms must be a list of {{\"text\": ..., \"label\": ...}} dicts: {e}"
                    ))
                })?,
            };
            let denied: Vec<String> = match deny {
                None => Vec::new(),
                Some(deny) => deny
                    .extract()
                    .map_err(|e| invalid(format!("deny must be a list of str: {e}")))?,
            };
            Some(Terms::new(&listed, &denied).map_err(|e| invalid(e.to_string()))?)
        };
        Ok(Options {
            extract: ExtractOptions {
                labels,
                min_score,
                offsets,
            },
            terms,
        })
    }

    fn extractor<'m>(&'m self, model: &'m PyModel) -> Extractor<'m> {
        let extractor = model.model.extractor();
        match &self.terms {
            Some(terms) => extractor.with_terms(terms),
            None => extractor,
        }
    }
}

/// A text as the core reads it: Python's own UTF-8, or, where the string holds
/// lone surrogates, the same with each one as U+FFFD (`repaired`).
struct Text {
    text: String,
    repaired: bool,
}

impl Text {
    fn from_python(value: &Bound<'_, PyAny>) -> PyResult<Text> {
        let string = value.cast::<PyString>().map_err(|_| {
            NerError::new_err(format!(
                "a text must be a str, got {}",
                value
                    .get_type()
                    .name()
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            ))
        })?;
        match string.extract::<String>() {
            Ok(text) => Ok(Text {
                text,
                repaired: false,
            }),
            Err(_) => {
                // Lone surrogates: "surrogatepass" writes each as 3 bytes (ED A0..BF xx).
                let bytes = string
                    .call_method1("encode", ("utf-8", "surrogatepass"))?
                    .extract::<Vec<u8>>()?;
                Ok(Text {
                    text: replace_surrogates(&bytes),
                    repaired: true,
                })
            }
        }
    }
}

/// UTF-8 in which surrogates were written as 3 bytes each ("surrogatepass"),
/// with each surrogate as U+FFFD.
fn replace_surrogates(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len());
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                text.push_str(valid);
                break;
            }
            Err(error) => {
                let (valid, after) = rest.split_at(error.valid_up_to());
                // Safe to unwrap: from_utf8 said these bytes are valid.
                text.push_str(std::str::from_utf8(valid).unwrap_or_default());
                text.push('\u{FFFD}');
                // A surrogate is 3 bytes; anything else invalid cannot come from a str.
                rest = &after[after.len().min(3)..];
            }
        }
    }
    text
}

/// The extraction as Python dicts and lists (the JSON's fields, as the core
/// serialises them), with each entity's `text` taken from the caller's string
/// when it was repaired. Built by hand with interned keys: `extract_batch` on
/// news articles went from 357k to 381k tokens/s on one thread, and from 591k
/// to 692k on two, against going through serde (pythonize).
fn to_python<'py>(
    py: Python<'py>,
    extraction: &Extraction,
    original: &Bound<'py, PyAny>,
    repaired: bool,
    offsets: OffsetUnit,
) -> PyResult<Bound<'py, PyAny>> {
    let entities = PyList::empty(py);
    for entity in &extraction.entities {
        let dict = PyDict::new(py);
        dict.set_item(intern!(py, "start"), entity.start)?;
        dict.set_item(intern!(py, "end"), entity.end)?;
        dict.set_item(
            intern!(py, "label"),
            PyString::intern(py, entity.label.as_str()),
        )?;
        if repaired && offsets == OffsetUnit::Codepoint {
            let own = original.get_item(PySlice::new(
                py,
                entity.start as isize,
                entity.end as isize,
                1,
            ))?;
            dict.set_item(intern!(py, "text"), own)?;
        } else {
            dict.set_item(intern!(py, "text"), &entity.text)?;
        }
        dict.set_item(intern!(py, "score"), rounded_score(entity.score))?;
        dict.set_item(
            intern!(py, "source"),
            PyString::intern(py, entity.source.as_str()),
        )?;
        if let Some(group) = entity.group {
            dict.set_item(intern!(py, "group"), group)?;
        }
        entities.append(dict)?;
    }
    let groups = PyList::empty(py);
    for group in &extraction.groups {
        let dict = PyDict::new(py);
        dict.set_item(intern!(py, "id"), group.id)?;
        dict.set_item(intern!(py, "name"), &group.name)?;
        dict.set_item(
            intern!(py, "label"),
            PyString::intern(py, group.label.as_str()),
        )?;
        dict.set_item(intern!(py, "count"), group.count)?;
        dict.set_item(intern!(py, "mentions"), &group.mentions)?;
        dict.set_item(intern!(py, "wikipedia"), &group.wikipedia)?;
        groups.append(dict)?;
    }
    let result = PyDict::new(py);
    result.set_item(intern!(py, "entities"), entities)?;
    result.set_item(intern!(py, "groups"), groups)?;
    Ok(result.into_any())
}

#[pymethods]
impl PyModel {
    /// A built-in model by name: "news" (the default), "conll" or "news-lg".
    #[staticmethod]
    fn built_in(name: &str) -> PyResult<PyModel> {
        let model = match models::built_in(name) {
            Ok(model) => AnyModel::Linear(Cow::Borrowed(model)),
            Err(_) => match models::built_in_neural(name) {
                Ok(model) => AnyModel::Neural(Cow::Borrowed(model)),
                Err(models::BuiltInNeuralError::Unknown(_)) => {
                    return Err(ModelError::new_err(format!(
                        "no built-in model {name:?} (built in: {})",
                        [models::BUILT_IN, models::BUILT_IN_NEURAL]
                            .concat()
                            .join(", ")
                    )));
                }
                Err(e) => return Err(ModelError::new_err(e.to_string())),
            },
        };
        Ok(PyModel { model })
    }

    /// A model from the bytes of a model file (linear or neural); raises
    /// ModelError saying what is wrong with bad bytes.
    #[staticmethod]
    fn from_bytes(data: Vec<u8>) -> PyResult<PyModel> {
        let model = AnyModel::from_bytes(&data)
            .map_err(|e| ModelError::new_err(format!("invalid model file: {e}")))?;
        Ok(PyModel { model })
    }

    /// The model's short name, as written in its file.
    #[getter]
    fn name(&self) -> String {
        self.model.name().to_string()
    }

    /// The labels the model assigns (the rule recognisers add numeric ones).
    #[getter]
    fn labels(&self) -> Vec<String> {
        self.model
            .labels()
            .iter()
            .map(|l| l.as_str().to_string())
            .collect()
    }

    fn __repr__(&self) -> String {
        format!("<ner_highlight.Model {:?}>", self.name())
    }

    /// Finds the entities in `text`: a dict with "entities" and "groups".
    #[pyo3(signature = (text, labels=None, min_score=None, offsets="codepoint", terms=None, deny=None))]
    #[allow(clippy::too_many_arguments)]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        labels: Option<Vec<String>>,
        min_score: Option<f32>,
        offsets: &str,
        terms: Option<&Bound<'py, PyAny>>,
        deny: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let options = Options::parse(labels, min_score, offsets, terms, deny)?;
        let input = Text::from_python(text)?;
        let extractor = options.extractor(self);
        let extraction = py.detach(|| extractor.extract(&input.text, &options.extract));
        to_python(
            py,
            &extraction,
            text,
            input.repaired,
            options.extract.offsets,
        )
    }

    /// Finds the entities in each of `texts`, on `threads` threads (all cores
    /// by default), without the GIL: a list of dicts, in the order of `texts`.
    /// Works a chunk of texts at a time, and stops between chunks for Ctrl-C.
    #[pyo3(signature = (texts, threads=None, labels=None, min_score=None, offsets="codepoint", terms=None, deny=None))]
    #[allow(clippy::too_many_arguments)]
    fn extract_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<i64>,
        labels: Option<Vec<String>>,
        min_score: Option<f32>,
        offsets: &str,
        terms: Option<&Bound<'py, PyAny>>,
        deny: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let options = Options::parse(labels, min_score, offsets, terms, deny)?;
        let threads = match threads {
            None => None,
            Some(n) if n >= 1 => Some(usize::try_from(n).unwrap_or(usize::MAX)),
            Some(n) => {
                return Err(NerError::new_err(format!(
                    "invalid options: threads must be at least 1, got {n}"
                )))
            }
        };
        if texts.is_instance_of::<PyString>() {
            return Err(NerError::new_err(
                "texts must be an iterable of str, not one str (for one text, use extract)",
            ));
        }
        let originals: Vec<Bound<'py, PyAny>> = texts
            .try_iter()
            .map_err(|_| NerError::new_err("texts must be an iterable of str"))?
            .collect::<PyResult<_>>()?;
        let inputs = originals
            .iter()
            .map(Text::from_python)
            .collect::<PyResult<Vec<_>>>()?;
        let extractor = options.extractor(self);
        // No more threads than texts; all cores (rayon's own pool) when not said.
        let pool = match threads {
            None => None,
            Some(n) => Some(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(n.min(inputs.len()).max(1))
                    .build()
                    .map_err(|e| NerError::new_err(format!("cannot start {n} threads: {e}")))?,
            ),
        };
        let workers = pool
            .as_ref()
            .map_or_else(rayon::current_num_threads, |p| p.current_num_threads());
        let results = PyList::empty(py);
        for (chunk, originals) in inputs
            .chunks(BATCH_CHUNK_PER_THREAD * workers)
            .zip(originals.chunks(BATCH_CHUNK_PER_THREAD * workers))
        {
            let extract_all = || -> Vec<Extraction> {
                chunk
                    .par_iter()
                    .map(|input| extractor.extract(&input.text, &options.extract))
                    .collect()
            };
            let extractions = py.detach(|| match &pool {
                Some(pool) => pool.install(extract_all),
                None => extract_all(),
            });
            for ((extraction, input), original) in extractions.iter().zip(chunk).zip(originals) {
                results.append(to_python(
                    py,
                    extraction,
                    original,
                    input.repaired,
                    options.extract.offsets,
                )?)?;
            }
            // Ctrl-C (KeyboardInterrupt) is seen here, between chunks.
            py.check_signals()?;
        }
        Ok(results)
    }
}

/// Texts per thread in each chunk of `extract_batch`: enough to keep every
/// thread busy, few enough that Ctrl-C is answered within a moment.
const BATCH_CHUNK_PER_THREAD: usize = 32;

/// The compiled half of the `ner_highlight` package.
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyModel>()?;
    m.add("NerError", m.py().get_type::<NerError>())?;
    m.add("ModelError", m.py().get_type::<ModelError>())?;
    m.add(
        "BUILT_IN",
        [models::BUILT_IN, models::BUILT_IN_NEURAL].concat(),
    )?;
    Ok(())
}
