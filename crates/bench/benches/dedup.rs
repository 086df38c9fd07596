//! Dedup and clustering speed on synthetic text (generated in code, deterministic):
//! `MinHash` signatures of one news-length document, grouping 2,000 documents with planted
//! copies, and clustering 2,000 articles of 100 made-up events. Each bench asserts its output.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use crosscheck::cluster::{ClusterBuilder, ClusterDoc};
use crosscheck::dedup::{DedupBuilder, MinHasher};
use crosscheck::text::{for_each_shingle, for_each_token_hash};

/// A fixed xorshift generator.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn word(&mut self, vocab: usize) -> String {
        let r = self.next() as usize % vocab;
        let syll = ["ka", "lo", "ri", "sen", "tu", "mar", "vel", "do", "pra", "ni"];
        let mut w = String::new();
        let mut x = r + 1;
        while x > 0 {
            w.push_str(syll[x % syll.len()]);
            x /= syll.len();
        }
        w
    }

    fn doc(&mut self, words: usize, vocab: usize) -> Vec<String> {
        (0..words).map(|_| self.word(vocab)).collect()
    }
}

fn minhash(c: &mut Criterion) {
    let mut g = Gen(7);
    let doc = g.doc(400, 20_000).join(" ");
    let m = MinHasher::new(128, 5, 42);
    let (mut scratch, mut sig) = (Vec::new(), vec![0u32; 128]);
    m.signature_into(&doc, &mut scratch, &mut sig);
    assert_eq!(scratch.len(), 396, "one shingle per 5-gram");
    c.bench_function("minhash_400_words_128_perm", |b| {
        b.iter(|| black_box(m.signature_into(black_box(&doc), &mut scratch, &mut sig)));
    });
    // The front end alone: tokens, then word 5-grams, as `signature_into` reads them.
    let mut tokens = 0;
    for_each_token_hash(&doc, |_| tokens += 1);
    assert_eq!(tokens, 400, "one hash per word");
    c.bench_function("token_hashes_400_words", |b| {
        b.iter(|| {
            let mut acc = 0u64;
            for_each_token_hash(black_box(&doc), |h| acc ^= h);
            acc
        });
    });
    c.bench_function("shingle_hashes_400_words", |b| {
        b.iter(|| {
            let mut acc = 0u64;
            for_each_shingle(black_box(&doc), 5, |h| acc ^= h);
            acc
        });
    });
}

fn dedup(c: &mut Criterion) {
    let mut g = Gen(11);
    let originals: Vec<Vec<String>> = (0..1500).map(|_| g.doc(300, 20_000)).collect();
    let mut docs: Vec<String> = originals.iter().map(|d| d.join(" ")).collect();
    for i in 0..500 {
        let mut copy = originals[(i * 7) % originals.len()].clone();
        let at = g.next() as usize % copy.len();
        copy[at] = "replaced".to_string();
        docs.push(copy.join(" "));
    }
    let d = DedupBuilder::new().build().unwrap();
    let groups = |m: &[crosscheck::dedup::Membership]| {
        m.iter().map(|x| x.group).max().map_or(0, |g| g as usize + 1)
    };
    assert_eq!(groups(&d.dedup(&docs)), 1500, "every copy joins its original");
    c.bench_function("dedup_2000_docs", |b| b.iter(|| black_box(d.dedup(black_box(&docs)))));
}

fn cluster(c: &mut Criterion) {
    let mut g = Gen(13);
    let mut texts = Vec::new();
    for event in 0..100 {
        let names: Vec<String> = (0..4)
            .map(|_| {
                let mut w = g.word(50_000);
                w[..1].make_ascii_uppercase();
                w
            })
            .collect();
        let topic = g.doc(40, 5_000);
        for _ in 0..20 {
            let mut s = format!("Reports on event {event}.");
            for k in 0..60 {
                let w = if k % 6 == 0 {
                    names[g.next() as usize % names.len()].clone()
                } else if k % 2 == 0 {
                    topic[g.next() as usize % topic.len()].clone()
                } else {
                    g.word(30_000)
                };
                s.push(' ');
                s.push_str(&w);
            }
            texts.push(s);
        }
    }
    let ids: Vec<String> = (0..texts.len()).map(|i| i.to_string()).collect();
    let docs: Vec<ClusterDoc<'_>> =
        ids.iter().zip(&texts).map(|(id, t)| ClusterDoc::new(id, t)).collect();
    let k = ClusterBuilder::new().build().unwrap();
    assert_eq!(k.cluster(&docs).len(), 2000, "one assignment per article");
    c.bench_function("cluster_2000_articles", |b| {
        b.iter(|| black_box(k.cluster(black_box(&docs))));
    });
}

criterion_group!(benches, minhash, dedup, cluster);
criterion_main!(benches);
