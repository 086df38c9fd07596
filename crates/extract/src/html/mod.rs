//! HTML → main text: the engines, their combination, and the alignment back to the raw page.

pub(crate) mod align;
pub(crate) mod engines;
pub(crate) mod lexer;
pub(crate) mod meta;

use engines::EngineOutput;
use lexer::{Lexer, Token, decode, is_block, lower_name, push_collapsed};

use crate::Engine;

/// The most elements `dom_smoothie` scores; bigger pages are cut (bounds time on huge pages).
pub(crate) const MAX_ELEMENTS: usize = 60_000;

/// Pages nested deeper than this skip the tree-based engines (whose passes recurse) and use the
/// flat block reader, so hostile markup cannot exhaust the stack.
const MAX_DEPTH: usize = 600;

/// Elements that never hold article text.
fn is_chrome_element(name: &str) -> bool {
    matches!(name, "nav" | "header" | "footer" | "aside" | "form" | "button" | "select" | "label")
}

/// Void elements (no end tag), which do not nest.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "br" | "img" | "meta" | "link" | "input" | "hr" | "area" | "base" | "col" | "embed"
            | "param" | "source" | "track" | "wbr"
    )
}

/// Elements whose end tag is optional, which would inflate a naive depth count.
fn is_auto_closed(name: &str) -> bool {
    matches!(name, "p" | "li" | "td" | "tr" | "th" | "option" | "dt" | "dd" | "tbody" | "thead")
}

/// An upper estimate of the element nesting depth, stopping once it passes `limit`.
pub(crate) fn nesting_depth(html: &str, limit: usize) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for tok in Lexer::new(html) {
        match tok {
            Token::Start { name, attrs, .. } => {
                let name = lower_name(name);
                if !is_void(name) && !is_auto_closed(name) && !attrs.trim_end().ends_with('/') {
                    depth += 1;
                    max = max.max(depth);
                    if max > limit {
                        return max;
                    }
                }
            }
            Token::End { name } => {
                let name = lower_name(name);
                if !is_void(name) && !is_auto_closed(name) {
                    depth = depth.saturating_sub(1);
                }
            }
            _ => {}
        }
    }
    max
}

/// The page's visible blocks outside navigation, headers, footers, asides and forms: the
/// engine-free reader for pages the engines cannot take.
pub(crate) fn blocks(html: &str) -> EngineOutput {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut skip = 0usize;
    let mut in_body = !html.get(..html.len().min(4096)).is_some_and(|h| h.contains("<body"));
    for tok in Lexer::new(html) {
        match tok {
            Token::Text { start, end } if skip == 0 && in_body => {
                push_collapsed(&mut cur, &decode(&html[start..end]));
            }
            Token::Start { name, .. } | Token::End { name } => {
                let lower = lower_name(name);
                let is_start = matches!(tok, Token::Start { .. });
                if lower == "body" {
                    in_body = true;
                }
                if is_chrome_element(lower) {
                    if is_start {
                        skip += 1;
                    } else {
                        skip = skip.saturating_sub(1);
                    }
                }
                if is_block(lower) {
                    let t = cur.trim();
                    if !t.is_empty() {
                        out.push(t.to_string());
                    }
                    cur.clear();
                }
            }
            _ => {}
        }
    }
    let t = cur.trim();
    if !t.is_empty() {
        out.push(t.to_string());
    }
    EngineOutput { paragraphs: out, ..EngineOutput::default() }
}

/// Runs the configured engine(s) on `html` and returns the chosen main text.
pub(crate) fn main_text(html: &str, url: Option<&str>, engine: Engine) -> EngineOutput {
    if nesting_depth(html, MAX_DEPTH) > MAX_DEPTH {
        return blocks(html);
    }
    let out = match engine {
        Engine::Readability => engines::readability(html, url),
        Engine::Trafilatura => engines::trafilatura(html, url, false),
        Engine::TrafilaturaWithFallback => engines::trafilatura(html, url, true),
        Engine::Blocks => Some(blocks(html)),
        Engine::Combined => Some(combine(html, url)),
    };
    out.unwrap_or_default()
}

/// Word-set agreement between two outputs: the share of the smaller one's distinct words that
/// the other also has.
fn agreement(a: &EngineOutput, b: &EngineOutput) -> f64 {
    use std::collections::HashSet;
    let words = |o: &EngineOutput| -> HashSet<String> {
        o.paragraphs
            .iter()
            .flat_map(|p| p.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    let (small, big) = if wa.len() <= wb.len() { (&wa, &wb) } else { (&wb, &wa) };
    if small.is_empty() {
        return 0.0;
    }
    small.iter().filter(|w| big.contains(*w)).count() as f64 / small.len() as f64
}

/// The default combination: Readability first (fast); Trafilatura when Readability's answer
/// looks doubtful; the flat block reader when both fail.
fn combine(html: &str, url: Option<&str>) -> EngineOutput {
    let r = engines::readability(html, url).unwrap_or_default();
    let r_chars = r.chars();
    if r_chars >= 1500 {
        return r;
    }
    let t = engines::trafilatura(html, url, false).unwrap_or_default();
    let t_chars = t.chars();
    if t_chars == 0 && r_chars == 0 {
        return blocks(html);
    }
    if agreement(&r, &t) >= 0.9 {
        // Both found the same text: take the fuller one.
        return if r_chars >= t_chars { r } else { t };
    }
    if t_chars > r_chars { t } else { r }
}
