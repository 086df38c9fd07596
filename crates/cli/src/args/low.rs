use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

const ABOUT: &str = "\
crosscheck reads many news reports of the same events and gives each story back once, with every
fact tied to the sources that carry it.

Give it files or folders of articles: plain text (.txt, .md), HTML (.html, .htm), JSON Lines or
JSON arrays (.jsonl, .ndjson, .json; news-please and trafilatura field names), WARC (.warc,
.warc.gz). Any of them may be gzipped (.gz). Use - to read from stdin.";

const AFTER: &str = "\
Examples:
  crosscheck extract examples/            one JSON line per article found under examples/
  crosscheck extract page.html.gz -       a gzipped page, then whatever arrives on stdin

Exit status: 0 when every item was read, 1 when some items failed (each is reported on stderr),
2 when nothing could be read.";

/// The arguments as given.
#[derive(Debug, Parser)]
#[command(name = "crosscheck", version, about = ABOUT, after_help = AFTER, max_term_width = 100)]
pub(crate) struct LowArgs {
    #[command(subcommand)]
    pub(crate) command: LowCommand,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum LowCommand {
    /// Extract each article's main text and metadata; prints one JSON line per article.
    ///
    /// Each line has: id, source (the path it came from), url, outlet, title, published
    /// (YYYY-MM-DD or null), language, text, and removed (the lines dropped as page chrome, so
    /// that nothing is dropped silently).
    Extract(ExtractArgs),
}

/// Options shared by every command that reads articles.
#[derive(Debug, Args)]
pub(crate) struct InputArgs {
    /// Files or folders to read (folders recursively); - reads stdin.
    #[arg(required = true, value_name = "PATH")]
    pub(crate) paths: Vec<PathBuf>,

    /// Largest document to read, in bytes (suffixes K, M, G); larger ones are reported and skipped.
    #[arg(long, value_name = "SIZE", default_value = "64M")]
    pub(crate) max_doc_size: String,

    /// Never show a progress bar (by default one is shown on a terminal for long runs).
    #[arg(long, short)]
    pub(crate) quiet: bool,
}

/// `crosscheck extract`.
#[derive(Debug, Args)]
pub(crate) struct ExtractArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
}
