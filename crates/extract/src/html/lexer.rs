//! A small, forgiving HTML tokenizer that keeps source offsets.
//!
//! It is not a conforming HTML5 parser: it only needs to find text runs (with their raw
//! offsets), tags and their attributes, which is all the alignment and metadata code reads. It
//! never panics and runs in one linear pass over the bytes (searches for a closing `>` or `-->`
//! are bounded by the end of the input, and each byte is visited a bounded number of times).

use std::borrow::Cow;

/// One token of an HTML document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    /// Character data between tags, `raw[start..end]`, entities not decoded.
    Text { start: usize, end: usize },
    /// A start tag; `attrs` is the raw text after the name up to `>`.
    Start { name: &'a str, attrs: &'a str, start: usize },
    /// An end tag.
    End { name: &'a str },
    /// The content of a `<title>` or `<script>` element, `raw[start..end]`, not visible text.
    RawText { start: usize, end: usize },
}

/// Elements whose content is not markup (scripts, styles) or not visible text.
fn is_raw_text(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "template"
            | "textarea"
            | "title"
            | "xmp"
            | "iframe"
            | "noembed"
            | "noframes"
            | "svg"
            | "math"
            | "noscript"
    )
}

/// An iterator over the tokens of `html`.
#[derive(Debug)]
pub(crate) struct Lexer<'a> {
    html: &'a str,
    pos: usize,
    /// The raw-text element we are inside, whose content is skipped up to its end tag.
    raw_text: Option<&'a str>,
    /// A pending raw-text run to yield (for `<title>`, which callers read).
    pending: Option<Token<'a>>,
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(html: &'a str) -> Lexer<'a> {
        Lexer { html, pos: 0, raw_text: None, pending: None }
    }

    /// Skips the content of a raw-text element; yields it for `<title>` and `<script>`.
    fn skip_raw_text(&mut self, name: &'a str) -> Option<Token<'a>> {
        let bytes = self.html.as_bytes();
        let start = self.pos;
        let mut i = start;
        while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
            let lt = i + off;
            let rest = &bytes[lt + 1..];
            if rest.first() == Some(&b'/')
                && rest.len() > name.len()
                && rest[1..=name.len()].eq_ignore_ascii_case(name.as_bytes())
                && !rest.get(name.len() + 1).is_some_and(u8::is_ascii_alphanumeric)
            {
                self.pos = lt;
                return (matches!(name, "title" | "script") && lt > start)
                    .then_some(Token::RawText { start, end: lt });
            }
            i = lt + 1;
        }
        self.pos = bytes.len();
        None
    }
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        if let Some(t) = self.pending.take() {
            return Some(t);
        }
        if let Some(name) = self.raw_text.take()
            && let Some(t) = self.skip_raw_text(name)
        {
            return Some(t);
        }
        let html = self.html;
        let bytes = html.as_bytes();
        loop {
            if self.pos >= bytes.len() {
                return None;
            }
            let start = self.pos;
            if bytes[start] != b'<' {
                let end = memchr::memchr(b'<', &bytes[start..]).map_or(bytes.len(), |o| start + o);
                self.pos = end;
                return Some(Token::Text { start, end });
            }
            let rest = &bytes[start + 1..];
            match rest.first() {
                Some(b'!') => {
                    // Comment, doctype or CDATA.
                    self.pos = if rest.starts_with(b"!--") {
                        memchr::memmem::find(&bytes[start + 4..], b"-->")
                            .map_or(bytes.len(), |o| start + 4 + o + 3)
                    } else {
                        memchr::memchr(b'>', rest).map_or(bytes.len(), |o| start + 1 + o + 1)
                    };
                }
                Some(b'?') => {
                    self.pos =
                        memchr::memchr(b'>', rest).map_or(bytes.len(), |o| start + 1 + o + 1);
                }
                Some(b'/') if rest.get(1).is_some_and(u8::is_ascii_alphabetic) => {
                    let gt = memchr::memchr(b'>', rest).map_or(bytes.len(), |o| start + 1 + o);
                    self.pos = (gt + 1).min(bytes.len());
                    let body = &html[start + 2..gt];
                    let name_len = body
                        .bytes()
                        .position(|b| b.is_ascii_whitespace() || b == b'/')
                        .unwrap_or(body.len());
                    return Some(Token::End { name: &body[..name_len] });
                }
                Some(c) if c.is_ascii_alphabetic() => {
                    let gt = tag_end(bytes, start + 1);
                    self.pos = (gt + 1).min(bytes.len());
                    let body = &html[start + 1..gt];
                    let name_len = body
                        .bytes()
                        .position(|b| b.is_ascii_whitespace() || b == b'/')
                        .unwrap_or(body.len());
                    let name = &body[..name_len];
                    let attrs = &body[name_len..];
                    let lower = lower_name(name);
                    if is_raw_text(lower) && !attrs.trim_end().ends_with('/') {
                        self.raw_text = Some(lower);
                    }
                    return Some(Token::Start { name, attrs, start });
                }
                _ => {
                    // A lone `<` is text.
                    let end = memchr::memchr(b'<', &bytes[start + 1..])
                        .map_or(bytes.len(), |o| start + 1 + o);
                    self.pos = end;
                    return Some(Token::Text { start, end });
                }
            }
        }
    }
}

/// The index of the `>` closing a tag opened before `from`, skipping quoted attribute values.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    let mut quote = None;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(q) = quote {
            if b == q {
                quote = None;
            }
        } else if b == b'"' || b == b'\'' {
            // Only a quote right after `=` (possibly with spaces) opens a value.
            let prev = bytes[from..i].iter().rev().find(|c| !c.is_ascii_whitespace());
            if prev == Some(&b'=') {
                quote = Some(b);
            }
        } else if b == b'>' {
            return i;
        }
        i += 1;
    }
    bytes.len()
}

/// The name as a static lowercase string when it is one we care about, else the name itself
/// (callers compare lowercase, so an unknown mixed-case name just never matches).
pub(crate) fn lower_name(name: &str) -> &str {
    const KNOWN: &[&str] = &[
        "script",
        "style",
        "template",
        "textarea",
        "title",
        "xmp",
        "iframe",
        "noembed",
        "noframes",
        "svg",
        "math",
        "noscript",
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "meta",
        "time",
        "a",
        "link",
        "html",
        "body",
        "head",
        "article",
        "main",
        "section",
        "header",
        "footer",
        "nav",
        "aside",
        "table",
        "tr",
        "td",
        "th",
        "ul",
        "ol",
        "blockquote",
        "pre",
        "figcaption",
        "figure",
        "dd",
        "dt",
        "dl",
        "hr",
        "form",
        "button",
        "span",
        "img",
        "address",
        "details",
        "summary",
        "caption",
        "thead",
        "tbody",
        "center",
        "label",
        "select",
        "option",
        "input",
        "fieldset",
        "legend",
    ];
    if name.bytes().all(|b| !b.is_ascii_uppercase()) {
        return name;
    }
    KNOWN.iter().find(|k| k.eq_ignore_ascii_case(name)).copied().unwrap_or(name)
}

/// The value of attribute `key` (ASCII case-insensitive) in a tag's raw attribute text.
pub(crate) fn attr<'a>(attrs: &'a str, key: &str) -> Option<&'a str> {
    let b = attrs.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let ns = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'/' {
            i += 1;
        }
        let name = &attrs[ns..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vs = i + 1;
                let ve = memchr::memchr(q, &b[vs..]).map_or(b.len(), |o| vs + o);
                value = &attrs[vs..ve];
                i = (ve + 1).min(b.len());
            } else {
                let vs = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = &attrs[vs..i];
            }
        }
        if name.eq_ignore_ascii_case(key) {
            return Some(value);
        }
        if ns == i {
            i += 1;
        }
    }
    None
}

/// Decodes the entities of `s`.
pub(crate) fn decode(s: &str) -> Cow<'_, str> {
    if s.contains('&') { html_escape::decode_html_entities(s) } else { Cow::Borrowed(s) }
}

/// The length of the character reference starting at `s[0] == '&'`, if it is one.
pub(crate) fn entity_len(s: &[u8]) -> Option<usize> {
    let mut i = 1;
    if s.get(1) == Some(&b'#') {
        i = 2;
        let hex = matches!(s.get(2), Some(b'x' | b'X'));
        if hex {
            i = 3;
        }
        let ds = i;
        while i < s.len()
            && (if hex { s[i].is_ascii_hexdigit() } else { s[i].is_ascii_digit() })
            && i - ds < 8
        {
            i += 1;
        }
        if i == ds {
            return None;
        }
    } else {
        while i < s.len() && s[i].is_ascii_alphanumeric() && i < 40 {
            i += 1;
        }
        if i == 1 || s.get(i) != Some(&b';') {
            return None;
        }
    }
    if s.get(i) == Some(&b';') {
        i += 1;
    }
    Some(i)
}

/// Whether the element starts a new block (a paragraph boundary in extracted text).
pub(crate) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "li"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "pre"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "ul"
            | "ol"
            | "dl"
            | "dd"
            | "dt"
            | "hr"
            | "figcaption"
            | "figure"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "address"
            | "details"
            | "summary"
            | "caption"
            | "form"
            | "fieldset"
            | "center"
            | "body"
            | "html"
            | "head"
            | "option"
            | "select"
            | "legend"
    )
}

/// The paragraphs of an HTML fragment: the text of each block, whitespace collapsed, entities
/// decoded, empty blocks skipped.
pub(crate) fn paragraphs(html: &str) -> Vec<String> {
    paragraphs_filtered(html, false)
}

/// Class and id name parts that mark page furniture inside an article container (captions,
/// credits, share bars, teasers), matched as prefixes of the `-`/`_`-separated parts.
const FURNITURE: &[&str] = &[
    "caption",
    "credit",
    "related",
    "promo",
    "newsletter",
    "share",
    "sharing",
    "social",
    "byline",
    "timestamp",
    "gallery",
    "advert",
    "sponsor",
    "subscri",
    "signup",
    "comment",
    "breadcrumb",
    "toolbar",
    "recommend",
    "readmore",
    "outbrain",
    "taboola",
    "popup",
    "modal",
    "cookie",
    "author",
    "dateline",
];

/// Whether an element's tag or attributes mark it as furniture rather than article text.
fn is_furniture(name: &str, attrs: &str) -> bool {
    if matches!(name, "figure" | "figcaption" | "aside" | "nav" | "footer" | "form" | "button") {
        return true;
    }
    if attr(attrs, "hidden").is_some()
        || attr(attrs, "aria-hidden").is_some_and(|v| v == "true")
        || attr(attrs, "style").is_some_and(|s| s.replace(' ', "").contains("display:none"))
    {
        return true;
    }
    [attr(attrs, "class"), attr(attrs, "id")].into_iter().flatten().any(|v| {
        v.split(|c: char| c.is_whitespace() || c == '-' || c == '_').any(|part| {
            let part = part.to_ascii_lowercase();
            matches!(part.as_str(), "ad" | "ads" | "hidden" | "tags")
                || FURNITURE.iter().any(|f| part.starts_with(f))
        })
    })
}

/// A furniture element holding more than this share of a fragment's text is a container that
/// happens to carry such a name ("post-author-content"), not furniture.
const MAX_FURNITURE_SHARE: usize = 4;

/// For each start tag (by ordinal), whether it opens furniture to skip: furniture by
/// [`is_furniture`] holding less than 1/[`MAX_FURNITURE_SHARE`] of the fragment's text.
fn furniture_to_skip(html: &str) -> Vec<bool> {
    let mut skip = Vec::new();
    let mut sizes: Vec<(usize, usize)> = Vec::new(); // (ordinal, chars) of closed furniture
    let mut stack: Vec<(&str, Option<usize>, usize)> = Vec::new(); // name, furniture ordinal, chars at open
    let mut chars = 0usize;
    for tok in Lexer::new(html) {
        match tok {
            Token::Text { start, end } => {
                chars += html[start..end].chars().filter(|c| !c.is_whitespace()).count();
            }
            Token::Start { name, attrs, .. } => {
                let lower = lower_name(name);
                let ord = skip.len();
                let f = is_furniture(lower, attrs);
                skip.push(f);
                if !is_void(lower) && !attrs.trim_end().ends_with('/') {
                    stack.push((lower, f.then_some(ord), chars));
                } else if f {
                    sizes.push((ord, 0));
                }
            }
            Token::End { name } => {
                if let Some(i) = stack.iter().rposition(|(n, ..)| n.eq_ignore_ascii_case(name)) {
                    for (_, f, at) in stack.drain(i..) {
                        if let Some(ord) = f {
                            sizes.push((ord, chars - at));
                        }
                    }
                }
            }
            Token::RawText { .. } => {}
        }
    }
    for (_, f, at) in stack.drain(..) {
        if let Some(ord) = f {
            sizes.push((ord, chars - at));
        }
    }
    for (ord, size) in sizes {
        if size * MAX_FURNITURE_SHARE > chars {
            skip[ord] = false;
        }
    }
    skip
}

/// Like [`paragraphs`]; with `filter`, skips small furniture elements (see
/// [`furniture_to_skip`]) and all they contain.
pub(crate) fn paragraphs_filtered(html: &str, filter: bool) -> Vec<String> {
    paragraphs_with_links(html, filter).0
}

/// A line this long or longer before a single `<br>` is a wrapped line of a paragraph.
const WRAPPED_LINE_MIN_CHARS: usize = 50;

/// Whether `line`, the text since the last break, is a line that a single `<br>` wraps rather
/// than ends: at least 50 characters (a list item, a verse or an address line is shorter), and
/// not a label ending in a colon. A second `<br>` right after still ends the paragraph, since
/// the line before it is then empty.
fn is_wrapped_line(line: &str) -> bool {
    let t = line.trim();
    !t.ends_with(':') && t.chars().take(WRAPPED_LINE_MIN_CHARS).count() >= WRAPPED_LINE_MIN_CHARS
}

/// Like [`paragraphs_filtered`], with the number of characters of each paragraph that sit
/// inside links (`<a>` elements), counted after whitespace collapsing.
pub(crate) fn paragraphs_with_links(html: &str, filter: bool) -> (Vec<String>, Vec<usize>) {
    let skip_at = if filter { furniture_to_skip(html) } else { Vec::new() };
    let mut out = Vec::new();
    let mut links = Vec::new();
    let mut cur = String::new();
    let mut cur_links = 0usize;
    // Where the current line of `cur` starts, after a wrapping `<br>`.
    let mut line_start = 0usize;
    let flush =
        |cur: &mut String, cur_links: &mut usize, out: &mut Vec<String>, links: &mut Vec<usize>| {
            let t = cur.trim();
            if !t.is_empty() {
                links.push((*cur_links).min(t.chars().count()));
                out.push(t.to_string());
            }
            cur.clear();
            *cur_links = 0;
        };
    // Open elements and whether each is skipped; `skipping` counts skipped ones among them.
    let mut stack: Vec<(&str, bool)> = Vec::new();
    let mut skipping = 0usize;
    let mut ord = 0usize;
    // Open `<a>` elements (links do not nest, but broken markup may leave some open).
    let mut in_link = 0usize;
    for tok in Lexer::new(html) {
        match tok {
            Token::Text { start, end } => {
                if skipping == 0 {
                    if in_link > 0 {
                        let before = cur.len();
                        push_collapsed(&mut cur, &decode(&html[start..end]));
                        cur_links += cur[before..].chars().count();
                    } else {
                        push_collapsed(&mut cur, &decode(&html[start..end]));
                    }
                }
            }
            Token::Start { name, attrs, .. } => {
                let lower = lower_name(name);
                let skip = skip_at.get(ord).copied().unwrap_or(false);
                ord += 1;
                if lower == "br" && is_wrapped_line(&cur[line_start.min(cur.len())..]) {
                    // A hard-wrapped paragraph: the line goes on after the break.
                    cur.push(' ');
                    line_start = cur.len();
                } else if is_block(lower) {
                    flush(&mut cur, &mut cur_links, &mut out, &mut links);
                    line_start = 0;
                }
                if lower == "a" && !attrs.trim_end().ends_with('/') {
                    in_link += 1;
                }
                if filter && !is_void(lower) && !attrs.trim_end().ends_with('/') {
                    skipping += usize::from(skip);
                    stack.push((lower, skip));
                }
            }
            Token::End { name } => {
                let lower = lower_name(name);
                if is_block(lower) {
                    flush(&mut cur, &mut cur_links, &mut out, &mut links);
                    line_start = 0;
                }
                if lower == "a" {
                    in_link = in_link.saturating_sub(1);
                }
                if filter
                    && let Some(i) = stack.iter().rposition(|(n, _)| n.eq_ignore_ascii_case(name))
                {
                    for (_, f) in stack.drain(i..) {
                        skipping -= usize::from(f);
                    }
                }
            }
            Token::RawText { .. } => {}
        }
    }
    flush(&mut cur, &mut cur_links, &mut out, &mut links);
    (out, links)
}

/// Void elements (no end tag), which do not nest.
pub(crate) fn is_void(name: &str) -> bool {
    matches!(
        name,
        "br" | "img"
            | "meta"
            | "link"
            | "input"
            | "hr"
            | "area"
            | "base"
            | "col"
            | "embed"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Appends `s` to `out` with whitespace runs collapsed to one space (also across calls).
pub(crate) fn push_collapsed(out: &mut String, s: &str) {
    for c in s.chars() {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else if !is_invisible(c) {
            out.push(c);
        }
    }
}

/// Characters that render as nothing and that extractors drop (zero-width spaces, soft hyphens).
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<&str> {
        Lexer::new(html)
            .filter_map(|t| match t {
                Token::Text { start, end } => Some(&html[start..end]),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn skips_scripts_comments_and_keeps_title() {
        let html = "<html><head><title>T</title><script>if (a<b) x='</p>';</script>\
                    <style>p{}</style></head><body><!-- c > d --><p>One &amp; two</p>x < y</body>";
        assert_eq!(texts(html), vec!["One &amp; two", "x ", "< y"]);
        let raw: Vec<_> = Lexer::new(html)
            .filter_map(|t| match t {
                Token::RawText { start, end } => Some(&html[start..end]),
                _ => None,
            })
            .collect();
        assert_eq!(raw, vec!["T", "if (a<b) x='</p>';"]);
    }

    #[test]
    fn reads_attributes() {
        let a = r#" property="og:title" content='A "quoted" title' data-x=1 hidden"#;
        assert_eq!(attr(a, "property"), Some("og:title"));
        assert_eq!(attr(a, "CONTENT"), Some("A \"quoted\" title"));
        assert_eq!(attr(a, "data-x"), Some("1"));
        assert_eq!(attr(a, "hidden"), Some(""));
        assert_eq!(attr(a, "missing"), None);
    }

    #[test]
    fn quoted_gt_does_not_close_tag() {
        let html = r#"<a title="a > b" href=x>link</a>"#;
        assert_eq!(texts(html), vec!["link"]);
    }

    #[test]
    fn splits_blocks_into_paragraphs() {
        let html =
            "<h1>Head</h1><p>One <b>bold</b>\n  word</p><ul><li>a</li><li>b&nbsp;c</li></ul>";
        assert_eq!(paragraphs(html), vec!["Head", "One bold word", "a", "b c"]);
    }

    #[test]
    fn counts_link_characters_per_paragraph() {
        let html =
            "<p>See <a href=/a>the &amp; report</a> here</p><ul><li><a href=/b>Next</a></li></ul>";
        let (paras, links) = paragraphs_with_links(html, false);
        assert_eq!(paras, vec!["See the & report here", "Next"]);
        assert_eq!(links, vec!["the & report".chars().count(), 4]);
    }

    #[test]
    fn entity_lengths() {
        assert_eq!(entity_len(b"&amp; x"), Some(5));
        assert_eq!(entity_len(b"&#39;s"), Some(5));
        assert_eq!(entity_len(b"&#x2014;"), Some(8));
        assert_eq!(entity_len(b"& x"), None);
        assert_eq!(entity_len(b"&copy"), None);
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_text_in_bounds(s in "(<[a-zA-Z/!]{0,3}|[a-z\"'=> &;#]|\\PC){0,60}") {
            for t in Lexer::new(&s) {
                if let Token::Text { start, end } = t {
                    proptest::prop_assert!(s.get(start..end).is_some());
                }
            }
            let _ = paragraphs(&s);
        }
    }
}
