//! [`LettaClient`] and the request verbs every resource handle uses.
//!
//! All calls funnel through [`LettaClient::execute`], so there is exactly one place that builds
//! URLs and headers, applies the timeouts and size limits (through the shared helpers of
//! `limits`), and turns a failed answer into a [`LettaError`].

use std::fmt;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, HeaderValue, Method, StatusCode};
use serde::de::DeserializeOwned;
use tower::ServiceExt;
use url::Url;

use crate::config::ClientBuilder;
use crate::error::{LettaError, extract_detail};
use crate::limits::{ReadContext, deadline, read_limited, shorter, within};
use crate::operations::{Operation, Repeat};
use crate::request::{Parts, Request};
use crate::stream::MessageStream;
use crate::transport::{ResponseBody, Transport, TransportResponse, body_error, into_transport_response};
use crate::types::HealthStatus;
use crate::version::{ApiLevel, ServerVersion};

pub(crate) use crate::encode::{decode, multipart_file, seg};
pub(crate) use crate::request::RequestBody;

/// A cheap-to-clone handle on a Letta server. Clones share one connection pool and transport.
///
/// ```no_run
/// # async fn run() -> Result<(), letta_core::LettaError> {
/// let client = letta_core::LettaClient::new("http://localhost:8283")?;
/// let health = client.health().check().await?;
/// println!("Letta {}", health.version);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct LettaClient {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) base_url: Url,
    pub(crate) headers: HeaderMap,
    pub(crate) has_api_key: bool,
    pub(crate) timeout: Option<Duration>,
    pub(crate) stream_idle_timeout: Option<Duration>,
    pub(crate) stream_total_timeout: Option<Duration>,
    pub(crate) max_response_bytes: u64,
    pub(crate) max_event_bytes: u64,
    pub(crate) transport: Dispatch,
    /// The server's version once known (`None` inside: it gave none this client can read).
    pub(crate) server_version: OnceLock<Option<ServerVersion>>,
}

/// How requests reach the network.
pub(crate) enum Dispatch {
    /// The default transport with no layers: each request goes straight to `reqwest`, as
    /// [`ReqwestTransport`](crate::transport::ReqwestTransport) would send it, without building an
    /// `http::Request` or boxing the service and its future. That cost about 20 of the 420-odd
    /// allocations of a retrieve-agent request, and a second URI parse; with nothing to wrap, it
    /// buys nothing.
    Direct(reqwest::Client),
    /// A custom transport, or any transport with layers: the type-erased `tower` stack.
    Service(Transport),
}

/// A successful answer, from whichever way the request went.
pub(crate) enum Answer {
    Direct(reqwest::Response),
    Service(TransportResponse),
}

impl Answer {
    /// Reads the whole body, at most `limit` bytes of it.
    async fn bytes(self, method: &Method, path: &str, limit: u64) -> Result<Bytes, LettaError> {
        let status = self.status();
        let cx = ReadContext {
            method,
            path,
            status,
            limit,
        };
        match self {
            Answer::Direct(response) => {
                let body = http::Response::from(response).into_body();
                read_limited(body, body_error, &cx).await
            }
            Answer::Service(response) => read_limited(response.into_body(), |e| e, &cx).await,
        }
    }

    fn status(&self) -> StatusCode {
        match self {
            Answer::Direct(response) => response.status(),
            Answer::Service(response) => response.status(),
        }
    }

    fn headers(&self) -> &HeaderMap {
        match self {
            Answer::Direct(response) => response.headers(),
            Answer::Service(response) => response.headers(),
        }
    }

    /// The body, still streaming.
    fn into_body(self) -> ResponseBody {
        match self {
            Answer::Direct(response) => into_transport_response(response).into_body(),
            Answer::Service(response) => response.into_body(),
        }
    }
}

impl fmt::Debug for LettaClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LettaClient")
            .field("base_url", &self.inner.base_url.as_str())
            .field(
                "api_key",
                &if self.inner.has_api_key {
                    "<redacted>"
                } else {
                    "<none>"
                },
            )
            .field("timeout", &self.inner.timeout)
            .finish()
    }
}

impl LettaClient {
    /// A client for the server at `base_url`, with default settings.
    pub fn new(base_url: impl Into<String>) -> Result<Self, LettaError> {
        ClientBuilder::new().base_url(base_url).build()
    }

    /// A client configured from `LETTA_BASE_URL` and `LETTA_API_KEY` (defaults when unset).
    pub fn from_env() -> Result<Self, LettaError> {
        ClientBuilder::from_env().build()
    }

    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// The base URL requests are sent to.
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// The server's version, asked once (`GET /v1/health/`) unless the builder was given it
    /// ([`ClientBuilder::server_version`]); `None` when the server reports none this client can
    /// read. Clones of the client share what was learned.
    ///
    /// Asking is left to the first operation that needs it: one only some servers serve, or one
    /// the two APIs shape differently. A server that answers the health check without a readable
    /// version (an error status, another body) counts as one of unknown version, which is
    /// remembered; an ask that fails on the way (connection, timeout) is not, so the next call
    /// asks again.
    pub async fn server_version(&self) -> Result<Option<ServerVersion>, LettaError> {
        if let Some(known) = self.inner.server_version.get() {
            return Ok(*known);
        }
        // Boxed: sending a request can ask for the version, which sends a request.
        let version = match Box::pin(self.call::<HealthStatus>(crate::operations::health_check())).await {
            Ok(health) => {
                let version = ServerVersion::parse_lenient(&health.version);
                if version.is_none() {
                    tracing::debug!(reported = %health.version, "the server's version is not readable; no operation is refused");
                }
                version
            }
            // The server answered, without a version (a gateway that hides the health route, a
            // stand-in server): nothing to refuse by, and asking again would answer the same.
            Err(error) if error.origin() == crate::ErrorOrigin::Server => {
                tracing::debug!(%error, "the server did not report its version; no operation is refused");
                None
            }
            Err(error) => return Err(error),
        };
        Ok(*self.inner.server_version.get_or_init(|| version))
    }

    /// The API the server speaks, from [`server_version`](Self::server_version).
    pub async fn api_level(&self) -> Result<ApiLevel, LettaError> {
        Ok(self
            .server_version()
            .await?
            .map_or(ApiLevel::Unknown, |version| version.api_level()))
    }

    /// Refuses `op` when the server is known not to serve it. A cloud-only operation never makes
    /// the client ask for the version: Letta Cloud's health answer is not something this client
    /// was checked against.
    async fn check_served(&self, op: &'static Operation) -> Result<(), LettaError> {
        let version = if op.is_cloud_only() {
            self.inner.server_version.get().copied().flatten()
        } else {
            self.server_version().await?
        };
        let Some(version) = version else { return Ok(()) };
        if op.served_by.serves(version.api_level()) != Some(false) {
            return Ok(());
        }
        let hint = match (op.served_by.v0_7, op.served_by.v0_16) {
            (Some(_), None) => "only Letta 0.7.x serves it (0.16 removed it)",
            (None, Some(_)) => "Letta 0.16 added it: it needs a 0.16 server or Letta Cloud",
            _ => "only Letta Cloud serves it",
        };
        Err(LettaError::NotServed {
            operation: op.id,
            method: op.method,
            path: op.path,
            server_version: version.to_string(),
            hint,
        })
    }

    pub(crate) fn url_for(&self, path: &str) -> Url {
        let mut url = self.inner.base_url.clone();
        let prefix = url.path().trim_end_matches('/');
        if prefix.is_empty() {
            url.set_path(path);
        } else {
            let joined = format!("{prefix}{path}");
            url.set_path(&joined);
        }
        url
    }

    /// The request headers: the client's own, then `extra`, then the content negotiation.
    fn headers(
        &self,
        accept: &'static str,
        content_type: Option<HeaderValue>,
        extra: HeaderMap,
    ) -> HeaderMap {
        let own = &self.inner.headers;
        // Sized up front so nothing below reallocates.
        let mut headers = HeaderMap::with_capacity(own.len() + extra.len() + 2);
        for (name, value) in own {
            headers.append(name.clone(), value.clone());
        }
        headers.extend(extra);
        headers.insert(http::header::ACCEPT, HeaderValue::from_static(accept));
        if let Some(content_type) = content_type {
            headers.insert(http::header::CONTENT_TYPE, content_type);
        }
        headers
    }

    /// Sends one request and returns the answer if its status is a success; any other status
    /// becomes [`LettaError::Api`] with the server's detail (its body read within the size
    /// limit). The body is not read on success. `extra` headers are added to the client's own (an
    /// operation that takes a header parameter, like `check_provider`'s `x-api-key`). No timeout
    /// here: the caller puts the whole call under one.
    pub(crate) async fn execute(
        &self,
        op: &'static Operation,
        path: &str,
        query: &str,
        body: RequestBody,
        accept: &'static str,
        extra: HeaderMap,
    ) -> Result<Answer, LettaError> {
        let answer = self.send(op, path, query, body, accept, extra).await?;
        if answer.status().is_success() {
            return Ok(answer);
        }
        // Out of line: only a failed request pays for reading its body here.
        Err(Box::pin(api_error(
            answer,
            op.http_method(),
            path,
            self.inner.max_response_bytes,
        ))
        .await)
    }

    /// Sends one request and returns its answer, whatever its status, once its headers arrive.
    async fn send(
        &self,
        op: &'static Operation,
        path: &str,
        query: &str,
        body: RequestBody,
        accept: &'static str,
        extra: HeaderMap,
    ) -> Result<Answer, LettaError> {
        // Most operations are served by both APIs: they never wait for the version.
        if op.served_by.v0_7.is_none() || op.served_by.v0_16.is_none() {
            self.check_served(op).await?;
        }
        let method = op.http_method();
        let url = self.url_with_query(path, query);
        let (bytes, content_type) = match body {
            RequestBody::Empty => (Bytes::new(), None),
            RequestBody::Json(bytes) => (bytes, Some(HeaderValue::from_static("application/json"))),
            RequestBody::Raw { bytes, content_type } => {
                let value = HeaderValue::from_str(&content_type).map_err(|e| {
                    LettaError::InvalidInput(format!(
                        "{method} {path}: content type {content_type:?} is not a header value: {e}"
                    ))
                })?;
                (bytes, Some(value))
            }
        };

        tracing::debug!(%method, path, "letta request");
        match &self.inner.transport {
            Dispatch::Direct(client) => {
                // An idempotent request can be built again if its pooled connection turns out
                // stale: from the same parts, so the first attempt costs no copy of the request.
                let again = (op.repeat == Repeat::Idempotent).then(|| {
                    let (bytes, content_type, extra) = (bytes.clone(), content_type.clone(), extra.clone());
                    let method = method.clone();
                    move || {
                        let url = self.url_with_query(path, query);
                        self.reqwest_request(method, url, self.headers(accept, content_type, extra), bytes)
                    }
                });
                let headers = self.headers(accept, content_type, extra);
                let request = self.reqwest_request(method.clone(), url, headers, bytes);
                let response = crate::transport::send(client, request, again, &method, path).await?;
                Ok(Answer::Direct(response))
            }
            Dispatch::Service(transport) => {
                let headers = self.headers(accept, content_type, extra);
                let mut builder = http::Request::builder().method(method.clone()).uri(url.as_str());
                // Layers read the operation (its id, path template and `Repeat` class) from here.
                builder = builder.extension(*op);
                // The default transport takes the parsed URL from here instead of parsing it again.
                builder = builder.extension(crate::transport::ParsedUrl(url));
                if let Some(slot) = builder.headers_mut() {
                    *slot = headers;
                }
                let request = builder.body(bytes).map_err(|e| {
                    LettaError::InvalidInput(format!("{method} {path}: could not build the request: {e}"))
                })?;
                // Boxed, like the transport's own future: the request and service it holds would
                // otherwise make every request's future larger, on either path.
                let response = Box::pin(transport.clone().oneshot(request)).await?;
                Ok(Answer::Service(response))
            }
        }
    }

    /// The URL of `path` with `query` appended.
    fn url_with_query(&self, path: &str, query: &str) -> Url {
        let mut url = self.url_for(path);
        if !query.is_empty() {
            url.set_query(Some(query));
        }
        url
    }

    /// The request `ReqwestTransport` builds from an `http::Request`.
    fn reqwest_request(
        &self,
        method: Method,
        url: Url,
        headers: HeaderMap,
        bytes: Bytes,
    ) -> reqwest::Request {
        let mut request = reqwest::Request::new(method, url);
        *request.headers_mut() = headers;
        *request.body_mut() = Some(bytes.into());
        request
    }

    /// Sends one request of `op` (already resolved to `path`) and reads the whole answer,
    /// within the configured timeout.
    pub(crate) async fn op_bytes(
        &self,
        op: &'static Operation,
        path: &str,
        query: &str,
        body: RequestBody,
        extra: HeaderMap,
    ) -> Result<Bytes, LettaError> {
        let method = op.http_method();
        let limit = deadline(tokio::time::Instant::now(), self.inner.timeout);
        let work = async {
            let answer = self
                .execute(op, path, query, body, "application/json", extra)
                .await?;
            answer.bytes(&method, path, self.inner.max_response_bytes).await
        };
        within(limit, &method, path, work).await
    }

    /// Sends `request` and decodes its JSON answer as `T`, within the call timeout.
    ///
    /// Every handle method goes through here (or [`call_raw`](Self::call_raw),
    /// [`call_stream`](Self::call_stream)); call it directly for an operation no handle covers,
    /// or to read an answer as raw JSON:
    ///
    /// ```no_run
    /// # async fn run(client: letta_core::LettaClient) -> Result<(), letta_core::LettaError> {
    /// use letta_core::operations;
    /// let count: u64 = client.call(operations::count_agents()).await?;
    /// # Ok(()) }
    /// ```
    pub async fn call<T: DeserializeOwned>(&self, request: Request) -> Result<T, LettaError> {
        let parts = request.into_parts()?;
        let bytes = self.call_parts(&parts).await?;
        decode(&parts.op.http_method(), &parts.path, &bytes)
    }

    /// Sends `request` and returns its answer's body undecoded (an export, or an answer whose
    /// content the caller does not need), within the call timeout.
    pub async fn call_raw(&self, request: Request) -> Result<Bytes, LettaError> {
        let parts = request.into_parts()?;
        self.call_parts(&parts).await
    }

    /// Sends checked parts and reads the whole answer.
    pub(crate) async fn call_parts(&self, parts: &Parts) -> Result<Bytes, LettaError> {
        self.op_bytes(
            parts.op,
            &parts.path,
            &parts.query,
            parts.body.clone(),
            parts.headers.clone(),
        )
        .await
    }

    /// Sends `request` and returns its answer as a stream of server-sent events.
    ///
    /// Opening the stream (until the headers arrive) is under the call timeout or the idle
    /// timeout, whichever is shorter; an error answer's body must arrive within the call timeout
    /// of the send; the total timeout counts from the send.
    pub async fn call_stream(&self, request: Request) -> Result<MessageStream, LettaError> {
        let Parts {
            op,
            path,
            query,
            body,
            headers,
        } = request.into_parts()?;
        let method = op.http_method();
        let inner = &self.inner;
        let started = tokio::time::Instant::now();
        let open_within = shorter(inner.timeout, inner.stream_idle_timeout);
        let sending = self.send(op, &path, &query, body, "text/event-stream", headers);
        let answer = within(deadline(started, open_within), &method, &path, sending).await?;
        if !answer.status().is_success() {
            let reading = async {
                Ok::<_, LettaError>(
                    Box::pin(api_error(answer, method.clone(), &path, inner.max_response_bytes)).await,
                )
            };
            let call = deadline(started, inner.timeout);
            return Err(within(call, &method, &path, reading).await.unwrap_or_else(|e| e));
        }
        Ok(MessageStream::new(answer.into_body(), method, path)
            .with_max_event_bytes(inner.max_event_bytes)
            .with_deadlines(
                inner.stream_idle_timeout,
                deadline(started, inner.stream_total_timeout),
            ))
    }
}

/// The [`LettaError::Api`] for an answer with a failure status, with the server's detail; or the
/// error that kept its body from being read (a transport error, [`LettaError::TooLarge`]).
///
/// A redirect here is one the transport did not follow (to another origin): its detail says so
/// and names the origin only (a `Location` may carry a query with secrets).
async fn api_error(answer: Answer, method: Method, path: &str, limit: u64) -> LettaError {
    let status = answer.status();
    let redirected_to = status
        .is_redirection()
        .then(|| answer.headers().get(http::header::LOCATION))
        .flatten()
        .map(|location| {
            let location = String::from_utf8_lossy(location.as_bytes());
            match Url::parse(&location) {
                Ok(url) => url.origin().ascii_serialization(),
                Err(_) => "a relative or unreadable location".to_owned(),
            }
        });
    let raw = match answer.bytes(&method, path, limit).await {
        Ok(raw) => raw,
        Err(e) => return e,
    };
    let body = String::from_utf8_lossy(&raw).into_owned();
    tracing::debug!(%method, path, %status, "letta error answer");
    let detail = match redirected_to {
        Some(origin) => Some(format!(
            "the server redirected to {origin}; redirects to another origin are not followed (the \
             request's credentials and body must not go there): point the base URL at the server \
             that answers"
        )),
        None => extract_detail(&body),
    };
    LettaError::Api {
        status,
        method,
        path: path.to_owned(),
        detail,
        body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_client_with_nothing_to_wrap_skips_the_service_stack() {
        let plain = LettaClient::new("http://127.0.0.1:8283").unwrap();
        assert!(matches!(plain.inner.transport, Dispatch::Direct(_)));
        let layered = LettaClient::builder()
            .base_url("http://127.0.0.1:8283")
            .layer(tower::layer::layer_fn(|inner| inner))
            .build()
            .unwrap();
        assert!(matches!(layered.inner.transport, Dispatch::Service(_)));
        let custom = LettaClient::builder()
            .base_url("http://127.0.0.1:8283")
            .transport(crate::transport::ReqwestTransport::new(reqwest::Client::new()))
            .build()
            .unwrap();
        assert!(matches!(custom.inner.transport, Dispatch::Service(_)));
    }

    #[test]
    fn urls_keep_the_base_path_and_encode_the_query() {
        let at_root = LettaClient::new("http://127.0.0.1:8283/").unwrap();
        assert_eq!(
            at_root.url_for("/v1/agents/a%2Fb").as_str(),
            "http://127.0.0.1:8283/v1/agents/a%2Fb"
        );
        let below = LettaClient::new("https://example.com/letta/").unwrap();
        assert_eq!(
            below.url_for("/v1/agents/").as_str(),
            "https://example.com/letta/v1/agents/"
        );
    }

    #[test]
    fn headers_are_the_clients_then_extra_then_negotiation() {
        let client = LettaClient::builder()
            .base_url("http://127.0.0.1:8283")
            .project("p1")
            .build()
            .unwrap();
        let mut extra = HeaderMap::new();
        extra.insert("x-api-key", HeaderValue::from_static("k"));
        let headers = client.headers(
            "text/event-stream",
            Some(HeaderValue::from_static("application/json")),
            extra,
        );
        assert_eq!(headers["x-project"], "p1");
        assert_eq!(headers["x-api-key"], "k");
        assert_eq!(headers[http::header::ACCEPT], "text/event-stream");
        assert_eq!(headers[http::header::CONTENT_TYPE], "application/json");
        assert!(
            headers[http::header::USER_AGENT]
                .to_str()
                .unwrap()
                .starts_with("letta-rs/")
        );
        assert_eq!(headers.len(), 5);
    }
}
