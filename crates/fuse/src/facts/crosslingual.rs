//! Anchors across languages: when a sentence of one language renders a claim worded in another.
//!
//! ## What it does
//!
//! Reads a sentence's anchors: the entities it mentions that the story names in two languages
//! or more, and the numbers it writes in digits (`4,800`, `4’800`, `5-4` as 5 and 4). A sentence of another language renders a claim only
//! when the two share a number, and their shared anchors cover a good share of both sentences'
//! anchors (twice the shared over the sum, Dice's coefficient, at least [`OVERLAP`]), not just
//! the shorter one's.
//!
//! ## Why
//!
//! Words rarely meet across languages, so a phrase, a rare stem or a figure written alike is
//! all that joins two sentences, and names alone (the same people, said to do something
//! else) or one figure among many (a date in a long sentence about something else) join
//! sentences that state different facts. A number with most of the names around it is the
//! fact itself.
//!
//! ## Example
//!
//! `The company will hire 300 workers in Lyon.` and `La empresa contratará a 300 trabajadores
//! en Lyon.` share `300` and `Lyon`, all their anchors: one claim. `Marta Ruiz and Leo Brandt
//! met in Lyon.` and a Spanish sentence naming Marta Ruiz and Leo Brandt as the company's
//! founders share names only: not one claim.
//!
//! ## Limitations
//!
//! What a number counts is not compared (a 46 % premium and a 46 % stake agree), and number
//! words (`five`, `cinco`) and dates written in words are not anchors.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use crosscheck_core::Lang;

use crate::analysis::Context;
use crosscheck_text::numbers::parse_number;

/// The share of both sentences' anchors their shared anchors must cover (Dice's coefficient).
const OVERLAP: f32 = 0.4;

/// One anchor: an entity of the story or a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Anchor {
    Entity(u32),
    Number(u64),
}

/// The entities that articles of two languages or more name.
pub(super) struct Shared(HashSet<u32>);

impl Shared {
    /// The entities of `ctx` named in two languages or more.
    pub(super) fn of(ctx: &Context<'_>) -> Shared {
        let mut first: HashMap<u32, Lang> = HashMap::new();
        let mut out = HashSet::new();
        for (d, mentions) in ctx.docs.iter().zip(&ctx.entities.mentions) {
            for m in mentions {
                let lang = *first.entry(m.entity).or_insert(d.article.language);
                if lang != d.article.language {
                    out.insert(m.entity);
                }
            }
        }
        Shared(out)
    }
}

/// The anchors of one sentence, sorted, without repeats.
pub(super) struct Anchors(Vec<Anchor>);

impl Anchors {
    /// The anchors of sentence `si` of doc `di`.
    /// Only entities of `shared` count: one that only one language names (a German noun read
    /// as a name, an office named in one language only) can meet nothing across languages.
    pub(super) fn of(ctx: &Context<'_>, di: usize, si: usize, shared: &Shared) -> Anchors {
        let d = &ctx.docs[di];
        let Some(s) = d.sents.get(si) else { return Anchors(Vec::new()) };
        let range = s.words.start..s.words.end;
        let mut out: Vec<Anchor> = ctx
            .entities
            .mentions
            .get(di)
            .into_iter()
            .flatten()
            .filter(|m| range.contains(&m.words.0) && shared.0.contains(&m.entity))
            .map(|m| Anchor::Entity(m.entity))
            .collect();
        for w in d.words.get(range.start as usize..range.end as usize).into_iter().flatten() {
            if !w.digit {
                continue;
            }
            // `4’800` and `4'800`: thousands apart by an apostrophe.
            let text: String =
                d.text(w.span).chars().filter(|c| !matches!(c, '’' | '\'' | '\u{202f}')).collect();
            for part in text.split(['-', '‐', '–']) {
                if let Some(n) = parse_number(part) {
                    out.push(Anchor::Number(n));
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        Anchors(out)
    }

    /// Whether a sentence of another language with anchors `other` states the same fact: a
    /// shared number, and shared anchors covering [`OVERLAP`] of both sentences' anchors.
    pub(super) fn agrees(&self, other: &Anchors) -> bool {
        let shared: Vec<&Anchor> =
            self.0.iter().filter(|a| other.0.binary_search(a).is_ok()).collect();
        if !shared.iter().any(|a| matches!(a, Anchor::Number(_))) {
            return false;
        }
        let total = self.0.len() + other.0.len();
        #[expect(clippy::cast_precision_loss, reason = "anchor counts are small")]
        let dice = 2.0 * shared.len() as f32 / total as f32;
        dice >= OVERLAP
    }
}

#[cfg(test)]
mod tests {
    use crosscheck_core::{Article, DocId, Lang};

    use crate::story::FusedStory;
    use crate::{Fuser, FuserBuilder, StoryInput};

    fn article(id: &str, language: Lang, text: &str) -> Article {
        Article { language, ..Article::from_text(id, text) }
    }

    /// Two English reports of the tram line and a Spanish one, `spanish`.
    fn fuse(spanish: &str) -> FusedStory {
        let arts = [
            article(
                "a",
                Lang::EN,
                "The Rhone express line will carry 350 riders an hour, Velmora council said.",
            ),
            article(
                "b",
                Lang::EN,
                "Officials in Velmora said the Rhone express line would carry 350 riders.",
            ),
            article("c", "es".parse().unwrap(), spanish),
        ];
        FuserBuilder::new().build().unwrap().fuse(&StoryInput::new(&arts)).unwrap()
    }

    /// Whether a claim holds an English sentence and the Spanish one.
    fn linked(story: &FusedStory) -> bool {
        story.claims.iter().any(|c| {
            let ids: Vec<&str> = c.articles.iter().map(DocId::as_str).collect();
            ids.contains(&"c") && (ids.contains(&"a") || ids.contains(&"b"))
        })
    }

    #[test]
    fn the_same_number_and_names_link_across_languages() {
        let story = fuse("En Velmora, la Rhone express line llevará 350 pasajeros por hora.");
        assert!(linked(&story), "{:#?}", story.claims);
    }

    #[test]
    fn names_alone_do_not_link_across_languages() {
        let story = fuse("Marta Ruiz viajó en la Rhone express line de Velmora con Leo Brandt.");
        assert!(!linked(&story), "{:#?}", story.claims);
    }
}
