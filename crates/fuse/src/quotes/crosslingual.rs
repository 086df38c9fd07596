//! Quotes across languages: a quote rendered in another language joins the group of the quote
//! it translates.
//!
//! ## What it does
//!
//! After [`group_renderings_with`](super::group_renderings_with) has grouped the renderings of
//! each language, a group whose articles are all in languages the other group's articles are
//! not written in joins that group when
//!
//! 1. both name the same speaker (the story's speaker matcher, which knows every spelling), and
//! 2. their *anchors* agree: numbers (digits as written, `1,5` = `1.5`), names (capitalised
//!    words other than the first, folded to ASCII) and long words that read alike in both
//!    languages (`conditions` / `condiciones`: the first five letters once folded to ASCII).
//!    Months and weekdays are anchors by their number (`Juni` = `June` = `giugno`).
//!    At least two anchors are shared and they are at least half of the smaller side's, and no
//!    number of one side is missing from the other when both write numbers.
//!
//! A group joins the one group that shares the most anchors with it, the larger group first on
//! a tie; groups of one language never join each other here.
//!
//! ## Why
//!
//! Word overlap cannot see that `« les conditions n'étaient plus remplies »` renders "the
//! conditions were no longer met": the words differ. What a translation keeps is who spoke,
//! the names, the numbers and the words both languages borrowed from one root, and a speaker
//! rarely says two things with the same names and numbers in one story.
//!
//! ## Limitations
//!
//! - Quotes translated without a shared name, number or cognate stay apart; Chinese and
//!   Japanese renderings share only digits and Latin-script names with the others.
//! - Two quotes of one speaker that share their anchors (the same figure twice) can be joined.

use foldhash::{HashMap, HashMapExt};
use std::collections::BTreeSet;

use crosscheck_core::Lang;
use crosscheck_text::lexicon::{Lexicon, List};

use super::{QuoteGroup, QuoteMention, QuoteRef, SpeakerKind};

/// Shortest word taken as a cognate anchor, in letters once folded to ASCII.
const COGNATE_LEN: usize = 6;
/// Letters of a cognate anchor compared.
const COGNATE_PREFIX: usize = 5;
/// Anchors two renderings must share.
const MIN_SHARED: usize = 2;

/// An anchor of a quote: a number, or a folded word.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Anchor {
    Number(String),
    Word(String),
    /// A month, 1 to 12.
    Month(i64),
    /// A weekday, Monday 1.
    Weekday(i64),
}

/// How many words from a number a lowercase month or weekday may stand.
const DATE_REACH: usize = 2;

/// The anchors of a quote's words.
fn anchors(text: &str) -> BTreeSet<Anchor> {
    let mut out = BTreeSet::new();
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|raw| raw.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    let digits = |w: &&str| w.starts_with(|c: char| c.is_ascii_digit());
    for (i, &w) in words.iter().enumerate() {
        if w.is_empty() {
            continue;
        }
        if w.starts_with(|c: char| c.is_ascii_digit()) {
            let n: String = w
                .chars()
                .map(|c| if c == ',' { '.' } else { c })
                .filter(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            out.insert(Anchor::Number(n.trim_end_matches('.').to_string()));
            continue;
        }
        let lower = w.to_lowercase();
        let capitalised = i > 0 && w.chars().next().is_some_and(char::is_uppercase);
        // A month or weekday, by its number: `Juni` / `June` / `giugno`. A lowercase one only
        // beside a number (`el 14 de marzo`), as `may` and `march` are verbs too.
        let dated = capitalised
            || words[i.saturating_sub(DATE_REACH)..words.len().min(i + DATE_REACH + 1)]
                .iter()
                .any(digits);
        if dated && let Some(n) = Lexicon::any_number(List::Months, &lower) {
            out.insert(Anchor::Month(n));
            continue;
        }
        if dated && let Some(n) = Lexicon::any_number(List::Weekdays, &lower) {
            out.insert(Anchor::Weekday(n));
            continue;
        }
        if Lexicon::any(List::Stopwords, &lower) || Lexicon::any(List::QuoteStopwords, &lower) {
            continue;
        }
        let folded: String =
            any_ascii::any_ascii(&lower).chars().filter(char::is_ascii_alphabetic).collect();
        if folded.len() >= COGNATE_LEN || (capitalised && folded.len() >= 3) {
            out.insert(Anchor::Word(folded.chars().take(COGNATE_PREFIX).collect()));
        }
    }
    out
}

/// One group's side of the comparison.
struct Side {
    langs: BTreeSet<Lang>,
    speakers: Vec<String>,
    anchors: BTreeSet<Anchor>,
    size: usize,
}

impl Side {
    fn new(g: &QuoteGroup, mentions: &[Vec<QuoteMention>], langs: &[Lang]) -> Side {
        let mut s = Side {
            langs: BTreeSet::new(),
            speakers: Vec::new(),
            anchors: BTreeSet::new(),
            size: 0,
        };
        for r in &g.members {
            let Some(m) = mentions.get(r.article).and_then(|a| a.get(r.quote)) else { continue };
            s.langs.insert(langs.get(r.article).copied().unwrap_or(Lang::UNKNOWN));
            if let Some(sp) = m.speaker.as_ref().filter(|sp| sp.kind == SpeakerKind::Named) {
                s.speakers.push(sp.name.clone());
            }
            s.anchors.extend(anchors(&m.text));
            s.size += 1;
        }
        s
    }

    fn numbers(&self) -> impl Iterator<Item = &Anchor> {
        self.anchors.iter().filter(|a| matches!(a, Anchor::Number(_)))
    }
}

/// How many anchors `a` and `b` share when they agree (see the module documentation), else
/// `None`.
fn agreement<F: Fn(&str, &str) -> bool>(a: &Side, b: &Side, same: &F) -> Option<usize> {
    if a.langs.iter().any(|l| l.is_unknown() || b.langs.contains(l))
        || b.langs.iter().any(Lang::is_unknown)
    {
        return None;
    }
    if !a.speakers.iter().any(|x| b.speakers.iter().any(|y| same(x, y))) {
        return None;
    }
    let shared = a.anchors.intersection(&b.anchors).count();
    let smaller = a.anchors.len().min(b.anchors.len());
    if shared < MIN_SHARED || 2 * shared < smaller {
        return None;
    }
    let (na, nb): (BTreeSet<&Anchor>, BTreeSet<&Anchor>) =
        (a.numbers().collect(), b.numbers().collect());
    if !(na.is_empty() || nb.is_empty() || na.is_subset(&nb) || nb.is_subset(&na)) {
        return None;
    }
    Some(shared)
}

/// Per group, the groups that share at least [`MIN_SHARED`] anchors with it, ascending: an index
/// of the anchors, so that a story's thousands of quote groups are not compared pair by pair
/// (no other group can agree with it).
fn candidates(sides: &[Side]) -> Vec<Vec<u32>> {
    let mut postings: HashMap<&Anchor, Vec<u32>> = HashMap::new();
    for (i, s) in sides.iter().enumerate() {
        for a in &s.anchors {
            postings.entry(a).or_default().push(i as u32);
        }
    }
    let mut shared = vec![0usize; sides.len()];
    let mut touched: Vec<u32> = Vec::new();
    sides
        .iter()
        .enumerate()
        .map(|(i, s)| {
            for a in &s.anchors {
                for &j in &postings[a] {
                    if j as usize != i {
                        if shared[j as usize] == 0 {
                            touched.push(j);
                        }
                        shared[j as usize] += 1;
                    }
                }
            }
            touched.sort_unstable();
            let out: Vec<u32> =
                touched.iter().copied().filter(|&j| shared[j as usize] >= MIN_SHARED).collect();
            for &j in &touched {
                shared[j as usize] = 0;
            }
            touched.clear();
            out
        })
        .collect()
}

/// Each group's best partner among the larger groups of its `candidates` (ties: the larger,
/// then the first).
fn partners<F: Fn(&str, &str) -> bool>(
    sides: &[Side],
    same: &F,
    candidates: &[Vec<u32>],
) -> Vec<Option<usize>> {
    let mut into: Vec<Option<usize>> = vec![None; sides.len()];
    for (i, cands) in candidates.iter().enumerate() {
        let mut best: Option<(usize, usize, usize)> = None; // (shared, size, index)
        for j in cands.iter().map(|&j| j as usize) {
            let bigger = sides[j].size > sides[i].size || (sides[j].size == sides[i].size && j < i);
            if i == j || !bigger {
                continue;
            }
            if let Some(shared) = agreement(&sides[i], &sides[j], same)
                && best.is_none_or(|(s, z, _)| (shared, sides[j].size) > (s, z))
            {
                best = Some((shared, sides[j].size, j));
            }
        }
        into[i] = best.map(|b| b.2);
    }
    into
}

/// Joins the groups of `groups` that render one quote in different languages; `langs` holds
/// each article's language, `mentions` each article's quotes, `same` the speaker matcher. The
/// joined group keeps the speaker and conflict of the larger one. See the module documentation.
pub(crate) fn join_across_languages<F: Fn(&str, &str) -> bool>(
    groups: Vec<QuoteGroup>,
    mentions: &[Vec<QuoteMention>],
    langs: &[Lang],
    same: F,
) -> Vec<QuoteGroup> {
    let sides: Vec<Side> = groups.iter().map(|g| Side::new(g, mentions, langs)).collect();
    // Groups of one language never join: a story in one language has nothing to compare.
    let languages: BTreeSet<Lang> = sides.iter().flat_map(|s| s.langs.iter().copied()).collect();
    let into = if languages.len() < 2 {
        vec![None; sides.len()]
    } else {
        partners(&sides, &same, &candidates(&sides))
    };
    // Follow the links to a group that joins no other (they point to larger groups: no cycle).
    let root = |mut i: usize| {
        while let Some(j) = into[i] {
            i = j;
        }
        i
    };
    let roots: Vec<usize> = (0..groups.len()).map(root).collect();
    let mut extra: Vec<Vec<QuoteRef>> = vec![Vec::new(); groups.len()];
    for (i, g) in groups.iter().enumerate() {
        if roots[i] != i {
            extra[roots[i]].extend(g.members.iter().copied());
        }
    }
    let mut out: Vec<QuoteGroup> = groups
        .into_iter()
        .enumerate()
        .filter(|&(i, _)| roots[i] == i)
        .map(|(i, mut g)| {
            g.members.append(&mut extra[i]);
            g.members.sort_unstable();
            g
        })
        .collect();
    out.sort_by_key(|g| g.members[0]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor_words(text: &str) -> Vec<String> {
        anchors(text)
            .into_iter()
            .map(|a| match a {
                Anchor::Number(n) => n,
                Anchor::Word(w) => w,
                Anchor::Month(m) => format!("month {m}"),
                Anchor::Weekday(d) => format!("weekday {d}"),
            })
            .collect()
    }

    fn joined(texts: &[(&str, Lang)]) -> Vec<Vec<usize>> {
        let mentions: Vec<Vec<QuoteMention>> =
            texts.iter().map(|(t, _)| super::super::find_quotes(t)).collect();
        let langs: Vec<Lang> = texts.iter().map(|t| t.1).collect();
        // One group per quote, as the lexical grouping leaves renderings it cannot match.
        let groups = mentions
            .iter()
            .enumerate()
            .flat_map(|(a, m)| {
                (0..m.len()).map(move |q| QuoteGroup {
                    members: vec![QuoteRef { article: a, quote: q }],
                    speaker: None,
                    conflict: None,
                })
            })
            .collect();
        join_across_languages(groups, &mentions, &langs, super::super::same_speaker)
            .into_iter()
            .map(|g| g.members.iter().map(|m| m.article).collect())
            .collect()
    }

    const EN: &str =
        "Imre Tasz said: \"The Varnholm bridge will cost 40 million and open in 2027.\"";
    const DE: &str = "Imre Tasz said: \"Die Varnholm Brücke kostet 40 Millionen und öffnet 2027.\"";

    #[test]
    fn a_translated_quote_joins_its_group() {
        let de: Lang = "de".parse().unwrap();
        assert_eq!(joined(&[(EN, Lang::EN), (DE, de)]), vec![vec![0, 1]]);
    }

    #[test]
    fn a_quote_stays_apart_with_other_numbers_or_another_speaker() {
        let de: Lang = "de".parse().unwrap();
        let other = DE.replace("40", "55");
        assert_eq!(joined(&[(EN, Lang::EN), (&other, de)]).len(), 2, "other numbers");
        let someone = DE.replace("Imre Tasz", "Oskar Rydval");
        assert_eq!(joined(&[(EN, Lang::EN), (&someone, de)]).len(), 2, "another speaker");
    }

    /// The anchor index proposes every partner the comparison of all pairs would pick.
    #[test]
    fn indexed_partners_match_all_pairs() {
        let de: Lang = "de".parse().unwrap();
        let fr: Lang = "fr".parse().unwrap();
        let texts = [
            (EN.to_string(), Lang::EN),
            (DE.to_string(), de),
            (DE.replace("40", "55"), de),
            (DE.replace("Imre Tasz", "Oskar Rydval"), fr),
            (
                "Oskar Rydval said: \"Varnholm will pay 40 million for the bridge.\"".to_string(),
                Lang::EN,
            ),
            (
                "Imre Tasz a dit : « Le pont de Varnholm coûtera 40 millions et ouvrira en 2027. »"
                    .to_string(),
                fr,
            ),
        ];
        let mentions: Vec<Vec<QuoteMention>> =
            texts.iter().map(|(t, _)| super::super::find_quotes(t)).collect();
        let langs: Vec<Lang> = texts.iter().map(|t| t.1).collect();
        let sides: Vec<Side> = mentions
            .iter()
            .enumerate()
            .flat_map(|(a, m)| (0..m.len()).map(move |q| QuoteRef { article: a, quote: q }))
            .map(|r| {
                let g = QuoteGroup { members: vec![r], speaker: None, conflict: None };
                Side::new(&g, &mentions, &langs)
            })
            .collect();
        let all: Vec<Vec<u32>> =
            (0..sides.len()).map(|_| (0..sides.len() as u32).collect()).collect();
        let same = super::super::same_speaker;
        let want = partners(&sides, &same, &all);
        assert_eq!(partners(&sides, &same, &candidates(&sides)), want);
        assert!(want.iter().filter(|p| p.is_some()).count() >= 2, "{want:?}");
    }

    #[test]
    fn anchors_are_numbers_names_and_long_words() {
        let a =
            anchor_words("Les conditions fixées par Varlen n'étaient plus réunies, 1,5 pour cent");
        assert!(a.contains(&"condi".to_string()), "{a:?}");
        assert!(a.contains(&"varle".to_string()), "{a:?}");
        assert!(a.contains(&"1.5".to_string()), "{a:?}");
        let b = anchor_words("The conditions set by Varlen were no longer met, 1.5 percent");
        let shared = a.iter().filter(|x| b.contains(x)).count();
        assert!(shared >= 3, "{a:?} {b:?}");
    }

    #[test]
    fn months_and_weekdays_are_anchors_by_number() {
        let de = anchor_words("Am Montag, dem 3. Juni, öffnen wir");
        let en = anchor_words("We open on Monday, 3 June");
        assert!(de.contains(&"month 6".to_string()) && en.contains(&"month 6".to_string()));
        assert!(de.contains(&"weekday 1".to_string()) && en.contains(&"weekday 1".to_string()));
        // A lowercase `may` far from any number is the verb.
        let verb = anchor_words("They may come back one day");
        assert!(!verb.iter().any(|a| a.starts_with("month")), "{verb:?}");
        let es = anchor_words("abrirá el 14 de mayo");
        assert!(es.contains(&"month 5".to_string()), "{es:?}");
    }
}
