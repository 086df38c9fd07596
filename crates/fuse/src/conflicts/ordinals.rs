//! Ordinal conflicts: one possessor's running count of one thing given different ordinals
//! (`their ninth title` in one report, `their seventh title` in another).
//!
//! ## What it does
//!
//! Reads every ordinal (`ninth`, `9th`: the `ordinals` and `ordinal_suffixes` lists) that
//! follows a possessive (a pronoun of the `possessive_pronouns` list, or a name written with
//! `'s`) and counts a noun of the `ordinal_counts` list (`title`, `term`), with at most three
//! words between them. Capitalised words between the ordinal and the noun qualify what is
//! counted (`World Series` in `their seventh World Series victory`), and a noun that names a
//! win becomes a title when a name qualifies it; lowercase modifiers other than running totals
//! (`overall`, `all-time`: `running_totals`) also qualify it. An ordinal bounded to a streak or
//! a period (`straight`, `in six years`, `of the season`: `ordinal_bounds` and time units in its
//! clause) counts something else and is left out, as is `first`. Whose count it is: the
//! possessive name, or for a pronoun the entities of its sentence and of the sentence before.
//! Two ordinals of one concept whose possessors meet (an entity in common, and pronouns of one
//! number: `his` is not `their`) are one slot; an
//! unqualified one joins a qualified slot when the story qualifies that concept one way only.
//! A slot given two values by different reports is a `number` conflict, one side per value; a
//! report may give both (a lead that contradicts its body).
//!
//! ## Why
//!
//! A running count (the ninth title, the third term) is as checkable as a number, but it is
//! written as a word that no quantity reader takes for a count, and outlets get it wrong the
//! way they get a number wrong.
//!
//! ## Example
//!
//! `the Herons won their fourth league title` and `clinching their sixth league title` from
//! another report: a conflict, fourth vs sixth. `their second straight title` and `their
//! fourth title` stay quiet: a streak is another count.
//!
//! ## Limitations
//!
//! A pronoun's possessor is guessed from the entities around it, not resolved: two teams
//! named in both sentences let one team's count meet the other's.
//!
//! ## References
//!
//! Issue 12 (fusion on real coverage).

use std::collections::{BTreeMap, BTreeSet};

use crosscheck_core::Span;
use crosscheck_text::lexicon::{Lexicon, List};

use super::categories::full_names;
use super::common::side_of;
use crate::analysis::{Context, Doc, Gap};
use crate::entities::linkage::single_linkage;
use crate::story::{Conflict, ConflictKind, ConflictSide};

/// The most words between an ordinal and the noun it counts.
const MAX_MODIFIERS: usize = 3;

/// How many words after the counted noun can bound the ordinal (`in six years`).
const BOUND_REACH: usize = 4;

/// One ordinal count read in a sentence.
#[derive(Debug)]
struct Count {
    doc: usize,
    value: i64,
    concept: &'static str,
    /// The qualifier (`world series`), empty when none.
    qualifier: String,
    /// Whose count it may be.
    possessors: BTreeSet<u32>,
    /// The possessive pronoun's number (`plural` for `their`), empty for a name.
    number: &'static str,
    /// The possessive through the noun, in text offsets.
    evidence: Span,
    /// The ordinal through the noun, in text offsets: the side's value.
    written: Span,
}

/// The value of an ordinal word (`ninth`, `9th`).
fn ordinal(lx: &Lexicon, key: &str) -> Option<i64> {
    if let Some(v) = lx.number(List::Ordinals, key) {
        return Some(v);
    }
    let digits = key.len() - key.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || !lx.has(List::OrdinalSuffixes, &key[digits..]) {
        return None;
    }
    key[..digits].parse().ok()
}

/// The entities of a sentence, by their full names.
fn entities_of(ctx: &Context<'_>, doc: usize, sent: usize, full: &[u32]) -> BTreeSet<u32> {
    let d = &ctx.docs[doc];
    let s = &d.sents[sent];
    ctx.entities
        .mentions
        .get(doc)
        .map(|ms| {
            ms.iter()
                .filter(|m| m.words.0 >= s.words.start && m.words.1 <= s.words.end)
                .map(|m| full[m.entity as usize])
                .collect()
        })
        .unwrap_or_default()
}

/// The count read at word `k` of sentence `si`, if an ordinal there counts a noun after a
/// possessive.
fn count_at(
    ctx: &Context<'_>,
    (doc, si): (usize, usize),
    k: usize,
    full: &[u32],
    lx: &Lexicon,
) -> Option<Count> {
    let d: &Doc<'_> = &ctx.docs[doc];
    let s = &d.sents[si];
    let (lo, hi) = (s.words.start as usize, s.words.end as usize);
    let value = ordinal(lx, &d.words[k].key)?;
    if value < 2 || k == lo || d.words[k].gap != Gap::Space {
        return None;
    }
    // The possessive right before the ordinal.
    let p = k - 1;
    let mention = ctx
        .entities
        .mentions
        .get(doc)
        .and_then(|ms| ms.iter().find(|m| m.words.1 as usize == k && m.words.0 < m.words.1));
    let (mut possessors, number) =
        if let Some(number) = lx.value(List::PossessivePronouns, &d.words[p].key) {
            let mut out = entities_of(ctx, doc, si, full);
            if si > 0 {
                out.extend(entities_of(ctx, doc, si - 1, full));
            }
            (out, number)
        } else if let Some(m) = mention.filter(|_| d.words[p].possessive) {
            (BTreeSet::from([full[m.entity as usize]]), "")
        } else {
            return None;
        };
    let start =
        mention.filter(|_| d.words[p].possessive).map_or(d.words[p].span.start, |m| m.span.start);
    // The modifiers, then the counted noun.
    let mut qualifier: Vec<&str> = Vec::new();
    let mut named = false;
    let mut head = None;
    for j in k + 1..hi.min(k + 2 + MAX_MODIFIERS) {
        let w = &d.words[j];
        if w.gap != Gap::Space || (!w.cap && lx.has(List::OrdinalBounds, &w.key)) {
            return None;
        }
        // A capitalised count noun is part of a name (`Northern Cup victory`).
        if let Some(c) = lx.value(List::OrdinalCounts, &w.key).filter(|_| !w.cap) {
            head = Some((j, c));
            break;
        }
        if w.cap {
            named = true;
            qualifier.push(&w.key);
        } else if !lx.has(List::RunningTotals, &w.key) {
            qualifier.push(&w.key);
        }
    }
    let (h, concepts) = head?;
    // A name that qualifies the noun (`World Series`) is not whose count it is.
    if let Some(ms) = ctx.entities.mentions.get(doc) {
        for m in ms.iter().filter(|m| m.words.0 as usize > k && (m.words.0 as usize) < h) {
            possessors.remove(&full[m.entity as usize]);
        }
    }
    // A bound after the noun: `in six years`, `of the season`, `since 1993`.
    let bound = (h + 1..hi.min(h + 1 + BOUND_REACH))
        .take_while(|&j| d.words[j].gap == Gap::Space)
        .any(|j| {
            let key = d.words[j].key.as_str();
            lx.has(List::OrdinalBounds, key)
                || lx.has(List::PeriodStarts, key)
                || lx.has(List::TimeUnits, key)
        });
    if bound {
        return None;
    }
    let concept = match concepts.split_once('/') {
        Some((_, n)) if named => n,
        Some((plain, _)) => plain,
        None => concepts,
    };
    Some(Count {
        doc,
        value,
        concept,
        qualifier: qualifier.join(" "),
        possessors,
        number,
        evidence: Span::new(start, d.words[h].span.end),
        written: Span::new(d.words[k].span.start, d.words[h].span.end),
    })
}

/// Reads every ordinal count of the story's distinct reports.
fn read(ctx: &Context<'_>) -> Vec<Count> {
    let full = full_names(ctx);
    let mut out = Vec::new();
    for (di, d) in ctx.reports() {
        let lx = Lexicon::of(d.article.language);
        for (si, s) in d.sents.iter().enumerate().filter(|(_, s)| s.claim) {
            for k in s.words.start as usize..s.words.end as usize {
                if let Some(c) = count_at(ctx, (di, si), k, &full, lx) {
                    out.push(c);
                }
            }
        }
    }
    out
}

/// Finds the ordinal conflicts of a story; see the module documentation.
pub(super) fn find(ctx: &Context<'_>) -> Vec<Conflict> {
    let counts = read(ctx);
    // concept -> qualifiers given.
    let mut qualifiers: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for c in &counts {
        if !c.qualifier.is_empty() {
            qualifiers.entry(c.concept).or_default().insert(&c.qualifier);
        }
    }
    // The slot key of a count: its concept and qualifier; an unqualified count takes the
    // concept's only qualifier, and none when there are several.
    let keys: Vec<Option<(&str, &str)>> = counts
        .iter()
        .map(|c| {
            if !c.qualifier.is_empty() {
                return Some((c.concept, c.qualifier.as_str()));
            }
            match qualifiers.get(c.concept) {
                None => Some((c.concept, "")),
                Some(q) if q.len() == 1 => q.iter().next().map(|q| (c.concept, *q)),
                Some(_) => None,
            }
        })
        .collect();
    let ids: Vec<usize> = (0..counts.len()).filter(|&i| keys[i].is_some()).collect();
    let groups = single_linkage(ids.len(), |x, y| {
        let (a, b) = (&counts[ids[x]], &counts[ids[y]]);
        keys[ids[x]] == keys[ids[y]]
            && (a.number == b.number || a.number.is_empty() || b.number.is_empty())
            && !a.possessors.is_disjoint(&b.possessors)
    });
    let mut out = Vec::new();
    for g in groups {
        let members: Vec<&Count> = g.iter().map(|&x| &counts[ids[x]]).collect();
        let mut by_value: BTreeMap<i64, Vec<&Count>> = BTreeMap::new();
        for c in &members {
            by_value.entry(c.value).or_default().push(c);
        }
        let reports: BTreeSet<usize> = members.iter().map(|c| ctx.canon[c.doc]).collect();
        if by_value.len() < 2 || reports.len() < 2 {
            continue;
        }
        let mut sides: Vec<(usize, ConflictSide)> = by_value
            .values()
            .map(|cs| {
                let first = cs[0];
                let value = ctx.docs[first.doc].text(first.written).to_string();
                side_of(ctx, value, cs.iter().map(|c| (c.doc, c.evidence)))
            })
            .collect();
        sides.sort_by_key(|s| std::cmp::Reverse(s.0));
        let first = members[0];
        let whose: Vec<&str> = first
            .possessors
            .iter()
            .filter(|&&e| members.iter().all(|c| c.possessors.contains(&e)))
            .map(|&e| ctx.entities.entities[e as usize].name.as_str())
            .collect();
        let topic = if whose.len() == 1 {
            format!("which {} of {}", first.concept, whose[0])
        } else {
            format!("which {}", first.concept)
        };
        out.push(Conflict {
            kind: ConflictKind::Number,
            topic,
            sides: sides.into_iter().map(|s| s.1).collect(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::ordinal;
    use crosscheck_core::Lang;
    use crosscheck_text::lexicon::Lexicon;

    #[test]
    fn ordinals_read_in_words_and_digits() {
        let en = Lexicon::of(Lang::EN);
        assert_eq!(ordinal(en, "ninth"), Some(9));
        assert_eq!(ordinal(en, "9th"), Some(9));
        assert_eq!(ordinal(en, "22nd"), Some(22));
        assert_eq!(ordinal(en, "nine"), None);
        assert_eq!(ordinal(en, "9"), None);
        assert_eq!(ordinal(en, "th"), None);
        assert_eq!(ordinal(Lexicon::of(Lang::UNKNOWN), "ninth"), None);
    }
}
