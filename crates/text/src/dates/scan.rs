//! The date scanner: tokens, then a small grammar of date expressions tried at every token,
//! longest match first.
//!
//! The grammar produces an [`Expr`], still relative to nothing; [`super::resolve`] makes it
//! absolute against a reference date.

use jiff::civil::Weekday;

use super::lexicon::{self, DE, EN, ES, FR, IT, MonthWord, PT, Season};
use crate::lexicon::List;

/// What kind of token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Num,
    Punct,
}

/// A token with its byte range in the text.
#[derive(Debug)]
struct Tok<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    lower: String,
    kind: Kind,
    /// The value of a `Num` of at most nine digits.
    num: u32,
    /// The number of digits of a `Num`.
    digits: usize,
    /// Whitespace separates this token from the previous one.
    space_before: bool,
    /// A line break separates this token from the previous one.
    line_before: bool,
}

/// Splits `text` into words (letters), numbers (ASCII digits) and single punctuation characters.
fn tokenize(text: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    let mut chars = text.char_indices().peekable();
    let (mut space, mut line) = (false, false);
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            space = true;
            line |= c == '\n';
            continue;
        }
        let mut end = start + c.len_utf8();
        let kind = if c.is_ascii_digit() {
            while let Some(&(i, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
            Kind::Num
        } else if c.is_alphanumeric() {
            while let Some(&(i, d)) = chars.peek() {
                if !d.is_alphanumeric() || d.is_ascii_digit() {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
            Kind::Word
        } else {
            Kind::Punct
        };
        let piece = &text[start..end];
        let (kind, num, digits) = match kind {
            Kind::Num if piece.len() <= 9 => (Kind::Num, piece.parse().unwrap_or(0), piece.len()),
            // A longer digit run is no date part: keep it as an inert word.
            Kind::Num => (Kind::Word, 0, 0),
            k => (k, 0, 0),
        };
        toks.push(Tok {
            start,
            end,
            text: piece,
            lower: piece.to_lowercase(),
            kind,
            num,
            digits,
            space_before: space,
            line_before: line,
        });
        space = false;
        line = false;
    }
    toks
}

/// Part of a month, year, week or season.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    Early,
    Mid,
    Late,
}

/// A relative modifier: "last", "this", "next".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Rel {
    None,
    Last,
    This,
    Next,
}

/// A calendar unit for relative periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Day,
    Week,
    Weekend,
    Month,
    Year,
}

/// The tense of the clause around an expression, which decides between the last and the next
/// occurrence of a weekday or a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tense {
    /// No cue: news reports past events, so the last occurrence (with a short look-ahead for
    /// months).
    Neutral,
    /// "will", "shall": the next occurrence.
    Future,
    /// "is scheduled", "was due", "would": a plan, so the nearest occurrence either way.
    Planned,
}

/// A date expression, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Expr {
    /// A day, with its year when written.
    Day { y: Option<i16>, m: i8, d: i8 },
    /// A range of days, possibly across months ("June 30 - July 2").
    DayRange { y: Option<i16>, m1: i8, d1: i8, m2: i8, d2: i8 },
    /// A month, or part of one ("early June").
    Month { y: Option<i16>, m: i8, part: Option<Part>, rel: Rel },
    /// "between June and August".
    MonthRange { y: Option<i16>, m1: i8, m2: i8 },
    /// A year or part of one ("in 2019", "late 2024").
    Year { y: i16, part: Option<Part> },
    /// "from 2019 to 2021".
    YearRange { y1: i16, y2: i16 },
    /// A season ("last spring", "summer 2024").
    Season { s: Season, y: Option<i16>, rel: Rel, part: Option<Part> },
    /// A weekday ("on Wednesday", "next Friday").
    Weekday { wd: Weekday, rel: Rel },
    /// "between Monday and Wednesday".
    WeekdayRange { wd1: Weekday, wd2: Weekday, rel: Rel },
    /// today (0), yesterday (-1), tomorrow (1), "three days ago" (-3).
    DayOffset(i32),
    /// "last week", "late last month", "next year".
    Period { unit: Unit, offset: i32, part: Option<Part> },
    /// "two weeks ago", "three months ago": the unit containing that point.
    Ago { n: i32, unit: Unit },
    /// "earlier this month": from the start of the unit to the reference.
    SoFar(Unit),
    /// "later this month": from the reference to the end of the unit.
    Rest(Unit),
    /// "the past week", "the last ten days": the days up to the reference.
    Trailing(i32),
    /// "over a week ago", "nearly a month ago": the days from `far` to `near` days before the
    /// reference.
    AgoRange { far: i32, near: i32 },
}

/// One expression found: its byte range, the expression and the tense of its clause.
#[derive(Debug, Clone, Copy)]
pub(super) struct Found {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) expr: Expr,
    pub(super) tense: Tense,
}

/// Finds every date expression in `text`, left to right, without overlaps.
pub(super) fn scan(text: &str) -> Vec<Found> {
    let s = Scan { toks: tokenize(text) };
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.toks.len() {
        match s.longest(i) {
            Some((end, expr)) if end > i => {
                out.push(Found {
                    start: s.toks[i].start,
                    end: s.toks[end - 1].end,
                    expr,
                    tense: s.tense_before(i),
                });
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

struct Scan<'a> {
    toks: Vec<Tok<'a>>,
}

impl Scan<'_> {
    /// The longest expression starting at token `i`; on a tie the earlier parser wins.
    fn longest(&self, i: usize) -> Option<(usize, Expr)> {
        // Every parser starts at a number or at a word of a scanned list.
        if self.tok(i).is_some_and(|t| t.kind == Kind::Word && !lexicon::is_known(&t.lower)) {
            return None;
        }
        let hits = [
            self.numeric(i),
            self.day_first(i),
            self.month_first(i),
            self.part(i),
            self.relative(i),
            self.between(i),
            self.with_rel(i),
            self.season(i),
            self.year(i),
        ];
        let mut best: Option<(usize, Expr)> = None;
        for hit in hits.into_iter().flatten() {
            if best.is_none_or(|b| hit.0 > b.0) {
                best = Some(hit);
            }
        }
        best
    }

    fn tok(&self, i: usize) -> Option<&Tok<'_>> {
        self.toks.get(i)
    }

    /// The lowercase word at `i`.
    fn word(&self, i: usize) -> Option<&str> {
        self.tok(i).filter(|t| t.kind == Kind::Word).map(|t| t.lower.as_str())
    }

    /// The word at `i` is in `list` in one of the scanner's languages.
    fn is_in(&self, i: usize, list: List) -> bool {
        self.word(i).is_some_and(|w| lexicon::is_in(list, w))
    }

    /// The longest phrase of `list` (up to four words) starting at word `i`, as the list
    /// writes it, and the index after it. Words are joined by a space, and a word, an
    /// apostrophe and a word by the apostrophe (`aujourd'hui`).
    fn phrase(&self, i: usize, list: List) -> Option<(usize, &'static str)> {
        let first = self.word(i)?;
        let mut best = lexicon::stored(list, first).map(|w| (i + 1, w));
        if !lexicon::opens_phrase(list, first) {
            return best;
        }
        // The phrase is built on the stack: the scanner reads every word of every article.
        let mut buf = [0u8; PHRASE_BYTES];
        let mut len = 0;
        if !push(&mut buf, &mut len, first) {
            return best;
        }
        let mut j = i + 1;
        for _ in 1..4 {
            let (joint, w, next) = if self.punct(j, &['\'', '’'])
                && let Some(w) = self.word(j + 1)
            {
                ("'", w, j + 2)
            } else if let Some(w) = self.word(j) {
                (" ", w, j + 1)
            } else {
                break;
            };
            if !push(&mut buf, &mut len, joint) || !push(&mut buf, &mut len, w) {
                break;
            }
            j = next;
            // Invariant: whole `str`s and ASCII joints were copied, so the bytes are UTF-8.
            if let Ok(text) = std::str::from_utf8(&buf[..len])
                && let Some(w) = lexicon::stored(list, text)
            {
                best = Some((j, w));
            }
        }
        best
    }

    /// The word at `i` starts with a capital letter.
    fn capitalised(&self, i: usize) -> bool {
        self.tok(i).and_then(|t| t.text.chars().next()).is_some_and(char::is_uppercase)
    }

    fn punct(&self, i: usize, options: &[char]) -> bool {
        self.tok(i).is_some_and(|t| t.kind == Kind::Punct && t.text.starts_with(options))
    }

    /// Token `i` directly follows token `i - 1`, with no whitespace.
    fn glued(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| !t.space_before)
    }

    fn num(&self, i: usize) -> Option<(u32, usize)> {
        self.tok(i).filter(|t| t.kind == Kind::Num).map(|t| (t.num, t.digits))
    }

    /// The word before token `i`, if on the same line.
    fn word_before(&self, i: usize) -> Option<&str> {
        if i == 0 || self.tok(i).is_some_and(|t| t.line_before) {
            return None;
        }
        self.word(i - 1)
    }

    /// The cue languages of the word before `i` ("in", "seit", "en"), looking past an article
    /// ("in the spring").
    fn cue_before(&self, i: usize, allow_conjunction: bool) -> u8 {
        let Some(w) = self.word_before(i) else { return 0 };
        if lexicon::is_in(List::CueArticles, w) && i >= 1 {
            return self.cue_before(i - 1, false);
        }
        if !allow_conjunction && lexicon::is_in(List::JoiningCues, w) {
            return 0;
        }
        lexicon::cue(w)
    }

    /// A day of the month at `i` ("19", "19th", "1er"), and the index after it.
    fn day(&self, i: usize) -> Option<(i8, usize)> {
        let (n, digits) = self.num(i)?;
        if digits > 2 || !(1..=31).contains(&n) {
            return None;
        }
        let mut next = i + 1;
        if self.glued(next) && self.word(next).is_some_and(lexicon::is_ordinal_suffix) {
            next += 1;
        }
        // "19 000" is a number, not a day.
        if self.num(next).is_some_and(|(_, d)| d == 3)
            && self.tok(next).is_some_and(|t| t.space_before)
        {
            return None;
        }
        Some((n as i8, next))
    }

    /// A four-digit year at `i` in `lo..=hi`.
    fn year_in(&self, i: usize, lo: u32, hi: u32) -> Option<(i16, usize)> {
        let (n, digits) = self.num(i)?;
        // A year is not followed by a glued digit group ("2025.5", "2025,000").
        if digits != 4 || !(lo..=hi).contains(&n) {
            return None;
        }
        if (self.punct(i + 1, &[',', '.']) && self.glued(i + 1) && self.num(i + 2).is_some())
            && self.glued(i + 2)
        {
            return None;
        }
        Some((n as i16, i + 1))
    }

    fn year(&self, i: usize) -> Option<(usize, Expr)> {
        let (y, next) = self.year_in(i, 1900, 2100)?;
        // "the 1930s": a decade, whatever the cue.
        if y % 10 == 0 && self.glued(next) && self.is_in(next, List::DecadeSuffixes) {
            return Some((next + 1, Expr::YearRange { y1: y, y2: y + 9 }));
        }
        // "the 1930's".
        if y % 10 == 0
            && self.punct(next, &['\'', '’'])
            && self.glued(next)
            && self.glued(next + 1)
            && self.is_in(next + 1, List::DecadeSuffixes)
        {
            return Some((next + 2, Expr::YearRange { y1: y, y2: y + 9 }));
        }
        (self.cue_before(i, false) != 0).then_some((next, Expr::Year { y, part: None }))
    }

    /// A year after a date ("November 19, 2025", "19 de noviembre de 2025"): an optional comma or
    /// "de"/"of", then the year.
    fn year_tail(&self, i: usize) -> Option<(i16, usize)> {
        let j = if self.punct(i, &[',']) || self.is_in(i, List::DateLinks) { i + 1 } else { i };
        self.year_in(j, 1000, 2999)
    }

    /// A month word at `i` and the index after it (after the dot of an abbreviation).
    /// `numbered`: a day number or year is next to it, which abbreviations and foreign names need.
    fn month(&self, i: usize) -> Option<(MonthWord, usize)> {
        let mw = lexicon::month(self.word(i)?)?;
        if mw.langs & EN != 0 && !self.capitalised(i) {
            return None;
        }
        let mut next = i + 1;
        if mw.abbrev {
            if !self.capitalised(i) {
                return None;
            }
            if self.punct(next, &['.']) && self.glued(next) {
                next += 1;
            }
        }
        Some((mw, next))
    }

    /// An English weekday must be capitalised; other languages write them in lower case.
    fn weekday(&self, i: usize) -> Option<(Weekday, usize)> {
        let (wd, langs) = lexicon::weekday(self.word(i)?)?;
        if langs == EN && !self.capitalised(i) {
            return None;
        }
        let mut next = i + 1;
        // "Wednesday night", "Friday morning" is still that day.
        if self.is_in(next, List::DayParts) {
            next += 1;
        }
        Some((wd, next))
    }

    fn dash(&self, i: usize) -> bool {
        self.punct(i, &['-', '–', '—', '‒', '/'])
    }

    /// A word or dash joining the two ends of a range.
    fn range_joint(&self, i: usize) -> bool {
        self.dash(i) || self.word(i).is_some_and(lexicon::is_range_joint)
    }

    /// An optional "Wednesday," before a date.
    fn weekday_prefix(&self, i: usize) -> usize {
        match self.weekday(i) {
            Some((_, next)) if next == i + 1 => {
                if self.punct(next, &[',']) {
                    next + 1
                } else {
                    next
                }
            }
            _ => i,
        }
    }

    /// `2025-11-19`, `2025/11/19`, `19/11/2025`, `19.11.2025`.
    fn numeric(&self, i: usize) -> Option<(usize, Expr)> {
        let (first, da) = self.num(i)?;
        let sep = self.tok(i + 1)?.text;
        if !matches!(sep, "-" | "/" | ".") || !self.glued(i + 1) || !self.glued(i + 2) {
            return None;
        }
        let (second, db) = self.num(i + 2)?;
        if self.tok(i + 3)?.text != sep || !self.glued(i + 3) || !self.glued(i + 4) {
            return None;
        }
        let (third, dc) = self.num(i + 4)?;
        // A trailing glued digit group means a longer number ("1.2.3.4", "2025-11-19-2").
        if self.glued(i + 5)
            && self.tok(i + 5).is_some_and(|t| t.text == sep)
            && self.num(i + 6).is_some()
        {
            return None;
        }
        let end = i + 5;
        let small = |n: u32, d: usize| (1..=2).contains(&d) && (1..=31).contains(&n);
        if da == 4 && sep != "." && small(second, db) && small(third, dc) {
            return Some((
                end,
                Expr::Day { y: Some(first as i16), m: second as i8, d: third as i8 },
            ));
        }
        if dc != 4 || !small(first, da) || !small(second, db) || !(1000..=2999).contains(&third) {
            return None;
        }
        let y = Some(third as i16);
        // Dots are the European day.month.year; with slashes only an unambiguous order is read.
        let (m, d) = if sep == "." || (first > 12 && second <= 12) {
            (second, first)
        } else if second > 12 && first <= 12 || first == second {
            (first, second)
        } else {
            return None;
        };
        Some((end, Expr::Day { y, m: m as i8, d: d as i8 }))
    }

    /// "November 19", "Nov. 19, 2025", "Wednesday, November 19", "June 3-5", "June 30 - July 2",
    /// "November 2025", "in August".
    fn month_first(&self, i: usize) -> Option<(usize, Expr)> {
        let j = self.weekday_prefix(i);
        let (mw, j) = self.month(j)?;
        let m = mw.month;
        if let Some((d1, k)) = self.day(j) {
            // Foreign month names before a day are rare and ambiguous ("mars 3"): English only.
            if mw.langs & EN == 0 {
                return None;
            }
            let (mut end, mut expr) = (k, Expr::Day { y: None, m, d: d1 });
            if self.range_joint(k) {
                if let Some((mw2, k2)) = self.month(k + 1)
                    && let Some((d2, k3)) = self.day(k2)
                {
                    expr = Expr::DayRange { y: None, m1: m, d1, m2: mw2.month, d2 };
                    end = k3;
                } else if let Some((d2, k2)) = self.day(k + 1)
                    && d2 > d1
                    && self.month(k2).is_none()
                {
                    expr = Expr::DayRange { y: None, m1: m, d1, m2: m, d2 };
                    end = k2;
                }
            }
            if let Some((y, k)) = self.year_tail(end) {
                end = k;
                expr = with_year(expr, y);
            }
            return Some((end, expr));
        }
        if let Some((y, k)) = self.year_tail(j) {
            return Some((k, Expr::Month { y: Some(y), m, part: None, rel: Rel::None }));
        }
        if mw.abbrev
            || j != i + 1 + usize::from(mw.abbrev)
            || self.cue_before(i, true) & mw.langs == 0
        {
            return None;
        }
        Some((j, Expr::Month { y: None, m, part: None, rel: Rel::None }))
    }

    /// "19 November 2025", "19th of November", "19. November", "3 to 5 June", "30 June - 2 July",
    /// "19 de noviembre de 2025".
    fn day_first(&self, i: usize) -> Option<(usize, Expr)> {
        let mut j = self.weekday_prefix(i);
        if self.is_in(j, List::DefiniteArticles) {
            j += 1;
        }
        let (d1, mut k) = self.day(j)?;
        if self.punct(k, &['.']) && self.glued(k) {
            k += 1;
        }
        let mut range_end = None;
        if self.range_joint(k)
            && let Some((d2, k2)) = self.day(k + 1)
            && d2 > d1
        {
            range_end = Some(d2);
            k = k2;
            if self.punct(k, &['.']) && self.glued(k) {
                k += 1;
            }
        }
        if self.is_in(k, List::DateLinks) {
            k += 1;
        }
        let (mw, mut end) = self.month(k)?;
        let m = mw.month;
        let mut expr = match range_end {
            Some(d2) => Expr::DayRange { y: None, m1: m, d1, m2: m, d2 },
            None => Expr::Day { y: None, m, d: d1 },
        };
        if range_end.is_none()
            && self.range_joint(end)
            && let Some((d2, k2)) = self.day(end + 1)
        {
            let k2 = if self.is_in(k2, List::DateLinks) { k2 + 1 } else { k2 };
            if let Some((mw2, k3)) = self.month(k2) {
                expr = Expr::DayRange { y: None, m1: m, d1, m2: mw2.month, d2 };
                end = k3;
            }
        }
        if let Some((y, k)) = self.year_tail(end) {
            end = k;
            expr = with_year(expr, y);
        }
        Some((end, expr))
    }

    /// "early June", "mid-June", "late 2024", "end of March", "late last month", "Anfang Juni",
    /// "fin juin", "principios de junio", "early next year".
    fn part(&self, i: usize) -> Option<(usize, Expr)> {
        let w = self.word(i)?;
        let (part, needs_of) = match lexicon::month_part(w)? {
            ("early", of) => (Part::Early, of),
            ("mid", of) => (Part::Mid, of),
            ("late", of) => (Part::Late, of),
            _ => return None,
        };
        let mut j = i + 1;
        if self.dash(j) && self.glued(j) {
            j += 1;
        }
        if self.is_in(j, List::DateLinks) {
            j += 1;
        } else if needs_of {
            return None;
        }
        if let Some((mw, k)) = self.month(j) {
            let part = Some(part);
            if let Some((y, k2)) = self.year_tail(k) {
                return Some((k2, Expr::Month { y: Some(y), m: mw.month, part, rel: Rel::None }));
            }
            return (!mw.abbrev)
                .then_some((k, Expr::Month { y: None, m: mw.month, part, rel: Rel::None }));
        }
        if let Some((y, k)) = self.year_in(j, 1000, 2999) {
            return Some((k, Expr::Year { y, part: Some(part) }));
        }
        if let Some((end, expr)) = self.with_rel(j).or_else(|| self.season(j)) {
            let expr = match expr {
                Expr::Period { unit, offset, part: None } => {
                    Expr::Period { unit, offset, part: Some(part) }
                }
                Expr::Month { y, m, part: None, rel } => {
                    Expr::Month { y, m, part: Some(part), rel }
                }
                Expr::Season { s, y, rel, part: None } => {
                    Expr::Season { s, y, rel, part: Some(part) }
                }
                _ => return None,
            };
            return Some((end, expr));
        }
        // "end of the month", "the end of the year": the current one.
        if self.is_in(j, List::DefiniteArticles)
            && let Some(unit) = self.unit(j + 1)
        {
            return Some((j + 2, Expr::Period { unit, offset: 0, part: Some(part) }));
        }
        None
    }

    fn unit(&self, i: usize) -> Option<Unit> {
        // The list's values name the units.
        Some(match lexicon::value(List::PeriodUnits, self.word(i)?)? {
            "day" => Unit::Day,
            "week" => Unit::Week,
            "weekend" => Unit::Weekend,
            "month" => Unit::Month,
            "year" => Unit::Year,
            _ => return None,
        })
    }

    /// A count: "3", "three", "a".
    fn count(&self, i: usize) -> Option<i32> {
        if let Some((n, digits)) = self.num(i) {
            return (digits <= 3).then(|| i32::try_from(n).ok()).flatten();
        }
        lexicon::number_word(self.word(i)?)
    }

    /// today, yesterday, "the day before yesterday", "three days ago", "earlier this month",
    /// "the past week", and their German, French and Spanish forms.
    fn relative(&self, i: usize) -> Option<(usize, Expr)> {
        if let Some(hit) = self.hedged_ago(i) {
            return Some(hit);
        }
        // "three days ago", "27 days ago", "a week ago" (before the word test: a count may be
        // written in digits).
        if let Some(n) = self.count(i)
            && let Some(unit) = self.unit(i + 1)
            // "four days earlier" counts from the story's last event, not from the day of
            // publication: only "ago" is measured from the report.
            && self.is_in(i + 2, List::AgoWords)
            && n <= 400
        {
            return Some((i + 3, Expr::Ago { n, unit }));
        }
        let w = self.word(i)?;
        // "yesterday", "aujourd'hui" (three tokens), "the day before yesterday", "this morning".
        if let Some((end, phrase)) = self.phrase(i, List::RelativeDays)
            && let Some(n) = lexicon::relative_day(phrase)
        {
            return Some((end, Expr::DayOffset(n)));
        }
        // "earlier this month", "later this year".
        if let Some((end, phrase)) = self.phrase(i, List::PartialPeriods) {
            let unit = self.unit(end).filter(|u| !matches!(u, Unit::Day))?;
            // The list's values name the part of the period.
            let past = lexicon::value(List::PartialPeriods, phrase) == Some("past");
            let expr = if past { Expr::SoFar(unit) } else { Expr::Rest(unit) };
            return Some((end + 1, expr));
        }
        // "the past week", "the last ten days".
        if lexicon::is_in(List::TrailingWords, w) {
            let (n, k) = match self.count(i + 1) {
                Some(n) if self.unit(i + 2).is_some() => (n, i + 2),
                _ => (1, i + 1),
            };
            let days = match self.unit(k)? {
                Unit::Day => n,
                Unit::Week => 7 * n,
                Unit::Month if k > i + 1 => 30 * n,
                _ => return None,
            };
            let past = bare_trailing(w) || k > i + 1;
            let definite =
                self.word_before(i).is_some_and(|b| lexicon::is_in(List::DefiniteArticles, b));
            if past && (1..=400).contains(&n) && (definite || k > i + 1) {
                return Some((k + 1, Expr::Trailing(days)));
            }
        }
        None
    }

    /// "over a week ago", "more than two weeks ago", "nearly a month ago", "less than a year
    /// ago", "about ten days ago": a span of days that holds the point, not the point.
    fn hedged_ago(&self, i: usize) -> Option<(usize, Expr)> {
        let (k, hedge) = self.phrase(i, List::Hedges)?;
        // The list's values name the kinds of hedge.
        let hedge = lexicon::value(List::Hedges, hedge)?;
        let n = self.count(k)?;
        let days = match self.unit(k + 1)? {
            Unit::Day => 1,
            Unit::Week | Unit::Weekend => 7,
            Unit::Month => 30,
            Unit::Year => 365,
        };
        if !self.is_in(k + 2, List::AgoWords) || !(1..=400).contains(&n) {
            return None;
        }
        let point = n * days;
        let (far, near) = match hedge {
            "min" => (2 * point, point),
            "near" | "less" | "max" => (point, 1),
            _ => (point + point / 2, point / 2),
        };
        Some((k + 3, Expr::AgoRange { far, near }))
    }

    /// "last week", "this month", "next year", "last Wednesday", "next August", "this summer".
    fn with_rel(&self, i: usize) -> Option<(usize, Expr)> {
        // The list's values name the relations.
        let rel = match lexicon::value(List::PeriodRelations, self.word(i)?)? {
            "last" => Rel::Last,
            "this" => Rel::This,
            "next" => Rel::Next,
            _ => return None,
        };
        let j = i + 1;
        if let Some(unit) = self.unit(j).filter(|u| !matches!(u, Unit::Day)) {
            // "past week" is the trailing seven days, handled by `relative`.
            if self.word(i).is_some_and(bare_trailing)
                || matches!(self.word(j), Some(w) if w.ends_with('s'))
            {
                return None;
            }
            let offset = match rel {
                Rel::Last => -1,
                Rel::Next => 1,
                Rel::This | Rel::None => 0,
            };
            return Some((j + 1, Expr::Period { unit, offset, part: None }));
        }
        if let Some((wd, k)) = self.weekday(j) {
            return Some((k, Expr::Weekday { wd, rel }));
        }
        if let Some((mw, k)) = self.month(j)
            && !mw.abbrev
        {
            return Some((k, Expr::Month { y: None, m: mw.month, part: None, rel }));
        }
        let s = lexicon::season(self.word(j)?)?;
        Some((j + 1, Expr::Season { s, y: None, rel, part: None }))
    }

    /// "on Wednesday", "between Monday and Wednesday", "from June to August", "from 2019 to 2021".
    fn between(&self, i: usize) -> Option<(usize, Expr)> {
        let opener = lexicon::is_range_opener(self.word(i)?);
        if !opener {
            // A lone weekday.
            let (wd, k) = self.weekday(i)?;
            if self.dash(k)
                && let Some((wd2, k2)) = self.weekday(k + 1)
            {
                return Some((k2, Expr::WeekdayRange { wd1: wd, wd2, rel: Rel::None }));
            }
            return Some((k, Expr::Weekday { wd, rel: Rel::None }));
        }
        let j = i + 1;
        if let Some((wd1, k)) = self.weekday(j)
            && self.range_joint(k)
            && let Some((wd2, k2)) = self.weekday(k + 1)
        {
            return Some((k2, Expr::WeekdayRange { wd1, wd2, rel: Rel::None }));
        }
        if let Some((mw1, k)) = self.month(j)
            && !mw1.abbrev
            && self.range_joint(k)
            && let Some((mw2, k2)) = self.month(k + 1)
            && !mw2.abbrev
        {
            let (y, end) = match self.year_tail(k2) {
                Some((y, e)) => (Some(y), e),
                None => (None, k2),
            };
            return Some((end, Expr::MonthRange { y, m1: mw1.month, m2: mw2.month }));
        }
        if let Some((y1, k)) = self.year_in(j, 1000, 2999)
            && self.range_joint(k)
            && let Some((y2, k2)) = self.year_in(k + 1, 1000, 2999)
            && y2 >= y1
        {
            return Some((k2, Expr::YearRange { y1, y2 }));
        }
        None
    }

    /// "in the spring", "summer 2024", "the summer of 2019", "in autumn".
    fn season(&self, i: usize) -> Option<(usize, Expr)> {
        let s = lexicon::season(self.word(i)?)?;
        if let Some((y, k)) = self.year_tail(i + 1) {
            return Some((k, Expr::Season { s, y: Some(y), rel: Rel::None, part: None }));
        }
        (self.cue_before(i, false) & (EN | DE | FR | ES | IT | PT) != 0)
            .then_some((i + 1, Expr::Season { s, y: None, rel: Rel::None, part: None }))
    }

    /// The tense of the clause before token `i`: the nearest cue word within the clause.
    fn tense_before(&self, i: usize) -> Tense {
        let lo = i.saturating_sub(12);
        for j in (lo..i).rev() {
            let t = &self.toks[j];
            if t.kind == Kind::Punct && matches!(t.text, "." | "!" | "?" | ";") {
                break;
            }
            if self.toks[j + 1].line_before {
                break;
            }
            let w = t.lower.as_str();
            if lexicon::is_in(List::ConditionalAuxiliaries, w) {
                return Tense::Planned;
            }
            if !lexicon::is_future_cue(w) {
                continue;
            }
            let modal = lexicon::is_in(List::FutureAuxiliaries, w);
            let before = |k: usize| j.checked_sub(k).and_then(|x| self.word(x));
            let aux = [before(1), before(2)];
            if aux.iter().flatten().any(|a| lexicon::is_past_auxiliary(a)) {
                return Tense::Planned;
            }
            if modal || aux.iter().flatten().any(|a| lexicon::is_in(List::PresentAuxiliaries, a)) {
                return Tense::Future;
            }
            return Tense::Planned;
        }
        Tense::Neutral
    }
}

/// Whether `w` makes a period trailing without a count (`the past week`).
fn bare_trailing(w: &str) -> bool {
    // The list's value marks such words.
    lexicon::value(List::TrailingWords, w) == Some("bare")
}

/// The longest phrase of a list the scanner reads, in bytes.
const PHRASE_BYTES: usize = 64;

/// Appends `part` to the first `len` bytes of `buf`; false when it does not fit.
fn push(buf: &mut [u8; PHRASE_BYTES], len: &mut usize, part: &str) -> bool {
    let end = *len + part.len();
    if end > PHRASE_BYTES {
        return false;
    }
    buf[*len..end].copy_from_slice(part.as_bytes());
    *len = end;
    true
}

/// Adds a written year to an expression that lacks one.
fn with_year(expr: Expr, year: i16) -> Expr {
    match expr {
        Expr::Day { m, d, .. } => Expr::Day { y: Some(year), m, d },
        Expr::DayRange { m1, d1, m2, d2, .. } => Expr::DayRange { y: Some(year), m1, d1, m2, d2 },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_split_digits_from_letters() {
        let toks = tokenize("19th Nov.\n2025-11-19");
        let texts: Vec<_> = toks.iter().map(|t| t.text).collect();
        assert_eq!(texts, ["19", "th", "Nov", ".", "2025", "-", "11", "-", "19"]);
        assert!(toks[4].line_before);
        assert!(!toks[1].space_before);
    }

    #[test]
    fn language_flags_are_distinct() {
        assert_eq!(EN & DE & FR & ES & IT & PT, 0);
        assert_eq!((EN | DE | FR | ES | IT | PT).count_ones(), 6);
    }
}
