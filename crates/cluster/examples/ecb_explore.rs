//! Exploration harness (temporary): similarity and clustering variants on ECB+.
#![allow(clippy::all, clippy::pedantic, missing_docs, clippy::print_stdout)]

use std::collections::HashMap;

use crosscheck_text::{TokenKind, fmix64, token_hash, tokens};

fn env(k: &str, d: f64) -> f64 {
    std::env::var(k).ok().and_then(|v| v.parse().ok()).unwrap_or(d)
}

struct Doc {
    id: String,
    text: String,
    topic: u32,
    story: String,
}

fn load() -> Vec<Doc> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ecbplus");
    let gold_raw = std::fs::read_to_string(dir.join("gold_stories.tsv")).unwrap();
    let mut gold: HashMap<String, (u32, String)> = HashMap::new();
    for l in gold_raw.lines().skip(1) {
        let c: Vec<&str> = l.split('\t').collect();
        let id = c[0].rsplit('/').next().unwrap().trim_end_matches(".xml").to_string();
        gold.insert(id, (c[1].parse().unwrap(), c[3].to_string()));
    }
    let raw = std::fs::read_to_string(dir.join("articles.jsonl")).unwrap();
    raw.lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let id = v["id"].as_str().unwrap().to_string();
            let (topic, story) = gold[&id].clone();
            Doc { id, text: v["text"].as_str().unwrap().to_string(), topic, story }
        })
        .collect()
}

fn background() -> HashMap<u64, f64> {
    let raw = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/background.txt"),
    )
    .unwrap();
    let mut m = HashMap::new();
    let mut z = 0.0;
    for l in raw.lines() {
        if let Some(q) = l.strip_prefix('@') {
            z = q.parse::<f64>().unwrap() / 10.0;
        } else {
            for w in l.split(' ') {
                m.insert(token_hash(w), z);
            }
        }
    }
    m
}

const STOP: &str = "a about above after again against all also am an and any are as at be \
because been before being below between both but by can could did do does doing down during \
each few for from further had has have having he her here hers herself him himself his how i \
if in into is it its itself just me more most my myself no nor not now of off on once only or \
other our ours ourselves out over own same she should so some such than that the their theirs \
them themselves then there these they this those through to too under until up very was we \
were what when where which while who whom why will with would you your yours yourself \
yourselves said says say told according mr mrs ms dr one two three new last first also may \
might must shall us its it's however since yet still though although within without across \
per via around among upon onto like just than many much several including including";

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Word,
    Name,
    Pair,
    Num,
}

struct Feat {
    /// (term, count, raw hash, kind)
    terms: Vec<(u64, f32, u64, Kind)>,
}

fn feats(text: &str, stop: &std::collections::HashSet<u64>) -> Feat {
    let mut out: Vec<(u64, u64, Kind)> = Vec::new();
    let mut initial: Vec<u64> = Vec::new();
    let mut known: Vec<u64> = Vec::new();
    let mut prev: Option<u64> = None;
    for t in tokens(text) {
        let h = t.hash();
        if t.kind == TokenKind::Number {
            out.push((fmix64(h ^ 2), h, Kind::Num));
            prev = None;
            continue;
        }
        let is_stop = stop.contains(&h);
        if !is_stop && t.text.chars().nth(1).is_some() {
            out.push((h, h, Kind::Word));
        }
        let cap = t.is_capitalized();
        let acr = t.text.len() >= 2 && t.text.chars().all(char::is_uppercase);
        if cap && !is_stop && (!t.sentence_start || acr) {
            out.push((fmix64(h ^ 1), h, Kind::Name));
            known.push(h);
            if let Some(p) = prev {
                out.push((fmix64(p.rotate_left(17) ^ h ^ 3), 0, Kind::Pair));
            }
            prev = Some(h);
        } else if cap && !is_stop && t.sentence_start {
            initial.push(h);
            prev = Some(h);
        } else {
            prev = None;
        }
    }
    known.sort_unstable();
    for h in initial {
        if known.binary_search(&h).is_ok() {
            out.push((fmix64(h ^ 1), h, Kind::Name));
        }
    }
    out.sort_unstable_by_key(|x| x.0);
    let mut terms: Vec<(u64, f32, u64, Kind)> = Vec::new();
    for (t, h, k) in out {
        match terms.last_mut() {
            Some(x) if x.0 == t => x.1 += 1.0,
            _ => terms.push((t, 1.0, h, k)),
        }
    }
    Feat { terms }
}

type V = Vec<(u64, f32)>;

fn norm(v: &mut V) {
    let n = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
    if n > 0.0 {
        v.iter_mut().for_each(|x| x.1 /= n);
    }
}

fn dot(a: &V, b: &V) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

fn pairwise(pred: &[u32], gold: &[u32]) -> (f64, f64, f64, f64) {
    let n = pred.len();
    let mut cont: HashMap<(u32, u32), u64> = HashMap::new();
    let mut a: HashMap<u32, u64> = HashMap::new();
    let mut b: HashMap<u32, u64> = HashMap::new();
    for i in 0..n {
        *cont.entry((pred[i], gold[i])).or_default() += 1;
        *a.entry(pred[i]).or_default() += 1;
        *b.entry(gold[i]).or_default() += 1;
    }
    let c2 = |x: u64| (x * x.saturating_sub(1) / 2) as f64;
    let tp: f64 = cont.values().map(|&x| c2(x)).sum();
    let pp: f64 = a.values().map(|&x| c2(x)).sum();
    let gp: f64 = b.values().map(|&x| c2(x)).sum();
    let p = if pp > 0.0 { tp / pp } else { 1.0 };
    let r = if gp > 0.0 { tp / gp } else { 1.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    let total = c2(n as u64);
    let expected = pp * gp / total;
    let ari = (tp - expected) / (0.5 * (pp + gp) - expected);
    (p, r, f, ari)
}

/// Online top-m linkage then refinement passes (as the crate does).
fn topm(sim: &[Vec<f32>], t: f32) -> Vec<u32> {
    let n = sim.len();
    let m = env("M", 5.0) as usize;
    let score = |i: usize, story: &[u32], s: u32, upto: usize| -> f32 {
        let mut v: Vec<f32> = (0..upto).filter(|&j| j != i && story[j] == s).map(|j| sim[i][j]).collect();
        if v.is_empty() { return f32::MIN; }
        v.sort_by(|a, b| b.total_cmp(a));
        let k = m.min(v.len());
        v[..k].iter().sum::<f32>() / k as f32
    };
    let mut story = vec![u32::MAX; n];
    let mut next = 0u32;
    for i in 0..n {
        let cands: std::collections::BTreeSet<u32> = (0..i).filter(|&j| sim[i][j] > 0.0).map(|j| story[j]).collect();
        let best = cands.iter().map(|&s| (s, score(i, &story, s, i))).max_by(|a, b| a.1.total_cmp(&b.1));
        story[i] = match best { Some((s, v)) if v >= t => s, _ => { next += 1; next - 1 } };
    }
    for _ in 0..env("PASSES", 3.0) as usize {
        let target: Vec<u32> = (0..n).map(|i| {
            let cands: std::collections::BTreeSet<u32> = (0..n).filter(|&j| j != i && sim[i][j] > 0.0).map(|j| story[j]).collect();
            let best = cands.iter().map(|&s| (s, score(i, &story, s, n))).max_by(|a, b| a.1.total_cmp(&b.1));
            match best { Some((s, v)) if v >= t => s, _ => 1_000_000 + i as u32 }
        }).collect();
        if target == story { break; }
        story = target;
    }
    story
}

/// Average-linkage agglomerative clustering on a dense matrix; merge while best avg >= t.
fn agglo(sim: &[Vec<f32>], t: f32) -> Vec<u32> {
    if std::env::var("TOPM").is_ok() { return topm(sim, t); }
    let n = sim.len();
    let mut s: Vec<Vec<f64>> = sim.iter().map(|r| r.iter().map(|&x| x as f64).collect()).collect();
    let mut size = vec![1.0f64; n];
    let mut alive = vec![true; n];
    let mut label: Vec<u32> = (0..n as u32).collect();
    let rho = env("RHO", 0.0);
    let mut within = vec![0.0f64; n];
    let intra = |w: f64, k: f64| if k < 2.0 { f64::NAN } else { w / (k * (k - 1.0) / 2.0) };
    loop {
        let mut best = (0, 0, f64::MIN);
        for a in 0..n {
            if !alive[a] {
                continue;
            }
            for b in a + 1..n {
                if alive[b] {
                    let v = s[a][b] / (size[a] * size[b]);
                    if v > best.2 {
                        if rho > 0.0 {
                            let ia = intra(within[a], size[a]);
                            let ib = intra(within[b], size[b]);
                            let m = match (ia.is_nan(), ib.is_nan()) {
                                (true, true) => 0.0,
                                (false, true) => ia,
                                (true, false) => ib,
                                (false, false) => ia.min(ib),
                            };
                            if v < rho * m { continue; }
                        }
                        best = (a, b, v);
                    }
                }
            }
        }
        if best.2 >= t as f64 { within[best.0] += within[best.1] + s[best.0][best.1]; }
        if best.2 < t as f64 {
            break;
        }
        let (a, b, _) = best;
        for c in 0..n {
            s[a][c] += s[b][c];
            s[c][a] = s[a][c];
        }
        size[a] += size[b];
        alive[b] = false;
        for l in label.iter_mut() {
            if *l == b as u32 {
                *l = a as u32;
            }
        }
    }
    label
}

fn main() {
    let docs = load();
    let stop: std::collections::HashSet<u64> = STOP.split_whitespace().map(token_hash).collect();
    let bg = background();
    let fs: Vec<Feat> = docs.iter().map(|d| feats(&d.text, &stop)).collect();
    let w_names = env("W", 0.5) as f32;
    let k_prior = env("K", 0.0);
    let lcount = env("L", 300.0);
    let pair_w = env("PAIRW", 1.0) as f32;
    let num_w = env("NUMW", 1.0) as f32;
    let unk_z = env("UNKZ", 2.5);

    for (name, lo, hi) in [("dev", 1, 22), ("test", 23, 45), ("all", 1, 45)] {
        let sel: Vec<usize> = (0..docs.len()).filter(|&i| (lo..=hi).contains(&docs[i].topic)).collect();
        let n = sel.len() as f64;
        let mut df: HashMap<u64, f64> = HashMap::new();
        for &i in &sel {
            for t in &fs[i].terms {
                *df.entry(t.0).or_default() += 1.0;
            }
        }
        let prior = |t: &(u64, f32, u64, Kind)| -> f64 {
            let z = match t.3 {
                Kind::Word | Kind::Name => bg.get(&t.2).copied().unwrap_or(unk_z),
                Kind::Pair => unk_z - 1.0,
                Kind::Num => 3.5,
            };
            let f = 10f64.powf(z - 9.0);
            1.0 - (-f * lcount).exp()
        };
        let vecs: Vec<(V, V)> = sel
            .iter()
            .map(|&i| {
                let mut w: V = Vec::new();
                let mut nm: V = Vec::new();
                for t in &fs[i].terms {
                    let d = df[&t.0];
                    let idf = (((1.0 + n + k_prior) / (1.0 + d + k_prior * prior(t))).ln() + 1.0) as f32;
                    let ntf = env("NTF", 0.0) as f32;
                    let wtf = env("WTF", 0.0) as f32;
                    let tfp = if t.3 == Kind::Word { wtf } else { ntf };
                    let tf = if tfp > 0.0 { t.1.powf(tfp) } else { 1.0 + t.1.ln() };
                    let mut x = tf * idf;
                    match t.3 {
                        Kind::Word => w.push((t.0, x)),
                        Kind::Name => nm.push((t.0, x)),
                        Kind::Pair => {
                            x *= pair_w;
                            nm.push((t.0, x))
                        }
                        Kind::Num => {
                            x *= num_w;
                            nm.push((t.0, x))
                        }
                    }
                }
                norm(&mut w);
                norm(&mut nm);
                (w, nm)
            })
            .collect();
        let m = sel.len();
        let sim: Vec<Vec<f32>> = (0..m)
            .map(|a| {
                (0..m)
                    .map(|b| {
                        if a == b {
                            return 0.0;
                        }
                        let (wa, na) = &vecs[a];
                        let (wb, nb) = &vecs[b];
                        (1.0 - w_names) * dot(wa, wb) + w_names * dot(na, nb)
                    })
                    .collect()
            })
            .collect();
        let t0 = env("T0", 0.0) as f32;
        let gamma = env("GAMMA", 1.0) as f32;
        let (vecs, sim) = if t0 > 0.0 {
            let topic = agglo(&sim, t0);
            let mut tdf: HashMap<(u32, u64), f32> = HashMap::new();
            let mut tn: HashMap<u32, f32> = HashMap::new();
            for a in 0..m {
                *tn.entry(topic[a]).or_default() += 1.0;
                for x in vecs[a].0.iter().chain(&vecs[a].1) {
                    *tdf.entry((topic[a], x.0)).or_default() += 1.0;
                }
            }
            let v2: Vec<(V, V)> = (0..m).map(|a| {
                let n = tn[&topic[a]];
                let f = |v: &V| { let mut o: V = v.iter().map(|&(t, w)| (t, w * (((n + 1.0) / (tdf[&(topic[a], t)] + 1.0)).ln() + 1.0).powf(gamma))).collect(); norm(&mut o); o };
                (f(&vecs[a].0), f(&vecs[a].1))
            }).collect();
            let s2: Vec<Vec<f32>> = (0..m).map(|a| (0..m).map(|b| {
                if a == b || topic[a] != topic[b] { return 0.0; }
                (1.0 - w_names) * dot(&v2[a].0, &v2[b].0) + w_names * dot(&v2[a].1, &v2[b].1)
            }).collect()).collect();
            (v2, s2)
        } else { (vecs, sim) };
        let knn = env("KNN", 0.0) as usize;
        let mix = env("MIX", 1.0) as f32;
        let floor = env("FLOOR", 0.05) as f32;
        let sim = if knn > 0 {
            let nb: Vec<Vec<usize>> = (0..m).map(|a| {
                let mut o: Vec<usize> = (0..m).filter(|&b| b != a && sim[a][b] >= floor).collect();
                o.sort_by(|&x, &y| sim[a][y].total_cmp(&sim[a][x]));
                o.truncate(knn);
                o.push(a);
                o.sort();
                o
            }).collect();
            (0..m).map(|a| (0..m).map(|b| {
                if a == b { return 0.0; }
                let inter = nb[a].iter().filter(|x| nb[b].binary_search(x).is_ok()).count() as f32;
                let snn = inter / (knn + 1) as f32;
                (1.0 - mix) * sim[a][b] + mix * snn
            }).collect()).collect::<Vec<Vec<f32>>>()
        } else { sim };
        // Nearest-neighbour accuracy
        let gold_s: Vec<&str> = sel.iter().map(|&i| docs[i].story.as_str()).collect();
        let mut ids: HashMap<&str, u32> = HashMap::new();
        let gold: Vec<u32> = gold_s.iter().map(|s| { let k = ids.len() as u32; *ids.entry(s).or_insert(k) }).collect();
        let nn_ok = (0..m)
            .filter(|&a| {
                let b = (0..m).filter(|&b| b != a).max_by(|&x, &y| sim[a][x].total_cmp(&sim[a][y])).unwrap();
                gold[a] == gold[b]
            })
            .count();
        print!("{name}: nn {:.3} |", nn_ok as f64 / m as f64);
        if std::env::var("AUC").is_ok() {
            // within-topic pairs: positives same story, negatives sibling
            let mut pos: Vec<(f32, f32, f32)> = Vec::new();
            let mut neg: Vec<(f32, f32, f32)> = Vec::new();
            for a in 0..m {
                for b in a + 1..m {
                    if docs[sel[a]].topic != docs[sel[b]].topic { continue; }
                    let x = (dot(&vecs[a].0, &vecs[b].0), dot(&vecs[a].1, &vecs[b].1), sim[a][b]);
                    if gold[a] == gold[b] { pos.push(x) } else { neg.push(x) }
                }
            }
            let auc = |f: &dyn Fn(&(f32, f32, f32)) -> f32| {
                let mut ps: Vec<f32> = pos.iter().map(f).collect();
                ps.sort_by(|a, b| a.total_cmp(b));
                let mut wins = 0.0f64;
                for n in &neg { let v = f(n); let below = ps.partition_point(|&x| x < v); wins += (ps.len() - below) as f64; }
                wins / (ps.len() as f64 * neg.len() as f64)
            };
            let mean = |v: &Vec<(f32,f32,f32)>, k: usize| v.iter().map(|x| [x.0,x.1,x.2][k] as f64).sum::<f64>() / v.len() as f64;
            print!(" AUC words {:.3} names {:.3} sim {:.3} | mean pos {:.3}/{:.3}/{:.3} neg {:.3}/{:.3}/{:.3} |", auc(&|x| x.0), auc(&|x| x.1), auc(&|x| x.2),
              mean(&pos,0), mean(&pos,1), mean(&pos,2), mean(&neg,0), mean(&neg,1), mean(&neg,2));
        }
        for t in std::env::var("TS").unwrap_or("0.12 0.16 0.20 0.24 0.28 0.32 0.36 0.40".into()).split(' ').map(|x| x.parse::<f32>().unwrap()) {
            let lab = agglo(&sim, t);
            let (_p, _r, f, ari) = pairwise(&lab, &gold);
            print!(" {t:.2}:{f:.3}/{ari:.3}");
        }
        println!();
        if let Ok(t) = std::env::var("DIAG") {
            let lab = agglo(&sim, t.parse().unwrap());
            let mut per: std::collections::BTreeMap<u32, Vec<(u32, String)>> = Default::default();
            for (k, &i) in sel.iter().enumerate() {
                per.entry(docs[i].topic).or_default().push((lab[k], docs[i].story.clone()));
            }
            for (topic, v) in per {
                let mut cnt: std::collections::BTreeMap<u32, (u32, u32)> = Default::default();
                for (l, s) in &v {
                    let e = cnt.entry(*l).or_default();
                    if s.ends_with("plus") { e.1 += 1 } else { e.0 += 1 }
                }
                // also foreign members
                let ours: std::collections::HashSet<u32> = cnt.keys().copied().collect();
                let foreign = lab.iter().enumerate().filter(|(k, l)| ours.contains(l) && docs[sel[*k]].topic != topic).count();
                let c: Vec<String> = cnt.values().map(|(a, b)| format!("{a}/{b}")).collect();
                println!("  topic {topic}: {} foreign {foreign}", c.join(" "));
            }
        }
    }
    let _ = docs[0].id.len();
}
