//! The one error type every call returns.
//!
//! Every variant names the request it came from (`method` and `path`, never the query string or
//! headers, so no secret can leak into a message), and keeps what the server sent, so a caller can
//! log it or decide what to do next.

use std::time::Duration;

use http::{Method, StatusCode};

mod classify;

pub use classify::{ErrorOrigin, FailureClass};

/// A boxed error from a transport or a body, as `tower` layers pass them around.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Everything that can go wrong when talking to a Letta server.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LettaError {
    /// The server answered with a non-success status.
    ///
    /// `Display` shows at most [`DISPLAY_DETAIL_LIMIT`] bytes of the detail (or of the body);
    /// the fields keep everything the server sent.
    #[error("{method} {path} failed with {status}: {}", preview(detail.as_deref().unwrap_or(body.as_str()), DISPLAY_DETAIL_LIMIT))]
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
    ///
    /// `Display` shows the whole chain of causes (never a URL: the client strips it).
    #[error(
        "{method} {path}: could not reach the Letta server ({}); is it running and is the base URL right?",
        Chain(source.as_ref())
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

    /// An answer was larger than the client accepts
    /// ([`ClientBuilder::max_response_bytes`](crate::ClientBuilder::max_response_bytes)). Nothing
    /// beyond the limit was read.
    #[error(
        "{method} {path}: the answer ({status}) is larger than the limit of {limit} bytes{}; raise \
         ClientBuilder::max_response_bytes if answers this large are expected",
        declared.map(|n| format!(" (it declares {n} bytes)")).unwrap_or_default()
    )]
    TooLarge {
        /// Method of the request.
        method: Method,
        /// Path of the request (without the query string).
        path: String,
        /// The status of the answer (an error answer's body is under the same limit).
        status: StatusCode,
        /// The limit, in bytes.
        limit: u64,
        /// The size the answer declared (`Content-Length`), when it declared one over the limit;
        /// `None` when it went over while being read.
        declared: Option<u64>,
    },

    /// No complete answer arrived within the configured time (for a stream: no response headers
    /// within the call or the idle timeout, whichever is shorter).
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
        preview(body, DECODE_PREVIEW)
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

    /// The client's configuration is unusable (a base URL, an API key or a header that cannot
    /// be sent, an HTTP client that could not be built); nothing was sent.
    #[error("configuration: {0}")]
    Config(String),

    /// Something the caller named (a tool, a group) does not exist on the server: the server
    /// answered, and what was asked for is not there. `is_not_found()` holds for it, as for a
    /// 404.
    #[error("no {what} named `{name}` on the server; {hint}")]
    NotFoundByName {
        /// What was looked up (`tool`, `sleep-time group`).
        what: &'static str,
        /// The name it was looked up by.
        name: String,
        /// What to do about it.
        hint: &'static str,
    },

    /// The connected server does not serve this operation (it is a 0.7.x operation 0.16 removed,
    /// one 0.16 added, or one only Letta Cloud serves); nothing was sent. The client learns the
    /// server's version once (`GET /v1/health/`), or takes it from
    /// [`ClientBuilder::server_version`](crate::ClientBuilder::server_version).
    #[error(
        "{method} {path} ({operation}) is not served by Letta {server_version}: {hint}; nothing was sent"
    )]
    NotServed {
        /// The operation's ID.
        operation: &'static str,
        /// Its method.
        method: crate::operations::HttpMethod,
        /// Its path template.
        path: &'static str,
        /// The server's version, as it reported it.
        server_version: String,
        /// Which servers do serve it, and what to use instead.
        hint: &'static str,
    },

    /// A component the request had to pass through (a concurrency-limit layer) was shut down;
    /// nothing was sent. Build a new client or layer.
    #[error("{0} was shut down; nothing was sent (build a new one)")]
    Closed(&'static str),

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
    /// The server sent an in-band `{"error": ...}` frame. `Display` shows at most
    /// [`DISPLAY_DETAIL_LIMIT`] bytes of it.
    #[error("the server reported: {}", preview(.0, DISPLAY_DETAIL_LIMIT))]
    Server(String),
    /// The stream ended without the closing `[DONE]` frame: the answer may be incomplete.
    #[error("the stream ended before [DONE]; the reply may be incomplete")]
    Truncated,
    /// An event could not be decoded; the raw data is kept (`Display` shows at most
    /// [`DISPLAY_DETAIL_LIMIT`] bytes of it).
    #[error("undecodable event ({reason}): {}", preview(data, DISPLAY_DETAIL_LIMIT))]
    Decode {
        /// What serde said.
        reason: String,
        /// The raw `data:` payload.
        data: String,
    },
    /// The bytes of the stream were not valid server-sent events.
    #[error("malformed server-sent events: {0}")]
    Protocol(String),
    /// Nothing arrived for this long (the stream idle timeout); see the [stream
    /// module](crate::stream) for what counts as activity.
    #[error(
        "nothing received for {0:?}; the server went silent (raise the stream idle timeout if steps are slow)"
    )]
    IdleTimeout(Duration),
    /// One event (or one line) grew past this many bytes before it ended; the stream was stopped
    /// without reading further.
    #[error(
        "an event grew past the limit of {limit} bytes; raise ClientBuilder::max_event_bytes if \
         events this large are expected"
    )]
    EventTooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
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

    /// True when an answer or a stream event was larger than the client accepts
    /// ([`LettaError::TooLarge`], [`StreamErrorKind::EventTooLarge`]).
    pub fn is_too_large(&self) -> bool {
        matches!(
            self,
            LettaError::TooLarge { .. }
                | LettaError::Stream {
                    kind: StreamErrorKind::EventTooLarge { .. },
                    ..
                }
        )
    }

    /// True for a 404 answer, and for a name looked up and not found
    /// ([`LettaError::NotFoundByName`]).
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(StatusCode::NOT_FOUND) || matches!(self, LettaError::NotFoundByName { .. })
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

/// The most bytes of a server's detail, an error body or a stream payload that an error's
/// `Display` shows; the error's fields keep all of it.
pub const DISPLAY_DETAIL_LIMIT: usize = 4096;

/// How much of a decode error's body its `Display` shows.
const DECODE_PREVIEW: usize = 200;

/// The first `max` bytes of `text` (cut at a char boundary), with an ellipsis when cut.
fn preview(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if text.len() <= max {
        return text.into();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end]).into()
}

/// Shows an error and each of its causes, `a: b: c`, skipping a cause whose text the previous
/// one already shows (some errors repeat their source in their own message).
struct Chain<'a>(&'a (dyn std::error::Error + 'static));

impl std::fmt::Display for Chain<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut shown = self.0.to_string();
        f.write_str(&shown)?;
        let mut next = self.0.source();
        // Bounded: a cyclic or absurdly deep chain cannot make `Display` run away.
        for _ in 0..16 {
            let Some(cause) = next else { break };
            let text = cause.to_string();
            if !text.is_empty() && !shown.contains(&text) {
                write!(f, ": {text}")?;
            }
            shown = text;
            next = cause.source();
        }
        Ok(())
    }
}

/// The largest error body whose `detail` is extracted.
const DETAIL_PARSE_LIMIT: usize = 1024 * 1024;

/// Pulls a human-readable `detail` out of an error body.
///
/// FastAPI sends `{"detail": "text"}` for most errors and `{"detail": [{"loc": [...], "msg": ...}]}`
/// for validation errors (422); the second is flattened to `field.path: message; ...`.
///
/// A body over [`DETAIL_PARSE_LIMIT`] is not parsed (a generic JSON tree costs many times its
/// text in memory); its error shows the start of the body instead.
pub(crate) fn extract_detail(body: &str) -> Option<String> {
    if body.len() > DETAIL_PARSE_LIMIT {
        return None;
    }
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

    #[test]
    fn api_error_display_is_bounded_and_the_body_stays_whole() {
        // 512 KB of text with multi-byte characters, so the cut must find a char boundary.
        let body = "ü€x".repeat(512 * 1024 / 6);
        let err = LettaError::Api {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            method: Method::GET,
            path: "/v1/agents/".into(),
            detail: None,
            body: body.clone(),
        };
        let text = err.to_string();
        assert!(text.starts_with("GET /v1/agents/ failed with 500 Internal Server Error: ü€x"));
        assert!(text.ends_with('…'), "{}", &text[text.len() - 20..]);
        assert!(text.len() <= DISPLAY_DETAIL_LIMIT + 100, "{}", text.len());
        match err {
            LettaError::Api { body: kept, .. } => assert_eq!(kept, body),
            _ => unreachable!(),
        }
        // A long detail is cut the same way.
        let detail = "d".repeat(100_000);
        let err = LettaError::Api {
            status: StatusCode::BAD_REQUEST,
            method: Method::GET,
            path: "/p".into(),
            detail: Some(detail),
            body: String::new(),
        };
        assert!(err.to_string().len() < DISPLAY_DETAIL_LIMIT + 100);
    }

    #[test]
    fn stream_error_display_is_bounded() {
        let data = "é".repeat(10 * 1024 * 1024);
        for kind in [
            StreamErrorKind::Decode {
                reason: "bad".into(),
                data: data.clone(),
            },
            StreamErrorKind::Server(data.clone()),
        ] {
            let text = kind.to_string();
            assert!(text.len() < DISPLAY_DETAIL_LIMIT + 100, "{}", text.len());
            assert!(text.ends_with('…'));
        }
        let kind = StreamErrorKind::EventTooLarge { limit: 1024 };
        assert_eq!(
            kind.to_string(),
            "an event grew past the limit of 1024 bytes; raise ClientBuilder::max_event_bytes if events this large are expected"
        );
    }

    #[test]
    fn a_large_error_body_is_not_parsed_for_its_detail() {
        let body = format!("{{\"detail\":\"{}\"}}", "x".repeat(DETAIL_PARSE_LIMIT));
        assert_eq!(extract_detail(&body), None);
    }

    #[derive(Debug)]
    struct Layer(&'static str, Option<Box<Layer>>);
    impl std::fmt::Display for Layer {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }
    impl std::error::Error for Layer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            self.1.as_deref().map(|l| l as _)
        }
    }

    #[test]
    fn transport_display_shows_the_cause_chain() {
        let source = Layer(
            "error sending request",
            Some(Box::new(Layer(
                "client error (SendRequest)",
                Some(Box::new(Layer(
                    "connection closed before message completed",
                    None,
                ))),
            ))),
        );
        let err = LettaError::Transport {
            method: Method::GET,
            path: "/v1/agents/".into(),
            maybe_sent: true,
            source: Box::new(source),
        };
        assert_eq!(
            err.to_string(),
            "GET /v1/agents/: could not reach the Letta server (error sending request: client error \
             (SendRequest): connection closed before message completed); is it running and is the \
             base URL right?"
        );
    }

    #[test]
    fn too_large_names_the_request_and_the_limit() {
        let err = LettaError::TooLarge {
            method: Method::GET,
            path: "/v1/agents/".into(),
            status: StatusCode::OK,
            limit: 8,
            declared: Some(9),
        };
        assert!(err.is_too_large());
        assert_eq!(
            err.to_string(),
            "GET /v1/agents/: the answer (200 OK) is larger than the limit of 8 bytes (it declares 9 \
             bytes); \
             raise ClientBuilder::max_response_bytes if answers this large are expected"
        );
    }
}
