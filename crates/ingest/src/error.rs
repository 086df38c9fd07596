use std::fmt;
use std::io;

/// Why one input item could not be read.
///
/// Every kind is about one item: the other items of a run are still read.
#[derive(Debug)]
#[non_exhaustive]
pub enum IngestErrorKind {
    /// The file could not be opened or read.
    Io(io::Error),
    /// Compressed data is corrupt, truncated, or expands beyond reason (a decompression bomb).
    Decompress(String),
    /// The item is larger than the configured limit; it was skipped without being buffered.
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The item holds no content: an empty file, blank text or an empty JSON record.
    Empty,
    /// The item holds binary data (NUL bytes or control characters), not text.
    Binary,
    /// The item ends in the middle of a record: a cut WARC record or JSON array.
    Truncated(String),
    /// The item is not in any format crosscheck reads.
    Unsupported(String),
    /// The item is malformed: invalid JSON, a bad WARC header.
    Malformed(String),
}

/// An error for one input item: a file, a JSON line or element, or a WARC record.
///
/// Its message names the item and the reason, for example
/// `feeds/day1.jsonl:7: invalid json: expected value at line 1 column 12`,
/// `crawl.warc.gz#3: truncated warc record: 1024 of 5000 block bytes` or
/// `scans/page.txt: binary data, not text`.
#[derive(Debug)]
pub struct IngestError {
    /// The item: a path (`-` for stdin), with `:line` for JSON Lines and `#n` for JSON array
    /// elements and WARC records (both counted from 1).
    pub item: String,
    /// What went wrong.
    pub kind: IngestErrorKind,
}

impl IngestError {
    /// An error for `item`.
    pub fn new(item: impl Into<String>, kind: IngestErrorKind) -> IngestError {
        IngestError { item: item.into(), kind }
    }

    /// An error for `item` from an I/O error, telling decompression failures (raised by the
    /// gzip layer under every reader) from plain I/O ones.
    pub(crate) fn io(item: impl Into<String>, err: io::Error) -> IngestError {
        let kind = match err.get_ref().and_then(|e| e.downcast_ref::<GzipError>()) {
            Some(gz) => IngestErrorKind::Decompress(gz.0.clone()),
            None => IngestErrorKind::Io(err),
        };
        IngestError::new(item, kind)
    }
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.item)?;
        match &self.kind {
            IngestErrorKind::Io(e) => write!(f, "{e}"),
            IngestErrorKind::Decompress(why) => write!(f, "bad gzip data: {why}"),
            IngestErrorKind::TooLarge { limit } => {
                write!(f, "document is larger than the limit of {limit} bytes")
            }
            IngestErrorKind::Empty => f.write_str("empty document"),
            IngestErrorKind::Binary => f.write_str("binary data, not text"),
            IngestErrorKind::Truncated(why)
            | IngestErrorKind::Unsupported(why)
            | IngestErrorKind::Malformed(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for IngestError {}

/// A decompression failure, carried inside an [`io::Error`] through the readers so that
/// [`IngestError::io`] can classify it.
#[derive(Debug)]
pub(crate) struct GzipError(pub(crate) String);

impl fmt::Display for GzipError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for GzipError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_item_and_reason() {
        let e = IngestError::new("a/b.jsonl:3", IngestErrorKind::TooLarge { limit: 10 });
        assert_eq!(e.to_string(), "a/b.jsonl:3: document is larger than the limit of 10 bytes");
        let e = IngestError::new("x.bin", IngestErrorKind::Binary);
        assert_eq!(e.to_string(), "x.bin: binary data, not text");
    }

    #[test]
    fn io_errors_carrying_gzip_errors_become_decompress() {
        let io = io::Error::other(GzipError("unexpected end of data".into()));
        let e = IngestError::io("f.gz", io);
        assert!(matches!(e.kind, IngestErrorKind::Decompress(_)));
        assert_eq!(e.to_string(), "f.gz: bad gzip data: unexpected end of data");
        let e = IngestError::io("f", io::Error::new(io::ErrorKind::NotFound, "gone"));
        assert!(matches!(e.kind, IngestErrorKind::Io(_)));
    }
}
