//! Arbitrary bytes through the HTML extraction path (what `crosscheck extract` does with an
//! `.html` file) and through the plain-text chrome path. Any panic, hang or runaway allocation
//! is a bug.
#![no_main]

use crosscheck_core::{Format, RawDoc};
use crosscheck_extract::{ArticleExtractor, Extractor};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Ingest decodes files to UTF-8 with replacement characters; do the same.
    let s = String::from_utf8_lossy(data).into_owned();
    let ex = ArticleExtractor::default();
    if let Ok(a) = ex.extract(&RawDoc::new("f", "f.html", Format::Html, s.as_str())) {
        check(&a);
    }
    if let Ok(a) = ex.extract(&RawDoc::new("f", "f.txt", Format::Text, s)) {
        check(&a);
    }
});

/// Every aligned segment of the text is a verbatim copy of the raw content.
fn check(a: &crosscheck_core::Article) {
    for s in a.alignment.segments() {
        let t = a.text.get(s.text as usize..(s.text + s.len) as usize);
        let r = a.raw.get(s.raw as usize..(s.raw + s.len) as usize);
        assert!(t.is_some() && t == r, "segment {s:?}: text {t:?} != raw {r:?}");
    }
}
