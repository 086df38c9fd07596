//! Social-media embeds and screen-reader markers left in the text: a tweet's text and its
//! signature line, an Instagram "post shared by" line, "list of 4 items … end of list".

use std::sync::LazyLock;

use crosscheck_text::lexicon::List;
use regex::Regex;

static EMBED: LazyLock<Regex> = LazyLock::new(|| {
    // Invariant: a constant, valid pattern.
    Regex::new(concat!(
        r"(?i)(?:\bpic\.twitter\.com/\w",
        // The signature under an embedded post: "— Name (@handle) May 3, 2026".
        r"|^[—–-]\s*[^—–]{1,80}\(@\w{1,30}\)",
        r"|[—–]\s*[^—–]{1,80}\(@\w{1,30}\)\s*[^()]{0,30}\d{4}\s*$",
        r"|^a post shared by\b",
        // Screen-reader text around a related list: "list of 4 items … end of list".
        r"|^list of \d+ items?.{0,40}end of list$)"
    ))
    .unwrap()
});

/// [`EMBED`] without its length bounds: a superset of it that builds in a small fraction of
/// the time (each bounded repetition of a Unicode class is compiled once per count), so that
/// [`EMBED`] itself is built only once a line gets past this one. A one-article run never
/// pays for it.
static EMBED_QUICK: LazyLock<Regex> = LazyLock::new(|| {
    // Invariant: a constant, valid pattern.
    Regex::new(concat!(
        r"(?i)(?:\bpic\.twitter\.com/\w",
        r"|^[—–-]\s*[^—–]+\(@\w+\)",
        r"|[—–]\s*[^—–]+\(@\w+\)\s*[^()]*\d{4}\s*$",
        r"|^a post shared by\b",
        r"|^list of \d+ items?.*end of list$)"
    ))
    .unwrap()
});

/// Whether a line is an embedded social-media post or a screen-reader marker, not prose.
///
/// ## What it does
/// Flags a line that holds a `pic.twitter.com` link, that is (or ends with) the signature of an
/// embedded post ("— Name (@handle) May 3, 2026"), that opens with "A post shared by", or that
/// is a screen-reader list marker ("list of 4 items … end of list").
///
/// ## Why
/// Embedded posts arrive in the text as a line of the post, its picture link and its
/// signature. They are someone else's words in another voice, often shouted, and fusion would
/// read them as the outlet's claims. Their markup leaves the same traces on every site.
///
/// ## Example
/// ```
/// use crosscheck_extract::chrome::is_embed;
///
/// assert!(is_embed("WHAT A CATCH pic.twitter.com/Ab12Cd — Harbour FC (@harbourfc) May 3, 2026"));
/// assert!(is_embed("— Harbour FC (@harbourfc) May 3, 2026"));
/// assert!(is_embed("list of 3 itemsend of list"));
/// assert!(!is_embed("The club said on Twitter that the match would go ahead."));
/// ```
///
/// ## Limitations
/// The lines of a post's text above the line with its link are not recognised.
///
/// ## References
/// - Barbaresi (2021), trafilatura: removal of embedded social-media blocks.
pub fn is_embed(line: &str) -> bool {
    let line = line.trim();
    EMBED_QUICK.is_match(line) && EMBED.is_match(line)
}

/// A staff-credit line has at most this many words.
const STAFF_CREDIT_MAX_WORDS: usize = 40;

/// Openings of staff-credit lines in every language of the lexicon ([`List::StaffCredits`]).
static STAFF_CREDITS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| super::every_language(List::StaffCredits));

/// Whether a line is the staff credit at the foot of a wire report ("Reporting by Jane Doe;
/// Editing by John Roe", "Avec AFP"): a line of at most 40 words that opens with a phrase of
/// [`List::StaffCredits`], in any language of the lexicon.
///
/// ## What it does
/// Lowercases the line and checks whether it starts with a listed opening followed by a
/// space, a colon or the end of the line.
///
/// ## Why
/// Wire copy ends with who reported, wrote and edited it; rewrites keep the line. Names in it
/// would read as people of the story.
///
/// ## Example
/// ```
/// use crosscheck_extract::chrome::is_staff_credit;
///
/// assert!(is_staff_credit("Reporting by Ana Holt in Dalvik; Editing by Tom Brask"));
/// assert!(!is_staff_credit("The reporting by the harbour paper was later confirmed."));
/// ```
///
/// ## Limitations
/// A report that opens a paragraph with "Edited by" in prose loses that paragraph when it is
/// short.
///
/// ## References
/// - Kohlschütter, Fankhauser, Nejdl (2010), "Boilerplate detection using shallow text
///   features": formulaic blocks as boilerplate.
pub fn is_staff_credit(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    lower.split_whitespace().count() <= STAFF_CREDIT_MAX_WORDS
        && STAFF_CREDITS.iter().any(|p| {
            lower.strip_prefix(p).is_some_and(|rest| {
                p.ends_with(':') || rest.is_empty() || rest.starts_with([' ', ':'])
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embeds_and_prose() {
        for (line, want) in [
            ("GOAL! pic.twitter.com/xY12ab", true),
            ("— Town Rowing Club (@townrowing) June 1, 2026", true),
            ("What a finish. — Town Rowing Club (@townrowing) 1 juin 2026", true),
            ("A post shared by Harbour Bakery (@harbourbakes)", true),
            ("list of 4 items end of list", true),
            ("The ferry company posted the timetable on its website.", false),
            ("She wrote to @harbourfc on Monday.", false),
            ("A list of 4 items was handed to the council.", false),
            // The length bounds hold behind the quick pattern: a 30-letter handle is one, a
            // 31-letter one is not.
            (&format!("— Town Club (@{}) June 1, 2026", "h".repeat(30)), true),
            (&format!("— Town Club (@{}) June 1, 2026", "h".repeat(31)), false),
            (&format!("— {} (@town) June 1, 2026", "n".repeat(81)), false),
        ] {
            assert_eq!(is_embed(line), want, "{line}");
        }
    }

    #[test]
    fn staff_credits_in_several_languages() {
        for (line, want) in [
            ("Reporting by Ana Holt; Additional reporting by Lin Karo; Editing by Tom Brask", true),
            ("Avec AFP", true),
            ("Con información de EFE y AP", true),
            ("Mitarbeit: Ida Wern", true),
            ("Writing by Ana Holt", true),
            ("Reportedly, the ferry was late.", false),
            ("Editing byline rules is the desk's job.", false),
        ] {
            assert_eq!(is_staff_credit(line), want, "{line}");
        }
    }
}
