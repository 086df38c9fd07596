//! The fused story: what the fuse stage makes of one story's articles, what the store keeps and
//! what every report format renders.
//!
//! # Overview
//!
//! - [`FusedStory`]: one story with its [`ArticleInfo`]s, [`Entity`]s, [`Claim`]s, [`Quote`]s,
//!   [`Conflict`]s and [`TimelineEntry`]s.
//! - [`SourceSpan`]: every statement is a verbatim rendering of a source: `start` and `end` slice
//!   the article's raw content to exactly its `text`.
//! - [`StoryDocument`]: the `crosscheck.story/1` document (`{"schema", "stories"}`), named by
//!   [`STORY_SCHEMA`] and described field by field in the report crate's `json` module.
//! - [`json_schema`]: the document's JSON Schema, generated from these types; the repository
//!   publishes it as `docs/schema/crosscheck.story-1.json`, and a test keeps that file current.
//!
//! The doc comments of the types and fields below are the descriptions of the JSON Schema, so
//! they are written for readers of the JSON as much as for readers of the Rust.
//!
//! # Example
//!
//! ```
//! use crosscheck_core::story::{FusedStory, STORY_SCHEMA, StoryDocument};
//!
//! let story = FusedStory {
//!     id: "story-1".into(),
//!     headline: "Ferry runs aground".into(),
//!     articles: vec![],
//!     entities: vec![],
//!     claims: vec![],
//!     quotes: vec![],
//!     conflicts: vec![],
//!     timeline: vec![],
//!     sampled: None,
//!     reuse: None,
//! };
//! let doc = StoryDocument::new(vec![story]);
//! let json = serde_json::to_string(&doc)?;
//! assert!(json.starts_with(&format!(r#"{{"schema":"{STORY_SCHEMA}""#)));
//! assert_eq!(serde_json::from_str::<StoryDocument>(&json)?, doc);
//! // A document of another schema is refused, not misread.
//! assert!(serde_json::from_str::<StoryDocument>(r#"{"schema":"crosscheck.story/2","stories":[]}"#).is_err());
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::fmt;

use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize};

use crate::{Article, Date, DocId, Lang, Span};

/// The schema name of a story document: the value of its `schema` field.
///
/// A change that removes or retypes a field bumps the version; fields may be added within it.
pub const STORY_SCHEMA: &str = "crosscheck.story/1";

/// The JSON Schema of [`StoryDocument`], as the documents are written (required fields are
/// those always present). Descriptions are the doc comments of the types, unwrapped.
pub fn json_schema() -> Schema {
    let settings = SchemaSettings::draft2020_12()
        .for_serialize()
        .with_transform(RecursiveTransform(unwrap_description));
    SchemaGenerator::new(settings).into_root_schema_for::<StoryDocument>()
}

/// Joins the lines of a doc comment that rustfmt's width wrapped, keeping paragraph breaks.
fn unwrap_description(schema: &mut Schema) {
    let Some(text) = schema.get("description").and_then(|d| d.as_str()) else { return };
    let unwrapped = text
        .split("\n\n")
        .map(|para| para.split('\n').map(str::trim).collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n\n");
    schema.insert("description".to_string(), unwrapped.into());
}

/// The fused reports of one or more stories, as `crosscheck fuse --format json` writes them.
/// Every span slices the article's raw input to exactly its text. Extra fields may appear;
/// readers ignore what they do not know.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = STORY_SCHEMA, extend("$id" = STORY_SCHEMA))]
pub struct StoryDocument {
    /// Always `crosscheck.story/1`; reading a document of another schema fails.
    #[serde(deserialize_with = "known_schema")]
    #[schemars(extend("const" = STORY_SCHEMA))]
    pub schema: String,
    /// The stories.
    pub stories: Vec<FusedStory>,
}

impl StoryDocument {
    /// A `crosscheck.story/1` document holding `stories`.
    pub fn new(stories: Vec<FusedStory>) -> StoryDocument {
        StoryDocument { schema: STORY_SCHEMA.to_string(), stories }
    }
}

/// Accepts only [`STORY_SCHEMA`].
fn known_schema<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let name = String::deserialize(d)?;
    if name == STORY_SCHEMA {
        Ok(name)
    } else {
        Err(serde::de::Error::custom(format_args!(
            "unknown schema {name:?}, expected {STORY_SCHEMA:?}"
        )))
    }
}

/// One story, fused.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "story")]
pub struct FusedStory {
    /// A stable id: the cluster's (or the store's), or `story-` and a hash of its article ids.
    pub id: String,
    /// A headline: one of the articles' titles (the one that shares most words with the other
    /// reports), or the best-supported claim.
    pub headline: String,
    /// The story's articles, in input order.
    pub articles: Vec<ArticleInfo>,
    /// Named entities with every spelling the articles use.
    pub entities: Vec<Entity>,
    /// Statements aligned across articles, best supported first.
    pub claims: Vec<Claim>,
    /// Direct quotes with their speakers.
    pub quotes: Vec<Quote>,
    /// Contradictions between articles.
    pub conflicts: Vec<Conflict>,
    /// Dated events, sorted.
    pub timeline: Vec<TimelineEntry>,
    /// Set when the story was larger than the fuser's budget and was fused from a sample of
    /// its articles; absent when every article was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sampled: Option<Sample>,
    /// Who copied whom: shared passages between articles, their direction, origins and wire
    /// credits; absent when reuse was not detected. Added in `crosscheck.story/1.1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reuse: Option<crate::StoryReuse>,
}

/// How a story over the fuser's budget was sampled: every article stays listed in
/// [`FusedStory::articles`], but only the sampled ones were read for entities, claims, quotes,
/// conflicts and the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Sample {
    /// The articles read (copies of a read article included).
    pub articles_used: u32,
    /// The story's articles.
    pub articles_total: u32,
    /// The sampling rule, in words.
    pub rule: String,
}

impl FusedStory {
    /// Every span of the story, in field order.
    pub fn spans(&self) -> impl Iterator<Item = &SourceSpan> {
        let mentions = self.entities.iter().flat_map(|e| &e.mentions);
        let claims = self.claims.iter().flat_map(|c| c.renderings.iter().chain(&c.fact));
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "article")]
pub struct ArticleInfo {
    /// The id ingest gave it: the file stem for files, the JSON `id` field.
    pub id: DocId,
    /// The publishing outlet.
    pub outlet: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The publication date, `YYYY-MM-DD`; since `crosscheck.story/1.1`, the month `YYYY-MM`
    /// when the input gives a month and no day (a `/2025/11/slug` permalink). A `YYYY-MM-DD`
    /// value reads as before. Only a day dates the article for clustering and the timeline.
    pub published: Option<crate::Published>,
    /// The language: an ISO 639 code, `und` when unknown.
    pub language: Lang,
    /// Lines removed as page chrome, so nothing is dropped silently.
    pub removed: Vec<String>,
    /// The article this one is a near-copy of, if any; copies are counted once in a claim's
    /// support.
    pub duplicate_of: Option<DocId>,
    /// The address the article was published at, when the input gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl ArticleInfo {
    /// The metadata of `article`.
    pub fn new(article: &Article, duplicate_of: Option<DocId>) -> ArticleInfo {
        ArticleInfo {
            id: article.id.clone(),
            outlet: article.outlet.clone(),
            title: article.title.clone(),
            published: article.publication(),
            language: article.language,
            removed: article.removed.clone(),
            duplicate_of,
            url: article.url.clone(),
        }
    }
}

/// A piece of an article's raw content: `raw[start..end] == text` always holds, so `text` may
/// hold markup or entities such as `&amp;`.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[schemars(rename = "span")]
pub struct SourceSpan {
    /// The article id.
    pub article: DocId,
    /// The raw text the span covers: exactly the raw input bytes `start..end`.
    pub text: String,
    /// The first byte: a byte offset into the article's raw input (the file, the JSON
    /// `maintext`, the HTML page).
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
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
#[schemars(rename = "entity_kind")]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "entity")]
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

/// How widely a claim is carried. Reports are counted as independent origins when the story's
/// text reuse is known (see [`Claim::origins`]), else as distinct reports.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
#[schemars(rename = "claim_status")]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "claim")]
pub struct Claim {
    /// One of its renderings, as extracted text; when that rendering is a clause and the
    /// claim's `fact`, the clause's whole sentence.
    pub text: String,
    /// How widely it is carried.
    pub status: ClaimStatus,
    /// The articles that carry it, in story order.
    pub articles: Vec<DocId>,
    /// One sentence per article.
    pub renderings: Vec<SourceSpan>,
    /// The number of distinct reports that carry it (duplicates counted once); an extra field.
    #[schemars(range(min = 1))]
    pub support: u32,
    /// The number of distinct outlets that carry it (an article without an outlet counts as
    /// its own). Added in `crosscheck.story/1.1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlets: Option<u32>,
    /// The number of independent origins among its renderings: renderings inside one shared
    /// passage (a wire story and its reprints) or from articles crediting one agency count
    /// once. The status is decided on this number. Added in `crosscheck.story/1.1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origins: Option<u32>,
    /// The earliest publication date among the articles that carry it, `YYYY-MM-DD`. Added in
    /// `crosscheck.story/1.1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<Date>,
    /// What the claim is specifically about, when that is narrower than `text`: the words of
    /// the sentence `text` is read from that carry it (the clause of a clause claim, the
    /// number with its unit and what it counts for a figure, the shared phrase or term, the
    /// clause of a dated event). Several claims may share a sentence, one per fact it states;
    /// claims with the same `text` and the same fact are one claim. Absent for a claim that is
    /// its whole sentence. Added in `crosscheck.story/1.1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fact: Option<SourceSpan>,
}

/// A direct quote and each article's wording of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "quote")]
pub struct Quote {
    /// Who said it, as named by the articles (an entity name, spelling variants merged, or an
    /// anonymous source as written, such as `a senior official`), or null when no article says.
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
    /// The number of distinct outlets that carry it. Added in `crosscheck.story/1.1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlets: Option<u32>,
    /// The number of independent origins among its renderings (copies of one passage count
    /// once). Added in `crosscheck.story/1.1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origins: Option<u32>,
}

/// What a conflict is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(rename = "conflict_kind")]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "conflict")]
pub struct Conflict {
    /// What differs.
    pub kind: ConflictKind,
    /// What it is about, in a few words.
    pub topic: String,
    /// The competing values, each with its articles and evidence.
    pub sides: Vec<ConflictSide>,
}

/// One side of a conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "conflict_side")]
pub struct ConflictSide {
    /// The normalised value this side gives: a number (`12`, `about 40,000`), a date in the
    /// timeline's form, a speaker's or person's name, an office.
    pub value: String,
    /// The articles that give it.
    pub articles: Vec<DocId>,
    /// Where they give it: the words that give the value (`Twelve people were injured`,
    /// `Tuesday`, the quote and the speaker's name).
    pub evidence: Vec<SourceSpan>,
    /// The number of distinct outlets that give it. Added in `crosscheck.story/1.1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlets: Option<u32>,
    /// The number of independent origins among its evidence (copies of one passage count
    /// once). Added in `crosscheck.story/1.1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origins: Option<u32>,
}

/// A dated event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "timeline_entry")]
pub struct TimelineEntry {
    /// The interval, absolute: `YYYY-MM-DD`, `YYYY-MM` or `YYYY-MM-DD/YYYY-MM-DD`.
    #[schemars(regex(pattern = r"^\d{4}-\d{2}(-\d{2}(/\d{4}-\d{2}-\d{2})?)?$"))]
    pub date: String,
    /// Whether the date was resolved against the story's date because every article that dates
    /// it has none.
    pub inferred: bool,
    /// What happened: the sentence that dates it.
    pub text: String,
    /// The articles that date it so.
    pub articles: Vec<DocId>,
    /// The date expressions, one per article that dates it so.
    pub evidence: Vec<SourceSpan>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(article: &str, text: &str, start: u32) -> SourceSpan {
        SourceSpan {
            article: article.into(),
            text: text.into(),
            start,
            end: start + text.len() as u32,
        }
    }

    fn story() -> FusedStory {
        let a = Article::from_text("a", "The ferry sank on Monday.");
        FusedStory {
            id: "s".into(),
            headline: "Ferry sinks".into(),
            articles: vec![ArticleInfo::new(&a, None), ArticleInfo::new(&a, Some("a".into()))],
            entities: vec![Entity {
                name: "Ostrava".into(),
                kind: EntityKind::Place,
                variants: vec!["Ostrava".into()],
                articles: vec!["a".into()],
                mentions: vec![span("a", "ferry", 4)],
                roles: vec![],
            }],
            claims: vec![Claim {
                text: "The ferry sank on Monday.".into(),
                status: ClaimStatus::Single,
                articles: vec!["a".into()],
                renderings: vec![span("a", "The ferry sank on Monday.", 0)],
                support: 1,
                outlets: Some(1),
                origins: Some(1),
                first_seen: Date::new(2026, 5, 4),
                fact: Some(span("a", "Monday", 18)),
            }],
            quotes: vec![],
            conflicts: vec![Conflict {
                kind: ConflictKind::Date,
                topic: "sank".into(),
                sides: vec![ConflictSide {
                    value: "2026-05-04".into(),
                    articles: vec!["a".into()],
                    evidence: vec![span("a", "Monday", 18)],
                    outlets: Some(1),
                    origins: Some(1),
                }],
            }],
            timeline: vec![],
            sampled: None,
            reuse: Some(crate::StoryReuse::default()),
        }
    }

    #[test]
    fn documents_round_trip() {
        let doc = StoryDocument::new(vec![story()]);
        let json = serde_json::to_string(&doc).unwrap();
        assert_eq!(serde_json::from_str::<StoryDocument>(&json).unwrap(), doc);
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["schema"], STORY_SCHEMA);
        // Empty extra fields are left out.
        assert!(value["stories"][0]["entities"][0].get("roles").is_none());
    }

    #[test]
    fn other_schemas_are_refused() {
        for bad in [r#"{"schema":"crosscheck.story/2","stories":[]}"#, r#"{"stories":[]}"#] {
            assert!(serde_json::from_str::<StoryDocument>(bad).is_err(), "{bad}");
        }
        let err = serde_json::from_str::<StoryDocument>(r#"{"schema":"x/9","stories":[]}"#)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with(r#"unknown schema "x/9""#), "{err}");
    }

    #[test]
    fn spans_and_distinct_articles() {
        let s = story();
        let texts: Vec<&str> = s.spans().map(|sp| sp.text.as_str()).collect();
        assert_eq!(texts, ["ferry", "The ferry sank on Monday.", "Monday", "Monday"]);
        assert_eq!(s.distinct_articles(), 1);
        let raw = "The ferry sank on Monday.";
        for sp in s.spans() {
            assert_eq!(sp.span().slice(raw), Some(sp.text.as_str()));
        }
    }

    #[test]
    fn kinds_print_as_serialised() {
        for k in [EntityKind::Person, EntityKind::Org, EntityKind::Place, EntityKind::Other] {
            assert_eq!(serde_json::to_value(k).unwrap(), k.to_string());
        }
        for c in [
            ClaimStatus::Consensus,
            ClaimStatus::Majority,
            ClaimStatus::Single,
            ClaimStatus::Disputed,
        ] {
            assert_eq!(serde_json::to_value(c).unwrap(), c.to_string());
        }
        assert_eq!(serde_json::to_value(ConflictKind::Attribution).unwrap(), "attribution");
    }
}
