//! Word n-gram shingles, hashed on the fly.
//!
//! A shingle is `n` consecutive tokens (see [`tokens`](crate::tokens)). Its hash is a polynomial
//! rolling hash over the token hashes, finalised by [`fmix64`], so each shingle costs one
//! multiply-add to roll and one finaliser, and no allocation. A text with fewer than `n` tokens
//! (but at least one) has exactly one shingle: all of its tokens.

use crosscheck_core::Span;

use crate::token::{fmix64, for_each_token_hash, tokens};

/// The largest shingle size [`for_each_shingle`] supports.
pub const MAX_SHINGLE: usize = 32;

/// The rolling hash's base; odd, so multiplication by it is invertible modulo 2⁶⁴.
const BASE: u64 = 0x100_0000_01B3;

/// A rolling hash over the last `n` token hashes.
#[derive(Debug, Clone)]
struct Roller {
    n: usize,
    ring: [u64; MAX_SHINGLE],
    /// `BASE^n`, to remove the token leaving the window.
    drop: u64,
    hash: u64,
    seen: usize,
    /// The ring slot of the oldest token (`seen % n`, kept without a division).
    slot: usize,
}

impl Roller {
    fn new(n: usize) -> Roller {
        let n = n.clamp(1, MAX_SHINGLE);
        let drop = (0..n).fold(1u64, |p, _| p.wrapping_mul(BASE));
        Roller { n, ring: [0; MAX_SHINGLE], drop, hash: 0, seen: 0, slot: 0 }
    }

    /// Adds a token; returns the shingle hash once `n` tokens have been seen.
    #[inline]
    fn push(&mut self, t: u64) -> Option<u64> {
        let slot = self.slot;
        let old = self.ring[slot];
        self.ring[slot] = t;
        self.slot = if slot + 1 == self.n { 0 } else { slot + 1 };
        self.hash = self.hash.wrapping_mul(BASE).wrapping_add(t);
        if self.seen >= self.n {
            self.hash = self.hash.wrapping_sub(old.wrapping_mul(self.drop));
        }
        self.seen += 1;
        (self.seen >= self.n).then(|| fmix64(self.hash ^ self.n as u64))
    }

    /// The one shingle of a text shorter than `n` tokens, if it has any token.
    fn short(&self) -> Option<u64> {
        (self.seen > 0 && self.seen < self.n).then(|| fmix64(self.hash ^ self.n as u64))
    }
}

/// Calls `f` with the hash of every word `n`-gram of `s`, in order, in one pass over the bytes.
///
/// `n` is clamped to `1..=`[`MAX_SHINGLE`]. Shingles are compared on normalised tokens, so case
/// and punctuation do not change them. The hashes equal [`shingles`]' `hash` fields.
#[inline]
pub fn for_each_shingle(s: &str, n: usize, mut f: impl FnMut(u64)) {
    let mut roll = Roller::new(n);
    for_each_token_hash(s, |t| {
        if let Some(h) = roll.push(t) {
            f(h);
        }
    });
    if let Some(h) = roll.short() {
        f(h);
    }
}

/// One word n-gram of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shingle {
    /// From the start of its first token to the end of its last, in bytes of the input.
    pub span: Span,
    /// Its hash, as [`for_each_shingle`] gives it.
    pub hash: u64,
}

/// The word `n`-grams of `s` with their spans: the slow, explainable twin of
/// [`for_each_shingle`], for showing why two documents were found similar.
pub fn shingles(s: &str, n: usize) -> Vec<Shingle> {
    let mut roll = Roller::new(n);
    let n = roll.n;
    let toks: Vec<_> = tokens(s).collect();
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if let Some(hash) = roll.push(t.hash()) {
            out.push(Shingle { span: toks[i + 1 - n].span.cover(t.span), hash });
        }
    }
    if let (Some(hash), Some(first), Some(last)) = (roll.short(), toks.first(), toks.last()) {
        out.push(Shingle { span: first.span.cover(last.span), hash });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(s: &str, n: usize) -> Vec<u64> {
        let mut v = Vec::new();
        for_each_shingle(s, n, |h| v.push(h));
        v
    }

    #[test]
    fn counts_and_short_texts() {
        assert_eq!(hashes("a b c d e f", 5).len(), 2);
        assert_eq!(hashes("a b", 5).len(), 1);
        assert!(hashes(" ,; ", 5).is_empty());
        assert_eq!(hashes("one two three", 1).len(), 3);
    }

    #[test]
    fn ignores_case_and_punctuation() {
        assert_eq!(
            hashes("The bridge, opened on Monday!", 3),
            hashes("the BRIDGE opened -- on monday", 3)
        );
        assert_ne!(hashes("a b c", 3), hashes("a c b", 3));
    }

    #[test]
    fn rolling_equals_direct() {
        // The same 3-gram at two positions hashes the same.
        let h = hashes("x y z q x y z", 3);
        assert_eq!(h[0], h[4]);
        assert_ne!(h[0], h[1]);
    }

    #[test]
    fn spans_cover_the_ngram() {
        let s = "Alpha beta, gamma delta.";
        let sh = shingles(s, 2);
        let texts: Vec<_> = sh.iter().map(|x| x.span.slice(s).unwrap()).collect();
        assert_eq!(texts, ["Alpha beta", "beta, gamma", "gamma delta"]);
        assert_eq!(shingles("solo", 5)[0].span.slice("solo"), Some("solo"));
    }

    proptest::proptest! {
        #[test]
        fn slow_and_fast_agree(s in "[a-zA-Z .,]{0,80}|\\PC{0,40}", n in 1usize..8) {
            let slow: Vec<u64> = shingles(&s, n).iter().map(|x| x.hash).collect();
            proptest::prop_assert_eq!(slow, hashes(&s, n));
            for sh in shingles(&s, n) {
                proptest::prop_assert!(sh.span.slice(&s).is_some());
            }
        }
    }
}
