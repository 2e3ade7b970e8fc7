//! Describing an agent once, then creating it, or finding it if it already exists.
//!
//! ```no_run
//! use letta_core::types::{AgentCreate, BlockCreate};
//! use letta_orchestrator::spec::AgentSpec;
//!
//! # async fn run(client: letta_core::LettaClient) -> Result<(), letta_core::LettaError> {
//! let spec = AgentSpec::from(
//!     AgentCreate::builder()
//!         .name("support-triage")
//!         .system("You sort support tickets.")
//!         .memory_blocks([BlockCreate::new("persona", "I am precise and brief.")])
//!         .tags(["team:support"])
//!         .model("openai/gpt-4o-mini")
//!         .embedding("openai/text-embedding-3-small")
//!         .build(),
//! );
//! // Finds the agent named `support-triage`, or creates it; never twice from this process.
//! let ensured = spec.ensure(&client).await?;
//! println!("{} (created now: {})", ensured.handle.id(), ensured.created);
//! # Ok(()) }
//! ```

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use letta_core::types::{AgentCreate, AgentState, ListAgentsParams};
use letta_core::{LettaClient, LettaError};
use schemars::JsonSchema;

use crate::handle::{AgentHandle, hold_plain_text_replies_to, response_format_for};

/// Everything needed to create an agent, and how to recognise it when it already exists: an
/// [`AgentCreate`] (built with [`AgentCreate::builder`]) plus what only the orchestrator adds,
/// typed output ([`output`](Self::output)) and recognition by tag
/// ([`identified_by_tag`](Self::identified_by_tag)).
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

/// A spec for the agent `request` creates, recognised by its name.
impl From<AgentCreate> for AgentSpec {
    fn from(request: AgentCreate) -> Self {
        Self {
            request,
            identity: Identity::Name,
        }
    }
}

impl AgentSpec {
    /// Replies are `T` (sets the agent's `response_format`, and on 0.16 that of a plain-text
    /// agent's model when [`create`](Self::create) makes it); talk to it through
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

    /// The create request, to add what the orchestrator attaches (tools, their environment).
    pub(crate) fn request_mut(&mut self) -> &mut AgentCreate {
        &mut self.request
    }

    /// The agent's name.
    pub fn name(&self) -> &str {
        self.request.name.as_deref().unwrap_or_default()
    }

    /// Creates the agent (always a new one).
    ///
    /// With typed [`output`](Self::output), an agent that replies in plain text on 0.16 gets
    /// its model's format in a second request; should that fail, the agent is deleted again and
    /// the error returned, so no untyped agent is left behind.
    pub async fn create(&self, client: &LettaClient) -> Result<AgentHandle, LettaError> {
        let agent = client.agents().create(&self.request).await?;
        if let Some(format) = &self.request.response_format
            && let Err(error) = hold_plain_text_replies_to(client, &agent, format).await
        {
            // Best effort: the error that matters is the one returned.
            let _ = client.agents().delete(&agent.id).await;
            return Err(error);
        }
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
            Identity::Name if self.name().trim().is_empty() => {
                return Err(LettaError::InvalidInput(
                    "AgentSpec::ensure finds an agent by its name: give the request a name, or use identified_by_tag".into(),
                ));
            }
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
            Identity::Name => ListAgentsParams::builder().name(self.name()).build(),
            Identity::Tag(tag) => ListAgentsParams::builder()
                .tags([tag])
                .match_all_tags(true)
                .build(),
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
        let spec = AgentSpec::from(
            AgentCreate::builder()
                .name("helper")
                .tool_exec_environment_variables(
                    [("LETTA_RS_TOOL_SECRET".into(), "hunter2-secret".into())].into(),
                )
                .build(),
        );
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
