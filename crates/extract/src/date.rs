//! Finding publication dates in metadata values, URLs and text lines. Month names come from
//! the lexicon ([`crosscheck_text::lexicon`]), in every language it has.

use std::sync::LazyLock;

use crosscheck_core::Date;
use crosscheck_text::lexicon::{Lexicon, List};
use regex::Regex;

/// Whether `word` (lowercase) is a month name or abbreviation.
pub(crate) fn is_month(word: &str) -> bool {
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
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    // Invariant: a constant, valid pattern.
    Regex::new(r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)")
        .unwrap()
});

/// Parses a date written in a metadata value or a short line of text: ISO (`2024-03-05`,
/// `2024/03/05T…`), day-first numeric (`05.03.2024`) or with a month name in one of the main
/// languages (`5 March 2024`, `March 5, 2024`, `5. März 2024`, `5 de marzo de 2024`).
pub(crate) fn parse(s: &str) -> Option<Date> {
    let s = s.get(..s.len().min(400)).unwrap_or(s);
    if let Some(c) = ISO.captures(s) {
        return date(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
    }
    if let Some(c) = NAMED_DMY.captures(s)
        && let Some(m) = month(&c[2])
    {
        return date(c[3].parse().ok()?, i32::from(m), c[1].parse().ok()?);
    }
    if let Some(c) = NAMED_MDY.captures(s)
        && let Some(m) = month(&c[1])
    {
        return date(c[3].parse().ok()?, i32::from(m), c[2].parse().ok()?);
    }
    if let Some(c) = DMY.captures(s) {
        return date(c[3].parse().ok()?, c[2].parse().ok()?, c[1].parse().ok()?);
    }
    None
}

/// A date in a URL path (`/2024/03/05/`, `/2024-03-05-slug`, `/20240305/`).
pub(crate) fn from_url(url: &str) -> Option<Date> {
    let c = URL_DATE.captures(url)?;
    date(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! dates {
        ($($input:expr => $want:expr),* $(,)?) => {$(
            assert_eq!(parse($input).map(|d| d.to_string()), $want.map(str::to_string), "{}", $input);
        )*};
    }

    #[test]
    fn parses_common_forms() {
        dates! {
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
            "2019-02-30" => None::<&str>,
            "call 555-1234" => None::<&str>,
            "in 12 cities 2019" => None::<&str>,
        }
    }

    #[test]
    fn finds_url_dates() {
        assert_eq!(from_url("https://x.test/2020/06/01/story").unwrap().to_string(), "2020-06-01");
        assert_eq!(
            from_url("https://x.test/news/2020-06-01-story").unwrap().to_string(),
            "2020-06-01"
        );
        assert_eq!(
            from_url("https://x.test/20200601/story.html").unwrap().to_string(),
            "2020-06-01"
        );
        assert_eq!(from_url("https://x.test/id/2020123456"), None);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,80}") {
            let _ = parse(&s);
            let _ = from_url(&s);
        }
    }
}
