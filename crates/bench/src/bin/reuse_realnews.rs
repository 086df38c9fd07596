//! Text reuse on the realnews events: the edges, their direction and the origins, per event.
//!
//! ```text
//! reuse_realnews                 # reads ../shared/data/realnews/<event>/articles.jsonl
//! reuse_realnews --passages      # also prints the start of each shared passage
//! ```
//!
//! Each event's English reports are extracted by the pipeline and taken as one story. The
//! output is a table to be checked by reading the texts; nothing here is scored.

#![expect(clippy::print_stdout, reason = "a harness prints its results")]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crosscheck::PipelineBuilder;
use crosscheck::core::{Article, DocId};
use crosscheck::dedup::ReuseBuilder;

fn shared() -> PathBuf {
    if let Some(dir) = std::env::var_os("CROSSCHECK_SHARED") {
        return PathBuf::from(dir);
    }
    let mut dir = Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf();
    while dir.pop() {
        if dir.join("shared").is_dir() {
            return dir.join("shared");
        }
    }
    PathBuf::from("../shared")
}

fn main() -> anyhow::Result<()> {
    let passages = std::env::args().any(|a| a == "--passages");
    let root = shared().join("data/realnews");
    let detector = ReuseBuilder::new().build()?;
    let mut events: Vec<PathBuf> = std::fs::read_dir(&root)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("articles.jsonl").is_file())
        .collect();
    events.sort();
    println!("| event | articles | edges | direction known | clusters (origin, basis) | credits |");
    println!("|---|---|---|---|---|---|");
    let mut details = String::new();
    for event in &events {
        let mut articles: Vec<Article> = Vec::new();
        PipelineBuilder::new().build().extract(&[event.join("articles.jsonl")], |item| {
            if let Ok(a) = item {
                articles.push(a);
            }
            true
        });
        let refs: Vec<&Article> = articles.iter().collect();
        let t = Instant::now();
        let reuse = detector.detect(&refs);
        let took = t.elapsed();
        let name = event.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let known = reuse.edges.iter().filter(|e| e.source().is_some()).count();
        let clusters: Vec<String> = reuse
            .clusters
            .iter()
            .map(|c| {
                let ids: Vec<&str> = c.articles.iter().map(DocId::as_str).collect();
                let origin = c.origin.as_ref().map_or("?", |d| d.as_str());
                format!("{{{}}} → {origin} ({})", ids.join(", "), c.basis)
            })
            .collect();
        let credits: Vec<String> = reuse
            .credits
            .iter()
            .map(|c| format!("{}: {} ({})", c.article, c.agency, c.field))
            .collect();
        println!(
            "| {name} | {} | {} | {known} | {} | {} |",
            articles.len(),
            reuse.edges.len(),
            clusters.join("; "),
            credits.join("; ")
        );
        for e in &reuse.edges {
            let arrow = match e.source() {
                Some(s) if s == &e.a => "→",
                Some(_) => "←",
                None => "—",
            };
            let _ = writeln!(
                details,
                "{name}: {} {arrow} {}  passages {}  share {:.2}/{:.2}  words {}{}",
                e.a,
                e.b,
                e.passages.len(),
                e.share_a,
                e.share_b,
                e.passages.iter().map(|p| p.words).sum::<u32>(),
                if e.same_outlet { "  same outlet" } else { "" }
            );
            if passages {
                for p in &e.passages {
                    let head: String = p.a.text.chars().take(90).collect();
                    let _ = writeln!(details, "    {head:?}");
                }
            }
        }
        let _ = writeln!(details, "{name}: detection took {took:?}");
    }
    println!("\n{details}");
    Ok(())
}
