//! Acceptance of the Python stubs of Rust tools by the real Letta server (the release
//! `LETTA_SERVER_VERSION` names, 0.7.29 by default, started once for this binary by
//! `letta-testkit`): the server accepts each stub and derives exactly
//! `letta_json_schema()`, and a stub run in the server's sandbox calls a tool host (here a
//! loopback server in the test) as the protocol says.

#![allow(dead_code)] // The argument structs exist for their schemas.

mod rust_tool_fixtures;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use letta_core::LettaClient;
use letta_core::rust_tool::{HOST_ENV, SECRET_ENV, SECRET_HEADER, TIMEOUT_ENV, ToolDefinition};
use letta_core::types::{ToolCreate, ToolReturnMessage, ToolReturnStatus, ToolRunFromSource};
use serde_json::{Value, json};

fn client() -> LettaClient {
    LettaClient::builder()
        .base_url(letta_testkit::shared_selected().base_url())
        .build()
        .expect("client")
}

/// A suffix making this run's tool names unique on the shared server (`_{pid}_{n}`: tool names
/// are Python identifiers, so no `-`).
fn suffix() -> String {
    letta_testkit::unique_name("").replace('-', "_")
}

fn on_0_7() -> bool {
    letta_testkit::shared_selected().release() == letta_testkit::LettaRelease::V0_7_29
}

/// 0.7.29 derives `letta_json_schema()` from every stub; 0.16.8, whose static parser cannot
/// (it reads `Literal["a", "b"]` as the one string `"('a', 'b')"` and fails on any pydantic
/// parameter), accepts every stub with the schema given and keeps that schema as it is.
#[tokio::test]
async fn the_server_takes_every_stub_with_letta_json_schema() {
    let client = client();
    let mut failures = Vec::new();
    for definition in rust_tool_fixtures::definitions(&suffix()) {
        let definition = definition.with_tags(["rust-tool", "stub-acceptance"]);
        let stub = definition.python_stub().expect("stub");
        let mut request = ToolCreate::builder()
            .source_code(stub.clone())
            .tags(definition.tags.clone())
            .build();
        if !on_0_7() {
            request.json_schema = definition.letta_json_schema().as_object().cloned();
        }
        let tool = match client.tools().create(&request).await {
            Ok(tool) => tool,
            Err(error) => {
                failures.push(format!("{}: refused: {error}\n{stub}", definition.name));
                continue;
            }
        };
        assert_eq!(tool.name.as_deref(), Some(definition.name.as_str()));
        assert_eq!(tool.tags, definition.tags);
        let mut derived = Value::Object(tool.json_schema.clone().expect("json_schema"));
        remove_heartbeat(&mut derived);
        let expected = definition.letta_json_schema();
        let differences = differences(&expected, &derived);
        if !differences.is_empty() {
            failures.push(format!(
                "{}: the server's schema differs from letta_json_schema():\n  {}",
                definition.name,
                differences.join("\n  ")
            ));
        }
        client.tools().delete(&tool.id).await.expect("delete");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Drops the `request_heartbeat` parameter 0.7.29 adds, checking it is there (0.16.8 adds it
/// to an agent's tools when it sends them to the model, not to the stored schema).
fn remove_heartbeat(schema: &mut Value) {
    let parameters = &mut schema["parameters"];
    let removed = parameters["properties"]
        .as_object_mut()
        .and_then(|p| p.shift_remove("request_heartbeat"));
    assert_eq!(
        removed.is_some(),
        on_0_7(),
        "request_heartbeat in the stored schema: {schema}"
    );
    if let Some(required) = parameters["required"].as_array_mut() {
        required.retain(|name| name != "request_heartbeat");
    }
}

/// Where `actual` differs from `expected`, one line per path; key order counts for
/// `properties` (the order the model sees the parameters in).
fn differences(expected: &Value, actual: &Value) -> Vec<String> {
    let mut out = Vec::new();
    compare("$", expected, actual, &mut out);
    out
}

fn compare(path: &str, expected: &Value, actual: &Value, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, value) in e {
                match a.get(key) {
                    Some(other) => compare(&format!("{path}.{key}"), value, other, out),
                    None => out.push(format!("{path}.{key}: expected {value}, missing")),
                }
            }
            for (key, value) in a {
                if !e.contains_key(key) {
                    out.push(format!("{path}.{key}: unexpected {value}"));
                }
            }
            let (e_keys, a_keys): (Vec<_>, Vec<_>) = (e.keys().collect(), a.keys().collect());
            if path.ends_with(".properties") && e_keys.len() == a_keys.len() && e_keys != a_keys {
                out.push(format!("{path}: expected order {e_keys:?}, got {a_keys:?}"));
            }
        }
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => {
            for (i, (e, a)) in e.iter().zip(a).enumerate() {
                compare(&format!("{path}[{i}]"), e, a, out);
            }
        }
        (e, a) if e != a => out.push(format!("{path}: expected {e}, got {a}")),
        _ => {}
    }
}

/// What the loopback tool host saw: (path, secret header, body).
type Calls = Arc<Mutex<Vec<(String, Option<String>, Value)>>>;

const SECRET: &str = "s3cret \"value\"";

/// A tool host that checks the secret and answers by the `text` argument: `"fail"` -> an
/// error, `"plain"` -> a string, `"slow"` -> a string after 4 s, anything else -> the
/// arguments it received, as an object.
async fn tool_host() -> (String, Calls) {
    let calls: Calls = Arc::default();
    let app = axum::Router::new()
        .route("/tools/{name}", axum::routing::post(answer))
        .with_state(calls.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
    (format!("http://{address}"), calls)
}

async fn answer(
    State(calls): State<Calls>,
    Path(name): Path<String>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> (StatusCode, Json<Value>) {
    let secret = headers
        .get(SECRET_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    calls
        .lock()
        .unwrap()
        .push((format!("/tools/{name}"), secret.clone(), body.clone()));
    if secret.as_deref() != Some(SECRET) {
        return (StatusCode::FORBIDDEN, Json(json!({"detail": "wrong secret"})));
    }
    let reply = match body["text"].as_str() {
        Some("fail") => json!({"error": "the tool failed: \"quoted\" reason"}),
        Some("plain") => json!({"ok": "plain answer\nwith a second line"}),
        Some("slow") => {
            tokio::time::sleep(std::time::Duration::from_secs(4)).await;
            json!({"ok": "too late"})
        }
        _ => json!({"ok": {"received": body}}),
    };
    (StatusCode::OK, Json(reply))
}

/// Runs a stub in the server's sandbox, one run at a time: Letta 0.7.29 runs a tool in its own
/// process with the run's variables swapped into `os.environ` for the while, so concurrent runs
/// would see (and, restoring, remove) each other's host and secret.
async fn run(definition: &ToolDefinition, args: Value, env: &[(&str, &str)]) -> ToolReturnMessage {
    static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    let _turn = ONE_AT_A_TIME.lock().await;
    client()
        .tools()
        .run_from_source(
            &ToolRunFromSource::builder()
                .source_code(definition.python_stub().expect("stub"))
                .args(args.as_object().cloned().expect("args object"))
                .env_vars(
                    env.iter()
                        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                        .collect::<BTreeMap<_, _>>(),
                )
                .name(definition.name.clone())
                // 0.16.8 derives no schema for a named run (`SyncServer::run_tool_from_source`)
                // and its sandbox then fails reading the parameters: give it the schema.
                .json_schema(
                    definition
                        .letta_json_schema()
                        .as_object()
                        .cloned()
                        .expect("object"),
                )
                .build(),
        )
        .await
        .expect("run")
}

fn definition(name: &str) -> ToolDefinition {
    rust_tool_fixtures::definitions(&suffix())
        .into_iter()
        .find(|d| d.name.starts_with(name))
        .expect("fixture")
}

#[tokio::test]
async fn a_stub_forwards_its_call_to_the_tool_host() {
    let (host, calls) = tool_host().await;
    let env = [(HOST_ENV, host.as_str()), (SECRET_ENV, SECRET)];
    let scalars = definition("scalars");
    let args = json!({"count": 3, "ratio": 0.5, "loud": true, "text": "héllo \"q\" \\ ok", "small": 7});

    // A value that is not a string comes back as JSON text; the host saw the arguments as sent.
    let result = run(&scalars, args.clone(), &env).await;
    assert_eq!(result.status, ToolReturnStatus::Success, "{result:?}");
    assert!(result.tool_return.contains("héllo"), "{result:?}");
    let returned: Value = serde_json::from_str(&result.tool_return).expect("JSON text");
    assert_eq!(returned, json!({"received": args}));
    let seen = calls.lock().unwrap().clone();
    assert_eq!(
        seen,
        vec![(format!("/tools/{}", scalars.name), Some(SECRET.to_owned()), args)]
    );

    // A string comes back as it is.
    let plain = json!({"count": 1, "ratio": 1.0, "loud": false, "text": "plain", "small": 0});
    let result = run(&scalars, plain, &env).await;
    assert_eq!(result.status, ToolReturnStatus::Success, "{result:?}");
    assert_eq!(result.tool_return, "plain answer\nwith a second line");

    // `{"error": ..}` becomes an error tool return carrying the message.
    let fail = json!({"count": 1, "ratio": 1.0, "loud": false, "text": "fail", "small": 0});
    let result = run(&scalars, fail, &env).await;
    assert_eq!(result.status, ToolReturnStatus::Error, "{result:?}");
    assert!(
        result.tool_return.contains("the tool failed: \"quoted\" reason"),
        "{result:?}"
    );
}

#[tokio::test]
async fn a_stub_sends_nested_arguments_and_omits_absent_optionals() {
    let (host, calls) = tool_host().await;
    let env = [(HOST_ENV, host.as_str()), (SECRET_ENV, SECRET)];
    let nested = definition("nested");
    let point = json!({"x": 1.5, "y": -2.0});
    let shape = json!({
        "name": "box", "origin": point, "corners": [point, point], "tags": ["a", "b"],
        "mode": "double_check", "grids": [[point]], "undocumented": 4
    });
    let args = json!({"shape": shape, "shapes": [shape], "point": null});
    let result = run(&nested, args, &env).await;
    assert_eq!(result.status, ToolReturnStatus::Success, "{result:?}");
    let sent = calls.lock().unwrap()[0].2.clone();
    // `point` was None, so it is not sent at all.
    assert_eq!(sent, json!({"shape": shape, "shapes": [shape]}));
}

#[tokio::test]
async fn a_stub_reports_a_missing_variable_a_wrong_secret_and_an_unreachable_host() {
    let (host, _calls) = tool_host().await;
    let scalars = definition("scalars");
    let args = json!({"count": 1, "ratio": 1.0, "loud": false, "text": "x", "small": 0});

    // Empty rather than unset: the server's own environment is the base of a run's, so a
    // variable it happens to have cannot be unset.
    let result = run(
        &scalars,
        args.clone(),
        &[(HOST_ENV, host.as_str()), (SECRET_ENV, "")],
    )
    .await;
    assert_eq!(result.status, ToolReturnStatus::Error, "{result:?}");
    assert!(
        result
            .tool_return
            .contains("environment variable LETTA_RS_TOOL_SECRET is missing or empty"),
        "{result:?}"
    );

    let result = run(
        &scalars,
        args.clone(),
        &[(HOST_ENV, host.as_str()), (SECRET_ENV, "wrong")],
    )
    .await;
    assert_eq!(result.status, ToolReturnStatus::Error, "{result:?}");
    assert!(
        result.tool_return.contains("answered HTTP 403") && result.tool_return.contains("wrong secret"),
        "{result:?}"
    );

    // A port nobody listens on: bound, then released.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let dead = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let result = run(&scalars, args, &[(HOST_ENV, dead.as_str()), (SECRET_ENV, SECRET)]).await;
    assert_eq!(result.status, ToolReturnStatus::Error, "{result:?}");
    assert!(
        result.tool_return.contains("cannot reach the tool host"),
        "{result:?}"
    );
}

#[tokio::test]
async fn a_stub_gives_up_after_its_timeout() {
    let (host, calls) = tool_host().await;
    let scalars = definition("scalars");
    let args = json!({"count": 1, "ratio": 1.0, "loud": false, "text": "slow", "small": 0});
    let env = [
        (HOST_ENV, host.as_str()),
        (SECRET_ENV, SECRET),
        (TIMEOUT_ENV, "1"),
    ];
    // Without the 1 s limit the host's answer would arrive and the call succeed.
    let result = run(&scalars, args, &env).await;
    assert_eq!(result.status, ToolReturnStatus::Error, "{result:?}");
    assert!(
        result
            .tool_return
            .contains("the tool host did not answer within 1.0 s"),
        "{result:?}"
    );
    assert_eq!(calls.lock().unwrap().len(), 1);

    let env = [
        (HOST_ENV, host.as_str()),
        (SECRET_ENV, SECRET),
        (TIMEOUT_ENV, "soon"),
    ];
    let args = json!({"count": 1, "ratio": 1.0, "loud": false, "text": "x", "small": 0});
    let result = run(&scalars, args, &env).await;
    assert_eq!(result.status, ToolReturnStatus::Error, "{result:?}");
    assert!(
        result
            .tool_return
            .contains("LETTA_RS_TOOL_TIMEOUT is not a number of seconds"),
        "{result:?}"
    );
}
