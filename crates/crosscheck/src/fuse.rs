//! Story fusion over paths: the `crosscheck-fuse` crate, re-exported, plus
//! [`Pipeline::fuse`], which runs ingest → extract → dedup → cluster → fuse in memory.

pub use crosscheck_fuse::*;

use std::collections::HashMap;
use std::path::PathBuf;

use crosscheck_core::{Article, DocId};

use crate::dedup::ReuseDetector;
use crate::place::Placer;
use crate::{Error, Pipeline};

/// What a [`Pipeline::fuse`] run read and wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FuseRun {
    /// Articles extracted.
    pub articles: usize,
    /// Items that failed to read or extract (each was passed to the error callback).
    pub failed: usize,
    /// Stories passed to the sink.
    pub stories: usize,
}

/// One story before fusion: its id and indexes into a batch's articles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoryGroup {
    /// The story id ([`story_id`](crate::place::story_id) of its earliest article).
    pub id: String,
    /// Its articles, as indexes into the batch, in input order.
    pub members: Vec<usize>,
}

impl Pipeline {
    /// Reads and extracts every document under `paths`, marks near-duplicates, groups the
    /// articles into stories (through [`Placer`], with the pipeline's configuration), finds the
    /// text reuse within each story and fuses each one with `fuser`. Each story is named by
    /// [`story_id`](crate::place::story_id) of its earliest article, as a store names it.
    ///
    /// Item errors go to `on_error` and do not stop the run. `sink` receives one fused story at
    /// a time, in order of each story's first article; it returns `false` to stop. Stories are
    /// fused on the calling thread.
    pub fn fuse(
        &self,
        paths: &[PathBuf],
        fuser: &dyn Fuser,
        mut on_error: impl FnMut(Error),
        mut sink: impl FnMut(Result<FusedStory, FuseError>) -> bool,
    ) -> FuseRun {
        let mut run = FuseRun::default();
        let mut articles: Vec<Article> = Vec::new();
        self.extract(paths, |item| {
            match item {
                Ok(a) => articles.push(a),
                Err(e) => {
                    run.failed += 1;
                    on_error(e);
                }
            }
            true
        });
        run.articles = articles.len();
        if articles.is_empty() {
            return run;
        }
        let (duplicate_of, groups) = group_stories(self.placer(), &articles);
        for group in groups {
            run.stories += 1;
            if !sink(fuse_group(fuser, &articles, &group, &duplicate_of)) {
                break;
            }
        }
        run
    }
}

/// Places a batch of articles into new stories as `crosscheck fuse` does: for each article,
/// the id of the article it near-duplicates; and the stories, in order of their first
/// article, each with its id and its articles in input order.
pub fn group_stories(
    placer: &Placer,
    articles: &[Article],
) -> (Vec<Option<DocId>>, Vec<StoryGroup>) {
    let out = placer.place(&[], articles);
    let ids = out.story_ids(&[]);
    let groups = groups_of(ids.iter().map(String::as_str));
    (out.placed.into_iter().map(|p| p.duplicate_of).collect(), groups)
}

/// The stories of a batch from each article's story id: in order of their first article, each
/// with its articles in input order.
pub fn groups_of<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<StoryGroup> {
    let mut groups: Vec<StoryGroup> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, id) in ids.into_iter().enumerate() {
        let g = *index.entry(id).or_insert_with(|| {
            groups.push(StoryGroup { id: id.to_owned(), members: Vec::new() });
            groups.len() - 1
        });
        groups[g].members.push(i);
    }
    groups
}

/// Fuses one story of [`group_stories`]: its articles in input order, named by the group's
/// id, each near-copy marked with the article it copies, with the text reuse among them
/// (dedup's [`ReuseDetector`]) so that claims count independent origins.
pub fn fuse_group(
    fuser: &dyn Fuser,
    articles: &[Article],
    group: &StoryGroup,
    duplicate_of: &[Option<DocId>],
) -> Result<FusedStory, FuseError> {
    let members: Vec<&Article> = group.members.iter().map(|&i| &articles[i]).collect();
    let mut input = StoryInput::new(members.iter().copied());
    input.id(group.id.as_str()).reuse(ReuseDetector::default().detect(&members));
    for &i in &group.members {
        if let Some(of) = &duplicate_of[i] {
            input.duplicate(&articles[i].id, of.clone());
        }
    }
    fuser.fuse(&input)
}
