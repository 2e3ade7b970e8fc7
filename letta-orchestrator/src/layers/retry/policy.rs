//! The `tower::retry::Policy`: which outcomes are retried, how long to wait, when to give up.

use std::fmt;
use std::sync::Arc;
use std::time::SystemTime;

use http::{Method, StatusCode};
use letta_core::operations::{Operation, Repeat};
use letta_core::transport::{TransportRequest, TransportResponse};
use letta_core::{FailureClass, LettaError};

use super::Backoff;
use super::RetryOverride;
use super::backoff::server_delay;
use super::config::RetryConfig;

/// The retry policy behind [`RetryLayer`](super::RetryLayer). `tower` clones it for each
/// request, so `attempts` counts that request's attempts; everything else is shared.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    shared: Arc<Shared>,
    /// Attempts of this request that have finished (0 in the layer's own copy).
    attempts: u32,
}

#[derive(Debug)]
struct Shared {
    config: RetryConfig,
    backoff: Backoff,
}

/// Why a request is retried (logged with each retry).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RetryReason {
    /// The connection failed before anything was sent: safe to retry whatever the request is.
    NotSent,
    /// The connection broke after the request may have been sent.
    Transport,
    /// No answer in time.
    Timeout,
    /// The server answered with a retryable status (408, 429, 5xx).
    Status(StatusCode),
}

impl fmt::Display for RetryReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RetryReason::NotSent => f.write_str("connection failed before sending"),
            RetryReason::Transport => f.write_str("transport error"),
            RetryReason::Timeout => f.write_str("timeout"),
            RetryReason::Status(status) => write!(f, "status {status}"),
        }
    }
}

impl RetryPolicy {
    /// A policy with `config`; its budget is shared by all clones.
    pub fn new(config: RetryConfig) -> Self {
        let backoff = Backoff::new(config.base_delay, config.max_delay, config.jitter);
        Self {
            shared: Arc::new(Shared { config, backoff }),
            attempts: 0,
        }
    }

    /// Attempts in all for this request: its [`RetryOverride`], else its operation's override
    /// in the config, else the config's default.
    fn attempts_allowed(&self, request: &TransportRequest) -> u32 {
        let per_request = request
            .extensions()
            .get::<RetryOverride>()
            .and_then(|o| o.max_attempts);
        per_request.unwrap_or_else(|| {
            let id = request.extensions().get::<Operation>().map(|op| op.id);
            self.shared.config.attempts_of(id)
        })
    }
}

/// The request's repeat class: from its operation, or, for a request built without one, from
/// its method (POST and unknown methods are unsafe).
pub(crate) fn repeat_of(request: &TransportRequest) -> Repeat {
    if let Some(op) = request.extensions().get::<Operation>() {
        return op.repeat;
    }
    match *request.method() {
        Method::GET | Method::HEAD | Method::OPTIONS | Method::PUT | Method::DELETE | Method::PATCH => {
            Repeat::Idempotent
        }
        _ => Repeat::Unsafe,
    }
}

/// Whether this outcome may be retried for a request of class `repeat`, and why.
pub(crate) fn retry_reason(
    repeat: Repeat,
    result: &Result<TransportResponse, LettaError>,
) -> Option<RetryReason> {
    // Only an idempotent request may be repeated after an outcome that leaves open whether the
    // server acted on it; `Repeat` is non-exhaustive, so anything new counts as unsafe.
    let idempotent = matches!(repeat, Repeat::Idempotent);
    match result {
        Err(error) => match (error.failure_class(), error) {
            (FailureClass::NotSent, _) => Some(RetryReason::NotSent),
            (FailureClass::MayHaveRun, LettaError::Transport { .. }) if idempotent => {
                Some(RetryReason::Transport)
            }
            (FailureClass::MayHaveRun, LettaError::Timeout { .. }) if idempotent => {
                Some(RetryReason::Timeout)
            }
            _ => None,
        },
        Ok(response)
            if idempotent && FailureClass::of_status(response.status()) == FailureClass::MayHaveRun =>
        {
            Some(RetryReason::Status(response.status()))
        }
        Ok(_) => None,
    }
}

impl tower::retry::Policy<TransportRequest, TransportResponse, LettaError> for RetryPolicy {
    type Future = tokio::time::Sleep;

    fn retry(
        &mut self,
        request: &mut TransportRequest,
        result: &mut Result<TransportResponse, LettaError>,
    ) -> Option<Self::Future> {
        self.attempts = self.attempts.saturating_add(1);
        let reason = retry_reason(repeat_of(request), result)?;
        let operation = request
            .extensions()
            .get::<Operation>()
            .map_or("(none)", |op| op.id);
        let attempt = self.attempts;
        let allowed = self.attempts_allowed(request);
        if attempt >= allowed {
            tracing::info!(operation, attempt, %reason, "giving up: no attempts left");
            return None;
        }
        let asked = match result {
            Ok(response) => server_delay(response.headers(), SystemTime::now()),
            Err(_) => None,
        };
        let delay = match asked {
            Some(asked) if asked > self.shared.config.max_retry_after => {
                tracing::info!(operation, attempt, %reason, ?asked, "giving up: the server asks to wait longer than allowed");
                return None;
            }
            Some(asked) => asked,
            None => self.shared.backoff.delay(attempt),
        };
        if !self.shared.config.budget.withdraw() {
            tracing::warn!(operation, attempt, %reason, "giving up: retry budget exhausted");
            return None;
        }
        tracing::warn!(operation, attempt, %reason, ?delay, "retrying");
        // The next attempt's copy is cloned from this request: it carries its number.
        request
            .extensions_mut()
            .insert(crate::layers::Attempt(attempt + 1));
        // Returning `Some` makes tower drop `result`: a retried error response's body is
        // released here, never read.
        Some(tokio::time::sleep(delay))
    }

    fn clone_request(&mut self, request: &TransportRequest) -> Option<TransportRequest> {
        // Called once on the layer's own copy for each new request (attempts == 0), and again
        // on the request's copy before each retry.
        if self.attempts == 0 {
            self.shared.config.budget.deposit();
        }
        if self.attempts_allowed(request) <= 1 {
            return None;
        }
        Some(clone_request(request))
    }
}

/// A copy of `request`: method, URI, version, headers, body (cheap `Bytes`) and extensions
/// (the `Operation` among them).
fn clone_request(request: &TransportRequest) -> TransportRequest {
    let mut copy = http::Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.version_mut() = request.version();
    *copy.headers_mut() = request.headers().clone();
    *copy.extensions_mut() = request.extensions().clone();
    copy
}

#[cfg(test)]
mod tests {
    use super::*;
    use letta_core::operations as ops;
    use letta_core::transport::full_body;

    fn request(op: Option<Operation>, method: Method) -> TransportRequest {
        let mut r = http::Request::builder()
            .method(method)
            .uri("http://localhost/x")
            .header("authorization", "Bearer secret")
            .body(bytes::Bytes::from_static(b"{\"a\":1}"))
            .unwrap();
        if let Some(op) = op {
            r.extensions_mut().insert(op);
        }
        r
    }

    fn status(code: u16) -> Result<TransportResponse, LettaError> {
        Ok(http::Response::builder()
            .status(code)
            .body(full_body(""))
            .unwrap())
    }

    #[test]
    fn repeat_class_from_operation_then_method() {
        assert_eq!(
            repeat_of(&request(Some(ops::SEND_MESSAGE), Method::POST)),
            Repeat::AgentTurn
        );
        assert_eq!(
            repeat_of(&request(Some(ops::LIST_AGENTS), Method::GET)),
            Repeat::Idempotent
        );
        assert_eq!(repeat_of(&request(None, Method::GET)), Repeat::Idempotent);
        assert_eq!(repeat_of(&request(None, Method::PATCH)), Repeat::Idempotent);
        assert_eq!(repeat_of(&request(None, Method::DELETE)), Repeat::Idempotent);
        assert_eq!(repeat_of(&request(None, Method::POST)), Repeat::Unsafe);
    }

    #[test]
    fn statuses_retried_for_idempotent_only() {
        for code in [408, 429, 500, 502, 503, 504] {
            assert_eq!(
                retry_reason(Repeat::Idempotent, &status(code)),
                Some(RetryReason::Status(StatusCode::from_u16(code).unwrap()))
            );
            assert_eq!(retry_reason(Repeat::Unsafe, &status(code)), None);
            assert_eq!(retry_reason(Repeat::AgentTurn, &status(code)), None);
        }
        for code in [200, 201, 400, 404, 409, 422] {
            assert_eq!(retry_reason(Repeat::Idempotent, &status(code)), None);
        }
    }

    #[test]
    fn clone_copies_everything() {
        let mut original = request(Some(ops::SEND_MESSAGE), Method::POST);
        original.extensions_mut().insert(RetryOverride {
            max_attempts: Some(4),
        });
        let copy = clone_request(&original);
        assert_eq!(copy.method(), Method::POST);
        assert_eq!(copy.uri(), original.uri());
        assert_eq!(copy.headers(), original.headers());
        assert_eq!(copy.body(), original.body());
        assert_eq!(copy.extensions().get::<Operation>(), Some(&ops::SEND_MESSAGE));
        assert_eq!(
            copy.extensions().get::<RetryOverride>(),
            Some(&RetryOverride {
                max_attempts: Some(4)
            })
        );
    }
}
