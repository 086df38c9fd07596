//! The one date reader reads the dates the extractor's former reader read: every line of every
//! report in `../shared/data/realnews` (English reports, other languages, distractors) and every
//! report's URL, compared with `resources/test/realnews_dates.txt`. That file was written by the
//! extractor's own date reader before the readers were merged (`<id> <line> <date>` for each
//! line with a date, `<id> url <date or ->` for each URL), so a difference is a change of
//! behaviour. Only ids, line numbers and dates are committed, no text. Changed on purpose since:
//! three URLs whose dates the wider URL forms read (`/2025/Sep/12/`, `/2022/1/9/slug`,
//! `/2025/11/1/slug`), each the day the report's own dateline gives.
//!
//! Set `CROSSCHECK_SHARED` to read the data from elsewhere.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crosscheck_text::dates::{date_in_url, read_date};

fn shared() -> PathBuf {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::env::var_os("CROSSCHECK_SHARED").map_or_else(|| repo.join("../shared"), PathBuf::from)
}

#[derive(serde::Deserialize)]
struct Report {
    id: String,
    url: Option<String>,
    text: String,
}

fn report_files(root: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap_or_else(|e| panic!("reading {}: {e}", root.display()))
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    let mut files = Vec::new();
    for e in entries {
        if e.is_dir() {
            files.extend(["articles.jsonl", "other-languages.jsonl"].map(|n| e.join(n)));
        } else if e.extension().is_some_and(|x| x == "jsonl") {
            files.push(e);
        }
    }
    files
}

#[test]
fn reads_the_realnews_dates_the_former_reader_read() {
    let root = shared().join("data/realnews");
    let mut got = String::new();
    for file in report_files(&root) {
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("reading {}: {e}", file.display()));
        for line in text.lines() {
            let r: Report = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("a report of {}: {e}", file.display()));
            if let Some(url) = &r.url {
                let d = date_in_url(url).map_or_else(|| "-".to_string(), |d| d.to_string());
                let _ = writeln!(got, "{} url {d}", r.id);
            }
            for (i, l) in r.text.lines().enumerate() {
                if let Some(d) = read_date(l) {
                    let _ = writeln!(got, "{} {i} {d}", r.id);
                }
            }
        }
    }
    let want_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("resources/test/realnews_dates.txt");
    let want = std::fs::read_to_string(&want_path).expect("the recorded dates");
    let diff: Vec<String> = want
        .lines()
        .zip(got.lines())
        .filter(|(w, g)| w != g)
        .map(|(w, g)| format!("was {w:?}, now {g:?}"))
        .collect();
    assert!(
        diff.is_empty() && want.lines().count() == got.lines().count(),
        "{} lines differ ({} recorded, {} read): {diff:#?}",
        diff.len(),
        want.lines().count(),
        got.lines().count()
    );
}
