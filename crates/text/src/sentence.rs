//! Sentences with byte offsets: the one splitter every stage reads.
//!
//! ## What it does
//! Text is first cut at line breaks (scraped articles put headings, datelines and captions on
//! lines of their own, without end punctuation), then each line is segmented by [`sentencex`],
//! which knows the abbreviations, quotation and full-stop rules of some 30 languages (CJK `。`
//! included). Three corrections follow, each joining a piece to the one before it on its line:
//! - the cut falls strictly inside a span the caller protects (a quotation, so that a quoted
//!   passage of two sentences stays in the sentence that attributes it);
//! - the next piece opens with a lowercase letter (a cased script never starts a sentence so),
//!   or follows a period without a space (`News.Az`, `example.com`);
//! - the piece ends with a title written with a period that the language's lexicon knows
//!   ([`List::TitleAbbreviations`], name suffixes such as `Jr.` excepted: they end sentences).
//!
//! ## Why
//! Claims are aligned sentence by sentence, a quote and its attribution ("…,” the official
//! said.) must land in one sentence for speaker detection, and the evidence span of a date must
//! be the sentence a reader would quote: one splitter gives them all the same sentences.
//!
//! ## Example
//! `He said: "We agree. It is done." Then he left.` gives two sentences, the first ending after
//! the closing mark.
//!
//! ## Limitations
//! - A language `sentencex` does not know (and [`Lang::UNKNOWN`]) is cut by its English rules
//!   (its own fallback); the title correction then reads the titles of every language.
//! - An abbreviation `sentencex` does not know that ends with a period before a capital ends
//!   the sentence.
//!
//! ## References
//! `sentencex` (Wikimedia's sentence segmenter); Unicode UAX #29 sentence boundaries.

use crate::lexicon::{Lexicon, List};
use crosscheck_core::{Lang, Span};

/// One sentence of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence<'a> {
    /// The sentence, without surrounding whitespace.
    pub text: &'a str,
    /// Where it is in the input, in bytes.
    pub span: Span,
    /// Whether it is the first sentence of its line.
    pub line_start: bool,
    /// Whether it is the last sentence of its line.
    pub line_end: bool,
}

/// The sentences of `text`, in order, for a text in `lang`. No sentence boundary falls strictly
/// inside a span of `keep` (sorted or not), except at a line break.
///
/// Every sentence's span slices `text` to exactly its `text`; blank lines yield nothing.
///
/// # Example
///
/// ```
/// use crosscheck_core::{Lang, Span};
///
/// let s = crosscheck_text::sentences("A heading\nDr. Smith came. He left.", Lang::EN, &[]);
/// let texts: Vec<_> = s.iter().map(|s| s.text).collect();
/// assert_eq!(texts, ["A heading", "Dr. Smith came.", "He left."]);
///
/// let t = "He said: “We agree. It is done.” Then he left.";
/// let quote = Span::from_usize(t.find('“').unwrap(), t.find('”').unwrap() + 3);
/// let s = crosscheck_text::sentences(t, Lang::EN, &[quote]);
/// assert_eq!(s[0].text, "He said: “We agree. It is done.”");
/// ```
pub fn sentences<'a>(text: &'a str, lang: Lang, keep: &[Span]) -> Vec<Sentence<'a>> {
    split(text, lang, keep, |_, _| true)
}

/// The sentences of the lines of `text` that overlap a span of `near` (sorted by start): the
/// sentences of [`sentences`] that can hold those spans, for a caller that needs only these
/// (a sentence never crosses a line break).
///
/// ```
/// use crosscheck_core::{Lang, Span};
///
/// let t = "One. Two.\nThree. Four.";
/// let s = crosscheck_text::sentences_near(t, Lang::EN, &[], &[Span::new(12, 14)]);
/// assert_eq!(s.iter().map(|s| s.text).collect::<Vec<_>>(), ["Three.", "Four."]);
/// ```
pub fn sentences_near<'a>(
    text: &'a str,
    lang: Lang,
    keep: &[Span],
    near: &[Span],
) -> Vec<Sentence<'a>> {
    let mut next = 0;
    split(text, lang, keep, |start, end| {
        while next < near.len() && (near[next].end as usize) < start {
            next += 1;
        }
        near[next..]
            .iter()
            .take_while(|n| (n.start as usize) <= end)
            .any(|n| n.end as usize >= start)
    })
}

/// Splits the lines `take(start, end)` accepts (called in line order).
fn split<'a>(
    text: &'a str,
    lang: Lang,
    keep: &[Span],
    mut take: impl FnMut(usize, usize) -> bool,
) -> Vec<Sentence<'a>> {
    let code = if lang.is_unknown() { "en" } else { lang.as_str() };
    let lex = Lexicon::of(lang);
    let title = |w: &str| {
        let known =
            |l: &Lexicon| l.has(List::TitleAbbreviations, w) && !l.has(List::NameSuffixes, w);
        if lang.is_unknown() {
            Lexicon::languages().any(|l| known(Lexicon::of(l)))
        } else {
            known(lex)
        }
    };
    let mut out: Vec<Sentence<'a>> = Vec::new();
    for (line_off, line) in crate::lines(text) {
        if line.trim().is_empty() || !take(line_off, line_off + line.len()) {
            continue;
        }
        let first = out.len();
        for b in sentencex::get_sentence_boundaries(code, line) {
            // Guard against a boundary outside the line or off a char boundary: the sentence is
            // then taken from what is there rather than trusted blindly.
            let Some(piece) = line.get(b.start_byte..b.end_byte) else { continue };
            let trimmed = piece.trim();
            if trimmed.is_empty() {
                continue;
            }
            let lead = piece.len() - piece.trim_start().len();
            let start = line_off + b.start_byte + lead;
            let span = Span::from_usize(start, start + trimmed.len());
            if out.len() > first {
                let prev = out[out.len() - 1];
                if joins(prev, span, trimmed, keep, &title)
                    && let Some(both) = text.get(prev.span.start as usize..span.end as usize)
                {
                    let last = out.len() - 1;
                    out[last] = Sentence { text: both, span: prev.span.cover(span), ..prev };
                    continue;
                }
            }
            out.push(Sentence { text: trimmed, span, line_start: false, line_end: false });
        }
        if out.len() > first {
            out[first].line_start = true;
            if let Some(last) = out.last_mut() {
                last.line_end = true;
            }
        }
    }
    out
}

/// Whether the piece at `next` (text `next_text`) continues the sentence `prev` of its line.
fn joins(
    prev: Sentence<'_>,
    next: Span,
    next_text: &str,
    keep: &[Span],
    title: &impl Fn(&str) -> bool,
) -> bool {
    if keep.iter().any(|k| k.start < prev.span.end && next.start < k.end) {
        return true;
    }
    if next_text.chars().next().is_some_and(char::is_lowercase) {
        return true;
    }
    if prev.span.end == next.start
        && prev.text.ends_with('.')
        && next_text.chars().next().is_some_and(char::is_alphanumeric)
    {
        return true;
    }
    let Some(body) = prev.text.strip_suffix('.') else { return false };
    let word = body.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    !word.is_empty() && title(&word.to_lowercase())
}

/// The sentence of `sentences` (sorted, disjoint) that contains `at`, extended to every sentence
/// `at` overlaps; `at` itself when none does.
pub fn sentence_around(sentences: &[Span], at: Span) -> Span {
    let mut cover: Option<Span> = None;
    for s in sentences {
        if s.start <= at.end && at.start < s.end.max(s.start + 1) {
            cover = Some(cover.map_or(*s, |c| c.cover(*s)));
        }
    }
    cover.map_or(at, |c| c.cover(at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, lang: Lang, keep: &[Span]) -> Vec<&'a str> {
        sentences(text, lang, keep).iter().map(|s| s.text).collect()
    }

    #[test]
    fn splits_lines_then_sentences() {
        let t = "Heading without stop\n\nThe U.S. envoy met him on Monday. \"We agree,\" he said. Then\nnothing.";
        let s = sentences(t, Lang::EN, &[]);
        let texts: Vec<_> = s.iter().map(|s| s.text).collect();
        assert_eq!(
            texts,
            [
                "Heading without stop",
                "The U.S. envoy met him on Monday.",
                "\"We agree,\" he said.",
                "Then",
                "nothing."
            ]
        );
        for x in &s {
            assert_eq!(x.span.slice(t), Some(x.text));
        }
        assert!(s[0].line_start && s[0].line_end);
        assert!(s[1].line_start && !s[1].line_end);
    }

    #[test]
    fn other_languages_and_unknown() {
        let t = "Le président a parlé. Il est parti.";
        assert_eq!(sentences(t, "fr".parse().unwrap(), &[]).len(), 2);
        assert_eq!(sentences(t, Lang::UNKNOWN, &[]).len(), 2);
        assert!(sentences("", Lang::EN, &[]).is_empty());
        assert!(sentences("\n \n", Lang::EN, &[]).is_empty());
        let zh = "大火已經撲滅。居民返回家中。";
        assert_eq!(texts(zh, "zh".parse().unwrap(), &[]), ["大火已經撲滅。", "居民返回家中。"]);
    }

    #[test]
    fn protected_spans_stay_whole() {
        let t = "He said: “We agree. It is done.” Then he left. Mr. Smith met U.S. officials on Nov. 3.";
        let q = t.find('“').unwrap();
        let e = t.find('”').unwrap();
        let quote = Span::from_usize(q, e + '”'.len_utf8());
        assert_eq!(
            texts(t, Lang::EN, &[quote]),
            [
                "He said: “We agree. It is done.”",
                "Then he left.",
                "Mr. Smith met U.S. officials on Nov. 3."
            ]
        );
        // A line break ends a sentence even inside a protected span.
        let t = "“One\nTwo.”";
        assert_eq!(texts(t, Lang::EN, &[Span::from_usize(0, t.len())]), ["“One", "Two.”"]);
    }

    #[test]
    fn titles_and_lowercase_continue_a_sentence() {
        // A title of the lexicon keeps its name; a name suffix may end a sentence.
        assert_eq!(
            texts("The owner, Ms. Ng, left. Then Sam Ford Jr. It rained.", Lang::EN, &[]),
            ["The owner, Ms. Ng, left.", "Then Sam Ford Jr.", "It rained."]
        );
        // A period glued to the next word ends no sentence.
        assert_eq!(texts("The site Harbour.Net said so. Next.", Lang::EN, &[]).len(), 2);
        // A language without the list gets no title rule.
        let xx: Lang = "xx".parse().unwrap();
        assert!(Lexicon::of(xx).words(List::TitleAbbreviations).next().is_none());
        assert_eq!(
            texts("Das Wetter war gut. ja. Es regnete.", "de".parse().unwrap(), &[]).len(),
            2
        );
    }

    #[test]
    fn around_covers_overlapped_sentences() {
        let t = "One two. Three four. Five.";
        let s: Vec<Span> = sentences(t, Lang::EN, &[]).iter().map(|s| s.span).collect();
        assert_eq!(&t[sentence_around(&s, Span::new(10, 12)).range()], "Three four.");
        assert_eq!(&t[sentence_around(&s, Span::new(5, 12)).range()], "One two. Three four.");
    }

    proptest::proptest! {
        #[test]
        fn near_is_the_lines_of_the_spans(t in "[a-z .\n]{0,120}", a in 0usize..120, b in 0usize..120) {
            let near = [Span::from_usize(a.min(b), a.max(b))];
            let all = sentences(&t, Lang::EN, &[]);
            let some = sentences_near(&t, Lang::EN, &[], &near);
            for s in &some {
                proptest::prop_assert!(all.contains(s));
            }
            for s in all.iter().filter(|s| s.span.start <= near[0].end && near[0].start <= s.span.end) {
                proptest::prop_assert!(some.contains(s));
            }
        }

        #[test]
        fn spans_slice_back(t in "\\PC{0,200}", a in 0usize..200, b in 0usize..200) {
            let keep = [Span::from_usize(a.min(b), a.max(b))];
            for s in sentences(&t, Lang::EN, &keep) {
                proptest::prop_assert_eq!(s.span.slice(&t), Some(s.text));
                proptest::prop_assert!(!s.text.is_empty());
            }
        }
    }
}
