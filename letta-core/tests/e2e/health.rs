use crate::client;

#[tokio::test]
async fn health_reports_the_real_server_version() {
    let health = client().health().check().await.unwrap();
    assert_eq!(health.version, "0.7.29");
    assert_eq!(health.status, "ok");
}
