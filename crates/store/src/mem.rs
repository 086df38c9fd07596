use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard};

use crosscheck_core::story::FusedStory;
use crosscheck_core::{Article, Date, Features};

use crate::model::{query_words, sort_key};
use crate::{
    ContentHash, Cursor, Error, Placement, PutOutcome, Result, Stats, Store, StoredArticle,
    StoryId, StoryMembers, StoryPage, StoryQuery, StoryRecord, StorySummary, Target, plan,
};

/// A [`Store`] in memory: the double for tests, with the same semantics as
/// [`SqliteStore`](crate::SqliteStore) (a shared conformance suite runs against both).
#[derive(Debug, Default)]
pub struct MemStore {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    blobs: HashMap<ContentHash, Arc<[u8]>>,
    articles: BTreeMap<String, StoredArticle>,
    seq: u64,
    stories: BTreeMap<StoryId, MemStory>,
    redirects: HashMap<StoryId, StoryId>,
    created: u64,
    /// The clustering features kept with placed articles, by article id.
    features: HashMap<String, Features>,
}

#[derive(Debug)]
struct MemStory {
    /// Creation order: the oldest story of a merge survives.
    created: u64,
    headline: Option<String>,
    version: u64,
    report_version: Option<u64>,
    report: Option<FusedStory>,
}

impl MemStore {
    /// An empty store.
    pub fn new() -> MemStore {
        MemStore::default()
    }

    /// The stored bytes with this hash, if any.
    pub fn blob(&self, hash: &ContentHash) -> Option<Arc<[u8]>> {
        self.lock().blobs.get(hash).cloned()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock leaves no half-written state: every method mutates
        // only after all its checks passed, so a poisoned lock is still consistent.
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl State {
    /// The live story `id` names: itself, or the story it was merged into.
    fn resolve(&self, id: &StoryId) -> Option<StoryId> {
        if self.stories.contains_key(id) {
            return Some(id.clone());
        }
        self.redirects.get(id).filter(|t| self.stories.contains_key(*t)).cloned()
    }

    fn members_of(&self, id: &StoryId) -> Vec<&StoredArticle> {
        let mut v: Vec<&StoredArticle> =
            self.articles.values().filter(|a| a.story.as_ref() == Some(id)).collect();
        v.sort_by_key(|a| a.seq);
        v
    }

    fn summary(&self, id: &StoryId, s: &MemStory) -> StorySummary {
        let members = self.members_of(id);
        let mut outlets: Vec<String> =
            members.iter().filter_map(|a| a.article.outlet.clone()).collect();
        outlets.sort();
        outlets.dedup();
        let dates: Vec<Date> = members.iter().filter_map(|a| a.article.published).collect();
        let headline = s.headline.clone().unwrap_or_else(|| default_headline(id, &members));
        StorySummary {
            id: id.clone(),
            headline,
            articles: members.len() as u32,
            outlets,
            first_published: dates.iter().min().copied(),
            last_published: dates.iter().max().copied(),
            version: s.version,
            fresh: s.report_version == Some(s.version),
        }
    }

    /// Removes an article from its story: the story becomes stale, or goes when empty.
    fn unplace(&mut self, article: &str) {
        let Some(story) = self.articles.get_mut(article).and_then(|a| a.story.take()) else {
            return;
        };
        if self.members_of(&story).is_empty() {
            self.stories.remove(&story);
        } else if let Some(s) = self.stories.get_mut(&story) {
            s.version += 1;
        }
    }
}

/// The headline of a story without a report: its first titled article's title, else its id.
pub(crate) fn default_headline(id: &StoryId, members: &[&StoredArticle]) -> String {
    members
        .iter()
        .find_map(|a| a.article.title.clone().filter(|t| !t.trim().is_empty()))
        .unwrap_or_else(|| id.to_string())
}

fn matches(a: &StoredArticle, words: &[String]) -> bool {
    let mut have = query_words(a.article.title.as_deref().unwrap_or(""));
    have.extend(query_words(&a.article.text));
    words.iter().all(|w| have.contains(w))
}

impl Store for MemStore {
    fn put_article(&self, article: &Article, original: Option<&[u8]>) -> Result<PutOutcome> {
        let mut st = self.lock();
        let hash = ContentHash::of(article.raw.as_bytes());
        let outcome = match st.articles.get(article.id.as_str()) {
            Some(old) if old.hash == hash => return Ok(PutOutcome::Unchanged),
            Some(_) => PutOutcome::Replaced,
            None => PutOutcome::Added,
        };
        if outcome == PutOutcome::Replaced {
            st.unplace(article.id.as_str());
            st.features.remove(article.id.as_str());
        }
        st.blobs.entry(hash).or_insert_with(|| Arc::from(article.raw.as_bytes()));
        let original = original.filter(|o| *o != article.raw.as_bytes()).map(|o| {
            let h = ContentHash::of(o);
            st.blobs.entry(h).or_insert_with(|| Arc::from(o));
            h
        });
        st.seq += 1;
        let seq = st.seq;
        st.articles.insert(
            article.id.to_string(),
            StoredArticle {
                article: article.clone(),
                hash,
                original,
                story: None,
                duplicate_of: None,
                seq,
            },
        );
        Ok(outcome)
    }

    fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        Ok(self.lock().articles.get(id).cloned())
    }

    fn unplaced(&self, limit: usize) -> Result<Vec<StoredArticle>> {
        let st = self.lock();
        let mut v: Vec<StoredArticle> =
            st.articles.values().filter(|a| a.story.is_none()).cloned().collect();
        v.sort_by_key(|a| a.seq);
        v.truncate(limit);
        Ok(v)
    }

    fn members(&self) -> Result<Vec<StoryMembers>> {
        let st = self.lock();
        Ok(st
            .stories
            .keys()
            .map(|id| {
                let members = st.members_of(id);
                StoryMembers {
                    id: id.clone(),
                    features: members
                        .iter()
                        .map(|a| st.features.get(a.article.id.as_str()).cloned())
                        .collect(),
                    articles: members.into_iter().map(|a| a.article.clone()).collect(),
                }
            })
            .collect())
    }

    fn place(&self, plan: &[Placement], merges: &[Vec<StoryId>]) -> Result<Vec<StoryId>> {
        plan::check_unique(plan)?;
        let mut st = self.lock();
        for p in plan {
            match st.articles.get(p.article.as_str()) {
                None => return Err(Error::UnknownArticle { id: p.article.to_string() }),
                Some(a) if a.story.is_some() => {
                    return Err(Error::Conflict {
                        reason: format!("article {} is already placed", p.article),
                    });
                }
                Some(_) => {}
            }
            if let Some(d) = &p.duplicate_of
                && !st.articles.contains_key(d.as_str())
            {
                return Err(Error::UnknownArticle { id: d.to_string() });
            }
            if let Target::Existing(id) = &p.target
                && st.resolve(id).is_none()
            {
                return Err(Error::UnknownStory { id: id.to_string() });
            }
        }
        let mut touched: Vec<StoryId> = Vec::new();
        for group in merges {
            let mut live: Vec<StoryId> = group.iter().filter_map(|id| st.resolve(id)).collect();
            live.sort_by_key(|id| st.stories.get(id).map_or(u64::MAX, |s| s.created));
            live.dedup();
            let Some((keep, gone)) = live.split_first() else { continue };
            for old in gone {
                st.stories.remove(old);
                for a in st.articles.values_mut() {
                    if a.story.as_ref() == Some(old) {
                        a.story = Some(keep.clone());
                    }
                }
                for t in st.redirects.values_mut() {
                    if t == old {
                        *t = keep.clone();
                    }
                }
                st.redirects.insert(old.clone(), keep.clone());
            }
            if !gone.is_empty() && !touched.contains(keep) {
                touched.push(keep.clone());
            }
        }
        let new_ids = plan::new_story_ids(plan, &mut |id| {
            Ok(st.stories.contains_key(id) || st.redirects.contains_key(id))
        })?;
        for p in plan {
            let story = match &p.target {
                Target::Existing(id) => st.resolve(id).unwrap_or_else(|| id.clone()),
                Target::New(n) => new_ids[n].clone(),
            };
            st.created += 1;
            let created = st.created;
            st.stories.entry(story.clone()).or_insert(MemStory {
                created,
                headline: None,
                version: 0,
                report_version: None,
                report: None,
            });
            if let Some(a) = st.articles.get_mut(p.article.as_str()) {
                a.story = Some(story.clone());
                a.duplicate_of.clone_from(&p.duplicate_of);
            }
            if let Some(f) = &p.features {
                st.features.insert(p.article.to_string(), f.clone());
            }
            if !touched.contains(&story) {
                touched.push(story);
            }
        }
        for id in &touched {
            if let Some(s) = st.stories.get_mut(id) {
                s.version += 1;
            }
        }
        Ok(touched)
    }

    fn stale(&self) -> Result<Vec<(StoryId, u64)>> {
        let st = self.lock();
        Ok(st
            .stories
            .iter()
            .filter(|(_, s)| s.report_version != Some(s.version))
            .map(|(id, s)| (id.clone(), s.version))
            .collect())
    }

    fn story_articles(&self, id: &StoryId) -> Result<Vec<StoredArticle>> {
        let st = self.lock();
        if !st.stories.contains_key(id) {
            return Err(Error::UnknownStory { id: id.to_string() });
        }
        Ok(st.members_of(id).into_iter().cloned().collect())
    }

    fn put_report(
        &self,
        story: &StoryId,
        version: u64,
        headline: &str,
        report: &FusedStory,
    ) -> Result<()> {
        let mut st = self.lock();
        let s = st
            .stories
            .get_mut(story)
            .ok_or_else(|| Error::UnknownStory { id: story.to_string() })?;
        // A report never replaces one fused from a newer membership.
        if s.report_version.is_none_or(|v| v <= version) {
            s.headline = Some(headline.to_string());
            s.report = Some(report.clone());
            s.report_version = Some(version);
        }
        Ok(())
    }

    fn story(&self, id: &StoryId) -> Result<Option<StoryRecord>> {
        let st = self.lock();
        Ok(st.stories.get(id).map(|s| StoryRecord {
            summary: st.summary(id, s),
            articles: st.members_of(id).into_iter().map(|a| a.article.id.clone()).collect(),
            report: s.report.clone(),
        }))
    }

    fn report(&self, id: &StoryId) -> Result<Option<FusedStory>> {
        Ok(self.lock().stories.get(id).and_then(|s| s.report.clone()))
    }

    fn stories(&self, query: &StoryQuery) -> Result<StoryPage> {
        let st = self.lock();
        let words = query.text.as_deref().map(query_words).unwrap_or_default();
        let mut all: Vec<StorySummary> = st
            .stories
            .iter()
            .filter(|(id, _)| {
                words.is_empty() || st.members_of(id).iter().any(|a| matches(a, &words))
            })
            .map(|(id, s)| st.summary(id, s))
            .filter(|s| {
                query.since.is_none_or(|d| s.last_published.is_some_and(|l| l >= d))
                    && query.until.is_none_or(|d| s.first_published.is_some_and(|f| f <= d))
            })
            .collect();
        let key = |s: &StorySummary| (sort_key(s.last_published), s.id.to_string());
        all.sort_by_key(|s| std::cmp::Reverse(key(s)));
        if let Some(c) = &query.after {
            let at = (c.key.clone(), c.id.clone());
            all.retain(|s| key(s) < at);
        }
        let limit = query.effective_limit();
        let next = if all.len() > limit { Some(Cursor::after(&all[limit - 1])) } else { None };
        all.truncate(limit);
        Ok(StoryPage { stories: all, next })
    }

    fn resolve(&self, id: &StoryId) -> Result<Option<StoryId>> {
        let st = self.lock();
        Ok(st.redirects.get(id).and_then(|_| st.resolve(id)))
    }

    fn stats(&self) -> Result<Stats> {
        let st = self.lock();
        Ok(Stats {
            articles: st.articles.len() as u64,
            unplaced: st.articles.values().filter(|a| a.story.is_none()).count() as u64,
            stories: st.stories.len() as u64,
            stale: st.stories.values().filter(|s| s.report_version != Some(s.version)).count()
                as u64,
        })
    }

    fn check(&self) -> Result<()> {
        Ok(())
    }
}
