//! The `crosscheck._native` module: thin conversions around [`crate::adapter`]. Batch calls
//! release the GIL while the engine runs.
#![expect(
    clippy::needless_pass_by_value,
    reason = "pyo3 extracts arguments as owned values under the abi3 limited API"
)]

use std::sync::OnceLock;

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::Error;
use crate::adapter::{self, ClusterInput, Engine, Options};

create_exception!(crosscheck, CrosscheckError, PyException, "An error of crosscheck.");
create_exception!(
    crosscheck,
    ExtractError,
    CrosscheckError,
    "A document held no article, or could not be read; the message names it."
);
create_exception!(crosscheck, FuseError, CrosscheckError, "A story could not be fused.");

fn to_py(e: Error) -> PyErr {
    match e {
        Error::Config(m) => PyValueError::new_err(m),
        Error::Item(m) => ExtractError::new_err(m),
    }
}

/// The engine with default options, built once per process.
fn default_engine() -> PyResult<&'static Engine> {
    static ENGINE: OnceLock<Result<Engine, Error>> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(Options::default())).as_ref().map_err(|e| to_py(e.clone()))
}

/// An engine for `opts`: the shared one for the defaults.
fn engine_for(opts: Options) -> PyResult<EngineRef> {
    if opts == Options::default() {
        Ok(EngineRef::Shared(default_engine()?))
    } else {
        Ok(EngineRef::Owned(Box::new(Engine::new(opts).map_err(to_py)?)))
    }
}

enum EngineRef {
    Shared(&'static Engine),
    Owned(Box<Engine>),
}

impl std::ops::Deref for EngineRef {
    type Target = Engine;
    fn deref(&self) -> &Engine {
        match self {
            EngineRef::Shared(e) => e,
            EngineRef::Owned(e) => e,
        }
    }
}

fn u32s_to_bytes(v: &[u32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

fn bytes_to_u32s(b: &[u8]) -> Vec<u32> {
    b.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect()
}

/// Extracts one record (a JSON object); returns the article as JSON in the schema of
/// `crosscheck extract`. Raises `ExtractError` naming the record.
#[pyfunction]
fn extract_record(py: Python<'_>, name: String, record: String) -> PyResult<String> {
    let engine = default_engine()?;
    py.detach(|| engine.extract_record(&name, &record))
        .map(|a| adapter::article_record_json(&a))
        .map_err(to_py)
}

/// What a batch run gives back, one entry per record, plus the fused stories.
type BatchOut = (
    Vec<Option<String>>,
    Vec<Option<String>>,
    Vec<Option<u32>>,
    Vec<Option<u32>>,
    Vec<Option<f32>>,
    Vec<Option<String>>,
    Vec<Option<f32>>,
    Vec<String>,
    Vec<String>,
);

/// Runs the stages up to `stage` (`extract`, `dedup`, `cluster` or `fuse`) over a batch of
/// records. Returns per record: the article id, the article as JSON (for `extract`) or the
/// item error, the duplicate group, the index of the group's first record, the similarity to
/// it, the story and the score; then the fused stories as JSON objects and the story errors.
#[pyfunction]
#[pyo3(signature = (stage, names, records, threshold=0.5, num_perm=128))]
fn run_batch(
    py: Python<'_>,
    stage: &str,
    names: Vec<String>,
    records: Vec<String>,
    threshold: f64,
    num_perm: usize,
) -> PyResult<BatchOut> {
    if names.len() != records.len() {
        return Err(PyValueError::new_err("names and records differ in length"));
    }
    if !matches!(stage, "extract" | "dedup" | "cluster" | "fuse") {
        return Err(PyValueError::new_err(format!("unknown stage {stage}")));
    }
    let engine = engine_for(Options { threshold, permutations: num_perm })?;
    let stage = stage.to_owned();
    Ok(py.detach(move || batch(&engine, &stage, &names, &records)))
}

fn batch(engine: &Engine, stage: &str, names: &[String], records: &[String]) -> BatchOut {
    let n = records.len();
    let results = engine.extract_batch(names, records);
    let mut ids = vec![None; n];
    let mut payload = vec![None; n];
    let mut rows = Vec::new();
    let mut articles = Vec::new();
    for (i, r) in results.into_iter().enumerate() {
        match r {
            Ok(a) => {
                ids[i] = Some(a.id.to_string());
                if stage == "extract" {
                    payload[i] = Some(adapter::article_record_json(&a));
                }
                rows.push(i);
                articles.push(a);
            }
            Err(e) => payload[i] = Some(e.to_string()),
        }
    }
    let (mut group, mut first, mut sim, mut story, mut score) =
        (vec![None; n], vec![None; n], vec![None; n], vec![None; n], vec![None; n]);
    let (mut stories, mut story_errors) = (Vec::new(), Vec::new());
    let placements = match stage {
        "dedup" => engine
            .dedup(&articles)
            .into_iter()
            .map(|(g, d, s)| adapter::Placement {
                group: g,
                duplicate_of: d,
                similarity: s,
                story: String::new(),
                score: 0.0,
            })
            .collect(),
        "cluster" => engine.cluster(&articles),
        "fuse" => {
            let (p, fused) = engine.fuse(&articles);
            for s in fused {
                match s {
                    Ok(s) => stories.push(adapter::story_to_json(&s)),
                    Err(e) => story_errors.push(e.to_string()),
                }
            }
            p
        }
        _ => Vec::new(),
    };
    for (k, p) in placements.iter().enumerate() {
        let i = rows[k];
        group[i] = Some(p.group);
        first[i] = p.duplicate_of.map(|f| rows[f as usize] as u32);
        sim[i] = Some(p.similarity);
        if stage != "dedup" {
            story[i] = Some(p.story.clone());
            score[i] = Some(p.score);
        }
    }
    (ids, payload, group, first, sim, story, score, stories, story_errors)
}

/// The word 5-gram `MinHash` signatures of `texts` as the deduplicator computes them:
/// `len(texts) × num_perm` little-endian `u32`.
#[pyfunction]
#[pyo3(signature = (texts, num_perm=128, ngram=5, seed=None))]
fn text_signatures(
    py: Python<'_>,
    texts: Vec<String>,
    num_perm: usize,
    ngram: usize,
    seed: Option<u64>,
) -> PyResult<Bound<'_, PyBytes>> {
    let sigs = py.detach(|| {
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        adapter::text_signatures(&refs, num_perm, ngram, seed).map(|s| u32s_to_bytes(&s))
    });
    Ok(PyBytes::new(py, &sigs.map_err(to_py)?))
}

/// The `MinHash` signature of a set of tokens (bytes), as `num_perm` little-endian `u32`.
#[pyfunction]
fn token_signature(
    py: Python<'_>,
    tokens: Vec<Vec<u8>>,
    num_perm: usize,
    seed: u64,
) -> Bound<'_, PyBytes> {
    let sig = py.detach(|| {
        let refs: Vec<&[u8]> = tokens.iter().map(Vec::as_slice).collect();
        u32s_to_bytes(&adapter::token_signature(&refs, num_perm, seed))
    });
    PyBytes::new(py, &sig)
}

/// The LSH banding `(bands, rows)` the deduplicator picks for a threshold.
#[pyfunction]
fn bands(threshold: f64, num_perm: usize) -> PyResult<(usize, usize)> {
    adapter::bands(threshold, num_perm).map_err(to_py)
}

/// `(id, shipped article, outlet key, error)` of one record.
type Extracted = (Option<String>, Option<String>, Option<String>, Option<String>);

/// `(shipped article, exact key, signature, shingle set, title, text, published)`.
type Prepared = (String, i64, Vec<u8>, Vec<u8>, Option<String>, String, Option<String>);

/// Extracts records one by one without the cross-article chrome pass (the Spark job's first
/// stage). Returns per record `(id, article as shipped JSON, outlet key, error)`.
#[pyfunction]
fn extract_articles(
    py: Python<'_>,
    names: Vec<String>,
    records: Vec<String>,
) -> PyResult<Vec<Extracted>> {
    if names.len() != records.len() {
        return Err(PyValueError::new_err("names and records differ in length"));
    }
    let engine = default_engine()?;
    Ok(py.detach(|| engine.extract_records(&names, &records).into_iter().map(extracted).collect()))
}

/// One extraction result as the Python side takes it: id, article JSON and outlet key, or
/// the error.
fn extracted(r: Result<crosscheck::core::Article, Error>) -> Extracted {
    match r {
        Ok(a) => (
            Some(a.id.to_string()),
            Some(adapter::article_to_json(&a)),
            Some(adapter::outlet_key(&a)),
            None,
        ),
        Err(e) => (None, None, None, Some(e.to_string())),
    }
}

/// Reads one container file (WARC, gzipped or not; told by `name`'s extension) and extracts
/// every document in it, as [`extract_articles`] does for records.
#[pyfunction]
fn extract_file(py: Python<'_>, name: String, content: Vec<u8>) -> PyResult<Vec<Extracted>> {
    let engine = default_engine()?;
    Ok(py.detach(|| engine.extract_container(&name, content).into_iter().map(extracted).collect()))
}

/// Removes recurring chrome across the given articles (every article of an outlet must be
/// among them) and fingerprints them. Returns per article `(article JSON, exact key as i64,
/// signature bytes, shingle set bytes, title, text, published)`.
#[pyfunction]
#[pyo3(signature = (articles, threshold=0.5, num_perm=128))]
fn prepare_articles(
    py: Python<'_>,
    articles: Vec<String>,
    threshold: f64,
    num_perm: usize,
) -> PyResult<Vec<Prepared>> {
    let engine = engine_for(Options { threshold, permutations: num_perm })?;
    py.detach(move || {
        let mut arts = articles
            .iter()
            .map(|s| adapter::article_from_json(s))
            .collect::<Result<Vec<_>, _>>()
            .map_err(to_py)?;
        adapter::strip_chrome(arts.iter_mut());
        let texts: Vec<&str> = arts.iter().map(|a| a.text.as_str()).collect();
        let fps = engine.fingerprints(&texts);
        Ok(arts
            .iter()
            .zip(fps)
            .map(|(a, (exact, sig, sh))| {
                (
                    adapter::article_to_json(a),
                    i64::from_le_bytes(exact.to_le_bytes()),
                    u32s_to_bytes(&sig),
                    u32s_to_bytes(&sh),
                    a.title.clone(),
                    a.text.clone(),
                    a.published.map(|d| d.to_string()),
                )
            })
            .collect())
    })
}

/// The Jaccard similarity of each pair of shingle sets (sorted little-endian `u32`).
#[pyfunction]
fn jaccard_pairs(py: Python<'_>, a: Vec<Vec<u8>>, b: Vec<Vec<u8>>) -> PyResult<Vec<f64>> {
    if a.len() != b.len() {
        return Err(PyValueError::new_err("the two lists differ in length"));
    }
    Ok(py.detach(|| {
        a.iter()
            .zip(&b)
            .map(|(x, y)| adapter::jaccard(&bytes_to_u32s(x), &bytes_to_u32s(y)))
            .collect()
    }))
}

/// The stories of deduplicated documents: `(story, score)` per document.
#[pyfunction]
fn cluster_docs(
    py: Python<'_>,
    ids: Vec<String>,
    titles: Vec<Option<String>>,
    texts: Vec<String>,
    published: Vec<Option<String>>,
) -> PyResult<Vec<(u32, f32)>> {
    if ids.len() != texts.len() || ids.len() != titles.len() || ids.len() != published.len() {
        return Err(PyValueError::new_err("the columns differ in length"));
    }
    let mut docs = Vec::with_capacity(ids.len());
    for (((id, title), text), date) in ids.into_iter().zip(titles).zip(texts).zip(published) {
        let published = match date {
            Some(d) => Some(
                d.parse()
                    .map_err(|_| PyValueError::new_err(format!("{id}: unreadable date {d}")))?,
            ),
            None => None,
        };
        docs.push(ClusterInput { id, title, text, published });
    }
    let engine = default_engine()?;
    Ok(py.detach(|| engine.cluster_docs(&docs)))
}

/// Fuses one story from its articles (shipped JSON, in report order) and the id each
/// near-copies. Returns the story as a JSON object; raises `FuseError`.
#[pyfunction]
fn fuse_story(
    py: Python<'_>,
    articles: Vec<String>,
    duplicate_of: Vec<Option<String>>,
) -> PyResult<String> {
    if articles.len() != duplicate_of.len() {
        return Err(PyValueError::new_err("articles and duplicate_of differ in length"));
    }
    let engine = default_engine()?;
    py.detach(|| {
        let arts = articles
            .iter()
            .map(|s| adapter::article_from_json(s))
            .collect::<Result<Vec<_>, _>>()?;
        let refs: Vec<_> = arts.iter().collect();
        let dups: Vec<_> = duplicate_of.into_iter().map(|d| d.map(|s| s.as_str().into())).collect();
        engine.fuse_story(&refs, &dups).map(|s| adapter::story_to_json(&s))
    })
    .map_err(|e| FuseError::new_err(e.to_string()))
}

/// Runs every stage over a batch of records and times each (for benchmarks): returns
/// `([(stage, seconds)], articles)`.
#[pyfunction]
fn time_stages(
    py: Python<'_>,
    names: Vec<String>,
    records: Vec<String>,
) -> PyResult<(Vec<(String, f64)>, usize)> {
    let engine = default_engine()?;
    Ok(py.detach(|| engine.time_stages(&names, &records)))
}

/// The extension module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("CrosscheckError", py.get_type::<CrosscheckError>())?;
    m.add("ExtractError", py.get_type::<ExtractError>())?;
    m.add("FuseError", py.get_type::<FuseError>())?;
    m.add("STORY_SCHEMA", adapter::STORY_SCHEMA)?;
    m.add_function(wrap_pyfunction!(extract_record, m)?)?;
    m.add_function(wrap_pyfunction!(run_batch, m)?)?;
    m.add_function(wrap_pyfunction!(text_signatures, m)?)?;
    m.add_function(wrap_pyfunction!(token_signature, m)?)?;
    m.add_function(wrap_pyfunction!(bands, m)?)?;
    m.add_function(wrap_pyfunction!(extract_articles, m)?)?;
    m.add_function(wrap_pyfunction!(extract_file, m)?)?;
    m.add_function(wrap_pyfunction!(prepare_articles, m)?)?;
    m.add_function(wrap_pyfunction!(jaccard_pairs, m)?)?;
    m.add_function(wrap_pyfunction!(cluster_docs, m)?)?;
    m.add_function(wrap_pyfunction!(fuse_story, m)?)?;
    m.add_function(wrap_pyfunction!(time_stages, m)?)?;
    Ok(())
}
