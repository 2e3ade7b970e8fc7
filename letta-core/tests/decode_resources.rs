//! Decoding of sources, jobs, providers, models, sandboxes, users, organizations and MCP tools
//! from answers recorded on the real Letta 0.7.29 server (`tests/fixtures/`, written by the
//! `record_resource_fixtures` e2e test), and a check that each decoded type keeps every property
//! the OpenAPI document declares for it.

use letta_core::types::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

mod source;

fn fixture<T: DeserializeOwned>(name: &str) -> T {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let text = std::fs::read_to_string(&file).expect("fixture");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The properties of `schema` that `value`, encoded again, does not carry.
fn dropped<T: Serialize>(schema: &str, value: &T) -> Vec<String> {
    let declared = source::openapi()["components"]["schemas"][schema]["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("no schema {schema}"));
    let encoded = serde_json::to_value(value).unwrap();
    declared
        .keys()
        .filter(|key| encoded.get(key.as_str()).is_none())
        .cloned()
        .collect()
}

#[test]
fn source_job_files_and_passages() {
    let source: Source = fixture("source.json");
    assert!(source.id.as_str().starts_with("source-"));
    assert_eq!(source.description.as_deref(), Some("Fixture source"));
    assert_eq!(source.embedding_config.embedding_model, "scripted-embedding");
    assert!(source.created_at.is_some());
    assert_eq!(dropped("Source", &source), Vec::<String>::new());

    let job: Job = fixture("job.json");
    assert_eq!(job.status, JobStatus::Completed);
    assert_eq!(job.job_type, JobType::Job);
    assert_eq!((job.num_passages(), job.num_documents()), (Some(1), Some(1)));
    assert_eq!(job.metadata.as_ref().unwrap()["filename"], "ada.txt");
    assert!(job.completed_at.is_some());
    assert_eq!(dropped("Job", &job), Vec::<String>::new());

    let files: Vec<FileMetadata> = fixture("source_files.json");
    assert_eq!(files[0].source_id, source.id);
    assert_eq!(files[0].file_type.as_deref(), Some("text/plain"));
    assert_eq!(files[0].file_size, Some(37));
    assert_eq!(dropped("FileMetadata", &files[0]), Vec::<String>::new());

    let passages: Vec<Passage> = fixture("source_passages.json");
    assert_eq!(passages[0].text, "Ada Lovelace wrote the first program.");
    assert_eq!(passages[0].source_id.as_deref(), Some(source.id.as_str()));
    assert_eq!(passages[0].file_id.as_deref(), Some(files[0].id.as_str()));
    assert_eq!(dropped("Passage", &passages[0]), Vec::<String>::new());
}

#[test]
fn provider_and_models() {
    let provider: Provider = fixture("provider.json");
    assert_eq!(provider.provider_type, ProviderType::Anthropic);
    assert_eq!(provider.provider_category, ProviderCategory::Byok);
    assert_eq!(provider.api_key.as_deref(), Some("sk-ant-fixture"));
    assert!(!format!("{provider:?}").contains("sk-ant-fixture"));
    assert_eq!(dropped("Provider", &provider), Vec::<String>::new());

    let models: Vec<LlmConfig> = fixture("models.json");
    assert!(
        models
            .iter()
            .any(|m| m.handle.as_deref() == Some("openai-proxy/scripted-model") && m.context_window == 16384)
    );
    let embeddings: Vec<EmbeddingConfig> = fixture("embedding_models.json");
    assert!(
        embeddings
            .iter()
            .any(|e| e.handle.as_deref() == Some("letta/letta-free"))
    );
}

#[test]
fn sandbox_config_and_environment_variable() {
    let config: SandboxConfig = fixture("sandbox_config.json");
    assert_eq!(config.sandbox_type, SandboxType::Local);
    let local = config.local().unwrap();
    assert!(!local.use_venv);
    assert_eq!(local.venv_name, "venv");
    assert!(
        local
            .sandbox_dir
            .as_deref()
            .unwrap()
            .ends_with("tool_execution_dir")
    );
    assert_eq!(dropped("SandboxConfig", &config), Vec::<String>::new());

    let var: SandboxEnvironmentVariable = fixture("sandbox_env_var.json");
    assert_eq!(var.sandbox_config_id, config.id);
    assert_eq!(
        (var.value.as_str(), var.description.as_deref()),
        ("v", Some("fixture"))
    );
    assert_eq!(dropped("SandboxEnvironmentVariable", &var), Vec::<String>::new());
}

#[test]
fn user_and_organization() {
    let org: Organization = fixture("organization.json");
    assert!(org.id.as_str().starts_with("org-"));
    assert!(!org.privileged_tools);
    assert_eq!(dropped("Organization", &org), Vec::<String>::new());

    let user: User = fixture("user.json");
    assert_eq!(user.organization_id.as_ref(), Some(&org.id));
    assert!(!user.is_deleted);
    assert_eq!(dropped("User", &user), Vec::<String>::new());
}

#[test]
fn mcp_tools_and_server_configs() {
    let tools: Vec<McpTool> = fixture("mcp_tools.json");
    assert_eq!(tools[0].name, "add");
    assert_eq!(tools[0].input_schema["required"], serde_json::json!(["a", "b"]));
    assert_eq!(
        tools[0].output_schema.as_ref().unwrap()["properties"]["result"]["type"],
        "integer"
    );
    assert_eq!(dropped("MCPTool", &tools[0]), Vec::<String>::new());

    let sse = McpServerConfig::sse("calc", "http://127.0.0.1:1/sse");
    let McpServerConfig::Sse(inner) = &sse else {
        unreachable!()
    };
    assert_eq!(dropped("SSEServerConfig", &sse), Vec::<String>::new());
    assert_eq!(inner.server_name, "calc");
    let stdio = McpServerConfig::stdio("local", "python", vec!["server.py".into()]);
    let with_env = match stdio {
        McpServerConfig::Stdio(mut c) => {
            c.env = Some([("TOKEN".to_string(), "x".to_string())].into());
            McpServerConfig::Stdio(c)
        }
        other => other,
    };
    assert_eq!(dropped("StdioServerConfig", &with_env), Vec::<String>::new());
}

#[test]
fn composio_fixtures_keep_every_property() {
    let apps: Vec<AppModel> = fixture("composio_apps.json");
    assert_eq!(dropped("AppModel", &apps[0]), Vec::<String>::new());
    let scheme = &apps[0].auth_schemes.as_ref().unwrap()[0];
    assert_eq!(dropped("AppAuthScheme", scheme), Vec::<String>::new());
    assert_eq!(
        dropped("AuthSchemeField", &scheme.fields[0]),
        Vec::<String>::new()
    );
    let actions: Vec<ActionModel> = fixture("composio_actions.json");
    assert_eq!(dropped("ActionModel", &actions[0]), Vec::<String>::new());
    assert_eq!(
        dropped("ActionParametersModel", &actions[0].parameters),
        Vec::<String>::new()
    );
    assert_eq!(
        dropped("ActionResponseModel", &actions[0].response),
        Vec::<String>::new()
    );
}
