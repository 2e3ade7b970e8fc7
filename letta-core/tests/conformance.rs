//! Schema conformance, driven by the server's OpenAPI document (`spec/openapi-0.7.29.json`).
//!
//! - Requests: a value built from the schema with every property set goes through the Rust type
//!   and back; what comes out must use only property names the schema declares, keep every
//!   property, and carry the required ones. The Rust type's own field list must be a subset of the
//!   schema's properties, so no field the server would reject (422) can ever be sent.
//! - Responses: every property of the schema must be represented in the Rust type; the test lists
//!   any the client would drop.
//! - Enums: every enum of the spec has a Rust enum with exactly the spec's values (plus `Other`).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde::de::{self, DeserializeOwned, Visitor};
use serde_json::{Map, Value, json};

use letta_core::types::*;

mod source;

fn spec() -> &'static Value {
    source::openapi()
}

fn schema(name: &str) -> &'static Value {
    let s = &spec()["components"]["schemas"][name];
    assert!(s.is_object(), "no schema named {name}");
    s
}

fn resolve(s: &Value) -> &Value {
    match s.get("$ref").and_then(Value::as_str) {
        Some(r) => schema(r.rsplit('/').next().unwrap_or(r)),
        None => s,
    }
}

fn properties(name: &str) -> BTreeSet<String> {
    schema(name)["properties"]
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

fn required(name: &str) -> BTreeSet<String> {
    schema(name)["required"]
        .as_array()
        .map(|r| r.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

/// A value of the schema with every property set; `depth` bounds recursive schemas.
fn example(s: &Value, depth: usize) -> Value {
    let s = resolve(s);
    if let Some(c) = s.get("const") {
        return c.clone();
    }
    if let Some(e) = s.get("enum").and_then(Value::as_array) {
        return e[0].clone();
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(variants) = s.get(key).and_then(Value::as_array) {
            let chosen = variants
                .iter()
                .find(|v| v.get("type").and_then(Value::as_str) != Some("null"));
            return chosen.map(|v| example(v, depth)).unwrap_or(Value::Null);
        }
    }
    match s.get("type").and_then(Value::as_str) {
        Some("object") | None if s.get("properties").is_some() => {
            if depth == 0 {
                return Value::Null;
            }
            let mut out = Map::new();
            for (k, p) in s["properties"].as_object().into_iter().flatten() {
                let v = example(p, depth - 1);
                if !v.is_null() {
                    out.insert(k.clone(), v);
                }
            }
            Value::Object(out)
        }
        Some("object") => json!({"key": "value"}),
        Some("array") => {
            let item = if depth == 0 {
                Value::Null
            } else {
                example(&s["items"], depth - 1)
            };
            if item.is_null() { json!([]) } else { json!([item]) }
        }
        Some("string") => match s.get("format").and_then(Value::as_str) {
            Some("date-time") => json!("2026-11-23T15:12:17+00:00"),
            _ => json!("text"),
        },
        Some("integer") => json!(7),
        Some("number") => json!(1.5),
        Some("boolean") => json!(true),
        _ => json!("any"),
    }
}

/// The field names a derived `Deserialize` declares (its `FIELDS`), when it declares them.
fn declared_fields<T: DeserializeOwned>() -> Option<Vec<&'static str>> {
    struct Grab(std::cell::RefCell<Option<&'static [&'static str]>>);
    #[derive(Debug)]
    struct Stop;
    impl std::fmt::Display for Stop {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("stop")
        }
    }
    impl std::error::Error for Stop {}
    impl de::Error for Stop {
        fn custom<M: std::fmt::Display>(_: M) -> Self {
            Stop
        }
    }
    impl<'de> de::Deserializer<'de> for &Grab {
        type Error = Stop;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop)
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Stop> {
            *self.0.borrow_mut() = Some(fields);
            Err(Stop)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
            unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
        }
    }
    let grab = Grab(std::cell::RefCell::new(None));
    let _ = T::deserialize(&grab);
    grab.0.into_inner().map(|f| f.to_vec())
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

fn roundtrip<T: DeserializeOwned + Serialize>(schema_name: &str) -> Result<Value, String> {
    let input = example(schema(schema_name), 8);
    let typed: T = serde_json::from_value(input.clone())
        .map_err(|e| format!("{schema_name}: a schema example does not decode: {e}\n{input:#}"))?;
    serde_json::to_value(&typed).map_err(|e| format!("{schema_name}: does not encode: {e}"))
}

/// Checks one request type; returns the problems found.
fn check_request<T: DeserializeOwned + Serialize>(schema_name: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let declared = properties(schema_name);
    if let Some(fields) = declared_fields::<T>() {
        for f in fields {
            if !declared.contains(f) {
                problems.push(format!(
                    "{schema_name}: field `{f}` is not in the schema (the server would answer 422)"
                ));
            }
        }
    }
    match roundtrip::<T>(schema_name) {
        Err(e) => problems.push(e),
        Ok(out) => {
            let sent = keys(&out);
            for k in sent.difference(&declared) {
                problems.push(format!("{schema_name}: sends undeclared property `{k}`"));
            }
            for k in declared.difference(&sent) {
                problems.push(format!("{schema_name}: cannot send property `{k}`"));
            }
            for k in required(schema_name).difference(&sent) {
                problems.push(format!("{schema_name}: required property `{k}` missing"));
            }
        }
    }
    problems
}

/// Checks one response type; returns the properties it drops (and decoding problems).
fn check_response<T: DeserializeOwned + Serialize>(schema_name: &str) -> Vec<String> {
    // A `const` property is a discriminator tag: the enum variant that holds the type is it.
    let declared: BTreeSet<String> = properties(schema_name)
        .into_iter()
        .filter(|p| schema(schema_name)["properties"][p].get("const").is_none())
        .collect();
    let kept: BTreeSet<String> = match declared_fields::<T>() {
        Some(fields) => fields.iter().map(|f| f.to_string()).collect(),
        None => match roundtrip::<T>(schema_name) {
            Ok(out) => keys(&out),
            Err(e) => return vec![e],
        },
    };
    let mut problems: Vec<String> = declared
        .difference(&kept)
        .map(|k| format!("{schema_name}: drops property `{k}`"))
        .collect();
    // Whatever the field list says, a full example must decode.
    if let Err(e) = roundtrip::<T>(schema_name) {
        problems.push(e);
    }
    problems
}

macro_rules! check_all {
    ($check:ident: $($ty:ty => $name:literal),+ $(,)?) => {{
        let mut problems = Vec::new();
        let mut checked = 0;
        $(
            problems.extend($check::<$ty>($name));
            checked += 1;
        )+
        (checked, problems)
    }};
}

#[test]
fn requests_send_exactly_what_their_schemas_declare() {
    let (checked, problems) = check_all!(check_request:
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
    assert!(problems.is_empty(), "{}", problems.join("\n"));
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
    let (checked, problems) = check_all!(check_response:
        HealthStatus => "Health",
        AgentState => "AgentState",
        LlmConfig => "LLMConfig",
        EmbeddingConfig => "EmbeddingConfig",
        Memory => "Memory",
        Block => "Block",
        Tool => "Tool",
        Passage => "Passage",
        Run => "Run",
        LettaRequestConfig => "LettaRequestConfig",
        LettaResponse => "LettaResponse",
        LettaUsageStatistics => "LettaUsageStatistics",
        SystemMessage => "SystemMessage",
        UserMessage => "UserMessage",
        ReasoningMessage => "ReasoningMessage",
        HiddenReasoningMessage => "HiddenReasoningMessage",
        ToolCallMessage => "ToolCallMessage",
        ToolReturnMessage => "ToolReturnMessage",
        AssistantMessage => "AssistantMessage",
        ToolCall => "ToolCall",
        ToolCall => "ToolCallDelta",
        TextContent => "TextContent",
        SourceSummary => "Source",
        AgentEnvironmentVariable => "AgentEnvironmentVariable",
        ToolRule => "ChildToolRule",
        ToolRule => "InitToolRule",
        ToolRule => "TerminalToolRule",
        ToolRule => "ConditionalToolRule",
        ToolRule => "ContinueToolRule",
        ToolRule => "MaxCountPerStepToolRule",
        ToolRule => "ParentToolRule",
        Source => "Source",
        FileMetadata => "FileMetadata",
        Job => "Job",
        Provider => "Provider",
        SandboxConfig => "SandboxConfig",
        LocalSandboxConfig => "LocalSandboxConfig",
        E2bSandboxConfig => "E2BSandboxConfig",
        SandboxEnvironmentVariable => "SandboxEnvironmentVariable",
        User => "User",
        Organization => "Organization",
        McpServerConfig => "SSEServerConfig",
        McpServerConfig => "StdioServerConfig",
        McpTool => "MCPTool",
        ToolAnnotations => "ToolAnnotations",
        ToolExecution => "ToolExecution",
        Icon => "Icon",
        AppModel => "AppModel",
        AppAuthScheme => "AppAuthScheme",
        AuthSchemeField => "AuthSchemeField",
        ActionModel => "ActionModel",
        ActionParametersModel => "ActionParametersModel",
        ActionResponseModel => "ActionResponseModel",
        Group => "Group",
        Identity => "Identity",
        IdentityProperty => "IdentityProperty",
        Step => "Step",
        ProviderTrace => "ProviderTrace",
        UsageStatistics => "UsageStatistics",
        PromptTokenDetails => "UsageStatisticsPromptTokenDetails",
        CompletionTokenDetails => "UsageStatisticsCompletionTokenDetails",
        ContextWindowOverview => "ContextWindowOverview",
        FunctionTool => "FunctionTool",
        FunctionDefinition => "FunctionDefinition-Output",
        Message => "Message",
        StoredToolCall => "ChatCompletionMessageFunctionToolCall",
        FunctionCall => "Function-Output",
        ToolReturn => "ToolReturn",
        LettaBatchMessages => "LettaBatchMessages",
        BatchJob => "BatchJob",
        AuthResponse => "AuthResponse",
        ResponseFormat => "TextResponseFormat",
        ResponseFormat => "JsonSchemaResponseFormat",
        ResponseFormat => "JsonObjectResponseFormat",
        CompletionTokenDetails => "UsageStatisticsCompletionTokenDetails",
        ContentPart => "TextContent",
        ContentPart => "ToolCallContent",
        ContentPart => "ToolReturnContent",
        ContentPart => "ReasoningContent",
        ContentPart => "RedactedReasoningContent",
        ContentPart => "OmittedReasoningContent",
    );
    println!("response types checked: {checked}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn spec_enum(name: &str) -> BTreeSet<String> {
    schema(name)["enum"]
        .as_array()
        .expect("enum")
        .iter()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

fn inline_enum(schema_name: &str, property: &str) -> BTreeSet<String> {
    let p = &schema(schema_name)["properties"][property];
    let e = p.get("enum").or_else(|| {
        p.get("anyOf")
            .and_then(Value::as_array)
            .and_then(|v| v.iter().find_map(|x| x.get("enum")))
    });
    e.and_then(Value::as_array)
        .expect("inline enum")
        .iter()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
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
        if spec != rust {
            problems.push(format!("{name}: spec {spec:?}, client {rust:?}"));
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
    assert_eq!(spec, known(LettaMessage::KNOWN_TYPES));
}
