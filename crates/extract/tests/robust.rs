//! Robustness: no panic on any input, bounded work on hostile pages, exact spans throughout.

mod support;

use crosscheck_core::{Format, RawDoc};
use crosscheck_extract::{ArticleExtractor, ArticleExtractorBuilder, Engine, Extractor};
use proptest::prelude::*;

fn html_doc(s: String) -> RawDoc {
    RawDoc::new("p", "p.html", Format::Html, s)
}

/// HTML-ish strings: tags, attributes, entities and text mixed at random.
fn htmlish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<div class=\"share\">".to_string()),
        Just("</div>".to_string()),
        Just("<script>x<y</script>".to_string()),
        Just("<!-- c -->".to_string()),
        Just("&amp;".to_string()),
        Just("&#x41;".to_string()),
        Just("<h1>".to_string()),
        Just("<br>".to_string()),
        "[a-zA-Z ]{1,30}".prop_map(|s| s),
        "\\PC{0,10}",
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_text_never_panics_and_spans_hold(s in "\\PC{0,400}") {
        let doc = RawDoc::new("t", "t.txt", Format::Text, s);
        if let Ok(a) = ArticleExtractor::default().extract(&doc) {
            let _ = check_spans!(a);
        }
    }

    #[test]
    fn any_html_never_panics_and_spans_hold(s in htmlish()) {
        for engine in [Engine::Fast, Engine::Blocks] {
            let ex = ArticleExtractorBuilder::new().engine(engine).build();
            if let Ok(a) = ex.extract(&html_doc(s.clone())) {
                let _ = check_spans!(a);
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let s = String::from_utf8_lossy(&bytes).into_owned();
        let _ = ArticleExtractor::default().extract(&html_doc(s.clone()));
        let _ = ArticleExtractor::default().extract(&RawDoc::new("b", "b", Format::Text, s));
    }
}

#[test]
fn deeply_nested_page_is_handled() {
    let depth = 100_000;
    let mut s = String::from("<html><body>");
    for _ in 0..depth {
        s.push_str("<div>");
    }
    s.push_str("<p>The story of the deep page is told here in a sentence long enough to count as prose for the extractor.</p>");
    for _ in 0..depth {
        s.push_str("</div>");
    }
    let a = ArticleExtractor::default().extract(&html_doc(s)).unwrap();
    assert!(a.text.contains("deep page"));
    let _ = check_spans!(a);
}

#[test]
fn huge_page_is_capped() {
    let para = "<p>Another paragraph of ordinary words about the harbour and the boats in it.</p>";
    let s = format!("<html><body>{}</body></html>", para.repeat(100_000));
    let ex = ArticleExtractorBuilder::new().max_input_bytes(256 << 10).build();
    let a = ex.extract(&html_doc(s)).unwrap();
    assert!(a.text.len() < 256 << 10);
}

#[test]
fn huge_page_with_default_limits_completes() {
    // 50 MB of markup: the default input limit (4 MiB) bounds time and memory.
    let para = "<div><p>Another paragraph of ordinary words about the harbour and the boats in \
                it, long enough to read as prose.</p></div>";
    let n = (50 << 20) / para.len() + 1;
    let s = format!("<html><body>{}</body></html>", para.repeat(n));
    assert!(s.len() >= 50 << 20);
    match ArticleExtractor::default().extract(&html_doc(s)) {
        Ok(a) => {
            assert!(a.text.len() <= 4 << 20);
            assert!(a.text.contains("harbour"));
        }
        Err(e) => assert!(matches!(e, crosscheck_extract::ExtractError::NoArticle { .. }), "{e}"),
    }
}

#[test]
fn deeply_nested_huge_page_completes() {
    // Nesting and size together: 1,000,000 unclosed <div>s (6 MB), cut at the input limit.
    let s = format!(
        "<html><body>{}<p>Text at the bottom.</p></body></html>",
        "<div>".repeat(1_000_000)
    );
    let _ = ArticleExtractor::default().extract(&html_doc(s));
}

#[test]
fn unterminated_constructs_do_not_hang() {
    for s in ["<!--", "<script>", "<a href=\"", "<p", "&#x", "<title>t", "<![CDATA["] {
        let page = format!("<p>Some words before the trap.</p>{s}{}", "x".repeat(10_000));
        let _ = ArticleExtractor::default().extract(&html_doc(page));
    }
}
