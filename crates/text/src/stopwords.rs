//! Function words ("stopwords") of the main languages, for density heuristics.
//!
//! The lists (`lexicon/<language>/stopwords.txt`, see [`crate::lexicon`]) hold the most frequent closed-class words (articles, pronouns, prepositions,
//! conjunctions, auxiliaries) of each language, lowercase. They are short on purpose: a
//! boilerplate detector only needs the share of such words in a line, and running prose in any
//! of these languages is 30–50 % function words while menus and button labels are nearly 0 %.

use foldhash::{HashMap, HashMapExt};
use std::sync::LazyLock;

use crosscheck_core::Lang;

use crate::lexicon::{Lexicon, List};

/// The languages that have a list, as ISO 639-1 codes.
pub const STOPWORD_LANGUAGES: &[&str] =
    &["en", "de", "fr", "es", "it", "pt", "ru", "uk", "nl", "pl"];

/// The languages that have data ([`Lexicon::languages`]), in that order: bit `i` of a
/// [`MASKS`] entry stands for `LANGS[i]`.
static LANGS: LazyLock<Vec<Lang>> = LazyLock::new(|| Lexicon::languages().collect());

/// Every stopword of every language, with the languages it is a stopword of as a bitmask over
/// [`LANGS`]: one hash probe per word tells [`is_stopword`] and [`best_stopword_language`]
/// everything, where a binary search per language was several times dearer on every word
/// clustering and extraction read.
static MASKS: LazyLock<HashMap<&'static str, u64>> = LazyLock::new(|| {
    let mut masks: HashMap<&'static str, u64> = HashMap::new();
    for (i, &lang) in LANGS.iter().enumerate().take(64) {
        for word in Lexicon::of(lang).words(List::Stopwords) {
            *masks.entry(word).or_default() |= 1 << i;
        }
    }
    masks
});

/// The bit of `lang` in [`MASKS`]; `None` for a language without data (or past the 64th).
fn bit(lang: Lang) -> Option<u64> {
    LANGS.iter().position(|&l| l == lang).filter(|&i| i < 64).map(|i| 1 << i)
}

/// The bits of [`STOPWORD_LANGUAGES`], in that order (which breaks ties), with the language.
static SETS: LazyLock<Vec<(Lang, u64)>> = LazyLock::new(|| {
    STOPWORD_LANGUAGES
        .iter()
        // Invariant: the codes above are valid two-letter codes.
        .map(|&code| code.parse().unwrap_or(Lang::UNKNOWN))
        .map(|lang| (lang, bit(lang).unwrap_or(0)))
        .collect()
});

/// Whether `word` (already lowercase) is a stopword of language `lang`.
///
/// Languages without a list (and [`Lang::UNKNOWN`]) have no stopwords.
pub fn is_stopword(lang: Lang, word: &str) -> bool {
    match bit(lang) {
        Some(b) => MASKS.get(word).is_some_and(|m| m & b != 0),
        None => Lexicon::of(lang).has(List::Stopwords, word),
    }
}

/// The language whose stopwords make up the largest share of `words` (lowercase), with that
/// share; `None` when no word is a stopword of any language.
pub fn best_stopword_language(words: &[&str]) -> Option<(Lang, f64)> {
    let sets = &*SETS;
    let mut counts = [0usize; 64];
    let any = sets.iter().fold(0u64, |a, s| a | s.1);
    for w in words {
        let Some(&m) = MASKS.get(w) else { continue };
        let mut m = m & any;
        while m != 0 {
            counts[m.trailing_zeros() as usize] += 1;
            m &= m - 1;
        }
    }
    let mut best: Option<(Lang, usize)> = None;
    for &(lang, b) in sets {
        let n = if b == 0 { 0 } else { counts[b.trailing_zeros() as usize] };
        if n > 0 && best.is_none_or(|(_, c)| n > c) {
            best = Some((lang, n));
        }
    }
    best.map(|(l, n)| (l, n as f64 / words.len().max(1) as f64))
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

    /// The first implementation: a binary search of each language's list per word.
    fn by_search(words: &[&str]) -> Option<(Lang, f64)> {
        let mut best: Option<(Lang, usize)> = None;
        for code in STOPWORD_LANGUAGES {
            let lang: Lang = code.parse().unwrap();
            let n = words.iter().filter(|w| Lexicon::of(lang).has(List::Stopwords, w)).count();
            if n > 0 && best.is_none_or(|(_, b)| n > b) {
                best = Some((lang, n));
            }
        }
        best.map(|(l, n)| (l, n as f64 / words.len().max(1) as f64))
    }

    #[test]
    fn the_bitmasks_pick_what_a_search_per_language_picks() {
        // Words shared by several languages (`a`, `de`, `in`, `die`) and ties between languages
        // decide by list order; a pseudo-random mix of every list's words covers both.
        let pool: Vec<&str> = STOPWORD_LANGUAGES
            .iter()
            .flat_map(|c| Lexicon::of(c.parse().unwrap()).words(List::Stopwords).take(40))
            .chain(["bridge", "zzqxv", "", "Der", "montag"])
            .collect();
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        for len in 0..300 {
            let words: Vec<&str> = (0..len % 37)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    pool[(state % pool.len() as u64) as usize]
                })
                .collect();
            assert_eq!(best_stopword_language(&words), by_search(&words), "{words:?}");
        }
        for lang in Lexicon::languages() {
            let first: Vec<&str> = Lexicon::of(lang).words(List::Stopwords).take(3).collect();
            assert_eq!(best_stopword_language(&first), by_search(&first), "{lang:?}");
        }
    }

    #[test]
    fn every_listed_language_has_words() {
        for code in STOPWORD_LANGUAGES {
            let lang: Lang = code.parse().unwrap();
            assert!(Lexicon::of(lang).words(List::Stopwords).count() > 50, "{code}");
            assert!(SETS.iter().any(|&(l, b)| l == lang && b != 0), "{code}");
        }
    }
}
