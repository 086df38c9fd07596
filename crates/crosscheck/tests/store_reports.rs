//! A store re-fuses the stories a batch touches and writes their reports several at a time:
//! after batches that add members to stories fused before, every stored report must be the
//! report that fusing the story's current members from scratch gives, under the story's own
//! id. Articles are synthetic (invented words), so that stories are many and small.

use std::io::Write;
use std::sync::Arc;

use crosscheck::PipelineBuilder;
use crosscheck::store::{Corpus, PipelineEngine, SqliteStore, Store, StoryEngine, StoryId};

/// A small deterministic generator (64-bit LCG).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 =
            self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }

    fn word(&mut self, syllables: usize) -> String {
        const SYL: [&str; 16] = [
            "ka", "lo", "mi", "ren", "tas", "vo", "bel", "dun", "ish", "mar", "pol", "sil", "tor",
            "ulm", "zen", "gri",
        ];
        (0..syllables).map(|_| SYL[self.next() % SYL.len()]).collect()
    }

    fn name(&mut self) -> String {
        let w = self.word(3);
        let mut c = w.chars();
        c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
    }
}

/// One story's own sentences: its names, numbers and words.
fn story_sentences(rng: &mut Rng) -> (Vec<String>, Vec<String>) {
    let names: Vec<String> = (0..4).map(|_| rng.name()).collect();
    let sentences = (0..8)
        .map(|_| {
            let mut words = Vec::new();
            for i in 0..12 {
                words.push(match (rng.next() + i) % 5 {
                    0 => names[rng.next() % names.len()].clone(),
                    1 => format!("{}", 100 + rng.next() % 9000),
                    2 => ["the", "said", "after", "with", "from"][rng.next() % 5].to_string(),
                    _ => rng.word(2),
                });
            }
            format!("{} {}.", names[0], words.join(" "))
        })
        .collect();
    (names, sentences)
}

#[test]
fn stored_reports_are_what_fusing_the_members_afresh_gives() {
    const STORIES: usize = 90;
    const BATCHES: usize = 3;
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(13);
    let stories: Vec<(Vec<String>, Vec<String>)> =
        (0..STORIES).map(|_| story_sentences(&mut rng)).collect();
    let store = Arc::new(SqliteStore::open(dir.path().join("s.db")).unwrap());
    let corpus = Corpus::new(PipelineBuilder::new().build(), store.clone());
    for b in 0..BATCHES {
        // Batch b brings article b of every story: from the second batch on, each batch adds
        // to stories fused before.
        let path = dir.path().join(format!("batch-{b}.jsonl"));
        let mut f = std::fs::File::create(&path).unwrap();
        for (k, (names, own)) in stories.iter().enumerate() {
            let text: Vec<&str> =
                (0..4).map(|i| own[(b * 3 + i * 2 + k) % own.len()].as_str()).collect();
            let line = serde_json::json!({
                "id": format!("s{k}-{b}"),
                "published": format!("2025-03-{:02}", 1 + b),
                "title": format!("{} and {} meet", names[0], names[1]),
                "text": text.join(" "),
            });
            writeln!(f, "{line}").unwrap();
        }
        drop(f);
        let counts = corpus.ingest(&[path], |_| true).unwrap();
        assert_eq!(counts.added, STORIES);
        let report = corpus.update().unwrap();
        assert!(report.failed.is_empty());
        assert_eq!(report.placed, STORIES);
    }
    let stats = store.stats().unwrap();
    assert_eq!((stats.stale, stats.unplaced), (0, 0));
    assert!(stats.stories > 64, "more stories than one write of reports: {}", stats.stories);
    let engine = PipelineEngine::default();
    let mut ids: Vec<StoryId> = Vec::new();
    for k in 0..STORIES {
        let id = store.article(&format!("s{k}-0")).unwrap().unwrap().story.unwrap();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let mut grown = 0;
    for id in &ids {
        let members = store.story_articles(id).unwrap();
        grown += usize::from(members.len() >= BATCHES);
        let mut fresh = engine.fuse(id, &members).unwrap();
        fresh.id = id.to_string();
        let stored = store.report(id).unwrap().expect("every story has a report");
        assert_eq!(stored, fresh, "story {id}");
    }
    assert!(grown > STORIES / 2, "most stories grew over the batches: {grown}");
}
