//! Numbers in prose: digits with separators and number words (see [`crate::dates`] for
//! dates).

use crate::lexicon::{Lexicon, List};

/// The value of a number word of the lexicon's language from two up (`seven`, `forty`):
/// `one` is too often a pronoun (`no one`, `one of them`) to count.
pub fn number_word(lex: &Lexicon, w: &str) -> Option<u64> {
    lex.number(List::NumberWords, w).and_then(|n| u64::try_from(n).ok()).filter(|&n| n >= 2)
}

/// The integer part of a number written in digits, with `,` thousands separators (`40,000`,
/// `3.5`).
pub fn parse_number(s: &str) -> Option<u64> {
    let digits: String = s.chars().filter(|c| *c != ',').collect();
    let int = digits.split('.').next()?;
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) || int.len() > 15 {
        return None;
    }
    int.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_core::Lang;

    #[test]
    fn numbers_normalise() {
        assert_eq!(parse_number("40,000"), Some(40_000));
        assert_eq!(parse_number("3.5"), Some(3));
        assert_eq!(parse_number("abc"), None);
        assert_eq!(number_word(Lexicon::of(Lang::EN), "twelve"), Some(12));
        assert_eq!(number_word(Lexicon::of(Lang::EN), "forty"), Some(40));
        assert_eq!(number_word(Lexicon::of(Lang::EN), "one"), None);
    }

    #[test]
    fn number_words_of_other_languages() {
        let of = |code: &str| Lexicon::of(code.parse().unwrap());
        for (code, word, n) in [
            ("fr", "douze", 12),
            ("es", "veintiuno", 0),
            ("es", "quince", 15),
            ("pt", "dezessete", 17),
            ("it", "quattordici", 14),
            ("de", "fünfzig", 50),
        ] {
            assert_eq!(number_word(of(code), word), (n > 0).then_some(n), "{code} {word}");
        }
        // Per language: a Spanish number word is no English one.
        assert_eq!(number_word(Lexicon::of(Lang::EN), "once"), None);
    }
}
