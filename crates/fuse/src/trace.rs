//! Which reader made each claim, for measurement only.
//!
//! Claims are made by several readers (see `fold_repeats` in the fuser) and folded; a harness
//! that scores claim alignment (the bench crate's `fuse_eval`) wants to know which reader
//! joined two renderings. [`record`] runs a closure with recording on and returns, per claim
//! the readers made in that closure (before folding), its reader, its text and fact and its
//! renderings. Off (the default), nothing is recorded.

use std::cell::{Cell, RefCell};

use crate::story::Claim;

/// The reader that made a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Builder {
    /// Sentence alignment: whole sentences.
    Sentence,
    /// Sentence alignment with clauses of other sentences attached.
    Attached,
    /// The clause pass: a claim grown from clauses.
    Clause,
    /// One agreed value of a fact slot.
    Slot,
    /// One distinctive number, whatever it is said of.
    Figure,
    /// One event dated to one day.
    Dated,
    /// A phrase of two words that outlets share.
    Phrase,
    /// A rare term that outlets share.
    Term,
}

impl Builder {
    /// Its name in lower case (`sentence`, `figure`).
    #[must_use]
    pub fn name(self) -> String {
        format!("{self:?}").to_lowercase()
    }
}

/// One claim as its reader made it, before folding.
#[derive(Debug, Clone)]
pub struct Made {
    /// Its reader.
    pub builder: Builder,
    /// Its text and fact: the key claims are folded by.
    pub key: (String, Option<String>),
    /// Its renderings: article id, start and end.
    pub renderings: Vec<(String, u32, u32)>,
}

thread_local! {
    static ON: Cell<bool> = const { Cell::new(false) };
    static MADE: RefCell<Vec<Made>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with recording on: its value and the claims made meanwhile, in order.
pub fn record<R>(f: impl FnOnce() -> R) -> (R, Vec<Made>) {
    ON.with(|on| on.set(true));
    MADE.with(|m| m.borrow_mut().clear());
    let out = f();
    ON.with(|on| on.set(false));
    (out, MADE.with(|m| std::mem::take(&mut *m.borrow_mut())))
}

/// Notes a claim made by `builder`, when recording.
pub(crate) fn note(builder: Builder, c: &Claim) {
    if !ON.with(Cell::get) {
        return;
    }
    let made = Made {
        builder,
        key: (c.text.clone(), c.fact.as_ref().map(|f| f.text.clone())),
        renderings: c
            .renderings
            .iter()
            .map(|r| (r.article.as_str().to_string(), r.start, r.end))
            .collect(),
    };
    MADE.with(|m| m.borrow_mut().push(made));
}

#[cfg(test)]
mod tests {
    use crosscheck_core::Article;

    use super::{Builder, record};
    use crate::{Fuser, FuserBuilder, StoryInput};

    #[test]
    fn recording_names_the_reader_of_each_claim_and_is_off_otherwise() {
        let arts: Vec<Article> = [
            "The ferry to Velm sank on Monday after a storm.",
            "A storm sank the ferry to Velm on Monday.",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| crate::analysis::test_article(&format!("d{i}"), t))
        .collect();
        let fuser = FuserBuilder::new().build().unwrap();
        let input = StoryInput::new(&arts);
        let (story, made) = record(|| fuser.fuse(&input).unwrap());
        assert!(!made.is_empty());
        // Every output claim is some made claim's text and fact.
        for c in &story.claims {
            let key = (c.text.clone(), c.fact.as_ref().map(|f| f.text.clone()));
            assert!(made.iter().any(|m| m.key == key), "{key:?}");
        }
        assert!(made.iter().any(|m| m.builder == Builder::Sentence && m.renderings.len() == 2));
        // Off again: a fuse outside `record` notes nothing for the next recording.
        fuser.fuse(&input).unwrap();
        let ((), none) = record(|| ());
        assert!(none.is_empty());
    }
}
