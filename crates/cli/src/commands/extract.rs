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

use super::write_json_line;
use crate::args::HiArgs;
use crate::status::ExitStatus;

/// An article in `crosscheck extract`'s schema (also `crosscheck dedup --unique`).
#[derive(Serialize)]
pub(super) struct ArticleLine<'a> {
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

impl<'a> From<&'a Article> for ArticleLine<'a> {
    fn from(a: &'a Article) -> ArticleLine<'a> {
        ArticleLine {
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
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let counts = super::for_each_article(args, |article| {
        write_json_line(&mut out, &ArticleLine::from(&article))
    })?;
    out.flush()?;
    Ok(counts.status())
}
