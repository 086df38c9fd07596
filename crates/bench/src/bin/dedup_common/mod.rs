//! Helpers shared by the `dedup_*` harnesses: the ECB+ data, pairwise metrics, a seeded RNG.
//! Included with `#[path]` by each binary; not every binary uses every item.

#![allow(dead_code, reason = "each harness uses a different subset")]

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::Context;

/// `../shared/data/ecbplus`, or `$ECBPLUS_DIR`.
pub(crate) fn ecb_dir() -> PathBuf {
    std::env::var_os("ECBPLUS_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ecbplus"),
        PathBuf::from,
    )
}

/// One ECB+ article with its gold labels.
#[derive(Debug, Clone)]
pub(crate) struct EcbDoc {
    pub(crate) id: String,
    pub(crate) text: String,
    pub(crate) topic: u32,
    pub(crate) story: String,
}

/// Reads `articles.jsonl` and `gold_stories.tsv`.
pub(crate) fn load_ecb() -> anyhow::Result<Vec<EcbDoc>> {
    let dir = ecb_dir();
    let gold_raw = std::fs::read_to_string(dir.join("gold_stories.tsv"))
        .with_context(|| format!("reading {}", dir.join("gold_stories.tsv").display()))?;
    let mut gold: HashMap<String, (u32, String)> = HashMap::new();
    for l in gold_raw.lines().skip(1) {
        let c: Vec<&str> = l.split('\t').collect();
        let (Some(path), Some(topic), Some(story)) = (c.first(), c.get(1), c.get(3)) else {
            continue;
        };
        let id = path.rsplit('/').next().unwrap_or(path).trim_end_matches(".xml").to_string();
        gold.insert(id, (topic.parse().context("topic")?, (*story).to_string()));
    }
    let raw = std::fs::read_to_string(dir.join("articles.jsonl")).context("reading articles")?;
    let mut out = Vec::new();
    for l in raw.lines() {
        let v: serde_json::Value = serde_json::from_str(l)?;
        let id = v["id"].as_str().context("id")?.to_string();
        let text = v["text"].as_str().context("text")?.to_string();
        let (topic, story) = gold.get(&id).cloned().with_context(|| format!("no gold for {id}"))?;
        out.push(EcbDoc { id, text, topic, story });
    }
    Ok(out)
}

/// Pairwise precision, recall, F1 and the adjusted Rand index of a clustering against gold.
pub(crate) fn pairwise(pred: &[u32], gold: &[u32]) -> (f64, f64, f64, f64) {
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
    let p = if pp > 0.0 { tp / pp } else { 1.0 };
    let r = if gp > 0.0 { tp / gp } else { 1.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    let total = c2(n as u64);
    let expected = if total > 0.0 { pp * gp / total } else { 0.0 };
    let denom = 0.5 * (pp + gp) - expected;
    let ari = if denom.abs() > 0.0 { (tp - expected) / denom } else { 1.0 };
    (p, r, f, ari)
}

/// Dense labels for string labels, in order of first appearance.
pub(crate) fn label_ids<'a>(labels: impl IntoIterator<Item = &'a str>) -> Vec<u32> {
    let mut ids: HashMap<&str, u32> = HashMap::new();
    labels
        .into_iter()
        .map(|l| {
            let n = ids.len() as u32;
            *ids.entry(l).or_insert(n)
        })
        .collect()
}

/// `SplitMix64`, a small seeded generator.
#[derive(Debug, Clone)]
pub(crate) struct Rng(pub u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True with probability `p`.
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// Peak resident memory of this process in MiB, from `/proc/self/status` (Linux).
pub(crate) fn peak_rss_mib() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
