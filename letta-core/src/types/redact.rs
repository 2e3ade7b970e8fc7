//! `Debug` output that names a secret but never shows its value.
//!
//! Every type that holds a secret (a provider's API key, a sandbox's or an agent's tool
//! environment variables, where the tool host's secret lives, an MCP server's environment, a
//! password) is listed at the end of this file; its `Debug` prints each secret as
//! `"<redacted>"`, and a map of secrets with its keys and `"<redacted>"` values. The values
//! stay in the fields, for serialization and for code that reads them.
//!
//! The implementations destructure the whole struct, so a field added later fails to compile
//! here until it is listed (and marked `[redacted]` if it is a secret).

use std::collections::BTreeMap;
use std::fmt;

use super::{
    AgentCreate, AgentEnvironmentVariable, AgentUpdate, AppAuthScheme, AuthRequest, McpServer, Provider,
    ProviderCreate, ProviderUpdate, RemoteServerConfig, RemoteTransport, RemoteTransportUpdate,
    SandboxEnvironmentVariable, SandboxEnvironmentVariableCreate, SandboxEnvironmentVariableUpdate,
    SseConfigUpdate, StdioServerConfig, StdioTransport, StdioTransportUpdate, StreamableHttpConfigUpdate,
    ToolRunFromSource,
};

/// What `Debug` prints in place of a secret value.
const REDACTED: &str = "<redacted>";

/// A secret as `Debug` shows it: `"<redacted>"`, `Some("<redacted>")` / `None` for an optional
/// one, and `{"KEY": "<redacted>", ..}` for a map of them.
struct Redacted<'a, T: ?Sized>(&'a T);

impl fmt::Debug for Redacted<'_, String> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(REDACTED, f)
    }
}

impl fmt::Debug for Redacted<'_, BTreeMap<String, String>> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.0.keys().map(|k| (k, REDACTED)))
            .finish()
    }
}

impl<'a, T> fmt::Debug for Redacted<'a, Option<T>>
where
    Redacted<'a, T>: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.as_ref().map(Redacted).fmt(f)
    }
}

/// One field's `Debug` value: as it is, or through [`Redacted`] when marked `[redacted]`.
macro_rules! field_value {
    ($field:ident) => {
        $field
    };
    ($field:ident [redacted]) => {
        &Redacted($field)
    };
}

/// Implements `Debug` for a struct with every field listed in order, the secret ones marked
/// `[redacted]`.
macro_rules! redacted_debug {
    ($($ty:ident { $($field:ident $([$redacted:ident])?),+ $(,)? })+) => {$(
        impl fmt::Debug for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let $ty { $($field),+ } = self;
                f.debug_struct(stringify!($ty))
                    $(.field(stringify!($field), field_value!($field $([$redacted])?)))+
                    .finish()
            }
        }
    )+};
}

redacted_debug! {
    AgentEnvironmentVariable {
        id, key, value [redacted], description, agent_id, created_at, updated_at, organization_id,
        created_by_id, last_updated_by_id, value_enc [redacted],
    }
    AgentCreate {
        name, memory_blocks, block_ids, tools, tool_ids, source_ids, tool_rules, tags, system,
        agent_type, llm_config, embedding_config, model, embedding, context_window_limit,
        embedding_chunk_size, max_tokens, max_reasoning_tokens, enable_reasoner,
        initial_message_sequence, include_base_tools, include_multi_agent_tools,
        include_base_tool_rules, description, metadata,
        tool_exec_environment_variables [redacted], identity_ids, message_buffer_autoclear,
        enable_sleeptime, response_format, project, project_id, template_id, base_template_id,
        template, from_template, memory_variables, actor_id,
    }
    AgentUpdate {
        name, description, system, tags, tool_ids, source_ids, block_ids, tool_rules, message_ids,
        llm_config, embedding_config, model, embedding, metadata,
        tool_exec_environment_variables [redacted], identity_ids, message_buffer_autoclear,
        enable_sleeptime, response_format, project_id, template_id, base_template_id,
    }
    ToolRunFromSource {
        source_code, args, env_vars [redacted], name, source_type, json_schema, args_json_schema,
    }
    StdioServerConfig { server_name, command, args, env [redacted] }
    RemoteServerConfig {
        server_name, server_url, auth_header, auth_token [redacted], custom_headers [redacted],
    }
    McpServer {
        id, server_name, mcp_server_type, command, args, env [redacted], server_url, auth_header,
        auth_token [redacted], custom_headers [redacted],
    }
    StdioTransport { command, args, env [redacted] }
    RemoteTransport { server_url, auth_header, auth_token [redacted], custom_headers [redacted] }
    StdioTransportUpdate { command, args, env [redacted] }
    RemoteTransportUpdate {
        server_url, auth_header, auth_token [redacted], custom_headers [redacted],
    }
    StreamableHttpConfigUpdate {
        server_name, server_url, auth_header, auth_token [redacted], custom_headers [redacted],
    }
    SseConfigUpdate { server_name, server_url, token [redacted], custom_headers [redacted] }
    SandboxEnvironmentVariable {
        id, key, value [redacted], description, sandbox_config_id, organization_id, created_by_id,
        last_updated_by_id, created_at, updated_at, value_enc [redacted],
    }
    SandboxEnvironmentVariableCreate { key, value [redacted], description }
    SandboxEnvironmentVariableUpdate { key, value [redacted], description }
    Provider {
        id, name, provider_type, provider_category, api_key [redacted], base_url, organization_id,
        updated_at, access_key [redacted], region, api_version, last_synced,
        api_key_enc [redacted], access_key_enc [redacted],
    }
    ProviderCreate { name, provider_type, api_key [redacted], base_url }
    ProviderUpdate { api_key [redacted] }
    AuthRequest { password [redacted] }
    AppAuthScheme {
        scheme_name, auth_mode, fields, proxy, authorization_url, token_url, default_scopes,
        token_response_metadata, client_id, client_secret [redacted],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "s3cret-value-9f2c";

    fn env() -> BTreeMap<String, String> {
        BTreeMap::from([("LETTA_RS_TOOL_SECRET".to_owned(), SECRET.to_owned())])
    }

    /// The Debug output names the key and hides the value.
    fn assert_redacted(debug: String, key: &str) {
        assert!(!debug.contains(SECRET), "the value leaks: {debug}");
        assert!(debug.contains(key), "the key is missing: {debug}");
        assert!(debug.contains(REDACTED), "{debug}");
    }

    fn agent_variable() -> AgentEnvironmentVariable {
        serde_json::from_value(serde_json::json!({
            "key": "LETTA_RS_TOOL_SECRET", "value": SECRET, "agent_id": "agent-1"
        }))
        .unwrap()
    }

    #[test]
    fn tool_environment_values_never_print() {
        let create = AgentCreate::builder()
            .name("helper")
            .tool_exec_environment_variables(env())
            .build();
        let debug = format!("{create:?}");
        assert_redacted(debug.clone(), "LETTA_RS_TOOL_SECRET");
        assert!(
            debug
                .contains(r#"tool_exec_environment_variables: Some({"LETTA_RS_TOOL_SECRET": "<redacted>"})"#),
            "{debug}"
        );
        assert!(debug.contains(r#"name: Some("helper")"#), "{debug}");
        assert_redacted(format!("{create:#?}"), "LETTA_RS_TOOL_SECRET");
        // The value stays for serialization.
        let json = serde_json::to_value(&create).unwrap();
        assert_eq!(
            json["tool_exec_environment_variables"]["LETTA_RS_TOOL_SECRET"],
            SECRET
        );

        let update = AgentUpdate {
            tool_exec_environment_variables: Some(env()),
            ..Default::default()
        };
        assert_redacted(format!("{update:?}"), "LETTA_RS_TOOL_SECRET");

        let variable = agent_variable();
        assert_redacted(format!("{variable:?}"), "LETTA_RS_TOOL_SECRET");
        assert_eq!(variable.value, SECRET);

        let run = ToolRunFromSource {
            env_vars: Some(env()),
            ..Default::default()
        };
        assert_redacted(format!("{run:?}"), "LETTA_RS_TOOL_SECRET");

        let stdio = StdioServerConfig {
            server_name: "mcp".into(),
            command: "run".into(),
            args: Vec::new(),
            env: Some(env()),
        };
        assert_redacted(format!("{stdio:?}"), "LETTA_RS_TOOL_SECRET");
        assert_redacted(
            format!("{:?}", super::super::McpServerConfig::Stdio(stdio)),
            "LETTA_RS_TOOL_SECRET",
        );
    }

    #[test]
    fn mcp_tokens_and_headers_never_print() {
        let headers = || Some(BTreeMap::from([("X-Api-Key".to_owned(), SECRET.to_owned())]));
        let mut remote = RemoteServerConfig::new("calc", "http://h/sse").with_auth("Authorization", SECRET);
        remote.custom_headers = headers();
        let config = super::super::McpServerConfig::StreamableHttp(remote);
        assert_redacted(format!("{config:?}"), "X-Api-Key");
        assert!(format!("{config:?}").contains("Authorization"));
        let server: McpServer = serde_json::from_value(serde_json::json!({
            "id": "mcp_server-1", "server_name": "calc", "mcp_server_type": "sse",
            "server_url": "http://h/sse", "auth_header": "Authorization", "auth_token": SECRET,
            "custom_headers": {"X-Api-Key": SECRET}, "env": {"X-Api-Key": SECRET}
        }))
        .unwrap();
        assert_eq!(server.auth_token.as_deref(), Some(SECRET));
        assert_redacted(format!("{server:#?}"), "X-Api-Key");
        let mut transport = RemoteTransport::new("http://h").with_auth("Authorization", SECRET);
        transport.custom_headers = headers();
        let create = super::super::McpServerCreate::new("calc", super::super::McpTransport::Sse(transport));
        assert_redacted(format!("{create:?}"), "X-Api-Key");
        let update = RemoteTransportUpdate {
            auth_token: Some(SECRET.into()),
            custom_headers: headers(),
            ..Default::default()
        };
        assert_redacted(format!("{update:?}"), "X-Api-Key");
        let stdio = StdioTransportUpdate {
            env: headers(),
            ..Default::default()
        };
        assert_redacted(format!("{stdio:?}"), "X-Api-Key");
        let by_name = SseConfigUpdate {
            token: Some(SECRET.into()),
            custom_headers: headers(),
            ..Default::default()
        };
        assert_redacted(format!("{by_name:?}"), "X-Api-Key");
        let http = StreamableHttpConfigUpdate {
            auth_token: Some(SECRET.into()),
            custom_headers: headers(),
            ..Default::default()
        };
        assert_redacted(format!("{http:?}"), "X-Api-Key");
        let process = StdioTransport {
            command: "run".into(),
            args: Vec::new(),
            env: headers(),
        };
        assert_redacted(format!("{process:?}"), "X-Api-Key");
        let unknown: super::super::McpServerConfig = serde_json::from_value(
            serde_json::json!({"server_name": "w", "type": "websocket", "password": SECRET}),
        )
        .unwrap();
        assert!(!format!("{unknown:?}").contains(SECRET), "{unknown:?}");
    }

    #[test]
    fn an_agent_states_variables_never_print() {
        let state: super::super::AgentState = serde_json::from_value(serde_json::json!({
            "id": "agent-1", "name": "helper", "agent_type": "memgpt_agent",
            "llm_config": {"model": "m", "model_endpoint_type": "openai", "context_window": 8192},
            "embedding_config": {"embedding_endpoint_type": "openai", "embedding_model": "e",
                                  "embedding_dim": 8},
            "memory": {"blocks": []},
            "tool_exec_environment_variables": [
                {"key": "LETTA_RS_TOOL_SECRET", "value": SECRET, "agent_id": "agent-1"}
            ]
        }))
        .unwrap();
        assert_eq!(state.tool_exec_environment_variables[0].value, SECRET);
        assert_redacted(format!("{state:?}"), "LETTA_RS_TOOL_SECRET");
        assert_redacted(format!("{state:#?}"), "LETTA_RS_TOOL_SECRET");
    }

    #[test]
    fn other_secrets_never_print_and_absent_ones_say_none() {
        let auth = AuthRequest {
            password: Some(SECRET.into()),
        };
        assert_eq!(
            format!("{auth:?}"),
            r#"AuthRequest { password: Some("<redacted>") }"#
        );
        assert_eq!(
            format!("{:?}", AuthRequest::default()),
            "AuthRequest { password: None }"
        );
        let update = SandboxEnvironmentVariableUpdate {
            key: Some("KEY".into()),
            value: Some(SECRET.into()),
            description: None,
        };
        assert_redacted(format!("{update:?}"), "KEY");
        let create = ProviderCreate::new("byok", super::super::ProviderType::Openai, SECRET);
        assert_redacted(format!("{create:?}"), "api_key");
        assert_eq!(
            format!("{:?}", AgentUpdate::default())
                .matches("tool_exec_environment_variables: None")
                .count(),
            1
        );
    }
}
