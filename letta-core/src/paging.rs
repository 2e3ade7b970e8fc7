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
//!
//! Each cursor is followed once: a server whose pages lead back to a cursor already followed
//! (A -> B -> A) ends the walk with [`LettaError::CursorCycle`] instead of looping forever.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;

use futures_core::Stream;
use futures_util::{StreamExt, TryStreamExt, stream};

use crate::error::LettaError;
use crate::types::{
    AgentState, Block, Conversation, FileMetadata, Group, Identity, LettaMessage, Message, Organization,
    Passage, Provider, SandboxConfig, SandboxEnvironmentVariable, Step, Tool, User,
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

/// Items whose `id` field is their cursor.
macro_rules! cursor_is_id {
    ($($item:ty),* $(,)?) => {$(
        impl Cursor for $item {
            fn cursor(&self) -> Option<&str> {
                Some(self.id.as_str())
            }
        }
    )*};
}

cursor_is_id!(
    AgentState,
    Block,
    Conversation,
    Tool,
    Passage,
    FileMetadata,
    User,
    Organization,
    SandboxConfig,
    SandboxEnvironmentVariable,
    Group,
    Identity,
    Step,
    Message,
);

impl Cursor for Provider {
    fn cursor(&self) -> Option<&str> {
        self.id.as_ref().map(|id| id.as_str())
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
    /// Every cursor asked with so far (the start included).
    seen: HashSet<String>,
    requests: usize,
    end: End,
}

/// Whether the walk goes on.
enum End {
    /// Ask for the next page.
    No,
    /// The last page was yielded.
    Done,
    /// The last page led back to this cursor, asked with before: report it.
    Cycle(String),
}

/// Streams every item, calling `fetch(cursor, limit)` for each page; `cursor` is the `after`
/// (forward) or `before` (backward) value to send. `path` names the list in errors.
///
/// A page whose cursor does not move (the one just asked with) ends the walk quietly: a list
/// of messages can hand back the items of the stored message it was asked after. A page that
/// leads back to a cursor asked with earlier (a server cycling A -> B -> A) is yielded, then
/// the walk ends with [`LettaError::CursorCycle`]: each cursor is followed once, so a walk
/// makes at most one request more than the distinct cursors it meets.
pub(crate) fn paginate<T, F, Fut>(
    walk: Walk,
    path: String,
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
        seen: cursor.iter().cloned().collect(),
        cursor,
        requests: 0,
        end: End::No,
    };
    let pages = stream::try_unfold(state, move |mut state| {
        let path = path.clone();
        async move {
            next_page(walk, path, page_size, &mut state)
                .await
                .map(|page| page.map(|p| (p, state)))
        }
    });
    pages
        .map_ok(|page| stream::iter(page.into_iter().map(Ok)))
        .try_flatten()
        .boxed()
}

/// Fetches the walk's next page, or says the walk is over (`None`) or looped (an error).
async fn next_page<T, F, Fut>(
    walk: Walk,
    path: String,
    page_size: u32,
    state: &mut State<F>,
) -> Result<Option<Vec<T>>, LettaError>
where
    T: Cursor,
    F: FnMut(Option<String>, u32) -> Fut,
    Fut: Future<Output = Result<Vec<T>, LettaError>>,
{
    match std::mem::replace(&mut state.end, End::Done) {
        End::No => {}
        End::Done => return Ok(None),
        End::Cycle(cursor) => {
            return Err(LettaError::CursorCycle {
                path,
                cursor,
                requests: state.requests,
            });
        }
    }
    state.requests += 1;
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
    state.end = match next {
        // A cursor that does not move would ask for the same page forever.
        _ if last_page => End::Done,
        None => End::Done,
        Some(ref next) if state.cursor.as_ref() == Some(next) => End::Done,
        Some(ref next) if !state.seen.insert(next.clone()) => End::Cycle(next.clone()),
        Some(_) => End::No,
    };
    state.cursor = next;
    if walk == Walk::Backward {
        page.reverse();
    }
    Ok(Some(page))
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

/// The order a walk asks its pages in, so that its cursor moves the way the walk goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Order {
    /// The list's own order, or the caller's.
    AsAsked,
    /// `key=value` unless the caller set `key`.
    DefaultTo(&'static str, &'static str),
    /// `key=value` whatever the caller set (a walk in the other order would skip items).
    Force(&'static str, &'static str),
}

/// Streams every item of a list `request`, page by page. The request's own `limit` is the page
/// size (at least `min_page`), and its cursor (`after` walking forward, `before` backward) is
/// where the walk starts.
pub(crate) fn list_pages<T>(
    client: &crate::LettaClient,
    request: crate::Request,
    walk: Walk,
    min_page: u32,
    order: Order,
) -> Paginated<T>
where
    T: Cursor + serde::de::DeserializeOwned + Send + 'static,
{
    let mut parts = match request.into_parts() {
        Ok(parts) => parts,
        Err(e) => return stream::once(async move { Err(e) }).boxed(),
    };
    let (cursor_key, other_key) = match walk {
        Walk::Forward | Walk::ForwardToEmpty => ("after", "before"),
        Walk::Backward => ("before", "after"),
    };
    let start = parts.query_value(cursor_key);
    let page_size = parts
        .query_value("limit")
        .and_then(|limit| limit.parse().ok())
        .unwrap_or(DEFAULT_PAGE_SIZE)
        .max(min_page);
    parts.set_query_value(other_key, None);
    match order {
        Order::AsAsked => {}
        Order::DefaultTo(key, _) if parts.query_value(key).is_some() => {}
        Order::DefaultTo(key, value) | Order::Force(key, value) => parts.set_query_value(key, Some(value)),
    }
    let client = client.clone();
    let path = parts.path.clone();
    paginate(walk, path, start, page_size, move |cursor, limit| {
        let client = client.clone();
        let mut page = parts.clone();
        page.set_query_value(cursor_key, cursor.as_deref());
        page.set_query_value("limit", Some(&limit.to_string()));
        async move {
            let bytes = client.call_parts(&page).await?;
            crate::client::decode(&page.op.http_method(), &page.path, &bytes)
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
        let items: Vec<Item> = paginate(Walk::Forward, "/v1/items/".into(), None, 2, fetch)
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
        let items: Vec<Item> = paginate(Walk::Forward, "/v1/items/".into(), None, 2, fetch)
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
        let items: Vec<Item> = paginate(Walk::Backward, "/v1/items/".into(), None, 2, fetch)
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
        let items: Vec<Item> = paginate(Walk::ForwardToEmpty, "/v1/items/".into(), None, 2, fetch)
            .try_collect()
            .await
            .unwrap();
        assert_eq!(items.iter().map(|i| i.0.as_str()).collect::<String>(), "abc");
        assert_eq!(
            *calls.lock().unwrap(),
            vec![None, Some("b".into()), Some("c".into())]
        );
    }

    /// A server whose pages lead A -> B -> A: page `None` ends at A, page A at B, page B at A.
    fn cycling(calls: Calls) -> impl FnMut(Option<String>, u32) -> PageResult {
        move |after: Option<String>, _limit: u32| {
            calls.lock().unwrap().push(after.clone());
            let page = match after.as_deref() {
                None => vec!["x", "A"],
                Some("A") => vec!["y", "B"],
                _ => vec!["z", "A"],
            };
            std::future::ready(Ok(page.into_iter().map(|s| Item(s.into())).collect()))
        }
    }

    #[tokio::test]
    async fn a_server_cycling_between_cursors_ends_the_walk_with_an_error() {
        for walk in [Walk::Forward, Walk::ForwardToEmpty] {
            let calls = Calls::default();
            let mut s = paginate(walk, "/v1/items/".into(), None, 2, cycling(calls.clone()));
            let mut items = Vec::new();
            let error = loop {
                match s.next().await {
                    Some(Ok(item)) => items.push(item.0),
                    Some(Err(e)) => break e,
                    None => panic!("{walk:?}: the walk ended without an error: {items:?}"),
                }
            };
            assert!(s.next().await.is_none(), "nothing after the error");
            assert_eq!(items, ["x", "A", "y", "B", "z", "A"], "{walk:?}");
            assert_eq!(
                *calls.lock().unwrap(),
                vec![None, Some("A".into()), Some("B".into())],
                "{walk:?}: three requests, each cursor followed once"
            );
            assert!(
                matches!(&error, LettaError::CursorCycle { cursor, requests: 3, path }
                    if cursor == "A" && path == "/v1/items/"),
                "{error:?}"
            );
            assert_eq!(
                error.to_string(),
                "GET /v1/items/: the server returned cursor A again; paging stopped to avoid a loop \
                 (after 3 requests)"
            );
        }
    }

    #[tokio::test]
    async fn a_cycle_back_to_the_starting_cursor_is_caught_too() {
        let calls = Calls::default();
        let mut s = paginate(
            Walk::Forward,
            "/v1/items/".into(),
            Some("B".into()),
            2,
            cycling(calls.clone()),
        );
        let mut last = None;
        while let Some(item) = s.next().await {
            last = Some(item);
        }
        assert!(
            matches!(last, Some(Err(LettaError::CursorCycle { ref cursor, requests: 2, .. })) if cursor == "B"),
            "{last:?}"
        );
        assert_eq!(*calls.lock().unwrap(), vec![Some("B".into()), Some("A".into())]);
    }

    #[tokio::test]
    async fn list_all_through_the_client_stops_a_cycling_server() {
        use axum::extract::RawQuery;
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        let app = axum::Router::new().route(
            "/v1/tags/",
            axum::routing::get(move |RawQuery(q): RawQuery| {
                let seen = seen.clone();
                async move {
                    let after = q
                        .unwrap_or_default()
                        .split('&')
                        .find_map(|kv| kv.strip_prefix("after=").map(str::to_owned));
                    seen.lock().unwrap().push(after.clone());
                    let page = match after.as_deref() {
                        None => ["a1", "tag-a"],
                        Some("tag-a") => ["b1", "tag-b"],
                        _ => ["c1", "tag-a"],
                    };
                    axum::Json(page)
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        let client = crate::LettaClient::builder()
            .base_url(format!("http://{addr}"))
            .build()
            .unwrap();
        let params = crate::types::ListTagsParams::builder().limit(2).build();
        let walked = tokio::time::timeout(
            std::time::Duration::from_secs(10),
            client.tags().list_all(&params).try_collect::<Vec<String>>(),
        )
        .await
        .expect("the walk ends");
        let error = walked.expect_err("a cycling server is an error");
        assert_eq!(
            error.to_string(),
            "GET /v1/tags/: the server returned cursor tag-a again; paging stopped to avoid a loop \
             (after 3 requests)"
        );
        assert_eq!(requests.lock().unwrap().len(), 3);
    }

    #[tokio::test]
    async fn an_error_ends_the_stream() {
        let fetch = |_after: Option<String>, _limit: u32| {
            std::future::ready(Err::<Vec<Item>, _>(LettaError::InvalidInput("boom".into())))
        };
        let mut s = paginate(Walk::Forward, "/v1/items/".into(), None, 2, fetch);
        assert!(matches!(s.next().await, Some(Err(LettaError::InvalidInput(_)))));
        assert!(s.next().await.is_none());
    }
}
