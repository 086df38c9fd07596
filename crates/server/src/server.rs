use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderName, HeaderValue, Request, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::get;
use crosscheck::store::Corpus;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::api;
use crate::assets::{APP_CSS, APP_JS, CSP, INDEX_HTML, OPENAPI_JSON, asset};
use crate::error::problem;
use crate::state::Shared;

/// Builds a [`Server`].
#[derive(Debug, Clone)]
pub struct ServerBuilder {
    api_key: Option<String>,
    max_body: usize,
    timeout: Duration,
    idle_timeout: Duration,
    drain_timeout: Duration,
    hosts: Vec<String>,
}

impl Default for ServerBuilder {
    fn default() -> Self {
        ServerBuilder {
            api_key: None,
            max_body: 8 << 20,
            timeout: Duration::from_mins(1),
            idle_timeout: Duration::from_secs(15),
            drain_timeout: Duration::from_secs(10),
            hosts: Vec::new(),
        }
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

    /// How long a connection may stay open without sending a complete request head: an idle
    /// keep-alive connection, or one that sent part of a request and stopped (half-open), is
    /// closed after this long, so that held-open connections cannot lock clients out.
    ///
    /// By default, 15 seconds.
    pub fn idle_timeout(&mut self, t: Duration) -> &mut ServerBuilder {
        self.idle_timeout = t;
        self
    }

    /// How long [`Server::run`] waits, once asked to shut down, for requests in flight before
    /// it closes the connections left.
    ///
    /// By default, 10 seconds.
    pub fn drain_timeout(&mut self, t: Duration) -> &mut ServerBuilder {
        self.drain_timeout = t;
        self
    }

    /// Also answers requests whose `Host` is `name` (a host name, without port): the name a
    /// reverse proxy or the local network reaches the server by.
    ///
    /// A request naming another host is refused with 421, so that a web page whose domain an
    /// attacker points at this machine (DNS rebinding) cannot read the API. IP addresses,
    /// `localhost` and names under `.localhost` are always answered.
    ///
    /// By default, no other name.
    pub fn allow_host(&mut self, name: &str) -> &mut ServerBuilder {
        let name = name.trim().trim_end_matches('.').to_ascii_lowercase();
        if !name.is_empty() && !self.hosts.contains(&name) {
            self.hosts.push(name);
        }
        self
    }

    /// A server over `corpus`.
    pub fn build(&self, corpus: Corpus) -> Server {
        let shared = Arc::new(Shared::new(corpus, self.api_key.clone()));
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
            .layer(axum::middleware::map_response(problem_for_bare_errors))
            .layer(axum::middleware::from_fn_with_state(
                Arc::<[String]>::from(self.hosts.clone()),
                check_host,
            ))
            // Outermost, so that every response has them, errors and refusals included.
            .layer(SetResponseHeaderLayer::overriding(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ))
            .layer(SetResponseHeaderLayer::if_not_present(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(CSP),
            ))
            .layer(SetResponseHeaderLayer::if_not_present(
                header::REFERRER_POLICY,
                HeaderValue::from_static("no-referrer"),
            ))
            .layer(SetResponseHeaderLayer::if_not_present(
                HeaderName::from_static("cross-origin-resource-policy"),
                HeaderValue::from_static("same-origin"),
            ));
        Server { router, idle_timeout: self.idle_timeout, drain_timeout: self.drain_timeout }
    }
}

/// Refuses a request whose `Host` is not one of the server's own names (DNS rebinding).
async fn check_host(
    State(hosts): State<Arc<[String]>>,
    req: Request<axum::body::Body>,
    next: Next,
) -> Response {
    let host =
        req.uri().host().map(str::to_string).or_else(|| {
            req.headers().get(header::HOST).and_then(|v| v.to_str().ok()).map(host_name)
        });
    match host {
        Some(h) if !host_allowed(&h, &hosts) => problem(
            StatusCode::MISDIRECTED_REQUEST,
            &format!(
                "host {h:?} is not served here; start the server with --allow-host {h} to serve it"
            ),
        ),
        // A request without a name (HTTP/1.0) comes from no browser, so from no rebinding.
        _ => next.run(req).await,
    }
}

/// The host of a `Host` header value: without the port, brackets or a trailing dot, lowercase.
fn host_name(value: &str) -> String {
    let value = value.trim();
    let host = if let Some(rest) = value.strip_prefix('[') {
        rest.split_once(']').map_or(rest, |(h, _)| h)
    } else {
        match value.rsplit_once(':') {
            Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
            _ => value,
        }
    };
    host.trim_end_matches('.').to_ascii_lowercase()
}

/// Whether `host` names this server: an IP address (a page cannot rebind one), `localhost`, a
/// name under `.localhost` (RFC 6761 keeps them on the loopback), or a name it was given.
fn host_allowed(host: &str, extra: &[String]) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']').trim_end_matches('.');
    let host = host.to_ascii_lowercase();
    host.parse::<std::net::IpAddr>().is_ok()
        || host == "localhost"
        || host.ends_with(".localhost")
        || extra.contains(&host)
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
    idle_timeout: Duration,
    drain_timeout: Duration,
}

impl Server {
    /// The routes, for serving with another stack or calling in tests.
    pub fn router(&self) -> Router {
        self.router.clone()
    }

    /// Serves HTTP/1.1 on `listener` until `shutdown` completes, then finishes the requests in
    /// flight for up to the drain timeout and closes what is left.
    ///
    /// A connection that sends no complete request head for the idle timeout (an idle
    /// keep-alive connection, or a half-open one) is closed.
    pub async fn run(
        self,
        listener: tokio::net::TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        // See: issue 17. `axum::serve` sets no timer, so hyper's header timeout never ran and
        // a thousand silent connections held the server's file descriptors and its shutdown.
        let mut http = hyper::server::conn::http1::Builder::new();
        http.timer(TokioTimer::new()).header_read_timeout(self.idle_timeout);
        let graceful = GracefulShutdown::new();
        let mut shutdown = std::pin::pin!(shutdown);
        loop {
            let stream = tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok((stream, _)) => stream,
                    Err(e) => {
                        // Out of file descriptors, say: wait for connections to close rather
                        // than spin, and keep serving.
                        tracing::warn!(error = %e, "cannot accept a connection");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                },
                () = &mut shutdown => break,
            };
            let service = TowerToHyperService::new(self.router.clone());
            let conn = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
            tokio::spawn(async move {
                if let Err(e) = conn.await {
                    tracing::debug!(error = %e, "connection ended with an error");
                }
            });
        }
        drop(listener);
        if tokio::time::timeout(self.drain_timeout, graceful.shutdown()).await.is_err() {
            tracing::warn!("closing the connections still open after the drain timeout");
        }
        Ok(())
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
