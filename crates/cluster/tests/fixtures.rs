//! Fixture tests: every `resources/test/*.jsonl` holds `{"id", "text", "story"}` lines; the
//! stories found must be exactly the labelled ones (the labels' names do not matter).

use std::collections::HashMap;
use std::path::Path;

use crosscheck_cluster::{ClusterBuilder, ClusterDoc};

#[test]
fn fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("resources/test");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_none_or(|x| x != "jsonl") {
            continue;
        }
        n += 1;
        let raw = std::fs::read_to_string(&p).unwrap();
        let rows: Vec<serde_json::Value> =
            raw.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        let docs: Vec<ClusterDoc<'_>> = rows
            .iter()
            .map(|r| ClusterDoc::new(r["id"].as_str().unwrap(), r["text"].as_str().unwrap()))
            .collect();
        let out = ClusterBuilder::new().build().unwrap().cluster(&docs);
        // Same partition: a bijection between predicted and labelled stories.
        let mut fwd: HashMap<u32, &str> = HashMap::new();
        let mut back: HashMap<&str, u32> = HashMap::new();
        for (r, a) in rows.iter().zip(&out) {
            let label = r["story"].as_str().unwrap();
            let id = r["id"].as_str().unwrap();
            assert_eq!(*fwd.entry(a.story).or_insert(label), label, "{}: {id}", p.display());
            assert_eq!(*back.entry(label).or_insert(a.story), a.story, "{}: {id}", p.display());
        }
    }
    assert!(n >= 3, "found {n} fixtures, expected at least 3");
}
