//! Reads documents for crosscheck from whatever a user has on disk.
//!
//! # Overview
//!
//! - [`Ingest`] (built by [`IngestBuilder`]) walks paths and yields one
//!   `Result<RawDoc, IngestError>` per document, in a stable order.
//! - [`IngestError`] names the input (file, and line or record) and the reason; one bad item
//!   never stops the others.
//!
//! # Example
//!
//! ```no_run
//! use crosscheck_ingest::IngestBuilder;
//!
//! let ingest = IngestBuilder::new().build();
//! for doc in ingest.read(&["examples/".into()]) {
//!     match doc {
//!         Ok(doc) => println!("{}", doc.id),
//!         Err(err) => eprintln!("{err}"),
//!     }
//! }
//! ```
//!
//! # Features
//!
//! None.

mod error;
mod reader;

pub use error::{IngestError, IngestErrorKind};
pub use reader::{Ingest, IngestBuilder};
