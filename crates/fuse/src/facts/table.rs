//! Facts read from every sentence, aligned into slots, and the conflicts among their values.

use foldhash::{HashMap, HashMapExt};
use std::collections::BTreeSet;
use std::fmt::Write as _;

use crosscheck_core::{Date, Span};
use crosscheck_text::lexicon::List;

use super::actors::{Actor, actor};
use super::figure_cover::{Reach, covered};
use super::lexicon::Lexicon;
use super::quantity::{self, Class, Quantity, Tok};
use super::spaced_thousands::Spacing;
use crate::analysis::{Context, Doc};
use crate::story::{Claim, Conflict, ConflictKind, ConflictSide, SourceSpan};
use crate::timeline::quoted;

/// The largest ratio between two values of one quantity that outlets can disagree on.
const ORDER_OF_MAGNITUDE: f64 = 10.0;

/// Sides from which the values of a figure that does not roll, nearly all from one outlet
/// each, are the figures of several things (see `conflict`).
const SCATTER: usize = 4;

/// Where a fact is written: its article and sentence.
pub(crate) type Place = (usize, usize);

/// One quantity fact.
#[derive(Debug, Clone)]
struct Fact {
    /// The article.
    doc: usize,
    /// The sentence.
    sent: usize,
    /// What it measures: the unit class and the attribute.
    class: Class,
    attribute: String,
    /// Who or what it is said of (entity ids), for market moves.
    subjects: BTreeSet<u32>,
    /// The interval of values.
    lo: f64,
    hi: f64,
    explicit: bool,
    rolling: bool,
    /// The value as written and the evidence span (text offsets).
    value: String,
    evidence: Span,
    /// The attribute as written.
    topic: String,
    /// The content words of the sentence, for facts keyed by a bare noun.
    context: BTreeSet<String>,
    /// The word that governs a bare-noun count (`pitched` in `pitched 2 innings`).
    governor: Option<String>,
    /// For a bare-noun count, the entities it is said of (the nearest entity before it in
    /// its clause), if any.
    agents: BTreeSet<u32>,
    /// For a count of a figure that does not roll, the object of its concept word, who did
    /// what it counts (see `actors`).
    actor: Option<Actor>,
}

/// Whether a token is a number (another quantity starts there).
fn is_number(t: &Tok, lx: &Lexicon) -> bool {
    t.lower.starts_with(|c: char| c.is_ascii_digit()) || lx.number(&t.lower).is_some()
}

fn class_name(c: &Class) -> &'static str {
    match c {
        Class::Count => "count",
        Class::Percent => "percent",
        Class::Money(_) => "money",
        Class::Duration => "duration",
        Class::Tally => "tally",
    }
}

/// The concept a token (or it and the next) names, among those that apply to `class`.
fn concept_at(toks: &[Tok], j: usize, lx: &Lexicon, class: &Class) -> Option<usize> {
    let t = toks.get(j)?;
    if !t.word {
        return None;
    }
    let fits = |c: usize| {
        let only = &lx.concept_info(c).only;
        only.is_empty() || only.iter().any(|o| o == class_name(class))
    };
    if let Some(n) = toks.get(j + 1)
        && let Some(c) = lx.concept(&format!("{} {}", t.lower, n.lower)).filter(|&c| fits(c))
    {
        return Some(c);
    }
    lx.concept(&t.lower).filter(|&c| fits(c))
}

/// The first concept after `from`, within `max` words, not past punctuation or a new clause.
fn forward(
    toks: &[Tok],
    from: usize,
    max: usize,
    lx: &Lexicon,
    class: &Class,
    through: bool,
) -> Option<(usize, usize)> {
    let mut n = 0;
    let mut j = from;
    while j < toks.len() && n < max {
        let t = &toks[j];
        if !t.word {
            if matches!(t.lower.as_str(), "-" | "'" | "’") {
                j += 1;
                continue;
            }
            return None;
        }
        if let Some(c) = concept_at(toks, j, lx, class) {
            return Some((c, j));
        }
        if is_number(t, lx) || (!through && lx.is_clause_word(&t.lower)) {
            return None;
        }
        if !lx.is_function(&t.lower) {
            n += 1;
        }
        j += 1;
    }
    None
}

/// The nearest concept before `from`, back to the sentence start or a new clause.
fn backward(toks: &[Tok], from: usize, lx: &Lexicon, class: &Class) -> Option<(usize, usize)> {
    for j in (0..from).rev() {
        let t = &toks[j];
        if t.lower == ";" || lx.has(List::ClauseOpeners, &t.lower) || is_number(t, lx) {
            return None;
        }
        if let Some(c) = concept_at(toks, j, lx, class) {
            return Some((c, j));
        }
    }
    None
}

/// The direction word near a percentage: just before it, or `lower`/`higher` just after.
fn direction(toks: &[Tok], q: &Quantity, lx: &Lexicon) -> Option<(&'static str, usize)> {
    let mut n = 0;
    for j in (0..q.toks.0).rev() {
        let t = &toks[j];
        if !t.word && t.lower != "-" {
            break;
        }
        if let Some(d) = lx.direction(&t.lower) {
            return Some((d, j));
        }
        n += 1;
        if n > 3 {
            break;
        }
    }
    for (j, t) in toks.iter().enumerate().skip(q.toks.1).take(2) {
        if let Some(d) = lx.direction(&t.lower) {
            return Some((d, j));
        }
    }
    None
}

/// The entities said to move: the nearest entity mention before the number in the sentence,
/// and those listed with it (`A, B and C`).
fn subjects(
    toks: &[Tok],
    q: &Quantity,
    ents: &[(Span, u32)],
    text: &str,
    lx: &Lexicon,
) -> BTreeSet<u32> {
    let at = toks[q.toks.0].start as u32;
    let sent_start = toks.first().map_or(0, |t| t.start as u32);
    let before: Vec<&(Span, u32)> =
        ents.iter().filter(|(s, _)| s.end <= at && s.start >= sent_start).collect();
    let mut out = BTreeSet::new();
    let Some(last) = before.last() else { return out };
    // The subject is in the number's clause: no `and the euro fell` in between.
    let gap = text.get(last.0.end as usize..toks[q.toks.0].start).unwrap_or("");
    if gap.split(|c: char| !c.is_alphanumeric()).any(|w| lx.is_clause_word(w)) || gap.contains(';')
    {
        return out;
    }
    out.insert(last.1);
    let mut edge = last.0.start;
    for (s, e) in before.iter().rev().skip(1) {
        let gap = text.get(s.end as usize..edge as usize).unwrap_or("x");
        let gap = gap.trim();
        let joins = |g: &str| lx.has(List::AndWords, g) || lx.has(List::OrWords, g);
        if matches!(gap, "," | "&") || joins(gap) || gap.strip_prefix(", ").is_some_and(joins) {
            out.insert(*e);
            edge = s.start;
        } else {
            break;
        }
    }
    out
}

/// The nearest content word before a count, within three words and one clause.
fn governor(toks: &[Tok], at: usize, lx: &Lexicon) -> Option<String> {
    for j in (at.saturating_sub(3)..at).rev() {
        let t = &toks[j];
        if !t.word || is_number(t, lx) {
            return None;
        }
        if !lx.is_function(&t.lower) {
            return Some(t.lower.chars().take(5).collect());
        }
    }
    None
}

/// The phrase as written, its number words in digits (`Nine` → `9`).
fn written(text: &str, toks: &[Tok], q: &Quantity, lx: &Lexicon) -> String {
    let mut out = String::new();
    let mut at = toks[q.toks.0].start;
    for t in &toks[q.toks.0..q.toks.1] {
        out.push_str(&text[at..t.start]);
        match lx.number(&t.lower) {
            Some(v) => {
                let _ = write!(out, "{v}");
            }
            None => out.push_str(&text[t.start..t.end]),
        }
        at = t.end;
    }
    out
}

fn singular(w: &str) -> &str {
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") { &w[..w.len() - 1] } else { w }
}

/// Reads the facts of one sentence.
fn facts_of(
    (doc, sent): (usize, usize),
    text: &str,
    toks: &[Tok],
    ents: &[(Span, u32)],
    lx: &Lexicon,
    out: &mut Vec<Fact>,
) {
    let read = quantity::read(toks, lx);
    let periods = read.iter().filter(|q| q.class == Class::Duration && q.explicit).count();
    for q in read {
        let mut subj = BTreeSet::new();
        let mut rolling = false;
        let mut class = q.class.clone();
        let mut lo = q.lo;
        let mut hi = q.hi;
        let mut value = written(text, toks, &q, lx);
        let key: Option<(String, usize)> = match &q.class {
            Class::Percent => {
                let Some((d, j)) = direction(toks, &q, lx) else { continue };
                subj = subjects(toks, &q, ents, text, lx);
                if subj.is_empty() {
                    continue;
                }
                rolling = true;
                Some((d.to_string(), j))
            }
            Class::Duration => {
                let f = forward(toks, q.toks.1, 10, lx, &q.class, true);
                let b = backward(toks, q.toks.0, lx, &q.class);
                match (f, b) {
                    (Some((fc, fj)), Some((bc, _))) => {
                        let (x, y) =
                            (lx.concept_info(fc).name.as_str(), lx.concept_info(bc).name.as_str());
                        let pair = if x <= y { format!("{x}+{y}") } else { format!("{y}+{x}") };
                        Some((pair, fj))
                    }
                    _ => None,
                }
            }
            Class::Tally => {
                let f = forward(toks, q.toks.1, 6, lx, &q.class, true);
                let b = backward(toks, q.toks.0, lx, &q.class).filter(|(_, j)| q.toks.0 - j <= 6);
                f.or(b)
                    .filter(|(c, _)| lx.concept_info(*c).name == "vote")
                    .map(|(_, j)| ("vote".to_string(), j))
            }
            Class::Count | Class::Money(_) => {
                if let Some((total, after)) = q.partitive {
                    // `four of the five justices … found him guilty`: a vote of 4-1.
                    let f = forward(toks, after, 14, lx, &Class::Tally, true);
                    let Some((_, j)) = f.filter(|(c, _)| lx.concept_info(*c).name == "vote") else {
                        continue;
                    };
                    let (a, b) = (q.lo.round(), total - q.lo.round());
                    if b < 0.0 {
                        continue;
                    }
                    class = Class::Tally;
                    lo = a * 1000.0 + b;
                    hi = lo;
                    value = format!("{value} ({a}-{b})");
                    Some(("vote".to_string(), j))
                } else {
                    head_or_predicate(toks, &q, lx)
                }
            }
        };
        let Some((attribute, kj)) = key else { continue };
        rolling |= lx.concept_named(&attribute).is_some_and(|c| c.rolling);
        let subject_bound =
            attribute.split('+').any(|a| lx.concept_named(a).is_some_and(|c| c.subject));
        if subject_bound {
            subj = subjects(toks, &q, ents, text, lx);
            if subj.is_empty() {
                continue;
            }
        }
        // A bare count in a sentence that names a period (`over nine years … 240 games`) is
        // a total over that period, not the event's figure.
        if attribute.starts_with("n:") && periods > 0 {
            continue;
        }
        let governor = attribute.starts_with("n:").then(|| governor(toks, q.toks.0, lx)).flatten();
        let agents = if attribute.starts_with("n:") {
            subjects(toks, &q, ents, text, lx)
        } else {
            BTreeSet::new()
        };
        let context: BTreeSet<String> = if attribute.starts_with("n:") {
            toks.iter()
                .enumerate()
                .filter(|(j, t)| {
                    (*j < q.toks.0 || *j >= q.toks.1)
                        && *j != kj
                        && t.word
                        && t.lower.len() > 2
                        && !lx.is_function(&t.lower)
                        && !is_number(t, lx)
                })
                .map(|(_, t)| singular(&t.lower).to_string())
                .collect()
        } else {
            BTreeSet::new()
        };
        let actor = (class == Class::Count && !rolling && !attribute.starts_with("n:"))
            .then(|| actor(toks, q.toks.0, kj, ents, lx))
            .flatten();
        let (a, b) = (q.toks.0.min(kj), (q.toks.1 - 1).max(kj));
        let ev = if b - a <= 8 { (a, b) } else { (q.toks.0, q.toks.1 - 1) };
        let evidence = Span::from_usize(toks[ev.0].start, toks[ev.1].end);
        let topic = text[toks[kj].start..toks[kj].end].to_string();
        out.push(Fact {
            doc,
            sent,
            class,
            attribute,
            subjects: subj,
            lo,
            hi,
            explicit: q.explicit,
            rolling,
            value,
            evidence,
            topic,
            context,
            governor,
            agents,
            actor,
        });
    }
}

/// A count's attribute: its noun, or the concept around it when the noun says too little.
fn head_or_predicate(toks: &[Tok], q: &Quantity, lx: &Lexicon) -> Option<(String, usize)> {
    let mut words = Vec::new();
    for (j, t) in toks.iter().enumerate().skip(q.toks.1).take(3) {
        if !t.word || lx.is_function(&t.lower) || lx.is_clause_word(&t.lower) {
            break;
        }
        words.push(j);
    }
    // The noun: the first word, or a plural after adjectives (`seven residential blocks`).
    let head = words.first().copied().map(|w0| {
        let plain = !toks[w0].lower.ends_with('s') && concept_at(toks, w0, lx, &q.class).is_none();
        if plain {
            words[1..].iter().copied().find(|&j| toks[j].lower.ends_with('s')).unwrap_or(w0)
        } else {
            w0
        }
    });
    if let Some(h) = head {
        match concept_at(toks, h, lx, &q.class) {
            Some(c) if lx.concept_info(c).state && !lx.is_not_head(&toks[h].lower) => {
                return Some((lx.concept_info(c).name.clone(), h));
            }
            _ => {}
        }
        if !lx.is_weak(&toks[h].lower) && q.class == Class::Count {
            // Names before the noun tell its kind (`19 Filipino workers`, `two Indonesian
            // workers`); other modifiers are left out (`seven residential towers`).
            let mut key = String::from("n:");
            for &j in words.iter().take_while(|&&j| j < h) {
                if toks[j].cap {
                    key.push_str(&toks[j].lower);
                    key.push(' ');
                }
            }
            key.push_str(singular(&toks[h].lower));
            return Some((key, h));
        }
    }
    if let Some((c, j)) = forward(toks, q.toks.1, 5, lx, &q.class, false) {
        return Some((lx.concept_info(c).name.clone(), j));
    }
    backward(toks, q.toks.0, lx, &q.class).map(|(c, j)| (lx.concept_info(c).name.clone(), j))
}

/// The most frequent year written in the story, which dates its events.
fn story_year(docs: &[Doc<'_>]) -> Option<u32> {
    let mut count: HashMap<u32, usize> = HashMap::new();
    for d in docs {
        if let Some(p) = d.article.published {
            *count.entry(p.year().unsigned_abs().into()).or_default() += 3;
        }
        for w in &d.words {
            if w.key.len() == 4
                && let Ok(y) = w.key.parse::<u32>()
                && (1800..=2100).contains(&y)
            {
                *count.entry(y).or_default() += 1;
            }
        }
    }
    count.into_iter().max_by_key(|&(y, n)| (n, y)).map(|(y, _)| y)
}

/// Whether a sentence looks back at another time: it names a year well before the story's.
fn historical(d: &Doc<'_>, si: usize, year: Option<u32>) -> bool {
    let Some(year) = year else { return false };
    let s = &d.sents[si];
    d.words[s.words.start as usize..s.words.end as usize].iter().any(|w| {
        w.key.len() == 4
            && w.key.parse::<u32>().is_ok_and(|y| (1800..year.saturating_sub(5)).contains(&y))
    })
}

/// A number as written in a sentence: (article, sentence, unit, value, the words of the figure:
/// see [`figure_words`], the interval of values it holds).
type Figure = (usize, usize, Class, f64, Span, (f64, f64));

/// Numbers of one unit and value, and the (article, sentence) pairs that write them, with the
/// figure's words in the first.
type FigureGroup = ((Class, String), Vec<(usize, usize)>, Span);

/// The quantity facts of a story, aligned into slots.
#[derive(Debug, Default)]
pub(crate) struct FactTable {
    facts: Vec<Fact>,
    /// Every distinctive number written in the story, keyed or not.
    figures: Vec<Figure>,
    /// Facts of one attribute (and subject) across outlets.
    slots: Vec<Vec<usize>>,
}

impl FactTable {
    /// Reads every sentence of the story into facts and aligns them.
    pub(crate) fn new(ctx: &Context<'_>) -> FactTable {
        let (facts, figures) = read_facts(ctx);
        let slots = slots(&facts);
        FactTable { facts, figures, slots }
    }

    /// Where the values of rolling figures (a toll, a market move) are written: each fact's
    /// article and evidence span, sorted.
    pub(crate) fn rolling_evidence(&self) -> Vec<(usize, Span)> {
        let mut out: Vec<(usize, Span)> =
            self.facts.iter().filter(|f| f.rolling).map(|f| (f.doc, f.evidence)).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The conflicts among the values of each slot. `apart` tells whether two sides' sentences
    /// (article and sentence indices, sorted) tell different occurrences (another participant,
    /// a repetition): a side apart from every other leaves.
    pub(crate) fn conflicts(
        &self,
        ctx: &Context<'_>,
        apart: &dyn Fn(&[Place], &[Place]) -> bool,
    ) -> Vec<Conflict> {
        // The explicit facts of each attribute, in fact order: what `conflict` reads of the
        // whole table for one slot (a scan of every fact per slot grew with the square of a
        // story's size).
        let mut explicit: HashMap<(&Class, &str), Vec<usize>> = HashMap::new();
        for (i, f) in self.facts.iter().enumerate() {
            if f.explicit {
                explicit.entry((&f.class, f.attribute.as_str())).or_default().push(i);
            }
        }
        self.slots
            .iter()
            .filter_map(|slot| {
                let f = &self.facts[*slot.first()?];
                let same = explicit.get(&(&f.class, f.attribute.as_str())).map_or(&[][..], |v| v);
                conflict(&ctx.docs, &ctx.canon, &self.facts, slot, same, apart)
            })
            .collect()
    }

    /// One claim per value of a slot that two outlets or more give: its renderings are the
    /// sentences that state it, one per article.
    pub(crate) fn claims(&self, ctx: &Context<'_>) -> Vec<Claim> {
        let distinct = ctx.canon.iter().enumerate().filter(|(i, c)| i == *c).count();
        let mut out = Vec::new();
        for slot in &self.slots {
            let (_, sides) = sides(&self.facts, slot);
            for side in sides {
                let outlets: BTreeSet<usize> =
                    side.iter().map(|&i| ctx.canon[self.facts[i].doc]).collect();
                if outlets.len() < 2 {
                    continue;
                }
                let mut members = side.clone();
                members.sort_by_key(|&i| (self.facts[i].doc, self.facts[i].sent));
                let mut seen = BTreeSet::new();
                let sents = members
                    .iter()
                    .map(|&i| (self.facts[i].doc, self.facts[i].sent))
                    .filter(|&(doc, _)| seen.insert(doc));
                let first = &self.facts[side[0]];
                out.push(super::claim_of_sentences(
                    ctx,
                    sents,
                    (first.doc, first.sent),
                    Some(first.evidence),
                    outlets.len(),
                    distinct,
                ));
            }
        }
        out
    }
}

impl FactTable {
    /// One claim per distinctive number (`44,713`, `$48.7 billion`, `5-4`) that two outlets or
    /// more write, whatever it is said of: the sentences that write it, one per article.
    pub(crate) fn figure_claims(&self, ctx: &Context<'_>) -> Vec<Claim> {
        let distinct = ctx.canon.iter().enumerate().filter(|(i, c)| i == *c).count();
        let mut groups: Vec<FigureGroup> = Vec::new();
        let mut reach: Vec<Reach> = Vec::new();
        for (doc, sent, class, value, words, (lo, hi)) in &self.figures {
            let key = (class.clone(), format!("{value:.4}"));
            if let Some(k) = groups.iter().position(|g| g.0 == key) {
                let g = &mut groups[k];
                if !g.1.iter().any(|&(d, _)| d == *doc) {
                    g.1.push((*doc, *sent));
                }
                let r = &mut reach[k];
                r.lo = r.lo.min(*lo);
                r.hi = r.hi.max(*hi);
                r.precision = r.precision.min(hi - lo);
            } else {
                groups.push((key, vec![(*doc, *sent)], *words));
                reach.push(Reach {
                    class: class.clone(),
                    value: *value,
                    lo: *lo,
                    hi: *hi,
                    precision: hi - lo,
                });
            }
        }
        // A hedged or rounded figure also renders the precise figures it covers.
        let own: Vec<Vec<(usize, usize)>> = groups.iter().map(|g| g.1.clone()).collect();
        for (g, list) in covered(&reach).into_iter().enumerate() {
            for h in list {
                for &(d, s) in &own[h] {
                    if !groups[g].1.iter().any(|&(x, _)| x == d) {
                        groups[g].1.push((d, s));
                    }
                }
            }
        }
        let mut out = Vec::new();
        for (_, members, words) in groups {
            let outlets: BTreeSet<usize> = members.iter().map(|&(d, _)| ctx.canon[d]).collect();
            if outlets.len() < 2 {
                continue;
            }
            out.push(super::claim_of_sentences(
                ctx,
                members.iter().copied(),
                members[0],
                Some(words),
                outlets.len(),
                distinct,
            ));
        }
        out
    }
}

/// Reads the quantity facts of every sentence of the story.
fn read_facts(ctx: &Context<'_>) -> (Vec<Fact>, Vec<Figure>) {
    let (docs, entities) = (&ctx.docs, &ctx.entities);
    let year = story_year(docs);
    let mut facts = Vec::new();
    let mut figures = Vec::new();
    for (di, d) in docs.iter().enumerate() {
        let text = d.article.text.as_str();
        let ents: Vec<(Span, u32)> = entities
            .mentions
            .get(di)
            .map(|ms| ms.iter().map(|m| (m.span, m.entity)).collect())
            .unwrap_or_default();
        let lx = Lexicon::for_lang(d.article.language);
        let lx = &*lx;
        let spacing = Spacing::of(text);
        for (si, s) in d.sents.iter().enumerate() {
            let toks = quantity::tokenize(text, s.span, lx, spacing);
            for q in quantity::read(&toks, lx) {
                if q.explicit && distinctive(&q) {
                    let words = figure_words(&toks, &q, lx);
                    figures.push((di, si, q.class, q.value, words, (q.lo, q.hi)));
                }
            }
            if historical(d, si, year) {
                continue;
            }
            let from = facts.len();
            facts_of((di, si), text, &toks, &ents, lx, &mut facts);
            // A number inside a direct quotation is the speaker's, of another moment.
            let mut k = from;
            while k < facts.len() {
                if quoted(d, si, facts[k].evidence) {
                    facts.remove(k);
                } else {
                    k += 1;
                }
            }
        }
    }
    (facts, figures)
}

/// The words of a figure: its tokens (hedge, number, scale, unit) and the content words right
/// after them, two at most (`44,713 votes`, `38 electric buses`, `$48.7 billion deal`).
fn figure_words(toks: &[Tok], q: &Quantity, lx: &Lexicon) -> Span {
    let content = |t: &Tok| {
        t.word && !is_number(t, lx) && !lx.is_function(&t.lower) && !lx.is_clause_word(&t.lower)
    };
    let after = toks[q.toks.1..].iter().take(2).take_while(|t| content(t)).count();
    Span::from_usize(toks[q.toks.0].start, toks[q.toks.1 + after - 1].end)
}

/// Whether a number is rare enough in a story that two outlets writing it state one fact:
/// not a small count, which many facts share.
fn distinctive(q: &Quantity) -> bool {
    match q.class {
        Class::Count => q.value >= 11.0 || q.value.fract() != 0.0,
        Class::Duration => q.value >= 48.0,
        Class::Percent | Class::Money(_) | Class::Tally => true,
    }
}

/// Pushes the groups of `members` that the union-find `parent` (indexed like `members`) joins,
/// each in member order, groups in the order of their roots.
fn push_groups(parent: &mut [usize], members: &[usize], out: &mut Vec<Vec<usize>>) {
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for (a, &m) in members.iter().enumerate() {
        let r = find(parent, a);
        groups.entry(r).or_default().push(m);
    }
    let mut roots: Vec<usize> = groups.keys().copied().collect();
    roots.sort_unstable();
    for r in roots {
        out.push(groups.remove(&r).unwrap_or_default());
    }
}

/// The root of `x` in a union-find forest.
fn find(p: &mut [usize], x: usize) -> usize {
    let mut x = x;
    while p[x] != x {
        p[x] = p[p[x]];
        x = p[x];
    }
    x
}

/// The links of [`slots`] among facts of an attribute that is not a bare noun: two facts meet
/// when they share a subject or both have none. Only the first holder of a subject (or the first
/// fact with none) links through it: the pairs are those of every pair of facts, asked in the
/// same order, less the pairs already one slot (which changed nothing), so the slots and their
/// roots are the same, at the cost of the facts' subjects rather than of every pair.
fn link_by_subject(facts: &[Fact], members: &[usize], parent: &mut [usize]) {
    // Per subject (`None`: no subject), its holders in member order.
    let mut holders: HashMap<Option<u32>, Vec<usize>> = HashMap::new();
    for (a, &m) in members.iter().enumerate() {
        let f = &facts[m];
        if f.subjects.is_empty() {
            holders.entry(None).or_default().push(a);
        }
        for &s in &f.subjects {
            holders.entry(Some(s)).or_default().push(a);
        }
    }
    let mut later: Vec<usize> = Vec::new();
    for (a, &m) in members.iter().enumerate() {
        let f = &facts[m];
        let keys: Vec<Option<u32>> = if f.subjects.is_empty() {
            vec![None]
        } else {
            f.subjects.iter().map(|&s| Some(s)).collect()
        };
        later.clear();
        for k in keys {
            let list = &holders[&k];
            if list[0] == a {
                later.extend_from_slice(&list[1..]);
            }
        }
        later.sort_unstable();
        later.dedup();
        for &b in &later {
            let (ra, rb) = (find(parent, a), find(parent, b));
            if ra != rb {
                parent[ra] = rb;
            }
        }
    }
}

/// The facts of each (class, attribute), in fact order, keys sorted.
fn by_attribute(facts: &[Fact]) -> Vec<((&Class, &str), Vec<usize>)> {
    let mut by_attr: HashMap<(&Class, &str), Vec<usize>> = HashMap::new();
    for (i, f) in facts.iter().enumerate() {
        by_attr.entry((&f.class, f.attribute.as_str())).or_default().push(i);
    }
    let mut groups: Vec<_> = by_attr.into_iter().collect();
    groups.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    groups
}

/// Groups facts into slots: one attribute, and a shared subject or context.
fn slots(facts: &[Fact]) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    for (key, members) in &by_attribute(facts) {
        // Facts with subjects meet when they share one.
        let mut parent: Vec<usize> = (0..members.len()).collect();
        if !key.1.starts_with("n:") {
            link_by_subject(facts, members, &mut parent);
        }
        // A bare noun's facts meet pair by pair (their contexts too).
        let pairwise = if key.1.starts_with("n:") { members.len() } else { 0 };
        for a in 0..pairwise {
            for b in a + 1..members.len() {
                // Already one slot: nothing to learn from the pair (the slots are the same).
                if find(&mut parent, a) == find(&mut parent, b) {
                    continue;
                }
                let (fa, fb) = (&facts[members[a]], &facts[members[b]]);
                let subjects_meet = (fa.subjects.is_empty() && fb.subjects.is_empty())
                    || fa.subjects.intersection(&fb.subjects).next().is_some();
                // A bare noun (`three runs`) is one fact only where the sentences share words
                // (two, and a third of the shorter sentence's) and it is not said of two
                // different entities (`Kell ran for three touchdowns`, `Orrin threw six`).
                // (The words are counted last: the other tests cost less.)
                let context_meets = || {
                    let agents_differ = !fa.agents.is_empty()
                        && !fb.agents.is_empty()
                        && fa.agents.is_disjoint(&fb.agents);
                    fa.governor == fb.governor && !agents_differ && {
                        let shared = fa.context.intersection(&fb.context).count();
                        let smaller = fa.context.len().min(fb.context.len()).max(1);
                        shared >= 2 && shared * 3 >= smaller
                    }
                };
                if subjects_meet && context_meets() {
                    let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                    parent[ra] = rb;
                }
            }
        }
        push_groups(&mut parent, members, &mut out);
    }
    out
}

/// The facts of a slot, most precise first, and its values grouped into sides of compatible
/// values.
fn sides(facts: &[Fact], slot: &[usize]) -> (Vec<usize>, Vec<Vec<usize>>) {
    let mut order: Vec<usize> = slot.to_vec();
    order.sort_by(|&a, &b| {
        let (fa, fb) = (&facts[a], &facts[b]);
        fb.explicit
            .cmp(&fa.explicit)
            .then((fa.hi - fa.lo).total_cmp(&(fb.hi - fb.lo)))
            .then(a.cmp(&b))
    });
    let eps = 1e-9;
    let mut sides: Vec<Vec<usize>> = Vec::new();
    for &i in &order {
        let f = &facts[i];
        let meet = sides.iter().position(|s| {
            let r = &facts[s[0]];
            let same = (f.lo - r.lo).abs() < eps && (f.hi - r.hi).abs() < eps;
            same || (f.lo < r.hi - eps && r.lo < f.hi - eps)
        });
        match meet {
            Some(s) => sides[s].push(i),
            None => sides.push(vec![i]),
        }
    }
    (order, sides)
}

/// The conflict among the facts of one slot, if their values disagree.
///
/// `same` lists the explicit facts of the slot's class and attribute (in this slot or another),
/// in fact order.
fn conflict(
    docs: &[Doc<'_>],
    canon: &[usize],
    facts: &[Fact],
    slot: &[usize],
    same: &[usize],
    apart: &dyn Fn(&[Place], &[Place]) -> bool,
) -> Option<Conflict> {
    let outlets: BTreeSet<usize> = slot.iter().map(|&i| canon[facts[i].doc]).collect();
    if outlets.len() < 2 {
        return None;
    }
    let (order, mut sides) = sides(facts, slot);

    // Two sides one outlet states both are two quantities, not a disagreement: the side
    // fewer outlets give is another quantity (`34 pitches` a day after `96`) and leaves.
    // An article states a side's value when any of its facts of the same attribute (in this
    // slot or another: `flew 34 laps … after she had flown 96`) has it. Articles, not outlets:
    // a near-copy that changed a figure does not make its original state both.
    let eps = 1e-9;
    let first = &facts[order[0]];
    // The articles stating each side's value (computed once per side: a side does not change
    // while others leave).
    let outlets_of = |s: &Vec<usize>| -> BTreeSet<usize> {
        let r = &facts[s[0]];
        same.iter()
            .map(|&i| &facts[i])
            .filter(|f| {
                // The same value: each midpoint within the other's interval.
                let (mf, mr) = (f64::midpoint(f.lo, f.hi), f64::midpoint(r.lo, r.hi));
                (r.lo - eps..=r.hi + eps).contains(&mf) && (f.lo - eps..=f.hi + eps).contains(&mr)
            })
            .map(|f| f.doc)
            .chain(s.iter().filter(|&&i| facts[i].explicit).map(|&i| facts[i].doc))
            .collect()
    };
    let mut stating: Vec<BTreeSet<usize>> = sides.iter().map(outlets_of).collect();
    loop {
        let mut drop = None;
        'pairs: for a in 0..sides.len() {
            for b in a + 1..sides.len() {
                let (oa, ob) = (&stating[a], &stating[b]);
                if oa.intersection(ob).next().is_some() {
                    drop = Some(if oa.len() >= ob.len() { b } else { a });
                    break 'pairs;
                }
            }
        }
        match drop {
            Some(d) => {
                sides.remove(d);
                stating.remove(d);
            }
            None => break,
        }
    }
    // A count or sum more than ten times off the value most outlets give is another quantity
    // (`killing two` in a story of a 230,000 toll, a player's `$184 million` beside another's
    // `$21 million`), not a misreport of it: misreports and updates stay within an order of
    // magnitude.
    if matches!(first.class, Class::Count | Class::Money(_)) && sides.len() >= 2 {
        let outlets_of =
            |s: &Vec<usize>| s.iter().map(|&i| canon[facts[i].doc]).collect::<BTreeSet<_>>().len();
        let mid = |s: &Vec<usize>| f64::midpoint(facts[s[0]].lo, facts[s[0]].hi);
        let reference = sides
            .iter()
            .enumerate()
            .max_by(|a, b| outlets_of(a.1).cmp(&outlets_of(b.1)).then(b.0.cmp(&a.0)))
            .map_or(0, |(k, _)| k);
        let r = mid(&sides[reference]);
        if r > 0.0 {
            let keep: Vec<bool> = sides
                .iter()
                .map(|s| {
                    let m = mid(s);
                    m > 0.0 && (m / r).max(r / m) <= ORDER_OF_MAGNITUDE
                })
                .collect();
            let mut k = 0;
            sides.retain(|_| {
                k += 1;
                keep[k - 1]
            });
        }
    }
    if sides.len() < 2 {
        return None;
    }
    // Two values each said of actors, none in common: counts of different actors (see
    // `actors`).
    if let [a, b] = &sides[..] {
        let actors = |s: &Vec<usize>| -> BTreeSet<&Actor> {
            s.iter().filter_map(|&i| facts[i].actor.as_ref()).collect()
        };
        let (x, y) = (actors(a), actors(b));
        if !x.is_empty() && !y.is_empty() && x.is_disjoint(&y) {
            return None;
        }
    }
    let side_outlets: BTreeSet<usize> =
        sides.iter().flat_map(|s| s.iter().map(|&i| canon[facts[i].doc])).collect();
    if side_outlets.len() < 2 {
        return None;
    }
    // A bare noun (`six games`, `29 passes`) says little about what is counted: two lone
    // outlets giving different counts of it are more often counting different things (two
    // players, two seasons) than disagreeing. It conflicts only when one side is corroborated,
    // two outlets or more giving that value.
    if first.attribute.starts_with("n:") {
        let corroborated = sides
            .iter()
            .any(|s| s.iter().map(|&i| canon[facts[i].doc]).collect::<BTreeSet<_>>().len() >= 2);
        if !corroborated {
            return None;
        }
    }
    // A rolling figure (a toll) moves when outlets give three values or more; two values
    // may be one error and stay a number conflict.
    let rolling = first.rolling && sides.len() >= 3;
    // Outlets that disagree on one figure that does not roll (a price, a distance) give two or
    // three values; [`SCATTER`] values or more, all but one from a single outlet each, are the
    // figures of as many things (the offers of several clubs, several contracts), not one
    // figure misreported.
    if !rolling && sides.len() >= SCATTER {
        let corroborated = sides
            .iter()
            .filter(|s| s.iter().map(|&i| canon[facts[i].doc]).collect::<BTreeSet<_>>().len() >= 2)
            .count();
        if corroborated <= 1 {
            return None;
        }
    }
    // A value told of another occurrence than every other value (another participant: see
    // `conflicts::occurrences`) is no side: the contract of another player beside this one's.
    // (Read after the scatter test above, which judges the values as given.)
    if sides.len() >= 2 {
        let places: Vec<Vec<Place>> = sides
            .iter()
            .map(|s| {
                let mut p: Vec<Place> = s.iter().map(|&i| (facts[i].doc, facts[i].sent)).collect();
                p.sort_unstable();
                p.dedup();
                p
            })
            .collect();
        let keep: Vec<bool> = (0..sides.len())
            .map(|a| (0..sides.len()).any(|b| b != a && !apart(&places[a], &places[b])))
            .collect();
        let mut k = 0;
        sides.retain(|_| {
            k += 1;
            keep[k - 1]
        });
        let outlets: BTreeSet<usize> =
            sides.iter().flat_map(|s| s.iter().map(|&i| canon[facts[i].doc])).collect();
        if sides.len() < 2 || outlets.len() < 2 {
            return None;
        }
    }
    let published = |s: &Vec<usize>| -> Option<Date> {
        s.iter().filter_map(|&i| docs[facts[i].doc].article.published).min()
    };
    if rolling {
        sides.sort_by(|a, b| {
            let (pa, pb) = (published(a), published(b));
            let by_date = match (pa, pb) {
                (Some(x), Some(y)) => x.cmp(&y),
                _ => std::cmp::Ordering::Equal,
            };
            by_date.then(facts[a[0]].lo.abs().total_cmp(&facts[b[0]].lo.abs()))
        });
    }
    let out_sides: Vec<ConflictSide> = sides
        .iter()
        .map(|s| {
            let mut articles = Vec::new();
            let mut evidence = Vec::new();
            let mut seen = BTreeSet::new();
            let mut members = s.clone();
            members.sort_by_key(|&i| facts[i].doc);
            for &i in &members {
                let f = &facts[i];
                let art = docs[f.doc].article;
                if seen.insert(f.doc) {
                    articles.push(art.id.clone());
                }
                if let Some(span) = SourceSpan::from_text(art, f.evidence)
                    && !evidence.contains(&span)
                {
                    evidence.push(span);
                }
            }
            ConflictSide {
                value: facts[s[0]].value.clone(),
                articles,
                evidence,
                outlets: None,
                origins: None,
            }
        })
        .collect();
    let kind = if rolling { ConflictKind::Evolving } else { ConflictKind::Number };
    let topic = if first.subjects.is_empty() {
        first.topic.clone()
    } else {
        format!("{} ({})", first.topic, first.attribute)
    };
    Some(Conflict { kind, topic, sides: out_sides })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The slots as every pair of facts gave them, before the subject index.
    fn slots_of_every_pair(facts: &[Fact]) -> Vec<Vec<usize>> {
        let mut out = Vec::new();
        for (_, members) in &by_attribute(facts) {
            let mut parent: Vec<usize> = (0..members.len()).collect();
            for a in 0..members.len() {
                for b in a + 1..members.len() {
                    let (fa, fb) = (&facts[members[a]], &facts[members[b]]);
                    let meet = (fa.subjects.is_empty() && fb.subjects.is_empty())
                        || fa.subjects.intersection(&fb.subjects).next().is_some();
                    if meet {
                        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                        parent[ra] = rb;
                    }
                }
            }
            push_groups(&mut parent, members, &mut out);
        }
        out
    }

    fn fact(attribute: &str, subjects: &[u32]) -> Fact {
        Fact {
            doc: 0,
            sent: 0,
            class: Class::Count,
            attribute: attribute.to_string(),
            subjects: subjects.iter().copied().collect(),
            lo: 1.0,
            hi: 1.0,
            explicit: true,
            rolling: false,
            value: "1".to_string(),
            evidence: Span::new(0, 1),
            topic: attribute.to_string(),
            context: BTreeSet::new(),
            governor: None,
            agents: BTreeSet::new(),
            actor: None,
        }
    }

    proptest::proptest! {
        /// Facts linked through their subjects' first holders form the slots every pair of facts
        /// formed, in the same order (the order is that of the union-find roots).
        #[test]
        fn subject_links_match_every_pair(
            picks in proptest::collection::vec((0usize..2, proptest::collection::vec(0u32..6, 0..3)), 1..40),
        ) {
            let facts: Vec<Fact> = picks
                .iter()
                .map(|(a, subjects)| fact(["toll", "cost"][*a], subjects))
                .collect();
            proptest::prop_assert_eq!(slots(&facts), slots_of_every_pair(&facts));
        }
    }
}
