//! What every reader shares: the input and item types, where an input came from, the formats
//! and how they are detected, bounded reads. It imports no reader, so that `open` (which picks
//! a reader) and the readers (which read an input) do not import each other.

use std::io::{self, BufRead, Read};
use std::path::Path;

use crosscheck_core::RawDoc;

use crate::IngestError;

/// A buffered input stream, decompressed when it was gzipped.
pub(crate) type Input = Box<dyn BufRead + Send>;

/// One item of the output stream.
pub(crate) type Item = Result<RawDoc, IngestError>;

/// How many bytes are looked at to detect compression and format, and the read buffer size.
pub(crate) const HEAD: usize = 64 * 1024;

/// The formats ingest reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// One plain-text document.
    Text,
    /// One HTML document.
    Html,
    /// One JSON object per line.
    Jsonl,
    /// A JSON array of objects, or one or more JSON objects.
    Json,
    /// WARC records.
    Warc,
}

/// Where an input came from, for ids, sources and error messages.
#[derive(Debug, Clone)]
pub(crate) struct Origin {
    /// The path as given (`-` for stdin).
    pub(crate) source: String,
    /// The file name without `.gz` and without its extension (`stdin` for stdin).
    pub(crate) stem: String,
}

impl Origin {
    /// The origin of a file.
    pub(crate) fn path(path: &Path) -> Origin {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let stem = name.as_deref().map(|n| {
            let n = strip_suffix_ignore_case(n, ".gz");
            Path::new(n).file_stem().map_or(n.to_owned(), |s| s.to_string_lossy().into_owned())
        });
        let source = path.display().to_string();
        Origin { stem: stem.unwrap_or_else(|| source.clone()), source }
    }

    /// The origin of standard input.
    pub(crate) fn stdin() -> Origin {
        Origin { source: "-".to_owned(), stem: "stdin".to_owned() }
    }

    /// `source:line`, the item of a JSON line.
    pub(crate) fn line(&self, n: u64) -> String {
        format!("{}:{n}", self.source)
    }

    /// `source#n`, the item of a JSON element or a WARC record.
    pub(crate) fn record(&self, n: u64) -> String {
        format!("{}#{n}", self.source)
    }
}

fn strip_suffix_ignore_case<'a>(s: &'a str, suffix: &str) -> &'a str {
    let cut = s.len().saturating_sub(suffix.len());
    match s.get(cut..) {
        Some(tail) if cut > 0 && tail.eq_ignore_ascii_case(suffix) => &s[..cut],
        _ => s,
    }
}

/// The format a file name announces, looking through a `.gz` suffix.
pub(crate) fn kind_from_name(path: &Path) -> Option<Kind> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let name = strip_suffix_ignore_case(&name, ".gz");
    let (_, ext) = name.rsplit_once('.')?;
    Some(match ext {
        "txt" | "text" | "md" | "markdown" => Kind::Text,
        "html" | "htm" | "xhtml" | "shtml" => Kind::Html,
        "jsonl" | "ndjson" | "jsonlines" => Kind::Jsonl,
        "json" => Kind::Json,
        "warc" => Kind::Warc,
        _ => return None,
    })
}

/// The format `head` (the first bytes of an input) looks like, or `None` for binary data.
pub(crate) fn sniff(head: &[u8]) -> Option<Kind> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(head)
        && enc != encoding_rs::UTF_8
    {
        // UTF-16 text: only text and HTML are read in it.
        let (text, _) = enc.decode_without_bom_handling(&head[bom..]);
        return Some(if looks_html(text.as_bytes()) { Kind::Html } else { Kind::Text });
    }
    let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let body = body.trim_ascii_start();
    if body.starts_with(b"WARC/") {
        return Some(Kind::Warc);
    }
    if looks_binary(head) {
        return None;
    }
    if let Some(after) = body.strip_prefix(b"[") {
        if matches!(after.trim_ascii_start().first(), None | Some(b'{' | b']')) {
            return Some(Kind::Json);
        }
    } else if body.starts_with(b"{") {
        let first_line = body.split(|b| *b == b'\n').next().unwrap_or(body).trim_ascii_end();
        return Some(if first_line.ends_with(b"}") { Kind::Jsonl } else { Kind::Json });
    }
    Some(if looks_html(body) { Kind::Html } else { Kind::Text })
}

/// Whether text looks like an HTML page rather than prose.
fn looks_html(text: &[u8]) -> bool {
    let start = text.trim_ascii_start();
    let head = start[..start.len().min(2048)].to_ascii_lowercase();
    let has = |tag: &[u8]| memchr::memmem::find(&head, tag).is_some();
    if head.starts_with(b"<!doctype html") || head.starts_with(b"<html") {
        return true;
    }
    if has(b"<html") || has(b"<head>") || has(b"<body") {
        return true;
    }
    head.starts_with(b"<")
        && [&b"<meta"[..], b"<title", b"<div", b"<p>", b"<article", b"<!--"].iter().any(|t| has(t))
}

/// How far into a document a NUL byte marks it as binary, as in git. Real HTML pages carry
/// stray NULs further in.
const NUL_SCAN: usize = 8 * 1024;

/// Whether bytes look like binary data: a NUL byte in the first 8 KiB, or more than one in ten
/// bytes being control characters other than whitespace and escape.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(HEAD)];
    if memchr::memchr(0, &head[..head.len().min(NUL_SCAN)]).is_some() {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)) || b == 0x7f)
        .count();
    controls * 10 > head.len()
}

/// Whether decoded text is binary data: a NUL in the first 8 KiB, or more than one in ten
/// characters being control characters other than whitespace.
pub(crate) fn text_is_binary(text: &str) -> bool {
    if text.as_bytes()[..text.len().min(NUL_SCAN)].contains(&0) {
        return true;
    }
    let (mut total, mut controls) = (0usize, 0usize);
    for c in text.chars().take(HEAD) {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c' | '\x1b' | '\u{85}') {
            controls += 1;
        }
    }
    controls * 10 > total
}

/// Reads at most `limit` bytes of `input`, or `None` (after reading `limit + 1` bytes and no
/// more) when it holds more.
pub(crate) fn read_bounded(input: &mut dyn Read, limit: usize) -> io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    input.take(limit as u64 + 1).read_to_end(&mut buf)?;
    Ok((buf.len() <= limit).then_some(buf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_give_kinds_through_gz() {
        let k = |n: &str| kind_from_name(Path::new(n));
        assert_eq!(k("a/b.TXT"), Some(Kind::Text));
        assert_eq!(k("b.md"), Some(Kind::Text));
        assert_eq!(k("b.htm.gz"), Some(Kind::Html));
        assert_eq!(k("CC-NEWS-1.warc.gz"), Some(Kind::Warc));
        assert_eq!(k("x.ndjson"), Some(Kind::Jsonl));
        assert_eq!(k("x.json"), Some(Kind::Json));
        assert_eq!(k("x.dat"), None);
        assert_eq!(k("README"), None);
        assert_eq!(k("x.gz"), None);
    }

    #[test]
    fn stems_drop_gz_and_extension() {
        let s = |n: &str| Origin::path(Path::new(n)).stem;
        assert_eq!(s("dir/a.warc.gz"), "a");
        assert_eq!(s("a.jsonl"), "a");
        assert_eq!(s("noext"), "noext");
        assert_eq!(s(".hidden"), ".hidden");
        assert_eq!(s("x.GZ"), "x");
    }

    macro_rules! sniffs {
        ($($input:expr => $want:expr),* $(,)?) => {$(
            assert_eq!(sniff($input), $want, "{:?}", String::from_utf8_lossy($input));
        )*};
    }

    #[test]
    fn sniffing() {
        sniffs! {
            b"WARC/1.0\r\nWARC-Type: warcinfo\r\n" => Some(Kind::Warc),
            b"  [\n  {\"text\": \"a\"}]" => Some(Kind::Json),
            b"[]" => Some(Kind::Json),
            b"[Updated] The council met on Monday." => Some(Kind::Text),
            b"{\"text\": \"a\"}\n{\"text\": \"b\"}\n" => Some(Kind::Jsonl),
            b"{\n  \"text\": \"a\"\n}\n" => Some(Kind::Json),
            b"\xEF\xBB\xBF<!DOCTYPE html><html>" => Some(Kind::Html),
            b"<div class=x>hello</div>" => Some(Kind::Html),
            b"The <b>bold</b> claim was denied." => Some(Kind::Text),
            b"Plain words on a line.\nAnother line." => Some(Kind::Text),
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" => None,
            b"\x01\x02\x03\x04abc" => None,
            b"\xFF\xFEh\0i\0" => Some(Kind::Text),
        }
    }

    #[test]
    fn binary_text() {
        assert!(text_is_binary("a\0b"));
        assert!(text_is_binary("\u{1}\u{2}\u{3}ab"));
        assert!(!text_is_binary("line one\r\nline two\tend\n"));
        // Real pages carry stray NULs far from the start.
        let page = format!("<p>{}</p>\0\0<p>more</p>", "text ".repeat(2000));
        assert!(!text_is_binary(&page));
        assert!(!looks_binary(page.as_bytes()));
    }

    proptest::proptest! {
        #[test]
        fn sniff_never_panics(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..512)) {
            let _ = sniff(&bytes);
        }
    }
}
