use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crosscheck_core::story::{FusedStory, StoryDocument};
use crosscheck_core::{Alignment, Article, Date, DocId, Features, Lang, Month};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Row, Transaction, TransactionBehavior};

use crate::features;
use crate::migrations::MIGRATIONS;
use crate::model::query_words;
use crate::{
    ContentHash, Cursor, Error, Neighbourhood, Placement, PutOutcome, ReportWrite, Result, Stats,
    Store, StoredArticle, StoryId, StoryMembers, StoryPage, StoryQuery, StoryRecord, StorySummary,
    Target, plan,
};

/// Builds a [`SqliteStore`].
#[derive(Debug, Clone)]
pub struct SqliteStoreBuilder {
    durable: bool,
    readers: usize,
    busy_timeout_ms: u32,
    cache_kib: u32,
}

impl Default for SqliteStoreBuilder {
    fn default() -> Self {
        SqliteStoreBuilder {
            durable: false,
            readers: 8,
            busy_timeout_ms: 10_000,
            cache_kib: DEFAULT_CACHE_KIB,
        }
    }
}

/// The default page cache of each connection: see [`SqliteStoreBuilder::cache_kib`].
const DEFAULT_CACHE_KIB: u32 = 16 * 1024;

impl SqliteStoreBuilder {
    /// A builder with the defaults.
    pub fn new() -> SqliteStoreBuilder {
        SqliteStoreBuilder::default()
    }

    /// Whether every commit is synced to the disk (`synchronous = FULL`) so that it also
    /// survives a power loss. Without it (`synchronous = NORMAL`, WAL), a commit survives a crash
    /// or kill of the process, and a power loss can roll back only the last commits, never
    /// corrupt the file.
    ///
    /// By default, `false`.
    pub fn durable(&mut self, yes: bool) -> &mut SqliteStoreBuilder {
        self.durable = yes;
        self
    }

    /// How many idle read connections are kept for reuse.
    ///
    /// By default, 8.
    pub fn readers(&mut self, n: usize) -> &mut SqliteStoreBuilder {
        self.readers = n;
        self
    }

    /// The most memory each connection's page cache holds, in KiB. A grown store's indexes
    /// (story keys, members by story) are read and written at scattered pages; a cache that
    /// holds their inner pages and a batch's leaves saves reading them again and spilling
    /// them to the log before the commit.
    ///
    /// By default, 16 MiB (`SQLite`'s own default is 2 MiB).
    pub fn cache_kib(&mut self, kib: u32) -> &mut SqliteStoreBuilder {
        self.cache_kib = kib.max(64);
        self
    }

    /// How long a statement waits for another process's write lock before failing.
    ///
    /// By default, 10 000 ms.
    pub fn busy_timeout_ms(&mut self, ms: u32) -> &mut SqliteStoreBuilder {
        self.busy_timeout_ms = ms;
        self
    }

    /// Opens (creating it when missing) and migrates the database at `path`.
    ///
    /// A missing file is created whole under a temporary name beside it and then linked into
    /// place, so that no other process ever sees a half-made store, and several processes may
    /// create one store at once. An existing file must be a crosscheck store: an empty (0-byte)
    /// file, a file that is not `SQLite`, or another program's database is an
    /// [`Error::Damaged`] naming the file, and is never replaced.
    pub fn open(&self, path: impl AsRef<Path>) -> Result<SqliteStore> {
        let path = path.as_ref().to_path_buf();
        if !path.exists() {
            self.create(&path)?;
        }
        check_file(&path)?;
        let conn = self.connect(&path)?;
        Ok(SqliteStore {
            inner: Arc::new(Inner {
                path,
                readers: Mutex::new(Vec::new()),
                writer: Mutex::new(conn),
                max_idle: self.readers,
                busy_timeout_ms: self.busy_timeout_ms,
                cache_kib: self.cache_kib,
            }),
        })
    }

    /// Creates a new store at `path`: made and migrated under a temporary name, then linked
    /// to `path` unless another process created it first.
    fn create(&self, path: &Path) -> Result<()> {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = path.with_file_name(format!(".{name}.{}.new", std::process::id()));
        let cleanup = |p: &Path| {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let mut f = p.as_os_str().to_owned();
                f.push(suffix);
                let _ = std::fs::remove_file(PathBuf::from(f));
            }
        };
        cleanup(&tmp);
        let made = self.connect(&tmp).map(drop);
        if let Err(e) = made {
            cleanup(&tmp);
            return Err(match e {
                Error::Open { source, .. } => Error::Open { path: path.to_path_buf(), source },
                other => other,
            });
        }
        // `hard_link` never replaces an existing file: when another process won the race, its
        // store is the one opened.
        let linked = std::fs::hard_link(&tmp, path);
        cleanup(&tmp);
        match linked {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
            Err(e) => Err(Error::Damaged {
                path: path.to_path_buf(),
                reason: format!("cannot create it: {e}"),
            }),
        }
    }

    /// A configured, migrated connection to an existing or new file.
    fn connect(&self, path: &Path) -> Result<Connection> {
        let open_err = |source| Error::Open { path: path.to_path_buf(), source };
        let mut conn = Connection::open(path).map_err(open_err)?;
        conn.busy_timeout(std::time::Duration::from_millis(u64::from(self.busy_timeout_ms)))
            .map_err(open_err)?;
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| damaged_or(path, e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            tracing::warn!(path = %path.display(), mode, "database is not in WAL mode");
        }
        let sync = if self.durable { "FULL" } else { "NORMAL" };
        conn.pragma_update(None, "synchronous", sync).map_err(open_err)?;
        conn.pragma_update(None, "foreign_keys", "ON").map_err(open_err)?;
        tune(&conn, self.cache_kib).map_err(open_err)?;
        migrate(&mut conn, path)?;
        Ok(conn)
    }
}

/// Sets a connection's page cache to `cache_kib`.
fn tune(conn: &Connection, cache_kib: u32) -> rusqlite::Result<()> {
    conn.pragma_update(None, "cache_size", -i64::from(cache_kib))
}

/// The header every `SQLite` 3 database file starts with.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Refuses a file that cannot be a crosscheck store, before `SQLite` would quietly treat an
/// empty file as a new database.
fn check_file(path: &Path) -> Result<()> {
    let damaged = |reason: String| Error::Damaged { path: path.to_path_buf(), reason };
    let mut head = [0u8; 16];
    let mut f = std::fs::File::open(path).map_err(|e| damaged(format!("cannot read it: {e}")))?;
    let len = f.metadata().map_err(|e| damaged(format!("cannot read it: {e}")))?.len();
    if len == 0 {
        return Err(damaged("the file is empty (0 bytes)".to_string()));
    }
    if len < 100 || std::io::Read::read_exact(&mut f, &mut head).is_err() || &head != SQLITE_MAGIC {
        return Err(damaged("the file is not an SQLite database".to_string()));
    }
    Ok(())
}

/// An error of the first statement on a file: [`Error::Damaged`] when the file is not a
/// database `SQLite` can read, else [`Error::Open`].
fn damaged_or(path: &Path, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt) => {
            Error::Damaged { path: path.to_path_buf(), reason: e.to_string() }
        }
        _ => Error::Open { path: path.to_path_buf(), source: e },
    }
}

/// Applies the migrations `path` lacks, each in its own transaction. Two processes opening the
/// same new file at once are serialised by the immediate transaction.
fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let known = i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX);
    loop {
        let open_err = |source| Error::Open { path: path.to_path_buf(), source };
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| damaged_or(path, e))?;
        let version: i64 = tx
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| damaged_or(path, e))?;
        if version > known {
            return Err(Error::SchemaTooNew { path: path.to_path_buf(), found: version, known });
        }
        if version == known {
            return tx.commit().map_err(open_err);
        }
        if version == 0 {
            let tables: i64 = tx
                .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
                .map_err(|e| damaged_or(path, e))?;
            if tables > 0 {
                return Err(Error::Damaged {
                    path: path.to_path_buf(),
                    reason: "it holds another program's tables".to_string(),
                });
            }
        }
        // `version` is in 0..known here, so the index is in bounds.
        let sql = MIGRATIONS[version as usize];
        tx.execute_batch(sql).map_err(open_err)?;
        tx.pragma_update(None, "user_version", version + 1).map_err(open_err)?;
        tx.commit().map_err(open_err)?;
        tracing::info!(path = %path.display(), version = version + 1, "migrated database");
    }
}

/// A [`Store`] in one `SQLite` file, in WAL mode: one writer connection, a pool of readers, so
/// that reads never wait for a write. Cheap to clone (the connections are shared).
#[derive(Debug, Clone)]
pub struct SqliteStore {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    path: PathBuf,
    // Fields drop in order: the read-only connections close first, so that the writer is the
    // last connection and `SQLite` checkpoints and removes the write-ahead log as it closes. A
    // read-only connection closing last cannot, and left the log (tens of MB) beside the
    // database after every run.
    readers: Mutex<Vec<Connection>>,
    writer: Mutex<Connection>,
    max_idle: usize,
    busy_timeout_ms: u32,
    cache_kib: u32,
}

impl SqliteStore {
    /// Opens the database at `path` with the defaults of [`SqliteStoreBuilder`].
    pub fn open(path: impl AsRef<Path>) -> Result<SqliteStore> {
        SqliteStoreBuilder::new().open(path)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    /// The schema version of the file.
    pub fn schema_version(&self) -> Result<i64> {
        self.read(|c| {
            c.query_row("PRAGMA user_version", [], |r| r.get(0))
                .map_err(Error::db("reading version"))
        })
    }

    /// The stored bytes with this hash, if any.
    pub fn blob(&self, hash: &ContentHash) -> Result<Option<Vec<u8>>> {
        self.read(|c| {
            c.query_row("SELECT data FROM blobs WHERE hash = ?1", [hash.to_string()], |r| r.get(0))
                .optional()
                .map_err(Error::db(format!("reading blob {hash}")))
        })
    }

    fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let idle = lock(&self.inner.readers).pop();
        let conn = match idle {
            Some(c) => c,
            None => self.open_reader()?,
        };
        let out = f(&conn);
        let mut pool = lock(&self.inner.readers);
        if pool.len() < self.inner.max_idle {
            pool.push(conn);
        }
        out
    }

    fn open_reader(&self) -> Result<Connection> {
        let path = &self.inner.path;
        let open_err = |source| Error::Open { path: path.clone(), source };
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(open_err)?;
        conn.busy_timeout(std::time::Duration::from_millis(u64::from(self.inner.busy_timeout_ms)))
            .map_err(open_err)?;
        tune(&conn, self.inner.cache_kib).map_err(open_err)?;
        Ok(conn)
    }

    fn write<T>(&self, what: &str, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = lock(&self.inner.writer);
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(Error::db(format!("starting {what}")))?;
        let out = f(&tx)?;
        tx.commit().map_err(Error::db(format!("committing {what}")))?;
        Ok(out)
    }
}

/// Locks a mutex whose data stays valid after a panic: connections roll back an open
/// transaction when it is dropped.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The article columns, joined with the raw content; see [`article_from_row`].
const ARTICLE_COLUMNS: &str = "a.seq, a.id, a.hash, a.original_hash, a.source, a.url, a.outlet, \
    a.title, a.author, a.published, a.language, a.text, a.removed, a.alignment, a.story, \
    a.duplicate_of, b.data, a.published_month";

fn article_from_row(row: &Row<'_>) -> rusqlite::Result<Result<StoredArticle>> {
    let id: String = row.get(1)?;
    let corrupt = |what: &str, reason: String| Error::Corrupt {
        what: format!("{what} of article {id}"),
        reason,
    };
    let seq: i64 = row.get(0)?;
    let hash: String = row.get(2)?;
    let original: Option<String> = row.get(3)?;
    let published: Option<String> = row.get(9)?;
    let language: String = row.get(10)?;
    let removed: String = row.get(12)?;
    let alignment: String = row.get(13)?;
    let raw: Vec<u8> = row.get(16)?;
    let published_month: Option<String> = row.get(17)?;
    let decoded = (|| {
        let hash: ContentHash = hash.parse().map_err(|e| corrupt("hash", e))?;
        let original = original
            .map(|h| h.parse::<ContentHash>())
            .transpose()
            .map_err(|e| corrupt("original hash", e))?;
        let published = published
            .map(|d| d.parse::<Date>())
            .transpose()
            .map_err(|e| corrupt("date", e.to_string()))?;
        let published_month = published_month
            .map(|m| m.parse::<Month>())
            .transpose()
            .map_err(|e| corrupt("month", e.to_string()))?;
        let language: Lang = language
            .parse()
            .map_err(|e: crosscheck_core::Error| corrupt("language", e.to_string()))?;
        let removed: Vec<String> =
            serde_json::from_str(&removed).map_err(|e| corrupt("removed lines", e.to_string()))?;
        let alignment: Alignment =
            serde_json::from_str(&alignment).map_err(|e| corrupt("alignment", e.to_string()))?;
        let raw = String::from_utf8(raw).map_err(|e| corrupt("raw content", e.to_string()))?;
        Ok((hash, original, (published, published_month), language, removed, alignment, raw))
    })();
    let (hash, original, (published, published_month), language, removed, alignment, raw) =
        match decoded {
            Ok(v) => v,
            Err(e) => return Ok(Err(e)),
        };
    let story: Option<String> = row.get(14)?;
    let duplicate_of: Option<String> = row.get(15)?;
    Ok(Ok(StoredArticle {
        article: Article {
            id: DocId::from(id.as_str()),
            source: row.get(4)?,
            url: row.get(5)?,
            outlet: row.get(6)?,
            title: row.get(7)?,
            author: row.get(8)?,
            published,
            published_month,
            language,
            text: row.get(11)?,
            removed,
            alignment,
            raw: Arc::from(raw),
        },
        hash,
        original,
        story: story.map(StoryId::from),
        duplicate_of: duplicate_of.map(DocId::from),
        seq: seq as u64,
    }))
}

fn articles_where(
    c: &Connection,
    filter: &str,
    param: &dyn rusqlite::ToSql,
    what: &str,
) -> Result<Vec<StoredArticle>> {
    let sql = format!(
        "SELECT {ARTICLE_COLUMNS} FROM articles a JOIN blobs b ON b.hash = a.hash WHERE {filter}"
    );
    rows_of(c, &sql, param, what)
}

/// The `limit` most recent members of `story`, newest first, with the clustering features kept
/// for each, if any (a blob that does not decode counts as none: the engine extracts the
/// features again). Only what placement reads is read (ids, sources, titles, texts, dates and
/// languages): the raw content, removed lines, alignment and month are left empty, so that a
/// neighbourhood costs no blob reads and no decoding of what it does not use.
fn members_with_features(
    c: &Connection,
    story: &str,
    limit: i64,
) -> Result<Vec<(Article, Option<Features>)>> {
    let what = "reading story members";
    let mut stmt = c
        .prepare_cached(
            "SELECT a.id, a.source, a.url, a.outlet, a.title, a.author, a.published, \
                a.language, a.text, f.data FROM articles a \
             LEFT JOIN article_features f ON f.seq = a.seq \
             WHERE a.story = ?1 ORDER BY a.seq DESC LIMIT ?2",
        )
        .map_err(Error::db(what))?;
    let rows = stmt
        .query_map(rusqlite::params![story, limit], |row| {
            let id: String = row.get(0)?;
            let published: Option<String> = row.get(6)?;
            let language: String = row.get(7)?;
            let corrupt = |what: &str, reason: String| Error::Corrupt {
                what: format!("{what} of article {id}"),
                reason,
            };
            let published = match published.map(|d| d.parse::<Date>()).transpose() {
                Ok(d) => d,
                Err(e) => return Ok(Err(corrupt("date", e.to_string()))),
            };
            let language: Lang = match language.parse() {
                Ok(l) => l,
                Err(e) => {
                    let e: crosscheck_core::Error = e;
                    return Ok(Err(corrupt("language", e.to_string())));
                }
            };
            let features = match row.get_ref(9)? {
                rusqlite::types::ValueRef::Blob(b) => features::decode(b),
                _ => None,
            };
            let article = Article {
                source: row.get(1)?,
                url: row.get(2)?,
                outlet: row.get(3)?,
                title: row.get(4)?,
                author: row.get(5)?,
                published,
                language,
                text: row.get(8)?,
                alignment: Alignment::default(),
                ..Article::from_text(DocId::from(id.as_str()), "")
            };
            Ok(Ok((article, features)))
        })
        .map_err(Error::db(what))?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(Error::db(what))?;
    rows.into_iter().collect()
}

fn rows_of(
    c: &Connection,
    sql: &str,
    param: &dyn rusqlite::ToSql,
    what: &str,
) -> Result<Vec<StoredArticle>> {
    let mut stmt = c.prepare_cached(sql).map_err(Error::db(what))?;
    let rows = stmt
        .query_map([param], article_from_row)
        .map_err(Error::db(what))?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(Error::db(what))?;
    rows.into_iter().collect()
}

/// The listing columns of a story `s`; see [`summary_from_row`].
const SUMMARY_COLUMNS: &str = "s.id, \
    coalesce(s.headline, (SELECT title FROM articles WHERE story = s.id \
        AND trim(title, ' ' || char(9, 10, 13)) != '' ORDER BY seq LIMIT 1), s.id), \
    s.articles, \
    (SELECT json_group_array(outlet) FROM (SELECT DISTINCT outlet FROM articles \
        WHERE story = s.id AND outlet IS NOT NULL ORDER BY outlet)), \
    s.first_published, s.last_published, s.version, coalesce(s.report_version = s.version, 0)";

fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<Result<StorySummary>> {
    let id: String = row.get(0)?;
    let outlets: String = row.get(3)?;
    let first: Option<String> = row.get(4)?;
    let last: Option<String> = row.get(5)?;
    let corrupt = |what: &str, reason: String| Error::Corrupt {
        what: format!("{what} of story {id}"),
        reason,
    };
    let decoded = (|| {
        let outlets: Vec<String> =
            serde_json::from_str(&outlets).map_err(|e| corrupt("outlets", e.to_string()))?;
        let date = |d: Option<String>| {
            d.map(|d| d.parse::<Date>()).transpose().map_err(|e| corrupt("date", e.to_string()))
        };
        Ok((outlets, date(first)?, date(last)?))
    })();
    let (outlets, first_published, last_published) = match decoded {
        Ok(v) => v,
        Err(e) => return Ok(Err(e)),
    };
    let articles: i64 = row.get(2)?;
    let version: i64 = row.get(6)?;
    let fresh: bool = row.get(7)?;
    Ok(Ok(StorySummary {
        headline: row.get(1)?,
        id: StoryId::from(id),
        articles: articles as u32,
        outlets,
        first_published,
        last_published,
        version: version as u64,
        fresh,
    }))
}

/// Detaches an article from its story: the story's version is bumped, or the story removed
/// when it has no other member.
fn unplace(tx: &Transaction<'_>, article: &str, story: &str) -> Result<()> {
    let what = format!("detaching article {article}");
    tx.execute("UPDATE articles SET story = NULL, duplicate_of = NULL WHERE id = ?1", [article])
        .map_err(Error::db(&what))?;
    let left: i64 = tx
        .query_row("SELECT count(*) FROM articles WHERE story = ?1", [story], |r| r.get(0))
        .map_err(Error::db(&what))?;
    if left == 0 {
        tx.execute("DELETE FROM stories WHERE id = ?1", [story]).map_err(Error::db(&what))?;
    } else {
        refresh_aggregates(tx, story)?;
    }
    Ok(())
}

/// Bumps a story's version and recomputes the aggregates of its members.
fn refresh_aggregates(tx: &Transaction<'_>, story: &str) -> Result<()> {
    // One pass over the members for all four aggregates.
    tx.prepare_cached(
        "UPDATE stories SET version = version + 1, \
            (articles, first_published, last_published, sort_key) = \
                (SELECT count(*), min(published), max(published), \
                    coalesce(max(published), '0000-00-00') \
                 FROM articles WHERE story = ?1) \
         WHERE id = ?1",
    )
    .and_then(|mut st| st.execute([story]))
    .map_err(Error::db(format!("updating story {story}")))?;
    Ok(())
}

/// An FTS5 query that matches rows holding every word, each quoted so that no user text is
/// read as FTS syntax.
fn fts_query(text: &str) -> Option<String> {
    let words = query_words(text);
    if words.is_empty() {
        return None;
    }
    Some(
        words
            .iter()
            .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// The stories that used a key most recently, with the latest day they used it: read from the
/// covering index `story_keys_recent` alone (a test checks the plan).
const KEY_STORIES: &str =
    "SELECT story, day FROM story_keys WHERE key = ?1 ORDER BY seq DESC LIMIT 64";

impl Store for SqliteStore {
    fn put_article(&self, article: &Article, original: Option<&[u8]>) -> Result<PutOutcome> {
        self.put_sourced(article, original).map(|(_, outcome)| outcome)
    }

    fn put_sourced(
        &self,
        article: &Article,
        original: Option<&[u8]>,
    ) -> Result<(DocId, PutOutcome)> {
        let what = format!("storing article {}", article.id);
        self.write(&what, |tx| put_in(tx, article, original))
    }

    fn put_sourced_all(
        &self,
        articles: &[(&Article, Option<&[u8]>)],
    ) -> Result<Vec<(DocId, PutOutcome)>> {
        if articles.is_empty() {
            return Ok(Vec::new());
        }
        let what = format!("storing {} articles", articles.len());
        self.write(&what, |tx| articles.iter().map(|(a, o)| put_in(tx, a, *o)).collect())
    }

    fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        self.read(|c| {
            Ok(articles_where(c, "a.id = ?1", &id, &format!("reading article {id}"))?.pop())
        })
    }

    fn unplaced(&self, limit: usize) -> Result<Vec<StoredArticle>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.read(|c| {
            articles_where(
                c,
                "a.story IS NULL ORDER BY a.seq LIMIT ?1",
                &limit,
                "reading unplaced articles",
            )
        })
    }

    fn members(&self) -> Result<Vec<StoryMembers>> {
        let all = self.read(|c| {
            articles_where(
                c,
                "a.story IS NOT NULL AND ?1 ORDER BY a.story, a.seq",
                &1,
                "reading story members",
            )
        })?;
        let mut by_story: BTreeMap<StoryId, Vec<Article>> = BTreeMap::new();
        for a in all {
            if let Some(s) = a.story {
                by_story.entry(s).or_default().push(a.article);
            }
        }
        Ok(by_story
            .into_iter()
            .map(|(id, articles)| StoryMembers { id, articles, features: Vec::new() })
            .collect())
    }

    fn neighbours(&self, around: &Neighbourhood) -> Result<Vec<StoryMembers>> {
        let what = "finding the stories of new articles";
        let horizon = i64::from(around.horizon_days);
        let chosen: BTreeSet<String> = self.read(|c| {
            let mut stmt = c.prepare_cached(KEY_STORIES).map_err(Error::db(what))?;
            // A batch's probes share most of their keys (its articles follow the same
            // stories): each key is looked up once per batch, stories named by number.
            let mut names: Vec<String> = Vec::new();
            let mut number: HashMap<String, u32> = HashMap::new();
            let mut postings: HashMap<u64, Vec<(u32, Option<i64>)>> = HashMap::new();
            let mut chosen = BTreeSet::new();
            // Each probe's hits per story number, and the numbers it hit: counted in place
            // and cleared after each probe.
            let mut hits: Vec<u32> = Vec::new();
            let mut hit: Vec<u32> = Vec::new();
            for probe in &around.probes {
                let day = probe.published.map(|d| i64::from(d.day_number()));
                let mut keys = probe.keys.clone();
                keys.sort_unstable();
                keys.dedup();
                for key in keys {
                    let list = match postings.entry(key) {
                        Entry::Occupied(e) => e.into_mut(),
                        Entry::Vacant(e) => {
                            let rows = stmt
                                .query_map([key.cast_signed()], |r| {
                                    Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?))
                                })
                                .map_err(Error::db(what))?;
                            let mut list = Vec::new();
                            for row in rows {
                                let (story, seen) = row.map_err(Error::db(what))?;
                                let n = *number.entry(story).or_insert_with_key(|s| {
                                    names.push(s.clone());
                                    names.len() as u32 - 1
                                });
                                list.push((n, seen));
                            }
                            e.insert(list)
                        }
                    };
                    for &(story, seen) in list.iter() {
                        let near = match (day, seen) {
                            (Some(d), Some(s)) => (d - s).abs() <= horizon,
                            _ => true,
                        };
                        if near {
                            let i = story as usize;
                            if i >= hits.len() {
                                hits.resize(names.len(), 0);
                            }
                            if hits[i] == 0 {
                                hit.push(story);
                            }
                            hits[i] += 1;
                        }
                    }
                }
                let mut ranked: Vec<(u32, u32)> =
                    hit.drain(..).map(|n| (n, std::mem::take(&mut hits[n as usize]))).collect();
                // Most hits first, then by id: a total order (ids are unique), so selecting
                // the first few before sorting them picks the same stories as a full sort.
                let order = |a: &(u32, u32), b: &(u32, u32)| {
                    b.1.cmp(&a.1).then_with(|| names[a.0 as usize].cmp(&names[b.0 as usize]))
                };
                let keep = around.stories_per_probe.min(ranked.len());
                if keep > 0 && keep < ranked.len() {
                    ranked.select_nth_unstable_by(keep - 1, order);
                    ranked.truncate(keep);
                }
                ranked.sort_unstable_by(order);
                chosen.extend(
                    ranked
                        .into_iter()
                        .take(around.stories_per_probe)
                        .map(|x| names[x.0 as usize].clone()),
                );
            }
            Ok(chosen)
        })?;
        let limit = i64::try_from(around.members_per_story.max(1)).unwrap_or(i64::MAX);
        self.read(|c| {
            chosen
                .into_iter()
                .map(|id| {
                    let mut members = members_with_features(c, &id, limit)?;
                    members.reverse();
                    let (articles, features) = members.into_iter().unzip();
                    Ok(StoryMembers { id: StoryId::from(id), articles, features })
                })
                .collect()
        })
    }

    fn place(&self, plan: &[Placement], merges: &[Vec<StoryId>]) -> Result<Vec<StoryId>> {
        plan::check_unique(plan)?;
        self.write("placing articles", |tx| {
            let what = "placing articles";
            // Each article's seq and publication date, read once.
            let mut seqs: Vec<(i64, Option<String>)> = Vec::with_capacity(plan.len());
            let mut find = tx
                .prepare_cached("SELECT seq, story, published FROM articles WHERE id = ?1")
                .map_err(Error::db(what))?;
            for p in plan {
                let found: Option<(i64, Option<String>, Option<String>)> = find
                    .query_row([p.article.as_str()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()
                    .map_err(Error::db(what))?;
                match found {
                    None => return Err(Error::UnknownArticle { id: p.article.to_string() }),
                    Some((_, Some(_), _)) => {
                        return Err(Error::Conflict {
                            reason: format!("article {} is already placed", p.article),
                        });
                    }
                    Some((seq, None, published)) => seqs.push((seq, published)),
                }
                if let Some(d) = &p.duplicate_of
                    && !exists(tx, "SELECT 1 FROM articles WHERE id = ?1", d.as_str())?
                {
                    return Err(Error::UnknownArticle { id: d.to_string() });
                }
                if let Target::Existing(id) = &p.target
                    && resolve_in(tx, id.as_str())?.is_none()
                {
                    return Err(Error::UnknownStory { id: id.to_string() });
                }
            }
            let mut touched: Vec<StoryId> = Vec::new();
            for group in merges {
                if let Some(keep) = merge_in(tx, group)?
                    && !touched.contains(&keep)
                {
                    touched.push(keep);
                }
            }
            let new_ids = plan::new_story_ids(plan, &mut |id| {
                Ok(exists(tx, "SELECT 1 FROM stories WHERE id = ?1", id.as_str())?
                    || exists(tx, "SELECT 1 FROM story_redirects WHERE id = ?1", id.as_str())?)
            })?;
            // Created in plan order: the rowid says which story is older when a later
            // article bridges two of them, so it must not follow a hash map's order.
            let mut created: Vec<(&u32, &StoryId)> = new_ids.iter().collect();
            created.sort_unstable();
            for (_, id) in created {
                tx.execute(
                    "INSERT INTO stories (id, version, articles, sort_key) \
                     VALUES (?1, 0, 0, '0000-00-00')",
                    [id.as_str()],
                )
                .map_err(Error::db(format!("creating story {id}")))?;
            }
            let mut keys = tx
                .prepare_cached(
                    "INSERT INTO story_keys (key, story, day, seq) VALUES (?1, ?2, ?3, ?4) \
                     ON CONFLICT (story, key) DO UPDATE SET \
                        day = max(coalesce(day, excluded.day), coalesce(excluded.day, day)), \
                        seq = max(seq, excluded.seq)",
                )
                .map_err(Error::db(what))?;
            let mut feats = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO article_features (seq, data) VALUES (?1, ?2)",
                )
                .map_err(Error::db(what))?;
            let mut postings: Vec<(i64, StoryId, Option<i64>, i64)> = Vec::new();
            for (p, (seq, published)) in plan.iter().zip(&seqs) {
                let story = match &p.target {
                    Target::Existing(id) => {
                        resolve_in(tx, id.as_str())?.unwrap_or_else(|| id.to_string()).into()
                    }
                    Target::New(n) => new_ids[n].clone(),
                };
                tx.prepare_cached(
                    "UPDATE articles SET story = ?1, duplicate_of = ?2 WHERE id = ?3",
                )
                .and_then(|mut st| {
                    st.execute(rusqlite::params![
                        story.as_str(),
                        p.duplicate_of.as_ref().map(DocId::as_str),
                        p.article.as_str()
                    ])
                })
                .map_err(Error::db(format!("placing article {}", p.article)))?;
                let day: Option<i64> = published
                    .as_deref()
                    .and_then(|d| d.parse::<Date>().ok())
                    .map(|d| i64::from(d.day_number()));
                postings
                    .extend(p.keys.iter().map(|&k| (k.cast_signed(), story.clone(), day, *seq)));
                if let Some(f) = &p.features {
                    feats
                        .execute(rusqlite::params![seq, features::encode(f)])
                        .map_err(Error::db(format!("keeping the features of {}", p.article)))?;
                }
                if !touched.contains(&story) {
                    touched.push(story);
                }
            }
            // The key index last, once per key and story, in story order (the table's): the
            // upsert keeps the latest day and seq, so folding a batch's postings first stores
            // the same rows, and each page of the table is visited once.
            postings.sort_unstable_by(|a, b| (&a.1, a.0).cmp(&(&b.1, b.0)));
            postings.dedup_by(|later, first| {
                if (later.0, &later.1) != (first.0, &first.1) {
                    return false;
                }
                first.2 = match (first.2, later.2) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => a.or(b),
                };
                first.3 = first.3.max(later.3);
                true
            });
            for (k, story, day, seq) in &postings {
                keys.execute(rusqlite::params![k, story.as_str(), day, seq])
                    .map_err(Error::db(format!("indexing the key terms of story {story}")))?;
            }
            for id in &touched {
                refresh_aggregates(tx, id.as_str())?;
            }
            Ok(touched)
        })
    }

    fn resolve(&self, id: &StoryId) -> Result<Option<StoryId>> {
        self.read(|c| {
            if exists(c, "SELECT 1 FROM stories WHERE id = ?1", id.as_str())? {
                return Ok(None);
            }
            Ok(resolve_in(c, id.as_str())?.map(StoryId::from))
        })
    }

    fn stale(&self) -> Result<Vec<(StoryId, u64)>> {
        self.read(|c| {
            let what = "listing stale stories";
            let mut stmt = c
                .prepare_cached(
                    "SELECT id, version FROM stories WHERE report_version IS NOT version ORDER BY id",
                )
                .map_err(Error::db(what))?;
            stmt.query_map([], |r| {
                let id: String = r.get(0)?;
                let v: i64 = r.get(1)?;
                Ok((StoryId::from(id), v as u64))
            })
            .map_err(Error::db(what))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(Error::db(what))
        })
    }

    fn story_articles(&self, id: &StoryId) -> Result<Vec<StoredArticle>> {
        self.read(|c| {
            let what = format!("reading story {id}");
            if !exists(c, "SELECT 1 FROM stories WHERE id = ?1", id.as_str())? {
                return Err(Error::UnknownStory { id: id.to_string() });
            }
            articles_where(c, "a.story = ?1 ORDER BY a.seq", &id.as_str(), &what)
        })
    }

    fn put_report(
        &self,
        story: &StoryId,
        version: u64,
        headline: &str,
        report: &FusedStory,
    ) -> Result<()> {
        let what = format!("storing the report of story {story}");
        let text = encode_report(report);
        let found = self.write(&what, |tx| report_in(tx, story, version, headline, &text))?;
        if found { Ok(()) } else { Err(Error::UnknownStory { id: story.to_string() }) }
    }

    fn put_reports(&self, reports: &[ReportWrite<'_>]) -> Result<Vec<bool>> {
        if reports.is_empty() {
            return Ok(Vec::new());
        }
        // Encoded before the transaction, so that the write lock is held only for the writes.
        let texts: Vec<Vec<u8>> = reports.iter().map(|r| encode_report(r.report)).collect();
        let what = format!("storing {} reports", reports.len());
        self.write(&what, |tx| {
            reports
                .iter()
                .zip(&texts)
                .map(|(r, text)| report_in(tx, r.story, r.version, r.headline, text))
                .collect()
        })
    }

    fn story(&self, id: &StoryId) -> Result<Option<StoryRecord>> {
        self.read(|c| {
            let what = format!("reading story {id}");
            let sql = format!("SELECT {SUMMARY_COLUMNS}, s.report FROM stories s WHERE s.id = ?1");
            let found = c
                .query_row(&sql, [id.as_str()], |r| {
                    Ok((summary_from_row(r)?, r.get::<_, Option<StoredReport>>(8)?))
                })
                .optional()
                .map_err(Error::db(&what))?;
            let Some((summary, report)) = found else { return Ok(None) };
            let report = report.map(|stored| decode_report(id, &stored)).transpose()?;
            let mut stmt = c
                .prepare_cached("SELECT id FROM articles WHERE story = ?1 ORDER BY seq")
                .map_err(Error::db(&what))?;
            let articles = stmt
                .query_map([id.as_str()], |r| r.get::<_, String>(0).map(DocId::from))
                .map_err(Error::db(&what))?
                .collect::<rusqlite::Result<Vec<_>>>()
                .map_err(Error::db(&what))?;
            Ok(Some(StoryRecord { summary: summary?, articles, report }))
        })
    }

    fn report(&self, id: &StoryId) -> Result<Option<FusedStory>> {
        let text = self.read(|c| {
            let mut stmt = c
                .prepare_cached("SELECT report FROM stories WHERE id = ?1")
                .map_err(Error::db(format!("reading story {id}")))?;
            let r: Option<Option<StoredReport>> = stmt
                .query_row([id.as_str()], |r| r.get(0))
                .optional()
                .map_err(Error::db(format!("reading story {id}")))?;
            Ok(r.flatten())
        })?;
        // Decoded after the connection is released.
        text.map(|t| decode_report(id, &t)).transpose()
    }

    fn stories(&self, query: &StoryQuery) -> Result<StoryPage> {
        let limit = query.effective_limit();
        let what = "listing stories";
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM stories s \
             WHERE (?1 IS NULL OR s.last_published >= ?1) \
               AND (?2 IS NULL OR s.first_published <= ?2) \
               AND (?3 IS NULL OR (s.sort_key, s.id) < (?3, ?4)) \
               AND (?5 IS NULL OR s.id IN (SELECT a.story FROM articles_fts f \
                    JOIN articles a ON a.seq = f.rowid WHERE articles_fts MATCH ?5)) \
             ORDER BY s.sort_key DESC, s.id DESC LIMIT ?6"
        );
        let fts = query.text.as_deref().and_then(fts_query);
        let rows = self.read(|c| {
            let mut stmt = c.prepare_cached(&sql).map_err(Error::db(what))?;
            stmt.query_map(
                rusqlite::params![
                    query.since.map(|d| d.to_string()),
                    query.until.map(|d| d.to_string()),
                    query.after.as_ref().map(|c| c.key.as_str()),
                    query.after.as_ref().map(|c| c.id.as_str()),
                    fts,
                    i64::try_from(limit + 1).unwrap_or(i64::MAX),
                ],
                summary_from_row,
            )
            .map_err(Error::db(what))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(Error::db(what))
        })?;
        let mut stories = rows.into_iter().collect::<Result<Vec<_>>>()?;
        let next =
            if stories.len() > limit { Some(Cursor::after(&stories[limit - 1])) } else { None };
        stories.truncate(limit);
        Ok(StoryPage { stories, next })
    }

    fn stats(&self) -> Result<Stats> {
        self.read(|c| {
            c.query_row(
                "SELECT (SELECT count(*) FROM articles), \
                        (SELECT count(*) FROM articles WHERE story IS NULL), \
                        (SELECT count(*) FROM stories), \
                        (SELECT count(*) FROM stories WHERE report_version IS NOT version)",
                [],
                |r| {
                    let n = |i| r.get::<_, i64>(i).map(|v| v as u64);
                    Ok(Stats { articles: n(0)?, unplaced: n(1)?, stories: n(2)?, stale: n(3)? })
                },
            )
            .map_err(Error::db("counting"))
        })
    }

    fn check(&self) -> Result<()> {
        self.read(|c| {
            let what = "checking integrity";
            let mut stmt = c.prepare("PRAGMA quick_check").map_err(Error::db(what))?;
            let lines = stmt
                .query_map([], |r| r.get::<_, String>(0))
                .map_err(Error::db(what))?
                .collect::<rusqlite::Result<Vec<_>>>()
                .map_err(Error::db(what))?;
            if lines == ["ok"] {
                Ok(())
            } else {
                Err(Error::Corrupt {
                    what: format!("database {}", self.inner.path.display()),
                    reason: lines.join("; "),
                })
            }
        })
    }
}

/// Stores one article inside `tx`: see [`Store::put_sourced`].
fn put_in(
    tx: &Transaction<'_>,
    article: &Article,
    original: Option<&[u8]>,
) -> Result<(DocId, PutOutcome)> {
    let base = article.id.as_str();
    let what = format!("storing article {base}");
    let hash = ContentHash::of(article.raw.as_bytes());
    let origin = crate::model::origin(article);
    let (id, old) = identify(tx, article, origin.as_deref(), &what)?;
    let outcome = match &old {
        Some((h, _)) if *h == hash.to_string() => {
            return Ok((DocId::from(id), PutOutcome::Unchanged));
        }
        Some(_) => PutOutcome::Replaced,
        None => PutOutcome::Added,
    };
    if let Some((_, Some(story))) = &old {
        unplace(tx, &id, story)?;
    }
    if old.is_some() {
        tx.execute("DELETE FROM articles WHERE id = ?1", [&id]).map_err(Error::db(&what))?;
    }
    let put_blob = |h: &ContentHash, data: &[u8]| {
        tx.execute(
            "INSERT OR IGNORE INTO blobs (hash, data) VALUES (?1, ?2)",
            rusqlite::params![h.to_string(), data],
        )
        .map_err(Error::db(&what))
    };
    put_blob(&hash, article.raw.as_bytes())?;
    let original = match original.filter(|o| *o != article.raw.as_bytes()) {
        Some(o) => {
            let h = ContentHash::of(o);
            put_blob(&h, o)?;
            Some(h.to_string())
        }
        None => None,
    };
    let removed = serde_json::to_string(&article.removed).map_err(|e| Error::Corrupt {
        what: format!("removed lines of article {id}"),
        reason: e.to_string(),
    })?;
    let alignment = serde_json::to_string(&article.alignment).map_err(|e| Error::Corrupt {
        what: format!("alignment of article {id}"),
        reason: e.to_string(),
    })?;
    tx.execute(
        "INSERT INTO articles (id, hash, original_hash, source, url, outlet, title, author, \
                published, language, text, removed, alignment, origin, published_month) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        rusqlite::params![
            id,
            hash.to_string(),
            original,
            article.source,
            article.url,
            article.outlet,
            article.title,
            article.author,
            article.published.map(|d| d.to_string()),
            article.language.as_str(),
            article.text,
            removed,
            alignment,
            origin,
            article.published_month.map(|m| m.to_string()),
        ],
    )
    .map_err(Error::db(&what))?;
    Ok((DocId::from(id), outcome))
}

/// Stores the encoded report `text` of `story` at `version` inside `tx`, unless a report of a
/// newer membership is stored; `false` when the story does not exist.
fn report_in(
    tx: &Transaction<'_>,
    story: &StoryId,
    version: u64,
    headline: &str,
    text: &[u8],
) -> Result<bool> {
    let what = || format!("storing the report of story {story}");
    let version = i64::try_from(version).unwrap_or(i64::MAX);
    let mut exists =
        tx.prepare_cached("SELECT 1 FROM stories WHERE id = ?1").map_err(Error::db(what()))?;
    if !exists.exists([story.as_str()]).map_err(Error::db(what()))? {
        return Ok(false);
    }
    // A report never replaces one fused from a newer membership.
    tx.prepare_cached(
        "UPDATE stories SET headline = ?1, report = ?2, report_version = ?3 \
         WHERE id = ?4 AND (report_version IS NULL OR report_version <= ?3)",
    )
    .and_then(|mut st| st.execute(rusqlite::params![headline, text, version, story.as_str()]))
    .map_err(Error::db(what()))?;
    Ok(true)
}

/// A report as the `report` column keeps it: a compact `crosscheck.story/1` document holding
/// the one story, deflated (zlib) into a BLOB. Reports are most of a store's bytes (about two
/// thirds as JSON text) and shrink several times; a store written before holds them as TEXT,
/// which [`decode_report`] reads too.
fn encode_report(story: &FusedStory) -> Vec<u8> {
    use std::io::Write;
    let doc = OneStory { schema: crosscheck_core::story::STORY_SCHEMA, stories: [story] };
    // Invariant: a story serialises; every field is a string, number, bool or list of them.
    let json = serde_json::to_vec(&doc).expect("a fused story serialises to JSON");
    let mut z = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(json.len() / 4),
        flate2::Compression::fast(),
    );
    // Invariant: writing to a Vec never fails.
    z.write_all(&json).expect("writing to memory");
    z.finish().expect("writing to memory")
}

/// A [`StoryDocument`] of one story, borrowed: the same JSON, without cloning the story.
#[derive(serde::Serialize)]
struct OneStory<'a> {
    schema: &'a str,
    stories: [&'a FusedStory; 1],
}

/// A `report` column as read: deflated JSON (BLOB) or, in stores written before, JSON text.
enum StoredReport {
    Text(String),
    Deflated(Vec<u8>),
}

impl rusqlite::types::FromSql for StoredReport {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        match v {
            rusqlite::types::ValueRef::Blob(b) => Ok(StoredReport::Deflated(b.to_vec())),
            other => other.as_str().map(|t| StoredReport::Text(t.to_string())),
        }
    }
}

/// The story of a `report` column, refusing a document of another schema or of other than one
/// story.
fn decode_report(id: &StoryId, stored: &StoredReport) -> Result<FusedStory> {
    let corrupt = |reason: String| Error::Corrupt { what: format!("report of story {id}"), reason };
    let doc: StoryDocument = match stored {
        StoredReport::Text(text) => serde_json::from_str(text),
        StoredReport::Deflated(bytes) => {
            let mut json = Vec::with_capacity(bytes.len() * 6);
            std::io::Read::read_to_end(&mut flate2::read::ZlibDecoder::new(&bytes[..]), &mut json)
                .map_err(|e| corrupt(e.to_string()))?;
            serde_json::from_slice(&json)
        }
    }
    .map_err(|e| corrupt(e.to_string()))?;
    let n = doc.stories.len();
    let mut stories = doc.stories.into_iter();
    match (stories.next(), n) {
        (Some(story), 1) => Ok(story),
        _ => Err(corrupt(format!("the document holds {n} stories, expected 1"))),
    }
}

/// The id an article is stored under, and the hash and story of what is stored there now:
/// the article with its id and origin (or a variant `id~k` of its id with its origin), else
/// a row of a store written before origins were kept with its id and source, else its own
/// id when free, else the first free `id~k`.
#[expect(clippy::type_complexity, reason = "a private helper's one tuple")]
fn identify(
    tx: &Transaction<'_>,
    article: &Article,
    origin: Option<&str>,
    what: &str,
) -> Result<(String, Option<(String, Option<String>)>)> {
    let base = article.id.as_str();
    // Ingest itself numbers ids that two files of one run share (`x`, `x~2`), so a stored
    // variant of the id's root with this origin is this article, whatever number it got.
    let root = match base.rsplit_once('~') {
        Some((r, n)) if !r.is_empty() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
            r
        }
        _ => base,
    };
    if let Some(o) = origin {
        let found: Option<(String, String, Option<String>)> = tx
            .query_row(
                "SELECT id, hash, story FROM articles WHERE origin = ?1 \
                 AND (id = ?2 OR substr(id, 1, length(?2) + 1) = ?2 || '~') ORDER BY seq LIMIT 1",
                [o, root],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(Error::db(what))?;
        if let Some((id, hash, story)) = found {
            return Ok((id, Some((hash, story))));
        }
    }
    let same_id: Option<(String, Option<String>, String, Option<String>)> = tx
        .query_row("SELECT hash, story, source, origin FROM articles WHERE id = ?1", [base], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()
        .map_err(Error::db(what))?;
    match same_id {
        None => Ok((base.to_string(), None)),
        Some((hash, story, source, None)) if origin.is_some() && source == article.source => {
            Ok((base.to_string(), Some((hash, story))))
        }
        Some(_) => {
            let mut k = 2u32;
            loop {
                let id = format!("{root}~{k}");
                if !exists(tx, "SELECT 1 FROM articles WHERE id = ?1", &id)? {
                    return Ok((id, None));
                }
                k += 1;
            }
        }
    }
}

/// The live story `id` names: itself, or the story it was merged into (redirects always point
/// at a live story: a merge moves the redirects to the story it merged away).
fn resolve_in(c: &Connection, id: &str) -> Result<Option<String>> {
    if exists(c, "SELECT 1 FROM stories WHERE id = ?1", id)? {
        return Ok(Some(id.to_string()));
    }
    c.query_row("SELECT target FROM story_redirects WHERE id = ?1", [id], |r| r.get(0))
        .optional()
        .map_err(Error::db(format!("resolving story {id}")))
}

/// Merges the live stories of `group` into the oldest (created first): members and key terms
/// move, the others are removed and redirect to it. Returns the survivor when anything was
/// merged.
fn merge_in(tx: &Transaction<'_>, group: &[StoryId]) -> Result<Option<StoryId>> {
    let what = "merging stories";
    let mut live: Vec<(i64, String)> = Vec::new();
    for id in group {
        if let Some(l) = resolve_in(tx, id.as_str())? {
            let rowid: i64 = tx
                .query_row("SELECT rowid FROM stories WHERE id = ?1", [&l], |r| r.get(0))
                .map_err(Error::db(what))?;
            live.push((rowid, l));
        }
    }
    live.sort();
    live.dedup();
    let Some(((_, keep), gone)) = live.split_first() else { return Ok(None) };
    if gone.is_empty() {
        return Ok(None);
    }
    for (_, old) in gone {
        let step = |sql: &str| {
            tx.execute(sql, [keep.as_str(), old.as_str()])
                .map_err(Error::db(format!("merging story {old} into {keep}")))
        };
        step("UPDATE articles SET story = ?1 WHERE story = ?2")?;
        step(
            "INSERT INTO story_keys (key, story, day, seq) \
             SELECT key, ?1, day, seq FROM story_keys WHERE story = ?2 \
             ON CONFLICT (story, key) DO UPDATE SET \
                day = max(coalesce(day, excluded.day), coalesce(excluded.day, day)), \
                seq = max(seq, excluded.seq)",
        )?;
        step("UPDATE story_redirects SET target = ?1 WHERE target = ?2")?;
        step("INSERT OR REPLACE INTO story_redirects (target, id) VALUES (?1, ?2)")?;
        tx.execute("DELETE FROM story_keys WHERE story = ?1", [old]).map_err(Error::db(what))?;
        tx.execute("DELETE FROM stories WHERE id = ?1", [old]).map_err(Error::db(what))?;
        tracing::info!(story = %old, into = %keep, "merged stories");
    }
    Ok(Some(StoryId::from(keep.clone())))
}

fn exists(c: &Connection, sql: &str, param: &str) -> Result<bool> {
    c.query_row(sql, [param], |_| Ok(()))
        .optional()
        .map(|r| r.is_some())
        .map_err(Error::db(format!("looking up {param}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Probe;

    fn dated(id: &str, date: Option<&str>) -> Article {
        let raw = format!("Title {id}\n\nBody of {id}.");
        Article {
            published: date.map(|d| d.parse().unwrap()),
            url: Some(format!("https://example.invalid/{id}")),
            ..Article::from_text(id, &raw)
        }
    }

    fn placed(id: &str, target: Target, keys: &[u64]) -> Placement {
        Placement {
            article: id.into(),
            target,
            duplicate_of: None,
            keys: keys.to_vec(),
            features: None,
        }
    }

    /// The key index as stored: (key, story, day, seq) in key order, then story order.
    fn postings(s: &SqliteStore) -> Vec<(i64, String, Option<i64>, i64)> {
        s.read(|c| {
            let mut st = c
                .prepare("SELECT key, story, day, seq FROM story_keys ORDER BY key, story")
                .unwrap();
            Ok(st
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .unwrap()
                .collect::<rusqlite::Result<Vec<_>>>()
                .unwrap())
        })
        .unwrap()
    }

    #[test]
    fn a_keys_posting_keeps_the_latest_day_and_article_of_its_story() {
        let dir = tempfile::tempdir().unwrap();
        let s = SqliteStore::open(dir.path().join("k.db")).unwrap();
        let day = |d: &str| Some(i64::from(d.parse::<Date>().unwrap().day_number()));
        let dates = [("a1", Some("2024-03-05")), ("a2", None), ("a3", Some("2024-03-01"))];
        let mut seq = HashMap::new();
        for (id, date) in dates {
            s.put_article(&dated(id, date), None).unwrap();
            seq.insert(id, i64::try_from(s.article(id).unwrap().unwrap().seq).unwrap());
        }
        // One plan, keys repeated across its articles, the latest day not on the latest one.
        let story = s
            .place(
                &[
                    placed("a1", Target::New(0), &[7, 9]),
                    placed("a2", Target::New(0), &[7]),
                    placed("a3", Target::New(0), &[9, 7]),
                ],
                &[],
            )
            .unwrap()
            .remove(0);
        let id = story.to_string();
        assert_eq!(
            postings(&s),
            vec![
                (7, id.clone(), day("2024-03-05"), seq["a3"]),
                (9, id.clone(), day("2024-03-05"), seq["a3"])
            ]
        );
        // A later, undated article: the seq moves on, the day stays.
        s.put_article(&dated("a4", None), None).unwrap();
        let a4 = i64::try_from(s.article("a4").unwrap().unwrap().seq).unwrap();
        s.place(&[placed("a4", Target::Existing(story.clone()), &[9, 11])], &[]).unwrap();
        assert_eq!(
            postings(&s),
            vec![
                (7, id.clone(), day("2024-03-05"), seq["a3"]),
                (9, id.clone(), day("2024-03-05"), a4),
                (11, id.clone(), None, a4),
            ]
        );
    }

    /// A store of version 3 (before months were kept) opens, migrates to the current version and
    /// reads its articles as before; a month of publication stored after that reads back.
    #[test]
    fn a_version_3_store_migrates_and_then_keeps_months() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v3.db");
        {
            let conn = Connection::open(&path).unwrap();
            for sql in &MIGRATIONS[..3] {
                conn.execute_batch(sql).unwrap();
            }
            conn.pragma_update(None, "user_version", 3).unwrap();
            let raw = "Title\n\nThe ferry ran aground.";
            let hash = ContentHash::of(raw.as_bytes()).to_string();
            conn.execute("INSERT INTO blobs (hash, data) VALUES (?1, ?2)", (&hash, raw.as_bytes()))
                .unwrap();
            conn.execute(
                "INSERT INTO articles (id, hash, source, published, language, text, removed, \
                 alignment) VALUES ('old', ?1, 'old.txt', '2025-11-19', 'en', 'The ferry ran \
                 aground.', '[]', '{\"segments\":[]}')",
                [&hash],
            )
            .unwrap();
        }
        let s = SqliteStore::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), i64::try_from(MIGRATIONS.len()).unwrap());
        let old = s.article("old").unwrap().unwrap().article;
        assert_eq!(old.published.map(|d| d.to_string()).as_deref(), Some("2025-11-19"));
        assert_eq!(old.published_month, None);

        let month_only = Article { published_month: Month::new(2025, 11), ..dated("new", None) };
        s.put_article(&month_only, None).unwrap();
        drop(s);
        let s = SqliteStore::open(&path).unwrap();
        let back = s.article("new").unwrap().unwrap().article;
        assert_eq!((back.published, back.published_month), (None, Month::new(2025, 11)));
        assert_eq!(back.publication().unwrap().to_string(), "2025-11");
        // A month that does not parse is reported as damage, naming the article.
        s.write("damaging a month", |c| {
            c.execute("UPDATE articles SET published_month = '2025-13' WHERE id = 'new'", [])
                .unwrap();
            Ok(())
        })
        .unwrap();
        let err = s.article("new").unwrap_err().to_string();
        assert!(err.contains("month of article new"), "{err}");
    }

    /// A store of version 4 (its key index in key order) opens and migrates to the index in
    /// story order with the same postings; a key's most recent stories are then read from the
    /// covering index alone, and new postings update the migrated ones.
    #[test]
    fn a_version_4_store_migrates_its_key_index() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v4.db");
        {
            let conn = Connection::open(&path).unwrap();
            for sql in &MIGRATIONS[..4] {
                conn.execute_batch(sql).unwrap();
            }
            conn.pragma_update(None, "user_version", 4).unwrap();
            conn.execute_batch(
                "INSERT INTO stories (id, version, articles, sort_key) VALUES \
                    ('s1', 1, 0, '0000-00-00'), ('s2', 1, 0, '0000-00-00'); \
                 INSERT INTO story_keys (key, story, day, seq) VALUES \
                    (7, 's1', 20000, 3), (7, 's2', NULL, 5), (9, 's2', 20001, 4), \
                    (-3, 's1', 19999, 1);",
            )
            .unwrap();
        }
        let s = SqliteStore::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), 5);
        let row = |k: i64, s: &str, d: Option<i64>, q: i64| (k, s.to_string(), d, q);
        assert_eq!(
            postings(&s),
            vec![
                row(-3, "s1", Some(19_999), 1),
                row(7, "s1", Some(20_000), 3),
                row(7, "s2", None, 5),
                row(9, "s2", Some(20_001), 4),
            ]
        );
        let plan: String = s
            .read(|c| {
                Ok(c.query_row(&format!("EXPLAIN QUERY PLAN {KEY_STORIES}"), [7], |r| r.get(3))
                    .unwrap())
            })
            .unwrap();
        assert!(plan.contains("COVERING INDEX story_keys_recent"), "{plan}");
        let probe = |k: u64| Probe { keys: vec![k], published: None };
        let found = s.neighbours(&Neighbourhood::new(vec![probe(7)])).unwrap();
        let ids: Vec<&str> = found.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["s1", "s2"]);
        // A new article of s1 with key 9: its posting joins the migrated ones.
        s.put_article(&dated("a1", Some("2024-03-05")), None).unwrap();
        let a1 = i64::try_from(s.article("a1").unwrap().unwrap().seq).unwrap();
        s.place(&[placed("a1", Target::Existing(StoryId::from("s1")), &[9, 7])], &[]).unwrap();
        let day = i64::from("2024-03-05".parse::<Date>().unwrap().day_number());
        assert_eq!(
            postings(&s),
            vec![
                row(-3, "s1", Some(19_999), 1),
                row(7, "s1", Some(day.max(20_000)), a1.max(3)),
                row(7, "s2", None, 5),
                row(9, "s1", Some(day), a1),
                row(9, "s2", Some(20_001), 4),
            ]
        );
    }

    #[test]
    fn a_stored_report_is_the_story_document_of_its_story() {
        let story = FusedStory {
            id: "s1".to_string(),
            headline: "Ferry sinks \"near\" Ostrava".to_string(),
            articles: vec![],
            entities: vec![],
            claims: vec![],
            quotes: vec![],
            conflicts: vec![],
            timeline: vec![],
            sampled: None,
            reuse: None,
        };
        let mut json = Vec::new();
        let stored = encode_report(&story);
        std::io::Read::read_to_end(&mut flate2::read::ZlibDecoder::new(&stored[..]), &mut json)
            .unwrap();
        let doc = serde_json::to_vec(&StoryDocument::new(vec![story.clone()])).unwrap();
        assert_eq!(String::from_utf8(json).unwrap(), String::from_utf8(doc).unwrap());
        let back = decode_report(&StoryId::from("s1"), &StoredReport::Deflated(stored)).unwrap();
        assert_eq!(back, story);
    }
}
