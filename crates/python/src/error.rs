/// An error of the Python bindings' engine.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An option is out of range.
    #[error("invalid option: {0}")]
    Config(String),
    /// One item (a row, a record, a story) failed; the message names it.
    #[error("{0}")]
    Item(String),
}
