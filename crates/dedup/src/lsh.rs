//! Locality-sensitive hashing by banding, and the choice of bands for a threshold.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crosscheck_text::fmix64;

/// The probability that a pair exactly at the threshold shares a band. Candidates are
/// verified before they are merged, so a spurious candidate costs one comparison while a missed
/// one loses a duplicate for good: bands are chosen for recall.
const RECALL_AT_THRESHOLD: f64 = 0.98;

/// The probability that two documents of Jaccard similarity `s` share at least one band.
pub(crate) fn collision_probability(s: f64, bands: usize, rows: usize) -> f64 {
    let int = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
    1.0 - (1.0 - s.powi(int(rows))).powi(int(bands))
}

/// The `(bands, rows)` for `k` permutations with the most rows per band (the fewest spurious
/// candidates) such that a pair at `threshold` collides with probability at least
/// [`RECALL_AT_THRESHOLD`]. Falls back to one row per band (every shared entry a candidate).
pub(crate) fn optimal_bands(threshold: f64, k: usize) -> (usize, usize) {
    let k = k.max(1);
    (1..=k)
        .rev()
        .map(|rows| (k / rows, rows))
        .find(|&(bands, rows)| collision_probability(threshold, bands, rows) >= RECALL_AT_THRESHOLD)
        .unwrap_or((k, 1))
}

/// The key of band `band` of a signature.
#[inline]
pub(crate) fn band_key(band: usize, rows: &[u32]) -> u64 {
    let mut h = (band as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for &v in rows {
        h = (h ^ u64::from(v)).wrapping_mul(0xBF58_476D_1CE4_E5B9).rotate_left(31);
    }
    fmix64(h)
}

/// A hasher that passes already-mixed `u64` keys through.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used by the maps below; fold anything else for completeness.
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01B3);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    fn write_u32(&mut self, n: u32) {
        // Spread into the high bits, which the table uses as its per-slot tag.
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A mixed 64-bit key cut to 32 bits.
fn fold(key: u64) -> u32 {
    (key ^ (key >> 32)) as u32
}

/// A map keyed by already-mixed `u64` hashes.
pub(crate) type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// Band buckets: each key holds a linked list of entries, stored in one vector so that a bucket
/// costs no allocation of its own. Keys are cut to 32 bits, which halves the table; two bands
/// that collide in 32 bits only add a candidate, which verification rejects.
#[derive(Debug, Default)]
pub(crate) struct Buckets {
    heads: HashMap<u32, u32, BuildHasherDefault<KeyHasher>>,
    /// `(value, next)`; `next == u32::MAX` ends a list.
    nodes: Vec<(u32, u32)>,
}

impl Buckets {
    /// Adds `value` to the bucket `key`.
    pub(crate) fn insert(&mut self, key: u64, value: u32) {
        let node = self.nodes.len() as u32;
        let next = self.heads.insert(fold(key), node).unwrap_or(u32::MAX);
        self.nodes.push((value, next));
    }

    /// Calls `f` with the newest `limit` values in bucket `key`, newest first; returns whether
    /// older values were left unread.
    pub(crate) fn for_each_newest(&self, key: u64, limit: usize, mut f: impl FnMut(u32)) -> bool {
        let mut at = self.heads.get(&fold(key)).copied().unwrap_or(u32::MAX);
        let mut read = 0;
        while let Some(&(value, next)) = self.nodes.get(at as usize) {
            if read == limit {
                return true;
            }
            f(value);
            read += 1;
            at = next;
        }
        false
    }

    /// Bytes held, roughly.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.heads.capacity() * 9 + self.nodes.capacity() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_fit_and_put_the_threshold_on_the_slope() {
        for (t, k) in [(0.5, 128), (0.7, 128), (0.8, 128), (0.9, 256), (0.3, 64)] {
            let (b, r) = optimal_bands(t, k);
            assert!(b * r <= k, "{b}x{r} > {k}");
            // At the threshold pairs almost surely collide; well below, rarely.
            assert!(collision_probability(t, b, r) >= 0.98, "t={t} {b}x{r}");
            assert!(collision_probability(t - 0.3, b, r) < 0.3, "t={t} {b}x{r}");
        }
    }

    #[test]
    fn buckets_chain_values() {
        let mut b = Buckets::default();
        b.insert(5, 1);
        b.insert(5, 2);
        b.insert(6, 3);
        let mut got = Vec::new();
        assert!(!b.for_each_newest(5, usize::MAX, |v| got.push(v)));
        assert_eq!(got, [2, 1]);
        got.clear();
        assert!(b.for_each_newest(5, 1, |v| got.push(v)), "the older value is left unread");
        assert_eq!(got, [2]);
        got.clear();
        assert!(!b.for_each_newest(5, 2, |v| got.push(v)));
        assert_eq!(got, [2, 1]);
        got.clear();
        assert!(!b.for_each_newest(7, usize::MAX, |v| got.push(v)));
        assert!(got.is_empty());
    }
}
