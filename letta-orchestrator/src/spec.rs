//! Describing an agent once, then creating it, or finding it if it already exists.
//!
//! ```no_run
//! use letta_orchestrator::spec::AgentSpec;
//!
//! # async fn run(client: letta_core::LettaClient) -> Result<(), letta_core::LettaError> {
//! let spec = AgentSpec::new("support-triage")
//!     .system("You sort support tickets.")
//!     .memory("persona", "I am precise and brief.")
//!     .tag("team:support")
//!     .model("openai/gpt-4o-mini")
//!     .embedding("openai/text-embedding-3-small");
//! // Finds the agent named `support-triage`, or creates it; never twice from this process.
//! let ensured = spec.ensure(&client).await?;
//! println!("{} (created now: {})", ensured.handle.id(), ensured.created);
//! # Ok(()) }
//! ```

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use letta_core::ids::ToolId;
use letta_core::types::{AgentCreate, AgentState, BlockCreate, EmbeddingConfig, ListAgentsParams, LlmConfig};
use letta_core::{LettaClient, LettaError};
use schemars::JsonSchema;

use crate::handle::{AgentHandle, response_format_for};

/// Everything needed to create an agent, and how to recognise it when it already exists.
#[derive(Debug, Clone, PartialEq)]
pub struct AgentSpec {
    request: AgentCreate,
    identity: Identity,
}

/// What makes an existing agent "the same" agent for [`AgentSpec::ensure`].
#[derive(Debug, Clone, PartialEq)]
enum Identity {
    Name,
    Tag(String),
}

/// The agent [`AgentSpec::ensure`] found or made.
#[derive(Debug, Clone)]
pub struct Ensured {
    /// The agent.
    pub handle: AgentHandle,
    /// Whether this call created it.
    pub created: bool,
}

impl AgentSpec {
    /// An agent named `name`; unset fields take the server's defaults.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            request: AgentCreate::named(name),
            identity: Identity::Name,
        }
    }

    /// An agent from a full create request (for fields the builder does not cover).
    pub fn from_request(request: AgentCreate) -> Self {
        Self {
            request,
            identity: Identity::Name,
        }
    }

    /// The system prompt.
    pub fn system(mut self, system: impl Into<String>) -> Self {
        self.request.system = Some(system.into());
        self
    }

    /// A description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.request.description = Some(description.into());
        self
    }

    /// A core-memory block `label` holding `value`.
    pub fn memory(self, label: impl Into<String>, value: impl Into<String>) -> Self {
        self.block(BlockCreate::new(label, value))
    }

    /// A core-memory block, with its limit, description and flags.
    pub fn block(mut self, block: BlockCreate) -> Self {
        self.request
            .memory_blocks
            .get_or_insert_with(Vec::new)
            .push(block);
        self
    }

    /// A tool, by its name on the server.
    pub fn tool(mut self, name: impl Into<String>) -> Self {
        self.request.tools.get_or_insert_with(Vec::new).push(name.into());
        self
    }

    /// A tool, by ID.
    pub fn tool_id(mut self, id: &ToolId) -> Self {
        self.request
            .tool_ids
            .get_or_insert_with(Vec::new)
            .push(id.as_str().to_owned());
        self
    }

    /// An environment variable for the agent's tools.
    pub fn tool_env(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.request
            .tool_exec_environment_variables
            .get_or_insert_with(Default::default)
            .insert(key.into(), value.into());
        self
    }

    /// A tag.
    pub fn tag(mut self, tag: impl Into<String>) -> Self {
        self.request.tags.get_or_insert_with(Vec::new).push(tag.into());
        self
    }

    /// The chat model by handle (`provider/model`).
    pub fn model(mut self, handle: impl Into<String>) -> Self {
        self.request.model = Some(handle.into());
        self
    }

    /// The chat model by full configuration.
    pub fn llm_config(mut self, config: LlmConfig) -> Self {
        self.request.llm_config = Some(config);
        self
    }

    /// The embedding model by handle (`provider/model`).
    pub fn embedding(mut self, handle: impl Into<String>) -> Self {
        self.request.embedding = Some(handle.into());
        self
    }

    /// The embedding model by full configuration.
    pub fn embedding_config(mut self, config: EmbeddingConfig) -> Self {
        self.request.embedding_config = Some(config);
        self
    }

    /// Replies are `T` (sets the agent's `response_format`); talk to it through
    /// [`TypedAgent::assume`](crate::handle::TypedAgent::assume) or [`AgentHandle::typed`].
    pub fn output<T: JsonSchema>(mut self) -> Self {
        self.request.response_format = Some(response_format_for::<T>());
        self
    }

    /// [`ensure`](Self::ensure) recognises the agent by this tag (which the agent gets) rather
    /// than by its name.
    pub fn identified_by_tag(mut self, tag: impl Into<String>) -> Self {
        let tag = tag.into();
        if !self.request.tags.as_ref().is_some_and(|tags| tags.contains(&tag)) {
            self.request.tags.get_or_insert_with(Vec::new).push(tag.clone());
        }
        self.identity = Identity::Tag(tag);
        self
    }

    /// The create request the spec sends.
    pub fn request(&self) -> &AgentCreate {
        &self.request
    }

    /// The agent's name.
    pub fn name(&self) -> &str {
        self.request.name.as_deref().unwrap_or_default()
    }

    /// Creates the agent (always a new one).
    pub async fn create(&self, client: &LettaClient) -> Result<AgentHandle, LettaError> {
        let agent = client.agents().create(&self.request).await?;
        Ok(AgentHandle::new(client.clone(), agent.id))
    }

    /// Finds the agent (by name, or by tag after [`identified_by_tag`](Self::identified_by_tag))
    /// or creates it when there is none.
    ///
    /// Concurrent calls for the same agent on the same server from this process are serialised,
    /// so it is created at most once; other processes can still race (give them distinct names).
    /// When several agents match, the oldest is used. A found agent is returned as it is: the
    /// spec's other settings are not applied to it.
    pub async fn ensure(&self, client: &LettaClient) -> Result<Ensured, LettaError> {
        let key = match &self.identity {
            Identity::Name => format!("{} name {}", client.base_url(), self.name()),
            Identity::Tag(tag) => format!("{} tag {tag}", client.base_url()),
        };
        let lock = ensure_lock(key);
        let _held = lock.lock().await;
        if let Some(agent) = self.find(client).await? {
            return Ok(Ensured {
                handle: AgentHandle::new(client.clone(), agent.id),
                created: false,
            });
        }
        Ok(Ensured {
            handle: self.create(client).await?,
            created: true,
        })
    }

    async fn find(&self, client: &LettaClient) -> Result<Option<AgentState>, LettaError> {
        let params = match &self.identity {
            Identity::Name => ListAgentsParams {
                name: Some(self.name().to_owned()),
                ..Default::default()
            },
            Identity::Tag(tag) => ListAgentsParams {
                tags: vec![tag.clone()],
                match_all_tags: true,
                ..Default::default()
            },
        };
        let mut matching: Vec<AgentState> =
            futures_util::TryStreamExt::try_collect::<Vec<_>>(client.agents().list_all(&params))
                .await?
                .into_iter()
                .filter(|agent| match &self.identity {
                    Identity::Name => agent.name == self.name(),
                    Identity::Tag(tag) => agent.tags.contains(tag),
                })
                .collect();
        matching.sort_by(|a, b| a.created_at.cmp(&b.created_at).then_with(|| a.id.cmp(&b.id)));
        Ok(matching.into_iter().next())
    }
}

/// One async lock per (server, identity), for the life of the process. The map only grows by
/// one small entry per distinct agent ensured.
fn ensure_lock(key: String) -> Arc<tokio::sync::Mutex<()>> {
    static LOCKS: OnceLock<Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>> = OnceLock::new();
    let mut locks = LOCKS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    locks.entry(key).or_default().clone()
}

/// A spec is the create request it sends (for [`Member::create`](crate::group::Member::create)).
impl From<AgentSpec> for AgentCreate {
    fn from(spec: AgentSpec) -> Self {
        spec.request
    }
}

/// A spec is the create request it sends (for [`Member::create`](crate::group::Member::create)).
impl From<&AgentSpec> for AgentCreate {
    fn from(spec: &AgentSpec) -> Self {
        spec.request.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_names_tool_variables_but_hides_their_values() {
        let spec = AgentSpec::new("helper").tool_env("LETTA_RS_TOOL_SECRET", "hunter2-secret");
        let group = crate::group::GroupSpec::round_robin([crate::group::Member::create(&spec)]);
        for debug in [format!("{spec:?}"), format!("{spec:#?}"), format!("{group:?}")] {
            assert!(!debug.contains("hunter2-secret"), "the value leaks: {debug}");
            assert!(
                debug.contains("LETTA_RS_TOOL_SECRET"),
                "the key is missing: {debug}"
            );
            assert!(debug.contains("<redacted>"), "{debug}");
        }
        // Still sent to the server.
        let sent = &spec.request().tool_exec_environment_variables;
        assert_eq!(sent.as_ref().unwrap()["LETTA_RS_TOOL_SECRET"], "hunter2-secret");
    }
}
