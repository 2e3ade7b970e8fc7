//! Archival memory: an agent's long-term, searchable store of passages.

use serde::{Deserialize, Serialize};

use super::{EmbeddingConfig, JsonMap, Timestamp};
use crate::ids::PassageId;

/// One stored passage (`Passage`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    /// Passage ID.
    pub id: PassageId,
    /// The text.
    pub text: String,
    /// Owning agent, for archival memory.
    #[serde(default)]
    pub agent_id: Option<String>,
    /// Owning source, for source passages.
    #[serde(default)]
    pub source_id: Option<String>,
    /// File the passage came from.
    #[serde(default)]
    pub file_id: Option<String>,
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
    pub organization_id: Option<String>,
    /// Creator.
    #[serde(default)]
    pub created_by_id: Option<String>,
    /// Last editor.
    #[serde(default)]
    pub last_updated_by_id: Option<String>,
}

/// A new archival-memory entry (`CreateArchivalMemory`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateArchivalMemory {
    /// The text to store.
    pub text: String,
}

/// Filters for `GET /v1/agents/{id}/archival-memory`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListPassagesParams {
    /// Cursor: passages after this ID.
    pub after: Option<String>,
    /// Cursor: passages before this ID.
    pub before: Option<String>,
    /// Page size.
    pub limit: Option<u32>,
    /// Semantic search text; results come nearest first.
    pub search: Option<String>,
    /// Oldest first (server default `true`).
    pub ascending: Option<bool>,
}

impl ListPassagesParams {
    pub(crate) fn to_query(&self) -> crate::client::Query {
        let mut q = crate::client::Query::new();
        crate::client::push_opt(&mut q, "after", &self.after);
        crate::client::push_opt(&mut q, "before", &self.before);
        crate::client::push_opt(&mut q, "limit", &self.limit);
        crate::client::push_opt(&mut q, "search", &self.search);
        crate::client::push_opt(&mut q, "ascending", &self.ascending);
        q
    }
}

impl crate::paging::PageQuery for ListPassagesParams {
    fn page_query(&self, cursor: Option<String>, limit: u32) -> crate::client::Query {
        ListPassagesParams {
            after: cursor,
            limit: Some(limit),
            ..self.clone()
        }
        .to_query()
    }
    fn page_size(&self) -> Option<u32> {
        self.limit
    }
    fn start(&self) -> Option<String> {
        self.after.clone()
    }
}
