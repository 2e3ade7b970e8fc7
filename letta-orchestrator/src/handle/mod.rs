//! Typed handles on one agent: send, stream, run in the background, memory by label, archival
//! memory, tools, reset; its conversations ([`ConversationHandle`], Letta 0.16+) and its long
//! turns that another process can resume ([`BackgroundTurn`], [`TurnProgress`], Letta 0.16+).
//!
//! ```no_run
//! use letta_orchestrator::{AgentHandle, Replies};
//!
//! # async fn run(client: letta_core::LettaClient, id: letta_core::ids::AgentId) -> Result<(), Box<dyn std::error::Error>> {
//! let agent = AgentHandle::new(client, id);
//! let turn = agent.send("What do you know about me?").await?;
//! println!("{}", turn.last_reply().unwrap_or_default());
//! agent.append_memory("human", "\nLikes tea.").await?;
//! agent.archival_insert("Met on 2026-11-25 at the station.").await?;
//! let hits = agent.archival_search("the station", 3).await?;
//! let background = agent.send_async("Summarise our talk.").await?;
//! let ran = background.await?; // or `.poll()` / `.wait(..)` on a `mut` handle
//! println!("{:?} {:?}", hits.len(), ran.assistant_texts());
//! # Ok(()) }
//! ```

mod approval;
mod background;
mod conversation;
mod run;
mod typed;

pub(crate) use approval::waits_for_caller;
pub use approval::{PendingApproval, PendingCall};
pub use background::{BackgroundTurn, TurnProgress};
pub use conversation::{BusyWait, ConversationHandle};
pub use run::RunHandle;
pub use typed::{OutputError, TypedAgent, response_format_for};
pub(crate) use typed::{hold_plain_text_replies_to, reply_text};

use letta_core::ids::{AgentId, ToolId};
use letta_core::stream::MessageStream;
use letta_core::types::{
    AgentState, Block, BlockUpdate, LettaRequest, LettaStreamingRequest, ListPassagesParams, ListToolsParams,
    MessageContent, MessageCreate, Passage,
};
use letta_core::{LettaClient, LettaError};

use crate::reconcile::{ReconcileConfig, ReconcilingSender, SendError};
use crate::turn::Turn;

/// One agent on one server: the agent's ID and the sender that reaches it. Cheap to clone
/// (clones share the sender).
///
/// Every method is one or a few API calls; the handle caches nothing about the agent, so it
/// never goes stale. Sends are reconciled ([`ReconcilingSender`]): a send whose answer is lost
/// is looked up in the agent's history, never blindly repeated. A send that produced no turn is
/// a [`SendError`], which says whether the message may have run.
///
/// A handle names its agent wherever an agent is asked for (`impl Into<AgentId>`), so `&handle`
/// can be passed to a fan-out item, a batch or a group.
#[derive(Debug, Clone)]
pub struct AgentHandle {
    id: AgentId,
    sender: ReconcilingSender,
}

impl AgentHandle {
    /// A handle on the agent `id`, reached through `client` (and its layers).
    pub fn new(client: LettaClient, id: impl Into<AgentId>) -> Self {
        Self {
            id: id.into(),
            sender: ReconcilingSender::new(client, ReconcileConfig::default()),
        }
    }

    /// The same handle, reconciling lost answers with `config`.
    pub fn with_reconcile(mut self, config: ReconcileConfig) -> Self {
        self.sender = ReconcilingSender::new(self.sender.client().clone(), config);
        self
    }

    /// The sender the handle's sends go through.
    pub fn sender(&self) -> &ReconcilingSender {
        &self.sender
    }

    /// The agent's ID.
    pub fn id(&self) -> &AgentId {
        &self.id
    }

    /// The client the handle calls through.
    pub fn client(&self) -> &LettaClient {
        self.sender.client()
    }

    /// The agent as the server has it now.
    pub async fn state(&self) -> Result<AgentState, LettaError> {
        self.client().agents().retrieve(&self.id).await
    }

    /// Sends a user message and returns the agent's turn.
    ///
    /// On failure the [`SendError`] says what is known: not sent (safe to send again), unknown
    /// (settle it by its `otid` with [`AgentHandle::settle`] before sending again), refused, or
    /// run without a reply.
    pub async fn send(&self, content: impl Into<MessageContent>) -> Result<Turn, SendError> {
        self.send_message(MessageCreate::user(content)).await
    }

    /// Sends one message (any role, name, otid) and returns the agent's turn.
    pub async fn send_message(&self, message: MessageCreate) -> Result<Turn, SendError> {
        self.send_request(LettaRequest::new([message])).await
    }

    /// Sends a whole request (one turn) and returns the agent's turn.
    pub async fn send_request(&self, request: LettaRequest) -> Result<Turn, SendError> {
        self.sender.send_request(&self.id, request).await
    }

    /// Settles a send whose outcome was unknown, by its `otid` (see
    /// [`ReconcilingSender::settle`]).
    pub async fn settle(&self, otid: &str) -> Result<crate::reconcile::Settled, LettaError> {
        self.sender.settle(&self.id, otid).await
    }

    /// Sends a user message and streams the turn's messages step by step as they happen.
    ///
    /// A stream is not reconciled: if it fails midway, the turn may still finish on the server
    /// (read the agent's history before sending again).
    pub async fn stream(&self, content: impl Into<MessageContent>) -> Result<MessageStream, LettaError> {
        let request = LettaStreamingRequest::steps(LettaRequest::new([MessageCreate::user(content)]));
        self.client().agents().messages(&self.id).stream(&request).await
    }

    /// Starts a turn in the background on the server and returns a handle on its run.
    pub async fn send_async(&self, content: impl Into<MessageContent>) -> Result<RunHandle, LettaError> {
        let request = LettaRequest::new([MessageCreate::user(content)]);
        let run = self
            .client()
            .agents()
            .messages(&self.id)
            .send_async(&request)
            .await?;
        Ok(RunHandle::new(self.client().clone(), self.id.clone(), run))
    }

    /// The text of the core-memory block `label`.
    pub async fn memory(&self, label: &str) -> Result<String, LettaError> {
        Ok(self.block(label).await?.value)
    }

    /// The core-memory block `label`, with its limit and metadata.
    pub async fn block(&self, label: &str) -> Result<Block, LettaError> {
        self.client()
            .agents()
            .core_memory(&self.id)
            .retrieve_block(label)
            .await
    }

    /// Replaces the text of the core-memory block `label`.
    pub async fn set_memory(&self, label: &str, value: impl Into<String>) -> Result<Block, LettaError> {
        let update = BlockUpdate::builder().value(value).build();
        self.client()
            .agents()
            .core_memory(&self.id)
            .modify_block(label, &update)
            .await
    }

    /// Appends `text` to the core-memory block `label` (as given: add your own separator).
    ///
    /// The server has no append, so this reads the block and writes it back: a write by someone
    /// else in between is overwritten. Text that would not fit the block's limit is refused
    /// before anything is written.
    pub async fn append_memory(&self, label: &str, text: &str) -> Result<Block, LettaError> {
        let block = self.block(label).await?;
        let value = format!("{}{text}", block.value);
        let length = value.chars().count();
        if length > block.limit as usize {
            return Err(LettaError::InvalidInput(format!(
                "appending {} characters to block `{label}` of agent {} would make it {length} \
                 characters, over its limit of {}; nothing was written (shorten the text or raise \
                 the block's limit)",
                text.chars().count(),
                self.id,
                block.limit
            )));
        }
        self.set_memory(label, value).await
    }

    /// Stores `text` in archival memory; returns the passages made from it.
    pub async fn archival_insert(&self, text: impl Into<String>) -> Result<Vec<Passage>, LettaError> {
        self.client().agents().archival(&self.id).create(text).await
    }

    /// Up to `limit` archival passages whose text contains `query`, ignoring case.
    ///
    /// Letta 0.7.29's REST search matches text; the embedding search is only the agent's own
    /// `archival_memory_search` tool.
    pub async fn archival_search(&self, query: &str, limit: u32) -> Result<Vec<Passage>, LettaError> {
        let params = ListPassagesParams::builder().search(query).limit(limit).build();
        self.client().agents().archival(&self.id).list(&params).await
    }

    /// Attaches the tool `tool_id`.
    pub async fn attach_tool(&self, tool_id: &ToolId) -> Result<AgentState, LettaError> {
        self.client().agents().tools(&self.id).attach(tool_id).await
    }

    /// Attaches the tool named `name` (as registered on the server).
    pub async fn attach_tool_named(&self, name: &str) -> Result<AgentState, LettaError> {
        let tool_id = self.tool_id_named(name).await?;
        self.attach_tool(&tool_id).await
    }

    /// Detaches the tool `tool_id`.
    pub async fn detach_tool(&self, tool_id: &ToolId) -> Result<AgentState, LettaError> {
        self.client().agents().tools(&self.id).detach(tool_id).await
    }

    /// Detaches the tool named `name`.
    pub async fn detach_tool_named(&self, name: &str) -> Result<AgentState, LettaError> {
        let tool_id = self.tool_id_named(name).await?;
        self.detach_tool(&tool_id).await
    }

    async fn tool_id_named(&self, name: &str) -> Result<ToolId, LettaError> {
        let params = ListToolsParams::builder().name(name).build();
        let tools = self.client().tools().list(&params).await?;
        tools
            .into_iter()
            .find(|t| t.name.as_deref() == Some(name))
            .map(|t| t.id)
            .ok_or_else(|| LettaError::NotFoundByName {
                what: "tool",
                name: name.to_owned(),
                hint: "create or upsert it first",
            })
    }

    /// Clears the agent's conversation (its history stays listed, out of context), optionally
    /// putting the default first messages back.
    pub async fn reset(&self, add_default_initial_messages: bool) -> Result<AgentState, LettaError> {
        self.client()
            .agents()
            .messages(&self.id)
            .reset(add_default_initial_messages)
            .await
    }

    /// Deletes the agent.
    pub async fn delete(self) -> Result<(), LettaError> {
        self.client().agents().delete(&self.id).await
    }
}

impl From<&AgentHandle> for AgentId {
    fn from(handle: &AgentHandle) -> Self {
        handle.id.clone()
    }
}

impl From<AgentHandle> for AgentId {
    fn from(handle: AgentHandle) -> Self {
        handle.id
    }
}
