//! Scores crosscheck's article extractor on public main-text benchmarks: precision, recall, F1
//! and time per page (one thread), optionally next to a peer system's predictions.
//!
//! ```text
//! extract_eval [--data DIR] [--sets aeb,wcxb-dev,wcxb-test,trafilatura]
//!              [--engine fast|combined|readability|trafilatura|trafilatura-fallback|blocks]
//!              [--no-trim] [--no-lang] [--peer PEER.json] [--reference NAME] [--limit N] [--worst N] [--dump DIR]
//! ```
//!
//! `--peer` reads `{"<set>": {"<page id>": {"text": "...", "ms": 1.5}}}` (written by
//! `scripts/extract_peer.py`) and scores it with the same metric code. `--reference NAME`
//! scores AEB's published `reference-outputs/NAME.json`, to check the metric port.

#[path = "extract_eval/data.rs"]
mod data;
#[path = "extract_eval/metrics.rs"]
mod metrics;

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use crosscheck_core::{Format, RawDoc};
use crosscheck_extract::{ArticleExtractorBuilder, Engine, Extractor};
use data::{Page, Truth};
use metrics::Score;

struct Args {
    data: PathBuf,
    sets: Vec<String>,
    engine: Engine,
    trim: bool,
    lang: bool,
    peer: Option<PathBuf>,
    reference: Option<String>,
    limit: usize,
    worst: usize,
    dump: Option<PathBuf>,
}

fn parse_args() -> Result<Args> {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut a = Args {
        data: repo.join("../shared/data/extraction"),
        sets: ["aeb", "wcxb-dev", "wcxb-test", "trafilatura"].map(String::from).to_vec(),
        engine: Engine::Fast,
        trim: true,
        lang: true,
        peer: None,
        reference: None,
        limit: usize::MAX,
        worst: 0,
        dump: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut val = || it.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--data" => a.data = val()?.into(),
            "--sets" => a.sets = val()?.split(',').map(String::from).collect(),
            "--engine" => {
                a.engine = match val()?.as_str() {
                    "fast" => Engine::Fast,
                    "combined" => Engine::Combined,
                    "readability" => Engine::Readability,
                    "trafilatura" => Engine::Trafilatura,
                    "trafilatura-fallback" => Engine::TrafilaturaWithFallback,
                    "blocks" => Engine::Blocks,
                    other => bail!("unknown engine {other}"),
                }
            }
            "--no-trim" => a.trim = false,
            "--no-lang" => a.lang = false,
            "--peer" => a.peer = Some(val()?.into()),
            "--reference" => a.reference = Some(val()?),
            "--limit" => a.limit = val()?.parse().context("--limit")?,
            "--dump" => a.dump = Some(val()?.into()),
            "--worst" => a.worst = val()?.parse().context("--worst")?,
            other => bail!("unknown argument {other}"),
        }
    }
    Ok(a)
}

/// One system's run on one set: predicted text and milliseconds per page id.
type Run = HashMap<String, (String, f64)>;

fn score(set: &str, pages: &[Page], run: &Run) -> Score {
    let pred = |p: &Page| run.get(&p.id).map_or("", |(t, _)| t.as_str());
    if set == "trafilatura" {
        let items: Vec<(&str, &[String], &[String])> = pages
            .iter()
            .filter_map(|p| match &p.truth {
                Truth::Snippets { with, without } => {
                    Some((pred(p), with.as_slice(), without.as_slice()))
                }
                Truth::Body(_) => None,
            })
            .collect();
        return metrics::snippets(&items);
    }
    let pairs: Vec<(&str, &str)> = pages
        .iter()
        .filter_map(|p| match &p.truth {
            Truth::Body(b) => Some((pred(p), b.as_str())),
            Truth::Snippets { .. } => None,
        })
        .collect();
    if set == "aeb" { metrics::aeb(&pairs) } else { metrics::wcxb(&pairs) }
}

fn timing(run: &Run) -> (f64, f64) {
    let mut ms: Vec<f64> = run.values().map(|(_, t)| *t).collect();
    if ms.is_empty() {
        return (0.0, 0.0);
    }
    ms.sort_by(f64::total_cmp);
    let median = ms[ms.len() / 2];
    (median, ms.iter().sum::<f64>() / ms.len() as f64)
}

fn run_ours(pages: &[Page], ex: &dyn Extractor) -> Run {
    let doc = |p: &Page| {
        let mut d = RawDoc::new(p.id.as_str(), p.id.as_str(), Format::Html, p.html.as_str());
        d.meta.url.clone_from(&p.url);
        d
    };
    // Warm up lazily built tables (regexes, language models) outside the timings.
    if let Some(p) = pages.first() {
        let _ = ex.extract(&doc(p));
    }
    pages
        .iter()
        .map(|p| {
            let d = doc(p);
            let t = Instant::now();
            let text = ex.extract(&d).map(|a| a.text).unwrap_or_default();
            (p.id.clone(), (text, t.elapsed().as_secs_f64() * 1000.0))
        })
        .collect()
}

fn load(set: &str, root: &std::path::Path) -> Result<Vec<Page>> {
    match set {
        "aeb" => data::aeb(root),
        "wcxb-dev" => data::wcxb(root, "dev"),
        "wcxb-test" => data::wcxb(root, "test"),
        "trafilatura" => data::trafilatura(root),
        other => bail!("unknown set {other}"),
    }
}

fn main() -> Result<()> {
    let args = parse_args()?;
    let ex = ArticleExtractorBuilder::new()
        .engine(args.engine)
        .trim_edges(args.trim)
        .detect_language(args.lang)
        .build();
    let peer: HashMap<String, Run> = match &args.peer {
        Some(path) => {
            let s = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            let v: HashMap<String, HashMap<String, serde_json::Value>> =
                serde_json::from_str(&s).with_context(|| format!("parsing {}", path.display()))?;
            v.into_iter()
                .map(|(set, pages)| {
                    let run = pages
                        .into_iter()
                        .map(|(id, p)| {
                            let text = p["text"].as_str().unwrap_or("").to_string();
                            (id, (text, p["ms"].as_f64().unwrap_or(0.0)))
                        })
                        .collect();
                    (set, run)
                })
                .collect()
        }
        None => HashMap::new(),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    writeln!(
        out,
        "| set | pages | system | precision | recall | F1 | median ms | mean ms | pages/s |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|---|---|---|")?;
    let mut worst_lines = Vec::new();
    for set in &args.sets {
        let mut pages = load(set, &args.data)?;
        pages.truncate(args.limit);
        let ours = run_ours(&pages, &ex);
        if let Some(dir) = &args.dump {
            let v: HashMap<&String, serde_json::Value> = ours
                .iter()
                .map(|(id, (t, ms))| (id, serde_json::json!({"text": t, "ms": ms})))
                .collect();
            std::fs::create_dir_all(dir)?;
            std::fs::write(dir.join(format!("{set}.json")), serde_json::to_string(&v)?)?;
        }
        let mut rows = vec![("crosscheck", score(set, &pages, &ours), timing(&ours))];
        if let Some(run) = peer.get(set.as_str()) {
            rows.push(("python trafilatura", score(set, &pages, run), timing(run)));
        }
        if set == "aeb"
            && let Some(name) = &args.reference
        {
            let path =
                args.data.join("scrapinghub-aeb/reference-outputs").join(format!("{name}.json"));
            let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
            let run: Run = pages
                .iter()
                .map(|p| {
                    let t = v["output"][&p.id]["articleBody"].as_str().unwrap_or("").to_string();
                    (p.id.clone(), (t, 0.0))
                })
                .collect();
            rows.push(("reference", score(set, &pages, &run), (0.0, 0.0)));
        }
        for (name, s, (median, mean)) in &rows {
            let pps = if *mean > 0.0 { 1000.0 / mean } else { 0.0 };
            writeln!(
                out,
                "| {set} | {} | {name} | {:.3} | {:.3} | {:.3} | {median:.2} | {mean:.2} | {pps:.0} |",
                pages.len(),
                s.precision,
                s.recall,
                s.f1
            )?;
        }
        if rows.len() > 1 && rows[1].0 == "python trafilatura" {
            let ratio = rows[1].2.1 / rows[0].2.1.max(1e-9);
            writeln!(
                out,
                "| {set} | | speed ratio (ours / python, pages/s) | | | | | | {ratio:.1}× |"
            )?;
        }
        if args.worst > 0 {
            let mut by_page: Vec<(f64, &str)> = pages
                .iter()
                .map(|p| {
                    let s = score(set, std::slice::from_ref(p), &ours);
                    (s.f1, p.id.as_str())
                })
                .collect();
            by_page.sort_by(|a, b| a.0.total_cmp(&b.0));
            for (f, id) in by_page.into_iter().take(args.worst) {
                worst_lines.push(format!("{set} {id} F1 {f:.3}"));
            }
        }
    }
    for l in worst_lines {
        writeln!(out, "{l}")?;
    }
    Ok(())
}
