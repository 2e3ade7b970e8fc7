//! Providers and models on the real 0.16.8. A bring-your-own-key OpenAI provider pointed at the
//! scripted LLM is one the server can reach: its key checks out, its models sync, and one of
//! them writes a tool (`generate_tool`).

use futures_util::TryStreamExt;
use letta_core::types::{
    ListModelsParams, ListProvidersParams, ListToolsParams, ProviderCategory, ProviderCreate, ProviderType,
    ProviderUpdate, ToolGenerate,
};

use crate::{client, once_more_after_a_race, server, unique};

#[tokio::test]
async fn a_byok_provider_is_created_checked_refreshed_modified_and_deleted() {
    let client = client();
    // Listed before this test's provider exists: once a provider was deleted, every later full
    // model list of 0.16.8 failed (500: its database connection timed out).
    check_the_base_models(&client).await;
    let providers = client.providers();
    let name = unique("byok");
    let key = "sk-byok-not-for-debug";
    let provider = providers
        .create(
            &ProviderCreate::new(&name, ProviderType::Openai, key).with_base_url(server().llm().base_url()),
        )
        .await
        .unwrap();
    let id = provider.id.clone().expect("a stored provider has an ID");
    assert_eq!(
        (
            provider.name.as_str(),
            provider.provider_type.clone(),
            provider.provider_category.clone()
        ),
        (name.as_str(), ProviderType::Openai, ProviderCategory::Byok)
    );
    assert_eq!(
        provider.base_url.as_deref(),
        Some(server().llm().base_url().as_str())
    );
    assert!(!format!("{provider:?}").contains(key), "Debug hides the key");

    let read = providers.retrieve(&id).await.unwrap();
    assert_eq!((read.id.as_ref(), read.name.as_str()), (Some(&id), name.as_str()));
    let by_name = providers
        .list(&ListProvidersParams::builder().name(name.clone()).build())
        .await
        .unwrap();
    assert_eq!(
        by_name.iter().map(|p| p.id.clone()).collect::<Vec<_>>(),
        [Some(id.clone())]
    );
    let openai: Vec<_> = providers
        .list_all(
            &ListProvidersParams::builder()
                .provider_type(ProviderType::Openai)
                .limit(2)
                .build(),
        )
        .try_collect()
        .await
        .unwrap();
    assert!(openai.iter().any(|p| p.id.as_ref() == Some(&id)));
    assert!(openai.iter().all(|p| p.provider_type == ProviderType::Openai));

    let checked = providers.check_existing(&id).await.unwrap();
    assert_eq!(checked.message, "Valid api key for provider_type=openai");

    let refreshed = providers.refresh_models(&id).await.unwrap();
    assert_eq!(refreshed.id.as_ref(), Some(&id));
    assert!(refreshed.last_synced.is_some(), "{refreshed:?}");
    // Its models are what the scripted LLM lists (every model, embeddings too), under the
    // provider's name; their handles start `openai-proxy/` whatever the provider's name.
    let models = client
        .models()
        .list(&ListModelsParams::builder().provider_name(name.clone()).build())
        .await
        .unwrap();
    let mut names: Vec<_> = models.iter().map(|m| m.model.as_str()).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [letta_testkit::llm::EMBEDDING_MODEL, letta_testkit::llm::MODEL]
    );
    assert!(
        models
            .iter()
            .all(|m| m.provider_name.as_deref() == Some(name.as_str())
                && m.provider_category == Some(ProviderCategory::Byok))
    );
    assert!(
        models
            .iter()
            .any(|m| m.handle.as_deref() == Some(&format!("openai-proxy/{}", letta_testkit::llm::MODEL))),
        "{models:?}"
    );

    // Its model writes a tool. Every OpenAI-compatible provider names its models
    // `openai-proxy/<model>`, and a handle belongs to the first provider that synced it, so this
    // is the suite's only provider on the scripted LLM.
    let handle = models
        .iter()
        .find(|m| m.model == letta_testkit::llm::MODEL)
        .and_then(|m| m.handle.clone())
        .unwrap();
    generate_tool_with(&client, handle).await;

    let modified = providers
        .modify(&id, &ProviderUpdate::new("sk-byok-second"))
        .await
        .unwrap();
    assert_eq!(modified.id.as_ref(), Some(&id));
    assert!(!format!("{modified:?}").contains("sk-byok-second"));

    // 0.16.8 deletes softly: the provider leaves the lists, but retrieving it by ID still works.
    providers.delete(&id).await.unwrap();
    assert!(
        providers
            .list(&ListProvidersParams::builder().name(name).build())
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_key_is_checked_against_the_given_endpoint() {
    let client = client();
    let valid = client
        .providers()
        .check_at(ProviderType::Openai, "sk-any", &server().llm().base_url())
        .await
        .unwrap();
    assert_eq!(valid.message, "Valid api key for provider_type=openai");
}

/// Has the model behind `handle` write a tool, as the script's `generate_tool` call says.
async fn generate_tool_with(client: &letta_core::LettaClient, handle: String) {
    let name = unique("flip").replace('-', "_");
    let code = format!(
        "def {name}(heads: bool) -> str:\n    \"\"\"Flip a coin.\n\n    Args:\n        heads (bool): Whether it lands heads.\n\n    Returns:\n        str: The side.\n    \"\"\"\n    return 'heads' if heads else 'tails'\n"
    );
    let arguments = serde_json::json!({
        "raw_source_code": code,
        "sample_args_json": r#"{"heads": true}"#,
        "pip_requirements_json": "{}",
    });
    let generated = client
        .tools()
        .generate(
            &ToolGenerate::builder()
                .tool_name(name.clone())
                .prompt(format!("#call generate_tool {arguments}"))
                .handle(handle)
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(generated.tool.name.as_deref(), Some(name.as_str()));
    assert_eq!(generated.tool.source_code.as_deref(), Some(code.as_str()));
    assert_eq!(generated.response, "Here is generate_tool.");
    assert_eq!(
        generated.sample_args,
        *serde_json::json!({"heads": true}).as_object().unwrap()
    );
    assert_eq!(
        generated.tool.json_schema.as_ref().unwrap()["parameters"]["properties"]["heads"]["type"],
        "boolean"
    );
    // Written, not saved.
    let by_name = ListToolsParams::builder().name(name).build();
    let tools = client.tools();
    let saved = once_more_after_a_race(|| tools.list(&by_name)).await.unwrap();
    assert!(saved.is_empty(), "{saved:?}");
}

/// The models the server's own providers offer.
async fn check_the_base_models(client: &letta_core::LettaClient) {
    let models = client.models().list(&ListModelsParams::default()).await.unwrap();
    // Letta's own free model is always offered; 0.16.8 lists no model of the OpenAI provider it
    // builds from OPENAI_API_BASE (the scripted LLM), only those of stored providers.
    let free = models
        .iter()
        .find(|m| m.handle.as_deref() == Some("letta/letta-free"))
        .unwrap_or_else(|| panic!("letta-free missing from {models:?}"));
    assert_eq!(free.provider_category, Some(ProviderCategory::Base));

    let none = client
        .models()
        .list(
            &ListModelsParams::builder()
                .provider_category([ProviderCategory::Byok])
                .provider_name(unique("no-such-provider"))
                .build(),
        )
        .await
        .unwrap();
    assert!(none.is_empty(), "{none:?}");

    // The OpenAI provider offers OpenAI's embedding models by name, at the scripted LLM.
    let embeddings = client.models().list_embedding().await.unwrap();
    let small = embeddings
        .iter()
        .find(|e| e.handle.as_deref() == Some("openai/text-embedding-3-small"))
        .unwrap_or_else(|| panic!("{embeddings:?}"));
    assert_eq!(
        small.embedding_endpoint.as_deref(),
        Some(server().llm().base_url().as_str())
    );
    assert_eq!(small.embedding_dim, 1536);
    assert!(
        embeddings
            .iter()
            .any(|e| e.handle.as_deref() == Some("letta/letta-free"))
    );
}
