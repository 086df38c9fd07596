//! Attachment: an outlet's clause joins the claim of its fact when its sentence went to
//! another claim.
//!
//! ## What it does
//!
//! Sentence alignment puts each sentence in one claim. After it, every clause of a sentence of
//! several (see `clauses`) is compared with the members of the claims of two sentences or more
//! that hold no sentence of its article: a claim with a member at least as similar as the
//! threshold, and whose members are on average about as similar as a merged group must be (the
//! coherence bound of the alignment, a little stricter: [`MEAN_SHARE`]), takes the clause as its article's rendering. An article
//! joins a claim through its most similar clause only, so a claim still holds one rendering per
//! article. Candidates are the members that share a name, a number or a date with the clause (an
//! anchor term held by at most [`RARE_POSTINGS`] members);
//! the average is taken over at most [`MEAN_SAMPLE`] members, evenly spaced.
//!
//! ## Why
//!
//! A lead sentence carries two or three facts: aligned whole, it supports one of them, and the
//! other facts' claims miss that outlet. Its clauses, each compared with one fact's renderings,
//! give it back as a supporter of each.
//!
//! ## Example
//!
//! `The ferry Orla ran aground off Tesk on Friday, and all 40 passengers were taken ashore.`
//! joins the claim of the grounding; its clause `and all 40 passengers were taken ashore` then
//! joins the claim of `All 40 passengers of the Orla were brought ashore.` and `The 40
//! passengers were taken ashore in lifeboats.` as well.
//!
//! ## Limitations
//!
//! Clauses join claims of two sentences or more only (a fact stated in clauses alone is left to
//! the clause alignment), and a clause that names nothing (`which sank`) rarely reaches the
//! threshold.
//!
//! ## References
//!
//! Average-linkage assignment of new points to existing clusters; inverted-index candidate
//! generation as in the alignment.

use foldhash::{HashMap, HashMapExt};

use super::bounded::{Similarity, Vector, dot};

/// Anchor terms held by more members than this do not propose candidates (they still count
/// in the similarity).
const RARE_POSTINGS: usize = 256;
/// The share of the threshold a clause's average similarity to a claim's members must reach:
/// stricter than a merge's coherence bound (0.6), as a clause joins a claim it did not form.
const MEAN_SHARE: f32 = 0.8;
/// The most members a clause's average similarity to a claim is taken over.
const MEAN_SAMPLE: usize = 64;

/// For the items `pieces` (clauses), the groups of `groups` (item indexes, each group's items of
/// distinct documents) each joins: `(group, item)`, at most one item per group and document, in
/// group then item order.
pub(super) fn attach(
    items: &[Vector<'_>],
    pieces: &[usize],
    groups: &[Vec<usize>],
    threshold: f32,
    similarity: Similarity,
) -> Vec<(usize, usize)> {
    let sim = |a: &Vector<'_>, b: &Vector<'_>| {
        let (dot, shared) = dot(a.terms, b.terms);
        similarity(dot, shared, a, b)
    };
    let n_terms = items.iter().flat_map(|it| it.anchors.iter().map(|&t| t as usize + 1)).max();
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); n_terms.unwrap_or(0)];
    let mut group_of: Vec<usize> = vec![usize::MAX; items.len()];
    for (g, members) in groups.iter().enumerate().filter(|(_, m)| m.len() >= 2) {
        for &m in members {
            group_of[m] = g;
            for &t in items[m].anchors {
                postings[t as usize].push(m as u32);
            }
        }
    }
    // Per (group, document), the best clause and its average similarity.
    let mut best: HashMap<(usize, usize), (f32, usize)> = HashMap::new();
    let mut candidates: Vec<u32> = Vec::new();
    let mut tried: Vec<usize> = Vec::new();
    for &x in pieces {
        let it = &items[x];
        candidates.clear();
        for &t in it.anchors {
            let Some(list) = postings.get(t as usize) else { continue };
            if list.len() <= RARE_POSTINGS {
                candidates.extend_from_slice(list);
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        tried.clear();
        for &y in &candidates {
            let g = group_of[y as usize];
            if tried.contains(&g) || sim(it, &items[y as usize]) < threshold {
                continue;
            }
            tried.push(g);
            let members = &groups[g];
            if members.iter().any(|&m| items[m].doc == it.doc) {
                continue;
            }
            let step = members.len().div_ceil(MEAN_SAMPLE);
            let sample: Vec<usize> = members.iter().step_by(step).copied().collect();
            let mean =
                sample.iter().map(|&m| sim(it, &items[m])).sum::<f32>() / sample.len() as f32;
            if mean < threshold * MEAN_SHARE {
                continue;
            }
            let slot = best.entry((g, it.doc)).or_insert((mean, x));
            if mean > slot.0 {
                *slot = (mean, x);
            }
        }
    }
    let mut out: Vec<(usize, usize)> = best.into_iter().map(|((g, _), (_, x))| (g, x)).collect();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every term an anchor: candidates come from anchors.
    const ANCHORS: [u32; 9] = [1, 2, 3, 4, 5, 6, 7, 8, 9];

    fn vector(doc: usize, terms: &[(u32, f32)]) -> Vector<'_> {
        let norm = terms.iter().map(|t| t.1 * t.1).sum::<f32>().sqrt();
        Vector { doc, terms, anchors: &ANCHORS, norm, negated: false }
    }

    fn cosine(dot: f32, shared: u16, a: &Vector<'_>, b: &Vector<'_>) -> f32 {
        if shared < 2 { 0.0 } else { dot / (a.norm * b.norm) }
    }

    #[test]
    fn a_clause_joins_the_claim_of_its_fact_once_per_article() {
        // Terms: 1-3 the grounding, 4-6 the passengers, 7 a word of neither.
        let (g1, g2) = ([(1, 1.0), (2, 1.0), (3, 1.0)], [(1, 1.0), (2, 1.0), (3, 1.0), (7, 1.0)]);
        let (p1, p2) = ([(4, 1.0), (5, 1.0), (6, 1.0)], [(4, 1.0), (5, 1.0), (6, 1.0), (7, 0.5)]);
        // Document 2's clause of the passengers, and a weaker one of the same document.
        let (c, weak) = ([(4, 1.0), (5, 1.0), (6, 1.0)], [(4, 1.0), (5, 1.0), (7, 1.0)]);
        let items = [
            vector(0, &g1),
            vector(1, &g2),
            vector(0, &p1),
            vector(1, &p2),
            vector(2, &c),
            vector(2, &weak),
        ];
        let groups = vec![vec![0, 1], vec![2, 3]];
        assert_eq!(attach(&items, &[4, 5], &groups, 0.3, cosine), [(1, 4)]);
    }

    #[test]
    fn a_clause_joins_no_claim_of_its_own_article_nor_an_unlike_one() {
        let (a, b) = ([(1, 1.0), (2, 1.0), (3, 1.0)], [(1, 1.0), (2, 1.0), (3, 1.0)]);
        let (own, other) = ([(1, 1.0), (2, 1.0), (3, 1.0)], [(8, 1.0), (9, 1.0), (3, 0.1)]);
        let items = [vector(0, &a), vector(1, &b), vector(1, &own), vector(2, &other)];
        assert!(attach(&items, &[2, 3], &[vec![0, 1]], 0.3, cosine).is_empty());
    }
}
