//! Claim alignment: paraphrases of one fact across outlets become one claim; sentences that
//! only look alike do not. Invented stories, in the shapes real coverage takes.

use crosscheck_core::{Article, Lang};
use crosscheck_fuse::{Claim, FusedStory, Fuser, FuserBuilder, StoryInput};

/// Other news each outlet carries around the fact under test, so that word rarity in the
/// story means what it means in a real one.
const AROUND: [&str; 4] = [
    "The regional council will publish its budget for the coming year next month. Farmers in the valley have asked for help with the cost of feed. A new library opened in the old customs house.",
    "Local elections are due in the autumn, and three parties have named candidates. The football club sold its stadium to a developer. Bakers warned that flour prices keep rising.",
    "A jazz festival drew record crowds to the harbour square. The university plans a new engineering faculty. Drivers complained about potholes on the coast road.",
    "The weather office expects a dry summer. A museum returned two paintings to their owners. Commuters asked for later trains on weekends.",
];

fn article(id: &str, published: &str, text: &str) -> Article {
    let n = id.bytes().map(usize::from).sum::<usize>() % AROUND.len();
    let text = format!("{text}\n\n{}", AROUND[n]);
    Article {
        published: Some(published.parse().unwrap()),
        language: Lang::EN,
        ..Article::from_text(id, &text)
    }
}

fn fuse(arts: &[Article]) -> FusedStory {
    FuserBuilder::new().build().unwrap().fuse(&StoryInput::new(arts)).unwrap()
}

/// The claim holding a rendering that contains `needle`.
fn claim<'a>(story: &'a FusedStory, needle: &str) -> &'a Claim {
    story
        .claims
        .iter()
        .find(|c| c.renderings.iter().any(|r| r.text.contains(needle)))
        .unwrap_or_else(|| panic!("no claim renders {needle:?}: {:#?}", story.claims))
}

fn together(story: &FusedStory, a: &str, b: &str) -> bool {
    std::ptr::eq(claim(story, a), claim(story, b))
}

#[test]
fn negated_paraphrases_are_one_claim_and_not_their_opposite() {
    let arts = [
        article(
            "a",
            "2026-04-02",
            "A fire swept through the Merrow textile mill overnight. Nobody was killed.",
        ),
        article(
            "b",
            "2026-04-02",
            "Flames gutted the Merrow textile mill on Wednesday night. No one died.",
        ),
        article(
            "c",
            "2026-04-03",
            "The Merrow textile mill burned down overnight. Two workers were killed.",
        ),
    ];
    let story = fuse(&arts);
    assert!(together(&story, "Nobody was killed.", "No one died."));
    assert!(!together(&story, "Nobody was killed.", "Two workers were killed."));
}

#[test]
fn unhurt_is_not_hurt() {
    let arts = [
        article(
            "a",
            "2026-04-02",
            "All nine passengers of the cable car were unhurt, the operator said.",
        ),
        article("b", "2026-04-02", "None of the nine passengers of the cable car was hurt."),
    ];
    let story = fuse(&arts);
    assert!(together(&story, "were unhurt", "was hurt"));
}

#[test]
fn a_short_rendering_joins_the_clause_of_a_long_one() {
    let arts = [
        article(
            "a",
            "2026-06-10",
            "The tram had left Ostrava depot at dawn and was crossing the river when its brakes failed about two minutes before the crash.",
        ),
        article("b", "2026-06-10", "Its brakes failed moments before the crash."),
        article("c", "2026-06-11", "Heavy rain is expected across the region on Friday."),
    ];
    let story = fuse(&arts);
    assert!(together(&story, "brakes failed moments", "brakes failed about two minutes"));
    assert!(!together(&story, "Heavy rain", "brakes failed moments"));
}

#[test]
fn a_short_sentence_naming_what_the_long_one_does_not_stays_apart() {
    // Both mention the tram and its length; only one names its owner.
    let arts = [
        article(
            "a",
            "2026-06-10",
            "The 40-metre Corvina tram had reported a brake fault about two minutes before it hit the barrier, according to a timeline released by the city.",
        ),
        article("b", "2026-06-10", "The 40-metre Corvina tram is operated by Velmar Transit."),
        article(
            "c",
            "2026-06-11",
            "The tram belongs to Velmar Transit, the city's largest operator.",
        ),
    ];
    let story = fuse(&arts);
    assert!(!together(&story, "reported a brake fault", "is operated by Velmar Transit"));
    assert!(together(&story, "is operated by Velmar Transit", "belongs to Velmar Transit"));
}

#[test]
fn the_company_is_the_company_last_named() {
    let arts = [
        article(
            "a",
            "2026-06-10",
            "The barge is owned by Tessaly Freight. Velmar Freight said in a statement that it was cooperating fully with the authorities. Tessaly Freight said it was cooperating with the investigators.",
        ),
        article(
            "b",
            "2026-06-11",
            "The barge belongs to the company Tessaly Freight. The river police closed the lock for the day. The company has said that it is cooperating with the investigators.",
        ),
    ];
    let story = fuse(&arts);
    assert!(together(
        &story,
        "The company has said that it is cooperating",
        "Tessaly Freight said it was cooperating"
    ));
}

#[test]
fn the_same_day_written_two_ways_is_one_fact() {
    // Published on Sunday 15 March: "on Sunday" is March 15.
    let arts = [
        article(
            "a",
            "2026-03-12",
            "Divers are expected to begin raising the sunken ferry on March 15.",
        ),
        article(
            "b",
            "2026-03-15",
            "Divers in Kessby began on Sunday to raise the ferry that sank last week.",
        ),
    ];
    let story = fuse(&arts);
    assert!(together(&story, "on March 15", "began on Sunday"));
}

#[test]
fn a_quotation_is_a_quote_not_a_claim() {
    let arts = [
        article(
            "a",
            "2026-03-12",
            "\"We will reopen the line before the summer and no passenger will be left behind,\" the minister said.",
        ),
        article("b", "2026-03-12", "The minister said the line would reopen before the summer."),
    ];
    let story = fuse(&arts);
    assert!(
        story.claims.iter().all(|c| c.renderings.iter().all(|r| !r.text.contains("no passenger")))
    );
    assert_eq!(story.quotes.len(), 1);
}

#[test]
fn two_figures_of_one_sentence_are_two_claims_each_with_its_fact() {
    let arts = [
        article(
            "a",
            "2026-05-12",
            "The Dovren council paid $4.2 million for 38 electric buses on Tuesday.",
        ),
        article(
            "b",
            "2026-05-12",
            "The new fleet cost $4.2 million, according to the transport office.",
        ),
        article(
            "c",
            "2026-05-13",
            "Drivers for all 38 of them were hired from the old tram company last week.",
        ),
    ];
    let story = fuse(&arts);
    let lead = "The Dovren council paid $4.2 million for 38 electric buses on Tuesday.";
    let facts: Vec<(&str, Vec<&str>)> = story
        .claims
        .iter()
        .filter(|c| c.text == lead)
        .map(|c| {
            let fact = c.fact.as_ref().map_or("", |f| f.text.as_str());
            (fact, c.articles.iter().map(crosscheck_core::DocId::as_str).collect())
        })
        .collect();
    // One claim per figure, each naming its own: the money with `b`, the buses with `c`.
    assert!(facts.contains(&("$4.2 million", vec!["a", "b"])), "{facts:?}");
    assert!(facts.contains(&("38 electric buses", vec!["a", "c"])), "{facts:?}");
    // No two claims repeat one text and fact.
    let mut keys: Vec<(&str, Option<&str>)> = story
        .claims
        .iter()
        .map(|c| (c.text.as_str(), c.fact.as_ref().map(|f| f.text.as_str())))
        .collect();
    keys.sort_unstable();
    let n = keys.len();
    keys.dedup();
    assert_eq!(keys.len(), n);
    // Every fact slices its article's raw content and lies in the sentence of the text.
    for c in &story.claims {
        let Some(f) = &c.fact else { continue };
        let raw = &arts.iter().find(|a| a.id == f.article).unwrap().raw;
        assert_eq!(raw.get(f.start as usize..f.end as usize), Some(f.text.as_str()));
        assert!(c.text.contains(f.text.as_str()), "{c:?}");
    }
}
