//! HTML → main text: the engines, their combination, and the alignment back to the raw page.

pub(crate) mod align;
pub(crate) mod engines;
pub(crate) mod lexer;
pub(crate) mod meta;

use std::collections::HashSet;

use engines::EngineOutput;
use lexer::{Lexer, Token, decode, is_block, is_void, lower_name, push_collapsed};

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
    blocks_with(html, true)
}

/// Every visible block of the page, chrome included: what a reader of the page would see, to
/// list what extraction left out.
pub(crate) fn all_blocks(html: &str) -> Vec<String> {
    blocks_with(html, false).paragraphs
}

fn blocks_with(html: &str, skip_chrome: bool) -> EngineOutput {
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
                if skip_chrome && is_chrome_element(lower) {
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

/// Below this many characters an engine's answer counts as "found nothing".
const MIN_CHARS: usize = 300;

/// Runs the configured engine(s) on `html`: the chosen main text, and paragraphs an engine
/// found but the combination rejected (to be listed as removed).
pub(crate) fn main_text(
    html: &str,
    url: Option<&str>,
    engine: Engine,
) -> (EngineOutput, Vec<String>) {
    if nesting_depth(html, MAX_DEPTH) > MAX_DEPTH {
        return (blocks(html), Vec::new());
    }
    let out = match engine {
        Engine::Fast => fast(html, url),
        Engine::Readability => engines::readability(html, url).unwrap_or_default(),
        Engine::Trafilatura => engines::trafilatura(html, url, false).unwrap_or_default(),
        Engine::TrafilaturaWithFallback => {
            engines::trafilatura(html, url, true).unwrap_or_default()
        }
        Engine::Blocks => blocks(html),
        Engine::Combined => return combine(html, url),
    };
    (out, Vec::new())
}

fn word_set(s: &str) -> HashSet<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A paragraph is confirmed by the other engine when this share of its distinct words occurs in
/// the other engine's text.
const AGREEMENT: f64 = 0.7;

/// The main text from Readability alone, falling back to Trafilatura and then to the block
/// reader when it finds (almost) nothing.
fn fast(html: &str, url: Option<&str>) -> EngineOutput {
    let r = engines::readability(html, url).unwrap_or_default();
    if r.chars() >= MIN_CHARS {
        return r;
    }
    let t = engines::trafilatura(html, url, true).unwrap_or_default();
    if t.chars() > r.chars() {
        return t;
    }
    if r.chars() > 0 { r } else { blocks(html) }
}

/// Readability's text, keeping only the paragraphs that Trafilatura's text confirms.
///
/// ## What it does
/// Runs both engines. When both return text, keeps Readability's paragraphs (its paragraph
/// order and recall) whose distinct words occur at least 70 % in Trafilatura's output, and moves
/// the others to the removed lines. When one engine returns (almost) nothing, the other one's
/// text is used as is; when both do, the block reader's.
///
/// ## Why
/// Readability has the better recall (it keeps whole containers) and Trafilatura the better
/// precision (it prunes captions, teasers and widgets inside them); a paragraph both accept is
/// almost always article text. On the `ScrapingHub` benchmark this agreement check lifts F1
/// above either engine alone.
///
/// ## Example
/// A "Related: …" teaser inside the article container: Readability keeps it, Trafilatura drops
/// it, so the combination drops it.
///
/// ## Limitations
/// Costs both engines' time (Trafilatura dominates). A paragraph Trafilatura misses is lost
/// even when it is article text.
///
/// ## References
/// - Barbaresi (2021), "Trafilatura: A Web Scraping Library and Command-Line Tool for Text
///   Discovery and Extraction", ACL demo: fallback and comparison between extractors.
fn combine(html: &str, url: Option<&str>) -> (EngineOutput, Vec<String>) {
    let r = engines::readability(html, url).unwrap_or_default();
    let t = engines::trafilatura(html, url, true).unwrap_or_default();
    let (rc, tc) = (r.chars(), t.chars());
    if rc < MIN_CHARS || tc < MIN_CHARS {
        let best = if rc >= tc { r } else { t };
        return (if best.chars() > 0 { best } else { blocks(html) }, Vec::new());
    }
    let tw = word_set(&t.paragraphs.join(" "));
    let (mut keep, mut drop) = (Vec::new(), Vec::new());
    for p in r.paragraphs {
        let w = word_set(&p);
        let shared = w.iter().filter(|x| tw.contains(*x)).count();
        if w.is_empty() || shared as f64 >= AGREEMENT * w.len() as f64 {
            keep.push(p);
        } else {
            drop.push(p);
        }
    }
    (EngineOutput { paragraphs: keep, ..r }, drop)
}
