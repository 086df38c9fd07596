//! One token of a sentence, as the quantity reader (`quantity`) and the spaced-number joiner
//! (`spaced_thousands`) see it.

/// One token of a sentence: a word or number, or one punctuation character.
#[derive(Debug, Clone)]
pub(crate) struct Tok {
    /// Byte offsets in the article text.
    pub(crate) start: usize,
    /// One past the last byte.
    pub(crate) end: usize,
    /// Lowercase, without a possessive `'s`.
    pub(crate) lower: String,
    /// Letters or digits (not punctuation).
    pub(crate) word: bool,
    /// Starts with an uppercase letter.
    pub(crate) cap: bool,
    /// Ended with a possessive `'s`.
    pub(crate) possessive: bool,
}
