//! Place and alternative-value conflicts through the public fuser, on small invented stories.

use crosscheck_core::{Article, Lang};
use crosscheck_fuse::{ConflictKind, FusedStory, Fuser, FuserBuilder, StoryInput};

fn article(id: &str, text: &str) -> Article {
    Article {
        published: Some("2026-05-06".parse().unwrap()),
        language: Lang::EN,
        ..Article::from_text(id, text)
    }
}

fn fuse(arts: &[Article]) -> FusedStory {
    let story = FuserBuilder::new().build().unwrap().fuse(&StoryInput::new(arts)).unwrap();
    for s in story.spans() {
        let a = arts.iter().find(|a| a.id == s.article).unwrap();
        assert_eq!(a.raw.get(s.start as usize..s.end as usize), Some(s.text.as_str()));
    }
    story
}

fn sides(story: &FusedStory, kind: ConflictKind) -> Vec<Vec<String>> {
    story
        .conflicts
        .iter()
        .filter(|k| k.kind == kind)
        .map(|k| k.sides.iter().map(|s| s.value.clone()).collect())
        .collect()
}

#[test]
fn one_landslide_placed_in_two_towns() {
    let story = fuse(&[
        article(
            "a",
            "A landslide buried twelve houses in Verrano on Tuesday night after days of heavy rain, the regional governor said.",
        ),
        article(
            "b",
            "A landslide buried a row of houses in Castelmonte on Tuesday night after heavy rain, rescue teams said.",
        ),
        article(
            "c",
            "Heavy rain set off a landslide that buried houses in Verrano on Tuesday night.",
        ),
    ]);
    assert_eq!(
        sides(&story, ConflictKind::Place),
        [["Verrano", "Castelmonte"]],
        "{:#?} {:#?}",
        story.conflicts,
        story.entities.iter().map(|e| (&e.name, e.kind)).collect::<Vec<_>>()
    );
}

#[test]
fn a_town_and_its_region_named_together_agree() {
    let story = fuse(&[
        article(
            "a",
            "A landslide buried twelve houses in Verrano on Tuesday night after days of heavy rain.",
        ),
        article(
            "b",
            "A landslide buried a row of houses in Montaldia on Tuesday night after heavy rain. Verrano, a village in the hills of Montaldia, was cut off.",
        ),
    ]);
    assert!(sides(&story, ConflictKind::Place).is_empty(), "{:#?}", story.conflicts);
}

#[test]
fn one_design_credited_to_two_architects() {
    let story = fuse(&[
        article(
            "a",
            "The new opera house, whose curved roof was inspired by Lena Kessler, opens in June with a gala concert.",
        ),
        article(
            "b",
            "The new opera house, whose curved roof was inspired by Tomas Marrow, opens in June with a gala.",
        ),
    ]);
    assert_eq!(
        sides(&story, ConflictKind::Other),
        [["Lena Kessler", "Tomas Marrow"]],
        "{:#?}",
        story.conflicts
    );
    // Two different places in unrelated sentences are no conflict.
    assert!(sides(&story, ConflictKind::Place).is_empty());
}

#[test]
fn spellings_of_one_name_are_not_alternatives() {
    let story = fuse(&[
        article(
            "a",
            "The new opera house, whose curved roof was inspired by Lena Kovalenko, opens in June.",
        ),
        article(
            "b",
            "The new opera house, whose curved roof was inspired by Lena Kowalenko, opens in June.",
        ),
    ]);
    assert!(story.conflicts.is_empty(), "{:#?}", story.conflicts);
}
