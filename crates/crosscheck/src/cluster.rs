//! Story clustering over extracted articles: the `crosscheck-cluster` crate, re-exported, plus
//! [`cluster_articles`], which deduplicates first.

pub use crosscheck_cluster::*;

use std::borrow::Cow;

use crosscheck_core::{Article, Date};
use crosscheck_dedup::{Deduper, Membership};
use rayon::prelude::*;

/// An article's duplicate group and story.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    /// Its duplicate group (see [`crate::dedup`]).
    pub duplicate: Membership,
    /// Its story; a duplicate gets its group's first document's story and score.
    pub story: Assignment,
}

/// Groups duplicates, then clusters the first document of each group into stories.
///
/// Duplicates are counted once in a story (they do not weigh on its vocabulary or its IDF) but
/// keep their membership: each gets the story of its group's first document. The result is in
/// input order; the stories do not depend on the input order except through which copy of a
/// duplicate group comes first (see [`crosscheck_dedup::dedup`]).
pub fn cluster_articles(
    deduper: &Deduper,
    clusterer: &Clusterer,
    articles: &[Article],
) -> Vec<Placement> {
    let texts: Vec<&str> = articles.iter().map(|a| a.text.as_str()).collect();
    let dups = deduper.dedup(&texts);
    let feats: Vec<Option<Features>> = articles
        .par_iter()
        .zip(&dups)
        .map(|(a, d)| d.duplicate_of().is_none().then(|| article_features(a)))
        .collect();
    let docs: Vec<(&str, Option<Date>)> =
        articles.iter().map(|a| (a.id.as_str(), a.published)).collect();
    let feats: Vec<Option<Cow<'_, Features>>> =
        feats.into_iter().map(|f| f.map(Cow::Owned)).collect();
    cluster_groups(clusterer, &docs, &dups, feats)
        .into_iter()
        .zip(dups)
        .map(|(story, duplicate)| Placement { duplicate, story })
        .collect()
}

/// The features an article is clustered by ([`ClusterDoc::features`] of its headline, text
/// and date).
pub fn article_features(article: &Article) -> Features {
    ClusterDoc {
        id: article.id.as_str(),
        title: article.title.as_deref(),
        text: &article.text,
        date: article.published,
    }
    .features()
}

/// Clusters the first document of each duplicate group by its features; each document gets
/// its group's first document's story and score. `docs` are the ids and dates, `dups` the
/// duplicate groups ([`Deduper::dedup`] of the same documents in the same order) and `feats`
/// the features, which only first documents need (a first document without them counts as
/// having none); owned ones are dropped as soon as the clusterer has weighed them.
pub(crate) fn cluster_groups<'a>(
    clusterer: &Clusterer,
    docs: &[(&'a str, Option<Date>)],
    dups: &[Membership],
    mut feats: Vec<Option<Cow<'a, Features>>>,
) -> Vec<Assignment> {
    let firsts: Vec<usize> =
        (0..docs.len()).filter(|&i| dups[i].duplicate_of().is_none()).collect();
    feats.resize(docs.len(), None);
    let featured: Vec<FeaturedDoc<'a>> = feats
        .into_iter()
        .enumerate()
        .filter(|(i, _)| dups[*i].duplicate_of().is_none())
        .map(|(i, f)| FeaturedDoc {
            id: docs[i].0,
            date: docs[i].1,
            features: f.unwrap_or_default(),
        })
        .collect();
    let stories = clusterer.cluster_features(featured);
    let mut by_first = vec![None; docs.len()];
    for (k, &i) in firsts.iter().enumerate() {
        by_first[i] = Some(stories[k]);
    }
    dups.iter()
        // Invariant: every group's first document is in `firsts` and was clustered.
        .map(|d| by_first[d.first as usize].unwrap_or(Assignment { story: 0, score: 0.0 }))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crosscheck_core::{Alignment, Article, DocId, Lang};
    use crosscheck_dedup::DedupBuilder;

    use super::*;

    fn article(id: &str, text: &str) -> Article {
        Article {
            id: DocId::from(id),
            source: format!("{id}.txt"),
            url: None,
            outlet: None,
            title: None,
            author: None,
            published: None,
            published_month: None,
            language: Lang::EN,
            text: text.to_string(),
            removed: Vec::new(),
            alignment: Alignment::identity(text.len()),
            raw: Arc::from(text),
        }
    }

    #[test]
    fn duplicates_share_their_first_documents_story() {
        let a = "Engineers in Kestrel Bay closed the Harlow tunnel on Tuesday after water \
                 flooded the northern entrance, the transport office of Kestrel Bay said.";
        let b = "Divers from Kestrel Bay inspected the flooded Harlow tunnel on Wednesday and \
                 found the northern pumps had failed, officials in Kestrel Bay said.";
        let c = "The Orvel central bank cut its main rate to 2.5 percent, Governor Imre Tasz \
                 told reporters in Orvel.";
        let copy = format!("{a} Subscribe to our newsletter.");
        let arts = [article("a", a), article("b", b), article("c", c), article("a2", &copy)];
        let d = DedupBuilder::new().build().unwrap();
        let k = ClusterBuilder::new().build().unwrap();
        let out = cluster_articles(&d, &k, &arts);
        assert_eq!(out[3].duplicate.duplicate_of(), Some(0));
        assert_eq!(out[3].story, out[0].story);
        assert_eq!(out[0].story.story, out[1].story.story);
        assert_ne!(out[0].story.story, out[2].story.story);
    }
}
