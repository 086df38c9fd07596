use crosscheck_core::Article;
use crosscheck_core::story::FusedStory;

use crate::{
    Placement, PutOutcome, Result, Stats, StoredArticle, StoryId, StoryMembers, StoryPage,
    StoryQuery, StoryRecord,
};

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

    /// The article with this id.
    fn article(&self, id: &str) -> Result<Option<StoredArticle>>;

    /// Up to `limit` articles not yet placed in a story, oldest first.
    fn unplaced(&self, limit: usize) -> Result<Vec<StoredArticle>>;

    /// Every story with its articles, for placing new articles among them.
    fn members(&self) -> Result<Vec<StoryMembers>>;

    /// Places unplaced articles: creates the stories a plan asks for, records duplicates and
    /// membership, and marks every story it touched stale. Returns the touched stories, in
    /// order of first mention.
    ///
    /// A new story's id is derived from the id of its first article (see
    /// [`StoryId`](crate::StoryId)). Fails without changing anything when the plan names an
    /// article that is unknown or already placed, or a story that does not exist.
    fn place(&self, plan: &[Placement]) -> Result<Vec<StoryId>>;

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
