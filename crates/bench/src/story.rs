//! Stories of any size for the fusion benchmarks: reproducible rewrites of the demo corpus's
//! bridge story, copies of one article, and real articles read at run time.
//!
//! Everything generated here comes from the invented demo corpus (`examples/harbor-bridge`) and
//! from invented word lists; real articles are only read from `../shared` when a harness runs.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use crosscheck::PipelineBuilder;
use crosscheck::core::{Article, Date, Lang};

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The shared data folder: `$CROSSCHECK_SHARED`, else the first `shared/` beside the
/// repository or one of its parents.
pub fn shared() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("CROSSCHECK_SHARED") {
        return Some(dir.into());
    }
    let mut dir = repo().canonicalize().ok()?;
    loop {
        let candidate = dir.join("shared");
        if candidate.is_dir() {
            return Some(candidate);
        }
        dir = dir.parent()?.to_path_buf();
    }
}

/// A small deterministic generator (xorshift64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed` (zero is replaced by a fixed odd constant).
    pub fn new(seed: u64) -> Rng {
        Rng(if seed == 0 { 0x9e37_79b9_7f4a_7c15 } else { seed })
    }

    /// The next 64 random bits.
    pub fn bits(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.bits() % n as u64) as usize
    }

    /// True with probability `p` percent.
    pub fn percent(&mut self, p: u64) -> bool {
        self.bits() % 100 < p
    }
}

/// The bridge story of the demo corpus, extracted by the pipeline (the unrelated dairy
/// report left out).
pub fn demo_bridge_story() -> Vec<Article> {
    let mut out = Vec::new();
    PipelineBuilder::new().build().extract(&[repo().join("examples/harbor-bridge")], |item| {
        if let Ok(a) = item
            && !a.source.contains("dairy")
        {
            out.push(a);
        }
        true
    });
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// Word swaps an editor might make, both ways (invented pairs of plain English words).
const SWAPS: [(&str, &str); 14] = [
    ("said", "stated"),
    ("ship", "vessel"),
    ("struck", "hit"),
    ("bridge", "span"),
    ("officials", "authorities"),
    ("about", "around"),
    ("early", "shortly after dawn"),
    ("closed", "shut"),
    ("workers", "labourers"),
    ("harbour", "port"),
    ("damage", "destruction"),
    ("inquiry", "investigation"),
    ("told", "informed"),
    ("city", "town"),
];

const OPENERS: [&str; 6] = [
    "Meanwhile, ",
    "According to officials, ",
    "Earlier, ",
    "As of Thursday, ",
    "Separately, ",
    "",
];

const FIRST: [&str; 12] = [
    "Ilvar", "Marta", "Oskel", "Brenna", "Tavio", "Selka", "Doran", "Yveta", "Kasimir", "Lunet",
    "Pereg", "Wendra",
];
const LAST: [&str; 12] = [
    "Orlanko", "Vessmer", "Tarnow", "Quillane", "Hedrava", "Moskel", "Brantivo", "Salcombe",
    "Tirrell", "Gaudric", "Vennhold", "Pastrova",
];
const PLACES: [&str; 6] =
    ["Korvel", "the Esk quay", "Lower Zhelvany", "Pallin", "Marrow Point", "Druze Hill"];
const THINGS: [&str; 8] = [
    "the ferry queue stretched for hours",
    "shops near the water stayed closed",
    "the night shift was sent home",
    "school buses took the long road",
    "the fish market opened late",
    "traffic lights on the ring road failed",
    "volunteers handed out tea",
    "the tram line was suspended",
];

fn rewrite(sentence: &str, rng: &mut Rng) -> String {
    // A third of the sentences are copied verbatim, as from a wire service.
    if rng.percent(33) {
        return sentence.to_string();
    }
    let mut words: Vec<String> = sentence.split(' ').map(str::to_string).collect();
    for w in &mut words {
        let bare = w.trim_end_matches([',', '.']).to_string();
        let tail = w[bare.len()..].to_string();
        for (a, b) in SWAPS {
            let swap = if bare == a {
                Some(b)
            } else if bare == b {
                Some(a)
            } else {
                None
            };
            if let Some(to) = swap
                && rng.percent(60)
            {
                *w = format!("{to}{tail}");
                break;
            }
        }
        // Now and then a count is reported differently.
        if bare.len() <= 3
            && !bare.is_empty()
            && bare.bytes().all(|b| b.is_ascii_digit())
            && rng.percent(8)
        {
            let n: u64 = bare.parse().unwrap_or(0);
            *w = format!("{}{tail}", n + 1 + rng.below(3) as u64);
        }
    }
    // Drop a short word from the middle.
    if words.len() > 8 && rng.percent(40) {
        let i = 1 + rng.below(words.len() - 2);
        if words[i].len() <= 4 && !words[i].ends_with([',', '.']) {
            words.remove(i);
        }
    }
    let mut out = words.join(" ");
    let opener = OPENERS[rng.below(OPENERS.len())];
    if !opener.is_empty() && rng.percent(25) {
        let first = out.split(' ').next().unwrap_or("");
        // A capital that only opened the sentence is lowered after the opener.
        if ["The", "A", "An", "It", "About", "All"].contains(&first) {
            out = format!("{}{}", first.to_lowercase(), &out[first.len()..]);
        }
        out = format!("{opener}{out}");
    }
    out
}

/// A sentence of local colour that no other article has.
fn local_detail(rng: &mut Rng) -> String {
    let who = format!("{} {}", FIRST[rng.below(FIRST.len())], LAST[rng.below(LAST.len())]);
    let place = PLACES[rng.below(PLACES.len())];
    let thing = THINGS[rng.below(THINGS.len())];
    let n = 2 + rng.below(40);
    match rng.below(3) {
        0 => format!("{who}, who lives in {place}, said {thing}."),
        1 => format!("In {place}, {thing} and about {n} people waited for news."),
        _ => format!("{who} said {n} neighbours in {place} had seen the crash."),
    }
}

/// The articles the pipeline extracts from `path` (items that fail are skipped).
pub fn extract(path: &Path) -> Vec<Article> {
    let mut out = Vec::new();
    PipelineBuilder::new().build().extract(&[path.to_path_buf()], |item| {
        if let Ok(a) = item {
            out.push(a);
        }
        true
    });
    out
}

/// `n` articles of 24 sentences each, drawn from `pool` with a fixed xorshift generator: a
/// story whose reports share sentences in every combination.
pub fn drawn_story(pool: &[String], n: usize) -> Vec<Article> {
    let mut rng = Rng::new(0x9e37_79b9_7f4a_7c15);
    (0..n)
        .map(|i| {
            let sentences: Vec<&str> =
                (0..24).map(|_| pool[rng.below(pool.len())].as_str()).collect();
            let text = sentences.join("\n\n");
            Article { language: Lang::EN, ..Article::from_text(format!("synthetic-{i:03}"), &text) }
        })
        .collect()
}

/// The sentences of `articles` with at least six words, in order.
pub fn sentence_pool(articles: &[Article]) -> Vec<String> {
    articles
        .iter()
        .flat_map(|a| {
            crosscheck::text::sentences(&a.text, Lang::EN, &[])
                .into_iter()
                .map(|s| s.text.trim().to_string())
                .collect::<Vec<_>>()
        })
        .filter(|s| s.split_whitespace().count() >= 6)
        .collect()
}

/// `n` reproducible rewrites of the demo bridge story: each article draws 18–28 sentences of
/// the story (a third verbatim, the rest with swapped words, dropped words, an opener or a
/// changed count) and adds two or three details of its own.
pub fn synthetic_story(pool: &[String], n: usize, seed: u64) -> Vec<Article> {
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|i| {
            let k = 18 + rng.below(11);
            let mut paragraphs: Vec<String> = Vec::with_capacity(k + 3);
            for _ in 0..k {
                paragraphs.push(rewrite(&pool[rng.below(pool.len())], &mut rng));
            }
            for _ in 0..2 + rng.below(2) {
                let at = rng.below(paragraphs.len() + 1);
                paragraphs.insert(at, local_detail(&mut rng));
            }
            let text = paragraphs.join("\n\n");
            let title = rewrite("Container ship strikes the Pelagin Bridge in Zhelvany", &mut rng);
            Article {
                language: Lang::EN,
                title: Some(title),
                outlet: Some(format!("outlet{}.example", i % 97)),
                published: Date::new(2026, 3, 10 + (i % 5) as i8),
                ..Article::from_text(format!("synthetic-{i:05}"), &text)
            }
        })
        .collect()
}

/// `n` copies of `article`, each with its own id.
pub fn copies(article: &Article, n: usize) -> Vec<Article> {
    (0..n).map(|i| Article { id: format!("copy-{i:05}").into(), ..article.clone() }).collect()
}

/// `article` and `n - 1` reprints of it, as sites reprint a wire report: each with its own
/// outlet, a byline line first (one of 36 invented names), a menu line last, one paragraph
/// dropped (paragraph `i` modulo their number) and, in one reprint in four, one word of another
/// paragraph changed. All share the article's title, language and date, so that dedup marks
/// them near-copies of it.
pub fn near_copies(article: &Article, n: usize) -> Vec<Article> {
    const FIRST: [&str; 6] = ["Mira", "Oren", "Talia", "Jonas", "Ilse", "Pavo"];
    const LAST: [&str; 6] = ["Antal", "Malby", "Varn", "Herrel", "Quill", "Dobrin"];
    let paragraphs: Vec<&str> = article.text.split("\n\n").collect();
    let m = paragraphs.len();
    let base = Article {
        published: Date::new(2026, 3, 10),
        outlet: Some("wire.example".into()),
        id: "near-00000".into(),
        ..article.clone()
    };
    let mut out = vec![base.clone()];
    for i in 1..n {
        let outlet = format!("reprint{}.example", i % 97);
        let mut kept: Vec<String> = Vec::with_capacity(m + 1);
        kept.push(format!("By {} {}, {outlet}", FIRST[i % 6], LAST[(i / 6) % 6]));
        for (p, text) in paragraphs.iter().enumerate() {
            if p == i % m {
                continue;
            }
            if i % 4 == 0 && p == (i * 7 + 3) % m {
                kept.push(text.replacen(" the ", " a ", 1));
            } else {
                kept.push((*text).to_string());
            }
        }
        kept.push(format!("Home | News | Region | Page {}", i % 12));
        out.push(Article {
            language: base.language,
            title: base.title.clone(),
            published: base.published,
            outlet: Some(outlet),
            ..Article::from_text(format!("near-{i:05}"), &kept.join("\n\n"))
        });
    }
    out
}

/// One long article: the whole bridge story's sentences, once each (about 10 KB).
pub fn long_article(pool: &[String]) -> Article {
    let text = pool.join("\n\n");
    Article {
        language: Lang::EN,
        title: Some("Container ship strikes the Pelagin Bridge".into()),
        ..Article::from_text("long", &text)
    }
}

/// Up to `n` real English articles: every report of `../shared/data/realnews` (the five events
/// and the distractors), then ECB+, in file order. Read at run time, never stored.
pub fn real_articles(n: usize) -> anyhow::Result<Vec<Article>> {
    let shared = shared().context("no shared/ folder beside the repository")?;
    let realnews = shared.join("data/realnews");
    let mut files: Vec<PathBuf> = Vec::new();
    let mut events: Vec<PathBuf> = std::fs::read_dir(&realnews)
        .with_context(|| format!("reading {}", realnews.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("articles.jsonl").is_file())
        .collect();
    events.sort();
    files.extend(events.iter().map(|p| p.join("articles.jsonl")));
    files.push(realnews.join("distractors.jsonl"));
    files.push(shared.join("data/ecbplus/articles.jsonl"));
    let mut out = Vec::new();
    for f in files {
        if out.len() >= n {
            break;
        }
        let mut got = Vec::new();
        PipelineBuilder::new().build().extract(std::slice::from_ref(&f), |item| {
            if let Ok(a) = item {
                got.push(a);
            }
            true
        });
        out.extend(got.into_iter().take(n - out.len()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_is_reproducible_and_varied() {
        let pool = vec![
            "The ship struck the bridge early on Tuesday, officials said.".to_string(),
            "About 40 workers were on the bridge when it closed.".to_string(),
        ];
        let a = synthetic_story(&pool, 20, 7);
        let b = synthetic_story(&pool, 20, 7);
        assert_eq!(a.len(), 20);
        assert!(a.iter().zip(&b).all(|(x, y)| x.text == y.text));
        let distinct: std::collections::HashSet<&str> = a.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(distinct.len(), 20, "every article differs");
        assert!(a.iter().any(|x| x.text.contains("vessel") || x.text.contains("span")));
    }
}
