//! Streamed agent replies: server-sent events decoded into typed [`StreamEvent`]s.
//!
//! The server reports failures in-band (`data: {"error": ...}` with status 200) and ends every
//! good stream with `data: [DONE]`. Both are enforced here: an error frame becomes an `Err`, and a
//! body that ends without `[DONE]` becomes [`StreamErrorKind::Truncated`], never a silent success.
//! After yielding an error the stream ends.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use futures_core::Stream;
use http::Method;
use http_body_util::BodyDataStream;
use serde_json::Value;
use sse_stream::{Sse, SseByteStream};
use tokio::time::{Instant, Sleep};

use crate::error::{BoxError, LettaError, StreamErrorKind};
use crate::transport::ResponseBody;
use crate::types::{LettaMessage, LettaUsageStatistics};

/// One event of a streamed agent step.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum StreamEvent {
    /// A message (whole, or a token chunk of one when streaming tokens).
    Message(LettaMessage),
    /// Token usage; sent last, before `[DONE]`.
    Usage(LettaUsageStatistics),
    /// An event of a kind this client does not know yet, kept as sent.
    Other(Value),
}

impl StreamEvent {
    /// The message, if this event is one.
    pub fn as_message(&self) -> Option<&LettaMessage> {
        match self {
            StreamEvent::Message(m) => Some(m),
            _ => None,
        }
    }
}

/// A body error that is a `std::error::Error`, as the SSE parser requires.
#[derive(Debug)]
struct BodyError(BoxError);

impl std::fmt::Display for BodyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for BodyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(self.0.as_ref())
    }
}

type ByteStream = Pin<Box<dyn Stream<Item = Result<Bytes, BodyError>> + Send>>;

/// The stream of events of one agent step. Ends after `[DONE]` or after the first error.
pub struct MessageStream {
    events: SseByteStream<ByteStream>,
    method: Method,
    path: String,
    finished: bool,
    /// Longest silence allowed between two events, and the timer for it.
    idle: Option<(Duration, Pin<Box<Sleep>>)>,
    /// Deadline for the whole stream, if any.
    total: Option<(Duration, Pin<Box<Sleep>>)>,
}

impl std::fmt::Debug for MessageStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MessageStream")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("finished", &self.finished)
            .finish()
    }
}

impl MessageStream {
    pub(crate) fn new(body: ResponseBody, method: Method, path: impl Into<String>) -> Self {
        let bytes: ByteStream = Box::pin(futures_util::TryStreamExt::map_err(
            BodyDataStream::new(body),
            BodyError,
        ));
        Self {
            events: SseByteStream::new(bytes),
            method,
            path: path.into(),
            finished: false,
            idle: None,
            total: None,
        }
    }

    /// Ends the stream with a timeout error when no event arrives for `idle`, or when the whole
    /// stream takes longer than `total`. The idle timer restarts at every event, so a long agent
    /// step is never cut while events still flow.
    pub fn with_timeouts(mut self, idle: Option<Duration>, total: Option<Duration>) -> Self {
        self.idle = idle.map(|d| (d, Box::pin(tokio::time::sleep(d))));
        self.total = total.map(|d| (d, Box::pin(tokio::time::sleep(d))));
        self
    }

    fn timed_out(&mut self, kind: StreamErrorKind) -> Poll<Option<Result<StreamEvent, LettaError>>> {
        self.fail(kind)
    }

    fn fail(&mut self, kind: StreamErrorKind) -> Poll<Option<Result<StreamEvent, LettaError>>> {
        self.finished = true;
        Poll::Ready(Some(Err(LettaError::Stream {
            method: self.method.clone(),
            path: self.path.clone(),
            kind,
        })))
    }

    /// Decodes a server-sent-events body obtained elsewhere (a recorded reply, a custom transport).
    pub fn from_body(body: ResponseBody) -> Self {
        Self::new(body, Method::POST, "(body)")
    }

    /// Reads the whole stream into a list of events, failing on the first error.
    pub async fn collect_events(mut self) -> Result<Vec<StreamEvent>, LettaError> {
        use futures_util::StreamExt;
        let mut events = Vec::new();
        while let Some(event) = self.next().await {
            events.push(event?);
        }
        Ok(events)
    }
}

/// Decodes one `data:` payload.
///
/// Almost every payload is a message of a known type, decoded in one pass straight into its
/// variant (see `types/message_decode.rs`). The rest (usage, error payloads, unknown types, and
/// anything that did not decode) take the general path through a `Value`, which also words the
/// errors.
pub(crate) fn decode_event(data: &str) -> Result<Option<StreamEvent>, StreamErrorKind> {
    match serde_json::from_str::<LettaMessage>(data) {
        Ok(LettaMessage::Other(value)) => decode_value(value, data),
        Ok(message) => Ok(Some(StreamEvent::Message(message))),
        Err(_) => {
            let value = serde_json::from_str(data).map_err(|e| StreamErrorKind::Decode {
                reason: e.to_string(),
                data: data.to_owned(),
            })?;
            decode_value(value, data)
        }
    }
}

/// Decodes a payload already read as a `Value` (from `data`): an error, usage, a message, or
/// something else.
fn decode_value(value: Value, data: &str) -> Result<Option<StreamEvent>, StreamErrorKind> {
    if let Some(error) = value.get("error") {
        let message = match error {
            Value::String(s) => s.clone(),
            Value::Object(o) => o
                .get("message")
                .or_else(|| o.get("detail"))
                .and_then(Value::as_str)
                .map(str::to_owned)
                .unwrap_or_else(|| error.to_string()),
            other => other.to_string(),
        };
        return Err(StreamErrorKind::Server(message));
    }
    let tag = value.get("message_type").and_then(Value::as_str);
    let event = match tag {
        Some("usage_statistics") => {
            StreamEvent::Usage(
                serde_json::from_value(value).map_err(|e| StreamErrorKind::Decode {
                    reason: e.to_string(),
                    data: data.to_owned(),
                })?,
            )
        }
        Some(_) => match LettaMessage::from_value(value) {
            Ok(LettaMessage::Other(v)) => StreamEvent::Other(v),
            Ok(message) => StreamEvent::Message(message),
            Err(e) => {
                return Err(StreamErrorKind::Decode {
                    reason: e.to_string(),
                    data: data.to_owned(),
                });
            }
        },
        None => StreamEvent::Other(value),
    };
    Ok(Some(event))
}

impl Stream for MessageStream {
    type Item = Result<StreamEvent, LettaError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if this.finished {
            return Poll::Ready(None);
        }
        loop {
            if let Some((after, deadline)) = &mut this.total {
                if deadline.as_mut().poll(cx).is_ready() {
                    let after = *after;
                    return this.timed_out(StreamErrorKind::TotalTimeout(after));
                }
            }
            let next = match Pin::new(&mut this.events).poll_next(cx) {
                Poll::Pending => {
                    if let Some((after, timer)) = &mut this.idle {
                        if timer.as_mut().poll(cx).is_ready() {
                            let after = *after;
                            return this.timed_out(StreamErrorKind::IdleTimeout(after));
                        }
                    }
                    return Poll::Pending;
                }
                Poll::Ready(next) => next,
            };
            if let Some((after, timer)) = &mut this.idle {
                timer.as_mut().reset(Instant::now() + *after);
            }
            let sse: Sse = match next {
                None => return this.fail(StreamErrorKind::Truncated),
                Some(Err(sse_stream::Error::Body(source))) => {
                    this.finished = true;
                    return Poll::Ready(Some(Err(LettaError::Transport {
                        method: this.method.clone(),
                        path: this.path.clone(),
                        maybe_sent: true,
                        source,
                    })));
                }
                Some(Err(other)) => return this.fail(StreamErrorKind::Protocol(other.to_string())),
                Some(Ok(sse)) => sse,
            };
            let Some(data) = sse.data else {
                // Comments and keep-alives carry no data.
                continue;
            };
            let data = data.trim();
            if data.is_empty() {
                continue;
            }
            if data == "[DONE]" {
                this.finished = true;
                return Poll::Ready(None);
            }
            match decode_event(data) {
                Ok(Some(event)) => return Poll::Ready(Some(Ok(event))),
                Ok(None) => continue,
                Err(kind) => return this.fail(kind),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::full_body;
    use futures_util::StreamExt;

    fn stream_of(text: &'static str) -> MessageStream {
        MessageStream::new(full_body(text), Method::POST, "/v1/agents/a/messages/stream")
    }

    const ASSISTANT: &str = r#"{"id":"message-1","date":"2026-11-23T14:58:38+00:00","message_type":"assistant_message","content":"Hi"}"#;

    #[tokio::test]
    async fn decodes_messages_and_usage_until_done() {
        let body = format!(
            "data: {ASSISTANT}\n\ndata: {{\"message_type\":\"usage_statistics\",\"completion_tokens\":3,\"prompt_tokens\":5,\"total_tokens\":8,\"step_count\":1}}\n\ndata: [DONE]\n\n"
        );
        let events = MessageStream::new(full_body(body), Method::POST, "/p")
            .collect_events()
            .await
            .unwrap();
        assert_eq!(events.len(), 2);
        match &events[0] {
            StreamEvent::Message(LettaMessage::Assistant(a)) => assert_eq!(a.content.text(), "Hi"),
            other => panic!("unexpected {other:?}"),
        }
        match &events[1] {
            StreamEvent::Usage(u) => assert_eq!((u.total_tokens, u.step_count), (8, 1)),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[tokio::test]
    async fn in_band_error_is_an_err_then_the_stream_ends() {
        let mut s =
            stream_of("data: {\"error\":\"Stream failed (internal error occurred)\"}\n\ndata: [DONE]\n\n");
        match s.next().await {
            Some(Err(LettaError::Stream {
                kind: StreamErrorKind::Server(msg),
                path,
                ..
            })) => {
                assert_eq!(msg, "Stream failed (internal error occurred)");
                assert_eq!(path, "/v1/agents/a/messages/stream");
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(s.next().await.is_none());
    }

    #[tokio::test]
    async fn missing_done_is_truncated() {
        let body: &'static str = Box::leak(format!("data: {ASSISTANT}\n\n").into_boxed_str());
        let mut s = stream_of(body);
        assert!(matches!(s.next().await, Some(Ok(StreamEvent::Message(_)))));
        match s.next().await {
            Some(Err(e @ LettaError::Stream { .. })) => {
                assert!(matches!(
                    e,
                    LettaError::Stream {
                        kind: StreamErrorKind::Truncated,
                        ..
                    }
                ));
                assert!(e.to_string().contains("incomplete"), "{e}");
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(s.next().await.is_none());
    }

    #[tokio::test]
    async fn empty_body_is_truncated() {
        let mut s = stream_of("");
        assert!(matches!(
            s.next().await,
            Some(Err(LettaError::Stream {
                kind: StreamErrorKind::Truncated,
                ..
            }))
        ));
    }

    #[tokio::test]
    async fn undecodable_event_keeps_raw_data() {
        let mut s = stream_of("data: {not json\n\n");
        match s.next().await {
            Some(Err(LettaError::Stream {
                kind: StreamErrorKind::Decode { data, .. },
                ..
            })) => assert_eq!(data, "{not json"),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[tokio::test]
    async fn unknown_message_type_and_comments_pass_through() {
        let mut s =
            stream_of(": keep-alive\n\ndata: {\"message_type\":\"ping\",\"x\":1}\n\ndata: [DONE]\n\n");
        match s.next().await {
            Some(Ok(StreamEvent::Other(v))) => assert_eq!(v["x"], 1),
            other => panic!("unexpected {other:?}"),
        }
        assert!(s.next().await.is_none());
    }
}
