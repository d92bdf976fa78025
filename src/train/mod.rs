//! Training (cargo feature `train`): an averaged perceptron over the tagger's
//! features, learned greedily left to right, or with the tagger's beam as a
//! structured perceptron.
//!
//! Training-only code lives here so that the wasm build carries none of it.

mod clusters;
mod gazetteers;
mod neural_inputs;
mod perceptron;
mod word_reps;

pub use clusters::{learn_clusters, ClusterOptions};
pub use gazetteers::{load_gazetteers, GazetteerError};
pub use neural_inputs::{vocabulary_from_vectors, write_tokens, RECORD_VALUES};
pub use perceptron::{
    train, Progress, TrainError, TrainOptions, TrainSummary, Training, UnreachableGold,
};
pub use word_reps::{read_word_reps, WordRepError, WordRepOptions};
