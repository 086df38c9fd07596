//! Text reuse within one story: who copied whom, and how many independent origins a statement
//! has.
//!
//! These types are what dedup's reuse detector produces and what the fuser and the reports read;
//! they are part of the `crosscheck.story/1` document (the `reuse` field of a story), so their
//! doc comments are the JSON Schema's descriptions. Every passage is a pair of
//! [`SourceSpan`]s of both articles' *raw* content (see
//! [`Article::provenance`](crate::Article::provenance)), so a passage slices the input exactly.

use std::collections::HashMap;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::DisjointSets;
use crate::story::SourceSpan;
use crate::{DocId, Span};

/// Which way the text of a [`ReuseEdge`] went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(rename = "reuse_direction")]
#[non_exhaustive]
pub enum ReuseDirection {
    /// `a` was published first: `b` copied from `a`.
    AToB,
    /// `b` was published first: `a` copied from `b`.
    BToA,
    /// The publication times do not decide it (a date is missing, or both share one day).
    #[default]
    Unknown,
}

impl fmt::Display for ReuseDirection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ReuseDirection::AToB => "a_to_b",
            ReuseDirection::BToA => "b_to_a",
            ReuseDirection::Unknown => "unknown",
        })
    }
}

/// One passage two articles share: a run of words equal in both, up to light edits (a changed
/// word, an inserted phrase).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "reuse_passage")]
pub struct ReusePassage {
    /// The passage in the edge's article `a`.
    pub a: SourceSpan,
    /// The passage in the edge's article `b`.
    pub b: SourceSpan,
    /// The number of words the two sides have in common, in order.
    pub words: u32,
}

/// Two articles of a story that share passages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "reuse_edge")]
pub struct ReuseEdge {
    /// The article that comes first in story order.
    pub a: DocId,
    /// The other article.
    pub b: DocId,
    /// Which way the text went: `a_to_b` (b copied a), `b_to_a`, or `unknown` when the
    /// publication dates do not decide it.
    pub direction: ReuseDirection,
    /// Whether both articles come from the same outlet (a site reprinting itself).
    pub same_outlet: bool,
    /// The share of `a`'s words that lie in shared passages, in `[0, 1]`.
    pub share_a: f32,
    /// The share of `b`'s words that lie in shared passages, in `[0, 1]`.
    pub share_b: f32,
    /// The shared passages, in `a`'s order.
    pub passages: Vec<ReusePassage>,
}

impl ReuseEdge {
    /// The article the text was copied from, when the direction is known.
    pub fn source(&self) -> Option<&DocId> {
        match self.direction {
            ReuseDirection::AToB => Some(&self.a),
            ReuseDirection::BToA => Some(&self.b),
            ReuseDirection::Unknown => None,
        }
    }

    /// The article that copied, when the direction is known.
    pub fn copy(&self) -> Option<&DocId> {
        match self.direction {
            ReuseDirection::AToB => Some(&self.b),
            ReuseDirection::BToA => Some(&self.a),
            ReuseDirection::Unknown => None,
        }
    }

    /// The other article of the edge, if `doc` is one of its two.
    pub fn other(&self, doc: &DocId) -> Option<&DocId> {
        if &self.a == doc {
            Some(&self.b)
        } else if &self.b == doc {
            Some(&self.a)
        } else {
            None
        }
    }

    /// `doc`'s side of every passage, if `doc` is one of the two articles.
    pub fn spans_of(&self, doc: &DocId) -> Vec<Span> {
        if &self.a == doc {
            self.passages.iter().map(|p| p.a.span()).collect()
        } else if &self.b == doc {
            self.passages.iter().map(|p| p.b.span()).collect()
        } else {
            Vec::new()
        }
    }
}

/// Why an article was taken as the origin of a [`ReuseCluster`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(rename = "origin_basis")]
#[non_exhaustive]
pub enum OriginBasis {
    /// Its credit line (or metadata) names a news agency.
    Credit,
    /// It was published before every other article of the cluster.
    Earliest,
    /// Neither a credit nor the dates decide it; no origin is named.
    #[default]
    Unknown,
}

impl fmt::Display for OriginBasis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OriginBasis::Credit => "credit",
            OriginBasis::Earliest => "earliest",
            OriginBasis::Unknown => "unknown",
        })
    }
}

/// Articles joined by reuse edges, and the one they most likely all copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "reuse_cluster")]
pub struct ReuseCluster {
    /// The articles, in story order.
    pub articles: Vec<DocId>,
    /// The inferred origin, or `None` when neither a credit nor the dates name one.
    pub origin: Option<DocId>,
    /// Why the origin was chosen.
    pub basis: OriginBasis,
    /// The agency the origin's credit names, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
}

/// Where a [`WireCredit`] was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(rename = "credit_field")]
#[non_exhaustive]
pub enum CreditField {
    /// The article's text: a dateline `(AP)`, a `— Reuters` line, `AFP contributed`, a byline.
    Text,
    /// The author metadata.
    Author,
    /// The outlet metadata: the article is the agency's own.
    Outlet,
    /// Where the document came from (its source path or feed).
    Source,
}

impl fmt::Display for CreditField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CreditField::Text => "text",
            CreditField::Author => "author",
            CreditField::Outlet => "outlet",
            CreditField::Source => "source",
        })
    }
}

/// A news agency credited by an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "wire_credit")]
pub struct WireCredit {
    /// The article.
    pub article: DocId,
    /// The agency's canonical name (`Associated Press`, `Reuters`).
    pub agency: String,
    /// Where the credit was read.
    pub field: CreditField,
    /// The credit as written (the name in the text, the line, or the metadata value).
    pub text: String,
    /// Where the text names the agency, for credits read from the text itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<SourceSpan>,
}

/// Who copied whom within a story: the articles that share passages, the clusters they form
/// with their inferred origins, and the agencies the articles credit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "reuse")]
pub struct StoryReuse {
    /// Pairs of articles that share passages.
    pub edges: Vec<ReuseEdge>,
    /// Connected groups of articles (two or more) and their origins.
    pub clusters: Vec<ReuseCluster>,
    /// Agency credits, in story order.
    pub credits: Vec<WireCredit>,
}

impl StoryReuse {
    /// The edges touching `doc`.
    pub fn edges_of<'a>(&'a self, doc: &'a DocId) -> impl Iterator<Item = &'a ReuseEdge> + 'a {
        self.edges.iter().filter(move |e| &e.a == doc || &e.b == doc)
    }

    /// The first agency `doc` credits.
    pub fn agency_of(&self, doc: &DocId) -> Option<&str> {
        self.credits.iter().find(|c| &c.article == doc).map(|c| c.agency.as_str())
    }

    /// The cluster `doc` belongs to.
    pub fn cluster_of(&self, doc: &DocId) -> Option<&ReuseCluster> {
        self.clusters.iter().find(|c| c.articles.contains(doc))
    }
}

/// Counts independent origins among the renderings of one statement.
///
/// ## What it does
///
/// Two renderings (an article and a raw span holding the statement) have the same origin when
/// the two articles share a reuse passage that covers at least half of both renderings, or when
/// both articles credit the same agency; origins are the classes of the transitive closure.
///
/// ## Why
///
/// A wire story reprinted by eight sites is one report, not eight, but a rewrite that copied
/// one paragraph of it and reported the rest itself is independent for everything outside that
/// paragraph: the test is on the rendering's own span, not on the articles as a whole.
///
/// ## Example
///
/// ```
/// use crosscheck_core::story::SourceSpan;
/// use crosscheck_core::{DocId, OriginIndex, ReuseDirection, ReuseEdge, ReusePassage, Span, StoryReuse};
///
/// let side = |article: &str, start, end| SourceSpan { article: article.into(), text: String::new(), start, end };
/// let passage = ReusePassage { a: side("wire", 0, 40), b: side("reprint", 10, 50), words: 8 };
/// let edge = ReuseEdge {
///     a: "wire".into(), b: "reprint".into(), direction: ReuseDirection::Unknown,
///     same_outlet: false, share_a: 1.0, share_b: 0.8, passages: vec![passage],
/// };
/// let reuse = StoryReuse { edges: vec![edge], ..StoryReuse::default() };
/// let index = OriginIndex::new(&reuse);
/// let (wire, reprint, own): (DocId, DocId, DocId) = ("wire".into(), "reprint".into(), "own".into());
/// let renderings = [(&wire, Span::new(5, 30)), (&reprint, Span::new(15, 40)), (&own, Span::new(0, 9))];
/// assert_eq!(index.count(&renderings), 2);
/// ```
///
/// ## Limitations
///
/// Two outlets that rewrote one wire story independently share the origin only through a
/// credit; uncredited paraphrase of a common source counts as independent.
///
/// ## References
///
/// - D. A. Smith, R. Cordell, A. Mullen, "Computational methods for uncovering reprinted texts
///   in antebellum newspapers", 2015 (passim).
#[derive(Debug)]
pub struct OriginIndex<'a> {
    reuse: &'a StoryReuse,
    /// A number for every article of an edge.
    ids: HashMap<&'a DocId, usize>,
    /// For each numbered article, its edges: `(edge, the other article's number, its side)`.
    adjacent: Vec<Vec<(usize, usize, usize)>>,
    /// For each crediting article, its first agency.
    agency: HashMap<&'a DocId, &'a str>,
    /// For each edge, its passage indexes in order of their start in `a` and in `b`, for
    /// binary search.
    order: Vec<[Vec<u32>; 2]>,
}

impl<'a> OriginIndex<'a> {
    /// The index of a story's reuse.
    pub fn new(reuse: &'a StoryReuse) -> OriginIndex<'a> {
        let mut ids: HashMap<&DocId, usize> = HashMap::new();
        let mut adjacent: Vec<Vec<(usize, usize, usize)>> = Vec::new();
        let mut number = |doc: &'a DocId, adjacent: &mut Vec<Vec<_>>| {
            *ids.entry(doc).or_insert_with(|| {
                adjacent.push(Vec::new());
                adjacent.len() - 1
            })
        };
        for (i, e) in reuse.edges.iter().enumerate() {
            let (a, b) = (number(&e.a, &mut adjacent), number(&e.b, &mut adjacent));
            adjacent[a].push((i, b, 0));
            adjacent[b].push((i, a, 1));
        }
        let mut agency = HashMap::new();
        for c in &reuse.credits {
            agency.entry(&c.article).or_insert(c.agency.as_str());
        }
        let order = reuse
            .edges
            .iter()
            .map(|e| {
                let sorted = |side: fn(&ReusePassage) -> u32| {
                    let mut v: Vec<u32> = (0..e.passages.len() as u32).collect();
                    v.sort_by_key(|&k| side(&e.passages[k as usize]));
                    v
                };
                [sorted(|p| p.a.start), sorted(|p| p.b.start)]
            })
            .collect();
        OriginIndex { reuse, ids, adjacent, agency, order }
    }

    /// The passage of edge `e` whose `side` (0 for `a`, 1 for `b`) covers at least half of
    /// `span`. Passages do not overlap on either side, so only the passage starting last at or
    /// before the span and the one after it can.
    fn covering(&self, e: usize, side: usize, span: Span) -> Option<&'a ReusePassage> {
        let edge = &self.reuse.edges[e];
        let of = |k: u32| {
            let p = &edge.passages[k as usize];
            if side == 0 { &p.a } else { &p.b }
        };
        let order = &self.order[e][side];
        let at = order.partition_point(|&k| of(k).start <= span.start);
        order[at.saturating_sub(1)..(at + 1).min(order.len())]
            .iter()
            .find(|&&k| 2 * overlap(of(k).span(), span) >= span.len().max(1))
            .map(|&k| &edge.passages[k as usize])
    }

    /// The origin class of each rendering: equal numbers mean the same origin. Classes are
    /// numbered by their first rendering.
    pub fn classes(&self, renderings: &[(&DocId, Span)]) -> Vec<usize> {
        const NONE: usize = usize::MAX;
        let mut sets = DisjointSets::new(renderings.len());
        let mut by_agency: HashMap<&str, usize> = HashMap::new();
        // The renderings of each numbered article, as linked lists: `first[article]`, then
        // `next[rendering]`.
        let mut first = vec![NONE; self.adjacent.len()];
        let mut next = vec![NONE; renderings.len()];
        let mut number = vec![NONE; renderings.len()];
        for (i, (doc, _)) in renderings.iter().enumerate() {
            if let Some(&d) = self.ids.get(*doc) {
                number[i] = d;
                next[i] = first[d];
                first[d] = i;
            }
            if let Some(agency) = self.agency.get(*doc) {
                let first = *by_agency.entry(agency).or_insert(i);
                sets.union(first, i);
            }
        }
        let covers = |p: Span, s: Span| 2 * overlap(p, s) >= s.len().max(1);
        for (i, &(_, span)) in renderings.iter().enumerate() {
            let Some(adjacent) = self.adjacent.get(number[i]) else { continue };
            for &(e, other, side) in adjacent {
                if first[other] == NONE {
                    continue;
                }
                // One passage must hold both renderings.
                let Some(p) = self.covering(e, side, span) else { continue };
                let theirs = if side == 0 { p.b.span() } else { p.a.span() };
                let mut j = first[other];
                while j != NONE {
                    if covers(theirs, renderings[j].1) {
                        sets.union(i, j);
                    }
                    j = next[j];
                }
            }
        }
        let mut label = HashMap::new();
        (0..renderings.len())
            .map(|i| {
                let root = sets.find(i);
                let next = label.len();
                *label.entry(root).or_insert(next)
            })
            .collect()
    }

    /// The number of independent origins among `renderings`.
    pub fn count(&self, renderings: &[(&DocId, Span)]) -> usize {
        self.classes(renderings).into_iter().max().map_or(0, |m| m + 1)
    }
}

/// The bytes two spans share.
fn overlap(a: Span, b: Span) -> u32 {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(a: &str, b: &str, pa: Span, pb: Span) -> ReuseEdge {
        ReuseEdge {
            a: a.into(),
            b: b.into(),
            direction: ReuseDirection::Unknown,
            same_outlet: false,
            share_a: 0.5,
            share_b: 0.5,
            passages: vec![ReusePassage {
                a: SourceSpan {
                    article: a.into(),
                    text: String::new(),
                    start: pa.start,
                    end: pa.end,
                },
                b: SourceSpan {
                    article: b.into(),
                    text: String::new(),
                    start: pb.start,
                    end: pb.end,
                },
                words: 10,
            }],
        }
    }

    #[test]
    fn copies_count_once_and_own_reporting_stays_independent() {
        // w is a wire story, r1 and r2 reprint its first 100 bytes, r2 through r1.
        let reuse = StoryReuse {
            edges: vec![
                edge("w", "r1", Span::new(0, 100), Span::new(20, 120)),
                edge("r1", "r2", Span::new(20, 120), Span::new(0, 100)),
            ],
            ..StoryReuse::default()
        };
        let index = OriginIndex::new(&reuse);
        let ids: Vec<DocId> = ["w", "r1", "r2", "own"].into_iter().map(DocId::from).collect();
        let inside = [
            (&ids[0], Span::new(10, 50)),
            (&ids[1], Span::new(30, 70)),
            (&ids[2], Span::new(10, 50)),
        ];
        assert_eq!(index.count(&inside), 1, "transitive through r1");
        // r1's rendering lies outside the shared passage: r1 reported it itself.
        let outside = [(&ids[0], Span::new(10, 50)), (&ids[1], Span::new(200, 240))];
        assert_eq!(index.count(&outside), 2);
        let with_own = [(&ids[0], Span::new(10, 50)), (&ids[3], Span::new(10, 50))];
        assert_eq!(index.classes(&with_own), [0, 1]);
        assert_eq!(index.count(&[]), 0);
    }

    #[test]
    fn shared_agency_credit_is_one_origin() {
        let credit = |doc: &str| WireCredit {
            article: doc.into(),
            agency: "Reuters".into(),
            field: CreditField::Text,
            text: "(Reuters)".into(),
            evidence: None,
        };
        let reuse = StoryReuse { credits: vec![credit("x"), credit("y")], ..StoryReuse::default() };
        let index = OriginIndex::new(&reuse);
        let (x, y, z): (DocId, DocId, DocId) = ("x".into(), "y".into(), "z".into());
        let r = [(&x, Span::new(0, 5)), (&z, Span::new(0, 5)), (&y, Span::new(50, 90))];
        assert_eq!(index.classes(&r), [0, 1, 0]);
    }

    proptest::proptest! {
        /// The binary search over passages agrees with trying every passage.
        #[test]
        fn classes_match_a_naive_scan(
            cuts in proptest::collection::vec((0u32..40, 0u32..40), 1..6),
            spans in proptest::collection::vec((0usize..3, 0u32..500, 1u32..60), 0..8),
        ) {
            // Non-overlapping passages on both sides, `b` in the reverse order of `a`.
            let n = cuts.len() as u32;
            let passages: Vec<ReusePassage> = cuts
                .iter()
                .enumerate()
                .map(|(k, &(x, y))| {
                    let k = k as u32;
                    let side = |article: &str, start: u32, len: u32| SourceSpan {
                        article: article.into(), text: String::new(), start, end: start + len,
                    };
                    ReusePassage { a: side("p", k * 100 + x, 20 + y), b: side("q", (n - k) * 100 + y, 20 + x), words: 5 }
                })
                .collect();
            let mut e = edge("p", "q", Span::new(0, 1), Span::new(0, 1));
            e.passages = passages;
            let reuse = StoryReuse { edges: vec![e.clone()], ..StoryReuse::default() };
            let ids: Vec<DocId> = ["p", "q", "r"].into_iter().map(DocId::from).collect();
            let renderings: Vec<(&DocId, Span)> =
                spans.iter().map(|&(d, s, l)| (&ids[d], Span::new(s, s + l))).collect();
            let got = OriginIndex::new(&reuse).classes(&renderings);
            // Naive: union every p/q pair that one passage covers on both sides.
            let covers = |p: Span, s: Span| 2 * overlap(p, s) >= s.len().max(1);
            let mut sets = DisjointSets::new(renderings.len());
            for (i, (di, si)) in renderings.iter().enumerate() {
                for (j, (dj, sj)) in renderings.iter().enumerate() {
                    if di.as_str() == "p" && dj.as_str() == "q"
                        && e.passages.iter().any(|p| covers(p.a.span(), *si) && covers(p.b.span(), *sj))
                    {
                        sets.union(i, j);
                    }
                }
            }
            let roots: Vec<usize> = (0..renderings.len()).map(|i| sets.find(i)).collect();
            for i in 0..renderings.len() {
                for j in 0..renderings.len() {
                    proptest::prop_assert_eq!(got[i] == got[j], roots[i] == roots[j]);
                }
            }
        }
    }

    #[test]
    fn edge_accessors_and_json_names() {
        let mut e = edge("a", "b", Span::new(0, 4), Span::new(5, 9));
        assert_eq!(e.source(), None);
        e.direction = ReuseDirection::BToA;
        assert_eq!(e.source().map(DocId::as_str), Some("b"));
        assert_eq!(e.copy().map(DocId::as_str), Some("a"));
        assert_eq!(e.other(&"a".into()).map(DocId::as_str), Some("b"));
        assert_eq!(e.spans_of(&"b".into()), [Span::new(5, 9)]);
        assert!(e.spans_of(&"c".into()).is_empty());
        let json = serde_json::to_string(&e).unwrap();
        assert!(json.contains(r#""direction":"b_to_a""#), "{json}");
        assert_eq!(ReuseDirection::AToB.to_string(), "a_to_b");
        assert_eq!(serde_json::to_string(&OriginBasis::Earliest).unwrap(), r#""earliest""#);
    }
}
