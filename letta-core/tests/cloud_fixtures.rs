//! Operations the local Letta server cannot serve, against a local fake server (`wiremock`):
//! the Letta Cloud-only ones (agent search, templates, memory variables) and the Composio ones
//! (the server relays them to Composio, which needs an API key and network access).
//!
//! The fixtures in `tests/fixtures/` are shaped like the answers the Python SDK
//! (`letta_client` 0.1.324) and the 0.7.29 OpenAPI document describe. They check that requests
//! go to the right route with the right body and that answers decode; they are not verified
//! against Letta Cloud or Composio.

use letta_core::LettaClient;
use letta_core::ids::AgentId;
use letta_core::types::{
    AgentSearchFilter, AgentSearchRequest, AgentTemplateCreate, AgentTemplateVersionCreate, AuthMode,
    MigrateAgent, ToolType,
};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const AGENT: &str = "agent-7f2c4b1e-0d9a-4c3b-8e5f-1a2b3c4d5e6f";

fn fixture(name: &str) -> Value {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(&file).expect("fixture")).expect("fixture JSON")
}

async fn fake(route_method: &str, route: &str, status: u16, answer: Value) -> (MockServer, LettaClient) {
    let server = MockServer::start().await;
    Mock::given(method(route_method))
        .and(path(route))
        .respond_with(ResponseTemplate::new(status).set_body_json(answer))
        .expect(1)
        .mount(&server)
        .await;
    let client = LettaClient::new(server.uri()).expect("client");
    (server, client)
}

/// The JSON body of the one request the fake server received.
async fn sent_body(server: &MockServer) -> Value {
    let requests = server.received_requests().await.expect("recording");
    assert_eq!(requests.len(), 1);
    serde_json::from_slice(&requests[0].body).unwrap_or(Value::Null)
}

#[tokio::test]
async fn search_agents_sends_the_filters_and_pages_with_next_cursor() {
    let answer = json!({"agents": [fixture("agent_state.json")], "nextCursor": "agent-next"});
    let (server, client) = fake("POST", "/v1/agents/search", 200, answer).await;
    let found = client
        .agents()
        .search(
            &AgentSearchRequest::builder()
                .search([
                    AgentSearchFilter::name_contains("support"),
                    AgentSearchFilter::tags(vec!["prod".into()]),
                    AgentSearchFilter::version("3"),
                ])
                .project_id("project-1")
                .combinator("AND")
                .limit(10)
                .sort_by("created_at")
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(found.agents.len(), 1);
    assert_eq!(found.agents[0].tags, vec!["fixture"]);
    assert_eq!(found.next_cursor.as_deref(), Some("agent-next"));
    assert_eq!(
        sent_body(&server).await,
        json!({
            "search": [
                {"field": "name", "operator": "contains", "value": "support"},
                {"field": "tags", "operator": "contains", "value": ["prod"]},
                {"field": "version", "value": "3"}
            ],
            "project_id": "project-1",
            "combinator": "AND",
            "limit": 10,
            "sortBy": "created_at"
        })
    );
}

#[tokio::test]
async fn memory_variables_of_a_template_agent() {
    let route = format!("/v1/agents/{AGENT}/core-memory/variables");
    let (_server, client) = fake("GET", &route, 200, fixture("memory_variables.json")).await;
    let variables = client
        .agents()
        .memory_variables(&AgentId::new(AGENT))
        .await
        .unwrap();
    assert_eq!(variables.variables["customer_name"], "Ada Lovelace");
    assert_eq!(variables.variables.len(), 2);
}

#[tokio::test]
async fn a_missing_agent_has_no_memory_variables() {
    let route = format!("/v1/agents/{AGENT}/core-memory/variables");
    let (_server, client) = fake("GET", &route, 404, json!({"detail": "Agent not found"})).await;
    let err = client
        .agents()
        .memory_variables(&AgentId::new(AGENT))
        .await
        .unwrap_err();
    assert!(err.is_not_found());
    assert_eq!(err.detail(), Some("Agent not found"));
}

#[tokio::test]
async fn create_a_template_from_an_agent() {
    let route = format!("/v1/agents/{AGENT}/template");
    let (server, client) = fake("POST", &route, 200, Value::Null).await;
    client
        .agents()
        .templates(AGENT)
        .create(&AgentTemplateCreate::builder().project("default-project").build())
        .await
        .unwrap();
    assert_eq!(sent_body(&server).await, json!({"project": "default-project"}));
}

#[tokio::test]
async fn a_new_template_version_can_answer_with_the_agent() {
    let route = format!("/v1/agents/{AGENT}/version-template");
    let (server, client) = fake("POST", &route, 200, fixture("agent_state.json")).await;
    let agent = client
        .agents()
        .templates(AGENT)
        .create_version(
            &AgentTemplateVersionCreate::builder()
                .return_agent_state(true)
                .migrate_deployed_agents(false)
                .build(),
        )
        .await
        .unwrap()
        .expect("the agent state was asked for");
    assert_eq!(agent.llm_config.model, "scripted-model");
    assert_eq!(
        sent_body(&server).await,
        json!({"return_agent_state": true, "migrate_deployed_agents": false})
    );

    let (_server, client) = fake("POST", &route, 200, Value::Null).await;
    let nothing = client
        .agents()
        .templates(AGENT)
        .create_version(&Default::default())
        .await
        .unwrap();
    assert!(nothing.is_none());
}

#[tokio::test]
async fn migrate_an_agent_to_a_template_version() {
    let route = format!("/v1/agents/{AGENT}/migrate");
    let (server, client) = fake("POST", &route, 200, fixture("migrate_agent.json")).await;
    let migrated = client
        .agents()
        .templates(AGENT)
        .migrate(
            &MigrateAgent::builder()
                .to_template("support-bot:2")
                .preserve_core_memories(false)
                .variables([("customer_name".to_string(), "Ada".to_string())].into())
                .build(),
        )
        .await
        .unwrap();
    assert!(migrated.success);
    assert_eq!(
        sent_body(&server).await,
        json!({
            "to_template": "support-bot:2",
            "preserve_core_memories": false,
            "variables": {"customer_name": "Ada"}
        })
    );
    let refused = client
        .agents()
        .templates(AGENT)
        .migrate(&MigrateAgent::default())
        .await
        .unwrap_err();
    assert!(
        matches!(refused, letta_core::LettaError::InvalidInput(_)),
        "{refused}"
    );
}

#[tokio::test]
async fn composio_apps_decode() {
    let (_server, client) = fake(
        "GET",
        "/v1/tools/composio/apps",
        200,
        fixture("composio_apps.json"),
    )
    .await;
    let apps = client.tools().composio().list_apps().await.unwrap();
    assert_eq!(apps.len(), 2);
    let github = &apps[0];
    assert_eq!(
        (github.key.as_str(), github.app_id.as_str()),
        ("github", "01e22f33-dc3f-46ae-b58d-050e4d2d1909")
    );
    assert_eq!(github.meta["actionsCount"], 812);
    let scheme = &github.auth_schemes.as_ref().unwrap()[0];
    assert_eq!(scheme.auth_mode, AuthMode::Oauth2);
    assert_eq!(scheme.fields[0].field_type, "string");
    assert!(scheme.fields[0].required);
    assert_eq!(github.test_connectors.as_ref().unwrap()[0]["name"], "composio");
    assert!(apps[1].no_auth && apps[1].auth_schemes.is_none());
}

#[tokio::test]
async fn composio_actions_decode() {
    let (_server, client) = fake(
        "GET",
        "/v1/tools/composio/apps/github/actions",
        200,
        fixture("composio_actions.json"),
    )
    .await;
    let actions = client.tools().composio().list_actions("github").await.unwrap();
    let star = &actions[0];
    assert_eq!(star.name, "GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER");
    assert_eq!(star.app_name, "github");
    assert_eq!(
        star.parameters.required,
        Some(vec!["owner".to_string(), "repo".to_string()])
    );
    assert_eq!(star.parameters.properties["owner"]["type"], "string");
    assert_eq!(star.response.schema_type, "object");
    assert_eq!(star.tags, vec!["activity", "important"]);
}

#[tokio::test]
async fn a_composio_action_becomes_a_tool() {
    let action = "GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER";
    let route = format!("/v1/tools/composio/{action}");
    let (_server, client) = fake("POST", &route, 200, fixture("composio_tool.json")).await;
    let tool = client.tools().composio().add_tool(action).await.unwrap();
    assert_eq!(tool.tool_type, ToolType::ExternalComposio);
    assert_eq!(
        tool.name.as_deref(),
        Some("github_star_a_repository_for_the_authenticated_user")
    );
    assert_eq!(tool.tags, vec!["composio"]);
    assert_eq!(
        tool.json_schema.unwrap()["parameters"]["required"],
        json!(["owner", "repo", "request_heartbeat"])
    );
}

#[tokio::test]
async fn composio_errors_keep_the_servers_detail() {
    let route = "/v1/tools/composio/NOT_AN_ACTION";
    let detail = json!({"code": "EnumStringNotFound", "message": "Invalid value `NOT_AN_ACTION`", "composio_action_name": "NOT_AN_ACTION"});
    let (_server, client) = fake("POST", route, 400, json!({ "detail": detail })).await;
    let err = client
        .tools()
        .composio()
        .add_tool("NOT_AN_ACTION")
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    assert!(err.detail().unwrap().contains("EnumStringNotFound"), "{err}");
}

#[tokio::test]
async fn add_composio_tool_sends_no_body() {
    let (server, client) = fake("POST", "/v1/tools/composio/X", 200, fixture("composio_tool.json")).await;
    client.tools().composio().add_tool("X").await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert!(requests[0].body.is_empty());
    assert!(!requests[0].headers.contains_key("content-type"));
}
