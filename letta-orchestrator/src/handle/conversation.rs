//! [`ConversationHandle`]: one of an agent's conversations (Letta 0.16+), with sends the server
//! serialises and that never run twice.
//!
//! # How a send stays exactly once
//!
//! A conversation send is a background streamed send (`background: true`): the only kind 0.16.8
//! serialises (its non-streamed send takes no lock) and the only kind whose run can be found
//! again. Its first message carries a client-made `otid`, the same on every attempt. The server
//! (0.16.8, `letta/services/streaming_service.py`, `create_agent_stream`):
//!
//! - takes the conversation's lock (a Redis lock, non-blocking, 5 minutes) **before** it creates
//!   the run or stores any message; a send while another holds it is answered 409 busy, naming
//!   the holder's run. So a 409 proves the message was not stored: the handle waits for the busy
//!   run to end and sends again;
//! - maps the send's `otid`s to its run once the run exists, and answers a send with the same
//!   `otid`s (while that run is known, 3 hours) with the existing run's stream instead of running
//!   the agent again.
//!
//! A failed attempt is settled before anything is sent again: not sent at all (the connection
//! failed first) is sent again after a backoff; refused (4xx) is returned; may have run
//! (timeout, connection lost, 5xx) is looked up by its `otid`
//! (`retrieve_conversation_stream`): found, the run is followed to its end; not found, the same
//! request is sent again, which the server deduplicates by `otid` should the first attempt land
//! late. After such an attempt a 409 may be the send's own earlier attempt holding the lock, so
//! the `otid` is looked up then too.

use std::time::Duration;

use futures_util::{StreamExt, TryStreamExt};
use letta_core::ids::{AgentId, ConversationId};
use letta_core::stream::ResumableStream;
use letta_core::types::{
    Conversation, ConversationBusy, ConversationCreate, LettaMessage, LettaRequest, LettaStreamingRequest,
    ListConversationMessagesParams, ListConversationsParams, MessageContent, MessageCreate,
    RetrieveStreamRequest,
};
use letta_core::wait::WaitOptions;
use letta_core::{FailureClass, LettaClient, LettaError, StreamErrorKind, StreamEvent};
use tokio::time::Instant;

use super::{AgentHandle, BackgroundTurn};
use crate::layers::retry::{Backoff, Jitter};
use crate::reconcile::{SendError, new_otid};
use crate::turn::{Turn, TurnSource};

/// How long a send waits for a busy conversation by default: the server's lock lasts at most
/// 5 minutes (`CONVERSATION_LOCK_TTL_SECONDS` in 0.16.8's `letta/constants.py`).
const DEFAULT_BUSY_WAIT: Duration = Duration::from_secs(300);

/// How long a send keeps being made again while the server cannot be reached (as
/// [`ReconcileConfig::unreachable_deadline`](crate::reconcile::ReconcileConfig::unreachable_deadline)).
const UNREACHABLE_DEADLINE: Duration = Duration::from_secs(30);

/// How many times a send whose attempt may have run, and whose run was not found by its
/// `otid`, is made again (the server deduplicates by `otid`).
const MAX_RESENDS: u32 = 3;

/// One conversation of an agent (Letta 0.16+): its own thread and context window beside the
/// agent's other conversations. Cheap to clone.
///
/// Get one with [`AgentHandle::new_conversation`], [`AgentHandle::conversation`] (by ID) or
/// [`AgentHandle::conversations`] (all of the agent's). Sends are serialised by the server; a
/// send to a busy conversation waits its turn, and no send runs twice (see the module docs).
/// Letta 0.7.x has no conversations: every call fails before anything is sent
/// ([`LettaError::NotServed`], inside [`SendError::InvalidInput`] for sends).
///
/// ```no_run
/// use letta_orchestrator::{AgentHandle, Replies};
///
/// # async fn run(agent: AgentHandle) -> Result<(), Box<dyn std::error::Error>> {
/// let work = agent.new_conversation().await?;
/// let home = agent.new_conversation().await?;
/// let (a, b) = tokio::join!(work.send("Plan the week."), home.send("Plan dinner."));
/// println!("{:?} / {:?}", a?.last_reply(), b?.last_reply());
/// // Two sends to one conversation: the second waits for the first, each runs once.
/// let (first, second) = tokio::join!(work.send("Monday?"), work.send("Tuesday?"));
/// println!("{:?} {:?}", first?.last_reply(), second?.last_reply());
/// let history = work.history().await?;
/// println!("{} messages", history.len());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct ConversationHandle {
    client: LettaClient,
    agent_id: AgentId,
    id: ConversationId,
    busy_wait: Duration,
    backoff: Backoff,
}

/// A busy conversation met by a send, as reported to [`ConversationHandle::send_observed`].
#[derive(Debug)]
#[non_exhaustive]
pub struct BusyWait<'a> {
    /// The conversation.
    pub conversation_id: &'a ConversationId,
    /// The send's `otid`.
    pub otid: &'a str,
    /// The server's answer: the run holding the conversation, when it said.
    pub busy: &'a ConversationBusy,
    /// How many times this send has found the conversation busy, this one included.
    pub times: u32,
}

impl ConversationHandle {
    fn new(client: LettaClient, agent_id: AgentId, id: ConversationId) -> Self {
        Self {
            client,
            agent_id,
            id,
            busy_wait: DEFAULT_BUSY_WAIT,
            backoff: Backoff::new(Duration::from_millis(250), Duration::from_secs(5), Jitter::Full),
        }
    }

    /// The same handle, waiting at most `wait` for a busy conversation before a send gives up
    /// with [`SendError::NotSent`] (default 5 minutes, the server's longest lock).
    pub fn with_busy_wait(mut self, wait: Duration) -> Self {
        self.busy_wait = wait;
        self
    }

    /// The conversation's ID.
    pub fn id(&self) -> &ConversationId {
        &self.id
    }

    /// The agent the conversation belongs to.
    pub fn agent_id(&self) -> &AgentId {
        &self.agent_id
    }

    /// The client the handle calls through.
    pub fn client(&self) -> &LettaClient {
        &self.client
    }

    /// The conversation as the server has it now.
    pub async fn state(&self) -> Result<Conversation, LettaError> {
        self.client.conversations().retrieve(&self.id).await
    }

    /// Sends a user message and returns the agent's turn, exactly once; a busy conversation is
    /// waited for (see the module docs).
    ///
    /// On failure the [`SendError`] says what is known: not sent (safe to send again; also a
    /// conversation still busy after [`with_busy_wait`](Self::with_busy_wait)), refused, or
    /// unknown: the turn may have run, so settle it with [`recover`](Self::recover) and its
    /// `otid` before sending again.
    pub async fn send(&self, content: impl Into<MessageContent>) -> Result<Turn, SendError> {
        self.send_request(LettaRequest::new([MessageCreate::user(content)]))
            .await
    }

    /// Sends a whole request (one turn) and returns the agent's turn. The first message
    /// carries the `otid` that identifies the send (one is made when it has none).
    pub async fn send_request(&self, request: LettaRequest) -> Result<Turn, SendError> {
        self.send_observed(request, |_| {}).await
    }

    /// Like [`send_request`](Self::send_request), and calls `on_busy` each time the
    /// conversation is found busy (before waiting for it), so callers can count or log waits.
    pub async fn send_observed<F>(&self, mut request: LettaRequest, mut on_busy: F) -> Result<Turn, SendError>
    where
        F: FnMut(&BusyWait<'_>) + Send,
    {
        let agent_id = self.agent_id.clone();
        let Some(first) = request.messages.first_mut() else {
            return Err(SendError::InvalidInput {
                agent_id,
                error: LettaError::InvalidInput("a send needs at least one message; nothing was sent".into()),
            });
        };
        let otid = first.otid.get_or_insert_with(new_otid).clone();
        let request = LettaStreamingRequest::steps(request);
        let began = Instant::now();
        let (mut busy_times, mut resends) = (0, 0);
        // Connection failures in a row, and when the first of them happened.
        let mut unreachable: Option<(Instant, u32)> = None;
        // Whether an attempt may have reached the server (then a 409 may be that attempt's).
        let mut maybe_landed = false;
        loop {
            let error = match self
                .client
                .conversations()
                .stream_background(&self.id, request.clone())
                .await
            {
                Ok(events) => return self.collect(events, &otid, TurnSource::Answered).await,
                Err(error) => error,
            };
            let give_up = |error| SendError::NotSent {
                agent_id: agent_id.clone(),
                otid: otid.clone(),
                error,
            };
            if let Some(busy) = ConversationBusy::from_error(&error) {
                unreachable = None;
                busy_times += 1;
                on_busy(&BusyWait {
                    conversation_id: &self.id,
                    otid: &otid,
                    busy: &busy,
                    times: busy_times,
                });
                if maybe_landed {
                    if let Some(turn) = self.follow_otid(&otid).await? {
                        return Ok(turn);
                    }
                }
                let Some(left) = self.busy_wait.checked_sub(began.elapsed()) else {
                    return Err(give_up(error));
                };
                tracing::info!(conversation = %self.id, otid, run = ?busy.run_id, "conversation busy; waiting for its run");
                self.wait_for(busy.run_id.as_ref(), left, busy_times).await;
                continue;
            }
            match error.failure_class() {
                FailureClass::NotSent => {
                    let (since, failures) = unreachable.get_or_insert((Instant::now(), 0));
                    *failures += 1;
                    let delay = self.backoff.delay(*failures);
                    if since.elapsed().saturating_add(delay) > UNREACHABLE_DEADLINE {
                        return Err(give_up(error));
                    }
                    tokio::time::sleep(delay).await;
                }
                FailureClass::Refused if error.is_client_side() => {
                    return Err(SendError::InvalidInput { agent_id, error });
                }
                FailureClass::Refused => {
                    return Err(SendError::Refused {
                        agent_id,
                        otid,
                        error,
                    });
                }
                _ => {
                    maybe_landed = true;
                    tracing::warn!(conversation = %self.id, otid, %error, "send outcome unknown; looking for its run");
                    match self.follow_otid(&otid).await {
                        Ok(Some(turn)) => return Ok(turn),
                        Ok(None) if resends < MAX_RESENDS => resends += 1,
                        Ok(None) => return Err(give_up(error)),
                        Err(SendError::Unknown { error: lookup, .. }) => {
                            return Err(SendError::Unknown {
                                agent_id,
                                otid,
                                error,
                                last_lookup_error: Some(Box::new(lookup)),
                            });
                        }
                        Err(other) => return Err(other),
                    }
                }
            }
        }
    }

    /// Sends a user message in the background and streams the turn's messages as they happen
    /// (whole messages, one event each), re-opening the stream after a dropped connection.
    ///
    /// Unlike [`send`](Self::send), a busy conversation is not waited for: the 409 is returned
    /// ([`ConversationBusy::from_error`] recognises it). The message is sent once.
    pub async fn stream(&self, content: impl Into<MessageContent>) -> Result<ResumableStream, LettaError> {
        let mut message = MessageCreate::user(content);
        message.otid = Some(new_otid());
        self.client
            .conversations()
            .stream_background(&self.id, LettaStreamingRequest::steps(message))
            .await
    }

    /// Starts a turn in the conversation in the background and follows it token by token: a
    /// [`BackgroundTurn`] whose [`progress`](BackgroundTurn::progress) can be kept to resume the
    /// turn from another process ([`AgentHandle::resume`] on this conversation's agent).
    ///
    /// Like [`stream`](Self::stream), a busy conversation is not waited for (the 409 is
    /// returned). The message is sent once.
    pub async fn send_background(
        &self,
        content: impl Into<MessageContent>,
    ) -> Result<BackgroundTurn, LettaError> {
        let mut message = MessageCreate::user(content);
        message.otid = Some(new_otid());
        let events = self
            .client
            .conversations()
            .stream_background(&self.id, LettaStreamingRequest::tokens(message))
            .await?;
        let path = format!("/v1/conversations/{}/messages", self.id);
        BackgroundTurn::started(self.client.clone(), self.agent_id.clone(), events, path).await
    }

    /// The turn of the send whose message had `otid`, when the server still knows its run
    /// (3 hours): followed to its end. `Ok(None)` when no run has that `otid`. Use it to settle
    /// a send that ended [`SendError::Unknown`].
    pub async fn recover(&self, otid: &str) -> Result<Option<Turn>, SendError> {
        self.follow_otid(otid).await
    }

    /// Every message of the conversation, oldest first.
    pub async fn history(&self) -> Result<Vec<LettaMessage>, LettaError> {
        self.client
            .conversations()
            .messages_all(&self.id, &ListConversationMessagesParams::default())
            .try_collect()
            .await
    }

    /// Deletes the conversation (its agent stays).
    pub async fn delete(self) -> Result<(), LettaError> {
        self.client.conversations().delete(&self.id).await
    }

    /// Follows the run of `otid`'s send from its first event, if the server has one.
    async fn follow_otid(&self, otid: &str) -> Result<Option<Turn>, SendError> {
        let lookup = RetrieveStreamRequest::builder().otid(otid).build();
        let unknown = |error: LettaError| SendError::Unknown {
            agent_id: self.agent_id.clone(),
            otid: otid.to_owned(),
            error,
            last_lookup_error: None,
        };
        let mut found = match self
            .client
            .conversations()
            .retrieve_stream(&self.id, &lookup)
            .await
        {
            Ok(found) => found,
            Err(error) if error.status().is_some_and(|s| s.as_u16() == 404) => return Ok(None),
            Err(error) => return Err(unknown(error)),
        };
        // Only the run's ID is needed: it is followed by ID, so a dropped connection resumes.
        let mut run_id = None;
        while run_id.is_none() {
            match found.next().await {
                Some(Ok(event)) => run_id = event.run_id(),
                Some(Err(error)) => return Err(unknown(error)),
                None => break,
            }
        }
        let Some(run_id) = run_id else {
            return Err(unknown(LettaError::InvalidInput(format!(
                "the run of otid {otid} streamed no event naming it"
            ))));
        };
        drop(found);
        let events = self.client.runs().attach(&run_id, None);
        self.collect(events, otid, TurnSource::Recovered).await.map(Some)
    }

    /// Reads a send's events to the end: the turn's messages and usage.
    async fn collect(
        &self,
        mut events: ResumableStream,
        otid: &str,
        source: TurnSource,
    ) -> Result<Turn, SendError> {
        let mut turn = Turn::new(Vec::new(), source);
        while let Some(event) = events.next().await {
            match event {
                Ok(StreamEvent::Message(LettaMessage::User(_))) => {}
                Ok(StreamEvent::Message(message)) => turn.messages.push(message),
                Ok(StreamEvent::Usage(usage)) => turn.usage = Some(usage),
                Ok(_) => {}
                // The server reported the turn failed: it ran; sending again would repeat it.
                Err(
                    error @ LettaError::Stream {
                        kind: StreamErrorKind::Server(_),
                        ..
                    },
                ) => {
                    return Err(SendError::NoReply {
                        agent_id: self.agent_id.clone(),
                        otid: otid.to_owned(),
                        error,
                        messages: turn.messages,
                    });
                }
                // The run goes on (or ended) on the server: `recover` reads it by the otid.
                Err(error) => {
                    return Err(SendError::Unknown {
                        agent_id: self.agent_id.clone(),
                        otid: otid.to_owned(),
                        error,
                        last_lookup_error: None,
                    });
                }
            }
        }
        Ok(turn)
    }

    /// Waits for the busy conversation's run (when named) to end, or a backoff delay.
    async fn wait_for(&self, run: Option<&letta_core::ids::RunId>, left: Duration, times: u32) {
        if let Some(run) = run {
            let waited = self.client.runs().wait(run, &WaitOptions::within(left)).await;
            if waited.is_ok() {
                return;
            }
        }
        tokio::time::sleep(self.backoff.delay(times).min(left)).await;
    }
}

impl AgentHandle {
    /// Starts a new conversation with the agent (Letta 0.16+; 0.7.x: [`LettaError::NotServed`]
    /// before anything is sent).
    pub async fn new_conversation(&self) -> Result<ConversationHandle, LettaError> {
        self.new_conversation_with(&ConversationCreate::default()).await
    }

    /// Starts a new conversation with the agent, with a summary, isolated blocks or a model of
    /// its own.
    pub async fn new_conversation_with(
        &self,
        create: &ConversationCreate,
    ) -> Result<ConversationHandle, LettaError> {
        let conversation = self.client().conversations().create(self.id(), create).await?;
        Ok(self.conversation(conversation.id))
    }

    /// A handle on the agent's conversation `id` (nothing is called: a wrong ID shows at the
    /// first use).
    pub fn conversation(&self, id: impl Into<ConversationId>) -> ConversationHandle {
        ConversationHandle::new(self.client().clone(), self.id().clone(), id.into())
    }

    /// Every conversation of the agent, newest first.
    pub async fn conversations(&self) -> Result<Vec<ConversationHandle>, LettaError> {
        let params = ListConversationsParams::builder()
            .agent_id(self.id().clone())
            .build();
        let listed: Vec<Conversation> = self
            .client()
            .conversations()
            .list_all(&params)
            .try_collect()
            .await?;
        Ok(listed.into_iter().map(|c| self.conversation(c.id)).collect())
    }
}
