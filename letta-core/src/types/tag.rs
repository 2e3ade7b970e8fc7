//! Tags: the distinct tags of the agents.

/// Filters for `GET /v1/tags/`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListTagsParams {
    /// Cursor: tags after this one (tags come in alphabetical order).
    pub after: Option<String>,
    /// Page size (server default 50).
    pub limit: Option<u32>,
    /// Only tags containing this text.
    pub query_text: Option<String>,
}

impl ListTagsParams {
    pub(crate) fn to_query(&self) -> crate::client::Query {
        use crate::client::push_opt;
        let mut q = crate::client::Query::new();
        push_opt(&mut q, "after", &self.after);
        push_opt(&mut q, "limit", &self.limit);
        push_opt(&mut q, "query_text", &self.query_text);
        q
    }
}

impl crate::paging::PageQuery for ListTagsParams {
    fn page_query(&self, cursor: Option<String>, limit: u32) -> crate::client::Query {
        ListTagsParams {
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
