//! Loading the three extraction benchmarks from `../shared/data/extraction`.

use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result};
use serde_json::Value;

/// What a page's prediction is scored against.
#[derive(Debug)]
pub(crate) enum Truth {
    /// The full article body (AEB, WCXB).
    Body(String),
    /// Snippets that must and must not appear (trafilatura's set).
    Snippets { with: Vec<String>, without: Vec<String> },
}

/// One benchmark page.
#[derive(Debug)]
pub(crate) struct Page {
    pub(crate) id: String,
    pub(crate) url: Option<String>,
    pub(crate) html: String,
    pub(crate) truth: Truth,
}

fn gunzip(path: &Path) -> Result<Vec<u8>> {
    let f = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(f)
        .read_to_end(&mut out)
        .with_context(|| format!("decompressing {}", path.display()))?;
    Ok(out)
}

fn json(path: &Path) -> Result<Value> {
    let s = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&s).with_context(|| format!("parsing {}", path.display()))
}

/// Decodes page bytes: a BOM, else a `charset` declared in the first 2 KiB, else UTF-8 (with
/// replacement characters for invalid bytes).
pub(crate) fn decode(bytes: &[u8]) -> String {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let label = head.find("charset=").map(|i| {
        head[i + 8..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect::<String>()
    });
    let enc = label
        .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
        .unwrap_or(encoding_rs::UTF_8);
    let (text, _, _) = enc.decode(bytes);
    text.into_owned()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

/// The `ScrapingHub` article-extraction benchmark.
pub(crate) fn aeb(root: &Path) -> Result<Vec<Page>> {
    let dir = root.join("scrapinghub-aeb");
    let gt = json(&dir.join("ground-truth.json"))?;
    let obj = gt.as_object().context("ground-truth.json is not an object")?;
    let mut pages = Vec::new();
    for (id, v) in obj {
        let html = decode(&gunzip(&dir.join("html").join(format!("{id}.html.gz")))?);
        pages.push(Page {
            id: id.clone(),
            url: v["url"].as_str().map(str::to_string),
            html,
            truth: Truth::Body(v["articleBody"].as_str().unwrap_or("").to_string()),
        });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

/// WCXB article pages of one split (`dev` or `test`), by the ground truth's own page type.
pub(crate) fn wcxb(root: &Path, split: &str) -> Result<Vec<Page>> {
    let dir = root.join("wcxb").join(split);
    let mut names: Vec<_> = std::fs::read_dir(dir.join("ground-truth"))
        .with_context(|| format!("listing {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    names.sort();
    let mut pages = Vec::new();
    for path in names {
        let v = json(&path)?;
        if v["_internal"]["page_type"]["primary"].as_str() != Some("article") {
            continue;
        }
        let id = path.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
        let html = decode(&gunzip(&dir.join("html").join(format!("{id}.html.gz")))?);
        pages.push(Page {
            id,
            url: v["url"].as_str().map(str::to_string),
            html,
            truth: Truth::Body(v["ground_truth"]["main_content"].as_str().unwrap_or("").into()),
        });
    }
    Ok(pages)
}

/// Trafilatura's evaluation set.
pub(crate) fn trafilatura(root: &Path) -> Result<Vec<Page>> {
    let dir = root.join("trafilatura-eval");
    let eval = json(&dir.join("evaldata.json"))?;
    let index = json(&dir.join("index.json"))?;
    let mut pages = Vec::new();
    for (id, entry) in index.as_object().context("index.json is not an object")? {
        let Some(url) = entry["urls"].get(0).and_then(Value::as_str) else { continue };
        let e = &eval[url];
        if e.is_null() {
            continue;
        }
        let html = decode(&gunzip(&dir.join("html").join(format!("{id}.html.gz")))?);
        pages.push(Page {
            id: id.clone(),
            url: Some(url.to_string()),
            html,
            truth: Truth::Snippets { with: strings(&e["with"]), without: strings(&e["without"]) },
        });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}
