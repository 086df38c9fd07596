//! Copies collapsed and large stories sampled before any stage of fusion runs.
//!
//! ## What it does
//!
//! Articles with the same text, raw content, title, language and publication date are exact
//! copies (a wire report reprinted, one page fetched twice): only the first is analysed, and
//! every claim, quote, entity mention, conflict side and timeline entry that cites it then cites
//! each copy too, at the same offsets. A copy counts as a duplicate of the first, whether or not
//! dedup marked it, so it adds no support.
//!
//! Then the near-copies dedup found (the same report with a changed byline, a menu line, a
//! trimmed or reworded sentence) are collapsed onto the article they copy where that is safe:
//! see the `near` heuristic. Both kinds stay listed, renderings and outlets of what they say.
//!
//! When more distinct articles remain than the fuser's budget
//! ([`FuserBuilder::max_articles`](crate::FuserBuilder::max_articles)), the story is fused from
//! an evenly spaced sample of them, in story order, and says so in
//! [`FusedStory::sampled`](crate::FusedStory::sampled); the other articles stay listed.
//!
//! ## Why
//!
//! Copies add nothing to compare but cost every stage its full work: 2,000 copies of one article
//! took 8.4 GB and two minutes, and near-copies cost the same. A story too large for the budget is still fused, from a sample
//! whose rule the report states, rather than left unfused.
//!
//! ## Example
//!
//! 2,000 copies of one article are fused as one article; each claim then has 2,000 renderings
//! and a support of 1. 2,000 reprints of it, each with its own byline and one paragraph
//! dropped, are fused as one article and 2,000 bylines.
//!
//! ## Limitations
//!
//! Near-copies that the `near` heuristic does not collapse (another publication date, too much
//! text of their own) are analysed in full; claim alignment then groups their sentences.
//! Statistics that count articles (the word weights of claims, the most common spelling of a
//! name) count an exact copy once.
//!
//! ## References
//!
//! Exact duplicate elimination by content key, as in crawl deduplication.

mod near;

use foldhash::{HashMap, HashMapExt};

use crosscheck_core::{Article, Date, DocId, Lang};

use crate::story::{FusedStory, Sample, SourceSpan};

pub(crate) use near::NearCopy;

/// How the story's articles are read.
#[derive(Debug)]
pub(crate) struct Reduction {
    /// The articles that are analysed in full (indexes into the story), in story order.
    pub(crate) kept: Vec<usize>,
    /// Per kept article, the story indexes of its exact copies (itself excluded), in order.
    pub(crate) copies: Vec<Vec<usize>>,
    /// Per kept article, its collapsed near-copies, in story order.
    pub(crate) near: Vec<Vec<NearCopy>>,
    /// Per story article, the kept article it is read as: itself, the first of its copies, the
    /// article it near-copies, or `None` when sampling left it out.
    pub(crate) read_as: Vec<Option<usize>>,
    /// Set when a sample was taken.
    pub(crate) sampled: Option<Sample>,
}

type Key<'a> = (&'a str, &'a str, Option<&'a str>, Lang, Option<Date>);

impl Reduction {
    /// Collapses the exact copies of `articles`, then (when `near` is set) the near-copies
    /// among what remains (each article's dedup root in `roots`), and samples what remains
    /// down to `budget`.
    pub(crate) fn new(
        articles: &[&Article],
        roots: &[usize],
        budget: usize,
        near: bool,
    ) -> Reduction {
        let mut firsts: HashMap<Key<'_>, Vec<usize>> = HashMap::new();
        let mut first_of: Vec<usize> = Vec::with_capacity(articles.len());
        let mut distinct: Vec<usize> = Vec::new();
        for (i, a) in articles.iter().enumerate() {
            let key = (a.text.as_str(), &*a.raw, a.title.as_deref(), a.language, a.published);
            let bucket = firsts.entry(key).or_default();
            // Same key, same offsets: the alignments must agree too.
            if let Some(&f) = bucket.iter().find(|&&f| articles[f].alignment == a.alignment) {
                first_of.push(f);
            } else {
                bucket.push(i);
                first_of.push(i);
                distinct.push(i);
            }
        }
        // Per distinct article, the distinct article it near-copies and how.
        let mut onto: HashMap<usize, (usize, NearCopy)> = HashMap::new();
        if near {
            let mut target = vec![false; articles.len()];
            let mut sentences: HashMap<usize, near::KeptSentences> = HashMap::new();
            for &i in &distinct {
                let k = roots.get(i).map_or(i, |&r| first_of[r]);
                if k == i || target[i] || onto.contains_key(&k) {
                    continue;
                }
                let sents =
                    sentences.entry(k).or_insert_with(|| near::KeptSentences::new(articles[k]));
                if let Some(n) = near::align(articles[k], sents, articles[i], i) {
                    target[k] = true;
                    onto.insert(i, (k, n));
                }
            }
            distinct.retain(|i| !onto.contains_key(i));
        }
        let sampled = (distinct.len() > budget).then(|| {
            let step = distinct.len().div_ceil(budget.max(1));
            let total = distinct.len();
            distinct = distinct.iter().copied().step_by(step).collect();
            let near_too = if onto.is_empty() { "" } else { " and near-copies" };
            format!(
                "one in every {step} distinct articles in story order ({} of {total}), exact copies{near_too} kept with the article they copy",
                distinct.len(),
            )
        });
        let mut slot: HashMap<usize, usize> = HashMap::with_capacity(distinct.len());
        for (k, &i) in distinct.iter().enumerate() {
            slot.insert(i, k);
        }
        let mut copies = vec![Vec::new(); distinct.len()];
        let mut read_as = vec![None; articles.len()];
        let mut nears: Vec<Vec<NearCopy>> = (0..distinct.len()).map(|_| Vec::new()).collect();
        let mut collapsed: Vec<(usize, NearCopy)> = onto.into_values().collect();
        collapsed.sort_by_key(|(_, n)| n.index);
        // Per near-copy read, where it is: its kept article's slot and its place there.
        let mut place: HashMap<usize, (usize, usize)> = HashMap::new();
        for (k, n) in collapsed {
            if let Some(&s) = slot.get(&k) {
                place.insert(n.index, (s, nears[s].len()));
                nears[s].push(n);
            }
        }
        for (i, &f) in first_of.iter().enumerate() {
            // An exact copy of a near-copy is read as what the near-copy is read as.
            if let Some(&(s, at)) = place.get(&f) {
                read_as[i] = Some(distinct[s]);
                if f != i {
                    nears[s][at].copies.push(i);
                }
            } else if let Some(&k) = slot.get(&f) {
                read_as[i] = Some(distinct[k]);
                if f != i {
                    copies[k].push(i);
                }
            }
        }
        let used = read_as.iter().filter(|r| r.is_some()).count();
        let sampled = sampled.map(|rule| Sample {
            articles_used: used as u32,
            articles_total: articles.len() as u32,
            rule,
        });
        Reduction { kept: distinct, copies, near: nears, read_as, sampled }
    }

    /// How many story articles each kept article stands for: itself, its copies and its
    /// near-copies with theirs.
    pub(crate) fn weights(&self) -> Vec<usize> {
        self.copies
            .iter()
            .zip(&self.near)
            .map(|(c, n)| 1 + c.len() + n.iter().map(|n| 1 + n.copies.len()).sum::<usize>())
            .collect()
    }

    /// Adds each near-copy's and each copy's renderings to every list of `story` that cites
    /// the article it copies: a near-copy where one of its blocks holds the span (at its own
    /// offsets), then an exact copy wherever the article it copies is cited.
    pub(crate) fn expand(&self, story: &mut FusedStory, articles: &[&Article]) {
        let index: HashMap<&DocId, usize> =
            articles.iter().enumerate().map(|(i, a)| (&a.id, i)).collect();
        if self.near.iter().any(|n| !n.is_empty()) {
            let near_of: HashMap<usize, &[NearCopy]> = self
                .kept
                .iter()
                .zip(&self.near)
                .filter(|(_, n)| !n.is_empty())
                .map(|(&k, n)| (k, n.as_slice()))
                .collect();
            let near = Near { articles, near_of };
            Pass { articles, index: &index, mover: &near }.run(story, false);
        }
        // Exact copies of kept articles and of near-copies alike.
        let copies_of: HashMap<usize, &[usize]> = self
            .kept
            .iter()
            .zip(&self.copies)
            .map(|(&k, c)| (k, c.as_slice()))
            .chain(self.near.iter().flatten().map(|n| (n.index, n.copies.as_slice())))
            .filter(|(_, c)| !c.is_empty())
            .collect();
        if !copies_of.is_empty() {
            let exact = Exact { articles, copies_of };
            Pass { articles, index: &index, mover: &exact }.run(story, true);
        }
    }
}

/// Where the renderings of one article are added.
trait Mover {
    /// The renderings `span` (of story article `from`) adds, with their story indexes.
    fn spans(&self, from: usize, span: &SourceSpan, out: &mut Vec<(usize, SourceSpan)>);
    /// The articles an article cited without a span adds.
    fn ids(&self, from: usize) -> &[usize];
}

/// Exact copies: the same span in every copy (same raw content and alignment).
struct Exact<'a> {
    articles: &'a [&'a Article],
    copies_of: HashMap<usize, &'a [usize]>,
}

impl Mover for Exact<'_> {
    fn spans(&self, from: usize, span: &SourceSpan, out: &mut Vec<(usize, SourceSpan)>) {
        for &c in self.ids(from) {
            out.push((c, SourceSpan { article: self.articles[c].id.clone(), ..span.clone() }));
        }
    }

    fn ids(&self, from: usize) -> &[usize] {
        self.copies_of.get(&from).copied().unwrap_or_default()
    }
}

/// Near-copies: the span in each near-copy whose block holds it, at the near-copy's offsets.
struct Near<'a> {
    articles: &'a [&'a Article],
    near_of: HashMap<usize, &'a [NearCopy]>,
}

impl Mover for Near<'_> {
    fn spans(&self, from: usize, span: &SourceSpan, out: &mut Vec<(usize, SourceSpan)>) {
        let Some(nears) = self.near_of.get(&from) else { return };
        // Checked both ways: an alignment whose raw runs are out of order maps nothing.
        let alignment = &self.articles[from].alignment;
        let Some(text) = near::to_text(alignment, span.span())
            .filter(|t| alignment.to_raw(*t) == Some(span.span()))
        else {
            return;
        };
        for n in *nears {
            let copy = self.articles[n.index];
            if let Some(s) = n.map(text).and_then(|t| SourceSpan::from_text(copy, t)) {
                out.push((n.index, s));
            }
        }
    }

    /// A near-copy is cited only where a span of it is.
    fn ids(&self, _: usize) -> &[usize] {
        &[]
    }
}

/// One expansion over every list of a story.
struct Pass<'a> {
    articles: &'a [&'a Article],
    index: &'a HashMap<&'a DocId, usize>,
    mover: &'a dyn Mover,
}

impl Pass<'_> {
    /// Expands every list; `by_id` adds an article list's copies whatever its spans (exact
    /// copies), else only the articles that gained a span.
    fn run(&self, story: &mut FusedStory, by_id: bool) {
        for e in &mut story.entities {
            let added = self.spans(&mut e.mentions);
            self.ids(&mut e.articles, by_id, &added);
        }
        for c in &mut story.claims {
            self.parallel(&mut c.articles, &mut c.renderings, by_id);
        }
        for q in &mut story.quotes {
            self.parallel(&mut q.articles, &mut q.renderings, by_id);
            self.spans(&mut q.attributions);
        }
        // Widest quotes first, as the quotes stage orders them.
        story.quotes.sort_by_key(|q| std::cmp::Reverse(q.articles.len()));
        for c in &mut story.conflicts {
            for side in &mut c.sides {
                let added = self.spans(&mut side.evidence);
                self.ids(&mut side.articles, by_id, &added);
            }
        }
        for t in &mut story.timeline {
            let added = self.spans(&mut t.evidence);
            self.ids(&mut t.articles, by_id, &added);
        }
    }

    fn at(&self, id: &DocId) -> usize {
        self.index.get(id).copied().unwrap_or(usize::MAX)
    }

    /// Adds to `ids` each article's copies (`by_id`), or the articles of `added` it lacks.
    fn ids(&self, ids: &mut Vec<DocId>, by_id: bool, added: &[usize]) {
        let mut out: Vec<(usize, DocId)> = Vec::with_capacity(ids.len() + added.len());
        for id in ids.drain(..) {
            let i = self.at(&id);
            if by_id {
                for &c in self.mover.ids(i) {
                    out.push((c, self.articles[c].id.clone()));
                }
            }
            out.push((i, id));
        }
        if !by_id {
            let have: foldhash::HashSet<usize> = out.iter().map(|x| x.0).collect();
            let mut extra: Vec<usize> =
                added.iter().copied().filter(|i| !have.contains(i)).collect();
            extra.sort_unstable();
            extra.dedup();
            out.extend(extra.into_iter().map(|i| (i, self.articles[i].id.clone())));
        }
        out.sort_by_key(|x| x.0);
        ids.extend(out.into_iter().map(|x| x.1));
    }

    /// Adds every span's renderings; returns the story indexes that gained one.
    fn spans(&self, spans: &mut Vec<SourceSpan>) -> Vec<usize> {
        let mut out: Vec<(usize, SourceSpan)> = Vec::with_capacity(spans.len());
        let mut added = Vec::new();
        for s in spans.drain(..) {
            let i = self.at(&s.article);
            let before = out.len();
            self.mover.spans(i, &s, &mut out);
            added.extend(out[before..].iter().map(|x| x.0));
            out.push((i, s));
        }
        // Stable: an article's own spans keep their order.
        out.sort_by_key(|x| x.0);
        spans.extend(out.into_iter().map(|x| x.1));
        added
    }

    /// An article list and its renderings, one per article.
    fn parallel(&self, ids: &mut Vec<DocId>, spans: &mut Vec<SourceSpan>, by_id: bool) {
        if ids.len() != spans.len() {
            let added = self.spans(spans);
            self.ids(ids, by_id, &added);
            return;
        }
        let mut out: Vec<(usize, DocId, SourceSpan)> = Vec::with_capacity(ids.len());
        let mut moved = Vec::new();
        for (id, s) in ids.drain(..).zip(spans.drain(..)) {
            let i = self.at(&id);
            moved.clear();
            self.mover.spans(i, &s, &mut moved);
            for (c, m) in moved.drain(..) {
                out.push((c, self.articles[c].id.clone(), m));
            }
            out.push((i, id, s));
        }
        out.sort_by_key(|x| x.0);
        for (_, id, s) in out {
            ids.push(id);
            spans.push(s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, text: &str) -> Article {
        Article { language: Lang::EN, ..Article::from_text(id, text) }
    }

    #[test]
    fn near_copies_and_their_copies_are_read_as_the_kept_article() {
        let kept = "The dam at Velmora held after the storm.\n\nEngineers counted 12 cracks on Tuesday. The river fell by night.\n\nThe road reopens on Friday.";
        let near_text = format!("By Mira Antal\n\n{kept}");
        let (k, d, e) = (
            article("k", kept),
            article("d", &near_text),
            article("e", "Rain fell on the hills above Velmora all week."),
        );
        let d2 = Article { id: "d2".into(), ..d.clone() };
        let arts = [&k, &d, &e, &d2];
        let r = Reduction::new(&arts, &[0, 0, 2, 0], 10, true);
        assert_eq!(r.kept, [0, 2]);
        assert_eq!(r.read_as, [Some(0), Some(0), Some(2), Some(0)]);
        let n = &r.near[0][0];
        assert_eq!((n.index, n.copies.as_slice()), (1, &[3][..]));
        assert_eq!(n.residual.as_ref().unwrap().text.trim(), "By Mira Antal");
        assert_eq!(r.weights(), [3, 1]);
        let full = Reduction::new(&arts, &[0, 0, 2, 0], 10, false);
        assert_eq!(full.kept, [0, 1, 2]);
        assert!(full.near.iter().all(Vec::is_empty));
        // Over the budget, a near-copy goes with the article it copies.
        let sampled = Reduction::new(&arts, &[0, 0, 2, 0], 1, true);
        assert_eq!(sampled.kept, [0]);
        assert_eq!(sampled.read_as, [Some(0), Some(0), None, Some(0)]);
        assert!(
            sampled
                .sampled
                .unwrap()
                .rule
                .ends_with("copies and near-copies kept with the article they copy")
        );
    }
}
