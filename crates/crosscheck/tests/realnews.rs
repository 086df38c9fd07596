//! Conflicts on real coverage: each event of `../shared/data/realnews` is fused end to end and
//! its conflicts are scored against the event's gold the way `score_story.py` scores them (a
//! gold conflict is found when each of its side patterns matches some side's value or
//! evidence; a trap is raised when a conflict matches a trap's patterns and no real conflict's).
//! The floors are the scores reached when this test was written; a change that lowers one, or
//! raises a trap, fails here. Gold patterns the `regex` crate cannot compile (look-arounds) are
//! counted as not found and reported.

#![expect(clippy::print_stderr, reason = "the test reports what it measured per event")]

use std::path::{Path, PathBuf};

use crosscheck::PipelineBuilder;
use crosscheck::fuse::{Conflict, ConflictSide, FusedStory, FuserBuilder};
use regex::RegexBuilder;

fn shared() -> PathBuf {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::env::var_os("CROSSCHECK_SHARED").map_or_else(|| repo.join("../shared"), PathBuf::from)
}

fn fuse(path: &Path) -> FusedStory {
    let pipeline = PipelineBuilder::new().build();
    let fuser = FuserBuilder::new().build().unwrap();
    let mut stories = Vec::new();
    pipeline.fuse(
        &[path.to_path_buf()],
        &fuser,
        |e| panic!("{e}"),
        |s| {
            stories.push(s.unwrap());
            true
        },
    );
    stories.into_iter().max_by_key(|s| s.articles.len()).expect("a story")
}

fn side_text(side: &ConflictSide) -> String {
    let mut t = side.value.clone();
    for e in &side.evidence {
        t.push(' ');
        t.push_str(&e.text);
    }
    t
}

/// Whether every pattern matches some side of `c` (`None` when a pattern does not compile).
fn matches(c: &Conflict, patterns: &[serde_json::Value]) -> Option<bool> {
    if c.sides.len() < 2 {
        return Some(false);
    }
    let texts: Vec<String> = c.sides.iter().map(side_text).collect();
    for p in patterns {
        let re = RegexBuilder::new(p.as_str()?).case_insensitive(true).build().ok()?;
        if !texts.iter().any(|t| re.is_match(t)) {
            return Some(false);
        }
    }
    Some(true)
}

/// (gold conflicts found, gold conflicts, traps raised).
fn score(event: &str) -> (usize, usize, usize) {
    let dir = shared().join("data/realnews").join(event);
    assert!(
        dir.is_dir(),
        "{} is missing: the shared data must sit beside the repository",
        dir.display()
    );
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).unwrap()).unwrap();
    let story = fuse(&dir.join("articles.jsonl"));
    let real = gold["conflicts"].as_array().unwrap();
    let mut found = 0;
    for g in real {
        let pats = g["side_patterns"].as_array().unwrap();
        let hit = story.conflicts.iter().map(|c| matches(c, pats)).collect::<Option<Vec<bool>>>();
        match hit {
            Some(h) => found += usize::from(h.iter().any(|&x| x)),
            None => {
                eprintln!("{event}: gold conflict {} has a pattern regex cannot compile", g["id"]);
            }
        }
    }
    let mut traps = 0;
    for t in gold["false_conflicts"].as_array().unwrap() {
        let pats = t["side_patterns"].as_array().unwrap();
        let raised = story.conflicts.iter().any(|c| {
            matches(c, pats) == Some(true)
                && !real
                    .iter()
                    .any(|g| matches(c, g["side_patterns"].as_array().unwrap()) == Some(true))
        });
        if raised {
            eprintln!("{event}: trap {} raised", t["id"]);
            traps += 1;
        }
    }
    (found, real.len(), traps)
}

#[test]
fn conflicts_found_and_traps_quiet_on_real_coverage() {
    // (event, gold conflicts found at least, traps raised at most)
    let floors = [
        ("hk-tai-po-fire", 6, 0),
        ("bolsonaro-verdict", 4, 0),
        ("kimberly-clark-kenvue", 4, 0),
        ("lecornu-resigns", 4, 0),
        ("world-series-game7", 4, 0),
    ];
    for (event, min_found, max_traps) in floors {
        let (found, total, traps) = score(event);
        eprintln!("{event}: {found} of {total} conflicts, {traps} traps");
        assert!(
            found >= min_found,
            "{event}: {found} of {total} gold conflicts (floor {min_found})"
        );
        assert!(traps <= max_traps, "{event}: {traps} traps raised (at most {max_traps})");
    }
}

/// No two claims of a real story cite exactly the same renderings: such a claim would repeat
/// another under another place in the list.
#[test]
fn no_claim_repeats_another_on_real_coverage() {
    for event in [
        "hk-tai-po-fire",
        "bolsonaro-verdict",
        "kimberly-clark-kenvue",
        "lecornu-resigns",
        "world-series-game7",
    ] {
        let story = fuse(&shared().join("data/realnews").join(event).join("articles.jsonl"));
        let mut seen = std::collections::HashSet::new();
        for c in &story.claims {
            let key: Vec<(String, u32, u32)> =
                c.renderings.iter().map(|r| (r.article.to_string(), r.start, r.end)).collect();
            assert!(seen.insert(key), "{event}: claim repeated: {}", c.text);
        }
    }
}
