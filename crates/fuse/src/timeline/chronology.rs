//! The timeline stage: every date expression of the story made absolute, and merged into one
//! sorted list of dated events.
//!
//! ## What it does
//!
//! 1. Each article's text is scanned with [`find_dates`] against
//!    its publication date, or, when it has none, against the story's reference date (the
//!    median publication date of its articles); a relative value resolved that way is
//!    `inferred`. An article with no date in a story with none keeps only dates with their own
//!    year. A relative date of an undated article that resolves differently against the
//!    story's earliest and latest dates is kept in the timeline but compared with nothing.
//! 2. Only dates in prose count: headlines, bylines and dateline-only lines (`12 March 2026`,
//!    `By Ann Lee | Wednesday 11 March 2026`) state when the report was published, not when
//!    anything happened.
//! 3. Mentions with the same value are one entry when they date the same event: they share a
//!    sentence, or their contexts (see the `events` heuristic) are alike. An entry lists every
//!    article and every date expression that supports it. An event dated both by articles with
//!    their own date and by mentions resolved against the story's date gives two entries with
//!    the same date: one `inferred: false` with the first, one `inferred: true` with the
//!    others, so the flag is right for every article an entry lists. (A date with its own year
//!    in an undated article is not inferred.)
//! 4. Entries are sorted by interval (start, then end), then with `inferred: false` first, then
//!    by story order.
//!
//! ## Why
//!
//! "On Sunday", "five days ago" and "March 15" can only be put in order, or compared across
//! outlets, once they are days on one calendar.
//!
//! ## Example
//!
//! In a report published Wednesday 11 March 2026, `rammed the bridge yesterday` gives the entry
//! `2026-03-10`; in an undated report of the same story, `on Tuesday` gives `2026-03-10` too,
//! inferred: when the sentences tell the same event, it is listed beside the first as an
//! entry of its own with `inferred: true`.
//!
//! ## Limitations
//!
//! The event of an entry is the sentence that dates it: two events told in one sentence with
//! one date are one entry. Durations (`for three weeks`) and times of day are not dated. An
//! entry of more than `EXACT_LEAD` (1,024) mentions chooses its sentence against a sample of
//! 64 of them, so in a story of thousands of reports it may name another sentence than comparing
//! every pair would.
//!
//! ## References
//!
//! `TimeML` / TIMEX3 normalisation against the document creation time.

use foldhash::{HashSet, HashSetExt};
use std::collections::BTreeMap;

use crosscheck_core::{Date, DocId, Span};
use crosscheck_text::lexicon::{Lexicon as Words, List};

use crate::analysis::Context;
use crate::analysis::events::{Bag, Lexicon};
use crate::analysis::words::{fold, is_speech_verb};
use crate::analysis::{Doc, Gap};
use crate::entities::linkage::single_linkage;
use crate::story::{SourceSpan, TimelineEntry};
use crate::timeline::{TimeMention, TimeValue, find_dates};

/// How many days after the story's date an undated article's past weekday may fall.
const WEEKDAY_REACH: usize = 3;

/// Similarity from which two mentions of one date are one event.
const SAME_EVENT: f32 = 0.22;

/// The mentions of an entry whose sentence is chosen from every pair of them; a larger entry
/// compares each mention with an evenly spaced sample of [`LEAD_SAMPLE`] (the pairs grew with
/// the square of a story's size: 2,000 reports dating one day).
const EXACT_LEAD: usize = 1024;
/// The mentions a mention of a larger entry is compared with.
const LEAD_SAMPLE: usize = 64;

/// A date expression of a prose sentence.
#[derive(Debug, Clone)]
pub(crate) struct Dated {
    /// The doc.
    pub(crate) doc: usize,
    /// Its sentence, in the doc's sentences.
    pub(crate) sent: usize,
    /// The expression and its value.
    pub(crate) mention: TimeMention,
    /// Resolved against the story's date because the article has none.
    pub(crate) inferred: bool,
    /// Inferred, and resolved differently against the story's earliest and latest dates: too
    /// vague to contradict anything.
    pub(crate) uncertain: bool,
    /// What it dates (see [`Lexicon::context`]).
    pub(crate) context: Bag,
    /// It dates a statement (`said on Friday`), stands inside a direct quotation (whose
    /// `today` is the speaker's), bounds a period rather than dating a point (`since 1987`,
    /// `until Monday`) or names a recurring day (`the second Tuesday of each month`): kept in
    /// the timeline, compared with nothing.
    pub(crate) cited: bool,
}

/// Whether the date at `span` of sentence `sent` dates a statement rather than an event
/// (`officials said Friday`, `told reporters on Friday`, `Friday said`), or is quoted speech.
fn cited(d: &Doc<'_>, sent: usize, span: Span, ents: &[Option<u32>]) -> bool {
    let s = &d.sents[sent];
    if quoted(d, sent, span) {
        return true;
    }
    let range = s.words.start as usize..s.words.end as usize;
    let Some(first) = range.clone().find(|&i| d.words[i].span.end > span.start) else {
        return false;
    };
    let after = range.clone().find(|&i| d.words[i].span.start >= span.end);
    let lex = Words::of(d.article.language);
    let speech = |w: &str| is_speech_verb(lex, w) || lex.has(List::ReportingWords, w);
    if after.is_some_and(|i| d.words[i].gap == Gap::Space && speech(&d.words[i].key)) {
        return true;
    }
    // "the second Tuesday of each month", "Patch Tuesday": a recurring or named day.
    if after.is_some_and(|i| {
        lex.has(List::GenitivePrepositions, &d.words[i].key)
            && range
                .clone()
                .skip(i + 1 - range.start)
                .take(2)
                .any(|j| lex.has(List::RecurrenceWords, &d.words[j].key))
    }) {
        return true;
    }
    if first > range.start {
        let p = &d.words[first - 1];
        let ordinal = lex.has(List::DayOrdinals, &p.key);
        // "Patch Tuesday": a weekday glued to a capitalised word that names nothing else.
        let weekday = d.words[first].cap && d.text(span).split_whitespace().count() == 1;
        let named = weekday
            && p.cap
            && !p.first
            && !p.digit
            && d.words[first].gap == Gap::Space
            && ents.get(first - 1).is_some_and(Option::is_none);
        if ordinal || (named && !lex.has(List::NamedDayCues, &p.key)) {
            return true;
        }
    }
    let mut k = first;
    while k > range.start {
        k -= 1;
        let w = d.words[k].key.as_str();
        if lex.has(List::DateModifiers, w) {
            continue;
        }
        // A bound of a period, not the date of an event; also the start of a period past a
        // possessive determiner (`since its May 2021 merger`: background, where `after its
        // Tuesday merger` dates an event).
        if lex.has(List::PeriodBounds, w)
            || (lex.has(List::PossessivePronouns, w)
                && k > range.start
                && lex.has(List::PeriodStarts, &d.words[k - 1].key))
        {
            return true;
        }
        return speech(w) && d.words[k + 1].gap != Gap::Break;
    }
    false
}

/// Whether `span` of sentence `sent` stands inside a direct quotation opened earlier in the
/// sentence: straight, curly or angled double quotes, or a single curly quote after a space
/// (an apostrophe is glued to its word).
pub(crate) fn quoted(d: &Doc<'_>, sent: usize, span: Span) -> bool {
    let s = &d.sents[sent];
    let head = d.text(Span::new(s.span.start, span.start.max(s.span.start)));
    let opens = head.matches(['“', '«', '„']).count();
    let closes = head.matches(['”', '»']).count();
    if opens > closes || head.matches('"').count() % 2 == 1 {
        return true;
    }
    head.rfind('‘').is_some_and(|open| {
        head[..open].chars().next_back().is_none_or(char::is_whitespace)
            && !head[open..].contains("’ ")
    })
}

/// The story's publication dates: earliest, median (the reference date) and latest.
pub(crate) fn story_dates(ctx: &Context<'_>) -> Option<(Date, Date, Date)> {
    let mut dates: Vec<Date> = ctx.docs.iter().filter_map(|d| d.article.published).collect();
    dates.sort_unstable();
    let median = dates.get(dates.len().saturating_sub(1) / 2).copied()?;
    Some((dates[0], median, dates[dates.len() - 1]))
}

/// Finds the dates of every article's prose.
pub(crate) fn find(ctx: &Context<'_>, lexicon: &Lexicon) -> Vec<Dated> {
    let story = story_dates(ctx);
    let mut out = Vec::new();
    for (di, d) in ctx.docs.iter().enumerate() {
        let own = d.article.published;
        let found = find_dates(&d.article.text, own.or(story.map(|s| s.1)));
        // An undated article's relative dates, resolved at both ends of the story's range.
        let ends: Vec<Vec<TimeMention>> = match (own, story) {
            (None, Some((first, _, last))) if first != last => {
                vec![
                    find_dates(&d.article.text, Some(first)),
                    find_dates(&d.article.text, Some(last)),
                ]
            }
            _ => Vec::new(),
        };
        // An undated article may be days younger than the story's date: its past weekdays
        // (`rose to 128 on Friday`) are read as the ones nearest that date, on either side,
        // rather than the last ones before it.
        let near: Vec<TimeMention> = match (own, story) {
            (None, Some((_, median, _))) => (0..WEEKDAY_REACH)
                .try_fold(median.civil(), |day, _| day.tomorrow().ok())
                .map(|later| find_dates(&d.article.text, Some(later.into())))
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        let lex = Words::of(d.article.language);
        let spans: Vec<Span> = found.iter().map(|m| m.span).collect();
        let named = ctx.entities.word_entities(di, d.words.len());
        for mut m in found {
            if m.relative
                && m.value.is_day()
                && m.text
                    .split_whitespace()
                    .last()
                    .is_some_and(|w| lex.has(List::Weekdays, &fold(w)))
                && story.is_some_and(|(_, median, _)| m.value.end() < median)
                && let Some(n) = near.iter().find(|n| n.span == m.span)
            {
                m.value = n.value;
            }
            let i = d.sents.partition_point(|s| s.span.end <= m.span.start);
            let Some(s) = d.sents.get(i) else { continue };
            if !(s.claim && s.span.contains(m.span)) {
                continue;
            }
            let same_sentence: Vec<Span> =
                spans.iter().copied().filter(|o| *o != m.span && s.span.contains(*o)).collect();
            let context = lexicon.context(&ctx.docs, di, i, m.span, &same_sentence);
            let inferred = m.relative && own.is_none();
            let uncertain = inferred
                && ends.iter().any(|e| {
                    e.iter().find(|x| x.span == m.span).is_none_or(|x| x.value != m.value)
                });
            let cited = cited(d, i, m.span, &named);
            out.push(Dated { doc: di, sent: i, mention: m, inferred, uncertain, context, cited });
        }
    }
    out
}

/// The `timeline` array.
pub(crate) fn output(ctx: &Context<'_>, dated: &[Dated]) -> Vec<TimelineEntry> {
    // Mentions by value, then into events by union-find.
    let mut by_value: BTreeMap<TimeValue, Vec<usize>> = BTreeMap::new();
    for (i, m) in dated.iter().enumerate() {
        by_value.entry(m.mention.value).or_default().push(i);
    }
    let mut entries: Vec<(TimeValue, (usize, usize), TimelineEntry)> = Vec::new();
    for (value, ids) in by_value {
        let groups = single_linkage(ids.len(), |x, y| {
            let (a, b) = (&dated[ids[x]], &dated[ids[y]]);
            (a.doc == b.doc && a.sent == b.sent)
                || (a.doc != b.doc
                    && a.context.shares(&b.context) >= 2
                    && a.context.cosine(&b.context) >= SAME_EVENT)
        });
        // One event's mentions as two entries when some were resolved against the story's
        // date: those of articles with their own date (`inferred: false`), then the others.
        let parts = groups.into_iter().flat_map(|g| {
            let (own, inferred): (Vec<usize>, Vec<usize>) =
                g.into_iter().map(|x| ids[x]).partition(|&m| !dated[m].inferred);
            [own, inferred].into_iter().filter(|p| !p.is_empty())
        });
        for members in parts {
            let mut articles: Vec<(usize, DocId)> = Vec::new();
            let mut listed: HashSet<usize> = HashSet::new();
            let mut evidence = Vec::new();
            let inferred = dated[members[0]].inferred;
            for &m in &members {
                let dm = &dated[m];
                let art = ctx.docs[dm.doc].article;
                if listed.insert(dm.doc) {
                    articles.push((dm.doc, art.id.clone()));
                }
                evidence.extend(SourceSpan::from_text(art, dm.mention.span));
            }
            if evidence.is_empty() {
                continue;
            }
            articles.sort_by_key(|a| a.0);
            // The sentence that stands for the entry: the most alike to the others (a
            // sentence telling the event, not one that mentions it in passing), the first on
            // ties.
            // (Each member's centrality is computed once; in an entry of more than
            // [`EXACT_LEAD`] mentions, against an evenly spaced sample of [`LEAD_SAMPLE`].)
            let step =
                if members.len() <= EXACT_LEAD { 1 } else { members.len().div_ceil(LEAD_SAMPLE) };
            let lead = members
                .iter()
                .map(|&m| {
                    let d = &dated[m];
                    let c: f32 = members
                        .iter()
                        .step_by(step)
                        .map(|&o| d.context.cosine(&dated[o].context))
                        .sum();
                    (d, c)
                })
                .min_by(|(a, ca), (b, cb)| {
                    cb.total_cmp(ca).then((a.doc, a.sent).cmp(&(b.doc, b.sent)))
                })
                .map(|(m, _)| (m.doc, m.sent));
            let Some((ld, ls)) = lead else { continue };
            let d = &ctx.docs[ld];
            let text = d.text(d.sents[ls].span).trim().to_string();
            entries.push((
                value,
                (ld, ls),
                TimelineEntry {
                    date: value.to_string(),
                    inferred,
                    text,
                    articles: articles.into_iter().map(|a| a.1).collect(),
                    evidence,
                },
            ));
        }
    }
    // By date, then the entries of dated articles before the inferred ones, then story order.
    entries.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.inferred.cmp(&b.2.inferred)).then(a.1.cmp(&b.1)));
    entries.into_iter().map(|e| e.2).collect()
}
