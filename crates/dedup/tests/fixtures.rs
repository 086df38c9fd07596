//! Fixture tests: every `resources/test/*.jsonl` holds `{"id", "text", "duplicate_of"}` lines,
//! where `duplicate_of` is the id of the group's first document, or null.

use std::path::Path;

use crosscheck_dedup::{DedupBuilder, Verify};

fn check(path: &Path, verify: Verify) {
    let raw = std::fs::read_to_string(path).unwrap();
    let rows: Vec<serde_json::Value> =
        raw.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let texts: Vec<&str> = rows.iter().map(|r| r["text"].as_str().unwrap()).collect();
    let d = DedupBuilder::new().verify(verify).build().unwrap();
    for (i, m) in d.dedup(&texts).iter().enumerate() {
        let got = m.duplicate_of().map(|j| ids[j as usize]);
        let want = rows[i]["duplicate_of"].as_str();
        assert_eq!(got, want, "{}: {} (similarity {})", path.display(), ids[i], m.similarity);
    }
}

#[test]
fn fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("resources/test");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "jsonl") {
            check(&p, Verify::Exact);
            check(&p, Verify::Signature);
            n += 1;
        }
    }
    assert!(n > 0, "no fixtures found");
}
