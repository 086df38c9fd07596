//! `crosscheck extract`: one JSON line per article.
//!
//! # Output
//!
//! Each line is one JSON object:
//!
//! | field | type | meaning |
//! |---|---|---|
//! | `id` | string | the document id (file stem, JSON `id` or `<stem>:<line>`, WARC-Record-ID) |
//! | `source` | string | the path it came from, with `:line` or `#record` inside containers |
//! | `url` | string or null | the page's URL |
//! | `outlet` | string or null | the publishing outlet |
//! | `title` | string or null | the headline |
//! | `published` | `YYYY-MM-DD` or null | the publication date |
//! | `language` | string | ISO 639-1 code, `und` when unknown |
//! | `text` | string | the main text, paragraphs separated by a blank line |
//! | `removed` | array of strings | lines removed as page chrome, in document order |
//!
//! Items that fail are reported on stderr as `crosscheck: <item>: <reason>` and counted in the
//! exit status.

use std::io::Write;

use crosscheck::core::{Article, Date, Lang};
use serde::Serialize;

use super::progress::spinner;
use crate::args::HiArgs;
use crate::status::ExitStatus;

#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    source: &'a str,
    url: Option<&'a str>,
    outlet: Option<&'a str>,
    title: Option<&'a str>,
    published: Option<Date>,
    language: Lang,
    text: &'a str,
    removed: &'a [String],
}

impl<'a> From<&'a Article> for Line<'a> {
    fn from(a: &'a Article) -> Line<'a> {
        Line {
            id: a.id.as_str(),
            source: &a.source,
            url: a.url.as_deref(),
            outlet: a.outlet.as_deref(),
            title: a.title.as_deref(),
            published: a.published,
            language: a.language,
            text: &a.text,
            removed: &a.removed,
        }
    }
}

pub(crate) fn run(args: &HiArgs) -> anyhow::Result<ExitStatus> {
    let pipeline = super::pipeline(args);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let bar = spinner(args.progress, "articles");
    let (mut ok, mut failed) = (0usize, 0usize);
    let mut write_err = None;
    pipeline.extract(&args.paths, |item| {
        bar.inc(1);
        match item {
            Ok(article) => {
                ok += 1;
                let res = serde_json::to_writer(&mut out, &Line::from(&article))
                    .map_err(std::io::Error::from)
                    .and_then(|()| out.write_all(b"\n"));
                if let Err(e) = res {
                    write_err = Some(e);
                    return false;
                }
            }
            Err(err) => {
                failed += 1;
                bar.suspend(|| eprintln!("crosscheck: {err}"));
            }
        }
        true
    });
    bar.finish_and_clear();
    if let Some(e) = write_err {
        return Err(e.into());
    }
    out.flush()?;
    Ok(ExitStatus::from_counts(ok, failed))
}
