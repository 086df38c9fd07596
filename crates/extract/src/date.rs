//! Finding publication dates in metadata values, URLs and text lines.

use std::sync::LazyLock;

use crosscheck_core::Date;
use regex::Regex;

/// Month names and abbreviations in the main languages, lowercase, with their number.
const MONTHS: &[(&str, i8)] = &[
    // English
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    // German
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    // French
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    // Spanish
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    // Italian
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    // Portuguese
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
    // Polish (genitive, as in dates)
    ("stycznia", 1),
    ("lutego", 2),
    ("marca", 3),
    ("kwietnia", 4),
    ("maja", 5),
    ("czerwca", 6),
    ("lipca", 7),
    ("sierpnia", 8),
    ("września", 9),
    ("października", 10),
    ("listopada", 11),
    ("grudnia", 12),
    // Dutch (the names not listed above)
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("augustus", 8),
    // Russian (genitive, as in dates) and Ukrainian
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
    ("січня", 1),
    ("лютого", 2),
    ("березня", 3),
    ("квітня", 4),
    ("травня", 5),
    ("червня", 6),
    ("липня", 7),
    ("серпня", 8),
    ("вересня", 9),
    ("жовтня", 10),
    ("листопада", 11),
    ("грудня", 12),
];

/// Whether `word` (lowercase) is a month name or abbreviation.
pub(crate) fn is_month(word: &str) -> bool {
    MONTHS.iter().any(|(n, _)| *n == word)
}

fn month(name: &str) -> Option<i8> {
    let lower = name.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(n, _)| *n == lower).map(|&(_, m)| m)
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
