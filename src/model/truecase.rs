//! Reading headlines in Title Case and lines in capitals as ordinary text.
//!
//! A tagger trained on running text takes every capitalised word for a name:
//! "Netanyahu Tells Putin Israel's War With Hamas Will Persist" would give
//! PERSON "Netanyahu Tells Putin". So before the features look at a
//! sentence, one written in Title Case (most of the words that are usually
//! lower case start with a capital) or in capitals (nearly every word) is
//! given the case its words usually have, learned from 52M words of
//! unlabelled text ([`CaseProfile`], by `scripts/word_reps.py`): "Tells",
//! "War", "With", "Will" become "tells", "war", "with", "will"; in capitals
//! "PUTIN" becomes "Putin", "NATO" stays. Only what the features see changes:
//! tokens keep their offsets into the text as written.

use super::features::TokenInfo;
use super::hash::fingerprint;

/// How a word is written where its position forces no capital (not first in
/// a sentence), in tenths of its uses: `lower` in lower case, `caps` in
/// capitals; the rest capitalised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaseProfile {
    /// Tenths of the uses in lower case, 0 to 10.
    pub lower: u8,
    /// Tenths of the uses in capitals, 0 to 10.
    pub caps: u8,
}

impl CaseProfile {
    /// The profile as one byte, 1 to 121 (`lower * 11 + caps + 1`).
    pub fn to_byte(self) -> u8 {
        self.lower * 11 + self.caps + 1
    }

    /// The profile of a byte written by [`CaseProfile::to_byte`]; `None`
    /// for 0 (no profile) and for bytes no profile gives.
    pub fn from_byte(byte: u8) -> Option<Self> {
        let value = byte.checked_sub(1)?;
        let profile = CaseProfile {
            lower: value / 11,
            caps: value % 11,
        };
        (profile.lower <= 10 && profile.lower + profile.caps <= 10).then_some(profile)
    }
}

/// Case profiles by word (the fingerprint of its `norm`, as clusters): keys
/// in increasing order beside their profiles, looked up by binary search.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CaseTable {
    keys: Vec<u32>,
    profiles: Vec<CaseProfile>,
}

/// How a word is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Written {
    /// No letter in it.
    NoLetter,
    /// Every letter lower case.
    Lower,
    /// A capital, then lower case ("Putin", "A").
    Capitalised,
    /// Two or more letters, all capitals ("NATO", "U.S.").
    Capitals,
    /// Anything else ("McDonald", "iPhone").
    Mixed,
}

fn written(word: &str) -> Written {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return Written::NoLetter;
    };
    let (mut lower, mut upper, mut count) = (0, 0, 0);
    for c in letters {
        count += 1;
        if c.is_lowercase() {
            lower += 1;
        } else if c.is_uppercase() {
            upper += 1;
        }
    }
    match (first.is_uppercase(), lower == count, upper == count) {
        (false, true, _) if first.is_lowercase() => Written::Lower,
        (true, _, true) if count > 0 => Written::Capitals,
        (true, true, _) => Written::Capitalised,
        _ => Written::Mixed,
    }
}

/// Whether a word written `how` reads as capitals: all capitals, or a
/// single capital letter ("A", "I", "'S").
fn in_capitals(word: &str, how: Written) -> bool {
    how == Written::Capitals
        || (how == Written::Capitalised && word.chars().filter(|c| c.is_alphabetic()).count() == 1)
}

/// Which way a sentence is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SentenceCase {
    /// As running text: left as it is.
    Ordinary,
    /// Words that are usually lower case capitalised (a headline).
    Title,
    /// Nearly every word in capitals.
    Capitals,
}

/// Whether at least half the words with letters start with a capital,
/// where their place does not call for one: only then can a sentence be a
/// headline or in capitals (a check that needs no lookups, for running text).
fn mostly_capitalised(words: &[&str]) -> bool {
    let (mut lettered, mut capitalised) = (0, 0);
    let mut forced = true;
    for word in words {
        if !forced {
            if let Some(first) = word.chars().find(|c| c.is_alphabetic()) {
                lettered += 1;
                capitalised += usize::from(first.is_uppercase());
            }
        }
        forced = forces_capital(word);
    }
    capitalised * 2 >= lettered && capitalised > 0
}

/// Whether a token is one after which a word is capitalised anyway.
fn forces_capital(word: &str) -> bool {
    matches!(
        word,
        "." | "!"
            | "?"
            | ":"
            | "\""
            | "``"
            | "''"
            | "'"
            | "--"
            | "-"
            | "("
            | "\u{201C}"
            | "\u{2018}"
    )
}

impl CaseTable {
    /// The table of `profiles` (key, profile); of a key given twice, the first counts.
    pub fn new(profiles: impl IntoIterator<Item = (u32, CaseProfile)>) -> Self {
        let mut profiles: Vec<(u32, CaseProfile)> = profiles.into_iter().collect();
        profiles.sort_by_key(|&(key, _)| key);
        profiles.dedup_by_key(|&mut (key, _)| key);
        CaseTable {
            keys: profiles.iter().map(|&(key, _)| key).collect(),
            profiles: profiles.into_iter().map(|(_, p)| p).collect(),
        }
    }

    /// The table of profiles whose keys are `keys` (strictly increasing), as
    /// a model file stores them; `None` when the lengths or the order do not fit.
    pub fn from_sorted(keys: Vec<u32>, profiles: Vec<CaseProfile>) -> Option<Self> {
        let fits = keys.len() == profiles.len() && keys.windows(2).all(|w| w[0] < w[1]);
        fits.then_some(CaseTable { keys, profiles })
    }

    /// The number of words with a profile.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether no word has a profile.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The profile of the word with `key`.
    pub fn get(&self, key: u32) -> Option<CaseProfile> {
        let i = self.keys.binary_search(&key).ok()?;
        Some(self.profiles[i])
    }

    /// Every word's key and profile, in increasing key order.
    pub fn profiles(&self) -> impl Iterator<Item = (u32, CaseProfile)> + '_ {
        self.keys.iter().copied().zip(self.profiles.iter().copied())
    }

    fn profile(&self, word: &str) -> Option<CaseProfile> {
        self.get(fingerprint(TokenInfo::new(word).norm))
    }

    /// The features' view of a sentence's words, each as [`CaseTable::restore`]
    /// writes it, and which way the sentence is written.
    pub fn token_infos(&self, words: &[&str]) -> (Vec<TokenInfo>, SentenceCase) {
        let case = self.sentence_case(words);
        let infos = self
            .restore_as(words, case)
            .iter()
            .zip(words)
            .map(|(restored, word)| TokenInfo::new(restored.as_deref().unwrap_or(word)))
            .collect();
        (infos, case)
    }

    /// Which way the sentence of `words` is written.
    pub fn sentence_case(&self, words: &[&str]) -> SentenceCase {
        if !mostly_capitalised(words) {
            return SentenceCase::Ordinary;
        }
        let (mut lettered, mut capitals) = (0, 0);
        let (mut usually_lower, mut capitalised_lower) = (0, 0);
        let mut forced = true;
        for word in words {
            let how = written(word);
            if how != Written::NoLetter {
                lettered += 1;
                // (Counted by characters here, by letters in `in_capitals`:
                // "'S" counts only there. Unifying them moved conll's dev F1
                // 91.70 -> 91.72 with models trained on this count: left for
                // the next retraining.)
                if how == Written::Capitals
                    || (how == Written::Capitalised && word.chars().count() == 1)
                {
                    capitals += 1;
                }
                if !forced {
                    if let Some(profile) = self.profile(word) {
                        if profile.lower >= 7 {
                            usually_lower += 1;
                            if matches!(how, Written::Capitalised | Written::Capitals) {
                                capitalised_lower += 1;
                            }
                        }
                    }
                }
            }
            forced = forces_capital(word);
        }
        if lettered >= 3 && capitals * 10 >= lettered * 9 {
            SentenceCase::Capitals
        } else if (usually_lower >= 2 && capitalised_lower * 10 >= usually_lower * 6)
            || (usually_lower == 1 && capitalised_lower == 1)
        {
            SentenceCase::Title
        } else {
            SentenceCase::Ordinary
        }
    }

    /// The words of one sentence as they would be written in running text,
    /// `None` for each word that stays as it is.
    pub fn restore(&self, words: &[&str]) -> Vec<Option<String>> {
        self.restore_as(words, self.sentence_case(words))
    }

    /// Which way each sentence of a document is written: as
    /// [`CaseTable::sentence_case`] says, except that where most sentences
    /// of three or more words are headlines (or in capitals), so is a
    /// shorter one that could be ("Mm , Yeah ." among headlines).
    pub fn document_cases(&self, sentences: &[&[&str]]) -> Vec<SentenceCase> {
        let mut cases: Vec<SentenceCase> =
            sentences.iter().map(|s| self.sentence_case(s)).collect();
        if cases.iter().all(|&c| c == SentenceCase::Ordinary) {
            return cases;
        }
        let is_long = |sentence: &[&str]| {
            sentence
                .iter()
                .filter(|w| w.chars().any(char::is_alphabetic))
                .take(3)
                .count()
                == 3
        };
        let (mut title, mut capitals) = (0, 0);
        for (sentence, case) in sentences.iter().zip(&cases) {
            if *case != SentenceCase::Ordinary && is_long(sentence) {
                title += usize::from(*case == SentenceCase::Title);
                capitals += usize::from(*case == SentenceCase::Capitals);
            }
        }
        // Counting the long sentences stops as soon as they are too many for
        // either kind to be most of them (at once, for an article with a headline).
        let limit = 2 * title.max(capitals);
        let long = sentences.iter().filter(|s| is_long(s)).take(limit).count();
        let majority = if capitals * 2 > long {
            SentenceCase::Capitals
        } else if title * 2 > long {
            SentenceCase::Title
        } else {
            return cases;
        };
        for (sentence, case) in sentences.iter().zip(&mut cases) {
            let fits = match majority {
                SentenceCase::Capitals => sentence.iter().all(|w| {
                    let how = written(w);
                    how == Written::NoLetter || in_capitals(w, how)
                }),
                _ => mostly_capitalised(sentence),
            };
            if *case == SentenceCase::Ordinary && fits {
                *case = majority;
            }
        }
        cases
    }

    /// The words of one sentence written as `case` says, as running text
    /// would write them; `None` for each word that stays as it is.
    pub fn restore_as(&self, words: &[&str], case: SentenceCase) -> Vec<Option<String>> {
        let mut out = Vec::with_capacity(words.len());
        let mut forced = true;
        for word in words {
            let restored = match case {
                SentenceCase::Ordinary => None,
                SentenceCase::Title => self.restore_title(word, forced),
                SentenceCase::Capitals => self.restore_capitals(word, forced),
            };
            out.push(restored);
            forced = forces_capital(word);
        }
        out
    }

    /// A capitalised word of a Title Case sentence in lower case, when the
    /// word is more often written so and its place does not call for a capital.
    fn restore_title(&self, word: &str, forced: bool) -> Option<String> {
        if forced || written(word) != Written::Capitalised {
            return None;
        }
        // Title Case writes an acronym in capitals still ("US", not "Us"),
        // so only lower case and capitalised uses count.
        let profile = self.profile(word)?;
        let capitalised = 10u8.saturating_sub(profile.lower.saturating_add(profile.caps));
        (profile.lower > 0 && profile.lower >= capitalised).then(|| word.to_lowercase())
    }

    /// A word of a sentence in capitals as it is usually written: lower
    /// case, capitalised (also for words the table does not know: names,
    /// most likely) or left in capitals (acronyms); capitalised where the
    /// place calls for a capital.
    fn restore_capitals(&self, word: &str, forced: bool) -> Option<String> {
        if !in_capitals(word, written(word)) {
            return None;
        }
        let profile = self.profile(word);
        if profile.is_some_and(|p| p.caps >= 5) {
            return None;
        }
        let lower = word.to_lowercase();
        if !forced && profile.is_some_and(|p| p.lower >= 5) {
            return Some(lower);
        }
        let mut chars = lower.chars();
        let first = chars.next()?;
        Some(first.to_uppercase().chain(chars).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(entries: &[(&str, u8, u8)]) -> CaseTable {
        CaseTable::new(entries.iter().map(|&(w, lower, caps)| {
            (
                fingerprint(TokenInfo::new(w).norm),
                CaseProfile { lower, caps },
            )
        }))
    }

    fn restored(table: &CaseTable, words: &[&str]) -> Vec<String> {
        table
            .restore(words)
            .into_iter()
            .zip(words)
            .map(|(r, w)| r.unwrap_or_else(|| w.to_string()))
            .collect()
    }

    fn sample() -> CaseTable {
        table(&[
            ("tells", 10, 0),
            ("war", 8, 0),
            ("with", 10, 0),
            ("will", 9, 0),
            ("persist", 10, 0),
            ("the", 10, 0),
            ("in", 10, 0),
            ("israel", 0, 0),
            ("putin", 0, 0),
            ("nato", 0, 10),
            ("'s", 10, 0),
        ])
    }

    #[test]
    fn a_title_case_headline_gets_its_usual_case() {
        let words = [
            "Netanyahu",
            "Tells",
            "Putin",
            "Israel",
            "'s",
            "War",
            "With",
            "Hamas",
            "Will",
            "Persist",
        ];
        assert_eq!(sample().sentence_case(&words), SentenceCase::Title);
        assert_eq!(
            restored(&sample(), &words),
            [
                "Netanyahu",
                "tells",
                "Putin",
                "Israel",
                "'s",
                "war",
                "with",
                "Hamas",
                "will",
                "persist"
            ]
        );
    }

    #[test]
    fn running_text_is_left_alone() {
        let words = [
            "Putin", "met", "the", "leaders", "of", "NATO", "in", "Paris", ".",
        ];
        assert_eq!(sample().sentence_case(&words), SentenceCase::Ordinary);
        assert!(sample().restore(&words).iter().all(Option::is_none));
    }

    #[test]
    fn capitals_become_running_text() {
        let words = [
            "THE", "WAR", "WITH", "PUTIN", "WILL", "PERSIST", "IN", "NATO", "'S", "EYES",
        ];
        assert_eq!(sample().sentence_case(&words), SentenceCase::Capitals);
        assert_eq!(
            restored(&sample(), &words),
            ["The", "war", "with", "Putin", "will", "persist", "in", "NATO", "'s", "Eyes"]
        );
    }

    #[test]
    fn profile_bytes_round_trip_and_reject_what_no_profile_gives() {
        for lower in 0..=10 {
            for caps in 0..=10 - lower {
                let p = CaseProfile { lower, caps };
                assert_eq!(CaseProfile::from_byte(p.to_byte()), Some(p));
            }
        }
        assert_eq!(CaseProfile::from_byte(0), None);
        assert_eq!(CaseProfile::from_byte(255), None);
        assert_eq!(CaseProfile::from_byte(5 * 11 + 6 + 1), None); // 5 + 6 tenths
    }
}
