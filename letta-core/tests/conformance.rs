//! Schema conformance, driven by Letta 0.7.29's OpenAPI document (`spec/openapi-0.7.29.json`);
//! the machinery is `source::schema` (what a request and a response check mean is there).
//!
//! - Enums: every enum of the spec has a Rust enum with every one of the spec's values (plus
//!   `Other`), and no value neither 0.7.29's nor 0.16.8's document knows.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use letta_core::types::*;

mod source;

use source::schema::{Spec, keys};

fn spec() -> &'static Value {
    Spec::v0_7().document()
}

fn schema(name: &str) -> &'static Value {
    source::schema::schema(Spec::v0_7(), name)
}

fn properties(name: &str) -> BTreeSet<String> {
    source::schema::properties(Spec::v0_7(), name)
}

#[test]
fn requests_send_exactly_what_their_schemas_declare() {
    let (checked, problems) = check_all!(Spec::v0_7(), check_request:
        AgentCreate => "CreateAgentRequest",
        AgentUpdate => "UpdateAgent",
        BlockCreate => "CreateBlock",
        BlockUpdate => "BlockUpdate",
        ToolCreate => "ToolCreate",
        ToolUpdate => "ToolUpdate",
        ToolRunFromSource => "ToolRunFromSource",
        PassageCreate => "CreateArchivalMemory",
        MessageCreate => "MessageCreate",
        LettaRequest => "LettaRequest",
        LettaStreamingRequest => "LettaStreamingRequest",
        LlmConfig => "LLMConfig",
        EmbeddingConfig => "EmbeddingConfig",
        SourceCreate => "SourceCreate",
        SourceUpdate => "SourceUpdate",
        ProviderCreate => "ProviderCreate",
        ProviderUpdate => "ProviderUpdate",
        SandboxConfigCreate => "SandboxConfigCreate",
        SandboxConfigUpdate => "SandboxConfigUpdate",
        LocalSandboxConfig => "LocalSandboxConfig",
        E2bSandboxConfig => "E2BSandboxConfig",
        PipRequirement => "PipRequirement",
        SandboxEnvironmentVariableCreate => "SandboxEnvironmentVariableCreate",
        SandboxEnvironmentVariableUpdate => "SandboxEnvironmentVariableUpdate",
        UserCreate => "UserCreate",
        UserUpdate => "UserUpdate",
        OrganizationCreate => "OrganizationCreate",
        OrganizationUpdate => "OrganizationUpdate",
        McpServerConfig => "SSEServerConfig",
        McpServerConfig => "StdioServerConfig",
        GroupCreate => "GroupCreate",
        GroupUpdate => "GroupUpdate",
        ManagerConfig => "RoundRobinManager",
        ManagerConfig => "SupervisorManager",
        ManagerConfig => "DynamicManager",
        ManagerConfig => "SleeptimeManager",
        ManagerConfig => "VoiceSleeptimeManager",
        ManagerConfigUpdate => "RoundRobinManagerUpdate",
        ManagerConfigUpdate => "SupervisorManagerUpdate",
        ManagerConfigUpdate => "DynamicManagerUpdate",
        ManagerConfigUpdate => "SleeptimeManagerUpdate",
        ManagerConfigUpdate => "VoiceSleeptimeManagerUpdate",
        IdentityCreate => "IdentityCreate",
        IdentityUpsert => "IdentityUpsert",
        IdentityUpdate => "IdentityUpdate",
        IdentityProperty => "IdentityProperty",
        PassageUpdate => "PassageUpdate",
        BatchCreate => "CreateBatch",
        LettaBatchRequest => "LettaBatchRequest",
        AuthRequest => "AuthRequest",
        ResponseFormat => "TextResponseFormat",
        ResponseFormat => "JsonSchemaResponseFormat",
        ResponseFormat => "JsonObjectResponseFormat",
    );
    println!("request types checked: {checked}");
    let problems: Vec<String> = problems.into_iter().filter(|p| !ignored_0_16_field(p)).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// 0.16 fields of schemas 0.7.29 keeps closed, sent only when the caller sets them, and refused
/// by their handle before anything is sent when the server is 0.7.x.
const GUARDED_0_16_FIELDS: &[(&str, &str)] = &[("ProviderCreate", "base_url")];

/// Whether `problem` is a field 0.16.8's schema of the same name declares, on a 0.7.29 schema
/// that ignores unknown fields (no `additionalProperties: false`): a model shared by both servers
/// (`LLMConfig`) carries 0.16's fields, set only when a 0.16 server filled them, and 0.7.29 drops
/// them without a 422.
fn ignored_0_16_field(problem: &str) -> bool {
    let Some((schema_name, rest)) = problem.split_once(": field `") else {
        return false;
    };
    let Some((field, _)) = rest.split_once('`') else {
        return false;
    };
    if GUARDED_0_16_FIELDS.contains(&(schema_name, field)) {
        return true;
    }
    let ignores_unknown = schema(schema_name).get("additionalProperties") != Some(&Value::Bool(false));
    let in_0_16 = Spec::v0_16().document()["components"]["schemas"][schema_name]["properties"]
        .get(field)
        .is_some();
    ignores_unknown && in_0_16
}

#[test]
fn message_updates_match_their_schemas() {
    let cases = [
        (
            MessageUpdate::System { content: "s".into() },
            "UpdateSystemMessage",
        ),
        (MessageUpdate::User { content: "u".into() }, "UpdateUserMessage"),
        (
            MessageUpdate::Reasoning {
                reasoning: "r".into(),
            },
            "UpdateReasoningMessage",
        ),
        (
            MessageUpdate::Assistant { content: "a".into() },
            "UpdateAssistantMessage",
        ),
    ];
    for (update, name) in cases {
        assert_eq!(
            keys(&serde_json::to_value(&update).unwrap()),
            properties(name),
            "{name}"
        );
    }
}

#[test]
fn responses_represent_every_schema_property() {
    let (shared, mut problems) = source::schema::check_shared_responses(Spec::v0_7());
    let (only_here, more) = check_all!(Spec::v0_7(), check_response:
        ToolExecution => "ToolExecution",
        Icon => "Icon",
        AppModel => "AppModel",
        AppAuthScheme => "AppAuthScheme",
        AuthSchemeField => "AuthSchemeField",
        ActionModel => "ActionModel",
        ActionParametersModel => "ActionParametersModel",
        ActionResponseModel => "ActionResponseModel",
        FunctionDefinition => "FunctionDefinition-Output",
        StoredToolCall => "ChatCompletionMessageFunctionToolCall",
        ToolReturn => "ToolReturn",
    );
    problems.extend(more);
    let checked = shared + only_here;
    println!("response types checked: {checked}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn spec_enum(name: &str) -> BTreeSet<String> {
    let values = source::schema::enum_values(Spec::v0_7(), name);
    assert!(!values.is_empty(), "0.7.29 declares no enum {name}");
    values
}

fn inline_enum(schema_name: &str, property: &str) -> BTreeSet<String> {
    spec_enum(&format!("{schema_name}.{property}"))
}

/// The values 0.16.8's document gives the enum `name` (`Schema` or `Schema.property`); none when
/// it lacks it.
fn values_0_16(name: &str) -> BTreeSet<String> {
    source::schema::enum_values(Spec::v0_16(), name)
}

fn known(values: &[&str]) -> BTreeSet<String> {
    values.iter().map(|v| v.to_string()).collect()
}

#[test]
fn enums_have_exactly_the_spec_values() {
    let cases: BTreeMap<&str, (BTreeSet<String>, BTreeSet<String>)> = BTreeMap::from([
        ("AgentType", (spec_enum("AgentType"), known(AgentType::KNOWN))),
        ("JobStatus", (spec_enum("JobStatus"), known(JobStatus::KNOWN))),
        ("JobType", (spec_enum("JobType"), known(JobType::KNOWN))),
        (
            "ProviderCategory",
            (spec_enum("ProviderCategory"), known(ProviderCategory::KNOWN)),
        ),
        ("ToolType", (spec_enum("ToolType"), known(ToolType::KNOWN))),
        (
            "ProviderType",
            (spec_enum("ProviderType"), known(ProviderType::KNOWN)),
        ),
        (
            "SandboxType",
            (spec_enum("SandboxType"), known(SandboxType::KNOWN)),
        ),
        (
            "MCPServerType",
            (spec_enum("MCPServerType"), known(McpServerType::KNOWN)),
        ),
        (
            "AppAuthScheme.auth_mode",
            (inline_enum("AppAuthScheme", "auth_mode"), known(AuthMode::KNOWN)),
        ),
        (
            "ToolExecution.taskSupport",
            (
                inline_enum("ToolExecution", "taskSupport"),
                known(TaskSupport::KNOWN),
            ),
        ),
        (
            "MessageRole",
            (spec_enum("MessageRole"), known(MessageRole::KNOWN)),
        ),
        (
            "ManagerType",
            (spec_enum("ManagerType"), known(ManagerType::KNOWN)),
        ),
        (
            "IdentityType",
            (spec_enum("IdentityType"), known(IdentityType::KNOWN)),
        ),
        (
            "IdentityPropertyType",
            (
                spec_enum("IdentityPropertyType"),
                known(IdentityPropertyType::KNOWN),
            ),
        ),
        (
            "ToolReturn.status",
            (
                inline_enum("ToolReturn", "status"),
                known(ToolReturnStatus::KNOWN),
            ),
        ),
        (
            "LLMConfig.model_endpoint_type",
            (
                inline_enum("LLMConfig", "model_endpoint_type"),
                known(ModelEndpointType::KNOWN),
            ),
        ),
        (
            "LLMConfig.reasoning_effort",
            (
                inline_enum("LLMConfig", "reasoning_effort"),
                known(ReasoningEffort::KNOWN),
            ),
        ),
        (
            "EmbeddingConfig.embedding_endpoint_type",
            (
                inline_enum("EmbeddingConfig", "embedding_endpoint_type"),
                known(EmbeddingEndpointType::KNOWN),
            ),
        ),
        (
            "ToolReturnMessage.status",
            (
                inline_enum("ToolReturnMessage", "status"),
                known(ToolReturnStatus::KNOWN),
            ),
        ),
        (
            "ReasoningMessage.source",
            (
                inline_enum("ReasoningMessage", "source"),
                known(ReasoningSource::KNOWN),
            ),
        ),
        (
            "HiddenReasoningMessage.state",
            (
                inline_enum("HiddenReasoningMessage", "state"),
                known(HiddenReasoningState::KNOWN),
            ),
        ),
    ]);
    let mut problems = Vec::new();
    for (name, (spec, rust)) in &cases {
        let mut either: BTreeSet<String> = values_0_16(name);
        either.extend(spec.iter().cloned());
        if !spec.is_subset(rust) || !rust.is_subset(&either) {
            problems.push(format!(
                "{name}: spec {spec:?} (with 0.16.8's: {either:?}), client {rust:?}"
            ));
        }
    }
    println!("enums checked: {}", cases.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn message_types_match_the_discriminator() {
    let mapping = spec()["components"]["schemas"]["LettaMessageUnion"]["discriminator"]["mapping"]
        .as_object()
        .expect("mapping");
    let spec: BTreeSet<String> = mapping.keys().cloned().collect();
    // The client also knows the kinds 0.16 added (checked against that document in
    // `conformance_0_16.rs`); every 0.7.29 kind must be among them.
    let missing: Vec<_> = spec
        .difference(&known(LettaMessage::KNOWN_TYPES))
        .cloned()
        .collect();
    assert!(
        missing.is_empty(),
        "0.7.29 message kinds the client does not type: {missing:?}"
    );
}
