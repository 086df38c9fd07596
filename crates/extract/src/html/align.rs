//! Maps extracted paragraphs back to the raw HTML they came from.
//!
//! The engines return text, not positions. We rebuild the positions: the raw page's visible
//! characters, without whitespace and with entities decoded, form one "flat" string whose every
//! byte knows its raw offset (or that it was decoded). Each paragraph, also without whitespace,
//! is searched in that string in document order; found characters map to raw offsets, and runs
//! whose bytes are identical in the text and in the raw HTML become
//! [`Segment`](crosscheck_core::Segment)s.

use crosscheck_core::Alignment;
use memchr::memmem;

use super::lexer::{Lexer, Token, entity_len, is_invisible};

/// Marks a flat byte that does not come verbatim from the raw content (a decoded entity).
const DECODED: u32 = u32::MAX;

/// How far past the cursor a single word is looked for when a paragraph is not found whole.
const WORD_WINDOW: usize = 4096;

/// The visible characters of a raw HTML page, whitespace removed, with raw offsets.
#[derive(Debug, Default)]
pub(crate) struct Flat {
    text: String,
    /// `raw[i]` is the raw offset of `text`'s byte `i`, or [`DECODED`].
    raw: Vec<u32>,
}

impl Flat {
    /// Indexes the visible text of `html`.
    pub(crate) fn new(html: &str) -> Flat {
        let mut flat = Flat { text: String::with_capacity(html.len() / 3), raw: Vec::new() };
        flat.raw.reserve(html.len() / 3);
        for tok in Lexer::new(html) {
            if let Token::Text { start, end } = tok {
                flat.push_run(html, start, end);
            }
        }
        flat
    }

    fn push_run(&mut self, html: &str, start: usize, end: usize) {
        let bytes = html.as_bytes();
        let mut i = start;
        while i < end {
            if bytes[i] == b'&'
                && let Some(n) = entity_len(&bytes[i..end])
            {
                let ent = &html[i..i + n];
                let dec = html_escape::decode_html_entities(ent);
                if dec != ent {
                    for c in dec.chars().filter(|c| !c.is_whitespace() && !is_invisible(*c)) {
                        let mut buf = [0u8; 4];
                        let s = c.encode_utf8(&mut buf);
                        self.text.push_str(s);
                        self.raw.extend(std::iter::repeat_n(DECODED, s.len()));
                    }
                    i += n;
                    continue;
                }
            }
            // Invariant: `i` is on a char boundary (we only ever step by whole chars).
            let Some(c) = html[i..end].chars().next() else { break };
            let n = c.len_utf8();
            if !c.is_whitespace() && !is_invisible(c) {
                self.text.push(c);
                self.raw.extend((i..i + n).map(|r| r as u32));
            }
            i += n;
        }
    }
}

/// Builds the alignment of `paragraphs` (written into the text as `"p1\n\np2…"`) against `raw`.
pub(crate) fn align(raw: &str, flat: &Flat, paragraphs: &[String]) -> Alignment {
    let mut al = Alignment::default();
    let mut cursor = 0usize; // in flat
    let mut raw_floor = 0usize; // raw offsets must increase
    let mut text_pos = 0usize;
    for p in paragraphs {
        let mapped = map_paragraph(flat, p, &mut cursor);
        push_segments(&mut al, raw, p, text_pos, &mapped, &mut raw_floor);
        text_pos += p.len() + 2;
    }
    al
}

/// For each byte of `p`, the raw offset of the flat byte it matched, if any.
fn map_paragraph(flat: &Flat, p: &str, cursor: &mut usize) -> Vec<u32> {
    let mut out = vec![DECODED; p.len()];
    let mut needle = Vec::with_capacity(p.len());
    let mut owners = Vec::with_capacity(p.len()); // byte index in p of each needle byte
    for (i, c) in p.char_indices() {
        if !c.is_whitespace() {
            let mut buf = [0u8; 4];
            for (k, b) in c.encode_utf8(&mut buf).bytes().enumerate() {
                needle.push(b);
                owners.push(i + k);
            }
        }
    }
    if needle.is_empty() {
        return out;
    }
    let hay = flat.text.as_bytes();
    let found = memmem::find(&hay[*cursor..], &needle).map(|o| *cursor + o);
    if let Some(f) = found {
        for (k, &owner) in owners.iter().enumerate() {
            out[owner] = flat.raw[f + k];
        }
        *cursor = f + needle.len();
        return out;
    }
    // Not found whole (the engine rewrote something): align word by word.
    for (wstart, word) in words(p) {
        let w = word.as_bytes();
        let window_end = (*cursor + WORD_WINDOW).min(hay.len());
        if *cursor >= window_end {
            break;
        }
        if let Some(o) = memmem::find(&hay[*cursor..window_end], w) {
            let f = *cursor + o;
            out[wstart..wstart + w.len()].copy_from_slice(&flat.raw[f..f + w.len()]);
            *cursor = f + w.len();
        }
    }
    out
}

/// The words of `p` with their byte offsets.
fn words(p: &str) -> impl Iterator<Item = (usize, &str)> {
    let base = p.as_ptr() as usize;
    p.split_whitespace().map(move |w| (w.as_ptr() as usize - base, w))
}

/// Pushes the verbatim runs of paragraph `p` (at `text_pos` in the article text).
fn push_segments(
    al: &mut Alignment,
    raw: &str,
    p: &str,
    text_pos: usize,
    mapped: &[u32],
    raw_floor: &mut usize,
) {
    let rb = raw.as_bytes();
    let pb = p.as_bytes();
    // The raw offset right after the last verbatim byte, to extend runs over whitespace.
    let mut prev_end: Option<usize> = None;
    let mut i = 0;
    while i < pb.len() {
        let m = mapped[i];
        if m != DECODED {
            let r = m as usize;
            if r >= *raw_floor && rb.get(r) == Some(&pb[i]) {
                al.push(text_pos + i, r, 1);
                *raw_floor = r + 1;
                prev_end = Some(r + 1);
            } else {
                prev_end = None;
            }
            i += 1;
            continue;
        }
        // An unmapped byte: whitespace copied as is when the raw has the same byte next.
        if pb[i].is_ascii_whitespace()
            && let Some(e) = prev_end
            && e >= *raw_floor
            && rb.get(e) == Some(&pb[i])
            && next_mapped_is(mapped, i + 1, e + 1)
        {
            al.push(text_pos + i, e, 1);
            *raw_floor = e + 1;
            prev_end = Some(e + 1);
        } else {
            prev_end = None;
        }
        i += 1;
    }
}

/// Whether the next mapped byte after `i` maps to exactly `raw` (so a whitespace byte between
/// two mapped runs is the only byte between them in the raw content too).
fn next_mapped_is(mapped: &[u32], i: usize, raw: usize) -> bool {
    mapped.get(i).is_some_and(|&m| m as usize == raw)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_core::Span;

    fn check(raw: &str, paragraphs: &[&str]) -> (String, Alignment) {
        let ps: Vec<String> = paragraphs.iter().map(|s| (*s).to_string()).collect();
        let text = ps.join("\n\n");
        let al = align(raw, &Flat::new(raw), &ps);
        for s in al.segments() {
            let t = &text[s.text as usize..(s.text + s.len) as usize];
            let r = &raw[s.raw as usize..(s.raw + s.len) as usize];
            assert_eq!(t, r);
        }
        (text, al)
    }

    #[test]
    fn aligns_paragraphs_in_order() {
        let raw = "<p>Hello <b>big</b>\n world &amp; more</p><div>Second  one</div>";
        let (text, al) = check(raw, &["Hello big world & more", "Second one"]);
        let second = text.find("Second one").unwrap();
        let span = Span::from_usize(second, text.len());
        assert_eq!(al.to_raw(span).unwrap().slice(raw), Some("Second  one"));
        assert!(al.is_verbatim(Span::from_usize(0, 5)));
        assert!(!al.is_verbatim(Span::from_usize(0, 9)), "a tag sits between the words");
        let world = text.find("world").unwrap();
        assert!(al.is_verbatim(Span::from_usize(world, world + 5)));
    }

    #[test]
    fn falls_back_to_words_when_rewritten() {
        let raw = "<p>It was \u{201c}fine\u{201d}, said Ann.</p>";
        let (text, al) = check(raw, &["It was \"fine\", said Ann."]);
        let ann = text.find("Ann").unwrap();
        assert!(al.is_verbatim(Span::from_usize(ann, ann + 3)));
    }

    #[test]
    fn unknown_text_is_left_unaligned() {
        let (_, al) = check("<p>abc</p>", &["zzz"]);
        assert!(al.segments().is_empty());
    }
}
