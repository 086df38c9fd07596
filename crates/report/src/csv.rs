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
//! | `reuse` | pair of articles that share passages | `story`, `a`, `b`, `direction` (`a_to_b`, `b_to_a`, `unknown`), `copied_from` (empty when unknown), `same_outlet`, `share_a`, `share_b` (shares of each article's words, 0 to 1), `passages`, `words`, `origin` (of the pair's cluster, empty when unknown), `basis`, `a_passages`, `b_passages` (texts joined by ` | `) |
//!
//! The per-article columns list every article of every story, in order, and are empty where
//! the article does not carry the row. Stories are buffered until [`ReportSink::finish`]
//! because the header names every article.
//!
//! Every cell, headers included, is neutralised as OWASP advises against CSV injection: a
//! cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so
//! that a spreadsheet shows it as text and never evaluates it as a formula.

use std::fmt;
use std::io::Write;
use std::str::FromStr;

use crosscheck_core::story::{FusedStory, SourceSpan};

use crate::{ReportError, ReportSink, one_line, shown};

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
    /// Text reuse: one row per pair of articles that share passages.
    Reuse,
}

impl CsvTable {
    /// Every table, in the order they are documented.
    pub const ALL: [CsvTable; 5] = [
        CsvTable::Claims,
        CsvTable::Quotes,
        CsvTable::Conflicts,
        CsvTable::Timeline,
        CsvTable::Reuse,
    ];

    /// The table's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            CsvTable::Claims => "claims",
            CsvTable::Quotes => "quotes",
            CsvTable::Conflicts => "conflicts",
            CsvTable::Timeline => "timeline",
            CsvTable::Reuse => "reuse",
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

/// `cell` made safe to open in a spreadsheet (OWASP's CSV injection rule): a leading `=`, `+`,
/// `-`, `@`, tab or carriage return, which a spreadsheet may read as the start of a formula, is
/// preceded by `'`.
pub(crate) fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
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
                            shown(&c.text),
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
                            q.speaker.as_deref().map(shown).unwrap_or_default(),
                            q.role.as_deref().map(shown).unwrap_or_default(),
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
                                shown(&k.topic),
                                shown(&side.value),
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
                            one_line(&shown(&t.text)),
                            joined_ids(&t.articles),
                            joined_texts(&t.evidence),
                        ]);
                    }
                }
                vec!["story", "date", "inferred", "what", "articles", "evidence"]
            }
            CsvTable::Reuse => {
                for s in &self.stories {
                    let Some(reuse) = &s.reuse else { continue };
                    for e in &reuse.edges {
                        let cluster = reuse.cluster_of(&e.a);
                        let side = |b: bool| -> String {
                            let texts: Vec<String> = e
                                .passages
                                .iter()
                                .map(|p| one_line(if b { &p.b.text } else { &p.a.text }))
                                .collect();
                            texts.join(" | ")
                        };
                        rows.push(vec![
                            s.id.clone(),
                            e.a.to_string(),
                            e.b.to_string(),
                            e.direction.to_string(),
                            e.source().map(ToString::to_string).unwrap_or_default(),
                            e.same_outlet.to_string(),
                            format!("{:.3}", e.share_a),
                            format!("{:.3}", e.share_b),
                            e.passages.len().to_string(),
                            e.passages.iter().map(|p| p.words).sum::<u32>().to_string(),
                            cluster
                                .and_then(|c| c.origin.as_ref())
                                .map(ToString::to_string)
                                .unwrap_or_default(),
                            cluster.map(|c| c.basis.to_string()).unwrap_or_default(),
                            side(false),
                            side(true),
                        ]);
                    }
                }
                vec![
                    "story",
                    "a",
                    "b",
                    "direction",
                    "copied_from",
                    "same_outlet",
                    "share_a",
                    "share_b",
                    "passages",
                    "words",
                    "origin",
                    "basis",
                    "a_passages",
                    "b_passages",
                ]
            }
        };
        w.write_record(header.iter().map(|h| neutralise(h).into_owned())).map_err(csv_err)?;
        for row in rows {
            w.write_record(row.iter().map(|c| neutralise(c).into_owned())).map_err(csv_err)?;
        }
        w.flush().map_err(ReportError::io("csv"))
    }
}

#[cfg(test)]
mod tests {
    use super::neutralise;

    #[test]
    fn formula_cells_are_neutralised() {
        for bad in ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"x\")"] {
            assert_eq!(neutralise(bad), format!("'{bad}"), "{bad:?}");
        }
        for fine in ["", "plain", "1", "a=b", " =x", "'quoted"] {
            assert_eq!(neutralise(fine), fine, "{fine:?}");
        }
    }
}
