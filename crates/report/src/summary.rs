//! What the readable reports share: counts in the right number, outlet names, the legend of
//! status words, the conflict a disputed claim belongs to, and which words of a quote differ
//! between two outlets' wordings.

use crosscheck_core::DocId;
use crosscheck_core::story::{ClaimStatus, FusedStory, SourceSpan};

/// `n` and `noun` in the right number: `1 report`, `2 reports`, `1 story`, `2 stories`.
pub(crate) fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        return format!("1 {noun}");
    }
    let plural = match noun.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{stem}ies"),
        _ => format!("{noun}s"),
    };
    format!("{n} {plural}")
}

/// The sentence saying a story over the fuser's budget was fused from a sample, if it was.
pub(crate) fn sample_note(story: &FusedStory) -> Option<String> {
    let s = story.sampled.as_ref()?;
    Some(format!(
        "Fused from a sample: {} of {} read ({}); the others are listed but add nothing.",
        s.articles_used,
        count(s.articles_total as usize, "article"),
        s.rule
    ))
}

/// What each status word means, for the legend.
pub(crate) const LEGEND: [(ClaimStatus, &str); 5] = [
    (ClaimStatus::Consensus, "every independent report carries it"),
    (ClaimStatus::Majority, "more than half of the independent reports carry it, but not all"),
    (ClaimStatus::Several, "more than one independent report carries it, but no more than half"),
    (ClaimStatus::Single, "only one independent report carries it"),
    (ClaimStatus::Disputed, "the reports disagree about it: see its conflict"),
];

/// How the counts are made, for the legend.
pub(crate) const COUNTING: &str = "\"2 of 3 reports\" counts independent reports: a wire copy \
    or any other duplicate of an article counts once, with the article it copies.";

/// What `status` means.
pub(crate) fn meaning(status: ClaimStatus) -> &'static str {
    LEGEND.iter().find(|(s, _)| *s == status).map_or("", |(_, m)| m)
}

/// The name a person knows article `id` by: its outlet, else its id.
pub(crate) fn outlet_of<'s>(story: &'s FusedStory, id: &'s DocId) -> &'s str {
    story
        .articles
        .iter()
        .find(|a| a.id == *id)
        .and_then(|a| a.outlet.as_deref())
        .filter(|o| !o.trim().is_empty())
        .unwrap_or(id.as_str())
}

/// The distinct outlets of a story's articles.
pub(crate) fn outlets(story: &FusedStory) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    for a in &story.articles {
        let name = outlet_of(story, &a.id);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Whether two spans of the same article overlap.
fn overlaps(a: &SourceSpan, b: &SourceSpan) -> bool {
    a.article == b.article && a.start < b.end && b.start < a.end
}

/// The index of the conflict claim `claim` is a side of: the first whose evidence overlaps
/// one of its renderings.
pub(crate) fn conflict_of(story: &FusedStory, claim: usize) -> Option<usize> {
    let c = story.claims.get(claim)?;
    story.conflicts.iter().position(|k| {
        k.sides
            .iter()
            .flat_map(|s| &s.evidence)
            .any(|e| c.renderings.iter().any(|r| overlaps(e, r)))
    })
}

/// A word as compared between wordings: lowercase, without surrounding punctuation.
fn norm(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()
}

/// For each word of `text` (split on white space), whether it is missing from a longest
/// common subsequence with `reference`'s words: the words that differ between two wordings.
/// Long texts (over 500 words) are not compared, and nothing is marked.
pub(crate) fn changed_words(text: &str, reference: &str) -> Vec<bool> {
    let a: Vec<String> = text.split_whitespace().map(norm).collect();
    let b: Vec<String> = reference.split_whitespace().map(norm).collect();
    let (n, m) = (a.len(), b.len());
    if n > 500 || m > 500 {
        return vec![false; n];
    }
    // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
    let mut lcs = vec![vec![0u16; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] =
                if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let mut changed = vec![true; n];
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i] == b[j] {
            changed[i] = false;
            i += 1;
            j += 1;
        } else if lcs[i + 1][j] >= lcs[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    changed
}

/// The wording quote rendering `i` is compared with: the first one, or for the first, the
/// second. `None` when there is one wording only.
pub(crate) fn reference_of(renderings: &[SourceSpan], i: usize) -> Option<&SourceSpan> {
    if renderings.len() < 2 {
        return None;
    }
    renderings.get(usize::from(i == 0))
}

#[cfg(test)]
mod tests {
    use super::{changed_words, count};

    #[test]
    fn counts_agree_in_number() {
        assert_eq!(count(1, "report"), "1 report");
        assert_eq!(count(2, "story"), "2 stories");
        assert_eq!(count(0, "article"), "0 articles");
        assert_eq!(count(1, "line"), "1 line");
    }

    #[test]
    fn only_differing_words_are_changed() {
        let a = "We were lucky that the sea stayed calm,";
        let b = "“We were lucky the sea stayed so calm,”";
        let marks = changed_words(a, b);
        let marked: Vec<&str> =
            a.split_whitespace().zip(&marks).filter(|(_, m)| **m).map(|(w, _)| w).collect();
        assert_eq!(marked, ["that"]);
        let marks = changed_words(b, a);
        let marked: Vec<&str> =
            b.split_whitespace().zip(&marks).filter(|(_, m)| **m).map(|(w, _)| w).collect();
        assert_eq!(marked, ["so"]);
        assert!(changed_words("Same words here.", "same words, here").iter().all(|c| !c));
    }
}
