//! The fused story: what [`Fuser::fuse`](crate::Fuser::fuse) returns.
//!
//! These types serialise to the `crosscheck.story/1` JSON schema (documented in
//! `crosscheck_report::json`, and as a JSON Schema in `docs/schema/crosscheck.story-1.json`).
//! Every statement is a verbatim rendering of a source, given as a [`SourceSpan`] whose `start`
//! and `end` slice the article's raw content to exactly its `text`.

use std::fmt;

use crosscheck_core::{Article, Date, DocId, Lang, Span};
use serde::{Deserialize, Serialize};

/// One story, fused.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FusedStory {
    /// A stable id: the cluster's, or derived from the article ids.
    pub id: String,
    /// A headline: one of the articles' titles, or the best-supported claim.
    pub headline: String,
    /// The story's articles, in input order.
    pub articles: Vec<ArticleInfo>,
    /// Named entities with every spelling the articles use.
    pub entities: Vec<Entity>,
    /// Statements aligned across articles, best supported first.
    pub claims: Vec<Claim>,
    /// Direct quotes with their speakers (filled by the quotes stage).
    pub quotes: Vec<Quote>,
    /// Contradictions between articles (filled by the conflicts stage).
    pub conflicts: Vec<Conflict>,
    /// Dated events, sorted (filled by the timeline stage).
    pub timeline: Vec<TimelineEntry>,
}

impl FusedStory {
    /// Every span of the story, in field order.
    pub fn spans(&self) -> impl Iterator<Item = &SourceSpan> {
        let mentions = self.entities.iter().flat_map(|e| &e.mentions);
        let claims = self.claims.iter().flat_map(|c| &c.renderings);
        let quotes = self.quotes.iter().flat_map(|q| &q.renderings);
        let conflicts =
            self.conflicts.iter().flat_map(|k| k.sides.iter().flat_map(|side| &side.evidence));
        let timeline = self.timeline.iter().flat_map(|t| &t.evidence);
        mentions.chain(claims).chain(quotes).chain(conflicts).chain(timeline)
    }

    /// The number of distinct reports: articles that are not a duplicate of another.
    pub fn distinct_articles(&self) -> usize {
        self.articles.iter().filter(|a| a.duplicate_of.is_none()).count()
    }
}

/// An article of the story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleInfo {
    /// The id ingest gave it.
    pub id: DocId,
    /// The publishing outlet.
    pub outlet: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The publication date.
    pub published: Option<Date>,
    /// The language.
    pub language: Lang,
    /// Lines removed as page chrome.
    pub removed: Vec<String>,
    /// The article this one is a near-copy of, if any.
    pub duplicate_of: Option<DocId>,
}

impl ArticleInfo {
    /// The metadata of `article`.
    pub fn new(article: &Article, duplicate_of: Option<DocId>) -> ArticleInfo {
        ArticleInfo {
            id: article.id.clone(),
            outlet: article.outlet.clone(),
            title: article.title.clone(),
            published: article.published,
            language: article.language,
            removed: article.removed.clone(),
            duplicate_of,
        }
    }
}

/// A piece of an article's raw content: `raw[start..end] == text`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SourceSpan {
    /// The article id.
    pub article: DocId,
    /// The raw text the span covers.
    pub text: String,
    /// The first byte in the raw content.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl SourceSpan {
    /// The span of `article`'s raw content that `text_span` (a span of [`Article::text`]) came
    /// from, or `None` when it maps to no raw byte.
    pub fn from_text(article: &Article, text_span: Span) -> Option<SourceSpan> {
        let raw = article.alignment.to_raw(text_span)?;
        let text = raw.slice(&article.raw)?;
        Some(SourceSpan {
            article: article.id.clone(),
            text: text.to_string(),
            start: raw.start,
            end: raw.end,
        })
    }

    /// The raw span.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organisation: a company, agency, party, outlet.
    Org,
    /// A place: a country, city, region, bridge, river.
    Place,
    /// Anything else with a name (a ship, an event, a product).
    Other,
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            EntityKind::Person => "person",
            EntityKind::Org => "org",
            EntityKind::Place => "place",
            EntityKind::Other => "other",
        })
    }
}

/// A named entity and every way the articles write it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Its fullest, most used name.
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// The distinct surface forms, titles stripped, most used first.
    pub variants: Vec<String>,
    /// The articles that mention it, in story order.
    pub articles: Vec<DocId>,
    /// Every mention.
    pub mentions: Vec<SourceSpan>,
    /// Role and title words seen with it (`mayor`, `minister`); an extra field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
}

/// How widely a claim is carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum ClaimStatus {
    /// Every distinct report of a story of two or more carries it.
    Consensus,
    /// More than half of the distinct reports, but not all.
    Majority,
    /// One distinct report (its copies aside).
    Single,
    /// It carries one side of a conflict.
    Disputed,
    /// More than one distinct report, but no more than half: `support` says how many.
    Several,
}

impl ClaimStatus {
    /// The status of a claim carried by `support` of the story's `distinct` reports:
    /// `majority` only for more than half of them.
    pub fn of_support(support: usize, distinct: usize) -> ClaimStatus {
        if support <= 1 {
            ClaimStatus::Single
        } else if support >= distinct {
            ClaimStatus::Consensus
        } else if 2 * support > distinct {
            ClaimStatus::Majority
        } else {
            ClaimStatus::Several
        }
    }
}

impl fmt::Display for ClaimStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ClaimStatus::Consensus => "consensus",
            ClaimStatus::Majority => "majority",
            ClaimStatus::Single => "single",
            ClaimStatus::Disputed => "disputed",
            ClaimStatus::Several => "several",
        })
    }
}

/// One statement and the sentences that make it in each article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    /// One of its renderings, as extracted text.
    pub text: String,
    /// How widely it is carried.
    pub status: ClaimStatus,
    /// The articles that carry it, in story order.
    pub articles: Vec<DocId>,
    /// One sentence per article.
    pub renderings: Vec<SourceSpan>,
    /// The number of distinct reports that carry it (duplicates counted once); an extra field.
    pub support: u32,
}

/// A direct quote and each article's wording of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Who said it, as named by the articles (an entity name, or an anonymous source as
    /// written), or `None` when no article says.
    pub speaker: Option<String>,
    /// Each article's wording: the quoted words without their marks, one span per article.
    pub renderings: Vec<SourceSpan>,
    /// The articles that carry it, in story order; an extra field.
    #[serde(default)]
    pub articles: Vec<DocId>,
    /// The speaker's role or title as written with the name (`Mayor`, `Infrastructure
    /// Minister`); an extra field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Whether the speaker is an unnamed source kept as written (`a senior official`); an extra
    /// field.
    #[serde(default)]
    pub anonymous: bool,
    /// Where each article names the speaker (the name, or the pronoun resolved to it), in
    /// rendering order; an extra field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributions: Vec<SourceSpan>,
}

/// What a conflict is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum ConflictKind {
    /// Different numbers for one quantity.
    Number,
    /// Different dates for one event.
    Date,
    /// Different names for one role or thing.
    Name,
    /// Different roles for one person, or one role given to different people.
    Role,
    /// One quote given to different speakers.
    Attribution,
    /// Different places for one event.
    Place,
    /// Any other alternative values.
    Other,
    /// One figure reported with different values as it moved (a rising toll, a share price
    /// quoted before the open and at the close); sides in publication order where known.
    Evolving,
}

impl fmt::Display for ConflictKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ConflictKind::Number => "number",
            ConflictKind::Date => "date",
            ConflictKind::Name => "name",
            ConflictKind::Role => "role",
            ConflictKind::Attribution => "attribution",
            ConflictKind::Place => "place",
            ConflictKind::Other => "other",
            ConflictKind::Evolving => "evolving",
        })
    }
}

/// A contradiction between articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// What differs.
    pub kind: ConflictKind,
    /// What it is about, in a few words.
    pub topic: String,
    /// The competing values, each with its articles and evidence.
    pub sides: Vec<ConflictSide>,
}

/// One side of a [`Conflict`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictSide {
    /// The value this side gives.
    pub value: String,
    /// The articles that give it.
    pub articles: Vec<DocId>,
    /// Where they give it.
    pub evidence: Vec<SourceSpan>,
}

/// A dated event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY-MM-DD/YYYY-MM-DD`.
    pub date: String,
    /// Whether the date was resolved against the story's date because the article has none.
    pub inferred: bool,
    /// What happened: the sentence that dates it.
    pub text: String,
    /// The articles that date it so.
    pub articles: Vec<DocId>,
    /// The date expressions.
    pub evidence: Vec<SourceSpan>,
}
