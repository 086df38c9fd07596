//! The state every handler shares: the server builds it, the handlers read it (so neither
//! imports the other for it).

use std::sync::Mutex;

use crosscheck::store::Corpus;

/// State shared by the handlers.
pub(crate) struct Shared {
    pub(crate) corpus: Corpus,
    pub(crate) api_key: Option<String>,
    /// Held while an upload is ingested and placed.
    pub(crate) uploads: Mutex<()>,
}
