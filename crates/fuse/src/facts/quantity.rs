//! Quantities in one sentence: a number with its hedge, scale, unit or currency, read into an
//! interval, and the words around it that say what it counts.

use crosscheck_core::Span;
use crosscheck_text::lexicon::List;

use super::lexicon::{Hedge, Lexicon};
use super::spaced_thousands::Spacing;

pub(crate) use super::token::Tok;

/// Splits `text[span]` into tokens: `4,800`, `12.5`, `3-2`, `4–5`, `2/3` and `Kimberly-Clark`
/// stay whole; every other non-space character is a token of its own. In a text that writes
/// `13, 000` for thirteen thousand or `6. 2` for 6.2 (`spacing`: see
/// [`super::spaced_thousands`]) that is one token.
pub(crate) fn tokenize(text: &str, span: Span, lx: &Lexicon, spacing: Spacing) -> Vec<Tok> {
    let Some(s) = span.slice(text) else { return Vec::new() };
    let base = span.start as usize;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (off, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            let end = off + c.len_utf8();
            out.push(Tok {
                start: base + off,
                end: base + end,
                lower: c.to_lowercase().collect(),
                word: false,
                cap: false,
                possessive: false,
            });
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() {
            let d = chars[j].1;
            if d.is_alphanumeric() {
                j += 1;
                continue;
            }
            let next = chars.get(j + 1).map(|x| x.1);
            let prev = chars[j - 1].1;
            let joins = match (d, next) {
                (',' | '.' | '/' | '–', Some(n)) => prev.is_ascii_digit() && n.is_ascii_digit(),
                ('-' | '‐', Some(n)) => n.is_alphanumeric(),
                ('\'' | '’', Some(n)) => prev.is_alphabetic() && n.is_alphabetic(),
                _ => false,
            };
            if !joins {
                break;
            }
            j += 2;
        }
        let end = chars.get(j).map_or(s.len(), |x| x.0);
        let word = &s[off..end];
        let mut lower = word.to_lowercase();
        let mut possessive = false;
        for tail in lx.words(List::PossessiveEndings) {
            if lower.len() > tail.len() + 1 && lower.ends_with(tail) {
                lower.truncate(lower.len() - tail.len());
                possessive = true;
            }
        }
        out.push(Tok {
            start: base + off,
            end: base + end,
            lower,
            word: true,
            cap: c.is_uppercase(),
            possessive,
        });
        i = j;
    }
    if spacing.thousands {
        super::spaced_thousands::join(&mut out, s, base);
    }
    if spacing.decimals {
        super::spaced_thousands::join_decimals(&mut out, s, base);
    }
    // `4 000`: digit groups split by a space are one number.
    let mut k = 0;
    while k + 1 < out.len() {
        let (a, b) = (&out[k], &out[k + 1]);
        let gap = s.get(a.end - base..b.start - base).unwrap_or("");
        let digits = |t: &str| t.bytes().all(|c| c.is_ascii_digit());
        if digits(&b.lower)
            && b.lower.len() == 3
            && matches!(gap, " " | "\u{a0}" | "\u{202f}" | "\u{2009}")
            && (digits(&a.lower) && a.lower.len() <= 3
                || a.lower.len() > 4 && a.lower.as_bytes()[a.lower.len() - 4] == b',')
        {
            let lower = format!("{},{}", a.lower, b.lower);
            let end = b.end;
            out[k].lower = lower;
            out[k].end = end;
            out.remove(k + 1);
        } else {
            k += 1;
        }
    }
    out
}

/// What a quantity measures, by its unit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Class {
    /// A plain count.
    Count,
    /// A percentage.
    Percent,
    /// Money in a currency (its code).
    Money(String),
    /// A length of time, in hours.
    Duration,
    /// A tally such as a vote (`4-1`).
    Tally,
}

/// A number read from a sentence.
#[derive(Debug, Clone)]
pub(crate) struct Quantity {
    /// The tokens of the phrase (hedge to unit).
    pub(crate) toks: (usize, usize),
    /// The value as written (a tally `a-b` is `1000a + b`).
    pub(crate) value: f64,
    /// The interval of values it is compatible with.
    pub(crate) lo: f64,
    /// The upper end of the interval.
    pub(crate) hi: f64,
    /// Its unit.
    pub(crate) class: Class,
    /// Whether a number is written (not a bare `hours`).
    pub(crate) explicit: bool,
    /// `X of the Y`: a part of another number, and the token after the total.
    pub(crate) partitive: Option<(f64, usize)>,
}

/// The value of a number token, its precision unit and whether a scale suffix was attached.
fn number_value(t: &str, lx: &Lexicon) -> Option<(f64, f64, f64)> {
    if let Some(v) = lx.number(t) {
        return Some((v, 1.0, 1.0));
    }
    // A vulgar fraction, alone or after a whole number: `2⅔` is `2 2/3`.
    if let Some(last) = t.chars().next_back()
        && let Some((n, d)) = vulgar_fraction(last)
    {
        let whole = &t[..t.len() - last.len_utf8()];
        let w: f64 = if whole.is_empty() { 0.0 } else { whole.parse().ok()? };
        return Some((w + n / d, 1.0 / d, 1.0));
    }
    if let Some((a, b)) = t.split_once('-')
        && let (Some(x), Some(y)) = (lx.number(a), lx.number(b))
        && x >= 20.0
        && y < 10.0
    {
        return Some((x + y, 1.0, 1.0));
    }
    let digits_end =
        t.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')).unwrap_or(t.len());
    let (num, suffix) = t.split_at(digits_end);
    let scale = if suffix.is_empty() { 1.0 } else { lx.scale(suffix)? };
    if num.is_empty() || !num.as_bytes()[0].is_ascii_digit() || num.ends_with(['.', ',']) {
        return None;
    }
    // Thousands separators: groups of three after the first comma.
    if num.contains(',') {
        let int = num.split('.').next().unwrap_or("");
        let mut groups = int.split(',');
        let first = groups.next().unwrap_or("");
        if first.is_empty() || first.len() > 3 || groups.any(|g| g.len() != 3) {
            return None;
        }
    }
    let clean: String = num.chars().filter(|c| *c != ',').collect();
    let v: f64 = clean.parse().ok()?;
    let unit = if let Some((_, dec)) = clean.split_once('.') {
        10f64.powi(-i32::try_from(dec.len()).unwrap_or(0))
    } else {
        let tz = clean.len() - clean.trim_end_matches('0').len();
        if clean.trim_end_matches('0').is_empty() {
            1.0
        } else {
            10f64.powi(i32::try_from(tz).unwrap_or(0))
        }
    };
    Some((v, unit, scale))
}

/// The numerator and denominator of a vulgar fraction character (`½`, `⅔`).
fn vulgar_fraction(c: char) -> Option<(f64, f64)> {
    Some(match c {
        '½' => (1.0, 2.0),
        '⅓' => (1.0, 3.0),
        '⅔' => (2.0, 3.0),
        '¼' => (1.0, 4.0),
        '¾' => (3.0, 4.0),
        '⅕' => (1.0, 5.0),
        '⅛' => (1.0, 8.0),
        _ => return None,
    })
}

fn is_tally(t: &str) -> Option<(u32, u32)> {
    let (a, b) = t.split_once(['-', '–'])?;
    let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
    (a < 100 && b < 100).then_some((a, b))
}

/// Reads every quantity of a sentence's tokens.
pub(crate) fn read(toks: &[Tok], lx: &Lexicon) -> Vec<Quantity> {
    let mut out: Vec<Quantity> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some(q) = read_at(toks, i, lx) {
            // The total of `four of the five` is the whole, not a count of its own.
            i = q.partitive.map_or(q.toks.1, |p| p.1).max(i + 1);
            out.push(q);
        } else {
            i += 1;
        }
    }
    out
}

/// Whether the number at `i` is a modifier or a label rather than a count, in text whose
/// hyphens and dashes may stand apart (`a 59 - year - old`, `13 - 0`, `0300 GMT`):
/// - a compound modifier, the number joined by a hyphen to the word after it
///   (`three - story`, `59 - year - old`);
/// - the second number of a spaced score (`13 - 0`);
/// - a number written with a leading zero (a clock time, a code).
fn not_a_count(toks: &[Tok], i: usize, lx: &Lexicon) -> bool {
    let t = &toks[i];
    let digits = t.lower.bytes().next().is_some_and(|b| b.is_ascii_digit());
    if digits && t.lower.len() > 1 && t.lower.starts_with('0') && !t.lower.starts_with("0.") {
        return true;
    }
    let hyphen = |k: usize| toks.get(k).is_some_and(|x| x.lower == "-");
    if hyphen(i + 1) && toks.get(i + 2).is_some_and(|x| x.word) {
        return true;
    }
    i >= 2 && hyphen(i - 1) && number_value(&toks[i - 2].lower, lx).is_some()
}

/// A percent sign or word (`%`, `percent`).
fn is_percent(w: &str, lx: &Lexicon) -> bool {
    w == "%" || lx.has(List::PercentWords, w)
}

fn word_at(toks: &[Tok], i: usize) -> &str {
    toks.get(i).map_or("", |t| t.lower.as_str())
}

#[expect(clippy::too_many_lines, reason = "one reading of a number phrase, in order")]
fn read_at(toks: &[Tok], i: usize, lx: &Lexicon) -> Option<Quantity> {
    let t = &toks[i];
    if !t.word {
        return None;
    }
    // A bare plural time unit before `after`/`before`/`later`/`earlier`: `hours after`.
    if let Some(h) = lx.unit(&t.lower)
        && t.lower.ends_with('s')
        && lx.has(List::GapWords, word_at(toks, i + 1))
        && (i == 0 || number_value(&toks[i - 1].lower, lx).is_none())
    {
        let (lo, hi) = if h < 2.0 { (1.0, 23.0) } else { (2.0 * h, 7.0 * h) };
        return Some(Quantity {
            toks: (i, i + 1),
            value: f64::midpoint(lo, hi),
            lo,
            hi,
            class: Class::Duration,
            explicit: false,
            partitive: None,
        });
    }
    // `a day`, `an hour`.
    let article_unit = lx.has(List::IndefiniteArticles, &t.lower)
        && lx.unit(word_at(toks, i + 1)).is_some()
        && !word_at(toks, i + 1).ends_with('s');
    let mut tally = is_tally(&t.lower);
    let mut words_tally = false;
    // `a vote of four to one`: a tally in words (not `from 36 to 44`).
    if tally.is_none()
        && lx.has(List::NumberJoints, word_at(toks, i + 1))
        && !(i > 0 && lx.has(List::RangeOpeners, &toks[i - 1].lower))
        && let (Some(a), Some(b)) = (lx.number(&t.lower), lx.number(word_at(toks, i + 2)))
        && a < 20.0
        && b < 20.0
        && lx.unit(word_at(toks, i + 3)).is_none()
        && !is_percent(word_at(toks, i + 3), lx)
    {
        tally = Some((a as u32, b as u32));
        words_tally = true;
    }
    let (mut value, mut unit, mut scale) = if article_unit {
        (1.0, 1.0, 1.0)
    } else if let Some((a, b)) = tally {
        (f64::from(a), 1.0, f64::from(b))
    } else {
        number_value(&t.lower, lx)?
    };
    let first = i == 0 || (i == 1 && !toks[0].word);
    // Part of a name (`Game 7`, `CAC 40`), a date (`26 November`, `Nov. 2`), a time (`3 p.m.`).
    if i > 0 {
        let p = &toks[i - 1];
        // A tally after a name is a score (`beat the Velm Owls 5-4`), not part of the name.
        if p.word
            && p.cap
            && !p.possessive
            && tally.is_none()
            && !first
            && i > 1
            && lx.hedge(&p.lower).is_none()
            && lx.number(&p.lower).is_none()
        {
            return None;
        }
        if lx.is_month(&p.lower) || (p.lower == "." && i > 1 && lx.is_month(&toks[i - 2].lower)) {
            return None;
        }
        if matches!(p.lower.as_str(), "#" | ":") || lx.has(List::NumberSigns, &p.lower) {
            return None;
        }
        // `Bolsonaro, 70,`: an age in apposition.
        if p.lower == ","
            && i > 1
            && toks[i - 2].cap
            && toks[i - 2].word
            && t.lower.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
    }
    // `the final three outs`, `two other justices`: a part of a count.
    if (i > 0 && lx.is_partial(&toks[i - 1].lower)) || lx.is_partial(word_at(toks, i + 1)) {
        return None;
    }
    // `the 1200 block of`: an address.
    if lx.is_identifier(word_at(toks, i + 1)) {
        return None;
    }
    // `one` is a pronoun or an article (`outside one shelter`), not a count to compare.
    if lx.has(List::AmbiguousNumbers, &t.lower) {
        return None;
    }
    let next = word_at(toks, i + 1);
    if lx.is_month(next) || next == ":" || lx.has(List::ClockMarks, next) {
        return None;
    }
    if tally.is_none() && !article_unit && t.lower.contains('-') {
        // `27-year` reads as a duration; `five-judge`, `37-year-old` are not quantities.
        return None;
    }
    if tally.is_none() && !article_unit && !words_tally && not_a_count(toks, i, lx) {
        return None;
    }
    // The hedge, before an optional currency sign.
    let mut start = i;
    let mut currency: Option<String> = None;
    if i > 0
        && let Some(c) = lx.currency(&toks[i - 1].lower)
    {
        currency = Some(c.to_string());
        start = i - 1;
        if start > 0 && lx.has(List::CurrencyPrefixes, &toks[start - 1].lower) {
            start -= 1;
        }
    }
    let mut hedge = None;
    for n in (1..=lx.longest_hedge()).rev() {
        if start < n {
            continue;
        }
        let phrase: Vec<&str> = toks[start - n..start].iter().map(|t| t.lower.as_str()).collect();
        if let Some(h) = lx.hedge(&phrase.join(" ")) {
            hedge = Some(h);
            start -= n;
            break;
        }
    }
    let mut end = if words_tally { i + 3 } else { i + 1 };
    // `2 2/3`: a whole number and a fraction.
    if tally.is_none()
        && let Some((n, d)) = word_at(toks, end).split_once('/')
        && let (Ok(n), Ok(d)) = (n.parse::<u32>(), d.parse::<u32>())
        && n < d
    {
        value += f64::from(n) / f64::from(d);
        unit = 1.0 / f64::from(d);
        end += 1;
    }
    // A range: `4–5%`, `four to seven minutes`.
    let mut range_hi = None;
    if let Some((a, b)) = tally
        && (is_percent(word_at(toks, end), lx) || lx.unit(word_at(toks, end)).is_some())
    {
        value = f64::from(a);
        scale = 1.0;
        unit = 1.0;
        range_hi = Some(f64::from(b));
    } else if lx.has(List::NumberJoints, word_at(toks, end))
        && let Some((b, _, 1.0)) = number_value(word_at(toks, end + 1), lx)
        && lx.unit(word_at(toks, end + 2)).is_some()
    {
        range_hi = Some(b);
        end += 2;
    }
    let is_tally = tally.is_some() && range_hi.is_none();
    if !is_tally && let Some(s) = lx.scale(word_at(toks, end)) {
        scale *= s;
        end += 1;
    }
    let mut class = Class::Count;
    let w = word_at(toks, end);
    if is_tally {
        class = Class::Tally;
    } else if is_percent(w, lx) {
        class = Class::Percent;
        end += 1;
    } else if lx.has(List::PercentWords, &format!("{w} {}", word_at(toks, end + 1))) {
        class = Class::Percent;
        end += 2;
    } else if let Some(c) = lx.currency(w).filter(|_| currency.is_none() && w.len() > 1) {
        currency = Some(c.to_string());
        end += 1;
    } else if let Some(h) = lx.unit(w) {
        class = Class::Duration;
        end += 1;
        scale *= h;
        // `27 years and three months`, `27 years, three months`.
        let mut k = end;
        if word_at(toks, k) == "," || lx.has(List::AndWords, word_at(toks, k)) {
            k += 1;
        }
        if let Some((v2, _, 1.0)) = number_value(word_at(toks, k), lx)
            && let Some(h2) = lx.unit(word_at(toks, k + 1))
            && h2 < h
        {
            value += v2 * h2 / h;
            unit = h2 / h;
            end = k + 2;
        }
    }
    if article_unit && class != Class::Duration {
        return None;
    }
    if let Some(c) = currency {
        class = Class::Money(c);
    }
    let approx = hedge.is_some();
    // A bare four-digit year.
    if class == Class::Count
        && !approx
        && (scale - 1.0).abs() < f64::EPSILON
        && (1800.0..=2100.0).contains(&value)
        && value.fract() == 0.0
        && !t.lower.contains(',')
    {
        return None;
    }
    if is_tally {
        let v = value * 1000.0 + scale;
        return Some(Quantity {
            toks: (start, end),
            value: v,
            lo: v,
            hi: v,
            class,
            explicit: true,
            partitive: None,
        });
    }
    // Round numbers are rounded only when hedged or large (`20%` is exact, `about 20` is not).
    if !approx && value < 100.0 && unit > 1.0 {
        unit = 1.0;
    }
    let (v, mut u) = (value * scale, unit * scale);
    // Rounding reaches at most a tenth either way (`about 100` is not 75), except for times,
    // whose units are coarse (`a day` may be 14 hours).
    if class != Class::Duration {
        u = u.min(0.2 * v.abs());
    }
    let (lo, hi) = match (hedge, range_hi) {
        (_, Some(b)) => (v, b * scale),
        (Some(Hedge::Near | Hedge::Max), _) => (v - u / 2.0, v),
        (Some(Hedge::Min), _) => (v, v + u),
        (Some(Hedge::Less), _) => (v / 2.0, v),
        _ => (v - u / 2.0, v + u / 2.0),
    };
    // `X of the Y`, `X out of Y`: a part.
    let mut partitive = None;
    let mut k = end;
    let two = format!("{} {}", word_at(toks, k), word_at(toks, k + 1));
    let partitive_words = if lx.has(List::Partitives, &two) {
        2
    } else {
        usize::from(lx.has(List::Partitives, word_at(toks, k)))
    };
    if partitive_words > 0 {
        k += partitive_words;
        if lx.has(List::DefiniteArticles, word_at(toks, k)) {
            k += 1;
        }
        if let Some((total, _, 1.0)) = number_value(word_at(toks, k), lx) {
            partitive = Some((total, k + 1));
        }
    }
    Some(Quantity { toks: (start, end), value: v, lo, hi, class, explicit: true, partitive })
}

#[cfg(test)]
mod tests {
    use crosscheck_core::Lang;

    use super::*;

    fn q(s: &str) -> Vec<(f64, f64, Class, String)> {
        let lx = Lexicon::for_lang(Lang::EN);
        let toks = tokenize(s, Span::from_usize(0, s.len()), &lx, Spacing::default());
        read(&toks, &lx)
            .into_iter()
            .map(|q| {
                let text = s[toks[q.toks.0].start..toks[q.toks.1 - 1].end].to_string();
                (q.lo, q.hi, q.class, text)
            })
            .collect()
    }

    #[test]
    fn tokens_keep_numbers_and_names_whole() {
        let s = "Ostrava-Nord's 4,800 rose 12.5% (3-2), $1.9bn.";
        let lx = Lexicon::for_lang(Lang::EN);
        let toks = tokenize(s, Span::from_usize(0, s.len()), &lx, Spacing::default());
        let words: Vec<&str> = toks.iter().map(|t| &s[t.start..t.end]).collect();
        assert_eq!(
            words,
            [
                "Ostrava-Nord's",
                "4,800",
                "rose",
                "12.5",
                "%",
                "(",
                "3-2",
                ")",
                ",",
                "$",
                "1.9bn",
                "."
            ]
        );
        assert_eq!(toks[0].lower, "ostrava-nord");
    }

    #[test]
    fn hedges_widen_by_rounding() {
        let r = q("The ferry carried nearly 300 passengers, about 40 crew and 4 000 tonnes.");
        assert_eq!(r[2].3, "4 000");
        assert_eq!((r[2].0, r[2].1), (3600.0, 4400.0));
        assert_eq!(r[0], (270.0, 300.0, Class::Count, "nearly 300".into()));
        assert_eq!(r[1].3, "about 40");
        assert!(r[1].0 <= 36.0 && r[1].1 >= 44.0);
        let r = q("Shares fell more than 10 percent and the toll rose to 44.");
        assert_eq!(r[0], (10.0, 12.0, Class::Percent, "more than 10 percent".into()));
        assert_eq!(r[1], (43.5, 44.5, Class::Count, "44".into()));
    }

    #[test]
    fn money_durations_tallies_and_ranges() {
        let r = q(
            "A deal of $2.1 billion, a term of 12 years and four months, a 5-2 vote, 4–5% lower.",
        );
        assert_eq!(r[0].2, Class::Money("usd".into()));
        assert!((r[0].0 - 2.05e9).abs() < 1.0);
        assert_eq!(r[1].2, Class::Duration);
        assert_eq!(r[1].3, "12 years and four months");
        assert_eq!(r[2].2, Class::Tally);
        assert_eq!((r[3].0, r[3].1), (4.0, 5.0));
        let r = q("She flew 2⅔ laps, then 2 2/3 more and ½ of another.");
        assert_eq!(r[0].3, "2⅔");
        assert!((r[0].0 - r[1].0).abs() < 1e-9 && (r[0].1 - r[1].1).abs() < 1e-9);
        assert!((r[2].0 + r[2].1 - 1.0).abs() < 0.2);
        let r = q("He quit a day after the vote, and hours after that.");
        assert_eq!(r[0].3, "a day");
        assert_eq!((r[0].0, r[0].1), (12.0, 36.0));
        assert_eq!(r[1].3, "hours");
    }

    #[test]
    fn a_tally_after_a_name_is_a_score_but_a_number_after_one_is_part_of_it() {
        let r = q("The Owls beat the Velm Rangers 5-4 in Game 7.");
        assert_eq!(r.len(), 1);
        assert_eq!((r[0].2.clone(), r[0].3.as_str()), (Class::Tally, "5-4"));
        assert!(q("They met in Game 7 at Velm 40 after the Route 9 stop.").is_empty());
    }

    #[test]
    fn names_dates_times_and_years_are_not_quantities() {
        for s in [
            "They met in Game 7 at the Velm 40 index.",
            "It began on 26 November at 3 p.m. in 1948.",
            "The 37-year-old pilot and a five-seat plane.",
            "Two other pilots and the final three laps at the 1200 block of Main.",
            "A 59 - year - old pilot of a three - story hut took a 13 - 0 lead at 0300 GMT.",
        ] {
            assert!(q(s).is_empty(), "{s}: {:?}", q(s));
        }
    }

    /// The joining of numbers split by a text's spacing (`spaced_thousands`), seen through the
    /// tokenizer.
    mod spaced {
        use crosscheck_core::{Lang, Span};

        use super::super::tokenize;
        use crate::facts::lexicon::Lexicon;
        use crate::facts::spaced_thousands::{Spacing, writes_spaced_thousands};

        fn words(s: &str) -> Vec<String> {
            let lx = Lexicon::for_lang(Lang::EN);
            tokenize(s, Span::from_usize(0, s.len()), &lx, Spacing::of(s))
                .iter()
                .filter(|t| t.lower.starts_with(|c: char| c.is_ascii_digit()))
                .map(|t| {
                    // Offsets exact: the token slices back to its source text.
                    assert_eq!(s[t.start..t.end].replace(", ", ",").replace(". ", "."), t.lower);
                    format!("{}={}", &s[t.start..t.end], t.lower)
                })
                .collect()
        }

        #[test]
        fn a_text_of_spaced_numbers_joins_its_thousands() {
            let s = "The quake of 5. 9 hit Varnholm, home to 48, 000 people; 1, 250, 000 felt it.";
            assert!(writes_spaced_thousands(s));
            assert_eq!(words(s), ["5=5", "9=9", "48, 000=48,000", "1, 250, 000=1,250,000"]);
        }

        #[test]
        fn two_splits_are_enough() {
            let s = "Some 12, 500 fans came and 3, 400 stayed.";
            assert!(writes_spaced_thousands(s));
            assert_eq!(words(s), ["12, 500=12,500", "3, 400=3,400"]);
        }

        #[test]
        fn a_text_writing_tight_thousands_keeps_lists_apart() {
            let s = "It sold 1,200 tickets at 4: 30 to rows 3, 100 and 200.";
            assert!(!writes_spaced_thousands(s));
            assert_eq!(words(s), ["1,200=1,200", "4=4", "30=30", "3=3", "100=100", "200=200"]);
        }

        #[test]
        fn one_split_alone_is_no_style() {
            assert!(!writes_spaced_thousands("Rooms 3, 100 and 12 were shut."));
        }

        #[test]
        fn a_number_in_a_list_stays_apart() {
            let s = "Buses 9, 12, 104 ran at 6. 15 and 2, 300 riders waited.";
            assert!(writes_spaced_thousands(s));
            assert_eq!(words(s), ["9=9", "12=12", "104=104", "6=6", "15=15", "2, 300=2,300"]);
        }

        #[test]
        fn four_digits_after_the_comma_are_no_group() {
            let s = "In 2019, 1200 came; 5. 5 and 7, 250 left.";
            assert_eq!(words(s), ["2019=2019", "1200=1200", "5=5", "5=5", "7, 250=7,250"]);
        }

        #[test]
        fn a_text_of_spaced_decimals_joins_them() {
            let s =
                "The 6. 2 quake struck 10 km (6. 2 miles) deep at 4: 30, costing $119. 99 each.";
            assert_eq!(Spacing::of(s), Spacing { thousands: false, decimals: true });
            assert_eq!(
                words(s),
                ["6. 2=6.2", "10=10", "6. 2=6.2", "4=4", "30=30", "119. 99=119.99"]
            );
        }

        #[test]
        fn a_text_writing_tight_decimals_keeps_points_apart() {
            let s = "It measured 6.2 at first; then 5. 9 and 4. 1 came.";
            assert_eq!(Spacing::of(s), Spacing::default());
            assert_eq!(words(s), ["6.2=6.2", "5=5", "9=9", "4=4", "1=1"]);
        }

        #[test]
        fn one_spaced_point_is_no_style() {
            assert!(!Spacing::of("It ended in 2019. 4 more came.").decimals);
        }
    }
}
