//! `crosscheck show`: prints one story's fused report.
//!
//! It takes `crosscheck fuse`'s report flags (`--format`, `--table`, `-o`) with the same
//! default: the format of the `-o` file's extension, else text on a terminal and JSON
//! otherwise. `--format json` prints the `crosscheck.story/1` document the store keeps (the
//! same as `GET /api/stories/{id}`, indented).

use std::io::Write;

use anyhow::Context;
use crosscheck::report::{Format, FusedStory};
use crosscheck::store::{Store, StoryId};

use super::fuse::Output;
use crate::args::HiArgs;
use crate::status::ExitStatus;

/// The stored `crosscheck.story/1` document of one story.
#[derive(serde::Deserialize)]
struct Stored {
    stories: Vec<FusedStory>,
}

pub(crate) fn run(args: &HiArgs) -> anyhow::Result<ExitStatus> {
    let opts = &args.store;
    let store = super::ingest::open_existing(&opts.db)?;
    let id = StoryId::from(opts.story.as_str());
    let Some(record) = store.story(&id)? else {
        anyhow::bail!("no story with id {id} in {}", opts.db.display());
    };
    let Some(report) = record.report else {
        anyhow::bail!(
            "story {id} has not been fused yet: run `crosscheck ingest --db {}` to update it",
            opts.db.display()
        );
    };
    let output = Output::new(&args.fuse);
    let result = write(&output, args, &id, &report);
    if result.is_err() {
        output.discard();
        return result.map(|()| ExitStatus::Fatal);
    }
    output.commit()?;
    Ok(ExitStatus::Success)
}

fn write(output: &Output, args: &HiArgs, id: &StoryId, report: &str) -> anyhow::Result<()> {
    if output.format == Format::Json {
        // The stored document as it is, indented.
        let doc: serde_json::Value = serde_json::from_str(report)?;
        let mut out: Box<dyn Write> = output.writer()?;
        serde_json::to_writer_pretty(&mut out, &doc)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(());
    }
    let stored: Stored = serde_json::from_str(report)
        .with_context(|| format!("reading the stored report of story {id}"))?;
    let mut sink = output.sink(&args.fuse)?;
    for story in &stored.stories {
        sink.story(story)?;
    }
    sink.finish()?;
    Ok(())
}
