//! Story clustering for crosscheck: groups the articles that report the same event.
//!
//! # Overview
//!
//! - [`ClusterBuilder`] configures a [`Clusterer`]: merge threshold, weight of names and
//!   numbers, neighbourhood, time scale.
//! - [`Clusterer::cluster`] assigns each [`ClusterDoc`] of a batch to a story
//!   ([`Assignment`]); the result does not depend on the input order.
//!   [`Clusterer::cluster_features`] does the same from features extracted before
//!   ([`ClusterDoc::features`], [`FeaturedDoc`]), without the texts.
//! - [`features()`] turns a text into content words and names and numbers ([`Features`],
//!   [`Term`]); [`Idf`] weighs them, with the word-frequency prior of
//!   [`background`] embedded in the binary.
//!
//! The merge rule is documented on the [`story`] module.
//!
//! # Example
//!
//! ```
//! use crosscheck_cluster::{ClusterBuilder, ClusterDoc};
//!
//! let clusterer = ClusterBuilder::new().build().unwrap();
//! let docs = [
//!     ClusterDoc::new("1", "Floods hit Varnholm after the Elbe river burst its banks on Sunday."),
//!     ClusterDoc::new("2", "In Varnholm, the Elbe burst its banks on Sunday and floods followed."),
//! ];
//! let stories = clusterer.cluster(&docs);
//! assert_eq!(stories[0].story, stories[1].story);
//! ```
//!
//! # Features
//!
//! None.

pub mod background;
mod batch;
mod error;
mod features;
mod hash;
mod stop;
pub mod story;
mod weights;

pub use batch::FeaturedDoc;
pub use error::ClusterError;
pub use features::{Features, Term, features, features_at, key_terms, key_terms_of};
pub use story::{Assignment, ClusterBuilder, ClusterDoc, Clusterer, Idf, PRIOR_DOCS};
