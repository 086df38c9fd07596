//! How common a word is in general text: the document-frequency prior behind the IDF weights.
//!
//! ## What it does
//!
//! The binary embeds `data/background.txt`, a word-frequency list derived from the `wordfreq`
//! package (English down to Zipf frequency 3.0, the most frequent words of six other news
//! languages; see `data/README.md`). A word of Zipf frequency `z` occurs `10^(z − 9)` times per
//! word of text, so it appears in a document of `L` words with probability about
//! `1 − exp(−10^(z − 9) · L)`; [`prior`] returns that probability (`L` = [`DOC_WORDS`]). Words
//! missing from the list get the probability of a word just below its floor.
//!
//! ## Why
//!
//! IDF learnt from the batch alone is degenerate on small batches: in seven reports of which six
//! cover one story, the story's own key words are in most documents and get the *lowest*
//! weights. Blending the batch's counts with this prior (see [`Idf`](crate::Idf)) keeps
//! "the", "said" and "police" light and rare words heavy whatever the batch size, and the batch
//! takes over as it grows.
//!
//! ## Limitations
//!
//! The list knows English best; words of other languages beyond their most frequent few
//! thousand count as rare. Word frequency stands in for document frequency: bursty words (a
//! name repeated ten times in one article) are over-estimated.

use std::sync::OnceLock;

use crosscheck_text::token_hash;

use crate::hash::TermMap;

/// The embedded list; format described in `data/make_background.py`.
const LIST: &str = include_str!("../data/background.txt");

/// Words per document assumed when turning a word frequency into a document frequency: news
/// articles run 300 to 800 words, and words cluster within documents, so the effective length
/// is set at the low end.
pub const DOC_WORDS: f64 = 300.0;

/// The Zipf frequency given to words missing from the list, just below its English floor (3.0).
const UNKNOWN_ZIPF: f64 = 2.5;

/// The probability that a document of [`DOC_WORDS`] words holds a word of Zipf frequency `z`.
fn probability(z: f64) -> f32 {
    (1.0 - (-(10f64.powf(z - 9.0)) * DOC_WORDS).exp()) as f32
}

fn table() -> &'static TermMap<f32> {
    static TABLE: OnceLock<TermMap<f32>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = TermMap::default();
        let mut p = probability(UNKNOWN_ZIPF);
        for line in LIST.lines() {
            if let Some(band) = line.strip_prefix('@') {
                // A malformed band keeps the previous one; the list is generated, not edited.
                if let Ok(q) = band.trim().parse::<u32>() {
                    p = probability(f64::from(q) / 10.0);
                }
            } else {
                for w in line.split_ascii_whitespace() {
                    map.insert(token_hash(w), p);
                }
            }
        }
        map
    })
}

/// The prior probability that a document holds the word whose normal form hashes to
/// `word_hash` (see [`token_hash`]).
pub fn prior(word_hash: u64) -> f32 {
    table().get(&word_hash).copied().unwrap_or_else(rare)
}

/// The prior probability of a word missing from the list.
pub fn rare() -> f32 {
    static RARE: OnceLock<f32> = OnceLock::new();
    *RARE.get_or_init(|| probability(UNKNOWN_ZIPF))
}

/// The prior probability of a number token: one-digit numbers are everywhere, longer ones
/// (years, scores, tolls) much less so.
pub fn number_prior(digits: usize) -> f32 {
    match digits {
        0 | 1 => 0.3,
        2 => 0.15,
        _ => 0.03,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_are_likely_and_rare_words_are_not() {
        let the = prior(token_hash("the"));
        let quake = prior(token_hash("earthquake"));
        let unknown = prior(token_hash("zhelvanyx"));
        assert!(the > 0.99, "the: {the}");
        assert!(quake > unknown && quake < 0.05, "earthquake: {quake}");
        assert_eq!(unknown.to_bits(), rare().to_bits());
        assert!(table().len() > 30_000, "list has {} words", table().len());
        // Case does not matter: the list is looked up by normal form.
        assert_eq!(prior(token_hash("The")).to_bits(), the.to_bits());
    }
}
