//! The parameters of a tool as the shapes Letta 0.7 can express, read from the `schemars`
//! schema. Both the JSON schema and the Python stub are built from this one reading, so they
//! cannot disagree about a parameter.

use serde_json::{Map, Value};

/// Why a tool's definition cannot become a Letta tool (a Python stub).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StubError {
    /// A name (of the tool, a parameter or a field) cannot be used in the Python stub.
    #[error("tool `{tool}`: {what} `{name}` cannot be used in the Python stub: {reason}")]
    InvalidName {
        /// The tool.
        tool: String,
        /// What carries the name: "tool name", "parameter" or "field `a.b`".
        what: String,
        /// The name.
        name: String,
        /// Why not.
        reason: &'static str,
    },
    /// A parameter's type has no form that Letta 0.7 derives from Python annotations.
    #[error("tool `{tool}`: `{path}` has a type Letta 0.7 cannot express: {reason}")]
    Unsupported {
        /// The tool.
        tool: String,
        /// The parameter, or the dotted path to a nested field.
        path: String,
        /// What is not supported.
        reason: String,
    },
}

/// What a parameter or field holds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    Integer,
    Number,
    Boolean,
    String,
    /// A string out of these.
    Enum(Vec<String>),
    Array(Box<Kind>),
    /// A struct: a pydantic model in the stub.
    Object(Model),
    /// A map with string keys: an untyped `Dict`, all Letta keeps of it.
    Map,
    /// Not expressible; the reason. Only the stub fails on it, the schema leaves it untyped.
    Unsupported(String),
}

/// The fields of a struct (or the parameters of the tool), in schema order.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Model {
    pub(crate) fields: Vec<Field>,
}

/// One parameter or struct field.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Field {
    pub(crate) name: String,
    /// Normalised (see [`normalize_description`]); the name when there was none, because the
    /// server rejects a parameter or field without a description.
    pub(crate) description: String,
    pub(crate) kind: Kind,
    pub(crate) required: bool,
}

impl Model {
    /// Required fields first, each group in schema order: the order of a Python signature,
    /// where parameters with a default must follow those without.
    pub(crate) fn signature_order(&self) -> Vec<&Field> {
        let (required, optional): (Vec<&Field>, Vec<&Field>) = self.fields.iter().partition(|f| f.required);
        required.into_iter().chain(optional).collect()
    }
}

/// Reads the arguments object of a tool.
pub(crate) fn parameters(schema: &Value) -> Model {
    match schema.as_object() {
        Some(object) => model(object),
        None => Model::default(),
    }
}

fn model(object: &Map<String, Value>) -> Model {
    let required: Vec<&str> = object
        .get("required")
        .and_then(Value::as_array)
        .map(|names| names.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let fields = object
        .get("properties")
        .and_then(Value::as_object)
        .map(|properties| {
            properties
                .iter()
                .map(|(name, schema)| {
                    let (kind, nullable) = kind(schema);
                    let description = schema
                        .get("description")
                        .and_then(Value::as_str)
                        .map(normalize_description)
                        .filter(|d| !d.is_empty())
                        .unwrap_or_else(|| name.clone());
                    Field {
                        name: name.clone(),
                        description,
                        kind,
                        required: required.contains(&name.as_str()) && !nullable,
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    Model { fields }
}

/// The kind of a subschema, and whether it admits `null`.
fn kind(schema: &Value) -> (Kind, bool) {
    let Some(object) = schema.as_object() else {
        return (Kind::Unsupported("any JSON value".into()), false);
    };
    if object.contains_key("$ref") {
        return (
            Kind::Unsupported("a `$ref` (subschemas must be inlined)".into()),
            false,
        );
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        if let Some(variants) = object.get(key).and_then(Value::as_array) {
            return union(variants);
        }
    }
    if let Some(values) = object.get("enum").and_then(Value::as_array) {
        return string_enum(values);
    }
    if let Some(value) = object.get("const") {
        return string_enum(std::slice::from_ref(value));
    }
    let (types, nullable) = match object.get("type") {
        Some(Value::String(single)) => (vec![single.as_str()], false),
        Some(Value::Array(many)) => {
            let names: Vec<&str> = many.iter().filter_map(Value::as_str).collect();
            let nullable = names.contains(&"null");
            (names.into_iter().filter(|t| *t != "null").collect(), nullable)
        }
        _ => (Vec::new(), false),
    };
    let kind = match types.as_slice() {
        ["integer"] => Kind::Integer,
        ["number"] => Kind::Number,
        ["boolean"] => Kind::Boolean,
        ["string"] => Kind::String,
        ["array"] => match object.get("items") {
            Some(items) if items.is_object() => Kind::Array(Box::new(kind(items).0)),
            _ => Kind::Unsupported("an array without one item type (a tuple?)".into()),
        },
        ["object"] if object.contains_key("properties") => Kind::Object(model(object)),
        ["object"] if object.contains_key("additionalProperties") => Kind::Map,
        ["object"] => Kind::Object(Model::default()),
        [] => Kind::Unsupported("no type".into()),
        other => Kind::Unsupported(format!("several types {other:?}")),
    };
    (kind, nullable)
}

/// `anyOf`/`oneOf`/`allOf`: an `Option` (one variant and `null`) or an enum whose variants are
/// documented (one string `const` each).
fn union(variants: &[Value]) -> (Kind, bool) {
    let is_null = |v: &Value| v.get("type").and_then(Value::as_str) == Some("null");
    let nullable = variants.iter().any(is_null);
    let rest: Vec<&Value> = variants.iter().filter(|v| !is_null(v)).collect();
    if let [single] = rest.as_slice() {
        return (kind(single).0, nullable);
    }
    let mut values = Vec::new();
    for variant in &rest {
        match kind(variant).0 {
            Kind::Enum(more) => values.extend(more),
            _ => return (Kind::Unsupported("a union of types".into()), nullable),
        }
    }
    (Kind::Enum(values), nullable)
}

fn string_enum(values: &[Value]) -> (Kind, bool) {
    let nullable = values.iter().any(Value::is_null);
    let strings: Option<Vec<String>> = values
        .iter()
        .filter(|v| !v.is_null())
        .map(|v| v.as_str().map(str::to_owned))
        .collect();
    match strings {
        Some(strings) if !strings.is_empty() => (Kind::Enum(strings), nullable),
        _ => (
            Kind::Unsupported("an enum whose values are not all strings".into()),
            nullable,
        ),
    }
}

/// The characters Python's `str.splitlines` breaks at: the server's docstring parser splits
/// there, so a description may hold none of them.
fn is_python_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\u{0b}'
            | '\u{0c}'
            | '\u{1c}'
            | '\u{1d}'
            | '\u{1e}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// One line: the lines trimmed, blank ones dropped, joined by spaces, tabs as spaces. The
/// server keeps only the first line of a docstring's summary and re-indents the lines of an
/// `Args:` entry, so only a single line survives the trip through the docstring unchanged.
pub(crate) fn normalize_description(text: &str) -> String {
    text.split(is_python_line_break)
        .map(|line| line.replace('\t', " ").trim().to_owned())
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn descriptions_become_one_trimmed_line() {
        assert_eq!(normalize_description("  a\n\n\tb \r\nc\u{2028}d  "), "a b c d");
        assert_eq!(normalize_description("x\ty"), "x y");
        assert_eq!(normalize_description(" \n "), "");
    }

    #[test]
    fn option_types_and_enums_are_read() {
        let schema = json!({
            "type": "object",
            "properties": {
                "n": {"type": ["integer", "null"], "format": "int64"},
                "e": {"oneOf": [{"type": "string", "const": "a"}, {"type": "string", "const": "b"}]},
                "o": {"type": ["string", "null"], "enum": ["x", null]},
                "m": {"type": "object", "additionalProperties": {"type": "integer"}},
                "t": {"type": "array", "items": [{"type": "integer"}]},
                "u": {"anyOf": [{"type": "integer"}, {"type": "string"}]}
            },
            "required": ["n", "e"]
        });
        let model = parameters(&schema);
        let kinds: Vec<_> = model
            .fields
            .iter()
            .map(|f| (f.name.as_str(), f.kind.clone(), f.required))
            .collect();
        assert_eq!(kinds[0], ("n", Kind::Integer, false));
        assert_eq!(kinds[1], ("e", Kind::Enum(vec!["a".into(), "b".into()]), true));
        assert_eq!(kinds[2], ("o", Kind::Enum(vec!["x".into()]), false));
        assert_eq!(kinds[3], ("m", Kind::Map, false));
        assert!(matches!(kinds[4].1, Kind::Unsupported(_)), "{:?}", kinds[4]);
        assert!(matches!(kinds[5].1, Kind::Unsupported(_)), "{:?}", kinds[5]);
        assert_eq!(model.fields[0].description, "n");
    }
}
