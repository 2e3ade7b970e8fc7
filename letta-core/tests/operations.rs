//! The operation table against both servers' OpenAPI documents (`spec/openapi-0.7.29.json` and
//! `spec/openapi-0.16.8.json`, as served at `GET /openapi.json`): every operation present, under
//! its ID in that document, method and path equal; and which of them the resource handles cover.

use std::collections::BTreeMap;

use letta_core::operations::{ALL, CLOUD_ONLY, Operation, SERVED_BY_0_7, SERVED_BY_0_16, ServedBy};

mod source;

use source::{HandleMethod, constructor_of, handle_methods};

/// One of the two documents: its name, its operations (method and path by `operationId`), the
/// table's list for it and how an operation names itself there.
struct Document {
    name: &'static str,
    operations: BTreeMap<String, (String, String)>,
    served: &'static [Operation],
    id_in: fn(&ServedBy) -> Option<&'static str>,
}

fn documents() -> [Document; 2] {
    let index = |ops: Vec<(String, String, String, &serde_json::Value)>| {
        ops.into_iter()
            .map(|(id, method, path, _)| (id, (method, path)))
            .collect::<BTreeMap<_, _>>()
    };
    [
        Document {
            name: "0.7.29",
            operations: index(source::spec_operations()),
            served: SERVED_BY_0_7,
            id_in: |served| served.v0_7,
        },
        Document {
            name: "0.16.8",
            operations: index(source::spec_operations_0_16()),
            served: SERVED_BY_0_16,
            id_in: |served| served.v0_16,
        },
    ]
}

#[test]
fn the_table_matches_both_openapi_documents() {
    for doc in documents() {
        let mut missing = Vec::new();
        let mut different = Vec::new();
        let mut matching = 0;
        for (id, (method, path)) in &doc.operations {
            match ALL
                .iter()
                .find(|op| (doc.id_in)(&op.served_by) == Some(id.as_str()))
            {
                None => missing.push(id.clone()),
                Some(op) if op.method != method.as_str() || op.path != path => different.push(format!(
                    "{id}: table {} {}, spec {method} {path}",
                    op.method, op.path
                )),
                Some(_) => matching += 1,
            }
        }
        let extra: Vec<_> = ALL
            .iter()
            .filter_map(|op| (doc.id_in)(&op.served_by))
            .filter(|id| !doc.operations.contains_key(*id))
            .collect();
        let listed: Vec<_> = doc
            .served
            .iter()
            .filter_map(|op| (doc.id_in)(&op.served_by))
            .collect();
        println!(
            "operation table: {matching}/{} operations match the {} OpenAPI document",
            doc.operations.len(),
            doc.name
        );
        assert!(
            missing.is_empty(),
            "{}: missing from the table: {missing:?}",
            doc.name
        );
        assert!(different.is_empty(), "{}: differ: {different:#?}", doc.name);
        assert!(
            extra.is_empty(),
            "{}: in the table but not in the spec: {extra:?}",
            doc.name
        );
        assert_eq!(
            listed.len(),
            doc.served.len(),
            "{}: its list holds an operation it does not serve",
            doc.name
        );
        assert_eq!(doc.served.len(), doc.operations.len(), "{}: its list", doc.name);
    }
    assert_eq!(SERVED_BY_0_7.len(), 138);
    assert_eq!(SERVED_BY_0_16.len(), 235);
    assert_eq!(
        source::operations_of(source::openapi_0_16()).len() - SERVED_BY_0_16.len(),
        14,
        "only the /v1/_internal_* routes are left out"
    );
}

#[test]
fn cloud_only_operations_are_in_neither_document() {
    for doc in documents() {
        for op in CLOUD_ONLY {
            assert!(op.is_cloud_only());
            assert!(
                !doc.operations.contains_key(op.id),
                "{} is served by the self-hosted server {}",
                op.id,
                doc.name
            );
            assert!(
                !doc.operations
                    .values()
                    .any(|(m, p)| op.method == m.as_str() && p == op.path),
                "{} {} is served by the self-hosted server {}",
                op.method,
                op.path,
                doc.name
            );
        }
    }
}

/// Which operations the resource handles build requests of.
fn implemented() -> Vec<&'static Operation> {
    let methods = handle_methods();
    ALL.iter()
        .filter(|op| {
            let name = constructor_of(op.method.as_str(), op.path);
            methods.iter().any(|m| m.operations.contains(&name))
        })
        .collect()
}

#[test]
fn coverage_of_both_servers() {
    let done = implemented();
    let covered = |ops: &[Operation]| ops.iter().filter(|op| done.contains(op)).count();
    let missing = |ops: &[Operation]| -> Vec<&str> {
        ops.iter()
            .filter(|op| !done.contains(op))
            .map(|op| op.id)
            .collect()
    };
    println!(
        "covered 0.7.29: {}/{}",
        covered(SERVED_BY_0_7),
        SERVED_BY_0_7.len()
    );
    println!(
        "covered 0.16.8: {}/{}",
        covered(SERVED_BY_0_16),
        SERVED_BY_0_16.len()
    );
    println!(
        "cloud-only operations from the SDK reference: {}/{}",
        covered(CLOUD_ONLY),
        CLOUD_ONLY.len()
    );
    println!(
        "0.16.8 operations no handle covers yet: {:?}",
        missing(SERVED_BY_0_16)
    );
    assert_eq!(
        covered(SERVED_BY_0_7),
        SERVED_BY_0_7.len(),
        "not implemented: {:?}",
        missing(SERVED_BY_0_7)
    );
    assert_eq!(
        covered(SERVED_BY_0_16),
        SERVED_BY_0_16.len(),
        "not implemented: {:?}",
        missing(SERVED_BY_0_16)
    );
    assert_eq!(covered(CLOUD_ONLY), CLOUD_ONLY.len());
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
    for op in ALL {
        let name = constructor_of(op.method.as_str(), op.path);
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
