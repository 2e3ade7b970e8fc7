//! Tags: the distinct tags of the agents.

use serde::Serialize;

/// Filters for `GET /v1/tags/`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ListTagsParams {
    /// Cursor: tags after this one (tags come in alphabetical order).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Page size (server default 50).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Only tags containing this text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query_text: Option<String>,
}
