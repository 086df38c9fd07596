//! Helpers the conflict rules share: grouping statements into facts, splitting values into
//! sides, the clause around a span.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crosscheck_core::{DocId, Span};
use crosscheck_text::Stemmer;
use crosscheck_text::lexicon::{Lexicon, List};

use crate::analysis::events::content_stem;
use crate::analysis::{Context, Doc, Gap};
use crate::entities::linkage::single_linkage_among;
use crate::story::{ConflictSide, SourceSpan};

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

/// Splits values into sides of mutually compatible values; `None` unless two sides come from
/// different reports.
pub(crate) fn split_sides<T>(
    ctx: &Context<'_>,
    items: &[&T],
    compatible: impl Fn(&T, &T) -> bool,
    label: impl Fn(&T) -> String,
    at: impl Fn(&T) -> (usize, Span),
) -> Option<Vec<ConflictSide>> {
    let mut sides: Vec<Vec<&T>> = Vec::new();
    for &it in items {
        match sides.iter_mut().find(|s| s.iter().all(|o| compatible(o, it))) {
            Some(s) => s.push(it),
            None => sides.push(vec![it]),
        }
    }
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
