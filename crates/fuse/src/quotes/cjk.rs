//! Speakers of quotes in text written without spaces (Chinese, Japanese).
//!
//! ## What it does
//!
//! Reads the attribution around a quotation whose neighbouring characters are ideographs or
//! kana, with the speech verbs of the language (`speech_verbs.txt`):
//! - the speaker and verb before the quote, up to a colon or comma: `X表示：「…」`, `X說，“…”`;
//! - the speaker and verb after it: `「…」X表示。`, `“…”，X说。`;
//! - a verb right after it with the quotative particle (`「…」と述べた`, the list holds the
//!   cue with its particle): the speaker is the subject of the sentence, the words before its
//!   first subject particle (`subject_particles.txt`: `Xは「…」と語った`).
//!
//! The speaker phrase runs back to the nearest punctuation and is cut before a word of
//! `speaker_breaks.txt` (`在` of `X在記者會上表示`) and after a name suffix (`氏`).
//!
//! ## Why
//!
//! The word rules of [`super::find_quotes_in`] read words between spaces and capitals, which
//! Chinese and Japanese do not write: their quotes had no speakers.
//!
//! ## Example
//!
//! `林志明表示：「橋樑下月重開。」` gives the quote a speaker `林志明` (cue `表示`).
//!
//! ## Limitations
//!
//! No segmentation: a speaker phrase is everything between the punctuation and the verb, a role
//! included (`港務局局長林志明`); an indirect report without quotation marks is not a quote.

use crosscheck_core::{Lang, Span};
use crosscheck_text::lexicon::{Lexicon, List};

use super::{Speaker, SpeakerKind};

/// Punctuation that ends a speaker phrase read back from its verb.
const STOPS: &[char] = &[
    '。', '，', '、', '！', '？', '；', '：', '\n', '」', '』', '”', '「', '『', '“', '】', '【',
    ',', '.', ':', ';', '!', '?',
];
/// Longest speaker phrase, in characters: beyond it the phrase is a clause, not a name.
const MAX_SPEAKER_CHARS: usize = 16;

/// Whether `c` is an ideograph or kana.
fn cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// Whether the quotation at `marks` sits in text written without spaces: an ideograph or kana
/// among the few characters on either side (past a colon or a full stop).
pub(super) fn applies(text: &str, marks: Span) -> bool {
    let before = text.get(..marks.start as usize).unwrap_or("");
    let after = text.get(marks.end as usize..).unwrap_or("");
    before.chars().rev().take(NEAR).any(cjk) || after.chars().take(NEAR).any(cjk)
}

/// How many characters on each side of a quotation tell its script.
const NEAR: usize = 3;

/// The speaker of the quotation at `marks`, read with the lists of `lang` (every language's
/// when it is not known).
pub(super) fn attribute(text: &str, marks: Span, lang: Lang) -> Option<Speaker> {
    if lang.is_unknown() {
        Lexicon::languages().find_map(|l| attribute_with(text, marks, Lexicon::of(l)))
    } else {
        attribute_with(text, marks, Lexicon::of(lang))
    }
}

fn attribute_with(text: &str, marks: Span, lex: &Lexicon) -> Option<Speaker> {
    let (start, end) = (marks.start as usize, marks.end as usize);
    let after = text.get(end..)?;
    // After the quote: a cue right away (`と述べた`), or a speaker and its verb.
    let lead = after.len() - after.trim_start_matches([' ', '，', ',']).len();
    let tail_start = end + lead;
    let tail = phrase_after(text.get(tail_start..)?);
    if let Some(cue) = verb_at_start(lex, tail) {
        return subject_before(text, start, lex).map(|(name, span)| speaker(name, span, cue));
    }
    if let Some((v, cue)) = verb_in(lex, tail)
        && let Some((a, b)) = trim_speaker(lex, tail, 0, v)
    {
        let span = Span::from_usize(tail_start + a, tail_start + b);
        return Some(speaker(&text[span.range()], span, cue));
    }
    // Before the quote: a speaker and its verb, up to a colon or a comma.
    let before = text.get(..start)?;
    let head_end = before.trim_end_matches([' ', '：', ':', '，', ',']).len();
    let head_start = before[..head_end]
        .rfind(STOPS)
        .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    let head = &before[head_start..head_end];
    let (v, cue) = lex
        .words(List::SpeechVerbs)
        .filter(|c| head.ends_with(c))
        .max_by_key(|c| c.len())
        .map(|c| (head.len() - c.len(), c))?;
    let (a, b) = trim_speaker(lex, head, 0, v)?;
    let span = Span::from_usize(head_start + a, head_start + b);
    Some(speaker(&text[span.range()], span, cue))
}

fn speaker(name: &str, span: Span, cue: &str) -> Speaker {
    Speaker {
        name: name.to_string(),
        role: None,
        kind: SpeakerKind::Named,
        span,
        pronoun: None,
        cue: cue.to_string(),
    }
}

/// The text after a quotation up to the next punctuation.
fn phrase_after(after: &str) -> &str {
    after.find(STOPS).map_or(after, |i| &after[..i])
}

/// The longest speech verb `s` starts with.
fn verb_at_start(lex: &Lexicon, s: &str) -> Option<&'static str> {
    lex.words(List::SpeechVerbs).filter(|c| s.starts_with(c)).max_by_key(|c| c.len())
}

/// The first speech verb inside `s` after at least one character, with its byte offset.
fn verb_in(lex: &Lexicon, s: &str) -> Option<(usize, &'static str)> {
    s.char_indices().skip(1).find_map(|(i, _)| verb_at_start(lex, &s[i..]).map(|c| (i, c)))
}

/// The speaker phrase within `s[a..b]`: cut before a break word and after a name suffix,
/// trimmed; `None` when nothing or too much is left.
fn trim_speaker(lex: &Lexicon, s: &str, a: usize, b: usize) -> Option<(usize, usize)> {
    let mut b = b;
    let phrase = s.get(a..b)?;
    // The first break word after the first character ends the name.
    if let Some(i) = phrase
        .char_indices()
        .skip(1)
        .map(|(i, _)| i)
        .find(|&i| lex.words(List::SpeakerBreaks).any(|w| phrase[i..].starts_with(w)))
    {
        b = a + i;
    }
    let phrase = s.get(a..b)?;
    let trimmed = phrase.trim();
    let a = a + (phrase.len() - phrase.trim_start().len());
    let mut b = a + trimmed.len();
    if let Some(rest) = lex.words(List::NameSuffixes).find_map(|x| trimmed.strip_suffix(x))
        && !rest.is_empty()
    {
        b = a + rest.len();
    }
    let n = s.get(a..b)?.chars().count();
    (n > 0 && n <= MAX_SPEAKER_CHARS && s[a..b].chars().all(|c| !c.is_whitespace() || c == ' '))
        .then_some((a, b))
}

/// The subject of the sentence holding a quotation that opens at `start`: the words before the
/// sentence's first subject particle, after the last comma before it.
fn subject_before<'t>(text: &'t str, start: usize, lex: &Lexicon) -> Option<(&'t str, Span)> {
    let before = text.get(..start)?;
    let s = before
        .rfind(['。', '！', '？', '\n', '」', '』'])
        .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    let sentence = &before[s..];
    let p = sentence
        .char_indices()
        .skip(1)
        .map(|(i, _)| i)
        .find(|&i| lex.words(List::SubjectParticles).any(|w| sentence[i..].starts_with(w)))?;
    let from = sentence[..p]
        .rfind(['、', '，', ','])
        .map_or(0, |i| i + sentence[i..].chars().next().map_or(1, char::len_utf8));
    let (a, b) = trim_speaker(lex, sentence, from, p)?;
    let span = Span::from_usize(s + a, s + b);
    Some((&text[span.range()], span))
}
