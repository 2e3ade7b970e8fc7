//! What the source-reading tests share: the server's OpenAPI document and the public methods of
//! the resource handles in `src/api/`.

#![allow(dead_code)] // Each test binary uses its own part.

pub mod schema;

use std::collections::BTreeSet;
use std::path::Path;

/// The OpenAPI document of Letta 0.7.29 (`spec/openapi-0.7.29.json`).
pub fn openapi() -> &'static serde_json::Value {
    static SPEC: std::sync::OnceLock<serde_json::Value> = std::sync::OnceLock::new();
    SPEC.get_or_init(|| {
        serde_json::from_str(include_str!("../../../spec/openapi-0.7.29.json")).expect("OpenAPI document")
    })
}

/// The OpenAPI document of Letta 0.16.8 (`spec/openapi-0.16.8.json`).
pub fn openapi_0_16() -> &'static serde_json::Value {
    static SPEC: std::sync::OnceLock<serde_json::Value> = std::sync::OnceLock::new();
    SPEC.get_or_init(|| {
        serde_json::from_str(include_str!("../../../spec/openapi-0.16.8.json")).expect("OpenAPI document")
    })
}

/// Each operation of 0.7.29's OpenAPI document: its `operationId`, method (upper case), path and
/// declaration.
pub fn spec_operations() -> Vec<(String, String, String, &'static serde_json::Value)> {
    operations_of(openapi())
}

/// Each operation of 0.16.8's OpenAPI document, without the `/v1/_internal_*` routes the table
/// leaves out.
pub fn spec_operations_0_16() -> Vec<(String, String, String, &'static serde_json::Value)> {
    let mut ops = operations_of(openapi_0_16());
    ops.retain(|(_, _, path, _)| !path.starts_with("/v1/_internal"));
    ops
}

/// Each operation of an OpenAPI document.
pub fn operations_of(
    document: &'static serde_json::Value,
) -> Vec<(String, String, String, &'static serde_json::Value)> {
    let mut out = Vec::new();
    for (path, methods) in document["paths"].as_object().expect("paths") {
        for (method, op) in methods.as_object().expect("methods") {
            let id = op["operationId"].as_str().expect("operationId").to_owned();
            out.push((id, method.to_uppercase(), path.clone(), op));
        }
    }
    out
}

/// The name of an operation's typed constructor in `letta_core::operations` (its constant is
/// the same, upper case), by its method and path template.
pub fn constructor_of(method: &str, path: &str) -> String {
    constructors()
        .get(&format!("{} {path}", method.to_uppercase()))
        .cloned()
        .unwrap_or_else(|| panic!("{method} {path} is not in src/operations/table.rs"))
}

/// Each line of the operation table (`src/operations/table.rs`): its constructor, by its method
/// and path (`GET /v1/agents/`).
fn constructors() -> &'static std::collections::BTreeMap<String, String> {
    static TABLE: std::sync::OnceLock<std::collections::BTreeMap<String, String>> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let table = include_str!("../../src/operations/table.rs");
        let mut out = std::collections::BTreeMap::new();
        for line in table.lines().map(str::trim) {
            // `kind CONSTANT function(served "id" / "id16", Method, "path", ...);`
            let Some((head, rest)) = line.split_once('(') else {
                continue;
            };
            let words: Vec<&str> = head.split_whitespace().collect();
            let [kind, _constant, function] = words[..] else {
                continue;
            };
            if !["op", "turn", "idem"].contains(&kind) {
                continue;
            }
            let fields: Vec<&str> = rest.split(", ").collect();
            let (Some(method), Some(path)) = (fields.get(1), fields.get(2)) else {
                continue;
            };
            let path = path.trim_end_matches(");").trim_matches('"');
            out.insert(format!("{} {path}", method.to_uppercase()), function.to_owned());
        }
        out
    })
}

/// One public method of a resource handle.
pub struct HandleMethod {
    /// The file in `src/api/` it is in.
    pub file: String,
    /// Its name.
    pub name: String,
    /// The operations it builds requests of (`ops::name(..)` or `ops::NAME`), as constructor
    /// names (lower case).
    pub operations: BTreeSet<String>,
    /// Its text, docs and body.
    pub text: String,
    /// The module documentation of its file.
    pub module_docs: String,
}

/// The public methods of every resource handle in `src/api/`.
pub fn handle_methods() -> Vec<HandleMethod> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/api");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("src/api") {
        let path = entry.expect("entry").path();
        let file = path
            .file_name()
            .and_then(|f| f.to_str())
            .unwrap_or_default()
            .to_owned();
        let source = std::fs::read_to_string(&path).expect("source");
        let module_docs: String = source
            .lines()
            .filter(|l| l.starts_with("//!"))
            .collect::<Vec<_>>()
            .join("\n");
        let starts: Vec<usize> = source.match_indices("    pub ").map(|(i, _)| i).collect();
        for (n, start) in starts.iter().enumerate() {
            let end = starts.get(n + 1).copied().unwrap_or(source.len());
            let item = &source[*start..end];
            let Some(name) = item
                .strip_prefix("    pub async fn ")
                .or_else(|| item.strip_prefix("    pub fn "))
                .and_then(|rest| rest.split(['(', '<']).next())
            else {
                continue;
            };
            let operations = item
                .match_indices("ops::")
                .map(|(i, _)| {
                    item[i + 5..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect::<String>()
                        .to_lowercase()
                })
                .collect();
            out.push(HandleMethod {
                file: file.clone(),
                name: name.to_owned(),
                operations,
                text: item.to_owned(),
                module_docs: module_docs.clone(),
            });
        }
    }
    out
}
