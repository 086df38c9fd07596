//! Near-duplicate detection over extracted articles: the `crosscheck-dedup` crate, re-exported,
//! plus [`dedup_articles`].

pub use crosscheck_dedup::*;

use crosscheck_core::Article;

/// The duplicate group of each article, in order: exact duplicates by normalised text,
/// near-duplicates by verified `MinHash` (see [`crosscheck_dedup::dedup`] for the rule).
///
/// The main text is compared, not the headline, which outlets rewrite more often than the body.
pub fn dedup_articles(deduper: &Deduper, articles: &[Article]) -> Vec<Membership> {
    let texts: Vec<&str> = articles.iter().map(|a| a.text.as_str()).collect();
    deduper.dedup(&texts)
}
