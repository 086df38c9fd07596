//! The fused story: what [`Fuser::fuse`](crate::Fuser::fuse) returns.
//!
//! The types live in [`crosscheck_core::story`], so that the store and the report renderers
//! share them without depending on this stage; they are re-exported here for the fuser's
//! modules.

pub use crosscheck_core::story::*;
