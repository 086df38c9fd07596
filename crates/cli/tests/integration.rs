//! Integration tests that run the real `crosscheck` binary, ripgrep-style.

mod dedup;
mod extract;
mod fuse;
mod issue_17;
mod placement;
mod store;
mod util;
