//! Sentences with byte offsets.
//!
//! Two splitters live here. [`sentences`] is the one article analysis reads. Text is first cut at line breaks (scraped articles put headings, datelines and captions on
//! lines of their own, without end punctuation), then each line is segmented by
//! [`sentencex`], which knows the abbreviations and quote rules of some 30 languages.
//! [`sentence_spans`] is a small rule-based splitter that never cuts inside given spans (the
//! quotations of a text), for quote attribution and date evidence; see its module notes. They
//! differ on purpose for now: replacing one with the other changes which quotes are found.

mod spans;

use crosscheck_core::{Lang, Span};

pub use spans::{sentence_around, sentence_spans};

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

/// The sentences of `text`, in order, for a text in `lang` (English rules when unknown).
///
/// Every sentence's span slices `text` to exactly its `text`; blank lines yield nothing.
///
/// # Example
///
/// ```
/// use crosscheck_core::Lang;
///
/// let s = crosscheck_text::sentences("A heading\nDr. Smith came. He left.", Lang::EN);
/// let texts: Vec<_> = s.iter().map(|s| s.text).collect();
/// assert_eq!(texts, ["A heading", "Dr. Smith came.", "He left."]);
/// ```
pub fn sentences(text: &str, lang: Lang) -> Vec<Sentence<'_>> {
    let code = if lang.is_unknown() { "en" } else { lang.as_str() };
    let mut out = Vec::new();
    for (line_off, line) in crate::lines(text) {
        if line.trim().is_empty() {
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
            out.push(Sentence {
                text: trimmed,
                span: Span::from_usize(start, start + trimmed.len()),
                line_start: false,
                line_end: false,
            });
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lines_then_sentences() {
        let t = "Heading without stop\n\nThe U.S. envoy met him on Monday. \"We agree,\" he said. Then\nnothing.";
        let s = sentences(t, Lang::EN);
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
        assert_eq!(sentences(t, "fr".parse().unwrap()).len(), 2);
        assert_eq!(sentences(t, Lang::UNKNOWN).len(), 2);
        assert!(sentences("", Lang::EN).is_empty());
        assert!(sentences("\n \n", Lang::EN).is_empty());
    }

    proptest::proptest! {
        #[test]
        fn spans_slice_back(t in "\\PC{0,200}") {
            for s in sentences(&t, Lang::EN) {
                proptest::prop_assert_eq!(s.span.slice(&t), Some(s.text));
                proptest::prop_assert!(!s.text.is_empty());
            }
        }
    }
}
