//! Reads paths with crosscheck-ingest and prints how many documents and errors came out, with
//! the bytes of content and the throughput. A measuring tool:
//! `cargo run --release -p crosscheck-ingest --example ingest_count -- PATH...`.

use std::path::PathBuf;
use std::time::Instant;

use crosscheck_ingest::IngestBuilder;

#[expect(clippy::print_stdout, clippy::print_stderr, reason = "a command-line tool")]
fn main() {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let start = Instant::now();
    let (mut docs, mut errors, mut bytes) = (0u64, 0u64, 0u64);
    for item in IngestBuilder::new().build().read(&paths) {
        match item {
            Ok(d) => {
                docs += 1;
                bytes += d.content.len() as u64;
            }
            Err(e) => {
                errors += 1;
                if errors <= 5 {
                    eprintln!("{e}");
                }
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{docs} documents, {errors} errors, {:.1} MB of content in {secs:.2} s: {:.0} MB/s, {:.0} docs/s",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs,
        docs as f64 / secs
    );
}
