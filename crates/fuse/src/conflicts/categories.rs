//! Category conflicts: one entity given two values of a category whose values exclude each
//! other (a hit that is a `single` in one report and a `home run` in another).
//!
//! ## What it does
//!
//! Reads in prose sentences every word or phrase of the `exclusive_values` word list (each
//! names a category and a value: `homered` → hit, home run) that stands as a noun phrase's
//! head or as a verb (the next word, if any, is a function word or punctuation: `a single in
//! the ninth`, not `a single day`). What it is said of is the nearest entity mentioned before
//! it in the sentence, with no new clause (`but`, `while`: the `clause_conjunctions` list)
//! and no semicolon or colon in between. For each entity and category, a report that gives
//! one value is a vote for it; a report that gives two (a player who singled and homered) is
//! left out. Two values from different reports make an `other` conflict, one side per value.
//!
//! ## Why
//!
//! A value of a closed category is as checkable as a number, and outlets get it wrong in the
//! same way (a low-quality rewrite turning a home run into a single), but it shares no digits
//! with the correct one, so the fact table never sees it.
//!
//! ## Example
//!
//! `Dara Vell hit a tying single in the ninth` against `Dara Vell homered in the ninth`: a
//! conflict on Dara Vell's hit, single vs home run. `Vell singled in the third and homered in
//! the ninth` in one report is no vote at all.
//!
//! ## Limitations
//!
//! The entity is the nearest one before the value, not a parsed subject or object: `Orrin
//! struck out Vell with a single on base` gives the single to Vell. Values of one entity at
//! different moments (two at-bats told by two reports) look like one value disputed.
//!
//! ## References
//!
//! Slot filling as in the TAC KBP slot-filling task.

use std::collections::{BTreeMap, BTreeSet};

use crosscheck_core::Span;
use crosscheck_text::lexicon::{Lexicon, List};

use super::common::{negates, side_of};
use crate::analysis::words::fold;
use crate::analysis::{Context, Gap};
use crate::story::{Conflict, ConflictKind, ConflictSide};

/// The most words between an entity and the value it is given.
const MAX_GAP_WORDS: u32 = 10;

/// One value given to an entity in a sentence.
#[derive(Debug)]
struct Given {
    doc: usize,
    entity: u32,
    category: &'static str,
    value: &'static str,
    /// The entity mention through the value, in text offsets.
    evidence: Span,
}

/// The `<category>:<value>` a phrase of one or two words at word `k` names, and how many
/// words it covers.
fn value_at(
    lx: &Lexicon,
    words: &[crate::analysis::Word],
    k: usize,
    end: usize,
) -> Option<(&'static str, usize)> {
    if k + 1 < end && words[k + 1].gap == Gap::Space {
        let pair = format!("{} {}", words[k].key, words[k + 1].key);
        if let Some(v) = lx.value(List::ExclusiveValues, &pair) {
            return Some((v, 2));
        }
    }
    lx.value(List::ExclusiveValues, &words[k].key).map(|v| (v, 1))
}

/// Reads every value given to an entity in the story's distinct reports.
fn read(ctx: &Context<'_>) -> Vec<Given> {
    let full = full_names(ctx);
    let mut out = Vec::new();
    for (di, d) in ctx.reports() {
        let lx = Lexicon::of(d.article.language);
        let text = d.article.text.as_str();
        let mentions = ctx.entities.mentions.get(di).map_or(&[][..], Vec::as_slice);
        for s in d.sents.iter().filter(|s| s.claim) {
            let (lo, hi) = (s.words.start as usize, s.words.end as usize);
            let mut k = lo;
            while k < hi {
                let Some((tag, n)) = value_at(lx, &d.words, k, hi) else {
                    k += 1;
                    continue;
                };
                let after = k + n;
                // A head or a verb, not a modifier (`a single day`, `a home run record`).
                let head = after >= hi
                    || d.words[after].gap != Gap::Space
                    || crosscheck_text::is_stopword(d.article.language, &d.words[after].key);
                let Some((category, value)) = tag.split_once(':') else {
                    k += n;
                    continue;
                };
                if head
                    && let Some(m) = mentions.iter().rev().find(|m| {
                        m.words.1 as usize <= k && m.words.0 as usize >= lo && m.words.0 < m.words.1
                    })
                    && k as u32 - m.words.1 <= MAX_GAP_WORDS
                {
                    let between = text
                        .get(m.span.end as usize..d.words[k].span.start as usize)
                        .unwrap_or(";");
                    // A new clause, or a negation (`Vell had not hit a home run since May`).
                    let new_clause = between.contains([';', ':', '.', '!', '?', '(', ')'])
                        || (m.words.1 as usize..k).any(|j| {
                            lx.has(List::ClauseConjunctions, &d.words[j].key) || negates(d, j, lx)
                        });
                    if !new_clause {
                        out.push(Given {
                            doc: di,
                            entity: full[m.entity as usize],
                            category,
                            value,
                            evidence: Span::new(m.span.start, d.words[after - 1].span.end),
                        });
                    }
                }
                k += n;
            }
        }
    }
    out
}

/// For each entity, the entity it stands for: a one-word name (`Vell`) stands for the one
/// longer name of the story that ends with it (`Dara Vell`), when there is exactly one.
pub(super) fn full_names(ctx: &Context<'_>) -> Vec<u32> {
    let ents = &ctx.entities.entities;
    let folded: Vec<String> = ents.iter().map(|e| fold(&e.name)).collect();
    (0..ents.len())
        .map(|i| {
            let name = &folded[i];
            if name.contains(' ') || name.is_empty() {
                return i as u32;
            }
            let mut longer = folded.iter().enumerate().filter(|(j, f)| {
                *j != i && f.rsplit_once(' ').is_some_and(|(_, last)| last == name)
            });
            match (longer.next(), longer.next()) {
                (Some((j, _)), None) => j as u32,
                _ => i as u32,
            }
        })
        .collect()
}

/// Finds the category conflicts of a story; see the module documentation.
pub(super) fn find(ctx: &Context<'_>) -> Vec<Conflict> {
    let given = read(ctx);
    // (entity, category) -> report -> values given.
    let mut slots: BTreeMap<(u32, &str), BTreeMap<usize, BTreeSet<&str>>> = BTreeMap::new();
    for g in &given {
        slots.entry((g.entity, g.category)).or_default().entry(g.doc).or_default().insert(g.value);
    }
    let mut out = Vec::new();
    for ((entity, category), reports) in slots {
        // value -> reports giving only it.
        let mut sides: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (doc, values) in &reports {
            if let [v] = values.iter().copied().collect::<Vec<_>>()[..] {
                sides.entry(v).or_default().push(*doc);
            }
        }
        if sides.len() < 2 {
            continue;
        }
        let mut conflict_sides: Vec<(usize, ConflictSide)> = sides
            .iter()
            .map(|(value, docs)| {
                let found = given
                    .iter()
                    .filter(|g| {
                        g.entity == entity
                            && g.category == category
                            && g.value == *value
                            && docs.contains(&g.doc)
                    })
                    .map(|g| (g.doc, g.evidence));
                side_of(ctx, (*value).to_string(), found)
            })
            .collect();
        conflict_sides.sort_by_key(|s| std::cmp::Reverse(s.0));
        let name = &ctx.entities.entities[entity as usize].name;
        out.push(Conflict {
            kind: ConflictKind::Other,
            topic: format!("{category} of {name}"),
            sides: conflict_sides.into_iter().map(|s| s.1).collect(),
        });
    }
    out
}
