//! A small sentence splitter that keeps quotations whole.
//!
//! ## What it does
//! Cuts text at `.`, `!`, `?` (and any closing quotation marks or brackets right after them) when
//! whitespace and then a capital letter, digit or opening mark follow, and always at a line break.
//! No cut is made inside a protected span (the inside of a quotation), so a quoted passage of two
//! sentences stays in the sentence that attributes it.
//!
//! ## Why
//! A quote and its attribution ("…,” the official said.) must land in one sentence for speaker
//! detection, and the evidence span of a date must be the sentence a reader would quote.
//!
//! ## Example
//! `He said: "We agree. It is done." Then he left.` gives two sentences, the first ending after
//! the closing mark.
//!
//! ## Limitations
//! Abbreviations are a short list (titles, months, single initials such as "U.S."); an
//! abbreviation that ends a sentence merges it with the next one.
//!
//! ## References
//! Unicode UAX #29 sentence boundaries, simplified for news prose.

use crate::lexicon::{Lexicon, List};
use crosscheck_core::Span;

/// Whether a quotation mark closes a quote (it may also open one, like `"`).
fn is_closing(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '»' | '“' | '\'' | ')' | ']' | '›')
}

fn is_opening(c: char) -> bool {
    matches!(c, '"' | '“' | '„' | '«' | '‘' | '(' | '[' | '‹' | '¿' | '¡')
}

/// The sentences of `text`, trimmed of surrounding whitespace, in order. No sentence boundary
/// falls strictly inside a span of `protected`, except at a line break.
pub fn sentence_spans(text: &str, protected: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c == '\n' {
            push(text, start, i, &mut out);
            start = i + 1;
            continue;
        }
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // Extend over repeated terminators and closing marks.
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            if matches!(d, '.' | '!' | '?') || is_closing(d) {
                end = j + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        // A cut may not fall inside a protected span either.
        if protected.iter().any(|p| (p.start as usize) < end && end < p.end as usize) {
            continue;
        }
        let rest = &text[end..];
        let after_space = rest.trim_start_matches([' ', '\t', '\u{a0}']);
        if after_space.len() == rest.len() && !rest.is_empty() && !rest.starts_with(['\n', '\r']) {
            continue;
        }
        let next = after_space.chars().next();
        let starts_new = next.is_none_or(|n| {
            n.is_uppercase()
                || n.is_ascii_digit()
                || is_opening(n)
                || n == '\n'
                || n == '\r'
                || n == '-'
        });
        if !starts_new || (c == '.' && is_abbreviation(&text[..i])) {
            continue;
        }
        push(text, start, end, &mut out);
        start = end;
    }
    push(text, start, text.len(), &mut out);
    out
}

/// Whether the period ending `before` closes an abbreviation ("Mr.", "U.S.", "Nov.").
fn is_abbreviation(before: &str) -> bool {
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let lower = word.to_lowercase();
    if Lexicon::any(List::Abbreviations, &lower) {
        return true;
    }
    // A single capital ("J. Smith") or dotted initials ("U.S", "U.K").
    let mut letters = lower.split('.').filter(|p| !p.is_empty());
    let all_single = letters.clone().all(|p| p.chars().count() == 1);
    all_single && letters.next().is_some() && word.chars().next().is_some_and(char::is_uppercase)
}

/// Pushes the trimmed span `start..end` when it holds any non-space text.
fn push(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let Some(piece) = text.get(start..end) else { return };
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(Span::from_usize(start + lead, end - trail));
    }
}

/// The sentence of `sentences` (sorted, disjoint) that contains `at`, extended to every sentence
/// `at` overlaps; `at` itself when none does.
pub fn sentence_around(sentences: &[Span], at: Span) -> Span {
    let mut cover: Option<Span> = None;
    for s in sentences {
        if s.start <= at.end && at.start < s.end.max(s.start + 1) {
            cover = Some(cover.map_or(*s, |c| c.cover(*s)));
        }
    }
    cover.map_or(at, |c| c.cover(at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, protected: &[Span]) -> Vec<&'a str> {
        sentence_spans(text, protected).iter().map(|s| &text[s.range()]).collect()
    }

    #[test]
    fn cuts_after_closing_marks_and_keeps_abbreviations() {
        let t = "He said: “We agree. It is done.” Then he left. Mr. Smith met U.S. officials on Nov. 3.";
        let q = t.find('“').unwrap();
        let e = t.find('”').unwrap();
        let got = texts(t, &[Span::from_usize(q, e + '”'.len_utf8())]);
        assert_eq!(
            got,
            [
                "He said: “We agree. It is done.”",
                "Then he left.",
                "Mr. Smith met U.S. officials on Nov. 3."
            ]
        );
    }

    #[test]
    fn line_breaks_end_sentences() {
        assert_eq!(texts("A title\n\nBody one. body two", &[]), ["A title", "Body one. body two"]);
    }

    #[test]
    fn around_covers_overlapped_sentences() {
        let t = "One two. Three four. Five.";
        let s = sentence_spans(t, &[]);
        assert_eq!(&t[sentence_around(&s, Span::new(10, 12)).range()], "Three four.");
        assert_eq!(&t[sentence_around(&s, Span::new(5, 12)).range()], "One two. Three four.");
    }
}
