//! Exact and near-duplicate detection for crosscheck: `MinHash` with LSH banding, candidates
//! verified against their group's first document (a bounded number per document).
//!
//! # Overview
//!
//! - [`DedupBuilder`] configures a [`Deduper`]: shingle size, threshold, permutations, bands,
//!   seed and [`Verify`] mode.
//! - [`Deduper::dedup`] groups a batch of texts on all cores and gives each a [`Membership`]:
//!   its group, the group's first document and the similarity to it.
//! - [`Deduper::fingerprint`] and [`DedupIndex`] do the same one document at a time, for
//!   streams too large to hold (a [`Fingerprint`] is a few hundred bytes).
//! - [`MinHasher`] computes the signatures: one pass over the text, no per-shingle allocation,
//!   permutations applied in vectorised blocks.
//!
//! - [`ReuseDetector`] (built by [`ReuseBuilder`]) finds text reuse within a story: shared
//!   passages between articles, which way they went, each cluster's origin and the wire credits
//!   (the [`reuse`] module documents the rules).
//!
//! The rule that decides membership is documented on the [`dedup`] module.
//!
//! # Example
//!
//! ```
//! use crosscheck_dedup::{DedupBuilder, MatchKind};
//!
//! let dedup = DedupBuilder::new().build().unwrap();
//! let a = "Officials said the harbour will reopen on Friday once divers have checked the \
//!          damaged pier and the cranes are back in service.";
//! let b = "OFFICIALS SAID the harbour will reopen on Friday, once divers have checked the \
//!          damaged pier and the cranes are back in service!";
//! let groups = dedup.dedup(&[a, b]);
//! assert_eq!(groups[1].kind, MatchKind::Exact);
//! assert_eq!(groups[1].group, groups[0].group);
//! ```
//!
//! # Features
//!
//! None.

pub mod dedup;
mod error;
mod lsh;
mod minhash;
pub mod reuse;

pub use dedup::{
    DedupBuilder, DedupIndex, Deduper, Fingerprint, MatchKind, Membership, Verify, jaccard_sorted,
};
pub use error::DedupError;
pub use minhash::{LANES, MinHasher};
pub use reuse::{ReuseBuilder, ReuseDetector};
