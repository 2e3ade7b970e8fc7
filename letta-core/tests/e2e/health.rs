use crate::client;

#[tokio::test]
async fn health_reports_the_real_server_version() {
    let health = client().health().check().await.unwrap();
    assert_eq!(health.version, "0.7.29");
    assert_eq!(health.status, "ok");
}

#[tokio::test]
async fn a_0_16_operation_is_refused_by_the_real_0_7_29_server_with_nothing_sent() {
    use letta_core::{LettaClient, LettaError, ServerVersion, operations};
    // The proxy counts what reaches the server.
    let proxy = letta_testkit::fault_proxy::FaultProxy::in_front_of(crate::server()).unwrap();
    let client = LettaClient::new(proxy.base_url()).unwrap();
    let error = client
        .call::<serde_json::Value>(operations::list_conversations())
        .await
        .unwrap_err();
    assert!(
        matches!(&error, LettaError::NotServed { operation: "list_conversations", server_version, .. } if server_version == "0.7.29"),
        "{error:?}"
    );
    assert_eq!(
        client.server_version().await.unwrap(),
        Some(ServerVersion::V0_7_29)
    );
    // Only the health check went out, once.
    assert_eq!(proxy.stats().requests, 1);
    // A 0.7 operation still goes to the server, which answers it.
    let agents: Vec<serde_json::Value> = client.call(operations::list_agents()).await.unwrap();
    drop(agents);
    assert_eq!(proxy.stats().requests, 2);
}
