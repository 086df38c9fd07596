//! Clauses: the fact-bearing pieces of a long sentence, each aligned on its own.
//!
//! ## What it does
//!
//! A prose sentence is cut before a word that opens a clause of its own: after a comma, a word
//! of the language's [`List::ClauseBreaks`] (`, which`, `, while`, `, and`, `, after`); with
//! no comma, a word of [`List::ClauseConjunctions`] (`but`, `whereas`), or of
//! [`List::AndWords`] or [`List::Subordinators`] before two capitalised words (`and Vero Ask
//! doubled`, `after Tomas Brel scored`: a clause with a named subject of its own); and at a
//! semicolon or a spaced dash. A piece of fewer than [`MIN_WORDS`] words is no clause: it stays with the
//! piece before it, and a comma-word cut comes no closer than [`LIST_ITEM`] words after another
//! comma (`… Lina Varo, Tomas Brel, and Vero Ask` is one list, not three facts). Each clause is a
//! word range of the sentence and a text span that slices the article exactly (from its first
//! word to the end of its last, the punctuation between two clauses left out).
//!
//! An aside after the sentence's subject (`Vellar, opened in 2019 by the mayor, closed on
//! Monday`) of at least [`MIN_WORDS`] words is one more clause ([`aside`]): it says something
//! of the subject besides what the sentence says.
//!
//! ## Why
//!
//! One outlet writes two or three facts in one lead sentence that another writes in two or
//! three short ones. Aligned whole, that sentence joins one fact's claim and is missing from
//! the others: each of its clauses, aligned on its own, joins the claim of its fact.
//!
//! ## Example
//!
//! `The ferry Orla ran aground off Tesk on Friday, and all 40 passengers were taken ashore by
//! noon.` is two clauses: `The ferry Orla ran aground off Tesk on Friday` and `and all 40
//! passengers were taken ashore by noon.`
//!
//! ## Limitations
//!
//! Punctuation and a few words, not a parse: a clause joined by a bare `and` before a common
//! word stays with the one before it, and only an aside right after the subject is set off. A clause keeps no
//! subject of the clause it hangs on (`which sank` names nothing).
//!
//! ## References
//!
//! Clause-level alignment of news sentences for fusion (Barzilay and `McKeown`, 2005); elementary
//! discourse units of Rhetorical Structure Theory (Mann and Thompson, 1988).

use std::ops::Range;

use crosscheck_core::Span;
use crosscheck_text::lexicon::{Lexicon, List};

use crate::analysis::{Doc, Gap};

/// The fewest words of a clause; a shorter piece stays with the clause before it.
pub(super) const MIN_WORDS: usize = 4;

/// The most words of a list item: a comma this close before `, and` makes a list, not a clause.
const LIST_ITEM: usize = 3;

/// One clause of a sentence: its words (indexes into the doc's words) and its text span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Clause {
    pub(super) words: Range<usize>,
    pub(super) span: Span,
}

/// Whether the text between two words ends one clause and starts another: a semicolon or a
/// dash standing alone between spaces.
fn is_stop(between: &str) -> bool {
    let t = between.trim();
    t == ";" || (between.starts_with(' ') && matches!(t, "-" | "--" | "\u{2013}" | "\u{2014}"))
}

/// Whether the words after `i` (inside the sentence, which ends before `hi`) open a name of two
/// words or more: a conjunction before a full name (`and Tomas Brel scored`, `after Vero Ask
/// left`) gives the clause after it a subject of its own; one capitalised word is as often an
/// adjective (`and European partners`).
fn names_next(d: &Doc<'_>, i: usize, hi: usize) -> bool {
    i + 2 < hi
        && (i + 1..i + 3).all(|k| {
            let w = &d.words[k];
            w.gap == Gap::Space && w.cap && !w.first
        })
}

/// The clauses of sentence `sent` of `d`, in order: one when the sentence has no cut.
pub(super) fn split(d: &Doc<'_>, sent: usize) -> Vec<Clause> {
    let s = &d.sents[sent];
    let (lo, hi) = (s.words.start as usize, s.words.end as usize);
    if hi - lo < 2 * MIN_WORDS {
        return vec![Clause { words: lo..hi, span: s.span }];
    }
    let lex = Lexicon::of(d.article.language);
    let mut cuts = vec![lo];
    for i in lo + 1..hi {
        let w = &d.words[i];
        let opens = match w.gap {
            // `Lina Varo, Tomas Brel, and Vero Ask`: a comma a few words back makes a list.
            Gap::Comma => {
                lex.has(List::ClauseBreaks, &w.key)
                    && !(i.saturating_sub(LIST_ITEM).max(lo + 1)..i)
                        .any(|k| d.words[k].gap == Gap::Comma)
            }
            Gap::Space => {
                (lex.has(List::ClauseConjunctions, &w.key)
                    && !closes_correlative(d, cuts.last().copied().unwrap_or(lo), i, lex))
                    || ((lex.has(List::AndWords, &w.key) || lex.has(List::Subordinators, &w.key))
                        && names_next(d, i, hi))
            }
            Gap::Break => is_stop(d.text(Span::new(d.words[i - 1].span.end, w.span.start))),
        };
        if opens && cuts.last().is_some_and(|&c| i - c >= MIN_WORDS) {
            cuts.push(i);
        }
    }
    if cuts.len() > 1 && cuts.last().is_some_and(|&c| hi - c < MIN_WORDS) {
        cuts.pop();
    }
    let text = &d.article.text;
    cuts.iter()
        .enumerate()
        .map(|(k, &a)| {
            let start = if k == 0 { s.span.start } else { d.words[a].span.start };
            let (words, end) = match cuts.get(k + 1) {
                Some(&b) => {
                    let raw = &text[start as usize..d.words[b].span.start as usize];
                    let kept = raw.trim_end_matches(|c: char| {
                        c.is_whitespace() || matches!(c, ',' | ';' | '-' | '\u{2013}' | '\u{2014}')
                    });
                    (a..b, start + kept.len() as u32)
                }
                None => (a..hi, s.span.end),
            };
            Clause { words, span: Span::new(start, end) }
        })
        .collect()
}

/// Whether the conjunction at word `at` closes a correlative pair opened since word `from`
/// (`not only … but also`): a word of [`List::CorrelativeOpeners`] before it.
fn closes_correlative(d: &Doc<'_>, from: usize, at: usize, lex: &Lexicon) -> bool {
    (from..at).any(|k| {
        lex.words(List::CorrelativeOpeners).any(|phrase| {
            let n = phrase.split(' ').count();
            k + n <= at && phrase.split(' ').zip(&d.words[k..k + n]).all(|(p, w)| w.key == p)
        })
    })
}

/// The most words before an aside: `Orla, a ferry of 1998 built in Tesk, sank` sets off what
/// it says of the sentence's subject right after it.
const SUBJECT_WORDS: usize = 4;

/// The aside of sentence `sent` of `d` after its subject, when it is long enough to state a
/// fact (`Vellar, opened in 2019 by the mayor, closed on Monday`: `opened in 2019 by the
/// mayor`): the words between a comma within [`SUBJECT_WORDS`] words of the start and the next
/// comma, at least [`MIN_WORDS`] of them.
pub(super) fn aside(d: &Doc<'_>, sent: usize) -> Option<Clause> {
    let s = &d.sents[sent];
    let (lo, hi) = (s.words.start as usize, s.words.end as usize);
    let open = (lo + 1..hi.min(lo + SUBJECT_WORDS + 1)).find(|&i| d.words[i].gap == Gap::Comma)?;
    let close = (open + 1..hi).find(|&i| d.words[i].gap != Gap::Space)?;
    if d.words[close].gap != Gap::Comma || close - open < MIN_WORDS || hi - close < 2 {
        return None;
    }
    let start = d.words[open].span.start;
    let raw = &d.article.text[start as usize..d.words[close].span.start as usize];
    let end = start + raw.trim_end_matches(|c: char| c.is_whitespace() || c == ',').len() as u32;
    Some(Clause { words: open..close, span: Span::new(start, end) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_core::{Article, Lang};

    fn article(id: &str, text: &str) -> Article {
        Article { language: Lang::EN, ..Article::from_text(id, text) }
    }

    fn clauses(text: &str) -> Vec<String> {
        let a = article("a", text);
        let d = Doc::new(&a);
        d.sents
            .iter()
            .enumerate()
            .flat_map(|(si, _)| split(&d, si))
            .map(|c| {
                let t = d.text(c.span);
                assert!(c.span.slice(&a.text).is_some());
                assert!(!c.words.is_empty());
                t.to_string()
            })
            .collect()
    }

    #[test]
    fn cuts_before_a_clause_word_after_a_comma() {
        assert_eq!(
            clauses(
                "The ferry Orla ran aground off Tesk on Friday, and all 40 passengers were taken ashore by noon."
            ),
            [
                "The ferry Orla ran aground off Tesk on Friday",
                "and all 40 passengers were taken ashore by noon."
            ]
        );
        assert_eq!(
            clauses(
                "Mayor Ilse Brandt opened the Vellar bridge on Monday, which had been shut for nine years."
            ),
            [
                "Mayor Ilse Brandt opened the Vellar bridge on Monday",
                "which had been shut for nine years."
            ]
        );
    }

    #[test]
    fn cuts_at_a_semicolon_a_spaced_dash_and_a_bare_conjunction() {
        assert_eq!(
            clauses(
                "The dam at Corvel held through the night; two villages were cleared as a precaution."
            ),
            [
                "The dam at Corvel held through the night",
                "two villages were cleared as a precaution."
            ]
        );
        assert_eq!(
            clauses(
                "Pell scored twice in the first half \u{2014} his ninth and tenth goals of the season."
            ),
            ["Pell scored twice in the first half", "his ninth and tenth goals of the season."]
        );
        assert_eq!(
            clauses(
                "The council approved the plan in March but the builders walked off the site in June."
            ),
            [
                "The council approved the plan in March",
                "but the builders walked off the site in June."
            ]
        );
    }

    /// The second half of a correlative pair (`not only … but also`) joins one clause; the
    /// same conjunction with no opener before it still cuts.
    #[test]
    fn a_correlative_pair_is_one_clause() {
        let pair =
            "The council not only approved the new harbour plan but also asked Velm for funds.";
        assert_eq!(clauses(pair), [pair]);
        assert_eq!(
            clauses(
                "The council approved the new harbour plan but the mayor asked Velm for funds."
            ),
            ["The council approved the new harbour plan", "but the mayor asked Velm for funds."]
        );
    }

    #[test]
    fn cuts_before_a_conjunction_that_opens_a_name() {
        assert_eq!(
            clauses(
                "Tomas Brel scored in the sixth minute and Vero Ask doubled the lead before the break."
            ),
            [
                "Tomas Brel scored in the sixth minute",
                "and Vero Ask doubled the lead before the break."
            ]
        );
        // A conjunction before a common word joins two verbs of one subject, and one before a
        // single capitalised word may join two nouns: no cut.
        let one = "Tomas Brel scored in the sixth minute and doubled the lead before the break.";
        assert_eq!(clauses(one), [one]);
        let pair = "Nobody knows how the Vellar council and Tesk farmers will share the new water.";
        assert_eq!(clauses(pair), [pair]);
    }

    #[test]
    fn keeps_short_pieces_lists_and_hyphens_whole() {
        // A list's last item is no clause; neither is a short sentence.
        let list = "The prizes went to Lina Varo, Tomas Brel, and Vero Ask at the gala.";
        assert_eq!(clauses(list), [list]);
        let short = "It sank, and nobody saw it.";
        assert_eq!(clauses(short), [short]);
        // A hyphen inside a word and a comma before a word that opens nothing cut nothing.
        let plain = "The well-known baker from Asterby, Mr Olm, sold forty-two loaves before dawn.";
        assert_eq!(clauses(plain), [plain]);
    }

    #[test]
    fn reads_the_words_of_the_article_language() {
        let mut a = article(
            "a",
            "Le maire a ouvert le pont de Vellar lundi, qui était fermé depuis neuf ans.",
        );
        a.language = "fr".parse().expect("fr is a language");
        let d = Doc::new(&a);
        let texts: Vec<&str> = split(&d, 0).iter().map(|c| d.text(c.span)).collect();
        assert_eq!(
            texts,
            ["Le maire a ouvert le pont de Vellar lundi", "qui était fermé depuis neuf ans."]
        );
        // The English words are not French ones.
        let mut b = article(
            "b",
            "Le maire a ouvert le pont de Vellar lundi, which était fermé depuis neuf ans.",
        );
        b.language = "fr".parse().expect("fr is a language");
        let d = Doc::new(&b);
        assert_eq!(split(&d, 0).len(), 1);
    }

    fn asides(text: &str) -> Vec<String> {
        let a = article("a", text);
        let d = Doc::new(&a);
        (0..d.sents.len())
            .filter_map(|si| aside(&d, si))
            .map(|c| d.text(c.span).to_string())
            .collect()
    }

    #[test]
    fn sets_off_a_long_aside_after_the_subject() {
        assert_eq!(
            asides("Vellar, opened in 2019 by the mayor, closed its doors on Monday."),
            ["opened in 2019 by the mayor"]
        );
        // A short aside, one far from the start and one never closed state nothing of their own.
        assert!(asides("Vellar, the old mill, closed its doors on Monday.").is_empty());
        assert!(
            asides("The old mill by the river at Vellar, opened in 2019 by the mayor, closed.")
                .is_empty()
        );
        assert!(asides("Vellar, opened in 2019 by the mayor and closed on Monday.").is_empty());
    }

    proptest::proptest! {
        #[test]
        fn clauses_slice_the_text_in_order(t in "[a-zA-Z ,;.\u{2014}-]{0,160}") {
            let a = article("p", &t);
            let d = Doc::new(&a);
            for si in 0..d.sents.len() {
                let cs = split(&d, si);
                let mut end = d.sents[si].span.start;
                for c in &cs {
                    proptest::prop_assert!(c.span.slice(&t).is_some());
                    proptest::prop_assert!(c.span.start >= end && c.span.end >= c.span.start);
                    end = c.span.end;
                }
                proptest::prop_assert!(end <= d.sents[si].span.end);
                if let Some(c) = aside(&d, si) {
                    proptest::prop_assert!(c.span.slice(&t).is_some());
                    proptest::prop_assert!(d.sents[si].span.contains(c.span));
                }
            }
        }
    }
}
