//! Shared test helpers.

/// Asserts that an article's alignment is exact: every recorded segment holds the same bytes
/// in the text and in the raw content, and every paragraph and sentence that the alignment
/// calls verbatim slices back from the raw content to exactly its text. Evaluates to the share
/// of text bytes that are aligned.
#[macro_export]
macro_rules! check_spans {
    ($article:expr) => {{
        use crosscheck_core::Span;
        let a = &$article;
        let raw: &str = &a.raw;
        let mut aligned = 0usize;
        for s in a.alignment.segments() {
            let t = a.text.get(s.text as usize..(s.text + s.len) as usize);
            let r = raw.get(s.raw as usize..(s.raw + s.len) as usize);
            assert!(t.is_some() && t == r, "segment {s:?}: text {t:?} != raw {r:?}");
            aligned += s.len as usize;
        }
        let mut pos = 0usize;
        for p in a.text.split("\n\n") {
            let span = Span::from_usize(pos, pos + p.len());
            if a.alignment.is_verbatim(span) {
                let back = a.alignment.to_raw(span).and_then(|s| s.slice(raw));
                assert_eq!(back, Some(p), "verbatim paragraph at {span:?}");
            }
            for s in crosscheck_text::sentences(p, a.language, &[]) {
                let span = s.span.shift(pos as u32);
                if a.alignment.is_verbatim(span) {
                    let back = a.alignment.to_raw(span).and_then(|s| s.slice(raw));
                    assert_eq!(back, Some(s.text), "verbatim sentence at {span:?}");
                }
            }
            pos += p.len() + 2;
        }
        if a.text.is_empty() { 1.0 } else { aligned as f64 / a.text.len() as f64 }
    }};
}
