//! Temporary: clustering throughput on ECB+ x 21 days, for profiling.
#![allow(clippy::all, clippy::pedantic, missing_docs, clippy::print_stdout)]
use crosscheck_cluster::{ClusterBuilder, ClusterDoc};
use crosscheck_core::Date;
fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ecbplus");
    let raw = std::fs::read_to_string(dir.join("articles.jsonl")).unwrap();
    let docs: Vec<(String, String)> = raw.lines().map(|l| { let v: serde_json::Value = serde_json::from_str(l).unwrap(); (v["id"].as_str().unwrap().to_string(), v["text"].as_str().unwrap().to_string()) }).collect();
    let days = 21;
    let ids: Vec<String> = (0..days).flat_map(|d| docs.iter().map(move |x| format!("{}#{d}", x.0))).collect();
    let mut big = Vec::new();
    for d in 0..days { for (k, x) in docs.iter().enumerate() { let mut doc = ClusterDoc::new(&ids[d * docs.len() + k], &x.1); doc.date = Date::new(2025, 1, 1 + d as i8); big.push(doc); } }
    let envf = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<f64>().ok());
    let mut b = ClusterBuilder::new();
    if let Some(x) = envf("T") { b.threshold(x); }
    if let Some(x) = envf("MAXC") { b.max_candidates(x as usize); }
    if let Some(x) = envf("PROBE") { b.probe_terms(x as usize); }
    if let Some(x) = envf("POST") { b.max_postings(x as usize); }
    if let Some(x) = envf("KNN") { b.neighbours(x as usize); }
    if let Some(x) = envf("MIX") { b.neighbour_weight(x); }
    if let Some(x) = envf("W") { b.entity_weight(x); }
    let c = b.build().unwrap();
    // Quality
    let gold_raw = std::fs::read_to_string(dir.join("gold_stories.tsv")).unwrap();
    let mut gold: std::collections::HashMap<String, (u32, String)> = Default::default();
    for l in gold_raw.lines().skip(1) {
        let c: Vec<&str> = l.split('\t').collect();
        gold.insert(c[0].rsplit('/').next().unwrap().trim_end_matches(".xml").to_string(), (c[1].parse().unwrap(), c[3].to_string()));
    }
    let ts: Vec<f64> = std::env::var("TS").map(|v| v.split(' ').map(|x| x.parse().unwrap()).collect()).unwrap_or_default();
    let mut line = String::new();
    for (name, lo, hi) in [("dev", 1, 22), ("test", 23, 45), ("all", 1, 45)] {
        let sel: Vec<&(String, String)> = docs.iter().filter(|d| (lo..=hi).contains(&gold[&d.0].0)).collect();
        let cd: Vec<ClusterDoc<'_>> = sel.iter().map(|d| ClusterDoc::new(&d.0, &d.1)).collect();
        let mut ids: std::collections::HashMap<&str, u32> = Default::default();
        let g: Vec<u32> = sel.iter().map(|d| { let k = ids.len() as u32; *ids.entry(gold[&d.0].1.as_str()).or_insert(k) }).collect();
        let runs: Vec<(f64, crosscheck_cluster::Clusterer)> = if ts.is_empty() { vec![(0.0, c.clone())] } else { ts.iter().map(|&t| { let mut b2 = b.clone(); b2.threshold(t); (t, b2.build().unwrap()) }).collect() };
        line += &format!("{name}:");
        for (t, cl) in runs {
            let p: Vec<u32> = cl.cluster(&cd).iter().map(|a| a.story).collect();
            let (_, _, f, ari) = pairwise(&p, &g);
            line += &format!(" {t:.2}:{f:.3}/{ari:.3}");
        }
        line += " | ";
    }
    println!("{line}");
    if std::env::var_os("NOTP").is_some() { return; }
    for _ in 0..std::env::var("RUNS").ok().and_then(|x| x.parse().ok()).unwrap_or(3) {
        let t = std::time::Instant::now();
        let out = c.cluster(&big);
        let s = t.elapsed().as_secs_f64();
        let n = out.iter().map(|a| a.story).max().unwrap() + 1;
        println!("{} docs in {s:.3}s = {:.0}/s, {n} stories", big.len(), big.len() as f64 / s);
    }
}

fn pairwise(pred: &[u32], gold: &[u32]) -> (f64, f64, f64, f64) {
    use std::collections::HashMap;
    let n = pred.len();
    let mut cont: HashMap<(u32, u32), u64> = HashMap::new();
    let mut a: HashMap<u32, u64> = HashMap::new();
    let mut b: HashMap<u32, u64> = HashMap::new();
    for i in 0..n {
        *cont.entry((pred[i], gold[i])).or_default() += 1;
        *a.entry(pred[i]).or_default() += 1;
        *b.entry(gold[i]).or_default() += 1;
    }
    let c2 = |x: u64| (x * x.saturating_sub(1) / 2) as f64;
    let tp: f64 = cont.values().map(|&x| c2(x)).sum();
    let pp: f64 = a.values().map(|&x| c2(x)).sum();
    let gp: f64 = b.values().map(|&x| c2(x)).sum();
    let p = tp / pp;
    let r = tp / gp;
    let f = 2.0 * p * r / (p + r);
    let total = c2(n as u64);
    let expected = pp * gp / total;
    let ari = (tp - expected) / (0.5 * (pp + gp) - expected);
    (p, r, f, ari)
}
