//! Navigation strips: menus flattened into one line by a scraper.

/// The number of capitalised runs glued into `word` (`PoliticsWorldVideo` has three).
fn glued_segments(word: &str) -> usize {
    let mut segments = 0;
    let mut prev_upper = false;
    for c in word.chars() {
        if c.is_uppercase() {
            // A capital after a lowercase letter (or at the start) opens a new run.
            if !prev_upper {
                segments += 1;
            }
            prev_upper = true;
        } else if c.is_lowercase() {
            prev_upper = false;
        } else {
            return 0;
        }
    }
    segments
}

/// Whether a line is a navigation strip: section names glued together without spaces
/// (`PoliticsWorldSecurityVideo`), or a run of short items between separators
/// ("Home | World | Sport | Weather", "News › Europe › France").
///
/// ## What it does
/// Flags a line when words made of three or more capitalised runs glued together hold at least
/// half of its letters, or when it has at least three separators (`|`, `•`, `·`, `›`, `»`,
/// `>`) and every item between them is at most four words without sentence punctuation.
///
/// ## Why
/// When a page is flattened to text, a menu's `<li>` items lose the spaces between them and
/// become one long "word". No prose word looks like that; product names glue at most two runs
/// (`PlayStation`, `iPhone`). Menus that keep their separators are short labels in a row.
///
/// ## Example
/// ```
/// use crosscheck_extract::chrome::is_navigation;
///
/// assert!(is_navigation("GovernmentNewsPoliticsRegionWorld"));
/// assert!(is_navigation("Home | World | Business | Sport"));
/// assert!(!is_navigation("The PlayStation sold well in Europe."));
/// ```
///
/// ## Limitations
/// A menu of one-word items that a scraper joined with spaces ("Home World Sport") reads like a
/// fragment and is left to the line rules. Camel-case code identifiers in technical prose with
/// three runs are flagged if they dominate their line.
///
/// ## References
/// - Pomikálek (2011), "Removing boilerplate and duplicate content from web corpora" (jusText):
///   menus are short, link-dense and free of function words.
pub fn is_navigation(line: &str) -> bool {
    let letters: usize = line.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 0 {
        return false;
    }
    let glued: usize =
        line.split_whitespace().filter(|w| glued_segments(w) >= 3).map(|w| w.chars().count()).sum();
    if glued * 2 >= letters {
        return true;
    }
    let items: Vec<&str> = line.split(['|', '•', '·', '›', '»', '>']).map(str::trim).collect();
    items.len() >= 4
        && items.iter().filter(|i| !i.is_empty()).count() >= 3
        && items
            .iter()
            .all(|i| i.split_whitespace().count() <= 4 && !i.ends_with(['.', '!', '?', ',', ';']))
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! nav {
        ($($line:expr => $want:expr),* $(,)?) => {$(
            assert_eq!(is_navigation($line), $want, "{}", $line);
        )*};
    }

    #[test]
    fn flags_menus_and_keeps_prose() {
        nav! {
            "PoliticsWorldSecurityVideo" => true,
            "WorldEuropeAsiaAfrica Sport" => true,
            "Home | News | Sport | Weather" => true,
            "News › Europe › France › Paris" => true,
            "The PlayStation and the iPhone were both on sale." => false,
            "McDonald's opened in 1990." => false,
            "Prices rose > 5% | analysts said the rise, which was expected, would last." => false,
            "" => false,
        }
    }

    #[test]
    fn counts_glued_runs() {
        assert_eq!(glued_segments("PoliticsWorldVideo"), 3);
        assert_eq!(glued_segments("PlayStation"), 2);
        assert_eq!(glued_segments("NASA"), 1);
        assert_eq!(glued_segments("word"), 0);
        assert_eq!(glued_segments("Covid-19"), 0);
    }
}
