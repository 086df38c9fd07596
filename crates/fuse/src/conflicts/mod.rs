//! Conflicts: where the outlets of one story contradict each other, typed and tied to the
//! sentences that say so.
//!
//! Each rule below finds one kind of [`Conflict`]. All of them compare only articles that are
//! distinct reports (a near-copy never contradicts its original on its own), and all of them
//! treat statements that can both be true (`about 40,000` and `40 000`, `early June` and `June 4`,
//! `Hrabchenko` and `Grabchenko`) as agreement. A claim that carries a conflict's evidence is
//! then marked `disputed`.
//!
//! # Overview
//!
//! One module per conflict kind, each with its heuristic documented in the ruff template:
//! - numbers and evolving figures: different values for one quantity, from the fact table
//!   ([`crate::facts`]), values told of different occurrences left out ([`occurrences`]);
//! - [`dates`]: different dates for one event, not steps of the story told alike
//!   ([`date_steps`]) nor of different occurrences told alike ([`occurrences`]);
//! - [`dated_events`]: different days for an event that happens once to its subject (a
//!   sentencing, a resignation);
//! - [`roles`]: different offices for one person, or one office for different people;
//! - [`attribution`]: one quote given to different speakers;
//! - [`places`]: the same slot of one event (where; `inspired by` whom) filled with different
//!   entities (`place` and `other` conflicts);
//! - [`tallies`]: different results (a score, a vote) in the leads, in any language;
//! - [`categories`]: one entity given two values of a closed category (a `single` and a
//!   `home run`);
//! - [`results`]: one numbered part of an event (`Game 6`) given different scores;
//! - [`scope`]: one agent's action told whole and partial (`acquit the defendant`, `acquit on
//!   some counts`);
//! - [`frames`]: the same words around different names (`the recent Orsk accord`, `the recent
//!   Velm accord`);
//! - [`ordinals`]: one possessor's running count given two ordinals (`their ninth title`,
//!   `their seventh title`);
//! - [`common`]: what they share (facts, sides, clauses).

mod attribution;
mod categories;
mod common;
mod date_steps;
mod dated_events;
mod dates;
mod frames;
mod occurrences;
mod ordinals;
mod places;
mod results;
mod roles;
mod scope;
mod tallies;

use crate::analysis::Context;
use crate::analysis::events::Lexicon;
use crate::facts::FactTable;
use crate::quotes::attribution::{Quotes, SpeakerIndex};
use crate::story::{Conflict, ConflictKind, SourceSpan};
use crate::timeline::Dated;

/// Finds every conflict of a story, kind by kind.
pub(crate) fn find(
    ctx: &Context<'_>,
    dated: &[Dated],
    lexicon: &Lexicon,
    quotes: &Quotes,
    speakers: &SpeakerIndex,
    facts: &FactTable,
) -> Vec<Conflict> {
    // Numbers come from the fact table (see `crate::facts`).
    let occurrences = occurrences::Occurrences::new(ctx);
    let mut out = facts.conflicts(ctx, &|a, b| occurrences.places_apart(ctx, a, b));
    let steps = date_steps::Steps::new(ctx, facts);
    out.extend(dates::find(ctx, dated, &steps, &occurrences));
    // A dated event the date rule already found is not raised twice.
    for c in dated_events::find(ctx, dated, &steps) {
        let told = |e: &SourceSpan| {
            out.iter().any(|o| {
                o.kind == ConflictKind::Date
                    && o.sides.iter().flat_map(|s| &s.evidence).any(|x| x == e)
            })
        };
        if !c.sides.iter().flat_map(|s| &s.evidence).all(told) {
            out.push(c);
        }
    }
    out.extend(roles::find(ctx, lexicon));
    out.extend(places::find(ctx, lexicon));
    out.extend(attribution::find(ctx, quotes, speakers));
    out.extend(tallies::find(ctx));
    out.extend(categories::find(ctx));
    out.extend(ordinals::find(ctx));
    out.extend(results::find(ctx));
    out.extend(scope::find(ctx));
    out.extend(frames::find(ctx));
    out
}
