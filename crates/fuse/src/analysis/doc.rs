//! Per-article analysis shared by the fusion stages: words, sentences and which sentences can
//! carry a claim.

use std::ops::Range;

use crosscheck_core::{Article, Span};
use crosscheck_text::WordKind;
use crosscheck_text::lexicon::{Lexicon, List};

use crate::analysis::words::fold;

/// What separates a word from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gap {
    /// Spaces only (no line break), or nothing (the first word).
    Space,
    /// A comma, possibly with spaces.
    Comma,
    /// Anything else: other punctuation, a line break, a quote mark.
    Break,
}

/// One word of an article's text.
#[derive(Debug, Clone)]
#[expect(clippy::struct_excessive_bools, reason = "independent flags of one word, read by rules")]
pub(crate) struct Word {
    /// The word without a possessive `'s`, in text offsets.
    pub(crate) span: Span,
    /// The folded word (see [`fold`]).
    pub(crate) key: String,
    /// Its sentence.
    pub(crate) sent: u32,
    /// First character uppercase.
    pub(crate) cap: bool,
    /// Every letter uppercase, with at least two letters.
    pub(crate) upper: bool,
    /// Holds a digit.
    pub(crate) digit: bool,
    /// Opens its sentence (or a quotation inside it).
    pub(crate) first: bool,
    /// Ended with a possessive `'s` / `’s` / `'`.
    pub(crate) possessive: bool,
    /// What comes between the previous word and this one.
    pub(crate) gap: Gap,
}

/// One sentence of an article's text.
#[derive(Debug, Clone)]
pub(crate) struct Sent {
    /// Its span in the text.
    pub(crate) span: Span,
    /// Its words.
    pub(crate) words: Range<u32>,
    /// Whether it is prose that can state a fact (not a headline, byline or subheading).
    pub(crate) claim: bool,
    /// Whether it is written in title case (a headline or subheading).
    pub(crate) headline: bool,
}

/// An article, analysed.
#[derive(Debug)]
pub(crate) struct Doc<'a> {
    /// The article.
    pub(crate) article: &'a Article,
    /// Its words, in order.
    pub(crate) words: Vec<Word>,
    /// Its sentences, in order.
    pub(crate) sents: Vec<Sent>,
}

impl<'a> Doc<'a> {
    /// Analyses `article`.
    pub(crate) fn new(article: &'a Article) -> Doc<'a> {
        let text = article.text.as_str();
        let title = article.title.as_deref().map(fold);
        let raw_sents = crosscheck_text::sentences(text, article.language, &[]);
        let lex = Lexicon::of(article.language);
        let mut words = Vec::new();
        let mut sents = Vec::with_capacity(raw_sents.len());
        for (si, s) in raw_sents.iter().enumerate() {
            let first_word = words.len() as u32;
            scan_words(text, s.span, si as u32, lex, &mut words);
            let range = first_word..words.len() as u32;
            let (claim, headline) = classify(
                s.text,
                &words[range.start as usize..range.end as usize],
                title.as_deref(),
                s.line_start && s.line_end,
            );
            sents.push(Sent { span: s.span, words: range, claim, headline });
        }
        Doc { article, words, sents }
    }

    /// The text of a span.
    pub(crate) fn text(&self, span: Span) -> &str {
        span.slice(&self.article.text).unwrap_or("")
    }

    /// Whether word `i` overlaps `span`.
    pub(crate) fn overlaps(&self, i: usize, span: Span) -> bool {
        self.words[i].span.start < span.end && span.start < self.words[i].span.end
    }

    /// The words of the clause around `span` in sentence `sent`: out to the nearest
    /// punctuation on each side, or to a conjunction that opens a clause of its own
    /// (`named them on Sunday but quit hours later`: the date belongs to the verb on its side).
    /// `None` when no word of the sentence reaches `span`.
    pub(crate) fn clause_around(&self, sent: usize, span: Span) -> Option<Range<usize>> {
        let s = &self.sents[sent];
        let (lo, hi) = (s.words.start as usize, s.words.end as usize);
        let first = (lo..hi).find(|&i| self.words[i].span.end > span.start)?;
        let last = (first..hi).take_while(|&i| self.overlaps(i, span)).last().unwrap_or(first);
        let lx = Lexicon::of(self.article.language);
        let opens = |i: usize| {
            lx.has(crosscheck_text::lexicon::List::ClauseConjunctions, &self.words[i].key)
        };
        let mut a = first;
        while a > lo && self.words[a].gap == Gap::Space && !opens(a) {
            a -= 1;
        }
        let mut b = last + 1;
        while b < hi && self.words[b].gap == Gap::Space && !opens(b) {
            b += 1;
        }
        Some(a..b)
    }
}

/// Appends the words of `text[span]`: the words of [`crosscheck_text::words`] and lone `&`
/// marks, a possessive `'s` cut off.
fn scan_words(text: &str, span: Span, sent: u32, lex: &Lexicon, out: &mut Vec<Word>) {
    let s = &text[span.range()];
    let base = span.start as usize;
    let pieces: Vec<crosscheck_text::Word<'_>> = crosscheck_text::words(s).collect();
    let mut prev_end = 0usize;
    let mut first_in_sent = true;
    for (i, piece) in pieces.iter().enumerate() {
        if piece.kind == WordKind::Mark && piece.text != "&" {
            continue;
        }
        let start = piece.span.start as usize;
        let end = piece.span.end as usize;
        let next_mark = pieces.get(i + 1).filter(|n| n.span.start as usize == end);
        let mut word = &s[start..end];
        let mut possessive = false;
        for suffix in ["'s", "’s", "'S", "’S"] {
            if let Some(w) = word.strip_suffix(suffix) {
                word = w;
                possessive = true;
                break;
            }
        }
        // `Jones'`: the apostrophe is a mark of its own, as no letter follows it.
        if !possessive
            && word.ends_with('s')
            && next_mark.is_some_and(|m| matches!(m.text, "'" | "’"))
        {
            possessive = true;
        }
        let gap_text = &s[prev_end..start];
        let gap = if out.last().is_none_or(|w: &Word| w.sent != sent) || first_in_sent {
            Gap::Break
        } else if gap_text.chars().all(|c| c == ' ' || c == '\u{a0}' || c == '\t') {
            Gap::Space
        } else if gap_text.starts_with('.')
            && gap_text.len() > 1
            && gap_text[1..].chars().all(|c| c == ' ' || c == '\u{a0}')
            && out.last().is_some_and(|p: &Word| {
                let t = &s[p.span.start as usize - base..p.span.end as usize - base];
                t.chars().count() == 1 && t.chars().all(char::is_uppercase)
            })
        {
            // A middle initial: `Robert F. Kennedy` runs on as one name.
            Gap::Space
        } else if gap_text.trim() == "," {
            Gap::Comma
        } else {
            Gap::Break
        };
        let opens_quote = gap_text.contains(['"', '“', '«', '‘', ':', '(', '—', '–']);
        // A sentence the splitter left inside a longer one (a quotation running over several
        // sentences): a full stop and a space after a word of the same sentence that is no
        // initial or abbreviation (`U.S.`, `Mr.`).
        let after_stop = gap_text.starts_with(['.', '!', '?'])
            && gap_text.ends_with([' ', '\u{a0}'])
            && out.last().filter(|p: &&Word| p.sent == sent).is_some_and(|p: &Word| {
                // The same sentence: its words lie in `s`.
                let t = &s[p.span.start as usize - base..p.span.end as usize - base];
                t.chars().count() > 1 && !t.contains('.') && !lex.has(List::Abbreviations, &p.key)
            });
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let first_char = word.chars().next().unwrap_or(' ');
        out.push(Word {
            span: Span::from_usize(base + start, base + start + word.len()),
            key: fold(word),
            sent,
            cap: first_char.is_uppercase(),
            upper: letters >= 2 && word.chars().all(|c| !c.is_lowercase()),
            digit: word.chars().any(|c| c.is_ascii_digit()),
            first: first_in_sent || opens_quote || after_stop,
            possessive,
            gap,
        });
        first_in_sent = false;
        prev_end = end;
    }
}

/// Whether a sentence can state a claim, and whether it is in title case.
fn classify(text: &str, words: &[Word], title: Option<&str>, whole_line: bool) -> (bool, bool) {
    let alpha: Vec<&Word> = words.iter().filter(|w| !w.digit && w.key != "&").collect();
    let n = alpha.len();
    // Title case: most words capitalised, small words aside.
    let long: Vec<&&Word> = alpha.iter().filter(|w| w.key.len() > 3).collect();
    let caps = long.iter().filter(|w| w.cap).count();
    let last = text.trim_end().chars().last().unwrap_or(' ');
    let terminal = matches!(last, '.' | '!' | '?' | '"' | '”' | '»' | '’' | '\'' | ')' | '…');
    // Headlines and subheadings end without a full stop; prose full of names does not.
    // A line that ends with a colon leads into what follows (`From Ann Lee at the Velm
    // Courier:`): prose, whatever its capitals.
    let headline = !terminal && last != ':' && long.len() >= 2 && caps * 10 >= long.len() * 7;
    let byline = alpha.first().is_some_and(|w| w.key == "by") && n <= 8;
    let is_title = whole_line && title.is_some_and(|t| !t.is_empty() && fold(text) == t);
    // Three words make a statement when they end with a full stop (`Nobody was killed.`).
    let claim = (n >= 4 || (n == 3 && terminal))
        && !headline
        && !byline
        && !is_title
        && (terminal || n >= 10);
    (claim, headline)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crosscheck_core::Lang;

    pub(crate) fn article(id: &str, text: &str) -> Article {
        Article { language: Lang::EN, ..Article::from_text(id, text) }
    }

    #[test]
    fn words_keep_offsets_and_flags() {
        let a = article(
            "a",
            "The U.S. envoy met Zhelvany's mayor, Teodor Hrabchenko, on 3.5 days; 40,000 cars.",
        );
        let d = Doc::new(&a);
        let texts: Vec<_> = d.words.iter().map(|w| d.text(w.span)).collect();
        assert_eq!(
            texts,
            [
                "The",
                "U.S",
                "envoy",
                "met",
                "Zhelvany",
                "mayor",
                "Teodor",
                "Hrabchenko",
                "on",
                "3.5",
                "days",
                "40,000",
                "cars"
            ]
        );
        assert!(d.words[4].possessive && d.words[4].cap);
        assert_eq!(d.words[6].gap, Gap::Comma);
        assert_eq!(d.words[7].gap, Gap::Space);
        assert!(d.words[0].first && !d.words[2].first);
        assert!(d.words[1].upper);
    }

    #[test]
    fn claims_skip_headlines_and_bylines() {
        let a = article(
            "a",
            "Ship Strikes Harbour Bridge In Storm\n\nBy Ann Lee | 12 March 2026\n\nA ship struck the bridge early on Tuesday.\n\nThe inquiry\n\nOfficials said the bridge would stay shut for weeks and that repairs were planned",
        );
        let d = Doc::new(&a);
        let claims: Vec<_> = d.sents.iter().filter(|s| s.claim).map(|s| d.text(s.span)).collect();
        assert_eq!(
            claims,
            [
                "A ship struck the bridge early on Tuesday.",
                "Officials said the bridge would stay shut for weeks and that repairs were planned"
            ]
        );
        assert!(d.sents[0].headline);
    }

    proptest::proptest! {
        #[test]
        fn word_spans_slice_the_text(t in "\\PC{0,120}") {
            let a = article("p", &t);
            let d = Doc::new(&a);
            for w in &d.words {
                proptest::prop_assert!(w.span.slice(&t).is_some());
            }
        }
    }
}
