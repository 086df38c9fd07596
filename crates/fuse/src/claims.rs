//! Claims: sentences of different articles that state the same fact, aligned.
//!
//! ## What it does
//!
//! Each prose sentence becomes a set of terms: the stems of its content words (stopwords
//! dropped), its numbers (`12`, `twelve` and `40,000`/`40 000` normalised), and the entities it
//! mentions after spelling variants are merged (so `Grabchenko` and `Hrabchenko` are one term).
//! Terms are weighted by their inverse sentence frequency in the story, numbers and entities
//! more. Two sentences of different articles are similar by the cosine of their weighted term
//! sets. Pairs above [`FuserBuilder::claim_threshold`](crate::FuserBuilder::claim_threshold)
//! are joined, most similar first, into groups that hold at most one sentence per article and
//! whose members stay similar on average (so a chain of loosely related sentences does not
//! become one claim).
//!
//! ## Why
//!
//! Outlets paraphrase: word order and function words change, content words, numbers and names
//! mostly survive. Weighting by rarity in the story keeps the story's topic words (`bridge`,
//! `ship`) from gluing every sentence together.
//!
//! ## Example
//!
//! `All 21 crew members on board the ship were unhurt.` and `None of the 21 sailors on board
//! was hurt.` share `21`, `board` and `hurt`/`unhurt`'s neighbours and are one claim.
//!
//! ## Limitations
//!
//! Paraphrases with no content word in common (`Nobody was killed.` / `No one died.`) stay
//! apart. Translation is only bridged where names and numbers carry the sentence.
//!
//! ## References
//!
//! Salton's tf–idf cosine; constrained agglomerative clustering.

#![expect(
    clippy::many_single_char_names,
    reason = "similarity arithmetic reads best with short names"
)]

use std::collections::HashMap;

use crosscheck_core::Lang;
use crosscheck_text::{Stemmer, is_stopword};

use crate::doc::Doc;
use crate::entities::EntityTable;

/// A group of sentences stating one fact: `(doc, sentence)` pairs, at most one per doc.
#[derive(Debug, Clone)]
pub(crate) struct ClaimGroup {
    /// The members, in doc order.
    pub(crate) members: Vec<(usize, usize)>,
    /// The member whose wording stands for the group.
    pub(crate) central: usize,
}

struct Item {
    doc: usize,
    sent: usize,
    terms: Vec<(u32, f32)>,
    norm: f32,
}

#[derive(Clone, Copy)]
enum Term<'a> {
    Stem(&'a str),
    Number(u64),
    Entity(u32),
}

pub(crate) fn number_word(w: &str) -> Option<u64> {
    const SMALL: [&str; 19] = [
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    if let Some(i) = SMALL.iter().position(|&s| s == w) {
        return Some(i as u64 + 2);
    }
    let tens = ["thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    tens.iter().position(|&s| s == w).map(|i| (i as u64 + 3) * 10)
}

pub(crate) fn parse_number(s: &str) -> Option<u64> {
    let digits: String = s.chars().filter(|c| *c != ',').collect();
    let int = digits.split('.').next()?;
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) || int.len() > 15 {
        return None;
    }
    int.parse().ok()
}

/// Visits the terms of one sentence.
fn terms_of(
    d: &Doc<'_>,
    sent: usize,
    ents: &[Option<u32>],
    stemmer: &Stemmer,
    mut f: impl FnMut(Term<'_>),
) {
    let s = &d.sents[sent];
    let lang = d.article.language;
    let range = s.words.start as usize..s.words.end as usize;
    let mut skip_next = false;
    for i in range.clone() {
        if skip_next {
            skip_next = false;
            continue;
        }
        let w = &d.words[i];
        if let Some(e) = ents[i] {
            f(Term::Entity(e));
            continue;
        }
        if w.digit {
            // "40 000": a group of three digits after a number, spaced.
            let mut text = d.text(w.span).to_string();
            if let Some(next) = d.words.get(i + 1)
                && i + 1 < range.end
                && next.gap == crate::doc::Gap::Space
                && next.key.len() == 3
                && next.key.bytes().all(|b| b.is_ascii_digit())
                && text.len() <= 3
            {
                text.push_str(&next.key);
                skip_next = true;
            }
            for part in text.split(['-', '‐']) {
                if let Some(n) = parse_number(part) {
                    f(Term::Number(n));
                } else if part.len() > 2 && !part.bytes().any(|b| b.is_ascii_digit()) {
                    let k = part.to_lowercase();
                    let stem = stemmer.stem(&k);
                    f(Term::Stem(&stem));
                }
            }
            continue;
        }
        for part in w.key.split('-') {
            if let Some(n) = number_word(part) {
                f(Term::Number(n));
                continue;
            }
            if part.len() < 2 || is_stopword(lang, part) || is_stopword(Lang::EN, part) {
                continue;
            }
            let stem = stemmer.stem(part);
            f(Term::Stem(&stem));
        }
    }
}

/// Aligns the prose sentences of `docs` into claim groups.
pub(crate) fn align(docs: &[Doc<'_>], table: &EntityTable, threshold: f32) -> Vec<ClaimGroup> {
    let mut dict: HashMap<String, u32> = HashMap::new();
    let mut items: Vec<Item> = Vec::new();
    let mut key = String::new();
    for (di, d) in docs.iter().enumerate() {
        let stemmer = Stemmer::new(d.article.language);
        let ents = table.word_entities(di, d.words.len());
        for (si, s) in d.sents.iter().enumerate() {
            if !s.claim {
                continue;
            }
            let mut ids: Vec<(u32, f32)> = Vec::new();
            terms_of(d, si, &ents, &stemmer, |t| {
                key.clear();
                let boost = match t {
                    Term::Stem(s) => {
                        key.push_str("s:");
                        key.push_str(s);
                        1.0
                    }
                    Term::Number(n) => {
                        key.push_str("n:");
                        key.push_str(&n.to_string());
                        1.5
                    }
                    Term::Entity(e) => {
                        key.push_str("e:");
                        key.push_str(&e.to_string());
                        1.3
                    }
                };
                let next = dict.len() as u32;
                let id = *dict.entry(key.clone()).or_insert(next);
                ids.push((id, boost));
            });
            ids.sort_by_key(|t| t.0);
            ids.dedup_by_key(|t| t.0);
            items.push(Item { doc: di, sent: si, terms: ids, norm: 0.0 });
        }
    }
    let n = items.len();
    let mut df = vec![0u32; dict.len()];
    for it in &items {
        for &(t, _) in &it.terms {
            df[t as usize] += 1;
        }
    }
    let idf: Vec<f32> = df.iter().map(|&d| ((n as f32 + 1.0) / d as f32).ln()).collect();
    for it in &mut items {
        for t in &mut it.terms {
            t.1 *= idf[t.0 as usize];
        }
        it.norm = it.terms.iter().map(|t| t.1 * t.1).sum::<f32>().sqrt();
    }
    // Postings, then dot products through them.
    let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); dict.len()];
    for (i, it) in items.iter().enumerate() {
        for &(t, w) in &it.terms {
            postings[t as usize].push((i as u32, w));
        }
    }
    let mut sims: HashMap<(u32, u32), f32> = HashMap::new();
    let mut pairs: Vec<(f32, u32, u32)> = Vec::new();
    let mut acc = vec![0f32; n];
    let mut touched: Vec<u32> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        for &(t, w) in &it.terms {
            for &(j, wj) in &postings[t as usize] {
                if (j as usize) <= i || items[j as usize].doc == it.doc {
                    continue;
                }
                if acc[j as usize] == 0.0 {
                    touched.push(j);
                }
                acc[j as usize] += w * wj;
            }
        }
        for &j in &touched {
            let denom = it.norm * items[j as usize].norm;
            let s = if denom > 0.0 { acc[j as usize] / denom } else { 0.0 };
            acc[j as usize] = 0.0;
            if s >= threshold * 0.5 {
                sims.insert((i as u32, j), s);
            }
            if s >= threshold {
                pairs.push((s, i as u32, j));
            }
        }
        touched.clear();
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let sim = |a: u32, b: u32| -> f32 {
        let k = if a < b { (a, b) } else { (b, a) };
        sims.get(&k).copied().unwrap_or(0.0)
    };
    // Constrained agglomeration: one sentence per article, average similarity kept up.
    let mut group_of: Vec<u32> = (0..n as u32).collect();
    let mut members: Vec<Vec<u32>> = (0..n as u32).map(|i| vec![i]).collect();
    for (_, i, j) in pairs {
        let (gi, gj) = (group_of[i as usize], group_of[j as usize]);
        if gi == gj {
            continue;
        }
        let (a, b) = (&members[gi as usize], &members[gj as usize]);
        if a.iter().any(|&x| b.iter().any(|&y| items[x as usize].doc == items[y as usize].doc)) {
            continue;
        }
        let mut total = 0.0;
        for &x in a {
            for &y in b {
                total += sim(x, y);
            }
        }
        let mean = total / (a.len() * b.len()) as f32;
        if mean < threshold * 0.6 {
            continue;
        }
        let moved = std::mem::take(&mut members[gj as usize]);
        for &m in &moved {
            group_of[m as usize] = gi;
        }
        members[gi as usize].extend(moved);
    }
    let mut groups: Vec<ClaimGroup> = members
        .into_iter()
        .filter(|m| !m.is_empty())
        .map(|mut m| {
            m.sort_by_key(|&x| (items[x as usize].doc, items[x as usize].sent));
            let central = (0..m.len())
                .max_by(|&p, &q| {
                    let sp: f32 =
                        m.iter().map(|&y| if y == m[p] { 0.0 } else { sim(m[p], y) }).sum();
                    let sq: f32 =
                        m.iter().map(|&y| if y == m[q] { 0.0 } else { sim(m[q], y) }).sum();
                    sp.total_cmp(&sq).then(q.cmp(&p))
                })
                .unwrap_or(0);
            ClaimGroup {
                members: m
                    .iter()
                    .map(|&x| (items[x as usize].doc, items[x as usize].sent))
                    .collect(),
                central,
            }
        })
        .collect();
    groups.sort_by_key(|g| g.members[0]);
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_normalise() {
        assert_eq!(parse_number("40,000"), Some(40_000));
        assert_eq!(parse_number("3.5"), Some(3));
        assert_eq!(parse_number("abc"), None);
        assert_eq!(number_word("twelve"), Some(12));
        assert_eq!(number_word("forty"), Some(40));
        assert_eq!(number_word("one"), None);
    }
}
