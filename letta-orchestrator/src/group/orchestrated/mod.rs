//! Group conversations run by the orchestrator, for servers that do not run them (Letta 0.16+
//! has group CRUD but no `send_group_message`): each agent's turn is a reconciled agent send
//! ([`ReconcilingSender`]), so no turn is run twice and a turn whose outcome is unknown stops
//! the conversation with [`GroupError::Turn`].
//!
//! The patterns follow 0.7.29's server code (`letta/groups/*_multi_agent.py`); what differs
//! is listed in the module docs of [`crate::group`].

use std::collections::HashMap;

use letta_core::LettaClient;
use letta_core::ids::AgentId;
use letta_core::types::{
    LettaRequest, LettaUsageStatistics, ManagerType, MessageCreate, MessageRole, Replies,
};
use tokio::sync::Mutex;

mod chat;
mod supervisor;

use super::GroupError;
use super::session::{GroupReply, GroupSession};
use super::transcript::{Participant, Role, Transcript};
use crate::reconcile::{ReconcileConfig, ReconcilingSender, SendError, new_otid};
use crate::turn::{Turn, TurnSource};

/// Most characters of an agent's words kept in an error.
const SAID_CHARS: usize = 500;

/// Runs one group's conversations in the orchestrator.
#[derive(Debug)]
pub(super) struct Driver {
    sender: ReconcilingSender,
    /// Messages of earlier sends an agent has not been given yet (said after its last turn);
    /// they open its next turn. 0.7.29 writes them into the agent's history at the end of a
    /// send; a client cannot add history without running a turn. Locked for a whole send, so
    /// sends to one group run one at a time, as a conversation does.
    unseen: Mutex<Unseen>,
}

/// Per agent, the group messages it has not been given yet.
type Unseen = HashMap<AgentId, Vec<MessageCreate>>;

/// Why an orchestrator-run conversation stopped early.
enum Stop {
    /// An agent's turn failed.
    Turn(AgentId, SendError),
    /// A dynamic group's manager named nobody it could pick; what it said.
    NoSpeaker(AgentId, String),
    /// A supervisor's manager did not reach its workers: the tool and why.
    ManagerTool(AgentId, String, String),
}

impl Driver {
    pub(super) fn new(client: LettaClient, config: ReconcileConfig) -> Self {
        Self {
            sender: ReconcilingSender::new(client, config),
            unseen: Mutex::new(Unseen::new()),
        }
    }

    /// One send to the group: the conversation its pattern makes, each agent's part in the
    /// reply's transcript.
    pub(super) async fn send(
        &self,
        session: &GroupSession,
        message: MessageCreate,
    ) -> Result<GroupReply, GroupError> {
        let mut unseen = self.unseen.lock().await;
        let mut progress = Progress::new(session, message);
        let stopped = match session.group().manager_type {
            ManagerType::RoundRobin => chat::round_robin(self, &mut progress, &mut unseen).await,
            ManagerType::Dynamic => chat::dynamic(self, &mut progress, &mut unseen).await,
            ManagerType::Supervisor => supervisor::supervise(self, &mut progress).await,
            // A sleep-time group's main agent runs it: the server starts the background agent
            // after the main agent's turn.
            _ => self.main_turn(&mut progress).await,
        };
        match stopped {
            Ok(()) => Ok(progress.reply),
            Err(stop) => Err(progress.stopped(stop)),
        }
    }

    async fn main_turn(&self, progress: &mut Progress<'_>) -> Result<(), Stop> {
        let main = progress.session.with_role(Role::Manager)[0].clone();
        let input = progress.opening();
        let turn = self.turn(&main.id, LettaRequest::new([input])).await?;
        progress.record(&main, &turn);
        Ok(())
    }

    /// One agent's turn on `request`, every message of which gets an `otid`: the turn is found
    /// in the agent's history by the first one if its answer is lost, and the others mark the
    /// request's own messages there.
    async fn turn(&self, agent: &AgentId, mut request: LettaRequest) -> Result<Turn, Stop> {
        for message in &mut request.messages {
            message.otid.get_or_insert_with(new_otid);
        }
        self.sender
            .send_request(agent, request)
            .await
            .map_err(|e| Stop::Turn(agent.clone(), e))
    }
}

/// What one send has produced so far.
struct Progress<'s> {
    session: &'s GroupSession,
    /// The caller's message, with an `otid` so every agent's copy is the same message.
    message: MessageCreate,
    reply: GroupReply,
}

impl<'s> Progress<'s> {
    fn new(session: &'s GroupSession, mut message: MessageCreate) -> Self {
        message.otid.get_or_insert_with(new_otid);
        message.group_id.get_or_insert_with(|| session.id().clone());
        Self {
            session,
            message,
            reply: GroupReply {
                usage: Some(LettaUsageStatistics::default()),
                transcript: Transcript::default(),
                unread: Vec::new(),
            },
        }
    }

    /// The caller's message as the group's agents get it.
    fn opening(&self) -> MessageCreate {
        self.message.clone()
    }

    /// Adds an agent's turn to the transcript and its usage to the total.
    fn record(&mut self, agent: &Participant, turn: &Turn) {
        let source = TurnSource::Group(self.session.id().clone());
        self.reply
            .transcript
            .push_agent(agent, turn.messages.clone(), &source);
        match (&mut self.reply.usage, &turn.usage) {
            (Some(total), Some(usage)) => add_usage(total, usage),
            // A turn read back from history has no usage: a total would be wrong.
            _ => self.reply.usage = None,
        }
    }

    /// The agent's part of the transcript so far.
    fn messages_of(&self, agent: &AgentId) -> &[letta_core::types::LettaMessage] {
        self.reply
            .transcript
            .turn(agent)
            .map(|t| t.messages.as_slice())
            .unwrap_or_default()
    }

    fn stopped(self, stop: Stop) -> GroupError {
        let group_id = self.session.id().clone();
        let reply = Box::new(self.reply);
        match stop {
            Stop::Turn(agent_id, source) => GroupError::Turn {
                group_id,
                agent_id,
                message: Box::new(self.message),
                source: Box::new(source),
                reply,
            },
            Stop::NoSpeaker(manager, said) => GroupError::NoSpeaker {
                group_id,
                manager,
                said: bounded(said),
                reply,
            },
            Stop::ManagerTool(manager, tool, failure) => GroupError::ManagerTool {
                group_id,
                manager,
                tool,
                failure,
                reply,
            },
        }
    }
}

fn add_usage(total: &mut LettaUsageStatistics, usage: &LettaUsageStatistics) {
    total.completion_tokens += usage.completion_tokens;
    total.prompt_tokens += usage.prompt_tokens;
    total.total_tokens += usage.total_tokens;
    total.step_count += usage.step_count;
    if let Some(runs) = &usage.run_ids {
        total
            .run_ids
            .get_or_insert_with(Vec::new)
            .extend(runs.iter().cloned());
    }
}

/// An agent's replies as the other agents of the group get them: system messages under its
/// name, as 0.7.29 forwards them.
fn forwarded(session: &GroupSession, speaker: &Participant, turn: &Turn) -> Vec<MessageCreate> {
    turn.assistant_texts()
        .into_iter()
        .map(|text| {
            MessageCreate::builder(MessageRole::System, text)
                .name(speaker.name.clone())
                .sender_id(speaker.id.to_string())
                .group_id(session.id().clone())
                .otid(new_otid())
                .build()
        })
        .collect()
}

/// At most [`SAID_CHARS`] characters (and an ellipsis when cut).
fn bounded(text: String) -> String {
    match text.char_indices().nth(SAID_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text,
    }
}
