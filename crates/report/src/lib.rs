//! Renders crosscheck story reports as text, JSON, Markdown, CSV and HTML.
//!
//! # Overview
//!
//! Work in progress.
//!
//! # Features
//!
//! None.
