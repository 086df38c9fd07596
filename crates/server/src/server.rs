use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{Request, StatusCode};
use axum::response::Response;
use axum::routing::get;
use crosscheck::store::Corpus;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::api;
use crate::assets::{APP_CSS, APP_JS, INDEX_HTML, OPENAPI_JSON, asset};
use crate::error::problem;

/// State shared by the handlers.
pub(crate) struct Shared {
    pub(crate) corpus: Corpus,
    pub(crate) api_key: Option<String>,
    /// Held while an upload is ingested and placed.
    pub(crate) uploads: Mutex<()>,
}

/// Builds a [`Server`].
#[derive(Debug, Clone)]
pub struct ServerBuilder {
    api_key: Option<String>,
    max_body: usize,
    timeout: Duration,
}

impl Default for ServerBuilder {
    fn default() -> Self {
        ServerBuilder { api_key: None, max_body: 8 << 20, timeout: Duration::from_mins(1) }
    }
}

impl ServerBuilder {
    /// A builder with the defaults.
    pub fn new() -> ServerBuilder {
        ServerBuilder::default()
    }

    /// The key `POST /api/articles` requires; `None` disables uploads.
    ///
    /// By default, `None`.
    pub fn api_key(&mut self, key: Option<String>) -> &mut ServerBuilder {
        self.api_key = key.filter(|k| !k.is_empty());
        self
    }

    /// The largest request body accepted, in bytes; larger ones get 413.
    ///
    /// By default, 8 MiB.
    pub fn max_body(&mut self, bytes: usize) -> &mut ServerBuilder {
        self.max_body = bytes;
        self
    }

    /// How long a request may take before it is answered with 408.
    ///
    /// By default, 60 seconds.
    pub fn timeout(&mut self, t: Duration) -> &mut ServerBuilder {
        self.timeout = t;
        self
    }

    /// A server over `corpus`.
    pub fn build(&self, corpus: Corpus) -> Server {
        let shared =
            Arc::new(Shared { corpus, api_key: self.api_key.clone(), uploads: Mutex::new(()) });
        let api = Router::new()
            .route("/api/stories", get(api::list_stories))
            .route("/api/stories/{id}", get(api::story))
            .route("/api/articles", axum::routing::post(api::post_article))
            .route("/api/articles/{id}", get(api::article))
            .route("/healthz", get(api::healthz))
            .with_state(shared);
        let pages = Router::new()
            .route("/", get(|| async { asset(INDEX_HTML, "text/html; charset=utf-8") }))
            .route("/app.js", get(|| async { asset(APP_JS, "text/javascript; charset=utf-8") }))
            .route("/app.css", get(|| async { asset(APP_CSS, "text/css; charset=utf-8") }))
            .route("/api/openapi.json", get(|| async { asset(OPENAPI_JSON, "application/json") }));
        let router = api
            .merge(pages)
            .fallback(|| async { problem(StatusCode::NOT_FOUND, "no such resource") })
            .method_not_allowed_fallback(|| async {
                problem(StatusCode::METHOD_NOT_ALLOWED, "method not allowed on this resource")
            })
            .layer(DefaultBodyLimit::max(self.max_body))
            .layer(RequestBodyLimitLayer::new(self.max_body))
            .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, self.timeout))
            .layer(
                TraceLayer::new_for_http()
                    .make_span_with(|req: &Request<_>| {
                        tracing::info_span!("request", method = %req.method(), path = %req.uri().path())
                    })
                    .on_request(())
                    .on_response(DefaultOnResponse::new().level(Level::INFO)),
            )
            .layer(axum::middleware::map_response(problem_for_bare_errors));
        Server { router }
    }
}

/// Gives a problem body to error responses that layers produced as plain text or empty (413
/// from the body limit, 408 from the timeout).
async fn problem_for_bare_errors(resp: Response) -> Response {
    let status = resp.status();
    let is_problem = resp
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes() == b"application/problem+json");
    if (status.is_client_error() || status.is_server_error()) && !is_problem {
        return problem(status, status.canonical_reason().unwrap_or("error"));
    }
    resp
}

/// The crosscheck HTTP server: the API and the web page, ready to serve.
#[derive(Debug, Clone)]
pub struct Server {
    router: Router,
}

impl Server {
    /// The routes, for serving with another stack or calling in tests.
    pub fn router(&self) -> Router {
        self.router.clone()
    }

    /// Serves on `listener` until `shutdown` completes, then finishes the requests in flight.
    pub async fn run(
        self,
        listener: tokio::net::TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(listener, self.router).with_graceful_shutdown(shutdown).await
    }
}

/// Completes on Ctrl-C or, on Unix, SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for ctrl-c");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
    tracing::info!("shutting down");
}
