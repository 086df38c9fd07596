//! Near-copies read once: a reprint with a new byline, a menu line, a dropped or changed
//! sentence is cited at its own offsets wherever the article it copies is, and what it
//! changed still reaches the claims and conflicts (the `reduce::near` heuristic). Each case
//! compares the fused story with the one the fuser gives when every near-copy is analysed in
//! full.

use crosscheck_core::{Article, Date, DocId, Lang};
use crosscheck_fuse::{FusedStory, Fuser, FuserBuilder, StoryInput};

const KEPT: &str = "Harbour officials in Quenmar said 340 workers left the shipyard on Thursday.\n\n\
The strike began after talks over pay broke down, union leader Dalia Ferrick said.\n\n\
\"We will not go back until the offer changes,\" Ferrick said at the gate.\n\n\
The shipyard builds ferries for the island routes and employs 900 people.\n\n\
Talks with the owners are set to resume next week in the port offices.";

const OTHER: &str = "About 340 workers walked out of the Quenmar shipyard on Thursday, the union said.\n\n\
Union leader Dalia Ferrick said the strike would go on until the offer changed.\n\n\
The yard, which builds ferries for the island routes, employs 900 people.";

const INJURED: &str = "Twelve people were injured when the roof of the Korvel Street market hall in Brannis gave way on Monday.\n\n\
The market had been closed for repairs since January.\n\n\
Inspectors from the city council arrived at the hall within the hour.\n\n\
Traders said they had warned the owners about cracks in the roof beams.\n\n\
The hall will stay shut until the inquiry ends.";

const INJURED_OTHER: &str = "The roof of the Korvel Street market hall in Brannis gave way on Monday and 12 people were injured.\n\n\
Engineers had warned about the roof last year.";

/// Six paragraphs, one of them dated.
const ORCHARD: &str = "Frost destroyed half of the 4,000 pear trees at the Pellin Ridge cooperative on April 7, 2026.\n\n\
The buds had opened early after a warm spell, grower Anouk Ferrel said.\n\n\
\"We have never lost so many trees in one night,\" Ferrel said in the packing shed.\n\n\
The cooperative will buy seedlings from a nursery in the southern valley.\n\n\
Insurers have sent assessors to count the damaged trees along the ridge.\n\n\
The orchard employs 60 pickers in a normal season and sells to markets in three towns.";

const ORCHARD_OTHER: &str = "About half of the 4,000 pear trees on Pellin Ridge were killed by frost on April 7, the cooperative said.\n\n\
Grower Anouk Ferrel said the buds had opened early after warm weather.\n\n\
The orchard employs 60 pickers in a normal season.";

fn article(id: &str, text: &str) -> Article {
    Article {
        language: Lang::EN,
        published: Date::new(2026, 4, 9),
        title: Some("Shipyard workers strike in Quenmar".into()),
        ..Article::from_text(id, text)
    }
}

/// A reprint: a byline line first, the last paragraph dropped, a menu line after.
fn reprint(id: &str, byline: &str, kept: &str) -> Article {
    let body = kept.rsplit_once("\n\n").map_or(kept, |x| x.0);
    article(id, &format!("By {byline}\n\n{body}\n\nHome | Ports | Weather"))
}

fn fuse(articles: &[&Article], dups: &[(&str, &str)], collapse: bool) -> FusedStory {
    let mut input = StoryInput::new(articles.iter().copied());
    for (a, of) in dups {
        input.duplicate(&DocId::from(*a), DocId::from(*of));
    }
    let story =
        FuserBuilder::new().collapse_near_copies(collapse).build().unwrap().fuse(&input).unwrap();
    for s in story.spans() {
        let a = articles.iter().find(|a| a.id == s.article).unwrap();
        assert_eq!(a.raw.get(s.start as usize..s.end as usize), Some(s.text.as_str()));
    }
    story
}

fn json(story: &FusedStory) -> String {
    serde_json::to_string_pretty(story).unwrap()
}

/// What a story says, its entities aside: an entity that only a near-copy's second mention
/// made frequent enough (a capitalised sentence opener) is not found once the near-copy is
/// collapsed, as for an exact copy.
fn statements(story: &FusedStory) -> String {
    let mut s = story.clone();
    s.entities.clear();
    json(&s)
}

#[test]
fn a_reprint_is_cited_at_its_own_offsets() {
    let (k, e) = (article("k", KEPT), article("e", OTHER));
    let d = reprint("d", "Oren Malby, staff reporter", KEPT);
    let story = fuse(&[&k, &d, &e], &[("d", "k")], true);
    assert_eq!(json(&story), json(&fuse(&[&k, &d, &e], &[("d", "k")], false)));
    assert_eq!(story.articles[1].duplicate_of.as_ref().map(DocId::as_str), Some("k"));
    let strike = story.claims.iter().find(|c| c.text.starts_with("The strike began")).unwrap();
    let (from_k, from_d) = (&strike.renderings[0], &strike.renderings[1]);
    assert_eq!((from_k.article.as_str(), from_d.article.as_str()), ("k", "d"));
    assert_eq!(from_k.text, from_d.text);
    assert_eq!(from_d.start, from_k.start + "By Oren Malby, staff reporter\n\n".len() as u32);
    assert_eq!(strike.support, 2, "the reprint counts once with the report it copies");
    // The dropped paragraph is not the reprint's; its byline is.
    let talks = story.claims.iter().find(|c| c.text.starts_with("Talks with")).unwrap();
    assert_eq!(talks.articles, [DocId::from("k")]);
    let byline = story.entities.iter().find(|en| en.name == "Oren Malby").unwrap();
    assert_eq!(byline.articles, [DocId::from("d")]);
    let quote = &story.quotes[0];
    assert_eq!(quote.articles, [DocId::from("k"), DocId::from("d")]);
}

#[test]
fn many_reprints_match_the_full_reading() {
    let (k, e) = (article("k", KEPT), article("e", OTHER));
    let bylines = ["Oren Malby", "Ilse Varn", "Tomas Quill"];
    let reprints: Vec<Article> = (0..12)
        .map(|i| {
            let mut r = reprint(&format!("r{i:02}"), bylines[i % 3], KEPT);
            // Every third also keeps the last paragraph; one in four drops the menu.
            if i % 3 == 0 {
                r = article(r.id.as_str(), &format!("By {}\n\n{KEPT}", bylines[i % 3]));
            }
            if i % 4 == 1 {
                r = article(r.id.as_str(), r.text.trim_end_matches("\n\nHome | Ports | Weather"));
            }
            r
        })
        .collect();
    let mut all: Vec<&Article> = vec![&k];
    all.extend(&reprints);
    all.push(&e);
    let dups: Vec<(&str, &str)> = reprints.iter().map(|r| (r.id.as_str(), "k")).collect();
    let story = fuse(&all, &dups, true);
    assert_eq!(json(&story), json(&fuse(&all, &dups, false)));
    let first = &story.claims[0];
    assert_eq!(first.articles.len(), 14, "{}", first.text);
    assert_eq!(first.origins, Some(2));
}

#[test]
fn a_changed_number_is_kept_and_still_conflicts() {
    let k = article("k", INJURED);
    let changed = reprint("d", "Ilse Varn", &INJURED.replace("Twelve people", "Fifteen people"));
    let same = reprint("d", "Ilse Varn", INJURED);
    let e12 = article("e", INJURED_OTHER);
    let e15 = article("e", &INJURED_OTHER.replace("and 12 people", "and 15 people"));
    for (arts, side) in
        [([&k, &changed, &e12], "15"), ([&k, &changed, &e15], "15"), ([&k, &same, &e15], "12")]
    {
        let story = fuse(&arts, &[("d", "k")], true);
        assert_eq!(statements(&story), statements(&fuse(&arts, &[("d", "k")], false)));
        let conflict = story.conflicts.iter().find(|c| c.topic == "injured").expect("a conflict");
        let d_side = conflict
            .sides
            .iter()
            .find(|s| s.articles.contains(&DocId::from("d")))
            .expect("the reprint takes a side");
        assert_eq!(d_side.value, side);
        let evidence = d_side.evidence.iter().find(|e| e.article.as_str() == "d").unwrap();
        let own = arts[1].text.find("people were injured").unwrap()
            - evidence.text.find("people").unwrap();
        assert_eq!(evidence.start as usize, own, "at the reprint's own offset");
    }
}

#[test]
fn other_dates_are_read_in_full() {
    let (k, e) = (article("k", KEPT), article("e", OTHER));
    let later = Article {
        published: Date::new(2026, 4, 10),
        ..reprint("d", "Oren Malby", &KEPT.replace("on Thursday", "on Wednesday"))
    };
    let story = fuse(&[&k, &later, &e], &[("d", "k")], true);
    assert_eq!(json(&story), json(&fuse(&[&k, &later, &e], &[("d", "k")], false)));
}

/// `article` without a publication date.
fn undated(a: Article) -> Article {
    Article { published: None, ..a }
}

#[test]
fn an_undated_reprint_or_report_reads_as_in_full() {
    let e = article("e", ORCHARD_OTHER);
    let d = article("d", &format!("By Oren Malby\n\n{ORCHARD}"));
    for (k, d) in [(article("k", ORCHARD), undated(d.clone())), (undated(article("k", ORCHARD)), d)]
    {
        let story = fuse(&[&k, &d, &e], &[("d", "k")], true);
        let full = fuse(&[&k, &d, &e], &[("d", "k")], false);
        assert_eq!(statements(&story), statements(&full));
        // The same entities, ranked by how often the articles read name them.
        let names = |s: &FusedStory| {
            let mut v: Vec<String> = s.entities.iter().map(|e| format!("{e:?}")).collect();
            v.sort();
            v
        };
        assert_eq!(names(&story), names(&full));
        let buds = story.claims.iter().find(|c| c.text.starts_with("The buds")).unwrap();
        let ids: Vec<&str> = buds.renderings.iter().map(|r| r.article.as_str()).collect();
        assert_eq!(ids[..2], ["k", "d"]);
    }
}

/// A near-copy counts with the report it copies, so its other date is no conflict with a third
/// report (its report dates the event as that one does), but it is its own: it dates its own
/// timeline entry, at its own offsets, read in full or once.
#[test]
fn an_undated_reprint_that_changes_a_date_keeps_it() {
    let k = article("k", ORCHARD);
    let e = article("e", ORCHARD_OTHER);
    let changed = undated(article(
        "d",
        &format!("By Ilse Varn\n\n{}", ORCHARD.replace("April 7", "April 5")),
    ));
    let same = undated(article("d", &format!("By Ilse Varn\n\n{ORCHARD}")));
    for (d, dates) in [(&changed, ["2026-04-05", "2026-04-07"]), (&same, ["2026-04-07", "-"])] {
        let story = fuse(&[&k, d, &e], &[("d", "k")], true);
        assert_eq!(statements(&story), statements(&fuse(&[&k, d, &e], &[("d", "k")], false)));
        let entry = story.timeline.iter().find(|t| t.articles.contains(&d.id)).unwrap();
        assert_eq!(entry.date, dates[0]);
        let cited = entry.evidence.iter().find(|s| s.article == d.id).unwrap();
        assert_eq!(cited.start as usize, d.text.find("April").unwrap(), "at its own offset");
        let others: Vec<String> = story
            .timeline
            .iter()
            .filter(|t| !t.articles.contains(&d.id))
            .map(|t| t.date.clone())
            .collect();
        assert_eq!(others.first().map_or("-", String::as_str), dates[1]);
    }
}

/// An article whose raw content is a page: each paragraph of `paragraphs` in a `<p>` element
/// after `head`, the text its paragraphs joined by blank lines.
fn page(id: &str, head: &str, paragraphs: &[&str]) -> Article {
    let mut raw = String::from(head);
    let mut text = String::new();
    let mut alignment = crosscheck_core::Alignment::default();
    for p in paragraphs {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        raw.push_str("<p>");
        alignment.push(text.len(), raw.len(), p.len());
        text.push_str(p);
        raw.push_str(p);
        raw.push_str("</p>\n");
    }
    Article { text, alignment, raw: raw.into(), ..article(id, "") }
}

#[test]
fn a_reprint_in_another_page_layout_is_cited_in_its_own_raw_content() {
    let paragraphs: Vec<&str> = KEPT.split("\n\n").collect();
    let k = page("k", "<html><body>", &paragraphs);
    let mut reprinted = vec!["By Talia Dobrin"];
    reprinted.extend(&paragraphs[..4]);
    let d = page("d", "<html><nav>Ports</nav><main class=\"story\">", &reprinted);
    let e = article("e", OTHER);
    let story = fuse(&[&k, &d, &e], &[("d", "k")], true);
    assert_eq!(json(&story), json(&fuse(&[&k, &d, &e], &[("d", "k")], false)));
    let cited: Vec<_> =
        story.claims.iter().flat_map(|c| &c.renderings).filter(|r| r.article == d.id).collect();
    assert_eq!(cited.len(), 3, "{cited:?}");
    for r in cited {
        assert_eq!(&d.raw[r.start as usize - 3..r.start as usize], "<p>");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Whatever a reprint drops, changes or adds, and whichever of the two is undated, every
    /// span slices its article's raw content and the reprint's sentences are cited where the
    /// full reading cites them.
    #[test]
    fn reprints_are_cited_where_the_full_reading_cites_them(
        drop in 0usize..6,
        change in 0usize..6,
        digit in 0u8..10,
        byline in proptest::option::of("[A-Z][a-z]{2,8} [A-Z][a-z]{2,8}"),
        orchard: bool,
        dates in 0u8..3,
    ) {
        // The shipyard story or the orchard one (one dated sentence); both dated, the reprint
        // undated, or the report it copies undated.
        let (kept, other) = if orchard { (ORCHARD, ORCHARD_OTHER) } else { (KEPT, OTHER) };
        let (mut k, e) = (article("k", kept), article("e", other));
        if dates == 2 {
            k = undated(k);
        }
        let mut paragraphs: Vec<String> = kept.split("\n\n").map(str::to_string).collect();
        if change < paragraphs.len() {
            paragraphs[change] = paragraphs[change].replacen(['3', '9'], &digit.to_string(), 1);
        }
        if drop < paragraphs.len() {
            paragraphs.remove(drop);
        }
        if let Some(b) = byline {
            paragraphs.insert(0, format!("By {b}"));
        }
        let mut d = article("d", &paragraphs.join("\n\n"));
        if dates == 1 {
            d = undated(d);
        }
        let once = fuse(&[&k, &d, &e], &[("d", "k")], true);
        let full = fuse(&[&k, &d, &e], &[("d", "k")], false);
        let cited = |s: &FusedStory| {
            let mut v: Vec<(String, u32, u32)> = s
                .claims
                .iter()
                .flat_map(|c| &c.renderings)
                .map(|r| (r.article.to_string(), r.start, r.end))
                .collect();
            v.sort();
            v.dedup();
            v
        };
        proptest::prop_assert_eq!(cited(&once), cited(&full));
        let conflicts = |s: &FusedStory| serde_json::to_string(&s.conflicts).unwrap();
        proptest::prop_assert_eq!(conflicts(&once), conflicts(&full));
    }
}
