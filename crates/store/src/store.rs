use crosscheck_core::Article;
use crosscheck_core::story::FusedStory;

use crate::{
    Neighbourhood, Placement, PutOutcome, Result, Stats, StoredArticle, StoryId, StoryMembers,
    StoryPage, StoryQuery, StoryRecord,
};

/// One fused report to store with [`Store::put_reports`]: the report of `story` as it was at
/// `version`, listed under `headline`.
#[derive(Debug, Clone, Copy)]
pub struct ReportWrite<'a> {
    /// The story.
    pub story: &'a StoryId,
    /// The story version the report was fused from.
    pub version: u64,
    /// The headline the story is listed under.
    pub headline: &'a str,
    /// The report.
    pub report: &'a FusedStory,
}

/// Where crosscheck keeps what it has read: raw inputs, articles, duplicate groups, stories and
/// their fused reports.
///
/// Every method that writes is one transaction: when it returns `Ok`, what it wrote survives a
/// crash of the process; when it fails or the process dies during it, nothing of it is kept.
/// Implementations are shared between threads (`&self` everywhere).
///
/// Stories are kept in a simple life cycle: [`Store::put_article`] adds an *unplaced* article;
/// [`Store::place`] puts unplaced articles into stories and marks those stories *stale*;
/// [`Store::put_report`] stores a fused report for a given story version, which makes the story
/// *fresh* again unless its membership changed meanwhile. [`update`](crate::update) drives the
/// cycle through a [`StoryEngine`](crate::StoryEngine).
pub trait Store: Send + Sync + std::fmt::Debug {
    /// Stores an article with its raw content (content-addressed), and `original`, the bytes it
    /// was decoded from when they differ from the raw content.
    ///
    /// An article whose id is stored with the same content is [`PutOutcome::Unchanged`]. One
    /// whose id is stored with other content replaces it, leaves its story (which becomes stale,
    /// or is removed when empty) and waits to be placed again.
    fn put_article(&self, article: &Article, original: Option<&[u8]>) -> Result<PutOutcome>;

    /// Stores an article as [`Store::put_article`] does, but keyed by its id *and* its origin
    /// ([`origin`](crate::origin): its URL, else its file; stdin is never the same origin
    /// twice): an article from another origin never replaces a stored one, it is stored under
    /// a fresh id (`id~2`, `id~3`, …), and the same origin and id again is the same article
    /// ([`PutOutcome::Unchanged`] when its content is too). Returns the id it is stored under.
    ///
    /// By default, [`Store::put_article`] under the article's own id.
    fn put_sourced(
        &self,
        article: &Article,
        original: Option<&[u8]>,
    ) -> Result<(crosscheck_core::DocId, PutOutcome)> {
        Ok((article.id.clone(), self.put_article(article, original)?))
    }

    /// Stores each of `articles` (with its `original` bytes, if any) as [`Store::put_sourced`]
    /// does, in order, and returns what happened to each. A store that can writes them all in
    /// one transaction: either all of them are kept or, on an error, none.
    ///
    /// By default, [`Store::put_sourced`] for each in turn.
    fn put_sourced_all(
        &self,
        articles: &[(&Article, Option<&[u8]>)],
    ) -> Result<Vec<(crosscheck_core::DocId, PutOutcome)>> {
        articles.iter().map(|(a, original)| self.put_sourced(a, *original)).collect()
    }

    /// The article with this id.
    fn article(&self, id: &str) -> Result<Option<StoredArticle>>;

    /// Up to `limit` articles not yet placed in a story, oldest first.
    fn unplaced(&self, limit: usize) -> Result<Vec<StoredArticle>>;

    /// Every story with its articles.
    fn members(&self) -> Result<Vec<StoryMembers>>;

    /// The stories new articles may belong to: for each probe, the stories that share the
    /// most key terms with it within the horizon, each with its most recent members. The cost
    /// depends on the probes, not on the size of the store. An implementation may leave the
    /// members' raw content, removed lines, alignment and month out (empty): placement reads
    /// ids, titles, texts and dates only.
    ///
    /// By default, every story with all its members ([`Store::members`]).
    fn neighbours(&self, around: &Neighbourhood) -> Result<Vec<StoryMembers>> {
        let _ = around;
        self.members()
    }

    /// Places unplaced articles: first merges each group of `merges` into its oldest story
    /// (the others then redirect to it), then creates the stories the plan asks for, records
    /// duplicates, membership and key terms, and marks every story it touched stale. Returns
    /// the touched stories, in order of first mention.
    ///
    /// A new story's id is derived from the id of its first article in the plan (see
    /// [`StoryId::founded_by`](crate::StoryId::founded_by)). Fails without changing anything
    /// when the plan names an article that is unknown or a story that does not exist, and with
    /// [`Error::Conflict`](crate::Error::Conflict) when an article is already placed (another
    /// writer placed it first: read the unplaced articles again and retry).
    fn place(&self, plan: &[Placement], merges: &[Vec<StoryId>]) -> Result<Vec<StoryId>>;

    /// The story a merged-away story id now belongs to, if `id` was merged.
    ///
    /// By default, none.
    fn resolve(&self, id: &StoryId) -> Result<Option<StoryId>> {
        let _ = id;
        Ok(None)
    }

    /// Stories whose report is missing or older than their membership, oldest first.
    fn stale(&self) -> Result<Vec<(StoryId, u64)>>;

    /// The articles of a story, in insertion order.
    fn story_articles(&self, id: &StoryId) -> Result<Vec<StoredArticle>>;

    /// Stores the fused report of `story` as it was at `version`, with its headline. The story
    /// becomes fresh only if its version is still `version`.
    fn put_report(
        &self,
        story: &StoryId,
        version: u64,
        headline: &str,
        report: &FusedStory,
    ) -> Result<()>;

    /// Stores several fused reports as [`Store::put_report`] does each; a store that can
    /// writes them in one transaction. A report whose story no longer exists (another writer
    /// merged it away) is skipped; returns, for each report, whether its story existed.
    ///
    /// By default, [`Store::put_report`] for each in turn.
    fn put_reports(&self, reports: &[ReportWrite<'_>]) -> Result<Vec<bool>> {
        reports
            .iter()
            .map(|r| match self.put_report(r.story, r.version, r.headline, r.report) {
                Ok(()) => Ok(true),
                Err(crate::Error::UnknownStory { .. }) => Ok(false),
                Err(e) => Err(e),
            })
            .collect()
    }

    /// A story with its members and report.
    fn story(&self, id: &StoryId) -> Result<Option<StoryRecord>>;

    /// Only a story's report, without its listing fields: the hot path of the HTTP API.
    fn report(&self, id: &StoryId) -> Result<Option<FusedStory>>;

    /// One page of stories.
    fn stories(&self, query: &StoryQuery) -> Result<StoryPage>;

    /// How much the store holds.
    fn stats(&self) -> Result<Stats>;

    /// Whether the store is readable and consistent (`SQLite`'s `quick_check`).
    fn check(&self) -> Result<()>;
}
