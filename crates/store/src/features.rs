//! The compact binary form in which a store keeps an article's clustering
//! [`Features`](crosscheck_core::Features).
//!
//! ## What it does
//!
//! One version byte (1), the language code (its length, then its ASCII bytes), the fingerprint
//! (8 bytes, little-endian), then the word terms and the name terms, each list as its length
//! (a LEB128 varint) followed by its terms. A term is its id (8 bytes), its count (a varint of
//! twice the count when it is a whole number below 2³¹, else 1 and the 4 bytes of the `f32`)
//! and its prior (the 4 bytes of the `f32`). Every value round-trips bit for bit.
//!
//! ## Why
//!
//! Placement clusters new articles with the recent members of the stories around them; keeping
//! each member's features saves extracting them again for every batch, which was the largest
//! cost of an ingest into a grown store. Term ids are hashes, so they take their 8 bytes in any
//! encoding; counts are small whole numbers and take one byte here. About 13 bytes a term, half
//! of what a self-describing format (CBOR, `MessagePack`) spends on the same tuples, with no
//! dependency.
//!
//! ## Limitations
//!
//! A blob that does not decode (another version, damage) is treated as missing: the engine
//! extracts the features again, which gives the same placement at the old cost.

use crosscheck_core::{Features, Lang, Term};

/// The format version written first.
const VERSION: u8 = 1;

/// Encodes `f` (see the [module documentation](self)).
pub(crate) fn encode(f: &Features) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + 13 * (f.words.len() + f.names.len()));
    out.push(VERSION);
    let lang = f.lang.as_str().as_bytes();
    // A language code is two or three ASCII letters.
    out.push(lang.len() as u8);
    out.extend_from_slice(lang);
    out.extend_from_slice(&f.fingerprint.to_le_bytes());
    for terms in [&f.words, &f.names] {
        varint(&mut out, terms.len() as u64);
        for t in terms {
            out.extend_from_slice(&t.id.to_le_bytes());
            if t.count.is_sign_positive() && t.count < 2_147_483_648.0 && t.count.fract() == 0.0 {
                varint(&mut out, 2 * t.count as u64);
            } else {
                out.push(1);
                out.extend_from_slice(&t.count.to_bits().to_le_bytes());
            }
            out.extend_from_slice(&t.prior.to_bits().to_le_bytes());
        }
    }
    out
}

/// Decodes what [`encode`] wrote; `None` for anything else.
pub(crate) fn decode(bytes: &[u8]) -> Option<Features> {
    let mut r = Reader(bytes);
    if r.byte()? != VERSION {
        return None;
    }
    let n = usize::from(r.byte()?);
    let lang: Lang = std::str::from_utf8(r.take(n)?).ok()?.parse().ok()?;
    let fingerprint = r.u64()?;
    let mut lists = [Vec::new(), Vec::new()];
    for list in &mut lists {
        let len = usize::try_from(r.varint()?).ok()?;
        // Each term takes at least 13 bytes: a length beyond what is left is damage.
        if len > r.0.len() / 13 {
            return None;
        }
        list.reserve_exact(len);
        for _ in 0..len {
            let id = r.u64()?;
            let c = r.varint()?;
            let count = if c == 1 {
                f32::from_bits(r.u32()?)
            } else if c % 2 == 0 && c < 1 << 32 {
                (c / 2) as f32
            } else {
                return None;
            };
            let prior = f32::from_bits(r.u32()?);
            list.push(Term { id, count, prior });
        }
    }
    if !r.0.is_empty() {
        return None;
    }
    let [words, names] = lists;
    Some(Features { words, names, fingerprint, lang })
}

/// Appends `v` as an unsigned LEB128 varint.
fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A cursor over the bytes left to decode.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn byte(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    fn u32(&mut self) -> Option<u32> {
        self.take(4)?.try_into().ok().map(u32::from_le_bytes)
    }

    fn u64(&mut self) -> Option<u64> {
        self.take(8)?.try_into().ok().map(u64::from_le_bytes)
    }

    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7F) << shift;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn term() -> impl Strategy<Value = Term> {
        let count = prop_oneof![(0u32..100_000).prop_map(|c| c as f32), any::<f32>()];
        (any::<u64>(), count, any::<f32>()).prop_map(|(id, count, prior)| Term { id, count, prior })
    }

    fn features() -> impl Strategy<Value = Features> {
        let lang = prop_oneof![Just("en"), Just("de"), Just("zh"), Just("und"), Just("haw")];
        (
            prop::collection::vec(term(), 0..40),
            prop::collection::vec(term(), 0..20),
            any::<u64>(),
            lang,
        )
            .prop_map(|(words, names, fingerprint, lang)| Features {
                words,
                names,
                fingerprint,
                lang: lang.parse().unwrap_or_default(),
            })
    }

    /// Bit-for-bit equality (NaN counts and priors included).
    fn same(a: &Features, b: &Features) -> bool {
        let terms = |x: &[Term], y: &[Term]| {
            x.len() == y.len()
                && x.iter().zip(y).all(|(s, t)| {
                    s.id == t.id
                        && s.count.to_bits() == t.count.to_bits()
                        && s.prior.to_bits() == t.prior.to_bits()
                })
        };
        terms(&a.words, &b.words)
            && terms(&a.names, &b.names)
            && a.fingerprint == b.fingerprint
            && a.lang == b.lang
    }

    proptest! {
        #[test]
        fn features_round_trip_bit_for_bit(f in features()) {
            let back = decode(&encode(&f));
            prop_assert!(back.as_ref().is_some_and(|b| same(&f, b)), "{f:?} came back as {back:?}");
        }

        #[test]
        fn damaged_blobs_decode_to_nothing_or_something_without_panicking(
            f in features(),
            cut in any::<prop::sample::Index>(),
            flip in any::<(prop::sample::Index, u8)>(),
        ) {
            let bytes = encode(&f);
            let cut = cut.index(bytes.len());
            prop_assert!(decode(&bytes[..cut]).is_none(), "a truncated blob is refused");
            let mut bad = bytes.clone();
            let i = flip.0.index(bad.len());
            bad[i] ^= flip.1.max(1);
            let _ = decode(&bad);
        }
    }

    #[test]
    fn whole_counts_take_one_byte() {
        let f = Features {
            words: vec![Term { id: 7, count: 3.0, prior: 0.25 }],
            names: Vec::new(),
            fingerprint: 9,
            lang: Lang::EN,
        };
        assert_eq!(encode(&f).len(), 1 + 1 + 2 + 8 + 1 + 13 + 1);
        assert!(decode(&[2]).is_none(), "another version is refused");
        assert!(decode(&[]).is_none());
    }
}
