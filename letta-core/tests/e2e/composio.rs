//! Composio on the real server: without a Composio API key (none in the test setup) every
//! route refuses with a 400 that says what is missing. Successful answers are covered by
//! fixtures in `tests/cloud_fixtures.rs`.

use crate::client;

#[tokio::test]
async fn composio_routes_say_the_api_key_is_missing() {
    let client = client();
    let composio = client.tools().composio();
    for err in [
        composio.list_apps().await.unwrap_err(),
        composio.list_actions("github").await.unwrap_err(),
    ] {
        assert_eq!(err.status().map(|s| s.as_u16()), Some(400), "{err}");
        assert!(
            err.detail().unwrap_or_default().contains("COMPOSIO_API_KEY"),
            "{err}"
        );
    }
    let err = composio
        .add_tool("GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER")
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400), "{err}");
    let detail = err.detail().unwrap_or_default();
    assert!(
        detail.contains("ComposioClientError") && detail.contains("COMPOSIO_API_KEY"),
        "{err}"
    );
}
