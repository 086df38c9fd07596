//! The three benchmarks' metrics, re-implemented from their DATA.md descriptions.

use std::collections::HashMap;

/// Precision, recall and F1 of one system on one benchmark.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Score {
    pub(crate) precision: f64,
    pub(crate) recall: f64,
    pub(crate) f1: f64,
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
}

fn mean(xs: &[f64]) -> f64 {
    if xs.is_empty() { 0.0 } else { xs.iter().sum::<f64>() / xs.len() as f64 }
}

/// Unicode `\w+` tokens: runs of alphanumeric characters and underscores.
pub(crate) fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty())
}

/// Token 4-gram shingles as a multiset; fewer than four tokens give one shorter shingle.
fn shingles(s: &str) -> HashMap<Vec<&str>, usize> {
    let toks: Vec<&str> = words(s).collect();
    let mut out = HashMap::new();
    if toks.is_empty() {
        return out;
    }
    if toks.len() < 4 {
        out.insert(toks, 1);
        return out;
    }
    for w in toks.windows(4) {
        *out.entry(w.to_vec()).or_insert(0) += 1;
    }
    out
}

/// `ScrapingHub` AEB: per-page shingle precision and recall, averaged over pages (an empty
/// prediction is left out of precision), F1 of the two means.
pub(crate) fn aeb(pairs: &[(&str, &str)]) -> Score {
    let (mut ps, mut rs) = (Vec::new(), Vec::new());
    for (pred, truth) in pairs {
        let (p, t) = (shingles(pred), shingles(truth));
        let mut tp = 0usize;
        for (k, &n) in &p {
            tp += n.min(t.get(k).copied().unwrap_or(0));
        }
        let np: usize = p.values().sum();
        let nt: usize = t.values().sum();
        let (fp, fn_) = (np - tp, nt - tp);
        if fp == 0 && fn_ == 0 {
            ps.push(1.0);
            rs.push(1.0);
            continue;
        }
        if tp + fp > 0 {
            ps.push(tp as f64 / (tp + fp) as f64);
        }
        if tp + fn_ > 0 {
            rs.push(tp as f64 / (tp + fn_) as f64);
        }
    }
    let (p, r) = (mean(&ps), mean(&rs));
    Score { precision: p, recall: r, f1: f1(p, r) }
}

/// WCXB: lower-cased bag-of-words precision, recall and F1 per page, averaged.
pub(crate) fn wcxb(pairs: &[(&str, &str)]) -> Score {
    let (mut ps, mut rs, mut fs) = (Vec::new(), Vec::new(), Vec::new());
    for (pred, truth) in pairs {
        let bag = |s: &str| {
            let mut m: HashMap<String, usize> = HashMap::new();
            for w in words(s) {
                *m.entry(w.to_lowercase()).or_insert(0) += 1;
            }
            m
        };
        let (p, t) = (bag(pred), bag(truth));
        let np: usize = p.values().sum();
        let nt: usize = t.values().sum();
        let (pp, rr, ff) = if nt == 0 && np == 0 {
            (1.0, 1.0, 1.0)
        } else if np == 0 || nt == 0 {
            (0.0, 0.0, 0.0)
        } else {
            let overlap: usize =
                p.iter().map(|(k, &n)| n.min(t.get(k).copied().unwrap_or(0))).sum();
            let (pp, rr) = (overlap as f64 / np as f64, overlap as f64 / nt as f64);
            (pp, rr, f1(pp, rr))
        };
        ps.push(pp);
        rs.push(rr);
        fs.push(ff);
    }
    Score { precision: mean(&ps), recall: mean(&rs), f1: mean(&fs) }
}

fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Trafilatura's evaluation: "with" snippets found are true positives, "without" snippets
/// found are false positives, micro-summed over documents.
pub(crate) fn snippets(items: &[(&str, &[String], &[String])]) -> Score {
    let (mut tp, mut fn_, mut fp) = (0usize, 0usize, 0usize);
    for (pred, with, without) in items {
        let out = normalize(pred);
        for w in *with {
            if !out.is_empty() && out.contains(&normalize(w)) { tp += 1 } else { fn_ += 1 }
        }
        for w in *without {
            if !out.is_empty() && out.contains(&normalize(w)) {
                fp += 1;
            }
        }
    }
    let p = if tp + fp == 0 { 0.0 } else { tp as f64 / (tp + fp) as f64 };
    let r = if tp + fn_ == 0 { 0.0 } else { tp as f64 / (tp + fn_) as f64 };
    Score { precision: p, recall: r, f1: f1(p, r) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aeb_perfect_and_empty() {
        let s = aeb(&[("one two three four five", "one two three four five")]);
        assert!((s.f1 - 1.0).abs() < 1e-9);
        let s = aeb(&[("", "one two three four five"), ("a b c d e", "a b c d e")]);
        assert!((s.precision - 1.0).abs() < 1e-9, "empty prediction left out of precision");
        assert!((s.recall - 0.5).abs() < 1e-9);
    }

    #[test]
    fn wcxb_bag_overlap() {
        let s = wcxb(&[("The cat sat", "the cat sat on the mat")]);
        assert!((s.precision - 1.0).abs() < 1e-9);
        assert!((s.recall - 0.5).abs() < 1e-9);
    }

    #[test]
    fn snippet_counts() {
        let with = vec!["the  cat".to_string()];
        let without = vec!["menu".to_string()];
        let s = snippets(&[("the cat sat\nmenu", &with, &without)]);
        assert!((s.precision - 0.5).abs() < 1e-9);
        assert!((s.recall - 1.0).abs() < 1e-9);
    }
}
