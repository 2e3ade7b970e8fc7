use letta_core::types::{AgentType, MessageCreate};
use letta_core::{LettaClient, LettaError};

use crate::{agent_request, client, unique};

#[tokio::test]
async fn not_found_carries_status_detail_and_request() {
    let err = client()
        .agents()
        .retrieve(&"agent-00000000-0000-4000-8000-000000000000".into())
        .await
        .unwrap_err();
    match &err {
        LettaError::Api {
            status,
            method,
            path,
            detail,
            ..
        } => {
            assert_eq!(status.as_u16(), 404);
            assert_eq!(method.as_str(), "GET");
            assert_eq!(path, "/v1/agents/agent-00000000-0000-4000-8000-000000000000");
            assert!(
                detail
                    .as_deref()
                    .unwrap_or("")
                    .to_lowercase()
                    .contains("not found"),
                "{detail:?}"
            );
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn validation_error_422_flattens_the_detail() {
    let request = agent_request(&unique("invalid"))
        .agent_type(AgentType::Other("no_such_agent_type".into()))
        .build();
    let err = client().agents().create(&request).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(422), "{err}");
    let detail = err.detail().unwrap_or_default();
    assert!(detail.contains("agent_type"), "{detail}");
    assert!(err.to_string().contains("POST /v1/agents/"), "{err}");
}

#[tokio::test]
async fn unreachable_server_is_a_connect_error_that_names_the_request() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = LettaClient::new(format!("http://127.0.0.1:{port}")).unwrap();
    let err = client
        .agents()
        .messages("agent-x")
        .send(MessageCreate::user("hi"))
        .await
        .unwrap_err();
    assert!(err.is_connect(), "{err:?}");
    // A default client sends without the tower stack; a refused connection never reached the
    // server, so the send is safe to retry.
    assert!(
        matches!(&err, LettaError::Transport { maybe_sent: false, method, .. } if method.as_str() == "POST"),
        "{err:?}"
    );
    let text = err.to_string();
    assert!(text.contains("POST /v1/agents/agent-x/messages"), "{text}");
    assert!(text.contains("is it running"), "{text}");
    assert!(
        !text.contains(&port.to_string()),
        "the URL stays out of errors: {text}"
    );
}
