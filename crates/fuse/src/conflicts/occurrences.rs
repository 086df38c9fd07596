//! Dates of different occurrences, kept apart in date conflicts.
//!
//! ## What it does
//!
//! A refinement of the `dates` rule, applied to the dates of an event once its steps are
//! sorted (see `date_steps`): two dates of different reports that disagree count as a
//! disagreement only when nothing says they date two occurrences. Two signs do:
//! - a different participant: each sentence names a person the other does not (`placed Ivo
//!   Brenner on the injured list on Wednesday` and `placed Dara Vell on the injured list on
//!   Tuesday`), speakers left out (`…, Sheriff Lee Orvin said`: who tells it is no participant)
//!   unless the date's clause is the saying (`Orvin said in a post on Tuesday`: the date dates
//!   the statement, whose participant is its speaker); a one-word name counts as the one
//!   longer name of the story ending with it;
//! - a repetition: either sentence holds a word of the `repeat_markers` list (`again`,
//!   `another`, `second`: `the second time in as many days`, `a second theft`), so it tells one
//!   of several occurrences.
//!
//! A date that disagrees only with dates of other occurrences is no side; the event conflicts
//! when the dates left still do.
//!
//! ## Why
//!
//! The `dates` rule links dates by the words around them, and a story told over days repeats
//! its words for each occurrence of a kind of event: a team places one player on the injured
//! list on Tuesday and another on Wednesday, a president announces one nominee on one day and
//! another a week later, a jewel theft in May is recalled beside one in July. On the ECB+
//! stories those were most of the false date conflicts; a date conflict is a warning that one
//! report has the day of one occurrence wrong.
//!
//! ## Example
//!
//! `The Herons placed winger Dara Vell on injured reserve on Tuesday` and `The Herons placed
//! Ivo Brenner on injured reserve on Wednesday`: no conflict. `The Herons placed Dara Vell on
//! injured reserve on Tuesday` and `Dara Vell was placed on injured reserve on Wednesday`: a
//! conflict.
//!
//! ## Limitations
//!
//! Persons are the names the entity stage took for persons (a team may be one); a report that
//! names someone else beside the participant (`Vell, whom coach Orm Tarr benched, was placed
//! … on Tuesday` against `Vell was placed … by manager Ada Quist on Wednesday`) reads as another
//! occurrence. A repetition word about something else in the sentence (`another setback`) still
//! marks it.
//!
//! ## References
//!
//! Issue 12 (fusion on real coverage); ECB+ (Cybulska and Vossen, 2014), whose stories are
//! built of such repeated events.

use std::collections::{BTreeMap, BTreeSet};

use crosscheck_core::Lang;
use crosscheck_text::Stemmer;
use crosscheck_text::dates::TimeValue;
use crosscheck_text::lexicon::{Lexicon, List};

use super::categories::full_names;
use super::common::clause_stems;
use super::dates::{agree, agree_key};
use crate::analysis::Context;
use crate::story::EntityKind;
use crate::timeline::Dated;

/// What the refinement reads of the story: the full name each entity stands for.
pub(super) struct Occurrences {
    full: Vec<u32>,
}

/// What tells the occurrence of one date: the persons of its sentence and whether it tells a
/// repetition.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Sign {
    persons: BTreeSet<u32>,
    repeated: bool,
}

impl Occurrences {
    /// The occurrences of the story `ctx`.
    pub(super) fn new(ctx: &Context<'_>) -> Occurrences {
        Occurrences { full: full_names(ctx) }
    }

    /// The sign of date `x`.
    fn sign(&self, ctx: &Context<'_>, x: &Dated) -> Sign {
        let d = &ctx.docs[x.doc];
        let s = &d.sents[x.sent];
        let lx = Lexicon::of(d.article.language);
        let (lo, hi) = (s.words.start as usize, s.words.end as usize);
        let repeated = (lo..hi).any(|i| {
            !d.overlaps(i, x.mention.span) && lx.has(List::RepeatMarkers, &d.words[i].key)
        });
        let speech = |i: usize| d.words.get(i).is_some_and(|w| lx.has(List::SpeechVerbs, &w.key));
        // A date of a saying (`said in a post on Tuesday`) dates the statement: its speaker is
        // its participant.
        let says = d.clause_around(x.sent, x.mention.span).is_some_and(|mut c| c.any(speech));
        let mut persons = BTreeSet::new();
        let ms = ctx.entities.mentions.get(x.doc).map_or(&[][..], Vec::as_slice);
        let from = ms.partition_point(|m| (m.words.0 as usize) < lo);
        for m in ms[from..].iter().take_while(|m| (m.words.0 as usize) < hi) {
            let (a, b) = (m.words.0 as usize, m.words.1 as usize);
            // A speaker (`Orvin said`, `said Lee Orvin`) tells the event, takes no part in it.
            let speaker = !says && (speech(b) || (a > lo && speech(a - 1)));
            let e = &ctx.entities.entities[m.entity as usize];
            if e.kind == EntityKind::Person && !speaker {
                persons.insert(self.full[m.entity as usize]);
            }
        }
        Sign { persons, repeated }
    }

    /// The dates of `items` (one event's, see `dates`) that disagree with a date of another
    /// report of the same occurrence; see the module doc.
    pub(super) fn same<'d>(&self, ctx: &Context<'_>, items: &[&'d Dated]) -> Vec<&'d Dated> {
        // Dates of one value and one sign behave alike: compared once per class (a story of
        // thousands of reports gives an event thousands of dates, few classes), each class
        // with its reports and the stems of its dates' clauses.
        let mut classes: Vec<Class<'d>> = Vec::new();
        let mut index: BTreeMap<(Sign, (TimeValue, Option<String>)), usize> = BTreeMap::new();
        let mut stemmers: BTreeMap<Lang, Stemmer> = BTreeMap::new();
        let mut of_item: Vec<(usize, BTreeSet<String>)> = Vec::with_capacity(items.len());
        for &x in items {
            let sign = self.sign(ctx, x);
            let k = *index.entry((sign.clone(), agree_key(x))).or_insert_with(|| {
                classes.push(Class { sign, date: x, reports: BTreeSet::new(), stems: BTreeSet::new() });
                classes.len() - 1
            });
            let d = &ctx.docs[x.doc];
            let st = stemmers.entry(d.article.language).or_insert_with(|| Stemmer::new(d.article.language));
            let stems = clause_stems(d, x.sent, x.mention.span, st);
            classes[k].reports.insert(ctx.canon[x.doc]);
            classes[k].stems.extend(stems.iter().cloned());
            of_item.push((k, stems));
        }
        let apart = |a: &Sign, b: &Sign| {
            a.repeated
                || b.repeated
                || (!a.persons.is_empty()
                    && !b.persons.is_empty()
                    && !a.persons.is_subset(&b.persons)
                    && !b.persons.is_subset(&a.persons))
        };
        items
            .iter()
            .zip(&of_item)
            .filter(|&(&x, (k, stems))| {
                let a = &classes[*k];
                let report = ctx.canon[x.doc];
                classes.iter().any(|b| {
                    !agree(a.date, b.date)
                        && !apart(&a.sign, &b.sign)
                        && b.reports.iter().any(|&r| r != report)
                        && stems.iter().any(|t| b.stems.contains(t))
                })
            })
            .map(|(&x, _)| x)
            .collect()
    }
}

/// Dates of one value and one sign: one of them, their reports and their clauses' stems.
struct Class<'d> {
    sign: Sign,
    date: &'d Dated,
    reports: BTreeSet<usize>,
    stems: BTreeSet<String>,
}
