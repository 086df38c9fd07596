//! Fusion end to end: the demo corpus against `examples/harbor-bridge/EXPECTED.md`, and general
//! properties on the shared seed story.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crosscheck::PipelineBuilder;
use crosscheck::core::Article;
use crosscheck::dedup::{DedupBuilder, dedup_articles};
use crosscheck::fuse::{ClaimStatus, EntityKind, FusedStory, Fuser, FuserBuilder, StoryInput};

/// Asserts that every span of a story slices its article's raw content to exactly its text.
macro_rules! check_spans {
    ($story:expr, $articles:expr) => {{
        let raw: HashMap<&str, &str> =
            $articles.iter().map(|a: &Article| (a.id.as_str(), &*a.raw)).collect();
        let mut n = 0usize;
        for span in $story.spans() {
            let r = raw
                .get(span.article.as_str())
                .unwrap_or_else(|| panic!("span of unknown article {}", span.article));
            assert_eq!(
                r.get(span.start as usize..span.end as usize),
                Some(span.text.as_str()),
                "span {}..{} of {}",
                span.start,
                span.end,
                span.article
            );
            n += 1;
        }
        n
    }};
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn extract(path: &Path) -> Vec<Article> {
    let pipeline = PipelineBuilder::new().build();
    let mut out = Vec::new();
    pipeline.extract(&[path.to_path_buf()], |item| {
        out.push(item.unwrap_or_else(|e| panic!("{e}")));
        true
    });
    out
}

fn fuse(articles: &[&Article]) -> FusedStory {
    let owned: Vec<Article> = articles.iter().map(|a| (*a).clone()).collect();
    let memberships = dedup_articles(&DedupBuilder::new().build().unwrap(), &owned);
    let mut input = StoryInput::new(articles.iter().copied());
    for (a, m) in articles.iter().zip(&memberships) {
        if let Some(of) = m.duplicate_of() {
            input.duplicate(&a.id, articles[of as usize].id.clone());
        }
    }
    FuserBuilder::new().build().unwrap().fuse(&input).unwrap()
}

/// The entity that has `variant` among its variants.
fn entity<'a>(story: &'a FusedStory, variant: &str) -> &'a crosscheck::fuse::Entity {
    story.entities.iter().find(|e| e.variants.iter().any(|v| v == variant)).unwrap_or_else(|| {
        panic!(
            "no entity with variant {variant:?} in {:#?}",
            story.entities.iter().map(|e| &e.variants).collect::<Vec<_>>()
        )
    })
}

mod demo {
    use super::*;

    const STORY_A: [&str; 6] = [
        "corvane-wire",
        "wirefront",
        "saltmere-courier",
        "brennock-ledger",
        "orizon-post",
        "dalvinia-now",
    ];

    fn story_a() -> (Vec<Article>, FusedStory) {
        let all = extract(&repo().join("examples/harbor-bridge"));
        let arts: Vec<Article> =
            all.into_iter().filter(|a| STORY_A.contains(&a.id.as_str())).collect();
        assert_eq!(arts.len(), 6, "story A has six articles");
        let refs: Vec<&Article> = arts.iter().collect();
        let story = fuse(&refs);
        (arts, story)
    }

    #[test]
    fn every_span_slices_the_raw_input() {
        let (arts, story) = story_a();
        assert!(check_spans!(story, arts) > 50);
        let all = extract(&repo().join("examples/harbor-bridge"));
        let dairy: Vec<&Article> = all.iter().filter(|a| a.id.as_str() == "dairy-merger").collect();
        let one = fuse(&dairy);
        check_spans!(one, all);
        assert!(
            one.claims.iter().all(|c| c.status == ClaimStatus::Single),
            "a one-article story has only single claims"
        );
    }

    #[test]
    fn transliterated_names_merge() {
        let (_, story) = story_a();
        let mayor = entity(&story, "Teodor Hrabchenko");
        assert_eq!(mayor.kind, EntityKind::Person);
        for v in ["Teodor Hrabtchenko", "Teodor Grabchenko", "Hrabchenko"] {
            assert!(mayor.variants.iter().any(|x| x == v), "{v} in {:?}", mayor.variants);
        }
        let city = entity(&story, "Zhelvany");
        assert!(city.variants.iter().any(|v| v == "Jelvany"), "{:?}", city.variants);
        let minister = entity(&story, "Irena Maltsava");
        assert!(minister.variants.iter().any(|v| v == "Maltsava"));
        let port = entity(&story, "Port Halvek");
        assert!(port.variants.iter().any(|v| v == "Halvek"));
        let country = entity(&story, "Dalvinia");
        assert!(country.variants.iter().any(|v| v == "Dalvinian"), "{:?}", country.variants);
        assert_eq!(entity(&story, "Vessa Meridian").articles.len(), 6);
    }

    #[test]
    fn look_alikes_stay_apart() {
        let (_, story) = story_a();
        let apart = [
            ("Teodor Hrabchenko", "Danylo Teodorov"),
            ("Irena Maltsava", "Oskar Rydval"),
            ("Zhelvany", "Zhelvany Port Authority"),
            ("Halvek", "Zhelvany"),
        ];
        for (a, b) in apart {
            let (ea, eb) = (entity(&story, a), entity(&story, b));
            assert_ne!(ea.name, eb.name, "{a} and {b} must not merge");
        }
        // No variant belongs to two entities.
        let mut seen = BTreeSet::new();
        for e in &story.entities {
            for v in &e.variants {
                assert!(seen.insert(v.clone()), "variant {v} in two entities");
            }
        }
    }

    /// The claim whose renderings include, for each listed article, one containing the string.
    fn claim_with<'a>(
        story: &'a FusedStory,
        support: &[(&str, &str)],
    ) -> Option<&'a crosscheck::fuse::Claim> {
        story.claims.iter().find(|c| {
            support.iter().all(|(art, s)| {
                c.renderings.iter().any(|r| {
                    r.article.as_str() == *art && s.split('|').any(|alt| r.text.contains(alt))
                })
            })
        })
    }

    #[test]
    fn claims_are_aligned_with_their_support() {
        let (_, story) = story_a();
        let c02 = claim_with(
            &story,
            &[
                ("corvane-wire", "Buses are being diverted over the upper river bridge"),
                ("saltmere-courier", "The detour over the upper river bridge adds up to an hour"),
                ("dalvinia-now", "buses are being sent over the upper river bridge"),
            ],
        )
        .expect("the detour claim (C02)");
        assert!(c02.support >= 3);
        let c08 = claim_with(
            &story,
            &[
                ("corvane-wire", "It carried about 40,000 vehicles a day before the collision."),
                ("brennock-ledger", "The bridge carried about 40,000 vehicles a day."),
            ],
        )
        .expect("the traffic claim (C08)");
        assert_eq!(c08.status, ClaimStatus::Majority);
        let c10 = claim_with(
            &story,
            &[
                (
                    "saltmere-courier",
                    "Infrastructure Minister Irena Maltsava has ordered an inquiry.",
                ),
                (
                    "brennock-ledger",
                    "Infrastructure Minister Irena Maltsava has ordered an inquiry.",
                ),
            ],
        )
        .expect("the inquiry claim (C10)");
        assert!(c10.support >= 2);
        let s01 = claim_with(
            &story,
            &[("dalvinia-now", "was driving the first eastbound service of the day")],
        )
        .expect("the single-outlet detail (S01)");
        assert_eq!(s01.status, ClaimStatus::Single);
        claim_with(&story, &[("corvane-wire", "is operated by Ostmarr Line")]).expect("C06");
        // Copies count once: support is the number of distinct reports among the articles.
        let canon: HashMap<&str, &str> = story
            .articles
            .iter()
            .map(|a| (a.id.as_str(), a.duplicate_of.as_ref().map_or(a.id.as_str(), |d| d.as_str())))
            .collect();
        for c in &story.claims {
            let distinct: BTreeSet<&str> = c.articles.iter().map(|a| canon[a.as_str()]).collect();
            assert_eq!(c.support as usize, distinct.len(), "{c:?}");
        }
    }

    #[test]
    fn statuses_follow_support() {
        let (_, story) = story_a();
        let distinct = story.distinct_articles() as u32;
        for c in &story.claims {
            let expected = match c.support {
                1 => ClaimStatus::Single,
                n if n == distinct => ClaimStatus::Consensus,
                _ => ClaimStatus::Majority,
            };
            assert!(c.status == expected || c.status == ClaimStatus::Disputed, "{c:?}");
            assert!(
                c.renderings.iter().any(|r| r.text == c.text || c.text.len() <= r.text.len()),
                "text is a rendering"
            );
        }
    }
}

mod seeds {
    use super::*;

    fn seeds() -> Option<PathBuf> {
        let p = repo().join("../shared/corpus/seeds");
        p.is_dir().then_some(p)
    }

    #[test]
    fn general_properties() {
        let dir = seeds().expect(
            "../shared/corpus/seeds is missing: the shared corpus must sit beside the repository",
        );
        let pipeline = PipelineBuilder::new().build();
        let fuser = FuserBuilder::new().build().unwrap();
        let mut stories = Vec::new();
        let run = pipeline.fuse(
            &[dir.clone()],
            &fuser,
            |e| panic!("{e}"),
            |s| {
                stories.push(s.unwrap());
                true
            },
        );
        assert_eq!(run.articles, 5);
        assert_eq!(stories.len(), 1, "one story");
        let story = &stories[0];
        assert_eq!(story.articles.len(), 5, "five articles");
        let arts = extract(&dir);
        assert!(check_spans!(story, arts) > 100);
        // Spelling variants are merged: some entity has two spellings of its full name.
        assert!(
            story.entities.iter().any(|e| {
                e.variants.iter().filter(|v| v.split_whitespace().count() > 1).count() >= 2
            }),
            "no entity merges two spellings of a full name"
        );
        assert!(story.entities.iter().any(|e| e.variants.len() >= 2));
        // Every entity is mentioned where it says, and nothing is listed twice.
        let mut seen = BTreeSet::new();
        for e in &story.entities {
            assert!(!e.mentions.is_empty());
            assert!(e.variants.iter().all(|v| seen.insert(v.clone())), "{e:?}");
        }
        assert!(
            story.claims.iter().any(|c| c.support >= 3),
            "some claim is carried by most reports"
        );
        for key in ["quotes", "conflicts", "timeline"] {
            let v = serde_json::to_value(story).unwrap();
            assert!(v[key].is_array());
        }
    }
}
