//! Text as a person sees it: what the readable formats (text, Markdown, HTML) and the CSV
//! summary columns show, as opposed to the raw source spans the JSON keeps.
//!
//! ## What it does
//!
//! [`shown_span`] takes a source text (a span of raw HTML, say) and returns what a reader
//! should see: markup tags removed, then [`shown`]: HTML entities decoded exactly once (`&amp;mdash;` in a source
//! becomes `&mdash;`, `&mdash;` becomes `—`), bidirectional embedding, override and isolate
//! controls removed, other control characters dropped. [`terminal_safe`] escapes every
//! control character (`\u{1b}`) so that nothing from a title, a text or a file name can move
//! the cursor, recolour or retitle a terminal.
//!
//! ## Why
//!
//! Spans point into the raw bytes, so a span of an HTML page holds `&rsquo;` and `<a href>`;
//! shown as they are they read as noise, and escaped again they read as `&amp;rsquo;`. An
//! unbalanced right-to-left override in one article would reverse every line after it in a
//! report (the "Trojan Source" trick); stripping them is simpler and safer than balancing.
//!
//! ## Example
//!
//! ```
//! use crosscheck_report::{shown, shown_span, terminal_safe};
//!
//! let span = "Roads &amp; <a href=\"x\">Bridges</a> &mdash; \u{202e}fair";
//! assert_eq!(shown_span(span), "Roads & Bridges — fair");
//! assert_eq!(shown("a &lt;b&gt; tag"), "a <b> tag");
//! assert_eq!(terminal_safe("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
//! ```
//!
//! ## Limitations
//!
//! Tags are removed by a small scanner (`<` followed by a letter, `/` or `!`, up to the next
//! `>`), not an HTML parser: a lone `<` in prose stays.
//!
//! ## References
//!
//! Unicode TR 9 (bidirectional algorithm); CVE-2021-42574 ("Trojan Source").

use std::borrow::Cow;
use std::fmt::Write as _;

use crosscheck_core::DocId;
use crosscheck_core::story::{FusedStory, SourceSpan};

/// Whether `c` is a bidirectional embedding, override or isolate control (U+202A to U+202E,
/// U+2066 to U+2069).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether a terminal could act on `c`: C0 controls, DEL, C1 controls and bidi controls.
fn is_terminal_control(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// `s` without markup tags: `<` followed by a letter, `/` or `!` starts a tag that runs to the
/// next `>`.
fn strip_tags(s: &str) -> Cow<'_, str> {
    if !s.contains('<') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('<') {
        let after = &rest[at + 1..];
        let is_tag = after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        if let (true, Some(end)) = (is_tag, after.find('>')) {
            out.push_str(&rest[..at]);
            rest = &after[end + 1..];
        } else {
            out.push_str(&rest[..=at]);
            rest = after;
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The text a person sees for the text `s` (a title, a claim): entities decoded once, bidi
/// and other control characters removed (line breaks and tabs kept).
pub fn shown(s: &str) -> String {
    without_controls(&html_escape::decode_html_entities(s))
}

/// The text a person sees for a source span `s`, which holds raw bytes (of an HTML page,
/// say): tags removed, then [`shown`].
pub fn shown_span(s: &str) -> String {
    shown(&strip_tags(s))
}

/// `s` without bidi controls and control characters other than line breaks and tabs.
fn without_controls(s: &str) -> String {
    s.chars()
        .filter(|&c| !is_bidi_control(c) && (!c.is_control() || matches!(c, '\n' | '\t')))
        .collect()
}

/// `s` with every control character a terminal would act on escaped as `\u{..}`: C0 and C1
/// controls (line breaks included), DEL, and bidi controls.
pub fn terminal_safe(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_terminal_control) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_terminal_control(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// How [`for_display`] treats text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// A page or a document: [`shown`].
    Document,
    /// A terminal: [`shown`], then ids and texts made [`terminal_safe`].
    Terminal,
}

/// A copy of `story` with every text a person reads made [`shown`] (and [`terminal_safe`] for
/// a terminal). Spans keep their byte offsets: only the text shown changes.
pub(crate) fn for_display(story: &FusedStory, target: Target) -> FusedStory {
    let finish = |s: String| -> String {
        match target {
            Target::Document => s,
            // Line breaks are the renderers' business: only what is left is escaped.
            Target::Terminal => {
                let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
                terminal_safe(&one).into_owned()
            }
        }
    };
    let text = |s: &str| finish(shown(s));
    let span_text = |s: &str| finish(shown_span(s));
    // Ids come from file names: a terminal must not see their controls either.
    let id = |d: &DocId| -> DocId {
        match target {
            Target::Document => DocId::from(without_controls(d.as_str())),
            Target::Terminal => DocId::from(terminal_safe(d.as_str()).into_owned()),
        }
    };
    let ids = |v: &[DocId]| -> Vec<DocId> { v.iter().map(id).collect() };
    let spans = |v: &[SourceSpan]| -> Vec<SourceSpan> {
        v.iter()
            .map(|s| {
                let mut s = s.clone();
                s.text = span_text(&s.text);
                s.article = id(&s.article);
                s
            })
            .collect()
    };
    let mut s = story.clone();
    s.id = match target {
        Target::Document => without_controls(&s.id),
        Target::Terminal => terminal_safe(&s.id).into_owned(),
    };
    s.headline = text(&s.headline);
    for a in &mut s.articles {
        a.id = id(&a.id);
        a.outlet = a.outlet.as_deref().map(text);
        a.title = a.title.as_deref().map(text);
        a.removed = a.removed.iter().map(|r| text(r)).collect();
        a.duplicate_of = a.duplicate_of.as_ref().map(id);
    }
    for e in &mut s.entities {
        e.name = text(&e.name);
        e.variants = e.variants.iter().map(|v| text(v)).collect();
        e.roles = e.roles.iter().map(|r| text(r)).collect();
        e.articles = ids(&e.articles);
        e.mentions = spans(&e.mentions);
    }
    for c in &mut s.claims {
        c.text = text(&c.text);
        c.articles = ids(&c.articles);
        c.renderings = spans(&c.renderings);
        c.fact = c.fact.as_ref().and_then(|f| spans(std::slice::from_ref(f)).pop());
    }
    for q in &mut s.quotes {
        q.speaker = q.speaker.as_deref().map(text);
        q.role = q.role.as_deref().map(text);
        q.articles = ids(&q.articles);
        q.renderings = spans(&q.renderings);
        q.attributions = spans(&q.attributions);
    }
    for k in &mut s.conflicts {
        k.topic = text(&k.topic);
        for side in &mut k.sides {
            side.value = text(&side.value);
            side.articles = ids(&side.articles);
            side.evidence = spans(&side.evidence);
        }
    }
    for t in &mut s.timeline {
        t.text = text(&t.text);
        t.articles = ids(&t.articles);
        t.evidence = spans(&t.evidence);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::{shown, shown_span, terminal_safe};

    #[test]
    fn entities_are_decoded_once_and_tags_dropped() {
        assert_eq!(shown("a &amp;mdash; b"), "a &mdash; b");
        assert_eq!(shown("Dalvinia&rsquo;s"), "Dalvinia\u{2019}s");
        assert_eq!(shown("x <b>bold</b>"), "x <b>bold</b>");
        assert_eq!(shown_span("x <a href=\"u\">link</a> y"), "x link y");
        assert_eq!(shown_span("3 < 4 and 5 > 2"), "3 < 4 and 5 > 2");
        assert_eq!(shown_span("<b"), "<b");
    }

    #[test]
    fn bidi_and_control_characters_are_removed() {
        assert_eq!(shown("abc\u{202e}fed\u{2066}x\u{2069}"), "abcfedx");
        assert_eq!(shown("a\u{1b}[31mb\u{7}"), "a[31mb");
        assert_eq!(shown("line\nnext\ttab"), "line\nnext\ttab");
    }

    #[test]
    fn terminal_controls_are_escaped() {
        assert_eq!(terminal_safe("plain"), "plain");
        assert_eq!(terminal_safe("a\u{1b}]0;pwned\u{7}"), "a\\u{1b}]0;pwned\\u{7}");
        assert_eq!(terminal_safe("x\ny\r"), "x\\u{a}y\\u{d}");
        assert_eq!(terminal_safe("\u{9b}2J\u{202e}"), "\\u{9b}2J\\u{202e}");
    }
}
