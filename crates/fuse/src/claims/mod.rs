//! Claims: sentences of different articles that state the same fact, aligned.
//!
//! ## What it does
//!
//! Each prose sentence (not a headline, a byline or a sentence that is mostly a direct
//! quotation: those are quotes) becomes a set of terms: the stems of its content words
//! (stopwords and speech verbs dropped, British and American spellings folded, news verbs and
//! nouns grouped: `hurt`/`injured`, `killed`/`died`, `belongs to`/`owned`/`operated by`,
//! `ship`/`vessel`, `old town`/`city centre`), a negation term (`no`, `nobody`, `never`, the
//! `un-` of `unhurt`), its numbers (`12`, `twelve` and `40,000`/`40 000` normalised; a number
//! that describes, `190-metre`, weighs less), its resolved dates (`on Sunday` in a report of
//! Sunday 15 March and `March 15` elsewhere are one term, and `June 4` shares its month with
//! `early June`), and the entities it mentions after spelling variants are merged (so
//! `Grabchenko` and `Hrabchenko` are one term; `the company` is the organisation last named).
//! Terms are weighted by their inverse sentence frequency in the story, numbers and entities
//! more. A sentence negated in its own words (a negation outside any quotation) and one that
//! is not, alike in all their other words, are never one claim: `was repaired` and `was not
//! repaired` are two statements. Two
//! sentences of different articles that share at least two terms, one of them a word rather
//! than a name, number or date (names, numbers and dates alone glue different statements about
//! one person, place or day: on ECB+ this took the clause pass's wrong pairs from 207 to 143),
//! are similar by the
//! cosine of their weighted term sets or, when the shorter one is mostly covered by the longer
//! and names nothing the longer one does not, by that coverage (scaled down): a short rendering
//! of one clause of a long sentence. Pairs above
//! [`FuserBuilder::claim_threshold`](crate::FuserBuilder::claim_threshold) are joined, most
//! similar first, into groups that hold at most one sentence per article and whose members
//! stay similar on average (so a chain of loosely related sentences does not become one claim).
//!
//! A long sentence is also read as its clauses (`clauses`; a clause that names nothing takes
//! the names of the sentence's first clause), weighted by the sentences' rarity. A clause joins
//! the claim of its fact when its sentence went to another claim (`attach`), and an alignment
//! grown from the clauses adds the claims of facts stated in clauses whose articles no claim
//! has: one sentence can support several claims, each rendering the clause that states it.
//!
//! ## Why
//!
//! Outlets paraphrase: word order and function words change, content words, numbers and names
//! mostly survive. Weighting by rarity in the story keeps the story's topic words (`bridge`,
//! `ship`) from gluing every sentence together; requiring two shared terms keeps one rare name
//! from doing so.
//!
//! ## Example
//!
//! `All 21 crew members on board the ship were unhurt.` and `None of the 21 sailors on board
//! was hurt.` share `21`, `board`, the crew group, the negation and the injury group: one
//! claim. `Nobody was killed.` and `No one died.` are one claim; `Two workers were killed.` is
//! another. `It lost its propulsion moments before the impact.` joins the last clause of `It had
//! left port on Monday evening … when it reported a loss of propulsion about four minutes
//! before the impact.`
//!
//! ## Limitations
//!
//! A bag of words, not a parse: who did what to whom is not read, and paraphrases with no
//! content word and no group in common stay apart. A sentence claim still glues the facts of
//! its sentences; the clause claims stand beside it. Translation is only bridged where names,
//! numbers and dates carry the sentence. The word groups are English.
//!
//! ## References
//!
//! Salton's tf–idf cosine; constrained agglomerative clustering; containment as in Broder's
//! resemblance and containment of documents (1997).

#![expect(
    clippy::many_single_char_names,
    reason = "similarity arithmetic reads best with short names"
)]

use foldhash::{HashMap, HashMapExt, HashSet};
use std::ops::Range;

use crosscheck_core::Span;
use crosscheck_text::Stemmer;
use crosscheck_text::lexicon::{Lexicon, List};

use crate::EntityKind;
use crate::analysis::Doc;
use crate::analysis::EntityTable;
use crate::analysis::events::{content_stem, heads_event_group};
use crate::analysis::sorted_shared;
use crate::quotes::QuoteMention;
use crate::timeline::Dated;
use crosscheck_text::numbers::{number_word, parse_number};

mod attach;
mod bounded;
mod clauses;

/// A group of sentences stating one fact: `(doc, sentence)` pairs, at most one per doc.
#[derive(Debug, Clone)]
pub(crate) struct ClaimGroup {
    /// The members, in doc order.
    pub(crate) members: Vec<(usize, usize)>,
    /// The member whose wording stands for the group.
    pub(crate) central: usize,
    /// Per member, the text span of its rendering: the sentence, or the clause of it that
    /// states the fact.
    pub(crate) spans: Vec<Span>,
    /// For a claim grown from clauses, the clause that states its fact: the member whose
    /// sentence holds it (the central member, or a clause member when the central sentence has
    /// no clause like the others) and its text span. The claim then reads as that member's
    /// sentence, the clause its fact. `None` for a claim of whole sentences (clauses of other
    /// articles attached to it or not).
    pub(crate) fact: Option<(usize, Span)>,
}

struct Item {
    doc: usize,
    sent: usize,
    /// Its text: the sentence's, or one clause's.
    span: Span,
    /// Whether it is one clause of a sentence of several.
    clause: bool,
    terms: Vec<(u32, f32)>,
    /// The terms that name or count something (entities, numbers, dates), sorted.
    anchors: Vec<u32>,
    norm: f32,
    negated: bool,
}

#[derive(Clone, Copy)]
enum Term<'a> {
    Stem(&'a str),
    Number(u64),
    /// A number that describes rather than states (`190-metre`, `35-year-old`).
    Measure(u64),
    Entity(u32),
    /// A negation (`no`, `nobody`, `never`, the `un-` of `unhurt`).
    Negation,
    /// A resolved date: a day, or the month it falls in.
    Date(&'a str),
}

/// The rest of a word after a negative prefix of the language (`hurt` of `unhurt`).
fn negated<'w>(lex: &Lexicon, w: &'w str) -> Option<&'w str> {
    lex.words(List::NegativePrefixes).find_map(|p| w.strip_prefix(p))
}

/// Whether a folded word negates what follows (`no`, `nobody`, `never`; `one` of `no one`
/// is dropped as a stopword).
fn is_negation(lex: &Lexicon, w: &str) -> bool {
    lex.has(List::Negations, w)
}

/// What a sentence's words are, besides themselves: entity mentions, and the dates the
/// timeline resolved (`on Sunday` in a report published on Sunday 15 March is the day of
/// `March 15` elsewhere).
struct Marks<'a> {
    ents: Vec<Option<u32>>,
    /// Per word, the organisation a definite description (`the company`) refers back to.
    coref: Vec<Option<u32>>,
    /// Words the story also writes in lower case: an entity's name made of them (`Coast
    /// Guard`) also counts as those words, to meet `the coast guard` elsewhere.
    common: &'a HashSet<&'a str>,
    /// Per word, the index into `dates` of the date expression it belongs to.
    date_of: Vec<Option<u32>>,
    /// Per date expression, its terms (`2026-03-15` and `2026-03`).
    dates: Vec<Vec<String>>,
    stemmer: &'a Stemmer,
}

/// Visits the terms of the words `range` of one sentence, each with the word it starts at.
fn terms_of(
    d: &Doc<'_>,
    range: Range<usize>,
    marks: &Marks<'_>,
    mut f: impl FnMut(usize, Term<'_>),
) {
    let mut skip_next = false;
    let lang = d.article.language;
    let lex = Lexicon::of(lang);
    let mut pair = String::new();
    for i in range.clone() {
        if skip_next {
            skip_next = false;
            continue;
        }
        let w = &d.words[i];
        // A sentence's terms are a set: a name or date of several words gives its term once.
        if let Some(k) = marks.date_of[i] {
            for t in &marks.dates[k as usize] {
                f(i, Term::Date(t));
            }
            continue;
        }
        if let Some(e) = marks.ents[i] {
            f(i, Term::Entity(e));
            if !w.first
                && marks.common.contains(w.key.as_str())
                && let Some(stem) = content_stem(&w.key, lang, marks.stemmer)
            {
                f(i, Term::Stem(&stem));
            }
            continue;
        }
        if let Some(e) = marks.coref[i] {
            f(i, Term::Entity(e));
            continue;
        }
        if w.digit {
            // "40 000": a group of three digits after a number, spaced.
            let mut text = d.text(w.span).to_string();
            if let Some(next) = d.words.get(i + 1)
                && i + 1 < range.end
                && next.gap == crate::analysis::Gap::Space
                && next.key.len() == 3
                && next.key.bytes().all(|b| b.is_ascii_digit())
                && text.len() <= 3
            {
                text.push_str(&next.key);
                skip_next = true;
            }
            let adjective = text.contains(['-', '‐'])
                && text
                    .rsplit(['-', '‐'])
                    .next()
                    .is_some_and(|p| p.bytes().any(|b| b.is_ascii_alphabetic()));
            for part in text.split(['-', '‐']) {
                if let Some(n) = parse_number(part) {
                    f(i, if adjective { Term::Measure(n) } else { Term::Number(n) });
                } else if part.len() > 2 && !part.bytes().any(|b| b.is_ascii_digit()) {
                    let k = part.to_lowercase();
                    if let Some(stem) = content_stem(&k, lang, marks.stemmer) {
                        f(i, Term::Stem(&stem));
                    }
                }
            }
            continue;
        }
        // `old town`, `city centre`, `town center`: one place, however a city's core is named.
        if let Some(next) = d.words.get(i + 1)
            && i + 1 < range.end
            && let Some(term) = {
                pair.clear();
                pair.push_str(&w.key);
                pair.push(' ');
                pair.push_str(&next.key);
                lex.value(List::PlaceSynonyms, &pair)
            }
        {
            f(i, Term::Stem(term));
            skip_next = true;
            continue;
        }
        for part in w.key.split('-') {
            if let Some(n) = number_word(lex, part) {
                f(i, Term::Number(n));
                continue;
            }
            if is_negation(lex, part) {
                f(i, Term::Negation);
                continue;
            }
            // `unhurt`, `uninjured`: a negated word of a known group.
            if let Some(rest) = negated(lex, part)
                && rest.len() > 3
                && let Some(stem) = content_stem(rest, lang, marks.stemmer)
                && heads_event_group(&stem, lang)
            {
                f(i, Term::Negation);
                f(i, Term::Stem(&stem));
                continue;
            }
            if let Some(stem) = content_stem(part, lang, marks.stemmer) {
                f(i, Term::Stem(&stem));
            }
        }
    }
}

/// Per word of `d`, the date expression it is part of, and each expression's terms.
fn date_marks(d: &Doc<'_>, dated: &[&Dated]) -> (Vec<Option<u32>>, Vec<Vec<String>>) {
    let mut of = vec![None; d.words.len()];
    let mut terms = Vec::new();
    for (k, x) in dated.iter().enumerate() {
        let v = x.mention.value;
        let mut t = Vec::new();
        // A statement's date (`said on Tuesday`) or a vague one dates no fact.
        if !x.cited && !x.uncertain {
            if v.is_day() {
                t.push(format!("d:{}", v.start()));
            }
            let (a, b) = (v.start().civil(), v.end().civil());
            if (a.year(), a.month()) == (b.year(), b.month()) {
                t.push(format!("m:{}-{}", a.year(), a.month()));
            } else if a.year() == b.year() {
                t.push(format!("y:{}", a.year()));
            }
        }
        terms.push(t);
        let sent = &d.sents[x.sent];
        let range = sent.words.start as usize..sent.words.end as usize;
        for (slot, w) in of[range.clone()].iter_mut().zip(&d.words[range]) {
            if w.span.start >= x.mention.span.start && w.span.end <= x.mention.span.end {
                *slot = Some(k as u32);
            }
        }
    }
    (of, terms)
}

/// Per word of `d`, the organisation a definite description refers to: the last
/// organisation named before it.
fn org_coref(d: &Doc<'_>, table: &EntityTable, ents: &[Option<u32>]) -> Vec<Option<u32>> {
    let lex = Lexicon::of(d.article.language);
    let mut out = vec![None; d.words.len()];
    let mut last: Option<u32> = None;
    for (i, w) in d.words.iter().enumerate() {
        if let Some(e) = ents[i] {
            if table.entities[e as usize].kind == EntityKind::Org {
                last = Some(e);
            }
            continue;
        }
        // `The company said`: a noun of the list after a definite article.
        if lex.has(List::OrgAnaphors, &w.key)
            && i > 0
            && lex.has(List::DefiniteArticles, &d.words[i - 1].key)
            && let Some(e) = last
        {
            out[i] = Some(e);
        }
    }
    out
}

/// Whether more than half of `sent` lies inside the quotation marks of the article's quotes
/// (scare quotes aside): such a sentence is reported as a quote, not as a claim.
fn mostly_quoted(sent: Span, quotes: &[QuoteMention]) -> bool {
    let inside: u32 = quotes
        .iter()
        .filter(|q| !q.scare)
        .map(|q| q.marks.end.min(sent.end).saturating_sub(q.marks.start.max(sent.start)))
        .sum();
    inside * 2 > sent.end - sent.start
}

/// Whether word `k` negates its sentence in the outlet's own words: a negation (`not`,
/// `didn't`) outside any quotation (a speaker's `it couldn't have been better` negates nothing
/// the outlet states).
fn negates_outside_quotes(
    d: &Doc<'_>,
    k: usize,
    quotes: &[QuoteMention],
    stemmer: &Stemmer,
) -> bool {
    let lang = d.article.language;
    let lex = Lexicon::of(lang);
    let w = &d.words[k];
    // `unhurt`, `uninjured`: as `terms_of` reads them.
    let prefixed = negated(lex, &w.key).is_some_and(|rest| {
        rest.len() > 3
            && content_stem(rest, lang, stemmer).is_some_and(|stem| heads_event_group(&stem, lang))
    });
    (is_negation(lex, &w.key) || prefixed)
        && !quotes.iter().any(|q| q.marks.start <= w.span.start && w.span.end <= q.marks.end)
}

/// The similarity from which a negated sentence and one that is not are the same statement
/// with opposite polarity, never one claim.
const NEGATED_TWIN: f32 = 0.6;

/// How much of a sentence's weight another sentence must cover for the two to be one claim
/// even when the other says more (a short rendering of one clause of a long one).
const CONTAINMENT: f32 = 0.62;

/// Aligns the prose sentences of `docs` into claim groups.
pub(crate) fn align(
    docs: &[Doc<'_>],
    table: &EntityTable,
    dated: &[Dated],
    quotes: &[Vec<QuoteMention>],
    threshold: f32,
) -> Vec<ClaimGroup> {
    let mut dict: HashMap<String, u32> = HashMap::new();
    let mut items: Vec<Item> = Vec::new();
    let common: HashSet<&str> = docs
        .iter()
        .flat_map(|d| d.words.iter().filter(|w| !w.cap && !w.digit).map(|w| w.key.as_str()))
        .collect();
    for (di, d) in docs.iter().enumerate() {
        let stemmer = Stemmer::new(d.article.language);
        let own: Vec<&Dated> = dated.iter().filter(|x| x.doc == di).collect();
        let (date_of, date_terms) = date_marks(d, &own);
        let ents = table.word_entities(di, d.words.len());
        let marks = Marks {
            coref: org_coref(d, table, &ents),
            ents,
            common: &common,
            date_of,
            dates: date_terms,
            stemmer: &stemmer,
        };
        for (si, s) in d.sents.iter().enumerate() {
            if !s.claim || mostly_quoted(s.span, &quotes[di]) {
                continue;
            }
            let whole = s.words.start as usize..s.words.end as usize;
            // `split` gives at least the sentence itself: several parts, or one and an aside,
            // make clauses.
            let mut parts = clauses::split(d, si);
            parts.extend(clauses::aside(d, si));
            let many = parts.len() > 1;
            let pieces = std::iter::once((whole.clone(), s.span, false))
                .chain(parts.into_iter().filter(|_| many).map(|c| (c.words, c.span, true)));
            // The sentence's terms, by word, read once: a clause takes those of its words.
            let words = interned(d, whole.clone(), &marks, &mut dict);
            let negations: Vec<usize> = whole
                .clone()
                .filter(|&k| negates_outside_quotes(d, k, &quotes[di], &stemmer))
                .collect();
            // The names of the sentence's first clause: its subject, as a rule.
            let mut subject: Option<Vec<(u32, f32)>> = None;
            for (range, span, clause) in pieces {
                let negated = negations.iter().any(|k| range.contains(k));
                let (mut terms, mut anchors, names) = gathered(&words, &range);
                if clause {
                    match &subject {
                        None => subject = Some(names),
                        Some(first) if names.is_empty() => {
                            inherit(&mut terms, &mut anchors, first);
                        }
                        Some(_) => {}
                    }
                }
                items.push(Item {
                    doc: di,
                    sent: si,
                    span,
                    clause,
                    terms,
                    anchors,
                    norm: 0.0,
                    negated,
                });
            }
        }
    }
    // Weights are the sentences' rarity: a clause repeats its sentence's words.
    let sentences = items.iter().filter(|it| !it.clause).count();
    let mut df = vec![0u32; dict.len()];
    for it in items.iter().filter(|it| !it.clause) {
        for &(t, _) in &it.terms {
            df[t as usize] += 1;
        }
    }
    let idf: Vec<f32> =
        df.iter().map(|&d| ((sentences as f32 + 1.0) / d.max(1) as f32).ln()).collect();
    for it in &mut items {
        for t in &mut it.terms {
            t.1 *= idf[t.0 as usize];
        }
        it.norm = it.terms.iter().map(|t| t.1 * t.1).sum::<f32>().sqrt();
    }
    // Sentences first, each whole in one claim.
    let whole: Vec<usize> = (0..items.len()).filter(|&i| !items[i].clause).collect();
    let vectors: Vec<bounded::Vector<'_>> = whole.iter().map(|&i| vector(&items[i])).collect();
    let group = |members: Vec<usize>, central: usize, grown: bool| ClaimGroup {
        spans: members.iter().map(|&x| items[x].span).collect(),
        fact: grown.then(|| fact_clause(docs, &items, &members, central)).flatten(),
        members: members.iter().map(|&x| (items[x].doc, items[x].sent)).collect(),
        central,
    };
    let mut sentence_groups: Vec<(Vec<usize>, usize)> =
        bounded::align(&vectors, threshold, similarity, None)
            .into_iter()
            .map(|(m, central)| (m.iter().map(|&x| whole[x as usize]).collect(), central))
            .collect();
    let vectors: Vec<bounded::Vector<'_>> = items.iter().map(vector).collect();
    if whole.len() < items.len() {
        // The clause of a sentence that went to another claim joins its fact's claim.
        let pieces: Vec<usize> = (0..items.len()).filter(|&i| items[i].clause).collect();
        let lists: Vec<Vec<usize>> = sentence_groups.iter().map(|g| g.0.clone()).collect();
        for (g, x) in attach::attach(&vectors, &pieces, &lists, threshold, similarity) {
            let (members, central) = &mut sentence_groups[g];
            let c = members[*central];
            members.push(x);
            members.sort_unstable();
            *central = members.iter().position(|&m| m == c).unwrap_or(0);
        }
    }
    let mut groups: Vec<ClaimGroup> =
        sentence_groups.into_iter().map(|(m, central)| group(m, central, false)).collect();
    // Then sentences and clauses together: a claim that holds a clause and whose articles no
    // sentence claim has is a fact a longer sentence also states.
    if whole.len() < items.len() {
        let mut seen: HashSet<Vec<usize>> = groups.iter().map(doc_set).collect();
        // Only a sentence that shares a name, a number or a date with a clause can meet one.
        let mut held = vec![false; dict.len()];
        for it in items.iter().filter(|it| it.clause) {
            for &t in &it.anchors {
                held[t as usize] = true;
            }
        }
        let taking: Vec<usize> = (0..items.len())
            .filter(|&i| items[i].clause || items[i].anchors.iter().any(|&t| held[t as usize]))
            .collect();
        let seeds: Vec<bool> = taking.iter().map(|&i| items[i].clause).collect();
        let chosen: Vec<bounded::Vector<'_>> = taking.iter().map(|&i| vector(&items[i])).collect();
        for (m, central) in bounded::align(&chosen, threshold, similarity, Some(&seeds)) {
            let members: Vec<usize> = m.iter().map(|&x| taking[x as usize]).collect();
            if !members.iter().any(|&x| items[x].clause) {
                continue;
            }
            let g = group(members, central, true);
            let docs = doc_set(&g);
            if docs.len() >= 2 && seen.insert(docs) {
                groups.push(g);
            }
        }
    }
    groups.sort_by_key(|g| g.members[0]);
    groups
}

/// The clause that states the fact of a claim grown from clauses (`members`, items), as the
/// member whose sentence holds it and the clause's span: the central member when it is a clause
/// narrower than its sentence; else the narrower clause of the central sentence most like the
/// other members (by the sum of their cosines), if one shares a term with them; else the
/// narrower clause member most like the central one (the claim was grown from it).
fn fact_clause(
    docs: &[Doc<'_>],
    items: &[Item],
    members: &[usize],
    central: usize,
) -> Option<(usize, Span)> {
    let at = *members.get(central)?;
    let c = &items[at];
    // A clause narrower than its sentence (an aside split off leaves the sentence whole too).
    let narrower = |it: &Item| it.clause && it.span != docs[it.doc].sents[it.sent].span;
    if narrower(c) {
        return Some((central, c.span));
    }
    let others: Vec<&Item> = members.iter().filter(|&&m| m != at).map(|&m| &items[m]).collect();
    let best = |scored: &mut dyn Iterator<Item = (f32, usize, Span)>| {
        scored
            .filter(|x| x.0 > 0.0)
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.2.start.cmp(&a.2.start)))
            .map(|x| (x.1, x.2))
    };
    // The clauses of the central sentence: the items of its doc and sentence, which stand
    // together (the sentence, then its clauses).
    let same = |it: &Item| (it.doc, it.sent) == (c.doc, c.sent);
    let first = items[..at].iter().rposition(|it| !same(it)).map_or(0, |j| j + 1);
    let own = &mut items[first..]
        .iter()
        .take_while(|it| same(it))
        .filter(|it| narrower(it))
        .map(|k| (others.iter().map(|o| cosine(k, o)).sum::<f32>(), central, k.span));
    best(own).or_else(|| {
        let clauses = &mut members
            .iter()
            .enumerate()
            .filter(|(_, m)| narrower(&items[**m]))
            .map(|(k, &m)| (cosine(&items[m], c), k, items[m].span));
        best(clauses)
    })
}

/// The cosine of two items' weighted terms (sorted by id).
fn cosine(a: &Item, b: &Item) -> f32 {
    let denom = a.norm * b.norm;
    if denom <= 0.0 {
        return 0.0;
    }
    bounded::dot(&a.terms, &b.terms).0 / denom
}

/// What alignment reads of an item.
fn vector(it: &Item) -> bounded::Vector<'_> {
    bounded::Vector {
        doc: it.doc,
        terms: &it.terms,
        anchors: &it.anchors,
        norm: it.norm,
        negated: it.negated,
    }
}

/// The distinct articles of a group, sorted.
fn doc_set(g: &ClaimGroup) -> Vec<usize> {
    let mut docs: Vec<usize> = g.members.iter().map(|m| m.0).collect();
    docs.sort_unstable();
    docs.dedup();
    docs
}

/// Weighted terms, anchor terms and the entity terms among them, each sorted by id.
type Interned = (Vec<(u32, f32)>, Vec<u32>, Vec<(u32, f32)>);

/// One term of a sentence: the word it starts at, its id, its boost (the weight of its kind),
/// whether it is an anchor and whether it is an entity.
type WordTerm = (usize, u32, f32, bool, bool);

/// The terms of the words `range` of a sentence, by word, each interned in `dict` (the boost of
/// their kind as their weight until rarity weighs them).
fn interned(
    d: &Doc<'_>,
    range: Range<usize>,
    marks: &Marks<'_>,
    dict: &mut HashMap<String, u32>,
) -> Vec<WordTerm> {
    let mut out: Vec<WordTerm> = Vec::new();
    let mut key = String::new();
    terms_of(d, range, marks, |i, t| {
        key.clear();
        let anchor = matches!(t, Term::Number(_) | Term::Entity(_) | Term::Date(_));
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
            Term::Measure(n) => {
                key.push_str("n:");
                key.push_str(&n.to_string());
                0.5
            }
            Term::Entity(e) => {
                key.push_str("e:");
                key.push_str(&e.to_string());
                1.3
            }
            Term::Negation => {
                key.push_str("not");
                1.0
            }
            Term::Date(t) => {
                key.push_str(t);
                1.2
            }
        };
        let next = dict.len() as u32;
        let id = *dict.entry(key.clone()).or_insert(next);
        out.push((i, id, boost, anchor, matches!(t, Term::Entity(_))));
    });
    out
}

/// The terms of `words` that start in `range`, as a set: weighted terms (a term's first boost),
/// anchors and entities, each sorted by id.
fn gathered(words: &[WordTerm], range: &Range<usize>) -> Interned {
    let mut ids: Vec<(u32, f32)> = Vec::new();
    let mut anchors: Vec<u32> = Vec::new();
    let mut names: Vec<(u32, f32)> = Vec::new();
    for &(_, id, boost, anchor, entity) in words.iter().filter(|w| range.contains(&w.0)) {
        ids.push((id, boost));
        if anchor {
            anchors.push(id);
        }
        if entity {
            names.push((id, boost));
        }
    }
    ids.sort_by_key(|t| t.0);
    ids.dedup_by_key(|t| t.0);
    anchors.sort_unstable();
    anchors.dedup();
    names.sort_by_key(|t| t.0);
    names.dedup_by_key(|t| t.0);
    (ids, anchors, names)
}

/// Adds to a clause that names nothing the names of its sentence's first clause (`…, who
/// resigned` is about the person named before): its terms and anchors stay sorted.
fn inherit(terms: &mut Vec<(u32, f32)>, anchors: &mut Vec<u32>, names: &[(u32, f32)]) {
    terms.extend_from_slice(names);
    terms.sort_by_key(|t| t.0);
    terms.dedup_by_key(|t| t.0);
    anchors.extend(names.iter().map(|t| t.0));
    anchors.sort_unstable();
    anchors.dedup();
}

/// The similarity of two sentences from their dot product and the number of terms they share:
/// the cosine, or, when the shorter one is mostly covered by the other (at least three shared
/// terms, or two that cover it all) and names nothing the longer one does not, its coverage
/// scaled by [`CONTAINMENT`].
fn similarity(dot: f32, shared: u16, a: &bounded::Vector<'_>, b: &bounded::Vector<'_>) -> f32 {
    let denom = a.norm * b.norm;
    // One shared word, however rare, does not make two sentences one statement.
    if denom <= 0.0 || shared < 2 {
        return 0.0;
    }
    // Names, numbers and dates alone do not make two sentences one statement (`Ortiz was shot
    // in 2005` and `Orozco was convicted of killing Ortiz in 2005`): they must share a word of
    // what is said, unless they are the same terms (copies are one statement, as alignment
    // holds them one unit).
    let same = usize::from(shared) == a.terms.len() && a.terms.len() == b.terms.len();
    if !same && usize::from(shared) <= sorted_shared(a.anchors, b.anchors, |&t| t) {
        return 0.0;
    }
    let cos = dot / denom;
    // A sentence and its negation (`was repaired`, `was not repaired`: alike in every other
    // word) are two statements, not one. Less alike, a negation may be a paraphrase
    // (`nobody was missing`, `everyone was accounted for`).
    if a.negated != b.negated && cos >= NEGATED_TWIN {
        return 0.0;
    }
    let small = a.norm.min(b.norm);
    let cover = dot / (small * small);
    let (small_item, large_item) = if a.norm <= b.norm { (a, b) } else { (b, a) };
    let small_terms = small_item.terms.len();
    // Contained: what the shorter one names and counts, the longer one names and counts too.
    let named = small_item.anchors.iter().all(|t| large_item.anchors.binary_search(t).is_ok());
    if named && (shared >= 3 || (shared >= 2 && small_terms <= 3)) {
        cos.max(cover.min(1.0) * CONTAINMENT)
    } else {
        cos
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(doc: usize, span: Span, clause: bool, terms: &[u32]) -> Item {
        let terms: Vec<(u32, f32)> = terms.iter().map(|&t| (t, 1.0)).collect();
        let norm = (terms.len() as f32).sqrt();
        Item { doc, sent: 0, span, clause, terms, anchors: vec![], norm, negated: false }
    }

    #[test]
    fn a_grown_claim_reads_as_the_sentence_of_the_clause_that_states_it() {
        use crate::analysis::test_article as article;
        use crosscheck_core::Article;
        let texts = ["Mira left at dawn, and the bus broke down near Velm.", "The bus broke down."];
        let arts: Vec<Article> =
            texts.iter().enumerate().map(|(i, t)| article(&format!("d{i}"), t)).collect();
        let docs: Vec<Doc<'_>> = arts.iter().map(Doc::new).collect();
        let whole = docs[0].sents[0].span;
        let (left, broke) = (Span::new(0, 18), Span::new(24, whole.end));
        let items = [
            item(0, whole, false, &[1, 2, 3, 4]),
            item(0, left, true, &[1, 2]),
            item(0, broke, true, &[3, 4]),
            item(0, whole, true, &[1, 2, 3, 4]),
            item(1, docs[1].sents[0].span, false, &[3, 4]),
        ];
        // A central sentence: its clause most like the other members, not the whole sentence
        // an aside split off.
        assert_eq!(fact_clause(&docs, &items, &[0, 4], 0), Some((0, broke)));
        // A central clause is its own fact; one as wide as its sentence is none.
        assert_eq!(fact_clause(&docs, &items, &[1, 4], 0), Some((0, left)));
        assert_eq!(fact_clause(&docs, &items, &[3, 4], 0), Some((0, broke)));
        // A central sentence with no clause like the others: the clause member most like it.
        assert_eq!(fact_clause(&docs, &items, &[4, 2], 0), Some((1, broke)));
        assert_eq!(fact_clause(&docs, &items, &[4], 0), None);
    }

    #[test]
    fn names_numbers_and_dates_alone_make_no_claim() {
        let v = |terms: &'static [(u32, f32)], anchors: &'static [u32]| bounded::Vector {
            doc: 0,
            terms,
            anchors,
            norm: terms.iter().map(|t| t.1 * t.1).sum::<f32>().sqrt(),
            negated: false,
        };
        // `Velm (7) met Orsk (8) in 2031 (9)` beside `Velm (7) sued Orsk (8) in 2031 (9)`:
        // only the anchors are shared.
        let met = v(&[(1, 1.0), (7, 1.3), (8, 1.3), (9, 1.2)], &[7, 8, 9]);
        let sued = v(&[(2, 1.0), (7, 1.3), (8, 1.3), (9, 1.2)], &[7, 8, 9]);
        let dot = 1.3 * 1.3 * 2.0 + 1.2 * 1.2;
        assert!(similarity(dot, 3, &met, &sued) == 0.0);
        // Two copies of a sentence of names alone are one statement.
        let names = v(&[(7, 1.3), (8, 1.3)], &[7, 8]);
        assert!(similarity(1.3 * 1.3 * 2.0, 2, &names, &names) > 0.9);
        // `Velm met Orsk in 2031` twice over: the verb is shared too.
        assert!(similarity(dot + 1.0, 4, &met, &met) > 0.9);
        assert_eq!(sorted_shared(&[1, 4, 9], &[2, 4, 9, 11], |&t| t), 2);
    }

    #[test]
    fn a_clause_that_names_nothing_takes_the_names_of_the_first() {
        let (mut terms, mut anchors) = (vec![(2, 1.0), (9, 1.0)], vec![9]);
        inherit(&mut terms, &mut anchors, &[(4, 1.3), (9, 1.5)]);
        assert_eq!(terms, [(2, 1.0), (4, 1.3), (9, 1.0)]);
        assert_eq!(anchors, [4, 9]);
    }
}
