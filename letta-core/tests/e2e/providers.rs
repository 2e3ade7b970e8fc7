use futures_util::TryStreamExt;
use letta_core::types::{
    ListModelsParams, ListProvidersParams, ProviderCategory, ProviderCreate, ProviderType, ProviderUpdate,
};

use crate::{client, server, unique};

/// Held by the tests that add providers and the one that lists models: 0.7.29 builds every
/// stored provider to list models, and one caught between create and modify fails the whole
/// list (400 "validation error for AnthropicProvider").
static PROVIDERS: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

#[tokio::test]
async fn provider_create_list_modify_check_delete() {
    let _providers = PROVIDERS.lock().await;
    let client = client();
    let name = unique("byok");
    let provider = client
        .providers()
        .create(&ProviderCreate::new(
            &name,
            ProviderType::Anthropic,
            "sk-ant-first",
        ))
        .await
        .unwrap();
    let id = provider.id.clone().expect("a stored provider has an id");
    assert_eq!(provider.name, name);
    assert_eq!(provider.provider_type, ProviderType::Anthropic);
    assert_eq!(provider.provider_category, ProviderCategory::Byok);
    assert_eq!(provider.api_key.as_deref(), Some("sk-ant-first"));
    assert!(
        !format!("{provider:?}").contains("sk-ant-first"),
        "Debug hides the key"
    );

    let by_name = client
        .providers()
        .list(&ListProvidersParams::builder().name(name.clone()).build())
        .await
        .unwrap();
    assert_eq!(
        by_name.iter().map(|p| p.id.clone()).collect::<Vec<_>>(),
        vec![Some(id.clone())]
    );
    let anthropic: Vec<_> = client
        .providers()
        .list_all(
            &ListProvidersParams::builder()
                .provider_type(ProviderType::Anthropic)
                .limit(1)
                .build(),
        )
        .try_collect()
        .await
        .unwrap();
    assert!(anthropic.iter().any(|p| p.id.as_ref() == Some(&id)));
    assert!(
        anthropic
            .iter()
            .all(|p| p.provider_type == ProviderType::Anthropic)
    );

    let modified = client
        .providers()
        .modify(&id, &ProviderUpdate::new("sk-ant-second"))
        .await
        .unwrap();
    assert_eq!(modified.api_key.as_deref(), Some("sk-ant-second"));

    client.providers().delete(&id).await.unwrap();
    assert!(
        client
            .providers()
            .list(&ListProvidersParams::builder().name(name).build())
            .await
            .unwrap()
            .is_empty()
    );
    assert!(client.providers().delete(&id).await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn check_provider_says_whether_a_key_works() {
    let client = client();
    // The server's OpenAI provider is the scripted LLM (OPENAI_API_BASE), which takes any key.
    let valid = client
        .providers()
        .check(ProviderType::Openai, "sk-any")
        .await
        .unwrap();
    assert_eq!(valid.message, "Valid api key for provider_type=openai");

    // Anthropic's public API: unreachable from the test server (500), or with network access
    // it rejects the made-up key (401). Either way the server's reason comes through.
    let err = client
        .providers()
        .check(ProviderType::Anthropic, "sk-ant-not-a-real-key")
        .await
        .unwrap_err();
    assert!(
        matches!(err.status().map(|s| s.as_u16()), Some(401) | Some(500)),
        "{err}"
    );
    assert!(err.detail().is_some_and(|d| !d.is_empty()), "{err}");
    assert!(!err.to_string().contains("sk-ant-not-a-real-key"), "{err}");

    assert!(matches!(
        client.providers().check(ProviderType::Openai, "").await,
        Err(letta_core::LettaError::InvalidInput(_))
    ));
}

#[tokio::test]
async fn models_are_what_the_configured_providers_offer() {
    let _providers = PROVIDERS.lock().await;
    let client = client();
    let models = client.models().list(&ListModelsParams::default()).await.unwrap();
    // The server's OpenAI provider points at the scripted LLM (OPENAI_API_BASE), which lists
    // its chat model with a 16k context window; Letta's own free model is always offered.
    let scripted = models
        .iter()
        .find(|m| m.handle.as_deref() == Some("openai-proxy/scripted-model"))
        .unwrap_or_else(|| panic!("scripted model missing from {models:?}"));
    assert_eq!(scripted.model, letta_testkit::llm::MODEL);
    assert_eq!(scripted.context_window, 16384);
    assert_eq!(scripted.model_endpoint, Some(server().llm().base_url()));
    assert_eq!(scripted.provider_category, Some(ProviderCategory::Base));
    assert!(
        models
            .iter()
            .any(|m| m.handle.as_deref() == Some("letta/letta-free"))
    );

    let only_letta = client
        .models()
        .list(
            &ListModelsParams::builder()
                .provider_type(ProviderType::Letta)
                .build(),
        )
        .await
        .unwrap();
    assert!(!only_letta.is_empty());
    assert!(
        only_letta
            .iter()
            .all(|m| m.provider_name.as_deref() == Some("letta")),
        "{only_letta:?}"
    );

    let byok_only = client
        .models()
        .list(
            &ListModelsParams::builder()
                .provider_category([ProviderCategory::Byok])
                .provider_name(unique("no-such-provider"))
                .build(),
        )
        .await
        .unwrap();
    assert!(byok_only.is_empty(), "{byok_only:?}");

    let embeddings = client.models().list_embedding().await.unwrap();
    let free = embeddings
        .iter()
        .find(|e| e.handle.as_deref() == Some("letta/letta-free"))
        .unwrap_or_else(|| panic!("letta-free missing from {embeddings:?}"));
    assert_eq!(free.embedding_dim, 1024);
}

#[tokio::test]
async fn the_0_16_provider_fields_are_refused_before_0_7_sees_them() {
    let client = client();
    let with_url = ProviderCreate::new(unique("byok-url"), ProviderType::Openai, "sk-any")
        .with_base_url(server().llm().base_url());
    let error = client.providers().create(&with_url).await.unwrap_err();
    assert!(
        matches!(&error, letta_core::LettaError::InvalidInput(m) if m.contains("0.16")),
        "{error:?}"
    );
    let error = client
        .providers()
        .check_at(ProviderType::Openai, "sk-any", &server().llm().base_url())
        .await
        .unwrap_err();
    assert!(
        matches!(
            &error,
            letta_core::LettaError::NotServed {
                operation: "check_provider",
                ..
            }
        ),
        "{error:?}"
    );
}
