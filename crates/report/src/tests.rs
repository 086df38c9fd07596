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
            published_month: None,
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

/// Checks `value` against `schema` for the keywords the generated story schema uses (`$ref`,
/// `type`, `const`, `oneOf`, `required`, `properties`, `items`, `minimum`); returns the first
/// mismatch with its JSON path.
fn check_schema(
    defs: &serde_json::Value,
    schema: &serde_json::Value,
    value: &serde_json::Value,
    path: &str,
) -> Result<(), String> {
    use serde_json::Value;
    if let Some(r) = schema["$ref"].as_str() {
        let def = &defs[r.trim_start_matches("#/$defs/")];
        assert!(def.is_object(), "dangling reference {r}");
        return check_schema(defs, def, value, path);
    }
    if let Some(options) = schema["oneOf"].as_array() {
        return if options.iter().any(|o| check_schema(defs, o, value, path).is_ok()) {
            Ok(())
        } else {
            Err(format!("{path}: {value} matches no option"))
        };
    }
    if let Some(c) = schema.get("const")
        && c != value
    {
        return Err(format!("{path}: {value} is not {c}"));
    }
    let type_ok = |t: &str| match t {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "integer" => value.is_u64() || value.is_i64(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        other => panic!("type {other} not handled"),
    };
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    if !types.is_empty() && !types.iter().any(|t| type_ok(t)) {
        return Err(format!("{path}: {value} is not {types:?}"));
    }
    if let (Some(min), Some(n)) = (schema["minimum"].as_u64(), value.as_u64())
        && n < min
    {
        return Err(format!("{path}: {n} is below {min}"));
    }
    for key in schema["required"].as_array().into_iter().flatten() {
        let key = key.as_str().unwrap();
        if value.get(key).is_none() {
            return Err(format!("{path}: lacks {key}"));
        }
    }
    if let (Some(props), Some(obj)) = (schema["properties"].as_object(), value.as_object()) {
        for (key, v) in obj {
            match props.get(key) {
                Some(p) => check_schema(defs, p, v, &format!("{path}.{key}"))?,
                None => return Err(format!("{path}: {key} is not in the schema")),
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), value.as_array()) {
        for (i, v) in arr.iter().enumerate() {
            check_schema(defs, items, v, &format!("{path}[{i}]"))?;
        }
    }
    Ok(())
}

/// The whole JSON output, every quote, conflict and timeline entry included, is valid under the
/// published JSON Schema; and the checker above does refuse what the schema does not allow.
#[test]
fn output_validates_against_the_json_schema() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/schema/crosscheck.story-1.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let defs = &schema["$defs"];
    let out: serde_json::Value = serde_json::from_str(&render(Format::Json, false)).unwrap();
    for key in ["quotes", "conflicts", "timeline"] {
        assert!(!out["stories"][0][key].as_array().unwrap().is_empty(), "the fixture has {key}");
    }
    check_schema(defs, &schema, &out, "$").unwrap();

    let mut bad = out.clone();
    bad["stories"][0]["claims"][0]["status"] = "rumour".into();
    assert!(check_schema(defs, &schema, &bad, "$").unwrap_err().contains("status"));
    let mut bad = out.clone();
    bad["stories"][0]["timeline"][0].as_object_mut().unwrap().remove("inferred");
    assert!(check_schema(defs, &schema, &bad, "$").unwrap_err().contains("lacks inferred"));
    let mut bad = out;
    bad["schema"] = "crosscheck.story/2".into();
    assert!(check_schema(defs, &schema, &bad, "$").is_err());
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

/// The test story with a hand-made reuse: coast-daily-copy copied a passage of coast-daily a
/// day later, and north-gazette credits an agency.
fn story_with_reuse() -> FusedStory {
    use crosscheck_core::story::SourceSpan;
    use crosscheck_core::{
        CreditField, OriginBasis, ReuseCluster, ReuseDirection, ReuseEdge, ReusePassage,
        StoryReuse, WireCredit,
    };
    let arts = articles();
    let span = |i: usize, text: &str| {
        let at = arts[i].raw.find(text).unwrap();
        SourceSpan {
            article: arts[i].id.clone(),
            text: text.to_string(),
            start: at as u32,
            end: (at + text.len()) as u32,
        }
    };
    let passage = "The harbour master, Ines Waldor, blamed an unusually low tide.";
    let mut s = story();
    s.reuse = Some(StoryReuse {
        edges: vec![ReuseEdge {
            a: arts[1].id.clone(),
            b: arts[2].id.clone(),
            direction: ReuseDirection::AToB,
            same_outlet: false,
            share_a: 0.25,
            share_b: 0.5,
            passages: vec![ReusePassage { a: span(1, passage), b: span(2, passage), words: 10 }],
        }],
        clusters: vec![ReuseCluster {
            articles: vec![arts[1].id.clone(), arts[2].id.clone()],
            origin: Some(arts[1].id.clone()),
            basis: OriginBasis::Earliest,
            agency: None,
        }],
        credits: vec![WireCredit {
            article: arts[0].id.clone(),
            agency: "Lindholm Press Agency".into(),
            field: CreditField::Author,
            text: "Lindholm Press Agency".into(),
            evidence: None,
        }],
    });
    s
}

fn render_story(s: &FusedStory, format: Format, table: CsvTable) -> String {
    let mut out = Vec::new();
    {
        let mut sink = sink_with(format, &mut out, SinkOptions::new().table(table));
        assert!(sink.story(s).unwrap());
        sink.finish().unwrap();
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn reuse_in_every_format() {
    let s = story_with_reuse();
    let text = render_story(&s, Format::Text, CsvTable::Claims);
    let reuse = &text[text.find("\nReuse\n").expect("a reuse section")..];
    assert!(reuse.contains("coast-daily\n    copied by coast-daily-copy (25% of it)"), "{reuse}");
    assert!(reuse.contains("coast-daily-copy\n    copied from coast-daily (50% of it)"), "{reuse}");
    assert!(
        reuse.contains("cluster coast-daily, coast-daily-copy · origin coast-daily (earliest)")
    );
    assert!(reuse.contains("credit north-gazette: Lindholm Press Agency (author:"));
    let md = render_story(&s, Format::Markdown, CsvTable::Claims);
    assert!(md.contains("## Reuse"));
    assert!(md.contains("- copied from **coast-daily** (50% of it)"));
    assert!(md.contains(
        "| The harbour master, Ines Waldor, blamed an unusually low tide. | The harbour"
    ));
    let html = render_story(&s, Format::Html, CsvTable::Claims);
    assert!(html.contains("<h2>Reuse</h2>"));
    assert!(
        html.contains(
            "<mark>The harbour master, Ines Waldor, blamed an unusually low tide.</mark>"
        )
    );
    let json = render_story(&s, Format::Json, CsvTable::Claims);
    let typed: StoryDocument = serde_json::from_str(&json).unwrap();
    assert_eq!(typed.stories[0].reuse, s.reuse, "reuse round-trips");
    // A story without reuse shows no section.
    assert!(!render(Format::Text, false).contains("\nReuse\n"));
}

#[test]
fn csv_reuse_table() {
    let out = render_story(&story_with_reuse(), Format::Csv, "reuse".parse().unwrap());
    insta::assert_snapshot!(out);
    let mut r = ::csv::Reader::from_reader(out.as_bytes());
    let rows: Vec<::csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][3], "a_to_b");
    assert_eq!(&rows[0][4], "coast-daily");
    assert_eq!(&rows[0][10], "coast-daily");
}

/// A hostile story: an article id and a claim that a spreadsheet would read as formulas. Every
/// cell of every table, headers included, comes out as text (OWASP's CSV injection rule).
#[test]
fn issue_17_csv_cells_are_never_formulas() {
    let mut arts = articles();
    arts[0].id = "=HYPERLINK(\"x\")".into();
    arts[1].id = "@evil".into();
    let text = "=1+2 ferries ran aground off Lindholm on Monday, the harbour office said.\n\n-5 passengers were taken ashore by lifeboats off Lindholm.";
    for a in &mut arts[..2] {
        a.text = text.to_string();
        a.alignment = Alignment::identity(text.len());
        a.raw = text.into();
    }
    let input = StoryInput::new(&arts);
    let s = FuserBuilder::new().build().unwrap().fuse(&input).unwrap();
    for t in CsvTable::ALL {
        let mut out = Vec::new();
        {
            let mut sink = sink_with(Format::Csv, &mut out, SinkOptions::new().table(t));
            sink.story(&s).unwrap();
            sink.finish().unwrap();
        }
        let mut r = ::csv::ReaderBuilder::new().has_headers(false).from_reader(out.as_slice());
        let mut cells = 0;
        for rec in r.records() {
            for cell in &rec.unwrap() {
                cells += 1;
                assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{t}: {cell:?}");
            }
        }
        assert!(cells > 0);
        if t == CsvTable::Claims {
            let out = String::from_utf8(out).unwrap();
            assert!(out.contains("'=HYPERLINK"), "{out}");
            assert!(out.contains("'@evil"), "{out}");
        }
    }
}

/// A hostile article: entities, markup, a right-to-left override and terminal escapes in its
/// title and text. Readable formats show it decoded once, without bidi controls, and the
/// terminal format never carries a raw control character.
#[test]
fn issue_17_readable_formats_decode_once_and_strip_controls() {
    let mut arts = articles();
    let text = "The ferry Aster Line 4 ran aground off Lindholm on Monday &mdash; the harbour office said.\n\nAll 80 passengers were taken ashore by lifeboats \u{202e}reversed.\n\nHarbour master Ines Valdor said the tide was \u{1b}]0;pwned\u{7}unusually low.";
    arts[0].text = text.to_string();
    arts[0].alignment = Alignment::identity(text.len());
    arts[0].raw = text.into();
    arts[0].title = Some("Ferry \u{1b}[2J&amp; grounds".to_string());
    arts[0].id = "north\u{1b}[31m-gazette".into();
    let input = StoryInput::new(&arts);
    let s = FuserBuilder::new().build().unwrap().fuse(&input).unwrap();
    for f in [Format::Text, Format::Markdown, Format::Html] {
        let mut out = Vec::new();
        {
            let mut sink = sink(f, &mut out, false);
            sink.story(&s).unwrap();
            sink.finish().unwrap();
        }
        let out = String::from_utf8(out).unwrap();
        assert!(!out.contains("&amp;mdash;") && !out.contains("&amp;amp;"), "{f}: {out}");
        assert!(out.contains('\u{2014}'), "{f}: the dash is shown decoded");
        assert!(!out.contains('\u{202e}'), "{f}: a bidi override is left");
        assert!(!out.contains('\u{7}') && !out.contains('\u{1b}'), "{f}: a control is left");
    }
    // The JSON keeps the raw spans.
    let mut out = Vec::new();
    {
        let mut sink = sink(Format::Json, &mut out, false);
        sink.story(&s).unwrap();
        sink.finish().unwrap();
    }
    assert!(String::from_utf8(out).unwrap().contains("&mdash;"));
}

/// The HTML report leads with a summary and a legend, links each disputed claim to its
/// conflict, keeps byte offsets to hover titles, marks only the words that differ between
/// two wordings of a quote, and gives a page of several stories a table of contents.
#[test]
fn issue_17_html_leads_with_a_summary() {
    let s = story();
    let mut one = story();
    one.id = "story-two".to_string();
    one.headline = "A second story".to_string();
    one.articles.truncate(1);
    let mut out = Vec::new();
    {
        let mut sink = sink(Format::Html, &mut out, false);
        sink.story(&s).unwrap();
        sink.story(&one).unwrap();
        sink.finish().unwrap();
    }
    let out = String::from_utf8(out).unwrap();
    let at = |needle: &str| out.find(needle).unwrap_or_else(|| panic!("no {needle:?}"));
    // Table of contents, then the first story's summary before its claims, quotes, timeline
    // and sources.
    assert!(at("<nav class=\"toc\">") < at("<article id=\"s1\">"));
    assert!(out.contains("<a href=\"#s2\">A second story</a>"));
    let order = ["Summary", "Legend", "<h2>Claims", "<h2>Quotes", "<h2>Timeline", "<h2>Sources"];
    let first = &out[..at("<article id=\"s2\">")];
    let pos: Vec<usize> = order.iter().map(|n| first.find(n).expect(n)).collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "{order:?} at {pos:?}");
    assert!(first.contains("2 independent reports in 3 articles"));
    assert!(first.contains("a wire copy or any other duplicate"));
    // Each conflict is one summary line linking to it, and disputed claims link there too.
    for n in 0..s.conflicts.len() {
        let link = format!("href=\"#s1-conflict-{n}\"");
        assert!(first.matches(&link).count() >= 2, "{link}");
        assert!(first.contains(&format!("id=\"s1-conflict-{n}\"")));
    }
    // Support counts in the text; byte offsets only in titles.
    assert!(first.contains("2 of 2 reports"));
    let visible: String = {
        let mut v = String::new();
        let mut in_tag = false;
        for c in first.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                _ if !in_tag => v.push(c),
                _ => {}
            }
        }
        v
    };
    assert!(!visible.contains("[85..134]") && !visible.contains("85..134"), "offsets shown");
    assert!(first.contains("bytes 85..134"));
    // The quote's two wordings differ in one word each.
    assert_eq!(first.matches("<mark>").count(), 2, "{first}");
    // Grammar of the one-article story.
    let second = &out[at("<article id=\"s2\">")..];
    assert!(second.contains("1 report in 1 article"), "{second}");
    assert!(
        !out.contains(" 1 reports") && !out.contains(" 1 articles") && !out.contains(" 1 lines")
    );
}

#[test]
fn issue_17_html_sources_link_to_their_web_address_only() {
    let mut s = story();
    s.articles[0].url = Some("https://harbor.example/news/bridge?a=1&b=2".into());
    s.articles[1].url = Some("javascript:alert(1)".into());
    let mut out = Vec::new();
    {
        let mut sink = sink(Format::Html, &mut out, false);
        assert!(sink.story(&s).unwrap());
        sink.finish().unwrap();
    }
    let html = String::from_utf8(out).unwrap();
    assert!(html.contains("<a href=\"https://harbor.example/news/bridge?a=1&amp;b=2\""), "{html}");
    assert!(!html.contains("javascript:"), "a script address must never become a link");
}

#[test]
fn a_sampled_story_says_so_in_every_readable_format() {
    let mut s = story();
    assert!(crate::summary::sample_note(&s).is_none(), "an unsampled story has no sample note");
    s.sampled = Some(crosscheck_core::story::Sample {
        articles_used: 2,
        articles_total: 7,
        rule: "the earliest article of each outlet first".into(),
    });
    for format in [Format::Text, Format::Markdown, Format::Html] {
        let mut out = Vec::new();
        {
            let mut sink = sink(format, &mut out, false);
            assert!(sink.story(&s).expect("renders"));
            sink.finish().expect("finishes");
        }
        let out = String::from_utf8(out).expect("utf-8");
        assert!(
            out.contains("Fused from a sample: 2 of 7 articles read"),
            "{format:?} does not say the story was sampled:\n{out}"
        );
        assert!(out.contains("earliest article of each outlet"), "{format:?} lacks the rule");
    }
}

/// An article whose input gives only a month shows that month in every article table, and the
/// JSON reads back.
#[test]
fn a_month_of_publication_shows_where_articles_are_listed() {
    let mut s = story();
    let month: crosscheck_core::Published = "2025-11".parse().unwrap();
    s.articles[1].published = Some(month);
    for format in [Format::Json, Format::Text, Format::Markdown, Format::Html] {
        let mut out = Vec::new();
        {
            let mut sink = sink(format, &mut out, false);
            assert!(sink.story(&s).unwrap());
            sink.finish().unwrap();
        }
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("2025-11") && !out.contains("2025-11-"), "{format}: {out}");
        if format == Format::Json {
            let doc: StoryDocument = serde_json::from_str(&out).unwrap();
            assert_eq!(doc.stories[0].articles[1].published, Some(month));
            assert_eq!(doc.stories[0].articles[0].published.unwrap().to_string(), "2026-05-04");
        }
    }
}

#[test]
fn a_fact_is_marked_in_its_text_or_given_after_it() {
    let story = story();
    let mut claim = story.claims[0].clone();
    claim.text = "Divers found 12 crates near the pier.".into();
    let fact = |text: &str| crosscheck_core::story::SourceSpan {
        article: "north-gazette".into(),
        text: text.into(),
        start: 0,
        end: text.len() as u32,
    };
    claim.fact = Some(fact("12 crates"));
    assert_eq!(fact_in_text(&claim), Ok(Some(("Divers found ", "12 crates", " near the pier."))));
    // Raw words the extracted text does not hold as written: given after it.
    claim.fact = Some(fact("12 <b>crates</b>"));
    assert_eq!(fact_in_text(&claim), Err("12 <b>crates</b>"));
    let mut one = story.clone();
    one.claims = vec![claim.clone()];
    let md = markdown::render(&one);
    assert!(
        md.contains("| Divers found 12 crates near the pier. (about: 12 \\<b\\>crates\\</b\\>) |"),
        "{md}"
    );
    let html = {
        let mut o = String::new();
        html::render(&mut o, &one, 0);
        o
    };
    assert!(
        html.contains("near the pier. <span class=\"fact\">about: 12 &lt;b&gt;crates"),
        "{html}"
    );
    claim.fact = Some(fact("12 crates"));
    one.claims = vec![claim.clone()];
    assert!(markdown::render(&one).contains("| Divers found **12 crates** near the pier. |"));
    let html = {
        let mut o = String::new();
        html::render(&mut o, &one, 0);
        o
    };
    assert!(
        html.contains("Divers found <mark class=\"fact\">12 crates</mark> near the pier."),
        "{html}"
    );
    // A whole-sentence claim shows no fact.
    claim.fact = Some(fact(&claim.text.clone()));
    assert_eq!(fact_in_text(&claim), Ok(None));
}
