//! Temporal expressions made absolute: "on Wednesday", "early June", "last spring", "19 November
//! 2025", resolved to an interval of civil dates against a reference date.
//!
//! # Overview
//!
//! - [`find_dates`] scans a text and returns every [`TimeMention`]: its span, its words and its
//!   resolved [`TimeValue`].
//! - [`TimeValue`] is an interval `[start, end]` of days with a [`Granularity`]; it prints in the
//!   schema's form (`YYYY-MM-DD`, `YYYY-MM` or `YYYY-MM-DD/YYYY-MM-DD`).
//! - [`overlaps`] and [`consistent`] compare two values for the fusion conflict rule.
//! - [`read_date`], [`read_date_value`] and [`date_in_url`] read one written date (a metadata
//!   value, a date line, a URL path): the one date reader ingest and extract call; [`url_month`]
//!   and [`read_month_value`] read a month of publication where a source gives no day.
//!
//! # Example
//!
//! ```
//! use crosscheck_core::Date;
//! use crosscheck_text::dates::{consistent, find_dates};
//!
//! // Sunday 12 March 2023.
//! let sunday = Date::new(2023, 3, 12);
//! let a = find_dates("The vote took place on Sunday.", sunday);
//! let b = find_dates("The vote took place on March 12.", sunday);
//! assert_eq!(a[0].value.to_string(), "2023-03-12");
//! assert!(consistent(&a[0].value, &b[0].value));
//! ```

mod lexicon;
mod read;
mod resolve;
mod scan;
#[cfg(test)]
mod tests;

use std::fmt;
use std::str::FromStr;

use crosscheck_core::{Date, Lang, Span};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use read::{
    date_from_epoch, date_in_url, is_month_word, pick_reading, read_date, read_date_value,
    read_month_value, url_date_readings, url_month,
};

use crate::sentence::{sentence_around, sentences_near};

/// How precise a [`TimeValue`] is, which decides how it prints and how much slack
/// [`consistent`] allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Granularity {
    /// One day ("19 November 2025", "yesterday", "on Wednesday").
    Day,
    /// A Monday-to-Sunday week ("last week").
    Week,
    /// An explicit range of days ("June 3-5", "between Monday and Wednesday", "earlier this
    /// month").
    Range,
    /// A third of a month ("early June" is 1–10, "mid-June" 11–20, "late June" 21–end).
    PartOfMonth,
    /// A calendar month ("in August", "last month").
    Month,
    /// A meteorological season of the northern hemisphere ("last spring").
    Season,
    /// A third of a year ("early 2025" is January–April).
    PartOfYear,
    /// A calendar year ("in 2019").
    Year,
}

/// An absolute time: the days `start..=end` with a [`Granularity`].
///
/// Ordered by start, then end, so a sorted timeline reads chronologically. Serialised as its
/// [`Display`](fmt::Display) string, the schema's `date` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TimeValue {
    start: Date,
    end: Date,
    granularity: Granularity,
}

impl TimeValue {
    /// The interval `start..=end`, or `None` when `start` is after `end`.
    pub fn new(start: Date, end: Date, granularity: Granularity) -> Option<TimeValue> {
        (start <= end).then_some(TimeValue { start, end, granularity })
    }

    /// The single day `d`.
    pub fn day(d: Date) -> TimeValue {
        TimeValue { start: d, end: d, granularity: Granularity::Day }
    }

    /// The first day.
    pub fn start(self) -> Date {
        self.start
    }

    /// The last day (inclusive).
    pub fn end(self) -> Date {
        self.end
    }

    /// How precise the value is.
    pub fn granularity(self) -> Granularity {
        self.granularity
    }

    /// Whether the value is one day.
    pub fn is_day(self) -> bool {
        self.start == self.end
    }

    /// Whether the value is exactly one calendar month.
    fn is_whole_month(self) -> bool {
        let s = self.start.civil();
        s.day() == 1 && self.end.civil() == s.last_of_month()
    }
}

/// Prints `YYYY-MM-DD` for one day, `YYYY-MM` for a whole month of [`Granularity::Month`], and
/// `YYYY-MM-DD/YYYY-MM-DD` for anything else (a range, a week, "early June", a season, a year).
impl fmt::Display for TimeValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_day() {
            write!(f, "{}", self.start)
        } else if self.granularity == Granularity::Month && self.is_whole_month() {
            write!(f, "{:04}-{:02}", self.start.year(), self.start.month())
        } else {
            write!(f, "{}/{}", self.start, self.end)
        }
    }
}

/// An error parsing a [`TimeValue`] from its schema form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid time value {input:?}: expected YYYY-MM-DD, YYYY-MM or YYYY-MM-DD/YYYY-MM-DD")]
pub struct ParseTimeValueError {
    /// The text that failed to parse.
    pub input: String,
}

/// Parses the three schema forms. A range parses as [`Granularity::Range`] whatever it was
/// printed from.
impl FromStr for TimeValue {
    type Err = ParseTimeValueError;

    fn from_str(s: &str) -> Result<TimeValue, ParseTimeValueError> {
        let bad = || ParseTimeValueError { input: s.to_string() };
        if let Some((a, b)) = s.split_once('/') {
            let (a, b): (Date, Date) =
                (a.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?);
            return TimeValue::new(a, b, Granularity::Range).ok_or_else(bad);
        }
        if s.len() == 7 {
            let first: Date = format!("{s}-01").parse().map_err(|_| bad())?;
            let last = Date::from(first.civil().last_of_month());
            return TimeValue::new(first, last, Granularity::Month).ok_or_else(bad);
        }
        if s.len() != 10 {
            return Err(bad());
        }
        s.parse().map(TimeValue::day).map_err(|_| bad())
    }
}

impl Serialize for TimeValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<TimeValue, D::Error> {
        String::deserialize(d)?.parse().map_err(serde::de::Error::custom)
    }
}

/// A date expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimeMention {
    /// The expression's bytes in the text (without a leading "on" or "in"): `span` slices the
    /// text to exactly [`TimeMention::text`].
    pub span: Span,
    /// The expression as written ("early June", "Wednesday, November 19").
    pub text: String,
    /// The absolute value.
    pub value: TimeValue,
    /// Whether resolving needed the reference date (a weekday, "yesterday", a month without a
    /// year). The caller marks the value `inferred` when this is set and the reference was not
    /// the article's own publication date.
    pub relative: bool,
    /// The sentence that contains the expression, for evidence.
    pub sentence: Span,
}

/// Finds the date expressions of `text` and makes them absolute against `reference`.
///
/// ## What it does
/// Scans the text with a small grammar, tried at every word, longest match first:
/// - absolute days: "19 November 2025", "November 19, 2025", "Nov. 19", "19th of November",
///   "2025-11-19", "19/11/2025" (only when the day is over 12 or both numbers agree, since the
///   order is ambiguous), "19.11.2025", "19. November 2025", "19 de noviembre de 2025";
/// - ranges: "June 3-5", "3 to 5 June", "June 30 - July 2", "between Monday and Wednesday",
///   "from June to August", "from 2019 to 2021";
/// - months, with or without a year: "November 2025", "in August" (a bare month needs a cue word
///   before it, so "Theresa May" and "the March" of a crowd are not dates), and parts of them:
///   "early June" (1–10), "mid-June" (11–20), "late June" (21–end), "end of March";
/// - weekdays: "on Wednesday", "next Friday", "last Monday", "Wednesday night";
/// - relative days and periods: today, yesterday, tomorrow, "the day before yesterday", "three
///   days ago", "last week", "this month", "late last month", "earlier this month", "later this
///   year", "the past week";
/// - seasons (meteorological, northern hemisphere): "last spring", "this summer", "in the fall",
///   "summer 2024"; years after a cue: "in 2019", "since 2014", "late 2024".
///
/// Month and weekday names are read in English, German, French and Spanish; English ones must be
/// capitalised, which keeps "may" and "march" the verbs out.
///
/// A value without its own year is resolved against `reference` by the tense of its clause (the
/// nearest cue word before it in the same sentence):
/// - a future cue ("will meet on Wednesday", "is scheduled for Wednesday") takes the next
///   occurrence on or after the reference;
/// - a plan seen from the past or an adjective of plan ("was scheduled to meet on Wednesday",
///   "a planned meeting on Wednesday", "would") takes the nearest occurrence, looking back at
///   most three days;
/// - otherwise the last occurrence on or before the reference for a weekday, and for a month or
///   day the latest occurrence that starts no more than 31 days after the reference ("December
///   3" in a report of 19 November is this December; "in August" is last August).
///
/// Without a reference, relative expressions are skipped: only dates with their own year come
/// back.
///
/// ## Why
/// Outlets date the same event differently: one writes "on Wednesday", another "on November 19",
/// a third "today". Only absolute intervals can be sorted into one timeline and compared for
/// conflicts.
///
/// ## Example
/// In a report published Wednesday 19 November 2025: "on Wednesday" is 2025-11-19, "next
/// Wednesday" 2025-11-26, "from October 24 to 26" 2025-10-24/2025-10-26, "in August" 2025-08,
/// "last spring" 2025-03-01/2025-05-31.
///
/// ## Limitations
/// - Tense is read from a short list of cue words, not parsed: "Talks on Monday" in a report of
///   Saturday is taken as the Monday before.
/// - A weekday in a clause about another date ("on March 3, a Friday") is resolved on its own.
/// - Seasons are northern-hemisphere; "winter 2024" is December 2024 to February 2025.
/// - No times of day, time zones, or durations ("for three weeks").
///
/// ## References
/// `TimeML` / TIMEX3 (ISO 24617-1) value normalisation; `HeidelTime`'s rule-based resolution of
/// underspecified expressions against the document creation time.
pub fn find_dates(text: &str, reference: Option<Date>) -> Vec<TimeMention> {
    let found = scan::scan(text);
    if found.is_empty() {
        return Vec::new();
    }
    // Only the lines that hold a date are split (a sentence never crosses a line).
    let at: Vec<Span> = found.iter().map(|f| Span::from_usize(f.start, f.end)).collect();
    let sentences: Vec<Span> =
        sentences_near(text, Lang::UNKNOWN, &[], &at).iter().map(|s| s.span).collect();
    found
        .into_iter()
        .filter_map(|f| {
            let (value, relative) = resolve::resolve(f.expr, reference, f.tense)?;
            let span = Span::from_usize(f.start, f.end);
            Some(TimeMention {
                span,
                text: text.get(f.start..f.end)?.to_string(),
                value,
                relative,
                sentence: sentence_around(&sentences, span),
            })
        })
        .collect()
}

/// Whether the two intervals share at least one day.
///
/// "early June" (June 1–10) overlaps "June 3-5"; "in August" does not overlap "September 1".
pub fn overlaps(a: &TimeValue, b: &TimeValue) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// Whether two dates given for the same event can both be true.
///
/// ## What it does
/// Compares the values as intervals after widening each vague one by a slack that depends on
/// its granularity: none for days, explicit ranges, weeks, months and years; 3 days for a part
/// of a month ("late October" vs "November 1"); 10 days for a season; 15 days for a part of a
/// year. The values are consistent when the widened intervals overlap.
///
/// ## Why
/// The conflict rule must not flag statements that only differ in precision: "on Sunday" in a
/// report published Sunday 12 March is March 12; "early June" includes "June 3-5"; "late
/// October" is fuzzy at its edge.
///
/// ## Example
/// `2023-03-12` and `2023-03` are consistent; `2023-03-12` and `2023-03-13` are not; "late
/// October" (21–31) and `2025-11-02` are consistent.
///
/// ## Limitations
/// Two days of a multi-day event ("talks on Monday" and "talks on Tuesday") are inconsistent
/// here; deciding that they describe different events is the caller's job.
///
/// ## References
/// Allen's interval algebra (any relation but *before* / *after* is compatible).
pub fn consistent(a: &TimeValue, b: &TimeValue) -> bool {
    let widen = |v: &TimeValue| -> (Date, Date) {
        let slack = match v.granularity {
            Granularity::PartOfMonth => 3,
            Granularity::Season => 10,
            Granularity::PartOfYear => 15,
            _ => 0,
        };
        let shift = |d: Date, n: i64| -> Date {
            jiff::Span::new()
                .try_days(n)
                .ok()
                .and_then(|s| d.civil().checked_add(s).ok())
                .map_or(d, Date::from)
        };
        (shift(v.start, -slack), shift(v.end, slack))
    };
    let (a0, a1) = widen(a);
    let (b0, b1) = widen(b);
    a0 <= b1 && b0 <= a1
}
