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
//! The table is checked at compile time against itself (each function's parameters are the
//! template's placeholders, by name and in order) and by a test against the server's OpenAPI
//! document (`openapi-0.7.29.json`): same IDs, methods and paths. [`SELF_HOSTED`] lists the 138
//! operations of the self-hosted server 0.7.29; [`CLOUD_ONLY`] the ones the Python SDK reference
//! documents that only Letta Cloud serves.
//!
//! Generated from the OpenAPI document; keep it in step with it (the test says what differs).
//!
//! [`LettaClient::call`]: crate::LettaClient::call

use std::fmt;

#[allow(unused_imports)] // Each is used by some operation's parameters.
use crate::ids::{
    AgentId, BlockId, FileId, GroupId, IdentityId, JobId, MessageId, PassageId, ProviderId, RunId,
    SandboxConfigId, SandboxEnvVarId, SourceId, StepId, ToolId,
};
pub use crate::request::Request;

/// One API operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Operation {
    /// The OpenAPI `operationId` (for cloud-only operations, a name in the same style).
    pub id: &'static str,
    /// The HTTP method.
    pub method: HttpMethod,
    /// Path template with `{name}` placeholders, exactly as the server declares it.
    pub path: &'static str,
    /// Whether only Letta Cloud serves it.
    pub cloud_only: bool,
    /// What repeating this request would do: the one place retry layers look it up.
    pub repeat: Repeat,
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
        let candidates = SELF_HOSTED
            .iter()
            .chain(CLOUD_ONLY.iter())
            .filter(|op| op.matches(method, path));
        candidates.min_by_key(|op| op.path.matches('{').count())
    }

    /// POST creates; every other method of this API is idempotent.
    const fn op(id: &'static str, method: HttpMethod, path: &'static str) -> Operation {
        let repeat = match method {
            HttpMethod::Post => Repeat::Unsafe,
            _ => Repeat::Idempotent,
        };
        Operation {
            id,
            method,
            path,
            cloud_only: false,
            repeat,
        }
    }

    /// An operation only Letta Cloud serves.
    const fn cloud(id: &'static str, method: HttpMethod, path: &'static str) -> Operation {
        Operation {
            cloud_only: true,
            ..Operation::op(id, method, path)
        }
    }

    /// An operation that runs an agent step.
    const fn turn(id: &'static str, method: HttpMethod, path: &'static str) -> Operation {
        Operation {
            repeat: Repeat::AgentTurn,
            ..Operation::op(id, method, path)
        }
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

/// Declares each operation's constant and its typed request constructor.
macro_rules! operations {
    ($(
        $(#[doc = $doc:literal])*
        $kind:ident $constant:ident $function:ident(
            $id:literal, $method:ident, $path:literal $(, $param:ident: $ty:ty)* $(,)?
        );
    )*) => {$(
        $(#[doc = $doc])*
        pub const $constant: Operation = Operation::$kind($id, HttpMethod::$method, $path);

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

operations! {
    /// Delete Org (`DELETE /v1/admin/orgs/`).
    op DELETE_ORGANIZATION_BY_ID delete_organization_by_id("delete_organization_by_id", Delete, "/v1/admin/orgs/");
    /// Get All Orgs (`GET /v1/admin/orgs/`).
    op LIST_ORGS list_orgs("list_orgs", Get, "/v1/admin/orgs/");
    /// Update Org (`PATCH /v1/admin/orgs/`).
    op UPDATE_ORGANIZATION update_organization("update_organization", Patch, "/v1/admin/orgs/");
    /// Create Org (`POST /v1/admin/orgs/`).
    op CREATE_ORGANIZATION create_organization("create_organization", Post, "/v1/admin/orgs/");
    /// Delete User (`DELETE /v1/admin/users/`).
    op DELETE_USER delete_user("delete_user", Delete, "/v1/admin/users/");
    /// List Users (`GET /v1/admin/users/`).
    op LIST_USERS list_users("list_users", Get, "/v1/admin/users/");
    /// Create User (`POST /v1/admin/users/`).
    op CREATE_USER create_user("create_user", Post, "/v1/admin/users/");
    /// Update User (`PUT /v1/admin/users/`).
    op UPDATE_USER update_user("update_user", Put, "/v1/admin/users/");
    /// List Agents (`GET /v1/agents/`).
    op LIST_AGENTS list_agents("list_agents", Get, "/v1/agents/");
    /// Create Agent (`POST /v1/agents/`).
    op CREATE_AGENT create_agent("create_agent", Post, "/v1/agents/");
    /// Count Agents (`GET /v1/agents/count`).
    op COUNT_AGENTS count_agents("count_agents", Get, "/v1/agents/count");
    /// Import Agent Serialized (`POST /v1/agents/import`).
    op IMPORT_AGENT_SERIALIZED import_agent_serialized("import_agent_serialized", Post, "/v1/agents/import");
    /// Delete Agent (`DELETE /v1/agents/{agent_id}`).
    op DELETE_AGENT delete_agent("delete_agent", Delete, "/v1/agents/{agent_id}", agent_id: AgentId);
    /// Retrieve Agent (`GET /v1/agents/{agent_id}`).
    op RETRIEVE_AGENT retrieve_agent("retrieve_agent", Get, "/v1/agents/{agent_id}", agent_id: AgentId);
    /// Modify Agent (`PATCH /v1/agents/{agent_id}`).
    op MODIFY_AGENT modify_agent("modify_agent", Patch, "/v1/agents/{agent_id}", agent_id: AgentId);
    /// List Passages (`GET /v1/agents/{agent_id}/archival-memory`).
    op LIST_PASSAGES list_passages("list_passages", Get, "/v1/agents/{agent_id}/archival-memory", agent_id: AgentId);
    /// Create Passage (`POST /v1/agents/{agent_id}/archival-memory`).
    op CREATE_PASSAGE create_passage("create_passage", Post, "/v1/agents/{agent_id}/archival-memory", agent_id: AgentId);
    /// Delete Passage (`DELETE /v1/agents/{agent_id}/archival-memory/{memory_id}`).
    op DELETE_PASSAGE delete_passage("delete_passage", Delete, "/v1/agents/{agent_id}/archival-memory/{memory_id}", agent_id: AgentId, memory_id: PassageId);
    /// Modify Passage (`PATCH /v1/agents/{agent_id}/archival-memory/{memory_id}`).
    op MODIFY_PASSAGE modify_passage("modify_passage", Patch, "/v1/agents/{agent_id}/archival-memory/{memory_id}", agent_id: AgentId, memory_id: PassageId);
    /// Retrieve Agent Context Window (`GET /v1/agents/{agent_id}/context`).
    op RETRIEVE_AGENT_CONTEXT_WINDOW retrieve_agent_context_window("retrieve_agent_context_window", Get, "/v1/agents/{agent_id}/context", agent_id: AgentId);
    /// Retrieve Agent Memory (`GET /v1/agents/{agent_id}/core-memory`).
    op RETRIEVE_AGENT_MEMORY retrieve_agent_memory("retrieve_agent_memory", Get, "/v1/agents/{agent_id}/core-memory", agent_id: AgentId);
    /// List Blocks (`GET /v1/agents/{agent_id}/core-memory/blocks`).
    op LIST_CORE_MEMORY_BLOCKS list_core_memory_blocks("list_core_memory_blocks", Get, "/v1/agents/{agent_id}/core-memory/blocks", agent_id: AgentId);
    /// Attach Block (`PATCH /v1/agents/{agent_id}/core-memory/blocks/attach/{block_id}`).
    op ATTACH_CORE_MEMORY_BLOCK attach_core_memory_block("attach_core_memory_block", Patch, "/v1/agents/{agent_id}/core-memory/blocks/attach/{block_id}", agent_id: AgentId, block_id: BlockId);
    /// Detach Block (`PATCH /v1/agents/{agent_id}/core-memory/blocks/detach/{block_id}`).
    op DETACH_CORE_MEMORY_BLOCK detach_core_memory_block("detach_core_memory_block", Patch, "/v1/agents/{agent_id}/core-memory/blocks/detach/{block_id}", agent_id: AgentId, block_id: BlockId);
    /// Retrieve Block (`GET /v1/agents/{agent_id}/core-memory/blocks/{block_label}`).
    op RETRIEVE_CORE_MEMORY_BLOCK retrieve_core_memory_block("retrieve_core_memory_block", Get, "/v1/agents/{agent_id}/core-memory/blocks/{block_label}", agent_id: AgentId, block_label: str);
    /// Modify Block (`PATCH /v1/agents/{agent_id}/core-memory/blocks/{block_label}`).
    op MODIFY_CORE_MEMORY_BLOCK modify_core_memory_block("modify_core_memory_block", Patch, "/v1/agents/{agent_id}/core-memory/blocks/{block_label}", agent_id: AgentId, block_label: str);
    /// Export Agent Serialized (`GET /v1/agents/{agent_id}/export`).
    op EXPORT_AGENT_SERIALIZED export_agent_serialized("export_agent_serialized", Get, "/v1/agents/{agent_id}/export", agent_id: AgentId);
    /// List Agent Groups (`GET /v1/agents/{agent_id}/groups`).
    op LIST_AGENT_GROUPS list_agent_groups("list_agent_groups", Get, "/v1/agents/{agent_id}/groups", agent_id: AgentId);
    /// List Messages (`GET /v1/agents/{agent_id}/messages`).
    op LIST_MESSAGES list_messages("list_messages", Get, "/v1/agents/{agent_id}/messages", agent_id: AgentId);
    /// Send Message (`POST /v1/agents/{agent_id}/messages`).
    turn SEND_MESSAGE send_message("send_message", Post, "/v1/agents/{agent_id}/messages", agent_id: AgentId);
    /// Send Message Async (`POST /v1/agents/{agent_id}/messages/async`).
    turn CREATE_AGENT_MESSAGE_ASYNC create_agent_message_async("create_agent_message_async", Post, "/v1/agents/{agent_id}/messages/async", agent_id: AgentId);
    /// Send Message Streaming (`POST /v1/agents/{agent_id}/messages/stream`).
    turn CREATE_AGENT_MESSAGE_STREAM create_agent_message_stream("create_agent_message_stream", Post, "/v1/agents/{agent_id}/messages/stream", agent_id: AgentId);
    /// Modify Message (`PATCH /v1/agents/{agent_id}/messages/{message_id}`).
    op MODIFY_MESSAGE modify_message("modify_message", Patch, "/v1/agents/{agent_id}/messages/{message_id}", agent_id: AgentId, message_id: MessageId);
    /// Reset Messages (`PATCH /v1/agents/{agent_id}/reset-messages`).
    op RESET_MESSAGES reset_messages("reset_messages", Patch, "/v1/agents/{agent_id}/reset-messages", agent_id: AgentId);
    /// List Agent Sources (`GET /v1/agents/{agent_id}/sources`).
    op LIST_AGENT_SOURCES list_agent_sources("list_agent_sources", Get, "/v1/agents/{agent_id}/sources", agent_id: AgentId);
    /// Attach Source (`PATCH /v1/agents/{agent_id}/sources/attach/{source_id}`).
    op ATTACH_SOURCE_TO_AGENT attach_source_to_agent("attach_source_to_agent", Patch, "/v1/agents/{agent_id}/sources/attach/{source_id}", agent_id: AgentId, source_id: SourceId);
    /// Detach Source (`PATCH /v1/agents/{agent_id}/sources/detach/{source_id}`).
    op DETACH_SOURCE_FROM_AGENT detach_source_from_agent("detach_source_from_agent", Patch, "/v1/agents/{agent_id}/sources/detach/{source_id}", agent_id: AgentId, source_id: SourceId);
    /// List Agent Tools (`GET /v1/agents/{agent_id}/tools`).
    op LIST_AGENT_TOOLS list_agent_tools("list_agent_tools", Get, "/v1/agents/{agent_id}/tools", agent_id: AgentId);
    /// Attach Tool (`PATCH /v1/agents/{agent_id}/tools/attach/{tool_id}`).
    op ATTACH_TOOL attach_tool("attach_tool", Patch, "/v1/agents/{agent_id}/tools/attach/{tool_id}", agent_id: AgentId, tool_id: ToolId);
    /// Detach Tool (`PATCH /v1/agents/{agent_id}/tools/detach/{tool_id}`).
    op DETACH_TOOL detach_tool("detach_tool", Patch, "/v1/agents/{agent_id}/tools/detach/{tool_id}", agent_id: AgentId, tool_id: ToolId);
    /// Authenticate User (`POST /v1/auth`).
    op AUTHENTICATE_USER authenticate_user("authenticate_user_v1_auth_post", Post, "/v1/auth");
    /// List Blocks (`GET /v1/blocks/`).
    op LIST_BLOCKS list_blocks("list_blocks", Get, "/v1/blocks/");
    /// Create Block (`POST /v1/blocks/`).
    op CREATE_BLOCK create_block("create_block", Post, "/v1/blocks/");
    /// Count Blocks (`GET /v1/blocks/count`).
    op COUNT_BLOCKS count_blocks("count_blocks", Get, "/v1/blocks/count");
    /// Delete Block (`DELETE /v1/blocks/{block_id}`).
    op DELETE_BLOCK delete_block("delete_block", Delete, "/v1/blocks/{block_id}", block_id: BlockId);
    /// Retrieve Block (`GET /v1/blocks/{block_id}`).
    op RETRIEVE_BLOCK retrieve_block("retrieve_block", Get, "/v1/blocks/{block_id}", block_id: BlockId);
    /// Modify Block (`PATCH /v1/blocks/{block_id}`).
    op MODIFY_BLOCK modify_block("modify_block", Patch, "/v1/blocks/{block_id}", block_id: BlockId);
    /// List Agents For Block (`GET /v1/blocks/{block_id}/agents`).
    op LIST_AGENTS_FOR_BLOCK list_agents_for_block("list_agents_for_block", Get, "/v1/blocks/{block_id}/agents", block_id: BlockId);
    /// Get Embeddings Total Storage Size (`GET /v1/embeddings/total_storage_size`).
    op GET_TOTAL_STORAGE_SIZE get_total_storage_size("get_total_storage_size", Get, "/v1/embeddings/total_storage_size");
    /// List Groups (`GET /v1/groups/`).
    op LIST_GROUPS list_groups("list_groups", Get, "/v1/groups/");
    /// Create Group (`POST /v1/groups/`).
    op CREATE_GROUP create_group("create_group", Post, "/v1/groups/");
    /// Count Groups (`GET /v1/groups/count`).
    op COUNT_GROUPS count_groups("count_groups", Get, "/v1/groups/count");
    /// Delete Group (`DELETE /v1/groups/{group_id}`).
    op DELETE_GROUP delete_group("delete_group", Delete, "/v1/groups/{group_id}", group_id: GroupId);
    /// Retrieve Group (`GET /v1/groups/{group_id}`).
    op RETRIEVE_GROUP retrieve_group("retrieve_group", Get, "/v1/groups/{group_id}", group_id: GroupId);
    /// Modify Group (`PATCH /v1/groups/{group_id}`).
    op MODIFY_GROUP modify_group("modify_group", Patch, "/v1/groups/{group_id}", group_id: GroupId);
    /// List Group Messages (`GET /v1/groups/{group_id}/messages`).
    op LIST_GROUP_MESSAGES list_group_messages("list_group_messages", Get, "/v1/groups/{group_id}/messages", group_id: GroupId);
    /// Send Group Message (`POST /v1/groups/{group_id}/messages`).
    turn SEND_GROUP_MESSAGE send_group_message("send_group_message", Post, "/v1/groups/{group_id}/messages", group_id: GroupId);
    /// Send Group Message Streaming (`POST /v1/groups/{group_id}/messages/stream`).
    turn SEND_GROUP_MESSAGE_STREAMING send_group_message_streaming("send_group_message_streaming", Post, "/v1/groups/{group_id}/messages/stream", group_id: GroupId);
    /// Modify Group Message (`PATCH /v1/groups/{group_id}/messages/{message_id}`).
    op MODIFY_GROUP_MESSAGE modify_group_message("modify_group_message", Patch, "/v1/groups/{group_id}/messages/{message_id}", group_id: GroupId, message_id: MessageId);
    /// Reset Group Messages (`PATCH /v1/groups/{group_id}/reset-messages`).
    op RESET_GROUP_MESSAGES reset_group_messages("reset_group_messages", Patch, "/v1/groups/{group_id}/reset-messages", group_id: GroupId);
    /// Health Check (`GET /v1/health/`).
    op HEALTH_CHECK health_check("health_check", Get, "/v1/health/");
    /// List Identities (`GET /v1/identities/`).
    op LIST_IDENTITIES list_identities("list_identities", Get, "/v1/identities/");
    /// Create Identity (`POST /v1/identities/`).
    op CREATE_IDENTITY create_identity("create_identity", Post, "/v1/identities/");
    /// Upsert Identity (`PUT /v1/identities/`).
    op UPSERT_IDENTITY upsert_identity("upsert_identity", Put, "/v1/identities/");
    /// Count Identities (`GET /v1/identities/count`).
    op COUNT_IDENTITIES count_identities("count_identities", Get, "/v1/identities/count");
    /// Delete Identity (`DELETE /v1/identities/{identity_id}`).
    op DELETE_IDENTITY delete_identity("delete_identity", Delete, "/v1/identities/{identity_id}", identity_id: IdentityId);
    /// Retrieve Identity (`GET /v1/identities/{identity_id}`).
    op RETRIEVE_IDENTITY retrieve_identity("retrieve_identity", Get, "/v1/identities/{identity_id}", identity_id: IdentityId);
    /// Modify Identity (`PATCH /v1/identities/{identity_id}`).
    op UPDATE_IDENTITY update_identity("update_identity", Patch, "/v1/identities/{identity_id}", identity_id: IdentityId);
    /// Upsert Identity Properties (`PUT /v1/identities/{identity_id}/properties`).
    op UPSERT_IDENTITY_PROPERTIES upsert_identity_properties("upsert_identity_properties", Put, "/v1/identities/{identity_id}/properties", identity_id: IdentityId);
    /// List Jobs (`GET /v1/jobs/`).
    op LIST_JOBS list_jobs("list_jobs", Get, "/v1/jobs/");
    /// List Active Jobs (`GET /v1/jobs/active`).
    op LIST_ACTIVE_JOBS list_active_jobs("list_active_jobs", Get, "/v1/jobs/active");
    /// Delete Job (`DELETE /v1/jobs/{job_id}`).
    op DELETE_JOB delete_job("delete_job", Delete, "/v1/jobs/{job_id}", job_id: JobId);
    /// Retrieve Job (`GET /v1/jobs/{job_id}`).
    op RETRIEVE_JOB retrieve_job("retrieve_job", Get, "/v1/jobs/{job_id}", job_id: JobId);
    /// List Batch Runs (`GET /v1/messages/batches`).
    op LIST_BATCH_RUNS list_batch_runs("list_batch_runs", Get, "/v1/messages/batches");
    /// Create Messages Batch (`POST /v1/messages/batches`).
    turn CREATE_MESSAGES_BATCH create_messages_batch("create_messages_batch", Post, "/v1/messages/batches");
    /// Retrieve Batch Run (`GET /v1/messages/batches/{batch_id}`).
    op RETRIEVE_BATCH_RUN retrieve_batch_run("retrieve_batch_run", Get, "/v1/messages/batches/{batch_id}", batch_id: JobId);
    /// Cancel Batch Run (`PATCH /v1/messages/batches/{batch_id}/cancel`).
    op CANCEL_BATCH_RUN cancel_batch_run("cancel_batch_run", Patch, "/v1/messages/batches/{batch_id}/cancel", batch_id: JobId);
    /// List Batch Messages (`GET /v1/messages/batches/{batch_id}/messages`).
    op LIST_BATCH_MESSAGES list_batch_messages("list_batch_messages", Get, "/v1/messages/batches/{batch_id}/messages", batch_id: JobId);
    /// List Llm Models (`GET /v1/models/`).
    op LIST_MODELS list_models("list_models", Get, "/v1/models/");
    /// List Embedding Models (`GET /v1/models/embedding`).
    op LIST_EMBEDDING_MODELS list_embedding_models("list_embedding_models", Get, "/v1/models/embedding");
    /// List Providers (`GET /v1/providers/`).
    op LIST_PROVIDERS list_providers("list_providers", Get, "/v1/providers/");
    /// Create Provider (`POST /v1/providers/`).
    op CREATE_PROVIDER create_provider("create_provider", Post, "/v1/providers/");
    /// Check Provider (`GET /v1/providers/check`).
    op CHECK_PROVIDER check_provider("check_provider", Get, "/v1/providers/check");
    /// Delete Provider (`DELETE /v1/providers/{provider_id}`).
    op DELETE_PROVIDER delete_provider("delete_provider", Delete, "/v1/providers/{provider_id}", provider_id: ProviderId);
    /// Modify Provider (`PATCH /v1/providers/{provider_id}`).
    op MODIFY_PROVIDER modify_provider("modify_provider", Patch, "/v1/providers/{provider_id}", provider_id: ProviderId);
    /// List Runs (`GET /v1/runs/`).
    op LIST_RUNS list_runs("list_runs", Get, "/v1/runs/");
    /// List Active Runs (`GET /v1/runs/active`).
    op LIST_ACTIVE_RUNS list_active_runs("list_active_runs", Get, "/v1/runs/active");
    /// Delete Run (`DELETE /v1/runs/{run_id}`).
    op DELETE_RUN delete_run("delete_run", Delete, "/v1/runs/{run_id}", run_id: RunId);
    /// Retrieve Run (`GET /v1/runs/{run_id}`).
    op RETRIEVE_RUN retrieve_run("retrieve_run", Get, "/v1/runs/{run_id}", run_id: RunId);
    /// List Run Messages (`GET /v1/runs/{run_id}/messages`).
    op LIST_RUN_MESSAGES list_run_messages("list_run_messages", Get, "/v1/runs/{run_id}/messages", run_id: RunId);
    /// List Run Steps (`GET /v1/runs/{run_id}/steps`).
    op LIST_RUN_STEPS list_run_steps("list_run_steps", Get, "/v1/runs/{run_id}/steps", run_id: RunId);
    /// Retrieve Run Usage (`GET /v1/runs/{run_id}/usage`).
    op RETRIEVE_RUN_USAGE retrieve_run_usage("retrieve_run_usage", Get, "/v1/runs/{run_id}/usage", run_id: RunId);
    /// List Sandbox Configs (`GET /v1/sandbox-config/`).
    op LIST_SANDBOX_CONFIGS list_sandbox_configs("list_sandbox_configs_v1_sandbox_config__get", Get, "/v1/sandbox-config/");
    /// Create Sandbox Config (`POST /v1/sandbox-config/`).
    op CREATE_SANDBOX_CONFIG create_sandbox_config("create_sandbox_config_v1_sandbox_config__post", Post, "/v1/sandbox-config/");
    /// Create Default E2B Sandbox Config (`POST /v1/sandbox-config/e2b/default`).
    op CREATE_DEFAULT_E2B_SANDBOX_CONFIG create_default_e2b_sandbox_config("create_default_e2b_sandbox_config_v1_sandbox_config_e2b_default_post", Post, "/v1/sandbox-config/e2b/default");
    /// Delete Sandbox Env Var (`DELETE /v1/sandbox-config/environment-variable/{env_var_id}`).
    op DELETE_SANDBOX_ENV_VAR delete_sandbox_env_var("delete_sandbox_env_var_v1_sandbox_config_environment_variable__env_var_id__delete", Delete, "/v1/sandbox-config/environment-variable/{env_var_id}", env_var_id: SandboxEnvVarId);
    /// Update Sandbox Env Var (`PATCH /v1/sandbox-config/environment-variable/{env_var_id}`).
    op UPDATE_SANDBOX_ENV_VAR update_sandbox_env_var("update_sandbox_env_var_v1_sandbox_config_environment_variable__env_var_id__patch", Patch, "/v1/sandbox-config/environment-variable/{env_var_id}", env_var_id: SandboxEnvVarId);
    /// Create Custom Local Sandbox Config (`POST /v1/sandbox-config/local`).
    op CREATE_CUSTOM_LOCAL_SANDBOX_CONFIG create_custom_local_sandbox_config("create_custom_local_sandbox_config_v1_sandbox_config_local_post", Post, "/v1/sandbox-config/local");
    /// Create Default Local Sandbox Config (`POST /v1/sandbox-config/local/default`).
    op CREATE_DEFAULT_LOCAL_SANDBOX_CONFIG create_default_local_sandbox_config("create_default_local_sandbox_config_v1_sandbox_config_local_default_post", Post, "/v1/sandbox-config/local/default");
    /// Force Recreate Local Sandbox Venv (`POST /v1/sandbox-config/local/recreate-venv`).
    op FORCE_RECREATE_LOCAL_SANDBOX_VENV force_recreate_local_sandbox_venv("force_recreate_local_sandbox_venv_v1_sandbox_config_local_recreate_venv_post", Post, "/v1/sandbox-config/local/recreate-venv");
    /// Delete Sandbox Config (`DELETE /v1/sandbox-config/{sandbox_config_id}`).
    op DELETE_SANDBOX_CONFIG delete_sandbox_config("delete_sandbox_config_v1_sandbox_config__sandbox_config_id__delete", Delete, "/v1/sandbox-config/{sandbox_config_id}", sandbox_config_id: SandboxConfigId);
    /// Update Sandbox Config (`PATCH /v1/sandbox-config/{sandbox_config_id}`).
    op UPDATE_SANDBOX_CONFIG update_sandbox_config("update_sandbox_config_v1_sandbox_config__sandbox_config_id__patch", Patch, "/v1/sandbox-config/{sandbox_config_id}", sandbox_config_id: SandboxConfigId);
    /// List Sandbox Env Vars (`GET /v1/sandbox-config/{sandbox_config_id}/environment-variable`).
    op LIST_SANDBOX_ENV_VARS list_sandbox_env_vars("list_sandbox_env_vars_v1_sandbox_config__sandbox_config_id__environment_variable_get", Get, "/v1/sandbox-config/{sandbox_config_id}/environment-variable", sandbox_config_id: SandboxConfigId);
    /// Create Sandbox Env Var (`POST /v1/sandbox-config/{sandbox_config_id}/environment-variable`).
    op CREATE_SANDBOX_ENV_VAR create_sandbox_env_var("create_sandbox_env_var_v1_sandbox_config__sandbox_config_id__environment_variable_post", Post, "/v1/sandbox-config/{sandbox_config_id}/environment-variable", sandbox_config_id: SandboxConfigId);
    /// List Sources (`GET /v1/sources/`).
    op LIST_SOURCES list_sources("list_sources", Get, "/v1/sources/");
    /// Create Source (`POST /v1/sources/`).
    op CREATE_SOURCE create_source("create_source", Post, "/v1/sources/");
    /// Count Sources (`GET /v1/sources/count`).
    op COUNT_SOURCES count_sources("count_sources", Get, "/v1/sources/count");
    /// Get Source Id By Name (`GET /v1/sources/name/{source_name}`).
    op GET_SOURCE_ID_BY_NAME get_source_id_by_name("get_source_id_by_name", Get, "/v1/sources/name/{source_name}", source_name: str);
    /// Delete Source (`DELETE /v1/sources/{source_id}`).
    op DELETE_SOURCE delete_source("delete_source", Delete, "/v1/sources/{source_id}", source_id: SourceId);
    /// Retrieve Source (`GET /v1/sources/{source_id}`).
    op RETRIEVE_SOURCE retrieve_source("retrieve_source", Get, "/v1/sources/{source_id}", source_id: SourceId);
    /// Modify Source (`PATCH /v1/sources/{source_id}`).
    op MODIFY_SOURCE modify_source("modify_source", Patch, "/v1/sources/{source_id}", source_id: SourceId);
    /// List Source Files (`GET /v1/sources/{source_id}/files`).
    op LIST_SOURCE_FILES list_source_files("list_source_files", Get, "/v1/sources/{source_id}/files", source_id: SourceId);
    /// List Source Passages (`GET /v1/sources/{source_id}/passages`).
    op LIST_SOURCE_PASSAGES list_source_passages("list_source_passages", Get, "/v1/sources/{source_id}/passages", source_id: SourceId);
    /// Upload File To Source (`POST /v1/sources/{source_id}/upload`).
    op UPLOAD_FILE_TO_SOURCE upload_file_to_source("upload_file_to_source", Post, "/v1/sources/{source_id}/upload", source_id: SourceId);
    /// Delete File From Source (`DELETE /v1/sources/{source_id}/{file_id}`).
    op DELETE_FILE_FROM_SOURCE delete_file_from_source("delete_file_from_source", Delete, "/v1/sources/{source_id}/{file_id}", source_id: SourceId, file_id: FileId);
    /// List Steps (`GET /v1/steps/`).
    op LIST_STEPS list_steps("list_steps", Get, "/v1/steps/");
    /// Retrieve Step (`GET /v1/steps/{step_id}`).
    op RETRIEVE_STEP retrieve_step("retrieve_step", Get, "/v1/steps/{step_id}", step_id: StepId);
    /// Update Step Transaction Id (`PATCH /v1/steps/{step_id}/transaction/{transaction_id}`).
    op UPDATE_STEP_TRANSACTION_ID update_step_transaction_id("update_step_transaction_id", Patch, "/v1/steps/{step_id}/transaction/{transaction_id}", step_id: StepId, transaction_id: str);
    /// List Tags (`GET /v1/tags/`).
    op LIST_TAGS list_tags("list_tags", Get, "/v1/tags/");
    /// Retrieve Provider Trace By Step Id (`GET /v1/telemetry/{step_id}`).
    op RETRIEVE_PROVIDER_TRACE retrieve_provider_trace("retrieve_provider_trace", Get, "/v1/telemetry/{step_id}", step_id: StepId);
    /// List Tools (`GET /v1/tools/`).
    op LIST_TOOLS list_tools("list_tools", Get, "/v1/tools/");
    /// Create Tool (`POST /v1/tools/`).
    op CREATE_TOOL create_tool("create_tool", Post, "/v1/tools/");
    /// Upsert Tool (`PUT /v1/tools/`).
    op UPSERT_TOOL upsert_tool("upsert_tool", Put, "/v1/tools/");
    /// Upsert Base Tools (`POST /v1/tools/add-base-tools`).
    op ADD_BASE_TOOLS add_base_tools("add_base_tools", Post, "/v1/tools/add-base-tools");
    /// List Composio Apps (`GET /v1/tools/composio/apps`).
    op LIST_COMPOSIO_APPS list_composio_apps("list_composio_apps", Get, "/v1/tools/composio/apps");
    /// List Composio Actions By App (`GET /v1/tools/composio/apps/{composio_app_name}/actions`).
    op LIST_COMPOSIO_ACTIONS_BY_APP list_composio_actions_by_app("list_composio_actions_by_app", Get, "/v1/tools/composio/apps/{composio_app_name}/actions", composio_app_name: str);
    /// Add Composio Tool (`POST /v1/tools/composio/{composio_action_name}`).
    op ADD_COMPOSIO_TOOL add_composio_tool("add_composio_tool", Post, "/v1/tools/composio/{composio_action_name}", composio_action_name: str);
    /// Count Tools (`GET /v1/tools/count`).
    op COUNT_TOOLS count_tools("count_tools", Get, "/v1/tools/count");
    /// List Mcp Servers (`GET /v1/tools/mcp/servers`).
    op LIST_MCP_SERVERS list_mcp_servers("list_mcp_servers", Get, "/v1/tools/mcp/servers");
    /// Add Mcp Server To Config (`PUT /v1/tools/mcp/servers`).
    op ADD_MCP_SERVER add_mcp_server("add_mcp_server", Put, "/v1/tools/mcp/servers");
    /// Delete Mcp Server From Config (`DELETE /v1/tools/mcp/servers/{mcp_server_name}`).
    op DELETE_MCP_SERVER delete_mcp_server("delete_mcp_server", Delete, "/v1/tools/mcp/servers/{mcp_server_name}", mcp_server_name: str);
    /// List Mcp Tools By Server (`GET /v1/tools/mcp/servers/{mcp_server_name}/tools`).
    op LIST_MCP_TOOLS_BY_SERVER list_mcp_tools_by_server("list_mcp_tools_by_server", Get, "/v1/tools/mcp/servers/{mcp_server_name}/tools", mcp_server_name: str);
    /// Add Mcp Tool (`POST /v1/tools/mcp/servers/{mcp_server_name}/{mcp_tool_name}`).
    op ADD_MCP_TOOL add_mcp_tool("add_mcp_tool", Post, "/v1/tools/mcp/servers/{mcp_server_name}/{mcp_tool_name}", mcp_server_name: str, mcp_tool_name: str);
    /// Run Tool From Source (`POST /v1/tools/run`).
    op RUN_TOOL_FROM_SOURCE run_tool_from_source("run_tool_from_source", Post, "/v1/tools/run");
    /// Delete Tool (`DELETE /v1/tools/{tool_id}`).
    op DELETE_TOOL delete_tool("delete_tool", Delete, "/v1/tools/{tool_id}", tool_id: ToolId);
    /// Retrieve Tool (`GET /v1/tools/{tool_id}`).
    op RETRIEVE_TOOL retrieve_tool("retrieve_tool", Get, "/v1/tools/{tool_id}", tool_id: ToolId);
    /// Modify Tool (`PATCH /v1/tools/{tool_id}`).
    op MODIFY_TOOL modify_tool("modify_tool", Patch, "/v1/tools/{tool_id}", tool_id: ToolId);
    /// Create Voice Chat Completions (`POST /v1/voice-beta/{agent_id}/chat/completions`).
    turn CREATE_VOICE_CHAT_COMPLETIONS create_voice_chat_completions("create_voice_chat_completions", Post, "/v1/voice-beta/{agent_id}/chat/completions", agent_id: AgentId);
    /// Search deployed agents (Letta Cloud) (`POST /v1/agents/search`).
    cloud SEARCH_AGENTS search_agents("search_agents", Post, "/v1/agents/search");
    /// Create a template from an agent (Letta Cloud) (`POST /v1/agents/{agent_id}/template`).
    cloud CREATE_AGENT_TEMPLATE create_agent_template("create_agent_template", Post, "/v1/agents/{agent_id}/template", agent_id: AgentId);
    /// Create a new version of an agent template (Letta Cloud) (`POST /v1/agents/{agent_id}/version-template`).
    cloud CREATE_AGENT_TEMPLATE_VERSION create_agent_template_version("create_agent_template_version", Post, "/v1/agents/{agent_id}/version-template", agent_id: AgentId);
    /// Migrate an agent to a new versioned agent template (Letta Cloud) (`POST /v1/agents/{agent_id}/migrate`).
    cloud MIGRATE_AGENT migrate_agent("migrate_agent", Post, "/v1/agents/{agent_id}/migrate", agent_id: AgentId);
    /// List the memory variables of an agent (Letta Cloud) (`GET /v1/agents/{agent_id}/core-memory/variables`).
    cloud LIST_MEMORY_VARIABLES list_memory_variables("list_memory_variables", Get, "/v1/agents/{agent_id}/core-memory/variables", agent_id: AgentId);
}

/// The 138 operations of the self-hosted server 0.7.29, in the OpenAPI document's order.
pub const SELF_HOSTED: &[Operation] = &[
    DELETE_ORGANIZATION_BY_ID,
    LIST_ORGS,
    UPDATE_ORGANIZATION,
    CREATE_ORGANIZATION,
    DELETE_USER,
    LIST_USERS,
    CREATE_USER,
    UPDATE_USER,
    LIST_AGENTS,
    CREATE_AGENT,
    COUNT_AGENTS,
    IMPORT_AGENT_SERIALIZED,
    DELETE_AGENT,
    RETRIEVE_AGENT,
    MODIFY_AGENT,
    LIST_PASSAGES,
    CREATE_PASSAGE,
    DELETE_PASSAGE,
    MODIFY_PASSAGE,
    RETRIEVE_AGENT_CONTEXT_WINDOW,
    RETRIEVE_AGENT_MEMORY,
    LIST_CORE_MEMORY_BLOCKS,
    ATTACH_CORE_MEMORY_BLOCK,
    DETACH_CORE_MEMORY_BLOCK,
    RETRIEVE_CORE_MEMORY_BLOCK,
    MODIFY_CORE_MEMORY_BLOCK,
    EXPORT_AGENT_SERIALIZED,
    LIST_AGENT_GROUPS,
    LIST_MESSAGES,
    SEND_MESSAGE,
    CREATE_AGENT_MESSAGE_ASYNC,
    CREATE_AGENT_MESSAGE_STREAM,
    MODIFY_MESSAGE,
    RESET_MESSAGES,
    LIST_AGENT_SOURCES,
    ATTACH_SOURCE_TO_AGENT,
    DETACH_SOURCE_FROM_AGENT,
    LIST_AGENT_TOOLS,
    ATTACH_TOOL,
    DETACH_TOOL,
    AUTHENTICATE_USER,
    LIST_BLOCKS,
    CREATE_BLOCK,
    COUNT_BLOCKS,
    DELETE_BLOCK,
    RETRIEVE_BLOCK,
    MODIFY_BLOCK,
    LIST_AGENTS_FOR_BLOCK,
    GET_TOTAL_STORAGE_SIZE,
    LIST_GROUPS,
    CREATE_GROUP,
    COUNT_GROUPS,
    DELETE_GROUP,
    RETRIEVE_GROUP,
    MODIFY_GROUP,
    LIST_GROUP_MESSAGES,
    SEND_GROUP_MESSAGE,
    SEND_GROUP_MESSAGE_STREAMING,
    MODIFY_GROUP_MESSAGE,
    RESET_GROUP_MESSAGES,
    HEALTH_CHECK,
    LIST_IDENTITIES,
    CREATE_IDENTITY,
    UPSERT_IDENTITY,
    COUNT_IDENTITIES,
    DELETE_IDENTITY,
    RETRIEVE_IDENTITY,
    UPDATE_IDENTITY,
    UPSERT_IDENTITY_PROPERTIES,
    LIST_JOBS,
    LIST_ACTIVE_JOBS,
    DELETE_JOB,
    RETRIEVE_JOB,
    LIST_BATCH_RUNS,
    CREATE_MESSAGES_BATCH,
    RETRIEVE_BATCH_RUN,
    CANCEL_BATCH_RUN,
    LIST_BATCH_MESSAGES,
    LIST_MODELS,
    LIST_EMBEDDING_MODELS,
    LIST_PROVIDERS,
    CREATE_PROVIDER,
    CHECK_PROVIDER,
    DELETE_PROVIDER,
    MODIFY_PROVIDER,
    LIST_RUNS,
    LIST_ACTIVE_RUNS,
    DELETE_RUN,
    RETRIEVE_RUN,
    LIST_RUN_MESSAGES,
    LIST_RUN_STEPS,
    RETRIEVE_RUN_USAGE,
    LIST_SANDBOX_CONFIGS,
    CREATE_SANDBOX_CONFIG,
    CREATE_DEFAULT_E2B_SANDBOX_CONFIG,
    DELETE_SANDBOX_ENV_VAR,
    UPDATE_SANDBOX_ENV_VAR,
    CREATE_CUSTOM_LOCAL_SANDBOX_CONFIG,
    CREATE_DEFAULT_LOCAL_SANDBOX_CONFIG,
    FORCE_RECREATE_LOCAL_SANDBOX_VENV,
    DELETE_SANDBOX_CONFIG,
    UPDATE_SANDBOX_CONFIG,
    LIST_SANDBOX_ENV_VARS,
    CREATE_SANDBOX_ENV_VAR,
    LIST_SOURCES,
    CREATE_SOURCE,
    COUNT_SOURCES,
    GET_SOURCE_ID_BY_NAME,
    DELETE_SOURCE,
    RETRIEVE_SOURCE,
    MODIFY_SOURCE,
    LIST_SOURCE_FILES,
    LIST_SOURCE_PASSAGES,
    UPLOAD_FILE_TO_SOURCE,
    DELETE_FILE_FROM_SOURCE,
    LIST_STEPS,
    RETRIEVE_STEP,
    UPDATE_STEP_TRANSACTION_ID,
    LIST_TAGS,
    RETRIEVE_PROVIDER_TRACE,
    LIST_TOOLS,
    CREATE_TOOL,
    UPSERT_TOOL,
    ADD_BASE_TOOLS,
    LIST_COMPOSIO_APPS,
    LIST_COMPOSIO_ACTIONS_BY_APP,
    ADD_COMPOSIO_TOOL,
    COUNT_TOOLS,
    LIST_MCP_SERVERS,
    ADD_MCP_SERVER,
    DELETE_MCP_SERVER,
    LIST_MCP_TOOLS_BY_SERVER,
    ADD_MCP_TOOL,
    RUN_TOOL_FROM_SOURCE,
    DELETE_TOOL,
    RETRIEVE_TOOL,
    MODIFY_TOOL,
    CREATE_VOICE_CHAT_COMPLETIONS,
];

/// Operations only Letta Cloud serves (from the Python SDK reference).
pub const CLOUD_ONLY: &[Operation] = &[
    SEARCH_AGENTS,
    CREATE_AGENT_TEMPLATE,
    CREATE_AGENT_TEMPLATE_VERSION,
    MIGRATE_AGENT,
    LIST_MEMORY_VARIABLES,
];

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
        let turns = SELF_HOSTED
            .iter()
            .filter(|o| o.repeat == Repeat::AgentTurn)
            .count();
        assert_eq!(turns, 7);
    }

    #[test]
    fn ids_are_unique() {
        let mut ids: Vec<_> = SELF_HOSTED.iter().chain(CLOUD_ONLY).map(|o| o.id).collect();
        ids.sort();
        let before = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), before);
        assert_eq!(SELF_HOSTED.len(), 138);
    }
}
