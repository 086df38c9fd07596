//! The words phrase claims compare: a hyphenated compound read as its parts, each word by its
//! stem.
//!
//! ## What it does
//!
//! A word joined by hyphens (`complete-game`, `27-year`, `double-play`) gives its parts, in
//! order, as adjacent words of its sentence, each spanning the whole compound. Each word is
//! then keyed by its content stem (`years` and `year`, `storeys` and `storey` are one key); a
//! number keeps its digits.
//!
//! ## Why
//!
//! Outlets write one fact as an open or a hyphenated compound, in the singular or the plural:
//! `a complete game` and `his complete-game victory`, `27 years in prison` and `a 27-year
//! sentence`, `a double play` and `a double-play ball`. Compared as written, each spelling
//! gathers its own outlets and the fact's claim misses the others.
//!
//! ## Example
//!
//! `a 27-year sentence` gives `27`, `year`, `sentence`: its pair `27 year` meets `27 years` of
//! another outlet.
//!
//! ## Limitations
//!
//! A compound of more than one hyphen (`well-to-do`) is split too, and only its adjacent parts
//! pair. Stems group inflections and the lexicon's synonym groups, not other paraphrases.
//!
//! ## References
//!
//! Compound splitting for phrase matching, as in Koehn and Knight, *Empirical Methods for
//! Compound Splitting* (2003).

use crosscheck_core::{Lang, Span};
use crosscheck_text::Stemmer;

use crate::analysis::events::content_stem;
use crate::analysis::{Doc, Gap};

/// One word as phrases compare it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PhraseWord {
    /// The key phrases compare: the word's content stem, or the word when it has none.
    pub(super) key: String,
    /// The word as folded (`key` of the analysis), which tells stopwords.
    pub(super) folded: String,
    /// Its sentence.
    pub(super) sent: u32,
    /// The span of the word it comes from (the whole compound for a part).
    pub(super) span: Span,
    /// First letter uppercase.
    pub(super) cap: bool,
    /// Whether it follows the previous word with spaces only (or as the next part of one
    /// compound).
    pub(super) spaced: bool,
}

/// The words of `d` as phrases compare them, compounds split.
pub(super) fn phrase_words(d: &Doc<'_>, lang: Lang, stemmer: &Stemmer) -> Vec<PhraseWord> {
    let mut out = Vec::with_capacity(d.words.len());
    for w in &d.words {
        let text = d.text(w.span);
        let keys: Vec<&str> = w.key.split('-').collect();
        let written: Vec<&str> = text.split(['-', '‐']).collect();
        // Split only where the folded word and the text agree part for part, none empty.
        let parts = if keys.len() > 1
            && keys.len() == written.len()
            && keys.iter().chain(&written).all(|p| !p.is_empty())
        {
            keys.iter().zip(&written).map(|(k, t)| (*k, starts_upper(t))).collect()
        } else {
            vec![(w.key.as_str(), w.cap)]
        };
        for (k, (part, cap)) in parts.into_iter().enumerate() {
            let key = if part.bytes().any(|b| b.is_ascii_digit()) {
                part.to_string()
            } else {
                content_stem(part, lang, stemmer).unwrap_or_else(|| part.to_string())
            };
            out.push(PhraseWord {
                key,
                folded: part.to_string(),
                sent: w.sent,
                span: w.span,
                cap,
                spaced: k > 0 || w.gap == Gap::Space,
            });
        }
    }
    out
}

fn starts_upper(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_core::Article;

    fn words(text: &str) -> Vec<PhraseWord> {
        let a = Article { language: Lang::EN, ..Article::from_text("a", text) };
        let d = Doc::new(&a);
        phrase_words(&d, Lang::EN, &Stemmer::new(Lang::EN))
    }

    fn keys(text: &str) -> Vec<String> {
        words(text).into_iter().map(|w| w.key).collect()
    }

    #[test]
    fn a_hyphenated_compound_reads_as_its_parts() {
        let open = keys("She pitched a complete game.");
        let joined = keys("Her complete-game win.");
        assert!(open.windows(2).any(|p| joined.windows(2).any(|q| p == q)));
        let w = words("A 27-year term.");
        let at = w.iter().position(|w| w.key == "27").expect("the number part");
        assert!(w[at + 1].spaced && w[at + 1].span == w[at].span);
        assert_eq!(keys("A 27-year term.")[at + 1], keys("After 27 years.")[2]);
    }

    #[test]
    fn a_name_joined_by_a_hyphen_keeps_its_capitals_and_a_plain_word_is_not_split() {
        let w = words("Mira-Lou Venn arrived.");
        assert!(w[0].cap && w[1].cap);
        assert_eq!(words("The ferry docked.").len(), 3);
    }

    #[test]
    fn punctuation_breaks_a_phrase() {
        let w = words("It rained, heavy clouds.");
        let heavy = w.iter().position(|w| w.folded == "heavy").expect("heavy");
        assert!(!w[heavy].spaced && w[heavy + 1].spaced);
    }
}
