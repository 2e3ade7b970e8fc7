//! The operation table against the server's OpenAPI document (`spec/openapi-0.7.29.json`, as
//! served at `GET /openapi.json` by Letta 0.7.29): every operation present, method and path equal.

use std::collections::BTreeMap;

use letta_core::operations::{CLOUD_ONLY, SELF_HOSTED};

fn spec_operations() -> BTreeMap<String, (String, String)> {
    let spec: serde_json::Value =
        serde_json::from_str(include_str!("../../spec/openapi-0.7.29.json")).expect("OpenAPI document");
    let mut out = BTreeMap::new();
    for (path, methods) in spec["paths"].as_object().expect("paths") {
        for (method, op) in methods.as_object().expect("methods") {
            let id = op["operationId"].as_str().expect("operationId").to_owned();
            out.insert(id, (method.to_uppercase(), path.clone()));
        }
    }
    out
}

#[test]
fn the_table_matches_the_openapi_document() {
    let spec = spec_operations();
    let mut missing = Vec::new();
    let mut different = Vec::new();
    let mut covered = 0;
    for (id, (method, path)) in &spec {
        match SELF_HOSTED.iter().find(|op| op.id == id) {
            None => missing.push(id.clone()),
            Some(op) if op.method != method.as_str() || op.path != path => different.push(format!(
                "{id}: table {} {}, spec {method} {path}",
                op.method, op.path
            )),
            Some(_) => covered += 1,
        }
    }
    let extra: Vec<_> = SELF_HOSTED
        .iter()
        .filter(|op| !spec.contains_key(op.id))
        .map(|op| op.id)
        .collect();
    println!(
        "operation table: {covered}/{} operations match the OpenAPI document",
        spec.len()
    );
    assert!(missing.is_empty(), "missing from the table: {missing:?}");
    assert!(different.is_empty(), "differ: {different:#?}");
    assert!(extra.is_empty(), "in the table but not in the spec: {extra:?}");
    assert_eq!(covered, 138);
}

#[test]
fn cloud_only_operations_are_not_in_the_self_hosted_spec() {
    let spec = spec_operations();
    for op in CLOUD_ONLY {
        assert!(op.cloud_only);
        assert!(
            !spec.contains_key(op.id),
            "{} is served by the self-hosted server",
            op.id
        );
        assert!(
            !spec
                .values()
                .any(|(m, p)| op.method == m.as_str() && p == op.path),
            "{} {} is served by the self-hosted server",
            op.method,
            op.path
        );
    }
}

/// The name of an operation's constant in `letta_core::operations`.
fn const_name(id: &str) -> String {
    id.split("_v1_").next().unwrap_or(id).to_uppercase()
}

/// Which operations the resource handles call: each handle builds its request with
/// `ops::name(..)` (or names the constant, `ops::NAME`).
fn implemented() -> Vec<&'static str> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/api");
    let mut source = String::new();
    for entry in std::fs::read_dir(&dir).expect("src/api") {
        source.push_str(&std::fs::read_to_string(entry.expect("entry").path()).expect("source"));
    }
    SELF_HOSTED
        .iter()
        .chain(CLOUD_ONLY)
        .filter(|op| {
            let constant = const_name(op.id);
            [constant.clone(), constant.to_lowercase()].iter().any(|name| {
                let name = format!("ops::{name}");
                source.match_indices(&name).any(|(i, _)| {
                    !source[i + name.len()..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
                })
            })
        })
        .map(|op| op.id)
        .collect()
}

#[test]
fn coverage_of_the_self_hosted_api() {
    let done = implemented();
    let self_hosted = SELF_HOSTED.iter().filter(|op| done.contains(&op.id)).count();
    let cloud = CLOUD_ONLY.iter().filter(|op| done.contains(&op.id)).count();
    println!("covered {self_hosted}/{}", SELF_HOSTED.len());
    println!(
        "cloud-only operations from the SDK reference: {cloud}/{}",
        CLOUD_ONLY.len()
    );
    let missing: Vec<_> = SELF_HOSTED
        .iter()
        .filter(|op| !done.contains(&op.id))
        .map(|op| op.id)
        .collect();
    println!("not implemented yet: {missing:?}");
    assert_eq!(self_hosted, SELF_HOSTED.len(), "not implemented: {missing:?}");
    assert_eq!(cloud, CLOUD_ONLY.len());
}

/// Public methods of the resource handles, with the operations each one runs and the module
/// documentation of its file.
fn handle_methods() -> Vec<(String, String, Vec<String>, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/api");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("src/api") {
        let path = entry.expect("entry").path();
        let file = path
            .file_name()
            .and_then(|f| f.to_str())
            .unwrap_or_default()
            .to_owned();
        let source = std::fs::read_to_string(&path).expect("source");
        let docs: String = source
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
            let ops: Vec<String> = item
                .match_indices("ops::")
                .map(|(i, _)| {
                    item[i + 5..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect::<String>()
                        .to_uppercase()
                })
                .collect();
            out.push((file.clone(), name.to_owned(), ops, docs.clone()));
        }
    }
    out
}

#[test]
fn every_operation_is_shown_in_an_example() {
    let examples_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/examples");
    let examples: String = std::fs::read_dir(&examples_dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default();
    let methods = handle_methods();
    let mut unshown = Vec::new();
    for op in SELF_HOSTED.iter().chain(CLOUD_ONLY) {
        let name = const_name(op.id);
        let users: Vec<_> = methods
            .iter()
            .filter(|(_, _, ops, _)| ops.contains(&name))
            .collect();
        let shown = users.iter().any(|(_, method, _, docs)| {
            let call = format!(".{method}(");
            docs.contains(&call) || examples.contains(&call)
        });
        if !shown {
            let where_: Vec<_> = users
                .iter()
                .map(|(file, method, _, _)| format!("{file}::{method}"))
                .collect();
            unshown.push(format!("{} ({})", op.id, where_.join(", ")));
        }
    }
    assert!(
        unshown.is_empty(),
        "operations no example shows:\n{}",
        unshown.join("\n")
    );
}
