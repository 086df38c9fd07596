//! The API against a real server on a loopback port.

use std::sync::Arc;

use crosscheck::PipelineBuilder;
use crosscheck::store::{Corpus, SqliteStore};
use crosscheck_server::ServerBuilder;
use reqwest::StatusCode;
use serde_json::Value;

const KEY: &str = "test-key-1234";

/// A server on 127.0.0.1 with a fresh database; shut down on drop.
struct TestServer {
    base: String,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    _dir: tempfile::TempDir,
    client: reqwest::Client,
}

impl TestServer {
    async fn start(key: Option<&str>, max_body: usize) -> TestServer {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path().join("api.db")).unwrap();
        let corpus = Corpus::new(PipelineBuilder::new().build(), Arc::new(store));
        let server =
            ServerBuilder::new().api_key(key.map(String::from)).max_body(max_body).build(corpus);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(server.run(listener, async move {
            let _ = rx.await;
        }));
        TestServer {
            base,
            shutdown: Some(tx),
            task: Some(task),
            _dir: dir,
            client: reqwest::Client::new(),
        }
    }

    async fn get(&self, path: &str) -> (StatusCode, String, Value) {
        let resp = self.client.get(format!("{}{path}", self.base)).send().await.unwrap();
        split(resp).await
    }

    async fn post(
        &self,
        path: &str,
        ctype: &str,
        body: &str,
        key: Option<&str>,
    ) -> (StatusCode, String, Value) {
        let mut req = self
            .client
            .post(format!("{}{path}", self.base))
            .header("content-type", ctype)
            .body(body.to_string());
        if let Some(k) = key {
            req = req.bearer_auth(k);
        }
        split(req.send().await.unwrap()).await
    }

    async fn stop(mut self) {
        self.shutdown.take().unwrap().send(()).unwrap();
        let done =
            tokio::time::timeout(std::time::Duration::from_secs(10), self.task.take().unwrap())
                .await
                .expect("the server stops after the shutdown signal");
        done.unwrap().unwrap();
    }
}

async fn split(resp: reqwest::Response) -> (StatusCode, String, Value) {
    let status = resp.status();
    let ctype = resp
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let text = resp.text().await.unwrap();
    let json = serde_json::from_str(&text).unwrap_or(Value::Null);
    (status, ctype, json)
}

fn assert_problem(got: &(StatusCode, String, Value), status: StatusCode) {
    assert_eq!(got.0, status, "{}", got.2);
    assert_eq!(got.1, "application/problem+json");
    assert_eq!(got.2["status"], status.as_u16());
    assert!(got.2["detail"].as_str().is_some_and(|d| !d.is_empty()));
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<html><head><title>{title}</title></head><body><h1>{title}</h1><p>{body}</p></body></html>"
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upload_then_read_stories_and_articles() {
    let s = TestServer::start(Some(KEY), 1 << 20).await;
    let (st, _, health) = s.get("/healthz").await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(health["status"], "ok");
    assert_eq!(health["articles"], 0);

    let html = page(
        "Harbour bridge reopens",
        "The harbour bridge reopened on Monday after three weeks of repairs, officials said.",
    );
    let (st, _, up) = s.post("/api/articles?id=bridge-1", "text/html", &html, Some(KEY)).await;
    assert_eq!(st, StatusCode::CREATED, "{up}");
    assert_eq!(up["articles"][0]["id"], "bridge-1");
    assert_eq!(up["articles"][0]["outcome"], "added");
    let story = up["articles"][0]["story"].as_str().expect("placed in a story").to_string();
    // The same upload again changes nothing.
    let (st, _, again) = s.post("/api/articles?id=bridge-1", "text/html", &html, Some(KEY)).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(again["articles"][0]["outcome"], "unchanged");
    // The health counts were read before the upload, within their two-second cache: an upload
    // forgets them, so the new article is counted at once.
    let (st, _, health) = s.get("/healthz").await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(health["articles"], 1, "{health}");
    assert_eq!(health["stories"], 1, "{health}");

    let (st, ctype, doc) = s.get(&format!("/api/stories/{story}")).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(ctype, "application/json");
    assert_eq!(doc["schema"], "crosscheck.story/1");
    assert_eq!(doc["stories"][0]["id"], story.as_str());
    for key in ["headline", "articles", "entities", "claims", "quotes", "conflicts", "timeline"] {
        assert!(doc["stories"][0].get(key).is_some(), "story lacks {key}");
    }

    let (st, _, art) = s.get("/api/articles/bridge-1").await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(art["raw"], html.as_str(), "raw content as uploaded");
    assert!(art["text"].as_str().unwrap().contains("three weeks of repairs"));
    assert_eq!(art["story"], story.as_str());
    assert_eq!(art["hash"].as_str().unwrap().len(), 64);
    // Every rendering's byte span slices the raw content to its text.
    for claim in doc["stories"][0]["claims"].as_array().unwrap() {
        for r in claim["renderings"].as_array().unwrap() {
            let (a, b) =
                (r["start"].as_u64().unwrap() as usize, r["end"].as_u64().unwrap() as usize);
            assert_eq!(&html[a..b], r["text"].as_str().unwrap());
        }
    }

    let (st, _, list) = s.get("/api/stories").await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(list["stories"][0]["id"], story.as_str());
    assert!(list["next"].is_null());
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stories_paginate_with_cursors_and_filter() {
    let s = TestServer::start(Some(KEY), 1 << 20).await;
    let topics = [
        (
            "budget",
            "Parliament passes the annual budget",
            "Lawmakers approved the spending plan late on Thursday night.",
        ),
        (
            "volcano",
            "Volcano erupts near island village",
            "Ash fell on the fishing village as residents left by boat.",
        ),
        (
            "chess",
            "Teenager wins national chess title",
            "The sixteen year old champion won the final game in forty moves.",
        ),
    ];
    for (id, title, body) in topics {
        let text = format!("{title}\n\n{body}\n");
        let (st, _, v) =
            s.post(&format!("/api/articles?id={id}"), "text/plain", &text, Some(KEY)).await;
        assert_eq!(st, StatusCode::CREATED, "{v}");
    }
    let mut seen = Vec::new();
    let mut path = "/api/stories?limit=1".to_string();
    loop {
        let (st, _, p) = s.get(&path).await;
        assert_eq!(st, StatusCode::OK, "{p}");
        assert_eq!(p["stories"].as_array().unwrap().len(), 1);
        seen.push(p["stories"][0]["id"].as_str().unwrap().to_string());
        match p["next"].as_str() {
            Some(c) => path = format!("/api/stories?limit=1&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(seen.len(), 3);
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 3, "every story exactly once");

    let (_, _, found) = s.get("/api/stories?q=volcano").await;
    assert_eq!(found["stories"].as_array().unwrap().len(), 1);
    let volcano = s.get("/api/articles/volcano").await.2["story"].clone();
    assert_eq!(found["stories"][0]["id"], volcano);

    assert_problem(&s.get("/api/stories?cursor=zz").await, StatusCode::BAD_REQUEST);
    assert_problem(&s.get("/api/stories?since=yesterday").await, StatusCode::BAD_REQUEST);
    assert_problem(&s.get("/api/stories?limit=0").await, StatusCode::BAD_REQUEST);
    assert_problem(&s.get("/api/stories?limit=abc").await, StatusCode::BAD_REQUEST);
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_are_problem_documents() {
    let s = TestServer::start(Some(KEY), 4096).await;
    assert_problem(&s.get("/api/stories/s0000000000").await, StatusCode::NOT_FOUND);
    assert_problem(&s.get("/api/articles/nope").await, StatusCode::NOT_FOUND);
    assert_problem(&s.get("/no/such/page").await, StatusCode::NOT_FOUND);
    assert_problem(
        &s.post("/api/stories", "text/plain", "x", Some(KEY)).await,
        StatusCode::METHOD_NOT_ALLOWED,
    );
    assert_problem(
        &s.post("/api/articles", "text/html", "<p>hi</p>", None).await,
        StatusCode::UNAUTHORIZED,
    );
    assert_problem(
        &s.post("/api/articles", "text/html", "<p>hi</p>", Some("wrong")).await,
        StatusCode::UNAUTHORIZED,
    );
    assert_problem(
        &s.post("/api/articles", "image/png", "abc", Some(KEY)).await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
    );
    assert_problem(
        &s.post("/api/articles", "text/html", "", Some(KEY)).await,
        StatusCode::BAD_REQUEST,
    );
    let big = "x".repeat(10_000);
    assert_problem(
        &s.post("/api/articles", "text/plain", &big, Some(KEY)).await,
        StatusCode::PAYLOAD_TOO_LARGE,
    );
    s.stop().await;

    let closed = TestServer::start(None, 4096).await;
    assert_problem(
        &closed.post("/api/articles", "text/html", "<p>hi</p>", Some(KEY)).await,
        StatusCode::FORBIDDEN,
    );
    closed.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_markup_is_returned_as_data() {
    let s = TestServer::start(Some(KEY), 1 << 20).await;
    let hostile = "Harbour <script>window.__pwned=1</script> news\n\nThe ferry <img src=x onerror=\"window.__pwned=2\"> left the harbour at noon on Friday, the captain said.\n";
    let (st, _, up) = s.post("/api/articles?id=hostile", "text/plain", hostile, Some(KEY)).await;
    assert_eq!(st, StatusCode::CREATED, "{up}");
    let (_, ctype, art) = s.get("/api/articles/hostile").await;
    assert_eq!(ctype, "application/json", "never served as a page");
    assert_eq!(art["raw"], hostile, "kept verbatim, as data");
    let story = up["articles"][0]["story"].as_str().unwrap();
    let (_, ctype, _) = s.get(&format!("/api/stories/{story}")).await;
    assert_eq!(ctype, "application/json");

    // The page only runs its own script.
    let resp = s.client.get(format!("{}/", s.base)).send().await.unwrap();
    let csp = resp.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
    let html = resp.text().await.unwrap();
    assert!(html.contains("<script src=\"/app.js\" defer></script>"));
    assert!(!html.contains("http://") && !html.contains("https://"), "no CDN");
    let js = s.client.get(format!("{}/app.js", s.base)).send().await.unwrap().text().await.unwrap();
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "new Function",
        "srcdoc",
        "DOMParser",
        "createContextualFragment",
    ] {
        assert!(!js.contains(sink), "app.js must never build HTML from strings ({sink})");
    }
    assert!(js.contains("textContent") && js.contains("createTextNode"));
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_describes_every_route() {
    let s = TestServer::start(None, 4096).await;
    let (st, _, doc) = s.get("/api/openapi.json").await;
    assert_eq!(st, StatusCode::OK);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/stories",
        "/api/stories/{id}",
        "/api/articles/{id}",
        "/api/articles",
        "/healthz",
        "/api/openapi.json",
    ] {
        assert!(doc["paths"].get(path).is_some(), "openapi lacks {path}");
    }
    for asset in ["/", "/app.js", "/app.css"] {
        let resp = s.client.get(format!("{}{asset}", s.base)).send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::OK, "{asset}");
    }
    s.stop().await;
}

/// A wire report and a lightly edited reprint in one story: the story document carries the
/// reuse edge with byte spans into both raw uploads, and claims count the pair as one origin.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn story_carries_reuse_and_origins() {
    let s = TestServer::start(Some(KEY), 1 << 20).await;
    let wire = "SELBY (AP) — The harbour bridge in Selby reopened on Monday after three weeks of \
                repairs to its cracked steel girders, the regional transport office said.\n\n\
                Engineers found the cracks during a routine inspection in March and closed the \
                bridge to all traffic the same afternoon, sending buses on a long detour.";
    let reprint = "The harbour bridge in Selby reopened on Monday after three weeks of repairs to \
                   its cracked steel girders, the regional transport office said.\n\n\
                   Engineers found the cracks during a routine inspection in March and shut the \
                   bridge to all traffic the same afternoon, sending buses on a long detour.";
    let (st, _, up) = s.post("/api/articles?id=wire", "text/plain", wire, Some(KEY)).await;
    assert_eq!(st, StatusCode::CREATED, "{up}");
    let (st, _, up) = s.post("/api/articles?id=reprint", "text/plain", reprint, Some(KEY)).await;
    assert_eq!(st, StatusCode::CREATED, "{up}");
    let story = up["articles"][0]["story"].as_str().expect("placed").to_string();
    let (st, _, doc) = s.get(&format!("/api/stories/{story}")).await;
    assert_eq!(st, StatusCode::OK);
    let fused = &doc["stories"][0];
    assert_eq!(fused["articles"].as_array().unwrap().len(), 2, "{fused}");
    let reuse = &fused["reuse"];
    assert_eq!(reuse["edges"].as_array().unwrap().len(), 1, "{reuse}");
    assert_eq!(reuse["edges"][0]["direction"], "unknown", "no dates, no direction");
    assert_eq!(reuse["credits"][0]["agency"], "Associated Press");
    for p in reuse["edges"][0]["passages"].as_array().unwrap() {
        for side in ["a", "b"] {
            let raw = if p[side]["article"] == "wire" { wire } else { reprint };
            let start = p[side]["start"].as_u64().unwrap() as usize;
            let end = p[side]["end"].as_u64().unwrap() as usize;
            assert_eq!(&raw[start..end], p[side]["text"].as_str().unwrap());
        }
    }
    for claim in fused["claims"].as_array().unwrap() {
        assert_eq!(claim["origins"], 1, "both renderings come from one passage: {claim}");
    }
    s.stop().await;
}
