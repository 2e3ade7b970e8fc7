//! MCP against the testkit's MCP server (`letta-testkit/server/mcp_server.py`, one tool:
//! `add(a, b)`). The server list is one file on the Letta server that every add rewrites, so
//! the tests that change it take turns.

use letta_core::types::Replies;
use letta_core::types::{LettaMessage, McpServerConfig, MessageCreate, ToolType};
use tokio::sync::Mutex;

use crate::{agent_request, client, server, unique};

static MCP_CONFIG: Mutex<()> = Mutex::const_new(());

#[tokio::test]
async fn an_agent_calls_a_tool_of_an_mcp_server() {
    let _turn = MCP_CONFIG.lock().await;
    let client = client();
    let mcp = client.tools().mcp();
    let name = unique("calc");

    let servers = mcp
        .add_server(&McpServerConfig::sse(&name, server().mcp_sse_url()))
        .await
        .unwrap();
    assert!(servers.iter().any(|s| s.server_name() == Some(name.as_str())));
    match mcp.list_servers().await.unwrap().get(&name) {
        Some(McpServerConfig::Sse(config)) => assert_eq!(config.server_url, server().mcp_sse_url()),
        other => panic!("{name}: {other:?}"),
    }

    let tools = mcp.list_tools(&name).await.unwrap();
    assert_eq!(
        tools.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
        vec!["add"]
    );
    let add = &tools[0];
    assert!(
        add.description
            .as_deref()
            .unwrap_or_default()
            .starts_with("Add two integers")
    );
    assert_eq!(add.input_schema["properties"]["a"]["type"], "integer");
    assert_eq!(add.input_schema["required"], serde_json::json!(["a", "b"]));

    let tool = mcp.add_tool(&name, "add").await.unwrap();
    assert_eq!(tool.name.as_deref(), Some("add"));
    assert_eq!(tool.tool_type, ToolType::ExternalMcp);
    assert!(tool.tags.contains(&format!("mcp:{name}")), "{:?}", tool.tags);

    let agent = client
        .agents()
        .create(&agent_request(&unique("mcp-user")).tools(["add"]).build())
        .await
        .unwrap();
    let reply = client
        .agents()
        .messages(&agent.id)
        .send(MessageCreate::user(r#"#call add {"a": 2, "b": 3}"#))
        .await
        .unwrap();
    let returned = reply
        .messages
        .iter()
        .find_map(|m| match m {
            LettaMessage::ToolReturn(r) => Some(r.tool_return.clone()),
            _ => None,
        })
        .expect("a tool return");
    assert_eq!(returned, "5");
    assert_eq!(reply.assistant_texts(), vec!["Tool returned: 5"]);

    let missing = mcp.add_tool(&name, "subtract").await.unwrap_err();
    assert_eq!(missing.status().map(|s| s.as_u16()), Some(400), "{missing}");
    assert!(
        missing
            .detail()
            .unwrap_or_default()
            .contains("MCPToolNotFoundError"),
        "{missing}"
    );

    let left = mcp.delete_server(&name).await.unwrap();
    assert!(left.iter().all(|s| s.server_name() != Some(name.as_str())));
    assert!(!mcp.list_servers().await.unwrap().contains_key(&name));
    let again = mcp.delete_server(&name).await.unwrap_err();
    assert_eq!(again.status().map(|s| s.as_u16()), Some(400), "{again}");
    client.agents().delete(&agent.id).await.unwrap();
}

#[tokio::test]
async fn unknown_mcp_servers_are_client_errors() {
    let client = client();
    let mcp = client.tools().mcp();
    let err = mcp.list_tools(&unique("nowhere")).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400), "{err}");
    assert!(
        err.detail()
            .unwrap_or_default()
            .contains("MCPServerNotFoundError"),
        "{err}"
    );
}

#[tokio::test]
async fn stdio_mcp_servers_fail_on_the_pinned_install() {
    // Letta 0.7.29's stdio transport predates the mcp 1.30 package it is installed with: the
    // session closes during `initialize` and the add fails with a bare 500. Nothing is saved.
    let _turn = MCP_CONFIG.lock().await;
    let client = client();
    let mcp = client.tools().mcp();
    let name = unique("stdio");
    let (command, args) = server().mcp_stdio_command();
    let err = mcp
        .add_server(&McpServerConfig::stdio(&name, command, args))
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500), "{err}");
    // A fresh client: the 500 closed the pooled connection of this one.
    let listed = crate::client().tools().mcp().list_servers().await.unwrap();
    assert!(!listed.contains_key(&name));
}
