//! The plain `after` / `limit` cursor shared by several admin and configuration lists.

use serde::Serialize;

/// One page of a list that takes only a cursor and a size: users, organizations, source files,
/// sandbox configurations and their environment variables.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct PageParams {
    /// Cursor: items after this ID (lists are oldest first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Page size (the server's default differs per list: 50 for users and organizations, 1000
    /// for files and sandbox lists).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

impl PageParams {
    /// The first page of `limit` items.
    pub fn limit(limit: u32) -> Self {
        Self {
            after: None,
            limit: Some(limit),
        }
    }
}
