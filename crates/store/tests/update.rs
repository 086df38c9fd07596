//! `update` with a small engine: placement, fusion, idempotence and failure handling.

use std::sync::Mutex;

use crosscheck_core::story::{ArticleInfo, FusedStory};
use crosscheck_core::{Article, Features};
use crosscheck_store::{
    EngineError, Error, MemStore, Placement, Plan, SqliteStore, Store, StoredArticle, StoryEngine,
    StoryId, StoryMembers, Target, update,
};

mod common;

use common::{article, report};

/// Groups articles by the first word of their title; records what it was asked to fuse.
#[derive(Default)]
struct FirstWord {
    fused: Mutex<Vec<(StoryId, usize)>>,
    fail_on: Option<&'static str>,
    drop_one: bool,
}

fn key(a: &Article) -> String {
    a.title.as_deref().unwrap_or("").split_whitespace().next().unwrap_or("").to_lowercase()
}

impl StoryEngine for FirstWord {
    fn place(
        &self,
        stories: &[StoryMembers],
        new: &[Article],
        _: &[Option<Features>],
    ) -> Result<Plan, EngineError> {
        let mut fresh: Vec<String> = Vec::new();
        let mut out = Vec::new();
        for a in new {
            let k = key(a);
            let existing = stories.iter().find(|s| s.articles.iter().any(|m| key(m) == k));
            let target = if let Some(s) = existing {
                Target::Existing(s.id.clone())
            } else {
                let n = fresh.iter().position(|f| *f == k).unwrap_or_else(|| {
                    fresh.push(k.clone());
                    fresh.len() - 1
                });
                Target::New(n as u32)
            };
            out.push(Placement {
                article: a.id.clone(),
                target,
                duplicate_of: None,
                keys: vec![],
                features: None,
            });
        }
        if self.drop_one {
            out.pop();
        }
        Ok(Plan { placements: out, merges: vec![] })
    }

    fn keys(&self, article: &Article, _: Option<&Features>) -> Vec<u64> {
        // One key: the first word, folded into a number.
        vec![key(article).bytes().fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)))]
    }

    fn fuse(&self, story: &StoryId, articles: &[StoredArticle]) -> Result<FusedStory, EngineError> {
        if let Some(bad) = self.fail_on
            && articles.iter().any(|a| a.article.id.as_str() == bad)
        {
            return Err(format!("cannot fuse {bad}").into());
        }
        self.fused.lock().unwrap().push((story.clone(), articles.len()));
        let mut fused = report("engine-id", &format!("About {}", key(&articles[0].article)));
        fused.articles =
            articles.iter().map(|a| ArticleInfo::new(&a.article, a.duplicate_of.clone())).collect();
        Ok(fused)
    }
}

fn put(s: &dyn Store, id: &str, title: &str) {
    s.put_article(&article(id, title, &format!("Body of {id}."), None, "X"), None).unwrap();
}

fn check_incremental(s: &dyn Store) {
    let engine = FirstWord::default();
    put(s, "a1", "Bridge opens");
    put(s, "a2", "Bridge delayed");
    put(s, "b1", "Budget passes");
    let r = update(s, &engine).unwrap();
    assert_eq!(r.placed, 3);
    assert_eq!(r.fused.len(), 2);
    assert!(r.failed.is_empty());
    let stats = s.stats().unwrap();
    assert_eq!((stats.stories, stats.stale, stats.unplaced), (2, 0, 0));
    let bridge = s.article("a1").unwrap().unwrap().story.unwrap();
    assert_eq!(s.article("a2").unwrap().unwrap().story.as_ref(), Some(&bridge));
    let fused = s.report(&bridge).unwrap().unwrap();
    assert_eq!(fused.id, bridge.as_str(), "the store's id wins");
    let ids: Vec<&str> = fused.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a1", "a2"]);
    assert_eq!(s.story(&bridge).unwrap().unwrap().summary.headline, "About bridge");

    // Nothing new: nothing placed, nothing fused.
    let again = update(s, &engine).unwrap();
    assert_eq!((again.placed, again.fused.len()), (0, 0));

    // One new article joins its story; only that story is fused again.
    engine.fused.lock().unwrap().clear();
    put(s, "a3", "Bridge reopens");
    let r = update(s, &engine).unwrap();
    assert_eq!(r.placed, 1);
    assert_eq!(*engine.fused.lock().unwrap(), vec![(bridge.clone(), 3)]);
}

fn check_failures(s: &dyn Store) {
    put(s, "a1", "Bridge opens");
    put(s, "b1", "Budget passes");
    let dropping = FirstWord { drop_one: true, ..FirstWord::default() };
    assert!(matches!(update(s, &dropping), Err(Error::InvalidPlan { .. })));
    assert_eq!(s.stats().unwrap().unplaced, 2, "a refused plan places nothing");
    let failing = FirstWord { fail_on: Some("b1"), ..FirstWord::default() };
    let r = update(s, &failing).unwrap();
    assert_eq!(r.fused.len(), 1);
    assert_eq!(r.failed.len(), 1);
    assert!(r.failed[0].1.to_string().contains("fusing story"), "{}", r.failed[0].1);
    assert_eq!(s.stats().unwrap().stale, 1, "the failed story stays stale");
    let r = update(s, &FirstWord::default()).unwrap();
    assert_eq!((r.placed, r.fused.len()), (0, 1), "and is retried");
}

/// More stale stories than one write of reports holds: every story gets its own report (a
/// report written under another story's id, or lost between two writes, fails here), and a
/// story whose fusion fails in the middle leaves only itself stale.
fn check_many_stories(s: &dyn Store) {
    const STORIES: usize = 150;
    for k in 0..STORIES {
        put(s, &format!("s{k}a"), &format!("Topic{k} opens"));
        put(s, &format!("s{k}b"), &format!("Topic{k} closes"));
    }
    let failing = FirstWord { fail_on: Some("s70b"), ..FirstWord::default() };
    let r = update(s, &failing).unwrap();
    assert_eq!(r.placed, 2 * STORIES);
    assert_eq!((r.fused.len(), r.failed.len()), (STORIES - 1, 1));
    assert!(r.fused.iter().all(|(_, n)| *n == 2));
    assert_eq!(s.stats().unwrap().stale, 1);
    let check = |k: usize, members: &[&str]| {
        let story = s.article(&format!("s{k}a")).unwrap().unwrap().story.unwrap();
        let fused = s.report(&story).unwrap().unwrap();
        assert_eq!(fused.id, story.as_str());
        let ids: Vec<&str> = fused.articles.iter().map(|a| a.id.as_str()).collect();
        let want: Vec<String> = members.iter().map(|m| format!("s{k}{m}")).collect();
        assert_eq!(ids, want, "story {k}");
        assert_eq!(s.story(&story).unwrap().unwrap().summary.headline, format!("About topic{k}"));
    };
    for k in (0..STORIES).filter(|&k| k != 70) {
        check(k, &["a", "b"]);
    }
    // A third article for every story: all fused again, the failed one too.
    for k in 0..STORIES {
        put(s, &format!("s{k}c"), &format!("Topic{k} resumes"));
    }
    let r = update(s, &FirstWord::default()).unwrap();
    assert_eq!((r.placed, r.fused.len(), r.failed.len()), (STORIES, STORIES, 0));
    for k in 0..STORIES {
        check(k, &["a", "b", "c"]);
    }
    assert_eq!(s.stats().unwrap().stale, 0);
}

#[test]
fn many_stories_in_memory() {
    check_many_stories(&MemStore::new());
}

#[test]
fn many_stories_in_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    check_many_stories(&SqliteStore::open(dir.path().join("t.db")).unwrap());
}

#[test]
fn incremental_in_memory() {
    check_incremental(&MemStore::new());
}

#[test]
fn incremental_in_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    check_incremental(&SqliteStore::open(dir.path().join("t.db")).unwrap());
}

#[test]
fn failures_in_memory() {
    check_failures(&MemStore::new());
}

#[test]
fn failures_in_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    check_failures(&SqliteStore::open(dir.path().join("t.db")).unwrap());
}
