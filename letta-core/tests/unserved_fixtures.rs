//! Self-hosted operations the real 0.7.29 server cannot answer successfully, against a local fake
//! server (`wiremock`), so their request and answer shapes are still checked:
//!
//! - `authenticate_user_v1_auth_post`: 0.7.29's handler calls `SyncServer` methods that no longer
//!   exist, so it always answers 500 (the e2e suite checks that). The fixture
//!   `auth_response.json` is shaped like the OpenAPI `AuthResponse` and the Python SDK's model;
//!   it is not verified on a real server.
//! - `modify_passage` as its schema describes it (a list of passages): 0.7.29 applies the change
//!   and then fails to encode its answer (the e2e suite covers that path).

use letta_core::LettaClient;
use letta_core::types::{Passage, PassageUpdate};
use serde_json::{Value, json};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn fixture(name: &str) -> Value {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(&file).expect("fixture")).expect("fixture JSON")
}

#[tokio::test]
async fn authenticate_sends_the_password_and_decodes_the_user() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/auth"))
        .and(body_json(json!({"password": "s3cret"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("auth_response.json")))
        .expect(1)
        .mount(&server)
        .await;
    let client = LettaClient::new(server.uri()).unwrap();
    let me = client.auth().authenticate("s3cret").await.unwrap();
    assert_eq!(me.uuid, "00000000-0000-4000-8000-000000000000");
    assert_eq!(me.is_admin, Some(true));
}

#[tokio::test]
async fn modify_passage_takes_the_passage_from_a_list_answer() {
    let passages = fixture("passages.json");
    let stored: Passage = serde_json::from_value(passages[0].clone()).unwrap();
    let agent = stored.agent_id.clone().unwrap();
    let mut changed = passages[0].clone();
    changed["text"] = json!("rewritten");
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path(format!("/v1/agents/{agent}/archival-memory/{}", stored.id)))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([changed])))
        .expect(1)
        .mount(&server)
        .await;
    // A stand-in for 0.7.29, the only server that serves archival PATCH: said up front, so the
    // client does not ask this fake server for its version.
    let client = LettaClient::builder()
        .base_url(server.uri())
        .server_version(letta_core::ServerVersion::V0_7_29)
        .build()
        .unwrap();
    let update = PassageUpdate::from_passage(&stored).text("rewritten").build();
    let updated = client.agents().archival(&agent).modify(&update).await.unwrap();
    assert_eq!(updated.id, stored.id);
    assert_eq!(updated.text, "rewritten");

    let requests = server.received_requests().await.unwrap();
    let sent: Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(sent["id"], stored.id.as_str());
    assert_eq!(sent["text"], "rewritten");
    assert!(sent["embedding"].is_array() && sent["embedding_config"].is_object());
}
