//! Snapshots of the JSON schema and the Python stub of Rust tools (no server; the real-server
//! check of the same definitions is `rust_tools.rs`).

#![allow(dead_code)] // The argument structs exist for their schemas.

mod rust_tool_fixtures;

use letta_core::rust_tool::{__private::args_schema, StubError, ToolDefinition};
use rust_tool_fixtures::{Scalars, definitions};

#[test]
fn schemas_and_stubs_match_the_snapshots() {
    for definition in definitions("") {
        let schema = serde_json::to_string_pretty(&definition.letta_json_schema()).unwrap();
        insta::assert_snapshot!(format!("{}_schema", definition.name), schema);
        let stub = definition.python_stub().unwrap();
        insta::assert_snapshot!(format!("{}_stub", definition.name), stub);
    }
}

/// Letta 0.16 takes the last `def` of a breadth-first walk of the syntax tree as the tool, and
/// Letta 0.7 the last callable the module defines: a stub defines its tool's function and no
/// other, nested ones included.
#[test]
fn a_stub_defines_one_function_only() {
    for definition in definitions("") {
        let stub = definition.python_stub().unwrap();
        let defs: Vec<&str> = stub
            .lines()
            .filter(|line| line.trim_start().starts_with("def "))
            .collect();
        assert_eq!(defs.len(), 1, "{}: {defs:?}", definition.name);
        assert!(defs[0].starts_with(&format!("def {}(", definition.name)));
    }
}

/// The arguments of a tool whose names Python or the server cannot take.
#[derive(schemars::JsonSchema, serde::Deserialize)]
struct Keyword {
    /// A keyword.
    lambda: String,
}

#[derive(schemars::JsonSchema, serde::Deserialize)]
struct Reserved {
    /// Would shadow the sandbox's `pickle`.
    pickle: String,
}

#[derive(schemars::JsonSchema, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Kebab {
    /// Not an identifier.
    dry_run: bool,
}

#[derive(schemars::JsonSchema, serde::Deserialize)]
struct Inner {
    /// Private to pydantic.
    _hidden: i64,
}

#[derive(schemars::JsonSchema, serde::Deserialize)]
struct Outer {
    /// Holds a field pydantic would hide.
    inner: Inner,
}

#[derive(schemars::JsonSchema, serde::Deserialize)]
#[serde(untagged)]
enum Either {
    Number(i64),
    Text(String),
}

#[derive(schemars::JsonSchema, serde::Deserialize)]
struct Unions {
    /// A number or a text.
    either: Either,
}

#[derive(schemars::JsonSchema, serde::Deserialize)]
struct Anything {
    /// Any JSON.
    value: serde_json::Value,
}

fn stub_error<T: schemars::JsonSchema>(name: &str) -> StubError {
    ToolDefinition::new(name, "Fails.", args_schema::<T>())
        .python_stub()
        .expect_err("the stub must be refused")
}

#[test]
fn names_python_or_the_server_cannot_take_are_refused() {
    let cases = [
        (
            stub_error::<Scalars>("class"),
            "tool name",
            "class",
            "a Python keyword",
        ),
        (
            stub_error::<Scalars>("my-tool"),
            "tool name",
            "my-tool",
            "not an ASCII Python identifier",
        ),
        (
            stub_error::<Scalars>("inspect"),
            "tool name",
            "inspect",
            "a name the Letta server or the stub already binds",
        ),
        (
            stub_error::<Keyword>("ok"),
            "parameter",
            "lambda",
            "a Python keyword",
        ),
        (
            stub_error::<Reserved>("ok"),
            "parameter",
            "pickle",
            "a name the Letta server or the stub already binds",
        ),
        (
            stub_error::<Kebab>("ok"),
            "parameter",
            "dry-run",
            "not an ASCII Python identifier",
        ),
        (
            stub_error::<Outer>("ok"),
            "field `inner._hidden`",
            "_hidden",
            "pydantic does not allow a field starting with `_` or `model_`",
        ),
    ];
    for (error, what, name, reason) in cases {
        match &error {
            StubError::InvalidName {
                what: w,
                name: n,
                reason: r,
                ..
            } => assert_eq!((w.as_str(), n.as_str(), *r), (what, name, reason), "{error}"),
            other => panic!("expected InvalidName for {name}, got {other:?}"),
        }
    }
    assert_eq!(
        stub_error::<Keyword>("ok").to_string(),
        "tool `ok`: parameter `lambda` cannot be used in the Python stub: a Python keyword"
    );
}

#[test]
fn types_letta_cannot_express_are_refused_with_their_path() {
    let error = stub_error::<Unions>("unions");
    assert_eq!(
        error,
        StubError::Unsupported {
            tool: "unions".into(),
            path: "either".into(),
            reason: "a union of types".into(),
        },
        "{error}"
    );
    let error = stub_error::<Anything>("anything");
    assert!(
        matches!(&error, StubError::Unsupported { path, .. } if path == "value"),
        "{error}"
    );
    // The schema still has the parameter, untyped, so a listing of tools stays complete.
    let schema = ToolDefinition::new("anything", "x", args_schema::<Anything>()).letta_json_schema();
    assert_eq!(
        schema["parameters"]["properties"]["value"],
        serde_json::json!({"description": "Any JSON."})
    );
}

#[test]
fn signature_puts_required_parameters_first_and_schema_follows_it() {
    let definition = ToolDefinition::new("optionals", "x", args_schema::<rust_tool_fixtures::Optionals>());
    let schema = definition.letta_json_schema();
    let order: Vec<&String> = schema["parameters"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(order, ["query", "page", "limit", "labels", "verbose"]);
    assert_eq!(
        schema["parameters"]["required"],
        serde_json::json!(["query", "page"])
    );
    let stub = definition.python_stub().unwrap();
    assert!(
        stub.contains(
            "def optionals(query: str, page: int, limit: Optional[int] = None, \
             labels: Optional[List[str]] = None, verbose: Optional[bool] = None) -> str:"
        ),
        "{stub}"
    );
}
