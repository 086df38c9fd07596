//! `crosscheck dedup`: one JSON line per article with its duplicate group.
//!
//! # Output
//!
//! Each line is one JSON object:
//!
//! | field | type | meaning |
//! |---|---|---|
//! | `id` | string | the document id |
//! | `group` | integer | the duplicate group, numbered from 0 in input order |
//! | `duplicate_of` | string or null | the id of the group's first article; null for the first itself |
//! | `similarity` | number | word 5-gram Jaccard similarity to the first article (`MinHash` estimate; 1 for exact copies and for the first itself) |
//!
//! With `--unique`, only the first article of each group is printed, in the schema of
//! `crosscheck extract` (`id`, `source`, `url`, `outlet`, `title`, `published`, `language`,
//! `text`, `removed`): the extracted article rather than the raw input, because that is what a
//! data set is built from, and it is the same for every input format.
//!
//! Articles are grouped in input order as they arrive, so output starts before the input ends
//! and memory grows with the number of groups, not articles. Items that fail are reported on
//! stderr as `crosscheck: <item>: <reason>` and counted in the exit status.

use std::io::Write;

use crosscheck::core::{Article, Date, DocId, Lang};
use crosscheck::dedup::{DedupIndex, Deduper};
use serde::Serialize;

use super::progress::spinner;
use crate::args::HiArgs;
use crate::status::ExitStatus;

/// How many articles are fingerprinted together, on all cores.
const CHUNK: usize = 2048;

#[derive(Serialize)]
struct GroupLine<'a> {
    id: &'a str,
    group: u32,
    duplicate_of: Option<&'a str>,
    similarity: f32,
}

/// An article in `crosscheck extract`'s schema.
#[derive(Serialize)]
struct ArticleLine<'a> {
    id: &'a str,
    source: &'a str,
    url: Option<&'a str>,
    outlet: Option<&'a str>,
    title: Option<&'a str>,
    published: Option<Date>,
    language: Lang,
    text: &'a str,
    removed: &'a [String],
}

struct Grouper<'d, W> {
    deduper: &'d Deduper,
    index: DedupIndex<'d>,
    /// The id of each group's first article.
    firsts: Vec<DocId>,
    unique: bool,
    out: W,
}

impl<W: Write> Grouper<'_, W> {
    fn flush(&mut self, batch: &mut Vec<Article>) -> std::io::Result<()> {
        let texts: Vec<&str> = batch.iter().map(|a| a.text.as_str()).collect();
        let fps = self.deduper.fingerprints(&texts);
        for (a, fp) in batch.iter().zip(fps) {
            let m = self.index.insert(fp);
            if m.group as usize == self.firsts.len() {
                self.firsts.push(a.id.clone());
            }
            let first = m.duplicate_of().map(|_| self.firsts[m.group as usize].as_str());
            if self.unique {
                if first.is_none() {
                    serde_json::to_writer(
                        &mut self.out,
                        &ArticleLine {
                            id: a.id.as_str(),
                            source: &a.source,
                            url: a.url.as_deref(),
                            outlet: a.outlet.as_deref(),
                            title: a.title.as_deref(),
                            published: a.published,
                            language: a.language,
                            text: &a.text,
                            removed: &a.removed,
                        },
                    )?;
                    self.out.write_all(b"\n")?;
                }
            } else {
                serde_json::to_writer(
                    &mut self.out,
                    &GroupLine {
                        id: a.id.as_str(),
                        group: m.group,
                        duplicate_of: first,
                        similarity: m.similarity,
                    },
                )?;
                self.out.write_all(b"\n")?;
            }
        }
        batch.clear();
        Ok(())
    }
}

pub(crate) fn run(args: &HiArgs) -> anyhow::Result<ExitStatus> {
    let Some(deduper) = args.dedup.deduper.as_ref() else {
        anyhow::bail!("dedup options were not validated");
    };
    let pipeline = super::pipeline(args);
    let stdout = std::io::stdout();
    let mut g = Grouper {
        deduper,
        index: deduper.index(),
        firsts: Vec::new(),
        unique: args.dedup.unique,
        out: std::io::BufWriter::new(stdout.lock()),
    };
    let bar = spinner(args.progress, "articles");
    let (mut ok, mut failed) = (0usize, 0usize);
    let mut batch = Vec::with_capacity(CHUNK);
    let mut write_err = None;
    pipeline.extract(&args.paths, |item| {
        bar.inc(1);
        match item {
            Ok(article) => {
                ok += 1;
                batch.push(article);
                if batch.len() == CHUNK
                    && let Err(e) = g.flush(&mut batch)
                {
                    write_err = Some(e);
                    return false;
                }
            }
            Err(err) => {
                failed += 1;
                bar.suspend(|| eprintln!("crosscheck: {err}"));
            }
        }
        true
    });
    bar.finish_and_clear();
    if let Some(e) = write_err {
        return Err(e.into());
    }
    g.flush(&mut batch)?;
    g.out.flush()?;
    Ok(ExitStatus::from_counts(ok, failed))
}
