//! Claim alignment with bounded work: identical sentences collapsed into units, candidate pairs
//! from an inverted index whose common terms are only sampled, similarities computed on demand
//! instead of kept for every pair, and group averages sampled past a size.
//!
//! ## What it does
//!
//! Sentences with the same weighted terms (a wire text reprinted, a near-copy of an article) are
//! one *unit* that counts once per copy: the pair work runs over distinct units, not sentences.
//! A unit never holds two sentences of one article (a sentence repeated in one article makes a
//! second unit), so a unit's sentences can all be in one claim.
//!
//! Candidate pairs come from the units' postings: a term held by at most [`RARE_POSTINGS`] units
//! is followed through all its postings; a more common one (a story's topic word in a very large
//! story) only through the [`COMMON_WINDOW`] units after the current one in its postings. Every
//! candidate is then scored exactly (the common terms included), and each unit keeps its
//! [`NEIGHBOURS`] best pairs above the threshold. Below those sizes (any story of a few hundred
//! articles) every pair that shares a term is scored, as before.
//!
//! The average similarity that keeps a merged group coherent is computed from the units (each
//! weighted by its sentences), on demand; past [`EXACT_MEAN`] unit pairs it is estimated from
//! an evenly spaced sample of both groups. The exact sum stops as soon as its mean reaches the
//! bound (similarities are never negative: the whole sum would reach it too), and the sum of
//! two groups turned down is kept (from [`KEEP_TOTAL`] unit pairs): groups grow only by
//! appending units, so when they meet again with the first grown, or the second grown against
//! one unit, the sum goes on from it in the order a new sum would add, to the same bits. Two
//! groups turned down on a sampled average are asked again only once one has grown by an
//! eighth. A claim's central sentence is chosen from every pair
//! of its sentences up to [`EXACT_SENTENCES`], then from every pair of its units, each counted
//! for its copies (the same sums, a copy scored once), then from a sample.
//!
//! ## Why
//!
//! The sentence-pair map grew with the square of a story's size (2,000 copies of one article:
//! 8.4 GB). Copies add no pair to compare, and a story's common words only join sentences that
//! also share rarer terms or sit close in the story. A large claim met by one newcomer after
//! another summed its whole membership each time: the square of its size again, in time.
//!
//! ## Example
//!
//! 2,000 copies of a 100-sentence article are 100 units: 100 claims with 2,000 renderings each,
//! from about 5,000 pair scores instead of 20 million.
//!
//! ## Limitations
//!
//! Past [`RARE_POSTINGS`] units per term, two sentences that share only common terms and are
//! far apart in the story may not be compared, and a group's average is an estimate past
//! [`EXACT_MEAN`] pairs (and is not asked again until a group grows by an eighth): a very large
//! story's claims can differ slightly from what comparing every pair would give. Below those
//! bounds the result is the same; the stopped and continued sums change no decision anywhere.
//!
//! ## References
//!
//! Inverted-index similarity joins with frequency cut-offs (Bayardo, Ma and Srikant, "Scaling up
//! all pairs similarity search", 2007); sampled average linkage.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use crate::analysis::{merge_sorted, sorted_overlap};

/// Terms held by at most this many units are followed through all their postings.
pub(super) const RARE_POSTINGS: usize = 1024;
/// How many units after the current one a common term's postings are followed through.
pub(super) const COMMON_WINDOW: usize = 96;
/// The pairs above the threshold each unit keeps, best first.
pub(super) const NEIGHBOURS: usize = 96;
/// Unit pairs over which a group average is computed exactly; past this it is sampled.
pub(super) const EXACT_MEAN: usize = 1024;
/// Unit pairs from which the sum over two groups turned down is kept to go on from.
const KEEP_TOTAL: usize = 32;
/// Groups of at most this many sentences choose their central member from every pair of
/// sentences, in sentence order.
const EXACT_SENTENCES: usize = 64;
/// Larger groups of at most this many units choose it from every pair of units, each weighted
/// by its sentences; larger ones from a sample.
const EXACT_CENTRAL: usize = 512;
/// The units a unit of a larger group is compared with to choose the central member.
const CENTRAL_SAMPLE: usize = 64;

/// What alignment reads of one sentence.
pub(super) struct Vector<'a> {
    /// Its document.
    pub(super) doc: usize,
    /// Weighted terms, sorted by id.
    pub(super) terms: &'a [(u32, f32)],
    /// Anchor terms, sorted.
    pub(super) anchors: &'a [u32],
    /// The Euclidean norm of the weights.
    pub(super) norm: f32,
    /// Whether the sentence is negated (`not`, `never`, `unhurt`).
    pub(super) negated: bool,
}

/// A set of identical sentences of different documents.
struct Unit {
    /// Its sentences (indexes into the items), in order.
    items: Vec<u32>,
    /// Whether it can join nothing (fewer than two terms): one sentence, no pair.
    alone: bool,
}

/// The similarity rule: see `claims::similarity`.
pub(super) type Similarity = fn(f32, u16, &Vector<'_>, &Vector<'_>) -> f32;

/// Groups `items` (in document order) into claims: each group's members (item indexes, sorted)
/// and the position of its central member. With `seeds` (a flag per item), only pairs with a
/// flagged item are candidates: groups grow from the flagged items (the clauses), and the pairs
/// of two unflagged items are scored only inside a group's average.
pub(super) fn align(
    items: &[Vector<'_>],
    threshold: f32,
    similarity: Similarity,
    seeds: Option<&[bool]>,
) -> Vec<(Vec<u32>, usize)> {
    let units = collapse(items);
    let unit_of = {
        let mut out = vec![0u32; items.len()];
        for (u, unit) in units.iter().enumerate() {
            for &i in &unit.items {
                out[i as usize] = u as u32;
            }
        }
        out
    };
    let rep = |u: u32| &items[units[u as usize].items[0] as usize];
    // The similarity of two units as the old sentence-pair map held it: below half the
    // threshold, nothing.
    let pair_sim = |u: u32, v: u32| -> f32 {
        let (a, b) = if u <= v { (u, v) } else { (v, u) };
        if units[a as usize].alone || units[b as usize].alone {
            return 0.0;
        }
        let (x, y) = (rep(a), rep(b));
        let (dot, shared) = dot(x.terms, y.terms);
        let s = similarity(dot, shared, x, y);
        if s >= threshold * 0.5 { s } else { 0.0 }
    };
    let flagged: Option<Vec<bool>> =
        seeds.map(|f| units.iter().map(|u| u.items.iter().any(|&i| f[i as usize])).collect());
    let pairs = candidate_pairs(items, &units, threshold, similarity, flagged.as_deref());

    // Constrained agglomeration over units: one sentence per article, average similarity kept
    // up. A unit starts as its own group (its sentences are identical and of distinct articles).
    let mut group_of: Vec<u32> = (0..units.len() as u32).collect();
    let mut members: Vec<Vec<u32>> = (0..units.len() as u32).map(|u| vec![u]).collect();
    let mut docs: Vec<Vec<u32>> = units
        .iter()
        .map(|u| u.items.iter().map(|&i| items[i as usize].doc as u32).collect())
        .collect();
    let mut size: Vec<usize> = units.iter().map(|u| u.items.len()).collect();
    // Pairs of groups already turned down: for sharing an article (for good, groups only
    // grow) or for their average at these sizes (unchanged until one of them grows).
    let mut share_docs: HashSet<(u32, u32)> = HashSet::new();
    let mut rejected: HashMap<(u32, u32), (usize, usize)> = HashMap::new();
    // Per pair of groups (in the order asked) turned down in the exact regime, the members of
    // each then and the sum over their pairs: groups only grow by appending members, so a later
    // sum goes on from there in the same order (a large group met by one newcomer after another
    // cost the square of its size).
    let mut partial: HashMap<(u32, u32), (usize, usize, f32)> = HashMap::new();
    for (_, u, v) in pairs {
        let (gi, gj) = (group_of[u as usize], group_of[v as usize]);
        if gi == gj {
            continue;
        }
        let key = (gi.min(gj), gi.max(gj));
        let sizes = (size[key.0 as usize], size[key.1 as usize]);
        // An average estimated from a sample is asked again only once a group has grown by
        // an eighth: a unit more moves it by less than the sample's own error, and asking at
        // every growth made large stories pay a sample per candidate pair.
        let sampled = members[gi as usize].len() * members[gj as usize].len() > EXACT_MEAN;
        let unchanged = rejected.get(&key).is_some_and(|&(a, b)| {
            sizes == (a, b) || (sampled && sizes.0 <= a + a / 8 && sizes.1 <= b + b / 8)
        });
        if share_docs.contains(&key) || unchanged {
            continue;
        }
        if sorted_overlap(&docs[gi as usize], &docs[gj as usize]) {
            share_docs.insert(key);
            continue;
        }
        let (a, b) = (&members[gi as usize], &members[gj as usize]);
        let mean = if a.len() * b.len() <= EXACT_MEAN {
            let prior = partial.get(&(gi, gj)).copied();
            let pairs = (size[gi as usize] * size[gj as usize]) as f32;
            let (total, whole) =
                exact_total(a, b, &units, &pair_sim, prior, Some((pairs, threshold * 0.6)));
            if whole && a.len() * b.len() >= KEEP_TOTAL {
                partial.insert((gi, gj), (a.len(), b.len(), total));
            }
            total / pairs
        } else {
            sampled_mean(a, b, &units, &pair_sim)
        };
        if mean < threshold * 0.6 {
            rejected.insert(key, sizes);
            continue;
        }
        partial.remove(&(gi, gj));
        let moved = std::mem::take(&mut members[gj as usize]);
        for &m in &moved {
            group_of[m as usize] = gi;
        }
        members[gi as usize].extend(moved);
        let moved_docs = std::mem::take(&mut docs[gj as usize]);
        docs[gi as usize] = merge_sorted(&docs[gi as usize], &moved_docs);
        size[gi as usize] += std::mem::take(&mut size[gj as usize]);
    }
    members
        .into_iter()
        .filter(|m| !m.is_empty())
        .map(|m| {
            let mut all: Vec<u32> =
                m.iter().flat_map(|&u| units[u as usize].items.iter().copied()).collect();
            all.sort_unstable();
            let central = central(&all, &m, &units, &unit_of, &pair_sim);
            (all, central)
        })
        .collect()
}

/// Weighted terms (weights by their bits) and anchors: what makes two sentences one unit.
type UnitKey<'a> = (Vec<(u32, u32)>, &'a [u32]);

/// The units of `items`: identical term vectors of distinct documents share one.
fn collapse(items: &[Vector<'_>]) -> Vec<Unit> {
    // Key: the weighted terms (weights by their bits) and the anchors.
    let mut by_key: HashMap<UnitKey<'_>, (Vec<u32>, usize, u32)> = HashMap::new();
    let mut units: Vec<Unit> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        if it.terms.len() < 2 || it.norm <= 0.0 {
            units.push(Unit { items: vec![i as u32], alone: true });
            continue;
        }
        let key = (it.terms.iter().map(|&(t, w)| (t, w.to_bits())).collect(), it.anchors);
        // Per key: its units by occurrence in one document, the last document seen and how
        // many times the key occurred in it (items come in document order).
        let entry = by_key.entry(key).or_insert_with(|| (Vec::new(), usize::MAX, 0));
        let rank = if entry.1 == it.doc { entry.2 + 1 } else { 0 };
        entry.1 = it.doc;
        entry.2 = rank;
        if let Some(&u) = entry.0.get(rank as usize) {
            units[u as usize].items.push(i as u32);
        } else {
            entry.0.push(units.len() as u32);
            units.push(Unit { items: vec![i as u32], alone: false });
        }
    }
    units
}

/// The dot product of two sorted weighted term lists and how many terms they share, summed in
/// term order.
pub(super) fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> (f32, u16) {
    let (mut i, mut j) = (0, 0);
    let mut dot = 0f32;
    let mut shared = 0u16;
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                shared = shared.saturating_add(1);
                i += 1;
                j += 1;
            }
        }
    }
    (dot, shared)
}

/// Unit pairs `(similarity, u, v)` with `u < v` at or above `threshold`, most similar first
/// (ties in order of the units' first sentences); with `flagged`, only pairs with a flagged
/// unit.
fn candidate_pairs(
    items: &[Vector<'_>],
    units: &[Unit],
    threshold: f32,
    similarity: Similarity,
    flagged: Option<&[bool]>,
) -> Vec<(f32, u32, u32)> {
    let rep = |u: usize| &items[units[u].items[0] as usize];
    let n_terms = items.iter().flat_map(|it| it.terms.iter().map(|t| t.0 as usize + 1)).max();
    let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); n_terms.unwrap_or(0)];
    for (u, unit) in units.iter().enumerate() {
        if unit.alone {
            continue;
        }
        for &(t, w) in rep(u).terms {
            postings[t as usize].push((u as u32, w));
        }
    }
    // A unit that is one document's alone can pair with no other unit of only that document.
    let single_doc: Vec<Option<usize>> = units
        .iter()
        .map(|unit| {
            let d = items[unit.items[0] as usize].doc;
            unit.items.iter().all(|&i| items[i as usize].doc == d).then_some(d)
        })
        .collect();
    let mut pairs: Vec<(f32, u32, u32)> = Vec::new();
    let mut acc = vec![0f32; units.len()];
    let mut shared = vec![0u16; units.len()];
    let mut seen = vec![false; units.len()];
    let mut touched: Vec<u32> = Vec::new();
    let mut common: Vec<(u32, f32)> = Vec::new();
    let mut mine: Vec<(f32, u32, u32)> = Vec::new();
    for (u, unit) in units.iter().enumerate() {
        if unit.alone || flagged.is_some_and(|f| !f[u]) {
            continue;
        }
        let it = rep(u);
        common.clear();
        for &(t, w) in it.terms {
            // A flagged unit (a clause) proposes the units that share a name, a number or a
            // date with it; every pair is then scored exactly.
            if flagged.is_some() && it.anchors.binary_search(&t).is_err() {
                common.push((t, w));
                continue;
            }
            let list = &postings[t as usize];
            // Postings are in unit order: those after `u` start past its own entry.
            let from = list.partition_point(|p| p.0 as usize <= u);
            if list.len() <= RARE_POSTINGS {
                // A flagged unit also pairs with the unflagged units before it.
                // A flagged unit also pairs with the unflagged units before it (the flagged
                // ones paired with it from their side); its own entry is the one before `from`.
                let before = flagged.map_or(&[][..], |_| &list[..from.saturating_sub(1)]);
                let unflagged = |p: &&(u32, f32)| flagged.is_some_and(|f| !f[p.0 as usize]);
                for &(v, wv) in before.iter().filter(unflagged).chain(&list[from..]) {
                    let vi = v as usize;
                    if !seen[vi] {
                        seen[vi] = true;
                        touched.push(v);
                    }
                    acc[vi] += w * wv;
                    shared[vi] = shared[vi].saturating_add(1);
                }
            } else {
                common.push((t, w));
                for &(v, _) in list[from..].iter().take(COMMON_WINDOW) {
                    if !seen[v as usize] {
                        seen[v as usize] = true;
                        touched.push(v);
                    }
                }
            }
        }
        for &v in &touched {
            let vi = v as usize;
            let other = rep(vi);
            let (dot, sh) = if common.is_empty() {
                (acc[vi], shared[vi])
            } else {
                // Common terms were not followed: score the pair exactly, in term order.
                dot(it.terms, other.terms)
            };
            acc[vi] = 0.0;
            shared[vi] = 0;
            seen[vi] = false;
            if single_doc[u].is_some() && single_doc[u] == single_doc[vi] {
                continue;
            }
            let s = similarity(dot, sh, it, other);
            if s >= threshold {
                mine.push((s, (u as u32).min(v), (u as u32).max(v)));
            }
        }
        touched.clear();
        if mine.len() > NEIGHBOURS {
            mine.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)));
            mine.truncate(NEIGHBOURS);
        }
        pairs.append(&mut mine);
    }
    // Units are numbered in order of their first sentence, so unit order is sentence order.
    pairs.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    pairs
}

/// Every `len / k`-th index of `0..len`, at most `k` of them (all when `len <= k`).
fn spread(len: usize, k: usize) -> impl Iterator<Item = usize> {
    let step = len.div_ceil(k.max(1)).max(1);
    (0..len).step_by(step)
}

/// The sum of the similarities between the sentences of two groups of units, over every pair,
/// `a` major. `prior` is an earlier sum of the same groups in the same order, `(members of a,
/// members of b, sum)`: when `b` is unchanged and `a` grew, or `a` is one unit and `b` grew,
/// the sum goes on from it, adding in the order a sum from scratch would (the same result to
/// the bit). With `enough`, `(pairs, mean)`, the sum stops once its mean over `pairs` reaches
/// `mean` (similarities are never negative: the whole sum would too); the flag says whether
/// the sum is whole.
fn exact_total(
    a: &[u32],
    b: &[u32],
    units: &[Unit],
    sim: &impl Fn(u32, u32) -> f32,
    prior: Option<(usize, usize, f32)>,
    enough: Option<(f32, f32)>,
) -> (f32, bool) {
    // A unit of one sentence adds its similarity as the sentence-pair sum did.
    let pair = |x: u32, y: u32| {
        let w = units[x as usize].items.len() * units[y as usize].items.len();
        if w == 1 { sim(x, y) } else { w as f32 * sim(x, y) }
    };
    let (from_a, from_b, mut total) = match prior {
        Some((la, lb, t)) if lb == b.len() && la <= a.len() => (la, 0, t),
        Some((1, lb, t)) if a.len() == 1 && lb <= b.len() => (0, lb, t),
        _ => (0, 0, 0.0),
    };
    let (pairs, mean) = enough.unwrap_or((1.0, f32::INFINITY));
    for &x in &a[from_a..] {
        for &y in &b[from_b..] {
            total += pair(x, y);
            if total / pairs >= mean {
                return (total, false);
            }
        }
    }
    (total, true)
}

/// The mean similarity between the sentences of two groups of units, from evenly spaced units
/// of each (past [`EXACT_MEAN`] pairs).
fn sampled_mean(a: &[u32], b: &[u32], units: &[Unit], sim: &impl Fn(u32, u32) -> f32) -> f32 {
    // Evenly spaced units of each side, weighted by their sentences.
    let k = EXACT_MEAN.isqrt();
    let (mut total, mut weight) = (0f64, 0f64);
    for i in spread(a.len(), k) {
        let x = a[i];
        let wx = units[x as usize].items.len() as f64;
        for j in spread(b.len(), k) {
            let y = b[j];
            let w = wx * units[y as usize].items.len() as f64;
            total += w * f64::from(sim(x, y));
            weight += w;
        }
    }
    if weight > 0.0 { (total / weight) as f32 } else { 0.0 }
}

/// The position in `all` (a group's sentences, sorted) of the sentence most similar to the
/// others; the first such on a tie.
fn central(
    all: &[u32],
    group_units: &[u32],
    units: &[Unit],
    unit_of: &[u32],
    sim: &impl Fn(u32, u32) -> f32,
) -> usize {
    if all.len() <= EXACT_SENTENCES {
        // Every pair, in sentence order (the sum as the sentence-pair map gave it).
        let score = |p: usize| -> f32 {
            all.iter()
                .map(|&y| {
                    if y == all[p] {
                        0.0
                    } else {
                        sim(unit_of[all[p] as usize], unit_of[y as usize])
                    }
                })
                .sum()
        };
        return (0..all.len())
            .map(|p| (p, score(p)))
            .max_by(|(p, sp), (q, sq)| sp.total_cmp(sq).then(q.cmp(p)))
            .map_or(0, |(p, _)| p);
    }
    if group_units.len() <= EXACT_CENTRAL {
        // Every pair of units, each counted for its sentences: the same sums as every pair of
        // sentences, a unit's copies computed once.
        let weight = |u: u32| units[u as usize].items.len() as f64;
        let mut best: Option<(f64, u32)> = None;
        for &x in group_units {
            let score: f64 = group_units
                .iter()
                .map(|&y| {
                    let copies = if y == x { weight(y) - 1.0 } else { weight(y) };
                    copies * f64::from(sim(x, y))
                })
                .sum();
            let first = units[x as usize].items[0];
            let better = best.is_none_or(|(s, f)| {
                score.total_cmp(&s).then(units[f as usize].items[0].cmp(&first)).is_gt()
            });
            if better {
                best = Some((score, x));
            }
        }
        let first = best.map_or(all[0], |(_, x)| units[x as usize].items[0]);
        return all.binary_search(&first).unwrap_or(0);
    }
    // Per unit: its copies count as the other sentences they are.
    let k = CENTRAL_SAMPLE;
    let mut best: Option<(f64, u32)> = None;
    for &x in group_units {
        let own = units[x as usize].items.len() as f64;
        let mut score = (own - 1.0) * f64::from(sim(x, x));
        for j in spread(group_units.len(), k) {
            let y = group_units[j];
            if y != x {
                score += units[y as usize].items.len() as f64 * f64::from(sim(x, y));
            }
        }
        let first = units[x as usize].items[0];
        let better = match best {
            None => true,
            Some((s, f)) => {
                score.total_cmp(&s).then(units[f as usize].items[0].cmp(&first)).is_gt()
            }
        };
        if better {
            best = Some((score, x));
        }
    }
    let first = best.map_or(all[0], |(_, x)| units[x as usize].items[0]);
    all.binary_search(&first).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use foldhash::{HashMap, HashMapExt};

    use super::*;

    /// The aligner before units and candidate limits: every pair of sentences of different
    /// documents that share a term is scored and kept.
    fn all_pairs(items: &[Vector<'_>], threshold: f32) -> Vec<(Vec<u32>, usize)> {
        let n = items.len();
        let mut sims: HashMap<(usize, usize), f32> = HashMap::new();
        let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
        for i in 0..n {
            for j in i + 1..n {
                if items[i].doc == items[j].doc {
                    continue;
                }
                let (d, shared) = dot(items[i].terms, items[j].terms);
                if shared == 0 {
                    continue;
                }
                let s = super::super::similarity(d, shared, &items[i], &items[j]);
                if s >= threshold * 0.5 {
                    sims.insert((i, j), s);
                }
                if s >= threshold {
                    pairs.push((s, i, j));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let sim = |a: usize, b: usize| sims.get(&(a.min(b), a.max(b))).copied().unwrap_or(0.0);
        let mut group_of: Vec<usize> = (0..n).collect();
        let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
        for (_, i, j) in pairs {
            let (gi, gj) = (group_of[i], group_of[j]);
            if gi == gj {
                continue;
            }
            let (a, b) = (&members[gi], &members[gj]);
            if a.iter().any(|&x| b.iter().any(|&y| items[x].doc == items[y].doc)) {
                continue;
            }
            let total: f32 = a
                .iter()
                .flat_map(|&x| b.iter().map(move |&y| (x, y)))
                .fold(0.0, |t, (x, y)| t + sim(x, y));
            if total / ((a.len() * b.len()) as f32) < threshold * 0.6 {
                continue;
            }
            let moved = std::mem::take(&mut members[gj]);
            for &m in &moved {
                group_of[m] = gi;
            }
            members[gi].extend(moved);
        }
        let mut out: Vec<(Vec<u32>, usize)> = members
            .into_iter()
            .filter(|m| !m.is_empty())
            .map(|mut m| {
                m.sort_unstable();
                let score = |p: usize| -> f32 {
                    m.iter().map(|&y| if y == m[p] { 0.0 } else { sim(m[p], y) }).sum()
                };
                let central = (0..m.len())
                    .max_by(|&p, &q| score(p).total_cmp(&score(q)).then(q.cmp(&p)))
                    .unwrap_or(0);
                (m.into_iter().map(|x| x as u32).collect(), central)
            })
            .collect();
        out.sort();
        out
    }

    type Sentence = (Vec<(u32, f32)>, Vec<u32>);

    fn vectors(docs: &[(usize, Sentence)]) -> Vec<Vector<'_>> {
        docs.iter()
            .map(|(doc, (terms, anchors))| Vector {
                doc: *doc,
                terms,
                anchors,
                norm: terms.iter().map(|t| t.1 * t.1).sum::<f32>().sqrt(),
                negated: false,
            })
            .collect()
    }

    fn sentence(ids: &[u32]) -> Sentence {
        let mut terms: Vec<(u32, f32)> =
            ids.iter().map(|&t| (t, 0.4 + (t % 5) as f32 * 0.3)).collect();
        terms.sort_by_key(|t| t.0);
        terms.dedup_by_key(|t| t.0);
        let anchors = terms.iter().map(|t| t.0).filter(|&t| t < 3).collect();
        (terms, anchors)
    }

    fn cosine(dot: f32, shared: u16, x: &Vector<'_>, y: &Vector<'_>) -> f32 {
        if shared < 2 { 0.0 } else { dot / (x.norm * y.norm) }
    }

    fn vector<'a>(doc: usize, terms: &'a [(u32, f32)], anchors: &'a [u32]) -> Vector<'a> {
        let norm = terms.iter().map(|t| t.1 * t.1).sum::<f32>().sqrt();
        Vector { doc, terms, anchors, norm, negated: false }
    }

    #[test]
    fn seeded_groups_grow_from_a_flagged_item() {
        let a = [(1, 1.0), (2, 1.0), (3, 1.0)];
        let b = [(1, 1.0), (2, 1.0), (3, 0.9)];
        let c = [(1, 1.0), (2, 1.0), (3, 1.0), (4, 0.5)];
        let items = [vector(0, &a, &[1]), vector(1, &b, &[1]), vector(2, &c, &[1])];
        let groups = |seeds: Option<&[bool]>| -> Vec<Vec<u32>> {
            align(&items, 0.3, cosine, seeds).into_iter().map(|g| g.0).collect()
        };
        // Unseeded, the three are one claim; seeded from none, nothing pairs; seeded from the
        // third, it pairs with both and brings them along.
        assert_eq!(groups(None), [vec![0, 1, 2]]);
        assert_eq!(groups(Some(&[false, false, false])), [vec![0], vec![1], vec![2]]);
        assert_eq!(groups(Some(&[false, false, true])), [vec![0, 1, 2]]);
    }

    #[test]
    fn copies_are_one_unit_and_one_claim() {
        // Three documents, each with the same two sentences: two claims of three renderings.
        let a = sentence(&[1, 4, 7, 9]);
        let b = sentence(&[2, 5, 11]);
        let docs: Vec<(usize, Sentence)> =
            (0..3).flat_map(|d| [(d, a.clone()), (d, b.clone())]).collect();
        let items = vectors(&docs);
        assert_eq!(collapse(&items).len(), 2);
        let mut got = align(&items, 0.3, super::super::similarity, None);
        got.sort();
        assert_eq!(got, [(vec![0, 2, 4], 0), (vec![1, 3, 5], 0)]);
        assert_eq!(got, all_pairs(&items, 0.3));
    }

    #[test]
    fn a_sentence_repeated_in_one_document_makes_two_units() {
        let a = sentence(&[1, 4, 7]);
        let docs = vec![(0, a.clone()), (0, a.clone()), (1, a.clone()), (1, a)];
        let items = vectors(&docs);
        assert_eq!(collapse(&items).len(), 2);
        let mut got = align(&items, 0.3, super::super::similarity, None);
        got.sort();
        assert_eq!(got, all_pairs(&items, 0.3));
    }

    proptest::proptest! {
        /// A sum over two groups that goes on from an earlier one (the first group grown, or
        /// the second grown against one unit) is the sum from scratch, to the bit.
        #[test]
        fn a_sum_goes_on_from_the_earlier_one(
            copies in proptest::collection::vec(1usize..4, 4..40),
            cut in 0usize..40,
            seed in 0u32..1000,
        ) {
            let units: Vec<Unit> = copies
                .iter()
                .map(|&k| Unit { items: (0..k as u32).collect(), alone: false })
                .collect();
            // Similarities that round differently in different orders.
            let sim = |a: u32, b: u32| ((a * 31 + b * 17 + seed) % 97) as f32 / 97.0 + 1e-3 / (1 + a + b) as f32;
            let n = units.len() as u32;
            let (a, b): (Vec<u32>, Vec<u32>) = (0..n).partition(|u| u % 3 != 0);
            let cut_a = cut % (a.len() + 1);
            let early = exact_total(&a[..cut_a], &b, &units, &sim, None, None).0;
            let grown = exact_total(&a, &b, &units, &sim, Some((cut_a, b.len(), early)), None).0;
            proptest::prop_assert_eq!(grown.to_bits(), exact_total(&a, &b, &units, &sim, None, None).0.to_bits());
            let one = [a[0]];
            let cut_b = cut % (b.len() + 1);
            let early = exact_total(&one, &b[..cut_b], &units, &sim, None, None).0;
            let grown = exact_total(&one, &b, &units, &sim, Some((1, cut_b, early)), None).0;
            proptest::prop_assert_eq!(grown.to_bits(), exact_total(&one, &b, &units, &sim, None, None).0.to_bits());
            // A sum stopped once its mean reaches a bound decides as the whole sum does.
            let pairs = (a.len() * b.len()) as f32;
            let whole = exact_total(&a, &b, &units, &sim, None, None).0;
            for bound in [0.1f32, 0.3, 0.5, 0.7] {
                let (part, done) = exact_total(&a, &b, &units, &sim, None, Some((pairs, bound)));
                proptest::prop_assert_eq!(part / pairs >= bound, whole / pairs >= bound);
                proptest::prop_assert!(done || part <= whole);
            }
            // Both grown: the earlier sum is of no use and is not used.
            if cut_a >= 2 && cut_b < b.len() {
                let early = exact_total(&a[..cut_a], &b[..cut_b], &units, &sim, None, None).0;
                let both = exact_total(&a, &b, &units, &sim, Some((cut_a, cut_b, early)), None).0;
                proptest::prop_assert_eq!(both.to_bits(), exact_total(&a, &b, &units, &sim, None, None).0.to_bits());
            }
        }

        /// A group of many sentences chooses its central member from its units, weighted by
        /// their copies: the sentence every pair of sentences would choose.
        #[test]
        fn central_of_units_matches_every_sentence_pair(
            copies in proptest::collection::vec(1usize..12, 2..30),
            seed in 0u32..1000,
        ) {
            let mut units: Vec<Unit> = Vec::new();
            let mut unit_of: Vec<u32> = Vec::new();
            for (u, &k) in copies.iter().enumerate() {
                let items = (0..k).map(|_| { unit_of.push(u as u32); (unit_of.len() - 1) as u32 }).collect();
                units.push(Unit { items, alone: false });
            }
            // Similarities in eighths: every sum is exact, whatever its order.
            let sim = |a: u32, b: u32| -> f32 {
                if a == b { 1.0 } else { ((a * 7 + b * 7 + seed) % 8) as f32 / 8.0 }
            };
            let all: Vec<u32> = (0..unit_of.len() as u32).collect();
            let group: Vec<u32> = (0..units.len() as u32).collect();
            let score = |p: usize| -> f32 {
                all.iter().filter(|&&y| y != all[p]).map(|&y| sim(unit_of[p], unit_of[y as usize])).sum()
            };
            let want = (0..all.len())
                .max_by(|&p, &q| score(p).total_cmp(&score(q)).then(q.cmp(&p)))
                .unwrap_or(0);
            proptest::prop_assert_eq!(central(&all, &group, &units, &unit_of, &sim), want);
        }

        /// Below the candidate limits, units and on-demand similarities change nothing.
        #[test]
        fn matches_the_all_pairs_aligner(
            picks in proptest::collection::vec((0usize..6, 0usize..8, proptest::collection::vec(0u32..14, 1..7)), 1..40),
            threshold in 0.2f32..0.6,
        ) {
            // Half the sentences come from a small shared pool, so copies are common.
            let pool: Vec<Sentence> = (0..8u32).map(|k| sentence(&[k, k + 3, (k * 5) % 14, 13 - k])).collect();
            let mut docs: Vec<(usize, Sentence)> = picks
                .iter()
                .map(|(doc, k, own)| (*doc, if *k < 4 { pool[*k].clone() } else { sentence(own) }))
                .collect();
            docs.sort_by_key(|d| d.0);
            let items = vectors(&docs);
            let mut got = align(&items, threshold, super::super::similarity, None);
            got.sort();
            proptest::prop_assert_eq!(got, all_pairs(&items, threshold));
        }
    }
}
