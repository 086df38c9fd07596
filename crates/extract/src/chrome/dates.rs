//! Timestamp lines: "Published 10:48, Tue, Nov 19, 2019 | Updated 11:05".

use crosscheck_text::dates::{is_month_word, read_date};
use crosscheck_text::lexicon::{Lexicon, List};

/// Whether a line only says when the article was published or updated.
///
/// ## What it does
/// Flags a line of at most 16 words that holds a date (ISO, day-first numeric or with a month
/// name, or a clock time next to a month name) and, apart from numbers, month and weekday
/// names and labels such as "Published", "Updated", "am", "EST", at most one other word.
///
/// ## Why
/// Pages print their timestamps inside the article container, so every engine keeps them, but
/// they are metadata, not text: the date is read into the article's `published` field before
/// this rule removes the line.
///
/// ## Example
/// ```
/// use crosscheck_extract::chrome::is_timestamp_line;
///
/// assert!(is_timestamp_line("PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: 11:05"));
/// assert!(is_timestamp_line("Updated 1:39 am EST, Wednesday, November 20, 2019"));
/// assert!(!is_timestamp_line("The vote on November 20, 2019 was close."));
/// ```
///
/// ## Limitations
/// A dateline that names a city ("PARIS, Nov 19, 2019") keeps the city as its one extra word
/// and is flagged; a timestamp with a longer label in a language not listed survives.
///
/// ## References
/// - Barbaresi (2020), "htmldate: A Python package to extract publication dates from web
///   pages": timestamps sit in short, label-led lines near the headline.
pub fn is_timestamp_line(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > 16 {
        return false;
    }
    if read_date(line).is_none() && !has_clock(line) {
        return false;
    }
    let others = line
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !is_label(w) && !is_month_word(w))
        .count();
    others <= 1
}

/// Whether a lowercase word may stand in a timestamp line beside the date: a label
/// ([`List::TimestampLabels`]: `published`, `aktualisiert`, `am`, `EST`) or a weekday, of any
/// language (the line is read before the article's language is known).
fn is_label(w: &str) -> bool {
    Lexicon::any(List::TimestampLabels, w) || Lexicon::any(List::Weekdays, w)
}

/// Whether the line holds a clock time (`10:48`) and a month name.
fn has_clock(line: &str) -> bool {
    let b = line.as_bytes();
    let clock =
        b.windows(3).any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit());
    clock && line.split(|c: char| !c.is_alphabetic()).any(|w| is_month_word(&w.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_timestamps_only() {
        for yes in [
            "Posted: Fri 6:45 PM, Feb 16, 2018 |",
            "First Published: Tuesday, November 19, 2019 08:38 AM",
            "Nov 18, 2019 @17:19 PM · Updated: Nov 18, 2019 @17:26 PM",
            "19.11.2019, 10:00 Uhr",
            "2024-03-05",
            "segunda-feira, 22 de janeiro de 2018 às 0:13",
            "Donnerstag, 5. März 2024",
        ] {
            assert!(is_timestamp_line(yes), "{yes}");
        }
        for no in [
            "The council met on 5 March 2024 to vote on the bridge.",
            "Shares fell 3% on Monday.",
            "",
        ] {
            assert!(!is_timestamp_line(no), "{no}");
        }
    }
}
