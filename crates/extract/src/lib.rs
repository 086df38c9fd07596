//! Extracts an article's main text, metadata and page chrome from raw documents.
//!
//! # Overview
//!
//! - [`Extractor`]: the trait seam, one raw document in, one [`Article`] out.
//! - [`extract_batch`]: extraction over a batch, where lines that recur across one outlet's
//!   articles can be recognised as chrome.
//!
//! # Example
//!
//! ```
//! use crosscheck_core::{Format, RawDoc};
//! use crosscheck_extract::{Extractor, PlainExtractor};
//!
//! let doc = RawDoc::new("a", "a.txt", Format::Text, "Headline\n\nBody text.\n");
//! let article = PlainExtractor.extract(&doc).unwrap();
//! assert!(article.text.contains("Body text."));
//! ```
//!
//! # Features
//!
//! None.

mod error;
mod plain;

pub use error::ExtractError;
pub use plain::PlainExtractor;

use crosscheck_core::{Article, RawDoc};

/// Turns one raw document into an article.
pub trait Extractor: Send + Sync {
    /// Extracts `doc`.
    fn extract(&self, doc: &RawDoc) -> Result<Article, ExtractError>;
}

/// Extracts every document of a batch with `extractor`, one result per document, in order.
pub fn extract_batch(
    extractor: &dyn Extractor,
    docs: &[RawDoc],
) -> Vec<Result<Article, ExtractError>> {
    docs.iter().map(|d| extractor.extract(d)).collect()
}
