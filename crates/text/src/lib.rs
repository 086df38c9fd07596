//! Offset-preserving text utilities shared by the crosscheck stages.
//!
//! # Overview
//!
//! Every function here reports byte offsets into the text it was given, so that later stages
//! can turn what they find into [`crosscheck_core::Span`]s.
//!
//! - [`tokens`], [`shingles`] and [`lines`]: the tokens dedup and clustering hash.
//! - [`words`]: words and marks as the fusion rules read them (names and numbers whole).
//! - [`sentences`]: the one sentence splitter (quotations the caller protects stay whole).
//! - [`Stemmer`], [`is_stopword`] and [`Synonyms`] (WordNet-derived groups per language).
//! - [`lexicon`]: word data per language (stopwords, speech verbs, offices, cue words, number
//!   words, months…), kept as data files.
//! - [`numbers`] and [`dates`]: numbers and dates in prose, dates resolved against a reference
//!   date.
//!
//! # Example
//!
//! ```
//! let lines: Vec<_> = crosscheck_text::lines("a\nbb\n").collect();
//! assert_eq!(lines, vec![(0, "a"), (2, "bb")]);
//! ```
//!
//! # Features
//!
//! None.

pub mod dates;
pub mod lexicon;
pub mod numbers;
mod sentence;
mod shingle;
mod stem;
mod stopwords;
mod synonyms;
mod token;
mod words;

pub use sentence::{Sentence, sentence_around, sentences, sentences_near};
pub use shingle::{MAX_SHINGLE, Shingle, for_each_shingle, shingles};
pub use stem::Stemmer;
pub use stopwords::{STOPWORD_LANGUAGES, best_stopword_language, is_stopword};
pub use synonyms::Synonyms;
pub use token::{
    Token, TokenHasher, TokenKind, Tokens, fmix64, for_each_token_hash, normalize, token_hash,
    tokens,
};
pub use words::{Word, WordKind, Words, words};

/// The lines of `s` with their byte offsets, without their `\n` / `\r\n` terminators.
pub fn lines(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    s.split_inclusive('\n').map(move |l| {
        let start = pos;
        pos += l.len();
        (start, l.trim_end_matches(['\n', '\r']))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_keep_offsets() {
        let s = "one\r\ntwo\n\nthree";
        let got: Vec<_> = lines(s).collect();
        assert_eq!(got, vec![(0, "one"), (5, "two"), (9, ""), (10, "three")]);
        for (off, l) in got {
            assert_eq!(&s[off..off + l.len()], l);
        }
    }
}
