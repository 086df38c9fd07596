use std::io::Cursor;

use proptest::prelude::*;

use super::*;

fn origin() -> Origin {
    Origin { source: "in/feed.jsonl".into(), stem: "feed".into() }
}

fn jsonl(input: &str, limit: usize) -> Vec<Item> {
    JsonlReader::new(Box::new(Cursor::new(input.as_bytes().to_vec())), origin(), limit).collect()
}

fn json(input: &str, limit: usize) -> Vec<Item> {
    JsonReader::new(Box::new(Cursor::new(input.as_bytes().to_vec())), origin(), limit).collect()
}

/// `id` for documents, `!item: message` for errors.
fn summary(items: &[Item]) -> Vec<String> {
    items
        .iter()
        .map(|i| match i {
            Ok(d) => format!("{} @ {}", d.id, d.source),
            Err(e) => format!("!{e}"),
        })
        .collect()
}

#[test]
fn news_please_record() {
    let line = r#"{"maintext": "The dam held.", "title": "Dam holds", "date_publish": "2025-11-19 08:00:00", "source_domain": "example.org", "url": "https://www.example.org/a", "language": "en", "authors": ["A. Writer", "B. Writer"], "date_download": "2025-11-20 01:02:03"}"#;
    let items = jsonl(line, 1000);
    let d = items[0].as_ref().unwrap();
    assert_eq!(d.id.as_str(), "feed:1");
    assert_eq!(d.source, "in/feed.jsonl:1");
    assert_eq!(d.format, Format::Text);
    assert_eq!(&*d.content, "The dam held.");
    assert_eq!(d.meta.title.as_deref(), Some("Dam holds"));
    assert_eq!(d.meta.outlet.as_deref(), Some("example.org"));
    assert_eq!(d.meta.url.as_deref(), Some("https://www.example.org/a"));
    assert_eq!(d.meta.author.as_deref(), Some("A. Writer, B. Writer"));
    assert_eq!(d.meta.published.map(|p| p.to_string()).as_deref(), Some("2025-11-19"));
    assert_eq!(d.meta.language, Some(Lang::EN));
    assert_eq!(d.meta.fetched.as_deref(), Some("2025-11-20 01:02:03"));
}

#[test]
fn trafilatura_record() {
    let line = r#"{"id": "t-9", "text": "Body.", "raw_text": "Raw body.", "title": "T", "date": "2025-11-18", "hostname": "news.example", "source": "https://news.example/x", "source-hostname": "Example News", "author": "C. Reporter"}"#;
    let d = jsonl(line, 1000).remove(0).unwrap();
    assert_eq!(d.id.as_str(), "t-9");
    assert_eq!(&*d.content, "Body.");
    assert_eq!(d.meta.url.as_deref(), Some("https://news.example/x"));
    assert_eq!(d.meta.outlet.as_deref(), Some("Example News"));
    assert_eq!(d.meta.author.as_deref(), Some("C. Reporter"));
    assert_eq!(d.meta.published.map(|p| p.to_string()).as_deref(), Some("2025-11-18"));
}

#[test]
fn plain_record_with_html_only() {
    let line = r#"{"id": 17, "html": "<p>Hi</p>", "url": "http://www.paper.example/p", "published": "soon"}"#;
    let d = jsonl(line, 1000).remove(0).unwrap();
    assert_eq!(d.id.as_str(), "17");
    assert_eq!(d.format, Format::Html);
    assert_eq!(&*d.content, "<p>Hi</p>");
    assert_eq!(d.meta.outlet.as_deref(), Some("paper.example"), "host of the url as a fallback");
    assert_eq!(d.meta.published, None, "an unreadable date is no error");
}

#[test]
fn a_month_alone_is_kept_and_a_day_wins() {
    let month = jsonl(r#"{"text": "T", "published": "2025-11"}"#, 100).remove(0).unwrap();
    assert_eq!(month.meta.published, None);
    assert_eq!(month.meta.published_month.map(|m| m.to_string()).as_deref(), Some("2025-11"));
    let both = r#"{"text": "T", "date": "2025-10", "published": "2025-11-19"}"#;
    let day = jsonl(both, 100).remove(0).unwrap();
    assert_eq!(day.meta.published.map(|p| p.to_string()).as_deref(), Some("2025-11-19"));
    assert_eq!(day.meta.published_month, None, "a day always wins");
    let bad = jsonl(r#"{"text": "T", "published": "2025-13"}"#, 100).remove(0).unwrap();
    assert_eq!((bad.meta.published, bad.meta.published_month), (None, None));
}

#[test]
fn text_wins_over_html() {
    let d = jsonl(r#"{"text": "T", "html": "<p>H</p>"}"#, 100).remove(0).unwrap();
    assert_eq!((d.format, &*d.content), (Format::Text, "T"));
}

#[test]
fn bad_lines_are_items_and_the_rest_is_read() {
    let input = "{\"text\": \"one\"}\n\n{\"text\": \"two\",}\n[1]\n{\"title\": \"no body\"}\n{\"text\": \"  \"}\n\u{feff}{\"text\": \"six\"}\r\n{\"text\": \"seven\"}";
    insta::assert_debug_snapshot!(summary(&jsonl(input, 1000)), @r#"
    [
        "feed:1 @ in/feed.jsonl:1",
        "!in/feed.jsonl:3: invalid json: trailing comma at column 16",
        "!in/feed.jsonl:4: expected a json object, found an array",
        "!in/feed.jsonl:5: record has no text or html field",
        "!in/feed.jsonl:6: empty document",
        "!in/feed.jsonl:7: invalid json: expected value at column 1",
        "feed:8 @ in/feed.jsonl:8",
    ]
    "#);
}

#[test]
fn long_lines_are_skipped_and_counted() {
    let long = format!("{{\"text\": \"{}\"}}", "x".repeat(10_000));
    let input = format!("{{\"text\": \"a\"}}\n{long}\n{{\"text\": \"b\"}}\n");
    let items = jsonl(&input, 100);
    assert_eq!(
        summary(&items),
        [
            "feed:1 @ in/feed.jsonl:1",
            "!in/feed.jsonl:2: document is larger than the limit of 100 bytes",
            "feed:3 @ in/feed.jsonl:3",
        ]
    );
    // The limit counts the line without its terminator.
    let exact = r#"{"text": "abc"}"#;
    assert!(jsonl(&format!("{exact}\r\n"), exact.len())[0].is_ok());
    assert!(jsonl(exact, exact.len() - 1)[0].is_err());
}

#[test]
fn long_lines_are_not_buffered() {
    let mut r = JsonlReader::new(
        Box::new(Cursor::new(format!("{}\n{{\"text\":\"ok\"}}", "y".repeat(1 << 20)).into_bytes())),
        origin(),
        1000,
    );
    assert!(r.next().unwrap().is_err());
    assert!(r.buf.capacity() <= 64 * 1024, "held {} bytes", r.buf.capacity());
    assert_eq!(&*r.next().unwrap().unwrap().content, "ok");
}

#[test]
fn blank_file_is_empty() {
    assert_eq!(summary(&jsonl("\n \n\r\n", 100)), ["!in/feed.jsonl: empty document"]);
    assert_eq!(summary(&json("  ", 100)), ["!in/feed.jsonl: empty document"]);
    assert_eq!(summary(&json("[ ]", 100)), ["!in/feed.jsonl: empty document"]);
}

#[test]
fn arrays_stream_elements() {
    let input = r#"[ {"text": "a"}, {"text": "b, [with] {brackets} and \"quotes\""}, 3, {"text": "c",}, {"id": "x", "text": "d"} ]"#;
    let items = json(input, 1000);
    assert_eq!(
        summary(&items),
        [
            "feed:1 @ in/feed.jsonl#1",
            "feed:2 @ in/feed.jsonl#2",
            "!in/feed.jsonl#3: expected a json object, found a number",
            "!in/feed.jsonl#4: invalid json: trailing comma at column 14",
            "x @ in/feed.jsonl#5",
        ]
    );
    assert_eq!(&*items[1].as_ref().unwrap().content, r#"b, [with] {brackets} and "quotes""#);
}

#[test]
fn truncated_array_yields_good_elements_then_one_error() {
    let items = json(r#"[{"text": "a"}, {"text": "b"}, {"text": "c"#, 1000);
    assert_eq!(
        summary(&items),
        [
            "feed:1 @ in/feed.jsonl#1",
            "feed:2 @ in/feed.jsonl#2",
            "!in/feed.jsonl#3: json ends inside a value",
        ]
    );
    let items = json(r#"[{"text": "a"} "#, 1000);
    assert_eq!(
        summary(&items),
        ["feed:1 @ in/feed.jsonl#1", "!in/feed.jsonl: json array ends before its closing ]",]
    );
    let items = json(r#"[{"text": "a"} {"text": "b"}]"#, 1000);
    assert_eq!(
        summary(&items),
        ["feed:1 @ in/feed.jsonl#1", "!in/feed.jsonl: expected , or ] after element 1, found '{'",]
    );
}

#[test]
fn big_elements_are_skipped() {
    let input = format!(r#"[{{"text": "{}"}}, {{"text": "ok"}}]"#, "z".repeat(5000));
    assert_eq!(
        summary(&json(&input, 200)),
        [
            "!in/feed.jsonl#1: document is larger than the limit of 200 bytes",
            "feed:2 @ in/feed.jsonl#2",
        ]
    );
}

#[test]
fn a_lone_object_is_the_whole_file() {
    let items = json("{\n  \"text\": \"whole\",\n  \"title\": \"One\"\n}\n", 1000);
    assert_eq!(summary(&items), ["feed @ in/feed.jsonl"]);
    let items = json("{\"text\": \"a\"}\n{\"text\": \"b\"}", 1000);
    assert_eq!(summary(&items), ["feed:1 @ in/feed.jsonl#1", "feed:2 @ in/feed.jsonl#2"]);
}

#[test]
fn multi_line_errors_keep_the_line() {
    let items = json("[{\n\"text\": \"a\",\n\"x\": tru\n}]", 1000);
    assert_eq!(
        summary(&items),
        ["!in/feed.jsonl#1: invalid json: expected ident at line 4 column 0"]
    );
}

fn arb_record() -> impl Strategy<Value = (String, Option<String>)> {
    ("\\PC{1,40}", proptest::option::of("[a-z0-9-]{1,8}"))
}

proptest! {
    #[test]
    fn jsonl_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2048), limit in 1usize..256) {
        let r = JsonlReader::new(Box::new(Cursor::new(bytes)), origin(), limit);
        for _ in r {}
    }

    #[test]
    fn json_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2048), limit in 1usize..256) {
        let r = JsonReader::new(Box::new(Cursor::new(bytes)), origin(), limit);
        for _ in r.take(10_000) {}
    }

    #[test]
    fn json_like_input_never_panics(s in "[\\[\\]{}\",:\\\\ a-z0-9\n]{0,200}") {
        for _ in JsonReader::new(Box::new(Cursor::new(s.clone().into_bytes())), origin(), 64).take(10_000) {}
        for _ in JsonlReader::new(Box::new(Cursor::new(s.into_bytes())), origin(), 64) {}
    }

    /// Whatever the texts and ids, JSON Lines and a JSON array of the same records read back
    /// the same documents, in order.
    #[test]
    fn lines_and_arrays_round_trip(records in proptest::collection::vec(arb_record(), 1..8)) {
        let objs: Vec<String> = records
            .iter()
            .map(|(text, id)| {
                let mut m = serde_json::Map::new();
                m.insert("text".into(), text.clone().into());
                if let Some(id) = id {
                    m.insert("id".into(), id.clone().into());
                }
                Value::Object(m).to_string()
            })
            .collect();
        let from_lines = jsonl(&objs.join("\n"), 1 << 20);
        let from_array = json(&format!("[{}]", objs.join(",\n")), 1 << 20);
        prop_assert_eq!(from_lines.len(), records.len());
        prop_assert_eq!(from_array.len(), records.len());
        for (n, ((text, id), (a, b))) in records.iter().zip(from_lines.iter().zip(&from_array)).enumerate() {
            let blank = text.trim().is_empty();
            match (a, b) {
                (Ok(a), Ok(b)) => {
                    prop_assert!(!blank);
                    prop_assert_eq!(&*a.content, text.as_str());
                    prop_assert_eq!(&a.content, &b.content);
                    let want = id.clone().unwrap_or(format!("feed:{}", n + 1));
                    prop_assert_eq!(a.id.as_str(), want.as_str());
                    prop_assert_eq!(&a.id, &b.id);
                }
                (Err(a), Err(b)) => {
                    prop_assert!(blank);
                    prop_assert!(matches!(a.kind, IngestErrorKind::Empty));
                    prop_assert!(matches!(b.kind, IngestErrorKind::Empty));
                }
                _ => prop_assert!(false, "lines and array disagree on {text:?}"),
            }
        }
    }
}
