//! Issue 17: what a new user and an attacker hit on the command line.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::util::Dir;

/// A `crosscheck serve` child; killed on drop.
struct Served {
    child: Child,
    addr: String,
    log: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `crosscheck serve ARGS` in `dir` and waits for its address.
fn serve(dir: &Dir, args: &[&str], env: &[(&str, &str)]) -> Served {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_crosscheck"));
    cmd.current_dir(dir.path()).arg("serve").args(args).env_remove("CROSSCHECK_API_KEY");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child =
        cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut log = String::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        log.push_str(&line);
        log.push('\n');
        if let Some(at) = line.find("http://") {
            let addr = line[at + 7..].split('/').next().unwrap().to_string();
            // Keep draining stderr so that the server never blocks on it.
            std::thread::spawn(move || lines.for_each(drop));
            return Served { child, addr, log };
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the server did not start:\n{log}");
}

/// One raw HTTP/1.1 request to `addr`; the whole response.
fn http(addr: &str, request: &str) -> String {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

fn ingest_one(dir: &Dir) {
    dir.create(
        "in/bridge.txt",
        "The harbour bridge reopened on Monday after three weeks of repairs, officials said.",
    );
    dir.command().args(["ingest", "--quiet", "in"]).stdout();
}

fn post_with_key(addr: &str, key: &str) -> String {
    let body = "The ferry ran aground off the point on Monday, the harbour office said.";
    http(
        addr,
        &format!(
            "POST /api/articles?id=ferry HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n\
             Authorization: bearer {key}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    )
}

#[test]
fn issue_17_serve_takes_a_host_name_and_a_key_file() {
    let dir = Dir::new();
    ingest_one(&dir);
    dir.create("key.txt", "file-key-5678\n");
    let s = serve(&dir, &["--addr", "localhost:0", "--api-key-file", "key.txt"], &[]);
    assert!(!s.log.contains("file-key-5678"), "{}", s.log);
    let ok = post_with_key(&s.addr, "file-key-5678");
    assert!(ok.starts_with("HTTP/1.1 201"), "{ok}");
    let bad = post_with_key(&s.addr, "wrong");
    assert!(bad.starts_with("HTTP/1.1 401"), "{bad}");
    // Its own name is served; another is refused.
    let own =
        http(&s.addr, "GET /healthz HTTP/1.1\r\nHost: localhost:1\r\nConnection: close\r\n\r\n");
    assert!(own.starts_with("HTTP/1.1 200"), "{own}");
    let other =
        http(&s.addr, "GET /healthz HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
    assert!(other.starts_with("HTTP/1.1 421"), "{other}");
    assert!(!s.log.contains("\x1b["), "colours in a piped log: {:?}", s.log);
}

#[test]
fn issue_17_serve_takes_the_key_from_the_environment() {
    let dir = Dir::new();
    ingest_one(&dir);
    let s = serve(&dir, &["--addr", "127.0.0.1:0"], &[("CROSSCHECK_API_KEY", "env-key-999")]);
    assert!(post_with_key(&s.addr, "env-key-999").starts_with("HTTP/1.1 201"));
}

#[test]
fn issue_17_serve_refuses_a_missing_database_unless_asked() {
    let dir = Dir::new();
    let out = dir.command().args(["serve", "--db", "typo.db", "--addr", "127.0.0.1:0"]).output();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no story database at typo.db") && err.contains("--create"), "{err}");
    assert!(!dir.path().join("typo.db").exists(), "an empty database was created");
    let s = serve(&dir, &["--db", "typo.db", "--addr", "127.0.0.1:0", "--create"], &[]);
    assert!(dir.path().join("typo.db").exists());
    drop(s);
}

#[test]
fn issue_17_reading_commands_name_a_missing_database() {
    let dir = Dir::new();
    for args in [
        &["stories", "--db", "typo.db"][..],
        &["show", "x", "--db", "typo.db"],
        &["export", "--db", "typo.db"],
    ] {
        let out = dir.command().args(args).output();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("no story database at typo.db"), "{args:?}: {err}");
        assert!(!dir.path().join("typo.db").exists(), "{args:?} created a database");
    }
    let help = dir.command().args(["stories", "--help"]).stdout();
    assert!(!help.contains("created when missing"), "{help}");
    let help = dir.command().args(["ingest", "--help"]).stdout();
    assert!(help.contains("created when missing"), "{help}");
}

#[test]
fn issue_17_a_failed_run_prints_no_empty_document() {
    let dir = Dir::new();
    for format in ["json", "html", "md", "csv", "text"] {
        let out = dir.command().args(["fuse", "--format", format, "missing-path"]).output();
        assert_eq!(out.status.code(), Some(2), "{format}");
        assert!(out.stdout.is_empty(), "{format}: {}", String::from_utf8_lossy(&out.stdout));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("missing-path") && err.contains("no report written"), "{err}");
    }
    // Nor an empty file, and an existing one is left alone.
    dir.create("old.json", "previous report");
    let out = dir.command().args(["fuse", "-o", "old.json", "missing-path"]).output();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(dir.path().join("old.json")).unwrap(), "previous report");
    let out = dir.command().args(["fuse", "-o", "new.json", "missing-path"]).output();
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("new.json").exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "a temporary file is left");
}

#[test]
fn issue_17_output_over_an_input_is_refused() {
    let dir = Dir::new();
    let text =
        "The river rose two metres overnight in the town of Arlen, officials said on Monday.";
    dir.create("in/a.txt", text);
    let out = dir.command().args(["fuse", "in/a.txt", "-o", "in/a.txt"]).output();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is an input"));
    assert_eq!(std::fs::read_to_string(dir.path().join("in/a.txt")).unwrap(), text);
    let out = dir.command().args(["fuse", "in", "-o", "in/report.html"]).output();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("inside the input folder"));
    assert_eq!(std::fs::read_dir(dir.path().join("in")).unwrap().count(), 1);
    // Through another spelling of the same path too.
    let out = dir.command().args(["fuse", "in", "-o", "./in/../in/x.json"]).output();
    assert_eq!(out.status.code(), Some(2));
    dir.command().args(["fuse", "in", "-o", "report.html"]).stdout();
}

#[test]
fn issue_17_table_needs_csv() {
    let dir = Dir::new();
    dir.create(
        "a.txt",
        "The river rose two metres overnight in the town of Arlen, officials said.",
    );
    let out = dir.command().args(["fuse", "--table", "quotes", "a.txt"]).output();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format csv"));
    let csv = dir.command().args(["fuse", "--table", "quotes", "-o", "q.csv", "a.txt"]).output();
    assert_eq!(csv.status.code(), Some(0), "{}", String::from_utf8_lossy(&csv.stderr));
}

#[test]
fn issue_17_show_takes_the_fuse_report_flags() {
    let dir = Dir::new();
    ingest_one(&dir);
    let list = dir.command().args(["stories", "--json"]).stdout();
    let id = serde_json::from_str::<serde_json::Value>(list.lines().next().unwrap()).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let text = dir.command().args(["show", &id, "--format", "text"]).stdout();
    assert!(text.contains("Claims"), "{text}");
    let csv = dir.command().args(["show", &id, "-f", "csv", "--table", "timeline"]).stdout();
    assert!(csv.starts_with("story,date,inferred"), "{csv}");
    dir.command().args(["show", &id, "-o", "story.html"]).stdout();
    let html = std::fs::read_to_string(dir.path().join("story.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    // Piped, the default is JSON, as for fuse.
    let json = dir.command().args(["show", &id]).stdout();
    assert!(json.trim_start().starts_with('{'));
    let bad = dir.command().args(["show", &id, "--table", "quotes"]).output();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn issue_17_control_characters_never_reach_the_terminal() {
    let dir = Dir::new();
    dir.create("bad\u{1b}]0;pwned\u{7}.txt", "");
    dir.create(
        "evil\u{1b}[2J.txt",
        "Flood \u{1b}[31mwarning\u{202e} in Arlen\n\nThe river rose two metres \u{1b}]0;title\u{7}overnight in the town of Arlen, officials said on Monday.",
    );
    let out = dir.command().args(["fuse", "--format", "text", "."]).output();
    let (stdout, stderr) =
        (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    for c in ['\u{1b}', '\u{7}', '\u{202e}'] {
        assert!(!stdout.contains(c), "{c:?} in stdout: {stdout:?}");
        assert!(!stderr.contains(c), "{c:?} in stderr: {stderr:?}");
    }
    assert!(stderr.contains("bad\\u{1b}"), "{stderr}");
    let ingest = dir.command().args(["ingest", "."]).output();
    let all = [ingest.stdout, ingest.stderr].concat();
    assert!(!all.contains(&0x1b), "{}", String::from_utf8_lossy(&all));
    let list = dir.command().args(["stories"]).stdout();
    assert!(!list.contains('\u{1b}') && !list.contains('\u{202e}'), "{list:?}");
}

/// Outlets come from the page's own credit lines when nothing else names them; none is ever a
/// hash or a headline.
#[test]
fn issue_17_outlets_from_credit_lines() {
    let out = Dir::new().command().arg("extract").arg(crate::util::repo_path("examples")).stdout();
    let mut outlets = std::collections::HashMap::new();
    for line in crate::util::json_lines(&out) {
        outlets.insert(
            line["id"].as_str().unwrap().to_string(),
            (line["outlet"].as_str().map(str::to_string), line["title"].clone()),
        );
    }
    assert_eq!(outlets["saltmere-courier"].0.as_deref(), Some("Saltmere Courier"));
    assert_eq!(outlets["dalvinia-now"].0.as_deref(), Some("Dalvinia Now"));
    for (id, (outlet, title)) in &outlets {
        if let Some(o) = outlet {
            assert_ne!(title.as_str(), Some(o.as_str()), "{id}: the headline as outlet");
            assert!(!o.chars().all(|c| c.is_ascii_hexdigit()), "{id}: a hash as outlet");
        }
    }
}
