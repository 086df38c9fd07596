//! The story's articles analysed once, for every rule to read: each article's sentences and
//! words ([`Doc`]), which articles are copies of which, the merged entities and their mentions
//! ([`EntityTable`]), numbers in prose ([`numbers`]) and the story's vocabulary of event words
//! ([`events`]).
//!
//! Rule modules (`claims`, `quotes`, `timeline`, `conflicts`) read a [`Context`]; nothing here
//! imports a rule module or the fuser.

mod doc;
pub(crate) mod events;
mod mentions;
pub(crate) mod numbers;
pub(crate) mod words;

pub(crate) use doc::{Doc, Gap, Word};
pub(crate) use mentions::{Ent, EntityTable, Mention};

/// What the stages of one fusion share: the analysed articles and the merged entities.
#[derive(Debug)]
pub(crate) struct Context<'a> {
    /// The analysed articles, in story order.
    pub(crate) docs: Vec<Doc<'a>>,
    /// For each article, the index of the article it counts as (itself unless a duplicate).
    pub(crate) canon: Vec<usize>,
    /// The entities and their mentions.
    pub(crate) entities: EntityTable,
}
