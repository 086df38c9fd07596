//! Written variants of one name: legal forms and `and`/`&`, dropped letters, middle names,
//! familiar first names, a place before the name and the head word of an organisation.
//!
//! ## What it does
//!
//! Merges two forms of the story when one is a regular variant of the other:
//!
//! - **Legal form and `&`.** `Ostrel Mining and Cable Company Limited`, `Ostrel Mining & Cable
//!   Co` and `Ostrel Mining & Cable` compare equal once `and` is read as `&` and trailing
//!   legal forms (`Co`, `Ltd`, `Inc`: the `legal_forms` list) are dropped. A name joined by a
//!   lowercase `and` is a name only when the story confirms it this way or by its acronym
//!   (`Bureau of Roads and Canals` / `BRC`).
//! - **Dropped letters.** A page that lost its accented letters (`Jos Ibez` for `José Ibáñez`)
//!   matches the name with its non-ASCII letters removed.
//! - **Middle names.** `Ilse Marta Vorhees` and `Ilse Vorhees` are one person when no other
//!   person of the story has that first and last name; so are `Ana Luísa` and the one name of
//!   four words or more it opens (`Ana Luísa Prado Velho`: given names, then two surnames).
//! - **Familiar first names.** `Bill Tarrant` and `William Tarrant` (the `given_name_variants`
//!   list).
//! - **A place before the name.** `Velmora Harbour Board` and `Harbour Board`, `Velmora
//!   Comets` and `Comets`, when no other place in the story owns that name.
//! - **Organisation word after the name.** `Velm Harbour Police` and `Velm Harbour Police
//!   Department`, when the story has one such longer name.
//! - **Organisation head.** `the Courier` for the one `Dunmore Evening Courier` of the
//!   articles that use it (else of the story), when the word is an organisation word
//!   (`Journal`, `Times`, `Post`) or follows a definite article (`the Comets` for `Velm
//!   Harbour Comets`); the mention then takes the article.
//!
//! ## Why
//!
//! Outlets spell one organisation with or without its legal form, `and` or `&`, and with or
//! without the city that owns it; they shorten a person's name or drop a middle name; badly
//! converted pages lose every accented letter. Each of these is a regular rewrite, so it can
//! be undone without knowing the name.
//!
//! ## Example
//!
//! `Hallen Brothers & Sons Ltd` and `Hallen Brothers and Sons` are one organisation;
//! `Marta Vorhees` and `Marta Lindqvist Vorhees` are one person, but not if the story also
//! names a `Marta Ilse Vorhees`.
//!
//! ## Limitations
//!
//! A place prefix is read from the gazetteer only. The familiar-name list is English. A surname
//! shared by two families of the story keeps their middle names apart only when both appear.
//!
//! ## References
//!
//! Issue 12 (fusion on real coverage).

use foldhash::{HashMap, HashMapExt};
use std::collections::{BTreeMap, BTreeSet};

use crosscheck_text::lexicon::{Lexicon, List};

use super::acronyms::{acronym, initials};
use super::gazetteer::gazetteer;
use super::names::{is_geo_word, is_joiner, is_org_word, same_word};
use super::{Form, kind_of};
use crate::analysis::words::fold;
use crate::story::EntityKind;
use crosscheck_core::DisjointSets;

/// The comparison key of an organisation name: `and` read as `&`, trailing legal forms
/// dropped; `None` when fewer than two words remain (the parts of a hyphenated compound
/// counted as words).
fn core_key<'f>(lex: &Lexicon, f: &'f Form) -> Option<Vec<&'f str>> {
    let common = Lexicon::common();
    let mut t: Vec<&str> = f
        .tokens
        .iter()
        .map(|t| if lex.has(List::AndWords, t) { "&" } else { t.as_str() })
        .collect();
    // Words of a hyphenated compound count apart: `Hewlett-Packard Co.` keeps two words.
    let words = |t: &[&str]| {
        t.iter().map(|w| w.split('-').filter(|p| !p.is_empty()).count()).sum::<usize>()
    };
    while words(&t) > 2 && t.last().is_some_and(|w| common.has(List::LegalForms, w)) {
        t.pop();
    }
    (words(&t) >= 2).then_some(t)
}

/// Whether a form is clearly a person's name.
fn person(f: &Form) -> bool {
    f.votes.person >= 2 || !f.roles.is_empty()
}

/// Keeps a tentative name (joined by `and`) only when the story confirms it: another name
/// with the same [`core_key`], or an acronym that spells its initials.
pub(super) fn confirm_tentative(lex: &Lexicon, forms: &[Form], mut keep: Vec<bool>) -> Vec<bool> {
    let firm: BTreeSet<Vec<&str>> = forms
        .iter()
        .zip(&keep)
        .filter(|(f, k)| **k && !f.tentative)
        .filter_map(|(f, _)| core_key(lex, f))
        .collect();
    let acronyms: BTreeSet<String> =
        forms.iter().zip(&keep).filter(|(_, k)| **k).filter_map(|(f, _)| acronym(f)).collect();
    for (i, f) in forms.iter().enumerate() {
        if f.tentative {
            keep[i] = core_key(lex, f).is_some_and(|k| firm.contains(&k))
                || acronyms.contains(&initials(lex, f));
        }
    }
    keep
}

/// Merges the regular variants of one name; see the module documentation.
pub(super) fn merge_variants(lex: &Lexicon, forms: &[Form], keep: &[bool], uf: &mut DisjointSets) {
    merge_core_keys(lex, forms, keep, uf);
    merge_dropped_letters(forms, keep, uf);
    merge_middle_names(forms, keep, uf);
    merge_given_names(lex, forms, keep, uf);
    merge_place_prefixes(lex, forms, keep, uf);
    merge_org_tails(lex, forms, keep, uf);
}

fn merge_core_keys(lex: &Lexicon, forms: &[Form], keep: &[bool], uf: &mut DisjointSets) {
    let mut by_key: BTreeMap<Vec<&str>, Vec<u32>> = BTreeMap::new();
    for (i, f) in forms.iter().enumerate() {
        if keep[i]
            && !person(f)
            && let Some(k) = core_key(lex, f)
        {
            by_key.entry(k).or_default().push(i as u32);
        }
    }
    for ids in by_key.values() {
        for &j in &ids[1..] {
            uf.union(ids[0] as usize, j as usize);
        }
    }
}

fn merge_dropped_letters(forms: &[Form], keep: &[bool], uf: &mut DisjointSets) {
    let by_key: HashMap<&str, u32> = forms
        .iter()
        .enumerate()
        .filter(|(i, _)| keep[*i])
        .map(|(i, f)| (f.key.as_str(), i as u32))
        .collect();
    for (i, f) in forms.iter().enumerate() {
        if !keep[i] {
            continue;
        }
        for s in f.surfaces.keys().filter(|s| !s.is_ascii()) {
            let dropped: String = s.chars().filter(char::is_ascii).collect();
            let dropped = fold(&dropped);
            if dropped != f.key
                && dropped.split(' ').count() == f.tokens.len()
                && dropped.split(' ').all(|w| w.len() >= 2)
                && let Some(&j) = by_key.get(dropped.as_str())
            {
                uf.union(i, j as usize);
            }
        }
    }
}

fn merge_middle_names(forms: &[Form], keep: &[bool], uf: &mut DisjointSets) {
    for (i, short) in forms.iter().enumerate() {
        if !keep[i] || short.tokens.len() != 2 || short.votes.org + short.votes.place > 0 {
            continue;
        }
        let mut targets: BTreeSet<usize> = BTreeSet::new();
        for (j, full) in forms.iter().enumerate() {
            if !keep[j] || full.votes.org + full.votes.place > 0 {
                continue;
            }
            let n = full.tokens.len();
            // `Ilse Vorhees` in `Ilse Marta Vorhees`; `Ana Luísa` opening `Ana Luísa Prado
            // Velho`, a name of two surnames written by its given names.
            let middle = n == 3
                && !is_joiner(&full.tokens[1])
                && same_word(&short.tokens[0], &full.tokens[0])
                && same_word(&short.tokens[1], &full.tokens[2]);
            let given = n >= 4
                && !full.tokens.iter().any(|w| is_joiner(w))
                && same_word(&short.tokens[0], &full.tokens[0])
                && same_word(&short.tokens[1], &full.tokens[1]);
            if middle || given {
                targets.insert(uf.find(j));
            }
        }
        if targets.len() == 1
            && let Some(&root) = targets.first()
        {
            uf.union(root, i);
        }
    }
}

fn merge_given_names(lex: &Lexicon, forms: &[Form], keep: &[bool], uf: &mut DisjointSets) {
    // The names of two words or more that are more a person's than anything else, by the words
    // after their first.
    let mut by_rest: BTreeMap<&[String], Vec<usize>> = BTreeMap::new();
    for (i, f) in forms.iter().enumerate() {
        if keep[i] && f.tokens.len() >= 2 && f.votes.org + f.votes.place <= f.votes.person {
            by_rest.entry(&f.tokens[1..]).or_default().push(i);
        }
    }
    for ids in by_rest.values().filter(|ids| ids.len() > 1) {
        for (x, &i) in ids.iter().enumerate() {
            for &j in &ids[x + 1..] {
                if same_given_name(lex, &forms[i].tokens[0], &forms[j].tokens[0]) {
                    uf.union(i, j);
                }
            }
        }
    }
}

/// Whether two given names are one person's: equal, one the familiar form of the other
/// (`Bill` / `William` by the curated list, `Katie` / `Kathryn` by the generated one), or two
/// familiar forms of one full name in the curated list.
fn same_given_name(lex: &Lexicon, a: &str, b: &str) -> bool {
    let canonical = |w| lex.value(List::GivenNameVariants, w).unwrap_or(w);
    let related = |x: &str, y: &str| {
        lex.value(List::GivenNames, x).is_some_and(|r| r.split(',').any(|n| n == y))
    };
    a == b || canonical(a) == canonical(b) || related(a, b) || related(b, a)
}

/// The gazetteer place a name opens with (`Velmora` of `Velmora Comets`) and the rest of the
/// name.
fn place_prefix(f: &Form) -> Option<(u32, &[String])> {
    let g = gazetteer();
    (1..f.tokens.len().min(4)).rev().find_map(|k| {
        let e = g.lookup(&f.tokens[..k].join(" "))?;
        (e.kind == EntityKind::Place).then_some((e.id, &f.tokens[k..]))
    })
}

fn merge_place_prefixes(lex: &Lexicon, forms: &[Form], keep: &[bool], uf: &mut DisjointSets) {
    let prefixed: Vec<(u32, u32, &[String])> = forms
        .iter()
        .enumerate()
        .filter(|(i, f)| keep[*i] && f.gazetteer.is_none() && !person(f))
        .filter_map(|(i, f)| place_prefix(f).map(|(g, rest)| (i as u32, g, rest)))
        // An institution the place owns (`Velmora Harbour Board`): a distinctive word and an
        // organisation word.
        .filter(|(_, _, rest)| {
            rest.len() >= 2
                && rest.last().is_some_and(|w| is_org_word(lex, w))
                && rest.iter().any(|w| !is_org_word(lex, w) && w.len() > 2)
        })
        .collect();
    for (j, x) in forms.iter().enumerate() {
        if !keep[j] || x.gazetteer.is_some() || person(x) || place_prefix(x).is_some() {
            continue;
        }
        let hits: Vec<(u32, u32)> = prefixed
            .iter()
            .filter(|(_, _, rest)| {
                rest.len() == x.tokens.len()
                    && rest.iter().zip(&x.tokens).all(|(p, q)| same_word(p, q))
            })
            .map(|&(i, g, _)| (i, g))
            .collect();
        let places: BTreeSet<u32> = hits.iter().map(|&(_, g)| g).collect();
        if places.len() == 1 {
            for (i, _) in hits {
                uf.union(i as usize, j);
            }
        }
    }
}

/// Merges a name of two words or more with the one longer name of the story that adds an
/// organisation word at its end (`Velm Harbour Police` and `Velm Harbour Police Department`,
/// `Ostrel Recovery` and `Ostrel Recovery Center`). Places (of the gazetteer, or after a
/// place cue: `in Velmora Bay` is not `Velmora Bay Times`) and people are left out; two longer names (`… Center`, `… Institute`) keep the short one apart.
fn merge_org_tails(lex: &Lexicon, forms: &[Form], keep: &[bool], uf: &mut DisjointSets) {
    let mut by_base: HashMap<&[String], Vec<usize>> = HashMap::new();
    for (j, m) in forms.iter().enumerate() {
        if keep[j]
            && m.tokens.len() >= 3
            && m.gazetteer.is_none()
            && !person(m)
            && m.tokens.last().is_some_and(|w| is_org_word(lex, w))
        {
            by_base.entry(&m.tokens[..m.tokens.len() - 1]).or_default().push(j);
        }
    }
    for (i, x) in forms.iter().enumerate() {
        // A place (`in Velmora Bay`) is not short for its newspaper (`Velmora Bay Times`).
        if !keep[i] || x.tokens.len() < 2 || x.gazetteer.is_some() || person(x) || x.votes.place > 0
        {
            continue;
        }
        let Some(longer) = by_base.get(x.tokens.as_slice()) else { continue };
        let roots: BTreeSet<usize> = longer.iter().map(|&j| uf.find(j)).collect();
        if roots.len() == 1 {
            uf.union(i, longer[0]);
        }
    }
}

/// Merges a one-word organisation head (`the Courier`, `the Comets`) with the one organisation
/// whose multi-word name ends with it: the one of the articles that use the head when they
/// name exactly one, else the one of the story. The head is an organisation word or follows a
/// definite article; two names with that head (of organisations or not) keep it apart. Returns the forms merged
/// this way that follow a definite article: their mentions take the article (`the Courier`).
pub(super) fn merge_org_heads(
    lex: &Lexicon,
    forms: &[Form],
    keep: &[bool],
    uf: &mut DisjointSets,
) -> BTreeSet<usize> {
    // Every name of two words or more that is no person's: `the Series` is not the one
    // organisation `Velm League Championship Series` when the story also names a `Grand Series`.
    // A name owned by a place (`Velmora Comets`) counts whatever its cues: a team's name is
    // read as a person's when it `beat` or `said`.
    let owned = |m: &Form| m.gazetteer.is_none() && place_prefix(m).is_some();
    let mut by_last: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, m) in forms.iter().enumerate() {
        if keep[j] && m.tokens.len() >= 2 && (!person(m) || owned(m)) {
            by_last.entry(m.tokens[m.tokens.len() - 1].as_str()).or_default().push(j);
        }
    }
    let mut headed = BTreeSet::new();
    for (i, x) in forms.iter().enumerate() {
        if !keep[i] || x.tokens.len() != 1 || x.mid == 0 {
            continue;
        }
        let head = &x.tokens[0];
        let org_word = is_org_word(lex, head);
        let after_article = x.after_article > 0
            && !person(x)
            && x.gazetteer.is_none()
            // `at the Comets`: a place cue each use after the article may give.
            && x.votes.place <= x.after_article
            && !is_geo_word(lex, head)
            && acronym(x).is_none();
        if !org_word && !after_article {
            continue;
        }
        let Some(ms) = by_last.get(head.as_str()) else { continue };
        let mut local: BTreeSet<usize> = BTreeSet::new();
        let mut story: BTreeSet<usize> = BTreeSet::new();
        for &j in ms {
            let root = uf.find(j);
            story.insert(root);
            if !forms[j].docs.is_disjoint(&x.docs) {
                local.insert(root);
            }
        }
        let targets = if local.is_empty() { story } else { local };
        if targets.len() == 1
            && let Some(&root) = targets.first()
            && ms.iter().any(|&j| {
                uf.find(j) == root
                    && (kind_of(forms[j].votes) == Some(EntityKind::Org) || owned(&forms[j]))
            })
        {
            uf.union(root, i);
            if x.after_article > 0 {
                headed.insert(i);
            }
        }
    }
    headed
}
