//! MCP (Model Context Protocol) servers the Letta server connects to, and their tools.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use super::JsonMap;

string_enum! {
    /// How the Letta server reaches an MCP server (`MCPServerType`).
    McpServerType {
        /// Server-sent events over HTTP.
        Sse = "sse",
        /// A local process on stdin/stdout.
        Stdio = "stdio",
        /// Streamable HTTP (0.16; not served by 0.7.x).
        StreamableHttp = "streamable_http",
    }
}

/// An MCP server reached over the network, by SSE or streamable HTTP (`SSEServerConfig`,
/// `StreamableHTTPServerConfig`). `Debug` hides the token and the values of the custom headers.
///
/// 0.7.x knows only the name and the URL; the authentication fields are 0.16's.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct RemoteServerConfig {
    /// The name of the server.
    pub server_name: String,
    /// The URL of the server (the MCP client connects to it), e.g. `http://host:8000/sse`.
    pub server_url: String,
    /// The name of the authentication header, e.g. `Authorization` (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_header: Option<String>,
    /// The authentication token or API key sent in `auth_header` (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_token: Option<String>,
    /// More headers sent with every request to the server (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_headers: Option<BTreeMap<String, String>>,
}

/// An MCP server the Letta server runs as a local process (`StdioServerConfig`). `Debug`
/// hides the values of `env`.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct StdioServerConfig {
    /// The name of the server.
    pub server_name: String,
    /// The command to run.
    pub command: String,
    /// The arguments to pass to the command.
    #[serde(default)]
    #[builder(default, with = |items: impl IntoIterator<Item = impl Into<String>>| items.into_iter().map(Into::into).collect())]
    pub args: Vec<String>,
    /// Environment variables to set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub env: Option<BTreeMap<String, String>>,
}

/// An MCP server configuration, by transport. On the wire it is the transport's object with a
/// `type` field (`sse`, `stdio`, `streamable_http`). `Debug` hides secrets, and shows only the
/// keys of a transport this client does not know.
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub enum McpServerConfig {
    /// Reached over SSE.
    Sse(RemoteServerConfig),
    /// Reached over streamable HTTP (0.16).
    StreamableHttp(RemoteServerConfig),
    /// Run as a local process.
    Stdio(StdioServerConfig),
    /// A transport this client does not know; kept as sent.
    Other(JsonMap),
}

impl McpServerConfig {
    /// An SSE server at `url`.
    pub fn sse(name: impl Into<String>, url: impl Into<String>) -> Self {
        McpServerConfig::Sse(RemoteServerConfig::new(name, url))
    }

    /// A streamable HTTP server at `url` (0.16).
    pub fn streamable_http(name: impl Into<String>, url: impl Into<String>) -> Self {
        McpServerConfig::StreamableHttp(RemoteServerConfig::new(name, url))
    }

    /// A local process `command args...`.
    pub fn stdio(name: impl Into<String>, command: impl Into<String>, args: Vec<String>) -> Self {
        McpServerConfig::Stdio(StdioServerConfig {
            server_name: name.into(),
            command: command.into(),
            args,
            env: None,
        })
    }

    /// The server's name, the key the Letta server knows it by.
    pub fn server_name(&self) -> Option<&str> {
        match self {
            McpServerConfig::Sse(c) | McpServerConfig::StreamableHttp(c) => Some(&c.server_name),
            McpServerConfig::Stdio(c) => Some(&c.server_name),
            McpServerConfig::Other(map) => map.get("server_name").and_then(Value::as_str),
        }
    }

    /// The transport.
    pub fn server_type(&self) -> McpServerType {
        match self {
            McpServerConfig::Sse(_) => McpServerType::Sse,
            McpServerConfig::StreamableHttp(_) => McpServerType::StreamableHttp,
            McpServerConfig::Stdio(_) => McpServerType::Stdio,
            McpServerConfig::Other(map) => McpServerType::Other(
                map.get("type")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
            ),
        }
    }
}

impl std::fmt::Debug for McpServerConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            McpServerConfig::Sse(c) => f.debug_tuple("Sse").field(c).finish(),
            McpServerConfig::StreamableHttp(c) => f.debug_tuple("StreamableHttp").field(c).finish(),
            McpServerConfig::Stdio(c) => f.debug_tuple("Stdio").field(c).finish(),
            // Which of an unknown transport's fields are secret is unknown.
            McpServerConfig::Other(map) => f
                .debug_tuple("Other")
                .field(&map.keys().collect::<Vec<_>>())
                .finish(),
        }
    }
}

impl Serialize for McpServerConfig {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = match self {
            McpServerConfig::Sse(c) | McpServerConfig::StreamableHttp(c) => {
                to_map(c).map_err(serde::ser::Error::custom)?
            }
            McpServerConfig::Stdio(c) => to_map(c).map_err(serde::ser::Error::custom)?,
            McpServerConfig::Other(map) => return map.serialize(serializer),
        };
        map.insert("type".into(), Value::String(self.server_type().to_string()));
        map.serialize(serializer)
    }
}

impl RemoteServerConfig {
    /// The server `name` at `url`, without authentication.
    pub fn new(name: impl Into<String>, url: impl Into<String>) -> Self {
        RemoteServerConfig {
            server_name: name.into(),
            server_url: url.into(),
            ..Default::default()
        }
    }

    /// Sends `token` in the `header` header (e.g. `Authorization`, `Bearer ...`) on every
    /// request to the server (0.16).
    pub fn with_auth(mut self, header: impl Into<String>, token: impl Into<String>) -> Self {
        self.auth_header = Some(header.into());
        self.auth_token = Some(token.into());
        self
    }
}

fn to_map<T: Serialize>(value: &T) -> Result<JsonMap, serde_json::Error> {
    match serde_json::to_value(value)? {
        Value::Object(map) => Ok(map),
        _ => Ok(JsonMap::new()),
    }
}

impl<'de> Deserialize<'de> for McpServerConfig {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = JsonMap::deserialize(deserializer)?;
        let kind = match map.get("type").and_then(Value::as_str) {
            Some(kind) => kind.to_owned(),
            // Without a type (a hand-written config file), the fields tell.
            None if map.contains_key("server_url") => "sse".to_owned(),
            None if map.contains_key("command") => "stdio".to_owned(),
            None => String::new(),
        };
        let value = Value::Object(map.clone());
        Ok(match kind.as_str() {
            "sse" => serde_json::from_value(value)
                .map(McpServerConfig::Sse)
                .unwrap_or(McpServerConfig::Other(map)),
            "stdio" => serde_json::from_value(value)
                .map(McpServerConfig::Stdio)
                .unwrap_or(McpServerConfig::Other(map)),
            "streamable_http" => serde_json::from_value(value)
                .map(McpServerConfig::StreamableHttp)
                .unwrap_or(McpServerConfig::Other(map)),
            _ => McpServerConfig::Other(map),
        })
    }
}

/// A tool an MCP server offers (`MCPTool`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct McpTool {
    /// Tool name; what `add_mcp_tool` takes.
    pub name: String,
    /// Human-readable title.
    #[serde(default)]
    pub title: Option<String>,
    /// What the tool does.
    #[serde(default)]
    pub description: Option<String>,
    /// JSON schema of the arguments.
    #[serde(rename = "inputSchema", default)]
    pub input_schema: JsonMap,
    /// JSON schema of the structured result.
    #[serde(rename = "outputSchema", default)]
    pub output_schema: Option<JsonMap>,
    /// Hints about the tool's behaviour.
    #[serde(default)]
    pub annotations: Option<ToolAnnotations>,
    /// Icons for user interfaces.
    #[serde(default)]
    pub icons: Option<Vec<Icon>>,
    /// Execution-related properties.
    #[serde(default)]
    pub execution: Option<ToolExecution>,
    /// Protocol metadata (`_meta`).
    #[serde(rename = "_meta", default)]
    pub meta: Option<JsonMap>,
    /// Whether the tool's schema suits OpenAI's strict mode, as the Letta server judged it
    /// (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health: Option<McpToolHealth>,
}

/// How well an MCP tool's schema suits OpenAI's strict mode (`MCPToolHealth`, 0.16).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct McpToolHealth {
    /// `STRICT_COMPLIANT`, `NON_STRICT_ONLY` or `INVALID` (an invalid tool can still be added).
    pub status: String,
    /// Why.
    #[serde(default)]
    pub reasons: Vec<String>,
}

/// Hints about an MCP tool's behaviour (`ToolAnnotations`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToolAnnotations {
    /// Human-readable title.
    #[serde(default)]
    pub title: Option<String>,
    /// The tool does not modify its environment.
    #[serde(rename = "readOnlyHint", default)]
    pub read_only_hint: Option<bool>,
    /// The tool may perform destructive updates.
    #[serde(rename = "destructiveHint", default)]
    pub destructive_hint: Option<bool>,
    /// Calling it again with the same arguments has no further effect.
    #[serde(rename = "idempotentHint", default)]
    pub idempotent_hint: Option<bool>,
    /// The tool interacts with an open world of external entities.
    #[serde(rename = "openWorldHint", default)]
    pub open_world_hint: Option<bool>,
}

string_enum! {
    /// Whether an MCP tool can run as a task (`ToolExecution.taskSupport`).
    TaskSupport {
        /// It cannot.
        Forbidden = "forbidden",
        /// It may.
        Optional = "optional",
        /// It must.
        Required = "required",
    }
}

/// Execution-related properties of an MCP tool (`ToolExecution`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToolExecution {
    /// Whether the tool supports running as a task.
    #[serde(rename = "taskSupport", default)]
    pub task_support: Option<TaskSupport>,
}

/// An icon for display in user interfaces (`Icon`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Icon {
    /// Where the icon is.
    pub src: String,
    /// Its MIME type.
    #[serde(rename = "mimeType", default)]
    pub mime_type: Option<String>,
    /// Its sizes, e.g. `48x48`.
    #[serde(default)]
    pub sizes: Option<Vec<String>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn configs_carry_their_type() {
        let sse = McpServerConfig::sse("tk", "http://127.0.0.1:1/sse");
        assert_eq!(
            serde_json::to_value(&sse).unwrap(),
            json!({"server_name": "tk", "server_url": "http://127.0.0.1:1/sse", "type": "sse"})
        );
        let stdio: McpServerConfig = serde_json::from_value(
            json!({"server_name": "local", "type": "stdio", "command": "python", "args": ["s.py"], "env": null}),
        )
        .unwrap();
        assert_eq!(
            stdio,
            McpServerConfig::stdio("local", "python", vec!["s.py".into()])
        );
        let http: McpServerConfig = serde_json::from_value(
            json!({"server_name": "h", "type": "streamable_http", "server_url": "http://x/mcp",
                   "auth_header": "Authorization", "auth_token": "Bearer t"}),
        )
        .unwrap();
        assert_eq!(
            http,
            McpServerConfig::StreamableHttp(
                RemoteServerConfig::new("h", "http://x/mcp").with_auth("Authorization", "Bearer t")
            )
        );
        assert_eq!(serde_json::to_value(&http).unwrap()["type"], "streamable_http");
        let future: McpServerConfig =
            serde_json::from_value(json!({"server_name": "w", "type": "websocket", "url": "ws://x"}))
                .unwrap();
        assert_eq!(future.server_name(), Some("w"));
        assert_eq!(future.server_type(), McpServerType::Other("websocket".into()));
        assert_eq!(serde_json::to_value(&future).unwrap()["url"], "ws://x");
    }
}
