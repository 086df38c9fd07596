//! Extracts every fixture in `resources/test/` and snapshots the article (insta), checking
//! that its spans slice back to the raw content.

mod support;

use std::fmt::Write;
use std::path::Path;

use crosscheck_core::{Format, RawDoc};
use crosscheck_extract::{ArticleExtractor, Extractor};

fn render(a: &crosscheck_core::Article) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "title: {:?}", a.title);
    let _ = writeln!(s, "outlet: {:?}", a.outlet);
    let _ = writeln!(s, "author: {:?}", a.author);
    let _ = writeln!(s, "published: {:?}", a.published.map(|d| d.to_string()));
    let _ = writeln!(s, "language: {}", a.language);
    let _ = writeln!(s, "---- text\n{}", a.text);
    let _ = writeln!(s, "---- removed");
    for r in &a.removed {
        let _ = writeln!(s, "- {r}");
    }
    s
}

#[expect(clippy::unnecessary_wraps, reason = "the signature datatest-stable requires")]
fn extract(path: &Path, content: String) -> datatest_stable::Result<()> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("fixture").to_string();
    let is_html = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("html"));
    let format = if is_html { Format::Html } else { Format::Text };
    let doc = RawDoc::new(name.as_str(), name.as_str(), format, content);
    let out = match ArticleExtractor::default().extract(&doc) {
        Ok(a) => {
            let share = check_spans!(a);
            // Text lines are copied whole; HTML loses only tags, entities and breaks.
            let want = if format == Format::Text { 0.95 } else { 0.8 };
            assert!(share >= want, "{name}: only {share:.2} of the text is aligned");
            render(&a)
        }
        Err(e) => format!("error: {e}\n"),
    };
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../resources/test/snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name, out));
    Ok(())
}

datatest_stable::harness! {
    { test = extract, root = "resources/test", pattern = r"^[^/]*\.(html|txt)$" },
}
