//! Offset-preserving text utilities shared by the crosscheck stages.
//!
//! # Overview
//!
//! Every function here reports byte offsets into the text it was given, so that later stages
//! can turn what they find into [`crosscheck_core::Span`]s.
//!
//! # Example
//!
//! ```
//! let lines: Vec<_> = crosscheck_text::lines("a\nbb\n").collect();
//! assert_eq!(lines, vec![(0, "a"), (2, "bb")]);
//! ```
//!
//! # Features
//!
//! None.

/// The lines of `s` with their byte offsets, without their `\n` / `\r\n` terminators.
pub fn lines(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    s.split_inclusive('\n').map(move |l| {
        let start = pos;
        pos += l.len();
        (start, l.trim_end_matches(['\n', '\r']))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_keep_offsets() {
        let s = "one\r\ntwo\n\nthree";
        let got: Vec<_> = lines(s).collect();
        assert_eq!(got, vec![(0, "one"), (5, "two"), (9, ""), (10, "three")]);
        for (off, l) in got {
            assert_eq!(&s[off..off + l.len()], l);
        }
    }
}
