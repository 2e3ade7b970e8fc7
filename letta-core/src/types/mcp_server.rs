//! MCP servers stored by ID (`/v1/mcp-servers/`, Letta 0.16), the events of connecting to one,
//! and what running an MCP tool returns.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{AgentState, JsonMap, McpServerType, McpTool};
use crate::ids::McpServerId;

/// An MCP server the Letta server stores (`StdioMCPServer`, `SSEMCPServer`,
/// `StreamableHTTPMCPServer`): one type for the three transports, `mcp_server_type` tells which
/// fields apply. `Debug` hides the token and the values of `env` and `custom_headers`.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct McpServer {
    /// The server's ID, `mcp_server-<uuid>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<McpServerId>,
    /// The server's name (unique per organization).
    pub server_name: String,
    /// The transport.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mcp_server_type: Option<McpServerType>,
    /// The command the Letta server runs (stdio).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
    /// The command's arguments (stdio).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub args: Option<Vec<String>>,
    /// Environment variables of the command (stdio).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub env: Option<BTreeMap<String, String>>,
    /// The server's URL (SSE, streamable HTTP).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_url: Option<String>,
    /// The name of the authentication header, e.g. `Authorization`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_header: Option<String>,
    /// The token sent in `auth_header`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_token: Option<String>,
    /// More headers sent with every request to the server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_headers: Option<BTreeMap<String, String>>,
}

/// How the Letta server reaches a new MCP server (`CreateStdioMCPServer`,
/// `CreateSSEMCPServer`, `CreateStreamableHTTPMCPServer`), tagged by `mcp_server_type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "mcp_server_type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum McpTransport {
    /// A local process on stdin/stdout.
    Stdio(StdioTransport),
    /// Server-sent events over HTTP.
    Sse(RemoteTransport),
    /// Streamable HTTP.
    StreamableHttp(RemoteTransport),
}

impl McpTransport {
    /// The local process `command args...`.
    pub fn stdio(command: impl Into<String>, args: impl IntoIterator<Item = impl Into<String>>) -> Self {
        McpTransport::Stdio(StdioTransport {
            command: command.into(),
            args: args.into_iter().map(Into::into).collect(),
            env: None,
        })
    }

    /// An SSE server at `url`, without authentication.
    pub fn sse(url: impl Into<String>) -> Self {
        McpTransport::Sse(RemoteTransport::new(url))
    }

    /// A streamable HTTP server at `url`, without authentication.
    pub fn streamable_http(url: impl Into<String>) -> Self {
        McpTransport::StreamableHttp(RemoteTransport::new(url))
    }
}

/// A local process the Letta server runs as an MCP server. `Debug` hides the values of `env`.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct StdioTransport {
    /// The command to run.
    pub command: String,
    /// Its arguments.
    #[serde(default)]
    #[builder(default, with = |items: impl IntoIterator<Item = impl Into<String>>| items.into_iter().map(Into::into).collect())]
    pub args: Vec<String>,
    /// Environment variables to set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub env: Option<BTreeMap<String, String>>,
}

/// An MCP server reached over the network. `Debug` hides the token and the values of the
/// custom headers.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct RemoteTransport {
    /// The server's URL.
    pub server_url: String,
    /// The name of the authentication header, e.g. `Authorization`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_header: Option<String>,
    /// The token sent in `auth_header`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_token: Option<String>,
    /// More headers sent with every request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_headers: Option<BTreeMap<String, String>>,
}

impl RemoteTransport {
    /// The server at `url`, without authentication.
    pub fn new(url: impl Into<String>) -> Self {
        RemoteTransport {
            server_url: url.into(),
            ..Default::default()
        }
    }

    /// Sends `token` in the `header` header on every request to the server.
    pub fn with_auth(mut self, header: impl Into<String>, token: impl Into<String>) -> Self {
        self.auth_header = Some(header.into());
        self.auth_token = Some(token.into());
        self
    }
}

/// A new MCP server (`CreateMCPServerRequest`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct McpServerCreate {
    /// The server's name (unique per organization).
    pub server_name: String,
    /// How to reach it.
    pub config: McpTransport,
}

impl McpServerCreate {
    /// The server `name`, reached by `config`.
    pub fn new(name: impl Into<String>, config: McpTransport) -> Self {
        McpServerCreate {
            server_name: name.into(),
            config,
        }
    }
}

/// Changes to a stored MCP server (`UpdateMCPServerRequest`). The transport cannot change;
/// `config` names the server's transport.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct McpServerUpdate {
    /// A new name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_name: Option<String>,
    /// The changes of the transport's settings.
    pub config: McpTransportUpdate,
}

/// Changes to an MCP server's transport settings, tagged by `mcp_server_type`
/// (`UpdateStdioMCPServer`, `UpdateSSEMCPServer`, `UpdateStreamableHTTPMCPServer` of
/// `letta.schemas.mcp_server`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "mcp_server_type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum McpTransportUpdate {
    /// A local process.
    Stdio(StdioTransportUpdate),
    /// An SSE server.
    Sse(RemoteTransportUpdate),
    /// A streamable HTTP server.
    StreamableHttp(RemoteTransportUpdate),
}

/// Changes to a local MCP process. The server's schema requires `command` and `args` (each may
/// be `null`), so both are always sent; the server changes the process (`command`, `args` and
/// `env` together) only when both are set, and otherwise keeps it. `Debug` hides the values of
/// `env`.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct StdioTransportUpdate {
    /// A new command.
    #[serde(default)]
    pub command: Option<String>,
    /// New arguments.
    #[serde(default)]
    pub args: Option<Vec<String>>,
    /// New environment variables.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub env: Option<BTreeMap<String, String>>,
}

/// Changes to a remote MCP server. The server's schema requires `server_url` (it may be
/// `null`), so it is always sent. `Debug` hides the token and the custom headers' values.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct RemoteTransportUpdate {
    /// A new URL.
    #[serde(default)]
    pub server_url: Option<String>,
    /// A new authentication header name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_header: Option<String>,
    /// A new token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_token: Option<String>,
    /// New custom headers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_headers: Option<BTreeMap<String, String>>,
}

/// Changes to an MCP server found by name (`PATCH /v1/tools/mcp/servers/{name}`; the
/// `UpdateStdioMCPServer`, `UpdateSSEMCPServer`, `UpdateStreamableHTTPMCPServer` of
/// `letta.schemas.mcp`). The server tells the three apart by their fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum McpServerConfigUpdate {
    /// A local process.
    Stdio(StdioConfigUpdate),
    /// A streamable HTTP server.
    StreamableHttp(StreamableHttpConfigUpdate),
    /// An SSE server.
    Sse(SseConfigUpdate),
}

/// Changes to a local MCP process found by name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[serde(deny_unknown_fields)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct StdioConfigUpdate {
    /// A new name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_name: Option<String>,
    /// The new configuration (its `Debug` hides the values of `env`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stdio_config: Option<super::StdioServerConfig>,
}

/// Changes to a streamable HTTP MCP server found by name. `Debug` hides the token and the
/// custom headers' values.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[serde(deny_unknown_fields)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct StreamableHttpConfigUpdate {
    /// A new name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_name: Option<String>,
    /// A new URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_url: Option<String>,
    /// A new authentication header name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_header: Option<String>,
    /// A new token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_token: Option<String>,
    /// New custom headers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_headers: Option<BTreeMap<String, String>>,
}

/// Changes to an SSE MCP server found by name. `Debug` hides the token and the custom headers'
/// values.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[serde(deny_unknown_fields)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct SseConfigUpdate {
    /// A new name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_name: Option<String>,
    /// A new URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_url: Option<String>,
    /// A new token (sent as a bearer token).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    /// New custom headers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_headers: Option<BTreeMap<String, String>>,
}

/// What refreshing (resyncing) an MCP server's tools changed (`MCPServerResyncResult`): tool
/// names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct McpToolsResync {
    /// Tools the server no longer offers, deleted.
    #[serde(default)]
    pub deleted: Vec<String>,
    /// Tools whose schema changed, updated.
    #[serde(default)]
    pub updated: Vec<String>,
    /// Tools the server offers now, added.
    #[serde(default)]
    pub added: Vec<String>,
}

/// What running a tool produced (`ToolExecutionResult`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolExecutionResult {
    /// How it ended.
    pub status: super::ToolReturnStatus,
    /// What the tool returned (for an MCP tool, its text), or the error.
    #[serde(default)]
    pub func_return: Option<Value>,
    /// The agent's state after the tool ran; deprecated by the server and never set by the MCP
    /// routes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_state: Option<Box<AgentState>>,
    /// What the tool printed.
    #[serde(default)]
    pub stdout: Option<Vec<String>>,
    /// What the tool printed to stderr.
    #[serde(default)]
    pub stderr: Option<Vec<String>>,
    /// The fingerprint of the sandbox configuration it ran in.
    #[serde(default)]
    pub sandbox_config_fingerprint: Option<String>,
}

/// What running an MCP tool by server name returned (`execute_mcp_tool`; the schema leaves it
/// open).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct McpToolExecution {
    /// What the tool returned (its text), or the error.
    #[serde(default)]
    pub result: Value,
    /// Whether the tool succeeded.
    #[serde(default)]
    pub success: bool,
}

/// What testing an MCP server found (`test_mcp_server`; the schema leaves it open).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct McpServerTest {
    /// `success`: failures are error answers.
    #[serde(default)]
    pub status: String,
    /// The tools the server offers.
    #[serde(default)]
    pub tools: Vec<McpTool>,
}

/// The OAuth provider's answer relayed to the Letta server (`GET /v1/tools/mcp/oauth/callback`):
/// the provider redirects the user's browser there; a client calls it only to relay the
/// answer itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct McpOauthCallbackParams {
    /// The authorization code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The state that names the OAuth session (the `authorization_url` event's URL carries it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// The provider's error, if it refused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The provider's description of the error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_description: Option<String>,
}

/// The Letta server's answer to an OAuth callback: `status` is `success` or `error` (an error is
/// a 200 too), with a message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct McpOauthCallback {
    /// `success` or `error`.
    #[serde(default)]
    pub status: String,
    /// What happened.
    #[serde(default)]
    pub message: Option<String>,
    /// The MCP server the authorization is for (on success).
    #[serde(default)]
    pub server_url: Option<String>,
}

/// One event of connecting to an MCP server (`connect_mcp_server`, `mcp_connect_mcp_server`):
/// `connection_attempt` first, then `success` or `error`, or the OAuth steps
/// (`oauth_required`, `authorization_url`, `waiting_for_auth`) and then `success` or `error`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
#[non_exhaustive]
pub enum McpConnectEvent {
    /// The Letta server is connecting.
    ConnectionAttempt {
        /// The MCP server's name.
        #[serde(default)]
        server_name: Option<String>,
    },
    /// Connected; the stream ends here.
    Success {
        /// The tools the server offers.
        #[serde(default)]
        tools: Vec<McpTool>,
    },
    /// Failed; the stream ends here.
    Error {
        /// Why.
        #[serde(default)]
        message: Option<String>,
    },
    /// The server wants OAuth; an `authorization_url` follows.
    OauthRequired {
        /// What the Letta server says.
        #[serde(default)]
        message: Option<String>,
    },
    /// The user must open `url` to authorize.
    AuthorizationUrl {
        /// The provider's authorization page.
        #[serde(default)]
        url: Option<String>,
        /// The Letta server's OAuth session.
        #[serde(default)]
        session_id: Option<String>,
    },
    /// The Letta server waits for the user's authorization (the OAuth callback).
    WaitingForAuth {
        /// What the Letta server says.
        #[serde(default)]
        message: Option<String>,
    },
    /// An event this client does not know, kept as sent.
    #[serde(untagged)]
    Other(JsonMap),
}

impl McpConnectEvent {
    /// Whether the stream ends after this event (`success`, `error`).
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            McpConnectEvent::Success { .. } | McpConnectEvent::Error { .. }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn transports_are_tagged_by_mcp_server_type() {
        let create = McpServerCreate::new(
            "calc",
            McpTransport::Sse(RemoteTransport::new("http://h/sse").with_auth("Authorization", "Bearer t")),
        );
        assert_eq!(
            serde_json::to_value(&create).unwrap(),
            json!({"server_name": "calc", "config": {"mcp_server_type": "sse",
                "server_url": "http://h/sse", "auth_header": "Authorization", "auth_token": "Bearer t"}})
        );
        let update = McpServerUpdate::builder()
            .config(McpTransportUpdate::Stdio(
                StdioTransportUpdate::builder().command("python").build(),
            ))
            .build();
        assert_eq!(
            serde_json::to_value(&update).unwrap(),
            json!({"config": {"mcp_server_type": "stdio", "command": "python", "args": null}})
        );
    }

    #[test]
    fn connect_events_decode_and_unknown_ones_are_kept() {
        let events: Vec<McpConnectEvent> = serde_json::from_value(json!([
            {"event": "connection_attempt", "server_name": "calc"},
            {"event": "authorization_url", "url": "https://auth/x", "session_id": "s1"},
            {"event": "success", "tools": [{"name": "add", "inputSchema": {}}]},
            {"event": "progress", "percent": 50}
        ]))
        .unwrap();
        assert_eq!(
            events[0],
            McpConnectEvent::ConnectionAttempt {
                server_name: Some("calc".into())
            }
        );
        assert!(
            matches!(&events[1], McpConnectEvent::AuthorizationUrl { url: Some(u), .. } if u == "https://auth/x")
        );
        assert!(matches!(&events[2], McpConnectEvent::Success { tools } if tools[0].name == "add"));
        assert!(events[2].is_final());
        assert!(matches!(&events[3], McpConnectEvent::Other(map) if map["percent"] == 50));
    }
}
