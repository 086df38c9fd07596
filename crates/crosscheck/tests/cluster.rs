//! Story clustering end to end: the demo corpus through the real pipeline (ingest, extract,
//! dedup, cluster) against `examples/harbor-bridge/EXPECTED.md`, section 3 "Stories".

use std::collections::HashMap;
use std::path::Path;

use crosscheck::PipelineBuilder;
use crosscheck::cluster::{ClusterBuilder, cluster_articles};
use crosscheck::core::Article;
use crosscheck::dedup::DedupBuilder;

fn extract(path: &Path) -> Vec<Article> {
    let pipeline = PipelineBuilder::new().build();
    let mut out = Vec::new();
    pipeline.extract(&[path.to_path_buf()], |item| {
        out.push(item.unwrap_or_else(|e| panic!("{e}")));
        true
    });
    out
}

/// Story A (the bridge collision) holds all six bridge reports, the wire copy included through
/// its original; story B (the dairy merger) holds the business report alone.
#[test]
fn demo_corpus_bridge_reports_are_one_story() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/harbor-bridge");
    let articles = extract(&dir);
    let placed = cluster_articles(
        &DedupBuilder::new().build().unwrap(),
        &ClusterBuilder::new().build().unwrap(),
        &articles,
    );
    let story: HashMap<&str, u32> =
        articles.iter().zip(&placed).map(|(a, p)| (a.id.as_str(), p.story.story)).collect();
    let bridge = [
        "corvane-wire",
        "wirefront",
        "saltmere-courier",
        "brennock-ledger",
        "orizon-post",
        "dalvinia-now",
    ];
    assert_eq!(story.len(), 7, "articles: {:?}", story.keys().collect::<Vec<_>>());
    let a = story["corvane-wire"];
    for id in bridge {
        assert_eq!(story[id], a, "{id} is in the bridge story: {story:?}");
    }
    assert_ne!(story["dairy-merger"], a, "the dairy merger is another story: {story:?}");
    // The wire copy is clustered once, through its original, and takes its story and score.
    let at = |id: &str| articles.iter().position(|x| x.id.as_str() == id).unwrap();
    let copy = &placed[at("wirefront")];
    let first = copy.duplicate.duplicate_of().map(|i| articles[i as usize].id.as_str());
    assert_eq!(first, Some("corvane-wire"));
    assert_eq!(copy.story, placed[at("corvane-wire")].story);
    for p in &placed {
        assert!((0.0..=1.0).contains(&p.story.score));
    }
}

/// The same seven articles in reverse order give the same stories. (Which copy of a duplicate
/// pair leads its group follows the input order, and the leader's text is what is clustered,
/// so scores may differ; the partition may not.)
#[test]
fn demo_corpus_stories_do_not_depend_on_order() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/harbor-bridge");
    let articles = extract(&dir);
    let d = DedupBuilder::new().build().unwrap();
    let c = ClusterBuilder::new().build().unwrap();
    let forward = cluster_articles(&d, &c, &articles);
    let reversed: Vec<Article> = articles.iter().rev().cloned().collect();
    let backward = cluster_articles(&d, &c, &reversed);
    let n = articles.len();
    let back = |i: usize| backward[n - 1 - i].story.story;
    for i in 0..n {
        for j in 0..n {
            let same = forward[i].story.story == forward[j].story.story;
            assert_eq!(same, back(i) == back(j), "{} and {}", articles[i].id, articles[j].id);
        }
    }
}
