//! The crosscheck story store: what crosscheck has read and what it made of it, kept across
//! runs.
//!
//! # Overview
//!
//! - [`Store`]: the trait. It keeps raw inputs content-addressed ([`ContentHash`]), extracted
//!   articles ([`StoredArticle`]), duplicate groups, stories ([`StoryId`], [`StorySummary`],
//!   [`StoryRecord`]) and their fused reports ([`FusedStory`](crosscheck_core::story::FusedStory),
//!   kept as `crosscheck.story/1` JSON text in `SQLite`).
//! - [`SqliteStore`] (built by [`SqliteStoreBuilder`]): one `SQLite` file in WAL mode, with
//!   versioned migrations and full-text search; every write is one transaction.
//! - [`MemStore`]: the in-memory double for tests, with the same semantics.
//! - [`update`] and [`StoryEngine`]: incremental ingest. New articles are placed against the
//!   stories of their neighbourhood ([`Store::neighbours`], an index of key terms), into
//!   existing or new stories ([`Plan`]), bridged stories are merged (the merged-away id
//!   redirects, [`Store::resolve`]), and the reports of the stories they touched are refreshed.
//! - [`StoryQuery`] and [`StoryPage`]: filtered listings with cursor pagination ([`Cursor`]).
//!
//! # Example
//!
//! ```
//! use std::sync::Arc;
//!
//! use crosscheck_core::{Alignment, Article, DocId, Lang};
//! use crosscheck_store::{MemStore, Placement, PutOutcome, Store, Target};
//!
//! let raw = "Bridge opens\n\nThe bridge opened on Monday.";
//! let article = Article {
//!     id: DocId::from("a1"),
//!     source: "a1.txt".into(),
//!     url: None,
//!     outlet: Some("Daily".into()),
//!     title: Some("Bridge opens".into()),
//!     author: None,
//!     published: "2025-11-19".parse().ok(),
//!     published_month: None,
//!     language: Lang::EN,
//!     text: raw.into(),
//!     removed: vec![],
//!     alignment: Alignment::identity(raw.len()),
//!     raw: Arc::from(raw),
//! };
//! let store = MemStore::new();
//! assert_eq!(store.put_article(&article, None)?, PutOutcome::Added);
//! assert_eq!(store.put_article(&article, None)?, PutOutcome::Unchanged);
//! let plan = [Placement {
//!     article: article.id.clone(),
//!     target: Target::New(0),
//!     duplicate_of: None,
//!     keys: vec![],
//!     features: None,
//! }];
//! let stories = store.place(&plan, &[])?;
//! assert_eq!(store.story(&stories[0])?.unwrap().summary.headline, "Bridge opens");
//! # Ok::<(), crosscheck_store::Error>(())
//! ```
//!
//! # Features
//!
//! None. `SQLite` is compiled in (`rusqlite`'s `bundled`), with FTS5 and JSON1.

mod error;
mod features;
mod mem;
mod migrations;
mod model;
mod plan;
mod sqlite;
mod store;
mod update;

pub use error::{Error, Result};
pub use mem::MemStore;
pub use model::{
    ContentHash, Cursor, Neighbourhood, Placement, Plan, Probe, PutOutcome, Stats, StoredArticle,
    StoryId, StoryMembers, StoryPage, StoryQuery, StoryRecord, StorySummary, Target, origin,
};
pub use sqlite::{SqliteStore, SqliteStoreBuilder};
pub use store::{ReportWrite, Store};
pub use update::{EngineError, StoryEngine, UpdateReport, place_pending, update};
