//! MCP servers the Letta server connects to, and their tools (`/v1/tools/mcp/servers`).
//!
//! 0.7.x keeps the servers in a file (`~/.letta/mcp_config.json` of the server), shared by all
//! users, connects when one is added, and runs MCP tools in the default agent loop. 0.16 keeps
//! them in its database per organization, with IDs (see [`McpServers`](crate::api::McpServers)
//! for the routes by ID), and adds the routes by name below marked "0.16".
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient) -> Result<(), letta_core::LettaError> {
//! use letta_core::types::{
//!     AgentCreate, McpOauthCallbackParams, McpServerConfig, McpServerConfigUpdate, ToolExecuteRequest,
//!     StreamableHttpConfigUpdate,
//! };
//! let mcp = client.tools().mcp();
//! mcp.add_server(&McpServerConfig::sse("calc", "http://127.0.0.1:8000/sse")).await?;
//! let tools = mcp.list_tools("calc").await?;
//! let tool = mcp.add_tool("calc", &tools[0].name).await?;
//! let servers = mcp.list_servers().await?;
//!
//! // 0.16 only:
//! let config = McpServerConfig::streamable_http("web", "http://127.0.0.1:8001/mcp");
//! let events = mcp.connect(&config).await?;
//! let test = mcp.test_server(&config).await?;
//! let update = McpServerConfigUpdate::StreamableHttp(
//!     StreamableHttpConfigUpdate::builder().server_url("http://127.0.0.1:8002/mcp").build(),
//! );
//! let updated = mcp.update_server("web", &update).await?;
//! let changes = mcp.resync_tools("web", None).await?;
//! let args = serde_json::json!({"a": 1, "b": 2}).as_object().cloned().unwrap_or_default();
//! let run = mcp.execute_tool("calc", "add", &ToolExecuteRequest::new(args)).await?;
//! let relayed = mcp
//!     .oauth_callback(&McpOauthCallbackParams::builder().state("s").code("c").build())
//!     .await?;
//!
//! mcp.delete_server("calc").await?;
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use super::mcp_servers::{AgentScope, McpConnectStream, connect_events};
use crate::ids::AgentId;
use crate::operations as ops;
use crate::types::{
    McpOauthCallback, McpOauthCallbackParams, McpServerConfig, McpServerConfigUpdate, McpServerTest, McpTool,
    McpToolExecution, McpToolsResync, Tool, ToolExecuteRequest,
};
use crate::{LettaClient, LettaError};

/// MCP servers and their tools.
#[derive(Debug, Clone, Copy)]
pub struct Mcp<'c> {
    pub(crate) client: &'c LettaClient,
}

impl Mcp<'_> {
    /// The configured MCP servers, by name, in the server's configuration order
    /// (`list_mcp_servers`).
    pub async fn list_servers(&self) -> Result<BTreeMap<String, McpServerConfig>, LettaError> {
        self.client.call(ops::list_mcp_servers()).await
    }

    /// Connects to an MCP server and saves it, replacing one of the same name
    /// (`add_mcp_server`). Returns every configured server.
    ///
    /// A server the Letta server cannot connect to is a 500 with no detail. In the 0.7.29
    /// install this client is tested with (`mcp` 1.30), stdio servers always fail so: Letta's
    /// own stdio transport predates that package's message types. SSE servers work.
    pub async fn add_server(&self, config: &McpServerConfig) -> Result<Vec<McpServerConfig>, LettaError> {
        if config.server_name().is_none_or(|name| name.trim().is_empty()) {
            return Err(LettaError::InvalidInput(
                "an MCP server needs a server_name".into(),
            ));
        }
        self.client.call(ops::add_mcp_server().json(config)).await
    }

    /// Removes an MCP server from the configuration (`delete_mcp_server`); an unknown name is a
    /// 400. Returns the servers left.
    ///
    /// 0.7.29 keeps its open connection, so the server's tools stay listed and callable until
    /// the Letta server restarts.
    pub async fn delete_server(&self, server_name: &str) -> Result<Vec<McpServerConfig>, LettaError> {
        self.client.call(ops::delete_mcp_server(server_name)).await
    }

    /// The tools an MCP server offers, in its order (`list_mcp_tools_by_server`); an unknown
    /// server is a 400.
    pub async fn list_tools(&self, server_name: &str) -> Result<Vec<McpTool>, LettaError> {
        self.client.call(ops::list_mcp_tools_by_server(server_name)).await
    }

    /// Registers one of an MCP server's tools as a Letta tool (or updates it), so agents can
    /// have it attached (`add_mcp_tool`). The tool is `external_mcp`, tagged `mcp:<server>`.
    pub async fn add_tool(&self, server_name: &str, tool_name: &str) -> Result<Tool, LettaError> {
        self.client.call(ops::add_mcp_tool(server_name, tool_name)).await
    }

    /// Connects to an MCP server described by `config` without saving it, and streams how it
    /// goes (`connect_mcp_server`, 0.16): `connection_attempt`, then `success` with the tools, or
    /// `error`, or the OAuth steps (see [`McpConnectEvent`](crate::types::McpConnectEvent)).
    /// Only remote servers can use OAuth.
    pub async fn connect(&self, config: &McpServerConfig) -> Result<McpConnectStream, LettaError> {
        connect_events(self.client, ops::connect_mcp_server().json(config)).await
    }

    /// Connects to an MCP server without saving it and lists its tools (`test_mcp_server`,
    /// 0.16). Deprecated by the server in favour of [`connect`](Self::connect), which also
    /// handles OAuth. A server it cannot reach is an error answer.
    pub async fn test_server(&self, config: &McpServerConfig) -> Result<McpServerTest, LettaError> {
        self.client.call(ops::test_mcp_server().json(config)).await
    }

    /// Changes a saved MCP server found by name (`update_mcp_server`, 0.16); returns its new
    /// configuration. A server started with configuration files (`mcp_read_from_config`)
    /// answers 501.
    pub async fn update_server(
        &self,
        server_name: &str,
        update: &McpServerConfigUpdate,
    ) -> Result<McpServerConfig, LettaError> {
        self.client
            .call(ops::update_mcp_server(server_name).json(update))
            .await
    }

    /// Asks an MCP server found by name for its tools again and brings the saved ones in line
    /// (`resync_mcp_server_tools`, 0.16); with `agent_id`, that agent's tools too.
    pub async fn resync_tools(
        &self,
        server_name: &str,
        agent_id: Option<&AgentId>,
    ) -> Result<McpToolsResync, LettaError> {
        let request = ops::resync_mcp_server_tools(server_name).query(&AgentScope { agent_id });
        self.client.call(request).await
    }

    /// Runs an MCP tool by server and tool name, without a Letta tool (`execute_mcp_tool`,
    /// 0.16). Arguments the tool rejects are a 400.
    pub async fn execute_tool(
        &self,
        server_name: &str,
        tool_name: &str,
        args: &ToolExecuteRequest,
    ) -> Result<McpToolExecution, LettaError> {
        self.client
            .call(ops::execute_mcp_tool(server_name, tool_name).json(args))
            .await
    }

    /// Relays an OAuth provider's answer to the Letta server (`mcp_oauth_callback`, 0.16); the
    /// provider normally sends the user's browser there itself. A refused or unknown session is
    /// an answer with status `error`, not an error answer.
    pub async fn oauth_callback(
        &self,
        params: &McpOauthCallbackParams,
    ) -> Result<McpOauthCallback, LettaError> {
        self.client.call(ops::mcp_oauth_callback().query(params)).await
    }
}
