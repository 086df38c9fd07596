//! The story's speakers: quote speaker names resolved to the story's merged entities, read by
//! the quote finder (`attribution`) and by the rules that tell a speaker from a news medium
//! (`media`) or an unnamed group (`common_nouns`).

use foldhash::{HashMap, HashMapExt};

use crate::analysis::Context;
use crate::analysis::words::fold;
use crate::quotes;
use crate::story::EntityKind;

/// Resolves speaker names to the story's entities.
pub(crate) struct SpeakerIndex {
    by_key: HashMap<String, u32>,
    names: Vec<String>,
}

impl SpeakerIndex {
    pub(crate) fn new(ctx: &Context<'_>) -> SpeakerIndex {
        let mut by_key = HashMap::new();
        let mut names = Vec::new();
        for (i, e) in ctx.entities.entities.iter().enumerate() {
            names.push(e.name.clone());
            // Places are never speakers; organisations may be ("the Kremlin said").
            if e.kind == EntityKind::Place {
                continue;
            }
            by_key.entry(fold(&e.name)).or_insert(i as u32);
            for (v, _) in &e.variants {
                by_key.entry(fold(v)).or_insert(i as u32);
            }
        }
        SpeakerIndex { by_key, names }
    }

    /// The entity a speaker name is a spelling of: the whole name, else the name without its
    /// leading words (a title the quote parser kept: "Mayor Teodor Grabchenko").
    pub(crate) fn entity(&self, name: &str) -> Option<u32> {
        let key = fold(name);
        let mut rest = key.as_str();
        loop {
            if let Some(&e) = self.by_key.get(rest) {
                return Some(e);
            }
            rest = rest.split_once(' ')?.1;
        }
    }

    /// Whether two speaker names are one speaker.
    pub(crate) fn same(&self, a: &str, b: &str) -> bool {
        match (self.entity(a), self.entity(b)) {
            (Some(x), Some(y)) => x == y,
            _ => quotes::same_speaker(a, b),
        }
    }

    /// The display name of a speaker: its entity's name, else the name as written.
    pub(crate) fn display(&self, name: &str) -> String {
        self.entity(name).map_or_else(|| name.to_string(), |e| self.names[e as usize].clone())
    }
}
