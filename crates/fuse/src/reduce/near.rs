//! Near-copies read once: a near-copy's sentences that its kept article holds word for word
//! are read in the kept article, and only the rest of it is analysed.
//!
//! ## What it does
//!
//! A near-copy is an article that dedup marked as a duplicate (the
//! [`StoryInput::duplicate`](crate::StoryInput::duplicate) link, followed to its root) of an
//! article the fuser reads, in the same language and with the same publication date or only
//! one of the two dated: a wire report reprinted with another byline, a menu line around it, a
//! paragraph trimmed, a word changed, the date left off the page. Its sentences are aligned with the kept article's, sentence by sentence, and a
//! sentence is mapped only when its text is byte for byte the text of a kept sentence (a
//! sentence equal to either article's title is never mapped when the titles differ, as the
//! title decides whether it can be a claim). Runs of mapped sentences whose gaps are equal too
//! become [`Block`]s: regions of the two texts that are the same bytes.
//!
//! When the sentences left over (changed, added, a different byline) hold at most a quarter of
//! the near-copy's sentence text ([`MAX_NEW_SHARE`]), the near-copy is collapsed:
//!
//! - it is not analysed in full; every claim, quote, entity mention, conflict side and timeline
//!   entry that cites its kept article inside a block also cites the near-copy, at the
//!   near-copy's own offsets (the block's offset, then the near-copy's own text-to-raw
//!   alignment);
//! - its leftover sentences are analysed as an article of their own, its *residual*: the
//!   near-copy with every other byte of its text blanked to a space (line breaks kept), so
//!   that offsets, the alignment and the raw content stay the near-copy's and every span found
//!   there slices the near-copy's raw content. The residual counts as the near-copy, a
//!   duplicate of the kept article, exactly as the whole near-copy counted before.
//!
//! When only one of the two articles is dated, a sentence of the near-copy that holds a date
//! expression (`on Monday`, `March 3`) is never mapped: a relative date reads against the
//! article's own publication date (or, undated, the story's), so it is left over and read in
//! the residual, which keeps the near-copy's own date or lack of one. A dated near-copy of an
//! undated article always keeps a residual (blank when nothing is left over), so that its date
//! still counts among the story's publication dates.
//!
//! Otherwise the near-copy is analysed in full, as any article.
//!
//! ## Why
//!
//! Reprints with small edits cost every stage its full work, and the pairwise stages (claim
//! alignment, conflicts) more than that, while they add only their few changed lines: 2,000
//! reprints of one 10 KB article took 23.8 s of CPU and 607 MB analysed in full, 0.6 s and
//! 157 MB read once (`fuse_scale nearcopies`).
//! A page's date is often lost on one of two sites (no metadata, no dateline): in one real
//! story of 1,055 articles, 16 of dedup's 35 near-copies have a date on one side only; read
//! with their dated sentences left over, 4 of them are now collapsed (11 near-copies in all,
//! 7 before).
//! Mapping only byte-identical sentences keeps what conflicts detect: a sentence whose number,
//! date or name changed is never mapped, so it is read (in the residual) and compared as
//! before.
//!
//! ## Example
//!
//! A kept report of five sentences and a reprint that adds the line `By Mira Antal`, drops the
//! last sentence and changes `12` to `13` in the third: the reprint's first, second and fourth
//! sentences are cited wherever the kept report's are, at the reprint's offsets; its byline and
//! third sentence are analysed as its residual, so the `12`/`13` difference still reaches the
//! conflict rules.
//!
//! ## Limitations
//!
//! A mapped sentence is read in its kept article's context: a pronoun or a surname that the
//! near-copy's changed sentences would have resolved differently is resolved as in the kept
//! article, and a leftover sentence is read without the sentences around it. Only dedup's
//! duplicates are candidates, so a near-copy with another publication date (both dated) or
//! language, or one dedup missed, is analysed in full. The sides of a rolling figure (a toll
//! given three ways) are ordered by their earliest publication date: a dated near-copy's
//! mapped sentence counts there with its undated kept article, without a date. Statistics that count articles or sentences (the most
//! common spelling of a name, the headline's word weights, the inverse sentence frequencies
//! that weigh event words) count a collapsed near-copy with its kept article, as they count an
//! exact copy, so a borderline grouping elsewhere in the story can change. A span that runs
//! from a mapped sentence into a changed one (a quotation over both) is cited in the near-copy
//! only if its residual finds it.
//!
//! ## References
//!
//! - A. Z. Broder, "On the resemblance and containment of documents", 1997 (the shingle
//!   resemblance dedup uses to find the candidates).
//! - Sentence-level alignment of near-duplicate documents, as in text-reuse detection
//!   (churnalism.com).

use foldhash::{HashMap, HashMapExt};

use crosscheck_core::{Alignment, Article, Span};

use crate::analysis::words::fold;
use crate::timeline::find_dates;

/// The largest share of a near-copy's sentence text (bytes) that may be its own for it to be
/// collapsed; above it the near-copy is analysed in full.
pub(crate) const MAX_NEW_SHARE: f64 = 0.25;

/// A region the kept article and a near-copy share byte for byte: `kept` in the kept article's
/// text, starting at `copy_start` in the near-copy's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Block {
    /// The region in the kept article's text.
    pub(crate) kept: Span,
    /// Where it starts in the near-copy's text.
    pub(crate) copy_start: u32,
}

/// A collapsed near-copy.
#[derive(Debug)]
pub(crate) struct NearCopy {
    /// Its index in the story.
    pub(crate) index: usize,
    /// The regions it shares with its kept article, sorted by their start in the kept article.
    pub(crate) blocks: Vec<Block>,
    /// Its leftover sentences, every other byte of its text blanked; `None` when every
    /// sentence was mapped (and the near-copy adds no publication date of its own).
    pub(crate) residual: Option<Article>,
    /// The story indexes of its exact copies.
    pub(crate) copies: Vec<usize>,
}

impl NearCopy {
    /// The near-copy's text span for a span of the kept article's text, when one block holds it.
    pub(crate) fn map(&self, kept: Span) -> Option<Span> {
        let i = self.blocks.partition_point(|b| b.kept.end < kept.end);
        let b = self.blocks.get(i)?;
        (b.kept.start <= kept.start && kept.end <= b.kept.end).then(|| {
            Span::new(
                kept.start - b.kept.start + b.copy_start,
                kept.end - b.kept.start + b.copy_start,
            )
        })
    }
}

/// A kept article's sentences, found once for all its near-copies.
#[derive(Debug)]
pub(crate) struct KeptSentences {
    spans: Vec<Span>,
    by_text: HashMap<String, Vec<usize>>,
}

impl KeptSentences {
    /// The sentences of `article`.
    pub(crate) fn new(article: &Article) -> KeptSentences {
        let sents = crosscheck_text::sentences(&article.text, article.language, &[]);
        let mut by_text: HashMap<String, Vec<usize>> = HashMap::with_capacity(sents.len());
        for (i, s) in sents.iter().enumerate() {
            by_text.entry(s.text.to_owned()).or_default().push(i);
        }
        KeptSentences { spans: sents.iter().map(|s| s.span).collect(), by_text }
    }
}

/// Aligns `copy` with its kept article; `None` when it may not be collapsed (another language
/// or another publication date, no shared sentence, or too much text of its own). When only
/// one of the two is dated, the copy's sentences that hold a date expression are never
/// mapped: they are read in its residual, against its own publication date (or none).
pub(crate) fn align(
    kept: &Article,
    sents: &KeptSentences,
    copy: &Article,
    index: usize,
) -> Option<NearCopy> {
    if copy.language != kept.language {
        return None;
    }
    // One side undated: its sentences that hold a date are its own (read against its own
    // publication date, or none), the rest is read in the kept article.
    let dated_apart = match (kept.published, copy.published) {
        (Some(a), Some(b)) if a != b => return None,
        (a, b) => a != b,
    };
    let own_dates: Vec<Span> = if dated_apart {
        find_dates(&copy.text, copy.published.or(kept.published)).iter().map(|m| m.span).collect()
    } else {
        Vec::new()
    };
    let titles = (copy.title != kept.title).then(|| {
        [kept.title.as_deref(), copy.title.as_deref()].map(|t| t.map(fold).unwrap_or_default())
    });
    let mine = crosscheck_text::sentences(&copy.text, copy.language, &[]);
    let mut used = vec![false; sents.spans.len()];
    let mut matched: Vec<Option<usize>> = Vec::with_capacity(mine.len());
    let mut last: Option<usize> = None;
    let (mut total, mut new) = (0usize, 0usize);
    for s in &mine {
        total += s.text.len();
        let title_line = titles.as_ref().is_some_and(|t| {
            let f = fold(s.text);
            !f.is_empty() && t.contains(&f)
        });
        let dates_own = own_dates.iter().any(|d| d.start < s.span.end && s.span.start < d.end);
        let candidates = if title_line || dates_own { None } else { sents.by_text.get(s.text) };
        // In order when the text allows it, so that repeated sentences pair up in turn.
        let pick = candidates.and_then(|c| {
            c.iter()
                .copied()
                .find(|&k| !used[k] && last.is_none_or(|l| k > l))
                .or_else(|| c.iter().copied().find(|&k| !used[k]))
        });
        if let Some(k) = pick {
            used[k] = true;
            last = Some(k);
        } else {
            new += s.text.len();
        }
        matched.push(pick);
    }
    if matched.iter().all(Option::is_none) || new as f64 > total as f64 * MAX_NEW_SHARE {
        return None;
    }
    let blocks = blocks(&kept.text, &sents.spans, &copy.text, &mine, &matched);
    // A dated copy of an undated article keeps a residual, blank or not, so that its date
    // counts among the story's publication dates as it does read in full.
    let own_date = dated_apart && copy.published.is_some();
    let residual = (new > 0 || own_date).then(|| residual(copy, &mine, &matched));
    Some(NearCopy { index, blocks, residual, copies: Vec::new() })
}

/// Runs of mapped sentences, consecutive in both texts with equal gaps, as blocks sorted by
/// their start in the kept text.
fn blocks(
    kept_text: &str,
    kept: &[Span],
    copy_text: &str,
    mine: &[crosscheck_text::Sentence<'_>],
    matched: &[Option<usize>],
) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut prev: Option<(usize, usize)> = None;
    for (j, m) in matched.iter().enumerate() {
        let Some(k) = *m else {
            prev = None;
            continue;
        };
        let (ks, cs) = (kept[k], mine[j].span);
        let joins = prev.is_some_and(|(pk, pj)| {
            pk + 1 == k
                && pj + 1 == j
                && kept_text.get(kept[pk].end as usize..ks.start as usize)
                    == copy_text.get(mine[pj].span.end as usize..cs.start as usize)
        });
        match out.last_mut() {
            Some(b) if joins => b.kept.end = ks.end,
            _ => out.push(Block { kept: ks, copy_start: cs.start }),
        }
        prev = Some((k, j));
    }
    out.sort_by_key(|b| b.kept.start);
    out
}

/// The near-copy with every byte outside its unmapped sentences blanked (line breaks kept).
fn residual(
    copy: &Article,
    mine: &[crosscheck_text::Sentence<'_>],
    matched: &[Option<usize>],
) -> Article {
    let mut bytes: Vec<u8> =
        copy.text.bytes().map(|b| if b == b'\n' { b'\n' } else { b' ' }).collect();
    for (s, m) in mine.iter().zip(matched) {
        if m.is_none() {
            let r = s.span.range();
            bytes[r.clone()].copy_from_slice(&copy.text.as_bytes()[r]);
        }
    }
    // Whole sentences (char boundaries) were copied into ASCII blanks: still UTF-8.
    let text = String::from_utf8(bytes).unwrap_or_default();
    Article {
        id: copy.id.clone(),
        source: copy.source.clone(),
        url: copy.url.clone(),
        outlet: copy.outlet.clone(),
        title: copy.title.clone(),
        author: copy.author.clone(),
        published: copy.published,
        published_month: copy.published_month,
        language: copy.language,
        text,
        removed: Vec::new(),
        alignment: copy.alignment.clone(),
        raw: copy.raw.clone(),
    }
}

/// The text span of a raw span of `alignment`'s article: the inverse of
/// [`Alignment::to_raw`] for a span it produced.
pub(crate) fn to_text(alignment: &Alignment, raw: Span) -> Option<Span> {
    let segs = alignment.segments();
    let i = segs.partition_point(|s| s.raw + s.len <= raw.start);
    let first = segs.get(i).filter(|s| s.raw <= raw.start)?;
    let j = segs.partition_point(|s| s.raw + s.len < raw.end);
    let last = segs.get(j).filter(|s| s.raw < raw.end)?;
    let start = first.text + (raw.start - first.raw);
    let end = last.text + (raw.end - last.raw);
    (start <= end).then(|| Span::new(start, end))
}

#[cfg(test)]
mod tests {
    use crosscheck_core::Lang;

    use super::*;

    fn article(id: &str, text: &str) -> Article {
        Article { language: Lang::EN, ..Article::from_text(id, text) }
    }

    const KEPT: &str = "The dam at Velmora held after the storm.\n\nEngineers counted 12 cracks on Tuesday. The river fell by night.\n\nThe road reopens on Friday.\n\nFarmers below the dam moved their herds to higher fields on Monday.\n\nThe regional office will publish its inspection report next month.";

    #[test]
    fn shared_sentences_map_and_the_rest_is_residual() {
        let kept = article("k", KEPT);
        let copy_text = format!("By Mira Antal\n\n{}", KEPT.replace("12 cracks", "13 cracks"));
        let copy_text = copy_text.as_str();
        let copy = article("c", copy_text);
        let near = align(&kept, &KeptSentences::new(&kept), &copy, 1).expect("collapsed");
        // The changed sentence and the byline are left over; the rest maps.
        let first = Span::new(0, 40);
        let mapped = near.map(first).unwrap();
        assert_eq!(mapped.slice(copy_text), first.slice(KEPT));
        let fell = KEPT.find("The river").unwrap();
        let fell = Span::from_usize(fell, fell + "The river fell by night.".len());
        assert_eq!(near.map(fell).unwrap().slice(copy_text), fell.slice(KEPT));
        let cracks = KEPT.find("Engineers").unwrap();
        assert_eq!(near.map(Span::from_usize(cracks, cracks + 9)), None, "a changed sentence");
        let res = near.residual.as_ref().unwrap();
        assert_eq!(res.text.len(), copy_text.len());
        let words: Vec<&str> = res.text.split_whitespace().collect();
        assert_eq!(
            words,
            ["By", "Mira", "Antal", "Engineers", "counted", "13", "cracks", "on", "Tuesday."]
        );
        assert_eq!(&*res.raw, copy_text);
    }

    #[test]
    fn other_dates_and_mostly_new_text_are_not_collapsed() {
        let kept = article("k", KEPT);
        let sents = KeptSentences::new(&kept);
        // Both dated, on other days.
        let on =
            |d: i8| Article { published: crosscheck_core::Date::new(2026, 3, d), ..kept.clone() };
        let dated = on(2);
        assert!(align(&on(3), &KeptSentences::new(&on(3)), &dated, 1).is_none());
        // One undated, but four of its five paragraphs hold a date: too much of its own.
        assert!(align(&kept, &sents, &dated, 1).is_none());
        assert!(align(&dated, &KeptSentences::new(&dated), &kept, 1).is_none());
        let rewritten = article(
            "r",
            "The dam at Velmora held after the storm.\n\nEngineers found a dozen cracks during Tuesday's inspection of the wall. Water levels dropped overnight.\n\nTraffic returns to the road at the end of the week.\n\nFarmers below the dam moved their herds to higher fields on Monday.",
        );
        assert!(align(&kept, &sents, &rewritten, 1).is_none());
        let same = article("s", KEPT);
        let near = align(&kept, &sents, &same, 1).unwrap();
        assert!(near.residual.is_none());
        assert_eq!(near.blocks, [Block { kept: Span::from_usize(0, KEPT.len()), copy_start: 0 }]);
    }

    /// Five sentences, one of them dated.
    const QUIET: &str = "The orchard at Pellin Ridge lost half its pear trees to frost.\n\nGrowers said the cold came on Sunday night. The buds had opened early after a warm spell.\n\nThe cooperative will buy seedlings from a nursery in the valley.\n\nInsurers have sent assessors to count the damaged trees, the growers said.";

    #[test]
    fn an_undated_side_keeps_its_dated_sentences_its_own() {
        let dated = |d| Article { published: d, ..article("x", QUIET) };
        let (sunday, none) = (crosscheck_core::Date::new(2026, 3, 2), None);
        let cold = QUIET.find("Growers said").unwrap();
        let cold =
            Span::from_usize(cold, cold + "Growers said the cold came on Sunday night.".len());
        let buds = QUIET.find("The buds").unwrap();
        let buds = Span::from_usize(buds, buds + 9);
        for (k, c) in [(sunday, none), (none, sunday)] {
            let kept = dated(k);
            let near = align(&kept, &KeptSentences::new(&kept), &dated(c), 1).expect("collapsed");
            // The dated sentence is left over, read against the copy's own date (or none).
            assert_eq!(near.map(cold), None);
            assert_eq!(near.map(buds), Some(buds));
            let res = near.residual.as_ref().expect("a residual");
            assert_eq!(Some(res.text.trim()), cold.slice(QUIET));
            assert_eq!(res.published, c);
        }
        // Both on the same day (or both undated): everything maps and no residual is kept.
        for d in [sunday, none] {
            let kept = dated(d);
            let near = align(&kept, &KeptSentences::new(&kept), &dated(d), 1).unwrap();
            assert_eq!(near.map(cold), Some(cold));
            assert!(near.residual.is_none());
        }
        // A dated copy of an undated article with no date sentence keeps a blank residual,
        // which carries its date.
        let plain = QUIET.replace(" on Sunday night", "");
        let kept = article("k", &plain);
        let copy = Article { published: sunday, ..article("c", &plain) };
        let near = align(&kept, &KeptSentences::new(&kept), &copy, 1).unwrap();
        let res = near.residual.as_ref().expect("a blank residual");
        assert!(res.text.trim().is_empty());
        assert_eq!(res.published, sunday);
        let near = align(&copy, &KeptSentences::new(&copy), &kept, 1).unwrap();
        assert!(near.residual.is_none(), "an undated copy adds no date");
    }

    #[test]
    fn raw_spans_invert_through_the_alignment() {
        let mut al = Alignment::default();
        al.push(0, 5, 10);
        al.push(11, 20, 8);
        for text in [Span::new(0, 4), Span::new(3, 10), Span::new(12, 19), Span::new(2, 15)] {
            let raw = al.to_raw(text).unwrap();
            assert_eq!(to_text(&al, raw), Some(text), "{text:?}");
        }
    }
}
