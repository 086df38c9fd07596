//! Frame conflicts: two reports that say the same words around different names (`draws on the
//! recent Orsk accord` and `draws on the recent Velm accord`).
//!
//! ## What it does
//!
//! Takes every entity mention of a prose sentence with its frame: the four words right before
//! it (no punctuation between; two of them content words, the words of the `stopwords` list
//! aside) and one content word among the three right after it (`accord` in `the recent Orsk
//! peace accord`). Mentions of different reports that share a frame and name different
//! entities fill one slot differently. Names that cannot be told apart that way are left out:
//! spellings of one name (merged before, or close in letters: `Vitkov`, `Witkoff`), names that
//! one report gives together (at most three words apart: `Orsk and Velm`), one name inside the other, and a
//! report that fills the frame with two names. Each frame left with two names is an `other`
//! conflict, one side per name, with the frame as its topic.
//!
//! ## Why
//!
//! A rewrite that swaps one name for another keeps the sentence around it: a report that has a
//! plan modelled on `the recent Velm accord` where the others have `the recent Orsk accord` is
//! wrong about which accord, and no number or date shows it.
//!
//! ## Example
//!
//! `the plan draws on the recent Orsk peace accord` and `the plan draws on the recent Velm
//! accord`: Orsk vs Velm. `talks with the mayor of Orsk and Velm` names both: quiet.
//!
//! ## Limitations
//!
//! A frame is words, not meaning: four shared words before two names (`a statement released by
//! the`) can frame two different facts; the two content words and the word after keep that
//! rare.
//!
//! ## References
//!
//! Issue 12 (fusion on real coverage); slot filling as in the TAC KBP slot-filling task.

use std::collections::{BTreeMap, BTreeSet};

use crosscheck_core::Span;

use super::categories::full_names;
use super::common::side_of;
use crate::analysis::words::fold;
use crate::analysis::{Context, Gap};
use crate::story::{Conflict, ConflictKind, ConflictSide};

/// Words of the frame before a name.
const BEFORE: usize = 4;

/// Content words the frame before a name must hold.
const CONTENT: usize = 2;

/// The most words between two names a report relates by naming them together.
const NEAR: u32 = 3;

/// How many words after a name the frame's content word can be.
const AFTER: usize = 3;

/// One name in its frame.
#[derive(Debug)]
struct Framed {
    doc: usize,
    sent: u32,
    entity: u32,
    /// The frame through the name and the word after, in text offsets.
    evidence: Span,
    /// The name as written.
    name: Span,
}

/// Whether two folded names are close in letters (at most one edit per two letters of the
/// longer: transliterations such as `Vitkov` and `Witkoff`).
fn close(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()] * 2 <= a.len().max(b.len())
}

/// Finds the frame conflicts of a story; see the module documentation.
pub(super) fn find(ctx: &Context<'_>) -> Vec<Conflict> {
    let full = full_names(ctx);
    // frame -> names in it.
    let mut frames: BTreeMap<(Vec<String>, String), Vec<Framed>> = BTreeMap::new();
    // Pairs of entities one sentence names together.
    let mut together: BTreeSet<(u32, u32)> = BTreeSet::new();
    for (di, d) in ctx.reports() {
        let lang = d.article.language;
        let mentions = ctx.entities.mentions.get(di).map_or(&[][..], Vec::as_slice);
        // Names within three words of each other in a sentence (`Orsk and Velm`, `Orsk, Velm`).
        for (i, m) in mentions.iter().enumerate() {
            for n in &mentions[i + 1..] {
                if n.words.0 > m.words.1 + NEAR {
                    break;
                }
                let (x, y) = (full[m.entity as usize], full[n.entity as usize]);
                let sent = |k: u32| d.words.get(k as usize).map(|w| w.sent);
                if m.words.0 < m.words.1
                    && sent(m.words.0).is_some()
                    && sent(m.words.0) == sent(n.words.0)
                {
                    together.insert((x.min(y), x.max(y)));
                }
            }
        }
        for m in mentions {
            let (a, b) = (m.words.0 as usize, m.words.1 as usize);
            if a < BEFORE || a >= b {
                continue;
            }
            let sent = d.words[a].sent;
            if !d.sents[sent as usize].claim {
                continue;
            }
            let before = a - BEFORE..a;
            let joined = before.clone().all(|k| d.words[k].sent == sent)
                && (before.start + 1..=a).all(|k| d.words[k].gap == Gap::Space);
            if !joined {
                continue;
            }
            let content = before
                .clone()
                .filter(|&k| {
                    !d.words[k].cap && !crosscheck_text::is_stopword(lang, &d.words[k].key)
                })
                .count();
            if content < CONTENT || before.clone().any(|k| d.words[k].cap || d.words[k].digit) {
                continue;
            }
            let left: Vec<String> = before.map(|k| d.words[k].key.clone()).collect();
            for k in b..(b + AFTER).min(d.words.len()) {
                let w = &d.words[k];
                if w.sent != sent || w.gap != Gap::Space {
                    break;
                }
                if w.cap || w.digit || crosscheck_text::is_stopword(lang, &w.key) {
                    continue;
                }
                frames.entry((left.clone(), w.key.clone())).or_default().push(Framed {
                    doc: di,
                    sent,
                    entity: full[m.entity as usize],
                    evidence: Span::new(d.words[a - BEFORE].span.start, w.span.end),
                    name: m.span,
                });
            }
        }
    }
    let ents = &ctx.entities.entities;
    let folded: Vec<String> = ents.iter().map(|e| fold(&e.name)).collect();
    let related = |x: u32, y: u32| {
        let (fx, fy) = (&folded[x as usize], &folded[y as usize]);
        together.contains(&(x.min(y), x.max(y)))
            || fx.contains(fy.as_str())
            || fy.contains(fx.as_str())
            || close(fx, fy)
    };
    let mut out = Vec::new();
    let mut seen: BTreeSet<Vec<(usize, u32)>> = BTreeSet::new();
    for ((left, right), items) in &frames {
        // A report that fills the frame with two names is left out.
        let mut names_of: BTreeMap<usize, BTreeSet<u32>> = BTreeMap::new();
        for f in items {
            names_of.entry(ctx.canon[f.doc]).or_default().insert(f.entity);
        }
        let kept: Vec<&Framed> =
            items.iter().filter(|f| names_of[&ctx.canon[f.doc]].len() == 1).collect();
        let mut by_entity: BTreeMap<u32, Vec<&Framed>> = BTreeMap::new();
        for f in kept {
            by_entity.entry(f.entity).or_default().push(f);
        }
        if by_entity.len() != 2 {
            continue;
        }
        let names: Vec<u32> = by_entity.keys().copied().collect();
        if related(names[0], names[1]) {
            continue;
        }
        let key: Vec<(usize, u32)> =
            by_entity.values().flatten().map(|f| (f.doc, f.sent)).collect();
        if !seen.insert(key) {
            continue;
        }
        let sides: Vec<ConflictSide> = by_entity
            .values()
            .map(|fs| {
                let value = ctx.docs[fs[0].doc].text(fs[0].name).to_string();
                side_of(ctx, value, fs.iter().map(|f| (f.doc, f.evidence))).1
            })
            .collect();
        out.push(Conflict {
            kind: ConflictKind::Other,
            topic: format!("which name in \u{201c}{} \u{2026} {right}\u{201d}", left.join(" ")),
            sides,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::close;

    #[test]
    fn spellings_are_close_and_names_are_not() {
        assert!(close("vitkov", "witkoff"));
        assert!(close("umerov", "umarov"));
        assert!(!close("gaza", "washington"));
        assert!(!close("orsk", "velm"));
    }
}
