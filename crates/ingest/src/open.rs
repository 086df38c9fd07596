//! Opening one input: the gzip layer, then the reader of the detected format.

use std::io::{self, BufReader, Cursor, Read};

use flate2::read::MultiGzDecoder;

use crate::error::GzipError;
use crate::input::{HEAD, Input, Item, Kind, Origin, looks_binary, sniff};
use crate::json::{JsonReader, JsonlReader};
use crate::warc::WarcReader;
use crate::{IngestError, IngestErrorKind, single};

/// Decompressed output beyond which the expansion ratio is checked.
const BOMB_MIN_OUT: u64 = 64 * 1024 * 1024;

/// The largest expansion of gzip data that is believed. Text and HTML compress 3 to 10 times,
/// and even highly repetitive logs stay well under this; runs of one byte reach about 1000.
const BOMB_RATIO: u64 = 200;

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

#[cfg(test)]
mod tests {
    use super::*;

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

    /// WARC files opened through `open`: the gzip layer in front of the WARC reader (moved from
    /// the WARC tests so that `warc` does not import `open`).
    mod warc {
        use std::io::Cursor;

        use proptest::prelude::*;

        use super::super::open;
        use crate::input::{Item, Kind, Origin};
        use crate::open::FileDocs;
        use crate::warc::tests::{gzip, http, response, sample, summary};

        #[test]
        fn multi_member_gzip_through_open() {
            let records = [
                response(
                    1,
                    "http://a.example/1",
                    &http("200 OK", &["Content-Type: text/html"], b"<p>one</p>"),
                ),
                response(
                    2,
                    "http://a.example/2",
                    &http("200 OK", &["Content-Type: text/html"], b"<p>two</p>"),
                ),
                response(
                    3,
                    "http://a.example/3",
                    &http("200 OK", &["Content-Type: text/html"], b"<p>three</p>"),
                ),
            ];
            let members: Vec<u8> = records.iter().flat_map(|r| gzip(r)).collect();
            let open = |bytes: Vec<u8>| -> Vec<Item> {
                let origin = Origin { source: "cc.warc.gz".into(), stem: "cc".into() };
                let docs = open(origin, Some(Kind::Warc), Box::new(Cursor::new(bytes)), 1 << 20);
                let warc = matches!(docs, FileDocs::Warc(_));
                let items: Vec<Item> = docs.collect();
                assert!(warc, "{:?}", summary(&items));
                items
            };
            let items = open(members.clone());
            assert_eq!(items.len(), 3);
            assert_eq!(&*items[2].as_ref().unwrap().content, "<p>three</p>");
            let items = open(members[..members.len() - 20].to_vec());
            let s = summary(&items);
            assert_eq!(s.len(), 3, "{s:?}");
            assert!(items[0].is_ok() && items[1].is_ok());
            assert_eq!(s[2], "!cc.warc.gz#3: bad gzip data: truncated gzip stream");
        }

        proptest! {
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
                let gz = gzip(&w);
                let origin = Origin { source: "x.warc.gz".into(), stem: "x".into() };
                let half = gz.len() / 2;
                for _ in open(origin, None, Box::new(Cursor::new(gz[..half].to_vec())), 1 << 20) {}
            }
        }
    }
}
