//! Dated-event conflicts: an event that happens once to its subject (a sentencing, a
//! resignation, an arrest) dated on different days.
//!
//! ## What it does
//!
//! Gives each date of a day (not cited, not uncertain: see the timeline stage) the event word
//! of its clause that it dates: the nearest word before it whose stem is the stem of an entry
//! of the `dated_predicates` list (`sentence`, `resign`), else the nearest one after it
//! (`On Friday the panel will sentence him`), else the nearest one before it in its sentence;
//! an event word after a subordinator (`when`, `after`: `subordinators`) of its clause does not
//! take a date after it.
//! Whom it happens to: the name right before the event word, and the head of the names right
//! after it (`arrested Herons winger Dara Vell`: Dara Vell). Dates of one event word given to
//! one person (`sentenced Ivo Brenner … on Thursday`, `will sentence Brenner on Friday`) are
//! one event. A report that dates the event word twice, differently, is left out of it:
//! its dates are of different steps (two judges voted on Tuesday, the third on Thursday). Values
//! that agree (consistent, or the same relative words) form a side; two sides from different
//! reports are a `date` conflict.
//!
//! ## Why
//!
//! The date rule (see `dates`) links dates by the weighted words around them, which a long
//! sentence dilutes: `sentenced the former minister to nine years in prison Thursday after
//! convicting him of fraud` and `is scheduled to sentence him on Friday` share few words but
//! the one that matters. An event that happens once to someone cannot happen on two days.
//!
//! ## Example
//!
//! `The court sentenced Ivo Brenner to nine years on Thursday` and `The court is due to
//! sentence Brenner on Friday`, both published on Thursday: Thursday vs Friday.
//!
//! ## Limitations
//!
//! The event word is the nearest listed word, not the parsed verb of the date; a report that
//! dates one event twice is taken to tell two steps even when it contradicts itself.
//!
//! ## References
//!
//! Issue 12 (fusion on real coverage).

use std::collections::BTreeSet;

use crosscheck_text::dates::Granularity;

use super::categories::full_names;
use super::common::split_sides;
use super::common::{agree, agree_key};
use super::date_steps::{Steps, predicate};
use crate::analysis::words::fold;
use crate::analysis::{Context, Gap};
use crate::entities::linkage::single_linkage;
use crate::story::{Conflict, ConflictKind};
use crate::timeline::Dated;

/// The most words between an event word and the name it happens to.
const PARTICIPANT_REACH: usize = 4;

/// One day date given to an event word.
struct Event<'a> {
    date: &'a Dated,
    /// The event word's stem.
    predicate: String,
    /// Whom the event happens to (see [`participants`]).
    entities: BTreeSet<u32>,
}

/// Whom the event word at word `at` happens to: the nearest name ending at most four words
/// before it (`Brenner was sentenced`), and the last name of the run of names starting at most
/// four words after it (`sentenced former minister Ivo Brenner`, `arrested Herons winger Dara
/// Vell`: the head of the phrase, not the club).
fn participants(ctx: &Context<'_>, doc: usize, at: usize) -> BTreeSet<u32> {
    let d = &ctx.docs[doc];
    let sent = d.words[at].sent;
    let Some(ms) = ctx.entities.mentions.get(doc) else { return BTreeSet::new() };
    let mut out = BTreeSet::new();
    if let Some(m) = ms.iter().rev().find(|m| {
        (m.words.1 as usize) <= at
            && at - m.words.1 as usize <= PARTICIPANT_REACH
            && d.words.get(m.words.0 as usize).is_some_and(|w| w.sent == sent)
    }) {
        out.insert(m.entity);
    }
    let after: Vec<_> = ms
        .iter()
        .filter(|m| {
            (m.words.0 as usize) > at
                && m.words.0 as usize - at <= PARTICIPANT_REACH + 1
                && d.words.get(m.words.0 as usize).is_some_and(|w| w.sent == sent)
        })
        .collect();
    if let Some(first) = after.first() {
        // The run of names from the first one on, with at most one word between two of them
        // and no punctuation.
        let mut last = *first;
        for m in &after[1..] {
            let gap = m.words.0.saturating_sub(last.words.1);
            let joined = (last.words.1..=m.words.0)
                .all(|k| d.words.get(k as usize).is_some_and(|w| w.gap == Gap::Space));
            if gap <= 1 && joined {
                last = m;
            } else {
                break;
            }
        }
        out.insert(last.entity);
    }
    out
}

/// Whether a one-word name of `a` is the last word of a longer name of `b` (`Brenner` and
/// `Ivo Brenner`, even when the story has another Brenner); `folded` holds the entities' folded
/// names.
fn surname_meets(folded: &[String], a: &BTreeSet<u32>, b: &BTreeSet<u32>) -> bool {
    a.iter().any(|&x| {
        let short = &folded[x as usize];
        !short.contains(' ')
            && b.iter().any(|&y| {
                folded[y as usize].rsplit_once(' ').is_some_and(|(_, last)| last == short)
            })
    })
}

/// Finds the dated-event conflicts of a story; see the module documentation.
pub(super) fn find(ctx: &Context<'_>, dated: &[Dated], story_steps: &Steps) -> Vec<Conflict> {
    let full = full_names(ctx);
    let mut events: Vec<Event<'_>> = Vec::new();
    for x in dated {
        // A date of a rolling figure's value dates that step (see `date_steps`).
        if x.cited
            || x.uncertain
            || x.mention.value.granularity() != Granularity::Day
            || story_steps.rolling_step(ctx, x)
        {
            continue;
        }
        // Per language, the stems of its event words, read once for the story.
        let Some((st, set)) = story_steps.event_stems(ctx.docs[x.doc].article.language) else {
            continue;
        };
        if set.is_empty() {
            continue;
        }
        let Some((predicate, at)) = predicate(ctx, x, set, st) else { continue };
        let entities = participants(ctx, x.doc, at).into_iter().map(|e| full[e as usize]).collect();
        events.push(Event { date: x, predicate, entities });
    }
    let folded: Vec<String> = ctx.entities.entities.iter().map(|e| fold(&e.name)).collect();
    let groups = single_linkage(events.len(), |a, b| {
        let (a, b) = (&events[a], &events[b]);
        a.predicate == b.predicate
            && !a.entities.is_empty()
            && ctx.canon[a.date.doc] != ctx.canon[b.date.doc]
            && (!a.entities.is_disjoint(&b.entities)
                || surname_meets(&folded, &a.entities, &b.entities)
                || surname_meets(&folded, &b.entities, &a.entities))
    });
    let mut out = Vec::new();
    for g in groups {
        // A report that dates the event word twice, differently (whoever it names there),
        // tells two steps of it.
        let predicate = &events[g[0]].predicate;
        let two_steps = |doc: usize, x: &Dated| {
            events.iter().any(|e| {
                ctx.canon[e.date.doc] == ctx.canon[doc]
                    && e.predicate == *predicate
                    && !agree(e.date, x)
            })
        };
        let items: Vec<&Dated> =
            g.iter().map(|&i| events[i].date).filter(|x| !two_steps(x.doc, x)).collect();
        let Some(sides) = split_sides(
            ctx,
            &items,
            agree_key,
            agree,
            |d| d.mention.value.to_string(),
            |d| (d.doc, d.mention.span),
        ) else {
            continue;
        };
        let first = &events[g[0]];
        let d = &ctx.docs[first.date.doc];
        let word = (d.sents[first.date.sent].words.start..d.sents[first.date.sent].words.end)
            .map(|i| &d.words[i as usize])
            .find(|w| {
                story_steps
                    .event_stems(d.article.language)
                    .is_some_and(|(st, _)| st.stem(&w.key) == first.predicate.as_str())
            })
            .map_or_else(|| first.predicate.clone(), |w| d.text(w.span).to_string());
        let whose: Vec<&str> = first
            .entities
            .iter()
            .filter(|&&e| g.iter().all(|&i| events[i].entities.contains(&e)))
            .map(|&e| ctx.entities.entities[e as usize].name.as_str())
            .take(1)
            .collect();
        let topic = match whose.first() {
            Some(name) => format!("when: {word} {name}"),
            None => format!("when: {word}"),
        };
        out.push(Conflict { kind: ConflictKind::Date, topic, sides });
    }
    out
}
