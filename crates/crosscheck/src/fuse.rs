//! Story fusion over paths: the `crosscheck-fuse` crate, re-exported, plus
//! [`Pipeline::fuse`], which runs ingest → extract → dedup → cluster → fuse in memory.

pub use crosscheck_fuse::*;

use std::collections::HashMap;
use std::path::PathBuf;

use crosscheck_core::{Article, DocId};

use crate::cluster::{ClusterBuilder, cluster_articles};
use crate::dedup::{DedupBuilder, ReuseDetector};
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

/// One story before fusion: indexes into the run's articles.
#[derive(Debug, Clone, Default)]
struct Group {
    members: Vec<usize>,
}

impl Pipeline {
    /// Reads and extracts every document under `paths`, marks near-duplicates, groups the
    /// articles into stories, finds the text reuse within each story and fuses each one with
    /// `fuser`.
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
        let (duplicate_of, groups) = stories(&articles);
        let reuse = ReuseDetector::default();
        for group in groups {
            let members: Vec<&Article> = group.members.iter().map(|&i| &articles[i]).collect();
            let mut input = StoryInput::new(members.iter().copied());
            input.reuse(reuse.detect(&members));
            for &i in &group.members {
                if let Some(of) = &duplicate_of[i] {
                    input.duplicate(&articles[i].id, of.clone());
                }
            }
            run.stories += 1;
            if !sink(fuser.fuse(&input)) {
                break;
            }
        }
        run
    }
}

/// For each article, the id of the earlier article it near-duplicates; and the stories, in
/// order of their first article, each listing its articles in input order.
fn stories(articles: &[Article]) -> (Vec<Option<DocId>>, Vec<Group>) {
    // The default configurations are valid by construction; should one ever fail to build, the
    // run degrades to one story without duplicates rather than failing.
    let (Ok(deduper), Ok(clusterer)) = (DedupBuilder::new().build(), ClusterBuilder::new().build())
    else {
        return (
            vec![None; articles.len()],
            vec![Group { members: (0..articles.len()).collect() }],
        );
    };
    let placements = cluster_articles(&deduper, &clusterer, articles);
    let duplicate_of = placements
        .iter()
        .map(|p| {
            p.duplicate.duplicate_of().and_then(|i| articles.get(i as usize)).map(|a| a.id.clone())
        })
        .collect();
    let mut groups: Vec<Group> = Vec::new();
    let mut index: HashMap<u32, usize> = HashMap::new();
    for (i, p) in placements.iter().enumerate() {
        let g = *index.entry(p.story.story).or_insert_with(|| {
            groups.push(Group::default());
            groups.len() - 1
        });
        groups[g].members.push(i);
    }
    (duplicate_of, groups)
}
