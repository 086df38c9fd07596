// Temporary development harness (not committed).
use crosscheck_core::{Alignment, Article, Lang};
use crosscheck_fuse::{Fuser, FuserBuilder, StoryInput};

fn art(id: &str, text: String, date: Option<&str>) -> Article {
    Article { id: id.into(), source: id.into(), url: None, outlet: None, title: None, author: None,
        published: date.map(|d| d.parse().unwrap()), language: Lang::EN, alignment: Alignment::identity(text.len()),
        raw: text.clone().into(), text, removed: vec![] }
}

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/harbor-bridge");
    let rd = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap();
    let body = |s: String, skip: usize, stop: &str| -> String {
        let lines: Vec<&str> = s.lines().skip(skip).collect();
        let t = lines.join("\n");
        t.split(stop).next().unwrap().trim().to_string()
    };
    let html = rd("brennock-ledger.html");
    let a0 = html.find("<p>ZHELVANY").unwrap();
    let a1 = html.find("</article>").unwrap();
    let mut h = html[a0..a1].replace("</p>", "\n\n").replace("<p>", "").replace("&rsquo;", "’").replace("&mdash;", "—").replace("&amp;", "&");
    while let Some(i) = h.find('<') { let j = h[i..].find('>').unwrap(); h.replace_range(i..i + j + 1, ""); }
    let mut jl = Vec::new();
    for l in rd("crawl.jsonl").lines() { let v: serde_json::Value = serde_json::from_str(l).unwrap(); jl.push(v["maintext"].as_str().unwrap().to_string()); }
    let arts = vec![
        art("corvane-wire", body(rd("corvane-wire.txt"), 4, "Share this"), None),
        art("wirefront", jl[1].clone(), Some("2026-03-10")),
        art("saltmere-courier", body(rd("saltmere-courier.txt"), 6, "Related articles"), Some("2026-03-11")),
        art("brennock-ledger", h.trim().to_string(), Some("2026-03-12")),
        art("orizon-post", jl[0].clone(), Some("2026-03-15")),
        art("dalvinia-now", body(rd("dalvinia-now.txt"), 4, "Share this"), None),
    ];
    let mut input = StoryInput::new(&arts);
    input.duplicate(&"wirefront".into(), "corvane-wire".into());
    let t = std::time::Instant::now();
    let story = FuserBuilder::new().build().unwrap().fuse(&input).unwrap();
    eprintln!("{:?}", t.elapsed());
    let mut out = Vec::new();
    { let mut s = crosscheck_report_sink(&mut out); let _ = &mut s; }
    println!("{}", serde_json::to_string_pretty(&serde_json::json!({"quotes": story.quotes, "conflicts": story.conflicts, "timeline": story.timeline})).unwrap());
    for c in &story.claims { println!("{:?} {} | {}", c.status, c.support, c.text); }
}
fn crosscheck_report_sink(_: &mut Vec<u8>) {}
