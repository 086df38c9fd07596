//! Helpers shared by the store tests.

use std::sync::Arc;

use crosscheck_core::story::FusedStory;
use crosscheck_core::{Alignment, Article, DocId, Lang};

/// A fused report with only an id and a headline.
pub(crate) fn report(id: &str, headline: &str) -> FusedStory {
    FusedStory {
        id: id.to_string(),
        headline: headline.to_string(),
        articles: vec![],
        entities: vec![],
        claims: vec![],
        quotes: vec![],
        conflicts: vec![],
        timeline: vec![],
        sampled: None,
        reuse: None,
    }
}

/// An article whose raw content is `body` under a title line.
pub(crate) fn article(
    id: &str,
    title: &str,
    body: &str,
    date: Option<&str>,
    outlet: &str,
) -> Article {
    let raw = format!("{title}\n\n{body}");
    Article {
        id: DocId::from(id),
        source: format!("{id}.txt"),
        url: Some(format!("https://example.invalid/{id}")),
        outlet: Some(outlet.to_string()),
        title: Some(title.to_string()),
        author: None,
        published: date.map(|d| d.parse().unwrap()),
        published_month: None,
        language: Lang::EN,
        text: raw.clone(),
        removed: vec!["Subscribe now".to_string()],
        alignment: Alignment::identity(raw.len()),
        raw: Arc::from(raw),
    }
}
