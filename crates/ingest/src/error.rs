use std::fmt;

/// Why one input item could not be read.
#[derive(Debug)]
#[non_exhaustive]
pub enum IngestErrorKind {
    /// The file could not be opened or read.
    Io(std::io::Error),
    /// The item is larger than the configured limit.
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The item holds no content.
    Empty,
    /// The item is not in any format crosscheck reads.
    Unsupported(String),
    /// The item is malformed.
    Malformed(String),
}

/// An error for one input item: a file, a JSON line or a WARC record.
#[derive(Debug)]
pub struct IngestError {
    /// The item: a path, with `:line` or `#record` inside containers.
    pub item: String,
    /// What went wrong.
    pub kind: IngestErrorKind,
}

impl IngestError {
    /// An error for `item`.
    pub fn new(item: impl Into<String>, kind: IngestErrorKind) -> IngestError {
        IngestError { item: item.into(), kind }
    }
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.item)?;
        match &self.kind {
            IngestErrorKind::Io(e) => write!(f, "{e}"),
            IngestErrorKind::TooLarge { limit } => {
                write!(f, "document is larger than the limit of {limit} bytes")
            }
            IngestErrorKind::Empty => write!(f, "empty document"),
            IngestErrorKind::Unsupported(why) | IngestErrorKind::Malformed(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for IngestError {}
