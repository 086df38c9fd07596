//! The HTML report: one self-contained page (inline CSS, no script, nothing fetched), every
//! source text escaped.
//!
//! Each story leads with a summary (how many outlets and independent reports, what is agreed,
//! each conflict on one line linked to its evidence, what only one report says) and a legend
//! of the status words, then the claims (a disputed claim links to its conflict), the
//! conflicts with their evidence, the quotes (the words that differ between two outlets'
//! wordings marked), the timeline, the entities and the sources. Byte offsets stay in the
//! page as hover titles. A page of several stories opens with a table of contents.

use std::fmt::Write as _;
use std::io::Write;

use crosscheck_core::story::{Claim, ClaimStatus, FusedStory, SourceSpan};
use html_escape::{encode_double_quoted_attribute, encode_text};

use crate::reuse::{origins_note, per_source, percent};
use crate::summary::{
    COUNTING, LEGEND, changed_words, conflict_of, count, meaning, outlet_of, outlets, reference_of,
    sample_note,
};
use crate::{ReportError, ReportSink, one_line};

const CSS: &str = "body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}\
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:1px solid #ddd}\
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:.3rem .5rem;text-align:left;vertical-align:top}\
.meta{color:#666}.tag{display:inline-block;padding:0 .4rem;border-radius:.3rem;font-size:.8rem;font-weight:600;color:#fff}\
.consensus{background:#2e7d32}.majority{background:#00838f}.several{background:#00695c}.single{background:#b26a00}.disputed{background:#c62828}\
.support{color:#555;font-size:.85rem;margin:0 .3rem}.claim{margin:.4rem 0}\
details{margin:.2rem 0}summary{cursor:pointer}blockquote{margin:.2rem 0 .2rem 1rem;color:#444}\
.src{color:#666;font-size:.85rem}article{margin-bottom:3rem}mark{background:#fff3b0}span.fact{color:#555}\
.summary{background:#f6f7f9;border-radius:.5rem;padding:.5rem 1rem}.legend dt{display:inline;font-weight:600}\
.legend dd{display:inline;margin:0 1rem 0 .3rem}.reuse td{width:50%}";

fn esc(s: &str) -> String {
    encode_text(&one_line(s)).into_owned()
}

fn attr(s: &str) -> String {
    encode_double_quoted_attribute(&one_line(s)).into_owned()
}

/// A status tag whose hover title says what the word means.
/// A claim's text, escaped, its fact marked (or given after it when the text does not hold its
/// words as written).
fn claim_text(c: &Claim) -> String {
    match crate::fact_in_text(c) {
        Ok(Some((before, fact, after))) => {
            // Pieces of one line: their edge spaces stay.
            let part = |s: &str| encode_text(&crate::squeezed(s)).into_owned();
            let (before, after) = (part(before.trim_start()), part(after.trim_end()));
            format!("{before}<mark class=\"fact\">{}</mark>{after}", part(fact))
        }
        Ok(None) => esc(&c.text),
        Err(fact) => format!("{} <span class=\"fact\">about: {}</span>", esc(&c.text), esc(fact)),
    }
}

fn tag(status: ClaimStatus) -> String {
    format!("<span class=\"tag {status}\" title=\"{}\">{status}</span>", attr(meaning(status)))
}

/// A source's outlet name, with its language when that is not the story's main one.
fn language_tagged(story: &FusedStory, id: &crosscheck_core::DocId) -> String {
    let tagged = crate::with_language(story, id);
    match tagged.strip_prefix(id.as_str()) {
        Some(tag) => format!("{}{tag}", outlet_of(story, id)),
        None => outlet_of(story, id).to_string(),
    }
}

/// The name of a span's source, its byte offsets on hover.
fn source_of(story: &FusedStory, s: &SourceSpan) -> String {
    format!(
        "<span class=\"src\" title=\"{} bytes {}..{}\">{}</span>",
        attr(s.article.as_str()),
        s.start,
        s.end,
        esc(&language_tagged(story, &s.article))
    )
}

fn spans(o: &mut String, story: &FusedStory, spans: &[SourceSpan]) {
    for s in spans {
        let _ = writeln!(o, "<blockquote>{} {}</blockquote>", esc(&s.text), source_of(story, s));
    }
}

/// `text` escaped, the words `changed` flags wrapped in `<mark>`.
fn marked(text: &str, changed: &[bool]) -> String {
    let words: Vec<String> = text
        .split_whitespace()
        .zip(changed.iter().chain(std::iter::repeat(&false)))
        .map(|(w, &c)| {
            let w = encode_text(w);
            if c { format!("<mark>{w}</mark>") } else { w.into_owned() }
        })
        .collect();
    words.join(" ")
}

/// ` 3 outlets · 1 origin` in a source note, when the counts are known.
fn note(outlets: Option<u32>, origins: Option<u32>) -> String {
    origins_note(outlets, origins)
        .map(|n| format!(" <span class=\"src\">{}</span>", esc(&n)))
        .unwrap_or_default()
}

/// The anchor of part `what` number `n` of story number `k`.
fn anchor(k: usize, what: &str, n: usize) -> String {
    format!("s{k}-{what}-{n}")
}

fn render_summary(o: &mut String, story: &FusedStory, k: usize) {
    let distinct = story.distinct_articles();
    let names = outlets(story);
    let _ = writeln!(o, "<section class=\"summary\" id=\"s{k}-summary\">\n<h2>Summary</h2>\n<ul>");
    let copies = story.articles.len() - distinct;
    let copies = if copies > 0 {
        format!(", {} counted once", count(copies, "copy"))
    } else {
        String::new()
    };
    let _ = writeln!(
        o,
        "<li><b>Sources:</b> {} ({}); {} in {}{copies}.</li>",
        count(names.len(), "outlet"),
        names.iter().map(|n| esc(n)).collect::<Vec<_>>().join(", "),
        count(distinct, "independent report"),
        count(story.articles.len(), "article"),
    );
    if let Some(note) = sample_note(story) {
        let _ = writeln!(o, "<li><b>Sampled:</b> {}</li>", esc(&note));
    }
    let agreed: Vec<&str> = story
        .claims
        .iter()
        .filter(|c| c.status == ClaimStatus::Consensus)
        .map(|c| c.text.as_str())
        .collect();
    let _ = write!(o, "<li><b>Agreed by every report:</b> ");
    if agreed.is_empty() {
        let _ = writeln!(o, "nothing.</li>");
    } else {
        let _ = writeln!(o, "{}.<ul>", count(agreed.len(), "claim"));
        for (i, c) in story.claims.iter().enumerate() {
            if c.status == ClaimStatus::Consensus {
                let _ = writeln!(
                    o,
                    "<li><a href=\"#{}\">{}</a></li>",
                    anchor(k, "claim", i),
                    esc(&c.text)
                );
            }
        }
        let _ = writeln!(o, "</ul></li>");
    }
    let _ = write!(o, "<li><b>Disputed:</b> ");
    if story.conflicts.is_empty() {
        let _ = writeln!(o, "nothing; the reports do not contradict each other.</li>");
    } else {
        let _ = writeln!(o, "{}.<ul>", count(story.conflicts.len(), "conflict"));
        for (n, c) in story.conflicts.iter().enumerate() {
            let sides: Vec<String> = c
                .sides
                .iter()
                .map(|s| {
                    let who: Vec<&str> = s.articles.iter().map(|a| outlet_of(story, a)).collect();
                    format!("{} ({})", esc(&s.value), esc(&who.join(", ")))
                })
                .collect();
            let _ = writeln!(
                o,
                "<li><a href=\"#{}\">{}: {}</a>: {}</li>",
                anchor(k, "conflict", n),
                c.kind,
                esc(&c.topic),
                sides.join(" vs ")
            );
        }
        let _ = writeln!(o, "</ul></li>");
    }
    let single: Vec<usize> = (0..story.claims.len())
        .filter(|&i| story.claims[i].status == ClaimStatus::Single)
        .collect();
    let _ = write!(o, "<li><b>Only one report says:</b> ");
    if single.is_empty() {
        let _ = writeln!(o, "nothing.</li>");
    } else {
        let _ = writeln!(o, "{}.<ul>", count(single.len(), "claim"));
        for &i in &single {
            let c = &story.claims[i];
            let who = c.articles.first().map(|a| outlet_of(story, a)).unwrap_or_default();
            let _ = writeln!(
                o,
                "<li><a href=\"#{}\">{}</a> <span class=\"src\">{}</span></li>",
                anchor(k, "claim", i),
                esc(&c.text),
                esc(who)
            );
        }
        let _ = writeln!(o, "</ul></li>");
    }
    let _ = writeln!(o, "</ul>\n</section>");
    let _ = writeln!(o, "<section class=\"legend\"><h2>Legend</h2><dl>");
    for (status, what) in LEGEND {
        let _ = writeln!(o, "<dt>{}</dt><dd>{}</dd>", tag(status), esc(what));
    }
    let _ = writeln!(o, "</dl><p class=\"meta\">{}</p></section>", esc(COUNTING));
}

pub(crate) fn render(o: &mut String, story: &FusedStory, k: usize) {
    let distinct = story.distinct_articles();
    let _ = writeln!(o, "<article id=\"s{k}\">\n<h1>{}</h1>", esc(&story.headline));
    let _ = writeln!(
        o,
        "<p class=\"meta\">story {} · {} in {}</p>",
        esc(&story.id),
        count(distinct, "report"),
        count(story.articles.len(), "article")
    );
    render_summary(o, story, k);
    if !story.claims.is_empty() {
        let _ = writeln!(o, "<h2>Claims</h2>");
        for (i, c) in story.claims.iter().enumerate() {
            let conflict = if c.status == ClaimStatus::Disputed {
                let to = conflict_of(story, i)
                    .map_or_else(|| format!("s{k}-conflicts"), |n| anchor(k, "conflict", n));
                format!(" <a href=\"#{to}\">see the conflict</a>")
            } else {
                String::new()
            };
            let _ = writeln!(
                o,
                "<details class=\"claim\" id=\"{}\"><summary>{} <span class=\"support\">{} of {}</span> {}{}{conflict}</summary>",
                anchor(k, "claim", i),
                tag(c.status),
                c.support,
                count(distinct, "report"),
                claim_text(c),
                note(c.outlets, c.origins),
            );
            spans(o, story, &c.renderings);
            let _ = writeln!(o, "</details>");
        }
    }
    if !story.conflicts.is_empty() {
        let _ = writeln!(o, "<h2 id=\"s{k}-conflicts\">Conflicts</h2>");
        for (n, c) in story.conflicts.iter().enumerate() {
            let _ = writeln!(
                o,
                "<details open id=\"{}\"><summary>{} {}</summary>",
                anchor(k, "conflict", n),
                tag(ClaimStatus::Disputed).replacen(">disputed<", &format!(">{}<", c.kind), 1),
                esc(&c.topic)
            );
            for s in &c.sides {
                let who: Vec<String> =
                    s.articles.iter().map(|a| esc(outlet_of(story, a))).collect();
                let _ = writeln!(
                    o,
                    "<p><b>{}</b> <span class=\"src\">{}</span>{}</p>",
                    esc(&s.value),
                    who.join(", "),
                    note(s.outlets, s.origins)
                );
                spans(o, story, &s.evidence);
            }
            let _ = writeln!(o, "</details>");
        }
    }
    if !story.quotes.is_empty() {
        let _ = writeln!(
            o,
            "<h2>Quotes</h2>\n<p class=\"meta\">Marked: the words that differ between two outlets' wordings.</p>"
        );
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
                "<details open><summary>{who} <span class=\"src\">in {} of {}</span>{}</summary>",
                q.articles.len(),
                count(story.articles.len(), "article"),
                note(q.outlets, q.origins)
            );
            for (i, r) in q.renderings.iter().enumerate() {
                let text = one_line(&r.text);
                let changed = reference_of(&q.renderings, i)
                    .map(|other| changed_words(&text, &other.text))
                    .unwrap_or_default();
                let _ = writeln!(
                    o,
                    "<blockquote>{} {}</blockquote>",
                    marked(&text, &changed),
                    source_of(story, r)
                );
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
                .map(|e| format!("{}: {}", source_of(story, e), esc(&e.text)))
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
    let _ = writeln!(
        o,
        "<h2>Sources</h2>\n<table><tr><th>outlet</th><th>title</th><th>published</th><th>id</th><th>copy of</th><th>page chrome</th></tr>"
    );
    for a in &story.articles {
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            linked(outlet_of(story, &a.id), a.url.as_deref()),
            esc(a.title.as_deref().unwrap_or("")),
            a.published.map(|d| d.to_string()).unwrap_or_default(),
            esc(a.id.as_str()),
            a.duplicate_of.as_ref().map(|d| esc(outlet_of(story, d))).unwrap_or_default(),
            if a.removed.is_empty() {
                String::new()
            } else {
                format!("{} removed", count(a.removed.len(), "line"))
            },
        );
    }
    let _ = writeln!(o, "</table>");
    render_reuse(o, story);
    let _ = writeln!(o, "</article>");
}

/// The reuse section: per source, whom it copied and who copied it, the shared passages side by
/// side (this source | the other) and highlighted; then origins and credits.
fn render_reuse(o: &mut String, story: &FusedStory) {
    let Some(reuse) = &story.reuse else { return };
    if reuse.edges.is_empty() && reuse.credits.is_empty() {
        return;
    }
    let _ = writeln!(o, "<h2>Reuse</h2>");
    for (id, links) in per_source(story) {
        let _ = writeln!(o, "<h3>{}</h3>", esc(id.as_str()));
        for l in links {
            let same = if l.edge.same_outlet { ", same outlet" } else { "" };
            let _ = writeln!(
                o,
                "<details><summary>{} <b>{}</b> <span class=\"src\">({} of it{same})</span></summary>\n<table class=\"reuse\"><tr><th>{}</th><th>{}</th></tr>",
                l.relation.label(),
                esc(l.other.as_str()),
                percent(l.share),
                esc(id.as_str()),
                esc(l.other.as_str())
            );
            for p in &l.edge.passages {
                let (mine, theirs) = if &p.a.article == id { (&p.a, &p.b) } else { (&p.b, &p.a) };
                let _ = writeln!(
                    o,
                    "<tr><td><mark>{}</mark> <span class=\"src\">[{}..{}]</span></td><td><mark>{}</mark> <span class=\"src\">[{}..{}]</span></td></tr>",
                    esc(&mine.text),
                    mine.start,
                    mine.end,
                    esc(&theirs.text),
                    theirs.start,
                    theirs.end
                );
            }
            let _ = writeln!(o, "</table></details>");
        }
    }
    if !reuse.clusters.is_empty() {
        let _ = writeln!(o, "<table><tr><th>cluster</th><th>origin</th><th>basis</th></tr>");
        for c in &reuse.clusters {
            let ids: Vec<&str> = c.articles.iter().map(crosscheck_core::DocId::as_str).collect();
            let origin = c.origin.as_ref().map_or("unknown", crosscheck_core::DocId::as_str);
            let basis = match &c.agency {
                Some(a) => format!("{} ({a})", c.basis),
                None => c.basis.to_string(),
            };
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&ids.join(", ")),
                esc(origin),
                esc(&basis)
            );
        }
        let _ = writeln!(o, "</table>");
    }
    for c in &reuse.credits {
        let _ = writeln!(
            o,
            "<p class=\"meta\">{} credits {} <span class=\"src\">({}: {})</span></p>",
            esc(c.article.as_str()),
            esc(&c.agency),
            c.field,
            esc(&c.text)
        );
    }
}

/// `name`, escaped, as a link to `url` when it is a web address (`http:` or `https:` only, so a
/// hostile `javascript:` address never becomes a link).
fn linked(name: &str, url: Option<&str>) -> String {
    match url.map(str::trim) {
        Some(u) if u.starts_with("https://") || u.starts_with("http://") => format!(
            "<a href=\"{}\" rel=\"noopener noreferrer nofollow\">{}</a>",
            encode_double_quoted_attribute(u),
            esc(name)
        ),
        _ => esc(name),
    }
}

/// Writes stories as one HTML page. Stories are buffered until [`ReportSink::finish`] so that
/// a page of several opens with their table of contents.
#[derive(Debug)]
pub struct HtmlSink<W> {
    out: W,
    /// Each story's headline, report count and rendered body.
    stories: Vec<(String, usize, String)>,
}

impl<W: Write> HtmlSink<W> {
    /// A sink writing to `out`.
    pub fn new(out: W) -> HtmlSink<W> {
        HtmlSink { out, stories: Vec::new() }
    }
}

impl<W: Write> ReportSink for HtmlSink<W> {
    fn story(&mut self, story: &FusedStory) -> Result<bool, ReportError> {
        let story = crate::display::for_display(story, crate::display::Target::Document);
        let mut o = String::new();
        render(&mut o, &story, self.stories.len() + 1);
        self.stories.push((story.headline.clone(), story.distinct_articles(), o));
        Ok(true)
    }

    fn finish(&mut self) -> Result<(), ReportError> {
        let title = match self.stories.as_slice() {
            [] => "crosscheck: no story".to_string(),
            [(headline, ..)] => format!("crosscheck: {headline}"),
            many => format!("crosscheck: {}", count(many.len(), "story")),
        };
        let mut page = format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
            esc(&title)
        );
        if self.stories.is_empty() {
            page.push_str("<p>No story.</p>\n");
        }
        if self.stories.len() > 1 {
            let _ = writeln!(
                page,
                "<nav class=\"toc\"><h2>{}</h2>\n<ol>",
                esc(&count(self.stories.len(), "story"))
            );
            for (k, (headline, reports, _)) in self.stories.iter().enumerate() {
                let _ = writeln!(
                    page,
                    "<li><a href=\"#s{}\">{}</a> <span class=\"meta\">{}</span></li>",
                    k + 1,
                    esc(headline),
                    count(*reports, "report")
                );
            }
            page.push_str("</ol></nav>\n");
        }
        for (_, _, body) in self.stories.drain(..) {
            page.push_str(&body);
        }
        page.push_str("</body>\n</html>\n");
        self.out.write_all(page.as_bytes()).map_err(ReportError::io("html"))?;
        self.out.flush().map_err(ReportError::io("html"))
    }
}
