//! `crosscheck stories`: lists the stories of a database, latest activity first.
//!
//! # Output
//!
//! A table (`ID  LAST  ARTICLES  HEADLINE`), or with `--json` one object per line: `id`,
//! `headline`, `articles`, `outlets`, `first_published`, `last_published`, `version`, `fresh`.

use std::io::Write;

use crosscheck::store::{Store, StoryQuery};

use crate::args::HiArgs;
use crate::status::ExitStatus;

pub(crate) fn run(args: &HiArgs) -> anyhow::Result<ExitStatus> {
    let opts = &args.store;
    let store = super::ingest::open_existing(&opts.db)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut query = StoryQuery {
        since: opts.since,
        until: opts.until,
        text: opts.query.clone(),
        after: None,
        limit: opts.limit.clamp(1, 500),
    };
    let mut left = opts.limit;
    while left > 0 {
        query.limit = left.min(500);
        let page = store.stories(&query)?;
        for s in &page.stories {
            if opts.json {
                serde_json::to_writer(&mut out, s)?;
                writeln!(out)?;
            } else {
                let last = s.last_published.map_or_else(|| "-".to_string(), |d| d.to_string());
                writeln!(
                    out,
                    "{}  {last:<10}  {:>3}  {}",
                    crosscheck::report::terminal_safe(&s.id.to_string()),
                    s.articles,
                    crosscheck::report::terminal_safe(&one_line(&crosscheck::report::shown(
                        &s.headline
                    )))
                )?;
            }
        }
        left -= page.stories.len();
        match page.next {
            Some(c) => query.after = Some(c),
            None => break,
        }
    }
    out.flush()?;
    Ok(ExitStatus::Success)
}

/// A headline on one line, so that the table stays a table.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
