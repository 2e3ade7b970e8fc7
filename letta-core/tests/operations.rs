//! The operation table against the server's OpenAPI document (`spec/openapi-0.7.29.json`, as
//! served at `GET /openapi.json` by Letta 0.7.29): every operation present, method and path equal.

use std::collections::BTreeMap;

use letta_core::operations::{CLOUD_ONLY, SELF_HOSTED};

mod source;

use source::{HandleMethod, constructor_name, handle_methods};

/// Each operation of the OpenAPI document: its method and path, by `operationId`.
fn spec_operations() -> BTreeMap<String, (String, String)> {
    source::spec_operations()
        .into_iter()
        .map(|(id, method, path, _)| (id, (method, path)))
        .collect()
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

/// Which operations the resource handles build requests of.
fn implemented() -> Vec<&'static str> {
    let methods = handle_methods();
    SELF_HOSTED
        .iter()
        .chain(CLOUD_ONLY)
        .filter(|op| {
            let name = constructor_name(op.id);
            methods.iter().any(|m| m.operations.contains(&name))
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
        let name = constructor_name(op.id);
        let users: Vec<&HandleMethod> = methods.iter().filter(|m| m.operations.contains(&name)).collect();
        let shown = users.iter().any(|m| {
            let call = format!(".{}(", m.name);
            m.module_docs.contains(&call) || examples.contains(&call)
        });
        if !shown {
            let where_: Vec<_> = users.iter().map(|m| format!("{}::{}", m.file, m.name)).collect();
            unshown.push(format!("{} ({})", op.id, where_.join(", ")));
        }
    }
    assert!(
        unshown.is_empty(),
        "operations no example shows:\n{}",
        unshown.join("\n")
    );
}
