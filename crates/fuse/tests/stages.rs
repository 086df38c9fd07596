//! Quotes, conflicts and the timeline through the public fuser, on small invented stories.

use crosscheck_core::{Article, Lang};
use crosscheck_fuse::{ClaimStatus, ConflictKind, FusedStory, Fuser, FuserBuilder, StoryInput};
use proptest::strategy::Strategy;

fn article(id: &str, published: Option<&str>, text: &str) -> Article {
    Article {
        published: published.map(|d| d.parse().unwrap()),
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

/// A ferry story in three reports (Thursday 4 June 2026, Friday 5 June 2026, undated): the
/// casualty count and the day of the sinking differ, one quote is given to two people.
fn ferry() -> Vec<Article> {
    vec![
        article(
            "north",
            Some("2026-06-04"),
            "The ferry Lindholm Star sank off the island of Varsö on Wednesday evening after striking a reef. Nine people were injured, the coast guard said. About 4,000 tonnes of cargo went down with it.\n\n\"Every passenger is accounted for and we thank the fishermen who came to help,\" harbour master Ines Valdor said.\n\nFisheries Minister Oskar Lind ordered an inquiry.",
        ),
        article(
            "south",
            Some("2026-06-05"),
            "The ferry Lindholm Star went down off Varsö on Tuesday evening when it struck a reef. Officials said 11 people were injured. Some 4 000 tonnes of cargo sank.\n\n“All passengers are accounted for, and we are grateful to the fishermen who helped,” said Mats Berglund, the regional governor.\n\nFisheries Minister Oskar Lind has ordered an inquiry.",
        ),
        article(
            "east",
            None,
            "Rescuers said nine people were hurt when the ferry Lindholm Star hit a reef off Varsö and sank. The harbour master, Ines Valdor, said: “Every passenger is accounted for, and we thank the fishermen who came to help.” The wreck will be raised in early July.",
        ),
    ]
}

#[test]
fn quotes_group_renderings_and_flag_attribution() {
    let story = fuse(&ferry());
    let q = story
        .quotes
        .iter()
        .find(|q| q.renderings.iter().any(|r| r.text.contains("fishermen")))
        .expect("the fishermen quote");
    assert_eq!(q.renderings.len(), 3, "{q:?}");
    assert_eq!(q.speaker.as_deref(), Some("Ines Valdor"));
    assert!(!q.anonymous);
    let k = story
        .conflicts
        .iter()
        .find(|k| k.kind == ConflictKind::Attribution)
        .expect("an attribution conflict");
    let values: Vec<&str> = k.sides.iter().map(|s| s.value.as_str()).collect();
    assert_eq!(values, ["Ines Valdor", "Mats Berglund"]);
    assert_eq!(k.sides[1].articles, ["south".into()] as [crosscheck_core::DocId; 1]);
}

#[test]
fn numbers_conflict_only_when_intervals_do_not_meet() {
    let story = fuse(&ferry());
    let numbers: Vec<_> =
        story.conflicts.iter().filter(|k| k.kind == ConflictKind::Number).collect();
    assert_eq!(numbers.len(), 1, "{numbers:#?}");
    let k = numbers[0];
    let sides: Vec<(&str, Vec<&str>)> = k
        .sides
        .iter()
        .map(|s| {
            (s.value.as_str(), s.articles.iter().map(crosscheck_core::DocId::as_str).collect())
        })
        .collect();
    assert_eq!(sides, [("9", vec!["north", "east"]), ("11", vec!["south"])]);
    assert!(k.sides[0].evidence.iter().any(|e| e.text == "Nine people were injured"));
    // The claim that carries a side is disputed.
    let c = story.claims.iter().find(|c| c.text.contains("people were injured")).unwrap();
    assert_eq!(c.status, ClaimStatus::Disputed);
}

#[test]
fn dates_conflict_as_intervals() {
    let story = fuse(&ferry());
    let dates: Vec<_> = story.conflicts.iter().filter(|k| k.kind == ConflictKind::Date).collect();
    assert_eq!(dates.len(), 1, "{dates:#?}");
    let values: Vec<&str> = dates[0].sides.iter().map(|s| s.value.as_str()).collect();
    assert!(values.contains(&"2026-06-03") && values.contains(&"2026-06-02"), "{values:?}");
    assert!(
        !story.conflicts.iter().any(|k| k.kind == ConflictKind::Role),
        "{:#?}",
        story.conflicts
    );
}

#[test]
fn same_day_in_other_words_is_no_conflict() {
    // Sunday 12 March 2023 and a report of the Monday after.
    let a = article(
        "a",
        Some("2023-03-12"),
        "Voters in Kessling elected Marta Holm as mayor on Sunday, the election board said.",
    );
    let b = article(
        "b",
        Some("2023-03-13"),
        "Marta Holm was elected mayor of Kessling on March 12, the election board said. The new council meets in early April.",
    );
    let c = article(
        "c",
        Some("2023-03-14"),
        "The new Kessling council meets on April 4, Marta Holm said.",
    );
    let story = fuse(&[a, b, c]);
    assert!(story.conflicts.is_empty(), "{:#?}", story.conflicts);
    let day = story.timeline.iter().find(|t| t.date == "2023-03-12").expect("the election day");
    assert_eq!(day.articles.len(), 2, "one entry for both reports: {:#?}", story.timeline);
    assert!(!day.inferred);
}

#[test]
fn timeline_is_absolute_sorted_and_inferred_for_undated() {
    let story = fuse(&ferry());
    let dates: Vec<&str> = story.timeline.iter().map(|t| t.date.as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort_unstable();
    assert_eq!(dates, sorted);
    // The undated report's "early July" is resolved against the story's date.
    let july = story.timeline.iter().find(|t| t.date == "2026-07-01/2026-07-10").unwrap();
    assert!(july.inferred);
    assert_eq!(july.evidence[0].text, "early July");
    let wed = story.timeline.iter().find(|t| t.date == "2026-06-03").unwrap();
    assert!(!wed.inferred && wed.text.contains("Wednesday evening"));
}

#[test]
fn spelling_variants_are_not_conflicts() {
    let a = article(
        "a",
        Some("2025-02-10"),
        "Prime Minister Yevgeny Kharlamov opened the new metro line in Tbilisi on Monday. The 12-kilometre line cost 300 million lari.",
    );
    let b = article(
        "b",
        Some("2025-02-10"),
        "Prime Minister Evgeni Charlamov opened the new metro line in Tbilisi on Monday. The 12-kilometer line cost about 300 million lari.",
    );
    let story = fuse(&[a, b]);
    assert!(story.conflicts.is_empty(), "{:#?}", story.conflicts);
}

#[test]
fn one_role_two_people_is_a_role_conflict() {
    let a = article(
        "a",
        Some("2025-05-02"),
        "Norvessan Finance Minister Hedda Aalberg presented the budget to parliament on Friday.",
    );
    let b = article(
        "b",
        Some("2025-05-02"),
        "Norvessan Finance Minister Ruben Stokke presented the budget to parliament on Friday.",
    );
    let story = fuse(&[a, b]);
    let roles: Vec<_> = story.conflicts.iter().filter(|k| k.kind == ConflictKind::Role).collect();
    assert_eq!(roles.len(), 1, "{:#?}", story.conflicts);
    assert_eq!(roles[0].sides.len(), 2);
}

proptest::proptest! {
    /// Texts made of the words the quote, date and number rules react to never panic, and
    /// every span they yield slices the raw content.
    #[test]
    fn never_panics_and_spans_slice_back(
        texts in proptest::collection::vec(
            proptest::collection::vec(
                proptest::sample::select(vec![
                    "on", "Monday", "Sunday", "early", "June", "March", "12", "14", "40,000", "40 000",
                    "about", "more", "than", "people", "were", "injured", "hurt", "said", "told", "\"",
                    "“", "”", "«", "»", ":", ",", ".", "Mayor", "Anna", "Kovalenko", "Kowalenko",
                    "she", "he", "yesterday", "last", "week", "the", "bridge", "ferry", "sank",
                    "Finance", "Minister", "1974", "04:40", "80-metre", "a", "senior", "official",
                ]),
                0..60,
            )
            .prop_map(|w| w.join(" ")),
            1..4,
        ),
        dated in proptest::collection::vec(proptest::bool::ANY, 4),
    ) {
        let arts: Vec<Article> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| article(&format!("p{i}"), dated[i].then_some("2026-03-11"), t))
            .collect();
        let story = FuserBuilder::new().build().unwrap().fuse(&StoryInput::new(&arts)).unwrap();
        for s in story.spans() {
            let raw = &arts.iter().find(|a| a.id == s.article).unwrap().raw;
            proptest::prop_assert_eq!(raw.get(s.start as usize..s.end as usize), Some(s.text.as_str()));
        }
        for k in &story.conflicts {
            proptest::prop_assert!(k.sides.len() >= 2);
        }
    }
}
