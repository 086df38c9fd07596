//! Extracts an article's main text, metadata and page chrome from raw documents.
//!
//! # Overview
//!
//! - [`Extractor`]: the trait seam, one raw document in, one [`Article`] out.
//! - [`ArticleExtractor`] (built by [`ArticleExtractorBuilder`]): the default extractor. For
//!   HTML it stands on two engines ([`Engine`]): by default Mozilla Readability's algorithm
//!   (through `dom_smoothie`) with a filter for captions, credits and share bars, checked
//!   against a flat count of the page's prose blocks (Trafilatura's answer, through
//!   `trafilatura`, is taken when Readability misses most of the prose), falling back to
//!   Trafilatura and to a block reader when it finds nothing; [`Engine::Combined`] keeps
//!   only the paragraphs both engines agree on. It keeps paragraph breaks and maps the chosen
//!   paragraphs back to the raw HTML. For text and HTML alike it removes page chrome (see
//!   [`chrome`]), reads the title, date, outlet and author, and detects the language.
//! - [`extract_batch`]: extraction over a batch, where lines that recur across one outlet's
//!   articles are removed as chrome ([`chrome::strip_recurring`]).
//! - [`PlainExtractor`]: the baseline that keeps the raw content as is.
//!
//! Every [`Article`] keeps an [`Alignment`](crosscheck_core::Alignment) from its text to the raw
//! content: text lines are copied verbatim, and HTML text nodes without entities are recorded
//! as verbatim runs, so spans of the text map back to exact spans of the source.
//!
//! # Example
//!
//! ```
//! use crosscheck_core::{Format, RawDoc, Span};
//! use crosscheck_extract::{ArticleExtractor, Extractor};
//!
//! let html = "<html><head><title>Bridge opens | Town Paper</title></head><body>\
//!     <nav><a href=/>Home</a></nav><article><h1>Bridge opens</h1>\
//!     <p>The new bridge over the river opened to traffic on Monday after two years of work \
//!     that the council said had cost less than planned.</p>\
//!     <p>Residents on both banks had waited for the crossing since the old ferry stopped \
//!     running, and many of them walked across it on the first morning.</p></article></body></html>";
//! let doc = RawDoc::new("a", "a.html", Format::Html, html);
//! let article = ArticleExtractor::default().extract(&doc).unwrap();
//! assert_eq!(article.title.as_deref(), Some("Bridge opens"));
//! assert!(article.text.contains("opened to traffic on Monday"));
//! assert!(!article.text.contains("Home"));
//! let at = article.text.find("Residents").unwrap();
//! let span = Span::from_usize(at, at + 9);
//! let raw = article.alignment.to_raw(span).unwrap();
//! assert_eq!(raw.slice(html), Some("Residents"));
//! ```
//!
//! # Features
//!
//! None. Language detection covers Arabic, Chinese, Dutch, English, French, German, Italian,
//! Polish, Portuguese, Russian, Spanish and Ukrainian (the `lingua` models enabled in the
//! workspace manifest).

pub mod chrome;
mod error;
mod extractor;
mod html;
mod lang;
mod plain;
mod textmeta;

pub use error::ExtractError;
pub use extractor::{ArticleExtractor, ArticleExtractorBuilder, Engine};
pub use plain::PlainExtractor;

use crosscheck_core::{Article, RawDoc};

/// Turns one raw document into an article.
pub trait Extractor: Send + Sync {
    /// Extracts `doc`.
    fn extract(&self, doc: &RawDoc) -> Result<Article, ExtractError>;
}

/// Extracts every document of a batch with `extractor`, one result per document, in order, then
/// removes lines that recur across one outlet's articles ([`chrome::strip_recurring`]).
pub fn extract_batch(
    extractor: &dyn Extractor,
    docs: &[RawDoc],
) -> Vec<Result<Article, ExtractError>> {
    let mut out: Vec<_> = docs.iter().map(|d| extractor.extract(d)).collect();
    chrome::strip_recurring(out.iter_mut().filter_map(|r| r.as_mut().ok()));
    out
}
