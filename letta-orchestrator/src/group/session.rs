//! Talking to a set-up group and reading its conversation per agent.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use futures_util::StreamExt;
use letta_core::ids::{AgentId, GroupId, MessageId};
use letta_core::types::{
    ChatMessage, Group, LettaMessage, LettaStreamingRequest, LettaUsageStatistics, ListMessagesParams,
    ManagerType, MessageCreate, VoiceChatCompletionRequest,
};
use letta_core::{LettaClient, LettaError, MessageStream};

use super::GroupError;
use super::orchestrated::Driver;
use super::supervisor::{ensure_manager_tool, manager_failure};
use super::transcript::{Participant, Role, Transcript};
use crate::reconcile::ReconcileConfig;
use crate::turn::TurnSource;

/// How many of an agent's newest messages to look at for the newest one: the server hides
/// some kinds from lists, so a page of one could come back empty.
const MARKER_PAGE: u32 = 10;
/// Most messages read from one agent's history after a send.
const SINCE_PAGE: u32 = 200;

/// What one send to a group produced.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupReply {
    /// Token and step counts of the whole send, when the server answered with them (`None`
    /// for a voice group, which answers as a chat-completion stream, for a collected stream,
    /// and, where the orchestrator runs the group, when an agent's answer was lost and its turn
    /// read back from its history).
    pub usage: Option<LettaUsageStatistics>,
    /// Each agent's part of the send, as a [`Turn`](crate::Turn) (source
    /// [`TurnSource::Group`]).
    pub transcript: Transcript,
    /// Agents whose history could not be read after the send, and why. The send itself
    /// happened; their messages are missing from the transcript (read them later with
    /// [`GroupSession::histories`]).
    pub unread: Vec<(AgentId, String)>,
}

impl GroupReply {
    /// Adds an agent's messages read from its history since the send to `group`, or notes why
    /// not.
    fn add_history(
        &mut self,
        group: &Group,
        participant: &Participant,
        history: Result<Vec<LettaMessage>, LettaError>,
    ) {
        match history {
            Ok(messages) => {
                let source = TurnSource::Group(group.id.clone());
                self.transcript.push_agent(participant, messages, &source);
            }
            Err(e) => self.unread.push((participant.id.clone(), e.to_string())),
        }
    }
}

/// A group and its participants, for sending. Cheap to clone; it owns nothing (see
/// [`super::GroupRun`] for teardown).
#[derive(Debug, Clone)]
pub struct GroupSession {
    client: LettaClient,
    group: Group,
    participants: Vec<Participant>,
    /// Whether a supervisor's manager is known to have its group tool (always `true` for the
    /// other patterns).
    manager_tool: Arc<AtomicBool>,
    /// Runs the conversation where the server does not (0.16+).
    driver: Option<Arc<Driver>>,
}

impl GroupSession {
    pub(crate) fn new(
        client: LettaClient,
        group: Group,
        participants: Vec<Participant>,
        manager_tool_ready: bool,
        orchestrated: Option<ReconcileConfig>,
    ) -> Self {
        let driver = orchestrated.map(|config| Arc::new(Driver::new(client.clone(), config)));
        Self {
            client,
            group,
            participants,
            manager_tool: Arc::new(AtomicBool::new(manager_tool_ready)),
            driver,
        }
    }

    /// Whether the orchestrator runs the group's conversations (the server does not: 0.16+),
    /// rather than the server.
    pub fn is_orchestrated(&self) -> bool {
        self.driver.is_some()
    }

    /// The group's ID.
    pub fn id(&self) -> &GroupId {
        &self.group.id
    }

    /// The group as it was set up.
    pub fn group(&self) -> &Group {
        &self.group
    }

    /// Every agent of the group: the manager (or main agent) first, then the workers or
    /// background agents.
    pub fn participants(&self) -> &[Participant] {
        &self.participants
    }

    /// The agents with this role.
    pub fn with_role(&self, role: Role) -> Vec<&Participant> {
        self.participants.iter().filter(|p| p.role == role).collect()
    }

    /// The client the session calls through.
    pub fn client(&self) -> &LettaClient {
        &self.client
    }

    fn send_error(&self, message: MessageCreate, source: LettaError) -> GroupError {
        GroupError::Send {
            group_id: self.group.id.clone(),
            message: Box::new(message),
            source,
        }
    }

    /// Before a supervisor send: attaches the manager's group tool if setup could not (the
    /// organisation had none then; another group's first send may have made it since).
    async fn ready_manager_tool(&self, message: &MessageCreate) -> Result<(), GroupError> {
        if self.manager_tool.load(Ordering::Acquire) {
            return Ok(());
        }
        let Some(manager) = &self.group.manager_agent_id else {
            return Ok(());
        };
        let ready = ensure_manager_tool(&self.client, manager)
            .await
            .map_err(|e| self.send_error(message.clone(), e))?;
        self.manager_tool.store(ready, Ordering::Release);
        Ok(())
    }

    /// After a supervisor send: the reply, or [`GroupError::ManagerTool`] when the manager did
    /// not reach the workers (a tool call of it failed and was not made good later in the
    /// turn, or it never called its group tool).
    // `GroupError` is what every send returns (the async ones are not linted); boxing it here
    // alone would only add a step.
    #[allow(clippy::result_large_err)]
    fn check_manager_calls(&self, reply: GroupReply) -> Result<GroupReply, GroupError> {
        let Some(manager) = self.with_role(Role::Manager).first().copied() else {
            return Ok(reply);
        };
        let messages = reply
            .transcript
            .turn(&manager.id)
            .map(|t| t.messages.as_slice())
            .unwrap_or_default();
        match manager_failure(messages, &manager.name) {
            None => {
                // The send worked, so the server has the tool now and the manager has it.
                self.manager_tool.store(true, Ordering::Release);
                Ok(reply)
            }
            Some((tool, failure)) => Err(GroupError::ManagerTool {
                group_id: self.group.id.clone(),
                manager: manager.id.clone(),
                tool,
                failure,
                reply: Box::new(reply),
            }),
        }
    }

    fn api_error(&self, source: LettaError) -> GroupError {
        GroupError::Api {
            group_id: self.group.id.clone(),
            source,
        }
    }

    /// Sends one message and returns the turn's messages per agent. Where the server runs the
    /// group (0.7.x) the send is not retried: a group turn runs several agent steps, and the
    /// server does not deduplicate them. Where the orchestrator runs it (0.16+, see the
    /// [module docs](super)), each agent's turn is a reconciled send, its part of the
    /// transcript is that turn, and a failed turn is [`GroupError::Turn`].
    ///
    /// Where each agent's messages come from on 0.7.x:
    /// - round robin, dynamic, sleep-time: the reply (each message names its agent);
    /// - supervisor: the reply for the manager, and each worker's own history since the send
    ///   (the reply only holds the workers' answers inside the manager's tool result);
    /// - voice sleep-time: the voice agent's history since the send, after talking to it
    ///   through the voice endpoint (the only way 0.7.29 runs such a group).
    ///
    /// The sleep-time agent of a sleep-time group runs in the background afterwards; read it
    /// with [`GroupSession::histories`] once it has run.
    ///
    /// A supervisor send whose manager did not reach the workers (its tool call failed and was
    /// not made good later in the turn, or it never called its group tool) is
    /// [`GroupError::ManagerTool`], with the reply.
    pub async fn send(&self, message: MessageCreate) -> Result<GroupReply, GroupError> {
        if let Some(driver) = &self.driver {
            return driver.send(self, message).await;
        }
        match self.group.manager_type {
            ManagerType::VoiceSleeptime => self.send_voice(message).await,
            ManagerType::Supervisor => {
                self.ready_manager_tool(&message).await?;
                let workers = self.with_role(Role::Worker);
                let mut markers = Vec::with_capacity(workers.len());
                for worker in &workers {
                    let marker = newest(&self.client, &worker.id).await;
                    markers.push(marker.map_err(|e| self.send_error(message.clone(), e))?);
                }
                let mut reply = self.send_plain(message).await?;
                for (worker, marker) in workers.into_iter().zip(markers) {
                    let history = since(&self.client, &worker.id, marker.as_ref()).await;
                    reply.add_history(&self.group, worker, history);
                }
                self.check_manager_calls(reply)
            }
            _ => self.send_plain(message).await,
        }
    }

    async fn send_plain(&self, message: MessageCreate) -> Result<GroupReply, GroupError> {
        match self
            .client
            .groups()
            .messages(&self.group.id)
            .send(message.clone())
            .await
        {
            Ok(response) => Ok(GroupReply {
                transcript: Transcript::from_messages(&response.messages, &self.participants, &self.source()),
                usage: Some(response.usage),
                unread: Vec::new(),
            }),
            Err(e) => Err(self.send_error(message, e)),
        }
    }

    async fn send_voice(&self, message: MessageCreate) -> Result<GroupReply, GroupError> {
        let Some(voice) = self.with_role(Role::Manager).first().copied().cloned() else {
            let e = LettaError::InvalidInput("the voice group has no voice agent".into());
            return Err(self.send_error(message, e));
        };
        let sent = async {
            let agent = self.client.agents().retrieve(&voice.id).await?;
            let marker = newest(&self.client, &voice.id).await?;
            // The voice endpoint answers the last user message, so the message goes as one.
            let request = VoiceChatCompletionRequest::new(
                agent.llm_config.model.clone(),
                [ChatMessage::user(message.content.text())],
            );
            let mut chunks = self.client.voice().chat_completions(&voice.id, &request).await?;
            while let Some(chunk) = chunks.next().await {
                chunk?;
            }
            Ok::<_, LettaError>(marker)
        }
        .await;
        let marker = sent.map_err(|e| self.send_error(message, e))?;
        let mut reply = GroupReply {
            usage: None,
            transcript: Transcript::default(),
            unread: Vec::new(),
        };
        let history = since(&self.client, &voice.id, marker.as_ref()).await;
        reply.add_history(&self.group, &voice, history);
        Ok(reply)
    }

    /// Sends one message and streams the agents' messages step by step as they come
    /// (`send_group_message_streaming`); each message names its agent. Not offered for voice
    /// groups, nor where the orchestrator runs the group (0.16+: the server refuses group
    /// streams, [`letta_core::LettaError::NotServed`]); use [`GroupSession::stream_collect`] or
    /// [`GroupSession::send`] there.
    pub async fn stream(&self, message: MessageCreate) -> Result<MessageStream, GroupError> {
        if self.group.manager_type == ManagerType::VoiceSleeptime {
            let e = LettaError::InvalidInput(
                "0.7.29 cannot stream a voice sleep-time group through the group endpoints; use send".into(),
            );
            return Err(self.send_error(message, e));
        }
        if self.group.manager_type == ManagerType::Supervisor {
            self.ready_manager_tool(&message).await?;
        }
        let request = LettaStreamingRequest::steps(message.clone());
        self.client
            .groups()
            .messages(&self.group.id)
            .stream(&request)
            .await
            .map_err(|e| self.send_error(message, e))
    }

    /// Streams one message and collects the streamed messages per agent. Like
    /// [`GroupSession::send`], a supervisor's failed manager tool call is
    /// [`GroupError::ManagerTool`]. Where the orchestrator runs the group (0.16+), this is
    /// [`GroupSession::send`].
    pub async fn stream_collect(&self, message: MessageCreate) -> Result<GroupReply, GroupError> {
        if self.driver.is_some() {
            return self.send(message).await;
        }
        let mut stream = self.stream(message.clone()).await?;
        let mut messages = Vec::new();
        while let Some(event) = stream.next().await {
            match event {
                Ok(event) => messages.extend(event.as_message().cloned()),
                Err(e) => return Err(self.send_error(message, e)),
            }
        }
        let reply = GroupReply {
            usage: None,
            transcript: Transcript::from_messages(&messages, &self.participants, &self.source()),
            unread: Vec::new(),
        };
        match self.group.manager_type {
            ManagerType::Supervisor => self.check_manager_calls(reply),
            _ => Ok(reply),
        }
    }

    /// The newest `limit` messages of each participant's own history, oldest first, per
    /// agent: what each agent saw and said, including a sleep-time agent's background runs.
    pub async fn histories(&self, limit: u32) -> Result<Transcript, GroupError> {
        let mut transcript = Transcript::default();
        for participant in &self.participants {
            let messages = self
                .client
                .agents()
                .messages(&participant.id)
                .list(&ListMessagesParams::builder().limit(limit).build())
                .await
                .map_err(|e| self.api_error(e))?;
            transcript.push_agent(participant, messages, &TurnSource::History);
        }
        Ok(transcript)
    }

    /// The participant with this ID.
    pub fn participant(&self, agent: impl Into<AgentId>) -> Option<&Participant> {
        let agent = agent.into();
        self.participants.iter().find(|p| p.id == agent)
    }

    /// How an agent's part of a send to this group was obtained.
    fn source(&self) -> TurnSource {
        TurnSource::Group(self.group.id.clone())
    }
}

/// The ID of the agent's newest listed message.
async fn newest(client: &LettaClient, agent: &AgentId) -> Result<Option<MessageId>, LettaError> {
    let page = client
        .agents()
        .messages(agent)
        .list(&ListMessagesParams::builder().limit(MARKER_PAGE).build())
        .await?;
    Ok(page.iter().rev().find_map(|m| m.id().cloned()))
}

/// The agent's messages after `marker`, oldest first.
async fn since(
    client: &LettaClient,
    agent: &AgentId,
    marker: Option<&MessageId>,
) -> Result<Vec<LettaMessage>, LettaError> {
    let messages = client
        .agents()
        .messages(agent)
        .list(
            &ListMessagesParams::builder()
                .maybe_after(marker)
                .limit(SINCE_PAGE)
                .build(),
        )
        .await?;
    // Several listed items can share one stored message (a step's reasoning and call), so the
    // marker's own items may come back; drop them.
    Ok(messages.into_iter().filter(|m| m.id() != marker).collect())
}
