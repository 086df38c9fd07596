//! Word forms and word tests every stage shares.

use std::borrow::Cow;

use crosscheck_text::lexicon::{Lexicon, List};

/// The comparison form of a name: ASCII, lowercase, words separated by one space, possessive
/// and punctuation removed.
pub(crate) fn fold(s: &str) -> String {
    let ascii: Cow<'_, str> =
        if s.is_ascii() { Cow::Borrowed(s) } else { Cow::Owned(any_ascii::any_ascii(s)) };
    let mut out = String::with_capacity(ascii.len());
    for word in ascii.split(|c: char| c.is_whitespace()) {
        let w: String = word
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '&')
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let w = w.trim_matches('-');
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The common verbs of saying (those the lexicon marks `common`: `said`, `told`, `added`…),
/// which follow or precede a person's name.
///
/// The quote finder reads every speech verb; the rules here read only the common ones, as they
/// did before the lists were merged: the wider set changes claim alignment.
pub(crate) fn is_speech_verb(lex: &Lexicon, w: &str) -> bool {
    lex.value(List::SpeechVerbs, w) == Some("common")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_scripts_and_punctuation() {
        assert_eq!(fold("Grabčenko's"), "grabcenkos");
        assert_eq!(fold("  Roads & Bridges  Agency "), "roads & bridges agency");
        assert_eq!(fold("Пекин"), "pekin");
        assert_eq!(fold("U.S."), "us");
    }
}
