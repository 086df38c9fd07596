//! Page metadata read straight from the raw HTML: `<meta>` tags, JSON-LD, `<title>`, `<h1>`,
//! `<time>` and `<html lang>`.

use crosscheck_core::{Date, Month};
use serde_json::Value;

use super::lexer::{Lexer, Token, attr, decode, lower_name, push_collapsed};
use crosscheck_text::dates::{read_date, read_month_value};

/// What the page says about itself.
#[derive(Debug, Default, Clone)]
pub(crate) struct PageMeta {
    pub(crate) og_title: Option<String>,
    pub(crate) title_tag: Option<String>,
    pub(crate) h1: Option<String>,
    pub(crate) headline: Option<String>,
    /// The page's summary (`description`, `og:description`, `twitter:description`).
    pub(crate) description: Option<String>,
    pub(crate) site_name: Option<String>,
    pub(crate) publisher: Option<String>,
    pub(crate) author: Option<String>,
    pub(crate) published: Option<Date>,
    /// The month of publication, when a date key or JSON-LD `datePublished` gives only one
    /// (`2025-11`); the extractor uses it only when nothing gives a day.
    pub(crate) published_month: Option<Month>,
    pub(crate) time_tag: Option<Date>,
    pub(crate) url: Option<String>,
    pub(crate) lang: Option<String>,
    /// The JSON-LD or Open Graph type says this is an article.
    pub(crate) is_article_type: bool,
}

/// Meta names that carry the publication date, most specific first.
const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "datepublished",
    "og:published_time",
    "article.published",
    "publishdate",
    "publish-date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.created",
    "dc.date",
    "date",
    "article:modified_time",
];

fn set(slot: &mut Option<String>, v: &str) {
    if slot.is_none() {
        let mut s = String::new();
        push_collapsed(&mut s, &decode(v));
        let s = s.trim();
        if !s.is_empty() {
            *slot = Some(s.to_string());
        }
    }
}

/// Scans `html` once for its metadata.
pub(crate) fn scan(html: &str) -> PageMeta {
    let mut m = PageMeta::default();
    let mut dates: Vec<(usize, Date)> = Vec::new();
    let mut months: Vec<(usize, Month)> = Vec::new();
    let mut in_h1: Option<String> = None;
    let mut in_script_ld = false;
    let mut raw_owner = "";
    for tok in Lexer::new(html) {
        match tok {
            Token::Start { name, attrs, .. } => {
                in_script_ld = false;
                raw_owner = lower_name(name);
                match raw_owner {
                    "meta" => meta_tag(&mut m, &mut dates, &mut months, attrs),
                    "html" => {
                        if let Some(l) = attr(attrs, "lang") {
                            set(&mut m.lang, l);
                        }
                    }
                    "link" => {
                        if attr(attrs, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
                            && let Some(h) = attr(attrs, "href")
                        {
                            set(&mut m.url, h);
                        }
                    }
                    "time" if m.time_tag.is_none() => {
                        m.time_tag = attr(attrs, "datetime").and_then(read_date);
                    }
                    "h1" if m.h1.is_none() => in_h1 = Some(String::new()),
                    "script" => {
                        in_script_ld = attr(attrs, "type")
                            .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"));
                    }
                    _ => {}
                }
            }
            Token::End { name } => {
                if lower_name(name) == "h1"
                    && let Some(h) = in_h1.take()
                {
                    set(&mut m.h1, &h);
                }
            }
            Token::Text { start, end } => {
                if let Some(h) = in_h1.as_mut() {
                    h.push_str(&html[start..end]);
                    h.push(' ');
                }
            }
            Token::RawText { start, end } => {
                let body = &html[start..end];
                if raw_owner == "script" && in_script_ld {
                    json_ld(&mut m, body);
                } else if raw_owner == "title" {
                    set(&mut m.title_tag, body);
                }
                in_script_ld = false;
            }
        }
    }
    dates.sort_by_key(|&(rank, _)| rank);
    if m.published.is_none() {
        m.published = dates.first().map(|&(_, d)| d);
    }
    months.sort_by_key(|&(rank, _)| rank);
    if m.published_month.is_none() {
        m.published_month = months.first().map(|&(_, d)| d);
    }
    m
}

fn meta_tag(
    m: &mut PageMeta,
    dates: &mut Vec<(usize, Date)>,
    months: &mut Vec<(usize, Month)>,
    attrs: &str,
) {
    let Some(key) =
        attr(attrs, "property").or_else(|| attr(attrs, "name")).or_else(|| attr(attrs, "itemprop"))
    else {
        return;
    };
    let Some(content) = attr(attrs, "content") else { return };
    let key = key.to_ascii_lowercase();
    match key.as_str() {
        "og:title" | "twitter:title" => set(&mut m.og_title, content),
        "description" | "og:description" | "twitter:description" => {
            set(&mut m.description, content);
        }
        "og:site_name" | "application-name" | "twitter:site" if !content.starts_with('@') => {
            set(&mut m.site_name, content);
        }
        "author" | "article:author" | "byl" | "dc.creator" | "sailthru.author"
        | "parsely-author"
            if !content.starts_with("http") =>
        {
            set(&mut m.author, content.trim_start_matches("By ").trim_start_matches("by "));
        }
        "og:url" => set(&mut m.url, content),
        "og:type" if content.eq_ignore_ascii_case("article") => m.is_article_type = true,
        "og:locale" | "language" | "content-language" | "dc.language" => set(&mut m.lang, content),
        _ => {
            if let Some(rank) = DATE_KEYS.iter().position(|k| *k == key) {
                if let Some(d) = read_date(content) {
                    dates.push((rank, d));
                } else if let Some(month) = read_month_value(content) {
                    months.push((rank, month));
                }
            }
        }
    }
}

/// Reads the article fields of JSON-LD blocks (also inside `@graph` arrays).
fn json_ld(m: &mut PageMeta, body: &str) {
    let Ok(v) = serde_json::from_str::<Value>(body.trim()) else { return };
    visit_ld(m, &v, 0);
}

fn visit_ld(m: &mut PageMeta, v: &Value, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| visit_ld(m, i, depth + 1)),
        Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                visit_ld(m, g, depth + 1);
            }
            let ty = match o.get("@type") {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Array(a)) => a.first().and_then(Value::as_str).unwrap_or("").into(),
                _ => String::new(),
            };
            if !(ty.ends_with("Article") || ty == "Report" || ty == "BlogPosting") {
                return;
            }
            m.is_article_type = true;
            if let Some(v) = o.get("datePublished").and_then(Value::as_str) {
                if let Some(d) = read_date(v)
                    && m.published.is_none()
                {
                    m.published = Some(d);
                } else if let Some(month) = read_month_value(v)
                    && m.published_month.is_none()
                {
                    m.published_month = Some(month);
                }
            }
            if let Some(h) = o.get("headline").and_then(Value::as_str) {
                set(&mut m.headline, h);
            }
            if let Some(a) = o.get("author").and_then(ld_name) {
                set(&mut m.author, &a);
            }
            if let Some(p) = o.get("publisher").and_then(ld_name) {
                set(&mut m.publisher, &p);
            }
        }
        _ => {}
    }
}

/// A name from a JSON-LD person or organisation (a string, an object or an array of them).
fn ld_name(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_string),
        Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(ld_name).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_meta_json_ld_and_tags() {
        let html = r#"<html lang="de-DE"><head><title>Story | Paper</title>
            <meta property="og:site_name" content="The Paper">
            <meta name="author" content="By Jo Doe">
            <meta property="article:modified_time" content="2020-02-03T10:00:00Z">
            <script type="application/ld+json">{"@graph":[{"@type":"NewsArticle",
              "headline":"Story &amp; more","datePublished":"2020-02-01",
              "publisher":{"@type":"Organization","name":"Paper Inc"}}]}</script>
            </head><body><h1>The <em>story</em></h1><time datetime="2020-01-31">x</time></body></html>"#;
        let m = scan(html);
        assert_eq!(m.title_tag.as_deref(), Some("Story | Paper"));
        assert_eq!(m.site_name.as_deref(), Some("The Paper"));
        assert_eq!(m.author.as_deref(), Some("Jo Doe"));
        assert_eq!(m.published.unwrap().to_string(), "2020-02-01");
        assert_eq!(m.headline.as_deref(), Some("Story & more"));
        assert_eq!(m.publisher.as_deref(), Some("Paper Inc"));
        assert_eq!(m.h1.as_deref(), Some("The story"));
        assert_eq!(m.time_tag.unwrap().to_string(), "2020-01-31");
        assert_eq!(m.lang.as_deref(), Some("de-DE"));
        assert!(m.is_article_type);
    }

    #[test]
    fn meta_dates_rank_by_key() {
        let html = r#"<meta name="date" content="2021-05-05"><meta property="article:published_time" content="2021-05-04">"#;
        assert_eq!(scan(html).published.unwrap().to_string(), "2021-05-04");
    }

    #[test]
    fn a_month_alone_is_kept_apart() {
        let html = r#"<meta name="date" content="2021-04"><meta property="article:published_time" content="2021-05">"#;
        let m = scan(html);
        assert_eq!(m.published, None);
        assert_eq!(m.published_month.unwrap().to_string(), "2021-05", "ranked by key");
        let ld = r#"<script type="application/ld+json">{"@type":"BlogPosting","datePublished":"March 2022"}</script>"#;
        assert_eq!(scan(ld).published_month.unwrap().to_string(), "2022-03");
        let day = r#"<meta name="date" content="2021-05-04">"#;
        assert_eq!(scan(day).published_month, None, "a day is not also read as a month");
    }
}
