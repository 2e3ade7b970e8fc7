//! Building a [`LettaClient`]: base URL, credentials, headers, timeouts and transport layers.

use std::fmt;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use http::{HeaderMap, HeaderName, HeaderValue};
use tower::util::BoxCloneSyncService;
use tower::{Layer, Service};
use url::Url;

use crate::client::{Dispatch, Inner, LettaClient};
use crate::error::LettaError;
use crate::transport::{ReqwestTransport, Transport, TransportRequest, TransportResponse};
use crate::version::ServerVersion;

/// Where a local Letta server listens by default.
pub const DEFAULT_BASE_URL: &str = "http://localhost:8283";
/// Environment variable read by [`ClientBuilder::from_env`] for the base URL.
pub const ENV_BASE_URL: &str = "LETTA_BASE_URL";
/// Environment variable read by [`ClientBuilder::from_env`] for the bearer token.
pub const ENV_API_KEY: &str = "LETTA_API_KEY";
/// How long a non-streaming call may take, end to end, unless configured otherwise.
///
/// An agent step runs an LLM, possibly several times (heartbeats), so this is generous.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(300);
/// Longest silence allowed between two events of a stream unless configured otherwise.
///
/// In step mode the server sends nothing while an LLM call runs, so this is generous.
pub const DEFAULT_STREAM_IDLE_TIMEOUT: Duration = Duration::from_secs(180);
/// How long opening a connection may take unless configured otherwise.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The largest answer (JSON or error body) a client reads unless configured otherwise: 64 MiB.
///
/// Well above what 0.7.x sends (the largest answers are agent exports and pages of messages or
/// passages with embeddings, a few MB), yet small enough that a server sending without end cannot
/// take a process's memory: the client never holds more than this of one answer.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 64 * 1024 * 1024;
/// The largest stream event (or line) a client reads unless configured otherwise: 16 MiB.
///
/// An event is one message or one token chunk of one, a few KB; 16 MiB leaves room for a tool
/// return carrying a document while bounding what a server can make the client buffer.
pub const DEFAULT_MAX_EVENT_BYTES: u64 = 16 * 1024 * 1024;

/// A bearer token. Its `Debug` and `Display` never show the value.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// Wraps a token.
    pub fn new(token: impl Into<String>) -> Self {
        Self(token.into())
    }

    /// The token itself; call only to hand it to something that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

type LayerFn = Box<dyn FnOnce(Transport) -> Transport + Send>;

/// Configures and builds a [`LettaClient`].
///
/// ```
/// use std::time::Duration;
/// let client = letta_core::LettaClient::builder()
///     .base_url("http://localhost:8283")
///     .api_key("my-token")
///     .timeout(Duration::from_secs(60))
///     .build()?;
/// assert_eq!(client.base_url().as_str(), "http://localhost:8283/");
/// assert!(!format!("{client:?}").contains("my-token"));
/// # Ok::<(), letta_core::LettaError>(())
/// ```
#[must_use]
pub struct ClientBuilder {
    base_url: String,
    api_key: Option<ApiKey>,
    user_id: Option<String>,
    project: Option<String>,
    timeout: Option<Duration>,
    connect_timeout: Duration,
    stream_idle_timeout: Option<Duration>,
    stream_total_timeout: Option<Duration>,
    max_response_bytes: u64,
    max_event_bytes: u64,
    transport: Option<Transport>,
    layers: Vec<LayerFn>,
    server_version: Option<ServerVersion>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("api_key", &self.api_key)
            .field("user_id", &self.user_id)
            .field("project", &self.project)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("stream_idle_timeout", &self.stream_idle_timeout)
            .field("stream_total_timeout", &self.stream_total_timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("max_event_bytes", &self.max_event_bytes)
            .field("custom_transport", &self.transport.is_some())
            .field("layers", &self.layers.len())
            .field("server_version", &self.server_version)
            .finish()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self {
            base_url: DEFAULT_BASE_URL.to_owned(),
            api_key: None,
            user_id: None,
            project: None,
            timeout: Some(DEFAULT_TIMEOUT),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            stream_idle_timeout: Some(DEFAULT_STREAM_IDLE_TIMEOUT),
            stream_total_timeout: None,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            max_event_bytes: DEFAULT_MAX_EVENT_BYTES,
            transport: None,
            layers: Vec::new(),
            server_version: None,
        }
    }
}

impl ClientBuilder {
    /// Defaults: `http://localhost:8283`, no token, 300 s call timeout, 10 s connect timeout,
    /// 180 s stream idle timeout, no stream total timeout, 64 MiB per answer, 16 MiB per stream
    /// event.
    pub fn new() -> Self {
        Self::default()
    }

    /// Defaults overridden by `LETTA_BASE_URL` and `LETTA_API_KEY` when they are set and not empty.
    pub fn from_env() -> Self {
        let mut builder = Self::new();
        if let Some(url) = std::env::var(ENV_BASE_URL).ok().filter(|v| !v.trim().is_empty()) {
            builder.base_url = url;
        }
        if let Some(key) = std::env::var(ENV_API_KEY).ok().filter(|v| !v.trim().is_empty()) {
            builder.api_key = Some(ApiKey::new(key));
        }
        builder
    }

    /// The server's base URL, e.g. `http://localhost:8283` (a path prefix is kept).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// A bearer token, sent as `Authorization: Bearer ...` and never shown in `Debug` or errors.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(ApiKey::new(key));
        self
    }

    /// Acts as this user (`user_id` header). Note: 0.7.x silently treats an unknown id as the
    /// default user.
    pub fn user_id(mut self, user_id: impl Into<String>) -> Self {
        self.user_id = Some(user_id.into());
        self
    }

    /// Scopes requests to a project (`X-Project` header; used by Letta Cloud).
    pub fn project(mut self, project: impl Into<String>) -> Self {
        self.project = Some(project.into());
        self
    }

    /// Upper bound for a whole non-streaming call (send, and read the answer or the error
    /// answer's body); `None` disables it.
    ///
    /// A stream is under it until it opens: opening a stream (until the response headers
    /// arrive) may take this or the [stream idle timeout](Self::stream_idle_timeout), whichever
    /// is shorter, and an error answer's body must arrive within this of the send. Once open, a
    /// stream is bounded by its idle and total timeouts instead: it may legitimately run for
    /// minutes. A limit too large to add to the current time (`Duration::MAX`) means no limit.
    pub fn timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.timeout = timeout.into();
        self
    }

    /// Longest silence allowed on a stream (default 180 s); `None` disables it.
    ///
    /// Any bytes from the server count as activity: events, `: keep-alive` comments, blank lines
    /// (see the [stream module](crate::stream)). A server that trickles bytes without ever
    /// finishing an event is stopped by the [event size limit](Self::max_event_bytes) and the
    /// [total timeout](Self::stream_total_timeout). It also bounds opening the stream, together
    /// with the [call timeout](Self::timeout) (the shorter one applies). A limit too large to add
    /// to the current time (`Duration::MAX`) means no limit.
    pub fn stream_idle_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.stream_idle_timeout = timeout.into();
        self
    }

    /// Upper bound for a whole stream (default none), separate from the idle timeout. It counts
    /// from the send, so the time to open the stream is part of it. `Duration::MAX` means no
    /// limit.
    pub fn stream_total_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.stream_total_timeout = timeout.into();
        self
    }

    /// The largest answer, in bytes, the client reads: a JSON answer or an error answer's body
    /// (default [`DEFAULT_MAX_RESPONSE_BYTES`], 64 MiB; `u64::MAX` for no limit).
    ///
    /// An answer that declares a larger `Content-Length` is refused before its body is read; one
    /// that grows past the limit while being read is refused as soon as it does. Either is
    /// [`LettaError::TooLarge`], naming the request and the limit. Memory use for one answer
    /// stays near the limit (plus its decoded form).
    pub fn max_response_bytes(mut self, limit: u64) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// The largest stream event, in bytes, the client reads (default
    /// [`DEFAULT_MAX_EVENT_BYTES`], 16 MiB; `u64::MAX` for no limit): the bytes received since
    /// the previous event ended, so one long line, one event of many lines, or a run of comments
    /// with no event all count. Going past it ends the stream with
    /// [`StreamErrorKind::EventTooLarge`](crate::StreamErrorKind::EventTooLarge).
    pub fn max_event_bytes(mut self, limit: u64) -> Self {
        self.max_event_bytes = limit;
        self
    }

    /// Upper bound for opening a TCP connection (default transport only).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Replaces the default `reqwest` transport with any service of the right shape
    /// (a test double, a different HTTP stack).
    pub fn transport<S>(mut self, service: S) -> Self
    where
        S: Service<TransportRequest, Response = TransportResponse, Error = LettaError>
            + Clone
            + Send
            + Sync
            + 'static,
        S::Future: Send + 'static,
    {
        self.transport = Some(BoxCloneSyncService::new(service));
        self
    }

    /// Wraps the transport in a `tower` layer. Layers added first sit closest to the network;
    /// the last one added sees each request first.
    pub fn layer<L>(mut self, layer: L) -> Self
    where
        L: Layer<Transport> + Send + 'static,
        L::Service: Service<TransportRequest, Response = TransportResponse, Error = LettaError>
            + Clone
            + Send
            + Sync
            + 'static,
        <L::Service as Service<TransportRequest>>::Future: Send + 'static,
    {
        self.layers.push(Box::new(move |inner: Transport| {
            BoxCloneSyncService::new(layer.layer(inner))
        }));
        self
    }

    /// The server's version, so the client does not ask it (`GET /v1/health/`) before the first
    /// operation that only some servers serve. The version decides which operations are refused
    /// before sending ([`LettaError::NotServed`]) and the shape of those the two APIs send
    /// differently; see [`LettaClient::server_version`].
    ///
    /// ```
    /// use letta_core::ServerVersion;
    /// let client = letta_core::LettaClient::builder()
    ///     .base_url("http://localhost:8283")
    ///     .server_version(ServerVersion::V0_16_8)
    ///     .build()?;
    /// # Ok::<(), letta_core::LettaError>(())
    /// ```
    pub fn server_version(mut self, version: ServerVersion) -> Self {
        self.server_version = Some(version);
        self
    }

    /// Builds the client. Fails on a base URL that does not parse or a header value that is not
    /// valid (for instance a token with a newline).
    pub fn build(self) -> Result<LettaClient, LettaError> {
        let mut base_url = Url::parse(self.base_url.trim()).map_err(|e| {
            LettaError::Config(format!(
                "base URL {:?} is not a valid URL ({e}); expected something like {DEFAULT_BASE_URL}",
                self.base_url
            ))
        })?;
        if !matches!(base_url.scheme(), "http" | "https") {
            return Err(LettaError::Config(format!(
                "base URL {:?} must start with http:// or https://",
                self.base_url
            )));
        }
        base_url.set_query(None);
        base_url.set_fragment(None);
        let trimmed = base_url.path().trim_end_matches('/').to_owned();
        base_url.set_path(&trimmed);

        let mut headers = HeaderMap::new();
        if let Some(key) = &self.api_key {
            let mut value = HeaderValue::from_str(&format!("Bearer {}", key.expose())).map_err(|_| {
                LettaError::Config("the API key contains characters not allowed in an HTTP header".into())
            })?;
            value.set_sensitive(true);
            headers.insert(http::header::AUTHORIZATION, value);
        }
        if let Some(user_id) = &self.user_id {
            headers.insert(
                HeaderName::from_static("user_id"),
                header_value("user_id", user_id)?,
            );
        }
        if let Some(project) = &self.project {
            headers.insert(
                HeaderName::from_static("x-project"),
                header_value("project", project)?,
            );
        }
        headers.insert(
            http::header::USER_AGENT,
            HeaderValue::from_static(concat!("letta-rs/", env!("CARGO_PKG_VERSION"))),
        );

        let transport = match (self.transport, self.layers.is_empty()) {
            // Nothing to wrap: requests skip the type-erased service stack (see `Dispatch`).
            (None, true) => {
                let direct = ReqwestTransport::with_connect_timeout(self.connect_timeout)?;
                Dispatch::Direct(direct.reqwest_client().clone())
            }
            (custom, _) => {
                let mut transport = match custom {
                    Some(transport) => transport,
                    None => BoxCloneSyncService::new(ReqwestTransport::with_connect_timeout(
                        self.connect_timeout,
                    )?),
                };
                for layer in self.layers {
                    transport = layer(transport);
                }
                Dispatch::Service(transport)
            }
        };
        Ok(LettaClient {
            inner: Arc::new(Inner {
                base_url,
                headers,
                has_api_key: self.api_key.is_some(),
                timeout: self.timeout,
                stream_idle_timeout: self.stream_idle_timeout,
                stream_total_timeout: self.stream_total_timeout,
                max_response_bytes: self.max_response_bytes,
                max_event_bytes: self.max_event_bytes,
                transport,
                server_version: match self.server_version {
                    Some(version) => OnceLock::from(Some(version)),
                    None => OnceLock::new(),
                },
            }),
        })
    }
}

fn header_value(what: &str, value: &str) -> Result<HeaderValue, LettaError> {
    HeaderValue::from_str(value)
        .map_err(|_| LettaError::Config(format!("the {what} {value:?} is not a valid HTTP header value")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_key_never_printed() {
        let key = ApiKey::new("sk-very-secret");
        assert_eq!(format!("{key:?}"), "ApiKey(<redacted>)");
        assert_eq!(format!("{key}"), "<redacted>");
        let builder = ClientBuilder::new().api_key("sk-very-secret");
        assert!(!format!("{builder:?}").contains("very-secret"));
    }

    #[test]
    fn bad_base_url_is_invalid_input() {
        let err = ClientBuilder::new().base_url("not a url").build().unwrap_err();
        assert!(
            matches!(err, LettaError::Config(ref m) if m.contains("not a valid URL")),
            "{err}"
        );
        let err = ClientBuilder::new().base_url("ftp://x").build().unwrap_err();
        assert!(err.to_string().contains("http://"), "{err}");
    }

    #[test]
    fn base_url_prefix_kept_and_trailing_slash_trimmed() {
        let client = ClientBuilder::new()
            .base_url("http://h:1/letta/")
            .build()
            .unwrap();
        assert_eq!(
            client.url_for("/v1/agents/").as_str(),
            "http://h:1/letta/v1/agents/"
        );
    }

    #[test]
    fn header_with_newline_is_rejected_without_echoing_the_key() {
        let err = ClientBuilder::new().api_key("abc\ndef").build().unwrap_err();
        assert!(!err.to_string().contains("abc"), "{err}");
    }
}
