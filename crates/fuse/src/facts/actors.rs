//! Who did what a count counts: counts of one action by different actors are different counts.
//!
//! ## What it does
//!
//! A count that is the object of its concept word (`police arrested three`, `the commission
//! has detained eight`) gets an actor: the name the story's entities know ending right before
//! the verb and its function words (`has`, `have been`), a parenthesised short form passed
//! over (`the Velm Commission (VC) has arrested`), else the word there when it is a content
//! word (`police`). A count of a figure that does not roll, whose two values are each said of
//! actors and of no actor in common, is two counts, not a disagreement (see the fact table).
//!
//! ## Why
//!
//! Several agencies act in one story: the police arrested three men, the anti-graft commission
//! eight people. Read as one `arrested` figure they made a false conflict.
//!
//! ## Example
//!
//! `Police have arrested three men over the Orsk crash` and `The Velm Commission has arrested
//! eight people over the Orsk crash`: no conflict. `Police have arrested three men` and
//! `police arrested five men`: a conflict.
//!
//! ## Limitations
//!
//! The actor is the word before the verb, not a parsed subject: two words for one actor
//! (`police`, `officers`) are two actors. A passive count (`three men were arrested`) has no
//! actor and stays comparable with every other. Rolling figures (a toll: `the quake killed
//! 10`, `the earthquake killed 12`) get no actor.
//!
//! ## References
//!
//! Roy, Vieira and Roth, *Reasoning about Quantities in Natural Language* (TACL 2015), on the
//! verb a quantity is the argument of.

use crosscheck_core::Span;

use super::lexicon::Lexicon;
use super::quantity::Tok;

/// The most function words between an actor and its verb (`has been`, `have now`).
const GAP: usize = 3;

/// Who did what a count counts.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Actor {
    /// A name the story's entities know.
    Entity(u32),
    /// A content word, lowercase (`police`).
    Word(String),
}

/// The actor of the count that starts at token `at`, when its concept word is token `verb`,
/// right before it (`arrested three`).
pub(super) fn actor(
    toks: &[Tok],
    at: usize,
    verb: usize,
    ents: &[(Span, u32)],
    lx: &Lexicon,
) -> Option<Actor> {
    if verb + 1 != at || verb == 0 {
        return None;
    }
    let mut j = verb - 1;
    let mut skipped = 0;
    loop {
        let t = &toks[j];
        if t.word && lx.is_function(&t.lower) && skipped < GAP {
            skipped += 1;
        } else if t.lower == ")" {
            // A short form in parentheses: the name before it.
            j = (0..j).rev().find(|&k| toks[k].lower == "(")?;
        } else {
            break;
        }
        j = j.checked_sub(1)?;
    }
    let t = &toks[j];
    if let Some(&(_, e)) = ents.iter().find(|(s, _)| s.end as usize == t.end) {
        return Some(Actor::Entity(e));
    }
    (t.word && !lx.is_function(&t.lower) && lx.number(&t.lower).is_none())
        .then(|| Actor::Word(t.lower.clone()))
}
