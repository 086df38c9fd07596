//! Embeds the word lists under `lexicon/<language>/<list>.txt`: writes a registry of every
//! file (language code, list name, contents through `include_str!`) for `src/lexicon.rs`.
//!
//! Adding a language is adding a directory; adding a list to a language is adding a file.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    let manifest = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let root = Path::new(&manifest).join("lexicon");
    println!("cargo:rerun-if-changed=lexicon");
    let mut files: Vec<(String, String, PathBuf)> = Vec::new();
    for lang in sorted_entries(&root) {
        if !lang.is_dir() {
            continue;
        }
        let code = name_of(&lang);
        for file in sorted_entries(&lang) {
            if file.extension().is_some_and(|e| e == "txt") {
                let list = file.file_stem().map(|s| s.to_string_lossy().into_owned());
                files.push((code.clone(), list.unwrap_or_default(), file));
            }
        }
    }
    let mut src = String::from(
        "/// Every word list file: its language code, its list name and its contents.\n\
         pub(crate) static FILES: &[(&str, &str, &str)] = &[\n",
    );
    for (code, list, path) in &files {
        let _ = writeln!(src, "    ({code:?}, {list:?}, include_str!({:?})),", path.display());
    }
    src.push_str("];\n");
    fs::write(Path::new(&out).join("lexicon.rs"), src).expect("OUT_DIR is writable");
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = fs::read_dir(dir) else { return Vec::new() };
    let mut v: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    v.sort();
    v
}

fn name_of(p: &Path) -> String {
    p.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}
