use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::{Date, DocId, Lang, Month, Provenance, Published, Span};

/// A run of bytes that is identical in an article's text and in its raw content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    /// Where the run starts in the text.
    pub text: u32,
    /// Where the run starts in the raw content.
    pub raw: u32,
    /// Its length in bytes.
    pub len: u32,
}

/// Maps byte offsets of an extracted text back to the raw content it came from.
///
/// The text is a sequence of runs copied verbatim from the raw content ([`Segment`]s, in
/// increasing order on both sides) and bytes the extractor wrote itself (paragraph breaks,
/// decoded HTML entities). A text span maps to the raw span from the raw position of its first
/// copied byte to the raw position after its last copied byte.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alignment {
    segments: Vec<Segment>,
}

impl Alignment {
    /// The alignment of a text that is the raw content itself.
    pub fn identity(len: usize) -> Alignment {
        let mut a = Alignment::default();
        a.push(0, 0, len);
        a
    }

    /// Records that `text[text..text + len] == raw[raw..raw + len]`.
    ///
    /// Runs must be pushed in increasing order; adjacent runs are merged.
    pub fn push(&mut self, text: usize, raw: usize, len: usize) {
        if len == 0 {
            return;
        }
        let (text, raw, len) = (text as u32, raw as u32, len as u32);
        if let Some(last) = self.segments.last_mut()
            && last.text + last.len == text
            && last.raw + last.len == raw
        {
            last.len += len;
            return;
        }
        self.segments.push(Segment { text, raw, len });
    }

    /// The runs, in order.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The raw span a text span came from, or `None` if it holds no copied byte.
    pub fn to_raw(&self, text: Span) -> Option<Span> {
        if text.is_empty() {
            return None;
        }
        // First segment that ends after text.start.
        let i = self.segments.partition_point(|s| s.text + s.len <= text.start);
        let first = self.segments.get(i)?;
        if first.text >= text.end {
            return None;
        }
        let start = first.raw + text.start.saturating_sub(first.text);
        // Last segment that starts before text.end.
        let j = self.segments.partition_point(|s| s.text < text.end) - 1;
        let last = self.segments[j];
        let end = last.raw + (text.end - last.text).min(last.len);
        Some(Span::new(start, end))
    }

    /// Whether the text span was copied from the raw content as one contiguous run, so that the
    /// raw span slices to exactly the same text.
    pub fn is_verbatim(&self, text: Span) -> bool {
        let i = self.segments.partition_point(|s| s.text + s.len <= text.start);
        self.segments.get(i).is_some_and(|s| s.text <= text.start && text.end <= s.text + s.len)
    }
}

/// An extracted article: its main text, metadata and what was removed around it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Article {
    /// The document id.
    pub id: DocId,
    /// Where it came from (see [`RawDoc::source`](crate::RawDoc::source)).
    pub source: String,
    /// The page's URL.
    pub url: Option<String>,
    /// The publishing outlet.
    pub outlet: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The author or byline.
    pub author: Option<String>,
    /// The publication date.
    pub published: Option<Date>,
    /// The month of publication when the input gives a month and no day (a `/2025/11/slug`
    /// permalink); `None` whenever [`Article::published`] is set, since a day always wins. No
    /// stage that needs a day (clustering, the timeline) reads it; see
    /// [`Article::publication`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_month: Option<Month>,
    /// The language of the text.
    pub language: Lang,
    /// The main text, paragraphs separated by blank lines.
    pub text: String,
    /// Lines removed as page chrome, in document order.
    pub removed: Vec<String>,
    /// Maps `text` offsets to `raw` offsets.
    pub alignment: Alignment,
    /// The raw content the text was extracted from.
    #[serde(skip)]
    pub raw: Arc<str>,
}

impl Article {
    /// An article whose text is its whole raw content, with no metadata and nothing removed.
    ///
    /// For callers that already hold clean text (tests, benches, an API upload of plain text).
    /// The language is left [`Lang::UNKNOWN`].
    pub fn from_text(id: impl Into<DocId>, text: &str) -> Article {
        let id = id.into();
        Article {
            source: id.to_string(),
            id,
            url: None,
            outlet: None,
            title: None,
            author: None,
            published: None,
            published_month: None,
            language: Lang::UNKNOWN,
            text: text.to_string(),
            removed: Vec::new(),
            alignment: Alignment::identity(text.len()),
            raw: Arc::from(text),
        }
    }

    /// When the article was published, as precisely as its input says: the day, else the
    /// month, else `None`.
    pub fn publication(&self) -> Option<Published> {
        Published::new(self.published, self.published_month)
    }

    /// The provenance of a span of [`Article::text`], pointing into the raw content.
    pub fn provenance(&self, text: Span) -> Option<Provenance> {
        self.alignment.to_raw(text).map(|span| Provenance::new(self.id.clone(), span))
    }

    /// The raw text a provenance span covers, if it is in bounds.
    pub fn raw_slice(&self, span: Span) -> Option<&str> {
        span.slice(&self.raw)
    }
}

/// An article in the schema of `crosscheck extract` (one JSON object per article), borrowed
/// from an [`Article`]: the CLI's `extract` and `dedup --unique` lines and the Python
/// package's `extract` write this one shape.
#[derive(Debug, Serialize)]
pub struct ArticleRecord<'a> {
    /// The document id.
    pub id: &'a str,
    /// Where it came from.
    pub source: &'a str,
    /// The page's URL.
    pub url: Option<&'a str>,
    /// The publishing outlet.
    pub outlet: Option<&'a str>,
    /// The headline.
    pub title: Option<&'a str>,
    /// The publication date.
    pub published: Option<Date>,
    /// The month of publication when the input gives no day; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_month: Option<Month>,
    /// The language.
    pub language: Lang,
    /// The main text.
    pub text: &'a str,
    /// Lines removed as page chrome.
    pub removed: &'a [String],
}

impl<'a> From<&'a Article> for ArticleRecord<'a> {
    fn from(a: &'a Article) -> ArticleRecord<'a> {
        ArticleRecord {
            id: a.id.as_str(),
            source: &a.source,
            url: a.url.as_deref(),
            outlet: a.outlet.as_deref(),
            title: a.title.as_deref(),
            published: a.published,
            published_month: a.published_month,
            language: a.language,
            text: &a.text,
            removed: &a.removed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (String, Alignment) {
        // raw:  "<p>Hello &amp; bye</p><p>Next</p>"
        // text: "Hello & bye\n\nNext"
        let mut a = Alignment::default();
        a.push(0, 3, 6); // "Hello "
        // "&" written by the extractor (decoded entity)
        a.push(7, 14, 4); // " bye"
        // "\n\n" written by the extractor
        a.push(13, 25, 4); // "Next"
        ("Hello & bye\n\nNext".to_string(), a)
    }

    #[test]
    fn maps_spans_through_gaps() {
        let raw = "<p>Hello &amp; bye</p><p>Next</p>";
        let (text, a) = sample();
        let whole = a.to_raw(Span::new(0, text.len() as u32)).unwrap();
        assert_eq!(whole.slice(raw), Some("Hello &amp; bye</p><p>Next"));
        let next = a.to_raw(Span::new(13, 17)).unwrap();
        assert_eq!(next.slice(raw), Some("Next"));
        assert!(a.is_verbatim(Span::new(13, 17)));
        assert!(!a.is_verbatim(Span::new(0, 11)));
        assert_eq!(a.to_raw(Span::new(11, 13)), None, "only written bytes");
        assert_eq!(a.to_raw(Span::new(6, 7)), None, "the decoded entity alone");
    }

    #[test]
    fn identity_is_exact() {
        let raw = "one two";
        let a = Alignment::identity(raw.len());
        assert_eq!(a.to_raw(Span::new(4, 7)).unwrap().slice(raw), Some("two"));
        assert!(a.is_verbatim(Span::new(0, 7)));
    }

    proptest::proptest! {
        #[test]
        fn raw_spans_stay_in_bounds(starts in proptest::collection::vec(0usize..50, 0..8), a in 0u32..200, b in 0u32..200) {
            // Build a monotone alignment from random gaps.
            let mut al = Alignment::default();
            let (mut t, mut r) = (0usize, 0usize);
            for g in starts {
                al.push(t, r, g % 7 + 1);
                t += g % 7 + 1 + g % 3;
                r += g % 7 + 1 + g % 5;
            }
            let span = Span::new(a.min(b), a.max(b));
            if let Some(raw) = al.to_raw(span) {
                proptest::prop_assert!(raw.start <= raw.end);
                proptest::prop_assert!(raw.end as usize <= r);
            }
        }
    }
}
