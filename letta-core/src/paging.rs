//! Auto-paging over cursor-paged lists (`before` / `after` / `limit`).
//!
//! Most lists walk forward: each page is asked with `after` = the ID of the last item of the
//! previous page, and paging stops at a page with fewer distinct IDs than the page size.
//!
//! Messages walk backward: 0.7.x answers `after=X&limit=N` with the *newest* N messages after X
//! (skipping the ones between), so the conversation is read newest first with `before`. There
//! `limit` counts stored messages, one stored message can come back as several items sharing an
//! ID (reasoning + tool call), and some come back as none (the tool return of `send_message`),
//! so only an empty page ends the walk. Lists of group and run messages have the same `limit`
//! and hidden items but walk forward correctly: they walk forward until an empty page.
//!
//! The server hides the tool return of the tool that carries the assistant's reply
//! (`send_message`) only when its call is on the same page; walks over conversations drop the
//! ones a page boundary exposes, so a walk yields what one big page
//! would.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;

use futures_core::Stream;
use futures_util::{StreamExt, TryStreamExt, stream};

use crate::error::LettaError;
use crate::types::{
    AgentState, Block, FileMetadata, Group, Identity, LettaMessage, Message, Organization, Passage, Provider,
    SandboxConfig, SandboxEnvironmentVariable, Step, Tool, User,
};

/// A boxed stream of items fetched page by page; a failed page ends it with that error.
pub type Paginated<T> = Pin<Box<dyn Stream<Item = Result<T, LettaError>> + Send>>;

/// Page size used when the caller sets none.
pub const DEFAULT_PAGE_SIZE: u32 = 50;

/// An item of a cursor-paged list: its ID is the cursor for the next page.
pub trait Cursor {
    /// The ID to pass as `after` to continue after this item.
    fn cursor(&self) -> Option<&str>;
}

impl Cursor for AgentState {
    fn cursor(&self) -> Option<&str> {
        Some(self.id.as_str())
    }
}

impl Cursor for Block {
    fn cursor(&self) -> Option<&str> {
        Some(self.id.as_str())
    }
}

impl Cursor for Tool {
    fn cursor(&self) -> Option<&str> {
        Some(self.id.as_str())
    }
}

impl Cursor for Passage {
    fn cursor(&self) -> Option<&str> {
        Some(self.id.as_str())
    }
}

impl Cursor for FileMetadata {
    fn cursor(&self) -> Option<&str> {
        Some(self.id.as_str())
    }
}

impl Cursor for User {
    fn cursor(&self) -> Option<&str> {
        Some(self.id.as_str())
    }
}

impl Cursor for Organization {
    fn cursor(&self) -> Option<&str> {
        Some(self.id.as_str())
    }
}

impl Cursor for Provider {
    fn cursor(&self) -> Option<&str> {
        self.id.as_ref().map(|id| id.as_str())
    }
}

impl Cursor for SandboxConfig {
    fn cursor(&self) -> Option<&str> {
        Some(self.id.as_str())
    }
}

impl Cursor for SandboxEnvironmentVariable {
    fn cursor(&self) -> Option<&str> {
        Some(self.id.as_str())
    }
}

impl Cursor for Group {
    fn cursor(&self) -> Option<&str> {
        Some(self.id.as_str())
    }
}

impl Cursor for Identity {
    fn cursor(&self) -> Option<&str> {
        Some(self.id.as_str())
    }
}

impl Cursor for Step {
    fn cursor(&self) -> Option<&str> {
        Some(self.id.as_str())
    }
}

impl Cursor for Message {
    fn cursor(&self) -> Option<&str> {
        Some(self.id.as_str())
    }
}

/// Tags are their own cursor.
impl Cursor for String {
    fn cursor(&self) -> Option<&str> {
        Some(self)
    }
}

impl Cursor for LettaMessage {
    fn cursor(&self) -> Option<&str> {
        self.id().map(|id| id.as_str())
    }
}

/// Which way a paged walk goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Walk {
    /// Oldest first, continuing `after` the last item of each page.
    Forward,
    /// Like `Forward`, but only an empty page ends the walk (for lists whose `limit` counts
    /// stored messages, some of which the server hides).
    ForwardToEmpty,
    /// Newest first, continuing `before` the first item of each page (pages come oldest first
    /// within themselves and are reversed).
    Backward,
}

struct State<F> {
    fetch: F,
    cursor: Option<String>,
    done: bool,
}

/// Streams every item, calling `fetch(cursor, limit)` for each page; `cursor` is the `after`
/// (forward) or `before` (backward) value to send.
pub(crate) fn paginate<T, F, Fut>(
    walk: Walk,
    cursor: Option<String>,
    page_size: u32,
    fetch: F,
) -> Paginated<T>
where
    T: Cursor + Send + 'static,
    F: FnMut(Option<String>, u32) -> Fut + Send + 'static,
    Fut: Future<Output = Result<Vec<T>, LettaError>> + Send + 'static,
{
    let page_size = page_size.max(1);
    let state = State {
        fetch,
        cursor,
        done: false,
    };
    let pages = stream::try_unfold(state, move |mut state| async move {
        if state.done {
            return Ok(None);
        }
        let mut page = (state.fetch)(state.cursor.clone(), page_size).await?;
        let next = match walk {
            Walk::Forward | Walk::ForwardToEmpty => page.iter().rev().find_map(Cursor::cursor),
            Walk::Backward => page.iter().find_map(Cursor::cursor),
        }
        .map(str::to_owned);
        let last_page = match walk {
            Walk::Forward => {
                let distinct: HashSet<&str> = page.iter().filter_map(Cursor::cursor).collect();
                distinct.len() < page_size as usize
            }
            Walk::Backward | Walk::ForwardToEmpty => page.is_empty(),
        };
        // A cursor that does not move would ask for the same page forever.
        state.done = last_page || next.is_none() || next == state.cursor;
        state.cursor = next;
        if walk == Walk::Backward {
            page.reverse();
        }
        Ok(Some((page, state)))
    });
    pages
        .map_ok(|page| stream::iter(page.into_iter().map(Ok)))
        .try_flatten()
        .boxed()
}

/// Drops the tool returns of `reply_tool` (the assistant-message tool) from a conversation walk;
/// `None` keeps everything (when the caller asked for raw tool calls).
pub(crate) fn hide_reply_tool_returns(
    messages: Paginated<LettaMessage>,
    reply_tool: Option<String>,
) -> Paginated<LettaMessage> {
    let Some(tool) = reply_tool else {
        return messages;
    };
    messages
        .try_filter(move |m| {
            let exposed =
                matches!(m, LettaMessage::ToolReturn(r) if r.meta.name.as_deref() == Some(tool.as_str()));
            std::future::ready(!exposed)
        })
        .boxed()
}

/// The assistant-message tool whose returns the server hides, given a list's options.
pub(crate) fn reply_tool(use_assistant_message: Option<bool>, tool_name: &Option<String>) -> Option<String> {
    (use_assistant_message != Some(false))
        .then(|| tool_name.clone().unwrap_or_else(|| "send_message".to_owned()))
}

/// Query parameters of a cursor-paged list: how to ask for one page.
pub(crate) trait PageQuery: Clone + Send + Sync + 'static {
    /// The query for the page at `cursor` (`after` walking forward, `before` backward).
    fn page_query(&self, cursor: Option<String>, limit: u32) -> crate::client::Query;
    /// The page size the caller asked for, if any.
    fn page_size(&self) -> Option<u32>;
    /// Where the caller asked to start, if anywhere.
    fn start(&self) -> Option<String>;
}

/// Streams every item of a list operation, page by page.
pub(crate) fn list_pages<T, P>(
    client: &crate::LettaClient,
    op: &'static crate::operations::Operation,
    params: &[&str],
    walk: Walk,
    min_page: u32,
    query: &P,
) -> Paginated<T>
where
    T: Cursor + serde::de::DeserializeOwned + Send + 'static,
    P: PageQuery,
{
    let path = match op.path(params) {
        Ok(path) => path,
        Err(e) => return stream::once(async move { Err(e) }).boxed(),
    };
    let client = client.clone();
    let query = query.clone();
    let page_size = query.page_size().unwrap_or(DEFAULT_PAGE_SIZE).max(min_page);
    paginate(walk, query.start(), page_size, move |cursor, limit| {
        let client = client.clone();
        let path = path.clone();
        let q = query.page_query(cursor, limit);
        async move {
            client
                .op_json(op, &path, &q, crate::client::RequestBody::Empty)
                .await
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[derive(Debug, PartialEq)]
    struct Item(String);
    impl Cursor for Item {
        fn cursor(&self) -> Option<&str> {
            Some(&self.0)
        }
    }

    type Calls = Arc<Mutex<Vec<Option<String>>>>;
    type PageResult = std::future::Ready<Result<Vec<Item>, LettaError>>;

    fn source(ids: Vec<&'static str>) -> (Calls, impl FnMut(Option<String>, u32) -> PageResult) {
        let calls = Arc::new(Mutex::new(Vec::new()));
        let seen = calls.clone();
        let fetch = move |after: Option<String>, limit: u32| {
            seen.lock().unwrap().push(after.clone());
            let start = match &after {
                Some(a) => ids
                    .iter()
                    .position(|i| i == a)
                    .map(|p| p + 1)
                    .unwrap_or(ids.len()),
                None => 0,
            };
            let page = ids[start..]
                .iter()
                .take(limit as usize)
                .map(|s| Item(s.to_string()))
                .collect();
            std::future::ready(Ok(page))
        };
        (calls, fetch)
    }

    #[tokio::test]
    async fn walks_every_page_once() {
        let (calls, fetch) = source(vec!["a", "b", "c", "d", "e"]);
        let items: Vec<Item> = paginate(Walk::Forward, None, 2, fetch)
            .try_collect()
            .await
            .unwrap();
        assert_eq!(items.iter().map(|i| i.0.as_str()).collect::<String>(), "abcde");
        assert_eq!(
            *calls.lock().unwrap(),
            vec![None, Some("b".into()), Some("d".into())]
        );
    }

    #[tokio::test]
    async fn exact_multiple_needs_one_empty_page() {
        let (calls, fetch) = source(vec!["a", "b", "c", "d"]);
        let items: Vec<Item> = paginate(Walk::Forward, None, 2, fetch)
            .try_collect()
            .await
            .unwrap();
        assert_eq!(items.len(), 4);
        assert_eq!(calls.lock().unwrap().len(), 3);
    }

    #[tokio::test]
    async fn backward_walks_newest_first_until_an_empty_page() {
        let ids = ["a", "b", "c", "d", "e"];
        let calls = Arc::new(Mutex::new(Vec::new()));
        let seen = calls.clone();
        let fetch = move |before: Option<String>, limit: u32| {
            seen.lock().unwrap().push(before.clone());
            let end = match &before {
                Some(b) => ids.iter().position(|i| i == b).unwrap_or(0),
                None => ids.len(),
            };
            let start = end.saturating_sub(limit as usize);
            std::future::ready(Ok(ids[start..end]
                .iter()
                .map(|s| Item(s.to_string()))
                .collect::<Vec<_>>()))
        };
        let items: Vec<Item> = paginate(Walk::Backward, None, 2, fetch)
            .try_collect()
            .await
            .unwrap();
        assert_eq!(items.iter().map(|i| i.0.as_str()).collect::<String>(), "edcba");
        assert_eq!(
            *calls.lock().unwrap(),
            vec![None, Some("d".into()), Some("b".into()), Some("a".into())]
        );
    }

    #[tokio::test]
    async fn forward_to_empty_goes_past_short_pages() {
        let (calls, fetch) = source(vec!["a", "b", "c"]);
        let items: Vec<Item> = paginate(Walk::ForwardToEmpty, None, 2, fetch)
            .try_collect()
            .await
            .unwrap();
        assert_eq!(items.iter().map(|i| i.0.as_str()).collect::<String>(), "abc");
        assert_eq!(
            *calls.lock().unwrap(),
            vec![None, Some("b".into()), Some("c".into())]
        );
    }

    #[tokio::test]
    async fn an_error_ends_the_stream() {
        let fetch = |_after: Option<String>, _limit: u32| {
            std::future::ready(Err::<Vec<Item>, _>(LettaError::InvalidInput("boom".into())))
        };
        let mut s = paginate(Walk::Forward, None, 2, fetch);
        assert!(matches!(s.next().await, Some(Err(LettaError::InvalidInput(_)))));
        assert!(s.next().await.is_none());
    }
}
