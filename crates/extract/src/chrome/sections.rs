//! Furniture inside the article container: image captions and credits, and "related" teaser
//! lists under their heading.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crosscheck_text::lexicon::List;

use super::Block;
use super::credits::credit_tail;

/// A caption or credit line has at most this many words.
const CAPTION_MAX_WORDS: usize = 30;

/// Labels that open or close a credit line ("Foto: Jane Doe", "Source: Reuters", "写真：…"),
/// lowercase, in every language of the lexicon ([`List::CreditLabels`]).
static CREDIT_LABELS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| super::every_language(List::CreditLabels));

/// Strings found only in picture credits (`getty images`, `cc by`), [`List::PictureCredits`].
static PICTURE_CREDITS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| super::every_language(List::PictureCredits));

static PICTURE_CREDIT: LazyLock<AhoCorasick> =
    LazyLock::new(|| super::phrase_automaton(&PICTURE_CREDITS));

/// Whether a line is an image caption or a credit rather than article prose.
///
/// ## What it does
/// Flags a line of at most 30 words that holds a copyright sign, that opens with a credit label
/// and a colon ("Foto: …", "Photo: …", "Source: …", "Źródło: …"), that ends with a credit
/// ("… (Foto: Getty)", "… photo: Archives"), or that starts with "Photograph by".
///
/// ## Why
/// Readability keeps the whole article container, and the captions and credits inside it come
/// along. They describe a picture the reader of the text cannot see, repeat the article, and
/// read as claims to the fusion stage. Their wording is formulaic across sites.
///
/// ## Example
/// ```
/// use crosscheck_extract::chrome::is_caption;
///
/// assert!(is_caption("The harbour at dawn. (Foto: Jane Doe)"));
/// assert!(is_caption("Source: City Council"));
/// assert!(is_caption("Crews at work on the pier | © Harbour Press"));
/// assert!(!is_caption("The photo agency said on Monday that it would appeal the ruling."));
/// ```
///
/// ## Limitations
/// A short paragraph that mentions a copyright sign is removed; a caption without a credit is
/// not caught.
///
/// ## References
/// - Kohlschütter, Fankhauser, Nejdl (2010), "Boilerplate detection using shallow text
///   features": short, formulaic blocks as boilerplate.
pub fn is_caption(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.split_whitespace().count() > CAPTION_MAX_WORDS {
        return false;
    }
    // A credit closing a caption: "… (AP Photo/Jane Doe)", "… // Agency", "… Credit: AP/Name".
    // (A longer line keeps its text and loses only the credit: see `credit_tail`.)
    if credit_tail(t).is_some() {
        return true;
    }
    if t.contains('©') {
        return true;
    }
    let lower = t.to_lowercase();
    if lower.starts_with("photograph by ") || lower.starts_with("photo by ") {
        return true;
    }
    let starts_with_label = |s: &str| {
        CREDIT_LABELS.iter().any(|l| {
            s.strip_prefix(l).is_some_and(|rest| {
                let rest = rest.trim_start();
                rest.starts_with(':') && rest[1..].trim().chars().count() >= 2
            })
        })
    };
    if starts_with_label(&lower) || is_gallery_counter(&lower) {
        return true;
    }
    if t.split_whitespace().count() <= AGENCY_CREDIT_MAX_WORDS
        && PICTURE_CREDIT.find_iter(&lower).any(|m| whole_word(&lower, m.start(), m.end()))
    {
        return true;
    }
    // A credit at the end: "… (Foto: X)", "…, photo: X".
    let tail_start = lower.char_indices().rev().nth(50).map_or(0, |(i, _)| i);
    let tail = &lower[tail_start..];
    CREDIT_LABELS.iter().any(|l| {
        tail.match_indices(l).any(|(i, _)| {
            let before = tail[..i].chars().next_back();
            let after = &tail[i + l.len()..];
            before.is_none_or(|c| !c.is_alphanumeric())
                && after.starts_with(':')
                && after[1..].trim().chars().count() >= 2
                && !after[1..].contains(['.', '!', '?'])
        })
    })
}

/// A line naming a photo agency is a credit up to this many words.
const AGENCY_CREDIT_MAX_WORDS: usize = 15;

/// Whether `start..end` of `s` is bounded by non-alphanumeric characters.
fn whole_word(s: &str, start: usize, end: usize) -> bool {
    let before = s[..start].chars().next_back();
    let after = s[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Words naming a gallery picture, in every language of the lexicon ([`List::GalleryItems`]).
static GALLERY_ITEMS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| super::every_language(List::GalleryItems));

/// The `of` of a gallery counter, in every language of the lexicon ([`List::GalleryOf`]).
static GALLERY_OF: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| super::every_language(List::GalleryOf));

/// "Image 3 of 12", "Photo 2/5": a gallery position.
fn is_gallery_counter(lower: &str) -> bool {
    let mut w = lower.split_whitespace();
    let (Some(kind), Some(a)) = (w.next(), w.next()) else { return false };
    let kind_ok = GALLERY_ITEMS.binary_search(&kind).is_ok();
    let num = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match (w.next(), w.next(), w.next()) {
        (Some(of), Some(b), None) if GALLERY_OF.binary_search(&of).is_ok() => {
            kind_ok && num(a) && num(b)
        }
        (None, None, None) => kind_ok && a.split_once('/').is_some_and(|(x, y)| num(x) && num(y)),
        _ => false,
    }
}

/// Headings of the teaser lists that sites put at the end of an article, lowercase, in every
/// language of the lexicon ([`List::RelatedHeadings`]).
static RELATED_HEADINGS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| super::every_language(List::RelatedHeadings));

static RELATED: LazyLock<AhoCorasick> =
    LazyLock::new(|| super::phrase_automaton(&RELATED_HEADINGS));

/// A related heading has at most this many words.
const HEADING_MAX_WORDS: usize = 8;

/// A teaser line under a related heading is shorter than this many characters.
const TEASER_MAX_CHARS: usize = 120;

/// Whether a line is the heading of a related-content list ("Related stories", "Auch
/// interessant", "Vous aimerez aussi"), or a single teaser under a label ("Related: …",
/// "See more: …").
pub(crate) fn is_related_heading(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    let Some(m) = RELATED.find(&lower).filter(|m| m.start() == 0) else { return false };
    // A labelled teaser ("Related: Mars rovers in pictures", "Also read | Ferry fares rise")
    // may run longer than a heading.
    let labelled = RELATED_HEADINGS[m.pattern().as_usize()].ends_with(':')
        || lower[m.end()..].trim_start().starts_with([':', '|', '：', '｜']);
    labelled || lower.split_whitespace().count() <= HEADING_MAX_WORDS
}

/// Whether a line reads as a teaser headline: short and not a finished sentence.
fn is_teaser(text: &str) -> bool {
    let t = text.trim_end();
    t.chars().count() < TEASER_MAX_CHARS && !t.ends_with(['.', '!', '?', '"', '”', '»'])
}

/// Removes related-content lists: a related heading and the run of teaser headlines below it.
///
/// ## What it does
/// At every kept block that is a related heading (at most eight words, opening with a phrase
/// such as "Related stories", "Auch interessant", "Lire aussi"), removes the heading and the
/// kept blocks after it while they read as teaser headlines (under 120 characters, not ending
/// like a sentence), stopping at the first prose block or protected block.
///
/// ## Why
/// Sites print a list of other articles' headlines inside the article container. Without
/// links (plain text) or with links stripped, the link-density rule cannot see them; the
/// heading is formulaic and the headlines under it are short and unpunctuated, unlike prose.
///
/// ## Example
/// "…the council will vote in May." / "Auch interessant" / "Neue Brücke für Hamm" /
/// "Stadtrat tagt im Juni": the last three blocks are removed.
///
/// ## Limitations
/// A subheading inside the article that opens with "More from" or "See also" and is followed by
/// a short unpunctuated line loses that line.
///
/// ## References
/// - Barbaresi (2021), trafilatura: removal of "related" and teaser sections by their heading.
pub(crate) fn cut_related(blocks: &[Block<'_>], remove: &mut [bool]) {
    let mut i = 0;
    while i < blocks.len() {
        if remove[i] || blocks[i].protected || !is_related_heading(blocks[i].text) {
            i += 1;
            continue;
        }
        remove[i] = true;
        i += 1;
        while i < blocks.len() {
            if remove[i] {
                i += 1;
                continue;
            }
            if blocks[i].protected || !is_teaser(blocks[i].text) {
                break;
            }
            remove[i] = true;
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gallery_counters_in_several_languages() {
        for line in ["image 3 of 12", "bild 2 von 9", "photo 4 sur 10", "slide 1/5"] {
            assert!(is_gallery_counter(line), "{line}");
        }
        for line in ["image 3 in 12", "chapter 3 of 12", "photo 4 sur", "image of the day"] {
            assert!(!is_gallery_counter(line), "{line}");
        }
    }

    #[test]
    fn captions_and_credits() {
        for (line, want) in [
            ("The harbour at dawn. (Foto: Jane Doe)", true),
            ("Roman Novak, photo: Government Archives", true),
            ("Źródło: Statista", true),
            ("Photograph by Ed Marsh, Island Trust", true),
            ("Abbildung: Vergleich der Schneehöhen", true),
            ("Source:", false),
            ("Image 1 of 5", true),
            ("Jane Doe | Bloomberg | Getty Images", true),
            ("The photo agency said on Monday that it would appeal the ruling.", false),
            ("Sources said the talks had stalled: neither side would move.", false),
            ("The fund's source: a levy on fuel. It raised 3 million.", false),
        ] {
            assert_eq!(is_caption(line), want, "{line}");
        }
    }

    use crate::chrome::plain_block as block;

    #[test]
    fn related_lists_go_with_their_heading() {
        let prose = "The council will vote on the plan in May, after a public consultation.";
        let lines = [
            prose,
            "Auch interessant:",
            "Neue Brücke für Hamm",
            "Stadtrat tagt im Juni",
            "The mayor said the vote could not be moved, because the budget law sets the date.",
        ];
        let blocks: Vec<Block> = lines.iter().map(|l| block(l)).collect();
        let mut remove = vec![false; blocks.len()];
        cut_related(&blocks, &mut remove);
        assert_eq!(remove, vec![false, true, true, true, false]);
    }

    #[test]
    fn labelled_teasers_in_several_languages() {
        for (line, want) in [
            ("Also Read | Harbour fares rise again in spring", true),
            ("Lire aussi : Le port rouvre ses quais", true),
            ("Leia também: Porto reabre o cais norte", true),
            ("Lesen Sie auch: Neuer Fahrplan für die Fähre", true),
            ("延伸閱讀", true),
            ("関連記事", true),
            ("Also, read the council's full report before the vote on Monday next week.", false),
        ] {
            assert_eq!(is_related_heading(line), want, "{line}");
        }
    }

    #[test]
    fn a_sentence_opening_with_a_heading_phrase_stays() {
        let line = "More from the council later this week, when the plan is published.";
        assert!(!is_related_heading(line));
    }
}
