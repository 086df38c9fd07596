//! Reuse through fusion: the dedup crate's landslide story (a wire story, two lightly edited
//! reprints, a rewrite that keeps one paragraph, an independent report) fused with its reuse.

use std::path::Path;

use crosscheck::core::{Article, Date, DocId};
use crosscheck::dedup::ReuseDetector;
use crosscheck::fuse::{ClaimStatus, FusedStory, Fuser, FuserBuilder, StoryInput};

#[derive(serde::Deserialize)]
struct Row {
    id: String,
    outlet: Option<String>,
    published: Option<Date>,
    author: Option<String>,
    text: String,
}

fn landslide() -> Vec<Article> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../dedup/resources/test/reuse/landslide.jsonl");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| {
            let r: Row = serde_json::from_str(l).unwrap();
            Article {
                outlet: r.outlet,
                published: r.published,
                author: r.author,
                language: crosscheck::core::Lang::EN,
                ..Article::from_text(r.id.as_str(), &r.text)
            }
        })
        .collect()
}

fn fuse(articles: &[Article], with_reuse: bool) -> FusedStory {
    let refs: Vec<&Article> = articles.iter().collect();
    let mut input = StoryInput::new(refs.iter().copied());
    if with_reuse {
        input.reuse(ReuseDetector::default().detect(&refs));
    }
    FuserBuilder::new().build().unwrap().fuse(&input).unwrap()
}

fn ids(v: &[DocId]) -> Vec<&str> {
    v.iter().map(DocId::as_str).collect()
}

#[test]
fn wire_copies_count_as_one_origin() {
    let arts = landslide();
    let story = fuse(&arts, true);
    let reuse = story.reuse.as_ref().expect("the story carries its reuse");
    assert_eq!(reuse.edges.len(), 5);
    // The rainfall paragraph: the wire and reprint 1 word for word, one origin, two outlets.
    // Reprint 2's light edit ("almost without a break") holds a negation word, so the fuser's
    // negation rule keeps its sentence a claim of its own; its second clause (the weather
    // office's warning, no negation) joins the wire's claim too. It is still no new origin, and
    // reprint 2 is the wire's own outlet.
    let rain = story.claims.iter().find(|c| c.text.contains("eleven days")).expect("rain claim");
    assert_eq!(ids(&rain.articles), ["wire", "reprint-1", "reprint-2"]);
    assert!(rain.renderings[2].text.starts_with("and the national weather office"));
    assert_eq!(rain.outlets, Some(2));
    assert_eq!(rain.origins, Some(1));
    assert_eq!(rain.status, ClaimStatus::Single, "two copies of one wire paragraph");
    assert_eq!(rain.first_seen, Date::new(2025, 3, 10));
    let edited = story
        .claims
        .iter()
        .find(|c| c.text.contains("without a break"))
        .expect("reprint 2's rain claim");
    assert_eq!(ids(&edited.articles), ["reprint-2"]);
    assert_eq!(edited.origins, Some(1));
    // Without reuse, the same claim looks like three independent reports of five.
    let plain = fuse(&arts, false);
    let rain = plain.claims.iter().find(|c| c.text.contains("eleven days")).unwrap();
    assert_eq!(rain.status, ClaimStatus::Majority);
    assert_eq!(rain.origins, Some(3));
    assert!(plain.reuse.is_none());
}

#[test]
fn an_independent_rendering_adds_an_origin() {
    let arts = landslide();
    let story = fuse(&arts, true);
    let quote = story
        .quotes
        .iter()
        .find(|q| q.renderings.iter().any(|r| r.text.contains("will not reopen the road")))
        .expect("the mayor's quote");
    assert_eq!(quote.renderings.len(), 4, "{quote:#?}");
    assert_eq!(quote.origins, Some(2), "the wire's copies once, the radio's own report");
    for side in story.conflicts.iter().flat_map(|c| &c.sides) {
        let origins = side.origins.unwrap();
        assert!(origins >= 1 && origins as usize <= side.articles.len());
    }
    // Every reuse span slices its article's raw input.
    let raw = |id: &DocId| &arts.iter().find(|a| &a.id == id).unwrap().raw;
    for e in &story.reuse.as_ref().unwrap().edges {
        for p in &e.passages {
            assert_eq!(&raw(&p.a.article)[p.a.start as usize..p.a.end as usize], p.a.text);
            assert_eq!(&raw(&p.b.article)[p.b.start as usize..p.b.end as usize], p.b.text);
        }
    }
}
