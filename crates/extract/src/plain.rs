use crosscheck_core::{Alignment, Article, Lang, RawDoc};

use crate::{ExtractError, Extractor};

/// The baseline: the raw content is the text, metadata from the container only.
#[derive(Debug, Clone, Copy, Default)]
pub struct PlainExtractor;

impl Extractor for PlainExtractor {
    fn extract(&self, doc: &RawDoc) -> Result<Article, ExtractError> {
        let text = doc.content.to_string();
        if text.trim().is_empty() {
            return Err(ExtractError::NoArticle {
                doc: doc.source.clone(),
                reason: "no text".into(),
            });
        }
        Ok(Article {
            id: doc.id.clone(),
            source: doc.source.clone(),
            url: doc.meta.url.clone(),
            outlet: doc.meta.outlet.clone(),
            title: doc.meta.title.clone(),
            author: doc.meta.author.clone(),
            published: doc.meta.published,
            published_month: doc.meta.published_month.filter(|_| doc.meta.published.is_none()),
            language: doc.meta.language.unwrap_or(Lang::UNKNOWN),
            alignment: Alignment::identity(text.len()),
            text,
            removed: Vec::new(),
            raw: doc.content.clone(),
        })
    }
}
