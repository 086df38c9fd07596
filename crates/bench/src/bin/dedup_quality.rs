//! Near-duplicate quality on a labelled set built at run time from the ECB+ articles.
//!
//! ```text
//! dedup_quality            # reads ../shared/data/ecbplus (or $ECBPLUS_DIR)
//! ```
//!
//! Every article gets one copy with light edits, drawn from a fixed seed:
//! page chrome added (a navigation line on top, a share line and a related-links line at the
//! end), punctuation and case changed (commas dropped, one sentence in capitals, quotes
//! straightened), a few words replaced (one per 100 words, at least one) and, when the article
//! has two paragraphs or more, two paragraphs swapped. Positive pairs: an article and its copy.
//! Hard negatives: every pair of different articles of the same ECB+ story (originals and
//! copies alike), which share the event and much of its vocabulary. Originals that are
//! themselves near-copies of an earlier original of their story (exact word 5-gram Jaccard
//! ≥ 0.5; wire copies exist in ECB+) are left out, since their label would be ambiguous.
//! All documents go through `Deduper::dedup` in a shuffled order; a pair is predicted positive
//! when both land in one group. Prints pairwise precision and recall over the labelled pairs,
//! twice: on the texts as crosscheck sees them (after extraction, which removes page chrome;
//! `extracted`) and on the raw texts (`raw`, the harder case of a dedup tool run on scraped text
//! without extraction), each with exact and signature verification.

#![expect(clippy::print_stdout, reason = "a harness prints its results")]

#[path = "dedup_common/mod.rs"]
mod common;

use std::collections::HashMap;

use common::Rng;
use crosscheck::core::{Format, RawDoc};
use crosscheck::extract::{ArticleExtractor, Extractor};
use crosscheck_dedup::{DedupBuilder, Verify, jaccard_sorted};

const CHROME_TOP: &str = "Home | World | Politics | Business | Tech | Sport | Opinion";
const CHROME_END: &str = "Share this article: Facebook Twitter Email";
const RELATED: &str = "Related: More stories from our newsroom";

fn edit(text: &str, rng: &mut Rng) -> String {
    let mut paras: Vec<String> = text.split("\n\n").map(str::to_string).collect();
    if paras.len() >= 2 {
        let a = rng.below(paras.len());
        let b = (a + 1 + rng.below(paras.len() - 1)) % paras.len();
        paras.swap(a, b);
    }
    let mut body = paras.join("\n\n");
    body = body.replace(',', "").replace(['“', '”'], "\"");
    // One sentence in capitals.
    let sentences: Vec<&str> = body.split_inclusive(". ").collect();
    let pick = rng.below(sentences.len());
    body = sentences
        .iter()
        .enumerate()
        .map(|(i, s)| if i == pick { s.to_uppercase() } else { (*s).to_string() })
        .collect();
    // Replace one word in a hundred.
    let mut words: Vec<String> = body.split(' ').map(str::to_string).collect();
    let n = (words.len() / 100).max(1);
    for _ in 0..n {
        let at = rng.below(words.len());
        words[at] =
            ["however", "reportedly", "meanwhile", "officials", "local"][rng.below(5)].to_string();
    }
    format!("{CHROME_TOP}\n\n{}\n\n{CHROME_END}\n{RELATED}", words.join(" "))
}

fn main() -> anyhow::Result<()> {
    let docs = common::load_ecb()?;
    let dedup = DedupBuilder::new().build()?;
    let m = dedup.hasher();
    let set = |t: &str| {
        let mut v = Vec::new();
        m.shingle_hashes(t, &mut v);
        v.sort_unstable();
        v.dedup();
        v
    };
    // Leave out originals that near-copy an earlier original of their story.
    let sets: Vec<Vec<u32>> = docs.iter().map(|d| set(&d.text)).collect();
    let mut keep: Vec<usize> = Vec::new();
    let mut dropped = 0;
    for i in 0..docs.len() {
        let dup = keep
            .iter()
            .any(|&j| docs[j].story == docs[i].story && jaccard_sorted(&sets[i], &sets[j]) >= 0.5);
        if dup {
            dropped += 1;
        } else {
            keep.push(i);
        }
    }
    // Originals and copies: item k = (original index, is copy).
    let mut rng = Rng(2024);
    let mut items: Vec<(usize, bool, String)> = Vec::new();
    for &i in &keep {
        items.push((i, false, docs[i].text.clone()));
        items.push((i, true, edit(&docs[i].text, &mut rng)));
    }
    // Shuffle so that copies do not always follow their original.
    for k in (1..items.len()).rev() {
        let j = rng.below(k + 1);
        items.swap(k, j);
    }
    let mut copy_j = Vec::new();
    for it in &items {
        if it.1 {
            copy_j.push(jaccard_sorted(&set(&it.2), &sets[it.0]));
        }
    }
    copy_j.sort_by(f64::total_cmp);
    let extractor = ArticleExtractor::default();
    let extracted: Vec<String> = items
        .iter()
        .enumerate()
        .map(|(k, it)| {
            let raw = RawDoc::new(format!("d{k}"), "bench", Format::Text, it.2.as_str());
            extractor.extract(&raw).map_or_else(|_| it.2.clone(), |a| a.text)
        })
        .collect();
    let mut report = serde_json::Map::new();
    let views: [(&str, Vec<&str>); 2] = [
        ("extracted", extracted.iter().map(String::as_str).collect()),
        ("raw", items.iter().map(|x| x.2.as_str()).collect()),
    ];
    let runs = [
        ("exact", Verify::Exact, None),
        ("signature", Verify::Signature, None),
        ("exact_t0.5", Verify::Exact, Some(0.5)),
        ("exact_t0.6", Verify::Exact, Some(0.6)),
        ("exact_t0.8", Verify::Exact, Some(0.8)),
    ];
    for (view, texts) in &views {
        for (name, verify, threshold) in runs {
            let mut b = DedupBuilder::new();
            b.verify(verify);
            if let Some(t) = threshold {
                b.threshold(t);
            }
            let d = b.build()?;
            let groups = d.dedup(texts);
            assert_eq!(groups.len(), texts.len(), "one membership per document");
            // Labelled pairs: positives (original, copy); negatives: different originals, one story.
            let mut by_story: HashMap<&str, Vec<usize>> = HashMap::new();
            for (k, it) in items.iter().enumerate() {
                by_story.entry(docs[it.0].story.as_str()).or_default().push(k);
            }
            let (mut tp, mut fp, mut fneg, mut pos, mut neg) = (0u64, 0u64, 0u64, 0u64, 0u64);
            for ks in by_story.values() {
                for (x, &a) in ks.iter().enumerate() {
                    for &b in &ks[x + 1..] {
                        let same = items[a].0 == items[b].0;
                        let pred = groups[a].group == groups[b].group;
                        match (same, pred) {
                            (true, true) => tp += 1,
                            (false, true) => fp += 1,
                            (true, false) => fneg += 1,
                            _ => {}
                        }
                        if same { pos += 1 } else { neg += 1 }
                    }
                }
            }
            report.insert(
                format!("{view}_{name}"),
                serde_json::json!({
                    "precision": tp as f64 / (tp + fp).max(1) as f64,
                    "recall": tp as f64 / (tp + fneg).max(1) as f64,
                    "false_positives": fp,
                    "false_negatives": fneg,
                }),
            );
            if name == "exact" {
                report.insert("positive_pairs".into(), pos.into());
                report.insert("hard_negative_pairs".into(), neg.into());
            }
        }
    }
    report.insert("articles".into(), keep.len().into());
    report.insert("left_out_as_source_near_copies".into(), dropped.into());
    report.insert("threshold".into(), dedup.threshold().into());
    report.insert(
        "copy_jaccard_min_p05_median".into(),
        serde_json::json!([copy_j[0], copy_j[copy_j.len() / 20], copy_j[copy_j.len() / 2]]),
    );
    println!("{}", serde_json::Value::Object(report));
    Ok(())
}
