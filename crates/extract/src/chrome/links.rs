//! Link-dense runs at the edges of an extracted text: teaser lists, tag clouds, breadcrumbs.

use super::Block;

/// A block with at least this share of its characters inside links is a link block.
const LINK_DENSITY: f64 = 0.5;

/// A block shorter than this many characters, without a sentence end, may be the heading of
/// the link list below it ("Related stories", "Tags").
const SHORT_HEADING: usize = 50;

/// Whether a block is mostly link text.
pub(crate) fn is_link_block(b: &Block<'_>) -> bool {
    let chars = b.text.chars().count();
    chars > 0 && b.link_chars as f64 >= LINK_DENSITY * chars as f64
}

/// Whether a block reads as a short label rather than a sentence.
fn is_label(text: &str) -> bool {
    text.chars().count() < SHORT_HEADING
        && !text.trim_end().ends_with(['.', '!', '?', '"', '”', ':'])
}

/// Removes the runs of link blocks at the start and end of a text, with the short labels
/// among and around them.
///
/// ## What it does
/// Walks from the last kept block backwards: a block with at least half of its characters in
/// links is removed; a short label (under 50 characters, no sentence end) is removed when a
/// link block was already removed next to it, or when a link block follows further up; the
/// walk stops at the first other block or at a protected one. The same walk runs from the
/// first block forwards.
///
/// ## Why
/// Readability keeps whole containers, and many article containers end with "Related
/// stories", "Most read" or tag lists: headings followed by lines that are links and nothing
/// else. Prose is almost never mostly link text, so a run of link blocks at an edge is
/// furniture; inside the text, a linked line may be a real reference and is kept.
///
/// ## Example
/// "…the council will vote in May." / "More from the region" / "Bridge reopens after
/// repairs" (a link) / "New mayor sworn in" (a link): the last three blocks are removed.
///
/// ## Limitations
/// Needs link counts from the HTML (plain text has none, so nothing is removed). A closing
/// paragraph that is one long link is removed.
///
/// ## References
/// - Pomikálek (2011), "Removing boilerplate and duplicate content from web corpora" (jusText):
///   link density as the strongest single boilerplate signal.
/// - Kohlschütter, Fankhauser, Nejdl (2010), "Boilerplate detection using shallow text
///   features", WSDM: link density and text length separate content from furniture.
pub(crate) fn trim_link_edges(blocks: &[Block<'_>], remove: &mut [bool]) {
    let kept: Vec<usize> = (0..blocks.len()).filter(|&i| !remove[i]).collect();
    // The trailing run of link blocks and labels, in document order.
    let mut start = kept.len();
    while start > 0 {
        let b = &blocks[kept[start - 1]];
        if b.protected || !(is_link_block(b) || is_label(b.text)) {
            break;
        }
        start -= 1;
    }
    let run = &kept[start..];
    let links = run.iter().filter(|&&i| is_link_block(&blocks[i])).count();
    let labels = run.len() - links;
    // A table or fact box of short cells has more plain labels than links.
    if links == 0 || labels > links + 1 {
        return;
    }
    // The run is cut from its first label that heads a link block; a list of links right
    // after prose (a list of books, of sources) has no such heading and stays.
    let head =
        run.windows(2).position(|w| !is_link_block(&blocks[w[0]]) && is_link_block(&blocks[w[1]]));
    let Some(from) = head else { return };
    for &i in &run[from..] {
        remove[i] = true;
    }
}

/// At most this many short labels are removed from the end of a text.
const MAX_DANGLING: usize = 3;

/// Whether a block is a short label: under 50 characters, at most three words, starting with
/// a letter, without a sentence end, and either one word, all capitals, or ending in a colon.
fn is_dangling_label(text: &str) -> bool {
    let t = text.trim();
    let words = t.split_whitespace().count();
    let caps = t.chars().any(char::is_alphabetic)
        && t.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    t.chars().count() < SHORT_HEADING
        && words <= 3
        && (words == 1 || caps || t.ends_with(':'))
        && t.chars().next().is_some_and(char::is_alphabetic)
        && !t.ends_with(SENTENCE_END)
}

/// Characters that end a sentence, in Latin and CJK punctuation, with closing quotes.
const SENTENCE_END: [char; 14] =
    ['.', '!', '?', '"', '”', '“', '»', '«', ')', '’', '。', '！', '？', '）'];

/// Removes short labels left at the very end of a text: headings of a box that the engine cut
/// away ("Contact", "RECENT ARTICLES", "See more photos:").
///
/// ## What it does
/// Walks from the last kept block backwards and removes up to three labels (under 50
/// characters, at most three words, starting with a letter, no sentence end, and one word,
/// all capitals or ending in a colon), stopping at a protected block. Nothing is removed
/// unless a block of prose (100 characters or more) stays before them.
///
/// ## Why
/// A heading introduces what follows it; at the end of an article nothing follows, so a
/// heading there belongs to the furniture after the article (a contact box, a list of related
/// stories whose links were already removed, a newsletter teaser). Articles end with a
/// sentence.
///
/// ## Example
/// "…the council will vote in May." / "MORE FROM THE REGION" / "Contact:": the last two
/// blocks are removed. A sign-off ("Yours, Anna"), a numbered list item ("10. Oslo") or a
/// phone number stays: they are part of the text.
///
/// ## Limitations
/// A one-word sign-off ("Cheers") is removed. Labels in mixed case of two or three words
/// ("More from the region") are not caught, since sign-offs look the same.
///
/// ## References
/// - Pomikálek (2011), "Removing boilerplate and duplicate content from web corpora" (jusText):
///   short blocks near boilerplate are boilerplate.
pub(crate) fn trim_dangling_labels(blocks: &[Block<'_>], remove: &mut [bool]) {
    let kept: Vec<usize> = (0..blocks.len()).filter(|&i| !remove[i]).collect();
    let mut start = kept.len();
    while start > 0 && kept.len() - start < MAX_DANGLING {
        let b = &blocks[kept[start - 1]];
        if b.protected || !is_dangling_label(b.text) {
            break;
        }
        start -= 1;
    }
    let prose_before = kept[..start].iter().any(|&i| blocks[i].text.chars().count() >= 100);
    if !prose_before {
        return;
    }
    for &i in &kept[start..] {
        remove[i] = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str, link_chars: usize) -> Block<'_> {
        Block { text, link_chars, protected: false }
    }

    #[test]
    fn trailing_teasers_and_their_heading_go() {
        let prose = "The council will vote on the plan in May, after a public consultation.";
        let blocks = [
            block(prose, 0),
            block(prose, 10),
            block("More from the region", 0),
            block("Bridge reopens after repairs", 28),
            block("New mayor sworn in", 18),
        ];
        let mut remove = vec![false; blocks.len()];
        trim_link_edges(&blocks, &mut remove);
        assert_eq!(remove, vec![false, false, true, true, true]);
    }

    #[test]
    fn dangling_labels_at_the_end_go() {
        let prose = "The council will vote on the plan in May, after a public consultation that \
                     runs until the end of April.";
        let blocks = [
            block(prose, 0),
            block("Short line.", 0),
            block("RECENT ARTICLES", 0),
            block("Contact:", 0),
        ];
        let mut remove = vec![false; blocks.len()];
        trim_dangling_labels(&blocks, &mut remove);
        assert_eq!(remove, vec![false, false, true, true]);
    }

    #[test]
    fn sign_offs_list_items_and_lone_labels_stay() {
        let prose = "The council will vote on the plan in May, after a public consultation that \
                     runs until the end of April.";
        for last in ["Yours, Anna", "10. Oslo", "+47 1234 5678", "The vote is in May."] {
            let blocks = [block(prose, 0), block(last, 0)];
            let mut remove = vec![false; blocks.len()];
            trim_dangling_labels(&blocks, &mut remove);
            assert_eq!(remove, vec![false, false], "{last}");
        }
        // Without prose before it, a label is all there is.
        let blocks = [block("Short line.", 0), block("Contact", 0)];
        let mut remove = vec![false; blocks.len()];
        trim_dangling_labels(&blocks, &mut remove);
        assert_eq!(remove, vec![false, false]);
    }

    #[test]
    fn short_lines_without_links_stay() {
        let prose = "The council will vote on the plan in May, after a public consultation.";
        let blocks = [block("Photo: a reader", 0), block(prose, 0), block("Updated", 0)];
        let mut remove = vec![false; blocks.len()];
        trim_link_edges(&blocks, &mut remove);
        assert_eq!(remove, vec![false, false, false]);
    }
}
