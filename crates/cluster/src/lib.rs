//! Incremental story clustering of articles for crosscheck.
//!
//! # Overview
//!
//! Work in progress.
//!
//! # Features
//!
//! None.
