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
//! | `published_month` | `YYYY-MM`, absent unless set | the month of publication, only when the input gives a month and no day (a `/2025/11/slug` permalink) |
//! | `language` | string | ISO 639-1 code, `und` when unknown |
//! | `text` | string | the main text, paragraphs separated by a blank line |
//! | `removed` | array of strings | lines removed as page chrome, in document order |
//!
//! Items that fail are reported on stderr as `crosscheck: <item>: <reason>` and counted in the
//! exit status.

use std::io::Write;

use crosscheck::core::ArticleRecord;

use super::write_json_line;
use crate::args::HiArgs;
use crate::status::ExitStatus;

pub(crate) fn run(args: &HiArgs) -> anyhow::Result<ExitStatus> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let counts = super::for_each_article(args, |article| {
        write_json_line(&mut out, &ArticleRecord::from(&article))
    })?;
    out.flush()?;
    Ok(counts.status())
}
