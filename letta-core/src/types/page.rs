//! The plain `after` / `limit` cursor shared by several admin and configuration lists.

/// One page of a list that takes only a cursor and a size: users, organizations, source files,
/// sandbox configurations and their environment variables.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageParams {
    /// Cursor: items after this ID (lists are oldest first).
    pub after: Option<String>,
    /// Page size (the server's default differs per list: 50 for users and organizations, 1000
    /// for files and sandbox lists).
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

    pub(crate) fn to_query(&self) -> crate::client::Query {
        let mut q = crate::client::Query::new();
        crate::client::push_opt(&mut q, "after", &self.after);
        crate::client::push_opt(&mut q, "limit", &self.limit);
        q
    }
}

impl crate::paging::PageQuery for PageParams {
    fn page_query(&self, cursor: Option<String>, limit: u32) -> crate::client::Query {
        PageParams {
            after: cursor,
            limit: Some(limit),
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
