//! `crosscheck cluster`: one JSON line per article with its story.
//!
//! # Output
//!
//! Each line is one JSON object, in input order:
//!
//! | field | type | meaning |
//! |---|---|---|
//! | `id` | string | the document id |
//! | `story` | string | the story id, named after its earliest article (publication date, undated last, then id): the id `crosscheck fuse`, a story database and the API give the same story |
//! | `score` | number | how well the article fits its story, 0 to 1 (1 for a story of one) |
//! | `duplicate_of` | string or null | the id of the first article of its duplicate group, as in `crosscheck dedup` |
//!
//! Duplicates are clustered once, through their group's first article, whose story and score
//! they get. A summary goes to stderr:
//! `crosscheck: N articles, D duplicates, S stories (largest L), E errors`. Placement is the
//! one `crosscheck fuse` and `crosscheck ingest` use ([`crosscheck::place`]). Articles are read a
//! chunk at a time and only their ids, dates, duplicate groups and features are kept
//! ([`crosscheck::place::BatchPlacer`]), so that memory follows the number of articles, not their
//! length.
//! Items that fail are reported on stderr as `crosscheck: <item>: <reason>` and counted in the
//! exit status.

use std::io::Write;

use std::collections::HashMap;

use serde::Serialize;

use super::write_json_line;
use crate::args::HiArgs;
use crate::status::ExitStatus;

#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    story: &'a str,
    score: f32,
    duplicate_of: Option<&'a str>,
}

/// How many articles are read before their duplicates are found and their features
/// extracted, after which their text is dropped.
const CHUNK: usize = 1024;

pub(crate) fn run(args: &HiArgs) -> anyhow::Result<ExitStatus> {
    let placer = crosscheck::place::Placer::new(&args.config)?;
    let mut batch = placer.batch();
    let mut chunk = Vec::with_capacity(CHUNK);
    let mut ids = Vec::new();
    let counts = super::for_each_article(args, |article| {
        ids.push(article.id.clone());
        chunk.push(article);
        if chunk.len() == CHUNK {
            batch.add(&chunk);
            chunk.clear();
        }
        Ok(())
    })?;
    batch.add(&chunk);
    drop(chunk);
    let stories = batch.finish();
    let story_ids = stories.story_ids(&[]);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut sizes: HashMap<&str, usize> = HashMap::new();
    let mut dups = 0usize;
    for ((id, p), story) in ids.iter().zip(&stories.placed).zip(&story_ids) {
        let first = p.duplicate_of.as_ref().map(crosscheck::core::DocId::as_str);
        dups += usize::from(first.is_some());
        *sizes.entry(story.as_str()).or_default() += 1;
        let line = Line { id: id.as_str(), story, score: p.score, duplicate_of: first };
        write_json_line(&mut out, &line)?;
    }
    out.flush()?;
    eprintln!(
        "crosscheck: {}, {}, {} (largest {}), {}",
        super::count(ids.len(), "article"),
        super::count(dups, "duplicate"),
        super::count(sizes.len(), "story"),
        sizes.values().max().unwrap_or(&0),
        super::count(counts.failed, "error"),
    );
    Ok(counts.status())
}
