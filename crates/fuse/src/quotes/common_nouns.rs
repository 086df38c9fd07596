//! Speakers written like names that are common nouns: an unnamed group, not a person.
//!
//! ## What it does
//!
//! A named speaker that opens its sentence (`Wardens said …`), that the story's entities do not
//! know, and whose every word the story also writes in lower case, in some form (`the chief
//! warden`: the same stem, by the text's language) is a common noun capitalised by its place:
//! the quote becomes anonymous, its speaker the group as written.
//!
//! ## Why
//!
//! An unnamed group (`executives`, `officials`) is not a different speaker from a named member
//! of it: `Wardens said the dam was “built for a century”` and `Chief Warden Ilse Marr said it
//! was “built for a century”` agree. Read as a name, the capitalised plural made an attribution
//! conflict between the group and its spokesperson. The entities stage drops such sentence
//! openers from the story's names on the same sign.
//!
//! ## Example
//!
//! `Wardens said the dam was “built for a century”.` in a story that also writes `the
//! wardens`: an anonymous quote of `Wardens`.
//!
//! ## Limitations
//!
//! A surname that is also a common word (`Young`), written only at the start of sentences and
//! unknown to the entities, is taken for a common noun.
//!
//! ## References
//!
//! Truecasing by the case a word takes elsewhere in the text: Lita et al., *tRuEcasIng*
//! (ACL 2003).

use foldhash::{HashSet, HashSetExt};

use crosscheck_text::Stemmer;

use super::{QuoteMention, SpeakerKind};
use crate::analysis::Context;
use crate::analysis::words::fold;
use crate::quotes::speakers::SpeakerIndex;

/// The words the story writes in lower case, folded.
#[derive(Debug, Default)]
pub(crate) struct LowerForms(HashSet<String>);

impl LowerForms {
    /// The lower-case forms of the story `ctx`.
    pub(crate) fn new(ctx: &Context<'_>) -> LowerForms {
        let mut set = HashSet::new();
        for d in &ctx.docs {
            for w in &d.words {
                if !w.cap && !w.digit && !set.contains(w.key.as_str()) {
                    set.insert(w.key.clone());
                }
            }
        }
        LowerForms(set)
    }

    /// Whether the story writes `word` (folded) in lower case in some form: itself, or a word
    /// of the same stem (`warden` for `wardens`). Only the forms that start with the stem are
    /// stemmed: a speaker is checked against the story's vocabulary, not its every word.
    fn has(&self, word: &str, stemmer: &Stemmer) -> bool {
        if self.0.contains(word) {
            return true;
        }
        let stem = stemmer.stem(word);
        self.0.iter().any(|k| k.starts_with(stem.as_ref()) && stemmer.stem(k) == stem)
    }
}

/// Makes a named speaker that is a capitalised common noun anonymous (see the module doc).
pub(crate) fn unname_common_noun(
    ctx: &Context<'_>,
    di: usize,
    q: &mut QuoteMention,
    lower: &LowerForms,
    speakers: &SpeakerIndex,
) {
    let Some(s) = q.speaker.as_mut() else { return };
    if s.kind != SpeakerKind::Named || s.pronoun.is_some() || speakers.entity(&s.name).is_some() {
        return;
    }
    let d = &ctx.docs[di];
    let at = d.words.partition_point(|w| w.span.start < s.span.start);
    if !d.words.get(at).is_some_and(|w| w.first && w.span.start == s.span.start) {
        return;
    }
    let key = fold(&s.name);
    let stemmer = Stemmer::new(d.article.language);
    if !key.is_empty() && key.split(' ').all(|w| lower.has(w, &stemmer)) {
        s.kind = SpeakerKind::Anonymous;
        s.role = None;
    }
}
