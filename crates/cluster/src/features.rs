//! What an article says, as weighted terms: content words, and names and numbers.

use crosscheck_text::{TokenKind, fmix64, tokens};

use crate::background;
use crate::stop::stop_hashes;

/// Tags that keep the term spaces apart: a name `paris` and the word `paris` are different
/// features, as are a number and a word that hash alike.
const NAME_TAG: u64 = 0xA5A5_0000_0000_0001;
const NUMBER_TAG: u64 = 0x5A5A_0000_0000_0002;
const PAIR_TAG: u64 = 0x3C3C_0000_0000_0003;

/// One distinct term of an article with its count.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Term {
    /// The term's 64-bit id (a hash; words, names and numbers never share ids).
    pub id: u64,
    /// How many times the article holds it.
    pub count: f32,
    /// The prior probability that a document holds it (see [`background`](crate::background)).
    pub prior: f32,
}

/// The raw term counts of one article, before weighting.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    /// Content words (lowercased, stop words removed), sorted by id.
    pub words: Vec<Term>,
    /// Names, name pairs and numbers, sorted by id.
    pub names: Vec<Term>,
    /// A hash of the token sequence, used as a content-based tie-break in the canonical order.
    pub fingerprint: u64,
}

/// Terms counted from a list of occurrences `(id, prior)`.
fn counted(mut terms: Vec<(u64, f32)>) -> Vec<Term> {
    terms.sort_unstable_by_key(|t| t.0);
    let mut out: Vec<Term> = Vec::with_capacity(terms.len());
    for (id, prior) in terms {
        match out.last_mut() {
            Some(t) if t.id == id => t.count += 1.0,
            _ => out.push(Term { id, count: 1.0, prior }),
        }
    }
    out
}

/// Extracts the features of a text.
///
/// ## What it does
///
/// - Content words: every word token of two or more characters that is not a stop word.
/// - Names: capitalised words that do not open a sentence (`… said Smith`), and words opening
///   a sentence that the same text also capitalises elsewhere, plus all-capital acronyms.
///   Two names in a row also count as a pair (`Tara Reid`), which is far more specific than
///   either name.
/// - Numbers: every number token (`2013`, `6.1`, `1,200`).
///
/// ## Why
///
/// Two reports of the same kind of event (two earthquakes, two celebrity arrests) share most of
/// their content words; what tells them apart is who, where and how much, which in English news
/// is written as capitalised names and numbers. The heuristic needs no tagger and no model, runs
/// at tokenizer speed, and works for any language that capitalises names.
///
/// ## Limitations
///
/// Languages that do not capitalise names (Chinese, Arabic) get no name features, and German
/// capitalises every noun, so its names are diluted. A headline in title case counts as names.
pub fn features(text: &str) -> Features {
    let stop = stop_hashes();
    let mut words: Vec<u64> = Vec::new();
    let mut names: Vec<(u64, f32)> = Vec::new();
    // Sentence-initial capitalised words, resolved once we know the text's names.
    let mut initial: Vec<u64> = Vec::new();
    let mut known_names: Vec<u64> = Vec::new();
    let mut prev_name: Option<u64> = None;

    let mut fp = 0x243F_6A88_85A3_08D3_u64;
    for t in tokens(text) {
        let h = t.hash();
        fp = (fp ^ h).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(23);
        if t.kind == TokenKind::Number {
            let digits = t.text.bytes().filter(u8::is_ascii_digit).count();
            names.push((fmix64(h ^ NUMBER_TAG), background::number_prior(digits)));
            prev_name = None;
        } else {
            let is_stop = stop.contains(&h);
            if !is_stop && t.text.chars().nth(1).is_some() {
                words.push(h);
            }
            let cap = t.is_capitalized();
            let acronym = t.text.len() >= 2 && t.text.chars().all(char::is_uppercase);
            if cap && !is_stop && (!t.sentence_start || acronym) {
                names.push((fmix64(h ^ NAME_TAG), background::prior(h)));
                known_names.push(h);
                if let Some(p) = prev_name {
                    names.push((fmix64(p.rotate_left(17) ^ h ^ PAIR_TAG), background::rare()));
                }
                prev_name = Some(h);
            } else if cap && !is_stop && t.sentence_start {
                initial.push(h);
                prev_name = Some(h);
            } else {
                prev_name = None;
            }
        }
    }
    known_names.sort_unstable();
    for h in initial {
        if known_names.binary_search(&h).is_ok() {
            names.push((fmix64(h ^ NAME_TAG), background::prior(h)));
        }
    }
    // Words are looked up once each, after counting.
    words.sort_unstable();
    let mut word_terms: Vec<Term> = Vec::with_capacity(words.len());
    for h in words {
        match word_terms.last_mut() {
            Some(t) if t.id == h => t.count += 1.0,
            _ => word_terms.push(Term { id: h, count: 1.0, prior: background::prior(h) }),
        }
    }
    Features { words: word_terms, names: counted(names), fingerprint: fmix64(fp) }
}

/// The `k` heaviest terms of a document (its headline counts as text), by term frequency and
/// the IDF of the background prior alone: the terms a store indexes a story by, so that a new
/// article finds the stories it may belong to without reading the others.
///
/// ## Why
///
/// A story's own names and rare words (the place, the people, the unusual noun) are what its
/// reports share and what other stories lack; frequent words would send every article to
/// every story. The prior needs no batch, so the keys of an article never change.
pub fn key_terms(title: Option<&str>, text: &str, k: usize) -> Vec<u64> {
    let f = match title {
        Some(t) if !t.is_empty() => features(&format!("{t}.\n\n{text}")),
        _ => features(text),
    };
    let mut weighted: Vec<(u64, f32)> = f
        .words
        .iter()
        .chain(&f.names)
        .map(|t| (t.id, crate::story::tf(t.count) * crate::story::idf(0, 0, t.prior)))
        .collect();
    weighted.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    weighted.into_iter().take(k).map(|x| x.0).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_terms_are_the_rare_ones() {
        let keys = key_terms(
            Some("Flood in Kestrel Bay"),
            "The Harlow tunnel in Kestrel Bay flooded on Tuesday, the office said.",
            4,
        );
        assert_eq!(keys.len(), 4);
        let said = crosscheck_text::token_hash("said");
        assert!(!keys.contains(&said), "common words are not keys");
        assert_eq!(
            keys,
            key_terms(
                Some("Flood in Kestrel Bay"),
                "The Harlow tunnel in Kestrel Bay flooded on Tuesday, the office said.",
                4
            )
        );
    }

    #[test]
    fn names_are_capitalised_inside_sentences() {
        let f = features("Police said Anna Berg left. Berg was seen in Oslo on 12 May.");
        // Names: Anna, Berg (also sentence-initially, resolved), Oslo, May; pair Anna Berg.
        let name = |w: &str| fmix64(crosscheck_text::token_hash(w) ^ NAME_TAG);
        let count = |h: u64| f.names.iter().find(|x| x.id == h).map(|x| x.count);
        assert_eq!(count(name("berg")), Some(2.0));
        assert_eq!(count(name("oslo")), Some(1.0));
        assert_eq!(count(name("police")), None, "sentence-initial and never capitalised again");
        assert!(
            f.names.iter().any(|x| x.id == fmix64(crosscheck_text::token_hash("12") ^ NUMBER_TAG))
        );
        assert!(f.words.iter().all(|x| x.id != crosscheck_text::token_hash("was")));
        assert!(f.words.windows(2).all(|w| w[0].id < w[1].id));
        assert!(f.names.windows(2).all(|w| w[0].id < w[1].id));
        let oslo = f.names.iter().find(|x| x.id == name("oslo")).map(|x| x.prior);
        assert!(
            oslo.is_some_and(|p| p > 0.0 && p < 0.05),
            "a name's prior is its word's: {oslo:?}"
        );
    }
}
