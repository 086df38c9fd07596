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
    let bar = progress::Progress::new(args.progress, "articles");
    let mut counts = Counts::default();
    let mut stop = None;
    pipeline(args)?.extract(&args.paths, |item| {
        bar.inc();
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
                bar.message(&format!("crosscheck: {err}"));
            }
        }
        true
    });
    bar.finish();
    stop.map_or(Ok(counts), Err)
}

/// `n` and `noun` in the right number: `1 story`, `2 stories`, `0 articles`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        return format!("1 {noun}");
    }
    let plural = match noun.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{stem}ies"),
        _ if noun.ends_with('s') => format!("{noun}es"),
        _ => format!("{noun}s"),
    };
    format!("{n} {plural}")
}

/// Writes `value` as one JSON line.
fn write_json_line(out: &mut impl Write, value: &impl serde::Serialize) -> anyhow::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn counts_agree_in_number() {
        assert_eq!(count(1, "story"), "1 story");
        assert_eq!(count(2, "story"), "2 stories");
        assert_eq!(count(0, "article"), "0 articles");
        assert_eq!(count(1, "error"), "1 error");
        assert_eq!(count(3, "day"), "3 days");
    }
}
