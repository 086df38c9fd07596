//! Unit tests of story clustering.

use proptest::prelude::*;

use super::*;

/// Invented reports: three events, two of them of the same kind.
const DOCS: [(&str, &str); 7] = [
    (
        "q1",
        "A magnitude 6.1 earthquake struck Tarvik on Monday. Officials in Tarvik said 12 people died.",
    ),
    (
        "q2",
        "Rescuers in Tarvik dug through rubble on Tuesday after the 6.1 quake killed 12, Mayor Olsa Brin said.",
    ),
    (
        "q3",
        "Mayor Olsa Brin of Tarvik asked for tents after Monday's earthquake left thousands homeless.",
    ),
    (
        "e1",
        "A magnitude 5.2 earthquake shook Pellona on Friday. No deaths were reported, Governor Ruel Kast said.",
    ),
    (
        "e2",
        "Governor Ruel Kast said the 5.2 quake in Pellona cracked two bridges but caused no deaths.",
    ),
    (
        "b1",
        "The Norland central bank raised its rate to 4.5 percent, Governor Ilse Varg told reporters.",
    ),
    (
        "b2",
        "Ilse Varg, governor of the Norland central bank, defended the rise to 4.5 percent on Thursday.",
    ),
];

fn docs() -> Vec<ClusterDoc<'static>> {
    DOCS.iter().map(|(id, t)| ClusterDoc::new(id, t)).collect()
}

#[test]
fn same_event_together_sibling_event_apart() {
    let c = ClusterBuilder::new().build().unwrap();
    let out = c.cluster(&docs());
    let s: Vec<u32> = out.iter().map(|a| a.story).collect();
    assert_eq!(s[0], s[1]);
    assert_eq!(s[1], s[2]);
    assert_eq!(s[3], s[4]);
    assert_eq!(s[5], s[6]);
    assert_ne!(s[0], s[3], "two earthquakes are two stories");
    assert_ne!(s[0], s[5]);
    assert!(out.iter().all(|a| (0.0..=1.0).contains(&a.score)));
}

#[test]
fn dates_beyond_the_horizon_are_never_compared() {
    let mut b = ClusterBuilder::new();
    b.horizon_days(100);
    let c = b.build().unwrap();
    let mut d = docs();
    d[1].date = Date::new(2024, 1, 1);
    d[0].date = Date::new(2024, 1, 2);
    d[2].date = Date::new(2024, 6, 1);
    let out = c.cluster(&d[..3]);
    assert_eq!(out[0].story, out[1].story);
    assert_ne!(out[0].story, out[2].story, "five months later is beyond the horizon");
}

#[test]
fn a_gap_weighs_against_a_match() {
    // The same three reports: dated five months apart, the late one sits less firmly in the
    // story than on the same day.
    let c = ClusterBuilder::new().build().unwrap();
    let mut d = docs();
    for x in &mut d[..3] {
        x.date = Date::new(2024, 1, 1);
    }
    let near = c.cluster(&d[..3]);
    d[2].date = Date::new(2024, 6, 1);
    let far = c.cluster(&d[..3]);
    assert!(far[2].score < near[2].score, "{far:?} {near:?}");
}

#[test]
fn time_is_evidence_not_a_wall() {
    // The same similarity weighs less the further apart the reports are, a weak one much less.
    let at = |s: f32, gap: u32| time_evidence(s, gap, 7, 0);
    assert!((at(0.6, 0) - 0.6).abs() < 1e-6);
    assert!(at(0.6, 7) < 0.6 && at(0.6, 7) > 0.4);
    assert!(at(0.6, 30) > 0.2, "a strong match a month later still counts: {}", at(0.6, 30));
    assert!(at(0.3, 30) < 0.05, "a weak match a month apart hardly counts: {}", at(0.3, 30));
    assert!(at(0.6, 365) < at(0.6, 30));
    assert!(at(0.9, 60) > at(0.3, 1), "strong evidence outweighs the gap");
}

#[test]
fn a_close_date_is_evidence_for_a_match() {
    // Within the neutral gap the same similarity weighs more, the closer the more; at the gap
    // it is unchanged; past it, less.
    let at = |s: f32, gap: u32| time_evidence(s, gap, 30, 7);
    assert!(at(0.3, 0) > at(0.3, 3) && at(0.3, 3) > 0.3, "{} {}", at(0.3, 0), at(0.3, 3));
    assert!((at(0.3, 7) - 0.3).abs() < 1e-6);
    assert!(at(0.3, 8) < 0.3);
    assert!(at(0.3, 0) < 0.5, "a weak match stays weak on the same day: {}", at(0.3, 0));
    // A neutral gap past the time scale counts as the time scale: never a negative exponent.
    assert!((time_evidence(0.3, 3, 3, 50) - 0.3).abs() < 1e-6);
    let same_day = time_evidence(0.3, 0, 3, 50);
    assert!(same_day > 0.3 && same_day < 1.0, "{same_day}");
    assert!(
        (time_evidence(0.0, 0, 30, 7)).abs() < 1e-9
            && (time_evidence(1.0, 0, 30, 7) - 1.0).abs() < 1e-6
    );
}

#[test]
fn a_strong_follow_up_weeks_later_joins() {
    let c = ClusterBuilder::new().build().unwrap();
    let mut d = docs();
    d[0].date = Date::new(2024, 1, 1);
    d[1].date = Date::new(2024, 1, 2);
    d[2].date = Date::new(2024, 1, 24);
    let out = c.cluster(&d[..3]);
    assert_eq!(out[0].story, out[2].story, "three weeks later, same mayor, same quake: {out:?}");
}

#[test]
fn builder_rejects_bad_values() {
    assert!(matches!(
        ClusterBuilder::new().threshold(0.0).build(),
        Err(ClusterError::InvalidThreshold { .. })
    ));
    assert!(matches!(
        ClusterBuilder::new().entity_weight(1.5).build(),
        Err(ClusterError::InvalidEntityWeight { .. })
    ));
    assert!(matches!(
        ClusterBuilder::new().window_days(0).build(),
        Err(ClusterError::InvalidWindow { .. })
    ));
    assert!(matches!(
        ClusterBuilder::new().horizon_days(0).build(),
        Err(ClusterError::InvalidWindow { .. })
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The same documents in any order give the same stories, numbered the same, with the
    /// same scores.
    #[test]
    fn clustering_is_permutation_invariant(
        perm in Just((0..DOCS.len()).collect::<Vec<_>>()).prop_shuffle(),
        dated in any::<bool>(),
    ) {
        let c = ClusterBuilder::new().build().unwrap();
        let mut base = docs();
        if dated {
            for (i, d) in base.iter_mut().enumerate() {
                d.date = Date::new(2025, 3, 1 + (i % 3) as i8);
            }
        }
        let want = c.cluster(&base);
        let shuffled: Vec<ClusterDoc<'_>> = perm.iter().map(|&i| base[i]).collect();
        let got = c.cluster(&shuffled);
        for (k, &i) in perm.iter().enumerate() {
            prop_assert_eq!(got[k], want[i]);
        }
    }

    /// The same on every committed fixture at once (21 documents, several stories of one
    /// kind), with some documents dated and some not, and with a small candidate list so that
    /// the capped linkage and the postings cap are exercised.
    #[test]
    fn clustering_is_permutation_invariant_on_fixtures(
        seed in any::<u64>(),
        dates in proptest::collection::vec(proptest::option::of(1i8..20), 21),
        small in any::<bool>(),
    ) {
        let texts = fixture_texts();
        let mut base: Vec<ClusterDoc<'_>> =
            texts.iter().map(|(id, t)| ClusterDoc::new(id, t)).collect();
        for (d, day) in base.iter_mut().zip(&dates) {
            d.date = day.and_then(|x| Date::new(2025, 3, x));
        }
        let mut b = ClusterBuilder::new();
        if small {
            b.max_candidates(3).max_postings(2).neighbours(2);
        }
        let c = b.build().unwrap();
        let want = c.cluster(&base);
        // A seeded shuffle (Fisher-Yates with SplitMix64).
        let mut perm: Vec<usize> = (0..base.len()).collect();
        let mut x = seed;
        for i in (1..perm.len()).rev() {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let z = (x ^ (x >> 31)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            perm.swap(i, (z % (i as u64 + 1)) as usize);
        }
        let shuffled: Vec<ClusterDoc<'_>> = perm.iter().map(|&i| base[i]).collect();
        let got = c.cluster(&shuffled);
        for (k, &i) in perm.iter().enumerate() {
            prop_assert_eq!(got[k], want[i]);
        }
    }
}

/// `(id, text)` of every line of every `resources/test/*.jsonl` fixture, in file name order.
fn fixture_texts() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("resources/test");
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        for line in std::fs::read_to_string(f).unwrap().lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            out.push((
                v["id"].as_str().unwrap().to_string(),
                v["text"].as_str().unwrap().to_string(),
            ));
        }
    }
    assert_eq!(out.len(), 21, "the property test's date vector has one entry per fixture line");
    out
}

#[test]
fn background_prior_keeps_a_small_batch_together() {
    // Six short reports of one story and one of another: the story's own words are in most
    // documents, which batch IDF alone would weigh down to nothing.
    let docs = [
        ClusterDoc::new("1", "The Orsk dam on the Pella river burst on Monday, flooding Vinter."),
        ClusterDoc::new("2", "Floods from the burst Orsk dam reached Vinter's old town on Monday."),
        ClusterDoc::new("3", "Engineers blamed cracks in the Orsk dam for the Pella river floods."),
        ClusterDoc::new("4", "Vinter residents returned home as the Pella river floods receded."),
        ClusterDoc::new("5", "The mayor of Vinter asked for aid after the Orsk dam burst."),
        ClusterDoc::new(
            "6",
            "Pella river levels fell on Tuesday, two days after the Orsk dam gave way.",
        ),
        ClusterDoc::new("7", "The Talm cooperative agreed to buy Merrow Foods for 40 million."),
    ];
    let out = ClusterBuilder::new().build().unwrap().cluster(&docs);
    for a in &out[1..6] {
        assert_eq!(a.story, out[0].story, "{out:?}");
    }
    assert_ne!(out[6].story, out[0].story);
}

#[test]
fn issue_15_reports_in_other_languages_join_their_story() {
    let c = ClusterBuilder::new().build().unwrap();
    let mut d = docs();
    // Invented reports of the Tarvik earthquake in German and Spanish, and of the Norland rate
    // rise in French: they share only names and numbers with the English reports.
    d.push(ClusterDoc::new(
        "de",
        "Ein Erdbeben der Stärke 6,1 hat am Montag Tarvik erschüttert. Die Behörden in Tarvik \
         meldeten 12 Tote, sagte Bürgermeisterin Olsa Brin.",
    ));
    d.push(ClusterDoc::new(
        "es",
        "Un terremoto de magnitud 6,1 sacudió Tarvik el lunes y dejó 12 muertos, según la \
         alcaldesa Olsa Brin.",
    ));
    d.push(ClusterDoc::new(
        "fr",
        "La banque centrale de Norland a relevé son taux à 4,5 %, a déclaré la gouverneure Ilse \
         Varg jeudi.",
    ));
    let out = c.cluster(&d);
    let s: Vec<u32> = out.iter().map(|a| a.story).collect();
    assert_eq!(s[7], s[0], "the German report joins the Tarvik story");
    assert_eq!(s[8], s[0], "the Spanish report joins the Tarvik story");
    assert_eq!(s[9], s[5], "the French report joins the Norland story");
    assert_ne!(s[3], s[0], "the Pellona earthquake stays apart");
}

#[test]
fn a_second_report_in_another_language_follows_the_first() {
    let c = ClusterBuilder::new().build().unwrap();
    let mut d = docs();
    d.push(ClusterDoc::new(
        "de",
        "Ein Erdbeben der Stärke 6,1 hat am Montag Tarvik erschüttert. Die Behörden in Tarvik \
         meldeten 12 Tote, sagte Bürgermeisterin Olsa Brin.",
    ));
    // Shares the first German report's words, hardly a name or number with the English ones.
    d.push(ClusterDoc::new(
        "de2",
        "Ein schweres Erdbeben hat am Montag die Stadt erschüttert. Die Behörden meldeten Tote \
         und Verletzte, sagte die Bürgermeisterin. Die Behörden suchen in den Trümmern.",
    ));
    let out = c.cluster(&d);
    let s: Vec<u32> = out.iter().map(|a| a.story).collect();
    assert_eq!(s[7], s[0], "the first German report joins the Tarvik story");
    assert_eq!(s[8], s[0], "the second follows it: {s:?}");
}
