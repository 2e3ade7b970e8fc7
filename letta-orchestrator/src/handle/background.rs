//! Long turns that survive the client: a background send whose progress (run ID, last `seq_id`)
//! a process can keep, so that another process resumes the turn where it was left.
//!
//! Letta 0.16 keeps a background run's events (numbered by `seq_id`, in Redis, for 3 hours) and
//! re-opens them from any number (`POST /v1/runs/{run_id}/stream`). A [`BackgroundTurn`] is such
//! a run followed to its end: it re-opens its stream after a dropped connection by itself, and
//! its [`TurnProgress`] says where it is. Persist the progress as events arrive; a new process
//! hands it to [`AgentHandle::resume`] and gets every later event, once. Resuming only reads what
//! the server already has: the turn is never sent again.

use std::collections::VecDeque;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::{Stream, StreamExt, TryStreamExt};
use letta_core::ids::{AgentId, RunId};
use letta_core::stream::ResumableStream;
use letta_core::types::{LettaStreamingRequest, ListRunMessagesParams, MessageContent, MessageCreate};
use letta_core::wait::WaitOptions;
use letta_core::{LettaClient, LettaError, StreamErrorKind, StreamEvent};
use serde::{Deserialize, Serialize};

use super::AgentHandle;
use crate::turn::{Turn, TurnSource};

/// Where a [`BackgroundTurn`] is: its agent, its run, the `seq_id` of the last event it
/// delivered, and whether the turn's stop reason and usage (which 0.16.8 numbers not, and sends
/// again after any `seq_id`) were delivered. Serialise it (it is small JSON) wherever the work's state is kept, update it as
/// events arrive, and hand it to [`AgentHandle::resume`] to go on from there, in this process or
/// another one.
///
/// ```
/// use letta_orchestrator::TurnProgress;
/// let json = r#"{"agent_id":"agent-1","run_id":"run-1","last_seq_id":7}"#;
/// let progress: TurnProgress = serde_json::from_str(json).unwrap();
/// assert_eq!(progress.last_seq_id, Some(7));
/// assert_eq!(serde_json::to_string(&progress).unwrap(), json);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TurnProgress {
    /// The agent whose turn it is.
    pub agent_id: AgentId,
    /// The background run of the turn.
    pub run_id: RunId,
    /// The `seq_id` of the last event delivered (`None`: none yet; resuming starts at the
    /// run's first event).
    pub last_seq_id: Option<u64>,
    /// Whether the turn's stop reason was delivered. It carries no `seq_id`, so a resumed
    /// turn would deliver it again without this.
    #[serde(default, skip_serializing_if = "is_false")]
    pub stop_reason_delivered: bool,
    /// Whether the turn's usage was delivered (it carries no `seq_id` either).
    #[serde(default, skip_serializing_if = "is_false")]
    pub usage_delivered: bool,
}

fn is_false(value: &bool) -> bool {
    !value
}

impl TurnProgress {
    /// The progress of the run `run_id` of `agent_id`, after the event numbered `last_seq_id`.
    pub fn new(agent_id: impl Into<AgentId>, run_id: impl Into<RunId>, last_seq_id: Option<u64>) -> Self {
        Self {
            agent_id: agent_id.into(),
            run_id: run_id.into(),
            last_seq_id,
            stop_reason_delivered: false,
            usage_delivered: false,
        }
    }

    /// Notes that `event` was delivered.
    fn delivered(&mut self, event: &StreamEvent) {
        match event {
            StreamEvent::StopReason(_) => self.stop_reason_delivered = true,
            StreamEvent::Usage(_) => self.usage_delivered = true,
            _ => {}
        }
        if let Some(seq) = event.seq_id() {
            self.last_seq_id = Some(self.last_seq_id.map_or(seq, |last| last.max(seq)));
        }
    }

    /// Whether `event`, read again after a resume, was delivered before.
    fn delivered_before(&self, event: &StreamEvent) -> bool {
        match event {
            StreamEvent::StopReason(_) => self.stop_reason_delivered,
            StreamEvent::Usage(_) => self.usage_delivered,
            _ => event
                .seq_id()
                .is_some_and(|seq| self.last_seq_id.is_some_and(|last| seq <= last)),
        }
    }
}

/// One agent turn running in the background on the server (Letta 0.16+), followed as it
/// happens: a [`Stream`] of its events that re-opens itself after a dropped connection, every
/// event once and in order. [`progress`](Self::progress) says where it is (keep it to resume
/// elsewhere with [`AgentHandle::resume`]); [`finish`](Self::finish) (or `.await`) reads the
/// rest and returns the turn.
///
/// Dropping it stops following; the turn goes on on the server.
pub struct BackgroundTurn {
    client: LettaClient,
    events: ResumableStream,
    /// Events read to learn the run's ID, not delivered yet.
    held: VecDeque<StreamEvent>,
    /// What has been delivered, this process's and (when resumed) the earlier ones'.
    progress: TurnProgress,
}

impl std::fmt::Debug for BackgroundTurn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BackgroundTurn")
            .field("progress", &self.progress)
            .finish_non_exhaustive()
    }
}

impl BackgroundTurn {
    /// Follows a re-attached run's stream from `progress`; the first read makes the request,
    /// so a server that cannot serve it says so now.
    async fn resumed(
        client: LettaClient,
        mut events: ResumableStream,
        progress: TurnProgress,
    ) -> Result<Self, LettaError> {
        let mut held = VecDeque::new();
        while let Some(event) = events.next().await.transpose()? {
            if !progress.delivered_before(&event) {
                held.push_back(event);
                break;
            }
        }
        Ok(Self {
            client,
            events,
            held,
            progress,
        })
    }

    /// Follows a new background send's stream, reading events until the run is named; those
    /// are held back for the caller.
    pub(super) async fn started(
        client: LettaClient,
        agent_id: AgentId,
        mut events: ResumableStream,
        path: String,
    ) -> Result<Self, LettaError> {
        let mut held = VecDeque::new();
        let run_id = loop {
            if let Some(run_id) = events.run_id() {
                break run_id.clone();
            }
            match events.next().await {
                Some(event) => held.push_back(event?),
                None => {
                    return Err(LettaError::Stream {
                        kind: StreamErrorKind::Protocol(
                            "the background send's stream ended without naming its run: the \
                                 turn's outcome is unknown (look for its message's otid in the \
                                 agent's history before sending again)"
                                .into(),
                        ),
                        method: http::Method::POST,
                        path,
                    });
                }
            }
        };
        Ok(Self {
            client,
            events,
            held,
            progress: TurnProgress::new(agent_id, run_id, None),
        })
    }

    /// The agent whose turn it is.
    pub fn agent_id(&self) -> &AgentId {
        &self.progress.agent_id
    }

    /// The turn's background run.
    pub fn run_id(&self) -> &RunId {
        &self.progress.run_id
    }

    /// Where the turn is: keep it (after each event, or as often as you like) to resume from
    /// there with [`AgentHandle::resume`]. Events after it are delivered again on resume; none
    /// before it is.
    pub fn progress(&self) -> TurnProgress {
        self.progress.clone()
    }

    /// Reads the turn's remaining events (dropping them), waits until its run has finished
    /// (within `options.timeout`), and returns the turn: the run's stored messages, oldest
    /// first, the user's message included ([`TurnSource::Run`], as
    /// [`RunHandle`](super::RunHandle) gives). Whether the run completed is [`Turn::run`]'s
    /// status.
    pub async fn finish_within(mut self, options: &WaitOptions) -> Result<Turn, LettaError> {
        while let Some(event) = self.next().await {
            event?;
        }
        let runs = self.client.runs();
        let run = runs.wait(self.run_id(), options).await?;
        let messages = runs
            .messages_all(self.run_id(), &ListRunMessagesParams::default())
            .try_collect()
            .await?;
        Ok(Turn::new(messages, TurnSource::Run(Box::new(run))))
    }

    /// [`finish_within`](Self::finish_within) the default wait ([`WaitOptions::default`], two
    /// minutes for the run to be marked finished once its stream has ended).
    pub async fn finish(self) -> Result<Turn, LettaError> {
        self.finish_within(&WaitOptions::default()).await
    }
}

impl Stream for BackgroundTurn {
    type Item = Result<StreamEvent, LettaError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            let next = match this.held.pop_front() {
                Some(event) => Some(Ok(event)),
                None => std::task::ready!(this.events.poll_next_unpin(cx)),
            };
            if let Some(Ok(event)) = &next {
                // A resumed turn's stop reason and usage come again (they have no `seq_id`).
                if this.progress.delivered_before(event) {
                    continue;
                }
                this.progress.delivered(event);
            }
            return Poll::Ready(next);
        }
    }
}

impl IntoFuture for BackgroundTurn {
    type Output = Result<Turn, LettaError>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.finish())
    }
}

impl AgentHandle {
    /// Starts a turn in the background on the server (Letta 0.16+ with Redis) and follows it
    /// as it happens, token by token: a [`BackgroundTurn`] whose
    /// [`progress`](BackgroundTurn::progress) can be kept to resume the turn from another
    /// process ([`AgentHandle::resume`]).
    ///
    /// The message is sent once. Letta 0.7.x has no background runs: against it this fails
    /// with [`LettaError::NotServed`] before anything is sent. A connection that breaks before
    /// the run is named leaves the turn's outcome unknown; the error says so.
    ///
    /// ```no_run
    /// use futures_util::StreamExt;
    /// use letta_orchestrator::{AgentHandle, Replies};
    ///
    /// # async fn run(agent: AgentHandle, save: impl Fn(String)) -> Result<(), Box<dyn std::error::Error>> {
    /// let mut turn = agent.send_background("Write the long report.").await?;
    /// while let Some(event) = turn.next().await {
    ///     let event = event?;
    ///     // Keep where the turn is: a new process resumes from it.
    ///     save(serde_json::to_string(&turn.progress())?);
    ///     if let Some(text) = event.as_message().and_then(|m| m.assistant_text()) {
    ///         print!("{text}");
    ///     }
    /// }
    /// let turn = turn.finish().await?;
    /// println!("{:?}", turn.last_reply());
    /// # Ok(()) }
    /// ```
    pub async fn send_background(
        &self,
        content: impl Into<MessageContent>,
    ) -> Result<BackgroundTurn, LettaError> {
        self.send_background_request(LettaStreamingRequest::tokens(MessageCreate::user(content)))
            .await
    }

    /// Like [`send_background`](Self::send_background), with a whole streaming request (steps
    /// or tokens, step options); `background` is set.
    pub async fn send_background_request(
        &self,
        request: LettaStreamingRequest,
    ) -> Result<BackgroundTurn, LettaError> {
        let events = self
            .client()
            .agents()
            .messages(self.id())
            .stream_background(request)
            .await?;
        let path = format!("/v1/agents/{}/messages/stream", self.id());
        BackgroundTurn::started(self.client().clone(), self.id().clone(), events, path).await
    }

    /// Resumes a background turn from `progress` (kept from a [`BackgroundTurn`], maybe by
    /// another process): its events after `progress.last_seq_id`, each once, then its end with
    /// [`BackgroundTurn::finish`]. Nothing is sent to the agent; the run's kept events are read
    /// (the server keeps them 3 hours).
    ///
    /// `progress` must be of this handle's agent ([`LettaError::InvalidInput`] otherwise,
    /// before anything is sent); Letta 0.7.x answers [`LettaError::NotServed`] before anything
    /// is sent.
    ///
    /// ```no_run
    /// use letta_orchestrator::{AgentHandle, Replies, TurnProgress};
    ///
    /// # async fn run(client: letta_core::LettaClient, saved: &str) -> Result<(), Box<dyn std::error::Error>> {
    /// let progress: TurnProgress = serde_json::from_str(saved)?;
    /// let agent = AgentHandle::new(client, progress.agent_id.clone());
    /// let turn = agent.resume(&progress).await?.await?;
    /// println!("{:?}", turn.last_reply());
    /// # Ok(()) }
    /// ```
    pub async fn resume(&self, progress: &TurnProgress) -> Result<BackgroundTurn, LettaError> {
        if progress.agent_id != *self.id() {
            return Err(LettaError::InvalidInput(format!(
                "the turn progress is of agent {}, not of this handle's agent {}; nothing was read \
                 (resume it through a handle on agent {})",
                progress.agent_id,
                self.id(),
                progress.agent_id
            )));
        }
        let events = self
            .client()
            .runs()
            .attach(&progress.run_id, progress.last_seq_id);
        BackgroundTurn::resumed(self.client().clone(), events, progress.clone()).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn message(seq: u64) -> StreamEvent {
        let value = json!({"id": "m1", "date": "2026-12-07T10:00:00Z", "message_type": "assistant_message",
            "content": "word", "run_id": "run-1", "seq_id": seq});
        StreamEvent::Message(letta_core::types::LettaMessage::from_value(value).unwrap())
    }

    fn stop() -> StreamEvent {
        StreamEvent::StopReason(serde_json::from_value(json!({"stop_reason": "end_turn"})).unwrap())
    }

    fn usage() -> StreamEvent {
        let value = json!({"completion_tokens": 1, "prompt_tokens": 2, "total_tokens": 3, "step_count": 1});
        StreamEvent::Usage(serde_json::from_value(value).unwrap())
    }

    #[test]
    fn progress_remembers_what_was_delivered_numbered_or_not() {
        let mut progress = TurnProgress::new("agent-1", "run-1", None);
        assert!(!progress.delivered_before(&message(0)));
        progress.delivered(&message(2));
        progress.delivered(&message(1));
        assert_eq!(progress.last_seq_id, Some(2), "the highest seq_id counts");
        assert!(progress.delivered_before(&message(1)) && progress.delivered_before(&message(2)));
        assert!(!progress.delivered_before(&message(3)));
        assert!(!progress.delivered_before(&stop()) && !progress.delivered_before(&usage()));

        progress.delivered(&stop());
        assert!(progress.delivered_before(&stop()) && !progress.delivered_before(&usage()));
        progress.delivered(&usage());
        assert!(progress.delivered_before(&usage()));
        let saved = serde_json::to_value(&progress).unwrap();
        assert_eq!(
            saved,
            json!({"agent_id": "agent-1", "run_id": "run-1", "last_seq_id": 2,
                "stop_reason_delivered": true, "usage_delivered": true})
        );
        assert_eq!(serde_json::from_value::<TurnProgress>(saved).unwrap(), progress);
    }
}
