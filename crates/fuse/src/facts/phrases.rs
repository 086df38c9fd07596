//! Phrase claims: a fact that outlets word the same way, found by the phrase they share.
//!
//! ## What it does
//!
//! Every pair of adjacent content words of a sentence (headlines and list items included; no
//! stopword, no punctuation between them, not two capitalised words, which would be a name
//! alone) is a phrase: `double play`, `complete game`, `shortest serving`, `96 pitches`; a
//! hyphenated compound counts as its parts and words meet by their stems (`phrase_words`:
//! `complete-game` and `complete games` are `complete game`). A
//! phrase that three distinct outlets or more write is a claim: its renderings are the first
//! sentence of each article that holds it. Phrases carried by the same outlets in one of the
//! same sentences are one claim (the phrase most outlets write is kept), and a phrase claim
//! carried by exactly the outlets of an earlier claim that renders one of its sentences adds
//! nothing and is left out; the same outlets writing another fact in other sentences make
//! another claim (`fire alarms` beside a toll that the same four outlets give).
//!
//! A single term does the same when it is rare in the story: a lowercase content word of five
//! letters or more (by its stem) or a figure written in digits, written by three outlets or
//! more but by no more than two thirds of them (`appeal`, `foam`, `1993`). Names are no terms: two
//! facts about one person are not one claim; nor are the language's function words, time
//! words and adverbs (`according`, `yesterday`, `reportedly`), nor a capitalised word that opens
//! its sentence and that the story never writes in lower case (a name). One rare word shared
//! is not yet one fact: the sentences holding a term are a claim only where they also share
//! another rare term (`foam` and `scaffold`, `appeal` and `lawyers`), linked report to report;
//! each group so linked that three outlets carry is a claim. A term that names a participant
//! (a role or an institution, or a noun mostly written after `the`: see `participant_terms`)
//! links sentences but makes no claim.
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
//! than a phrase is (two rare terms shared still can be), and its claim's text is only the
//! first sentence that holds it. On ECB+ (`fuse_eval`), linking a term's sentences through a
//! second rare term and leaving function words and names out took the term claims' pairs from
//! 2,770 (538 of different events, precision 0.81) to 771 (105, 0.86); terms of up to two
//! thirds of the outlets (not half) with participant terms left out took them to 2,887 (377
//! wrong, 0.87). Splitting compounds
//! and stemming took the phrase claims' pairs from 4,894 (396 wrong) to 5,811 (447).
//!
//! ## References
//!
//! Key-phrase alignment of multi-document summarisation (Barzilay and `McKeown`, *Sentence
//! Fusion for Multidocument News Summarization*, 2005).

use foldhash::{HashMap, HashMapExt, HashSet};
use std::collections::{BTreeMap, BTreeSet};

use crosscheck_core::{Lang, Span};
use crosscheck_text::Stemmer;
use crosscheck_text::lexicon::{Lexicon, List};

use super::participant_terms::Uses;
use super::phrase_words::phrase_words;
use crate::analysis::events::content_stem;
use crate::analysis::{Context, Word};
use crate::story::Claim;
use crate::trace::Builder;

/// The fewest distinct outlets that make a phrase a claim.
const MIN_OUTLETS: usize = 3;

/// Where a phrase was seen: its outlets, the first sentence of each article that holds it (with
/// the phrase's words there), and the order in which it was first seen.
type Seen = (BTreeSet<usize>, Vec<(usize, usize, Span)>, usize);

/// The phrase claims of a story that no claim of `existing` already carries, then its term
/// claims, each with its reader.
pub(crate) fn claims<'c>(
    ctx: &Context<'_>,
    existing: impl IntoIterator<Item = &'c Claim>,
) -> Vec<(Claim, Builder)> {
    let distinct = ctx.canon.iter().enumerate().filter(|(i, c)| i == *c).count();
    let mut seen: HashMap<(String, String), Seen> = HashMap::new();
    for (di, d) in ctx.docs.iter().enumerate() {
        let lang = d.article.language;
        let content = |k: &str| k.len() > 1 && !crosscheck_text::is_stopword(lang, k);
        let stemmer = Stemmer::new(lang);
        let words = phrase_words(d, lang, &stemmer);
        for pair in words.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if a.sent != b.sent || !b.spaced || (a.cap && b.cap) {
                continue;
            }
            if !content(&a.folded) || !content(&b.folded) {
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
    let mut taken = Taken::default();
    for c in existing {
        taken.insert(c);
    }
    let terms = Terms::new(ctx, distinct);
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
        if claim.renderings.is_empty() || !taken.insert(&claim) {
            continue;
        }
        out.push((claim, Builder::Phrase));
    }
    out.extend(
        term_claims(ctx, &terms, distinct, &mut taken).into_iter().map(|c| (c, Builder::Term)),
    );
    out
}

/// The claims made so far, by their outlets: a phrase or term claim adds nothing when a claim
/// of the same outlets already renders one of its sentences (the same fact read twice), but a
/// claim of other sentences by the same outlets is another fact.
#[derive(Default)]
pub(crate) struct Taken(HashMap<Vec<String>, Vec<BTreeSet<(String, u32)>>>);

impl Taken {
    /// Notes `c`; false when it adds nothing.
    pub(crate) fn insert(&mut self, c: &Claim) -> bool {
        let mut ids: Vec<String> = c.articles.iter().map(|a| a.as_str().to_string()).collect();
        ids.sort_unstable();
        ids.dedup();
        let sents: BTreeSet<(String, u32)> =
            c.renderings.iter().map(|r| (r.article.as_str().to_string(), r.start)).collect();
        let held = self.0.entry(ids).or_default();
        if held.iter().any(|h| !h.is_disjoint(&sents)) {
            return false;
        }
        held.push(sents);
        true
    }
}

/// Whether a word is a term of its own: a lowercase content word of five letters or more, or a
/// number written with digits (`1993`, `14th`). Names are left out (two facts about one person
/// are not one claim), and so is a capitalised word that opens its sentence unless the story
/// also writes it in lower case (`lower`): `Yesterday` may be a term, a surname is none. So are
/// the language's function words (words that are no names when capitalised, determiners,
/// hedges, relative days, parts of the day, speech adverbs) and an adverb made of a word of the
/// story (`reportedly` beside `reported`): they say how or when, not what.
fn term_of(w: &Word, lang: Lang, stemmer: &Stemmer, lower: &HashSet<&str>) -> Option<String> {
    if w.digit {
        let digits = w.key.bytes().filter(u8::is_ascii_digit).count();
        return (digits >= 2).then(|| w.key.clone());
    }
    let key = w.key.as_str();
    if (w.cap && (!w.first || !lower.contains(key)))
        || w.upper
        || key.len() < 5
        || key.contains('-')
    {
        return None;
    }
    let lx = Lexicon::of(lang);
    let function = [
        List::NotNames,
        List::CapitalisedFunctionWords,
        List::Determiners,
        List::Hedges,
        List::RelativeDays,
        List::DayParts,
        List::SpeechAdverbs,
    ]
    .into_iter()
    .any(|l| lx.has(l, key));
    let adverb = lx
        .words(List::AdverbEndings)
        .any(|e| key.strip_suffix(e).is_some_and(|base| lower.contains(base)));
    if function || adverb {
        return None;
    }
    content_stem(key, lang, stemmer).filter(|_| !crosscheck_text::is_stopword(lang, key))
}

/// A sentence holding terms: its doc, its number and each term's first use in it (id, span).
type TermSentence = (usize, usize, Vec<(usize, Span)>);

/// The terms of a story (see [`term_of`]): every sentence that holds one, with its terms, and
/// per term its outlets and whether it is rare (written by no more than two thirds of the
/// outlets).
struct Terms {
    outlets: Vec<BTreeSet<usize>>,
    /// Per term, whether it is rare enough to link sentences.
    rare: Vec<bool>,
    /// Per term, whether it makes claims: rare, and naming no participant.
    seed: Vec<bool>,
    sents: Vec<TermSentence>,
}

impl Terms {
    fn new(ctx: &Context<'_>, distinct: usize) -> Terms {
        let lower: HashSet<&str> = ctx
            .docs
            .iter()
            .flat_map(|d| d.words.iter().filter(|w| !w.cap && !w.digit).map(|w| w.key.as_str()))
            .collect();
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut outlets: Vec<BTreeSet<usize>> = Vec::new();
        let mut uses: Vec<Uses> = Vec::new();
        let mut sents: Vec<TermSentence> = Vec::new();
        for (di, d) in ctx.docs.iter().enumerate() {
            let lang = d.article.language;
            let stemmer = Stemmer::new(lang);
            let lx = Lexicon::of(lang);
            for (wi, w) in d.words.iter().enumerate() {
                let Some(term) = term_of(w, lang, &stemmer, &lower) else { continue };
                let n = ids.len();
                let id = *ids.entry(term).or_insert(n);
                if id == outlets.len() {
                    outlets.push(BTreeSet::new());
                    uses.push(Uses::default());
                }
                uses[id].note(lx, &d.words, wi);
                outlets[id].insert(ctx.canon[di]);
                let sent = w.sent as usize;
                if sents.last().is_none_or(|s| (s.0, s.1) != (di, sent)) {
                    sents.push((di, sent, Vec::new()));
                }
                if let Some(s) = sents.last_mut()
                    && !s.2.iter().any(|t| t.0 == id)
                {
                    s.2.push((id, w.span));
                }
            }
        }
        // Rare: written by two thirds of the outlets at most (the story's topic words are
        // written by nearly all).
        let rare: Vec<bool> = outlets.iter().map(|o| o.len() * 3 <= distinct * 2).collect();
        let seed = rare.iter().zip(&uses).map(|(&r, u)| r && !u.names_participant()).collect();
        Terms { outlets, rare, seed, sents }
    }

    /// Groups `members` (indexes into `sents`) by single linkage through the rare terms other
    /// than `own`: a sentence joins the first sentence of another report that holds one of
    /// them. Groups come in the order of their first member, members in their order.
    fn linked(&self, ctx: &Context<'_>, members: &[usize], own: &[usize]) -> Vec<Vec<usize>> {
        let mut parent: Vec<usize> = (0..members.len()).collect();
        let mut first_of: HashMap<usize, usize> = HashMap::new();
        for (i, &k) in members.iter().enumerate() {
            for &(u, _) in &self.sents[k].2 {
                if own.contains(&u) || !self.rare[u] {
                    continue;
                }
                match first_of.get(&u) {
                    Some(&j)
                        if ctx.canon[self.sents[members[j]].0] != ctx.canon[self.sents[k].0] =>
                    {
                        let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                        parent[a.max(b)] = a.min(b);
                    }
                    Some(_) => {}
                    None => {
                        first_of.insert(u, i);
                    }
                }
            }
        }
        let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, &k) in members.iter().enumerate() {
            let r = root(&mut parent, i);
            groups.entry(r).or_default().push(k);
        }
        groups.into_values().collect()
    }
}

/// Term claims: a term (see [`term_of`]) that at least [`MIN_OUTLETS`] distinct outlets write
/// but no more than two thirds of them (a word every outlet writes is the story's topic, not a
/// fact), and that names no participant. Its sentences are one claim only where they say more alike than the term: two
/// sentences of different reports that hold it are linked when they also share another such
/// rare term (`foam … scaffolding` and `scaffolding … foam`), and each group so linked (by
/// single linkage) that [`MIN_OUTLETS`] outlets carry is a claim, rendered by the first sentence
/// of each article in the group, where no claim already has exactly its outlets.
fn term_claims(ctx: &Context<'_>, terms: &Terms, distinct: usize, taken: &mut Taken) -> Vec<Claim> {
    let sents = &terms.sents;
    // Per term, the sentences holding it, in story order.
    let mut holding: Vec<Vec<usize>> = vec![Vec::new(); terms.outlets.len()];
    for (k, s) in sents.iter().enumerate() {
        for &(id, _) in &s.2 {
            holding[id].push(k);
        }
    }
    let outlets = &terms.outlets;
    let mut order: Vec<usize> =
        (0..outlets.len()).filter(|&t| terms.seed[t] && outlets[t].len() >= MIN_OUTLETS).collect();
    order.sort_by(|&a, &b| outlets[b].len().cmp(&outlets[a].len()).then(a.cmp(&b)));
    let mut out = Vec::new();
    for t in order {
        for group in terms.linked(ctx, &holding[t], &[t]) {
            let mut docs = BTreeSet::new();
            let chosen: Vec<usize> =
                group.into_iter().filter(|&k| docs.insert(sents[k].0)).collect();
            let carried: BTreeSet<usize> = chosen.iter().map(|&k| ctx.canon[sents[k].0]).collect();
            if carried.len() < MIN_OUTLETS {
                continue;
            }
            let head = &sents[chosen[0]];
            let Some(&(_, words)) = head.2.iter().find(|x| x.0 == t) else { continue };
            let claim = super::claim_of_sentences(
                ctx,
                chosen.iter().map(|&k| (sents[k].0, sents[k].1)),
                (head.0, head.1),
                Some(words),
                carried.len(),
                distinct,
            );
            if claim.renderings.is_empty() || !taken.insert(&claim) {
                continue;
            }
            out.push(claim);
        }
    }
    out
}

/// The root of `i` in a union-find forest, paths halved on the way.
fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
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
            article("a", "The ferry to Korvel sank. Divers found a wreck near the harbour wall."),
            article(
                "b",
                "A ferry sank off Korvel. Tomas Vendl said the crossing was calm. A lantern \
                 glowed on the deck.",
            ),
            article(
                "c",
                "Korvel mourns after the ferry sank. Its wreck lies by the harbour mouth.",
            ),
            article(
                "d",
                "The ferry sank in calm water, Tomas Vendl told reporters in Korvel. Her \
                 lantern was sold at auction.",
            ),
            article(
                "e",
                "Rescuers reached the ferry that sank near Korvel. A wreck buoy marks it off the \
                 harbour.",
            ),
            article(
                "f",
                "Tomas Vendl ran the ferry that sank at Korvel for twelve years. The old lantern \
                 shop closed.",
            ),
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
        // Three outlets write `lantern`, each of something else: one rare word is no fact.
        assert!(
            !story.claims.iter().any(|c| c.renderings.len() >= 2
                && c.renderings.iter().all(|r| r.text.contains("lantern"))),
            "{:#?}",
            story.claims
        );
    }

    #[test]
    fn function_words_adverbs_and_sentence_opening_names_are_no_terms() {
        use crate::analysis::Doc;
        use crosscheck_text::Stemmer;
        use foldhash::HashSet;

        let a = article(
            "a",
            "Yesterday Marek reportedly towed the barges. Marek was reported missing yesterday, \
             according to the barges' owners.",
        );
        let d = Doc::new(&a);
        let lower: HashSet<&str> =
            d.words.iter().filter(|w| !w.cap && !w.digit).map(|w| w.key.as_str()).collect();
        let stemmer = Stemmer::new(Lang::EN);
        let term = |text: &str| {
            let w = d.words.iter().find(|w| d.text(w.span) == text).expect(text);
            super::term_of(w, Lang::EN, &stemmer, &lower)
        };
        // A name at the start of a sentence, an adverb of a word of the story, time and
        // function words: no terms.
        assert_eq!(term("Marek"), None);
        assert_eq!(term("reportedly"), None);
        assert_eq!(term("yesterday"), None);
        assert_eq!(term("Yesterday"), None);
        assert_eq!(term("according"), None);
        // Content words are terms, however they open their sentence.
        assert!(term("barges").is_some());
        assert!(term("towed").is_some());
        assert!(term("owners").is_some());
    }

    #[test]
    fn the_same_outlets_writing_other_sentences_make_another_claim() {
        use crate::story::{Claim, ClaimStatus, SourceSpan};
        use crosscheck_core::DocId;

        let claim = |at: &[(&str, u32)]| Claim {
            text: String::new(),
            status: ClaimStatus::Majority,
            articles: at.iter().map(|a| DocId::from(a.0)).collect(),
            renderings: at
                .iter()
                .map(|&(a, start)| SourceSpan {
                    article: DocId::from(a),
                    text: String::new(),
                    start,
                    end: start + 9,
                })
                .collect(),
            support: 2,
            outlets: None,
            origins: None,
            first_seen: None,
            fact: None,
        };
        let mut taken = super::Taken::default();
        assert!(taken.insert(&claim(&[("a", 0), ("b", 40)])));
        // One of its sentences already rendered by the same outlets: nothing new.
        assert!(!taken.insert(&claim(&[("a", 0), ("b", 90)])));
        // The same outlets, other sentences: another fact.
        assert!(taken.insert(&claim(&[("a", 50), ("b", 90)])));
        // Other outlets, a sentence already rendered: another claim too.
        assert!(taken.insert(&claim(&[("a", 0), ("c", 7)])));
    }

    #[test]
    fn a_phrase_written_hyphenated_or_in_the_plural_meets_its_open_form() {
        let arts = [
            article("a", "Orla Senn threw a full set in the opening round. The crowd cheered."),
            article("b", "It was her third full-set win of the week, ending before dusk."),
            article("c", "Senn, who played full sets all spring, lost only once."),
            article("d", "The full moon rose over the arena as the set began."),
        ];
        let story = FuserBuilder::new().build().unwrap().fuse(&StoryInput::new(&arts)).unwrap();
        let claim = story
            .claims
            .iter()
            .find(|c| {
                c.renderings.len() == 3 && c.fact.as_ref().is_some_and(|f| f.text == "full set")
            })
            .expect("a claim for the full set");
        let ids: Vec<&str> = claim.articles.iter().map(crosscheck_core::DocId::as_str).collect();
        // `full moon` and a lone `set` are other words: `d` stays out.
        assert_eq!(ids, ["a", "b", "c"]);
    }

    #[test]
    fn a_term_that_names_a_participant_makes_no_claim() {
        let arts = [
            article("a", "The courier reached the harbour at dawn. Mildew spoiled grain in Velm."),
            article(
                "b",
                "The courier left the harbour at noon. Mildew ruined grain, officials said.",
            ),
            article(
                "c",
                "The courier rode past the harbour gates. Inspectors blamed mildew for grain losses.",
            ),
            article("d", "The courier was paid at the harbour."),
            article("e", "Storms hit Velm overnight."),
            article("f", "Velm counted its losses after the storms."),
            article("g", "Velm reopened its market on Friday."),
        ];
        let story = FuserBuilder::new().build().unwrap().fuse(&StoryInput::new(&arts)).unwrap();
        let fact = |c: &crate::story::Claim| c.fact.as_ref().map(|f| f.text.to_lowercase());
        // `the courier` and `the harbour` are who and where, in sentences of four facts.
        assert!(
            !story.claims.iter().any(|c| matches!(fact(c).as_deref(), Some("courier" | "harbour"))),
            "{:#?}",
            story.claims
        );
        let mildew = story
            .claims
            .iter()
            .find(|c| fact(c).as_deref() == Some("mildew"))
            .expect("a claim for the mildew");
        let ids: Vec<&str> = mildew.articles.iter().map(crosscheck_core::DocId::as_str).collect();
        assert_eq!(ids, ["a", "b", "c"]);
    }
}
