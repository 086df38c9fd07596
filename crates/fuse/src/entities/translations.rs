//! One entity whatever the language its name is written in: `Supremo Tribunal Federal` and
//! `Supreme Federal Court`, `Dodgers de Los Ángeles` and `Los Angeles Dodgers`, `Hongkong` and
//! `Hong Kong`.
//!
//! ## What it does
//!
//! Gives every multi-word name a *bag key*: its words folded to ASCII, the words of
//! institutions translated to English through the lexicon's `institution_words` of each
//! language (`tribunal`, `corte`, `Gericht` → `court`), name particles (`de`, `von`) left out, sorted. Two names with the same bag key
//! of at least two words, or the same letters once spaces are dropped (`Hongkong`), are one
//! entity, unless their kinds (person, organisation, place) clearly differ. A name written in
//! parentheses right after another (`Partido Velmo Libre (Free Velmo Party)`) is its
//! translation or its original form when the two share a word or a cognate.
//!
//! ## Why
//!
//! Reports in other languages name the same court, team or city in their own words and word
//! order; the words that differ are few (court, supreme, federal, ministry) and the rest are
//! the same names.
//!
//! ## Limitations
//!
//! The table holds institution words of French, Spanish, Portuguese, Italian and German only;
//! a name translated word by word into something else (`Rassemblement National` / `National
//! Rally`) is not found.
//!
//! ## References
//!
//! Issue 15 (cross-lingual stories).

use foldhash::{HashMap, HashMapExt};
use std::collections::BTreeSet;

use crosscheck_text::lexicon::{Lexicon, List};

use super::names::{is_joiner, same_word};
use super::{Form, kind_of};
use crate::story::EntityKind;
use crosscheck_core::DisjointSets;

/// The English translation of an institution word of another language, folded to ASCII
/// ([`List::InstitutionWords`] of any language: a story's names come from all its articles).
fn institution_word(folded: &str) -> Option<&'static str> {
    static ANY: std::sync::LazyLock<Lexicon> =
        std::sync::LazyLock::new(|| Lexicon::union(Lexicon::languages()));
    ANY.value(List::InstitutionWords, folded)
}

/// The bag key of a name's words; see the module documentation.
fn bag_key(tokens: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tokens {
        let folded: String = any_ascii::any_ascii(t)
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if folded.is_empty() || is_joiner(&folded) {
            continue;
        }
        match institution_word(&folded) {
            Some(english) => out.extend(english.split(' ').map(str::to_string)),
            None => out.push(folded),
        }
    }
    out.sort();
    out
}

/// Merges the names of one entity written in different languages; see the module
/// documentation.
pub(super) fn merge_translations(forms: &[Form], keep: &[bool], uf: &mut DisjointSets) {
    let mut by_bag: HashMap<Vec<String>, Vec<u32>> = HashMap::new();
    let mut by_letters: HashMap<String, Vec<u32>> = HashMap::new();
    for (i, f) in forms.iter().enumerate() {
        if !keep[i] {
            continue;
        }
        let bag = bag_key(&f.tokens);
        let letters: String = bag.concat();
        if bag.len() >= 2 {
            by_bag.entry(bag).or_default().push(i as u32);
        }
        if letters.len() >= 6 {
            let joined: String = f
                .tokens
                .iter()
                .flat_map(|t| any_ascii::any_ascii(t).chars().collect::<Vec<_>>())
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .collect();
            by_letters.entry(joined).or_default().push(i as u32);
        }
    }
    merge_after_article(forms, keep, uf);
    let mut groups: Vec<Vec<u32>> =
        by_bag.into_values().chain(by_letters.into_values()).filter(|v| v.len() > 1).collect();
    groups.sort();
    for ids in groups {
        for (x, &i) in ids.iter().enumerate() {
            for &j in &ids[x + 1..] {
                let (a, b) = (&forms[i as usize], &forms[j as usize]);
                let clash = matches!((kind_of(a.votes), kind_of(b.votes)), (Some(p), Some(q)) if p != q)
                    && (a.votes.person >= 2 || b.votes.person >= 2);
                if !clash {
                    uf.union(i as usize, j as usize);
                }
            }
        }
    }
}

/// Merges a name with the name of two words or more written in parentheses right after it
/// (`Velmish Union (Union of Velm)`, `Unio Velmica (Velmish Union)`): an outlet gives the
/// translation or the original-language form beside the name it uses. Neither may be a
/// person's name or a place, their kinds must agree and they must share a word or a cognate
/// (`Velm`, `national`/`nationale`).
pub(super) fn merge_glosses(forms: &[Form], keep: &[bool], uf: &mut DisjointSets) {
    let glossed = forms.iter().enumerate().any(|(i, f)| keep[i] && !f.glosses.is_empty());
    if !glossed {
        return;
    }
    let by_key: HashMap<&str, usize> = forms
        .iter()
        .enumerate()
        .filter(|(i, _)| keep[*i])
        .map(|(i, f)| (f.key.as_str(), i))
        .collect();
    let plain = |f: &Form| {
        f.votes.person < 2
            && f.roles.is_empty()
            && f.gazetteer.is_none()
            && kind_of(f.votes) != Some(EntityKind::Place)
    };
    for (i, f) in forms.iter().enumerate() {
        if !keep[i] || !plain(f) {
            continue;
        }
        for g in &f.glosses {
            let Some(&j) = by_key.get(g.as_str()) else { continue };
            let h = &forms[j];
            let clash =
                matches!((kind_of(f.votes), kind_of(h.votes)), (Some(p), Some(q)) if p != q);
            // A translation keeps a name or a cognate (`Velm`, `national`/`nationale`); a
            // person's portfolio in parentheses shares none.
            let shared = f
                .tokens
                .iter()
                .any(|a| a.len() > 2 && !is_joiner(a) && h.tokens.iter().any(|b| same_word(a, b)));
            if j != i && plain(h) && !clash && shared {
                uf.union(i, j);
            }
        }
    }
}

/// Merges a name that opens with an article of any language (`Les Républicains`, `Los
/// Halcones`) with the one name of the story spelled like the rest (`Republicans`, `Halcones`),
/// when neither is a person's name and the rest is not a gazetteer entry.
fn merge_after_article(forms: &[Form], keep: &[bool], uf: &mut DisjointSets) {
    let person = |f: &Form| f.votes.person >= 2 || !f.roles.is_empty();
    for (i, f) in forms.iter().enumerate() {
        if !keep[i]
            || f.tokens.len() < 2
            || person(f)
            || f.gazetteer.is_some()
            || !Lexicon::any(List::Articles, &f.tokens[0])
        {
            continue;
        }
        let rest = &f.tokens[1..];
        let mut targets: BTreeSet<usize> = BTreeSet::new();
        for (j, g) in forms.iter().enumerate() {
            if keep[j]
                && i != j
                && !person(g)
                && g.tokens.len() == rest.len()
                && g.tokens.iter().zip(rest).all(|(a, b)| same_word(a, b))
            {
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
    use super::{bag_key, institution_word};

    fn bag(s: &str) -> Vec<String> {
        bag_key(&s.split(' ').map(str::to_string).collect::<Vec<_>>())
    }

    #[test]
    fn translated_names_share_a_bag_key() {
        assert_eq!(institution_word("bundesgericht"), Some("federal court"));
        assert_eq!(institution_word("court"), None);
        assert_eq!(bag("Supremo Tribunal Federal"), bag("Supreme Federal Court"));
        assert_eq!(bag("Corte Suprema"), bag("Supreme Court"));
        assert_eq!(bag("Falcons de São Tomé"), bag("Sao Tome Falcons"));
        assert_ne!(bag("Supreme Court"), bag("Supreme Council"));
    }
}
