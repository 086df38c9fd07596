//! Scope conflicts: one agent's action told as whole in one report and as partial in
//! another (`voted to acquit the defendant` against `voted to acquit on some counts`).
//!
//! ## What it does
//!
//! Finds in prose a phrase that restricts an action to part of its object (the
//! `partial_scope` list: `on some`, `partially`) after a named agent: the nearest entity mention before it, at
//! most eight words before, with no punctuation, new clause (`clause_conjunctions`) or
//! negation between. The action is the content words between the agent and the restriction
//! (`voted to acquit`). Another report states the whole action when, right after a mention of
//! the same agent (a comma may close an apposition), within eight words and before any
//! punctuation, it has the same content words (by stem) followed by an object taken whole
//! (a word of the `whole_scope` list: `the`, `all`, `his`; or a name), with no restriction
//! and no negation. Each pair is an `other` conflict with two sides, whole and partial.
//!
//! ## Why
//!
//! Whether a judge acquitted on all counts or on some, whether a company sold all of a unit
//! or part of it, is a fact outlets get wrong, and no number or date carries it.
//!
//! ## Example
//!
//! `Judge Mara Olsen voted to acquit the mayor` against `Judge Mara Olsen voted to acquit on
//! some counts`: a conflict. `Olsen voted to acquit him on Tuesday` against `Olsen also voted
//! to convict on some counts` stays quiet: the actions differ.
//!
//! ## Limitations
//!
//! Word order, not a parse: an object taken whole is read from its determiner, so `the
//! charges` counts as all the charges.
//!
//! ## References
//!
//! Issue 12 (fusion on real coverage).

use std::collections::BTreeSet;

use crosscheck_core::Span;
use crosscheck_text::Stemmer;
use crosscheck_text::lexicon::{Lexicon, List};

use super::categories::full_names;
use super::common::{negates, side_of};
use crate::analysis::events::content_stem;
use crate::analysis::{Context, Doc, Gap};
use crate::story::{Conflict, ConflictKind, ConflictSide};

/// The most words between an agent and the restriction or the object.
const MAX_WORDS: usize = 8;

/// An action told of an agent.
#[derive(Debug)]
struct Told {
    doc: usize,
    agent: u32,
    /// The action's stems: the content words after the agent up to the restriction or the
    /// object.
    action: BTreeSet<String>,
    partial: bool,
    /// The agent through the object or the restriction.
    evidence: Span,
    /// The action through the object or the restriction.
    value: Span,
}

/// Whether word `j` restricts an action to part of its object: a word of the
/// `partial_scope` list, or one that ends a phrase of it with the word before (`on some`).
fn restricts(d: &Doc<'_>, j: usize, lx: &Lexicon) -> bool {
    if lx.has(List::PartialScope, &d.words[j].key) {
        return true;
    }
    j > 0 && d.words[j].gap == Gap::Space && {
        let pair = format!("{} {}", d.words[j - 1].key, d.words[j].key);
        lx.has(List::PartialScope, &pair)
    }
}

/// Reads what each agent is told to do, whole or partial, in one report.
fn read(ctx: &Context<'_>, di: usize, full: &[u32], out: &mut Vec<Told>) {
    let d = &ctx.docs[di];
    let lx = Lexicon::of(d.article.language);
    let lang = d.article.language;
    let stemmer = Stemmer::new(lang);
    let mentions = ctx.entities.mentions.get(di).map_or(&[][..], Vec::as_slice);
    for m in mentions {
        let (a, b) = (m.words.0 as usize, m.words.1 as usize);
        if a >= b {
            continue;
        }
        let sent = &d.sents[d.words[a].sent as usize];
        if !sent.claim {
            continue;
        }
        let hi = sent.words.end as usize;
        let mut stems = BTreeSet::new();
        let mut first = None;
        for j in b..hi.min(b + MAX_WORDS) {
            let w = &d.words[j];
            // A comma may close an apposition right after the agent (`Olsen, a judge, …`).
            let open = w.gap == Gap::Space || (j == b && w.gap == Gap::Comma);
            if !open
                || lx.has(List::ClauseConjunctions, &w.key)
                || negates(d, j, lx)
                || mentions.iter().any(|o| o.words.0 as usize == j)
            {
                // A name after the action is its object taken whole.
                let named =
                    open && !stems.is_empty() && mentions.iter().any(|o| o.words.0 as usize == j);
                if named {
                    push(ctx, di, (m.entity, m.span.start), full, (first, j), stems, false, out);
                }
                break;
            }
            if restricts(d, j, lx) {
                if !stems.is_empty() {
                    push(ctx, di, (m.entity, m.span.start), full, (first, j), stems, true, out);
                }
                break;
            }
            if lx.has(List::WholeScope, &w.key) && !stems.is_empty() {
                // The object runs to the end of its phrase, at most three words.
                let end = (j + 1..hi.min(j + 4))
                    .take_while(|&k| {
                        d.words[k].gap == Gap::Space
                            && !crosscheck_text::is_stopword(lang, &d.words[k].key)
                            && !restricts(d, k, lx)
                    })
                    .last()
                    .unwrap_or(j);
                let restricted = (end + 1..hi.min(end + 4))
                    .take_while(|&k| d.words[k].gap == Gap::Space)
                    .any(|k| restricts(d, k, lx));
                if !restricted {
                    push(ctx, di, (m.entity, m.span.start), full, (first, end), stems, false, out);
                }
                break;
            }
            if let Some(s) = content_stem(&w.key, lang, &stemmer) {
                first.get_or_insert(j);
                stems.insert(s);
            }
        }
    }
}

/// Records one told action: the agent `entity`, the action's first word through word `end`.
#[expect(clippy::too_many_arguments, reason = "one record's fields, pushed from three places")]
fn push(
    ctx: &Context<'_>,
    doc: usize,
    (entity, start): (u32, u32),
    full: &[u32],
    (first, end): (Option<usize>, usize),
    stems: BTreeSet<String>,
    partial: bool,
    out: &mut Vec<Told>,
) {
    let d = &ctx.docs[doc];
    let Some(first) = first else { return };
    let last = if partial { (end + 1).min(d.words.len() - 1) } else { end };
    let last = if partial && d.words[last].sent != d.words[end].sent { end } else { last };
    out.push(Told {
        doc,
        agent: full[entity as usize],
        action: stems,
        partial,
        evidence: Span::new(start, d.words[last].span.end),
        value: Span::new(d.words[first].span.start, d.words[last].span.end),
    });
}

/// Finds the scope conflicts of a story; see the module documentation.
pub(super) fn find(ctx: &Context<'_>) -> Vec<Conflict> {
    let full = full_names(ctx);
    let mut told = Vec::new();
    for (di, _) in ctx.reports() {
        read(ctx, di, &full, &mut told);
    }
    let mut out = Vec::new();
    let mut seen: BTreeSet<(u32, Vec<String>)> = BTreeSet::new();
    for p in told.iter().filter(|t| t.partial) {
        let whole: Vec<&Told> = told
            .iter()
            .filter(|w| {
                !w.partial
                    && w.agent == p.agent
                    && ctx.canon[w.doc] != ctx.canon[p.doc]
                    && p.action == w.action
            })
            .collect();
        if whole.is_empty() || !seen.insert((p.agent, p.action.iter().cloned().collect())) {
            continue;
        }
        let side = |ts: &[&Told]| -> ConflictSide {
            let value = ctx.docs[ts[0].doc].text(ts[0].value).to_string();
            side_of(ctx, value, ts.iter().map(|t| (t.doc, t.evidence))).1
        };
        let partial: Vec<&Told> = told
            .iter()
            .filter(|t| t.partial && t.agent == p.agent && t.action == p.action)
            .collect();
        let name = &ctx.entities.entities[p.agent as usize].name;
        out.push(Conflict {
            kind: ConflictKind::Other,
            topic: format!("scope: what {name} did in whole or in part"),
            sides: vec![side(&whole), side(&partial)],
        });
    }
    out
}
