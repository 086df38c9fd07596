//! Benchmarks and evaluation harnesses for crosscheck; see the binaries in `src/bin/` and the
//! criterion benches in `benches/`.
//!
//! # Overview
//!
//! Shared helpers for the harnesses live here.
//!
//! # Features
//!
//! None.

pub mod story;
