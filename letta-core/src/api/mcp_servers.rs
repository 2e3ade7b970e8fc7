//! MCP servers stored by ID (`/v1/mcp-servers/`, Letta 0.16; not served by 0.7.x).
//!
//! 0.16 keeps MCP servers in its database, per organization, each with an ID; their tools are
//! saved as Letta tools (`external_mcp`) when the server is created or refreshed. The older
//! name-keyed routes (`/v1/tools/mcp/servers`, [`client.tools().mcp()`](crate::api::Mcp)) reach
//! the same servers by name.
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient) -> Result<(), letta_core::LettaError> {
//! use futures_util::StreamExt;
//! use letta_core::types::{
//!     McpConnectEvent, McpServerCreate, McpServerUpdate, ToolExecuteRequest, McpTransport,
//!     McpTransportUpdate, RemoteTransport, RemoteTransportUpdate,
//! };
//! let servers = client.mcp_servers();
//! let transport = RemoteTransport::new("http://127.0.0.1:8000/mcp").with_auth("Authorization", "Bearer t");
//! let calc = servers
//!     .create(&McpServerCreate::new("calc", McpTransport::StreamableHttp(transport)))
//!     .await?;
//! let id = calc.id.clone().expect("the server names its MCP servers");
//! let mut events = servers.connect(&id).await?;
//! while let Some(event) = events.next().await {
//!     if let McpConnectEvent::AuthorizationUrl { url: Some(url), .. } = event? {
//!         println!("open {url} to authorize");
//!     }
//! }
//! let all = servers.list().await?;
//! let same = servers.retrieve(&id).await?;
//! let update = McpServerUpdate::builder()
//!     .config(McpTransportUpdate::StreamableHttp(
//!         RemoteTransportUpdate::builder().server_url("http://127.0.0.1:8001/mcp").build(),
//!     ))
//!     .build();
//! servers.modify(&id, &update).await?;
//! let changes = servers.refresh_tools(&id, None).await?;
//! let tools = servers.list_tools(&id).await?;
//! let add = servers.retrieve_tool(&id, &tools[0].id).await?;
//! let args = serde_json::json!({"a": 1, "b": 2}).as_object().cloned().unwrap_or_default();
//! let result = servers.run_tool(&id, &add.id, &ToolExecuteRequest::new(args)).await?;
//! println!("{:?} {:?}", result.status, result.func_return);
//! servers.delete(&id).await?;
//! # Ok(()) }
//! ```

use std::pin::Pin;

use futures_core::Stream;
use futures_util::StreamExt;
use serde::Serialize;

use crate::error::StreamErrorKind;
use crate::ids::{AgentId, McpServerId, ToolId};
use crate::operations as ops;
use crate::request::Request;
use crate::stream::StreamEvent;
use crate::types::{
    McpConnectEvent, McpServer, McpServerCreate, McpServerUpdate, McpToolsResync, Tool, ToolExecuteRequest,
    ToolExecutionResult,
};
use crate::{LettaClient, LettaError};

/// The events of connecting to an MCP server; ends after `success` or `error`, or with the first
/// error.
pub type McpConnectStream = Pin<Box<dyn Stream<Item = Result<McpConnectEvent, LettaError>> + Send>>;

/// MCP servers by ID.
#[derive(Debug, Clone, Copy)]
pub struct McpServers<'c> {
    pub(crate) client: &'c LettaClient,
}

/// The agent whose tools a refresh also updates, as a query.
#[derive(Serialize)]
pub(crate) struct AgentScope<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) agent_id: Option<&'a AgentId>,
}

impl McpServers<'_> {
    /// The organization's MCP servers (`mcp_list_mcp_servers`).
    pub async fn list(&self) -> Result<Vec<McpServer>, LettaError> {
        self.client.call(ops::mcp_list_mcp_servers()).await
    }

    /// Saves an MCP server and the tools it offers (`mcp_create_mcp_server`). A stdio server is
    /// refused (400) where the Letta server disables them (`mcp_disable_stdio`).
    pub async fn create(&self, request: &McpServerCreate) -> Result<McpServer, LettaError> {
        if request.server_name.trim().is_empty() {
            return Err(LettaError::InvalidInput(
                "an MCP server needs a server_name".into(),
            ));
        }
        self.client.call(ops::mcp_create_mcp_server().json(request)).await
    }

    /// Fetches an MCP server (`mcp_retrieve_mcp_server`); the answer carries its token and
    /// headers (hidden in `Debug`).
    pub async fn retrieve(&self, mcp_server_id: &McpServerId) -> Result<McpServer, LettaError> {
        self.client
            .call(ops::mcp_retrieve_mcp_server(mcp_server_id))
            .await
    }

    /// Changes an MCP server's name or settings (`mcp_update_mcp_server`); the transport stays.
    pub async fn modify(
        &self,
        mcp_server_id: &McpServerId,
        update: &McpServerUpdate,
    ) -> Result<McpServer, LettaError> {
        self.client
            .call(ops::mcp_update_mcp_server(mcp_server_id).json(update))
            .await
    }

    /// Deletes an MCP server and its tools (`mcp_delete_mcp_server`).
    pub async fn delete(&self, mcp_server_id: &McpServerId) -> Result<(), LettaError> {
        self.client
            .call_raw(ops::mcp_delete_mcp_server(mcp_server_id))
            .await
            .map(drop)
    }

    /// Connects to a stored MCP server and streams how it goes (`mcp_connect_mcp_server`):
    /// `connection_attempt`, then `success` with the tools, or `error`; a server that wants
    /// OAuth gets `oauth_required`, `authorization_url` (open it in a browser), and
    /// `waiting_for_auth` while the Letta server waits for the provider's callback.
    ///
    /// The server sends nothing while it waits for the user, so the wait is bounded by the
    /// client's [stream idle timeout](crate::ClientBuilder::stream_idle_timeout) (3 minutes by
    /// default): a longer wait ends the stream with [`StreamErrorKind::IdleTimeout`].
    pub async fn connect(&self, mcp_server_id: &McpServerId) -> Result<McpConnectStream, LettaError> {
        connect_events(self.client, ops::mcp_connect_mcp_server(mcp_server_id)).await
    }

    /// Asks the MCP server for its tools again and brings the saved ones in line: deletes the
    /// gone, updates the changed, adds the new (`mcp_refresh_mcp_server_tools`). With
    /// `agent_id`, that agent's attached tools are updated too.
    pub async fn refresh_tools(
        &self,
        mcp_server_id: &McpServerId,
        agent_id: Option<&AgentId>,
    ) -> Result<McpToolsResync, LettaError> {
        let request = ops::mcp_refresh_mcp_server_tools(mcp_server_id).query(&AgentScope { agent_id });
        self.client.call(request).await
    }

    /// The saved tools of an MCP server (`mcp_list_tools_for_mcp_server`), as Letta tools.
    pub async fn list_tools(&self, mcp_server_id: &McpServerId) -> Result<Vec<Tool>, LettaError> {
        self.client
            .call(ops::mcp_list_tools_for_mcp_server(mcp_server_id))
            .await
    }

    /// One saved tool of an MCP server (`mcp_retrieve_mcp_tool`).
    pub async fn retrieve_tool(
        &self,
        mcp_server_id: &McpServerId,
        tool_id: &ToolId,
    ) -> Result<Tool, LettaError> {
        self.client
            .call(ops::mcp_retrieve_mcp_tool(mcp_server_id, tool_id))
            .await
    }

    /// Runs one of an MCP server's tools with `args` (`mcp_run_tool`). A tool that fails is a
    /// result with status `error`, not an error answer.
    pub async fn run_tool(
        &self,
        mcp_server_id: &McpServerId,
        tool_id: &ToolId,
        args: &ToolExecuteRequest,
    ) -> Result<ToolExecutionResult, LettaError> {
        self.client
            .call(ops::mcp_run_tool(mcp_server_id, tool_id).json(args))
            .await
    }
}

/// Sends a connect request and reads its events. The server ends this stream without the
/// `[DONE]` of agent streams, so the end of the body after a final event (`success`, `error`) is
/// the normal end; before one, it is a cut stream.
pub(crate) async fn connect_events(
    client: &LettaClient,
    request: Request,
) -> Result<McpConnectStream, LettaError> {
    let method = request.operation().http_method();
    let path = request.path().unwrap_or_default().to_owned();
    let events = client.call_stream(request).await?;
    let undecodable = move |reason: String, data: String| LettaError::Stream {
        method: method.clone(),
        path: path.clone(),
        kind: StreamErrorKind::Decode { reason, data },
    };
    let mut finished = false;
    Ok(events
        .filter_map(move |event| {
            let item = match event {
                // What follows a final event is the body's end (no `[DONE]`: `Truncated`).
                _ if finished => None,
                Err(e) => Some(Err(e)),
                Ok(StreamEvent::Other(value)) => Some(
                    serde_json::from_value::<McpConnectEvent>(value.clone())
                        .map_err(|e| undecodable(e.to_string(), value.to_string())),
                ),
                Ok(StreamEvent::OtherRaw(raw)) => Some(
                    serde_json::from_str::<McpConnectEvent>(raw.get())
                        .map_err(|e| undecodable(e.to_string(), raw.get().to_owned())),
                ),
                Ok(other) => Some(Err(undecodable(
                    "an agent event where an MCP connection event was expected".into(),
                    format!("{other:?}"),
                ))),
            };
            if let Some(Ok(event)) = &item {
                finished = event.is_final();
            }
            std::future::ready(item)
        })
        .boxed())
}
