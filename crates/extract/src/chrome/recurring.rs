//! Lines that recur across many articles of one outlet in a batch.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use crosscheck_core::{Alignment, Article};

/// An outlet needs this many articles in a batch before its recurring lines are judged.
const MIN_ARTICLES: usize = 3;
/// A line must recur in at least this share of the outlet's articles (and in
/// [`MIN_ARTICLES`] of them).
const MIN_SHARE: f64 = 0.4;

/// The outlet key of an article: its outlet name, else its URL's host, lowercase.
fn outlet_key(a: &Article) -> Option<String> {
    if let Some(o) = a.outlet.as_deref().filter(|o| !o.trim().is_empty()) {
        return Some(o.trim().to_lowercase());
    }
    let url = url::Url::parse(a.url.as_deref()?).ok()?;
    Some(url.host_str()?.trim_start_matches("www.").to_lowercase())
}

fn line_hash(p: &str) -> u64 {
    let mut h = DefaultHasher::new();
    for w in p.split_whitespace() {
        w.to_lowercase().hash(&mut h);
    }
    h.finish()
}

/// Removes from each article the paragraphs that recur across many articles of the same
/// outlet in this batch, recording them in [`Article::removed`].
///
/// ## What it does
/// Groups the articles by outlet (the outlet name, else the URL's host). In an outlet with at
/// least three articles, a paragraph (compared case- and whitespace-insensitively) that occurs in
/// at least three of them and in at least 40 % of them is removed from all of them, unless that
/// would leave an article empty.
///
/// ## Why
/// Every site has its own chrome that no phrase list knows: a newsroom's standard footer, a
/// donation appeal, a fixed "about us" box. It betrays itself by repeating on every page of the
/// site. The rule is per outlet because wire copy (the same agency paragraph in many papers) is
/// real shared text that dedup and fusion must see.
///
/// ## Example
/// ```
/// use crosscheck_core::{Format, RawDoc};
/// use crosscheck_extract::{ArticleExtractor, Extractor, chrome::strip_recurring};
///
/// let ex = ArticleExtractor::default();
/// let mut articles: Vec<_> = (0..3)
///     .map(|i| {
///         let text = format!(
///             "Story number {i} tells of the bridge and the river and the town that was built \
///              on its banks long ago by farmers.\n\nSupport our newsroom with a gift today.\n"
///         );
///         let mut doc = RawDoc::new(format!("d{i}"), "-", Format::Text, text);
///         doc.meta.outlet = Some("Town Paper".into());
///         ex.extract(&doc).unwrap()
///     })
///     .collect();
/// strip_recurring(articles.iter_mut());
/// assert!(articles.iter().all(|a| !a.text.contains("Support our newsroom")));
/// assert!(articles[0].removed.iter().any(|l| l.contains("Support our newsroom")));
/// ```
///
/// ## Limitations
/// Needs several articles of one outlet in the same batch; a lone article keeps its site
/// chrome. An outlet's real recurring text (a standing correction notice) is removed too.
/// Articles without outlet or URL are left alone.
///
/// ## References
/// - Bar-Yossef, Rajagopalan (2002), "Template detection via data mining and its
///   applications": template blocks are those shared by many pages of one site.
pub fn strip_recurring<'a>(articles: impl IntoIterator<Item = &'a mut Article>) {
    let mut groups: HashMap<String, Vec<&'a mut Article>> = HashMap::new();
    for a in articles {
        if let Some(key) = outlet_key(a) {
            groups.entry(key).or_default().push(a);
        }
    }
    for group in groups.values_mut() {
        if group.len() < MIN_ARTICLES {
            continue;
        }
        let mut counts: HashMap<u64, usize> = HashMap::new();
        let hashes: Vec<Vec<u64>> =
            group.iter().map(|a| a.text.split("\n\n").map(line_hash).collect()).collect();
        for hs in &hashes {
            let mut seen: Vec<u64> = hs.clone();
            seen.sort_unstable();
            seen.dedup();
            for h in seen {
                *counts.entry(h).or_default() += 1;
            }
        }
        let need = MIN_ARTICLES.max((MIN_SHARE * group.len() as f64).ceil() as usize);
        for (a, hs) in group.iter_mut().zip(&hashes) {
            let keep: Vec<bool> = hs.iter().map(|h| counts[h] < need).collect();
            if keep.iter().all(|&k| k) || keep.iter().all(|&k| !k) {
                continue;
            }
            retain_paragraphs(a, &keep);
        }
    }
}

/// Keeps the paragraphs of `a.text` (split on blank lines) whose flag is `true`, moving the
/// others to `a.removed` and rebuilding the alignment.
pub(crate) fn retain_paragraphs(a: &mut Article, keep: &[bool]) {
    let mut text = String::with_capacity(a.text.len());
    let mut al = Alignment::default();
    let mut start = 0usize;
    let segs = a.alignment.segments();
    for (i, p) in a.text.split("\n\n").enumerate() {
        let end = start + p.len();
        if keep.get(i).copied().unwrap_or(true) {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let new_start = text.len();
            text.push_str(p);
            let first = segs.partition_point(|s| (s.text + s.len) as usize <= start);
            for s in &segs[first..] {
                let (ss, se) = (s.text as usize, (s.text + s.len) as usize);
                if ss >= end {
                    break;
                }
                let (cs, ce) = (ss.max(start), se.min(end));
                if cs < ce {
                    al.push(new_start + cs - start, s.raw as usize + cs - ss, ce - cs);
                }
            }
        } else if !p.trim().is_empty() {
            a.removed.push(p.to_string());
        }
        start = end + 2;
    }
    a.text = text;
    a.alignment = al;
}
