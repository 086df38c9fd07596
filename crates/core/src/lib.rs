//! Vocabulary shared by every crosscheck stage, with no I/O.
//!
//! # Overview
//!
//! - [`DocId`]: the id ingest gives a raw document (file stem, JSON `id`, WARC-Record-ID).
//! - [`Span`]: a `u32` byte range into a document's raw content; [`Provenance`] pairs it with a
//!   [`DocId`].
//! - [`Date`]: a calendar date printed as `YYYY-MM-DD`; [`Month`]: a calendar month printed as
//!   `YYYY-MM`; [`Published`]: a day of publication, or only its month when that is all a
//!   source gives; [`Lang`]: an ISO 639-1 language code.
//! - [`RawDoc`]: one document as ingest read it, with its content and metadata.
//! - [`Article`]: an extracted article: text, metadata and the [`Alignment`] that maps every byte
//!   of its text back to the raw content.
//! - [`StoryReuse`]: who copied whom within a story ([`ReuseEdge`], [`ReuseCluster`],
//!   [`WireCredit`]); [`OriginIndex`] counts the independent origins of a statement.
//! - [`story`]: the fused story ([`story::FusedStory`], with its entities, claims, quotes,
//!   conflicts and timeline, every statement a [`story::SourceSpan`]) and the
//!   `crosscheck.story/1` document that carries it ([`story::StoryDocument`]), with its
//!   generated JSON Schema.
//! - [`Features`]: what an article says as the story clusterer counts it ([`Term`]s, a
//!   fingerprint, a language), so that a store can keep them with the article.
//!
//! # Example
//!
//! ```
//! use crosscheck_core::{Provenance, Span};
//!
//! let raw = "Title\n\nThe bridge opened on Monday.";
//! let span = Span::new(7, raw.len() as u32);
//! assert_eq!(span.slice(raw), Some("The bridge opened on Monday."));
//! let p = Provenance::new("report-1".into(), span);
//! assert_eq!(p.doc.as_str(), "report-1");
//! ```
//!
//! # Features
//!
//! None.

mod article;
mod date;
mod doc;
mod error;
mod lang;
mod month;
mod reuse;
mod sets;
mod span;
pub mod story;
mod terms;

pub use article::{Alignment, Article, ArticleRecord, Segment};
pub use date::Date;
pub use doc::{DocId, DocMeta, Format, RawDoc};
pub use error::{Error, Result};
pub use lang::Lang;
pub use month::{Month, Published};
pub use reuse::{
    CreditField, OriginBasis, OriginIndex, ReuseCluster, ReuseDirection, ReuseEdge, ReusePassage,
    StoryReuse, WireCredit,
};
pub use sets::DisjointSets;
pub use span::{Provenance, Span};
pub use terms::{Features, Term};
