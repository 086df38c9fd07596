//! Acronyms merged with the names they abbreviate.
//!
//! ## What it does
//!
//! A one-word name written in capitals (`ICAC`, `MLB`, `J&J`, `F.D.A.`) joins the one longer
//! name of the story whose words' initials spell it, name particles and `&` left out
//! (`Independent Commission Against Corruption`, `Major League Baseball`, `Johnson &
//! Johnson`), or the parts of a hyphenated name that is no person's (`Hollis-Pardee`). When two names of the story have those initials, the acronym stays alone.
//!
//! ## Why
//!
//! Outlets name an organisation in full once and by its initials after, or only by its
//! initials: without the link, one organisation reads as two.
//!
//! ## Example
//!
//! `the Velm Harbour Authority` and `the VHA` are one entity; `VHA` stays apart when the story
//! also names a `Velm Housing Association`.
//!
//! ## Limitations
//!
//! Acronyms of another language's name (`PGR` for the English `Attorney General's Office`)
//! are linked only when an outlet writes them in parentheses after the name, and, unless
//! their letters are the name's initials, only for an institution's name sharing one initial. A name split by a
//! lowercase `and` (`Bureau of Roads and Canals`) is tried whole and kept when its acronym
//! confirms it (see `variants`).
//!
//! ## References
//!
//! Schwartz and Hearst, *A Simple Algorithm for Identifying Abbreviation Definitions in
//! Biomedical Text* (2003).

use foldhash::{HashMap, HashMapExt};
use std::collections::BTreeSet;

use super::names::{is_joiner, is_org_word};
use super::{Form, kind_of};
use crate::story::EntityKind;
use crosscheck_core::DisjointSets;
use crosscheck_text::lexicon::{Lexicon, List};

/// The letters of an acronym, lowercase (`J&J` → `jj`), if the form is one.
pub(super) fn acronym(f: &Form) -> Option<String> {
    if f.tokens.len() != 1 {
        return None;
    }
    let surface = f.surfaces.iter().max_by_key(|(_, n)| **n).map(|(s, _)| s.as_str())?;
    let letters: String = surface.chars().filter(|c| !matches!(c, '&' | '.' | '-')).collect();
    let caps = letters.chars().all(char::is_uppercase);
    (caps && (2..=6).contains(&letters.chars().count())).then(|| letters.to_lowercase())
}

/// The initials of a name's words, particles, `&` and `and` left out.
pub(super) fn initials(lex: &Lexicon, f: &Form) -> String {
    f.tokens
        .iter()
        .flat_map(|t| t.split(['-', ' ']))
        .filter(|w| !w.is_empty() && *w != "&" && !is_joiner(w) && !lex.has(List::AndWords, w))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// The initials of a name whose words include an acronym, that acronym spelled out (`US
/// Geological Survey` → `usgs`), if it has one: an acronym nests the letters of the acronyms
/// inside the name.
fn nested_initials(lex: &Lexicon, f: &Form) -> Option<String> {
    let surface = f.surfaces.iter().max_by_key(|(_, n)| **n).map(|(s, _)| s.as_str())?;
    let mut nested = false;
    let mut out = String::new();
    for w in surface.split([' ', '-']).filter(|w| !w.is_empty()) {
        let letters: String = w.chars().filter(|c| *c != '.').collect();
        let lower = letters.to_lowercase();
        if w == "&" || is_joiner(&lower) || lex.has(List::AndWords, &lower) {
            continue;
        }
        if (2..=4).contains(&letters.chars().count()) && letters.chars().all(char::is_uppercase) {
            nested = true;
            out.push_str(&lower);
        } else if let Some(c) = lower.chars().next() {
            out.push(c);
        }
    }
    nested.then_some(out)
}

pub(super) fn merge_acronyms(lex: &Lexicon, forms: &[Form], keep: &[bool], uf: &mut DisjointSets) {
    // The names of two words or more by their initials, read once (not once per acronym).
    let mut by_initials: HashMap<String, Vec<usize>> = HashMap::new();
    for (j, m) in forms.iter().enumerate() {
        // A hyphenated name of two words or more (`Velling-Ostrander`) unless a person's.
        let hyphenated = m.tokens.len() == 1
            && m.tokens[0].split('-').filter(|w| !w.is_empty()).count() >= 2
            && kind_of(m.votes) != Some(EntityKind::Person)
            && m.roles.is_empty();
        if keep[j] && (m.tokens.len() >= 2 || hyphenated) {
            let own = initials(lex, m);
            if let Some(nested) = nested_initials(lex, m).filter(|n| *n != own) {
                by_initials.entry(nested).or_default().push(j);
            }
            by_initials.entry(own).or_default().push(j);
        }
    }
    for (i, a) in forms.iter().enumerate() {
        if !keep[i] {
            continue;
        }
        let Some(letters) = acronym(a) else { continue };
        let mut targets: BTreeSet<usize> = BTreeSet::new();
        for &j in by_initials.get(&letters).map_or(&[][..], |v| v) {
            if i != j {
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

/// Merges a name with the acronym written in parentheses right after it (`National Rally
/// (RN)`), when every letter of the acronym is an initial of the name, in any order: an
/// outlet may give the acronym of the name in the original language. The name of an
/// institution (one of its words is an organisation word: `Office`, `Court`), or any name of
/// two words or more that is not a person's, needs only one initial in common, since the original name's words may be others altogether (`Attorney
/// General's Office (PGR)` for `Procuradoria-Geral da República`, `Supreme Federal Court
/// (STF)`).
pub(super) fn merge_defined(lex: &Lexicon, forms: &[Form], keep: &[bool], uf: &mut DisjointSets) {
    for (i, f) in forms.iter().enumerate() {
        if !keep[i] || f.defines.is_empty() {
            continue;
        }
        let own = initials(lex, f);
        // An institution, or a name of two words or more that is no person's (`Velm Unbound
        // (UVL)` for `Union Velmique Libre`).
        let institution = f.gazetteer.is_none()
            && (f.tokens.iter().any(|t| is_org_word(lex, t))
                || (f.tokens.len() >= 2 && f.votes.person == 0 && f.roles.is_empty()));
        for (j, a) in forms.iter().enumerate() {
            if !keep[j] || i == j {
                continue;
            }
            let Some(letters) = acronym(a) else { continue };
            let shared = letters.chars().filter(|&c| own.contains(c)).count();
            let n = letters.chars().count();
            if f.defines.contains(&a.key)
                && n <= own.chars().count() + 1
                && (shared == n || (institution && shared >= 1))
            {
                uf.union(i, j);
            }
        }
    }
}

/// Merges a name that opens with an acronym of a longer name's first words (`VH Comets`,
/// `Velm Harbour Comets`) with that name, when it is the only one.
pub(super) fn merge_prefix_acronyms(forms: &[Form], keep: &[bool], uf: &mut DisjointSets) {
    for (i, short) in forms.iter().enumerate() {
        if !keep[i] || short.tokens.len() < 2 {
            continue;
        }
        let Some(surface) = short.surfaces.keys().next() else { continue };
        let Some(head) = surface.split_whitespace().next() else { continue };
        let letters: String = head.chars().filter(|c| *c != '.').collect();
        if !(2..=4).contains(&letters.chars().count()) || !letters.chars().all(char::is_uppercase) {
            continue;
        }
        let letters = letters.to_lowercase();
        let n = letters.chars().count();
        let rest = &short.tokens[1..];
        let mut targets: BTreeSet<usize> = BTreeSet::new();
        for (j, long) in forms.iter().enumerate() {
            if !keep[j] || i == j || long.tokens.len() != n + rest.len() {
                continue;
            }
            let spelled: String =
                long.tokens[..n].iter().filter_map(|t| t.chars().next()).collect();
            if spelled == letters && long.tokens[n..] == *rest {
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

#[cfg(test)]
mod tests {
    use crosscheck_core::{Article, Lang};

    use crate::{Fuser, FuserBuilder, StoryInput};

    fn entities(texts: &[&str]) -> Vec<Vec<String>> {
        let arts: Vec<Article> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Article {
                language: Lang::EN,
                ..Article::from_text(format!("a{i}").as_str(), t)
            })
            .collect();
        let story = FuserBuilder::new().build().unwrap().fuse(&StoryInput::new(&arts)).unwrap();
        story.entities.into_iter().map(|e| e.variants).collect()
    }

    #[test]
    fn an_acronym_joins_the_one_name_it_abbreviates() {
        let e = entities(&[
            "The Velm Harbour Authority closed the quay on Monday, officials said.",
            "The VHA said the quay in Dasswick would reopen next week.",
        ]);
        assert!(
            e.iter()
                .any(|v| v.contains(&"VHA".into()) && v.contains(&"Velm Harbour Authority".into())),
            "{e:?}"
        );
    }

    #[test]
    fn an_acronym_of_two_names_stays_alone() {
        let e = entities(&[
            "The Velm Harbour Authority and the Velm Housing Association met on Monday.",
            "The VHA said the quay in Dasswick would reopen next week.",
        ]);
        assert!(e.iter().any(|v| v == &["VHA".to_string()]), "{e:?}");
    }

    #[test]
    fn an_acronym_spells_out_an_acronym_inside_the_name() {
        let e = entities(&[
            "The VN Water Survey measured the river at Dasswick on Monday.",
            "The VNWS said the river would fall.",
        ]);
        let with =
            |a: &str, b: &str| e.iter().any(|v| v.contains(&a.into()) && v.contains(&b.into()));
        assert!(with("VNWS", "VN Water Survey"), "{e:?}");
    }

    #[test]
    fn a_hyphenated_acronym_joins_its_hyphenated_name() {
        let e = entities(&[
            "Shares of Arlo-Kessin fell on Monday after the company cut its forecast.",
            "Traders in Dasswick sold A-K after the forecast was cut.",
        ]);
        assert!(
            e.iter().any(|v| v.contains(&"A-K".into()) && v.contains(&"Arlo-Kessin".into())),
            "{e:?}"
        );
    }
}
