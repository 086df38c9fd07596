//! Function words ("stopwords") of the main languages, for density heuristics.
//!
//! The lists (`lexicon/<language>/stopwords.txt`, see [`crate::lexicon`]) hold the most frequent closed-class words (articles, pronouns, prepositions,
//! conjunctions, auxiliaries) of each language, lowercase. They are short on purpose: a
//! boilerplate detector only needs the share of such words in a line, and running prose in any
//! of these languages is 30–50 % function words while menus and button labels are nearly 0 %.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crosscheck_core::Lang;

use crate::lexicon::{Lexicon, List};

/// The languages that have a list, as ISO 639-1 codes.
pub const STOPWORD_LANGUAGES: &[&str] =
    &["en", "de", "fr", "es", "it", "pt", "ru", "uk", "nl", "pl"];

/// The stopword lexicons, in [`STOPWORD_LANGUAGES`] order (which breaks ties).
static SETS: LazyLock<Vec<(&'static str, &'static Lexicon)>> = LazyLock::new(|| {
    STOPWORD_LANGUAGES
        .iter()
        // Invariant: the codes above are valid two-letter codes.
        .map(|&code| (code, Lexicon::of(code.parse().unwrap_or(Lang::UNKNOWN))))
        .collect()
});

/// Whether `word` (already lowercase) is a stopword of language `lang`.
///
/// Languages without a list (and [`Lang::UNKNOWN`]) have no stopwords.
pub fn is_stopword(lang: Lang, word: &str) -> bool {
    STOPWORDS.get(&lang).is_some_and(|set| set.contains(word))
}

/// Every language's stopwords as a hash set: [`is_stopword`] runs on every word clustering
/// reads, where a hash probe is several times cheaper than a binary search.
static STOPWORDS: LazyLock<HashMap<Lang, HashSet<&'static str>>> = LazyLock::new(|| {
    Lexicon::languages()
        .map(|lang| (lang, Lexicon::of(lang).words(List::Stopwords).collect()))
        .collect()
});

/// The language whose stopwords make up the largest share of `words` (lowercase), with that
/// share; `None` when no word is a stopword of any language.
pub fn best_stopword_language(words: &[&str]) -> Option<(Lang, f64)> {
    let mut best: Option<(&'static str, usize)> = None;
    for (code, set) in SETS.iter() {
        let n = words.iter().filter(|w| set.has(List::Stopwords, w)).count();
        if n > 0 && best.is_none_or(|(_, b)| n > b) {
            best = Some((code, n));
        }
    }
    // Invariant: the codes above are valid two-letter codes.
    best.map(|(c, n)| (c.parse().unwrap_or(Lang::UNKNOWN), n as f64 / words.len().max(1) as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_words_and_languages() {
        let de: Lang = "de".parse().unwrap();
        assert!(is_stopword(Lang::EN, "the"));
        assert!(is_stopword(de, "und"));
        assert!(!is_stopword(Lang::EN, "bridge"));
        assert!(!is_stopword(Lang::UNKNOWN, "the"));
        let text = "der bau der brücke wurde am montag und dienstag fortgesetzt";
        assert_eq!(
            best_stopword_language(&text.split(' ').collect::<Vec<_>>()).map(|(l, _)| l),
            Some(de)
        );
        let en = "the bridge was opened on monday by the mayor";
        let (l, share) = best_stopword_language(&en.split(' ').collect::<Vec<_>>()).unwrap();
        assert_eq!(l, Lang::EN);
        assert!(share > 0.4, "{share}");
        assert_eq!(best_stopword_language(&["zzz", "qqq"]), None);
    }

    #[test]
    fn the_sets_agree_with_the_lexicon() {
        for lang in Lexicon::languages() {
            for word in Lexicon::of(lang).words(List::Stopwords) {
                assert!(is_stopword(lang, word), "{word}");
            }
            assert!(!is_stopword(lang, "zzqxv"));
        }
        assert!(!is_stopword(Lang::UNKNOWN, "the"));
    }

    #[test]
    fn every_listed_language_has_words() {
        for code in STOPWORD_LANGUAGES {
            assert!(
                SETS.iter().any(|(c, s)| c == code && s.words(List::Stopwords).count() > 50),
                "{code}"
            );
        }
    }
}
