//! Number conflicts: different values for one quantity.
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

use std::collections::{BTreeMap, BTreeSet};

use crosscheck_core::Span;
use crosscheck_text::Stemmer;

use super::common::{same_fact, split_sides};
use crate::analysis::events::{Bag, Lexicon, content_stem};
use crate::analysis::numbers::{number_word, parse_number};
use crate::analysis::{Context, Doc, Gap};
use crate::story::{Conflict, ConflictKind};

/// Similarity from which two quantities of different reports with the same noun and predicate
/// count the same thing.
const SAME_QUANTITY: f32 = 0.25;

/// A quantity whose sentence holds at most this many other terms states nothing but itself.
const THIN_CONTEXT: usize = 3;

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

/// The number conflicts of a story.
pub(super) fn find(ctx: &Context<'_>, lexicon: &Lexicon) -> Vec<Conflict> {
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
