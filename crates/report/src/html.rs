//! The HTML report: one self-contained page (inline CSS, no script, nothing fetched), every
//! source text escaped.

use std::fmt::Write as _;
use std::io::Write;

use crosscheck_core::story::{FusedStory, SourceSpan};
use html_escape::encode_text;

use crate::{ReportError, ReportSink, one_line};

const CSS: &str = "body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}\
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:1px solid #ddd}\
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:.3rem .5rem;text-align:left;vertical-align:top}\
.meta{color:#666}.tag{display:inline-block;padding:0 .4rem;border-radius:.3rem;font-size:.8rem;font-weight:600;color:#fff}\
.consensus{background:#2e7d32}.majority{background:#00838f}.single{background:#b26a00}.disputed{background:#c62828}\
details{margin:.2rem 0}summary{cursor:pointer}blockquote{margin:.2rem 0 .2rem 1rem;color:#444}\
.src{color:#666;font-size:.85rem}article{margin-bottom:3rem}";

fn esc(s: &str) -> String {
    encode_text(&one_line(s)).into_owned()
}

fn spans(o: &mut String, spans: &[SourceSpan]) {
    for s in spans {
        let _ = writeln!(
            o,
            "<blockquote>{} <span class=\"src\">{} [{}..{}]</span></blockquote>",
            esc(&s.text),
            esc(s.article.as_str()),
            s.start,
            s.end
        );
    }
}

fn render(o: &mut String, story: &FusedStory) {
    let distinct = story.distinct_articles();
    let _ = writeln!(o, "<article>\n<h1>{}</h1>", esc(&story.headline));
    let _ = writeln!(
        o,
        "<p class=\"meta\">story {} · {} reports in {} articles</p>",
        esc(&story.id),
        distinct,
        story.articles.len()
    );
    let _ = writeln!(
        o,
        "<h2>Articles</h2>\n<table><tr><th>id</th><th>outlet</th><th>published</th><th>title</th><th>copy of</th></tr>"
    );
    for a in &story.articles {
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(a.id.as_str()),
            esc(a.outlet.as_deref().unwrap_or("")),
            a.published.map(|d| d.to_string()).unwrap_or_default(),
            esc(a.title.as_deref().unwrap_or("")),
            a.duplicate_of.as_ref().map(|d| esc(d.as_str())).unwrap_or_default()
        );
    }
    let _ = writeln!(o, "</table>");
    if !story.claims.is_empty() {
        let _ = writeln!(o, "<h2>Claims</h2>");
        for c in &story.claims {
            let _ = writeln!(
                o,
                "<details><summary><span class=\"tag {st}\">{st} {}/{}</span> {}</summary>",
                c.support,
                distinct,
                esc(&c.text),
                st = c.status
            );
            spans(o, &c.renderings);
            let _ = writeln!(o, "</details>");
        }
    }
    if !story.entities.is_empty() {
        let _ = writeln!(
            o,
            "<h2>Entities</h2>\n<table><tr><th>entity</th><th>kind</th><th>variants</th><th>roles</th><th>articles</th></tr>"
        );
        for e in &story.entities {
            let v: Vec<String> = e.variants.iter().map(|v| esc(v)).collect();
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&e.name),
                e.kind,
                v.join(", "),
                esc(&e.roles.join(", ")),
                e.articles.len()
            );
        }
        let _ = writeln!(o, "</table>");
    }
    if !story.quotes.is_empty() {
        let _ = writeln!(o, "<h2>Quotes</h2>");
        for q in &story.quotes {
            let mut who = esc(q.speaker.as_deref().unwrap_or("unattributed"));
            if let Some(role) = &q.role {
                let _ = write!(who, " <span class=\"src\">({})</span>", esc(role));
            }
            if q.anonymous {
                who.push_str(" <span class=\"src\">unnamed source</span>");
            }
            let _ = writeln!(
                o,
                "<details open><summary>{who} <span class=\"src\">{} of {} articles</span></summary>",
                q.articles.len(),
                story.articles.len()
            );
            spans(o, &q.renderings);
            let _ = writeln!(o, "</details>");
        }
    }
    if !story.conflicts.is_empty() {
        let _ = writeln!(o, "<h2>Conflicts</h2>");
        for k in &story.conflicts {
            let _ = writeln!(
                o,
                "<details open><summary><span class=\"tag disputed\">{}</span> {}</summary>",
                k.kind,
                esc(&k.topic)
            );
            for s in &k.sides {
                let ids: Vec<String> = s.articles.iter().map(|a| esc(a.as_str())).collect();
                let _ = writeln!(
                    o,
                    "<p><b>{}</b> <span class=\"src\">{}</span></p>",
                    esc(&s.value),
                    ids.join(", ")
                );
                spans(o, &s.evidence);
            }
            let _ = writeln!(o, "</details>");
        }
    }
    if !story.timeline.is_empty() {
        let _ = writeln!(
            o,
            "<h2>Timeline</h2>\n<table><tr><th>date</th><th>what</th><th>evidence</th></tr>"
        );
        for t in &story.timeline {
            let date = if t.inferred { format!("{} (inferred)", t.date) } else { t.date.clone() };
            let ev: Vec<String> = t
                .evidence
                .iter()
                .map(|e| format!("{}: {}", esc(e.article.as_str()), esc(&e.text)))
                .collect();
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{}</td><td class=\"src\">{}</td></tr>",
                esc(&date),
                esc(&t.text),
                ev.join("<br>")
            );
        }
        let _ = writeln!(o, "</table>");
    }
    let _ = writeln!(o, "</article>");
}

/// Writes stories as one HTML page.
#[derive(Debug)]
pub struct HtmlSink<W> {
    out: W,
    count: usize,
}

impl<W: Write> HtmlSink<W> {
    /// A sink writing to `out`.
    pub fn new(out: W) -> HtmlSink<W> {
        HtmlSink { out, count: 0 }
    }

    fn head(&mut self, title: &str) -> Result<(), ReportError> {
        let page = format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
            esc(title)
        );
        self.out.write_all(page.as_bytes()).map_err(ReportError::io("html"))
    }
}

impl<W: Write> ReportSink for HtmlSink<W> {
    fn story(&mut self, story: &FusedStory) -> Result<bool, ReportError> {
        if self.count == 0 {
            self.head(&format!("crosscheck: {}", story.headline))?;
        }
        let mut o = String::new();
        render(&mut o, story);
        self.out.write_all(o.as_bytes()).map_err(ReportError::io("html"))?;
        self.count += 1;
        Ok(true)
    }

    fn finish(&mut self) -> Result<(), ReportError> {
        if self.count == 0 {
            self.head("crosscheck: no story")?;
            self.out.write_all(b"<p>No story.</p>\n").map_err(ReportError::io("html"))?;
        }
        self.out.write_all(b"</body>\n</html>\n").map_err(ReportError::io("html"))?;
        self.out.flush().map_err(ReportError::io("html"))
    }
}
