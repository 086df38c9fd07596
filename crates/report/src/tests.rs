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
            "The ferry Aster Line 4 ran aground off Lindholm on Monday, the harbour office said.\n\nAll 80 passengers were taken ashore by lifeboats.\n\nHarbour master Ines Valdor said the tide was unusually low. <script>alert(1)</script> was not run.",
        ),
        (
            "coast-daily",
            None,
            "80 rescued as ferry grounds near Lindholm",
            "All 80 passengers were brought ashore in lifeboats after the ferry ran aground off Lindholm.\n\nThe harbour master, Ines Waldor, blamed an unusually low tide.\n\nThe ferry operator said repairs would take a week.",
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
    assert_eq!(doc["schema"], json::SCHEMA);
    assert_eq!(doc["stories"][0]["articles"][2]["duplicate_of"], "coast-daily");
    for key in ["entities", "claims", "quotes", "conflicts", "timeline"] {
        assert!(doc["stories"][0][key].is_array(), "{key}");
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
    let kinds = defs["entity"]["properties"]["kind"]["enum"].as_array().unwrap();
    for e in story["entities"].as_array().unwrap() {
        check("entity", e);
        assert!(kinds.contains(&e["kind"]));
        e["mentions"].as_array().unwrap().iter().for_each(|s| check("span", s));
    }
    let statuses = defs["claim"]["properties"]["status"]["enum"].as_array().unwrap();
    for c in story["claims"].as_array().unwrap() {
        check("claim", c);
        assert!(statuses.contains(&c["status"]));
        c["renderings"].as_array().unwrap().iter().for_each(|s| check("span", s));
    }
}
