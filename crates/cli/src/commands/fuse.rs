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
//!
//! A run that reads no article prints no report at all (not an empty document that would
//! look like a valid result): it says what failed on stderr and exits with status 2. With
//! `-o`, the report is written to a temporary file beside FILE and moved over it only once
//! complete, so a failed run leaves FILE as it was.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use crosscheck::fuse::FusedStory;
use crosscheck::report::{Format, ReportError, ReportSink, SinkOptions};

use super::progress::Progress;
use crate::args::{FuseOpts, HiArgs};
use crate::status::ExitStatus;

/// Where a report goes: stdout, or a temporary file moved over `-o FILE` on [`Output::commit`].
pub(super) struct Output {
    /// The format chosen.
    pub(super) format: Format,
    /// Whether text gets ANSI colours.
    pub(super) color: bool,
    /// The file written to, when `-o` names one.
    file: Option<Target>,
}

/// How `-o PATH` is written.
enum Target {
    /// A new or regular file: written beside it under a temporary name, then renamed over it, so
    /// a failed run never leaves half a report.
    Replace { tmp: PathBuf, path: PathBuf },
    /// A path that exists and is not a plain file (a device such as `/dev/null`, a pipe, a
    /// symbolic link): written in place, never replaced.
    InPlace(PathBuf),
}

impl Target {
    fn new(path: &Path) -> Target {
        match std::fs::symlink_metadata(path) {
            Ok(meta) if !meta.file_type().is_file() && !meta.is_dir() => {
                Target::InPlace(path.to_path_buf())
            }
            _ => Target::Replace { tmp: temporary(path), path: path.to_path_buf() },
        }
    }
}

impl Output {
    /// The output `opts` ask for: `--format`, else `-o`'s extension, else text on a terminal
    /// and JSON otherwise.
    pub(super) fn new(opts: &FuseOpts) -> Output {
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
        let file = opts.output.as_deref().map(Target::new);
        Output { format, color, file }
    }

    /// The writer the report goes to.
    pub(super) fn writer(&self) -> anyhow::Result<Box<dyn Write>> {
        Ok(match &self.file {
            Some(Target::Replace { tmp, path }) => Box::new(BufWriter::new(
                File::create(tmp).with_context(|| format!("creating {}", path.display()))?,
            )),
            Some(Target::InPlace(path)) => Box::new(BufWriter::new(
                File::options()
                    .write(true)
                    .truncate(true)
                    .open(path)
                    .with_context(|| format!("opening {}", path.display()))?,
            )),
            None => Box::new(BufWriter::new(std::io::stdout().lock())),
        })
    }

    /// A sink writing the report.
    pub(super) fn sink(&self, opts: &FuseOpts) -> anyhow::Result<Box<dyn ReportSink>> {
        let out = self.writer()?;
        let options = SinkOptions::new().color(self.color).table(opts.table);
        Ok(crosscheck::report::sink_with(self.format, out, options))
    }

    /// Moves a complete report file into place; call after the sink is finished and dropped.
    pub(super) fn commit(&self) -> anyhow::Result<()> {
        if let Some(Target::Replace { tmp, path }) = &self.file {
            std::fs::rename(tmp, path).with_context(|| format!("writing {}", path.display()))?;
        }
        Ok(())
    }

    /// Removes the temporary file of a failed run, if any.
    pub(super) fn discard(&self) {
        if let Some(Target::Replace { tmp, .. }) = &self.file {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// A temporary name beside `path`, in the same folder so that the final rename is atomic.
fn temporary(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.crosscheck-{}.tmp", std::process::id()))
}

pub(crate) fn run(args: &HiArgs) -> anyhow::Result<ExitStatus> {
    let opts = &args.fuse;
    let output = Output::new(opts);
    let mut sink = output.sink(opts)?;
    let result = fuse_into(args, &mut *sink);
    match result {
        Ok(Some(status)) => {
            drop(sink);
            output.commit()?;
            Ok(status)
        }
        Ok(None) => {
            drop(sink);
            output.discard();
            Ok(ExitStatus::Fatal)
        }
        Err(e) => {
            drop(sink);
            output.discard();
            Err(e)
        }
    }
}

/// Runs the pipeline into `sink`; `None` when no article could be read (nothing written).
fn fuse_into(args: &HiArgs, sink: &mut dyn ReportSink) -> anyhow::Result<Option<ExitStatus>> {
    let fuser = args.config.fuser().context("configuring fusion")?;
    let pipeline = super::pipeline(args)?;
    // Fusion hands over whole stories once every article is read: the spinner counts those.
    let bar = Progress::new(args.progress, "stories");
    let mut failed_stories = 0usize;
    let mut write_err: Option<ReportError> = None;
    let run = pipeline.fuse(
        &args.paths,
        &fuser,
        |err| bar.message(&format!("crosscheck: {err}")),
        |story: Result<FusedStory, _>| {
            bar.inc();
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
                    bar.message(&format!("crosscheck: {e}"));
                    true
                }
            }
        },
    );
    bar.finish();
    if let Some(e) = write_err {
        return Err(e.into());
    }
    if run.articles == 0 {
        // No report: an empty document would pass for a valid, empty result.
        let why = match run.failed {
            0 => "no article found in the input".to_string(),
            1 => "no article could be read: the one input item failed".to_string(),
            n => format!("no article could be read: all {n} input items failed"),
        };
        eprintln!("crosscheck: {why}; no report written");
        return Ok(None);
    }
    sink.finish()?;
    Ok(Some(ExitStatus::from_counts(run.articles, run.failed + failed_stories)))
}
