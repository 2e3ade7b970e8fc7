//! The HTTP transport, behind a [`tower::Service`] boundary.
//!
//! Every request the client makes goes through one service of type [`Transport`]:
//! `http::Request<Bytes>` in, `http::Response<ResponseBody>` out, [`LettaError`] on failure.
//! Middleware (retries, timeouts, concurrency limits, tracing) wraps that service with
//! [`ClientBuilder::layer`](crate::ClientBuilder::layer) and never touches the resource code.
//!
//! Request bodies are whole [`Bytes`], so a layer can clone a request cheaply (a retry policy
//! needs to); response bodies stay streaming, so server-sent events flow through unbuffered.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::BodyExt;
use http_body_util::combinators::BoxBody;
use tower::util::BoxCloneSyncService;

use crate::error::{BoxError, LettaError};

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

    /// A transport with a connect timeout and pooled keep-alive connections.
    pub fn with_connect_timeout(connect_timeout: Duration) -> Result<Self, LettaError> {
        let client = reqwest::Client::builder()
            .connect_timeout(connect_timeout)
            // 0.7.x closes a keep-alive connection after an unhandled 500; an idle pooled
            // connection kept too long is more likely to be one the server already dropped.
            .pool_idle_timeout(Duration::from_secs(30))
            .build()
            .map_err(|e| LettaError::InvalidInput(format!("could not build the HTTP client: {e}")))?;
        Ok(Self { client })
    }
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
            let request = reqwest::Request::try_from(request).map_err(|e| {
                LettaError::InvalidInput(format!("{method} {path}: not a valid request: {e}"))
            })?;
            let response = client.execute(request).await.map_err(|e| LettaError::Transport {
                method: method.clone(),
                path: path.clone(),
                maybe_sent: !e.is_connect(),
                source: Box::new(strip_url(e)),
            })?;
            let response: http::Response<reqwest::Body> = response.into();
            Ok(response.map(|body| body.map_err(|e| Box::new(strip_url(e)) as BoxError).boxed()))
        })
    }
}

/// reqwest errors carry the full URL, query string included; the error context already names
/// the method and path, so the URL is dropped rather than risk leaking a query parameter.
fn strip_url(e: reqwest::Error) -> reqwest::Error {
    e.without_url()
}

/// Reads a whole response body, mapping body errors to [`LettaError::Transport`].
pub(crate) async fn collect_body(
    body: ResponseBody,
    method: &http::Method,
    path: &str,
) -> Result<Bytes, LettaError> {
    body.collect()
        .await
        .map(|collected| collected.to_bytes())
        .map_err(|source| LettaError::Transport {
            method: method.clone(),
            path: path.to_owned(),
            maybe_sent: true,
            source,
        })
}
