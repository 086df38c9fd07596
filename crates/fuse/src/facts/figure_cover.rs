//! Covering figures: a hedged or rounded figure's claim also gathers the outlets of the more
//! precise figures it covers.
//!
//! ## What it does
//!
//! Figure claims group the numbers written with one unit and one value. A group of money, a
//! percentage or a length of time covers another group of the same unit when the other's value
//! lies in its interval (its hedge and rounding: `almost $49 billion` is 44.1–49 billion) and
//! the other is written more precisely (its most precise statement is narrower: `$48.7 billion`
//! is 48.65–48.75 billion). The covering group's claim then also renders, for each outlet it
//! lacks, the sentence of a covered group.
//!
//! ## Why
//!
//! Outlets round and hedge one figure: `$48.7 billion`, `almost $49 billion`, `27 days` and
//! `less than a month`. Grouped by value alone, the rounded figure's outlet stands alone (no
//! claim at all when one outlet writes it), although every outlet that gives the precise
//! value states it too.
//!
//! ## Example
//!
//! `worth almost $49 billion` (one outlet) and `valued at $48.7 billion` (three) make a claim
//! of `almost $49 billion` carried by all four; the claim of `$48.7 billion` keeps its three.
//!
//! ## Limitations
//!
//! A figure is a number of a unit, whatever it is said of: a hedged figure can cover a precise
//! figure of something else of a similar size. Counts and tallies are left out (`about 300`
//! would cover every count near it).
//!
//! ## References
//!
//! Quantity entailment: Roy, Vieira and Roth, *Reasoning about Quantities in Natural
//! Language* (TACL 2015).

use super::quantity::Class;

/// What covering reads of one figure group: its unit, its value, the widest interval a member
/// gives it and the width of the narrowest.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Reach {
    pub(super) class: Class,
    pub(super) value: f64,
    pub(super) lo: f64,
    pub(super) hi: f64,
    /// The width of its most precise statement.
    pub(super) precision: f64,
}

/// Per group, the groups it covers (indexes into `groups`, ascending).
pub(super) fn covered(groups: &[Reach]) -> Vec<Vec<usize>> {
    // Per unit, the groups by value, so that each interval is a range of them.
    let mut order: Vec<usize> =
        (0..groups.len()).filter(|&i| covering_unit(&groups[i].class)).collect();
    order.sort_by(|&a, &b| {
        (&groups[a].class, groups[a].value)
            .partial_cmp(&(&groups[b].class, groups[b].value))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut out = vec![Vec::new(); groups.len()];
    for &g in &order {
        let r = &groups[g];
        let from =
            order.partition_point(|&h| (&groups[h].class, groups[h].value) < (&r.class, r.lo));
        let mut list: Vec<usize> = order[from..]
            .iter()
            .copied()
            .take_while(|&h| groups[h].class == r.class && groups[h].value <= r.hi)
            .filter(|&h| h != g && groups[h].value >= r.lo && groups[h].precision < r.precision)
            .collect();
        list.sort_unstable();
        out[g] = list;
    }
    out
}

/// Whether figures of this unit are rounded and hedged forms of one another (not counts).
fn covering_unit(c: &Class) -> bool {
    matches!(c, Class::Money(_) | Class::Percent | Class::Duration)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reach(class: Class, value: f64, lo: f64, hi: f64, precision: f64) -> Reach {
        Reach { class, value, lo, hi, precision }
    }

    #[test]
    fn a_hedged_figure_covers_the_precise_one_it_holds() {
        let usd = || Class::Money("usd".into());
        let groups = [
            reach(usd(), 49.0, 44.1, 49.0, 4.9),
            reach(usd(), 48.7, 43.8, 53.6, 0.1),
            reach(usd(), 40.0, 39.5, 40.5, 1.0),
            reach(Class::Percent, 48.7, 48.65, 48.75, 0.1),
        ];
        let c = covered(&groups);
        assert_eq!(c[0], [1]);
        // The precise figure covers nothing, however widely one outlet hedged it.
        assert!(c[1].is_empty() && c[2].is_empty() && c[3].is_empty());
    }

    #[test]
    fn counts_and_tallies_cover_nothing() {
        let groups = [
            reach(Class::Count, 300.0, 270.0, 300.0, 30.0),
            reach(Class::Count, 279.0, 278.5, 279.5, 1.0),
            reach(Class::Tally, 5004.0, 5004.0, 5004.0, 0.0),
        ];
        assert!(covered(&groups).iter().all(Vec::is_empty));
    }

    #[test]
    fn the_claim_of_a_rounded_sum_is_carried_by_the_outlets_of_the_precise_one() {
        use crate::{Fuser, FuserBuilder, StoryInput};
        use crosscheck_core::{Article, Lang};
        let arts: Vec<Article> = [
            ("a", "Ostmarr bought the port for almost $49 billion on Monday."),
            ("b", "The port deal was valued at $48.7 billion, officials said."),
            ("c", "Analysts called the $48.7 billion price steep."),
            ("d", "A rival bid of $40 billion failed in March."),
        ]
        .iter()
        .map(|(id, t)| Article { language: Lang::EN, ..Article::from_text(*id, t) })
        .collect();
        let story = FuserBuilder::new().build().unwrap().fuse(&StoryInput::new(&arts)).unwrap();
        let rounded = story
            .claims
            .iter()
            .find(|c| c.fact.as_ref().is_some_and(|f| f.text.starts_with("almost $49 billion")))
            .expect("a claim for the rounded sum");
        let ids: Vec<&str> = rounded.articles.iter().map(crosscheck_core::DocId::as_str).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        // The precise sum covers nothing: its claim keeps its own outlets.
        assert!(story.claims.iter().all(|c| {
            !c.fact.as_ref().is_some_and(|f| f.text.starts_with("$48.7 billion"))
                || c.articles.iter().all(|a| a.as_str() != "a")
        }));
    }
}
