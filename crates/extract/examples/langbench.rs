//! Times lingua on samples of growing size (development aid).
#![expect(clippy::print_stdout, reason = "a development probe")]
use lingua::{Language, LanguageDetectorBuilder};
fn main() {
    let text = "The council approved the new budget for the city schools on Tuesday evening, after a long debate. ".repeat(40);
    for low in [true, false] {
        let mut b = LanguageDetectorBuilder::from_languages(&[Language::English, Language::German, Language::French, Language::Spanish, Language::Italian, Language::Portuguese, Language::Russian, Language::Ukrainian, Language::Arabic, Language::Chinese, Language::Dutch, Language::Polish]);
        if low { b.with_low_accuracy_mode(); }
        b.with_preloaded_language_models();
        let d = b.build();
        for n in [100, 300, 1200] {
            let s = &text[..n];
            let _ = d.detect_language_of(s);
            let t = std::time::Instant::now();
            for _ in 0..20 { let _ = d.detect_language_of(s); }
            println!("low={low} n={n} {:?}/call", t.elapsed() / 20);
        }
    }
}
