//! [`ResumableStream`]: a background run's stream that survives a dropped connection.
//!
//! Letta 0.16 can run a step in the background (`background: true`): the server keeps the run's
//! events (in Redis), numbered by `seq_id`, and `POST /v1/runs/{run_id}/stream` re-opens them from
//! any number. This stream does that by itself: when the connection breaks (reset, cut before
//! `[DONE]`, silent past the idle timeout), it re-opens the run's stream after the last `seq_id`
//! it delivered and goes on, so the caller sees every event once and in order. The run is not
//! sent again: re-opening only reads what the server already has, so nothing can run twice.
//!
//! No task is spawned: the stream re-opens from inside `poll_next`, and dropping it stops
//! everything (the run itself goes on on the server; re-attach with
//! [`Runs::attach`](crate::api::Runs::attach)).

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use futures_util::{Stream, StreamExt};
use tokio::time::Sleep;

use crate::LettaClient;
use crate::backoff::{Backoff, Jitter};
use crate::error::{LettaError, StreamErrorKind};
use crate::ids::RunId;
use crate::stream::{MessageStream, StreamEvent};
use crate::types::RetrieveStreamRequest;

/// How hard a [`ResumableStream`] tries to re-open its run after the connection breaks.
#[derive(Debug, Clone)]
pub struct ResumePolicy {
    /// Re-opens in a row that may fail before the stream gives up (an event delivered resets
    /// the count). Default 5.
    pub max_attempts: u32,
    /// The wait before each re-open. Default 200 ms doubling to 5 s, with full jitter.
    pub backoff: Backoff,
}

impl Default for ResumePolicy {
    fn default() -> Self {
        ResumePolicy {
            max_attempts: 5,
            backoff: Backoff::new(Duration::from_millis(200), Duration::from_secs(5), Jitter::Full),
        }
    }
}

type Opening = Pin<Box<dyn Future<Output = Result<MessageStream, LettaError>> + Send>>;

enum State {
    /// Reading the current connection's events (boxed: the other states are a pointer each).
    Reading(Box<MessageStream>),
    /// Waiting before the next re-open.
    Waiting(Pin<Box<Sleep>>),
    /// Re-opening the run's stream.
    Opening(Opening),
    /// Ended: `[DONE]` arrived, or an error was handed over.
    Done,
}

/// The stream of a background run that re-opens itself after a dropped connection, delivering
/// every event once, in order. Made by
/// [`Messages::stream_background`](crate::api::Messages::stream_background) and
/// [`Conversations::stream_background`](crate::api::Conversations::stream_background) (a new send) and
/// [`Runs::attach`](crate::api::Runs::attach) (a run started elsewhere, even by another process).
///
/// [`run_id`](Self::run_id) and [`last_seq_id`](Self::last_seq_id) say where it is: keep them to
/// re-attach later from anywhere.
pub struct ResumableStream {
    client: LettaClient,
    run_id: Option<RunId>,
    last_seq_id: Option<u64>,
    state: State,
    policy: ResumePolicy,
    /// Failed re-opens since the last delivered event.
    attempts: u32,
    /// Stop reasons and usage carry no `seq_id`: a re-open that replays them must not deliver
    /// them twice.
    stop_reason_seen: bool,
    usage_seen: bool,
}

impl std::fmt::Debug for ResumableStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResumableStream")
            .field("run_id", &self.run_id)
            .field("last_seq_id", &self.last_seq_id)
            .field("attempts", &self.attempts)
            .finish()
    }
}

impl ResumableStream {
    /// Follows `first`, the stream of a background send; the run's ID comes with its first
    /// event (a `ping`).
    pub(crate) fn new(client: LettaClient, first: MessageStream) -> ResumableStream {
        ResumableStream {
            client,
            run_id: None,
            last_seq_id: None,
            state: State::Reading(Box::new(first)),
            policy: ResumePolicy::default(),
            attempts: 0,
            stop_reason_seen: false,
            usage_seen: false,
        }
    }

    /// Follows the run `run_id` from after the event numbered `after` (`None`: from the start);
    /// the first connection opens on the first poll.
    pub(crate) fn attach(client: LettaClient, run_id: RunId, after: Option<u64>) -> ResumableStream {
        let mut stream = ResumableStream {
            client,
            run_id: Some(run_id),
            last_seq_id: after,
            state: State::Done,
            policy: ResumePolicy::default(),
            attempts: 0,
            stop_reason_seen: false,
            usage_seen: false,
        };
        stream.state = State::Opening(stream.open());
        stream
    }

    /// Replaces the re-open policy.
    #[must_use]
    pub fn with_policy(mut self, policy: ResumePolicy) -> ResumableStream {
        self.policy = policy;
        self
    }

    /// The run being streamed, once known (from the first event of a new send).
    pub fn run_id(&self) -> Option<&RunId> {
        self.run_id.as_ref()
    }

    /// The `seq_id` of the last event delivered: re-attach after it to go on.
    pub fn last_seq_id(&self) -> Option<u64> {
        self.last_seq_id
    }

    /// The request that re-opens the run after the last delivered event.
    fn open(&self) -> Opening {
        let client = self.client.clone();
        let run_id = self.run_id.clone();
        let after = self.last_seq_id.unwrap_or(0);
        Box::pin(async move {
            let Some(run_id) = run_id else {
                return Err(LettaError::InvalidInput("no run to re-open".into()));
            };
            let request = RetrieveStreamRequest::after(after);
            client.runs().stream(&run_id, &request).await
        })
    }

    /// Whether `error` broke the connection (rather than being the server's answer) and another
    /// re-open is allowed.
    fn may_reopen(&self, error: &LettaError) -> bool {
        let broken = match error {
            LettaError::Transport { .. } | LettaError::Timeout { .. } => true,
            LettaError::Stream { kind, .. } => {
                matches!(kind, StreamErrorKind::Truncated | StreamErrorKind::IdleTimeout(_))
            }
            // The server is restarting or overloaded: its events are still stored.
            LettaError::Api { status, .. } => matches!(status.as_u16(), 502..=504),
            _ => false,
        };
        broken && self.run_id.is_some() && self.attempts < self.policy.max_attempts
    }

    /// Gives up with `error`, saying where the run was left when there is one.
    fn give_up(&mut self, error: LettaError) -> Poll<Option<Result<StreamEvent, LettaError>>> {
        self.state = State::Done;
        if self.attempts > 0 {
            tracing::warn!(run_id = ?self.run_id, last_seq_id = ?self.last_seq_id, attempts = self.attempts,
                "a background run's stream could not be re-opened");
        }
        Poll::Ready(Some(Err(error)))
    }

    /// Whether `event` was delivered already (a re-open replays from the last `seq_id`).
    fn seen_before(&mut self, event: &StreamEvent) -> bool {
        if let Some(seq) = event.seq_id() {
            if self.last_seq_id.is_some_and(|last| seq <= last) {
                return true;
            }
            self.last_seq_id = Some(seq);
            return false;
        }
        match event {
            StreamEvent::StopReason(_) => std::mem::replace(&mut self.stop_reason_seen, true),
            StreamEvent::Usage(_) => std::mem::replace(&mut self.usage_seen, true),
            _ => false,
        }
    }
}

impl Stream for ResumableStream {
    type Item = Result<StreamEvent, LettaError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            match &mut this.state {
                State::Done => return Poll::Ready(None),
                State::Reading(events) => match ready!(events.poll_next_unpin(cx)) {
                    None => {
                        this.state = State::Done;
                        return Poll::Ready(None);
                    }
                    Some(Ok(event)) => {
                        if this.run_id.is_none() {
                            this.run_id = event.run_id();
                        }
                        if this.seen_before(&event) {
                            continue;
                        }
                        this.attempts = 0;
                        return Poll::Ready(Some(Ok(event)));
                    }
                    Some(Err(error)) if this.may_reopen(&error) => {
                        tracing::debug!(run_id = ?this.run_id, last_seq_id = ?this.last_seq_id, %error,
                            "a background run's stream broke; re-opening it");
                        this.state = State::Waiting(Box::pin(tokio::time::sleep(
                            this.policy.backoff.delay(this.attempts),
                        )));
                        this.attempts += 1;
                    }
                    Some(Err(error)) => return this.give_up(error),
                },
                State::Waiting(sleep) => {
                    ready!(sleep.as_mut().poll(cx));
                    this.state = State::Opening(this.open());
                }
                State::Opening(opening) => match ready!(opening.as_mut().poll(cx)) {
                    Ok(events) => this.state = State::Reading(Box::new(events)),
                    Err(error) if this.may_reopen(&error) => {
                        this.state = State::Waiting(Box::pin(tokio::time::sleep(
                            this.policy.backoff.delay(this.attempts),
                        )));
                        this.attempts += 1;
                    }
                    Err(error) => return this.give_up(error),
                },
            }
        }
    }
}
