//! One configuration for every stage of the pipeline, readable from a TOML or JSON file, so
//! that a run can be reproduced from its file.
//!
//! # Format
//!
//! A file ending in `.toml` is read as TOML, any other as JSON. Every table and every field is
//! optional: what a file leaves out keeps its default, and an unknown field is an error (a
//! misspelt option never passes silently). The tables are the stages:
//!
//! ```toml
//! [ingest]
//! max_doc_bytes = 67108864     # larger documents are item errors
//!
//! [dedup]                      # see crosscheck_dedup::DedupBuilder
//! threshold = 0.5              # word-shingle Jaccard of near-duplicates
//! ngram = 5
//! permutations = 128
//!
//! [cluster]                    # see crosscheck_cluster::ClusterBuilder
//! threshold = 0.2              # mean edge weight at which two stories merge
//! window_days = 30             # time scale of the evidence a date gap gives
//! neutral_days = 5             # a gap that is no evidence either way (closer: for, further: against)
//! horizon_days = 730           # dated articles further apart are never compared
//!
//! [fuse]
//! claim_threshold = 0.3        # sentence similarity of one claim across outlets
//! max_articles = 5000          # a larger story is fused from a sample it reports
//! ```
//!
//! Command-line flags override the file (`crosscheck cluster --config run.toml
//! --window-days 14`).

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::cluster::{ClusterBuilder, Clusterer};
use crate::dedup::{DedupBuilder, Deduper};
use crosscheck_fuse::{FuserBuilder, StoryFuser};

/// Every stage's options.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PipelineConfig {
    /// Reading documents.
    pub ingest: IngestConfig,
    /// Near-duplicate detection.
    pub dedup: DedupBuilder,
    /// Story clustering and placement.
    pub cluster: ClusterBuilder,
    /// Fusion of a story's reports.
    pub fuse: FuseConfig,
}

/// Options of the ingest stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IngestConfig {
    /// The largest document read, in bytes; larger ones are item errors.
    ///
    /// By default, 64 MiB.
    pub max_doc_bytes: usize,
}

impl Default for IngestConfig {
    fn default() -> Self {
        IngestConfig { max_doc_bytes: 64 << 20 }
    }
}

/// Options of the fuse stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FuseConfig {
    /// The sentence similarity from which sentences of different articles state one claim, in
    /// `(0, 1]`.
    ///
    /// By default, 0.3.
    pub claim_threshold: f32,
    /// The most distinct articles a story is fused from: a larger story is fused from an evenly
    /// spaced sample of that many, and its report's `sampled` field says so (see
    /// [`FuserBuilder::max_articles`]).
    ///
    /// By default, 5,000.
    pub max_articles: usize,
}

impl Default for FuseConfig {
    fn default() -> Self {
        FuseConfig { claim_threshold: 0.3, max_articles: 5_000 }
    }
}

/// Why a configuration could not be read or used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read config file {path}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The file is not a valid configuration.
    #[error("invalid config file {path}: {reason}")]
    Parse {
        /// The file.
        path: String,
        /// What is wrong, with its position.
        reason: String,
    },
    /// A value is out of range.
    #[error("invalid {stage} options: {reason}")]
    Invalid {
        /// The stage (`dedup`, `cluster`, `fuse`).
        stage: &'static str,
        /// What is wrong.
        reason: String,
    },
}

impl PipelineConfig {
    /// Reads a configuration file: TOML when its name ends in `.toml`, JSON otherwise.
    pub fn from_file(path: &Path) -> Result<PipelineConfig, ConfigError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|source| ConfigError::Read { path: name.clone(), source })?;
        let toml = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("toml"));
        PipelineConfig::parse(&text, toml)
            .map_err(|reason| ConfigError::Parse { path: name, reason })
    }

    /// Parses a configuration from TOML (`toml`) or JSON text.
    pub fn parse(text: &str, toml: bool) -> Result<PipelineConfig, String> {
        let out = if toml {
            toml::from_str(text).map_err(|e| e.message().to_string())
        } else {
            serde_json::from_str(text).map_err(|e| e.to_string())
        }?;
        Ok(out)
    }

    /// The configured deduplicator.
    pub fn deduper(&self) -> Result<Deduper, ConfigError> {
        self.dedup
            .build()
            .map_err(|e| ConfigError::Invalid { stage: "dedup", reason: e.to_string() })
    }

    /// The configured story clusterer.
    pub fn clusterer(&self) -> Result<Clusterer, ConfigError> {
        self.cluster
            .build()
            .map_err(|e| ConfigError::Invalid { stage: "cluster", reason: e.to_string() })
    }

    /// The configured fuser.
    pub fn fuser(&self) -> Result<StoryFuser, ConfigError> {
        FuserBuilder::new()
            .claim_threshold(self.fuse.claim_threshold)
            .max_articles(self.fuse.max_articles)
            .build()
            .map_err(|e| ConfigError::Invalid { stage: "fuse", reason: e.to_string() })
    }

    /// Checks every stage's options.
    pub fn validate(&self) -> Result<(), ConfigError> {
        self.deduper()?;
        self.clusterer()?;
        self.fuser()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partial_file_keeps_the_other_defaults() {
        let c = PipelineConfig::parse("[cluster]\nwindow_days = 30\n", true).unwrap();
        let mut want = PipelineConfig::default();
        want.cluster.window_days(30);
        assert_eq!(c, want);
        let j = PipelineConfig::parse(r#"{"cluster": {"window_days": 30}}"#, false).unwrap();
        assert_eq!(j, want);
        assert_eq!(PipelineConfig::parse("", true).unwrap(), PipelineConfig::default());
    }

    #[test]
    fn unknown_fields_and_bad_values_are_errors() {
        let e = PipelineConfig::parse("[cluster]\nwindow_dayz = 3\n", true).unwrap_err();
        assert!(e.contains("window_dayz"), "{e}");
        assert!(PipelineConfig::parse(r#"{"clustr": {}}"#, false).is_err());
        let c = PipelineConfig::parse("[fuse]\nclaim_threshold = 2.0\n", true).unwrap();
        assert!(matches!(c.validate(), Err(ConfigError::Invalid { stage: "fuse", .. })));
        let c = PipelineConfig::parse("[fuse]\nmax_articles = 0\n", true).unwrap();
        assert!(matches!(c.validate(), Err(ConfigError::Invalid { stage: "fuse", .. })));
    }

    #[test]
    fn the_default_round_trips_through_json() {
        let c = PipelineConfig::default();
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(PipelineConfig::parse(&json, false).unwrap(), c);
    }
}
