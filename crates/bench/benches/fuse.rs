//! Fusion speed: the shared seed story (five reports), a synthetic 50-article story, 200
//! rewrites of the demo bridge story and 200 copies of one article, on one thread. Targets:
//! seeds < 50 ms, 50 articles < 200 ms. Larger stories and peak memory: the `fuse_scale`
//! harness (`crates/bench/scripts/fuse-scale.sh`).
//!
//! Reuse: synthetic stories of 50, 200 and 500 articles fused without and with text reuse
//! detection (`fuse_reuse/<n>/plain` and `fuse_reuse/<n>/reuse`, detection plus fusion with its
//! result), and detection alone (`reuse/<n>`). Target: reuse adds at most 20 % at 500 articles
//! and grows linearly. The synthetic stories are the worst case for reuse: every report is made
//! of verbatim sentences that dozens of other reports share.
//!
//! The seed story is read at run time from `../shared/corpus/seeds` (beside the repository);
//! the 50-article story is built from the sentences of the seeds and of the demo corpus's
//! bridge story, reshuffled deterministically so that the reports overlap the way coverage of one
//! event does.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use crosscheck::core::Article;
use crosscheck::dedup::ReuseDetector;
use crosscheck::fuse::{Fuser, FuserBuilder, StoryInput};
use crosscheck_bench::story::{drawn_story, extract, repo, sentence_pool};

fn bench(c: &mut Criterion) {
    let fuser = FuserBuilder::new().build().expect("default fuser");
    let seeds = extract(&repo().join("../shared/corpus/seeds"));
    assert_eq!(seeds.len(), 5, "the seed story sits in ../shared/corpus/seeds");
    let demo = extract(&repo().join("examples/harbor-bridge"));
    let pool: Vec<String> = sentence_pool(&[&seeds[..], &demo[..]].concat());
    let fifty = drawn_story(&pool, 50);
    let bridge = sentence_pool(&demo);
    let rewrites = crosscheck_bench::story::synthetic_story(&bridge, 200, 0x5eed);
    let copies =
        crosscheck_bench::story::copies(&crosscheck_bench::story::long_article(&bridge), 200);

    let mut group = c.benchmark_group("fuse");
    group.sample_size(20);
    group.bench_function("seeds (5 articles)", |b| {
        b.iter(|| {
            let story = fuser.fuse(&StoryInput::new(black_box(&seeds))).expect("fused");
            assert_eq!(story.articles.len(), 5);
            assert!(!story.claims.is_empty() && !story.entities.is_empty());
            story
        });
    });
    group.bench_function("synthetic (50 articles)", |b| {
        b.iter(|| {
            let story = fuser.fuse(&StoryInput::new(black_box(&fifty))).expect("fused");
            assert_eq!(story.articles.len(), 50);
            assert!(story.claims.iter().any(|c| c.support >= 10), "overlapping reports align");
            story
        });
    });
    group.sample_size(10);
    group.bench_function("rewrites (200 articles)", |b| {
        b.iter(|| {
            let story = fuser.fuse(&StoryInput::new(black_box(&rewrites))).expect("fused");
            assert_eq!(story.articles.len(), 200);
            assert!(story.claims.iter().any(|c| c.support >= 20), "rewrites align");
            story
        });
    });
    group.bench_function("copies (200 of one article)", |b| {
        b.iter(|| {
            let story = fuser.fuse(&StoryInput::new(black_box(&copies))).expect("fused");
            assert_eq!(story.articles.len(), 200);
            assert!(story.claims.iter().any(|c| c.renderings.len() == 200), "every copy cited");
            story
        });
    });
    group.finish();

    let detector = ReuseDetector::default();
    let mut group = c.benchmark_group("fuse_reuse");
    group.sample_size(10);
    for n in [50, 200, 500] {
        let story = drawn_story(&pool, n);
        let refs: Vec<&Article> = story.iter().collect();
        group.bench_function(format!("{n}/plain"), |b| {
            b.iter(|| {
                let out = fuser.fuse(&StoryInput::new(black_box(&story))).expect("fused");
                assert_eq!(out.articles.len(), n);
                out
            });
        });
        group.bench_function(format!("{n}/reuse"), |b| {
            b.iter(|| {
                let mut input = StoryInput::new(black_box(&story));
                input.reuse(detector.detect(&refs));
                let out = fuser.fuse(&input).expect("fused");
                let reuse = out.reuse.as_ref().expect("reuse carried");
                assert!(reuse.edges.len() >= n / 2, "shared sentences are found");
                assert!(
                    out.claims.iter().all(|c| c.origins.unwrap_or(0) as usize <= c.articles.len())
                );
                out
            });
        });
        group.bench_function(format!("{n}/detect"), |b| {
            b.iter(|| {
                let reuse = detector.detect(black_box(&refs));
                assert!(reuse.edges.len() >= n / 2);
                reuse
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
