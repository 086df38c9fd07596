use std::path::PathBuf;

/// A `Result` whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error from a store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The database file could not be opened or migrated.
    #[error("opening database {}", path.display())]
    Open {
        /// The database file.
        path: PathBuf,
        /// What went wrong.
        #[source]
        source: rusqlite::Error,
    },
    /// The file is not a usable crosscheck database: empty, not `SQLite`, or another program's.
    /// It is left as it is, never replaced by a new store.
    #[error("database {} is damaged or not a crosscheck store: {reason}", path.display())]
    Damaged {
        /// The database file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// The database was written by a newer crosscheck.
    #[error(
        "database {} has schema version {found}, newer than the {known} this crosscheck knows",
        path.display()
    )]
    SchemaTooNew {
        /// The database file.
        path: PathBuf,
        /// The version found in the file.
        found: i64,
        /// The newest version this build knows.
        known: i64,
    },
    /// A database statement failed.
    #[error("database {what} failed")]
    Database {
        /// What was being done (`inserting article a1`).
        what: String,
        /// What went wrong.
        #[source]
        source: rusqlite::Error,
    },
    /// A stored value could not be decoded.
    #[error("stored {what} is corrupt: {reason}")]
    Corrupt {
        /// The value (`alignment of article a1`).
        what: String,
        /// Why it could not be decoded.
        reason: String,
    },
    /// No article has this id.
    #[error("no article with id {id}")]
    UnknownArticle {
        /// The id asked for.
        id: String,
    },
    /// No story has this id.
    #[error("no story with id {id}")]
    UnknownStory {
        /// The id asked for.
        id: String,
    },
    /// A placement plan that does not fit the store.
    #[error("invalid placement plan: {reason}")]
    InvalidPlan {
        /// Why it was refused.
        reason: String,
    },
    /// Another writer changed what a write was based on (it placed the same articles first);
    /// reading again and retrying resolves it.
    #[error("conflicting write: {reason}")]
    Conflict {
        /// What changed.
        reason: String,
    },
    /// The story engine failed on a batch.
    #[error("story engine failed on {what}")]
    Engine {
        /// What it was doing (`placing 12 articles`, `fusing story s1`).
        what: String,
        /// Its error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl Error {
    /// A [`Error::Database`] error for `what`.
    pub(crate) fn db(what: impl Into<String>) -> impl FnOnce(rusqlite::Error) -> Error {
        let what = what.into();
        move |source| Error::Database { what, source }
    }
}
