//! The HTML engines we stand on, each reduced to a list of paragraphs.

use super::lexer::{paragraphs, paragraphs_with_links};

/// What one engine found on a page.
#[derive(Debug, Default, Clone)]
pub(crate) struct EngineOutput {
    /// The main text, one entry per block, whitespace collapsed.
    pub(crate) paragraphs: Vec<String>,
    /// Characters inside links, per paragraph; empty when the engine does not say.
    pub(crate) link_chars: Vec<usize>,
    /// The headline the engine saw, if any.
    pub(crate) title: Option<String>,
    /// The author or byline.
    pub(crate) author: Option<String>,
    /// The publication date as the engine printed it.
    pub(crate) published: Option<String>,
    /// The site name.
    pub(crate) site_name: Option<String>,
}

impl EngineOutput {
    /// The number of characters of main text.
    pub(crate) fn chars(&self) -> usize {
        self.paragraphs.iter().map(|p| p.chars().count()).sum()
    }
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Mozilla Readability's algorithm, as ported by `dom_smoothie`: fast, recall-oriented.
pub(crate) fn readability(html: &str, url: Option<&str>) -> Option<EngineOutput> {
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Raw,
        // Classes tell captions, credits and share bars apart inside the article container.
        keep_classes: true,
        max_elements_to_parse: super::MAX_ELEMENTS,
        ..dom_smoothie::Config::default()
    };
    // A relative or malformed URL makes `new` fail; the URL only resolves links, so drop it.
    let url = url.filter(|u| url::Url::parse(u).is_ok());
    let mut r = dom_smoothie::Readability::new(html, url, Some(cfg)).ok()?;
    let a = r.parse().ok()?;
    let (paragraphs, link_chars) = paragraphs_with_links(&a.content, true);
    Some(EngineOutput {
        paragraphs,
        link_chars,
        title: non_empty(&a.title),
        author: a.byline.as_deref().and_then(non_empty),
        published: a.published_time.as_deref().and_then(non_empty),
        site_name: a.site_name.as_deref().and_then(non_empty),
    })
}

/// Trafilatura's algorithm, as ported by `trafilatura`: precision-oriented, slower.
pub(crate) fn trafilatura(html: &str, url: Option<&str>, fallback: bool) -> Option<EngineOutput> {
    let mut opts = trafilatura::Options::default();
    opts.enable_fallback = fallback;
    opts.original_url = url.and_then(|u| url::Url::parse(u).ok());
    let r = trafilatura::extract(html, &opts).ok()?;
    let m = r.metadata;
    Some(EngineOutput {
        paragraphs: paragraphs(&r.content_html),
        link_chars: Vec::new(),
        title: non_empty(&m.title),
        author: non_empty(&m.author),
        published: m.date.map(|d| d.to_string()),
        site_name: non_empty(&m.sitename),
    })
}
