//! Story placement from the command line: one story id everywhere, article identity by
//! origin, concurrent writers and damaged stores (issue 13).

use std::collections::BTreeSet;
use std::process::Stdio;

use crosscheck::store::{SqliteStore, Store};

use crate::util::{Dir, json_lines, repo_path};

fn ids_of_cluster(dir: &Dir, input: &str) -> BTreeSet<String> {
    let out = json_lines(&dir.command().args(["cluster", input]).stdout());
    out.iter().map(|l| l["story"].as_str().unwrap().to_string()).collect()
}

#[test]
fn issue_13_one_story_id_in_fuse_cluster_ingest_stories_and_show() {
    let dir = Dir::new();
    let demo = repo_path("examples");
    let demo = demo.to_str().unwrap();
    let clustered = ids_of_cluster(&dir, demo);
    let fused: serde_json::Value =
        serde_json::from_str(&dir.command().args(["fuse", "-f", "json", demo]).stdout()).unwrap();
    let fused: BTreeSet<String> = fused["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(clustered, fused);
    dir.command().args(["ingest", "-q", "--db", "s.db", demo]).stdout();
    let listed = json_lines(&dir.command().args(["stories", "--db", "s.db", "--json"]).stdout());
    let listed: BTreeSet<String> =
        listed.iter().map(|s| s["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(listed, fused);
    for id in &fused {
        let doc: serde_json::Value =
            serde_json::from_str(&dir.command().args(["show", "--db", "s.db", id]).stdout())
                .unwrap();
        assert_eq!(doc["stories"][0]["id"], id.as_str(), "show accepts the id fuse gives");
    }
}

#[test]
fn issue_13_another_origin_never_replaces_an_article() {
    let dir = Dir::new();
    let page = |words: &str| {
        format!(
            "<html><head><title>{words}</title></head><body><p>{words} The Orla ferry ran again on Monday after a week of storms, the harbour office said.</p></body></html>"
        )
    };
    dir.create("day1/index.html", page("Ferry returns."));
    dir.create("day2/index.html", page("Ferry service back."));
    let first = dir.command().args(["ingest", "-q", "--db", "s.db", "day1"]).stdout();
    assert!(first.contains("added index\n"), "{first}");
    let second = dir.command().args(["ingest", "-q", "--db", "s.db", "day2"]).stdout();
    assert!(second.contains("added index~2\n"), "another file with the same name: {second}");
    let again = dir.command().args(["ingest", "-q", "--db", "s.db", "day2"]).stdout();
    assert!(again.contains("unchanged index~2\n"), "the same file again: {again}");
    let text = "A note on the Orla ferry, which ran again on Monday.\n";
    let a = dir.command().args(["ingest", "-q", "--db", "s.db", "-"]).stdin(text).stdout();
    let b = dir.command().args(["ingest", "-q", "--db", "s.db", "-"]).stdin(text).stdout();
    assert!(a.contains("added stdin\n") && b.contains("added stdin~2\n"), "{a}{b}");
    let store = SqliteStore::open(dir.path().join("s.db")).unwrap();
    assert_eq!(store.stats().unwrap().articles, 4);
}

#[test]
fn issue_13_concurrent_ingests_all_succeed_and_place_everything_once() {
    let dir = Dir::new();
    for part in 0..4 {
        for i in 0..12 {
            let topic = ["Orla ferry", "Tamsin dam", "Vesk rail strike"][i % 3];
            dir.create(
                &format!("part{part}/art-{i:02}.txt"),
                format!(
                    "{topic} update {part}-{i}\n\nOfficials said the {topic} story moved on day \
                     {i}, with report number {part}{i} from desk {part}.\n"
                ),
            );
        }
    }
    // Four writers at once, one of them reading a part another also reads.
    let mut children = Vec::new();
    for args in [["part0"], ["part1"], ["part2"], ["part3"]]
        .iter()
        .map(|p| p.to_vec())
        .chain([vec!["part0", "part1"]])
    {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_crosscheck"));
        cmd.current_dir(dir.path()).args(["ingest", "-q", "--db", "c.db"]).args(&args);
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        children.push(cmd.spawn().unwrap());
    }
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let store = SqliteStore::open(dir.path().join("c.db")).unwrap();
    let stats = store.stats().unwrap();
    assert_eq!((stats.articles, stats.unplaced, stats.stale), (48, 0, 0), "{stats:?}");
    let placed: u64 = store.members().unwrap().iter().map(|s| s.articles.len() as u64).sum();
    assert_eq!(placed, 48, "every article in exactly one story");
    assert!(store.check().is_ok());
}

#[test]
fn issue_13_a_damaged_store_is_an_error_naming_the_file() {
    let dir = Dir::new();
    dir.create("in/a.txt", "Ferry returns\n\nThe Orla ferry ran again on Monday.\n");
    dir.create("empty.db", "");
    dir.create("junk.db", "this is not a database at all, just some text ".repeat(20));
    for (db, why) in [("empty.db", "empty"), ("junk.db", "not an SQLite database")] {
        for cmd in [&["ingest", "-q", "--db", db, "in"][..], &["stories", "--db", db]] {
            let out = dir.command().args(cmd).output();
            assert_eq!(out.status.code(), Some(2));
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains(db) && err.contains(why), "{err}");
        }
    }
    assert_eq!(std::fs::metadata(dir.path().join("empty.db")).unwrap().len(), 0, "left alone");
}
