//! Tally conflicts: different results (a final score, a vote count) in the leads of one story,
//! in any language.
//!
//! ## What it does
//!
//! Takes the first tally (two numbers of one or two digits joined by a dash: `5-4`, `4–1`,
//! `6−5`) in each distinct report's lead, its first sentence of prose, and reads it as an
//! unordered pair (`4-5` is `5-4`: the winner's side first, or the loser's). When the leads give
//! different pairs, and at least two reports agree on one of them, each pair is a side of one
//! `number` conflict.
//!
//! ## Why
//!
//! A lead states the result of the event: the score of the final, the vote of the court. It is
//! written in digits in every language, so a Spanish report that gives `6-5` where the English
//! wires give `5-4` contradicts them even though no word of the sentences is shared. The rule
//! that compares quantities reads counted nouns in English; this one needs no words at all.
//!
//! ## Example
//!
//! "Norland beat Tarvik 3-2 in the final." and "Norland venció 2–3 a Tarvik." agree; a third
//! lead "Norland a battu Tarvik 4-2." disagrees with both.
//!
//! A tally right after a word of the `partial_scores` list (`led`, `trailing`, `with the lead
//! still 3-1`: at most three words before it) is a score during play and sets no side.
//!
//! ## Limitations
//!
//! - Only the lead's first tally: a report that opens with a partial score (`trailing 0-3`)
//!   sets its side by it.
//! - Ranges in a lead (`aged 52-68`) read as tallies; requiring two reports on one side keeps a
//!   lone range from making a conflict.
//!
//! ## References
//!
//! Issue 15 (cross-lingual stories).

use std::collections::BTreeMap;

use crosscheck_core::Span;

use crosscheck_text::lexicon::{Lexicon, List};

use super::common::side_of;
use crate::analysis::Context;
use crate::analysis::words::fold;
use crate::story::{Conflict, ConflictKind, ConflictSide};

/// How many prose sentences make a lead.
const LEAD_SENTENCES: usize = 1;

/// How many words before a score can make it a score during play.
const PARTIAL_REACH: usize = 3;

/// The first tally of `text` as `(start, end, high, low)` (byte offsets into `text`).
fn first_tally(text: &str) -> Option<(usize, usize, u32, u32)> {
    tallies(text).next()
}

/// Every tally of `text` as `(start, end, high, low)` (byte offsets into `text`): two numbers
/// of one or two digits joined by a dash, not part of a date, a longer chain or a decimal.
pub(super) fn tallies(text: &str) -> impl Iterator<Item = (usize, usize, u32, u32)> + '_ {
    let b = text.as_bytes();
    text.match_indices(['-', '–', '−']).filter_map(move |(i, dash)| {
        let mut s = i;
        while s > 0 && b[s - 1].is_ascii_digit() {
            s -= 1;
        }
        let after = i + dash.len();
        let mut e = after;
        while e < b.len() && b[e].is_ascii_digit() {
            e += 1;
        }
        let digit_at = |k: Option<usize>| k.and_then(|k| b.get(k)).is_some_and(u8::is_ascii_digit);
        // Not part of a date (`2025-11-01`), a longer chain (`6-4-3`) or a decimal number.
        let glued = (s > 0
            && (matches!(b[s - 1], b'-' | b'/' | b':')
                || (matches!(b[s - 1], b'.' | b',') && digit_at(s.checked_sub(2)))))
            || (e < b.len()
                && (matches!(b[e], b'-' | b'/' | b':')
                    || (matches!(b[e], b'.' | b',') && digit_at(Some(e + 1)))));
        if (1..=2).contains(&(i - s)) && (1..=2).contains(&(e - after)) && !glued {
            let (x, y) = (text[s..i].parse::<u32>().ok()?, text[after..e].parse::<u32>().ok()?);
            return Some((s, e, x.max(y), x.min(y)));
        }
        None
    })
}

/// Finds the tally conflicts of a story; see the module documentation.
pub(super) fn find(ctx: &Context<'_>) -> Vec<Conflict> {
    // Value -> (articles, evidence).
    let mut sides: BTreeMap<(u32, u32), Vec<(usize, Span)>> = BTreeMap::new();
    for (d, doc) in ctx.reports() {
        let text = doc.article.text.as_str();
        let lead = doc.sents.iter().filter(|s| s.claim).take(LEAD_SENTENCES).find_map(|s| {
            let sent = text.get(s.span.start as usize..s.span.end as usize)?;
            let (a, b, hi, lo) = first_tally(sent)?;
            let at = s.span.start as usize;
            // A score during play (`with the lead still 3-1`) is not the result.
            let lx = Lexicon::of(doc.article.language);
            let during = sent[..a]
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .rev()
                .take(PARTIAL_REACH)
                .any(|w| lx.has(List::PartialScores, &fold(w)));
            if during {
                return None;
            }
            Some(((hi, lo), Span::from_usize(at + a, at + b)))
        });
        if let Some((value, span)) = lead {
            sides.entry(value).or_default().push((d, span));
        }
    }
    if sides.len() < 2 || sides.values().all(|v| v.len() < 2) {
        return Vec::new();
    }
    let mut out: Vec<(usize, ConflictSide)> = sides
        .into_iter()
        .map(|((hi, lo), found)| side_of(ctx, format!("{hi}-{lo}"), found))
        .collect();
    out.sort_by_key(|s| std::cmp::Reverse(s.0));
    vec![Conflict {
        kind: ConflictKind::Number,
        topic: "result: score or vote".to_string(),
        sides: out.into_iter().map(|s| s.1).collect(),
    }]
}

#[cfg(test)]
mod tests {
    use super::first_tally;

    #[test]
    fn tallies_are_unordered_and_stand_alone() {
        assert_eq!(first_tally("Norland beat Tarvik 3-2 in the final."), Some((20, 23, 3, 2)));
        assert_eq!(first_tally("Norland venció 2–3 a Tarvik.").map(|t| (t.2, t.3)), Some((3, 2)));
        assert_eq!(first_tally("大会4−5で終了").map(|t| (t.2, t.3)), Some((5, 4)));
        assert_eq!(first_tally("On 2025-11-01 the panel met."), None);
        assert_eq!(first_tally("A 6-4-3 double play."), None);
        assert_eq!(first_tally("Shares rose 1.5-2 percent."), None);
        assert_eq!(first_tally("The panel voted 4-1."), Some((16, 19, 4, 1)));
    }
}
