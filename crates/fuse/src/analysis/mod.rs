//! The story's articles analysed once, for every rule to read: each article's sentences and
//! words ([`Doc`]), which articles are copies of which, the merged entities and their mentions
//! ([`EntityTable`]) and the story's vocabulary of event words
//! ([`events`]).
//!
//! Rule modules (`claims`, `quotes`, `timeline`, `conflicts`) read a [`Context`]; nothing here
//! imports a rule module or the fuser.

mod doc;
/// An English article of one text, for tests.
#[cfg(test)]
pub(crate) use doc::tests::article as test_article;
pub(crate) mod events;
mod mentions;
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

impl<'a> Context<'a> {
    /// The story's distinct reports: each article that counts as itself (not a duplicate), with
    /// its index.
    pub(crate) fn reports(&self) -> impl Iterator<Item = (usize, &Doc<'a>)> {
        self.docs.iter().enumerate().filter(|&(i, _)| self.canon[i] == i)
    }
}

/// Two ascending lists merged into one ascending list (duplicates kept).
pub(crate) fn merge_sorted<T: Ord + Copy>(a: &[T], b: &[T]) -> Vec<T> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] <= b[j] {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// How many keys two lists sorted by `key` share (one merge pass, no allocation).
pub(crate) fn sorted_shared<T>(a: &[T], b: &[T], key: impl Fn(&T) -> u32) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match key(&a[i]).cmp(&key(&b[j])) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Whether two ascending id lists share an id (one merge pass, no allocation).
pub(crate) fn sorted_overlap(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}
