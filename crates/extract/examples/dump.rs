//! Prints the article extracted from one (optionally gzipped) HTML file: a development aid.
//!
//! `cargo run --example dump -- PAGE.html[.gz] [fast|combined|readability|trafilatura|blocks] [no-trim]`
#![expect(clippy::print_stdout, reason = "a development tool")]
use std::io::Read;

use crosscheck_core::{Format, RawDoc};
use crosscheck_extract::{ArticleExtractorBuilder, Engine, Extractor};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        println!("usage: dump PAGE.html[.gz] [engine] [no-trim]");
        return Ok(());
    };
    let bytes = std::fs::read(path)?;
    let mut html = String::new();
    if std::path::Path::new(path).extension().is_some_and(|e| e.eq_ignore_ascii_case("gz")) {
        flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut html)?;
    } else {
        html = String::from_utf8_lossy(&bytes).into_owned();
    }
    let engine = match args.get(2).map(String::as_str) {
        Some("readability") => Engine::Readability,
        Some("trafilatura") => Engine::Trafilatura,
        Some("blocks") => Engine::Blocks,
        Some("combined") => Engine::Combined,
        _ => Engine::Fast,
    };
    let trim = args.get(3).is_none_or(|a| a != "no-trim");
    let ex = ArticleExtractorBuilder::new().engine(engine).trim_edges(trim).build();
    let doc = RawDoc::new("page", path.as_str(), Format::Html, html);
    match ex.extract(&doc) {
        Ok(a) => {
            println!(
                "title: {:?}\noutlet: {:?}\nauthor: {:?}\npublished: {:?}\nlanguage: {}",
                a.title, a.outlet, a.author, a.published, a.language
            );
            println!("---- text\n{}\n---- removed", a.text);
            for r in &a.removed {
                println!("  - {r}");
            }
        }
        Err(e) => println!("error: {e}"),
    }
    Ok(())
}
