//! Role, alternative-value, place and number conflicts and the timeline's `inferred` flag,
//! through the public fuser, on small invented stories (invented towns, people and outlets).
//! Each positive case has negative neighbours: consistent statements that must stay quiet.

use crosscheck_core::{Article, DocId, Lang};
use crosscheck_fuse::{Conflict, ConflictKind, FusedStory, Fuser, FuserBuilder, StoryInput};

fn article(id: &str, published: Option<&str>, text: &str) -> Article {
    Article {
        published: published.map(|d| d.parse().unwrap()),
        language: Lang::EN,
        ..Article::from_text(id, text)
    }
}

fn dated(id: &str, text: &str) -> Article {
    article(id, Some("2026-05-06"), text)
}

fn fuse(arts: &[Article]) -> FusedStory {
    let story = FuserBuilder::new().build().unwrap().fuse(&StoryInput::new(arts)).unwrap();
    for s in story.spans() {
        let a = arts.iter().find(|a| a.id == s.article).unwrap();
        assert_eq!(a.raw.get(s.start as usize..s.end as usize), Some(s.text.as_str()));
    }
    story
}

fn of_kind(story: &FusedStory, kind: ConflictKind) -> Vec<&Conflict> {
    story.conflicts.iter().filter(|k| k.kind == kind).collect()
}

fn values(k: &Conflict) -> Vec<&str> {
    let mut v: Vec<&str> = k.sides.iter().map(|s| s.value.as_str()).collect();
    v.sort_unstable();
    v
}

fn ids(v: &[DocId]) -> Vec<&str> {
    v.iter().map(DocId::as_str).collect()
}

// ---------------------------------------------------------------------------------------------
// Roles.

#[test]
fn one_person_given_two_offices_is_a_role_conflict() {
    let story = fuse(&[
        dated(
            "a",
            "Mayor Anna Kessler said the flooded tram depot in Orlen would reopen within a month.",
        ),
        dated(
            "b",
            "Governor Anna Kessler said the flooded tram depot in Orlen would reopen within a month, after pumps cleared the water.",
        ),
        dated(
            "c",
            "The flooded tram depot in Orlen will reopen within a month, Mayor Anna Kessler said on Tuesday.",
        ),
    ]);
    let k = of_kind(&story, ConflictKind::Role);
    assert_eq!(k.len(), 1, "{:#?}", story.conflicts);
    assert_eq!(values(k[0]), ["governor", "mayor"]);
    let mayor = k[0].sides.iter().find(|s| s.value == "mayor").unwrap();
    assert_eq!(ids(&mayor.articles), ["a", "c"]);
    assert!(mayor.evidence.iter().all(|e| e.text.contains("Mayor Anna Kessler")));
}

#[test]
fn one_office_given_to_two_people_is_a_role_conflict() {
    let story = fuse(&[
        dated(
            "a",
            "Police chief Tomas Brandt said the gunman in Orlen had acted alone and was arrested at the station.",
        ),
        dated(
            "b",
            "Police chief Elin Varga said the gunman in Orlen had acted alone and was arrested near the station.",
        ),
    ]);
    let k = of_kind(&story, ConflictKind::Role);
    assert_eq!(k.len(), 1, "{:#?}", story.conflicts);
    assert_eq!(values(k[0]), ["Elin Varga", "Tomas Brandt"]);
}

#[test]
fn role_conflicts_of_many_reports_keep_every_report_on_its_side() {
    // Thirty reports: a person given two offices and an office given to two people, each
    // side told by many outlets in their own closing words (roles are compared key by key).
    let closings = ["on Tuesday", "late on Tuesday", "to reporters", "in a statement"];
    let arts: Vec<Article> = (0..30)
        .map(|i| {
            let office = if i % 5 == 0 { "Governor" } else { "Mayor" };
            let chief = if i % 3 == 0 { "Elin Varga" } else { "Tomas Brandt" };
            dated(
                &format!("r{i:02}"),
                &format!(
                    "{office} Anna Kessler said the flooded tram depot in Orlen would reopen \
                     within a month, {}. Police chief {chief} said the gunman in Orlen had \
                     acted alone and was arrested at the station. Outlet {i} filed this at \
                     {} o'clock.",
                    closings[i % 4],
                    i % 12 + 1
                ),
            )
        })
        .collect();
    let story = fuse(&arts);
    let k = of_kind(&story, ConflictKind::Role);
    let side = |topic: &str, value: &str| -> usize {
        k.iter()
            .filter(|c| c.topic.contains(topic))
            .flat_map(|c| &c.sides)
            .find(|s| s.value == value)
            .map_or(0, |s| s.articles.len())
    };
    assert_eq!(k.len(), 2, "{:#?}", story.conflicts);
    assert_eq!((side("Kessler", "mayor"), side("Kessler", "governor")), (24, 6), "{k:#?}");
    assert_eq!((side("who is", "Tomas Brandt"), side("who is", "Elin Varga")), (20, 10), "{k:#?}");
}

#[test]
fn one_portfolio_office_given_two_portfolios_is_a_role_conflict() {
    let story = fuse(&[
        dated(
            "a",
            "Transport Minister Lina Ostrova ordered an inquiry into the derailment near Pask.",
        ),
        dated(
            "b",
            "Health Minister Lina Ostrova ordered an inquiry into the derailment near Pask on Monday.",
        ),
    ]);
    let k = of_kind(&story, ConflictKind::Role);
    assert_eq!(k.len(), 1, "{:#?}", story.conflicts);
}

#[test]
fn one_role_worded_differently_is_no_conflict() {
    let story = fuse(&[
        dated(
            "a",
            "Transport Minister Lina Ostrova ordered an inquiry into the derailment near Pask. Mayor Jon Pell said the line would stay shut. Captain Piet Arden of the Norvish Navy led the search. Rolf Amsel, the director of the Pask Water Board, said the river was rising.",
        ),
        dated(
            "b",
            "The Minister of Transport, Lina Ostrova, ordered an inquiry into the derailment near Pask. Pask's mayor, Jon Pell, said the line would stay shut. Navy captain Piet Arden led the search. The director of the water board, Rolf Amsel, said the river was rising.",
        ),
        dated(
            "c",
            "Lina Ostrova, the transport minister, has ordered an inquiry into the derailment near Pask. The mayor, Jon Pell, said the line would stay shut for weeks. Search leader Piet Arden, a navy captain, said nobody was missing. Water board director Rolf Amsel said the river was rising fast.",
        ),
    ]);
    assert!(of_kind(&story, ConflictKind::Role).is_empty(), "{:#?}", story.conflicts);
}

#[test]
fn compatible_descriptions_of_one_person_are_no_conflict() {
    let story = fuse(&[
        dated(
            "a",
            "Finance Minister Rolf Amsel said the budget would cover the repairs to the Pask dam.",
        ),
        dated(
            "b",
            "Party leader Rolf Amsel said the budget would cover the repairs to the Pask dam this year.",
        ),
        dated(
            "c",
            "Chairman Rolf Amsel said the budget would cover the repairs to the Pask dam, the minister added.",
        ),
    ]);
    assert!(of_kind(&story, ConflictKind::Role).is_empty(), "{:#?}", story.conflicts);
}

#[test]
fn heads_of_different_places_are_no_conflict() {
    let story = fuse(&[
        dated(
            "a",
            "President Arlo Venn condemned the attack on the border post at Kesh and sent condolences.",
        ),
        dated(
            "b",
            "President Mira Sollis condemned the attack on the border post at Kesh and sent condolences.",
        ),
        dated(
            "c",
            "Orlen Mayor Jon Pell opened the new tram line. Pask Mayor Tilde Rask opened the new tram line too.",
        ),
        dated("d", "Mayor Jon Pell of Orlen said the new tram line had cost less than planned."),
        dated("e", "Mayor Tilde Rask of Pask said her new tram line had cost less than planned."),
    ]);
    assert!(of_kind(&story, ConflictKind::Role).is_empty(), "{:#?}", story.conflicts);
}

#[test]
fn a_former_office_is_no_conflict() {
    let story = fuse(&[
        dated("a", "Former governor Anna Kessler said the tram depot in Orlen would reopen soon."),
        dated(
            "b",
            "Mayor Anna Kessler said the tram depot in Orlen would reopen soon after repairs.",
        ),
    ]);
    assert!(of_kind(&story, ConflictKind::Role).is_empty(), "{:#?}", story.conflicts);
}

// ---------------------------------------------------------------------------------------------
// Alternative values.

#[test]
fn bare_surnames_of_different_people_are_alternatives() {
    let story = fuse(&[
        dated(
            "a",
            "The architect Lena Kessler spoke at the opening of the new opera house in Pask. Its curved roof was inspired by Kessler, critics wrote on Sunday.",
        ),
        dated(
            "b",
            "The engineer Tomas Marrow spoke at the opening of the new opera house in Pask. Its curved roof was inspired by Marrow, critics wrote on Sunday.",
        ),
    ]);
    let k = of_kind(&story, ConflictKind::Other);
    assert_eq!(k.len(), 1, "{:#?}", story.conflicts);
    assert_eq!(
        values(k[0]),
        ["Lena Kessler", "Tomas Marrow"],
        "{:?}",
        story.entities.iter().map(|e| (&e.name, &e.variants, e.kind)).collect::<Vec<_>>()
    );
}

#[test]
fn a_surname_and_the_full_name_are_no_alternatives() {
    let story = fuse(&[
        dated(
            "a",
            "The architect Lena Kessler spoke at the opening of the new opera house in Pask. Its curved roof was inspired by Kessler, critics wrote on Sunday.",
        ),
        dated(
            "b",
            "The new opera house in Pask opened on Saturday. Its curved roof was inspired by Lena Kessler, critics wrote on Sunday.",
        ),
    ]);
    assert!(story.conflicts.is_empty(), "{:#?}", story.conflicts);
}

// ---------------------------------------------------------------------------------------------
// Places.

#[test]
fn one_blast_placed_in_two_cities_is_a_place_conflict() {
    let story = fuse(&[
        dated("a", "The bomb exploded in Madrid shortly after noon, police said."),
        dated("b", "The bomb exploded in Barcelona shortly after noon, according to police."),
        dated("c", "A bomb exploded in Madrid shortly after noon on Tuesday."),
    ]);
    let k = of_kind(&story, ConflictKind::Place);
    assert_eq!(k.len(), 1, "{:#?}", story.conflicts);
    assert_eq!(values(k[0]), ["Barcelona", "Madrid"]);
    let madrid = k[0].sides.iter().find(|s| s.value == "Madrid").unwrap();
    assert_eq!(ids(&madrid.articles), ["a", "c"]);
}

#[test]
fn a_city_and_its_country_are_no_place_conflict() {
    let story = fuse(&[
        dated("a", "The bomb exploded in Madrid shortly after noon, police said."),
        dated("b", "The bomb exploded in Spain shortly after noon, according to police."),
        dated("c", "A bomb exploded in Europe shortly after noon on Tuesday."),
    ]);
    assert!(of_kind(&story, ConflictKind::Place).is_empty(), "{:#?}", story.conflicts);
}

#[test]
fn a_district_and_its_city_are_no_place_conflict() {
    let story = fuse(&[
        dated(
            "a",
            "The bomb exploded in Velmora shortly after noon, police said. Velmora is a district of Madrid.",
        ),
        dated("b", "The bomb exploded in Madrid shortly after noon, according to police."),
    ]);
    assert!(of_kind(&story, ConflictKind::Place).is_empty(), "{:#?}", story.conflicts);
}

// ---------------------------------------------------------------------------------------------
// Numbers.

#[test]
fn an_undated_report_is_on_its_number_side() {
    let story = fuse(&[
        dated("a", "Twelve people were injured when the roof of the Pask ice rink fell in."),
        article("b", None, "The roof of the Pask ice rink fell in and 12 people were injured."),
        article(
            "c",
            Some("2026-05-07"),
            "Fourteen people were injured when the roof of the Pask ice rink fell in on Tuesday.",
        ),
    ]);
    let k = of_kind(&story, ConflictKind::Number);
    assert_eq!(k.len(), 1, "{:#?}", story.conflicts);
    let twelve = k[0].sides.iter().find(|s| s.value.contains("12")).expect("12");
    assert_eq!(ids(&twelve.articles), ["a", "b"]);
}

// ---------------------------------------------------------------------------------------------
// Timeline.

#[test]
fn inferred_is_per_article_in_a_mixed_entry() {
    // Published Wednesday 6 May 2026; the undated copy is resolved against the story's date.
    let arts = [
        dated("a", "The ferry Lindholm Star left the port of Pask on Monday evening with 40 cars."),
        article(
            "b",
            None,
            "The ferry Lindholm Star left the port of Pask on Monday evening with 40 cars on board.",
        ),
        dated("c", "The ferry Lindholm Star sank off Kesh in the night, the coast guard said."),
    ];
    let story = fuse(&arts);
    let monday: Vec<_> = story.timeline.iter().filter(|t| t.date == "2026-05-04").collect();
    let of = |id: &str| {
        monday
            .iter()
            .find(|t| t.articles.iter().any(|a| a.as_str() == id))
            .unwrap_or_else(|| panic!("{id} in {:#?}", story.timeline))
    };
    assert!(!of("a").inferred, "{:#?}", story.timeline);
    assert!(of("b").inferred, "{:#?}", story.timeline);
    // Every entry's flag says whether its articles lack a date of their own.
    for t in &story.timeline {
        let undated = t.articles.iter().all(|a| a.as_str() == "b");
        assert_eq!(t.inferred, undated, "{t:#?}");
    }
}

#[test]
fn an_undated_reports_full_date_is_not_inferred() {
    let story = fuse(&[
        dated("a", "The ferry Lindholm Star left the port of Pask on May 4, 2026 with 40 cars."),
        article(
            "b",
            None,
            "The ferry Lindholm Star left the port of Pask on 4 May 2026 with 40 cars on board.",
        ),
    ]);
    let may4: Vec<_> = story.timeline.iter().filter(|t| t.date == "2026-05-04").collect();
    assert!(!may4.is_empty(), "{:#?}", story.timeline);
    assert!(may4.iter().all(|t| !t.inferred), "{may4:#?}");
    assert!(may4.iter().any(|t| t.articles.iter().any(|a| a.as_str() == "b")), "{may4:#?}");
}

#[test]
fn dated_entries_come_before_inferred_ones_of_the_same_day() {
    let story = fuse(&[
        article(
            "b",
            None,
            "The ferry Lindholm Star left the port of Pask on Monday evening with 40 cars on board.",
        ),
        dated("a", "The ferry Lindholm Star left the port of Pask on Monday evening with 40 cars."),
    ]);
    let monday: Vec<bool> =
        story.timeline.iter().filter(|t| t.date == "2026-05-04").map(|t| t.inferred).collect();
    assert_eq!(monday, [false, true], "{:#?}", story.timeline);
}

#[test]
fn one_blast_placed_in_two_countries_is_a_place_conflict() {
    let story = fuse(&[
        dated("a", "The bomb exploded in Spain shortly after noon, police said."),
        dated("b", "The bomb exploded in Portugal shortly after noon, according to police."),
    ]);
    let k = of_kind(&story, ConflictKind::Place);
    assert_eq!(k.len(), 1, "{:#?}", story.conflicts);
    assert_eq!(values(k[0]), ["Portugal", "Spain"]);
}

#[test]
fn one_surname_shared_by_two_full_names_is_left_alone() {
    // Two full names end with one word: the bare surname could be either, so it is compared as
    // written, and is part of both.
    let story = fuse(&[
        dated(
            "a",
            "Lena Kessler and Jonas Kessler spoke at the opening of the new opera house in Pask. Its curved roof was inspired by Kessler, critics wrote on Sunday.",
        ),
        dated(
            "b",
            "The new opera house in Pask opened on Saturday. Its curved roof was inspired by Jonas Kessler, critics wrote on Sunday.",
        ),
    ]);
    assert!(of_kind(&story, ConflictKind::Other).is_empty(), "{:#?}", story.conflicts);
}

#[test]
fn an_appositive_office_meets_a_title() {
    let story = fuse(&[
        dated(
            "a",
            "The mayor, Anna Kessler, said the flooded tram depot in Orlen would reopen within a month.",
        ),
        dated(
            "b",
            "Mayor Jon Pell said the flooded tram depot in Orlen would reopen within a month.",
        ),
    ]);
    let k = of_kind(&story, ConflictKind::Role);
    assert_eq!(k.len(), 1, "{:#?}", story.conflicts);
    assert_eq!(values(k[0]), ["Anna Kessler", "Jon Pell"]);
}

#[test]
fn a_predecessor_named_by_one_report_is_no_conflict() {
    let story = fuse(&[
        dated(
            "a",
            "Police chief Tomas Brandt said the gunman in Orlen had acted alone. He took over from police chief Elin Varga in March.",
        ),
        dated(
            "b",
            "Police chief Elin Varga said the gunman in Orlen had acted alone, according to the town's website.",
        ),
    ]);
    assert!(of_kind(&story, ConflictKind::Role).is_empty(), "{:#?}", story.conflicts);
}

#[test]
fn an_office_inside_a_quotation_is_the_speakers() {
    let story = fuse(&[
        dated(
            "a",
            "\"As governor, Anna Kessler will rebuild the tram depot in Orlen,\" her campaign said.",
        ),
        dated("b", "Mayor Anna Kessler will rebuild the tram depot in Orlen, her office said."),
    ]);
    assert!(of_kind(&story, ConflictKind::Role).is_empty(), "{:#?}", story.conflicts);
}
