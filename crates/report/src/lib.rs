//! Renders crosscheck story reports as text, JSON, Markdown, CSV and HTML.
//!
//! # Overview
//!
//! - [`ReportSink`]: the push trait every renderer implements: [`ReportSink::story`] per fused
//!   story, then [`ReportSink::finish`].
//! - [`Format`] names the renderers; [`sink`] builds one over any writer.
//! - [`json`] documents the `crosscheck.story/1` schema it writes; [`TextSink`] (terminal, with
//!   optional colour), [`MarkdownSink`], [`CsvSink`] (the claims table) and [`HtmlSink`] (one
//!   self-contained page, all source text escaped).
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
mod error;
mod html;
pub mod json;
mod markdown;
mod text;

use std::fmt;
use std::io::Write;
use std::str::FromStr;

pub use crate::csv::CsvSink;
pub use crosscheck_fuse::FusedStory;
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
    /// The claims table as CSV.
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

/// A sink writing `format` to `out`; `color` applies to [`Format::Text`] only.
pub fn sink<'w, W: Write + 'w>(format: Format, out: W, color: bool) -> Box<dyn ReportSink + 'w> {
    match format {
        Format::Text => Box::new(TextSink::new(out, color)),
        Format::Json => Box::new(JsonSink::new(out)),
        Format::Markdown => Box::new(MarkdownSink::new(out)),
        Format::Csv => Box::new(CsvSink::new(out)),
        Format::Html => Box::new(HtmlSink::new(out)),
    }
}

/// `s` on one line: runs of whitespace, line breaks included, become one space.
pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
