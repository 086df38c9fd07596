use std::fmt;
use std::str::FromStr;

use crosscheck_core::story::FusedStory;
use crosscheck_core::{Article, Date, DocId, Features};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The SHA-256 of a document's raw content: how a store recognises input it has seen.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContentHash([u8; 32]);

impl ContentHash {
    /// The hash of `bytes`.
    pub fn of(bytes: &[u8]) -> ContentHash {
        ContentHash(Sha256::digest(bytes).into())
    }

    /// The 32 bytes of the digest.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl fmt::Display for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ContentHash({self})")
    }
}

impl FromStr for ContentHash {
    type Err = String;

    /// Parses 64 lowercase or uppercase hex digits.
    fn from_str(s: &str) -> Result<ContentHash, String> {
        let bad = || format!("invalid content hash {s:?}, expected 64 hex digits");
        if s.len() != 64 || !s.is_ascii() {
            return Err(bad());
        }
        let mut out = [0u8; 32];
        for (i, o) in out.iter_mut().enumerate() {
            *o = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).map_err(|_| bad())?;
        }
        Ok(ContentHash(out))
    }
}

impl Serialize for ContentHash {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The id of a story in a store: `s` and hex digits, stable once given.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StoryId(String);

impl StoryId {
    /// The id as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id of a story founded by `article` (its earliest article): `s` and ten hex digits
    /// of the SHA-256 of the article id. Batch runs (`crosscheck fuse`, `cluster`) and stores
    /// name a story alike, and ingesting the same corpus into two stores gives the same ids.
    pub fn founded_by(article: &DocId) -> StoryId {
        StoryId::derive(article, 10)
    }

    /// [`StoryId::founded_by`] with `digits` hex digits, for the rare collision.
    pub(crate) fn derive(article: &DocId, digits: usize) -> StoryId {
        let hex = ContentHash::of(article.as_str().as_bytes()).to_string();
        StoryId(format!("s{}", &hex[..digits.min(hex.len())]))
    }
}

impl From<&str> for StoryId {
    fn from(s: &str) -> StoryId {
        StoryId(s.to_string())
    }
}

impl From<String> for StoryId {
    fn from(s: String) -> StoryId {
        StoryId(s)
    }
}

impl fmt::Display for StoryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for StoryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "StoryId({:?})", self.0)
    }
}

/// What [`Store::put_article`](crate::Store::put_article) did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum PutOutcome {
    /// A new article.
    Added,
    /// An article with this id existed with other content; it was replaced and will be placed
    /// again.
    Replaced,
    /// The same content under the same id was already stored; nothing changed.
    Unchanged,
}

/// An article as a store keeps it.
#[derive(Debug, Clone)]
pub struct StoredArticle {
    /// The article, its raw content included.
    pub article: Article,
    /// The hash of its raw content.
    pub hash: ContentHash,
    /// The hash of the original bytes, when they differ from the raw content (a legacy
    /// charset decoded to UTF-8).
    pub original: Option<ContentHash>,
    /// The story it belongs to; `None` until it is placed.
    pub story: Option<StoryId>,
    /// The article it duplicates, when dedup found one.
    pub duplicate_of: Option<DocId>,
    /// Its insertion number: increases with every article added or replaced.
    pub seq: u64,
}

/// Where a new article goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// An existing story.
    Existing(StoryId),
    /// A new story, one per distinct number in a plan.
    New(u32),
}

/// One article's place, as a [`StoryEngine`](crate::StoryEngine) decides it.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    /// The article.
    pub article: DocId,
    /// The story it joins. A story merged away by the same plan, or earlier, is followed to
    /// the story that absorbed it.
    pub target: Target,
    /// The article it duplicates, if any.
    pub duplicate_of: Option<DocId>,
    /// Its key terms ([`StoryEngine::keys`](crate::StoryEngine::keys)), indexed under its
    /// story so that later articles find the story ([`Store::neighbours`](crate::Store)).
    pub keys: Vec<u64>,
    /// Its clustering features, if any: kept with the article and handed back with its
    /// story's members ([`StoryMembers::features`]), so that placing later articles does not
    /// extract them again. [`update`](crate::update) fills in those of
    /// [`StoryEngine::features`](crate::StoryEngine::features) when the engine leaves them
    /// out.
    pub features: Option<Features>,
}

/// What a [`StoryEngine`](crate::StoryEngine) decides for a batch of new articles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    /// One placement per new article.
    pub placements: Vec<Placement>,
    /// Groups of existing stories that the new articles bridge: each group becomes one story,
    /// the oldest of them, and the other ids answer with a redirect to it
    /// ([`Store::resolve`](crate::Store::resolve)).
    pub merges: Vec<Vec<StoryId>>,
}

/// A new article as [`Store::neighbours`](crate::Store::neighbours) looks for its stories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    /// Its key terms.
    pub keys: Vec<u64>,
    /// Its publication date: stories whose matching terms were last seen more than the
    /// horizon away are left out.
    pub published: Option<Date>,
}

/// Which stories [`Store::neighbours`](crate::Store::neighbours) returns, and how much of
/// each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Neighbourhood {
    /// One per new article.
    pub probes: Vec<Probe>,
    /// How many days apart a story's matching terms and a dated probe may be.
    ///
    /// By default, 730.
    pub horizon_days: u32,
    /// How many stories per probe, those sharing the most key terms with it.
    ///
    /// By default, 4.
    pub stories_per_probe: usize,
    /// How many members of each story, the most recent.
    ///
    /// By default, 16.
    pub members_per_story: usize,
}

impl Neighbourhood {
    /// The neighbourhood of `probes` with the default bounds.
    pub fn new(probes: Vec<Probe>) -> Neighbourhood {
        Neighbourhood { probes, horizon_days: 730, stories_per_probe: 4, members_per_story: 16 }
    }
}

/// A story's members, as the engine sees them when it places new articles.
#[derive(Debug, Clone)]
pub struct StoryMembers {
    /// The story.
    pub id: StoryId,
    /// Its articles, in insertion order.
    pub articles: Vec<Article>,
    /// The clustering features kept with each article ([`Placement::features`]), one per
    /// article, `None` where none were kept; or empty when the store gives none at all.
    pub features: Vec<Option<Features>>,
}

/// A story in a listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StorySummary {
    /// The story id.
    pub id: StoryId,
    /// Its headline: the fused report's, else its first article's title, else its id.
    pub headline: String,
    /// How many articles it has.
    pub articles: u32,
    /// The distinct outlets of its articles, sorted.
    pub outlets: Vec<String>,
    /// The earliest publication date of its articles.
    pub first_published: Option<Date>,
    /// The latest publication date of its articles.
    pub last_published: Option<Date>,
    /// Increases every time its membership changes.
    pub version: u64,
    /// Whether its fused report reflects its current membership.
    pub fresh: bool,
}

/// A story with its members and report.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryRecord {
    /// The listing fields.
    pub summary: StorySummary,
    /// Its article ids, in insertion order.
    pub articles: Vec<DocId>,
    /// The fused report, once fused.
    pub report: Option<FusedStory>,
}

/// Which stories to list, and from where.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoryQuery {
    /// Only stories with an article published on or after this date.
    ///
    /// By default, no limit.
    pub since: Option<Date>,
    /// Only stories with an article published on or before this date.
    ///
    /// By default, no limit.
    pub until: Option<Date>,
    /// Only stories with an article whose title and text hold every word of this text (whole
    /// words, case-insensitive).
    ///
    /// By default, every story.
    pub text: Option<String>,
    /// Continue after this cursor, from a previous page's [`StoryPage::next`].
    ///
    /// By default, the first page.
    pub after: Option<Cursor>,
    /// At most this many stories; `0` means the default.
    ///
    /// By default, 50.
    pub limit: usize,
}

impl StoryQuery {
    /// The default page size.
    pub const DEFAULT_LIMIT: usize = 50;

    /// The page size to use.
    pub fn effective_limit(&self) -> usize {
        if self.limit == 0 { Self::DEFAULT_LIMIT } else { self.limit }
    }
}

/// One page of stories, newest activity first (latest publication date, then id, descending).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryPage {
    /// The stories.
    pub stories: Vec<StorySummary>,
    /// Where the next page starts, if there is one.
    pub next: Option<Cursor>,
}

/// A position in the story order, opaque to clients: hex of `sort key \x1f story id`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Cursor {
    pub(crate) key: String,
    pub(crate) id: String,
}

impl Cursor {
    pub(crate) fn after(summary: &StorySummary) -> Cursor {
        Cursor { key: sort_key(summary.last_published), id: summary.id.to_string() }
    }
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.key.bytes().chain([0x1f]).chain(self.id.bytes()) {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl FromStr for Cursor {
    type Err = String;

    fn from_str(s: &str) -> Result<Cursor, String> {
        let bad = || format!("invalid cursor {s:?}");
        if !s.len().is_multiple_of(2) || !s.is_ascii() {
            return Err(bad());
        }
        let bytes = (0..s.len() / 2)
            .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16))
            .collect::<Result<Vec<u8>, _>>()
            .map_err(|_| bad())?;
        let text = String::from_utf8(bytes).map_err(|_| bad())?;
        let (key, id) = text.split_once('\x1f').ok_or_else(bad)?;
        Ok(Cursor { key: key.to_string(), id: id.to_string() })
    }
}

/// The key stories are ordered by: the latest publication date, undated stories last.
pub(crate) fn sort_key(last: Option<Date>) -> String {
    last.map_or_else(|| "0000-00-00".to_string(), |d| d.to_string())
}

/// Counts of what a store holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Articles.
    pub articles: u64,
    /// Articles not yet placed in a story.
    pub unplaced: u64,
    /// Stories.
    pub stories: u64,
    /// Stories whose report is missing or older than their membership.
    pub stale: u64,
}

/// The words of a text query: maximal runs of alphanumeric characters, lowercased.
pub(crate) fn query_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Where an article came from, as a store tells articles with one id apart: its URL, else its
/// source with a record suffix (`feed.jsonl:12`, `crawl.warc#3`) dropped; `None` for stdin
/// (`-`), which is never the same origin twice.
pub fn origin(article: &crosscheck_core::Article) -> Option<String> {
    if let Some(url) = article.url.as_deref().filter(|u| !u.trim().is_empty()) {
        return Some(url.trim().to_string());
    }
    let source = article.source.as_str();
    let file = match source.rfind([':', '#']) {
        Some(at) if at > 0 && source[at + 1..].bytes().all(|b| b.is_ascii_digit()) => &source[..at],
        _ => source,
    };
    (file != "-" && !file.is_empty()).then(|| file.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_round_trips_through_hex() {
        let h = ContentHash::of(b"some bytes");
        let s = h.to_string();
        assert_eq!(s.len(), 64);
        assert_eq!(s.parse::<ContentHash>().unwrap(), h);
        assert!("xyz".parse::<ContentHash>().is_err());
        assert!("zz".repeat(32).parse::<ContentHash>().is_err());
        assert_ne!(ContentHash::of(b"a"), ContentHash::of(b"b"));
    }

    #[test]
    fn story_ids_are_stable_and_short() {
        let a = StoryId::derive(&DocId::from("report-1"), 10);
        assert_eq!(a, StoryId::derive(&DocId::from("report-1"), 10));
        assert_ne!(a, StoryId::derive(&DocId::from("report-2"), 10));
        assert_eq!(a.as_str().len(), 11);
        assert!(a.as_str().starts_with('s'));
    }

    #[test]
    fn origins_drop_record_numbers_and_never_match_stdin() {
        let raw = "Body.";
        let mut a = crosscheck_core::Article {
            id: DocId::from("x"),
            source: "day1/feed.jsonl:12".into(),
            url: None,
            outlet: None,
            title: None,
            author: None,
            published: None,
            published_month: None,
            language: crosscheck_core::Lang::EN,
            text: raw.into(),
            removed: vec![],
            alignment: crosscheck_core::Alignment::identity(raw.len()),
            raw: std::sync::Arc::from(raw),
        };
        assert_eq!(origin(&a).as_deref(), Some("day1/feed.jsonl"));
        a.source = "crawl.warc.gz#3".into();
        assert_eq!(origin(&a).as_deref(), Some("crawl.warc.gz"));
        a.source = "-:4".into();
        assert_eq!(origin(&a), None);
        a.source = "-".into();
        assert_eq!(origin(&a), None);
        a.url = Some("https://example.org/a".into());
        assert_eq!(origin(&a).as_deref(), Some("https://example.org/a"));
    }

    #[test]
    fn words_split_on_punctuation() {
        assert_eq!(
            query_words("  Bridge-opening, KÖLN 2025 "),
            ["bridge", "opening", "köln", "2025"]
        );
        assert!(query_words(" ,; ").is_empty());
    }

    proptest::proptest! {
        #[test]
        fn cursor_round_trips(key in "\\PC{0,12}", id in "\\PC{0,12}") {
            proptest::prop_assume!(!key.contains('\x1f'));
            let c = Cursor { key, id };
            proptest::prop_assert_eq!(c.to_string().parse::<Cursor>().unwrap(), c);
        }

        #[test]
        fn cursor_parse_never_panics(s in "\\PC{0,40}") {
            let _ = s.parse::<Cursor>();
        }
    }
}
