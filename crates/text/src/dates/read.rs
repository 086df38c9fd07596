//! The one reader of written dates: a metadata value (`2025-11-19T08:00:00Z`, `Wed, 19 Nov
//! 2025 08:00:00 GMT`, a Unix timestamp), a date in a short line of text (`5 March 2024`,
//! `March 5, 2024`, `5. März 2024`, `5 de marzo de 2024`, `05.03.2024`, `2024年3月5日`) or in a URL
//! path (`/2024/03/05/`). Month names come from the lexicon ([`crate::lexicon`]), in every
//! language it has.
//!
//! [`Date`]'s own [`FromStr`](std::str::FromStr) reads only the canonical `YYYY-MM-DD` form;
//! ingest and extract read every other form here.

use std::sync::LazyLock;

use crosscheck_core::{Date, Month};
use regex::Regex;

use crate::lexicon::{Lexicon, List};

/// Whether `word` (lowercase) is a month name or abbreviation in a language of the lexicon.
pub fn is_month_word(word: &str) -> bool {
    Lexicon::any(List::Months, word) || Lexicon::any(List::MonthAbbreviations, word)
}

/// The number of a month name or abbreviation in any language of the lexicon.
fn month(name: &str) -> Option<i8> {
    let lower = name.trim_end_matches('.').to_lowercase();
    let n = Lexicon::any_number(List::Months, &lower)
        .or_else(|| Lexicon::any_number(List::MonthAbbreviations, &lower))?;
    i8::try_from(n).ok()
}

/// Plausible publication years: anything else is more likely a number in the text.
fn date(y: i32, m: i32, d: i32) -> Option<Date> {
    if !(1990..=2100).contains(&y) {
        return None;
    }
    Date::new(i16::try_from(y).ok()?, i8::try_from(m).ok()?, i8::try_from(d).ok()?)
}

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    // Invariant: a constant, valid pattern.
    Regex::new(r"(?:^|[^\d])((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[^\d])").unwrap()
});
static DMY: LazyLock<Regex> = LazyLock::new(|| {
    // Invariant: a constant, valid pattern.
    Regex::new(r"(?:^|[^\d])(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d\d)(?:$|[^\d])").unwrap()
});
static NAMED_DMY: LazyLock<Regex> = LazyLock::new(|| {
    // Invariant: a constant, valid pattern.
    Regex::new(r"(?i)(?:^|[^\w])(\d{1,2})(?:\.|er|º|st|nd|rd|th)?\s+(?:de\s+)?(\p{L}{3,12})\.?,?\s+(?:de\s+)?((?:19|20)\d\d)(?:$|[^\d])").unwrap()
});
static NAMED_MDY: LazyLock<Regex> = LazyLock::new(|| {
    // Invariant: a constant, valid pattern.
    Regex::new(r"(?i)(?:^|[^\w])(\p{L}{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)(?:$|[^\d])").unwrap()
});
/// [`NAMED_DMY`] and [`NAMED_MDY`] without the length bounds of the month word: supersets
/// that build in a fraction of the time (a bounded repetition of `\p{L}` is compiled once per
/// count), so that the exact patterns are built only once a text gets past them.
static NAMED_DMY_QUICK: LazyLock<Regex> = LazyLock::new(|| {
    // Invariant: a constant, valid pattern.
    Regex::new(r"(?i)(?:^|[^\w])(\d{1,2})(?:\.|er|º|st|nd|rd|th)?\s+(?:de\s+)?(\p{L}+)\.?,?\s+(?:de\s+)?((?:19|20)\d\d)(?:$|[^\d])").unwrap()
});
static NAMED_MDY_QUICK: LazyLock<Regex> = LazyLock::new(|| {
    // Invariant: a constant, valid pattern.
    Regex::new(
        r"(?i)(?:^|[^\w])(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)(?:$|[^\d])",
    )
    .unwrap()
});
static YMD_CJK: LazyLock<Regex> = LazyLock::new(|| {
    // "2024年3月5日" (Chinese, Japanese) and "2024년 3월 5일" (Korean).
    // Invariant: a constant, valid pattern.
    Regex::new(r"(?:^|[^\d])((?:19|20)\d\d)\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
        .unwrap()
});
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    // Invariant: a constant, valid pattern.
    Regex::new(r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)")
        .unwrap()
});
/// `/2022/1/9/slug`: year, month and day as their own path segments, one or two digits each,
/// followed by a slug (a lone trailing number could be a page).
static URL_DATE_SLASHED: LazyLock<Regex> = LazyLock::new(|| {
    // Invariant: a constant, valid pattern.
    Regex::new(r"/((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})/[^/]*\p{L}").unwrap()
});
/// `/2013/may/03/`: a month name or abbreviation (any language of the lexicon) between the year
/// and the day.
static URL_DATE_NAMED: LazyLock<Regex> = LazyLock::new(|| {
    // Invariant: a constant, valid pattern.
    Regex::new(r"/((?:19|20)\d\d)/(\p{L}{3,9})/(\d{1,2})(?:/|$)").unwrap()
});
/// `/2007/US/04/09/`: a section name between the year and a two-digit month and day.
static URL_DATE_SECTION: LazyLock<Regex> = LazyLock::new(|| {
    // Invariant: a constant, valid pattern.
    Regex::new(r"/((?:19|20)\d\d)/\p{L}[\p{L}.-]*/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])(?:/|$)")
        .unwrap()
});
static URL_DATE_YEAR_LAST: LazyLock<Regex> = LazyLock::new(|| {
    // A path segment opening `9-8-2025` or `09_08_2025`: day and month in either order.
    // Invariant: a constant, valid pattern.
    Regex::new(r"/(\d{1,2})[-_](\d{1,2})[-_]((?:19|20)\d\d)(?:[/_.-]|$)").unwrap()
});

/// The first date written in a short text: ISO (`2024-03-05`, `2024/03/05T…`), a month name in
/// any language of the lexicon (`5 March 2024`, `March 5, 2024`, `5. März 2024`, `5 de marzo
/// de 2024`), day-first numeric (`05.03.2024`) or Chinese, Japanese and Korean (`2024年3月5日`).
/// Only the first 400 bytes are read, and only years 1990 to 2100, so that other numbers in
/// the text are not taken for a year.
///
/// # Example
///
/// ```
/// use crosscheck_text::dates::read_date;
///
/// assert_eq!(read_date("Published March 3, 2024").unwrap().to_string(), "2024-03-03");
/// assert_eq!(read_date("le 1er avril 2022").unwrap().to_string(), "2022-04-01");
/// assert_eq!(read_date("call 555-1234"), None);
/// ```
pub fn read_date(s: &str) -> Option<Date> {
    let mut end = s.len().min(400);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let s = &s[..end];
    if let Some(c) = ISO.captures(s) {
        return date(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
    }
    if NAMED_DMY_QUICK.is_match(s)
        && let Some(c) = NAMED_DMY.captures(s)
        && let Some(m) = month(&c[2])
    {
        return date(c[3].parse().ok()?, i32::from(m), c[1].parse().ok()?);
    }
    if NAMED_MDY_QUICK.is_match(s)
        && let Some(c) = NAMED_MDY.captures(s)
        && let Some(m) = month(&c[1])
    {
        return date(c[3].parse().ok()?, i32::from(m), c[2].parse().ok()?);
    }
    if let Some(c) = DMY.captures(s) {
        return date(c[3].parse().ok()?, c[2].parse().ok()?, c[1].parse().ok()?);
    }
    if let Some(c) = YMD_CJK.captures(s) {
        return date(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
    }
    None
}

/// A publication date from the forms feeds, scrapers and page metadata write: the whole value
/// as `2025-11-19`, `2025-11-19 08:00:00`, an ISO 8601 / RFC 3339 timestamp (the date as
/// written, without a time-zone shift), `2025/11/19`, RFC 2822 (`Wed, 19 Nov 2025 08:00:00
/// GMT`) or a Unix timestamp in seconds or milliseconds (as UTC); failing those, the first date
/// [`read_date`] finds in it.
///
/// # Example
///
/// ```
/// use crosscheck_text::dates::read_date_value;
///
/// assert_eq!(read_date_value("1763539200").unwrap().to_string(), "2025-11-19");
/// assert_eq!(read_date_value("Wed, 19 Nov 2025 08:00:00 GMT").unwrap().to_string(), "2025-11-19");
/// assert_eq!(read_date_value("yesterday"), None);
/// ```
pub fn read_date_value(s: &str) -> Option<Date> {
    let s = s.trim();
    if let Ok(d) = s.parse::<Date>() {
        return Some(d);
    }
    if s.len() >= 10 && s.is_char_boundary(10) && s.as_bytes()[4] == b'/' && s.as_bytes()[7] == b'/'
    {
        let (head, rest) = s.split_at(10);
        if let Ok(d) = format!("{}{rest}", head.replace('/', "-")).parse::<Date>() {
            return Some(d);
        }
    }
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return date_from_epoch(s.parse().ok()?);
    }
    if let Ok(z) = jiff::fmt::rfc2822::parse(s) {
        return Some(Date::from(z.date()));
    }
    read_date(s)
}

static MONTH_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    // `2025-11`, `2025/11`, `2025.11`; `November 2025`, `Nov. 2025`, `noviembre de 2025`.
    // Invariant: a constant, valid pattern.
    Regex::new(r"^(?:(\d{4})[-/.](\d{1,2})|(\p{L}+)\.?,?\s+(?:de\s+)?(\d{4}))$").unwrap()
});

/// A month of publication from a metadata value that gives a month and no day: the whole value
/// as `2025-11`, `2025/11`, or a month name of any language of the lexicon and a year
/// (`November 2025`, `noviembre de 2025`), years 1990 to 2100. `None` for a value that holds a
/// day ([`read_date_value`] reads it) or anything else.
///
/// # Example
///
/// ```
/// use crosscheck_text::dates::read_month_value;
///
/// assert_eq!(read_month_value("2025-11").unwrap().to_string(), "2025-11");
/// assert_eq!(read_month_value("November 2025").unwrap().to_string(), "2025-11");
/// assert_eq!(read_month_value("2025-11-19"), None);
/// ```
pub fn read_month_value(s: &str) -> Option<Month> {
    let s = s.trim();
    if s.len() > 40 {
        return None;
    }
    let c = MONTH_VALUE.captures(s)?;
    let (year, month) = match (c.get(1), c.get(2), c.get(3), c.get(4)) {
        (Some(y), Some(m), _, _) => (y.as_str(), m.as_str().parse::<i8>().ok()?),
        (_, _, Some(name), Some(y)) => (y.as_str(), month(name.as_str())?),
        _ => return None,
    };
    let year: i16 = year.parse().ok()?;
    if !(1990..=2100).contains(&year) {
        return None;
    }
    Month::new(year, month)
}

/// A date from a Unix timestamp in seconds, or in milliseconds when it is too large for seconds
/// of a plausible year.
pub fn date_from_epoch(n: i64) -> Option<Date> {
    // 1e11 seconds is the year 5138: anything larger is milliseconds.
    let secs = if n.unsigned_abs() >= 100_000_000_000 { n / 1000 } else { n };
    let ts = jiff::Timestamp::from_second(secs).ok()?;
    Some(Date::from(ts.to_zoned(jiff::tz::TimeZone::UTC).date()))
}

/// A date in a URL path (`/2024/03/05/`, `/2024-03-05-slug`, `/20240305/`), or a year-last
/// segment (`/31-8-2025/`) that can be read one way only; see [`url_date_readings`].
pub fn date_in_url(url: &str) -> Option<Date> {
    match url_date_readings(url).as_slice() {
        [d] => Some(*d),
        _ => None,
    }
}

/// Every reading of the date in a URL path: one for a year-first date (`/2024/03/05/`; also
/// `/2022/1/9/slug` with one-digit segments before a slug, `/2013/may/03/` with a month name of
/// any language of the lexicon, `/2007/US/04/09/` with a section before the month) or a
/// year-last segment that reads one way only (`/31-8-2025/`), two for a year-last segment whose
/// first two numbers could each be the month (`/9-8-2025/`: 8 September or 9 August), none when
/// the path holds no date. The caller picks between two readings with other evidence, such as a
/// date the text itself writes ([`pick_reading`]).
///
/// # Example
///
/// ```
/// use crosscheck_text::dates::url_date_readings;
///
/// let r = url_date_readings("https://x.test/a/9-8-2025-3/slug");
/// let r: Vec<String> = r.iter().map(ToString::to_string).collect();
/// assert_eq!(r, ["2025-09-08", "2025-08-09"]);
/// ```
pub fn url_date_readings(url: &str) -> Vec<Date> {
    let path = url_path(url);
    let numeric = |c: &regex::Captures<'_>| -> Option<Date> {
        date(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
    };
    if let Some(c) = URL_DATE.captures(path) {
        return numeric(&c).into_iter().collect();
    }
    if let Some(c) = URL_DATE_SLASHED.captures(path).or_else(|| URL_DATE_SECTION.captures(path)) {
        return numeric(&c).into_iter().collect();
    }
    if let Some(c) = URL_DATE_NAMED.captures(path) {
        let d = (|| date(c[1].parse().ok()?, i32::from(month(&c[2])?), c[3].parse().ok()?))();
        return d.into_iter().collect();
    }
    let Some(c) = URL_DATE_YEAR_LAST.captures(path) else {
        return Vec::new();
    };
    let (Ok(a), Ok(b), Ok(y)) = (c[1].parse::<i32>(), c[2].parse::<i32>(), c[3].parse::<i32>())
    else {
        return Vec::new();
    };
    let mut out: Vec<Date> = [date(y, a, b), date(y, b, a)].into_iter().flatten().collect();
    out.dedup();
    out
}

/// The path of a URL: a host, query string or fragment holds no publication date.
fn url_path(url: &str) -> &str {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.find('/').map_or("", |i| &path[i..]);
    path.split(['?', '#']).next().unwrap_or("")
}

/// The month of publication a URL path gives when it gives no day: the `/YYYY/MM/slug`
/// permalink of blog engines.
///
/// ## What it does
///
/// Reads a pair of path segments, a year (four digits, 1990 to 2100, the range of the day
/// readers) and a month (two digits, `01` to `12`), followed by a segment that is not a number
/// (the slug) and not preceded by one. `None` when the path holds a day
/// ([`url_date_readings`] reads it, and a day always wins), when no pair qualifies, or when two
/// pairs give different months.
///
/// ## Why
///
/// A post at `/2025/11/slug` was published in November 2025, even when the page writes no date;
/// without this the article is undated.
///
/// ## Example
///
/// ```
/// use crosscheck_text::dates::url_month;
///
/// assert_eq!(url_month("https://x.test/2025/11/ferry-runs-aground").unwrap().to_string(), "2025-11");
/// assert_eq!(url_month("https://x.test/2025/11/27/ferry-runs-aground"), None, "a day");
/// ```
///
/// ## Limitations
///
/// The pair must be followed by a slug: `/archive/2025/11` (a month's index, or a page number
/// after a year) and `/2025/11/12345` (an id) are left alone, as are numbers that merely look
/// like a year and a month after another number (`/item/77/2025/11/slug`). A one-digit month
/// (`/2025/5/slug`), a joined `/2025-11/` or `/202511/` segment and a year-last `/11/2025/` are
/// not read. The URL is trusted: a site whose permalink year and month are not the publication
/// date (a category numbered like a year) misdates its articles by this rule.
pub fn url_month(url: &str) -> Option<Month> {
    if !url_date_readings(url).is_empty() {
        return None;
    }
    let segments: Vec<&str> = url_path(url).split('/').collect();
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<i16>().ok())?
    };
    let is_number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mut found: Option<Month> = None;
    // `segments[0]` is the empty string before the path's first `/`.
    for i in 1..segments.len().saturating_sub(2) {
        let (prev, year, month, next) =
            (segments[i - 1], segments[i], segments[i + 1], segments[i + 2]);
        if is_number(prev) || next.is_empty() || is_number(next) {
            continue;
        }
        let (Some(y), Some(m)) = (number(year, 4), number(month, 2)) else { continue };
        if !(1990..=2100).contains(&y) {
            continue;
        }
        let Some(m) = i8::try_from(m).ok().and_then(|m| Month::new(y, m)) else { continue };
        match found {
            Some(f) if f != m => return None,
            _ => found = Some(m),
        }
    }
    found
}

/// The one of several readings of a date that some date written in `text` confirms (the same
/// day), if exactly one is confirmed. Lines are read with [`read_date`], at most `max_lines`
/// of them.
///
/// # Example
///
/// ```
/// use crosscheck_text::dates::{pick_reading, url_date_readings};
///
/// let readings = url_date_readings("https://x.test/9-8-2025/slug");
/// let text = "The vote fell.\n— a post, September 8, 2025\nMore.";
/// assert_eq!(pick_reading(&readings, text, 200).unwrap().to_string(), "2025-09-08");
/// assert_eq!(pick_reading(&readings, "No date here.", 200), None);
/// ```
pub fn pick_reading(readings: &[Date], text: &str, max_lines: usize) -> Option<Date> {
    let mut confirmed: Vec<Date> = Vec::new();
    for line in text.lines().take(max_lines) {
        if let Some(d) = read_date(line)
            && readings.contains(&d)
            && !confirmed.contains(&d)
        {
            confirmed.push(d);
        }
    }
    match confirmed.as_slice() {
        [d] => Some(*d),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! dates {
        ($read:ident: $($input:expr => $want:expr),* $(,)?) => {$(
            assert_eq!($read($input).map(|d| d.to_string()).as_deref(), $want, "{:?}", $input);
        )*};
    }

    #[test]
    fn text_forms() {
        dates! { read_date:
            "2019-11-20T06:39:53Z" => Some("2019-11-20"),
            "Published 2021/3/7" => Some("2021-03-07"),
            "Updated 1:39 am EST, Wednesday, November 20, 2019" => Some("2019-11-20"),
            "20 November 2019, 14:00" => Some("2019-11-20"),
            "5. März 2024" => Some("2024-03-05"),
            "Le 1er avril 2022" => Some("2022-04-01"),
            "5 de marzo de 2024" => Some("2024-03-05"),
            "12 марта 2023 года" => Some("2023-03-12"),
            "16 marca 2021" => Some("2021-03-16"),
            "3 października 2022 r." => Some("2022-10-03"),
            "7 maart 2020" => Some("2020-03-07"),
            "05.03.2024 um 10:00" => Some("2024-03-05"),
            "Sept. 4, 2018" => Some("2018-09-04"),
            "3 novembre 2025" => Some("2025-11-03"),
            "3 de novembro de 2025" => Some("2025-11-03"),
            // A month word longer than the patterns allow is not read as one.
            "5 Marchmarchmarchmarch 2024" => None,
            "Marchmarchmarch 5, 2024" => None,
            "發佈日期：2025年11月27日 20:20" => Some("2025-11-27"),
            "2025年11月2日（日）" => Some("2025-11-02"),
            "2019-02-30" => None,
            "call 555-1234" => None,
            "in 12 cities 2019" => None,
        }
    }

    #[test]
    fn value_forms() {
        dates! { read_date_value:
            "2025-11-19" => Some("2025-11-19"),
            " 2025-11-19 08:00:00 " => Some("2025-11-19"),
            "2025-11-19T23:30:00-05:00" => Some("2025-11-19"),
            "2025-11-19T08:00:00.123Z" => Some("2025-11-19"),
            "2025/11/19" => Some("2025-11-19"),
            "2025/11/19 10:00" => Some("2025-11-19"),
            "Wed, 19 Nov 2025 08:00:00 GMT" => Some("2025-11-19"),
            "1763539200" => Some("2025-11-19"),
            "1763539200000" => Some("2025-11-19"),
            "19 November 2025" => Some("2025-11-19"),
            "yesterday" => None,
            "2025-13-40" => None,
            "" => None,
            "2025/1é/19" => None,
            "99999999999999999999999" => None,
        }
    }

    #[test]
    fn url_dates() {
        dates! { date_in_url:
            "https://x.test/2020/06/01/story" => Some("2020-06-01"),
            "https://x.test/news/2020-06-01-story" => Some("2020-06-01"),
            "https://x.test/20200601/story.html" => Some("2020-06-01"),
            "https://x.test/id/2020123456" => None,
            "https://x.test/a/31-8-2025-21/slug" => Some("2025-08-31"),
            "https://x.test/a/9-8-2025/slug" => None,
            "https://x.test/a/8-8-2025/slug" => Some("2025-08-08"),
            "https://x.test/a/31-31-2025/slug" => None,
            "https://2020-06-01.x.test/story" => None,
            "https://x.test/story?d=2020/06/01/" => None,
            "https://x.test/news/2022/1/9/fire-in-the-tower" => Some("2022-01-09"),
            "https://x.test/news/2022/11/9/fire-in-the-tower" => Some("2022-11-09"),
            "https://x.test/archive/2022/1/9" => None,
            "https://x.test/archive/2022/1/9/77" => None,
            "https://x.test/world/2013/may/03/ferry-sinks" => Some("2013-05-03"),
            "https://x.test/welt/2013/mai/3/faehre" => Some("2013-05-03"),
            "https://x.test/2013/cats/03/ferry-sinks" => None,
            "https://x.test/2007/US/04/09/ferry.sinks/index.html" => Some("2007-04-09"),
            "https://x.test/2007/US/13/09/ferry" => None,
        }
        let two: Vec<String> =
            url_date_readings("https://x.test/9_8_2025").iter().map(ToString::to_string).collect();
        assert_eq!(two, ["2025-09-08", "2025-08-09"]);
    }

    #[test]
    fn month_values() {
        dates! { read_month_value:
            "2025-11" => Some("2025-11"),
            " 2025/1 " => Some("2025-01"),
            "November 2025" => Some("2025-11"),
            "Nov. 2025" => Some("2025-11"),
            "noviembre de 2025" => Some("2025-11"),
            "2025-13" => None,
            "1899-05" => None,
            "2025-11-19" => None,
            "19 November 2025" => None,
            "Tuesday 2025" => None,
            "2025" => None,
            "" => None,
        }
    }

    #[test]
    fn url_months() {
        dates! { url_month:
            "https://x.test/2025/11/ferry-runs-aground" => Some("2025-11"),
            "https://x.test/news/2025/11/ferry-runs-aground/" => Some("2025-11"),
            "https://x.test/en/2025/01/ferry-runs-aground.html" => Some("2025-01"),
            "https://x.test/2025/11/ferry-runs-aground?ref=2024/02/x" => Some("2025-11"),
            // The same month twice is one month.
            "https://x.test/2025/11/ferry/2025/11/runs" => Some("2025-11"),
            // A day is read by url_date_readings, and wins.
            "https://x.test/2025/11/27/ferry-runs-aground" => None,
            "https://x.test/2025/11/27-ferry-runs-aground" => None,
            "https://x.test/2025/13/ferry-runs-aground" => None,
            "https://x.test/2025/00/ferry-runs-aground" => None,
            "https://x.test/1899/05/ferry-runs-aground" => None,
            "https://x.test/2101/05/ferry-runs-aground" => None,
            // No slug after the pair: a month's index or a page number.
            "https://x.test/page/2025/11" => None,
            "https://x.test/archive/2025/11/" => None,
            // An id after the pair, or a number before it.
            "https://x.test/2025/11/12345" => None,
            "https://x.test/item/77/2025/11/ferry" => None,
            "https://x.test/2025/5/ferry" => None,
            "https://x.test/2025-11/ferry" => None,
            "https://x.test/202511/ferry" => None,
            "https://x.test/ferry-2025/11" => None,
            // Two different months.
            "https://x.test/2024/03/ferry/2025/11/runs" => None,
            // Only the path counts.
            "https://2025.test/11/ferry" => None,
            "https://x.test/ferry?d=/2025/11/runs" => None,
            "2025/11/ferry" => None,
            "" => None,
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,80}", n in proptest::num::i64::ANY) {
            let _ = read_date(&s);
            let _ = read_date_value(&s);
            let _ = date_in_url(&s);
            let _ = url_date_readings(&s);
            let _ = url_month(&s);
            let _ = read_month_value(&s);
            let _ = date_from_epoch(n);
        }
    }
}
