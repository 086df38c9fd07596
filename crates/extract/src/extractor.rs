//! The default extractor: HTML engines, chrome rules, metadata and alignment together.

use crosscheck_core::{Alignment, Article, Date, Format, Lang, Month, RawDoc};

use crate::chrome::{self, Block, Rules};
use crate::html::{self, align, engines::EngineOutput, meta};
use crosscheck_text::dates::{pick_reading, read_date, url_date_readings, url_month};

use crate::{ExtractError, Extractor, lang, textmeta};

/// Which HTML engine finds the main text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Engine {
    /// Readability, with Trafilatura as a second opinion when Readability misses most of the
    /// page's prose, and Trafilatura then the block reader when it finds (almost) nothing: the
    /// fast path.
    #[default]
    Fast,
    /// Both engines: Readability's paragraphs that Trafilatura confirms (slower, more precise).
    Combined,
    /// Mozilla Readability's algorithm (`dom_smoothie`).
    Readability,
    /// Trafilatura's algorithm (`trafilatura`), without its fallbacks.
    Trafilatura,
    /// Trafilatura's algorithm with its Readability and jusText fallbacks.
    TrafilaturaWithFallback,
    /// Every visible block outside navigation, headers, footers, asides and forms.
    Blocks,
}

/// Builds an [`ArticleExtractor`].
#[derive(Debug, Clone)]
pub struct ArticleExtractorBuilder {
    engine: Engine,
    trim_edges: bool,
    detect_language: bool,
    max_input_bytes: usize,
}

impl Default for ArticleExtractorBuilder {
    fn default() -> Self {
        ArticleExtractorBuilder {
            engine: Engine::default(),
            trim_edges: true,
            detect_language: true,
            max_input_bytes: 4 << 20,
        }
    }
}

impl ArticleExtractorBuilder {
    /// A builder with the defaults.
    pub fn new() -> ArticleExtractorBuilder {
        ArticleExtractorBuilder::default()
    }

    /// The HTML engine.
    ///
    /// By default, [`Engine::Combined`].
    pub fn engine(&mut self, engine: Engine) -> &mut ArticleExtractorBuilder {
        self.engine = engine;
        self
    }

    /// Whether boilerplate lines before the first and after the last prose line of a text
    /// document are removed (see [`chrome::classify`]). HTML documents are not trimmed this way:
    /// the engines have already cut the page down to the article.
    ///
    /// By default, `true`.
    pub fn trim_edges(&mut self, yes: bool) -> &mut ArticleExtractorBuilder {
        self.trim_edges = yes;
        self
    }

    /// Whether the language is detected from the text when the container did not declare it.
    ///
    /// By default, `true`.
    pub fn detect_language(&mut self, yes: bool) -> &mut ArticleExtractorBuilder {
        self.detect_language = yes;
        self
    }

    /// The most bytes of a document that are read; the rest is ignored, bounding time and
    /// memory on huge pages.
    ///
    /// By default, 4 MiB.
    pub fn max_input_bytes(&mut self, n: usize) -> &mut ArticleExtractorBuilder {
        self.max_input_bytes = n;
        self
    }

    /// The configured extractor.
    pub fn build(&self) -> ArticleExtractor {
        ArticleExtractor { cfg: self.clone() }
    }
}

/// The default extractor: main text, chrome removal, metadata, language and alignment.
///
/// Reusable and `Send + Sync`; see [`ArticleExtractorBuilder`] for its options.
#[derive(Debug, Clone)]
pub struct ArticleExtractor {
    cfg: ArticleExtractorBuilder,
}

impl Default for ArticleExtractor {
    fn default() -> Self {
        ArticleExtractorBuilder::new().build()
    }
}

/// Metadata gathered while extracting, before the container's metadata is applied.
#[derive(Debug, Default)]
struct Found {
    title: Option<String>,
    author: Option<String>,
    outlet: Option<String>,
    published: Option<Date>,
    /// A month of publication the page's metadata gives without a day.
    published_month: Option<Month>,
    url: Option<String>,
    lang_hint: Option<Lang>,
}

impl Extractor for ArticleExtractor {
    fn extract(&self, doc: &RawDoc) -> Result<Article, ExtractError> {
        let mut end = doc.content.len().min(self.cfg.max_input_bytes);
        while !doc.content.is_char_boundary(end) {
            end -= 1;
        }
        let content = &doc.content[..end];
        let (text, alignment, removed, found) = match doc.format {
            Format::Html => self.html(doc, content)?,
            _ => self.text(doc, content)?,
        };
        let m = &doc.meta;
        let language = m.language.unwrap_or_else(|| {
            let detected =
                if self.cfg.detect_language { lang::detect(&text) } else { Lang::UNKNOWN };
            if detected.is_unknown() { found.lang_hint.unwrap_or(Lang::UNKNOWN) } else { detected }
        });
        let url = m.url.clone().or(found.url);
        let outlet =
            m.outlet.clone().or(found.outlet).or_else(|| url.as_deref().and_then(textmeta::host));
        let published = m
            .published
            .or(found.published)
            .or_else(|| url_date(url.as_deref()?, || format!("{text}\n{}", removed.join("\n"))));
        // A month only when nothing gives the day: the container's, the page's metadata, a
        // `/2025/11/slug` permalink.
        let published_month = match published {
            Some(_) => None,
            None => {
                m.published_month.or(found.published_month).or_else(|| url_month(url.as_deref()?))
            }
        };
        Ok(Article {
            id: doc.id.clone(),
            source: doc.source.clone(),
            url,
            outlet,
            title: m.title.clone().or(found.title),
            author: m.author.clone().or(found.author),
            published,
            published_month,
            language,
            text,
            removed,
            alignment,
            raw: doc.content.clone(),
        })
    }
}

type Extracted = (String, Alignment, Vec<String>, Found);

/// How many lines of the text are read for a date that confirms a URL's ambiguous date.
const CONFIRM_LINES: usize = 400;

/// The publication date a URL's path gives: its one reading, or, when the day and the month
/// could be swapped (`/9-8-2025/`), the reading a date written on the page confirms (in the
/// text or in a line left out of it: an embedded post, a dateline). `text` is only built when
/// needed.
fn url_date(url: &str, text: impl FnOnce() -> String) -> Option<Date> {
    let readings = url_date_readings(url);
    match readings.as_slice() {
        [] => None,
        [d] => Some(*d),
        _ => pick_reading(&readings, &text(), CONFIRM_LINES),
    }
}

fn no_article(doc: &RawDoc, reason: impl Into<String>) -> ExtractError {
    ExtractError::NoArticle { doc: doc.source.clone(), reason: reason.into() }
}

/// A list of short items is an index page when at least this share of its characters sits
/// inside links.
const INDEX_LINK_SHARE: f64 = 0.5;

/// Whether a kept text looks like an index page rather than an article: many short items, no
/// paragraph of prose, and most of the text inside links (`link_chars` characters). A list of
/// short lines that are not links (song lyrics, a dialogue, a results table) is the page's
/// content and stays.
fn index_page_reason(paragraphs: &[&str], link_chars: usize) -> Option<String> {
    let longest = paragraphs.iter().map(|p| p.chars().count()).max().unwrap_or(0);
    let total: usize = paragraphs.iter().map(|p| p.chars().count()).sum();
    if total < 60 {
        return Some(format!("main text too short ({total} characters)"));
    }
    let linky = link_chars as f64 >= INDEX_LINK_SHARE * total as f64;
    if linky && paragraphs.len() >= html::LIST_MIN_ITEMS && longest < html::LIST_MAX_ITEM_CHARS {
        return Some(format!(
            "{} short items and no paragraph of prose (longest {longest} characters)",
            paragraphs.len()
        ));
    }
    None
}

/// The page's visible blocks that are not part of the kept text, in document order, so that
/// nothing is dropped silently.
fn left_out(page: &[html::PageBlock], kept: &[String]) -> Vec<String> {
    let exact: std::collections::HashSet<&str> = kept.iter().map(String::as_str).collect();
    let joined = kept.join("\n");
    let finder = |b: &str| memchr::memmem::find(joined.as_bytes(), b.as_bytes()).is_some();
    page.iter()
        .map(|b| b.text.as_str())
        .filter(|b| !exact.contains(b) && !finder(b))
        .map(str::to_string)
        .collect()
}

impl ArticleExtractor {
    fn rules(&self) -> Rules {
        Rules { trim_edges: self.cfg.trim_edges }
    }

    fn html(&self, doc: &RawDoc, html: &str) -> Result<Extracted, ExtractError> {
        let page = meta::scan(html);
        let page_blocks = html::page_blocks(html);
        let url = doc.meta.url.as_deref().or(page.url.as_deref());
        let (mut out, rejected): (EngineOutput, Vec<String>) =
            html::main_text(html, url, self.cfg.engine, &page_blocks);
        html::recover_lead(&page_blocks, page.h1.as_deref(), page.description.as_deref(), &mut out);
        if out.paragraphs.is_empty() {
            return Err(no_article(doc, "no main text found"));
        }
        let title = page
            .og_title
            .as_deref()
            .or(page.headline.as_deref())
            .map(|t| textmeta::clean_title(t, page.site_name.as_deref()))
            .or_else(|| page.h1.clone())
            .or_else(|| {
                page.title_tag
                    .as_deref()
                    .map(|t| textmeta::clean_title(t, page.site_name.as_deref()))
            })
            .or_else(|| out.title.clone());
        // Prefer the <h1> when the social title is the same headline with extra decoration.
        let title = match (&title, &page.h1) {
            (Some(t), Some(h)) if t != h && t.contains(h.as_str()) => Some(h.clone()),
            _ => title,
        };
        // Trafilatura does not count link characters: take them from the page's own blocks.
        let page_links: std::collections::HashMap<&str, usize> =
            page_blocks.iter().map(|b| (b.text.as_str(), b.link_chars)).collect();
        let blocks: Vec<Block> = out
            .paragraphs
            .iter()
            .enumerate()
            .map(|(i, p)| Block {
                text: p,
                link_chars: out
                    .link_chars
                    .get(i)
                    .or_else(|| page_links.get(p.as_str()))
                    .copied()
                    .unwrap_or(0),
                protected: title.as_deref() == Some(p.as_str()),
            })
            .collect();
        // Engines already cut the page down to the article; trimming their edges by line
        // statistics costs more recall than it gains precision (measured on the benchmarks).
        let mut remove = chrome::judge(&blocks, Rules { trim_edges: false });
        chrome::trim_link_edges(&blocks, &mut remove);
        chrome::trim_dangling_labels(&blocks, &mut remove);
        drop(rejected); // listed below with everything else the page shows
        let kept_links: usize =
            blocks.iter().zip(&remove).filter(|(_, r)| !**r).map(|(b, _)| b.link_chars).sum();
        let kept: Vec<String> =
            out.paragraphs.into_iter().zip(remove).filter(|(_, r)| !r).map(|(p, _)| p).collect();
        let removed = left_out(&page_blocks, &kept);
        let refs: Vec<&str> = kept.iter().map(String::as_str).collect();
        if let Some(reason) = index_page_reason(&refs, kept_links) {
            return Err(no_article(doc, reason));
        }
        let published = page
            .published
            .or(page.time_tag)
            .or_else(|| url_date(url?, || format!("{}\n{}", kept.join("\n"), removed.join("\n"))))
            .or_else(|| out.published.as_deref().and_then(read_date));
        let outlet = page
            .site_name
            .clone()
            .or(page.publisher.clone())
            .or(out.site_name.clone())
            .or_else(|| removed.iter().find_map(|l| textmeta::credit_outlet(l)))
            .or_else(|| url.and_then(textmeta::host))
            .or_else(|| {
                let t = page.title_tag.as_deref()?;
                textmeta::title_site(t, title.as_deref()?)
            })
            .or_else(|| kept.first().and_then(|p| textmeta::dateline_outlet(p)));
        let author = page.author.clone().or(out.author.clone());
        // A "Posted on …" line the engines left out still dates the page.
        let published =
            published.or_else(|| removed.iter().take(20).find_map(|l| textmeta::date_line(l)));
        let alignment = align::align(html, &align::Flat::new(html), &kept);
        let text = kept.join("\n\n");
        let found = Found {
            title,
            author,
            outlet,
            published,
            published_month: page.published_month,
            url: page.url.clone(),
            lang_hint: page.lang.as_deref().and_then(|l| l.parse().ok()),
        };
        Ok((text, alignment, removed, found))
    }

    fn text(&self, doc: &RawDoc, content: &str) -> Result<Extracted, ExtractError> {
        // Non-empty lines, trimmed, with their raw offsets.
        let mut lines: Vec<(usize, &str)> = crosscheck_text::lines(content)
            .filter_map(|(off, l)| {
                let t = l.trim();
                (!t.is_empty()).then(|| (off + (t.as_ptr() as usize - l.as_ptr() as usize), t))
            })
            .collect();
        if lines.is_empty() {
            return Err(no_article(doc, "no text"));
        }
        // A date glued in front of an opening paragraph is metadata: read it, then cut it off
        // (the rest of the line stays a verbatim slice of the raw content).
        let mut published = None;
        let mut removed = Vec::new();
        for line in lines.iter_mut().take(3) {
            if let Some(n) = textmeta::date_prefix(line.1)
                && let Some(d) = read_date(&line.1[..n])
            {
                published = Some(d);
                removed.push(line.1[..n].trim().to_string());
                *line = (line.0 + n, &line.1[n..]);
                break;
            }
        }
        // Chrome first without protection, to find the headline among the remaining lines.
        let plain: Vec<Block> =
            lines.iter().map(|(_, t)| Block { text: t, link_chars: 0, protected: false }).collect();
        let strong = chrome::judge(&plain, Rules { trim_edges: false });
        let first = (0..lines.len()).find(|&i| !strong[i]);
        let title_idx =
            first.filter(|&i| textmeta::is_headline_like(lines[i].1) && lines.len() > i + 1);
        // A date line, a byline or a dateline near the top is part of the article.
        // Timestamp lines are chrome (removed below) but still date the article.
        let head: Vec<usize> = (0..lines.len())
            .filter(|&i| !strong[i] || chrome::is_timestamp_line(lines[i].1))
            .take(5)
            .collect();
        let mut author = None;
        let mut protected = vec![false; lines.len()];
        if let Some(i) = title_idx {
            protected[i] = true;
        }
        // Date and byline lines near the top become metadata and leave the text.
        let mut metadata = vec![false; lines.len()];
        for &i in &head {
            let l = lines[i].1;
            if published.is_none()
                && let Some(d) = textmeta::date_line(l)
            {
                published = Some(d);
                metadata[i] = textmeta::word_count(l) <= 12;
            }
            if author.is_none()
                && let Some(a) = textmeta::byline(l)
            {
                author = Some(a);
                metadata[i] = true;
            }
        }
        let blocks: Vec<Block> = lines
            .iter()
            .zip(&protected)
            .map(|((_, t), &p)| Block { text: t, link_chars: 0, protected: p })
            .collect();
        let mut remove = chrome::judge(&blocks, self.rules());
        for (r, m) in remove.iter_mut().zip(&metadata) {
            *r |= *m;
        }
        let mut text = String::with_capacity(content.len());
        let mut alignment = Alignment::default();
        let mut kept: Vec<&str> = Vec::new();
        for (i, ((off, t), r)) in lines.iter().zip(&remove).enumerate() {
            // The headline is the title, not a line of the text (nor a removed one).
            if Some(i) == title_idx {
                continue;
            }
            if *r {
                removed.push((*t).to_string());
                continue;
            }
            // A picture credit glued to the end of a paragraph leaves it; the paragraph
            // stays (a short caption with its credit was removed whole above).
            let t = match chrome::credit_tail(t) {
                Some(start) if start > 0 && !t[..start].trim_end().is_empty() => {
                    removed.push(t[start..].trim().to_string());
                    t[..start].trim_end()
                }
                _ => *t,
            };
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            alignment.push(text.len(), *off, t.len());
            text.push_str(t);
            kept.push(t);
        }
        if kept.is_empty() {
            return Err(no_article(doc, "every line was page chrome"));
        }
        // A dateline names the outlet; failing that, a credit line in the chrome.
        let outlet = kept
            .iter()
            .take(2)
            .find_map(|p| textmeta::dateline_outlet(p))
            .or_else(|| removed.iter().find_map(|l| textmeta::credit_outlet(l)));
        let found = Found {
            title: title_idx.map(|i| lines[i].1.to_string()),
            author,
            outlet,
            published,
            published_month: None,
            url: None,
            lang_hint: None,
        };
        Ok((text, alignment, removed, found))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "SportWeatherTravelBusiness\n\nHarbour Wall Repairs Finished Early\n\n\
        12 March 2026\n\nCrews finished the repairs to the old harbour wall two weeks early, the \
        port authority said on Thursday, after a dry winter let them work without a break.\n\n\
        Boats can use the inner basin again from Monday.\n";

    #[test]
    fn date_line_dates_the_text_and_is_removed() {
        let doc = RawDoc::new("s", "s.txt", Format::Text, STORY);
        let a = ArticleExtractor::default().extract(&doc).unwrap();
        assert_eq!(a.published.map(|d| d.to_string()).as_deref(), Some("2026-03-12"));
        assert_eq!(a.title.as_deref(), Some("Harbour Wall Repairs Finished Early"));
        assert!(a.removed.iter().any(|l| l == "12 March 2026"));
        assert!(a.removed.iter().any(|l| l == "SportWeatherTravelBusiness"));
        assert!(a.text.ends_with("Boats can use the inner basin again from Monday."));
    }

    #[test]
    fn container_metadata_wins() {
        let mut doc = RawDoc::new("s", "s.txt", Format::Text, STORY);
        doc.meta.title = Some("Given title".into());
        doc.meta.published = Date::new(2026, 1, 2);
        doc.meta.language = Some("de".parse().unwrap());
        let a = ArticleExtractor::default().extract(&doc).unwrap();
        assert_eq!(a.title.as_deref(), Some("Given title"));
        assert_eq!(a.published.map(|d| d.to_string()).as_deref(), Some("2026-01-02"));
        assert_eq!(a.language.as_str(), "de");
    }

    /// A `/YYYY/MM/slug` permalink gives a month only when nothing gives the day.
    #[test]
    fn a_permalink_month_dates_an_article_without_a_day() {
        let undated = STORY.replace("12 March 2026\n\n", "");
        let mut doc = RawDoc::new("s", "s.txt", Format::Text, undated.as_str());
        doc.meta.url = Some("https://harbour.example/2025/11/wall-repairs-finished".into());
        let a = ArticleExtractor::default().extract(&doc).unwrap();
        assert_eq!(a.published, None);
        assert_eq!(a.published_month.map(|m| m.to_string()).as_deref(), Some("2025-11"));
        assert_eq!(a.publication().unwrap().to_string(), "2025-11");

        // The page's date line gives the day, which wins.
        let mut dated = RawDoc::new("s", "s.txt", Format::Text, STORY);
        dated.meta.url = doc.meta.url.clone();
        let a = ArticleExtractor::default().extract(&dated).unwrap();
        assert_eq!(a.published.map(|d| d.to_string()).as_deref(), Some("2026-03-12"));
        assert_eq!(a.published_month, None);

        // A container month is kept as one, and a container day wins over the URL's month.
        doc.meta.published_month = "2024-06".parse().ok();
        let a = ArticleExtractor::default().extract(&doc).unwrap();
        assert_eq!(a.published_month.map(|m| m.to_string()).as_deref(), Some("2024-06"));
        doc.meta.published = Date::new(2026, 1, 2);
        let a = ArticleExtractor::default().extract(&doc).unwrap();
        assert_eq!((a.published, a.published_month), (Date::new(2026, 1, 2), None));
    }

    #[test]
    fn an_html_month_comes_from_metadata_or_the_permalink() {
        let body = "<p>The harbour wall was finished two weeks early, the port authority said on its site.</p>\
            <p>Crews worked through the night to beat the spring tides, and the inner basin reopens soon.</p>";
        let page = |head: &str| {
            format!("<html><head>{head}</head><body><article>{body}</article></body></html>")
        };
        let extract = |html: String, url: Option<&str>| {
            let mut doc = RawDoc::new("h", "h.html", Format::Html, html.as_str());
            doc.meta.url = url.map(str::to_string);
            ArticleExtractor::default().extract(&doc).unwrap()
        };
        let a =
            extract(page(r#"<meta property="article:published_time" content="2025-10">"#), None);
        assert_eq!(
            (a.published, a.published_month.map(|m| m.to_string())),
            (None, Some("2025-10".into()))
        );
        let url = Some("https://harbour.example/2025/11/wall-repairs-finished");
        let a = extract(page(""), url);
        assert_eq!(a.published_month.map(|m| m.to_string()).as_deref(), Some("2025-11"));
        let a =
            extract(page(r#"<meta property="article:published_time" content="2025-11-20">"#), url);
        assert_eq!(
            (a.published.map(|d| d.to_string()), a.published_month),
            (Some("2025-11-20".into()), None)
        );
    }

    #[test]
    fn a_list_of_short_lines_without_links_is_an_article() {
        let verse = [
            "The lamps are lit along the quay",
            "the boats come home at end of day",
            "the gulls go quiet on the wall",
            "and one by one the shutters fall",
            "the baker sweeps the flour away",
            "the ferry waits till break of day",
            "the harbour holds its breath and then",
            "the tide comes slowly in again",
        ];
        let lines = verse.join("<br>\n");
        let html = format!(
            "<html><body><h1>Evening on the quay</h1><div class=\"post\"><p>{lines}</p></div>\
             </body></html>"
        );
        let doc = RawDoc::new("v", "v.html", Format::Html, html);
        let a = ArticleExtractor::default().extract(&doc).unwrap();
        assert!(a.text.contains("the tide comes slowly in again"), "{}", a.text);
    }

    #[test]
    fn index_reason_needs_links() {
        let items: Vec<&str> = (0..10).map(|_| "Council delays vote on bus lanes").collect();
        let chars: usize = items.iter().map(|i| i.len()).sum();
        assert!(index_page_reason(&items, chars).is_some());
        assert!(index_page_reason(&items, 0).is_none());
    }

    #[test]
    fn empty_documents_are_not_articles() {
        for (format, content) in
            [(Format::Text, "  \n\n "), (Format::Html, "<html><body></body></html>")]
        {
            let doc = RawDoc::new("e", "e", format, content);
            let err = ArticleExtractor::default().extract(&doc).unwrap_err();
            assert!(matches!(err, ExtractError::NoArticle { .. }), "{err}");
        }
    }
}
