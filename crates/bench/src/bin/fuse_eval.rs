//! Fusion on unseen real stories: the 86 gold stories of ECB+, each fused on its own.
//!
//! ```text
//! fuse_eval                       # summary and a sample of every story's output
//! fuse_eval --story 12_ecb        # everything fused for the stories whose id starts so
//! fuse_eval --quiet               # the summary only
//! fuse_eval --json out.json       # also write the figures as JSON
//! fuse_eval --wrong wrong.txt     # also write every wrong claim pair, with the reader that made it
//! fuse_eval --entities ents.txt   # also write the entity mentions split or merged against gold
//! ```
//!
//! The articles are read from `../shared/data/ecbplus/articles.jsonl` (beside the repository) by
//! the pipeline's own ingest and extract, then grouped by the `story_id` of
//! `gold_stories.tsv`: clustering is bypassed, so what is measured is fusion alone.
//!
//! For every story it checks that fusion does not panic and that every span slices its
//! article's raw content to exactly its text, and it counts conflicts (by kind), entities with
//! more than one spelling, quote groups (and those carried by more than one article), timeline
//! entries and the time taken. The sample printed per story (conflicts with their sides, merged
//! entities, grouped quotes) is for reading by eye: a false conflict or a wrong merge shows up
//! there.
//!
//! When the ECB+ XML files are present, entity merging is also scored against the corpus's
//! entity coreference annotation: every fused entity mention whose text is exactly a
//! `HUMAN_*`/`LOC_*` markable of its document takes that markable's cross-document instance;
//! pairs of such mentions in one fused entity are a correct merge when their instances agree
//! (precision), and pairs of one instance found in one fused entity give the recall.
//!
//! Claim alignment is scored against the event coreference: every claim rendering that holds
//! (or is held by) an annotated sentence takes the sentence's cross-document event instances;
//! two renderings of one claim (different articles) are a right pair when they share an
//! instance. Each pair is put down to the reader that made it (sentence alignment, attached
//! clauses, the clause pass, fact slots, figures, dated events, phrases, terms: the fuser's
//! trace), `fold` when the two renderings came from different readers' claims folded into one;
//! `claim_pairs_by_builder` gives pairs and right pairs per reader, and `--wrong` writes every
//! wrong pair (story, reader, claim text and fact, both renderings and their instances).

#![expect(clippy::print_stdout, reason = "a harness prints its results")]

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use crosscheck::PipelineBuilder;
use crosscheck::core::Article;
use crosscheck::fuse::trace::{self, Made};
use crosscheck::fuse::{Claim, FusedStory, Fuser, FuserBuilder, SourceSpan, StoryInput};

struct Args {
    story: Option<String>,
    quiet: bool,
    json: Option<PathBuf>,
    wrong: Option<PathBuf>,
    entities: Option<PathBuf>,
    data: PathBuf,
}

fn args() -> anyhow::Result<Args> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut out = Args {
        story: None,
        quiet: false,
        json: None,
        wrong: None,
        entities: None,
        data: repo.join("../shared/data/ecbplus"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--story" => out.story = Some(it.next().context("--story needs a value")?),
            "--quiet" => out.quiet = true,
            "--json" => out.json = Some(it.next().context("--json needs a path")?.into()),
            "--wrong" => out.wrong = Some(it.next().context("--wrong needs a path")?.into()),
            "--entities" => {
                out.entities = Some(it.next().context("--entities needs a path")?.into());
            }
            "--data" => out.data = it.next().context("--data needs a path")?.into(),
            other => bail!("unknown argument {other}"),
        }
    }
    Ok(out)
}

/// The gold story of every document id.
fn gold(data: &Path) -> anyhow::Result<HashMap<String, String>> {
    let path = data.join("gold_stories.tsv");
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = HashMap::new();
    for line in text.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(path), Some(story)) = (cols.first(), cols.get(3)) else { continue };
        let Some(stem) = Path::new(path).file_stem().and_then(|s| s.to_str()) else { continue };
        out.insert(stem.to_string(), (*story).to_string());
    }
    Ok(out)
}

/// Cross-document entity instances of one ECB+ document: markable text → instance ids.
type GoldMentions = HashMap<String, Vec<String>>;

/// Reads the `HUMAN_*`/`LOC_*` markables of `xml` and their cross-document instances.
fn gold_mentions(xml: &str) -> GoldMentions {
    let tokens = tokens(xml);
    let markables: HashMap<&str, String> = markables(xml, &["HUMAN_", "LOC_"])
        .into_iter()
        .map(|(m, ids)| {
            let words: Vec<&str> = ids.iter().filter_map(|t| tokens.get(t).map(|x| x.1)).collect();
            (m, words.join(" "))
        })
        .collect();
    let mut out: GoldMentions = HashMap::new();
    for (instance, sources) in cross_doc(xml) {
        for m in sources {
            if let Some(text) = markables.get(m) {
                out.entry(text.clone()).or_default().push(instance.to_string());
            }
        }
    }
    out
}

/// The markables of `xml` whose tag starts with one of `prefixes`: `m_id` → token ids.
fn markables<'a>(xml: &'a str, prefixes: &[&str]) -> Vec<(&'a str, Vec<&'a str>)> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let wanted = prefixes.iter().any(|p| rest.starts_with(p));
        let Some(gt) = rest.find('>') else { break };
        let head = &rest[..gt];
        if !wanted || head.ends_with('/') {
            continue;
        }
        let Some(m) = attr(head, "m_id") else { continue };
        let tag = head.split_whitespace().next().unwrap_or_default();
        let Some(end) = rest.find(&format!("</{tag}>")) else { continue };
        let ids: Vec<&str> =
            rest[gt..end].split("t_id=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
        out.push((m, ids));
    }
    out
}

/// The cross-document coreference relations of `xml`: instance id → source `m_id`s.
fn cross_doc(xml: &str) -> Vec<(&str, Vec<&str>)> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<CROSS_DOC_COREF") {
        rest = &rest[i..];
        let Some(end) = rest.find("</CROSS_DOC_COREF>") else { break };
        let body = &rest[..end];
        let instance = attr(body, "note").unwrap_or_default();
        let sources =
            body.split("<source m_id=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
        out.push((instance, sources));
        rest = &rest[end..];
    }
    out
}

/// The tokens of an ECB+ document: `t_id` → (sentence number, word).
fn tokens(xml: &str) -> HashMap<&str, (&str, &str)> {
    let mut tokens = HashMap::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<token t_id=\"") {
        rest = &rest[i + 13..];
        let Some(q) = rest.find('"') else { break };
        let id = &rest[..q];
        let Some(gt) = rest.find('>') else { break };
        let Some(end) = rest.find("</token>") else { break };
        if gt < end {
            let sentence = attr(&rest[..gt], "sentence").unwrap_or_default();
            tokens.insert(id, (sentence, &rest[gt + 1..end]));
        }
        rest = &rest[end..];
    }
    tokens
}

/// The annotated sentences of one ECB+ document: their letters and digits, lowercased, and the
/// cross-document event instances their `ACTION_*` markables belong to.
fn gold_events(xml: &str) -> Vec<(String, HashSet<String>)> {
    let tokens = tokens(xml);
    // Markable m_id → sentence numbers of its tokens.
    let markables: HashMap<&str, Vec<&str>> = markables(xml, &["ACTION_", "NEG_ACTION_"])
        .into_iter()
        .map(|(m, ids)| (m, ids.iter().filter_map(|t| tokens.get(t).map(|x| x.0)).collect()))
        .collect();
    let mut by_sentence: BTreeMap<&str, HashSet<String>> = BTreeMap::new();
    for (instance, sources) in cross_doc(xml) {
        for m in sources {
            for sent in markables.get(m).into_iter().flatten() {
                by_sentence.entry(sent).or_default().insert(instance.to_string());
            }
        }
    }
    let mut words: BTreeMap<&str, Vec<(usize, &str)>> = BTreeMap::new();
    for (id, (sent, w)) in &tokens {
        words.entry(sent).or_default().push((id.parse().unwrap_or(0), w));
    }
    by_sentence
        .into_iter()
        .map(|(sent, instances)| {
            let mut ws = words.remove(sent).unwrap_or_default();
            ws.sort_unstable();
            let text: String = ws.iter().map(|x| x.1).collect::<String>();
            (letters(&text), instances)
        })
        .collect()
}

/// Letters and digits only, lowercased: how an ECB+ sentence and running text compare.
fn letters(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The reader that joined two renderings of a claim: the first claim made (before folding)
/// under the final claim's text and fact that holds both; `fold` when none does, `copy` when
/// one of them is no made claim's (a near-copy's rendering added afterwards).
fn builder_of(claim: &Claim, made: &[Made], a: &SourceSpan, b: &SourceSpan) -> String {
    let key = (claim.text.clone(), claim.fact.as_ref().map(|f| f.text.clone()));
    let holds = |m: &Made, r: &SourceSpan| {
        m.renderings.iter().any(|x| x.0 == r.article.as_str() && x.1 == r.start && x.2 == r.end)
    };
    let under: Vec<&Made> = made.iter().filter(|m| m.key == key).collect();
    if let Some(m) = under.iter().find(|m| holds(m, a) && holds(m, b)) {
        return m.builder.name();
    }
    if under.iter().any(|m| holds(m, a)) && under.iter().any(|m| holds(m, b)) {
        "fold".to_string()
    } else {
        "copy".to_string()
    }
}

/// Scores claim alignment against the ECB+ cross-document event coreference.
fn claim_alignment(
    t: &mut Totals,
    story: &FusedStory,
    made: &[Made],
    members: &[&Article],
    data: &Path,
) {
    let mut gold_docs: HashMap<&str, Vec<(String, HashSet<String>)>> = HashMap::new();
    for a in members {
        let topic = a.id.as_str().split('_').next().unwrap_or_default();
        let path = data.join("docs").join(topic).join(format!("{}.xml", a.id));
        if let Ok(xml) = std::fs::read_to_string(path) {
            gold_docs.insert(a.id.as_str(), gold_events(&xml));
        }
    }
    // Every rendering with the event instances of the annotated sentences it matches.
    let mut labelled: Vec<(usize, &SourceSpan, HashSet<&String>)> = Vec::new();
    for (ci, c) in story.claims.iter().enumerate() {
        for r in &c.renderings {
            let Some(gold) = gold_docs.get(r.article.as_str()) else { continue };
            let text = letters(&r.text);
            if text.len() < 20 {
                continue;
            }
            let inst: HashSet<&String> = gold
                .iter()
                .filter(|(g, _)| g.len() >= 20 && (text.contains(g.as_str()) || g.contains(&text)))
                .flat_map(|(_, i)| i)
                .collect();
            if !inst.is_empty() {
                labelled.push((ci, r, inst));
            }
        }
    }
    for i in 0..labelled.len() {
        for j in i + 1..labelled.len() {
            let (a, b) = (&labelled[i], &labelled[j]);
            if a.1.article == b.1.article {
                continue;
            }
            let same_claim = a.0 == b.0;
            let same_event = !a.2.is_disjoint(&b.2);
            if same_claim {
                t.claim_pairs += 1;
                t.claim_pairs_correct += usize::from(same_event);
                let claim = &story.claims[a.0];
                let builder = builder_of(claim, made, a.1, b.1);
                let e = t.claim_pairs_by_builder.entry(builder.clone()).or_default();
                e[0] += 1;
                e[1] += usize::from(same_event);
                if !same_event {
                    let sorted = |s: &HashSet<&String>| {
                        let mut v: Vec<&str> = s.iter().map(|x| x.as_str()).collect();
                        v.sort_unstable();
                        v.join(",")
                    };
                    let _ = writeln!(
                        t.wrong,
                        "## {} [{builder}] claim «{}»\n   fact «{}»\n   A {} {{{}}} «{}»\n   B {} {{{}}} «{}»",
                        story.id,
                        clip_to(&claim.text, 300),
                        claim.fact.as_ref().map_or("-", |f| f.text.as_str()),
                        a.1.article,
                        sorted(&a.2),
                        clip_to(&a.1.text, 400),
                        b.1.article,
                        sorted(&b.2),
                        clip_to(&b.1.text, 400),
                    );
                }
            }
            if same_event {
                t.claim_gold_pairs += 1;
                t.claim_gold_pairs_found += usize::from(same_claim);
            }
        }
    }
}

fn attr<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    let key = format!("{name}=\"");
    let i = head.find(&key)? + key.len();
    head[i..].split('"').next()
}

/// Collapses the spacing ECB+ tokens carry so that it compares with running text.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Default)]
struct Totals {
    stories: usize,
    articles: usize,
    panics: usize,
    invalid_spans: usize,
    spans: usize,
    conflicts: usize,
    conflicts_by_kind: BTreeMap<String, usize>,
    stories_with_conflicts: usize,
    entities: usize,
    merged_entities: usize,
    quotes: usize,
    quotes_multi: usize,
    quotes_with_speaker: usize,
    timeline: usize,
    time: Vec<Duration>,
    merge_pairs: usize,
    merge_pairs_correct: usize,
    gold_pairs: usize,
    gold_pairs_found: usize,
    claim_pairs: usize,
    claim_pairs_correct: usize,
    claim_gold_pairs: usize,
    claim_gold_pairs_found: usize,
    /// Per reader, claim pairs and right claim pairs.
    claim_pairs_by_builder: BTreeMap<String, [usize; 2]>,
    /// The wrong claim pairs, written out.
    wrong: String,
    /// Entity mentions of one gold instance left in different entities, and of different
    /// instances merged into one, written out.
    entity_errors: String,
}

fn main() -> anyhow::Result<()> {
    let args = args()?;
    let gold = gold(&args.data)?;
    let mut articles: Vec<Article> = Vec::new();
    let mut errors = 0usize;
    PipelineBuilder::new().build().extract(&[args.data.join("articles.jsonl")], |item| {
        match item {
            Ok(a) => articles.push(a),
            Err(_) => errors += 1,
        }
        true
    });
    if articles.is_empty() {
        bail!("no article read from {}", args.data.display());
    }
    let mut stories: BTreeMap<String, Vec<&Article>> = BTreeMap::new();
    for a in &articles {
        let story =
            gold.get(a.id.as_str()).with_context(|| format!("no gold story for {}", a.id))?;
        stories.entry(story.clone()).or_default().push(a);
    }
    let fuser = FuserBuilder::new().build()?;
    let mut t = Totals { articles: articles.len(), ..Totals::default() };
    let mut out = String::new();
    for (id, members) in &stories {
        if args.story.as_deref().is_some_and(|s| !id.starts_with(s)) {
            continue;
        }
        t.stories += 1;
        let mut input = StoryInput::new(members.iter().copied());
        input.id(id.clone());
        let start = Instant::now();
        let (outcome, made) =
            trace::record(|| catch_unwind(AssertUnwindSafe(|| fuser.fuse(&input))));
        t.time.push(start.elapsed());
        let story = match outcome {
            Ok(Ok(s)) => s,
            Ok(Err(e)) => {
                t.panics += 1;
                let _ = writeln!(out, "!! {id}: error: {e}");
                continue;
            }
            Err(_) => {
                t.panics += 1;
                let _ = writeln!(out, "!! {id}: PANIC");
                continue;
            }
        };
        score(&mut t, &story, &made, members, &args, &mut out);
    }
    if !args.quiet {
        print!("{out}");
    }
    let mut time = t.time.clone();
    time.sort_unstable();
    let total: Duration = time.iter().sum();
    let mean_ms = total.as_secs_f64() * 1e3 / time.len().max(1) as f64;
    let max_ms = time.last().map_or(0.0, |d| d.as_secs_f64() * 1e3);
    let p = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let summary = serde_json::json!({
        "stories": t.stories,
        "articles": t.articles,
        "read_errors": errors,
        "panics": t.panics,
        "spans": t.spans,
        "invalid_spans": t.invalid_spans,
        "conflicts": t.conflicts,
        "conflicts_per_story": p(t.conflicts, t.stories),
        "stories_with_conflicts": t.stories_with_conflicts,
        "conflicts_by_kind": t.conflicts_by_kind,
        "entities": t.entities,
        "entities_with_variants": t.merged_entities,
        "quote_groups": t.quotes,
        "quote_groups_multi_article": t.quotes_multi,
        "quote_groups_with_speaker": t.quotes_with_speaker,
        "timeline_entries": t.timeline,
        "ms_per_story_mean": mean_ms,
        "ms_per_story_max": max_ms,
        "entity_merge_pairs": t.merge_pairs,
        "entity_merge_precision": p(t.merge_pairs_correct, t.merge_pairs),
        "entity_merge_recall": p(t.gold_pairs_found, t.gold_pairs),
        "claim_pairs": t.claim_pairs,
        "claim_alignment_precision": p(t.claim_pairs_correct, t.claim_pairs),
        "claim_alignment_recall": p(t.claim_gold_pairs_found, t.claim_gold_pairs),
        "claim_pairs_by_builder": t.claim_pairs_by_builder.iter().map(|(k, v)| {
            (k.clone(), serde_json::json!({ "pairs": v[0], "wrong": v[0] - v[1], "precision": p(v[1], v[0]) }))
        }).collect::<serde_json::Map<_, _>>(),
    });
    println!("{}", serde_json::to_string_pretty(&summary)?);
    if let Some(path) = &args.json {
        std::fs::write(path, serde_json::to_string_pretty(&summary)?)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    if let Some(path) = &args.entities {
        std::fs::write(path, &t.entity_errors)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    if let Some(path) = &args.wrong {
        std::fs::write(path, &t.wrong).with_context(|| format!("writing {}", path.display()))?;
    }
    if t.panics > 0 || t.invalid_spans > 0 {
        bail!("{} panics, {} invalid spans", t.panics, t.invalid_spans);
    }
    Ok(())
}

fn score(
    t: &mut Totals,
    story: &FusedStory,
    made: &[Made],
    members: &[&Article],
    args: &Args,
    out: &mut String,
) {
    let raw: HashMap<&str, &str> = members.iter().map(|a| (a.id.as_str(), &*a.raw)).collect();
    for s in story.spans() {
        t.spans += 1;
        let ok = raw
            .get(s.article.as_str())
            .and_then(|r| r.get(s.start as usize..s.end as usize))
            .is_some_and(|x| x == s.text);
        if !ok {
            t.invalid_spans += 1;
            let _ =
                writeln!(out, "!! {}: invalid span {}..{} {:?}", story.id, s.start, s.end, s.text);
        }
    }
    t.conflicts += story.conflicts.len();
    t.stories_with_conflicts += usize::from(!story.conflicts.is_empty());
    for c in &story.conflicts {
        *t.conflicts_by_kind.entry(c.kind.to_string()).or_default() += 1;
    }
    t.entities += story.entities.len();
    let merged: Vec<_> = story.entities.iter().filter(|e| e.variants.len() > 1).collect();
    t.merged_entities += merged.len();
    t.quotes += story.quotes.len();
    let multi: Vec<_> = story.quotes.iter().filter(|q| q.articles.len() > 1).collect();
    t.quotes_multi += multi.len();
    t.quotes_with_speaker += story.quotes.iter().filter(|q| q.speaker.is_some()).count();
    t.timeline += story.timeline.len();
    coref(t, story, members, &args.data);
    claim_alignment(t, story, made, members, &args.data);

    let full = args.story.is_some();
    let _ = writeln!(
        out,
        "== {} ({} articles): {} conflicts, {} entities ({} merged), {} quotes ({} grouped), {} dated",
        story.id,
        members.len(),
        story.conflicts.len(),
        story.entities.len(),
        merged.len(),
        story.quotes.len(),
        multi.len(),
        story.timeline.len()
    );
    let cap = |n: usize| if full { usize::MAX } else { n };
    for c in story.conflicts.iter().take(cap(6)) {
        let _ = writeln!(out, "  conflict {} · {}", c.kind, c.topic);
        for side in &c.sides {
            let ev = side.evidence.first().map(|e| e.text.as_str()).unwrap_or_default();
            let _ = writeln!(out, "    {:?} [{}] «{}»", side.value, side.articles.len(), clip(ev));
            if full || std::env::var_os("FUSE_EVAL_CONTEXT").is_some() {
                for e in &side.evidence {
                    let _ = writeln!(out, "      {}: {}", e.article, around(&raw, e));
                }
            }
        }
    }
    for e in merged.iter().take(cap(8)) {
        let _ = writeln!(out, "  entity {} ({}): {}", e.name, e.kind, e.variants.join(" | "));
    }
    for q in story.quotes.iter().filter(|q| full || q.articles.len() > 1).take(cap(4)) {
        let _ = writeln!(
            out,
            "  quote [{}] {}{}: {}",
            q.articles.len(),
            q.speaker.as_deref().unwrap_or("?"),
            if q.anonymous { " (anon)" } else { "" },
            q.renderings
                .iter()
                .map(|r| format!("«{}»", clip(&r.text)))
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
    if full {
        for a in &story.articles {
            let _ = writeln!(
                out,
                "  article {} published {:?}",
                a.id,
                a.published.map(|d| d.to_string())
            );
        }
        for e in story.entities.iter().filter(|e| e.variants.len() == 1) {
            let _ = writeln!(out, "  single {} ({}) ×{}", e.name, e.kind, e.mentions.len());
        }
        for d in &story.timeline {
            let _ = writeln!(
                out,
                "  date {}{} «{}»",
                d.date,
                if d.inferred { "?" } else { "" },
                clip(&d.text)
            );
        }
    }
}

/// Scores entity merging against the ECB+ cross-document coreference annotation.
fn coref(t: &mut Totals, story: &FusedStory, members: &[&Article], data: &Path) {
    let mut gold_docs: HashMap<&str, GoldMentions> = HashMap::new();
    for a in members {
        let topic = a.id.as_str().split('_').next().unwrap_or_default();
        let path = data.join("docs").join(topic).join(format!("{}.xml", a.id));
        if let Ok(xml) = std::fs::read_to_string(path) {
            gold_docs.insert(a.id.as_str(), gold_mentions(&xml));
        }
    }
    // Each fused mention with one unambiguous gold instance: (entity, instance, text).
    let mut labelled: Vec<(usize, String, &str)> = Vec::new();
    for (ei, e) in story.entities.iter().enumerate() {
        let mut seen = HashSet::new();
        for m in &e.mentions {
            let Some(g) = gold_docs.get(m.article.as_str()) else { continue };
            let Some(inst) = g.get(&squash(&m.text)) else { continue };
            let distinct: HashSet<&String> = inst.iter().collect();
            if distinct.len() == 1 && seen.insert((m.article.clone(), inst[0].clone())) {
                labelled.push((ei, inst[0].clone(), m.text.as_str()));
            }
        }
    }
    let mut errors: BTreeSet<String> = BTreeSet::new();
    for i in 0..labelled.len() {
        for j in i + 1..labelled.len() {
            let same_entity = labelled[i].0 == labelled[j].0;
            let same_gold = labelled[i].1 == labelled[j].1;
            if same_entity {
                t.merge_pairs += 1;
                t.merge_pairs_correct += usize::from(same_gold);
            }
            if same_gold {
                t.gold_pairs += 1;
                t.gold_pairs_found += usize::from(same_entity);
            }
            if same_entity != same_gold {
                let (a, b) = (&labelled[i], &labelled[j]);
                let (x, y) = if a.2 <= b.2 { (a, b) } else { (b, a) };
                let name = |k: usize| story.entities[k].name.as_str();
                errors.insert(if same_gold {
                    format!("split  «{}» ({}) | «{}» ({})", x.2, name(x.0), y.2, name(y.0))
                } else {
                    format!("merged «{}» | «{}» in ({})", x.2, y.2, name(x.0))
                });
            }
        }
    }
    for e in errors {
        let _ = writeln!(t.entity_errors, "{} {e}", story.id);
    }
}

/// The line of the raw text around a span, for reading a conflict's evidence in context.
fn around(raw: &HashMap<&str, &str>, e: &crosscheck::fuse::SourceSpan) -> String {
    let Some(r) = raw.get(e.article.as_str()) else { return String::new() };
    let (s, t) = (e.start as usize, e.end as usize);
    let a = r[..s].rfind('\n').map_or(0, |i| i + 1);
    let b = r[t..].find('\n').map_or(r.len(), |i| t + i);
    clip_to(&format!("{}[[{}]]{}", &r[a..s], &r[s..t], &r[t..b]), 400)
}

fn clip(s: &str) -> String {
    clip_to(s, 140)
}

fn clip_to(s: &str, n: usize) -> String {
    let s = s.replace('\n', " ");
    if s.chars().count() <= n { s } else { format!("{}…", s.chars().take(n).collect::<String>()) }
}
