//! Agents: their state, creation, changes and list filters.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{
    BlockCreate, EmbeddingConfig, Group, JsonMap, LlmConfig, Memory, MessageCreate, Timestamp, Tool, ToolRule,
};
use crate::ids::{
    AgentId, BlockId, IdentityId, MessageId, OrganizationId, ProjectId, SourceId, TemplateId, ToolId, UserId,
};

string_enum! {
    /// Kind of agent (`AgentType`).
    AgentType {
        /// The standard MemGPT-style agent.
        MemgptAgent = "memgpt_agent",
        /// Split-thread agent.
        SplitThreadAgent = "split_thread_agent",
        /// Sleep-time (background memory) agent.
        SleeptimeAgent = "sleeptime_agent",
        /// Voice conversation agent.
        VoiceConvoAgent = "voice_convo_agent",
        /// Voice sleep-time agent.
        VoiceSleeptimeAgent = "voice_sleeptime_agent",
        /// MemGPT-style agent with the v2 memory tools (0.16).
        MemgptV2Agent = "memgpt_v2_agent",
        /// The default agent of 0.16: replies in plain text, no `send_message`, no heartbeats.
        LettaV1Agent = "letta_v1_agent",
        /// ReAct agent, without memory tools (0.16).
        ReactAgent = "react_agent",
        /// Workflow agent (0.16).
        WorkflowAgent = "workflow_agent",
    }
}

/// The format of an agent's replies from `send_message` (`TextResponseFormat`,
/// `JsonSchemaResponseFormat`, `JsonObjectResponseFormat`), tagged by `type`.
///
/// ```
/// use letta_core::types::ResponseFormat;
/// let schema = serde_json::json!({"type": "object", "properties": {"city": {"type": "string"}}});
/// let format = ResponseFormat::JsonSchema { json_schema: schema.as_object().cloned().unwrap() };
/// assert_eq!(serde_json::to_value(&format).unwrap()["type"], "json_schema");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ResponseFormat {
    /// Plain text.
    Text,
    /// JSON that follows a schema.
    JsonSchema {
        /// The JSON Schema of the reply; a schema document, so free-form JSON.
        json_schema: JsonMap,
    },
    /// Any JSON object.
    JsonObject,
    /// A format this client does not know, kept as the server sent it and sent back unchanged.
    #[serde(untagged)]
    Other(Value),
}

/// A data source attached to an agent (`Source`, as embedded in an agent's state).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceSummary {
    /// Source ID.
    pub id: SourceId,
    /// Name.
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Instructions for using it.
    #[serde(default)]
    pub instructions: Option<String>,
    /// How it is embedded.
    #[serde(default)]
    pub embedding_config: Option<EmbeddingConfig>,
    /// Free-form metadata.
    #[serde(default)]
    pub metadata: Option<JsonMap>,
    /// When it was created.
    #[serde(default, with = "super::time::optional")]
    pub created_at: Option<Timestamp>,
    /// When it last changed.
    #[serde(default, with = "super::time::optional")]
    pub updated_at: Option<Timestamp>,
    /// Owning organization.
    #[serde(default)]
    pub organization_id: Option<OrganizationId>,
    /// Creator.
    #[serde(default)]
    pub created_by_id: Option<UserId>,
    /// Last editor.
    #[serde(default)]
    pub last_updated_by_id: Option<UserId>,
    /// Where its vectors are stored: `native`, `tpuf`, `pinecone` (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vector_db_provider: Option<String>,
}

/// An environment variable given to an agent's tools (`AgentEnvironmentVariable`); `Debug`
/// shows its key, never its value.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentEnvironmentVariable {
    /// Variable ID.
    #[serde(default)]
    pub id: Option<String>,
    /// Name.
    pub key: String,
    /// Value.
    pub value: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// The agent it belongs to.
    #[serde(default)]
    pub agent_id: Option<AgentId>,
    /// When it was created.
    #[serde(default, with = "super::time::optional")]
    pub created_at: Option<Timestamp>,
    /// When it last changed.
    #[serde(default, with = "super::time::optional")]
    pub updated_at: Option<Timestamp>,
    /// Owning organization.
    #[serde(default)]
    pub organization_id: Option<OrganizationId>,
    /// Creator.
    #[serde(default)]
    pub created_by_id: Option<UserId>,
    /// Last editor.
    #[serde(default)]
    pub last_updated_by_id: Option<UserId>,
    /// The value as the server stores it, encrypted (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_enc: Option<String>,
}

/// An agent as the server returns it (`AgentState`); `Debug` hides its tool variables' values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentState {
    /// Agent ID.
    pub id: AgentId,
    /// Name.
    pub name: String,
    /// Kind of agent.
    pub agent_type: AgentType,
    /// System prompt.
    #[serde(default)]
    pub system: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Chat model.
    pub llm_config: LlmConfig,
    /// Embedding model.
    pub embedding_config: EmbeddingConfig,
    /// Core memory.
    pub memory: Memory,
    /// Attached tools.
    #[serde(default)]
    pub tools: Vec<Tool>,
    /// Attached sources.
    #[serde(default)]
    pub sources: Vec<SourceSummary>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Tool rules.
    #[serde(default)]
    pub tool_rules: Option<Vec<ToolRule>>,
    /// IDs of the messages in the context window, oldest first.
    #[serde(default)]
    pub message_ids: Option<Vec<MessageId>>,
    /// Free-form metadata.
    #[serde(default)]
    pub metadata: Option<JsonMap>,
    /// Identities the agent belongs to.
    #[serde(default)]
    pub identity_ids: Vec<IdentityId>,
    /// Environment variables for the agent's tools.
    #[serde(default)]
    pub tool_exec_environment_variables: Vec<AgentEnvironmentVariable>,
    /// Whether messages are cleared after each step.
    #[serde(default)]
    pub message_buffer_autoclear: bool,
    /// Whether a sleep-time agent manages this agent's memory.
    #[serde(default)]
    pub enable_sleeptime: Option<bool>,
    /// The group the agent manages: for an agent created with `enable_sleeptime`, the
    /// sleep-time group the server made for it (the only way to that group's ID).
    #[serde(default)]
    pub multi_agent_group: Option<Group>,
    /// The format of the agent's replies from `send_message`.
    #[serde(default)]
    pub response_format: Option<ResponseFormat>,
    /// Project.
    #[serde(default)]
    pub project_id: Option<ProjectId>,
    /// Template.
    #[serde(default)]
    pub template_id: Option<TemplateId>,
    /// Base template.
    #[serde(default)]
    pub base_template_id: Option<TemplateId>,
    /// Owning organization.
    #[serde(default)]
    pub organization_id: Option<OrganizationId>,
    /// Creator.
    #[serde(default)]
    pub created_by_id: Option<UserId>,
    /// Last editor.
    #[serde(default)]
    pub last_updated_by_id: Option<UserId>,
    /// When it was created.
    #[serde(default, with = "super::time::optional")]
    pub created_at: Option<Timestamp>,
    /// When it last changed.
    #[serde(default, with = "super::time::optional")]
    pub updated_at: Option<Timestamp>,
    /// The core-memory blocks (0.16; its 1.0-SDK behaviour leaves them out unless asked for
    /// with `include`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<super::Block>,
    /// The identities the agent belongs to (0.16, with `include`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identities: Vec<super::Identity>,
    /// The agent's secrets (0.16's name for the tool environment variables; `Debug` hides their
    /// values).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secrets: Vec<AgentEnvironmentVariable>,
    /// The group the agent manages (0.16's name for `multi_agent_group`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub managed_group: Option<Group>,
    /// The chat model's handle, `provider/model` (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// The model's settings, by provider (0.16; kept as sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_settings: Option<serde_json::Value>,
    /// The embedding model's handle (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedding: Option<String>,
    /// How the agent compacts its context (0.16; kept as sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compaction_settings: Option<JsonMap>,
    /// The tool call waiting for approval, if any (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_approval: Option<Box<super::LettaMessage>>,
    /// When the last run finished (0.16).
    #[serde(
        default,
        with = "super::time::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_run_completion: Option<Timestamp>,
    /// How long the last run took, in milliseconds (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_run_duration_ms: Option<u64>,
    /// Why the last run stopped (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_stop_reason: Option<super::StopReasonType>,
    /// At most this many files open at once (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_files_open: Option<u32>,
    /// The characters of a file shown per open file (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_file_view_window_char_limit: Option<u32>,
    /// The agent's time zone, e.g. `Europe/Paris` (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// Hidden from listings (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<bool>,
    /// Deployment (Letta Cloud).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment_id: Option<String>,
    /// Entity (Letta Cloud).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<String>,
}

/// An agent names itself wherever an [`AgentId`] is asked for.
impl From<&AgentState> for AgentId {
    fn from(agent: &AgentState) -> Self {
        agent.id.clone()
    }
}

/// An agent names itself wherever an [`AgentId`] is asked for.
impl From<AgentState> for AgentId {
    fn from(agent: AgentState) -> Self {
        agent.id
    }
}

/// A new agent (`CreateAgentRequest`), built with [`AgentCreate::builder`]. Unset fields take
/// the server's defaults; `Debug` hides the values of `tool_exec_environment_variables`.
///
/// Tools, blocks and identities that already exist are attached by their typed IDs; list setters
/// take any iterable of IDs or of references to IDs:
///
/// ```no_run
/// use letta_core::LettaClient;
/// use letta_core::types::{AgentCreate, BlockCreate, IdentityCreate, IdentityType, ToolCreate};
///
/// # async fn run(client: LettaClient) -> Result<(), letta_core::LettaError> {
/// let search = client
///     .tools()
///     .create(&ToolCreate::python(
///         "def search(query: str) -> str:\n    \"\"\"Searches the docs for `query`.\"\"\"\n    return query\n",
///     ))
///     .await?;
/// let policy = client.blocks().create(&BlockCreate::new("policy", "Refunds within 30 days.")).await?;
/// let ada = client
///     .identities()
///     .create(&IdentityCreate::new("user-42", "Ada", IdentityType::User))
///     .await?;
/// let agent = client
///     .agents()
///     .create(
///         &AgentCreate::builder()
///             .name("helper")
///             .model("openai/gpt-4o-mini")
///             .embedding("openai/text-embedding-3-small")
///             .memory_blocks([BlockCreate::new("human", "Name: Ada")])
///             .tool_ids([&search.id])
///             .block_ids([&policy.id])
///             .identity_ids([&ada.id])
///             .build(),
///     )
///     .await?;
/// assert_eq!(agent.identity_ids, [ada.id]);
/// # Ok(()) }
/// ```
///
/// IDs travel as plain strings on the wire:
///
/// ```
/// use letta_core::ids::ToolId;
/// use letta_core::types::AgentCreate;
/// let request = AgentCreate::builder().name("helper").tool_ids([ToolId::new("tool-1")]).tags(["support"]).build();
/// let json = serde_json::to_value(&request).unwrap();
/// assert_eq!(json["tool_ids"][0], "tool-1");
/// assert_eq!(json["tags"][0], "support");
/// assert!(json.get("tools").is_none());
/// ```
#[derive(Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(
    state_mod(vis = "pub"),
    on(String, into),
    on(UserId, into),
    on(ProjectId, into),
    on(TemplateId, into)
)]
#[non_exhaustive]
pub struct AgentCreate {
    /// Name (the server generates one when unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Core-memory blocks to create.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<BlockCreate>>| items.into_iter().map(Into::into).collect())]
    pub memory_blocks: Option<Vec<BlockCreate>>,
    /// Existing blocks to attach.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<BlockId>>| items.into_iter().map(Into::into).collect())]
    pub block_ids: Option<Vec<BlockId>>,
    /// Tools to attach, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<String>>| items.into_iter().map(Into::into).collect())]
    pub tools: Option<Vec<String>>,
    /// Tools to attach, by ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<ToolId>>| items.into_iter().map(Into::into).collect())]
    pub tool_ids: Option<Vec<ToolId>>,
    /// Sources to attach.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<SourceId>>| items.into_iter().map(Into::into).collect())]
    pub source_ids: Option<Vec<SourceId>>,
    /// Tool rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<ToolRule>>| items.into_iter().map(Into::into).collect())]
    pub tool_rules: Option<Vec<ToolRule>>,
    /// Tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<String>>| items.into_iter().map(Into::into).collect())]
    pub tags: Option<Vec<String>>,
    /// System prompt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// Kind of agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_type: Option<AgentType>,
    /// Chat model, in full.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub llm_config: Option<LlmConfig>,
    /// Embedding model, in full.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedding_config: Option<EmbeddingConfig>,
    /// Chat model handle, `provider/model`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// Embedding model handle, `provider/model`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedding: Option<String>,
    /// Context window limit, with `model`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context_window_limit: Option<u32>,
    /// Chunk size, with `embedding`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedding_chunk_size: Option<u32>,
    /// Maximum tokens generated per step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_tokens: Option<u32>,
    /// Token budget for native reasoning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_reasoning_tokens: Option<u32>,
    /// Use the model's native reasoning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_reasoner: Option<bool>,
    /// Messages to start the conversation with, instead of the default greeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<MessageCreate>>| items.into_iter().map(Into::into).collect())]
    pub initial_message_sequence: Option<Vec<MessageCreate>>,
    /// Attach the base tools (server default `true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_base_tools: Option<bool>,
    /// Attach the multi-agent tools (server default `false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_multi_agent_tools: Option<bool>,
    /// Add the base tool rules (server default `true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_base_tool_rules: Option<bool>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Free-form metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<JsonMap>,
    /// Environment variables for tools.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_exec_environment_variables: Option<BTreeMap<String, String>>,
    /// Identities the agent belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<IdentityId>>| items.into_iter().map(Into::into).collect())]
    pub identity_ids: Option<Vec<IdentityId>>,
    /// Clear messages after each step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_buffer_autoclear: Option<bool>,
    /// Add a sleep-time agent that manages memory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_sleeptime: Option<bool>,
    /// The format of the agent's replies from `send_message`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_format: Option<ResponseFormat>,
    /// Project (Letta Cloud).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// Project ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<ProjectId>,
    /// Template ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_id: Option<TemplateId>,
    /// Base template ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_template_id: Option<TemplateId>,
    /// Whether this agent is a template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<bool>,
    /// Create from this template (Letta Cloud).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_template: Option<String>,
    /// Variables for template memory (Letta Cloud).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_variables: Option<BTreeMap<String, String>>,
    /// Create the agent on behalf of this user (server-internal; prefer
    /// [`ClientBuilder::user_id`](crate::ClientBuilder::user_id)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_id: Option<UserId>,
}

/// Changes to an agent (`AgentUpdate`); unset fields stay as they are. `Debug` hides the
/// values of `tool_exec_environment_variables`.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into), on(ProjectId, into), on(TemplateId, into))]
#[non_exhaustive]
pub struct AgentUpdate {
    /// New name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// New system prompt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// Replace the tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<String>>| items.into_iter().map(Into::into).collect())]
    pub tags: Option<Vec<String>>,
    /// Replace the attached tools.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<ToolId>>| items.into_iter().map(Into::into).collect())]
    pub tool_ids: Option<Vec<ToolId>>,
    /// Replace the attached sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<SourceId>>| items.into_iter().map(Into::into).collect())]
    pub source_ids: Option<Vec<SourceId>>,
    /// Replace the attached blocks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<BlockId>>| items.into_iter().map(Into::into).collect())]
    pub block_ids: Option<Vec<BlockId>>,
    /// Replace the tool rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<ToolRule>>| items.into_iter().map(Into::into).collect())]
    pub tool_rules: Option<Vec<ToolRule>>,
    /// Replace the in-context message IDs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<MessageId>>| items.into_iter().map(Into::into).collect())]
    pub message_ids: Option<Vec<MessageId>>,
    /// New chat model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub llm_config: Option<LlmConfig>,
    /// New embedding model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedding_config: Option<EmbeddingConfig>,
    /// New chat model handle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// New embedding model handle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedding: Option<String>,
    /// Replace the metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<JsonMap>,
    /// Replace the tools' environment variables.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_exec_environment_variables: Option<BTreeMap<String, String>>,
    /// Replace the identities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<IdentityId>>| items.into_iter().map(Into::into).collect())]
    pub identity_ids: Option<Vec<IdentityId>>,
    /// Clear messages after each step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_buffer_autoclear: Option<bool>,
    /// Sleep-time memory management.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_sleeptime: Option<bool>,
    /// The format of the agent's replies from `send_message`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_format: Option<ResponseFormat>,
    /// Project ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<ProjectId>,
    /// Template ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_id: Option<TemplateId>,
    /// Base template ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_template_id: Option<TemplateId>,
}

/// Filters for `GET /v1/agents/`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[builder(
    on(String, into),
    on(IdentityId, into),
    on(ProjectId, into),
    on(TemplateId, into)
)]
#[non_exhaustive]
pub struct ListAgentsParams {
    /// Only agents with this exact name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Only agents with these tags: any of them, or all of them with `match_all_tags`.
    ///
    /// 0.7.x ignores the tags unless `match_all_tags` is true (a `for`-`else` slip in its query
    /// code), so this client sends `match_all_tags=true` for a single tag (the same thing) and,
    /// for "any of several tags", filters the server's unfiltered page itself: such a page can
    /// then hold fewer than `limit` agents; `list_all` is not affected.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[builder(default, with = |items: impl IntoIterator<Item = impl Into<String>>| items.into_iter().map(Into::into).collect())]
    pub tags: Vec<String>,
    /// Require every tag.
    #[serde(skip)] // Sent as `match_all_tags_query` decides.
    #[builder(default)]
    pub match_all_tags: bool,
    /// Cursor: agents before this ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// Cursor: agents after this ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Page size (server default 50).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Search names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query_text: Option<String>,
    /// Only agents of this project.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_id: Option<ProjectId>,
    /// Only agents of this template.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template_id: Option<TemplateId>,
    /// Only agents of this base template.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_template_id: Option<TemplateId>,
    /// Only agents of this identity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity_id: Option<IdentityId>,
    /// Only agents of identities with these identifier keys.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[builder(default, with = |items: impl IntoIterator<Item = impl Into<String>>| items.into_iter().map(Into::into).collect())]
    pub identifier_keys: Vec<String>,
    /// Load only these relationships (`tools`, `sources`, `memory`, ...) to make answers smaller.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[builder(default, with = |items: impl IntoIterator<Item = impl Into<String>>| items.into_iter().map(Into::into).collect())]
    pub include_relationships: Vec<String>,
    /// Oldest first (server default newest first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ascending: Option<bool>,
}

impl ListAgentsParams {
    /// Whether the server will not apply the tag filter, so the client must (any of several tags).
    pub(crate) fn filters_tags_locally(&self) -> bool {
        self.tags.len() > 1 && !self.match_all_tags
    }

    /// The `match_all_tags` query to send: `true` for a single tag (the same thing, and the form
    /// the server filters by; see `tags`), nothing without tags.
    pub(crate) fn match_all_tags_query(&self) -> Option<[(&'static str, bool); 1]> {
        (!self.tags.is_empty() || self.match_all_tags)
            .then_some([("match_all_tags", self.match_all_tags || self.tags.len() == 1)])
    }

    /// The client-side half of the tag filter.
    pub(crate) fn keeps(&self, agent: &AgentState) -> bool {
        !self.filters_tags_locally() || agent.tags.iter().any(|t| self.tags.contains(t))
    }
}
