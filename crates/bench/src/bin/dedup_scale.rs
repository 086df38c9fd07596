//! Dedup at scale: synthetic news-length documents with planted near-copies, generated in
//! memory chunk by chunk, fingerprinted on all cores and grouped, end to end.
//!
//! ```text
//! RAYON_NUM_THREADS=2 /usr/bin/time -v dedup_scale [DOCS]      # default 1,000,000
//! ```
//!
//! A fifth of the documents are copies of an earlier document (a random one of the last
//! 200,000), lightly edited: 0 to 3 words replaced, and half of them get a line of page chrome.
//! Prints wall time per phase, peak memory, and pairwise precision and recall of the groups
//! against the planted copies.

#![expect(clippy::print_stdout, reason = "a harness prints its results")]

#[path = "dedup_common/mod.rs"]
mod common;

use std::collections::HashMap;
use std::time::Instant;

use anyhow::Context;
use common::Rng;
use crosscheck_dedup::{DedupBuilder, Membership, Verify};
use rayon::prelude::*;

const VOCAB: usize = 60_000;
const CHUNK: usize = 16_384;
const COPY_RATE: f64 = 0.2;
const LOOKBACK: usize = 200_000;

/// A vocabulary of made-up words, and a Zipf-like sampler over it.
struct Words {
    words: Vec<String>,
}

impl Words {
    fn new() -> Words {
        let syll = ["ka", "lo", "ri", "sen", "tu", "mar", "vel", "do", "pra", "ni", "os", "te"];
        let words = (0..VOCAB)
            .map(|i| {
                let mut w = String::new();
                let mut x = i + 1;
                while x > 0 {
                    w.push_str(syll[x % syll.len()]);
                    x /= syll.len();
                }
                w
            })
            .collect();
        Words { words }
    }

    /// A word index with a roughly Zipfian distribution (rank ~ 1/u²).
    fn pick(rng: &mut Rng) -> usize {
        let u = (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u * u) * VOCAB as f64) as usize % VOCAB
    }
}

/// What document `i` is: its own seed, or a copy of an earlier document with edits.
fn plan(i: usize) -> (u64, Option<usize>) {
    let mut rng = Rng(0xD0C5_0000 ^ (i as u64).wrapping_mul(0x9E37_79B9));
    let seed = rng.next();
    if i > 0 && rng.chance(COPY_RATE) {
        let back = 1 + rng.below(i.min(LOOKBACK));
        (seed, Some(i - back))
    } else {
        (seed, None)
    }
}

/// The original text of document `i` (before any copy edits), 250 to 650 words in
/// paragraphs of about 60.
fn original(i: usize) -> Vec<usize> {
    let mut rng = Rng(0xA11C_E000 ^ (i as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F));
    let n = 250 + rng.below(400);
    (0..n).map(|_| Words::pick(&mut rng)).collect()
}

/// The root of document `i`: the original it was (transitively) copied from.
fn root(i: usize) -> usize {
    let mut at = i;
    while let (_, Some(src)) = plan(at) {
        at = src;
    }
    at
}

fn text(words: &Words, i: usize) -> String {
    let (seed, _) = plan(i);
    let r = root(i);
    let mut toks = original(r);
    let mut rng = Rng(seed);
    let mut chrome = false;
    if r != i {
        for _ in 0..rng.below(4) {
            let at = rng.below(toks.len());
            toks[at] = Words::pick(&mut rng);
        }
        chrome = rng.chance(0.5);
    }
    let mut s = String::with_capacity(toks.len() * 7);
    if chrome {
        s.push_str("Home | World | Business | Sport | Share this article\n\n");
    }
    for (k, &t) in toks.iter().enumerate() {
        if k > 0 {
            s.push_str(if k % 60 == 0 { ".\n\n" } else { " " });
        }
        s.push_str(&words.words[t]);
    }
    s.push('.');
    s
}

fn main() -> anyhow::Result<()> {
    let n: usize = match std::env::args().nth(1) {
        Some(a) => a.parse().context("DOCS must be a number")?,
        None => 1_000_000,
    };
    let words = Words::new();
    let dedup = DedupBuilder::new().verify(Verify::Signature).build()?;
    let mut index = dedup.index();
    let mut groups: Vec<Membership> = Vec::with_capacity(n);
    let (mut gen_s, mut sign_s, mut grouping_s) = (0.0, 0.0, 0.0);
    let mut bytes = 0usize;
    let start = Instant::now();
    let mut at = 0;
    while at < n {
        let end = (at + CHUNK).min(n);
        let t = Instant::now();
        let texts: Vec<String> = (at..end).into_par_iter().map(|i| text(&words, i)).collect();
        gen_s += t.elapsed().as_secs_f64();
        bytes += texts.iter().map(String::len).sum::<usize>();
        let t = Instant::now();
        let fps = dedup.fingerprints(&texts);
        drop(texts);
        sign_s += t.elapsed().as_secs_f64();
        let t = Instant::now();
        groups.extend(fps.into_iter().map(|fp| index.insert(fp)));
        grouping_s += t.elapsed().as_secs_f64();
        at = end;
    }
    let wall = start.elapsed().as_secs_f64();
    assert_eq!(groups.len(), n, "one membership per document");

    // Pairwise precision and recall of predicted groups against planted roots.
    let roots: Vec<usize> = (0..n).into_par_iter().map(root).collect();
    let c2 = |x: u64| x * x.saturating_sub(1) / 2;
    let mut both: HashMap<(u32, usize), u64> = HashMap::new();
    let mut pred: HashMap<u32, u64> = HashMap::new();
    let mut gold: HashMap<usize, u64> = HashMap::new();
    for (m, &r) in groups.iter().zip(&roots) {
        *both.entry((m.group, r)).or_default() += 1;
        *pred.entry(m.group).or_default() += 1;
        *gold.entry(r).or_default() += 1;
    }
    let tp: u64 = both.values().map(|&x| c2(x)).sum();
    let pp: u64 = pred.values().map(|&x| c2(x)).sum();
    let gp: u64 = gold.values().map(|&x| c2(x)).sum();
    let out = serde_json::json!({
        "docs": n,
        "mean_bytes": bytes / n,
        "threads": rayon::current_num_threads(),
        "bands_rows": dedup.bands(),
        "planted_pairs": gp,
        "groups": index.groups(),
        "wall_s": wall,
        "generate_s": gen_s,
        "fingerprint_s": sign_s,
        "group_s": grouping_s,
        "dedup_docs_per_s": n as f64 / (sign_s + grouping_s),
        "precision": tp as f64 / pp.max(1) as f64,
        "recall": tp as f64 / gp.max(1) as f64,
        "index_mib": index.heap_bytes() as f64 / f64::from(1 << 20),
        "peak_rss_mib": common::peak_rss_mib(),
    });
    println!("{out}");
    Ok(())
}
