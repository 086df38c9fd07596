//! `Ingest::read` over the committed fixtures in `resources/test/` (written by
//! `resources/make_fixtures.py`), and over generated oversized input.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crosscheck_core::{Format, RawDoc};
use crosscheck_ingest::{IngestBuilder, IngestError, IngestErrorKind};

const FIXTURES: &str = "resources/test";

fn read(paths: &[PathBuf], limit: usize) -> Vec<Result<RawDoc, IngestError>> {
    let mut b = IngestBuilder::new();
    b.max_doc_bytes(limit);
    b.build().read(paths).collect()
}

/// One line per item: a document's id, source, format, metadata and the start of its content,
/// or an error's message.
fn describe(items: &[Result<RawDoc, IngestError>]) -> String {
    let mut out = String::new();
    for item in items {
        match item {
            Ok(d) => {
                let m = &d.meta;
                let excerpt: String = d.content.chars().take(70).collect();
                writeln!(out, "{} | {} | {:?}", d.id, d.source, d.format).unwrap();
                let fields = [
                    ("url", m.url.clone()),
                    ("outlet", m.outlet.clone()),
                    ("title", m.title.clone()),
                    ("author", m.author.clone()),
                    ("published", m.published.map(|p| p.to_string())),
                    ("language", m.language.map(|l| l.to_string())),
                    ("fetched", m.fetched.clone()),
                    ("original", d.original.as_ref().map(|o| format!("{} bytes", o.len()))),
                ];
                for (k, v) in fields {
                    if let Some(v) = v {
                        writeln!(out, "    {k}: {v}").unwrap();
                    }
                }
                writeln!(out, "    content: {excerpt:?}").unwrap();
            }
            Err(e) => writeln!(out, "ERROR {e}").unwrap(),
        }
    }
    out
}

#[test]
fn fixture_folder() {
    let items = read(&[PathBuf::from(FIXTURES)], 1 << 20);
    insta::assert_snapshot!(describe(&items));
}

#[test]
fn fixture_folder_order_ids_and_errors() {
    let items = read(&[PathBuf::from(FIXTURES)], 1 << 20);
    let ids: Vec<&str> =
        items.iter().filter_map(|i| i.as_ref().ok()).map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "a-plain",
            "b-notes",
            "c-latin1",
            "d-feed:1",
            "ort-bell-1",
            "wire-7",
            "no-date",
            "arr-1",
            "e-array:2",
            "f-single",
            "urn:uuid:5e1f0000-0000-4000-8000-000000000003",
            "urn:uuid:5e1f0000-0000-4000-8000-000000000007",
            "urn:uuid:5e1f0000-0000-4000-8000-000000000009",
            // The same records cut inside the third: the first is read (its id taken, so it
            // gets a suffix), the second is RSS.
            "urn:uuid:5e1f0000-0000-4000-8000-000000000007~2",
            "j-page",
            "sniffed-1",
            "o-utf16",
            "p-story",
            "inner",
            "z-last",
        ]
    );
    let errors: Vec<(&str, &IngestErrorKind)> =
        items.iter().filter_map(|i| i.as_ref().err()).map(|e| (e.item.as_str(), &e.kind)).collect();
    let at = |name: &str| -> &IngestErrorKind {
        let want = Path::new(FIXTURES).join(name).display().to_string();
        errors
            .iter()
            .find(|(item, _)| *item == want)
            .map_or_else(|| panic!("no error for {want}: {errors:?}"), |(_, k)| *k)
    };
    assert!(matches!(at("d-feed.jsonl:3"), IngestErrorKind::Malformed(_)));
    assert!(matches!(at("e-array.json#3"), IngestErrorKind::Malformed(_)));
    assert!(matches!(at("i-cut.warc.gz#3"), IngestErrorKind::Decompress(_)));
    assert!(matches!(at("k-truncated.txt.gz"), IngestErrorKind::Decompress(_)));
    assert!(matches!(at("l-empty.txt"), IngestErrorKind::Empty));
    assert!(matches!(at("m-blob.dat"), IngestErrorKind::Binary));
    assert_eq!(errors.len(), 6, "{errors:?}");
    assert!(items.iter().flatten().all(|d| !d.source.contains(".hidden")));

    let doc = |id: &str| items.iter().flatten().find(|d| d.id.as_str() == id).unwrap();
    assert_eq!(doc("c-latin1").format, Format::Html);
    assert!(doc("c-latin1").content.contains("Fête à Castelmare"));
    assert!(doc("c-latin1").original.is_some());
    assert_eq!(doc("wire-7").format, Format::Html);
    assert_eq!(doc("p-story").format, Format::Html, "sniffed");
    assert!(
        doc("urn:uuid:5e1f0000-0000-4000-8000-000000000003")
            .content
            .contains("ferry – repaired – sailed")
    );
}

#[test]
fn paths_keep_the_given_order() {
    let dir = Path::new(FIXTURES);
    let items =
        read(&[dir.join("b-notes.md"), dir.join("a-plain.txt"), dir.join("q-nested")], 1 << 20);
    let ids: Vec<String> = items.into_iter().map(|i| i.unwrap().id.to_string()).collect();
    assert_eq!(ids, ["b-notes", "a-plain", "inner", "z-last"]);
}

#[test]
fn hidden_paths_given_explicitly_are_read() {
    let items = read(&[Path::new(FIXTURES).join(".hidden.txt")], 1 << 20);
    assert_eq!(items[0].as_ref().unwrap().id.as_str(), ".hidden");
}

/// A single line far over the limit, plain or gzipped, is one item error; the lines around it
/// are read.
#[test]
fn huge_line_is_one_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut body = Vec::new();
    body.extend_from_slice(b"{\"text\": \"before\"}\n{\"text\": \"");
    body.resize(body.len() + 8 * 1024 * 1024, b'x');
    body.extend_from_slice(b"\"}\n{\"text\": \"after\"}\n");
    std::fs::write(dir.path().join("big.jsonl"), &body).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&body).unwrap();
    std::fs::write(dir.path().join("big2.jsonl.gz"), gz.finish().unwrap()).unwrap();
    std::fs::write(dir.path().join("big3.txt"), &body).unwrap();

    let items = read(&[dir.path().to_path_buf()], 1 << 20);
    let got: Vec<String> = items
        .iter()
        .map(|i| match i {
            Ok(d) => d.id.to_string(),
            Err(e) => format!(
                "{}: {:?}",
                Path::new(&e.item).file_name().unwrap().to_string_lossy(),
                e.kind
            ),
        })
        .collect();
    assert_eq!(
        got,
        [
            "big:1",
            "big.jsonl:2: TooLarge { limit: 1048576 }",
            "big:3",
            "big2:1",
            "big2.jsonl.gz:2: TooLarge { limit: 1048576 }",
            "big2:3",
            "big3.txt: TooLarge { limit: 1048576 }",
        ]
    );
}
