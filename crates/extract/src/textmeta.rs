//! Metadata found in the text itself: a headline-like first line, a dateline naming the
//! outlet, a date line, a byline.

use std::sync::LazyLock;

use crosscheck_core::Date;
use regex::Regex;

use crosscheck_text::dates::read_date;
use crosscheck_text::lexicon::{Lexicon, List};

static PAREN_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    // "CITY, Month 5 (Agency) -": the agency in parentheses after an uppercase place.
    // Invariant: a constant, valid pattern.
    Regex::new(r"^\p{Lu}[\p{L}\d\s.,'-]{1,60}?\(([\p{L}][\p{L}\s.&-]{1,30})\)\s*[-–—:]").unwrap()
});
/// [`PAREN_DATELINE`] without its length bounds: a superset that builds in a fraction of the
/// time, so that the exact pattern is built only once a paragraph gets past it.
static PAREN_DATELINE_QUICK: LazyLock<Regex> = LazyLock::new(|| {
    // Invariant: a constant, valid pattern.
    Regex::new(r"^\p{Lu}[\p{L}\d\s.,'-]+?\(([\p{L}][\p{L}\s.&-]+)\)\s*[-–—:]").unwrap()
});
static COLON_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    // "Name Name:" at the very start, at most four capitalised or uppercase words.
    // Invariant: a constant, valid pattern.
    Regex::new(r"^((?:[\p{Lu}][\p{L}&.'-]*\s+){0,3}[\p{Lu}][\p{L}&.'-]*)\s*:\s").unwrap()
});
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    // Invariant: a constant, valid pattern.
    Regex::new(r"^(?i:by|von|par|por|di|от|автор:?)\s+(\p{Lu}[\p{L}.'-]+(?:\s+\p{Lu}[\p{L}.'-]+){0,3}(?:(?:\s+(?:and|und|et|y|e|и)\s+|\s*[-–,&]\s*)\p{Lu}[\p{L}.'-]+(?:\s+\p{Lu}[\p{L}.'-]+){0,2})?)\s*$").unwrap()
});

static FOLLOW_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    // "Subscribe to the Saltmere Courier morning briefing", "Follow Dalvinia Now on social
    // media": a call to action naming the outlet, which then runs to the first lowercase word.
    // Invariant: a constant, valid pattern.
    Regex::new(r"^(?i:subscribe\s+to|sign\s+up\s+(?:to|for)|follow|support)\s+(?i:the\s+)?(\p{Lu}[\p{L}&'’-]*(?:\s+\p{Lu}[\p{L}&'’-]*){0,3})(?:\s+\p{Ll}.*|[.!]?)$").unwrap()
});
static COPYRIGHT_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    // "© 2026 The Brennock Ledger. All rights reserved.", "Copyright 2024-2026 Harbour News".
    // Invariant: a constant, valid pattern.
    Regex::new(r"^(?:©|\(c\)|(?i:copyright))\s*©?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?((?:The\s+)?\p{Lu}[\p{L}&'’-]*(?:\s+\p{Lu}[\p{L}&'’-]*){0,3})(?:[.,|]|\s*$|\s+\p{Ll}|\s+All)").unwrap()
});

/// The outlet a credit line names: a call to action ("Subscribe to the Saltmere Courier
/// morning briefing", "Follow Dalvinia Now on social media") or a copyright line ("© 2026 The
/// Brennock Ledger. All rights reserved."). Such lines are page chrome, yet often the only
/// place a plain-text page names its outlet.
pub(crate) fn credit_outlet(line: &str) -> Option<String> {
    let line = line.trim();
    if line.len() > 160 {
        return None;
    }
    let c = FOLLOW_CREDIT.captures(line).or_else(|| COPYRIGHT_CREDIT.captures(line))?;
    let name = c[1].trim();
    let lower = name.to_lowercase();
    let bare = lower.strip_prefix("the ").unwrap_or(&lower);
    if Lexicon::any(List::NotOutlets, bare) || Lexicon::any(List::DatelineLabels, bare) {
        return None;
    }
    Some(name.to_string())
}

/// The outlet a dateline names at the start of a paragraph: "XYZ Press: …" or
/// "LONDON (Agency) – …".
pub(crate) fn dateline_outlet(p: &str) -> Option<String> {
    let head = p.get(..p.len().min(120)).unwrap_or(p);
    if PAREN_DATELINE_QUICK.is_match(head)
        && let Some(c) = PAREN_DATELINE.captures(head)
    {
        let name = c[1].trim();
        if read_date(name).is_none() && name.split_whitespace().count() <= 4 {
            return Some(name.to_string());
        }
    }
    let c = COLON_DATELINE.captures(head)?;
    let name = c[1].trim();
    let lower = name.to_lowercase();
    if Lexicon::any(List::DatelineLabels, &lower) {
        return None;
    }
    let media =
        lower.split_whitespace().any(|w| Lexicon::any(List::MediaWords, w.trim_matches('.')));
    media.then(|| name.to_string())
}

/// Whether a line reads like a headline: short, not a sentence, starting with a capital or a
/// digit.
pub(crate) fn is_headline_like(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let first = line.chars().next();
    (2..=25).contains(&words)
        && line.chars().count() <= 220
        && !line.ends_with(['.', ',', ';', ':'])
        && first.is_some_and(|c| c.is_uppercase() || c.is_numeric() || c == '"' || c == '“')
        && !line.starts_with("- ")
}

/// A publication date on a short line near the top ("Published 5 March 2024", "date 2024-03-05
/// …"), looking only at the line's first 60 bytes so that dates in the story are not taken.
pub(crate) fn date_line(line: &str) -> Option<Date> {
    let mut end = line.len().min(60);
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    let head = &line[..end];
    // A date must come within the first few words, not in the middle of a sentence.
    let d = read_date(head)?;
    let words_before = head
        .split_whitespace()
        .take_while(|w| !w.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .count();
    // A prose line led by a function word ("On March 3, 2024, the council…") tells of an
    // event of the story, not of the page: a long one, or one that ends as a sentence, does
    // not date the page.
    let first = line
        .split_whitespace()
        .next()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase());
    let words = line.split_whitespace().count();
    let prose = first.is_some_and(|w| Lexicon::any(List::Stopwords, &w))
        && (words > 12 || line.trim_end().ends_with(['.', '!', '?']));
    (!prose && (words_before <= 3 || words <= 12)).then_some(d)
}

/// The author a byline line names ("By Jane Doe").
pub(crate) fn byline(line: &str) -> Option<String> {
    BYLINE.captures(line.trim()).map(|c| c[1].to_string())
}

/// Cleans a `<title>`: drops a " | Site" or " - Site" suffix, keeping the longest part.
pub(crate) fn clean_title(title: &str, site: Option<&str>) -> String {
    let mut parts: Vec<&str> = vec![title];
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", " // "] {
        parts = parts.iter().flat_map(|p| p.split(sep)).collect();
    }
    let parts: Vec<&str> = parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.len() <= 1 {
        return title.trim().to_string();
    }
    let site = site.map(str::to_lowercase);
    parts
        .iter()
        .filter(|p| site.as_deref() != Some(&p.to_lowercase()))
        .max_by_key(|p| p.chars().count())
        .map_or_else(|| title.trim().to_string(), |p| (*p).to_string())
}

/// The site name a `<title>` adds to the headline ("Headline | Site"): the short part that is
/// not the headline.
pub(crate) fn title_site(title_tag: &str, headline: &str) -> Option<String> {
    let mut parts: Vec<&str> = vec![title_tag];
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", " // "] {
        parts = parts.iter().flat_map(|p| p.split(sep)).collect();
    }
    if parts.len() < 2 {
        return None;
    }
    let head = headline.trim().to_lowercase();
    let site = parts.last()?.trim();
    let words = site.split_whitespace().count();
    (site.to_lowercase() != head && (1..=5).contains(&words)).then(|| site.to_string())
}

static DATE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    // Invariant: a constant, valid pattern.
    Regex::new(r"^(?i:date|dated|published|posted|updated)?\s*:?\s*(\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{4})\s+").unwrap()
});

/// The length of a date glued in front of a paragraph ("date 2024-05-06 The board…"), when
/// a sentence of at least eight words follows it.
pub(crate) fn date_prefix(line: &str) -> Option<usize> {
    let m = DATE_PREFIX.find(line)?;
    (word_count(&line[m.end()..]) >= 8).then_some(m.end())
}

/// The number of words of a line: whitespace-separated words, where a run of Han, kana or
/// hangul (written without spaces) counts one word per two characters, about the length of a
/// Chinese or Japanese word.
pub(crate) fn word_count(line: &str) -> usize {
    line.split_whitespace()
        .map(|w| {
            let cjk = w
                .chars()
                .filter(|&c| {
                    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF)
                })
                .count();
            (cjk / 2).max(1)
        })
        .sum()
}

/// The host of a URL without `www.`.
pub(crate) fn host(url: &str) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    Some(u.host_str()?.trim_start_matches("www.").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credit_lines_name_outlets() {
        let cases = [
            ("Subscribe to the Saltmere Courier morning briefing", Some("Saltmere Courier")),
            ("Follow Dalvinia Now on social media", Some("Dalvinia Now")),
            ("© 2026 The Brennock Ledger. All rights reserved.", Some("The Brennock Ledger")),
            ("Copyright 2024-2026 Harbour Times", Some("Harbour Times")),
            ("Follow us on social media", None),
            ("Subscribe to Premium", None),
            ("Follow Facebook", None),
            ("The council voted to subscribe to the plan", None),
            ("Subscribe", None),
        ];
        for (line, want) in cases {
            assert_eq!(credit_outlet(line).as_deref(), want, "{line}");
        }
    }

    #[test]
    fn datelines_name_outlets() {
        assert_eq!(
            dateline_outlet("Metro Press: The council voted").as_deref(),
            Some("Metro Press")
        );
        assert_eq!(
            dateline_outlet("LONDON, March 5 (Wire Service) - Ministers met").as_deref(),
            Some("Wire Service")
        );
        assert_eq!(dateline_outlet("Update: the vote was delayed"), None);
        assert_eq!(dateline_outlet("Berlin: The council voted"), None);
        assert_eq!(dateline_outlet("The council voted: yes"), None);
        // The length bounds hold behind the quick pattern: at most 60 characters before the
        // parenthesis and 31 inside it.
        let place = format!("L{}", "o".repeat(59));
        assert_eq!(
            dateline_outlet(&format!("{place} (Wire Service) - Ministers met")).as_deref(),
            Some("Wire Service")
        );
        assert_eq!(dateline_outlet(&format!("{place}N (Wire Service) - Ministers met")), None);
        let agency = format!("W{}", "i".repeat(31));
        assert_eq!(dateline_outlet(&format!("LONDON ({agency}) - Ministers met")), None);
    }

    #[test]
    fn headlines_dates_bylines() {
        assert!(is_headline_like("Council Approves New Bridge Plan"));
        assert!(!is_headline_like("The council approved the plan on Monday."));
        assert!(!is_headline_like("Menu"));
        assert_eq!(date_line("date 2025-01-02 The council met").unwrap().to_string(), "2025-01-02");
        assert_eq!(date_line("Published March 3, 2024").unwrap().to_string(), "2024-03-03");
        assert_eq!(
            date_line(
                "The council, which first met on 3 March 2024 in the old town hall, said more"
            ),
            None
        );
        assert_eq!(
            date_line(
                "On March 3, 2024, the council of the harbour town voted to rebuild the pier"
            ),
            None
        );
        assert_eq!(date_line("In 2024-03-03 the pier fell into the bay."), None);
        assert_eq!(date_line("By Jane Doe, March 3, 2024").unwrap().to_string(), "2024-03-03");
        assert_eq!(
            date_line(
                "Published Tuesday, March 3, 2024, 10:00 GMT, by the harbour desk of the Ledger"
            )
            .unwrap()
            .to_string(),
            "2024-03-03"
        );
        assert_eq!(byline("By Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(byline("By the river we sat"), None);
        assert_eq!(byline("Por Ana Ruiz - Tomás Vela").as_deref(), Some("Ana Ruiz - Tomás Vela"));
    }

    #[test]
    fn date_prefixes_and_title_sites() {
        let line = "date 2024-05-06 The board approved the plan to replace the old pipes.";
        assert_eq!(date_prefix(line), Some(16));
        assert_eq!(date_prefix("2024-05-06 Short line"), None);
        // Chinese and Japanese are written without spaces: two characters are about a word.
        assert_eq!(word_count("市议会周二投票通过了修建新桥的计划"), 8);
        assert_eq!(date_prefix("date 2024-05-06 市议会周二投票通过了修建新桥的计划"), Some(16));
        assert_eq!(date_prefix("date 2024-05-06 市议会周二投票"), None);
        assert_eq!(
            title_site("Bridge opens | Town Paper", "Bridge opens").as_deref(),
            Some("Town Paper")
        );
        assert_eq!(title_site("Bridge opens", "Bridge opens"), None);
    }

    #[test]
    fn titles_lose_site_suffix() {
        assert_eq!(clean_title("Bridge opens | Town Paper", Some("Town Paper")), "Bridge opens");
        assert_eq!(clean_title("Bridge opens - a long day - TP", None), "Bridge opens");
        assert_eq!(clean_title("Plain title", None), "Plain title");
    }
}
