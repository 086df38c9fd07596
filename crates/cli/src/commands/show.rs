//! `crosscheck show`: prints one story's fused report.
//!
//! It takes `crosscheck fuse`'s report flags (`--format`, `--table`, `-o`) with the same
//! default: the format of the `-o` file's extension, else text on a terminal and JSON
//! otherwise. `--format json` prints the `crosscheck.story/1` document the store keeps (the
//! same as `GET /api/stories/{id}`, indented).

use std::io::Write;

use crosscheck::report::{Format, FusedStory, StoryDocument};
use crosscheck::store::{Store, StoryId};

use super::fuse::Output;
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
    let output = Output::new(&args.fuse);
    let result = write(&output, args, &report);
    if result.is_err() {
        output.discard();
        return result.map(|()| ExitStatus::Fatal);
    }
    output.commit()?;
    Ok(ExitStatus::Success)
}

fn write(output: &Output, args: &HiArgs, report: &FusedStory) -> anyhow::Result<()> {
    if output.format == Format::Json {
        // The document `GET /api/stories/{id}` serves, indented.
        let mut out: Box<dyn Write> = output.writer()?;
        serde_json::to_writer_pretty(&mut out, &StoryDocument::new(vec![report.clone()]))?;
        writeln!(out)?;
        out.flush()?;
        return Ok(());
    }
    let mut sink = output.sink(&args.fuse)?;
    sink.story(report)?;
    sink.finish()?;
    Ok(())
}
