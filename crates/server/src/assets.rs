//! The web page and the `OpenAPI` document, embedded in the binary: nothing is fetched from
//! elsewhere at run time.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// The page.
pub(crate) const INDEX_HTML: &str = include_str!("../assets/index.html");
/// Its script: builds every element with `createElement` and `textContent`, never HTML text.
pub(crate) const APP_JS: &str = include_str!("../assets/app.js");
/// Its style sheet.
pub(crate) const APP_CSS: &str = include_str!("../assets/app.css");
/// The `OpenAPI` 3.1 description of the API.
pub(crate) const OPENAPI_JSON: &str = include_str!("../assets/openapi.json");

/// The content security policy of the page: only its own script and style, no inline code, so
/// that even markup slipped into the page could not run.
pub(crate) const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
    connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// A static asset response with its content type.
pub(crate) fn asset(body: &'static str, content_type: &'static str) -> Response {
    let mut resp = body.into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    resp
}
