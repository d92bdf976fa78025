//! The statistical tagger: a linear model over hashed features, decoded
//! with a small beam into valid BILOU tag sequences, with weights quantised
//! to 8 bits.
//!
//! Models are trained by `ner train` and loaded from bytes with
//! [`Model::from_bytes`], which validates them (see [`mod@format`]).

pub mod beam;
pub mod clusters;
pub mod decode;
pub mod features;
pub mod format;
pub mod gazetteer;
pub mod hash;
pub mod tags;
pub mod truecase;
pub mod weights;
pub mod words;

use crate::document::Document;
use crate::entity::{Entity, Source};
use crate::extract::Laps;
use crate::label::Label;
use decode::{decode, decode_beam, Ranking, TokenScorer};
use features::{
    context_features, memory_features, rule_bits_of_matches, static_features, tag_word_features,
    History, SentenceContext, TokenInfo, FEATURE_VERSION,
};
pub use format::{ModelError, ModelParts};
use gazetteer::KeyMap;
use weights::{KeyGroups, TagSums};
use words::{DocumentWords, WordSums};

/// Hypotheses kept when tagging (see [`decode::decode_beam`]). On the dev
/// splits, 2 against greedy decoding (1): news F1 79.83 against 79.42, conll
/// 91.56 against 91.00; 4 and 8 gave no more.
pub const BEAM_WIDTH: usize = 2;

/// A trained tagger.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    parts: ModelParts,
    /// Where the weights of [`features::tag_features`] start, for every pair of tags.
    tag_rows: TagRows,
}

impl Model {
    /// Loads a model from the bytes of a model file, validating them.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        format::read(bytes, FEATURE_VERSION).map(Model::from_parts)
    }

    /// Loads a model from model file bytes that live as long as the program
    /// (a model built into it, as by `include_bytes!`), validating them. Its
    /// weights are used where they lie, not copied.
    pub fn from_static_bytes(bytes: &'static [u8]) -> Result<Model, ModelError> {
        format::read_static(bytes, FEATURE_VERSION).map(Model::from_parts)
    }

    /// A model from its parts (the trainer builds these).
    pub fn from_parts(parts: ModelParts) -> Model {
        let tag_rows = TagRows::new(&parts.weights, tags::tag_count(parts.labels.len()));
        Model { parts, tag_rows }
    }

    /// The model file bytes of this model.
    pub fn to_bytes(&self) -> Vec<u8> {
        format::write(&self.parts, FEATURE_VERSION)
    }

    /// The model's short name (`news`, `conll`).
    pub fn name(&self) -> &str {
        &self.parts.name
    }

    /// Free text about the model: data, licence terms, scores.
    pub fn description(&self) -> &str {
        &self.parts.description
    }

    /// The labels the model assigns.
    pub fn labels(&self) -> &[Label] {
        &self.parts.labels
    }

    /// The model's parts.
    pub fn parts(&self) -> &ModelParts {
        &self.parts
    }

    /// Sets the softmax temperature from `sentences` (token lists, with the
    /// rule bits of their tokens): a quarter
    /// of the median margin between the best and second-best allowed tag, so
    /// that a typical decision gets a confidence near 0.98 and close calls
    /// near 0.5. A median margin of 0 (a tiny model) leaves the temperature
    /// at 1: dividing by a vanishing one would make scores infinite.
    pub fn calibrate_temperature(&mut self, sentences: &[(Vec<String>, Vec<u32>)]) {
        self.parts.temperature = 1.0;
        let mut margins = Vec::new();
        let mut buffers = ScoreBuffers::default();
        for (tokens, rules) in sentences {
            let words: Vec<&str> = tokens.iter().map(String::as_str).collect();
            let (infos, case) = self.parts.case.token_infos(&words);
            let gazetteer = self.parts.gazetteer.matches(&infos);
            let clusters = self.parts.clusters.lookup(&infos);
            let sentence = SentenceContext {
                infos: &infos,
                gazetteer: &gazetteer,
                rules,
                clusters: &clusters,
                cluster_levels: self.parts.clusters.levels,
                case,
            };
            buffers.gather(&sentence, static_features);
            buffers.static_scores(self);
            let mut scorer = MarginRecorder {
                inner: QuantisedScorer {
                    model: self,
                    infos: &infos,
                    buffers: &mut buffers,
                },
                margins: &mut margins,
            };
            decode(
                &infos,
                self.tag_count(),
                &mut KeyMap::default(),
                &mut scorer,
            );
        }
        margins.sort_by(f32::total_cmp);
        let median = margins.get(margins.len() / 2).copied().unwrap_or(2.0);
        self.parts.temperature = if median > 0.0 { median / 4.0 } else { 1.0 };
    }

    fn tag_count(&self) -> usize {
        tags::tag_count(self.parts.labels.len())
    }

    /// Finds the entities of `doc`, sorted and non-overlapping, with byte
    /// offsets. `rule_matches` are the rule recognisers' entities in `doc`,
    /// which the model reads as features.
    pub fn tag(&self, doc: &Document, rule_matches: &[Entity]) -> Vec<Entity> {
        self.tag_timed(doc, rule_matches, &mut Laps::off())
    }

    /// [`Model::tag`], recording the time of each stage in `laps`.
    pub(crate) fn tag_timed(
        &self,
        doc: &Document,
        rule_matches: &[Entity],
        laps: &mut Laps,
    ) -> Vec<Entity> {
        let words = DocumentWords::new(doc, &self.parts.clusters, &self.parts.case);
        let infos = words.token_infos();
        let clusters = words.token_clusters();
        laps.lap(|t| &mut t.token_info);
        let rules = rule_bits_of_matches(doc, rule_matches);
        laps.lap(|t| &mut t.lookups);
        let tag_count = self.tag_count();
        let word_sums = WordSums::new(&self.parts.weights, tag_count, &words);
        laps.lap(|t| &mut t.scoring);
        let mut memory = KeyMap::default();
        let mut entities = Vec::new();
        let mut buffers = ScoreBuffers::default();
        for (sentence, &case) in doc.sentences.iter().zip(&words.sentence_cases) {
            let infos = &infos[sentence.clone()];
            let gazetteer = self.parts.gazetteer.matches(infos);
            laps.lap(|t| &mut t.lookups);
            let context = SentenceContext {
                infos,
                gazetteer: &gazetteer,
                rules: &rules[sentence.clone()],
                clusters: &clusters[sentence.clone()],
                cluster_levels: words.cluster_levels,
                case,
            };
            buffers.gather(&context, context_features);
            laps.lap(|t| &mut t.features);
            buffers.static_scores(self);
            buffers.add_word_sums(&word_sums, &words.word_of[sentence.clone()]);
            laps.lap(|t| &mut t.scoring);
            let mut scorer = QuantisedScorer {
                model: self,
                infos,
                buffers: &mut buffers,
            };
            let decoded = decode_beam(
                infos,
                tag_count,
                &mut memory,
                &mut scorer,
                BEAM_WIDTH,
                self.parts.ranking,
            );
            laps.lap(|t| &mut t.decoding);
            for (first, last, label) in self.entity_spans(&decoded.tags) {
                entities.push(span_entity(
                    doc,
                    sentence.start,
                    (first, last),
                    self.parts.labels[label],
                    &decoded.confidences,
                ));
            }
            laps.lap(|t| &mut t.entities);
        }
        entities
    }

    /// The entity spans of a sentence's decoded tags. A greedily trained
    /// model (one that ranks by probability) learns to cut an entity in two
    /// where gold could not follow its own tag, so its side-by-side spans of
    /// one label are joined; a beam-trained model learns where entities end,
    /// and joining would merge names listed without commas ("Yoko Ono Diane
    /// Sawyer": 81.27 -> 81.45 dev F1 for `news`, 91.95 -> 91.92 for `conll`).
    fn entity_spans(&self, tags: &[tags::Tag]) -> Vec<(usize, usize, usize)> {
        let spans = tags::spans(tags);
        match self.parts.ranking {
            Ranking::Probability => tags::join_adjacent(spans),
            Ranking::Score => spans,
        }
    }
}

/// The entity of tokens `first..=last` of the sentence starting at token
/// `sentence_start` of `doc`, scored by the mean of its tokens' confidences
/// (`confidences` has one per token of the sentence).
pub(crate) fn span_entity(
    doc: &Document,
    sentence_start: usize,
    (first, last): (usize, usize),
    label: Label,
    confidences: &[f32],
) -> Entity {
    let start = doc.tokens[sentence_start + first].start;
    let end = doc.tokens[sentence_start + last].end;
    let score = confidences[first..=last].iter().sum::<f32>() / (last + 1 - first) as f32;
    Entity {
        start,
        end,
        label,
        text: doc.text[start..end].to_string(),
        score,
        source: Source::Model,
        group: None,
    }
}

/// Buffers reused from sentence to sentence: the static feature keys of
/// each token and the weight sums they add up to.
struct ScoreBuffers {
    /// The static feature keys of each token of the sentence, a group each.
    keys: KeyGroups,
    /// The static weight sums, `tag_count` per token.
    static_sums: Vec<i32>,
    /// Scratch sums for one token.
    sums: Box<TagSums>,
    /// Scratch keys for the dynamic features of one token.
    dynamic_keys: Vec<u64>,
    /// Their weight rows, as [`weights::Weights::row_spans`] finds them.
    dynamic_spans: Vec<u32>,
}

impl Default for ScoreBuffers {
    fn default() -> Self {
        ScoreBuffers {
            keys: KeyGroups::default(),
            static_sums: Vec::new(),
            sums: Box::new([0; 256]),
            dynamic_keys: Vec::new(),
            dynamic_spans: Vec::new(),
        }
    }
}

impl ScoreBuffers {
    /// Gathers the keys that `features` gives each token of `sentence`:
    /// every static feature ([`static_features`]), or those the tagger does
    /// not sum per word ([`context_features`]; [`WordSums`] has the others).
    fn gather(
        &mut self,
        sentence: &SentenceContext,
        features: impl Fn(&SentenceContext, usize, &mut Vec<u64>),
    ) {
        for i in 0..sentence.infos.len() {
            self.keys.push_group(|keys| features(sentence, i, keys));
        }
    }

    /// Adds to the static sums the one-word sums of each token of a
    /// sentence whose words are `word_of`.
    fn add_word_sums(&mut self, word_sums: &WordSums, word_of: &[u32]) {
        let tag_count = self.static_sums.len() / word_of.len().max(1);
        for (i, sums) in self
            .static_sums
            .chunks_exact_mut(tag_count.max(1))
            .enumerate()
        {
            word_sums.add(word_of, i, sums);
        }
    }

    /// Sums the weights of each token's gathered keys into the static sums.
    fn static_scores(&mut self, model: &Model) {
        self.static_sums.clear();
        let static_sums = &mut self.static_sums;
        self.keys
            .sum(&model.parts.weights, model.tag_count(), |sums| {
                static_sums.extend_from_slice(sums)
            });
    }
}

/// Scores tokens with the quantised weights: the precomputed static sums
/// plus the weights of the features of the tags chosen so far.
struct QuantisedScorer<'a, 'b> {
    model: &'a Model,
    infos: &'a [TokenInfo],
    buffers: &'b mut ScoreBuffers,
}

impl TokenScorer for QuantisedScorer<'_, '_> {
    fn score(&mut self, i: usize, history: &History, scores: &mut [f32]) {
        let tag_count = scores.len();
        let buffers = &mut *self.buffers;
        let sums = &mut *buffers.sums;
        sums[..tag_count].copy_from_slice(&buffers.static_sums[i * tag_count..][..tag_count]);
        let weights = &self.model.parts.weights;
        let tag_rows = self
            .model
            .tag_rows
            .get(history.previous, history.before_previous);
        weights.add_rows_at(&tag_rows, sums);
        let info = &self.infos[i];
        buffers.dynamic_keys.clear();
        tag_word_features(info, history.previous, &mut buffers.dynamic_keys);
        if let Some(memory) = history.memory {
            memory_features(info, memory, &mut buffers.dynamic_keys);
        }
        weights.row_spans(&buffers.dynamic_keys, &mut buffers.dynamic_spans);
        weights.add_rows_at(&buffers.dynamic_spans, sums);
        let scale = self.model.parts.scale / self.model.parts.temperature;
        for (score, &sum) in scores.iter_mut().zip(&sums[..tag_count]) {
            *score = sum as f32 * scale;
        }
    }
}

/// Where the weight rows of [`features::tag_features`] start for every pair
/// of previous tags (each `None` or one of the model's tags): the same few
/// thousand rows for every token, looked up once when the model loads.
#[derive(Clone, Debug, PartialEq)]
struct TagRows {
    /// Tags and the start stand-in.
    choices: usize,
    /// By `before_previous`, then `previous` (see [`TagRows::get`]).
    spans: Vec<[u32; 2]>,
}

impl TagRows {
    fn new(weights: &weights::Weights, tag_count: usize) -> Self {
        let choices = tag_count + 1;
        let tag = |k: usize| k.checked_sub(1).map(|t| t as tags::Tag);
        let mut keys = Vec::new();
        let mut found = Vec::new();
        let mut spans = Vec::with_capacity(choices * choices);
        for before_previous in 0..choices {
            for previous in 0..choices {
                keys.clear();
                features::tag_features(tag(previous), tag(before_previous), &mut keys);
                weights.row_spans(&keys, &mut found);
                spans.push([found[0], found[1]]);
            }
        }
        TagRows { choices, spans }
    }

    /// The rows (as [`weights::Weights::row_spans`] finds them) for the tags
    /// `previous` and `before_previous`.
    #[inline]
    fn get(&self, previous: Option<tags::Tag>, before_previous: Option<tags::Tag>) -> [u32; 2] {
        let index = |t: Option<tags::Tag>| t.map_or(0, |t| usize::from(t) + 1);
        self.spans[index(before_previous) * self.choices + index(previous)]
    }
}

/// Records the margin between the two best tags of every token it scores.
struct MarginRecorder<'a, 'm, 'b> {
    inner: QuantisedScorer<'m, 'b>,
    margins: &'a mut Vec<f32>,
}

impl TokenScorer for MarginRecorder<'_, '_, '_> {
    fn score(&mut self, i: usize, history: &History, scores: &mut [f32]) {
        self.inner.score(i, history, scores);
        let mut best = f32::NEG_INFINITY;
        let mut second = f32::NEG_INFINITY;
        for t in tags::Allowed::after(history.previous, false).tags(scores.len()) {
            let s = scores[t];
            if s > best {
                second = best;
                best = s;
            } else if s > second {
                second = s;
            }
        }
        if second.is_finite() {
            self.margins.push(best - second);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::built_in;
    use truecase::SentenceCase;

    /// Side-by-side spans of one label are joined for greedily trained
    /// models only (see [`Model::entity_spans`]).
    #[test]
    fn side_by_side_spans_are_joined_only_for_greedy_models() {
        let side_by_side = [(0, 1, 0), (2, 3, 0), (5, 5, 1)];
        let tags = tags::from_spans(6, &side_by_side);
        let mut parts = built_in("conll").unwrap().parts().clone();
        parts.ranking = Ranking::Score;
        assert_eq!(
            Model::from_parts(parts.clone()).entity_spans(&tags),
            side_by_side
        );
        parts.ranking = Ranking::Probability;
        assert_eq!(
            Model::from_parts(parts).entity_spans(&tags),
            [(0, 3, 0), (5, 5, 1)]
        );
    }

    /// The tagger's shortcut (one-word sums per distinct word plus the
    /// context features) adds up to the same scores as every static feature
    /// looked up one by one, as the trainer sees them.
    #[test]
    fn word_sums_add_up_to_the_static_features() {
        let text = "Netanyahu Tells Putin Israel's War With Hamas Will Persist\n\n\
                    Benjamin Netanyahu met Joe Biden in Washington on Tuesday.\n\n\
                    Netanyahu said 3 of the 12 ministers, and Biden, agreed. \
                    \u{201C}It\u{2019}s done,\u{201D} he said \u{2014} twice.";
        for name in ["news", "conll"] {
            let model = built_in(name).unwrap();
            let doc = Document::new(text);
            let words = DocumentWords::new(&doc, &model.parts.clusters, &model.parts.case);
            assert_eq!(words.sentence_cases[0], SentenceCase::Title);
            let infos = words.token_infos();
            let clusters = words.token_clusters();
            let word_sums = WordSums::new(&model.parts.weights, model.tag_count(), &words);
            assert!(doc.sentences.len() > 1);
            for (sentence, &case) in doc.sentences.iter().zip(&words.sentence_cases) {
                let gazetteer = model.parts.gazetteer.matches(&infos[sentence.clone()]);
                let rules = vec![0b1011; sentence.len()];
                let context = SentenceContext {
                    infos: &infos[sentence.clone()],
                    gazetteer: &gazetteer,
                    rules: &rules,
                    clusters: &clusters[sentence.clone()],
                    cluster_levels: words.cluster_levels,
                    case,
                };
                let mut every = ScoreBuffers::default();
                every.gather(&context, static_features);
                every.static_scores(model);
                let mut shortcut = ScoreBuffers::default();
                shortcut.gather(&context, context_features);
                shortcut.static_scores(model);
                shortcut.add_word_sums(&word_sums, &words.word_of[sentence.clone()]);
                assert_eq!(every.static_sums, shortcut.static_sums, "{name}");
                assert!(every.static_sums.iter().any(|&s| s != 0));
            }
        }
    }

    /// The tagger's scores of a token given the tags before it (tag rows
    /// looked up once per model, the rest per token) are those of every
    /// dynamic feature looked up one by one, as the trainer sees them.
    #[test]
    fn the_scorer_adds_up_the_dynamic_features() {
        let model = built_in("news").unwrap();
        let tag_count = model.tag_count();
        let infos = [TokenInfo::new("Netanyahu"), TokenInfo::new("said")];
        let mut buffers = ScoreBuffers {
            static_sums: vec![0; infos.len() * tag_count],
            ..Default::default()
        };
        let some_tags = [
            None,
            Some(0),
            Some(1),
            Some(2),
            Some(4),
            Some(tag_count as u8 - 1),
        ];
        for previous in some_tags {
            for before_previous in some_tags {
                for memory in [None, Some(0), Some(3)] {
                    let history = History {
                        previous,
                        before_previous,
                        memory,
                    };
                    let mut scores = vec![0f32; tag_count];
                    let mut scorer = QuantisedScorer {
                        model,
                        infos: &infos,
                        buffers: &mut buffers,
                    };
                    scorer.score(0, &history, &mut scores);
                    let mut keys = Vec::new();
                    features::dynamic_features(&infos[0], &history, &mut keys);
                    let mut sums: Box<TagSums> = Box::new([0; 256]);
                    for key in keys {
                        model.parts.weights.add_row(key, &mut sums);
                    }
                    let scale = model.parts.scale / model.parts.temperature;
                    let expected: Vec<f32> = sums[..tag_count]
                        .iter()
                        .map(|&s| s as f32 * scale)
                        .collect();
                    assert_eq!(scores, expected, "{history:?}");
                }
            }
        }
    }
}
