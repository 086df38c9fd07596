//! Attribution conflicts: one quote given to different speakers.
//!
//! One quote given to different speakers; see the quotes stage. A rival speaker counts only
//! when it is named (not a resolved pronoun) and its rendering is itself close to the main
//! side's, not joined through a chain of paraphrases. A news medium is never a side (see the
//! `media` rule of the quotes stage).
//!
//! See the `attribution` heuristic of the quotes stage for how quotes are found and grouped.

use super::common::short;
use crate::analysis::Context;
use crate::quotes::attribution::{Quotes, SpeakerIndex};
use crate::story::{Conflict, ConflictKind, ConflictSide, SourceSpan};

/// The `attribution` conflicts: quote groups whose members name different people.
pub(super) fn find(ctx: &Context<'_>, q: &Quotes, speakers: &SpeakerIndex) -> Vec<Conflict> {
    let mut out = Vec::new();
    for g in &q.groups {
        let Some(conflict) = &g.conflict else { continue };
        let mut sides = Vec::new();
        for side in &conflict.sides {
            // An outlet that carries the quote does not contradict who another one names.
            if q.media.is_medium(&side.speaker) {
                continue;
            }
            let mut articles = Vec::new();
            let mut evidence = Vec::new();
            for r in &side.members {
                let d = &ctx.docs[r.article];
                let m = &q.mentions[r.article][r.quote];
                if !articles.contains(&d.article.id) {
                    articles.push(d.article.id.clone());
                }
                evidence.extend(SourceSpan::from_text(d.article, m.span));
                if let Some(s) = &m.speaker {
                    evidence.extend(SourceSpan::from_text(d.article, s.pronoun.unwrap_or(s.span)));
                }
            }
            sides.push(ConflictSide {
                value: speakers.display(&side.speaker),
                articles,
                evidence,
                outlets: None,
                origins: None,
            });
        }
        if sides.len() < 2 {
            continue;
        }
        let quote_words = g
            .members
            .first()
            .map(|r| short(&q.mentions[r.article][r.quote].text, 8))
            .unwrap_or_default();
        out.push(Conflict {
            kind: ConflictKind::Attribution,
            topic: format!("who said \u{201c}{quote_words}\u{201d}"),
            sides,
        });
    }
    out
}
