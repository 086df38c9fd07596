//! `MinHash` signature throughput, and the Jaccard estimates used to check agreement with
//! datasketch. Driven by `scripts/minhash_compare.py`; see the README section "Dedup and
//! clustering benchmarks".
//!
//! ```text
//! dedup_minhash speed DOCS.jsonl [MIN_DOCS]   # {"single": docs/s, "all": docs/s, ...}
//! dedup_minhash pairs PAIRS.jsonl             # one {"estimate","exact"} line per {"a","b"} pair
//! ```

#![expect(clippy::print_stdout, reason = "a harness prints its results")]

use std::io::{BufRead, Write};
use std::time::Instant;

use anyhow::{Context, bail};
use crosscheck::text::{for_each_shingle, for_each_token_hash};
use crosscheck_dedup::{MinHasher, jaccard_sorted};
use rayon::prelude::*;

/// The parameters of the comparison: 128 permutations, word 5-grams.
const PERMUTATIONS: usize = 128;
const NGRAM: usize = 5;
/// Each throughput is the best of this many runs (the machine is shared).
const RUNS: usize = 5;

fn read_lines(path: &str) -> anyhow::Result<Vec<serde_json::Value>> {
    let f = std::fs::File::open(path).with_context(|| format!("opening {path}"))?;
    std::io::BufReader::new(f)
        .lines()
        .map(|l| serde_json::from_str(&l.context("reading")?).context("parsing JSON"))
        .collect()
}

fn speed(path: &str, min_docs: usize) -> anyhow::Result<()> {
    let texts: Vec<String> = read_lines(path)?
        .into_iter()
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_owned))
        .collect();
    if texts.is_empty() {
        bail!("no texts in {path}");
    }
    let docs: Vec<&str> =
        texts.iter().map(String::as_str).cycle().take(min_docs.max(texts.len())).collect();
    let m = MinHasher::new(PERMUTATIONS, NGRAM, 42);
    let bytes: usize = docs.iter().map(|d| d.len()).sum();

    // One thread: one scratch buffer and one signature reused for every document.
    let mut best_single = f64::INFINITY;
    let mut check = 0u64;
    for _ in 0..RUNS {
        let (mut scratch, mut sig) = (Vec::new(), vec![0u32; PERMUTATIONS]);
        let t = Instant::now();
        for d in &docs {
            m.signature_into(d, &mut scratch, &mut sig);
            check = check.wrapping_add(u64::from(sig[0]));
        }
        best_single = best_single.min(t.elapsed().as_secs_f64());
    }
    // The permutation kernel alone, on shingle hashes computed beforehand (what rensa's
    // `update` does with shingles built in Python, less hashing the shingle strings).
    let hashed: Vec<Vec<u32>> = docs
        .iter()
        .map(|d| {
            let mut v = Vec::new();
            m.shingle_hashes(d, &mut v);
            v
        })
        .collect();
    let mut best_kernel = f64::INFINITY;
    let mut sig = vec![0u32; PERMUTATIONS];
    for _ in 0..RUNS {
        let t = Instant::now();
        for h in &hashed {
            m.signature_of(h, &mut sig);
            check = check.wrapping_add(u64::from(sig[1]));
        }
        best_kernel = best_kernel.min(t.elapsed().as_secs_f64());
    }
    // The front end alone, stage by stage: token hashes, then shingle hashes.
    let best_of = |f: &mut dyn FnMut() -> u64| {
        let mut best = f64::INFINITY;
        let mut sum = 0u64;
        for _ in 0..RUNS {
            let t = Instant::now();
            sum = sum.wrapping_add(f());
            best = best.min(t.elapsed().as_secs_f64());
        }
        (best, sum)
    };
    let (best_tokens, s) = best_of(&mut || {
        let mut sum = 0u64;
        for d in &docs {
            for_each_token_hash(d, |h| sum = sum.wrapping_add(h));
        }
        sum
    });
    check = check.wrapping_add(s);
    let (best_shingles, s) = best_of(&mut || {
        let mut sum = 0u64;
        for d in &docs {
            for_each_shingle(d, NGRAM, |h| sum = sum.wrapping_add(h));
        }
        sum
    });
    check = check.wrapping_add(s);
    let t = Instant::now();
    let sigs: Vec<Vec<u32>> = docs
        .par_iter()
        .map_init(Vec::new, |s, d| {
            let mut sig = vec![0u32; PERMUTATIONS];
            m.signature_into(d, s, &mut sig);
            sig
        })
        .collect();
    let all = t.elapsed().as_secs_f64();
    assert_eq!(sigs.len(), docs.len(), "one signature per document");
    let out = serde_json::json!({
        "docs": docs.len(),
        "mean_bytes": bytes / docs.len(),
        "single_docs_per_s": docs.len() as f64 / best_single,
        "all_cores_docs_per_s": docs.len() as f64 / all,
        "single_from_shingle_hashes_docs_per_s": docs.len() as f64 / best_kernel,
        "single_token_hashes_docs_per_s": docs.len() as f64 / best_tokens,
        "single_shingle_hashes_docs_per_s": docs.len() as f64 / best_shingles,
        "threads": rayon::current_num_threads(),
        "checksum": check,
    });
    println!("{out}");
    Ok(())
}

fn pairs(path: &str) -> anyhow::Result<()> {
    let m = MinHasher::new(PERMUTATIONS, NGRAM, 42);
    let set = |t: &str| {
        let mut v = Vec::new();
        m.shingle_hashes(t, &mut v);
        v.sort_unstable();
        v.dedup();
        v
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for v in read_lines(path)? {
        let a = v.get("a").and_then(|t| t.as_str()).context("pair without \"a\"")?;
        let b = v.get("b").and_then(|t| t.as_str()).context("pair without \"b\"")?;
        let est = MinHasher::estimate(&m.signature(a), &m.signature(b));
        let exact = jaccard_sorted(&set(a), &set(b));
        writeln!(out, "{}", serde_json::json!({"estimate": est, "exact": exact}))?;
    }
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["speed", path] => speed(path, 20_000),
        ["speed", path, n] => speed(path, n.parse().context("MIN_DOCS must be a number")?),
        ["pairs", path] => pairs(path),
        _ => bail!("usage: dedup_minhash speed DOCS.jsonl [MIN_DOCS] | pairs PAIRS.jsonl"),
    }
}
