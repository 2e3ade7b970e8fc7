//! MCP servers the Letta server connects to, and their tools (`/v1/tools/mcp/servers`).
//!
//! 0.7.x keeps the servers in a file (`~/.letta/mcp_config.json` of the server), shared by all
//! users, connects when one is added, and runs MCP tools in the default agent loop.
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient) -> Result<(), letta_core::LettaError> {
//! use letta_core::types::{AgentCreate, McpServerConfig};
//! let mcp = client.tools().mcp();
//! mcp.add_server(&McpServerConfig::sse("calc", "http://127.0.0.1:8000/sse")).await?;
//! let tools = mcp.list_tools("calc").await?;
//! let tool = mcp.add_tool("calc", &tools[0].name).await?;
//! let servers = mcp.list_servers().await?;
//! mcp.delete_server("calc").await?;
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use crate::operations as ops;
use crate::types::{McpServerConfig, McpTool, Tool};
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
}
