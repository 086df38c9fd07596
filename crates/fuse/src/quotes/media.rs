//! News media named as the medium of a quote: never its speaker, nor a side of an attribution
//! conflict.
//!
//! ## What it does
//!
//! [`Media`] holds the names the story knows as news media:
//! - a news agency of the `news_agencies` list (`Reuters`, `AFP`);
//! - the outlet of one of the story's articles, by its name or its web address (`theguardian.com`
//!   is `The Guardian`, an article written in every language aside);
//! - a name that one of the story's texts writes as the subject of a reporting word closing its
//!   clause (`…, the Courier reports.`, `the Courier reported,`: the `reporting_words` list of
//!   the text's language).
//!
//! A quote attributed to a medium through a source word (`according to the Courier`: the
//! `source_words` list) is given to the name that opens its sentence instead, when the story's
//! entities know it (`Judge Ilse Marr accused the board of “…”, according to the Courier` is
//! Ilse Marr's), and to no one otherwise. A medium is never a side of an
//! attribution conflict, whatever the cue: an outlet that carries a quote does not contradict
//! the person another outlet names.
//!
//! ## Why
//!
//! Outlets cite each other: the one that names where it read a quote (`according to the
//! Courier`) is not saying someone else spoke it. Read as a speaker, the source made an
//! attribution conflict of a quote all reports gave to one person.
//!
//! ## Example
//!
//! `Judge Ilse Marr faulted the board for “a wall against the tide,” according to the Courier.` and
//! `Judge Ilse Marr said the ruling was “a wall against the tide,” the Courier reports.`: one
//! quote of Ilse Marr, no conflict.
//!
//! ## Limitations
//!
//! A medium the story knows by none of these signs (named once, by `according to` alone) stays
//! a speaker. A company whose own web address carries a report (a press release) is a medium
//! of that story. An outlet that speaks for itself (`“We stand by our reporting,” the Courier
//! said`) keeps the quote, but no attribution conflict is raised over it.
//!
//! ## References
//!
//! Pareti, *Attribution: A Computational Approach* (doctoral thesis, Edinburgh, 2015), on sources
//! versus the media that relay them.

use foldhash::HashSet;

use crosscheck_text::lexicon::{Lexicon, List};

use super::{QuoteMention, SpeakerKind};
use crate::analysis::Context;
use crate::analysis::words::fold;
use crate::quotes::speakers::SpeakerIndex;

/// Shortest outlet name, in letters, matched against a web address: a shorter one (`AP`) is
/// part of too many addresses.
const MIN_ADDRESS_NAME: usize = 4;

/// The names the story knows as news media, folded (see [`fold`]), without a leading article.
#[derive(Debug, Default)]
pub(crate) struct Media {
    /// Names from the story's texts and outlet names.
    names: HashSet<String>,
    /// The main label of each article's web address (`theguardian` of `www.theguardian.com`).
    hosts: HashSet<String>,
}

impl Media {
    /// The media of the story `ctx`.
    pub(crate) fn new(ctx: &Context<'_>) -> Media {
        let mut media = Media::default();
        for d in &ctx.docs {
            let Some(outlet) = d.article.outlet.as_deref() else { continue };
            let outlet = outlet.trim();
            if outlet.contains('.') && !outlet.contains(char::is_whitespace) {
                if let Some(label) = host_label(outlet) {
                    media.hosts.insert(label);
                }
            } else {
                media.names.insert(bare(&fold(outlet)));
            }
        }
        // Names written as the subject of a reporting word that closes its clause.
        for (di, d) in ctx.docs.iter().enumerate() {
            let lex = Lexicon::of(d.article.language);
            for m in &ctx.entities.mentions[di] {
                let next = m.words.1 as usize;
                let Some(w) = d.words.get(next) else { continue };
                let after = d.article.text.get(w.span.end as usize..).unwrap_or_default();
                let after = after.trim_start();
                if w.sent == d.words[m.words.0 as usize].sent
                    && lex.has(List::ReportingWords, &w.key)
                    && (after.is_empty() || after.starts_with([',', '.', ';']))
                {
                    media.names.insert(bare(&fold(d.text(m.span))));
                }
            }
        }
        media
    }

    /// Whether `name` is a news medium of the story.
    pub(crate) fn is_medium(&self, name: &str) -> bool {
        let key = bare(&fold(name));
        if key.is_empty() {
            return false;
        }
        if self.names.contains(&key) || Lexicon::common().has(List::NewsAgencies, &key) {
            return true;
        }
        let letters: String = key.chars().filter(char::is_ascii_alphanumeric).collect();
        letters.len() >= MIN_ADDRESS_NAME
            && self.hosts.iter().any(|h| {
                h.strip_suffix(letters.as_str())
                    .is_some_and(|head| head.is_empty() || Lexicon::any(List::Articles, head))
            })
    }
}

/// Gives a quote attributed to a medium through a source word to the person that opens its
/// sentence, or to no one (see the module doc).
pub(crate) fn unmedium(
    ctx: &Context<'_>,
    di: usize,
    q: &mut QuoteMention,
    media: &Media,
    speakers: &SpeakerIndex,
) {
    let Some(s) = q.speaker.as_ref() else { return };
    let d = &ctx.docs[di];
    if s.kind != SpeakerKind::Named
        || !Lexicon::of(d.article.language).has(List::SourceWords, &s.cue)
        || !media.is_medium(&s.name)
    {
        return;
    }
    // A name the entities know (a person or an organisation; places are never speakers).
    let opener = super::sentence_opener(&d.article.text, q.sentence, q.marks, d.article.language)
        .filter(|o| speakers.entity(&o.name).is_some() && !media.is_medium(&o.name));
    q.speaker = opener.map(|mut o| {
        o.cue.clone_from(&s.cue);
        o
    });
}

/// A folded name without its leading article (`the guardian` is `guardian`).
fn bare(key: &str) -> String {
    match key.split_once(' ') {
        Some((head, rest)) if Lexicon::any(List::Articles, head) => rest.to_string(),
        _ => key.to_string(),
    }
}

/// The main label of a web address: the one before its top-level domain, or before a short
/// second-level one under a country's domain (`vell` of `news.vell.co.uk`), folded; `None` for
/// a numeric address.
fn host_label(host: &str) -> Option<String> {
    let host = host.split(['/', ':']).next()?.to_lowercase();
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    if labels.iter().all(|l| l.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let (&top, rest) = labels.split_last()?;
    let (&second, rest) = rest.split_last()?;
    let label = match rest.last() {
        Some(&third) if top.len() == 2 && second.len() <= 3 => third,
        _ => second,
    };
    Some(label.chars().filter(char::is_ascii_alphanumeric).collect())
}

#[cfg(test)]
mod tests {
    use crosscheck_core::Lang;

    use super::*;

    #[test]
    fn opener_of_a_relayed_quote() {
        let text = "Judge Ilse Marr heard the appeal and faulted the board for \u{201c}a wall against \
                    the tide,\u{201d} according to The Courier.";
        let q = &crate::quotes::find_quotes_in(text, Lang::EN)[0];
        assert_eq!(q.speaker.as_ref().map(|s| s.name.as_str()), Some("Courier"));
        let o = crate::quotes::sentence_opener(text, q.sentence, q.marks, Lang::EN);
        assert_eq!(o.map(|o| o.name), Some("Ilse Marr".to_string()), "{q:?}");
    }

    #[test]
    fn host_labels() {
        assert_eq!(host_label("www.thevellcourier.com").as_deref(), Some("thevellcourier"));
        assert_eq!(host_label("news.vell.co.uk").as_deref(), Some("vell"));
        assert_eq!(host_label("vell.com").as_deref(), Some("vell"));
        assert_eq!(host_label("vell.news.com").as_deref(), Some("news"));
        assert_eq!(host_label("10.0.0.1"), None);
        assert_eq!(host_label("localhost"), None);
    }
}
