//! Exact and near-duplicate detection (MinHash with LSH banding, verified) for crosscheck.
//!
//! # Overview
//!
//! Work in progress.
//!
//! # Features
//!
//! None.
