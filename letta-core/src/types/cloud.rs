//! Requests and answers of the operations only Letta Cloud serves: agent search, templates and
//! memory variables.
//!
//! They are not in the self-hosted server's OpenAPI document; the shapes follow the Python SDK
//! reference and `letta_client` 0.1.324, and are checked against fixtures, not a live server.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{AgentState, JsonMap};
use crate::ids::ProjectId;

/// One condition of an agent search (`AgentsSearchRequestSearchItem`), by `field`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "field")]
#[non_exhaustive]
pub enum AgentSearchFilter {
    /// Agents of this template version.
    #[serde(rename = "version")]
    Version {
        /// The version.
        value: String,
    },
    /// Agents by name.
    #[serde(rename = "name")]
    Name {
        /// `eq` or `contains`.
        operator: String,
        /// The name, or part of it.
        value: String,
    },
    /// Agents having these tags.
    #[serde(rename = "tags")]
    Tags {
        /// Always `contains`.
        operator: String,
        /// The tags.
        value: Vec<String>,
    },
    /// Agents of this identity.
    #[serde(rename = "identity")]
    Identity {
        /// Always `eq`.
        operator: String,
        /// The identity.
        value: String,
    },
    /// Agents made from this template.
    #[serde(rename = "templateName")]
    TemplateName {
        /// Always `eq`.
        operator: String,
        /// The template name.
        value: String,
    },
    /// A condition this client does not model, sent as given: the object carries its own `field`.
    #[serde(untagged)]
    Other(JsonMap),
}

impl AgentSearchFilter {
    /// Agents named exactly `name`.
    pub fn name_is(name: impl Into<String>) -> Self {
        AgentSearchFilter::Name {
            operator: "eq".into(),
            value: name.into(),
        }
    }

    /// Agents whose name contains `part`.
    pub fn name_contains(part: impl Into<String>) -> Self {
        AgentSearchFilter::Name {
            operator: "contains".into(),
            value: part.into(),
        }
    }

    /// Agents having all of `tags`.
    pub fn tags(tags: Vec<String>) -> Self {
        AgentSearchFilter::Tags {
            operator: "contains".into(),
            value: tags,
        }
    }

    /// Agents of the identity `identity`.
    pub fn identity(identity: impl Into<String>) -> Self {
        AgentSearchFilter::Identity {
            operator: "eq".into(),
            value: identity.into(),
        }
    }

    /// Agents made from the template `name`.
    pub fn template_name(name: impl Into<String>) -> Self {
        AgentSearchFilter::TemplateName {
            operator: "eq".into(),
            value: name.into(),
        }
    }

    /// Agents of the template version `version`.
    pub fn version(version: impl Into<String>) -> Self {
        AgentSearchFilter::Version {
            value: version.into(),
        }
    }
}

/// A search of deployed agents (`POST /v1/agents/search`, Letta Cloud).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into), on(ProjectId, into))]
#[non_exhaustive]
pub struct AgentSearchRequest {
    /// The conditions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<AgentSearchFilter>>| items.into_iter().map(Into::into).collect())]
    pub search: Option<Vec<AgentSearchFilter>>,
    /// Only agents of this project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<ProjectId>,
    /// How conditions combine; only `AND`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub combinator: Option<String>,
    /// Page size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Offset (older Cloud API; newer ones page with `after`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<u32>,
    /// Cursor: the `next_cursor` of the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Sort by `created_at` or `last_run_completion`.
    #[serde(default, rename = "sortBy", skip_serializing_if = "Option::is_none")]
    pub sort_by: Option<String>,
    /// Oldest first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ascending: Option<bool>,
}

/// One page of an agent search (`AgentsSearchResponse`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentSearchResponse {
    /// The agents found.
    #[serde(default)]
    pub agents: Vec<AgentState>,
    /// Cursor for the next page, when there is one.
    #[serde(default, rename = "nextCursor")]
    pub next_cursor: Option<String>,
}

/// Options for making a template from an agent (`POST /v1/agents/{agent_id}/template`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct AgentTemplateCreate {
    /// The project to put the template in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
}

/// Options for a new template version (`POST /v1/agents/{agent_id}/version-template`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
pub struct AgentTemplateVersionCreate {
    /// Answer with the agent's state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_agent_state: Option<bool>,
    /// Move the agents deployed from the template to the new version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub migrate_deployed_agents: Option<bool>,
}

/// Moving an agent to another template version (`POST /v1/agents/{agent_id}/migrate`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct MigrateAgent {
    /// The template version to move to, e.g. `my-template:3`.
    pub to_template: String,
    /// Keep the agent's core memory.
    pub preserve_core_memories: bool,
    /// Keep the agent's tool environment variables instead of the template's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preserve_tool_variables: Option<bool>,
    /// New memory variables, when core memories are not preserved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variables: Option<BTreeMap<String, String>>,
}

/// The answer of a migration (`TemplatesMigrateResponse`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MigrateAgentResponse {
    /// Whether the agent was migrated.
    #[serde(default)]
    pub success: bool,
}

/// The memory variables of an agent made from a template (`MemoryVariablesListResponse`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemoryVariables {
    /// Variable name to value.
    #[serde(default)]
    pub variables: BTreeMap<String, String>,
}
