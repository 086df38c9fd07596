//! Place and alternative-value conflicts: the same slot of one event filled with different
//! entities by different reports.
//!
//! ## What it does
//!
//! Reads two kinds of slot in prose sentences:
//! - **place**: a place entity after a locative preposition (`in`, `at`, `near`, `off`,
//!   `outside`): where something happened;
//! - **agent**: any entity after `by` following a content word (`inspired by X`, `founded by
//!   X`, `won by X`), the slot being that word's stem.
//!
//! The prepositions are the lexicon's `place_prepositions` and `agent_prepositions` of the
//! article's language: a language without them has no slot of that kind.
//!
//! A bare surname (`inspired by Kessler`) stands for the full name that ends with it (`Lena
//! Kessler`) when the story has only one such name, so that surnames of two different people
//! are compared as those people.
//!
//! Fillers of one slot in different reports are the same fact when their clauses (the words
//! up to the nearest punctuation, see the dates rule) share at least two words and half of the
//! smaller one, or their sentences are alike (the `events` context cosine, 0.3). The fillers of a fact
//! are split into sides of compatible entities: one entity in every spelling (variants are
//! merged before), or two entities the story itself relates (named together in one sentence,
//! `Geyserville, north of Santa Rosa`, both given for the slot by one report, `inspired by X
//! and Y`, or one name inside the other, `Iran` and `Southern Iran`), or two places that can
//! lie one inside the other: places of different gazetteer classes (`Madrid` and `Spain`, a
//! country and its continent), or a region, country or continent and a place the gazetteer
//! does not know (a district, a village). A place followed by a number (`near Interstate
//! 805`, `at Gate 4`) is a numbered way or site across places and fills no slot. A report that fills the slot of one fact with two
//! entities (a list of places) is left out. Two or more sides from different reports make a
//! `place` or an `other` conflict.
//!
//! ## Why
//!
//! Outlets locate an event in different towns, or credit a work to different people; a reader
//! sees it only by laying the reports side by side. Spellings of one name are not a
//! disagreement, nor is a town and the country or region it lies in.
//!
//! ## Example
//!
//! `the ship struck the bridge in Zhelvany` against `the ship struck the bridge in Ostrava`:
//! a place conflict, Zhelvany vs Ostrava; `the bomb exploded in Madrid` against `exploded in
//! Barcelona`, Madrid vs Barcelona, but not against `exploded in Spain`. `the plan was inspired
//! by Kessler` against `the plan was inspired by Marrow` (Lena Kessler and Tomas Marrow named
//! elsewhere): an alternative-value conflict on `inspired by`, Lena Kessler vs Tomas Marrow.
//!
//! ## Limitations
//!
//! The gazetteer has classes but no hierarchy: a city and a country are taken to contain each
//! other even when they do not (`Madrid` and `France` agree), and two places it does not know
//! (a village and its district) conflict unless the story names them together. The slot is
//! read from one preposition, not parsed: `in Paris` of a background clause can meet `in
//! Lyon` of the event when the sentences are otherwise alike.
//!
//! ## References
//!
//! Slot filling as in the TAC KBP slot-filling task; mutual context similarity as in the
//! `events` heuristic.

use foldhash::{HashMap, HashMapExt};
use std::collections::{BTreeMap, BTreeSet};

use crosscheck_core::Span;
use crosscheck_text::Stemmer;
use crosscheck_text::lexicon::{Lexicon as Words, List};

use super::common::{clause_stems, same_fact_among, short, split_sides};
use crate::analysis::Context;
use crate::analysis::events::{Bag, Lexicon, content_stem};
use crate::analysis::words::fold;
use crate::entities::gazetteer::gazetteer;
use crate::story::{Conflict, ConflictKind, EntityKind};

/// Share of the smaller clause's words that two fillers of one slot in different reports must
/// have in common to fill it for one fact (the overlap coefficient of their clauses).
const SAME_SLOT: f32 = 0.5;

/// One entity filling a slot in a sentence.
#[derive(Debug)]
struct Filler {
    doc: usize,
    sent: usize,
    entity: u32,
    /// `place`, or the stem of the word before `by`.
    slot: String,
    /// The cue and the entity mention (`in Zhelvany`, `inspired by Kessler`), in text offsets.
    span: Span,
    /// The entity mention alone.
    mention: Span,
}

/// Finds the place and alternative-value conflicts of a story.
pub(super) fn find(ctx: &Context<'_>, lexicon: &Lexicon) -> Vec<Conflict> {
    let table = &ctx.entities;
    let mut fillers: Vec<Filler> = Vec::new();
    // A bare surname (`inspired by Kessler`) stands for the person whose full name ends so,
    // when the story has only one.
    let surname_of: Vec<Option<String>> = table
        .entities
        .iter()
        .map(|e| {
            let key = fold(&e.name);
            (e.kind != EntityKind::Place && e.kind != EntityKind::Org && !key.contains(' '))
                .then_some(key)
        })
        .collect();
    let mut full_names: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (i, e) in table.entities.iter().enumerate() {
        // People are often kind `other` when nothing in the text marks them.
        if matches!(e.kind, EntityKind::Place | EntityKind::Org) {
            continue;
        }
        let mut lasts: BTreeSet<String> = BTreeSet::new();
        for (v, _) in &e.variants {
            let v = fold(v);
            if let Some((_, last)) = v.rsplit_once(' ') {
                lasts.insert(last.to_string());
            }
        }
        for last in lasts {
            full_names.entry(last).or_default().push(i as u32);
        }
    }
    // Entities named together in one sentence somewhere in the story.
    let mut related: BTreeSet<(u32, u32)> = BTreeSet::new();
    for (di, d) in ctx.docs.iter().enumerate() {
        let stemmer = Stemmer::new(d.article.language);
        let lang = d.article.language;
        let mentions = &table.mentions[di];
        for (k, m) in mentions.iter().enumerate() {
            let first = m.words.0 as usize;
            let sent = d.words[first].sent as usize;
            for o in &mentions[k + 1..] {
                if d.words[o.words.0 as usize].sent as usize != sent {
                    break;
                }
                if o.entity != m.entity {
                    related.insert((m.entity.min(o.entity), m.entity.max(o.entity)));
                }
            }
            let Some(s) = d.sents.get(sent) else { continue };
            if !s.claim || first == 0 || first <= s.words.start as usize {
                continue;
            }
            let cue = &d.words[first - 1];
            if cue.cap || d.words[first].gap != crate::analysis::Gap::Space {
                continue;
            }
            let kind = table.entities[m.entity as usize].kind;
            let words = Words::of(lang);
            let slot = match cue.key.as_str() {
                w if kind == EntityKind::Place && words.has(List::PlacePrepositions, w) => {
                    Some("place".to_string())
                }
                w if words.has(List::AgentPrepositions, w)
                    && first >= 2
                    && first - 1 > s.words.start as usize =>
                {
                    let before = &d.words[first - 2];
                    (cue.gap == crate::analysis::Gap::Space && !before.cap && !before.digit)
                        .then(|| content_stem(&before.key, lang, &stemmer))
                        .flatten()
                        .map(|stem| format!("by:{stem}"))
                }
                _ => None,
            };
            let Some(slot) = slot else { continue };
            // A place followed by a number is a numbered way or site (`near Interstate 805`,
            // `at Gate 4`): it runs across towns and districts, so it locates nothing against
            // them.
            if slot == "place" && numbered(&d.words, m.words.1 as usize) {
                continue;
            }
            let entity = surname_of[m.entity as usize]
                .as_deref()
                .and_then(|key| full_name(&full_names, key))
                .unwrap_or(m.entity);
            let start =
                if slot == "place" { cue.span.start } else { d.words[first - 2].span.start };
            fillers.push(Filler {
                doc: di,
                sent,
                entity,
                slot,
                span: Span::new(start, m.span.end),
                mention: m.span,
            });
        }
    }
    if fillers.is_empty() {
        return Vec::new();
    }
    let levels: Vec<Option<&'static str>> = table
        .entities
        .iter()
        .map(|e| (e.kind == EntityKind::Place).then(|| level(e)).flatten())
        .collect();
    let contexts: Vec<Bag> =
        fillers.iter().map(|f| lexicon.context(&ctx.docs, f.doc, f.sent, f.span, &[])).collect();
    let clauses: Vec<BTreeSet<String>> = fillers
        .iter()
        .map(|f| {
            let d = &ctx.docs[f.doc];
            clause_stems(d, f.sent, f.mention, &Stemmer::new(d.article.language))
        })
        .collect();
    let interned: Vec<Vec<u32>> = {
        let mut ids: HashMap<&str, u32> = HashMap::new();
        clauses
            .iter()
            .map(|c| {
                let mut v: Vec<u32> = c
                    .iter()
                    .map(|w| {
                        let next = ids.len() as u32;
                        *ids.entry(w.as_str()).or_insert(next)
                    })
                    .collect();
                v.sort_unstable();
                v
            })
            .collect()
    };
    // Entities one report gives for the same slot: alternatives it knows of, not rivals.
    let mut by_slot: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, f) in fillers.iter().enumerate() {
        by_slot.entry(f.slot.as_str()).or_default().push(i);
    }
    let mut out = Vec::new();
    for (slot, ids) in by_slot {
        let mut together = related.clone();
        for &a in &ids {
            for &b in &ids {
                let (fa, fb) = (&fillers[a], &fillers[b]);
                if ctx.canon[fa.doc] == ctx.canon[fb.doc] && fa.entity != fb.entity {
                    together.insert((fa.entity.min(fb.entity), fa.entity.max(fb.entity)));
                }
            }
        }
        // Fillers of one fact share three clause stems: only those pairs are compared.
        let facts = same_fact_among(
            ctx,
            &ids,
            |i| fillers[i].doc,
            |i| interned[i].clone(),
            3,
            |a, b| {
                let (x, y) = (&contexts[a], &contexts[b]);
                let (p, q) = (&clauses[a], &clauses[b]);
                let shared = p.intersection(q).count();
                let overlap = shared as f32 / p.len().min(q.len()).max(1) as f32;
                x.shares(y) >= 2 && shared >= 3 && (overlap >= SAME_SLOT || x.cosine(y) >= 0.3)
            },
        );
        for fact in facts {
            // A report that fills the slot with two entities in one fact lists places (or
            // people) of several moments: it is no evidence for either.
            let mut per_report: BTreeMap<usize, BTreeSet<u32>> = BTreeMap::new();
            for &i in &fact {
                per_report.entry(ctx.canon[fillers[i].doc]).or_default().insert(fillers[i].entity);
            }
            let items: Vec<&Filler> = fact
                .iter()
                .map(|&i| &fillers[i])
                .filter(|f| per_report.get(&ctx.canon[f.doc]).is_none_or(|e| e.len() == 1))
                .collect();
            let compatible = |a: &Filler, b: &Filler| {
                a.entity == b.entity
                    || together.contains(&(a.entity.min(b.entity), a.entity.max(b.entity)))
                    || (slot == "place"
                        && may_contain(levels[a.entity as usize], levels[b.entity as usize]))
                    || nested(
                        &table.entities[a.entity as usize].name,
                        &table.entities[b.entity as usize].name,
                    )
            };
            let Some(sides) = split_sides(
                ctx,
                &items,
                |f| f.entity,
                compatible,
                |f| table.entities[f.entity as usize].name.clone(),
                |f| (f.doc, f.span),
            ) else {
                continue;
            };
            let (kind, topic) = if slot == "place" {
                let f = items[0];
                let d = &ctx.docs[f.doc];
                let words = short(d.text(d.sents[f.sent].span), 8);
                (ConflictKind::Place, format!("where: \u{201c}{words}\u{201d}"))
            } else {
                let f = items[0];
                let d = &ctx.docs[f.doc];
                let cue = d.text(Span::new(f.span.start, f.mention.start)).trim().to_string();
                (ConflictKind::Other, format!("{cue} whom"))
            };
            out.push(Conflict { kind, topic, sides });
        }
    }
    out
}

/// The gazetteer class of a place entity (`city`, `region`, `country`, `continent`), read from
/// its name or a spelling of it; `None` when the gazetteer does not know it.
fn level(e: &crate::analysis::Ent) -> Option<&'static str> {
    let g = gazetteer();
    std::iter::once(&e.name)
        .chain(e.variants.iter().map(|v| &v.0))
        .filter_map(|n| g.lookup(&fold(n)))
        .find(|x| !x.demonym && x.kind == EntityKind::Place)
        .map(|x| g.class(x.id))
}

/// Whether two places of these gazetteer classes can lie one inside the other: places of
/// different classes can (a city in its country, in a region, a country in a continent), and so
/// can a place the gazetteer does not know (a district, a village) and a region, country or
/// continent. Two cities, two countries, or a known city and an unknown place cannot, unless
/// the story relates them.
/// Whether word `next` (the one after a mention) is a number right after it: `Interstate 805`.
fn numbered(words: &[crate::analysis::Word], next: usize) -> bool {
    words.get(next).is_some_and(|w| w.digit && w.gap == crate::analysis::Gap::Space)
}

fn may_contain(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x != y,
        (Some(x), None) | (None, Some(x)) => x != "city",
        (None, None) => false,
    }
}

/// The person a bare surname stands for: the story's only full name ending with it. Two full
/// names with one last word (`INS Sukanya`, `Indian Naval Ship Sukanya`) may be one thing
/// spelled two ways or two people of one family: the surname is then left as it is.
fn full_name(full: &BTreeMap<String, Vec<u32>>, key: &str) -> Option<u32> {
    match full.get(key)?.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// Whether one name is part of the other: `Iran` and `Southern Iran`, `Sukanya` and `INS
/// Sukanya` name one place or thing, or one inside the other.
fn nested(a: &str, b: &str) -> bool {
    let (a, b) = (fold(a), fold(b));
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    let (short, long) = if wa.len() <= wb.len() { (wa, wb) } else { (wb, wa) };
    !short.is_empty() && short.iter().all(|w| long.contains(w))
}
