//! LLM providers (`/v1/providers/`) and the models the server offers (`/v1/models/`).
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient) -> Result<(), letta_core::LettaError> {
//! use letta_core::types::{ListModelsParams, ListProvidersParams, ProviderCreate, ProviderType, ProviderUpdate};
//! let provider = client
//!     .providers()
//!     .create(&ProviderCreate::new("my-openai", ProviderType::Openai, "sk-..."))
//!     .await?;
//! let mine = client
//!     .providers()
//!     .list(&ListProvidersParams::builder().name("my-openai").build())
//!     .await?;
//! if let Some(id) = &provider.id {
//!     // 0.16 only:
//!     let same = client.providers().retrieve(id).await?;
//!     let valid = client.providers().check_existing(id).await?;
//!     let refreshed = client.providers().refresh_models(id).await?;
//!
//!     client.providers().modify(id, &ProviderUpdate::new("sk-new")).await?;
//!     client.providers().delete(id).await?;
//! }
//! let valid = client.providers().check(ProviderType::Anthropic, "sk-ant-...").await;
//! // 0.16 only: an OpenAI-compatible server of your own.
//! let valid = client.providers().check_at(ProviderType::Openai, "sk-...", "http://127.0.0.1:8000/v1").await;
//! let models = client.models().list(&ListModelsParams::default()).await?;
//! let embeddings = client.models().list_embedding().await?;
//! println!("{} chat models, {} embedding models", models.len(), embeddings.len());
//! # Ok(()) }
//! ```

use http::{HeaderName, HeaderValue};

use crate::ids::ProviderId;
use crate::operations as ops;
use crate::paging::{Order, Paginated, Walk, list_pages};
use crate::types::{
    EmbeddingConfig, ListModelsParams, ListProvidersParams, LlmConfig, Provider, ProviderCheck,
    ProviderCreate, ProviderType, ProviderUpdate,
};
use crate::{LettaClient, LettaError};

/// LLM providers.
#[derive(Debug, Clone, Copy)]
pub struct Providers<'c> {
    pub(crate) client: &'c LettaClient,
}

impl Providers<'_> {
    /// Adds a bring-your-own-key provider (`create_provider`); one with a `base_url` needs 0.16.
    pub async fn create(&self, request: &ProviderCreate) -> Result<Provider, LettaError> {
        request.validate()?;
        if request.base_url.is_some() && !self.client.api_level().await?.is_v0_16_shape() {
            return Err(LettaError::InvalidInput(
                "a provider's base_url needs Letta 0.16: 0.7.x rejects the field (422); leave it unset"
                    .into(),
            ));
        }
        self.client.call(ops::create_provider().json(request)).await
    }

    /// Lists one page of the stored (bring-your-own-key) providers, oldest first
    /// (`list_providers`).
    pub async fn list(&self, params: &ListProvidersParams) -> Result<Vec<Provider>, LettaError> {
        self.client.call(ops::list_providers().query(params)).await
    }

    /// Every stored provider, oldest first, page by page as the stream is read
    /// (`list_providers`).
    pub fn list_all(&self, params: &ListProvidersParams) -> Paginated<Provider> {
        list_pages(
            self.client,
            ops::list_providers().query(params),
            Walk::Forward,
            1,
            Order::AsAsked,
        )
    }

    /// Fetches a provider (`retrieve_provider`, 0.16).
    pub async fn retrieve(&self, provider_id: &ProviderId) -> Result<Provider, LettaError> {
        self.client.call(ops::retrieve_provider(provider_id)).await
    }

    /// Asks the server to try a stored provider's key against the provider's API
    /// (`check_existing_provider`, 0.16). A rejected key is a 401.
    pub async fn check_existing(&self, provider_id: &ProviderId) -> Result<ProviderCheck, LettaError> {
        self.client.call(ops::check_existing_provider(provider_id)).await
    }

    /// Asks a bring-your-own-key provider for its models again: new ones are added, gone ones
    /// removed (`refresh_provider_models`, 0.16).
    pub async fn refresh_models(&self, provider_id: &ProviderId) -> Result<Provider, LettaError> {
        self.client.call(ops::refresh_provider_models(provider_id)).await
    }

    /// Replaces a provider's API key (`modify_provider`).
    pub async fn modify(
        &self,
        provider_id: &ProviderId,
        update: &ProviderUpdate,
    ) -> Result<Provider, LettaError> {
        self.client
            .call(ops::modify_provider(provider_id).json(update))
            .await
    }

    /// Deletes a provider (`delete_provider`).
    pub async fn delete(&self, provider_id: &ProviderId) -> Result<(), LettaError> {
        self.client
            .call_raw(ops::delete_provider(provider_id))
            .await
            .map(drop)
    }

    /// Asks the server to try `api_key` against the provider's public API (`check_provider`).
    /// The key is never logged by this client. Letta 0.7 takes it in the `x-api-key` header of a
    /// `GET`; 0.16 moved the check to a `POST` with the key in its JSON body: the client sends
    /// the shape the server's version takes.
    ///
    /// A rejected key is a 401; a provider the server cannot reach is a 500 whose detail says
    /// why (the check goes to the provider's public endpoint; see [`check_at`](Self::check_at)
    /// for another one).
    pub async fn check(
        &self,
        provider_type: ProviderType,
        api_key: &str,
    ) -> Result<ProviderCheck, LettaError> {
        if api_key.is_empty() {
            return Err(LettaError::InvalidInput(
                "check_provider needs an API key to check".into(),
            ));
        }
        if self.client.api_level().await?.is_v0_16_shape() {
            let body = serde_json::json!({ "provider_type": provider_type, "api_key": api_key });
            return self.client.call(ops::check_provider().json(&body)).await;
        }
        let mut value = HeaderValue::from_str(api_key).map_err(|_| {
            LettaError::InvalidInput("the API key contains characters not allowed in an HTTP header".into())
        })?;
        value.set_sensitive(true);
        let request = ops::check_provider_0_7()
            .query(&[("provider_type", provider_type)])
            .header(HeaderName::from_static("x-api-key"), value);
        self.client.call(request).await
    }

    /// Like [`check`](Self::check), against the provider's API at `base_url` (an
    /// OpenAI-compatible server of your own; 0.16 only: 0.7.x checks only public endpoints, and
    /// this is a [`LettaError::NotServed`] there, with nothing sent).
    pub async fn check_at(
        &self,
        provider_type: ProviderType,
        api_key: &str,
        base_url: &str,
    ) -> Result<ProviderCheck, LettaError> {
        if api_key.is_empty() || base_url.is_empty() {
            return Err(LettaError::InvalidInput(
                "check_provider needs an API key and a base URL to check".into(),
            ));
        }
        let body = serde_json::json!({
            "provider_type": provider_type,
            "api_key": api_key,
            "base_url": base_url,
        });
        self.client.call(ops::check_provider().json(&body)).await
    }
}

/// The models the server's providers offer.
#[derive(Debug, Clone, Copy)]
pub struct Models<'c> {
    pub(crate) client: &'c LettaClient,
}

impl Models<'_> {
    /// The chat models of the enabled providers, provider by provider (`list_models`). Each `handle`
    /// (`provider/model`) can be used as `AgentCreate::model`. A provider the server cannot
    /// reach contributes nothing rather than failing the list.
    pub async fn list(&self, params: &ListModelsParams) -> Result<Vec<LlmConfig>, LettaError> {
        self.client.call(ops::list_models().query(params)).await
    }

    /// The embedding models of the enabled providers, provider by provider
    /// (`list_embedding_models`).
    pub async fn list_embedding(&self) -> Result<Vec<EmbeddingConfig>, LettaError> {
        self.client.call(ops::list_embedding_models()).await
    }
}
