use crosscheck_extract::ExtractError;
use crosscheck_ingest::IngestError;

/// An error for one item of a run, from whichever stage met it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The item could not be read.
    #[error(transparent)]
    Ingest(#[from] IngestError),
    /// The item was read but holds no article.
    #[error(transparent)]
    Extract(#[from] ExtractError),
}
