//! Differential test of issue 11's "one sentence splitter": the two former splitters, kept here
//! as reference code, against [`crosscheck_text::sentences`], which replaced both.
//!
//! - Article analysis read `sentencex` line by line (the reference [`old_analysis`]). The new
//!   splitter only joins pieces of it, and every join must be one of its documented
//!   corrections: the next piece opens in lowercase or follows a period without a space
//!   (`News.Az`), or the piece ends with a title of the language's lexicon (`Ms.`).
//! - Date evidence (and, with quotations protected, the quote finder) read a rule-based splitter
//!   (the reference [`old_rules`]). Each boundary that moved is printed with its class, and every
//!   one must belong to a class the change means: `sentencex` keeps a quotation whole, cuts at
//!   full-width stops (`。`), knows ordinals and dotted abbreviations (`27. November`, `u.a.`),
//!   and cuts after a period the old list took for an abbreviation (`Inc.`, `Corp.`) or before a
//!   piece the old rule would not start (a dash, a symbol), or before a closing quotation mark
//!   (`sentencex` leaves it to the next piece).
//!
//! Over every report of `../shared/data/realnews/` (third-party text, read, never copied). The
//! fused output of the five events did not get worse with the change (see the closing note of
//! issue 11).

#![expect(clippy::print_stderr, reason = "the list of changed boundaries is the test's report")]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crosscheck_core::{Lang, Span};
use crosscheck_text::lexicon::{Lexicon, List};

/// The shared data folder beside the repository.
fn shared() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("CROSSCHECK_SHARED") {
        return Some(PathBuf::from(p));
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).ancestors().map(|a| a.join("shared")).find(|p| p.is_dir())
}

/// The former analysis splitter: each line cut by `sentencex`, trimmed.
fn old_analysis(text: &str, lang: Lang) -> Vec<Span> {
    let code = if lang.is_unknown() { "en" } else { lang.as_str() };
    let mut out = Vec::new();
    for (line_off, line) in crosscheck_text::lines(text) {
        for b in sentencex::get_sentence_boundaries(code, line) {
            let Some(piece) = line.get(b.start_byte..b.end_byte) else { continue };
            let trimmed = piece.trim();
            if trimmed.is_empty() {
                continue;
            }
            let start = line_off + b.start_byte + piece.len() - piece.trim_start().len();
            out.push(Span::from_usize(start, start + trimmed.len()));
        }
    }
    out
}

/// The former rule-based splitter (`sentence_spans`), unchanged.
mod rules {
    use crosscheck_core::Span;
    use crosscheck_text::lexicon::{Lexicon, List};

    fn is_closing(c: char) -> bool {
        matches!(c, '"' | '”' | '’' | '»' | '“' | '\'' | ')' | ']' | '›')
    }

    fn is_opening(c: char) -> bool {
        matches!(c, '"' | '“' | '„' | '«' | '‘' | '(' | '[' | '‹' | '¿' | '¡')
    }

    /// The sentences of `text`, trimmed of surrounding whitespace, in order. No sentence boundary
    /// falls strictly inside a span of `protected`, except at a line break.
    pub(crate) fn sentence_spans(text: &str, protected: &[Span]) -> Vec<Span> {
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
            if after_space.len() == rest.len()
                && !rest.is_empty()
                && !rest.starts_with(['\n', '\r'])
            {
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
    pub(crate) fn is_abbreviation(before: &str) -> bool {
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
        all_single
            && letters.next().is_some()
            && word.chars().next().is_some_and(char::is_uppercase)
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
}

use rules::sentence_spans as old_rules;

/// One report of a `.jsonl` file.
#[derive(serde::Deserialize)]
struct Report {
    id: String,
    lang: Option<String>,
    text: String,
}

/// The sentence ends of a split.
fn ends(spans: &[Span]) -> BTreeSet<usize> {
    spans.iter().map(|s| s.end as usize).collect()
}

/// The text from `a` to `b`, both moved onto char boundaries.
fn cut(text: &str, a: usize, b: usize) -> &str {
    let (mut a, mut b) = (a.min(text.len()), b.min(text.len()));
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    while !text.is_char_boundary(b) {
        b += 1;
    }
    &text[a..b]
}

/// The word ending at `end` (before a final period), lowercase.
fn word_before(text: &str, end: usize) -> String {
    let body = text[..end].strip_suffix('.').unwrap_or(&text[..end]);
    body.rsplit(|c: char| !(c.is_alphanumeric() || c == '.')).next().unwrap_or("").to_lowercase()
}

/// Whether `at` sits inside a quotation opened earlier on its line.
fn in_quotation(text: &str, at: usize) -> bool {
    let line = &text[text[..at].rfind('\n').map_or(0, |i| i + 1)..at];
    let count = |c: char| line.matches(c).count();
    count('"') % 2 == 1
        || count('“') > count('”')
        || count('«') > count('»')
        || count('„') > count('“')
}

/// Why a boundary of the date splitter moved, or `None` for a move no class explains.
fn class(text: &str, end: usize, old: bool) -> Option<&'static str> {
    let before = text[..end].chars().last()?;
    let next = text[end..].trim_start().chars().next();
    let word = word_before(text, end);
    if old {
        // Only the rule splitter cut here.
        if in_quotation(text, end) || in_quotation(text, end + 1) {
            return Some("inside a quotation");
        }
        if before == '.' && (word.chars().all(|c| c.is_ascii_digit()) || word.contains('.')) {
            return Some("ordinal or dotted abbreviation");
        }
        if before == '.'
            && Lexicon::languages().any(|l| Lexicon::of(l).has(List::TitleAbbreviations, &word))
        {
            return Some("title");
        }
        return None;
    }
    // Only the new splitter cuts here.
    if !before.is_ascii() && !matches!(before, '”' | '’' | '»' | '…') {
        return Some("full-width stop or symbol");
    }
    if before == '.' && rules::is_abbreviation(&text[..end - 1]) {
        return Some("period the old list took for an abbreviation");
    }
    if next.is_some_and(|n| !(n.is_uppercase() || n.is_ascii_digit() || "\"“„«‘([‹¿¡".contains(n)))
    {
        return Some("next piece opens with a mark");
    }
    if in_quotation(text, end) || matches!(before, '”' | '"' | '»' | '’') {
        return Some("quotation end");
    }
    if text[end..].starts_with(['"', '”', '’', '»']) {
        return Some("a closing mark sentencex leaves to the next piece");
    }
    None
}

#[test]
fn one_splitter_differs_only_where_meant() {
    let root = shared()
        .expect("../shared is missing: the shared corpus must sit beside the repository")
        .join("data/realnews");
    let mut files: Vec<PathBuf> = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("the realnews folder")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for e in entries {
        files.extend(
            ["articles.jsonl", "other-languages.jsonl"]
                .map(|n| e.join(n))
                .into_iter()
                .filter(|p| p.is_file()),
        );
    }
    assert!(!files.is_empty(), "no realnews event under {}", root.display());
    let (mut sentences, mut joined, mut moved) = (0, 0, 0);
    let mut unexplained = Vec::new();
    for file in &files {
        let lines = std::fs::read_to_string(file).expect("a report file");
        for line in lines.lines().filter(|l| !l.trim().is_empty()) {
            let r: Report = serde_json::from_str(line).expect("a JSON line");
            let lang: Lang = r.lang.as_deref().unwrap_or("en").parse().unwrap_or(Lang::UNKNOWN);
            let text = r.text.as_str();
            // Analysis: the new split only joins pieces of the old one.
            let new: Vec<Span> =
                crosscheck_text::sentences(text, lang, &[]).iter().map(|s| s.span).collect();
            sentences += new.len();
            let (n, o) = (ends(&new), ends(&old_analysis(text, lang)));
            assert!(n.is_subset(&o), "{}: the new splitter cut where sentencex did not", r.id);
            for &e in o.difference(&n) {
                let next = text[e..].trim_start().chars().next();
                let word = word_before(text, e);
                let glued = text[e..].chars().next().is_some_and(char::is_alphanumeric);
                let why = if next.is_some_and(char::is_lowercase) {
                    "lowercase next"
                } else if glued {
                    "period glued to the next word"
                } else if Lexicon::of(lang).has(List::TitleAbbreviations, &word) {
                    "title"
                } else {
                    unexplained.push(format!(
                        "{}: analysis joined at {:?}",
                        r.id,
                        cut(text, e - 30, e + 30)
                    ));
                    "?"
                };
                eprintln!(
                    "{}: analysis joined ({why}) {:?} | {:?}",
                    r.id,
                    cut(text, e.saturating_sub(40), e),
                    cut(text, e, e + 30)
                );
                joined += 1;
            }
            // Date evidence and quotes: against the rule splitter, language unknown.
            let new: Vec<Span> = crosscheck_text::sentences(text, Lang::UNKNOWN, &[])
                .iter()
                .map(|s| s.span)
                .collect();
            let (n, o) = (ends(&new), ends(&old_rules(text, &[])));
            for &e in n.symmetric_difference(&o) {
                let was = o.contains(&e);
                let why = class(text, e, was);
                let side = if was { "old only" } else { "new only" };
                eprintln!(
                    "{}: boundary {side} ({}) {:?} | {:?}",
                    r.id,
                    why.unwrap_or("?"),
                    cut(text, e.saturating_sub(40), e),
                    cut(text, e, e + 30)
                );
                if why.is_none() {
                    unexplained.push(format!(
                        "{}: {side} at {:?}",
                        r.id,
                        cut(text, e.saturating_sub(30), e + 30)
                    ));
                }
                moved += 1;
            }
        }
    }
    eprintln!(
        "{sentences} sentences; {joined} analysis boundaries joined, {moved} date/quote boundaries moved"
    );
    assert!(sentences > 1_000, "the realnews reports were read");
    assert!(
        unexplained.is_empty(),
        "boundaries moved for no documented reason:\n{}",
        unexplained.join("\n")
    );
}
