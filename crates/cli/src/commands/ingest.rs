//! `crosscheck ingest`: adds articles to a story database and refreshes the stories they touch.
//!
//! # Output
//!
//! One line per article on stdout, printed only once the article is committed: `added ID`,
//! `replaced ID` (same id, new content) or `unchanged ID`. Then one line per story whose report
//! was fused again: `story ID ARTICLES`. Item errors go to stderr as `crosscheck: <item>:
//! <reason>`; a summary line ends the run on stderr.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use crosscheck::store::{Corpus, IngestEvent, PutOutcome, SqliteStore};

use super::progress::Progress;
use crate::args::HiArgs;
use crate::status::ExitStatus;

/// Opens (creating and migrating when needed) the story database.
pub(super) fn open_store(db: &Path) -> anyhow::Result<SqliteStore> {
    SqliteStore::open(db).with_context(|| format!("opening story database {}", db.display()))
}

/// Opens an existing story database: reading commands never create one.
pub(super) fn open_existing(db: &Path) -> anyhow::Result<SqliteStore> {
    if !db.exists() {
        anyhow::bail!(
            "no story database at {}: create one with `crosscheck ingest --db {} PATH...`",
            db.display(),
            db.display()
        );
    }
    open_store(db)
}

pub(crate) fn run(args: &HiArgs) -> anyhow::Result<ExitStatus> {
    let store = open_store(&args.store.db)?;
    let corpus = Corpus::new(super::pipeline(args)?, Arc::new(store));
    let mut out = std::io::stdout().lock();
    let bar = Progress::new(args.progress, "articles");
    let mut write_err = None;
    let counts = corpus
        .ingest(&args.paths, |event| {
            bar.inc();
            match event {
                IngestEvent::Stored { id, outcome } => {
                    let word = match outcome {
                        PutOutcome::Added => "added",
                        PutOutcome::Replaced => "replaced",
                        _ => "unchanged",
                    };
                    // Stdout is line-buffered: the line is out as soon as the commit is.
                    let id = crosscheck::report::terminal_safe(id.as_str());
                    if let Err(e) = writeln!(out, "{word} {id}") {
                        write_err = Some(e);
                        return false;
                    }
                }
                IngestEvent::Failed(err) => bar.message(&format!("crosscheck: {err}")),
            }
            true
        })
        .context("storing articles")?;
    bar.finish();
    if let Some(e) = write_err {
        return Err(e.into());
    }
    let report = corpus.update().context("updating stories")?;
    for (story, n) in &report.fused {
        writeln!(out, "story {story} {n}")?;
    }
    for (story, err) in &report.failed {
        let line = format!("crosscheck: story {story}: {err:#}");
        eprintln!("{}", crosscheck::report::terminal_safe(&line));
    }
    out.flush()?;
    let ok = counts.added + counts.replaced + counts.unchanged;
    eprintln!(
        "crosscheck: {} added, {} replaced, {} unchanged, {} failed; {} placed, {} fused",
        counts.added,
        counts.replaced,
        counts.unchanged,
        counts.failed,
        report.placed,
        super::count(report.fused.len(), "story")
    );
    Ok(ExitStatus::from_counts(ok, counts.failed + report.failed.len()))
}
