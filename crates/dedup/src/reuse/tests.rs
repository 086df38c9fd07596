use std::path::Path;

use crosscheck_core::{Article, Date, OriginIndex, ReuseDirection, Span};
use serde::Deserialize;

use super::*;

/// One line of a reuse fixture.
#[derive(Debug, Deserialize)]
struct Row {
    id: String,
    outlet: Option<String>,
    published: Option<Date>,
    author: Option<String>,
    text: String,
}

/// The landslide story: a wire story, two lightly edited reprints, a rewrite that keeps one
/// paragraph and credits the agency, and an independent report that quotes the mayor too.
fn landslide() -> Vec<Article> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("resources/test/reuse/landslide.jsonl");
    let raw = std::fs::read_to_string(path).unwrap();
    raw.lines()
        .map(|l| {
            let r: Row = serde_json::from_str(l).unwrap();
            Article {
                outlet: r.outlet,
                published: r.published,
                author: r.author,
                ..Article::from_text(r.id.as_str(), &r.text)
            }
        })
        .collect()
}

fn detect(articles: &[Article]) -> StoryReuse {
    let refs: Vec<&Article> = articles.iter().collect();
    ReuseBuilder::new().build().unwrap().detect(&refs)
}

fn edge<'a>(r: &'a StoryReuse, a: &str, b: &str) -> Option<&'a ReuseEdge> {
    r.edges.iter().find(|e| e.a.as_str() == a && e.b.as_str() == b)
}

#[test]
fn landslide_edges_directions_and_outlets() {
    let arts = landslide();
    let r = detect(&arts);
    let mut pairs: Vec<(&str, &str)> =
        r.edges.iter().map(|e| (e.a.as_str(), e.b.as_str())).collect();
    pairs.sort_unstable();
    assert_eq!(
        pairs,
        [
            ("reprint-1", "reprint-2"),
            ("reprint-2", "rewrite"),
            ("wire", "reprint-1"),
            ("wire", "reprint-2"),
            ("wire", "rewrite"),
        ],
        "the independent report shares only a quotation"
    );
    let w1 = edge(&r, "wire", "reprint-1").unwrap();
    assert_eq!(w1.direction, ReuseDirection::AToB, "the wire is a day older");
    assert!(!w1.same_outlet);
    assert_eq!(w1.source().map(DocId::as_str), Some("wire"));
    assert!(w1.share_b > 0.85, "the reprint is nearly all copy: {}", w1.share_b);
    assert!(w1.share_a > 0.7 && w1.share_a < 0.95, "one wire paragraph dropped: {}", w1.share_a);
    let w2 = edge(&r, "wire", "reprint-2").unwrap();
    assert_eq!(w2.direction, ReuseDirection::Unknown, "same day");
    assert!(w2.same_outlet);
    let r12 = edge(&r, "reprint-1", "reprint-2").unwrap();
    assert_eq!(r12.direction, ReuseDirection::BToA);
    let rw = edge(&r, "wire", "rewrite").unwrap();
    assert_eq!(rw.passages.len(), 1, "the one kept paragraph");
    assert!(rw.passages[0].b.text.starts_with("The village school will stay closed"));
    assert!(rw.share_b < 0.5);
}

#[test]
fn light_edits_do_not_split_passages() {
    let arts = landslide();
    let r = detect(&arts);
    // Reprint 1 changed a word in each of its first two paragraphs and dropped the fifth: the
    // first four paragraphs are one passage (paragraph breaks are no words), the sixth another.
    let w1 = edge(&r, "wire", "reprint-1").unwrap();
    assert_eq!(w1.passages.len(), 2, "{:#?}", w1.passages);
    assert!(w1.passages[0].b.text.starts_with("A landslide blocked the only road"));
    // Reprint 2's inserted phrase is bridged; its new lead is not copy.
    let w2 = edge(&r, "wire", "reprint-2").unwrap();
    assert_eq!(w2.passages.len(), 1, "{:#?}", w2.passages);
    assert!(w2.passages[0].b.text.starts_with("Rescue crews"));
    assert!(w2.passages[0].b.text.contains("almost without a break"));
}

#[test]
fn passages_slice_the_raw_content() {
    let arts = landslide();
    let r = detect(&arts);
    let by_id = |id: &DocId| arts.iter().find(|a| &a.id == id).unwrap();
    for e in &r.edges {
        for p in &e.passages {
            assert_eq!(p.a.span().slice(&by_id(&e.a).raw), Some(p.a.text.as_str()));
            assert_eq!(p.b.span().slice(&by_id(&e.b).raw), Some(p.b.text.as_str()));
            assert_eq!((&p.a.article, &p.b.article), (&e.a, &e.b));
            assert!(p.words >= 12);
        }
    }
    for c in &r.credits {
        if let Some(e) = &c.evidence {
            assert_eq!(e.span().slice(&by_id(&c.article).raw), Some(c.text.as_str()));
        }
    }
}

#[test]
fn landslide_cluster_origin_and_credits() {
    let arts = landslide();
    let r = detect(&arts);
    assert_eq!(r.clusters.len(), 1);
    let c = &r.clusters[0];
    let ids: Vec<&str> = c.articles.iter().map(DocId::as_str).collect();
    assert_eq!(ids, ["wire", "reprint-1", "reprint-2", "rewrite"]);
    assert_eq!(c.origin.as_ref().map(DocId::as_str), Some("wire"));
    assert_eq!(c.basis, OriginBasis::Credit);
    assert_eq!(c.agency.as_deref(), Some("Associated Press"));
    let credits: Vec<(&str, &str, &str)> = r
        .credits
        .iter()
        .map(|c| (c.article.as_str(), c.agency.as_str(), c.text.as_str()))
        .collect();
    assert_eq!(
        credits,
        [
            ("wire", "Associated Press", "AP"),
            ("rewrite", "Associated Press", "The Associated Press")
        ]
    );
}

#[test]
fn origins_count_the_wire_once() {
    let arts = landslide();
    let r = detect(&arts);
    let index = OriginIndex::new(&r);
    // The school paragraph: in the wire, reprint 2 and the rewrite; one origin.
    let school = "The village school will stay closed";
    let renderings: Vec<(&DocId, Span)> = arts
        .iter()
        .filter_map(|a| {
            let at = a.text.find(school)?;
            Some((&a.id, Span::from_usize(at, at + school.len())))
        })
        .collect();
    assert_eq!(renderings.len(), 3);
    assert_eq!(index.count(&renderings), 1);
    // The mayor's quotation: the wire's copies count once, the independent report apart.
    let quote = "We will not reopen the road";
    let renderings: Vec<(&DocId, Span)> = arts
        .iter()
        .filter_map(|a| {
            let at = a.text.find(quote)?;
            Some((&a.id, Span::from_usize(at, at + quote.len())))
        })
        .collect();
    assert_eq!(renderings.len(), 4);
    assert_eq!(index.count(&renderings), 2);
}

#[test]
fn dates_decide_the_origin_without_credits() {
    let mut arts = landslide();
    for a in &mut arts {
        a.text =
            a.text.replace("(AP) ", "").replace("The Associated Press contributed", "We wrote");
        a.raw = a.text.as_str().into();
        a.alignment = crosscheck_core::Alignment::identity(a.text.len());
    }
    let r = detect(&arts);
    assert!(r.credits.is_empty());
    // Wire and reprint 2 share the earliest day: no origin is named.
    assert_eq!(r.clusters[0].basis, OriginBasis::Unknown);
    assert_eq!(r.clusters[0].origin, None);
    arts[2].published = Date::new(2025, 3, 12);
    let r = detect(&arts);
    assert_eq!(r.clusters[0].basis, OriginBasis::Earliest);
    assert_eq!(r.clusters[0].origin.as_ref().map(DocId::as_str), Some("wire"));
    arts[1].published = None;
    let r = detect(&arts);
    assert_eq!(r.clusters[0].origin, None, "an undated member could be older");
}

#[test]
fn order_does_not_change_edges() {
    let arts = landslide();
    let forward = detect(&arts);
    let reversed: Vec<Article> = arts.iter().rev().cloned().collect();
    let backward = detect(&reversed);
    let key = |r: &StoryReuse| {
        let mut v: Vec<(String, String, usize)> = r
            .edges
            .iter()
            .map(|e| {
                let (a, b) = if e.a < e.b { (&e.a, &e.b) } else { (&e.b, &e.a) };
                (a.to_string(), b.to_string(), e.passages.len())
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(key(&forward), key(&backward));
}

#[test]
fn fanout_keeps_wide_reprints_linear_and_connected() {
    // One wire story reprinted by 60 sites: a star around the earliest copies, one cluster.
    let arts = landslide();
    let wire = &arts[0];
    let copies: Vec<Article> = (0..60)
        .map(|i| {
            Article::from_text(format!("site-{i}").as_str(), &format!("{}\n\nSite {i}.", wire.text))
        })
        .collect();
    let refs: Vec<&Article> = std::iter::once(wire).chain(&copies).collect();
    let r = ReuseBuilder::new().fanout(8).partners(4).build().unwrap().detect(&refs);
    assert!(r.edges.len() <= 61 * 4, "{} edges", r.edges.len());
    assert!(r.edges.len() >= 60);
    assert_eq!(r.clusters.len(), 1);
    assert_eq!(r.clusters[0].articles.len(), 61);
    let index = OriginIndex::new(&r);
    let span = Span::new(20, 60);
    let renderings: Vec<(&DocId, Span)> = refs.iter().map(|a| (&a.id, span)).collect();
    assert_eq!(index.count(&renderings), 1);
}

#[test]
fn builder_rejects_bad_settings() {
    assert!(ReuseBuilder::new().ngram(0).build().is_err());
    assert!(ReuseBuilder::new().min_words(3).build().is_err());
    assert!(ReuseBuilder::new().sample(0).build().is_err());
    assert!(ReuseBuilder::new().fanout(0).build().is_err());
    assert!(ReuseBuilder::new().partners(0).build().is_err());
    let err = ReuseBuilder::new().min_shared(0).build().unwrap_err().to_string();
    assert_eq!(err, "invalid reuse setting min_shared = 0, expected a positive number");
}

#[test]
fn empty_and_tiny_stories() {
    let d = ReuseDetector::default();
    assert_eq!(d.detect(&[]), StoryReuse::default());
    let a = Article::from_text("a", "");
    let b = Article::from_text("b", "Short.");
    assert!(d.detect(&[&a, &b]).edges.is_empty());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Edges agree with an all-pairs reference on stories small enough for the fan-out to
    /// cover every pair, and every span slices its article.
    #[test]
    fn candidates_match_all_pairs(picks in proptest::collection::vec(proptest::collection::vec(0usize..12, 1..8), 2..7)) {
        let arts = landslide();
        let paragraphs: Vec<&str> = arts.iter().flat_map(|a| a.text.split("\n\n")).collect();
        let story: Vec<Article> = picks
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let text: Vec<&str> = p.iter().map(|&k| paragraphs[k % paragraphs.len()]).collect();
                Article::from_text(format!("s{i}").as_str(), &text.join("\n\n"))
            })
            .collect();
        let refs: Vec<&Article> = story.iter().collect();
        let d = ReuseBuilder::new().build().unwrap();
        let fast = d.detect(&refs);
        let words: Vec<Words> = refs.iter().map(|a| Words::new(&a.text, 5, 2)).collect();
        let mut slow = Vec::new();
        for x in 0..refs.len() {
            for y in x + 1..refs.len() {
                let shared = words[x].sample.iter().filter(|h| words[y].sample.binary_search(h).is_ok()).count();
                if shared >= 2 && let Some(e) = d.edge(refs[x], refs[y], &words[x], &words[y]) {
                    slow.push(e);
                }
            }
        }
        proptest::prop_assert_eq!(&fast.edges, &slow);
        for e in &fast.edges {
            for p in &e.passages {
                let a = refs.iter().find(|a| a.id == e.a).unwrap();
                proptest::prop_assert_eq!(p.a.span().slice(&a.raw), Some(p.a.text.as_str()));
            }
        }
    }
}

#[test]
fn a_credit_on_the_fringe_is_not_the_origin() {
    // The wire loses its credit and reprint 2 the school paragraph: the crediting rewrite
    // shares text with the wire alone, one of the three others.
    let mut arts = landslide();
    let edit = |a: &mut Article, f: &dyn Fn(&str) -> String| {
        a.text = f(&a.text);
        a.raw = a.text.as_str().into();
        a.alignment = crosscheck_core::Alignment::identity(a.text.len());
    };
    edit(&mut arts[0], &|t| t.replace("(AP) ", ""));
    edit(&mut arts[2], &|t| {
        t.split("\n\n")
            .filter(|p| !p.starts_with("The village school"))
            .collect::<Vec<_>>()
            .join("\n\n")
    });
    let r = detect(&arts);
    let c = r.cluster_of(&"rewrite".into()).unwrap();
    assert_eq!(c.articles.len(), 4);
    assert_eq!(r.edges_of(&"rewrite".into()).count(), 1);
    assert_eq!(c.origin, None, "{c:?}");
    assert_eq!(c.basis, OriginBasis::Unknown, "wire and reprint 2 share the earliest day");
}
