//! What an article says, as the story clusterer counts it: weighted terms, a fingerprint and a
//! language. Extracted by `crosscheck-cluster` (its `features` function); kept here so that a
//! store can keep them with each article and hand them back, instead of extracting them again.

use crate::Lang;

/// One distinct term of an article with its count.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Term {
    /// The term's 64-bit id (a hash; words, names and numbers never share ids).
    pub id: u64,
    /// How many times the article holds it.
    pub count: f32,
    /// The prior probability that a document holds it (see `crosscheck_cluster::background`).
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
    /// The language the text is written in, as far as its script and function words tell
    /// ([`Lang::UNKNOWN`] when they do not): word terms only compare within one language.
    pub lang: Lang,
}
