//! The one error type every call returns.
//!
//! Every variant names the request it came from (`method` and `path`, never the query string or
//! headers, so no secret can leak into a message), and keeps what the server sent, so a caller can
//! log it or decide what to do next.

use std::time::Duration;

use http::{Method, StatusCode};

/// A boxed error from a transport or a body, as `tower` layers pass them around.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Everything that can go wrong when talking to a Letta server.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LettaError {
    /// The server answered with a non-success status.
    #[error("{method} {path} failed with {status}: {}", detail.as_deref().unwrap_or(body.as_str()))]
    Api {
        /// HTTP status the server answered with.
        status: StatusCode,
        /// Method of the request.
        method: Method,
        /// Path of the request (without the query string).
        path: String,
        /// The server's `detail` field, flattened to text when it is a list of validation errors.
        detail: Option<String>,
        /// The raw response body, as text.
        body: String,
    },

    /// The request never got an answer: connection refused, reset, DNS, TLS, a broken body.
    #[error(
        "{method} {path}: could not reach the Letta server ({source}); is it running and is the base URL right?"
    )]
    Transport {
        /// Method of the request.
        method: Method,
        /// Path of the request (without the query string).
        path: String,
        /// Whether the request may have reached the server. `false` only when the connection
        /// itself failed, so a retry cannot run an agent step twice.
        maybe_sent: bool,
        /// The underlying error.
        #[source]
        source: BoxError,
    },

    /// No complete answer arrived within the configured time.
    #[error("{method} {path}: no answer within {after:?}; raise the timeout or check the server")]
    Timeout {
        /// Method of the request.
        method: Method,
        /// Path of the request (without the query string).
        path: String,
        /// The limit that ran out.
        after: Duration,
    },

    /// The server answered 2xx but the body is not what this client expects.
    #[error(
        "{method} {path}: could not decode the response ({source}); body starts with: {}",
        preview(body)
    )]
    Decode {
        /// Method of the request.
        method: Method,
        /// Path of the request (without the query string).
        path: String,
        /// The full raw body, so nothing the server sent is lost.
        body: String,
        /// What serde said.
        #[source]
        source: serde_json::Error,
    },

    /// A streamed response failed part-way.
    #[error("{method} {path}: stream failed: {kind}")]
    Stream {
        /// Method of the request.
        method: Method,
        /// Path of the request (without the query string).
        path: String,
        /// What went wrong.
        kind: StreamErrorKind,
    },

    /// The caller's input was rejected before anything was sent.
    #[error("invalid input: {0}")]
    InvalidInput(String),

    /// Walking a paged list, the server handed back a cursor the walk had already followed, so
    /// following it would loop forever; the walk stopped there. The items yielded so far are
    /// what the server sent.
    #[error(
        "GET {path}: the server returned cursor {cursor} again; paging stopped to avoid a loop (after {requests} requests)"
    )]
    CursorCycle {
        /// Path of the list (without the query string).
        path: String,
        /// The cursor seen twice.
        cursor: String,
        /// Pages requested before stopping.
        requests: usize,
    },

    /// Background work (a run, a batch) had not finished when a wait for it ran out of time.
    /// The work goes on: wait again, or cancel it.
    #[error("{what} {id} was still {last_status} after {after:?}; wait longer or check the server")]
    WaitTimeout {
        /// What was waited for (`run`, `batch`).
        what: &'static str,
        /// Its ID.
        id: String,
        /// The last status seen.
        last_status: String,
        /// How long the wait lasted.
        after: Duration,
    },
}

/// Why a stream failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StreamErrorKind {
    /// The server sent an in-band `{"error": ...}` frame.
    #[error("the server reported: {0}")]
    Server(String),
    /// The stream ended without the closing `[DONE]` frame: the answer may be incomplete.
    #[error("the stream ended before [DONE]; the reply may be incomplete")]
    Truncated,
    /// An event could not be decoded; the raw data is kept.
    #[error("undecodable event ({reason}): {data}")]
    Decode {
        /// What serde said.
        reason: String,
        /// The raw `data:` payload.
        data: String,
    },
    /// The bytes of the stream were not valid server-sent events.
    #[error("malformed server-sent events: {0}")]
    Protocol(String),
    /// No event arrived for this long (the stream idle timeout).
    #[error("no event for {0:?}; the server went silent (raise the stream idle timeout if steps are slow)")]
    IdleTimeout(Duration),
    /// The whole stream took longer than this (the stream total timeout).
    #[error("the stream ran longer than its total timeout of {0:?}")]
    TotalTimeout(Duration),
}

impl LettaError {
    /// The HTTP status, when the server answered with an error status.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            LettaError::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The server's `detail` text, when it sent one.
    pub fn detail(&self) -> Option<&str> {
        match self {
            LettaError::Api { detail, .. } => detail.as_deref(),
            _ => None,
        }
    }

    /// True for every kind of timeout: a call's, and a stream's idle or total one.
    pub fn is_timeout(&self) -> bool {
        matches!(
            self,
            LettaError::Timeout { .. }
                | LettaError::Stream {
                    kind: StreamErrorKind::IdleTimeout(_) | StreamErrorKind::TotalTimeout(_),
                    ..
                }
        )
    }

    /// True for a 404 answer.
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(StatusCode::NOT_FOUND)
    }

    /// True when the request certainly did not reach the server (so re-sending it cannot
    /// duplicate an agent turn).
    pub fn is_connect(&self) -> bool {
        matches!(
            self,
            LettaError::Transport {
                maybe_sent: false,
                ..
            }
        )
    }
}

fn preview(body: &str) -> String {
    const MAX: usize = 200;
    if body.len() <= MAX {
        return body.to_owned();
    }
    let mut end = MAX;
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &body[..end])
}

/// Pulls a human-readable `detail` out of an error body.
///
/// FastAPI sends `{"detail": "text"}` for most errors and `{"detail": [{"loc": [...], "msg": ...}]}`
/// for validation errors (422); the second is flattened to `field.path: message; ...`.
pub(crate) fn extract_detail(body: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    match value.get("detail")? {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Array(items) => {
            let parts: Vec<String> = items
                .iter()
                .map(|item| {
                    let loc = item
                        .get("loc")
                        .and_then(|l| l.as_array())
                        .map(|l| {
                            l.iter()
                                .map(|p| match p {
                                    serde_json::Value::String(s) => s.clone(),
                                    other => other.to_string(),
                                })
                                .collect::<Vec<_>>()
                                .join(".")
                        })
                        .unwrap_or_default();
                    let msg = item
                        .get("msg")
                        .and_then(|m| m.as_str())
                        .map(str::to_owned)
                        .unwrap_or_else(|| item.to_string());
                    if loc.is_empty() {
                        msg
                    } else {
                        format!("{loc}: {msg}")
                    }
                })
                .collect();
            Some(parts.join("; "))
        }
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detail_string() {
        assert_eq!(
            extract_detail(r#"{"detail":"Agent not found"}"#).as_deref(),
            Some("Agent not found")
        );
    }

    #[test]
    fn detail_validation_list_is_flattened() {
        let body = r#"{"detail":[{"type":"missing","loc":["body","name"],"msg":"Field required"},{"loc":["query","limit"],"msg":"bad"}]}"#;
        assert_eq!(
            extract_detail(body).as_deref(),
            Some("body.name: Field required; query.limit: bad")
        );
    }

    #[test]
    fn detail_absent_or_not_json() {
        assert_eq!(extract_detail("<html>502</html>"), None);
        assert_eq!(extract_detail(r#"{"message":"x"}"#), None);
    }

    #[test]
    fn api_error_display_names_request_and_detail() {
        let err = LettaError::Api {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            method: Method::POST,
            path: "/v1/agents/".into(),
            detail: Some("body.name: Field required".into()),
            body: "{}".into(),
        };
        assert_eq!(
            err.to_string(),
            "POST /v1/agents/ failed with 422 Unprocessable Entity: body.name: Field required"
        );
        assert_eq!(err.status(), Some(StatusCode::UNPROCESSABLE_ENTITY));
    }

    #[test]
    fn decode_error_preview_is_bounded_and_char_safe() {
        let body = "é".repeat(300);
        let source = serde_json::from_str::<u8>("x").unwrap_err();
        let err = LettaError::Decode {
            method: Method::GET,
            path: "/v1/health/".into(),
            body: body.clone(),
            source,
        };
        let text = err.to_string();
        assert!(text.ends_with('…'), "{text}");
        assert!(text.len() < 400);
        match err {
            LettaError::Decode { body: kept, .. } => assert_eq!(kept, body),
            _ => unreachable!(),
        }
    }
}
