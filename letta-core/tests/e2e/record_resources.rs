//! Records real answers for sources, providers, models, sandboxes, admin and MCP as JSON
//! fixtures for `tests/decode_resources.rs`.
//!
//! ```text
//! cargo test -p letta-core --test e2e record_resource_fixtures -- --ignored
//! ```

use std::path::PathBuf;
use std::time::Duration;

use letta_core::types::{FileUpload, McpServerConfig, SourceCreate};

use crate::{client, embedding_config, server, unique};

async fn fetch(path: &str) -> String {
    let response = reqwest::get(format!("{}{path}", server().base_url()))
        .await
        .unwrap();
    assert!(response.status().is_success(), "{path}: {}", response.status());
    response.text().await.unwrap()
}

async fn send(method: reqwest::Method, path: &str, body: serde_json::Value) -> String {
    let response = reqwest::Client::new()
        .request(method, format!("{}{path}", server().base_url()))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{path}: {}", response.status());
    response.text().await.unwrap()
}

fn save(name: &str, text: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let value: serde_json::Value = serde_json::from_str(text).unwrap();
    std::fs::write(dir.join(name), serde_json::to_string_pretty(&value).unwrap()).unwrap();
}

#[tokio::test]
#[ignore = "writes fixtures; run by hand after a server upgrade"]
async fn record_resource_fixtures() {
    let client = client();
    let source = client
        .sources()
        .create(
            &SourceCreate::builder()
                .name(unique("fixture"))
                .embedding_config(embedding_config())
                .description("Fixture source")
                .build(),
        )
        .await
        .unwrap();
    save("source.json", &fetch(&format!("/v1/sources/{}", source.id)).await);
    let job = client
        .sources()
        .upload(
            &source.id,
            &FileUpload::new("ada.txt", "Ada Lovelace wrote the first program."),
            &Default::default(),
        )
        .await
        .unwrap()
        .job()
        .expect("0.7.29 answers an upload with a job")
        .clone();
    client
        .sources()
        .wait_for_job(&job, Duration::from_secs(90))
        .await
        .unwrap();
    save("job.json", &fetch(&format!("/v1/jobs/{}", job.id)).await);
    save(
        "source_files.json",
        &fetch(&format!("/v1/sources/{}/files", source.id)).await,
    );
    save(
        "source_passages.json",
        &fetch(&format!("/v1/sources/{}/passages", source.id)).await,
    );

    let provider = send(
        reqwest::Method::POST,
        "/v1/providers/",
        serde_json::json!({"name": unique("fixture"), "provider_type": "anthropic", "api_key": "sk-ant-fixture"}),
    )
    .await;
    save("provider.json", &provider);
    save("models.json", &fetch("/v1/models/").await);
    save("embedding_models.json", &fetch("/v1/models/embedding").await);

    let local = send(
        reqwest::Method::POST,
        "/v1/sandbox-config/local/default",
        serde_json::json!(null),
    )
    .await;
    save("sandbox_config.json", &local);
    let local_id = serde_json::from_str::<serde_json::Value>(&local).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let var = send(
        reqwest::Method::POST,
        &format!("/v1/sandbox-config/{local_id}/environment-variable"),
        serde_json::json!({"key": unique("FIXTURE").replace('-', "_"), "value": "v", "description": "fixture"}),
    )
    .await;
    save("sandbox_env_var.json", &var);

    let org = send(
        reqwest::Method::POST,
        "/v1/admin/orgs/",
        serde_json::json!({"name": unique("fixture-org")}),
    )
    .await;
    save("organization.json", &org);
    let org_id = serde_json::from_str::<serde_json::Value>(&org).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    save(
        "user.json",
        &send(
            reqwest::Method::POST,
            "/v1/admin/users/",
            serde_json::json!({"name": unique("fixture-user"), "organization_id": org_id}),
        )
        .await,
    );

    let mcp_name = unique("fixture-mcp");
    client
        .tools()
        .mcp()
        .add_server(&McpServerConfig::sse(&mcp_name, server().mcp_sse_url()))
        .await
        .unwrap();
    save(
        "mcp_tools.json",
        &fetch(&format!("/v1/tools/mcp/servers/{mcp_name}/tools")).await,
    );
    client.tools().mcp().delete_server(&mcp_name).await.unwrap();
}
