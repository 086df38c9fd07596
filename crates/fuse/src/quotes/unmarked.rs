//! Quotes whose marks a page lost: an unmarked sentence of one article that closely renders a
//! quote other articles mark joins that quote's group.
//!
//! ## What it does
//!
//! After the quotes of every article are grouped, each group that has a speaker is looked for
//! in the articles it has no rendering in. A sentence of such an article (a prose sentence that
//! holds no quotation mark and overlaps no quotation) gives one candidate rendering:
//!
//! - the words before a closing attribution: a last comma followed by at most
//!   `ATTRIBUTION_WORDS` words with a speech verb of the language (`…, she said.`, `…, said the
//!   mayor.`);
//! - the words after an opening attribution: a speech verb in the first `ATTRIBUTION_WORDS`
//!   words followed by a colon or a comma (`The mayor said: …`);
//! - the whole sentence when it has no speech verb (the next sentence of a quote that ran on).
//!
//! A sentence with a speech verb anywhere else is reported speech and gives none. The candidate
//! joins a group when it shares at least `MIN_SHARED` content words with one of the group's
//! renderings in the same language (the quote grouping's content stems, spelling variants
//! matched as there) and these are at least `MIN_SHARE` of the shorter side's. It joins the
//! group it shares the most with, and a group takes one candidate per article, the closest. The
//! rendering is the candidate's words without the attribution; its speaker is the group's.
//!
//! ## Why
//!
//! Scraped pages lose non-ASCII characters, curly quotation marks among them: one outlet's
//! copy then writes a judge's words as plain prose, and the quote finder, which sees only
//! marked quotes, counts one rendering fewer than there are.
//!
//! ## Example
//!
//! With `“The old quay will carry trams again before the autumn fairs open,” Mayor Ines Kolar
//! said.` in one article, another's `The old quay will carry trams again before the autumn
//! fairs, she said.` becomes a second rendering of Ines Kolar's quote, its span the words before
//! `, she said`. `The quay reopened to 40 trams, officials said.` shares too few words with any
//! quote and stays a plain sentence.
//!
//! ## Limitations
//!
//! - Only quotes some article marks are found: a quote every outlet lost its marks on stays
//!   prose.
//! - The match is lexical: a close reported-speech paraphrase of a marked quote without a
//!   speech verb in it (rare) joins the group; a rendering reworded past `MIN_SHARE` stays out.
//! - An unmarked rendering names no speaker of its own, so it is never a side of an
//!   attribution conflict.

use foldhash::{HashMap, HashMapExt};

use crosscheck_core::{Lang, Span};
use crosscheck_text::{Stemmer, sentences};

use super::group::{content_stems, words_match};
use super::speaker::{self, Rules};
use super::{QuoteGroup, QuoteMention, QuoteRef, pair_marks};

/// Content words a candidate must share with a rendering of the quote.
const MIN_SHARED: usize = 6;
/// Share of the shorter side's content words that must be shared.
const MIN_SHARE: f64 = 0.6;
/// Exact stems a candidate must share with a rendering before spelling variants are compared.
const MIN_EXACT: usize = 3;
/// Most words of an attribution (`, said the city's deputy mayor`).
const ATTRIBUTION_WORDS: usize = 7;

/// A sentence, or its part, that may render a quote.
struct Candidate {
    span: Span,
    sentence: Span,
    stems: Vec<(String, bool)>,
}

/// Adds to `groups` the unmarked renderings of their quotes (see the module's documentation):
/// each becomes a mention appended to its article's `mentions` and a member of its group.
/// `texts` and `langs` are the articles'; `prose` says whether a sentence of an article is
/// prose (not a headline or a page's chrome).
pub(crate) fn add_unmarked(
    texts: &[&str],
    langs: &[Lang],
    mentions: &mut [Vec<QuoteMention>],
    groups: &mut [QuoteGroup],
    prose: impl Fn(usize, Span) -> bool,
) {
    let stemmer = Stemmer::new(Lang::EN);
    // The renderings that can be matched: (group, article, stems), and an index by stem.
    let mut renderings: Vec<(usize, usize, Vec<(String, bool)>)> = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        if group.speaker.is_none() {
            continue;
        }
        for r in &group.members {
            let stems = content_stems(&mentions[r.article][r.quote].text, &stemmer);
            if stems.len() >= MIN_SHARED {
                renderings.push((g, r.article, stems));
            }
        }
    }
    if renderings.is_empty() {
        return;
    }
    let mut index: HashMap<&str, Vec<u32>> = HashMap::new();
    for (i, (_, _, stems)) in renderings.iter().enumerate() {
        for (s, _) in stems {
            index.entry(s.as_str()).or_default().push(i as u32);
        }
    }
    // Per (group, article), the closest candidate: its share and the candidate.
    let mut best: HashMap<(usize, usize), (f64, usize)> = HashMap::new();
    let mut candidates = Vec::new();
    let mut hits: HashMap<u32, usize> = HashMap::new();
    for (a, &text) in texts.iter().enumerate() {
        for c in candidates_of(text, langs[a], &stemmer, |s| prose(a, s)) {
            hits.clear();
            for (s, _) in &c.stems {
                for &i in index.get(s.as_str()).map_or(&[][..], Vec::as_slice) {
                    *hits.entry(i).or_insert(0) += 1;
                }
            }
            let mut top: Option<(usize, f64)> = None;
            for (&i, &n) in &hits {
                let (g, from, stems) = &renderings[i as usize];
                if n < MIN_EXACT
                    || !same_language(langs[*from], langs[a])
                    || groups[*g].members.iter().any(|r| r.article == a)
                {
                    continue;
                }
                let (shared, words) = shared(&c.stems, stems);
                let share = shared as f64 / words.max(1) as f64;
                if shared >= MIN_SHARED
                    && share >= MIN_SHARE
                    && top.is_none_or(|(tg, ts)| share > ts || (share == ts && *g < tg))
                {
                    top = Some((*g, share));
                }
            }
            if let Some((g, share)) = top {
                let k = candidates.len();
                candidates.push(c);
                let slot = best.entry((g, a)).or_insert((share, k));
                if share > slot.0 {
                    *slot = (share, k);
                }
            }
        }
    }
    let mut chosen: Vec<((usize, usize), (f64, usize))> = best.into_iter().collect();
    chosen.sort_unstable_by_key(|&(key, (_, k))| (key, k));
    for ((g, a), (_, k)) in chosen {
        let c = &candidates[k];
        let Some(words) = texts[a].get(c.span.range()) else { continue };
        let quote = mentions[a].len();
        mentions[a].push(QuoteMention {
            span: c.span,
            text: words.to_string(),
            marks: c.span,
            sentence: c.sentence,
            speaker: None,
            scare: false,
        });
        groups[g].members.push(QuoteRef { article: a, quote });
        groups[g].members.sort_unstable();
    }
}

/// Whether two articles' languages can share a quote's words.
fn same_language(a: Lang, b: Lang) -> bool {
    a == b || a.is_unknown() || b.is_unknown()
}

/// The content words of a candidate found among a rendering's (spelling variants matched):
/// names and numbers left out of both counts, as the story's vocabulary rather than the quote's.
/// Returns the words shared and the candidate's words.
fn shared(candidate: &[(String, bool)], rendering: &[(String, bool)]) -> (usize, usize) {
    let words = candidate.iter().filter(|(s, name)| !name && !s.chars().all(|c| c.is_ascii_digit()));
    let (mut shared, mut total) = (0, 0);
    for (s, _) in words {
        total += 1;
        let found = rendering.binary_search_by(|(l, _)| l.as_str().cmp(s)).is_ok()
            || rendering.iter().any(|(l, _)| words_match(s, l));
        shared += usize::from(found);
    }
    (shared, total)
}

/// The candidate renderings of an article's text: one per prose sentence without quotation
/// marks, the attribution left out (see the module's documentation).
fn candidates_of(
    text: &str,
    lang: Lang,
    stemmer: &Stemmer,
    prose: impl Fn(Span) -> bool,
) -> Vec<Candidate> {
    let rules = Rules::of(lang);
    let marks: Vec<Span> = pair_marks(text).iter().map(|p| p.marks).collect();
    let mut out = Vec::new();
    for s in sentences(text, Lang::UNKNOWN, &marks) {
        let sent = s.span;
        let overlaps = marks.iter().any(|m| m.start < sent.end && sent.start < m.end);
        if overlaps || !prose(sent) || s.text.contains(is_mark) {
            continue;
        }
        let ws = speaker::words(text, sent, &[], rules);
        let Some(span) = quoted_part(&ws) else { continue };
        let Some(words) = text.get(span.range()) else { continue };
        let stems = content_stems(words, stemmer);
        if stems.len() >= MIN_SHARED {
            out.push(Candidate { span, sentence: sent, stems });
        }
    }
    out
}

/// Whether a character is a quotation mark.
fn is_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '「' | '」' | '『' | '』')
}

/// The part of a sentence's words `ws` that can be a quote: before a closing attribution, after
/// an opening one, or the whole sentence when it has no speech verb.
fn quoted_part(ws: &[speaker::Word<'_>]) -> Option<Span> {
    let (first, last) = (ws.first()?, ws.last()?);
    let alpha_after = |i: usize| ws[i + 1..].iter().filter(|w| w.alpha).count();
    // `…, she said.`
    if let Some(comma) = ws.iter().rposition(|w| w.text == ",")
        && comma > 0
        && alpha_after(comma) <= ATTRIBUTION_WORDS
        && ws[comma + 1..].iter().any(|w| w.speech)
    {
        return Some(Span::from_usize(first.start, ws[comma - 1].end));
    }
    // `The mayor said: …`
    if let Some(p) = ws.iter().take(ATTRIBUTION_WORDS + 1).position(|w| matches!(w.text, ":" | ","))
        && ws[..p].iter().any(|w| w.speech)
        && p + 1 < ws.len()
    {
        return Some(Span::from_usize(ws[p + 1].start, last.end));
    }
    (!ws.iter().any(|w| w.speech)).then(|| Span::from_usize(first.start, last.end))
}
