//! Integration tests that run the real `crosscheck` binary, ripgrep-style.

mod extract;
mod store;
mod util;
