//! Streamed agent replies: server-sent events decoded into typed [`StreamEvent`]s.
//!
//! The server reports failures in-band (`data: {"error": ...}` with status 200) and ends every
//! good stream with `data: [DONE]`. Both are enforced here: an error frame becomes an `Err`, and a
//! body that ends without `[DONE]` becomes [`StreamErrorKind::Truncated`], never a silent success.
//! After yielding an error the stream ends.
//!
//! # Limits
//!
//! - **Activity.** Any bytes received from the server count as activity for the idle timeout:
//!   events, `: keep-alive` comments, `event: ping` blocks, even a part of an event. The idle
//!   timer restarts whenever bytes arrive, so a server that sends keep-alives while an LLM call
//!   runs is never cut; a server that sends nothing for the idle timeout is
//!   ([`StreamErrorKind::IdleTimeout`]).
//! - **Event size.** One event may be at most
//!   [`max_event_bytes`](crate::ClientBuilder::max_event_bytes) long, counted as the bytes
//!   received since the previous event ended (so one long line, an event of many lines, or a run
//!   of comments with no event between them all count, give or take one 64 KiB piece). Past it
//!   the stream ends with [`StreamErrorKind::EventTooLarge`] and nothing more is read.
//! - **Total.** The [total timeout](crate::ClientBuilder::stream_total_timeout) counts from the
//!   send. With the event size limit it bounds a server that trickles bytes forever.
//! - **Dropped connections.** A [`MessageStream`] ends with an error when its connection breaks.
//!   On Letta 0.16+, a step run in the background survives that: [`ResumableStream`] re-opens
//!   the run's stream after the last event it delivered
//!   ([`Messages::stream_background`](crate::api::Messages::stream_background),
//!   [`Runs::attach`](crate::api::Runs::attach)).
//! - **Unknown events.** An event of a kind this client does not know is kept as a generic JSON
//!   [`Value`] ([`StreamEvent::Other`]) only up to [`OTHER_VALUE_LIMIT`] bytes (a `Value` can cost
//!   tens of times its text in memory); a larger one is kept as its raw JSON text
//!   ([`StreamEvent::OtherRaw`]).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll, ready};
use std::time::Duration;

use bytes::Bytes;
use futures_core::Stream;
use http::Method;
use http_body_util::BodyDataStream;
use serde_json::Value;
use serde_json::value::RawValue;
use sse_stream::{Sse, SseByteStream};
use tokio::time::{Instant, Sleep};

use crate::config::DEFAULT_MAX_EVENT_BYTES;
use crate::error::{BoxError, LettaError, StreamErrorKind};
use crate::ids::RunId;
use crate::limits::Deadline;
use crate::transport::ResponseBody;
use crate::types::{LettaMessage, LettaStopReason, LettaUsageStatistics};

mod decode;
mod resume;

pub(crate) use decode::decode_event;
pub use resume::{ResumableStream, ResumePolicy};

/// The largest event of an unknown kind decoded into a generic JSON [`Value`]
/// ([`StreamEvent::Other`]); a larger one is kept as raw JSON text ([`StreamEvent::OtherRaw`]).
pub const OTHER_VALUE_LIMIT: usize = 256 * 1024;

/// The most bytes handed to the SSE parser at once: a larger chunk (a body held in memory) is
/// fed in pieces, so the event size limit is enforced to within one piece.
const PIECE: usize = 64 * 1024;

/// One event of a streamed agent step.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum StreamEvent {
    /// A message (whole, or a token chunk of one when streaming tokens).
    Message(LettaMessage),
    /// Token usage; sent last, before `[DONE]`.
    Usage(LettaUsageStatistics),
    /// Why the agent stopped (sent by servers newer than 0.7.29, before the usage).
    StopReason(LettaStopReason),
    /// A keep-alive that 0.16+ sends first (carrying the run's ID) and while the agent works.
    Ping(Ping),
    /// An event of a kind this client does not know yet, kept as sent.
    Other(Value),
    /// An event of a kind this client does not know yet, larger than [`OTHER_VALUE_LIMIT`], kept
    /// as its raw JSON text (parse it with `serde_json::from_str` if you need it).
    OtherRaw(Box<RawValue>),
}

impl PartialEq for StreamEvent {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (StreamEvent::Message(a), StreamEvent::Message(b)) => a == b,
            (StreamEvent::Usage(a), StreamEvent::Usage(b)) => a == b,
            (StreamEvent::StopReason(a), StreamEvent::StopReason(b)) => a == b,
            (StreamEvent::Ping(a), StreamEvent::Ping(b)) => a == b,
            (StreamEvent::Other(a), StreamEvent::Other(b)) => a == b,
            // Raw JSON compares as text.
            (StreamEvent::OtherRaw(a), StreamEvent::OtherRaw(b)) => a.get() == b.get(),
            _ => false,
        }
    }
}

impl StreamEvent {
    /// The message, if this event is one.
    pub fn as_message(&self) -> Option<&LettaMessage> {
        match self {
            StreamEvent::Message(m) => Some(m),
            _ => None,
        }
    }

    /// The event's position in its run's stream (0.16+ background streams number every message
    /// and ping); resume after it with [`crate::api::Runs::stream`]. `None` for events without
    /// one (stop reason, usage, anything from 0.7.x).
    pub fn seq_id(&self) -> Option<u64> {
        match self {
            StreamEvent::Message(m) => m.meta().and_then(|meta| meta.seq_id),
            StreamEvent::Ping(p) => p.seq_id,
            StreamEvent::Other(v) => v.get("seq_id").and_then(Value::as_u64),
            _ => None,
        }
    }

    /// The run the event belongs to, when it says (0.16+ messages and pings).
    pub fn run_id(&self) -> Option<RunId> {
        match self {
            StreamEvent::Message(m) => m.meta().and_then(|meta| meta.run_id.clone()),
            StreamEvent::Ping(p) => p.run_id.clone(),
            StreamEvent::Other(v) => v.get("run_id").and_then(Value::as_str).map(RunId::from),
            _ => None,
        }
    }
}

/// A keep-alive event of a 0.16+ stream (`LettaPing`, `message_type: ping`). The first one of a
/// stream names the run, so a caller can re-attach to it even if nothing else arrives.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Ping {
    /// The ping's own ID (`ping-...`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The run streaming.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_id: Option<RunId>,
    /// Its position in the run's stream (background streams only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seq_id: Option<u64>,
    /// When it was sent.
    #[serde(
        default,
        with = "crate::types::time::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<crate::types::Timestamp>,
    /// Sender's name; always empty on a ping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Always empty on a ping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub otid: Option<String>,
    /// Always empty on a ping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_id: Option<String>,
    /// Always empty on a ping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step_id: Option<crate::ids::StepId>,
    /// Always empty on a ping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_err: Option<bool>,
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

/// What the byte counter raises when an event grows past its limit.
#[derive(Debug)]
struct EventOverflow;

impl std::fmt::Display for EventOverflow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("event too large")
    }
}

impl std::error::Error for EventOverflow {}

/// Byte counts shared by the counter below the SSE parser and the stream above it.
#[derive(Debug)]
struct Meter {
    /// Bytes received so far.
    received: AtomicU64,
    /// `received` when the last event ended.
    event_start: AtomicU64,
    /// The most bytes one event may take.
    limit: AtomicU64,
}

/// The body's bytes on their way to the SSE parser: counted (activity and event size), and cut
/// into pieces of at most [`PIECE`] bytes.
struct Counted {
    inner: Pin<Box<dyn Stream<Item = Result<Bytes, BoxError>> + Send>>,
    rest: Option<Bytes>,
    meter: Arc<Meter>,
}

impl Stream for Counted {
    type Item = Result<Bytes, BodyError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        let mut chunk = match this.rest.take() {
            Some(rest) => rest,
            None => loop {
                match ready!(this.inner.as_mut().poll_next(cx)) {
                    None => return Poll::Ready(None),
                    Some(Err(e)) => return Poll::Ready(Some(Err(BodyError(e)))),
                    Some(Ok(chunk)) if chunk.is_empty() => continue,
                    Some(Ok(chunk)) => break chunk,
                }
            },
        };
        if chunk.len() > PIECE {
            this.rest = Some(chunk.split_off(PIECE));
        }
        let meter = &this.meter;
        let received = meter.received.load(Ordering::Relaxed) + chunk.len() as u64;
        meter.received.store(received, Ordering::Relaxed);
        let event = received - meter.event_start.load(Ordering::Relaxed);
        if event > meter.limit.load(Ordering::Relaxed) {
            this.rest = None;
            return Poll::Ready(Some(Err(BodyError(Box::new(EventOverflow)))));
        }
        Poll::Ready(Some(Ok(chunk)))
    }
}

/// The stream of events of one agent step. Ends after `[DONE]` or after the first error.
pub struct MessageStream {
    events: SseByteStream<Counted>,
    meter: Arc<Meter>,
    /// `meter.received` when the stream last looked: more means activity.
    seen: u64,
    method: Method,
    path: String,
    finished: bool,
    /// Longest silence allowed, and the timer for it.
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

/// A timer that fires `after` from now; none when `after` is too large to add to now.
fn timer_after(after: Duration) -> Option<(Duration, Pin<Box<Sleep>>)> {
    let at = Instant::now().checked_add(after)?;
    Some((after, Box::pin(tokio::time::sleep_until(at))))
}

impl MessageStream {
    pub(crate) fn new(body: ResponseBody, method: Method, path: impl Into<String>) -> Self {
        let meter = Arc::new(Meter {
            received: AtomicU64::new(0),
            event_start: AtomicU64::new(0),
            limit: AtomicU64::new(DEFAULT_MAX_EVENT_BYTES),
        });
        let bytes = Counted {
            inner: Box::pin(BodyDataStream::new(body)),
            rest: None,
            meter: meter.clone(),
        };
        Self {
            events: SseByteStream::new(bytes),
            meter,
            seen: 0,
            method,
            path: path.into(),
            finished: false,
            idle: None,
            total: None,
        }
    }

    /// Ends the stream with a timeout error when nothing arrives for `idle`, or when the whole
    /// stream takes longer than `total` (from now). The idle timer restarts whenever bytes
    /// arrive (see the [module docs](self)), so a long agent step is never cut while the server
    /// still talks. A limit too large to add to the current time (`Duration::MAX`) means no
    /// limit.
    pub fn with_timeouts(self, idle: Option<Duration>, total: Option<Duration>) -> Self {
        let total = total.and_then(|d| Some((Instant::now().checked_add(d)?, d)));
        self.with_deadlines(idle, total)
    }

    /// Like [`with_timeouts`](Self::with_timeouts), with the total deadline already fixed (the
    /// client counts it from the send).
    pub(crate) fn with_deadlines(mut self, idle: Option<Duration>, total: Option<Deadline>) -> Self {
        self.idle = idle.and_then(timer_after);
        self.total = total.map(|(at, after)| (after, Box::pin(tokio::time::sleep_until(at))));
        self
    }

    /// Ends the stream with [`StreamErrorKind::EventTooLarge`] when one event grows past
    /// `limit` bytes (default [`DEFAULT_MAX_EVENT_BYTES`]; `u64::MAX` for no limit).
    pub fn with_max_event_bytes(self, limit: u64) -> Self {
        self.meter.limit.store(limit, Ordering::Relaxed);
        self
    }

    fn fail(&mut self, kind: StreamErrorKind) -> Poll<Option<Result<StreamEvent, LettaError>>> {
        self.finished = true;
        Poll::Ready(Some(Err(LettaError::Stream {
            method: self.method.clone(),
            path: self.path.clone(),
            kind,
        })))
    }

    /// Restarts the idle timer if bytes arrived since the last look.
    fn note_activity(&mut self) {
        let received = self.meter.received.load(Ordering::Relaxed);
        if received == self.seen {
            return;
        }
        self.seen = received;
        if let Some((after, timer)) = &mut self.idle {
            match Instant::now().checked_add(*after) {
                Some(at) => timer.as_mut().reset(at),
                None => self.idle = None,
            }
        }
    }

    /// Decodes a server-sent-events body obtained elsewhere (a recorded reply, a custom
    /// transport), with the default event size limit and no timeouts.
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
                    return this.fail(StreamErrorKind::TotalTimeout(after));
                }
            }
            let next = Pin::new(&mut this.events).poll_next(cx);
            this.note_activity();
            let next = match next {
                Poll::Pending => {
                    if let Some((after, timer)) = &mut this.idle {
                        if timer.as_mut().poll(cx).is_ready() {
                            let after = *after;
                            return this.fail(StreamErrorKind::IdleTimeout(after));
                        }
                    }
                    return Poll::Pending;
                }
                Poll::Ready(next) => next,
            };
            let sse: Sse = match next {
                None => return this.fail(StreamErrorKind::Truncated),
                Some(Err(sse_stream::Error::Body(source))) => {
                    let overflow = source
                        .downcast_ref::<BodyError>()
                        .is_some_and(|e| e.0.is::<EventOverflow>());
                    if overflow {
                        let limit = this.meter.limit.load(Ordering::Relaxed);
                        return this.fail(StreamErrorKind::EventTooLarge { limit });
                    }
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
            // An event ended: the next one's size counts from here.
            this.meter.event_start.store(this.seen, Ordering::Relaxed);
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
    async fn stop_reasons_are_typed_and_odd_ones_kept() {
        let body = concat!(
            "data: {\"message_type\":\"stop_reason\",\"stop_reason\":\"end_turn\"}\n\n",
            "data: {\"message_type\":\"stop_reason\",\"stop_reason\":\"out_of_coffee\"}\n\n",
            "data: {\"message_type\":\"stop_reason\",\"reason\":{\"code\":1}}\n\n",
            "data: [DONE]\n\n"
        );
        let events = MessageStream::new(full_body(body), Method::POST, "/p")
            .collect_events()
            .await
            .unwrap();
        let reasons: Vec<_> = events
            .iter()
            .filter_map(|e| match e {
                StreamEvent::StopReason(r) => Some(r.stop_reason.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(
            reasons,
            [
                crate::types::StopReasonType::EndTurn,
                crate::types::StopReasonType::Other("out_of_coffee".into())
            ]
        );
        assert!(matches!(&events[2], StreamEvent::Other(v) if v["reason"]["code"] == 1));
    }

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
        let mut s = stream_of(
            ": keep-alive\n\ndata: {\"message_type\":\"not_yet_known\",\"x\":1}\n\ndata: [DONE]\n\n",
        );
        match s.next().await {
            Some(Ok(StreamEvent::Other(v))) => assert_eq!(v["x"], 1),
            other => panic!("unexpected {other:?}"),
        }
        assert!(s.next().await.is_none());
    }

    #[tokio::test]
    async fn duration_max_timeouts_do_not_panic() {
        let body = format!("data: {ASSISTANT}\n\ndata: {ASSISTANT}\n\ndata: [DONE]\n\n");
        let events = MessageStream::new(full_body(body), Method::POST, "/p")
            .with_timeouts(Some(Duration::MAX), Some(Duration::MAX))
            .collect_events()
            .await
            .unwrap();
        assert_eq!(events.len(), 2);
    }

    #[tokio::test]
    async fn an_event_past_the_limit_ends_the_stream() {
        // A 300 KB line in one chunk: fed in pieces, stopped within one piece of the limit.
        let body = format!("data: \"{}\"\n\n", "x".repeat(300_000));
        let mut s = MessageStream::new(full_body(body), Method::POST, "/p").with_max_event_bytes(100_000);
        match s.next().await {
            Some(Err(LettaError::Stream {
                kind: StreamErrorKind::EventTooLarge { limit },
                ..
            })) => assert_eq!(limit, 100_000),
            other => panic!("unexpected {other:?}"),
        }
        assert!(s.next().await.is_none());
    }

    #[tokio::test]
    async fn many_events_may_add_up_past_the_limit() {
        let one = format!("data: {ASSISTANT}\n\n");
        let body = format!("{}data: [DONE]\n\n", one.repeat(2000));
        let events = MessageStream::new(full_body(body), Method::POST, "/p")
            .with_max_event_bytes(64 * 1024 + 4096)
            .collect_events()
            .await
            .unwrap();
        assert_eq!(events.len(), 2000);
    }

    #[tokio::test]
    async fn large_events_decode_without_a_generic_value() {
        let big = "y".repeat(OTHER_VALUE_LIMIT + 10);
        let unknown = format!(r#"{{"message_type":"new_kind","blob":"{big}","n":[1,2]}}"#);
        let known = format!(
            r#"{{"id":"message-1","date":"2026-11-23T14:58:38+00:00","message_type":"assistant_message","content":"{big}"}}"#
        );
        let body =
            format!("data: {unknown}\n\ndata: {known}\n\ndata: {{\"error\":{{\"message\":\"{big}\"}}}}\n\n");
        let mut s = MessageStream::new(full_body(body), Method::POST, "/p");
        match s.next().await {
            Some(Ok(StreamEvent::OtherRaw(raw))) => assert_eq!(raw.get(), unknown),
            other => panic!("unexpected {other:?}"),
        }
        match s.next().await {
            Some(Ok(StreamEvent::Message(LettaMessage::Assistant(a)))) => {
                assert_eq!(a.content.text(), big)
            }
            other => panic!("unexpected {other:?}"),
        }
        match s.next().await {
            Some(Err(LettaError::Stream {
                kind: StreamErrorKind::Server(message),
                ..
            })) => assert_eq!(message, big),
            other => panic!("unexpected {other:?}"),
        }
        // Small unknown events still come as a `Value`.
        assert!(matches!(
            decode_event(r#"{"message_type":"new_kind","x":1}"#),
            Ok(Some(StreamEvent::Other(_)))
        ));
        assert!(matches!(
            decode_event(&format!("{{\"broken\":\"{big}\"")),
            Err(StreamErrorKind::Decode { .. })
        ));
    }
}
