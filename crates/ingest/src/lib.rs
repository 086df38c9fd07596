//! Reads documents for crosscheck from whatever a user has on disk.
//!
//! # Overview
//!
//! - [`Ingest`] (built by [`IngestBuilder`]) walks paths and yields one
//!   `Result<RawDoc, IngestError>` per document, lazily and in a stable order, as [`Docs`].
//! - [`IngestError`] names the input (file, and line or record) and the reason; one bad item
//!   never stops the others. [`IngestErrorKind`] tells the reasons apart.
//!
//! Paths are files, folders (walked recursively in file-name order, hidden entries skipped) and
//! `-` for stdin. Gzipped input is decompressed whatever its name. The format comes from the
//! file extension (looking through `.gz`), else from the content:
//!
//! | Format       | Extensions                   | Documents                                     |
//! |--------------|------------------------------|-----------------------------------------------|
//! | plain text   | `.txt`, `.md`                | the file; id = file stem                      |
//! | HTML         | `.html`, `.htm`              | the file, decoded from its charset            |
//! | JSON Lines   | `.jsonl`, `.ndjson`          | one per line; id = `id` field, else `stem:line` |
//! | JSON         | `.json`                      | one per array element (`stem:n`), or the lone object (`stem`) |
//! | WARC         | `.warc`, `.warc.gz`          | one per HTML response; id = `WARC-Record-ID`  |
//!
//! JSON records are read with the field names of news-please (`maintext`, `date_publish`,
//! `source_domain`, …), trafilatura (`text`, `date`, `hostname`, `source`, …) and plain exports
//! (`id`, `text`, `html`, `url`, `title`, `published`, `outlet`); the fields go to
//! [`DocMeta`](crosscheck_core::DocMeta).
//!
//! Ids are unique within one stream: when a second input would take an id already given (two
//! `x.txt` in different folders, a repeated JSON `id`), it gets `x~2`, then `x~3`, in reading
//! order, so no document replaces another.
//!
//! Every document's `source` is its path (`-` for stdin), with `:line` for a JSON line and `#n`
//! for the n-th JSON element or WARC record, counted from 1. Its `content` is UTF-8; when
//! decoding changed the bytes (a legacy charset), `original` keeps them.
//!
//! Bad input is an item error, never a panic: a truncated gzip stream, WARC record or JSON
//! array yields the good documents before the cut and then one error; a malformed JSON line,
//! a binary file, an empty file or a document over the size limit is one error and reading
//! goes on. Documents over the limit are skipped without being buffered, and gzip data that
//! expands more than 200-fold beyond 64 MiB is stopped as a decompression bomb.
//!
//! # Example
//!
//! ```
//! use crosscheck_ingest::IngestBuilder;
//!
//! let dir = std::env::temp_dir().join(format!("crosscheck-ingest-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir)?;
//! std::fs::write(dir.join("a.txt"), "The bridge opened on Monday.")?;
//! std::fs::write(dir.join("b.jsonl"), "{\"id\": \"w1\", \"text\": \"It opened.\"}\noops\n")?;
//!
//! let ingest = IngestBuilder::new().build();
//! let mut ids = Vec::new();
//! let mut errors = Vec::new();
//! for doc in ingest.read(&[dir.clone()]) {
//!     match doc {
//!         Ok(doc) => ids.push(doc.id.to_string()),
//!         Err(err) => errors.push(err.to_string()),
//!     }
//! }
//! assert_eq!(ids, ["a", "w1"]);
//! assert_eq!(errors.len(), 1);
//! assert!(errors[0].ends_with("b.jsonl:2: invalid json: expected value at column 1"));
//! std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! # Features
//!
//! None.

mod decode;
mod error;
mod input;
mod json;
mod meta;
mod open;
mod reader;
mod single;
mod warc;

pub use error::{IngestError, IngestErrorKind};
pub use reader::{Docs, IGNORE_FILE, Ingest, IngestBuilder};
