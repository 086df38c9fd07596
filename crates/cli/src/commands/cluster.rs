//! `crosscheck cluster`: one JSON line per article with its story.
//!
//! # Output
//!
//! Each line is one JSON object, in input order:
//!
//! | field | type | meaning |
//! |---|---|---|
//! | `id` | string | the document id |
//! | `story` | integer | the story, numbered from 0 (the same for any input order) |
//! | `score` | number | how well the article fits its story, 0 to 1 (1 for a story of one) |
//! | `duplicate_of` | string or null | the id of the first article of its duplicate group, as in `crosscheck dedup` |
//!
//! Duplicates are clustered once, through their group's first article, whose story and score
//! they get. A summary goes to stderr:
//! `crosscheck: N articles, D duplicates, S stories (largest L), E errors`.
//! Items that fail are reported on stderr as `crosscheck: <item>: <reason>` and counted in the
//! exit status.

use std::io::Write;

use crosscheck::cluster::cluster_articles;
use serde::Serialize;

use super::write_json_line;
use crate::args::HiArgs;
use crate::status::ExitStatus;

#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    story: u32,
    score: f32,
    duplicate_of: Option<&'a str>,
}

pub(crate) fn run(args: &HiArgs) -> anyhow::Result<ExitStatus> {
    let (Some(deduper), Some(clusterer)) =
        (args.dedup.deduper.as_ref(), args.dedup.clusterer.as_ref())
    else {
        anyhow::bail!("cluster options were not validated");
    };
    let mut articles = Vec::new();
    let counts = super::for_each_article(args, |article| {
        articles.push(article);
        Ok(())
    })?;
    let placed = cluster_articles(deduper, clusterer, &articles);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut sizes: Vec<usize> = Vec::new();
    let mut dups = 0usize;
    for (a, p) in articles.iter().zip(&placed) {
        let first = p.duplicate.duplicate_of().map(|i| articles[i as usize].id.as_str());
        dups += usize::from(first.is_some());
        let s = p.story.story as usize;
        if sizes.len() <= s {
            sizes.resize(s + 1, 0);
        }
        sizes[s] += 1;
        let line = Line {
            id: a.id.as_str(),
            story: p.story.story,
            score: p.story.score,
            duplicate_of: first,
        };
        write_json_line(&mut out, &line)?;
    }
    out.flush()?;
    eprintln!(
        "crosscheck: {}, {}, {} (largest {}), {}",
        super::count(articles.len(), "article"),
        super::count(dups, "duplicate"),
        super::count(sizes.len(), "story"),
        sizes.iter().max().unwrap_or(&0),
        super::count(counts.failed, "error"),
    );
    Ok(counts.status())
}
