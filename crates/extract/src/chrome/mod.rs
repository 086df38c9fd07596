//! Page chrome in text: the heuristics that tell article lines from the page around them.
//!
//! Each rule is a public function documented with what it does, why, an example, its limits
//! and references; the lines of one document are judged together by the extractor, and
//! [`strip_recurring`] removes lines that recur across one outlet's articles in a batch.

mod credits;
mod dates;
mod embeds;
mod justext;
mod links;
mod nav;
mod phrases;
mod recurring;
mod sections;

pub use credits::credit_tail;
pub use dates::is_timestamp_line;
pub use embeds::{is_embed, is_staff_credit};
use justext::LENGTH_LOW;
pub use justext::{LineClass, LineStats, classify};
pub(crate) use links::{trim_dangling_labels, trim_link_edges};
pub use nav::is_navigation;
pub use phrases::is_chrome_phrase;
pub use recurring::strip_recurring;
pub(crate) use sections::cut_related;
pub use sections::is_caption;

use crosscheck_core::Lang;

/// The share of a document's words that must be stopwords of one listed language before the
/// stopword-density rule is trusted for it.
const MIN_DOC_STOPWORD_SHARE: f64 = 0.15;

/// The entries of `list` in every language of the lexicon (and `mul`), sorted, for rules that
/// read a page before its language is known.
fn every_language(list: crosscheck_text::lexicon::List) -> Vec<&'static str> {
    use crosscheck_text::lexicon::Lexicon;
    let all = Lexicon::union(Lexicon::languages());
    all.words(list).collect()
}

/// A leftmost-longest matcher over a constant list of lowercase phrases.
fn phrase_automaton(patterns: &[&str]) -> aho_corasick::AhoCorasick {
    aho_corasick::AhoCorasickBuilder::new()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(patterns)
        // Invariant: the patterns are small constant lists, well within the automaton limits.
        .expect("phrase automaton builds")
}

/// A block of plain text (no links), for the rules' tests.
#[cfg(test)]
pub(crate) fn plain_block(text: &str) -> Block<'_> {
    Block { text, link_chars: 0, protected: false }
}

/// A line or paragraph of a candidate text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Block<'a> {
    /// The text, whitespace-collapsed.
    pub(crate) text: &'a str,
    /// Characters inside links.
    pub(crate) link_chars: usize,
    /// A line the rules must not remove by length or density (the headline, a dateline).
    pub(crate) protected: bool,
}

/// Which rules run.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rules {
    /// Drop clear jusText-bad lines (short, or nearly free of function words) before the first
    /// and after the last good line.
    pub(crate) trim_edges: bool,
}

/// Decides, for each block, whether it is chrome. Returns `true` for blocks to remove.
pub(crate) fn judge(blocks: &[Block<'_>], rules: Rules) -> Vec<bool> {
    let mut remove: Vec<bool> = blocks
        .iter()
        .map(|b| {
            is_chrome_phrase(b.text)
                || is_navigation(b.text)
                || is_timestamp_line(b.text)
                || is_embed(b.text)
                || (!b.protected && is_staff_credit(b.text))
                || (!b.protected && is_caption(b.text))
        })
        .collect();
    repeats(blocks, &mut remove);
    shouted(blocks, &mut remove);
    cut_related(blocks, &mut remove);
    if !rules.trim_edges {
        return remove;
    }
    widget_runs(blocks, &mut remove);
    let Some(lang) = document_language(blocks) else { return remove };
    let stats: Vec<LineStats> = blocks
        .iter()
        .zip(&remove)
        .filter(|(_, r)| !**r)
        .map(|(b, _)| LineStats::new(b.text, b.link_chars, lang))
        .collect();
    let classes = classify(&stats);
    let kept: Vec<usize> = (0..blocks.len()).filter(|&i| !remove[i]).collect();
    let Some(first_good) = classes.iter().position(|&c| c == LineClass::Good) else {
        return remove;
    };
    let last_good = classes.iter().rposition(|&c| c == LineClass::Good).unwrap_or(first_good);
    for (k, &i) in kept.iter().enumerate() {
        let edge = k < first_good || k > last_good;
        // Only clear boilerplate: short, or long but almost free of function words. A real
        // closing sentence with few stopwords ("Shares fell 3% on Monday.") stays.
        // A short line that is a whole sentence ("Shares rose 4 percent in early trading.")
        // is the article's last word, not furniture.
        let clear = (stats[k].chars < LENGTH_LOW && !is_sentence(blocks[i].text))
            || stats[k].stopword_density < 0.1;
        if edge && classes[k] == LineClass::Bad && clear && !blocks[i].protected {
            remove[i] = true;
        }
    }
    remove
}

/// Whether a line reads as a whole sentence: at least six words, a capital first letter (after
/// any opening quote mark: a quoted remark with its attribution is a sentence) and a full stop
/// (or `!`, `?`, a closing quote) at the end.
fn is_sentence(line: &str) -> bool {
    let t = line.trim();
    t.split_whitespace().count() >= 6
        && t.trim_start_matches(OPENING_MARKS).chars().next().is_some_and(char::is_uppercase)
        && t.ends_with(['.', '!', '?', '"', '”', '’', '»'])
}

/// Marks that may open a sentence before its first letter: quote marks of the languages we
/// read, and the Spanish inverted marks.
const OPENING_MARKS: &[char] =
    &['"', '\'', '“', '‘', '„', '‚', '«', '‹', '»', '「', '『', '¿', '¡'];

/// A widget is a run of at least this many tiny lines.
const WIDGET_MIN_LINES: usize = 8;

/// Whether a line is tiny: at most three words (a list dash is no word) and 30 characters, not ending like a sentence.
fn is_tiny(b: &Block<'_>) -> bool {
    let t = b.text.trim();
    !b.protected
        && t.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count() <= 3
        && t.chars().count() <= 30
        && !t.ends_with(['.', '!', '?', '"', '”'])
}

/// Marks runs of tiny lines: the counters, ratings and menus a page prints as a column of
/// one or two words ("Left", "6", "Center", "2", "Last Updated", "8 hours ago"). Lines already
/// removed do not break a run. Only for plain text, where no markup tells a list from a widget.
pub(crate) fn widget_runs(blocks: &[Block<'_>], remove: &mut [bool]) {
    let mut i = 0;
    while i < blocks.len() {
        if remove[i] || !is_tiny(&blocks[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut tiny = 0;
        while j < blocks.len() && (remove[j] || is_tiny(&blocks[j])) {
            tiny += usize::from(!remove[j]);
            j += 1;
        }
        if tiny >= WIDGET_MIN_LINES {
            remove[i..j].iter_mut().for_each(|r| *r = true);
        }
        i = j;
    }
}

/// A shouted line has at least this many words.
const SHOUTED_MIN_WORDS: usize = 8;

/// Whether a line is written in capitals: at least eight words and twenty letters, none of them
/// lowercase, and not a whole sentence ([`is_sentence`]). A paragraph of prose in capitals (a
/// wire feed's or an old system's copy) ends with its full stop, where teaser links and banners
/// end bare.
fn is_shouted(line: &str) -> bool {
    let upper = line.chars().filter(|c| c.is_uppercase()).count();
    upper >= 20
        && !is_sentence(line)
        && !line.chars().any(char::is_lowercase)
        && line.split_whitespace().count() >= SHOUTED_MIN_WORDS
}

/// Marks lines in capitals below the article's first sentence: the teaser links sites insert
/// between paragraphs ("CITY COUNCIL VOTES TO CLOSE OLD FERRY PIER"), shouted embeds and
/// banners. A headline in capitals above the first sentence stays.
pub(crate) fn shouted(blocks: &[Block<'_>], remove: &mut [bool]) {
    let Some(first) =
        blocks.iter().zip(remove.iter()).position(|(b, r)| !*r && is_sentence(b.text))
    else {
        return;
    };
    for (b, r) in blocks.iter().zip(remove.iter_mut()).skip(first + 1) {
        if !*r && !b.protected && is_shouted(b.text) {
            *r = true;
        }
    }
}

/// Marks repeated blocks: the second and later copies of a block already seen in this text
/// (an image caption printed twice, a pull quote). Returns `true` for blocks to remove.
pub(crate) fn repeats(blocks: &[Block<'_>], remove: &mut [bool]) {
    let mut seen = std::collections::HashSet::new();
    for (b, r) in blocks.iter().zip(remove.iter_mut()) {
        if !*r && b.text.chars().count() >= 20 && !seen.insert(b.text) {
            *r = true;
        }
    }
}

/// The language whose stopword list fits the document, if one fits well enough.
fn document_language(blocks: &[Block<'_>]) -> Option<Lang> {
    let words: Vec<String> = blocks
        .iter()
        .flat_map(|b| b.text.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .take(2000)
        .map(str::to_lowercase)
        .collect();
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let (lang, share) = crosscheck_text::best_stopword_language(&refs)?;
    (share >= MIN_DOC_STOPWORD_SHARE).then_some(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::plain_block as block;

    #[test]
    fn drops_repeated_blocks() {
        let caption = "The old bridge seen from the north bank in winter";
        let blocks = [block(caption), block("Some text."), block(caption)];
        assert_eq!(judge(&blocks, Rules { trim_edges: false }), vec![false, false, true]);
    }

    #[test]
    fn drops_widget_runs_in_plain_text() {
        let prose = "The ferry company said on Friday that the winter timetable would start early.";
        let mut lines = vec![prose];
        lines.extend(["Votes", "12", "For", "7", "Against", "5", "Abstained", "0", "Updated"]);
        lines.push(prose);
        let blocks: Vec<Block> = lines.iter().map(|l| block(l)).collect();
        let mut remove = vec![false; blocks.len()];
        widget_runs(&blocks, &mut remove);
        assert_eq!(remove.iter().filter(|r| **r).count(), 9);
        assert!(!remove[0] && !remove[10]);
        let mut short = vec![false; 6];
        widget_runs(&blocks[..6], &mut short);
        assert!(short.iter().all(|r| !r), "five tiny lines are not a widget");
    }

    #[test]
    fn shouted_lines_below_the_first_sentence() {
        let lines = [
            "HARBOUR BOARD APPROVES THE NEW FERRY PIER AFTER LONG DELAY",
            "The harbour board approved the new ferry pier on Monday after a long delay.",
            "COUNCIL WARNS OF HIGHER FARES AS FUEL COSTS CLIMB AGAIN",
            "The pier will open in May.",
            "THE BOARD SAID THE OLD PIER WOULD CLOSE FOR GOOD ONCE THE NEW ONE OPENS.",
        ];
        let blocks: Vec<Block> = lines.iter().map(|l| block(l)).collect();
        let mut remove = vec![false; blocks.len()];
        shouted(&blocks, &mut remove);
        // The teaser goes; a sentence of prose set in capitals stays.
        assert_eq!(remove, vec![false, false, true, false, false]);
    }

    #[test]
    fn a_quoted_remark_is_a_sentence() {
        assert!(is_sentence(
            "\u{201c}We lost the final on that one pitch,\u{201d} the coach said."
        ));
        assert!(is_sentence("\"Nobody expected the vote to pass so soon,\" she said."));
        assert!(is_sentence("\u{bf}Qui\u{e9}n pag\u{f3} la cuenta de la cena de anoche?"));
        assert!(!is_sentence("\u{201c}short quote,\u{201d} he said."));
        assert!(!is_sentence("\u{201c}lower case start of a quoted line here,\u{201d} he said."));
    }

    #[test]
    fn a_closing_quote_line_stays_at_the_edge() {
        let prose = "The city council said on Tuesday that the new bridge over the river would \
                     open to traffic in the spring, after a year of delays that were caused by \
                     the floods and by a dispute with the builder about the cost of the steel.";
        let lines = [prose, "\u{201c}I let the whole town down today,\u{201d} the builder said."];
        let blocks: Vec<Block> = lines.iter().map(|l| block(l)).collect();
        assert_eq!(judge(&blocks, Rules { trim_edges: true }), vec![false, false]);
    }

    #[test]
    fn trims_edges_but_keeps_inner_short_lines() {
        let prose = "The city council said on Tuesday that the new bridge over the river would \
                     open to traffic in the spring, after a year of delays that were caused by \
                     the floods and by a dispute with the builder about the cost of the steel.";
        let more = "The builder said in a statement that the steel had been delivered late \
                    because of the strikes at the port, and that it had asked the council for a \
                    new date at the end of the year, which the council has not yet agreed to.";
        let lines = [
            "Top Stories Local Weather",
            "Bridge to open in spring",
            prose,
            "What comes next",
            more,
            "Leave a Reply",
            "Copyright 2024 Example Media Group Limited",
        ];
        let mut blocks: Vec<Block> = lines.iter().map(|l| block(l)).collect();
        blocks[1].protected = true;
        let removed = judge(&blocks, Rules { trim_edges: true });
        assert_eq!(removed, vec![true, false, false, false, false, true, true]);
        let removed = judge(&blocks, Rules { trim_edges: false });
        assert_eq!(removed, vec![false, false, false, false, false, true, false]);
    }
}
