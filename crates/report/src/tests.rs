use crosscheck_core::{Alignment, Article, Lang};
use crosscheck_fuse::{Fuser, FuserBuilder, StoryInput};

use super::*;

/// Three short reports of one invented event, written for these tests.
fn articles() -> Vec<Article> {
    let texts = [
        (
            "north-gazette",
            Some("North Gazette"),
            "Ferry runs aground off Lindholm",
            "The ferry Aster Line 4 ran aground off Lindholm on Monday, the harbour office said.\n\nAll 80 passengers were taken ashore by lifeboats.\n\nHarbour master Ines Valdor said the tide was unusually low. <script>alert(1)</script> was not run. \"We were lucky that the sea stayed calm,\" Valdor said.",
        ),
        (
            "coast-daily",
            None,
            "80 rescued as ferry grounds near Lindholm",
            "All 82 passengers were taken ashore in lifeboats after the ferry ran aground off Lindholm on Sunday.\n\nThe harbour master, Ines Waldor, blamed an unusually low tide. “We were lucky the sea stayed so calm,” Waldor said.\n\nThe ferry operator said repairs would take a week.",
        ),
        (
            "coast-daily-copy",
            None,
            "80 rescued as ferry grounds near Lindholm",
            "All 80 passengers were brought ashore in lifeboats after the ferry ran aground off Lindholm.\n\nThe harbour master, Ines Waldor, blamed an unusually low tide.",
        ),
    ];
    texts
        .into_iter()
        .map(|(id, outlet, title, text)| Article {
            id: id.into(),
            source: format!("{id}.txt"),
            url: None,
            outlet: outlet.map(str::to_string),
            title: Some(title.to_string()),
            author: None,
            published: "2026-05-04".parse().ok(),
            language: Lang::EN,
            text: text.to_string(),
            removed: vec!["Share this".to_string()],
            alignment: Alignment::identity(text.len()),
            raw: text.into(),
        })
        .collect()
}

fn story() -> FusedStory {
    let arts = articles();
    let mut input = StoryInput::new(&arts);
    input.id("story-test").duplicate(&"coast-daily-copy".into(), "coast-daily".into());
    FuserBuilder::new().build().unwrap().fuse(&input).unwrap()
}

fn render(format: Format, color: bool) -> String {
    let s = story();
    let mut out = Vec::new();
    {
        let mut sink = sink(format, &mut out, color);
        assert!(sink.story(&s).unwrap());
        sink.finish().unwrap();
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn json_snapshot() {
    let out = render(Format::Json, false);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["schema"], STORY_SCHEMA);
    // The document reads back, typed, into the story it was written from.
    let typed: StoryDocument = serde_json::from_str(&out).unwrap();
    assert_eq!(typed, StoryDocument::new(vec![story()]));
    assert_eq!(doc["stories"][0]["articles"][2]["duplicate_of"], "coast-daily");
    for key in ["entities", "claims", "quotes", "conflicts", "timeline"] {
        assert!(doc["stories"][0][key].is_array(), "{key}");
    }
    let story = &doc["stories"][0];
    for q in story["quotes"].as_array().unwrap() {
        assert!(q["speaker"].is_string() || q["speaker"].is_null());
        assert!(q["renderings"].is_array());
    }
    for k in story["conflicts"].as_array().unwrap() {
        for key in ["kind", "topic", "sides"] {
            assert!(!k[key].is_null(), "conflict {key}");
        }
        for side in k["sides"].as_array().unwrap() {
            assert!(side["value"].is_string() && side["articles"].is_array());
            assert!(side["evidence"].is_array());
        }
    }
    for t in story["timeline"].as_array().unwrap() {
        assert!(t["date"].is_string() && t["inferred"].is_boolean() && t["text"].is_string());
        assert!(t["articles"].is_array() && t["evidence"].is_array());
    }
    insta::assert_snapshot!(out);
}

#[test]
fn text_snapshot() {
    let plain = render(Format::Text, false);
    assert!(!plain.contains('\x1b'));
    insta::assert_snapshot!(plain);
    let coloured = render(Format::Text, true);
    assert!(coloured.contains("\x1b["));
}

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!(render(Format::Markdown, false));
}

#[test]
fn csv_snapshot() {
    let out = render(Format::Csv, false);
    let mut r = ::csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        header,
        ["story", "claim", "status", "sources", "north-gazette", "coast-daily", "coast-daily-copy"]
    );
    assert!(r.records().all(|rec| rec.unwrap().len() == 7));
    insta::assert_snapshot!(out);
}

#[test]
fn html_snapshot_is_self_contained_and_escaped() {
    let out = render(Format::Html, false);
    assert!(out.starts_with("<!DOCTYPE html>"));
    assert!(!out.contains("<script"), "source text must be escaped");
    assert!(out.contains("&lt;script&gt;"));
    for remote in ["http://", "https://", "src=", "<link"] {
        assert!(!out.contains(remote), "{remote}");
    }
    insta::assert_snapshot!(out);
}

#[test]
fn empty_runs_are_valid_documents() {
    for f in Format::ALL {
        let mut out = Vec::new();
        sink(f, &mut out, false).finish().unwrap();
        if f == Format::Json {
            let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
            assert_eq!(v["stories"].as_array().map(Vec::len), Some(0));
        }
    }
}

#[test]
fn formats_parse_and_print() {
    for f in Format::ALL {
        assert_eq!(f.name().parse::<Format>().unwrap(), f);
    }
    assert_eq!("markdown".parse::<Format>().unwrap(), Format::Markdown);
    assert!("pdf".parse::<Format>().is_err());
}

/// Every field the published JSON Schema requires is in the output, and every enum value
/// written is one it allows.
#[test]
fn output_has_what_the_json_schema_requires() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/schema/crosscheck.story-1.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let out: serde_json::Value = serde_json::from_str(&render(Format::Json, false)).unwrap();
    let defs = &schema["$defs"];
    let required = |def: &str| -> Vec<String> {
        defs[def]["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    let check = |def: &str, v: &serde_json::Value| {
        for key in required(def) {
            assert!(v.get(&key).is_some(), "{def} lacks {key}: {v}");
        }
    };
    assert_eq!(schema["properties"]["schema"]["const"], out["schema"]);
    let story = &out["stories"][0];
    check("story", story);
    for a in story["articles"].as_array().unwrap() {
        check("article", a);
    }
    // The values an enum property allows: inline (`enum`) or in the definition it refers to
    // (one `const` per variant, each with its description).
    let allowed = |def: &str, prop: &str| -> Vec<serde_json::Value> {
        let mut p = &defs[def]["properties"][prop];
        if let Some(r) = p["$ref"].as_str() {
            p = &defs[r.trim_start_matches("#/$defs/")];
        }
        match p["enum"].as_array() {
            Some(values) => values.clone(),
            None => p["oneOf"].as_array().unwrap().iter().map(|v| v["const"].clone()).collect(),
        }
    };
    let kinds = &allowed("entity", "kind");
    for e in story["entities"].as_array().unwrap() {
        check("entity", e);
        assert!(kinds.contains(&e["kind"]));
        e["mentions"].as_array().unwrap().iter().for_each(|s| check("span", s));
    }
    let statuses = &allowed("claim", "status");
    for c in story["claims"].as_array().unwrap() {
        check("claim", c);
        assert!(statuses.contains(&c["status"]));
        c["renderings"].as_array().unwrap().iter().for_each(|s| check("span", s));
    }
}

fn render_table(table: CsvTable) -> String {
    let s = story();
    let mut out = Vec::new();
    {
        let mut sink = sink_with(Format::Csv, &mut out, SinkOptions::new().table(table));
        assert!(sink.story(&s).unwrap());
        sink.finish().unwrap();
    }
    String::from_utf8(out).unwrap()
}

/// The fixture holds one quote in two wordings, a number conflict (80 vs 82 passengers), a
/// date conflict (Monday vs Sunday) and a timeline: every format shows all three.
#[test]
fn every_format_shows_quotes_conflicts_and_timeline() {
    let s = story();
    let quote = s.quotes.iter().find(|q| q.renderings.len() == 2).expect("a quote in two wordings");
    // Either spelling names the one harbour master.
    assert!(matches!(quote.speaker.as_deref(), Some("Ines Valdor" | "Ines Waldor")));
    assert!(s.conflicts.iter().any(|k| k.kind == crosscheck_core::story::ConflictKind::Number));
    assert!(s.conflicts.iter().any(|k| k.kind == crosscheck_core::story::ConflictKind::Date));
    assert!(!s.timeline.is_empty());
    for f in Format::ALL {
        // CSV writes one table at a time: the four together hold everything.
        let out = if f == Format::Csv {
            CsvTable::ALL.into_iter().map(render_table).collect::<String>()
        } else {
            render(f, false)
        };
        for needle in ["We were lucky", "82", "2026-05-03", "2026-05-04"] {
            assert!(out.contains(needle), "{f} lacks {needle}");
        }
    }
}

#[test]
fn csv_tables() {
    let heads = |t: CsvTable| -> Vec<String> {
        let out = render_table(t);
        let mut r = ::csv::Reader::from_reader(out.as_bytes());
        let h: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
        let n = h.len();
        assert!(r.records().all(|rec| rec.unwrap().len() == n), "{t}: ragged rows");
        h
    };
    assert_eq!(heads(CsvTable::Claims)[..4], ["story", "claim", "status", "sources"]);
    assert_eq!(heads(CsvTable::Quotes)[..5], ["story", "speaker", "role", "anonymous", "sources"]);
    assert_eq!(
        heads(CsvTable::Conflicts),
        ["story", "conflict", "kind", "topic", "value", "articles", "evidence"]
    );
    assert_eq!(
        heads(CsvTable::Timeline),
        ["story", "date", "inferred", "what", "articles", "evidence"]
    );
    insta::assert_snapshot!("csv_quotes", render_table(CsvTable::Quotes));
    insta::assert_snapshot!("csv_conflicts", render_table(CsvTable::Conflicts));
    insta::assert_snapshot!("csv_timeline", render_table(CsvTable::Timeline));
    for t in CsvTable::ALL {
        assert_eq!(t.name().parse::<CsvTable>().unwrap(), t);
    }
    assert!("people".parse::<CsvTable>().is_err());
}
