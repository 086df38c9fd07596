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
//! joins a group when one of the group's renderings in the same language holds, in the same
//! order, at least `MIN_SHARED` of its content words (the quote grouping's stems, spelling
//! variants matched as there; names and numbers left out, as the story's vocabulary) and at
//! least `MIN_SHARE` (0.6) of them; a whole sentence without attribution needs
//! `VERBATIM_SHARE` (0.8): a copy, not a paraphrase. It joins the group it shares the most
//! with, and a group takes one candidate per article, the closest. The rendering is the
//! candidate's words without the attribution (and without single quotation marks, which the
//! quote finder leaves alone); its speaker is the group's.
//!
//! ## Why
//!
//! Scraped pages lose non-ASCII characters, curly quotation marks among them: one outlet's
//! copy then writes a judge's words as plain prose, and the quote finder, which sees only
//! marked quotes, counts one rendering fewer than there are.
//!
//! ## Example
//!
//! With `“The old quay will carry trams again before the autumn fairs open, and every stall on
//! it will have power,” Mayor Ines Kolar said.` in one article, another's `The old quay will
//! carry trams again before the autumn fairs open, and each stall on it will have power, she
//! said.` becomes a second rendering of Ines Kolar's quote, its span the words before `, she
//! said`. `Forty trams were stranded when the old quay flooded before the autumn fairs,
//! officials said.` keeps too few of the quote's words in order and stays a plain sentence.
//!
//! ## Limitations
//!
//! - Only quotes some article marks are found: a quote every outlet lost its marks on stays
//!   prose.
//! - The match is lexical: a close reported-speech paraphrase of a marked quote with a closing
//!   attribution (`…, officials said`) joins the group when it keeps 60% of its words in
//!   order; a rendering reworded further stays out, and so does indirect speech (`X said the
//!   quay would …`) however close.
//! - An unmarked rendering names no speaker of its own, so it is never a side of an
//!   attribution conflict.
//! - Stems are those of each article's language (Snowball), as in quote grouping; a stem held
//!   by more than
//!   `MAX_POSTINGS` distinct renderings does not point to candidates (it still counts in the
//!   comparison), which bounds the cost on stories of thousands of quotes.

use foldhash::{HashMap, HashMapExt};

use crosscheck_core::{Lang, Span};
use crosscheck_text::Stemmer;

use super::group::{content_words, content_words_with, stemmer_for, words_match};
use super::speaker::{self, Rules};
use super::{QuoteGroup, QuoteMention, QuoteRef, pair_marks};

/// Content words a candidate must share, in order, with a rendering of the quote.
const MIN_SHARED: usize = 6;
/// Share of a candidate's content words that a rendering must hold in the same order, when an
/// attribution is attached to the candidate.
const MIN_SHARE: f64 = 0.6;
/// The share for a whole sentence without an attribution: nearly the rendering's words.
const VERBATIM_SHARE: f64 = 0.8;
/// Exact stems a candidate must share with a rendering before the order is compared.
const MIN_EXACT: usize = 3;
/// A stem held by more distinct renderings than this is the story's common vocabulary: it
/// does not point to the renderings a sentence may match (it still counts in the comparison).
const MAX_POSTINGS: usize = 256;
/// Most words of an attribution (`, said the city's deputy mayor`).
const ATTRIBUTION_WORDS: usize = 7;

/// A sentence, or its part, that may render a quote.
struct Candidate {
    span: Span,
    sentence: Span,
    /// Its sorted content stems (to find the renderings that share some).
    stems: Vec<String>,
    /// Its content words in order, names and numbers left out.
    words: Vec<String>,
    /// The share of its words a rendering must hold.
    bar: f64,
}

/// The quote grouping's content stems (see `content_words`) in each article's language, each
/// word stemmed once per story and language.
struct Stems {
    stemmers: Vec<Stemmer>,
    known: HashMap<(Lang, String), Option<String>>,
}

impl Stems {
    fn new() -> Stems {
        Stems { stemmers: Vec::new(), known: HashMap::new() }
    }

    /// The content stems of `text`, written in `lang`, in order, flagged when names.
    fn of(&mut self, text: &str, lang: Lang) -> Vec<(String, bool)> {
        let Stems { stemmers, known } = self;
        let k = stemmer_for(stemmers, lang);
        let stemmer = &stemmers[k];
        content_words_with(text, |w| {
            known
                .entry((lang, w.to_string()))
                .or_insert_with(|| content_words(w, stemmer).pop().map(|(s, _)| s))
                .clone()
        })
    }
}

/// The content words of stems in order, names and numbers left out: those are the story's
/// vocabulary rather than the quote's.
fn quote_words(stems: &[(String, bool)]) -> Vec<String> {
    stems
        .iter()
        .filter(|(s, name)| !name && !s.chars().all(|c| c.is_ascii_digit()))
        .map(|(s, _)| s.clone())
        .collect()
}

/// Sorted distinct stems.
fn distinct(stems: &[(String, bool)]) -> Vec<String> {
    let mut out: Vec<String> = stems.iter().map(|(s, _)| s.clone()).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Adds to `groups` the unmarked renderings of their quotes (see the module's documentation):
/// each becomes a mention appended to its article's `mentions` and a member of its group.
/// `texts` and `langs` are the articles', `prose` their prose sentences (headlines and a page's
/// chrome left out).
pub(crate) fn add_unmarked(
    texts: &[&str],
    langs: &[Lang],
    prose: &[Vec<Span>],
    mentions: &mut [Vec<QuoteMention>],
    groups: &mut [QuoteGroup],
) {
    let mut stems = Stems::new();
    // The distinct renderings that can be matched: (group, their languages, words in order),
    // copies of one wording counted once; and an index of their stems.
    let mut renderings: Vec<(usize, Vec<Lang>, Vec<String>)> = Vec::new();
    let mut seen: HashMap<(usize, Vec<String>), usize> = HashMap::new();
    for (g, group) in groups.iter().enumerate() {
        if group.speaker.is_none() {
            continue;
        }
        for r in &group.members {
            let lang = langs[r.article];
            let words = quote_words(&stems.of(&mentions[r.article][r.quote].text, lang));
            if words.len() < MIN_SHARED {
                continue;
            }
            let at = *seen.entry((g, words.clone())).or_insert_with(|| {
                renderings.push((g, Vec::new(), words));
                renderings.len() - 1
            });
            if !renderings[at].1.contains(&lang) {
                renderings[at].1.push(lang);
            }
        }
    }
    drop(seen);
    if renderings.is_empty() {
        return;
    }
    // Per group, its articles, sorted.
    let held: Vec<Vec<usize>> = groups
        .iter()
        .map(|g| {
            let mut a: Vec<usize> = g.members.iter().map(|r| r.article).collect();
            a.dedup();
            a
        })
        .collect();
    let mut index: HashMap<&str, Vec<u32>> = HashMap::new();
    for (i, (_, _, words)) in renderings.iter().enumerate() {
        let mut distinct: Vec<&str> = words.iter().map(String::as_str).collect();
        distinct.sort_unstable();
        distinct.dedup();
        for w in distinct {
            index.entry(w).or_default().push(i as u32);
        }
    }
    // Per (group, article), the closest candidate: its share and the candidate.
    let mut best: HashMap<(usize, usize), (f64, usize)> = HashMap::new();
    let mut candidates = Vec::new();
    let mut hits: HashMap<u32, usize> = HashMap::new();
    for (a, &text) in texts.iter().enumerate() {
        // A sentence that shares fewer than `MIN_EXACT` stems with every rendering it could join
        // can give no candidate.
        let usable = |i: u32| {
            let (g, from, _) = &renderings[i as usize];
            from.iter().any(|&l| same_language(l, langs[a])) && held[*g].binary_search(&a).is_err()
        };
        let known = |s: &[String]| {
            let mut ids: Vec<u32> = s
                .iter()
                .filter_map(|s| index.get(s.as_str()))
                .filter(|p| p.len() <= MAX_POSTINGS)
                .flatten()
                .copied()
                .collect();
            ids.sort_unstable();
            ids.chunk_by(|x, y| x == y).any(|run| run.len() >= MIN_EXACT && usable(run[0]))
        };
        for c in candidates_of(text, langs[a], &prose[a], &mut stems, known) {
            hits.clear();
            for s in &c.stems {
                let postings = index.get(s.as_str()).map_or(&[][..], Vec::as_slice);
                if postings.len() > MAX_POSTINGS {
                    continue;
                }
                for &i in postings {
                    *hits.entry(i).or_insert(0) += 1;
                }
            }
            let mut top: Option<(usize, f64)> = None;
            // In rendering order, so groups in order: the first of equals wins.
            let mut order: Vec<(u32, usize)> = hits.iter().map(|(&i, &n)| (i, n)).collect();
            order.sort_unstable();
            for (i, n) in order {
                let (g, from, words) = &renderings[i as usize];
                if n < MIN_EXACT
                    || !from.iter().any(|&l| same_language(l, langs[a]))
                    || held[*g].binary_search(&a).is_ok()
                {
                    continue;
                }
                let shared = in_order(&c.words, words);
                let share = shared as f64 / c.words.len().max(1) as f64;
                if shared >= MIN_SHARED && share >= c.bar && top.is_none_or(|(_, ts)| share > ts) {
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

/// How many words of `a` are found in `b` in the same order (the longest common subsequence,
/// spelling variants matched as in quote grouping).
fn in_order(a: &[String], b: &[String]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            row[j + 1] =
                if x == y || words_match(x, y) { prev[j] + 1 } else { row[j].max(prev[j + 1]) };
        }
        std::mem::swap(&mut prev, &mut row);
    }
    prev[b.len()]
}

/// The candidate renderings of an article's text: one per prose sentence without quotation
/// marks that holds stems the renderings hold (`known`), the attribution left out (see the
/// module's documentation).
fn candidates_of(
    text: &str,
    lang: Lang,
    prose: &[Span],
    stems: &mut Stems,
    known: impl Fn(&[String]) -> bool,
) -> Vec<Candidate> {
    let rules = Rules::of(lang);
    let marks: Vec<Span> = pair_marks(text).iter().map(|p| p.marks).collect();
    let mut out = Vec::new();
    for &sent in prose {
        let Some(words) = text.get(sent.range()) else { continue };
        let overlaps = marks.iter().any(|m| m.start < sent.end && sent.start < m.end);
        if overlaps || words.contains(is_mark) || !known(&distinct(&stems.of(words, lang))) {
            continue;
        }
        let ws = speaker::words(text, sent, &[], rules);
        let Some((span, attributed)) = quoted_part(text, &ws) else { continue };
        let Some(part) = text.get(span.range()) else { continue };
        let of_part = stems.of(part, lang);
        let words = quote_words(&of_part);
        if words.len() >= MIN_SHARED {
            let stems = distinct(&of_part);
            let bar = if attributed { MIN_SHARE } else { VERBATIM_SHARE };
            out.push(Candidate { span, sentence: sent, stems, words, bar });
        }
    }
    out
}

/// Whether a character is a quotation mark.
fn is_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '「' | '」' | '『' | '』')
}

/// The part of a sentence's words `ws` that can be a quote, and whether an attribution is
/// attached to it: before a closing attribution, after an opening one, or the whole sentence
/// when it has no speech verb. Single quotation marks around it are left out.
fn quoted_part(text: &str, ws: &[speaker::Word<'_>]) -> Option<(Span, bool)> {
    let (first, last) = (ws.first()?, ws.last()?);
    let alpha_after = |i: usize| ws[i + 1..].iter().filter(|w| w.alpha).count();
    let (start, end, attributed) = if let Some(comma) = ws.iter().rposition(|w| w.text == ",")
        && comma > 0
        && alpha_after(comma) <= ATTRIBUTION_WORDS
        && ws[comma + 1..].iter().any(|w| w.speech)
    {
        // `…, she said.`
        (first.start, ws[comma - 1].end, true)
    } else if let Some(p) =
        ws.iter().take(ATTRIBUTION_WORDS + 1).position(|w| matches!(w.text, ":" | ","))
        && ws[..p].iter().any(|w| w.speech)
        && p + 1 < ws.len()
    {
        // `The mayor said: …`
        (ws[p + 1].start, last.end, true)
    } else if ws.iter().any(|w| w.speech) {
        return None;
    } else {
        (first.start, last.end, false)
    };
    let part = text.get(start..end)?;
    let single = ['\'', '‘', '’'];
    let inner = part.trim_start_matches(single);
    let lead = part.len() - inner.len();
    let inner = inner.trim_end_matches(single);
    let inner = inner.trim();
    (!inner.is_empty()).then(|| {
        let at = start + lead + (part[lead..].len() - part[lead..].trim_start().len());
        (Span::from_usize(at, at + inner.len()), attributed)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotes::{find_quotes, group_renderings};

    /// The groups of `texts` after [`add_unmarked`], each as its members' (article, text).
    fn extended(texts: &[&str]) -> Vec<Vec<(usize, String)>> {
        let mut mentions: Vec<Vec<QuoteMention>> = texts.iter().map(|t| find_quotes(t)).collect();
        let langs = vec![Lang::EN; texts.len()];
        let mut groups = group_renderings(&mentions, &langs);
        let prose: Vec<Vec<Span>> = texts
            .iter()
            .map(|t| crosscheck_text::sentences(t, Lang::EN, &[]).iter().map(|s| s.span).collect())
            .collect();
        add_unmarked(texts, &langs, &prose, &mut mentions, &mut groups);
        groups
            .iter()
            .map(|g| {
                g.members
                    .iter()
                    .map(|r| (r.article, mentions[r.article][r.quote].text.clone()))
                    .collect()
            })
            .collect()
    }

    const MARKED: &str = "The harbour board met on Monday. “The old quay will carry trams again \
        before the autumn fairs open, and every stall on it will have power,” Mayor Ines Kolar \
        said.";

    #[test]
    fn a_sentence_that_lost_its_marks_joins_the_quote() {
        let unmarked = "Kolar spoke at the depot. The old quay will carry trams again before \
            the autumn fairs open, and each stall on it will have power, she said.";
        let groups = extended(&[MARKED, unmarked]);
        assert_eq!(groups.len(), 1, "{groups:?}");
        assert_eq!(
            groups[0][1],
            (
                1,
                "The old quay will carry trams again before the autumn fairs open, and each \
                 stall on it will have power"
                    .to_string()
            )
        );
    }

    #[test]
    fn an_opening_attribution_is_left_out() {
        let unmarked = "Kolar told the board: The old quay will carry trams again before the \
            autumn fairs open, and every stall on it will have power.";
        let groups = extended(&[MARKED, unmarked]);
        assert_eq!(groups[0].len(), 2, "{groups:?}");
        assert!(groups[0][1].1.starts_with("The old quay"), "{groups:?}");
    }

    #[test]
    fn a_claim_reported_by_officials_stays_a_claim() {
        let other = "Forty trams were stranded when the old quay flooded before the autumn \
            fairs, officials said. The stalls had no power for a week, officials said.";
        let groups = extended(&[MARKED, other]);
        assert_eq!(groups, vec![vec![(0, groups[0][0].1.clone())]]);
    }

    #[test]
    fn reported_speech_and_loose_paraphrase_stay_out() {
        // Indirect speech: a speech verb inside the sentence.
        let indirect = "Kolar said the old quay would carry trams again before the autumn fairs \
            open and that every stall on it would have power.";
        // A sentence without attribution must render nearly all of the quote's words.
        let loose = "Trams will again carry visitors along the old quay to the autumn fairs, \
            where new stalls and their power lines are planned.";
        let groups = extended(&[MARKED, indirect, loose]);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].len(), 1, "{groups:?}");
    }

    #[test]
    fn a_quote_without_speaker_and_its_own_article_gain_nothing() {
        let anonymous = "“The old quay will carry trams again before the autumn fairs open, and \
            every stall on it will have power.”";
        let copy = "The old quay will carry trams again before the autumn fairs open, and every \
            stall on it will have power.";
        let groups = extended(&[anonymous, copy]);
        assert_eq!(groups[0].len(), 1, "{groups:?}");
        let same_article = format!("{MARKED} {copy}");
        let groups = extended(&[same_article.as_str()]);
        assert_eq!(groups[0].len(), 1, "{groups:?}");
    }
}
