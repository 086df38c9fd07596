//! The CSV report: one table per run, the claims table by default.
//!
//! A CSV file holds one table, so each part of the report is a table of its own, chosen with
//! [`CsvTable`] (`crosscheck fuse --format csv --table quotes`):
//!
//! | table | one row per | columns |
//! |---|---|---|
//! | `claims` (default) | claim | `story`, `claim`, `status`, `sources` (distinct reports carrying it), then one column per article holding its rendering |
//! | `quotes` | quote | `story`, `speaker`, `role`, `anonymous`, `sources` (articles carrying it), then one column per article holding its wording |
//! | `conflicts` | side of a conflict | `story`, `conflict` (its number in the story, from 1), `kind`, `topic`, `value`, `articles` (ids joined by `;`), `evidence` (texts joined by ` | `) |
//! | `timeline` | entry | `story`, `date`, `inferred`, `what`, `articles` (ids joined by `;`), `evidence` (texts joined by ` | `) |
//!
//! The per-article columns list every article of every story, in order, and are empty where
//! the article does not carry the row. Stories are buffered until [`ReportSink::finish`]
//! because the header names every article.

use std::fmt;
use std::io::Write;
use std::str::FromStr;

use crosscheck_core::story::{FusedStory, SourceSpan};

use crate::{ReportError, ReportSink, one_line};

/// Which table a [`CsvSink`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum CsvTable {
    /// The claims, one column per article.
    #[default]
    Claims,
    /// The quotes, one column per article.
    Quotes,
    /// The conflicts, one row per side.
    Conflicts,
    /// The timeline.
    Timeline,
}

impl CsvTable {
    /// Every table, in the order they are documented.
    pub const ALL: [CsvTable; 4] =
        [CsvTable::Claims, CsvTable::Quotes, CsvTable::Conflicts, CsvTable::Timeline];

    /// The table's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            CsvTable::Claims => "claims",
            CsvTable::Quotes => "quotes",
            CsvTable::Conflicts => "conflicts",
            CsvTable::Timeline => "timeline",
        }
    }
}

impl fmt::Display for CsvTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for CsvTable {
    type Err = ReportError;

    fn from_str(s: &str) -> Result<CsvTable, ReportError> {
        CsvTable::ALL
            .into_iter()
            .find(|t| t.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| ReportError::UnknownTable { name: s.to_string() })
    }
}

/// Writes one table of all stories as CSV.
#[derive(Debug)]
pub struct CsvSink<W> {
    out: Option<W>,
    table: CsvTable,
    stories: Vec<FusedStory>,
}

impl<W: Write> CsvSink<W> {
    /// A sink writing the claims table to `out`.
    pub fn new(out: W) -> CsvSink<W> {
        CsvSink::with_table(out, CsvTable::Claims)
    }

    /// A sink writing `table` to `out`.
    pub fn with_table(out: W, table: CsvTable) -> CsvSink<W> {
        CsvSink { out: Some(out), table, stories: Vec::new() }
    }
}

fn csv_err(e: csv::Error) -> ReportError {
    let source = match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    };
    ReportError::Io { format: "csv", source }
}

/// The texts of `spans` that belong to article `id`, joined by a space.
fn cell_of(spans: &[SourceSpan], id: &str) -> String {
    spans
        .iter()
        .filter(|r| r.article.as_str() == id)
        .map(|r| one_line(&r.text))
        .collect::<Vec<_>>()
        .join(" ")
}

fn joined_ids<'a>(ids: impl IntoIterator<Item = &'a crosscheck_core::DocId>) -> String {
    ids.into_iter().map(crosscheck_core::DocId::as_str).collect::<Vec<_>>().join(";")
}

fn joined_texts(spans: &[SourceSpan]) -> String {
    spans.iter().map(|s| one_line(&s.text)).collect::<Vec<_>>().join(" | ")
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
        let mut rows: Vec<Vec<String>> = Vec::new();
        let header: Vec<&str> = match self.table {
            CsvTable::Claims => {
                for s in &self.stories {
                    for c in &s.claims {
                        let mut row = vec![
                            s.id.clone(),
                            c.text.clone(),
                            c.status.to_string(),
                            c.support.to_string(),
                        ];
                        row.extend(columns.iter().map(|col| cell_of(&c.renderings, col)));
                        rows.push(row);
                    }
                }
                let mut h = vec!["story", "claim", "status", "sources"];
                h.extend(&columns);
                h
            }
            CsvTable::Quotes => {
                for s in &self.stories {
                    for q in &s.quotes {
                        let mut row = vec![
                            s.id.clone(),
                            q.speaker.clone().unwrap_or_default(),
                            q.role.clone().unwrap_or_default(),
                            q.anonymous.to_string(),
                            q.renderings.len().to_string(),
                        ];
                        row.extend(columns.iter().map(|col| cell_of(&q.renderings, col)));
                        rows.push(row);
                    }
                }
                let mut h = vec!["story", "speaker", "role", "anonymous", "sources"];
                h.extend(&columns);
                h
            }
            CsvTable::Conflicts => {
                for s in &self.stories {
                    for (n, k) in s.conflicts.iter().enumerate() {
                        for side in &k.sides {
                            rows.push(vec![
                                s.id.clone(),
                                (n + 1).to_string(),
                                k.kind.to_string(),
                                k.topic.clone(),
                                side.value.clone(),
                                joined_ids(&side.articles),
                                joined_texts(&side.evidence),
                            ]);
                        }
                    }
                }
                vec!["story", "conflict", "kind", "topic", "value", "articles", "evidence"]
            }
            CsvTable::Timeline => {
                for s in &self.stories {
                    for t in &s.timeline {
                        rows.push(vec![
                            s.id.clone(),
                            t.date.clone(),
                            t.inferred.to_string(),
                            one_line(&t.text),
                            joined_ids(&t.articles),
                            joined_texts(&t.evidence),
                        ]);
                    }
                }
                vec!["story", "date", "inferred", "what", "articles", "evidence"]
            }
        };
        w.write_record(&header).map_err(csv_err)?;
        for row in rows {
            w.write_record(&row).map_err(csv_err)?;
        }
        w.flush().map_err(ReportError::io("csv"))
    }
}
