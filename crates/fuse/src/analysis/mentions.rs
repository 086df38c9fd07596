//! The story's entities and their mentions, as the entity stage leaves them for the rules.

use crosscheck_core::Span;

use crate::story::EntityKind;

/// An entity of the story.
#[derive(Debug, Clone)]
pub(crate) struct Ent {
    /// Its display name.
    pub(crate) name: String,
    /// Its kind.
    pub(crate) kind: EntityKind,
    /// Its surface forms with their mention counts.
    pub(crate) variants: Vec<(String, u32)>,
    /// Roles seen with it.
    pub(crate) roles: Vec<String>,
}

/// One mention: a text span of a doc.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mention {
    /// The mention, in text offsets.
    pub(crate) span: Span,
    /// The words it covers.
    pub(crate) words: (u32, u32),
    /// The entity.
    pub(crate) entity: u32,
}

/// The story's entities and, per doc, their mentions in order.
#[derive(Debug, Default)]
pub(crate) struct EntityTable {
    /// The entities, most widely mentioned first.
    pub(crate) entities: Vec<Ent>,
    /// Per doc, the mentions in text order.
    pub(crate) mentions: Vec<Vec<Mention>>,
}

impl EntityTable {
    /// The entity a word of a doc belongs to, if any.
    pub(crate) fn word_entities(&self, doc: usize, n_words: usize) -> Vec<Option<u32>> {
        let mut out = vec![None; n_words];
        for m in &self.mentions[doc] {
            for w in m.words.0..m.words.1 {
                if let Some(slot) = out.get_mut(w as usize) {
                    *slot = Some(m.entity);
                }
            }
        }
        out
    }
}
