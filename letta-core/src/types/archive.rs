//! Archives (Letta 0.16): named stores of passages that several agents can share, and the
//! passage searches over them and over an agent's archival memory.

use serde::{Deserialize, Serialize};

use super::{EmbeddingConfig, JsonMap, Passage, SortOrder, Timestamp};
use crate::ids::{AgentId, ArchiveId, OrganizationId, PassageId, UserId};

string_enum! {
    /// Where an archive's or a source's passages are stored (`VectorDBProvider`).
    VectorDbProvider {
        /// The server's own PostgreSQL (pgvector) store.
        Native = "native",
        /// Turbopuffer.
        Tpuf = "tpuf",
        /// Pinecone.
        Pinecone = "pinecone",
    }
}

string_enum! {
    /// Which relations of an agent a list fills in (`include=`); none are by default.
    AgentRelationship {
        /// The memory blocks.
        Blocks = "agent.blocks",
        /// The identities.
        Identities = "agent.identities",
        /// The group the agent manages.
        ManagedGroup = "agent.managed_group",
        /// A tool call waiting for approval.
        PendingApproval = "agent.pending_approval",
        /// The agent's secrets (environment variables).
        Secrets = "agent.secrets",
        /// The attached sources (folders).
        Sources = "agent.sources",
        /// The tags.
        Tags = "agent.tags",
        /// The tools.
        Tools = "agent.tools",
    }
}

string_enum! {
    /// How a passage search matches `tags`.
    TagMatchMode {
        /// Passages with any of the tags.
        Any = "any",
        /// Passages with all of the tags.
        All = "all",
    }
}

/// An archive (`Archive`): a named store of passages agents can be attached to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Archive {
    /// The archive's ID.
    pub id: ArchiveId,
    /// The name of the archive.
    pub name: String,
    /// A description of the archive.
    #[serde(default)]
    pub description: Option<String>,
    /// The organization the archive belongs to.
    pub organization_id: OrganizationId,
    /// Where its passages are stored.
    #[serde(default)]
    pub vector_db_provider: Option<VectorDbProvider>,
    /// How its passages are embedded; `None` when the archive was made without an embedding
    /// (text search only).
    #[serde(default)]
    pub embedding_config: Option<EmbeddingConfig>,
    /// Additional metadata.
    #[serde(default)]
    pub metadata: Option<JsonMap>,
    /// The user that made the archive.
    #[serde(default)]
    pub created_by_id: Option<UserId>,
    /// The user that last changed the archive.
    #[serde(default)]
    pub last_updated_by_id: Option<UserId>,
    /// When the archive was created.
    #[serde(with = "super::time::required")]
    pub created_at: Timestamp,
    /// When the archive was last updated.
    #[serde(default, with = "super::time::optional")]
    pub updated_at: Option<Timestamp>,
}

/// A new archive (`ArchiveCreateRequest`). Without `embedding` (or the legacy
/// `embedding_config`) the server uses its default embedding handle, and without one of those
/// the archive is searched by text only.
///
/// ```
/// use letta_core::types::ArchiveCreate;
/// let request = ArchiveCreate::builder()
///     .name("research")
///     .embedding("openai/text-embedding-3-small")
///     .build();
/// let json = serde_json::to_value(&request).unwrap();
/// assert_eq!(json, serde_json::json!({"name": "research", "embedding": "openai/text-embedding-3-small"}));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ArchiveCreate {
    /// The name of the archive.
    pub name: String,
    /// A description of the archive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The embedding model handle (`provider/model`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedding: Option<String>,
    /// Deprecated by the server in favour of `embedding`: the embedding configuration in full.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedding_config: Option<EmbeddingConfig>,
}

impl ArchiveCreate {
    /// An archive named `name`, embedded with the server's default.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }
}

/// Changes to an archive (`ArchiveUpdateRequest`); unset fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ArchiveUpdate {
    /// New name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A new passage in an archive (`PassageCreateRequest`); the server embeds its text.
///
/// ```
/// use letta_core::types::ArchivePassageCreate;
/// let passage = ArchivePassageCreate::builder().text("Ada likes tea.").tags(["people"]).build();
/// let json = serde_json::to_value(&passage).unwrap();
/// assert_eq!(json, serde_json::json!({"text": "Ada likes tea.", "tags": ["people"]}));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ArchivePassageCreate {
    /// The text of the passage.
    pub text: String,
    /// Metadata for the passage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<JsonMap>,
    /// Tags for categorizing the passage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |tags: impl IntoIterator<Item = impl Into<String>>| tags.into_iter().map(Into::into).collect())]
    pub tags: Option<Vec<String>>,
    /// When the passage was made, if not now (ISO 8601; the schema takes it as text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |at: Timestamp| at.to_rfc3339())]
    pub created_at: Option<String>,
}

impl ArchivePassageCreate {
    /// A passage holding `text`.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            ..Self::default()
        }
    }
}

/// Several new passages for one archive (`PassageBatchCreateRequest`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ArchivePassageBatch {
    /// The passages to create.
    pub passages: Vec<ArchivePassageCreate>,
}

impl ArchivePassageBatch {
    /// A batch of `passages`.
    pub fn new(passages: impl IntoIterator<Item = ArchivePassageCreate>) -> Self {
        Self {
            passages: passages.into_iter().collect(),
        }
    }
}

/// Filters for `GET /v1/archives/`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into), on(AgentId, into))]
#[non_exhaustive]
pub struct ListArchivesParams {
    /// Cursor: archives before this ID, in `order`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// Cursor: archives after this ID, in `order`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Page size (server default 50).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Sort order by creation (server default newest first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<SortOrder>,
    /// Only the archive with exactly this name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Only archives attached to this agent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<AgentId>,
}

/// One page of the agents related to an archive or an identity, with the relations to fill in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct AgentPageParams {
    /// Cursor: agents before this ID, in `order`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// Cursor: agents after this ID, in `order`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Page size (server default 50).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Sort order by creation (server default newest first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<SortOrder>,
    /// Which relations to fill in (none by default: `blocks`, `tools`, ... come back empty).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[builder(default, with = |items: impl IntoIterator<Item = AgentRelationship>| items.into_iter().collect())]
    pub include: Vec<AgentRelationship>,
}

/// A semantic search of an agent's archival memory
/// (`GET /v1/agents/{agent_id}/archival-memory/search`).
///
/// ```
/// use letta_core::types::{ArchivalMemorySearchParams, TagMatchMode};
/// let params = ArchivalMemorySearchParams::builder()
///     .query("tea")
///     .tags(["people", "drinks"])
///     .tag_match_mode(TagMatchMode::All)
///     .top_k(3)
///     .build();
/// assert_eq!(
///     serde_html_form::to_string(&params).unwrap(),
///     "query=tea&tags=people&tags=drinks&tag_match_mode=all&top_k=3"
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ArchivalMemorySearchParams {
    /// What to search for (by embedding similarity).
    pub query: String,
    /// Only passages with these tags (see `tag_match_mode`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[builder(default, with = |tags: impl IntoIterator<Item = impl Into<String>>| tags.into_iter().map(Into::into).collect())]
    pub tags: Vec<String>,
    /// Whether a passage needs any or all of `tags` (server default any).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag_match_mode: Option<TagMatchMode>,
    /// How many results at most (server default when unset).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub top_k: Option<u32>,
    /// Only passages created after this.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "super::time::optional::serialize"
    )]
    pub start_datetime: Option<Timestamp>,
    /// Only passages created before this.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "super::time::optional::serialize"
    )]
    pub end_datetime: Option<Timestamp>,
}

impl ArchivalMemorySearchParams {
    /// A search for `query` with the server's defaults.
    pub fn new(query: impl Into<String>) -> Self {
        Self {
            query: query.into(),
            ..Self::default()
        }
    }
}

/// The answer of an archival-memory search (`ArchivalMemorySearchResponse`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArchivalMemorySearchResponse {
    /// The passages found, best match first.
    pub results: Vec<ArchivalMemorySearchResult>,
    /// How many results there are.
    pub count: u64,
}

/// One passage an archival-memory search found (`ArchivalMemorySearchResult`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArchivalMemorySearchResult {
    /// The passage's ID.
    pub id: PassageId,
    /// When the passage was created, as the agent's own `archival_memory_search` tool shows
    /// it: ISO 8601 in the agent's timezone, or `Unknown` (see
    /// [`created_at`](Self::created_at)).
    pub timestamp: String,
    /// The passage's text.
    pub content: String,
    /// The passage's tags.
    #[serde(default)]
    pub tags: Vec<String>,
}

impl ArchivalMemorySearchResult {
    /// When the passage was created, if the server knew (`timestamp` read as a point in time).
    pub fn created_at(&self) -> Option<Timestamp> {
        super::time::parse(&self.timestamp)
    }
}

/// A semantic search over the passages of the organization (`PassageSearchRequest`); with
/// `agent_id` or `archive_id` it searches only that agent's or that archive's passages.
///
/// ```
/// use letta_core::types::PassageSearchRequest;
/// let request = PassageSearchRequest::builder().query("tea").archive_id("archive-1").limit(5).build();
/// let json = serde_json::to_value(&request).unwrap();
/// assert_eq!(json, serde_json::json!({"query": "tea", "archive_id": "archive-1", "limit": 5}));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into), on(AgentId, into), on(ArchiveId, into))]
#[non_exhaustive]
pub struct PassageSearchRequest {
    /// The text to search for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// Only this agent's passages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<AgentId>,
    /// Only this archive's passages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive_id: Option<ArchiveId>,
    /// Only passages with these tags (see `tag_match_mode`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |tags: impl IntoIterator<Item = impl Into<String>>| tags.into_iter().map(Into::into).collect())]
    pub tags: Option<Vec<String>>,
    /// Whether a passage needs any or all of `tags` (server default any).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag_match_mode: Option<TagMatchMode>,
    /// How many results at most, 1 to 100 (server default 50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Only passages created after this.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::time::optional"
    )]
    pub start_date: Option<Timestamp>,
    /// Only passages created before this.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::time::optional"
    )]
    pub end_date: Option<Timestamp>,
}

/// One passage a passage search found, with its relevance (`PassageSearchResult`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PassageSearchResult {
    /// The passage.
    pub passage: Passage,
    /// How relevant it is (higher is better).
    pub score: f64,
    /// Further facts about the match.
    #[serde(default)]
    pub metadata: JsonMap,
}
