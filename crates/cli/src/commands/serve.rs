//! `crosscheck serve`: the HTTP API and web page over a story database.
//!
//! Logs go to stderr, one line per request (method, path, status, latency), as text or with
//! `--log-format json` as JSON objects; `RUST_LOG` sets the level (`info` by default).

use std::sync::Arc;

use anyhow::Context;
use crosscheck::store::{Corpus, SqliteStoreBuilder};
use crosscheck_server::{ServerBuilder, shutdown_signal};
use tracing_subscriber::EnvFilter;

use crate::args::HiArgs;
use crate::status::ExitStatus;

pub(crate) fn run(args: &HiArgs) -> anyhow::Result<ExitStatus> {
    let opts = &args.store;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    // Colours only on a terminal: a log file or a pipe gets plain text.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr())
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(ansi)
        .with_writer(std::io::stderr);
    if opts.log_json {
        logs.json().init();
    } else {
        logs.init();
    }

    if !opts.create && !opts.db.exists() {
        anyhow::bail!(
            "no story database at {}: create one with `crosscheck ingest --db {} PATH...`, or \
             pass --create to serve an empty one",
            opts.db.display(),
            opts.db.display()
        );
    }
    // Enough idle readers for every blocking thread a busy server keeps.
    let store = SqliteStoreBuilder::new()
        .readers(64)
        .open(&opts.db)
        .with_context(|| format!("opening story database {}", opts.db.display()))?;
    let corpus = Corpus::new(super::pipeline(args)?, Arc::new(store));
    let mut server = ServerBuilder::new();
    server.api_key(opts.api_key.clone()).max_body(opts.max_body);
    for host in &opts.allow_hosts {
        server.allow_host(host);
    }
    let server = server.build(corpus);
    let addr = opts.addr.as_str();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("listening on {addr}"))?;
        let local = listener.local_addr()?;
        tracing::info!(addr = %local, uploads = opts.api_key.is_some(), "serving on http://{local}/");
        server.run(listener, shutdown_signal()).await.context("serving")
    })?;
    Ok(ExitStatus::Success)
}
