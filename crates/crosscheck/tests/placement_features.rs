//! A store keeps each placed article's clustering features and the engine reads them for the
//! members of nearby stories instead of extracting them again: the stories must be exactly the
//! ones placement gives when every member is extracted again. Checked on ECB+ (982 real
//! articles of 43 topics, `../shared/data/ecbplus`), ingested a batch at a time in a seeded
//! order, so that most batches are placed against stories of earlier batches.

use std::path::{Path, PathBuf};

use crosscheck::PipelineBuilder;
use crosscheck::core::{Article, Features};
use crosscheck::fuse::FusedStory;
use crosscheck::store::{
    EngineError, PipelineEngine, Plan, SqliteStore, Store, StoredArticle, StoryEngine, StoryId,
    StoryMembers, place_pending,
};

fn shared() -> PathBuf {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::env::var_os("CROSSCHECK_SHARED").map_or_else(|| repo.join("../shared"), PathBuf::from)
}

/// The standard engine, made to forget the features the store hands over (it extracts every
/// member's again) and to keep none for the store either.
struct Forgetful {
    inner: PipelineEngine,
}

impl StoryEngine for Forgetful {
    fn place(
        &self,
        stories: &[StoryMembers],
        new: &[Article],
        features: &[Option<Features>],
    ) -> Result<Plan, EngineError> {
        let bare: Vec<StoryMembers> =
            stories.iter().map(|s| StoryMembers { features: Vec::new(), ..s.clone() }).collect();
        let _ = features;
        self.inner.place(&bare, new, &[])
    }

    fn features(&self, new: &[Article]) -> Vec<Option<Features>> {
        vec![None; new.len()]
    }

    fn keys(&self, article: &Article, features: Option<&Features>) -> Vec<u64> {
        self.inner.keys(article, features)
    }

    fn horizon_days(&self) -> u32 {
        self.inner.horizon_days()
    }

    fn fuse(&self, story: &StoryId, articles: &[StoredArticle]) -> Result<FusedStory, EngineError> {
        self.inner.fuse(story, articles)
    }
}

/// Ingests `articles` in `order`, `batch` at a time, placing each batch; returns each
/// article's story id, in article order.
fn place_online(
    store: &dyn Store,
    engine: &dyn StoryEngine,
    articles: &[Article],
    order: &[usize],
    batch: usize,
) -> Vec<String> {
    for chunk in order.chunks(batch) {
        for &i in chunk {
            store.put_sourced(&articles[i], None).unwrap();
        }
        place_pending(store, engine).unwrap();
    }
    articles
        .iter()
        .map(|a| store.article(a.id.as_str()).unwrap().unwrap().story.unwrap().to_string())
        .collect()
}

/// Counts the members a neighbourhood hands over with features and without.
struct Counting<'a> {
    inner: &'a PipelineEngine,
    with: std::sync::atomic::AtomicUsize,
    without: std::sync::atomic::AtomicUsize,
}

impl StoryEngine for Counting<'_> {
    fn place(
        &self,
        stories: &[StoryMembers],
        new: &[Article],
        features: &[Option<Features>],
    ) -> Result<Plan, EngineError> {
        use std::sync::atomic::Ordering::Relaxed;
        for s in stories {
            let with = s.features.iter().filter(|f| f.is_some()).count();
            self.with.fetch_add(with, Relaxed);
            self.without.fetch_add(s.articles.len() - with, Relaxed);
        }
        self.inner.place(stories, new, features)
    }

    fn features(&self, new: &[Article]) -> Vec<Option<Features>> {
        self.inner.features(new)
    }

    fn keys(&self, article: &Article, features: Option<&Features>) -> Vec<u64> {
        self.inner.keys(article, features)
    }

    fn horizon_days(&self) -> u32 {
        self.inner.horizon_days()
    }

    fn fuse(&self, story: &StoryId, articles: &[StoredArticle]) -> Result<FusedStory, EngineError> {
        self.inner.fuse(story, articles)
    }
}

#[test]
fn kept_features_place_articles_exactly_as_extracting_them_again() {
    let path = shared().join("data/ecbplus/articles.jsonl");
    assert!(path.exists(), "ECB+ is expected at {}", path.display());
    let pipeline = PipelineBuilder::new().build();
    let mut articles = Vec::new();
    pipeline.extract(&[path], |item| {
        articles.push(item.unwrap());
        true
    });
    assert!(articles.len() > 900, "ECB+ holds 982 articles, read {}", articles.len());
    // A seeded shuffle (xorshift), so that batches mix topics and later ones meet earlier ones.
    let mut order: Vec<usize> = (0..articles.len()).collect();
    let mut x = 0x9E37_79B9_7F4A_7C15_u64;
    for i in (1..order.len()).rev() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        order.swap(i, (x % (i as u64 + 1)) as usize);
    }
    let engine = PipelineEngine::new(pipeline.config()).unwrap();
    let counting = Counting { inner: &engine, with: 0.into(), without: 0.into() };
    let dir = tempfile::tempdir().unwrap();
    let sqlite = SqliteStore::open(dir.path().join("kept.db")).unwrap();
    let kept = place_online(&sqlite, &counting, &articles, &order, 100);
    let forgetful = Forgetful { inner: engine.clone() };
    let plain = SqliteStore::open(dir.path().join("again.db")).unwrap();
    let again = place_online(&plain, &forgetful, &articles, &order, 100);
    let with = counting.with.into_inner();
    let without = counting.without.into_inner();
    assert!(with > 1000 && without == 0, "members with features {with}, without {without}");
    let differ = kept.iter().zip(&again).filter(|(a, b)| a != b).count();
    assert_eq!(differ, 0, "{differ} of {} articles placed differently", articles.len());
}
