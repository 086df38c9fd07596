//! `crosscheck fuse`: one fused report per story, in the chosen format.
//!
//! The JSON format is the `crosscheck.story/1` schema, documented in
//! `crosscheck::report::json` and published as `docs/schema/crosscheck.story-1.json`.
//!
//! Without `--format`, the format comes from the `-o` file's extension (`.json`, `.md`,
//! `.csv`, `.html`, `.txt`), else it is `text` when stdout is a terminal (coloured unless
//! `NO_COLOR` is set) and `json` when stdout is a pipe or a file, so that scripts get the
//! stable schema. Item errors are reported on stderr as `crosscheck: <item>: <reason>` and
//! counted in the exit status.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};

use anyhow::Context;
use crosscheck::fuse::FusedStory;
use crosscheck::report::{Format, ReportError, SinkOptions};

use super::progress::spinner;
use crate::args::HiArgs;
use crate::status::ExitStatus;

pub(crate) fn run(args: &HiArgs) -> anyhow::Result<ExitStatus> {
    let opts = &args.fuse;
    let stdout_tty = std::io::stdout().is_terminal();
    let format = opts.format.unwrap_or(if opts.output.is_none() && stdout_tty {
        Format::Text
    } else {
        Format::Json
    });
    let color = format == Format::Text
        && opts.output.is_none()
        && stdout_tty
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let out: Box<dyn Write> = match &opts.output {
        Some(path) => Box::new(BufWriter::new(
            File::create(path).with_context(|| format!("creating {}", path.display()))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    };
    let options = SinkOptions::new().color(color).table(opts.table);
    let mut sink = crosscheck::report::sink_with(format, out, options);
    let fuser = args.config.fuser().context("configuring fusion")?;
    let pipeline = super::pipeline(args)?;
    let bar = spinner(args.progress, "articles");
    let mut failed_stories = 0usize;
    let mut write_err: Option<ReportError> = None;
    let run = pipeline.fuse(
        &args.paths,
        &fuser,
        |err| bar.suspend(|| eprintln!("crosscheck: {err}")),
        |story: Result<FusedStory, _>| {
            bar.inc(1);
            match story {
                Ok(story) => match sink.story(&story) {
                    Ok(more) => more,
                    Err(e) => {
                        write_err = Some(e);
                        false
                    }
                },
                Err(e) => {
                    failed_stories += 1;
                    bar.suspend(|| eprintln!("crosscheck: {e}"));
                    true
                }
            }
        },
    );
    bar.finish_and_clear();
    if let Some(e) = write_err {
        return Err(e.into());
    }
    sink.finish()?;
    if run.articles == 0 && run.failed == 0 {
        eprintln!("crosscheck: no article found");
        return Ok(ExitStatus::Fatal);
    }
    Ok(ExitStatus::from_counts(run.articles, run.failed + failed_stories))
}
