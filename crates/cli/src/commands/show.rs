//! `crosscheck show`: prints one story's fused report.
//!
//! `--format json` prints the `crosscheck.story/1` document the store keeps (the same as
//! `GET /api/stories/{id}`); `text`, `md`, `csv` and `html` render it as `crosscheck fuse`
//! does.

use std::io::{IsTerminal, Write};

use anyhow::Context;
use crosscheck::report::{Format, FusedStory};
use crosscheck::store::{Store, StoryId};

use crate::args::HiArgs;
use crate::status::ExitStatus;

pub(crate) fn run(args: &HiArgs) -> anyhow::Result<ExitStatus> {
    let opts = &args.store;
    let store = super::ingest::open_existing(&opts.db)?;
    let mut id = StoryId::from(opts.story.as_str());
    if store.story(&id)?.is_none()
        && let Some(into) = store.resolve(&id)?
    {
        eprintln!("crosscheck: story {id} was merged into story {into}");
        id = into;
    }
    let Some(record) = store.story(&id)? else {
        anyhow::bail!("no story with id {id} in {}", opts.db.display());
    };
    let Some(report) = record.report else {
        anyhow::bail!(
            "story {id} has not been fused yet: run `crosscheck ingest --db {}` to update it",
            opts.db.display()
        );
    };
    let format: Format = opts.format.parse().with_context(|| {
        format!("invalid --format {:?}, expected json, text, md, csv or html", opts.format)
    })?;
    let mut out = std::io::stdout().lock();
    if format == Format::Json {
        // The stored document as it is: the same bytes as `GET /api/stories/{id}`, indented.
        let doc: serde_json::Value = serde_json::from_str(&report)?;
        serde_json::to_writer_pretty(&mut out, &doc)?;
        writeln!(out)?;
    } else {
        let mut stored: serde_json::Value = serde_json::from_str(&report)?;
        let fused: FusedStory = serde_json::from_value(stored["stories"][0].take())
            .with_context(|| format!("reading the stored report of story {id}"))?;
        let color = format == Format::Text && std::io::stdout().is_terminal();
        let mut sink = crosscheck::report::sink(format, &mut out, color);
        sink.story(&fused)?;
        sink.finish()?;
    }
    out.flush()?;
    Ok(ExitStatus::Success)
}
