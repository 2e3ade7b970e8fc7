//! Archival memory: an agent's long-term, searchable store of passages.

use serde::{Deserialize, Serialize};

use super::{EmbeddingConfig, JsonMap, Timestamp};
use crate::ids::{AgentId, FileId, OrganizationId, PassageId, SourceId, UserId};

/// One stored passage (`Passage`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    /// Passage ID.
    pub id: PassageId,
    /// The text.
    pub text: String,
    /// Owning agent, for archival memory.
    #[serde(default)]
    pub agent_id: Option<AgentId>,
    /// Owning source, for source passages.
    #[serde(default)]
    pub source_id: Option<SourceId>,
    /// File the passage came from.
    #[serde(default)]
    pub file_id: Option<FileId>,
    /// The embedding vector (may be padded by the server).
    #[serde(default)]
    pub embedding: Option<Vec<f32>>,
    /// How it was embedded.
    #[serde(default)]
    pub embedding_config: Option<EmbeddingConfig>,
    /// Free-form metadata.
    #[serde(default)]
    pub metadata: Option<JsonMap>,
    /// Soft-delete flag.
    #[serde(default)]
    pub is_deleted: bool,
    /// When it was stored.
    #[serde(default, with = "super::time::optional")]
    pub created_at: Option<Timestamp>,
    /// When it last changed.
    #[serde(default, with = "super::time::optional")]
    pub updated_at: Option<Timestamp>,
    /// Owning organization.
    #[serde(default)]
    pub organization_id: Option<OrganizationId>,
    /// The id of the user that made this object.
    #[serde(default)]
    pub created_by_id: Option<UserId>,
    /// The id of the user that last changed this object.
    #[serde(default)]
    pub last_updated_by_id: Option<UserId>,
    /// The archive it belongs to (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive_id: Option<crate::ids::ArchiveId>,
    /// The name of the file it came from (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    /// Tags (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
}

/// Changes to a stored passage (`PassageUpdate`); unset fields stay as they are.
///
/// 0.7.29 rebuilds the whole passage from the update, so it refuses one without `embedding` and
/// `embedding_config`: start from [`PassageUpdate::from_passage`], which copies them. The server
/// does not re-embed changed text, so semantic search keeps finding the passage by its old text.
///
/// ```
/// # fn f(passage: &letta_core::types::Passage) {
/// use letta_core::types::PassageUpdate;
/// let update = PassageUpdate::from_passage(passage).text("Ada now drinks coffee.").build();
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(
    state_mod(vis = "pub"),
    on(String, into),
    on(AgentId, into),
    on(PassageId, into),
    on(SourceId, into),
    on(UserId, into),
    on(OrganizationId, into),
    on(FileId, into)
)]
#[non_exhaustive]
pub struct PassageUpdate {
    /// The unique identifier of the passage.
    pub id: PassageId,
    /// The text of the passage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The embedding of the passage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<f32>>| items.into_iter().map(Into::into).collect())]
    pub embedding: Option<Vec<f32>>,
    /// The embedding configuration used by the passage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedding_config: Option<EmbeddingConfig>,
    /// The metadata of the passage (`metadata_` on the wire).
    #[serde(default, rename = "metadata_", skip_serializing_if = "Option::is_none")]
    pub metadata: Option<JsonMap>,
    /// The unique identifier of the agent associated with the passage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<AgentId>,
    /// The data source of the passage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_id: Option<SourceId>,
    /// The unique identifier of the file associated with the passage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_id: Option<FileId>,
    /// Whether this passage is deleted or not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_deleted: Option<bool>,
    /// The unique identifier of the organization associated with the passage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<OrganizationId>,
    /// The id of the user that made this object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by_id: Option<UserId>,
    /// The id of the user that last changed this object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated_by_id: Option<UserId>,
    /// When it was created.
    #[serde(
        default,
        with = "super::time::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_at: Option<Timestamp>,
    /// When it last changed.
    #[serde(
        default,
        with = "super::time::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_at: Option<Timestamp>,
}

impl PassageUpdate {
    /// A builder of an update of `passage` that changes nothing yet, carrying the embedding
    /// 0.7.29 requires; set what changes and `build()`.
    pub fn from_passage(passage: &Passage) -> PassageUpdateBuilder<FromPassage> {
        PassageUpdate::builder()
            .id(passage.id.clone())
            .maybe_embedding(passage.embedding.clone())
            .maybe_embedding_config(passage.embedding_config.clone())
    }
}

/// The state of the builder [`PassageUpdate::from_passage`] returns: ID and embedding set.
pub type FromPassage = passage_update_builder::SetEmbeddingConfig<
    passage_update_builder::SetEmbedding<passage_update_builder::SetId>,
>;

/// A new archival-memory entry (`PassageCreate`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PassageCreate {
    /// The text to store.
    pub text: String,
}

impl PassageCreate {
    /// An entry holding `text`.
    pub fn new(text: impl Into<String>) -> Self {
        Self { text: text.into() }
    }
}

/// Filters for `GET /v1/agents/{id}/archival-memory`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ListPassagesParams {
    /// Cursor: passages after this ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Cursor: passages before this ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// Page size.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Only passages whose text contains this, ignoring case (0.7.29 matches text here; the
    /// embedding search is the agent's own `archival_memory_search` tool).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
    /// Oldest first (server default `true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ascending: Option<bool>,
}
