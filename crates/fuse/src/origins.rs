//! Independent origins: how many outlets carry a statement, and how many of them reported it
//! rather than copied it.
//!
//! ## What it does
//!
//! After fusion, every claim, quote and conflict side gets the number of distinct outlets that
//! carry it and the number of independent origins among its renderings
//! ([`OriginIndex`]: renderings inside one shared passage, or from
//! articles crediting one agency, count once; near-copies marked by dedup count once too).
//! Claim status is then decided on origins ([`ClaimStatus::of_support`] with origins for
//! reports): a claim carried by every independent origin of the story is consensus, by more
//! than half of them majority, by two or more several, by one single. Each claim also gets
//! `first_seen`, the earliest publication date among its articles.
//!
//! ## Why
//!
//! A wire story reprinted by eight sites is one report: counting outlets would call its every
//! sentence a consensus. Counting per rendering (not per article) keeps a rewrite that copied one
//! paragraph independent for the rest of what it says.
//!
//! ## Example
//!
//! A wire story, two reprints and an independent report: a sentence of the wire carried by the
//! three copies and the independent report has 4 outlets, 2 origins, and is consensus (the
//! story has 2 origins).
//!
//! ## Limitations
//!
//! Without reuse detection (a [`StoryInput`](crate::StoryInput) with no reuse set), origins are
//! the distinct reports dedup found.
//!
//! ## References
//!
//! - Media Standards Trust, churnalism.com.

use foldhash::{HashMap, HashMapExt};
use std::collections::BTreeSet;

use crosscheck_core::{Article, DisjointSets, DocId, OriginIndex, Span, StoryReuse};

use crate::story::{ClaimStatus, FusedStory, SourceSpan};

/// Fills outlets, origins and `first_seen`, and sets claim statuses from origins.
pub(crate) fn annotate(
    story: &mut FusedStory,
    articles: &[&Article],
    canon: &[usize],
    read: &[bool],
    reuse: Option<&StoryReuse>,
) {
    let empty = StoryReuse::default();
    let index = OriginIndex::new(reuse.unwrap_or(&empty));
    let position: HashMap<&DocId, usize> =
        articles.iter().enumerate().map(|(i, a)| (&a.id, i)).collect();
    let count = |spans: &[SourceSpan]| -> u32 {
        let renderings: Vec<(&DocId, Span)> =
            spans.iter().map(|s| (&s.article, s.span())).collect();
        let classes = index.classes(&renderings);
        // Renderings of near-copies (dedup's duplicates) share their canonical article's origin.
        let mut sets = DisjointSets::new(spans.len());
        let mut first_of_class: HashMap<usize, usize> = HashMap::new();
        let mut first_of_canon: HashMap<usize, usize> = HashMap::new();
        for (i, s) in spans.iter().enumerate() {
            let c = *first_of_class.entry(classes[i]).or_insert(i);
            sets.union(c, i);
            if let Some(&p) = position.get(&s.article) {
                let k = *first_of_canon.entry(canon[p]).or_insert(i);
                sets.union(k, i);
            }
        }
        (0..spans.len()).filter(|&i| sets.find(i) == i).count() as u32
    };
    // An article without an outlet counts as its own.
    let outlet_keys: Vec<String> = articles
        .iter()
        .map(|a| {
            a.outlet.as_deref().map_or_else(|| format!("#{}", a.id), |o| o.trim().to_lowercase())
        })
        .collect();
    let outlets = |ids: &mut dyn Iterator<Item = &DocId>| -> u32 {
        let set: BTreeSet<&str> =
            ids.filter_map(|id| position.get(id).map(|&p| outlet_keys[p].as_str())).collect();
        set.len() as u32
    };
    // The story's own origins: whole articles, so that articles mostly copied count once; an
    // article a sampled story left unread takes no part.
    let whole: Vec<SourceSpan> = articles
        .iter()
        .zip(read)
        .filter(|(_, r)| **r)
        .map(|(a, _)| SourceSpan {
            article: a.id.clone(),
            text: String::new(),
            start: 0,
            end: a.raw.len() as u32,
        })
        .collect();
    let total = count(&whole);
    for claim in &mut story.claims {
        let n = count(&claim.renderings);
        claim.origins = Some(n);
        claim.outlets = Some(outlets(&mut claim.articles.iter()));
        claim.first_seen = claim
            .articles
            .iter()
            .filter_map(|id| position.get(id).and_then(|&p| articles[p].published))
            .min();
        claim.status = ClaimStatus::of_support(n as usize, total as usize);
    }
    story.claims.sort_by_key(|c| std::cmp::Reverse((c.origins, c.support)));
    for quote in &mut story.quotes {
        quote.origins = Some(count(&quote.renderings));
        quote.outlets = Some(outlets(&mut quote.renderings.iter().map(|r| &r.article)));
    }
    for side in story.conflicts.iter_mut().flat_map(|c| &mut c.sides) {
        side.origins = Some(count(&side.evidence));
        side.outlets = Some(outlets(&mut side.articles.iter()));
    }
    story.reuse = reuse.cloned();
}
