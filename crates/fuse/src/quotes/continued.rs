//! A quotation that carries on an attributed one takes its speaker.
//!
//! ## What it does
//!
//! A quote with no speaker that opens its sentence, when the sentence right before it (nothing
//! but spaces and line breaks between them) holds a quoted statement of the same article with
//! a speaker (a quote opening its sentence, or after `X said:` / `X said,`; not a phrase quoted
//! inside narration), takes that speaker. Quotes of fewer than [`MIN_WORDS`] words are left
//! alone. A carried-on speaker is never a side of an attribution conflict (see
//! `group_renderings`): it is inferred, not written.
//!
//! ## Why
//!
//! Reports give a long statement in consecutive quoted paragraphs and name the speaker once:
//! `“We saw the water rise,” Mayor Ana Velkov said.` then `“By noon the quay was gone.”`. The
//! second is hers; left without a speaker it cannot meet another outlet's rendering that names
//! her, and a reader cannot tell who said it.
//!
//! ## Example
//!
//! `“We saw the water rise,” Mayor Ana Velkov said. “By noon the whole quay was gone.”`: the
//! second quote is Ana Velkov's.
//!
//! ## Limitations
//!
//! Only the sentence right after: a quoted paragraph after narration stays without speaker,
//! and so does a quoted title opening a sentence after a quote (rare in news). The speaker is
//! taken as found for the earlier quote, pronoun resolution included.
//!
//! ## References
//!
//! The convention of consecutive quoted paragraphs is described in news style guides (for
//! example the Associated Press Stylebook, "quotation marks": running quotations).

use crate::quotes::QuoteMention;

/// The fewest words a quote needs to carry on another's speaker: shorter quoted phrases that
/// open a sentence are often titles or slogans.
const MIN_WORDS: usize = 4;

/// Gives the quotes of one article's `quotes` (in text order) that carry on the quote of the
/// sentence before them the speaker of that quote; `text` is the article's.
pub(crate) fn carry_on_speakers(text: &str, quotes: &mut [QuoteMention]) {
    for i in 1..quotes.len() {
        let (before, rest) = quotes.split_at_mut(i);
        let q = &mut rest[0];
        if q.speaker.is_some() || q.scare || q.word_count() < MIN_WORDS {
            continue;
        }
        let Some(prev) = before.iter().rev().find(|p| p.marks.end <= q.marks.start) else {
            continue;
        };
        let Some(speaker) = prev.speaker.as_ref() else { continue };
        let opens = text
            .get(q.sentence.start as usize..q.marks.start as usize)
            .is_some_and(|s| s.trim().is_empty());
        // The earlier quote is a statement of its own (`“…,” X said.`, `X said: “…”`), not a
        // phrase quoted inside narration (`serve people “at every stage of life”`).
        let statement = text
            .get(prev.sentence.start as usize..prev.marks.start as usize)
            .is_some_and(|s| s.trim().is_empty() || s.trim_end().ends_with([':', ',']));
        let next = prev.sentence.end <= q.marks.start
            && text
                .get(prev.sentence.end as usize..q.sentence.start.max(prev.sentence.end) as usize)
                .is_some_and(|s| s.trim().is_empty());
        if opens && next && statement {
            q.speaker = Some(speaker.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotes::find_quotes;

    fn speakers(text: &str) -> Vec<Option<String>> {
        let mut quotes = find_quotes(text);
        carry_on_speakers(text, &mut quotes);
        quotes.iter().map(|q| q.speaker.as_ref().map(|s| s.name.clone())).collect()
    }

    #[test]
    fn a_quote_after_an_attributed_one_takes_its_speaker() {
        let text = "“We saw the water rise all morning,” Mayor Ana Velkov said.\n\n“By noon the \
                    whole quay was gone.”";
        assert_eq!(speakers(text), [Some("Ana Velkov".into()), Some("Ana Velkov".into())]);
    }

    #[test]
    fn a_quote_after_a_phrase_quoted_in_narration_or_a_short_one_keeps_no_speaker() {
        // Pages that wrap every paragraph in quotation marks: the second paragraph is no
        // statement of the mayor's.
        let wrapped = "\"Mayor Ana Velkov said the quay would serve people \"at every stage of \
                       life\" for decades.\"\n\"The harbour board has long tried to win back the \
                       river trade from the coast.\"";
        assert_eq!(speakers(wrapped).last(), Some(&None));
        let title = "“We saw the water rise all morning,” Mayor Ana Velkov said. “Harbour Days” \
                     opens on Friday.";
        assert_eq!(speakers(title)[1], None);
    }
}
