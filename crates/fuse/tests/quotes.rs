//! Quote speakers across a story: pronouns resolve to a person the text allows. Invented
//! stories.

use crosscheck_core::{Article, Lang};
use crosscheck_fuse::{FusedStory, Fuser, FuserBuilder, StoryInput};

fn article(id: &str, lang: Lang, text: &str) -> Article {
    Article { language: lang, ..Article::from_text(id, text) }
}

fn fuse(arts: &[Article]) -> FusedStory {
    FuserBuilder::new().build().unwrap().fuse(&StoryInput::new(arts)).unwrap()
}

/// The speaker of the quote whose text contains `needle`.
fn speaker_of(story: &FusedStory, needle: &str) -> Option<String> {
    story
        .quotes
        .iter()
        .find(|q| q.renderings.iter().any(|r| r.text.contains(needle)))
        .unwrap_or_else(|| panic!("no quote {needle:?}: {:#?}", story.quotes))
        .speaker
        .clone()
}

#[test]
fn she_said_skips_the_man_named_last() {
    let arts = [
        article(
            "a",
            Lang::EN,
            "Ms Ilse Varga, the harbour master, met the shipping agent Tomas Brandt on Monday. \
             Brandt told reporters he would wait for the survey.\n\n\
             She said: “The channel stays closed until the buoys are back.”",
        ),
        article(
            "b",
            Lang::EN,
            "Harbour master Ilse Varga closed the channel on Monday. She said the buoys had drifted. \
             Tomas Brandt said his ships would anchor outside.",
        ),
    ];
    let story = fuse(&arts);
    assert_eq!(speaker_of(&story, "buoys are back").as_deref(), Some("Ilse Varga"));
}

#[test]
fn he_said_still_goes_to_the_nearest_man() {
    let arts = [article(
        "a",
        Lang::EN,
        "Ms Ilse Varga closed the channel on Monday. Mr Tomas Brandt met her at the quay.\n\n\
         He said: “My ships will anchor outside the breakwater.”",
    )];
    let story = fuse(&arts);
    assert_eq!(speaker_of(&story, "anchor outside").as_deref(), Some("Tomas Brandt"));
}
