//! What a hostile client or page tries against a server on loopback (issue 17): every
//! response carries `nosniff` and a CSP, foreign `Host` names are refused, held-open and
//! half-open connections neither lock clients out nor stall shutdown, no absolute local path
//! leaves the server, and the API key is checked as HTTP says.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crosscheck::PipelineBuilder;
use crosscheck::store::{Corpus, SqliteStore};
use crosscheck_server::ServerBuilder;
use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const KEY: &str = "test-key-1234";

struct Running {
    base: String,
    addr: std::net::SocketAddr,
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
    _dir: tempfile::TempDir,
}

/// A server over a fresh database, configured by `configure`, with `seed` ingested first.
async fn start(
    configure: impl FnOnce(&mut ServerBuilder),
    seed: Option<&[(&str, &str)]>,
) -> Running {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path().join("api.db")).unwrap();
    let corpus = Corpus::new(PipelineBuilder::new().build(), Arc::new(store));
    if let Some(files) = seed {
        let corpus_dir = dir.path().join("corpus");
        std::fs::create_dir_all(&corpus_dir).unwrap();
        for (name, text) in files {
            std::fs::write(corpus_dir.join(name), text).unwrap();
        }
        assert!(corpus_dir.is_absolute());
        corpus.ingest(&[corpus_dir], |_| true).unwrap();
        corpus.update().unwrap();
    }
    let mut b = ServerBuilder::new();
    b.api_key(Some(KEY.to_string()));
    configure(&mut b);
    let server = b.build(corpus);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(server.run(listener, async move {
        let _ = rx.await;
    }));
    Running { base: format!("http://{addr}"), addr, stop, task, _dir: dir }
}

impl Running {
    /// Stops the server; panics unless it ends within `within`.
    async fn stop_within(self, within: Duration) -> Duration {
        let t = Instant::now();
        self.stop.send(()).unwrap();
        tokio::time::timeout(within, self.task)
            .await
            .expect("the server stops in time after the shutdown signal")
            .unwrap()
            .unwrap();
        t.elapsed()
    }
}

/// One raw HTTP/1.1 request; the status line's code.
async fn raw_status(addr: std::net::SocketAddr, request: &str) -> u16 {
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    s.write_all(request.as_bytes()).await.unwrap();
    let mut buf = vec![0; 4096];
    let n = tokio::time::timeout(Duration::from_secs(10), s.read(&mut buf)).await.unwrap().unwrap();
    let head = String::from_utf8_lossy(&buf[..n]);
    head.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_17_every_response_has_nosniff_and_a_csp() {
    let s = start(|_| {}, None).await;
    let client = reqwest::Client::new();
    let url = |p: &str| format!("{}{p}", s.base);
    let responses = [
        client.get(url("/")).send().await.unwrap(),
        client.get(url("/app.js")).send().await.unwrap(),
        client.get(url("/api/stories")).send().await.unwrap(),
        client.get(url("/api/stories/nope")).send().await.unwrap(),
        client.get(url("/no/such/page")).send().await.unwrap(),
        client.delete(url("/api/stories")).send().await.unwrap(),
        client.post(url("/api/articles")).body("x").send().await.unwrap(),
        client.get(url("/healthz")).header("host", "evil.example").send().await.unwrap(),
    ];
    for r in &responses {
        let h = r.headers();
        assert_eq!(h.get("x-content-type-options").unwrap(), "nosniff", "{}", r.url());
        let csp = h.get("content-security-policy").expect("a CSP").to_str().unwrap();
        assert!(csp.contains("default-src 'none'"), "{csp}");
    }
    s.stop_within(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_17_only_own_host_names_are_served() {
    let s = start(
        |b| {
            b.allow_host("News.Lan.");
        },
        None,
    )
    .await;
    let get = |host: &'static str| {
        let base = s.base.clone();
        async move {
            reqwest::Client::new()
                .get(format!("{base}/api/stories"))
                .header("host", host)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    for host in [
        "127.0.0.1",
        "127.0.0.1:8080",
        "localhost:8099",
        "LOCALHOST",
        "[::1]:80",
        "app.localhost",
        "news.lan:8080",
    ] {
        assert_eq!(get(host).await, StatusCode::OK, "{host}");
    }
    for host in
        ["evil.example", "evil.example:8080", "localhost.evil.example", "127.0.0.1.nip.example"]
    {
        assert_eq!(get(host).await, StatusCode::MISDIRECTED_REQUEST, "{host}");
    }
    s.stop_within(Duration::from_secs(5)).await;
}

/// 1,100 connections held open, half of them half-way through a request head: a new client
/// is still served, the server closes them after its idle timeout, and shutdown does not wait
/// for them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_17_held_open_connections_neither_lock_out_nor_stall_shutdown() {
    let s = start(
        |b| {
            b.idle_timeout(Duration::from_secs(2)).drain_timeout(Duration::from_secs(2));
        },
        None,
    )
    .await;
    let mut held = Vec::new();
    for i in 0..1100 {
        let mut c = tokio::net::TcpStream::connect(s.addr).await.unwrap();
        if i % 2 == 0 {
            c.write_all(b"GET /api/stories HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ").await.unwrap();
        }
        held.push(c);
    }
    let t = Instant::now();
    let status =
        raw_status(s.addr, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            .await;
    assert_eq!(status, 200);
    assert!(t.elapsed() < Duration::from_secs(2), "served in {:?}", t.elapsed());
    // After the idle timeout every held connection has been closed by the server.
    let deadline = Duration::from_secs(8);
    let mut closed = 0;
    for c in &mut held {
        let mut buf = [0u8; 1024];
        loop {
            match tokio::time::timeout(deadline, c.read(&mut buf)).await {
                Ok(Ok(0) | Err(_)) => {
                    closed += 1;
                    break;
                }
                // A 408 or similar before closing is fine.
                Ok(Ok(_)) => {}
                Err(_) => break,
            }
        }
    }
    assert_eq!(closed, held.len(), "connections the server left open");
    // New held connections, with a long idle timeout this time: shutdown still ends by the
    // drain timeout.
    drop(held);
    s.stop_within(Duration::from_secs(5)).await;

    let s = start(
        |b| {
            b.idle_timeout(Duration::from_mins(2)).drain_timeout(Duration::from_secs(1));
        },
        None,
    )
    .await;
    let mut held = Vec::new();
    for _ in 0..200 {
        let mut c = tokio::net::TcpStream::connect(s.addr).await.unwrap();
        c.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n").await.unwrap();
        held.push(c);
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let took = s.stop_within(Duration::from_secs(5)).await;
    assert!(took < Duration::from_secs(3), "shutdown took {took:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_17_articles_never_show_absolute_local_paths() {
    let text =
        "The harbour bridge reopened on Monday after three weeks of repairs, officials said.";
    let s = start(|_| {}, Some(&[("bridge.txt", text)])).await;
    let art: serde_json::Value = reqwest::get(format!("{}/api/articles/bridge", s.base))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let source = art["source"].as_str().expect("a source");
    assert!(!std::path::Path::new(source).is_absolute(), "{source}");
    assert!(!source.contains(&*std::env::temp_dir().to_string_lossy()), "{source}");
    assert_eq!(source, format!("corpus{}bridge.txt", std::path::MAIN_SEPARATOR));
    s.stop_within(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_17_bearer_scheme_is_case_insensitive() {
    let s = start(|_| {}, None).await;
    let body = "<html><head><title>Ferry</title></head><body><p>The ferry ran aground off the point on Monday, the harbour office said.</p></body></html>";
    for (n, scheme) in ["bearer", "BEARER", "Bearer"].into_iter().enumerate() {
        let r = reqwest::Client::new()
            .post(format!("{}/api/articles?id=ferry-{n}", s.base))
            .header("content-type", "text/html")
            .header("authorization", format!("{scheme} {KEY}"))
            .body(body)
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "{scheme}: {}", r.status());
    }
    let r = reqwest::Client::new()
        .post(format!("{}/api/articles", s.base))
        .header("content-type", "text/html")
        .header("authorization", format!("Basic {KEY}"))
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    s.stop_within(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_17_story_query_is_supported_and_unknown_parameters_refused() {
    let files: &[(&str, &str)] = &[
        (
            "volcano.txt",
            "Ash fell on the fishing village of Orrin as the volcano erupted on Tuesday.",
        ),
        ("budget.txt", "Lawmakers approved the annual spending plan late on Thursday night."),
    ];
    let s = start(|_| {}, Some(files)).await;
    let list = |q: &'static str| {
        let base = s.base.clone();
        async move {
            let r = reqwest::get(format!("{base}/api/stories?{q}")).await.unwrap();
            let status = r.status();
            (status, r.json::<serde_json::Value>().await.unwrap())
        }
    };
    let (st, all) = list("").await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(all["stories"].as_array().unwrap().len(), 2);
    for q in ["q=volcano", "query=volcano"] {
        let (st, some) = list(q).await;
        assert_eq!(st, StatusCode::OK, "{q}");
        let stories = some["stories"].as_array().unwrap();
        assert_eq!(stories.len(), 1, "{q}: {some}");
    }
    let (st, err) = list("serach=volcano").await;
    assert_eq!(st, StatusCode::BAD_REQUEST, "{err}");
    s.stop_within(Duration::from_secs(5)).await;
}
