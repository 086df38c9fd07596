//! Helpers the conflict rules share: grouping statements into facts, splitting values into
//! sides, the clause around a span.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::collections::{BTreeMap, BTreeSet};
use std::hash::Hash;

use crosscheck_core::{DocId, Span};
use crosscheck_text::Stemmer;
use crosscheck_text::lexicon::{Lexicon, List};

use crate::analysis::events::content_stem;
use crate::analysis::words::fold;
use crate::analysis::{Context, Doc, Gap};
use crate::entities::linkage::single_linkage_among;
use crate::story::{ConflictSide, SourceSpan};
use crate::timeline::{Dated, consistent};
use crosscheck_text::dates::TimeValue;

/// Groups `ids` into facts: single-linkage over pairs of different reports that `alike` says
/// tell the same fact. Groups of one report are dropped. `alike` needs two statements to share
/// at least `min_shared` of their `keys` (interned, sorted): only the pairs that do are
/// compared, found from an index of the keys (a story of thousands of reports has thousands
/// of statements of one slot).
pub(crate) fn same_fact_among(
    ctx: &Context<'_>,
    ids: &[usize],
    doc: impl Fn(usize) -> usize,
    keys: impl Fn(usize) -> Vec<u32>,
    min_shared: usize,
    alike: impl Fn(usize, usize) -> bool,
) -> Vec<Vec<usize>> {
    let keys: Vec<Vec<u32>> = ids.iter().map(|&i| keys(i)).collect();
    let mut postings: HashMap<u32, Vec<usize>> = HashMap::new();
    for (x, k) in keys.iter().enumerate() {
        for &t in k {
            postings.entry(t).or_default().push(x);
        }
    }
    let mut shared = vec![0usize; ids.len()];
    let groups = single_linkage_among(
        ids.len(),
        |x| {
            let mut out = Vec::new();
            for t in &keys[x] {
                let list = &postings[t];
                for &y in &list[list.partition_point(|&y| y <= x)..] {
                    shared[y] += 1;
                    if shared[y] == min_shared.max(1) {
                        out.push(y);
                    }
                }
            }
            for t in &keys[x] {
                let list = &postings[t];
                for &y in &list[list.partition_point(|&y| y <= x)..] {
                    shared[y] = 0;
                }
            }
            out.sort_unstable();
            out
        },
        |x, y| {
            let (a, b) = (ids[x], ids[y]);
            ctx.canon[doc(a)] != ctx.canon[doc(b)] && alike(a, b)
        },
    );
    groups
        .into_iter()
        .map(|g| g.into_iter().map(|x| ids[x]).collect::<Vec<_>>())
        .filter(|g| g.iter().map(|&i| ctx.canon[doc(i)]).collect::<BTreeSet<_>>().len() > 1)
        .collect()
}

/// Splits `items` into sides of mutually compatible values, first fit: each item joins the
/// first side all of whose members are `compatible(member, item)`, or opens a new side.
///
/// `compatible` must depend only on the two items' `key`s: each side is then checked against
/// its distinct keys, not its members, and a key never goes back to a side it was refused by
/// (sides only grow), so a story of thousands of statements of a few values costs linear time.
/// The sides are the ones the member-by-member first fit gives.
pub(crate) fn first_fit_sides<'a, T, K: Eq + Hash>(
    items: &[&'a T],
    key: impl Fn(&T) -> K,
    compatible: impl Fn(&T, &T) -> bool,
) -> Vec<Vec<&'a T>> {
    // Keys interned in order of first appearance, each with its first item.
    let mut ids: HashMap<K, usize> = HashMap::new();
    let mut reps: Vec<&T> = Vec::new();
    let kids: Vec<usize> = items
        .iter()
        .map(|&it| {
            *ids.entry(key(it)).or_insert_with(|| {
                reps.push(it);
                reps.len() - 1
            })
        })
        .collect();
    let mut sides: Vec<Vec<&T>> = Vec::new();
    // The distinct keys of each side, in order of arrival.
    let mut side_keys: Vec<Vec<usize>> = Vec::new();
    // The first side a key may still join: the ones before refused it for good.
    let mut from = vec![0usize; reps.len()];
    // How many of a side's keys a key was found compatible with.
    let mut checked: HashMap<(usize, usize), usize> = HashMap::new();
    let mut held: HashSet<(usize, usize)> = HashSet::new();
    for (&it, &k) in items.iter().zip(&kids) {
        let mut s = from[k];
        while s < sides.len() {
            let done = checked.get(&(s, k)).copied().unwrap_or(0);
            if side_keys[s][done..].iter().all(|&o| compatible(reps[o], reps[k])) {
                checked.insert((s, k), side_keys[s].len());
                break;
            }
            s += 1;
        }
        from[k] = s;
        if s == sides.len() {
            sides.push(Vec::new());
            side_keys.push(Vec::new());
        }
        sides[s].push(it);
        if held.insert((s, k)) {
            side_keys[s].push(k);
        }
    }
    sides
}

/// Splits values into sides of mutually compatible values (see [`first_fit_sides`], whose
/// contract `key` follows); `None` unless two sides come from different reports.
pub(crate) fn split_sides<T, K: Eq + Hash>(
    ctx: &Context<'_>,
    items: &[&T],
    key: impl Fn(&T) -> K,
    compatible: impl Fn(&T, &T) -> bool,
    label: impl Fn(&T) -> String,
    at: impl Fn(&T) -> (usize, Span),
) -> Option<Vec<ConflictSide>> {
    let sides = first_fit_sides(items, key, compatible);
    if sides.len() < 2 {
        return None;
    }
    let reports =
        |s: &Vec<&T>| -> BTreeSet<usize> { s.iter().map(|t| ctx.canon[at(t).0]).collect() };
    let all_reports: BTreeSet<usize> = sides.iter().flat_map(reports).collect();
    if all_reports.len() < 2 {
        return None;
    }
    let mut out: Vec<(usize, ConflictSide)> = sides
        .iter()
        .map(|s| {
            // The most common label of the side.
            let mut labels: BTreeMap<String, usize> = BTreeMap::new();
            for t in s {
                *labels.entry(label(t)).or_default() += 1;
            }
            let value = labels
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(l, _)| l.clone())
                .unwrap_or_default();
            let mut docs: Vec<usize> = s.iter().map(|t| at(t).0).collect();
            docs.sort_unstable();
            docs.dedup();
            let articles: Vec<DocId> =
                docs.iter().map(|&d| ctx.docs[d].article.id.clone()).collect();
            let mut evidence: Vec<(usize, Span)> = s.iter().map(|t| at(t)).collect();
            evidence.sort_by_key(|e| (e.0, e.1.start));
            evidence.dedup();
            let evidence = evidence
                .into_iter()
                .filter_map(|(d, sp)| SourceSpan::from_text(ctx.docs[d].article, sp))
                .collect();
            (
                reports(s).len(),
                ConflictSide { value, articles, evidence, outlets: None, origins: None },
            )
        })
        .collect();
    out.sort_by_key(|s| std::cmp::Reverse(s.0));
    Some(out.into_iter().map(|s| s.1).collect())
}

/// One side of a conflict: `value` and the statements `found` (a doc and its evidence span)
/// that give it, with each doc's article once, in doc order; paired with that number of docs,
/// by which the sides are ordered.
pub(crate) fn side_of(
    ctx: &Context<'_>,
    value: String,
    found: impl IntoIterator<Item = (usize, Span)>,
) -> (usize, ConflictSide) {
    let found: Vec<(usize, Span)> = found.into_iter().collect();
    let mut docs: Vec<usize> = found.iter().map(|f| f.0).collect();
    docs.sort_unstable();
    docs.dedup();
    let articles = docs.iter().map(|&d| ctx.docs[d].article.id.clone()).collect();
    let evidence = found
        .iter()
        .filter_map(|&(d, sp)| SourceSpan::from_text(ctx.docs[d].article, sp))
        .collect();
    (docs.len(), ConflictSide { value, articles, evidence, outlets: None, origins: None })
}

/// Whether word `j` of `d` negates (`not`, `never`, `didn't`): a negation of the language,
/// or a word that ends with a negating ending.
pub(crate) fn negates(d: &Doc<'_>, j: usize, lx: &Lexicon) -> bool {
    let t = d.text(d.words[j].span);
    lx.has(List::Negations, &d.words[j].key)
        || lx.words(List::NegatingEndings).any(|e| t.ends_with(e))
}

/// The content stems of the clause around `span` (the words up to the nearest comma or other
/// punctuation on each side, names left out), or of the next clause when that one has none
/// (`In 1957, Gigante was …`). Two dates date one event only when their clauses share a word:
/// the verb or noun the date belongs to.
pub(crate) fn clause_stems(
    d: &Doc<'_>,
    sent: usize,
    span: Span,
    stemmer: &Stemmer,
) -> BTreeSet<String> {
    let hi = d.sents[sent].words.end as usize;
    let lang = d.article.language;
    let inside = |i: usize| d.overlaps(i, span);
    let Some(clause) = d.clause_around(sent, span) else {
        return BTreeSet::new();
    };
    let (a, mut b) = (clause.start, clause.end);
    let stems = |range: std::ops::Range<usize>| -> BTreeSet<String> {
        range
            .filter(|&i| !inside(i) && (!d.words[i].cap || d.words[i].first))
            .filter_map(|i| content_stem(&d.words[i].key, lang, stemmer))
            .collect()
    };
    let mut out = stems(a..b);
    // A fronted date ("In 1957, …", "On Monday, …") belongs to the clause after it.
    let mut extra = 0;
    while out.is_empty() && b < hi && extra < 2 {
        let mut e = b + 1;
        while e < hi && d.words[e].gap == Gap::Space {
            e += 1;
        }
        out = stems(b..e);
        b = e;
        extra += 1;
    }
    out
}

/// The first `n` words of `s`, with an ellipsis when cut.
pub(crate) fn short(s: &str, n: usize) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() <= n { words.join(" ") } else { format!("{}\u{2026}", words[..n].join(" ")) }
}

/// Whether two dates of one event agree: consistent values, or the same relative words
/// (`Thursday` and `Thursday`), which say the same thing whatever the reference dates they
/// were resolved against (a wrong publication date moves one of them).
pub(super) fn agree(a: &Dated, b: &Dated) -> bool {
    consistent(&a.mention.value, &b.mention.value)
        || (a.mention.relative
            && b.mention.relative
            && fold(&a.mention.text) == fold(&b.mention.text))
}

/// What [`agree`] reads of a date: its value, and its folded words when relative.
pub(super) fn agree_key(d: &Dated) -> (TimeValue, Option<String>) {
    (d.mention.value, d.mention.relative.then(|| fold(&d.mention.text)))
}

#[cfg(test)]
mod tests {
    use super::first_fit_sides;

    /// The member-by-member first fit `first_fit_sides` replaced.
    fn naive(items: &[&(u32, usize)], ok: &dyn Fn(u32, u32) -> bool) -> Vec<Vec<usize>> {
        let mut sides: Vec<Vec<&(u32, usize)>> = Vec::new();
        for &it in items {
            match sides.iter_mut().find(|s| s.iter().all(|o| ok(o.0, it.0))) {
                Some(s) => s.push(it),
                None => sides.push(vec![it]),
            }
        }
        sides.into_iter().map(|s| s.into_iter().map(|t| t.1).collect()).collect()
    }

    #[test]
    fn first_fit_by_keys_gives_the_member_by_member_sides() {
        // A small linear congruential generator: reproducible items and compatibility tables,
        // symmetric or not, reflexive or not.
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move |m: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % m
        };
        let mut distinct_outcomes = std::collections::BTreeSet::new();
        for round in 0..200 {
            let keys = 1 + next(7) as u32;
            let table: Vec<bool> = (0..keys * keys).map(|_| next(3) > 0).collect();
            let ok = |a: u32, b: u32| {
                if round % 2 == 0 {
                    table[(a * keys + b) as usize]
                } else {
                    table[(a.min(b) * keys + a.max(b)) as usize]
                }
            };
            let n = next(40) as usize;
            let items: Vec<(u32, usize)> =
                (0..n).map(|i| (next(u64::from(keys)) as u32, i)).collect();
            let refs: Vec<&(u32, usize)> = items.iter().collect();
            let fast: Vec<Vec<usize>> = first_fit_sides(&refs, |t| t.0, |a, b| ok(a.0, b.0))
                .into_iter()
                .map(|s| s.into_iter().map(|t| t.1).collect())
                .collect();
            let slow = naive(&refs, &ok);
            assert_eq!(fast, slow, "round {round}");
            distinct_outcomes.insert(slow.len());
        }
        // The rounds cover one side, several sides and none.
        assert!(distinct_outcomes.len() > 5, "{distinct_outcomes:?}");
    }
}
