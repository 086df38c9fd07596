//! The gender the story's own words give a person, for checking a pronoun's antecedent.
//!
//! ## What it does
//!
//! Reads, for each person entity, two kinds of evidence from the reports: a gendered title
//! written right before a mention (`Ms Varga`, `Mr Olsen`, `Mme Roux`), and the gendered
//! pronouns (`she`, `his`) of prose sentences that name that person alone before them. A person is female or male when that side's evidence is more
//! than twice the other's (a title counts three times); otherwise the gender is unknown.
//!
//! ## Why
//!
//! A `she said` resolved to the nearest person mentioned before it goes to a man when he was
//! named last; knowing from the text that he is referred to as `he`, the resolver skips him for
//! the woman named before.
//!
//! ## Example
//!
//! `Ms Ilse Varga met Tomas Brandt. She said …`: the title makes Ilse Varga female, so `She` is
//! not Tomas Brandt.
//!
//! ## Limitations
//!
//! No list of first names: a person never given a title nor referred to alone by a pronoun has
//! no gender. The words come from `gender_words.txt` of each language (none for Chinese or
//! Japanese); a pronoun that also reads as another word (French impersonal `il`) adds noise,
//! which the two-to-one margin absorbs.

use crosscheck_core::{Lang, Span};
use crosscheck_text::lexicon::{Lexicon, List};

use crate::analysis::{Doc, EntityTable};
use crate::story::EntityKind;

/// A person's gender as the text gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    /// Referred to as `she`, or titled `Ms`/`Mrs`.
    Female,
    /// Referred to as `he`, or titled `Mr`.
    Male,
}

/// The gender a word gives, and whether it is a title written before a name.
pub(crate) fn gender_word(lang: Lang, word: &str) -> Option<(Gender, bool)> {
    let v = Lexicon::of(lang).value(List::GenderWords, &word.to_lowercase())?;
    let (g, rest) = v.split_once(' ').unwrap_or((v, ""));
    let gender = match g {
        "f" => Gender::Female,
        "m" => Gender::Male,
        _ => return None,
    };
    Some((gender, !rest.is_empty()))
}

/// The gender of each entity of `table` (`None` for all but persons the text genders).
/// `quoted[doc]` holds the quotations of each doc, sorted: a pronoun inside one speaks of
/// someone the quote's speaker has in mind, not of the person named before it.
pub(crate) fn genders(
    docs: &[Doc<'_>],
    table: &EntityTable,
    quoted: &[Vec<Span>],
) -> Vec<Option<Gender>> {
    let mut votes = vec![(0u32, 0u32); table.entities.len()];
    let person =
        |e: u32| table.entities.get(e as usize).is_some_and(|x| x.kind == EntityKind::Person);
    let mut add = |e: u32, g: Gender, n: u32| {
        let v = &mut votes[e as usize];
        match g {
            Gender::Female => v.0 += n,
            Gender::Male => v.1 += n,
        }
    };
    for (di, d) in docs.iter().enumerate() {
        let lang = d.article.language;
        let Some(ms) = table.mentions.get(di) else { continue };
        // Titles right before a mention.
        for m in ms.iter().filter(|m| person(m.entity)) {
            let Some(w) = (m.words.0 as usize).checked_sub(1).and_then(|i| d.words.get(i)) else {
                continue;
            };
            if w.cap
                && w.sent == d.words[m.words.0 as usize].sent
                && let Some((g, true)) = gender_word(lang, d.text(w.span))
            {
                add(m.entity, g, 3);
            }
        }
        // Pronouns of a sentence that named one person alone before them (`Brandt said his
        // ships…`); across sentences, a pronoun is what is being resolved, not evidence.
        let inside = quoted.get(di).map_or(&[][..], Vec::as_slice);
        for (wi, w) in d.words.iter().enumerate() {
            let Some((g, false)) = gender_word(lang, d.text(w.span)) else { continue };
            let Some(sent) = d.sents.get(w.sent as usize) else { continue };
            if sent.headline
                || inside.iter().any(|q| q.start <= w.span.start && w.span.end <= q.end)
            {
                continue;
            }
            let from = sent.words.start;
            let mut named = ms
                .iter()
                .filter(|m| m.words.0 >= from && (m.words.1 as usize) <= wi && person(m.entity))
                .map(|m| m.entity);
            if let Some(first) = named.next()
                && named.all(|e| e == first)
            {
                add(first, g, 1);
            }
        }
    }
    votes
        .into_iter()
        .map(|(f, m)| {
            if f > 2 * m {
                Some(Gender::Female)
            } else if m > 2 * f {
                Some(Gender::Male)
            } else {
                None
            }
        })
        .collect()
}
