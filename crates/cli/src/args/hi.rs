use std::path::PathBuf;

use anyhow::{Context, bail};

use super::low::{InputArgs, LowArgs, LowCommand, ReportArgs, StoryOpts};

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

/// Validated report options of `crosscheck fuse` and `crosscheck show`.
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
    /// `export --format`.
    pub(crate) format: String,
    /// `serve --addr`, checked to resolve.
    pub(crate) addr: String,
    /// `serve --allow-host`, and the host name of `--addr` when it is a name.
    pub(crate) allow_hosts: Vec<String>,
    /// `serve --api-key`, else `--api-key-file`, else `CROSSCHECK_API_KEY`.
    pub(crate) api_key: Option<String>,
    /// `serve --max-body`, in bytes.
    pub(crate) max_body: usize,
    /// `serve --log-format json`.
    pub(crate) log_json: bool,
    /// `serve --create`.
    pub(crate) create: bool,
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
                fuse = report_opts(a.report)?;
                check_output(fuse.output.as_deref(), &a.input.paths)?;
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
                fuse = report_opts(a.report)?;
                check_output(fuse.output.as_deref(), std::slice::from_ref(&a.db.db))?;
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
                store.allow_hosts = a.allow_host;
                if let Some(host) = addr_host(&a.addr)? {
                    store.allow_hosts.push(host);
                }
                store.addr = a.addr;
                let from_file = match &a.api_key_file {
                    Some(path) => Some(read_key(path)?),
                    None => None,
                };
                store.api_key = a
                    .api_key
                    .or(from_file)
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
                store.create = a.create;
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

/// Validates the report options `fuse` and `show` share.
fn report_opts(args: ReportArgs) -> anyhow::Result<FuseOpts> {
    let ReportArgs { format, table, output } = args;
    let from_ext = output
        .as_ref()
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .and_then(|e| e.parse().ok());
    let format: Option<crosscheck::report::Format> = match format {
        Some(f) => Some(f.parse().context("invalid --format")?),
        None => from_ext,
    };
    let mut opts = FuseOpts { format, output, ..FuseOpts::default() };
    if let Some(t) = table {
        if format != Some(crosscheck::report::Format::Csv) {
            bail!("--table {t} needs --format csv (or an -o file ending in .csv)");
        }
        opts.table = t.parse().context("invalid --table")?;
    }
    Ok(opts)
}

/// Refuses an `-o` file that is one of the inputs or inside an input folder, before anything
/// is opened for writing: the input would be truncated, or the report read back as an article
/// on the next run.
fn check_output(output: Option<&std::path::Path>, inputs: &[PathBuf]) -> anyhow::Result<()> {
    let Some(output) = output else { return Ok(()) };
    let out = absolute(output);
    for input in inputs.iter().filter(|p| p.as_os_str() != "-") {
        let input_abs = absolute(input);
        if out == input_abs {
            bail!("-o {} is an input: refusing to overwrite it", output.display());
        }
        if input_abs.is_dir() && out.starts_with(&input_abs) {
            bail!(
                "-o {} is inside the input folder {}: the report would be read as an article \
                 next time; write it elsewhere",
                output.display(),
                input.display()
            );
        }
    }
    Ok(())
}

/// `path` made absolute with its folder's links resolved, whether or not the file exists.
fn absolute(path: &std::path::Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(".".as_ref());
    match (parent.canonicalize(), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => std::env::current_dir().map_or_else(|_| path.to_path_buf(), |d| d.join(path)),
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

/// Checks that `--addr` is `IP:PORT` or `HOST:PORT` and resolves; returns the host when it is a
/// name, which the server must then answer to.
fn addr_host(addr: &str) -> anyhow::Result<Option<String>> {
    use std::net::ToSocketAddrs;
    if addr.parse::<std::net::SocketAddr>().is_ok() {
        return Ok(None);
    }
    let resolved = addr
        .to_socket_addrs()
        .with_context(|| format!("invalid --addr {addr:?}, expected IP:PORT or HOST:PORT"))?;
    if resolved.len() == 0 {
        bail!("invalid --addr {addr:?}: the host name resolves to no address");
    }
    Ok(addr.rsplit_once(':').map(|(host, _)| host.to_string()))
}

/// The API key in `path`: its first line, without surrounding white space.
fn read_key(path: &std::path::Path) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading the API key file {}", path.display()))?;
    let key = text.lines().next().unwrap_or_default().trim();
    if key.is_empty() {
        bail!("the API key file {} is empty", path.display());
    }
    Ok(key.to_string())
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
