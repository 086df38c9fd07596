//! The CSV report: the claims table.
//!
//! Columns: `story`, `claim`, `status`, `sources` (distinct reports carrying it), then one
//! column per article (every article of every story, in order) holding that article's
//! rendering of the claim, empty when it does not carry it. Stories are buffered until
//! [`ReportSink::finish`] because the header names every article.

use std::io::Write;

use crosscheck_fuse::FusedStory;

use crate::{ReportError, ReportSink};

/// Writes the claims of all stories as one CSV table.
#[derive(Debug)]
pub struct CsvSink<W> {
    out: Option<W>,
    stories: Vec<FusedStory>,
}

impl<W: Write> CsvSink<W> {
    /// A sink writing to `out`.
    pub fn new(out: W) -> CsvSink<W> {
        CsvSink { out: Some(out), stories: Vec::new() }
    }
}

fn csv_err(e: csv::Error) -> ReportError {
    let source = match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    };
    ReportError::Io { format: "csv", source }
}

impl<W: Write> ReportSink for CsvSink<W> {
    fn story(&mut self, story: &FusedStory) -> Result<bool, ReportError> {
        self.stories.push(story.clone());
        Ok(true)
    }

    fn finish(&mut self) -> Result<(), ReportError> {
        let Some(out) = self.out.take() else { return Ok(()) };
        let mut w = csv::Writer::from_writer(out);
        let columns: Vec<&str> =
            self.stories.iter().flat_map(|s| s.articles.iter().map(|a| a.id.as_str())).collect();
        let mut header = vec!["story", "claim", "status", "sources"];
        header.extend(&columns);
        w.write_record(&header).map_err(csv_err)?;
        for s in &self.stories {
            for c in &s.claims {
                let mut row =
                    vec![s.id.clone(), c.text.clone(), c.status.to_string(), c.support.to_string()];
                for col in &columns {
                    let cell = c
                        .renderings
                        .iter()
                        .filter(|r| r.article.as_str() == *col)
                        .map(|r| r.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" ");
                    row.push(cell);
                }
                w.write_record(&row).map_err(csv_err)?;
            }
        }
        w.flush().map_err(ReportError::io("csv"))
    }
}
