//! Participant terms: a rare word that names who takes part seeds no term claim.
//!
//! ## What it does
//!
//! A term (see `phrases`) is read as naming a participant when the language's lexicon lists it
//! as a role or an institution word (`lawyer`, `prosecutor`, `court`), or when outlets write it
//! after a definite article in half of its uses or more (`the actress`, `the store`, `the
//! surgeon`). Such a term links sentences like any other rare term but makes no claim of its
//! own.
//!
//! ## Why
//!
//! A term claim gathers the sentences that share a rare word. A word that refers to a person,
//! a body or a place of the story is a name by other means: outlets write it in sentences about
//! everything that participant did (`the actress checked in`, `the actress left`), as a name
//! glues different facts about one person. A word of the fact itself (`autism`, `foam`,
//! `appeal`) is seldom written after `the`. On ECB+ (`fuse_eval`), leaving participant terms out
//! is what let terms written by up to two thirds of the outlets (not half) make claims without
//! losing precision.
//!
//! ## Example
//!
//! `the actress checked in` and `the actress walked out` make no claim through `actress`;
//! `a link to autism` and `autism claims` make one through `autism`.
//!
//! ## Limitations
//!
//! Languages without articles, or that fuse them into the noun, only leave out the lexicon's
//! roles and institutions. A fact noun that outlets happen to write after `the` (`the
//! scaffolding`) is left out too.
//!
//! ## References
//!
//! Definite descriptions as referring expressions: Russell, *On Denoting* (1905); Poesio and
//! Vieira, *A Corpus-based Investigation of Definite Description Use* (1998).

use crosscheck_text::lexicon::{Lexicon, List};

use crate::analysis::Word;

/// How a term is used across the story: how often, how often after a definite article, and
/// whether the lexicon lists one of its forms as a role or an institution.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Uses {
    total: u32,
    definite: u32,
    role: bool,
}

impl Uses {
    /// Notes the use of the term at word `at` of `words` (one document's words).
    pub(super) fn note(&mut self, lx: &Lexicon, words: &[Word], at: usize) {
        let Some(w) = words.get(at) else { return };
        self.total += 1;
        if at > 0 && words.get(at - 1).is_some_and(|p| lx.has(List::DefiniteArticles, &p.key)) {
            self.definite += 1;
        }
        if lx.has(List::RoleWords, &w.key) || lx.has(List::OrgWords, &w.key) {
            self.role = true;
        }
    }

    /// Whether the term names a participant rather than a fact.
    pub(super) fn names_participant(&self) -> bool {
        self.role || (self.total > 0 && self.definite * 2 >= self.total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Doc;
    use crosscheck_core::{Article, Lang};

    /// The uses of `word` in `text`.
    fn uses(text: &str, word: &str) -> Uses {
        let a = Article { language: Lang::EN, ..Article::from_text("a", text) };
        let d = Doc::new(&a);
        let lx = Lexicon::of(Lang::EN);
        let mut u = Uses::default();
        for (i, w) in d.words.iter().enumerate() {
            if w.key == word {
                u.note(lx, &d.words, i);
            }
        }
        u
    }

    #[test]
    fn a_noun_written_after_the_names_a_participant() {
        let u =
            uses("The dancer left early. Later the dancer spoke, and a dancer waved.", "dancer");
        assert_eq!(u.total, 3);
        assert!(u.names_participant());
    }

    #[test]
    fn a_role_of_the_lexicon_names_a_participant_whatever_its_article() {
        assert!(uses("Her lawyer filed papers.", "lawyer").names_participant());
    }

    #[test]
    fn a_word_of_the_fact_names_no_participant() {
        let u = uses(
            "Claims of a link to gout grew. Gout drugs sold out; the gout scare passed.",
            "gout",
        );
        assert_eq!(u.total, 3);
        assert!(!u.names_participant());
        assert!(!Uses::default().names_participant());
    }
}
