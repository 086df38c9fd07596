//! Keeping stories across runs: a [`Corpus`] ingests into a [`Store`] and keeps each story's
//! fused report up to date.
//!
//! The store itself (`SQLite` or in memory) is the `crosscheck-store` crate, re-exported here;
//! this module wires it to the pipeline: [`Corpus::ingest`] reads and extracts documents,
//! commits each article before reporting it, and [`Corpus::update`] places new articles into
//! stories and refreshes the reports of the stories they touched, through [`PipelineEngine`].

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crosscheck_cluster::{ClusterBuilder, ClusterDoc};
use crosscheck_core::{Article, DocId};
use crosscheck_dedup::ReuseDetector;
pub use crosscheck_store::{
    ContentHash, Cursor, EngineError, Error as StoreError, MemStore, Placement, PutOutcome,
    SqliteStore, SqliteStoreBuilder, Stats, Store, StoredArticle, StoryEngine, StoryId,
    StoryMembers, StoryPage, StoryQuery, StoryRecord, StorySummary, Target, UpdateReport, update,
};

use crate::fuse::{FusedStory, Fuser, StoryFuser, StoryInput};
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
    /// [`PipelineEngine`].
    pub fn new(pipeline: Pipeline, store: Arc<dyn Store>) -> Corpus {
        Corpus { pipeline, store, engine: Arc::new(PipelineEngine::default()) }
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
    /// before calling `sink` with it, so that whatever `sink` saw survives a crash. Stops early
    /// when `sink` returns `false`. Stories are not touched: call [`Corpus::update`] after.
    ///
    /// A store failure stops the run and is returned; item failures go to `sink`.
    pub fn ingest(
        &self,
        paths: &[PathBuf],
        sink: impl FnMut(IngestEvent) -> bool,
    ) -> Result<IngestCounts, StoreError> {
        self.store_each(|each| self.pipeline.extract(paths, each), sink)
    }

    /// Commits each article `extract` hands over, telling `sink` what happened to it.
    fn store_each(
        &self,
        extract: impl FnOnce(&mut dyn FnMut(Result<Article, crate::Error>) -> bool),
        mut sink: impl FnMut(IngestEvent) -> bool,
    ) -> Result<IngestCounts, StoreError> {
        let mut counts = IngestCounts::default();
        let mut fatal = None;
        extract(&mut |item| match item {
            Ok(article) => match self.store.put_article(&article, None) {
                Ok(outcome) => {
                    match outcome {
                        PutOutcome::Added => counts.added += 1,
                        PutOutcome::Replaced => counts.replaced += 1,
                        _ => counts.unchanged += 1,
                    }
                    sink(IngestEvent::Stored { id: article.id, outcome })
                }
                Err(e) => {
                    fatal = Some(e);
                    false
                }
            },
            Err(e) => {
                counts.failed += 1;
                sink(IngestEvent::Failed(e))
            }
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
            |each| self.pipeline.extract_reader(&name, std::io::Cursor::new(bytes), each),
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

/// The [`StoryEngine`] of the standard pipeline: the dedup, cluster and fuse stages.
///
/// ## What it does
///
/// Placement clusters the new articles together with every stored one
/// ([`Clusterer::cluster`](crosscheck_cluster::Clusterer::cluster)). A new article whose cluster
/// holds stored articles joins the story most of them belong to; new articles in a cluster of
/// their own start one new story together. A near-duplicate (by
/// [`dedup_articles`](crate::dedup::dedup_articles)) joins the story of the article it copies
/// and is recorded as its duplicate. Fusion runs the [`StoryFuser`] on the story's articles,
/// duplicates marked.
///
/// ## Why
///
/// Stored memberships never change, so story ids and links stay stable while a corpus grows;
/// clustering with the stored articles lets a new article find its story by content.
///
/// ## Limitations
///
/// Every update re-reads and re-clusters the whole store: the cost grows with the corpus, not
/// with the batch. Two stories that a new article bridges are not merged.
#[derive(Debug, Clone, Default)]
pub struct PipelineEngine {
    fuser: StoryFuser,
    reuse: ReuseDetector,
}

impl StoryEngine for PipelineEngine {
    fn place(
        &self,
        stories: &[StoryMembers],
        new: &[Article],
    ) -> Result<Vec<Placement>, EngineError> {
        let existing: Vec<(&StoryId, &Article)> =
            stories.iter().flat_map(|s| s.articles.iter().map(move |a| (&s.id, a))).collect();
        let all: Vec<&Article> = existing.iter().map(|(_, a)| *a).chain(new).collect();
        let docs: Vec<ClusterDoc<'_>> = all
            .iter()
            .map(|a| ClusterDoc {
                id: a.id.as_str(),
                title: a.title.as_deref(),
                text: &a.text,
                date: a.published,
            })
            .collect();
        let clusters = ClusterBuilder::new().build()?.cluster(&docs);
        // For each cluster, how many stored articles of each story it holds.
        let mut votes: HashMap<u32, HashMap<&StoryId, usize>> = HashMap::new();
        for (i, (story, _)) in existing.iter().enumerate() {
            *votes.entry(clusters[i].story).or_default().entry(*story).or_default() += 1;
        }
        let mut plan: Vec<Placement> = new
            .iter()
            .enumerate()
            .map(|(k, a)| {
                let cluster = clusters[existing.len() + k].story;
                let best = votes.get(&cluster).and_then(|v| {
                    // Most members first, then the smaller id, so that ties are stable.
                    v.iter().max_by(|x, y| x.1.cmp(y.1).then_with(|| y.0.cmp(x.0))).map(|(s, _)| *s)
                });
                let target = match best {
                    Some(story) => Target::Existing(story.clone()),
                    None => Target::New(cluster),
                };
                Placement { article: a.id.clone(), target, duplicate_of: None }
            })
            .collect();
        let owned: Vec<Article> = all.iter().map(|a| (*a).clone()).collect();
        let groups =
            crate::dedup::dedup_articles(&crate::dedup::DedupBuilder::new().build()?, &owned);
        // A duplicate joins the story of the article it duplicates. Placements are in input
        // order and an original comes before its duplicates, so its target is already final.
        for k in 0..plan.len() {
            let Some(first) = groups[existing.len() + k].duplicate_of() else { continue };
            let first = first as usize;
            let (id, target) = if let Some((story, a)) = existing.get(first) {
                (a.id.clone(), Target::Existing((*story).clone()))
            } else {
                let j = first - existing.len();
                (new[j].id.clone(), plan[j].target.clone())
            };
            plan[k].duplicate_of = Some(id);
            plan[k].target = target;
        }
        Ok(plan)
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
    fn upload_names_stay_inside_the_folder() {
        assert_eq!(sanitize_name("../../etc/passwd"), "passwd");
        assert_eq!(sanitize_name(".hidden.html"), "hidden.html");
        assert_eq!(sanitize_name("a b<c>.html"), "a_b_c_.html");
        assert_eq!(sanitize_name("/"), "upload");
    }
}
