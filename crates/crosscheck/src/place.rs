//! One story-placement path: dedup, then cluster, then a vote among known stories. Used by
//! [`Pipeline::fuse`](crate::Pipeline::fuse), `crosscheck cluster` and the store alike.
//!
//! ## What it does
//!
//! [`Placer::place`] takes the articles to place and, for online use, the stories they may
//! belong to (*known* stories, each with its recent members). It
//!
//! 1. groups near-duplicates over known and new articles together, by their main text
//!    ([`crosscheck_dedup::dedup`]): a new article that copies another
//!    joins that article's story and is recorded as its duplicate;
//! 2. clusters the first article of each duplicate group with
//!    [`Clusterer::cluster`](crate::cluster::Clusterer::cluster) (the rule is documented on
//!    [`crosscheck_cluster::story`]);
//! 3. for each cluster holding new articles, looks at the known stories in it. A known story
//!    *anchors* the cluster when at least half of its given members are in it. One anchor: the
//!    new articles join it. Two or more: the new articles bridge them, and the stories are
//!    merged ([`Placements::merges`]). None: they start a new story, even when the cluster
//!    holds a few members of a known story (a story is joined by what holds most of it, not
//!    by a stray member: measured on ECB+, joining by plurality cost 0.03 of F1 online).
//!
//! A new story is named after its *founder*, its earliest article (publication date, undated
//! last, then id): [`story_id`]. Batch runs and a store that ingests the same articles give
//! the same ids, and an id stays when a story grows.
//!
//! ## Why
//!
//! One rule decides in batch and online, so that `crosscheck fuse` and a store agree; the
//! store only hands over the neighbourhood of the new articles (see
//! [`Store::neighbours`](crate::store::Store::neighbours)), so that the cost of placing a batch
//! does not grow with the store.
//!
//! ## Limitations
//!
//! Known stories are seen through the members the caller gives (a store gives the most recent
//! ones), so a story whose early and late members differ a lot is judged by its late ones.
//! Placement never splits a known story.

use std::borrow::Cow;
use std::collections::HashMap;

use crosscheck_core::{Article, Date, DocId, Features};
use rayon::prelude::*;

use crate::cluster::{Clusterer, article_features, cluster_groups};
use crate::config::{ConfigError, PipelineConfig};
use crate::dedup::{DedupIndex, Deduper, Membership};

/// A story that new articles may join: its id and (some of) its members.
#[derive(Debug, Clone, Copy)]
pub struct KnownStory<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its members, or the most recent of them.
    pub articles: &'a [Article],
    /// The features of its members as [`article_features`] extracted them before, one per
    /// member (or none at all: an empty slice); a member without them is read again.
    pub features: &'a [Option<Features>],
}

impl<'a> KnownStory<'a> {
    /// A known story with its members, whose features are to be extracted.
    pub fn new(id: &'a str, articles: &'a [Article]) -> KnownStory<'a> {
        KnownStory { id, articles, features: &[] }
    }
}

/// Where a new article goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Home {
    /// The known story with this index.
    Known(usize),
    /// A new story, numbered from 0 in order of first mention.
    New(u32),
}

/// One new article's place.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// Its story.
    pub home: Home,
    /// The article it near-duplicates, if any.
    pub duplicate_of: Option<DocId>,
    /// How firmly it sits in its cluster, in `[0, 1]` (see
    /// [`Assignment::score`](crate::cluster::Assignment::score)).
    pub score: f32,
}

/// The result of [`Placer::place`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Placements {
    /// One per new article, in input order.
    pub placed: Vec<Placed>,
    /// Groups of known stories (indexes, ascending) that new articles bridge: each group is
    /// to become one story. [`Home::Known`] may name any member of a group.
    pub merges: Vec<Vec<usize>>,
    /// The founder of each new story, by its number: its earliest article.
    pub founders: Vec<DocId>,
}

impl Placements {
    /// The id of each new article's story: a known story's id, or [`story_id`] of a new
    /// story's founder.
    pub fn story_ids(&self, known: &[KnownStory<'_>]) -> Vec<String> {
        self.placed
            .iter()
            .map(|p| match p.home {
                Home::Known(k) => known[k].id.to_string(),
                Home::New(n) => story_id(&self.founders[n as usize]),
            })
            .collect()
    }
}

/// The id of a story founded by `article`: `s` and ten hex digits of the SHA-256 of the
/// article id. The same in `crosscheck fuse`, `cluster`, the store and the API.
pub fn story_id(article: &DocId) -> String {
    crosscheck_store::StoryId::founded_by(article).to_string()
}

/// The founder of a story with these articles (see [`story_id`]): the earliest dated
/// article, else the first by id.
pub fn founder<'a>(articles: impl IntoIterator<Item = &'a Article>) -> Option<&'a Article> {
    articles.into_iter().min_by(|a, b| {
        founding_key(a.published, a.id.as_str()).cmp(&founding_key(b.published, b.id.as_str()))
    })
}

/// The order in which a story's founder is chosen: dated before undated, earlier first, then
/// by id.
fn founding_key(published: Option<Date>, id: &str) -> (bool, Option<Date>, &str) {
    (published.is_none(), published, id)
}

/// Places articles into stories: dedup, then cluster. Reusable, `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Placer {
    deduper: Deduper,
    clusterer: Clusterer,
}

impl Placer {
    /// A placer with the dedup and cluster options of `config`.
    pub fn new(config: &PipelineConfig) -> Result<Placer, ConfigError> {
        Ok(Placer { deduper: config.deduper()?, clusterer: config.clusterer()? })
    }

    /// Places `new` among `known` stories or into new stories; see the
    /// [module documentation](self).
    pub fn place(&self, known: &[KnownStory<'_>], new: &[Article]) -> Placements {
        self.place_with(known, new, &[])
    }

    /// [`Placer::place`] with the features of new articles extracted before
    /// ([`article_features`]), one per article (or none at all: an empty slice); those
    /// missing are extracted.
    pub fn place_with(
        &self,
        known: &[KnownStory<'_>],
        new: &[Article],
        new_features: &[Option<Features>],
    ) -> Placements {
        let owner: Vec<usize> = known
            .iter()
            .enumerate()
            .flat_map(|(k, s)| std::iter::repeat_n(k, s.articles.len()))
            .collect();
        let all: Vec<&Article> =
            known.iter().flat_map(|s| s.articles.iter()).chain(new.iter()).collect();
        let texts: Vec<&str> = all.iter().map(|a| a.text.as_str()).collect();
        let dups = self.deduper.dedup(&texts);
        // Features as given; those of first documents that have none extracted (duplicates
        // are not clustered).
        let given: Vec<Option<&Features>> = known
            .iter()
            .flat_map(|s| (0..s.articles.len()).map(|i| s.features.get(i).and_then(Option::as_ref)))
            .chain((0..new.len()).map(|i| new_features.get(i).and_then(Option::as_ref)))
            .collect();
        let extracted: Vec<Option<Features>> = all
            .par_iter()
            .zip(&given)
            .zip(&dups)
            .map(|((a, g), d)| {
                (g.is_none() && d.duplicate_of().is_none()).then(|| article_features(a))
            })
            .collect();
        let feats: Vec<Option<Cow<'_, Features>>> = given
            .iter()
            .zip(extracted)
            .map(|(g, e)| g.map(Cow::Borrowed).or(e.map(Cow::Owned)))
            .collect();
        let docs: Vec<(&DocId, Option<Date>)> = all.iter().map(|a| (&a.id, a.published)).collect();
        let sizes: Vec<usize> = known.iter().map(|s| s.articles.len()).collect();
        self.decide(&sizes, &owner, &docs, &dups, feats)
    }

    /// A batch placement that reads articles a chunk at a time and keeps only what placement
    /// needs of each (its id, date, duplicate group and, for the first of a group, its
    /// features): see [`BatchPlacer`].
    pub fn batch(&self) -> BatchPlacer<'_> {
        BatchPlacer {
            placer: self,
            index: self.deduper.index(),
            docs: Vec::new(),
            dups: Vec::new(),
            feats: Vec::new(),
        }
    }

    /// The placement of `docs` (known members, story by story, then new articles), whose
    /// duplicate groups are `dups` and whose features are `feats` (those of first documents
    /// at least); `sizes` are the known stories' member counts and `owner` the known story of
    /// each known member.
    fn decide(
        &self,
        sizes: &[usize],
        owner: &[usize],
        docs: &[(&DocId, Option<Date>)],
        dups: &[Membership],
        feats: Vec<Option<Cow<'_, Features>>>,
    ) -> Placements {
        let base = owner.len();
        let plain: Vec<(&str, Option<Date>)> = docs.iter().map(|d| (d.0.as_str(), d.1)).collect();
        let clustered = cluster_groups(&self.clusterer, &plain, dups, feats);
        // Each article's cluster and score, duplicates taking their first document's.
        let cluster_of: Vec<(u32, f32)> = clustered.iter().map(|a| (a.story, a.score)).collect();
        // Per cluster: how many given members of each known story it holds.
        let mut counts: HashMap<u32, Vec<(usize, usize)>> = HashMap::new();
        for (i, &k) in owner.iter().enumerate() {
            let list = counts.entry(cluster_of[i].0).or_default();
            match list.iter_mut().find(|x| x.0 == k) {
                Some(x) => x.1 += 1,
                None => list.push((k, 1)),
            }
        }
        let mut merges: Vec<Vec<usize>> = Vec::new();
        let mut home_of_cluster: HashMap<u32, Home> = HashMap::new();
        let mut new_clusters: Vec<u32> = Vec::new();
        for &(c, _) in &cluster_of[base..] {
            if home_of_cluster.contains_key(&c) {
                continue;
            }
            let list = counts.get(&c).map_or(&[][..], Vec::as_slice);
            let mut anchors: Vec<usize> =
                list.iter().filter(|(k, n)| 2 * n >= sizes[*k]).map(|x| x.0).collect();
            anchors.sort_unstable();
            let home = if let Some(&first) = anchors.first() {
                if anchors.len() > 1 {
                    merges.push(anchors);
                }
                Home::Known(first)
            } else {
                new_clusters.push(c);
                Home::New(new_clusters.len() as u32 - 1)
            };
            home_of_cluster.insert(c, home);
        }
        let mut placed: Vec<Placed> = (base..docs.len())
            .map(|i| {
                let (c, score) = cluster_of[i];
                Placed { home: home_of_cluster[&c], duplicate_of: None, score }
            })
            .collect();
        // A near-duplicate goes where the article it copies is.
        for (j, p) in placed.iter_mut().enumerate() {
            let Some(f) = dups[base + j].duplicate_of() else { continue };
            let f = f as usize;
            p.duplicate_of = Some(docs[f].0.clone());
            if f < base {
                p.home = Home::Known(owner[f]);
            }
        }
        let mut founders: Vec<Option<(&DocId, Option<Date>)>> = vec![None; new_clusters.len()];
        for (j, p) in placed.iter().enumerate() {
            if let Home::New(n) = p.home {
                let slot = &mut founders[n as usize];
                let (id, date) = docs[base + j];
                if slot.is_none_or(|(fid, fdate)| {
                    founding_key(date, id.as_str()) < founding_key(fdate, fid.as_str())
                }) {
                    *slot = Some((id, date));
                }
            }
        }
        // Every new story has at least one member, so every slot is filled.
        let founders = founders.into_iter().flatten().map(|(id, _)| id.clone()).collect();
        Placements { placed, merges, founders }
    }
}

/// Batch placement ([`Placer::place`] with no known stories) that does not hold the articles:
/// each chunk given to [`BatchPlacer::add`] is deduplicated against the articles before it and
/// its first documents' features are extracted, after which the caller may drop it.
/// [`BatchPlacer::finish`] clusters and places them all: the same placement as
/// [`Placer::place`] on all the articles at once, in the same order.
///
/// ## Why
///
/// Placement needs an article's text twice, to find its duplicates and to extract its
/// features; holding every article (text, raw content, alignment) until both are done made
/// `crosscheck cluster` take about 10.5 KB per article. An article read once costs its id,
/// date, duplicate group and features: about a third of that.
#[derive(Debug)]
pub struct BatchPlacer<'p> {
    placer: &'p Placer,
    index: DedupIndex<'p>,
    docs: Vec<(DocId, Option<Date>)>,
    dups: Vec<Membership>,
    feats: Vec<Option<Features>>,
}

impl BatchPlacer<'_> {
    /// Reads a chunk of articles, the next in input order.
    pub fn add(&mut self, articles: &[Article]) {
        let deduper = &self.placer.deduper;
        let texts: Vec<&str> = articles.iter().map(|a| a.text.as_str()).collect();
        let fps = deduper.fingerprints(&texts);
        // Grouping is sequential: extract features meanwhile (all of them: a duplicate's are
        // dropped after, which costs less than leaving the other cores idle).
        let (dups, feats): (Vec<Membership>, Vec<Features>) = rayon::join(
            || fps.into_iter().map(|fp| self.index.insert(fp)).collect(),
            || articles.par_iter().map(article_features).collect(),
        );
        self.feats
            .extend(dups.iter().zip(feats).map(|(d, f)| d.duplicate_of().is_none().then_some(f)));
        self.dups.extend(dups);
        self.docs.extend(articles.iter().map(|a| (a.id.clone(), a.published)));
    }

    /// How many articles were read.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether no article was read.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Places every article read, in input order.
    pub fn finish(self) -> Placements {
        let BatchPlacer { placer, index, docs, dups, feats } = self;
        // The duplicate groups are known: their shingle sets and signatures are not needed.
        drop(index);
        let docs: Vec<(&DocId, Option<Date>)> = docs.iter().map(|(id, d)| (id, *d)).collect();
        let feats = feats.into_iter().map(|f| f.map(Cow::Owned)).collect();
        placer.decide(&[], &[], &docs, &dups, feats)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crosscheck_core::{Alignment, Lang};

    use super::*;

    fn article(id: &str, date: Option<&str>, text: &str) -> Article {
        Article {
            id: DocId::from(id),
            source: format!("{id}.txt"),
            url: None,
            outlet: None,
            title: None,
            author: None,
            published: date.and_then(|d| d.parse().ok()),
            published_month: None,
            language: Lang::EN,
            text: text.to_string(),
            removed: Vec::new(),
            alignment: Alignment::identity(text.len()),
            raw: Arc::from(text),
        }
    }

    const TUNNEL: [&str; 3] = [
        "Engineers in Kestrel Bay closed the Harlow tunnel on Tuesday after water flooded the \
         northern entrance, the transport office of Kestrel Bay said.",
        "Divers from Kestrel Bay inspected the flooded Harlow tunnel on Wednesday and found the \
         northern pumps had failed, officials in Kestrel Bay said.",
        "The Harlow tunnel in Kestrel Bay will stay closed for a month while the flooded pumps \
         are replaced, the transport office of Kestrel Bay said.",
    ];
    const BANK: &str = "The Orvel central bank cut its main rate to 2.5 percent, Governor Imre \
                        Tasz told reporters in Orvel.";

    #[test]
    fn batch_stories_are_named_after_their_earliest_article() {
        let p = Placer::new(&PipelineConfig::default()).unwrap();
        let new = [
            article("b", Some("2025-03-04"), TUNNEL[1]),
            article("a", Some("2025-03-03"), TUNNEL[0]),
            article("c", None, BANK),
        ];
        let out = p.place(&[], &new);
        let ids = out.story_ids(&[]);
        assert_eq!(ids[0], ids[1]);
        assert_ne!(ids[0], ids[2]);
        assert_eq!(ids[0], story_id(&DocId::from("a")), "the earliest article founds it");
        assert_eq!(ids[2], story_id(&DocId::from("c")));
        assert!(out.merges.is_empty());
    }

    #[test]
    fn new_articles_join_known_stories_and_copies_follow_their_original() {
        let p = Placer::new(&PipelineConfig::default()).unwrap();
        let tunnel = [article("a", None, TUNNEL[0]), article("b", None, TUNNEL[1])];
        let bank = [article("k", None, BANK)];
        let known = [KnownStory::new("s-tunnel", &tunnel), KnownStory::new("s-bank", &bank)];
        let copy = format!("{BANK} Subscribe to our newsletter.");
        let new = [article("c", None, TUNNEL[2]), article("k2", None, &copy)];
        let out = p.place(&known, &new);
        assert_eq!(out.placed[0].home, Home::Known(0));
        assert_eq!(out.placed[1].home, Home::Known(1));
        assert_eq!(out.placed[1].duplicate_of, Some(DocId::from("k")));
        assert_eq!(out.story_ids(&known), ["s-tunnel", "s-bank"]);
    }

    #[test]
    fn a_batch_read_a_chunk_at_a_time_is_placed_as_all_at_once() {
        let p = Placer::new(&PipelineConfig::default()).unwrap();
        let copy = format!("{} Subscribe to our newsletter.", TUNNEL[0]);
        let new = [
            article("t1", Some("2025-03-04"), TUNNEL[1]),
            article("b", None, BANK),
            article("t0", Some("2025-03-03"), TUNNEL[0]),
            article("t0-copy", Some("2025-03-05"), &copy),
            article("t2", None, TUNNEL[2]),
        ];
        let whole = p.place(&[], &new);
        assert_eq!(whole.placed[3].duplicate_of, Some(DocId::from("t0")));
        for size in 1..=new.len() {
            let mut batch = p.batch();
            for chunk in new.chunks(size) {
                batch.add(chunk);
            }
            assert_eq!(batch.len(), new.len());
            assert_eq!(batch.finish(), whole, "chunks of {size}");
        }
    }

    #[test]
    fn an_article_that_bridges_two_known_stories_merges_them() {
        let p = Placer::new(&PipelineConfig::default()).unwrap();
        // One story known twice (as two ids), as happens when its first reports were placed
        // apart: the next report brings them together.
        let one = [article("a", None, TUNNEL[0])];
        let two = [article("b", None, TUNNEL[1])];
        let known = [KnownStory::new("s1", &one), KnownStory::new("s2", &two)];
        let out = p.place(&known, &[article("c", None, TUNNEL[2])]);
        assert_eq!(out.merges, vec![vec![0, 1]]);
        assert_eq!(out.placed[0].home, Home::Known(0));
    }
}
