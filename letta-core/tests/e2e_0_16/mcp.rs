//! MCP servers on the real 0.16.8, against the testkit's MCP server (one tool: `add(a, b)`) run
//! over stdio, by ID (`/v1/mcp-servers/`) and by name (`/v1/tools/mcp/servers`). Each registration saves
//! the server's `add` as a Letta tool, and a tool name is unique in an organization, so the
//! tests that register servers take turns.

use futures_util::StreamExt;
use letta_core::LettaClient;
use letta_core::types::{
    McpConnectEvent, McpOauthCallbackParams, McpServerConfig, McpServerConfigUpdate, McpServerCreate,
    McpServerType, McpServerUpdate, McpTransport, McpTransportUpdate, RemoteTransport, StdioConfigUpdate,
    StdioServerConfig, StdioTransportUpdate, ToolExecuteRequest, ToolReturnStatus, ToolType,
};
use tokio::sync::Mutex;

use crate::{client, server, unique};

static MCP_TOOLS: Mutex<()> = Mutex::const_new(());

fn add_args(a: i64, b: i64) -> ToolExecuteRequest {
    ToolExecuteRequest::new(serde_json::json!({"a": a, "b": b}).as_object().cloned().unwrap())
}

/// Reads a connect stream to its end.
async fn connect_events(stream: letta_core::api::McpConnectStream) -> Vec<McpConnectEvent> {
    stream
        .map(|event| event.expect("a connect event"))
        .collect()
        .await
}

fn tool_names(event: &McpConnectEvent) -> Vec<String> {
    match event {
        McpConnectEvent::Success { tools } => tools.iter().map(|t| t.name.clone()).collect(),
        other => panic!("not a success: {other:?}"),
    }
}

fn stdio_env(secret: &str) -> std::collections::BTreeMap<String, String> {
    [("LETTA_TESTKIT_SECRET".to_owned(), secret.to_owned())].into()
}

#[tokio::test]
async fn a_remote_mcp_server_on_the_loopback_is_refused() {
    // 0.16.8 checks MCP URLs for a public address (no setting turns that off), so the test MCP
    // server's SSE endpoint is out of reach: the tests below use it over stdio.
    let client = client();
    let error = client
        .mcp_servers()
        .create(&McpServerCreate::new(
            unique("calc-sse"),
            McpTransport::Sse(
                RemoteTransport::new(server().mcp_sse_url()).with_auth("Authorization", "Bearer t"),
            ),
        ))
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(422), "{error}");
    assert!(
        error
            .detail()
            .unwrap_or_default()
            .contains("Non-public IP not allowed: 127.0.0.1"),
        "{error}"
    );
    let config = McpServerConfig::sse(unique("calc-sse"), server().mcp_sse_url());
    let error = client.tools().mcp().test_server(&config).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400), "{error}");
    assert_eq!(error.detail(), Some("Non-public IP not allowed: 127.0.0.1"));
}

#[tokio::test]
async fn an_mcp_server_by_id_lists_runs_refreshes_and_connects() {
    let _turn = MCP_TOOLS.lock().await;
    let client = client();
    let servers = client.mcp_servers();
    let name = unique("calc-by-id");
    let secret = "mcp-env-not-for-debug";
    let (command, args) = server().mcp_stdio_command();
    let transport = McpTransport::Stdio(
        letta_core::types::StdioTransport::builder()
            .command(command.clone())
            .args(args.clone())
            .env(stdio_env(secret))
            .build(),
    );
    let created = servers
        .create(&McpServerCreate::new(&name, transport))
        .await
        .unwrap();
    let id = created.id.clone().expect("a stored MCP server has an ID");
    assert_eq!(created.server_name, name);
    assert_eq!(created.mcp_server_type, Some(McpServerType::Stdio));
    assert_eq!(created.command.as_deref(), Some(command.as_str()));
    assert_eq!(created.args.as_deref(), Some(args.as_slice()));
    assert!(
        !format!("{created:?}").contains(secret),
        "Debug hides the env values"
    );

    assert!(
        servers
            .list()
            .await
            .unwrap()
            .iter()
            .any(|s| s.id.as_ref() == Some(&id))
    );
    let read = servers.retrieve(&id).await.unwrap();
    assert_eq!(
        (read.server_name.as_str(), read.command.as_deref()),
        (name.as_str(), Some(command.as_str()))
    );

    let tools = servers.list_tools(&id).await.unwrap();
    assert_eq!(
        tools.iter().filter_map(|t| t.name.as_deref()).collect::<Vec<_>>(),
        ["add"]
    );
    assert_eq!(tools[0].tool_type, ToolType::ExternalMcp);
    let add = servers.retrieve_tool(&id, &tools[0].id).await.unwrap();
    assert_eq!(add.id, tools[0].id);
    assert_eq!(
        add.json_schema.as_ref().unwrap()["parameters"]["properties"]["a"]["type"],
        "integer"
    );

    let run = servers.run_tool(&id, &add.id, &add_args(2, 3)).await.unwrap();
    assert_eq!(run.status, ToolReturnStatus::Success, "{run:?}");
    assert_eq!(run.func_return, Some(serde_json::json!("5")), "{run:?}");

    let renamed = unique("calc-renamed");
    let modified = servers
        .modify(
            &id,
            &McpServerUpdate::builder()
                .server_name(renamed.clone())
                .config(McpTransportUpdate::Stdio(StdioTransportUpdate::default()))
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(modified.server_name, renamed);
    assert_eq!(
        modified.command.as_deref(),
        Some(command.as_str()),
        "the process stays"
    );
    assert_eq!(servers.retrieve(&id).await.unwrap().server_name, renamed);

    let resync = servers.refresh_tools(&id, None).await.unwrap();
    assert!(resync.added.is_empty() && resync.deleted.is_empty(), "{resync:?}");

    let events = connect_events(servers.connect(&id).await.unwrap()).await;
    assert!(
        matches!(events.first(), Some(McpConnectEvent::ConnectionAttempt { .. })),
        "{events:?}"
    );
    assert_eq!(tool_names(events.last().unwrap()), ["add"]);

    servers.delete(&id).await.unwrap();
    assert!(servers.retrieve(&id).await.unwrap_err().is_not_found());
    assert!(
        servers
            .list()
            .await
            .unwrap()
            .iter()
            .all(|s| s.id.as_ref() != Some(&id))
    );
    assert!(
        client.tools().retrieve(&add.id).await.unwrap_err().is_not_found(),
        "its tools go with it"
    );
}

#[tokio::test]
async fn an_mcp_server_by_name_adds_tools_executes_and_resyncs() {
    let _turn = MCP_TOOLS.lock().await;
    let client = client();
    let mcp = client.tools().mcp();
    let name = unique("calc-by-name");
    let (command, args) = server().mcp_stdio_command();
    let config = McpServerConfig::stdio(&name, command.clone(), args.clone());

    // Test and connect touch nothing stored.
    let test = mcp.test_server(&config).await.unwrap();
    assert_eq!(test.status, "success", "{test:?}");
    assert_eq!(
        test.tools.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
        ["add"]
    );
    let events = connect_events(mcp.connect(&config).await.unwrap()).await;
    assert_eq!(tool_names(events.last().unwrap()), ["add"], "{events:?}");
    assert!(!mcp.list_servers().await.unwrap().contains_key(&name));

    let added = mcp.add_server(&config).await.unwrap();
    assert!(
        added.iter().any(|s| s.server_name() == Some(name.as_str())),
        "{added:?}"
    );
    match mcp.list_servers().await.unwrap().get(&name) {
        Some(McpServerConfig::Stdio(c)) => assert_eq!(c.command, command),
        other => panic!("{name}: {other:?}"),
    }
    let tools = mcp.list_tools(&name).await.unwrap();
    let add = tools.iter().find(|t| t.name == "add").expect("add");
    assert_eq!(add.input_schema["required"], serde_json::json!(["a", "b"]));

    let tool = mcp.add_tool(&name, "add").await.unwrap();
    assert_eq!(
        (tool.name.as_deref(), tool.tool_type.clone()),
        (Some("add"), ToolType::ExternalMcp)
    );
    assert!(tool.tags.contains(&format!("mcp:{name}")), "{:?}", tool.tags);

    let executed = mcp.execute_tool(&name, "add", &add_args(20, 22)).await.unwrap();
    assert!(executed.success, "{executed:?}");
    assert_eq!(executed.result, serde_json::json!("42"));

    let secret = "stdio-env-not-for-debug";
    let update = McpServerConfigUpdate::Stdio(
        StdioConfigUpdate::builder()
            .stdio_config(
                StdioServerConfig::builder()
                    .server_name(name.clone())
                    .command(command.clone())
                    .args(args.clone())
                    .env(stdio_env(secret))
                    .build(),
            )
            .build(),
    );
    assert!(
        !format!("{update:?}").contains(secret),
        "Debug hides the env values"
    );
    let updated = mcp.update_server(&name, &update).await.unwrap();
    assert_eq!(updated.server_name(), Some(name.as_str()));
    assert!(
        !format!("{updated:?}").contains(secret),
        "Debug hides the env values"
    );

    let resync = mcp.resync_tools(&name, None).await.unwrap();
    assert!(resync.deleted.is_empty() && resync.added.is_empty(), "{resync:?}");

    let left = mcp.delete_server(&name).await.unwrap();
    assert!(left.iter().all(|s| s.server_name() != Some(name.as_str())));
    assert!(!mcp.list_servers().await.unwrap().contains_key(&name));
}

#[tokio::test]
async fn an_oauth_callback_for_an_unknown_session_is_an_error_status() {
    let client = client();
    let answer = client
        .tools()
        .mcp()
        .oauth_callback(
            &McpOauthCallbackParams::builder()
                .state(unique("no-such-session"))
                .code("code")
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(answer.status, "error", "{answer:?}");
    assert!(answer.message.is_some_and(|m| !m.is_empty()));
}

#[tokio::test]
async fn unknown_mcp_servers_are_client_errors() {
    let client: LettaClient = client();
    let err = client
        .tools()
        .mcp()
        .list_tools(&unique("nowhere"))
        .await
        .unwrap_err();
    let status = err.status().map(|s| s.as_u16());
    assert!(matches!(status, Some(400 | 404)), "{err}");
}
