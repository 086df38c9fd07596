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
            self.h = mix_chunk(self.h, self.chunk);
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

/// The 8 bytes at `at` as a little-endian word, zero beyond the end of `bytes`. A whole-word
/// load when the text allows it, so that short tokens cost one load and a mask.
#[inline]
fn load(bytes: &[u8], at: usize) -> u64 {
    match bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
        Some(w) => u64::from_le_bytes(*w),
        None => load_tail(bytes, at),
    }
}

/// [`load`] near the end of the text.
#[cold]
fn load_tail(bytes: &[u8], at: usize) -> u64 {
    let mut a = [0u8; 8];
    let rest = bytes.get(at..).unwrap_or_default();
    let n = rest.len().min(8);
    a[..n].copy_from_slice(&rest[..n]);
    u64::from_le_bytes(a)
}

/// The low `n` bytes of a word set, `n` in `0..=8`.
#[inline]
fn byte_mask(n: usize) -> u64 {
    if n == 0 { 0 } else { u64::MAX >> (64 - 8 * n) }
}

/// The hash of the ASCII alphanumeric run `bytes[start..end]`, eight bytes at a time; equal to
/// feeding [`TokenHasher`] its lowercased bytes.
#[inline]
fn hash_ascii_run(bytes: &[u8], start: usize, end: usize) -> u64 {
    // For ASCII letters and digits, setting bit 5 lowercases letters and leaves digits alone.
    const LOWER: u64 = 0x2020_2020_2020_2020;
    let len = end - start;
    if len < 16 {
        // Most words: no loop and, for the compiler, selects instead of branches on the
        // length, which no predictor can guess.
        let long = len >= 8;
        let c0 = (load(bytes, start) | LOWER) & byte_mask(len.min(8));
        let c1 = (load(bytes, start + 8) | LOWER) & byte_mask(len.saturating_sub(8));
        let h = std::hint::select_unpredictable(long, mix_chunk(HASH_SEED, c0), HASH_SEED);
        let tail = std::hint::select_unpredictable(long, c1, c0);
        return finish(h, tail, len as u32);
    }
    let mut h = HASH_SEED;
    let mut at = start;
    while end - at >= 8 {
        h = mix_chunk(h, load(bytes, at) | LOWER);
        at += 8;
    }
    let rest = end - at;
    finish(h, (load(bytes, at) | LOWER) & byte_mask(rest), len as u32)
}

/// One 8-byte chunk of a token hash.
#[inline]
fn mix_chunk(h: u64, chunk: u64) -> u64 {
    (h ^ chunk).wrapping_mul(HASH_MUL).rotate_left(29)
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
/// Gives the same hashes as `tokens(s).map(|t| t.hash())` without building tokens. This is the
/// inner loop of `MinHash` signatures, so it avoids a branch per byte: the text is classified
/// 64 bytes at a time into a bitmask of word bytes (ASCII letters and digits, eight bytes per
/// step with SWAR arithmetic; non-ASCII characters are decoded and classified only where the
/// block has any), and each token is then found with two bit scans and hashed eight bytes per
/// multiply, lowercased on the fly. Tokens that hold non-ASCII letters, numbers with `.`/`,`
/// inside and tokens that cross a block boundary take a scalar path.
#[inline]
pub fn for_each_token_hash(s: &str, f: impl FnMut(u64)) {
    // The block classification is the only part that gains from wide vectors; the whole scan
    // is compiled for AVX2 so that the classifier inlines into it.
    #[cfg(target_arch = "x86_64")]
    if let Some(simd) = pulp::x86::V3::try_new() {
        return simd.vectorize(move || scan(s, f, Avx2(simd)));
    }
    scan(s, f, Swar);
}

/// Computes the [`Classes`] of a block. A trait rather than a closure: every step from pulp's
/// target-feature function down to the intrinsics must be `#[inline(always)]`, or the
/// intrinsics are compiled as calls.
trait Classify: Copy {
    /// The classes of `block`.
    fn classes(self, block: &[u8; BLOCK]) -> Classes;
}

/// The portable classifier, eight bytes per step.
#[derive(Clone, Copy)]
struct Swar;

impl Classify for Swar {
    #[inline]
    fn classes(self, block: &[u8; BLOCK]) -> Classes {
        classify(block)
    }
}

/// The AVX2 classifier, 32 bytes per step.
#[cfg(target_arch = "x86_64")]
#[derive(Clone, Copy)]
struct Avx2(pulp::x86::V3);

#[cfg(target_arch = "x86_64")]
impl Classify for Avx2 {
    #[expect(clippy::inline_always, reason = "must inline into pulp's target-feature function")]
    #[inline(always)]
    fn classes(self, block: &[u8; BLOCK]) -> Classes {
        // The barrier keeps LLVM from folding the scan's bit tricks on these masks back into
        // operations on 64 one-bit lanes, which AVX2 lacks: it then rebuilt every mask byte
        // by byte and the scan ran 35% slower than with SWAR. Only codegen depends on it.
        std::hint::black_box(classify_avx2(self.0, block))
    }
}

/// [`for_each_token_hash`] with the given block classifier.
#[expect(clippy::inline_always, reason = "must inline into pulp's target-feature function")]
#[inline(always)]
fn scan(s: &str, mut f: impl FnMut(u64), classify: impl Classify) {
    let bytes = s.as_bytes();
    let n = bytes.len();
    // Bytes before `pos` belong to tokens already given to `f`.
    let mut pos = 0;
    let mut base = 0;
    while base < n {
        let c = if let Some(block) = bytes[base..].first_chunk::<BLOCK>() {
            classify.classes(block)
        } else {
            let mut pad = [0u8; BLOCK];
            pad[..n - base].copy_from_slice(&bytes[base..]);
            classify.classes(&pad)
        };
        let mut word = c.alnum;
        if c.high != 0 {
            word |= unicode_word_bytes(s, base, c.high);
        }
        // Bytes that send their token to the scalar path: non-ASCII ones, and a digit before a
        // `.`/`,` with a digit after it (`1,200`; a separator in the last byte is assumed to
        // have one). One test per token covers both.
        let numsep = c.sep & (c.digit << 1) & ((c.digit >> 1) | 1 << (BLOCK - 1));
        let slow = c.high | (numsep >> 1);
        // The first and the last byte of each run of word bytes. Tokens are read off these
        // two masks, so finding the next token does not wait on the previous one's length.
        let mut starts = word & !(word << 1);
        let mut ends = word & !(word >> 1);
        if pos > base {
            let keep = u64::MAX.checked_shl((pos - base) as u32).unwrap_or(0);
            starts &= keep;
            ends &= keep;
        }
        while starts != 0 {
            let first = starts.trailing_zeros();
            let last = ends.trailing_zeros();
            starts &= starts - 1;
            ends &= ends - 1;
            let start = base + first as usize;
            if last == BLOCK as u32 - 1 {
                // The token may go on in the next block.
                pos = scan_token(s, start, &mut f);
                break;
            }
            let end = base + last as usize + 1;
            let run = (u64::MAX >> (63 - (last - first))) << first;
            if run & slow == 0 {
                f(hash_ascii_run(bytes, start, end));
                continue;
            }
            pos = slow_token(s, start, &mut f);
            if pos >= base + BLOCK {
                break;
            }
            // A token with `.`/`,` inside spans several runs.
            let keep = u64::MAX << (pos - base);
            starts &= keep;
            ends &= keep;
        }
        base += BLOCK;
    }
}

/// The bytes classified at a time by [`for_each_token_hash`]: one bit each in a `u64`.
const BLOCK: usize = 64;

/// The byte classes of a block, one bit per byte (bit `i` for byte `i`).
#[derive(Debug, Clone, Copy, Default)]
struct Classes {
    /// ASCII letters and digits.
    alnum: u64,
    /// ASCII digits.
    digit: u64,
    /// `.` and `,`.
    sep: u64,
    /// Bytes that are not ASCII.
    high: u64,
}

/// The [`Classes`] of a block, eight bytes at a time.
#[inline]
fn classify(block: &[u8; BLOCK]) -> Classes {
    let (words, _) = block.as_chunks::<8>();
    let mut c = Classes::default();
    for (i, w) in words.iter().enumerate() {
        let w = classify8(u64::from_le_bytes(*w));
        c.alnum |= w.alnum << (8 * i);
        c.digit |= w.digit << (8 * i);
        c.sep |= w.sep << (8 * i);
        c.high |= w.high << (8 * i);
    }
    c
}

/// [`classify`] with AVX2: 32 bytes per compare. No closures inside (see [`Classify`]).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn classify_avx2(simd: pulp::x86::V3, block: &[u8; BLOCK]) -> Classes {
    use std::arch::x86_64::__m256i;
    let (avx, avx2) = (simd.avx, simd.avx2);
    let (halves, _) = block.as_chunks::<32>();
    let mut c = Classes::default();
    for (i, half) in halves.iter().enumerate() {
        let v: __m256i = pulp::bytemuck::cast(*half);
        // Unsigned `x <= k` as `min(x, k) == x`; the subtractions wrap bytes below each range
        // to large values.
        let lower = avx2._mm256_or_si256(v, avx._mm256_set1_epi8(0x20));
        let l = avx2._mm256_sub_epi8(lower, avx._mm256_set1_epi8(b'a'.cast_signed()));
        let letter = avx2._mm256_cmpeq_epi8(avx2._mm256_min_epu8(l, avx._mm256_set1_epi8(25)), l);
        let d = avx2._mm256_sub_epi8(v, avx._mm256_set1_epi8(b'0'.cast_signed()));
        let digit = avx2._mm256_cmpeq_epi8(avx2._mm256_min_epu8(d, avx._mm256_set1_epi8(9)), d);
        let dot = avx2._mm256_or_si256(v, avx._mm256_set1_epi8(0x02));
        let sep = avx2._mm256_cmpeq_epi8(dot, avx._mm256_set1_epi8(b'.'.cast_signed()));
        let shift = 32 * i;
        let alnum = avx2._mm256_or_si256(letter, digit);
        c.alnum |= u64::from(avx2._mm256_movemask_epi8(alnum).cast_unsigned()) << shift;
        c.digit |= u64::from(avx2._mm256_movemask_epi8(digit).cast_unsigned()) << shift;
        c.sep |= u64::from(avx2._mm256_movemask_epi8(sep).cast_unsigned()) << shift;
        c.high |= u64::from(avx2._mm256_movemask_epi8(v).cast_unsigned()) << shift;
    }
    c
}

/// [`classify`] for eight bytes, in the lanes of one `u64` (SWAR).
#[inline]
fn classify8(x: u64) -> Classes {
    const fn splat(b: u8) -> u64 {
        u64::from_ne_bytes([b; 8])
    }
    const H: u64 = splat(0x80);
    let ascii = !x & H;
    let v = x & !H;
    // Every lane of `v` and `t` is below 0x80 and every addend at most 0x80, so no lane
    // carries into the next; bit 7 of `lane + (0x80 - c)` says `lane >= c`.
    let t = v | splat(0x20);
    let letter = t.wrapping_add(splat(0x80 - b'a')) & !t.wrapping_add(splat(0x80 - b'z' - 1));
    let digit =
        v.wrapping_add(splat(0x80 - b'0')) & !v.wrapping_add(splat(0x80 - b'9' - 1)) & ascii;
    // `,` is `.` with bit 1 clear; a lane of `y` is zero exactly for those two.
    let y = (v | splat(0x02)) ^ splat(b'.');
    let sep = !y.wrapping_add(splat(0x7F)) & ascii;
    Classes {
        alnum: movemask((letter & ascii) | digit),
        digit: movemask(digit),
        sep: movemask(sep),
        high: movemask(x & H),
    }
}

/// Packs bit 7 of each byte lane (and no other bit) into bits 0..8: the multiply moves bit
/// `8i + 7` to bit `56 + i`, and no two partial products meet, so nothing carries.
#[inline]
fn movemask(m: u64) -> u64 {
    (m >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// Bits of the block at `base` for the bytes of non-ASCII alphanumeric characters, given the
/// block's non-ASCII bytes `high`. A character across the block's start or end is decoded
/// whole.
#[cold]
fn unicode_word_bytes(s: &str, base: usize, high: u64) -> u64 {
    let mut out = 0;
    let mut rest = high;
    while rest != 0 {
        let i = base + rest.trailing_zeros() as usize;
        // A UTF-8 character starts at most 3 bytes before any of its bytes.
        let mut c0 = i;
        while c0 > 0 && !s.is_char_boundary(c0) {
            c0 -= 1;
        }
        let Some(c) = s.get(c0..).and_then(|t| t.chars().next()) else { break };
        let lo = c0.max(base) - base;
        let hi = (c0 + c.len_utf8()).min(base + BLOCK) - base;
        let bits = ((1u64 << (hi - lo)) - 1) << lo;
        if c.is_alphanumeric() {
            out |= bits;
        }
        rest &= !bits;
    }
    out
}

/// Whether the ASCII run `bytes[start..end]` is a number that goes on past `end` (`1,200`).
#[inline]
fn number_goes_on(bytes: &[u8], start: usize, end: usize) -> bool {
    matches!(bytes.get(end), Some(b'.' | b','))
        && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
        && bytes[start..end].iter().all(u8::is_ascii_digit)
}

/// Hashes the token starting at `start` (a char boundary, first byte ASCII alphanumeric or
/// start of a non-ASCII one) by a byte scan; returns where it ends.
fn scan_token(s: &str, start: usize, f: &mut impl FnMut(u64)) -> usize {
    let bytes = s.as_bytes();
    let mut end = start;
    loop {
        // Eight bytes per step; bytes past the text load as zero, which ends a token.
        let run = (!classify8(load(bytes, end)).alnum).trailing_zeros() as usize;
        end += run;
        if run < 8 {
            break;
        }
    }
    if end > start && bytes.get(end).is_none_or(u8::is_ascii) && !number_goes_on(bytes, start, end)
    {
        f(hash_ascii_run(bytes, start, end));
        end
    } else {
        slow_token(s, start, f)
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
    fn block_classes_match_bytes() {
        // Each byte value at each of the 64 positions, the rest filled with a rotating pattern.
        for b in 0..=255u8 {
            for at in 0..BLOCK {
                let mut block = [0u8; BLOCK];
                for (i, x) in block.iter_mut().enumerate() {
                    *x = (i as u8).wrapping_mul(37).wrapping_add(b);
                }
                block[at] = b;
                let c = classify(&block);
                #[cfg(target_arch = "x86_64")]
                if let Some(simd) = pulp::x86::V3::try_new() {
                    let v = simd.vectorize(|| classify_avx2(simd, &block));
                    assert_eq!(
                        (v.alnum, v.digit, v.sep, v.high),
                        (c.alnum, c.digit, c.sep, c.high)
                    );
                }
                for (i, &x) in block.iter().enumerate() {
                    let bit = |m: u64| m >> i & 1 == 1;
                    assert_eq!(bit(c.alnum), x.is_ascii_alphanumeric(), "byte {x} at {i}");
                    assert_eq!(bit(c.digit), x.is_ascii_digit(), "byte {x} at {i}");
                    assert_eq!(bit(c.sep), x == b'.' || x == b',', "byte {x} at {i}");
                    assert_eq!(bit(c.high), !x.is_ascii(), "byte {x} at {i}");
                }
            }
        }
    }

    #[test]
    fn tokens_across_blocks_match() {
        // Tokens that end at, start at and straddle 64-byte boundaries, long tokens, numbers
        // and non-ASCII letters split across a boundary.
        let mut cases = vec!["x".repeat(200), format!("{} tail", "ab".repeat(64))];
        for pad in 55..70 {
            let fill = "a".repeat(pad);
            for tail in ["Zürich ok", "1,200.5 x", "éé", " word", "ab’cd", "2.x", "G20.5"] {
                cases.push(format!("{fill} {tail} {fill}{tail}"));
                cases.push(format!("{}{tail}", " ".repeat(pad)));
            }
        }
        for s in &cases {
            let mut fast = Vec::new();
            for_each_token_hash(s, |h| fast.push(h));
            let slow: Vec<u64> = tokens(s).map(|t| t.hash()).collect();
            assert_eq!(fast, slow, "{s:?}");
            let mut swar = Vec::new();
            scan(s, |h| swar.push(h), Swar);
            assert_eq!(swar, slow, "{s:?}");
        }
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

        /// Long enough to cross several 64-byte blocks, with non-ASCII letters, numbers,
        /// separators and non-ASCII punctuation at every offset.
        #[test]
        fn fast_hashes_match_tokens(
            s in "[a-zA-Z0-9 .,'\\n-]{0,300}|[a-z0-9 .,ÉéßİΣς²½’—東]{0,300}|\\PC{0,200}"
        ) {
            let mut fast = Vec::new();
            for_each_token_hash(&s, |h| fast.push(h));
            let slow: Vec<u64> = tokens(&s).map(|t| t.hash()).collect();
            proptest::prop_assert_eq!(&fast, &slow);
            // The portable classifier too, which this machine may not pick.
            let mut swar = Vec::new();
            scan(&s, |h| swar.push(h), Swar);
            proptest::prop_assert_eq!(swar, slow);
        }

        #[test]
        fn normalization_is_idempotent(s in "\\PC{0,30}") {
            let once = normalize(&s).into_owned();
            proptest::prop_assert_eq!(normalize(&once).into_owned(), once.clone());
            proptest::prop_assert_eq!(token_hash(&s), token_hash(&once));
        }
    }
}
