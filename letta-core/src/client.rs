//! [`LettaClient`] and the request verbs every resource handle uses.
//!
//! All calls funnel through [`LettaClient::execute`], so there is exactly one place that builds
//! URLs and headers, applies the timeout, and turns a failed answer into a [`LettaError`].

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, HeaderValue, Method};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tower::ServiceExt;
use url::Url;

use crate::config::ClientBuilder;
use crate::error::{LettaError, extract_detail};
use crate::operations::Operation;
use crate::stream::MessageStream;
use crate::transport::{ResponseBody, Transport, collect_body};

/// Query-string pairs, in order; a key may repeat (`tags=a&tags=b`).
pub(crate) type Query = Vec<(&'static str, String)>;

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
    pub(crate) transport: Transport,
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

/// How a request body is encoded.
pub(crate) enum RequestBody {
    Empty,
    Json(Bytes),
    /// Any other encoding (multipart uploads), with its content type.
    Raw {
        bytes: Bytes,
        content_type: String,
    },
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

    pub(crate) fn url_for(&self, path: &str) -> Url {
        let mut url = self.inner.base_url.clone();
        let joined = format!("{}{}", url.path().trim_end_matches('/'), path);
        url.set_path(&joined);
        url
    }

    /// Sends one request and returns the response if its status is a success; any other status
    /// becomes [`LettaError::Api`] with the server's detail. The body is not read on success.
    /// `extra` headers are added to the client's own (an operation that takes a header
    /// parameter, like `check_provider`'s `x-api-key`).
    pub(crate) async fn execute(
        &self,
        op: &'static Operation,
        path: &str,
        query: &Query,
        body: RequestBody,
        accept: &'static str,
        extra: HeaderMap,
    ) -> Result<http::Response<ResponseBody>, LettaError> {
        let method = op.http_method();
        let mut url = self.url_for(path);
        if !query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        let mut builder = http::Request::builder().method(method.clone()).uri(url.as_str());
        // Layers read the operation (its id, path template and `Repeat` class) from here.
        builder = builder.extension(*op);
        // The default transport takes the parsed URL from here instead of parsing it again.
        builder = builder.extension(crate::transport::ParsedUrl(url));
        if let Some(headers) = builder.headers_mut() {
            headers.extend(self.inner.headers.clone());
            headers.extend(extra);
            headers.insert(http::header::ACCEPT, HeaderValue::from_static(accept));
        }
        let bytes = match body {
            RequestBody::Empty => Bytes::new(),
            RequestBody::Json(bytes) => {
                builder = builder.header(http::header::CONTENT_TYPE, "application/json");
                bytes
            }
            RequestBody::Raw { bytes, content_type } => {
                builder = builder.header(http::header::CONTENT_TYPE, content_type);
                bytes
            }
        };
        let request = builder.body(bytes).map_err(|e| {
            LettaError::InvalidInput(format!("{method} {path}: could not build the request: {e}"))
        })?;

        tracing::debug!(%method, path, "letta request");
        let response = self.inner.transport.clone().oneshot(request).await?;
        let status = response.status();
        if status.is_success() {
            return Ok(response);
        }
        let raw = collect_body(response.into_body(), &method, path).await?;
        let body = String::from_utf8_lossy(&raw).into_owned();
        tracing::debug!(%method, path, %status, "letta error answer");
        Err(LettaError::Api {
            status,
            method,
            path: path.to_owned(),
            detail: extract_detail(&body),
            body,
        })
    }

    /// Sends one request of `op` (already resolved to `path`) and reads the whole answer,
    /// within the configured timeout.
    pub(crate) async fn op_bytes(
        &self,
        op: &'static Operation,
        path: &str,
        query: &Query,
        body: RequestBody,
        extra: HeaderMap,
    ) -> Result<Bytes, LettaError> {
        let method = op.http_method();
        let work = async {
            let response = self
                .execute(op, path, query, body, "application/json", extra)
                .await?;
            collect_body(response.into_body(), &method, path).await
        };
        match self.inner.timeout {
            Some(limit) => tokio::time::timeout(limit, work)
                .await
                .map_err(|_| LettaError::Timeout {
                    method: method.clone(),
                    path: path.to_owned(),
                    after: limit,
                })?,
            None => work.await,
        }
    }

    /// Sends one request of `op` (already resolved to `path`) and decodes its JSON answer.
    pub(crate) async fn op_json<T: DeserializeOwned>(
        &self,
        op: &'static Operation,
        path: &str,
        query: &Query,
        body: RequestBody,
    ) -> Result<T, LettaError> {
        let bytes = self.op_bytes(op, path, query, body, HeaderMap::new()).await?;
        decode(&op.http_method(), path, &bytes)
    }

    /// Runs one operation of the table and decodes its JSON answer.
    pub(crate) async fn run<T: DeserializeOwned>(
        &self,
        op: &'static Operation,
        params: &[&str],
        query: &Query,
        body: RequestBody,
    ) -> Result<T, LettaError> {
        let path = op.path(params)?;
        self.op_json(op, &path, query, body).await
    }

    /// Runs one operation with extra request headers and decodes its JSON answer.
    pub(crate) async fn run_with_headers<T: DeserializeOwned>(
        &self,
        op: &'static Operation,
        params: &[&str],
        query: &Query,
        headers: HeaderMap,
        body: RequestBody,
    ) -> Result<T, LettaError> {
        let path = op.path(params)?;
        let bytes = self.op_bytes(op, &path, query, body, headers).await?;
        decode(&op.http_method(), &path, &bytes)
    }

    /// Runs one operation whose answer carries nothing the caller needs.
    pub(crate) async fn run_unit(
        &self,
        op: &'static Operation,
        params: &[&str],
        query: &Query,
        body: RequestBody,
    ) -> Result<(), LettaError> {
        let path = op.path(params)?;
        self.op_bytes(op, &path, query, body, HeaderMap::new())
            .await
            .map(drop)
    }

    /// Runs one operation answered with server-sent events.
    pub(crate) async fn run_stream(
        &self,
        op: &'static Operation,
        params: &[&str],
        body: RequestBody,
    ) -> Result<MessageStream, LettaError> {
        let path = op.path(params)?;
        let method = op.http_method();
        let response = self
            .execute(
                op,
                &path,
                &Query::new(),
                body,
                "text/event-stream",
                HeaderMap::new(),
            )
            .await?;
        Ok(MessageStream::new(response.into_body(), method, path)
            .with_timeouts(self.inner.stream_idle_timeout, self.inner.stream_total_timeout))
    }
}

/// Encodes a request body as JSON.
pub(crate) fn json<B: Serialize + ?Sized>(body: &B) -> Result<RequestBody, LettaError> {
    serde_json::to_vec(body)
        .map(|v| RequestBody::Json(Bytes::from(v)))
        .map_err(|e| LettaError::InvalidInput(format!("the request body could not be encoded: {e}")))
}

pub(crate) fn decode<T: DeserializeOwned>(
    method: &Method,
    path: &str,
    bytes: &[u8],
) -> Result<T, LettaError> {
    serde_json::from_slice(bytes).map_err(|source| LettaError::Decode {
        method: method.clone(),
        path: path.to_owned(),
        body: String::from_utf8_lossy(bytes).into_owned(),
        source,
    })
}

/// A `multipart/form-data` body with one file field, as FastAPI's `UploadFile` expects.
pub(crate) fn multipart_file(
    field: &str,
    file_name: &str,
    content_type: &str,
    content: &[u8],
) -> RequestBody {
    // The boundary must not occur in the content; a clash just moves to the next candidate.
    let mut n: u64 = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let boundary = loop {
        let candidate = format!("letta-rs-{n:016x}");
        if !content
            .windows(candidate.len())
            .any(|w| w == candidate.as_bytes())
        {
            break candidate;
        }
        n = n.wrapping_add(1);
    };
    let quote = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    let mut body = Vec::with_capacity(content.len() + 256);
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\nContent-Type: {content_type}\r\n\r\n",
            quote(field),
            quote(file_name)
        )
        .as_bytes(),
    );
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    RequestBody::Raw {
        bytes: Bytes::from(body),
        content_type: format!("multipart/form-data; boundary={boundary}"),
    }
}

/// Escapes one path segment (an ID, a block label) so it cannot change the route.
pub(crate) fn seg(value: &str) -> String {
    const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    let encoded = percent_encoding::utf8_percent_encode(value, SEGMENT).to_string();
    // "." and ".." are dot-segments that URL normalisation would resolve away.
    if encoded.chars().all(|c| c == '.') {
        return encoded.replace('.', "%2E");
    }
    encoded
}

/// Adds `key=value` to a query when the value is set.
pub(crate) fn push_opt<T: ToString>(query: &mut Query, key: &'static str, value: &Option<T>) {
    if let Some(value) = value {
        query.push((key, value.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_cannot_escape_the_route() {
        assert_eq!(seg("agent-1234_ab.c~"), "agent-1234_ab.c~");
        assert_eq!(seg("../x?y#z w/"), "..%2Fx%3Fy%23z%20w%2F");
        assert_eq!(seg(".."), "%2E%2E");
        assert_eq!(seg(""), "");
    }

    #[test]
    fn multipart_wraps_the_file_in_one_part() {
        let RequestBody::Raw { bytes, content_type } =
            multipart_file("file", "a\"b.json", "application/json", b"{\"x\":1}")
        else {
            panic!("not a raw body");
        };
        let boundary = content_type
            .strip_prefix("multipart/form-data; boundary=")
            .unwrap();
        let text = String::from_utf8(bytes.to_vec()).unwrap();
        assert!(text.starts_with(&format!("--{boundary}\r\n")));
        assert!(text.contains("name=\"file\"; filename=\"a\\\"b.json\""));
        assert!(text.contains("Content-Type: application/json\r\n\r\n{\"x\":1}\r\n"));
        assert!(text.ends_with(&format!("\r\n--{boundary}--\r\n")));
    }

    #[test]
    fn decode_keeps_the_raw_body() {
        let err = decode::<u32>(&Method::GET, "/v1/x", b"{oops").unwrap_err();
        match err {
            LettaError::Decode { body, path, .. } => {
                assert_eq!(body, "{oops");
                assert_eq!(path, "/v1/x");
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}
