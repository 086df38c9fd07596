//! Batch story clustering: candidate graph, shared neighbours, average linkage; see
//! [`story`](crate::story) for the rule.
//!
//! Documents are named by their rank in the canonical order from the start, and terms by a
//! dense id given in that order, so that every loop, tie-break and floating-point sum below runs
//! the same way whatever the input order.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};
use std::hash::BuildHasherDefault;

use rayon::prelude::*;

use crosscheck_core::{Date, Lang};

use crate::Features;
use crate::features::Term;
use crate::features::features_at;
use crate::hash::{TermHasher, TermMap};
use crate::story::{
    Assignment, ClusterBuilder, ClusterDoc, Clusterer, combine, normalise, out_of_window,
    same_language,
};
use crate::weights::{idf, tf};

/// Per document (rank): its candidates `(rank, similarity)`, sorted by rank.
type Candidates = Vec<Vec<(u32, f32)>>;

/// A map keyed by document ranks or story ids.
type IdMap<V> = HashMap<u32, V, BuildHasherDefault<TermHasher>>;

/// A sparse unit vector over dense term ids, sorted by id.
type Sparse = Vec<(u32, f32)>;

/// The similarity below which a candidate is not counted as a neighbour: too little in common
/// to say anything about the neighbourhood.
const NEIGHBOUR_FLOOR: f32 = 0.15;

impl ClusterDoc<'_> {
    /// The features [`Clusterer::cluster`] extracts from this document: those of its headline
    /// and text together ([`features_at`] of `"{title}.\n\n{text}"` on its date). Keep them to
    /// cluster the document again with [`Clusterer::cluster_features`] without its text.
    pub fn features(&self) -> Features {
        match self.title {
            Some(t) if !t.is_empty() => features_at(&format!("{t}.\n\n{}", self.text), self.date),
            _ => features_at(self.text, self.date),
        }
    }
}

/// One document to cluster by its features, extracted before ([`ClusterDoc::features`]).
#[derive(Debug, Clone, PartialEq)]
pub struct FeaturedDoc<'a> {
    /// A stable id, the last tie-break of the canonical order.
    pub id: &'a str,
    /// The publication date, if known.
    pub date: Option<Date>,
    /// Its features, borrowed or owned: owned ones are dropped as soon as they are weighed.
    pub features: Cow<'a, Features>,
}

impl Clusterer {
    /// Clusters a batch of documents; see the [`story`](crate::story) module documentation for
    /// the rule and the order guarantee. Runs on all cores.
    pub fn cluster(&self, docs: &[ClusterDoc<'_>]) -> Vec<Assignment> {
        let feats: Vec<Features> = docs.par_iter().map(ClusterDoc::features).collect();
        let featured: Vec<FeaturedDoc<'_>> = docs
            .iter()
            .zip(feats)
            .map(|(d, f)| FeaturedDoc { id: d.id, date: d.date, features: Cow::Owned(f) })
            .collect();
        cluster(&self.cfg, featured)
    }

    /// Clusters documents by the features [`ClusterDoc::features`] extracted from them: the
    /// same stories and scores as [`Clusterer::cluster`] on the documents themselves, without
    /// their text. For a store that keeps each article's features, and for a large batch that
    /// drops each text once its features are extracted. Owned features are dropped once
    /// weighed, before the graph is built.
    pub fn cluster_features(&self, docs: Vec<FeaturedDoc<'_>>) -> Vec<Assignment> {
        cluster(&self.cfg, docs)
    }
}

/// Clusters a batch; see [`Clusterer::cluster`](crate::Clusterer::cluster).
pub(crate) fn cluster(cfg: &ClusterBuilder, docs: Vec<FeaturedDoc<'_>>) -> Vec<Assignment> {
    let n = docs.len();
    if n == 0 {
        return Vec::new();
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        (docs[a].date, docs[a].features.fingerprint, docs[a].id).cmp(&(
            docs[b].date,
            docs[b].features.fingerprint,
            docs[b].id,
        ))
    });
    let days: Vec<Option<i32>> =
        order.iter().map(|&i| docs[i].date.map(Date::day_number)).collect();
    let index = Index::new(cfg, &order, &docs);
    // The weighted vectors are all that is read from here on.
    drop(docs);
    let cands = Graph::candidates(cfg, &index, &days);
    let graph = Graph::new(cfg, &cands);
    let mut root = graph.agglomerate(cfg);
    attach_other_languages(cfg, &graph, &index.langs, &mut root);
    // Stories numbered in canonical order of their first document.
    let mut number: IdMap<u32> = IdMap::default();
    let mut size: IdMap<usize> = IdMap::default();
    for &r in &root {
        let next = number.len() as u32;
        number.entry(r).or_insert(next);
        *size.entry(r).or_default() += 1;
    }
    let scores: Vec<f32> = (0..n)
        .into_par_iter()
        .map(|r| {
            let others = size[&root[r]] - 1;
            if others == 0 {
                return 1.0;
            }
            let mut w: Vec<f32> = graph
                .edges_of(r)
                .iter()
                .filter(|&&(j, _)| root[j as usize] == root[r])
                .map(|e| e.1)
                .collect();
            w.sort_unstable_by(|a, b| b.total_cmp(a));
            let k = cfg.linkage.min(others);
            (w.iter().take(k).sum::<f32>() / k as f32).clamp(0.0, 1.0)
        })
        .collect();
    let mut out = vec![Assignment { story: 0, score: 0.0 }; n];
    for (r, &i) in order.iter().enumerate() {
        out[i] = Assignment { story: number[&root[r]], score: scores[r] };
    }
    out
}

/// How many of its heaviest edges to a story a report in another language is judged by: the
/// majority of its 5 neighbours (see [`attach_other_languages`]).
const ATTACH_EDGES: usize = 3;

/// The mean weight of those edges a lone report in another language needs to join a story.
const ATTACH_THRESHOLD: f32 = 0.15;

/// Lets a report in another language that is left alone join the story its edges point to.
///
/// ## What it does
///
/// A document that ends up alone joins the story, written mostly in other languages than its
/// own, whose `m = 3` heaviest edges to it average at least [`ATTACH_THRESHOLD`] (0.15), the
/// best such story if several qualify. Its edges to the story's members in its own language
/// count too, and one of them whose edge reaches the merge threshold is enough on its own: the
/// two would have merged had the other not joined a story first (a second Chinese report of an
/// English story follows the first).
///
/// ## Why
///
/// Across languages only names, numbers and days compare, so a report in another language is
/// close to a few of its story's members and to nothing else; average linkage over the whole
/// story needs it to be close to most of them, which a short report rarely is. Three edges, the
/// majority of a document's five neighbours, are the evidence asked for: a short report in
/// another language names only a few of the story's people, places and numbers.
///
/// ## Limitations
///
/// Runs once, after the merges: two reports in the same other language that found each other
/// first stay a story of their own. A report whose only strong edge is to a same-language
/// report of a different event of one kind (two fires) would follow it.
fn attach_other_languages(cfg: &ClusterBuilder, graph: &Graph, langs: &[Lang], root: &mut [u32]) {
    let mut size: IdMap<usize> = IdMap::default();
    for &r in root.iter() {
        *size.entry(r).or_default() += 1;
    }
    let before = root.to_vec();
    // Per story, how many of its members each language has.
    let mut speakers: HashMap<(u32, Lang), usize> = HashMap::new();
    for (r, &story) in before.iter().enumerate() {
        *speakers.entry((story, langs[r])).or_default() += 1;
    }
    for r in 0..root.len() {
        let edges = graph.edges_of(r);
        if size[&before[r]] != 1 || langs[r].is_unknown() || edges.is_empty() {
            continue;
        }
        // Per story: the edge weights, and the heaviest edge to a member in the same language.
        let mut by_story: IdMap<(Vec<f32>, f32)> = IdMap::default();
        for &(j, w) in edges {
            let story = before[j as usize];
            // Only a story written mostly in other languages: in its own, a report had every
            // chance to join through its words.
            let own = speakers.get(&(story, langs[r])).copied().unwrap_or(0);
            if 2 * own < size[&story] {
                let e = by_story.entry(story).or_default();
                e.0.push(w);
                if same_language(langs[r], langs[j as usize]) {
                    e.1 = e.1.max(w);
                }
            }
        }
        let mut best: Option<(f32, u32)> = None;
        for (story, (mut w, own)) in by_story {
            w.sort_unstable_by(|a, b| b.total_cmp(a));
            let m = ATTACH_EDGES.min(cfg.linkage).max(1);
            let mut mean = w.iter().take(m).sum::<f32>() / m as f32;
            // A member in its own language close enough to have merged with it alone.
            if f64::from(own) >= cfg.threshold {
                mean = mean.max(own);
            }
            let better = best.is_none_or(|(b, s)| mean.total_cmp(&b).then(s.cmp(&story)).is_gt());
            if mean >= ATTACH_THRESHOLD && better {
                best = Some((mean, story));
            }
        }
        if let Some((_, story)) = best {
            root[r] = story;
        }
    }
}

/// The weighted documents of a batch and an inverted index over them.
struct Index {
    /// Per rank: word vector, name vector.
    vecs: Vec<(Sparse, Sparse)>,
    /// Per rank: the language of the text (see [`Features::lang`]).
    langs: Vec<Lang>,
    /// Per rank: the heaviest terms, to probe the index with.
    probes: Vec<Vec<u32>>,
    /// Term `t`'s postings are `postings[offsets[t]..offsets[t + 1]]`: ranks, ascending.
    offsets: Vec<usize>,
    postings: Vec<u32>,
}

impl Index {
    fn new(cfg: &ClusterBuilder, order: &[usize], docs: &[FeaturedDoc<'_>]) -> Index {
        let n = order.len();
        // Dense term ids, given in canonical order, with document frequencies and priors.
        let mut ids: TermMap<u32> = TermMap::default();
        let mut df: Vec<u32> = Vec::new();
        let mut prior: Vec<f32> = Vec::new();
        let mut intern = |t: &Term| -> u32 {
            let id = *ids.entry(t.id).or_insert_with(|| {
                df.push(0);
                prior.push(t.prior);
                df.len() as u32 - 1
            });
            df[id as usize] += 1;
            id
        };
        let term_ids: Vec<(Vec<u32>, Vec<u32>)> = order
            .iter()
            .map(|&i| {
                let f = &docs[i].features;
                (
                    f.words.iter().map(&mut intern).collect(),
                    f.names.iter().map(&mut intern).collect(),
                )
            })
            .collect();
        let weights: Vec<f32> =
            df.par_iter().zip(&prior).map(|(&d, &p)| idf(n as u32, d, p)).collect();
        let weigh = |terms: &[Term], ids: &[u32]| -> Sparse {
            let mut v: Sparse = terms
                .iter()
                .zip(ids)
                .map(|(t, &id)| (id, tf(t.count) * weights[id as usize]))
                .collect();
            v.sort_unstable_by_key(|x| x.0);
            normalise(&mut v);
            v
        };
        let vecs: Vec<(Sparse, Sparse)> = order
            .par_iter()
            .zip(&term_ids)
            .map(|(&i, (w, nm))| {
                (weigh(&docs[i].features.words, w), weigh(&docs[i].features.names, nm))
            })
            .collect();
        let probes = vecs
            .par_iter()
            .map(|(w, nm)| {
                let mut p: Sparse = w.iter().chain(nm).copied().collect();
                let k = cfg.probe_terms.min(p.len());
                let heavier =
                    |x: &(u32, f32), y: &(u32, f32)| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0));
                if k < p.len() {
                    p.select_nth_unstable_by(k, heavier);
                    p.truncate(k);
                }
                p.into_iter().map(|x| x.0).collect()
            })
            .collect();
        let mut offsets = Vec::with_capacity(df.len() + 1);
        let mut total = 0usize;
        offsets.push(0);
        for &d in &df {
            total += d as usize;
            offsets.push(total);
        }
        let mut cursor = offsets.clone();
        let mut postings = vec![0u32; total];
        for (r, (w, nm)) in term_ids.iter().enumerate() {
            for &t in w.iter().chain(nm) {
                postings[cursor[t as usize]] = r as u32;
                cursor[t as usize] += 1;
            }
        }
        let langs = order.iter().map(|&i| docs[i].features.lang).collect();
        Index { vecs, langs, probes, offsets, postings }
    }

    fn postings(&self, t: u32) -> &[u32] {
        &self.postings[self.offsets[t as usize]..self.offsets[t as usize + 1]]
    }
}

/// Scratch space of one thread: probe hits per document, and one document's weights spread
/// over all terms.
struct Scratch {
    count: Vec<u32>,
    touched: Vec<u32>,
    dense: Vec<f32>,
}

/// The candidate graph: edges between candidates weighted by similarity and shared
/// neighbours.
struct Graph {
    /// Node `r`'s edges are `edges[offsets[r]..offsets[r + 1]]`: `(other, weight)`.
    offsets: Vec<usize>,
    edges: Vec<(u32, f32)>,
}

impl Graph {
    /// Every document's candidates with their similarity (see [`candidates`]).
    fn candidates(cfg: &ClusterBuilder, index: &Index, days: &[Option<i32>]) -> Candidates {
        let n = days.len();
        (0..n)
            .into_par_iter()
            .map_init(
                || Scratch {
                    count: vec![0; n],
                    touched: Vec::new(),
                    dense: vec![0.0; index.offsets.len() - 1],
                },
                |scratch, r| candidates(cfg, index, days, scratch, r),
            )
            .collect()
    }

    /// The graph over the candidates: nearest neighbours, then edges weighted by similarity
    /// and shared neighbours.
    fn new(cfg: &ClusterBuilder, cands: &Candidates) -> Graph {
        let n = cands.len();
        let k = cfg.neighbours;
        // Each document's nearest candidates, itself included, sorted by rank.
        let near: Vec<Vec<u32>> = cands
            .par_iter()
            .enumerate()
            .map(|(r, c)| {
                let mut v: Vec<(u32, f32)> =
                    c.iter().copied().filter(|x| x.1 >= NEIGHBOUR_FLOOR).collect();
                v.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                let mut ids: Vec<u32> = v.iter().take(k).map(|x| x.0).collect();
                ids.push(r as u32);
                ids.sort_unstable();
                ids
            })
            .collect();
        // Undirected edges: a pair found from either side, once.
        let mut pairs: Vec<(u32, u32, f32)> = cands
            .par_iter()
            .enumerate()
            .flat_map_iter(|(r, c)| {
                let r = r as u32;
                c.iter().map(move |&(j, s)| (r.min(j), r.max(j), s))
            })
            .collect();
        pairs.par_sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        pairs.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
        let s = cfg.neighbour_weight as f32;
        let shared_max = (k + 1) as f32;
        let weighted: Vec<(u32, u32, f32)> = pairs
            .par_iter()
            .map(|&(a, b, sim)| {
                let shared = sorted_overlap(&near[a as usize], &near[b as usize]) as f32;
                (a, b, (1.0 - s) * sim + s * shared / shared_max)
            })
            .collect();
        let mut degree = vec![0usize; n];
        for &(a, b, _) in &weighted {
            degree[a as usize] += 1;
            degree[b as usize] += 1;
        }
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0);
        for d in &degree {
            offsets.push(offsets[offsets.len() - 1] + d);
        }
        let mut cursor = offsets.clone();
        let mut edges = vec![(0u32, 0f32); offsets[n]];
        for &(a, b, w) in &weighted {
            edges[cursor[a as usize]] = (b, w);
            cursor[a as usize] += 1;
            edges[cursor[b as usize]] = (a, w);
            cursor[b as usize] += 1;
        }
        Graph { offsets, edges }
    }

    fn edges_of(&self, r: usize) -> &[(u32, f32)] {
        &self.edges[self.offsets[r]..self.offsets[r + 1]]
    }

    /// Average-linkage agglomeration over the graph; returns each document's story as the
    /// lowest rank in it.
    fn agglomerate(&self, cfg: &ClusterBuilder) -> Vec<u32> {
        let n = self.offsets.len() - 1;
        let t = cfg.threshold;
        let cap = cfg.max_candidates as f64;
        let linkage = |sum: f64, a: u32, b: u32| {
            let (a, b) = (f64::from(a), f64::from(b));
            sum / (a * b).min(cap * a.min(b))
        };
        let mut size = vec![1u32; n];
        let mut version = vec![0u32; n];
        let mut parent: Vec<u32> = (0..n as u32).collect();
        let mut adj: Vec<IdMap<f64>> = (0..n)
            .map(|r| self.edges_of(r).iter().map(|&(j, w)| (j, f64::from(w))).collect())
            .collect();
        let mut heap: BinaryHeap<Merge> = BinaryHeap::new();
        for r in 0..n {
            for &(j, w) in self.edges_of(r) {
                let (a, b) = (r as u32, j);
                if a < b && f64::from(w) >= t {
                    heap.push(Merge { score: f64::from(w), a, b, va: 0, vb: 0 });
                }
            }
        }
        while let Some(m) = heap.pop() {
            let (a, b) = (m.a as usize, m.b as usize);
            if parent[a] != m.a || parent[b] != m.b || version[a] != m.va || version[b] != m.vb {
                continue;
            }
            // The lower rank names the merged story.
            let (keep, gone) = (a.min(b), a.max(b));
            parent[gone] = keep as u32;
            let mut big = std::mem::take(&mut adj[keep]);
            let mut small = std::mem::take(&mut adj[gone]);
            if small.len() > big.len() {
                std::mem::swap(&mut big, &mut small);
            }
            for (j, s) in small {
                *big.entry(j).or_default() += s;
            }
            big.remove(&(keep as u32));
            big.remove(&(gone as u32));
            size[keep] += size[gone];
            version[keep] += 1;
            for (&j, &s) in &big {
                let other = &mut adj[j as usize];
                other.remove(&(keep as u32));
                other.remove(&(gone as u32));
                other.insert(keep as u32, s);
                let score = linkage(s, size[keep], size[j as usize]);
                if score >= t {
                    let (x, y) = ((keep as u32).min(j), (keep as u32).max(j));
                    heap.push(Merge {
                        score,
                        a: x,
                        b: y,
                        va: version[x as usize],
                        vb: version[y as usize],
                    });
                }
            }
            adj[keep] = big;
        }
        (0..n)
            .map(|r| {
                let mut x = r as u32;
                while parent[x as usize] != x {
                    x = parent[x as usize];
                }
                x
            })
            .collect()
    }
}

/// A possible merge of stories `a < b`, valid while both are at the versions seen.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Merge {
    score: f64,
    a: u32,
    b: u32,
    va: u32,
    vb: u32,
}

impl Eq for Merge {}

impl Ord for Merge {
    /// Higher scores first, then lower ranks, so that the order of merges is canonical.
    fn cmp(&self, o: &Merge) -> Ordering {
        self.score.total_cmp(&o.score).then_with(|| o.a.cmp(&self.a)).then_with(|| o.b.cmp(&self.b))
    }
}

impl PartialOrd for Merge {
    fn partial_cmp(&self, o: &Merge) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

/// How many elements two ascending lists share.
fn sorted_overlap(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The ranks that document `r` may be compared with: up to two intervals (the undated
/// documents, which sort first, and the dated ones within the horizon), each cut to the
/// article window.
fn windows(cfg: &ClusterBuilder, days: &[Option<i32>], r: usize) -> [(usize, usize); 2] {
    let n = days.len();
    let reach = usize::try_from(cfg.window_articles).unwrap_or(usize::MAX);
    let (lo, hi) = (r.saturating_sub(reach), r.saturating_add(reach).saturating_add(1).min(n));
    let Some(d) = days[r] else {
        return [(lo, hi), (0, 0)];
    };
    let undated = days.partition_point(Option::is_none);
    let w = i32::try_from(cfg.horizon_days).unwrap_or(i32::MAX);
    let from = days.partition_point(|x| x.is_none_or(|x| x < d.saturating_sub(w)));
    let to = days.partition_point(|x| x.is_none_or(|x| x <= d.saturating_add(w)));
    let clip = |(a, b): (usize, usize)| {
        let (a, b) = (a.max(lo), b.min(hi));
        if a < b { (a, b) } else { (0, 0) }
    };
    [clip((0, undated)), clip((from, to))]
}

/// The candidates of document `r` with their similarity to it, sorted by rank: the documents
/// within its horizon that share the most probe terms with it (itself excluded). Each probed term
/// contributes at most `max_postings` postings per window interval, those nearest `r` in the
/// canonical order.
fn candidates(
    cfg: &ClusterBuilder,
    index: &Index,
    days: &[Option<i32>],
    scratch: &mut Scratch,
    r: usize,
) -> Vec<(u32, f32)> {
    let me = r as u32;
    let max = cfg.max_postings;
    let spans = windows(cfg, days, r);
    for &t in &index.probes[r] {
        let list = index.postings(t);
        for &(from, to) in &spans {
            if from >= to {
                continue;
            }
            let lo = list.partition_point(|&x| (x as usize) < from);
            let hi = list.partition_point(|&x| (x as usize) < to);
            let (lo, hi) = if hi - lo <= max {
                (lo, hi)
            } else {
                let at = list[lo..hi].partition_point(|&x| x < me);
                let start = lo + at.saturating_sub(max / 2).min(hi - lo - max);
                (start, start + max)
            };
            for &j in &list[lo..hi] {
                let c = &mut scratch.count[j as usize];
                if *c == 0 {
                    scratch.touched.push(j);
                }
                *c += 1;
            }
        }
    }
    let mut found: Vec<(u32, u32)> = Vec::with_capacity(scratch.touched.len());
    for j in scratch.touched.drain(..) {
        let c = std::mem::take(&mut scratch.count[j as usize]);
        if j != me && !out_of_window(cfg, days[r], days[j as usize]) {
            found.push((c, j));
        }
    }
    let more = |a: &(u32, u32), b: &(u32, u32)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
    if found.len() > cfg.max_candidates {
        found.select_nth_unstable_by(cfg.max_candidates, more);
        found.truncate(cfg.max_candidates);
    }
    found.sort_unstable_by_key(|x| x.1);
    // Scatter this document's weights once, then each candidate's dot products are gathers.
    // Summing a candidate's terms in id order, zeros included, gives exactly the merge-join
    // sum (adding 0.0 changes nothing), so the similarity is the same from either side.
    let (w, nm) = &index.vecs[r];
    for &(t, x) in w.iter().chain(nm) {
        scratch.dense[t as usize] = x;
    }
    let gather = |v: &Sparse, dense: &[f32]| -> f32 {
        let mut s = 0.0;
        for &(t, x) in v {
            s += dense[t as usize] * x;
        }
        s
    };
    let out = found
        .into_iter()
        .filter_map(|(_, j)| {
            let (wj, nj) = &index.vecs[j as usize];
            let names = (!nm.is_empty() && !nj.is_empty()).then(|| gather(nj, &scratch.dense));
            let words = if same_language(index.langs[r], index.langs[j as usize]) {
                gather(wj, &scratch.dense)
            } else {
                names.unwrap_or(0.0)
            };
            let sim = combine(cfg, words, names, days[r], days[j as usize]);
            (sim > 0.0).then_some((j, sim))
        })
        .collect();
    for &(t, _) in w.iter().chain(nm) {
        scratch.dense[t as usize] = 0.0;
    }
    out
}
