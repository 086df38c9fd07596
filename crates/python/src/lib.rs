//! The Python bindings of crosscheck: the `crosscheck._native` extension module of the
//! `crosscheck` wheel, and the adapter it calls.
//!
//! # Overview
//!
//! - [`adapter::Engine`] holds every stage (ingest of one JSON record, extraction,
//!   deduplication, clustering, fusion) and runs them over batches of records; it is the only
//!   code that calls the `crosscheck` facade.
//! - With the `python` feature, `_native` exposes it to Python (see `python/crosscheck/` for
//!   the package users import: `extract`, `MinHash`, `MinHashLSH`, `dedup`, `cluster`, `fuse`
//!   and the Spark job `crosscheck.spark`).
//!
//! # Example
//!
//! ```
//! use crosscheck_native::adapter::{Engine, Options};
//!
//! let engine = Engine::new(Options::default()).unwrap();
//! let record = r#"{"id": "a1", "text": "The harbour of Tarvik reopened on Monday after divers checked the damaged pier, the port office said. Cranes were back in service by noon, and the first ferry left at two."}"#;
//! let article = engine.extract_record("a1", record).unwrap();
//! assert_eq!(article.id.as_str(), "a1");
//! ```
//!
//! # Features
//!
//! - `python`: builds the extension module (`pyo3`, abi3 for `CPython` 3.9 and later).
//!   maturin turns it on; without it the crate needs no Python to build or test.

pub mod adapter;
mod error;
#[cfg(feature = "python")]
mod python;

pub use error::Error;
