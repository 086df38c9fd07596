//! `crosscheck dedup` and `crosscheck cluster` on the demo corpus.

use std::collections::{BTreeMap, BTreeSet};

use crate::util::{Dir, json_lines, repo_path};

/// The demo corpus's JSON Lines file holds a wire copy of another report.
#[test]
fn dedup_finds_the_wire_copy_in_the_demo_corpus() {
    let out = json_lines(&Dir::new().command().arg("dedup").arg(repo_path("examples")).stdout());
    let dups: Vec<_> = out.iter().filter(|l| !l["duplicate_of"].is_null()).collect();
    assert_eq!(dups.len(), 1, "{out:#?}");
    let pair: BTreeSet<&str> =
        [dups[0]["id"].as_str().unwrap(), dups[0]["duplicate_of"].as_str().unwrap()].into();
    assert_eq!(pair, BTreeSet::from(["corvane-wire", "wirefront"]));
    let sim = dups[0]["similarity"].as_f64().unwrap();
    assert!((0.5..1.0).contains(&sim), "{sim}");
    for field in ["id", "group", "duplicate_of", "similarity"] {
        assert!(out[0].get(field).is_some(), "missing {field}");
    }
}

#[test]
fn dedup_unique_passes_first_documents_through() {
    let all = json_lines(&Dir::new().command().arg("dedup").arg(repo_path("examples")).stdout());
    let unique = json_lines(
        &Dir::new().command().args(["dedup", "--unique"]).arg(repo_path("examples")).stdout(),
    );
    assert_eq!(unique.len(), all.len() - 1);
    assert!(unique.iter().all(|a| a["text"].is_string() && a["id"] != "wirefront"));
}

#[test]
fn cluster_puts_each_demo_story_together() {
    let out = json_lines(&Dir::new().command().arg("cluster").arg(repo_path("examples")).stdout());
    let mut stories: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for l in &out {
        stories.entry(l["story"].to_string()).or_default().insert(l["id"].as_str().unwrap().into());
    }
    let groups: BTreeSet<BTreeSet<String>> = stories.into_values().collect();
    let bridge: BTreeSet<String> = [
        "brennock-ledger",
        "corvane-wire",
        "dalvinia-now",
        "orizon-post",
        "saltmere-courier",
        "wirefront",
    ]
    .map(String::from)
    .into();
    let dairy: BTreeSet<String> = [String::from("dairy-merger")].into();
    assert_eq!(groups, BTreeSet::from([bridge, dairy]));
}

#[test]
fn time_flags_and_config_decide_whether_far_apart_reports_are_one_story() {
    let dir = Dir::new();
    let body = |extra: &str| {
        format!(
            "The Varnholt city council approved the new tram line to the harbour district on a \
             vote of nine to four, after a debate that lasted most of the night. The line will \
             cost 240 million crowns and open in three years. {extra}"
        )
    };
    let lines = [
        serde_json::json!({"id": "first", "published": "2026-01-05", "text": body(
            "Work on the first section starts in the spring, the transport office said, and \
             buses will replace the old route 4 while the tracks are laid along Quay Street."
        )}),
        serde_json::json!({"id": "later", "published": "2026-04-20", "text": body(
            "Residents who opposed the tram line have now filed an appeal with the regional \
             court, arguing that the council ignored the noise study for Quay Street."
        )}),
    ];
    let jsonl = lines.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
    dir.create("in.jsonl", jsonl);
    let stories = |extra: &[&str]| {
        let out = json_lines(&dir.command().arg("cluster").args(extra).arg("in.jsonl").stdout());
        let ids: Vec<String> = out.iter().map(|l| l["story"].as_str().unwrap().into()).collect();
        ids[0] == ids[1]
    };
    // 105 days apart: never compared within a 30-day horizon; one story when the time scale
    // covers the gap.
    assert!(!stories(&["--horizon-days", "30"]));
    assert!(stories(&["--window-days", "365"]));
    // The same from a configuration file, and a flag overrides the file.
    dir.create("narrow.toml", "[cluster]\nhorizon_days = 30\n");
    assert!(!stories(&["--config", "narrow.toml"]));
    assert!(stories(&["--config", "narrow.toml", "--horizon-days", "365", "--window-days", "365"]));
    dir.create("narrow.json", r#"{"cluster": {"horizon_days": 30}}"#);
    assert!(!stories(&["--config", "narrow.json"]));
    let bad = dir.command().args(["cluster", "--window-days", "0", "in.jsonl"]).output();
    assert_eq!(bad.status.code(), Some(2), "{}", String::from_utf8_lossy(&bad.stderr));
    dir.create("typo.toml", "[cluster]\nwindow_dayz = 3\n");
    let bad = dir.command().args(["cluster", "--config", "typo.toml", "in.jsonl"]).output();
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("typo.toml") && err.contains("window_dayz"), "{err}");
}
