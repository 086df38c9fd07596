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

use crosscheck::core::{Article, DocId};
use crosscheck::dedup::{DedupIndex, Deduper};
use serde::Serialize;

use super::write_json_line;
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

struct Grouper<'d, W> {
    deduper: &'d Deduper,
    index: DedupIndex<'d>,
    /// The id of each group's first article.
    firsts: Vec<DocId>,
    unique: bool,
    out: W,
}

impl<W: Write> Grouper<'_, W> {
    fn flush(&mut self, batch: &mut Vec<Article>) -> anyhow::Result<()> {
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
                    write_json_line(&mut self.out, &crosscheck::core::ArticleRecord::from(a))?;
                }
            } else {
                let line = GroupLine {
                    id: a.id.as_str(),
                    group: m.group,
                    duplicate_of: first,
                    similarity: m.similarity,
                };
                write_json_line(&mut self.out, &line)?;
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
    let stdout = std::io::stdout();
    let mut g = Grouper {
        deduper,
        index: deduper.index(),
        firsts: Vec::new(),
        unique: args.dedup.unique,
        out: std::io::BufWriter::new(stdout.lock()),
    };
    let mut batch = Vec::with_capacity(CHUNK);
    let counts = super::for_each_article(args, |article| {
        batch.push(article);
        if batch.len() == CHUNK { g.flush(&mut batch) } else { Ok(()) }
    })?;
    g.flush(&mut batch)?;
    g.out.flush()?;
    Ok(counts.status())
}
