//! Renders crosscheck story reports as text, JSON, Markdown, CSV and HTML.
//!
//! # Overview
//!
//! - [`ReportSink`]: the push trait every renderer implements: [`ReportSink::story`] per fused
//!   story, then [`ReportSink::finish`].
//! - [`Format`] names the renderers; [`sink`] builds one over any writer.
//! - [`json`] documents the `crosscheck.story/1` schema it writes; [`TextSink`] (terminal, with
//!   optional colour), [`MarkdownSink`], [`CsvSink`] (one [`CsvTable`]: claims, quotes,
//!   conflicts or the timeline) and [`HtmlSink`] (one self-contained page, all source text
//!   escaped).
//! - [`shown`] is the text a person reads for a source text (tags dropped, entities decoded
//!   once, bidi controls stripped); the text, Markdown and HTML reports show it, while spans
//!   keep their raw text in JSON. [`terminal_safe`] escapes control characters for a terminal.
//! - Every format shows each part of a story: articles, entities, claims, quotes with each
//!   outlet's wording, conflicts with their sides and evidence, and the timeline.
//!
//! # Example
//!
//! ```
//! use crosscheck_report::{Format, ReportSink};
//!
//! let mut out = Vec::new();
//! let mut sink = crosscheck_report::sink(Format::Json, &mut out, false);
//! sink.finish()?;
//! drop(sink);
//! let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
//! assert_eq!(doc["schema"], "crosscheck.story/1");
//! # Ok::<(), crosscheck_report::ReportError>(())
//! ```
//!
//! # Features
//!
//! None.

mod csv;
mod display;
mod error;
mod html;
pub mod json;
mod markdown;
mod reuse;
mod summary;
mod text;

use std::fmt;
use std::io::Write;
use std::str::FromStr;

pub use crate::csv::{CsvSink, CsvTable};
pub use crosscheck_core::story::{FusedStory, STORY_SCHEMA, StoryDocument};
pub use display::{shown, shown_span, terminal_safe};
pub use error::ReportError;
pub use html::HtmlSink;
pub use json::JsonSink;
pub use markdown::MarkdownSink;
pub use text::TextSink;

/// Receives fused stories one at a time, like ripgrep's `Sink`.
pub trait ReportSink {
    /// Writes one story; returns `false` to ask for no more.
    fn story(&mut self, story: &FusedStory) -> Result<bool, ReportError>;

    /// Completes the output (closing brackets, buffered tables) and flushes it.
    fn finish(&mut self) -> Result<(), ReportError>;
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Readable text for a terminal.
    Text,
    /// The `crosscheck.story/1` JSON document.
    Json,
    /// Markdown.
    Markdown,
    /// One table as CSV (see [`CsvTable`]).
    Csv,
    /// One self-contained HTML page.
    Html,
}

impl Format {
    /// Every format, in the order they are documented.
    pub const ALL: [Format; 5] =
        [Format::Text, Format::Json, Format::Markdown, Format::Csv, Format::Html];

    /// The format's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Markdown => "md",
            Format::Csv => "csv",
            Format::Html => "html",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = ReportError;

    fn from_str(s: &str) -> Result<Format, ReportError> {
        match s.to_ascii_lowercase().as_str() {
            "text" | "txt" => Ok(Format::Text),
            "json" => Ok(Format::Json),
            "md" | "markdown" => Ok(Format::Markdown),
            "csv" => Ok(Format::Csv),
            "html" | "htm" => Ok(Format::Html),
            _ => Err(ReportError::UnknownFormat { name: s.to_string() }),
        }
    }
}

/// A sink writing `format` to `out`; `color` applies to [`Format::Text`] only, and CSV writes
/// the claims table.
pub fn sink<'w, W: Write + 'w>(format: Format, out: W, color: bool) -> Box<dyn ReportSink + 'w> {
    sink_with(format, out, SinkOptions { color, ..SinkOptions::default() })
}

/// Options of [`sink_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct SinkOptions {
    /// ANSI colours in [`Format::Text`].
    ///
    /// By default, off.
    pub color: bool,
    /// The table [`Format::Csv`] writes.
    ///
    /// By default, [`CsvTable::Claims`].
    pub table: CsvTable,
}

impl SinkOptions {
    /// The defaults: no colour, the claims table.
    pub fn new() -> SinkOptions {
        SinkOptions::default()
    }

    /// Sets [`SinkOptions::color`].
    #[must_use]
    pub fn color(mut self, yes: bool) -> SinkOptions {
        self.color = yes;
        self
    }

    /// Sets [`SinkOptions::table`].
    #[must_use]
    pub fn table(mut self, table: CsvTable) -> SinkOptions {
        self.table = table;
        self
    }
}

/// A sink writing `format` to `out` with `options`.
pub fn sink_with<'w, W: Write + 'w>(
    format: Format,
    out: W,
    options: SinkOptions,
) -> Box<dyn ReportSink + 'w> {
    match format {
        Format::Text => Box::new(TextSink::new(out, options.color)),
        Format::Json => Box::new(JsonSink::new(out)),
        Format::Markdown => Box::new(MarkdownSink::new(out)),
        Format::Csv => Box::new(CsvSink::with_table(out, options.table)),
        Format::Html => Box::new(HtmlSink::new(out)),
    }
}

/// `s` on one line: runs of whitespace, line breaks included, become one space.
pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `s` with each run of whitespace, line breaks included, made one space, its edges kept (a
/// piece of a line).
pub(crate) fn squeezed(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// A claim's text split around its fact (`before`, `fact`, `after`) when it has one narrower
/// than the text and the text holds its words as written; `Err` with the fact's words when
/// the text does not (markup in the raw span, say), `Ok(None)` when there is no fact.
pub(crate) fn fact_in_text(
    c: &crosscheck_core::story::Claim,
) -> Result<Option<(&str, &str, &str)>, &str> {
    let Some(fact) = c.fact.as_ref().map(|f| f.text.as_str()).filter(|f| !f.trim().is_empty())
    else {
        return Ok(None);
    };
    if fact == c.text {
        return Ok(None);
    }
    match c.text.find(fact) {
        Some(at) => {
            let end = at + fact.len();
            Ok(Some((&c.text[..at], &c.text[at..end], &c.text[end..])))
        }
        None => Err(fact),
    }
}

/// An article id with its language when that is not the story's main one (`listin [es]`), so
/// that a report shows which renderings are cross-lingual.
pub(crate) fn with_language(story: &FusedStory, article: &crosscheck_core::DocId) -> String {
    let lang_of = |id: &crosscheck_core::DocId| {
        story.articles.iter().find(|a| &a.id == id).map(|a| a.language)
    };
    let mut counts: Vec<(crosscheck_core::Lang, usize)> = Vec::new();
    for a in story.articles.iter().filter(|a| !a.language.is_unknown()) {
        match counts.iter_mut().find(|c| c.0 == a.language) {
            Some(c) => c.1 += 1,
            None => counts.push((a.language, 1)),
        }
    }
    let main = counts.iter().max_by_key(|c| c.1).map(|c| c.0);
    match lang_of(article) {
        Some(l) if !l.is_unknown() && Some(l) != main => format!("{article} [{l}]"),
        _ => article.to_string(),
    }
}

#[cfg(test)]
mod tests;
