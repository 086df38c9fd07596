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

/// One visible block of a page, as the flat block reader sees it.
#[derive(Debug, Clone)]
pub(crate) struct PageBlock {
    /// The text, whitespace collapsed, entities decoded.
    pub(crate) text: String,
    /// Characters of the text inside links.
    pub(crate) link_chars: usize,
    /// Whether the block sits inside navigation, a header, a footer, an aside or a form.
    pub(crate) chrome: bool,
}

/// The page's visible blocks outside navigation, headers, footers, asides and forms: the
/// engine-free reader for pages the engines cannot take.
pub(crate) fn blocks(page: &[PageBlock]) -> EngineOutput {
    let (paragraphs, link_chars) =
        page.iter().filter(|b| !b.chrome).map(|b| (b.text.clone(), b.link_chars)).unzip();
    EngineOutput { paragraphs, link_chars, ..EngineOutput::default() }
}

/// Every visible block of the page, in document order, chrome included (flagged): what a
/// reader of the page would see.
pub(crate) fn page_blocks(html: &str) -> Vec<PageBlock> {
    let mut out = Vec::new();
    let mut cur = String::new();
    // Characters inside links and inside chrome elements in the current block.
    let (mut links, mut chrome) = (0usize, 0usize);
    let mut skip = 0usize;
    let mut in_link = 0usize;
    let mut in_body = !html.get(..html.len().min(4096)).is_some_and(|h| h.contains("<body"));
    let flush =
        |cur: &mut String, links: &mut usize, chrome: &mut usize, out: &mut Vec<PageBlock>| {
            let t = cur.trim();
            if !t.is_empty() {
                let n = t.chars().count();
                let link_chars = (*links).min(n);
                // A block is chrome when most of it sits in chrome elements (a label inside a
                // paragraph does not make the paragraph chrome).
                out.push(PageBlock { text: t.to_string(), link_chars, chrome: *chrome * 2 > n });
            }
            cur.clear();
            *links = 0;
            *chrome = 0;
        };
    for tok in Lexer::new(html) {
        match tok {
            Token::Text { start, end } if in_body => {
                let before = cur.len();
                push_collapsed(&mut cur, &decode(&html[start..end]));
                if in_link > 0 || skip > 0 {
                    let added = cur[before..].chars().count();
                    if in_link > 0 {
                        links += added;
                    }
                    if skip > 0 {
                        chrome += added;
                    }
                }
            }
            Token::Start { name, .. } | Token::End { name } => {
                let lower = lower_name(name);
                let is_start = matches!(tok, Token::Start { .. });
                if lower == "body" {
                    in_body = true;
                }
                if is_block(lower) {
                    flush(&mut cur, &mut links, &mut chrome, &mut out);
                }
                if is_chrome_element(lower) {
                    if is_start {
                        skip += 1;
                    } else {
                        skip = skip.saturating_sub(1);
                    }
                }
                if lower == "a" {
                    if is_start {
                        in_link += 1;
                    } else {
                        in_link = in_link.saturating_sub(1);
                    }
                }
            }
            _ => {}
        }
    }
    flush(&mut cur, &mut links, &mut chrome, &mut out);
    out
}

/// A lead paragraph has at least this many characters…
const LEAD_MIN_CHARS: usize = 60;

/// …and is found within this many page blocks after the headline…
const LEAD_MAX_BLOCKS: usize = 12;

/// …with less than this share of its characters in links…
const LEAD_MAX_LINK_DENSITY: f64 = 0.1;

/// …starting with the same this many bytes as the page's description (or the description
/// starting like it)…
const LEAD_MATCH_BYTES: usize = 40;

/// …and ending a sentence.
const LEAD_END: [char; 10] = ['.', '!', '?', '"', '”', '“', '»', '«', '…', '。'];

/// The first `n` bytes of `s`, cut back to a character boundary.
fn head(s: &str, n: usize) -> &str {
    let mut end = s.len().min(n);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Adds the article's lead (standfirst) to an engine's text when the engine left it out.
///
/// ## What it does
/// Finds the page block that is the headline (`<h1>`) and the block of the engine's first
/// paragraph after it. The first block between the two (at most 12 blocks after the headline)
/// that is at least 60 characters long, outside navigation and other chrome elements, under
/// 10 % link text, ends a sentence, and starts like the page's own summary (its `description`
/// meta tag; or the summary starts like it) is put in front of the text.
///
/// ## Why
/// Many sites print the lead in the article header next to the headline (`<p class="lead">`,
/// a subtitle `<h2>`), in another container than the body. Readability keeps one container and
/// loses the lead. The page's description is very often that lead, word for word; a caption,
/// a teaser for another story or a newsletter box between headline and body never is.
///
/// ## Example
/// `<meta name="description" content="After two years of work the new bridge…">` …
/// `<h1>Bridge opens</h1><p class="lead">After two years of work the new bridge…</p>`
/// `<div class="body"><p>The council said…</p></div>`: Readability returns the body, and the
/// lead is added in front of it.
///
/// ## Limitations
/// Leads that differ from the description are not recovered. Pages without an `<h1>`, or
/// whose text starts before it, are left alone. Benchmarks disagree on leads: the trafilatura
/// evaluation set counts them as article text, `ScrapingHub` AEB mostly does not (this rule
/// costs 0.0006 F1 there and gains 0.003 on the trafilatura set).
///
/// ## References
/// - Barbaresi (2021), "Trafilatura: A Web Scraping Library and Command-Line Tool for Text
///   Discovery and Extraction": the extraction keeps the whole article element, header
///   included.
pub(crate) fn recover_lead(
    page: &[PageBlock],
    h1: Option<&str>,
    description: Option<&str>,
    out: &mut EngineOutput,
) {
    let (Some(h1), Some(desc), Some(first)) = (h1, description, out.paragraphs.first()) else {
        return;
    };
    let Some(at) = page.iter().position(|b| b.text == h1) else { return };
    let first_head = head(first, 60);
    let Some(body) =
        page.iter().enumerate().skip(at + 1).take(LEAD_MAX_BLOCKS + 1).find_map(|(i, b)| {
            let prefix = b.text.len() >= 20 && first.starts_with(head(&b.text, 60));
            (b.text.starts_with(first_head) || prefix).then_some(i)
        })
    else {
        return;
    };
    let is_lead = |b: &PageBlock| {
        let n = b.text.chars().count();
        !b.chrome
            && n >= LEAD_MIN_CHARS
            && (b.link_chars as f64) < LEAD_MAX_LINK_DENSITY * n as f64
            && (desc.starts_with(head(&b.text, LEAD_MATCH_BYTES))
                || b.text.starts_with(head(desc, LEAD_MATCH_BYTES)))
            && !out.paragraphs.contains(&b.text)
            && b.text.ends_with(LEAD_END)
    };
    let Some(lead) = page[at + 1..body].iter().find(|b| is_lead(b)) else { return };
    out.paragraphs.insert(0, lead.text.clone());
    if !out.link_chars.is_empty() {
        out.link_chars.insert(0, lead.link_chars);
    }
}

/// Below this many characters an engine's answer counts as "found nothing".
const MIN_CHARS: usize = 300;

/// Runs the configured engine(s) on `html`: the chosen main text, and paragraphs an engine
/// found but the combination rejected (to be listed as removed).
pub(crate) fn main_text(
    html: &str,
    url: Option<&str>,
    engine: Engine,
    page: &[PageBlock],
) -> (EngineOutput, Vec<String>) {
    if nesting_depth(html, MAX_DEPTH) > MAX_DEPTH {
        return (blocks(page), Vec::new());
    }
    let out = match engine {
        Engine::Fast => fast(html, url, page),
        Engine::Readability => engines::readability(html, url).unwrap_or_default(),
        Engine::Trafilatura => engines::trafilatura(html, url, false).unwrap_or_default(),
        Engine::TrafilaturaWithFallback => {
            engines::trafilatura(html, url, true).unwrap_or_default()
        }
        Engine::Blocks => blocks(page),
        Engine::Combined => return combine(html, url, page),
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

/// The main text from Readability, with Trafilatura as a second opinion when Readability
/// misses most of the page's prose (see [`second_opinion`]), as the replacement when
/// Readability returns a list of short items (see [`looks_like_list`]), and as the fallback
/// (then the block reader) when it finds (almost) nothing.
fn fast(html: &str, url: Option<&str>, page: &[PageBlock]) -> EngineOutput {
    let r = engines::readability(html, url).unwrap_or_default();
    if r.chars() >= MIN_CHARS && !looks_like_list(&r) {
        return second_opinion(html, url, page, r);
    }
    let t = engines::trafilatura(html, url, true).unwrap_or_default();
    if r.chars() >= MIN_CHARS {
        // Readability returned a list: Trafilatura's text wins when it has prose.
        return if t.chars() >= MIN_CHARS && !looks_like_list(&t) { t } else { r };
    }
    if t.chars() > r.chars() {
        return t;
    }
    if r.chars() > 0 { r } else { blocks(page) }
}

/// Whether an engine's text is a list of short items without a paragraph of prose: an index
/// page, or the wrong container of an article page (a menu, a teaser list).
pub(crate) fn looks_like_list(out: &EngineOutput) -> bool {
    let longest = out.paragraphs.iter().map(|p| p.chars().count()).max().unwrap_or(0);
    out.paragraphs.len() >= LIST_MIN_ITEMS && longest < LIST_MAX_ITEM_CHARS
}

/// [`looks_like_list`]: at least this many items…
pub(crate) const LIST_MIN_ITEMS: usize = 8;

/// …and none as long as this many characters.
pub(crate) const LIST_MAX_ITEM_CHARS: usize = 90;

/// A page block this long (in characters) or longer, outside chrome and links, is prose.
const PROSE_MIN_CHARS: usize = 30;

/// A prose block has less than this share of its characters in links.
const PROSE_MAX_LINK_DENSITY: f64 = 0.25;

/// Readability's text is doubted when it leaves out at least this many characters of prose…
const SECOND_OPINION_MISSING: usize = 300;

/// …and covers less than this share of the page's prose.
const SECOND_OPINION_COVERAGE: f64 = 0.5;

/// Trafilatura's text replaces Readability's when it covers at least this much more of the
/// page's prose (as a share of all of it).
const SECOND_OPINION_GAIN: f64 = 0.2;

/// A page block that reads as prose: long and mostly outside links and chrome.
fn is_prose(b: &PageBlock) -> bool {
    let n = b.text.chars().count();
    !b.chrome
        && n >= PROSE_MIN_CHARS
        && (b.link_chars as f64) < PROSE_MAX_LINK_DENSITY * n as f64
        && !crate::chrome::is_chrome_phrase(&b.text)
}

/// The characters of `prose` blocks that `text` contains, each block matched on its first 60
/// bytes (engines segment and trim blocks slightly differently).
fn covered(prose: &[&PageBlock], text: &str) -> usize {
    prose
        .iter()
        .filter(|b| {
            let mut end = b.text.len().min(60);
            while !b.text.is_char_boundary(end) {
                end -= 1;
            }
            memchr::memmem::find(text.as_bytes(), &b.text.as_bytes()[..end]).is_some()
        })
        .map(|b| b.text.chars().count())
        .sum()
}

/// Readability's text, or Trafilatura's when Readability clearly missed most of the page's
/// prose.
///
/// ## What it does
/// Counts the page's distinct prose blocks (at least 30 characters, under 25 % link text,
/// outside navigation, headers, footers, asides and forms, not a CMS phrase such as a cookie
/// notice; a block printed twice counts once) and how many of their characters Readability's
/// text holds. When it leaves out at least 300 characters and holds less than half,
/// Trafilatura runs too, and its text is used when it holds at least a fifth more of the
/// page's prose than Readability's.
///
/// ## Why
/// Readability picks one container and adds siblings that score well. On pages whose article
/// is split over several containers (a review with one block per product, a guide with a
/// block per section) it keeps only the first one, losing most of the text. A flat count of
/// the page's prose is a cheap, independent estimate of how much text there is; when the two
/// disagree strongly, Trafilatura's tree pruning is a better answer. Running it only then keeps
/// the median page on the fast path (it runs on 4–9 % of pages). The threshold is
/// low so that short pages count too: when Readability picks a newsletter box or a footer
/// next to a 600-character article, it holds none of the page's prose.
///
/// ## Example
/// A buying guide with an introduction in one `<div>` and eight product sections in sibling
/// `<section>`s: Readability returns the 900-character introduction, the page has 9,000
/// characters of prose, Trafilatura returns all sections, and its text is used.
///
/// ## Limitations
/// Long prose outside the article (a comment thread not marked up as such, a long cookie
/// dialog that the phrase list does not catch) counts as prose and can make Trafilatura's larger answer win. Pages where Readability finds
/// the wrong container but one as long as the article are not caught.
///
/// ## References
/// - Barbaresi (2021), "Trafilatura: A Web Scraping Library and Command-Line Tool for Text
///   Discovery and Extraction", ACL demo: comparing extractors' outputs and falling back.
/// - Kohlschütter, Fankhauser, Nejdl (2010), "Boilerplate detection using shallow text
///   features", WSDM: text length and link density as the main-content signal.
fn second_opinion(
    html: &str,
    url: Option<&str>,
    page: &[PageBlock],
    r: EngineOutput,
) -> EngineOutput {
    let mut seen = HashSet::new();
    let prose: Vec<&PageBlock> =
        page.iter().filter(|b| is_prose(b) && seen.insert(b.text.as_str())).collect();
    let total: usize = prose.iter().map(|b| b.text.chars().count()).sum();
    let rc = covered(&prose, &r.paragraphs.join("\n"));
    let missing = total.saturating_sub(rc);
    if missing < SECOND_OPINION_MISSING || rc as f64 >= SECOND_OPINION_COVERAGE * total as f64 {
        return r;
    }
    let Some(t) = engines::trafilatura(html, url, true) else { return r };
    let tc = covered(&prose, &t.paragraphs.join("\n"));
    if tc as f64 >= rc as f64 + SECOND_OPINION_GAIN * total as f64 { t } else { r }
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
fn combine(html: &str, url: Option<&str>, page: &[PageBlock]) -> (EngineOutput, Vec<String>) {
    let mut r = engines::readability(html, url).unwrap_or_default();
    let t = engines::trafilatura(html, url, true).unwrap_or_default();
    let (rc, tc) = (r.chars(), t.chars());
    if rc < MIN_CHARS || tc < MIN_CHARS {
        let best = if rc >= tc { r } else { t };
        return (if best.chars() > 0 { best } else { blocks(page) }, Vec::new());
    }
    let tw = word_set(&t.paragraphs.join(" "));
    let (mut keep, mut keep_links, mut drop) = (Vec::new(), Vec::new(), Vec::new());
    let links = std::mem::take(&mut r.link_chars);
    for (i, p) in std::mem::take(&mut r.paragraphs).into_iter().enumerate() {
        let w = word_set(&p);
        let shared = w.iter().filter(|x| tw.contains(*x)).count();
        if w.is_empty() || shared as f64 >= AGREEMENT * w.len() as f64 {
            keep.push(p);
            keep_links.extend(links.get(i).copied());
        } else {
            drop.push(p);
        }
    }
    (EngineOutput { paragraphs: keep, link_chars: keep_links, ..r }, drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_blocks_count_links_and_flag_chrome() {
        let html = "<body><nav><a href=/>Home</a> <a href=/w>World</a></nav>\
            <p>The bridge <a href=/b>opened</a> on Monday.</p><footer>About us</footer></body>";
        let page = page_blocks(html);
        let got: Vec<(&str, usize, bool)> =
            page.iter().map(|b| (b.text.as_str(), b.link_chars, b.chrome)).collect();
        assert_eq!(
            got,
            vec![
                ("Home World", 9, true),
                ("The bridge opened on Monday.", 6, false),
                ("About us", 0, true),
            ]
        );
        assert_eq!(blocks(&page).paragraphs, vec!["The bridge opened on Monday."]);
    }

    #[test]
    fn lead_matching_the_description_is_recovered() {
        let lead = "After two years of work the new bridge over the river opened to traffic on \
                    Monday morning.";
        let body = "The council said the bridge had cost less than planned, and residents on \
                    both banks walked across it on the first day.";
        let html = format!(
            "<body><h1>Bridge opens</h1><figure><figcaption>The bridge at dawn, seen from the \
             north bank of the river, in a photo by a reader.</figcaption></figure>\
             <p class=lead>{lead}</p><div class=body><p>{body}</p></div></body>"
        );
        let page = page_blocks(&html);
        let engine = || EngineOutput { paragraphs: vec![body.to_string()], ..Default::default() };
        let mut out = engine();
        recover_lead(&page, Some("Bridge opens"), Some(lead), &mut out);
        assert_eq!(out.paragraphs, vec![lead, body]);
        // Without a matching description (or without a headline) nothing is added.
        for (h1, desc) in [(Some("Bridge opens"), Some("A bridge story.")), (None, Some(lead))] {
            let mut out = engine();
            recover_lead(&page, h1, desc, &mut out);
            assert_eq!(out.paragraphs, vec![body]);
        }
    }

    #[test]
    fn coverage_counts_prose_blocks_found_in_a_text() {
        let long = "The council said on Tuesday that the new bridge over the river would open in \
                    the spring after a year of delays.";
        let other = "Crews worked through the winter and finished the steel frame two weeks \
                     before the date that the builder had promised.";
        let html = format!("<p>{long}</p><p>{other}</p><p><a href=/x>{other}</a></p><p>Short.</p>");
        let page = page_blocks(&html);
        let prose: Vec<&PageBlock> = page.iter().filter(|b| is_prose(b)).collect();
        assert_eq!(prose.len(), 2, "the linked copy and the short line are not prose");
        let notice = "We use cookies to improve your experience on our website.";
        assert!(!is_prose(&page_blocks(&format!("<p>{notice}</p>"))[0]), "a CMS notice");
        assert_eq!(covered(&prose, long), long.chars().count());
        assert_eq!(covered(&prose, &format!("{long}\n{other}")), long.len() + other.len());
    }
}
