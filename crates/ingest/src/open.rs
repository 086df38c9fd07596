//! Opening one input: the gzip layer, format detection and the per-format readers.

use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::Path;

use crosscheck_core::RawDoc;
use flate2::read::MultiGzDecoder;

use crate::error::GzipError;
use crate::json::{JsonReader, JsonlReader};
use crate::warc::WarcReader;
use crate::{IngestError, IngestErrorKind, single};

/// A buffered input stream, decompressed when it was gzipped.
pub(crate) type Input = Box<dyn BufRead + Send>;

/// One item of the output stream.
pub(crate) type Item = Result<RawDoc, IngestError>;

/// How many bytes are looked at to detect compression and format, and the read buffer size.
const HEAD: usize = 64 * 1024;

/// Decompressed output beyond which the expansion ratio is checked.
const BOMB_MIN_OUT: u64 = 64 * 1024 * 1024;

/// The largest expansion of gzip data that is believed. Text and HTML compress 3 to 10 times,
/// and even highly repetitive logs stay well under this; runs of one byte reach about 1000.
const BOMB_RATIO: u64 = 200;

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

/// The documents of one input.
pub(crate) enum FileDocs {
    /// A single document (or the single error of a file that could not be read).
    One(Option<Item>),
    /// JSON Lines.
    Jsonl(JsonlReader),
    /// A JSON array or a stream of JSON objects.
    Json(JsonReader),
    /// WARC records.
    Warc(WarcReader),
}

impl Iterator for FileDocs {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        match self {
            FileDocs::One(item) => item.take(),
            FileDocs::Jsonl(r) => r.next(),
            FileDocs::Json(r) => r.next(),
            FileDocs::Warc(r) => r.next(),
        }
    }
}

impl FileDocs {
    fn error(item: &str, kind: IngestErrorKind) -> FileDocs {
        FileDocs::One(Some(Err(IngestError::new(item, kind))))
    }
}

/// Opens `raw`, decompressing it when it is gzipped (whatever its name), and picks the reader:
/// the one `hint` (from the file name) names, else the one the content looks like.
pub(crate) fn open(
    origin: Origin,
    hint: Option<Kind>,
    raw: Box<dyn Read + Send>,
    limit: usize,
) -> FileDocs {
    let (mut head, raw) = match read_head(raw) {
        Ok(x) => x,
        Err(e) => return FileDocs::One(Some(Err(IngestError::io(origin.source, e)))),
    };
    let mut rest = raw;
    if head.starts_with(&[0x1f, 0x8b]) {
        let inflate: Box<dyn Read + Send> = Box::new(Inflate::new(Cursor::new(head).chain(rest)));
        match read_head(inflate) {
            Ok((h, r)) => (head, rest) = (h, r),
            Err(e) => return FileDocs::One(Some(Err(IngestError::io(origin.source, e)))),
        }
    }
    if head.is_empty() {
        return FileDocs::error(&origin.source, IngestErrorKind::Empty);
    }
    let kind = match hint {
        Some(Kind::Jsonl | Kind::Json) if looks_binary(&head) => {
            return FileDocs::error(&origin.source, IngestErrorKind::Binary);
        }
        Some(k) => k,
        None => match sniff(&head) {
            Some(k) => k,
            None => return FileDocs::error(&origin.source, IngestErrorKind::Binary),
        },
    };
    let input: Input = Box::new(BufReader::with_capacity(HEAD, Cursor::new(head).chain(rest)));
    match kind {
        Kind::Text | Kind::Html => FileDocs::One(Some(single::read(input, &origin, kind, limit))),
        Kind::Jsonl => FileDocs::Jsonl(JsonlReader::new(input, origin, limit)),
        Kind::Json => FileDocs::Json(JsonReader::new(input, origin, limit)),
        Kind::Warc => FileDocs::Warc(WarcReader::new(input, origin, limit)),
    }
}

/// Reads up to [`HEAD`] bytes, returning them and the unread rest. An error after some bytes
/// is deferred to the rest, so that a truncated small file still gives what comes before the
/// cut.
fn read_head(mut r: Box<dyn Read + Send>) -> io::Result<(Vec<u8>, Box<dyn Read + Send>)> {
    let mut head = Vec::with_capacity(HEAD);
    match (&mut r).take(HEAD as u64).read_to_end(&mut head) {
        Ok(_) => Ok((head, r)),
        Err(e) if !head.is_empty() => Ok((head, Box::new(Failed(Some(e))))),
        Err(e) => Err(e),
    }
}

/// A reader that fails once with a stored error, then reads as empty.
struct Failed(Option<io::Error>);

impl Read for Failed {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        self.0.take().map_or(Ok(0), Err)
    }
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

/// A gzip decoder (all members, as in Common Crawl files) that reports its failures as
/// [`GzipError`] and stops a decompression bomb.
struct Inflate<R: Read> {
    dec: MultiGzDecoder<Counted<R>>,
    out: u64,
}

impl<R: Read> Inflate<R> {
    fn new(r: R) -> Inflate<R> {
        Inflate { dec: MultiGzDecoder::new(Counted { inner: r, n: 0 }), out: 0 }
    }
}

impl<R: Read> Read for Inflate<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.dec.read(buf).map_err(|e| {
            let why = match e.kind() {
                io::ErrorKind::UnexpectedEof => "truncated gzip stream".to_owned(),
                _ => e.to_string(),
            };
            io::Error::other(GzipError(why))
        })?;
        self.out += n as u64;
        let input = self.dec.get_ref().n.max(1);
        if self.out > BOMB_MIN_OUT && self.out > BOMB_RATIO * input {
            return Err(io::Error::other(GzipError(format!(
                "data expands more than {BOMB_RATIO} times ({} bytes from {input}), a likely \
                 decompression bomb",
                self.out
            ))));
        }
        Ok(n)
    }
}

/// A reader that counts the bytes read through it.
struct Counted<R> {
    inner: R,
    n: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.n += n as u64;
        Ok(n)
    }
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

    fn open_all(bytes: Vec<u8>, hint: Option<Kind>) -> Vec<Item> {
        let origin = Origin { source: "in".into(), stem: "in".into() };
        open(origin, hint, Box::new(Cursor::new(bytes)), 4096).take(10_000).collect()
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(bytes).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn gzip_is_detected_by_magic_not_name() {
        let items = open_all(gzip(b"Plain words."), Some(Kind::Text));
        assert_eq!(&*items[0].as_ref().unwrap().content, "Plain words.");
        let items = open_all(gzip(b"{\"text\": \"x\"}\n"), None);
        assert_eq!(items[0].as_ref().unwrap().id.as_str(), "in:1");
        let cut = gzip(&(0..2000u32).flat_map(u32::to_le_bytes).collect::<Vec<_>>());
        let items = open_all(cut[..cut.len() / 2].to_vec(), Some(Kind::Text));
        assert!(matches!(items[0].as_ref().unwrap_err().kind, IngestErrorKind::Decompress(_)));
    }

    const KINDS: [Option<Kind>; 6] = [
        None,
        Some(Kind::Text),
        Some(Kind::Html),
        Some(Kind::Jsonl),
        Some(Kind::Json),
        Some(Kind::Warc),
    ];

    proptest::proptest! {
        /// Any bytes, under any format, plain or gzipped (whole, cut or corrupted), give items
        /// and never a panic.
        #[test]
        fn open_never_panics(
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..1024),
            kind in 0usize..6,
            cut in proptest::num::usize::ANY,
            flip in proptest::option::of((proptest::num::usize::ANY, proptest::num::u8::ANY)),
        ) {
            let hint = KINDS[kind];
            let _ = open_all(bytes.clone(), hint);
            let mut gz = gzip(&bytes);
            if let Some((at, b)) = flip {
                let n = gz.len();
                gz[at % n] ^= b;
            }
            let keep = cut % (gz.len() + 1);
            let _ = open_all(gz[..keep].to_vec(), hint);
        }

        #[test]
        fn sniff_never_panics(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..512)) {
            let _ = sniff(&bytes);
        }
    }

    #[test]
    fn gzip_bomb_is_stopped() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![b'a'; 1 << 20];
        for _ in 0..100 {
            enc.write_all(&zeros).unwrap();
        }
        let gz = enc.finish().unwrap();
        let mut r = Inflate::new(Cursor::new(gz));
        let err = io::copy(&mut r, &mut io::sink()).unwrap_err();
        let e = IngestError::io("bomb.gz", err);
        assert!(matches!(e.kind, IngestErrorKind::Decompress(_)), "{e}");
        assert!(e.to_string().contains("decompression bomb"), "{e}");
    }
}
