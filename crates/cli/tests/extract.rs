//! `crosscheck extract`.

use crate::util::{Dir, json_lines, repo_path};

#[test]
fn version_and_help() {
    let dir = Dir::new();
    let v = dir.command().args(["--version"]).stdout();
    assert!(v.starts_with("crosscheck "), "{v}");
    let help = dir.command().args(["--help"]).stdout();
    for word in ["extract", "Exit status", "stdin", "WARC"] {
        assert!(help.contains(word), "help lacks {word}:\n{help}");
    }
}

#[test]
fn one_line_per_article_with_every_field() {
    let dir = Dir::new();
    dir.create("b.txt", "Second headline\n\nThe second body.\n");
    dir.create("a.txt", "First headline\n\nThe first body.\n");
    let out = json_lines(&dir.command().args(["extract", "."]).stdout());
    assert_eq!(out.len(), 2);
    // Folders are walked in name order.
    assert_eq!(out[0]["id"], "a");
    assert_eq!(out[1]["id"], "b");
    for field in
        ["id", "source", "url", "outlet", "title", "published", "language", "text", "removed"]
    {
        assert!(out[0].get(field).is_some(), "missing {field} in {}", out[0]);
    }
    assert!(out[0]["text"].as_str().unwrap().contains("The first body."));
    assert!(out[0]["removed"].is_array());
}

#[test]
fn stdin_is_read_with_dash() {
    let dir = Dir::new();
    let out = json_lines(
        &dir.command().args(["extract", "-"]).stdin("A headline\n\nBody from a pipe.\n").stdout(),
    );
    assert_eq!(out.len(), 1);
    assert!(out[0]["text"].as_str().unwrap().contains("Body from a pipe."));
}

#[test]
fn item_errors_exit_one_and_name_the_item() {
    let dir = Dir::new();
    dir.create("good.txt", "Headline\n\nA real body.\n");
    dir.create("empty.txt", "");
    let out = dir.command().args(["extract", "good.txt", "empty.txt", "missing.txt"]).output();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("empty.txt"), "{stderr}");
    assert!(stderr.contains("missing.txt"), "{stderr}");
    assert_eq!(json_lines(&String::from_utf8_lossy(&out.stdout)).len(), 1);
}

#[test]
fn nothing_readable_exits_two() {
    let dir = Dir::new();
    dir.create("empty.txt", "");
    dir.command().args(["extract", "empty.txt", "nope.txt"]).expect_code(2);
}

#[test]
fn bad_size_limit_is_a_usage_error() {
    let dir = Dir::new();
    let out = dir.command().args(["extract", "--max-doc-size", "12Q", "."]).output();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("max-doc-size"));
}

#[test]
fn oversized_documents_are_item_errors() {
    let dir = Dir::new();
    dir.create("big.txt", "word ".repeat(2000));
    dir.create("small.txt", "Headline\n\nShort body.\n");
    let out =
        dir.command().args(["extract", "--max-doc-size", "1K", "big.txt", "small.txt"]).output();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("big.txt"));
}

#[test]
fn seeds_extract_without_errors() {
    let seeds = repo_path("../shared/corpus/seeds");
    assert!(
        seeds.is_dir(),
        "the shared corpus is expected beside the repository at {}",
        seeds.display()
    );
    let dir = Dir::new();
    let out = json_lines(&dir.command().arg("extract").arg(&seeds).stdout());
    assert_eq!(out.len(), 5);
    for a in &out {
        let text = a["text"].as_str().unwrap();
        assert!(text.len() > 500, "{} extracted too little: {text:?}", a["id"]);
    }
}

#[test]
fn ignore_file_skips_listed_files() {
    let dir = Dir::new();
    dir.create("corpus/story.txt", "Headline\n\nA real body.\n");
    dir.create("corpus/NOTES.md", "# Notes about the corpus\n\nNot an article.\n");
    dir.create("corpus/.crosscheckignore", "NOTES.md\n");
    let out = json_lines(&dir.command().args(["extract", "corpus"]).stdout());
    assert_eq!(out.len(), 1);
    assert_eq!(out[0]["id"], "story");
}

#[test]
fn demo_corpus_extracts_every_report() {
    let out = json_lines(&Dir::new().command().arg("extract").arg(repo_path("examples")).stdout());
    let ids: Vec<&str> = out.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert!(ids.len() >= 6, "{ids:?}");
    assert!(
        !ids.iter()
            .any(|id| id.eq_ignore_ascii_case("expected") || id.eq_ignore_ascii_case("readme")),
        "{ids:?}"
    );
    // The JSON Lines records keep their own ids.
    assert!(
        ids.iter().any(|id| !id.contains(':')
            && out
                .iter()
                .any(|a| a["id"] == *id && a["source"].as_str().unwrap().contains(".jsonl"))),
        "{ids:?}"
    );
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::BufRead;
    let dir = Dir::new();
    for i in 0..400 {
        dir.create(&format!("d/{i:03}.txt"), format!("Headline {i}\n\nBody number {i} here.\n"));
    }
    for cmd in [&["extract", "d"][..], &["dedup", "--unique", "d"], &["cluster", "d"]] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_crosscheck"))
            .args(cmd)
            .current_dir(dir.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
        assert!(first.starts_with('{'), "{cmd:?}: {first}");
        // The reader is gone (like `| head -n1`): the rest of the writes hit a closed pipe.
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{cmd:?}: {err}");
        assert!(!err.contains("Broken pipe"), "{cmd:?}: {err}");
    }
}
