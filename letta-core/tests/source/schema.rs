//! Schema conformance machinery shared by the conformance tests of both servers' documents.
//!
//! - Requests: a value built from the schema with every property set goes through the Rust type
//!   and back; what comes out must use only property names the schema declares, keep every
//!   property, and carry the required ones; the type's own field list must be a subset of the
//!   schema's properties, so no field the server would reject (422) can be sent.
//! - Responses: every property of the schema must be represented in the Rust type, and a full
//!   example must decode.

use std::collections::BTreeSet;

use serde::Serialize;
use serde::de::{self, DeserializeOwned, Visitor};
use serde_json::{Map, Value, json};

/// One server's OpenAPI document, whose schemas the checks read.
#[derive(Clone, Copy)]
pub struct Spec(pub &'static Value);

impl Spec {
    /// Letta 0.7.29's document.
    pub fn v0_7() -> Spec {
        Spec(super::openapi())
    }

    /// Letta 0.16.8's document.
    pub fn v0_16() -> Spec {
        Spec(super::openapi_0_16())
    }

    /// The whole document.
    pub fn document(self) -> &'static Value {
        self.0
    }
}

/// The schema `name` of `spec`.
pub fn schema(spec: Spec, name: &str) -> &'static Value {
    let s = &spec.0["components"]["schemas"][name];
    assert!(s.is_object(), "no schema named {name}");
    s
}

/// `s`, or the schema it refers to.
pub fn resolve(spec: Spec, s: &Value) -> &Value {
    match s.get("$ref").and_then(Value::as_str) {
        Some(r) => schema(spec, r.rsplit('/').next().unwrap_or(r)),
        None => s,
    }
}

/// The property names of schema `name`.
pub fn properties(spec: Spec, name: &str) -> BTreeSet<String> {
    schema(spec, name)["properties"]
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// The required property names of schema `name`.
pub fn required(spec: Spec, name: &str) -> BTreeSet<String> {
    schema(spec, name)["required"]
        .as_array()
        .map(|r| r.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

/// A value of the schema with every property set; `depth` bounds recursive schemas.
pub fn example(spec: Spec, s: &Value, depth: usize) -> Value {
    let s = resolve(spec, s);
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
            return chosen.map(|v| example(spec, v, depth)).unwrap_or(Value::Null);
        }
    }
    match s.get("type").and_then(Value::as_str) {
        Some("object") | None if s.get("properties").is_some() => {
            if depth == 0 {
                return Value::Null;
            }
            let mut out = Map::new();
            for (k, p) in s["properties"].as_object().into_iter().flatten() {
                let v = example(spec, p, depth - 1);
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
                example(spec, &s["items"], depth - 1)
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
pub fn declared_fields<T: DeserializeOwned>() -> Option<Vec<&'static str>> {
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

/// The keys of a JSON object.
pub fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

/// A full example of schema `schema_name` decoded as `T` and encoded again.
pub fn roundtrip<T: DeserializeOwned + Serialize>(spec: Spec, schema_name: &str) -> Result<Value, String> {
    let input = example(spec, schema(spec, schema_name), 8);
    let typed: T = serde_json::from_value(input.clone())
        .map_err(|e| format!("{schema_name}: a schema example does not decode: {e}\n{input:#}"))?;
    serde_json::to_value(&typed).map_err(|e| format!("{schema_name}: does not encode: {e}"))
}

/// Checks one request type; returns the problems found.
pub fn check_request<T: DeserializeOwned + Serialize>(spec: Spec, schema_name: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let declared = properties(spec, schema_name);
    if let Some(fields) = declared_fields::<T>() {
        for f in fields {
            if !declared.contains(f) {
                problems.push(format!(
                    "{schema_name}: field `{f}` is not in the schema (the server would answer 422)"
                ));
            }
        }
    }
    match roundtrip::<T>(spec, schema_name) {
        Err(e) => problems.push(e),
        Ok(out) => {
            let sent = keys(&out);
            for k in sent.difference(&declared) {
                problems.push(format!("{schema_name}: sends undeclared property `{k}`"));
            }
            for k in declared.difference(&sent) {
                problems.push(format!("{schema_name}: cannot send property `{k}`"));
            }
            for k in required(spec, schema_name).difference(&sent) {
                problems.push(format!("{schema_name}: required property `{k}` missing"));
            }
        }
    }
    problems
}

/// Checks one response type; returns the properties it drops (and decoding problems).
pub fn check_response<T: DeserializeOwned + Serialize>(spec: Spec, schema_name: &str) -> Vec<String> {
    // A `const` property is a discriminator tag: the enum variant that holds the type is it.
    let declared: BTreeSet<String> = properties(spec, schema_name)
        .into_iter()
        .filter(|p| schema(spec, schema_name)["properties"][p].get("const").is_none())
        .collect();
    let kept: BTreeSet<String> = match declared_fields::<T>() {
        Some(fields) => fields.iter().map(|f| f.to_string()).collect(),
        None => match roundtrip::<T>(spec, schema_name) {
            Ok(out) => keys(&out),
            Err(e) => return vec![e],
        },
    };
    let mut problems: Vec<String> = declared
        .difference(&kept)
        .map(|k| format!("{schema_name}: drops property `{k}`"))
        .collect();
    // Whatever the field list says, a full example must decode.
    if let Err(e) = roundtrip::<T>(spec, schema_name) {
        problems.push(e);
    }
    problems
}

/// The enum values `spec` declares for `name`: a schema (`"JobStatus"`) or a property
/// (`"LLMConfig.model_endpoint_type"`, its own enum or that of one of its `anyOf` arms); empty when
/// it declares none.
pub fn enum_values(spec: Spec, name: &str) -> BTreeSet<String> {
    let schemas = &spec.0["components"]["schemas"];
    let declared = match name.split_once('.') {
        None => schemas[name].get("enum"),
        Some((schema_name, property)) => {
            let p = &schemas[schema_name]["properties"][property];
            p.get("enum").or_else(|| {
                p.get("anyOf")
                    .and_then(Value::as_array)
                    .and_then(|v| v.iter().find_map(|x| x.get("enum")))
            })
        }
    };
    declared
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

/// The response models both servers share, each under a schema name both documents use, checked
/// against `spec`: (how many were checked, the problems found). Each document's conformance test
/// adds the models only it has.
pub fn check_shared_responses(spec: Spec) -> (usize, Vec<String>) {
    use letta_core::types::*;
    crate::check_all!(spec, check_response:
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
        Message => "Message",
        FunctionCall => "Function-Output",
        LettaBatchMessages => "LettaBatchMessages",
        BatchJob => "BatchJob",
        AuthResponse => "AuthResponse",
        ResponseFormat => "TextResponseFormat",
        ResponseFormat => "JsonSchemaResponseFormat",
        ResponseFormat => "JsonObjectResponseFormat",
        ContentPart => "TextContent",
        ContentPart => "ToolCallContent",
        ContentPart => "ToolReturnContent",
        ContentPart => "ReasoningContent",
        ContentPart => "RedactedReasoningContent",
        ContentPart => "OmittedReasoningContent",
    )
}

/// Runs `$check` (`check_request` or `check_response`) of `$spec` on each type: (how many were
/// checked, the problems found).
#[macro_export]
macro_rules! check_all {
    ($spec:expr, $check:ident: $($ty:ty => $name:literal),+ $(,)?) => {{
        let mut problems: Vec<String> = Vec::new();
        let mut checked = 0;
        $(
            problems.extend($crate::source::schema::$check::<$ty>($spec, $name));
            checked += 1;
        )+
        (checked, problems)
    }};
}
