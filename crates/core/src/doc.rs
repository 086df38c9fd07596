use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::{Date, Lang};

/// The id of a raw document, as ingest gives it.
///
/// The file stem for single-document files, the `id` field (else `<file stem>:<line>`) for JSON
/// Lines, the `WARC-Record-ID` for WARC records. Cheap to clone.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocId(Arc<str>);

impl DocId {
    /// The id as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl schemars::JsonSchema for DocId {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DocId".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string" })
    }
}

impl From<&str> for DocId {
    fn from(s: &str) -> DocId {
        DocId(Arc::from(s))
    }
}

impl From<String> for DocId {
    fn from(s: String) -> DocId {
        DocId(Arc::from(s))
    }
}

impl AsRef<str> for DocId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DocId({:?})", &*self.0)
    }
}

/// How a document's content is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Format {
    /// Plain text (possibly with page chrome left in by a scraper).
    Text,
    /// An HTML page.
    Html,
}

/// Metadata that came with a document from its container (JSON fields, WARC and HTTP headers).
///
/// Extraction fills what is missing from the content itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocMeta {
    /// The page's URL.
    pub url: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The publishing outlet (site name or host).
    pub outlet: Option<String>,
    /// The author or byline.
    pub author: Option<String>,
    /// The publication date.
    pub published: Option<Date>,
    /// The month of publication, when the container gives a month and no day (`2025-11`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_month: Option<crate::Month>,
    /// The language, when the container declared it.
    pub language: Option<Lang>,
    /// When the page was fetched (a WARC-Date), as given.
    pub fetched: Option<String>,
}

/// One document as ingest read it.
///
/// `content` is the document's raw content as UTF-8: the file for text and HTML files (decoded
/// from its charset), the `text`/`maintext`/`html` field of a JSON record, the HTTP body of a WARC
/// response. Every [`Span`](crate::Span) in crosscheck points into this string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDoc {
    /// The document id.
    pub id: DocId,
    /// Where it came from: a path (`-` for stdin), with `:line` or `#record` for containers.
    pub source: String,
    /// How to read `content`.
    pub format: Format,
    /// The raw content, decoded to UTF-8.
    pub content: Arc<str>,
    /// The original bytes, kept only when decoding changed them (a legacy charset or invalid
    /// UTF-8), so that nothing the user gave is lost.
    pub original: Option<Arc<[u8]>>,
    /// Metadata from the container.
    pub meta: DocMeta,
}

impl RawDoc {
    /// A document whose content is already UTF-8.
    pub fn new(
        id: impl Into<DocId>,
        source: impl Into<String>,
        format: Format,
        content: impl Into<Arc<str>>,
    ) -> RawDoc {
        RawDoc {
            id: id.into(),
            source: source.into(),
            format,
            content: content.into(),
            original: None,
            meta: DocMeta::default(),
        }
    }
}
