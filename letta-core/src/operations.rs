//! Every operation of the Letta API: its operation ID, HTTP method and path template.
//!
//! The resource handles build every request from this table ([`Operation::path`]), and a test
//! compares it with the server's OpenAPI document (`openapi-0.7.29.json`): same IDs, methods and
//! paths. [`SELF_HOSTED`] lists the 138 operations of the self-hosted server 0.7.29;
//! [`CLOUD_ONLY`] the ones the Python SDK reference documents that only Letta Cloud serves.
//!
//! Generated from the OpenAPI document; keep it in step with it (the test says what differs).

use crate::LettaError;

/// One API operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Operation {
    /// The OpenAPI `operationId` (for cloud-only operations, a name in the same style).
    pub id: &'static str,
    /// HTTP method, upper case.
    pub method: &'static str,
    /// Path template with `{name}` placeholders, exactly as the server declares it.
    pub path: &'static str,
    /// Whether only Letta Cloud serves it.
    pub cloud_only: bool,
    /// What repeating this request would do: the one place retry layers look it up.
    pub repeat: Repeat,
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
    /// The request method.
    pub fn http_method(&self) -> http::Method {
        http::Method::from_bytes(self.method.as_bytes()).unwrap_or(http::Method::GET)
    }

    /// Fills the placeholders in order with `params`, each escaped as one path segment.
    /// Refuses a wrong number of parameters and empty ones.
    pub fn path(&self, params: &[&str]) -> Result<String, LettaError> {
        let mut out = String::with_capacity(self.path.len() + 48);
        let mut rest = self.path;
        let mut given = params.iter();
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').map(|c| open + c).unwrap_or(rest.len() - 1);
            let name = &rest[open + 1..close];
            let value = given.next().ok_or_else(|| {
                LettaError::InvalidInput(format!("{}: missing the {name} parameter", self.id))
            })?;
            out.push_str(&rest[..open]);
            out.push_str(&crate::ids::segment(name, value)?);
            rest = &rest[close + 1..];
        }
        if given.next().is_some() {
            return Err(LettaError::InvalidInput(format!(
                "{}: too many path parameters",
                self.id
            )));
        }
        out.push_str(rest);
        Ok(out)
    }

    /// Whether a concrete request (`method`, `path` without query) is an instance of this operation.
    pub fn matches(&self, method: &str, path: &str) -> bool {
        if !self.method.eq_ignore_ascii_case(method) {
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
}

/// POST creates; every other method of this API is idempotent.
const fn repeat_of(method: &'static str) -> Repeat {
    match method.as_bytes() {
        b"POST" => Repeat::Unsafe,
        _ => Repeat::Idempotent,
    }
}

const fn op(id: &'static str, method: &'static str, path: &'static str) -> Operation {
    Operation {
        id,
        method,
        path,
        cloud_only: false,
        repeat: repeat_of(method),
    }
}

const fn cloud(id: &'static str, method: &'static str, path: &'static str) -> Operation {
    Operation {
        id,
        method,
        path,
        cloud_only: true,
        repeat: repeat_of(method),
    }
}

/// An operation that runs an agent step.
const fn turn(id: &'static str, method: &'static str, path: &'static str) -> Operation {
    Operation {
        id,
        method,
        path,
        cloud_only: false,
        repeat: Repeat::AgentTurn,
    }
}

/// Delete Org (`DELETE /v1/admin/orgs/`).
pub const DELETE_ORGANIZATION_BY_ID: Operation = op("delete_organization_by_id", "DELETE", "/v1/admin/orgs/");
/// Get All Orgs (`GET /v1/admin/orgs/`).
pub const LIST_ORGS: Operation = op("list_orgs", "GET", "/v1/admin/orgs/");
/// Update Org (`PATCH /v1/admin/orgs/`).
pub const UPDATE_ORGANIZATION: Operation = op("update_organization", "PATCH", "/v1/admin/orgs/");
/// Create Org (`POST /v1/admin/orgs/`).
pub const CREATE_ORGANIZATION: Operation = op("create_organization", "POST", "/v1/admin/orgs/");
/// Delete User (`DELETE /v1/admin/users/`).
pub const DELETE_USER: Operation = op("delete_user", "DELETE", "/v1/admin/users/");
/// List Users (`GET /v1/admin/users/`).
pub const LIST_USERS: Operation = op("list_users", "GET", "/v1/admin/users/");
/// Create User (`POST /v1/admin/users/`).
pub const CREATE_USER: Operation = op("create_user", "POST", "/v1/admin/users/");
/// Update User (`PUT /v1/admin/users/`).
pub const UPDATE_USER: Operation = op("update_user", "PUT", "/v1/admin/users/");
/// List Agents (`GET /v1/agents/`).
pub const LIST_AGENTS: Operation = op("list_agents", "GET", "/v1/agents/");
/// Create Agent (`POST /v1/agents/`).
pub const CREATE_AGENT: Operation = op("create_agent", "POST", "/v1/agents/");
/// Count Agents (`GET /v1/agents/count`).
pub const COUNT_AGENTS: Operation = op("count_agents", "GET", "/v1/agents/count");
/// Import Agent Serialized (`POST /v1/agents/import`).
pub const IMPORT_AGENT_SERIALIZED: Operation = op("import_agent_serialized", "POST", "/v1/agents/import");
/// Delete Agent (`DELETE /v1/agents/{agent_id}`).
pub const DELETE_AGENT: Operation = op("delete_agent", "DELETE", "/v1/agents/{agent_id}");
/// Retrieve Agent (`GET /v1/agents/{agent_id}`).
pub const RETRIEVE_AGENT: Operation = op("retrieve_agent", "GET", "/v1/agents/{agent_id}");
/// Modify Agent (`PATCH /v1/agents/{agent_id}`).
pub const MODIFY_AGENT: Operation = op("modify_agent", "PATCH", "/v1/agents/{agent_id}");
/// List Passages (`GET /v1/agents/{agent_id}/archival-memory`).
pub const LIST_PASSAGES: Operation = op("list_passages", "GET", "/v1/agents/{agent_id}/archival-memory");
/// Create Passage (`POST /v1/agents/{agent_id}/archival-memory`).
pub const CREATE_PASSAGE: Operation = op("create_passage", "POST", "/v1/agents/{agent_id}/archival-memory");
/// Delete Passage (`DELETE /v1/agents/{agent_id}/archival-memory/{memory_id}`).
pub const DELETE_PASSAGE: Operation = op(
    "delete_passage",
    "DELETE",
    "/v1/agents/{agent_id}/archival-memory/{memory_id}",
);
/// Modify Passage (`PATCH /v1/agents/{agent_id}/archival-memory/{memory_id}`).
pub const MODIFY_PASSAGE: Operation = op(
    "modify_passage",
    "PATCH",
    "/v1/agents/{agent_id}/archival-memory/{memory_id}",
);
/// Retrieve Agent Context Window (`GET /v1/agents/{agent_id}/context`).
pub const RETRIEVE_AGENT_CONTEXT_WINDOW: Operation = op(
    "retrieve_agent_context_window",
    "GET",
    "/v1/agents/{agent_id}/context",
);
/// Retrieve Agent Memory (`GET /v1/agents/{agent_id}/core-memory`).
pub const RETRIEVE_AGENT_MEMORY: Operation = op(
    "retrieve_agent_memory",
    "GET",
    "/v1/agents/{agent_id}/core-memory",
);
/// List Blocks (`GET /v1/agents/{agent_id}/core-memory/blocks`).
pub const LIST_CORE_MEMORY_BLOCKS: Operation = op(
    "list_core_memory_blocks",
    "GET",
    "/v1/agents/{agent_id}/core-memory/blocks",
);
/// Attach Block (`PATCH /v1/agents/{agent_id}/core-memory/blocks/attach/{block_id}`).
pub const ATTACH_CORE_MEMORY_BLOCK: Operation = op(
    "attach_core_memory_block",
    "PATCH",
    "/v1/agents/{agent_id}/core-memory/blocks/attach/{block_id}",
);
/// Detach Block (`PATCH /v1/agents/{agent_id}/core-memory/blocks/detach/{block_id}`).
pub const DETACH_CORE_MEMORY_BLOCK: Operation = op(
    "detach_core_memory_block",
    "PATCH",
    "/v1/agents/{agent_id}/core-memory/blocks/detach/{block_id}",
);
/// Retrieve Block (`GET /v1/agents/{agent_id}/core-memory/blocks/{block_label}`).
pub const RETRIEVE_CORE_MEMORY_BLOCK: Operation = op(
    "retrieve_core_memory_block",
    "GET",
    "/v1/agents/{agent_id}/core-memory/blocks/{block_label}",
);
/// Modify Block (`PATCH /v1/agents/{agent_id}/core-memory/blocks/{block_label}`).
pub const MODIFY_CORE_MEMORY_BLOCK: Operation = op(
    "modify_core_memory_block",
    "PATCH",
    "/v1/agents/{agent_id}/core-memory/blocks/{block_label}",
);
/// Export Agent Serialized (`GET /v1/agents/{agent_id}/export`).
pub const EXPORT_AGENT_SERIALIZED: Operation =
    op("export_agent_serialized", "GET", "/v1/agents/{agent_id}/export");
/// List Agent Groups (`GET /v1/agents/{agent_id}/groups`).
pub const LIST_AGENT_GROUPS: Operation = op("list_agent_groups", "GET", "/v1/agents/{agent_id}/groups");
/// List Messages (`GET /v1/agents/{agent_id}/messages`).
pub const LIST_MESSAGES: Operation = op("list_messages", "GET", "/v1/agents/{agent_id}/messages");
/// Send Message (`POST /v1/agents/{agent_id}/messages`).
pub const SEND_MESSAGE: Operation = turn("send_message", "POST", "/v1/agents/{agent_id}/messages");
/// Send Message Async (`POST /v1/agents/{agent_id}/messages/async`).
pub const CREATE_AGENT_MESSAGE_ASYNC: Operation = turn(
    "create_agent_message_async",
    "POST",
    "/v1/agents/{agent_id}/messages/async",
);
/// Send Message Streaming (`POST /v1/agents/{agent_id}/messages/stream`).
pub const CREATE_AGENT_MESSAGE_STREAM: Operation = turn(
    "create_agent_message_stream",
    "POST",
    "/v1/agents/{agent_id}/messages/stream",
);
/// Modify Message (`PATCH /v1/agents/{agent_id}/messages/{message_id}`).
pub const MODIFY_MESSAGE: Operation = op(
    "modify_message",
    "PATCH",
    "/v1/agents/{agent_id}/messages/{message_id}",
);
/// Reset Messages (`PATCH /v1/agents/{agent_id}/reset-messages`).
pub const RESET_MESSAGES: Operation = op("reset_messages", "PATCH", "/v1/agents/{agent_id}/reset-messages");
/// List Agent Sources (`GET /v1/agents/{agent_id}/sources`).
pub const LIST_AGENT_SOURCES: Operation = op("list_agent_sources", "GET", "/v1/agents/{agent_id}/sources");
/// Attach Source (`PATCH /v1/agents/{agent_id}/sources/attach/{source_id}`).
pub const ATTACH_SOURCE_TO_AGENT: Operation = op(
    "attach_source_to_agent",
    "PATCH",
    "/v1/agents/{agent_id}/sources/attach/{source_id}",
);
/// Detach Source (`PATCH /v1/agents/{agent_id}/sources/detach/{source_id}`).
pub const DETACH_SOURCE_FROM_AGENT: Operation = op(
    "detach_source_from_agent",
    "PATCH",
    "/v1/agents/{agent_id}/sources/detach/{source_id}",
);
/// List Agent Tools (`GET /v1/agents/{agent_id}/tools`).
pub const LIST_AGENT_TOOLS: Operation = op("list_agent_tools", "GET", "/v1/agents/{agent_id}/tools");
/// Attach Tool (`PATCH /v1/agents/{agent_id}/tools/attach/{tool_id}`).
pub const ATTACH_TOOL: Operation = op(
    "attach_tool",
    "PATCH",
    "/v1/agents/{agent_id}/tools/attach/{tool_id}",
);
/// Detach Tool (`PATCH /v1/agents/{agent_id}/tools/detach/{tool_id}`).
pub const DETACH_TOOL: Operation = op(
    "detach_tool",
    "PATCH",
    "/v1/agents/{agent_id}/tools/detach/{tool_id}",
);
/// Authenticate User (`POST /v1/auth`).
pub const AUTHENTICATE_USER: Operation = op("authenticate_user_v1_auth_post", "POST", "/v1/auth");
/// List Blocks (`GET /v1/blocks/`).
pub const LIST_BLOCKS: Operation = op("list_blocks", "GET", "/v1/blocks/");
/// Create Block (`POST /v1/blocks/`).
pub const CREATE_BLOCK: Operation = op("create_block", "POST", "/v1/blocks/");
/// Count Blocks (`GET /v1/blocks/count`).
pub const COUNT_BLOCKS: Operation = op("count_blocks", "GET", "/v1/blocks/count");
/// Delete Block (`DELETE /v1/blocks/{block_id}`).
pub const DELETE_BLOCK: Operation = op("delete_block", "DELETE", "/v1/blocks/{block_id}");
/// Retrieve Block (`GET /v1/blocks/{block_id}`).
pub const RETRIEVE_BLOCK: Operation = op("retrieve_block", "GET", "/v1/blocks/{block_id}");
/// Modify Block (`PATCH /v1/blocks/{block_id}`).
pub const MODIFY_BLOCK: Operation = op("modify_block", "PATCH", "/v1/blocks/{block_id}");
/// List Agents For Block (`GET /v1/blocks/{block_id}/agents`).
pub const LIST_AGENTS_FOR_BLOCK: Operation =
    op("list_agents_for_block", "GET", "/v1/blocks/{block_id}/agents");
/// Get Embeddings Total Storage Size (`GET /v1/embeddings/total_storage_size`).
pub const GET_TOTAL_STORAGE_SIZE: Operation = op(
    "get_total_storage_size",
    "GET",
    "/v1/embeddings/total_storage_size",
);
/// List Groups (`GET /v1/groups/`).
pub const LIST_GROUPS: Operation = op("list_groups", "GET", "/v1/groups/");
/// Create Group (`POST /v1/groups/`).
pub const CREATE_GROUP: Operation = op("create_group", "POST", "/v1/groups/");
/// Count Groups (`GET /v1/groups/count`).
pub const COUNT_GROUPS: Operation = op("count_groups", "GET", "/v1/groups/count");
/// Delete Group (`DELETE /v1/groups/{group_id}`).
pub const DELETE_GROUP: Operation = op("delete_group", "DELETE", "/v1/groups/{group_id}");
/// Retrieve Group (`GET /v1/groups/{group_id}`).
pub const RETRIEVE_GROUP: Operation = op("retrieve_group", "GET", "/v1/groups/{group_id}");
/// Modify Group (`PATCH /v1/groups/{group_id}`).
pub const MODIFY_GROUP: Operation = op("modify_group", "PATCH", "/v1/groups/{group_id}");
/// List Group Messages (`GET /v1/groups/{group_id}/messages`).
pub const LIST_GROUP_MESSAGES: Operation = op("list_group_messages", "GET", "/v1/groups/{group_id}/messages");
/// Send Group Message (`POST /v1/groups/{group_id}/messages`).
pub const SEND_GROUP_MESSAGE: Operation =
    turn("send_group_message", "POST", "/v1/groups/{group_id}/messages");
/// Send Group Message Streaming (`POST /v1/groups/{group_id}/messages/stream`).
pub const SEND_GROUP_MESSAGE_STREAMING: Operation = turn(
    "send_group_message_streaming",
    "POST",
    "/v1/groups/{group_id}/messages/stream",
);
/// Modify Group Message (`PATCH /v1/groups/{group_id}/messages/{message_id}`).
pub const MODIFY_GROUP_MESSAGE: Operation = op(
    "modify_group_message",
    "PATCH",
    "/v1/groups/{group_id}/messages/{message_id}",
);
/// Reset Group Messages (`PATCH /v1/groups/{group_id}/reset-messages`).
pub const RESET_GROUP_MESSAGES: Operation = op(
    "reset_group_messages",
    "PATCH",
    "/v1/groups/{group_id}/reset-messages",
);
/// Health Check (`GET /v1/health/`).
pub const HEALTH_CHECK: Operation = op("health_check", "GET", "/v1/health/");
/// List Identities (`GET /v1/identities/`).
pub const LIST_IDENTITIES: Operation = op("list_identities", "GET", "/v1/identities/");
/// Create Identity (`POST /v1/identities/`).
pub const CREATE_IDENTITY: Operation = op("create_identity", "POST", "/v1/identities/");
/// Upsert Identity (`PUT /v1/identities/`).
pub const UPSERT_IDENTITY: Operation = op("upsert_identity", "PUT", "/v1/identities/");
/// Count Identities (`GET /v1/identities/count`).
pub const COUNT_IDENTITIES: Operation = op("count_identities", "GET", "/v1/identities/count");
/// Delete Identity (`DELETE /v1/identities/{identity_id}`).
pub const DELETE_IDENTITY: Operation = op("delete_identity", "DELETE", "/v1/identities/{identity_id}");
/// Retrieve Identity (`GET /v1/identities/{identity_id}`).
pub const RETRIEVE_IDENTITY: Operation = op("retrieve_identity", "GET", "/v1/identities/{identity_id}");
/// Modify Identity (`PATCH /v1/identities/{identity_id}`).
pub const UPDATE_IDENTITY: Operation = op("update_identity", "PATCH", "/v1/identities/{identity_id}");
/// Upsert Identity Properties (`PUT /v1/identities/{identity_id}/properties`).
pub const UPSERT_IDENTITY_PROPERTIES: Operation = op(
    "upsert_identity_properties",
    "PUT",
    "/v1/identities/{identity_id}/properties",
);
/// List Jobs (`GET /v1/jobs/`).
pub const LIST_JOBS: Operation = op("list_jobs", "GET", "/v1/jobs/");
/// List Active Jobs (`GET /v1/jobs/active`).
pub const LIST_ACTIVE_JOBS: Operation = op("list_active_jobs", "GET", "/v1/jobs/active");
/// Delete Job (`DELETE /v1/jobs/{job_id}`).
pub const DELETE_JOB: Operation = op("delete_job", "DELETE", "/v1/jobs/{job_id}");
/// Retrieve Job (`GET /v1/jobs/{job_id}`).
pub const RETRIEVE_JOB: Operation = op("retrieve_job", "GET", "/v1/jobs/{job_id}");
/// List Batch Runs (`GET /v1/messages/batches`).
pub const LIST_BATCH_RUNS: Operation = op("list_batch_runs", "GET", "/v1/messages/batches");
/// Create Messages Batch (`POST /v1/messages/batches`).
pub const CREATE_MESSAGES_BATCH: Operation = turn("create_messages_batch", "POST", "/v1/messages/batches");
/// Retrieve Batch Run (`GET /v1/messages/batches/{batch_id}`).
pub const RETRIEVE_BATCH_RUN: Operation = op("retrieve_batch_run", "GET", "/v1/messages/batches/{batch_id}");
/// Cancel Batch Run (`PATCH /v1/messages/batches/{batch_id}/cancel`).
pub const CANCEL_BATCH_RUN: Operation = op(
    "cancel_batch_run",
    "PATCH",
    "/v1/messages/batches/{batch_id}/cancel",
);
/// List Batch Messages (`GET /v1/messages/batches/{batch_id}/messages`).
pub const LIST_BATCH_MESSAGES: Operation = op(
    "list_batch_messages",
    "GET",
    "/v1/messages/batches/{batch_id}/messages",
);
/// List Llm Models (`GET /v1/models/`).
pub const LIST_MODELS: Operation = op("list_models", "GET", "/v1/models/");
/// List Embedding Models (`GET /v1/models/embedding`).
pub const LIST_EMBEDDING_MODELS: Operation = op("list_embedding_models", "GET", "/v1/models/embedding");
/// List Providers (`GET /v1/providers/`).
pub const LIST_PROVIDERS: Operation = op("list_providers", "GET", "/v1/providers/");
/// Create Provider (`POST /v1/providers/`).
pub const CREATE_PROVIDER: Operation = op("create_provider", "POST", "/v1/providers/");
/// Check Provider (`GET /v1/providers/check`).
pub const CHECK_PROVIDER: Operation = op("check_provider", "GET", "/v1/providers/check");
/// Delete Provider (`DELETE /v1/providers/{provider_id}`).
pub const DELETE_PROVIDER: Operation = op("delete_provider", "DELETE", "/v1/providers/{provider_id}");
/// Modify Provider (`PATCH /v1/providers/{provider_id}`).
pub const MODIFY_PROVIDER: Operation = op("modify_provider", "PATCH", "/v1/providers/{provider_id}");
/// List Runs (`GET /v1/runs/`).
pub const LIST_RUNS: Operation = op("list_runs", "GET", "/v1/runs/");
/// List Active Runs (`GET /v1/runs/active`).
pub const LIST_ACTIVE_RUNS: Operation = op("list_active_runs", "GET", "/v1/runs/active");
/// Delete Run (`DELETE /v1/runs/{run_id}`).
pub const DELETE_RUN: Operation = op("delete_run", "DELETE", "/v1/runs/{run_id}");
/// Retrieve Run (`GET /v1/runs/{run_id}`).
pub const RETRIEVE_RUN: Operation = op("retrieve_run", "GET", "/v1/runs/{run_id}");
/// List Run Messages (`GET /v1/runs/{run_id}/messages`).
pub const LIST_RUN_MESSAGES: Operation = op("list_run_messages", "GET", "/v1/runs/{run_id}/messages");
/// List Run Steps (`GET /v1/runs/{run_id}/steps`).
pub const LIST_RUN_STEPS: Operation = op("list_run_steps", "GET", "/v1/runs/{run_id}/steps");
/// Retrieve Run Usage (`GET /v1/runs/{run_id}/usage`).
pub const RETRIEVE_RUN_USAGE: Operation = op("retrieve_run_usage", "GET", "/v1/runs/{run_id}/usage");
/// List Sandbox Configs (`GET /v1/sandbox-config/`).
pub const LIST_SANDBOX_CONFIGS: Operation = op(
    "list_sandbox_configs_v1_sandbox_config__get",
    "GET",
    "/v1/sandbox-config/",
);
/// Create Sandbox Config (`POST /v1/sandbox-config/`).
pub const CREATE_SANDBOX_CONFIG: Operation = op(
    "create_sandbox_config_v1_sandbox_config__post",
    "POST",
    "/v1/sandbox-config/",
);
/// Create Default E2B Sandbox Config (`POST /v1/sandbox-config/e2b/default`).
pub const CREATE_DEFAULT_E2B_SANDBOX_CONFIG: Operation = op(
    "create_default_e2b_sandbox_config_v1_sandbox_config_e2b_default_post",
    "POST",
    "/v1/sandbox-config/e2b/default",
);
/// Delete Sandbox Env Var (`DELETE /v1/sandbox-config/environment-variable/{env_var_id}`).
pub const DELETE_SANDBOX_ENV_VAR: Operation = op(
    "delete_sandbox_env_var_v1_sandbox_config_environment_variable__env_var_id__delete",
    "DELETE",
    "/v1/sandbox-config/environment-variable/{env_var_id}",
);
/// Update Sandbox Env Var (`PATCH /v1/sandbox-config/environment-variable/{env_var_id}`).
pub const UPDATE_SANDBOX_ENV_VAR: Operation = op(
    "update_sandbox_env_var_v1_sandbox_config_environment_variable__env_var_id__patch",
    "PATCH",
    "/v1/sandbox-config/environment-variable/{env_var_id}",
);
/// Create Custom Local Sandbox Config (`POST /v1/sandbox-config/local`).
pub const CREATE_CUSTOM_LOCAL_SANDBOX_CONFIG: Operation = op(
    "create_custom_local_sandbox_config_v1_sandbox_config_local_post",
    "POST",
    "/v1/sandbox-config/local",
);
/// Create Default Local Sandbox Config (`POST /v1/sandbox-config/local/default`).
pub const CREATE_DEFAULT_LOCAL_SANDBOX_CONFIG: Operation = op(
    "create_default_local_sandbox_config_v1_sandbox_config_local_default_post",
    "POST",
    "/v1/sandbox-config/local/default",
);
/// Force Recreate Local Sandbox Venv (`POST /v1/sandbox-config/local/recreate-venv`).
pub const FORCE_RECREATE_LOCAL_SANDBOX_VENV: Operation = op(
    "force_recreate_local_sandbox_venv_v1_sandbox_config_local_recreate_venv_post",
    "POST",
    "/v1/sandbox-config/local/recreate-venv",
);
/// Delete Sandbox Config (`DELETE /v1/sandbox-config/{sandbox_config_id}`).
pub const DELETE_SANDBOX_CONFIG: Operation = op(
    "delete_sandbox_config_v1_sandbox_config__sandbox_config_id__delete",
    "DELETE",
    "/v1/sandbox-config/{sandbox_config_id}",
);
/// Update Sandbox Config (`PATCH /v1/sandbox-config/{sandbox_config_id}`).
pub const UPDATE_SANDBOX_CONFIG: Operation = op(
    "update_sandbox_config_v1_sandbox_config__sandbox_config_id__patch",
    "PATCH",
    "/v1/sandbox-config/{sandbox_config_id}",
);
/// List Sandbox Env Vars (`GET /v1/sandbox-config/{sandbox_config_id}/environment-variable`).
pub const LIST_SANDBOX_ENV_VARS: Operation = op(
    "list_sandbox_env_vars_v1_sandbox_config__sandbox_config_id__environment_variable_get",
    "GET",
    "/v1/sandbox-config/{sandbox_config_id}/environment-variable",
);
/// Create Sandbox Env Var (`POST /v1/sandbox-config/{sandbox_config_id}/environment-variable`).
pub const CREATE_SANDBOX_ENV_VAR: Operation = op(
    "create_sandbox_env_var_v1_sandbox_config__sandbox_config_id__environment_variable_post",
    "POST",
    "/v1/sandbox-config/{sandbox_config_id}/environment-variable",
);
/// List Sources (`GET /v1/sources/`).
pub const LIST_SOURCES: Operation = op("list_sources", "GET", "/v1/sources/");
/// Create Source (`POST /v1/sources/`).
pub const CREATE_SOURCE: Operation = op("create_source", "POST", "/v1/sources/");
/// Count Sources (`GET /v1/sources/count`).
pub const COUNT_SOURCES: Operation = op("count_sources", "GET", "/v1/sources/count");
/// Get Source Id By Name (`GET /v1/sources/name/{source_name}`).
pub const GET_SOURCE_ID_BY_NAME: Operation =
    op("get_source_id_by_name", "GET", "/v1/sources/name/{source_name}");
/// Delete Source (`DELETE /v1/sources/{source_id}`).
pub const DELETE_SOURCE: Operation = op("delete_source", "DELETE", "/v1/sources/{source_id}");
/// Retrieve Source (`GET /v1/sources/{source_id}`).
pub const RETRIEVE_SOURCE: Operation = op("retrieve_source", "GET", "/v1/sources/{source_id}");
/// Modify Source (`PATCH /v1/sources/{source_id}`).
pub const MODIFY_SOURCE: Operation = op("modify_source", "PATCH", "/v1/sources/{source_id}");
/// List Source Files (`GET /v1/sources/{source_id}/files`).
pub const LIST_SOURCE_FILES: Operation = op("list_source_files", "GET", "/v1/sources/{source_id}/files");
/// List Source Passages (`GET /v1/sources/{source_id}/passages`).
pub const LIST_SOURCE_PASSAGES: Operation =
    op("list_source_passages", "GET", "/v1/sources/{source_id}/passages");
/// Upload File To Source (`POST /v1/sources/{source_id}/upload`).
pub const UPLOAD_FILE_TO_SOURCE: Operation =
    op("upload_file_to_source", "POST", "/v1/sources/{source_id}/upload");
/// Delete File From Source (`DELETE /v1/sources/{source_id}/{file_id}`).
pub const DELETE_FILE_FROM_SOURCE: Operation = op(
    "delete_file_from_source",
    "DELETE",
    "/v1/sources/{source_id}/{file_id}",
);
/// List Steps (`GET /v1/steps/`).
pub const LIST_STEPS: Operation = op("list_steps", "GET", "/v1/steps/");
/// Retrieve Step (`GET /v1/steps/{step_id}`).
pub const RETRIEVE_STEP: Operation = op("retrieve_step", "GET", "/v1/steps/{step_id}");
/// Update Step Transaction Id (`PATCH /v1/steps/{step_id}/transaction/{transaction_id}`).
pub const UPDATE_STEP_TRANSACTION_ID: Operation = op(
    "update_step_transaction_id",
    "PATCH",
    "/v1/steps/{step_id}/transaction/{transaction_id}",
);
/// List Tags (`GET /v1/tags/`).
pub const LIST_TAGS: Operation = op("list_tags", "GET", "/v1/tags/");
/// Retrieve Provider Trace By Step Id (`GET /v1/telemetry/{step_id}`).
pub const RETRIEVE_PROVIDER_TRACE: Operation =
    op("retrieve_provider_trace", "GET", "/v1/telemetry/{step_id}");
/// List Tools (`GET /v1/tools/`).
pub const LIST_TOOLS: Operation = op("list_tools", "GET", "/v1/tools/");
/// Create Tool (`POST /v1/tools/`).
pub const CREATE_TOOL: Operation = op("create_tool", "POST", "/v1/tools/");
/// Upsert Tool (`PUT /v1/tools/`).
pub const UPSERT_TOOL: Operation = op("upsert_tool", "PUT", "/v1/tools/");
/// Upsert Base Tools (`POST /v1/tools/add-base-tools`).
pub const ADD_BASE_TOOLS: Operation = op("add_base_tools", "POST", "/v1/tools/add-base-tools");
/// List Composio Apps (`GET /v1/tools/composio/apps`).
pub const LIST_COMPOSIO_APPS: Operation = op("list_composio_apps", "GET", "/v1/tools/composio/apps");
/// List Composio Actions By App (`GET /v1/tools/composio/apps/{composio_app_name}/actions`).
pub const LIST_COMPOSIO_ACTIONS_BY_APP: Operation = op(
    "list_composio_actions_by_app",
    "GET",
    "/v1/tools/composio/apps/{composio_app_name}/actions",
);
/// Add Composio Tool (`POST /v1/tools/composio/{composio_action_name}`).
pub const ADD_COMPOSIO_TOOL: Operation = op(
    "add_composio_tool",
    "POST",
    "/v1/tools/composio/{composio_action_name}",
);
/// Count Tools (`GET /v1/tools/count`).
pub const COUNT_TOOLS: Operation = op("count_tools", "GET", "/v1/tools/count");
/// List Mcp Servers (`GET /v1/tools/mcp/servers`).
pub const LIST_MCP_SERVERS: Operation = op("list_mcp_servers", "GET", "/v1/tools/mcp/servers");
/// Add Mcp Server To Config (`PUT /v1/tools/mcp/servers`).
pub const ADD_MCP_SERVER: Operation = op("add_mcp_server", "PUT", "/v1/tools/mcp/servers");
/// Delete Mcp Server From Config (`DELETE /v1/tools/mcp/servers/{mcp_server_name}`).
pub const DELETE_MCP_SERVER: Operation = op(
    "delete_mcp_server",
    "DELETE",
    "/v1/tools/mcp/servers/{mcp_server_name}",
);
/// List Mcp Tools By Server (`GET /v1/tools/mcp/servers/{mcp_server_name}/tools`).
pub const LIST_MCP_TOOLS_BY_SERVER: Operation = op(
    "list_mcp_tools_by_server",
    "GET",
    "/v1/tools/mcp/servers/{mcp_server_name}/tools",
);
/// Add Mcp Tool (`POST /v1/tools/mcp/servers/{mcp_server_name}/{mcp_tool_name}`).
pub const ADD_MCP_TOOL: Operation = op(
    "add_mcp_tool",
    "POST",
    "/v1/tools/mcp/servers/{mcp_server_name}/{mcp_tool_name}",
);
/// Run Tool From Source (`POST /v1/tools/run`).
pub const RUN_TOOL_FROM_SOURCE: Operation = op("run_tool_from_source", "POST", "/v1/tools/run");
/// Delete Tool (`DELETE /v1/tools/{tool_id}`).
pub const DELETE_TOOL: Operation = op("delete_tool", "DELETE", "/v1/tools/{tool_id}");
/// Retrieve Tool (`GET /v1/tools/{tool_id}`).
pub const RETRIEVE_TOOL: Operation = op("retrieve_tool", "GET", "/v1/tools/{tool_id}");
/// Modify Tool (`PATCH /v1/tools/{tool_id}`).
pub const MODIFY_TOOL: Operation = op("modify_tool", "PATCH", "/v1/tools/{tool_id}");
/// Create Voice Chat Completions (`POST /v1/voice-beta/{agent_id}/chat/completions`).
pub const CREATE_VOICE_CHAT_COMPLETIONS: Operation = turn(
    "create_voice_chat_completions",
    "POST",
    "/v1/voice-beta/{agent_id}/chat/completions",
);
/// Search deployed agents (Letta Cloud) (`POST /v1/agents/search`).
pub const SEARCH_AGENTS: Operation = cloud("search_agents", "POST", "/v1/agents/search");
/// Create a template from an agent (Letta Cloud) (`POST /v1/agents/{agent_id}/template`).
pub const CREATE_AGENT_TEMPLATE: Operation =
    cloud("create_agent_template", "POST", "/v1/agents/{agent_id}/template");
/// Create a new version of an agent template (Letta Cloud) (`POST /v1/agents/{agent_id}/version-template`).
pub const CREATE_AGENT_TEMPLATE_VERSION: Operation = cloud(
    "create_agent_template_version",
    "POST",
    "/v1/agents/{agent_id}/version-template",
);
/// Migrate an agent to a new versioned agent template (Letta Cloud) (`POST /v1/agents/{agent_id}/migrate`).
pub const MIGRATE_AGENT: Operation = cloud("migrate_agent", "POST", "/v1/agents/{agent_id}/migrate");
/// List the memory variables of an agent (Letta Cloud) (`GET /v1/agents/{agent_id}/core-memory/variables`).
pub const LIST_MEMORY_VARIABLES: Operation = cloud(
    "list_memory_variables",
    "GET",
    "/v1/agents/{agent_id}/core-memory/variables",
);

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
        assert_eq!(RETRIEVE_AGENT.path(&["agent-1"]).unwrap(), "/v1/agents/agent-1");
        assert_eq!(
            DETACH_CORE_MEMORY_BLOCK.path(&["a", "b/c"]).unwrap(),
            "/v1/agents/a/core-memory/blocks/detach/b%2Fc"
        );
        assert!(RETRIEVE_AGENT.path(&[]).is_err());
        assert!(RETRIEVE_AGENT.path(&["a", "b"]).is_err());
        assert!(RETRIEVE_AGENT.path(&[""]).is_err());
        assert_eq!(LIST_AGENTS.path(&[]).unwrap(), "/v1/agents/");
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
