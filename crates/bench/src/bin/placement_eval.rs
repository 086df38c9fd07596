//! Story placement on ECB+: batch placement against online placement in a store.
//!
//! ```text
//! placement_eval                   # batches of 100 articles, seeded arrival order
//! placement_eval --batch 250 --seed 3
//! placement_eval single DB FILE...   # in-process time of ingesting each FILE into DB
//! ```
//!
//! `single` times what `crosscheck ingest DB FILE` does once the process is up (store open,
//! extraction, placement, fusion of the touched stories), one file after the other, without
//! process start-up and model loading (the first file is read once before timing, unstored).
//!
//! The ECB+ articles are read and extracted by the pipeline (dates included, as `crosscheck
//! cluster` reads them). *Batch*: [`Placer::place`] on all of them at once, what `crosscheck
//! cluster` and `crosscheck fuse` do. *Online*: the articles arrive in a seeded random order,
//! a batch at a time, into a `SQLite` store, each batch placed against its neighbourhood only
//! ([`place_pending`], what `crosscheck ingest` and uploads do). Prints one JSON object:
//! pairwise precision, recall and F1 of each against the gold stories, and the pairwise F1 of
//! online against batch.

#![expect(clippy::print_stdout, reason = "a harness prints its results")]

#[path = "dedup_common/mod.rs"]
mod common;

use std::collections::HashMap;
use std::time::Instant;

use anyhow::Context;
use crosscheck::PipelineBuilder;
use crosscheck::place::Placer;
use crosscheck::store::{PipelineEngine, SqliteStore, Store, place_pending};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).is_some_and(|a| a == "single") {
        return single(&args[2..]);
    }
    let flag = |name: &str, default: u64| -> anyhow::Result<u64> {
        match args.iter().position(|a| a == name) {
            Some(i) => args.get(i + 1).context("missing value")?.parse().context("bad number"),
            None => Ok(default),
        }
    };
    let batch = usize::try_from(flag("--batch", 100)?)?.max(1);
    let seed = flag("--seed", 7)?;
    let gold_docs = common::load_ecb()?;
    let gold: HashMap<&str, &str> =
        gold_docs.iter().map(|d| (d.id.as_str(), d.story.as_str())).collect();
    let pipeline = PipelineBuilder::new().build();
    let mut articles = Vec::new();
    pipeline.extract(&[common::ecb_dir().join("articles.jsonl")], |item| {
        if let Ok(a) = item {
            articles.push(a);
        }
        true
    });
    anyhow::ensure!(!articles.is_empty(), "no ECB+ articles read");

    let t = Instant::now();
    let placer = Placer::new(pipeline.config())?;
    let batch_ids = placer.place(&[], &articles).story_ids(&[]);
    let batch_seconds = t.elapsed().as_secs_f64();

    let dir = std::env::temp_dir().join(format!("crosscheck-placement-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let db = dir.join("online.db");
    let _ = std::fs::remove_file(&db);
    let store = SqliteStore::open(&db)?;
    let engine = PipelineEngine::new(pipeline.config())?;
    let mut order: Vec<usize> = (0..articles.len()).collect();
    let mut rng = common::Rng(seed);
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let t = Instant::now();
    for chunk in order.chunks(batch) {
        for &i in chunk {
            store.put_sourced(&articles[i], None)?;
        }
        place_pending(&store, &engine)?;
    }
    let online_seconds = t.elapsed().as_secs_f64();
    let online_ids: Vec<String> = articles
        .iter()
        .map(|a| {
            let stored = store.article(a.id.as_str())?.context("article not stored")?;
            stored.story.map(|s| s.to_string()).context("article not placed")
        })
        .collect::<anyhow::Result<_>>()?;
    let stories = store.stats()?.stories;
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);

    let gold_labels =
        common::label_ids(articles.iter().map(|a| gold.get(a.id.as_str()).copied().unwrap_or("?")));
    let batch_labels = common::label_ids(batch_ids.iter().map(String::as_str));
    let online_labels = common::label_ids(online_ids.iter().map(String::as_str));
    let pairwise = |pred: &[u32], against: &[u32]| {
        let (p, r, f, ari) = common::pairwise(pred, against);
        serde_json::json!({"precision": p, "recall": r, "f1": f, "ari": ari})
    };
    let distinct = |v: &[u32]| v.iter().collect::<std::collections::HashSet<_>>().len();
    println!(
        "{}",
        serde_json::json!({
            "articles": articles.len(),
            "batch_size": batch,
            "seed": seed,
            "batch": {"stories": distinct(&batch_labels), "seconds": batch_seconds,
                "vs_gold": pairwise(&batch_labels, &gold_labels)},
            "online": {"stories": stories, "seconds": online_seconds,
                "vs_gold": pairwise(&online_labels, &gold_labels)},
            "online_vs_batch": pairwise(&online_labels, &batch_labels),
        })
    );
    Ok(())
}

/// Ingests each file into the store at `args[0]`, timing each.
fn single(args: &[String]) -> anyhow::Result<()> {
    let (db, files) = args.split_first().context("usage: placement_eval single DB FILE...")?;
    let pipeline = PipelineBuilder::new().build();
    // Warm up extraction (language models, tables) outside the timings.
    if let Some(first) = files.first() {
        pipeline.extract(&[first.into()], |_| true);
    }
    let store = std::sync::Arc::new(SqliteStore::open(db)?);
    let corpus = crosscheck::store::Corpus::new(pipeline, store);
    for f in files {
        let t = Instant::now();
        let counts = corpus.ingest(&[f.into()], |_| true)?;
        let report = corpus.update()?;
        println!(
            "{}",
            serde_json::json!({"file": f, "seconds": t.elapsed().as_secs_f64(),
                "added": counts.added, "placed": report.placed, "fused": report.fused.len()})
        );
    }
    Ok(())
}
