use std::path::PathBuf;

use crosscheck_core::{Article, RawDoc};
use crosscheck_extract::{ArticleExtractor, Extractor, chrome::strip_recurring};
use crosscheck_ingest::{Docs, Ingest, IngestBuilder};
use rayon::prelude::*;

use crate::Error;
use crate::config::{ConfigError, PipelineConfig};
use crate::place::Placer;

/// How many documents are read before they are extracted in parallel. Large enough to keep all
/// cores busy, small enough to bound memory on a firehose.
const CHUNK: usize = 256;

/// Builds a [`Pipeline`].
#[derive(Debug, Clone, Default)]
pub struct PipelineBuilder {
    ingest: IngestBuilder,
    config: PipelineConfig,
    placer: Option<Placer>,
}

impl PipelineBuilder {
    /// A builder with the defaults.
    pub fn new() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// Every stage's options, checked here. Options set by the other methods after this one
    /// override the configuration's.
    ///
    /// By default, [`PipelineConfig::default`].
    pub fn config(&mut self, config: &PipelineConfig) -> Result<&mut PipelineBuilder, ConfigError> {
        config.validate()?;
        self.placer = Some(Placer::new(config)?);
        self.ingest.max_doc_bytes(config.ingest.max_doc_bytes);
        self.config = config.clone();
        Ok(self)
    }

    /// The largest document, in bytes, that is read; larger ones are item errors.
    ///
    /// By default, 64 MiB.
    pub fn max_doc_bytes(&mut self, n: usize) -> &mut PipelineBuilder {
        self.ingest.max_doc_bytes(n);
        self.config.ingest.max_doc_bytes = n;
        self
    }

    /// A file that folder walks pass over, with its `SQLite` companions (see
    /// [`IngestBuilder::skip`]).
    pub fn skip(&mut self, path: &std::path::Path) -> &mut PipelineBuilder {
        self.ingest.skip(path);
        self
    }

    /// The configured pipeline.
    ///
    /// # Panics
    ///
    /// Never: without [`PipelineBuilder::config`], the default configuration is used, which
    /// is valid by construction (a unit test checks it).
    pub fn build(&self) -> Pipeline {
        let placer = self.placer.clone().unwrap_or_else(|| {
            // The default configuration is valid by construction (a unit test checks it).
            Placer::new(&PipelineConfig::default()).expect("the default configuration is valid")
        });
        Pipeline {
            ingest: self.ingest.build(),
            extractor: Box::new(ArticleExtractor::default()),
            config: self.config.clone(),
            placer,
        }
    }
}

/// The crosscheck pipeline. Reusable, `Send + Sync`.
pub struct Pipeline {
    ingest: Ingest,
    extractor: Box<dyn Extractor>,
    config: PipelineConfig,
    placer: Placer,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline").field("ingest", &self.ingest).finish_non_exhaustive()
    }
}

impl Pipeline {
    /// The configuration the pipeline was built with.
    pub fn config(&self) -> &PipelineConfig {
        &self.config
    }

    /// The story placer: dedup, then cluster, with the configured options.
    pub fn placer(&self) -> &Placer {
        &self.placer
    }

    /// Reads and extracts every document under `paths`, calling `sink` once per item in input
    /// order. Extraction runs on all cores. Stops early when `sink` returns `false`.
    pub fn extract(&self, paths: &[PathBuf], sink: impl FnMut(Result<Article, Error>) -> bool) {
        self.extract_docs(self.ingest.read(paths), each_item(sink));
    }

    /// Like [`Pipeline::extract`], handing over the items a chunk at a time (up to 256, in
    /// input order, as soon as the chunk is extracted), so that a caller can store a chunk in
    /// one transaction. Stops early when `sink` returns `false`.
    pub fn extract_chunks(
        &self,
        paths: &[PathBuf],
        sink: impl FnMut(Vec<Result<Article, Error>>) -> bool,
    ) {
        self.extract_docs(self.ingest.read(paths), sink);
    }

    /// Like [`Pipeline::extract`], for the documents of one reader named `name` (an upload, a
    /// socket): read as the format `name`'s extension or the content says, with ids and
    /// sources from `name`.
    pub fn extract_reader(
        &self,
        name: &str,
        reader: impl std::io::Read + Send + 'static,
        sink: impl FnMut(Result<Article, Error>) -> bool,
    ) {
        self.extract_docs(self.ingest.read_from(name, reader), each_item(sink));
    }

    /// Like [`Pipeline::extract_reader`], a chunk at a time (see [`Pipeline::extract_chunks`]).
    pub fn extract_reader_chunks(
        &self,
        name: &str,
        reader: impl std::io::Read + Send + 'static,
        sink: impl FnMut(Vec<Result<Article, Error>>) -> bool,
    ) {
        self.extract_docs(self.ingest.read_from(name, reader), sink);
    }

    fn extract_docs(&self, docs: Docs, mut sink: impl FnMut(Vec<Result<Article, Error>>) -> bool) {
        let mut docs = docs.peekable();
        while docs.peek().is_some() {
            let chunk: Vec<Result<RawDoc, _>> = docs.by_ref().take(CHUNK).collect();
            let mut out: Vec<Result<Article, Error>> = chunk
                .into_par_iter()
                .map(|d| match d {
                    Ok(doc) => self.extractor.extract(&doc).map_err(Error::from),
                    Err(e) => Err(Error::from(e)),
                })
                .collect();
            // Lines recurring across one outlet's articles in this chunk are site chrome.
            strip_recurring(out.iter_mut().filter_map(|r| r.as_mut().ok()));
            if !sink(out) {
                return;
            }
        }
    }
}

/// A chunk sink that hands each item of a chunk to `sink`, stopping when it returns `false`.
fn each_item(
    mut sink: impl FnMut(Result<Article, Error>) -> bool,
) -> impl FnMut(Vec<Result<Article, Error>>) -> bool {
    move |chunk| chunk.into_iter().all(&mut sink)
}
