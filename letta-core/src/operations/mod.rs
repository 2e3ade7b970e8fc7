//! Every operation of the Letta API: its operation ID, HTTP method and path template, and a
//! typed constructor of its [`Request`].
//!
//! Each operation is a constant ([`RETRIEVE_AGENT`]) that layers and tests look up, and a function
//! of the same name in lower case ([`retrieve_agent`]) that takes the path parameters, typed and
//! in the template's order, and returns the [`Request`] to send with [`LettaClient::call`]. A
//! wrong number or kind of parameter does not compile:
//!
//! ```compile_fail
//! # use letta_core::ids::{AgentId, BlockId};
//! // `retrieve_agent` takes one agent ID, not two.
//! let request = letta_core::operations::retrieve_agent(&AgentId::new("a"), &AgentId::new("b"));
//! ```
//!
//! ```compile_fail
//! # use letta_core::ids::BlockId;
//! // A block ID is not an agent ID.
//! let request = letta_core::operations::retrieve_agent(&BlockId::new("block-1"));
//! ```
//!
//! The table covers two servers: Letta 0.7.29 (the 0.7.x API) and Letta 0.16.8, the last
//! self-hostable release and the shape of Letta Cloud's API. Each operation's [`ServedBy`] says
//! which of them serve it; the client refuses one the connected server does not serve before
//! anything is sent ([`LettaError::NotServed`](crate::LettaError::NotServed)).
//! [`SERVED_BY_0_7`] lists 0.7.29's 138 operations, [`SERVED_BY_0_16`] 0.16.8's 235 (its 14
//! `/v1/_internal_*` routes are left out on purpose: the server's own tooling, not an API for
//! clients), [`CLOUD_ONLY`] the ones the Python SDK reference documents that only Letta Cloud
//! serves, and [`ALL`] the lot.
//!
//! The table is checked at compile time against itself (each function's parameters are the
//! template's placeholders, by name and in order) and by a test against both servers' OpenAPI
//! documents: same IDs, methods and paths. Generated from them; keep it in step with them (the
//! test says what differs).
//!
//! [`LettaClient::call`]: crate::LettaClient::call

use std::fmt;

#[allow(unused_imports)] // Each is used by some operation's parameters.
use crate::ids::{
    AgentId, ArchiveId, BlockId, ConversationId, FileId, FolderId, GroupId, IdentityId, JobId, McpServerId,
    MessageId, PassageId, ProviderId, RunId, SandboxConfigId, SandboxEnvVarId, SourceId, StepId, ToolId,
};
pub use crate::request::Request;
use crate::version::ApiLevel;

/// One API operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Operation {
    /// Its `operationId`: 0.7.29's where that server serves it, else 0.16.8's (for cloud-only
    /// operations, a name in the same style). [`ServedBy`] has the name in each document.
    pub id: &'static str,
    /// The HTTP method.
    pub method: HttpMethod,
    /// Path template with `{name}` placeholders, exactly as the server declares it.
    pub path: &'static str,
    /// Which server versions serve it, under which `operationId`.
    pub served_by: ServedBy,
    /// What repeating this request would do: the one place retry layers look it up.
    pub repeat: Repeat,
}

/// Which of the two OpenAPI documents the table is checked against serve an operation, and
/// under which `operationId` (15 operations were renamed between them, with the same route).
///
/// Letta Cloud speaks 0.16.8's API; the cloud-only operations are in neither document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ServedBy {
    /// Its `operationId` in Letta 0.7.29's document, if that server serves it.
    pub v0_7: Option<&'static str>,
    /// Its `operationId` in Letta 0.16.8's document, if that server serves it.
    pub v0_16: Option<&'static str>,
}

impl ServedBy {
    /// Served by both servers, under `v0_7` and `v0_16`.
    const fn both(v0_7: &'static str, v0_16: &'static str) -> ServedBy {
        ServedBy {
            v0_7: Some(v0_7),
            v0_16: Some(v0_16),
        }
    }

    /// Whether an operation that only Letta Cloud serves.
    pub const fn cloud_only(&self) -> bool {
        self.v0_7.is_none() && self.v0_16.is_none()
    }

    /// Whether a server of API `level` serves it: `None` when the table cannot tell (a server
    /// between 0.8 and 0.15, or one that did not say its version).
    pub const fn serves(&self, level: ApiLevel) -> Option<bool> {
        match level {
            ApiLevel::V0_7 => Some(self.v0_7.is_some()),
            ApiLevel::V0_16 => Some(self.v0_16.is_some()),
            ApiLevel::Unknown => None,
        }
    }
}

/// The HTTP methods the Letta API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HttpMethod {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl HttpMethod {
    /// The method's name, upper case (`"GET"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
        }
    }

    /// The same method as an [`http::Method`].
    pub fn to_http(self) -> http::Method {
        match self {
            HttpMethod::Get => http::Method::GET,
            HttpMethod::Post => http::Method::POST,
            HttpMethod::Put => http::Method::PUT,
            HttpMethod::Patch => http::Method::PATCH,
            HttpMethod::Delete => http::Method::DELETE,
        }
    }
}

impl From<HttpMethod> for http::Method {
    fn from(method: HttpMethod) -> http::Method {
        method.to_http()
    }
}

impl fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for HttpMethod {
    fn eq(&self, other: &str) -> bool {
        self.as_str().eq_ignore_ascii_case(other)
    }
}

impl PartialEq<&str> for HttpMethod {
    fn eq(&self, other: &&str) -> bool {
        self.as_str().eq_ignore_ascii_case(other)
    }
}

impl PartialEq<http::Method> for HttpMethod {
    fn eq(&self, other: &http::Method) -> bool {
        self.as_str() == other.as_str()
    }
}

/// What sending a request a second time does, which decides whether a layer may retry it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Repeat {
    /// Repeating has the same effect as sending once (GET, PUT, DELETE, PATCH): retry on
    /// connect errors, timeouts, 408, 429 and 5xx.
    Idempotent,
    /// Repeating may create a second object: retry only when the request provably never reached
    /// the server.
    Unsafe,
    /// Runs an agent step (a turn): repeating runs the agent again, and 0.7.x does not deduplicate.
    /// Retry only when the request provably never reached the server; after an ambiguous failure,
    /// reconcile by the message's `otid` instead.
    AgentTurn,
}

impl Operation {
    /// The request method, as an [`http::Method`].
    pub fn http_method(&self) -> http::Method {
        self.method.to_http()
    }

    /// Whether a concrete request (`method`, `path` without query) is an instance of this operation.
    pub fn matches(&self, method: &str, path: &str) -> bool {
        if self.method != method {
            return false;
        }
        let mut template = self.path.split('/');
        let mut actual = path.split('/');
        loop {
            match (template.next(), actual.next()) {
                (None, None) => return true,
                (Some(t), Some(a)) if t.starts_with('{') && t.ends_with('}') => {
                    if a.is_empty() {
                        return false;
                    }
                }
                (Some(t), Some(a)) if t == a => {}
                _ => return false,
            }
        }
    }

    /// The operation a concrete request is an instance of. Literal routes win over templated
    /// ones (`/v1/agents/count` is `count_agents`, not `retrieve_agent`).
    pub fn find(method: &str, path: &str) -> Option<&'static Operation> {
        let candidates = ALL.iter().filter(|op| op.matches(method, path));
        candidates.min_by_key(|op| op.path.matches('{').count())
    }

    /// POST creates; every other method of this API is idempotent.
    const fn op(id: &'static str, method: HttpMethod, path: &'static str, served_by: ServedBy) -> Operation {
        let repeat = match method {
            HttpMethod::Post => Repeat::Unsafe,
            _ => Repeat::Idempotent,
        };
        Operation {
            id,
            method,
            path,
            served_by,
            repeat,
        }
    }

    /// A POST that only reads, searches or cancels: repeating it changes nothing more.
    const fn idem(
        id: &'static str,
        method: HttpMethod,
        path: &'static str,
        served_by: ServedBy,
    ) -> Operation {
        Operation {
            repeat: Repeat::Idempotent,
            ..Operation::op(id, method, path, served_by)
        }
    }

    /// An operation that runs an agent step.
    const fn turn(
        id: &'static str,
        method: HttpMethod,
        path: &'static str,
        served_by: ServedBy,
    ) -> Operation {
        Operation {
            repeat: Repeat::AgentTurn,
            ..Operation::op(id, method, path, served_by)
        }
    }

    /// Whether only Letta Cloud serves it.
    pub const fn is_cloud_only(&self) -> bool {
        self.served_by.cloud_only()
    }
}

/// Whether `template`'s `{placeholders}` are exactly `names`, in order: evaluated at compile time
/// for every operation, so a constructor cannot take parameters its path does not have.
const fn placeholders_are(template: &str, names: &[&str]) -> bool {
    let t = template.as_bytes();
    let (mut i, mut n) = (0, 0);
    while i < t.len() {
        if t[i] == b'{' {
            if n == names.len() {
                return false;
            }
            let name = names[n].as_bytes();
            let mut j = 0;
            while j < name.len() {
                if i + 1 + j >= t.len() || t[i + 1 + j] != name[j] {
                    return false;
                }
                j += 1;
            }
            if i + 1 + j >= t.len() || t[i + 1 + j] != b'}' {
                return false;
            }
            n += 1;
            i += j + 2;
        } else {
            i += 1;
        }
    }
    n == names.len()
}

/// The [`ServedBy`] of a table line: `both "id"`, `both "id_0_7" / "id_0_16"`, `v0_7 "id"`,
/// `v0_16 "id"` or `cloud "id"`.
macro_rules! served_by {
    (both $id:literal) => {
        ServedBy::both($id, $id)
    };
    (both $id:literal / $id16:literal) => {
        ServedBy::both($id, $id16)
    };
    (v0_7 $id:literal) => {
        ServedBy {
            v0_7: Some($id),
            v0_16: None,
        }
    };
    (v0_16 $id:literal) => {
        ServedBy {
            v0_7: None,
            v0_16: Some($id),
        }
    };
    (cloud $id:literal) => {
        ServedBy {
            v0_7: None,
            v0_16: None,
        }
    };
}

/// Declares each operation's constant and its typed request constructor.
macro_rules! operations {
    ($(
        $(#[doc = $doc:literal])*
        $kind:ident $constant:ident $function:ident(
            $served:ident $id:literal $(/ $id16:literal)?, $method:ident, $path:literal $(, $param:ident: $ty:ty)* $(,)?
        );
    )*) => {$(
        $(#[doc = $doc])*
        pub const $constant: Operation =
            Operation::$kind($id, HttpMethod::$method, $path, served_by!($served $id $(/ $id16)?));

        const _: () = assert!(
            placeholders_are($path, &[$(stringify!($param)),*]),
            "{}",
            concat!("the parameters of ", stringify!($function), " are not the placeholders of ", $path),
        );

        #[doc = concat!("The request of [`", stringify!($constant), "`]:")]
        $(#[doc = $doc])*
        pub fn $function($($param: &$ty),*) -> Request {
            Request::new(&$constant, &[$((stringify!($param), <$ty as AsRef<str>>::as_ref($param))),*])
        }
    )*};
}

mod table;
pub use table::*;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_and_escapes_path_parameters() {
        let agent = AgentId::new("agent-1");
        assert_eq!(retrieve_agent(&agent).path(), Some("/v1/agents/agent-1"));
        assert_eq!(
            detach_core_memory_block(&AgentId::new("a"), &BlockId::new("b/c")).path(),
            Some("/v1/agents/a/core-memory/blocks/detach/b%2Fc")
        );
        assert_eq!(list_agents().path(), Some("/v1/agents/"));
        let empty = retrieve_agent(&AgentId::new(" "));
        assert_eq!(
            empty.path(),
            None,
            "an empty ID is refused, when the request is sent"
        );
    }

    #[test]
    fn placeholders_are_checked_by_name_and_order() {
        assert!(placeholders_are("/v1/a/{x}/b/{y}", &["x", "y"]));
        assert!(placeholders_are("/v1/a/", &[]));
        assert!(!placeholders_are("/v1/a/{x}/b/{y}", &["y", "x"]));
        assert!(!placeholders_are("/v1/a/{x}/b/{y}", &["x"]));
        assert!(!placeholders_are("/v1/a/{x}", &["x", "y"]));
        assert!(!placeholders_are("/v1/a/{xy}", &["x"]));
        assert!(!placeholders_are("/v1/a/{x", &["x"]));
    }

    #[test]
    fn finds_the_operation_of_a_request() {
        assert_eq!(
            Operation::find("GET", "/v1/agents/count").unwrap().id,
            "count_agents"
        );
        assert_eq!(
            Operation::find("GET", "/v1/agents/agent-1").unwrap().id,
            "retrieve_agent"
        );
        assert_eq!(
            Operation::find("POST", "/v1/agents/agent-1/messages/stream")
                .unwrap()
                .id,
            "create_agent_message_stream"
        );
        assert_eq!(
            Operation::find("GET", "/v1/sources/name/x").unwrap().id,
            "get_source_id_by_name"
        );
        assert!(Operation::find("GET", "/v1/nothing").is_none());
    }

    #[test]
    fn sends_are_agent_turns_and_posts_are_unsafe() {
        assert_eq!(SEND_MESSAGE.repeat, Repeat::AgentTurn);
        assert_eq!(CREATE_AGENT_MESSAGE_STREAM.repeat, Repeat::AgentTurn);
        assert_eq!(CREATE_AGENT.repeat, Repeat::Unsafe);
        assert_eq!(RETRIEVE_AGENT.repeat, Repeat::Idempotent);
        assert_eq!(RESET_MESSAGES.repeat, Repeat::Idempotent);
        let turns = |ops: &[Operation]| ops.iter().filter(|o| o.repeat == Repeat::AgentTurn).count();
        assert_eq!(turns(SERVED_BY_0_7), 7);
        // Group messaging went; conversations and the chat-completions route came.
        assert_eq!(turns(SERVED_BY_0_16), 7);
        assert_eq!(RETRIEVE_STREAM_FOR_RUN.repeat, Repeat::Idempotent);
    }

    #[test]
    fn ids_are_unique() {
        // One ID names two routes: 0.16 moved `check_provider` from GET to POST.
        let mut ids: Vec<_> = ALL.iter().map(|o| (o.id, o.method.as_str())).collect();
        ids.sort();
        let before = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), before);
        assert_eq!(SERVED_BY_0_7.len(), 138);
        assert_eq!(SERVED_BY_0_16.len(), 235);
    }
}
