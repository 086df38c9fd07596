//! `crosscheck fuse` through the real binary: every format, files and exit status.

use crate::util::{Dir, repo_path};

#[test]
fn json_report_follows_the_schema() {
    let out =
        Dir::new().command().args(["fuse", "--format", "json"]).arg(repo_path("examples")).stdout();
    let doc: serde_json::Value = serde_json::from_str(&out).expect("one JSON document");
    assert_eq!(doc["schema"], "crosscheck.story/1");
    let stories = doc["stories"].as_array().unwrap();
    assert!(!stories.is_empty());
    let ids: usize = stories.iter().map(|s| s["articles"].as_array().unwrap().len()).sum();
    assert_eq!(ids, 7, "every demo article is in exactly one story");
    for s in stories {
        for key in
            ["id", "headline", "articles", "entities", "claims", "quotes", "conflicts", "timeline"]
        {
            assert!(s.get(key).is_some(), "story lacks {key}");
        }
    }
}

#[test]
fn every_format_renders_and_html_is_self_contained() {
    let dir = Dir::new();
    for (format, marker) in
        [("text", "Claims"), ("md", "## Claims"), ("csv", "status"), ("html", "<!DOCTYPE html>")]
    {
        let out =
            dir.command().args(["fuse", "--format", format]).arg(repo_path("examples")).stdout();
        assert!(out.contains(marker), "{format} lacks {marker:?}");
        if format == "html" {
            assert!(!out.contains("src=\"http"), "html must not load anything from the network");
            assert!(!out.contains("<link rel=\"stylesheet\" href"), "html must inline its styles");
        }
    }
}

#[test]
fn output_file_format_follows_its_extension() {
    let dir = Dir::new();
    dir.command().args(["fuse", "-o", "report.md"]).arg(repo_path("examples")).stdout();
    let md = std::fs::read_to_string(dir.path().join("report.md")).unwrap();
    assert!(md.starts_with("# "), "{}", &md[..md.len().min(200)]);
}

/// `-o` onto a path that is not a plain file writes through it and never replaces it: a link
/// stays a link (the report lands in its target), as a device like `/dev/null` stays a device.
#[cfg(unix)]
#[test]
fn output_through_a_link_keeps_the_link() {
    let dir = Dir::new();
    std::fs::write(dir.path().join("target.json"), "old").unwrap();
    std::os::unix::fs::symlink("target.json", dir.path().join("link.json")).unwrap();
    dir.command().args(["fuse", "-o", "link.json"]).arg(repo_path("examples")).stdout();
    let link = std::fs::symlink_metadata(dir.path().join("link.json")).unwrap();
    assert!(link.file_type().is_symlink(), "-o replaced the link with a file");
    let report = std::fs::read_to_string(dir.path().join("target.json")).unwrap();
    assert!(report.contains("\"schema\""), "{}", &report[..report.len().min(200)]);
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".crosscheck-"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

#[test]
fn csv_tables_for_quotes_conflicts_and_timeline() {
    let dir = Dir::new();
    for table in ["claims", "quotes", "conflicts", "timeline"] {
        let out = dir
            .command()
            .args(["fuse", "--format", "csv", "--table", table])
            .arg(repo_path("examples"))
            .stdout();
        assert!(out.lines().count() > 1, "{table} table is empty");
    }
    let bad = dir
        .command()
        .args(["fuse", "--format", "csv", "--table", "nope"])
        .arg(repo_path("examples"))
        .output();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn script_in_a_source_is_escaped_in_html() {
    let dir = Dir::new();
    dir.create(
        "a.txt",
        "Storm floods the river town\n\nThe river rose two metres overnight, officials said <script>alert(1)</script>.\n",
    );
    let out = dir.command().args(["fuse", "--format", "html", "a.txt"]).stdout();
    assert!(!out.contains("<script>alert(1)"), "source markup must be escaped");
    assert!(out.contains("&lt;script&gt;"));
}

#[test]
fn no_input_is_fatal() {
    let dir = Dir::new();
    dir.create("empty.txt", "");
    dir.command().args(["fuse", "empty.txt"]).expect_code(2);
}

#[test]
fn seeds_fuse_into_one_story() {
    let seeds = repo_path("../shared/corpus/seeds");
    let out = Dir::new().command().args(["fuse", "--format", "json"]).arg(&seeds).stdout();
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let stories = doc["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 1, "the five seed reports are one story");
    assert_eq!(stories[0]["articles"].as_array().unwrap().len(), 5);
}

#[test]
fn a_story_over_the_configured_budget_is_fused_from_a_sample_and_says_so() {
    let dir = Dir::new();
    let lines: Vec<String> = (0..6)
        .map(|i| {
            serde_json::json!({
                "id": format!("ferry-{i}"),
                "published": "2026-02-10",
                "text": format!(
                    "The night ferry to Korvel Island ran aground on a sandbank on Monday with \
                     {} passengers aboard, the harbour office said. Tugs from Orrin pulled it \
                     free at dawn and nobody was hurt, officials said. Report {i} of the \
                     grounding, with a detail of its own: the captain had served {} years.",
                    120 + i,
                    10 + i
                )
            })
            .to_string()
        })
        .collect();
    dir.create("ferry.jsonl", lines.join("\n"));
    dir.create("small.toml", "[fuse]\nmax_articles = 2\n");
    let story = |extra: &[&str]| -> serde_json::Value {
        let out = dir
            .command()
            .args(["fuse", "--format", "json"])
            .args(extra)
            .arg("ferry.jsonl")
            .stdout();
        let doc: serde_json::Value = serde_json::from_str(&out).expect("one JSON document");
        let stories = doc["stories"].as_array().unwrap().clone();
        assert_eq!(stories.len(), 1, "one story: {out}");
        stories[0].clone()
    };
    let whole = story(&[]);
    assert!(whole.get("sampled").is_none(), "{whole}");
    let sampled = story(&["--config", "small.toml"]);
    let s = &sampled["sampled"];
    assert_eq!(s["articles_total"], 6, "{s}");
    assert!(s["articles_used"].as_u64().is_some_and(|n| (1..6).contains(&n)), "{s}");
    assert!(s["rule"].as_str().is_some_and(|r| r.contains("distinct articles")), "{s}");
    // Never left unfused: every article listed, claims found from the sample.
    assert_eq!(sampled["articles"].as_array().unwrap().len(), 6);
    assert!(!sampled["claims"].as_array().unwrap().is_empty());
    dir.create("zero.toml", "[fuse]\nmax_articles = 0\n");
    let bad = dir.command().args(["fuse", "--config", "zero.toml", "ferry.jsonl"]).output();
    assert_eq!(bad.status.code(), Some(2), "{}", String::from_utf8_lossy(&bad.stderr));
}
