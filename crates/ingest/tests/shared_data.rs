//! `Ingest::read` over the real pages and articles in `../shared/data` (read at run time,
//! never copied): every page must come through as one HTML document, decoded, and nothing may
//! fail but the pages that are empty.

use std::io::Read;
use std::path::{Path, PathBuf};

use crosscheck_core::Format;
use crosscheck_ingest::IngestBuilder;

fn shared() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    assert!(
        dir.is_dir(),
        "{} is missing: it sits beside the repository on every machine",
        dir.display()
    );
    dir
}

#[test]
fn extraction_benchmark_pages() {
    let data = shared().join("extraction");
    let folders: Vec<PathBuf> =
        ["scrapinghub-aeb/html", "trafilatura-eval/html", "wcxb/dev/html", "wcxb/test/html"]
            .iter()
            .map(|f| data.join(f))
            .filter(|p| p.is_dir())
            .collect();
    assert!(!folders.is_empty());
    let files: usize = folders.iter().map(|f| std::fs::read_dir(f).unwrap().count()).sum();
    let ingest = IngestBuilder::new().build();
    let (mut docs, mut errors, mut decoded) = (0, Vec::new(), 0);
    for item in ingest.read(&folders) {
        match item {
            Ok(d) => {
                docs += 1;
                assert_eq!(d.format, Format::Html, "{}", d.source);
                assert!(d.source.contains(".html"), "{}", d.source);
                decoded += usize::from(d.original.is_some());
            }
            Err(e) => errors.push((e.item.clone(), e.to_string())),
        }
    }
    // The only failures allowed are pages that are truly empty (the data set has one).
    for (path, err) in &errors {
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
            .read_to_end(&mut bytes)
            .unwrap();
        assert!(err.ends_with("empty document") && bytes.trim_ascii().is_empty(), "{err}");
    }
    assert!(errors.len() <= 2, "{errors:#?}");
    assert_eq!(docs + errors.len(), files, "one item per page");
    // A few of these pages are in legacy charsets (26 at the time of writing); they must have
    // been decoded and kept their original bytes.
    assert!(decoded > 0 && decoded < docs / 10, "{decoded} of {docs} pages decoded");
}

#[test]
fn ecbplus_articles() {
    let path = shared().join("ecbplus/articles.jsonl");
    let lines =
        std::fs::read_to_string(&path).unwrap().lines().filter(|l| !l.trim().is_empty()).count();
    let ingest = IngestBuilder::new().build();
    let docs: Vec<_> = ingest.read(&[path]).collect::<Result<_, _>>().unwrap();
    assert_eq!(docs.len(), lines);
    assert!(docs.iter().all(|d| d.format == Format::Text && !d.content.is_empty()));
    let mut ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), docs.len(), "ids come from the `id` field and are unique");
}
