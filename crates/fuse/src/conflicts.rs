//! Conflicts: where the outlets of one story contradict each other, typed and tied to the
//! sentences that say so.
//!
//! Each rule below finds one kind of [`Conflict`]. All of them compare only articles that are
//! distinct reports (a near-copy never contradicts its original on its own), and all of them
//! treat statements that can both be true (`about 40,000` and `40 000`, `early June` and `June 4`,
//! `Hrabchenko` and `Grabchenko`) as agreement. A claim that carries a conflict's evidence is
//! then marked `disputed`.
//!
//! # Numbers
//!
//! ## What it does
//!
//! Finds every quantity in prose: a number (digits, `40 000`, `3.5`, `1.2 million`, number
//! words up to ninety), the thing it counts (the noun after it: `people`, `vehicles`, a unit
//! such as `metre` in `80-metre`, `%`, a currency sign) and what is said of it (the first
//! content word after the noun, `were injured`, or the verb before the number, `injuring 12`).
//! Approximations become intervals: `about 40` is 36–44, `more than 12` is above 12, `up to an
//! hour` is at most one, `nearly 50` is 42.5–50. Lengths and weights are converted (`feet`,
//! `km`, `tonnes`). Two quantities of different reports are the same quantity when they count
//! the same noun and say the same of it (with `hurt`/`injured`/`wounded`, `killed`/`died`
//! grouped) and their sentences tell the same fact: their contexts (see the `events`
//! heuristic) share two terms and a cosine of 0.25, or, for a toll (`injured`, `killed`,
//! `missing`…), one sentence says nothing else. Their values conflict when the intervals do not
//! meet; a number with a multiplier is rounded to its last digit (`2.5 million` is 2.45–2.55
//! million). Not counts: a number before a comma (`19, INS Tabar`), a part (`three other
//! rifles`), an age (`35-year-old`), an address (`12000 block of`, `221 Baker Street`), a time
//! of day (`9 p.m.`), a decimal or fraction split by spaces, a date (`12 days ago`). The
//! predicate is not looked for past punctuation or a conjunction (`12 Somali and 11 Yemeni`).
//! The quantities of one
//! thing are split into sides of compatible values; a report that gives two incompatible values
//! itself (an updated toll) is left out.
//!
//! ## Why
//!
//! Casualty counts, costs and scores are what outlets most often get differently, and what
//! readers most need flagged; rounding and hedging (`about`, `some`) are not disagreements.
//!
//! ## Example
//!
//! `Twelve people were injured` and `14 people were injured` conflict (12 vs 14); `about 40,000
//! vehicles` and `some 40 000 vehicles` do not; `two passengers fell` does not meet `12 people
//! injured` (different nouns).
//!
//! ## Limitations
//!
//! The noun and predicate are read from word order, not parsed: `the death toll rose to 40`
//! has no counted noun and is skipped, and `12 people, most of them children, were hurt`
//! misses its predicate.
//!
//! ## References
//!
//! Quantity normalisation as in Roy, Vieira and Roth, *Reasoning about Quantities in Natural
//! Language* (TACL 2015).
//!
//! # Dates
//!
//! ## What it does
//!
//! Every date expression of prose (see the timeline stage) has a context: the words around it,
//! weighted by rarity and nearness (see the `events` heuristic). For each pair of distinct
//! reports, each date is matched with the most similar date of the other report; pairs that
//! are each other's best match and similar enough, and whose clauses (the words up to the
//! nearest punctuation) share a word, are the same event. Dates that date a statement (`police
//! said Saturday`), stand in a direct quotation (the speaker's `today`), bound a period (`since
//! 1987`) or name a recurring day (`the second Tuesday of each month`) are compared with
//! nothing. Events whose dates are
//! not [`consistent`](crate::timeline::consistent) (compared as intervals, vague ones widened)
//! become conflicts, with one side per compatible value.
//!
//! ## Why
//!
//! `on Wednesday` in one report and `on Tuesday` in another, both about the same collision,
//! is the kind of contradiction a reader cannot see without a calendar. `on Sunday` in a
//! report published on Sunday 15 March and `on March 15` elsewhere are the same day, and
//! `early June` contains `June 4`: those are consistent.
//!
//! ## Example
//!
//! `tore through the bridge shortly before dawn on Wednesday` (published Thursday 12 March)
//! against `struck the bridge early on Tuesday` and `rammed the bridge yesterday` (published
//! Wednesday 11 March): 2026-03-11 vs 2026-03-10.
//!
//! ## Limitations
//!
//! Two events told in the same words on different days (two rounds of talks) look like one
//! event dated differently. Dates in different sentences of the same report are not combined.
//!
//! ## References
//!
//! Allen's interval algebra; mutual best match as in sentence alignment (Gale and Church).
//!
//! # Roles
//!
//! ## What it does
//!
//! Reads the role cues attached to a person's name in prose (not inside a quotation, whose
//! titles are the speaker's and of another time): a title before the name (`Mayor X`,
//! `Infrastructure Minister X`, `Coast guard captain X`, with a tail after the name, `Captain
//! X of the Coast Guard`), an appositive before it (`Zhelvany's mayor, X`, `The Minister of
//! Infrastructure, X`) or after it (`X, the director of the port authority,`). Only offices of a
//! closed list count (`mayor`, `governor`, `president`, `prime minister`, `minister`,
//! `secretary`, `senator`, `chancellor`, `king`/`queen`, `judge`, `ambassador`, `police
//! chief` / `chief of police`, `fire chief`, `sheriff`, `chief executive` / `CEO`, `chair`,
//! `director`, `captain`, `spokesperson`); a cue with `former`, `acting`, `deputy`, `-elect`
//! and the like is left out. Each cue keeps its qualifiers (the words and entities of the
//! phrase: `zhelvany`, `port authority`) and its portfolio (from a closed list: `interior`,
//! `finance`, `transport`…, with `home`/`interior` and `defense`/`defence` as one).
//!
//! - **One person, two offices**: two reports give one person two exclusive public offices
//!   (`Mayor X` / `Governor X`; `minister` and `prime minister` can be held together, and
//!   corporate titles, ranks and spokespeople are never exclusive), or one office with two
//!   portfolios (`Transport Minister X` / `Health Minister X`).
//! - **One office, several people**: two reports give one office to two people, and no report
//!   gives it to both (a predecessor). The office must have one holder (not `senator`,
//!   `judge`, `captain`); `minister` and `secretary` need one portfolio on both sides. When
//!   both cues are qualified, the qualifiers must nest (`Velm Mayor` / `Mayor … of Velm`);
//!   a bare local office (`the police chief`, `the mayor`, `the governor`, `the chief
//!   executive`) counts only when the two sentences tell the same fact (context cosine 0.3).
//!   A name whose words are all in the other's (`Boone Isaacs`, `Cheryl Boone Isaacs`) is one
//!   person.
//!
//! ## Why
//!
//! Outlets confuse who holds an office, or which office a person holds. But one role is worded
//! many ways, a person can hold compatible roles (`the minister` and `the party leader`), and
//! a story about several places has several mayors and presidents: the rule compares only
//! offices it knows, and bare ones only within one fact.
//!
//! ## Example
//!
//! `Mayor Anna Kessler` and `Governor Anna Kessler`: a role conflict, mayor vs governor.
//! `Police chief Tomas Brandt said the gunman acted alone` and `Police chief Elin Varga said the
//! gunman acted alone`: a role conflict, Brandt vs Varga. `Infrastructure Minister Irena
//! Maltsava` and `The Minister of Infrastructure, Irena Maltsava`, or `Mayor X` and
//! `Zhelvany's mayor, X`, are one role worded twice.
//!
//! ## Limitations
//!
//! Roles given by a verb (`X, who heads the agency`) or far from the name are not read, nor
//! offices outside the list. Qualifiers are words, not places: `Velm Mayor X` and `Mayor X of
//! Ostra`, if Velm lies in Ostra, look like two offices. Two presidents of two countries
//! written bare (`President X`, `President Y`) are never compared, even when one is wrong.
//!
//! ## References
//!
//! None; a rule of thumb.
//!
//! # Attribution
//!
//! One quote given to different speakers; see the quotes stage. A rival speaker counts only
//! when it is named (not a resolved pronoun) and its rendering is itself close to the main
//! side's, not joined through a chain of paraphrases.
//!
//! # Places and alternative values
//!
//! The same slot of one event (where; `inspired by` whom) filled with different entities: see
//! the `slots` heuristic.

use std::collections::{BTreeMap, BTreeSet};

use crosscheck_core::{DocId, Span};
use crosscheck_text::Stemmer;

use crate::chronology::Dated;
use crate::claims::{number_word, parse_number};
use crate::doc::{Doc, Gap};
use crate::events::{Bag, Lexicon, content_stem};
use crate::fuser::Context;
use crate::linkage::single_linkage;
use crate::names::{is_speech_verb, same_word};
use crate::story::{Conflict, ConflictKind, ConflictSide, EntityKind, SourceSpan};
use crate::timeline::consistent;

/// Similarity from which two dates of different reports can date the same event.
const SAME_EVENT: f32 = 0.2;

/// Similarity from which two quantities of different reports with the same noun and predicate
/// count the same thing.
const SAME_QUANTITY: f32 = 0.25;

/// Similarity from which two sentences giving a bare office (`the police chief`) to two
/// people tell the same fact.
const SAME_ROLE: f32 = 0.3;

/// A quantity whose sentence holds at most this many other terms states nothing but itself.
const THIN_CONTEXT: usize = 3;

/// Finds the number, date and role conflicts of a story.
pub(crate) fn find(ctx: &Context<'_>, dated: &[Dated], lexicon: &Lexicon) -> Vec<Conflict> {
    let mut out = numbers(ctx, lexicon);
    out.extend(dates(ctx, dated));
    out.extend(roles(ctx, lexicon));
    out
}

// ---------------------------------------------------------------------------------------------
// Numbers.

/// A quantity stated in a sentence.
#[derive(Debug, Clone)]
struct Quantity {
    doc: usize,
    /// Its sentence, in the doc's sentences.
    sent: usize,
    /// The lowest and highest values it allows, in base units.
    low: f64,
    high: f64,
    /// The number as printed for a side (`12`, `about 40,000`).
    label: String,
    /// The counted noun or unit (`people`, `m`), canonical.
    unit: String,
    /// What is said of it (`injur`), canonical.
    predicate: String,
    /// The words to show as the topic (`people injured`).
    topic: String,
    /// From the modifier to the predicate, in text offsets.
    span: Span,
    /// Whether the value was converted to a base unit (and may be rounded).
    converted: bool,
}

/// Makes an interval of a value.
type Widen = fn(f64) -> (f64, f64);

/// Approximation words before a number: how many, the interval they make of a value, and the
/// hedge as printed.
fn hedge(words: &[&str]) -> Option<(usize, Widen, &'static str)> {
    fn about(v: f64) -> (f64, f64) {
        let d = if v < 10.0 { 1.0 } else { v * 0.1 };
        (v - d, v + d)
    }
    fn above(v: f64) -> (f64, f64) {
        (v + 1e-9, f64::INFINITY)
    }
    fn at_least(v: f64) -> (f64, f64) {
        (v, f64::INFINITY)
    }
    fn below(v: f64) -> (f64, f64) {
        (0.0, v - 1e-9)
    }
    fn up_to(v: f64) -> (f64, f64) {
        (0.0, v)
    }
    fn nearly(v: f64) -> (f64, f64) {
        (v * 0.85, v)
    }
    // Two-word hedges first, read as the two words right before the number.
    if let [.., a, b] = words {
        let f: Option<(Widen, &'static str)> = match (*a, *b) {
            ("more" | "greater", "than") => Some((above, "more than")),
            ("less" | "fewer", "than") => Some((below, "less than")),
            ("at", "least") => Some((at_least, "at least")),
            ("at", "most") | ("up", "to") => Some((up_to, "up to")),
            ("close", "to") => Some((nearly, "nearly")),
            _ => None,
        };
        if let Some((f, l)) = f {
            return Some((2, f, l));
        }
    }
    let last = *words.last()?;
    let f: (Widen, &'static str) = match last {
        "about" | "around" | "roughly" | "approximately" | "some" | "estimated" | "approx" => {
            (about, "about")
        }
        "nearly" | "almost" => (nearly, "nearly"),
        "over" => (above, "more than"),
        "under" => (below, "less than"),
        _ => return None,
    };
    Some((1, f.0, f.1))
}

/// Canonical units and their factor to the base unit.
fn unit_of(stem: &str) -> Option<(&'static str, f64)> {
    Some(match stem {
        "m" | "meter" | "metr" => ("m", 1.0),
        "km" | "kilomet" | "kilometr" | "kilometer" => ("m", 1000.0),
        "cm" | "centimet" | "centimetr" | "centimeter" => ("m", 0.01),
        "ft" | "feet" | "foot" => ("m", 0.3048),
        "mile" => ("m", 1609.344),
        "kg" | "kilogram" | "kilo" => ("kg", 1.0),
        "tonn" | "ton" | "tonne" => ("kg", 1000.0),
        "peopl" | "person" | "individu" => ("people", 1.0),
        "hour" | "hr" => ("s", 3600.0),
        "minut" | "min" => ("s", 60.0),
        "day" => ("s", 86400.0),
        "week" => ("s", 604_800.0),
        _ => return None,
    })
}

/// Words skipped between a number and the noun it counts.
fn filler(w: &str) -> bool {
    matches!(w, "more" | "other" | "additional" | "further" | "extra" | "new" | "of" | "the")
}

/// Fillers that make a number a part of a total (`three other rifles`, `12 more people`).
fn partial(w: &str) -> bool {
    matches!(w, "more" | "other" | "additional" | "further" | "extra" | "another")
}

/// Whether the noun at `k` after a number makes it something other than a count: a street
/// address (`12000 block of East`, `221 Baker Street`) or a time of day (`9 a.m.`, `10pm`).
fn not_counted(d: &Doc<'_>, k: usize, hi: usize) -> bool {
    let key = d.words[k].key.as_str();
    if matches!(
        key,
        "block" | "a" | "p" | "am" | "pm" | "gmt" | "utc" | "hrs" | "o'clock" | "oclock"
    ) {
        return true;
    }
    // A proper name after a number is an address when a street word closes it.
    d.words[k].cap
        && d.words[k..hi.min(k + 4)].iter().any(|w| {
            w.cap
                && matches!(
                    w.key.as_str(),
                    "street"
                        | "st"
                        | "avenue"
                        | "ave"
                        | "road"
                        | "rd"
                        | "boulevard"
                        | "blvd"
                        | "lane"
                        | "drive"
                        | "way"
                        | "place"
                        | "square"
                )
        })
}

/// Auxiliaries skipped between the noun and its predicate.
fn auxiliary(w: &str) -> bool {
    matches!(
        w,
        "were"
            | "was"
            | "are"
            | "is"
            | "be"
            | "been"
            | "being"
            | "have"
            | "has"
            | "had"
            | "reportedly"
            | "also"
            | "still"
            | "all"
            | "later"
            | "now"
            | "who"
            | "that"
            | "which"
            | "reported"
    )
}

fn multiplier(w: &str) -> Option<f64> {
    Some(match w {
        "thousand" => 1e3,
        "million" | "mln" | "m" => 1e6,
        "billion" | "bn" => 1e9,
        "trillion" => 1e12,
        _ => return None,
    })
}

/// Formats a value as the reports would.
fn show(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let s = format!("{}", v as i64);
        // Thousands separators for readability: 40000 -> 40,000.
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i) % 3 == 0 && c.is_ascii_digit() {
                out.push(',');
            }
            out.push(c);
        }
        out
    } else {
        format!("{v}")
    }
}

/// The quantities of a doc's prose, excluding numbers inside date expressions.
fn quantities(d: &Doc<'_>, doc: usize, dates: &[Span]) -> Vec<Quantity> {
    let stemmer = Stemmer::new(d.article.language);
    let text = d.article.text.as_str();
    let lang = d.article.language;
    let mut out = Vec::new();
    for (si, s) in d.sents.iter().enumerate().filter(|(_, s)| s.claim) {
        let (lo, hi) = (s.words.start as usize, s.words.end as usize);
        let mut i = lo;
        while i < hi {
            let w = &d.words[i];
            let here = i;
            i += 1;
            if dates.iter().any(|x| x.start < w.span.end && w.span.start < x.end) {
                continue;
            }
            // The value and, for `80-metre`, the unit glued to it.
            let raw = d.text(w.span);
            let (mut value, glued_unit, is_digit) = if w.digit {
                let (num, rest) = match raw.split_once(['-', '‐']) {
                    Some((n, r)) => (n, Some(r)),
                    None => (raw, None),
                };
                if num.bytes().any(|b| b.is_ascii_alphabetic()) {
                    continue; // "1st", "G7", "5G"
                }
                // "000" of a thousands group split off ("40, 000"), "07" of a code.
                if num.len() > 1 && num.starts_with('0') && !num.starts_with("0.") {
                    continue;
                }
                // "35-year-old": an age, which describes a person, not a count of the story.
                if rest.is_some_and(|r| r.contains("old")) {
                    continue;
                }
                let Some(int) = parse_number(num) else { continue };
                let value: f64 = num.replace(',', "").parse().unwrap_or(int as f64);
                (value, rest.map(str::to_lowercase), true)
            } else if let Some(n) = number_word(&w.key) {
                (n as f64, None, false)
            } else {
                continue;
            };
            // A clock time ("04:40"), a year, a score ("3-1"): not a counted quantity.
            let before = text[..w.span.start as usize].chars().next_back().unwrap_or(' ');
            let after = text[w.span.end as usize..].chars().next().unwrap_or(' ');
            if before == ':' || after == ':' || before == '/' || after == '/' {
                continue;
            }
            // "4. 5" and "4 1 / 2": a decimal or fraction split by spaces is not two numbers.
            if here > lo && d.words[here - 1].digit && w.gap == Gap::Break {
                continue;
            }
            if is_digit
                && glued_unit.is_none()
                && raw.len() == 4
                && (1800.0..=2100.0).contains(&value)
            {
                continue;
            }
            if glued_unit.as_deref().is_some_and(|u| u.bytes().all(|b| b.is_ascii_digit())) {
                continue;
            }
            let mut end = here + 1;
            // "40 000": a spaced thousands group.
            if is_digit
                && raw.len() <= 3
                && end < hi
                && d.words[end].gap == Gap::Space
                && d.words[end].key.len() == 3
                && d.words[end].key.bytes().all(|b| b.is_ascii_digit())
            {
                value = value * 1000.0 + d.words[end].key.parse::<f64>().unwrap_or(0.0);
                end += 1;
            }
            // "2.5 million" is rounded to its last digit: 2.45 to 2.55 million.
            let mut precision = 0.0;
            if end < hi
                && let Some(m) = multiplier(&d.words[end].key)
            {
                let decimals =
                    raw.split_once('.').map_or(0, |(_, f)| i32::try_from(f.len()).unwrap_or(0));
                precision = 0.5 * m / 10f64.powi(decimals);
                value *= m;
                end += 1;
            }
            // The hedge before the number.
            let prev: Vec<&str> =
                (lo.max(here.saturating_sub(2))..here).map(|k| d.words[k].key.as_str()).collect();
            let (start_word, interval, label_prefix) = match hedge(&prev) {
                Some((n, f, l)) => {
                    let (a, b) = f(value);
                    (here - n, (a - precision, b + precision), Some(l))
                }
                None => (here, (value - precision, value + precision), None),
            };
            // The counted noun or unit.
            let (unit_word, unit_key): (Option<usize>, String) = if after == '%' {
                (None, "%".to_string())
            } else if let Some(u) = glued_unit {
                (None, content_stem(&u, lang, &stemmer).unwrap_or(u))
            } else if matches!(before, '$' | '€' | '£' | '¥') {
                (None, before.to_string())
            } else {
                let mut k = end;
                while k < hi && k < end + 3 && filler(&d.words[k].key) {
                    // "three other rifles", "12 more people": a part, not the total.
                    if partial(&d.words[k].key) {
                        k = hi;
                        break;
                    }
                    k += 1;
                }
                // The counted noun follows the number directly: "19, INS Tabar" and "5.01,
                // Internet Explorer" count nothing.
                if k >= hi || d.words[k].gap != Gap::Space || d.words[k].digit {
                    continue;
                }
                if not_counted(d, k, hi) {
                    continue;
                }
                let Some(stem) = content_stem(&d.words[k].key, lang, &stemmer) else { continue };
                end = k + 1;
                (Some(k), stem)
            };
            let (unit, factor) = unit_of(&unit_key).unwrap_or(("", 1.0));
            let unit = if unit.is_empty() { unit_key.clone() } else { unit.to_string() };
            // What is said of it: the first content word after, else the word before.
            // The search stops at punctuation and at a conjunction: in "12 Somali and 11
            // Yemeni" or "20.6 percent, 5.6 percent below", what follows is another quantity.
            let mut predicate = None;
            let mut k = end;
            while k < hi && k < end + 4 && d.words[k].gap == Gap::Space {
                let key = d.words[k].key.as_str();
                if matches!(key, "and" | "or" | "but" | "than" | "while" | "nor") {
                    break;
                }
                if let Some(p) = content_stem(key, lang, &stemmer).filter(|_| !auxiliary(key)) {
                    predicate = Some((k, p));
                    break;
                }
                k += 1;
            }
            if predicate.is_none()
                && start_word > lo
                && d.words[start_word].gap != Gap::Break
                && let Some(p) = content_stem(&d.words[start_word - 1].key, lang, &stemmer)
            {
                predicate = Some((start_word - 1, p));
            }
            let Some((pw, predicate)) = predicate else { continue };
            let last = pw.max(end - 1).max(here);
            let first = start_word.min(pw);
            let span = Span::new(d.words[first].span.start, d.words[last].span.end);
            let topic = [unit_word, Some(pw)]
                .iter()
                .flatten()
                .map(|&k| d.text(d.words[k].span))
                .collect::<Vec<_>>()
                .join(" ");
            let shown = show(value);
            let label = match label_prefix {
                Some(p) => format!("{p} {shown}"),
                None => shown,
            };
            out.push(Quantity {
                doc,
                sent: si,
                low: interval.0 * factor,
                high: interval.1 * factor,
                label,
                unit,
                predicate,
                topic: if topic.is_empty() { unit_key } else { topic },
                span,
                converted: (factor - 1.0).abs() > f64::EPSILON,
            });
        }
    }
    out
}

fn meets(a: &Quantity, b: &Quantity) -> bool {
    // Converted units round ("80 metres", "262 feet"): allow 5 % when either side was.
    let slack = if a.converted || b.converted { 0.05 * a.low.abs().max(b.low.abs()) } else { 0.0 };
    a.low <= b.high + slack && b.low <= a.high + slack
}

fn numbers(ctx: &Context<'_>, lexicon: &Lexicon) -> Vec<Conflict> {
    let mut all: Vec<Quantity> = Vec::new();
    for (di, d) in ctx.docs.iter().enumerate() {
        // Any reference date finds every date expression ("12 days ago" included): only
        // their spans are wanted here.
        let reference = d.article.published.or(crosscheck_core::Date::new(2000, 1, 1));
        let dates: Vec<Span> = crate::timeline::find_dates(&d.article.text, reference)
            .iter()
            .map(|m| m.span)
            .collect();
        all.extend(quantities(d, di, &dates));
    }
    // What each quantity is about: its sentence's words, other numbers left out.
    let contexts: Vec<Bag> = all
        .iter()
        .map(|q| {
            let others: Vec<Span> = all
                .iter()
                .filter(|o| o.doc == q.doc && o.sent == q.sent && o.span != q.span)
                .map(|o| o.span)
                .collect();
            lexicon.context(&ctx.docs, q.doc, q.sent, q.span, &others)
        })
        .collect();
    let mut by_key: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
    for (i, q) in all.iter().enumerate() {
        by_key.entry((q.unit.as_str(), q.predicate.as_str())).or_default().push(i);
    }
    let mut out = Vec::new();
    for ids in by_key.values() {
        // Reports that contradict themselves are left out.
        let mut ids: Vec<usize> = ids.clone();
        let self_inconsistent: BTreeSet<usize> = ids
            .iter()
            .flat_map(|&a| ids.iter().map(move |&b| (a, b)))
            .filter(|&(a, b)| {
                ctx.canon[all[a].doc] == ctx.canon[all[b].doc] && !meets(&all[a], &all[b])
            })
            .map(|(a, _)| ctx.canon[all[a].doc])
            .collect();
        ids.retain(|&i| !self_inconsistent.contains(&ctx.canon[all[i].doc]));
        // One noun and predicate can count different things ("54 games with the Angels" this
        // season, "157 games" in a career): quantities are one only when their sentences tell
        // the same fact, as for dates, or for a toll when one sentence says nothing else
        // ("Nine people were injured, the coast guard said").
        for event in same_fact(
            ctx,
            &ids,
            |i| all[i].doc,
            |a, b| {
                let (x, y) = (&contexts[a], &contexts[b]);
                let toll = is_toll(&all[a].predicate) || is_toll(&all[b].predicate);
                (toll && x.len().min(y.len()) <= THIN_CONTEXT)
                    || (x.shares(y) >= 2 && x.cosine(y) >= SAME_QUANTITY)
            },
        ) {
            let items: Vec<&Quantity> = event.iter().map(|&i| &all[i]).collect();
            if let Some(c) =
                split_sides(ctx, &items, meets, |q| q.label.clone(), |q| (q.doc, q.span))
            {
                let topic = items.first().map_or_else(String::new, |q| q.topic.clone());
                out.push(Conflict { kind: ConflictKind::Number, topic, sides: c });
            }
        }
    }
    out
}

/// Predicates of a story's toll (stems after the `events` synonyms): a count of the injured or
/// the dead is the story's one such count, told without context ("Nine people were injured").
fn is_toll(stem: &str) -> bool {
    matches!(stem, "injur" | "kill" | "miss" | "arrest" | "evacu" | "rescu" | "hospit" | "displac")
}

/// Groups `ids` into facts: single-linkage over pairs of different reports that `alike` says
/// tell the same fact. Groups of one report are dropped.
pub(crate) fn same_fact(
    ctx: &Context<'_>,
    ids: &[usize],
    doc: impl Fn(usize) -> usize,
    alike: impl Fn(usize, usize) -> bool,
) -> Vec<Vec<usize>> {
    let groups = single_linkage(ids.len(), |x, y| {
        let (a, b) = (ids[x], ids[y]);
        ctx.canon[doc(a)] != ctx.canon[doc(b)] && alike(a, b)
    });
    groups
        .into_iter()
        .map(|g| g.into_iter().map(|x| ids[x]).collect::<Vec<_>>())
        .filter(|g| g.iter().map(|&i| ctx.canon[doc(i)]).collect::<BTreeSet<_>>().len() > 1)
        .collect()
}

/// Splits values into sides of mutually compatible values; `None` unless two sides come from
/// different reports.
pub(crate) fn split_sides<T>(
    ctx: &Context<'_>,
    items: &[&T],
    compatible: impl Fn(&T, &T) -> bool,
    label: impl Fn(&T) -> String,
    at: impl Fn(&T) -> (usize, Span),
) -> Option<Vec<ConflictSide>> {
    let mut sides: Vec<Vec<&T>> = Vec::new();
    for &it in items {
        match sides.iter_mut().find(|s| s.iter().all(|o| compatible(o, it))) {
            Some(s) => s.push(it),
            None => sides.push(vec![it]),
        }
    }
    if sides.len() < 2 {
        return None;
    }
    let reports =
        |s: &Vec<&T>| -> BTreeSet<usize> { s.iter().map(|t| ctx.canon[at(t).0]).collect() };
    let all_reports: BTreeSet<usize> = sides.iter().flat_map(reports).collect();
    if all_reports.len() < 2 {
        return None;
    }
    let mut out: Vec<(usize, ConflictSide)> = sides
        .iter()
        .map(|s| {
            // The most common label of the side.
            let mut labels: BTreeMap<String, usize> = BTreeMap::new();
            for t in s {
                *labels.entry(label(t)).or_default() += 1;
            }
            let value = labels
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(l, _)| l.clone())
                .unwrap_or_default();
            let mut docs: Vec<usize> = s.iter().map(|t| at(t).0).collect();
            docs.sort_unstable();
            docs.dedup();
            let articles: Vec<DocId> =
                docs.iter().map(|&d| ctx.docs[d].article.id.clone()).collect();
            let mut evidence: Vec<(usize, Span)> = s.iter().map(|t| at(t)).collect();
            evidence.sort_by_key(|e| (e.0, e.1.start));
            evidence.dedup();
            let evidence = evidence
                .into_iter()
                .filter_map(|(d, sp)| SourceSpan::from_text(ctx.docs[d].article, sp))
                .collect();
            (reports(s).len(), ConflictSide { value, articles, evidence })
        })
        .collect();
    out.sort_by_key(|s| std::cmp::Reverse(s.0));
    Some(out.into_iter().map(|s| s.1).collect())
}

// ---------------------------------------------------------------------------------------------
// Dates.

/// The content stems of the clause around `span` (the words up to the nearest comma or other
/// punctuation on each side, names left out), or of the next clause when that one has none
/// (`In 1957, Gigante was …`). Two dates date one event only when their clauses share a word:
/// the verb or noun the date belongs to.
pub(crate) fn clause_stems(
    d: &Doc<'_>,
    sent: usize,
    span: Span,
    stemmer: &Stemmer,
) -> BTreeSet<String> {
    let s = &d.sents[sent];
    let (lo, hi) = (s.words.start as usize, s.words.end as usize);
    let lang = d.article.language;
    let inside = |i: usize| d.words[i].span.start < span.end && span.start < d.words[i].span.end;
    let Some(first) = (lo..hi).find(|&i| d.words[i].span.end > span.start) else {
        return BTreeSet::new();
    };
    let last = (first..hi).take_while(|&i| inside(i)).last().unwrap_or(first);
    let mut a = first;
    while a > lo && d.words[a].gap == Gap::Space {
        a -= 1;
    }
    let mut b = last + 1;
    while b < hi && d.words[b].gap == Gap::Space {
        b += 1;
    }
    let stems = |range: std::ops::Range<usize>| -> BTreeSet<String> {
        range
            .filter(|&i| !inside(i) && (!d.words[i].cap || d.words[i].first))
            .filter_map(|i| content_stem(&d.words[i].key, lang, stemmer))
            .collect()
    };
    let mut out = stems(a..b);
    // A fronted date ("In 1957, …", "On Monday, …") belongs to the clause after it.
    let mut extra = 0;
    while out.is_empty() && b < hi && extra < 2 {
        let mut e = b + 1;
        while e < hi && d.words[e].gap == Gap::Space {
            e += 1;
        }
        out = stems(b..e);
        b = e;
        extra += 1;
    }
    out
}

fn dates(ctx: &Context<'_>, dated: &[Dated]) -> Vec<Conflict> {
    let n = dated.len();
    let clauses: Vec<BTreeSet<String>> = dated
        .iter()
        .map(|x| {
            let d = &ctx.docs[x.doc];
            clause_stems(d, x.sent, x.mention.span, &Stemmer::new(d.article.language))
        })
        .collect();
    // Similar pairs of different reports, most similar first.
    let mut sims: BTreeMap<(usize, usize), f32> = BTreeMap::new();
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            let (a, b) = (&dated[i], &dated[j]);
            if a.doc == b.doc || a.uncertain || b.uncertain || a.cited || b.cited {
                continue;
            }
            if a.context.shares(&b.context) < 2 {
                continue;
            }
            let s = a.context.cosine(&b.context);
            sims.insert((i, j), s);
            // Only dates whose clauses share a word seed an event; others may join one below.
            if s >= SAME_EVENT
                && ctx.canon[a.doc] != ctx.canon[b.doc]
                && !clauses[i].is_disjoint(&clauses[j])
            {
                pairs.push((s, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let sim = |a: usize, b: usize| sims.get(&(a.min(b), a.max(b))).copied().unwrap_or(0.0);
    // Average-linkage agglomeration, one date per report in an event.
    let mut event_of: Vec<usize> = (0..n).collect();
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    for (_, i, j) in pairs {
        let (ei, ej) = (event_of[i], event_of[j]);
        if ei == ej {
            continue;
        }
        let (a, b) = (&members[ei], &members[ej]);
        let report = |x: usize| ctx.canon[dated[x].doc];
        if a.iter().any(|&x| b.iter().any(|&y| report(x) == report(y))) {
            continue;
        }
        let total: f32 =
            a.iter().flat_map(|&x| b.iter().map(move |&y| (x, y))).map(|(x, y)| sim(x, y)).sum();
        if total / ((a.len() * b.len()) as f32) < SAME_EVENT * 0.6 {
            continue;
        }
        let moved = std::mem::take(&mut members[ej]);
        for &m in &moved {
            event_of[m] = ei;
        }
        members[ei].extend(moved);
    }
    let mut out = Vec::new();
    for mut event in members.into_iter().filter(|m| m.len() > 1) {
        // Reports the linkage left out (a copy, or a report alike to some members only) join
        // when they date the event consistently with one of its values and are alike to it
        // on average.
        let values: Vec<_> = event.iter().map(|&m| dated[m].mention.value).collect();
        if values.iter().any(|a| values.iter().any(|b| !consistent(a, b))) {
            let mut extra: BTreeMap<usize, (f32, usize)> = BTreeMap::new();
            for (c, cand) in dated.iter().enumerate() {
                if cand.uncertain || cand.cited || event.iter().any(|&m| dated[m].doc == cand.doc) {
                    continue;
                }
                let fits = values.iter().filter(|v| consistent(v, &cand.mention.value)).count();
                if fits == 0 || fits == values.len() {
                    continue;
                }
                let s: Vec<f32> = event.iter().map(|&m| sim(m, c)).collect();
                let mean = s.iter().sum::<f32>() / s.len() as f32;
                let max = s.iter().copied().fold(0.0, f32::max);
                if mean >= SAME_EVENT * 0.5 && max >= SAME_EVENT * 0.75 {
                    let slot = extra.entry(cand.doc).or_insert((0.0, c));
                    if mean > slot.0 {
                        *slot = (mean, c);
                    }
                }
            }
            event.extend(extra.values().map(|e| e.1));
        }
        event.sort_unstable();
        // A sentence that also gives a date agreeing with the other side ("began on Sunday to
        // lift the section that fell five days ago") is no evidence of a disagreement: its
        // other date is the one that dates this event.
        let ambiguous = |m: usize| -> bool {
            let me = &dated[m];
            dated.iter().enumerate().any(|(o, other)| {
                o != m
                    && other.doc == me.doc
                    && other.sent == me.sent
                    && event.iter().any(|&e| {
                        let ev = &dated[e];
                        ctx.canon[ev.doc] != ctx.canon[me.doc]
                            && !consistent(&ev.mention.value, &me.mention.value)
                            && consistent(&ev.mention.value, &other.mention.value)
                    })
            })
        };
        let keep: Vec<usize> = event.iter().copied().filter(|&m| !ambiguous(m)).collect();
        let items: Vec<&Dated> = keep.iter().map(|&m| &dated[m]).collect();
        let Some(sides) = split_sides(
            ctx,
            &items,
            |a, b| consistent(&a.mention.value, &b.mention.value),
            |d| d.mention.value.to_string(),
            |d| (d.doc, d.mention.span),
        ) else {
            continue;
        };
        out.push(Conflict { kind: ConflictKind::Date, topic: date_topic(ctx, &items), sides });
    }
    out
}

/// The topic of a date conflict: the words the sentences share, in the first one's order.
fn date_topic(ctx: &Context<'_>, items: &[&Dated]) -> String {
    let Some(first) = items.first() else { return String::new() };
    let d = &ctx.docs[first.doc];
    let stemmer = Stemmer::new(d.article.language);
    let lang = d.article.language;
    let stems_of = |x: &Dated| -> BTreeSet<String> {
        let dd = &ctx.docs[x.doc];
        let st = Stemmer::new(dd.article.language);
        let s = &dd.sents[x.sent];
        (s.words.start..s.words.end)
            .filter_map(|k| content_stem(&dd.words[k as usize].key, dd.article.language, &st))
            .collect()
    };
    let others: Vec<BTreeSet<String>> =
        items.iter().filter(|x| x.doc != first.doc).map(|x| stems_of(x)).collect();
    let s = &d.sents[first.sent];
    let mut words: Vec<&str> = Vec::new();
    for k in s.words.start..s.words.end {
        let w = &d.words[k as usize];
        if w.span.start < first.mention.span.end && first.mention.span.start < w.span.end {
            continue;
        }
        let Some(stem) = content_stem(&w.key, lang, &stemmer) else { continue };
        let shared = others.iter().filter(|o| o.contains(&stem)).count();
        if shared * 2 >= others.len() && shared > 0 && !words.contains(&d.text(w.span)) {
            words.push(d.text(w.span));
        }
        if words.len() >= 8 {
            break;
        }
    }
    if words.is_empty() {
        format!("the date of \u{201c}{}\u{201d}", crate::attribution::short(d.text(s.span), 8))
    } else {
        format!("when: {}", words.join(" "))
    }
}

// ---------------------------------------------------------------------------------------------
// Roles.

/// An office a role cue names, and how it can be contradicted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[expect(clippy::struct_excessive_bools, reason = "independent properties of an office")]
struct Office {
    /// The canonical name of the office family (`police chief` for `chief of police`).
    name: &'static str,
    /// A public office one person holds one of at a time (`mayor`, `governor`, `senator`).
    exclusive: bool,
    /// One holder within what qualifies it (`Interior Minister`, `Velm's mayor`).
    sole: bool,
    /// One holder in the place a story happens: compared bare (`the police chief`) when the
    /// sentences tell the same fact.
    local: bool,
    /// Sole only with a portfolio (`minister`, `secretary`: a government has many).
    portfolio: bool,
}

impl Office {
    const fn new(name: &'static str, exclusive: bool, sole: bool, local: bool) -> Office {
        Office { name, exclusive, sole, local, portfolio: false }
    }
}

const MAYOR: Office = Office::new("mayor", true, true, true);
const GOVERNOR: Office = Office::new("governor", true, true, true);
const PRESIDENT: Office = Office::new("president", true, true, false);
const PRIME_MINISTER: Office = Office::new("prime minister", true, true, false);
const MINISTER: Office = Office { portfolio: true, ..Office::new("minister", true, true, false) };
const SECRETARY: Office =
    Office { portfolio: true, ..Office::new("secretary", false, true, false) };
const SENATOR: Office = Office::new("senator", true, false, false);
const CHANCELLOR: Office = Office::new("chancellor", true, true, false);
const MONARCH_KING: Office = Office::new("king", true, true, false);
const MONARCH_QUEEN: Office = Office::new("queen", true, true, false);
const POPE: Office = Office::new("pope", true, true, false);
const JUDGE: Office = Office::new("judge", true, false, false);
const AMBASSADOR: Office = Office::new("ambassador", true, false, false);
const POLICE_CHIEF: Office = Office::new("police chief", true, true, true);
const FIRE_CHIEF: Office = Office::new("fire chief", true, true, true);
const SHERIFF: Office = Office::new("sheriff", true, true, true);
const CEO: Office = Office::new("chief executive", false, true, true);
const CHAIR: Office = Office::new("chair", false, true, false);
const DIRECTOR: Office = Office::new("director", false, true, false);
const CAPTAIN: Office = Office::new("captain", false, false, false);
const SPOKESPERSON: Office = Office::new("spokesperson", false, false, false);

/// Offices that one person can hold together although both are exclusive.
fn held_together(a: &str, b: &str) -> bool {
    let pair = if a <= b { (a, b) } else { (b, a) };
    matches!(pair, ("minister", "prime minister") | ("governor", "police chief"))
}

/// Portfolios of ministers and secretaries, folded, with their canonical spelling.
fn portfolio(w: &str) -> Option<&'static str> {
    Some(match w {
        "interior" | "home" | "internal" => "interior",
        "foreign" | "external" => "foreign",
        "defence" | "defense" | "war" => "defence",
        "finance" | "treasury" | "exchequer" => "finance",
        "justice" | "law" => "justice",
        "health" => "health",
        "education" | "schools" => "education",
        "transport" | "transportation" => "transport",
        "infrastructure" => "infrastructure",
        "energy" => "energy",
        "economy" | "economic" | "economics" => "economy",
        "agriculture" | "farming" => "agriculture",
        "environment" | "environmental" => "environment",
        "labour" | "labor" | "employment" => "labour",
        "trade" | "commerce" => "trade",
        "culture" | "arts" => "culture",
        "tourism" => "tourism",
        "sport" | "sports" => "sport",
        "housing" => "housing",
        "industry" => "industry",
        "communications" | "information" => "communications",
        "fisheries" => "fisheries",
        "immigration" | "migration" => "immigration",
        "state" => "state",
        "press" => "press",
        _ => return None,
    })
}

/// The office whose head word is word `k` of a phrase bounded by `lo..hi`: the office, the
/// first word of its compound and the end of it (`chief of police` runs past `chief`).
fn office_at(d: &Doc<'_>, lo: usize, k: usize, hi: usize) -> Option<(Office, usize, usize)> {
    let key = |i: usize| d.words[i].key.trim_end_matches('.');
    let joined = |i: usize| i > lo && d.words[i].gap == Gap::Space;
    let prev = joined(k).then(|| key(k - 1));
    let of_police = k + 2 < hi
        && key(k + 1) == "of"
        && key(k + 2) == "police"
        && d.words[k + 1].gap == Gap::Space
        && d.words[k + 2].gap == Gap::Space;
    let one = |o: Office| Some((o, k, k + 1));
    let two = |o: Office| Some((o, k - 1, k + 1));
    match key(k) {
        "mayor" => one(MAYOR),
        "governor" => one(GOVERNOR),
        "president" => one(PRESIDENT),
        "premier" => one(PRIME_MINISTER),
        "minister" if prev == Some("prime") => two(PRIME_MINISTER),
        "minister" => one(MINISTER),
        "secretary" if prev != Some("general") => one(SECRETARY),
        "senator" | "sen" => one(SENATOR),
        "chancellor" => one(CHANCELLOR),
        "king" => one(MONARCH_KING),
        "queen" => one(MONARCH_QUEEN),
        "pope" => one(POPE),
        "judge" => one(JUDGE),
        "ambassador" => one(AMBASSADOR),
        "chief" | "commissioner" if prev == Some("police") => two(POLICE_CHIEF),
        "chief" if prev == Some("fire") => two(FIRE_CHIEF),
        "chief" if of_police => Some((POLICE_CHIEF, k, k + 3)),
        "sheriff" => one(SHERIFF),
        "ceo" => one(CEO),
        "executive" if prev == Some("chief") => two(CEO),
        "officer" if prev == Some("executive") && joined(k - 1) && key(k - 2) == "chief" => {
            Some((CEO, k - 2, k + 1))
        }
        "chairman" | "chairwoman" | "chairperson" | "chair" => one(CHAIR),
        "director" => one(DIRECTOR),
        "captain" | "capt" => one(CAPTAIN),
        "spokesperson" | "spokesman" | "spokeswoman" => one(SPOKESPERSON),
        _ => None,
    }
}

/// Words that make a title something other than the current office.
fn modified(w: &str) -> bool {
    matches!(
        w,
        "former"
            | "ex"
            | "late"
            | "then"
            | "acting"
            | "deputy"
            | "vice"
            | "outgoing"
            | "incoming"
            | "interim"
            | "previous"
            | "assistant"
            | "future"
            | "would-be"
            | "elect"
            | "president-elect"
            | "candidate"
            | "hopeful"
            | "nominee"
            | "designate"
            | "associate"
            | "honorary"
            | "retired"
            | "one-time"
            | "onetime"
            | "erstwhile"
    )
}

/// Determiners that open a role phrase (`the mayor`, `its director`).
fn determiner(w: &str) -> bool {
    matches!(w, "the" | "a" | "an" | "its" | "his" | "her" | "their" | "our" | "this")
}

/// Joining words of a role phrase, not qualifiers (`the director of the port authority`).
fn joining(w: &str) -> bool {
    matches!(w, "of" | "the" | "for" | "to" | "at" | "and" | "&" | "on")
}

/// How a role phrase must fill the words it is read from.
#[derive(Debug, Clone, Copy)]
enum Fit {
    /// Anywhere: a title before a name (`said Mayor X`).
    Any,
    /// Opening with a determiner or at the start of the words (`according to the mayor, X`).
    Opens,
    /// Filling the words (`X, the director of the port authority,`).
    Whole,
}

/// A role given to a person by a cue attached to the name.
#[derive(Debug, Clone)]
struct Titled {
    doc: usize,
    sent: usize,
    person: u32,
    office: Office,
    /// What qualifies the office: folded words and `e:` entity ids (`Zhelvany's mayor`
    /// gives `zhelvany` and Zhelvany's id), the person's own name left out.
    qualifiers: BTreeSet<String>,
    /// The portfolios among the qualifiers (`infrastructure`).
    portfolio: BTreeSet<&'static str>,
    /// The cue and the name, in text offsets.
    span: Span,
}

impl Titled {
    /// The office as a side of a conflict shows it (`mayor`, `transport minister`).
    fn label(&self) -> String {
        if self.office.portfolio && !self.portfolio.is_empty() {
            let p: Vec<&str> = self.portfolio.iter().copied().collect();
            format!("{} {}", p.join(" and "), self.office.name)
        } else {
            self.office.name.to_string()
        }
    }
}

/// A role phrase read from the words `lo..end` of a doc (`Zhelvany's mayor`, `the director of
/// the port authority`, `Coast guard captain`): the office, its qualifiers and where the
/// phrase starts. The phrase ends with the office or with a tail that opens with `of`, `for`,
/// `to` or `at`; `fit` says how it must open.
fn role_phrase(
    d: &Doc<'_>,
    ents: &[Option<u32>],
    person: u32,
    lo: usize,
    end: usize,
    fit: Fit,
) -> Option<(Office, BTreeSet<String>, usize)> {
    if end <= lo {
        return None;
    }
    // The head: the office nearest the end whose tail is empty or a prepositional phrase.
    let mut found = None;
    for k in (lo.max(end.saturating_sub(8))..end).rev() {
        if let Some((o, a, b)) = office_at(d, lo, k, end) {
            let tail_ok = b >= end
                || (matches!(d.words[b].key.as_str(), "of" | "for" | "to" | "at")
                    && (b..end).all(|i| d.words[i].gap == Gap::Space && !d.words[i].digit));
            if tail_ok {
                found = Some((o, a, b));
            }
            break;
        }
    }
    let (office, head, tail) = found?;
    let mut qualifiers = BTreeSet::new();
    let add = |i: usize, q: &mut BTreeSet<String>| {
        let w = &d.words[i];
        if let Some(e) = ents[i] {
            if e == person {
                return false;
            }
            q.insert(format!("e:{e}"));
        }
        if !joining(&w.key) && !determiner(&w.key) {
            q.insert(w.key.clone());
        }
        true
    };
    for i in tail.min(end)..end {
        if !add(i, &mut qualifiers) {
            return None;
        }
    }
    // Qualifiers before the office, up to a determiner, the phrase's start or a stop word.
    let mut k = head;
    let mut clean = k == lo;
    let mut n = 0;
    let mut before: Vec<usize> = Vec::new();
    while k > lo {
        let w = &d.words[k - 1];
        if d.words[k].gap != Gap::Space {
            clean = true;
            break;
        }
        let key = w.key.trim_end_matches('.');
        if modified(key) {
            return None;
        }
        if determiner(key) {
            clean = true;
            k -= 1;
            break;
        }
        if w.digit
            || n >= 4
            || crate::names::is_role(key)
            || is_speech_verb(key)
            || (!w.cap && !w.possessive && crosscheck_text::is_stopword(d.article.language, key))
        {
            break;
        }
        before.push(k - 1);
        n += 1;
        k -= 1;
        if k == lo {
            clean = true;
        }
    }
    // Lower-case words that open the run without a determiner are the sentence's, not the
    // title's: `later headed President X`; `Coast guard captain X` and `the transport minister`
    // keep theirs.
    let opened = k < head && determiner(&d.words[k].key);
    while !opened && before.last().is_some_and(|&i| !d.words[i].cap && !d.words[i].possessive) {
        before.pop();
    }
    for i in before {
        if !add(i, &mut qualifiers) {
            return None;
        }
    }
    // "-elect", "then-", "ex-" glued to the office.
    if d.words[head..tail.min(end)].iter().any(|w| w.key.split('-').any(modified)) {
        return None;
    }
    let fits = match fit {
        Fit::Any => true,
        Fit::Opens => clean,
        Fit::Whole => clean && k == lo,
    };
    if !fits {
        return None;
    }
    Some((office, qualifiers, k))
}

fn titles(ctx: &Context<'_>) -> Vec<Titled> {
    let table = &ctx.entities;
    let mut out = Vec::new();
    for (di, d) in ctx.docs.iter().enumerate() {
        let ents = table.word_entities(di, d.words.len());
        for m in &table.mentions[di] {
            if table.entities[m.entity as usize].kind != EntityKind::Person {
                continue;
            }
            let (first, last) = (m.words.0 as usize, m.words.1 as usize);
            let sent = d.words[first].sent as usize;
            let Some(s) = d.sents.get(sent) else { continue };
            let (lo, hi) = (s.words.start as usize, s.words.end as usize);
            // A role inside a quotation is the speaker's word ("As president, Senator X will
            // fight"), of another time.
            if !s.claim || first < lo || last > hi || crate::chronology::quoted(d, sent, m.span) {
                continue;
            }
            let mut push = |office: Office, qualifiers: BTreeSet<String>, span: Span| {
                let portfolio = qualifiers.iter().filter_map(|q| portfolio(q.as_str())).collect();
                out.push(Titled {
                    doc: di,
                    sent,
                    person: m.entity,
                    office,
                    qualifiers,
                    portfolio,
                    span,
                });
            };
            if first > lo && d.words[first].gap == Gap::Space {
                // A title before the name: `Mayor X`, `Coast guard captain X`, and a tail
                // after it: `Captain X of the Coast Guard`.
                let start = (lo..first)
                    .rev()
                    .find(|&i| i == lo || d.words[i].gap != Gap::Space)
                    .unwrap_or(lo);
                if let Some((office, mut q, k)) =
                    role_phrase(d, &ents, m.entity, start, first, Fit::Any)
                    && office_at(d, start, first - 1, first).is_some_and(|o| o.2 == first)
                {
                    let mut e = last;
                    if last < hi && d.words[last].key == "of" && d.words[last].gap == Gap::Space {
                        e = last + 1;
                        let mut named = false;
                        while e < hi && e < last + 6 && d.words[e].gap == Gap::Space {
                            let w = &d.words[e];
                            // The object of `of` ends at the verb: `of the Coast Guard said`.
                            let plain = !w.cap && !joining(&w.key);
                            if plain
                                && (named
                                    || is_speech_verb(&w.key)
                                    || crosscheck_text::is_stopword(d.article.language, &w.key))
                            {
                                break;
                            }
                            named |= w.cap;
                            if let Some(x) = ents[e] {
                                q.insert(format!("e:{x}"));
                            }
                            if !joining(&d.words[e].key) {
                                q.insert(d.words[e].key.clone());
                            }
                            e += 1;
                        }
                    }
                    let end = if e > last { d.words[e - 1].span.end } else { m.span.end };
                    push(office, q, Span::new(d.words[k].span.start, end));
                    continue;
                }
            }
            if first > lo && d.words[first].gap == Gap::Comma {
                // An appositive before the name: `Zhelvany's mayor, X`, `the mayor, X`.
                let start = (lo..first)
                    .rev()
                    .find(|&i| i == lo || d.words[i].gap != Gap::Space)
                    .unwrap_or(lo);
                if let Some((office, q, k)) =
                    role_phrase(d, &ents, m.entity, start, first, Fit::Opens)
                {
                    push(office, q, Span::new(d.words[k].span.start, m.span.end));
                    continue;
                }
            }
            if last < hi && d.words[last].gap == Gap::Comma {
                // An appositive after the name: `X, the director of the port authority,`.
                let end = (last + 1..=hi)
                    .find(|&i| i == hi || d.words[i].gap != Gap::Space)
                    .unwrap_or(hi);
                if let Some((office, q, _)) = role_phrase(d, &ents, m.entity, last, end, Fit::Whole)
                {
                    push(office, q, Span::new(m.span.start, d.words[end - 1].span.end));
                }
            }
        }
    }
    out
}

/// Whether two qualifier sets can name one office: one holds the other (`port authority` and
/// `Zhelvany Port Authority`), spellings of a word counting as one.
fn nested_qualifiers(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    let within = |x: &BTreeSet<String>, y: &BTreeSet<String>| {
        x.iter()
            .all(|w| y.contains(w) || (!w.starts_with("e:") && y.iter().any(|v| same_word(w, v))))
    };
    within(a, b) || within(b, a)
}

/// Whether two roles given to one person cannot both be right: two exclusive offices not held
/// together (`mayor` and `governor`), or one office with two portfolios (`transport minister`
/// and `health minister`).
fn offices_clash(a: &Titled, b: &Titled) -> bool {
    if a.office.name != b.office.name {
        return a.office.exclusive
            && b.office.exclusive
            && !held_together(a.office.name, b.office.name);
    }
    a.office.portfolio
        && !a.portfolio.is_empty()
        && !b.portfolio.is_empty()
        && a.portfolio.is_disjoint(&b.portfolio)
}

fn roles(ctx: &Context<'_>, lexicon: &Lexicon) -> Vec<Conflict> {
    let titled = titles(ctx);
    let mut out = Vec::new();
    if titled.len() < 2 {
        return out;
    }
    let name = |p: u32| ctx.entities.entities[p as usize].name.clone();
    let report = |t: &Titled| ctx.canon[t.doc];

    // One person, two offices.
    let mut by_person: BTreeMap<u32, Vec<&Titled>> = BTreeMap::new();
    for t in &titled {
        by_person.entry(t.person).or_default().push(t);
    }
    for (&person, items) in &by_person {
        // A report that gives one person two clashing roles knows something the rule does not
        // (a change of office): it is left out.
        let torn: BTreeSet<usize> = items
            .iter()
            .flat_map(|a| items.iter().map(move |b| (a, b)))
            .filter(|(a, b)| report(a) == report(b) && offices_clash(a, b))
            .map(|(a, _)| report(a))
            .collect();
        let items: Vec<&Titled> =
            items.iter().copied().filter(|t| !torn.contains(&report(t))).collect();
        let clash = items
            .iter()
            .any(|a| items.iter().any(|b| report(a) != report(b) && offices_clash(a, b)));
        if !clash {
            continue;
        }
        // Only the roles that take part in a clash are shown.
        let items: Vec<&Titled> =
            items.iter().copied().filter(|a| items.iter().any(|b| offices_clash(a, b))).collect();
        if let Some(sides) = split_sides(
            ctx,
            &items,
            |a, b| !offices_clash(a, b),
            Titled::label,
            |t| (t.doc, t.span),
        ) {
            out.push(Conflict {
                kind: ConflictKind::Role,
                topic: format!("the office of {}", name(person)),
                sides,
            });
        }
    }

    // One office, several people.
    let contexts: Vec<Bag> =
        titled.iter().map(|t| lexicon.context(&ctx.docs, t.doc, t.sent, t.span, &[])).collect();
    let folded: BTreeMap<u32, Vec<String>> = titled
        .iter()
        .map(|t| {
            (t.person, crate::names::fold(&name(t.person)).split(' ').map(str::to_string).collect())
        })
        .collect();
    // "Dirk" written for "Dirk A. Kempthorne" (a name cut at a middle initial), "Boone Isaacs"
    // for "Cheryl Boone Isaacs": a name whose words are all in another's is not another person.
    let one_person = |p: u32, q: u32| {
        let (a, b) = (&folded[&p], &folded[&q]);
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        short.iter().all(|w| long.contains(w))
    };
    let same_role = |i: usize, j: usize| -> bool {
        let (a, b) = (&titled[i], &titled[j]);
        if a.office != b.office || !a.office.sole {
            return false;
        }
        if a.office.portfolio
            && (a.portfolio.is_empty()
                || b.portfolio.is_empty()
                || a.portfolio.is_disjoint(&b.portfolio))
        {
            return false;
        }
        if !nested_qualifiers(&a.qualifiers, &b.qualifiers) {
            return false;
        }
        if !a.qualifiers.is_empty() && !b.qualifiers.is_empty() {
            return true;
        }
        // A bare office ("the police chief") is the story's own only when both sentences
        // tell the same fact.
        let (x, y) = (&contexts[i], &contexts[j]);
        a.office.local && x.shares(y) >= 2 && x.cosine(y) >= SAME_ROLE
    };
    let rivals = |i: usize, j: usize| -> bool {
        let (a, b) = (&titled[i], &titled[j]);
        a.person != b.person
            && report(a) != report(b)
            && !one_person(a.person, b.person)
            && same_role(i, j)
    };
    let mut rival_pairs: Vec<(usize, usize)> = Vec::new();
    for i in 0..titled.len() {
        for j in i + 1..titled.len() {
            if rivals(i, j) {
                rival_pairs.push((i, j));
            }
        }
    }
    // A report that gives one office to both people knows they are two (a predecessor).
    let given: BTreeSet<(u32, &str, usize)> =
        titled.iter().map(|t| (t.person, t.office.name, report(t))).collect();
    rival_pairs.retain(|&(i, j)| {
        let (a, b) = (&titled[i], &titled[j]);
        !given.iter().any(|&(p, o, r)| {
            p == a.person && o == a.office.name && given.contains(&(b.person, o, r))
        })
    });
    let involved: Vec<usize> = {
        let mut v: Vec<usize> = rival_pairs.iter().flat_map(|&(i, j)| [i, j]).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let rival_set: BTreeSet<(usize, usize)> = rival_pairs.iter().copied().collect();
    let groups = single_linkage(involved.len(), |x, y| {
        let (i, j) = (involved[x].min(involved[y]), involved[x].max(involved[y]));
        rival_set.contains(&(i, j))
            || (titled[i].person == titled[j].person && titled[i].office == titled[j].office)
    });
    for g in groups {
        let items: Vec<&Titled> = g.iter().map(|&x| &titled[involved[x]]).collect();
        let people: BTreeSet<u32> = items.iter().map(|t| t.person).collect();
        if people.len() < 2 {
            continue;
        }
        let Some(sides) = split_sides(
            ctx,
            &items,
            |a, b| a.person == b.person,
            |t| name(t.person),
            |t| (t.doc, t.span),
        ) else {
            continue;
        };
        let shown = items.first().map_or_else(String::new, |t| {
            let d = &ctx.docs[t.doc];
            let text = d.text(t.span);
            let person = &ctx.entities.entities[t.person as usize];
            let cut = person.variants.iter().filter_map(|(v, _)| text.find(v.as_str())).min();
            let shown = match cut {
                Some(0) => text.split_once(',').map_or(text, |x| x.1),
                Some(c) => &text[..c],
                None => text,
            };
            shown.trim().trim_matches(',').trim().to_string()
        });
        out.push(Conflict { kind: ConflictKind::Role, topic: format!("who is {shown}"), sides });
    }
    out
}
