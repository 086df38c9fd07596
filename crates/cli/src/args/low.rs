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
  crosscheck fuse examples/                 each story of the demo corpus, fused, on the terminal
  crosscheck fuse -o report.html feeds/     one self-contained HTML page for every story
  crosscheck extract page.html.gz -         one JSON line per article: a gzipped page, then stdin
  crosscheck dedup --unique crawl.warc.gz   the first copy of every article, duplicates dropped
  crosscheck ingest feeds/ && crosscheck serve
                                            keep a corpus in ./crosscheck.db and browse it at
                                            http://127.0.0.1:8080/

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
    /// that nothing is dropped silently); `published_month` (YYYY-MM) only when the input gives a
    /// month and no day.
    Extract(ExtractArgs),
    /// Find exact and near-duplicate articles; prints one JSON line per article.
    ///
    /// Each line has: id, group (numbered from 0), `duplicate_of` (the id of the group's first
    /// article, null for the first itself) and similarity (word 5-gram Jaccard to the first,
    /// estimated by `MinHash`; 1 for the first). With --unique, prints only the first article of
    /// each group, as `crosscheck extract` would print it, ready for a deduplicated data set.
    Dedup(DedupArgs),
    /// Group articles into stories (articles reporting the same event); prints one JSON line
    /// per article.
    ///
    /// Each line has: id, story (the story id, named after its earliest article, as `crosscheck
    /// fuse` and a story database name it), score (how well the article fits its story, 0 to
    /// 1), `duplicate_of` (as in `crosscheck dedup`). Duplicates are counted once and get the
    /// story of their group's first article. A summary goes to stderr.
    Cluster(ClusterArgs),
    /// Fuse the reports of each story: entities in every spelling, claims with their sources.
    ///
    /// Runs ingest, extract, dedup, clustering and fusion in memory and prints one report per
    /// story. Every claim and mention points at the exact source bytes. The format is --format,
    /// else guessed from the -o file's extension, else text on a terminal and json otherwise
    /// (schema crosscheck.story/1).
    Fuse(FuseArgs),
    /// Add articles to a story database; new articles join existing stories or start new ones.
    ///
    /// Each article is committed before its line (`added ID`, `replaced ID`, `unchanged ID`) is
    /// printed, so everything printed survives a crash; a later run continues. Re-ingesting the
    /// same input changes nothing. The reports of the stories that changed are fused again.
    Ingest(IngestArgs),
    /// List the stories of a database, latest activity first.
    Stories(StoriesArgs),
    /// Print one story's fused report.
    Show(ShowArgs),
    /// Print every story of a database, one crosscheck.story/1 document per line.
    Export(ExportArgs),
    /// Serve the stories over HTTP: a JSON API and a web page, at / on --addr.
    ///
    /// API: GET /api/stories, GET /api/stories/{id}, GET /api/articles/{id}, POST /api/articles
    /// (needs --api-key or `CROSSCHECK_API_KEY`), GET /healthz, GET /api/openapi.json.
    Serve(ServeArgs),
}

/// The story database option of the commands that read one.
#[derive(Debug, Args)]
pub(crate) struct DbArgs {
    /// The story database, one `SQLite` file; it must exist (`crosscheck ingest` creates it).
    #[arg(long, value_name = "PATH", default_value = "crosscheck.db")]
    pub(crate) db: PathBuf,
}

/// The story database option of `crosscheck ingest`.
#[derive(Debug, Args)]
pub(crate) struct IngestDbArgs {
    /// The story database, one `SQLite` file; created when missing.
    #[arg(long, value_name = "PATH", default_value = "crosscheck.db")]
    pub(crate) db: PathBuf,
}

/// `crosscheck ingest`.
#[derive(Debug, Args)]
pub(crate) struct IngestArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    #[command(flatten)]
    pub(crate) db: IngestDbArgs,
    #[command(flatten)]
    pub(crate) stories: StoryOpts,
}

/// The pipeline options of every command that places articles into stories (`fuse`,
/// `cluster`, `ingest`, `serve`): a configuration file, and flags that override it.
#[derive(Debug, Args, Default)]
pub(crate) struct StoryOpts {
    /// Read every stage's options from FILE: TOML when it ends in .toml, JSON otherwise (tables
    /// ingest, dedup, cluster, fuse; see the `crosscheck::config` docs). Flags override the file.
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,

    /// Mean edge weight (0 to 1) at or above which two groups of articles are one story
    /// [default: 0.2].
    #[arg(long, value_name = "S")]
    pub(crate) story_threshold: Option<f64>,

    /// Time scale, in days, of the evidence a date gap gives about two reports being one story:
    /// a similarity s between reports D days apart counts as s^(1 + ln((1 + D/DAYS) / (1 +
    /// 5/DAYS))), so reports within five days count as closer, a strong match weeks later still
    /// joins and a weak one does not. Raise it for archives whose stories run for months
    /// [default: 30].
    #[arg(long, value_name = "DAYS")]
    pub(crate) window_days: Option<u64>,

    /// Dated reports further apart than DAYS are never compared (a bound on cost)
    /// [default: 730].
    #[arg(long, value_name = "DAYS")]
    pub(crate) horizon_days: Option<u64>,
}

/// `crosscheck stories`.
#[derive(Debug, Args)]
pub(crate) struct StoriesArgs {
    #[command(flatten)]
    pub(crate) db: DbArgs,
    /// Only stories with an article published on or after DATE (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub(crate) since: Option<String>,
    /// Only stories with an article published on or before DATE (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub(crate) until: Option<String>,
    /// Only stories with an article holding every word of TEXT.
    #[arg(long, value_name = "TEXT")]
    pub(crate) query: Option<String>,
    /// At most N stories.
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub(crate) limit: usize,
    /// One JSON object per line instead of a table.
    #[arg(long)]
    pub(crate) json: bool,
}

/// `crosscheck show`.
#[derive(Debug, Args)]
pub(crate) struct ShowArgs {
    /// The story id, as `crosscheck stories` lists it.
    #[arg(value_name = "STORY")]
    pub(crate) story: String,
    #[command(flatten)]
    pub(crate) db: DbArgs,
    #[command(flatten)]
    pub(crate) report: ReportArgs,
}

/// `crosscheck export`.
#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    #[command(flatten)]
    pub(crate) db: DbArgs,
    /// Output format; jsonl is the only one.
    #[arg(long, value_name = "FORMAT", default_value = "jsonl")]
    pub(crate) format: String,
}

/// `crosscheck serve`.
#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    #[command(flatten)]
    pub(crate) db: DbArgs,
    /// The address to listen on: IP:PORT or HOST:PORT (`localhost:8099`).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub(crate) addr: String,
    /// Another host name the server answers to (repeatable), as a reverse proxy or the local
    /// network names it; requests for other names are refused (DNS rebinding). IP addresses,
    /// localhost and the host of --addr are always answered.
    #[arg(long, value_name = "NAME")]
    pub(crate) allow_host: Vec<String>,
    /// The key POST /api/articles requires (as `Authorization: Bearer KEY`). Other processes
    /// can read it in the process list: prefer --api-key-file or the `CROSSCHECK_API_KEY`
    /// environment variable. Uploads are refused when no key is given.
    #[arg(long, value_name = "KEY", conflicts_with = "api_key_file")]
    pub(crate) api_key: Option<String>,
    /// Read the API key from FILE (its first line).
    #[arg(long, value_name = "FILE")]
    pub(crate) api_key_file: Option<PathBuf>,
    /// Largest request body accepted, in bytes (suffixes K, M, G).
    #[arg(long, value_name = "SIZE", default_value = "8M")]
    pub(crate) max_body: String,
    /// Log format on stderr: text or json.
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    pub(crate) log_format: String,
    /// Create an empty database when --db does not exist (by default, a missing database is
    /// an error, so that a mistyped path does not serve nothing).
    #[arg(long)]
    pub(crate) create: bool,
    #[command(flatten)]
    pub(crate) stories: StoryOpts,
}

/// Options shared by every command that reads articles.
#[derive(Debug, Args)]
pub(crate) struct InputArgs {
    /// Files or folders to read (folders recursively); - reads stdin.
    #[arg(required = true, value_name = "PATH")]
    pub(crate) paths: Vec<PathBuf>,

    /// Largest document to read, in bytes (suffixes K, M, G); larger ones are reported and
    /// skipped [default: 64M].
    #[arg(long, value_name = "SIZE")]
    pub(crate) max_doc_size: Option<String>,

    /// Never show a progress bar (by default one is shown on a terminal for long runs).
    #[arg(long, short)]
    pub(crate) quiet: bool,
}

/// `crosscheck fuse`.
#[derive(Debug, Args)]
pub(crate) struct FuseArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    #[command(flatten)]
    pub(crate) report: ReportArgs,
    #[command(flatten)]
    pub(crate) stories: StoryOpts,
}

/// The report flags `crosscheck fuse` and `crosscheck show` share.
#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    /// Output format: text, json, md, csv (one table, see --table) or html (one self-contained
    /// page); by default from the -o file's extension, else text on a terminal and json
    /// otherwise.
    #[arg(long, short = 'f', value_name = "FORMAT")]
    pub(crate) format: Option<String>,
    /// The table `--format csv` writes: claims, quotes, conflicts, timeline or reuse (by default,
    /// claims).
    #[arg(long, value_name = "TABLE")]
    pub(crate) table: Option<String>,
    /// Write the report to FILE instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}

/// `crosscheck dedup`.
#[derive(Debug, Args)]
pub(crate) struct DedupArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,

    /// Print only the first article of each duplicate group, as `crosscheck extract` prints it.
    #[arg(long)]
    pub(crate) unique: bool,

    /// Word 5-gram Jaccard similarity at or above which two articles are near-duplicates.
    #[arg(long, value_name = "J", default_value_t = 0.5)]
    pub(crate) threshold: f64,

    /// Shingle size in words.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub(crate) ngram: usize,

    /// Number of `MinHash` permutations.
    #[arg(long, value_name = "K", default_value_t = 128)]
    pub(crate) permutations: usize,
}

/// `crosscheck cluster`.
#[derive(Debug, Args)]
pub(crate) struct ClusterArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    #[command(flatten)]
    pub(crate) stories: StoryOpts,
}

/// `crosscheck extract`.
#[derive(Debug, Args)]
pub(crate) struct ExtractArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
}
