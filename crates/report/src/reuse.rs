//! What every renderer shows of a story's text reuse: per source, whom it copied and who copied
//! it, and the origins beside the outlets of a statement.

use crosscheck_core::story::FusedStory;
use crosscheck_core::{DocId, ReuseEdge};

/// How one source relates to another through a reuse edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Relation {
    /// This source copied from the other (it was published later).
    CopiedFrom,
    /// The other copied from this source.
    CopiedBy,
    /// They share passages; the dates do not say which way.
    Shares,
}

impl Relation {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Relation::CopiedFrom => "copied from",
            Relation::CopiedBy => "copied by",
            Relation::Shares => "shares text with (direction unknown)",
        }
    }
}

/// One link of a source: the other article, the edge and this source's share of it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Link<'a> {
    pub(crate) relation: Relation,
    pub(crate) other: &'a DocId,
    pub(crate) edge: &'a ReuseEdge,
    /// The share of *this* source's words that lie in the shared passages.
    pub(crate) share: f32,
}

/// The reuse links of every article that has any, in story order.
pub(crate) fn per_source(story: &FusedStory) -> Vec<(&DocId, Vec<Link<'_>>)> {
    let Some(reuse) = &story.reuse else { return Vec::new() };
    let mut out = Vec::new();
    for a in &story.articles {
        let mut links = Vec::new();
        for e in reuse.edges_of(&a.id) {
            let Some(other) = e.other(&a.id) else { continue };
            let relation = match e.source() {
                Some(s) if s == &a.id => Relation::CopiedBy,
                Some(_) => Relation::CopiedFrom,
                None => Relation::Shares,
            };
            let share = if e.a == a.id { e.share_a } else { e.share_b };
            links.push(Link { relation, other, edge: e, share });
        }
        if !links.is_empty() {
            links.sort_by_key(|l| l.relation as u8);
            out.push((&a.id, links));
        }
    }
    out
}

/// `3 outlets · 1 origin`, when the counts are known.
pub(crate) fn origins_note(outlets: Option<u32>, origins: Option<u32>) -> Option<String> {
    let plural = |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match (outlets, origins) {
        (Some(o), Some(g)) => {
            Some(format!("{} · {}", plural(o, "outlet", "outlets"), plural(g, "origin", "origins")))
        }
        (None, Some(g)) => Some(plural(g, "origin", "origins")),
        (Some(o), None) => Some(plural(o, "outlet", "outlets")),
        (None, None) => None,
    }
}

/// A share as a whole percentage.
pub(crate) fn percent(share: f32) -> String {
    format!("{:.0}%", f64::from(share) * 100.0)
}
