//! The tools group of Letta 0.16 (MCP servers by ID and by name, tool search and generation,
//! provider and readiness routes) against a loopback server: the exact request each method
//! sends, and how the answer decodes.

use futures_util::StreamExt;
use letta_core::error::StreamErrorKind;
use letta_core::ids::{AgentId, McpServerId, ProviderId, ToolId};
use letta_core::types::{
    McpConnectEvent, McpOauthCallbackParams, McpServerConfig, McpServerConfigUpdate, McpServerCreate,
    McpTransport, RemoteTransport, SearchMode, StreamableHttpConfigUpdate, ToolExecuteRequest,
    ToolReturnStatus, ToolSearch,
};
use letta_core::{LettaClient, LettaError, ServerVersion};
use serde_json::{Value, json};
use tokio::io::AsyncWriteExt;

mod support;

use support::{Next, Server, answer, serve};

const TOKEN: &str = "Bearer tok-5c1e7a";

const TOOL: &str = r#"{"id":"tool-1","name":"add","tool_type":"external_mcp","tags":["mcp:calc"],
    "json_schema":{"name":"add","parameters":{"type":"object","properties":{}}}}"#;

/// The JSON answer for each request line prefix; SSE bodies start with `data:`.
fn answer_for(request_line: &str) -> (&'static str, String) {
    let server = format!(
        r#"{{"id":"mcp_server-1","server_name":"calc","mcp_server_type":"streamable_http",
            "server_url":"http://h/mcp","auth_header":"Authorization","auth_token":"{TOKEN}"}}"#
    );
    let line = request_line;
    if line.starts_with("POST /v1/mcp-servers/ ") {
        ("200 OK", server)
    } else if line.starts_with("PATCH /v1/mcp-servers/mcp_server-1/refresh") {
        (
            "200 OK",
            r#"{"deleted":["old"],"updated":[],"added":["mul"]}"#.into(),
        )
    } else if line.starts_with("POST /v1/mcp-servers/mcp_server-1/tools/tool-1/run ") {
        ("200 OK", r#"{"status":"success","func_return":"3"}"#.into())
    } else if line.starts_with("GET /v1/mcp-servers/connect/mcp_server-1 ") {
        (
            "200 OK",
            concat!(
                "data: {\"event\": \"connection_attempt\", \"server_name\": \"calc\"}\n\n",
                "data: {\"event\": \"oauth_required\", \"message\": \"OAuth authentication required\"}\n\n",
                "data: {\"event\": \"authorization_url\", \"url\": \"https://auth/x?state=s1\", \"session_id\": \"s1\"}\n\n",
                "data: {\"event\": \"waiting_for_auth\", \"message\": \"Waiting for user authorization...\"}\n\n",
                "data: {\"event\": \"success\", \"tools\": [{\"name\": \"add\", \"inputSchema\": {}}]}\n\n",
            )
            .into(),
        )
    } else if line.starts_with("POST /v1/tools/mcp/servers/connect ") {
        // Cut before the final event.
        (
            "200 OK",
            "data: {\"event\": \"connection_attempt\", \"server_name\": \"web\"}\n\n".into(),
        )
    } else if line.starts_with("POST /v1/tools/search ") {
        (
            "200 OK",
            format!(
                r#"[{{"tool":{TOOL},"embedded_text":null,"fts_rank":1,"vector_rank":2,"combined_score":0.032}}]"#
            ),
        )
    } else if line.starts_with("PATCH /v1/tools/mcp/servers/web ") {
        (
            "200 OK",
            format!(
                r#"{{"server_name":"web","type":"streamable_http","server_url":"http://h/v2","auth_header":"Authorization","auth_token":"{TOKEN}"}}"#
            ),
        )
    } else if line.starts_with("GET /v1/tools/mcp/oauth/callback") {
        (
            "200 OK",
            r#"{"status":"success","message":"Authorization successful","server_url":"http://h/mcp"}"#.into(),
        )
    } else if line.starts_with("GET /v1/ready/ ") {
        ("200 OK", r#"{"version":"0.16.8","status":"ok"}"#.into())
    } else if line.starts_with("PATCH /v1/providers/provider-1/refresh ") {
        (
            "200 OK",
            r#"{"id":"provider-1","name":"mine","provider_type":"openai","provider_category":"byok",
                "api_key_enc":"enc-1","last_synced":"2026-12-01T10:00:00Z"}"#
                .into(),
        )
    } else {
        ("404 Not Found", r#"{"detail":"not scripted"}"#.into())
    }
}

async fn server() -> Server {
    serve(|request, socket| {
        Box::pin(async move {
            let (status, body) = answer_for(request.request_line());
            if body.starts_with("data:") {
                let text = format!(
                    "HTTP/1.1 {status}\r\ncontent-type: text/event-stream\r\ncontent-length: {}\r\n\r\n{body}",
                    body.len()
                );
                let _ = socket.write_all(text.as_bytes()).await;
            } else {
                answer(socket, status, &body).await;
            }
            Next::KeepOpen
        })
    })
    .await
}

fn client(server: &Server) -> LettaClient {
    LettaClient::builder()
        .base_url(&server.url)
        .server_version(ServerVersion::V0_16_8)
        .build()
        .unwrap()
}

/// The one request whose line starts with `prefix`: its line and JSON body.
fn sent(server: &Server, prefix: &str) -> (String, Value) {
    let matching: Vec<_> = server
        .all()
        .into_iter()
        .filter(|r| r.request_line().starts_with(prefix))
        .collect();
    assert_eq!(matching.len(), 1, "requests starting {prefix}: {matching:?}");
    let body = if matching[0].body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&matching[0].body).unwrap()
    };
    (matching[0].request_line().to_owned(), body)
}

#[tokio::test]
async fn an_mcp_server_is_created_refreshed_and_its_tool_run_by_id() {
    let server = server().await;
    let client = client(&server);
    let servers = client.mcp_servers();

    let transport = RemoteTransport::new("http://h/mcp").with_auth("Authorization", TOKEN);
    let created = servers
        .create(&McpServerCreate::new(
            "calc",
            McpTransport::StreamableHttp(transport),
        ))
        .await
        .unwrap();
    let (_, body) = sent(&server, "POST /v1/mcp-servers/ ");
    assert_eq!(
        body,
        json!({"server_name": "calc", "config": {"mcp_server_type": "streamable_http",
            "server_url": "http://h/mcp", "auth_header": "Authorization", "auth_token": TOKEN}})
    );
    assert_eq!(created.id, Some(McpServerId::new("mcp_server-1")));
    assert_eq!(created.auth_token.as_deref(), Some(TOKEN));
    assert!(!format!("{created:?}").contains(TOKEN), "{created:?}");

    let id = McpServerId::new("mcp_server-1");
    let changes = servers
        .refresh_tools(&id, Some(&AgentId::new("agent-1")))
        .await
        .unwrap();
    assert_eq!(
        (changes.deleted, changes.added),
        (vec!["old".to_owned()], vec!["mul".to_owned()])
    );
    servers.refresh_tools(&id, None).await.unwrap();
    let lines: Vec<String> = server
        .all()
        .iter()
        .map(|r| r.request_line().to_owned())
        .filter(|l| l.contains("/refresh"))
        .collect();
    assert_eq!(
        lines,
        [
            "PATCH /v1/mcp-servers/mcp_server-1/refresh?agent_id=agent-1 HTTP/1.1",
            "PATCH /v1/mcp-servers/mcp_server-1/refresh HTTP/1.1",
        ]
    );

    let args = json!({"a": 1, "b": 2}).as_object().cloned().unwrap();
    let result = servers
        .run_tool(&id, &ToolId::new("tool-1"), &ToolExecuteRequest::new(args))
        .await
        .unwrap();
    let (_, body) = sent(&server, "POST /v1/mcp-servers/mcp_server-1/tools/tool-1/run ");
    assert_eq!(body, json!({"args": {"a": 1, "b": 2}}));
    assert_eq!(result.status, ToolReturnStatus::Success);
    assert_eq!(result.func_return, Some(json!("3")));
}

#[tokio::test]
async fn a_connect_stream_ends_after_its_final_event_and_a_cut_one_is_an_error() {
    let server = server().await;
    let client = client(&server);

    let events: Vec<McpConnectEvent> = client
        .mcp_servers()
        .connect(&McpServerId::new("mcp_server-1"))
        .await
        .unwrap()
        .map(Result::unwrap)
        .collect()
        .await;
    assert_eq!(events.len(), 5, "{events:?}");
    assert_eq!(
        events[0],
        McpConnectEvent::ConnectionAttempt {
            server_name: Some("calc".into())
        }
    );
    assert_eq!(
        events[2],
        McpConnectEvent::AuthorizationUrl {
            url: Some("https://auth/x?state=s1".into()),
            session_id: Some("s1".into())
        }
    );
    assert!(matches!(&events[4], McpConnectEvent::Success { tools } if tools[0].name == "add"));

    let config = McpServerConfig::streamable_http("web", "http://h/mcp");
    let mut cut = client.tools().mcp().connect(&config).await.unwrap();
    let first = cut.next().await.unwrap().unwrap();
    assert!(matches!(first, McpConnectEvent::ConnectionAttempt { .. }));
    match cut.next().await {
        Some(Err(LettaError::Stream {
            kind: StreamErrorKind::Truncated,
            ..
        })) => {}
        other => panic!("expected a truncated stream, got {other:?}"),
    }
    let (_, body) = sent(&server, "POST /v1/tools/mcp/servers/connect ");
    assert_eq!(
        body,
        json!({"server_name": "web", "server_url": "http://h/mcp", "type": "streamable_http"})
    );
}

#[tokio::test]
async fn name_keyed_routes_send_their_shapes() {
    let server = server().await;
    let client = client(&server);
    let mcp = client.tools().mcp();

    let update = McpServerConfigUpdate::StreamableHttp(
        StreamableHttpConfigUpdate::builder()
            .server_url("http://h/v2")
            .auth_token(TOKEN)
            .build(),
    );
    assert!(!format!("{update:?}").contains(TOKEN));
    let updated = mcp.update_server("web", &update).await.unwrap();
    let (_, body) = sent(&server, "PATCH /v1/tools/mcp/servers/web ");
    assert_eq!(body, json!({"server_url": "http://h/v2", "auth_token": TOKEN}));
    match updated {
        McpServerConfig::StreamableHttp(config) => {
            assert_eq!(config.server_url, "http://h/v2");
            assert_eq!(config.auth_token.as_deref(), Some(TOKEN));
        }
        other => panic!("expected a streamable HTTP config, got {other:?}"),
    }

    let relayed = mcp
        .oauth_callback(&McpOauthCallbackParams::builder().code("c 1").state("s1").build())
        .await
        .unwrap();
    let (line, _) = sent(&server, "GET /v1/tools/mcp/oauth/callback");
    assert_eq!(
        line,
        "GET /v1/tools/mcp/oauth/callback?code=c+1&state=s1 HTTP/1.1"
    );
    assert_eq!(relayed.status, "success");
    assert_eq!(relayed.server_url.as_deref(), Some("http://h/mcp"));
}

#[tokio::test]
async fn tool_search_sends_only_what_is_set_and_refuses_a_limit_out_of_range() {
    let server = server().await;
    let client = client(&server);

    let search = ToolSearch::builder()
        .query("add numbers")
        .search_mode(SearchMode::Fts)
        .limit(5)
        .build();
    let found = client.tools().search(&search).await.unwrap();
    let (_, body) = sent(&server, "POST /v1/tools/search ");
    assert_eq!(
        body,
        json!({"query": "add numbers", "search_mode": "fts", "limit": 5})
    );
    assert_eq!(found[0].tool.name.as_deref(), Some("add"));
    assert_eq!((found[0].fts_rank, found[0].vector_rank), (Some(1), Some(2)));
    assert_eq!(found[0].combined_score, 0.032);

    let too_many = ToolSearch::builder().query("x").limit(101).build();
    let error = client.tools().search(&too_many).await.unwrap_err();
    assert!(matches!(error, LettaError::InvalidInput(_)), "{error:?}");
    assert_eq!(server.count("POST /v1/tools/search "), 1);
}

#[tokio::test]
async fn readiness_and_provider_refresh_decode() {
    let server = server().await;
    let client = client(&server);

    let ready = client.health().ready().await.unwrap();
    assert_eq!((ready.version.as_str(), ready.status.as_str()), ("0.16.8", "ok"));

    let provider = client
        .providers()
        .refresh_models(&ProviderId::new("provider-1"))
        .await
        .unwrap();
    assert_eq!(provider.api_key_enc.as_deref(), Some("enc-1"));
    assert!(provider.last_synced.is_some());
    assert!(!format!("{provider:?}").contains("enc-1"));
    let (line, body) = sent(&server, "PATCH /v1/providers/provider-1/refresh ");
    assert_eq!(line, "PATCH /v1/providers/provider-1/refresh HTTP/1.1");
    assert_eq!(body, Value::Null);
}
