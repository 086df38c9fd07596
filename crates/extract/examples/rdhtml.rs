//! Prints dom_smoothie's article HTML for one gzipped page (development aid).
#![expect(clippy::print_stdout, reason = "a development tool")]
use std::io::Read;
fn main() {
    let Some(path) = std::env::args().nth(1) else { return };
    let mut s = String::new();
    let Ok(f) = std::fs::File::open(path) else { return };
    let _ = flate2::read::GzDecoder::new(f).read_to_string(&mut s);
    let cfg = dom_smoothie::Config { keep_classes: true, ..Default::default() };
    if let Ok(mut r) = dom_smoothie::Readability::new(s.as_str(), None, Some(cfg)) && let Ok(a) = r.parse() {
        println!("{}", a.content);
    }
}
