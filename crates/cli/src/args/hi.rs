use std::path::PathBuf;

use anyhow::{Context, bail};

use super::low::{InputArgs, LowArgs, LowCommand, StoryOpts};

/// Validated arguments.
#[derive(Debug)]
pub(crate) struct HiArgs {
    /// What to do.
    pub(crate) command: Command,
    /// Where to read articles from.
    pub(crate) paths: Vec<PathBuf>,
    /// The per-document size limit in bytes.
    pub(crate) max_doc_bytes: usize,
    /// Whether a progress bar may be shown.
    pub(crate) progress: bool,
    /// Options of the story database commands (ingest, stories, show, export, serve).
    pub(crate) store: StoreArgs,
    /// Options of `crosscheck fuse`.
    pub(crate) fuse: FuseOpts,
    /// Options of `crosscheck dedup` and `crosscheck cluster`.
    pub(crate) dedup: DedupOpts,
    /// Every stage's options: `--config FILE`, overridden by the flags (checked).
    pub(crate) config: crosscheck::PipelineConfig,
}

/// Validated options of `crosscheck dedup` and `crosscheck cluster`.
#[derive(Debug, Clone, Default)]
pub(crate) struct DedupOpts {
    /// `dedup --unique`.
    pub(crate) unique: bool,
    /// The configured deduplicator.
    pub(crate) deduper: Option<crosscheck::dedup::Deduper>,
}

/// Validated options of `crosscheck fuse`.
#[derive(Debug, Clone, Default)]
pub(crate) struct FuseOpts {
    /// `--format`, else guessed from `-o`'s extension; `None` picks by terminal.
    pub(crate) format: Option<crosscheck::report::Format>,
    /// `--table`: the CSV table.
    pub(crate) table: crosscheck::report::CsvTable,
    /// `-o FILE`.
    pub(crate) output: Option<PathBuf>,
}

/// Validated options of the story database commands.
#[derive(Debug, Clone, Default)]
pub(crate) struct StoreArgs {
    /// The database file.
    pub(crate) db: PathBuf,
    /// `stories --since`.
    pub(crate) since: Option<crosscheck::core::Date>,
    /// `stories --until`.
    pub(crate) until: Option<crosscheck::core::Date>,
    /// `stories --query`.
    pub(crate) query: Option<String>,
    /// `stories --limit`.
    pub(crate) limit: usize,
    /// `stories --json`.
    pub(crate) json: bool,
    /// `show STORY`.
    pub(crate) story: String,
    /// `show --format`, `export --format`.
    pub(crate) format: String,
    /// `serve --addr`.
    pub(crate) addr: Option<std::net::SocketAddr>,
    /// `serve --api-key`, else `CROSSCHECK_API_KEY`.
    pub(crate) api_key: Option<String>,
    /// `serve --max-body`, in bytes.
    pub(crate) max_body: usize,
    /// `serve --log-format json`.
    pub(crate) log_json: bool,
}

/// The command to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Command {
    /// `crosscheck extract`.
    Extract,
    /// `crosscheck dedup`.
    Dedup,
    /// `crosscheck cluster`.
    Cluster,
    /// `crosscheck fuse`.
    Fuse,
    /// `crosscheck ingest`.
    Ingest,
    /// `crosscheck stories`.
    Stories,
    /// `crosscheck show`.
    Show,
    /// `crosscheck export`.
    Export,
    /// `crosscheck serve`.
    Serve,
}

impl HiArgs {
    /// Validates what clap parsed.
    pub(crate) fn from_low(low: LowArgs) -> anyhow::Result<HiArgs> {
        let mut store = StoreArgs::default();
        let mut fuse = FuseOpts::default();
        let mut dedup = DedupOpts::default();
        let mut stories = StoryOpts::default();
        let (command, input) = match low.command {
            LowCommand::Extract(a) => (Command::Extract, a.input),
            LowCommand::Dedup(a) => {
                dedup.unique = a.unique;
                dedup.deduper = Some(
                    crosscheck::dedup::DedupBuilder::new()
                        .threshold(a.threshold)
                        .ngram(a.ngram)
                        .permutations(a.permutations)
                        .build()
                        .context("invalid dedup options")?,
                );
                (Command::Dedup, a.input)
            }
            LowCommand::Cluster(a) => {
                stories = a.stories;
                (Command::Cluster, a.input)
            }
            LowCommand::Fuse(a) => {
                let from_ext = a
                    .output
                    .as_ref()
                    .and_then(|p| p.extension())
                    .and_then(|e| e.to_str())
                    .and_then(|e| e.parse().ok());
                fuse.format = match a.format {
                    Some(f) => Some(f.parse().context("invalid --format")?),
                    None => from_ext,
                };
                if let Some(t) = a.table {
                    fuse.table = t.parse().context("invalid --table")?;
                }
                fuse.output = a.output;
                stories = a.stories;
                (Command::Fuse, a.input)
            }
            LowCommand::Ingest(a) => {
                store.db = a.db.db;
                stories = a.stories;
                (Command::Ingest, a.input)
            }
            LowCommand::Stories(a) => {
                let date = |flag: &str, d: Option<String>| {
                    d.map(|d| d.parse().with_context(|| format!("invalid --{flag}"))).transpose()
                };
                store.since = date("since", a.since)?;
                store.until = date("until", a.until)?;
                store.query = a.query;
                store.limit = a.limit;
                store.json = a.json;
                store.db = a.db.db;
                (Command::Stories, InputArgs::none())
            }
            LowCommand::Show(a) => {
                store.story = a.story;
                store.format = a.format;
                store.db = a.db.db;
                (Command::Show, InputArgs::none())
            }
            LowCommand::Export(a) => {
                if a.format != "jsonl" {
                    bail!("invalid --format {:?}, expected jsonl", a.format);
                }
                store.format = a.format;
                store.db = a.db.db;
                (Command::Export, InputArgs::none())
            }
            LowCommand::Serve(a) => {
                store.addr =
                    Some(a.addr.parse().with_context(|| format!("invalid --addr {:?}", a.addr))?);
                store.api_key = a
                    .api_key
                    .or_else(|| std::env::var("CROSSCHECK_API_KEY").ok())
                    .filter(|k| !k.is_empty());
                store.max_body = parse_size(&a.max_body)
                    .with_context(|| format!("invalid --max-body {:?}", a.max_body))?;
                store.log_json = match a.log_format.as_str() {
                    "json" => true,
                    "text" => false,
                    other => bail!("invalid --log-format {other:?}, expected text or json"),
                };
                store.db = a.db.db;
                stories = a.stories;
                (Command::Serve, InputArgs::none())
            }
        };
        let InputArgs { paths, max_doc_size, quiet } = input;
        let mut config = pipeline_config(&stories)?;
        if let Some(size) = max_doc_size {
            config.ingest.max_doc_bytes =
                parse_size(&size).with_context(|| format!("invalid --max-doc-size {size:?}"))?;
        }
        config.validate()?;
        let max_doc_bytes = config.ingest.max_doc_bytes;
        Ok(HiArgs { command, paths, max_doc_bytes, progress: !quiet, store, fuse, dedup, config })
    }
}

/// The pipeline configuration: `--config FILE` (or the defaults), then the flags over it.
fn pipeline_config(opts: &StoryOpts) -> anyhow::Result<crosscheck::PipelineConfig> {
    let mut config = match &opts.config {
        Some(path) => crosscheck::PipelineConfig::from_file(path)?,
        None => crosscheck::PipelineConfig::default(),
    };
    if let Some(t) = opts.story_threshold {
        config.cluster.threshold(t);
    }
    if let Some(d) = opts.window_days {
        config.cluster.window_days(d);
    }
    if let Some(d) = opts.horizon_days {
        config.cluster.horizon_days(d);
    }
    Ok(config)
}

impl InputArgs {
    /// The input options of a command that reads no input.
    fn none() -> InputArgs {
        InputArgs { paths: Vec::new(), max_doc_size: None, quiet: true }
    }
}

/// Parses `1048576`, `512K`, `64M`, `1G` (binary multiples).
fn parse_size(s: &str) -> anyhow::Result<usize> {
    let s = s.trim();
    let (digits, mult) = match s.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => {
            let m: usize = match c.to_ascii_uppercase() {
                'K' => 1 << 10,
                'M' => 1 << 20,
                'G' => 1 << 30,
                _ => bail!("unknown size suffix {c:?}, expected K, M or G"),
            };
            (&s[..i], m)
        }
        _ => (s, 1),
    };
    let n: usize = digits.parse().context("expected a number of bytes")?;
    n.checked_mul(mult).filter(|&n| n > 0).context("size must be positive and fit in memory")
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("10").unwrap(), 10);
        assert_eq!(parse_size("2K").unwrap(), 2048);
        assert_eq!(parse_size("64m").unwrap(), 64 << 20);
        assert!(parse_size("0").is_err());
        assert!(parse_size("5X").is_err());
        assert!(parse_size("M").is_err());
    }
}
