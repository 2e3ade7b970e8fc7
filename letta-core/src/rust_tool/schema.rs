//! The JSON schema of a Rust tool exactly as Letta 0.7 derives it from the Python stub
//! (`letta/functions/schema_generator.py`), so what the agent's model sees is predictable.

use serde_json::{Map, Value, json};

use super::ToolDefinition;
use super::shape::{self, Field, Kind, Model};

impl ToolDefinition {
    /// The tool's JSON schema as the Letta 0.7 server stores it for [`python_stub`]:
    /// `{"name", "description", "parameters": {"type": "object", "properties", "required"}}`,
    /// without the `request_heartbeat` parameter the server adds.
    ///
    /// It follows the server's derivation: parameters in signature order (required ones
    /// first); descriptions on one line (see [`python_stub`]), the name standing in for a
    /// missing one; `Option` parameters not required; string enums with `enum`; arrays with
    /// `items`; structs as objects with `properties` and `required`. Inside a struct Letta
    /// keeps less: an enum field is a plain string, and an array field keeps its `items` only
    /// when its elements are structs. A parameter of a type the stub cannot express (see
    /// [`StubError::Unsupported`](super::StubError::Unsupported)) has no `type` here.
    ///
    /// [`python_stub`]: ToolDefinition::python_stub
    pub fn letta_json_schema(&self) -> Value {
        let parameters = shape::parameters(self.parameters.as_value());
        let ordered = parameters.signature_order();
        let properties: Map<String, Value> = ordered
            .iter()
            .map(|field| {
                let mut schema = top_level(&field.kind);
                schema.insert("description".into(), field.description.clone().into());
                (field.name.clone(), Value::Object(schema))
            })
            .collect();
        let required: Vec<&str> = ordered
            .iter()
            .filter(|f| f.required)
            .map(|f| f.name.as_str())
            .collect();
        json!({
            "name": self.name,
            "description": tool_description(self),
            "parameters": {"type": "object", "properties": properties, "required": required},
        })
    }
}

/// The summary line of the stub's docstring; the name when there is no description, because
/// a docstring that is empty fails the server's derivation.
pub(crate) fn tool_description(definition: &ToolDefinition) -> String {
    let description = shape::normalize_description(&definition.description);
    if description.is_empty() {
        definition.name.clone()
    } else {
        description
    }
}

/// A parameter's schema: `type_to_json_schema_type` of its annotation.
fn top_level(kind: &Kind) -> Map<String, Value> {
    let value = match kind {
        Kind::Integer => json!({"type": "integer"}),
        Kind::Number => json!({"type": "number"}),
        Kind::Boolean => json!({"type": "boolean"}),
        Kind::String => json!({"type": "string"}),
        Kind::Enum(values) => json!({"type": "string", "enum": values}),
        Kind::Array(items) => json!({"type": "array", "items": top_level(items)}),
        Kind::Object(model) => return pydantic_model(model),
        Kind::Map => json!({"type": "object"}),
        Kind::Unsupported(_) => json!({}),
    };
    into_map(value)
}

/// `pydantic_model_to_json_schema` of a stub class: the class has no docstring, so the object
/// has no description of its own.
fn pydantic_model(model: &Model) -> Map<String, Value> {
    let properties: Map<String, Value> = model
        .fields
        .iter()
        .map(|field| (field.name.clone(), Value::Object(pydantic_field(field))))
        .collect();
    let required: Vec<&str> = model
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name.as_str())
        .collect();
    into_map(json!({"type": "object", "properties": properties, "required": required}))
}

/// A field of a stub class after the server's `clean_property`: type and description only,
/// except for structs (recursed into) and arrays of structs.
fn pydantic_field(field: &Field) -> Map<String, Value> {
    let mut schema = match &field.kind {
        Kind::Object(model) => pydantic_model(model),
        Kind::Array(items) if holds_structs(items) => {
            into_map(json!({"type": "array", "items": pydantic_items(items)}))
        }
        other => into_map(json!({"type": pydantic_type(other)})),
    };
    schema.insert("description".into(), field.description.clone().into());
    schema
}

/// The items of an array of structs (or of arrays of them), as `clean_schema` renders them:
/// an inner array gets an empty description.
fn pydantic_items(kind: &Kind) -> Value {
    match kind {
        Kind::Array(items) => json!({"type": "array", "items": pydantic_items(items), "description": ""}),
        Kind::Object(model) => Value::Object(pydantic_model(model)),
        other => json!({"type": pydantic_type(other)}),
    }
}

/// Whether the innermost elements of a (possibly nested) array are structs: the server's
/// `clean_schema` fails on any other items, so the stub hides them (see `stub.rs`).
pub(crate) fn holds_structs(kind: &Kind) -> bool {
    match kind {
        Kind::Array(items) => holds_structs(items),
        Kind::Object(_) => true,
        _ => false,
    }
}

fn pydantic_type(kind: &Kind) -> &'static str {
    match kind {
        Kind::Integer => "integer",
        Kind::Number => "number",
        Kind::Boolean => "boolean",
        Kind::String | Kind::Enum(_) | Kind::Unsupported(_) => "string",
        Kind::Array(_) => "array",
        Kind::Object(_) | Kind::Map => "object",
    }
}

fn into_map(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}
