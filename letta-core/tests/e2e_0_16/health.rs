//! Health and readiness on the real 0.16.8.

use crate::client;

#[tokio::test]
async fn health_and_readiness_report_the_server() {
    let client = client();
    let health = client.health().check().await.unwrap();
    assert_eq!(
        (health.version.as_str(), health.status.as_str()),
        ("0.16.8", "ok")
    );
    let ready = client.health().ready().await.unwrap();
    assert_eq!((ready.version.as_str(), ready.status.as_str()), ("0.16.8", "ok"));
}
