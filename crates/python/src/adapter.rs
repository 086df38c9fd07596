//! The one place that calls the `crosscheck` facade, so that a change of its API is a change
//! here only.
//!
//! Every function takes and returns plain Rust data (strings, numbers, byte buffers); the
//! Python glue in `python.rs` only converts.

use std::io::Cursor;

use crosscheck::PipelineConfig;
use crosscheck::cluster::{ClusterDoc, Clusterer};
use crosscheck::core::{Article, Date, DocId};
use crosscheck::dedup::{DedupBuilder, Deduper, ReuseDetector, jaccard_sorted};
use crosscheck::extract::chrome::strip_recurring;
use crosscheck::extract::{ArticleExtractor, Extractor};
use crosscheck::fuse::{
    FusedStory, Fuser, FuserBuilder, StoryGroup, StoryInput, fuse_group, groups_of,
};
use crosscheck::ingest::{Ingest, IngestBuilder};
use crosscheck::place::Placer;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::Error;

/// The schema name of fused story documents.
pub const STORY_SCHEMA: &str = crosscheck::report::STORY_SCHEMA;

pub use crosscheck::core::ArticleRecord;

/// The options of every stage, with the engine's defaults.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Options {
    /// The near-duplicate threshold (word 5-gram Jaccard).
    pub threshold: f64,
    /// `MinHash` permutations.
    pub permutations: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options { threshold: 0.5, permutations: 128 }
    }
}

/// The engine's stages, configured once and reused. `Send + Sync`.
pub struct Engine {
    ingest: Ingest,
    extractor: ArticleExtractor,
    deduper: Deduper,
    clusterer: Clusterer,
    reuse: ReuseDetector,
    placer: Placer,
    fuser: Box<dyn Fuser>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine").field("deduper", &self.deduper).finish_non_exhaustive()
    }
}

impl Engine {
    /// The stages configured with `opts`.
    pub fn new(opts: Options) -> Result<Engine, Error> {
        // One configuration, the CLI's defaults with the dedup options given: the placer and
        // the stages called one by one agree.
        let mut config = PipelineConfig::default();
        config.dedup.threshold(opts.threshold).permutations(opts.permutations);
        let config_error = |e: &dyn std::fmt::Display| Error::Config(e.to_string());
        let deduper = config.deduper().map_err(|e| config_error(&e))?;
        let clusterer = config.clusterer().map_err(|e| config_error(&e))?;
        let placer = Placer::new(&config).map_err(|e| config_error(&e))?;
        let fuser = FuserBuilder::new().build().map_err(|e| config_error(&e))?;
        Ok(Engine {
            ingest: IngestBuilder::new().build(),
            extractor: ArticleExtractor::default(),
            deduper,
            clusterer,
            reuse: ReuseDetector::default(),
            placer,
            fuser: Box::new(fuser),
        })
    }

    /// The deduplicator.
    pub fn deduper(&self) -> &Deduper {
        &self.deduper
    }

    /// Reads one record (a JSON object in the field names of `crosscheck`'s JSON Lines input)
    /// and extracts its article, without the cross-article chrome pass.
    pub fn extract_record(&self, name: &str, record: &str) -> Result<Article, Error> {
        let mut docs = self
            .ingest
            .read_from(&format!("{name}.jsonl"), Cursor::new(record.as_bytes().to_vec()));
        let doc = match docs.next() {
            Some(Ok(doc)) => doc,
            Some(Err(e)) => return Err(Error::Item(e.to_string())),
            None => return Err(Error::Item(format!("{name}: empty record"))),
        };
        self.extractor.extract(&doc).map_err(|e| Error::Item(e.to_string()))
    }

    /// Reads every document of one container file (WARC, gzipped or not, or any format ingest
    /// reads, told by `name`'s extension or sniffed) and extracts each, in order, without the
    /// cross-article chrome pass.
    pub fn extract_container(&self, name: &str, content: Vec<u8>) -> Vec<Result<Article, Error>> {
        let docs: Vec<_> = self.ingest.read_from(name, Cursor::new(content)).collect();
        docs.into_par_iter()
            .map(|d| match d {
                Ok(doc) => self.extractor.extract(&doc).map_err(|e| Error::Item(e.to_string())),
                Err(e) => Err(Error::Item(e.to_string())),
            })
            .collect()
    }

    /// Extracts every record on all cores, in order, each result standing alone: one bad
    /// record never stops the others. Recurring page chrome is not removed yet; see
    /// [`strip_chrome`].
    pub fn extract_records(
        &self,
        names: &[String],
        records: &[String],
    ) -> Vec<Result<Article, Error>> {
        names.par_iter().zip(records).map(|(n, r)| self.extract_record(n, r)).collect()
    }

    /// Extracts every record and removes the lines that recur across one outlet's articles of
    /// the whole batch (as `crosscheck extract` does within each chunk it reads).
    pub fn extract_batch(
        &self,
        names: &[String],
        records: &[String],
    ) -> Vec<Result<Article, Error>> {
        let mut out = self.extract_records(names, records);
        strip_chrome(out.iter_mut().filter_map(|r| r.as_mut().ok()));
        out
    }

    /// Each article's duplicate group: `(group, index of the group's first article,
    /// similarity)`, in order.
    pub fn dedup(&self, articles: &[Article]) -> Vec<(u32, Option<u32>, f32)> {
        crosscheck::dedup::dedup_articles(&self.deduper, articles)
            .into_iter()
            .map(|m| (m.group, m.duplicate_of(), m.similarity))
            .collect()
    }

    /// Each article's duplicate group and story: `(group, first, similarity, story, score)`,
    /// the story placed as `crosscheck cluster` places it (one [`Placer`]).
    pub fn cluster(&self, articles: &[Article]) -> Vec<Placement> {
        let placed = self.placer.place(&[], articles);
        let ids = placed.story_ids(&[]);
        crosscheck::dedup::dedup_articles(&self.deduper, articles)
            .into_iter()
            .zip(placed.placed)
            .zip(ids)
            .map(|((m, p), story)| Placement {
                group: m.group,
                duplicate_of: m.duplicate_of(),
                similarity: m.similarity,
                story,
                score: p.score,
            })
            .collect()
    }

    /// The stories of documents already deduplicated: `(story, score)` of each, in order. The
    /// result does not depend on the order of `docs`.
    pub fn cluster_docs(&self, docs: &[ClusterInput]) -> Vec<(u32, f32)> {
        let docs: Vec<ClusterDoc<'_>> = docs
            .iter()
            .map(|d| ClusterDoc {
                id: &d.id,
                title: d.title.as_deref(),
                text: &d.text,
                date: d.published,
            })
            .collect();
        self.clusterer.cluster(&docs).into_iter().map(|a| (a.story, a.score)).collect()
    }

    /// Fuses one story: `articles` in the order they should be reported, with the id of the
    /// article each near-copies. The text reuse among them is found first, as `crosscheck fuse`
    /// does.
    pub fn fuse_story(
        &self,
        articles: &[&Article],
        duplicate_of: &[Option<DocId>],
    ) -> Result<FusedStory, Error> {
        let mut input = StoryInput::new(articles.iter().copied());
        input.reuse(self.reuse.detect(articles));
        // Named as `crosscheck fuse` and the store name it: after its earliest article.
        let id = crosscheck::place::founder(articles.iter().copied())
            .map(|a| crosscheck::place::story_id(&a.id));
        if let Some(id) = &id {
            input.id(id.clone());
        }
        for (a, of) in articles.iter().zip(duplicate_of) {
            if let Some(of) = of {
                input.duplicate(&a.id, of.clone());
            }
        }
        self.fuser.fuse(&input).map_err(|e| Error::Item(e.to_string()))
    }

    /// Groups, clusters and fuses `articles` as `crosscheck fuse` does: one story per cluster,
    /// in order of each story's first article, each listing its articles in input order.
    pub fn fuse(&self, articles: &[Article]) -> (Vec<Placement>, Vec<Result<FusedStory, Error>>) {
        let placements = self.cluster(articles);
        let stories = self.fuse_placed(articles, &placements);
        (placements, stories)
    }

    /// Fuses the stories of articles already placed by [`Engine::cluster`], as
    /// `crosscheck fuse` does (one [`fuse_group`] per story, on all cores).
    pub fn fuse_placed(
        &self,
        articles: &[Article],
        placements: &[Placement],
    ) -> Vec<Result<FusedStory, Error>> {
        let groups: Vec<StoryGroup> = groups_of(placements.iter().map(|p| p.story.as_str()));
        let duplicate_of: Vec<Option<DocId>> = placements
            .iter()
            .map(|p| p.duplicate_of.map(|f| articles[f as usize].id.clone()))
            .collect();
        groups
            .par_iter()
            .map(|g| {
                fuse_group(self.fuser.as_ref(), articles, g, &duplicate_of)
                    .map_err(|e| Error::Item(e.to_string()))
            })
            .collect()
    }

    /// Runs every stage over a batch and times each: `(stage, seconds)` for `extract`,
    /// `dedup`, `cluster` (without its own deduplication) and `fuse`, plus the number of
    /// articles. For benchmarks.
    pub fn time_stages(&self, names: &[String], records: &[String]) -> (Vec<(String, f64)>, usize) {
        let t = std::time::Instant::now();
        let articles: Vec<Article> =
            self.extract_batch(names, records).into_iter().filter_map(Result::ok).collect();
        let extract = t.elapsed().as_secs_f64();
        let t = std::time::Instant::now();
        let _ = self.dedup(&articles);
        let dedup = t.elapsed().as_secs_f64();
        let t = std::time::Instant::now();
        let placements = self.cluster(&articles);
        let cluster = (t.elapsed().as_secs_f64() - dedup).max(0.0);
        let t = std::time::Instant::now();
        let _ = self.fuse_placed(&articles, &placements);
        let fuse = t.elapsed().as_secs_f64();
        let stages = [("extract", extract), ("dedup", dedup), ("cluster", cluster), ("fuse", fuse)];
        (stages.iter().map(|&(n, s)| (n.to_owned(), s)).collect(), articles.len())
    }

    /// The exact-duplicate key, `MinHash` signature and sorted shingle set of each text,
    /// computed on all cores.
    pub fn fingerprints(&self, texts: &[&str]) -> Vec<(u64, Vec<u32>, Vec<u32>)> {
        self.deduper
            .fingerprints(texts)
            .into_iter()
            .map(|fp| {
                (fp.exact, fp.signature.into_vec(), fp.shingles.map(Into::into).unwrap_or_default())
            })
            .collect()
    }
}

/// Where [`Engine::cluster`] put an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    /// The duplicate group, numbered from 0 in input order.
    pub group: u32,
    /// The index of the group's first article, unless it is this one.
    pub duplicate_of: Option<u32>,
    /// The similarity to the group's first article.
    pub similarity: f32,
    /// The story id (`s` and ten hex digits, as `crosscheck cluster` names it).
    pub story: String,
    /// How firmly the article sits in its story.
    pub score: f32,
}

/// One deduplicated document for [`Engine::cluster_docs`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterInput {
    /// The article id.
    pub id: String,
    /// The headline.
    pub title: Option<String>,
    /// The main text.
    pub text: String,
    /// The publication date.
    pub published: Option<Date>,
}

impl From<&Article> for ClusterInput {
    fn from(a: &Article) -> ClusterInput {
        ClusterInput {
            id: a.id.to_string(),
            title: a.title.clone(),
            text: a.text.clone(),
            published: a.published,
        }
    }
}

/// Removes the lines that recur across one outlet's articles among `articles`.
pub fn strip_chrome<'a>(articles: impl IntoIterator<Item = &'a mut Article>) {
    strip_recurring(articles);
}

/// The key under which [`strip_chrome`] groups an article: its outlet, else its URL's host
/// (without `www.`), lower-cased. Articles with neither are left alone, and get their id.
pub fn outlet_key(a: &Article) -> String {
    if let Some(o) = a.outlet.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
        return format!("o:{}", o.to_lowercase());
    }
    if let Some(host) = a.url.as_deref().and_then(host_of) {
        return format!("o:{}", host.trim_start_matches("www.").to_lowercase());
    }
    format!("id:{}", a.id)
}

/// The host of an absolute URL, without user, port or path.
fn host_of(url: &str) -> Option<&str> {
    let rest = &url[url.find("://")? + 3..];
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let host = match host.rfind(':') {
        Some(i) if !host.ends_with(']') => &host[..i],
        _ => host,
    };
    (!host.is_empty()).then_some(host)
}

/// The JSON line of an article in the `crosscheck extract` schema.
pub fn article_record_json(a: &Article) -> String {
    // Serialising plain strings, numbers and dates cannot fail.
    serde_json::to_string(&ArticleRecord::from(a)).unwrap_or_default()
}

/// An article with its raw content, which `Article`'s own serialisation leaves out.
#[derive(Serialize)]
struct ShippedRef<'a> {
    article: &'a Article,
    raw: &'a str,
}

#[derive(Deserialize)]
struct Shipped {
    article: Article,
    raw: String,
}

/// An article as JSON, every field kept, raw content included (to ship it between processes).
pub fn article_to_json(a: &Article) -> String {
    serde_json::to_string(&ShippedRef { article: a, raw: &a.raw }).unwrap_or_default()
}

/// An article shipped by [`article_to_json`].
pub fn article_from_json(s: &str) -> Result<Article, Error> {
    let Shipped { mut article, raw } = serde_json::from_str(s)
        .map_err(|e| Error::Item(format!("unreadable shipped article: {e}")))?;
    article.raw = raw.into();
    Ok(article)
}

/// A fused story as one JSON object (an element of `stories` in a `crosscheck.story/1`
/// document).
pub fn story_to_json(s: &FusedStory) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// The `MinHash` signature of a set of tokens (each hashed to 32 bits), for the
/// datasketch-style `MinHash.update`.
pub fn token_signature(tokens: &[&[u8]], permutations: usize, seed: u64) -> Vec<u32> {
    let hasher = crosscheck::dedup::MinHasher::new(permutations, 1, seed);
    let token_hashes: Vec<u32> = tokens.iter().map(|t| token_hash(t)).collect();
    let mut sig = vec![u32::MAX; hasher.permutations()];
    if !token_hashes.is_empty() {
        hasher.signature_of(&token_hashes, &mut sig);
    }
    sig
}

/// The word-shingle `MinHash` signatures of `texts`, as the deduplicator computes them,
/// concatenated (`texts.len() × permutations`). `seed` defaults to the deduplicator's.
pub fn text_signatures(
    texts: &[&str],
    permutations: usize,
    ngram: usize,
    seed: Option<u64>,
) -> Result<Vec<u32>, Error> {
    let mut b = DedupBuilder::new();
    b.permutations(permutations).ngram(ngram);
    if let Some(s) = seed {
        b.seed(s);
    }
    let dedup = b.build().map_err(|e| Error::Config(e.to_string()))?;
    let hasher = dedup.hasher();
    let k = hasher.permutations();
    let mut out = vec![0u32; texts.len() * k];
    out.par_chunks_mut(k.max(1)).zip(texts.par_iter()).for_each_init(Vec::new, |s, (sig, t)| {
        hasher.signature_into(t, s, sig);
    });
    Ok(out)
}

/// The LSH banding `(bands, rows)` the deduplicator uses for a threshold and a number of
/// permutations.
pub fn bands(threshold: f64, permutations: usize) -> Result<(usize, usize), Error> {
    DedupBuilder::new()
        .threshold(threshold)
        .permutations(permutations)
        .build()
        .map(|d| d.bands())
        .map_err(|e| Error::Config(e.to_string()))
}

/// The Jaccard similarity of two sorted, distinct shingle sets.
pub fn jaccard(a: &[u32], b: &[u32]) -> f64 {
    jaccard_sorted(a, b)
}

/// A 32-bit hash of one token: FNV-1a over the bytes, then a full-avalanche finaliser.
fn token_hash(t: &[u8]) -> u32 {
    let mut h = 0xCBF2_9CE4_8422_2325_u64;
    for &b in t {
        h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3);
    }
    crosscheck::text::fmix64(h) as u32
}

#[cfg(test)]
mod tests;
