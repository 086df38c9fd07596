//! Dated-event claims: outlets that date one event to one day state one fact, however they
//! word it.
//!
//! ## What it does
//!
//! Takes every date of prose that the timeline resolved to a single day and that dates an
//! event (not a statement, a quotation or a period: see the timeline stage), with the content
//! stems of its clause (the words up to the nearest punctuation or clause conjunction, names
//! left out). Dates of one day from different outlets whose clauses share two stems, or one
//! when a clause has three at most (`unveiled the cabinet on Sunday`, `had unveiled his team
//! late Sunday`), are one event, by single linkage;
//! an event two outlets or more date is a claim whose renderings are the sentences that date
//! it, one per article.
//!
//! ## Why
//!
//! Sentence alignment needs most words of two sentences to agree, so a dated event told inside
//! longer, different sentences falls apart into one claim per outlet. The day and the verb or
//! noun it dates are the fact itself.
//!
//! ## Example
//!
//! `The mayor unveiled the plan on Sunday, 5 April.` (published 6 April) and `The plan,
//! unveiled Sunday, drew criticism.` (published 6 April): one claim of two outlets.
//!
//! ## Limitations
//!
//! Two events of one day that share a clause word (`named`) are one claim; days resolved
//! against a wrong publication date miss their event.
//!
//! ## References
//!
//! Event coreference by time and trigger, as in `TimeBank`-style temporal annotation.

use std::collections::{BTreeMap, BTreeSet};

use crosscheck_core::Span;
use crosscheck_text::Stemmer;
use crosscheck_text::lexicon::{Lexicon, List};

use crate::analysis::Context;
use crate::analysis::events::{content_stem, synonym};
use crate::entities::linkage::single_linkage;
use crate::story::Claim;
use crate::timeline::Dated;

/// The most stems a clause can have for one shared stem to tie it to another (`had unveiled
/// his team late Sunday`); longer clauses must share two.
const SHORT_CLAUSE: usize = 3;

/// The content stems of the clause around date `x`: its words up to the nearest punctuation or
/// clause conjunction on each side, the date's own words and names left out.
fn clause(ctx: &Context<'_>, x: &Dated) -> BTreeSet<String> {
    let d = &ctx.docs[x.doc];
    let lang = d.article.language;
    let lx = Lexicon::of(lang);
    let stemmer = Stemmer::new(lang);
    let span = x.mention.span;
    let inside = |i: usize| d.overlaps(i, span);
    let Some(clause) = d.clause_around(x.sent, span) else {
        return BTreeSet::new();
    };
    clause
        .filter(|&i| !inside(i) && (!d.words[i].cap || d.words[i].first))
        .filter_map(|i| {
            // Verbs of saying count here: `announced Sunday` dates the announcement.
            let key = d.words[i].key.as_str();
            content_stem(key, lang, &stemmer).or_else(|| {
                (key.len() > 3 && lx.has(List::SpeechVerbs, key)).then(|| {
                    let stem = stemmer.stem(key);
                    synonym(&stem, lang).map_or_else(|| stem.into_owned(), str::to_string)
                })
            })
        })
        .collect()
}

/// The words of the event date `x` dates: its clause, or the date itself when the clause is
/// the whole sentence.
fn event_words(ctx: &Context<'_>, x: &Dated) -> Span {
    let d = &ctx.docs[x.doc];
    let s = &d.sents[x.sent];
    match d.clause_around(x.sent, x.mention.span) {
        Some(c) if c.start > s.words.start as usize || c.end < s.words.end as usize => {
            Span::new(d.words[c.start].span.start, d.words[c.end - 1].span.end)
        }
        _ => x.mention.span,
    }
}

/// The dated-event claims of a story; see the module documentation.
pub(crate) fn claims(ctx: &Context<'_>, dated: &[Dated]) -> Vec<Claim> {
    let distinct = ctx.canon.iter().enumerate().filter(|(i, c)| i == *c).count();
    let mut by_day: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, x) in dated.iter().enumerate() {
        if x.cited || !x.mention.value.is_day() || !ctx.docs[x.doc].sents[x.sent].claim {
            continue;
        }
        by_day.entry(x.mention.value.to_string()).or_default().push(i);
    }
    let mut out = Vec::new();
    for members in by_day.values() {
        let clauses: Vec<BTreeSet<String>> =
            members.iter().map(|&i| clause(ctx, &dated[i])).collect();
        let groups = single_linkage(members.len(), |p, q| {
            let (a, b) = (&dated[members[p]], &dated[members[q]]);
            let shared = clauses[p].intersection(&clauses[q]).count();
            let smaller = clauses[p].len().min(clauses[q].len());
            ctx.canon[a.doc] != ctx.canon[b.doc]
                && (shared >= 2 || (shared == 1 && smaller <= SHORT_CLAUSE))
        });
        for g in groups {
            let mut sents: Vec<(usize, usize)> =
                g.iter().map(|&k| (dated[members[k]].doc, dated[members[k]].sent)).collect();
            sents.sort_unstable();
            sents.dedup_by_key(|s| s.0);
            let outlets: BTreeSet<usize> = sents.iter().map(|s| ctx.canon[s.0]).collect();
            if outlets.len() < 2 {
                continue;
            }
            let first = sents[0];
            let fact = g
                .iter()
                .map(|&k| &dated[members[k]])
                .filter(|x| (x.doc, x.sent) == first)
                .min_by_key(|x| x.mention.span.start)
                .map(|x| event_words(ctx, x));
            out.push(super::claim_of_sentences(ctx, sents, first, fact, outlets.len(), distinct));
        }
    }
    out
}
