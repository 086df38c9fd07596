//! JSON Lines, JSON arrays and JSON object streams, with the field names of common scrapers.
//!
//! A record is one JSON object. Its fields are read under the names news-please, trafilatura
//! and plain exports use (the first present, non-empty one wins):
//!
//! | Field          | Names                                                                   |
//! |----------------|-------------------------------------------------------------------------|
//! | id             | `id`                                                                    |
//! | text           | `maintext`, `text`, `raw_text`, `body`                                  |
//! | HTML           | `html`, `raw_html` (used only when there is no text)                    |
//! | url            | `url`, `link`, `source` (when it is a URL)                              |
//! | title          | `title`, `headline`                                                     |
//! | outlet         | `outlet`, `sitename`, `source-hostname`, `source_domain`, `hostname`,   |
//! |                | `source` (when it is not a URL), else the host of the url               |
//! | author         | `author`, `authors` (a list, joined with `, `), `byline`                |
//! | published      | `published`, `date_publish`, `date`, `published_at`, `publish_date`,    |
//! |                | `date_published` (lenient; an unreadable date is left out, no error);   |
//! |                | a value that gives only a month (`2025-11`) sets `published_month`      |
//! | language       | `language`, `lang`                                                      |
//! | fetched        | `fetched`, `date_download`                                              |
//!
//! Lines and elements are read in bounded chunks: one longer than the size limit is skipped
//! without being held in memory.

use std::io::{self, BufRead};

use crosscheck_core::{DocMeta, Format, Lang, RawDoc};
use crosscheck_text::dates::{date_from_epoch, read_date_value, read_month_value};
use serde_json::{Map, Value};

use crate::input::{Input, Item, Origin};
use crate::meta::host_of;
use crate::{IngestError, IngestErrorKind};

/// Turns one parsed JSON value into a document.
pub(crate) fn record(
    value: Value,
    fallback_id: String,
    source: String,
) -> Result<RawDoc, IngestErrorKind> {
    let Value::Object(map) = value else {
        return Err(IngestErrorKind::Malformed(format!(
            "expected a json object, found {}",
            kind_of(&value)
        )));
    };
    let text = first_str(&map, &["maintext", "text", "raw_text", "body"]);
    let (format, content) = match text {
        Some(t) => (Format::Text, t),
        None => match first_str(&map, &["html", "raw_html"]) {
            Some(h) => (Format::Html, h),
            None if ["maintext", "text", "raw_text", "body", "html", "raw_html"]
                .iter()
                .any(|k| map.contains_key(*k)) =>
            {
                return Err(IngestErrorKind::Empty);
            }
            None => {
                return Err(IngestErrorKind::Malformed(
                    "record has no text or html field".to_owned(),
                ));
            }
        },
    };
    let id = first_str(&map, &["id"]).unwrap_or(fallback_id);
    let source_field = first_str(&map, &["source"]);
    let source_is_url = source_field.as_deref().is_some_and(|s| s.contains("://"));
    let url = first_str(&map, &["url", "link"])
        .or_else(|| source_field.clone().filter(|_| source_is_url));
    let outlet =
        first_str(&map, &["outlet", "sitename", "source-hostname", "source_domain", "hostname"])
            .or_else(|| source_field.filter(|_| !source_is_url))
            .or_else(|| url.as_deref().and_then(host_of));
    let author = first_str(&map, &["author"])
        .or_else(|| join_list(map.get("authors")))
        .or_else(|| first_str(&map, &["byline"]));
    let dates = || {
        ["published", "date_publish", "date", "published_at", "publish_date", "date_published"]
            .iter()
            .filter_map(|k| map.get(*k))
    };
    let published = dates().find_map(|v| match v {
        Value::String(s) => read_date_value(s),
        Value::Number(n) => n.as_i64().and_then(date_from_epoch),
        _ => None,
    });
    // A value that gives only a month (`2025-11`) is kept as one when no field gives a day.
    let published_month = match published {
        Some(_) => None,
        None => dates().find_map(|v| v.as_str().and_then(read_month_value)),
    };
    let language = first_str(&map, &["language", "lang"]).and_then(|l| l.parse::<Lang>().ok());
    let mut doc = RawDoc::new(id, source, format, content);
    doc.meta = DocMeta {
        url,
        title: first_str(&map, &["title", "headline"]),
        outlet,
        author,
        published,
        published_month,
        language,
        fetched: first_str(&map, &["fetched", "date_download"]),
    };
    Ok(doc)
}

/// The first of `keys` holding a non-blank string (or a number, for ids).
fn first_str(map: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().filter_map(|k| map.get(*k)).find_map(|v| match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

fn join_list(v: Option<&Value>) -> Option<String> {
    let items: Vec<&str> = v?
        .as_array()?
        .iter()
        .filter_map(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    (!items.is_empty()).then(|| items.join(", "))
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `invalid json: <reason> at column <c>`, without `serde_json`'s line number when the value is
/// one line (the item already names the line).
fn json_error(e: &serde_json::Error) -> IngestErrorKind {
    let mut msg = e.to_string();
    if let Some(i) = msg.rfind(" at line ") {
        msg.truncate(i);
    }
    let at = if e.line() <= 1 {
        format!("column {}", e.column())
    } else {
        format!("line {} column {}", e.line(), e.column())
    };
    IngestErrorKind::Malformed(format!("invalid json: {msg} at {at}"))
}

fn parse(bytes: &[u8], fallback_id: String, source: &str) -> Item {
    let value: Value =
        serde_json::from_slice(bytes).map_err(|e| IngestError::new(source, json_error(&e)))?;
    record(value, fallback_id, source.to_owned()).map_err(|kind| IngestError::new(source, kind))
}

/// How a bounded read of one line or value ended.
enum Chunked {
    /// Nothing was left to read.
    Eof,
    /// The line or value is in the buffer.
    Done,
    /// The line or value was longer than the limit and was skipped.
    TooLong,
    /// The input ended inside a value.
    Truncated,
}

/// Reads JSON Lines: one record per line, blank lines skipped.
pub(crate) struct JsonlReader {
    input: Input,
    origin: Origin,
    limit: usize,
    line: u64,
    yielded: bool,
    done: bool,
    buf: Vec<u8>,
}

impl JsonlReader {
    pub(crate) fn new(input: Input, origin: Origin, limit: usize) -> JsonlReader {
        JsonlReader { input, origin, limit, line: 0, yielded: false, done: false, buf: Vec::new() }
    }

    /// Reads the next line into `buf`, in chunks, holding at most `limit` bytes (plus the line
    /// end) of it.
    fn read_line(&mut self) -> io::Result<Chunked> {
        self.buf.clear();
        let (mut over, mut any) = (false, false);
        loop {
            let chunk = self.input.fill_buf()?;
            if chunk.is_empty() {
                let content = self.buf.trim_ascii_end().len();
                return Ok(match (any, over || content > self.limit) {
                    (false, _) => Chunked::Eof,
                    (true, true) => Chunked::TooLong,
                    (true, false) => Chunked::Done,
                });
            }
            any = true;
            let (take, end) = match memchr::memchr(b'\n', chunk) {
                Some(i) => (i + 1, true),
                None => (chunk.len(), false),
            };
            if !over {
                if self.buf.len() + take > self.limit.saturating_add(2) {
                    over = true;
                    self.buf = Vec::new();
                } else {
                    self.buf.extend_from_slice(&chunk[..take]);
                }
            }
            self.input.consume(take);
            if end {
                let content = self.buf.trim_ascii_end().len();
                return Ok(if over || content > self.limit {
                    Chunked::TooLong
                } else {
                    Chunked::Done
                });
            }
        }
    }
}

impl Iterator for JsonlReader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if self.done {
                return None;
            }
            self.line += 1;
            let item = self.origin.line(self.line);
            match self.read_line() {
                Err(e) => {
                    self.done = true;
                    return Some(Err(IngestError::io(item, e)));
                }
                Ok(Chunked::Eof | Chunked::Truncated) => {
                    self.done = true;
                    return (!self.yielded).then(|| {
                        Err(IngestError::new(&self.origin.source, IngestErrorKind::Empty))
                    });
                }
                Ok(Chunked::TooLong) => {
                    self.yielded = true;
                    return Some(Err(IngestError::new(
                        item,
                        IngestErrorKind::TooLarge { limit: self.limit },
                    )));
                }
                Ok(Chunked::Done) => {
                    let mut line = &self.buf[..];
                    if self.line == 1 {
                        line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
                    }
                    let line = line.trim_ascii();
                    if line.is_empty() {
                        continue;
                    }
                    self.yielded = true;
                    let id = format!("{}:{}", self.origin.stem, self.line);
                    return Some(parse(line, id, &item));
                }
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    /// Inside a top-level array; `first` until an element was read.
    Array {
        first: bool,
    },
    /// A stream of top-level values (one object, or several separated by whitespace).
    Stream,
    Done,
}

/// Reads a JSON array of records, or a stream of top-level records, element by element.
///
/// A lone top-level object is a single-document file: its id falls back to the file stem.
/// Elements are otherwise numbered from 1 (`stem:n`, `source#n`).
pub(crate) struct JsonReader {
    input: Input,
    origin: Origin,
    limit: usize,
    state: State,
    n: u64,
    yielded: bool,
    buf: Vec<u8>,
}

impl JsonReader {
    pub(crate) fn new(input: Input, origin: Origin, limit: usize) -> JsonReader {
        JsonReader {
            input,
            origin,
            limit,
            state: State::Start,
            n: 0,
            yielded: false,
            buf: Vec::new(),
        }
    }

    /// Skips whitespace (and a UTF-8 byte order mark) and peeks at the next byte.
    fn skip_ws(&mut self) -> io::Result<Option<u8>> {
        loop {
            let chunk = self.input.fill_buf()?;
            if chunk.is_empty() {
                return Ok(None);
            }
            let skip = chunk
                .iter()
                .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0xEF | 0xBB | 0xBF));
            if let Some(i) = skip {
                let b = chunk[i];
                self.input.consume(i);
                return Ok(Some(b));
            }
            let n = chunk.len();
            self.input.consume(n);
        }
    }

    /// Reads one JSON value (whose first byte is not whitespace) into `buf`, in chunks,
    /// tracking strings and nesting only as far as needed to find where it ends.
    fn scan(&mut self) -> io::Result<Chunked> {
        let JsonReader { input, buf, limit, .. } = self;
        buf.clear();
        let (mut depth, mut in_str, mut esc, mut over, mut started) =
            (0u64, false, false, false, false);
        loop {
            let chunk = input.fill_buf()?;
            if chunk.is_empty() {
                let complete = started && depth == 0 && !in_str;
                return Ok(match (complete, over) {
                    (false, _) => Chunked::Truncated,
                    (true, true) => Chunked::TooLong,
                    (true, false) => Chunked::Done,
                });
            }
            let mut end = None;
            for (i, &b) in chunk.iter().enumerate() {
                if in_str {
                    if esc {
                        esc = false;
                    } else if b == b'\\' {
                        esc = true;
                    } else if b == b'"' {
                        in_str = false;
                        if depth == 0 {
                            end = Some(i + 1);
                            break;
                        }
                    }
                } else {
                    match b {
                        b'"' => in_str = true,
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' if depth <= 1 && started => {
                            end = Some(if depth == 1 { i + 1 } else { i });
                            break;
                        }
                        b'}' | b']' => depth = depth.saturating_sub(1),
                        b',' | b' ' | b'\t' | b'\n' | b'\r' if depth == 0 && started => {
                            end = Some(i);
                            break;
                        }
                        _ => {}
                    }
                }
                started = true;
            }
            let take = end.unwrap_or(chunk.len());
            if !over {
                if buf.len() + take > *limit {
                    over = true;
                    *buf = Vec::new();
                } else {
                    buf.extend_from_slice(&chunk[..take]);
                }
            }
            input.consume(take);
            if end.is_some() {
                return Ok(if over { Chunked::TooLong } else { Chunked::Done });
            }
        }
    }

    /// Reads the element numbered `self.n`; `single` ids it as the whole file.
    fn element(&mut self, single: bool) -> Item {
        let (item, id) = if single {
            (self.origin.source.clone(), self.origin.stem.clone())
        } else {
            (self.origin.record(self.n), format!("{}:{}", self.origin.stem, self.n))
        };
        self.yielded = true;
        match self.scan() {
            Ok(Chunked::Done) => parse(&self.buf, id, &item),
            Ok(Chunked::TooLong) => {
                Err(IngestError::new(item, IngestErrorKind::TooLarge { limit: self.limit }))
            }
            Ok(Chunked::Truncated | Chunked::Eof) => {
                self.state = State::Done;
                Err(IngestError::new(
                    item,
                    IngestErrorKind::Truncated("json ends inside a value".to_owned()),
                ))
            }
            Err(e) => {
                self.state = State::Done;
                Err(IngestError::io(item, e))
            }
        }
    }

    fn step(&mut self) -> io::Result<Option<Item>> {
        loop {
            match self.state {
                State::Done => return Ok(None),
                State::Start => match self.skip_ws()? {
                    None => {
                        self.state = State::Done;
                        return Ok(self.empty());
                    }
                    Some(b'[') => {
                        self.input.consume(1);
                        self.state = State::Array { first: true };
                    }
                    Some(_) => self.state = State::Stream,
                },
                State::Array { first } => {
                    let mut next = self.skip_ws()?;
                    if next == Some(b',') && !first {
                        self.input.consume(1);
                        next = self.skip_ws()?;
                    } else if matches!(next, Some(b) if b != b']') && !first {
                        self.state = State::Done;
                        let found = char::from(next.unwrap_or(b' '));
                        return Ok(Some(Err(self.malformed(format!(
                            "expected , or ] after element {}, found {found:?}",
                            self.n
                        )))));
                    }
                    match next {
                        None => {
                            self.state = State::Done;
                            return Ok(Some(Err(IngestError::new(
                                &self.origin.source,
                                IngestErrorKind::Truncated(
                                    "json array ends before its closing ]".to_owned(),
                                ),
                            ))));
                        }
                        Some(b']') => {
                            self.input.consume(1);
                            self.state = State::Done;
                            if self.skip_ws()?.is_some() {
                                return Ok(Some(Err(
                                    self.malformed("trailing data after the json array".to_owned())
                                )));
                            }
                            return Ok(self.empty());
                        }
                        Some(b',' | b'}') => {
                            self.state = State::Done;
                            self.n += 1;
                            return Ok(Some(Err(IngestError::new(
                                self.origin.record(self.n),
                                IngestErrorKind::Malformed(
                                    "invalid json: expected a value".to_owned(),
                                ),
                            ))));
                        }
                        Some(_) => {
                            self.state = State::Array { first: false };
                            self.n += 1;
                            return Ok(Some(self.element(false)));
                        }
                    }
                }
                State::Stream => match self.skip_ws()? {
                    None => {
                        self.state = State::Done;
                        return Ok(self.empty());
                    }
                    Some(b',' | b']' | b'}') => {
                        self.state = State::Done;
                        self.n += 1;
                        return Ok(Some(Err(IngestError::new(
                            self.origin.record(self.n),
                            IngestErrorKind::Malformed("invalid json: expected a value".to_owned()),
                        ))));
                    }
                    Some(_) => {
                        self.n += 1;
                        if self.n > 1 {
                            return Ok(Some(self.element(false)));
                        }
                        // Whether the first value is the only one decides its id: read it, then
                        // look past it.
                        self.yielded = true;
                        let scanned = self.scan()?;
                        let single = matches!(scanned, Chunked::Done | Chunked::TooLong)
                            && self.skip_ws()?.is_none();
                        let (item, id) = if single {
                            (self.origin.source.clone(), self.origin.stem.clone())
                        } else {
                            (self.origin.record(1), format!("{}:1", self.origin.stem))
                        };
                        return Ok(Some(match scanned {
                            Chunked::Done => parse(&self.buf, id, &item),
                            Chunked::TooLong => Err(IngestError::new(
                                item,
                                IngestErrorKind::TooLarge { limit: self.limit },
                            )),
                            Chunked::Truncated | Chunked::Eof => {
                                self.state = State::Done;
                                Err(IngestError::new(
                                    item,
                                    IngestErrorKind::Truncated(
                                        "json ends inside a value".to_owned(),
                                    ),
                                ))
                            }
                        }));
                    }
                },
            }
        }
    }

    fn empty(&self) -> Option<Item> {
        (!self.yielded).then(|| Err(IngestError::new(&self.origin.source, IngestErrorKind::Empty)))
    }

    fn malformed(&self, why: String) -> IngestError {
        IngestError::new(&self.origin.source, IngestErrorKind::Malformed(why))
    }
}

impl Iterator for JsonReader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        match self.step() {
            Ok(item) => item,
            Err(e) => {
                self.state = State::Done;
                Some(Err(IngestError::io(&self.origin.source, e)))
            }
        }
    }
}

#[cfg(test)]
mod tests;
