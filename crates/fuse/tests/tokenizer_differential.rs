//! Differential test of issue 11's "one tokenizer": the fuse stage's two former word scanners
//! (the article analysis' `scan_words` and the quote finder's `words`), kept here as reference
//! code, against [`crosscheck_text::words`], which replaced both.
//!
//! Over every report of `../shared/data/realnews/` (third-party text, read, never copied), each
//! word whose span differs is printed, and every difference must belong to a class the new
//! tokenizer changes on purpose:
//!
//! - analysis words: a period between single letters before a lowercase letter joins (`a.m`,
//!   `e.g`), as it did before an uppercase one (`U.S`);
//! - quote-finder words: digits keep their thousands comma (`40,000`, was `40` `,` `000`), an
//!   ampersand between capitals joins (`J&J`), and a period joins only numbers and single
//!   letters (`end.Next` is no longer one word).
//!
//! Measured on the five events when the scanners were replaced: the fused entities, quotes,
//! claims, conflicts and timeline were identical before and after (see the closing note of
//! issue 11), so these token differences change no output there.

#![expect(clippy::print_stderr, reason = "the list of changed words is the test's report")]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crosscheck_text::WordKind;

/// The shared data folder beside the repository.
fn shared() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("CROSSCHECK_SHARED") {
        return Some(PathBuf::from(p));
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).ancestors().map(|a| a.join("shared")).find(|p| p.is_dir())
}

/// The former analysis scanner: word spans (possessive endings included).
fn reference_analysis(s: &str) -> BTreeSet<(usize, usize)> {
    let inner = |c: char| matches!(c, '\'' | '’' | '-' | '‐' | '.' | ',');
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = BTreeSet::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let amp = c == '&';
        if !c.is_alphanumeric() && !amp {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while !amp && j < chars.len() {
            let d = chars[j].1;
            if d.is_alphanumeric() {
                j += 1;
            } else if d == '&'
                && j + 1 < chars.len()
                && chars[j - 1].1.is_uppercase()
                && chars[j + 1].1.is_uppercase()
            {
                j += 2;
            } else if inner(d) && j + 1 < chars.len() && chars[j + 1].1.is_alphanumeric() {
                let (b, a) = (chars[j - 1].1, chars[j + 1].1);
                let ok = match d {
                    ',' => b.is_ascii_digit() && a.is_ascii_digit(),
                    '.' => {
                        (b.is_ascii_digit() && a.is_ascii_digit())
                            || ((j < 2 || !chars[j - 2].1.is_alphanumeric()) && a.is_uppercase())
                    }
                    _ => true,
                };
                if !ok {
                    break;
                }
                j += 2;
            } else {
                break;
            }
        }
        out.insert((start, chars.get(j).map_or(s.len(), |&(o, _)| o)));
        i = j;
    }
    out
}

/// The former quote-finder scanner: word and mark spans, before an abbreviation's final dot.
fn reference_quotes(s: &str) -> BTreeSet<(usize, usize)> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = BTreeSet::new();
    let mut pos = 0;
    while pos < chars.len() {
        let (start, c) = chars[pos];
        if c.is_whitespace() {
            pos += 1;
            continue;
        }
        let mut stop = pos + 1;
        if c.is_alphanumeric() {
            while stop < chars.len() {
                let next = chars[stop].1;
                let joins = matches!(next, '.' | '-' | '\'' | '’' | '‐')
                    && chars.get(stop + 1).is_some_and(|n| n.1.is_alphanumeric());
                if next.is_alphanumeric() || joins {
                    stop += 1;
                } else {
                    break;
                }
            }
        }
        out.insert((start, chars.get(stop).map_or(s.len(), |&(o, _)| o)));
        pos = stop;
    }
    out
}

/// One report of an `articles.jsonl` line.
#[derive(serde::Deserialize)]
struct Report {
    text: String,
}

/// The text of the region around a span that differs: the span grown over every span of
/// either set that overlaps it, until it stops growing.
fn region<'t>(
    text: &'t str,
    (mut a, mut b): (usize, usize),
    sets: [&BTreeSet<(usize, usize)>; 2],
) -> &'t str {
    loop {
        let (a0, b0) = (a, b);
        for &(x, y) in sets.iter().flat_map(|s| s.iter()) {
            if x < b && a < y {
                a = a.min(x);
                b = b.max(y);
            }
        }
        if (a, b) == (a0, b0) {
            return &text[a..b];
        }
    }
}

#[test]
fn shared_tokenizer_differs_only_where_meant() {
    let root = shared()
        .expect("../shared is missing: the shared corpus must sit beside the repository")
        .join("data/realnews");
    let mut events: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("the realnews folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("articles.jsonl").is_file())
        .collect();
    events.sort();
    assert!(!events.is_empty(), "no realnews event under {}", root.display());
    let (mut analysis_changed, mut quotes_changed, mut words_seen) = (0, 0, 0);
    for event in &events {
        let lines = std::fs::read_to_string(event.join("articles.jsonl")).expect("articles");
        for line in lines.lines().filter(|l| !l.trim().is_empty()) {
            let report: Report = serde_json::from_str(line).expect("a JSON line");
            let text = report.text.as_str();
            let new: Vec<crosscheck_text::Word<'_>> = crosscheck_text::words(text).collect();
            words_seen += new.len();
            let span = |w: &crosscheck_text::Word<'_>| (w.span.start as usize, w.span.end as usize);
            // Analysis words: every word and number, and a lone `&`.
            let analysis: BTreeSet<(usize, usize)> = new
                .iter()
                .filter(|w| w.kind != WordKind::Mark || w.text == "&")
                .map(span)
                .collect();
            let old = reference_analysis(text);
            for &d in analysis.symmetric_difference(&old) {
                let around = region(text, d, [&analysis, &old]);
                eprintln!("{}: analysis words changed around {around:?}", event.display());
                analysis_changed += 1;
                // Only a period between single letters joins differently.
                assert!(around.contains('.'), "unexpected analysis change {around:?}");
            }
            let quotes: BTreeSet<(usize, usize)> = new.iter().map(span).collect();
            let old = reference_quotes(text);
            for &d in quotes.symmetric_difference(&old) {
                let around = region(text, d, [&quotes, &old]);
                eprintln!("{}: quote-finder words changed around {around:?}", event.display());
                quotes_changed += 1;
                assert!(
                    around.contains([',', '&', '.']),
                    "unexpected quote-finder change {around:?}"
                );
            }
        }
    }
    eprintln!(
        "{words_seen} words; {analysis_changed} analysis and {quotes_changed} quote-finder spans changed"
    );
    assert!(words_seen > 10_000, "the realnews reports were read");
}
