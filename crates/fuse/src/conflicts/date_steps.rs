//! Dates of different steps of a story, kept apart in date conflicts.
//!
//! ## What it does
//!
//! Two refinements of the `dates` rule, applied to the dates of an event it formed, before its
//! sides are drawn:
//! - a date whose clause gives a value of a rolling figure (`the toll rose to 128 on Friday`:
//!   a fact of a `rolling` concept, see the fact table) dates that value, one step of the
//!   figure, which the `evolving` conflicts compare; it is no side of a date conflict (nor of a
//!   `dated_events` one: `12 were confirmed dead on Friday after the crash` does not date the
//!   crash);
//! - the dates left disagree only when two of them that the `dates` rule finds apart (not
//!   `consistent`, nor the same relative words) date the same kind of step: both the same
//!   once-only event word of their clause (`arrested`, `sentenced`: the `dated_predicates`
//!   list, read as the `dated_events` rule reads it), or both none; only those kinds give the
//!   conflict's sides. `Police arrested the owners on Thursday` and `the fire, which
//!   started on Wednesday` tell two steps of one story, not two dates of one.
//!
//! ## Why
//!
//! A story told over days gives each report's sentences several dates of related steps (the
//! fire started on Wednesday, the arrests came on Thursday, the toll rose on Friday) in words
//! alike enough (the same fire, the same toll) for the `dates` rule to take them for one event.
//! A date conflict is a reader's warning that one report has the day wrong; between steps it is
//! noise.
//!
//! ## Example
//!
//! `The toll from the Orsk tram crash rose to 12 on Friday` and `The toll from the Orsk tram
//! crash rose to 9 on Thursday`: no date conflict (the tolls are compared as an evolving
//! figure). `Police arrested the driver on Thursday over the Orsk tram crash` and `the Orsk tram
//! crash, which happened on Wednesday`: none either. `The Orsk tram crash happened on
//! Wednesday` and `the Orsk tram crash happened on Tuesday`: a conflict.
//!
//! ## Limitations
//!
//! A report that dates the event itself in the clause of a rolling figure (`killed 12 people
//! on Tuesday`) is no side: its day is read as the day of the count. An event word outside the
//! list (`started`) is no event word, so two such steps told in alike words still disagree.
//!
//! ## References
//!
//! Issue 12 (fusion on real coverage).

use std::collections::{BTreeMap, BTreeSet};

use crosscheck_core::{Lang, Span};
use crosscheck_text::Stemmer;
use crosscheck_text::lexicon::{Lexicon, List};

use crate::analysis::events::content_stem;
use crate::analysis::{Context, Gap};
use crate::facts::FactTable;
use crate::timeline::Dated;

/// What the refinements read of the story: where rolling figures are written, and the event
/// words of each language.
pub(super) struct Steps {
    /// The rolling facts' articles and evidence spans, sorted.
    rolling: Vec<(usize, Span)>,
    /// Per language, its stemmer and the stems of its event words.
    words: BTreeMap<Lang, (Stemmer, BTreeSet<String>)>,
    /// Per language, the heads of its step words (see [`content_stem`]).
    step_words: BTreeMap<Lang, BTreeSet<String>>,
}

impl Steps {
    /// The steps of the story `ctx` with its fact table.
    pub(super) fn new(ctx: &Context<'_>, facts: &FactTable) -> Steps {
        let mut words = BTreeMap::new();
        let mut step_words = BTreeMap::new();
        for d in &ctx.docs {
            let lang = d.article.language;
            words.entry(lang).or_insert_with(|| {
                let st = Stemmer::new(lang);
                let set = Lexicon::of(lang)
                    .words(List::DatedPredicates)
                    .map(|w| st.stem(w).into_owned())
                    .collect();
                (st, set)
            });
            step_words.entry(lang).or_insert_with(|| {
                let st = Stemmer::new(lang);
                Lexicon::of(lang)
                    .words(List::StepWords)
                    .filter_map(|w| content_stem(w, lang, &st))
                    .collect::<BTreeSet<String>>()
            });
        }
        Steps { rolling: facts.rolling_evidence(), words, step_words }
    }

    /// The stemmer of `lang` and the stems of its once-only event words (the
    /// `dated_predicates` list), for a language of the story's articles.
    pub(super) fn event_stems(&self, lang: Lang) -> Option<(&Stemmer, &BTreeSet<String>)> {
        self.words.get(&lang).map(|(st, set)| (st, set))
    }

    /// Whether the clause of date `x` gives a value of a rolling figure.
    pub(super) fn rolling_step(&self, ctx: &Context<'_>, x: &Dated) -> bool {
        let d = &ctx.docs[x.doc];
        let Some(clause) = d.clause_around(x.sent, x.mention.span) else { return false };
        let (Some(a), Some(b)) = (d.words.get(clause.start), d.words.get(clause.end - 1)) else {
            return false;
        };
        let (lo, hi) = (a.span.start, b.span.end);
        let from = self.rolling.partition_point(|&(doc, s)| (doc, s.start) < (x.doc, lo));
        self.rolling[from..]
            .iter()
            .take_while(|&&(doc, s)| doc == x.doc && s.start < hi)
            .any(|&(_, s)| s.end <= hi)
    }

    /// The kind of step date `x` dates: the stem of its once-only event word (see
    /// [`predicate`]), else the head of its step word (`signed`, `passed`: the `step_words`
    /// list, read through [`content_stem`] so that `began` and `begin` are one), if any. A
    /// step word is read in the date's own clause only (the nearest before it, else after
    /// it), or, for a date that opens its sentence (`On Thursday, the board approved …`), as
    /// the first content word of the clause after it: steps are common words, and one further
    /// away is another clause's.
    fn kind(&self, ctx: &Context<'_>, x: &Dated) -> Option<String> {
        let lang = ctx.docs[x.doc].article.language;
        let (st, set) = self.event_stems(lang)?;
        let once = |w: &str| {
            let stem = st.stem(w);
            set.contains(stem.as_ref()).then(|| stem.into_owned())
        };
        if let Some(p) = word_of(ctx, x, &once) {
            return Some(p);
        }
        let steps = self.step_words.get(&lang).filter(|s| !s.is_empty())?;
        let step = |w: &str| content_stem(w, lang, st).filter(|h| steps.contains(h));
        if let Some((p, _)) = nearest(ctx, x, &step, false) {
            return Some(p);
        }
        let d = &ctx.docs[x.doc];
        let s = &d.sents[x.sent];
        let opens = d
            .words
            .get(s.words.start as usize..s.words.end as usize)?
            .iter()
            .take(2)
            .any(|w| w.span.start >= x.mention.span.start);
        if !opens {
            return None;
        }
        let next = fronted(ctx, x)?;
        let w = next
            .map(|i| &d.words[i])
            .find(|w| (w.first || !w.cap) && content_stem(&w.key, lang, st).is_some())?;
        step(&w.key)
    }

    /// The dates of an event that may be sides of a date conflict: those of its kinds of step
    /// (see the module doc) whose dates disagree by `disagree` (the `dates` rule's test of two
    /// precise sides); `None` when no kind does.
    pub(super) fn sides<'d>(
        &self,
        ctx: &Context<'_>,
        items: &[&'d Dated],
        disagree: impl Fn(&[&Dated]) -> bool,
    ) -> Option<Vec<&'d Dated>> {
        let mut kinds: BTreeMap<Option<String>, Vec<&'d Dated>> = BTreeMap::new();
        for &x in items {
            if !self.rolling_step(ctx, x) {
                kinds.entry(self.kind(ctx, x)).or_default().push(x);
            }
        }
        let mut out: Vec<&'d Dated> =
            kinds.into_values().filter(|k| disagree(k)).flatten().collect();
        if out.is_empty() {
            return None;
        }
        // In story order, as the event gave them.
        out.sort_by_key(|x| items.iter().position(|y| std::ptr::eq(*y, *x)));
        Some(out)
    }
}

/// The event word a date dates, if its clause holds one, by `matches` (a word's key to the
/// stem it stands for, when it is an event word): the nearest before it, else after it in its
/// clause, else the nearest before it in its sentence; a fronted date (`On Thursday, police
/// arrested …`) dates the clause after it.
fn word_of(
    ctx: &Context<'_>,
    x: &Dated,
    matches: &dyn Fn(&str) -> Option<String>,
) -> Option<String> {
    if let Some((p, _)) = nearest(ctx, x, matches, true) {
        return Some(p);
    }
    let d = &ctx.docs[x.doc];
    fronted(ctx, x)?.find_map(|i| {
        let w = &d.words[i];
        if w.first || !w.cap { matches(&w.key) } else { None }
    })
}

/// The words of the clause after date `x` when the date's clause opens its sentence and a
/// comma ends it (`On Thursday, police arrested …`).
fn fronted(ctx: &Context<'_>, x: &Dated) -> Option<impl Iterator<Item = usize>> {
    let d = &ctx.docs[x.doc];
    let clause = d.clause_around(x.sent, x.mention.span)?;
    let end = d.sents[x.sent].words.end as usize;
    if clause.start != d.sents[x.sent].words.start as usize
        || d.words.get(clause.end).is_none_or(|w| w.gap != Gap::Comma)
    {
        return None;
    }
    let next = d.clause_around(x.sent, d.words.get(clause.end)?.span)?;
    Some(next.take_while(move |&i| i < end))
}

/// The stem of the event word a date dates, if its clause holds one.
pub(super) fn predicate(
    ctx: &Context<'_>,
    x: &Dated,
    stems: &BTreeSet<String>,
    st: &Stemmer,
) -> Option<(String, usize)> {
    nearest(
        ctx,
        x,
        &|w: &str| {
            let s = st.stem(w);
            stems.contains(s.as_ref()).then(|| s.into_owned())
        },
        true,
    )
}

/// The event word `matches` finds nearest date `x` (see [`word_of`]), with its index; only in
/// the date's clause unless `sentence`.
fn nearest(
    ctx: &Context<'_>,
    x: &Dated,
    matches: &dyn Fn(&str) -> Option<String>,
    sentence: bool,
) -> Option<(String, usize)> {
    let d = &ctx.docs[x.doc];
    let clause = d.clause_around(x.sent, x.mention.span)?;
    let stem_at = |i: usize| -> Option<(String, usize)> {
        let w = &d.words[i];
        if d.overlaps(i, x.mention.span) || w.cap && !w.first {
            return None;
        }
        matches(&w.key).map(|s| (s, i))
    };
    let at = clause.clone().find(|&i| d.words[i].span.end > x.mention.span.start)?;
    let lo = d.sents[x.sent].words.start as usize;
    let lx = Lexicon::of(d.article.language);
    (clause.start..at)
        .rev()
        .find_map(stem_at)
        // An event word in a subordinate clause (`when Vell was arrested were released
        // Wednesday`) does not take the date after it.
        .filter(|&(_, i)| !(clause.start..i).any(|k| lx.has(List::Subordinators, &d.words[k].key)))
        .or_else(|| (at..clause.end).find_map(stem_at))
        // A clause of its own (`, to nine years in prison on Thursday`): the sentence's
        // nearest event word before it.
        .or_else(|| if sentence { (lo..clause.start).rev().find_map(stem_at) } else { None })
}
