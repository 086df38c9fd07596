//! Hashing of term hashes and ids, which are already well mixed or dense.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for term hashes and ids, which are already mixed or dense: one multiply instead
/// of `SipHash`.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct TermHasher(u64);

impl Hasher for TermHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01B3);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (n ^ (n >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A map keyed by term hashes.
pub(crate) type TermMap<V> = HashMap<u64, V, BuildHasherDefault<TermHasher>>;
