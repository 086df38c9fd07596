//! The JSON report: schema `crosscheck.story/1`.
//!
//! One JSON document (pretty-printed) holding every story of the run:
//!
//! ```text
//! { "schema": "crosscheck.story/1",
//!   "stories": [ {
//!     "id": str, "headline": str,
//!     "articles": [ {"id": str, "outlet": str|null, "title": str|null,
//!                    "published": "YYYY-MM-DD"|"YYYY-MM"|null,
//!                    "language": str, "removed": [str], "duplicate_of": str|null, "url"?: str} ],
//!     "entities": [ {"name": str, "kind": "person"|"org"|"place"|"other", "variants": [str],
//!                    "articles": [article id], "mentions": [span], "roles"?: [str]} ],
//!     "claims":   [ {"text": str, "status": "consensus"|"majority"|"several"|"single"|"disputed",
//!                    "articles": [article id], "renderings": [span], "support": int,
//!                    "outlets"?: int, "origins"?: int, "first_seen"?: "YYYY-MM-DD",
//!                    "fact"?: span} ],
//!     "quotes":   [ {"speaker": str|null, "renderings": [span], "articles"?: [article id],
//!                    "role"?: str, "anonymous"?: bool, "attributions"?: [span],
//!                    "outlets"?: int, "origins"?: int} ],
//!     "conflicts":[ {"kind": "number"|"date"|"name"|"role"|"attribution"|"place"|"other"|"evolving",
//!                    "topic": str,
//!                    "sides": [ {"value": str, "articles": [article id], "evidence": [span],
//!                                "outlets"?: int, "origins"?: int} ]} ],
//!     "timeline": [ {"date": "YYYY-MM-DD" | "YYYY-MM" | "YYYY-MM-DD/YYYY-MM-DD", "inferred": bool,
//!                    "text": str, "articles": [article id], "evidence": [span]} ],
//!     "sampled"?: {"articles_used": int, "articles_total": int, "rule": str},
//!     "reuse"?:   {"edges": [ {"a": article id, "b": article id,
//!                              "direction": "a_to_b"|"b_to_a"|"unknown", "same_outlet": bool,
//!                              "share_a": number, "share_b": number,
//!                              "passages": [ {"a": span, "b": span, "words": int} ]} ],
//!                  "clusters": [ {"articles": [article id], "origin": article id|null,
//!                                 "basis": "credit"|"earliest"|"unknown", "agency"?: str} ],
//!                  "credits": [ {"article": article id, "agency": str,
//!                                "field": "text"|"author"|"outlet"|"source", "text": str,
//!                                "evidence"?: span} ]}
//!   } ] }
//! span = {"article": article id, "text": str, "start": byte offset, "end": byte offset}
//! ```
//!
//! | field | meaning |
//! |---|---|
//! | `schema` | always `crosscheck.story/1`; a change that removes or retypes a field bumps it |
//! | `stories[].id` | the story id (the cluster's, or `story-` and a hash of its article ids) |
//! | `stories[].headline` | the title that shares most words with the other reports |
//! | `articles[].id` | the id ingest gave the article: the file stem for files, the JSON `id` field |
//! | `articles[].removed` | lines extraction dropped as page chrome, so nothing is dropped silently |
//! | `articles[].published` | the day of publication; (1.1) the month `YYYY-MM` when the input gives a month and no day (a `/2025/11/slug` permalink): a `YYYY-MM-DD` value stays valid, readers that need a day treat a month as undated, and clustering and the timeline use days only |
//! | `articles[].duplicate_of` | the article this one near-copies; copies are counted once in `support` |
//! | `entities[].variants` | every spelling used, titles stripped, most used first |
//! | `entities[].roles` | (extra) role words seen with the entity: `mayor`, `minister` |
//! | `claims[].status` | `consensus`: every distinct report; `majority`: more than half but not all; `several`: more than one but no more than half; `single`: one report and its copies; `disputed`: carries a side of a conflict |
//! | `claims[].support` | (extra) how many distinct reports carry the claim |
//! | `claims[].text` | one of its renderings, as extracted text (the whole sentence of a rendering that is a clause, when `fact` is that clause) |
//! | `quotes[].renderings` | each article's wording: the quoted words without their marks, one span per article |
//! | `quotes[].speaker` | the speaker's entity name (spelling variants merged), an unnamed source as written (`a senior official`), or null |
//! | `quotes[].role`, `anonymous`, `attributions` | (extra) the title written with the name; whether the speaker is unnamed; where each article names the speaker |
//! | `conflicts[].sides[].value` | the normalised value a side gives: a number (`12`, `about 40,000`), a date in the `timeline` form, a speaker's or person's name, an office |
//! | `conflicts[].sides[].evidence` | the words that give the value (`Twelve people were injured`, `Tuesday`, the quote and the speaker's name) |
//! | `timeline[].date` | the interval, absolute; `inferred` when resolved against the story's date because every article that dates it has none |
//! | `sampled` | only when the story was over the fuser's budget: how many articles were read, of how many, and the rule that chose them; the other articles are listed but add nothing |
//! | `timeline[].text` | the sentence that dates the event; `evidence` holds each date expression, one per article that dates it so |
//! | `claims[].outlets`, `origins` | (1.1) distinct outlets carrying the claim, and independent origins among its renderings: renderings inside one shared passage (a wire story and its reprints) or from articles crediting one agency count once; `status` is decided on `origins` |
//! | `claims[].first_seen` | (1.1) the earliest publication date among the articles that carry the claim |
//! | `claims[].fact` | (1.1) what the claim is about when narrower than its `text`: the words of the sentence `text` is read from that carry it (the clause of a clause claim, a number with its unit and what it counts, a shared phrase or term, a dated event); several claims may share a sentence, one per fact, and claims with the same `text` and `fact` are one claim; absent for a claim that is its whole sentence |
//! | `quotes[].outlets`, `origins`; `conflicts[].sides[].outlets`, `origins` | (1.1) as for claims |
//! | `reuse.edges[]` | (1.1) a pair of articles sharing passages (runs of words equal up to light edits); `direction` only when the publication dates differ, never guessed; `share_a`/`share_b` the share of each article's words in the passages |
//! | `reuse.edges[].passages[]` | (1.1) one shared passage: a span in each article and the words in common |
//! | `reuse.clusters[]` | (1.1) articles joined by edges; `origin` the agency's own article or the best-connected crediting one (`basis: credit`), else the strictly earliest when all are dated (`earliest`), else null (`unknown`) |
//! | `reuse.credits[]` | (1.1) a news agency an article credits: a dateline `(AP)`, a `— Reuters` sign-off, `AFP contributed`, a byline, or the author/outlet metadata |
//! | span `start`, `end` | byte offsets into the article's **raw** input (the file, the JSON `maintext`, the HTML page); `raw[start..end] == text` always holds, so `text` may hold markup or entities such as `&amp;` |
//!
//! Extra fields may be added within version 1; readers must ignore fields they do not know.
//! Minor version 1.1 added the fields marked (1.1), all optional, and let `articles[].published`
//! hold a month: a 1.0 document is a valid 1.1 document, and the `schema` value stays
//! `crosscheck.story/1`. The
//! types are those of [`crosscheck_core::story`]: a document reads back into a
//! [`StoryDocument`](crosscheck_core::story::StoryDocument), and its name is
//! [`STORY_SCHEMA`]. The same schema is published as a JSON Schema in
//! `docs/schema/crosscheck.story-1.json`, generated from those types (see
//! [`crosscheck_core::story::json_schema`]).

use std::io::Write;

use crosscheck_core::story::{FusedStory, STORY_SCHEMA};

use crate::{ReportError, ReportSink};

/// Writes stories as one `crosscheck.story/1` document, a
/// [`StoryDocument`](crosscheck_core::story::StoryDocument) written one story at a time.
#[derive(Debug)]
pub struct JsonSink<W> {
    out: W,
    count: usize,
}

impl<W: Write> JsonSink<W> {
    /// A sink writing to `out`.
    pub fn new(out: W) -> JsonSink<W> {
        JsonSink { out, count: 0 }
    }
}

impl<W: Write> ReportSink for JsonSink<W> {
    fn story(&mut self, story: &FusedStory) -> Result<bool, ReportError> {
        let io = ReportError::io("json");
        if self.count == 0 {
            write!(self.out, "{{\n  \"schema\": \"{STORY_SCHEMA}\",\n  \"stories\": [\n")
        } else {
            self.out.write_all(b",\n")
        }
        .map_err(io)?;
        let body =
            serde_json::to_string_pretty(story).map_err(|e| ReportError::io("json")(e.into()))?;
        // Indent the story by four spaces to sit inside the array.
        for (i, line) in body.lines().enumerate() {
            if i > 0 {
                self.out.write_all(b"\n").map_err(ReportError::io("json"))?;
            }
            self.out.write_all(b"    ").map_err(ReportError::io("json"))?;
            self.out.write_all(line.as_bytes()).map_err(ReportError::io("json"))?;
        }
        self.count += 1;
        Ok(true)
    }

    fn finish(&mut self) -> Result<(), ReportError> {
        if self.count == 0 {
            write!(self.out, "{{\n  \"schema\": \"{STORY_SCHEMA}\",\n  \"stories\": []\n}}\n")
        } else {
            self.out.write_all(b"\n  ]\n}\n")
        }
        .map_err(ReportError::io("json"))?;
        self.out.flush().map_err(ReportError::io("json"))
    }
}
