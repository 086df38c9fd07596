//! Different occurrences told alike, kept apart in date and number conflicts.
//!
//! ## What it does
//!
//! A refinement of the `dates` rule and of the number conflicts of the fact table: two dates
//! (or two values of a number) of different reports that disagree count as a disagreement
//! only when nothing says they tell two occurrences. Two signs do:
//! - a different participant: each sentence names a person the other does not (`placed Ivo
//!   Brenner on the injured list on Wednesday` and `placed Dara Vell on the injured list on
//!   Tuesday`), speakers left out (`…, Sheriff Lee Orvin said`: who tells it is no participant)
//!   unless a date's clause is the saying (`Orvin said in a post on Tuesday`: the date dates
//!   the statement, whose participant is its speaker); a one-word name counts as the one
//!   longer name of the story ending with it;
//! - a repetition: either sentence holds a word of the `repeat_markers` list (`again`,
//!   `another`, `second`: `the second time in as many days`, `a second theft`), so it tells one
//!   of several occurrences.
//!
//! Dates are compared one by one, once the `date_steps` refinement has sorted them: a date
//! that disagrees only with dates of other occurrences is no side, and the event conflicts when
//! the dates left still do. A value of a number is compared by its sentences: a side whose every sentence
//! tells another occurrence than every sentence of each other side leaves.
//!
//! ## Why
//!
//! The `dates` rule links dates by the words around them, and a story told over days repeats
//! its words for each occurrence of a kind of event: a team places one player on the injured
//! list on Tuesday and another on Wednesday, a president announces one nominee on one day and
//! another a week later, a jewel theft in May is recalled beside one in July. On the ECB+
//! stories those were most of the false date conflicts, and several number ones (the toll of
//! another shooting, the contract of another player); a conflict is a warning that one report
//! has one occurrence wrong.
//!
//! ## Example
//!
//! `President Ilse Marr named Judge Dara Vell to lead the flood inquiry on Tuesday` and
//! `President Ilse Marr named Judge Ivo Brenner to lead the flood inquiry on March 3`: no
//! conflict; with `named Judge Vell` in the second, a conflict. `the gunman killed two` in the
//! story of one shooting and `In February another gunman opened fire at a college, killing
//! three`: no number conflict.
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

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use foldhash::{HashMap, HashMapExt};

use crosscheck_core::Span;
use crosscheck_text::dates::TimeValue;
use crosscheck_text::lexicon::{Lexicon, List};

use super::categories::full_names;
use super::common::{agree, agree_key};
use crate::analysis::Context;
use crate::facts::Place;
use crate::story::EntityKind;
use crate::timeline::Dated;

/// What the refinement reads of the story: the full name each entity stands for.
pub(super) struct Occurrences {
    full: Vec<u32>,
    /// The signs of the sentences of numbers read so far (a value's sentences are read once
    /// per pair of sides of its conflict).
    read: RefCell<HashMap<Place, Sign>>,
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
        Occurrences { full: full_names(ctx), read: RefCell::new(HashMap::new()) }
    }

    /// The sign of date `x`.
    fn sign(&self, ctx: &Context<'_>, x: &Dated) -> Sign {
        let d = &ctx.docs[x.doc];
        let lx = Lexicon::of(d.article.language);
        let speech = |i: usize| d.words.get(i).is_some_and(|w| lx.has(List::SpeechVerbs, &w.key));
        // A date of a saying (`said in a post on Tuesday`) dates the statement: its speaker is
        // its participant.
        let says = d.clause_around(x.sent, x.mention.span).is_some_and(|mut c| c.any(speech));
        self.sentence_sign(ctx, x.doc, x.sent, Some(x.mention.span), says)
    }

    /// The sign of sentence `sent` of article `doc`, the words of `skip` left out; `says`
    /// keeps its speakers among its persons.
    fn sentence_sign(
        &self,
        ctx: &Context<'_>,
        doc: usize,
        sent: usize,
        skip: Option<Span>,
        says: bool,
    ) -> Sign {
        let d = &ctx.docs[doc];
        let s = &d.sents[sent];
        let lx = Lexicon::of(d.article.language);
        let (lo, hi) = (s.words.start as usize, s.words.end as usize);
        let repeated = (lo..hi).any(|i| {
            !skip.is_some_and(|sp| d.overlaps(i, sp))
                && lx.has(List::RepeatMarkers, &d.words[i].key)
        });
        let speech = |i: usize| d.words.get(i).is_some_and(|w| lx.has(List::SpeechVerbs, &w.key));
        let mut persons = BTreeSet::new();
        let ms = ctx.entities.mentions.get(doc).map_or(&[][..], Vec::as_slice);
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

    /// Whether the sentences of two values of a number (article and sentence indices) tell
    /// different occurrences: every sentence of one apart from every sentence of the other.
    pub(super) fn places_apart(&self, ctx: &Context<'_>, a: &[Place], b: &[Place]) -> bool {
        let signs = |p: &[Place]| -> BTreeSet<Sign> {
            let mut read = self.read.borrow_mut();
            p.iter()
                .map(|&(doc, sent)| {
                    read.entry((doc, sent))
                        .or_insert_with(|| self.sentence_sign(ctx, doc, sent, None, false))
                        .clone()
                })
                .collect()
        };
        let (sa, sb) = (signs(a), signs(b));
        // A repetition word is no sign here: `another 29 were hospitalised, seven of them in a
        // critical condition` adds to a count, the same occurrence.
        sa.iter().all(|x| sb.iter().all(|y| other_participant(x, y)))
    }

    /// The dates of `items` (one event's, see `dates`) that disagree with a date of another
    /// report of the same occurrence; see the module doc.
    pub(super) fn same<'d>(&self, ctx: &Context<'_>, items: &[&'d Dated]) -> Vec<&'d Dated> {
        // Dates of one value and one sign behave alike: compared once per class (a story of
        // thousands of reports gives an event thousands of dates, few classes), each class
        // with its reports.
        let mut classes: Vec<(Sign, &'d Dated, BTreeSet<usize>)> = Vec::new();
        let mut index: BTreeMap<(Sign, (TimeValue, Option<String>)), usize> = BTreeMap::new();
        let mut class_of: Vec<usize> = Vec::with_capacity(items.len());
        for &x in items {
            let sign = self.sign(ctx, x);
            let k = *index.entry((sign.clone(), agree_key(x))).or_insert_with(|| {
                classes.push((sign, x, BTreeSet::new()));
                classes.len() - 1
            });
            classes[k].2.insert(ctx.canon[x.doc]);
            class_of.push(k);
        }
        let counted: Vec<bool> = classes
            .iter()
            .map(|(sa, xa, ra)| {
                classes.iter().any(|(sb, xb, rb)| {
                    !agree(xa, xb) && !apart(sa, sb) && (ra.len() > 1 || rb.len() > 1 || ra != rb)
                })
            })
            .collect();
        items.iter().zip(&class_of).filter(|&(_, &k)| counted[k]).map(|(&x, _)| x).collect()
    }
}

/// Whether two signs tell different occurrences: either tells a repetition, or each names a
/// person the other does not.
fn apart(a: &Sign, b: &Sign) -> bool {
    a.repeated || b.repeated || other_participant(a, b)
}

/// Whether each of two signs names a person the other does not.
fn other_participant(a: &Sign, b: &Sign) -> bool {
    !a.persons.is_empty()
        && !b.persons.is_empty()
        && !a.persons.is_subset(&b.persons)
        && !b.persons.is_subset(&a.persons)
}
