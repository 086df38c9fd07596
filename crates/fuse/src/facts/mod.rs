//! The fact table: every quantity of every sentence (headlines and list items included), read
//! into a fact (what it is about, its attribute, its value as an interval, its source span) and
//! aligned across outlets, so that differing values of one attribute become one typed conflict.
//!
//! # Quantity facts
//!
//! ## What it does
//!
//! Reads each number with its hedge (`nearly`, `more than`), scale (`bn`), unit (`%`, a
//! currency, `hours`, `27 years and three months`) into an interval: exact values by their
//! rounding (`12` is 11.5–12.5, `about 300` 270–330: rounding reaches a tenth at most),
//! `nearly 300` is 270–300, `more than 12` is 12–13, `up to 5` is 4.5–5, `less than a month`
//! 15–30 days, a range `4–5%` is 4–5, a bare `hours after` 1–23 hours. The
//! attribute is what the number counts, from the word lists of the text crate's lexicon (`quantity_concepts` and the other lists
//! named in `lexicon.rs`): the noun
//! after it (`2,000 apartments`), or when that noun is weak (`people`) the nearest concept word
//! after it and then before it (`killing at least 55 people` → dead; `279 residents remain
//! missing` → missing). A percentage is a market move: its direction (`fell`, `up`) and the
//! company or index it is said of (the nearest entity before it, with the entities listed
//! with it). A length of time is keyed by the concepts on both sides (`resigned … 14 hours after
//! unveiling his cabinet`), a tally (`3-2`, and `four of the five` with a vote) by `vote`.
//! Facts of one attribute (and a shared subject) from different outlets form a slot; values
//! whose intervals meet are one side. Two sides that one outlet states both (`34 pitches in
//! Game 7, a day after throwing 96`; `39 of the 128 dead`) are different quantities, not a
//! disagreement, and are merged. A count or sum more than ten times off the value most
//! outlets give is another quantity and leaves the slot (`killing two` beside a toll of
//! 230,000). A bare counted noun (`nine crowns`) makes one slot only between sentences that
//! share its governing word and a third of their content words, and whose agents (the entity
//! named before the number) are not two different ones; it conflicts only when one of its
//! values is given by two outlets or more. A figure that does not roll, given four values or
//! more with at most one of them by two outlets or more, is several figures (the offers of
//! several clubs), not one misreported, and raises nothing. A slot left with two sides is a
//! conflict; a rolling figure (a toll, a market move) is `evolving`, its sides in publication
//! order.
//! Two values of a figure that does not roll, each said of actors and none in common (`police
//! arrested three`, `the commission arrested eight`: see `actors`), are counts of different
//! actors and raise nothing.
//! Numbers that modify or label (`59 - year - old`, `three - story`, `13 - 0`, `0300 GMT` in
//! text whose hyphens stand apart) are no counts.
//!
//! The work stays near linear in a story's size: facts meet through the first fact holding each
//! subject (not pair by pair; a bare noun's facts, which also need shared words, pair by pair
//! but never once in one slot), and the facts that tell which articles state a value are read
//! from an index by attribute, once per side.
//!
//! ## Why
//!
//! Claims and conflicts from one table: the numbers outlets differ on are what a reader needs
//! flagged, and hedges, rounding and different quantities in one sentence are not differences.
//!
//! ## Example
//!
//! `killed at least 44 people` and `the toll rose to 55` are one slot (dead): 44 vs 55;
//! `nearly 300 missing` and `279 missing` agree; `54%` for one company's holders and `46%`
//! for the other's are different subjects.
//!
//! ## Limitations
//!
//! Word order, not a parse: a concept word far from its number is missed, and one in a
//! neighbouring clause can be taken. Subjects are entities only for percentages. A bare noun
//! said in thousands of reports still compares its facts pair by pair until they link. A
//! figure that outlets really scatter on (four values or more, nearly all from one outlet
//! each) is not raised unless it rolls; on ECB+ this removed one conflict (six sums of
//! several contracts), on realnews none.
//!
//! ## References
//!
//! Roy, Vieira and Roth, *Reasoning about Quantities in Natural Language* (TACL 2015).

mod actors;
mod crosslingual;
pub(crate) mod dated;
mod figure_cover;
mod lexicon;
mod participant_terms;
mod phrase_words;
pub(crate) mod phrases;
mod quantity;
mod spaced_thousands;
mod table;
mod token;

pub(crate) use table::{FactTable, Place};

use std::collections::BTreeSet;

use crosscheck_core::Span;

use crate::analysis::Context;
use crate::story::{Claim, ClaimStatus, SourceSpan};

/// A claim whose renderings are the sentences `sents` (document, sentence) of the story, in
/// that order, whose text is sentence `text_at` and whose fact the words `fact` (a text span of
/// that sentence), carried by `outlets` of the story's `distinct` reports. A sentence whose
/// span does not map back to the raw input is left out, and so is one of another language than
/// `text_at` that does not carry its anchors (see [`crosslingual`]): the outlets it alone
/// brought are then not counted.
fn claim_of_sentences(
    ctx: &Context<'_>,
    sents: impl IntoIterator<Item = (usize, usize)>,
    text_at: (usize, usize),
    fact: Option<Span>,
    outlets: usize,
    distinct: usize,
) -> Claim {
    let mut renderings = Vec::new();
    let mut articles = Vec::new();
    let own = ctx.docs[text_at.0].article.language;
    // Read only once a sentence of another language comes.
    let mut across: Option<(crosslingual::Shared, crosslingual::Anchors)> = None;
    let mut kept = BTreeSet::new();
    let mut dropped = BTreeSet::new();
    for (di, si) in sents {
        let d = &ctx.docs[di];
        // A sentence of another language renders the claim only when it carries its anchors.
        if d.article.language != own {
            let (shared, anchors) = across.get_or_insert_with(|| {
                let shared = crosslingual::Shared::of(ctx);
                let anchors = crosslingual::Anchors::of(ctx, text_at.0, text_at.1, &shared);
                (shared, anchors)
            });
            if !anchors.agrees(&crosslingual::Anchors::of(ctx, di, si, shared)) {
                dropped.insert(ctx.canon[di]);
                continue;
            }
        }
        kept.insert(ctx.canon[di]);
        if let Some(span) = SourceSpan::from_text(d.article, d.sents[si].span) {
            renderings.push(span);
            articles.push(d.article.id.clone());
        }
    }
    let outlets = outlets.saturating_sub(dropped.difference(&kept).count());
    let d = &ctx.docs[text_at.0];
    let sentence = d.sents[text_at.1].span;
    // Only words of the sentence, and fewer than all of them, are its fact.
    let fact = fact
        .filter(|f| sentence.start <= f.start && f.end <= sentence.end && *f != sentence)
        .and_then(|f| SourceSpan::from_text(d.article, f));
    Claim {
        text: d.text(sentence).to_string(),
        status: ClaimStatus::of_support(outlets, distinct),
        articles,
        renderings,
        support: u32::try_from(outlets).unwrap_or(u32::MAX),
        outlets: None,
        origins: None,
        first_seen: None,
        fact,
    }
}
