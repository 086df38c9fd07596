//! The Markdown report: one section per story, tables for articles, entities and claims.

use std::fmt::Write as _;
use std::io::Write;

use crosscheck_core::story::FusedStory;

use crate::reuse::{origins_note, per_source, percent};
use crate::summary::{count, sample_note};
use crate::{ReportError, ReportSink, one_line};

/// Escapes text for a Markdown table cell.
fn cell(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in one_line(s).chars() {
        if matches!(c, '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#') {
            o.push('\\');
        }
        o.push(c);
    }
    o
}

/// Renders one story as Markdown.
pub(crate) fn render(story: &FusedStory) -> String {
    let mut o = String::new();
    let distinct = story.distinct_articles();
    let _ = writeln!(o, "# {}\n", cell(&story.headline));
    let _ = writeln!(
        o,
        "Story `{}`: {} in {}.\n",
        story.id,
        count(distinct, "report"),
        count(story.articles.len(), "article")
    );
    if let Some(note) = sample_note(story) {
        let _ = writeln!(o, "> {}\n", cell(&note));
    }
    let _ = writeln!(
        o,
        "## Articles\n\n| id | outlet | published | title | copy of |\n|---|---|---|---|---|"
    );
    for a in &story.articles {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} |",
            cell(a.id.as_str()),
            cell(a.outlet.as_deref().unwrap_or("")),
            a.published.map(|d| d.to_string()).unwrap_or_default(),
            cell(a.title.as_deref().unwrap_or("")),
            a.duplicate_of.as_ref().map(|d| cell(d.as_str())).unwrap_or_default()
        );
    }
    if !story.entities.is_empty() {
        let _ = writeln!(
            o,
            "\n## Entities\n\n| entity | kind | variants | roles | articles |\n|---|---|---|---|---|"
        );
        for e in &story.entities {
            let variants: Vec<String> = e.variants.iter().map(|v| cell(v)).collect();
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} |",
                cell(&e.name),
                e.kind,
                variants.join(", "),
                cell(&e.roles.join(", ")),
                e.articles.len()
            );
        }
    }
    if !story.claims.is_empty() {
        let _ = writeln!(
            o,
            "\n## Claims\n\n| claim | status | reports | articles |\n|---|---|---|---|"
        );
        for c in &story.claims {
            let ids: Vec<String> = c.articles.iter().map(|a| cell(a.as_str())).collect();
            let note =
                origins_note(c.outlets, c.origins).map(|n| format!(" ({n})")).unwrap_or_default();
            // The fact in bold, or after the sentence when the sentence does not hold it as
            // written.
            let claim = match crate::fact_in_text(c) {
                Ok(Some((before, fact, after))) => {
                    // A space at either edge of the fact stays outside the bold.
                    let space = |yes: bool| if yes { " " } else { "" };
                    let (b, a) = (cell(before), cell(after));
                    let gap_before = !b.is_empty()
                        && (before.ends_with(char::is_whitespace)
                            || fact.starts_with(char::is_whitespace));
                    let gap_after = !a.is_empty()
                        && (after.starts_with(char::is_whitespace)
                            || fact.ends_with(char::is_whitespace));
                    format!("{b}{}**{}**{}{a}", space(gap_before), cell(fact), space(gap_after))
                }
                Ok(None) => cell(&c.text),
                Err(fact) => format!("{} (about: {})", cell(&c.text), cell(fact)),
            };
            let _ = writeln!(
                o,
                "| {} | {} | {}/{}{note} | {} |",
                claim,
                c.status,
                c.support,
                distinct,
                ids.join(", ")
            );
        }
    }
    if !story.quotes.is_empty() {
        let _ = writeln!(o, "\n## Quotes\n");
        for q in &story.quotes {
            let mut who = cell(q.speaker.as_deref().unwrap_or("unattributed"));
            if let Some(role) = &q.role {
                let _ = write!(who, " ({})", cell(role));
            }
            let anon = if q.anonymous { ", unnamed source" } else { "" };
            let note =
                origins_note(q.outlets, q.origins).map(|n| format!(" ({n})")).unwrap_or_default();
            let _ = writeln!(
                o,
                "- **{who}**{anon}: in {} of {}{note}",
                q.articles.len(),
                count(story.articles.len(), "article")
            );
            for r in &q.renderings {
                let _ = writeln!(
                    o,
                    "  - {}: \u{201c}{}\u{201d}",
                    cell(&crate::with_language(story, &r.article)),
                    cell(&r.text)
                );
            }
        }
    }
    if !story.conflicts.is_empty() {
        let _ = writeln!(
            o,
            "\n## Conflicts\n\n| kind | topic | value | articles | evidence |\n|---|---|---|---|---|"
        );
        for k in &story.conflicts {
            for s in &k.sides {
                let ids: Vec<String> = s.articles.iter().map(|a| cell(a.as_str())).collect();
                let ev: Vec<String> = s
                    .evidence
                    .iter()
                    .map(|e| {
                        format!(
                            "{}: {}",
                            cell(&crate::with_language(story, &e.article)),
                            cell(&e.text)
                        )
                    })
                    .collect();
                let _ = writeln!(
                    o,
                    "| {} | {} | {} | {} | {} |",
                    k.kind,
                    cell(&k.topic),
                    cell(&s.value),
                    ids.join(", "),
                    ev.join("; ")
                );
            }
        }
    }
    if !story.timeline.is_empty() {
        let _ = writeln!(
            o,
            "\n## Timeline\n\n| date | inferred | what | evidence |\n|---|---|---|---|"
        );
        for t in &story.timeline {
            let ev: Vec<String> = t
                .evidence
                .iter()
                .map(|e| {
                    format!("{}: {}", cell(&crate::with_language(story, &e.article)), cell(&e.text))
                })
                .collect();
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} |",
                t.date,
                if t.inferred { "yes" } else { "no" },
                cell(&t.text),
                ev.join("; ")
            );
        }
    }
    render_reuse(&mut o, story);
    o
}

/// The reuse section: per source, whom it copied and who copied it, each shared passage in a
/// two-column table (this source | the other); then origins and credits.
fn render_reuse(o: &mut String, story: &FusedStory) {
    let Some(reuse) = &story.reuse else { return };
    if reuse.edges.is_empty() && reuse.credits.is_empty() {
        return;
    }
    let _ = writeln!(o, "\n## Reuse\n");
    for (id, links) in per_source(story) {
        let _ = writeln!(o, "### {}\n", cell(id.as_str()));
        for l in links {
            let same = if l.edge.same_outlet { ", same outlet" } else { "" };
            let _ = writeln!(
                o,
                "- {} **{}** ({} of it{same})\n",
                l.relation.label(),
                cell(l.other.as_str()),
                percent(l.share)
            );
            let _ = writeln!(
                o,
                "  | {} | {} |\n  |---|---|",
                cell(id.as_str()),
                cell(l.other.as_str())
            );
            for p in &l.edge.passages {
                let (mine, theirs) = if &p.a.article == id { (&p.a, &p.b) } else { (&p.b, &p.a) };
                let _ = writeln!(o, "  | {} | {} |", cell(&mine.text), cell(&theirs.text));
            }
            let _ = writeln!(o);
        }
    }
    if !reuse.clusters.is_empty() {
        let _ = writeln!(o, "| cluster | origin | basis | agency |\n|---|---|---|---|");
        for c in &reuse.clusters {
            let ids: Vec<String> = c.articles.iter().map(|a| cell(a.as_str())).collect();
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} |",
                ids.join(", "),
                c.origin.as_ref().map_or_else(|| "unknown".to_string(), |d| cell(d.as_str())),
                c.basis,
                cell(c.agency.as_deref().unwrap_or(""))
            );
        }
    }
    if !reuse.credits.is_empty() {
        let _ = writeln!(o, "\n| article | credits | read from | as written |\n|---|---|---|---|");
        for c in &reuse.credits {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} |",
                cell(c.article.as_str()),
                cell(&c.agency),
                c.field,
                cell(&c.text)
            );
        }
    }
}

/// Writes stories as Markdown.
#[derive(Debug)]
pub struct MarkdownSink<W> {
    out: W,
    count: usize,
}

impl<W: Write> MarkdownSink<W> {
    /// A sink writing to `out`.
    pub fn new(out: W) -> MarkdownSink<W> {
        MarkdownSink { out, count: 0 }
    }
}

impl<W: Write> ReportSink for MarkdownSink<W> {
    fn story(&mut self, story: &FusedStory) -> Result<bool, ReportError> {
        if self.count > 0 {
            self.out.write_all(b"\n---\n\n").map_err(ReportError::io("md"))?;
        }
        let story = crate::display::for_display(story, crate::display::Target::Document);
        self.out.write_all(render(&story).as_bytes()).map_err(ReportError::io("md"))?;
        self.count += 1;
        Ok(true)
    }

    fn finish(&mut self) -> Result<(), ReportError> {
        self.out.flush().map_err(ReportError::io("md"))
    }
}
