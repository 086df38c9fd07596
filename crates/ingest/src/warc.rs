//! WARC files (`.warc`, `.warc.gz`), as Common Crawl, CC-NEWS, wget and warcio write them.
//!
//! Each `response` record holding an HTTP response with an HTML body gives one document; so do
//! `resource` records of HTML and `conversion` records of plain text (as in WET files). Other
//! records (`warcinfo`, `request`, `metadata`, `revisit`), non-2xx responses, non-HTML bodies
//! and empty bodies are skipped without an error.
//!
//! The HTTP body is de-chunked when `Transfer-Encoding: chunked` applies and inflated when a
//! `Content-Encoding` of `gzip` or `deflate` applies, then decoded from the charset of the
//! `Content-Type` header (else the page's own declaration, else a guess).
//!
//! The id is the `WARC-Record-ID` without its angle brackets (`urn:uuid:…`), the source is
//! `path#n` with records counted from 1 (skipped ones included), `meta.url` the
//! `WARC-Target-URI`, `meta.fetched` the `WARC-Date` and `meta.outlet` the host of the URL.
//!
//! A record is read within its `Content-Length`, so a bad HTTP message inside costs only that
//! record. A record cut short, or a header that cannot be read, ends the file with one error
//! after the good records before it: without a length there is no telling where the next
//! record starts.

use std::io::{self, BufRead, Read, Take};

use crosscheck_core::{Format, Lang};
use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};

use crate::decode::{content_type_charset, decode_html, decode_text, tld_of};
use crate::input::{Input, Item, Kind, Origin, read_bounded, sniff};
use crate::meta::host_of;
use crate::single;
use crate::{IngestError, IngestErrorKind};

/// The largest WARC or HTTP header block read.
const MAX_HEADER: u64 = 64 * 1024;

/// Reads the documents of a WARC file.
pub(crate) struct WarcReader {
    input: Input,
    origin: Origin,
    limit: usize,
    n: u64,
    done: bool,
}

/// Header fields in order, looked up without regard to case.
#[derive(Debug, Default)]
struct Headers(Vec<(String, String)>);

impl Headers {
    fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Why a header block could not be read.
enum HeadError {
    Io(io::Error),
    /// The input ended inside the block.
    Truncated,
    /// The block is longer than [`MAX_HEADER`].
    TooLong,
}

/// Reads a header block: a first line, then `Name: value` lines up to an empty line. Lines end
/// with CRLF or LF; lines starting with a space or tab continue the previous value.
fn read_headers(input: &mut dyn BufRead) -> Result<(String, Headers), HeadError> {
    let mut block = input.take(MAX_HEADER);
    let mut first = None;
    let mut headers = Headers::default();
    let mut line = Vec::new();
    loop {
        line.clear();
        block.read_until(b'\n', &mut line).map_err(HeadError::Io)?;
        if line.last() != Some(&b'\n') {
            return Err(if block.limit() == 0 { HeadError::TooLong } else { HeadError::Truncated });
        }
        let text = String::from_utf8_lossy(line.trim_ascii_end());
        if first.is_none() {
            first = Some(text.into_owned());
            continue;
        }
        if text.is_empty() {
            break;
        }
        if line.first().is_some_and(|b| *b == b' ' || *b == b'\t') {
            if let Some((_, v)) = headers.0.last_mut() {
                v.push(' ');
                v.push_str(text.trim());
            }
        } else if let Some((k, v)) = text.split_once(':') {
            headers.0.push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }
    Ok((first.unwrap_or_default(), headers))
}

/// Skips the blank lines between records; `true` at the end of the input.
fn skip_newlines(input: &mut dyn BufRead) -> io::Result<bool> {
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            return Ok(true);
        }
        let n = chunk.iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
        let all = n == chunk.len();
        input.consume(n);
        if !all {
            return Ok(false);
        }
    }
}

fn strip_angles(s: &str) -> &str {
    s.trim().trim_start_matches('<').trim_end_matches('>')
}

impl WarcReader {
    pub(crate) fn new(input: Input, origin: Origin, limit: usize) -> WarcReader {
        WarcReader { input, origin, limit, n: 0, done: false }
    }

    /// Ends the file with one error.
    fn fail(&mut self, item: String, kind: IngestErrorKind) -> Item {
        self.done = true;
        Err(IngestError::new(item, kind))
    }
}

impl Iterator for WarcReader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if self.done {
                return None;
            }
            let item = self.origin.record(self.n + 1);
            match skip_newlines(&mut self.input) {
                Ok(true) => {
                    self.done = true;
                    return None;
                }
                Ok(false) => {}
                Err(e) => {
                    self.done = true;
                    return Some(Err(IngestError::io(item, e)));
                }
            }
            self.n += 1;
            let (version, headers) = match read_headers(&mut self.input) {
                Ok(h) => h,
                Err(HeadError::Io(e)) => {
                    self.done = true;
                    return Some(Err(IngestError::io(item, e)));
                }
                Err(HeadError::Truncated) => {
                    let why = "truncated warc record: the input ends inside its header".to_owned();
                    return Some(self.fail(item, IngestErrorKind::Truncated(why)));
                }
                Err(HeadError::TooLong) => {
                    let why = format!("warc header longer than {MAX_HEADER} bytes");
                    return Some(self.fail(item, IngestErrorKind::Malformed(why)));
                }
            };
            if !version.starts_with("WARC/") {
                let shown: String = version.chars().take(40).collect();
                let why = format!("expected a warc version line, found {shown:?}");
                return Some(self.fail(item, IngestErrorKind::Malformed(why)));
            }
            let Some(length) = headers.get("Content-Length").and_then(|v| v.parse::<u64>().ok())
            else {
                let why = "warc record without a valid Content-Length".to_owned();
                return Some(self.fail(item, IngestErrorKind::Malformed(why)));
            };
            let mut block = (&mut self.input).take(length);
            let out = record(&headers, &mut block, &self.origin, self.n, self.limit);
            let drained = io::copy(&mut block, &mut io::sink());
            let missing = block.limit();
            match (out, drained) {
                (Err(e), _) | (_, Err(e)) => {
                    self.done = true;
                    return Some(Err(IngestError::io(item, e)));
                }
                (Ok(_), Ok(_)) if missing > 0 => {
                    let why = format!(
                        "truncated warc record: {} of {length} block bytes",
                        length - missing
                    );
                    return Some(self.fail(item, IngestErrorKind::Truncated(why)));
                }
                (Ok(Some(doc)), Ok(_)) => return Some(doc),
                (Ok(None), Ok(_)) => {}
            }
        }
    }
}

type Block<'a> = Take<&'a mut Input>;

/// The document in one record's block, `None` when the record holds none.
fn record(
    warc: &Headers,
    block: &mut Block<'_>,
    origin: &Origin,
    n: u64,
    limit: usize,
) -> io::Result<Option<Item>> {
    let kind = warc.get("WARC-Type").unwrap_or("").to_ascii_lowercase();
    let media = warc.get("Content-Type").unwrap_or("").to_ascii_lowercase();
    let item = origin.record(n);
    let id = warc
        .get("WARC-Record-ID")
        .map(strip_angles)
        .filter(|s| !s.is_empty())
        .map_or_else(|| format!("{}:{n}", origin.stem), str::to_owned);
    let url = warc.get("WARC-Target-URI").map(strip_angles).filter(|s| !s.is_empty());
    let host = url.and_then(host_of);
    let tld = host.as_deref().and_then(tld_of);
    let err = |kind| Ok(Some(Err(IngestError::new(&item, kind))));

    let (format, body, charset, language) = match kind.as_str() {
        "response" if media.is_empty() || media.starts_with("application/http") => {
            let (status, http) = match read_headers(block) {
                Ok(h) => h,
                Err(HeadError::Io(e)) => return Err(e),
                Err(HeadError::Truncated) => return Ok(None), // The caller reports the cut.
                Err(HeadError::TooLong) => {
                    let why = format!("http header longer than {MAX_HEADER} bytes");
                    return err(IngestErrorKind::Malformed(why));
                }
            };
            let mut parts = status.split_ascii_whitespace();
            if !parts.next().is_some_and(|p| p.starts_with("HTTP/")) {
                return Ok(None);
            }
            let code = parts.next().and_then(|c| c.parse::<u16>().ok());
            if !code.is_some_and(|c| (200..300).contains(&c)) {
                return Ok(None);
            }
            let ctype = http.get("Content-Type").unwrap_or("");
            let lower = ctype.to_ascii_lowercase();
            if !(lower.is_empty() || lower.contains("html")) {
                return Ok(None);
            }
            let Some(raw) = read_bounded(block, limit)? else {
                return err(IngestErrorKind::TooLarge { limit });
            };
            let mut body = raw;
            if http
                .get("Transfer-Encoding")
                .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"))
                && let Some(plain) = dechunk(&body)
            {
                body = plain;
            }
            if let Some(enc) = http.get("Content-Encoding") {
                body = match content_decode(&enc.to_ascii_lowercase(), body, limit) {
                    Ok(b) => b,
                    Err(kind) => return err(kind),
                };
            }
            if lower.is_empty() && sniff(&body) != Some(Kind::Html) {
                return Ok(None);
            }
            let language = http
                .get("Content-Language")
                .and_then(|l| l.split(',').next())
                .and_then(|l| l.parse::<Lang>().ok());
            (Format::Html, body, content_type_charset(ctype).map(str::to_owned), language)
        }
        "resource" | "conversion" if media.contains("html") || media.starts_with("text/plain") => {
            let Some(body) = read_bounded(block, limit)? else {
                return err(IngestErrorKind::TooLarge { limit });
            };
            let format = if media.contains("html") { Format::Html } else { Format::Text };
            (format, body, content_type_charset(&media).map(str::to_owned), None)
        }
        _ => return Ok(None),
    };
    if body.trim_ascii().is_empty() || block.limit() > 0 {
        // Blank bodies hold no article; a short block is reported by the caller.
        return Ok(None);
    }
    let decoded = match format {
        Format::Html => decode_html(&body, charset.as_deref(), tld.as_deref()),
        _ => decode_text(&body, tld.as_deref()),
    };
    let mut doc = match single::doc(id, item.clone(), format, &body, decoded) {
        Ok(d) => d,
        Err(kind) => return err(kind),
    };
    doc.meta.url = url.map(str::to_owned);
    doc.meta.fetched = warc.get("WARC-Date").map(str::to_owned);
    doc.meta.outlet = host;
    doc.meta.language = language.or_else(|| {
        warc.get("WARC-Identified-Content-Language")
            .and_then(|l| l.split(',').next())
            .and_then(iso639_3_to_1)
    });
    Ok(Some(Ok(doc)))
}

/// Common Crawl names languages with ISO 639-3 codes (`eng`); the two-letter code where one
/// exists for the most common ones, else the three-letter code.
fn iso639_3_to_1(code: &str) -> Option<Lang> {
    let two = match code.trim() {
        "eng" => "en",
        "deu" => "de",
        "fra" => "fr",
        "spa" => "es",
        "ita" => "it",
        "por" => "pt",
        "nld" => "nl",
        "rus" => "ru",
        "zho" => "zh",
        "jpn" => "ja",
        "ara" => "ar",
        "pol" => "pl",
        "tur" => "tr",
        other => other,
    };
    two.parse().ok()
}

/// A chunked HTTP body without its chunk framing, or `None` when it is not well chunked (some
/// crawlers store the body de-chunked but keep the header).
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let nl = memchr::memchr(b'\n', rest)?;
        let line = std::str::from_utf8(&rest[..nl]).ok()?;
        rest = &rest[nl + 1..];
        let size = line.split(';').next()?.trim();
        let size = usize::from_str_radix(size, 16).ok()?;
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(rest.get(..size)?);
        rest = &rest[size..];
        rest = rest.strip_prefix(b"\r").unwrap_or(rest);
        rest = rest.strip_prefix(b"\n").unwrap_or(rest);
    }
}

/// Undoes an HTTP `Content-Encoding`, reading at most `limit` bytes of output.
fn content_decode(enc: &str, body: Vec<u8>, limit: usize) -> Result<Vec<u8>, IngestErrorKind> {
    let inflate = |r: &mut dyn Read, name: &str| -> Result<Vec<u8>, IngestErrorKind> {
        match read_bounded(r, limit) {
            Ok(Some(b)) => Ok(b),
            Ok(None) => Err(IngestErrorKind::TooLarge { limit }),
            Err(e) => {
                Err(IngestErrorKind::Malformed(format!("invalid {name} content-encoding: {e}")))
            }
        }
    };
    match enc.trim() {
        "" | "identity" | "none" => Ok(body),
        // Some tools store the body decoded but keep the header: trust the magic bytes.
        "gzip" | "x-gzip" if !body.starts_with(&[0x1f, 0x8b]) => Ok(body),
        "gzip" | "x-gzip" => inflate(&mut MultiGzDecoder::new(&body[..]), "gzip"),
        "deflate" => {
            // HTTP "deflate" is meant to be zlib-wrapped, but raw deflate is common too.
            let zlib = body.len() >= 2
                && u16::from_be_bytes([body[0], body[1]]).is_multiple_of(31)
                && body[0] & 0x0f == 8;
            if zlib {
                inflate(&mut ZlibDecoder::new(&body[..]), "deflate")
            } else {
                inflate(&mut DeflateDecoder::new(&body[..]), "deflate")
            }
        }
        other => Err(IngestErrorKind::Unsupported(format!("unsupported content-encoding {other}"))),
    }
}

#[cfg(test)]
pub(crate) mod tests;
