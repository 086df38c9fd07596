//! Statements that can both be true, or that are about different things, are not conflicts:
//! regressions for the false positives found by `fuse_eval` on unseen real stories (the cases
//! here are invented, in the shapes those stories showed).

use crosscheck_core::{Article, Lang};
use crosscheck_fuse::{Conflict, ConflictKind, FusedStory, Fuser, FuserBuilder, StoryInput};

fn article(id: &str, published: &str, text: &str) -> Article {
    Article {
        published: Some(published.parse().unwrap()),
        language: Lang::EN,
        ..Article::from_text(id, text)
    }
}

fn conflicts(arts: &[Article], kind: ConflictKind) -> Vec<Conflict> {
    let story: FusedStory =
        FuserBuilder::new().build().unwrap().fuse(&StoryInput::new(arts)).unwrap();
    story.conflicts.into_iter().filter(|k| k.kind == kind).collect()
}

#[test]
fn the_day_a_statement_was_made_dates_no_event() {
    // Both reports date the fire to Friday 8 May; one reports the police statement of Saturday.
    let arts = [
        article(
            "a",
            "2026-05-09",
            "The warehouse fire in Tolven broke out on Friday night, police said Saturday.",
        ),
        article(
            "b",
            "2026-05-09",
            "The warehouse fire in Tolven broke out late on Friday, fire crews said.",
        ),
        article(
            "c",
            "2026-05-10",
            "Police said on Saturday that the warehouse fire in Tolven was started deliberately.",
        ),
    ];
    assert!(conflicts(&arts, ConflictKind::Date).is_empty());
}

#[test]
fn a_quoted_today_is_the_speakers() {
    let arts = [
        article(
            "a",
            "2026-05-09",
            "The council voted on Friday to close the bridge to lorries, officials said.",
        ),
        article(
            "b",
            "2026-05-11",
            "\u{201c}The council voted today to close the bridge to lorries,\u{201d} the mayor wrote in a post.",
        ),
    ];
    assert!(conflicts(&arts, ConflictKind::Date).is_empty());
}

#[test]
fn a_bound_and_a_decade_are_intervals() {
    let arts = [
        article(
            "a",
            "2026-05-09",
            "The clinic, founded in the 1980s by two nurses, serves the whole valley.",
        ),
        article(
            "b",
            "2026-05-09",
            "The clinic, founded in 1987 by two nurses, serves the whole valley.",
        ),
        article(
            "c",
            "2026-05-09",
            "The clinic has served the whole valley since 1985, founded by two nurses.",
        ),
    ];
    assert!(conflicts(&arts, ConflictKind::Date).is_empty());
}

#[test]
fn counts_of_different_things_are_not_compared() {
    // Same noun and predicate, different facts: a season and a career.
    let arts = [
        article(
            "a",
            "2026-05-09",
            "Okafor scored in 12 games with the Harriers this season before the injury ended his spring.",
        ),
        article(
            "b",
            "2026-05-09",
            "Over nine years Okafor played 240 games with the Harriers and became their captain in the cup era.",
        ),
    ];
    assert!(conflicts(&arts, ConflictKind::Number).is_empty());
}

#[test]
fn ages_addresses_times_and_parts_are_not_counts() {
    let arts = [
        article(
            "a",
            "2026-05-09",
            "Dana Reyes, 34, was found at the 1200 block of Elm Street at 9 p.m. with three other hikers.",
        ),
        article(
            "b",
            "2026-05-09",
            "Dana Reyes, 36, was found at the 1400 block of Elm Street at 11 p.m. with seven hikers.",
        ),
    ];
    let k = conflicts(&arts, ConflictKind::Number);
    assert!(k.iter().all(|k| !k.topic.contains("block") && !k.topic.contains("other")), "{k:#?}");
    assert!(k.iter().all(|k| k.sides.iter().all(|s| s.value != "34" && s.value != "9")), "{k:#?}");
}

#[test]
fn rounded_millions_meet_their_hedges() {
    let arts = [
        article(
            "a",
            "2026-05-09",
            "Over 2.5 million people were eligible to vote in the referendum.",
        ),
        article(
            "b",
            "2026-05-09",
            "Some 2.5 million people were eligible to vote in the referendum on Sunday.",
        ),
        article(
            "c",
            "2026-05-09",
            "About 2.5 million people were eligible to vote in the referendum.",
        ),
    ];
    assert!(conflicts(&arts, ConflictKind::Number).is_empty());
}

#[test]
fn many_people_hold_a_rank_at_once() {
    let arts = [
        article("a", "2026-05-09", "Police Sergeant Mara Olsen said the road would stay closed."),
        article(
            "b",
            "2026-05-09",
            "Police Sergeant Ivo Brandt said the road would stay closed overnight.",
        ),
    ];
    assert!(conflicts(&arts, ConflictKind::Role).is_empty());
}

#[test]
fn a_sole_office_given_to_two_people_is_a_conflict() {
    let arts = [
        article(
            "a",
            "2026-05-09",
            "Veldian Interior Minister Mara Olsen ordered an inquiry into the collapse.",
        ),
        article(
            "b",
            "2026-05-09",
            "Veldian Interior Minister Ivo Brandt ordered an inquiry into the collapse on Friday.",
        ),
    ];
    assert_eq!(conflicts(&arts, ConflictKind::Role).len(), 1);
}
