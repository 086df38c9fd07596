use super::*;

const HARBOUR: &str = "The harbour of Tarvik reopened on Monday after divers checked the damaged \
    pier, the port office said. Cranes were back in service by noon, and the first ferry left \
    for the islands at two in the afternoon with forty passengers on board.";
const BANK: &str = "The central bank of Norland raised its main rate to 4.5 percent on Thursday, \
    Governor Ilse Marten told reporters in Velholm. Two members of the board voted to keep the \
    rate unchanged, and markets had expected the increase for weeks.";

fn record(id: &str, text: &str) -> String {
    serde_json::json!({"id": id, "text": text}).to_string()
}

fn batch(rows: &[(&str, &str)]) -> (Vec<String>, Vec<String>) {
    rows.iter().map(|(id, t)| ((*id).to_owned(), record(id, t))).unzip()
}

#[test]
fn one_bad_record_does_not_stop_the_batch() {
    let e = Engine::new(Options::default()).unwrap();
    let (mut names, mut recs) = batch(&[("a", HARBOUR), ("b", BANK)]);
    names.insert(1, "broken".into());
    recs.insert(1, "{not json".into());
    let out = e.extract_batch(&names, &recs);
    assert!(out[0].is_ok() && out[2].is_ok());
    let err = out[1].as_ref().unwrap_err().to_string();
    assert!(err.contains("broken"), "{err}");
}

#[test]
fn copies_share_a_group_and_a_story() {
    let e = Engine::new(Options::default()).unwrap();
    let copy = format!("{HARBOUR} Subscribe to our newsletter.");
    let (names, recs) = batch(&[("a", HARBOUR), ("b", BANK), ("c", &copy)]);
    let arts: Vec<Article> =
        e.extract_batch(&names, &recs).into_iter().map(Result::unwrap).collect();
    let p = e.cluster(&arts);
    assert_eq!(p[2].duplicate_of, Some(0));
    assert_eq!(p[2].story, p[0].story);
    assert_ne!(p[1].story, p[0].story);
    let (_, stories) = e.fuse(&arts);
    assert_eq!(stories.len(), 2);
    let first = stories[0].as_ref().unwrap();
    assert_eq!(first.articles.len(), 2);
    assert_eq!(first.articles[1].duplicate_of.as_ref().map(DocId::as_str), Some("a"));
}

#[test]
fn shipped_articles_fuse_like_the_originals() {
    let e = Engine::new(Options::default()).unwrap();
    let (names, recs) = batch(&[("a", HARBOUR), ("b", BANK)]);
    let arts: Vec<Article> =
        e.extract_batch(&names, &recs).into_iter().map(Result::unwrap).collect();
    let back: Vec<Article> =
        arts.iter().map(|a| article_from_json(&article_to_json(a)).unwrap()).collect();
    let x = e.fuse_story(&[&arts[0]], &[None]).unwrap();
    let y = e.fuse_story(&[&back[0]], &[None]).unwrap();
    assert_eq!(story_to_json(&x), story_to_json(&y));
}

/// What the Python package's `extract` and `fuse` return for a page that gives only a month
/// (the expectations of `tests/test_api.py`), and shipping keeps the month.
#[test]
fn a_permalink_month_reaches_the_record_the_story_and_the_shipped_article() {
    let e = Engine::new(Options::default()).unwrap();
    let url = "https://www.tarvik-post.example/2025/11/harbour-reopens";
    let rec = serde_json::json!({"id": "m", "url": url, "text": HARBOUR});
    let a = e.extract_record("m", &rec.to_string()).unwrap();
    let json: serde_json::Value = serde_json::from_str(&article_record_json(&a)).unwrap();
    assert_eq!(
        (&json["published"], &json["published_month"]),
        (&serde_json::Value::Null, &"2025-11".into())
    );
    let back = article_from_json(&article_to_json(&a)).unwrap();
    assert_eq!(back.published_month, a.published_month);
    let story = e.fuse_story(&[&back], &[None]).unwrap();
    assert_eq!(story.articles[0].published.map(|p| p.to_string()).as_deref(), Some("2025-11"));
}

#[test]
fn outlet_keys_follow_the_outlet_then_the_host() {
    let e = Engine::new(Options::default()).unwrap();
    let rec = serde_json::json!({"id": "u", "url": "https://www.Example.org:8080/a/b?c", "text": HARBOUR});
    let a = e.extract_record("u", &rec.to_string()).unwrap();
    assert_eq!(
        outlet_key(&a),
        format!("o:{}", a.outlet.as_deref().unwrap_or("example.org").to_lowercase())
    );
    let b = e.extract_record("v", &record("v", BANK)).unwrap();
    assert_eq!(outlet_key(&b), "id:v");
    assert_eq!(host_of("https://user@news.example.com:443/x"), Some("news.example.com"));
    assert_eq!(host_of("no scheme"), None);
}

#[test]
fn token_signatures_estimate_jaccard() {
    let a: Vec<String> = (0..200).map(|i| format!("w{i}")).collect();
    let b: Vec<String> = (100..300).map(|i| format!("w{i}")).collect();
    let ra: Vec<&[u8]> = a.iter().map(String::as_bytes).collect();
    let rb: Vec<&[u8]> = b.iter().map(String::as_bytes).collect();
    let sa = token_signature(&ra, 256, 1);
    let sb = token_signature(&rb, 256, 1);
    let est = crosscheck::dedup::MinHasher::estimate(&sa, &sb);
    // True Jaccard is 100 / 300; the standard error with 256 permutations is about 0.03.
    assert!((est - 1.0 / 3.0).abs() < 0.12, "{est}");
    assert!(token_signature(&[], 8, 1).iter().all(|&x| x == u32::MAX));
}

#[test]
fn text_signatures_match_the_deduplicator() {
    let e = Engine::new(Options::default()).unwrap();
    let sigs = text_signatures(&[HARBOUR, BANK], 128, 5, None).unwrap();
    let fps = e.fingerprints(&[HARBOUR, BANK]);
    assert_eq!(&sigs[..128], fps[0].1.as_slice());
    assert_eq!(&sigs[128..], fps[1].1.as_slice());
    assert!(text_signatures(&[HARBOUR], 0, 5, None).is_err());
    assert_eq!(bands(0.5, 128).unwrap(), e.deduper().bands());
}

/// A WARC file of response records for `pages` (invented HTML), as a crawler writes it.
pub(crate) fn warc(pages: &[(&str, &str)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (n, (url, body)) in pages.iter().enumerate() {
        let http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><article><p>{body}</p></article></body></html>"
        );
        out.extend(
            format!(
                "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{n:012}>\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2026-03-02T08:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
                http.len()
            )
            .as_bytes(),
        );
        out.extend(http.as_bytes());
        out.extend(b"\r\n\r\n");
    }
    out
}

#[test]
fn warc_containers_are_read_record_by_record() {
    let e = Engine::new(Options::default()).unwrap();
    let bytes = warc(&[
        ("https://tarvik-post.example/a", HARBOUR),
        ("https://norland-daily.example/b", BANK),
    ]);
    let out = e.extract_container("crawl.warc", bytes);
    assert_eq!(out.len(), 2);
    let a = out[0].as_ref().unwrap();
    assert_eq!(a.id.as_str(), "urn:uuid:00000000-0000-4000-8000-000000000000");
    assert_eq!(a.url.as_deref(), Some("https://tarvik-post.example/a"));
    assert!(a.text.contains("Tarvik reopened"));
    let garbage = e.extract_container("x.warc", b"WARC/1.0\r\nnot a record".to_vec());
    assert!(garbage.iter().all(Result::is_err));
}
