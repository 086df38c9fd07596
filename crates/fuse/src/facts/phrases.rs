//! Phrase claims: a fact that outlets word the same way, found by the phrase they share.
//!
//! ## What it does
//!
//! Every pair of adjacent content words of a sentence (headlines and list items included; no
//! stopword, no punctuation between them, not two capitalised words, which would be a name
//! alone) is a phrase: `double play`, `complete game`, `shortest serving`, `96 pitches`. A
//! phrase that three distinct outlets or more write is a claim: its renderings are the first
//! sentence of each article that holds it. Phrases carried by the same outlets are one claim
//! (the phrase most outlets write is kept), and a phrase claim carried by exactly the outlets
//! of a sentence claim adds nothing and is left out.
//!
//! A single term does the same when it is rare in the story: a lowercase content word of five
//! letters or more (by its stem) or a figure written in digits, written by three outlets or
//! more but by no more than half of them (`appeal`, `foam`, `1993`). Names are no terms: two
//! facts about one person are not one claim.
//!
//! ## Why
//!
//! Sentence alignment keeps one sentence per article per claim, so an outlet that states a
//! fact in a sentence that also says something else, or in two sentences, falls out of the
//! fact's claim. A shared phrase is the fact itself, whatever else its sentences carry: a
//! sentence carrying several facts contributes to several claims.
//!
//! ## Example
//!
//! `…started the title-winning double play` and `Betts turned a double play to end it` and
//! `the game ended on a double play` are one claim, `double play`, carried by three outlets.
//!
//! ## Limitations
//!
//! Paraphrases with no phrase in common stay apart, and a phrase common to two facts
//! (`ninth inning`) makes one claim of them; a rare term is more often shared by two facts
//! than a phrase is, and its claim's text is only the first sentence that holds it.
//!
//! ## References
//!
//! Key-phrase alignment of multi-document summarisation (Barzilay and `McKeown`, *Sentence
//! Fusion for Multidocument News Summarization*, 2005).

use foldhash::{HashMap, HashMapExt};
use std::collections::BTreeSet;

use crosscheck_core::{Lang, Span};
use crosscheck_text::Stemmer;

use crate::analysis::events::content_stem;
use crate::analysis::{Context, Gap, Word};
use crate::story::Claim;

/// The fewest distinct outlets that make a phrase a claim.
const MIN_OUTLETS: usize = 3;

/// Where a phrase was seen: its outlets, the first sentence of each article that holds it (with
/// the phrase's words there), and the order in which it was first seen.
type Seen = (BTreeSet<usize>, Vec<(usize, usize, Span)>, usize);

/// The phrase claims of a story that no claim of `existing` already carries.
pub(crate) fn claims(ctx: &Context<'_>, existing: &[Claim]) -> Vec<Claim> {
    let distinct = ctx.canon.iter().enumerate().filter(|(i, c)| i == *c).count();
    let mut seen: HashMap<(String, String), Seen> = HashMap::new();
    for (di, d) in ctx.docs.iter().enumerate() {
        let lang = d.article.language;
        let content = |k: &str| k.len() > 1 && !crosscheck_text::is_stopword(lang, k);
        for pair in d.words.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if a.sent != b.sent || b.gap != Gap::Space || (a.cap && b.cap) {
                continue;
            }
            if !content(&a.key) || !content(&b.key) {
                continue;
            }
            let n = seen.len();
            let e = seen
                .entry((a.key.clone(), b.key.clone()))
                .or_insert_with(|| (BTreeSet::new(), Vec::new(), n));
            e.0.insert(ctx.canon[di]);
            if !e.1.iter().any(|&(d, _, _)| d == di) {
                e.1.push((di, a.sent as usize, Span::new(a.span.start, b.span.end)));
            }
        }
    }
    let mut phrases: Vec<_> =
        seen.into_values().filter(|(outlets, _, _)| outlets.len() >= MIN_OUTLETS).collect();
    phrases.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.2.cmp(&b.2)));
    let mut taken: BTreeSet<Vec<String>> = existing
        .iter()
        .map(|c| {
            let mut ids: Vec<String> = c.articles.iter().map(|a| a.as_str().to_string()).collect();
            ids.sort_unstable();
            ids.dedup();
            ids
        })
        .collect();
    let mut out = Vec::new();
    for (outlets, sents, _) in phrases {
        let Some(&(doc, sent, words)) = sents.first() else { continue };
        let claim = super::claim_of_sentences(
            ctx,
            sents.iter().map(|&(d, s, _)| (d, s)),
            (doc, sent),
            Some(words),
            outlets.len(),
            distinct,
        );
        let mut ids: Vec<String> = claim.articles.iter().map(|a| a.as_str().to_string()).collect();
        ids.sort_unstable();
        if claim.renderings.is_empty() || !taken.insert(ids) {
            continue;
        }
        out.push(claim);
    }
    out.extend(term_claims(ctx, distinct, &mut taken));
    out
}

/// Whether a word is a term of its own: a lowercase content word of five letters or more, or a
/// number written with digits (`1993`, `14th`). Names are left out: two facts about one person
/// are not one claim.
fn term_of(w: &Word, lang: Lang, stemmer: &Stemmer) -> Option<String> {
    if w.digit {
        let digits = w.key.bytes().filter(u8::is_ascii_digit).count();
        return (digits >= 2).then(|| w.key.clone());
    }
    if (w.cap && !w.first) || w.upper || w.key.len() < 5 || w.key.contains('-') {
        return None;
    }
    content_stem(&w.key, lang, stemmer).filter(|_| !crosscheck_text::is_stopword(lang, &w.key))
}

/// Term claims: a term (see [`term_of`]) that at least [`MIN_OUTLETS`] distinct outlets write
/// but no more than half of them (a word every outlet writes is the story's topic, not a
/// fact), as one claim whose renderings are the first sentence of each article holding it,
/// where no claim already has exactly its outlets.
fn term_claims(
    ctx: &Context<'_>,
    distinct: usize,
    taken: &mut BTreeSet<Vec<String>>,
) -> Vec<Claim> {
    let mut seen: HashMap<String, Seen> = HashMap::new();
    for (di, d) in ctx.docs.iter().enumerate() {
        let lang = d.article.language;
        let stemmer = Stemmer::new(lang);
        for w in &d.words {
            let Some(term) = term_of(w, lang, &stemmer) else { continue };
            let n = seen.len();
            let e = seen.entry(term).or_insert_with(|| (BTreeSet::new(), Vec::new(), n));
            e.0.insert(ctx.canon[di]);
            if !e.1.iter().any(|&(d, _, _)| d == di) {
                e.1.push((di, w.sent as usize, w.span));
            }
        }
    }
    let mut terms: Vec<_> = seen
        .into_values()
        .filter(|(outlets, _, _)| outlets.len() >= MIN_OUTLETS && outlets.len() * 2 <= distinct)
        .collect();
    terms.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.2.cmp(&b.2)));
    let mut out = Vec::new();
    for (outlets, sents, _) in terms {
        let Some(&(doc, sent, words)) = sents.first() else { continue };
        let claim = super::claim_of_sentences(
            ctx,
            sents.iter().map(|&(d, s, _)| (d, s)),
            (doc, sent),
            Some(words),
            outlets.len(),
            distinct,
        );
        let mut ids: Vec<String> = claim.articles.iter().map(|a| a.as_str().to_string()).collect();
        ids.sort_unstable();
        ids.dedup();
        if claim.renderings.is_empty() || !taken.insert(ids) {
            continue;
        }
        out.push(claim);
    }
    out
}

#[cfg(test)]
mod tests {
    use crosscheck_core::{Article, Lang};

    use crate::{Fuser, FuserBuilder, StoryInput};

    fn article(id: &str, text: &str) -> Article {
        Article { language: Lang::EN, ..Article::from_text(id, text) }
    }

    #[test]
    fn a_shared_phrase_gathers_its_outlets() {
        let arts = [
            article("a", "The keeper made a diving save in the last minute. Fans sang all night."),
            article("b", "Rain fell on the stadium. A diving save by the keeper sealed it."),
            article("c", "It ended after the keeper pulled off a diving save near the post."),
            article("d", "The coach praised the defence after the match in Velm."),
        ];
        let story = FuserBuilder::new().build().unwrap().fuse(&StoryInput::new(&arts)).unwrap();
        let claim = story
            .claims
            .iter()
            .find(|c| {
                c.renderings.len() == 3
                    && c.renderings.iter().all(|r| r.text.contains("diving save"))
            })
            .expect("a claim for the diving save");
        let ids: Vec<&str> = claim.articles.iter().map(crosscheck_core::DocId::as_str).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(claim.support, 3);
        // Two outlets are not enough, and names alone are no phrase.
        assert!(!story.claims.iter().any(|c| c.renderings.len() >= 2
            && c.renderings.iter().all(|r| r.text.contains("Fans sang"))));
    }

    #[test]
    fn a_rare_term_gathers_its_outlets_but_names_and_topic_words_do_not() {
        let arts = [
            article("a", "The ferry to Korvel sank. Divers found the wreck near the pier later."),
            article("b", "A ferry sank off Korvel. Tomas Vendl said the crossing was calm."),
            article("c", "Korvel mourns after the ferry sank. The wreck lies at forty metres."),
            article("d", "The ferry sank in calm water, Tomas Vendl told reporters in Korvel."),
            article(
                "e",
                "Rescuers reached the ferry that sank near Korvel. A wreck buoy marks it.",
            ),
            article("f", "Tomas Vendl ran the ferry that sank at Korvel for twelve years."),
            article("g", "Sirens sounded in Korvel as the ferry sank before noon."),
        ];
        let story = FuserBuilder::new().build().unwrap().fuse(&StoryInput::new(&arts)).unwrap();
        let wreck = story
            .claims
            .iter()
            .find(|c| c.renderings.iter().all(|r| r.text.contains("wreck")))
            .expect("a claim for the wreck");
        let ids: Vec<&str> = wreck.articles.iter().map(crosscheck_core::DocId::as_str).collect();
        assert_eq!(ids, ["a", "c", "e"]);
        // A name (three outlets) is no term; `ferry` and `sank` are the whole story's words.
        assert!(!story.claims.iter().any(|c| c.renderings.len() >= 3
            && c.renderings.iter().all(|r| r.text.contains("Vendl"))
            && !c.renderings.iter().all(|r| r.text.contains("calm"))));
    }
}
