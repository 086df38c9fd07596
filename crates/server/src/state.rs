//! The state every handler shares: the server builds it, the handlers read it (so neither
//! imports the other for it).

use std::sync::Mutex;
use std::time::{Duration, Instant};

use crosscheck::store::{Corpus, Stats};

/// How long `/healthz` answers from its last count: counting scans the articles and stories
/// tables, which a monitor polling a store of millions of articles should not repeat per request.
pub(crate) const HEALTH_TTL: Duration = Duration::from_secs(2);

/// State shared by the handlers.
pub(crate) struct Shared {
    pub(crate) corpus: Corpus,
    pub(crate) api_key: Option<String>,
    /// Held while an upload is ingested and placed.
    pub(crate) uploads: Mutex<()>,
    /// The last counts `/healthz` read and when; cleared by an upload.
    pub(crate) health: Mutex<Option<(Instant, Stats)>>,
}

impl Shared {
    /// The shared state of a server over `corpus`.
    pub(crate) fn new(corpus: Corpus, api_key: Option<String>) -> Shared {
        Shared { corpus, api_key, uploads: Mutex::new(()), health: Mutex::new(None) }
    }

    /// The counts read less than [`HEALTH_TTL`] ago, if any.
    pub(crate) fn recent_stats(&self) -> Option<Stats> {
        let cached = *self.health.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        cached.filter(|(at, _)| at.elapsed() < HEALTH_TTL).map(|(_, s)| s)
    }

    /// Remembers counts just read; `None` forgets them (the store changed).
    pub(crate) fn remember_stats(&self, stats: Option<Stats>) {
        *self.health.lock().unwrap_or_else(std::sync::PoisonError::into_inner) =
            stats.map(|s| (Instant::now(), s));
    }
}
