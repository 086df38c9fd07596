//! Social-media embeds and screen-reader markers left in the text: a tweet's text and its
//! signature line, an Instagram "post shared by" line, "list of 4 items … end of list".

use std::sync::LazyLock;

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
    EMBED.is_match(line.trim())
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
        ] {
            assert_eq!(is_embed(line), want, "{line}");
        }
    }
}
