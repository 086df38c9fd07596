//! Words and marks as the fusion rules read them: names and numbers kept whole, every
//! punctuation mark a piece of its own.
//!
//! [`tokens`](crate::tokens) cuts at every non-alphanumeric character, which is what hashing
//! wants; rules that read names and attributions need `Kimberly-Jones`, `O’Neill`, `U.S`,
//! `J&J` and `40,000` as one word each, and the commas, colons and quotation marks between
//! words as pieces of their own.
//!
//! # Rules
//!
//! A word is a run of alphanumeric characters that may hold, between two alphanumeric
//! characters:
//! - a hyphen or an apostrophe (`Gaza-style`, `Brandt’s`, `O'Neill`);
//! - a comma or a period between two digits (`40,000`, `3.5`);
//! - a period after a single letter, before a letter (`U.S`, `a.m`): the final period is left
//!   to the reader, which knows its abbreviations;
//! - an ampersand between two capitals (`J&J`, `AT&T`).
//!
//! Every other non-space character is a [`WordKind::Mark`] of one character.
//!
//! # Example
//!
//! ```
//! use crosscheck_text::{WordKind, words};
//!
//! let w: Vec<&str> = words("J&J's U.S. unit, 40,000 staff").map(|w| w.text).collect();
//! assert_eq!(w, ["J&J's", "U.S", ".", "unit", ",", "40,000", "staff"]);
//! assert_eq!(words("“Yes”").next().map(|w| w.kind), Some(WordKind::Mark));
//! ```

use crosscheck_core::Span;

/// What a [`Word`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WordKind {
    /// Holds a letter.
    Word,
    /// Digits, with inner separators.
    Number,
    /// One punctuation or symbol character.
    Mark,
}

/// A word or a mark, with its byte span in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    /// The piece as written.
    pub text: &'a str,
    /// Where it is, in bytes.
    pub span: Span,
    /// Word, number or mark.
    pub kind: WordKind,
}

/// The words and marks of `s`, in order (see the module documentation).
pub fn words(s: &str) -> Words<'_> {
    Words { s, pos: 0 }
}

/// An iterator over the [`Word`]s of a text; see [`words`].
#[derive(Debug, Clone)]
pub struct Words<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = Word<'a>;

    fn next(&mut self) -> Option<Word<'a>> {
        let s = self.s;
        let rest = s.get(self.pos..)?;
        let (off, first) = rest.char_indices().find(|(_, c)| !c.is_whitespace())?;
        let start = self.pos + off;
        if !first.is_alphanumeric() {
            let end = start + first.len_utf8();
            self.pos = end;
            return Some(Word {
                text: &s[start..end],
                span: Span::from_usize(start, end),
                kind: WordKind::Mark,
            });
        }
        let chars: Vec<(usize, char)> = s[start..].char_indices().take(256).collect();
        let mut j = 1;
        // The length, in characters, of the alphanumeric segment that ends at `j - 1`.
        let mut segment = 1;
        while j < chars.len() {
            let c = chars[j].1;
            if c.is_alphanumeric() {
                j += 1;
                segment += 1;
                continue;
            }
            let (Some(&(_, before)), Some(&(_, after))) = (chars.get(j - 1), chars.get(j + 1))
            else {
                break;
            };
            let joins = after.is_alphanumeric()
                && match c {
                    '-' | '‐' | '\'' | '’' => true,
                    ',' => before.is_ascii_digit() && after.is_ascii_digit(),
                    '.' => {
                        (before.is_ascii_digit() && after.is_ascii_digit())
                            || (segment == 1 && before.is_alphabetic() && after.is_alphabetic())
                    }
                    '&' => before.is_uppercase() && after.is_uppercase(),
                    _ => false,
                };
            if !joins {
                break;
            }
            j += 2;
            segment = 1;
        }
        let end = match chars.get(j) {
            Some(&(o, _)) => start + o,
            None => chars.last().map_or(s.len(), |&(o, c)| start + o + c.len_utf8()),
        };
        self.pos = end;
        let text = &s[start..end];
        let kind =
            if text.chars().any(char::is_alphabetic) { WordKind::Word } else { WordKind::Number };
        Some(Word { text, span: Span::from_usize(start, end), kind })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        words(s).map(|w| w.text).collect()
    }

    #[test]
    fn names_and_numbers_stay_whole() {
        assert_eq!(
            texts("Mayor Ann O'Neill-Vance (U.S.) met AT&T at 9 a.m. on 3.5 km, 1,200 seats."),
            [
                "Mayor",
                "Ann",
                "O'Neill-Vance",
                "(",
                "U.S",
                ".",
                ")",
                "met",
                "AT&T",
                "at",
                "9",
                "a.m",
                ".",
                "on",
                "3.5",
                "km",
                ",",
                "1,200",
                "seats",
                "."
            ]
        );
    }

    #[test]
    fn marks_split_off() {
        assert_eq!(
            texts("end.Next, a & b — “c”"),
            ["end", ".", "Next", ",", "a", "&", "b", "—", "“", "c", "”"]
        );
        assert_eq!(texts("x - y"), ["x", "-", "y"]);
        assert_eq!(texts("Smith & Co"), ["Smith", "&", "Co"]);
    }

    proptest::proptest! {
        #[test]
        fn spans_slice_the_text(t in "\\PC{0,80}") {
            let mut last = 0;
            for w in words(&t) {
                proptest::prop_assert_eq!(w.span.slice(&t), Some(w.text));
                proptest::prop_assert!(w.span.start as usize >= last);
                proptest::prop_assert!(!w.text.is_empty());
                last = w.span.end as usize;
            }
        }
    }
}
