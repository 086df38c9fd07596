//! CMS chrome phrases: comment forms, share and newsletter boxes, "back to top", cookie notices.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use crosscheck_text::lexicon::List;

/// Chrome phrases of every language of the lexicon ([`List::ChromePhrases`]), lowercase. Single
/// words are only trusted when they make up nearly the whole line.
///
/// Every language's list applies to every page: sites print their widgets in their own
/// language whatever the article's, and a phrase such as "已複製連結" or "Leave a Reply" is
/// chrome wherever it stands. No language is a default.
static PHRASES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| super::every_language(List::ChromePhrases));

/// Phrases of notices that run to a long line (posting metadata, moderation and licence
/// notices, [`List::ChromeNotices`]): the line is chrome up to 60 words, like a cookie notice.
static NOTICES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| super::every_language(List::ChromeNotices));

static MATCHER: LazyLock<AhoCorasick> = LazyLock::new(|| super::phrase_automaton(&PHRASES));

/// Whether a line is CMS chrome: a comment form, a share or newsletter box, a "back to top"
/// link, a cookie notice, a copyright line.
///
/// ## What it does
/// Finds known chrome phrases (the lexicon's [`List::ChromePhrases`] of every language: English,
/// German, French, Spanish, Italian, Portuguese, Polish, Russian, Ukrainian, Chinese, Japanese)
/// in the lowercased line and flags the line when the phrases cover at least half of
/// its letters, when the line is at most eight words long and holds a phrase of two or more
/// words, or when it is a cookie, licence, moderation or posting notice of at most 60 words.
///
/// ## Why
/// Scrapers and extractors keep the boxes a CMS prints around every article ("Leave a Reply",
/// "Share this article", "We use cookies…"). Fusion would read them as claims. They are worded
/// the same on thousands of sites, so a phrase list catches them without any per-site rule.
///
/// ## Example
/// ```
/// use crosscheck_extract::chrome::is_chrome_phrase;
///
/// assert!(is_chrome_phrase("Leave a Reply"));
/// assert!(is_chrome_phrase("Back to top button"));
/// assert!(is_chrome_phrase("Ihre E-Mail-Adresse wird nicht veröffentlicht."));
/// assert!(!is_chrome_phrase("Officials will share the plan with allies next week, a spokesman said."));
/// ```
///
/// ## Limitations
/// A quoted sentence that happens to be mostly a chrome phrase ("'Read more,' she said") is
/// removed. Languages outside the list are not covered. Long boxes that mix a phrase with real
/// prose survive unless another rule catches them.
///
/// ## References
/// - Kohlschütter, Fankhauser, Nejdl (2010), "Boilerplate detection using shallow text
///   features" (boilerpipe): chrome is short, formulaic and repeated across sites.
/// - Barbaresi (2021), trafilatura's `REMOVED_COMMENTS` and boilerplate selectors.
pub fn is_chrome_phrase(line: &str) -> bool {
    let lower = line.to_lowercase();
    let letters = lower.chars().filter(|c| c.is_alphanumeric()).count();
    if letters == 0 {
        return false;
    }
    let words = lower.split_whitespace().count();
    let mut covered = 0usize;
    let mut multiword = false;
    let mut cookie = false;
    for m in MATCHER.find_iter(&lower) {
        // Whole words only: "log in" must not match inside "catalog in".
        let before = lower[..m.start()].chars().next_back();
        let after = lower[m.end()..].chars().next();
        if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
            continue;
        }
        let phrase = PHRASES[m.pattern().as_usize()];
        covered += phrase.chars().filter(|c| c.is_alphanumeric()).count();
        multiword |= phrase.contains(' ');
        cookie |= phrase.contains("cookie") || NOTICES.contains(&phrase);
    }
    if covered == 0 {
        return false;
    }
    covered * 2 >= letters || (multiword && words <= 8) || (cookie && words <= 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! phrases {
        ($($line:expr => $want:expr),* $(,)?) => {$(
            assert_eq!(is_chrome_phrase($line), $want, "{}", $line);
        )*};
    }

    #[test]
    fn flags_chrome_and_keeps_prose() {
        phrases! {
            "Leave a Reply" => true,
            "Your email address will not be published. Required fields are marked *" => true,
            "Back to top button" => true,
            "Share this article" => true,
            "We use cookies to give you the best experience. By continuing you agree to our cookie policy." => true,
            "Newsletter" => true,
            "Laissez un commentaire" => true,
            "Читайте также" => true,
            "Advertisement" => true,
            "The mayor said the newsletter of the city council had misreported the vote on the new bridge." => false,
            "Read more about the plan, the minister said, was not yet possible because talks continued." => false,
            "The bridge opens on Monday." => false,
            "" => false,
            "The catalog in the museum shop lists every painting." => false,
            "This entry was posted in Local News on 3 May 2024 by the editors. Bookmark the permalink." => true,
            "Materiał chroniony prawem autorskim - wszelkie prawa zastrzeżone." => true,
            "Zurück" => true,
            "Whatsapp Facebook Pin Save" => true,
            "Share" => true,
            "Facebook said on Tuesday that it would share the data with researchers." => false,
            "Die Delegation kehrte am Abend nach Berlin zurück, sagte ein Sprecher." => false,
        }
    }

    #[test]
    fn flags_chrome_in_every_language_with_a_list() {
        phrases! {
            "Recommended stories" => true,
            "Thank you for reading our paper!" => true,
            "PUBLICIDAD" => true,
            "Últimas cotizaciones" => true,
            "Werte in diesem Artikel" => true,
            "Publicité" => true,
            "Continua após a publicidade" => true,
            "Riproduzione riservata" => true,
            "已複製連結" => true,
            "已复制链接" => true,
            "リンクをコピー" => true,
            "La publicidad del puerto anunció que el ferry saldrá a las nueve de la mañana." => false,
            "渡輪公司表示已複製連結的做法並不適用於新的時刻表和票價安排" => false,
        }
    }
}
