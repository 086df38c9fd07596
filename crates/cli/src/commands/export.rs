//! `crosscheck export --format jsonl`: every story of a database, one line each.
//!
//! # Output
//!
//! Each line is one `crosscheck.story/1` document holding one story (the same as
//! `GET /api/stories/{id}`), latest activity first. Stories not yet fused are skipped with a
//! note on stderr.

use std::io::Write;

use crosscheck::core::story::StoryDocument;
use crosscheck::store::{Store, StoryQuery};

use crate::args::HiArgs;
use crate::status::ExitStatus;

pub(crate) fn run(args: &HiArgs) -> anyhow::Result<ExitStatus> {
    let store = super::ingest::open_existing(&args.store.db)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut query = StoryQuery { limit: 500, ..StoryQuery::default() };
    let mut skipped = 0usize;
    loop {
        let page = store.stories(&query)?;
        for s in &page.stories {
            match store.report(&s.id)? {
                Some(fused) => {
                    // Compact JSON: one document per line.
                    serde_json::to_writer(&mut out, &StoryDocument::new(vec![fused]))?;
                    out.write_all(b"\n")?;
                }
                None => skipped += 1,
            }
        }
        match page.next {
            Some(c) => query.after = Some(c),
            None => break,
        }
    }
    out.flush()?;
    if skipped > 0 {
        let what = super::count(skipped, "story");
        eprintln!("crosscheck: {what} not fused yet; run `crosscheck ingest` to update them");
        return Ok(ExitStatus::ItemErrors);
    }
    Ok(ExitStatus::Success)
}
