//! Fuses every story in `resources/test/rules/<rule>/<case>.txt` and snapshots (insta) what that rule
//! produced: the conflicts for `conflicts/`, the claims for `claims/`, the quotes and
//! attribution conflicts for `quotes/`, the entities for `entities/`, the timeline for
//! `timeline/`. Each rule has positive cases (the rule fires) and
//! negative ones (statements that must stay quiet), in invented wording.
//!
//! A story file holds articles, each opened by a line `=== <id> [<published date> [<language>]]`
//! (English when no language is given), with `copies=<id>` anywhere after the id for an article
//! dedup marked as a near-copy of another (the `near/` cases snapshot the articles, the claims
//! with every rendering, and the conflicts); lines
//! before the first article starting with `#` say what the case checks.

use std::fmt::Write as _;
use std::path::Path;

use crosscheck_core::{Article, Lang};
use crosscheck_fuse::{Conflict, FusedStory, Fuser, FuserBuilder, SourceSpan, StoryInput};

/// The articles of a story file, and which article each marked one copies.
fn parse(content: &str) -> (Vec<Article>, Vec<(String, String)>) {
    let mut out: Vec<Article> = Vec::new();
    let mut dups: Vec<(String, String)> = Vec::new();
    let mut head: Option<(String, Option<String>, Lang)> = None;
    let mut body = String::new();
    let mut flush = |head: &mut Option<(String, Option<String>, Lang)>, body: &mut String| {
        if let Some((id, date, language)) = head.take() {
            out.push(Article {
                published: date.map(|d| d.parse().expect("a valid published date")),
                language,
                ..Article::from_text(id.as_str(), body.trim())
            });
        }
        body.clear();
    };
    for line in content.lines() {
        if let Some(rest) = line.strip_prefix("=== ") {
            flush(&mut head, &mut body);
            let mut parts = rest.split_whitespace().filter(|p| !p.starts_with("copies="));
            let id = parts.next().expect("an article id").to_string();
            if let Some(of) = rest.split_whitespace().find_map(|p| p.strip_prefix("copies=")) {
                dups.push((id.clone(), of.to_string()));
            }
            let date = parts.next().map(str::to_string);
            let lang = parts.next().map_or(Lang::EN, |l| l.parse().expect("a language code"));
            head = Some((id, date, lang));
        } else if head.is_some() {
            body.push_str(line);
            body.push('\n');
        }
    }
    flush(&mut head, &mut body);
    (out, dups)
}

fn span(s: &SourceSpan) -> String {
    format!("{}@{}..{}: {}", s.article, s.start, s.end, s.text)
}

fn conflicts(out: &mut String, cs: &[&Conflict]) {
    if cs.is_empty() {
        let _ = writeln!(out, "(no conflict)");
    }
    for c in cs {
        let _ = writeln!(out, "{} conflict: {}", c.kind, c.topic);
        for side in &c.sides {
            let ids: Vec<&str> = side.articles.iter().map(crosscheck_core::DocId::as_str).collect();
            let _ = writeln!(out, "  side {:?} from {}", side.value, ids.join(", "));
            for e in &side.evidence {
                let _ = writeln!(out, "    {}", span(e));
            }
        }
    }
}

fn render(rule: &str, story: &FusedStory) -> String {
    let mut out = String::new();
    match rule {
        "claims" => {
            for c in &story.claims {
                let ids: Vec<&str> =
                    c.articles.iter().map(crosscheck_core::DocId::as_str).collect();
                let _ = writeln!(out, "{} (support {}): {}", c.status, c.support, c.text);
                let _ = writeln!(out, "  from {}", ids.join(", "));
            }
        }
        "quotes" => {
            for q in &story.quotes {
                let office = q.role.as_deref().map(|r| format!(" ({r})")).unwrap_or_default();
                let anonymous = if q.anonymous { ", anonymous" } else { "" };
                let speaker = q.speaker.as_deref().unwrap_or("-");
                let _ = writeln!(out, "quote by {speaker}{office}{anonymous}");
                for r in &q.renderings {
                    let _ = writeln!(out, "  {}", span(r));
                }
                for a in &q.attributions {
                    let _ = writeln!(out, "  said: {}", span(a));
                }
            }
            if story.quotes.is_empty() {
                let _ = writeln!(out, "(no quote)");
            }
            let attribution: Vec<&Conflict> = story
                .conflicts
                .iter()
                .filter(|c| c.kind == crosscheck_fuse::ConflictKind::Attribution)
                .collect();
            conflicts(&mut out, &attribution);
        }
        "near" => {
            for a in &story.articles {
                let of = a.duplicate_of.as_ref().map_or("-", crosscheck_core::DocId::as_str);
                let _ = writeln!(out, "article {} (copies {of})", a.id);
            }
            for c in &story.claims {
                let _ = writeln!(out, "{} (support {}): {}", c.status, c.support, c.text);
                for r in &c.renderings {
                    let _ = writeln!(out, "  {}", span(r));
                }
            }
            conflicts(&mut out, &story.conflicts.iter().collect::<Vec<_>>());
        }
        "entities" => {
            for e in &story.entities {
                let _ = writeln!(out, "{} ({}): {}", e.name, e.kind, e.variants.join(" | "));
            }
        }
        "timeline" => {
            for t in &story.timeline {
                let ids: Vec<&str> =
                    t.articles.iter().map(crosscheck_core::DocId::as_str).collect();
                let inferred = if t.inferred { ", inferred" } else { "" };
                let _ = writeln!(out, "{}{inferred} from {}: {}", t.date, ids.join(", "), t.text);
            }
        }
        _ => conflicts(&mut out, &story.conflicts.iter().collect::<Vec<_>>()),
    }
    out
}

#[expect(clippy::needless_pass_by_value, reason = "the signature datatest-stable requires")]
fn fuse(path: &Path, content: String) -> datatest_stable::Result<()> {
    let rule = path
        .parent()
        .and_then(Path::file_name)
        .and_then(|n| n.to_str())
        .unwrap_or("conflicts")
        .to_string();
    let case = path.file_stem().and_then(|n| n.to_str()).unwrap_or("case").to_string();
    let (articles, dups) = parse(&content);
    assert!(articles.len() >= 2, "{rule}/{case}: a story needs two articles");
    let mut input = StoryInput::new(&articles);
    for (id, of) in &dups {
        input.duplicate(&id.as_str().into(), of.as_str().into());
    }
    let story = FuserBuilder::new().build()?.fuse(&input)?;
    if rule == "near" {
        // Read once or in full, a near-copy says the same.
        let full = FuserBuilder::new().collapse_near_copies(false).build()?.fuse(&input)?;
        assert_eq!(render(&rule, &story), render(&rule, &full), "{case}");
    }
    for s in story.spans() {
        let a = articles.iter().find(|a| a.id == s.article).expect("a span of a story article");
        assert_eq!(a.raw.get(s.start as usize..s.end as usize), Some(s.text.as_str()));
    }
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../resources/test/rules/snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_description(
        content.lines().take_while(|l| l.starts_with('#')).collect::<Vec<_>>().join("\n"),
    );
    settings.bind(|| insta::assert_snapshot!(format!("{rule}__{case}"), render(&rule, &story)));
    Ok(())
}

datatest_stable::harness! {
    { test = fuse, root = "resources/test/rules", pattern = r"^(conflicts|claims|quotes|entities|timeline|near)/[^/]*\.txt$" },
}
