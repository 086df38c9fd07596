//! Attribution conflicts: one quote given to different speakers.
//!
//! One quote given to different speakers; see the quotes stage. A rival speaker counts only
//! when it is named (not a resolved pronoun) and its rendering is itself close to the main
//! side's, not joined through a chain of paraphrases. A news medium is never a side (see the
//! `media` rule of the quotes stage).
//!
//! See the `attribution` heuristic of the quotes stage for how quotes are found and grouped.
//!
//! ## Sides that do not disagree
//!
//! Two sides naming one person, one name the other's last words (`Deputy Ilse Marrow` and
//! `Marrow`), are one side under the longer name. An article never contradicts itself: when
//! one article gives two sides (it quotes two people with words the grouping made one quote,
//! or two people saying the same), those are two quotes, and the side fewer articles give
//! leaves, as two values one outlet states both leave a number slot. On ECB+ this removed one
//! false conflict (an article quoting two secretaries, grouped as one quote); realnews and
//! the seeds raise no attribution conflict.

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
        reconcile(&mut sides);
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

/// Merges the sides that name one person (one name the other's last words: `Ilse Marrow`,
/// `Marrow`) under the longer name, then drops, while two sides share an article, the one
/// fewer articles give (the later on a tie).
fn reconcile(sides: &mut Vec<ConflictSide>) {
    let names_one = |long: &str, short: &str| {
        long.len() > short.len()
            && long.ends_with(short)
            && long[..long.len() - short.len()].ends_with(' ')
    };
    let mut i = 0;
    while i < sides.len() {
        let same =
            (0..sides.len()).find(|&j| j != i && names_one(&sides[j].value, &sides[i].value));
        if let Some(j) = same {
            let side = sides.remove(i);
            let j = if j > i { j - 1 } else { j };
            for a in side.articles {
                if !sides[j].articles.contains(&a) {
                    sides[j].articles.push(a);
                }
            }
            sides[j].evidence.extend(side.evidence);
            i = 0;
        } else {
            i += 1;
        }
    }
    loop {
        let shared = (0..sides.len()).find_map(|a| {
            (a + 1..sides.len()).find_map(|b| {
                let meet = sides[a].articles.iter().any(|x| sides[b].articles.contains(x));
                meet.then(|| if sides[b].articles.len() <= sides[a].articles.len() { b } else { a })
            })
        });
        match shared {
            Some(d) => {
                sides.remove(d);
            }
            None => break,
        }
    }
}

#[cfg(test)]
mod tests {
    use crosscheck_core::DocId;

    use super::*;

    fn side(name: &str, articles: &[&str]) -> ConflictSide {
        ConflictSide {
            value: name.to_string(),
            articles: articles.iter().map(|a| DocId::from(*a)).collect(),
            evidence: Vec::new(),
            outlets: None,
            origins: None,
        }
    }

    fn names(sides: &[ConflictSide]) -> Vec<(&str, Vec<&str>)> {
        sides
            .iter()
            .map(|s| (s.value.as_str(), s.articles.iter().map(DocId::as_str).collect()))
            .collect()
    }

    #[test]
    fn a_name_and_its_last_words_are_one_side() {
        let mut s = vec![
            side("Orla Penn", &["a"]),
            side("Deputy Ilse Marrow", &["b"]),
            side("Marrow", &["c"]),
        ];
        reconcile(&mut s);
        assert_eq!(names(&s), [("Orla Penn", vec!["a"]), ("Deputy Ilse Marrow", vec!["b", "c"])]);
    }

    #[test]
    fn a_shared_last_letter_run_is_no_name() {
        let mut s = vec![side("Ilse Marrow", &["a"]), side("Barrow", &["b"]), side("Row", &["c"])];
        reconcile(&mut s);
        assert_eq!(s.len(), 3);
    }

    #[test]
    fn an_article_on_two_sides_does_not_contradict_itself() {
        let mut s = vec![side("Orla Penn", &["a", "b"]), side("Ilse Marrow", &["a"])];
        reconcile(&mut s);
        assert_eq!(names(&s), [("Orla Penn", vec!["a", "b"])]);
    }

    #[test]
    fn sides_of_different_articles_stay() {
        let mut s = vec![side("Orla Penn", &["a", "b"]), side("Ilse Marrow", &["c"])];
        reconcile(&mut s);
        assert_eq!(s.len(), 2);
    }
}
