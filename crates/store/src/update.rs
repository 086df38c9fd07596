use std::collections::{HashMap, HashSet};

use crosscheck_core::story::FusedStory;
use crosscheck_core::{Article, DocId, Features};

use crate::{
    Error, Neighbourhood, Placement, Plan, Probe, ReportWrite, Result, Store, StoredArticle,
    StoryId, StoryMembers,
};

/// An engine's own error.
pub type EngineError = Box<dyn std::error::Error + Send + Sync>;

/// Decides which story new articles belong to and fuses a story's articles into a report: the
/// seam between a store and the dedup, cluster and fuse stages.
pub trait StoryEngine: Send + Sync {
    /// Places each of `new` (unplaced articles, oldest first) into one of `stories` (the
    /// neighbourhood the store found for them, see [`StoryEngine::keys`]) or into a new story,
    /// with the article it duplicates if any, and says which of `stories` the new articles
    /// bridge. Must return exactly one placement per new article. `features` holds what
    /// [`StoryEngine::features`] gave for each new article.
    fn place(
        &self,
        stories: &[StoryMembers],
        new: &[Article],
        features: &[Option<Features>],
    ) -> Result<Plan, EngineError>;

    /// The clustering features of new articles, one per article, extracted once: they are
    /// handed to [`StoryEngine::keys`] and [`StoryEngine::place`], and the store keeps them
    /// with each article and hands them back with its story's members
    /// ([`StoryMembers::features`]), so that no article is read twice to place the ones after
    /// it.
    ///
    /// By default, none.
    fn features(&self, new: &[Article]) -> Vec<Option<Features>> {
        vec![None; new.len()]
    }

    /// The key terms of an article (with its [`StoryEngine::features`], if any), by which the
    /// store indexes stories and finds the neighbourhood of new articles
    /// ([`Store::neighbours`]).
    ///
    /// By default, none: the neighbourhood is then whatever the store gives for no terms.
    fn keys(&self, article: &Article, features: Option<&Features>) -> Vec<u64> {
        let _ = (article, features);
        Vec::new()
    }

    /// How many days apart an article and a story's terms may be and still meet.
    ///
    /// By default, 730.
    fn horizon_days(&self) -> u32 {
        730
    }

    /// Fuses the articles of one story into its report. The store keeps the report under its
    /// own story id, whatever id the engine gives it.
    fn fuse(&self, story: &StoryId, articles: &[StoredArticle]) -> Result<FusedStory, EngineError>;
}

/// What an [`update`] did.
#[derive(Debug, Default)]
pub struct UpdateReport {
    /// How many articles were placed.
    pub placed: usize,
    /// The stories that were fused, with their article counts.
    pub fused: Vec<(StoryId, usize)>,
    /// Stories whose fusion failed; they stay stale and are tried again by the next update.
    pub failed: Vec<(StoryId, Error)>,
}

/// How many unplaced articles are placed at a time: bounds memory on a large backlog.
const CHUNK: usize = 1000;

/// How many times in a row a batch is placed again after another writer placed some of it
/// first.
const RETRIES: usize = 8;

/// Places every unplaced article into a story through `engine`, a batch at a time, each
/// against its neighbourhood ([`Store::neighbours`]); returns how many were placed. The first
/// half of [`update`], which also fuses the stories that changed.
pub fn place_pending(store: &dyn Store, engine: &dyn StoryEngine) -> Result<usize> {
    let mut placed = 0;
    let mut conflicts = 0;
    loop {
        let pending = store.unplaced(CHUNK)?;
        if pending.is_empty() {
            return Ok(placed);
        }
        let new: Vec<Article> = pending.into_iter().map(|a| a.article).collect();
        let mut features = engine.features(&new);
        features.resize(new.len(), None);
        let keys: Vec<Vec<u64>> =
            new.iter().zip(&features).map(|(a, f)| engine.keys(a, f.as_ref())).collect();
        let mut around = Neighbourhood::new(
            new.iter()
                .zip(&keys)
                .map(|(a, k)| Probe { keys: k.clone(), published: a.published })
                .collect(),
        );
        around.horizon_days = engine.horizon_days();
        let stories = store.neighbours(&around)?;
        let what = || format!("placing {} articles", new.len());
        let mut plan = engine
            .place(&stories, &new, &features)
            .map_err(|source| Error::Engine { what: what(), source })?;
        check_plan(&plan.placements, &new)?;
        let index: HashMap<&DocId, usize> =
            new.iter().enumerate().map(|(i, a)| (&a.id, i)).collect();
        for p in &mut plan.placements {
            let Some(&i) = index.get(&p.article) else { continue };
            if p.keys.is_empty() {
                p.keys.clone_from(&keys[i]);
            }
            if p.features.is_none() {
                p.features = features[i].take();
            }
        }
        match store.place(&plan.placements, &plan.merges) {
            Ok(_) => {
                placed += plan.placements.len();
                conflicts = 0;
            }
            Err(Error::Conflict { reason }) if conflicts < RETRIES => {
                conflicts += 1;
                tracing::debug!(reason, "placement conflict, placing again");
            }
            Err(e) => return Err(e),
        }
    }
}

/// Brings a store up to date: places every unplaced article into a story through `engine`,
/// then fuses every stale story and stores its report.
///
/// Each batch of new articles is placed against its neighbourhood only
/// ([`Store::neighbours`]), so the cost of an update follows the new articles, not the store.
/// Each step commits on its own (a batch's placement; the reports of up to 64 stories, fused
/// first and then written in one transaction), so an update killed at any point leaves a store
/// that the next update continues from. Several writers may update one store at once: a batch
/// that another writer placed first ([`Error::Conflict`]) is read again and placed again. A story whose
/// fusion fails is recorded in the report and left stale; a placement failure stops the
/// update.
pub fn update(store: &dyn Store, engine: &dyn StoryEngine) -> Result<UpdateReport> {
    let mut report =
        UpdateReport { placed: place_pending(store, engine)?, ..UpdateReport::default() };
    let mut done: Vec<Fused> = Vec::new();
    let mut articles = 0;
    for (id, version) in store.stale()? {
        match fuse_one(store, engine, &id, version) {
            Ok(f) => {
                articles += f.articles;
                done.push(f);
            }
            // Another writer merged it away meanwhile; the story that absorbed it is stale too.
            Err(Error::UnknownStory { .. }) => {}
            Err(e) => fail(&mut report, id, e),
        }
        if done.len() >= REPORT_CHUNK || articles >= REPORT_ARTICLES {
            write_reports(store, &done, &mut report);
            done.clear();
            articles = 0;
        }
    }
    write_reports(store, &done, &mut report);
    Ok(report)
}

/// How many stale stories are fused before their reports are written in one transaction:
/// reading the members of one story after another with no write between keeps the reader's
/// page cache, and one commit writes each changed page once.
const REPORT_CHUNK: usize = 64;

/// Reports are written sooner once the stories fused since the last write hold this many
/// articles, so that the reports held in memory stay small beside the fusion of one story.
const REPORT_ARTICLES: usize = 2_000;

/// A fused report on its way to the store, with its story's article count.
struct Fused {
    id: StoryId,
    version: u64,
    headline: String,
    report: FusedStory,
    articles: usize,
}

/// Stores the reports of `done` together, recording in `report` which were stored and which
/// failed.
fn write_reports(store: &dyn Store, done: &[Fused], report: &mut UpdateReport) {
    if done.is_empty() {
        return;
    }
    let writes: Vec<ReportWrite<'_>> = done
        .iter()
        .map(|f| ReportWrite {
            story: &f.id,
            version: f.version,
            headline: &f.headline,
            report: &f.report,
        })
        .collect();
    match store.put_reports(&writes) {
        Ok(found) => {
            for (f, found) in done.iter().zip(found) {
                if found {
                    report.fused.push((f.id.clone(), f.articles));
                }
            }
        }
        // One story at a time then, so that one bad report leaves only its own story stale.
        Err(_) => {
            for f in done {
                match store.put_report(&f.id, f.version, &f.headline, &f.report) {
                    Ok(()) => report.fused.push((f.id.clone(), f.articles)),
                    Err(Error::UnknownStory { .. }) => {}
                    Err(e) => fail(report, f.id.clone(), e),
                }
            }
        }
    }
}

fn fail(report: &mut UpdateReport, id: StoryId, e: Error) {
    tracing::warn!(story = %id, error = %e, "fusion failed");
    report.failed.push((id, e));
}

fn fuse_one(
    store: &dyn Store,
    engine: &dyn StoryEngine,
    id: &StoryId,
    version: u64,
) -> Result<Fused> {
    let articles = store.story_articles(id)?;
    let mut report = engine
        .fuse(id, &articles)
        .map_err(|source| Error::Engine { what: format!("fusing story {id}"), source })?;
    report.id = id.to_string();
    let headline = headline(id, &articles, &report);
    Ok(Fused { id: id.clone(), version, headline, report, articles: articles.len() })
}

/// Refuses a plan that does not place every new article exactly once.
fn check_plan(plan: &[Placement], new: &[Article]) -> Result<()> {
    let wanted: HashSet<&str> = new.iter().map(|a| a.id.as_str()).collect();
    let got: HashSet<&str> = plan.iter().map(|p| p.article.as_str()).collect();
    if plan.len() != new.len() || wanted != got {
        let missing = wanted.difference(&got).next();
        let extra = got.difference(&wanted).next();
        let reason = match (missing, extra) {
            (Some(m), _) => format!("the engine did not place article {m}"),
            (None, Some(x)) => format!("the engine placed article {x}, which is not new"),
            (None, None) => "the engine placed an article twice".to_string(),
        };
        return Err(Error::InvalidPlan { reason });
    }
    Ok(())
}

/// The headline a story is listed under: its report's, else the store's default.
fn headline(id: &StoryId, articles: &[StoredArticle], story: &FusedStory) -> String {
    if story.headline.trim().is_empty() {
        let refs: Vec<&StoredArticle> = articles.iter().collect();
        crate::mem::default_headline(id, &refs)
    } else {
        story.headline.clone()
    }
}
