//! Story clustering: quality on ECB+, throughput, and the seed reports.
//!
//! ```text
//! dedup_stories                  # reads ../shared/data/ecbplus and ../shared/corpus/seeds
//! RAYON_NUM_THREADS=2 dedup_stories
//! dedup_stories --sweep          # F1/ARI per threshold on each split: how the default was chosen
//! ```
//!
//! - Quality: pairwise precision, recall, F1 and ARI against `gold_stories.tsv`, on the
//!   development split (topics 1–22, where the defaults were chosen), the held-out split (topics
//!   23–45) and all topics, with the default settings.
//! - Throughput: the ECB+ articles repeated 21 times (20,622 articles) as 21 days of news, one
//!   day per copy, clustered end to end once extracted (features, IDF, online pass, refinement).
//! - Seeds: the reports in `../shared/corpus/seeds/` (extracted by the pipeline) mixed into the
//!   ECB+ articles: do they land in one story, alone?

#![expect(clippy::print_stdout, reason = "a harness prints its results")]

#[path = "dedup_common/mod.rs"]
mod common;

use std::path::PathBuf;
use std::time::Instant;

use crosscheck::cluster::{ClusterBuilder, ClusterDoc, cluster_articles};
use crosscheck::core::Date;
use crosscheck::dedup::DedupBuilder;

fn main() -> anyhow::Result<()> {
    let docs = common::load_ecb()?;
    let c = ClusterBuilder::new().build()?;
    if std::env::args().any(|a| a == "--sweep") {
        return sweep(&docs);
    }
    let mut report = serde_json::Map::new();
    for (name, lo, hi) in
        [("dev_topics_1_22", 1, 22), ("test_topics_23_45", 23, 45), ("all", 1, 45)]
    {
        let sel: Vec<&common::EcbDoc> =
            docs.iter().filter(|d| (lo..=hi).contains(&d.topic)).collect();
        let cd: Vec<ClusterDoc<'_>> = sel.iter().map(|d| ClusterDoc::new(&d.id, &d.text)).collect();
        let out = c.cluster(&cd);
        assert_eq!(out.len(), sel.len(), "one assignment per article");
        let gold = common::label_ids(sel.iter().map(|d| d.story.as_str()));
        let pred: Vec<u32> = out.iter().map(|a| a.story).collect();
        let (p, r, f, ari) = common::pairwise(&pred, &gold);
        let stories = pred.iter().collect::<std::collections::HashSet<_>>().len();
        let gold_n = gold.iter().collect::<std::collections::HashSet<_>>().len();
        report.insert(
            name.into(),
            serde_json::json!({"articles": sel.len(), "stories": stories, "gold_stories": gold_n,
                "precision": p, "recall": r, "f1": f, "ari": ari}),
        );
    }

    // Throughput: 21 days of ECB+.
    let days = 21;
    let ids: Vec<String> =
        (0..days).flat_map(|d| docs.iter().map(move |x| format!("{}#{d}", x.id))).collect();
    let mut big: Vec<ClusterDoc<'_>> = Vec::with_capacity(ids.len());
    for d in 0..days {
        for (k, x) in docs.iter().enumerate() {
            let mut doc = ClusterDoc::new(&ids[d * docs.len() + k], &x.text);
            doc.date = Date::new(2025, 1, 1 + d as i8);
            big.push(doc);
        }
    }
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let t = Instant::now();
        let out = c.cluster(&big);
        best = best.min(t.elapsed().as_secs_f64());
        assert_eq!(out.len(), big.len(), "one assignment per article");
    }
    report.insert(
        "throughput".into(),
        serde_json::json!({"articles": big.len(), "threads": rayon::current_num_threads(),
            "seconds": best, "articles_per_s": big.len() as f64 / best}),
    );

    // Seeds mixed into ECB+, through the pipeline (ingest, extract, dedup, cluster).
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    if seeds.is_dir() {
        let pipeline = crosscheck::PipelineBuilder::new().build();
        let mut articles = Vec::new();
        let paths = [common::ecb_dir().join("articles.jsonl"), seeds];
        pipeline.extract(&paths, |item| {
            if let Ok(a) = item {
                articles.push(a);
            }
            true
        });
        let seed_ids: Vec<usize> = (0..articles.len())
            .filter(|&i| !articles[i].source.contains("articles.jsonl"))
            .collect();
        let placed = cluster_articles(&DedupBuilder::new().build()?, &c, &articles);
        let seed_stories: std::collections::BTreeSet<u32> =
            seed_ids.iter().map(|&i| placed[i].story.story).collect();
        let others = (0..articles.len())
            .filter(|i| !seed_ids.contains(i) && seed_stories.contains(&placed[*i].story.story))
            .count();
        report.insert(
            "seeds".into(),
            serde_json::json!({"seed_reports": seed_ids.len(), "stories_holding_them": seed_stories.len(),
                "other_articles_in_those_stories": others}),
        );
    }
    println!("{}", serde_json::Value::Object(report));
    Ok(())
}

/// Pairwise F1 and ARI per merge threshold, on the development split (where the default was
/// chosen: the best F1 there), the held-out split and all topics.
fn sweep(docs: &[common::EcbDoc]) -> anyhow::Result<()> {
    for (name, lo, hi) in
        [("dev_topics_1_22", 1, 22), ("test_topics_23_45", 23, 45), ("all", 1, 45)]
    {
        let sel: Vec<&common::EcbDoc> =
            docs.iter().filter(|d| (lo..=hi).contains(&d.topic)).collect();
        let cd: Vec<ClusterDoc<'_>> = sel.iter().map(|d| ClusterDoc::new(&d.id, &d.text)).collect();
        let gold = common::label_ids(sel.iter().map(|d| d.story.as_str()));
        let mut row = serde_json::Map::new();
        for t in [0.1, 0.15, 0.2, 0.25, 0.3, 0.35] {
            let out = ClusterBuilder::new().threshold(t).build()?.cluster(&cd);
            let pred: Vec<u32> = out.iter().map(|a| a.story).collect();
            let (_, _, f, ari) = common::pairwise(&pred, &gold);
            row.insert(format!("{t:.2}"), serde_json::json!({"f1": f, "ari": ari}));
        }
        println!("{}", serde_json::json!({ name: row }));
    }
    Ok(())
}
