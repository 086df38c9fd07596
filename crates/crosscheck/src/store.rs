//! Keeping stories across runs: a [`Corpus`] ingests into a [`Store`] and keeps each story's
//! fused report up to date.
//!
//! The store itself (`SQLite` or in memory) is the `crosscheck-store` crate, re-exported here;
//! this module wires it to the pipeline: [`Corpus::ingest`] reads and extracts documents,
//! commits each article before reporting it, and [`Corpus::update`] places new articles into
//! stories and refreshes the reports of the stories they touched, through [`PipelineEngine`].

use std::path::PathBuf;
use std::sync::Arc;

use crosscheck_cluster::key_terms_of;
use crosscheck_core::{Article, DocId, Features};
use crosscheck_dedup::ReuseDetector;
pub use crosscheck_store::{
    ContentHash, Cursor, EngineError, Error as StoreError, MemStore, Neighbourhood, Placement,
    Plan, Probe, PutOutcome, SqliteStore, SqliteStoreBuilder, Stats, Store, StoredArticle,
    StoryEngine, StoryId, StoryMembers, StoryPage, StoryQuery, StoryRecord, StorySummary, Target,
    UpdateReport, origin, place_pending, update,
};
use rayon::prelude::*;

use crate::cluster::article_features;
use crate::config::{ConfigError, PipelineConfig};
use crate::fuse::{FusedStory, Fuser, StoryFuser, StoryInput};
use crate::place::{Home, KnownStory, Placer};
use crate::{Error, Pipeline};

/// What happened to one input item during [`Corpus::ingest`].
#[derive(Debug)]
pub enum IngestEvent {
    /// An article was committed to the store (or found there unchanged).
    Stored {
        /// The article id.
        id: DocId,
        /// What the store did.
        outcome: PutOutcome,
    },
    /// An item could not be read or extracted; the others go on.
    Failed(Error),
}

/// Counts of a [`Corpus::ingest`] run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IngestCounts {
    /// New articles.
    pub added: usize,
    /// Articles whose content changed.
    pub replaced: usize,
    /// Articles already stored with the same content.
    pub unchanged: usize,
    /// Items that failed.
    pub failed: usize,
}

/// A store with the pipeline and engine that fill it. Reusable, `Send + Sync`.
pub struct Corpus {
    pipeline: Pipeline,
    store: Arc<dyn Store>,
    engine: Arc<dyn StoryEngine>,
}

impl std::fmt::Debug for Corpus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Corpus").field("store", &self.store).finish_non_exhaustive()
    }
}

impl Corpus {
    /// A corpus over `store`, reading with `pipeline` and placing and fusing with the
    /// [`PipelineEngine`] of the pipeline's configuration.
    pub fn new(pipeline: Pipeline, store: Arc<dyn Store>) -> Corpus {
        let engine: Arc<dyn StoryEngine> = match PipelineEngine::new(pipeline.config()) {
            Ok(e) => Arc::new(e),
            // A built pipeline's configuration was validated by its builder.
            Err(_) => Arc::new(PipelineEngine::default()),
        };
        Corpus { pipeline, store, engine }
    }

    /// Replaces the engine that places and fuses stories.
    ///
    /// By default, [`PipelineEngine`].
    #[must_use]
    pub fn with_engine(mut self, engine: Arc<dyn StoryEngine>) -> Corpus {
        self.engine = engine;
        self
    }

    /// The store.
    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    /// Reads and extracts every document under `paths` and commits each article to the store
    /// before calling `sink` with it, so that whatever `sink` saw survives a crash: each chunk
    /// the pipeline extracts together (up to 256 documents) is committed in one transaction,
    /// then reported item by item in input order. Stops early when `sink` returns `false` (the
    /// rest of that chunk stays stored). Stories are not touched: call [`Corpus::update`] after.
    ///
    /// A store failure stops the run and is returned; item failures go to `sink`.
    pub fn ingest(
        &self,
        paths: &[PathBuf],
        sink: impl FnMut(IngestEvent) -> bool,
    ) -> Result<IngestCounts, StoreError> {
        self.store_each(|each| self.pipeline.extract_chunks(paths, each), sink)
    }

    /// Commits the articles of each chunk `extract` hands over in one transaction, then tells
    /// `sink` what happened to each item of the chunk, in order.
    fn store_each(
        &self,
        extract: impl FnOnce(&mut dyn FnMut(Vec<Result<Article, crate::Error>>) -> bool),
        mut sink: impl FnMut(IngestEvent) -> bool,
    ) -> Result<IngestCounts, StoreError> {
        let mut counts = IngestCounts::default();
        let mut fatal = None;
        extract(&mut |chunk| {
            let articles: Vec<(&Article, Option<&[u8]>)> =
                chunk.iter().filter_map(|item| item.as_ref().ok()).map(|a| (a, None)).collect();
            let mut stored = match self.store.put_sourced_all(&articles) {
                Ok(stored) if stored.len() == articles.len() => stored.into_iter(),
                Ok(stored) => {
                    fatal = Some(StoreError::Corrupt {
                        what: format!("outcome of storing {} articles", articles.len()),
                        reason: format!("the store answered for {}", stored.len()),
                    });
                    return false;
                }
                Err(e) => {
                    fatal = Some(e);
                    return false;
                }
            };
            for item in chunk {
                let event = match item {
                    Ok(_) => {
                        // One outcome per article, checked above.
                        let Some((id, outcome)) = stored.next() else { return false };
                        match outcome {
                            PutOutcome::Added => counts.added += 1,
                            PutOutcome::Replaced => counts.replaced += 1,
                            _ => counts.unchanged += 1,
                        }
                        IngestEvent::Stored { id, outcome }
                    }
                    Err(e) => {
                        counts.failed += 1;
                        IngestEvent::Failed(e)
                    }
                };
                if !sink(event) {
                    return false;
                }
            }
            true
        });
        match fatal {
            Some(e) => Err(e),
            None => Ok(counts),
        }
    }

    /// Ingests one uploaded document, `bytes`, read as the format its `name`'s extension says
    /// (`.html`, `.txt`, `.json`, `.jsonl`, …); ids come from the name's stem or the JSON `id`
    /// field. Returns what happened to each document it held.
    pub fn ingest_bytes(&self, name: &str, bytes: &[u8]) -> Result<Vec<IngestEvent>, StoreError> {
        // Read as the same file given on the command line would be, named by its upload name
        // (never a server path) in ids, sources and errors.
        let name = sanitize_name(name);
        let bytes = bytes.to_vec();
        let mut events = Vec::new();
        self.store_each(
            |each| self.pipeline.extract_reader_chunks(&name, std::io::Cursor::new(bytes), each),
            |e| {
                events.push(e);
                true
            },
        )?;
        Ok(events)
    }

    /// Places unplaced articles into stories and refreshes stale reports (see
    /// [`crosscheck_store::update`]).
    pub fn update(&self) -> Result<UpdateReport, StoreError> {
        update(self.store.as_ref(), self.engine.as_ref())
    }
}

/// An upload's name as crosscheck shows it: path separators and leading dots dropped, unusual
/// characters replaced.
fn sanitize_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("").trim_start_matches('.');
    let clean: String = base
        .chars()
        .map(|c| if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' })
        .take(120)
        .collect();
    if clean.is_empty() { "upload".to_string() } else { clean }
}

/// The [`StoryEngine`] of the standard pipeline: placement through [`Placer`] (dedup, then
/// cluster), fusion through the [`StoryFuser`].
///
/// ## What it does
///
/// The store hands over the neighbourhood of a batch of new articles: the stories that share
/// the most key terms ([`key_terms_of`]) with them within the horizon, each with its recent
/// members and their clustering features, which the store keeps from when each was placed
/// ([`StoryEngine::features`]). [`Placer::place`] clusters the new articles with those
/// members, reading no member twice: a new article
/// joins the story its cluster is anchored in, starts a new story (named after its earliest
/// article), or bridges two stories, which are merged (the older id survives). A
/// near-duplicate joins the story of the article it copies and is recorded as its duplicate.
/// Fusion runs the [`StoryFuser`] on the story's articles, duplicates marked and with the text
/// reuse [`ReuseDetector`] finds among them.
///
/// ## Why
///
/// One rule places articles in `crosscheck fuse`, `crosscheck cluster` and the store; the
/// store never re-reads or re-clusters what the new articles cannot touch, so an ingest costs
/// the same into an empty store and into a large one.
///
/// ## Limitations
///
/// A story is judged by its 16 most recent members; an article whose key terms all differ
/// from a story's (a report that names nobody the others name) is not offered that story.
#[derive(Debug, Clone)]
pub struct PipelineEngine {
    placer: Placer,
    fuser: StoryFuser,
    reuse: ReuseDetector,
    horizon_days: u32,
}

/// How many key terms of each article are indexed and probed.
const KEY_TERMS: usize = 12;

impl Default for PipelineEngine {
    fn default() -> Self {
        // The default configuration is valid by construction (a unit test checks it).
        PipelineEngine::new(&PipelineConfig::default()).expect("the default configuration is valid")
    }
}

impl PipelineEngine {
    /// The engine with the dedup, cluster and fuse options of `config`.
    pub fn new(config: &PipelineConfig) -> Result<PipelineEngine, ConfigError> {
        Ok(PipelineEngine {
            placer: Placer::new(config)?,
            fuser: config.fuser()?,
            reuse: ReuseDetector::default(),
            horizon_days: u32::try_from(config.cluster.horizon()).unwrap_or(u32::MAX),
        })
    }
}

impl StoryEngine for PipelineEngine {
    fn place(
        &self,
        stories: &[StoryMembers],
        new: &[Article],
        features: &[Option<Features>],
    ) -> Result<Plan, EngineError> {
        let known: Vec<KnownStory<'_>> = stories
            .iter()
            .map(|s| KnownStory { id: s.id.as_str(), articles: &s.articles, features: &s.features })
            .collect();
        let out = self.placer.place_with(&known, new, features);
        let founders: Vec<&DocId> = out.founders.iter().collect();
        let mut placements: Vec<Placement> = new
            .iter()
            .zip(&out.placed)
            .map(|(a, p)| Placement {
                article: a.id.clone(),
                target: match p.home {
                    Home::Known(k) => Target::Existing(stories[k].id.clone()),
                    Home::New(n) => Target::New(n),
                },
                duplicate_of: p.duplicate_of.clone(),
                keys: Vec::new(),
                features: None,
            })
            .collect();
        // The store names a new story after its first article in the plan: put each new
        // story's founder first, so that the store's id is the one batch runs give.
        placements.sort_by_key(|p| match p.target {
            Target::New(n) => (u8::from(founders[n as usize] != &p.article), n),
            Target::Existing(_) => (2, 0),
        });
        let merges = out
            .merges
            .iter()
            .map(|group| group.iter().map(|&k| stories[k].id.clone()).collect())
            .collect();
        Ok(Plan { placements, merges })
    }

    fn features(&self, new: &[Article]) -> Vec<Option<Features>> {
        new.par_iter().map(|a| Some(article_features(a))).collect()
    }

    fn keys(&self, article: &Article, features: Option<&Features>) -> Vec<u64> {
        match features {
            Some(f) => key_terms_of(f, KEY_TERMS),
            None => key_terms_of(&article_features(article), KEY_TERMS),
        }
    }

    fn horizon_days(&self) -> u32 {
        self.horizon_days
    }

    fn fuse(&self, story: &StoryId, articles: &[StoredArticle]) -> Result<FusedStory, EngineError> {
        let refs: Vec<&Article> = articles.iter().map(|a| &a.article).collect();
        let mut input = StoryInput::new(refs.iter().copied());
        input.id(story.as_str()).reuse(self.reuse.detect(&refs));
        for a in articles {
            if let Some(of) = &a.duplicate_of {
                input.duplicate(&a.article.id, of.clone());
            }
        }
        Ok(self.fuser.fuse(&input)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_configuration_is_valid() {
        assert!(PipelineConfig::default().validate().is_ok());
        assert!(PipelineEngine::new(&PipelineConfig::default()).is_ok());
    }

    #[test]
    fn upload_names_stay_inside_the_folder() {
        assert_eq!(sanitize_name("../../etc/passwd"), "passwd");
        assert_eq!(sanitize_name(".hidden.html"), "hidden.html");
        assert_eq!(sanitize_name("a b<c>.html"), "a_b_c_.html");
        assert_eq!(sanitize_name("/"), "upload");
    }
}
