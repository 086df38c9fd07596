use std::collections::VecDeque;
use std::fmt;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ignore::{Walk, WalkBuilder};

use crate::input::{Item, Origin, kind_from_name};
use crate::open::{self, FileDocs};
use crate::{IngestError, IngestErrorKind};

/// Builds an [`Ingest`].
#[derive(Debug, Clone)]
pub struct IngestBuilder {
    max_doc_bytes: usize,
    skip: Vec<PathBuf>,
}

impl Default for IngestBuilder {
    fn default() -> Self {
        IngestBuilder { max_doc_bytes: 64 * 1024 * 1024, skip: Vec::new() }
    }
}

impl IngestBuilder {
    /// A builder with the defaults.
    pub fn new() -> IngestBuilder {
        IngestBuilder::default()
    }

    /// The largest document, in bytes, that is read; larger ones are item errors.
    ///
    /// The limit applies to each document after decompression: a whole text or HTML file, one
    /// JSON line or array element, one WARC response body (before and after undoing its
    /// `Content-Encoding`). Oversized documents are skipped while being read, without being
    /// held in memory, so memory stays bounded by a small multiple of the limit whatever the
    /// input. Values above `u32::MAX` are lowered to it, since spans are `u32` offsets.
    ///
    /// By default, 64 MiB.
    pub fn max_doc_bytes(&mut self, n: usize) -> &mut IngestBuilder {
        self.max_doc_bytes = n.min(u32::MAX as usize);
        self
    }

    /// A file that folder walks pass over, with its `SQLite` companions (`crosscheck.db` also
    /// skips `crosscheck.db-wal`, `-shm` and `-journal`): the story database when it lives
    /// inside the corpus folder. A path that does not exist yet is
    /// matched by name in its (existing) folder.
    pub fn skip(&mut self, path: &Path) -> &mut IngestBuilder {
        self.skip.push(absolute(path));
        self
    }

    /// The configured reader.
    pub fn build(&self) -> Ingest {
        Ingest { max_doc_bytes: self.max_doc_bytes, skip: self.skip.clone().into() }
    }
}

/// Reads documents from paths. Reusable, `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Ingest {
    max_doc_bytes: usize,
    skip: Arc<[PathBuf]>,
}

/// What [`IngestBuilder::skip`] adds to a skipped file's name to find its companions: `SQLite`'s
/// write-ahead log, shared memory and rollback journal.
const COMPANIONS: &[&str] = &["", "-wal", "-shm", "-journal"];

/// `path` made absolute, its folder's symbolic links resolved when it exists.
fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    match (parent.canonicalize(), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => path.to_path_buf(),
    }
}

impl Ingest {
    /// Every document under `paths`, in a stable order: the paths in the order given, folders
    /// walked recursively in file-name order (hidden files and folders, whose names start with
    /// `.`, are skipped, and so is whatever a folder's [`IGNORE_FILE`] lists; symbolic links are
    /// followed). `-` reads stdin.
    ///
    /// The stream is lazy: a file is opened when the one before it is exhausted, and container
    /// files (JSON Lines, JSON arrays, WARC) are read record by record.
    pub fn read(&self, paths: &[PathBuf]) -> Docs {
        Docs {
            limit: self.max_doc_bytes,
            skip: self.skip.clone(),
            paths: paths.iter().cloned().collect(),
            walk: None,
            file: None,
            ids: Ids::default(),
        }
    }

    /// The documents of one reader, named `name` in ids and messages: read as the format its
    /// content looks like (a file name with an extension may be given to decide instead).
    ///
    /// Useful for input that is not a file, such as an HTTP upload.
    pub fn read_from(&self, name: &str, reader: impl io::Read + Send + 'static) -> Docs {
        let path = Path::new(name);
        let origin = Origin::path(path);
        let hint = kind_from_name(path);
        let file = open::open(origin, hint, Box::new(reader), self.max_doc_bytes);
        Docs {
            limit: self.max_doc_bytes,
            skip: self.skip.clone(),
            paths: VecDeque::new(),
            walk: None,
            file: Some(file),
            ids: Ids::default(),
        }
    }
}

/// The file a folder may hold to list, in `.gitignore` syntax, what crosscheck should not read
/// (documentation beside a corpus, say).
pub const IGNORE_FILE: &str = ".crosscheckignore";

/// The stream of documents [`Ingest::read`] returns: one `Result` per document or per item that
/// failed. `Send`, so it can feed a worker thread.
pub struct Docs {
    limit: usize,
    skip: Arc<[PathBuf]>,
    paths: VecDeque<PathBuf>,
    walk: Option<Walk>,
    file: Option<FileDocs>,
    /// Ids given so far, to keep them unique across files.
    ids: Ids,
}

/// The ids a stream has given, and how often each was asked for.
#[derive(Default)]
struct Ids(std::collections::HashMap<String, u32>);

impl Ids {
    /// `id` itself the first time; `id~2`, `id~3`, … when two inputs would share it (two
    /// `x.txt` in different folders, a JSON `id` field repeated), skipping ids already given.
    fn unique(&mut self, id: &str) -> Option<String> {
        let n = self.0.entry(id.to_owned()).or_insert(0);
        *n += 1;
        if *n == 1 {
            return None;
        }
        let mut k = *n;
        loop {
            let candidate = format!("{id}~{k}");
            if !self.0.contains_key(&candidate) {
                self.0.insert(candidate.clone(), 1);
                return Some(candidate);
            }
            k += 1;
        }
    }
}

impl fmt::Debug for Docs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Docs")
            .field("limit", &self.limit)
            .field("paths_left", &self.paths.len())
            .field("walking", &self.walk.is_some())
            .finish_non_exhaustive()
    }
}

impl Docs {
    /// Whether a file found by a folder walk is one [`IngestBuilder::skip`] names.
    fn skipped(&self, path: &Path) -> bool {
        if self.skip.is_empty() {
            return false;
        }
        let path = absolute(path);
        let path = path.as_os_str().as_encoded_bytes();
        self.skip.iter().any(|s| {
            path.strip_prefix(s.as_os_str().as_encoded_bytes())
                .is_some_and(|rest| COMPANIONS.iter().any(|c| rest == c.as_bytes()))
        })
    }

    fn open_path(&self, path: &Path) -> FileDocs {
        let origin = Origin::path(path);
        match File::open(path) {
            Ok(f) => open::open(origin, kind_from_name(path), Box::new(f), self.limit),
            Err(e) => {
                FileDocs::One(Some(Err(IngestError::new(origin.source, IngestErrorKind::Io(e)))))
            }
        }
    }
}

/// The path an error of the folder walk is about, if it names one.
fn walk_error_path(e: &ignore::Error) -> Option<String> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path.display().to_string()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err)
        }
        _ => None,
    }
}

impl Iterator for Docs {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        let mut item = self.next_raw()?;
        if let Ok(doc) = &mut item
            && let Some(id) = self.ids.unique(doc.id.as_str())
        {
            doc.id = id.into();
        }
        Some(item)
    }
}

impl Docs {
    fn next_raw(&mut self) -> Option<Item> {
        loop {
            if let Some(file) = &mut self.file {
                if let Some(item) = file.next() {
                    return Some(item);
                }
                self.file = None;
            }
            if let Some(walk) = &mut self.walk {
                match walk.next() {
                    Some(Ok(entry)) => {
                        if entry.file_type().is_some_and(|t| t.is_file())
                            && !self.skipped(entry.path())
                        {
                            self.file = Some(self.open_path(entry.path()));
                        }
                    }
                    Some(Err(e)) => {
                        let item = walk_error_path(&e).unwrap_or_default();
                        let kind = IngestErrorKind::Unsupported(e.to_string());
                        return Some(Err(IngestError::new(item, kind)));
                    }
                    None => self.walk = None,
                }
                continue;
            }
            let path = self.paths.pop_front()?;
            if path.as_os_str() == "-" {
                let reader = Box::new(io::stdin());
                self.file = Some(open::open(Origin::stdin(), None, reader, self.limit));
                continue;
            }
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => {
                    let walk = WalkBuilder::new(&path)
                        .standard_filters(false)
                        .hidden(true)
                        .follow_links(true)
                        .add_custom_ignore_filename(IGNORE_FILE)
                        .sort_by_file_name(std::cmp::Ord::cmp)
                        .build();
                    self.walk = Some(walk);
                }
                Ok(_) => self.file = Some(self.open_path(&path)),
                Err(e) => {
                    return Some(Err(IngestError::new(
                        path.display().to_string(),
                        IngestErrorKind::Io(e),
                    )));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}
    fn assert_send<T: Send>() {}

    #[test]
    fn ids_stay_unique_across_files() {
        use crosscheck_core::RawDoc;
        let dir = tempfile::tempdir().unwrap();
        for (sub, body) in [("a", "First."), ("b", "Second."), ("c", "Third.")] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
            std::fs::write(dir.path().join(sub).join("x.txt"), body).unwrap();
        }
        std::fs::write(dir.path().join("x~2.txt"), "Taken already.").unwrap();
        let docs: Vec<RawDoc> = IngestBuilder::new()
            .build()
            .read(&[dir.path().to_path_buf()])
            .map(Result::unwrap)
            .collect();
        let ids: Vec<(&str, &str)> = docs.iter().map(|d| (d.id.as_str(), &*d.content)).collect();
        assert_eq!(
            ids,
            vec![
                ("x", "First."),
                ("x~2", "Second."),
                ("x~3", "Third."),
                ("x~2~2", "Taken already.")
            ]
        );
    }

    #[test]
    fn folder_walks_pass_over_skipped_files_and_their_companions() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.txt", "crosscheck.db", "crosscheck.db-wal", "crosscheck.dbx.txt"] {
            std::fs::write(dir.path().join(name), "Some text.").unwrap();
        }
        let ingest = IngestBuilder::new().skip(&dir.path().join("crosscheck.db")).build();
        let ids: Vec<String> = ingest
            .read(&[dir.path().to_path_buf()])
            .map(|d| d.unwrap().id.as_str().to_owned())
            .collect();
        assert_eq!(ids, vec!["a", "crosscheck.dbx"]);
    }

    #[test]
    fn ingest_is_send_sync_and_docs_is_send() {
        assert_send_sync::<Ingest>();
        assert_send::<Docs>();
    }

    #[test]
    fn missing_path_is_an_item_error() {
        let ingest = IngestBuilder::new().build();
        let items: Vec<_> = ingest.read(&["/no/such/file.txt".into()]).collect();
        assert_eq!(items.len(), 1);
        let e = items[0].as_ref().unwrap_err();
        assert_eq!(e.item, "/no/such/file.txt");
        assert!(matches!(e.kind, IngestErrorKind::Io(_)));
    }

    #[test]
    fn read_from_sniffs_unnamed_input() {
        let ingest = IngestBuilder::new().build();
        let items: Vec<_> =
            ingest.read_from("upload", &b"{\"text\": \"a\"}\n{\"text\": \"b\"}\n"[..]).collect();
        let ids: Vec<_> = items.iter().map(|d| d.as_ref().unwrap().id.to_string()).collect();
        assert_eq!(ids, ["upload:1", "upload:2"]);
    }

    #[test]
    fn limit_is_capped_at_u32() {
        let mut b = IngestBuilder::new();
        b.max_doc_bytes(usize::MAX);
        assert_eq!(b.build().max_doc_bytes, u32::MAX as usize);
    }
}
