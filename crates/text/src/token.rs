//! Word tokens with byte offsets, and the normalisation shared by dedup and clustering.
//!
//! A token is a maximal run of alphanumeric characters (Unicode `is_alphanumeric`). A run of
//! digits may hold `.` or `,` between two digits (`3.5`, `1,200`), so numbers stay whole. Every
//! token's span slices back to the exact input text; its normal form is the text lowercased
//! (Unicode `to_lowercase`), so that case changes do not change a token's identity.

use std::borrow::Cow;

use crosscheck_core::Span;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenKind {
    /// Holds at least one letter (`bridge`, `G20`).
    Word,
    /// Digits only, possibly with `.`/`,` between digits (`2025`, `3.5`, `1,200`).
    Number,
}

/// One token of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The token as it appears in the input.
    pub text: &'a str,
    /// Where it is in the input, in bytes.
    pub span: Span,
    /// What it is made of.
    pub kind: TokenKind,
    /// Whether it opens a sentence: the first token of the text, or the first after `.`, `!`,
    /// `?`, `:`, `;` or a line break.
    pub sentence_start: bool,
}

impl<'a> Token<'a> {
    /// The token's normal form: lowercased, borrowed when it is already lowercase.
    pub fn normalized(&self) -> Cow<'a, str> {
        normalize(self.text)
    }

    /// Whether its first character is uppercase (`Paris`, `NATO`).
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// The 64-bit hash of its normal form (see [`token_hash`]).
    pub fn hash(&self) -> u64 {
        token_hash(self.text)
    }
}

/// The normal form of a word: lowercased, borrowed when it is already lowercase.
///
/// Normalisation is idempotent: `normalize(&normalize(s)) == normalize(s)`.
pub fn normalize(s: &str) -> Cow<'_, str> {
    // Per-char lowercasing (not `str::to_lowercase`, whose final-sigma rule depends on context)
    // so that the normal form agrees with `token_hash` char by char.
    if s.chars().all(|c| c.to_lowercase().eq([c])) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().flat_map(char::to_lowercase).collect())
    }
}

/// The tokens of `s`, in order.
pub fn tokens(s: &str) -> Tokens<'_> {
    Tokens { s, pos: 0, sentence_start: true }
}

/// An iterator over the [`Token`]s of a text; see [`tokens`].
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    s: &'a str,
    pos: usize,
    sentence_start: bool,
}

/// Whether `c`, seen between two tokens, ends a sentence for [`Token::sentence_start`].
fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ':' | ';' | '\n' | '\r' | '。' | '！' | '？')
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let s = self.s;
        // Skip to the next alphanumeric character, noting sentence ends on the way.
        let rest = s.get(self.pos..)?;
        let mut start = None;
        for (i, c) in rest.char_indices() {
            if c.is_alphanumeric() {
                start = Some(self.pos + i);
                break;
            }
            if ends_sentence(c) {
                self.sentence_start = true;
            }
        }
        let Some(start) = start else {
            self.pos = s.len();
            return None;
        };
        let mut end = start;
        let mut has_letter = false;
        let mut prev_digit = false;
        let bytes = s.as_bytes();
        for (i, c) in s[start..].char_indices() {
            if c.is_alphanumeric() {
                let digit = c.is_ascii_digit() || c.is_numeric();
                has_letter |= !digit;
                prev_digit = digit;
                end = start + i + c.len_utf8();
            } else if (c == '.' || c == ',')
                && prev_digit
                && !has_letter
                && bytes.get(start + i + 1).is_some_and(u8::is_ascii_digit)
            {
                // A separator inside a number; the next digit extends the token.
                prev_digit = false;
            } else {
                break;
            }
        }
        let token = Token {
            text: &s[start..end],
            span: Span::from_usize(start, end),
            kind: if has_letter { TokenKind::Word } else { TokenKind::Number },
            sentence_start: self.sentence_start,
        };
        self.sentence_start = false;
        self.pos = end;
        Some(token)
    }
}

/// Seed of [`token_hash`]; any odd constant with mixed bits.
const HASH_SEED: u64 = 0x9E37_79B9_7F4A_7C15;
/// Multiplier of [`token_hash`]'s chunk mixing.
const HASH_MUL: u64 = 0xBF58_476D_1CE4_E5B9;

/// A streaming hash of a token's normal form: feed bytes of the lowercased token, then
/// [`TokenHasher::finish`]. Eight bytes are packed before each multiply, so hashing costs about
/// one multiply per eight bytes instead of one per byte.
#[derive(Debug, Clone, Copy)]
pub struct TokenHasher {
    h: u64,
    chunk: u64,
    filled: u32,
    len: u32,
}

impl Default for TokenHasher {
    fn default() -> Self {
        TokenHasher { h: HASH_SEED, chunk: 0, filled: 0, len: 0 }
    }
}

impl TokenHasher {
    /// Adds one byte of the normal form.
    #[inline]
    pub fn byte(&mut self, b: u8) {
        self.chunk |= u64::from(b) << (8 * self.filled);
        self.filled += 1;
        self.len += 1;
        if self.filled == 8 {
            self.h = (self.h ^ self.chunk).wrapping_mul(HASH_MUL).rotate_left(29);
            self.chunk = 0;
            self.filled = 0;
        }
    }

    /// Adds a character of the normal form (already lowercase).
    #[inline]
    pub fn char(&mut self, c: char) {
        let mut buf = [0u8; 4];
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            self.byte(b);
        }
    }

    /// The hash of everything added.
    #[inline]
    pub fn finish(self) -> u64 {
        finish(self.h, self.chunk, self.len)
    }
}

/// The last step of a token hash. Tokens of up to 7 bytes fit one chunk, and xor, an odd
/// multiply and an xor-shift are bijections, so short tokens never collide.
#[inline]
fn finish(h: u64, chunk: u64, len: u32) -> u64 {
    let h = (h ^ chunk ^ (u64::from(len) << 56)).wrapping_mul(HASH_MUL);
    h ^ (h >> 29)
}

/// Bytes that may be part of a token on their own: ASCII letters and digits.
static ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = (i as u8).is_ascii_alphanumeric();
        i += 1;
    }
    t
};

/// Reads up to 8 bytes at `at` as a little-endian word, zero beyond `len` bytes. Loads a whole
/// word when the text allows it, which avoids a variable-length copy.
#[inline]
fn load(bytes: &[u8], at: usize, len: usize) -> u64 {
    if let Some(w) = bytes.get(at..at + 8) {
        let mut a = [0u8; 8];
        a.copy_from_slice(w);
        let mask = if len >= 8 { u64::MAX } else { (1u64 << (8 * len)) - 1 };
        u64::from_le_bytes(a) & mask
    } else {
        let mut a = [0u8; 8];
        let end = (at + len.min(8)).min(bytes.len());
        a[..end - at].copy_from_slice(&bytes[at..end]);
        u64::from_le_bytes(a)
    }
}

/// The hash of the ASCII alphanumeric run `bytes[start..end]`, eight bytes at a time; equal to
/// feeding [`TokenHasher`] its lowercased bytes.
#[inline]
fn hash_ascii_run(bytes: &[u8], start: usize, end: usize) -> u64 {
    // For ASCII letters and digits, setting bit 5 lowercases letters and leaves digits alone.
    const LOWER: u64 = 0x2020_2020_2020_2020;
    let len = end - start;
    let mut h = HASH_SEED;
    let mut at = start;
    while end - at >= 8 {
        h = (h ^ (load(bytes, at, 8) | LOWER)).wrapping_mul(HASH_MUL).rotate_left(29);
        at += 8;
    }
    let rest = end - at;
    let tail = if rest == 0 { 0 } else { load(bytes, at, rest) | (LOWER >> (8 * (8 - rest))) };
    finish(h, tail, len as u32)
}

/// The 64-bit hash of a token's normal form; equal for `Paris`, `PARIS` and `paris`.
pub fn token_hash(s: &str) -> u64 {
    let mut h = TokenHasher::default();
    for c in s.chars() {
        if c.is_ascii() {
            h.byte(c.to_ascii_lowercase() as u8);
        } else {
            for l in c.to_lowercase() {
                h.char(l);
            }
        }
    }
    h.finish()
}

/// The 64-bit finaliser of `MurmurHash3`: every input bit affects every output bit.
#[inline]
pub fn fmix64(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    k ^= k >> 33;
    k = k.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    k ^ (k >> 33)
}

/// Calls `f` with the hash of each token's normal form, in order, in one pass over the bytes.
///
/// Gives the same hashes as `tokens(s).map(|t| t.hash())` without building tokens: ASCII is
/// scanned byte by byte and only non-ASCII characters are decoded. This is the inner loop of
/// `MinHash` signatures.
#[inline]
pub fn for_each_token_hash(s: &str, mut f: impl FnMut(u64)) {
    let bytes = s.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        if ALNUM[b as usize] {
            // The common case: a run of ASCII letters and digits, ended by ASCII that is not a
            // number separator followed by a digit.
            let start = i;
            let mut digits = true;
            while i < n && ALNUM[bytes[i] as usize] {
                digits &= bytes[i].is_ascii_digit();
                i += 1;
            }
            let next = bytes.get(i).copied().unwrap_or(b' ');
            let separator = digits
                && (next == b'.' || next == b',')
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
            if next.is_ascii() && !separator {
                f(hash_ascii_run(bytes, start, i));
            } else {
                i = slow_token(s, start, &mut f);
            }
        } else if b.is_ascii() {
            i += 1;
        } else {
            // Invariant: `i` is on a char boundary (runs and chars are stepped over whole).
            let c = s[i..].chars().next().unwrap_or(' ');
            if c.is_alphanumeric() {
                i = slow_token(s, i, &mut f);
            } else {
                i += c.len_utf8();
            }
        }
    }
}

/// Hashes the token starting at `start` char by char; returns where it ends.
#[cold]
fn slow_token(s: &str, start: usize, f: &mut impl FnMut(u64)) -> usize {
    let bytes = s.as_bytes();
    let mut h = TokenHasher::default();
    let (mut digits, mut prev_digit) = (true, false);
    for (off, c) in s[start..].char_indices() {
        let at = start + off;
        if c.is_alphanumeric() {
            let digit = c.is_ascii_digit() || c.is_numeric();
            digits &= digit;
            prev_digit = digit;
            if c.is_ascii() {
                h.byte(c.to_ascii_lowercase() as u8);
            } else {
                for l in c.to_lowercase() {
                    h.char(l);
                }
            }
        } else if (c == '.' || c == ',')
            && prev_digit
            && digits
            && bytes.get(at + 1).is_some_and(u8::is_ascii_digit)
        {
            h.byte(c as u8);
            prev_digit = false;
        } else {
            f(h.finish());
            return at;
        }
    }
    f(h.finish());
    s.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Asserts that every token's span slices back to its text (tokenizers' `check_offsets!`).
    macro_rules! check_spans {
        ($s:expr) => {{
            let s: &str = $s;
            for t in tokens(s) {
                assert_eq!(t.span.slice(s), Some(t.text), "span {:?} of {:?}", t.span, s);
            }
        }};
    }

    fn words(s: &str) -> Vec<&str> {
        tokens(s).map(|t| t.text).collect()
    }

    #[test]
    fn splits_words_and_keeps_numbers_whole() {
        assert_eq!(
            words("The G20 met, said 1,200 people."),
            ["The", "G20", "met", "said", "1,200", "people"]
        );
        assert_eq!(words("pay 3.5% now. 4."), ["pay", "3.5", "now", "4"]);
        assert_eq!(words("don't — Zürich’s"), ["don", "t", "Zürich", "s"]);
        assert_eq!(words("  "), Vec::<&str>::new());
        check_spans!("Çà et là, 3,14 € — 東京 ok.");
    }

    #[test]
    fn kinds_and_sentence_starts() {
        let t: Vec<_> = tokens("Police said. Then Smith left\nAnd 42 stayed").collect();
        let starts: Vec<_> = t.iter().filter(|t| t.sentence_start).map(|t| t.text).collect();
        assert_eq!(starts, ["Police", "Then", "And"]);
        assert_eq!(t[6].kind, TokenKind::Number);
        assert_eq!(t[3].kind, TokenKind::Word);
        assert!(t[3].is_capitalized() && !t[3].sentence_start);
    }

    #[test]
    fn hash_ignores_case() {
        assert_eq!(token_hash("Paris"), token_hash("PARIS"));
        assert_eq!(token_hash("ÉTÉ"), token_hash("été"));
        assert_ne!(token_hash("paris"), token_hash("pari"));
        assert_ne!(token_hash("abcdefgh"), token_hash("abcdefghi"));
        assert_eq!(normalize("already"), Cow::Borrowed("already"));
    }

    proptest::proptest! {
        #[test]
        fn spans_stay_in_bounds_and_slice_back(s in "\\PC{0,80}") {
            check_spans!(&s);
        }

        #[test]
        fn fast_hashes_match_tokens(s in "[a-zA-Z0-9 .,'\\n-]{0,60}|\\PC{0,40}") {
            let mut fast = Vec::new();
            for_each_token_hash(&s, |h| fast.push(h));
            let slow: Vec<u64> = tokens(&s).map(|t| t.hash()).collect();
            proptest::prop_assert_eq!(fast, slow);
        }

        #[test]
        fn normalization_is_idempotent(s in "\\PC{0,30}") {
            let once = normalize(&s).into_owned();
            proptest::prop_assert_eq!(normalize(&once).into_owned(), once.clone());
            proptest::prop_assert_eq!(token_hash(&s), token_hash(&once));
        }
    }
}
