//! `crosscheck ingest`, `stories`, `show`, `export`: the story database from the command line,
//! including a kill -9 in the middle of an ingest.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use crosscheck::store::{SqliteStore, Store, StoryId};

use crate::util::{Dir, json_lines};

/// Writes `n` articles on `topics` subjects, in made-up words, each file distinct.
fn write_corpus(dir: &Dir, sub: &str, n: usize, topics: usize) {
    const SYLLABLES: [&str; 16] = [
        "ka", "lo", "mi", "ren", "tas", "vo", "bel", "dun", "ish", "mar", "pol", "que", "sil",
        "tor", "ulm", "zen",
    ];
    let word = |seed: usize| -> String {
        let mut x = seed.wrapping_mul(2_654_435_761) ^ 0x9e37;
        (0..3)
            .map(|_| {
                x = x
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                SYLLABLES[(x >> 33) % 16]
            })
            .collect()
    };
    for i in 0..n {
        let t = i % topics;
        let topic: Vec<String> = (0..8).map(|k| word(t * 100 + k)).collect();
        let noise: Vec<String> = (0..6).map(|k| word(100_000 + i * 10 + k)).collect();
        let text = format!(
            "{} {} {} report {i}\n\nThe {} {} {} met the {} on day {i}. Witnesses said the {} {} near {} and {}. \
             Officials named {} and {} in a statement about the {}.\n",
            topic[0],
            topic[1],
            topic[2],
            topic[3],
            topic[4],
            topic[5],
            topic[6],
            topic[7],
            topic[0],
            noise[0],
            noise[1],
            topic[2],
            noise[2],
            noise[3],
        );
        dir.create(&format!("{sub}/art-{i:05}.txt"), text);
    }
}

fn reported(stdout: &str, word: &str) -> Vec<String> {
    stdout.lines().filter_map(|l| l.strip_prefix(word)).map(|id| id.trim().to_string()).collect()
}

/// Starts `crosscheck ingest`, reads its stdout until `until` says to stop, kills it with
/// SIGKILL, and returns every line it printed.
fn ingest_and_kill(
    dir: &Dir,
    db: &Path,
    input: &str,
    until: impl Fn(&[String]) -> bool,
) -> Vec<String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .current_dir(dir.path())
        .args(["ingest", "--quiet", "--db"])
        .arg(db)
        .arg(input)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .stdin(Stdio::null())
        .spawn()
        .expect("spawning crosscheck");
    let mut lines = Vec::new();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    while out.read_line(&mut line).unwrap() > 0 {
        lines.push(line.trim_end().to_string());
        line.clear();
        if until(&lines) {
            break;
        }
    }
    // SIGKILL: no destructor, no flush, no rollback by the process itself.
    child.kill().expect("killing crosscheck");
    child.wait().unwrap();
    // Lines already written to the pipe were reported too.
    while out.read_line(&mut line).unwrap_or(0) > 0 {
        lines.push(line.trim_end().to_string());
        line.clear();
    }
    lines
}

fn assert_reported_are_stored(db: &Path, lines: &[String]) {
    let store = SqliteStore::open(db).expect("a killed run leaves a database that opens");
    store.check().expect("integrity check passes");
    for l in lines {
        if let Some(id) = l.strip_prefix("added ").or_else(|| l.strip_prefix("unchanged ")) {
            assert!(store.article(id).unwrap().is_some(), "reported article {id} is missing");
        }
        if let Some(rest) = l.strip_prefix("story ") {
            let id = rest.split_whitespace().next().unwrap();
            assert!(
                store.story(&StoryId::from(id)).unwrap().unwrap().report.is_some(),
                "story {id}"
            );
        }
    }
}

#[test]
fn kill_9_loses_nothing_reported_and_the_next_run_completes() {
    const N: usize = 2000;
    let dir = Dir::new();
    write_corpus(&dir, "in", N, 60);
    let db = dir.path().join("stories.db");

    // 1. Killed while articles are being committed.
    let first = ingest_and_kill(&dir, &db, "in", |l| l.len() >= 300);
    let added = reported(&first.join("\n"), "added ");
    assert!(added.len() >= 300 && added.len() < N, "killed mid-run: {} reported", added.len());
    assert_reported_are_stored(&db, &first);

    // 2. Killed again, once every article is in, while stories are placed and fused.
    let second = ingest_and_kill(&dir, &db, "in", |l| l.len() > N);
    assert_reported_are_stored(&db, &second);
    let unchanged = reported(&second.join("\n"), "unchanged ");
    for id in &added {
        assert!(unchanged.contains(id), "{id} was stored by the first run, so it is unchanged now");
    }

    // 3. A full run finishes the work.
    let out = dir.command().args(["ingest", "--quiet", "--db", "stories.db", "in"]).stdout();
    assert_eq!(reported(&out, "added ").len() + reported(&out, "unchanged ").len(), N);
    assert!(reported(&out, "added ").is_empty(), "the second run stored every article");
    let store = SqliteStore::open(&db).unwrap();
    store.check().unwrap();
    let stats = store.stats().unwrap();
    assert_eq!((stats.articles, stats.unplaced, stats.stale), (N as u64, 0, 0), "{stats:?}");
    assert!(stats.stories >= 1);

    // 4. Nothing new: nothing changes.
    let again = dir.command().args(["ingest", "--quiet", "--db", "stories.db", "in"]).stdout();
    assert_eq!(reported(&again, "unchanged ").len(), N);
    assert!(!again.contains("story "), "no story is fused again");
}

#[test]
fn stories_show_and_export() {
    let dir = Dir::new();
    dir.create("in/bridge-a.txt", "Harbour bridge reopens after repairs\n\nThe harbour bridge reopened on Monday after three weeks of repairs, the city council said.\n");
    dir.create("in/bridge-b.txt", "Harbour bridge open again\n\nThe harbour bridge reopened on Monday following three weeks of repairs, officials said.\n");
    dir.create("in/budget.txt", "Parliament passes budget\n\nParliament passed the annual budget late on Thursday by a narrow margin, lawmakers said.\n");
    let out = dir.command().args(["ingest", "--db", "s.db", "in"]).stdout();
    assert_eq!(reported(&out, "added ").len(), 3);

    let list = json_lines(&dir.command().args(["stories", "--db", "s.db", "--json"]).stdout());
    let total: u64 = list.iter().map(|s| s["articles"].as_u64().unwrap()).sum();
    assert_eq!(total, 3);
    let found = json_lines(
        &dir.command()
            .args(["stories", "--db", "s.db", "--json", "--query", "parliament"])
            .stdout(),
    );
    assert_eq!(found.len(), 1);
    let id = found[0]["id"].as_str().unwrap();
    let table = dir.command().args(["stories", "--db", "s.db"]).stdout();
    assert_eq!(table.lines().count(), list.len());
    assert!(table.contains(id));

    let doc: serde_json::Value =
        serde_json::from_str(&dir.command().args(["show", "--db", "s.db", id]).stdout()).unwrap();
    assert_eq!(doc["schema"], "crosscheck.story/1");
    assert_eq!(doc["stories"][0]["id"], id);
    assert_eq!(doc["stories"][0]["articles"][0]["id"], "budget");

    let export =
        json_lines(&dir.command().args(["export", "--db", "s.db", "--format", "jsonl"]).stdout());
    assert_eq!(export.len(), list.len());
    assert!(export.iter().all(|d| d["schema"] == "crosscheck.story/1"));

    let bad = dir.command().args(["show", "--db", "s.db", "s-nope"]).output();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("s-nope"));
    let none = dir.command().args(["stories", "--db", "missing.db"]).output();
    assert_eq!(none.status.code(), Some(2));
    assert!(!dir.path().join("missing.db").exists(), "reading never creates a database");
    dir.command().args(["stories", "--db", "s.db", "--since", "2025-13-01"]).expect_code(2);
    dir.command().args(["export", "--db", "s.db", "--format", "csv"]).expect_code(2);
}
