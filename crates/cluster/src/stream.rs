//! The online form of story clustering: [`StoryStream`]; see [`story`](crate::story).

use std::collections::VecDeque;

use crosscheck_core::Date;

use crate::hash::TermMap;
use crate::story::{
    Assignment, ClusterBuilder, Clusterer, Vectors, day_number, out_of_window, similarity,
};

/// The `max` entries of `hits` (one entry per probe term hit, any order) that were hit most,
/// ties to the lower index, in increasing index order.
fn top_candidates(mut hits: Vec<u32>, max: usize) -> Vec<u32> {
    hits.sort_unstable();
    let mut counted: Vec<(u32, u32)> = Vec::new();
    for h in hits {
        match counted.last_mut() {
            Some((x, n)) if *x == h => *n += 1,
            _ => counted.push((h, 1)),
        }
    }
    if counted.len() > max {
        counted.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        counted.truncate(max);
        counted.sort_unstable_by_key(|x| x.0);
    }
    counted.into_iter().map(|x| x.0).collect()
}

/// The top-`m` similarities seen per story, for the linkage score.
#[derive(Debug, Default)]
struct Linkage {
    /// `(story, top similarities in decreasing order)`.
    per_story: Vec<(u32, Vec<f32>)>,
}

impl Linkage {
    fn add(&mut self, story: u32, sim: f32, m: usize) {
        let at = if let Some(at) = self.per_story.iter().position(|(s, _)| *s == story) {
            at
        } else {
            self.per_story.push((story, Vec::with_capacity(m)));
            self.per_story.len() - 1
        };
        let top = &mut self.per_story[at].1;
        let at = top.partition_point(|&x| x >= sim);
        if at < m {
            top.insert(at, sim);
            top.truncate(m);
        }
    }

    /// The best story: the mean of its top `min(m, size)` similarities (missing ones count as
    /// 0), ties to the lower story id.
    fn best(&self, m: usize, size: impl Fn(u32) -> usize) -> Option<(u32, f32)> {
        let mut best: Option<(u32, f32)> = None;
        for (s, top) in &self.per_story {
            let k = m.min(size(*s)).max(1);
            let score = top.iter().take(k).sum::<f32>() / k as f32;
            let better = best.is_none_or(|(bs, b)| match score.total_cmp(&b) {
                std::cmp::Ordering::Greater => true,
                std::cmp::Ordering::Equal => *s < bs,
                std::cmp::Ordering::Less => false,
            });
            if better {
                best = Some((*s, score));
            }
        }
        best
    }
}

/// An article held in the window.
#[derive(Debug, Clone)]
pub(crate) struct Held {
    vectors: Vectors,
    day: Option<i32>,
    story: u32,
    /// Its position in the stream.
    seen: u64,
}

/// The online clustering state: the articles of the window, an inverted index over them, and
/// story sizes.
#[derive(Debug)]
pub struct StoryStream<'c> {
    cfg: &'c ClusterBuilder,
    /// Held articles by slot; `None` once out of the window.
    pub(crate) held: Vec<Option<Held>>,
    /// Term → slots of the articles holding it, oldest first.
    postings: TermMap<Vec<u32>>,
    /// Members of each story still in the window.
    sizes: Vec<u32>,
    /// Slots in stream order, for closing the oldest first.
    queue: VecDeque<u32>,
    newest: Option<i32>,
    articles: u64,
    dropped: usize,
}

impl Clusterer {
    /// An empty online state.
    pub fn stream(&self) -> StoryStream<'_> {
        StoryStream {
            cfg: &self.cfg,
            held: Vec::new(),
            postings: TermMap::default(),
            sizes: Vec::new(),
            queue: VecDeque::new(),
            newest: None,
            articles: 0,
            dropped: 0,
        }
    }
}

impl StoryStream<'_> {
    /// Adds the next article and returns its story and its linkage score to that story at
    /// the time it joined (1 for a new story).
    pub fn push(&mut self, v: &Vectors, date: Option<Date>) -> Assignment {
        self.articles += 1;
        let now = self.articles;
        let day = date.map(day_number);
        if let Some(d) = day {
            self.newest = Some(self.newest.map_or(d, |n| n.max(d)));
        }
        self.close_old();
        let cfg = self.cfg;
        let mut hits: Vec<u32> = Vec::new();
        for t in probe(v, cfg.probe_terms) {
            if let Some(list) = self.postings.get(&t) {
                hits.extend(
                    list[list.len().saturating_sub(cfg.max_postings)..]
                        .iter()
                        .filter(|&&slot| self.held[slot as usize].is_some()),
                );
            }
        }
        let mut link = Linkage::default();
        for slot in top_candidates(hits, cfg.max_candidates) {
            let Some(h) = &self.held[slot as usize] else { continue };
            let sim = similarity(cfg, v, day, &h.vectors, h.day);
            if sim > 0.0 {
                link.add(h.story, sim, cfg.linkage);
            }
        }
        let sizes = &self.sizes;
        let best = link.best(cfg.linkage, |s| sizes[s as usize] as usize);
        let (story, score) = match best {
            Some((s, score)) if score >= cfg.stream_threshold as f32 => (s, score),
            _ => {
                self.sizes.push(0);
                (self.sizes.len() as u32 - 1, 1.0)
            }
        };
        self.sizes[story as usize] += 1;
        let slot = self.held.len() as u32;
        for &(t, _) in v.words.iter().chain(&v.names) {
            self.postings.entry(t).or_default().push(slot);
        }
        self.held.push(Some(Held { vectors: v.clone(), day, story, seen: now }));
        self.queue.push_back(slot);
        Assignment { story, score }
    }

    /// Drops articles outside the window, and compacts the index once half of it is stale.
    fn close_old(&mut self) {
        let oldest = self.articles.saturating_sub(self.cfg.window_articles);
        while let Some(&slot) = self.queue.front() {
            let Some(h) = &self.held[slot as usize] else {
                self.queue.pop_front();
                continue;
            };
            let stale_date = out_of_window(self.cfg, self.newest, h.day);
            if h.seen <= oldest || stale_date {
                self.sizes[h.story as usize] -= 1;
                self.held[slot as usize] = None;
                self.queue.pop_front();
                self.dropped += 1;
            } else {
                break;
            }
        }
        if self.dropped > 1024 && self.dropped * 2 > self.held.len() {
            self.compact();
        }
    }

    /// Drops closed slots from the index; slots are renumbered.
    fn compact(&mut self) {
        let old = std::mem::take(&mut self.held);
        let mut map = vec![u32::MAX; old.len()];
        for (i, h) in old.into_iter().enumerate() {
            if let Some(h) = h {
                map[i] = self.held.len() as u32;
                self.held.push(Some(h));
            }
        }
        self.postings.retain(|_, list| {
            list.retain_mut(|slot| {
                *slot = map[*slot as usize];
                *slot != u32::MAX
            });
            !list.is_empty()
        });
        self.queue =
            self.queue.iter().map(|&s| map[s as usize]).filter(|&s| s != u32::MAX).collect();
        self.dropped = 0;
    }

    /// The number of stories opened so far.
    pub fn stories(&self) -> u32 {
        self.sizes.len() as u32
    }

    /// The number of articles held in the window.
    pub fn held(&self) -> usize {
        self.held.len() - self.dropped
    }
}

/// The heaviest `k` terms of both spaces, heaviest first (ties by term).
fn probe(v: &Vectors, k: usize) -> Vec<u64> {
    let mut p: Vec<(u64, f32)> = v.words.iter().chain(&v.names).copied().collect();
    p.sort_unstable_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    p.into_iter().take(k).map(|x| x.0).collect()
}
