//! The HTTP transport, behind a [`tower::Service`] boundary.
//!
//! The boundary is one service of type [`Transport`]: `http::Request<Bytes>` in,
//! `http::Response<ResponseBody>` out, [`LettaError`] on failure. Middleware (retries, timeouts,
//! concurrency limits, tracing) wraps that service with
//! [`ClientBuilder::layer`](crate::ClientBuilder::layer) and never touches the resource code; a
//! custom transport replaces it with [`ClientBuilder::transport`](crate::ClientBuilder::transport).
//!
//! A client built with neither sends each request straight to its `reqwest` client, as
//! [`ReqwestTransport`] would, without building an `http::Request` or boxing the service and its
//! future: with nothing to wrap, the type erasure only costs time. The requests, answers and
//! errors are the same either way (`tests/e2e/dispatch.rs` checks it against the real server).
//!
//! Request bodies are whole [`Bytes`], so a layer can clone a request cheaply (a retry policy
//! needs to); response bodies stay streaming, so server-sent events flow through unbuffered.
//!
//! Either way, a request is under the same limits: the call timeout, the response size limit
//! (checked against `Content-Length` first, then while reading), redirects only within the base
//! URL's origin and no `Referer` (default transport), and one repeat of an idempotent request
//! (an [`Operation`] whose [`Repeat`] class is `Idempotent`; never a send or a create) whose
//! pooled connection the server had closed or reset ([`ReqwestTransport`]).

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::BodyExt;
use http_body_util::combinators::BoxBody;
use tower::util::BoxCloneSyncService;

use crate::error::{BoxError, LettaError};
use crate::operations::{Operation, Repeat};

/// The streaming body of a response as it crosses the transport boundary.
pub type ResponseBody = BoxBody<Bytes, BoxError>;

/// A request as it crosses the transport boundary.
pub type TransportRequest = http::Request<Bytes>;

/// A response as it crosses the transport boundary.
pub type TransportResponse = http::Response<ResponseBody>;

/// The type-erased transport service the client holds; layers wrap it.
pub type Transport = BoxCloneSyncService<TransportRequest, TransportResponse, LettaError>;

/// Builds a [`ResponseBody`] from bytes; for transports and tests that answer from memory.
pub fn full_body(bytes: impl Into<Bytes>) -> ResponseBody {
    http_body_util::Full::new(bytes.into())
        .map_err(|never| match never {})
        .boxed()
}

/// The default transport: a [`reqwest::Client`] with rustls.
#[derive(Clone, Debug)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

impl ReqwestTransport {
    /// A transport over an existing `reqwest` client (its own timeouts and proxies apply).
    pub fn new(client: reqwest::Client) -> Self {
        Self { client }
    }

    /// The `reqwest` client requests go through.
    pub(crate) fn reqwest_client(&self) -> &reqwest::Client {
        &self.client
    }

    /// A transport with a connect timeout and pooled keep-alive connections (the one a client
    /// gets by default).
    ///
    /// - Redirects are followed only within one origin (same scheme, host and port), at most
    ///   [`MAX_REDIRECTS`] of them: a redirect to another origin is not followed, and the caller
    ///   gets the 3xx answer as [`LettaError::Api`]. Requests carry the bearer token, `user_id`,
    ///   `X-Project`, provider keys and bodies with tool secrets; none of them may go to a host the
    ///   base URL does not name. No `Referer` is sent.
    /// - Pooled connections idle for more than [`POOL_IDLE_TIMEOUT`] are closed.
    /// - An idempotent request ([`Repeat::Idempotent`]: never a send or a create) that fails
    ///   because the server had closed or reset its connection (a pooled connection gone stale)
    ///   is sent once more, on a new connection. The same holds for a client with no layers.
    pub fn with_connect_timeout(connect_timeout: Duration) -> Result<Self, LettaError> {
        let client = reqwest::Client::builder()
            .connect_timeout(connect_timeout)
            .pool_idle_timeout(POOL_IDLE_TIMEOUT)
            .redirect(same_origin_redirects())
            .referer(false)
            .build()
            .map_err(|e| LettaError::Config(format!("could not build the HTTP client: {e}")))?;
        Ok(Self { client })
    }
}

/// How long the default transport keeps an idle connection in its pool.
///
/// Below the keep-alive of the servers Letta runs on: uvicorn (Letta 0.7.x) closes a connection
/// idle for 5 s, and a pooled connection the server has already closed fails the next request
/// sent on it. Four seconds leave a second for the two clocks to disagree; a poll every 2 s (as
/// [`wait`](crate::wait) does) still reuses its connection. Servers with shorter keep-alives
/// (gunicorn's 2 s) are covered by the one repeat of an idempotent request on a stale
/// connection.
pub const POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(4);

/// The most redirects the default transport follows for one request (all within one origin).
pub const MAX_REDIRECTS: usize = 10;

/// Follows a redirect only to the origin of the original request; stops (handing back the 3xx
/// answer) at one to another origin, and fails after [`MAX_REDIRECTS`].
fn same_origin_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        if attempt.previous().len() > MAX_REDIRECTS {
            return attempt.error(format!("more than {MAX_REDIRECTS} redirects"));
        }
        let same_origin = attempt
            .previous()
            .first()
            .is_some_and(|first| first.origin() == attempt.url().origin());
        if same_origin {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}

impl tower::Service<TransportRequest> for ReqwestTransport {
    type Response = TransportResponse;
    type Error = LettaError;
    type Future = Pin<Box<dyn Future<Output = Result<TransportResponse, LettaError>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: TransportRequest) -> Self::Future {
        let client = self.client.clone();
        Box::pin(async move {
            let method = request.method().clone();
            let path = request.uri().path().to_owned();
            let idempotent = match request.extensions().get::<Operation>() {
                Some(op) => op.repeat == Repeat::Idempotent,
                // A request not built by the client: only the methods that never change anything.
                None => matches!(method, http::Method::GET | http::Method::HEAD),
            };
            let request = into_reqwest(request).map_err(|e| {
                LettaError::InvalidInput(format!("{method} {path}: not a valid request: {e}"))
            })?;
            let again = if idempotent { request.try_clone() } else { None };
            let response = send(&client, request, again.map(|r| move || r), &method, &path).await?;
            Ok(into_transport_response(response))
        })
    }
}

/// Sends a request; when it fails on a connection the server had already closed or reset and
/// `again` can rebuild it (an idempotent request), sends it once more, on a new connection.
/// Both dispatch paths send through here.
pub(crate) async fn send(
    client: &reqwest::Client,
    request: reqwest::Request,
    again: Option<impl FnOnce() -> reqwest::Request>,
    method: &http::Method,
    path: &str,
) -> Result<reqwest::Response, LettaError> {
    match client.execute(request).await {
        Ok(response) => Ok(response),
        Err(e) => match again {
            Some(rebuild) if is_stale_connection(&e) => {
                tracing::debug!(%method, path, error = %e, "stale connection; sending once more");
                client
                    .execute(rebuild())
                    .await
                    .map_err(|e| sending_failed(e, method, path))
            }
            _ => Err(sending_failed(e, method, path)),
        },
    }
}

/// Whether a request failed because its (pooled) connection turned out closed or reset by the
/// server before an answer came: hyper's "connection closed before message completed", a
/// canceled request, or a reset, aborted or broken connection. Not a failure to connect (the
/// request never left) and not a timeout (the server may still be working on it).
pub(crate) fn is_stale_connection(e: &reqwest::Error) -> bool {
    use std::io::ErrorKind;
    if e.is_connect() || e.is_timeout() {
        return false;
    }
    let mut next = std::error::Error::source(e);
    while let Some(cause) = next {
        if let Some(h) = cause.downcast_ref::<hyper::Error>() {
            if h.is_incomplete_message() || h.is_canceled() {
                return true;
            }
        }
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            if matches!(
                io.kind(),
                ErrorKind::ConnectionReset
                    | ErrorKind::ConnectionAborted
                    | ErrorKind::BrokenPipe
                    | ErrorKind::UnexpectedEof
            ) {
                return true;
            }
        }
        next = cause.source();
    }
    false
}

/// The error for a request `reqwest` could not complete. Whether it may have reached the server
/// decides whether a send may be retried, so only a failure to connect counts as not sent.
pub(crate) fn sending_failed(e: reqwest::Error, method: &http::Method, path: &str) -> LettaError {
    LettaError::Transport {
        method: method.clone(),
        path: path.to_owned(),
        maybe_sent: !e.is_connect(),
        source: Box::new(strip_url(e)),
    }
}

/// A `reqwest` response as it crosses the transport boundary, its body still streaming.
pub(crate) fn into_transport_response(response: reqwest::Response) -> TransportResponse {
    let response: http::Response<reqwest::Body> = response.into();
    response.map(|body| body.map_err(body_error).boxed())
}

/// A `reqwest` body error as the transport boundary passes it on, without its URL.
pub(crate) fn body_error(e: reqwest::Error) -> BoxError {
    Box::new(strip_url(e))
}

/// The URL a request was built from, parsed, carried in its extensions so the default transport
/// need not format and parse it again (that was about a tenth of the client's instructions per
/// request on the replay bench). Used only while the request's URI still equals it, so a layer
/// that rewrites the URI is honoured.
#[derive(Debug, Clone)]
pub(crate) struct ParsedUrl(pub(crate) url::Url);

/// Turns a transport request into a `reqwest` one, reusing its [`ParsedUrl`] when it still holds.
fn into_reqwest(request: TransportRequest) -> Result<reqwest::Request, reqwest::Error> {
    let (mut parts, body) = request.into_parts();
    let parsed = parts.extensions.remove::<ParsedUrl>();
    let Some(ParsedUrl(url)) = parsed.filter(|p| still_holds(&parts.uri, &p.0)) else {
        return reqwest::Request::try_from(http::Request::from_parts(parts, body));
    };
    let mut request = reqwest::Request::new(parts.method, url);
    *request.headers_mut() = parts.headers;
    *request.version_mut() = parts.version;
    *request.body_mut() = Some(body.into());
    Ok(request)
}

/// Whether `uri` is still the URL it was built from (compared part by part, without formatting).
fn still_holds(uri: &http::Uri, url: &url::Url) -> bool {
    *uri == *url.as_str()
}

/// reqwest errors carry the full URL, query string included; the error context already names
/// the method and path, so the URL is dropped rather than risk leaking a query parameter.
fn strip_url(e: reqwest::Error) -> reqwest::Error {
    e.without_url()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(uri: &str, parsed: &str) -> TransportRequest {
        http::Request::builder()
            .method(http::Method::POST)
            .uri(uri)
            .header("x-test", "1")
            .extension(ParsedUrl(url::Url::parse(parsed).unwrap()))
            .body(Bytes::from_static(b"{\"a\":1}"))
            .unwrap()
    }

    #[test]
    fn the_parsed_url_is_reused_while_the_uri_still_equals_it() {
        // Built as the client builds URLs: a base with a path, segments, encoded query pairs.
        let mut built = url::Url::parse("http://localhost:8283/letta/v1/agents/").unwrap();
        built
            .query_pairs_mut()
            .extend_pairs([("tags", "a b"), ("name", "x/y ü"), ("limit", "5")]);
        let uri: http::Uri = built.as_str().parse().unwrap();
        assert!(still_holds(&uri, &built), "{uri} vs {built}");

        let url = "http://127.0.0.1:8283/v1/agents/?tags=a+b&name=x%2Fy&limit=5";
        let converted = into_reqwest(request(url, url)).unwrap();
        assert_eq!(converted.url().as_str(), url);
        assert_eq!(converted.method(), http::Method::POST);
        assert_eq!(converted.headers()["x-test"], "1");
        let body = converted.body().and_then(reqwest::Body::as_bytes);
        assert_eq!(body, Some(&b"{\"a\":1}"[..]));
    }

    #[test]
    fn a_uri_rewritten_by_a_layer_wins_over_the_parsed_url() {
        let converted = into_reqwest(request(
            "http://10.0.0.9:9000/proxy/v1/agents/agent-1",
            "http://127.0.0.1:8283/v1/agents/agent-1",
        ))
        .unwrap();
        let original = url::Url::parse("http://127.0.0.1:8283/v1/agents/agent-1").unwrap();
        let rewritten: http::Uri = "http://127.0.0.1:8283/v2/agents/agent-1".parse().unwrap();
        assert!(!still_holds(&rewritten, &original));
        assert_eq!(
            converted.url().as_str(),
            "http://10.0.0.9:9000/proxy/v1/agents/agent-1"
        );
        assert_eq!(converted.headers()["x-test"], "1");
    }
}
