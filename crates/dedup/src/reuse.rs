//! Text reuse within a story: which articles share passages, which way the text went, where it
//! started and which agency the articles credit.
//!
//! ## What it does
//!
//! 1. **Candidates.** Each article's word 5-gram shingles (the hashes dedup's `MinHash` uses)
//!    are sampled consistently, one in `sample` by hash, so two articles that share a passage
//!    share its sampled shingles. An inverted index from sampled hash to articles, filled in
//!    order of publication, gives each article the earlier articles it shares at least
//!    `min_shared` samples with. A shingle carried by many articles pairs each newcomer with the
//!    first `fanout` carriers only, and each article is aligned with at most `partners` earlier
//!    ones (those it shares most with), so a wire story reprinted by hundreds of sites costs a
//!    star of edges to its earliest copies, not all pairs, and the work grows linearly with the
//!    story.
//! 2. **Alignment.** Each candidate pair is aligned ([`align`](self) module): shared shingles
//!    are chained into passages across gaps of a few words, so a changed word or an inserted
//!    phrase does not split a passage, and a rewritten lead simply is not part of it. Passages
//!    mostly inside quotation marks on both sides are dropped (two reports quoting one speaker
//!    did not copy each other).
//! 3. **Edges.** A pair with a passage of at least `min_words` words is a [`ReuseEdge`]: its
//!    passages as raw spans of both articles, the share of each article they cover, the
//!    direction when the publication dates differ, and whether both come from one outlet.
//! 4. **Clusters and origins.** Edges join articles into [`ReuseCluster`]s. The origin is the
//!    article that is the agency's own (outlet or host), else the earliest article whose credit
//!    line names an agency ([`credits`](self) module), either of them only if it shares
//!    passages with at least half of the other members directly; else the article published
//!    strictly before all others when every member is dated; else none.
//!
//! ## Why
//!
//! Dedup's near-duplicate threshold (0.5 Jaccard) sees whole-article copies; a rewrite that
//! keeps three wire paragraphs in a longer article shares a fraction of its shingles and is
//! invisible to it, but readers need it to know how many outlets *independently* report a
//! fact. Shared-shingle seeding with gap-tolerant chaining is how churnalism, passim and
//! `TextPAIR` find reprints; consistent sampling and the fan-out cap keep it linear in the size
//! of the story.
//!
//! ## Example
//!
//! ```
//! use crosscheck_core::{Article, ReuseDirection};
//! use crosscheck_dedup::ReuseBuilder;
//!
//! let wire = "OSTRAVA (AP) — The ferry to Ostrava sank on Monday after a storm hit the \
//!             harbour at dawn, and divers searched the wreck for the two missing crew members.";
//! let copy = "The ferry to Ostrava capsized on Monday after a storm hit the harbour at dawn, \
//!             and divers searched the wreck for the two missing crew members, officials said.";
//! let (a, b) = (Article::from_text("wire", wire), Article::from_text("copy", copy));
//! let reuse = ReuseBuilder::new().build()?.detect(&[&a, &b]);
//! assert_eq!(reuse.edges.len(), 1);
//! assert_eq!(reuse.edges[0].direction, ReuseDirection::Unknown, "no dates, no direction");
//! assert_eq!(reuse.clusters[0].origin.as_ref().map(|d| d.as_str()), Some("wire"));
//! assert_eq!(reuse.credits[0].agency, "Associated Press");
//! # Ok::<(), crosscheck_dedup::DedupError>(())
//! ```
//!
//! ## Limitations
//!
//! Publication dates are days: two articles of the same day get no direction. Paraphrase is not
//! reuse (see the alignment's limitations). Articles must be in one script-insensitive
//! tokenisation: a translation shares nothing with its original.
//!
//! ## References
//!
//! - D. A. Smith, R. Cordell, E. M. Dillon, "Infectious texts", 2013 (passim).
//! - Media Standards Trust, churnalism.com (shared-string overlap with press releases).
//! - ARTFL `TextPAIR` (passage pairs from shared n-grams).

mod align;
mod credits;

use std::collections::HashMap;

use crosscheck_core::story::SourceSpan;
use crosscheck_core::{
    Article, CreditField, DocId, OriginBasis, ReuseCluster, ReuseDirection, ReuseEdge,
    ReusePassage, StoryReuse, WireCredit,
};
use serde::{Deserialize, Serialize};

use crate::DedupError;
use align::{Words, align};

/// Builds a [`ReuseDetector`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReuseBuilder {
    ngram: usize,
    sample: u32,
    min_shared: usize,
    fanout: usize,
    partners: usize,
    max_gap: usize,
    min_words: usize,
}

impl Default for ReuseBuilder {
    fn default() -> ReuseBuilder {
        ReuseBuilder {
            ngram: 5,
            sample: 2,
            min_shared: 2,
            fanout: 24,
            partners: 16,
            max_gap: 8,
            min_words: 12,
        }
    }
}

impl ReuseBuilder {
    /// A builder with the defaults.
    pub fn new() -> ReuseBuilder {
        ReuseBuilder::default()
    }

    /// The shingle size in words, for seeds and candidates.
    ///
    /// By default, 5 (as dedup).
    pub fn ngram(&mut self, n: usize) -> &mut ReuseBuilder {
        self.ngram = n;
        self
    }

    /// One in how many shingle hashes is indexed to find candidate pairs.
    ///
    /// By default, 2: a passage of 12 words has 8 shingles, 4 of them sampled on average.
    pub fn sample(&mut self, one_in: u32) -> &mut ReuseBuilder {
        self.sample = one_in;
        self
    }

    /// The sampled shingles two articles must share to be aligned.
    ///
    /// By default, 2.
    pub fn min_shared(&mut self, n: usize) -> &mut ReuseBuilder {
        self.min_shared = n;
        self
    }

    /// How many earlier carriers of one shingle a newcomer is paired with.
    ///
    /// By default, 24: every pair in a story where no passage is carried by more than 24
    /// articles; beyond that, a star around the earliest copies.
    pub fn fanout(&mut self, n: usize) -> &mut ReuseBuilder {
        self.fanout = n;
        self
    }

    /// How many earlier articles one article is aligned with at most: those it shares the most
    /// sampled shingles with (the earliest first on ties).
    ///
    /// By default, 16. With the fan-out this keeps detection linear in the story's size even
    /// when every report shares sentences with every other; an article that copies from more
    /// sources than this keeps its 16 largest.
    pub fn partners(&mut self, n: usize) -> &mut ReuseBuilder {
        self.partners = n;
        self
    }

    /// The most words a passage may skip on either side, and the most the two sides' gaps may
    /// differ, for it to stay one passage.
    ///
    /// By default, 8: a changed word (a gap of 6 with 5-grams) or an inserted phrase.
    pub fn max_gap(&mut self, n: usize) -> &mut ReuseBuilder {
        self.max_gap = n;
        self
    }

    /// The fewest words in common for a passage to count.
    ///
    /// By default, 12: longer than the stock phrases (`said in a statement on Monday`) that
    /// independent reports share.
    pub fn min_words(&mut self, n: usize) -> &mut ReuseBuilder {
        self.min_words = n;
        self
    }

    /// The configured detector.
    pub fn build(&self) -> Result<ReuseDetector, DedupError> {
        if self.ngram == 0 || self.ngram > crosscheck_text::MAX_SHINGLE {
            return Err(DedupError::InvalidShingle {
                value: self.ngram,
                max: crosscheck_text::MAX_SHINGLE,
            });
        }
        for (name, value) in [
            ("sample", self.sample as usize),
            ("min_shared", self.min_shared),
            ("fanout", self.fanout),
            ("partners", self.partners),
            ("min_words", self.min_words),
        ] {
            if value == 0 {
                return Err(DedupError::InvalidReuse { name, value });
            }
        }
        if self.min_words < self.ngram {
            return Err(DedupError::InvalidReuse { name: "min_words", value: self.min_words });
        }
        Ok(ReuseDetector { config: self.clone() })
    }
}

/// Finds text reuse among the articles of a story. Reusable, `Send + Sync`.
#[derive(Debug, Clone, Default)]
pub struct ReuseDetector {
    config: ReuseBuilder,
}

/// A passage share below which a quoted passage is still counted: one mostly inside quotation
/// marks on both sides is a shared quotation, not copying.
const MAX_QUOTED: f32 = 0.8;

impl ReuseDetector {
    /// The reuse among `articles` (one story, in story order).
    pub fn detect(&self, articles: &[&Article]) -> StoryReuse {
        let c = &self.config;
        let words: Vec<Words> =
            articles.iter().map(|a| Words::new(&a.text, c.ngram, c.sample)).collect();
        let credits: Vec<Vec<WireCredit>> =
            articles.iter().map(|a| credits::TABLE.credits(a)).collect();
        let pairs = self.candidates(articles, &words);
        let mut edges = Vec::new();
        for (x, y) in pairs {
            if let Some(e) = self.edge(articles[x], articles[y], &words[x], &words[y]) {
                edges.push((x, y, e));
            }
        }
        edges.sort_by_key(|(x, y, _)| (*x, *y));
        let clusters = clusters(articles, &credits, &edges);
        StoryReuse {
            edges: edges.into_iter().map(|(_, _, e)| e).collect(),
            clusters,
            credits: credits.into_iter().flatten().collect(),
        }
    }

    /// Pairs `(x, y)`, `x < y` in story order, that share at least `min_shared` sampled
    /// shingles (within the fan-out cap).
    fn candidates(&self, articles: &[&Article], words: &[Words]) -> Vec<(usize, usize)> {
        let c = &self.config;
        // Publication order (undated last, then story order): the earliest carriers of a
        // shingle are the ones a newcomer is compared with.
        let mut order: Vec<usize> = (0..articles.len()).collect();
        order.sort_by_key(|&i| (articles[i].published.is_none(), articles[i].published, i));
        let mut rank = vec![0; articles.len()];
        for (r, &i) in order.iter().enumerate() {
            rank[i] = r;
        }
        let mut postings: HashMap<u32, Vec<u32>> = HashMap::new();
        let mut counts = vec![0u32; articles.len()];
        let mut touched: Vec<usize> = Vec::new();
        let mut pairs = Vec::new();
        for &d in &order {
            for &h in &words[d].sample {
                let list = postings.entry(h).or_default();
                for &e in list.iter().take(c.fanout) {
                    let e = e as usize;
                    if counts[e] == 0 {
                        touched.push(e);
                    }
                    counts[e] += 1;
                }
                list.push(d as u32);
            }
            // The partners with the most shared samples, the earliest first on ties.
            let mut best: Vec<(u32, usize)> = touched
                .iter()
                .filter(|&&e| counts[e] as usize >= c.min_shared)
                .map(|&e| (counts[e], e))
                .collect();
            best.sort_by_key(|&(n, e)| (std::cmp::Reverse(n), rank[e]));
            for &(_, e) in best.iter().take(c.partners) {
                pairs.push((e.min(d), e.max(d)));
            }
            for &e in &touched {
                counts[e] = 0;
            }
            touched.clear();
        }
        pairs
    }

    /// The edge between two articles, if they share a passage.
    fn edge(&self, a: &Article, b: &Article, wa: &Words, wb: &Words) -> Option<ReuseEdge> {
        let c = &self.config;
        let mut passages = Vec::new();
        let (mut covered_a, mut covered_b) = (0usize, 0usize);
        for hit in align(wa, wb, c.ngram, c.max_gap, c.min_words) {
            if wa.quoted_share(hit.a.0, hit.a.1) >= MAX_QUOTED
                && wb.quoted_share(hit.b.0, hit.b.1) >= MAX_QUOTED
            {
                continue;
            }
            let Some(sa) = SourceSpan::from_text(a, wa.text_span(hit.a.0, hit.a.1)) else {
                continue;
            };
            let Some(sb) = SourceSpan::from_text(b, wb.text_span(hit.b.0, hit.b.1)) else {
                continue;
            };
            covered_a += hit.a.1 - hit.a.0;
            covered_b += hit.b.1 - hit.b.0;
            passages.push(ReusePassage { a: sa, b: sb, words: hit.words as u32 });
        }
        if passages.is_empty() {
            return None;
        }
        let direction = match (a.published, b.published) {
            (Some(x), Some(y)) if x < y => ReuseDirection::AToB,
            (Some(x), Some(y)) if y < x => ReuseDirection::BToA,
            _ => ReuseDirection::Unknown,
        };
        let share = |covered: usize, w: &Words| (covered as f32 / w.len().max(1) as f32).min(1.0);
        Some(ReuseEdge {
            a: a.id.clone(),
            b: b.id.clone(),
            direction,
            same_outlet: same_outlet(a, b),
            share_a: share(covered_a, wa),
            share_b: share(covered_b, wb),
            passages,
        })
    }
}

/// Whether two articles come from one outlet: the same outlet name, else the same URL host.
fn same_outlet(a: &Article, b: &Article) -> bool {
    match (&a.outlet, &b.outlet) {
        (Some(x), Some(y)) => x.trim().eq_ignore_ascii_case(y.trim()),
        _ => match (&a.url, &b.url) {
            (Some(x), Some(y)) => {
                let (hx, hy) = (credits::host_of(x), credits::host_of(y));
                !hx.is_empty() && hx == hy
            }
            _ => false,
        },
    }
}

/// The connected groups of articles and their origins.
fn clusters(
    articles: &[&Article],
    credits: &[Vec<WireCredit>],
    edges: &[(usize, usize, ReuseEdge)],
) -> Vec<ReuseCluster> {
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let mut parent: Vec<usize> = (0..articles.len()).collect();
    for &(x, y, _) in edges {
        let (rx, ry) = (find(&mut parent, x), find(&mut parent, y));
        if rx != ry {
            parent[rx.max(ry)] = rx.min(ry);
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut slot: HashMap<usize, usize> = HashMap::new();
    for i in 0..articles.len() {
        let r = find(&mut parent, i);
        let g = *slot.entry(r).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
    }
    groups
        .into_iter()
        .filter(|g| g.len() > 1)
        .map(|members| {
            let (origin, basis, agency) = origin(articles, credits, edges, &members);
            ReuseCluster {
                articles: members.iter().map(|&i| articles[i].id.clone()).collect(),
                origin,
                basis,
                agency,
            }
        })
        .collect()
}

/// The origin of a cluster (see the module documentation for the rule).
fn origin(
    articles: &[&Article],
    credits: &[Vec<WireCredit>],
    edges: &[(usize, usize, ReuseEdge)],
    members: &[usize],
) -> (Option<DocId>, OriginBasis, Option<String>) {
    // A credited article is the origin only if it shares text with at least half of the other
    // members directly: one stock phrase shared with a wire story's reprints makes an agency's
    // own report part of the cluster, not its source.
    let neighbours = |i: usize| {
        edges
            .iter()
            .filter(|(x, y, _)| (*x == i || *y == i) && members.contains(x) && members.contains(y))
            .count()
    };
    let credited = members
        .iter()
        .filter_map(|&i| credits[i].first().map(|c| (i, c)))
        .filter(|(i, _)| 2 * neighbours(*i) >= members.len() - 1)
        .min_by_key(|(i, c)| {
            let a = articles[*i];
            (c.field != CreditField::Outlet, a.published.is_none(), a.published, *i)
        });
    if let Some((i, c)) = credited {
        return (Some(articles[i].id.clone()), OriginBasis::Credit, Some(c.agency.clone()));
    }
    let dates: Option<Vec<_>> = members.iter().map(|&i| articles[i].published).collect();
    if let Some(dates) = dates
        && let Some(&min) = dates.iter().min()
        && dates.iter().filter(|&&d| d == min).count() == 1
        && let Some(k) = dates.iter().position(|&d| d == min)
    {
        return (Some(articles[members[k]].id.clone()), OriginBasis::Earliest, None);
    }
    (None, OriginBasis::Unknown, None)
}

#[cfg(test)]
mod tests;
