//! crosscheck reads many news reports and gives each story back once, every fact tied to the
//! sources that carry it.
//!
//! This facade wires the pipeline stages together:
//!
//! ```text
//! ingest → extract → dedup → cluster → fuse → report / store / serve
//! ```
//!
//! # Overview
//!
//! - [`Pipeline`] (built by [`PipelineBuilder`]) runs the stages over paths.
//! - [`PipelineConfig`]: every stage's options, from a TOML or JSON file.
//! - [`place::Placer`]: the one story-placement path (dedup, then cluster), in batch and in a
//!   store.
//! - [`Error`]: an item error from any stage, naming the input.
//! - The stage crates are re-exported: [`core`], [`ingest`], [`extract`], [`text`].
//!
//! # Example
//!
//! ```no_run
//! use crosscheck::PipelineBuilder;
//!
//! let pipeline = PipelineBuilder::new().build();
//! pipeline.extract(&["examples/".into()], |item| {
//!     match item {
//!         Ok(article) => println!("{}: {}", article.id, article.title.unwrap_or_default()),
//!         Err(err) => eprintln!("{err}"),
//!     }
//!     true
//! });
//! ```
//!
//! # Features
//!
//! None.

pub mod cluster;
pub mod config;
pub mod dedup;
mod error;
pub mod fuse;
mod pipeline;
pub mod place;
pub mod store;

pub use config::PipelineConfig;
pub use crosscheck_core as core;
pub use crosscheck_extract as extract;
pub use crosscheck_ingest as ingest;
pub use crosscheck_report as report;
pub use crosscheck_text as text;
pub use error::Error;
pub use pipeline::{Pipeline, PipelineBuilder};
