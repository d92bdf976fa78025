//! Features of a token in its sentence, shared by training and tagging.
//!
//! Every feature is a 64-bit key: a template number mixed with the hashes of
//! what the template looks at (the lower-cased word two tokens to the left,
//! the shape of the next token...). Keys not seen in training have no weight.
//! Changing anything here changes the keys: bump [`FEATURE_VERSION`], which
//! model files record, and retrain.

use super::clusters::{ClusterIds, MAX_LEVELS};
use super::hash::{chars, finish, mix};
use super::tags::Tag;
use super::truecase::SentenceCase;
use crate::label::Label;

/// The version of the feature set; a model trained with another is refused.
pub const FEATURE_VERSION: u32 = 7;

/// What the features need to know about one token, computed once per token.
#[derive(Clone, Copy, Debug)]
pub struct TokenInfo {
    /// Lower-cased word with digits folded to `0`.
    pub norm: u64,
    /// The word as written, digits folded to `0`.
    pub exact: u64,
    /// Character classes: `Xx`, `X.X.`, `d,d.d`.
    pub shape: u64,
    /// Lower-cased prefixes of 1 to 4 characters.
    pub prefixes: [u64; 4],
    /// Lower-cased suffixes of 1 to 4 characters.
    pub suffixes: [u64; 4],
    /// Casing and character flags, see the `FLAG_` constants.
    pub flags: u8,
}

const FLAG_TITLE: u8 = 1;
const FLAG_ALL_CAPS: u8 = 2;
const FLAG_HAS_DIGIT: u8 = 4;
const FLAG_ALL_DIGITS: u8 = 8;
const FLAG_HAS_HYPHEN: u8 = 16;
const FLAG_HAS_PERIOD: u8 = 32;
const FLAG_NO_LETTER: u8 = 64;
const FLAG_LONG: u8 = 128;

impl TokenInfo {
    /// The information of the token `word`.
    pub fn new(word: &str) -> Self {
        let normalised = normalise_punctuation(word);
        let word = with_title_period(normalised.as_ref());
        let fold = |c: char| if c.is_ascii_digit() { '0' } else { c };
        // Lower-casing can make a combining accent ("İ" is "i" and a dot
        // above): left out too, so that a norm read again is the same norm.
        let lower = || {
            word.chars()
                .flat_map(char::to_lowercase)
                .filter(|c| !('\u{0300}'..='\u{036F}').contains(c))
                .map(fold)
        };
        let norm = chars(1, lower());
        let mut prefixes = [0; 4];
        let mut suffixes = [0; 4];
        let n = word.chars().count();
        for k in 1..=4 {
            prefixes[k - 1] = chars(10 + k as u64, lower().take(k));
            suffixes[k - 1] = chars(20 + k as u64, lower().skip(n.saturating_sub(k)));
        }
        TokenInfo {
            norm,
            exact: chars(3, word.chars().map(fold)),
            shape: shape(word),
            prefixes,
            suffixes,
            flags: flags(word, n),
        }
    }

    /// Whether the word starts with a capital letter.
    pub fn is_capitalised(&self) -> bool {
        self.flags & (FLAG_TITLE | FLAG_ALL_CAPS) != 0
    }
}

/// Typographic punctuation as the training data writes it (Penn Treebank
/// style, ASCII): curly quotes and guillemets become `"` or `'`, an em dash
/// `--`, an en dash `-`, an ellipsis `...`; combining accents are left out.
/// So "’s", "“" and "—" in an article look like the "'s", "``" and "--" the
/// tagger learned from.
pub fn normalise_punctuation(word: &str) -> std::borrow::Cow<'_, str> {
    if word.is_ascii() {
        return std::borrow::Cow::Borrowed(word);
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' | '\u{2033}' => {
                out.push('"')
            }
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2032}' => out.push('\''),
            '\u{2014}' | '\u{2015}' => out.push_str("--"),
            '\u{2013}' | '\u{2010}' | '\u{2011}' | '\u{2212}' => out.push('-'),
            '\u{2026}' => out.push_str("..."),
            // Combining accents (of decomposed text: "A" + ring above) left
            // out: the tagger sees the letters it learned from.
            '\u{0300}'..='\u{036F}' => {}
            other => out.push(other),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A courtesy title without its full stop as the training data writes it,
/// with one ("Mr" as "Mr.", British style as American), so that "Mr
/// Berlusconi" looks like the "Mr. Berlusconi" the tagger learned from.
fn with_title_period(word: &str) -> &str {
    match word {
        "Mr" => "Mr.",
        "Mrs" => "Mrs.",
        "Ms" => "Ms.",
        "Dr" => "Dr.",
        _ => word,
    }
}

/// The shape of a word: upper-case letters become `X`, lower-case `x`,
/// digits `d`, other characters stay; runs of one class collapse to one.
fn shape(word: &str) -> u64 {
    let class = |c: char| {
        if c.is_uppercase() {
            'X'
        } else if c.is_alphabetic() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        }
    };
    let mut last = None;
    let collapsed = word.chars().map(class).filter(move |&c| {
        let keep = last != Some(c);
        last = Some(c);
        keep
    });
    chars(2, collapsed)
}

fn flags(word: &str, len: usize) -> u8 {
    let mut chars = word.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let uppers = word.chars().filter(|c| c.is_uppercase()).count();
    let digits = word.chars().filter(|c| c.is_numeric()).count();
    let mut f = 0;
    if first_upper && uppers < letters {
        f |= FLAG_TITLE;
    }
    if letters > 0 && uppers == letters {
        f |= FLAG_ALL_CAPS;
    }
    if digits > 0 {
        f |= FLAG_HAS_DIGIT;
    }
    if digits > 0 && digits == len {
        f |= FLAG_ALL_DIGITS;
    }
    if word.contains('-') {
        f |= FLAG_HAS_HYPHEN;
    }
    if word.contains('.') {
        f |= FLAG_HAS_PERIOD;
    }
    if letters == 0 {
        f |= FLAG_NO_LETTER;
    }
    if len > 8 {
        f |= FLAG_LONG;
    }
    f
}

/// Stand-ins for tokens before the start and after the end of a sentence.
const BEFORE: u64 = 0x0b0f_0b0f;
const AFTER: u64 = 0x0e0f_0e0f;

// Template numbers: each feature's key starts from one of these.
const T_BIAS: u64 = 1;
const T_WORD: [u64; 5] = [2, 3, 4, 5, 6];
const T_SHAPE: [u64; 3] = [7, 8, 9];
const T_PREFIX: u64 = 10;
const T_SUFFIX: u64 = 11;
const T_FLAGS: u64 = 12;
const T_FLAGS_PAIR: u64 = 13;
const T_BIGRAM_LEFT: u64 = 14;
const T_BIGRAM_RIGHT: u64 = 15;
const T_SHAPE_TRIGRAM: u64 = 16;
const T_SENTENCE_START: u64 = 17;
const T_GAZETTEER: u64 = 18;
const T_GAZETTEER_NEXT: u64 = 19;
const T_GAZETTEER_PREVIOUS: u64 = 20;
const T_RIGHT_BAG: u64 = 21;
const T_LEFT_BAG: u64 = 22;
const T_RULE: u64 = 23;
const T_RULE_NEXT: u64 = 24;
const T_EXACT: u64 = 25;
const T_NEIGHBOUR_SUFFIX: [u64; 2] = [26, 27];
const T_PREVIOUS_TAG_SHAPE: u64 = 35;
/// Cluster id of the token, the one before and the one after, at a level.
const T_CLUSTER: [u64; 3] = [40, 41, 42];
/// The level-0 cluster id with the token's shape.
const T_CLUSTER_SHAPE: u64 = 46;
/// The level-0 cluster ids of the token before and the token.
const T_CLUSTER_PAIR: u64 = 47;
/// A headline's or capitals' way of writing with the token's flags and word:
/// in such a sentence a capital tells less.
const T_CASE_FLAGS: u64 = 48;
const T_CASE_WORD: u64 = 49;
const T_PREVIOUS_TAG: u64 = 30;
const T_PREVIOUS_TAGS: u64 = 31;
const T_PREVIOUS_TAG_WORD: u64 = 32;
const T_MEMORY: u64 = 33;
const T_MEMORY_SHAPE: u64 = 34;

/// A sentence as the features see it.
pub struct SentenceContext<'a> {
    /// Its tokens.
    pub infos: &'a [TokenInfo],
    /// Gazetteer matches of each token as a bit set (see [`super::gazetteer`]).
    pub gazetteer: &'a [u32],
    /// Rule recogniser matches of each token as a bit set (see [`rule_bits`]).
    pub rules: &'a [u32],
    /// Word cluster ids of each token.
    pub clusters: &'a [ClusterIds],
    /// How many of the cluster levels the model has.
    pub cluster_levels: usize,
    /// Which way the sentence is written (its words as truecasing restored them).
    pub case: SentenceCase,
}

/// The labels of the rule recognisers, in bit order.
const RULE_LABELS: [Label; 7] = [
    Label::Date,
    Label::Time,
    Label::Money,
    Label::Percent,
    Label::Quantity,
    Label::Ordinal,
    Label::Cardinal,
];

/// Rule matches as bit sets per token: for a match of label `k` (in
/// `RULE_LABELS` order) bit `4k + position`, position being 0 for the
/// first token, 1 inside, 2 for the last and 3 for a one-token match.
/// `spans` are `(first token, last token, label)`.
pub fn rule_bits(len: usize, spans: impl Iterator<Item = (usize, usize, Label)>) -> Vec<u32> {
    let mut bits = vec![0u32; len];
    for (first, last, label) in spans {
        let Some(k) = RULE_LABELS.iter().position(|&l| l == label) else {
            continue;
        };
        if last >= len || first > last {
            continue;
        }
        mark_span(&mut bits, first, last, k);
    }
    bits
}

/// The rule bits ([`rule_bits`]) of `doc`'s tokens for the rule
/// recognisers' entities `matches` (those off token boundaries left out).
pub fn rule_bits_of_matches(
    doc: &crate::document::Document,
    matches: &[crate::entity::Entity],
) -> Vec<u32> {
    rule_bits(
        doc.tokens.len(),
        matches.iter().filter_map(|e| {
            let (first, last) = doc.token_span(e.start, e.end)?;
            Some((first, last, e.label))
        }),
    )
}

/// Marks tokens `first..=last` in `bits` with the four bits of `kind`: bit
/// `4·kind + position`, position 0 for the first token, 1 inside, 2 for the
/// last and 3 for a one-token span (as BILOU tags). Rule matches and
/// gazetteer matches are both kept this way.
pub fn mark_span(bits: &mut [u32], first: usize, last: usize, kind: usize) {
    let bit = |position: usize| 1u32 << (4 * kind + position);
    if first == last {
        bits[first] |= bit(3);
        return;
    }
    bits[first] |= bit(0);
    for b in &mut bits[first + 1..last] {
        *b |= bit(1);
    }
    bits[last] |= bit(2);
}

/// Appends the features of token `i` that do not depend on predicted tags:
/// those it gets from one word of its sentence at a time (its own, its
/// neighbours', words further away: [`one_word_features`]) and the rest of
/// its context ([`context_features`]).
pub fn static_features(sentence: &SentenceContext, i: usize, out: &mut Vec<u64>) {
    for place in Place::ALL {
        for &offset in place.offsets() {
            let word = i
                .checked_add_signed(offset)
                .filter(|&j| j < sentence.infos.len())
                .map(|j| (&sentence.infos[j], sentence.clusters[j]));
            one_word_features(place, word, sentence.cluster_levels, out);
        }
    }
    context_features(sentence, i, out);
}

/// Where a word stands relative to the token it gives features to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The token itself.
    Own,
    /// The token before.
    Left,
    /// The token after.
    Right,
    /// Two tokens before.
    SecondLeft,
    /// Two tokens after.
    SecondRight,
    /// Three or four tokens before.
    FarLeft,
    /// Three to five tokens after.
    FarRight,
}

impl Place {
    /// Every place, in a fixed order.
    pub const ALL: [Place; 7] = [
        Place::Own,
        Place::Left,
        Place::Right,
        Place::SecondLeft,
        Place::SecondRight,
        Place::FarLeft,
        Place::FarRight,
    ];

    /// The offsets from the token of the words in this place.
    pub fn offsets(self) -> &'static [isize] {
        match self {
            Place::Own => &[0],
            Place::Left => &[-1],
            Place::Right => &[1],
            Place::SecondLeft => &[-2],
            Place::SecondRight => &[2],
            Place::FarLeft => &[-3, -4],
            Place::FarRight => &[3, 4, 5],
        }
    }
}

/// Cluster ids standing for the token before the start of a sentence.
const CLUSTERS_BEFORE: ClusterIds = ClusterIds([0xfffe; MAX_LEVELS]);

/// Cluster ids standing for the token after the end of a sentence.
const CLUSTERS_AFTER: ClusterIds = ClusterIds([0xffff; MAX_LEVELS]);

/// Appends the features a token gets from the word at `place` (`None`
/// beyond the ends of the sentence), which depend on that word alone, so
/// the tagger may sum their weights once per distinct word. `levels` is
/// the model's number of cluster levels.
pub fn one_word_features(
    place: Place,
    word: Option<(&TokenInfo, ClusterIds)>,
    levels: usize,
    out: &mut Vec<u64>,
) {
    let mut push = |h: u64| out.push(finish(h));
    let levels = levels.min(MAX_LEVELS);
    match place {
        Place::Own => {
            if let Some((me, clusters)) = word {
                push(T_BIAS);
                push(mix(T_WORD[0], me.norm));
                push(mix(T_SHAPE[0], me.shape));
                for k in 0..4 {
                    push(mix(T_PREFIX, me.prefixes[k]));
                    push(mix(T_SUFFIX, me.suffixes[k]));
                }
                push(mix(T_EXACT, me.exact));
                push(mix(T_FLAGS, u64::from(me.flags)));
                for (level, &id) in clusters.0[..levels].iter().enumerate() {
                    push(mix(mix(T_CLUSTER[0], level as u64), u64::from(id)));
                }
                if levels > 0 {
                    push(mix(
                        mix(T_CLUSTER_SHAPE, u64::from(clusters.0[0])),
                        me.shape,
                    ));
                }
            }
        }
        Place::Left | Place::Right => {
            let side = usize::from(place == Place::Right);
            let (edge, edge_clusters) = if side == 0 {
                (BEFORE, CLUSTERS_BEFORE)
            } else {
                (AFTER, CLUSTERS_AFTER)
            };
            let (norm, shape, clusters) = word.map_or((edge, edge, edge_clusters), |(t, ids)| {
                (t.norm, t.shape, ids)
            });
            push(mix(T_WORD[1 + side], norm));
            push(mix(T_SHAPE[1 + side], shape));
            if let Some((t, _)) = word {
                push(mix(T_NEIGHBOUR_SUFFIX[side], t.suffixes[2]));
            }
            for (level, &id) in clusters.0[..levels].iter().enumerate() {
                push(mix(mix(T_CLUSTER[1 + side], level as u64), u64::from(id)));
            }
        }
        Place::SecondLeft => push(mix(T_WORD[3], word.map_or(BEFORE, |(t, _)| t.norm))),
        Place::SecondRight => push(mix(T_WORD[4], word.map_or(AFTER, |(t, _)| t.norm))),
        // Words a little further away, wherever they stand: "years ago" three
        // tokens on tells "more" in "more than sixty years ago" that a date starts.
        Place::FarLeft => {
            if let Some((t, _)) = word {
                push(mix(T_LEFT_BAG, t.norm));
            }
        }
        Place::FarRight => {
            if let Some((t, _)) = word {
                push(mix(T_RIGHT_BAG, t.norm));
            }
        }
    }
}

/// Appends the features of token `i` that look at more than one token at
/// once (pairs and trigrams), at where it stands, or at the gazetteer and
/// rule matches around it.
pub fn context_features(sentence: &SentenceContext, i: usize, out: &mut Vec<u64>) {
    let infos = sentence.infos;
    let gazetteer = sentence.gazetteer;
    let at = |offset: isize| -> Option<&TokenInfo> {
        let j = i as isize + offset;
        (j >= 0).then(|| infos.get(j as usize)).flatten()
    };
    let word =
        |offset: isize| at(offset).map_or(if offset < 0 { BEFORE } else { AFTER }, |t| t.norm);
    let shape_at =
        |offset: isize| at(offset).map_or(if offset < 0 { BEFORE } else { AFTER }, |t| t.shape);
    let flags_at = |offset: isize| at(offset).map_or(0xff, |t| u64::from(t.flags));
    let cluster = |offset: isize| -> ClusterIds {
        let j = i as isize + offset;
        if j < 0 {
            return CLUSTERS_BEFORE;
        }
        sentence
            .clusters
            .get(j as usize)
            .copied()
            .unwrap_or(CLUSTERS_AFTER)
    };
    let me = &infos[i];
    let mut push = |h: u64| out.push(finish(h));

    push(mix(mix(T_FLAGS_PAIR, flags_at(-1)), u64::from(me.flags)));
    push(mix(mix(T_BIGRAM_LEFT, word(-1)), me.norm));
    push(mix(mix(T_BIGRAM_RIGHT, me.norm), word(1)));
    push(mix(
        mix(mix(T_SHAPE_TRIGRAM, shape_at(-1)), me.shape),
        shape_at(1),
    ));
    if i == 0 {
        push(mix(T_SENTENCE_START, u64::from(me.flags)));
    }
    for_each_bit(gazetteer[i], |bit| push(mix(T_GAZETTEER, bit)));
    if let Some(&next) = gazetteer.get(i + 1) {
        for_each_bit(next, |bit| push(mix(T_GAZETTEER_NEXT, bit)));
    }
    if i > 0 {
        for_each_bit(gazetteer[i - 1], |bit| push(mix(T_GAZETTEER_PREVIOUS, bit)));
    }
    if sentence.cluster_levels > 0 {
        push(mix(
            mix(T_CLUSTER_PAIR, u64::from(cluster(-1).0[0])),
            u64::from(cluster(0).0[0]),
        ));
    }
    if sentence.case != SentenceCase::Ordinary {
        let case = sentence.case as u64;
        push(mix(mix(T_CASE_FLAGS, case), u64::from(me.flags)));
        push(mix(mix(T_CASE_WORD, case), me.norm));
    }
    for_each_bit(sentence.rules[i], |bit| push(mix(T_RULE, bit)));
    if let Some(&next) = sentence.rules.get(i + 1) {
        for_each_bit(next, |bit| push(mix(T_RULE_NEXT, bit)));
    }
}

fn for_each_bit(bits: u32, mut f: impl FnMut(u64)) {
    let mut rest = bits;
    while rest != 0 {
        let bit = rest.trailing_zeros();
        f(u64::from(bit));
        rest &= rest - 1;
    }
}

/// What the features of a token may know of the tags already chosen.
#[derive(Clone, Copy, Debug)]
pub struct History {
    /// The tag of the previous token, `None` at the start of a sentence.
    pub previous: Option<Tag>,
    /// The tag two tokens back.
    pub before_previous: Option<Tag>,
    /// For a capitalised word seen earlier in the document: the label index
    /// plus one it was given last time, or 0 when it was outside any entity.
    pub memory: Option<u8>,
}

/// Appends the features of a token that depend on the tags chosen before it.
pub fn dynamic_features(info: &TokenInfo, history: &History, out: &mut Vec<u64>) {
    tag_features(history.previous, history.before_previous, out);
    tag_word_features(info, history.previous, out);
    if let Some(memory) = history.memory {
        memory_features(info, memory, out);
    }
}

/// Appends the features of the two tags before a token alone (`None`
/// before the start of the sentence); few enough that the tagger looks
/// their weights up once per model.
pub fn tag_features(previous: Option<Tag>, before_previous: Option<Tag>, out: &mut Vec<u64>) {
    let previous = tag_or_start(previous);
    out.push(finish(mix(T_PREVIOUS_TAG, previous)));
    out.push(finish(mix(
        mix(T_PREVIOUS_TAGS, tag_or_start(before_previous)),
        previous,
    )));
}

/// Appends the features of the previous tag with the token's word and shape.
pub fn tag_word_features(info: &TokenInfo, previous: Option<Tag>, out: &mut Vec<u64>) {
    let previous = tag_or_start(previous);
    out.push(finish(mix(mix(T_PREVIOUS_TAG_WORD, previous), info.norm)));
    out.push(finish(mix(mix(T_PREVIOUS_TAG_SHAPE, previous), info.shape)));
}

/// Appends the features of the label the token's word was given earlier in
/// the document ([`History::memory`]).
pub fn memory_features(info: &TokenInfo, memory: u8, out: &mut Vec<u64>) {
    out.push(finish(mix(T_MEMORY, u64::from(memory))));
    out.push(finish(mix(
        mix(T_MEMORY_SHAPE, u64::from(memory)),
        info.shape,
    )));
}

/// A tag as features see it, with a stand-in before the start of a sentence.
fn tag_or_start(tag: Option<Tag>) -> u64 {
    tag.map_or(0xffff, u64::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typographic_punctuation_reads_as_the_training_data_writes_it() {
        assert_eq!(normalise_punctuation("Netanyahu\u{2019}s"), "Netanyahu's");
        assert_eq!(normalise_punctuation("\u{201C}"), "\"");
        assert_eq!(normalise_punctuation("\u{2014}"), "--");
        assert_eq!(normalise_punctuation("S\u{00E3}o"), "S\u{00E3}o");
        assert_eq!(TokenInfo::new("\u{2014}").norm, TokenInfo::new("--").norm);
    }
}
