//! One module per subcommand.

mod cluster;
mod dedup;
mod export;
mod extract;
mod fuse;
mod ingest;
mod progress;
mod serve;
mod show;
mod stories;

use std::io::Write;

use crosscheck::core::Article;

use crate::args::{Command, HiArgs};
use crate::status::ExitStatus;

/// Runs the command `args` asks for.
pub(crate) fn run(args: &HiArgs) -> anyhow::Result<ExitStatus> {
    match args.command {
        Command::Extract => extract::run(args),
        Command::Dedup => dedup::run(args),
        Command::Cluster => cluster::run(args),
        Command::Fuse => fuse::run(args),
        Command::Ingest => ingest::run(args),
        Command::Stories => stories::run(args),
        Command::Show => show::run(args),
        Command::Export => export::run(args),
        Command::Serve => serve::run(args),
    }
}

/// The pipeline configured from the arguments.
fn pipeline(args: &HiArgs) -> anyhow::Result<crosscheck::Pipeline> {
    Ok(crosscheck::PipelineBuilder::new()
        .config(&args.config)?
        .max_doc_bytes(args.max_doc_bytes)
        // The story database may live in the corpus folder; it is not an article.
        .skip(&args.store.db)
        .build())
}

/// How many articles a command read and how many items failed.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    ok: usize,
    failed: usize,
}

impl Counts {
    fn status(self) -> ExitStatus {
        ExitStatus::from_counts(self.ok, self.failed)
    }
}

/// Reads and extracts every article under the arguments' paths, in input order, with a spinner
/// on a terminal. Item errors are printed to stderr as `crosscheck: <item>: <reason>` and
/// counted; the first error `each` returns stops the run and is returned.
fn for_each_article(
    args: &HiArgs,
    mut each: impl FnMut(Article) -> anyhow::Result<()>,
) -> anyhow::Result<Counts> {
    let bar = progress::spinner(args.progress, "articles");
    let mut counts = Counts::default();
    let mut stop = None;
    pipeline(args)?.extract(&args.paths, |item| {
        bar.inc(1);
        match item {
            Ok(article) => {
                counts.ok += 1;
                if let Err(e) = each(article) {
                    stop = Some(e);
                    return false;
                }
            }
            Err(err) => {
                counts.failed += 1;
                bar.suspend(|| eprintln!("crosscheck: {err}"));
            }
        }
        true
    });
    bar.finish_and_clear();
    stop.map_or(Ok(counts), Err)
}

/// Writes `value` as one JSON line.
fn write_json_line(out: &mut impl Write, value: &impl serde::Serialize) -> anyhow::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")?;
    Ok(())
}
