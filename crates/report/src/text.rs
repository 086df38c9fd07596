//! The terminal report: one block per story, coloured when asked.

use std::io::Write;

use anstyle::{AnsiColor, Style};
use crosscheck_core::story::{ClaimStatus, FusedStory};

use crate::reuse::{origins_note, per_source, percent};
use crate::summary::{count, sample_note};
use crate::{ReportError, ReportSink, one_line};

/// A passage cut to about 100 characters for the terminal.
fn clip(s: &str) -> String {
    let line = one_line(s);
    match line.char_indices().nth(100) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line,
    }
}

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();

fn status_style(s: ClaimStatus) -> Style {
    let c = match s {
        ClaimStatus::Consensus => AnsiColor::Green,
        ClaimStatus::Majority | ClaimStatus::Several => AnsiColor::Cyan,
        ClaimStatus::Single => AnsiColor::Yellow,
        _ => AnsiColor::Red,
    };
    Style::new().fg_color(Some(c.into())).bold()
}

/// Writes stories as readable text, with ANSI colours when `color` is set.
#[derive(Debug)]
pub struct TextSink<W> {
    out: W,
    color: bool,
    count: usize,
}

impl<W: Write> TextSink<W> {
    /// A sink writing to `out`; `color` turns on ANSI styles.
    pub fn new(out: W, color: bool) -> TextSink<W> {
        TextSink { out, color, count: 0 }
    }

    fn paint(&self, style: Style, s: &str) -> String {
        if self.color { format!("{style}{s}{style:#}") } else { s.to_string() }
    }

    fn render(&self, story: &FusedStory) -> String {
        use std::fmt::Write as _;
        let mut o = String::new();
        let distinct = story.distinct_articles();
        let _ =
            writeln!(o, "{}", self.paint(BOLD, &format!("== {} ==", one_line(&story.headline))));
        let _ = writeln!(
            o,
            "{}",
            self.paint(
                DIM,
                &format!(
                    "story {} · {}, {}",
                    story.id,
                    count(distinct, "report"),
                    count(story.articles.len(), "article")
                )
            )
        );
        if let Some(note) = sample_note(story) {
            let _ = writeln!(o, "{}", self.paint(BOLD, &note));
        }
        let _ = writeln!(o, "\n{}", self.paint(BOLD, "Articles"));
        for a in &story.articles {
            let mut line = format!("  {}", a.id);
            if let Some(outlet) = &a.outlet {
                let _ = write!(line, " · {outlet}");
            }
            if let Some(d) = a.published {
                let _ = write!(line, " · {d}");
            }
            if let Some(t) = &a.title {
                let _ = write!(line, " · {}", one_line(t));
            }
            if let Some(of) = &a.duplicate_of {
                let _ = write!(line, " {}", self.paint(DIM, &format!("(copy of {of})")));
            }
            let _ = writeln!(o, "{line}");
        }
        if !story.entities.is_empty() {
            let _ = writeln!(o, "\n{}", self.paint(BOLD, "Entities"));
            for e in &story.entities {
                let others: Vec<&str> =
                    e.variants.iter().map(String::as_str).filter(|v| *v != e.name).collect();
                let mut line = format!(
                    "  {} {}",
                    self.paint(BOLD, &e.name),
                    self.paint(DIM, &format!("({})", e.kind))
                );
                if !others.is_empty() {
                    let _ = write!(line, " also {}", others.join(", "));
                }
                if !e.roles.is_empty() {
                    let _ = write!(line, " · {}", e.roles.join(", "));
                }
                let _ = write!(
                    line,
                    " {}",
                    self.paint(
                        DIM,
                        &format!(
                            "· in {} of {}",
                            e.articles.len(),
                            count(story.articles.len(), "article")
                        )
                    )
                );
                let _ = writeln!(o, "{line}");
            }
        }
        if !story.claims.is_empty() {
            let _ = writeln!(o, "\n{}", self.paint(BOLD, "Claims"));
            for c in &story.claims {
                let tag = format!("{:<9} {}/{}", c.status.to_string(), c.support, distinct);
                let _ = writeln!(
                    o,
                    "  {} {}",
                    self.paint(status_style(c.status), &tag),
                    one_line(&c.text)
                );
                let ids: Vec<&str> =
                    c.articles.iter().map(crosscheck_core::DocId::as_str).collect();
                let mut meta = ids.join(", ");
                if let Some(note) = origins_note(c.outlets, c.origins) {
                    let _ = write!(meta, " · {note}");
                }
                if let Some(d) = c.first_seen {
                    let _ = write!(meta, " · first seen {d}");
                }
                // What the claim is about, when narrower than its sentence.
                if let Ok(Some((_, fact, _))) | Err(fact) = crate::fact_in_text(c) {
                    let _ = write!(meta, " · about “{}”", one_line(fact));
                }
                let _ = writeln!(o, "  {}", self.paint(DIM, &format!("{:15}{meta}", "")));
            }
        }
        if !story.quotes.is_empty() {
            let _ = writeln!(o, "\n{}", self.paint(BOLD, "Quotes"));
            for q in &story.quotes {
                let mut who = q.speaker.clone().unwrap_or_else(|| "(unattributed)".to_string());
                if let Some(role) = &q.role {
                    let _ = write!(who, " ({role})");
                }
                let mut line = format!("  {}", self.paint(BOLD, &one_line(&who)));
                if q.anonymous {
                    let _ = write!(line, " {}", self.paint(DIM, "· unnamed source"));
                }
                let _ = write!(
                    line,
                    " {}",
                    self.paint(
                        DIM,
                        &format!(
                            "· in {} of {}",
                            q.articles.len(),
                            count(story.articles.len(), "article")
                        )
                    )
                );
                if let Some(note) = origins_note(q.outlets, q.origins) {
                    let _ = write!(line, " {}", self.paint(DIM, &format!("· {note}")));
                }
                let _ = writeln!(o, "{line}");
                for r in &q.renderings {
                    let _ = writeln!(
                        o,
                        "    {} \u{201c}{}\u{201d}",
                        self.paint(DIM, &format!("{}:", crate::with_language(story, &r.article))),
                        one_line(&r.text)
                    );
                }
            }
        }
        if !story.conflicts.is_empty() {
            let _ = writeln!(o, "\n{}", self.paint(BOLD, "Conflicts"));
            for k in &story.conflicts {
                let _ = writeln!(
                    o,
                    "  {} {}",
                    self.paint(status_style(ClaimStatus::Disputed), &k.kind.to_string()),
                    one_line(&k.topic)
                );
                for s in &k.sides {
                    let ids: Vec<&str> =
                        s.articles.iter().map(crosscheck_core::DocId::as_str).collect();
                    let mut meta = ids.join(", ");
                    if let Some(note) = origins_note(s.outlets, s.origins) {
                        let _ = write!(meta, " · {note}");
                    }
                    let _ = writeln!(
                        o,
                        "    {} {}",
                        self.paint(BOLD, &one_line(&s.value)),
                        self.paint(DIM, &meta)
                    );
                    for e in &s.evidence {
                        let _ = writeln!(
                            o,
                            "      {} {}",
                            self.paint(
                                DIM,
                                &format!("{}:", crate::with_language(story, &e.article))
                            ),
                            one_line(&e.text)
                        );
                    }
                }
            }
        }
        if !story.timeline.is_empty() {
            let _ = writeln!(o, "\n{}", self.paint(BOLD, "Timeline"));
            for t in &story.timeline {
                let mark = if t.inferred { "~" } else { " " };
                let _ = writeln!(o, "  {}{mark} {}", self.paint(BOLD, &t.date), one_line(&t.text));
                let said: Vec<String> = t
                    .evidence
                    .iter()
                    .map(|e| {
                        format!(
                            "{}: {}",
                            crate::with_language(story, &e.article),
                            one_line(&e.text)
                        )
                    })
                    .collect();
                let _ =
                    writeln!(o, "  {}", self.paint(DIM, &format!("{:12}{}", "", said.join(" · "))));
            }
            if story.timeline.iter().any(|t| t.inferred) {
                let _ = writeln!(
                    o,
                    "  {}",
                    self.paint(DIM, "~ dated from the story's date: the article has none")
                );
            }
        }
        self.render_reuse(&mut o, story);
        o
    }

    /// The reuse section: per source, whom it copied and who copied it, with the shared
    /// passages side by side; then the clusters' origins and the wire credits.
    fn render_reuse(&self, o: &mut String, story: &FusedStory) {
        use std::fmt::Write as _;
        let Some(reuse) = &story.reuse else { return };
        if reuse.edges.is_empty() && reuse.credits.is_empty() {
            return;
        }
        let _ = writeln!(o, "\n{}", self.paint(BOLD, "Reuse"));
        for (id, links) in per_source(story) {
            let _ = writeln!(o, "  {}", self.paint(BOLD, id.as_str()));
            for l in links {
                let same = if l.edge.same_outlet { ", same outlet" } else { "" };
                let _ = writeln!(
                    o,
                    "    {} {} {}",
                    l.relation.label(),
                    l.other,
                    self.paint(DIM, &format!("({} of it{same})", percent(l.share)))
                );
                for p in &l.edge.passages {
                    let (mine, theirs) =
                        if &p.a.article == id { (&p.a, &p.b) } else { (&p.b, &p.a) };
                    let _ = writeln!(
                        o,
                        "      \u{201c}{}\u{201d}\n      {} \u{201c}{}\u{201d}",
                        clip(&mine.text),
                        self.paint(DIM, &format!("{}:", theirs.article)),
                        clip(&theirs.text)
                    );
                }
            }
        }
        for c in &reuse.clusters {
            let ids: Vec<&str> = c.articles.iter().map(crosscheck_core::DocId::as_str).collect();
            let origin = match (&c.origin, &c.agency) {
                (Some(d), Some(agency)) => format!("origin {d} (credits {agency})"),
                (Some(d), None) => format!("origin {d} ({})", c.basis),
                (None, _) => "origin unknown".to_string(),
            };
            let _ = writeln!(
                o,
                "  {} {}",
                self.paint(DIM, "cluster"),
                format_args!("{} · {origin}", ids.join(", "))
            );
        }
        for c in &reuse.credits {
            let _ = writeln!(
                o,
                "  {} {}: {} {}",
                self.paint(DIM, "credit"),
                c.article,
                c.agency,
                self.paint(DIM, &format!("({}: {})", c.field, one_line(&c.text)))
            );
        }
    }
}

impl<W: Write> ReportSink for TextSink<W> {
    fn story(&mut self, story: &FusedStory) -> Result<bool, ReportError> {
        let story = crate::display::for_display(story, crate::display::Target::Terminal);
        let text = self.render(&story);
        if self.count > 0 {
            self.out.write_all(b"\n").map_err(ReportError::io("text"))?;
        }
        self.out.write_all(text.as_bytes()).map_err(ReportError::io("text"))?;
        self.count += 1;
        Ok(true)
    }

    fn finish(&mut self) -> Result<(), ReportError> {
        self.out.flush().map_err(ReportError::io("text"))
    }
}
