use std::io::{Cursor, Write};

use proptest::prelude::*;

use super::*;

/// One WARC record with `fields` and `block`, as WARC writers frame it.
pub(crate) fn rec(kind: &str, n: u32, fields: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012}>\r\nWARC-Date: 2025-11-19T08:0{n}:00Z\r\nContent-Length: {}\r\n",
        block.len()
    )
    .into_bytes();
    for (k, v) in fields {
        out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

pub(crate) fn http(status: &str, headers: &[&str], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\n").into_bytes();
    for h in headers {
        out.extend_from_slice(format!("{h}\r\n").as_bytes());
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body);
    out
}

pub(crate) fn response(n: u32, url: &str, http: &[u8]) -> Vec<u8> {
    rec(
        "response",
        n,
        &[("WARC-Target-URI", url), ("Content-Type", "application/http; msgtype=response")],
        http,
    )
}

pub(crate) fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn read(bytes: Vec<u8>, limit: usize) -> Vec<Item> {
    let origin = Origin { source: "crawl.warc".into(), stem: "crawl".into() };
    WarcReader::new(Box::new(Cursor::new(bytes)), origin, limit).collect()
}

pub(crate) fn summary(items: &[Item]) -> Vec<String> {
    items
        .iter()
        .map(|i| match i {
            Ok(d) => format!("{} @ {}", d.id, d.source),
            Err(e) => format!("!{e}"),
        })
        .collect()
}

const PAGE: &[u8] =
    b"<html><head><title>Flood</title></head><body><p>The river rose.</p></body></html>";

pub(crate) fn sample() -> Vec<u8> {
    let mut w =
        rec("warcinfo", 1, &[("Content-Type", "application/warc-fields")], b"software: hand\r\n");
    w.extend(rec(
        "request",
        2,
        &[("Content-Type", "application/http; msgtype=request")],
        b"GET / HTTP/1.1\r\nHost: a\r\n\r\n",
    ));
    w.extend(response(
        3,
        "https://www.daily.example/flood",
        &http("200 OK", &["Content-Type: text/html; charset=utf-8"], PAGE),
    ));
    w.extend(rec(
        "metadata",
        4,
        &[("Content-Type", "application/warc-fields")],
        b"fetchTimeMs: 12\r\n",
    ));
    w.extend(response(
        5,
        "https://daily.example/logo.png",
        &http("200 OK", &["Content-Type: image/png"], b"\x89PNG\0\0"),
    ));
    w.extend(response(
        6,
        "https://daily.example/old",
        &http("301 Moved Permanently", &["Location: /new"], b""),
    ));
    w.extend(response(
        7,
        "<https://other.example/story>",
        &http("200 OK", &["Content-Type: text/html"], b"<p>Second story.</p>"),
    ));
    w
}

#[test]
fn html_responses_become_documents() {
    let items = read(sample(), 1 << 20);
    assert_eq!(
        summary(&items),
        [
            "urn:uuid:00000000-0000-0000-0000-000000000003 @ crawl.warc#3",
            "urn:uuid:00000000-0000-0000-0000-000000000007 @ crawl.warc#7",
        ]
    );
    let d = items[0].as_ref().unwrap();
    assert_eq!(d.format, Format::Html);
    assert_eq!(d.content.as_bytes(), PAGE);
    assert_eq!(d.meta.url.as_deref(), Some("https://www.daily.example/flood"));
    assert_eq!(d.meta.outlet.as_deref(), Some("daily.example"));
    assert_eq!(d.meta.fetched.as_deref(), Some("2025-11-19T08:03:00Z"));
    let d = items[1].as_ref().unwrap();
    assert_eq!(
        d.meta.url.as_deref(),
        Some("https://other.example/story"),
        "angle brackets of WARC 1.0 dropped"
    );
}

#[test]
fn every_truncation_yields_the_good_records_then_at_most_one_error() {
    let full = sample();
    let whole = read(full.clone(), 1 << 20);
    for cut in 0..full.len() {
        let items = read(full[..cut].to_vec(), 1 << 20);
        let errors = items.iter().filter(|i| i.is_err()).count();
        assert!(errors <= 1, "cut at {cut}: {:?}", summary(&items));
        if errors == 1 {
            assert!(items.last().unwrap().is_err(), "the error comes last");
        }
        for (got, want) in items.iter().filter_map(|i| i.as_ref().ok()).zip(&whole) {
            assert_eq!(got, want.as_ref().unwrap(), "cut at {cut}");
        }
    }
    let items = read(full[..full.len() - 30].to_vec(), 1 << 20);
    assert_eq!(
        summary(&items),
        [
            "urn:uuid:00000000-0000-0000-0000-000000000003 @ crawl.warc#3",
            "!crawl.warc#7: truncated warc record: 38 of 64 block bytes",
        ]
    );
}

#[test]
fn chunked_and_gzipped_bodies_are_decoded() {
    let chunked = b"19\r\n<p>Chunked body, part one\r\n5;ext=1\r\n.</p>\r\n0\r\n\r\n";
    let mut w = response(
        1,
        "http://a.example/1",
        &http("200 OK", &["Content-Type: text/html", "Transfer-Encoding: chunked"], chunked),
    );
    let zipped = gzip(b"<p>Zipped body.</p>");
    w.extend(response(
        2,
        "http://a.example/2",
        &http("200 OK", &["Content-Type: text/html", "Content-Encoding: gzip"], &zipped),
    ));
    // Common Crawl keeps the header but stores the body decoded.
    w.extend(response(
        3,
        "http://a.example/3",
        &http("200 OK", &["Content-Type: text/html", "Content-Encoding: gzip"], b"<p>Plain.</p>"),
    ));
    w.extend(response(
        4,
        "http://a.example/4",
        &http("200 OK", &["Content-Type: text/html", "Content-Encoding: br"], b"\x0b\x02"),
    ));
    w.extend(response(
        5,
        "http://a.example/5",
        &http("200 OK", &["Content-Type: text/html", "Content-Encoding: gzip"], &zipped[..10]),
    ));
    let items = read(w, 1 << 20);
    let texts: Vec<String> = items
        .iter()
        .map(|i| match i {
            Ok(d) => d.content.to_string(),
            Err(e) => format!("!{e}"),
        })
        .collect();
    assert_eq!(
        texts,
        [
            "<p>Chunked body, part one.</p>",
            "<p>Zipped body.</p>",
            "<p>Plain.</p>",
            "!crawl.warc#4: unsupported content-encoding br",
            "!crawl.warc#5: invalid gzip content-encoding: incomplete deflate stream",
        ]
    );
}

#[test]
fn http_charset_decodes_and_keeps_original() {
    let body = b"<p>Gr\xFC\xDFe aus K\xF6ln</p>";
    let w = response(
        1,
        "http://zeitung.example.de/a",
        &http(
            "200 OK",
            &["Content-Type: text/html; charset=ISO-8859-1", "Content-Language: de-DE"],
            body,
        ),
    );
    let d = read(w, 1 << 20).remove(0).unwrap();
    assert_eq!(&*d.content, "<p>Grüße aus Köln</p>");
    assert_eq!(d.original.as_deref(), Some(&body[..]));
    assert_eq!(d.meta.language.map(|l| l.to_string()).as_deref(), Some("de"));
}

#[test]
fn oversized_bodies_are_item_errors() {
    let big = format!("<p>{}</p>", "w".repeat(5000));
    let mut w = response(
        1,
        "http://a.example/big",
        &http("200 OK", &["Content-Type: text/html"], big.as_bytes()),
    );
    w.extend(response(
        2,
        "http://a.example/ok",
        &http("200 OK", &["Content-Type: text/html"], b"<p>ok</p>"),
    ));
    assert_eq!(
        summary(&read(w, 1000)),
        [
            "!crawl.warc#1: document is larger than the limit of 1000 bytes",
            "urn:uuid:00000000-0000-0000-0000-000000000002 @ crawl.warc#2",
        ]
    );
}

#[test]
fn wet_conversion_and_html_resource_records() {
    let mut w = rec(
        "conversion",
        1,
        &[("WARC-Target-URI", "http://a.example/t"), ("Content-Type", "text/plain")],
        b"Extracted text.",
    );
    w.extend(rec(
        "resource",
        2,
        &[("WARC-Target-URI", "file:///saved.html"), ("Content-Type", "text/html")],
        b"<p>Saved page.</p>",
    ));
    let items = read(w, 1 << 20);
    let d: Vec<_> = items.iter().map(|i| i.as_ref().unwrap()).collect();
    assert_eq!((d[0].format, &*d[0].content), (Format::Text, "Extracted text."));
    assert_eq!((d[1].format, &*d[1].content), (Format::Html, "<p>Saved page.</p>"));
}

#[test]
fn bad_headers_end_the_file_with_one_error() {
    let mut w = response(
        1,
        "http://a.example/1",
        &http("200 OK", &["Content-Type: text/html"], b"<p>one</p>"),
    );
    w.extend(b"WARC/1.0\r\nWARC-Type: response\r\n\r\n<p>no length</p>\r\n\r\n");
    w.extend(response(
        3,
        "http://a.example/3",
        &http("200 OK", &["Content-Type: text/html"], b"<p>three</p>"),
    ));
    assert_eq!(
        summary(&read(w, 1 << 20)),
        [
            "urn:uuid:00000000-0000-0000-0000-000000000001 @ crawl.warc#1",
            "!crawl.warc#2: warc record without a valid Content-Length",
        ]
    );
    assert_eq!(
        summary(&read(b"HTTP/1.1 200 OK\r\n\r\nhello".to_vec(), 100)),
        ["!crawl.warc#1: expected a warc version line, found \"HTTP/1.1 200 OK\"",]
    );
}

/// Common Crawl gzips each record as its own member; a cut in the last member is one error.
#[test]
fn dechunk_rejects_bad_framing() {
    assert_eq!(dechunk(b"3\r\nabc\r\n0\r\n\r\n").as_deref(), Some(&b"abc"[..]));
    assert_eq!(dechunk(b"<html>not chunked</html>"), None);
    assert_eq!(dechunk(b"ff\r\nshort"), None);
}

proptest! {
    #[test]
    fn never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        for _ in read(bytes, 512) {}
    }

    #[test]
    fn never_panics_on_mangled_records(
        cut in 0usize..2000,
        flips in proptest::collection::vec((0usize..2000, any::<u8>()), 0..6),
    ) {
        let mut w = sample();
        for (at, b) in flips {
            let n = w.len();
            w[at % n] = b;
        }
        w.truncate(cut.min(w.len()));
        let items = read(w.clone(), 1 << 20);
        prop_assert!(items.iter().filter(|i| i.is_err()).count() <= items.len());
    }
}
