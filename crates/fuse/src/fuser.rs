use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::collections::BTreeSet;

use crosscheck_core::{Article, DocId, StoryReuse};

use crate::FuseError;
use crate::analysis::events::Lexicon;
use crate::analysis::words::fold;
use crate::analysis::{Context, Doc};
use crate::claims::{self, ClaimGroup};
use crate::facts::FactTable;
use crate::quotes::attribution;
use crate::reduce::Reduction;
use crate::story::{ArticleInfo, Claim, ClaimStatus, Entity, FusedStory, SourceSpan};
use crate::timeline::{Dated, chronology};
use crate::trace::Builder;
use crate::{conflicts, entities, origins};

/// Fuses the articles of one story into a [`FusedStory`].
pub trait Fuser: Send + Sync {
    /// Fuses one story.
    fn fuse(&self, story: &StoryInput<'_>) -> Result<FusedStory, FuseError>;
}

/// The articles of one story, with what dedup found.
#[derive(Debug, Clone, Default)]
pub struct StoryInput<'a> {
    id: Option<String>,
    articles: Vec<&'a Article>,
    duplicate_of: Vec<Option<DocId>>,
    reuse: Option<StoryReuse>,
}

impl<'a> StoryInput<'a> {
    /// A story of `articles`, in the order they should be reported.
    pub fn new(articles: impl IntoIterator<Item = &'a Article>) -> StoryInput<'a> {
        let articles: Vec<&Article> = articles.into_iter().collect();
        let duplicate_of = vec![None; articles.len()];
        StoryInput { id: None, articles, duplicate_of, reuse: None }
    }

    /// Sets the story id.
    ///
    /// By default, an id is derived from the article ids (`story-` and 16 hex digits).
    pub fn id(&mut self, id: impl Into<String>) -> &mut StoryInput<'a> {
        self.id = Some(id.into());
        self
    }

    /// Marks `article` as a near-copy of `of`: it is listed, but counted once with `of`; when
    /// it has `of`'s language and date (or one of the two is undated) and little text of its
    /// own, its sentences that `of` holds word for word are read once (see
    /// [`FuserBuilder::collapse_near_copies`]).
    ///
    /// By default, no article is a duplicate. Unknown ids are ignored.
    pub fn duplicate(&mut self, article: &DocId, of: DocId) -> &mut StoryInput<'a> {
        if let Some(i) = self.articles.iter().position(|a| &a.id == article) {
            self.duplicate_of[i] = Some(of);
        }
        self
    }

    /// Sets the text reuse found among the articles (dedup's `ReuseDetector`): claims, quotes
    /// and conflict sides then count independent origins, copies of one passage once, and the
    /// fused story carries it.
    ///
    /// By default, none: origins are the distinct reports.
    pub fn reuse(&mut self, reuse: StoryReuse) -> &mut StoryInput<'a> {
        self.reuse = Some(reuse);
        self
    }

    /// The articles.
    pub fn articles(&self) -> &[&'a Article] {
        &self.articles
    }
}

/// Builds a [`StoryFuser`].
#[derive(Debug, Clone)]
pub struct FuserBuilder {
    claim_threshold: f32,
    max_articles: usize,
    near_copies: bool,
}

/// The default article budget: see [`FuserBuilder::max_articles`].
const DEFAULT_MAX_ARTICLES: usize = 5_000;

impl Default for FuserBuilder {
    fn default() -> FuserBuilder {
        FuserBuilder { claim_threshold: 0.3, max_articles: DEFAULT_MAX_ARTICLES, near_copies: true }
    }
}

impl FuserBuilder {
    /// A builder with the defaults.
    pub fn new() -> FuserBuilder {
        FuserBuilder::default()
    }

    /// The weighted-cosine similarity from which two sentences of different articles are taken
    /// to state the same claim, in `(0, 1]`.
    ///
    /// By default, 0.3.
    pub fn claim_threshold(&mut self, t: f32) -> &mut FuserBuilder {
        self.claim_threshold = t;
        self
    }

    /// The most distinct articles (exact copies counted once) a story is fused from. A larger
    /// story is fused from an evenly spaced sample of that many, in story order, and its
    /// report's [`FusedStory::sampled`] says so; every article stays listed.
    ///
    /// By default, 5,000 (a 2,000-article story fuses in well under a gigabyte).
    pub fn max_articles(&mut self, n: usize) -> &mut FuserBuilder {
        self.max_articles = n;
        self
    }

    /// Whether near-copies (articles dedup marked as duplicates, with the same language and
    /// date as the article they copy, or one of the two undated) are read once: their
    /// sentences that the article they copy holds word for word are cited at their own offsets
    /// wherever that article's are, and only their other sentences are analysed (see the
    /// `reduce::near` heuristic). When
    /// unset, every near-copy is analysed in full. Either way a near-copy counts once with the
    /// article it copies.
    ///
    /// By default, true.
    pub fn collapse_near_copies(&mut self, yes: bool) -> &mut FuserBuilder {
        self.near_copies = yes;
        self
    }

    /// The configured fuser.
    pub fn build(&self) -> Result<StoryFuser, FuseError> {
        let t = self.claim_threshold;
        if !(t > 0.0 && t <= 1.0) {
            return Err(FuseError::InvalidThreshold { value: t });
        }
        if self.max_articles == 0 {
            return Err(FuseError::InvalidBudget);
        }
        Ok(StoryFuser {
            claim_threshold: t,
            max_articles: self.max_articles,
            near_copies: self.near_copies,
        })
    }
}

/// The rule-based fuser: entities, claims, quotes, conflicts and a timeline.
/// Reusable, `Send + Sync`.
#[derive(Debug, Clone)]
pub struct StoryFuser {
    claim_threshold: f32,
    max_articles: usize,
    near_copies: bool,
}

impl Default for StoryFuser {
    fn default() -> StoryFuser {
        let b = FuserBuilder::default();
        StoryFuser {
            claim_threshold: b.claim_threshold,
            max_articles: b.max_articles,
            near_copies: b.near_copies,
        }
    }
}

impl Fuser for StoryFuser {
    fn fuse(&self, story: &StoryInput<'_>) -> Result<FusedStory, FuseError> {
        if story.articles.is_empty() {
            return Err(FuseError::EmptyStory {
                story: story.id.clone().unwrap_or_else(|| "-".into()),
            });
        }
        // Exact copies and near-copies are read once and a story over the budget is sampled:
        // `docs` are the kept articles and the near-copies' residuals, in story order
        // (`doc_at` their story indexes); `canon` indexes into them.
        let full_canon = canonical(story);
        let reduction =
            Reduction::new(&story.articles, &full_canon, self.max_articles, self.near_copies);
        let weights = reduction.weights();
        // Each doc's story index, its article and, for a kept article, its weight (`None` for
        // a residual).
        let mut order: Vec<(usize, &Article, Option<usize>)> = reduction
            .kept
            .iter()
            .zip(&weights)
            .map(|(&i, &w)| (i, story.articles[i], Some(w)))
            .chain(
                reduction
                    .near
                    .iter()
                    .flatten()
                    .filter_map(|n| n.residual.as_ref().map(|r| (n.index, r, None))),
            )
            .collect();
        order.sort_by_key(|x| x.0);
        let doc_at: Vec<usize> = order.iter().map(|x| x.0).collect();
        // Per kept article (story index), its doc.
        let slot: HashMap<usize, usize> = order
            .iter()
            .enumerate()
            .filter(|(_, x)| x.2.is_some())
            .map(|(k, x)| (x.0, k))
            .collect();
        let canon: Vec<usize> = doc_at
            .iter()
            .enumerate()
            .map(|(k, &i)| {
                reduction.read_as[full_canon[i]].and_then(|r| slot.get(&r).copied()).unwrap_or(k)
            })
            .collect();
        let docs: Vec<Doc<'_>> = order.iter().map(|x| Doc::new(x.1)).collect();
        // A residual weighs nothing: its near-copy is counted with its kept article.
        let weight: Vec<usize> = order.iter().map(|x| x.2.unwrap_or(0)).collect();
        let entities = entities::find(&docs);
        let ctx = Context { docs, canon, entities };
        // Quotes and dates first: a sentence that is mostly a quotation is no claim, and claims
        // compare resolved dates.
        let speakers = attribution::SpeakerIndex::new(&ctx);
        let quotes = attribution::find(&ctx, &speakers);
        let lexicon = Lexicon::new(&ctx.docs, &ctx.entities);
        let dated = chronology::find(&ctx, &lexicon);
        let facts = FactTable::new(&ctx);
        let groups =
            claims::align(&ctx.docs, &ctx.entities, &dated, &quotes.mentions, self.claim_threshold);
        // Per story article, the article it counts as: its kept article's, else what dedup said.
        let roots: Vec<usize> = (0..story.articles.len())
            .map(|i| match reduction.read_as[i].and_then(|r| slot.get(&r)) {
                Some(&k) => doc_at[ctx.canon[k]],
                None => full_canon[i],
            })
            .collect();
        let articles: Vec<ArticleInfo> = story
            .articles
            .iter()
            .zip(&roots)
            .enumerate()
            .map(|(i, (a, &root))| {
                ArticleInfo::new(a, (root != i).then(|| story.articles[root].id.clone()))
            })
            .collect();
        let mut fused = FusedStory {
            id: story.id.clone().unwrap_or_else(|| derived_id(&story.articles)),
            headline: String::new(),
            articles,
            entities: entity_output(&ctx),
            claims: claim_output(&ctx, &groups, &facts, &dated),
            quotes: Vec::new(),
            conflicts: Vec::new(),
            timeline: Vec::new(),
            sampled: reduction.sampled.clone(),
            reuse: None,
        };
        // Quotes, conflicts and the timeline read `ctx` (articles, words, sentences, merged
        // entities); `mark_disputed` then flags the claims that carry a side of a conflict.
        fused.quotes = attribution::output(&ctx, &quotes, &speakers);
        fused.timeline = chronology::output(&ctx, &dated);
        fused.conflicts = conflicts::find(&ctx, &dated, &lexicon, &quotes, &speakers, &facts);
        reduction.expand(&mut fused, &story.articles);
        // Origins are counted over the whole story (copies expanded), each article counting as
        // its root and only the articles read taking part.
        let read: Vec<bool> = reduction.read_as.iter().map(Option::is_some).collect();
        origins::annotate(&mut fused, &story.articles, &roots, &read, story.reuse.as_ref());
        mark_disputed(&mut fused);
        fused.headline = headline(&ctx, &fused, &weight);
        Ok(fused)
    }
}

/// For each article, the index of the article it counts as.
fn canonical(story: &StoryInput<'_>) -> Vec<usize> {
    let index: HashMap<&DocId, usize> =
        story.articles.iter().enumerate().map(|(i, a)| (&a.id, i)).collect();
    (0..story.articles.len())
        .map(|i| {
            // Follow duplicate links within the story, guarding against cycles.
            let mut cur = i;
            let mut seen = HashSet::new();
            while let Some(Some(of)) = story.duplicate_of.get(cur) {
                match index.get(of) {
                    Some(&next) if seen.insert(cur) && next != cur => cur = next,
                    _ => break,
                }
            }
            cur
        })
        .collect()
}

/// `story-` and the FNV-1a hash of the sorted article ids.
fn derived_id(articles: &[&Article]) -> String {
    let mut ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    ids.sort_unstable();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for id in ids {
        for b in id.bytes().chain(std::iter::once(b'\n')) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("story-{h:016x}")
}

fn entity_output(ctx: &Context<'_>) -> Vec<Entity> {
    let table = &ctx.entities;
    let mut out: Vec<Entity> = table
        .entities
        .iter()
        .map(|e| Entity {
            name: e.name.clone(),
            kind: e.kind,
            variants: e.variants.iter().map(|v| v.0.clone()).collect(),
            articles: Vec::new(),
            mentions: Vec::new(),
            roles: e.roles.clone(),
        })
        .collect();
    for (di, d) in ctx.docs.iter().enumerate() {
        for m in &table.mentions[di] {
            let Some(span) = SourceSpan::from_text(d.article, m.span) else { continue };
            let e = &mut out[m.entity as usize];
            if e.articles.last() != Some(&d.article.id) {
                e.articles.push(d.article.id.clone());
            }
            e.mentions.push(span);
        }
    }
    out.retain(|e| !e.mentions.is_empty());
    out
}

fn claim_output(
    ctx: &Context<'_>,
    groups: &[ClaimGroup],
    facts: &FactTable,
    dated: &[Dated],
) -> Vec<Claim> {
    let distinct = ctx.canon.iter().enumerate().filter(|(i, c)| i == *c).count();
    let mut out: Vec<(Claim, (usize, usize), Builder)> = Vec::new();
    for g in groups {
        let mut renderings = Vec::new();
        let mut articles = Vec::new();
        let mut support = BTreeSet::new();
        for (&(di, _), &text_span) in g.members.iter().zip(&g.spans) {
            let d = &ctx.docs[di];
            let Some(span) = SourceSpan::from_text(d.article, text_span) else { continue };
            renderings.push(span);
            articles.push(d.article.id.clone());
            support.insert(ctx.canon[di]);
        }
        if renderings.is_empty() {
            continue;
        }
        // A claim grown from a clause reads as the clause's sentence, the clause its fact (when
        // narrower than the sentence: an aside split off leaves the sentence as a clause too).
        let fact = g.fact.and_then(|(k, f)| {
            let (fd, fs) = g.members[k];
            let d = &ctx.docs[fd];
            let sentence = d.sents[fs].span;
            let fact = SourceSpan::from_text(d.article, f).filter(|_| f != sentence)?;
            Some((d.text(sentence).to_string(), fact))
        });
        let (text, fact) = match fact {
            Some((text, fact)) => (text, Some(fact)),
            None => (ctx.docs[g.members[g.central].0].text(g.spans[g.central]).to_string(), None),
        };
        let n = support.len();
        let status = ClaimStatus::of_support(n, distinct);
        let builder = if g.fact.is_some() {
            Builder::Clause
        } else if g.members.iter().zip(&g.spans).any(|(m, s)| ctx.docs[m.0].sents[m.1].span != *s) {
            Builder::Attached
        } else {
            Builder::Sentence
        };
        let claim = Claim {
            text,
            status,
            articles,
            renderings,
            support: n as u32,
            outlets: None,
            origins: None,
            first_seen: None,
            fact,
        };
        out.push((claim, g.members[0], builder));
    }
    // One claim per agreed value of a quantity (a sentence with several facts supports
    // several claims), then one per phrase that outlets share.
    for (i, c) in facts.claims(ctx).into_iter().enumerate() {
        out.push((c, (usize::MAX - 1, i), Builder::Slot));
    }
    // Then one per distinctive number, only where no claim of the same outlets already renders
    // one of its sentences: the same outlets writing the number in other sentences state
    // another fact (two outlets that agree on one fact elsewhere and also give `48 hours`).
    let mut taken = crate::facts::phrases::Taken::default();
    for c in &out {
        taken.insert(&c.0);
    }
    for (i, c) in facts.figure_claims(ctx).into_iter().enumerate() {
        if taken.insert(&c) {
            out.push((c, (usize::MAX - 1, usize::MAX / 2 + i), Builder::Figure));
        }
    }
    // One per event that outlets date to one day (`unveiled … on Sunday`).
    // (One that repeats another's renderings is folded into it below.)
    for (i, c) in crate::facts::dated::claims(ctx, dated).into_iter().enumerate() {
        out.push((c, (usize::MAX - 1, usize::MAX / 4 + i), Builder::Dated));
    }
    let phrases = crate::facts::phrases::claims(ctx, out.iter().map(|c| &c.0));
    for (i, (c, builder)) in phrases.into_iter().enumerate() {
        out.push((c, (usize::MAX, i), builder));
    }
    out.sort_by(|a, b| b.0.support.cmp(&a.0.support).then(a.1.cmp(&b.1)));
    // A claim whose renderings are exactly another's (a clause claim that came out whole as a
    // sentence claim, one fact read by two readers) says nothing the first does not.
    let mut seen: HashSet<Vec<(&DocId, u32, u32)>> = HashSet::new();
    let keep: Vec<bool> = out
        .iter()
        .map(|c| seen.insert(c.0.renderings.iter().map(|r| (&r.article, r.start, r.end)).collect()))
        .collect();
    drop(seen);
    let kept = out
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(c, _)| {
            crate::trace::note(c.2, &c.0);
            c.0
        })
        .collect();
    // Per article id, its doc's place in story order and the report it counts as.
    let mut at: HashMap<&DocId, (usize, usize)> = HashMap::new();
    for (di, d) in ctx.docs.iter().enumerate() {
        at.entry(&d.article.id).or_insert((di, ctx.canon[di]));
    }
    fold_repeats(kept, &at, distinct)
}

/// Folds claims of the same text and the same fact into the first of them.
///
/// ## What it does
///
/// Claims are made by several readers (sentence alignment, clauses, fact slots, figures, dated
/// events, shared phrases and terms), and one sentence can carry several of their claims. Two
/// claims whose `text` is the same sentence and whose facts are the same words (or that both
/// are the whole sentence) say the same thing: the later one's renderings join the first
/// (one per article, the first claim's kept where both have one, in story order), and its
/// support is counted again over the articles united (copies once).
///
/// ## Why
///
/// A reader of the report sees each statement once, with every outlet that carries it, rather
/// than the same sentence about the same fact with slightly different outlet lists.
///
/// ## Example
///
/// Two figure claims of `The council paid $4 million for 12 buses.`, one for `$4 million`
/// and one for `12 buses`, stay apart; a fact-slot claim and a figure claim that both read
/// `12 buses` in it are one.
///
/// ## Limitations
///
/// Facts are compared by their words, so the same fact worded differently in one sentence
/// (`twelve buses`, `12 buses`) is two claims, and so is a fact whose claims took their text
/// from different outlets.
///
/// `at` gives each article's place in story order and the report it counts as.
fn fold_repeats(
    claims: Vec<Claim>,
    at: &HashMap<&DocId, (usize, usize)>,
    distinct: usize,
) -> Vec<Claim> {
    let mut first: HashMap<(String, Option<String>), usize> = HashMap::new();
    let mut out: Vec<Claim> = Vec::with_capacity(claims.len());
    for c in claims {
        let key = (c.text.clone(), c.fact.as_ref().map(|f| f.text.clone()));
        let Some(&k) = first.get(&key) else {
            first.insert(key, out.len());
            out.push(c);
            continue;
        };
        let into = &mut out[k];
        let mut pairs: Vec<(DocId, SourceSpan)> =
            into.articles.drain(..).zip(into.renderings.drain(..)).collect();
        let held: HashSet<DocId> = pairs.iter().map(|p| p.0.clone()).collect();
        pairs.extend(c.articles.into_iter().zip(c.renderings).filter(|p| !held.contains(&p.0)));
        pairs.sort_by_key(|p| at.get(&p.0).map_or(usize::MAX, |x| x.0));
        let reports: BTreeSet<usize> =
            pairs.iter().filter_map(|p| at.get(&p.0)).map(|x| x.1).collect();
        let n = reports.len().max(into.support.max(c.support) as usize);
        into.support = u32::try_from(n).unwrap_or(u32::MAX);
        into.status = ClaimStatus::of_support(n, distinct);
        for (id, r) in pairs {
            into.articles.push(id);
            into.renderings.push(r);
        }
    }
    out
}

/// Marks as disputed every claim one of whose renderings holds a conflict's evidence.
pub(crate) fn mark_disputed(story: &mut FusedStory) {
    // Evidence by article, so a rendering is compared with its own article's spans only
    // (a big story has hundreds of thousands of renderings).
    let mut evidence: HashMap<&DocId, Vec<&SourceSpan>> = HashMap::new();
    for e in story.conflicts.iter().flat_map(|c| c.sides.iter().flat_map(|s| &s.evidence)) {
        evidence.entry(&e.article).or_default().push(e);
    }
    if evidence.is_empty() {
        return;
    }
    for claim in &mut story.claims {
        let hit = claim.renderings.iter().any(|r| {
            evidence
                .get(&r.article)
                .is_some_and(|es| es.iter().any(|e| r.start <= e.start && e.end <= r.end))
        });
        if hit {
            claim.status = ClaimStatus::Disputed;
        }
    }
}

/// The title that shares the most words with the other articles (an exact copy counting as
/// the `weight` articles it stands for), else the best claim.
fn headline(ctx: &Context<'_>, story: &FusedStory, weight: &[usize]) -> String {
    let vocab: Vec<HashSet<&str>> =
        ctx.docs.iter().map(|d| d.words.iter().map(|w| w.key.as_str()).collect()).collect();
    // How many articles hold each word, a copy counting as the `weight` articles it stands for:
    // one pass, not one per title word and article.
    let mut held: HashMap<&str, usize> = HashMap::new();
    for (v, &w) in vocab.iter().zip(weight) {
        for &word in v {
            *held.entry(word).or_default() += w;
        }
    }
    let mut best: Option<(usize, &str)> = None;
    for (i, d) in ctx.reports() {
        let Some(title) = d.article.title.as_deref().filter(|t| !t.trim().is_empty()) else {
            continue;
        };
        let words: HashSet<String> =
            fold(title).split(' ').filter(|w| w.len() > 3).map(str::to_string).collect();
        // The other articles holding each word (the title's own article counting its copies).
        let score: usize = words
            .iter()
            .map(|w| {
                let own = usize::from(vocab[i].contains(w.as_str()));
                held.get(w.as_str()).copied().unwrap_or(0) - own
            })
            .sum();
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, title.trim()));
        }
    }
    match best {
        Some((_, t)) => t.to_string(),
        None => {
            story.claims.first().map_or_else(|| "untitled story".to_string(), |c| c.text.clone())
        }
    }
}

#[cfg(test)]
mod tests {
    use crosscheck_core::Lang;

    use super::*;

    fn article(id: &str, text: &str) -> Article {
        Article { language: Lang::EN, ..Article::from_text(id, text) }
    }

    #[test]
    fn empty_story_is_an_error() {
        let err = StoryFuser::default().fuse(&StoryInput::default()).unwrap_err();
        assert_eq!(err.to_string(), "story - has no article to fuse");
        assert!(FuserBuilder::new().claim_threshold(0.0).build().is_err());
    }

    #[test]
    fn duplicates_count_once_and_cycles_end() {
        let text =
            "The council approved the new budget of 12 million on Monday after a long debate.";
        let (a, b, c) = (
            article("a", text),
            article("b", text),
            article("c", "Rain fell all week in the hills, the weather office said."),
        );
        let mut input = StoryInput::new([&a, &b, &c]);
        input.duplicate(&"b".into(), "a".into()).duplicate(&"a".into(), "b".into());
        let story = StoryFuser::default().fuse(&input).unwrap();
        let budget = story.claims.iter().find(|c| c.text.contains("budget")).unwrap();
        assert_eq!(budget.articles.len(), 2);
        assert!(budget.support <= 2);
        let ids: Vec<&str> = story.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert!(story.id.starts_with("story-"));
    }

    #[test]
    fn exact_copies_are_read_once_and_cited_everywhere() {
        let text = "The council approved the new budget of 12 million on Monday after a long debate.\n\nMayor Ilvar Orlanko said \"the vote was close\" after the session.";
        let other = "Rain fell all week in the hills and the council budget of 12 million was approved on Monday, the weather office said.";
        let (a, b, c) = (article("a", text), article("b", other), article("c", text));
        let alone = StoryFuser::default().fuse(&StoryInput::new([&a, &b])).unwrap();
        let story = StoryFuser::default().fuse(&StoryInput::new([&a, &b, &c])).unwrap();
        assert_eq!(story.articles[2].duplicate_of.as_ref().map(DocId::as_str), Some("a"));
        assert_eq!(story.claims.len(), alone.claims.len());
        for (with, without) in story.claims.iter().zip(&alone.claims) {
            assert_eq!((&with.text, with.support), (&without.text, without.support));
            let from_a: Vec<_> = with.renderings.iter().filter(|r| r.article == a.id).collect();
            let from_c: Vec<_> = with.renderings.iter().filter(|r| r.article == c.id).collect();
            assert_eq!(from_a.len(), from_c.len(), "{}", with.text);
            for (x, y) in from_a.iter().zip(&from_c) {
                assert_eq!((x.start, x.end, &x.text), (y.start, y.end, &y.text));
            }
            let ids: Vec<&str> = with.articles.iter().map(DocId::as_str).collect();
            let mut sorted = ids.clone();
            sorted.sort_unstable();
            assert_eq!(ids, sorted, "renderings stay in story order");
        }
        assert!(story.entities.iter().any(|e| e.articles.contains(&c.id)));
        assert!(
            story.quotes.iter().all(|q| q.articles.contains(&a.id) == q.articles.contains(&c.id))
        );
        assert!(story.sampled.is_none());
    }

    #[test]
    fn a_story_over_the_budget_is_sampled_and_says_so() {
        let arts: Vec<Article> = (0..5)
            .map(|i| {
                article(
                    &format!("r{i}"),
                    &format!("The ferry to Korvel carried {} passengers on Monday, the harbour office said.", 10 + i),
                )
            })
            .collect();
        let copy = Article { id: "r0-copy".into(), ..arts[0].clone() };
        let mut all: Vec<&Article> = arts.iter().collect();
        all.push(&copy);
        let fuser = FuserBuilder::new().max_articles(2).build().unwrap();
        let story = fuser.fuse(&StoryInput::new(all)).unwrap();
        let sample = story.sampled.clone().expect("sampled");
        // Every third of the five distinct articles: r0 (with its copy) and r3.
        assert_eq!((sample.articles_used, sample.articles_total), (3, 6));
        assert!(sample.rule.starts_with("one in every 3 distinct articles"), "{}", sample.rule);
        assert_eq!(story.articles.len(), 6);
        let cited: std::collections::BTreeSet<&str> =
            story.claims.iter().flat_map(|c| c.articles.iter().map(DocId::as_str)).collect();
        assert_eq!(cited.into_iter().collect::<Vec<_>>(), ["r0", "r0-copy", "r3"]);
        assert!(FuserBuilder::new().max_articles(0).build().is_err());
        let json = serde_json::to_string(&story).unwrap();
        assert!(json.contains("\"sampled\":{\"articles_used\":3"));
        let plain = StoryFuser::default().fuse(&StoryInput::new(&arts)).unwrap();
        assert!(!serde_json::to_string(&plain).unwrap().contains("sampled"));
    }

    fn span(article: &str, text: &str, start: u32) -> SourceSpan {
        SourceSpan {
            article: article.into(),
            text: text.into(),
            start,
            end: start + text.len() as u32,
        }
    }

    fn claim(text: &str, fact: Option<&str>, renderings: &[(&str, u32)]) -> Claim {
        Claim {
            text: text.into(),
            status: ClaimStatus::Single,
            articles: renderings.iter().map(|r| DocId::from(r.0)).collect(),
            renderings: renderings.iter().map(|&(a, at)| span(a, text, at)).collect(),
            support: renderings.len() as u32,
            outlets: None,
            origins: None,
            first_seen: None,
            fact: fact.map(|f| span(renderings[0].0, f, renderings[0].1 + 4)),
        }
    }

    #[test]
    fn claims_of_one_text_and_fact_are_folded_and_others_kept() {
        let text = "The town paid $4 million for 12 buses.";
        let claims = vec![
            claim(text, Some("12 buses"), &[("a", 0), ("b", 10)]),
            claim(text, Some("$4 million"), &[("a", 0), ("c", 20)]),
            // The same fact read by another reader, from other outlets: the same claim.
            claim(text, Some("12 buses"), &[("b", 50), ("c", 20)]),
            claim("Rain fell.", None, &[("d", 0)]),
            claim("Rain fell.", None, &[("c", 90), ("e", 0)]),
        ];
        let ids: Vec<DocId> = ["a", "b", "c", "d", "e"].map(DocId::from).to_vec();
        // `e` is a copy of `d`: it counts as `d`'s report.
        let at: HashMap<&DocId, (usize, usize)> =
            ids.iter().enumerate().map(|(i, id)| (id, (i, i.min(3)))).collect();
        let folded = fold_repeats(claims, &at, 4);
        assert_eq!(folded.len(), 3);
        let buses = &folded[0];
        let who: Vec<&str> = buses.articles.iter().map(DocId::as_str).collect();
        assert_eq!(who, ["a", "b", "c"]);
        // Where both have a rendering of one article, the first claim's is kept.
        let starts: Vec<u32> = buses.renderings.iter().map(|r| r.start).collect();
        assert_eq!(starts, [0, 10, 20]);
        assert_eq!((buses.support, buses.status), (3, ClaimStatus::Majority));
        assert_eq!(folded[1].fact.as_ref().map(|f| f.text.as_str()), Some("$4 million"));
        assert_eq!(folded[1].support, 2);
        let rain = &folded[2];
        let who: Vec<&str> = rain.articles.iter().map(DocId::as_str).collect();
        assert_eq!(who, ["c", "d", "e"]);
        // `d` and its copy `e` are one report.
        assert_eq!(rain.support, 2);
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_spans_slice_back(texts in proptest::collection::vec("[A-Za-z ,.'’\"\n0-9-]{0,160}", 1..4)) {
            let arts: Vec<Article> = texts.iter().enumerate().map(|(i, t)| article(&format!("p{i}"), t)).collect();
            let story = StoryFuser::default().fuse(&StoryInput::new(&arts)).unwrap();
            for s in story.spans() {
                let raw = &arts.iter().find(|a| a.id == s.article).unwrap().raw;
                proptest::prop_assert_eq!(raw.get(s.start as usize..s.end as usize), Some(s.text.as_str()));
            }
        }
    }
}
