//! The crosscheck HTTP API and web page, served by `crosscheck serve`.
//!
//! # Overview
//!
//! - [`ServerBuilder`] configures a [`Server`] over a [`Corpus`](crosscheck::store::Corpus):
//!   the API key for uploads, the request size limit, the request timeout.
//! - [`Server::run`] serves on a listener until a shutdown future completes
//!   ([`shutdown_signal`]: Ctrl-C or SIGTERM), then drains the requests in flight.
//! - The API (schema in the `api` module's docs and in `GET /api/openapi.json`) answers JSON
//!   and errors as `application/problem+json`. The page at `/` is plain HTML, CSS and
//!   JavaScript embedded in the binary; it builds every element from data with
//!   `textContent`, never from HTML strings.
//!
//! # Example
//!
//! ```no_run
//! use std::sync::Arc;
//!
//! use crosscheck::PipelineBuilder;
//! use crosscheck::store::{Corpus, SqliteStore};
//! use crosscheck_server::{ServerBuilder, shutdown_signal};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let store = SqliteStore::open("crosscheck.db")?;
//! let corpus = Corpus::new(PipelineBuilder::new().build(), Arc::new(store));
//! let server = ServerBuilder::new().api_key(Some("secret".into())).build(corpus);
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! server.run(listener, shutdown_signal()).await?;
//! # Ok(())
//! # }
//! ```
//!
//! # Features
//!
//! None.

mod api;
mod assets;
mod error;
mod server;
mod state;

pub use server::{Server, ServerBuilder, shutdown_signal};
