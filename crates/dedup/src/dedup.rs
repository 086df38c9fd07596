//! Grouping documents into exact and near-duplicate groups.
//!
//! ## What it does
//!
//! Documents are taken in order. A document whose normalised text (its token sequence, case and
//! punctuation ignored) was seen before joins that document's group as an exact duplicate.
//! Otherwise its `MinHash` signature is cut into LSH bands; every group whose *first document*
//! (the group's representative) shares a band is a candidate, and each candidate is verified by
//! computing the similarity to that representative. The document joins the most similar
//! representative at or above the threshold, or starts a new group.
//!
//! Verification is bounded per document ([`DedupBuilder::candidates`], 16 by default): when
//! more groups than that share a band with the document, which happens when thousands of
//! articles retell one story, only the ones whose signatures agree most with it are verified,
//! and each band bucket is read for its newest groups only. Below the bound every candidate is
//! verified and the result is the exhaustive one; past it, a batch costs time linear in its
//! size (2,000 rewrites of one story: 0.25 s of grouping before, 0.04 s after).
//!
//! ## Why
//!
//! Tools that merge every colliding pair with union-find glue chains `A≈B≈C≈…` into giant
//! groups of unrelated documents. Here a member is always verified against the representative
//! itself, so every member of a group is within the threshold of its first document, and only
//! representatives are indexed: memory grows with the number of groups, not documents.
//!
//! The default threshold, 0.5 Jaccard over word 5-grams (Broder's "roughly the same"), sits
//! between the two populations it must separate. Independently written reports of the same
//! event share under 0.3 (on ECB+, 86 of ~480,000 pairs reach 0.3). A copy with light edits
//! keeps less than one would think: one replaced word removes five shingles, a swapped paragraph
//! up to eight, so a short wire copy with a few edits falls to 0.6 (on the labelled set of the
//! bench README, a threshold of 0.7 finds 82% of the copies and 0.5 finds 98%, with 2 false
//! positives among 20,976 hard negatives). 128 permutations give a standard error of 0.044 at the threshold; 5-grams
//! are the usual choice for news-length text (text-dedup, datatrove) because shorter n-grams
//! make unrelated texts on one topic overlap.
//!
//! ## Example
//!
//! ```
//! use crosscheck_dedup::DedupBuilder;
//!
//! let dedup = DedupBuilder::new().build().unwrap();
//! let base = "The city council approved the new bridge on Monday after a long debate \
//!             about its cost, which rose to 40 million euros over three years.";
//! let copy = format!("{base} Share this article.");
//! let other = "Heavy rain flooded the lower town overnight and closed two schools, \
//!              the mayor said, while crews pumped water from basements.";
//! let groups = dedup.dedup(&[base, copy.as_str(), other]);
//! assert_eq!(groups[1].duplicate_of(), Some(0));
//! assert_eq!(groups[2].duplicate_of(), None);
//! ```
//!
//! ## Limitations
//!
//! The result depends on input order: the first document of a group is its representative.
//! Three documents `A`, `B`, `C` with `A≈B`, `B≈C` but `A≉C` give `{A, B}` and `{C}` in this
//! order and `{B, A, C}` if `B` comes first. Exact verification (the default) keeps the
//! shingle sets of representatives, about 4 bytes per word; [`Verify::Signature`] keeps only
//! signatures, for streams of many millions of documents, and errs by about `sqrt(J(1-J)/k)`.
//!
//! ## References
//!
//! - A. Broder, "On the resemblance and containment of documents", 1997.
//! - J. Leskovec, A. Rajaraman, J. Ullman, *Mining of Massive Datasets*, ch. 3 (banding).

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::lsh::{Buckets, KeyMap, band_key, optimal_bands};
use crate::{DedupError, MinHasher};

/// How candidate pairs are verified before a document joins a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Verify {
    /// Compare full signatures: the fraction of equal entries estimates the Jaccard
    /// similarity, within about `sqrt(J(1-J)/k)`. Memory: one signature per group (512 bytes
    /// with 128 permutations), for streams of many millions of documents.
    Signature,
    /// Compare the exact sets of shingle hashes. Memory: one signature and one shingle set per
    /// group (about 4 bytes per word).
    #[default]
    Exact,
}

/// Builds a [`Deduper`].
///
/// Serialises as the `dedup` table of a pipeline configuration; a missing field keeps its
/// default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DedupBuilder {
    threshold: f64,
    ngram: usize,
    permutations: usize,
    bands: Option<(usize, usize)>,
    seed: u64,
    verify: Verify,
    candidates: usize,
}

impl Default for DedupBuilder {
    fn default() -> Self {
        DedupBuilder {
            threshold: 0.5,
            ngram: 5,
            permutations: 128,
            bands: None,
            seed: 0x5EED_C0DE,
            verify: Verify::Exact,
            candidates: DEFAULT_CANDIDATES,
        }
    }
}

/// The default bound on candidates verified per document (see [`DedupBuilder::candidates`]).
pub const DEFAULT_CANDIDATES: usize = 16;

/// How many of the newest groups of one band bucket are read per candidate verified.
const BUCKET_SCAN_PER_CANDIDATE: usize = 16;

/// The most permutations accepted; beyond this the signature dominates memory for no gain.
const MAX_PERMUTATIONS: usize = 4096;

impl DedupBuilder {
    /// A builder with the defaults.
    pub fn new() -> DedupBuilder {
        DedupBuilder::default()
    }

    /// The Jaccard similarity of word shingles at or above which two documents are
    /// near-duplicates, in `(0, 1]`.
    ///
    /// By default, 0.5 (see the module documentation for why).
    pub fn threshold(&mut self, t: f64) -> &mut DedupBuilder {
        self.threshold = t;
        self
    }

    /// The shingle size in words.
    ///
    /// By default, 5.
    pub fn ngram(&mut self, n: usize) -> &mut DedupBuilder {
        self.ngram = n;
        self
    }

    /// The number of `MinHash` permutations (the signature length).
    ///
    /// By default, 128.
    pub fn permutations(&mut self, k: usize) -> &mut DedupBuilder {
        self.permutations = k;
        self
    }

    /// The LSH banding, `bands` bands of `rows` signature entries each.
    ///
    /// By default, the most rows per band such that a pair exactly at the threshold shares a
    /// band with probability 0.98 (candidates are verified, so bands are chosen for recall):
    /// 42 × 3 for 0.5 and 128 permutations.
    pub fn bands(&mut self, bands: usize, rows: usize) -> &mut DedupBuilder {
        self.bands = Some((bands, rows));
        self
    }

    /// The seed of the permutations. Signatures are only comparable under the same seed.
    ///
    /// By default, a fixed constant, so runs are reproducible.
    pub fn seed(&mut self, seed: u64) -> &mut DedupBuilder {
        self.seed = seed;
        self
    }

    /// How candidates are verified.
    ///
    /// By default, [`Verify::Exact`].
    pub fn verify(&mut self, v: Verify) -> &mut DedupBuilder {
        self.verify = v;
        self
    }

    /// The most candidates verified per document, at least 1.
    ///
    /// A document's candidates are the groups whose first document shares one of its bands,
    /// read from each band bucket newest first, at most `16 × n` per bucket. Up to `n`
    /// candidates are all verified. Past that, which happens when many documents share text
    /// (thousands of rewrites of one story share most bands), only the `n` whose signatures
    /// agree with the document's in the most entries are verified (ties to the older group),
    /// so the cost per document is bounded and a batch costs time linear in its size. A
    /// duplicate is then missed only if `n` unrelated groups look more similar to it by
    /// `MinHash` than its own group does, or if its group is not among the `16 × n` newest of
    /// any band they share. `usize::MAX` verifies every candidate.
    ///
    /// By default, 16.
    pub fn candidates(&mut self, n: usize) -> &mut DedupBuilder {
        self.candidates = n;
        self
    }

    /// The configured deduplicator.
    pub fn build(&self) -> Result<Deduper, DedupError> {
        let t = self.threshold;
        if !(t > 0.0 && t <= 1.0) {
            return Err(DedupError::InvalidThreshold { value: t });
        }
        if self.ngram == 0 || self.ngram > crosscheck_text::MAX_SHINGLE {
            return Err(DedupError::InvalidShingle {
                value: self.ngram,
                max: crosscheck_text::MAX_SHINGLE,
            });
        }
        let k = self.permutations;
        if k == 0 || k > MAX_PERMUTATIONS {
            return Err(DedupError::InvalidPermutations { value: k, max: MAX_PERMUTATIONS });
        }
        let (bands, rows) = self.bands.unwrap_or_else(|| optimal_bands(t, k));
        if bands == 0 || rows == 0 || bands * rows > k {
            return Err(DedupError::InvalidBands { bands, rows, permutations: k });
        }
        if self.candidates == 0 {
            return Err(DedupError::InvalidCandidates);
        }
        Ok(Deduper {
            hasher: MinHasher::new(k, self.ngram, self.seed),
            threshold: t,
            bands,
            rows,
            verify: self.verify,
            candidates: self.candidates,
        })
    }
}

/// Finds exact and near-duplicates. Reusable, `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Deduper {
    hasher: MinHasher,
    threshold: f64,
    bands: usize,
    rows: usize,
    verify: Verify,
    candidates: usize,
}

/// What [`Deduper::fingerprint`] keeps of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// A hash of the normalised text: equal for exact duplicates.
    pub exact: u64,
    /// The `MinHash` signature.
    pub signature: Box<[u32]>,
    /// The sorted, distinct shingle hashes, kept for [`Verify::Exact`].
    pub shingles: Option<Box<[u32]>>,
}

/// How a document was matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum MatchKind {
    /// The first document of its group.
    First,
    /// Same normalised text as an earlier document.
    Exact,
    /// Similar at or above the threshold to its group's first document.
    Near,
}

/// A document's place among the duplicate groups.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Membership {
    /// The group, numbered from 0 in order of first appearance.
    pub group: u32,
    /// The position (among the inserted documents) of the group's first document.
    pub first: u32,
    /// The similarity to the group's first document; 1 for the first document itself.
    pub similarity: f32,
    /// How it was matched.
    pub kind: MatchKind,
}

impl Membership {
    /// The first document of the group, if it is not this one.
    pub fn duplicate_of(&self) -> Option<u32> {
        (self.kind != MatchKind::First).then_some(self.first)
    }
}

/// How many documents are fingerprinted at a time in [`Deduper::dedup`]; fingerprinting a chunk
/// runs on all cores while the previous chunk is grouped.
const CHUNK: usize = 2048;

impl Deduper {
    /// The `MinHash` signer.
    pub fn hasher(&self) -> &MinHasher {
        &self.hasher
    }

    /// The similarity threshold.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// The LSH banding as `(bands, rows)`.
    pub fn bands(&self) -> (usize, usize) {
        (self.bands, self.rows)
    }

    /// The most candidates verified per document (see [`DedupBuilder::candidates`]).
    pub fn candidates(&self) -> usize {
        self.candidates
    }

    /// How many of the newest groups of one band bucket are read per document.
    fn bucket_scan(&self) -> usize {
        self.candidates.saturating_mul(BUCKET_SCAN_PER_CANDIDATE)
    }

    /// The fingerprint of `text`, using `scratch` as a buffer for its shingle hashes.
    pub fn fingerprint_with(&self, text: &str, scratch: &mut Vec<u32>) -> Fingerprint {
        let mut sig = vec![0u32; self.hasher.permutations()].into_boxed_slice();
        let exact = self.hasher.signature_into(text, scratch, &mut sig);
        let shingles = (self.verify == Verify::Exact).then(|| {
            scratch.sort_unstable();
            scratch.dedup();
            scratch.as_slice().into()
        });
        Fingerprint { exact, signature: sig, shingles }
    }

    /// The fingerprint of `text`.
    pub fn fingerprint(&self, text: &str) -> Fingerprint {
        self.fingerprint_with(text, &mut Vec::new())
    }

    /// The fingerprints of `texts`, computed on all cores, in order.
    pub fn fingerprints<T: AsRef<str> + Sync>(&self, texts: &[T]) -> Vec<Fingerprint> {
        texts.par_iter().map_init(Vec::new, |s, t| self.fingerprint_with(t.as_ref(), s)).collect()
    }

    /// An empty index to insert fingerprints into one at a time.
    pub fn index(&self) -> DedupIndex<'_> {
        DedupIndex {
            dedup: self,
            exact: KeyMap::default(),
            buckets: Buckets::default(),
            signatures: Vec::new(),
            shingles: Vec::new(),
            firsts: Vec::new(),
            seen: Vec::new(),
            cands: Vec::new(),
            inserted: 0,
        }
    }

    /// The duplicate group of each of `texts`, in order. Fingerprints are computed on all
    /// cores.
    pub fn dedup<T: AsRef<str> + Sync>(&self, texts: &[T]) -> Vec<Membership> {
        let mut index = self.index();
        let mut out = Vec::with_capacity(texts.len());
        let mut chunks = texts.chunks(CHUNK);
        let mut current = chunks.next().map(|c| self.fingerprints(c)).unwrap_or_default();
        loop {
            let next = chunks.next();
            let (fps, ()) = rayon::join(
                || next.map(|c| self.fingerprints(c)),
                || out.extend(current.drain(..).map(|fp| index.insert(fp))),
            );
            match fps {
                Some(fps) => current = fps,
                None => break,
            }
        }
        out
    }

    /// The similarity of two fingerprints as this deduplicator verifies it.
    pub fn similarity(&self, a: &Fingerprint, b: &Fingerprint) -> f64 {
        match (&a.shingles, &b.shingles) {
            (Some(x), Some(y)) => jaccard_sorted(x, y),
            _ => MinHasher::estimate(&a.signature, &b.signature),
        }
    }
}

/// The Jaccard similarity of two sorted, distinct slices. Two empty sets are identical.
pub fn jaccard_sorted(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    inter as f64 / (a.len() + b.len() - inter) as f64
}

/// The Jaccard similarity of two sorted, distinct slices if it is at least `floor`, computed as
/// [`jaccard_sorted`] does; `None` as soon as the rest of the slices cannot lift it to `floor`.
fn jaccard_at_least(a: &[u32], b: &[u32], floor: f64) -> Option<f64> {
    if a.is_empty() && b.is_empty() {
        return (1.0 >= floor).then_some(1.0);
    }
    let total = a.len() + b.len();
    // The best similarity reachable with `inter` shared so far and `left` still possible.
    let reachable = |inter: usize, left: usize| {
        let most = inter + left;
        most as f64 / (total - most) as f64
    };
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    let mut steps = 0u32;
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
        steps += 1;
        if steps.is_multiple_of(64) && reachable(inter, (a.len() - i).min(b.len() - j)) < floor {
            return None;
        }
    }
    let sim = inter as f64 / (total - inter) as f64;
    (sim >= floor).then_some(sim)
}

/// How many entries of two signatures agree.
fn agreement(a: &[u32], b: &[u32]) -> u32 {
    a.iter().zip(b).map(|(x, y)| u32::from(x == y)).sum()
}

/// The groups found so far; documents are inserted one at a time, in order.
#[derive(Debug)]
pub struct DedupIndex<'d> {
    dedup: &'d Deduper,
    /// Exact key → the membership the first document with that text got.
    exact: KeyMap<Membership>,
    /// Band key → groups whose first document has that band.
    buckets: Buckets,
    /// Signatures of each group's first document, concatenated.
    signatures: Vec<u32>,
    /// Shingle sets of each group's first document, for [`Verify::Exact`].
    shingles: Vec<Box<[u32]>>,
    /// The position of each group's first document.
    firsts: Vec<u32>,
    /// Per group, the last document (position + 1) that found it a candidate.
    seen: Vec<u32>,
    /// The candidates of the document being inserted (a reused buffer).
    cands: Vec<u32>,
    inserted: u32,
}

impl DedupIndex<'_> {
    /// Adds the next document and returns its group.
    pub fn insert(&mut self, fp: Fingerprint) -> Membership {
        let pos = self.inserted;
        self.inserted += 1;
        if let Some(&m) = self.exact.get(&fp.exact) {
            return Membership { kind: MatchKind::Exact, ..m };
        }
        let d = self.dedup;
        let k = d.hasher.permutations();
        let keys: Vec<u64> = (0..d.bands)
            .map(|b| band_key(b, &fp.signature[b * d.rows..(b + 1) * d.rows]))
            .collect();
        // Collect candidate groups from the newest entries of each bucket, without repeats.
        let stamp = pos + 1;
        let mut cands = std::mem::take(&mut self.cands);
        cands.clear();
        let scan = d.bucket_scan();
        for &key in &keys {
            let (seen, cands) = (&mut self.seen, &mut cands);
            self.buckets.for_each_newest(key, scan, |g| {
                let mark = &mut seen[g as usize];
                if *mark != stamp {
                    *mark = stamp;
                    cands.push(g);
                }
            });
        }
        let signature = |g: usize| &self.signatures[g * k..(g + 1) * k];
        if cands.len() > d.candidates {
            // Past the bound: only the candidates whose signatures agree most with this
            // document's are verified (ties to the older group).
            let mut ranked: Vec<(u32, u32)> = cands
                .iter()
                .map(|&g| (agreement(&fp.signature, signature(g as usize)), g))
                .collect();
            ranked
                .select_nth_unstable_by(d.candidates - 1, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            cands.clear();
            cands.extend(ranked[..d.candidates].iter().map(|&(_, g)| g));
        }
        cands.sort_unstable();
        let mut best: Option<(u32, f64)> = None;
        for &g in &cands {
            let gi = g as usize;
            // Anything below the best so far, or below the threshold, cannot win.
            let floor = best.map_or(d.threshold, |(_, s)| s.max(d.threshold));
            let sim = match (&fp.shingles, self.shingles.get(gi)) {
                (Some(x), Some(y)) => jaccard_at_least(x, y, floor),
                _ => Some(MinHasher::estimate(&fp.signature, signature(gi))),
            };
            // Ties go to the older group: candidates are visited in group order.
            if let Some(sim) = sim
                && sim >= d.threshold
                && best.is_none_or(|(_, s)| sim > s)
            {
                best = Some((g, sim));
            }
        }
        self.cands = cands;
        let m = if let Some((g, sim)) = best {
            Membership {
                group: g,
                first: self.firsts[g as usize],
                similarity: sim as f32,
                kind: MatchKind::Near,
            }
        } else {
            let g = self.firsts.len() as u32;
            self.firsts.push(pos);
            self.seen.push(0);
            self.signatures.extend_from_slice(&fp.signature);
            if let Some(s) = fp.shingles {
                self.shingles.push(s);
            }
            for key in keys {
                self.buckets.insert(key, g);
            }
            Membership { group: g, first: pos, similarity: 1.0, kind: MatchKind::First }
        };
        self.exact.insert(fp.exact, m);
        m
    }

    /// The number of documents inserted.
    pub fn len(&self) -> usize {
        self.inserted as usize
    }

    /// Whether nothing was inserted.
    pub fn is_empty(&self) -> bool {
        self.inserted == 0
    }

    /// The number of groups.
    pub fn groups(&self) -> usize {
        self.firsts.len()
    }

    /// Bytes held by the index, roughly.
    pub fn heap_bytes(&self) -> usize {
        self.exact.capacity() * 24
            + self.buckets.heap_bytes()
            + self.signatures.capacity() * 4
            + self.shingles.iter().map(|s| s.len() * 4 + 16).sum::<usize>()
            + self.firsts.capacity() * 4
            + self.seen.capacity() * 4
            + self.cands.capacity() * 4
    }
}

#[cfg(test)]
#[expect(clippy::float_cmp, reason = "similarities of identical sets are exactly 1")]
mod tests {
    use std::collections::HashSet;

    use proptest::prelude::*;

    use super::*;

    /// The exact shingle set, through the slow, independent path of `crosscheck-text`.
    fn exact_set(text: &str, n: usize) -> HashSet<u64> {
        crosscheck_text::shingles(text, n).into_iter().map(|s| s.hash).collect()
    }

    fn jaccard(a: &HashSet<u64>, b: &HashSet<u64>) -> f64 {
        if a.is_empty() && b.is_empty() {
            return 1.0;
        }
        a.intersection(b).count() as f64 / a.union(b).count() as f64
    }

    /// The O(n²) reference: the same first-document rule with exact Jaccard against every
    /// earlier group.
    fn reference(texts: &[String], n: usize, t: f64) -> Vec<Option<usize>> {
        let sets: Vec<HashSet<u64>> = texts.iter().map(|x| exact_set(x, n)).collect();
        let norm: Vec<Vec<String>> = texts
            .iter()
            .map(|x| crosscheck_text::tokens(x).map(|t| t.normalized().into_owned()).collect())
            .collect();
        let mut firsts: Vec<usize> = Vec::new();
        let mut out: Vec<Option<usize>> = Vec::new();
        for i in 0..texts.len() {
            if let Some(j) = (0..i).find(|&j| norm[j] == norm[i]) {
                out.push(Some(out[j].unwrap_or(j)));
                continue;
            }
            let mut best: Option<(usize, f64)> = None;
            for &f in &firsts {
                let s = jaccard(&sets[i], &sets[f]);
                if s >= t && best.is_none_or(|(_, b)| s > b) {
                    best = Some((f, s));
                }
            }
            if let Some((f, _)) = best {
                out.push(Some(f));
            } else {
                firsts.push(i);
                out.push(None);
            }
        }
        out
    }

    /// A corpus of random documents and lightly edited copies of earlier ones.
    fn corpus() -> impl Strategy<Value = Vec<String>> {
        let doc = prop::collection::vec(0u16..3000, 30..70);
        let item = (doc, any::<bool>(), any::<prop::sample::Index>(), 0usize..4, any::<u64>());
        prop::collection::vec(item, 2..14).prop_map(|items| {
            let mut docs: Vec<Vec<u16>> = Vec::new();
            for (fresh, copy, from, edits, seed) in items {
                if copy && !docs.is_empty() {
                    let mut d = docs[from.index(docs.len())].clone();
                    let mut s = seed;
                    for _ in 0..edits {
                        s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                        let at = (s >> 33) as usize % d.len();
                        d[at] = 3000 + (s % 1000) as u16;
                    }
                    docs.push(d);
                } else {
                    docs.push(fresh);
                }
            }
            docs.into_iter()
                .map(|d| d.iter().map(|w| format!("w{w}")).collect::<Vec<_>>().join(" "))
                .collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Fast dedup (LSH + exact verification) matches the O(n²) reference whenever no pair
        /// of a document and a group's first document sits within 0.1 of the threshold.
        #[test]
        fn fast_dedup_matches_the_reference(texts in corpus()) {
            let t = 0.7;
            let sets: Vec<_> = texts.iter().map(|x| exact_set(x, 5)).collect();
            for i in 0..sets.len() {
                for j in 0..i {
                    let s = jaccard(&sets[i], &sets[j]);
                    prop_assume!((s - t).abs() > 0.1 || s == 1.0);
                }
            }
            let d = DedupBuilder::new().threshold(t).build().unwrap();
            let got: Vec<Option<usize>> =
                d.dedup(&texts).iter().map(|m| m.duplicate_of().map(|x| x as usize)).collect();
            prop_assert_eq!(got, reference(&texts, 5, t));
        }

        /// Being near-duplicates does not depend on which document comes first.
        #[test]
        fn near_duplicate_is_symmetric(texts in corpus()) {
            let d = DedupBuilder::new().build().unwrap();
            let (a, b) = (&texts[0], &texts[texts.len() - 1]);
            let ab = d.dedup(&[a, b])[1];
            let ba = d.dedup(&[b, a])[1];
            prop_assert_eq!(ab.duplicate_of().is_some(), ba.duplicate_of().is_some());
            prop_assert_eq!(ab.similarity, ba.similarity);
            let (fa, fb) = (d.fingerprint(a), d.fingerprint(b));
            prop_assert_eq!(d.similarity(&fa, &fb), d.similarity(&fb, &fa));
        }

        /// Signature verification agrees with exact verification away from the threshold.
        #[test]
        fn signature_verification_matches_when_clear(texts in corpus()) {
            let sets: Vec<_> = texts.iter().map(|x| exact_set(x, 5)).collect();
            for i in 0..sets.len() {
                for j in 0..i {
                    let s = jaccard(&sets[i], &sets[j]);
                    prop_assume!((s - 0.5).abs() > 0.2 || s == 1.0);
                }
            }
            let exact = DedupBuilder::new().build().unwrap().dedup(&texts);
            let sig = DedupBuilder::new().verify(Verify::Signature).build().unwrap().dedup(&texts);
            let groups = |m: &[Membership]| m.iter().map(|x| x.group).collect::<Vec<_>>();
            prop_assert_eq!(groups(&exact), groups(&sig));
        }
    }

    proptest! {
        /// The early-abandoning Jaccard gives exactly the full one whenever it reaches the floor.
        #[test]
        fn jaccard_at_least_matches_jaccard(
            a in prop::collection::btree_set(0u32..400, 0..300),
            b in prop::collection::btree_set(0u32..400, 0..300),
            floor in 0.0f64..1.0,
        ) {
            let (a, b): (Vec<u32>, Vec<u32>) = (a.into_iter().collect(), b.into_iter().collect());
            let full = jaccard_sorted(&a, &b);
            prop_assert_eq!(jaccard_at_least(&a, &b, floor), (full >= floor).then_some(full));
        }
    }

    /// A story told many times: `n` documents of 20 sentences drawn from a pool of 40, and every
    /// seventh document a copy of one of the previous 30 with 2 or 8 words replaced. Returns the
    /// texts and, for each planted copy, its position and its source's.
    fn rewrites(n: usize) -> (Vec<String>, Vec<(usize, usize)>) {
        let mut s = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |m: usize| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s % m as u64) as usize
        };
        let pool: Vec<Vec<u32>> =
            (0..40u32).map(|i| (0..12).map(|w| i * 12 + w).collect()).collect();
        let mut docs: Vec<Vec<u32>> = Vec::new();
        let mut planted = Vec::new();
        for i in 0..n {
            if i % 7 == 6 {
                let from = i - 1 - next(30.min(i));
                let mut d = docs[from].clone();
                // Every other copy loses a sixth of its shingles or more: J from about 0.6.
                let edits = if i % 14 == 6 { 2 } else { 8 };
                for e in 0..edits {
                    let at = next(d.len());
                    d[at] = 10_000 + (i * 8 + e) as u32;
                }
                planted.push((i, from));
                docs.push(d);
            } else {
                docs.push((0..20).flat_map(|_| pool[next(pool.len())].clone()).collect());
            }
        }
        let texts = docs
            .iter()
            .map(|d| d.iter().map(|w| format!("w{w}")).collect::<Vec<_>>().join(" "))
            .collect();
        (texts, planted)
    }

    /// Past its bound the bounded search verifies a few candidates per document, yet on a story
    /// of rewrites it finds the same groups as verifying every candidate, planted copies
    /// included; below the bound nothing differs at all.
    #[test]
    fn bounded_candidates_match_exhaustive_verification() {
        let (texts, planted) = rewrites(300);
        let exhaustive = DedupBuilder::new().candidates(usize::MAX).build().unwrap();
        let all = exhaustive.dedup(&texts);
        // The bound binds: many documents share a band with more than 4 earlier ones.
        let (b, r) = exhaustive.bands();
        let keys: Vec<HashSet<u64>> = exhaustive
            .fingerprints(&texts)
            .iter()
            .map(|f| (0..b).map(|i| band_key(i, &f.signature[i * r..(i + 1) * r])).collect())
            .collect();
        let crowded = (0..texts.len())
            .filter(|&i| (0..i).filter(|&j| !keys[i].is_disjoint(&keys[j])).count() > 4)
            .count();
        assert!(crowded > 100, "only {crowded} documents have more than 4 candidates");
        for &(i, from) in &planted {
            assert_eq!(all[i].group, all[from].group, "copy {i} of {from}");
            assert_eq!(all[i].kind, MatchKind::Near);
        }
        let weakest = planted.iter().map(|&(i, _)| all[i].similarity).fold(1.0, f32::min);
        assert!(weakest < 0.7, "the copies are all easy: the weakest is {weakest}");
        let bounded = DedupBuilder::new().candidates(4).build().unwrap().dedup(&texts);
        assert_eq!(bounded, all);
        // Below the bound: the first few documents never have more than 4 earlier ones.
        let head = &texts[..5];
        assert_eq!(
            DedupBuilder::new().candidates(4).build().unwrap().dedup(head),
            exhaustive.dedup(head)
        );
    }

    fn words(range: std::ops::Range<u32>) -> String {
        range.map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ")
    }

    /// `A ≈ B` and `B ≈ C` but `A ≉ C`: `C` must not be glued to `A`'s group through `B`.
    #[test]
    fn no_transitive_chains() {
        let a = words(0..100);
        let b = words(12..112);
        let c = words(24..124);
        let d = DedupBuilder::new().threshold(0.7).build().unwrap();
        let f = |x: &str| d.fingerprint(x);
        assert!(d.similarity(&f(&a), &f(&b)) >= 0.7);
        assert!(d.similarity(&f(&b), &f(&c)) >= 0.7);
        assert!(d.similarity(&f(&a), &f(&c)) < 0.7);
        let m = d.dedup(&[&a, &b, &c]);
        assert_eq!(m[1].duplicate_of(), Some(0));
        assert_eq!(m[2].duplicate_of(), None, "C is not within the threshold of A");
    }

    #[test]
    fn exact_copies_ignore_case_and_punctuation() {
        let d = DedupBuilder::new().build().unwrap();
        let m = d.dedup(&["Hello, World! It is a fine day.", "hello world -- it is a FINE day"]);
        assert_eq!(m[1].kind, MatchKind::Exact);
        assert_eq!(m[1].similarity, 1.0);
    }

    #[test]
    fn builder_rejects_bad_values() {
        assert!(matches!(
            DedupBuilder::new().threshold(0.0).build(),
            Err(DedupError::InvalidThreshold { .. })
        ));
        assert!(matches!(
            DedupBuilder::new().ngram(0).build(),
            Err(DedupError::InvalidShingle { .. })
        ));
        assert!(matches!(
            DedupBuilder::new().permutations(0).build(),
            Err(DedupError::InvalidPermutations { .. })
        ));
        assert!(matches!(
            DedupBuilder::new().bands(20, 8).build(),
            Err(DedupError::InvalidBands { .. })
        ));
        assert_eq!(
            DedupBuilder::new().candidates(0).build().unwrap_err(),
            DedupError::InvalidCandidates
        );
        let e = DedupBuilder::new().threshold(1.5).build().unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid near-duplicate threshold 1.5, expected a number in (0, 1]"
        );
    }
}
