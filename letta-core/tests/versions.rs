//! One client for Letta 0.7.x and 0.16: an operation the server does not serve is refused before
//! anything is sent, the version is learned once, and the operations the two APIs shape
//! differently go out in the connected server's shape. Against loopback servers that report a
//! version and record what reaches them (the same checks run on the real servers in the e2e
//! suites).

use letta_core::ids::{AgentId, PassageId};
use letta_core::operations::{self, HttpMethod};
use letta_core::types::ProviderType;
use letta_core::{ApiLevel, LettaClient, LettaError, ServerVersion};

mod support;

use support::{Next, Server, answer, serve};

/// A server that reports `version` on `GET /v1/health/` and answers anything else with `{}`.
async fn server_of(version: &'static str) -> Server {
    serve(move |request, socket| {
        Box::pin(async move {
            if request.request_line().starts_with("GET /v1/health/ ") {
                let body = format!(r#"{{"version":"{version}","status":"ok"}}"#);
                answer(socket, "200 OK", &body).await;
            } else {
                answer(
                    socket,
                    "200 OK",
                    r#"{"message":"Valid api key for provider_type=openai"}"#,
                )
                .await;
            }
            Next::KeepOpen
        })
    })
    .await
}

fn client(server: &Server, version: Option<ServerVersion>) -> LettaClient {
    let builder = LettaClient::builder().base_url(&server.url);
    match version {
        Some(version) => builder.server_version(version),
        None => builder,
    }
    .build()
    .unwrap()
}

fn passage_delete_request() -> letta_core::Request {
    // `modify_passage`: 0.16 removed archival PATCH.
    operations::modify_passage(&AgentId::new("agent-1"), &PassageId::new("passage-1"))
        .json(&serde_json::json!({"text": "x"}))
}

#[tokio::test]
async fn an_operation_the_server_does_not_serve_is_refused_with_nothing_on_the_wire() {
    let server = server_of("0.16.8").await;
    // Told the version: not even the health check goes out.
    let told = client(&server, Some(ServerVersion::V0_16_8));
    let error = told
        .call::<serde_json::Value>(passage_delete_request())
        .await
        .unwrap_err();
    match &error {
        LettaError::NotServed {
            operation,
            method,
            path,
            server_version,
            hint,
        } => {
            assert_eq!(*operation, "modify_passage");
            assert_eq!(*method, HttpMethod::Patch);
            assert_eq!(*path, "/v1/agents/{agent_id}/archival-memory/{memory_id}");
            assert_eq!(server_version, "0.16.8");
            assert!(hint.contains("0.7.x"), "{hint}");
        }
        other => panic!("expected NotServed, got {other:?}"),
    }
    assert_eq!(
        error.to_string(),
        "PATCH /v1/agents/{agent_id}/archival-memory/{memory_id} (modify_passage) is not served by \
         Letta 0.16.8: only Letta 0.7.x serves it (0.16 removed it); nothing was sent"
    );
    assert!(error.is_client_side());
    assert_eq!(error.failure_class(), letta_core::FailureClass::Refused);
    assert_eq!(server.connections.load(std::sync::atomic::Ordering::SeqCst), 0);

    // And the other way round: a 0.16 operation against 0.7.29.
    let old = client(&server, Some(ServerVersion::V0_7_29));
    let error = old
        .call::<serde_json::Value>(operations::list_conversations())
        .await
        .unwrap_err();
    assert!(
        matches!(&error, LettaError::NotServed { operation: "list_conversations", server_version, .. } if server_version == "0.7.29"),
        "{error:?}"
    );
    assert!(error.to_string().contains("Letta 0.16 added it"), "{error}");
    assert_eq!(server.connections.load(std::sync::atomic::Ordering::SeqCst), 0);
}

#[tokio::test]
async fn the_version_is_learned_once_from_the_health_check() {
    let server = server_of("0.7.29").await;
    let client = client(&server, None);
    for _ in 0..3 {
        let error = client
            .call::<serde_json::Value>(operations::list_conversations())
            .await
            .unwrap_err();
        assert!(matches!(error, LettaError::NotServed { .. }), "{error:?}");
    }
    // A clone shares what was learned.
    let error = client
        .clone()
        .call::<serde_json::Value>(operations::list_folders())
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            LettaError::NotServed {
                operation: "list_folders",
                ..
            }
        ),
        "{error:?}"
    );
    let lines: Vec<String> = server.all().iter().map(|r| r.request_line().to_owned()).collect();
    assert_eq!(lines, ["GET /v1/health/ HTTP/1.1"]);
    assert_eq!(
        client.server_version().await.unwrap(),
        Some(ServerVersion::V0_7_29)
    );
    assert_eq!(client.api_level().await.unwrap(), ApiLevel::V0_7);

    // Operations both servers serve never wait for the version.
    let fresh = LettaClient::new(&server.url).unwrap();
    let _: serde_json::Value = fresh.call(operations::list_agents()).await.unwrap();
    assert_eq!(server.count("GET /v1/health/"), 1);
}

#[tokio::test]
async fn a_server_of_an_unchecked_version_gets_every_operation() {
    // 0.12 sits between the two documents: the table cannot tell what it serves.
    let server = server_of("0.12.1").await;
    let client = client(&server, None);
    let _: serde_json::Value = client.call(passage_delete_request()).await.unwrap();
    let _: serde_json::Value = client.call(operations::list_conversations()).await.unwrap();
    assert_eq!(client.api_level().await.unwrap(), ApiLevel::Unknown);
    assert_eq!(
        server.count("PATCH /v1/agents/agent-1/archival-memory/passage-1 "),
        1
    );
    assert_eq!(server.count("GET /v1/conversations/ "), 1);

    // Nor does a version this client cannot read block anything.
    let odd = server_of("nightly").await;
    let client = self::client(&odd, None);
    let _: serde_json::Value = client.call(passage_delete_request()).await.unwrap();
    assert_eq!(client.server_version().await.unwrap(), None);
}

#[tokio::test]
async fn reset_messages_sends_its_flag_where_the_server_reads_it() {
    for (version, expected_line, expected_body) in [
        (
            "0.7.29",
            "PATCH /v1/agents/agent-1/reset-messages?add_default_initial_messages=true ",
            "",
        ),
        (
            "0.16.8",
            "PATCH /v1/agents/agent-1/reset-messages ",
            r#"{"add_default_initial_messages":true}"#,
        ),
    ] {
        let server = server_of(version).await;
        let client = client(&server, None);
        // The loopback answer is no agent: only what was sent matters here.
        let error = client
            .agents()
            .messages(AgentId::new("agent-1"))
            .reset(true)
            .await
            .unwrap_err();
        assert!(matches!(error, LettaError::Decode { .. }), "{error:?}");
        let sent: Vec<_> = server
            .all()
            .into_iter()
            .filter(|r| r.request_line().contains("reset-messages"))
            .collect();
        assert_eq!(sent.len(), 1, "{version}");
        assert!(
            sent[0].request_line().starts_with(expected_line),
            "{version}: {}",
            sent[0].head
        );
        assert_eq!(String::from_utf8_lossy(&sent[0].body), expected_body, "{version}");
    }
}

#[tokio::test]
async fn a_provider_check_goes_out_in_the_servers_shape_and_keeps_the_key_out_of_the_url() {
    for version in ["0.7.29", "0.16.8"] {
        let server = server_of(version).await;
        let client = client(&server, None);
        let checked = client
            .providers()
            .check(ProviderType::Openai, "sk-checked")
            .await
            .unwrap();
        assert_eq!(checked.message, "Valid api key for provider_type=openai");
        let sent: Vec<_> = server
            .all()
            .into_iter()
            .filter(|r| r.request_line().contains("/v1/providers/check"))
            .collect();
        assert_eq!(sent.len(), 1);
        let (line, head, body) = (
            sent[0].request_line(),
            &sent[0].head,
            String::from_utf8_lossy(&sent[0].body),
        );
        assert!(!line.contains("sk-checked"), "{line}");
        if version == "0.7.29" {
            assert!(
                line.starts_with("GET /v1/providers/check?provider_type=openai "),
                "{line}"
            );
            assert!(
                head.to_ascii_lowercase().contains("x-api-key: sk-checked"),
                "{head}"
            );
        } else {
            assert!(line.starts_with("POST /v1/providers/check "), "{line}");
            let body: serde_json::Value = serde_json::from_str(&body).unwrap();
            assert_eq!(
                body,
                serde_json::json!({"provider_type": "openai", "api_key": "sk-checked"})
            );
        }
    }
}

#[tokio::test]
async fn a_server_without_a_health_route_is_one_of_unknown_version() {
    // A gateway that does not pass the health check through: answered once, then remembered.
    let server = serve(|request, socket| {
        Box::pin(async move {
            if request.request_line().starts_with("GET /v1/health/ ") {
                answer(socket, "404 Not Found", r#"{"detail":"Not Found"}"#).await;
            } else {
                answer(socket, "200 OK", "{}").await;
            }
            Next::KeepOpen
        })
    })
    .await;
    let client = client(&server, None);
    for _ in 0..2 {
        let _: serde_json::Value = client.call(passage_delete_request()).await.unwrap();
    }
    assert_eq!(client.server_version().await.unwrap(), None);
    assert_eq!(server.count("GET /v1/health/"), 1);
    assert_eq!(server.count("PATCH "), 2);

    // A health check that never gets an answer is not remembered: the error is the caller's.
    let gone = LettaClient::new("http://127.0.0.1:1").unwrap();
    let error = gone
        .call::<serde_json::Value>(passage_delete_request())
        .await
        .unwrap_err();
    assert!(error.is_connect(), "{error:?}");
    assert!(error.to_string().contains("/v1/health/"), "{error}");
}
