//! The JSON API handlers.
//!
//! # Schema
//!
//! - `GET /api/stories?limit=N&cursor=C&since=YYYY-MM-DD&until=YYYY-MM-DD&q=TEXT`:
//!   `{"stories": [summary], "next": cursor | null}`, latest activity first. `query` is another
//!   name for `q`; any other parameter is answered with 400. A summary is
//!   `{"id", "headline", "articles": count, "outlets": [str], "first_published",
//!   "last_published", "version", "fresh"}`. `limit` is 1 to 500 (50 by default); pass `next`
//!   back as `cursor` for the following page.
//! - `GET /api/stories/{id}`: the story's `crosscheck.story/1` document, one story.
//! - `GET /api/articles/{id}`: `{"id", "source", "url", "outlet", "title", "author",
//!   "published", "language", "text", "raw", "removed", "story", "duplicate_of", "hash"}`;
//!   `raw` is the raw content every span's `start`/`end` (UTF-8 byte offsets) points into;
//!   `published` is the day (`YYYY-MM-DD`), else the month (`YYYY-MM`) when the input gives
//!   no day, else null.
//! - `POST /api/articles[?id=ID]`: a document as `text/html`, `text/plain` or
//!   `application/json` (one object or an array, news-please and trafilatura field names),
//!   with `Authorization: Bearer KEY`. Answers `{"articles": [{"id", "outcome", "story"}],
//!   "errors": [str]}` with 201 when something was added or replaced, else 200.
//! - `GET /healthz`: `{"status": "ok", "articles", "stories", "stale"}`; the counts are read at
//!   most once per [`HEALTH_TTL`](crate::state::HEALTH_TTL) (two seconds) and after each upload,
//!   so a monitor polling a large store does not scan it per request.
//!
//! Errors are `application/problem+json`: `{"type", "title", "status", "detail"}`.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use crosscheck::core::story::StoryDocument;
use crosscheck::store::{ContentHash, IngestEvent, PutOutcome, StoryId, StoryQuery};
use serde::Deserialize;

use crate::error::ApiError;
use crate::state::Shared;

type Api = State<Arc<Shared>>;

/// Runs blocking store work off the async threads.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f).await?
}

/// The query of `GET /api/stories`: a parameter it does not know is an error, never ignored.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ListParams {
    limit: Option<usize>,
    cursor: Option<String>,
    since: Option<String>,
    until: Option<String>,
    #[serde(alias = "query")]
    q: Option<String>,
}

pub(crate) async fn list_stories(
    State(app): Api,
    params: Result<Query<ListParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = params.map_err(|e| ApiError::bad_request(e.body_text()))?;
    let date = |name: &str, v: Option<String>| {
        v.filter(|s| !s.is_empty())
            .map(|s| {
                s.parse().map_err(|_| {
                    ApiError::bad_request(format!("invalid {name} {s:?}, expected YYYY-MM-DD"))
                })
            })
            .transpose()
    };
    let limit = p.limit.unwrap_or(StoryQuery::DEFAULT_LIMIT);
    if !(1..=500).contains(&limit) {
        return Err(ApiError::bad_request(format!("invalid limit {limit}, expected 1 to 500")));
    }
    let query = StoryQuery {
        since: date("since", p.since)?,
        until: date("until", p.until)?,
        text: p.q.filter(|q| !q.trim().is_empty()),
        after: p
            .cursor
            .filter(|c| !c.is_empty())
            .map(|c| c.parse().map_err(ApiError::bad_request))
            .transpose()?,
        limit,
    };
    let page = blocking(move || Ok(app.corpus.store().stories(&query)?)).await?;
    let body = serde_json::json!({
        "stories": page.stories,
        "next": page.next.map(|c| c.to_string()),
    });
    Ok(Json(body).into_response())
}

pub(crate) async fn story(State(app): Api, Path(id): Path<String>) -> Result<Response, ApiError> {
    let id = StoryId::from(id);
    let report = blocking(move || {
        let store = app.corpus.store();
        match store.report(&id)? {
            Some(fused) => Ok(Ok(StoryDocument::new(vec![fused]))),
            None if store.story(&id)?.is_some() => Err(ApiError::new(
                StatusCode::CONFLICT,
                format!("story {id} has not been fused yet; try again shortly"),
            )),
            // A story merged into another answers with a permanent redirect to it.
            None => match store.resolve(&id)? {
                Some(into) => Ok(Err(into)),
                None => Err(ApiError::not_found(format!("no story with id {id}"))),
            },
        }
    })
    .await?;
    match report {
        Ok(doc) => Ok(Json(doc).into_response()),
        Err(into) => {
            let mut resp = StatusCode::PERMANENT_REDIRECT.into_response();
            if let Ok(to) = HeaderValue::from_str(&format!("/api/stories/{into}")) {
                resp.headers_mut().insert(header::LOCATION, to);
            }
            Ok(resp)
        }
    }
}

pub(crate) async fn article(State(app): Api, Path(id): Path<String>) -> Result<Response, ApiError> {
    let stored = blocking(move || {
        app.corpus
            .store()
            .article(&id)?
            .ok_or_else(|| ApiError::not_found(format!("no article with id {id}")))
    })
    .await?;
    let a = &stored.article;
    let body = serde_json::json!({
        "id": a.id.as_str(),
        "source": a.source,
        "url": a.url,
        "outlet": a.outlet,
        "title": a.title,
        "author": a.author,
        "published": a.publication(),
        "language": a.language,
        "text": a.text,
        "raw": &*a.raw,
        "removed": a.removed,
        "story": stored.story,
        "duplicate_of": stored.duplicate_of,
        "hash": stored.hash,
    });
    Ok(Json(body).into_response())
}

/// The query of `POST /api/articles`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PostParams {
    id: Option<String>,
}

pub(crate) async fn post_article(
    State(app): Api,
    headers: HeaderMap,
    params: Result<Query<PostParams>, axum::extract::rejection::QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    authorize(&app, &headers)?;
    let Query(params) = params.map_err(|e| ApiError::bad_request(e.body_text()))?;
    let body = body.map_err(|e| ApiError::new(e.status(), e.body_text()))?;
    if body.is_empty() {
        return Err(ApiError::bad_request("the request body is empty"));
    }
    let mime = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let ext = match mime.as_str() {
        "application/json" => "json",
        "application/x-ndjson" | "application/jsonl" => "jsonl",
        "text/html" | "application/xhtml+xml" => "html",
        "text/plain" | "text/markdown" => "txt",
        other => {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!(
                    "unsupported content type {other:?}, expected application/json, text/html or \
                     text/plain"
                ),
            ));
        }
    };
    let stem = match params.id.filter(|s| !s.trim().is_empty()) {
        Some(id) => id,
        None => format!("upload-{}", &ContentHash::of(&body).to_string()[..12]),
    };
    let name = format!("{stem}.{ext}");
    let (events, placed) = blocking(move || {
        // One upload at a time places and fuses, so two never race for the same articles.
        let _guard = app.uploads.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let events = app.corpus.ingest_bytes(&name, &body)?;
        app.corpus.update()?;
        app.remember_stats(None);
        let store = app.corpus.store();
        let mut placed = Vec::new();
        for e in &events {
            if let IngestEvent::Stored { id, .. } = e {
                placed.push(store.article(id.as_str())?.and_then(|a| a.story));
            }
        }
        Ok((events, placed))
    })
    .await?;
    let mut articles = Vec::new();
    let mut errors = Vec::new();
    let mut changed = false;
    let mut placed = placed.into_iter();
    for e in events {
        match e {
            IngestEvent::Stored { id, outcome } => {
                changed |= outcome != PutOutcome::Unchanged;
                articles.push(serde_json::json!({
                    "id": id.as_str(),
                    "outcome": outcome,
                    "story": placed.next().flatten(),
                }));
            }
            IngestEvent::Failed(err) => errors.push(err.to_string()),
        }
    }
    if articles.is_empty() {
        let detail =
            if errors.is_empty() { "no article found".to_string() } else { errors.join("; ") };
        return Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, detail));
    }
    let status = if changed { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(serde_json::json!({ "articles": articles, "errors": errors })))
        .into_response())
}

/// Checks the API key: `Authorization: Bearer KEY` or `X-Api-Key: KEY`.
fn authorize(app: &Shared, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(key) = &app.api_key else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "uploads are disabled: start the server with --api-key or CROSSCHECK_API_KEY",
        ));
    };
    // The scheme is case-insensitive (RFC 9110, section 11.1): `bearer KEY` is as good.
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim_start().split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, key)| key)
        .or_else(|| headers.get("x-api-key").and_then(|v| v.to_str().ok()));
    match given {
        Some(g) if constant_time_eq(g.trim().as_bytes(), key.as_bytes()) => Ok(()),
        _ => Err(ApiError::new(StatusCode::UNAUTHORIZED, "a valid API key is required")),
    }
}

/// Compares without an early exit, so that timing does not tell how much of a key matched.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub(crate) async fn healthz(State(app): Api) -> Result<Response, ApiError> {
    let stats = blocking(move || {
        if let Some(stats) = app.recent_stats() {
            return Ok(stats);
        }
        let stats = app.corpus.store().stats()?;
        app.remember_stats(Some(stats));
        Ok(stats)
    })
    .await
    .map_err(|e| {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("the store is not readable ({})", e.status),
        )
    })?;
    Ok(Json(serde_json::json!({
        "status": "ok",
        "articles": stats.articles,
        "stories": stats.stories,
        "stale": stats.stale,
    }))
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::constant_time_eq;

    #[test]
    fn keys_compare_exactly() {
        assert!(constant_time_eq(b"secret", b"secret"));
        assert!(!constant_time_eq(b"secret", b"secreT"));
        assert!(!constant_time_eq(b"secret", b"secret2"));
        assert!(!constant_time_eq(b"", b"x"));
    }
}
