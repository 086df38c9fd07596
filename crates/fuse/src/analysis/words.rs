//! Word forms and word tests every stage shares.

use std::borrow::Cow;

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

/// Verbs of saying that follow or precede a person's name.
pub(crate) fn is_speech_verb(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "told"
            | "tells"
            | "added"
            | "adds"
            | "stated"
            | "explained"
            | "warned"
            | "wrote"
            | "announced"
            | "insisted"
            | "argued"
            | "noted"
            | "recalled"
            | "asked"
            | "replied"
            | "confirmed"
            | "declared"
            | "stressed"
            | "acknowledged"
            | "admitted"
    )
}
