//! Fusion at scale: one story of N articles, fused once, timed, with the process's peak RSS.
//!
//! ```text
//! fuse_scale synthetic 2000     # 2,000 reproducible rewrites of the demo bridge story
//! fuse_scale copies 2000        # 2,000 copies of one long article
//! fuse_scale nearcopies 2000    # the long article and 1,999 reprints (byline, menu, a paragraph
//!                               # dropped, one in four with a changed word)
//! fuse_scale real 500           # the first 500 real articles of ../shared (realnews, then ECB+)
//! fuse_scale synthetic 500 out.json   # also write the fused story as JSON
//! ```
//!
//! Duplicates are marked by the pipeline's own dedup first, as `crosscheck fuse` does, and the
//! whole set is fused as one story. One JSON line is printed: the kind, the size, the seconds
//! spent in dedup and in fusion, the peak RSS in MiB (`VmHWM`), and counts of the output (so a
//! run that fuses nothing is seen). `crates/bench/scripts/fuse-scale.sh` runs it against the
//! current tree and a base revision.

#![expect(clippy::print_stdout, reason = "a harness prints its results")]

use std::time::Instant;

use anyhow::{Context as _, bail};
use crosscheck::dedup::{DedupBuilder, dedup_articles};
use crosscheck::fuse::{Fuser, FuserBuilder, StoryInput};
use crosscheck_bench::story;

fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// The sentences of the demo bridge story, or an error naming the folder when it gives none
/// (the story is read from the source tree the binary was built from).
fn bridge_pool() -> anyhow::Result<Vec<String>> {
    let pool = story::sentence_pool(&story::demo_bridge_story());
    if pool.is_empty() {
        bail!("no sentences read from the demo story (examples/harbor-bridge of the source tree)");
    }
    Ok(pool)
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let kind = args.next().context("usage: fuse_scale synthetic|copies|nearcopies|real N")?;
    let n: usize = args.next().context("missing the story size")?.parse().context("story size")?;
    let out = args.next();
    let articles = match kind.as_str() {
        "synthetic" => story::synthetic_story(&bridge_pool()?, n, 0x5eed),
        "copies" => story::copies(&story::long_article(&bridge_pool()?), n),
        "nearcopies" => story::near_copies(&story::long_article(&bridge_pool()?), n),
        "real" => story::real_articles(n)?,
        other => bail!("unknown story kind {other}"),
    };
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let t0 = Instant::now();
    let deduper = DedupBuilder::new().build()?;
    let dups = dedup_articles(&deduper, &articles);
    let dedup_s = t0.elapsed().as_secs_f64();
    let mut input = StoryInput::new(&articles);
    for (i, d) in dups.iter().enumerate() {
        if let Some(of) = d.duplicate_of() {
            input.duplicate(&articles[i].id, articles[of as usize].id.clone());
        }
    }
    let fuser = FuserBuilder::new().build()?;
    let t1 = Instant::now();
    let story = fuser.fuse(&input)?;
    let fuse_s = t1.elapsed().as_secs_f64();
    if let Some(path) = out {
        let file = std::fs::File::create(&path).with_context(|| format!("creating {path}"))?;
        serde_json::to_writer(std::io::BufWriter::new(file), &story)
            .with_context(|| format!("writing {path}"))?;
    }
    let renderings: usize = story.claims.iter().map(|c| c.renderings.len()).sum();
    let top_support = story.claims.iter().map(|c| c.support).max().unwrap_or(0);
    println!(
        "{{\"kind\":\"{kind}\",\"articles\":{},\"text_bytes\":{bytes},\"distinct\":{},\"dedup_s\":{dedup_s:.3},\"fuse_s\":{fuse_s:.3},\"peak_rss_mib\":{:.1},\"claims\":{},\"renderings\":{renderings},\"top_support\":{top_support},\"entities\":{},\"quotes\":{},\"conflicts\":{},\"timeline\":{}}}",
        articles.len(),
        story.distinct_articles(),
        peak_rss_mib(),
        story.claims.len(),
        story.entities.len(),
        story.quotes.len(),
        story.conflicts.len(),
        story.timeline.len(),
    );
    Ok(())
}
