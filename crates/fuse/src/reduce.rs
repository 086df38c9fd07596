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
//! When more distinct articles remain than the fuser's budget
//! ([`FuserBuilder::max_articles`](crate::FuserBuilder::max_articles)), the story is fused from
//! an evenly spaced sample of them, in story order, and says so in
//! [`FusedStory::sampled`](crate::FusedStory::sampled); the other articles stay listed.
//!
//! ## Why
//!
//! Copies add nothing to compare but cost every stage its full work: 2,000 copies of one article
//! took 8.4 GB and two minutes. A story too large for the budget is still fused, from a sample
//! whose rule the report states, rather than left unfused.
//!
//! ## Example
//!
//! 2,000 copies of one article are fused as one article; each claim then has 2,000 renderings
//! and a support of 1.
//!
//! ## Limitations
//!
//! Near-copies (a changed word, another page layout) are not collapsed here: their sentences are
//! collapsed in claim alignment instead. Statistics that count articles (the word weights of
//! claims, the most common spelling of a name) count an exact copy once.
//!
//! ## References
//!
//! Exact duplicate elimination by content key, as in crawl deduplication.

use std::collections::HashMap;

use crosscheck_core::{Article, Date, DocId, Lang};

use crate::story::{FusedStory, Sample, SourceSpan};

/// How the story's articles are read.
#[derive(Debug)]
pub(crate) struct Reduction {
    /// The articles that are analysed (indexes into the story), in story order.
    pub(crate) kept: Vec<usize>,
    /// Per kept article, the story indexes of its exact copies (itself excluded), in order.
    pub(crate) copies: Vec<Vec<usize>>,
    /// Per story article, the kept article it is read as: itself, the first of its copies, or
    /// `None` when sampling left it out.
    pub(crate) read_as: Vec<Option<usize>>,
    /// Set when a sample was taken.
    pub(crate) sampled: Option<Sample>,
}

type Key<'a> = (&'a str, &'a str, Option<&'a str>, Lang, Option<Date>);

impl Reduction {
    /// Collapses the exact copies of `articles` and samples what remains down to `budget`.
    pub(crate) fn new(articles: &[&Article], budget: usize) -> Reduction {
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
        let sampled = (distinct.len() > budget).then(|| {
            let step = distinct.len().div_ceil(budget.max(1));
            distinct = distinct.iter().copied().step_by(step).collect();
            format!(
                "one in every {step} distinct articles in story order ({} of {}), exact copies \
                 kept with the article they copy",
                distinct.len(),
                firsts.values().map(Vec::len).sum::<usize>()
            )
        });
        let mut slot: HashMap<usize, usize> = HashMap::with_capacity(distinct.len());
        for (k, &i) in distinct.iter().enumerate() {
            slot.insert(i, k);
        }
        let mut copies = vec![Vec::new(); distinct.len()];
        let mut read_as = vec![None; articles.len()];
        for (i, &f) in first_of.iter().enumerate() {
            if let Some(&k) = slot.get(&f) {
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
        Reduction { kept: distinct, copies, read_as, sampled }
    }

    /// Adds each copy's renderings to every list of `story` that cites the article it copies.
    pub(crate) fn expand(&self, story: &mut FusedStory, articles: &[&Article]) {
        if self.copies.iter().all(Vec::is_empty) {
            return;
        }
        let index: HashMap<&DocId, usize> =
            articles.iter().enumerate().map(|(i, a)| (&a.id, i)).collect();
        let copies_of: HashMap<usize, &[usize]> = self
            .kept
            .iter()
            .zip(&self.copies)
            .filter(|(_, c)| !c.is_empty())
            .map(|(&k, c)| (k, c.as_slice()))
            .collect();
        let ex = Expander { articles, index, copies_of };
        for e in &mut story.entities {
            ex.ids(&mut e.articles);
            ex.spans(&mut e.mentions);
        }
        for c in &mut story.claims {
            ex.parallel(&mut c.articles, &mut c.renderings);
        }
        for q in &mut story.quotes {
            ex.parallel(&mut q.articles, &mut q.renderings);
            ex.spans(&mut q.attributions);
        }
        // Widest quotes first, as the quotes stage orders them.
        story.quotes.sort_by_key(|q| std::cmp::Reverse(q.articles.len()));
        for c in &mut story.conflicts {
            for side in &mut c.sides {
                ex.ids(&mut side.articles);
                ex.spans(&mut side.evidence);
            }
        }
        for t in &mut story.timeline {
            ex.ids(&mut t.articles);
            ex.spans(&mut t.evidence);
        }
    }
}

struct Expander<'a> {
    articles: &'a [&'a Article],
    index: HashMap<&'a DocId, usize>,
    copies_of: HashMap<usize, &'a [usize]>,
}

impl Expander<'_> {
    fn at(&self, id: &DocId) -> usize {
        self.index.get(id).copied().unwrap_or(usize::MAX)
    }

    /// The same span in a copy: the copy has the same raw content and alignment.
    fn moved(&self, span: &SourceSpan, to: usize) -> SourceSpan {
        SourceSpan { article: self.articles[to].id.clone(), ..span.clone() }
    }

    fn ids(&self, ids: &mut Vec<DocId>) {
        let mut out: Vec<(usize, DocId)> = Vec::with_capacity(ids.len());
        for id in ids.drain(..) {
            let i = self.at(&id);
            for &c in self.copies_of.get(&i).copied().unwrap_or_default() {
                out.push((c, self.articles[c].id.clone()));
            }
            out.push((i, id));
        }
        out.sort_by_key(|x| x.0);
        ids.extend(out.into_iter().map(|x| x.1));
    }

    fn spans(&self, spans: &mut Vec<SourceSpan>) {
        let mut out: Vec<(usize, SourceSpan)> = Vec::with_capacity(spans.len());
        for s in spans.drain(..) {
            let i = self.at(&s.article);
            for &c in self.copies_of.get(&i).copied().unwrap_or_default() {
                out.push((c, self.moved(&s, c)));
            }
            out.push((i, s));
        }
        // Stable: an article's own spans keep their order.
        out.sort_by_key(|x| x.0);
        spans.extend(out.into_iter().map(|x| x.1));
    }

    /// An article list and its renderings, one per article.
    fn parallel(&self, ids: &mut Vec<DocId>, spans: &mut Vec<SourceSpan>) {
        if ids.len() != spans.len() {
            self.ids(ids);
            self.spans(spans);
            return;
        }
        let mut out: Vec<(usize, DocId, SourceSpan)> = Vec::with_capacity(ids.len());
        for (id, s) in ids.drain(..).zip(spans.drain(..)) {
            let i = self.at(&id);
            for &c in self.copies_of.get(&i).copied().unwrap_or_default() {
                out.push((c, self.articles[c].id.clone(), self.moved(&s, c)));
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
