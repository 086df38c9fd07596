//! Result conflicts: one numbered part of an event (`Game 6`, `Stage 12`, `the second leg`)
//! given different scores.
//!
//! ## What it does
//!
//! Reads every label of a numbered part (a noun of the `event_labels` list followed by a
//! number in digits or words: `Game 6`, `game six`) and every score (two numbers of one or two
//! digits joined by a dash) that a result word (`won`, `beat`, `victory`: the `result_words`
//! list) governs: the word stands at most six words before the score with no other score in
//! between (`beat the Herons 3-1`, `later took it 3-1`) or at most three words after it
//! (`a 3-1 Game 6 victory`). The score belongs to the label in its clause (the words up to the
//! nearest punctuation), the nearest to it, else to the last label of its sentence or of the
//! two sentences before (`… in Game 6. The Herons later took it 4-1 to force a Game 7`),
//! unless it is the story's result (the score the leads of most reports give) or a score some
//! report gives another label in that label's clause. A
//! label qualified by a competition (`Game 1 of the Northern Cup`, and the same label again
//! in that sentence) is another label than the bare one; a report that gives one label two
//! scores is left out. Two scores given to one label
//! by different reports are a `number` conflict, one side per score (read unordered: `1-3` is
//! `3-1`).
//!
//! ## Why
//!
//! A series, a tour or a tie has many results, so the lead's score (see `tallies`) says nothing
//! about the others; but a label names one part, and two reports that give it different scores
//! contradict each other.
//!
//! ## Example
//!
//! `the Herons clung on to take Game 6 by 3-1` and, elsewhere, `Orrin started Game 6. The
//! Herons later took it 4-1 to force a Game 7.`: Game 6, 3-1 vs 4-1. `trailed 3-1 in Game 6`
//! is no result and stays quiet.
//!
//! ## Limitations
//!
//! A label carried over from an earlier sentence can be the wrong one when a report moves to
//! another game without naming it.
//!
//! ## References
//!
//! Issue 12 (fusion on real coverage).

use std::collections::{BTreeMap, BTreeSet};

use crosscheck_core::Span;
use crosscheck_text::lexicon::{Lexicon, List};

use super::common::side_of;
use super::tallies::tallies;
use crate::analysis::Context;
use crate::analysis::{Doc, Gap};
use crate::story::{Conflict, ConflictKind, ConflictSide};

/// The most words between a result word and the score after it.
const RESULT_BEFORE: usize = 6;

/// The most words between a score and the result word after it.
const RESULT_AFTER: usize = 3;

/// How many sentences back a score looks for its label.
const LABEL_REACH: usize = 2;

/// A label of a numbered part: the noun, the number and what qualifies it (`world series` of
/// `Game 7 of the World Series`), empty when nothing does.
type Label = (String, i64, String);

/// One score given to a label.
#[derive(Debug)]
struct Score {
    doc: usize,
    label: Label,
    value: (u32, u32),
    /// The score (with the label when they share a clause), in text offsets.
    evidence: Span,
    /// The label was carried over from before the score's clause.
    carried: bool,
}

/// The label at word `k` (`Game 6`, `game six`) and its last word, if any.
fn label_at(d: &Doc<'_>, k: usize, lx: &Lexicon) -> Option<(Label, usize)> {
    let w = &d.words[k];
    if !lx.has(List::EventLabels, &w.key) {
        return None;
    }
    let n = d.words.get(k + 1).filter(|n| n.gap == Gap::Space && n.sent == w.sent)?;
    let value = if n.key.len() <= 2 && n.key.chars().all(|c| c.is_ascii_digit()) {
        n.key.parse().ok()?
    } else {
        lx.number(List::NumberWords, &n.key)?
    };
    Some(((w.key.clone(), value, qualifier(d, k + 1, lx)), k + 1))
}

/// What qualifies the label ending at word `last`: the capitalised words of an `of` phrase
/// after it (`Game 1 of the Northern Cup`), lowercased.
fn qualifier(d: &Doc<'_>, last: usize, lx: &Lexicon) -> String {
    let s = d.words[last].sent;
    let next = |j: usize| d.words.get(j).filter(|w| w.sent == s && w.gap == Gap::Space);
    if next(last + 1).is_none_or(|w| !lx.has(List::GenitivePrepositions, &w.key)) {
        return String::new();
    }
    let mut out: Vec<&str> = Vec::new();
    let mut j = last + 2;
    while let Some(w) = next(j) {
        if w.cap {
            out.push(&w.key);
        } else if !(out.is_empty() && lx.has(List::Articles, &w.key)) {
            break;
        }
        j += 1;
    }
    out.join(" ")
}

/// The story's result: the score that the leads of two reports or more give, the most common
/// one.
fn story_result(ctx: &Context<'_>) -> Option<(u32, u32)> {
    let mut count: BTreeMap<(u32, u32), usize> = BTreeMap::new();
    for (_, d) in ctx.reports() {
        let text = d.article.text.as_str();
        let lead =
            d.sents.iter().find(|s| s.claim).and_then(|s| {
                tallies(text.get(s.span.start as usize..s.span.end as usize)?).next()
            });
        if let Some((_, _, x, y)) = lead {
            *count.entry((x, y)).or_default() += 1;
        }
    }
    count.into_iter().filter(|&(_, n)| n >= 2).max_by_key(|&(v, n)| (n, v)).map(|(v, _)| v)
}

/// Reads the scores given to labels in one report.
fn read(ctx: &Context<'_>, di: usize, result: Option<(u32, u32)>, out: &mut Vec<Score>) {
    let d = &ctx.docs[di];
    let lx = Lexicon::of(d.article.language);
    let text = d.article.text.as_str();
    // Every label of the report: (first word, last word, label). A label written again in its
    // sentence keeps the qualifier it was given there (`Game 1 of the Northern Cup … a 3-1
    // Game 1 win`).
    let mut labels: Vec<(usize, usize, Label)> = Vec::new();
    for k in 0..d.words.len() {
        if let Some((mut label, last)) = label_at(d, k, lx) {
            if label.2.is_empty()
                && let Some(q) = labels.iter().rev().find(|(j, _, l)| {
                    d.words[*j].sent == d.words[k].sent && l.0 == label.0 && l.1 == label.1
                })
            {
                label.2.clone_from(&q.2.2);
            }
            labels.push((k, last, label));
        }
    }
    if labels.is_empty() {
        return;
    }
    for (si, s) in d.sents.iter().enumerate() {
        if !s.claim {
            continue;
        }
        let (lo, hi) = (s.words.start as usize, s.words.end as usize);
        let Some(sent_text) = text.get(s.span.start as usize..s.span.end as usize) else {
            continue;
        };
        let found: Vec<(Span, (u32, u32))> = tallies(sent_text)
            .map(|(a, b, x, y)| {
                let at = s.span.start as usize;
                (Span::from_usize(at + a, at + b), (x, y))
            })
            .collect();
        for (i, &(span, value)) in found.iter().enumerate() {
            let Some(first) = (lo..hi).find(|&j| d.words[j].span.end > span.start) else {
                continue;
            };
            let last = (first..hi).take_while(|&j| d.words[j].span.start < span.end).last();
            let Some(last) = last else { continue };
            let prev_end = i.checked_sub(1).map_or(0, |p| found[p].0.end);
            let before = (first.saturating_sub(RESULT_BEFORE).max(lo)..first).any(|j| {
                d.words[j].span.start >= prev_end && lx.has(List::ResultWords, &d.words[j].key)
            });
            let next_start = found.get(i + 1).map_or(u32::MAX, |n| n.0.start);
            let after = (last + 1..hi.min(last + 1 + RESULT_AFTER)).any(|j| {
                d.words[j].span.start < next_start && lx.has(List::ResultWords, &d.words[j].key)
            });
            if !(before || after) {
                continue;
            }
            // The label of the clause, nearest first; else the last one before, from this
            // sentence or the two before it.
            let clause = d.clause_around(si, span).unwrap_or(first..last + 1);
            let in_clause = labels
                .iter()
                .filter(|(k, l, _)| *k >= clause.start && *l < clause.end)
                .min_by_key(|(k, _, _)| k.abs_diff(first));
            let label = in_clause.or_else(|| {
                labels
                    .iter()
                    .rev()
                    .find(|(k, _, _)| *k < first && d.words[*k].sent as usize + LABEL_REACH >= si)
            });
            let Some((k, l, label)) = label else { continue };
            // A score carried to an earlier sentence's label that is the story's result is
            // that result (`after throwing 96 pitches in Game 6. … clinched it with a 5-4
            // win`), not the label's.
            if in_clause.is_none() && result == Some(value) {
                continue;
            }
            let evidence = if in_clause.is_some() {
                Span::new(
                    span.start.min(d.words[*k].span.start),
                    span.end.max(d.words[*l].span.end),
                )
            } else {
                let c = clause.start.min(first);
                Span::new(d.words[c].span.start, span.end)
            };
            out.push(Score {
                doc: di,
                label: label.clone(),
                value,
                evidence,
                carried: in_clause.is_none(),
            });
        }
    }
}

/// Finds the result conflicts of a story; see the module documentation.
pub(super) fn find(ctx: &Context<'_>) -> Vec<Conflict> {
    let mut scores = Vec::new();
    let result = story_result(ctx);
    for (di, _) in ctx.reports() {
        read(ctx, di, result, &mut scores);
    }
    // A score carried over to a label that another label is given in its own clause is that
    // label's (`5-4 in Game 7` elsewhere: a `5-4 win` after a sentence about Game 6).
    let known: BTreeSet<(Label, (u32, u32))> =
        scores.iter().filter(|s| !s.carried).map(|s| (s.label.clone(), s.value)).collect();
    scores.retain(|s| !s.carried || !known.iter().any(|(l, v)| *v == s.value && *l != s.label));
    // label -> value -> scores; a report giving one label two values is left out.
    let mut by_label: BTreeMap<&Label, BTreeMap<(u32, u32), Vec<&Score>>> = BTreeMap::new();
    let mut values_of: BTreeMap<(&Label, usize), BTreeSet<(u32, u32)>> = BTreeMap::new();
    for s in &scores {
        values_of.entry((&s.label, s.doc)).or_default().insert(s.value);
    }
    for s in &scores {
        if values_of[&(&s.label, s.doc)].len() == 1 {
            by_label.entry(&s.label).or_default().entry(s.value).or_default().push(s);
        }
    }
    let mut out = Vec::new();
    for (label, values) in by_label {
        if values.len() < 2 {
            continue;
        }
        let mut sides: Vec<(usize, ConflictSide)> = values
            .iter()
            .map(|(&(hi, lo), ss)| {
                side_of(ctx, format!("{hi}-{lo}"), ss.iter().map(|s| (s.doc, s.evidence)))
            })
            .collect();
        sides.sort_by_key(|s| std::cmp::Reverse(s.0));
        // The label as the first report writes it.
        let first = values.values().next().and_then(|v| v.first());
        let name = first
            .and_then(|s| {
                let d = &ctx.docs[s.doc];
                let lx = Lexicon::of(d.article.language);
                (0..d.words.len()).find_map(|k| {
                    let (l, last) = label_at(d, k, lx)?;
                    (l == *label).then(|| {
                        d.text(Span::new(d.words[k].span.start, d.words[last].span.end)).to_string()
                    })
                })
            })
            .unwrap_or_else(|| format!("{} {}", label.0, label.1));
        let name = if label.2.is_empty() { name } else { format!("{name} ({})", label.2) };
        out.push(Conflict {
            kind: ConflictKind::Number,
            topic: format!("score of {name}"),
            sides: sides.into_iter().map(|s| s.1).collect(),
        });
    }
    out
}
