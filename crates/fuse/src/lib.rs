//! Fuses the reports of one story: entities, claims, quotes, conflicts and a timeline, all tied to source spans.
//!
//! # Overview
//!
//! Work in progress.
//!
//! # Features
//!
//! None.
