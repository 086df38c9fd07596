//! Reuse detection cost against fusion, on synthetic stories of growing size.
//!
//! ```text
//! cargo run --release -p crosscheck-bench --bin reuse_scale            # 50, 200, 500 articles
//! cargo run --release -p crosscheck-bench --bin reuse_scale -- 1000    # other sizes
//! ```
//!
//! The stories are built as in the `fuse` bench (24 sentences a report, drawn from the seed
//! story and the demo corpus, so that every report shares verbatim sentences with dozens of
//! others: the worst case for reuse). Each size runs fusion without reuse, detection alone and
//! detection plus fusion with its result, interleaved, five times; the minimum of each is
//! printed, which is robust to other load on a shared machine. Times are the thread's CPU time
//! (`/proc/thread-self/schedstat`: fusion and detection run on the calling thread), so that
//! other processes on a busy machine do not count; where that file is missing, wall time.

#![expect(clippy::print_stdout, reason = "a harness prints its results")]

use std::time::{Duration, Instant};

use crosscheck::core::Article;
use crosscheck::dedup::ReuseDetector;
use crosscheck::fuse::{Fuser, FuserBuilder, StoryInput};
use crosscheck_bench::story::{drawn_story, extract, repo, sentence_pool};

/// A clock of the calling thread's time on a CPU, else of wall time.
#[derive(Debug, Clone, Copy)]
enum Clock {
    Cpu(u64),
    Wall(Instant),
}

impl Clock {
    fn now() -> Clock {
        std::fs::read_to_string("/proc/thread-self/schedstat")
            .ok()
            .and_then(|s| s.split_whitespace().next()?.parse().ok())
            .map_or_else(|| Clock::Wall(Instant::now()), Clock::Cpu)
    }

    fn elapsed(self) -> Duration {
        match (self, Clock::now()) {
            (Clock::Cpu(a), Clock::Cpu(b)) => Duration::from_nanos(b.saturating_sub(a)),
            (Clock::Wall(t), _) => t.elapsed(),
            (Clock::Cpu(_), Clock::Wall(_)) => Duration::ZERO,
        }
    }
}

fn main() -> anyhow::Result<()> {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![50, 200, 500] } else { sizes };
    let seeds = extract(&repo().join("../shared/corpus/seeds"));
    anyhow::ensure!(!seeds.is_empty(), "the seed story sits in ../shared/corpus/seeds");
    let demo = extract(&repo().join("examples/harbor-bridge"));
    let pool: Vec<String> = sentence_pool(&[&seeds[..], &demo[..]].concat());
    let fuser = FuserBuilder::new().build()?;
    let detector = ReuseDetector::default();
    let clock = if matches!(Clock::now(), Clock::Cpu(_)) { "thread CPU" } else { "wall" };
    println!("minimum {clock} time of five runs");
    println!(
        "| articles | fusion | detection | detection + fusion with reuse | added | edges | detection per article |"
    );
    println!("|---|---|---|---|---|---|---|");
    for n in sizes {
        let story = drawn_story(&pool, n);
        let refs: Vec<&Article> = story.iter().collect();
        let (mut plain, mut detect, mut with) = (Duration::MAX, Duration::MAX, Duration::MAX);
        let mut edges = 0;
        for _ in 0..5 {
            let t = Clock::now();
            let out = fuser.fuse(&StoryInput::new(refs.iter().copied()))?;
            plain = plain.min(t.elapsed());
            assert_eq!(out.articles.len(), n);
            let t = Clock::now();
            let reuse = detector.detect(&refs);
            detect = detect.min(t.elapsed());
            edges = reuse.edges.len();
            let t = Clock::now();
            let mut input = StoryInput::new(refs.iter().copied());
            input.reuse(detector.detect(&refs));
            let out = fuser.fuse(&input)?;
            with = with.min(t.elapsed());
            assert!(out.reuse.is_some());
        }
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "| {n} | {:.0} ms | {:.0} ms | {:.0} ms | {:+.1} % | {edges} | {:.2} ms |",
            ms(plain),
            ms(detect),
            ms(with),
            (ms(with) / ms(plain) - 1.0) * 100.0,
            ms(detect) / n as f64
        );
    }
    Ok(())
}
