//! `MinHash` signatures: the performance core of deduplication.
//!
//! ## What it does
//!
//! A signature holds, for each of `k` random permutations `π_i(x) = a_i·x + b_i mod 2³²` (`a_i`
//! odd, so `π_i` is a bijection of the 32-bit shingle hashes), the smallest permuted hash over
//! the document's shingles. Two documents agree on entry `i` with probability equal to the
//! Jaccard similarity of their shingle sets, so the fraction of equal entries estimates it with
//! standard error `sqrt(J(1-J)/k)`.
//!
//! ## Why
//!
//! The text is read once: tokens are hashed as they are scanned, rolled into word n-gram hashes
//! ([`crosscheck_text::for_each_shingle`]) and appended to a reused buffer of `u32`, so nothing
//! is allocated per shingle. The permutations are then applied block by block: a block of
//! `(a, b)` vectors (64 permutations with AVX2, 128 with AVX-512, picked at run time) and its
//! running minima stay in registers while every shingle streams past, a loop of multiply, add
//! and min on explicit SIMD vectors. This is `k` multiply-adds per shingle, with no modulus by
//! a prime and no 64-bit product (datasketch works modulo 2⁶¹−1, rensa on 64-bit products).
//!
//! ## Example
//!
//! ```
//! use crosscheck_dedup::MinHasher;
//!
//! let m = MinHasher::new(128, 5, 1);
//! let a = m.signature("the quick brown fox jumps over the lazy dog near the river bank");
//! let b = m.signature("The quick brown fox jumps over the lazy dog near the river bank!");
//! assert_eq!(MinHasher::estimate(&a, &b), 1.0);
//! ```
//!
//! ## Limitations
//!
//! Shingle hashes are 32-bit, as in datasketch: two documents of a few thousand shingles share a
//! spurious hash with probability about 10⁻³, which moves an estimate by far less than its
//! sampling error.
//!
//! ## References
//!
//! - A. Broder, "On the resemblance and containment of documents", 1997.
//! - M. Dietzfelbinger et al., "A reliable randomized algorithm for the closest-pair problem",
//!   1997 (multiply-add hashing modulo a power of two).

use crosscheck_text::{fmix64, for_each_shingle};

/// The permutation parameters are padded to a multiple of this many `u32` lanes: the widest
/// vector (AVX-512) holds 16, so every instruction set sees whole vectors.
pub const LANES: usize = 16;

/// Computes `MinHash` signatures with fixed, seeded permutations. Cheap to share across threads.
#[derive(Debug, Clone)]
pub struct MinHasher {
    ngram: usize,
    k: usize,
    /// Multipliers, padded to a multiple of [`LANES`].
    a: Vec<u32>,
    /// Offsets, padded like `a`.
    b: Vec<u32>,
    /// The best instruction set of this CPU, detected once.
    arch: pulp::Arch,
}

/// `SplitMix64`: a tiny seeded generator for the permutations.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    fmix64(*state)
}

impl MinHasher {
    /// A hasher with `k` permutations of word `ngram`-grams, drawn from `seed`.
    ///
    /// `k` and `ngram` are raised to at least 1; prefer [`DedupBuilder`](crate::DedupBuilder),
    /// which validates them.
    pub fn new(k: usize, ngram: usize, seed: u64) -> MinHasher {
        let k = k.max(1);
        let padded = k.div_ceil(LANES) * LANES;
        let mut state = seed;
        let mut a = Vec::with_capacity(padded);
        let mut b = Vec::with_capacity(padded);
        for _ in 0..padded {
            let r = splitmix(&mut state);
            a.push((r as u32) | 1);
            b.push((r >> 32) as u32);
        }
        MinHasher { ngram: ngram.max(1), k, a, b, arch: pulp::Arch::new() }
    }

    /// The number of permutations (the signature length).
    pub fn permutations(&self) -> usize {
        self.k
    }

    /// The shingle size in words.
    pub fn ngram(&self) -> usize {
        self.ngram
    }

    /// The 32-bit shingle hashes of `text`, appended to `out` in text order (with repeats).
    ///
    /// Returns a hash of the whole shingle sequence, which identifies the normalised text (the
    /// exact-duplicate key).
    pub fn shingle_hashes(&self, text: &str, out: &mut Vec<u32>) -> u64 {
        let mut exact = 0x243F_6A88_85A3_08D3_u64;
        for_each_shingle(text, self.ngram, |h| {
            exact = (exact ^ h).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(27);
            // The finaliser mixed every bit, so the low half is as good as any 32 bits.
            out.push(h as u32);
        });
        fmix64(exact ^ out.len() as u64)
    }

    /// The signature of a set of shingle hashes, written to `sig` (length
    /// [`MinHasher::permutations`]). An empty set gives all `u32::MAX`.
    pub fn signature_of(&self, hashes: &[u32], sig: &mut [u32]) {
        // Compiled once per instruction set (SSE2, AVX2, AVX-512) and picked at run time, so
        // one binary vectorises as wide as the machine allows.
        self.arch.dispatch(Kernel { a: &self.a, b: &self.b, hashes, sig });
    }

    /// The signature of `text`, using `scratch` for its shingle hashes (cleared first).
    ///
    /// Returns the exact-duplicate key (see [`MinHasher::shingle_hashes`]).
    pub fn signature_into(&self, text: &str, scratch: &mut Vec<u32>, sig: &mut [u32]) -> u64 {
        scratch.clear();
        let exact = self.shingle_hashes(text, scratch);
        self.signature_of(scratch, sig);
        exact
    }

    /// The signature of `text`. Allocates; see [`MinHasher::signature_into`] for the loop form.
    pub fn signature(&self, text: &str) -> Vec<u32> {
        let mut sig = vec![0; self.k];
        self.signature_into(text, &mut Vec::new(), &mut sig);
        sig
    }

    /// The fraction of equal entries: the `MinHash` estimate of Jaccard similarity.
    pub fn estimate(a: &[u32], b: &[u32]) -> f64 {
        let n = a.len().min(b.len());
        if n == 0 {
            return 0.0;
        }
        let eq = a.iter().zip(b).filter(|(x, y)| x == y).count();
        eq as f64 / n as f64
    }
}

/// The signature loop, as a [`pulp::WithSimd`] operation so that it is inlined into a function
/// compiled for each instruction set.
struct Kernel<'a> {
    a: &'a [u32],
    b: &'a [u32],
    hashes: &'a [u32],
    sig: &'a mut [u32],
}

/// How many SIMD vectors of permutations one pass over the hashes carries: their `a`, `b` and
/// minima take 3 × 4 of the 16 vector registers of AVX2, so nothing spills, and the four
/// independent minimum chains keep the multipliers busy.
const BLOCK: usize = 4;

impl pulp::WithSimd for Kernel<'_> {
    type Output = ();

    #[expect(clippy::inline_always, reason = "must inline into pulp's target-feature function")]
    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, simd: S) {
        // Invariant: `a` and `b` are padded to a multiple of LANES, itself a multiple of every
        // vector width pulp uses (up to 16 lanes of u32), so the tails are empty.
        let (a, _) = S::as_simd_u32s(self.a);
        let (b, _) = S::as_simd_u32s(self.b);
        if S::U32_LANES >= 16 {
            // AVX-512 has 32 vector registers: twice the block fits.
            blocks::<S, { 2 * BLOCK }>(simd, a, b, self.hashes, self.sig);
        } else {
            blocks::<S, BLOCK>(simd, a, b, self.hashes, self.sig);
        }
    }
}

/// The signature in passes of `N` vectors of permutations, then one vector at a time.
#[expect(clippy::inline_always, reason = "must inline into pulp's target-feature function")]
#[inline(always)]
fn blocks<S: pulp::Simd, const N: usize>(
    simd: S,
    a: &[S::u32s],
    b: &[S::u32s],
    hashes: &[u32],
    sig: &mut [u32],
) {
    let mut done = 0;
    let (a_blocks, a_rest) = a.as_chunks::<N>();
    let (b_blocks, b_rest) = b.as_chunks::<N>();
    for (a, b) in a_blocks.iter().zip(b_blocks) {
        let mins = min_block(simd, a, b, hashes);
        done = store(simd, sig, done, &mins);
    }
    for (&a, &b) in a_rest.iter().zip(b_rest) {
        let mins = min_block(simd, &[a], &[b], hashes);
        done = store(simd, sig, done, &mins);
    }
}

/// The minima of `N` vectors of permutations over all hashes: the vectorised inner loop.
/// Written with explicit vectors so that the compiler keeps the lanes in registers, instead of
/// vectorising across hashes and spilling sixteen accumulators.
#[expect(clippy::inline_always, reason = "must inline into pulp's target-feature function")]
#[inline(always)]
fn min_block<S: pulp::Simd, const N: usize>(
    simd: S,
    a: &[S::u32s; N],
    b: &[S::u32s; N],
    hashes: &[u32],
) -> [S::u32s; N] {
    let mut acc = [simd.splat_u32s(u32::MAX); N];
    for &x in hashes {
        let x = simd.splat_u32s(x);
        for l in 0..N {
            acc[l] = simd.min_u32s(acc[l], simd.add_u32s(simd.mul_u32s(a[l], x), b[l]));
        }
    }
    acc
}

/// Writes the minima to `sig` from `done` on, as far as `sig` goes; returns the new `done`.
#[expect(clippy::inline_always, reason = "must inline into pulp's target-feature function")]
#[inline(always)]
fn store<S: pulp::Simd>(simd: S, sig: &mut [u32], mut done: usize, mins: &[S::u32s]) -> usize {
    for &m in mins {
        let end = (done + S::U32_LANES).min(sig.len());
        if done < end {
            simd.partial_store_u32s(&mut sig[done..end], m);
        }
        done = end;
    }
    done
}

#[cfg(test)]
#[expect(clippy::float_cmp, reason = "estimates of identical sets are exactly 1")]
mod tests {
    use super::*;

    #[test]
    fn identical_and_disjoint() {
        let m = MinHasher::new(64, 3, 7);
        let a = m.signature("alpha beta gamma delta epsilon zeta eta theta");
        assert_eq!(a.len(), 64);
        assert_eq!(MinHasher::estimate(&a, &a), 1.0);
        let c = m.signature("one two three four five six seven eight nine");
        assert!(MinHasher::estimate(&a, &c) < 0.1);
        assert!(m.signature("").iter().all(|&v| v == u32::MAX));
    }

    #[test]
    fn signature_is_the_min_over_permutations() {
        // Sizes below one vector, between blocks, one AVX2/AVX-512 block and more.
        for k in [1, 20, 64, 128, 200] {
            let m = MinHasher::new(k, 2, 3);
            let mut hashes = Vec::new();
            m.shingle_hashes("a b c d e f g h i j k l m n o p", &mut hashes);
            let mut sig = vec![0; k];
            m.signature_of(&hashes, &mut sig);
            for (i, &s) in sig.iter().enumerate() {
                let want =
                    hashes.iter().map(|&x| m.a[i].wrapping_mul(x).wrapping_add(m.b[i])).min();
                assert_eq!(Some(s), want, "k={k} i={i}");
            }
        }
    }

    #[test]
    fn seeds_change_permutations() {
        let (a, b) = (MinHasher::new(32, 5, 1), MinHasher::new(32, 5, 2));
        let t = "some words to hash here and there for the test";
        assert_ne!(a.signature(t), b.signature(t));
        assert_eq!(a.signature(t), MinHasher::new(32, 5, 1).signature(t));
    }

    /// The estimate is unbiased with the binomial error the theory predicts.
    #[test]
    fn estimates_are_within_sampling_error() {
        let m = MinHasher::new(256, 1, 11);
        // Sets of distinct words with a known overlap.
        let words: Vec<String> = (0..600).map(|i| format!("w{i}")).collect();
        for (shared, only) in [(100usize, 100usize), (300, 50), (50, 250)] {
            let a = words[..shared + only].join(" ");
            let b = [&words[..shared], &words[shared + only..shared + 2 * only]].concat().join(" ");
            let j = shared as f64 / (shared + 2 * only) as f64;
            let est = MinHasher::estimate(&m.signature(&a), &m.signature(&b));
            let sd = (j * (1.0 - j) / 256.0).sqrt();
            assert!((est - j).abs() < 4.0 * sd + 1e-9, "j={j} est={est}");
        }
    }
}
