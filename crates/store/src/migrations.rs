//! The `SQLite` schema, one migration per version; `PRAGMA user_version` holds the version a file
//! is at. Migrations are append-only: a released one is never edited.

/// The migrations, in order: applying `MIGRATIONS[i]` takes a file from version `i` to `i + 1`.
pub(crate) const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5];

/// Version 1: blobs, articles (with full-text search), stories.
const V1: &str = r"
-- Raw inputs, content-addressed: the bytes of each article's raw content and, when they differ,
-- the original bytes it was decoded from. Old versions of a replaced article stay here.
CREATE TABLE blobs (
    hash TEXT PRIMARY KEY NOT NULL,
    data BLOB NOT NULL
);

CREATE TABLE stories (
    id TEXT PRIMARY KEY NOT NULL,
    -- The fused report's headline; NULL until the story is first fused.
    headline TEXT,
    -- Bumped by every membership change; the report is fresh when report_version = version.
    version INTEGER NOT NULL,
    report_version INTEGER,
    -- The crosscheck.story/1 document as JSON text.
    report TEXT,
    -- Aggregates of the members, kept by the store on every membership change.
    articles INTEGER NOT NULL,
    first_published TEXT,
    last_published TEXT,
    sort_key TEXT NOT NULL
);
CREATE INDEX stories_order ON stories (sort_key DESC, id DESC);

CREATE TABLE articles (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL REFERENCES blobs (hash),
    original_hash TEXT REFERENCES blobs (hash),
    source TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    title TEXT,
    author TEXT,
    published TEXT,
    language TEXT NOT NULL,
    text TEXT NOT NULL,
    -- JSON array of strings.
    removed TEXT NOT NULL,
    -- JSON of crosscheck_core::Alignment.
    alignment TEXT NOT NULL,
    -- NULL until placed.
    story TEXT REFERENCES stories (id),
    duplicate_of TEXT
);
CREATE INDEX articles_story ON articles (story, seq);
CREATE INDEX articles_unplaced ON articles (seq) WHERE story IS NULL;

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, content = 'articles', content_rowid = 'seq'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
";

/// Version 2: online placement and article identity.
const V2: &str = r"
-- The key terms of each story's articles, with the latest day (days since 1970, NULL when
-- undated) and article seq at which the story used them: new articles find the stories of
-- their neighbourhood here instead of reading the whole store.
CREATE TABLE story_keys (
    key INTEGER NOT NULL,
    story TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    day INTEGER,
    seq INTEGER NOT NULL,
    PRIMARY KEY (key, story)
) WITHOUT ROWID;
CREATE INDEX story_keys_recent ON story_keys (key, seq DESC);
CREATE INDEX story_keys_story ON story_keys (story);

-- Stories merged into another (a bridging article joined them): the old id answers with a
-- redirect to the story that absorbed it.
CREATE TABLE story_redirects (
    id TEXT PRIMARY KEY NOT NULL,
    target TEXT NOT NULL
);

-- Where an article came from (its URL, else its file; a fresh token for stdin): an article
-- with the same id from another origin is another article.
ALTER TABLE articles ADD COLUMN origin TEXT;
CREATE INDEX articles_origin ON articles (origin);

-- The stories whose report is missing or older than their membership, found without a scan.
CREATE INDEX stories_stale ON stories (id) WHERE report_version IS NOT version;
";

/// Version 3: clustering features kept with each placed article.
const V3: &str = r"
-- The clustering features of each placed article (crosscheck_core::Features in the binary
-- form of features.rs), by article seq: placing later articles reads them for the members of
-- nearby stories instead of extracting them again. Articles placed before version 3 have none
-- (they are extracted again when needed).
CREATE TABLE article_features (
    seq INTEGER PRIMARY KEY NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
    data BLOB NOT NULL
);
";

/// Version 4: the month of publication of an article that gives no day.
const V4: &str = r"
-- `YYYY-MM`, set only when `published` is NULL: the input gave a month and no day (a
-- `/2025/11/slug` permalink). Articles stored before version 4 have none. Nothing that needs a
-- day (story aggregates, placement) reads it.
ALTER TABLE articles ADD COLUMN published_month TEXT;
";

/// Version 5: the key index ordered by story.
const V5: &str = r"
-- The same rows as before, kept in story order: a batch's postings belong to the few hundred
-- stories it touches, so that their writes fall on a few pages each instead of on pages all
-- over the index (keys are hashes). Finding a key's most recent stories reads one covering
-- index, which holds the day too; the story index of version 2 is the primary key now.
CREATE TABLE story_keys_v5 (
    story TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    key INTEGER NOT NULL,
    day INTEGER,
    seq INTEGER NOT NULL,
    PRIMARY KEY (story, key)
) WITHOUT ROWID;
INSERT INTO story_keys_v5 (story, key, day, seq)
    SELECT story, key, day, seq FROM story_keys ORDER BY story, key;
DROP TABLE story_keys;
ALTER TABLE story_keys_v5 RENAME TO story_keys;
CREATE INDEX story_keys_recent ON story_keys (key, seq DESC, day);
";
