//! Memory blocks: the editable, always-in-context memory of an agent.

use serde::{Deserialize, Serialize};

use super::{AgentType, JsonMap, SortOrder};
use crate::ids::{BlockId, IdentityId, OrganizationId, UserId};

/// A memory block (`Block`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    /// Block ID.
    pub id: BlockId,
    /// The block's text.
    pub value: String,
    /// Label, e.g. `human` or `persona`; unique per agent.
    #[serde(default)]
    pub label: Option<String>,
    /// Character limit of `value`.
    #[serde(default = "default_limit")]
    pub limit: u32,
    /// Template name, for template blocks.
    #[serde(default)]
    pub name: Option<String>,
    /// Whether this block is a template.
    #[serde(default)]
    pub is_template: bool,
    /// Whether the agent may not edit it.
    #[serde(default)]
    pub read_only: bool,
    /// What the block is for.
    #[serde(default)]
    pub description: Option<String>,
    /// Free-form metadata.
    #[serde(default)]
    pub metadata: Option<JsonMap>,
    /// Owning organization.
    #[serde(default)]
    pub organization_id: Option<OrganizationId>,
    /// Creator.
    #[serde(default)]
    pub created_by_id: Option<UserId>,
    /// Last editor.
    #[serde(default)]
    pub last_updated_by_id: Option<UserId>,
    /// Tags (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// Project (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// Template (Letta Cloud).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_id: Option<String>,
    /// Base template (Letta Cloud).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_template_id: Option<String>,
    /// Template name (Letta Cloud).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_name: Option<String>,
    /// Deployment (Letta Cloud).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment_id: Option<String>,
    /// Entity (Letta Cloud).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<String>,
    /// Whether the block keeps its value when its agent migrates to a new template version (Letta Cloud).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preserve_on_migration: Option<bool>,
    /// Hidden from listings (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<bool>,
}

fn default_limit() -> u32 {
    5000
}

/// A new block (`BlockCreate`): for `POST /v1/blocks/` and an agent's `memory_blocks`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct BlockCreate {
    /// Label, e.g. `human`.
    pub label: String,
    /// Initial text.
    pub value: String,
    /// Character limit (server default 5000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Template name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether this block is a template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_template: Option<bool>,
    /// Whether the agent may not edit it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_only: Option<bool>,
    /// What the block is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Free-form metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<JsonMap>,
    /// Tags to filter blocks by (Letta 0.16; 0.7.x has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |tags: impl IntoIterator<Item = impl Into<String>>| tags.into_iter().map(Into::into).collect())]
    pub tags: Option<Vec<String>>,
}

impl BlockCreate {
    /// A block with a label and a value, everything else at the server's defaults.
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            value: value.into(),
            ..Self::default()
        }
    }
}

/// Changes to a block (`BlockUpdate`); unset fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct BlockUpdate {
    /// New text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// New label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// New character limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// New template name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Template flag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_template: Option<bool>,
    /// Read-only flag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_only: Option<bool>,
    /// New description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// New metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<JsonMap>,
    /// New tags (Letta 0.16; 0.7.x has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |tags: impl IntoIterator<Item = impl Into<String>>| tags.into_iter().map(Into::into).collect())]
    pub tags: Option<Vec<String>>,
}

impl BlockUpdate {
    /// An update that sets only the value.
    pub fn value(value: impl Into<String>) -> Self {
        Self {
            value: Some(value.into()),
            ..Self::default()
        }
    }
}

/// An agent's core memory (`Memory`): its blocks and the template that renders them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Memory {
    /// The blocks, in order.
    pub blocks: Vec<Block>,
    /// Jinja template that renders the blocks into the system prompt.
    #[serde(default)]
    pub prompt_template: Option<String>,
    /// The kind of agent the memory renders for (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_type: Option<AgentType>,
    /// Whether the memory is versioned with git (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub git_enabled: Option<bool>,
    /// The blocks of the agent's open files (0.16; kept as sent).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub file_blocks: Vec<JsonMap>,
}

impl Memory {
    /// The block with this label, if any.
    pub fn block(&self, label: &str) -> Option<&Block> {
        self.blocks.iter().find(|b| b.label.as_deref() == Some(label))
    }
}

/// Filters for `GET /v1/blocks/`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into), on(IdentityId, into))]
#[non_exhaustive]
pub struct ListBlocksParams {
    /// Only blocks with this label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Only templates (or only non-templates).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub templates_only: Option<bool>,
    /// Only blocks with this name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Only blocks of this identity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity_id: Option<IdentityId>,
    /// Only blocks of identities with these identifier keys.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[builder(default, with = |items: impl IntoIterator<Item = impl Into<String>>| items.into_iter().map(Into::into).collect())]
    pub identifier_keys: Vec<String>,
    /// At most this many.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Cursor: blocks before this ID, in `order` (Letta 0.16).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// Cursor: blocks after this ID, in `order` (Letta 0.16).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Sort order by creation (Letta 0.16; server default oldest first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<SortOrder>,
    /// Only blocks with any of these tags, or all of them with `match_all_tags` (Letta 0.16).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[builder(default, with = |items: impl IntoIterator<Item = impl Into<String>>| items.into_iter().map(Into::into).collect())]
    pub tags: Vec<String>,
    /// Whether a block needs every tag of `tags` (Letta 0.16; server default any).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub match_all_tags: Option<bool>,
    /// Only blocks whose label contains this text, ignoring case (Letta 0.16).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label_search: Option<String>,
    /// Only blocks whose description contains this text, ignoring case (Letta 0.16).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description_search: Option<String>,
    /// Only blocks whose value contains this text, ignoring case (Letta 0.16).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_search: Option<String>,
    /// Only blocks attached to more than this many agents (Letta 0.16).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connected_to_agents_count_gt: Option<u32>,
    /// Only blocks attached to fewer than this many agents (Letta 0.16).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connected_to_agents_count_lt: Option<u32>,
    /// Only blocks attached to exactly this many agents (Letta 0.16; `0`: blocks no agent
    /// uses).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connected_to_agents_count_eq: Option<u32>,
}
