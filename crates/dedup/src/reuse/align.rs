//! Passage alignment between two articles: seeds of equal word shingles chained along a
//! diagonal, bridging small gaps.
//!
//! ## What it does
//!
//! Every word `n`-gram two articles share is a seed `(i, j)`: it starts at word `i` of one and
//! word `j` of the other. Seeds are taken in order of `j` and chained when both positions move
//! forward and the two gaps differ by at most `max_gap` words (and neither gap exceeds it). A
//! chain covering at least `min_words` words is a passage.
//!
//! ## Why
//!
//! One changed word removes the `n` shingles that contain it, which leaves a gap of `n + 1`
//! words on both sides and no shift of the diagonal; an inserted phrase shifts the diagonal by
//! its length. Bridging gaps of a few words keeps a lightly edited paragraph one passage, while
//! a dropped or moved paragraph starts a new one. Seeds come from a merge of two sorted shingle
//! lists, so aligning a pair costs time linear in the two lengths.
//!
//! ## Example
//!
//! ```text
//! a: the ferry to Ostrava sank on Monday after a storm hit the harbour at dawn
//! b: the ferry to Ostrava capsized on Monday after a storm hit the harbour at dawn
//!                          ^ one changed word: one passage of 15 words, 14 in common
//! ```
//!
//! ## Limitations
//!
//! A paraphrase that changes every fifth word shares no shingle and is not found: this finds
//! copying, not rewording.
//!
//! ## References
//!
//! - D. A. Smith et al., "Infectious texts: modeling text reuse in nineteenth-century
//!   newspapers", 2013 (passim's n-gram seeds and alignment).
//! - `TextPAIR` (ARTFL): passage pairs from shared n-grams merged across small gaps.

use crosscheck_core::Span;
use crosscheck_text::{shingles, tokens};

/// What the alignment needs of one article: its words and its shingles.
#[derive(Debug, Default)]
pub(crate) struct Words {
    /// The text span of each word.
    pub(crate) spans: Vec<Span>,
    /// The hash of each word's normal form.
    pub(crate) hashes: Vec<u64>,
    /// Whether each word stands inside quotation marks.
    pub(crate) quoted: Vec<bool>,
    /// `(hash, start word)` of every shingle, sorted.
    pub(crate) sorted: Vec<(u32, u32)>,
    /// The distinct shingle hashes kept for candidate search.
    pub(crate) sample: Vec<u32>,
}

impl Words {
    /// The words and shingles of `text`, with `n`-word shingles; one in `keep` shingle hashes
    /// (chosen by hash, so the same in every article) goes to the candidate sample.
    pub(crate) fn new(text: &str, n: usize, keep: u32) -> Words {
        let (spans, hashes): (Vec<Span>, Vec<u64>) =
            tokens(text).map(|t| (t.span, t.hash())).unzip();
        if spans.len() < n {
            return Words { quoted: vec![false; spans.len()], spans, hashes, ..Words::default() };
        }
        let quoted = quoted_words(text, &spans);
        let mut sorted: Vec<(u32, u32)> = Vec::with_capacity(spans.len());
        for (i, s) in shingles(text, n).iter().enumerate() {
            sorted.push((s.hash as u32, i as u32));
        }
        // Shingles wholly inside quotation marks are left out of the candidate sample: two
        // reports quoting one statement is not copying.
        let mut sample: Vec<u32> = sorted
            .iter()
            .filter(|&&(h, i)| {
                fmix32(h).is_multiple_of(keep.max(1))
                    && !quoted[i as usize..i as usize + n].iter().all(|&q| q)
            })
            .map(|&(h, _)| h)
            .collect();
        sample.sort_unstable();
        sample.dedup();
        sorted.sort_unstable();
        Words { spans, hashes, quoted, sorted, sample }
    }

    /// The number of words.
    pub(crate) fn len(&self) -> usize {
        self.spans.len()
    }

    /// The text span from word `from` to the end of word `to - 1`.
    pub(crate) fn text_span(&self, from: usize, to: usize) -> Span {
        self.spans[from].cover(self.spans[to - 1])
    }

    /// The share of words `from..to` inside quotation marks.
    pub(crate) fn quoted_share(&self, from: usize, to: usize) -> f32 {
        let q = self.quoted[from..to].iter().filter(|&&q| q).count();
        q as f32 / (to - from).max(1) as f32
    }
}

/// A 32-bit finaliser, so that sampling does not depend on the low bits alone.
fn fmix32(mut h: u32) -> u32 {
    h ^= h >> 16;
    h = h.wrapping_mul(0x85EB_CA6B);
    h ^= h >> 13;
    h = h.wrapping_mul(0xC2B2_AE35);
    h ^ (h >> 16)
}

/// Whether each word (by span) lies inside a quotation: between `“` and `”`, `«` and `»`, or
/// a pair of straight `"`. A paragraph break closes an unterminated quotation.
fn quoted_words(text: &str, spans: &[Span]) -> Vec<bool> {
    let mut out = Vec::with_capacity(spans.len());
    let mut inside = false;
    let mut next = spans.iter().peekable();
    let mut prev_newline = false;
    for (i, c) in text.char_indices() {
        while let Some(s) = next.peek() {
            if (s.start as usize) > i {
                break;
            }
            out.push(inside);
            next.next();
        }
        match c {
            '“' | '«' | '„' => inside = true,
            '”' | '»' => inside = false,
            '"' => inside = !inside,
            '\n' if prev_newline => inside = false,
            _ => {}
        }
        prev_newline = c == '\n';
    }
    out.resize(spans.len(), inside);
    out
}

/// One passage found by [`align`]: word ranges in both articles and the words in common.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub(crate) a: (usize, usize),
    pub(crate) b: (usize, usize),
    pub(crate) words: usize,
}

/// A chain of seeds under construction.
#[derive(Debug, Clone, Copy)]
struct Chain {
    a0: usize,
    a1: usize,
    b0: usize,
    b1: usize,
    last: (usize, usize),
    words: usize,
}

/// How many positions of one repeated shingle are paired; more are boilerplate repeats.
const MAX_REPEAT: usize = 3;

/// The passages `a` and `b` share with `n`-word shingles.
pub(crate) fn align(a: &Words, b: &Words, n: usize, max_gap: usize, min_words: usize) -> Vec<Hit> {
    let mut seeds: Vec<(usize, usize)> = Vec::new();
    let (mut x, mut y) = (0, 0);
    while x < a.sorted.len() && y < b.sorted.len() {
        let (ha, hb) = (a.sorted[x].0, b.sorted[y].0);
        match ha.cmp(&hb) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => {
                let x_end = x + a.sorted[x..].iter().take_while(|s| s.0 == ha).count();
                let y_end = y + b.sorted[y..].iter().take_while(|s| s.0 == ha).count();
                for &(_, i) in a.sorted[x..x_end].iter().take(MAX_REPEAT) {
                    for &(_, j) in b.sorted[y..y_end].iter().take(MAX_REPEAT) {
                        seeds.push((j as usize, i as usize));
                    }
                }
                (x, y) = (x_end, y_end);
            }
        }
    }
    seeds.sort_unstable();
    let mut open: Vec<Chain> = Vec::new();
    let mut done: Vec<Chain> = Vec::new();
    for (j, i) in seeds {
        // Chains that can no longer grow are closed.
        let mut k = 0;
        while k < open.len() {
            if open[k].b1 + max_gap < j {
                done.push(open.swap_remove(k));
            } else {
                k += 1;
            }
        }
        let best = open
            .iter_mut()
            .filter(|c| i > c.last.1 && j > c.last.0 && i <= c.a1 + max_gap && j <= c.b1 + max_gap)
            .min_by_key(|c| (i - c.last.1).abs_diff(j - c.last.0));
        match best {
            Some(c) if (i - c.last.1).abs_diff(j - c.last.0) <= max_gap => {
                c.words += (j + n).saturating_sub(c.b1.max(j));
                c.a1 = c.a1.max(i + n);
                c.b1 = c.b1.max(j + n);
                c.last = (j, i);
            }
            _ => open.push(Chain { a0: i, a1: i + n, b0: j, b1: j + n, last: (j, i), words: n }),
        }
    }
    done.extend(open);
    for c in &mut done {
        extend(a, b, c);
    }
    done.retain(|c| c.words >= min_words);
    // Overlapping chains (a paragraph repeated in one article): keep the longest.
    done.sort_by(|p, q| q.words.cmp(&p.words).then(p.a0.cmp(&q.a0)));
    let mut hits: Vec<Hit> = Vec::new();
    for c in done {
        let clash = |h: &Hit| (c.a0 < h.a.1 && h.a.0 < c.a1) || (c.b0 < h.b.1 && h.b.0 < c.b1);
        if !hits.iter().any(clash) {
            hits.push(Hit { a: (c.a0, c.a1), b: (c.b0, c.b1), words: c.words });
        }
    }
    hits.sort_by_key(|h| h.a);
    hits
}

/// Grows a chain word by word beyond its first and last seeds, across single changed words:
/// an edit within `n` words of a passage's end leaves no shared shingle there.
fn extend(a: &Words, b: &Words, c: &mut Chain) {
    let same = |i: usize, j: usize| a.hashes[i] == b.hashes[j];
    // Backwards.
    let (mut k, mut best, mut gained, mut misses) = (0, 0, 0, 0);
    while k < c.a0 && k < c.b0 {
        k += 1;
        if same(c.a0 - k, c.b0 - k) {
            (best, gained, misses) = (k, gained + 1, 0);
        } else {
            misses += 1;
            if misses > 1 {
                break;
            }
        }
    }
    c.a0 -= best;
    c.b0 -= best;
    c.words += gained;
    // Forwards.
    let (mut k, mut best, mut gained, mut misses) = (0, 0, 0, 0);
    while c.a1 + k < a.len() && c.b1 + k < b.len() {
        if same(c.a1 + k, c.b1 + k) {
            k += 1;
            (best, gained, misses) = (k, gained + 1, 0);
        } else {
            k += 1;
            misses += 1;
            if misses > 1 {
                break;
            }
        }
    }
    c.a1 += best;
    c.b1 += best;
    c.words += gained;
}

/// The number of words of `text`, as the aligner counts them.
#[cfg(test)]
pub(crate) fn word_count(text: &str) -> usize {
    let mut n = 0;
    crosscheck_text::for_each_token_hash(text, |_| n += 1);
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(a: &str, b: &str) -> Vec<(String, String, usize)> {
        let (wa, wb) = (Words::new(a, 5, 1), Words::new(b, 5, 1));
        align(&wa, &wb, 5, 8, 10)
            .into_iter()
            .map(|h| {
                let sa = wa.text_span(h.a.0, h.a.1).slice(a).unwrap().to_string();
                let sb = wb.text_span(h.b.0, h.b.1).slice(b).unwrap().to_string();
                (sa, sb, h.words)
            })
            .collect()
    }

    const BASE: &str = "The ferry to Ostrava sank on Monday after a storm hit the harbour at \
                        dawn, and divers searched the wreck for the two missing crew members.";

    #[test]
    fn a_changed_word_keeps_one_passage() {
        let edited = BASE.replace("sank", "capsized");
        let got = hits(BASE, &edited);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, BASE.trim_end_matches('.'));
        assert_eq!(got[0].2, word_count(BASE) - 1);
    }

    #[test]
    fn an_inserted_phrase_is_bridged_a_new_lead_is_not_copied() {
        let edited = format!(
            "Rescuers were still at work late on Tuesday. {}",
            BASE.replace("after a storm", "after a sudden and violent storm")
        );
        let got = hits(BASE, &edited);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].1.starts_with("The ferry"), "the new lead is not part of the passage");
    }

    #[test]
    fn a_moved_paragraph_is_a_second_passage() {
        let second = "The harbour authority said the port would stay closed until the \
                      cranes and the damaged pier had been inspected by engineers.";
        let a = format!("{BASE}\n\n{second}");
        let b = format!("{second}\n\nSome words of its own here.\n\n{BASE}");
        let got = hits(&a, &b);
        assert_eq!(got.len(), 2, "{got:?}");
    }

    #[test]
    fn independent_reports_share_no_passage() {
        let other = "A storm on Monday sank a ferry bound for Ostrava, the harbour master \
                     said, adding that two members of the crew were still missing at dawn.";
        assert!(hits(BASE, other).is_empty());
    }

    #[test]
    fn quotation_marks_are_tracked() {
        let text = "He said “the port is closed” and \"nothing\" more.\n\nNext";
        let w = Words::new(text, 2, 1);
        let quoted: Vec<&str> = w
            .spans
            .iter()
            .zip(&w.quoted)
            .filter(|(_, q)| **q)
            .map(|(s, _)| s.slice(text).unwrap())
            .collect();
        assert_eq!(quoted, ["the", "port", "is", "closed", "nothing"]);
    }

    proptest::proptest! {
        #[test]
        fn hits_stay_in_bounds_and_self_alignment_is_whole(
            words in proptest::collection::vec("[a-e]{1,3}", 0..60),
        ) {
            let text = words.join(" ");
            let w = Words::new(&text, 3, 1);
            for h in align(&w, &w, 3, 4, 3) {
                proptest::prop_assert!(h.a.0 < h.a.1 && h.a.1 <= w.len());
                proptest::prop_assert!(h.b.0 < h.b.1 && h.b.1 <= w.len());
                proptest::prop_assert!(h.words <= h.b.1 - h.b.0);
            }
        }
    }
}
